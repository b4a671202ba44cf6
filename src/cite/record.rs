//! What a citation says of a document: its record, made once from the site model.

use crate::archive::{Archive, Party};
use crate::names::PersonName;
use crate::refs::DocumentRef;

/// What a citation says of a document.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The document's id, as the record's key.
    pub key: String,
    /// The edition's number of the document: two documents of one title ("Editorial
    /// Note") are told apart by it.
    pub number: Option<String>,
    /// The document's title.
    pub title: String,
    /// Its authors, as the registry knows them.
    pub authors: Vec<Author>,
    /// Its date, as far as it is known.
    pub date: Option<RecordDate>,
    /// The kind of document (Memorandum, Letter), the record's genre.
    pub genre: Option<String>,
    /// The archival reference of the original.
    pub source: Option<String>,
    /// The digital archive's title.
    pub archive: String,
    /// Its language, a BCP 47 code.
    pub language: Option<String>,
    /// The document page's absolute URL, when the catalogue has a `base_url`.
    pub url: Option<String>,
}

/// An author of a document, as citations name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Author {
    /// A person, in parts: every style inverts or abbreviates it as it should.
    Person(PersonName),
    /// An organization, or a name whose parts nothing tells: never split.
    Whole(String),
}

impl Author {
    /// The author named in the catalogue: a registered person in parts (the
    /// registry's, or read from the name), a registered organization whole; a name
    /// the registry does not know is split only where it is written "Family,
    /// Given" (whether "Kim Il Sung" or "Korean Workers' Party" is a person, and in
    /// which order, only the registry says).
    pub fn named(archive: &Archive, author: &Party, written: &str) -> Author {
        match author.entity.map(|e| &archive.entities[e]) {
            Some(entity) => entity
                .person_name()
                .map_or_else(|| Author::Whole(entity.name.clone()), Author::Person),
            None => Author::unregistered(written),
        }
    }

    pub(super) fn unregistered(name: &str) -> Author {
        PersonName::from_inverted(name).map_or_else(|| Author::Whole(name.trim().to_string()), Author::Person)
    }

    /// "Family, Given, Suffix", the order of RIS and of an index.
    pub(super) fn inverted(&self) -> String {
        match self {
            Author::Person(name) => {
                let mut out = name.family_with_particle();
                if let Some(given) = &name.given {
                    out.push_str(", ");
                    out.push_str(given);
                }
                if let Some(suffix) = &name.suffix {
                    out.push_str(", ");
                    out.push_str(suffix);
                }
                out
            }
            Author::Whole(name) => name.clone(),
        }
    }
}

/// The start of a document's date, as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordDate {
    /// The year.
    pub year: i64,
    /// The month, 1 to 12.
    pub month: Option<u8>,
    /// The day of the month.
    pub day: Option<u8>,
    /// Approximate or uncertain in the catalogue (`~`, `?`, `%`, an interval).
    pub approximate: bool,
    /// Uncertain (`?`, `%`): doubted rather than only approximate.
    pub uncertain: bool,
}

/// The record of one document of the archive.
pub fn record(archive: &Archive, document: DocumentRef) -> Record {
    let document = &archive.documents[document];
    let meta = &document.meta;
    Record {
        key: document.id.clone(),
        number: meta.number.clone(),
        title: meta.title.clone(),
        authors: document
            .authors
            .iter()
            .zip(&meta.authors)
            .map(|(author, written)| Author::named(archive, author, written))
            .collect(),
        date: meta
            .date
            .as_ref()
            .and_then(|d| d.start().map(|start| (start, d.is_uncertain())))
            .map(|((year, month, day, approximate), uncertain)| RecordDate {
                year,
                month,
                day,
                approximate,
                uncertain,
            }),
        genre: meta.doc_type.clone(),
        source: meta.source.clone(),
        archive: archive.title.clone(),
        language: meta.language.clone().or_else(|| archive.language.clone()),
        url: archive
            .base_url
            .as_ref()
            .map(|base| format!("{base}{}", crate::urls::document(&document.id))),
    }
}
