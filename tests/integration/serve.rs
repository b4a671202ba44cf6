//! `dossier serve` as an editor uses it: the binary serving a copy of a fixture on a
//! free port, answering pages, rebuilding when a file changes, and showing a broken
//! catalogue's error over the last good pages.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use std::{fs, thread};

use crate::common::fixture;

/// How long a rebuild may take before a test gives up; generous for a loaded CI machine.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `dossier serve`, stopped when dropped.
struct Served {
    child: Child,
    address: String,
    _dir: tempfile::TempDir,
    collection: std::path::PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("entry");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Serves a copy of the fixture `name`, once its first build is done.
fn serve(name: &str) -> Served {
    serve_changed(name, |_| {})
}

/// Serves a copy of the fixture `name`, changed by `change` first.
fn serve_changed(name: &str, change: impl FnOnce(&Path)) -> Served {
    serve_with(name, &[], change)
}

/// Serves a copy of the fixture `name`, changed by `change` first, with more arguments.
fn serve_with(name: &str, arguments: &[&str], change: impl FnOnce(&Path)) -> Served {
    let dir = tempfile::tempdir().expect("temp");
    let collection = dir.path().join(name);
    copy_tree(&fixture(name), &collection);
    change(&collection);
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", "0"])
        .args(arguments)
        .arg(&collection)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dossier serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let (found, address) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(at) = line.find("http://") {
                let url = line[at + "http://".len()..]
                    .split('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                let _ = found.send(url);
            }
        }
    });
    let address = address.recv_timeout(PATIENCE).expect("serve prints its address");
    Served {
        child,
        address,
        _dir: dir,
        collection,
    }
}

/// The fixture's title with an unclosed bracket, and back.
const BROKEN: (&str, &str) = ("title: A Mixed Collection", "title: [A Mixed Collection");
const MENDED: (&str, &str) = (BROKEN.1, BROKEN.0);

