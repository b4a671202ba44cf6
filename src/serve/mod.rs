//! `dossier serve`: the archive served from memory on 127.0.0.1 (or another address
//! asked for on purpose), rebuilt when the collection (its catalogue, sources,
//! templates or theme) changes, and every open page reloaded once the rebuild is done.
//!
//! One thread watches and rebuilds ([`run`]); an event loop answers requests and holds
//! every page's reload channel ([`http`]). They share only the last good build, the
//! last error and a count of builds published, so requests are answered at any moment
//! of a rebuild. A collection that does not build leaves the last good build
//! served, with the error shown over every page until a change fixes it.

mod http;
mod shared;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::diagnostic;
use crate::error::Error;
use crate::session::{Rebuilt, Session};
use crate::sources::Encoding;
use shared::{Published, Shared};

/// How long the watcher waits for a burst of changes (an editor saving several files,
/// or writing a file in steps) to end before rebuilding.
const SETTLE: Duration = Duration::from_millis(60);

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The collection to serve.
    pub collection: PathBuf,
    /// How to read its source files.
    pub encoding: Encoding,
    /// The address to listen on: a loopback address unless asked otherwise, since the
    /// preview serves drafts too.
    pub interface: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    /// In place of the catalogue's `base_url`, checked by [`crate::catalog::base_url`].
    pub base_url: Option<String>,
}

/// What the server tells whoever started it, to print.
#[derive(Debug)]
pub enum Event<'a> {
    /// Listening; the archive's address.
    Serving {
        /// The address, `http://127.0.0.1:PORT/`.
        url: &'a str,
    },
    /// A build succeeded (the first, or after a change).
    Built(&'a Rebuilt),
    /// The search index, data exports and feeds of the last build are made.
    Finished {
        /// How many of those files differ from the previous build's.
        changed: usize,
        /// How long making them took.
        took: Duration,
    },
    /// A build failed; the last good build is still served.
    Failed(&'a Error),
    /// The collection changed: these paths.
    Changed(&'a [PathBuf]),
}

/// Builds, serves and rebuilds on change until the process ends. Only a failure to
/// listen or to watch returns.
pub fn run(options: &ServeOptions, report: &dyn Fn(Event<'_>)) -> Result<(), Error> {
    let mut session = Session::new(&options.collection, options.encoding).with_base_url(options.base_url.clone());
    let shared = Arc::new(Shared {
        published: RwLock::new(Published {
            site: session.site(),
            error: None,
        }),
        reloads: tokio::sync::watch::Sender::new(0),
    });
    // Watching starts before the first build, so that no change made once the address
    // is known can be missed.
    let (sender, changes) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(sender).map_err(watch_error(&options.collection))?;
    watcher
        .watch(&options.collection, RecursiveMode::Recursive)
        .map_err(watch_error(&options.collection))?;
    let collection = absolute(&options.collection);
    rebuild(&mut session, &shared, report);

    let server = http::listen(options.interface, options.port, Arc::clone(&shared))?;
    let url = format!("http://{}/", server.address);
    report(Event::Serving { url: &url });

    let mut paths: Vec<PathBuf> = Vec::new();
    while let Ok(first) = changes.recv() {
        // A burst of changes (an editor saving several files, or one file in steps)
        // makes one rebuild: gather until the collection has been still for a moment.
        paths.extend(changed_paths(first, &collection));
        while let Ok(next) = changes.recv_timeout(SETTLE) {
            paths.extend(changed_paths(next, &collection));
        }
        if paths.is_empty() {
            continue;
        }
        paths.sort();
        paths.dedup();
        report(Event::Changed(&paths));
        paths.clear();
        rebuild(&mut session, &shared, report);
    }
    Ok(())
}

/// The paths an event changed that can change the archive. Reading a file is not a
/// change (a build reads every file), and neither is a watcher error: it is followed
/// by the events of what changed.
fn changed_paths(event: notify::Result<notify::Event>, collection: &Path) -> Vec<PathBuf> {
    match event {
        Ok(event) if !matches!(event.kind, EventKind::Access(_)) => event
            .paths
            .into_iter()
            .filter(|path| matters(collection, path))
            .collect(),
        _ => Vec::new(),
    }
}

/// Rebuilds the pages and shows them; then makes the search index, exports and feeds,
/// and serves those too, without reloading the pages again.
fn rebuild(session: &mut Session, shared: &Shared, report: &dyn Fn(Event<'_>)) {
    match session.rebuild() {
        Ok(rebuilt) => {
            shared.publish(session.site(), None, true);
            report(Event::Built(&rebuilt));
        }
        Err(error) => {
            shared.publish(session.site(), Some(error_text(&error)), true);
            report(Event::Failed(&error));
            return;
        }
    }
    let started = std::time::Instant::now();
    match session.finish() {
        Ok(changed) => {
            shared.publish(session.site(), None, false);
            report(Event::Finished {
                changed,
                took: started.elapsed(),
            });
        }
        Err(error) => {
            shared.publish(session.site(), Some(error_text(&error)), true);
            report(Event::Failed(&error));
        }
    }
}

/// An error as the page shows it: diagnostics with their source lines, or the error
/// with its causes.
fn error_text(error: &Error) -> String {
    match error {
        Error::Invalid(diagnostics) => diagnostic::report::render(&diagnostics.0, false),
        other => crate::error::with_causes(other),
    }
}

/// Whether a changed path can change the archive: editors' swap and backup files, and
/// hidden folders such as `.git`, cannot.
fn matters(collection: &Path, path: &Path) -> bool {
    let relative = path.strip_prefix(collection).unwrap_or(path);
    let hidden = relative
        .components()
        .any(|part| part.as_os_str().to_str().is_some_and(|name| name.starts_with('.')));
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let scratch = name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") || name.starts_with("#");
    !hidden && !scratch
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn watch_error(collection: &Path) -> impl Fn(notify::Error) -> Error + '_ {
    move |error| Error::Serve(format!("cannot watch {} for changes: {error}", collection.display()))
}
