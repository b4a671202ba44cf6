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

mod locate;
mod read;
pub mod styles;

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_yaml::{Mapping, Value};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edtf::EdtfDate;
use locate::Step;
pub use read::closest;
use read::{describe, Reader};

/// Keys of the catalogue's front matter.
const CATALOG_KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "base_url",
    "theme",
    "exclude",
    "allow_raw_html",
    "citation_styles",
    "contact_email",
    "oai_gateway",
    "paragraphs",
    "order",
    "cross_references",
    "extra",
    "collections",
    "entities",
    "documents",
];
const COLLECTION_KEYS: &[&str] = &["id", "title", "description"];
const ENTITY_KEYS: &[&str] = &["id", "name", "type", "aliases", "note", "links", "family", "given"];
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
];

/// A value with the place it was written, for errors found after the catalogue is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub file: PathBuf,
    pub line: usize,
    /// `documents[2].related`, the structural place of the value.
    pub context: String,
}

impl Located<String> {
    /// A problem with this value, pointing at it on its line.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.file, Some(self.line), self.context.clone(), message).about(self.value.as_str())
    }
}

/// The validated catalogue.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// `INDEX.md` as the user named it (`seeds/INDEX.md`), for messages.
    pub path: PathBuf,
    pub title: String,
    pub description: Option<String>,
    pub language: Option<String>,
    /// Always ends with `/`.
    pub base_url: Option<String>,
    pub theme: String,
    pub exclude: GlobSet,
    /// Raw HTML in Markdown is trusted as written instead of sanitised.
    pub allow_raw_html: bool,
    /// The citation styles of "Cite this document", by their CSL names.
    pub citation_styles: Vec<String>,
    /// Whom harvesters write to (the OAI repository's `adminEmail`).
    pub contact_email: Option<String>,
    /// The OAI-PMH static repository gateway that serves `oai.xml` to harvesters; ends
    /// with `/`.
    pub oai_gateway: Option<String>,
    /// How the collection's plain texts lay out paragraphs, unless a document says.
    pub paragraphs: Option<Paragraphs>,
    /// The order of reading: previous and next on a document page.
    pub order: ReadingOrder,
    /// How the texts refer to a document by its number ("No. {number}").
    pub cross_references: Vec<String>,
    /// Values for a collection's own templates (`site.extra`), in place of anything a
    /// template might have read from the environment.
    pub extra: Vec<(String, String)>,
    pub collections: Vec<CollectionDef>,
    pub entities: Vec<EntityDef>,
    pub entries: Vec<Entry>,
    /// The Markdown body, shown on the home page.
    pub introduction: String,
    /// The file line the introduction starts on.
    pub introduction_line: usize,
}

#[derive(Debug, Clone)]
pub struct CollectionDef {
    pub id: String,
    pub title: String,
    /// Markdown.
    pub description: Option<Located<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Event,
    Work,
}

