//! Transcriptions typed to other conventions than the seed's, read as their editors
//! typed them: `tests/fixtures/conventions/<layout>/` holds a collection of each
//! (blank-line paragraphs with bracketed footnotes, as Project Gutenberg types letters;
//! one paragraph a line, as a database exports documents), and every paragraph of the
//! source must be one on the page: none lost, none invented.

use std::fs;
use std::path::Path;

use crate::common::{build, fixture, visible_text};
use dossier::reflow::{self, Block, Paragraphs};
use dossier::sources::Encoding;

/// The paragraphs of a text as its convention writes them, white space folded.
fn source_paragraphs(text: &str, layout: Paragraphs) -> Vec<String> {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    match layout {
        Paragraphs::BlankLines => text.split("\n\n").map(fold).filter(|p| !p.is_empty()).collect(),
        Paragraphs::Lines => text.lines().map(fold).filter(|p| !p.is_empty()).collect(),
        Paragraphs::Width => unreachable!("the seed's own tests cover it"),
    }
}

/// The blocks of a document's page (paragraphs, items, notes), as a reader sees them.
fn page_blocks(html: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(" id=\"p") {
        let open = rest[..at].rfind('<').expect("a tag");
        let tag: String = rest[open + 1..].chars().take_while(|c| c.is_alphanumeric()).collect();
        let close = format!("</{tag}>");
        let body_start = at + rest[at..].find('>').expect("the tag ends") + 1;
        let body_end = body_start + rest[body_start..].find(&close).expect("the element ends");
        let text = visible_text(&rest[body_start..body_end]);
        blocks.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        rest = &rest[body_end..];
    }
    blocks
}

fn check_paragraphs(collection: &str, layout: Paragraphs) {
    let dir = fixture("conventions").join(collection);
    let built = build(&dir);
    let mut checked = 0;
    for entry in fs::read_dir(&dir).expect("the fixture") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let source = fs::read_to_string(&path).expect("source");
        let id = path.file_stem().and_then(|s| s.to_str()).expect("a name");
        let page = built.page(&format!("documents/{id}/index.html"));
        assert_eq!(
            page_blocks(&page),
            source_paragraphs(&source, layout),
            "{}: every paragraph of the source, and no other",
            path.display()
        );
        assert!(
            !page.contains("class=\"page-break\""),
            "{id}: no page break is invented"
        );
        checked += 1;
    }
    assert!(checked >= 2, "the fixture has documents");
}

#[test]
fn blank_line_paragraphs_are_kept_and_none_is_invented() {
    check_paragraphs("blank-lines", Paragraphs::BlankLines);
}

#[test]
fn one_paragraph_a_line_is_kept_and_none_is_invented() {
    check_paragraphs("lines", Paragraphs::Lines);
}

#[test]
fn every_footnote_marker_links_to_its_note_and_back() {
    let built = build(&fixture("conventions/blank-lines"));
    let page = built.page("documents/letter-104/index.html");
    for label in ["1", "2"] {
        assert!(
            page.contains(&format!(
                "<a class=\"footnote-ref\" id=\"fn-{label}-ref\" href=\"#fn-{label}\" role=\"doc-noteref\" title=\"Footnote {label}\">[{label}]</a>"
            )),
            "marker {label}"
        );
        assert!(
            page.contains(&format!(
                "<aside id=\"p{}\" class=\"footnote\" role=\"doc-footnote\"><a class=\"footnote-back\" id=\"fn-{label}\" href=\"#fn-{label}-ref\" title=\"Back to the text\">[Footnote {label}:</a>",
                if label == "1" { 6 } else { 7 }
            )),
            "note {label}"
        );
    }
    crate::common::assert_links_resolve(&built.out(), "documents/letter-104/index.html");
    // The legend explains the markers.
    assert!(
        page.contains("A footnote&#39;s marker"),
        "the legend names footnote markers"
    );
}

