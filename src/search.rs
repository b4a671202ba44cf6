//! The full-text search index: static files a browser loads piece by piece.
//!
//! Every file is JavaScript that hands its data to the client
//! (`dossierSearch.shard(3, {...})`), so the index loads by `<script>` over http:// and
//! from file:// alike. The pieces:
//!
//! - `search/manifest.js`: counts, field weights, the first term of each shard, and
//!   how documents are chunked;
//! - `search/terms-N.js`: a shard of the dictionary, terms in order, each with its
//!   postings `[document, BM25 weight, [positions, each as the difference from the
//!   one before]]`; shards are cut at about
//!   [`SHARD_BYTES`], so a query loads only the shards of its words;
//! - `search/docs-N.js`: the document table in chunks (title, href, date, type, year,
//!   date rank, length, facet values);
//! - `search/text-N.js`: each document's paragraphs, for snippets, loaded only for the
//!   results shown;
//! - `search/entities.js`: entity names and aliases, so typing "Kim" offers Kim Il Sung.
//!
//! Terms are normalised as the client does it (see `static/search.js`): Unicode words,
//! lower case, diacritics removed (Zhou Ènlái = Zhou Enlai), and for English sites the
//! Snowball English stemmer (struggles = struggle). Positions run through the fields in
//! one sequence with wide gaps between fields, so a phrase never spans two fields.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::archive::Archive;
use crate::document::Body;
use crate::reflow::{Block, Inline};
use crate::render::RenderedPage;
use crate::urls;

/// A dictionary shard is cut once it passes this many bytes.
pub const SHARD_BYTES: usize = 64 * 1024;
/// Documents per chunk of the document table: small, since the results a page shows
/// are spread over the whole table.
pub const DOCUMENTS_PER_CHUNK: usize = 25;
/// Documents per file of snippet text: one, since a document's paragraphs are the
/// largest thing a result needs.
pub const TEXTS_PER_CHUNK: usize = 1;
/// Where each field's positions start; a phrase cannot cross from one field to another.
const FIELD_GAP: u32 = 1_000_000;

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
    pub const ALL: [Field; 5] = [Field::Title, Field::Summary, Field::Metadata, Field::Names, Field::Body];

    pub fn weight(self) -> f32 {
        match self {
            Field::Title => 3.0,
            Field::Summary => 2.0,
            Field::Metadata => 1.5,
            Field::Names => 0.5,
            Field::Body => 1.0,
        }
    }

    fn index(self) -> u32 {
        match self {
            Field::Title => 0,
            Field::Summary => 1,
            Field::Metadata => 2,
            Field::Names => 3,
            Field::Body => 4,
        }
    }
}

/// Turns text into index terms, the same way the client turns queries into terms.
pub struct Normalizer {
    stemmer: Option<Stemmer>,
    /// Terms of the words seen so far: an archive has millions of words but tens of
    /// thousands of distinct ones, so each is folded and stemmed once.
    known: std::cell::RefCell<std::collections::HashMap<String, String>>,
}

impl Normalizer {
    /// Stemming is English-only: for other languages words are matched whole.
    pub fn for_language(language: Option<&str>) -> Normalizer {
        let english = language.is_none_or(|l| l == "en" || l.starts_with("en-"));
        Normalizer {
            stemmer: english.then(|| Stemmer::create(Algorithm::English)),
            known: Default::default(),
        }
    }

    /// The terms of a text, in order.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut known = self.known.borrow_mut();
        text.unicode_words()
            .map(|word| match known.get(word) {
                Some(term) => term.clone(),
                None => {
                    let term = self.term(word);
                    known.insert(word.to_string(), term.clone());
                    term
                }
            })
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// One word: folded (lower case, no diacritics), then stemmed.
    pub fn term(&self, word: &str) -> String {
        let folded = fold(word);
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(&folded).into_owned(),
            None => folded,
        }
    }
}

