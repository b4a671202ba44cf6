//! The index's files: each a script that hands its data to the client.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use super::collect::{Collected, Paragraph, Posting, TermPostings, DOCUMENTS_PER_CHUNK};
use super::encode::{push_ascending, push_number};
use super::pairs::Pairs;
use crate::archive::{Archive, EntityNode, Party};
use crate::error::Error;
use crate::html::script_json as json;
use crate::output::OutputFile;
use crate::text::fold;
use crate::urls;

/// A dictionary shard is cut once its postings pass this many bytes; its positions
/// file once they pass twice as many.
pub const SHARD_BYTES: usize = 32 * 1024;
/// A term whose postings pass this many bytes (or positions four times as many) gets
/// files of its own, so loading its shard does not load it.
pub const BIG_TERM_BYTES: usize = SHARD_BYTES / 4;
/// A big term's positions are cut into files of about this size by document range,
/// so a phrase loads only the ranges that hold documents with all its words.
pub(super) const POSITION_BLOCK_BYTES: usize = 64 * 1024;
/// The first part of a document's text, loaded for its snippet; the rest is loaded
/// only when the first part has none of the query's words.
pub(super) const FIRST_TEXT_BYTES: usize = 3 * 1024;
/// The entity facet holds the most-named entities, up to about this many bytes.
pub(super) const ENTITY_FACET_BYTES: usize = 64 * 1024;

/// BM25's term-frequency saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Terms processed together: encoded in parallel, then cut into shards in order.
const TERM_BATCH: usize = 4096;

/// The dictionary in shards: `terms-N.js` holds postings, `pos-N.js` the positions of
/// the same terms, for phrase queries only; a big term's go to `big-K.js` and
/// `bigpos-K-B.js` (its positions by ranges of documents). The pairs of common words
/// follow in shards of their own. Returns each shard's first key. `send` takes the
/// files made after each batch of terms: the shards are most of the index, and
/// holding them all until the end added to a build's peak memory.
///
/// A term's postings are its number of documents, then its documents grouped by
/// impact, best first: for each impact level (a tenth of BM25's term weight, the
/// length normalisation done here), the level, the count, and the ascending document
/// numbers. Positions are, for each document in order, the document, the count, and
/// the ascending positions.
pub(super) fn write_shards(
    collected: &Collected,
    pairs: &Pairs,
    files: &mut Vec<OutputFile>,
    send: &mut dyn FnMut(&mut Vec<OutputFile>) -> Result<(), Error>,
) -> Result<Dictionaries, Error> {
    let mut words: Vec<Entry> = collected
        .terms
        .iter()
        .zip(&collected.postings)
        .zip(&pairs.common)
        .filter(|((term, _), _)| !term.is_empty())
        .map(|((term, postings), &common)| (term.as_str(), postings, common))
        .collect();
    words.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let pairs: Vec<Entry> = pairs
        .pairs
        .iter()
        .map(|(key, postings)| (key.as_str(), postings, false))
        .collect();
    let mut shards = Shards::default();
    write_entries(&words, collected, &mut shards, files, send)?;
    shards.flush(files);
    let words = shards.starts.len();
    write_entries(&pairs, collected, &mut shards, files, send)?;
    shards.flush(files);
    send(files)?;
    let pairs = shards.starts.split_off(words);
    Ok(Dictionaries {
        words: shards.starts,
        pairs,
    })
}

/// The first key of each shard: the words' shards are numbered from 0, the pairs'
/// after them, so both load by the same files and calls.
pub(super) struct Dictionaries {
    pub words: Vec<String>,
    pub pairs: Vec<String>,
}

/// A dictionary entry: its key, its postings, and whether it is a common term.
type Entry<'a> = (&'a str, &'a TermPostings, bool);

