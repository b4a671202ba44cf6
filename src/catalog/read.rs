//! Reads YAML values as an editor means them and reports every misfit with its line.
//!
//! YAML types `1966` as a number, `1966-11-03` as a string and `true` as a boolean; an
//! editor means a date, a date and a word. So scalars are read back as the text they
//! were written as, and only their shape (scalar, list, mapping) is checked.

use std::path::Path;

use serde_yaml::{Mapping, Value};

pub(super) use super::locate::describe;
use super::locate::{LineIndex, Step};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Walks one YAML text, collecting diagnostics that name the file and line.
pub(super) struct Reader<'t> {
    pub file: &'t Path,
    pub lines: LineIndex<'t>,
    pub diagnostics: Diagnostics,
}

impl<'t> Reader<'t> {
    pub(super) fn new(file: &'t Path, yaml: &'t str, first_line: usize) -> Self {
        Reader {
            file,
            lines: LineIndex::new(yaml, first_line),
            diagnostics: Diagnostics::default(),
        }
    }

    pub(super) fn line(&self, path: &[Step<'_>]) -> usize {
        self.lines.line_of(path)
    }

    /// A problem with the value at `path`, pointing at it where it is written.
    pub(super) fn error(&mut self, path: &[Step<'_>], message: impl Into<String>) {
        let needle = self.lines.written(path).unwrap_or_default();
        self.error_about(path, needle, message, None);
    }

    /// A problem with `needle`, a text written at `path`, with an optional hint.
    pub(super) fn error_about(
        &mut self,
        path: &[Step<'_>],
        needle: &str,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let line = self.line(path);
        let mut diagnostic = Diagnostic::error(self.file, Some(line), describe(path), message).about(needle);
        diagnostic.help = help;
        self.diagnostics.push(diagnostic);
    }

    /// The mapping at `path`, or an error saying what was found instead.
    pub(super) fn mapping<'v>(&mut self, value: &'v Value, path: &[Step<'_>], what: &str) -> Option<&'v Mapping> {
        match value {
            Value::Mapping(mapping) => Some(mapping),
            other => {
                self.error(
                    path,
                    format!("expected {what} (`key: value` lines), found {}", kind_of(other)),
                );
                None
            }
        }
    }

    /// Reports every key of `mapping` that is not in `allowed`, with a suggestion.
    pub(super) fn check_keys(&mut self, mapping: &Mapping, allowed: &[&str], path: &[Step<'_>]) {
        for key in mapping.keys() {
            let Some(name) = key_text(key) else {
                self.error(path, format!("keys must be words, found {}", kind_of(key)));
                continue;
            };
            if !allowed.contains(&name.as_str()) {
                let mut key_path = path.to_vec();
                key_path.push(Step::Key(&name));
                let help = match closest(&name, allowed.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("the keys here are {}", allowed.join(", ")),
                };
                let line = self.line(&key_path);
                self.diagnostics.push(
                    Diagnostic::error(self.file, Some(line), describe(path), format!("unknown key `{name}`"))
                        .about(name.as_str())
                        .with_help(help),
                );
            }
        }
    }

    /// A scalar as text: `1966`, `true` and `1966-11-03` are the strings as written.
    /// `null` and empty values are `None`.
    pub(super) fn text(&mut self, value: &Value, path: &[Step<'_>]) -> Option<String> {
        match value {
            Value::Null => None,
            Value::String(text) => Some(text.clone()),
            Value::Bool(flag) => Some(flag.to_string()),
            Value::Number(number) => Some(
                self.lines
                    .scalar_text(path)
                    .map(str::to_string)
                    .unwrap_or_else(|| number.to_string()),
            ),
            other => {
                self.error(path, format!("expected a single value, found {}", kind_of(other)));
                None
            }
        }
    }

    /// A required, non-empty scalar.
    pub(super) fn required_text(&mut self, mapping: &Mapping, key: &'static str, path: &[Step<'_>]) -> Option<String> {
        let mut key_path = path.to_vec();
        key_path.push(Step::Key(key));
        match mapping.get(key) {
            None | Some(Value::Null) => {
                self.error(path, format!("missing required key `{key}`"));
                None
            }
            Some(value) => {
                let text = self.text(value, &key_path)?;
                if text.trim().is_empty() {
                    self.error(&key_path, "must not be empty");
                    return None;
                }
                Some(text)
            }
        }
    }

    /// An optional scalar under `key`.
    pub(super) fn optional_text(&mut self, mapping: &Mapping, key: &'static str, path: &[Step<'_>]) -> Option<String> {
        let mut key_path = path.to_vec();
        key_path.push(Step::Key(key));
        let value = mapping.get(key)?;
        self.text(value, &key_path).filter(|t| !t.trim().is_empty())
    }

    /// A list of scalars under `key`; a single scalar is a list of one.
    /// Each item comes with its line, for errors found later.
    pub(super) fn list(&mut self, mapping: &Mapping, key: &'static str, path: &[Step<'_>]) -> Vec<(String, usize)> {
        let mut key_path = path.to_vec();
        key_path.push(Step::Key(key));
        match mapping.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Sequence(items)) => {
                let mut texts = Vec::new();
                for (index, item) in items.iter().enumerate() {
                    let mut item_path = key_path.clone();
                    item_path.push(Step::Index(index));
                    if let Some(text) = self.text(item, &item_path) {
                        if text.trim().is_empty() {
                            self.error(&item_path, "must not be empty");
                        } else {
                            let line = self.line(&item_path);
                            texts.push((text, line));
                        }
                    }
                }
                texts
            }
            Some(Value::Mapping(_)) | Some(Value::Tagged(_)) => {
                self.error(
                    &key_path,
                    "expected a list of values (`[a, b]` or `- a` lines), found a mapping",
                );
                Vec::new()
            }
            Some(scalar) => {
                let line = self.line(&key_path);
                self.text(scalar, &key_path)
                    .map(|t| vec![(t, line)])
                    .unwrap_or_default()
            }
        }
    }
}

/// The text of a mapping key; numbers and booleans count as words.
pub(super) fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

pub(super) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// The allowed word closest to a misspelt one, if any is close enough to be a typo.
pub fn closest<'a>(word: &str, allowed: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    allowed
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(word, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= 2.max(candidate.len() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}
