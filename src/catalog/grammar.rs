//! The catalogue's grammar: every key of the front matter, a collection, an entity and
//! a document, read and checked, each problem with its line.

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_yaml::{Mapping, Value};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edtf::EdtfDate;

use super::ids::{base_url, check_language, clash, is_safe_segment, segment_problem};
use super::locate::Step;
use super::read::{self, describe, Reader};
use super::styles;
use super::values::{
    Catalog, Charset, CollectionDef, DocumentMeta, EntityDef, EntityKind, Entry, Located, Paragraphs, ReadingOrder,
    ScanList, TextEntry,
};
use super::yaml::{parse_yaml, split_front_matter};

/// Keys of the catalogue's front matter.
pub(super) const CATALOG_KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "interface_language",
    "base_url",
    "theme",
    "exclude",
    "allow_raw_html",
    "citation_styles",
    "contact_email",
    "oai_gateway",
    "paragraphs",
    "encoding",
    "order",
    "cross_references",
    "extra",
    "collections",
    "entities",
    "documents",
];
pub(super) const COLLECTION_KEYS: &[&str] = &["id", "title", "description"];
pub(super) const ENTITY_KEYS: &[&str] = &["id", "name", "type", "aliases", "note", "links", "family", "given"];
/// Keys that describe a document, in the catalogue or in a Markdown front matter.
pub const DOCUMENT_KEYS: &[&str] = &[
    "id",
    "number",
    "title",
    "date",
    "type",
    "authors",
    "recipients",
    "language",
    "original_language",
    "translator",
    "source",
    "rights",
    "collections",
    "subjects",
    "summary",
    "related",
    "fields",
    "paragraphs",
    "scans",
    "first_page",
    "pdf",
    "original",
    "translations",
    "encoding",
];

/// Keys of a document's other text (`original:`, each of `translations:`).
pub(super) const TEXT_KEYS: &[&str] = &["file", "language", "paragraphs", "encoding"];

/// Reads `INDEX.md`. `path` is how the user named the file, for messages.
///
/// `Err` when nothing can be read (no front matter, broken YAML); otherwise the
/// catalogue as far as it is valid, with every problem found in it, so that the build
/// can go on to find the problems of the files too and report them all at once.
pub fn parse_catalog(path: &Path, text: &str) -> crate::error::Staged<Catalog> {
    read_catalog(path, text).map_err(crate::error::Error::Invalid)
}