/// Replaces the first `from` in the file with `to`.
fn replace_in(path: &Path, (from, to): (&str, &str)) {
    let text = fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// A response: status, headers (lower-case names) and body.
struct Reply {
    status: u16,
    headers: String,
    body: String,
}

fn get(address: &str, path: &str) -> Reply {
    get_as(address, path, &format!("Host: {address}\r\n"))
}

/// A request for `path` with the header lines `headers` (each ending in CRLF).
fn get_as(address: &str, path: &str, headers: &str) -> Reply {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n").expect("sends");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reads");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
    Reply {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

/// Asks for `path` until `done` holds for its body, or gives up.
fn wait_for(served: &Served, path: &str, done: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let reply = get(&served.address, path);
        if done(&reply.body) {
            return reply.body;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "gave up waiting on {path}:\n{}",
            reply.body
        );
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn pages_are_served_with_their_types_and_a_reload_script() {
    let served = serve("mixed");
    let home = get(&served.address, "/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers.contains("content-type: text/html; charset=utf-8"),
        "{}",
        home.headers
    );
    assert!(home.body.contains("A Mixed Collection"));
    assert!(home.body.contains("/__dossier/events"), "the reload script is injected");

    let page = get(&served.address, "/documents/letter-1966/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1"), "{}", page.body);
    let css = get(&served.address, "/static/style.css");
    assert_eq!(css.status, 200);
    assert!(css.headers.contains("content-type: text/css"), "{}", css.headers);
    assert!(!css.body.contains("__dossier"), "only HTML gets the script");
    let record = get(&served.address, "/documents/letter-1966/letter-1966.txt");
    assert!(
        record.headers.contains("content-type: text/plain"),
        "{}",
        record.headers
    );

    let folder = get(&served.address, "/documents/letter-1966");
    assert_eq!(folder.status, 301);
    assert!(
        folder.headers.contains("location: /documents/letter-1966/"),
        "{}",
        folder.headers
    );
    let missing = get(&served.address, "/no/such/page.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Not found"));
}

#[test]
fn a_changed_title_is_served_after_the_rebuild_and_open_pages_are_told() {
    let served = serve("mixed");
    let page = "/documents/letter-1966/";
    assert!(!get(&served.address, page).body.contains("A Retitled Letter"));

    // A page listening for reloads.
    let mut events = TcpStream::connect(&served.address).expect("connects");
    events.set_read_timeout(Some(PATIENCE)).expect("timeout");
    write!(events, "GET /__dossier/events HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("sends");
    let mut events = BufReader::new(events);
    let mut line = String::new();
    while !line.starts_with(": listening") {
        line.clear();
        let read = events.read_line(&mut line).expect("the channel opens");
        assert!(read > 0, "the channel closed before it opened");
    }

    let index = served.collection.join("INDEX.md");
    let catalogue = fs::read_to_string(&index).expect("catalogue");
    let retitled = catalogue.replacen(
        "    date: 1966-11-03\n",
        "    title: A Retitled Letter\n    date: 1966-11-03\n",
        1,
    );
    assert_ne!(retitled, catalogue);
    fs::write(&index, retitled).expect("edit");

    let body = wait_for(&served, page, |body| body.contains("A Retitled Letter"));
    assert!(body.contains("<title>A Retitled Letter"), "the page itself is rebuilt");
    // Lists that show the document are rebuilt too.
    wait_for(&served, "/", |body| body.contains("A Retitled Letter"));
    loop {
        line.clear();
        let read = events.read_line(&mut line).expect("an event");
        assert!(read > 0, "the channel closed before the reload");
        if line.starts_with("data: reload") {
            break;
        }
    }
}

#[test]
fn a_broken_catalogue_shows_its_error_over_the_last_good_pages() {
    let served = serve("mixed");
    let index = served.collection.join("INDEX.md");
    replace_in(&index, BROKEN);

    let body = wait_for(&served, "/", |body| body.contains("dossier-build-error"));
    assert!(body.contains("The collection does not build"), "{body}");
    assert!(body.contains("invalid YAML"), "the error itself is shown: {body}");
    assert!(body.contains("INDEX.md:3:12"), "with its line and column: {body}");
    assert!(
        body.contains("began at line 2, column 8"),
        "and where the bracket opened: {body}"
    );
    // The last good build is still what is served, every page of it.
    assert!(body.contains("<title>A Mixed Collection"), "{body}");
    let page = get(&served.address, "/documents/letter-1966/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("dossier-build-error"));

    replace_in(&index, MENDED);
    wait_for(&served, "/", |body| !body.contains("dossier-build-error"));
}

#[test]
fn a_collection_that_never_built_says_so_until_it_builds() {
    let served = serve_changed("mixed", |collection| replace_in(&collection.join("INDEX.md"), BROKEN));
    let reply = get(&served.address, "/");
    assert_eq!(reply.status, 503);
    assert!(reply.body.contains("No archive yet"), "{}", reply.body);
    assert!(reply.body.contains("invalid YAML"), "{}", reply.body);

    replace_in(&served.collection.join("INDEX.md"), MENDED);
    let body = wait_for(&served, "/", |body| body.contains("<title>A Mixed Collection"));
    assert!(!body.contains("dossier-build-error"), "{body}");
}

/// In a real browser: an open page reloads itself when a file it shows is saved.
#[test]
#[cfg_attr(
    browser_tests_skipped,
    ignore = "needs Chromium or Firefox, Node.js and npm from the system's packages: apt-get install chromium firefox-esr nodejs npm"
)]
fn an_open_page_reloads_itself_in_the_browser_when_the_collection_changes() {
    let browsers = common::browsers("serve's live-reload browser test");
    if browsers.is_empty() {
        return;
    }
    for browser in &browsers {
        // A collection of its own for each engine: the driver edits it.
        let served = serve("mixed");
        let index = served.collection.join("INDEX.md");
        let args = [
            format!("http://{}/", served.address),
            index.display().to_string(),
            "title: A Mixed Collection".to_string(),
            "title: A Reloaded Collection".to_string(),
            "A Reloaded Collection".to_string(),
        ];
        let report: serde_json::Value = browser.drive("reload.js", &args);
        let engine = browser.engine;
        assert_eq!(report["reloaded"], true, "{engine}: {report}");
        assert_eq!(report["expected"], true, "{engine}: the new title is shown: {report}");
        assert_eq!(report["problems"], serde_json::json!([]), "{engine}: {report}");
    }
}

#[test]
fn a_request_naming_another_host_is_answered_403() {
    let served = serve("mixed");
    let port = served.address.rsplit(':').next().expect("a port");
    let evil = get_as(&served.address, "/", "Host: evil.example\r\n");
    assert_eq!(evil.status, 403, "{}", evil.body);
    assert!(!evil.body.contains("A Mixed Collection"), "{}", evil.body);
    let rebound = get_as(&served.address, "/", &format!("Host: evil.example:{port}\r\n"));
    assert_eq!(rebound.status, 403);
    let without = get_as(&served.address, "/", "");
    assert_eq!(without.status, 403);
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "localhost".to_string(),
    ] {
        let reply = get_as(&served.address, "/", &format!("Host: {host}\r\n"));
        assert_eq!(reply.status, 200, "{host}");
    }
}

