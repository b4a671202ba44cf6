//! Nothing a build reads lies outside the collection, whatever its links say, and a
//! collection's templates cannot reach the builder's environment.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use crate::common::{build, try_build};
use dossier::Error;

/// A folder outside the collection holding what a link must never publish.
fn secrets() -> tempfile::TempDir {
    let outside = tempfile::tempdir().expect("temp");
    fs::write(outside.path().join("shadow"), "root:SECRET-HASH:19000::::::\n").expect("write");
    fs::write(outside.path().join("secret.html"), "{{ site.title }} SECRET TEMPLATE").expect("write");
    fs::create_dir(outside.path().join("templates")).expect("mkdir");
    fs::write(outside.path().join("templates/document.html"), "SECRET TEMPLATE").expect("write");
    fs::write(outside.path().join("secret.txt"), "SECRET TEXT").expect("write");
    outside
}

fn collection(catalogue: &str) -> tempfile::TempDir {
    let collection = tempfile::tempdir().expect("temp");
    fs::write(collection.path().join("INDEX.md"), catalogue).expect("write");
    fs::write(collection.path().join("a.txt"), "A\n").expect("write");
    collection
}

/// The build fails, naming `link` as refused, and writes no output.
fn assert_refused(dir: &Path, link: &str) {
    let (out, result) = try_build(dir);
    let error = result.expect_err("a link out of the collection is refused");
    let Error::Invalid(diagnostics) = &error else {
        panic!("expected diagnostics, got {error:?}")
    };
    let text = diagnostics.to_string();
    assert!(
        text.contains(&format!(
            "{link}: refused: a symbolic link that leads outside the collection"
        )),
        "{text}"
    );
    assert!(!out.path().join("output").exists(), "nothing is written");
}

#[test]
fn a_theme_static_folder_linked_out_of_the_collection_is_refused() {
    let outside = secrets();
    let collection = collection("---\ntitle: Links\ntheme: evil\n---\n");
    let dir = collection.path();
    fs::create_dir_all(dir.join("themes/evil")).expect("mkdir");
    symlink(outside.path(), dir.join("themes/evil/static")).expect("link");
    assert_refused(dir, "themes/evil/static");
}

#[test]
fn a_file_in_a_theme_static_folder_linked_out_is_refused() {
    let outside = secrets();
    let collection = collection("---\ntitle: Links\ntheme: evil\n---\n");
    let dir = collection.path();
    fs::create_dir_all(dir.join("themes/evil/static")).expect("mkdir");
    symlink(outside.path().join("shadow"), dir.join("themes/evil/static/shadow.txt")).expect("link");
    assert_refused(dir, "themes/evil/static/shadow.txt");
}

#[test]
fn a_whole_theme_folder_linked_out_is_refused() {
    let outside = secrets();
    let collection = collection("---\ntitle: Links\ntheme: evil\n---\n");
    let dir = collection.path();
    fs::create_dir(dir.join("themes")).expect("mkdir");
    symlink(outside.path(), dir.join("themes/evil")).expect("link");
    assert_refused(dir, "themes/evil/templates");
}

#[test]
fn a_templates_folder_linked_out_of_the_collection_is_refused() {
    let outside = secrets();
    let collection = collection("---\ntitle: Links\n---\n");
    let dir = collection.path();
    symlink(outside.path().join("templates"), dir.join("templates")).expect("link");
    assert_refused(dir, "templates");
}

#[test]
fn a_single_template_linked_out_of_the_collection_is_refused() {
    let outside = secrets();
    let collection = collection("---\ntitle: Links\n---\n");
    let dir = collection.path();
    fs::create_dir(dir.join("templates")).expect("mkdir");
    symlink(outside.path().join("secret.html"), dir.join("templates/document.html")).expect("link");
    assert_refused(dir, "templates/document.html");
}

#[test]
fn a_source_linked_out_of_the_collection_is_refused() {
    let outside = secrets();
    let collection = collection("---\ntitle: Links\n---\n");
    let dir = collection.path();
    symlink(outside.path().join("secret.txt"), dir.join("b.txt")).expect("link");
    assert_refused(dir, "b.txt");
}

