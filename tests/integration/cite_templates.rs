//! Citations formatted from templates (one hayagriva formatting a shape of record,
//! the values filled in) against hayagriva formatting each record itself: every
//! citation of every fixture collection, the seed and a generated collection of 2,000
//! documents, in the default styles and in others an archive may name, byte for byte.

use std::path::Path;

use dossier::catalog::styles::DEFAULT_STYLES;
use dossier::cite::{self, Styles};
use dossier::refs::DocumentRef;
use dossier::sources::Encoding;

use crate::common::repo_path;

/// The bundled styles the comparison runs in: the defaults, and styles that case
/// titles, names and dates otherwise (sentence case, initials, numeric dates).
fn styles() -> Vec<String> {
    let mut styles: Vec<String> = DEFAULT_STYLES.map(String::from).to_vec();
    styles.extend(cite::STYLES_CASED_OTHERWISE.map(String::from));
    styles
}

/// Every citation of the collection's documents, from templates and from hayagriva;
/// returns how many records were filled in from a template.
fn compare(collection: &Path) -> (usize, usize) {
    let archive = match dossier::model(collection, Encoding::Strict) {
        Ok(archive) => archive,
        // Fixtures of bad catalogues have no documents to cite.
        Err(_) => return (0, 0),
    };
    let names = styles();
    let templated = Styles::named(&names);
    let direct = Styles::without_templates(&names);
    for document in DocumentRef::all(archive.documents.len()) {
        let record = cite::record(&archive, document);
        assert_eq!(
            templated.cite_with_any_page(&record),
            direct.cite_with_any_page(&record),
            "{}: document {}",
            collection.display(),
            record.key
        );
    }
    let counts = templated.template_counts();
    (counts.filled, archive.documents.len())
}

#[test]
fn templates_cite_every_fixture_as_hayagriva_does() {
    let mut collections: Vec<_> = walkdir::WalkDir::new(repo_path("tests/fixtures"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name() == "INDEX.md")
        .filter_map(|entry| entry.path().parent().map(Path::to_path_buf))
        .collect();
    collections.push(repo_path("seeds"));
    collections.sort();
    assert!(collections.len() > 40, "{collections:?}");
    let mut documents = 0;
    for collection in &collections {
        documents += compare(collection).1;
    }
    assert!(documents >= 40, "{documents} documents compared");
}

#[test]
fn templates_cite_a_generated_archive_as_hayagriva_does() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    dossier::generate::generate(folder.path(), 2000, 1966).expect("generated");
    let (filled, documents) = compare(folder.path());
    assert_eq!(documents, 2000);
    // Most records are of a shape met before: that is the point of templates.
    assert!(filled >= 1500, "{filled} of {documents} records filled from a template");
}