/// [`parse_catalog`], whose `Err` is the problems that stopped it.
fn read_catalog(path: &Path, text: &str) -> Result<(Catalog, Diagnostics), Diagnostics> {
    let front = match split_front_matter(path, text) {
        Ok(Some(front)) => front,
        Ok(None) => {
            return Err(Diagnostics(vec![Diagnostic::error(
                path,
                Some(1),
                "",
                "the catalogue must open with YAML front matter between `---` lines, with at least a `title`",
            )]))
        }
        Err(diagnostic) => return Err(Diagnostics(vec![diagnostic])),
    };
    let tree = parse_yaml(path, front.yaml, front.yaml_line).map_err(|d| Diagnostics(vec![d]))?;
    let mut reader = Reader::new(path, front.yaml, front.yaml_line);
    let empty = Mapping::new();
    let root = match &tree {
        Value::Null => &empty,
        other => match reader.mapping(other, &[], "the catalogue's front matter") {
            Some(mapping) => mapping,
            None => return Err(reader.diagnostics),
        },
    };
    reader.check_keys(root, CATALOG_KEYS, &[]);

    let title = reader.required_text(root, "title", &[]).unwrap_or_default();
    let description = reader.optional_text(root, "description", &[]);
    let language = reader.optional_text(root, "language", &[]);
    if let Some(code) = &language {
        check_language(&mut reader, code, &[Step::Key("language")]);
    }
    let interface_language = reader.optional_text(root, "interface_language", &[]);
    if let Some(code) = &interface_language {
        check_language(&mut reader, code, &[Step::Key("interface_language")]);
    }
    let base_url = reader
        .optional_text(root, "base_url", &[])
        .and_then(|url| match base_url(&url) {
            Ok(url) => Some(url),
            Err(message) => {
                reader.error(&[Step::Key("base_url")], message);
                None
            }
        });
    let theme = reader
        .optional_text(root, "theme", &[])
        .unwrap_or_else(|| "default".to_string());
    if !is_safe_segment(&theme) {
        reader.error(
            &[Step::Key("theme")],
            format!("`{theme}` must be the name of a folder under themes/"),
        );
    }
    let exclude = read_exclude(&mut reader, root);
    let allow_raw_html = match reader.optional_text(root, "allow_raw_html", &[]).as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            reader.error(
                &[Step::Key("allow_raw_html")],
                format!("`{other}` must be `true` or `false`"),
            );
            false
        }
    };
    let mut citation_styles = Vec::new();
    for (index, (name, _)) in reader.list(root, "citation_styles", &[]).into_iter().enumerate() {
        if styles::is_style(&name) {
            citation_styles.push(name);
        } else {
            let hint = match styles::nearest_style(&name) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("use a CSL style name such as {}", styles::DEFAULT_STYLES.join(", ")),
            };
            reader.error_about(
                &[Step::Key("citation_styles"), Step::Index(index)],
                &name,
                format!("no citation style `{name}`"),
                Some(hint),
            );
        }
    }
    if citation_styles.is_empty() {
        citation_styles = styles::DEFAULT_STYLES.iter().map(|s| s.to_string()).collect();
    }
    let contact_email = reader.optional_text(root, "contact_email", &[]).and_then(|email| {
        let valid = email
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !email.contains(char::is_whitespace));
        if valid {
            Some(email)
        } else {
            reader.error(
                &[Step::Key("contact_email")],
                format!("`{email}` is not an email address"),
            );
            None
        }
    });
    let oai_gateway = reader
        .optional_text(root, "oai_gateway", &[])
        .and_then(|url| match self::base_url(&url) {
            Ok(url) => Some(url),
            Err(message) => {
                reader.error(&[Step::Key("oai_gateway")], message);
                None
            }
        });
    let paragraphs = read_paragraphs(&mut reader, root, &[]);
    let encoding = read_encoding(&mut reader, root, &[]);
    let order = match reader.optional_text(root, "order", &[]).as_deref() {
        None | Some("date") => ReadingOrder::Date,
        Some("catalogue" | "catalog") => ReadingOrder::Catalogue,
        Some(other) => {
            let other = other.to_string();
            reader.error_about(
                &[Step::Key("order")],
                &other,
                format!("`{other}` is not an order of reading"),
                Some("use `date` (the default) or `catalogue` (as the documents are listed here)".to_string()),
            );
            ReadingOrder::Date
        }
    };
    let mut cross_references = Vec::new();
    for (index, (form, _)) in reader.list(root, "cross_references", &[]).into_iter().enumerate() {
        match crate::crossrefs::check_form(&form) {
            Ok(()) => cross_references.push(form),
            Err(message) => reader.error_about(
                &[Step::Key("cross_references"), Step::Index(index)],
                &form,
                message,
                Some("write the form as the texts do, such as `No. {number}` or `Document {number}`".to_string()),
            ),
        }
    }
    let extra = read_pairs(&mut reader, root, "extra", &[]);
    let collections = read_collections(&mut reader, root);
    let entities = read_entities(&mut reader, root);
    let entries = read_entries(&mut reader, root);

    let diagnostics = reader.diagnostics;
    Ok((
        Catalog {
            path: path.to_path_buf(),
            title,
            description,
            language,
            interface_language,
            base_url,
            theme,
            exclude,
            allow_raw_html,
            citation_styles,
            contact_email,
            oai_gateway,
            paragraphs,
            encoding,
            order,
            cross_references,
            extra,
            collections,
            entities,
            entries,
            introduction: front.body.to_string(),
            introduction_line: front.body_line,
        },
        diagnostics,
    ))
}

/// Reads the front matter of a Markdown document: its metadata and where its body starts.
pub fn read_front_matter<'t>(path: &Path, text: &'t str) -> Result<(DocumentMeta, &'t str), Diagnostics> {
    let front = match split_front_matter(path, text) {
        Ok(Some(front)) => front,
        Ok(None) => return Ok((DocumentMeta::default(), text)),
        Err(diagnostic) => return Err(Diagnostics(vec![diagnostic])),
    };
    let tree = parse_yaml(path, front.yaml, front.yaml_line).map_err(|d| Diagnostics(vec![d]))?;
    let mut reader = Reader::new(path, front.yaml, front.yaml_line);
    let meta = match &tree {
        Value::Null => DocumentMeta::default(),
        other => match reader.mapping(other, &[], "front matter") {
            Some(mapping) => {
                reader.check_keys(mapping, DOCUMENT_KEYS, &[]);
                read_document_meta(&mut reader, mapping, &[])
            }
            None => DocumentMeta::default(),
        },
    };
    reader.diagnostics.into_result()?;
    Ok((meta, front.body))
}

