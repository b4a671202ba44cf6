//! Problems found in a collection, each pinned to a file and, where known, a line.
//!
//! Every stage collects these instead of stopping at the first one, so an editor sees
//! everything that is wrong with a collection in one run.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: an error stops the build, a warning goes into the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem: `seeds/INDEX.md:14: documents[2].related: no document has id "x"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line in `file`, when the problem has one.
    pub line: Option<usize>,
    /// Where in the file's structure: `documents[2].related`, empty when not useful.
    pub context: String,
    pub message: String,
}

impl Diagnostic {
    pub fn error(
        file: impl AsRef<Path>,
        line: Option<usize>,
        context: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.as_ref().to_path_buf(),
            line,
            context: context.into(),
            message: message.into(),
        }
    }

    pub fn warning(
        file: impl AsRef<Path>,
        line: Option<usize>,
        context: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, context, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.context.is_empty() {
            write!(f, ": {}", self.context)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The diagnostics of one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Orders problems by file, then line, so an editor can work down each file.
    pub fn sort_by_location(&mut self) {
        self.0.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    }

    /// Splits off the errors as `Err` when there are any, keeping warnings otherwise.
    pub fn into_result(self) -> Result<Diagnostics, Diagnostics> {
        if self.has_errors() {
            Err(Diagnostics(self.0.into_iter().filter(Diagnostic::is_error).collect()))
        } else {
            Ok(self)
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}
