//! The incremental layer: what `dossier serve` keeps from one rebuild to the next
//! ([`crate::session`]), so that only what changed is read, parsed, reflowed and
//! linked again. The stages know nothing of it: each takes its inputs, and where a
//! served build can give back an earlier result (a file read, a transcription's
//! blocks), takes the function that makes it; this layer passes one that looks first
//! in what it kept. A plain build starts from an empty `Reuse` and keeps nothing.
//!
//! Still inside the stages, and to move here (issue 18): the linked bodies,
//! companions and related documents of `archive::build_reusing`, and the page keys of
//! `render::render_changed`.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use crate::archive::{self, Archive};
use crate::catalog::{self, Paragraphs};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Diagnostics;
use crate::document::{self, Body};
use crate::error::Error;
use crate::reflow::{Block, Reading};
use crate::sources::{self, Encoding, FoundFile, SourceFile};

/// What a served build keeps from one rebuild to the next (see [`crate::session`]), so that
/// only what changed is read, reflowed and linked again. A plain build starts from
/// nothing and keeps nothing.
#[derive(Default)]
pub(crate) struct Reuse {
    /// The catalogue's text, and what it was read as.
    pub(crate) catalogue: Option<(String, catalog::Catalog, Diagnostics)>,
    /// The source files read, by their path as found, with the modification time and
    /// size they had; `Some` in a served build, which keeps them.
    pub(crate) sources: Option<Mutex<HashMap<PathBuf, KeptFile>>>,
    pub(crate) reflowed: HashMap<String, (Arc<[Block]>, Reading)>,
    pub(crate) model: archive::ModelCache,
}

impl Reuse {
    /// The catalogue: what it was read as last time if its text is the same.
    pub(crate) fn catalogue(&mut self, collection: &Path) -> Result<(catalog::Catalog, Diagnostics), Error> {
        let index_path = collection.join(sources::INDEX_FILE);
        let text = sources::read_index(collection).map_err(|d| Diagnostics(vec![d]))?;
        if let Some((same, catalog, problems)) = &self.catalogue {
            if *same == text {
                return Ok((catalog.clone(), problems.clone()));
            }
        }
        let (catalog, problems) = catalog::parse_catalog(&index_path, &text)?;
        if self.sources.is_some() {
            self.catalogue = Some((text, catalog.clone(), problems.clone()));
        }
        Ok((catalog, problems))
    }

    /// A found file: as it was read last time if its modification time and size are
    /// the same, else read now (and kept, in a served build).
    pub(crate) fn read(&self, found: &FoundFile, encoding: Encoding) -> sources::Read {
        let Some(kept) = &self.sources else {
            return sources::read_file(found, encoding);
        };
        let metadata = fs::metadata(&found.real).ok();
        let modified = metadata.as_ref().and_then(|m| m.modified().ok());
        let len = metadata.as_ref().map_or(0, |m| m.len());
        if let Some(hit) = locked(kept).get(&found.path) {
            if hit.modified == modified && hit.len == len && modified.is_some() {
                return (Ok(hit.source.clone()), hit.warnings.clone());
            }
        }
        let (source, warnings) = sources::read_file(found, encoding);
        if let Ok(source) = &source {
            let file = KeptFile {
                modified: source.modified,
                len: source.fixity.bytes,
                source: source.clone(),
                warnings: warnings.clone(),
            };
            locked(kept).insert(found.path.clone(), file);
        }
        (source, warnings)
    }

    /// A transcription's blocks: those kept for the same bytes and declared layout,
    /// else reflowed now.
    pub(crate) fn reflow(&self, source: &SourceFile, declared: Option<Paragraphs>) -> (Arc<[Block]>, Reading) {
        match self
            .reflowed
            .get(&document::reflow_key(&source.fixity.sha256, declared))
        {
            Some((blocks, reading)) => (Arc::clone(blocks), reading.clone()),
            None => document::reflow_source(source, declared),
        }
    }

