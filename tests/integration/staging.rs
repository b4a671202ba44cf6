//! What a build does to the output folder: replaces an earlier build whole, leaves it
//! whole when it fails, clears what an interrupted build left, and never touches a
//! folder it did not write or one holding the collection. (`swap.rs` checks the swap
//! itself under interruption and concurrency.)

use std::fs;

use crate::common::fixture;
use dossier::{BuildOptions, Error};

#[test]
fn a_new_build_replaces_the_old_output_whole() {
    let collection = tempfile::tempdir().expect("temp");
    fs::write(collection.path().join("INDEX.md"), "---\ntitle: T\n---\n").expect("write");
    fs::write(collection.path().join("a.txt"), "A\n").expect("write");
    fs::write(collection.path().join("b.txt"), "B\n").expect("write");
    let out = collection.path().join("site");
    let options = BuildOptions {
        collection: collection.path().to_path_buf(),
        out: out.clone(),
        ..Default::default()
    };
    dossier::build(&options).expect("first build");
    assert!(out.join("documents/b/index.html").is_file());

    fs::remove_file(collection.path().join("b.txt")).expect("remove");
    dossier::build(&options).expect("second build");
    assert!(out.join("documents/a/index.html").is_file());
    assert!(!out.join("documents/b").exists(), "pages of removed documents are gone");
    let leftovers: Vec<String> = fs::read_dir(collection.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("staging") || name.contains("previous"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The output inside the collection is not read as sources.
    let report = dossier::build(&options).expect("third build");
    assert_eq!(report.documents, 1);
}

#[test]
fn a_folder_dossier_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().expect("temp");
    let precious = dir.path().join("precious");
    fs::create_dir(&precious).expect("mkdir");
    fs::write(precious.join("thesis.txt"), "years of work").expect("write");
    let result = dossier::build(&BuildOptions {
        collection: fixture("mixed"),
        out: precious.clone(),
        ..Default::default()
    });
    let Err(Error::Output(message)) = result else {
        panic!("expected a refusal, got {result:?}")
    };
    assert!(message.contains("refusing to replace it"), "{message}");
    assert_eq!(
        fs::read_to_string(precious.join("thesis.txt")).expect("still there"),
        "years of work"
    );
}

#[test]
fn an_output_folder_holding_the_collection_is_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let collection = dir.path().join("seeds");
    fs::create_dir(&collection).expect("mkdir");
    fs::write(collection.join("INDEX.md"), "---\ntitle: T\n---\n").expect("write");
    let result = dossier::build(&BuildOptions {
        collection: collection.clone(),
        out: dir.path().to_path_buf(),
        ..Default::default()
    });
    assert!(matches!(result, Err(Error::Output(_))), "{result:?}");
    let result = dossier::build(&BuildOptions {
        collection: collection.clone(),
        out: collection.clone(),
        ..Default::default()
    });
    assert!(matches!(result, Err(Error::Output(_))), "{result:?}");
    assert!(collection.join("INDEX.md").is_file());
}

#[test]
fn a_failed_render_leaves_the_previous_output_whole() {
    let collection = tempfile::tempdir().expect("temp");
    let dir = collection.path();
    fs::write(dir.join("INDEX.md"), "---\ntitle: T\n---\n").expect("write");
    fs::write(dir.join("a.txt"), "A\n").expect("write");
    let out = tempfile::tempdir().expect("temp");
    let options = BuildOptions {
        collection: dir.to_path_buf(),
        out: out.path().join("site"),
        ..Default::default()
    };
    dossier::build(&options).expect("first build");
    let before = fs::read_to_string(out.path().join("site/documents/a/index.html")).expect("page");

    fs::write(dir.join("b.txt"), "B\n").expect("write");
    fs::create_dir(dir.join("templates")).expect("mkdir");
    fs::write(
        dir.join("templates/document.html"),
        "{{ document.no_such_field.deeper }}",
    )
    .expect("write");
    let error = dossier::build(&options).expect_err("the template fails");
    assert!(matches!(error, Error::Template { .. }), "{error:?}");
    assert_eq!(
        fs::read_to_string(out.path().join("site/documents/a/index.html")).expect("kept"),
        before
    );
    assert!(!out.path().join("site/documents/b").exists());
    assert_eq!(
        fs::read_dir(out.path()).expect("list").count(),
        1,
        "no staging folder is left"
    );
}

#[test]
fn an_interrupted_build_leaves_nothing_behind_the_next_one() {
    let out = tempfile::tempdir().expect("temp");
    // What a build killed while writing leaves: a marked staging folder.
    let leftover = out.path().join("site.staging-99999");
    fs::create_dir_all(leftover.join("documents")).expect("mkdir");
    fs::write(leftover.join(".dossier-output"), "").expect("marker");
    let unrelated = out.path().join("site.staging-notes");
    fs::create_dir(&unrelated).expect("mkdir");
    let options = BuildOptions {
        collection: fixture("mixed"),
        out: out.path().join("site"),
        ..Default::default()
    };
    dossier::build(&options).expect("builds");
    assert!(!leftover.exists(), "the marked leftover is removed");
    assert!(unrelated.exists(), "a folder dossier did not mark is left alone");
}
