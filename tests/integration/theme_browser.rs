//! The default theme in a real browser. Every type of page, from the memo's archive, a
//! generated one large enough to need pages of lists, and a collection with a
//! Markdown note, is opened in headless Chromium and Firefox (driven by
//! playwright-core, `tests/browser/pages.js`) over http://127.0.0.1 and from file://:
//! - no console error, no failed request, no request to another host;
//! - no violation of WCAG 2.0/2.1 A and AA that axe-core finds, light and dark;
//! - no sideways scrolling at 320 px, a list entry's date and type on one line, and
//!   no word of the metadata panel, a list or a heading broken inside at 1280 px;
//! - name cards that work from the keyboard, and a print stylesheet that keeps the
//!   text and the citation and drops the navigation;
//! - screenshots at 390 and 1280 px in `target/screenshots/ENGINE/`, the test's
//!   artifacts.
//!
//! The Nu Html Checker (`vnu-jar` from npm, run by the system's Java) checks every page
//! the same builds make. Chromium, Firefox ESR, Node and Java come from the system's packages
//! (`.ci/run` installs them); where one is missing the test fails under CI and
//! elsewhere says it was skipped and how to install it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{
    self, browser_driver, browsers, build, fixture, repo_path, serve_folder, stop_without, Browser, Built,
};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Visit {
    url: String,
    problems: Vec<String>,
    requests: Vec<String>,
    axe: Option<Schemes>,
    #[serde(rename = "widthAt320")]
    width_at_320: u32,
    #[serde(rename = "splitFacts", default)]
    split_facts: Vec<String>,
    #[serde(rename = "brokenWords", default)]
    broken_words: Vec<String>,
    cards: Option<Cards>,
    print: Option<Print>,
}

#[derive(Debug, Deserialize)]
struct Schemes {
    light: Vec<serde_json::Value>,
    dark: Vec<serde_json::Value>,
    /// Whether the page axe checked as dark did prefer the dark scheme.
    #[serde(rename = "darkApplied")]
    dark_applied: bool,
}

#[derive(Debug, Deserialize)]
struct Cards {
    name: String,
    shown: bool,
    text: String,
    #[serde(rename = "describedBy")]
    described_by: Option<String>,
    #[serde(rename = "hiddenByEscape")]
    hidden_by_escape: bool,
}

#[derive(Debug, Deserialize)]
struct Print {
    navigation: bool,
    metadata: bool,
    text: bool,
    citation: bool,
    related: bool,
    /// Whether print media was emulated, or the print rules switched on for the screen.
    emulated: bool,
}

/// The system's Java for the Nu Html Checker, with npm, which installs the checker's
/// jar; found, skipped or failed as `browsers` does it.
fn java(test: &str) -> Option<PathBuf> {
    let runs = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .output()
            .is_ok_and(|output| output.status.success())
    };
    let mut missing = Vec::new();
    if !runs("java", "-version") {
        missing.push("default-jre-headless");
    }
    if !runs("npm", "--version") {
        missing.push("npm");
    }
    if stop_without(test, &missing) {
        return None;
    }
    Some(PathBuf::from("java"))
}

/// The builds, and each page type's path in one of them.
struct Archives {
    memo: Built,
    generated: Built,
    mixed: Built,
    people: Built,
    letters: Built,
    parallel: Built,
    arabic: Built,
    _sources: [tempfile::TempDir; 4],
}

impl Archives {
    fn build() -> Archives {
        let source = tempfile::tempdir().expect("temporary folder");
        dossier::generate::generate(source.path(), 260, 1966).expect("generated collection");
        let (people, _) = common::many_people();
        let letters = common::many_letters();
        let parallel = crate::parallel::parallel_collection();
        Archives {
            memo: build(&repo_path("seeds")),
            generated: build(source.path()),
            mixed: build(&fixture("mixed")),
            people: build(people.path()),
            letters: build(letters.path()),
            parallel: build(parallel.path()),
            arabic: build(&fixture("i18n/ar")),
            _sources: [source, people, letters, parallel],
        }
    }

    /// Each type of page: its name, the output it is in, and its path there.
    fn pages(&self) -> Vec<(&'static str, &Built, &'static str)> {
        vec![
            ("home", &self.memo, "index.html"),
            (
                "document",
                &self.memo,
                "documents/sino-korean-relations-1966/index.html",
            ),
            ("document-markdown", &self.mixed, "documents/commentary/index.html"),
            ("entity", &self.memo, "entities/kim-il-sung/index.html"),
            ("people", &self.memo, "people/index.html"),
            ("collections", &self.memo, "collections/index.html"),
            ("collection", &self.memo, "collections/dprk-prc/index.html"),
            ("subjects", &self.memo, "subjects/index.html"),
            ("subject", &self.memo, "subjects/cultural-revolution/index.html"),
            ("year", &self.memo, "timeline/1966/index.html"),
            ("timeline", &self.generated, "timeline/index.html"),
            ("search", &self.memo, "search/index.html"),
            ("home-page-2", &self.generated, "page/2/index.html"),
            ("entity-page-2", &self.generated, "entities/e1/page/2/index.html"),
            ("document-generated", &self.generated, "documents/doc000001/index.html"),
            ("people-page-2", &self.people, "people/page/2/index.html"),
            ("entity-letters", &self.letters, "entities/ana/index.html"),
            ("letters-by-page-2", &self.letters, "entities/ana/by/page/2/index.html"),
            ("document-parallel", &self.parallel, "documents/memo/index.html"),
            ("document-right-to-left", &self.parallel, "documents/letter/index.html"),
            // An archive whose interface is Arabic, laid out right to left.
            ("document-arabic", &self.arabic, "documents/mudhakkira/index.html"),
            ("timeline-arabic", &self.arabic, "timeline/index.html"),
        ]
    }
}