/// Encodes `entries`, in key order, into `shards`.
fn write_entries(
    entries: &[Entry],
    collected: &Collected,
    shards: &mut Shards,
    files: &mut Vec<OutputFile>,
    send: &mut dyn FnMut(&mut Vec<OutputFile>) -> Result<(), Error>,
) -> Result<(), Error> {
    let average = average_length(&collected.lengths);
    let batches: Vec<&[Entry]> = entries.chunks(TERM_BATCH).collect();
    // A batch is cut into shards on one thread while the next is encoded on the others.
    type Encoded<'a> = Vec<(&'a Entry<'a>, (String, PositionBlocks))>;
    let mut ready: Encoded = Vec::new();
    for at in 0..=batches.len() {
        let encode = || -> Encoded {
            batches.get(at).map_or_else(Vec::new, |batch| {
                batch
                    .par_iter()
                    .map(|entry| (entry, encode_term(&entry.1.postings(), &collected.lengths, average)))
                    .collect()
            })
        };
        let cut = |ready: Encoded, shards: &mut Shards, files: &mut Vec<OutputFile>| {
            for (&(term, postings, common), (encoded, positions)) in ready {
                shards.add(term, postings.documents, common, &encoded, &positions, files);
            }
        };
        let taken = std::mem::take(&mut ready);
        let (encoded, ()) = rayon::join(encode, || cut(taken, shards, files));
        ready = encoded;
        send(files)?;
    }
    Ok(())
}

fn average_length(lengths: &[u32]) -> f32 {
    let total: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
    if lengths.is_empty() {
        1.0
    } else {
        (total as f32 / lengths.len() as f32).max(1.0)
    }
}

/// A term's positions, cut at [`POSITION_BLOCK_BYTES`]: each block with its first
/// document.
type PositionBlocks = Vec<(u32, String)>;

/// A term's postings and positions strings.
pub(super) fn encode_term(postings: &[Posting], lengths: &[u32], average: f32) -> (String, PositionBlocks) {
    let mut by_level: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for posting in postings {
        let length = lengths.get(posting.document as usize).copied().unwrap_or(1) as f32;
        let tf = posting.weight;
        let weight = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / average));
        let level = ((weight * 10.0).round() as u32).max(1);
        by_level.entry(level).or_default().push(posting.document);
    }
    let mut encoded = String::new();
    push_number(&mut encoded, postings.len() as u32);
    for (level, documents) in by_level.iter().rev() {
        push_number(&mut encoded, *level);
        push_number(&mut encoded, documents.len() as u32);
        push_ascending(&mut encoded, documents.iter().copied());
    }
    let mut blocks: PositionBlocks = Vec::new();
    let mut positions = String::new();
    let mut first = 0;
    let mut previous = 0;
    for posting in postings {
        if positions.len() >= POSITION_BLOCK_BYTES {
            blocks.push((first, std::mem::take(&mut positions)));
        }
        if positions.is_empty() {
            // Each block starts from document 0, so it reads on its own.
            first = posting.document;
            previous = 0;
        }
        push_number(&mut positions, posting.document - previous);
        previous = posting.document;
        push_number(&mut positions, posting.positions.len() as u32);
        push_ascending(&mut positions, posting.positions.iter().copied());
    }
    blocks.push((first, positions));
    (encoded, blocks)
}

#[derive(Default)]
struct Shards {
    starts: Vec<String>,
    first: Option<String>,
    terms: String,
    positions: String,
    big: usize,
}

impl Shards {
    /// Adds a term; a `common` one's pairs with its neighbours are indexed, which its
    /// entry says with a fourth element, `1`.
    fn add(
        &mut self,
        term: &str,
        documents: u32,
        common: bool,
        postings: &str,
        positions: &[(u32, String)],
        files: &mut Vec<OutputFile>,
    ) {
        if self.first.is_none() {
            self.first = Some(term.to_string());
        } else {
            self.terms.push(',');
        }
        let key = json(&term);
        let positions_bytes: usize = positions.iter().map(|(_, p)| p.len()).sum();
        if common || postings.len() > BIG_TERM_BYTES || positions.len() > 1 || positions_bytes > 4 * BIG_TERM_BYTES {
            let big = self.big;
            self.big += 1;
            // The shard keeps how many documents hold the term, so a query can pass
            // over a word nearly every document holds without loading it, and where
            // each block of its positions starts (the first at document 0).
            let starts: Vec<u32> = positions.iter().skip(1).map(|(first, _)| *first).collect();
            let paired = if common { ",1" } else { "" };
            self.terms
                .push_str(&format!("{key}:[{documents},{big},{}{paired}]", json(&starts)));
            files.push(OutputFile {
                path: format!("search/big-{big}.js"),
                bytes: format!("dossierSearch.big({big},\"{postings}\");\n").into_bytes(),
            });
            for (block, (_, positions)) in positions.iter().enumerate() {
                files.push(OutputFile {
                    path: format!("search/bigpos-{big}-{block}.js"),
                    bytes: format!("dossierSearch.bigPositions(\"{big}-{block}\",\"{positions}\");\n").into_bytes(),
                });
            }
        } else {
            let positions = positions.first().map_or("", |(_, p)| p.as_str());
            self.terms.push_str(&format!("{key}:\"{postings}\""));
            if !self.positions.is_empty() {
                self.positions.push(',');
            }
            self.positions.push_str(&format!("{key}:\"{positions}\""));
        }
        if self.terms.len() >= SHARD_BYTES || self.positions.len() >= 2 * SHARD_BYTES {
            self.flush(files);
        }
    }

