//! Collections that must not build: one folder per case under `tests/fixtures/invalid/`,
//! each with the exact messages it must give in `expected.txt` (paths relative to the
//! collection; `DOSSIER_BLESS=1 cargo test --test integration invalid::` rewrites them). A failed
//! build leaves the previous output as it was.

use crate::common;

use std::fs;
use std::path::Path;

use crate::common::fixture;
use dossier::{BuildOptions, Error};

/// The build's error messages, with the collection's path left off.
fn messages(collection: &Path, error: &Error) -> Vec<String> {
    let prefix = format!("{}/", collection.display());
    match error {
        Error::Invalid(diagnostics) => diagnostics
            .errors()
            .map(|d| d.to_string().replace(&prefix, ""))
            .collect(),
        other => vec![other.to_string().replace(&prefix, "")],
    }
}

#[test]
fn every_invalid_collection_fails_with_its_messages_and_writes_nothing() {
    let cases = fixture("invalid");
    let mut names: Vec<String> = fs::read_dir(&cases)
        .expect("the invalid fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let collection = cases.join(name);
        let expected_text = fs::read_to_string(collection.join("expected.txt")).expect("expected.txt");
        let expected: Vec<&str> = expected_text.lines().filter(|l| !l.is_empty()).collect();

        // An earlier, good build's output sits where this one would write.
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("output");
        fs::create_dir_all(&out).expect("mkdir");
        fs::write(out.join(".dossier-output"), "").expect("marker");
        fs::write(out.join("index.html"), "the previous archive").expect("page");

        let result = dossier::build(&BuildOptions {
            collection: collection.clone(),
            out: out.clone(),
            ..Default::default()
        });
        let actual = match &result {
            Ok(_) => vec!["(built without error)".to_string()],
            Err(error) => messages(&collection, error),
        };
        // DOSSIER_BLESS=1 writes what the build says, for a person to review in the diff.
        if std::env::var_os("DOSSIER_BLESS").is_some() {
            fs::write(collection.join("expected.txt"), actual.join("\n") + "\n").expect("bless");
            continue;
        }
        if actual != expected {
            failures.push(format!("{name}:\n  expected: {expected:#?}\n  actual:   {actual:#?}"));
        }
        assert_eq!(
            fs::read_to_string(out.join("index.html")).expect("kept"),
            "the previous archive",
            "{name}"
        );
        let siblings = fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(siblings, 1, "{name}: no staging folder is left behind");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_naming_the_byte() {
    let collection = tempfile::tempdir().expect("temp");
    fs::write(collection.path().join("INDEX.md"), "---\ntitle: Bytes\n---\n").expect("write");
    fs::write(collection.path().join("latin1.txt"), b"Caf\xe9 au lait\n").expect("write");
    let (_dir, result) = common::try_build(collection.path());
    let error = result.expect_err("invalid UTF-8");
    assert_eq!(
        messages(collection.path(), &error),
        ["latin1.txt:1: invalid UTF-8 at byte 3: save the file as UTF-8 (or build with --lossy-utf8)"]
    );
}

#[cfg(unix)]
#[test]
fn a_link_that_leads_outside_the_collection_is_refused() {
    let outside = tempfile::tempdir().expect("temp");
    fs::write(outside.path().join("secret.txt"), "Not part of the archive\n").expect("write");
    let collection = tempfile::tempdir().expect("temp");
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), collection.path().join("secret.txt")).expect("link");
    fs::write(collection.path().join("INDEX.md"), "---\ntitle: Links\n---\n").expect("write");
    let (dir, result) = common::try_build(collection.path());
    let error = result.expect_err("the link is refused");
    let real = outside.path().canonicalize().expect("real").join("secret.txt");
    assert_eq!(
        messages(collection.path(), &error),
        [format!(
            "secret.txt: refused: a symbolic link that leads outside the collection, to {}; copy what it links to into the collection instead",
            real.display()
        )]
    );
    assert!(!dir.path().join("output").exists());

    fs::write(
        collection.path().join("INDEX.md"),
        "---\ntitle: Links\ndocuments:\n  - file: secret.txt\n---\n",
    )
    .expect("write");
    let (_dir, result) = common::try_build(collection.path());
    let error = result.expect_err("the catalogue names the link");
    assert!(messages(collection.path(), &error).contains(
        &"INDEX.md:4: documents[0].file: `secret.txt` is a link that leads outside the collection".to_string()
    ));
}

#[test]
fn family_names_are_for_people_and_given_names_need_one() {
    let collection = tempfile::tempdir().expect("temp");
    fs::write(
        collection.path().join("INDEX.md"),
        "---\ntitle: Names\nentities:\n  - id: kwp\n    name: Korean Workers' Party\n    type: organization\n    family: Party\n  - id: nikita\n    name: Nikita\n    type: person\n    given: Nikita\n---\n",
    )
    .expect("write");
    let (_dir, result) = common::try_build(collection.path());
    let error = result.expect_err("refused");
    assert_eq!(
        messages(collection.path(), &error),
        [
            "INDEX.md:7: entities[0].family: only a person has a family name: an organization's or a place's name is kept whole",
            "INDEX.md:11: entities[1].given: `given` names need a `family` name beside them",
        ]
    );
}
