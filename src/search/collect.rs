//! Reading every document into term postings: the words of each document are found in
//! parallel, then given term ids and appended, in date order, to each term's postings.
//!
//! Postings are kept compressed while the index is built (variable-length bytes,
//! differences between numbers), so the index holds about as much memory as the text's
//! own size, not several times it.

use rustc_hash::FxHashMap;
use std::ops::Range;

use rayon::prelude::*;

use super::normalize::{for_each_word, Normalizer, Vocabulary};
use crate::archive::Archive;
use crate::document::{Body, Document};
use crate::reflow::{Block, Inline};

/// Where each field's positions start; a phrase cannot cross from one field to another.
pub const FIELD_GAP: u32 = 1_000_000;

/// Documents read in parallel at a time, before their words join the postings.
const BLOCK: usize = 512;

/// The fields of a document, with the weight a term found in each carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Summary,
    Metadata,
    /// The names and aliases of the entities the document names: "Peking" finds a
    /// document that writes "Beijing".
    Names,
    Body,
}

impl Field {
    /// Twice the weight of an occurrence, so weights add up as whole numbers.
    fn double_weight(self) -> u32 {
        match self {
            Field::Title => 6,
            Field::Summary => 4,
            Field::Metadata => 3,
            Field::Names => 1,
            Field::Body => 2,
        }
    }

    fn start(self) -> u32 {
        let index = match self {
            Field::Title => 0,
            Field::Summary => 1,
            Field::Metadata => 2,
            Field::Names => 3,
            Field::Body => 4,
        };
        index * FIELD_GAP
    }
}

/// One term's occurrences in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    pub document: u32,
    /// Occurrences weighted by field (see [`Field::double_weight`]), halved.
    pub weight: f32,
    pub positions: Vec<u32>,
}

/// A term's postings in document order, compressed.
#[derive(Default)]
pub struct TermPostings {
    pub documents: u32,
    last: u32,
    bytes: Vec<u8>,
}

impl TermPostings {
    fn push(&mut self, document: u32, double_weight: u32, positions: &[u32]) {
        push_varint(&mut self.bytes, document - self.last);
        push_varint(&mut self.bytes, double_weight);
        push_varint(&mut self.bytes, positions.len() as u32);
        let mut previous = 0;
        for &position in positions {
            push_varint(&mut self.bytes, position - previous);
            previous = position;
        }
        self.last = document;
        self.documents += 1;
    }

    /// The postings, unpacked.
    pub fn postings(&self) -> Vec<Posting> {
        let mut out = Vec::with_capacity(self.documents as usize);
        let mut at = 0;
        let mut document = 0;
        let bytes = &self.bytes;
        while at < bytes.len() {
            document += read_varint(bytes, &mut at);
            let double_weight = read_varint(bytes, &mut at);
            let count = read_varint(bytes, &mut at) as usize;
            let mut positions = Vec::with_capacity(count);
            let mut position = 0;
            for _ in 0..count {
                position += read_varint(bytes, &mut at);
                positions.push(position);
            }
            out.push(Posting {
                document,
                weight: double_weight as f32 / 2.0,
                positions,
            });
        }
        out
    }
}

