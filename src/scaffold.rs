//! `dossier new`: a collection to start from, with a catalogue that documents every
//! key, one document of each kind (a hard-wrapped transcription with editorial marks,
//! and a Markdown note), and a note on overriding templates. It builds as it is.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The files of a new collection, by path.
const FILES: [(&str, &str); 4] = [
    ("INDEX.md", include_str!("scaffold/INDEX.md")),
    ("letter.txt", include_str!("scaffold/letter.txt")),
    ("notes.md", include_str!("scaffold/notes.md")),
    ("templates/README.md", include_str!("scaffold/templates/README.md")),
];

#[derive(Debug, thiserror::Error)]
/// Why `dossier new` could not write a collection.
pub enum ScaffoldError {
    #[error("{0} exists and is not an empty folder: dossier new writes only into a new or empty folder")]
    /// The folder is neither new nor empty.
    NotEmpty(PathBuf),
    #[error("cannot write {path}")]
    /// A file could not be written.
    Write {
        /// The file.
        path: PathBuf,
        #[source]
        /// Why.
        source: io::Error,
    },
}

/// Writes a new collection into `folder`, which must not exist or be empty. Returns
/// the files written.
pub fn create(folder: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if folder.exists() {
        let empty = fs::read_dir(folder).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Err(ScaffoldError::NotEmpty(folder.to_path_buf()));
        }
    }
    let mut written = Vec::new();
    for (relative, text) in FILES {
        let path = folder.join(relative);
        let write = || -> io::Result<()> {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, text)
        };
        write().map_err(|source| ScaffoldError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}