    /// Keeps what `archive`, just built, can give the next rebuild.
    pub(crate) fn keep(&mut self, archive: Archive) {
        self.reflowed = archive
            .documents
            .iter()
            .filter_map(|document| match (&document.body, &document.reading) {
                (Body::Transcript(blocks), Some(reading)) => Some((
                    document::reflow_key(&document.fixity.sha256, reading.declared()),
                    (Arc::clone(blocks), reading.clone()),
                )),
                _ => None,
            })
            .collect();
        self.model = archive::ModelCache::keep(archive);
    }
}

/// A source file as a served build read it.
pub(crate) struct KeptFile {
    modified: Option<SystemTime>,
    len: u64,
    source: SourceFile,
    warnings: Vec<Diagnostic>,
}

/// The kept files, whatever a reader that panicked left.
fn locked(files: &Mutex<HashMap<PathBuf, KeptFile>>) -> MutexGuard<'_, HashMap<PathBuf, KeptFile>> {
    files.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::SourceKind;

    fn found(dir: &Path, name: &str) -> FoundFile {
        FoundFile {
            real: dir.join(name),
            path: dir.join(name),
            relative: name.to_string(),
            kind: SourceKind::Text,
        }
    }

    #[test]
    fn a_served_build_reads_a_file_again_only_when_its_size_or_time_changed() {
        let dir = tempfile::tempdir().expect("temporary folder");
        fs::write(dir.path().join("a.txt"), "first\n").expect("write");
        let reuse = Reuse {
            sources: Some(Default::default()),
            ..Reuse::default()
        };
        let file = found(dir.path(), "a.txt");
        let (first, _) = reuse.read(&file, Encoding::Strict);
        let first = first.expect("read");
        assert_eq!(first.text, "first\n");
        // Other bytes of the same size, the time put back: the kept copy comes back,
        // which shows it was not read again.
        fs::write(dir.path().join("a.txt"), "FIRST\n").expect("write");
        let handle = fs::File::options()
            .write(true)
            .open(dir.path().join("a.txt"))
            .expect("open");
        handle
            .set_modified(first.modified.expect("a time"))
            .expect("set the time back");
        let (again, _) = reuse.read(&file, Encoding::Strict);
        assert_eq!(again.expect("kept").text, "first\n");
        fs::write(dir.path().join("a.txt"), "second, longer\n").expect("write");
        let (changed, _) = reuse.read(&file, Encoding::Strict);
        assert_eq!(changed.expect("read again").text, "second, longer\n");
    }

    #[test]
    fn a_plain_build_keeps_nothing() {
        let dir = tempfile::tempdir().expect("temporary folder");
        fs::write(dir.path().join("a.txt"), "text\n").expect("write");
        let reuse = Reuse::default();
        let (read, _) = reuse.read(&found(dir.path(), "a.txt"), Encoding::Strict);
        assert!(read.is_ok());
        assert!(reuse.sources.is_none());
    }

    #[test]
    fn the_blocks_kept_for_the_same_bytes_and_layout_come_back() {
        let dir = tempfile::tempdir().expect("temporary folder");
        fs::write(dir.path().join("a.txt"), "A text.\n").expect("write");
        let (source, _) = sources::read_file(&found(dir.path(), "a.txt"), Encoding::Strict);
        let source = source.expect("read");
        let (blocks, reading) = document::reflow_source(&source, None);
        let mut reuse = Reuse::default();
        reuse.reflowed.insert(
            document::reflow_key(&source.fixity.sha256, None),
            (Arc::clone(&blocks), reading),
        );
        assert!(Arc::ptr_eq(&reuse.reflow(&source, None).0, &blocks), "kept");
        let other = reuse.reflow(&source, Some(Paragraphs::Lines)).0;
        assert!(
            !Arc::ptr_eq(&other, &blocks),
            "another declared layout is reflowed again"
        );
    }
}
