//! The full-text search index: static files a browser loads piece by piece.
//!
//! Every file is JavaScript that hands its data to the client
//! (`dossierSearch.shard(3, {...})`), so the index loads by `<script>` over http:// and
//! from file:// alike. A query loads the manifest, the shard of each of its words, and
//! then only what it shows. The pieces:
//!
//! - `manifest.js`: counts, the first term of each shard, the first document of each
//!   year, and the entity-name buckets;
//! - `terms-N.js`: a shard of the dictionary, each term with its documents grouped by
//!   impact (see [`files::write_shards`]); `pos-N.js`: the same terms' positions, loaded
//!   only for phrases; a term held by very many documents has `big-K.js` and
//!   `bigpos-K.js` of its own; each pair of common words that stand together is a
//!   term too (`"econom assist"`, see [`pairs`]), so a phrase of common words does not
//!   load their positions;
//! - `docs-N.js`: the document table in small chunks (title, href, date, type);
//! - `text-N.js`, `more-N.js`: each document's paragraphs for snippets, the first few
//!   kilobytes apart from the rest;
//! - `spans.js`: the documents whose dates span more than a year, for year ranges.
//! - `facet-NAME.js`: the documents of each facet value (type, collection, subject,
//!   language, the most-named entities);
//! - `names-N.js`: entity names and aliases by their first two letters, so typing
//!   "Kim" offers Kim Il Sung.
//!
//! Documents are numbered in date order, so a year is a range of numbers and sorting
//! by date is sorting by number. Numbers are written in a compact text form
//! ([`encode`]). Terms are normalised as the client does it ([`normalize`]).

mod collect;
pub mod encode;
mod files;
mod normalize;
mod pairs;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::archive::Archive;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Staged};
use crate::output::{OutputFile, Sink};

pub use collect::DOCUMENTS_PER_CHUNK;
pub use collect::{FIELD_GAP, LONGEST_WORD};
pub use files::{BIG_TERM_BYTES, SHARD_BYTES};
pub use normalize::Normalizer;
pub use pairs::PAIRED_TERM_BYTES;

/// The index format; the client checks it.
const VERSION: u32 = 6;

#[derive(Debug, Serialize)]
struct Manifest {
    version: u32,
    /// The client's names of the Snowball stemmers the texts were indexed with, the
    /// archive's language's first: a query word is looked up as each makes it.
    stemming: Vec<&'static str>,
    /// Whether some texts' words are indexed unstemmed (a language without a stemmer),
    /// so a query word is looked up as written too.
    unstemmed: bool,
    documents: usize,
    documents_per_chunk: usize,
    field_gap: u32,
    /// The first term of each shard; shard `i` holds the terms from `shards[i]` up to
    /// `shards[i + 1]`.
    shards: Vec<String>,
    /// The first key of each shard of word pairs (see [`pairs`]), numbered after the
    /// words' shards: a pair's key never falls among the words a prefix or a typo
    /// looks through.
    pairs: Vec<String>,
    years: Years,
    facets: Vec<&'static str>,
    /// The file number of each entity-name bucket, by its two letters.
    names: BTreeMap<String, usize>,
}

/// For each year, the number of its first document (documents are in date order), and
/// where the undated begin.
#[derive(Debug, Serialize)]
struct Years {
    starts: Vec<(i64, usize)>,
    undated: usize,
}

