//! The site model: the documents and everything that connects them.
//!
//! Built once from the catalogue and the documents (`build`), it links every
//! document's text to the entities it names, recording each mention for the entity's
//! page, and renders the editors' Markdown once (`editorial.rs`: a broken link is an
//! error with its line); it resolves every name of the metadata to its entity, and
//! works out what the browsing pages need: documents in date order, who is named
//! where and with whom, related documents ([`related`]), and the timeline, subjects
//! and collections ([`browse`]). Its types are in `model.rs`.

pub mod browse;
pub mod dublin_core;
mod editorial;
mod linking;
mod model;
pub mod related;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::catalog::{Catalog, Located};
use crate::diagnostic::Diagnostics;
use crate::document::{Body, Document};
use crate::entities::EntityMatcher;
use crate::error::{Error, Staged};

use crate::refs::{DocumentRef, EntityRef};
use editorial::EditorHtml;
use linking::Linking;

pub use browse::{Subject, Timeline, YearGroup};
pub use model::{Appearance, Archive, CollectionNode, DocumentNode, EntityNode, Linked, Lookup, Party};
pub use related::{Relation, RelationKind};

/// How many keyword-in-context lines an entity page shows per document.
pub const SNIPPETS_PER_DOCUMENT: usize = crate::entities::SNIPPETS_KEPT;
/// How many companions an entity page lists.
const COMPANIONS: usize = 10;

/// For each document, its related documents.
pub(crate) type Relations = Vec<Vec<Relation>>;

/// For each entity, its companions and how many documents each shares with it.
pub(crate) type Companions = Vec<Vec<(EntityRef, usize)>>;