/// Runs the driver on `targets` (name, URL) and parses its report.
fn visit(browser: &Browser, screenshots: Option<&Path>, targets: &[(String, String)]) -> BTreeMap<String, Visit> {
    let mut args = vec![screenshots.map_or_else(String::new, |p| p.display().to_string())];
    args.extend(targets.iter().map(|(name, url)| format!("{name}={url}")));
    browser.drive("pages.js", &args)
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
#[cfg_attr(
    browser_tests_skipped,
    ignore = "needs Chromium or Firefox, Node.js and npm from the system's packages: apt-get install chromium firefox-esr nodejs npm"
)]
fn every_page_type_loads_clean_and_accessible_over_http_and_from_disk() {
    let test = "every_page_type_loads_clean_and_accessible_over_http_and_from_disk";
    let browsers = browsers(test);
    if browsers.is_empty() {
        return;
    }
    let archives = Archives::build();
    for (name, built, path) in archives.pages() {
        assert!(built.out().join(path).is_file(), "{name}: no page {path}");
    }

    // Over http: each output served on its own port.
    let ports = [
        &archives.memo,
        &archives.generated,
        &archives.mixed,
        &archives.people,
        &archives.letters,
        &archives.parallel,
        &archives.arabic,
    ]
    .map(|built| (built.out(), serve_folder(built.out(), 2_000 * browsers.len())));
    let port_of = |built: &Built| {
        ports
            .iter()
            .find(|(out, _)| *out == built.out())
            .map(|&(_, port)| port)
            .expect("every output is served")
    };
    let over_http: Vec<(String, String)> = archives
        .pages()
        .into_iter()
        .map(|(name, built, path)| (name.to_string(), format!("http://127.0.0.1:{}/{path}", port_of(built))))
        .collect();
    let from_disk: Vec<(String, String)> = archives
        .pages()
        .into_iter()
        .map(|(name, built, path)| (name.to_string(), file_url(&built.out().join(path))))
        .collect();
    for browser in &browsers {
        let screenshots = repo_path("target/screenshots").join(browser.engine);
        std::fs::create_dir_all(&screenshots).expect("screenshot folder");
        let http = visit(browser, Some(&screenshots), &over_http);

        let disk = visit(browser, None, &from_disk);
        let engine = browser.engine;

        let mut failures = Vec::new();
        for (name, _, _) in archives.pages() {
            for (how, report) in [("http", &http), ("file", &disk)] {
                let visit = &report[name];
                if !visit.problems.is_empty() {
                    failures.push(format!("{name} over {how} ({}): {:#?}", visit.url, visit.problems));
                }
                let elsewhere: Vec<&String> = visit
                    .requests
                    .iter()
                    .filter(|r| !r.starts_with("http://127.0.0.1:") && !r.starts_with("file://"))
                    .collect();
                if !elsewhere.is_empty() {
                    failures.push(format!("{name} over {how} asks another host: {elsewhere:?}"));
                }
                if visit.width_at_320 > 320 {
                    failures.push(format!(
                        "{name} over {how}: {} px wide in a 320 px window",
                        visit.width_at_320
                    ));
                }
            }
            if !http[name].split_facts.is_empty() {
                failures.push(format!(
                    "{name}: a list entry's date and type are on two lines at 1280 px: {:?}",
                    http[name].split_facts
                ));
            }
            if !http[name].broken_words.is_empty() {
                failures.push(format!(
                    "{name}: words broken inside at 1280 px: {:?}",
                    http[name].broken_words
                ));
            }
            let axe = http[name].axe.as_ref().expect("axe ran");
            if !axe.dark_applied {
                failures.push(format!("{name}: the page checked as dark was not in the dark scheme"));
            }
            for (scheme, violations) in [("light", &axe.light), ("dark", &axe.dark)] {
                if !violations.is_empty() {
                    failures.push(format!(
                        "{name} ({scheme}): axe-core finds {}",
                        serde_json::to_string_pretty(violations).unwrap_or_default()
                    ));
                }
            }
            for width in [390, 1280] {
                let shot = screenshots.join(format!("{name}-{width}.png"));
                let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
                if size < 1_000 {
                    failures.push(format!("{name}: no screenshot at {width} px ({})", shot.display()));
                }
            }
        }
        assert!(failures.is_empty(), "in {engine}:\n{}", failures.join("\n\n"));

        let cards = http["document"].cards.as_ref().expect("the memo names entities");
        assert!(cards.shown, "{engine}: focusing a name shows its card: {cards:?}");
        assert!(
            cards.text.contains("Person") || cards.text.contains("Place") || cards.text.contains("Organization"),
            "{engine}: the card says what the name is: {cards:?}"
        );
        assert_eq!(
            cards.described_by.as_deref(),
            Some("entity-card-shown"),
            "{engine}: {cards:?}"
        );
        assert!(cards.hidden_by_escape, "{engine}: Escape hides the card: {cards:?}");
        assert!(!cards.name.is_empty(), "{engine}");

        let print = http["document"].print.as_ref().expect("print checked");
        assert!(
            print.text && print.citation,
            "{engine}: print keeps the text and the citation: {print:?}"
        );
        assert!(
            !print.navigation && !print.metadata && !print.related,
            "{engine}: print drops navigation, the metadata panel and related documents: {print:?}"
        );
        // Only Firefox's BiDi lacks print emulation; elsewhere the real one is checked.
        assert!(print.emulated || engine == "firefox", "{engine}: {print:?}");
    }
}

