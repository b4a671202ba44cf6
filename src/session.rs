//! A build kept in memory between changes, for `dossier serve`.
//!
//! Nothing is written to disk: the archive is a map from output path to bytes, which
//! the server answers from. Each rebuild runs the whole pipeline and replaces the
//! map only when it succeeds, so a broken collection leaves the last good archive
//! being served.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::render::RenderedPage;
use crate::sources::Encoding;
use crate::{render, theme, validate, Stages};

/// The files of an archive, by their path in the output (`documents/x/index.html`).
#[derive(Debug, Default, Clone)]
pub struct Site {
    pub files: HashMap<String, Arc<[u8]>>,
}

impl Site {
    pub fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.files.get(path)
    }
}

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub documents: usize,
    /// Files whose bytes differ from the previous build's, added ones included.
    pub changed: usize,
    pub removed: usize,
    pub warnings: Vec<Diagnostic>,
    pub took: Duration,
}

/// The collection being served and its last good build.
pub struct Session {
    collection: PathBuf,
    encoding: Encoding,
    site: Arc<Site>,
}

impl Session {
    pub fn new(collection: &Path, encoding: Encoding) -> Session {
        Session {
            collection: collection.to_path_buf(),
            encoding,
            site: Arc::new(Site::default()),
        }
    }

    pub fn collection(&self) -> &Path {
        &self.collection
    }

    /// The last good build.
    pub fn site(&self) -> Arc<Site> {
        Arc::clone(&self.site)
    }

    /// Builds the collection again; on success the new archive replaces the old.
    pub fn rebuild(&mut self) -> Result<Rebuilt, Error> {
        let started = Instant::now();
        let mut clock = Stages::start();
        let collection = self.collection.clone();
        let (archive, problems) = validate(&collection, self.encoding, &mut clock)?;
        let theme = theme::load(&collection, &archive.theme)?;
        let mut pages = render::render(&archive, &theme)?;
        clock.lap("pages");
        let derived = crate::derived_files(&archive, &collection, &pages, &mut clock)?;
        pages.extend(derived);
        let (site, changed, removed) = replace(&self.site, pages);
        self.site = Arc::new(site);
        Ok(Rebuilt {
            documents: archive.documents.len(),
            changed,
            removed,
            warnings: problems.0,
            took: started.elapsed(),
        })
    }
}

/// The new site from `pages`, sharing the bytes of files that did not change, with
/// how many files changed and how many are gone.
fn replace(old: &Site, pages: Vec<RenderedPage>) -> (Site, usize, usize) {
    let mut files = HashMap::with_capacity(pages.len());
    let mut changed = 0;
    for page in pages {
        let bytes = match old.files.get(&page.path) {
            Some(same) if **same == *page.bytes => Arc::clone(same),
            _ => {
                changed += 1;
                Arc::from(page.bytes)
            }
        };
        files.insert(page.path, bytes);
    }
    let removed = old.files.keys().filter(|path| !files.contains_key(*path)).count();
    (Site { files }, changed, removed)
}
