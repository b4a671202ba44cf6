//! IIIF Presentation 3 manifests of the documents with scans, read back by the IIIF
//! community's own library, iiif-prezi3 (from PyPI, in a virtual environment under
//! `target/` that the test makes on first use and `.ci/run` makes first).

use std::path::PathBuf;
use std::process::Command;

use crate::common::{build, repo_path, stop_without};
use crate::parallel::parallel_collection;

/// The pinned release of iiif-prezi3 the manifests are checked with.
const IIIF_PREZI3: &str = "iiif-prezi3==3.1.1";

/// A Python with iiif-prezi3, made in `target/iiif-venv` when missing; `None` where
/// this machine cannot make one (the test is then skipped, or fails under CI).
fn iiif_python(test: &str) -> Option<PathBuf> {
    let venv = repo_path("target/iiif-venv");
    let python = venv.join("bin/python");
    let has_library = |python: &PathBuf| {
        Command::new(python)
            .args(["-c", "import iiif_prezi3"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has_library(&python) {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
            && Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", IIIF_PREZI3])
                .status()
                .is_ok_and(|s| s.success());
        if !made && stop_without(test, &["python3-venv", "(and pip install iiif-prezi3 from PyPI)"]) {
            return None;
        }
    }
    has_library(&python).then_some(python)
}

#[test]
fn a_document_with_scans_has_a_iiif_manifest_that_iiif_prezi3_reads() {
    let test = "a_document_with_scans_has_a_iiif_manifest_that_iiif_prezi3_reads";
    let collection = parallel_collection();
    let index = collection.path().join("INDEX.md");
    let catalogue = std::fs::read_to_string(&index).expect("catalogue");
    std::fs::write(
        &index,
        catalogue.replacen(
            "language: en\n",
            "language: en\nbase_url: https://archive.example.org/p/\n",
            1,
        ),
    )
    .expect("catalogue");
    let built = build(collection.path());
    let manifest = built.out().join("documents/memo/manifest.json");
    assert!(manifest.is_file());
    // Only documents with scans have one.
    assert!(!built.out().join("documents/letter/manifest.json").exists());
    let page = built.page("documents/memo/index.html");
    assert!(
        page.contains("<dt>IIIF manifest</dt><dd><a href=\"../../documents/memo/manifest.json\" type=\"application/ld+json\">manifest.json</a>"),
        "{page}"
    );
    let Some(python) = iiif_python(test) else {
        return;
    };
    let read = Command::new(python)
        .arg(repo_path("tests/iiif/validate.py"))
        .arg(&manifest)
        .output()
        .expect("python runs");
    assert!(
        read.status.success(),
        "iiif-prezi3 refuses the manifest: {}",
        String::from_utf8_lossy(&read.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&read.stdout).expect("the report");
    let manifest_report = &report[manifest.display().to_string()];
    assert_eq!(
        manifest_report["id"],
        "https://archive.example.org/p/documents/memo/manifest.json"
    );
    let canvases = manifest_report["canvases"].as_array().expect("canvases");
    assert_eq!(canvases.len(), 2);
    assert_eq!(canvases[1]["label"]["none"][0], "44");
    assert_eq!(
        (canvases[1]["width"].as_u64(), canvases[1]["height"].as_u64()),
        (Some(500), Some(700))
    );
    assert_eq!(
        canvases[1]["image"],
        "https://archive.example.org/p/documents/memo/scans/2-reading.jpg"
    );
    // What the manifest points to is in the output.
    assert!(built.out().join("documents/memo/scans/2-reading.jpg").is_file());
}

#[test]
fn without_a_base_url_there_is_no_manifest() {
    let collection = parallel_collection();
    let built = build(collection.path());
    assert!(!built.out().join("documents/memo/manifest.json").exists());
    assert!(!built.page("documents/memo/index.html").contains("IIIF manifest"));
}
