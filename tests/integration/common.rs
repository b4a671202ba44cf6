//! Helpers shared by the integration tests: build a collection into a temporary
//! folder, read its pages, and look at their text as a reader would.
#![allow(dead_code)]

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::Duration;

use dossier::{BuildOptions, BuildReport, Error};

pub(crate) fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    repo_path("tests/fixtures").join(name)
}

/// A finished build in a temporary folder that lives as long as the value.
pub(crate) struct Built {
    pub dir: tempfile::TempDir,
    pub report: BuildReport,
}

impl Built {
    pub(crate) fn out(&self) -> PathBuf {
        self.dir.path().join("output")
    }

    pub(crate) fn page(&self, path: &str) -> String {
        let file = self.out().join(path);
        fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    /// The citation record of document `id` in the format of `extension` (`bib`,
    /// `ris`, `csl.json`), as its page offers it for download.
    pub(crate) fn record(&self, id: &str, extension: &str) -> String {
        record_in(&self.page(&format!("documents/{id}/index.html")), id, extension)
    }
}

/// The record a document page offers as `<a href="data:…" download="ID.EXTENSION">`,
/// decoded.
pub(crate) fn record_in(page: &str, id: &str, extension: &str) -> String {
    let download = format!("download=\"{id}.{extension}\"");
    let link = page
        .split("<a ")
        .find(|tag| tag.split('>').next().is_some_and(|t| t.contains(&download)))
        .unwrap_or_else(|| panic!("no link saved as {id}.{extension}"));
    let href = between(link, "href=\"", "\"");
    let (_, encoded) = href.split_once(";charset=utf-8,").expect("a data URL of UTF-8 text");
    let decoded = percent_encoding::percent_decode_str(encoded)
        .decode_utf8()
        .expect("UTF-8")
        .into_owned();
    // The page escaped it as an attribute.
    unescape(&decoded)
}

/// A collection in a temporary folder: `INDEX.md` with this front matter (the YAML
/// between the `---` lines), and each (file name, text) beside it.
pub(crate) fn collection(front_matter: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    fs::write(dir.path().join("INDEX.md"), format!("---\n{front_matter}---\n")).expect("catalogue");
    for (name, text) in files {
        fs::write(dir.path().join(name), text).expect("source");
    }
    dir
}

pub(crate) fn try_build(collection: &Path) -> (tempfile::TempDir, Result<BuildReport, Error>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("output");
    let result = dossier::build(&BuildOptions {
        collection: collection.to_path_buf(),
        out,
        ..Default::default()
    });
    (dir, result)
}

pub(crate) fn build(collection: &Path) -> Built {
    let (dir, result) = try_build(collection);
    match result {
        Ok(report) => Built { dir, report },
        Err(error) => panic!("{} failed to build: {error}", collection.display()),
    }
}

/// A generated collection of `documents` (seed 1966), built; the collection lives as
/// long as the first value.
pub(crate) fn generated(documents: usize) -> (tempfile::TempDir, Built) {
    let source = tempfile::tempdir().expect("temporary folder");
    dossier::generate::generate(source.path(), documents, 1966).expect("generated collection");
    let built = build(source.path());
    (source, built)
}

/// The `<main>` element of a page.
pub(crate) fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a </main> tag") + "</main>".len();
    &html[start..end]
}

/// The part of a page between two markers, markers excluded.
pub(crate) fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let to = html[from..].find(end).unwrap_or_else(|| panic!("no {end:?}")) + from;
    &html[from..to]
}

/// What a reader sees of some HTML: tags removed (the theme puts a line end between
/// blocks), entities decoded.
pub(crate) fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape(&text)
}

