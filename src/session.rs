//! A build kept in memory between changes, for `dossier serve`.
//!
//! Nothing is written to disk: the archive is a map from output path to bytes, which
//! the server answers from, replaced only when a rebuild succeeds, so a broken
//! collection leaves the last good archive being served.
//!
//! A rebuild runs the whole pipeline but redoes only what changed: unchanged source
//! files are not read again, unchanged transcriptions not reflowed or linked again,
//! an unchanged catalogue not parsed again, and only pages whose inputs changed are
//! rendered ([`crate::render::keys`]). It comes in two steps. [`Session::rebuild`]
//! makes the pages, which is what an editor is waiting to see; [`Session::finish`]
//! then remakes what is made from the whole archive (the search index, the data
//! exports, the feeds), which until then are the previous build's.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::archive::Archive;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::incremental::{PageMemo, Reuse};
use crate::output;
use crate::render;
use crate::sources::Encoding;
use crate::{derived_files, theme, validate, Stage, Stages};

/// The files of an archive, by their path in the output (`documents/x/index.html`).
#[derive(Debug, Default, Clone)]
pub struct Site {
    /// Each file's bytes, by its path.
    pub files: HashMap<String, Arc<[u8]>>,
}

impl Site {
    /// The file at `path`.
    pub fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.files.get(path)
    }
}

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// How many documents the archive holds.
    pub documents: usize,
    /// Files whose bytes differ from the previous build's, added ones included.
    pub changed: usize,
    /// Files of the previous build that are gone.
    pub removed: usize,
    /// Pages rendered; the others were left as they were.
    pub rendered: usize,
    /// What the rebuild found wrong but built anyway.
    pub warnings: Vec<Diagnostic>,
    /// How long the rebuild took.
    pub took: Duration,
    /// How long each stage took, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
}

/// The collection being served and its last good build.
pub struct Session {
    collection: PathBuf,
    encoding: Encoding,
    /// In place of the catalogue's `base_url`.
    base_url: Option<String>,
    site: Arc<Site>,
    reuse: Reuse,
    pages: PageMemo,
    /// The paths of the files made from the whole archive.
    derived: HashSet<String>,
    /// The archive whose pages are published but whose derived files are not yet made.
    unfinished: Option<Archive>,
}

impl Session {
    /// A session for `collection`, with nothing built yet.
    pub fn new(collection: &Path, encoding: Encoding) -> Session {
        Session {
            collection: collection.to_path_buf(),
            encoding,
            base_url: None,
            site: Arc::new(Site::default()),
            reuse: Reuse {
                sources: Some(Default::default()),
                scans: Some(Default::default()),
                ..Reuse::default()
            },
            pages: PageMemo::default(),
            derived: HashSet::new(),
            unfinished: None,
        }
    }

    /// Serves the archive as if its catalogue gave `url` as its `base_url`.
    pub fn with_base_url(mut self, url: Option<String>) -> Session {
        self.base_url = url;
        self
    }

    /// The collection served.
    pub fn collection(&self) -> &Path {
        &self.collection
    }

    /// The last good build.
    pub fn site(&self) -> Arc<Site> {
        Arc::clone(&self.site)
    }

    /// Builds the collection's pages again; on success they replace the old ones.
    /// Call [`Session::finish`] next to bring the derived files up to date.
    pub fn rebuild(&mut self) -> Result<Rebuilt, Error> {
        let started = Instant::now();
        let mut clock = Stages::start();
        let collection = self.collection.clone();
        // An archive never finished is still the one the caches were last filled from.
        self.unfinished = None;
        let (archive, mut problems) = validate(
            &collection,
            self.encoding,
            self.base_url.as_deref(),
            &mut clock,
            &mut self.reuse,
        )?;
        let theme = theme::load(&collection, &archive.theme)?;
        let pages = output::Collect::default();
        let (mut rendered, found) = render::render(&archive, &theme, &self.pages, &pages)?;
        problems.extend(found);
        clock.lap(Stage::Pages);

        let old = &self.site;
        let mut files = HashMap::with_capacity(old.files.len());
        let mut changed = 0;
        let kept = std::mem::take(&mut rendered.kept);
        for path in kept.into_iter().chain(self.derived.iter().cloned()) {
            if let Some(bytes) = old.files.get(&path) {
                files.insert(path, Arc::clone(bytes));
            }
        }
        let count = rendered.page_count;
        for page in pages.into_pages() {
            changed += usize::from(!same(old, &page.path, &page.bytes));
            files.insert(page.path, Arc::from(page.bytes));
        }
        let removed = old.files.keys().filter(|path| !files.contains_key(*path)).count();
        self.site = Arc::new(Site { files });
        self.pages.keep(
            &theme,
            &archive.interface,
            rendered,
            &archive.citation_styles,
            archive.interface_language.as_deref().or(archive.language.as_deref()),
        );
        let documents = archive.documents.len();
        self.unfinished = Some(archive);
        Ok(Rebuilt {
            documents,
            changed,
            removed,
            rendered: count,
            warnings: problems.0,
            took: started.elapsed(),
            timings: clock.laps,
        })
    }

    /// Makes the search index, data exports and feeds of the last rebuild, and keeps
    /// what the next rebuild can reuse. Returns how many of those files changed.
    pub fn finish(&mut self) -> Result<usize, Error> {
        let Some(archive) = self.unfinished.take() else {
            return Ok(0);
        };
        let mut clock = Stages::start();
        let page_paths: Vec<String> = self
            .site
            .files
            .keys()
            .filter(|path| !self.derived.contains(*path))
            .cloned()
            .collect();
        let derived = output::Collect::default();
        // Its paths are in `derived`; what could not be indexed is a build's warning.
        let cache = self.collection.join(crate::scans::derive::CACHE_FOLDER);
        let from = crate::Derived {
            collection: &self.collection,
            cache: &cache,
            paired_term_bytes: crate::search::PAIRED_TERM_BYTES,
        };
        derived_files(&archive, &from, &page_paths, &derived, &mut clock)?;
        let derived = derived.into_pages();
        let mut files = self.site.files.clone();
        files.retain(|path, _| !self.derived.contains(path));
        let mut changed = 0;
        self.derived.clear();
        for file in derived {
            changed += usize::from(!same(&self.site, &file.path, &file.bytes));
            self.derived.insert(file.path.clone());
            files.insert(file.path, Arc::from(file.bytes));
        }
        self.site = Arc::new(Site { files });

        self.reuse.keep(archive);
        Ok(changed)
    }
}

fn same(site: &Site, path: &str, bytes: &[u8]) -> bool {
    site.files.get(path).is_some_and(|old| **old == *bytes)
}
