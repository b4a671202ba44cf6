//! The search client (themes/default/static/search.js) must turn words into terms
//! exactly as the index builder does, or queries miss what the index holds. This runs
//! the client's tokenizer, folding and stemmer under Node over a word list and compares
//! each line with the Rust side.

use crate::common;

use std::fs;
use std::process::Command;

use crate::common::repo_path;
use dossier::search::Normalizer;

/// Words that exercise every step of the Snowball English stemmer, and folding.
const TRICKY: &[&str] = &[
    "Khrushchev's",
    "Khrushchev\u{2019}s",
    "Khrushchev\u{2bc}s",
    "Workers\u{2bc} Party",
    "caresses",
    "ponies",
    "ties",
    "cats",
    "gas",
    "gaps",
    "kiwis",
    "feed",
    "agreed",
    "plastered",
    "bled",
    "motoring",
    "sing",
    "conflated",
    "troubled",
    "sized",
    "hopping",
    "tanned",
    "falling",
    "hissing",
    "fizzed",
    "failing",
    "filing",
    "happy",
    "sky",
    "cry",
    "say",
    "relational",
    "conditional",
    "rational",
    "valenci",
    "hesitanci",
    "digitizer",
    "conformabli",
    "radicalli",
    "differentli",
    "vileli",
    "analogousli",
    "vietnamization",
    "predication",
    "operator",
    "feudalism",
    "decisiveness",
    "hopefulness",
    "callousness",
    "formaliti",
    "sensitiviti",
    "sensibiliti",
    "triplicate",
    "formative",
    "formalize",
    "electriciti",
    "electrical",
    "hopeful",
    "goodness",
    "revival",
    "allowance",
    "inference",
    "airliner",
    "gyroscopic",
    "adjustable",
    "defensible",
    "irritant",
    "replacement",
    "adjustment",
    "dependent",
    "adoption",
    "homologou",
    "communism",
    "activate",
    "angulariti",
    "homologous",
    "effective",
    "bowdlerize",
    "probate",
    "rate",
    "cease",
    "controll",
    "roll",
    "generously",
    "generation",
    "communities",
    "arsenal",
    "dying",
    "lying",
    "tying",
    "skis",
    "skies",
    "idly",
    "gently",
    "ugly",
    "early",
    "only",
    "singly",
    "news",
    "howe",
    "atlas",
    "cosmos",
    "bias",
    "andes",
    "inning",
    "innings",
    "outing",
    "canning",
    "herring",
    "earring",
    "proceed",
    "proceeding",
    "exceed",
    "succeeded",
    "yelling",
    "yearly",
    "crying",
    "enjoying",
    "played",
    "Kim's",
    "leaders'",
    "o'clock",
    "y",
    "ay",
    "ayes",
    "struggles",
    "struggled",
    "struggling",
    "Zhou Ènlái",
    "Đồng",
    "Ærø",
    "Łódź",
    "Straße",
    "İstanbul",
    "Kim Il-sung",
    "1966-11-03",
    "11/1963",
    "U.S.",
    "co-operation",
    "“quoted”",
    "don’t",
    "naïve",
    "café",
    // Scripts without spaces, as pairs of characters on both sides.
    "中华人民共和国外交部发言人",
    "東京の新幹線は速い。",
    "김일성은 평양에서 연설했다.",
    "(外交部)的 Kim 毛泽东, 周恩来",
    "กระทรวงการต่างประเทศ",
];

