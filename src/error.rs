//! The errors a build can end with. Only `main` prints them, with their whole chain.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use crate::diagnostic::Diagnostics;

#[derive(Debug, Error)]
pub enum Error {
    /// The collection is wrong: every problem found, each with its file and line.
    #[error("{0}")]
    Invalid(Diagnostics),
    /// A template failed to compile or render; tera puts the reason in `source()`.
    #[error("template `{name}` failed")]
    Template {
        name: String,
        #[source]
        source: tera::Error,
    },
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The output folder cannot be used as asked (it holds the collection, or other files).
    #[error("{0}")]
    Output(String),
    /// `serve` cannot listen on its port or watch the collection.
    #[error("{0}")]
    Serve(String),
}

impl From<Diagnostics> for Error {
    fn from(diagnostics: Diagnostics) -> Self {
        Error::Invalid(diagnostics)
    }
}
