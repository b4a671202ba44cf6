//! The site model: the documents and everything that connects them.
//!
//! Built once from the catalogue and the documents, it links every document's text to
//! the entities it names (recording each mention for the entity's page), resolves the
//! links editors wrote (a broken one is an error with its line), and works out what
//! the browsing pages need: documents in date order, who is named where and with whom
//! ([`build`]), related documents ([`related`]), and the timeline, subjects and
//! collections ([`browse`]).

pub mod browse;
pub mod dublin_core;
pub mod related;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::catalog::{Catalog, CollectionDef, EntityDef, Located};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::{Body, Document};
use crate::entities::{EntityMatcher, Linker, Mention};
use crate::markdown::{self, LinkContext, LinkTargets};
use crate::reflow;
use crate::urls;

pub use browse::{Subject, Timeline, YearGroup};
pub use related::{Relation, RelationKind};

/// How many keyword-in-context lines an entity page shows per document.
pub const SNIPPETS_PER_DOCUMENT: usize = crate::entities::SNIPPETS_KEPT;
/// How many companions an entity page lists.
const COMPANIONS: usize = 10;

/// A name of a document's metadata, resolved ([`Archive::named`]).
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    /// The name shown: the registered entity's, or the name as written.
    pub name: &'a str,
    pub entity: Option<&'a EntityDef>,
}

/// The archive as the pages see it. Documents and entities are referred to by their
/// index in `documents` and `entities`.
#[derive(Debug)]
pub struct Archive {
    pub title: String,
    pub description: Option<String>,
    pub language: Option<String>,
    pub base_url: Option<String>,
    pub theme: String,
    /// Raw HTML in Markdown is trusted as written.
    pub allow_raw_html: bool,
    /// The citation styles of "Cite this document", by their CSL names.
    pub citation_styles: Vec<String>,
    pub contact_email: Option<String>,
    /// The OAI static repository gateway that serves `oai.xml`.
    pub oai_gateway: Option<String>,
    /// The catalogue's `extra:` values, for templates.
    pub extra: Vec<(String, String)>,
    /// Markdown, from the catalogue's body.
    pub introduction: Located<String>,
    pub collections: Vec<CollectionDef>,
    pub entities: Vec<EntityDef>,
    /// In the catalogue's order, then uncatalogued documents by path.
    pub documents: Vec<Document>,
    /// Each document's text as HTML, with entity names linked (shared with the cache
    /// of a served build).
    pub bodies: Vec<Arc<str>>,
    /// Each document's mentions of entities, in text order.
    pub mentions: Vec<Arc<[Mention]>>,
    /// Document indices by date; undated ones last, in catalogue order.
    pub date_order: Vec<usize>,
    /// Each document's place in `date_order`.
    pub date_rank: Vec<usize>,
    /// For each document, the documents whose text links to it (`doc:ID`, "No. 84"),
    /// in date order.
    pub linked_from: Vec<Vec<usize>>,
    /// For each document, the ids of the documents its text links to.
    pub documents_linked: Vec<Arc<[String]>>,
    /// The catalogue's cross-reference forms.
    pub cross_references: Vec<String>,
    /// Document indices in the order of reading (the catalogue's `order:`): what
    /// previous and next follow.
    pub reading_order: Vec<usize>,
    /// Each document's place in `reading_order`.
    pub reading_rank: Vec<usize>,
    /// Which order `reading_order` is.
    pub reading: crate::catalog::ReadingOrder,
    /// For each entity, the documents that name it, in date order.
    pub appearances: Vec<Vec<Appearance>>,
    /// For each entity, the documents it wrote and received, in date order.
    pub authored: Vec<Vec<usize>>,
    pub received: Vec<Vec<usize>>,
    /// For each entity, the entities named most often in the same documents, with how
    /// many documents they share.
    pub companions: Vec<Vec<(usize, usize)>>,
    /// For each document, the documents related to it.
    pub related: Vec<Vec<Relation>>,
    /// For each document, the entities it is about: those it names, its authors and
    /// recipients.
    pub document_entities: Vec<BTreeSet<usize>>,
    pub subjects: Vec<Subject>,
    /// For each collection, its documents in date order.
    pub collection_documents: Vec<Vec<usize>>,
    pub timeline: Timeline,
    /// Documents and entities by id, documents by source path.
    pub lookup: Lookup,
    entity_by_name: HashMap<String, usize>,
    subject_by_name: HashMap<String, usize>,
}

