//! The search page in a real browser: headless Chromium opens a built archive from
//! file:// and over http://127.0.0.1, runs queries given in the page's `?q=`, and the
//! results, phrase matching, exclusion, facet counts and name suggestions are checked
//! in the page it renders.
//!
//! Chromium comes from the system's packages (`.ci/run` installs it). Where it is
//! missing, the test fails under CI and, elsewhere, says it was skipped and how to
//! install it.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{build, fixture};

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("DOSSIER_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let found = Command::new("which").arg(name).output().ok()?;
            found
                .status
                .success()
                .then(|| PathBuf::from(String::from_utf8_lossy(&found.stdout).trim()))
        })
}

/// The page's DOM after its scripts ran.
fn rendered(browser: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().expect("temp");
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Serves `root` on a free loopback port for at most `requests` requests.
fn serve(root: PathBuf, requests: usize) -> u16 {
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

/// The titles of the results, in order.
fn result_titles(dom: &str) -> Vec<String> {
    let Some(start) = dom.find("id=\"search-results\"") else {
        return Vec::new();
    };
    let list = &dom[start..dom[start..].find("</ol>").map_or(dom.len(), |e| start + e)];
    list.split("class=\"document-title\"")
        .skip(1)
        .map(|piece| {
            let text = &piece[piece.find('>').expect("tag end") + 1..];
            text[..text.find("</a>").expect("end")].to_string()
        })
        .collect()
}

fn status(dom: &str) -> String {
    let start = dom.find("id=\"search-status\"").expect("a status");
    let text = &dom[start..];
    let text = &text[text.find('>').expect("tag end") + 1..];
    text[..text.find('<').expect("end")].to_string()
}

#[test]
fn the_search_page_finds_documents_from_disk_and_over_http() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium: .ci/run installs it (apt-get install chromium)"
        );
        eprintln!("SKIPPED the browser test: no Chromium here (apt-get install chromium, or set DOSSIER_CHROMIUM)");
        return;
    };
    let built = build(&fixture("search"));
    let out = built.out();
    let port = serve(out.clone(), 400);
    let bases = [
        format!("file://{}/search/index.html", out.display()),
        format!("http://127.0.0.1:{port}/search/index.html"),
    ];
    for base in &bases {
        let query = |q: &str| rendered(&browser, &format!("{base}?q={q}"));

        // Stemming: "struggle" finds "struggle" and "struggles".
        let dom = query("struggle");
        let mut titles = result_titles(&dom);
        titles.sort();
        assert_eq!(titles, ["A letter from Peking", "A report on trade"], "{base}");
        assert!(dom.contains("<mark>struggle</mark>"), "{base}: the match is marked");
        assert!(
            dom.contains("index.html#p2\""),
            "{base}: the snippet links to its paragraph"
        );

        // A phrase, and the same words in another order.
        assert_eq!(
            result_titles(&query("%22cultural%20revolution%22")),
            ["A note on the revolution"],
            "{base}"
        );
        assert_eq!(
            result_titles(&query("%22revolution%20began%22")),
            ["A note on the revolution"],
            "{base}"
        );
        assert!(result_titles(&query("%22unity%20struggle%22")).is_empty(), "{base}");

        // Exclusion.
        let mut titles = result_titles(&query("delegation%20-trade"));
        titles.sort();
        assert_eq!(titles, ["A letter from Peking", "Another letter"], "{base}");

        // Facet counts over the result set.
        let dom = query("delegation");
        assert_eq!(status(&dom), "3 documents", "{base}");
        assert!(
            dom.contains("data-value=\"Letter\"> Letter <span class=\"count\">2</span>"),
            "{base}: {dom}"
        );
        assert!(
            dom.contains("data-value=\"Report\"> Report <span class=\"count\">1</span>"),
            "{base}"
        );

        // Name variants and folding: Beijing finds the letter that says Peking; Zhou
        // Ènlái finds Zhou Enlai; a prefix offers the entity.
        assert_eq!(result_titles(&query("Beijing")), ["A letter from Peking"], "{base}");
        assert_eq!(
            result_titles(&query("Zhou%20%C3%88nl%C3%A1i%20")),
            ["A letter from Peking"],
            "{base}"
        );
        let dom = query("Pek");
        assert!(
            dom.contains("entities/beijing/index.html\">Beijing</a>"),
            "{base}: the entity is offered"
        );

        // Sorting by date.
        let dom = rendered(&browser, &format!("{base}?q=letter&sort=date"));
        assert_eq!(
            result_titles(&dom),
            ["A letter from Peking", "Another letter"],
            "{base}"
        );
    }
}
