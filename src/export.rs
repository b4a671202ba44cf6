//! The archive as data, at the output's root: `catalogue.json` (with its JSON Schema,
//! `catalogue.schema.json`), `catalogue.csv`, `entities.json`, a Frictionless
//! `datapackage.json` describing them, and each document's source beside its page,
//! byte for byte, for readers to download and verify against its SHA-256.

mod iiif;

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

use crate::archive::{Archive, DocumentNode, Party};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::TextRole;
use crate::error::{Error, Staged};
use crate::output::{OutputFile, Sink};
use crate::refs::EntityRef;
use crate::sources::Fixity;
use crate::urls;

/// One document as `catalogue.json` gives it.
#[derive(Debug, Serialize)]
pub(crate) struct DocumentRecord<'a> {
    pub id: &'a str,
    /// The edition's number of the document.
    pub number: Option<&'a str>,
    pub title: &'a str,
    /// The catalogue's EDTF date as written.
    pub date: Option<&'a str>,
    /// The date as the archive shows it ("c. December 1966").
    pub date_display: Option<String>,
    /// Where the date starts, in ISO 8601 as far as known.
    pub date_start: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: Option<&'a str>,
    pub authors: Vec<Name<'a>>,
    pub recipients: Vec<Name<'a>>,
    pub language: Option<&'a str>,
    pub original_language: Option<&'a str>,
    pub translators: Vec<&'a str>,
    pub source: Option<&'a str>,
    pub rights: Option<&'a str>,
    pub collections: Vec<&'a str>,
    pub subjects: Vec<&'a str>,
    /// Markdown.
    pub summary: Option<&'a str>,
    pub related: Vec<&'a str>,
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// The entities the text names, with how many times.
    pub entities: Vec<Mentioned<'a>>,
    /// The document's page, relative to the archive's root (absolute with `base_url`).
    pub page: String,
    /// The source file as the collection holds it.
    pub file: &'a str,
    /// The copy of the source beside the page.
    pub download: String,
    pub sha256: &'a str,
    pub bytes: u64,
    /// Its other texts: the original, then the translations.
    pub texts: Vec<TextRecord<'a>>,
    /// The images of its original, in page order.
    pub scans: Vec<ScanRecord<'a>>,
    /// The PDF of its original.
    pub pdf: Option<FileRecord<'a>>,
}

/// A document's other text, and its copy.
#[derive(Debug, Serialize)]
pub(crate) struct TextRecord<'a> {
    pub role: &'static str,
    pub language: &'a str,
    pub file: &'a str,
    pub download: String,
    pub sha256: &'a str,
    pub bytes: u64,
}

/// A scan of a document's original, and its master's copy.
#[derive(Debug, Serialize)]
pub(crate) struct ScanRecord<'a> {
    pub page: &'a str,
    pub file: &'a str,
    pub download: String,
    pub format: &'static str,
    pub width: u32,
    pub height: u32,
    pub sha256: &'a str,
    pub bytes: u64,
}

/// A file of the collection copied as it is.
#[derive(Debug, Serialize)]
pub(crate) struct FileRecord<'a> {
    pub file: &'a str,
    pub download: String,
    pub sha256: &'a str,
    pub bytes: u64,
}

/// An author or recipient: a name, and the entity when the registry has it.
#[derive(Debug, Serialize)]
pub(crate) struct Name<'a> {
    pub name: &'a str,
    pub entity: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Mentioned<'a> {
    pub id: &'a str,
    pub mentions: usize,
}

fn page_url(archive: &Archive, path: &str) -> String {
    match &archive.base_url {
        Some(base) => format!("{base}{path}"),
        None => path.to_string(),
    }
}

/// Every document's record, in the catalogue's order.
pub(crate) fn records(archive: &Archive) -> Vec<DocumentRecord<'_>> {
    archive
        .documents
        .iter()
        .map(|document| record(archive, document))
        .collect()
}