#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn the_client_makes_the_same_terms_as_the_builder() {
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.as_ref().is_ok_and(|o| o.status.success()),
        "this test runs the search client under Node.js: install it (apt-get install nodejs)"
    );
    let memo = fs::read_to_string(repo_path("seeds/000_7ed38372ebe9454f.txt")).expect("memo");
    let mut lines: Vec<String> = memo.lines().map(str::to_string).collect();
    lines.extend(TRICKY.iter().map(|w| w.to_string()));
    let dir = tempfile::tempdir().expect("temp");
    let input = dir.path().join("lines.txt");
    fs::write(&input, lines.join("\n")).expect("write");
    let client = repo_path("themes/default/static/search.js");
    let script = format!(
        "const s = require({client:?}); const fs = require('fs');\
         const lines = fs.readFileSync({input:?}, 'utf8').split('\\n');\
         console.log(JSON.stringify(lines.map(l => [s.terms(l, 'english'), s.terms(l, null)])));",
        client = client.display().to_string(),
        input = input.display().to_string(),
    );
    let output = Command::new("node").arg("-e").arg(&script).output().expect("node runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let from_client: Vec<(Vec<String>, Vec<String>)> =
        serde_json::from_slice(&output.stdout).expect("the client's terms as JSON");

    let english = Normalizer::for_language(Some("en"));
    let other = Normalizer::for_language(Some("ru"));
    let mut differences = Vec::new();
    for (line, (stemmed, folded)) in lines.iter().zip(&from_client) {
        if &english.terms(line) != stemmed {
            differences.push(format!(
                "{line:?}\n  rust: {:?}\n  js:   {stemmed:?}",
                english.terms(line)
            ));
        }
        if &other.terms(line) != folded {
            differences.push(format!(
                "{line:?} (unstemmed)\n  rust: {:?}\n  js:   {folded:?}",
                other.terms(line)
            ));
        }
    }
    assert_eq!(from_client.len(), lines.len());
    assert!(
        differences.is_empty(),
        "{} lines differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

/// A result as the client shows it: title, date, the paragraph its snippet links to,
/// the document's number.
/// A built collection of one-line texts, each `NAME.txt` titled by its first line
/// (the name).
fn titled_texts(front_matter: &str, texts: &[(&str, &str)]) -> (tempfile::TempDir, common::Built) {
    let files: Vec<(String, String)> = texts
        .iter()
        .map(|(name, text)| (format!("{name}.txt"), format!("{name}\n{text}\n")))
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let collection = common::collection(front_matter, &files);
    let built = common::build(collection.path());
    (collection, built)
}

/// Title, date, the best passage's anchor, the number, and each passage shown as
/// (anchor, html).
type ResultRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Vec<(Option<String>, String)>,
);

/// Each query's results, as the client under Node finds them in a built archive.
pub(crate) fn run_queries(out: &std::path::Path, queries: &[&str]) -> Vec<Vec<ResultRow>> {
    let output = Command::new("node")
        .arg(repo_path("tests/node/queries.js"))
        .arg(out)
        .args(queries)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("the client's answers as JSON")
}

fn sorted_titles(rows: &[ResultRow]) -> Vec<&str> {
    let mut titles: Vec<&str> = rows.iter().map(|row| row.0.as_str()).collect();
    titles.sort();
    titles
}

/// Queries run by the client under Node against a built index: the client reads the
/// format the builder writes.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn the_client_reads_the_index_the_builder_writes() {
    let built = common::build(&common::fixture("search"));
    let queries = [
        "struggle",
        "\"cultural revolution\"",
        "\"unity struggle\"",
        "delegation -trade",
        "Beijing",
        "zhou ènlái",
        "deleg",
        "revolution beg",
    ];
    let answers = run_queries(&built.out(), &queries);
    let titles = |n: usize| sorted_titles(&answers[n]);
    assert_eq!(titles(0), ["A letter from Peking", "A report on trade"]);
    assert_eq!(titles(1), ["A note on the revolution"]);
    assert!(titles(2).is_empty());
    assert_eq!(titles(3), ["A letter from Peking", "Another letter"]);
    assert_eq!(titles(4), ["A letter from Peking"]);
    assert_eq!(titles(5), ["A letter from Peking"]);
    assert_eq!(
        titles(6),
        ["A letter from Peking", "A report on trade", "Another letter"]
    );
    assert_eq!(titles(7), ["A note on the revolution"]);
    // Snippets point at the paragraph with the word.
    assert!(answers[0].iter().any(|a| a.2.as_deref() == Some("p2")), "{answers:?}");
}