impl EntityKind {
    /// Every kind, in the order the site lists them.
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Event,
        EntityKind::Work,
    ];

    const NAMES: &'static [&'static str] = &["person", "organization", "place", "event", "work"];

    fn parse(text: &str) -> Option<EntityKind> {
        Some(match text {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Organization,
            "place" => EntityKind::Place,
            "event" => EntityKind::Event,
            "work" => EntityKind::Work,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct EntityDef {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// Markdown.
    pub note: Option<Located<String>>,
    /// The same entity elsewhere (Wikidata, VIAF, ...): absolute http(s) URLs.
    pub links: Vec<String>,
    /// A person's family name, and given names: how directories sort them and
    /// citations invert them. Without them the name is read in Western order.
    pub family: Option<String>,
    pub given: Option<String>,
}

impl EntityDef {
    /// A person's name in its parts: the catalogue's, or else read from the name;
    /// none for other kinds, whose names are never split.
    pub fn person_name(&self) -> Option<crate::names::PersonName> {
        if self.kind != EntityKind::Person {
            return None;
        }
        match self.family.as_deref() {
            Some(family) => Some(crate::names::PersonName::from_parts(family, self.given.as_deref())),
            None => crate::names::PersonName::guess(&self.name),
        }
    }

    /// The name as an index lists it: `Khrushchev, Nikita` for a person, the name
    /// as written for anything else.
    pub fn index_label(&self) -> String {
        self.person_name().map_or_else(|| self.name.clone(), |n| n.label())
    }
}

/// One `documents:` entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The path as written, relative to the collection.
    pub file: Located<String>,
    pub meta: DocumentMeta,
}

/// What the catalogue or a front matter says of a document; every key is optional.
#[derive(Debug, Clone, Default)]
pub struct DocumentMeta {
    pub id: Option<Located<String>>,
    /// The number the edition gives the document (FRUS "5", a letter's "104").
    pub number: Option<String>,
    pub title: Option<String>,
    pub date: Option<EdtfDate>,
    pub doc_type: Option<String>,
    pub authors: Vec<String>,
    pub recipients: Vec<String>,
    pub language: Option<String>,
    pub original_language: Option<String>,
    pub translators: Vec<String>,
    pub source: Option<String>,
    pub rights: Option<String>,
    pub collections: Vec<Located<String>>,
    pub subjects: Vec<String>,
    pub summary: Option<Located<String>>,
    pub related: Vec<Located<String>>,
    /// Any other label/value pairs, in the order written.
    pub fields: Vec<(String, String)>,
    /// How its plain text lays out paragraphs, in place of the collection's.
    pub paragraphs: Option<Paragraphs>,
}

/// The order a reader goes through the documents, previous to next: the catalogue's
/// `order:`. By date suits letters; a volume of numbered documents, whose undated
/// editorial notes stand between the dated ones, is read in the catalogue's order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ReadingOrder {
    /// By date, undated documents last.
    #[default]
    Date,
    /// As the catalogue lists them.
    Catalogue,
}

/// How a plain-text transcription lays out its paragraphs: the catalogue's
/// `paragraphs:`, for the collection or one document. Where neither says, the layout is
/// read from the text itself (see `reflow::detect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Paragraphs {
    /// Hard-wrapped to a page's width, a paragraph ending on a line that left room for
    /// the next word (a PDF extraction); a blank line is a page break of the source.
    Width,
    /// Hard-wrapped, paragraphs separated by blank lines (Project Gutenberg, most
    /// typed editions).
    BlankLines,
    /// One paragraph per line, never wrapped (a word processor's or a database's export).
    Lines,
}

impl Paragraphs {
    pub const NAMES: [(&'static str, Paragraphs); 3] = [
        ("width", Paragraphs::Width),
        ("blank-lines", Paragraphs::BlankLines),
        ("lines", Paragraphs::Lines),
    ];

    pub fn name(self) -> &'static str {
        Paragraphs::NAMES
            .iter()
            .find(|(_, layout)| *layout == self)
            .map_or("width", |(name, _)| name)
    }
}

impl DocumentMeta {
    /// Fills what `self` leaves open from `other`: the catalogue's values win over a
    /// document's own front matter.
    pub fn or(self, other: DocumentMeta) -> DocumentMeta {
        fn list<T>(mine: Vec<T>, theirs: Vec<T>) -> Vec<T> {
            if mine.is_empty() {
                theirs
            } else {
                mine
            }
        }
        DocumentMeta {
            id: self.id.or(other.id),
            number: self.number.or(other.number),
            title: self.title.or(other.title),
            date: self.date.or(other.date),
            doc_type: self.doc_type.or(other.doc_type),
            authors: list(self.authors, other.authors),
            recipients: list(self.recipients, other.recipients),
            language: self.language.or(other.language),
            original_language: self.original_language.or(other.original_language),
            translators: list(self.translators, other.translators),
            source: self.source.or(other.source),
            rights: self.rights.or(other.rights),
            collections: list(self.collections, other.collections),
            subjects: list(self.subjects, other.subjects),
            summary: self.summary.or(other.summary),
            related: list(self.related, other.related),
            fields: list(self.fields, other.fields),
            paragraphs: self.paragraphs.or(other.paragraphs),
        }
    }
}