pub(super) fn read_exclude(reader: &mut Reader<'_>, root: &Mapping) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for (index, (pattern, _)) in reader.list(root, "exclude", &[]).into_iter().enumerate() {
        match Glob::new(&pattern) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(error) => reader.error(
                &[Step::Key("exclude"), Step::Index(index)],
                format!("`{pattern}` is not a valid glob: {}", error.kind()),
            ),
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// The items of a top-level list of mappings such as `collections:`.
pub(super) fn list_of_mappings<'v>(
    reader: &mut Reader<'_>,
    root: &'v Mapping,
    key: &'static str,
) -> Vec<(usize, &'v Mapping)> {
    match root.get(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Sequence(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let path = [Step::Key(key), Step::Index(index)];
                reader.mapping(item, &path, "an entry").map(|m| (index, m))
            })
            .collect(),
        Some(other) => {
            reader.error(
                &[Step::Key(key)],
                format!(
                    "expected a list of entries (`- id: ...` lines), found {}",
                    read::kind_of(other)
                ),
            );
            Vec::new()
        }
    }
}

pub(super) fn read_collections(reader: &mut Reader<'_>, root: &Mapping) -> Vec<CollectionDef> {
    let mut collections: Vec<CollectionDef> = Vec::new();
    for (index, mapping) in list_of_mappings(reader, root, "collections") {
        let path = [Step::Key("collections"), Step::Index(index)];
        reader.check_keys(mapping, COLLECTION_KEYS, &path);
        let Some(id) = read_id(reader, mapping, &path, true) else {
            continue;
        };
        if let Some(problem) = clash(collections.iter().map(|c| c.id.as_str()), &id, "collection") {
            reader.error(&[path[0], path[1], Step::Key("id")], problem);
            continue;
        }
        let title = reader
            .optional_text(mapping, "title", &path)
            .unwrap_or_else(|| id.clone());
        let description = located_text(reader, mapping, "description", &path);
        collections.push(CollectionDef { id, title, description });
    }
    collections
}

pub(super) fn read_entities(reader: &mut Reader<'_>, root: &Mapping) -> Vec<EntityDef> {
    let mut entities: Vec<EntityDef> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (index, mapping) in list_of_mappings(reader, root, "entities") {
        let path = [Step::Key("entities"), Step::Index(index)];
        reader.check_keys(mapping, ENTITY_KEYS, &path);
        let id = read_id(reader, mapping, &path, true);
        if let Some(id) = &id {
            if let Some(problem) = clash(seen.iter().map(String::as_str), id, "entity") {
                reader.error(&[path[0], path[1], Step::Key("id")], problem);
                continue;
            }
            seen.push(id.clone());
        }
        let name = reader.required_text(mapping, "name", &path);
        let kind_text = reader.required_text(mapping, "type", &path);
        let kind = kind_text.as_deref().and_then(|text| {
            let kind = EntityKind::parse(text);
            if kind.is_none() {
                reader.error(
                    &[path[0], path[1], Step::Key("type")],
                    format!(
                        "`{text}` is not an entity type (one of: {})",
                        EntityKind::NAMES.join(", ")
                    ),
                );
            }
            kind
        });
        let aliases = reader
            .list(mapping, "aliases", &path)
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        let note = located_text(reader, mapping, "note", &path);
        let mut links = Vec::new();
        for (index, (link, _)) in reader.list(mapping, "links", &path).into_iter().enumerate() {
            if (link.starts_with("https://") || link.starts_with("http://")) && !link.contains(char::is_whitespace) {
                links.push(link);
            } else {
                reader.error(
                    &[path[0], path[1], Step::Key("links"), Step::Index(index)],
                    format!("`{link}` must be an absolute http:// or https:// URL"),
                );
            }
        }
        let family = reader.optional_text(mapping, "family", &path);
        let given = reader.optional_text(mapping, "given", &path);
        if given.is_some() && family.is_none() {
            reader.error(
                &[path[0], path[1], Step::Key("given")],
                "`given` names need a `family` name beside them".to_string(),
            );
        }
        if family.is_some() && kind.is_some_and(|kind| kind != EntityKind::Person) {
            reader.error(
                &[path[0], path[1], Step::Key("family")],
                "only a person has a family name: an organization's or a place's name is kept whole".to_string(),
            );
        }
        let (Some(id), Some(name), Some(kind)) = (id, name, kind) else {
            continue;
        };
        entities.push(EntityDef {
            id,
            name,
            kind,
            aliases,
            note,
            links,
            family,
            given,
        });
    }
    entities
}

