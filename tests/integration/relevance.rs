//! Search relevance: queries a reader types, each with the document that must come
//! first, over `tests/fixtures/relevance` (documents written for it, one a long
//! speech with a passage deep inside) through the real client under Node. Known
//! phrases with and without quotes, rare words deep in a long text, names in their
//! variant spellings, and typos. The share ranked first and in the top five is
//! printed, and held to what it is (see bench/RESULTS.md).

use crate::common::{build, fixture};

/// (query, the title that must come first). A trailing space ends the last word, as
/// a reader who stopped typing; without it the last word is still a prefix.
const QUERIES: [(&str, &str); 43] = [
    // Known phrases, unquoted and quoted.
    ("struggle for existence ", "An Address on the Frontier"),
    ("\"struggle for existence\"", "An Address on the Frontier"),
    ("free land ", "An Address on the Frontier"),
    ("first period of our history ", "An Address on the Frontier"),
    ("\"first period of our history\"", "An Address on the Frontier"),
    ("mutual assistance ", "Notes on the Treaty Talks"),
    ("treaty of friendship ", "Notes on the Treaty Talks"),
    ("\"treaty of friendship\"", "Notes on the Treaty Talks"),
    ("blockade of the island ", "A Telegram from the Embassy"),
    ("cultural revolution ", "A Letter from Peking"),
    ("\"cultural revolution\"", "A Letter from Peking"),
    ("seven-year plan ", "The Party Congress"),
    ("heavy industry ", "The Party Congress"),
    ("self-reliance ", "The Party Congress"),
    ("own means and materials ", "On the New Railway"),
    ("flour blankets medicine ", "The Famine Relief"),
    ("school in every village ", "Schools in the Provinces"),
    ("fired upon ", "The Border Incident"),
    ("kept out of the press ", "The Border Incident"),
    ("unification of the country ", "A Conversation in Pyongyang"),
    // Rare words deep in a long text, among words it repeats.
    ("sacrifice ", "A Long Speech to the Assembly"),
    ("river crossing ", "A Long Speech to the Assembly"),
    ("never forget ", "A Long Speech to the Assembly"),
    ("grain delivered ", "A Report on the Harvest"),
    ("rice crop ", "A Report on the Harvest"),
    // Names in their variant spellings.
    ("Peking ", "A Letter from Peking"),
    ("Beijing ", "A Letter from Peking"),
    ("Chou En-lai received ", "A Letter from Peking"),
    ("Kim Il-sung seven-year ", "The Party Congress"),
    ("Kim Il Sung unification ", "A Conversation in Pyongyang"),
    ("KWP self-reliance ", "The Party Congress"),
    ("Khrushchev Moscow ", "Notes on the Treaty Talks"),
    ("Pyongyang ambassador ", "A Conversation in Pyongyang"),
    // Typos.
    ("blokade ", "A Telegram from the Embassy"),
    ("negotiatons ", "Notes on the Treaty Talks"),
    ("harbuor ", "A Telegram from the Embassy"),
    ("famnie relief ", "The Famine Relief"),
    ("engineres ", "On the New Railway"),
    ("ambasador instructions ", "A Telegram from the Embassy"),
    ("teachrs books ", "Schools in the Provinces"),
    ("settlemnt ", "An Address on the Frontier"),
    // Wildcards, and the word being typed.
    ("railw* ", "On the New Railway"),
    ("blanke", "The Famine Relief"),
];

#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn the_document_sought_comes_first() {
    let built = build(&fixture("relevance"));
    let queries: Vec<&str> = QUERIES.iter().map(|(q, _)| *q).collect();
    let answers = crate::search_client::run_queries(&built.out(), &queries);
    let mut first = 0;
    let mut top_five = 0;
    let mut missed = Vec::new();
    for ((query, wanted), rows) in QUERIES.iter().zip(&answers) {
        let titles: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        match titles.iter().position(|t| t == wanted) {
            Some(0) => {
                first += 1;
                top_five += 1;
            }
            Some(rank) if rank < 5 => {
                top_five += 1;
                missed.push(format!("{query:?}: {wanted:?} at {} of {titles:?}", rank + 1));
            }
            _ => missed.push(format!("{query:?}: {wanted:?} not in the top five of {titles:?}")),
        }
    }
    let total = QUERIES.len();
    eprintln!(
        "{first} of {total} first ({:.0}%), {top_five} in the top five ({:.0}%)",
        100.0 * first as f64 / total as f64,
        100.0 * top_five as f64 / total as f64
    );
    for miss in &missed {
        eprintln!("  {miss}");
    }
    assert!(first == total, "{first} of {total} first:\n{}", missed.join("\n"));
}

/// On a generated collection of 300 documents, whose words come from one small
/// vocabulary so that every word is in most documents: a run of six words from a
/// document's text, typed without quotes, finds that document first, by its words
/// standing side by side; quoted, too.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn a_documents_own_words_find_it_first_in_a_generated_collection() {
    let source = tempfile::tempdir().expect("temp");
    dossier::generate::generate(source.path(), 300, 1966).expect("generated");
    let built = build(source.path());
    let model = dossier::model(source.path(), dossier::sources::Encoding::Strict).expect("a model");
    let mut queries = Vec::new();
    let mut wanted = Vec::new();
    for index in (0..model.documents.len()).step_by(30) {
        let document = &model.documents[index];
        let dossier::document::Body::Transcript(blocks) = &document.body else {
            continue;
        };
        let text: String = blocks.iter().map(|b| b.source_text()).collect::<Vec<_>>().join(" ");
        let words: Vec<&str> = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
            .collect();
        let Some(run) = words.get(10..16) else { continue };
        queries.push(format!("{} ", run.join(" ")));
        queries.push(format!("\"{}\"", run.join(" ")));
        wanted.push(document.meta.title.clone());
        wanted.push(document.meta.title.clone());
    }
    let query_refs: Vec<&str> = queries.iter().map(String::as_str).collect();
    let answers = crate::search_client::run_queries(&built.out(), &query_refs);
    let mut first = 0;
    let mut missed = Vec::new();
    for ((query, title), rows) in queries.iter().zip(&wanted).zip(&answers) {
        if rows.first().is_some_and(|r| &r.0 == title) {
            first += 1;
        } else {
            let at = rows.iter().position(|r| &r.0 == title).map(|r| r + 1);
            missed.push(format!("{query:?}: {title:?} at {at:?} of {}", rows.len()));
        }
    }
    eprintln!("generated: {first} of {} first", queries.len());
    for miss in &missed {
        eprintln!("  {miss}");
    }
    assert!(queries.len() >= 16, "{} queries", queries.len());
    assert_eq!(first, queries.len(), "{}", missed.join("\n"));
}