/// Lower case without diacritics: `Ènlái` → `enlai`, `Đồng` → `dong`.
pub fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'đ' => 'd',
            'ø' => 'o',
            'ł' => 'l',
            'ß' => 's',
            'æ' => 'a',
            'œ' => 'o',
            'ı' => 'i',
            // A typographic apostrophe is an apostrophe, for the stemmer's `'s`.
            '\u{2019}' => '\'',
            other => other,
        })
        .collect()
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Words to term ids, so each distinct word is folded and stemmed once and each term
/// is one small number while the index is built.
#[derive(Default)]
struct Vocabulary {
    /// The id of each word seen, by the word as written.
    of_word: HashMap<String, u32>,
    /// The id of each term.
    of_term: HashMap<String, u32>,
    /// Each id's term.
    terms: Vec<String>,
}

impl Vocabulary {
    fn id(&mut self, normalizer: &Normalizer, word: &str) -> u32 {
        if let Some(&id) = self.of_word.get(word) {
            return id;
        }
        let term = normalizer.term(word);
        let id = match self.of_term.get(&term) {
            Some(&id) => id,
            None => {
                let id = self.terms.len() as u32;
                self.of_term.insert(term.clone(), id);
                self.terms.push(term);
                id
            }
        };
        self.of_word.insert(word.to_string(), id);
        id
    }
}

/// A term's occurrences in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Posting {
    document: u32,
    /// Occurrences weighted by field.
    weight: f32,
    positions: Vec<u32>,
}

/// One row of the document table, as the client reads it.
#[derive(Debug, Serialize)]
struct DocumentRow<'a> {
    title: &'a str,
    href: String,
    date: Option<String>,
    year: Option<i64>,
    #[serde(rename = "type")]
    doc_type: Option<&'a str>,
    collections: Vec<&'a str>,
    subjects: &'a [String],
    language: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Manifest<'a> {
    version: u32,
    stemming: bool,
    documents: usize,
    documents_per_chunk: usize,
    texts_per_chunk: usize,
    field_gap: u32,
    /// The first term of each shard; shard `i` holds the terms from `shards[i]` up to
    /// `shards[i + 1]`.
    shards: Vec<&'a str>,
    years: Years,
    facets: Vec<&'static str>,
    /// Collection titles by id, for the facet list.
    collections: BTreeMap<&'a str, &'a str>,
}

#[derive(Debug, Serialize)]
struct EntityRow<'a> {
    name: &'a str,
    aliases: &'a [String],
    kind: crate::catalog::EntityKind,
    href: String,
    documents: usize,
}

/// BM25's term-frequency saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Builds every file of the search index. Documents are numbered in date order, so a
/// year is a range of numbers and sorting by date is sorting by number.
pub fn index(archive: &Archive) -> Vec<RenderedPage> {
    let normalizer = Normalizer::for_language(archive.language.as_deref());
    let mut vocabulary = Vocabulary::default();
    // Postings by term id; term ids are given in the order terms are first seen.
    let mut postings_of: Vec<Vec<Posting>> = Vec::new();
    let mut lengths = Vec::with_capacity(archive.documents.len());

    for (number, &document) in archive.date_order.iter().enumerate() {
        let mut terms_of_document: HashMap<u32, Posting> = HashMap::new();
        let mut length = 0u32;
        for (field, text) in document_fields(archive, document) {
            let start = field.index() * FIELD_GAP;
            for (offset, word) in text.unicode_words().enumerate() {
                let id = vocabulary.id(&normalizer, word);
                let posting = terms_of_document.entry(id).or_insert_with(|| Posting {
                    document: number as u32,
                    weight: 0.0,
                    positions: Vec::new(),
                });
                posting.weight += field.weight();
                posting.positions.push(start + offset as u32);
                length += 1;
            }
        }
        for (id, posting) in terms_of_document {
            let id = id as usize;
            if postings_of.len() <= id {
                postings_of.resize_with(id + 1, Vec::new);
            }
            postings_of[id].push(posting);
        }
        lengths.push(length);
    }
    // Each term's postings are in document order, since documents were visited in order.
    let mut dictionary: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for (id, postings) in postings_of.into_iter().enumerate() {
        let term = &vocabulary.terms[id];
        if !term.is_empty() {
            dictionary.insert(term.clone(), postings);
        }
    }
    let total: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
    let average = if lengths.is_empty() {
        1.0
    } else {
        (total as f32 / lengths.len() as f32).max(1.0)
    };
    // The client adds idf × this weight over the query's terms: BM25, with the document
    // length part done here so a query never needs the lengths of all documents.
    for postings in dictionary.values_mut() {
        for posting in postings {
            let length = lengths[posting.document as usize] as f32;
            let tf = posting.weight;
            posting.weight = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / average));
        }
    }

    let mut files = Vec::new();
    let shard_starts = write_shards(&dictionary, &mut files);
    drop(dictionary);
    write_documents(archive, &mut files);
    write_texts(archive, &mut files);
    write_entities(archive, &mut files);
    write_facets(archive, &mut files);
    let manifest = Manifest {
        version: 1,
        stemming: normalizer.stemmer.is_some(),
        documents: archive.documents.len(),
        documents_per_chunk: DOCUMENTS_PER_CHUNK,
        texts_per_chunk: TEXTS_PER_CHUNK,
        field_gap: FIELD_GAP,
        shards: shard_starts.iter().map(String::as_str).collect(),
        years: years(archive),
        facets: FACETS.to_vec(),
        collections: archive
            .collections
            .iter()
            .map(|c| (c.id.as_str(), c.title.as_str()))
            .collect(),
    };
    files.push(script("search/manifest.js", "manifest", None, &manifest));
    files
}