/// A document that names an entity.
#[derive(Debug, Clone)]
pub struct Appearance {
    pub document: usize,
    pub count: usize,
    /// Indices into the document's `mentions`, the first few.
    pub snippets: Vec<usize>,
}

/// Finds documents and entities by what links name them by: id or source path.
#[derive(Debug)]
pub struct Lookup {
    by_id: HashMap<String, usize>,
    by_source: HashMap<String, usize>,
    /// Document ids by index.
    ids: Vec<String>,
    entity_by_id: HashMap<String, usize>,
}

impl Lookup {
    fn new(documents: &[Document], entities: &[EntityDef]) -> Lookup {
        Lookup {
            by_id: documents.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect(),
            by_source: documents
                .iter()
                .enumerate()
                .map(|(i, d)| (d.source.clone(), i))
                .collect(),
            ids: documents.iter().map(|d| d.id.clone()).collect(),
            entity_by_id: entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect(),
        }
    }
}

impl LinkTargets for Lookup {
    fn document_from_source(&self, relative: &str) -> Option<&str> {
        self.by_source.get(relative).map(|&i| self.ids[i].as_str())
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

/// A document's text as HTML with entity names and cross-references linked, its
/// mentions, and the documents it links to.
#[derive(Debug, Clone)]
pub struct Linked {
    pub html: Arc<str>,
    pub mentions: Arc<[Mention]>,
    pub documents: Arc<[String]>,
}

/// For each document, its related documents.
pub type Relations = Vec<Vec<Relation>>;

/// For each entity, its companions and how many documents each shares with it.
pub type Companions = Vec<Vec<(usize, usize)>>;

/// Where the site model's costly parts come from: made afresh by the function given
/// ([`Fresh`], a build), or given back by a served build's incremental layer where it
/// kept one made from the same inputs. The model is the same either way.
pub trait Memo: Sync {
    /// A document's linked text, and the problems found in it; `link` makes them.
    fn linked(&self, document: &Document, link: &dyn Fn() -> (Linked, Diagnostics)) -> (Linked, Diagnostics);
    /// Each entity's companions, given the entities each document is about; `count`
    /// works them out for the entities given (every entity for `None`) and leaves the
    /// others empty.
    fn companions(
        &self,
        documents: &[Document],
        about: &[BTreeSet<usize>],
        count: &dyn Fn(Option<&BTreeSet<usize>>) -> Companions,
    ) -> Companions;
    /// Each document's related documents; `find` works them out for the documents
    /// marked (every document for `None`) and leaves the others empty.
    fn related(
        &self,
        documents: &[Document],
        inputs: &related::Inputs,
        date_rank: &[usize],
        find: &dyn Fn(Option<&[bool]>) -> Relations,
    ) -> Relations;
}

/// Every part made afresh: a build's [`Memo`].
#[derive(Debug, Default, Clone, Copy)]
pub struct Fresh;

impl Memo for Fresh {
    fn linked(&self, _: &Document, link: &dyn Fn() -> (Linked, Diagnostics)) -> (Linked, Diagnostics) {
        link()
    }
    fn companions(
        &self,
        _: &[Document],
        _: &[BTreeSet<usize>],
        count: &dyn Fn(Option<&BTreeSet<usize>>) -> Companions,
    ) -> Companions {
        count(None)
    }
    fn related(
        &self,
        _: &[Document],
        _: &related::Inputs,
        _: &[usize],
        find: &dyn Fn(Option<&[bool]>) -> Relations,
    ) -> Relations {
        find(None)
    }
}

/// Builds the site model; a link an editor wrote that leads nowhere is an error. Its
/// costly parts (linked texts, companions, related documents) come through `memo`:
/// [`Fresh`] makes each, the incremental layer gives back those it kept.
pub fn build(catalog: Catalog, documents: Vec<Document>, memo: &dyn Memo) -> Result<Archive, Diagnostics> {
    let lookup = Lookup::new(&documents, &catalog.entities);
    let mut entity_by_name = HashMap::new();
    for (index, entity) in catalog.entities.iter().enumerate() {
        entity_by_name.entry(entity.name.clone()).or_insert(index);
    }

    let mut diagnostics = Diagnostics::default();
    let matcher = EntityMatcher::new(&catalog.entities);
    let references = crate::crossrefs::CrossReferences::new(
        &catalog.cross_references,
        documents
            .iter()
            .filter_map(|d| Some((d.meta.number.as_deref()?, d.id.as_str()))),
    );
    // Each document is linked on its own, on every core.
    let linked: Vec<(Linked, Diagnostics)> = documents
        .par_iter()
        .map(|document| {
            memo.linked(document, &|| {
                let mut problems = Diagnostics::default();
                let (html, found, links) =
                    linked_body(document, &catalog, &matcher, &references, &lookup, &mut problems);
                (
                    Linked {
                        html: Arc::from(html),
                        mentions: Arc::from(found),
                        documents: Arc::from(links),
                    },
                    problems,
                )
            })
        })
        .collect();
    let mut bodies = Vec::with_capacity(documents.len());
    let mut mentions = Vec::with_capacity(documents.len());
    let mut documents_linked = Vec::with_capacity(documents.len());
    let mut linked_from: Vec<Vec<usize>> = vec![Vec::new(); documents.len()];
    for (document, (Linked { html, mentions: found, documents: links }, problems)) in linked.into_iter().enumerate() {
        bodies.push(html);
        mentions.push(found);
        diagnostics.extend(problems);
        for id in links.iter() {
            match lookup.by_id.get(id) {
                Some(&target) if target != document => linked_from[target].push(document),
                _ => {}
            }
        }
        documents_linked.push(links);
    }
    check_editor_markdown(&catalog, &documents, &lookup, &mut diagnostics);
    if diagnostics.has_errors() {
        diagnostics.sort_by_location();
        return Err(diagnostics);
    }

    let entity_of = |name: &str| {
        lookup
            .entity_by_id
            .get(name)
            .or_else(|| entity_by_name.get(name))
            .copied()
    };
    let date_order = date_order(&documents);
    let mut date_rank = vec![0; documents.len()];
    for (rank, &document) in date_order.iter().enumerate() {
        date_rank[document] = rank;
    }
    for sources in &mut linked_from {
        sources.sort_by_key(|&d| date_rank[d]);
    }
    let reading_order: Vec<usize> = match catalog.order {
        crate::catalog::ReadingOrder::Date => date_order.clone(),
        crate::catalog::ReadingOrder::Catalogue => (0..documents.len()).collect(),
    };
    let mut reading_rank = vec![0; documents.len()];
    for (rank, &document) in reading_order.iter().enumerate() {
        reading_rank[document] = rank;
    }

    let entity_count = catalog.entities.len();
    let mut appearances: Vec<Vec<Appearance>> = vec![Vec::new(); entity_count];
    let mut authored: Vec<Vec<usize>> = vec![Vec::new(); entity_count];
    let mut received: Vec<Vec<usize>> = vec![Vec::new(); entity_count];
    // The entities each document is about: those it names, and its authors and recipients.
    let mut document_entities: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); documents.len()];
    for &document in &date_order {
        // Mentions grouped by entity, each group in text order.
        let mut by_entity: Vec<(usize, usize)> = mentions[document]
            .iter()
            .enumerate()
            .map(|(position, mention)| (mention.entity, position))
            .collect();
        by_entity.sort_unstable();
        for group in by_entity.chunk_by(|a, b| a.0 == b.0) {
            let entity = group[0].0;
            document_entities[document].insert(entity);
            appearances[entity].push(Appearance {
                document,
                count: group.len(),
                snippets: group.iter().take(SNIPPETS_PER_DOCUMENT).map(|&(_, p)| p).collect(),
            });
        }
        let meta = &documents[document].meta;
        for entity in meta.authors.iter().filter_map(|a| entity_of(a)) {
            authored[entity].push(document);
            document_entities[document].insert(entity);
        }
        for entity in meta.recipients.iter().filter_map(|r| entity_of(r)) {
            received[entity].push(document);
            document_entities[document].insert(entity);
        }
    }
    let companions = memo.companions(&documents, &document_entities, &|only| {
        companions(&document_entities, entity_count, only)
    });