/// Where the site model's costly parts come from: made afresh by the function given,
/// or given back by the incremental layer where a served build kept one made from the
/// same inputs (a plain build's layer keeps nothing, so it makes each). The model is
/// the same either way.
pub(crate) trait Memo: Sync {
    /// A document's linked text, and the problems found in it; `link` makes them.
    fn linked(&self, document: &Document, link: &dyn Fn() -> (Linked, Diagnostics)) -> (Linked, Diagnostics);
    /// Each entity's companions, given the entities each document is about; `count`
    /// works them out for the entities given (every entity for `None`) and leaves the
    /// others empty.
    fn companions(
        &self,
        documents: &[Document],
        about: &[BTreeSet<EntityRef>],
        count: &dyn Fn(Option<&BTreeSet<EntityRef>>) -> Companions,
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

/// Builds the site model; a link an editor wrote that leads nowhere is an error. Its
/// costly parts (linked texts, companions, related documents) come through `memo`.
pub(crate) fn build(
    catalog: Catalog,
    documents: Vec<Document>,
    interface: Arc<crate::i18n::Interface>,
    memo: &dyn Memo,
) -> Staged<Archive> {
    let lookup = Lookup::new(&documents, &catalog.entities);
    let mut entity_by_name = HashMap::new();
    for (index, entity) in catalog.entities.iter().enumerate() {
        entity_by_name
            .entry(entity.name.clone())
            .or_insert(EntityRef::new(index));
    }

    let mut diagnostics = Diagnostics::default();
    let linking = Linking {
        matcher: EntityMatcher::new(&catalog.entities),
        entities: catalog.entities.clone(),
        references: crate::crossrefs::CrossReferences::new(
            &catalog.cross_references,
            documents
                .iter()
                .filter_map(|d| Some((d.meta.number.as_deref()?, d.id.as_str()))),
        ),
        words: Arc::clone(&interface),
    };
    // A transcription's HTML is not kept: its page links it again
    // (`Archive::text_html`), so the model does not hold every text twice.
    let unkept: Arc<str> = Arc::from("");
    // Each document is linked on its own, on every core.
    let linked: Vec<(Linked, Diagnostics)> = documents
        .par_iter()
        .map(|document| {
            memo.linked(document, &|| {
                let mut problems = Diagnostics::default();
                let (html, found, links) = editorial::linked_body(document, &catalog, &linking, &lookup, &mut problems);
                let html = match document.body {
                    Body::Transcript(_) => Arc::clone(&unkept),
                    Body::Markdown { .. } => Arc::from(html),
                };
                (
                    Linked {
                        html,
                        mentions: Arc::from(found),
                        documents: Arc::from(links),
                    },
                    problems,
                )
            })
        })
        .collect();
    let mut texts = Vec::with_capacity(documents.len());
    let mut linked_from: Vec<Vec<DocumentRef>> = vec![Vec::new(); documents.len()];
    for (document, (text, problems)) in DocumentRef::all(documents.len()).zip(linked) {
        diagnostics.extend(problems);
        for id in text.documents.iter() {
            match lookup.document(id) {
                Some(target) if target != document => linked_from[target.index()].push(document),
                _ => {}
            }
        }
        texts.push(text);
    }
    let introduction = Located {
        value: catalog.introduction.clone(),
        file: catalog.path.clone(),
        line: catalog.introduction_line,
        context: String::new(),
    };
    let editor = editorial::editor_html(&catalog, &introduction, &documents, &lookup, &mut diagnostics);
    if diagnostics.has_errors() {
        diagnostics.sort_by_location();
        return Err(Error::Invalid(diagnostics));
    }

    let entity_of = |name: &str| lookup.entity(name).or_else(|| entity_by_name.get(name).copied());
    let party = |written: &String| match entity_of(written) {
        Some(entity) => Party {
            name: catalog.entities[entity.index()].name.clone(),
            entity: Some(entity),
        },
        None => Party {
            name: written.clone(),
            entity: None,
        },
    };
    let date_order = date_order(&documents);
    let mut date_rank = vec![0; documents.len()];
    for (rank, &document) in date_order.iter().enumerate() {
        date_rank[document.index()] = rank;
    }
    for sources in &mut linked_from {
        sources.sort_by_key(|&d| date_rank[d.index()]);
    }
    let reading_order: Vec<DocumentRef> = match catalog.order {
        crate::catalog::ReadingOrder::Date => date_order.clone(),
        crate::catalog::ReadingOrder::Catalogue => DocumentRef::all(documents.len()).collect(),
    };
    let mut reading_rank = vec![0; documents.len()];
    for (rank, &document) in reading_order.iter().enumerate() {
        reading_rank[document.index()] = rank;
    }

    let entity_count = catalog.entities.len();
    let mut appearances: Vec<Vec<Appearance>> = vec![Vec::new(); entity_count];
    let mut authored: Vec<Vec<DocumentRef>> = vec![Vec::new(); entity_count];
    let mut received: Vec<Vec<DocumentRef>> = vec![Vec::new(); entity_count];
    // The entities each document is about: those it names, and its authors and recipients.
    let mut about: Vec<BTreeSet<EntityRef>> = vec![BTreeSet::new(); documents.len()];
    for &document in &date_order {
        // Mentions grouped by entity, each group in text order.
        let mut by_entity: Vec<(EntityRef, usize)> = texts[document.index()]
            .mentions
            .iter()
            .enumerate()
            .map(|(position, mention)| (mention.entity, position))
            .collect();
        by_entity.sort_unstable();
        for group in by_entity.chunk_by(|a, b| a.0 == b.0) {
            let entity = group[0].0;
            about[document.index()].insert(entity);
            appearances[entity.index()].push(Appearance {
                document,
                count: group.len(),
                mentions: group.iter().map(|&(_, p)| p).collect(),
            });
        }
        let meta = &documents[document.index()].meta;
        for entity in meta.authors.iter().filter_map(|a| entity_of(a)) {
            authored[entity.index()].push(document);
            about[document.index()].insert(entity);
        }
        for entity in meta.recipients.iter().filter_map(|r| entity_of(r)) {
            received[entity.index()].push(document);
            about[document.index()].insert(entity);
        }
    }
    let companions = memo.companions(&documents, &about, &|only| companions(&about, entity_count, only));

    let (subjects, subject_by_name) = browse::subjects(&documents, &date_order);
    let collection_documents = browse::collection_documents(&catalog.collections, &documents, &date_order);
    let timeline = browse::timeline(&documents, &date_order);
    let inputs = related::Inputs::new(&documents, &|id| lookup.document(id), &about);
    let related = memo.related(&documents, &inputs, &date_rank, &|only| {
        related::related(&inputs, &date_rank, only)
    });

    let EditorHtml {
        introduction: introduction_html,
        summaries,
        notes,
        descriptions,
    } = editor;
    let resolved: Vec<[Vec<Party>; 3]> = documents
        .iter()
        .map(|d| {
            let meta = &d.meta;
            [&meta.authors, &meta.recipients, &meta.translators].map(|names| names.iter().map(party).collect())
        })
        .collect();
    let documents: Vec<DocumentNode> = documents
        .into_iter()
        .zip(texts)
        .zip(summaries)
        .zip(resolved)
        .zip(linked_from)
        .zip(related)
        .zip(about)
        .enumerate()
        .map(
            |(
                index,
                (
                    (((((document, linked), summary_html), [authors, recipients, translators]), linked_from), related),
                    about,
                ),
            )| {
                DocumentNode {
                    document,
                    linked,
                    summary_html,
                    authors,
                    recipients,
                    translators,
                    date_rank: date_rank[index],
                    reading_rank: reading_rank[index],
                    linked_from,
                    related,
                    about,
                }
            },
        )
        .collect();
    let entities: Vec<EntityNode> = catalog
        .entities
        .into_iter()
        .zip(notes)
        .zip(appearances)
        .zip(authored.into_iter().zip(received))
        .zip(companions)
        .map(
            |((((entity, note_html), appearances), (authored, received)), companions)| EntityNode {
                entity,
                note_html,
                appearances,
                authored,
                received,
                companions,
            },
        )
        .collect();
    let collections: Vec<CollectionNode> = catalog
        .collections
        .into_iter()
        .zip(descriptions)
        .zip(collection_documents)
        .map(|((collection, description_html), documents)| CollectionNode {
            collection,
            description_html,
            documents,
        })
        .collect();

    let archive = Archive {
        title: catalog.title,
        description: catalog.description,
        language: catalog.language,
        interface_language: catalog.interface_language,
        interface,
        base_url: catalog.base_url,
        theme: catalog.theme,
        allow_raw_html: catalog.allow_raw_html,
        citation_styles: catalog.citation_styles,
        contact_email: catalog.contact_email,
        oai_gateway: catalog.oai_gateway,
        extra: catalog.extra,
        introduction,
        introduction_html,
        cross_references: catalog.cross_references,
        collections,
        entities,
        documents,
        date_order,
        reading_order,
        reading: catalog.order,
        subjects,
        timeline,
        lookup,
        entity_by_name,
        subject_by_name,
        linking,
    };
    Ok((archive, diagnostics))
}

/// Documents by the earliest moment their dates allow; undated last; ties keep the
/// catalogue's order.
fn date_order(documents: &[Document]) -> Vec<DocumentRef> {
    let mut order: Vec<DocumentRef> = DocumentRef::all(documents.len()).collect();
    order.sort_by(
        |&a, &b| match (&documents[a.index()].meta.date, &documents[b.index()].meta.date) {
            (Some(x), Some(y)) => x.sort_key().cmp(&y.sort_key()),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        },
    );
    order
}

/// For each entity, the entities that share the most documents with it (only those in
/// `only`, when given; the others are left empty). Counting is done entity by entity in
/// one reused array per thread, not in a map of all pairs.
fn companions(
    document_entities: &[BTreeSet<EntityRef>],
    entity_count: usize,
    only: Option<&BTreeSet<EntityRef>>,
) -> Companions {
    let mut documents_of: Vec<Vec<usize>> = vec![Vec::new(); entity_count];
    for (document, entities) in document_entities.iter().enumerate() {
        for &entity in entities {
            documents_of[entity.index()].push(document);
        }
    }
    EntityRef::all(entity_count)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map_init(
            || (vec![0usize; entity_count], Vec::new()),
            |(shared, touched): &mut (Vec<usize>, Vec<EntityRef>), entity| {
                if only.is_some_and(|only| !only.contains(&entity)) {
                    return Vec::new();
                }
                for &document in &documents_of[entity.index()] {
                    for &other in &document_entities[document] {
                        if other != entity {
                            if shared[other.index()] == 0 {
                                touched.push(other);
                            }
                            shared[other.index()] += 1;
                        }
                    }
                }
                let mut ranked: Vec<(EntityRef, usize)> =
                    touched.iter().map(|&other| (other, shared[other.index()])).collect();
                for &other in touched.iter() {
                    shared[other.index()] = 0;
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
    /// An editor's Markdown as HTML for `page`, written in `source`: for a later page
    /// of a paged entity or collection, which the model did not render it for. Its
    /// links were checked when the model was built.
    pub(crate) fn markdown_html(&self, text: &Located<String>, page: &str, source: &str) -> String {
        editorial::markdown_for(text, page, source, &self.lookup, self.allow_raw_html).0
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::refs::DocumentRef;

    fn search_fixture() -> super::Archive {
        let collection = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
        crate::model(&collection, crate::sources::Encoding::Strict).expect("the fixture builds")
    }

    #[test]
    fn a_name_of_the_metadata_is_the_registered_entity_by_id_or_by_name_or_itself() {
        let archive = search_fixture();
        let zhou = archive.entity_ref("zhou").expect("registered");
        assert_eq!(archive.entity_ref("Zhou Ènlái"), Some(zhou), "by exact name");
        let parties: Vec<&super::Party> = archive
            .documents
            .iter()
            .flat_map(|d| d.authors.iter().chain(&d.recipients))
            .collect();
        let registered: Vec<&&super::Party> = parties.iter().filter(|p| p.entity == Some(zhou)).collect();
        assert!(!registered.is_empty(), "{parties:?}");
        assert!(registered.iter().all(|p| p.name == "Zhou Ènlái"), "{registered:?}");
        let plain = parties
            .iter()
            .find(|p| p.name == "A. Borunkov")
            .expect("an unregistered author");
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

    #[test]
    fn relations_are_typed_references_both_ways() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(
            dir.path().join("INDEX.md"),
            "---\ntitle: Links\ncross_references: [\"No. {number}\"]\nentities:\n  - id: kim\n    name: Kim\n    \
             type: person\n  - id: zhou\n    name: Zhou\n    type: person\ndocuments:\n  - file: a.txt\n    \
             number: \"1\"\n    date: 1966-01-02\n    authors: [kim]\n  - file: b.txt\n    date: 1965-05-06\n---\n",
        )
        .expect("catalogue");
        std::fs::write(dir.path().join("a.txt"), "Kim met Zhou.\n").expect("source");
        std::fs::write(dir.path().join("b.txt"), "As No. 1 says, Zhou came.\n").expect("source");
        let archive = crate::model(dir.path(), crate::sources::Encoding::Strict).expect("builds");
        let a = archive.document_ref("a").expect("a");
        let b = archive.document_ref("b").expect("b");
        assert_eq!(archive.date_order, [b, a], "b is earlier");
        assert_eq!(archive.documents[a].linked_from, [b], "b cites No. 1");
        assert_eq!(archive.documents[b].linked.documents.as_ref(), ["a".to_string()]);
        let (kim, zhou) = (
            archive.entity_ref("kim").expect("kim"),
            archive.entity_ref("zhou").expect("zhou"),
        );
        assert_eq!(archive.documents[a].about, [kim, zhou].into_iter().collect());
        assert_eq!(archive.entities[kim].authored, [a]);
        let appearances: Vec<DocumentRef> = archive.entities[zhou].appearances.iter().map(|x| x.document).collect();
        assert_eq!(appearances, [b, a], "in date order");
        assert_eq!(archive.entities[kim].companions, [(zhou, 1)]);
        assert_eq!(archive.documents[a].authors[0].entity, Some(kim));
    }
}