/// For each year, the number of its first document (documents are in date order), and
/// where the undated begin.
fn years(archive: &Archive) -> Years {
    let mut starts: Vec<(i64, usize)> = Vec::new();
    let mut undated = archive.date_order.len();
    for (number, &document) in archive.date_order.iter().enumerate() {
        match &archive.documents[document].meta.date {
            Some(date) => {
                if starts.last().is_none_or(|&(year, _)| year != date.year()) {
                    starts.push((date.year(), number));
                }
            }
            None => {
                undated = number;
                break;
            }
        }
    }
    Years { starts, undated }
}

#[derive(Debug, Serialize)]
struct Years {
    starts: Vec<(i64, usize)>,
    undated: usize,
}

/// The facets a result list can be narrowed by, besides dates.
const FACETS: [&str; 5] = ["type", "collection", "subject", "language", "entity"];

/// For each facet, each value's documents (by number, ascending).
fn write_facets(archive: &Archive, files: &mut Vec<RenderedPage>) {
    for facet in FACETS {
        let mut values: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (number, &document) in archive.date_order.iter().enumerate() {
            let meta = &archive.documents[document].meta;
            let mut add = |value: &'_ str| {
                let list = values.entry(value.to_string()).or_default();
                if list.last() != Some(&number) {
                    list.push(number);
                }
            };
            match facet {
                "type" => meta.doc_type.iter().for_each(|v| add(v)),
                "collection" => meta.collections.iter().for_each(|v| add(v)),
                "subject" => meta.subjects.iter().for_each(|v| add(v)),
                "language" => meta.language.iter().for_each(|v| add(v)),
                _ => {
                    let mut named: Vec<usize> = archive.mentions[document].iter().map(|m| m.entity).collect();
                    named.sort_unstable();
                    named.dedup();
                    for entity in named {
                        add(&archive.entities[entity].id);
                    }
                }
            }
        }
        files.push(script(
            &format!("search/facet-{facet}.js"),
            "facet",
            None,
            &(facet, values),
        ));
    }
}

/// The text of each field of a document.
fn document_fields(archive: &Archive, number: usize) -> Vec<(Field, String)> {
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
    let body = paragraphs(document)
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join("\n");
    vec![
        (Field::Title, meta.title.clone()),
        (
            Field::Summary,
            meta.summary.as_ref().map(|s| s.value.clone()).unwrap_or_default(),
        ),
        (Field::Metadata, metadata.join("\n")),
        // Each name apart, so a phrase does not run from one name into the next.
        (Field::Names, names.join(" \u{2029} ")),
        (Field::Body, body),
    ]
}