fn push_varint(bytes: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        bytes.push((n as u8) | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    while let Some(&byte) = bytes.get(*at) {
        *at += 1;
        n |= u32::from(byte & 0x7F) << shift;
        if byte < 0x80 {
            break;
        }
        shift += 7;
    }
    n
}

/// Every term of the archive with its postings, and each document's length in words.
/// Documents are numbered in date order.
pub struct Collected {
    /// Each term id's term.
    pub terms: Vec<String>,
    /// Each term id's postings.
    pub postings: Vec<TermPostings>,
    pub lengths: Vec<u32>,
}

/// The distinct words of one document, found apart from every other document.
struct DocumentWords {
    /// The words, one after another; `words` holds where each is.
    text: String,
    /// Each distinct word, with its weight (doubled) and positions.
    words: Vec<(Range<usize>, u32, Vec<u32>)>,
    length: u32,
}

/// Reads every document; `each` also gets each document's number and paragraphs, on
/// the thread that read them, for the files made from the text itself.
pub fn collect<T: Send + Sync>(
    archive: &Archive,
    normalizer: &Normalizer,
    each: impl Fn(u32, Vec<Paragraph>) -> T + Sync,
) -> (Collected, Vec<T>) {
    let mut vocabulary = Vocabulary::default();
    let mut postings: Vec<TermPostings> = Vec::new();
    let mut lengths = Vec::with_capacity(archive.documents.len());
    let mut extra = Vec::with_capacity(archive.documents.len());
    for (block_number, block) in archive.date_order.chunks(BLOCK).enumerate() {
        let first = block_number * BLOCK;
        let found: Vec<(DocumentWords, T)> = block
            .par_iter()
            .enumerate()
            .map(|(at, &document)| {
                let (fields, paragraphs) = document_text(archive, document);
                let words = document_words(&fields, &paragraphs);
                (words, each((first + at) as u32, paragraphs))
            })
            .collect();
        // Term ids: the words seen before are looked up in parallel, the new ones
        // are stemmed and numbered in order, so ids do not depend on threads.
        let mut ids: Vec<Vec<Option<u32>>> = found
            .par_iter()
            .map(|(document, _)| {
                document
                    .words
                    .iter()
                    .map(|(word, _, _)| vocabulary.known(&document.text[word.clone()]))
                    .collect()
            })
            .collect();
        for ((document, _), ids) in found.iter().zip(&mut ids) {
            for ((word, _, _), id) in document.words.iter().zip(ids.iter_mut()) {
                if id.is_none() {
                    *id = Some(vocabulary.id(normalizer, &document.text[word.clone()]));
                }
            }
        }
        let documents: Vec<(Vec<TermInDocument>, u32, T)> = found
            .into_par_iter()
            .zip(ids)
            .map(|((document, more), ids)| {
                let length = document.length;
                (document_terms(document, &ids), length, more)
            })
            .collect();
        for ((terms, length, more), number) in documents.into_iter().zip(first as u32..) {
            for (id, weight, positions) in terms {
                let id = id as usize;
                if postings.len() <= id {
                    postings.resize_with(id + 1, TermPostings::default);
                }
                postings[id].push(number, weight, &positions);
            }
            lengths.push(length);
            extra.push(more);
        }
    }
    let collected = Collected {
        terms: vocabulary.into_terms(),
        postings,
        lengths,
    };
    (collected, extra)
}

/// A document's words as terms, in term order: two spellings of one term ("struggles",
/// "struggle") are one posting.
fn document_terms(document: DocumentWords, ids: &[Option<u32>]) -> Vec<TermInDocument> {
    let mut terms: Vec<TermInDocument> = document
        .words
        .into_iter()
        .zip(ids)
        .map(|((_, weight, positions), id)| (id.unwrap_or(u32::MAX), weight, positions))
        .collect();
    terms.sort_unstable_by_key(|&(id, _, _)| id);
    let mut merged: Vec<TermInDocument> = Vec::with_capacity(terms.len());
    for (id, weight, positions) in terms {
        match merged.last_mut() {
            Some(last) if last.0 == id => {
                last.1 += weight;
                last.2.extend(positions);
                last.2.sort_unstable();
            }
            _ => merged.push((id, weight, positions)),
        }
    }
    merged
}

fn document_words(fields: &[(Field, String)], paragraphs: &[Paragraph]) -> DocumentWords {
    let mut index: FxHashMap<&str, usize> = FxHashMap::with_capacity_and_hasher(512, Default::default());
    let mut entries: Vec<(&str, u32, Vec<u32>)> = Vec::new();
    let mut length = 0;
    let body = paragraphs.iter().map(|(_, text)| (Field::Body, text.as_str()));
    let mut offset = 0;
    let mut field_now = None;
    for (field, text) in fields.iter().map(|(f, t)| (*f, t.as_str())).chain(body) {
        if field_now != Some(field) {
            field_now = Some(field);
            offset = 0;
        }
        for_each_word(text, |word| {
            let at = *index.entry(word).or_insert_with(|| {
                entries.push((word, 0, Vec::new()));
                entries.len() - 1
            });
            entries[at].1 += field.double_weight();
            entries[at].2.push(field.start() + offset);
            offset += 1;
            length += 1;
        });
    }
    let mut text = String::with_capacity(entries.iter().map(|e| e.0.len()).sum());
    let words = entries
        .into_iter()
        .map(|(word, weight, positions)| {
            let start = text.len();
            text.push_str(word);
            (start..text.len(), weight, positions)
        })
        .collect();
    DocumentWords { text, words, length }
}

/// A term id, its weight in the document (doubled) and its positions.
type TermInDocument = (u32, u32, Vec<u32>);

/// A paragraph of a document's text, with the id of its element in the page when it
/// has one (transcription paragraphs are `p1`, `p2`, …).
pub type Paragraph = (Option<String>, String);

/// The text of each field of a document but its body, and the body's paragraphs.
fn document_text(archive: &Archive, number: usize) -> (Vec<(Field, String)>, Vec<Paragraph>) {
    let document = &archive.documents[number];
    let meta = &document.meta;
    let mut metadata: Vec<&str> = Vec::new();
    metadata.extend(meta.doc_type.as_deref());
    metadata.extend(meta.source.as_deref());
    metadata.extend(
        meta.authors
            .iter()
            .map(|a| archive.entity(a).map_or(a.as_str(), |e| e.name.as_str())),
    );
    metadata.extend(
        meta.recipients
            .iter()
            .map(|r| archive.entity(r).map_or(r.as_str(), |e| e.name.as_str())),
    );
    metadata.extend(meta.translators.iter().map(String::as_str));
    metadata.extend(meta.subjects.iter().map(String::as_str));
    metadata.extend(meta.fields.iter().map(|(_, value)| value.as_str()));
    let mut names: Vec<&str> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for mention in &archive.mentions[number] {
        if seen.insert(mention.entity) {
            let entity = &archive.entities[mention.entity];
            names.push(&entity.name);
            names.extend(entity.aliases.iter().map(String::as_str));
        }
    }
    let fields = vec![
        (Field::Title, meta.title.clone()),
        (
            Field::Summary,
            meta.summary.as_ref().map(|s| s.value.clone()).unwrap_or_default(),
        ),
        (Field::Metadata, metadata.join("\n")),
        // Each name apart, so a phrase does not run from one name into the next.
        (Field::Names, names.join(" \u{2029} ")),
    ];
    (fields, paragraphs(document))
}

/// A document's text in paragraphs.
pub fn paragraphs(document: &Document) -> Vec<Paragraph> {
    match &document.body {
        Body::Transcript(blocks) => blocks
            .iter()
            .enumerate()
            .map(|(index, block)| (Some(format!("p{}", index + 1)), block_text(block)))
            .collect(),
        Body::Markdown { text, .. } => text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| (None, p.to_string()))
            .collect(),
    }
}

