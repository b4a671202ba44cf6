//! What crawlers and aggregators harvest: the sitemap, robots.txt, the Atom feed and
//! the OAI-PMH static repository are well-formed XML (parsed here) and list every
//! document.

use std::fs;

use crate::common::{self, build, fixture};

const DOCUMENTS: [&str; 3] = ["none", "two", "undated"];

fn parse(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{text}"))
}

fn texts<'a>(document: &'a roxmltree::Document<'a>, name: &str) -> Vec<&'a str> {
    document
        .descendants()
        .filter(|n| n.tag_name().name() == name)
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn the_sitemap_lists_every_page_and_robots_names_it() {
    let built = build(&fixture("cite"));
    let text = built.page("sitemap.xml");
    let sitemap = parse(&text);
    assert_eq!(
        sitemap.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locations = texts(&sitemap, "loc");
    for id in DOCUMENTS {
        assert!(
            locations.contains(&format!("https://example.org/archive/documents/{id}/index.html").as_str()),
            "{id}: {locations:?}"
        );
    }
    assert!(locations.contains(&"https://example.org/archive/index.html"));
    assert!(locations.contains(&"https://example.org/archive/entities/kim/index.html"));
    // Document pages carry the day their source last changed.
    assert_eq!(texts(&sitemap, "lastmod").len(), DOCUMENTS.len());
    assert!(texts(&sitemap, "lastmod")
        .iter()
        .all(|d| d.len() == 10 && d.as_bytes()[4] == b'-'));
    assert_eq!(
        built.page("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/archive/sitemap.xml\n"
    );
}

#[test]
fn the_feed_lists_every_document_in_catalogue_order() {
    let built = build(&fixture("cite"));
    let text = built.page("feed.xml");
    let feed = parse(&text);
    let root = feed.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    let entries: Vec<roxmltree::Node<'_, '_>> = root.children().filter(|n| n.tag_name().name() == "entry").collect();
    let ids: Vec<&str> = entries
        .iter()
        .filter_map(|e| {
            e.children()
                .find(|n| n.tag_name().name() == "id")
                .and_then(|n| n.text())
        })
        .collect();
    let expected: Vec<String> = DOCUMENTS
        .iter()
        .map(|id| format!("https://example.org/archive/documents/{id}/index.html"))
        .collect();
    assert_eq!(ids, expected);
    // Titles with markup characters arrive as text.
    assert!(texts(&feed, "title").contains(&"Citation Fixture & Co."));
    assert!(texts(&feed, "name").contains(&"Kim Il Sung"));
    for entry in &entries {
        assert!(entry.children().any(|n| n.tag_name().name() == "updated"));
    }
}

#[test]
fn the_oai_repository_has_a_dublin_core_record_for_every_document() {
    let built = build(&fixture("cite"));
    let text = built.page("oai.xml");
    let oai = parse(&text);
    let root = oai.root_element();
    assert_eq!(root.tag_name().name(), "Repository");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.openarchives.org/OAI/2.0/static-repository")
    );
    assert_eq!(texts(&oai, "repositoryName"), ["Citation Fixture & Co."]);
    assert_eq!(texts(&oai, "baseURL"), ["https://example.org/archive/oai.xml"]);
    assert_eq!(texts(&oai, "adminEmail"), ["archivist@example.org"]);
    assert_eq!(texts(&oai, "metadataPrefix"), ["oai_dc"]);
    let identifiers = texts(&oai, "identifier");
    for id in DOCUMENTS {
        assert!(
            identifiers.contains(&format!("oai:example.org:{id}").as_str()),
            "{identifiers:?}"
        );
    }
    let dc = |name: &str| -> Vec<&str> {
        oai.descendants()
            .filter(|n| {
                n.tag_name().namespace() == Some("http://purl.org/dc/elements/1.1/") && n.tag_name().name() == name
            })
            .filter_map(|n| n.text())
            .collect()
    };
    assert_eq!(
        dc("title"),
        ["An unsigned note", "A letter on {braces}", "An undated report"]
    );
    assert_eq!(dc("source"), ["Fond 5 & opis 49, delo 100%"]);
    assert!(dc("creator").contains(&"Kim Il Sung"));
    assert!(dc("type").iter().filter(|t| **t == "manuscript").count() == DOCUMENTS.len());
}

#[test]
fn without_a_base_url_there_is_a_feed_but_no_sitemap() {
    let built = build(&fixture("search"));
    let out = built.out();
    assert!(out.join("feed.xml").is_file());
    for file in ["sitemap.xml", "robots.txt", "oai.xml"] {
        assert!(!out.join(file).exists(), "{file}");
    }
    let text = built.page("feed.xml");
    let feed = parse(&text);
    assert!(texts(&feed, "id").iter().all(|id| id.starts_with("urn:dossier:")));
}

#[test]
fn the_oai_base_url_is_the_gateways_followed_by_the_repositorys_own() {
    let dir = tempfile::tempdir().expect("temp");
    for entry in fs::read_dir(fixture("cite")).expect("fixture") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            fs::copy(&path, dir.path().join(path.file_name().expect("a name"))).expect("copy");
        }
    }
    let index = dir.path().join("INDEX.md");
    let catalogue = fs::read_to_string(&index).expect("catalogue");
    fs::write(
        &index,
        catalogue.replacen(
            "contact_email:",
            "oai_gateway: https://gateway.example.net/oai\ncontact_email:",
            1,
        ),
    )
    .expect("write");
    let built = build(dir.path());
    let text = built.page("oai.xml");
    let oai = parse(&text);
    assert_eq!(
        texts(&oai, "baseURL"),
        ["https://gateway.example.net/oai/example.org/archive/oai.xml"]
    );
    assert!(!built.report.warnings.iter().any(|w| w.context == "oai_gateway"));

    // Without a gateway, the build says what is missing.
    let built = build(&fixture("cite"));
    let warning = built
        .report
        .warnings
        .iter()
        .find(|w| w.context == "oai_gateway")
        .expect("a warning");
    assert!(warning.message.contains("no gateway is named"), "{warning}");
}

