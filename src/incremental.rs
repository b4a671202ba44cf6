//! The incremental layer: what `dossier serve` keeps from one rebuild to the next
//! ([`crate::session`]), so that only what changed is read, parsed, reflowed and
//! linked again. The stages know nothing of it: each takes its inputs, and where a
//! served build can give back an earlier result (a transcription's blocks), takes
//! the function that makes it; this layer passes one that looks first in what it
//! kept. A plain build starts from an empty `Reuse` and keeps nothing.
//!
//! Still inside the stages, and to move here (issue 18): the source files kept by
//! `sources::discover_reusing`, the linked bodies, companions and related documents
//! of `archive::build_reusing`, and the page keys of `render::render_changed`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::archive::{self, Archive};
use crate::catalog::{self, Paragraphs};
use crate::diagnostic::Diagnostics;
use crate::document::{self, Body};
use crate::error::Error;
use crate::reflow::{Block, Reading};
use crate::sources::{self, SourceFile};

/// What a served build keeps from one rebuild to the next (see [`crate::session`]), so that
/// only what changed is read, reflowed and linked again. A plain build starts from
/// nothing and keeps nothing.
#[derive(Default)]
pub(crate) struct Reuse {
    /// The catalogue's text, and what it was read as.
    pub(crate) catalogue: Option<(String, catalog::Catalog, Diagnostics)>,
    /// `Some` when source files are to be kept.
    pub(crate) sources: Option<sources::ReadCache>,
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
