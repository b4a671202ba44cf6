//! The incremental layer: what `dossier serve` keeps from one rebuild to the next
//! ([`crate::session`]), so that only what changed is read, parsed, reflowed and
//! linked again. The stages know nothing of it: each takes its inputs, and where a
//! served build can give back an earlier result (a file read, a transcription's
//! blocks), takes the function that makes it; this layer passes one that looks first
//! in what it kept. A plain build starts from an empty `Reuse` and keeps nothing.
//!
//! The site model's costly parts (linked texts, companions, related documents) come
//! through [`archive::Memo`], which [`ModelMemo`] implements from what the last model
//! was made of; pages through `render::Memo`, which [`PageMemo`] implements from
//! each page's key, the hash of what it was made from (`render::keys`).

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use crate::archive::{self, related, Archive, Companions, Linked, Relation, Relations};
use crate::catalog::{self, Catalog, EntityDef, Paragraphs};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Diagnostics;
use crate::document::{self, Body, Document};
use crate::error::Error;
use crate::reflow::{Block, Reading};
use crate::refs::EntityRef;
use crate::render::{self, Rendered};
use crate::sources::{self, Encoding, FoundFile, SourceFile};
use crate::theme::Theme;

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
    /// The scans read, with the time and size they had; `Some` in a served build.
    pub(crate) scans: Option<crate::scans::KeptScans>,
    pub(crate) model: ModelCache,
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
            if hit.modified == modified && hit.len == len && modified.is_some() && hit.charset == found.charset {
                return (Ok(hit.source.clone()), hit.warnings.clone());
            }
        }
        let (source, warnings) = sources::read_file(found, encoding);
        if let Ok(source) = &source {
            let file = KeptFile {
                charset: found.charset,
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
        self.model = ModelCache::keep(archive);
    }

    /// What the site model about to be built from `catalog` and `documents` can take
    /// from the last one: nothing unless the entity registry is the same.
    pub(crate) fn model<'a>(
        &'a self,
        catalog: &Catalog,
        documents: &[Document],
        interface: &crate::i18n::Interface,
    ) -> ModelMemo<'a> {
        let registry = registry_key(&catalog.entities, &catalog.cross_references, documents, interface);
        ModelMemo {
            kept: (self.model.registry == Some(registry)).then_some(&self.model),
        }
    }
}

/// What a served build keeps of the site model between rebuilds, valid while the
/// entity registry stays the same: each transcription's linked text, each entity's
/// companions with the entities each document was about, and the related documents
/// with what they were worked out from.
#[derive(Debug, Default)]
pub(crate) struct ModelCache {
    /// The registry's key; `None` before a first model.
    registry: Option<u64>,
    /// Linked texts of transcriptions, by document id and [`linked_key`].
    linked: HashMap<(String, String), Linked>,
    /// The entities each document was about, by document id, and the companions.
    companions: Option<(HashMap<String, BTreeSet<EntityRef>>, Companions)>,
    related: Option<KeptRelated>,
}

/// Related documents, and what they were worked out from.
#[derive(Debug)]
struct KeptRelated {
    ids: Vec<String>,
    date_rank: Vec<usize>,
    features: Vec<BTreeSet<related::Feature>>,
    listed: Vec<BTreeMap<usize, (bool, bool)>>,
    related: Vec<Vec<Relation>>,
}

impl ModelCache {
    /// Takes the linked texts, companions and related documents of a built archive,
    /// which is spent.
    fn keep(archive: Archive) -> ModelCache {
        let registry = registry_key(
            &archive.entities,
            &archive.cross_references,
            &archive.documents,
            &archive.interface,
        );
        let about: Vec<BTreeSet<EntityRef>> = archive.documents.iter().map(|d| d.about.clone()).collect();
        let inputs = related::Inputs::new(&archive.documents, &|id| archive.document_ref(id), &about);
        let companions = archive.entities.into_iter().map(|e| e.companions).collect();
        let mut kept_related = KeptRelated {
            ids: Vec::with_capacity(archive.documents.len()),
            date_rank: Vec::with_capacity(archive.documents.len()),
            features: inputs.features,
            listed: inputs.listed,
            related: Vec::with_capacity(archive.documents.len()),
        };
        let mut linked = HashMap::with_capacity(archive.documents.len());
        let mut about = HashMap::with_capacity(archive.documents.len());
        for node in archive.documents {
            kept_related.ids.push(node.id.clone());
            kept_related.date_rank.push(node.date_rank);
            if matches!(node.document.body, Body::Transcript(_)) {
                linked.insert((node.id.clone(), linked_key(&node.document)), node.linked);
            }
            kept_related.related.push(node.related);
            about.insert(node.document.id, node.about);
        }
        ModelCache {
            registry: Some(registry),
            linked,
            companions: Some((about, companions)),
            related: Some(kept_related),
        }
    }
}

