//! Word pairs: the phrase index of common words, as Lucene's common-grams filter makes
//! it. A phrase is matched by its words' positions, and a common word's positions are
//! megabytes in a large archive ("economic assistance" needed 7 MB of them at 100,000
//! documents). So each pair of common words that stand next to each other is indexed
//! as a term of its own, `"econom assist"`, with its documents and positions: a phrase
//! of two common words loads one pair's postings, and a longer one the positions of
//! its pairs, which are rarer than its words.
//!
//! Only pairs of two common words are indexed: a phrase with a rarer word in it loads
//! the common words' positions only in the blocks that hold the rarer word's documents.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;

use super::collect::{Collected, Field, Posting, Postings, TermPostings};

/// A term whose compressed postings pass this many bytes is common: its pairs with the
/// common words next to it are indexed, and its dictionary entry says so.
pub const PAIRED_TERM_BYTES: usize = 256 * 1024;

/// What joins the two terms of a pair in its key: a space, which no term holds.
pub(super) const PAIR_JOINER: char = ' ';

/// The pairs of common words, sorted by key, and which terms are common.
pub(super) struct Pairs {
    /// Each term id: whether its pairs are indexed.
    pub common: Vec<bool>,
    /// Each pair's key (`"first second"`) and postings, sorted by key; a pair's
    /// positions are its first word's.
    pub pairs: Vec<(String, TermPostings)>,
}