    let (subjects, subject_by_name) = browse::subjects(&documents, &date_order);
    let collection_documents = browse::collection_documents(&catalog.collections, &documents, &date_order);
    let timeline = browse::timeline(&documents, &date_order);
    let inputs = related::Inputs::new(&documents, &|id| lookup.by_id.get(id).copied(), &document_entities);
    let related = memo.related(&documents, &inputs, &date_rank, &|only| {
        related::related(&inputs, &date_rank, only)
    });

    Ok(Archive {
        title: catalog.title,
        description: catalog.description,
        language: catalog.language,
        base_url: catalog.base_url,
        theme: catalog.theme,
        allow_raw_html: catalog.allow_raw_html,
        citation_styles: catalog.citation_styles.clone(),
        contact_email: catalog.contact_email.clone(),
        oai_gateway: catalog.oai_gateway.clone(),
        extra: catalog.extra.clone(),
        introduction: Located {
            value: catalog.introduction,
            file: catalog.path.clone(),
            line: catalog.introduction_line,
            context: String::new(),
        },
        collections: catalog.collections,
        entities: catalog.entities,
        documents,
        bodies,
        mentions,
        date_order,
        date_rank,
        linked_from,
        documents_linked,
        cross_references: catalog.cross_references.clone(),
        reading_order,
        reading_rank,
        reading: catalog.order,
        appearances,
        authored,
        received,
        companions,
        related,
        document_entities,
        subjects,
        collection_documents,
        timeline,
        lookup,
        entity_by_name,
        subject_by_name,
    })
}

