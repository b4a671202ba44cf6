//! Two builds of the same input write the same bytes, every file of the output: an
//! archive can be checked, cached and diffed by its files.

use std::fs;
use std::path::Path;

use crate::common::{self, build, fixture};

#[test]
fn two_builds_are_byte_identical() {
    let generated = tempfile::tempdir().expect("temporary folder");
    dossier::generate::generate(generated.path(), 40, 7).expect("a generated collection");
    let collections = [
        fixture("mixed"),
        fixture("hostile/xss"),
        common::repo_path("seeds"),
        generated.path().to_path_buf(),
    ];
    for collection in collections {
        let first = build(&collection);
        let second = build(&collection);
        let files = |out: &Path| -> Vec<(String, Vec<u8>)> {
            let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(out)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    let relative = e.path().strip_prefix(out).expect("inside").display().to_string();
                    (relative, fs::read(e.path()).expect("file"))
                })
                .collect();
            files.sort();
            files
        };
        let (a, b) = (files(&first.out()), files(&second.out()));
        assert_eq!(a.len(), b.len());
        for ((path_a, bytes_a), (path_b, bytes_b)) in a.iter().zip(&b) {
            assert_eq!(path_a, path_b);
            assert!(bytes_a == bytes_b, "{path_a} differs between two builds");
        }
    }
}