fn record<'a>(archive: &'a Archive, document: &'a DocumentNode) -> DocumentRecord<'a> {
    let meta = &document.meta;
    let names = |list: &'a [Party]| -> Vec<Name<'a>> {
        list.iter()
            .map(|party| Name {
                name: &party.name,
                entity: party.entity.map(|e| archive.entities[e].id.as_str()),
            })
            .collect()
    };
    let mut counts: Vec<(EntityRef, usize)> = Vec::new();
    for mention in document.linked.mentions.iter() {
        match counts.iter_mut().find(|(e, _)| *e == mention.entity) {
            Some((_, n)) => *n += 1,
            None => counts.push((mention.entity, 1)),
        }
    }
    counts.sort_by(|a, b| archive.entities[a.0].id.cmp(&archive.entities[b.0].id));
    DocumentRecord {
        id: &document.id,
        number: meta.number.as_deref(),
        title: &meta.title,
        date: meta.date.as_ref().map(|d| d.as_str()),
        date_display: meta.date.as_ref().map(ToString::to_string),
        date_start: meta.date.as_ref().and_then(|d| d.iso_start()),
        doc_type: meta.doc_type.as_deref(),
        authors: names(&document.authors),
        recipients: names(&document.recipients),
        language: meta.language.as_deref(),
        original_language: meta.original_language.as_deref(),
        translators: meta.translators.iter().map(String::as_str).collect(),
        source: meta.source.as_deref(),
        rights: meta.rights.as_deref(),
        collections: meta.collections.iter().map(String::as_str).collect(),
        subjects: meta.subjects.iter().map(String::as_str).collect(),
        summary: meta.summary.as_ref().map(|s| s.value.as_str()),
        related: meta.related.iter().map(String::as_str).collect(),
        fields: meta
            .fields
            .iter()
            .map(|(label, value)| (label.clone(), json!(value)))
            .collect(),
        entities: counts
            .into_iter()
            .map(|(entity, mentions)| Mentioned {
                id: &archive.entities[entity].id,
                mentions,
            })
            .collect(),
        page: page_url(archive, &urls::document(&document.id)),
        file: &document.source,
        download: urls::source_copy(&document.id, &document.source),
        sha256: &document.fixity.sha256,
        bytes: document.fixity.bytes,
        texts: document
            .texts
            .iter()
            .map(|text| TextRecord {
                role: match text.role {
                    TextRole::Original => "original",
                    TextRole::Translation => "translation",
                },
                language: &text.language,
                file: &text.source,
                download: urls::text_copy(&document.id, &text.key, &text.source),
                sha256: &text.fixity.sha256,
                bytes: text.fixity.bytes,
            })
            .collect(),
        scans: document
            .scans
            .iter()
            .enumerate()
            .map(|(at, scan)| ScanRecord {
                page: &scan.page,
                file: &scan.source,
                download: urls::scan(&document.id, at + 1, "", scan.format.extension()),
                format: scan.format.media_type(),
                width: scan.width,
                height: scan.height,
                sha256: &scan.fixity.sha256,
                bytes: scan.fixity.bytes,
            })
            .collect(),
        pdf: document.pdf.as_ref().map(|pdf| FileRecord {
            file: &pdf.source,
            download: urls::original_pdf(&document.id),
            sha256: &pdf.fixity.sha256,
            bytes: pdf.fixity.bytes,
        }),
    }
}

/// The columns of `catalogue.csv`, with their Frictionless types.
const CSV_COLUMNS: [(&str, &str); 25] = [
    ("id", "string"),
    ("number", "string"),
    ("title", "string"),
    ("date", "string"),
    ("date_display", "string"),
    ("date_start", "string"),
    ("type", "string"),
    ("authors", "string"),
    ("recipients", "string"),
    ("language", "string"),
    ("original_language", "string"),
    ("translators", "string"),
    ("source", "string"),
    ("rights", "string"),
    ("collections", "string"),
    ("subjects", "string"),
    ("related", "string"),
    ("entities", "string"),
    ("page", "string"),
    ("file", "string"),
    ("download", "string"),
    ("sha256", "string"),
    ("bytes", "integer"),
    // Markdown, as written.
    ("summary", "string"),
    // The other label/value pairs, as a JSON object.
    ("fields", "object"),
];