pub(super) fn read_entries(reader: &mut Reader<'_>, root: &Mapping) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (index, mapping) in list_of_mappings(reader, root, "documents") {
        let path = [Step::Key("documents"), Step::Index(index)];
        let mut allowed = vec!["file"];
        allowed.extend_from_slice(DOCUMENT_KEYS);
        reader.check_keys(mapping, &allowed, &path);
        let file = reader.required_text(mapping, "file", &path);
        let meta = read_document_meta(reader, mapping, &path);
        if let Some(file) = file {
            let file_path = [path[0], path[1], Step::Key("file")];
            entries.push(Entry {
                file: Located {
                    value: file,
                    file: reader.file.to_path_buf(),
                    line: reader.line(&file_path),
                    context: describe(&file_path),
                },
                meta,
            });
        }
    }
    entries
}

pub(super) fn read_document_meta(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>]) -> DocumentMeta {
    let at = |reader: &Reader<'_>, key: &'static str, index: Option<usize>| {
        let mut p = path.to_vec();
        p.push(Step::Key(key));
        if let Some(index) = index {
            p.push(Step::Index(index));
        }
        (reader.line(&p), describe(&p))
    };
    let id = if mapping.contains_key("id") {
        read_id(reader, mapping, path, false).map(|value| {
            let (line, context) = at(reader, "id", None);
            Located {
                value,
                file: reader.file.to_path_buf(),
                line,
                context,
            }
        })
    } else {
        None
    };
    let date = reader
        .optional_text(mapping, "date", path)
        .and_then(|text| match EdtfDate::parse(&text) {
            Ok(date) => Some(date),
            Err(error) => {
                let mut p = path.to_vec();
                p.push(Step::Key("date"));
                reader.error(&p, format!("{error}"));
                None
            }
        });
    for key in ["language", "original_language"] {
        if let Some(code) = reader.optional_text(mapping, key, path) {
            let mut p = path.to_vec();
            p.push(Step::Key(key));
            check_language(reader, &code, &p);
        }
    }
    let located = |reader: &mut Reader<'_>, key: &'static str| -> Vec<Located<String>> {
        reader
            .list(mapping, key, path)
            .into_iter()
            .enumerate()
            .map(|(index, (value, _))| {
                let (line, context) = at(reader, key, Some(index));
                Located {
                    value,
                    file: reader.file.to_path_buf(),
                    line,
                    context,
                }
            })
            .collect()
    };
    let texts = |reader: &mut Reader<'_>, key: &'static str| -> Vec<String> {
        reader.list(mapping, key, path).into_iter().map(|(t, _)| t).collect()
    };
    DocumentMeta {
        id,
        number: reader.optional_text(mapping, "number", path),
        title: reader.optional_text(mapping, "title", path),
        date,
        doc_type: reader.optional_text(mapping, "type", path),
        authors: texts(reader, "authors"),
        recipients: texts(reader, "recipients"),
        language: reader.optional_text(mapping, "language", path),
        original_language: reader.optional_text(mapping, "original_language", path),
        translators: texts(reader, "translator"),
        source: reader.optional_text(mapping, "source", path),
        rights: reader.optional_text(mapping, "rights", path),
        collections: located(reader, "collections"),
        subjects: texts(reader, "subjects"),
        summary: located_text(reader, mapping, "summary", path),
        related: located(reader, "related"),
        fields: read_fields(reader, mapping, path),
        paragraphs: read_paragraphs(reader, mapping, path),
        scans: read_scans(reader, mapping, path),
        pdf: located_text(reader, mapping, "pdf", path),
        encoding: read_encoding(reader, mapping, path),
        original: read_original(reader, mapping, path),
        translations: read_translations(reader, mapping, path),
    }
}

/// Whether a BCP 47 code's language is one ISO 639 has (two letters: 639-1, three:
/// 639-3), by isolang's tables: a reader must be told a real language.
fn is_known_language(code: &str) -> bool {
    crate::text::iso_639(code).is_some()
}

/// `original: {file: memo.ru.txt, language: ru}`.
fn read_original(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>]) -> Option<TextEntry> {
    let value = mapping.get("original").filter(|v| !v.is_null())?;
    let mut text_path = path.to_vec();
    text_path.push(Step::Key("original"));
    let text = reader.mapping(value, &text_path, "a text (`{file: …, language: …}`)")?;
    read_text_entry(reader, text, &text_path)
}