/// Builds every file of the search index into `sink`, as each is made (the index is
/// as large as the text), and returns their paths. `collection` names the sources in
/// warnings, with what could not be indexed.
/// A term is common, and its pairs indexed, once its postings pass `paired_term_bytes`
/// ([`PAIRED_TERM_BYTES`] but in tests).
pub fn index(archive: &Archive, collection: &Path, sink: &dyn Sink, paired_term_bytes: usize) -> Staged<Vec<String>> {
    let languages = collect::Languages::of(archive);
    // The text files of each block of documents go out as the block is read, a chunk
    // of them on each thread.
    let (collected, texts) = collect::collect(archive, &languages, |first, paragraphs| {
        let first_chunk = first as usize / DOCUMENTS_PER_CHUNK;
        let mut chunks: Vec<Vec<Vec<collect::Paragraph>>> = Vec::new();
        for (offset, text) in paragraphs.into_iter().enumerate() {
            if offset % DOCUMENTS_PER_CHUNK == 0 {
                chunks.push(Vec::with_capacity(DOCUMENTS_PER_CHUNK));
            }
            if let Some(chunk) = chunks.last_mut() {
                chunk.push(text);
            }
        }
        chunks
            .into_par_iter()
            .enumerate()
            .map(|(at, texts)| {
                files::text_files(first_chunk + at, texts)
                    .into_iter()
                    .map(|file| sink.put_listed(file))
                    .collect::<Result<Vec<String>, Error>>()
            })
            .collect::<Result<Vec<Vec<String>>, Error>>()
    });
    let mut paths = Vec::new();
    for text in texts {
        paths.extend(text?.into_iter().flatten());
    }
    // The other writers make a few large files each; each batch goes out before the
    // next is made.
    let mut pages: Vec<OutputFile> = Vec::new();
    let mut send = |pages: &mut Vec<OutputFile>| -> Result<(), Error> {
        for file in pages.drain(..) {
            paths.push(sink.put_listed(file)?);
        }
        Ok(())
    };
    let mut warnings = Diagnostics::default();
    for &(document, bytes) in &collected.left_out {
        warnings.push(Diagnostic::warning(
            crate::sources::join(collection, &archive.documents[document].source),
            None,
            "",
            format!(
                "a word of {bytes} bytes, longer than the {LONGEST_WORD} a search term may have, is left out of the search index"
            ),
        ));
    }
    let pairs = pairs::pairs(&collected, paired_term_bytes);
    let dictionaries = files::write_shards(&collected, &pairs, &mut pages, &mut send)?;
    drop(pairs);
    drop(collected);
    files::write_documents(archive, &mut pages);
    send(&mut pages)?;
    files::write_facets(archive, &mut pages);
    pages.push(files::script("search/spans.js", "spans", None, &wide_spans(archive)));
    send(&mut pages)?;
    let names = files::write_names(archive, &mut pages);
    let (stemming, unstemmed) = languages.stemmers();
    let manifest = Manifest {
        version: VERSION,
        stemming,
        unstemmed,
        documents: archive.documents.len(),
        documents_per_chunk: DOCUMENTS_PER_CHUNK,
        field_gap: FIELD_GAP,
        shards: dictionaries.words,
        pairs: dictionaries.pairs,
        years: years(archive),
        facets: files::FACETS.to_vec(),
        names,
    };
    pages.push(files::script("search/manifest.js", "manifest", None, &manifest));
    send(&mut pages)?;
    Ok((paths, warnings))
}

/// The years beyond which no span is written: an open end (`1966/..`) is as far as
/// this.
const FARTHEST_YEAR: i64 = 9999;

/// `search/spans.js`: the documents (by number in date order) whose dates span more
/// than one year (`196X`, `1962-11/1963-02`, `1966/..`), each `[number, first, last]`,
/// for a year range to keep those it overlaps. The others' year is in the manifest.
/// Loaded only when a range is chosen.
fn wide_spans(archive: &Archive) -> Vec<[i64; 3]> {
    archive
        .date_order
        .iter()
        .enumerate()
        .filter_map(|(number, &document)| {
            let (first, last) = archive.documents[document].meta.date.as_ref()?.year_span();
            (first != last).then(|| {
                [
                    number as i64,
                    first.clamp(-FARTHEST_YEAR, FARTHEST_YEAR),
                    last.clamp(-FARTHEST_YEAR, FARTHEST_YEAR),
                ]
            })
        })
        .collect()
}

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