/// Finds every pair of common terms (whose postings pass `common_bytes`) that stand at
/// neighbouring positions, reading the common terms' postings side by side in
/// document order.
pub(super) fn pairs(collected: &Collected, common_bytes: usize) -> Pairs {
    let common: Vec<bool> = collected
        .postings
        .iter()
        .zip(&collected.terms)
        .map(|(postings, term)| !term.is_empty() && postings.compressed_bytes() > common_bytes)
        .collect();
    let ids: Vec<u32> = (0..common.len() as u32).filter(|&id| common[id as usize]).collect();
    let mut readers: Vec<Postings> = ids.iter().map(|&id| collected.postings[id as usize].iter()).collect();
    // The next posting of each reader, by document: the readers at the smallest
    // document are the common terms of that document.
    let mut next: Vec<Option<Posting>> = readers.iter_mut().map(Iterator::next).collect();
    let mut queue: BinaryHeap<Reverse<(u32, usize)>> = next
        .iter()
        .enumerate()
        .filter_map(|(reader, posting)| posting.as_ref().map(|p| Reverse((p.document, reader))))
        .collect();
    let mut index: FxHashMap<(u32, u32), usize> = FxHashMap::default();
    let mut found: Vec<((u32, u32), TermPostings)> = Vec::new();
    let mut occurrences: Vec<(u32, u32)> = Vec::new();
    let mut in_document: Vec<(usize, u32)> = Vec::new();
    while let Some(&Reverse((document, _))) = queue.peek() {
        occurrences.clear();
        while let Some(&Reverse((at, reader))) = queue.peek() {
            if at != document {
                break;
            }
            queue.pop();
            if let Some(posting) = next[reader].take() {
                let term = ids[reader];
                occurrences.extend(posting.positions.iter().map(|&position| (position, term)));
            }
            next[reader] = readers[reader].next();
            if let Some(posting) = &next[reader] {
                queue.push(Reverse((posting.document, reader)));
            }
        }
        occurrences.sort_unstable();
        in_document.clear();
        for window in occurrences.windows(2) {
            let ((position, first), (following, second)) = (window[0], window[1]);
            if following == position + 1 {
                let slot = *index.entry((first, second)).or_insert_with(|| {
                    found.push(((first, second), TermPostings::default()));
                    found.len() - 1
                });
                in_document.push((slot, position));
            }
        }
        in_document.sort_unstable();
        let mut start = 0;
        while start < in_document.len() {
            let slot = in_document[start].0;
            let end = start + in_document[start..].iter().take_while(|(s, _)| *s == slot).count();
            let positions: Vec<u32> = in_document[start..end].iter().map(|&(_, p)| p).collect();
            let weight = positions.iter().map(|&p| Field::at(p).double_weight()).sum();
            found[slot].1.push(document, weight, &positions);
            start = end;
        }
    }
    let mut pairs: Vec<(String, TermPostings)> = found
        .into_iter()
        .map(|((first, second), postings)| {
            let key = format!(
                "{}{PAIR_JOINER}{}",
                collected.terms[first as usize], collected.terms[second as usize]
            );
            (key, postings)
        })
        .collect();
    pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Pairs { common, pairs }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collected(documents: &[&[(u32, &[u32])]], terms: &[&str]) -> Collected {
        // documents[d] lists (term, positions) of document d.
        let mut postings: Vec<TermPostings> = terms.iter().map(|_| TermPostings::default()).collect();
        for (document, words) in documents.iter().enumerate() {
            for &(term, positions) in words.iter() {
                postings[term as usize].push(document as u32, 2 * positions.len() as u32, positions);
            }
        }
        Collected {
            terms: terms.iter().map(|t| t.to_string()).collect(),
            postings,
            lengths: vec![10; documents.len()],
            left_out: Vec::new(),
        }
    }

    #[test]
    fn neighbouring_common_terms_make_a_pair_with_the_first_ones_positions() {
        let body = 4 * crate::search::FIELD_GAP;
        // "econom assist" twice in document 0, once in document 2; "assist econom" in 0.
        let (e, a, rare) = (0, 1, 2);
        let documents: Vec<Vec<(u32, Vec<u32>)>> = vec![
            vec![
                (e, vec![body, body + 2, body + 7]),
                (a, vec![body + 1, body + 3]),
                (rare, vec![body + 5]),
            ],
            vec![(e, vec![body + 4]), (a, vec![body + 9])],
            vec![(a, vec![2, body + 1]), (e, vec![body])],
        ];
        let borrowed: Vec<Vec<(u32, &[u32])>> = documents
            .iter()
            .map(|d| d.iter().map(|(t, p)| (*t, p.as_slice())).collect())
            .collect();
        let slices: Vec<&[(u32, &[u32])]> = borrowed.iter().map(Vec::as_slice).collect();
        let mut collected = collected(&slices, &["econom", "assist", "rare"]);
        // Make the first two common by padding their postings past the threshold.
        for id in [e, a] {
            let mut padded = TermPostings::default();
            for posting in collected.postings[id as usize].iter() {
                padded.push(posting.document, 2, &posting.positions);
            }
            // Positions four apart, the two terms' two apart: no neighbours.
            let filler: Vec<u32> = (0..PAIRED_TERM_BYTES as u32)
                .map(|i| body + 1_000 + 4 * i + 2 * id)
                .collect();
            padded.push(3, 2, &filler);
            collected.postings[id as usize] = padded;
        }
        let found = pairs(&collected, PAIRED_TERM_BYTES);
        assert_eq!(found.common, [true, true, false]);
        let keys: Vec<&str> = found.pairs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["assist econom", "econom assist"]);
        let econom_assist = found.pairs[1].1.postings();
        let documents: Vec<(u32, Vec<u32>)> = econom_assist
            .iter()
            .map(|p| (p.document, p.positions.clone()))
            .collect();
        assert_eq!(documents, [(0, vec![body, body + 2]), (2, vec![body])]);
        assert_eq!(econom_assist[0].weight, 2.0, "two occurrences in the body");
        let assist_econom = found.pairs[0].1.postings();
        assert_eq!(assist_econom.len(), 1);
        assert_eq!(assist_econom[0].positions, [body + 1]);
    }

    #[test]
    fn an_archive_without_common_words_has_no_pairs() {
        let collected = collected(&[&[(0, &[0, 1]), (1, &[2])]], &["a", "b"]);
        let found = pairs(&collected, PAIRED_TERM_BYTES);
        assert_eq!(found.common, [false, false]);
        assert!(found.pairs.is_empty());
    }
}
