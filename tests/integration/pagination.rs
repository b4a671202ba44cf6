//! Long lists, long directories and an entity's many letters, cut into pages that link
//! to each other and together list everything.

use crate::common::{self, assert_links_resolve, between, build, generated};
use dossier::render::pagination::{APPEARANCES_PER_PAGE, DIRECTORY_ENTRIES_PER_PAGE, DOCUMENTS_PER_PAGE};

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

    // The most named entity: its documents, 200 a page, with the count of all of them.
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