/// `translations: [{file: memo.de.txt, language: de}, …]`.
fn read_translations(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>]) -> Vec<TextEntry> {
    let mut list_path = path.to_vec();
    list_path.push(Step::Key("translations"));
    match mapping.get("translations") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Sequence(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let mut item_path = list_path.clone();
                item_path.push(Step::Index(index));
                let text = reader.mapping(item, &item_path, "a text (`{file: …, language: …}`)")?;
                read_text_entry(reader, text, &item_path)
            })
            .collect(),
        Some(other) => {
            reader.error(
                &list_path,
                format!(
                    "expected a list of texts (`- {{file: …, language: …}}` lines), found {}",
                    read::kind_of(other)
                ),
            );
            Vec::new()
        }
    }
}

fn read_text_entry(reader: &mut Reader<'_>, text: &Mapping, path: &[Step<'_>]) -> Option<TextEntry> {
    reader.check_keys(text, TEXT_KEYS, path);
    let file = located_text(reader, text, "file", path);
    if file.is_none() {
        reader.error(path, "missing required key `file`");
    }
    let language = reader.required_text(text, "language", path);
    if let Some(code) = &language {
        let mut language_path = path.to_vec();
        language_path.push(Step::Key("language"));
        let before = reader.diagnostics.0.len();
        check_language(reader, code, &language_path);
        // A well-formed code must also name a language: `xx` is none.
        if reader.diagnostics.0.len() == before && !is_known_language(code) {
            reader.error(
                &language_path,
                format!("`{code}` is not a language ISO 639 knows (such as `en`, `ru`, `de`, `zh`)"),
            );
        }
    }
    let paragraphs = read_paragraphs(reader, text, path);
    let encoding = read_encoding(reader, text, path);
    Some(TextEntry {
        file: file?,
        language: language?,
        paragraphs,
        encoding,
    })
}

/// `scans:` — a path or glob, a list of them (with `first_page:`), or a mapping of
/// page numbers to paths. Whether the files exist is the documents stage's to say.
pub(super) fn read_scans(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>]) -> Option<ScanList> {
    let mut scans_path = path.to_vec();
    scans_path.push(Step::Key("scans"));
    let mut first_path = path.to_vec();
    first_path.push(Step::Key("first_page"));
    let first_page = reader.optional_text(mapping, "first_page", path);
    let located = |reader: &Reader<'_>, value: String, at: &[Step<'_>]| Located {
        value,
        file: reader.file.to_path_buf(),
        line: reader.line(at),
        context: describe(at),
    };
    let scans = match mapping.get("scans") {
        None | Some(Value::Null) => None,
        Some(Value::Mapping(pages)) => {
            if first_page.is_some() {
                reader.error(
                    &first_path,
                    "`first_page:` goes with a list of scans; a mapping gives each page's number itself",
                );
            }
            let mut listed = Vec::new();
            for (page, file) in pages {
                let Some(page) = read::key_text(page).filter(|p| !p.trim().is_empty()) else {
                    reader.error(&scans_path, "a page must be a number or a word, as the texts write it");
                    continue;
                };
                let mut file_path = scans_path.clone();
                let key = page.clone();
                file_path.push(Step::Key(&key));
                if let Some(file) = reader.text(file, &file_path).filter(|f| !f.trim().is_empty()) {
                    listed.push((page.trim().to_string(), located(reader, file, &file_path)));
                } else if !matches!(file, Value::Sequence(_) | Value::Mapping(_)) {
                    reader.error(&file_path, "must name an image file");
                }
            }
            Some(ScanList::Pages(listed))
        }
        Some(_) => {
            let files = reader
                .list(mapping, "scans", path)
                .into_iter()
                .enumerate()
                .map(|(index, (file, _))| {
                    let mut item_path = scans_path.clone();
                    if matches!(mapping.get("scans"), Some(Value::Sequence(_))) {
                        item_path.push(Step::Index(index));
                    }
                    located(reader, file, &item_path)
                })
                .collect();
            let first_page = match &first_page {
                None => 1,
                Some(text) => match text.trim().parse::<u32>() {
                    Ok(number) if number > 0 => number,
                    _ => {
                        reader.error_about(
                            &first_path,
                            text,
                            format!("`{text}` is not a page number (1, 2, 3…)"),
                            Some("for pages numbered otherwise (`iv`), map each page to its image: `scans: {iv: scans/4.png}`".to_string()),
                        );
                        1
                    }
                },
            };
            Some(ScanList::Sequence { files, first_page })
        }
    };
    if scans.is_none() && first_page.is_some() {
        reader.error(
            &first_path,
            "`first_page:` says which page the first scan shows, but there are no `scans:`",
        );
    }
    scans
}

