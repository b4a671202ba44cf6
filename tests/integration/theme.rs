//! The default theme's pages as files: long lists, long directories and an entity's
//! many letters cut into pages that link to each other, the timeline's chart, the
//! legend of editorial marks and the name cards on the memo's page, and what a document
//! page weighs. (`theme_browser.rs` opens them in a browser.)

use crate::common::{self, assert_links_resolve, between, build, repo_path, Built};
use dossier::render::pagination::{APPEARANCES_PER_PAGE, DIRECTORY_ENTRIES_PER_PAGE, DOCUMENTS_PER_PAGE};

fn generated(documents: usize) -> (tempfile::TempDir, Built) {
    let source = tempfile::tempdir().expect("temporary folder");
    dossier::generate::generate(source.path(), documents, 1966).expect("generated collection");
    let built = build(source.path());
    (source, built)
}

/// The documents a list page shows, by their links' class.
fn listed(html: &str, item_class: &str) -> usize {
    html.matches(&format!("class=\"{item_class}\"")).count()
}

#[test]
fn long_lists_are_cut_into_linked_pages_that_together_list_everything() {
    let (_source, built) = generated(320);
    let out = built.out();

    // The home page: 320 documents, 100 a page.
    let first = built.page("index.html");
    assert!(
        first.contains("1–100 of 320 · page 1 of 4"),
        "{}",
        between(&first, "<main", "</main>")
    );
    assert!(first.contains(r#"<a rel="next" href="page/2/index.html">"#));
    let last = built.page("page/4/index.html");
    assert!(last.contains("301–320 of 320 · page 4 of 4"));
    assert!(last.contains(r#"<a rel="prev" href="../../page/3/index.html">"#));
    assert!(!out.join("page/5/index.html").exists());
    let mut shown = 0;
    for path in [
        "index.html",
        "page/2/index.html",
        "page/3/index.html",
        "page/4/index.html",
    ] {
        let html = built.page(path);
        shown += listed(&html, "document-title");
        assert_links_resolve(&out, path);
    }
    assert_eq!(shown, 320, "every document is on one of the pages");

    // The most named entity: its documents, 50 a page, with the count of all of them.
    let entity = built.page("entities/e1/index.html");
    let named_in: usize = between(&entity, "Named in ", " document")
        .parse()
        .expect("the count of documents naming it");
    assert!(named_in > APPEARANCES_PER_PAGE, "e1 is named in {named_in} documents");
    let pages = named_in.div_ceil(APPEARANCES_PER_PAGE);
    let mut appearances = listed(&entity, "document-title");
    for number in 2..=pages {
        let path = format!("entities/e1/page/{number}/index.html");
        let html = built.page(&path);
        assert!(html.contains(&format!("Named in {named_in} documents")), "{path}");
        assert!(
            !html.contains("Often named with"),
            "companions are on the first page only"
        );
        appearances += listed(&html, "document-title");
        assert_links_resolve(&out, &path);
    }
    assert_eq!(appearances, named_in);
    assert!(entity.contains("Often named with"));

    // The subject given to most documents: more than a page holds.
    let subject = built.page("subjects/subject-0/index.html");
    let count: usize = between(&subject, "<p class=\"count\">", " documents")
        .parse()
        .expect("count");
    assert!(count > DOCUMENTS_PER_PAGE, "Subject 0 has {count} documents");
    let second = built.page("subjects/subject-0/page/2/index.html");
    assert_eq!(
        listed(&subject, "document-title") + listed(&second, "document-title"),
        count,
        "its two pages list all its documents"
    );
    assert!(second.contains(r#"<h1>Subject 0</h1>"#));
    assert_links_resolve(&out, "subjects/subject-0/page/2/index.html");
}

/// The labels a directory page lists, in order.
fn directory_labels(html: &str) -> Vec<String> {
    html.split("<ul class=\"directory\">")
        .skip(1)
        .flat_map(|list| {
            list.split("</ul>")
                .next()
                .unwrap_or_default()
                .split("<li><a href=\"")
                .skip(1)
        })
        .map(|item| between(item, "\">", "</a>").to_string())
        .collect()
}

#[test]
fn a_long_directory_is_cut_into_pages_whose_letters_lead_where_each_begins() {
    // 2,300 entries, three pages, and K begins on the first page and goes on over the
    // second's top.
    let (source, mut people) = common::many_people();
    assert!(people.len() > 2 * DIRECTORY_ENTRIES_PER_PAGE);
    let built = build(source.path());
    let out = built.out();

    let paths = [
        "people/index.html",
        "people/page/2/index.html",
        "people/page/3/index.html",
    ];
    assert!(!out.join("people/page/4/index.html").exists());
    let mut listed = Vec::new();
    for (number, path) in paths.iter().enumerate() {
        let html = built.page(path);
        assert!(html.contains("<p class=\"count\">2300 entries</p>"), "{path}");
        assert!(
            html.contains(&format!("<title>People, page {} · Many People</title>", number + 1)),
            "{path}"
        );
        assert_links_resolve(&out, path);
        // Every letter, on every page, leads to the page and heading where it begins.
        let letters = between(&html, "<nav class=\"letters\"", "</nav>");
        assert_eq!(letters.matches("<a href=").count(), 25, "{path}");
        for link in letters.split("<a href=\"").skip(1) {
            let href = &link[..link.find('"').expect("quote")];
            let (target, anchor) = href.split_once('#').expect("a letter links to a heading");
            let target_html = if target.is_empty() {
                html.clone()
            } else {
                std::fs::read_to_string(out.join(path).parent().expect("folder").join(target)).expect("target page")
            };
            let letter = between(link, "\">", "</a>");
            assert!(
                target_html.contains(&format!("<h2 id=\"{anchor}\">{letter}</h2>")),
                "{path}: {href} is not where {letter} begins"
            );
        }
        listed.extend(directory_labels(&html));
    }
    people.sort();
    assert_eq!(listed, people, "the pages list everyone once, in order");

    let second = built.page(paths[1]);
    assert!(second.contains("1001–2000 of 2300 · page 2 of 3"));
    let first_heading = between(&second, "<h2 id=", "</h2>");
    assert_eq!(first_heading, "\"letter-11\">K <span class=\"count\">continued</span>");
}

#[test]
fn an_entitys_page_shows_its_earliest_letters_and_links_to_all_of_them() {
    // 130 letters by one person, the first 15 of them to another.
    let source = common::many_letters();
    let built = build(source.path());
    let out = built.out();

    let ana = built.page("entities/ana/index.html");
    let by = between(&ana, "<h2 id=\"authored-heading\">", "</section>");
    assert!(
        by.starts_with("Documents by Ana Author <span class=\"count\">130</span>"),
        "{by}"
    );
    assert_eq!(listed(by, "document-title"), 20, "the earliest twenty");
    assert!(by.contains("1 May 1800") && !by.contains("1 May 1820"), "{by}");
    assert!(by.contains("<a href=\"../../entities/ana/by/index.html\">All 130 documents by Ana Author</a>"));
    assert!(!out.join("entities/ana/to").exists(), "Ana received nothing");
    assert_links_resolve(&out, "entities/ana/index.html");

    let mut all = 0;
    for path in ["entities/ana/by/index.html", "entities/ana/by/page/2/index.html"] {
        let html = built.page(path);
        assert!(html.contains("<h1>Documents by Ana Author</h1>"), "{path}");
        assert!(
            html.contains("<p class=\"up\"><a href=\"") && html.contains("entities/ana/index.html\">Ana Author</a>")
        );
        all += listed(&html, "document-title");
        assert_links_resolve(&out, path);
    }
    assert_eq!(all, 130);
    assert!(built
        .page("entities/ana/by/page/2/index.html")
        .contains("101–130 of 130"));

    // Fifteen fit on the page: no list of their own.
    let rea = built.page("entities/rea/index.html");
    let to = between(&rea, "<h2 id=\"received-heading\">", "</section>");
    assert_eq!(listed(to, "document-title"), 15);
    assert!(!to.contains("All 15"));
    assert!(!out.join("entities/rea/to").exists());
}

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
    // The page's one script is the header box's.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert!(html.contains("static/quick.js\" defer></script>"));
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
    let cards = between(&html, "<div class=\"entity-cards\" hidden>", "\n</div>");
    assert!(cards.contains(r#"<div class="entity-card" id="card-kim-il-sung" role="tooltip"><strong>Kim Il Sung</strong> <span class="entity-card-kind">Person</span>"#), "{cards}");
    // One card a name, not a mention.
    assert_eq!(cards.matches("id=\"card-kim-il-sung\"").count(), 1);
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

/// The issue's budget: a document page's HTML, CSS and JavaScript, the text itself
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
    let collection = tempfile::tempdir().expect("temp");
    std::fs::write(
        collection.path().join("INDEX.md"),
        "---\ntitle: Архив\nlanguage: ru\ndocuments:\n  - file: brief.txt\n    title: Ein Brief\n    language: de\n    summary: Ein kurzer Brief.\n---\nВведение.\n",
    )
    .expect("write");
    std::fs::write(
        collection.path().join("brief.txt"),
        "Lieber Freund, ich schreibe dir heute.\n",
    )
    .expect("write");
    let built = crate::common::build(collection.path());
    let page = built.page("documents/brief/index.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "the labels are English"
    );
    assert!(
        page.contains("<p class=\"site-title\" lang=\"ru\">"),
        "the archive's title is Russian"
    );
    assert!(page.contains("<h1 lang=\"de\">Ein Brief</h1>"));
    assert!(page.contains("<div lang=\"de\"><p>Ein kurzer Brief.</p>"), "{page}");
    assert!(page.contains("class=\"text\" aria-labelledby=\"text-heading\" lang=\"de\""));
    let home = built.page("index.html");
    assert!(home.contains("<section class=\"introduction\" lang=\"ru\">"));
}