#[test]
fn no_footnote_marker_or_year_in_brackets_becomes_a_page_number() {
    let built = build(&fixture("conventions/blank-lines"));
    for id in ["letter-104", "letter-105"] {
        let page = built.page(&format!("documents/{id}/index.html"));
        assert!(!page.contains("class=\"page-number\""), "{id}: no page number");
        assert!(!page.contains("cite-page"), "{id}: no page to cite");
    }
    let page = built.page("documents/letter-104/index.html");
    assert!(
        page.contains("instructed in <span class=\"insertion\" title=\"Editorial insertion\">[1833]</span> the art")
    );
}

#[test]
fn page_numbers_in_sequence_are_still_page_numbers_even_as_years() {
    // A volume whose pages are numbered past a thousand: neighbours make them pages.
    let (blocks, reading) = reflow::reflow_as(
        "The text of the page runs on to its end, as a page does [1201] and the next\npage goes on [1202] until here.\n",
        None,
    );
    assert_eq!(reading.page_numbers, 2, "{blocks:?}");
    let (_, reading) = reflow::reflow_as("It was agreed in [1833] and kept.\n", None);
    assert_eq!(reading.page_numbers, 0, "a lone year is an insertion");
    let (_, reading) = reflow::reflow_as("The memo, in particular, [43] stressed the point.\n", None);
    assert_eq!(reading.page_numbers, 1, "the seed's kind of page number");
}

#[test]
fn a_declared_layout_wins_over_what_the_text_looks_like() {
    let dir = tempfile::tempdir().expect("temp");
    let collection = dir.path();
    for name in ["12.txt", "13.txt"] {
        fs::copy(fixture("conventions/lines").join(name), collection.join(name)).expect("copy");
    }
    // The collection says blank lines (wrong for these texts); 13 says lines again.
    fs::write(
        collection.join("INDEX.md"),
        "---\ntitle: Declared\nparagraphs: blank-lines\ndocuments:\n  - file: 12.txt\n  - file: 13.txt\n    paragraphs: lines\n---\n",
    )
    .expect("write");
    let report = dossier::check(collection, Encoding::Strict).expect("checks");
    let reading = |name: &str| {
        report
            .readings
            .iter()
            .find(|(path, _)| path.ends_with(name))
            .map(|(_, reading)| reading.clone())
            .expect(name)
    };
    assert_eq!(reading("12.txt").paragraphs, Paragraphs::BlankLines);
    assert_eq!(reading("12.txt").detected, None);
    assert_eq!(reading("13.txt").paragraphs, Paragraphs::Lines);
    let built = build(collection);
    let page = built.page("documents/12/index.html");
    assert_eq!(page_blocks(&page).len(), 1, "one paragraph: the file has no blank line");
}

#[test]
fn a_layout_that_is_not_one_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().expect("temp");
    fs::write(dir.path().join("INDEX.md"), "---\ntitle: T\nparagraphs: wrapped\n---\n").expect("write");
    let error = dossier::check(dir.path(), Encoding::Strict).expect_err("refused");
    let text = error.to_string();
    assert!(
        text.ends_with("INDEX.md:3: paragraphs: `wrapped` is not a paragraph layout; use `width` (wrapped, a short line ends a paragraph), `blank-lines` or `lines` (one paragraph a line)"),
        "{text}"
    );
}

#[test]
fn the_seed_is_still_read_by_line_width() {
    let report = dossier::check(&crate::common::repo_path("seeds"), Encoding::Strict).expect("checks");
    let (_, reading) = &report.readings[0];
    assert_eq!(reading.paragraphs, Paragraphs::Width);
    assert!(reading.detected.is_some());
    assert_eq!(reading.page_numbers, 1);
}

/// What `dossier check` says of a convention's collection, paths relative to it.
fn check_output(collection: &str) -> String {
    let dir = fixture("conventions").join(collection);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("check")
        .arg(&dir)
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let folder = dir.display().to_string();
    String::from_utf8_lossy(&run.stdout)
        .replace(&format!("{folder}/"), "")
        .replace(&folder, collection)
}