/// A document's text as HTML with entity names linked, and the mentions found.
fn linked_body(
    document: &Document,
    catalog: &Catalog,
    matcher: &EntityMatcher,
    references: &crate::crossrefs::CrossReferences,
    index: &Lookup,
    diagnostics: &mut Diagnostics,
) -> (String, Vec<Mention>, Vec<String>) {
    let page = urls::document(&document.id);
    let entity_href = |id: &str| urls::href(&page, &urls::entity(id));
    let document_href = |id: &str| urls::href(&page, &urls::document(id));
    let mut linker =
        Linker::new(matcher, &catalog.entities, &entity_href).with_references(references, &document_href, &document.id);
    let mut documents_linked = Vec::new();
    let html = match &document.body {
        Body::Transcript(blocks) => {
            reflow::to_html(blocks, &mut |html, text, voice| linker.write_as(html, text, voice))
        }
        Body::Markdown { text, first_line } => {
            let context = LinkContext {
                source: &document.source,
                page: &page,
                targets: index,
                first_line: *first_line,
                trust_raw_html: catalog.allow_raw_html,
            };
            let rendered = markdown::to_html(text, &context, Some(&mut linker));
            let file = catalog.path.with_file_name("").join(&document.source);
            for broken in rendered.broken_links {
                let mut diagnostic =
                    Diagnostic::error(&file, Some(broken.line), "", broken.message).about(broken.target);
                diagnostic.help = broken.help;
                diagnostics.push(diagnostic);
            }
            documents_linked = rendered.documents_linked;
            rendered.html
        }
    };
    // Cross-references first, then the editor's links, each document once.
    let mut links = linker.documents_linked;
    for id in documents_linked {
        if !links.contains(&id) {
            links.push(id);
        }
    }
    (html, linker.mentions, links)
}

/// Links in summaries, notes, descriptions and the introduction must lead somewhere.
fn check_editor_markdown(catalog: &Catalog, documents: &[Document], index: &Lookup, diagnostics: &mut Diagnostics) {
    let introduction = Located {
        value: catalog.introduction.clone(),
        file: catalog.path.clone(),
        line: catalog.introduction_line,
        context: String::new(),
    };
    let texts = std::iter::once(&introduction)
        .chain(documents.iter().filter_map(|d| d.meta.summary.as_ref()))
        .chain(catalog.entities.iter().filter_map(|e| e.note.as_ref()))
        .chain(catalog.collections.iter().filter_map(|c| c.description.as_ref()));
    let collection = catalog.path.parent().unwrap_or(Path::new(""));
    for text in texts {
        diagnostics
            .0
            .extend(markdown_problems(text, collection, index, catalog.allow_raw_html));
    }
}

fn markdown_problems(
    text: &Located<String>,
    collection: &Path,
    index: &Lookup,
    trust_raw_html: bool,
) -> Vec<Diagnostic> {
    // Summaries and notes sit in INDEX.md or a document's front matter: relative links
    // resolve from that file's folder.
    let source = text
        .file
        .strip_prefix(collection)
        .ok()
        .and_then(|relative| relative.to_str())
        .map_or_else(
            || crate::sources::INDEX_FILE.to_string(),
            |relative| relative.replace('\\', "/"),
        );
    let context = LinkContext {
        source: &source,
        page: &urls::home(),
        targets: index,
        first_line: text.line,
        trust_raw_html,
    };
    markdown::to_html(&text.value, &context, None)
        .broken_links
        .into_iter()
        .map(|broken| {
            let mut diagnostic = Diagnostic::error(&text.file, Some(broken.line), text.context.clone(), broken.message)
                .about(broken.target);
            diagnostic.help = broken.help;
            diagnostic
        })
        .collect()
}