    fn flush(&mut self, files: &mut Vec<OutputFile>) {
        if let Some(term) = self.first.take() {
            let number = self.starts.len();
            self.starts.push(term);
            files.push(OutputFile {
                path: format!("search/terms-{number}.js"),
                bytes: format!("dossierSearch.shard({number},{{{}}});\n", self.terms).into_bytes(),
            });
            // Positions compress to two thirds; postings, already dense, do not.
            let positions = compressed(format!("{{{}}}", self.positions).as_bytes());
            files.push(OutputFile {
                path: format!("search/pos-{number}.js"),
                bytes: format!("dossierSearch.positions({number},\"{positions}\");\n").into_bytes(),
            });
            self.terms.clear();
            self.positions.clear();
        }
    }
}

/// The document table, in chunks of [`DOCUMENTS_PER_CHUNK`] rows: `[title, href, date,
/// type]`, enough to show a result.
/// A row of the document table: title, href, date, type and, last so that a reader of
/// the first four columns reads on, the edition's number.
type DocumentRow<'a> = (&'a str, String, Option<String>, Option<&'a str>, Option<&'a str>);

pub(super) fn write_documents(archive: &Archive, files: &mut Vec<OutputFile>) {
    for (chunk, numbers) in archive.date_order.chunks(DOCUMENTS_PER_CHUNK).enumerate() {
        let rows: Vec<DocumentRow<'_>> = numbers
            .iter()
            .map(|&document| {
                let document = &archive.documents[document];
                let meta = &document.meta;
                (
                    meta.title.as_str(),
                    urls::document(&document.id),
                    meta.date.as_ref().map(|date| date.describe(&archive.interface)),
                    meta.doc_type.as_deref(),
                    meta.number.as_deref(),
                )
            })
            .collect();
        files.push(script(&format!("search/docs-{chunk}.js"), "docs", Some(chunk), &rows));
    }
}

/// A document's paragraphs, `[anchor, text]`, split into the first
/// [`FIRST_TEXT_BYTES`], which snippets look in first, and the rest.
fn split_text(mut first: Vec<Paragraph>) -> (Vec<Paragraph>, Vec<Paragraph>) {
    let mut size = 0;
    let mut cut = first.len();
    let mut remainder = None;
    for (at, (anchor, text)) in first.iter_mut().enumerate() {
        if size + text.len() > FIRST_TEXT_BYTES {
            if at == 0 {
                // One long paragraph: its beginning is the first part, cut between
                // words.
                let mut end = FIRST_TEXT_BYTES;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let end = text[..end].rfind(char::is_whitespace).filter(|&e| e > 0).unwrap_or(end);
                remainder = Some((anchor.clone(), text.split_off(end)));
                cut = 1;
            } else {
                cut = at;
            }
            break;
        }
        size += text.len();
    }
    let mut more = first.split_off(cut);
    if let Some(remainder) = remainder {
        more.insert(0, remainder);
    }
    (first, more)
}

/// The paragraphs of the documents of chunk `chunk` (the [`DOCUMENTS_PER_CHUNK`]
/// documents numbered from `chunk * DOCUMENTS_PER_CHUNK`, as `docs-N.js` groups
/// them), for snippets: `text-N.js` holds each one's first part and whether it has
/// more, `[[paragraphs, more?], …]`; `more-N.js`, when one of them has more, the rest
/// of each (`null` for those without). A chunk a file, not a document a file: an
/// archive of 10,000 documents had 18,000 text files.
pub(super) fn text_files(chunk: usize, texts: Vec<Vec<Paragraph>>) -> Vec<OutputFile> {
    let mut firsts: Vec<(Vec<Paragraph>, bool)> = Vec::with_capacity(texts.len());
    let mut mores: Vec<Option<Vec<Paragraph>>> = Vec::with_capacity(texts.len());
    for paragraphs in texts {
        let (first, more) = split_text(paragraphs);
        let has_more = !more.is_empty();
        firsts.push((first, has_more));
        mores.push(has_more.then_some(more));
    }
    let mut pages = vec![compressed_script(
        &format!("search/text-{chunk}.js"),
        "text",
        chunk,
        &firsts,
    )];
    if mores.iter().any(Option::is_some) {
        pages.push(compressed_script(
            &format!("search/more-{chunk}.js"),
            "more",
            chunk,
            &mores,
        ));
    }
    pages
}

