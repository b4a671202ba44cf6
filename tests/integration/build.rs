//! Whole builds of the seed collection and of a fixture mixing `.txt` and `.md`.

use crate::common;

use std::fs;

use crate::common::{assert_links_resolve, build, definition, fixture, main_of, repo_path, try_build};

#[test]
fn the_seed_collection_builds_a_home_page_and_the_memo_page() {
    let built = build(&repo_path("seeds"));
    assert_eq!(built.report.documents, 1);
    assert!(built.report.warnings.is_empty(), "{:?}", built.report.warnings);

    let home = built.page("index.html");
    assert!(home.contains("<html lang=\"en\">"));
    assert!(home.contains("<title>Korea and the Socialist Camp, 1963-1967</title>"));
    assert!(
        home.contains("This archive gathers translated records"),
        "the introduction is shown"
    );
    assert!(home.contains(
        "<a class=\"document-title\" href=\"documents/sino-korean-relations-1966/index.html\">Sino-Korean Relations in 1966 (memo)</a>"
    ));
    assert!(home.contains("<time datetime=\"1966-11\" title=\"EDTF: 1966-11/1966-12\">November – December 1966</time>"));
    assert!(home.contains("<span class=\"document-type\">Memorandum</span>"));
    // The introduction's link to the source file points to the document's page.
    assert!(
        home.contains("<a href=\"documents/sino-korean-relations-1966/index.html\">Sino-Korean Relations in 1966</a>")
    );

    let memo = built.page("documents/sino-korean-relations-1966/index.html");
    for (term, shown) in [
        ("Date", "November – December 1966"),
        ("Type", "Memorandum"),
        ("Author", "A. Borunkov"),
        ("Source", "AVPRF, fond 0102 (the further reference is not given in the transcription)"),
        ("Language", "English"),
        ("Original language", "Russian"),
        ("Collection", "DPRK-China Relations"),
        ("Subjects", "Sino-Korean relations Soviet-Korean relations Sino-Soviet split Cultural Revolution Vietnam War International Communist movement Military cooperation"),
        ("Signed", "First Secretary of the Soviet Embassy to the DPRK (A. Borunkov)"),
        ("Source file", "000_7ed38372ebe9454f.txt (11.4 KB)"),
        ("SHA-256", "3456e668f54e069f7faa6d459790d39e7ddec90141eb9adb697866dc36eab62b"),
    ] {
        assert_eq!(definition(&memo, term).as_deref(), Some(shown), "{term}");
    }
    assert!(memo.contains("class=\"summary\""));
    for page in ["index.html", "documents/sino-korean-relations-1966/index.html"] {
        assert_links_resolve(&built.out(), page);
    }
    assert!(built.out().join("static/style.css").is_file());
}

#[test]
fn the_memo_page_is_what_it_was() {
    let built = build(&repo_path("seeds"));
    let page = built.page("documents/sino-korean-relations-1966/index.html");
    insta::assert_snapshot!("memo_main", main_of(&page));
}

