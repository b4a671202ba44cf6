//! The catalogue parser on any text: a catalogue or a list of problems, never a panic,
//! and every problem names INDEX.md.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let path = Path::new("INDEX.md");
    let diagnostics = match dossier::catalog::parse_catalog(path, text) {
        Ok((_, diagnostics)) => diagnostics,
        Err(dossier::Error::Invalid(diagnostics)) => diagnostics,
        Err(other) => panic!("the catalogue parser failed otherwise than with problems: {other}"),
    };
    for diagnostic in &diagnostics.0 {
        assert_eq!(diagnostic.file, path);
        let _ = diagnostic.to_string();
    }
    let _ = dossier::catalog::read_front_matter(path, text);
});