/// `dossierSearch.CALL(CHUNK,"…")`: the data as JSON, compressed with zlib, in
/// base64; the client inflates it with the browser's DecompressionStream. For the
/// documents' texts, which are half the index and as large as the sources: about a
/// third of their bytes, a script file still, so it loads from disk. zlib's fastest
/// level: the default made the index stage twice as slow for 5% fewer bytes.
fn compressed_script(path: &str, call: &str, chunk: usize, data: &impl Serialize) -> OutputFile {
    let json = serde_json::to_vec(data).unwrap_or_else(|_| b"null".to_vec());
    OutputFile {
        path: path.to_string(),
        bytes: format!("dossierSearch.{call}({chunk},\"{}\");\n", compressed(&json)).into_bytes(),
    }
}

/// JSON compressed with zlib, in base64: what the client's `inflate` reads.
fn compressed(json: &[u8]) -> String {
    use base64::Engine;
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing to a Vec cannot fail.
    let bytes = encoder
        .write_all(json)
        .and_then(|()| encoder.finish())
        .unwrap_or_default();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The facets a result list can be narrowed by, besides dates (which are ranges of
/// document numbers, in the manifest).
pub(super) const FACETS: [&str; 7] = [
    "type",
    "author",
    "recipient",
    "collection",
    "subject",
    "language",
    "entity",
];

/// For each facet, `facet-NAME.js`: each value's documents (ascending, as differences)
/// and the values' labels where they are not the value itself.
pub(super) fn write_facets<'a>(archive: &'a Archive, files: &mut Vec<OutputFile>) {
    for facet in FACETS {
        let mut values: BTreeMap<&'a str, Vec<u32>> = BTreeMap::new();
        let mut labels: BTreeMap<&str, Cow<'a, str>> = BTreeMap::new();
        for (number, &document) in archive.date_order.iter().enumerate() {
            let document = &archive.documents[document];
            let meta = &document.meta;
            let mut add = |value: &'a str| {
                let list = values.entry(value).or_default();
                if list.last() != Some(&(number as u32)) {
                    list.push(number as u32);
                }
            };
            // An author or recipient the registry knows is its entity's id, labelled
            // with the entity's name; any other, the name as written.
            let person = |party: &'a Party| {
                party
                    .entity
                    .map_or(party.name.as_str(), |e| archive.entities[e].id.as_str())
            };
            match facet {
                "type" => meta.doc_type.iter().for_each(|v| add(v)),
                "author" => document.authors.iter().for_each(|v| add(person(v))),
                "recipient" => document.recipients.iter().for_each(|v| add(person(v))),
                "collection" => meta.collections.iter().for_each(|v| add(v)),
                "subject" => meta.subjects.iter().for_each(|v| add(v)),
                "language" => meta.language.iter().for_each(|v| add(v)),
                _ => {}
            }
        }
        if facet == "collection" {
            for collection in &archive.collections {
                labels.insert(&collection.id, Cow::Borrowed(&collection.title));
            }
        }
        if facet == "author" || facet == "recipient" {
            for value in values.keys() {
                if let Some(entity) = archive.entity(value) {
                    if entity.id == *value && entity.name != *value {
                        labels.insert(&entity.id, Cow::Borrowed(&entity.name));
                    }
                }
            }
        }
        // A language is shown by its name in the interface's language.
        if facet == "language" {
            for value in values.keys() {
                labels.insert(value, Cow::Owned(archive.interface.language_name(value)));
            }
        }
        let mut encoded: BTreeMap<&str, String> = values
            .into_iter()
            .map(|(value, documents)| {
                let mut list = String::new();
                push_ascending(&mut list, documents);
                (value, list)
            })
            .collect();
        if facet == "entity" {
            entity_facet(archive, &mut encoded, &mut labels);
        }
        files.push(script(
            &format!("search/facet-{facet}.js"),
            "facet",
            None,
            &(facet, encoded, labels),
        ));
    }
}

