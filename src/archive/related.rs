//! Related documents: those the catalogue relates (both ways), and the nearest
//! neighbours by what they share.
//!
//! A neighbour shares distinctive things: each shared entity or subject counts by its
//! inverse document frequency, ln(N / documents having it), so a name every document
//! mentions counts for nothing and a rare one for much. Candidates come from an
//! inverted index (the documents of each entity and subject), never from comparing all
//! pairs; features held by more than [`POSTING_LIMIT`] documents are passed over, as
//! they say little and would make the work quadratic.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::document::Document;
use crate::refs::{DocumentRef, EntityRef};

/// How many computed neighbours a document shows.
pub const NEIGHBOURS: usize = 5;
/// How many shared things a reason names.
const REASONS: usize = 3;
/// Features of more documents than this are not used to find neighbours.
const POSTING_LIMIT: usize = 1000;
/// Only a document's most distinctive features look for neighbours: they decide the
/// ranking anyway, and the work stays linear in the number of documents.
const FEATURES_PER_DOCUMENT: usize = 24;

#[derive(Debug, Clone, PartialEq, Hash)]
/// A document related to another, and why.
pub struct Relation {
    /// The related document.
    pub document: DocumentRef,
    /// Why they are related.
    pub kind: RelationKind,
}

#[derive(Debug, Clone, PartialEq, Hash)]
/// Why two documents are related.
pub enum RelationKind {
    /// The catalogue relates them: this document lists the other, the other lists this
    /// one, or both.
    Listed {
        /// This document's `related:` names the other.
        by_this: bool,
        /// The other's `related:` names this one.
        by_other: bool,
    },
    /// Computed: what they share, most distinctive first.
    Shares {
        /// The entities both are about.
        entities: Vec<EntityRef>,
        /// The subjects both are given.
        subjects: Vec<String>,
    },
}

/// What a document is about, for comparing it with others.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Feature {
    Entity(EntityRef),
    Subject(String),
}

/// What related documents are worked out from: for each document, the documents the
/// catalogue relates it to (in which direction) and what it is about; for each
/// feature, the documents that have it.
#[derive(Debug)]
pub(crate) struct Inputs {
    pub listed: Vec<BTreeMap<usize, (bool, bool)>>,
    pub features: Vec<BTreeSet<Feature>>,
    postings: HashMap<Feature, Vec<usize>>,
}

impl Inputs {
    /// `index_of` finds a document by id; `document_entities` are the entities each
    /// document is about.
    pub(crate) fn new<D: Borrow<Document>>(
        documents: &[D],
        index_of: &dyn Fn(&str) -> Option<DocumentRef>,
        document_entities: &[BTreeSet<EntityRef>],
    ) -> Inputs {
        let features: Vec<BTreeSet<Feature>> = documents
            .iter()
            .zip(document_entities)
            .map(|(document, entities)| {
                let document: &Document = document.borrow();
                entities
                    .iter()
                    .map(|&e| Feature::Entity(e))
                    .chain(document.meta.subjects.iter().map(|s| Feature::Subject(s.clone())))
                    .collect()
            })
            .collect();
        let mut postings: HashMap<Feature, Vec<usize>> = HashMap::new();
        for (document, features) in features.iter().enumerate() {
            for feature in features {
                postings.entry(feature.clone()).or_default().push(document);
            }
        }
        Inputs {
            listed: listed_relations(documents, index_of),
            features,
            postings,
        }
    }

    /// The documents that have `feature`, in catalogue order.
    pub(crate) fn holders(&self, feature: &Feature) -> &[usize] {
        self.postings.get(feature).map_or(&[], Vec::as_slice)
    }
}

