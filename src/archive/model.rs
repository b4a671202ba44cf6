//! The site model's types: the archive, and each document, entity and collection with
//! what connects it to the others, as typed references ([`DocumentRef`],
//! [`EntityRef`]) rather than places in parallel lists.

use std::borrow::Borrow;
use std::collections::{BTreeSet, HashMap};
use std::ops::{Deref, Index};
use std::sync::Arc;

use crate::catalog::{CollectionDef, EntityDef, Located, ReadingOrder};
use crate::document::Document;
use crate::entities::Mention;
use crate::markdown::LinkTargets;
use crate::refs::{DocumentRef, EntityRef};

use super::browse::{Subject, Timeline};
use super::related::Relation;

/// The archive as the pages see it.
#[derive(Debug)]
pub struct Archive {
    /// The archive's title (`title:`).
    pub title: String,
    /// One line on the archive (`description:`), for the page heads.
    pub description: Option<String>,
    /// The archive's language, a BCP 47 code (`language:`).
    pub language: Option<String>,
    /// The language its interface is asked to be in (`interface_language:`), when it
    /// is not the archive's: the language of the citations' terms too.
    pub interface_language: Option<String>,
    /// The words of its interface, in its language where there is a translation.
    pub interface: std::sync::Arc<crate::i18n::Interface>,
    /// The archive's address, ending in `/`, when it has one.
    pub base_url: Option<String>,
    /// The theme's name.
    pub theme: String,
    /// Raw HTML in Markdown is trusted as written.
    pub allow_raw_html: bool,
    /// The citation styles of "Cite this document", by their CSL names.
    pub citation_styles: Vec<String>,
    /// Who answers for the archive, for OAI-PMH's Identify.
    pub contact_email: Option<String>,
    /// The OAI static repository gateway that serves `oai.xml`.
    pub oai_gateway: Option<String>,
    /// The catalogue's `extra:` values, for templates.
    pub extra: Vec<(String, String)>,
    /// Markdown, from the catalogue's body.
    pub introduction: Located<String>,
    /// The introduction as HTML, for the home page.
    pub introduction_html: String,
    /// The catalogue's cross-reference forms.
    pub cross_references: Vec<String>,
    /// The collections, in the catalogue's order.
    pub collections: Vec<CollectionNode>,
    /// The entities, in the catalogue's order.
    pub entities: Vec<EntityNode>,
    /// In the catalogue's order, then uncatalogued documents by path.
    pub documents: Vec<DocumentNode>,
    /// Documents by date; undated ones last, in catalogue order.
    pub date_order: Vec<DocumentRef>,
    /// Documents in the order of reading (the catalogue's `order:`): what previous
    /// and next follow.
    pub reading_order: Vec<DocumentRef>,
    /// Which order `reading_order` is.
    pub reading: ReadingOrder,
    /// Every subject term, alphabetically.
    pub subjects: Vec<Subject>,
    /// Documents by decade, year and month.
    pub timeline: Timeline,
    /// Documents and entities by id, documents by source path.
    pub lookup: Lookup,
    pub(super) entity_by_name: HashMap<String, EntityRef>,
    pub(super) subject_by_name: HashMap<String, usize>,
    /// What linking a transcription's text needs, for its page.
    pub(super) linking: super::linking::Linking,
}

/// A document, and what connects it to the rest of the archive. It reads as its
/// [`Document`] (metadata, source, body).
#[derive(Debug)]
pub struct DocumentNode {
    /// The document as the documents stage made it.
    pub document: Document,
    /// Its text as HTML with entity names and cross-references linked, its mentions
    /// of entities in text order, and the ids of the documents it links to.
    pub linked: Linked,
    /// The summary as HTML, for the document's page.
    pub summary_html: Option<String>,
    /// Authors, recipients and translators, each resolved once to the name shown and
    /// the entity it is, if registered.
    pub authors: Vec<Party>,
    /// The recipients, resolved like the authors.
    pub recipients: Vec<Party>,
    /// The translators, resolved like the authors.
    pub translators: Vec<Party>,
    /// Its place in [`Archive::date_order`] and [`Archive::reading_order`].
    pub date_rank: usize,
    /// Its place in [`Archive::reading_order`].
    pub reading_rank: usize,
    /// The documents whose text links to it (`doc:ID`, "No. 84"), in date order.
    pub linked_from: Vec<DocumentRef>,
    /// The documents related to it.
    pub related: Vec<Relation>,
    /// The entities it is about: those it names, its authors and recipients.
    pub about: BTreeSet<EntityRef>,
}

