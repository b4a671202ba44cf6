//! The ways into the archive besides search: by date, by subject, by collection.

use std::collections::{BTreeMap, HashMap};

use crate::catalog::CollectionDef;
use crate::document::Document;
use crate::refs::DocumentRef;

/// A subject term and the documents given it, in date order.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The term as the catalogue writes it.
    pub name: String,
    /// The subject's folder name, unique in the archive.
    pub slug: String,
    /// The documents given it, in date order.
    pub documents: Vec<DocumentRef>,
}

/// Every subject, alphabetically (case set aside), and the index of each by name.
pub fn subjects(documents: &[Document], date_order: &[DocumentRef]) -> (Vec<Subject>, HashMap<String, usize>) {
    let mut by_name: BTreeMap<(String, String), Vec<DocumentRef>> = BTreeMap::new();
    for &document in date_order {
        for subject in &documents[document.index()].meta.subjects {
            let entry = by_name.entry((subject.to_lowercase(), subject.clone())).or_default();
            if entry.last() != Some(&document) {
                entry.push(document);
            }
        }
    }
    let mut used_slugs: HashMap<String, usize> = HashMap::new();
    let mut subjects = Vec::with_capacity(by_name.len());
    let mut index = HashMap::with_capacity(by_name.len());
    for ((_, name), documents) in by_name {
        let base = match slug::slugify(&name) {
            s if s.is_empty() => "subject".to_string(),
            s => s,
        };
        // "Trade" and "trade" are two terms; their folders must still differ.
        let seen = used_slugs.entry(base.clone()).or_insert(0);
        *seen += 1;
        let slug = if *seen == 1 { base } else { format!("{base}-{seen}") };
        index.insert(name.clone(), subjects.len());
        subjects.push(Subject { name, slug, documents });
    }
    (subjects, index)
}

/// Each collection's documents, in date order.
pub fn collection_documents(
    collections: &[CollectionDef],
    documents: &[Document],
    date_order: &[DocumentRef],
) -> Vec<Vec<DocumentRef>> {
    collections
        .iter()
        .map(|collection| {
            date_order
                .iter()
                .copied()
                .filter(|&d| documents[d.index()].meta.collections.contains(&collection.id))
                .collect()
        })
        .collect()
}

/// Documents by decade and year, each year with its months.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Years in order, each with its documents in date order.
    pub years: Vec<YearGroup>,
    /// Documents dated only to a decade or wider (`196X`), by decade.
    pub decades_only: BTreeMap<i64, Vec<DocumentRef>>,
    /// Undated documents, in catalogue order.
    pub undated: Vec<DocumentRef>,
}

#[derive(Debug, Clone)]
/// A year of the timeline and its documents.
pub struct YearGroup {
    /// The year its documents' dates start in.
    pub year: i64,
    /// Its documents, in date order.
    pub documents: Vec<DocumentRef>,
    /// Documents by the month their date starts in; `None` for "month unknown".
    pub months: Vec<(Option<u8>, Vec<DocumentRef>)>,
}

impl YearGroup {
    /// The decade the year is in (1966 → 1960).
    pub fn decade(&self) -> i64 {
        self.year.div_euclid(10) * 10
    }
}

/// Groups documents by the year their date starts in (an interval by its start).
pub fn timeline(documents: &[Document], date_order: &[DocumentRef]) -> Timeline {
    let mut timeline = Timeline::default();
    let mut years: BTreeMap<i64, Vec<DocumentRef>> = BTreeMap::new();
    for &document in date_order {
        match &documents[document.index()].meta.date {
            None => timeline.undated.push(document),
            Some(date) if date.is_decade_or_wider() => {
                timeline
                    .decades_only
                    .entry(date.year().div_euclid(10) * 10)
                    .or_default()
                    .push(document);
            }
            Some(date) => years.entry(date.year()).or_default().push(document),
        }
    }
    timeline.years = years
        .into_iter()
        .map(|(year, documents_of_year)| {
            let mut months: BTreeMap<Option<u8>, Vec<DocumentRef>> = BTreeMap::new();
            for &document in &documents_of_year {
                let month = documents[document.index()].meta.date.as_ref().and_then(|d| d.month());
                months.entry(month).or_default().push(document);
            }
            // Known months in order, then the documents whose month is unknown.
            let mut months: Vec<(Option<u8>, Vec<DocumentRef>)> = months.into_iter().collect();
            months.sort_by_key(|(month, _)| month.map_or(13, |m| m));
            YearGroup {
                year,
                documents: documents_of_year,
                months,
            }
        })
        .collect();
    timeline
}
