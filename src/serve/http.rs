//! Answering requests from the last good build: files by path, `index.html` for
//! folders, a 404 page, the reload channel, and, on HTML pages only, the small script
//! that listens on it.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use super::Shared;
use crate::error::Error;

/// Where pages listen for reloads (server-sent events).
const EVENTS: &str = "/__dossier/events";
/// Threads answering requests; a page listening for reloads holds one of its own.
const WORKERS: usize = 4;
/// How often an idle reload channel is written to, so that a closed page is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Listens for reloads and reloads the page; kept tiny and free of dependencies.
const RELOAD_SCRIPT: &str = r#"<script>(function(){if(!window.EventSource)return;var e=new EventSource("/__dossier/events");e.onmessage=function(){location.reload()};})();</script>"#;

pub struct Listening {
    pub address: SocketAddr,
}

/// Binds 127.0.0.1:`port` and starts answering from `shared`.
pub fn listen(port: u16, shared: Arc<Shared>) -> Result<Listening, Error> {
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|error| Error::Serve(format!("cannot listen on 127.0.0.1:{port}: {error}")))?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Serve("the server has no IP address".to_string()))?;
    let server = Arc::new(server);
    for _ in 0..WORKERS {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        thread::spawn(move || {
            for request in server.incoming_requests() {
                answer(request, &shared);
            }
        });
    }
    Ok(Listening { address })
}

fn answer(request: Request, shared: &Arc<Shared>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::from_string("only GET and HEAD").with_status_code(405));
        return;
    }
    let path = decode(request.url().split(['?', '#']).next().unwrap_or("/"));
    if path == EVENTS {
        let shared = Arc::clone(shared);
        thread::spawn(move || events(request, &shared));
        return;
    }
    let (site, error) = shared.current();
    let relative = path.trim_start_matches('/');
    let file = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    };
    let response = match site.get(&file) {
        Some(bytes) => page(&file, bytes, error.as_deref(), 200),
        // A folder asked for without its slash: its relative links need the slash.
        None if site.get(&format!("{file}/index.html")).is_some() => Response::from_data(Vec::new())
            .with_status_code(301)
            .with_header(header("Location", &format!("/{file}/"))),
        // Nothing has built since serving began: say so, with the error, until it does.
        None if site.files.is_empty() => page("503.html", NO_BUILD_YET.as_bytes(), error.as_deref(), 503),
        None => {
            let body = site
                .get("404.html")
                .map(|b| b.to_vec())
                .unwrap_or_else(|| not_found(&path));
            page("404.html", &body, error.as_deref(), 404)
        }
    };
    let _ = request.respond(response);
}

/// A file's response; HTML gets the reload script and, after a failed build, the error.
fn page(path: &str, bytes: &[u8], error: Option<&str>, status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    let media_type = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = media_type.essence_str() == "text/html";
    let textual = media_type.type_() == "text"
        || ["javascript", "json", "xml", "svg+xml"]
            .iter()
            .any(|sub| media_type.subtype().as_str() == *sub || media_type.essence_str().ends_with(sub));
    let content_type = if textual {
        format!("{}; charset=utf-8", media_type.essence_str())
    } else {
        media_type.essence_str().to_string()
    };
    let body = if is_html { inject(bytes, error) } else { bytes.to_vec() };
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", &content_type))
        // Every reload must show the latest build.
        .with_header(header("Cache-Control", "no-store"))
}

/// Puts the reload script, and the error if there is one, before `</body>`.
fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(error) = error {
        extra.push_str(
            "<div id=\"dossier-build-error\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;\
             max-height:60vh;overflow:auto;margin:0;padding:1rem;background:#fff4f2;color:#4a0b00;\
             border-top:4px solid #b3261e;z-index:2147483647;font:14px/1.45 ui-monospace,monospace\">\
             <strong>The collection does not build.</strong> Until it does, the last good build is served.\
             <pre style=\"white-space:pre-wrap\">",
        );
        let _ = pulldown_cmark_escape::escape_html(&mut extra, error);
        extra.push_str("</pre></div>");
    }
    extra.push_str(RELOAD_SCRIPT);
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|window| window == needle)
}

const NO_BUILD_YET: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>No archive yet</title></head><body><main><h1>No archive yet</h1><p>The collection has \
not built since <code>dossier serve</code> started. This page reloads when it does.</p></main></body></html>";

fn not_found(path: &str) -> Vec<u8> {
    let mut escaped = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, path);
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\
         <body><main><h1>Not found</h1><p>Nothing in this archive is at <code>{escaped}</code>.</p>\
         <p><a href=\"/\">The archive's home page</a></p></main></body></html>"
    )
    .into_bytes()
}

/// A reload channel: a server-sent event each time a build is published, until the
/// page goes away.
fn events(request: Request, shared: &Shared) {
    let (sender, published) = mpsc::channel();
    if let Ok(mut listeners) = shared.listeners.lock() {
        listeners.push(sender);
    }
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n: listening\n\n";
    if writer.write_all(head.as_bytes()).and_then(|_| writer.flush()).is_err() {
        return;
    }
    loop {
        let message: &[u8] = match published.recv_timeout(KEEP_ALIVE) {
            Ok(()) => b"data: reload\n\n",
            Err(mpsc::RecvTimeoutError::Timeout) => b": still here\n\n",
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer.write_all(message).and_then(|_| writer.flush()).is_err() {
            return;
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    // Names and values here are ASCII made by this module, never from a request.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|_| {
        Header::from_bytes(&b"X-Dossier"[..], &b"invalid header"[..]).expect("a valid constant header")
    })
}

/// `%20` and the like in a request's path, decoded; anything malformed is kept as sent.
fn decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded_and_malformed_escapes_kept() {
        assert_eq!(decode("/documents/caf%C3%A9/"), "/documents/café/");
        assert_eq!(decode("/a%2"), "/a%2");
        assert_eq!(decode("/%zz/é%"), "/%zz/é%");
    }

    #[test]
    fn the_script_goes_before_the_last_closing_body() {
        let page = inject(b"<html><body><p>x</p></body></html>", Some("error: <bad>"));
        let text = String::from_utf8(page).expect("utf-8");
        assert!(text.ends_with("</script></body></html>"), "{text}");
        assert!(text.contains("error: &lt;bad&gt;"), "{text}");
    }
}