fn block_text(block: &Block) -> String {
    let inlines = |content: &[Inline]| -> String {
        content
            .iter()
            .map(|inline| match inline {
                Inline::Text(t) | Inline::Sic(t) | Inline::Insertion(t) | Inline::Note(t) => t.as_str(),
                Inline::PageNumber(_) | Inline::PageBreak => " ",
            })
            .collect()
    };
    match block {
        Block::Paragraph(content) => inlines(content),
        Block::Item { number, content } => format!("{number} {}", inlines(content)),
        Block::Omission(mark) => mark.clone(),
        Block::Note(note) => note.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_come_back_as_they_went_in() {
        let mut term = TermPostings::default();
        term.push(3, 6, &[0, 4_000_007]);
        term.push(900, 1, &[3_000_002]);
        term.push(70_000, 2, &[4_000_000, 4_000_300]);
        assert_eq!(term.documents, 3);
        let back = term.postings();
        assert_eq!(
            back,
            [
                Posting {
                    document: 3,
                    weight: 3.0,
                    positions: vec![0, 4_000_007]
                },
                Posting {
                    document: 900,
                    weight: 0.5,
                    positions: vec![3_000_002]
                },
                Posting {
                    document: 70_000,
                    weight: 1.0,
                    positions: vec![4_000_000, 4_000_300]
                },
            ]
        );
    }

    #[test]
    fn words_are_counted_by_field_with_positions_apart() {
        let found = document_words(
            &[(Field::Title, "Trade talks".to_string())],
            &[(None, "talks on".to_string()), (None, "trade, trade".to_string())],
        );
        let words: Vec<(&str, u32, Vec<u32>)> = found
            .words
            .iter()
            .map(|(range, weight, positions)| (&found.text[range.clone()], *weight, positions.clone()))
            .collect();
        assert_eq!(
            words,
            [
                ("Trade", 6, vec![0]),
                ("talks", 8, vec![1, 4 * FIELD_GAP]),
                ("on", 2, vec![4 * FIELD_GAP + 1]),
                ("trade", 4, vec![4 * FIELD_GAP + 2, 4 * FIELD_GAP + 3]),
            ]
        );
        assert_eq!(found.length, 6);
    }
}