/// The most-named entities, while they fit in [`ENTITY_FACET_BYTES`]: an archive
/// names thousands, and a facet lists the few most frequent in the results.
fn entity_facet<'a>(
    archive: &'a Archive,
    encoded: &mut BTreeMap<&'a str, String>,
    labels: &mut BTreeMap<&'a str, Cow<'a, str>>,
) {
    let mut number_of = vec![0u32; archive.documents.len()];
    for (number, &document) in archive.date_order.iter().enumerate() {
        number_of[document.index()] = number as u32;
    }
    let mut by_count: Vec<&EntityNode> = archive.entities.iter().collect();
    by_count.sort_by_key(|e| std::cmp::Reverse(e.appearances.len()));
    let mut size = 0;
    for entity in by_count {
        let documents: BTreeSet<u32> = entity
            .appearances
            .iter()
            .map(|a| number_of[a.document.index()])
            .collect();
        if documents.is_empty() {
            break;
        }
        let mut list = String::new();
        push_ascending(&mut list, documents);
        size += list.len();
        if size > ENTITY_FACET_BYTES {
            break;
        }
        encoded.insert(&entity.id, list);
        labels.insert(&entity.id, Cow::Borrowed(&entity.name));
    }
}

/// A bucket of entity names is split by one more letter once it passes this size.
pub(super) const NAMES_BYTES: usize = 16 * 1024;
/// How many names the page offers: a split bucket keeps only its most-named, which
/// are the ones offered for its letters.
pub(super) const NAMES_OFFERED: usize = 5;

/// Entity suggestions ("Kim" offers Kim Il Sung), in buckets by the first letters of
/// each word of a name or alias, folded, so typing loads one small file: two letters,
/// and where a bucket would be large, three or four, its shorter bucket keeping only
/// the most-named entities. Returns the bucket numbers by their letters.
pub(super) fn write_names(archive: &Archive, files: &mut Vec<OutputFile>) -> BTreeMap<String, usize> {
    let words: Vec<Vec<String>> = archive
        .entities
        .iter()
        .map(|entity| {
            std::iter::once(&entity.name)
                .chain(&entity.aliases)
                // Words as the client splits them: at white space.
                .flat_map(|name| fold(name).split_whitespace().map(str::to_string).collect::<Vec<_>>())
                .collect()
        })
        .collect();
    let mut numbers = BTreeMap::new();
    let everyone: Vec<usize> = (0..archive.entities.len()).collect();
    name_buckets(archive, &words, &everyone, 2, &mut numbers, files);
    numbers
}

fn name_buckets(
    archive: &Archive,
    words: &[Vec<String>],
    entities: &[usize],
    letters: usize,
    numbers: &mut BTreeMap<String, usize>,
    files: &mut Vec<OutputFile>,
) {
    let mut buckets: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for &index in entities {
        for word in &words[index] {
            let key: String = word.chars().take(letters).collect();
            if key.chars().count() == letters {
                buckets.entry(key).or_default().insert(index);
            }
        }
    }
    for (key, members) in buckets {
        let mut members: Vec<usize> = members.into_iter().collect();
        let rows = name_rows(archive, &members);
        let size = json(&rows).len();
        if size > NAMES_BYTES && letters < 4 {
            let deeper: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&index| {
                    words[index]
                        .iter()
                        .any(|w| w.starts_with(&key) && w.chars().count() > letters)
                })
                .collect();
            name_buckets(archive, words, &deeper, letters + 1, numbers, files);
            members.sort_by_key(|&index| std::cmp::Reverse(archive.entities[index].appearances.len()));
            members.truncate(NAMES_OFFERED);
        }
        let number = numbers.len();
        files.push(script(
            &format!("search/names-{number}.js"),
            "names",
            Some(number),
            &name_rows(archive, &members),
        ));
        numbers.insert(key, number);
    }
}