/// A document's text in paragraphs, each with the id of its element in the page when
/// it has one (transcription paragraphs are `p1`, `p2`, …).
fn paragraphs(document: &crate::document::Document) -> Vec<(Option<String>, String)> {
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

/// Cuts the dictionary into shards of about [`SHARD_BYTES`]; returns each shard's first
/// term. A term whose postings alone would fill half a shard gets a file of its own
/// (`search/big-N.js`), and its shard holds only how many documents have it and where
/// its postings are: a query can then pass over a word that nearly every document holds
/// without loading it.
fn write_shards(dictionary: &BTreeMap<String, Vec<Posting>>, files: &mut Vec<RenderedPage>) -> Vec<String> {
    let mut starts = Vec::new();
    let mut shard = String::new();
    let mut first: Option<&str> = None;
    let mut big_files = 0;
    for (term, postings) in dictionary {
        let encoded = encode_postings(postings);
        if first.is_none() {
            first = Some(term);
        } else {
            shard.push(',');
        }
        if encoded.len() > SHARD_BYTES / 2 {
            let _ = write!(
                shard,
                "{}:{{\"df\":{},\"big\":{big_files}}}",
                json(term),
                postings.len()
            );
            files.push(RenderedPage {
                path: format!("search/big-{big_files}.js"),
                bytes: format!("dossierSearch.big({big_files},{encoded});\n").into_bytes(),
            });
            big_files += 1;
        } else {
            let _ = write!(shard, "{}:{encoded}", json(term));
        }
        if shard.len() >= SHARD_BYTES {
            flush_shard(&mut shard, &mut first, &mut starts, files);
        }
    }
    flush_shard(&mut shard, &mut first, &mut starts, files);
    starts
}

fn flush_shard(shard: &mut String, first: &mut Option<&str>, starts: &mut Vec<String>, files: &mut Vec<RenderedPage>) {
    if let Some(term) = first.take() {
        let number = starts.len();
        starts.push(term.to_string());
        files.push(RenderedPage {
            path: format!("search/terms-{number}.js"),
            bytes: format!("dossierSearch.shard({number},{{{shard}}});\n").into_bytes(),
        });
        shard.clear();
    }
}

/// `[[document, weight, [position differences]], ...]`.
fn encode_postings(postings: &[Posting]) -> String {
    let mut encoded = String::from("[");
    for (i, posting) in postings.iter().enumerate() {
        if i > 0 {
            encoded.push(',');
        }
        let _ = write!(encoded, "[{},{},[", posting.document, round(posting.weight));
        // Positions as differences from the one before: small numbers, short files.
        let mut previous = 0;
        for (k, &position) in posting.positions.iter().enumerate() {
            if k > 0 {
                encoded.push(',');
            }
            let _ = write!(encoded, "{}", position - previous);
            previous = position;
        }
        encoded.push_str("]]");
    }
    encoded.push(']');
    encoded
}

fn write_documents(archive: &Archive, files: &mut Vec<RenderedPage>) {
    let rows: Vec<DocumentRow<'_>> = archive
        .date_order
        .iter()
        .map(|&document| {
            let document = &archive.documents[document];
            let meta = &document.meta;
            DocumentRow {
                title: &meta.title,
                href: urls::document(&document.id),
                date: meta.date.as_ref().map(ToString::to_string),
                year: meta.date.as_ref().map(|d| d.year()),
                doc_type: meta.doc_type.as_deref(),
                collections: meta.collections.iter().map(String::as_str).collect(),
                subjects: &meta.subjects,
                language: meta.language.as_deref(),
            }
        })
        .collect();
    for (chunk, rows) in rows.chunks(DOCUMENTS_PER_CHUNK).enumerate() {
        files.push(script(&format!("search/docs-{chunk}.js"), "docs", Some(chunk), &rows));
    }
}

/// Each document's paragraphs, for snippets.
fn write_texts(archive: &Archive, files: &mut Vec<RenderedPage>) {
    for (chunk, numbers) in archive.date_order.chunks(TEXTS_PER_CHUNK).enumerate() {
        let texts: Vec<Vec<(Option<String>, String)>> = numbers
            .iter()
            .map(|&document| paragraphs(&archive.documents[document]))
            .collect();
        files.push(script(&format!("search/text-{chunk}.js"), "text", Some(chunk), &texts));
    }
}

fn write_entities(archive: &Archive, files: &mut Vec<RenderedPage>) {
    let rows: Vec<EntityRow<'_>> = archive
        .entities
        .iter()
        .enumerate()
        .map(|(index, entity)| EntityRow {
            name: &entity.name,
            aliases: &entity.aliases,
            kind: entity.kind,
            href: urls::entity(&entity.id),
            documents: archive.appearances[index].len(),
        })
        .collect();
    files.push(script("search/entities.js", "entities", None, &rows));
}

/// `dossierSearch.<call>(<chunk>, <data>);` as a file.
fn script(path: &str, call: &str, chunk: Option<usize>, data: &impl Serialize) -> RenderedPage {
    let data = json(data);
    let body = match chunk {
        Some(chunk) => format!("dossierSearch.{call}({chunk},{data});\n"),
        None => format!("dossierSearch.{call}({data});\n"),
    };
    RenderedPage {
        path: path.to_string(),
        bytes: body.into_bytes(),
    }
}

/// JSON safe inside a script: `<` is escaped, so no `</script>` or `<!--` can occur.
fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_string())
        .replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// Weights to two decimals keep the shards small.
