//! The catalogue, `INDEX.md`: what the archive is and what each document is.
//!
//! The grammar (the contract is `docs/catalogue.md`): YAML front matter between `---` lines,
//! then a Markdown introduction. The front matter holds `title` (required),
//! `description`, `language`, `base_url`, `theme`, `exclude` (globs), `collections`
//! (`id`, `title`, `description`), `entities` (`id`, `name`, `type`, `aliases`, `note`,
//! `links`),
//! `allow_raw_html` (trust raw HTML in Markdown instead of sanitising it),
//! `citation_styles` (CSL style names), `contact_email` and `documents` (`file` and the document keys of [`DOCUMENT_KEYS`]). A Markdown
//! document's own front matter takes the same document keys, read by
//! [`read_front_matter`].
//!
//! Parsing is two steps: serde_yaml turns the text into a tree (syntax errors carry
//! their line), then [`read`] checks every key and value against the grammar,
//! collecting every problem with the line [`locate`] finds for it. Checks that need the
//! files (does `related` name a document?) happen when documents are assembled, from
//! the lines kept here in [`Located`] values. serde_yaml stays inside this module.
//!
//! The rooms: `yaml.rs` splits front matter and parses it, `grammar.rs` reads every
//! key, `values.rs` holds what was read, `ids.rs` what an id, a segment, a base URL
//! and a language code may be, `styles.rs` which citation styles exist; `read.rs` and
//! `locate.rs` are the reader and the line finder the grammar uses.

mod grammar;
mod ids;
mod locate;
mod read;
pub mod styles;
mod values;
mod yaml;

pub use grammar::{parse_catalog, read_front_matter, DOCUMENT_KEYS};
pub use ids::{base_url, clash, is_safe_segment, segment_problem};
pub use read::closest;
pub use values::{
    Catalog, Charset, CollectionDef, DocumentMeta, EntityDef, EntityKind, Entry, Located, Paragraphs, ReadingOrder,
    ScanList, TextEntry,
};
pub use yaml::{split_front_matter, FrontMatter};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edtf::EdtfDate;
    use grammar::*;
    use std::path::Path;
    use yaml::without_positions;

    /// The contract is the project's document: every key the catalogue reads is in
    /// its example, written as a key (`theme:`).
    #[test]
    fn every_key_is_documented_in_docs_catalogue() {
        let contract = include_str!("../../docs/catalogue.md");
        let example = contract
            .split("```markdown")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("docs/catalogue.md opens with an example catalogue");
        let undocumented: Vec<&str> = [CATALOG_KEYS, COLLECTION_KEYS, ENTITY_KEYS, DOCUMENT_KEYS]
            .concat()
            .into_iter()
            .filter(|key| !example.contains(&format!("{key}:")))
            .collect();
        assert!(
            undocumented.is_empty(),
            "not in docs/catalogue.md's example: {undocumented:?}"
        );
    }

    fn parse(text: &str) -> Result<Catalog, Vec<String>> {
        let (catalog, diagnostics) = parse_catalog(Path::new("c/INDEX.md"), text).map_err(|error| match error {
            crate::error::Error::Invalid(d) => d.0.iter().map(ToString::to_string).collect::<Vec<_>>(),
            other => vec![other.to_string()],
        })?;
        if diagnostics.has_errors() {
            return Err(diagnostics.errors().map(ToString::to_string).collect());
        }
        Ok(catalog)
    }

    #[test]
    fn yaml_positions_are_left_to_the_diagnostic() {
        assert_eq!(
            without_positions(
                "did not find expected key at line 3 column 1, while parsing a block mapping at line 2 column 1"
            ),
            "did not find expected key, while parsing a block mapping"
        );
    }

    #[test]
    fn values_are_read_as_the_editor_means_them() {
        let catalog = parse(
            "---\ntitle: 1984\ndocuments:\n  - file: a.txt\n    id: 1961\n    date: 1966\n    subjects: [Yes, 1984]\n    title: 1.10\n---\n",
        )
        .expect("valid");
        assert_eq!(catalog.title, "1984");
        let meta = &catalog.entries[0].meta;
        assert_eq!(meta.id.as_ref().map(|l| l.value.as_str()), Some("1961"));
        assert_eq!(meta.date.as_ref().map(EdtfDate::as_str), Some("1966"));
        assert_eq!(meta.title.as_deref(), Some("1.10"));
        assert_eq!(meta.subjects, ["Yes", "1984"]);
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let errors = parse(
            "---\ntitle: T\ndocuments:\n  - file: a.txt\n    autors: [x]\n  - file: b.txt\n    date: 1966-13\n  - id: c\n---\n",
        )
        .expect_err("invalid");
        assert_eq!(
            errors,
            [
                "c/INDEX.md:5: documents[0]: unknown key `autors`; did you mean `authors`?",
                "c/INDEX.md:7: documents[1].date: `1966-13`: there is no month 13 (01-12, or 21-24 for seasons)",
                "c/INDEX.md:8: documents[2]: missing required key `file`",
            ]
        );
    }

    #[test]
    fn markdown_front_matter_gives_the_body_after_it() {
        let (meta, body) =
            read_front_matter(Path::new("a.md"), "---\ntitle: A note\ndate: 1966-11\n---\n# Heading\n").expect("valid");
        assert_eq!(meta.title.as_deref(), Some("A note"));
        assert_eq!(body, "# Heading\n");
    }
}