#[test]
fn a_mixed_collection_builds_text_and_markdown_documents() {
    let built = build(&fixture("mixed"));
    assert_eq!(built.report.documents, 3);

    // The uncatalogued file is built from what it says, with a warning.
    let warnings: Vec<String> = built.report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("uncatalogued.txt: not in the catalogue"),
        "{warnings:?}"
    );
    let note = built.page("documents/uncatalogued/index.html");
    assert!(note.contains("<h1>An Uncatalogued Note</h1>"));

    let letter = built.page("documents/letter-1966/index.html");
    assert!(
        letter.contains("<h1 lang=\"ru\">Letter to the Ministry</h1>"),
        "the title defaults to the first line, in the text's language"
    );
    assert!(letter.contains("<time datetime=\"1966-11-03\" title=\"EDTF: 1966-11-03\">3 November 1966</time>"));
    assert!(letter.contains("We ask you to look into the matter &lt;urgently&gt; &amp; report."));
    assert!(letter.contains("id=\"page-2\""));
    assert!(letter.contains("<span class=\"sic\" title=\"Sic: so in the original\">[sic]</span>"));
    assert!(letter.contains("<span class=\"insertion\" title=\"Editorial insertion\">[of the]</span>"));
    for (term, shown) in [
        ("Author", "I. Ivanov"),
        ("Recipient", "A Plain Name"),
        ("Translator", "T. Translator"),
        ("Collection", "Letters"),
        ("Subjects", "Trade Yes"),
        ("Classification", "Secret"),
        ("Copies", "3"),
    ] {
        assert_eq!(definition(&letter, term).as_deref(), Some(shown), "{term}");
    }

    let commentary = built.page("documents/commentary/index.html");
    assert!(
        commentary.contains("<h1>The catalogue&#39;s title wins</h1>"),
        "the catalogue wins over front matter"
    );
    assert!(
        commentary.contains("<p class=\"document-type\">Note</p>"),
        "front matter fills what the catalogue leaves"
    );
    assert!(commentary.contains(">c. 1967</time>"));
    assert!(commentary.contains("<h2 id=\"commentary\">Commentary</h2>"));
    assert!(commentary.contains("<a href=\"../../documents/letter-1966/index.html\">letter</a>"));
    assert!(commentary.contains("class=\"footnote-definition\""));
    assert!(commentary.contains("<table>"));
    assert!(commentary.contains("<del>Struck</del>"));
    assert!(commentary.contains("<code class=\"language-rust\"><span class=\"hl-source hl-rust\">"));
    assert!(commentary.contains("&lt;hello&gt;"));

    let home = built.page("index.html");
    let list = common::between(&home, "id=\"documents\"", "</section>");
    let order: Vec<usize> = ["letter-1966/", "commentary/", "uncatalogued/"]
        .iter()
        .map(|id| list.find(&format!("documents/{id}index.html\">")).expect(id))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "catalogue order, then the uncatalogued"
    );
    assert!(home.contains("href=\"documents/letter-1966/index.html#page-2\""));
    assert!(home.contains("href=\"documents/commentary/index.html\""));

    // `related` links the documents; the text carries its language; base_url gives a
    // canonical link; `exclude:` leaves drafts out.
    assert!(letter.contains("<h2 id=\"related-heading\">Related documents</h2>"));
    assert!(letter.contains("<a class=\"document-title\" href=\"../../documents/commentary/index.html\">"));
    assert!(letter.contains("<section class=\"text\" aria-labelledby=\"text-heading\" lang=\"ru\">"));
    assert!(letter
        .contains("<link rel=\"canonical\" href=\"https://example.org/archive/documents/letter-1966/index.html\">"));
    assert!(!built.out().join("documents/old").exists(), "drafts/ is excluded");

    for page in [
        "index.html",
        "documents/letter-1966/index.html",
        "documents/commentary/index.html",
        "documents/uncatalogued/index.html",
    ] {
        assert_links_resolve(&built.out(), page);
    }
}

#[test]
fn catalogue_values_are_read_as_the_editor_means_them() {
    let built = build(&fixture("yaml-values"));
    let home = built.page("index.html");
    assert!(home.contains("<title>1984</title>"));
    let page = built.page("documents/1961/index.html");
    assert!(page.contains("<h1>1984</h1>"));
    assert_eq!(definition(&page, "Date").as_deref(), Some("1966"));
    assert_eq!(definition(&page, "Subjects").as_deref(), Some("Yes No true 1.5"));
    assert_eq!(definition(&page, "Pages").as_deref(), Some("12"));
    assert_eq!(definition(&page, "Copy").as_deref(), Some("007"));
    let dated = built.page("documents/b/index.html");
    assert_eq!(definition(&dated, "Date").as_deref(), Some("3 November 1966"));
    let undated = built.page("documents/c/index.html");
    assert_eq!(definition(&undated, "Date").as_deref(), Some("Undated"));
}

#[test]
fn a_collection_overrides_templates_one_at_a_time() {
    let collection = tempfile::tempdir().expect("temp");
    fs::write(collection.path().join("INDEX.md"), "---\ntitle: Own Look\n---\n").expect("write");
    fs::write(collection.path().join("a.txt"), "A text\n").expect("write");
    fs::create_dir(collection.path().join("templates")).expect("mkdir");
    fs::write(
        collection.path().join("templates/document.html"),
        "{% extends \"base.html\" %}{% block main %}<p class=\"mine\">{{ document.title }}</p>{% endblock main %}",
    )
    .expect("write");
    fs::write(collection.path().join("templates/notes.md"), "not a document").expect("write");
    let (_dir, result) = try_build(collection.path());
    let report = result.expect("builds");
    assert_eq!(report.documents, 1, "templates/ holds no documents");
    let page = fs::read_to_string(_dir.path().join("output/documents/a/index.html")).expect("page");
    assert!(page.contains("<p class=\"mine\">A text</p>"));
    assert!(
        page.contains("<title>Own Look</title>"),
        "the default base.html is still used"
    );
}
