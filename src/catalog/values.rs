//! What the catalogue says, once read: the archive's values, its collections, its
//! entities, each document's metadata, each with the place it was written.

use std::path::PathBuf;

use globset::GlobSet;

use crate::diagnostic::Diagnostic;
use crate::edtf::EdtfDate;

/// A value with the place it was written, for errors found after the catalogue is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// The file it was written in.
    pub file: PathBuf,
    /// The 1-based line it starts on.
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
    /// `title:`.
    pub title: String,
    /// `description:`.
    pub description: Option<String>,
    /// `language:`, a BCP 47 code.
    pub language: Option<String>,
    /// `interface_language:`, the language of the interface's words when it is not
    /// the archive's (an English interface over Russian records).
    pub interface_language: Option<String>,
    /// Always ends with `/`.
    pub base_url: Option<String>,
    /// `theme:`, the theme's folder name.
    pub theme: String,
    /// `exclude:`, the globs of files the build leaves out.
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
    /// `encoding:`, the character encoding the collection's texts are saved in, unless
    /// a document says (UTF-8 when none does).
    pub encoding: Option<Charset>,
    /// The order of reading: previous and next on a document page.
    pub order: ReadingOrder,
    /// How the texts refer to a document by its number ("No. {number}").
    pub cross_references: Vec<String>,
    /// Values for a collection's own templates (`site.extra`), in place of anything a
    /// template might have read from the environment.
    pub extra: Vec<(String, String)>,
    /// `collections:`.
    pub collections: Vec<CollectionDef>,
    /// `entities:`, the registry.
    pub entities: Vec<EntityDef>,
    /// `documents:`, in the catalogue's order.
    pub entries: Vec<Entry>,
    /// The Markdown body, shown on the home page.
    pub introduction: String,
    /// The file line the introduction starts on.
    pub introduction_line: usize,
}

#[derive(Debug, Clone)]
/// A collection the catalogue defines.
pub struct CollectionDef {
    /// Its id, also its folder name.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Markdown.
    pub description: Option<Located<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
/// What an entity is.
pub enum EntityKind {
    /// A person.
    Person,
    /// An organization: a party, a ministry, an embassy.
    Organization,
    /// A place.
    Place,
    /// An event: a congress, a war, a visit.
    Event,
    /// A work: a book, a treaty, a newspaper.
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

    pub(super) const NAMES: &'static [&'static str] = &["person", "organization", "place", "event", "work"];

    pub(super) fn parse(text: &str) -> Option<EntityKind> {
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
/// An entity of the registry: a person, organization, place, event or work.
pub struct EntityDef {
    /// Its id, also its folder name.
    pub id: String,
    /// Its name as pages show it.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Other names the texts call it by, each linked like the name.
    pub aliases: Vec<String>,
    /// Markdown.
    pub note: Option<Located<String>>,
    /// The same entity elsewhere (Wikidata, VIAF, ...): absolute http(s) URLs.
    pub links: Vec<String>,
    /// A person's family name, and given names: how directories sort them and
    /// citations invert them. Without them the name is read in Western order.
    pub family: Option<String>,
    /// A person's given names.
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
    /// What the entry says of the document.
    pub meta: DocumentMeta,
}

/// What the catalogue or a front matter says of a document; every key is optional.
#[derive(Debug, Clone, Default)]
pub struct DocumentMeta {
    /// `id:`, the document's folder name; its file's stem when absent.
    pub id: Option<Located<String>>,
    /// The number the edition gives the document (FRUS "5", a letter's "104").
    pub number: Option<String>,
    /// `title:`.
    pub title: Option<String>,
    /// `date:`, in EDTF.
    pub date: Option<EdtfDate>,
    /// `type:` (Memorandum, Letter).
    pub doc_type: Option<String>,
    /// `authors:`, each an entity id or a name.
    pub authors: Vec<String>,
    /// `recipients:`, each an entity id or a name.
    pub recipients: Vec<String>,
    /// `language:` of the text, a BCP 47 code.
    pub language: Option<String>,
    /// `original_language:` of a translation.
    pub original_language: Option<String>,
    /// `translators:`.
    pub translators: Vec<String>,
    /// `source:`, the archival reference of the original.
    pub source: Option<String>,
    /// `rights:`.
    pub rights: Option<String>,
    /// `collections:`, by id.
    pub collections: Vec<Located<String>>,
    /// `subjects:`, terms as written.
    pub subjects: Vec<String>,
    /// `summary:`, Markdown.
    pub summary: Option<Located<String>>,
    /// `related:`, document ids.
    pub related: Vec<Located<String>>,
    /// Any other label/value pairs, in the order written.
    pub fields: Vec<(String, String)>,
    /// How its plain text lays out paragraphs, in place of the collection's.
    pub paragraphs: Option<Paragraphs>,
    /// `scans:` (with `first_page:`), the images of the original's pages.
    pub scans: Option<ScanList>,
    /// `pdf:`, a PDF of the original, offered for download.
    pub pdf: Option<Located<String>>,
    /// `encoding:`, the character encoding its text is saved in, in place of the
    /// collection's (the catalogue's entry only: a file's own front matter is read
    /// in it).
    pub encoding: Option<Charset>,
    /// `original:`, the transcription in the original's language, when the main text
    /// is a translation.
    pub original: Option<TextEntry>,
    /// `translations:`, other texts of the document in other languages.
    pub translations: Vec<TextEntry>,
}

/// A text of a document besides its main one (`original:`, `translations:`): a source
/// file with its language, shown beside the main text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEntry {
    /// `file:`, relative to the collection.
    pub file: Located<String>,
    /// `language:`, a BCP 47 code (required: a reader must know what they read).
    pub language: String,
    /// `paragraphs:`, its layout, in place of the document's.
    pub paragraphs: Option<Paragraphs>,
    /// `encoding:`, its character encoding, in place of the document's.
    pub encoding: Option<Charset>,
}

/// A character encoding a text may be saved in, by any of the WHATWG Encoding
/// Standard's labels (`windows-1251`, `koi8-r`, `shift_jis`, `utf-16le`): the ones
/// browsers know, decoded by encoding_rs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Charset(pub &'static encoding_rs::Encoding);

impl Charset {
    /// The encoding a label names, if any.
    pub fn for_label(label: &str) -> Option<Charset> {
        encoding_rs::Encoding::for_label(label.trim().as_bytes()).map(Charset)
    }
}

/// The images of a document's original, page by page, as the catalogue names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanList {
    /// Files, or globs each standing for the files they match in name order, in page
    /// order; the first shows page `first_page` (`first_page:`, 1 unless written) and
    /// each next one the next page.
    Sequence {
        /// The paths and globs, as written.
        files: Vec<Located<String>>,
        /// The page of the original the first image shows.
        first_page: u32,
    },
    /// Each page of the original, by its number as the texts write it (`43`, `iv`),
    /// and its image.
    Pages(Vec<(String, Located<String>)>),
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
    /// Each layout by the name the catalogue gives it.
    pub const NAMES: [(&'static str, Paragraphs); 3] = [
        ("width", Paragraphs::Width),
        ("blank-lines", Paragraphs::BlankLines),
        ("lines", Paragraphs::Lines),
    ];

    /// The layout's name in the catalogue.
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
            scans: self.scans.or(other.scans),
            pdf: self.pdf.or(other.pdf),
            encoding: self.encoding.or(other.encoding),
            original: self.original.or(other.original),
            translations: list(self.translations, other.translations),
        }
    }
}