fn round(weight: f32) -> String {
    let rounded = (weight * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_stemmed() {
        let english = Normalizer::for_language(Some("en"));
        assert_eq!(english.terms("Zhou Ènlái"), english.terms("zhou enlai"));
        assert_eq!(english.term("struggles"), english.term("struggle"));
        assert_eq!(english.term("Đồng"), "dong");
        assert_eq!(
            english.terms("Kim Il-sung's report, 1966."),
            ["kim", "il", "sung", "report", "1966"]
        );
    }

    #[test]
    fn other_languages_are_matched_whole() {
        let russian = Normalizer::for_language(Some("ru"));
        assert_eq!(russian.term("Struggles"), "struggles");
        assert_eq!(russian.term("Ёлка"), "елка");
    }

    #[test]
    fn json_in_scripts_cannot_close_the_script() {
        assert_eq!(json(&"</script><!--"), "\"\\u003c/script>\\u003c!--\"");
    }

    #[test]
    fn a_term_held_by_very_many_documents_gets_a_file_of_its_own() {
        let mut dictionary = BTreeMap::new();
        let common: Vec<Posting> = (0..20_000)
            .map(|n| Posting {
                document: n,
                weight: 1.0,
                positions: vec![n],
            })
            .collect();
        dictionary.insert("the".to_string(), common);
        dictionary.insert(
            "zhou".to_string(),
            vec![Posting {
                document: 3,
                weight: 2.0,
                positions: vec![7, 9],
            }],
        );
        let mut files = Vec::new();
        write_shards(&dictionary, &mut files);
        let shard = String::from_utf8(
            files
                .iter()
                .find(|f| f.path == "search/terms-0.js")
                .expect("a shard")
                .bytes
                .clone(),
        )
        .expect("text");
        assert_eq!(
            shard,
            "dossierSearch.shard(0,{\"the\":{\"df\":20000,\"big\":0},\"zhou\":[[3,2,[7,2]]]});\n"
        );
        let big = files
            .iter()
            .find(|f| f.path == "search/big-0.js")
            .expect("the big file");
        assert!(big.bytes.starts_with(b"dossierSearch.big(0,[[0,1,[0]],[1,1,[1]],"));
    }

    #[test]
    fn shards_are_cut_at_their_size_and_cover_the_dictionary_in_order() {
        let mut dictionary = BTreeMap::new();
        for n in 0..5000 {
            let posting = Posting {
                document: n,
                weight: 1.5,
                positions: vec![n, n + 1],
            };
            dictionary.insert(format!("term{n:05}"), vec![posting]);
        }
        let mut files = Vec::new();
        let starts = write_shards(&dictionary, &mut files);
        assert!(starts.len() > 1);
        assert_eq!(starts[0], "term00000");
        assert!(starts.windows(2).all(|w| w[0] < w[1]));
        for file in &files {
            assert!(
                file.bytes.len() < SHARD_BYTES + 200,
                "{} is {} bytes",
                file.path,
                file.bytes.len()
            );
            assert!(file.bytes.starts_with(b"dossierSearch.shard("));
        }
        let first = String::from_utf8(files[0].bytes.clone()).expect("text");
        assert!(
            first.starts_with("dossierSearch.shard(0,{\"term00000\":[[0,1.5,[0,1]]],\"term00001\":[[1,1.5,[1,1]]],")
        );
    }
}