fn name_rows<'a>(archive: &'a Archive, members: &[usize]) -> Vec<EntityRow<'a>> {
    members
        .iter()
        .map(|&index| {
            let entity = &archive.entities[index];
            EntityRow {
                name: &entity.name,
                aliases: &entity.aliases,
                kind: entity.kind,
                href: urls::entity(&entity.id),
                documents: entity.appearances.len(),
            }
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct EntityRow<'a> {
    name: &'a str,
    aliases: &'a [String],
    kind: crate::catalog::EntityKind,
    href: String,
    documents: usize,
}

/// `dossierSearch.<call>(<chunk>, <data>);` as a file.
pub(super) fn script(path: &str, call: &str, chunk: Option<usize>, data: &impl Serialize) -> OutputFile {
    let mut bytes = match chunk {
        Some(chunk) => format!("dossierSearch.{call}({chunk},"),
        None => format!("dossierSearch.{call}("),
    }
    .into_bytes();
    let start = bytes.len();
    if serde_json::to_writer(&mut bytes, data).is_err() {
        bytes.truncate(start);
        bytes.extend_from_slice(b"null");
    }
    // `<` (which could close the script) and the two characters JavaScript once took
    // for line ends can only be inside JSON strings, where their escapes mean the
    // same; most files have none.
    let risky = |w: &[u8]| w[0] == b'<' || w == "\u{2028}".as_bytes() || w == "\u{2029}".as_bytes();
    if bytes[start..].contains(&b'<') || bytes[start..].windows(3).any(risky) {
        let json = bytes.split_off(start);
        let mut at = 0;
        while at < json.len() {
            if json[at] == b'<' {
                bytes.extend_from_slice(b"\\u003c");
                at += 1;
            } else if json[at..].starts_with("\u{2028}".as_bytes()) {
                bytes.extend_from_slice(b"\\u2028");
                at += 3;
            } else if json[at..].starts_with("\u{2029}".as_bytes()) {
                bytes.extend_from_slice(b"\\u2029");
                at += 3;
            } else {
                bytes.push(json[at]);
                at += 1;
            }
        }
    }
    bytes.extend_from_slice(b");\n");
    OutputFile {
        path: path.to_string(),
        bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::encode::numbers;

    fn posting(document: u32, weight: f32, positions: Vec<u32>) -> Posting {
        Posting {
            document,
            weight,
            positions,
        }
    }

    #[test]
    fn scripts_cannot_be_closed_by_their_data() {
        let page = script("x.js", "text", Some(3), &("</script>", "a\u{2028}b", "é"));
        assert_eq!(
            text(&page),
            "dossierSearch.text(3,[\"\\u003c/script>\",\"a\\u2028b\",\"é\"]);\n"
        );
    }

    #[test]
    fn postings_are_grouped_by_impact_best_first() {
        // Document 0 is short with the word in its title: it ranks first whatever its
        // number. Document 5 is long, the word once in the body.
        let lengths = [10, 100, 100, 100, 100, 1000];
        let postings = [
            posting(0, 3.0, vec![0]),
            posting(2, 1.0, vec![7]),
            posting(5, 1.0, vec![9, 20]),
        ];
        let (encoded, blocks) = encode_term(&postings, &lengths, 100.0);
        assert_eq!(blocks.len(), 1);
        let positions = &blocks[0].1;
        let read = numbers(&encoded).expect("decodes");
        // 3 documents; BM25 weights 1.95, 1.0 and 0.21: level 19 holds [0], level 10
        // holds [2], level 2 holds [5].
        assert_eq!(read, [3, 19, 1, 0, 10, 1, 2, 2, 1, 5]);
        // Document 0 at 0; document 2 at 7; document 5 at 9 and 20.
        assert_eq!(numbers(positions).expect("decodes"), [0, 1, 0, 2, 1, 7, 3, 2, 9, 11]);
    }

    #[test]
    fn a_common_terms_positions_are_cut_by_documents() {
        let postings: Vec<Posting> = (0..20_000).map(|n| posting(n * 3, 1.0, vec![1, 5, 9, 40])).collect();
        let lengths = vec![100; 60_000];
        let (_, blocks) = encode_term(&postings, &lengths, 100.0);
        assert!(blocks.len() > 1);
        assert_eq!(blocks[0].0, 0);
        let mut next = 0;
        for (first, block) in &blocks {
            let read = numbers(block).expect("decodes");
            // Each block starts with its first document, whole.
            assert_eq!(read[0], *first);
            assert_eq!(*first, next);
            let documents = read.len() / 6;
            next = first + 3 * documents as u32;
            assert!(block.len() < POSITION_BLOCK_BYTES + 100);
        }
        assert_eq!(next, 60_000);
    }

    fn text(page: &OutputFile) -> String {
        String::from_utf8(page.bytes.clone()).expect("text")
    }

    #[test]
    fn a_term_held_by_very_many_documents_gets_files_of_its_own() {
        let mut shards = Shards::default();
        let mut files = Vec::new();
        let long = "1".repeat(BIG_TERM_BYTES + 1);
        let blocks = [(0, "00".to_string()), (70, "B0".to_string())];
        shards.add("the", 20_000, false, &long, &blocks, &mut files);
        shards.add("zhou", 1, false, "1A1", &[(3, "311".to_string())], &mut files);
        shards.flush(&mut files);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "search/big-0.js",
                "search/bigpos-0-0.js",
                "search/bigpos-0-1.js",
                "search/terms-0.js",
                "search/pos-0.js"
            ]
        );
        assert_eq!(
            text(&files[3]),
            "dossierSearch.shard(0,{\"the\":[20000,0,[70]],\"zhou\":\"1A1\"});\n"
        );
        assert_eq!(inflated(&files[4]), "dossierSearch.positions(0,{\"zhou\":\"311\"});\n");
        assert_eq!(text(&files[2]), "dossierSearch.bigPositions(\"0-1\",\"B0\");\n");
        assert_eq!(shards.starts, ["the"]);
    }

    #[test]
    fn shards_are_cut_at_their_size_and_cover_the_dictionary_in_order() {
        let mut shards = Shards::default();
        let mut files = Vec::new();
        for n in 0..10_000 {
            shards.add(
                &format!("term{n:05}"),
                1,
                false,
                "1A01",
                &[(1, "1A0".to_string())],
                &mut files,
            );
        }
        shards.flush(&mut files);
        assert!(shards.starts.len() > 1);
        assert_eq!(shards.starts[0], "term00000");
        assert!(shards.starts.windows(2).all(|w| w[0] < w[1]));
        for file in &files {
            assert!(
                file.bytes.len() < SHARD_BYTES + 100,
                "{} is {} bytes",
                file.path,
                file.bytes.len()
            );
        }
        assert!(text(&files[0]).starts_with("dossierSearch.shard(0,{\"term00000\":\"1A01\",\"term00001\":\"1A01\","));
        assert!(inflated(&files[1]).starts_with("dossierSearch.positions(0,{\"term00000\":\"1A0\","));
    }

    /// A compressed script as the client reads it: the call and its JSON.
    fn inflated(file: &OutputFile) -> String {
        use base64::Engine;
        use std::io::Read;
        let text = text(file);
        let (call, rest) = text.split_once(",\"").expect("a compressed script");
        let encoded = rest.strip_suffix("\");\n").expect("its end");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .expect("base64");
        let mut json = String::new();
        flate2::read::ZlibDecoder::new(&bytes[..])
            .read_to_string(&mut json)
            .expect("zlib");
        format!("{call},{json});\n")
    }

    #[test]
    fn a_long_text_is_loaded_in_two_parts_a_chunk_of_documents_a_file() {
        let long: Vec<Paragraph> = (1..=4)
            .map(|n| (Some(format!("p{n}")), format!("paragraph {n} ").repeat(100)))
            .collect();
        let short = vec![(Some("p1".to_string()), "A short text.".to_string())];
        let pages = text_files(7, vec![long, short.clone()]);
        assert_eq!(pages[0].path, "search/text-7.js");
        assert_eq!(pages[1].path, "search/more-7.js");
        let first = inflated(&pages[0]);
        assert!(first.starts_with("dossierSearch.text(7,[[[[\"p1\""), "{first}");
        assert!(first.contains("\"p2\"") && !first.contains("\"p3\""), "{first}");
        assert!(
            first.ends_with("],true],[[[\"p1\",\"A short text.\"]],false]]);\n"),
            "{first}"
        );
        let more = inflated(&pages[1]);
        assert!(more.starts_with("dossierSearch.more(7,[[[\"p3\""), "{more}");
        assert!(more.ends_with("]],null]);\n"), "{more}");
        // A chunk whose texts are all short has no second file.
        assert_eq!(text_files(9, vec![short]).len(), 1);
        // One paragraph longer than the first part is cut between words.
        let pages = text_files(8, vec![vec![(Some("p1".to_string()), "word ".repeat(2000))]]);
        assert_eq!(pages.len(), 2);
        assert!(inflated(&pages[0]).contains("word word\"]],true]"));
        assert!(inflated(&pages[1]).starts_with("dossierSearch.more(8,[[[\"p1\",\" word"));
    }
}