/// What a transcription's linked text depends on besides the registry: its bytes and
/// the layout its blocks were read by.
fn linked_key(document: &Document) -> String {
    document::reflow_key(
        &document.fixity.sha256,
        document.reading.as_ref().and_then(|r| r.declared()),
    )
}

/// What every linked text depends on besides its own source: the entities (ids,
/// names, aliases and kinds), and the cross-reference forms with the documents'
/// numbers, and the interface's words (the titles of a text's marks).
fn registry_key<E: Borrow<EntityDef>, D: Borrow<Document>>(
    entities: &[E],
    references: &[String],
    documents: &[D],
    interface: &crate::i18n::Interface,
) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    interface.fingerprint().hash(&mut hasher);
    for entity in entities {
        let entity: &EntityDef = entity.borrow();
        (&entity.id, &entity.name, &entity.aliases, entity.kind).hash(&mut hasher);
    }
    if !references.is_empty() {
        references.hash(&mut hasher);
        for document in documents {
            let document: &Document = document.borrow();
            (&document.id, &document.meta.number).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// The site model's parts a served build kept, when still valid: an
/// [`archive::Memo`] that makes afresh only what a change touched.
pub(crate) struct ModelMemo<'a> {
    kept: Option<&'a ModelCache>,
}

impl archive::Memo for ModelMemo<'_> {
    fn linked(&self, document: &Document, link: &dyn Fn() -> (Linked, Diagnostics)) -> (Linked, Diagnostics) {
        let kept = self
            .kept
            .filter(|_| matches!(document.body, Body::Transcript(_)))
            .and_then(|kept| kept.linked.get(&(document.id.clone(), linked_key(document))));
        match kept {
            Some(linked) => (linked.clone(), Diagnostics::default()),
            None => link(),
        }
    }

    fn companions(
        &self,
        documents: &[Document],
        about_now: &[BTreeSet<EntityRef>],
        count: &dyn Fn(Option<&BTreeSet<EntityRef>>) -> Companions,
    ) -> Companions {
        let Some((about, previous)) = self.kept.and_then(|kept| kept.companions.as_ref()) else {
            return count(None);
        };
        // Only the entities of documents that are about other things than before can
        // have other companions.
        let mut changed: BTreeSet<EntityRef> = BTreeSet::new();
        let mut seen = 0;
        for (document, entities) in documents.iter().zip(about_now) {
            match about.get(&document.id) {
                Some(before) => {
                    seen += 1;
                    if before != entities {
                        // Every entity of the document, before and after, counts it
                        // with others than before.
                        changed.extend(before.union(entities).copied());
                    }
                }
                None => changed.extend(entities.iter().copied()),
            }
        }
        if seen < about.len() {
            // A document is gone: which entities it was about is not known by index.
            return count(None);
        }
        let mut kept = previous.clone();
        let fresh = count(Some(&changed));
        if fresh.len() != kept.len() {
            return count(None);
        }
        for entity in changed {
            kept[entity.index()] = fresh[entity.index()].clone();
        }
        kept
    }

    /// A document's neighbours depend on its own features, the features of the others,
    /// the weight of each feature (how many documents hold it) and the date order (it
    /// breaks ties). With the same documents in the same date order, they can change
    /// only for a document whose features or listed relations changed, for the
    /// documents a listed relation names, and for every holder of a feature some
    /// document gained or lost: that feature's weight changed, and so did what the
    /// holders share with it.
    fn related(
        &self,
        documents: &[Document],
        inputs: &related::Inputs,
        date_rank: &[usize],
        find: &dyn Fn(Option<&[bool]>) -> Relations,
    ) -> Relations {
        let previous = self.kept.and_then(|kept| kept.related.as_ref()).filter(|p| {
            p.date_rank == date_rank
                && p.ids.len() == documents.len()
                && p.ids.iter().zip(documents).all(|(id, d)| *id == d.id)
        });
        let Some(previous) = previous else {
            return find(None);
        };
        let mut affected = vec![false; documents.len()];
        for document in 0..documents.len() {
            if previous.listed[document] != inputs.listed[document] {
                affected[document] = true;
                for &other in previous.listed[document].keys().chain(inputs.listed[document].keys()) {
                    affected[other] = true;
                }
            }
            if previous.features[document] != inputs.features[document] {
                affected[document] = true;
                for feature in previous.features[document].symmetric_difference(&inputs.features[document]) {
                    // The holders now; those before differ by this document only.
                    for &holder in inputs.holders(feature) {
                        affected[holder] = true;
                    }
                }
            }
        }
        let mut related = find(Some(&affected));
        for (document, relations) in related.iter_mut().enumerate() {
            if !affected[document] {
                relations.clone_from(&previous.related[document]);
            }
        }
        related
    }
}