/// The client decodes the numbers the builder encodes.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn the_client_decodes_the_builders_numbers() {
    let numbers: Vec<u32> = vec![0, 1, 31, 32, 1023, 1024, 99_999, 1_000_000, 4_000_123, u32::MAX];
    let mut encoded = String::new();
    for &n in &numbers {
        dossier::search::encode::push_number(&mut encoded, n);
    }
    let client = repo_path("themes/default/static/search.js");
    let script = format!(
        "console.log(JSON.stringify(require({:?}).decode({encoded:?})))",
        client.display().to_string()
    );
    let output = Command::new("node").arg("-e").arg(&script).output().expect("node runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let decoded: Vec<u64> = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(decoded, numbers.iter().map(|&n| u64::from(n)).collect::<Vec<_>>());
}

/// A word in every document, many times over, gets files of its own and its positions
/// in blocks by document range; phrases still match exactly, across the blocks.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn phrases_of_a_very_common_word_are_matched_across_its_position_blocks() {
    let collection = tempfile::tempdir().expect("temp");
    let mut index = String::from("---\ntitle: Common words\nlanguage: en\ndocuments:\n");
    for n in 0..40 {
        // Every document says "alpha beta" thousands of times; only the documents
        // numbered by 7 also say "beta gamma".
        let mut text = "alpha beta delta ".repeat(3000);
        if n % 7 == 0 {
            text.push_str("beta gamma\n");
        }
        fs::write(collection.path().join(format!("d{n:02}.txt")), text).expect("write");
        index.push_str(&format!(
            "  - file: d{n:02}.txt\n    title: Document {n:02}\n    date: {}\n",
            1900 + n
        ));
    }
    index.push_str("---\n");
    fs::write(collection.path().join("INDEX.md"), index).expect("write");
    let built = common::build(collection.path());
    let search = built.out().join("search");
    assert!(
        search.join("bigpos-0-1.js").is_file(),
        "positions in more than one block"
    );

    let answers = run_queries(
        &built.out(),
        &["\"beta gamma\"", "\"alpha beta\"", "\"beta alpha\"", "gamma"],
    );
    let titles = |n: usize| sorted_titles(&answers[n]);
    let sevens = [
        "Document 00",
        "Document 07",
        "Document 14",
        "Document 21",
        "Document 28",
        "Document 35",
    ];
    assert_eq!(titles(0), sevens);
    // Forty documents hold "alpha beta"; the page shows the first fifty.
    assert_eq!(answers[1].len(), 40);
    assert!(titles(2).is_empty());
    assert_eq!(titles(3), sevens);
}

/// A name written in the possessive, with any of the three apostrophes, is found as the
/// name, and excluded as the name.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn possessives_are_found_and_excluded_as_their_name() {
    let (_collection, built) = titled_texts(
        "title: Apostrophes\nlanguage: en\n",
        &[
            ("modifier", "Khrushchev\u{2bc}s view of Berlin was clear."),
            ("typographic", "Khrushchev\u{2019}s view of Berlin was firm."),
            ("typewriter", "Khrushchev's view of Berlin was plain."),
            ("plain", "Berlin was quiet that week."),
        ],
    );
    let answers = run_queries(
        &built.out(),
        &["Khrushchev", "Berlin -Khrushchev", "khrushchev\u{2bc}s"],
    );
    assert_eq!(sorted_titles(&answers[0]), ["modifier", "typewriter", "typographic"]);
    assert_eq!(sorted_titles(&answers[1]), ["plain"]);
    assert_eq!(sorted_titles(&answers[2]), ["modifier", "typewriter", "typographic"]);
}

/// Results carry the document's number, so two documents of one title are told apart.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn results_carry_the_documents_number() {
    let collection = tempfile::tempdir().expect("temp");
    let dir = collection.path();
    fs::write(
        dir.join("INDEX.md"),
        "---\ntitle: Numbers\ndocuments:\n  - file: a.txt\n    number: \"5\"\n    title: Editorial Note\n  - file: b.txt\n    title: Editorial Note\n---\n",
    )
    .expect("write");
    fs::write(dir.join("a.txt"), "The conference opened.\n").expect("write");
    fs::write(dir.join("b.txt"), "The conference closed.\n").expect("write");
    let built = common::build(dir);
    let answers = run_queries(&built.out(), &["conference"]);
    let mut numbers: Vec<Option<&str>> = answers[0].iter().map(|row| row.3.as_deref()).collect();
    numbers.sort();
    assert_eq!(numbers, [None, Some("5")]);
}