#[test]
#[cfg_attr(
    java_tests_skipped,
    ignore = "needs Java and npm from the system's packages: apt-get install default-jre-headless npm"
)]
fn the_nu_html_checker_finds_no_error_on_any_page() {
    let test = "the_nu_html_checker_finds_no_error_on_any_page";
    let Some(java) = java(test) else { return };
    // The checker's jar is in the browser tests' packages.
    let driver = browser_driver("pages.js");
    let jar = driver
        .parent()
        .expect("tests/browser")
        .join("node_modules/vnu-jar/build/dist/vnu.jar");
    let archives = Archives::build();
    let files: Vec<PathBuf> = archives
        .pages()
        .into_iter()
        .map(|(_, built, path)| built.out().join(path))
        .collect();
    let output = Command::new(java)
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json"])
        .args(&files)
        .output()
        .expect("java runs the Nu Html Checker");
    let report: serde_json::Value = serde_json::from_slice(&output.stderr)
        .or_else(|_| serde_json::from_slice(&output.stdout))
        .unwrap_or_else(|_| panic!("the checker's report: {}", String::from_utf8_lossy(&output.stderr)));
    let errors: Vec<String> = report["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| format!("{}:{}: {}", m["url"], m["lastLine"], m["message"]))
        .collect();
    assert!(errors.is_empty(), "the Nu Html Checker:\n{}", errors.join("\n"));
    assert!(files.len() >= 18, "every page type was checked");
}

#[derive(serde::Deserialize)]
struct Saved {
    name: String,
    text: String,
}

/// What records.js found on a document page.
#[derive(serde::Deserialize)]
struct Records {
    saved: Vec<Saved>,
    /// For each citation, what its Copy button copies (none if it has no button).
    copies: Vec<Option<String>>,
}

#[test]
#[cfg_attr(
    browser_tests_skipped,
    ignore = "needs Chromium or Firefox, Node.js and npm from the system's packages: apt-get install chromium firefox-esr nodejs npm"
)]
fn a_record_link_saves_the_record_itself_under_its_name_over_http_and_from_disk() {
    let test = "a_record_link_saves_the_record_itself_under_its_name_over_http_and_from_disk";
    let browsers = browsers(test);
    if browsers.is_empty() {
        return;
    }
    let built = build(&fixture("cite"));
    // What the records must be, byte for byte: the library's own.
    let model = dossier::model(&fixture("cite"), dossier::sources::Encoding::Strict).expect("a model");
    let two = model.document_ref("two").expect("the document");
    let record = dossier::cite::record(&model, two);
    let expected: Vec<(String, String)> = dossier::cite::Format::ALL
        .iter()
        .map(|format| (format!("two.{}", format.extension()), format.write(&record)))
        .collect();
    let port = serve_folder(built.out(), 50 * browsers.len());
    for browser in &browsers {
        for url in [
            format!("http://127.0.0.1:{port}/documents/two/index.html"),
            file_url(&built.out().join("documents/two/index.html")),
        ] {
            let records: Records = browser.drive("records.js", std::slice::from_ref(&url));
            let saved: Vec<(String, String)> = records.saved.into_iter().map(|s| (s.name, s.text)).collect();
            assert_eq!(saved, expected, "{}: {url}", browser.engine);
            // Each citation has its Copy button, made by the page's script.
            assert!(records.copies.len() >= 6, "{}: {:?}", browser.engine, records.copies);
            assert!(
                records.copies.iter().all(Option::is_some),
                "{}: {url}: {:?}",
                browser.engine,
                records.copies
            );
        }
    }
}