/// Text or an attribute's value as the page escaped it, read back.
pub(crate) fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// Every relative href and src of a page, resolved against the page's folder, must name
/// a file of the output, and a fragment an id in it: the archive works from disk, and
/// no link lands at the top of a page instead of its place.
pub(crate) fn assert_links_resolve(out: &Path, page: &str) {
    let html = fs::read_to_string(out.join(page)).expect("page");
    let base = out.join(page).parent().expect("folder").to_path_buf();
    for attribute in ["href=\"", "src=\""] {
        for piece in html.split(attribute).skip(1) {
            let target = &piece[..piece.find('"').expect("closing quote")];
            if target.contains(':') {
                continue;
            }
            let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
            if !path.is_empty() {
                assert!(!path.ends_with('/'), "{page}: {target} names a folder, not a file");
                assert!(base.join(path).is_file(), "{page}: {target} leads nowhere");
            }
            if !fragment.is_empty() {
                let target_html = if path.is_empty() {
                    html.clone()
                } else {
                    fs::read_to_string(base.join(path)).unwrap_or_default()
                };
                assert!(
                    target_html.contains(&format!("id=\"{fragment}\"")),
                    "{page}: {target} names no id of its page"
                );
            }
        }
    }
}

/// The `<dt>`/`<dd>` pairs of a page's metadata panel, as text.
pub(crate) fn definitions(html: &str) -> Vec<(String, String)> {
    let squash = |fragment: &str| -> String {
        let spaced = fragment.replace('<', " <");
        visible_text(&spaced).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    html.split("<dt>")
        .skip(1)
        .filter_map(|piece| {
            let (term, rest) = piece.split_once("</dt>")?;
            let description = rest.split_once("<dd>")?.1.split_once("</dd>")?.0;
            Some((squash(term), squash(description)))
        })
        .collect()
}

/// The description of a term in a page's metadata panel.
pub(crate) fn definition(html: &str, term: &str) -> Option<String> {
    definitions(html).into_iter().find(|(t, _)| t == term).map(|(_, d)| d)
}

/// A browser the browser tests drive: its engine, as `tests/browser/launch.js` knows
/// it, and its program.
#[derive(Debug, Clone)]
pub(crate) struct Browser {
    pub engine: &'static str,
    pub program: PathBuf,
}

impl Browser {
    /// The drivers' first argument, `ENGINE:PATH`.
    pub(crate) fn spec(&self) -> String {
        format!("{}:{}", self.engine, self.program.display())
    }

    /// Runs the driver `script` of `tests/browser/` in this browser with `args`, and
    /// gives back the JSON report it prints; a driver that fails fails the test, with
    /// the engine and what the driver said.
    pub(crate) fn drive<T: serde::de::DeserializeOwned>(&self, script: &str, args: &[String]) -> T {
        let output = std::process::Command::new("node")
            .arg(browser_driver(script))
            .arg(self.spec())
            .args(args)
            .output()
            .expect("node runs (apt-get install nodejs)");
        assert!(
            output.status.success(),
            "{script} failed in {}:\n{}",
            self.engine,
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{script} in {}: its report: {e}", self.engine))
    }
}

/// The engines readers use: each with the variable that names its program, the names
/// it has on the PATH, and the Debian package that installs it.
const ENGINES: [(&str, &str, &[&str], &str); 2] = [
    (
        "chromium",
        "DOSSIER_CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
        "chromium",
    ),
    ("firefox", "DOSSIER_FIREFOX", &["firefox-esr", "firefox"], "firefox-esr"),
];

fn on_path(name: &str) -> Option<PathBuf> {
    let found = std::process::Command::new("which").arg(name).output().ok()?;
    found
        .status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&found.stdout).trim()))
}

/// The system's Chromium and Firefox (or `DOSSIER_CHROMIUM`, `DOSSIER_FIREFOX`), when
/// Node.js and npm, which drive them, are there too. Under CI a missing one fails the
/// test (`.ci/run` installs them); elsewhere the test says which engine it skipped and
/// how to install it, and runs in the others; an empty list tells it to stop.
pub(crate) fn browsers(test: &str) -> Vec<Browser> {
    let mut missing: Vec<&str> = Vec::new();
    for (program, package) in [("node", "nodejs"), ("npm", "npm")] {
        if on_path(program).is_none() {
            missing.push(package);
        }
    }
    if stop_without(test, &missing) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (engine, variable, names, package) in ENGINES {
        let program = std::env::var_os(variable)
            .map(PathBuf::from)
            .or_else(|| names.iter().find_map(|name| on_path(name)));
        match program {
            Some(program) => found.push(Browser { engine, program }),
            None => {
                stop_without(&format!("{test} in {engine}"), &[package]);
            }
        }
    }
    found
}

