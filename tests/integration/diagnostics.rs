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
    dossier::diagnostic::report::render(&diagnostics.0, false).replace(&prefix, "")
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

#[test]
fn fifty_thousand_missing_files_are_reported_in_bounded_output() {
    let collection = tempfile::tempdir().expect("temp");
    let mut catalogue = String::from("---\ntitle: Missing\ndocuments:\n");
    for i in 0..50_000 {
        catalogue.push_str(&format!("  - file: missing/letter-{i:05}.txt\n    title: Letter {i}\n"));
    }
    catalogue.push_str("---\n");
    std::fs::write(collection.path().join("INDEX.md"), catalogue).expect("write");
    let out = tempfile::tempdir().expect("temp");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("build")
        .arg(collection.path())
        .arg("-o")
        .arg(out.path().join("site"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    // 200 problems in full, six lines each, then one count by kind.
    assert_eq!(stderr.matches("error: no such file `missing/letter-").count(), 200);
    assert!(stderr.contains("--> "), "each shown with its line");
    assert!(
        stderr.contains("note: 49800 more errors not shown, by kind:\n   49800  no such file `…` in the collection"),
        "{}",
        &stderr[stderr.len().saturating_sub(400)..]
    );
    assert!(stderr.ends_with("dossier: the build failed with 50000 errors; nothing was written\n"));
    assert!(stderr.lines().count() < 1_300, "{} lines", stderr.lines().count());
}