/// The page head's `DC.*` tags of a document page, in order, unescaped.
fn head_dublin_core(html: &str) -> Vec<(String, String)> {
    let head = common::between(html, "<head>", "</head>");
    head.split("<meta name=\"DC.")
        .skip(1)
        .map(|tag| {
            let (name, rest) = tag.split_once('"').expect("a name");
            let content = common::unescape(common::between(rest, "content=\"", "\""));
            (name.to_string(), content)
        })
        .collect()
}

#[test]
fn the_page_head_and_the_oai_record_give_the_same_dublin_core() {
    let collection = common::collection(
        "title: Crosswalk & Co.\nbase_url: https://example.org/\ncontact_email: a@example.org\nlanguage: en\n\
         documents:\n  - file: memo.txt\n    title: A memo\n    date: 1966-11\n    type: Memorandum\n    \
         authors: [\"Puzanov, A.\"]\n    subjects: [Border, Aid]\n    source: Fond 5\n    rights: Public domain\n    \
         summary: \"The *first* memo, [with a link](https://example.org/x), in two\\n\\nparagraphs.\"\n  \
         - file: bare.txt\n    title: A bare note\n",
        &[("memo.txt", "Text.\n"), ("bare.txt", "Other text.\n")],
    );
    let built = build(collection.path());
    let oai_text = built.page("oai.xml");
    let oai = parse(&oai_text);
    let records: Vec<Vec<(String, String)>> = oai
        .descendants()
        .filter(|n| n.tag_name().name() == "dc")
        .map(|record| {
            record
                .children()
                .filter(|n| n.is_element())
                .map(|n| (n.tag_name().name().to_string(), n.text().unwrap_or("").to_string()))
                .collect()
        })
        .collect();
    assert_eq!(records.len(), 2);
    for (id, record) in ["memo", "bare"].into_iter().zip(&records) {
        let head = head_dublin_core(&built.page(&format!("documents/{id}/index.html")));
        assert_eq!(&head, record, "{id}: the page head and oai.xml differ");
    }
    let memo: Vec<(&str, &str)> = records[0].iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    assert_eq!(
        memo,
        [
            ("title", "A memo"),
            ("creator", "Puzanov, A."),
            ("subject", "Border"),
            ("subject", "Aid"),
            ("description", "The first memo, with a link, in two paragraphs."),
            ("publisher", "Crosswalk & Co."),
            ("date", "1966-11"),
            ("type", "manuscript"),
            ("type", "Memorandum"),
            ("identifier", "https://example.org/documents/memo/index.html"),
            ("source", "Fond 5"),
            ("language", "en"),
            ("rights", "Public domain"),
        ]
    );
}
