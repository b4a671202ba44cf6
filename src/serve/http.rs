//! Answering requests from the last good build: files by path, `index.html` for
//! folders, a 404 page, the reload channel, and, on HTML pages only, the small script
//! that listens on it.
//!
//! The server is hyper's HTTP/1 on a tokio runtime of two threads: idle and slow
//! connections cost a task each, not a thread, and time out; a request's head may be
//! 64 KB at most, and nothing served takes a body. Only requests that name this
//! machine in their `Host` header are answered, so that a web page elsewhere cannot
//! read the preview through DNS rebinding (as Vite and webpack-dev-server refuse
//! unknown hosts).

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{combinators::UnsyncBoxBody, BodyExt as _, Full};
use hyper::body::{Body, Frame, Incoming};
use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE, HOST, LOCATION};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{mpsc, Semaphore};

use super::shared::Shared;
use crate::error::Error;

/// Where pages listen for reloads (server-sent events).
const EVENTS: &str = "/__dossier/events";
/// How often an idle reload channel is written to, so that a closed page is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How long a connection may take to send a request's head, and may stay idle between
/// requests, before it is closed.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head read; a larger one is answered 431 without being kept.
const MAX_HEAD_BYTES: usize = 64 * 1024;
const MAX_HEADERS: usize = 100;
/// Connections open at once; past that, a new one is closed at once.
const MAX_CONNECTIONS: usize = 1024;

/// Listens for reloads and reloads the page; kept tiny and free of dependencies.
const RELOAD_SCRIPT: &str = r#"<script>(function(){if(!window.EventSource)return;var e=new EventSource("/__dossier/events");e.onmessage=function(){location.reload()};})();</script>"#;

type Reply = Response<UnsyncBoxBody<Bytes, Infallible>>;

pub(super) struct Listening {
    pub address: SocketAddr,
}

/// Binds `interface`:`port` and starts answering from `shared`, on threads of its own.
pub(super) fn listen(interface: IpAddr, port: u16, shared: Arc<Shared>) -> Result<Listening, Error> {
    let cannot = |error: std::io::Error| {
        Error::Serve(format!(
            "cannot listen on {}: {error}",
            SocketAddr::new(interface, port)
        ))
    };
    let listener = std::net::TcpListener::bind((interface, port)).map_err(cannot)?;
    listener.set_nonblocking(true).map_err(cannot)?;
    let address = listener.local_addr().map_err(cannot)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("dossier-http")
        .enable_all()
        .build()
        .map_err(|error| Error::Serve(format!("cannot start the server: {error}")))?;
    std::thread::Builder::new()
        .name("dossier-accept".to_string())
        .spawn(move || {
            runtime.block_on(async move {
                match tokio::net::TcpListener::from_std(listener) {
                    Ok(listener) => accept(listener, shared, address).await,
                    Err(error) => eprintln!("error: cannot listen on {address}: {error}"),
                }
            })
        })
        .map_err(|error| Error::Serve(format!("cannot start the server: {error}")))?;
    Ok(Listening { address })
}

async fn accept(listener: tokio::net::TcpListener, shared: Arc<Shared>, bound: SocketAddr) {
    let open = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, most likely: wait for some to close.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            continue;
        };
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let reply = answer(&request, &shared, bound);
                async move { Ok::<_, Infallible>(reply) }
            });
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD_BYTES)
                .max_headers(MAX_HEADERS);
            // A connection that breaks or times out concerns no one else.
            let _ = http.serve_connection(TokioIo::new(stream), service).await;
            drop(permit);
        });
    }
}

fn answer(request: &Request<Incoming>, shared: &Arc<Shared>, bound: SocketAddr) -> Reply {
    let host = request.headers().get(HOST).and_then(|h| h.to_str().ok());
    if !host_is_this_machine(host, bound.ip()) {
        return plain(
            StatusCode::FORBIDDEN,
            format!(
                "dossier serve answers requests for localhost, 127.0.0.1, [::1] or {} only, not for {}\n",
                bound.ip(),
                host.unwrap_or("a request without a Host header")
            ),
        );
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n".to_string());
    }
    if request.body().size_hint().lower() > 0 || request.headers().contains_key(hyper::header::TRANSFER_ENCODING) {
        return plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "nothing here takes a request body\n".to_string(),
        );
    }
    let path = decode(request.uri().path());
    if path == EVENTS {
        return events(shared);
    }
    let (site, error) = shared.current();
    let relative = path.trim_start_matches('/');
    let file = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    };
    match site.get(&file) {
        Some(bytes) => page(&file, bytes, error.as_deref(), StatusCode::OK),
        // A folder asked for without its slash: its relative links need the slash.
        None if site.get(&format!("{file}/index.html")).is_some() => {
            let mut reply = Response::new(empty());
            *reply.status_mut() = StatusCode::MOVED_PERMANENTLY;
            if let Ok(location) = HeaderValue::from_str(&format!("/{}/", escape_path(&file))) {
                reply.headers_mut().insert(LOCATION, location);
            }
            reply
        }
        // Nothing has built since serving began: say so, with the error, until it does.
        None if site.files.is_empty() => page(
            "503.html",
            NO_BUILD_YET.as_bytes(),
            error.as_deref(),
            StatusCode::SERVICE_UNAVAILABLE,
        ),
        None => {
            let body = site
                .get("404.html")
                .map(|b| b.to_vec())
                .unwrap_or_else(|| not_found(&path));
            page("404.html", &body, error.as_deref(), StatusCode::NOT_FOUND)
        }
    }
}