/// Lists in one CSV cell are joined with this.
pub(crate) const CSV_SEPARATOR: &str = "; ";

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a
/// carriage return first) gets a `'` before it, as OWASP's advice on CSV injection
/// says: an editor opens `catalogue.csv` in a spreadsheet, and a title is anyone's text.
fn inert_in_spreadsheets(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

fn csv(records: &[DocumentRecord<'_>]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS.iter().map(|(name, _)| *name))?;
    let join = |items: Vec<&str>| items.join(CSV_SEPARATOR);
    for r in records {
        let names = |list: &[Name<'_>]| join(list.iter().map(|n| n.name).collect());
        writer.write_record(
            [
                r.id.to_string(),
                r.number.unwrap_or_default().to_string(),
                r.title.to_string(),
                r.date.unwrap_or_default().to_string(),
                r.date_display.clone().unwrap_or_default(),
                r.date_start.clone().unwrap_or_default(),
                r.doc_type.unwrap_or_default().to_string(),
                names(&r.authors),
                names(&r.recipients),
                r.language.unwrap_or_default().to_string(),
                r.original_language.unwrap_or_default().to_string(),
                join(r.translators.clone()),
                r.source.unwrap_or_default().to_string(),
                r.rights.unwrap_or_default().to_string(),
                join(r.collections.clone()),
                join(r.subjects.clone()),
                join(r.related.clone()),
                join(r.entities.iter().map(|e| e.id).collect()),
                r.page.clone(),
                r.file.to_string(),
                r.download.clone(),
                r.sha256.to_string(),
                r.bytes.to_string(),
                r.summary.unwrap_or_default().to_string(),
                if r.fields.is_empty() {
                    String::new()
                } else {
                    serde_json::Value::Object(r.fields.clone()).to_string()
                },
            ]
            .map(inert_in_spreadsheets),
        )?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

#[derive(Debug, Serialize)]
struct EntityRecord<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: crate::catalog::EntityKind,
    aliases: &'a [String],
    /// Markdown.
    note: Option<&'a str>,
    links: &'a [String],
    page: String,
    /// The documents that name it, in date order, with how many times.
    documents: Vec<Mentioned<'a>>,
    mentions: usize,
}

/// `catalogue.json`: the archive and every document's record.
#[derive(Serialize)]
struct CatalogueFile<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    title: &'a str,
    description: Option<&'a str>,
    language: Option<&'a str>,
    base_url: Option<&'a str>,
    collections: Vec<CollectionRecord<'a>>,
    documents: &'a [DocumentRecord<'a>],
}

#[derive(Serialize)]
struct CollectionRecord<'a> {
    id: &'a str,
    title: &'a str,
    /// Markdown.
    description: Option<&'a str>,
}

/// The data files, and each document's source copied beside its page, into `sink`;
/// returns their paths.
pub(crate) fn files(archive: &Archive, collection: &Path, sink: &dyn Sink) -> Staged<Vec<String>> {
    let records = records(archive);
    let mut pages = Vec::new();
    // Written straight from the records: a `serde_json::Value` of the whole catalogue
    // would be several times its size in memory.
    let catalogue = CatalogueFile {
        schema: "catalogue.schema.json",
        title: &archive.title,
        description: archive.description.as_deref(),
        language: archive.language.as_deref(),
        base_url: archive.base_url.as_deref(),
        collections: archive
            .collections
            .iter()
            .map(|c| CollectionRecord {
                id: &c.id,
                title: &c.title,
                description: c.description.as_ref().map(|d| d.value.as_str()),
            })
            .collect(),
        documents: &records,
    };
    pages.push(json_file("catalogue.json", &catalogue));
    pages.push(OutputFile {
        path: "catalogue.schema.json".to_string(),
        bytes: include_bytes!("export/catalogue.schema.json").to_vec(),
    });
    let table = csv(&records).map_err(|e| Error::Output(format!("cannot write catalogue.csv: {e}")))?;
    pages.push(OutputFile {
        path: "catalogue.csv".to_string(),
        bytes: table,
    });
    let entities: Vec<EntityRecord<'_>> = archive
        .entities
        .iter()
        .map(|entity| EntityRecord {
            id: &entity.id,
            name: &entity.name,
            kind: entity.kind,
            aliases: &entity.aliases,
            note: entity.note.as_ref().map(|n| n.value.as_str()),
            links: &entity.links,
            page: page_url(archive, &urls::entity(&entity.id)),
            documents: entity
                .appearances
                .iter()
                .map(|a| Mentioned {
                    id: &archive.documents[a.document].id,
                    mentions: a.count,
                })
                .collect(),
            mentions: entity.appearances.iter().map(|a| a.count).sum(),
        })
        .collect();
    pages.push(json_file("entities.json", &entities));
    pages.push(json_file("datapackage.json", &datapackage(archive)));
    pages.extend(iiif::manifests(archive));
    let mut paths = Vec::new();
    for file in pages {
        paths.push(sink.put_listed(file)?);
    }
    paths.extend(sources(archive, collection, sink)?);
    Ok((paths, Diagnostics::default()))
}

fn json_file(path: &str, value: &impl Serialize) -> OutputFile {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile {
        path: path.to_string(),
        bytes,
    }
}

/// A Frictionless data package: the CSV with its table schema, and the JSON files.
fn datapackage(archive: &Archive) -> serde_json::Value {
    let name: String = slug::slugify(&archive.title);
    json!({
        "profile": "data-package",
        "name": if name.is_empty() { "archive".to_string() } else { name },
        "title": archive.title,
        "description": archive.description,
        "homepage": archive.base_url,
        "resources": [
            {
                "name": "catalogue",
                "path": "catalogue.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": format!("One row a document; lists joined with \"{CSV_SEPARATOR}\"."),
                "schema": {
                    "fields": CSV_COLUMNS.iter().map(|(name, kind)| json!({"name": name, "type": kind})).collect::<Vec<_>>(),
                    "primaryKey": "id",
                },
            },
            {
                "name": "catalogue-json",
                "path": "catalogue.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "schema": "catalogue.schema.json",
            },
            {
                "name": "entities",
                "path": "entities.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            },
        ],
    })
}

/// Each document's source file, as it is on disk, beside its page. A file that changed
/// since the build read it is an error: its copy would not match the SHA-256 the pages
/// give.
fn sources(archive: &Archive, collection: &Path, sink: &dyn Sink) -> Result<Vec<String>, Error> {
    // Read and written on every core: on a disk, many files in flight at once are
    // written sooner than one after the other.
    // Each document's main text, and its other texts beside it.
    let files: Vec<(String, &str, &Fixity)> = archive
        .documents
        .iter()
        .flat_map(|document| {
            std::iter::once((
                urls::source_copy(&document.id, &document.source),
                document.source.as_str(),
                &document.fixity,
            ))
            .chain(document.texts.iter().map(|text| {
                (
                    urls::text_copy(&document.id, &text.key, &text.source),
                    text.source.as_str(),
                    &text.fixity,
                )
            }))
        })
        .collect();
    let copied: Vec<Result<Result<String, Diagnostic>, Error>> = files
        .into_par_iter()
        .map(
            |(path, source, fixity)| match crate::sources::read_again(collection, source) {
                Ok(bytes) if Fixity::of(&bytes) == *fixity => sink.put_listed(OutputFile { path, bytes }).map(Ok),
                Ok(_) => Ok(Err(Diagnostic::error(
                    crate::sources::join(collection, source),
                    None,
                    "",
                    "the file changed while the archive was built; build again",
                ))),
                Err(diagnostic) => Ok(Err(diagnostic)),
            },
        )
        .collect();
    let mut paths = Vec::with_capacity(copied.len());
    let mut problems = Diagnostics::default();
    for copy in copied {
        match copy? {
            Ok(path) => paths.push(path),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.has_errors() {
        return Err(Error::Invalid(problems));
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_made_inert() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("A letter", "A letter"),
            ("", ""),
        ] {
            assert_eq!(inert_in_spreadsheets(cell.to_string()), written);
        }
    }

    /// A model of a small collection written to a temporary folder, kept alive with it.
    fn model_of(catalogue: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, Archive) {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("INDEX.md"), catalogue).expect("catalogue");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("source");
        }
        let archive = crate::model(dir.path(), crate::sources::Encoding::Strict).expect("the collection builds");
        (dir, archive)
    }

    const CATALOGUE: &str = "---\ntitle: Exports\nbase_url: https://example.org/\nentities:\n  \
        - id: zhou\n    name: Zhou Enlai\n    type: person\n  - id: berlin\n    name: Berlin\n    type: place\n\
        documents:\n  - file: a.txt\n    title: \"=A letter\"\n    authors: [zhou, A. Plain]\n    \
        subjects: [Trade, Aid]\n  - file: b.txt\n    title: B\n---\n";

    #[test]
    fn a_record_names_registered_people_by_their_entity_and_counts_mentions_by_id() {
        let (_dir, archive) = model_of(
            CATALOGUE,
            &[
                (
                    "a.txt",
                    "Zhou Enlai went to Berlin. Berlin was cold; Zhou Enlai left.\n",
                ),
                ("b.txt", "Nobody is named.\n"),
            ],
        );
        let records = records(&archive);
        assert_eq!(records.iter().map(|r| r.id).collect::<Vec<_>>(), ["a", "b"]);
        let authors: Vec<(&str, Option<&str>)> = records[0].authors.iter().map(|n| (n.name, n.entity)).collect();
        assert_eq!(authors, [("Zhou Enlai", Some("zhou")), ("A. Plain", None)]);
        let named: Vec<(&str, usize)> = records[0].entities.iter().map(|e| (e.id, e.mentions)).collect();
        assert_eq!(named, [("berlin", 2), ("zhou", 2)], "by id, each with its count");
        assert!(records[1].entities.is_empty());
        assert_eq!(records[0].page, "https://example.org/documents/a/index.html");
    }

    #[test]
    fn the_csv_has_a_header_and_a_row_a_document_with_lists_joined_and_formulas_inert() {
        let (_dir, archive) = model_of(CATALOGUE, &[("a.txt", "Text.\n"), ("b.txt", "Text.\n")]);
        let bytes = csv(&records(&archive)).expect("a table");
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader.headers().expect("a header").iter().map(String::from).collect();
        assert_eq!(header, CSV_COLUMNS.map(|(name, _)| name.to_string()));
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
        assert_eq!(rows.len(), 2);
        let cell = |row: &csv::StringRecord, column: &str| {
            let at = header.iter().position(|h| h == column).expect("a column");
            row[at].to_string()
        };
        assert_eq!(cell(&rows[0], "title"), "'=A letter");
        assert_eq!(cell(&rows[0], "authors"), format!("Zhou Enlai{CSV_SEPARATOR}A. Plain"));
        assert_eq!(cell(&rows[0], "subjects"), format!("Trade{CSV_SEPARATOR}Aid"));
        assert_eq!(cell(&rows[1], "authors"), "");
    }

    #[test]
    fn every_source_is_copied_byte_for_byte_and_one_changed_since_it_was_read_is_an_error() {
        let (dir, archive) = model_of(CATALOGUE, &[("a.txt", "Text a.\r\n"), ("b.txt", "Text b.\n")]);
        let copies = crate::output::Collect::default();
        let paths = sources(&archive, dir.path(), &copies).expect("copied");
        assert_eq!(paths.len(), 2);
        // Copied on every core: in any order.
        let copied = copies.into_pages();
        let a = copied
            .iter()
            .find(|file| file.path == urls::source_copy("a", "a.txt"))
            .expect("a's copy");
        assert_eq!(a.bytes, b"Text a.\r\n", "line ends kept");

        std::fs::write(dir.path().join("b.txt"), "Text B.\n").expect("an edit");
        let Err(Error::Invalid(problems)) = sources(&archive, dir.path(), &crate::output::Collect::default()) else {
            panic!("a changed source must fail the build");
        };
        let messages: Vec<String> = problems.errors().map(|d| d.message.clone()).collect();
        assert_eq!(messages, ["the file changed while the archive was built; build again"]);
    }
}
