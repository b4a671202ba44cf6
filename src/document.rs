//! Documents: each source file joined with what the catalogue says of it.
//!
//! The catalogue's entry and a Markdown file's own front matter are merged (the
//! catalogue wins), defaults filled in (id from the file's stem, title from the first
//! non-blank line), and everything that names another thing checked: each entry's
//! `file` exists inside the collection, ids are unique, and `related` and
//! `collections` name real documents and collections. A source the catalogue does not
//! list is still built, with a warning.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::catalog::{self, Catalog, DocumentMeta, Located, TextEntry};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edtf::EdtfDate;
use crate::error::Staged;
use crate::reflow::{self, Block, Inline};
use crate::scans;
use crate::sources::{self, SourceFile, SourceKind};

/// A document of the archive, ready for the site model.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its id, also its folder name (`documents/<id>/`).
    pub id: String,
    /// The source's path relative to the collection (`letters/memo.txt`).
    pub source: String,
    /// Plain text or Markdown.
    pub kind: SourceKind,
    /// The source file's SHA-256 and size.
    pub fixity: sources::Fixity,
    /// When the source file was last changed.
    pub modified: Option<std::time::SystemTime>,
    /// Its metadata, the catalogue's merged with its front matter.
    pub meta: Metadata,
    /// Its text.
    pub body: Body,
    /// How a transcription was read (its layout, declared or detected), for `check`.
    pub reading: Option<reflow::Reading>,
    /// Whether the catalogue lists the document.
    pub catalogued: bool,
    /// The images of the original, in page order.
    pub scans: Vec<scans::Scan>,
    /// The PDF of the original.
    pub pdf: Option<scans::Attachment>,
    /// Its other texts: the original's transcription, then the translations, in the
    /// catalogue's order.
    pub texts: Vec<OtherText>,
}

/// A text of a document besides its main one, shown beside it.
#[derive(Debug, Clone)]
pub struct OtherText {
    /// Whether it is the original or a translation.
    pub role: TextRole,
    /// Its language, a BCP 47 code.
    pub language: String,
    /// What tells it from the document's other texts in ids and file names: `original`,
    /// or the translation's language (`de`, then `de-2` for a second one).
    pub key: String,
    /// Its path in the collection.
    pub source: String,
    /// Its bytes' SHA-256 and size.
    pub fixity: sources::Fixity,
    /// Its blocks, reflowed by its own convention.
    pub blocks: Arc<[Block]>,
    /// How it was read.
    pub reading: reflow::Reading,
}

/// What a document's other text is to its main one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextRole {
    /// The transcription of the original, in its language.
    Original,
    /// A translation.
    Translation,
}

/// A document's metadata with every default filled in.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    /// The edition's number of the document, shown before its title and cited.
    pub number: Option<String>,
    /// The title; the file's name when none is given.
    pub title: String,
    /// The date, in EDTF.
    pub date: Option<EdtfDate>,
    /// The kind of document (Memorandum, Letter).
    pub doc_type: Option<String>,
    /// Authors as written: entity ids or names.
    pub authors: Vec<String>,
    /// Recipients as written: entity ids or names.
    pub recipients: Vec<String>,
    /// The language of the text, a BCP 47 code.
    pub language: Option<String>,
    /// The language of the original, for a translation.
    pub original_language: Option<String>,
    /// Translators as written.
    pub translators: Vec<String>,
    /// The archival reference of the original.
    pub source: Option<String>,
    /// The rights statement.
    pub rights: Option<String>,
    /// Collection ids.
    pub collections: Vec<String>,
    /// Subject terms, as written.
    pub subjects: Vec<String>,
    /// Markdown, with where it was written.
    pub summary: Option<Located<String>>,
    /// Ids of the documents the catalogue relates it to.
    pub related: Vec<String>,
    /// Further fields (`fields:`), each a label and a value, in order.
    pub fields: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
/// A document's text.
pub enum Body {
    /// A reflowed plain-text transcription, shared with the reflow cache of a served
    /// build.
    Transcript(std::sync::Arc<[Block]>),
    /// Markdown, rendered by the site model (its links depend on the whole archive).
    Markdown {
        /// The Markdown after any front matter.
        text: String,
        /// The file line the text starts on, after any front matter.
        first_line: usize,
    },
}