/// Chinese and Japanese words of any length, and Korean words inside their
/// particle-suffixed forms, are found: as words and as phrases, the same pairs of
/// characters in the builder and the client.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn unspaced_scripts_are_found_by_words_of_any_length() {
    let (_collection, built) = titled_texts(
        "title: Scripts\nlanguage: zh\n",
        &[
            ("chinese", "中华人民共和国外交部发言人今天说。"),
            ("japanese", "東京の新幹線は速い。"),
            ("korean", "김일성은 평양에서 연설했다."),
            ("thai", "กระทรวงการต่างประเทศแถลง"),
            ("other", "外国的朋友和共同的事业。"),
        ],
    );
    let answers = run_queries(
        &built.out(),
        &[
            "外交部",
            "共和国",
            "新幹線",
            "東京",
            "평양 김일성",
            "\"김일성은 평양\"",
            "การต่างประเทศ",
            "外交部 -东京",
        ],
    );
    assert_eq!(sorted_titles(&answers[0]), ["chinese"], "外交部, not 外国 and 交");
    assert_eq!(sorted_titles(&answers[1]), ["chinese"], "共和国, not 共同");
    assert_eq!(sorted_titles(&answers[2]), ["japanese"]);
    assert_eq!(sorted_titles(&answers[3]), ["japanese"]);
    assert_eq!(sorted_titles(&answers[4]), ["korean"]);
    assert_eq!(sorted_titles(&answers[5]), ["korean"]);
    assert_eq!(sorted_titles(&answers[6]), ["thai"]);
    assert_eq!(sorted_titles(&answers[7]), ["chinese"]);
    // The result leads to the paragraph with the words.
    assert!(answers[0][0].2.is_some(), "{:?}", answers[0]);
}

/// Keyword in context: a result shows the passages where the query's words are, from
/// anywhere in a long document (the opening has none of them), best first: the
/// paragraph with every word, side by side, before those with one; each linking to
/// its paragraph.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn results_show_the_passages_where_the_words_are() {
    let collection = tempfile::tempdir().expect("temp");
    let dir = collection.path();
    fs::write(dir.join("INDEX.md"), "---\ntitle: Speeches\nlanguage: en\n---\n").expect("write");
    let mut speech = String::from("speech\nGentlemen of the Congress:\n");
    for n in 0..400 {
        speech.push_str(&format!(
            "Paragraph {n} speaks of the harvest, the roads and the schools of the district, at length and in order.\n"
        ));
        if n == 120 {
            speech.push_str("Existence was a hard matter for the settlers of the valley.\n");
        }
        if n == 300 {
            speech.push_str("The struggle for existence is the law of the frontier, said the speaker.\n");
        }
        if n == 350 {
            speech.push_str("Their struggle went on through the winter.\n");
        }
    }
    fs::write(dir.join("speech.txt"), speech).expect("write");
    fs::write(dir.join("other.txt"), "other\nNo such words here.\n").expect("write");
    let built = common::build(dir);
    let answers = run_queries(&built.out(), &["struggle for existence", "settlers"]);
    let passages = &answers[0][0].4;
    assert_eq!(passages.len(), 3, "{passages:?}");
    assert!(
        passages[0]
            .1
            .contains("<mark>struggle</mark> <mark>for</mark> <mark>existence</mark>"),
        "the passage with every word, side by side, first: {passages:?}"
    );
    assert!(passages
        .iter()
        .all(|(anchor, _)| anchor.as_deref().is_some_and(|a| a.starts_with('p'))));
    assert!(
        !passages.iter().any(|(_, html)| html.contains("Gentlemen")),
        "{passages:?}"
    );
    assert_eq!(answers[0][0].2, passages[0].0, "the snippet is the best passage");
    // One word deep in the text: its passage, not the opening.
    assert!(
        answers[1][0].4[0].1.contains("<mark>settlers</mark>"),
        "{:?}",
        answers[1][0].4
    );
}