/// `encoding: windows-1251`: any label of the WHATWG Encoding Standard.
pub(super) fn read_encoding(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>]) -> Option<Charset> {
    let label = reader.optional_text(mapping, "encoding", path)?;
    let charset = Charset::for_label(&label);
    if charset.is_none() {
        let mut p = path.to_vec();
        p.push(Step::Key("encoding"));
        reader.error_about(
            &p,
            &label,
            format!("`{label}` is not a character encoding dossier knows"),
            Some("use a label of the WHATWG Encoding Standard, such as `windows-1251`, `koi8-r`, `iso-8859-2`, `shift_jis`, `euc-kr`, `gb18030`, `big5`, `utf-16le`".to_string()),
        );
    }
    charset
}

/// `paragraphs: width | blank-lines | lines`.
pub(super) fn read_paragraphs(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>]) -> Option<Paragraphs> {
    let name = reader.optional_text(mapping, "paragraphs", path)?;
    let found = Paragraphs::NAMES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, layout)| *layout);
    if found.is_none() {
        let mut p = path.to_vec();
        p.push(Step::Key("paragraphs"));
        reader.error_about(
            &p,
            &name,
            format!("`{name}` is not a paragraph layout"),
            Some(
                "use `width` (wrapped, a short line ends a paragraph), `blank-lines` or `lines` (one paragraph a line)"
                    .to_string(),
            ),
        );
    }
    found
}

pub(super) fn read_fields(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>]) -> Vec<(String, String)> {
    read_pairs(reader, mapping, "fields", path)
}

/// A mapping of labels to text values (a list joined with `; `), in the order written.
pub(super) fn read_pairs(
    reader: &mut Reader<'_>,
    mapping: &Mapping,
    key: &'static str,
    path: &[Step<'_>],
) -> Vec<(String, String)> {
    let mut fields_path = path.to_vec();
    fields_path.push(Step::Key(key));
    let Some(value) = mapping.get(key) else {
        return Vec::new();
    };
    if value.is_null() {
        return Vec::new();
    }
    let Some(fields) = reader.mapping(value, &fields_path, "label: value pairs") else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    for (label, value) in fields {
        let Some(label) = read::key_text(label) else {
            reader.error(&fields_path, "field labels must be text");
            continue;
        };
        let mut value_path = fields_path.clone();
        value_path.push(Step::Key(&label));
        let text = match value {
            Value::Sequence(items) => {
                let mut parts = Vec::new();
                for (index, item) in items.iter().enumerate() {
                    let mut item_path = value_path.clone();
                    item_path.push(Step::Index(index));
                    parts.extend(reader.text(item, &item_path));
                }
                Some(parts.join("; "))
            }
            other => reader.text(other, &value_path),
        };
        if let Some(text) = text {
            pairs.push((label, text));
        }
    }
    pairs
}

/// An optional text with where it was written: Markdown whose links are checked later.
pub(super) fn located_text(
    reader: &mut Reader<'_>,
    mapping: &Mapping,
    key: &'static str,
    path: &[Step<'_>],
) -> Option<Located<String>> {
    let value = reader.optional_text(mapping, key, path)?;
    let mut key_path = path.to_vec();
    key_path.push(Step::Key(key));
    let line = reader.line(&key_path);
    Some(Located {
        value,
        file: reader.file.to_path_buf(),
        line,
        context: describe(&key_path),
    })
}

/// An `id`: required for collections and entities, and a safe path segment everywhere,
/// since ids name folders of the output.
pub(super) fn read_id(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>], required: bool) -> Option<String> {
    let mut id_path = path.to_vec();
    id_path.push(Step::Key("id"));
    let id = if required {
        reader.required_text(mapping, "id", path)?
    } else {
        let written = reader.optional_text(mapping, "id", path);
        if written.is_none() && mapping.get("id").is_some_and(|v| v.as_str().is_some()) {
            reader.error(
                &id_path,
                "the id is empty: give one, or leave the key out to use the file's name",
            );
        }
        written?
    };
    if let Some(problem) = segment_problem(&id) {
        reader.error(&id_path, format!("the id `{id}` {problem}"));
        return None;
    }
    Some(id)
}
