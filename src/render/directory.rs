//! A directory of names (people, collections, subjects) in A–Z groups, paged: the
//! sorting, grouping and paging of a directory, apart from the views it fills.

use super::contract::{DirectoryEntry, DirectoryView, LetterGroup, LetterLink};
use super::pagination::{self, Page};
use crate::text;
use crate::urls;

/// A directory's entries in order, sorted once and then cut into pages.
pub(crate) struct Directory {
    title: String,
    entries: Vec<SortedEntry>,
    /// Each letter with the position of its first entry and how many it has.
    letters: Vec<(String, usize, usize)>,
}

struct SortedEntry {
    label: String,
    /// The output path the entry links to.
    target: String,
    document_count: usize,
    /// Its letter's position in `Directory::letters`.
    letter: usize,
}

impl Directory {
    /// Entries sorted by label with case and diacritics set aside, as search folds
    /// them, each under its folded first letter: Émile beside Emil under E, Łódź
    /// under L, not after Z.
    pub(crate) fn new(title: String, entries: Vec<(String, String, usize)>) -> Directory {
        let mut entries: Vec<(String, (String, String, usize))> =
            entries.into_iter().map(|entry| (text::fold(&entry.0), entry)).collect();
        entries.sort_by(|(a_key, a), (b_key, b)| a_key.cmp(b_key).then_with(|| a.0.cmp(&b.0)));
        let mut letters: Vec<(String, usize, usize)> = Vec::new();
        let entries = entries
            .into_iter()
            .enumerate()
            .map(|(position, (key, (label, target, document_count)))| {
                let letter = key
                    .chars()
                    .next()
                    .filter(|c| c.is_alphabetic())
                    .map_or_else(|| "#".to_string(), |c| c.to_uppercase().collect());
                match letters.last_mut() {
                    Some((last, _, count)) if *last == letter => *count += 1,
                    _ => letters.push((letter, position, 1)),
                }
                SortedEntry {
                    label,
                    target,
                    document_count,
                    letter: letters.len() - 1,
                }
            })
            .collect();
        Directory {
            title,
            entries,
            letters,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The page at `page` of the directory whose first page is `first`.
    pub(crate) fn page(&self, first: &str, page: &str, part: Page) -> DirectoryView {
        let range = part.range();
        let anchor = |letter: usize| format!("letter-{}", letter + 1);
        let letters = self
            .letters
            .iter()
            .enumerate()
            .map(|(index, (letter, start, count))| {
                let on_page = part.page_holding(*start);
                let href = if on_page == part.number {
                    format!("#{}", anchor(index))
                } else {
                    format!("{}#{}", urls::href(page, &urls::page_of(first, on_page)), anchor(index))
                };
                LetterLink {
                    letter: letter.clone(),
                    href,
                    count: *count,
                }
            })
            .collect();
        // chunk_by's runs are never empty.
        let groups = self.entries[range.clone()]
            .chunk_by(|a, b| a.letter == b.letter)
            .map(|run| {
                let letter = run[0].letter;
                LetterGroup {
                    letter: self.letters[letter].0.clone(),
                    anchor: anchor(letter),
                    continued: self.letters[letter].1 < range.start,
                    entries: run
                        .iter()
                        .map(|entry| DirectoryEntry {
                            label: entry.label.clone(),
                            href: urls::href(page, &entry.target),
                            document_count: entry.document_count,
                        })
                        .collect(),
                }
            })
            .collect();
        DirectoryView {
            title: self.title.clone(),
            count: self.entries.len(),
            letters,
            groups,
            pagination: pagination::view(part, first, page),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_sorts_and_groups_names_as_folded_for_search() {
        let names = ["Łódź", "Zhou Enlai", "émile", "Emil", "1848 Committee", "Ōsaka", "Oslo"];
        let directory = Directory::new(
            "Places".to_string(),
            names
                .iter()
                .map(|name| (name.to_string(), format!("entities/{name}/index.html"), 1))
                .collect(),
        );
        let view = directory.page(
            "places/index.html",
            "places/index.html",
            pagination::Page::whole(names.len()),
        );
        let groups: Vec<(String, Vec<String>)> = view
            .groups
            .iter()
            .map(|group| {
                (
                    group.letter.clone(),
                    group.entries.iter().map(|e| e.label.clone()).collect(),
                )
            })
            .collect();
        let expected = [
            ("#", vec!["1848 Committee"]),
            ("E", vec!["Emil", "émile"]),
            ("L", vec!["Łódź"]),
            ("O", vec!["Ōsaka", "Oslo"]),
            ("Z", vec!["Zhou Enlai"]),
        ]
        .map(|(letter, labels)| (letter.to_string(), labels.into_iter().map(str::to_string).collect()));
        assert_eq!(groups, expected);
        assert_eq!(view.letters.iter().map(|l| l.count).sum::<usize>(), names.len());
    }
}