#[test]
fn a_hundred_idle_connections_delay_no_request() {
    let served = serve("mixed");
    // Connections that never send a byte, and one that sent half a request.
    let mut idle: Vec<TcpStream> = (0..100)
        .map(|_| TcpStream::connect(&served.address).expect("connects"))
        .collect();
    write!(idle[0], "GET / HTTP/1.1\r\nHost: localhost\r\n").expect("sends");
    for round in 0..200 {
        let started = Instant::now();
        let reply = get(&served.address, if round % 2 == 0 { "/" } else { "/static/style.css" });
        assert_eq!(reply.status, 200);
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(1),
            "request {round} waited {took:?} behind idle connections"
        );
    }
    drop(idle);
}

/// Asks for `path` until it is answered with `status`, or gives up.
fn wait_for_status(served: &Served, path: &str, status: u16) {
    let started = Instant::now();
    while get(&served.address, path).status != status {
        assert!(started.elapsed() < PATIENCE, "gave up waiting on {path}");
        thread::sleep(Duration::from_millis(50));
    }
}

/// The resident memory of a process, in kilobytes.
fn resident_kb(pid: u32) -> u64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

#[cfg(target_os = "linux")]
#[test]
fn a_ten_megabyte_header_is_refused_without_memory_growth() {
    let served = serve("mixed");
    // The search index and exports are made after the pages: measure once they are.
    wait_for_status(&served, "/catalogue.json", 200);
    let before = resident_kb(served.child.id());
    let mut stream = TcpStream::connect(&served.address).expect("connects");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    stream.set_write_timeout(Some(PATIENCE)).expect("timeout");
    let mut writer = stream.try_clone().expect("clone");
    // The server stops reading long before the end: the write may fail, which is fine.
    let sending = thread::spawn(move || {
        let _ = write!(writer, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ");
        let chunk = vec![b'a'; 64 * 1024];
        for _ in 0..160 {
            if writer.write_all(&chunk).is_err() {
                return;
            }
        }
        let _ = writer.write_all(b"\r\n\r\n");
    });
    let mut head = [0u8; 12];
    let answered = stream
        .read_exact(&mut head)
        .map(|_| String::from_utf8_lossy(&head).into_owned());
    let _ = sending.join();
    if let Ok(head) = answered {
        assert_eq!(head, "HTTP/1.1 431", "refused as too large");
    }
    let after = resident_kb(served.child.id());
    // A server that kept the header would hold its 10 MB at least.
    assert!(after < before + 6 * 1024, "memory grew from {before} kB to {after} kB");
    // And the server goes on answering.
    assert_eq!(get(&served.address, "/").status, 200);
}

#[cfg(target_os = "linux")]
#[test]
fn three_hundred_reload_listeners_hold_no_thread_each() {
    let served = serve("mixed");
    let mut listeners: Vec<BufReader<TcpStream>> = Vec::new();
    for _ in 0..300 {
        let mut stream = TcpStream::connect(&served.address).expect("connects");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        write!(stream, "GET /__dossier/events HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("sends");
        listeners.push(BufReader::new(stream));
    }
    let read_until = |listener: &mut BufReader<TcpStream>, wanted: &str| {
        let mut line = String::new();
        while !line.starts_with(wanted) {
            line.clear();
            let read = listener.read_line(&mut line).expect("reads");
            assert!(read > 0, "the channel closed before {wanted:?}");
        }
    };
    for listener in &mut listeners {
        read_until(listener, ": listening");
    }
    let threads = fs::read_dir(format!("/proc/{}/task", served.child.id()))
        .expect("/proc")
        .count();
    assert!(threads < 40, "{threads} threads for 300 listeners");
    // Every one of them is told of the next build.
    replace_in(
        &served.collection.join("INDEX.md"),
        ("title: A Mixed Collection", "title: A Renamed Collection"),
    );
    for listener in &mut listeners {
        read_until(listener, "data: reload");
    }
}

#[test]
fn interface_binds_another_address_on_purpose_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp");
    let collection = dir.path().join("mixed");
    copy_tree(&fixture("mixed"), &collection);
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", "0", "--interface", "0.0.0.0"])
        .arg(&collection)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut warning = String::new();
    stderr.read_line(&mut warning).expect("a line");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    while !line.contains("http://") {
        line.clear();
        assert!(
            stdout.read_line(&mut line).expect("a line") > 0,
            "serve printed no address"
        );
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        warning.starts_with(
            "warning: serving on 0.0.0.0, not on a loopback address: anyone who can reach it can read the archive"
        ),
        "{warning}"
    );
    assert!(line.contains("at http://0.0.0.0:"), "{line}");
}

#[test]
fn base_url_replaces_the_catalogues_in_served_pages() {
    let served = serve_with("mixed", &["--base-url", "https://staging.example.org/archive"], |_| {});
    let page = get(&served.address, "/documents/letter-1966/");
    assert!(
        page.body
            .contains("https://staging.example.org/archive/documents/letter-1966/"),
        "{}",
        page.body
    );
}
