//! A document with its original, a translation and scans, read in a real browser
//! (Chromium and Firefox, over http:// and from file://, `tests/browser/panes.js`): the
//! panes side by side and aligned at 1280 px, the scan following the text's page
//! numbers, zoom from the keyboard, a hidden pane kept hidden on the next visit, tabs
//! and no sideways scrolling at 390 px, everything on the page without JavaScript, and
//! no console error. Axe and the other checks every page gets are the theme test's.

use serde::Deserialize;

use crate::common::{browsers, build, serve_folder};
use crate::parallel::parallel_collection;

#[derive(Debug, Deserialize)]
struct Box {
    left: f64,
    right: f64,
    top: f64,
    visible: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wide {
    main: Box,
    original: Box,
    scans: Box,
    main_p3: f64,
    original_p3: f64,
    tools_shown: bool,
    tabs_shown: bool,
    scan_page: String,
    scan_page_after_following: String,
    scan_page_after_following_the_original: String,
    transform_after_zoom: String,
    transform_after_reset: String,
    original_hidden_after_uncheck: bool,
    original_hidden_after_reload: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Narrow {
    tabs: Vec<String>,
    shown_first: Vec<String>,
    shown_after_tab: Vec<String>,
    width: f64,
}

#[derive(Debug, Deserialize)]
struct Plain {
    #[serde(rename = "scriptsRan")]
    scripts_ran: bool,
    panes: Vec<String>,
    scans: usize,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    wide: Wide,
    narrow: Narrow,
    without_scripts: Plain,
    problems: Vec<String>,
}

#[test]
#[cfg_attr(
    browser_tests_skipped,
    ignore = "needs Chromium or Firefox, Node.js and npm from the system's packages: apt-get install chromium firefox-esr nodejs npm"
)]
fn a_reader_sees_the_original_the_translation_and_the_scan_side_by_side() {
    let test = "a_reader_sees_the_original_the_translation_and_the_scan_side_by_side";
    let browsers = browsers(test);
    if browsers.is_empty() {
        return;
    }
    let collection = parallel_collection();
    let built = build(collection.path());
    let page = "documents/memo/index.html";
    let port = serve_folder(built.out(), 200 * browsers.len());
    let urls = [
        ("http", format!("http://127.0.0.1:{port}/{page}")),
        ("file", format!("file://{}", built.out().join(page).display())),
    ];
    for browser in &browsers {
        for (how, url) in &urls {
            let at = format!("{} over {how}", browser.engine);
            let report: Report = browser.drive("panes.js", std::slice::from_ref(url));
            assert!(report.problems.is_empty(), "{at}: {:?}", report.problems);

            let wide = &report.wide;
            assert!(
                wide.main.visible && wide.original.visible && wide.scans.visible,
                "{at}: {wide:?}"
            );
            assert!(
                wide.main.right <= wide.original.left && wide.original.right <= wide.scans.left,
                "{at}: the translation, the original and the scan side by side, in that order: {wide:?}"
            );
            assert!((wide.main.top - wide.original.top).abs() < 2.0, "{at}: {wide:?}");
            assert!(
                (wide.main_p3 - wide.original_p3).abs() < 2.0,
                "{at}: the third paragraphs start at one height: {wide:?}"
            );
            assert!(wide.tools_shown && !wide.tabs_shown, "{at}: {wide:?}");
            assert_eq!(wide.scan_page, "43", "{at}");
            assert_eq!(wide.scan_page_after_following, "44", "{at}: page 44 followed");
            assert_eq!(
                wide.scan_page_after_following_the_original, "44",
                "{at}: page 44 followed in the original"
            );
            assert!(wide.transform_after_zoom.contains("scale(1.5625)"), "{at}: {wide:?}");
            assert_eq!(wide.transform_after_reset, "", "{at}");
            assert!(wide.original_hidden_after_uncheck, "{at}");
            if *how == "http" {
                assert!(wide.original_hidden_after_reload, "{at}: the choice is kept");
            }

            let narrow = &report.narrow;
            assert_eq!(
                narrow.tabs,
                [
                    "Translation (English)",
                    "Original (Russian)",
                    "Translation (German)",
                    "Scans"
                ],
                "{at}"
            );
            assert_eq!(narrow.shown_first, ["main"], "{at}");
            assert_eq!(narrow.shown_after_tab, ["original"], "{at}");
            assert!(narrow.width <= 390.0, "{at}: {} px wide at 390 px", narrow.width);

            // Chromium turns scripts off when asked; Firefox over BiDi does not.
            let plain = &report.without_scripts;
            if browser.engine == "chromium" {
                assert!(!plain.scripts_ran, "{at}: scripts ran in a context without JavaScript");
            }
            if !plain.scripts_ran {
                assert_eq!(
                    plain.panes,
                    ["main", "original", "de", "scans"],
                    "{at}: without JavaScript"
                );
                assert_eq!(plain.scans, 2, "{at}: without JavaScript");
            }
        }
    }
}