/// Whether a test must stop because the system packages in `missing` are not
/// installed: under CI it fails instead (`.ci/run` installs them); elsewhere it says
/// what it skipped and how to install it.
pub(crate) fn stop_without(test: &str, missing: &[&str]) -> bool {
    if missing.is_empty() {
        return false;
    }
    let install = format!("apt-get install {}", missing.join(" "));
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: CI must have these; .ci/run installs them ({install})"
    );
    eprintln!(
        "SKIPPED {test}: not on this machine: {} ({install})",
        missing.join(", ")
    );
    true
}

/// A browser driver script of `tests/browser/`, with its packages (playwright-core)
/// installed from the npm registry on first use; `.ci/run` installs them first.
pub(crate) fn browser_driver(script: &str) -> PathBuf {
    let folder = repo_path("tests/browser");
    let installed = ["playwright-core", "axe-core", "vnu-jar", "citeproc"]
        .iter()
        .all(|package| folder.join("node_modules").join(package).is_dir());
    if !installed {
        // No install scripts: vnu-jar's would download a Java; the system's is used.
        let status = std::process::Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix"])
            .arg(&folder)
            .status()
            .expect("npm runs (apt-get install npm)");
        assert!(status.success(), "npm ci --prefix tests/browser failed");
    }
    folder.join(script)
}

/// Serves `root` on a free loopback port for at most `requests` requests.
pub(crate) fn serve_folder(root: PathBuf, requests: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut line = String::new();
            if BufReader::new(&stream).read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/");
            let path = path.split(['?', '#']).next().unwrap_or("/");
            let path = if path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            let file = root.join(path.trim_start_matches('/'));
            let response = match std::fs::read(&file) {
                Ok(body) if !path.contains("..") => {
                    let kind = match file.extension().and_then(|e| e.to_str()) {
                        Some("html") => "text/html; charset=utf-8",
                        Some("js") => "text/javascript; charset=utf-8",
                        Some("css") => "text/css; charset=utf-8",
                        Some("json") => "application/json",
                        Some("svg") => "image/svg+xml",
                        _ => "application/octet-stream",
                    };
                    let mut head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    head.extend(body);
                    head
                }
                _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    port
}

/// A collection of 2,300 people, 92 under each letter from A to Y, catalogued in
/// reverse order, one of them the author of its one document; and their names.
pub(crate) fn many_people() -> (tempfile::TempDir, Vec<String>) {
    let people: Vec<String> = ('A'..='Y')
        .flat_map(|letter| (0..92).map(move |n| format!("{letter}{n:03} Archivist")))
        .collect();
    let mut index = String::from("---\ntitle: Many People\nentities:\n");
    for (number, name) in people.iter().enumerate().rev() {
        index.push_str(&format!("  - id: p{number}\n    name: {name}\n    type: person\n"));
    }
    index.push_str("documents:\n  - file: letter.txt\n    authors: [p0]\n---\n");
    let source = tempfile::tempdir().expect("temporary folder");
    fs::write(source.path().join("INDEX.md"), index).expect("catalogue");
    fs::write(source.path().join("letter.txt"), "A letter.\n").expect("document");
    (source, people)
}

/// A collection of 130 letters, one a year from 1800, by Ana Author (`ana`), the first
/// 15 of them to Rea Recipient (`rea`).
pub(crate) fn many_letters() -> tempfile::TempDir {
    let mut index = String::from(
        "---\ntitle: Letters\nentities:\n  - id: ana\n    name: Ana Author\n    type: person\n  - id: rea\n    name: Rea Recipient\n    type: person\ndocuments:\n",
    );
    let source = tempfile::tempdir().expect("temporary folder");
    for number in 0..130 {
        let to = if number < 15 { "\n    recipients: [rea]" } else { "" };
        index.push_str(&format!(
            "  - file: letter-{number}.txt\n    date: {}-05-01\n    authors: [ana]{to}\n",
            1800 + number
        ));
        fs::write(
            source.path().join(format!("letter-{number}.txt")),
            format!("Letter {number}.\n"),
        )
        .expect("document");
    }
    index.push_str("---\n");
    fs::write(source.path().join("INDEX.md"), index).expect("catalogue");
    source
}

/// Copies the folder `from` (a fixture) into `to`, to be changed or given files the
/// tests make.
pub(crate) fn copy_folder(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let relative = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("folder");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
