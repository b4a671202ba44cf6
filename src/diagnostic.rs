//! Problems found in a collection, each pinned to a file and, where known, a line.
//!
//! Every stage collects these instead of stopping at the first one, so an editor sees
//! everything that is wrong with a collection in one run.

pub mod report;

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: an error stops the build, a warning goes into the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The build stops: nothing is written.
    Error,
    /// The build goes on; the problem is reported.
    Warning,
}

/// One problem: `seeds/INDEX.md:14: documents[2].related: no document has id "x"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether the build stops.
    pub severity: Severity,
    /// The file the problem is in.
    pub file: PathBuf,
    /// 1-based line in `file`, when the problem has one.
    pub line: Option<usize>,
    /// 1-based column, in characters, of the text the problem is about.
    pub column: Option<usize>,
    /// How many characters from `column` to underline.
    pub width: usize,
    /// The text on `line` the problem is about (`autors`, `1966-13-01`), for finding
    /// `column` when the file's text is at hand: many problems are found after parsing,
    /// far from the text.
    pub needle: Option<String>,
    /// Where in the file's structure: `documents[2].related`, empty when not useful.
    pub context: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it: "did you mean `authors`?".
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in `file`, at `line` if known, in `context` (a path such as `documents[2].date`).
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
            column: None,
            width: 0,
            needle: None,
            context: context.into(),
            message: message.into(),
            help: None,
        }
    }

    /// A warning in `file`, at `line` if known, in `context`.
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

    /// Whether it stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Points at `width` characters from the 1-based `column`.
    pub fn at_column(mut self, column: usize, width: usize) -> Self {
        self.column = Some(column.max(1));
        self.width = width;
        self
    }

    /// Names the text the problem is about; its column is found in the line later.
    pub fn about(mut self, needle: impl Into<String>) -> Self {
        let needle = needle.into();
        if !needle.trim().is_empty() {
            self.needle = Some(needle);
        }
        self
    }

    /// The problem, with a hint of how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The message with what it quotes left out (`no such file `…``): problems of one
    /// kind, for counting those a report does not show.
    pub fn kind(&self) -> String {
        let mut kind = String::with_capacity(self.message.len());
        for (i, part) in self.message.split('`').enumerate() {
            if i > 0 {
                kind.push('`');
            }
            kind.push_str(if i % 2 == 1 { "…" } else { part });
        }
        kind
    }

    /// Fills in `column` from `needle`, given the text of the problem's line.
    pub fn locate_in_line(&mut self, line_text: &str) {
        if self.column.is_some() {
            return;
        }
        let Some(needle) = self.needle.as_deref() else { return };
        let Some(byte) = find_value(line_text, needle) else {
            return;
        };
        self.column = Some(line_text[..byte].chars().count() + 1);
        self.width = needle.chars().count();
    }
}

/// Where `needle` stands on a line as a value: after a `key:` or `- `, or quoted, in
/// preference to a place where it is only part of a longer word.
fn find_value(line: &str, needle: &str) -> Option<usize> {
    let bounded = |at: usize| {
        let before = line[..at].chars().next_back();
        let after = line[at + needle.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'));
        edge(before) && edge(after)
    };
    let mut first = None;
    for (at, _) in line.match_indices(needle) {
        if bounded(at) {
            return Some(at);
        }
        first.get_or_insert(at);
    }
    first
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if !self.context.is_empty() {
            write!(f, ": {}", self.context)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "; {help}")?;
        }
        Ok(())
    }
}

/// The diagnostics of one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds every problem of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Whether any problem stops the build.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The problems that stop the build.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    /// The problems that do not.
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