#[test]
fn a_catalogue_linked_out_of_the_collection_is_refused() {
    let outside = secrets();
    fs::write(outside.path().join("INDEX.md"), "---\ntitle: SECRET\n---\n").expect("write");
    let collection = tempfile::tempdir().expect("temp");
    let dir = collection.path();
    fs::write(dir.join("a.txt"), "A\n").expect("write");
    symlink(outside.path().join("INDEX.md"), dir.join("INDEX.md")).expect("link");
    assert_refused(dir, "INDEX.md");
}

#[test]
fn links_that_stay_inside_the_collection_are_followed() {
    let collection = collection("---\ntitle: Links\ntheme: shared\n---\n");
    let dir = collection.path();
    // A loop back to the collection, a theme kept elsewhere in it, a source linked.
    symlink(dir, dir.join("loop")).expect("link");
    fs::create_dir_all(dir.join("look/static")).expect("mkdir");
    fs::write(dir.join("look/static/extra.css"), "p{}").expect("write");
    fs::create_dir(dir.join("themes")).expect("mkdir");
    symlink(dir.join("look"), dir.join("themes/shared")).expect("link");
    fs::create_dir(dir.join("texts")).expect("mkdir");
    fs::write(dir.join("texts/b.txt"), "B\n").expect("write");
    symlink(dir.join("texts/b.txt"), dir.join("c.txt")).expect("link");
    let built = build(dir);
    assert_eq!(built.report.documents, 3, "a, texts/b and c");
    assert_eq!(
        fs::read_to_string(built.out().join("static/extra.css")).expect("asset"),
        "p{}"
    );
}

#[test]
fn a_catalogue_that_is_a_fifo_is_named_as_not_a_regular_file() {
    let collection = tempfile::tempdir().expect("temp");
    let dir = collection.path();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join("INDEX.md"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let (_out, result) = try_build(dir);
    let text = result.expect_err("a FIFO is no catalogue").to_string();
    assert!(text.contains("INDEX.md: not a regular file"), "{text}");
}

#[test]
fn get_env_in_a_collection_template_is_an_error() {
    let collection = collection("---\ntitle: Env\n---\n");
    let dir = collection.path();
    fs::create_dir(dir.join("templates")).expect("mkdir");
    fs::write(
        dir.join("templates/document.html"),
        r#"{{ get_env(name="HOME", default="none") }}"#,
    )
    .expect("write");
    let (out, result) = try_build(dir);
    let error = result.expect_err("the template may not read the environment");
    let text = dossier::error::with_causes(&error);
    assert!(text.contains("template `document.html` failed"), "{text}");
    assert!(text.contains("`get_env` is turned off"), "{text}");
    assert!(!out.path().join("output").exists());
}

#[test]
fn a_collection_reached_through_a_link_names_its_files_as_given() {
    let collection = collection("---\ntitle: Linked\n---\n");
    fs::write(collection.path().join("latin1.txt"), b"Caf\xe9\n").expect("write");
    let elsewhere = tempfile::tempdir().expect("temp");
    let named = elsewhere.path().join("letters");
    symlink(collection.path(), &named).expect("link");
    let (_out, result) = try_build(&named);
    let Err(Error::Invalid(diagnostics)) = result else {
        panic!("invalid UTF-8 is an error")
    };
    let errors: Vec<String> = diagnostics.errors().map(|d| d.to_string()).collect();
    assert_eq!(
        errors,
        [format!(
            "{}:1: invalid UTF-8 at byte 3: save the file as UTF-8 (or build with --lossy-utf8)",
            named.join("latin1.txt").display()
        )],
        "the path the editor gave, not where the link leads"
    );
}

#[test]
fn a_template_takes_values_from_the_catalogues_extra_instead() {
    let collection =
        collection("---\ntitle: Extra\nextra: {analytics_id: UA-1234, footer: Made in the reading room}\n---\n");
    let dir = collection.path();
    fs::create_dir(dir.join("templates")).expect("mkdir");
    fs::write(
        dir.join("templates/document.html"),
        "{{ site.extra.analytics_id }} / {{ site.extra.footer }}",
    )
    .expect("write");
    let built = build(dir);
    assert_eq!(
        built.page("documents/a/index.html"),
        "UA-1234 / Made in the reading room"
    );
}
