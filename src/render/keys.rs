//! What each page is made from, reduced to a hash, so that a served build renders
//! again only the pages whose inputs changed.
//!
//! A document page is made from the site's settings and theme, the document (its
//! metadata, its source's hash, its linked text), and what it shows of other
//! documents (related ones, the previous and next by date); an entity page from its
//! definition and what it shows of the documents that name it. A key covers exactly
//! those inputs; a page whose key is the same as last time would come out the same.
//! Listing pages show many documents each and are few: their view itself is hashed.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use crate::archive::{Archive, DocumentNode, EntityNode};
use crate::catalog::EntityKind;
use crate::theme::Theme;

/// The theme's templates and static files.
pub(crate) fn theme(theme: &Theme) -> u64 {
    let mut h = FxHasher::default();
    theme.templates.hash(&mut h);
    theme.assets.hash(&mut h);
    h.finish()
}

/// The inputs every page shares: the theme, the catalogue's settings, the collections,
/// the entity registry and the site's navigation and document count.
pub(crate) fn site(archive: &Archive, theme: u64) -> u64 {
    let mut h = FxHasher::default();
    theme.hash(&mut h);
    (
        &archive.title,
        &archive.description,
        &archive.language,
        &archive.interface_language,
        archive.interface.fingerprint(),
        &archive.base_url,
        archive.allow_raw_html,
        &archive.citation_styles,
        &archive.contact_email,
        &archive.extra,
    )
        .hash(&mut h);
    for collection in &archive.collections {
        (&collection.id, &collection.title).hash(&mut h);
        collection.description.as_ref().map(|d| &d.value).hash(&mut h);
    }
    for entity in &archive.entities {
        (&entity.id, &entity.name, &entity.aliases, entity.kind).hash(&mut h);
        // How directories list a person and citations name an author.
        (&entity.family, &entity.given).hash(&mut h);
    }
    archive.documents.len().hash(&mut h);
    archive.subjects.is_empty().hash(&mut h);
    for kind in EntityKind::ALL {
        archive.entities.iter().any(|e| e.kind == kind).hash(&mut h);
    }
    h.finish()
}

/// What a list shows of each document: its id, number, title, date and type.
pub(crate) fn items(archive: &Archive) -> Vec<u64> {
    archive
        .documents
        .iter()
        .map(|document| {
            let mut h = FxHasher::default();
            let meta = &document.meta;
            (
                &document.id,
                &meta.number,
                &meta.title,
                meta.date.as_ref().map(|d| d.as_str()),
                &meta.doc_type,
            )
                .hash(&mut h);
            h.finish()
        })
        .collect()
}

/// The inputs of a document's page (and its citation records).
pub(crate) fn document(archive: &Archive, site: u64, items: &[u64], document: &DocumentNode) -> u64 {
    let mut h = FxHasher::default();
    site.hash(&mut h);
    let meta = &document.meta;
    (
        &document.id,
        &document.source,
        &document.fixity.sha256,
        document.fixity.bytes,
        document.modified,
        document.catalogued,
    )
        .hash(&mut h);
    // Metadata as written; a summary's line number only matters to error messages.
    (
        &meta.title,
        meta.date.as_ref().map(|d| d.as_str()),
        &meta.doc_type,
        &meta.authors,
        &meta.recipients,
        &meta.language,
        &meta.original_language,
    )
        .hash(&mut h);
    (
        &meta.translators,
        &meta.source,
        &meta.rights,
        &meta.collections,
        &meta.fields,
        &meta.related,
        &meta.number,
    )
        .hash(&mut h);
    for scan in &document.scans {
        (&scan.page, &scan.source, &scan.fixity.sha256, scan.width, scan.height).hash(&mut h);
    }
    document
        .pdf
        .as_ref()
        .map(|pdf| (&pdf.source, &pdf.fixity.sha256))
        .hash(&mut h);
    for text in &document.texts {
        (
            text.role,
            &text.language,
            &text.key,
            &text.source,
            &text.fixity.sha256,
            text.reading.paragraphs,
        )
            .hash(&mut h);
    }
    // The same text is other blocks under another declared layout.
    document.reading.as_ref().map(|r| r.paragraphs).hash(&mut h);
    meta.summary.as_ref().map(|s| (&s.value, &s.file)).hash(&mut h);
    for subject in &meta.subjects {
        (subject, archive.subject(subject).map(|s| &s.slug)).hash(&mut h);
    }
    // The cards of the names in the text show the first sentence of each one's note.
    for &entity in &document.about {
        archive.entities[entity].note.as_ref().map(|n| &n.value).hash(&mut h);
    }
    // A transcription's linked text is made from its source (hashed above) and the
    // registry (in `site`), and from the cross-reference forms with the documents the
    // numbers it names are (their ids, in its order); Markdown's links depend on other
    // documents too, and its kept HTML is hashed whole.
    match document.body {
        crate::document::Body::Markdown { .. } => document.linked.html.hash(&mut h),
        crate::document::Body::Transcript(_) if !archive.cross_references.is_empty() => {
            (&archive.cross_references, &document.linked.documents).hash(&mut h);
        }
        crate::document::Body::Transcript(_) => {}
    }
    for relation in &document.related {
        items[relation.document.index()].hash(&mut h);
        relation.kind.hash(&mut h);
    }
    for &source in &document.linked_from {
        items[source.index()].hash(&mut h);
    }
    archive.reading.hash(&mut h);
    let rank = document.reading_rank;
    for neighbour in [rank.checked_sub(1), Some(rank + 1)] {
        match neighbour.and_then(|r| archive.reading_order.get(r)) {
            Some(&other) => items[other.index()].hash(&mut h),
            None => 0u8.hash(&mut h),
        }
    }
    h.finish()
}

/// The inputs of an entity's page.
pub(crate) fn entity(archive: &Archive, site: u64, items: &[u64], entity: &EntityNode) -> u64 {
    let mut h = FxHasher::default();
    site.hash(&mut h);
    format!("{:?}", (&entity.note.as_ref().map(|n| &n.value), &entity.links)).hash(&mut h);
    // The words around each mention shown, not the whole document: an edit elsewhere
    // in it leaves the page as it was.
    for appearance in &entity.appearances {
        items[appearance.document.index()].hash(&mut h);
        appearance.count.hash(&mut h);
        for &m in &appearance.mentions {
            archive.documents[appearance.document].linked.mentions[m]
                .digest
                .hash(&mut h);
        }
    }
    for list in [&entity.authored, &entity.received] {
        list.len().hash(&mut h);
        for &document in list {
            items[document.index()].hash(&mut h);
        }
    }
    entity.companions.hash(&mut h);
    h.finish()
}

/// A listing page's view, hashed through its serialisation.
pub(crate) fn view(site: u64, view: &impl serde::Serialize) -> u64 {
    struct HashWriter(FxHasher);
    impl std::io::Write for HashWriter {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut writer = HashWriter(FxHasher::default());
    site.hash(&mut writer.0);
    // A view that cannot be serialised will fail to render too, and say why there.
    let _ = serde_json::to_writer(&mut writer, view);
    writer.0.finish()
}
