//! Cross-references between documents by their numbers: "No. 84", "Document 12",
//! "[see No. 84]", written as the edition writes them. The catalogue declares the
//! forms (`cross_references: ["No. {number}", "Document {number}"]`); a form found in
//! a text, with the number of a document of the collection, links to that document.
//! Nothing is guessed: without the key no text is read for references, and a number
//! no document has, or two documents share, stays text.

use std::collections::HashMap;

/// Where `{number}` goes in a declared form.
pub(crate) const NUMBER_SLOT: &str = "{number}";

/// The declared forms, and the documents by number.
#[derive(Debug, Default)]
pub struct CrossReferences {
    /// The text before and after the number in each form.
    forms: Vec<(String, String)>,
    by_number: HashMap<String, String>,
}

/// One reference found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub start: usize,
    pub end: usize,
    /// The id of the document it names.
    pub document: String,
}

/// Why a declared form cannot be read.
pub(crate) fn check_form(form: &str) -> Result<(), String> {
    match form.matches(NUMBER_SLOT).count() {
        1 if form.trim() != NUMBER_SLOT => Ok(()),
        1 => Err(format!(
            "`{form}` is a number alone, which every number in every text would match"
        )),
        _ => Err(format!(
            "`{form}` must hold `{NUMBER_SLOT}` once, where the document's number is written"
        )),
    }
}

impl CrossReferences {
    /// `forms` as the catalogue writes them (checked by [`check_form`]), and each
    /// document's number with its id. A number two documents share refers to neither.
    pub fn new<'a>(forms: &[String], numbers: impl IntoIterator<Item = (&'a str, &'a str)>) -> CrossReferences {
        let forms = forms
            .iter()
            .filter_map(|form| form.split_once(NUMBER_SLOT))
            .map(|(before, after)| (before.to_string(), after.to_string()))
            .collect();
        let mut by_number: HashMap<String, Option<String>> = HashMap::new();
        for (number, id) in numbers {
            by_number
                .entry(number.to_string())
                .and_modify(|taken| *taken = None)
                .or_insert_with(|| Some(id.to_string()));
        }
        CrossReferences {
            forms,
            by_number: by_number.into_iter().filter_map(|(n, id)| Some((n, id?))).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty() || self.by_number.is_empty()
    }

    /// The references in `text`, in order, none overlapping.
    pub fn find(&self, text: &str) -> Vec<Reference> {
        let mut found: Vec<Reference> = Vec::new();
        if self.is_empty() {
            return found;
        }
        for (before, after) in &self.forms {
            let mut from = 0;
            while let Some(at) = find_from(text, before, from) {
                let number_start = at + before.len();
                from = number_start.max(at + 1);
                // A form begins a word: "No. 84", not "Piano. 84".
                let starts_word = before.is_empty()
                    || !before.starts_with(char::is_alphanumeric)
                    || !text[..at].ends_with(char::is_alphanumeric);
                let number_end = number_start
                    + text[number_start..]
                        .find(|c: char| !c.is_alphanumeric())
                        .unwrap_or(text.len() - number_start);
                let number = &text[number_start..number_end];
                if !starts_word || !number.starts_with(|c: char| c.is_ascii_digit()) {
                    continue;
                }
                if !text[number_end..].starts_with(after.as_str()) {
                    continue;
                }
                let end = number_end + after.len();
                if text[end..].starts_with(char::is_alphanumeric) && after.is_empty() {
                    continue;
                }
                if let Some(document) = self.by_number.get(number) {
                    found.push(Reference {
                        start: at,
                        end,
                        document: document.clone(),
                    });
                }
            }
        }
        found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut kept: Vec<Reference> = Vec::with_capacity(found.len());
        for reference in found {
            if kept.last().is_none_or(|last| reference.start >= last.end) {
                kept.push(reference);
            }
        }
        kept
    }
}

fn find_from(text: &str, needle: &str, from: usize) -> Option<usize> {
    if needle.is_empty() {
        // A form that opens with the number: every digit that begins a word.
        return text[from..]
            .char_indices()
            .find(|&(i, c)| c.is_ascii_digit() && !text[..from + i].ends_with(char::is_alphanumeric))
            .map(|(i, _)| from + i);
    }
    text.get(from..)?.find(needle).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn volume() -> CrossReferences {
        CrossReferences::new(
            &["No. {number}".to_string(), "Document {number}".to_string()],
            [
                ("84", "letter-84"),
                ("12", "doc-12"),
                ("104a", "letter-104a"),
                ("7", "a"),
                ("7", "b"),
            ],
        )
    }

    fn linked(text: &str) -> Vec<(&str, String)> {
        volume()
            .find(text)
            .into_iter()
            .map(|r| (&text[r.start..r.end], r.document))
            .collect()
    }

    #[test]
    fn declared_forms_with_a_known_number_are_references() {
        assert_eq!(
            linked("[see No. 84] and Document 12, also No. 104a."),
            vec![
                ("No. 84", "letter-84".to_string()),
                ("Document 12", "doc-12".to_string()),
                ("No. 104a", "letter-104a".to_string()),
            ]
        );
    }

    #[test]
    fn what_is_not_a_reference_stays_text() {
        // A number no document has; one two documents share; a longer number; a
        // form inside a word.
        assert!(linked("No. 85, No. 7, No. 840, Piano. 84, ANo. 84").is_empty());
        assert!(CrossReferences::new(&[], [("84", "x")]).find("No. 84").is_empty());
    }

    #[test]
    fn a_form_must_hold_the_number_once() {
        assert!(check_form("No. {number}").is_ok());
        assert!(check_form("No.").is_err());
        assert!(check_form("{number}").is_err());
        assert!(check_form("{number}/{number}").is_err());
    }
}
