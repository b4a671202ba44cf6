//! The search page in real browsers: headless Chromium and Firefox, driven by
//! playwright-core (`tests/browser/`), open a built archive from file:// and over
//! http://127.0.0.1, type queries into the search box, tick a facet, follow a passage
//! and search inside its document, and the results, phrase matching, exclusion, facet
//! counts, the address and name suggestions are checked in the page.
//!
//! Both browsers come from the system's packages (`.ci/run` installs them). Where one
//! is missing, the test fails under CI and, elsewhere, says which it skipped and how
//! to install it.

use std::collections::BTreeMap;

use crate::common::{browsers, build, fixture, serve_folder};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Visit {
    steps: Vec<Shown>,
    /// The ticked search opened from its address; then unticked; then Back.
    linked: Shown,
    unticked: Shown,
    back: Shown,
    /// The first passage of the ticked search, opened: its href, and its page.
    passage: String,
    opened: Opened,
    #[serde(rename = "afterNext")]
    after_next: String,
    inside: Inside,
    /// The header's box on the home page, "Pek" typed.
    #[serde(rename = "box")]
    header_box: HeaderBox,
    problems: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct HeaderBox {
    results: Vec<String>,
    names: Vec<String>,
    all: String,
    #[serde(rename = "allText")]
    all_text: String,
}

#[derive(Debug, Deserialize)]
struct Opened {
    marks: usize,
    #[serde(rename = "currentIn")]
    current_in: String,
    count: String,
    #[serde(rename = "formShown")]
    form_shown: bool,
}

#[derive(Debug, Deserialize)]
struct Inside {
    marks: Vec<String>,
    count: String,
}

#[derive(Debug, Deserialize)]
struct Shown {
    status: String,
    titles: Vec<String>,
    snippets: Vec<Snippet>,
    facets: Vec<String>,
    checked: Vec<String>,
    address: String,
    names: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Snippet {
    href: String,
    html: String,
}

impl Shown {
    fn sorted_titles(&self) -> Vec<&str> {
        let mut titles: Vec<&str> = self.titles.iter().map(String::as_str).collect();
        titles.sort();
        titles
    }
}

#[test]
#[cfg_attr(
    browser_tests_skipped,
    ignore = "needs Chromium or Firefox, Node.js and npm from the system's packages: apt-get install chromium firefox-esr nodejs npm"
)]
fn a_reader_types_queries_into_the_search_page_from_disk_and_over_http() {
    let browsers = browsers("the search page's browser test");
    if browsers.is_empty() {
        return;
    }
    let built = build(&fixture("search"));
    let out = built.out();
    let port = serve_folder(out.clone(), 400);
    let pages = [
        format!("file://{}/search/index.html", out.display()),
        format!("http://127.0.0.1:{port}/search/index.html"),
    ];
    for browser in &browsers {
        let report: BTreeMap<String, Visit> = browser.drive("search.js", &pages);
        for url in &pages {
            let page = format!("{} {url}", browser.engine);
            check_search_visit(&page, &report[url]);
        }
    }
}