/// What a reflowed text depends on: its bytes and the layout declared for it.
pub fn reflow_key(sha256: &str, declared: Option<reflow::Paragraphs>) -> String {
    match declared {
        Some(layout) => format!("{sha256}:{}", layout.name()),
        None => sha256.to_string(),
    }
}

/// How a plain text becomes blocks, given the layout declared for it:
/// [`reflow_source`] in a plain build; a served build passes one that gives back the
/// blocks it kept for an unchanged text (the incremental layer).
pub type Reflow<'a> = dyn Fn(&SourceFile, Option<reflow::Paragraphs>) -> (Arc<[Block]>, reflow::Reading) + Sync + 'a;

/// A plain text's blocks, reflowed by its declared layout or the one it shows.
pub fn reflow_source(source: &SourceFile, declared: Option<reflow::Paragraphs>) -> (Arc<[Block]>, reflow::Reading) {
    let (blocks, reading) = reflow::reflow_as(&source.text, declared);
    (Arc::from(blocks), reading)
}

/// Joins the catalogue and the sources into documents, in the catalogue's order, then
/// the uncatalogued ones in path order, with every problem found: the documents that
/// could be made are returned whatever they are.
pub fn assemble(
    collection: &Path,
    catalog: &Catalog,
    sources: Vec<SourceFile>,
    reflow: &Reflow<'_>,
    finder: &scans::Finder<'_>,
) -> Staged<Vec<Document>> {
    let mut problems = Diagnostics::default();
    let diagnostics = &mut problems;
    let mut by_path: HashMap<String, SourceFile> = sources.into_iter().map(|s| (s.relative.clone(), s)).collect();
    let mut pending: Vec<Pending<'_>> = Vec::new();
    let mut listed: HashMap<String, usize> = HashMap::new();

    for entry in &catalog.entries {
        if let Some(relative) = sources::normalize_relative("", &entry.file.value) {
            if let Some(first_line) = listed.get(&relative) {
                let message = format!("`{relative}` is already catalogued at line {first_line}");
                diagnostics.push(entry.file.error(message));
                continue;
            }
            listed.insert(relative, entry.file.line);
        }
        let Some(relative) = resolve_entry_file(collection, catalog, &entry.file, &by_path, diagnostics) else {
            continue;
        };
        let Some(source) = by_path.remove(&relative) else {
            continue;
        };
        pending.push(Pending {
            source,
            meta: entry.meta.clone(),
            entry_file: Some(&entry.file),
            texts: Vec::new(),
        });
    }
    // A document's other texts are its own, not documents: taken from the sources
    // before the uncatalogued ones are counted.
    let mut claimed: HashMap<String, usize> = HashMap::new();
    for document in &mut pending {
        let entries: Vec<(TextRole, TextEntry)> = document
            .meta
            .original
            .iter()
            .map(|text| (TextRole::Original, text.clone()))
            .chain(
                document
                    .meta
                    .translations
                    .iter()
                    .map(|text| (TextRole::Translation, text.clone())),
            )
            .collect();
        for (role, text) in entries {
            let relative = sources::normalize_relative("", &text.file.value);
            if let Some(relative) = &relative {
                if listed.contains_key(relative) {
                    diagnostics.push(text.file.error(format!(
                        "`{relative}` is a document's own `file`: a text is the text of one document"
                    )));
                    continue;
                }
                if let Some(line) = claimed.get(relative) {
                    diagnostics.push(
                        text.file
                            .error(format!("`{relative}` is already a text at line {line}")),
                    );
                    continue;
                }
                claimed.insert(relative.clone(), text.file.line);
            }
            let Some(relative) = resolve_entry_file(collection, catalog, &text.file, &by_path, diagnostics) else {
                continue;
            };
            if SourceKind::of(Path::new(&relative)) != Some(SourceKind::Text) {
                diagnostics.push(text.file.error(format!(
                    "`{}` is not a .txt transcription: an original or a translation is a plain text",
                    text.file.value
                )));
                continue;
            }
            if let Some(source) = by_path.remove(&relative) {
                document.texts.push((role, text, source));
            }
        }
    }
    let mut uncatalogued: Vec<SourceFile> = by_path.into_values().collect();
    uncatalogued.sort_by(|a, b| a.relative.cmp(&b.relative));
    for source in uncatalogued {
        diagnostics.push(Diagnostic::warning(
            &source.display,
            None,
            "",
            format!(
                "not in the catalogue ({}): built from what the file says itself",
                catalog.path.display()
            ),
        ));
        pending.push(Pending {
            source,
            meta: DocumentMeta::default(),
            entry_file: None,
            texts: Vec::new(),
        });
    }

    let mut documents = Vec::with_capacity(pending.len());
    let mut id_origins: HashMap<String, String> = HashMap::new();
    // Ids by their lower case, for ids that differ only in case.
    let mut id_by_case: HashMap<String, String> = HashMap::new();
    let mut references = Vec::new();
    // Reflowing is most of the work, and each document's is its own: every core takes part.
    let built: Vec<Result<Built, Diagnostics>> = pending
        .into_par_iter()
        .map(|pending| build_document(pending, catalog.paragraphs, reflow, finder))
        .collect();
    for result in built {
        match result {
            Ok(mut built) => {
                diagnostics.extend(std::mem::take(&mut built.warnings));
                if let Some(first) = id_origins.get(&built.document.id) {
                    diagnostics.push(built.id_at.error(format!(
                        "the id `{}` is already the id of `{first}`; give each document its own `id`",
                        built.document.id
                    )));
                    continue;
                }
                let folded = built.document.id.to_ascii_lowercase();
                if let Some(twin) = id_by_case.get(&folded) {
                    let problem = catalog::clash([twin.as_str()], &built.document.id, "document");
                    diagnostics.push(built.id_at.error(problem.unwrap_or_default()));
                    continue;
                }
                id_by_case.insert(folded, built.document.id.clone());
                id_origins.insert(built.document.id.clone(), built.document.source.clone());
                references.push((built.related, built.collections));
                documents.push(built.document);
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }

    let collection_ids: HashSet<&str> = catalog.collections.iter().map(|c| c.id.as_str()).collect();
    for (related, collections) in &references {
        for target in related.iter().filter(|r| !id_origins.contains_key(&r.value)) {
            let mut problem = target.error(format!("no document has id `{}`", target.value));
            if let Some(near) = catalog::closest(&target.value, id_origins.keys().map(String::as_str)) {
                problem = problem.with_help(format!("did you mean `{near}`?"));
            }
            diagnostics.push(problem);
        }
        for target in collections
            .iter()
            .filter(|c| !collection_ids.contains(c.value.as_str()))
        {
            let help = match catalog::closest(&target.value, collection_ids.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "add it under `collections:`".to_string(),
            };
            diagnostics.push(
                target
                    .error(format!("no collection has id `{}`", target.value))
                    .with_help(help),
            );
        }
    }
    Ok((documents, problems))
}

/// Finds the source an entry's `file` names, or says why it cannot.
fn resolve_entry_file(
    collection: &Path,
    catalog: &Catalog,
    file: &Located<String>,
    by_path: &HashMap<String, SourceFile>,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let Some(relative) = sources::normalize_relative("", &file.value) else {
        diagnostics.push(file.error(format!(
            "`{}` leaves the collection: give a path inside it, without `..` or a leading `/`",
            file.value
        )));
        return None;
    };
    if SourceKind::of(Path::new(&relative)).is_none() {
        diagnostics.push(file.error(format!("`{}` is not a .txt or .md file", file.value)));
        return None;
    }
    if by_path.contains_key(&relative) {
        return Some(relative);
    }
    let on_disk = sources::join(collection, &relative);
    let message = if on_disk.is_symlink() {
        format!("`{}` is a link that leads outside the collection", file.value)
    } else if on_disk.exists()
        && !catalog.exclude.is_match(&relative)
        && !sources::in_skipped_folder(collection, &relative)
    {
        // Found, but not read: its own error (an encoding, a permission) says why.
        return None;
    } else if on_disk.exists() {
        format!(
            "`{}` is not a source: it is excluded by `exclude:` or lies in a hidden, templates/ or themes/ folder",
            file.value
        )
    } else {
        format!("no such file `{}` in the collection", file.value)
    };
    diagnostics.push(file.error(message));
    None
}

/// A document with the places its references were written, for the checks that need
/// every document first.
struct Built {
    document: Document,
    /// Where the id was set, for "used twice" messages.
    id_at: Located<String>,
    related: Vec<Located<String>>,
    collections: Vec<Located<String>>,
    /// What was found wrong with its scans, but shown anyway.
    warnings: Diagnostics,
}

/// A source to make a document of, with what the catalogue says of it.
struct Pending<'c> {
    source: SourceFile,
    meta: DocumentMeta,
    /// The catalogue's `file:` of the document, `None` for an uncatalogued one.
    entry_file: Option<&'c Located<String>>,
    /// Its other texts, found.
    texts: Vec<(TextRole, TextEntry, SourceFile)>,
}

fn build_document(
    pending: Pending<'_>,
    collection_layout: Option<reflow::Paragraphs>,
    reflow: &Reflow<'_>,
    finder: &scans::Finder<'_>,
) -> Result<Built, Diagnostics> {
    let Pending {
        source,
        meta: catalogue_meta,
        entry_file,
        texts: other_sources,
    } = pending;
    let mut reading = None;
    let (meta, body) = match source.kind {
        SourceKind::Markdown => {
            let (own, body) = catalog::read_front_matter(&source.display, &source.text)?;
            if own.encoding.is_some() {
                return Err(Diagnostics(vec![Diagnostic::error(
                    &source.display,
                    Some(1),
                    "",
                    "`encoding:` goes in the catalogue's entry of the document: its front matter is read in it",
                )]));
            }
            if own.original.is_some() || !own.translations.is_empty() {
                return Err(Diagnostics(vec![Diagnostic::error(
                    &source.display,
                    Some(1),
                    "",
                    "`original:` and `translations:` go in the catalogue's entry of the document, not its front matter",
                )
                .with_help(
                    "the build takes a document's other texts out of the sources before it reads any front matter",
                )]));
            }
            let first_line = source.text[..source.text.len() - body.len()].matches('\n').count() + 1;
            let body = Body::Markdown {
                text: body.to_string(),
                first_line,
            };
            (catalogue_meta.or(own), body)
        }
        SourceKind::Text => {
            let declared = catalogue_meta.paragraphs.or(collection_layout);
            let (blocks, read) = reflow(&source, declared);
            reading = Some(read);
            (catalogue_meta, Body::Transcript(blocks))
        }
    };
    let id_at = match &meta.id {
        Some(id) => id.clone(),
        None => {
            let stem = Path::new(&source.relative)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            let id = slug::slugify(stem);
            if let Some(problem) = catalog::segment_problem(&id) {
                let message = format!("the id `{id}` made from the file's name {problem}: give the document an `id`");
                let diagnostic = match entry_file {
                    Some(file) => file.error(message),
                    None => Diagnostic::error(&source.display, None, "", message),
                };
                return Err(Diagnostics(vec![diagnostic]));
            }
            // An id made from the file name is reported where the file is catalogued.
            match entry_file {
                Some(file) => Located {
                    value: id,
                    ..file.clone()
                },
                None => Located {
                    value: id,
                    file: source.display.clone(),
                    line: 1,
                    context: String::new(),
                },
            }
        }
    };
    let title = meta
        .title
        .clone()
        .unwrap_or_else(|| first_line_title(&body, &source.text));
    let related_at = meta.related.clone();
    let collections_at = meta.collections.clone();
    let mut problems = Diagnostics::default();
    let scans = match &meta.scans {
        Some(list) => {
            let (scans, found) = scans::resolve(finder, list, &page_numbers(&body));
            problems.extend(found);
            scans
        }
        None => Vec::new(),
    };
    let pdf = meta
        .pdf
        .as_ref()
        .and_then(|written| scans::attachment(finder, written).map_err(|e| problems.push(e)).ok());
    let texts = other_texts(other_sources, meta.paragraphs.or(collection_layout), reflow);
    if let (Some(original), Some(said)) = (
        texts.iter().find(|t| t.role == TextRole::Original),
        &meta.original_language,
    ) {
        if !original.language.eq_ignore_ascii_case(said) {
            if let Some(written) = &meta.original {
                problems.push(written.file.error(format!(
                    "the original is in `{}`, but `original_language:` says `{said}`",
                    original.language
                )));
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let original_language = meta.original_language.clone().or_else(|| {
        texts
            .iter()
            .find(|t| t.role == TextRole::Original)
            .map(|t| t.language.clone())
    });
    let document = Document {
        id: id_at.value.clone(),
        source: source.relative,
        kind: source.kind,
        fixity: source.fixity,
        modified: source.modified,
        reading,
        meta: Metadata {
            number: meta.number,
            title,
            date: meta.date,
            doc_type: meta.doc_type,
            authors: meta.authors,
            recipients: meta.recipients,
            language: meta.language,
            original_language,
            translators: meta.translators,
            source: meta.source,
            rights: meta.rights,
            collections: meta.collections.into_iter().map(|c| c.value).collect(),
            subjects: meta.subjects,
            summary: meta.summary,
            related: meta.related.into_iter().map(|r| r.value).collect(),
            fields: meta.fields,
        },
        body,
        catalogued: entry_file.is_some(),
        scans,
        pdf,
        texts,
    };
    Ok(Built {
        document,
        id_at,
        related: related_at,
        collections: collections_at,
        warnings: problems,
    })
}

/// A document's other texts, reflowed each by its own layout (or the document's), and
/// keyed apart: `original`, then each translation's language.
fn other_texts(
    found: Vec<(TextRole, TextEntry, SourceFile)>,
    layout: Option<reflow::Paragraphs>,
    reflow: &Reflow<'_>,
) -> Vec<OtherText> {
    let mut keys: HashSet<String> = HashSet::new();
    found
        .into_iter()
        .map(|(role, entry, source)| {
            let (blocks, reading) = reflow(&source, entry.paragraphs.or(layout));
            let base = match role {
                TextRole::Original => "original".to_string(),
                TextRole::Translation => entry.language.to_ascii_lowercase(),
            };
            let mut key = base.clone();
            let mut count = 1;
            while !keys.insert(key.clone()) {
                count += 1;
                key = format!("{base}-{count}");
            }
            OtherText {
                role,
                language: entry.language,
                key,
                source: source.relative,
                fixity: source.fixity,
                blocks,
                reading,
            }
        })
        .collect()
}

/// The page numbers a transcription marks, in order, each once; none for Markdown.
fn page_numbers(body: &Body) -> Vec<String> {
    let Body::Transcript(blocks) = body else {
        return Vec::new();
    };
    let mut pages: Vec<String> = Vec::new();
    let inlines = blocks.iter().flat_map(|block| match block {
        Block::Paragraph(content) | Block::Item { content, .. } => content.as_slice(),
        _ => &[],
    });
    for inline in inlines {
        if let Inline::PageNumber { number, .. } = inline {
            if !pages.contains(number) {
                pages.push(number.clone());
            }
        }
    }
    pages
}

/// The first non-blank line, without Markdown's heading marks; the file's name if none.
fn first_line_title(body: &Body, text: &str) -> String {
    let searched = match body {
        Body::Markdown { text, .. } => text.as_str(),
        Body::Transcript(_) => text,
    };
    searched
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map(|line| line.trim_start_matches('#').trim().to_string())
        .filter(|line| !line.is_empty())
        .unwrap_or_else(|| "Untitled".to_string())
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::sources::{read_file, Encoding};

    /// The sources of `folder` as a build finds and reads them, and their problems.
    fn discovered(folder: &Path, catalog: &Catalog) -> (Vec<SourceFile>, Diagnostics) {
        sources::discover(
            folder,
            &catalog.exclude,
            &sources::Charsets::of(catalog),
            Encoding::Strict,
            &read_file,
        )
        .expect("sources")
    }

    /// The documents of a collection written to a temporary folder, and the problems.
    fn assembled(catalogue: &str, files: &[(&str, &str)]) -> (Vec<Document>, Diagnostics) {
        let dir = tempfile::tempdir().expect("temporary folder");
        fs::write(dir.path().join("INDEX.md"), catalogue).expect("catalogue");
        for (name, text) in files {
            fs::write(dir.path().join(name), text).expect("source");
        }
        let (catalog, mut problems) =
            catalog::parse_catalog(&dir.path().join("INDEX.md"), catalogue).expect("a valid catalogue");
        let (sources, found) = discovered(dir.path(), &catalog);
        problems.extend(found);
        let (documents, found) = assemble(
            dir.path(),
            &catalog,
            sources,
            &reflow_source,
            &scans::Finder::new(dir.path()),
        )
        .expect("documents");
        problems.extend(found);
        (documents, problems)
    }

    #[test]
    fn catalogued_documents_come_first_in_its_order_then_the_others_with_a_warning() {
        let (documents, problems) = assembled(
            "---\ntitle: T\ndocuments:\n  - {file: b.txt, title: Bee}\n  - {file: a.txt}\n---\n",
            &[("a.txt", "Alpha\nText.\n"), ("b.txt", "B\n"), ("c.md", "# See\n")],
        );
        let ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "c"]);
        assert_eq!(documents[0].meta.title, "Bee");
        assert_eq!(
            documents[1].meta.title, "Alpha",
            "the first line, where the catalogue gives none"
        );
        assert!(documents[2].meta.title.contains("See"), "{:?}", documents[2].meta.title);
        assert!(!documents[2].catalogued && documents[0].catalogued);
        let warnings: Vec<String> = problems.0.iter().map(|d| d.to_string()).collect();
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("c.md") && w.contains("not in the catalogue")),
            "{warnings:?}"
        );
        assert!(!problems.has_errors(), "{warnings:?}");
    }

    #[test]
    fn the_catalogue_wins_over_a_markdown_documents_own_front_matter() {
        let (documents, _) = assembled(
            "---\ntitle: T\ndocuments:\n  - {file: n.md, title: From the catalogue}\n---\n",
            &[("n.md", "---\ntitle: Its own\ntype: Note\n---\nBody.\n")],
        );
        assert_eq!(documents[0].meta.title, "From the catalogue");
        assert_eq!(
            documents[0].meta.doc_type.as_deref(),
            Some("Note"),
            "what only the file says is kept"
        );
    }

    #[test]
    fn a_file_catalogued_twice_is_an_error_naming_the_first_line() {
        let (documents, problems) = assembled(
            "---\ntitle: T\ndocuments:\n  - {file: a.txt}\n  - {file: a.txt}\n---\n",
            &[("a.txt", "A\n")],
        );
        assert_eq!(documents.len(), 1);
        let errors: Vec<String> = problems.0.iter().map(|d| d.to_string()).collect();
        assert!(
            errors.iter().any(|e| e.contains("already catalogued at line 4")),
            "{errors:?}"
        );
    }

    #[test]
    fn a_transcription_is_reflowed_by_the_function_given() {
        let dir = tempfile::tempdir().expect("temporary folder");
        fs::write(dir.path().join("INDEX.md"), "---\ntitle: T\n---\n").expect("catalogue");
        fs::write(dir.path().join("a.txt"), "A\nText.\n").expect("source");
        let (catalog, _) = catalog::parse_catalog(&dir.path().join("INDEX.md"), "---\ntitle: T\n---\n").expect("valid");
        let (sources, _) = discovered(dir.path(), &catalog);
        let kept: Arc<[Block]> = Arc::from(vec![Block::Paragraph(vec![reflow::Inline::Text("kept".into())])]);
        let given = |_: &SourceFile, _: Option<reflow::Paragraphs>| (Arc::clone(&kept), reflow::reflow_as("", None).1);
        let (documents, _) =
            assemble(dir.path(), &catalog, sources, &given, &scans::Finder::new(dir.path())).expect("documents");
        let Body::Transcript(blocks) = &documents[0].body else {
            panic!("a transcription");
        };
        assert!(Arc::ptr_eq(blocks, &kept), "the blocks the function gave");
    }
}