/// A source file as a served build read it.
pub(crate) struct KeptFile {
    /// The encoding it was read in: a catalogue that declares another reads it again.
    charset: Option<catalog::Charset>,
    modified: Option<SystemTime>,
    len: u64,
    source: SourceFile,
    warnings: Vec<Diagnostic>,
}

/// The kept files, whatever a reader that panicked left.
fn locked(files: &Mutex<HashMap<PathBuf, KeptFile>>) -> MutexGuard<'_, HashMap<PathBuf, KeptFile>> {
    files.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What a served build keeps of rendering: what each page was made from, as a hash,
/// by path (see `render::keys`), the theme's templates, compiled, with the theme's
/// hash, and the citation styles, loaded, by their names.
#[derive(Default)]
pub(crate) struct PageMemo {
    pages: HashMap<String, u64>,
    templates: Option<((u64, u64), Arc<tera::Tera>)>,
    styles: Option<(Vec<String>, Option<String>, Arc<crate::cite::Styles>)>,
}

impl PageMemo {
    /// Keeps what a render of `theme` made for the next one.
    pub(crate) fn keep(
        &mut self,
        theme: &Theme,
        words: &crate::i18n::Interface,
        rendered: Rendered,
        citation_styles: &[String],
        language: Option<&str>,
    ) {
        self.pages = rendered.keys;
        self.templates = Some(((render::keys::theme(theme), words.fingerprint()), rendered.templates));
        self.styles = Some((citation_styles.to_vec(), language.map(str::to_string), rendered.styles));
    }
}

impl render::Memo for PageMemo {
    fn templates(
        &self,
        theme: &Theme,
        words: &crate::i18n::Interface,
        compile: &dyn Fn() -> Result<tera::Tera, Error>,
    ) -> Result<Arc<tera::Tera>, Error> {
        match &self.templates {
            Some((same, compiled)) if *same == (render::keys::theme(theme), words.fingerprint()) => {
                Ok(Arc::clone(compiled))
            }
            _ => compile().map(Arc::new),
        }
    }

    fn styles(
        &self,
        names: &[String],
        language: Option<&str>,
        load: &dyn Fn() -> crate::cite::Styles,
    ) -> Arc<crate::cite::Styles> {
        match &self.styles {
            Some((same, in_language, styles)) if same == names && in_language.as_deref() == language => {
                Arc::clone(styles)
            }
            _ => Arc::new(load()),
        }
    }

    fn page_keys(&self) -> Option<&HashMap<String, u64>> {
        Some(&self.pages)
    }
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
            charset: None,
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

    #[test]
    fn a_kept_linked_text_comes_back_while_the_registry_is_the_same() {
        use crate::archive::Memo;
        let dir = tempfile::tempdir().expect("temporary folder");
        let catalogue = |name: &str| {
            format!(
                "---\ntitle: T\nentities:\n  - id: kim\n    name: {name}\n    type: person\ndocuments:\n  - file: a.txt\n---\n"
            )
        };
        fs::write(dir.path().join("INDEX.md"), catalogue("Kim")).expect("catalogue");
        fs::write(dir.path().join("a.txt"), "Kim spoke.\n").expect("source");
        let mut reuse = Reuse {
            sources: Some(Default::default()),
            ..Reuse::default()
        };
        let model = |reuse: &mut Reuse| {
            let (catalog, _) = reuse.catalogue(dir.path()).expect("a catalogue");
            let archive = crate::model(dir.path(), Encoding::Strict).expect("builds");
            (catalog, archive)
        };
        let (catalog, archive) = model(&mut reuse);
        let documents: Vec<Document> = archive.documents.iter().map(|d| d.document.clone()).collect();
        let mentions = Arc::clone(&archive.documents[0].linked.mentions);
        reuse.keep(archive);

        let memo = reuse.model(&catalog, &documents, crate::i18n::english());
        let never = || -> (Linked, Diagnostics) { panic!("a kept text was linked again") };
        let (linked, _) = memo.linked(&documents[0], &never);
        assert!(Arc::ptr_eq(&linked.mentions, &mentions), "the kept link itself");

        // Another name for the entity: every text may link otherwise.
        fs::write(dir.path().join("INDEX.md"), catalogue("Kim Il Sung")).expect("catalogue");
        let (renamed, _) = model(&mut reuse);
        let memo = reuse.model(&renamed, &documents, crate::i18n::english());
        let linked_again = std::cell::Cell::new(false);
        let again = || {
            linked_again.set(true);
            (
                Linked {
                    html: Arc::from(""),
                    mentions: Arc::from([]),
                    documents: Arc::from([]),
                },
                Diagnostics::default(),
            )
        };
        memo.linked(&documents[0], &again);
        assert!(linked_again.get(), "linked again under the new registry");
    }
}