/// What one browser showed on one search page: `page` names both in the messages.
fn check_search_visit(page: &str, visit: &Visit) {
    assert!(visit.problems.is_empty(), "{page}: {:?}", visit.problems);
    let [deep, struggle, phrase, phrase_in_order, no_phrase, excluded, delegation, beijing, zhou, pek, prefix, again, ticked] =
        &visit.steps[..]
    else {
        panic!("{page}: {} steps", visit.steps.len());
    };

    // A word only in the last paragraph of a long text, past the part of it loaded
    // first: the passage is that paragraph, marked, linked.
    assert_eq!(deep.titles, ["An account of the harvest"], "{page}");
    let [passage] = &deep.snippets[..] else {
        panic!("{page}: {:?}", deep.snippets);
    };
    assert!(passage.href.ends_with("?q=phosphate#p46"), "{page}: {passage:?}");
    assert!(
        passage.html.contains("county office for <mark>phosphate</mark>"),
        "{page}: {passage:?}"
    );

    // Stemming: "struggle" finds "struggle" and "struggles"; the snippet marks the
    // word and links to its paragraph.
    assert_eq!(
        struggle.sorted_titles(),
        ["A letter from Peking", "A report on trade"],
        "{page}"
    );
    assert!(
        struggle
            .snippets
            .iter()
            .any(|s| s.html.contains("<mark>struggle</mark>")),
        "{page}: {:?}",
        struggle.snippets
    );
    assert!(
        struggle
            .snippets
            .iter()
            .any(|s| s.href.ends_with("index.html?q=struggle#p2")),
        "{page}: the snippet links to its paragraph"
    );

    // A phrase, the same words in another order, and words that are not a phrase.
    assert_eq!(phrase.titles, ["A note on the revolution"], "{page}");
    assert_eq!(phrase_in_order.titles, ["A note on the revolution"], "{page}");
    assert!(no_phrase.titles.is_empty(), "{page}: {:?}", no_phrase.titles);
    assert_eq!(no_phrase.status, "0 documents", "{page}");

    // Exclusion.
    assert_eq!(
        excluded.sorted_titles(),
        ["A letter from Peking", "Another letter"],
        "{page}"
    );

    // Facet counts over the result set, and a ticked facet narrowing it.
    assert_eq!(delegation.status, "3 documents", "{page}");
    assert!(
        delegation.facets.contains(&"Letter 2".to_string()),
        "{page}: {:?}",
        delegation.facets
    );
    assert!(
        delegation.facets.contains(&"Report 1".to_string()),
        "{page}: {:?}",
        delegation.facets
    );
    assert!(
        delegation.facets.contains(&"1960s 3".to_string()),
        "{page}: {:?}",
        delegation.facets
    );
    // Authors: a registered one by the entity's name, another as written.
    for author in ["Zhou Ènlái 1", "A. Borunkov 1"] {
        assert!(
            delegation.facets.contains(&author.to_string()),
            "{page}: {author} in {:?}",
            delegation.facets
        );
    }
    assert_eq!(again.status, "3 documents", "{page}");
    assert_eq!(ticked.status, "1 document", "{page}");
    assert_eq!(ticked.titles, ["A report on trade"], "{page}");

    // The ticked facet is in the address: opened from it, the search is the same,
    // the facet ticked; unticked, then Back, it is ticked again.
    assert!(
        ticked.address.contains("q=delegation") && ticked.address.contains("type=Report"),
        "{page}: {}",
        ticked.address
    );
    assert_eq!(visit.linked.titles, ticked.titles, "{page}: the linked search");
    assert_eq!(visit.linked.checked, ["Report"], "{page}");
    assert_eq!(visit.unticked.status, "3 documents", "{page}");
    assert!(
        !visit.unticked.address.contains("type="),
        "{page}: {}",
        visit.unticked.address
    );
    assert_eq!(visit.back.titles, ticked.titles, "{page}: Back");
    assert_eq!(visit.back.checked, ["Report"], "{page}");

    // The passage opens its document with the search's words marked, at the
    // passage; the find box steps through them and finds other words.
    assert!(visit.passage.contains("?q=delegation#p"), "{page}: {}", visit.passage);
    let opened = &visit.opened;
    assert!(opened.form_shown, "{page}");
    assert!(opened.marks >= 1, "{page}: {opened:?}");
    assert!(
        visit.passage.ends_with(&format!("#{}", opened.current_in)),
        "{page}: {opened:?} from {}",
        visit.passage
    );
    assert!(
        opened.count.ends_with(&format!("of {}", opened.marks)),
        "{page}: {opened:?}"
    );
    assert!(
        visit.after_next.ends_with(&format!("of {}", opened.marks)),
        "{page}: {}",
        visit.after_next
    );
    assert!(!visit.inside.marks.is_empty(), "{page}: {:?}", visit.inside);
    assert!(
        visit.inside.marks.iter().all(|m| m.to_lowercase().starts_with("trade")),
        "{page}: {:?}",
        visit.inside
    );
    assert!(
        visit
            .inside
            .count
            .ends_with(&format!("of {}", visit.inside.marks.len())),
        "{page}: {:?}",
        visit.inside
    );

    // The header's box on the home page: the first results and the names as one
    // types, and a link to all results.
    let header = &visit.header_box;
    assert_eq!(header.results, ["A letter from Peking"], "{page}: {header:?}");
    assert!(header.names.iter().any(|n| n == "Beijing"), "{page}: {header:?}");
    assert_eq!(header.all, "search/index.html?q=Pek", "{page}: {header:?}");
    assert_eq!(header.all_text, "All 1 result", "{page}: {header:?}");

    // Name variants and folding: Beijing finds the letter that says Peking; Zhou
    // Ènlái finds Zhou Enlai; typing the start of a name offers its entity.
    assert_eq!(beijing.titles, ["A letter from Peking"], "{page}");
    assert_eq!(zhou.titles, ["A letter from Peking"], "{page}");
    assert!(
        pek.names.iter().any(|n| n.starts_with("Beijing")),
        "{page}: {:?}",
        pek.names
    );

    // The word being typed is a prefix.
    assert_eq!(
        prefix.sorted_titles(),
        ["A letter from Peking", "A report on trade", "Another letter"],
        "{page}"
    );
}

/// Sorting by date, from the URL: `?q=` runs the search, so a search can be linked.
#[test]
#[cfg_attr(
    browser_tests_skipped,
    ignore = "needs Chromium or Firefox, Node.js and npm from the system's packages: apt-get install chromium firefox-esr nodejs npm"
)]
fn a_search_in_the_url_runs_sorted_by_date() {
    let browsers = browsers("the search-from-the-URL browser test");
    if browsers.is_empty() {
        return;
    }
    let built = build(&fixture("search"));
    let queries = [
        "q=letter&sort=date",
        "q=railway&from=1965&to=1966",
        "q=railway&from=1970",
    ];
    let urls: Vec<String> = queries
        .iter()
        .map(|query| format!("file://{}/search/index.html?{query}", built.out().display()))
        .collect();
    for browser in &browsers {
        // Each page as the browser leaves it once its search has run.
        let pages: BTreeMap<String, String> = browser.drive("dom.js", &urls);
        let by_query: BTreeMap<&str, &str> = queries
            .iter()
            .zip(&urls)
            .map(|(query, url)| (*query, pages[url].as_str()))
            .collect();
        check_searches_from_the_address(browser.engine, &by_query);
    }
}

/// The pages one engine made of `queries`, each by its query.
fn check_searches_from_the_address(engine: &str, pages: &BTreeMap<&str, &str>) {
    let dump = |query: &str| pages[query];
    let dom = dump("q=letter&sort=date");
    let first = dom.find(">A letter from Peking<").expect("the 1960 letter");
    let second = dom.find(">Another letter<").expect("the 1962 letter");
    assert!(first < second, "{engine}: date order");

    // A year range keeps a document whose date (196X) spans years it overlaps, and
    // says so.
    let overlapping = dump("q=railway&from=1965&to=1966");
    assert!(
        overlapping.contains(">A summary of the decade<"),
        "{engine}: the 1960s overlap 1965-1966"
    );
    assert!(
        overlapping.contains("a date spanning years counts where it overlaps the range"),
        "{engine}"
    );
    let after = dump("q=railway&from=1970");
    assert!(
        !after.contains(">A summary of the decade<"),
        "{engine}: the 1960s end before 1970"
    );
}
