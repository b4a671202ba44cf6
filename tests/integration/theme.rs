//! The default theme's pages as files: the timeline's chart, the legend of editorial
//! marks and the name cards on the memo's page, the search page's form, what a
//! document page weighs, and the pages' languages. (`pagination.rs` checks long lists;
//! `theme_browser.rs` opens the pages in a browser.)

use crate::common::{assert_links_resolve, between, build, generated, repo_path};

#[test]
fn the_timeline_draws_documents_per_year_as_inline_svg() {
    let (_source, built) = generated(120);
    let html = built.page("timeline/index.html");
    let svg = between(&html, "<svg class=\"chart\"", "</svg>");
    assert!(svg.contains("role=\"group\"") && svg.contains("<title id=\"chart-title\">Documents per"));
    let bars = svg.matches("<rect class=\"chart-bar\"").count();
    let years = html.matches("<ul class=\"months\">").count();
    assert!(bars > 0 && bars <= years, "{bars} bars for {years} years");
    // Each bar leads to its year, for the mouse only: the list of years is the way in
    // for the keyboard.
    assert_eq!(svg.matches("<a href=\"../timeline/").count(), bars, "{svg}");
    assert_eq!(svg.matches("tabindex=\"-1\"").count(), bars);
    assert_links_resolve(&built.out(), "timeline/index.html");
    assert!(!svg.contains("<script"), "the chart needs no script");
    // The page's scripts are the header box's and the interface's words.
    assert_eq!(html.matches("<script").count(), 2, "{html}");
    assert!(html.contains("static/quick.js\" defer></script>"));
    assert!(html.contains("static/interface.js\" defer></script>"));
}

#[test]
fn the_memos_page_explains_its_marks_and_carries_a_card_for_each_name() {
    let built = build(&repo_path("seeds"));
    let html = built.page("documents/sino-korean-relations-1966/index.html");
    let legend = between(&html, "<details class=\"legend\">", "</details>");
    for mark in ["omission", "insertion", "sic", "page-number", "page-break"] {
        assert!(
            legend.contains(&format!("class=\"{mark}\"")),
            "the legend explains {mark}: {legend}"
        );
    }
    // The cards as data for the page's script: one a name, not a mention.
    let cards = between(
        &html,
        "<script type=\"application/json\" id=\"entity-cards\">",
        "</script>",
    );
    assert_eq!(cards.matches("\"kim-il-sung\":").count(), 1, "{cards}");
    let cards: serde_json::Value = serde_json::from_str(cards).expect("the cards are JSON");
    assert_eq!(cards["kim-il-sung"][0], "Kim Il Sung");
    assert_eq!(cards["kim-il-sung"][1], "Person");
    assert!(cards.as_object().is_some_and(|c| c.len() > 10), "a card for each name");
}

#[test]
fn the_search_page_has_its_own_form_and_no_second_box_in_the_header() {
    let built = build(&repo_path("seeds"));
    assert!(built
        .page("index.html")
        .contains("<form class=\"search-box\" role=\"search\""));
    let search = built.page("search/index.html");
    assert!(
        !search.contains("class=\"search-box\""),
        "{}",
        between(&search, "<header", "</header>")
    );
    assert_eq!(search.matches("role=\"search\"").count(), 1);
}

/// The budget: a document page's HTML, CSS and JavaScript, the text itself
/// left out, under 50 KB.
#[test]
fn a_document_page_weighs_under_50_kb_before_its_text() {
    let built = build(&repo_path("seeds"));
    let html = built.page("documents/sino-korean-relations-1966/index.html");
    let text = between(&html, "<section class=\"text\"", "</section>");
    let mut weight = html.len() - text.len();
    let mut assets = Vec::new();
    for attribute in ["href=\"../../static/", "src=\"../../static/"] {
        for (at, _) in html.match_indices(attribute) {
            let name = html[at + attribute.len()..].split('"').next().unwrap_or_default();
            if name.ends_with(".css") || name.ends_with(".js") {
                assets.push(name.to_string());
            }
        }
    }
    for name in &assets {
        weight += std::fs::metadata(built.out().join("static").join(name))
            .map(|m| m.len() as usize)
            .unwrap_or_else(|_| panic!("static/{name} is written"));
    }
    assert!(assets.iter().any(|a| a == "style.css"), "{assets:?}");
    assert!(weight < 50_000, "{weight} bytes before the text ({assets:?})");
}

#[test]
fn the_page_is_in_the_interfaces_language_and_each_text_in_its_own() {
    let archive = |language: &str| {
        let collection = tempfile::tempdir().expect("temp");
        std::fs::write(
            collection.path().join("INDEX.md"),
            format!("---\ntitle: Архив\nlanguage: {language}\ndocuments:\n  - file: brief.txt\n    title: Ein Brief\n    language: de\n    summary: Ein kurzer Brief.\n---\nВведение.\n"),
        )
        .expect("write");
        std::fs::write(
            collection.path().join("brief.txt"),
            "Lieber Freund, ich schreibe dir heute.\n",
        )
        .expect("write");
        let built = crate::common::build(collection.path());
        (collection, built)
    };
    // Russian has a translation: the labels are Russian, and so is the page.
    let (_russian, built) = archive("ru");
    let page = built.page("documents/brief/index.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"),
        "the labels are Russian"
    );
    assert!(page.contains("<h2 id=\"metadata-heading\">Об этом документе</h2>"));
    assert!(
        page.contains("<dt>Язык</dt><dd>немецкий</dd>"),
        "the language named in Russian"
    );
    assert!(
        page.contains("<p class=\"site-title\"><a"),
        "the title is in the page's language"
    );
    assert!(page.contains("<h1 lang=\"de\">Ein Brief</h1>"));
    assert!(page.contains("<div lang=\"de\"><p>Ein kurzer Brief.</p>"), "{page}");
    assert!(page.contains("class=\"text\" aria-labelledby=\"text-heading\" lang=\"de\""));
    let home = built.page("index.html");
    assert!(home.contains("<section class=\"introduction\">"));
    // Russian records for English readers: the interface's language apart.
    let (_apart, built) = archive("ru\ninterface_language: en");
    let page = built.page("documents/brief/index.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "the labels are English"
    );
    assert!(page.contains("<h2 id=\"metadata-heading\">About this document</h2>"));
    assert!(
        page.contains("<p class=\"site-title\" lang=\"ru\">"),
        "the archive's title is Russian"
    );
    assert!(page.contains("<h1 lang=\"de\">Ein Brief</h1>"));
    assert!(page.contains("“Ein Brief”"), "the citations' terms are English: {page}");
    assert!(built.report.warnings.is_empty(), "{:?}", built.report.warnings);
    // A language dossier has no words in: the labels are English, the archive's own
    // texts keep their language.
    let (_other, built) = archive("cv");
    let untranslated: Vec<_> = built
        .report
        .warnings
        .iter()
        .filter(|w| w.message.contains("no translation into `cv`"))
        .collect();
    assert_eq!(untranslated.len(), 1, "one warning: {:?}", built.report.warnings);
    let page = built.page("documents/brief/index.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "the labels are English"
    );
    assert!(page.contains("<h2 id=\"metadata-heading\">About this document</h2>"));
    assert!(
        page.contains("<p class=\"site-title\" lang=\"cv\">"),
        "the archive's title is Chuvash"
    );
    let home = built.page("index.html");
    assert!(home.contains("<section class=\"introduction\" lang=\"cv\">"));
}
