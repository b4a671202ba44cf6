//! Front matter split from its text, and YAML parsed into a tree with errors that say
//! where the parser stopped (or, for an unclosed quote or bracket, where it opened).

use std::path::Path;

use serde_yaml::Value;

use crate::diagnostic::Diagnostic;

/// A text split at its front matter.
#[derive(Debug, Clone, Copy)]
pub struct FrontMatter<'t> {
    /// The YAML between the `---` lines.
    pub yaml: &'t str,
    /// 1-based line of the YAML's first line in the file.
    pub yaml_line: usize,
    /// What follows the front matter.
    pub body: &'t str,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
}

/// Splits `---\nyaml\n---\nbody`. `Ok(None)` when the text has no front matter; an
/// error when it opens one and never closes it.
pub fn split_front_matter<'t>(file: &Path, text: &'t str) -> Result<Option<FrontMatter<'t>>, Diagnostic> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| (text == "---").then_some("")) else {
        return Ok(None);
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches('\n').trim_end();
        if bare == "---" || bare == "..." {
            let body_start = offset + line.len();
            return Ok(Some(FrontMatter {
                yaml: &rest[..offset],
                yaml_line: 2,
                body: &rest[body_start..],
                body_line: index + 3,
            }));
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        file,
        Some(1),
        "",
        "the front matter opened by `---` is never closed by a `---` line",
    ))
}

/// Parses YAML into a tree; a syntax error names its line and column in the file.
///
/// libyaml also names where the construct it was reading began ("while scanning a
/// quoted scalar at line 4 column 12"). That place is given as a hint, and when the
/// text simply ran out, it is where the error points: the end of the front matter says
/// nothing about which quote or bracket was left open.
pub(super) fn parse_yaml(file: &Path, yaml: &str, first_line: usize) -> Result<Value, Diagnostic> {
    serde_yaml::from_str::<Value>(yaml).map_err(|error| {
        let text = error.to_string();
        let message = without_positions(&text);
        let opened = construct_start(&text).map(|(what, line, column)| (what, first_line + line - 1, column));
        let ran_out = text.contains("end of stream");
        let (line, column) = match (&opened, error.location()) {
            (Some((_, line, column)), _) if ran_out => (*line, Some(*column)),
            (_, Some(location)) => (first_line + location.line() - 1, Some(location.column())),
            (_, None) => (first_line, None),
        };
        let mut diagnostic = Diagnostic::error(file, Some(line), "", format!("invalid YAML: {message}"));
        if let Some(column) = column {
            diagnostic = diagnostic.at_column(column, 1);
        }
        match opened {
            Some((what, _, _)) if ran_out => {
                diagnostic.with_help(format!("the {what} that starts here is never closed"))
            }
            Some((what, line, column)) => {
                diagnostic.with_help(format!("the {what} began at line {line}, column {column}"))
            }
            None if message.starts_with("mapping values are not allowed") => {
                diagnostic.with_help("a `key:` must line up with the keys of its mapping, or follow a `- `")
            }
            None if message.starts_with("found character that cannot start any token") => diagnostic.with_help(
                "YAML indents with spaces, never tabs; a value beginning with `@` or a backtick needs quotes",
            ),
            None => diagnostic,
        }
    })
}

/// `…, while scanning a quoted scalar at line 4 column 12` → ("quoted scalar", 4, 12).
pub(super) fn construct_start(message: &str) -> Option<(String, usize, usize)> {
    let (_, context) = message.split_once(", while ")?;
    let (doing, position) = context.rsplit_once(" at line ")?;
    let what = doing.split_once(' ').map_or(doing, |(_, what)| what);
    let what = what.strip_prefix("a ").unwrap_or(what);
    let (line, column) = position.split_once(" column ")?;
    Some((what.to_string(), line.trim().parse().ok()?, column.trim().parse().ok()?))
}

/// serde_yaml's messages say "at line N column M" counting from the front matter, not
/// the file; the diagnostic carries the file's line instead.
pub(super) fn without_positions(message: &str) -> String {
    let mut result = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        result.push_str(&rest[..at]);
        let after = &rest[at + " at line ".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let after = &after[digits..];
        rest = match after.strip_prefix(" column ") {
            Some(column) => &column[column.bytes().take_while(u8::is_ascii_digit).count()..],
            None => after,
        };
    }
    result.push_str(rest);
    result
}