/// Documents by the earliest moment their dates allow; undated last; ties keep the
/// catalogue's order.
fn date_order(documents: &[Document]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..documents.len()).collect();
    order.sort_by(|&a, &b| match (&documents[a].meta.date, &documents[b].meta.date) {
        (Some(x), Some(y)) => x.sort_key().cmp(&y.sort_key()),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    order
}

/// For each entity, the entities that share the most documents with it (only those in
/// `only`, when given; the others are left empty). Counting is done entity by entity in
/// one reused array per thread, not in a map of all pairs.
fn companions(
    document_entities: &[BTreeSet<usize>],
    entity_count: usize,
    only: Option<&BTreeSet<usize>>,
) -> Companions {
    let mut documents_of: Vec<Vec<usize>> = vec![Vec::new(); entity_count];
    for (document, entities) in document_entities.iter().enumerate() {
        for &entity in entities {
            documents_of[entity].push(document);
        }
    }
    (0..entity_count)
        .into_par_iter()
        .map_init(
            || (vec![0usize; entity_count], Vec::new()),
            |(shared, touched), entity| {
                if only.is_some_and(|only| !only.contains(&entity)) {
                    return Vec::new();
                }
                for &document in &documents_of[entity] {
                    for &other in &document_entities[document] {
                        if other != entity {
                            if shared[other] == 0 {
                                touched.push(other);
                            }
                            shared[other] += 1;
                        }
                    }
                }
                let mut ranked: Vec<(usize, usize)> = touched.iter().map(|&other| (other, shared[other])).collect();
                for &other in touched.iter() {
                    shared[other] = 0;
                }
                touched.clear();
                ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                ranked.truncate(COMPANIONS);
                ranked
            },
        )
        .collect()
}

impl Archive {
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.lookup.by_id.get(id).map(|&i| &self.documents[i])
    }

    pub fn document_index(&self, id: &str) -> Option<usize> {
        self.lookup.by_id.get(id).copied()
    }

    /// The document made from a source path relative to the collection.
    pub fn document_from_source(&self, relative: &str) -> Option<&Document> {
        self.lookup.by_source.get(relative).map(|&i| &self.documents[i])
    }

    pub fn collection(&self, id: &str) -> Option<&CollectionDef> {
        self.collections.iter().find(|c| c.id == id)
    }

    /// The entity an author or recipient names, by id or exact name.
    /// A name of a document's metadata (an author, a recipient) resolved: the
    /// registered entity it is (by id or exact name) and the name shown, the entity's
    /// own or the name as written. Every page, record and index shows names so.
    pub fn named<'a>(&'a self, id_or_name: &'a str) -> Named<'a> {
        match self.entity(id_or_name) {
            Some(entity) => Named {
                name: &entity.name,
                entity: Some(entity),
            },
            None => Named {
                name: id_or_name,
                entity: None,
            },
        }
    }

    pub fn entity(&self, id_or_name: &str) -> Option<&EntityDef> {
        self.lookup
            .entity_by_id
            .get(id_or_name)
            .or_else(|| self.entity_by_name.get(id_or_name))
            .map(|&i| &self.entities[i])
    }

    pub fn subject(&self, name: &str) -> Option<&Subject> {
        self.subject_by_name.get(name).map(|&i| &self.subjects[i])
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn search_fixture() -> super::Archive {
        let collection = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
        crate::model(&collection, crate::sources::Encoding::Strict).expect("the fixture builds")
    }

    #[test]
    fn a_name_of_the_metadata_is_the_registered_entity_by_id_or_by_name_or_itself() {
        let archive = search_fixture();
        for written in ["zhou", "Zhou Ènlái"] {
            let named = archive.named(written);
            assert_eq!(named.name, "Zhou Ènlái", "{written}");
            assert_eq!(named.entity.map(|e| e.id.as_str()), Some("zhou"), "{written}");
        }
        let plain = archive.named("A. Borunkov");
        assert_eq!(plain.name, "A. Borunkov");
        assert!(plain.entity.is_none());
    }

    #[test]
    fn documents_are_numbered_in_date_order() {
        let archive = search_fixture();
        let years: Vec<Option<i64>> = archive
            .date_order
            .iter()
            .map(|&d| archive.documents[d].meta.date.as_ref().map(|date| date.year()))
            .collect();
        let dated: Vec<i64> = years.iter().flatten().copied().collect();
        assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{years:?}");
        assert_eq!(years.len(), archive.documents.len());
    }
}