#[test]
fn check_names_the_layout_and_marks_it_detected() {
    insta::assert_snapshot!("check-blank-lines", check_output("blank-lines"));
    insta::assert_snapshot!("check-lines", check_output("lines"));
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("check")
        .arg(&seed)
        .output()
        .expect("runs");
    let folder = seed.display().to_string();
    let stdout = String::from_utf8_lossy(&run.stdout)
        .replace(&format!("{folder}/"), "")
        .replace(&folder, "seeds");
    insta::assert_snapshot!("check-width", stdout);
}

#[test]
fn the_blocks_of_a_footnote_are_notes_not_insertions() {
    let text = fs::read_to_string(fixture("conventions/blank-lines/letter-105.txt")).expect("source");
    let (blocks, reading) = reflow::reflow_as(&text, None);
    assert_eq!(reading.paragraphs, Paragraphs::BlankLines);
    assert_eq!(reading.footnotes, 1);
    assert!(
        matches!(blocks.last(), Some(Block::Footnote { label, .. }) if label == "1"),
        "{blocks:?}"
    );
}

#[test]
fn a_name_in_the_possessive_with_a_modifier_apostrophe_is_linked_and_counted() {
    let built = build(&fixture("conventions/lines"));
    // Both documents name Khrushchev only as "Khrushchevʼs" (U+02BC) or "Chairman Khrushchev".
    let page = built.page("documents/13/index.html");
    assert!(
        page.contains("title=\"Nikita Khrushchev\">Khrushchev</a>\u{2bc}s mood"),
        "the name is linked, the source's apostrophe kept after it"
    );
    let entity = built.page("entities/khrushchev/index.html");
    for document in ["documents/12/index.html", "documents/13/index.html"] {
        assert!(entity.contains(document), "{document} is listed on the entity's page");
    }
}

#[test]
fn underscored_words_are_shown_as_emphasis_with_their_underscores() {
    let built = build(&fixture("conventions/blank-lines"));
    let page = built.page("documents/letter-104/index.html");
    assert!(page.contains("The winter here is <em class=\"underscored\">_long_</em> and the post"));
}

#[test]
fn a_number_glued_to_a_sentence_leads_to_the_note_at_the_foot() {
    let built = build(&fixture("conventions/lines"));
    let page = built.page("documents/12/index.html");
    assert!(
        page.contains("reached.<a class=\"footnote-ref\" id=\"fn-3-ref\" href=\"#fn-3\" role=\"doc-noteref\" title=\"Footnote 3\">3</a>"),
        "the marker, without brackets the source does not have"
    );
    assert!(page.contains(
        "class=\"footnote\" role=\"doc-footnote\"><a class=\"footnote-back\" id=\"fn-3\" href=\"#fn-3-ref\" title=\"Back to the text\">3</a> Source: Department of State"
    ));
    crate::common::assert_links_resolve(&built.out(), "documents/12/index.html");
    // A year at a sentence's end, or a number no note has, is left as written.
    let (blocks, reading) = reflow::reflow_as(
        "It was signed in 1961.\nThe talks were held in June.4\n12 delegates came.\n",
        Some(Paragraphs::Lines),
    );
    assert_eq!(reading.footnotes, 0, "{blocks:?}");
}

/// A volume read in the catalogue's order: its undated editorial note stands between
/// the documents it sits between, not at the end; by date (the default), previous and
/// next go earlier and later.
#[test]
fn previous_and_next_follow_the_order_the_collection_chooses() {
    let write = |order: &str| {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::write(
            dir.path().join("INDEX.md"),
            format!(
                "---\ntitle: A Volume\n{order}documents:\n  - {{file: a.txt, id: a, number: \"1\", title: Telegram, date: 1961-01-05}}\n  - {{file: b.txt, id: b, number: \"2\", title: Editorial Note}}\n  - {{file: c.txt, id: c, number: \"3\", title: Memorandum, date: 1961-01-03}}\n---\n"
            ),
        )
        .expect("write");
        for name in ["a", "b", "c"] {
            std::fs::write(dir.path().join(format!("{name}.txt")), "A line of text.\n").expect("write");
        }
        dir
    };
    let sequence = |built: &crate::common::Built, id: &str| {
        let page = built.page(&format!("documents/{id}/index.html"));
        let nav = crate::common::between(&page, "<nav class=\"sequence\"", "</nav>");
        let links = nav.split_once('>').map_or(nav, |(_, links)| links);
        crate::common::visible_text(links)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };

    let volume = write("order: catalogue\n");
    let built = crate::common::build(volume.path());
    assert_eq!(sequence(&built, "a"), "Next 2. Editorial Note");
    assert_eq!(sequence(&built, "b"), "Previous 1. Telegram Next 3. Memorandum");
    assert!(built
        .page("documents/b/index.html")
        .contains("aria-label=\"Documents in the catalogue&#39;s order\""));

    let letters = write("");
    let built = crate::common::build(letters.path());
    assert_eq!(sequence(&built, "c"), "Later 1. Telegram");
    assert_eq!(sequence(&built, "a"), "Earlier 3. Memorandum Later 2. Editorial Note");

    let wrong = write("order: numbers\n");
    let (_, result) = crate::common::try_build(wrong.path());
    let message = result.expect_err("an unknown order").to_string();
    assert!(message.contains("`numbers` is not an order of reading"), "{message}");
}

