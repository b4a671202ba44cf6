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
use crate::refs::DocumentRef;
use crate::text::stemmer_name;

/// Where each field's positions start; a phrase cannot cross from one field to another.
pub const FIELD_GAP: u32 = 1_000_000;

/// Rows per chunk of the document table: small, since the results a page shows are
/// spread over the whole table.
pub const DOCUMENTS_PER_CHUNK: usize = 10;

/// Documents read in parallel at a time, before their words join the postings: a
/// whole number of chunks of `docs-N.js` and `text-N.js`, so that a chunk's texts are
/// in one block.
const BLOCK: usize = 50 * DOCUMENTS_PER_CHUNK;

/// The longest word, in bytes, that the index holds. A longer one (a run of text with
/// no spaces, a pasted blob) would be a dictionary shard of its own as large as itself,
/// loaded by every query near it; it is left out, with a warning, and still takes its
/// place in positions so no phrase spans it.
pub const LONGEST_WORD: usize = 256;

/// The fields of a document, with the weight a term found in each carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
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
    pub(super) fn double_weight(self) -> u32 {
        match self {
            Field::Title => 6,
            Field::Summary => 4,
            Field::Metadata => 3,
            Field::Names => 1,
            Field::Body => 2,
        }
    }

    /// The field a position is in.
    pub(super) fn at(position: u32) -> Field {
        match position / FIELD_GAP {
            0 => Field::Title,
            1 => Field::Summary,
            2 => Field::Metadata,
            3 => Field::Names,
            _ => Field::Body,
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
pub(super) struct Posting {
    pub document: u32,
    /// Occurrences weighted by field (see [`Field::double_weight`]), halved.
    pub weight: f32,
    pub positions: Vec<u32>,
}

/// A term's postings in document order, compressed.
#[derive(Default)]
pub(super) struct TermPostings {
    pub documents: u32,
    last: u32,
    bytes: Vec<u8>,
}

impl TermPostings {
    pub(super) fn push(&mut self, document: u32, double_weight: u32, positions: &[u32]) {
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
    pub(super) fn postings(&self) -> Vec<Posting> {
        self.iter().collect()
    }

    /// The postings, unpacked one at a time, in document order.
    pub(super) fn iter(&self) -> Postings<'_> {
        Postings {
            bytes: &self.bytes,
            at: 0,
            document: 0,
        }
    }

    /// The size of the compressed postings: about what the term's positions cost a
    /// phrase query to load.
    pub(super) fn compressed_bytes(&self) -> usize {
        self.bytes.len()
    }
}

/// A term's postings read one by one from their compressed bytes.
pub(super) struct Postings<'a> {
    bytes: &'a [u8],
    at: usize,
    document: u32,
}

impl Iterator for Postings<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        if self.at >= self.bytes.len() {
            return None;
        }
        let (bytes, at) = (self.bytes, &mut self.at);
        self.document += read_varint(bytes, at);
        let double_weight = read_varint(bytes, at);
        let count = read_varint(bytes, at) as usize;
        let mut positions = Vec::with_capacity(count);
        let mut position = 0;
        for _ in 0..count {
            position += read_varint(bytes, at);
            positions.push(position);
        }
        Some(Posting {
            document: self.document,
            weight: double_weight as f32 / 2.0,
            positions,
        })
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

/// The stemmers an archive's texts need, one slot each: a word is stemmed by its
/// text's language (a document's, or its original's or translation's), and the same
/// word in two languages may be two terms.
pub(super) struct Languages {
    /// Each slot's normalizer and the client's name of its stemmer (`None`: unstemmed).
    slots: Vec<(Option<&'static str>, Normalizer)>,
    archive: Option<String>,
}

impl Languages {
    pub(super) fn of(archive: &Archive) -> Languages {
        let mut languages = Languages {
            slots: Vec::new(),
            archive: archive.language.clone(),
        };
        languages.slot(None);
        for node in &archive.documents {
            languages.slot(node.document.meta.language.as_deref());
            for text in &node.document.texts {
                languages.slot(Some(&text.language));
            }
        }
        languages
    }

    /// The slot of a text in `language` (the archive's when `None`), made if new.
    fn slot(&mut self, language: Option<&str>) -> u8 {
        let language = language.or(self.archive.as_deref());
        let name = stemmer_name(language);
        if let Some(at) = self.slots.iter().position(|(n, _)| *n == name) {
            return at as u8;
        }
        self.slots.push((name, Normalizer::for_language(language)));
        (self.slots.len() - 1) as u8
    }

    /// The slot of a text in `language`, which [`Languages::of`] saw.
    fn find(&self, language: Option<&str>) -> u8 {
        let name = stemmer_name(language.or(self.archive.as_deref()));
        self.slots.iter().position(|(n, _)| *n == name).unwrap_or(0) as u8
    }

    pub(super) fn normalizer(&self, slot: u8) -> &Normalizer {
        &self.slots[usize::from(slot)].1
    }

    pub(super) fn count(&self) -> usize {
        self.slots.len()
    }

    /// The client's names of the stemmers the archive's texts use, the archive's
    /// language's first, and whether some text is matched unstemmed.
    pub(super) fn stemmers(&self) -> (Vec<&'static str>, bool) {
        let mut names: Vec<&'static str> = self.slots.iter().filter_map(|(n, _)| *n).collect();
        names.dedup();
        (names, self.slots.iter().any(|(n, _)| n.is_none()))
    }
}

/// Every term of the archive with its postings, and each document's length in words.
/// Documents are numbered in date order.
pub(super) struct Collected {
    /// Each term id's term.
    pub terms: Vec<String>,
    /// Each term id's postings.
    pub postings: Vec<TermPostings>,
    pub lengths: Vec<u32>,
    /// The documents (by index) with words longer than [`LONGEST_WORD`], and the longest.
    pub left_out: Vec<(DocumentRef, usize)>,
}

/// The distinct words of one document, found apart from every other document.
struct DocumentWords {
    /// The words, one after another; `words` holds where each is.
    text: String,
    /// Each distinct word: its language's slot, where it is in `text`, its weight
    /// (doubled), and where its positions are in `positions`.
    words: Vec<(u8, Range<usize>, u32, Range<usize>)>,
    /// Every word's positions, grouped by word, each group ascending: one allocation
    /// a document rather than one a word.
    positions: Vec<u32>,
    length: u32,
    /// The longest word left out for being longer than [`LONGEST_WORD`], or 0.
    longest_left_out: usize,
}

/// A document's terms: each term id with its weight (doubled) and where its positions
/// are in `positions`, in term order.
struct DocumentTerms {
    terms: Vec<(u32, u32, Range<usize>)>,
    positions: Vec<u32>,
}

/// Reads every document, a block of [`BLOCK`] at a time; `each_block` also gets each
/// block's first number and its documents' paragraphs, in number order, for the files
/// made from the text itself, and what it returns comes back a block each.
pub(super) fn collect<T: Send + Sync>(
    archive: &Archive,
    languages: &Languages,
    each_block: impl Fn(u32, Vec<Vec<Paragraph>>) -> T + Sync,
) -> (Collected, Vec<T>) {
    let mut vocabulary = Vocabulary::new(languages.count());
    let mut postings: Vec<TermPostings> = Vec::new();
    let mut lengths = Vec::with_capacity(archive.documents.len());
    let mut extra = Vec::with_capacity(archive.documents.len() / BLOCK + 1);
    let mut left_out = Vec::new();
    // Each block's terms join the postings on one thread while the next block's
    // words are found on the others.
    let mut ready: Vec<(DocumentTerms, u32)> = Vec::new();
    let mut number = 0u32;
    let blocks: Vec<&[DocumentRef]> = archive.date_order.chunks(BLOCK).collect();
    for at in 0..=blocks.len() {
        let mut append = |ready: Vec<(DocumentTerms, u32)>| {
            for (terms, length) in ready {
                for (id, weight, range) in terms.terms {
                    let id = id as usize;
                    if postings.len() <= id {
                        postings.resize_with(id + 1, TermPostings::default);
                    }
                    postings[id].push(number, weight, &terms.positions[range]);
                }
                lengths.push(length);
                number += 1;
            }
        };
        let first = at * BLOCK;
        let find = || -> Option<(Vec<DocumentWords>, T)> {
            let block = blocks.get(at)?;
            let (words, paragraphs): (Vec<DocumentWords>, Vec<Vec<Paragraph>>) = block
                .par_iter()
                .map(|&document| {
                    let (fields, paragraphs) = document_text(archive, document);
                    let slots = paragraph_slots(archive, document, &paragraphs, languages);
                    (document_words(&fields, &paragraphs, &slots), paragraphs)
                })
                .unzip();
            Some((words, each_block(first as u32, paragraphs)))
        };
        let (found, ()) = rayon::join(find, || append(std::mem::take(&mut ready)));
        let found = match found {
            Some((found, made)) => {
                extra.push(made);
                found
            }
            None => Vec::new(),
        };
        for (offset, words) in found.iter().enumerate() {
            if words.longest_left_out > 0 {
                left_out.push((blocks[at][offset], words.longest_left_out));
            }
        }
        // Term ids: the words seen before are looked up in parallel, the new ones
        // are stemmed and numbered in order, so ids do not depend on threads.
        let mut ids: Vec<Vec<Option<u32>>> = found
            .par_iter()
            .map(|document| {
                document
                    .words
                    .iter()
                    .map(|(slot, word, _, _)| vocabulary.known(*slot, &document.text[word.clone()]))
                    .collect()
            })
            .collect();
        for (document, ids) in found.iter().zip(&mut ids) {
            for ((slot, word, _, _), id) in document.words.iter().zip(ids.iter_mut()) {
                if id.is_none() {
                    let normalizer = languages.normalizer(*slot);
                    *id = Some(vocabulary.id(normalizer, *slot, &document.text[word.clone()]));
                }
            }
        }
        ready = found
            .into_par_iter()
            .zip(ids)
            .map(|(document, ids)| {
                let length = document.length;
                (document_terms(document, &ids), length)
            })
            .collect();
    }
    let collected = Collected {
        terms: vocabulary.into_terms(),
        postings,
        lengths,
        left_out,
    };
    (collected, extra)
}

/// A document's words as terms, in term order: two spellings of one term ("struggles",
/// "struggle") are one posting.
fn document_terms(document: DocumentWords, ids: &[Option<u32>]) -> DocumentTerms {
    let mut words: Vec<(u32, u32, Range<usize>)> = document
        .words
        .into_iter()
        .zip(ids)
        .map(|((_, _, weight, positions), id)| (id.unwrap_or(u32::MAX), weight, positions))
        .collect();
    words.sort_unstable_by_key(|(id, _, _)| *id);
    let mut positions = document.positions;
    let mut terms: Vec<(u32, u32, Range<usize>)> = Vec::with_capacity(words.len());
    let mut at = 0;
    while at < words.len() {
        let id = words[at].0;
        let mut end = at + 1;
        while end < words.len() && words[end].0 == id {
            end += 1;
        }
        let weight = words[at..end].iter().map(|w| w.1).sum();
        let range = if end - at == 1 {
            words[at].2.clone()
        } else {
            let mut merged: Vec<u32> = words[at..end]
                .iter()
                .flat_map(|w| positions[w.2.clone()].to_vec())
                .collect();
            merged.sort_unstable();
            let start = positions.len();
            positions.extend(merged);
            start..positions.len()
        };
        terms.push((id, weight, range));
        at = end;
    }
    DocumentTerms { terms, positions }
}

/// The language slot of a document's fields (the first) and of each of its paragraphs
/// (an original's or a translation's are `<key>-p<n>`).
fn paragraph_slots(
    archive: &Archive,
    document: DocumentRef,
    paragraphs: &[Paragraph],
    languages: &Languages,
) -> Vec<u8> {
    let document = &archive.documents[document];
    let main = languages.find(document.meta.language.as_deref());
    let mut slots = vec![main];
    slots.extend(paragraphs.iter().map(|(anchor, _)| {
        anchor
            .as_deref()
            .and_then(|anchor| anchor.rsplit_once("-p"))
            .and_then(|(key, _)| document.texts.iter().find(|t| t.key == key))
            .map_or(main, |text| languages.find(Some(&text.language)))
    }));
    slots
}

/// A document's distinct words by language slot (`slots`: the fields', then each
/// paragraph's).
fn document_words(fields: &[(Field, String)], paragraphs: &[Paragraph], slots: &[u8]) -> DocumentWords {
    let mut index: FxHashMap<(u8, &str), u32> = FxHashMap::with_capacity_and_hasher(512, Default::default());
    // Each distinct word with its weight and count; each occurrence as (word, position).
    let mut found: Vec<(u8, &str, u32, u32)> = Vec::new();
    let mut occurrences: Vec<(u32, u32)> = Vec::with_capacity(1024);
    let main = slots.first().copied().unwrap_or(0);
    let body = paragraphs
        .iter()
        .enumerate()
        .map(|(at, (_, text))| (Field::Body, text.as_str(), slots.get(at + 1).copied().unwrap_or(main)));
    let mut offset = 0;
    let mut field_now = None;
    let mut longest_left_out = 0;
    for (field, text, slot) in fields.iter().map(|(f, t)| (*f, t.as_str(), main)).chain(body) {
        if field_now != Some(field) {
            field_now = Some(field);
            offset = 0;
        }
        for_each_word(text, |word| {
            if word.len() > LONGEST_WORD {
                longest_left_out = longest_left_out.max(word.len());
                offset += 1;
                return;
            }
            let at = *index.entry((slot, word)).or_insert_with(|| {
                found.push((slot, word, 0, 0));
                found.len() as u32 - 1
            });
            let entry = &mut found[at as usize];
            entry.2 += field.double_weight();
            entry.3 += 1;
            occurrences.push((at, field.start() + offset));
            offset += 1;
        });
    }
    // Group the positions by word, keeping their order: a counting sort.
    let mut next: Vec<usize> = Vec::with_capacity(found.len());
    let mut total = 0;
    for &(_, _, _, count) in &found {
        next.push(total);
        total += count as usize;
    }
    let mut positions = vec![0u32; total];
    let mut text = String::with_capacity(found.iter().map(|e| e.1.len()).sum());
    let words = found
        .iter()
        .zip(&next)
        .map(|(&(slot, word, weight, count), &start)| {
            let at = text.len();
            text.push_str(word);
            (slot, at..text.len(), weight, start..start + count as usize)
        })
        .collect();
    for (word, position) in occurrences {
        let slot = &mut next[word as usize];
        positions[*slot] = position;
        *slot += 1;
    }
    DocumentWords {
        text,
        words,
        positions,
        length: total as u32,
        longest_left_out,
    }
}

/// A paragraph of a document's text, with the id of its element in the page when it
/// has one (transcription paragraphs are `p1`, `p2`, …).
pub(super) type Paragraph = (Option<String>, String);

/// The text of each field of a document but its body, and the body's paragraphs.
fn document_text(archive: &Archive, document: DocumentRef) -> (Vec<(Field, String)>, Vec<Paragraph>) {
    let document = &archive.documents[document];
    let meta = &document.meta;
    let mut metadata: Vec<&str> = Vec::new();
    metadata.extend(meta.doc_type.as_deref());
    metadata.extend(meta.source.as_deref());
    metadata.extend(document.authors.iter().map(|a| a.name.as_str()));
    metadata.extend(document.recipients.iter().map(|r| r.name.as_str()));
    metadata.extend(meta.translators.iter().map(String::as_str));
    metadata.extend(meta.subjects.iter().map(String::as_str));
    metadata.extend(meta.fields.iter().map(|(_, value)| value.as_str()));
    let mut names: Vec<&str> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for mention in document.linked.mentions.iter() {
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

/// A document's text in paragraphs, then its other texts' (the original's, the
/// translations'), each paragraph with its id on the page: `original-p2` is the
/// original's second, so a result found there leads there and says so.
pub(super) fn paragraphs(document: &Document) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = match &document.body {
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
    };
    for text in &document.texts {
        paragraphs.extend(
            text.blocks
                .iter()
                .enumerate()
                .map(|(index, block)| (Some(format!("{}-p{}", text.key, index + 1)), block_text(block))),
        );
    }
    paragraphs
}

fn block_text(block: &Block) -> String {
    let inlines = |content: &[Inline]| -> String {
        content
            .iter()
            .map(|inline| match inline {
                Inline::Text(t) | Inline::Sic(t) | Inline::Insertion(t) | Inline::Note(t) | Inline::Emphasis(t) => {
                    t.as_str()
                }
                Inline::PageNumber { .. } | Inline::PageBreak | Inline::FootnoteRef { .. } => " ",
            })
            .collect()
    };
    match block {
        Block::Paragraph(content) => inlines(content),
        Block::Item { number, content } => format!("{number} {}", inlines(content)),
        Block::Omission(mark) | Block::Heading(mark) | Block::SectionBreak(mark) => mark.clone(),
        Block::Note(note) | Block::Footnote { text: note, .. } => note.clone(),
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
    fn two_spellings_of_a_term_are_one_posting() {
        let found = document_words(&[], &[(None, "Struggles and struggle, struggles".to_string())], &[0, 0]);
        // Four distinct words (Struggles, and, struggle, struggles); all but "and" are
        // one term.
        assert_eq!(found.words.len(), 4);
        let ids = [Some(7), Some(2), Some(7), Some(7)];
        let terms = document_terms(found, &ids);
        let read: Vec<(u32, u32, &[u32])> = terms
            .terms
            .iter()
            .map(|(id, weight, range)| (*id, *weight, &terms.positions[range.clone()]))
            .collect();
        let body = 4 * FIELD_GAP;
        assert_eq!(read, [(2, 2, &[body + 1][..]), (7, 6, &[body, body + 2, body + 3][..])]);
    }

    #[test]
    fn words_are_counted_by_field_with_positions_apart() {
        let found = document_words(
            &[(Field::Title, "Trade talks".to_string())],
            &[(None, "talks on".to_string()), (None, "trade, trade".to_string())],
            &[0, 0, 0],
        );
        let words: Vec<(&str, u32, &[u32])> = found
            .words
            .iter()
            .map(|(_, range, weight, positions)| {
                (&found.text[range.clone()], *weight, &found.positions[positions.clone()])
            })
            .collect();
        assert_eq!(
            words,
            [
                ("Trade", 6, &[0][..]),
                ("talks", 8, &[1, 4 * FIELD_GAP][..]),
                ("on", 2, &[4 * FIELD_GAP + 1][..]),
                ("trade", 4, &[4 * FIELD_GAP + 2, 4 * FIELD_GAP + 3][..]),
            ]
        );
        assert_eq!(found.length, 6);
    }

    #[test]
    fn a_word_in_two_languages_is_two_words() {
        // "Die" in a German paragraph and in an English one: each is stemmed by its
        // own language.
        let found = document_words(
            &[],
            &[
                (None, "die Verträge".to_string()),
                (Some("en-p1".to_string()), "die hard".to_string()),
            ],
            &[0, 0, 1],
        );
        let words: Vec<(u8, &str)> = found
            .words
            .iter()
            .map(|(slot, range, _, _)| (*slot, &found.text[range.clone()]))
            .collect();
        assert_eq!(words, [(0, "die"), (0, "Verträge"), (1, "die"), (1, "hard")]);
    }
}
