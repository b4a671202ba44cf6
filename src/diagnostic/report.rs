//! Diagnostics shown the way the Rust compiler shows its own: the file, line and
//! column, the line itself with the problem underlined, and a hint where one helps.
//!
//! The files are read again here, when a report is made, so that stages far from the
//! text (a `related:` id checked once every document is known) can still point into
//! it; a file that cannot be read any more is reported without its line.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Severity};

/// Renders `diagnostics`, each with its source line; `styled` adds terminal colours.
pub fn render(diagnostics: &[Diagnostic], styled: bool) -> String {
    let mut files = Files::default();
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render_one(diagnostic, &mut files, styled));
        out.push_str("\n\n");
    }
    out
}

/// One diagnostic, reading its file through `files`.
fn render_one(diagnostic: &Diagnostic, files: &mut Files, styled: bool) -> String {
    let mut diagnostic = diagnostic.clone();
    let path = diagnostic.file.display().to_string();
    let line_text = diagnostic
        .line
        .and_then(|line| files.line(&diagnostic.file, line))
        .map(str::to_string);
    if let Some(text) = &line_text {
        diagnostic.locate_in_line(text);
    }
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let label = (!diagnostic.context.is_empty()).then(|| format!("in {}", diagnostic.context));
    let mut group = Group::with_title(level.primary_title(diagnostic.message.as_str()));
    match (diagnostic.line, &line_text) {
        (Some(line), Some(text)) => {
            let span = underline(text, diagnostic.column, diagnostic.width);
            group = group.element(
                Snippet::source(text.as_str())
                    .line_start(line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(span).label(label.as_deref())),
            );
        }
        (Some(line), None) => {
            let mut origin = Origin::path(path.as_str()).line(line);
            if let Some(column) = diagnostic.column {
                origin = origin.char_column(column.saturating_sub(1));
            }
            group = group.element(origin);
        }
        (None, _) => group = group.element(Origin::path(path.as_str())),
    }
    if let (Some(context), None) = (&label, &line_text) {
        group = group.element(Level::NOTE.message(context.as_str()));
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&[group])
}

/// The byte range to underline: `width` characters from the 1-based `column`, or the
/// line's text when the column is unknown.
fn underline(text: &str, column: Option<usize>, width: usize) -> std::ops::Range<usize> {
    let byte_at = |chars: usize| text.char_indices().nth(chars).map_or(text.len(), |(at, _)| at);
    match column {
        Some(column) => {
            let start = byte_at(column - 1);
            let end = byte_at(column - 1 + width.max(1)).max(start);
            start..end
        }
        None => {
            let start = text.len() - text.trim_start().len();
            start..text.trim_end().len().max(start)
        }
    }
}

/// Files read once per report.
#[derive(Default)]
struct Files {
    texts: HashMap<PathBuf, Option<String>>,
}

impl Files {
    /// The text of 1-based `line` of `path`, without its line ending.
    fn line(&mut self, path: &Path, line: usize) -> Option<&str> {
        let text = self
            .texts
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                fs::read(path)
                    .ok()
                    .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            })
            .as_deref()?;
        text.lines().nth(line.checked_sub(1)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underlines_the_named_text_on_its_line() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("INDEX.md");
        fs::write(
            &file,
            "---\ntitle: A\ndocuments:\n  - file: a.txt\n    autors: [x]\n---\n",
        )
        .expect("write");
        let diagnostic = Diagnostic::error(&file, Some(5), "documents[0]", "unknown key `autors`")
            .about("autors")
            .with_help("did you mean `authors`?");
        let text = render(&[diagnostic], false).replace(&dir.path().display().to_string(), "DIR");
        assert!(text.contains("error: unknown key `autors`"), "{text}");
        assert!(text.contains("--> DIR/INDEX.md:5:5"), "{text}");
        assert!(text.contains("5 |     autors: [x]"), "{text}");
        assert!(text.contains("^^^^^^ in documents[0]"), "{text}");
        assert!(text.contains("help: did you mean `authors`?"), "{text}");
    }

    #[test]
    fn a_value_is_found_as_a_whole_word() {
        let mut diagnostic = Diagnostic::error("x", Some(1), "", "no document").about("one");
        diagnostic.locate_in_line("related: [someone, one]");
        assert_eq!((diagnostic.column, diagnostic.width), (Some(20), 3));
    }
}
