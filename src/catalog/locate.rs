//! Finds the line of a value in block-style YAML, so that problems found after parsing
//! can still name the line an editor must fix.
//!
//! serde_yaml reports lines for syntax errors only; its `Value` tree forgets where each
//! node came from. Catalogues are written in block style (`key: value`, `- item`), so
//! one pass over the lines, following indentation, records the line of every path such
//! as `documents[2].related`; where a value is in flow style (`related: [a, b]`), the
//! answer is the deepest line that was recorded. Lookups cost the same for the first
//! entry as for the hundred-thousandth.

use std::collections::HashMap;

/// One step of a path into the YAML tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// A path into the YAML tree, shown as `documents[2].related`.
pub(super) fn describe(path: &[Step<'_>]) -> String {
    let mut text = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Step::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}

/// A token at the start of a line: a `- ` sequence marker or a `key:`.
#[derive(Debug, Clone)]
enum Token<'t> {
    Dash { column: usize },
    Key { column: usize, key: String, rest: &'t str },
}

/// Where a node was written: its 0-based line in the YAML text, and for a key, the text
/// after its colon.
#[derive(Debug, Clone, Copy)]
struct Place<'t> {
    line: usize,
    rest: Option<&'t str>,
}

/// Line numbers for paths in one YAML text, found in one pass over its lines.
pub(super) struct LineIndex<'t> {
    /// Every node's place by its path written as `documents[2].related`.
    places: HashMap<String, Place<'t>>,
    /// 1-based file line of the YAML text's first line.
    first_line: usize,
}

/// A mapping or sequence being read: where its entries start, and its path.
struct Frame {
    column: usize,
    path: String,
    sequence: bool,
    /// For a sequence, how many items have been seen.
    items: usize,
}

impl<'t> LineIndex<'t> {
    pub(super) fn new(yaml: &'t str, first_line: usize) -> Self {
        let mut places = HashMap::new();
        let mut frames = vec![Frame {
            column: 0,
            path: String::new(),
            sequence: false,
            items: 0,
        }];
        // The node a deeper-indented mapping or sequence belongs to.
        let mut last_node = String::new();
        let mut in_block_scalar: Option<usize> = None;
        for (index, line) in yaml.lines().enumerate() {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let content = line.trim();
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            // Lines of a `|` or `>` block scalar are text, not structure.
            if let Some(parent) = in_block_scalar {
                if indent > parent {
                    continue;
                }
                in_block_scalar = None;
            }
            for token in tokenize(line) {
                match token {
                    Token::Dash { column } => {
                        while frames.len() > 1
                            && frames
                                .last()
                                .is_some_and(|f| f.column > column || (f.column == column && !f.sequence))
                        {
                            frames.pop();
                        }
                        let continues = frames.last().is_some_and(|f| f.sequence && f.column == column);
                        if !continues {
                            frames.push(Frame {
                                column,
                                path: last_node.clone(),
                                sequence: true,
                                items: 0,
                            });
                        }
                        let Some(frame) = frames.last_mut() else { continue };
                        let path = format!("{}[{}]", frame.path, frame.items);
                        frame.items += 1;
                        let after_dash = line[column + 1..].trim_start_matches(' ');
                        let item = (!after_dash.starts_with("- ")).then_some(after_dash);
                        places.insert(
                            path.clone(),
                            Place {
                                line: index,
                                rest: item,
                            },
                        );
                        last_node = path;
                    }
                    Token::Key { column, key, rest } => {
                        while frames.len() > 1
                            && frames
                                .last()
                                .is_some_and(|f| f.column > column || (f.column == column && f.sequence))
                        {
                            frames.pop();
                        }
                        let same_mapping = frames.last().is_some_and(|f| !f.sequence && f.column == column);
                        if !same_mapping {
                            frames.push(Frame {
                                column,
                                path: last_node.clone(),
                                sequence: false,
                                items: 0,
                            });
                        }
                        let parent = frames.last().map(|f| f.path.as_str()).unwrap_or_default();
                        let path = if parent.is_empty() {
                            key
                        } else {
                            format!("{parent}.{key}")
                        };
                        places.entry(path.clone()).or_insert(Place {
                            line: index,
                            rest: Some(rest),
                        });
                        let value = rest.trim();
                        if value.starts_with('|') || value.starts_with('>') {
                            in_block_scalar = Some(column);
                        }
                        last_node = path;
                    }
                }
            }
        }
        LineIndex { places, first_line }
    }