/// Whether a `Host` header names this machine: `localhost`, a loopback address, or the
/// address the server bound (any address, when it bound them all). A name that only
/// resolves here, as a rebinding attacker's does, is refused.
fn host_is_this_machine(host: Option<&str>, bound: IpAddr) -> bool {
    let Some(host) = host else { return false };
    let name = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((name, _port)) => name,
            None => return false,
        },
        None => host.rsplit_once(':').map_or(host, |(name, _port)| name),
    };
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(address) => address.is_loopback() || address == bound || bound.is_unspecified(),
        Err(_) => false,
    }
}

/// A path made safe for a `Location` header: what is not printable ASCII escaped.
fn escape_path(path: &str) -> String {
    let mut escaped = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_graphic() && byte != b'%' {
            escaped.push(byte as char);
        } else {
            escaped.push_str(&format!("%{byte:02X}"));
        }
    }
    escaped
}

fn empty() -> UnsyncBoxBody<Bytes, Infallible> {
    Full::new(Bytes::new()).boxed_unsync()
}

fn plain(status: StatusCode, text: String) -> Reply {
    let mut reply = Response::new(Full::new(Bytes::from(text)).boxed_unsync());
    *reply.status_mut() = status;
    reply
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    reply
}

/// A file's response; HTML gets the reload script and, after a failed build, the error.
fn page(path: &str, bytes: &[u8], error: Option<&str>, status: StatusCode) -> Reply {
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
    let mut reply = Response::new(Full::new(Bytes::from(body)).boxed_unsync());
    *reply.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        reply.headers_mut().insert(CONTENT_TYPE, value);
    }
    // Every reload must show the latest build.
    reply
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    reply
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
/// page goes away. Each is a task waiting on the publisher's counter, not a thread.
fn events(shared: &Shared) -> Reply {
    let (sender, receiver) = mpsc::channel::<Bytes>(2);
    let mut published = shared.reloads.subscribe();
    tokio::spawn(async move {
        if sender.send(Bytes::from_static(b": listening\n\n")).await.is_err() {
            return;
        }
        loop {
            let message: &'static [u8] = tokio::select! {
                changed = published.changed() => match changed {
                    Ok(()) => b"data: reload\n\n",
                    Err(_) => return,
                },
                () = tokio::time::sleep(KEEP_ALIVE) => b": still here\n\n",
            };
            // The page went away: its body, and so the receiver, was dropped.
            if sender.send(Bytes::from_static(message)).await.is_err() {
                return;
            }
        }
    });
    let mut reply = Response::new(EventStream(receiver).boxed_unsync());
    let headers = reply.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    reply
}

/// The body of a reload channel: what its task sends, as it sends it.
struct EventStream(mpsc::Receiver<Bytes>);

impl Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(context)
            .map(|message| message.map(|bytes| Ok(Frame::data(bytes))))
    }
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
    fn only_hosts_that_name_this_machine_are_answered() {
        let loopback: IpAddr = "127.0.0.1".parse().expect("address");
        for host in [
            "localhost",
            "localhost:8000",
            "LOCALHOST:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
            "[::1]",
            "127.0.0.2",
        ] {
            assert!(host_is_this_machine(Some(host), loopback), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "192.168.1.5:8000",
            "[::1",
            "",
        ] {
            assert!(!host_is_this_machine(Some(host), loopback), "{host}");
        }
        assert!(!host_is_this_machine(None, loopback));
        let lan: IpAddr = "192.168.1.5".parse().expect("address");
        assert!(host_is_this_machine(Some("192.168.1.5:8000"), lan));
        assert!(!host_is_this_machine(Some("192.168.1.6:8000"), lan));
        let all: IpAddr = "0.0.0.0".parse().expect("address");
        assert!(host_is_this_machine(Some("10.0.0.7:8000"), all));
        assert!(!host_is_this_machine(Some("evil.example:8000"), all));
    }

    #[test]
    fn the_script_goes_before_the_last_closing_body() {
        let page = inject(b"<html><body><p>x</p></body></html>", Some("error: <bad>"));
        let text = String::from_utf8(page).expect("utf-8");
        assert!(text.ends_with("</script></body></html>"), "{text}");
        assert!(text.contains("error: &lt;bad&gt;"), "{text}");
    }
}