/// A text split at its front matter.
#[derive(Debug, Clone, Copy)]
pub struct FrontMatter<'t> {
    pub yaml: &'t str,
    /// 1-based line of the YAML's first line in the file.
    pub yaml_line: usize,
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
fn parse_yaml(file: &Path, yaml: &str, first_line: usize) -> Result<Value, Diagnostic> {
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
fn construct_start(message: &str) -> Option<(String, usize, usize)> {
    let (_, context) = message.split_once(", while ")?;
    let (doing, position) = context.rsplit_once(" at line ")?;
    let what = doing.split_once(' ').map_or(doing, |(_, what)| what);
    let what = what.strip_prefix("a ").unwrap_or(what);
    let (line, column) = position.split_once(" column ")?;
    Some((what.to_string(), line.trim().parse().ok()?, column.trim().parse().ok()?))
}

/// serde_yaml's messages say "at line N column M" counting from the front matter, not
/// the file; the diagnostic carries the file's line instead.
fn without_positions(message: &str) -> String {
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

/// Reads `INDEX.md`. `path` is how the user named the file, for messages.
///
/// `Err` when nothing can be read (no front matter, broken YAML); otherwise the
/// catalogue as far as it is valid, with every problem found in it, so that the build
/// can go on to find the problems of the files too and report them all at once.
pub fn parse_catalog(path: &Path, text: &str) -> Result<(Catalog, Diagnostics), Diagnostics> {
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
            base_url,
            theme,
            exclude,
            allow_raw_html,
            citation_styles,
            contact_email,
            oai_gateway,
            paragraphs,
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

fn read_exclude(reader: &mut Reader<'_>, root: &Mapping) -> GlobSet {
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
fn list_of_mappings<'v>(reader: &mut Reader<'_>, root: &'v Mapping, key: &'static str) -> Vec<(usize, &'v Mapping)> {
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

fn read_collections(reader: &mut Reader<'_>, root: &Mapping) -> Vec<CollectionDef> {
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

fn read_entities(reader: &mut Reader<'_>, root: &Mapping) -> Vec<EntityDef> {
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

fn read_entries(reader: &mut Reader<'_>, root: &Mapping) -> Vec<Entry> {
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

fn read_document_meta(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>]) -> DocumentMeta {
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
    }
}

/// `paragraphs: width | blank-lines | lines`.
fn read_paragraphs(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>]) -> Option<Paragraphs> {
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

fn read_fields(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>]) -> Vec<(String, String)> {
    read_pairs(reader, mapping, "fields", path)
}

/// A mapping of labels to text values (a list joined with `; `), in the order written.
fn read_pairs(
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
fn located_text(
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
fn read_id(reader: &mut Reader<'_>, mapping: &Mapping, path: &[Step<'_>], required: bool) -> Option<String> {
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

/// Why an id would clash with one already given: the same, or the same but for case
/// (Windows and macOS would give the two one folder). `None` when it is new.
pub fn clash<'a>(existing: impl IntoIterator<Item = &'a str>, id: &str, what: &str) -> Option<String> {
    existing.into_iter().find(|other| other.eq_ignore_ascii_case(id)).map(|other| {
        if other == id {
            format!("the {what} id `{id}` is used twice")
        } else {
            format!("the {what} id `{id}` differs from `{other}` only in case: on Windows and macOS both would be one folder")
        }
    })
}

/// Ids and theme names become folder names: keep them to portable characters.
pub fn is_safe_segment(text: &str) -> bool {
    segment_problem(text).is_none()
}

/// An archive's base URL, ending in `/`, or why it cannot be one: the catalogue's
/// `base_url` and `--base-url` follow one rule.
pub fn base_url(url: &str) -> Result<String, String> {
    if url.starts_with("https://") || url.starts_with("http://") {
        Ok(if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        })
    } else {
        Err(format!("`{url}` must be an absolute http:// or https:// URL"))
    }
}

/// What keeps a name from being a folder name on every system, if anything.
pub fn segment_problem(text: &str) -> Option<&'static str> {
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
        "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if text.is_empty() {
        return Some("is empty");
    }
    if text.chars().count() > 200 {
        return Some("is longer than 200 characters");
    }
    let portable = text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
    if !portable || text.starts_with('.') || text.ends_with('.') {
        return Some("may use only letters, digits, `-`, `_` and `.`, and must not start or end with `.`");
    }
    let stem = text.split('.').next().unwrap_or(text).to_ascii_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        return Some("is a name Windows reserves for a device");
    }
    None
}

/// A loose BCP 47 check: `en`, `ru`, `zh-Hant`, `en-GB`.
fn check_language(reader: &mut Reader<'_>, code: &str, path: &[Step<'_>]) {
    let mut subtags = code.split('-');
    let primary_ok = subtags
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    let rest_ok = subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !(primary_ok && rest_ok) {
        reader.error(
            path,
            format!("`{code}` is not a BCP 47 language code (such as `en`, `ru`, `zh-Hant`)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let (catalog, diagnostics) = parse_catalog(Path::new("c/INDEX.md"), text)
            .map_err(|d| d.0.iter().map(ToString::to_string).collect::<Vec<_>>())?;
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
