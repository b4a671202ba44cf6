//! Diagnostics as an editor reads them: each case under `tests/fixtures/diagnostics/`
//! is checked, and the whole report, with its source lines, underlines and hints, is
//! the snapshot (`INSTA_UPDATE=always cargo test --test integration diagnostics::` re-records them).

use std::fs;

use crate::common::fixture;
use dossier::sources::Encoding;
use dossier::Error;

/// The plain report `dossier check` prints for a case, paths relative to the fixtures.
fn report(case: &str) -> String {
    let collection = fixture("diagnostics").join(case);
    let diagnostics = match dossier::check(&collection, Encoding::Strict) {
        Ok(report) => panic!("{case} checked without errors: {:?}", report.warnings),
        Err(Error::Invalid(diagnostics)) => diagnostics,
        Err(other) => panic!("{case}: not a diagnostic: {other}"),
    };
    let prefix = format!("{}/", fixture("diagnostics").display());
    dossier::diagnostic::render(&diagnostics.0, false).replace(&prefix, "")
}

#[test]
fn every_case_has_a_snapshot() {
    let mut cases: Vec<String> = fs::read_dir(fixture("diagnostics"))
        .expect("the diagnostics fixtures")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert_eq!(
        cases,
        [
            "bad-dates",
            "key-typos",
            "unknown-ids",
            "unknown-link-targets",
            "yaml-bad-indent",
            "yaml-in-front-matter",
            "yaml-tab",
            "yaml-unclosed-quote"
        ],
        "a new case needs a test below"
    );
}

#[test]
fn key_typos_are_underlined_with_the_key_they_meant() {
    let text = report("key-typos");
    assert!(text.contains("--> key-typos/INDEX.md:13:5"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn unknown_ids_suggest_the_nearest_id() {
    let text = report("unknown-ids");
    assert!(text.contains("help: did you mean `memo-1966`?"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn links_to_unknown_ids_suggest_the_nearest_id() {
    let text = report("unknown-link-targets");
    assert!(text.contains("help: did you mean `entity:kim-il-sung`?"), "{text}");
    assert!(text.contains("--> unknown-link-targets/notes/c.md:6:18"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn bad_dates_point_at_the_date_as_written() {
    let text = report("bad-dates");
    // Inside quotes, the date itself is underlined, not the quote.
    assert!(text.contains("--> bad-dates/INDEX.md:7:12"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn yaml_syntax_errors_name_the_file_line_and_column() {
    for (case, place) in [
        // The value line indented one space too far: the colon is the problem.
        ("yaml-bad-indent", "INDEX.md:6:10"),
        // The lines of a Markdown document's front matter are the file's lines.
        ("yaml-in-front-matter", "note.md:4:5"),
        ("yaml-tab", "INDEX.md:4:1"),
        // Where the quote opens, not where the text ran out.
        ("yaml-unclosed-quote", "INDEX.md:5:12"),
    ] {
        let text = report(case);
        assert!(text.contains(&format!("--> {case}/{place}")), "{text}");
        insta::assert_snapshot!(case, text);
    }
}