    /// The file line of the value at `path`, or of its deepest ancestor that was found.
    pub(super) fn line_of(&self, path: &[Step<'_>]) -> usize {
        (0..=path.len())
            .rev()
            .find_map(|depth| self.places.get(&describe(&path[..depth])))
            .map_or(self.first_line, |place| self.first_line + place.line)
    }

    /// The value at `path` as written on its line, unquoted, for pointing at it in a
    /// diagnostic; `None` when it is not on one line of its own.
    pub(super) fn written(&self, path: &[Step<'_>]) -> Option<&'t str> {
        let rest = self.places.get(&describe(path))?.rest?;
        let value = rest.split(" #").next().unwrap_or_default().trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        let block = value.starts_with(['|', '>', '[', '{']);
        (!value.is_empty() && !block).then_some(value)
    }

    /// The text of a plain scalar written on its key's line (`id: 1.10` → `1.10`), so
    /// that numbers keep the digits the editor typed.
    pub(super) fn scalar_text(&self, path: &[Step<'_>]) -> Option<&'t str> {
        let rest = self.places.get(&describe(path))?.rest?;
        let value = rest.split(" #").next().unwrap_or_default().trim();
        let plain = !value.is_empty() && !value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']);
        plain.then_some(value)
    }
}

/// Splits `  - - key: value` into its dashes and its key.
fn tokenize(line: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut column = line.len() - line.trim_start_matches(' ').len();
    let mut rest = &line[column..];
    loop {
        if rest == "-" || rest.starts_with("- ") {
            tokens.push(Token::Dash { column });
            let after = &rest[1..];
            let spaces = after.len() - after.trim_start_matches(' ').len();
            column += 1 + spaces;
            rest = &after[spaces..];
            continue;
        }
        if let Some((key, value)) = split_key(rest) {
            tokens.push(Token::Key {
                column,
                key,
                rest: value,
            });
        }
        return tokens;
    }
}

/// `key: value` → (`key`, ` value`); quoted keys are unquoted.
fn split_key(text: &str) -> Option<(String, &str)> {
    if text.starts_with('#') || text.starts_with('[') || text.starts_with('{') {
        return None;
    }
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote) {
            let close = inner.find(quote)?;
            let after = inner[close + 1..].trim_start();
            let value = after.strip_prefix(':')?;
            return Some((inner[..close].to_string(), value));
        }
    }
    let mut search = 0;
    while let Some(offset) = text[search..].find(':') {
        let colon = search + offset;
        let after = &text[colon + 1..];
        if after.is_empty() || after.starts_with(' ') || after.starts_with('\t') {
            return Some((text[..colon].trim_end().to_string(), after));
        }
        search = colon + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "\
title: Archive
collections:
  - id: a
    title: A
documents:
  - file: one.txt
    id: one
  - file: two.txt
    note: |
      related: not a key
    related:
      - one
      - three
  -
    file: three.txt
    related: [one, two]
";

    #[test]
    fn finds_keys_and_items_by_path() {
        let index = LineIndex::new(YAML, 2);
        assert_eq!(index.line_of(&[Step::Key("title")]), 2);
        assert_eq!(index.line_of(&[Step::Key("documents"), Step::Index(0)]), 7);
        assert_eq!(
            index.line_of(&[Step::Key("documents"), Step::Index(0), Step::Key("id")]),
            8
        );
        assert_eq!(
            index.line_of(&[Step::Key("documents"), Step::Index(1), Step::Key("related")]),
            12
        );
        assert_eq!(
            index.line_of(&[
                Step::Key("documents"),
                Step::Index(1),
                Step::Key("related"),
                Step::Index(1)
            ]),
            14
        );
        assert_eq!(
            index.line_of(&[Step::Key("documents"), Step::Index(2), Step::Key("file")]),
            16
        );
        assert_eq!(
            index.line_of(&[Step::Key("collections"), Step::Index(0), Step::Key("title")]),
            5
        );
    }

    #[test]
    fn numbers_keep_the_digits_as_typed() {
        let index = LineIndex::new("id: 1.10  # a comment\ntitle: 1984\n", 1);
        assert_eq!(index.scalar_text(&[Step::Key("id")]), Some("1.10"));
        assert_eq!(index.scalar_text(&[Step::Key("title")]), Some("1984"));
        assert_eq!(index.scalar_text(&[Step::Key("date")]), None);
    }

    #[test]
    fn flow_values_answer_with_their_key_line() {
        let index = LineIndex::new(YAML, 1);
        assert_eq!(
            index.line_of(&[
                Step::Key("documents"),
                Step::Index(2),
                Step::Key("related"),
                Step::Index(1)
            ]),
            16
        );
    }
}
