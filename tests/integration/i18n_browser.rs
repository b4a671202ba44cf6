//! A Russian and an Arabic archive read in a real browser (Chromium and Firefox, over
//! http://, `tests/browser/i18n.js`): the document, entity, timeline and search pages,
//! their scripts run (a search with results and facets, a word found in a text), show
//! no piece of the English interface; axe finds nothing; the Arabic pages are laid out
//! right to left (the navigation from the right, the metadata panel left of the text,
//! the page numbers in the right margin); screenshots of each in
//! `target/screenshots/i18n/`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::common::{browsers, build, fixture, repo_path, serve_folder};
use crate::i18n::{english_in, english_pieces};

#[derive(Debug, Deserialize)]
struct Side {
    left: f64,
    right: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Shown {
    texts: Vec<String>,
    lang: String,
    dir: String,
    metadata: Option<Side>,
    text: Option<Side>,
    page_number: Option<Side>,
    nav_first: Option<Side>,
    width: f64,
    scroll_width: f64,
    axe: Vec<String>,
    problems: Vec<String>,
}

#[test]
#[cfg_attr(
    browser_tests_skipped,
    ignore = "needs Chromium or Firefox, Node.js and npm from the system's packages: apt-get install chromium firefox-esr nodejs npm"
)]
fn a_russian_and_an_arabic_archive_speak_their_language_in_the_browser() {
    let test = "a_russian_and_an_arabic_archive_speak_their_language_in_the_browser";
    let browsers = browsers(test);
    if browsers.is_empty() {
        return;
    }
    let screenshots = repo_path("target/screenshots/i18n");
    std::fs::create_dir_all(&screenshots).expect("the screenshots' folder");
    for (language, document, entity, query, word) in [
        ("ru", "zapiska", "petrov", "договорами", "переговоров"),
        ("ar", "mudhakkira", "hassan", "المعاهدات", "المعاهدة"),
    ] {
        let built = build(&fixture(&format!("i18n/{language}")));
        let port = serve_folder(built.out(), 200 * browsers.len());
        let url = |path: &str| format!("http://127.0.0.1:{port}/{path}");
        let pieces = english_pieces(language);
        for browser in &browsers {
            let name = |page: &str| format!("{language}-{page}-{}", browser.engine);
            let targets = vec![
                format!(
                    "{}={}#{word}",
                    name("document"),
                    url(&format!("documents/{document}/index.html"))
                ),
                format!("{}={}", name("entity"), url(&format!("entities/{entity}/index.html"))),
                format!("{}={}", name("timeline"), url("timeline/index.html")),
                format!("{}={}#{query}", name("search"), url("search/index.html")),
            ];
            let mut args = vec![screenshots.display().to_string()];
            args.extend(targets);
            let report: BTreeMap<String, Shown> = browser.drive("i18n.js", &args);
            assert_eq!(report.len(), 4, "{}", browser.engine);
            for (page, shown) in &report {
                let at = format!("{page} in {}", browser.engine);
                assert_eq!(shown.lang, language, "{at}");
                assert!(shown.problems.is_empty(), "{at}: {:?}", shown.problems);
                assert!(shown.axe.is_empty(), "{at}: axe: {:?}", shown.axe);
                assert!(shown.texts.len() > 20, "{at}: {:?}", shown.texts);
                let english = english_in(&shown.texts, &pieces);
                assert!(english.is_empty(), "{at}: English left: {english:?}");
                assert!(shown.scroll_width <= shown.width + 1.0, "{at}: scrolls sideways");
                let expected = if language == "ar" { "rtl" } else { "ltr" };
                assert_eq!(shown.dir, expected, "{at}");
            }
            let search = &report[&name("search")];
            assert!(
                search.texts.iter().any(|t| t.contains(if language == "ru" {
                    "3 документа"
                } else {
                    "وثيقتان"
                })),
                "{language}: the search's count: {:?}",
                search.texts
            );
            let document = &report[&name("document")];
            let (Some(metadata), Some(text), Some(number), Some(nav)) = (
                &document.metadata,
                &document.text,
                &document.page_number,
                &document.nav_first,
            ) else {
                panic!("{language}: the document's parts: {document:?}");
            };
            if language == "ar" {
                assert!(
                    metadata.right <= text.left,
                    "the panel left of the text: {metadata:?} {text:?}"
                );
                assert!(
                    number.left >= text.right,
                    "the page number in the right margin: {number:?} {text:?}"
                );
                assert!(
                    nav.right > document.width / 2.0,
                    "the navigation from the right: {nav:?}"
                );
            } else {
                assert!(
                    metadata.left >= text.right,
                    "the panel right of the text: {metadata:?} {text:?}"
                );
                assert!(
                    number.right <= text.left,
                    "the page number in the left margin: {number:?} {text:?}"
                );
            }
        }
    }
}
