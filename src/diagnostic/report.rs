//! Diagnostics shown the way the Rust compiler shows its own: the file, line and
//! column, the line itself with the problem underlined, and a hint where one helps.
//!
//! The files are read again here, when a report is made, so that stages far from the
//! text (a `related:` id checked once every document is known) can still point into
//! it; a file that cannot be read any more is reported without its line. Each file is
//! read and its lines found once per report, however many problems point into it.
//!
//! A report stays readable at any count: the first [`SHOWN`] errors and the first
//! [`SHOWN`] warnings are shown in full, the rest counted by kind (their message with
//! the quoted values left out), most frequent first.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Severity};

/// How many errors, and how many warnings, a report shows in full.
pub const SHOWN: usize = 200;

/// Renders `diagnostics`, each with its source line, past [`SHOWN`] of a severity
/// only counted; `styled` adds terminal colours.
pub fn render(diagnostics: &[Diagnostic], styled: bool) -> String {
    let mut files = Files::default();
    let mut out = String::new();
    let (mut errors, mut warnings) = (0, 0);
    let mut unshown: HashMap<(bool, String), usize> = HashMap::new();
    for diagnostic in diagnostics {
        let shown = if diagnostic.is_error() {
            &mut errors
        } else {
            &mut warnings
        };
        if *shown >= SHOWN {
            *unshown.entry((diagnostic.is_error(), diagnostic.kind())).or_default() += 1;
            continue;
        }
        *shown += 1;
        out.push_str(&render_one(diagnostic, &mut files, styled));
        out.push_str("\n\n");
    }
    for is_error in [false, true] {
        let mut kinds: Vec<(&String, &usize)> = unshown
            .iter()
            .filter(|((error, _), _)| *error == is_error)
            .map(|((_, kind), count)| (kind, count))
            .collect();
        if kinds.is_empty() {
            continue;
        }
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let total: usize = kinds.iter().map(|(_, count)| **count).sum();
        let what = match (is_error, total) {
            (true, 1) => "error",
            (true, _) => "errors",
            (false, 1) => "warning",
            (false, _) => "warnings",
        };
        let mut note = format!("{total} more {what} not shown, by kind:");
        for (kind, count) in kinds {
            note.push_str(&format!("\n{count:>8}  {kind}"));
        }
        out.push_str("note: ");
        out.push_str(&note);
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

/// Files read once per report, each with where its lines start.
#[derive(Default)]
struct Files {
    texts: HashMap<PathBuf, Option<Lines>>,
}

struct Lines {
    text: String,
    /// The byte offset of each line's start.
    starts: Vec<usize>,
}

impl Files {
    /// The text of 1-based `line` of `path`, without its line ending.
    fn line(&mut self, path: &Path, line: usize) -> Option<&str> {
        let lines = self
            .texts
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let text = String::from_utf8_lossy(&fs::read(path).ok()?).into_owned();
                let starts = std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                    .collect();
                Some(Lines { text, starts })
            })
            .as_ref()?;
        let start = *lines.starts.get(line.checked_sub(1)?)?;
        let end = lines.starts.get(line).map_or(lines.text.len(), |next| next - 1);
        // Past the last line end there is no line (as `str::lines` has it).
        if start >= lines.text.len() {
            return None;
        }
        Some(lines.text[start..end].trim_end_matches('\r'))
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
    fn lines_are_found_as_str_lines_finds_them() {
        let dir = tempfile::tempdir().expect("temporary folder");
        for text in ["", "a", "a\n", "a\r\nb\r\n", "a\n\nc", "a\n\n"] {
            let file = dir.path().join("f.txt");
            fs::write(&file, text).expect("write");
            let mut files = Files::default();
            for line in 1..5 {
                assert_eq!(
                    files.line(&file, line),
                    text.lines().nth(line - 1),
                    "{text:?} line {line}"
                );
            }
        }
    }

    #[test]
    fn past_200_of_a_severity_problems_are_counted_by_kind() {
        let mut diagnostics: Vec<Diagnostic> = (0..250)
            .map(|i| {
                Diagnostic::error(
                    "INDEX.md",
                    None,
                    "",
                    format!("no such file `{i}.txt` in the collection"),
                )
            })
            .collect();
        diagnostics.extend((0..30).map(|i| Diagnostic::error("INDEX.md", None, "", format!("unknown key `k{i}`"))));
        diagnostics.push(Diagnostic::warning("a.txt", None, "", "a warning"));
        let text = render(&diagnostics, false);
        assert_eq!(text.matches("error: no such file").count(), SHOWN);
        assert_eq!(text.matches("warning: a warning").count(), 1);
        assert!(
            text.contains("note: 80 more errors not shown, by kind:\n      50  no such file `…` in the collection\n      30  unknown key `…`"),
            "{text}"
        );
        assert!(!text.contains("warnings not shown"), "{text}");
    }

    #[test]
    fn a_value_is_found_as_a_whole_word() {
        let mut diagnostic = Diagnostic::error("x", Some(1), "", "no document").about("one");
        diagnostic.locate_in_line("related: [someone, one]");
        assert_eq!((diagnostic.column, diagnostic.width), (Some(20), 3));
    }
}
