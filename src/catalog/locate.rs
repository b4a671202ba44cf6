//! Finds the line of a value in block-style YAML, so that problems found after parsing
//! can still name the line an editor must fix.
//!
//! serde_yaml reports lines for syntax errors only; its `Value` tree forgets where each
//! node came from. Catalogues are written in block style (`key: value`, `- item`), so a
//! walk over indentation finds `documents[2].related` reliably; where it cannot (flow
//! style such as `related: [a, b]`), it answers with the deepest line it did find.

/// One step of a path into the YAML tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// A token at the start of a line: a `- ` sequence marker or a `key:`.
#[derive(Debug, Clone)]
enum Token<'t> {
    Dash { column: usize },
    Key { column: usize, key: String, rest: &'t str },
}

/// Line numbers for paths in one YAML text.
pub struct LineIndex<'t> {
    /// Tokens of each line, with the line's 0-based index in the text.
    lines: Vec<(usize, Vec<Token<'t>>)>,
    /// 1-based file line of the YAML text's first line.
    first_line: usize,
}

impl<'t> LineIndex<'t> {
    pub fn new(yaml: &'t str, first_line: usize) -> Self {
        let mut lines = Vec::new();
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
            let tokens = tokenize(line);
            if let Some(Token::Key { column, rest, .. }) = tokens.last() {
                let rest = rest.trim();
                if rest.starts_with('|') || rest.starts_with('>') {
                    in_block_scalar = Some(*column);
                }
            }
            lines.push((index, tokens));
        }
        LineIndex { lines, first_line }
    }

    /// The file line of the value at `path`, or of its deepest ancestor that was found.
    pub fn line_of(&self, path: &[Step<'_>]) -> usize {
        let (found, _) = self.walk(path);
        self.first_line + found.map_or(0, |(line, _)| self.lines[line].0)
    }

    /// The text of a plain scalar written on its key's line (`id: 1.10` → `1.10`), so
    /// that numbers keep the digits the editor typed.
    pub fn scalar_text(&self, path: &[Step<'_>]) -> Option<&'t str> {
        let (Some((line, column)), complete) = self.walk(path) else {
            return None;
        };
        if !complete {
            return None;
        }
        self.lines[line].1.iter().find_map(|token| match token {
            Token::Key { column: c, rest, .. } if *c == column => {
                let value = rest.split(" #").next().unwrap_or_default().trim();
                let plain = !value.is_empty() && !value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']);
                plain.then_some(value)
            }
            _ => None,
        })
    }

    /// Follows `path` as far as it goes: the (line, column) reached, and whether all of it was.
    fn walk(&self, path: &[Step<'_>]) -> (Option<(usize, usize)>, bool) {
        let mut start = 0;
        let mut end = self.lines.len();
        let mut found = None;
        // The column children of the current node must be right of.
        let mut parent_column: Option<usize> = None;
        for step in path {
            let Some((line, column)) = self.find(step, start, end, parent_column) else {
                return (found, false);
            };
            found = Some((line, column));
            // The node spans up to the next line that starts at its column or left of it.
            start = line;
            end = self.lines[line + 1..]
                .iter()
                .position(|(_, tokens)| tokens.first().is_some_and(|t| t.column() <= column))
                .map_or(self.lines.len(), |p| line + 1 + p);
            parent_column = Some(column);
        }
        (found, true)
    }

    fn find(&self, step: &Step<'_>, start: usize, end: usize, parent: Option<usize>) -> Option<(usize, usize)> {
        let right_of_parent = |column: usize| parent.is_none_or(|p| column > p);
        match step {
            Step::Key(wanted) => {
                // Keys of one mapping share the column of its first key.
                let mut mapping_column = None;
                for line in start..end {
                    for token in &self.lines[line].1 {
                        if let Token::Key { column, key, .. } = token {
                            if !right_of_parent(*column) {
                                continue;
                            }
                            let column = *column;
                            let mapping = *mapping_column.get_or_insert(column);
                            if column == mapping && key == wanted {
                                return Some((line, column));
                            }
                        }
                    }
                }
                None
            }
            Step::Index(wanted) => {
                let mut sequence_column = None;
                let mut count = 0;
                for line in start..end {
                    if let Some(Token::Dash { column }) =
                        self.lines[line].1.iter().find(|t| right_of_parent(t.column()))
                    {
                        let sequence = *sequence_column.get_or_insert(*column);
                        if *column == sequence {
                            if count == *wanted {
                                return Some((line, *column));
                            }
                            count += 1;
                        }
                    }
                }
                None
            }
        }
    }
}

impl Token<'_> {
    fn column(&self) -> usize {
        match self {
            Token::Dash { column } | Token::Key { column, .. } => *column,
        }
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
