//! The errors a build can end with. Only `main` prints them, with their whole chain.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use crate::diagnostic::Diagnostics;

#[derive(Debug, Error)]
/// Why a build failed.
pub enum Error {
    /// The collection is wrong: every problem found, each with its file and line.
    #[error("{0}")]
    Invalid(Diagnostics),
    /// A template failed to compile or render; tera puts the reason in `source()`.
    #[error("template `{name}` failed")]
    Template {
        /// The template's name.
        name: String,
        #[source]
        /// What tera said.
        source: tera::Error,
    },
    #[error("cannot write {path}")]
    /// A file of the output could not be written.
    Write {
        /// The file.
        path: PathBuf,
        #[source]
        /// Why.
        source: io::Error,
    },
    /// The new output could not be put in place, and neither could the previous one be
    /// put back: it is whole, at `previous`.
    #[error("cannot put the new output in place at {out}; the previous output is whole at {previous}: move it back to {out}, or build again, which does")]
    Moved {
        /// The output folder.
        out: PathBuf,
        /// Where the previous output is, whole.
        previous: PathBuf,
        #[source]
        /// Why it could not be put in place.
        source: io::Error,
    },
    /// The output folder cannot be used as asked (it holds the collection, or other files).
    #[error("{0}")]
    Output(String),
    /// `serve` cannot listen on its port or watch the collection.
    #[error("{0}")]
    Serve(String),
}

/// An error and its causes on one line, `a: b: c`: tera keeps why a template failed in
/// the chain, not in the message.
pub fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(reason) = cause {
        text.push_str(": ");
        text.push_str(&reason.to_string());
        cause = reason.source();
    }
    text
}

/// What every stage returns: what it made, with the problems it found that did not
/// stop it, or the error that did. The first stages (catalogue, sources, documents)
/// go on past a mistake of the collection, so that one build reports them all: their
/// problems may hold errors, and the build stops after the documents stage if any
/// does.
pub type Staged<T> = Result<(T, Diagnostics), Error>;

impl From<Diagnostics> for Error {
    fn from(diagnostics: Diagnostics) -> Self {
        Error::Invalid(diagnostics)
    }
}