/// A sentence typed without quotes puts first the document where its words stand
/// side by side, before documents that hold them oftener but apart.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn words_side_by_side_rank_first_without_quotes() {
    let collection = tempfile::tempdir().expect("temp");
    let dir = collection.path();
    fs::write(dir.join("INDEX.md"), "---\ntitle: Speeches\nlanguage: en\n---\n").expect("write");
    let apart = "Existence is hard. The harvest was a struggle. Existence goes on. A struggle for roads.\n".repeat(5);
    fs::write(dir.join("apart.txt"), format!("apart\n{apart}")).expect("write");
    fs::write(
        dir.join("together.txt"),
        "together\nThe speaker spoke of the roads and the schools, and then of the struggle for existence on the frontier, and of much else besides that the audience had come to hear.\n",
    )
    .expect("write");
    for n in 0..4 {
        fs::write(
            dir.join(format!("filler-{n}.txt")),
            format!("filler {n}\nA speech for the schools, for the roads.\n"),
        )
        .expect("write");
    }
    let built = common::build(dir);
    let answers = run_queries(
        &built.out(),
        &[
            "struggle for existence",
            "\"struggle for existence\"",
            "existence struggle",
        ],
    );
    assert_eq!(answers[0][0].0, "together", "{:?}", answers[0]);
    assert_eq!(sorted_titles(&answers[1]), ["together"]);
    // In another order the words are not side by side: BM25 alone ranks.
    assert_eq!(answers[2][0].0, "apart", "{:?}", answers[2]);
}

/// `OR`, `word*` and typos: either word of an `OR` finds its document; a wildcard
/// finds every word it begins; a long word misspelt by one edit (two in a long one)
/// finds the word meant when the word as typed finds few, and says so.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn or_wildcards_and_typos() {
    let (_collection, built) = titled_texts(
        "title: Syntax\nlanguage: en\n",
        &[
            ("farming", "The delegation discussed agriculture and the harvest."),
            ("port", "The commission visited the harbour at dawn."),
            ("cable", "A telegram about the embassy and its staff."),
            ("treaty", "The negotiations on the friendship treaty went on."),
            ("short", "A note on the weather."),
        ],
    );
    let answers = run_queries(
        &built.out(),
        &[
            "agriculture OR harbour ",
            "embas* ",
            "agricultre ",
            "negotaitions ",
            "negotiatons treaty ",
            "nots ",
        ],
    );
    assert_eq!(sorted_titles(&answers[0]), ["farming", "port"]);
    assert_eq!(sorted_titles(&answers[1]), ["cable"]);
    assert_eq!(sorted_titles(&answers[2]), ["farming"], "one letter left out");
    assert_eq!(sorted_titles(&answers[3]), ["treaty"], "two letters swapped");
    assert_eq!(sorted_titles(&answers[4]), ["treaty"]);
    assert!(
        answers[5].is_empty(),
        "a word under five letters is taken as typed: {:?}",
        answers[5]
    );
    assert!(
        answers[2][0].4[0].1.contains("<mark>agriculture</mark>"),
        "{:?}",
        answers[2]
    );

    // The page says what else it matched.
    let client = repo_path("themes/default/static/search.js");
    let script = format!(
        "global.document = {{ createElement: () => ({{}}), head: {{ appendChild(s) {{ require('vm').runInThisContext(require('fs').readFileSync(s.src, 'utf8')); setImmediate(() => s.onload()); }} }} }};\
         const s = require({client:?}); s.open({folder:?}).then(() => s.query('agricultre ')).then((f) => console.log(JSON.stringify(f.parsed.corrected)));",
        client = client.display().to_string(),
        folder = format!("{}/search/", built.out().display()),
    );
    let output = Command::new("node").arg("-e").arg(&script).output().expect("node runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let corrected: Vec<(String, Vec<String>)> = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(corrected, [("agricultr".to_string(), vec!["agricultur".to_string()])]);
}