impl Deref for DocumentNode {
    type Target = Document;
    fn deref(&self) -> &Document {
        &self.document
    }
}

impl Borrow<Document> for DocumentNode {
    fn borrow(&self) -> &Document {
        &self.document
    }
}

/// A document's text as HTML with entity names and cross-references linked, its
/// mentions, and the documents it links to.
#[derive(Debug, Clone)]
pub struct Linked {
    /// The text as HTML, names and cross-references linked: a Markdown text's. A
    /// transcription's is not kept (it is empty here): its page links it again,
    /// [`Archive::text_html`].
    pub html: Arc<str>,
    /// Its mentions of entities, in text order.
    pub mentions: Arc<[Mention]>,
    /// The ids of the documents it links to, each once.
    pub documents: Arc<[String]>,
}

/// A name of a document's metadata (an author, a recipient, a translator), resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Party {
    /// The name shown: the registered entity's, or the name as written.
    pub name: String,
    /// The registered entity, if the name is one's id or exact name.
    pub entity: Option<EntityRef>,
}

/// An entity, and the documents that name, wrote and received it. It reads as its
/// [`EntityDef`].
#[derive(Debug)]
pub struct EntityNode {
    /// The entity as the catalogue defines it.
    pub entity: EntityDef,
    /// The note as HTML, for the first page of the entity's.
    pub note_html: Option<String>,
    /// The documents that name it, in date order.
    pub appearances: Vec<Appearance>,
    /// The documents it wrote and received, in date order.
    pub authored: Vec<DocumentRef>,
    /// The documents it received, in date order.
    pub received: Vec<DocumentRef>,
    /// The entities named most often in the same documents, with how many documents
    /// they share.
    pub companions: Vec<(EntityRef, usize)>,
}

impl Deref for EntityNode {
    type Target = EntityDef;
    fn deref(&self) -> &EntityDef {
        &self.entity
    }
}

impl Borrow<EntityDef> for EntityNode {
    fn borrow(&self) -> &EntityDef {
        &self.entity
    }
}

/// A collection and its documents. It reads as its [`CollectionDef`].
#[derive(Debug)]
pub struct CollectionNode {
    /// The collection as the catalogue defines it.
    pub collection: CollectionDef,
    /// The description as HTML, for the first page of the collection's.
    pub description_html: Option<String>,
    /// Its documents, in date order.
    pub documents: Vec<DocumentRef>,
}

impl Deref for CollectionNode {
    type Target = CollectionDef;
    fn deref(&self) -> &CollectionDef {
        &self.collection
    }
}

/// A document that names an entity.
#[derive(Debug, Clone)]
pub struct Appearance {
    /// The document.
    pub document: DocumentRef,
    /// How many times it names the entity.
    pub count: usize,
    /// Places in the document's mentions of every mention of the entity, in text
    /// order; the first few keep their context ([`crate::entities::SNIPPETS_KEPT`]).
    pub mentions: Vec<usize>,
}

impl Index<DocumentRef> for [DocumentNode] {
    type Output = DocumentNode;
    fn index(&self, document: DocumentRef) -> &DocumentNode {
        &self[document.index()]
    }
}

impl Index<DocumentRef> for Vec<DocumentNode> {
    type Output = DocumentNode;
    fn index(&self, document: DocumentRef) -> &DocumentNode {
        &self[document.index()]
    }
}

impl Index<EntityRef> for [EntityNode] {
    type Output = EntityNode;
    fn index(&self, entity: EntityRef) -> &EntityNode {
        &self[entity.index()]
    }
}

impl Index<EntityRef> for Vec<EntityNode> {
    type Output = EntityNode;
    fn index(&self, entity: EntityRef) -> &EntityNode {
        &self[entity.index()]
    }
}