/// Each document's related documents: those the catalogue lists, by date, then the
/// nearest neighbours. With `only`, just the documents it marks are worked out, and
/// the others are left empty (for the incremental layer, which has them already).
pub(crate) fn related(inputs: &Inputs, date_rank: &[usize], only: Option<&[bool]>) -> Vec<Vec<Relation>> {
    let Inputs {
        listed,
        features,
        postings,
    } = inputs;
    let count = features.len();
    let total = count as f64;
    let weight = |feature: &Feature| -> f64 {
        let holders = postings.get(feature).map_or(0, Vec::len);
        if holders == 0 {
            0.0
        } else {
            (total / holders as f64).ln()
        }
    };

    // Each document's neighbours are found on its own, on every core; a thread's scores
    // are one array, reset after each document by the list of those it touched.
    (0..count)
        .into_par_iter()
        .map_init(
            || (vec![0.0f64; count], Vec::new()),
            |(scores, touched), document| {
                if only.is_some_and(|only| !only[document]) {
                    return Vec::new();
                }
                let mut relations: Vec<Relation> = listed[document]
                    .iter()
                    .map(|(&other, &(by_this, by_other))| Relation {
                        document: DocumentRef::new(other),
                        kind: RelationKind::Listed { by_this, by_other },
                    })
                    .collect();
                relations.sort_by_key(|r| date_rank[r.document.index()]);

                let mut distinctive: Vec<(&Feature, f64)> = features[document]
                    .iter()
                    .filter(|f| postings[f].len() <= POSTING_LIMIT)
                    .map(|f| (f, weight(f)))
                    .filter(|(_, w)| *w > 0.0)
                    .collect();
                distinctive.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
                distinctive.truncate(FEATURES_PER_DOCUMENT);
                for (feature, w) in distinctive {
                    let holders = &postings[feature];
                    for &other in holders {
                        if other != document && !listed[document].contains_key(&other) {
                            if scores[other] == 0.0 {
                                touched.push(other);
                            }
                            scores[other] += w;
                        }
                    }
                }
                let mut ranked: Vec<(usize, f64)> = touched.iter().map(|&other| (other, scores[other])).collect();
                for &other in touched.iter() {
                    scores[other] = 0.0;
                }
                touched.clear();
                // Only the best few are wanted: select them, then order just those.
                let order =
                    |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(date_rank[a.0].cmp(&date_rank[b.0]));
                if ranked.len() > NEIGHBOURS {
                    ranked.select_nth_unstable_by(NEIGHBOURS - 1, order);
                    ranked.truncate(NEIGHBOURS);
                }
                ranked.sort_by(order);
                for (other, _) in ranked.into_iter().take(NEIGHBOURS) {
                    let mut shared: Vec<&Feature> = features[document].intersection(&features[other]).collect();
                    shared.sort_by(|a, b| weight(b).total_cmp(&weight(a)).then(a.cmp(b)));
                    let mut entities = Vec::new();
                    let mut subjects = Vec::new();
                    for feature in shared.into_iter().filter(|f| weight(f) > 0.0).take(REASONS) {
                        match feature {
                            Feature::Entity(e) => entities.push(*e),
                            Feature::Subject(s) => subjects.push(s.clone()),
                        }
                    }
                    relations.push(Relation {
                        document: DocumentRef::new(other),
                        kind: RelationKind::Shares { entities, subjects },
                    });
                }
                relations
            },
        )
        .collect()
}

/// For each document, the documents the catalogue relates it to, and in which direction.
fn listed_relations<D: Borrow<Document>>(
    documents: &[D],
    index_of: &dyn Fn(&str) -> Option<DocumentRef>,
) -> Vec<BTreeMap<usize, (bool, bool)>> {
    let mut listed: Vec<BTreeMap<usize, (bool, bool)>> = vec![BTreeMap::new(); documents.len()];
    for (document, doc) in documents.iter().enumerate() {
        let doc: &Document = doc.borrow();
        for other in doc
            .meta
            .related
            .iter()
            .filter_map(|id| index_of(id))
            .map(DocumentRef::index)
        {
            if other == document {
                continue;
            }
            listed[document].entry(other).or_insert((false, false)).0 = true;
            listed[other].entry(document).or_insert((false, false)).1 = true;
        }
    }
    listed
}