/// A phrase of common words is looked up by their pairs (`src/search/pairs.rs`), not
/// their positions: it finds exactly the documents it finds by positions, for two
/// words and for longer runs, and nothing where the words never stand together.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn phrases_of_common_words_find_by_pairs_what_positions_find() {
    let source = tempfile::tempdir().expect("temporary folder");
    dossier::generate::generate(source.path(), 60, 7).expect("generated collection");
    let build = |paired_term_bytes: usize| {
        let dir = tempfile::tempdir().expect("temporary folder");
        dossier::build(&dossier::BuildOptions {
            collection: source.path().to_path_buf(),
            out: dir.path().join("output"),
            paired_term_bytes: Some(paired_term_bytes),
            ..Default::default()
        })
        .expect("the generated collection builds");
        dir
    };
    // Nearly every word of the generated text is common at 300 bytes; none at the most.
    let with_pairs = build(300);
    let without = build(usize::MAX);
    let manifest = fs::read_to_string(with_pairs.path().join("output/search/manifest.js")).expect("manifest");
    assert!(!manifest.contains("\"pairs\":[]"), "pairs are indexed: {manifest}");
    let plain = fs::read_to_string(without.path().join("output/search/manifest.js")).expect("manifest");
    assert!(plain.contains("\"pairs\":[]"), "{plain}");

    // Runs of plain words from the texts, two, three and six long.
    let mut phrases: Vec<String> = Vec::new();
    for entry in walkdir::WalkDir::new(source.path()).sort_by_file_name() {
        let entry = entry.expect("a generated file");
        if entry.path().extension().is_none_or(|e| e != "txt") || phrases.len() >= 12 {
            continue;
        }
        let text = fs::read_to_string(entry.path()).expect("text");
        let body = text.lines().nth(1).unwrap_or_default();
        let words: Vec<&str> = body
            .split_whitespace()
            .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase()))
            .collect();
        for length in [2, 3, 6] {
            if words.len() > length {
                phrases.push(format!("\"{}\"", words[1..=length].join(" ")));
            }
        }
    }
    assert!(phrases.len() >= 9, "{phrases:?}");
    // Common words side by side in an order the texts may never have.
    phrases.extend(
        [
            "\"comrades comrades\"",
            "\"the a\"",
            "\"agreement agreement agreement\"",
        ]
        .map(String::from),
    );
    let queries: Vec<&str> = phrases.iter().map(String::as_str).collect();
    // Each query's results as (title, date, number), sorted.
    type Found = Vec<Vec<(String, Option<String>, Option<String>)>>;
    let found = |dir: &tempfile::TempDir| -> Found {
        run_queries(&dir.path().join("output"), &queries)
            .into_iter()
            .map(|rows| {
                let mut rows: Vec<_> = rows.into_iter().map(|r| (r.0, r.1, r.3)).collect();
                rows.sort();
                rows
            })
            .collect()
    };
    let (by_pairs, by_positions) = (found(&with_pairs), found(&without));
    for ((query, pairs), positions) in queries.iter().zip(&by_pairs).zip(&by_positions) {
        // Fewer than the 50 shown, so the whole result is compared.
        assert!(positions.len() < 50, "{query}: {}", positions.len());
        assert_eq!(pairs, positions, "{query}");
    }
    for (query, rows) in queries.iter().zip(&by_pairs).take(9) {
        assert!(!rows.is_empty(), "{query} is in a text");
    }
}

/// A word only the original holds finds the document, and its passage leads to the
/// original's paragraph on the page, as does one only a translation holds.
#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn words_of_the_original_and_the_translations_find_their_document_and_passage() {
    let collection = crate::parallel::parallel_collection();
    let built = common::build(collection.path());
    let results = run_queries(&built.out(), &["сотрудничестве", "Botschafter", "delegation"]);
    for (query, rows, anchor) in [
        ("сотрудничестве", &results[0], "original-p3"),
        ("Botschafter", &results[1], "de-p4"),
        ("delegation", &results[2], "p2"),
    ] {
        assert_eq!(sorted_titles(rows), ["Memorandum on the talks"], "{query}");
        assert_eq!(rows[0].2.as_deref(), Some(anchor), "{query}: {rows:?}");
    }
    // The page has what the passage leads to.
    let page = built.page("documents/memo/index.html");
    assert!(page.contains("<p id=\"original-p3\">") && page.contains("<p id=\"de-p4\">"));
}