/// Finds documents and entities by what links name them by: id or source path.
#[derive(Debug)]
pub struct Lookup {
    by_id: HashMap<String, DocumentRef>,
    by_source: HashMap<String, DocumentRef>,
    /// Document ids, in the documents' order.
    ids: Vec<String>,
    entity_by_id: HashMap<String, EntityRef>,
}

impl Lookup {
    pub(super) fn new(documents: &[Document], entities: &[EntityDef]) -> Lookup {
        Lookup {
            by_id: documents
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.clone(), DocumentRef::new(i)))
                .collect(),
            by_source: documents
                .iter()
                .enumerate()
                .map(|(i, d)| (d.source.clone(), DocumentRef::new(i)))
                .collect(),
            ids: documents.iter().map(|d| d.id.clone()).collect(),
            entity_by_id: entities
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.clone(), EntityRef::new(i)))
                .collect(),
        }
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<DocumentRef> {
        self.by_id.get(id).copied()
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<EntityRef> {
        self.entity_by_id.get(id).copied()
    }
}

impl LinkTargets for Lookup {
    fn document_from_source(&self, relative: &str) -> Option<&str> {
        self.by_source.get(relative).map(|&d| self.ids[d.index()].as_str())
    }
    fn has_document(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }
    fn has_entity(&self, id: &str) -> bool {
        self.entity_by_id.contains_key(id)
    }
    fn nearest_document(&self, id: &str) -> Option<String> {
        crate::catalog::closest(id, self.ids.iter().map(String::as_str)).map(str::to_string)
    }
    fn nearest_entity(&self, id: &str) -> Option<String> {
        crate::catalog::closest(id, self.entity_by_id.keys().map(String::as_str)).map(str::to_string)
    }
}

impl Archive {
    /// Lets go of every document's linked text, which only its page shows: a build
    /// drops them once the pages are written, before the search index and the
    /// exports, which read the documents' blocks and metadata.
    pub(crate) fn drop_linked_html(&mut self) {
        let empty: Arc<str> = Arc::from("");
        for document in &mut self.documents {
            document.linked.html = Arc::clone(&empty);
        }
    }

    /// A document's text as HTML, names and cross-references linked: a
    /// transcription's is made again now, from its blocks (the model does not keep
    /// it), a Markdown text's was kept.
    pub fn text_html(&self, document: DocumentRef) -> std::borrow::Cow<'_, str> {
        let node = &self.documents[document];
        match &node.document.body {
            crate::document::Body::Transcript(blocks) => {
                std::borrow::Cow::Owned(super::linking::transcript_html(&self.linking, &node.id, blocks).0)
            }
            crate::document::Body::Markdown { .. } => std::borrow::Cow::Borrowed(&node.linked.html),
        }
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&DocumentNode> {
        self.lookup.document(id).map(|d| &self.documents[d])
    }

    /// The reference of the document with this id.
    pub fn document_ref(&self, id: &str) -> Option<DocumentRef> {
        self.lookup.document(id)
    }

    /// The document made from a source path relative to the collection.
    pub fn document_from_source(&self, relative: &str) -> Option<&DocumentNode> {
        self.lookup.by_source.get(relative).map(|&d| &self.documents[d])
    }

    /// The collection with this id.
    pub fn collection(&self, id: &str) -> Option<&CollectionNode> {
        self.collections.iter().find(|c| c.id == id)
    }

    /// The entity a name of the metadata or a link names, by id or exact name.
    pub fn entity_ref(&self, id_or_name: &str) -> Option<EntityRef> {
        self.lookup
            .entity(id_or_name)
            .or_else(|| self.entity_by_name.get(id_or_name).copied())
    }

    /// The entity a name of the metadata or a link names, by id or exact name.
    pub fn entity(&self, id_or_name: &str) -> Option<&EntityNode> {
        self.entity_ref(id_or_name).map(|e| &self.entities[e])
    }

    /// The subject term written so.
    pub fn subject(&self, name: &str) -> Option<&Subject> {
        self.subject_by_name.get(name).map(|&i| &self.subjects[i])
    }
}