/// "[see No. 104]" in a letter links to letter 104 where the collection declares the
/// form (`cross_references: ["No. {number}"]`), and letter 104's page lists the letter
/// that refers to it; a number no document has stays text.
#[test]
fn declared_cross_references_link_to_the_numbered_document() {
    let built = build(&fixture("conventions/blank-lines"));
    let letter = built.page("documents/letter-105/index.html");
    assert!(
        letter
            .contains("[see <a class=\"cross-reference\" href=\"../../documents/letter-104/index.html\">No. 104</a>]"),
        "{}",
        crate::common::main_of(&letter)
    );
    let cited = built.page("documents/letter-104/index.html");
    let backlinks = crate::common::between(&cited, "<h2 id=\"linked-from-heading\">", "</section>");
    assert!(
        backlinks.contains("href=\"../../documents/letter-105/index.html\""),
        "{backlinks}"
    );

    // Without the declaration, the same text is text.
    let dir = tempfile::tempdir().expect("temp");
    for entry in fs::read_dir(fixture("conventions/blank-lines")).expect("fixture") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("read");
        let text = text.replace("cross_references: [\"No. {number}\"]\n", "");
        fs::write(dir.path().join(path.file_name().expect("name")), text).expect("write");
    }
    let built = build(dir.path());
    let letter = built.page("documents/letter-105/index.html");
    assert!(letter.contains("[see No. 104]"), "{}", crate::common::main_of(&letter));
    assert!(!letter.contains("cross-reference"));
}

/// A line in capitals standing alone is a heading of the source (`SUBJECT`, `TO
/// ELEONORE VON BREUNING.`), as written; a capitalised word inside a paragraph, a
/// letter's number line, and a wrapped PDF text's short lines are not.
#[test]
fn lines_in_capitals_are_the_sources_headings() {
    let volume = build(&fixture("conventions/lines"));
    let memo = volume.page("documents/12/index.html");
    assert!(
        memo.contains("<h3 id=\"p1\" class=\"source-heading\">SUBJECT</h3>"),
        "{}",
        crate::common::main_of(&memo)
    );
    assert!(memo.contains("<h3 id=\"p3\" class=\"source-heading\">PARTICIPANTS</h3>"));
    assert!(memo.contains("<p id=\"p2\">Conversation on <a class=\"entity\""));
    let telegram = volume.page("documents/13/index.html");
    assert!(telegram.contains("<h3 id=\"p1\" class=\"source-heading\">SECRET</h3>"));

    let letters = build(&fixture("conventions/blank-lines"));
    let letter = letters.page("documents/letter-105/index.html");
    assert!(letter.contains("class=\"source-heading\">TO ELEONORE VON BREUNING.</h3>"));
    assert!(
        !letter.contains("source-heading\">105."),
        "a number line is not a heading"
    );

    let seed = build(&crate::common::repo_path("seeds"));
    let page = seed.page("documents/sino-korean-relations-1966/index.html");
    assert!(
        !page.contains("source-heading"),
        "the seed's wrapped text has no headings read into it"
    );
}
