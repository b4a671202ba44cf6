//! The template contract: one serialisable struct per kind of page and of part of a
//! page, as templates see them (the README's *Themes* lists them). Hrefs in them are
//! relative to the page being rendered; HTML in them (`*_html`) was escaped where it
//! was made.

use serde::Serialize;

use super::metadata::MetaTag;
use super::pagination::PaginationView;

/// Shared by views: a label with a link.
#[derive(Debug, Serialize)]
pub(crate) struct Link {
    pub label: String,
    pub href: String,
}

/// What every page knows about the archive and where it stands in it.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// The archive's language: of its title, introduction and descriptions.
    pub language: &'a str,
    /// The language of the interface's own words (labels, headings), the page's `lang`:
    /// the archive's where dossier has (or the collection gives) a translation, else
    /// English.
    pub interface_language: &'a str,
    /// `rtl` when the interface's language is written right to left, else `ltr`: the
    /// page's `dir`.
    pub interface_direction: &'static str,
    /// The catalogue's `extra:` values by label, for a collection's own templates.
    pub extra: std::collections::BTreeMap<&'a str, &'a str>,
    /// The prefix back to the root (`../../`), for theme files a template adds itself.
    pub root: String,
    pub home_href: String,
    pub stylesheet_hrefs: Vec<String>,
    /// The theme's icon, so browsers do not ask the server for `/favicon.ico`.
    pub icon_href: String,
    pub document_count: usize,
    /// The site's sections: documents, timeline, collections, subjects, entity types.
    pub nav: Vec<NavLink<'a>>,
    /// The page's absolute URL, when the catalogue gives a `base_url`.
    pub canonical_url: Option<String>,
    /// The search page, which the search box on every page submits to.
    pub search_href: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct NavLink<'a> {
    pub label: &'a str,
    pub href: String,
    /// Whether the page being rendered is this section's index.
    pub current: bool,
}

/// The search page: links for readers without JavaScript.
#[derive(Debug, Serialize)]
pub(crate) struct SearchView {
    pub script_href: String,
    pub browse: Vec<Link>,
}

/// A line of a list of documents.
#[derive(Debug, Serialize)]
pub(crate) struct DocumentItemView<'a> {
    pub id: &'a str,
    /// The edition's number of the document, shown before its title.
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub href: String,
    pub date: Option<String>,
    /// ISO 8601, as far as the date is known, for `<time datetime>`.
    pub date_iso: Option<String>,
    /// The EDTF value as catalogued.
    pub date_edtf: Option<&'a str>,
    pub doc_type: Option<&'a str>,
}

/// A person or thing named in metadata, linked where the archive has a page for it.
#[derive(Debug, Serialize)]
pub(crate) struct NameView {
    pub name: String,
    pub href: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct FieldView<'a> {
    pub label: &'a str,
    pub value: &'a str,
}

/// The home page.
#[derive(Debug, Serialize)]
pub(crate) struct HomeView<'a> {
    /// The catalogue's introduction, on the first page; empty on later pages.
    pub introduction_html: &'a str,
    /// The page's documents, in catalogue order.
    pub documents: Vec<DocumentItemView<'a>>,
    pub document_count: usize,
    pub pagination: Option<PaginationView>,
}

/// A document page.
#[derive(Debug, Serialize)]
pub(crate) struct DocumentView<'a> {
    pub id: &'a str,
    /// The edition's number of the document, shown before its title.
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub date_edtf: Option<&'a str>,
    pub doc_type: Option<&'a str>,
    pub authors: Vec<NameView>,
    pub recipients: Vec<NameView>,
    pub language: Option<String>,
    /// The BCP 47 code of the text's language, for its `lang` attribute.
    pub language_code: Option<&'a str>,
    /// `rtl` where the text's language is written right to left (Arabic, Hebrew,
    /// Persian…), for the `dir` of its title, summary and text; else `ltr`.
    pub text_direction: &'static str,
    /// The Snowball stemmer of the text's language, as the search client names it
    /// (`russian`), for finding in the page; none where words are matched whole.
    pub stemmer: Option<&'static str>,
    pub original_language: Option<String>,
    pub translators: Vec<NameView>,
    pub source: Option<&'a str>,
    pub rights: Option<&'a str>,
    pub collections: Vec<NameView>,
    pub subjects: Vec<NameView>,
    pub summary_html: Option<&'a str>,
    pub fields: Vec<FieldView<'a>>,
    /// Documents related by the catalogue (either way) and computed neighbours.
    pub related: Vec<RelatedView<'a>>,
    /// Documents whose text links to this one, in date order.
    pub linked_from: Vec<DocumentItemView<'a>>,
    /// The documents before and after this one in date order.
    pub previous: Option<DocumentItemView<'a>>,
    pub next: Option<DocumentItemView<'a>>,
    /// Whether previous and next go by date (else in the catalogue's order).
    pub sequence_by_date: bool,
    /// `transcript` (a reflowed plain text) or `markdown`.
    pub kind: &'static str,
    pub body_html: std::borrow::Cow<'a, str>,
    /// The editorial marks the text uses, for its legend.
    pub marks: Vec<MarkView>,
    /// What a reader sees on pointing at or tabbing to a name in the text: a card for
    /// each entity the text names.
    pub entity_cards: Vec<EntityCardView<'a>>,
    /// The same cards as JSON, safe inside a script element, for the page's script
    /// to show: `{"id": [name, kind, note or null]}`. A fraction of the bytes of the
    /// cards as elements, which a page without scripts does not show either.
    pub entity_cards_json: String,
    /// The source file's path in the collection.
    pub source_file: &'a str,
    /// The document in each of the archive's citation styles: its entry of a
    /// bibliography and its note (or, in an in-text style, its parenthesis).
    pub citations: Vec<crate::cite::Forms>,
    /// The same record for reference managers: BibTeX, RIS, CSL-JSON.
    pub records: Vec<RecordLink>,
    /// For a transcription with page numbers of the original: each style's citation
    /// of a page, the page left for the reader to pick.
    pub page_citations: Vec<crate::cite::Citation>,
    /// The copy of the source beside the page, its size and SHA-256.
    pub download_href: String,
    pub size: String,
    pub sha256: &'a str,
    /// Dublin Core, citation and Open Graph tags for the page's head.
    pub meta_tags: Vec<MetaTag>,
    /// schema.org JSON-LD, safe inside a script element.
    pub json_ld: String,
    /// The images of the original, page by page.
    pub scans: Vec<ScanView<'a>>,
    /// The PDF of the original.
    pub pdf: Option<AttachmentView<'a>>,
    /// The document's IIIF Presentation 3 manifest, for a document with scans in an
    /// archive with a `base_url`.
    pub iiif_manifest_href: Option<String>,
    /// What the main text is beside the others: "Translation (English)", or
    /// "Transcription" when it has none.
    pub text_label: String,
    /// Its other texts, each a pane beside the main one: the original, then the
    /// translations.
    pub texts: Vec<TextPaneView<'a>>,
}

/// A document's other text, as a pane beside its main text.
#[derive(Debug, Serialize)]
pub(crate) struct TextPaneView<'a> {
    /// What sets its ids apart from the main text's: `original`, `de`. Its page numbers
    /// are `original-page-43`, its paragraphs `original-p1`.
    pub key: &'a str,
    /// "Original (Russian)", "Translation (German)".
    pub label: String,
    /// Its language's BCP 47 code, for `lang`.
    pub language_code: &'a str,
    /// `rtl` for a language written right to left, else `ltr`.
    pub direction: &'static str,
    /// The text, escaped and marked as the main text is.
    pub html: String,
    /// The copy of its source beside the page, its size and SHA-256.
    pub download_href: String,
    pub source_file: &'a str,
    pub size: String,
    pub sha256: &'a str,
}

/// A page image of a document's original: what the page shows of it, and the master.
#[derive(Debug, Serialize)]
pub(crate) struct ScanView<'a> {
    /// The page of the original it shows, as the texts write its number.
    pub page: String,
    /// The id of its figure on the page (`scan-43`), which a page number's link names.
    pub anchor: String,
    /// The reading-size image, and its size in pixels.
    pub reading_href: String,
    pub reading_width: u32,
    pub reading_height: u32,
    /// The thumbnail, and its size in pixels.
    pub thumb_href: String,
    pub thumb_width: u32,
    pub thumb_height: u32,
    /// The master as the collection holds it: its size in pixels and bytes, its
    /// format, its SHA-256.
    pub master_href: String,
    pub master_width: u32,
    pub master_height: u32,
    pub master_size: String,
    pub master_format: &'static str,
    pub sha256: &'a str,
}

/// A file offered beside the page as it is (the PDF of the original).
#[derive(Debug, Serialize)]
pub(crate) struct AttachmentView<'a> {
    pub href: String,
    pub size: String,
    pub sha256: &'a str,
}

/// A downloadable citation record of a document.
#[derive(Debug, Serialize)]
pub(crate) struct RecordLink {
    pub label: &'static str,
    /// The record itself, as a `data:` URL.
    pub href: String,
    /// The name it is saved as (`<a download>`): `<id>.bib`.
    pub file_name: String,
    /// The record's media type.
    pub media_type: &'static str,
}

/// An editorial mark of transcriptions, as its legend explains it.
#[derive(Debug, Serialize)]
pub(crate) struct MarkView {
    /// The element's class in the text (`sic`, `omission`, …).
    pub class: &'static str,
    /// How the mark looks, as HTML.
    pub sample_html: String,
    pub meaning: String,
}

/// An entity named in a document's text, as its card shows it.
#[derive(Debug, Serialize)]
pub(crate) struct EntityCardView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    /// The first sentence of its note, as plain text.
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct RelatedView<'a> {
    pub document: DocumentItemView<'a>,
    /// Why it is related: "Related by the editors", "Shares Kim Il Sung, Miyamoto Kenji".
    pub reason: String,
    /// `listed` or `computed`.
    pub kind: &'static str,
}

/// An entity's page.
#[derive(Debug, Serialize)]
pub(crate) struct EntityView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// "Person", "Organization", …
    pub kind: &'a str,
    pub kind_index: Link,
    pub aliases: &'a [String],
    pub note_html: Option<String>,
    /// The documents that name it, in date order, that this page shows.
    pub appearances: Vec<AppearanceView<'a>>,
    /// How many documents name it, on all its pages.
    pub appearance_count: usize,
    pub mention_count: usize,
    /// When the documents naming it fill more than one page. Documents by and to it,
    /// and the entities named with it, are on the first page.
    pub pagination: Option<PaginationView>,
    /// The earliest documents by and to it; all of them, when there are more, are on
    /// lists of their own at `all_authored_href` and `all_received_href`.
    pub authored: Vec<DocumentItemView<'a>>,
    pub authored_count: usize,
    pub all_authored_href: Option<String>,
    pub received: Vec<DocumentItemView<'a>>,
    pub received_count: usize,
    pub all_received_href: Option<String>,
    /// The entities most often named in the same documents.
    pub companions: Vec<CompanionView<'a>>,
    /// The same entity elsewhere (Wikidata, VIAF, ...).
    pub links: &'a [String],
    /// schema.org JSON-LD, safe inside a script element.
    pub json_ld: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct AppearanceView<'a> {
    pub document: DocumentItemView<'a>,
    pub count: usize,
    /// The first mentions in context.
    pub snippets: Vec<SnippetView<'a>>,
    /// Every other mention, by its number in the document.
    pub more: Vec<MentionLink>,
}

/// A link to one mention of an entity in a document: its number there ("3" for the
/// third).
#[derive(Debug, Serialize)]
pub(crate) struct MentionLink {
    pub href: String,
    pub number: usize,
}

/// A keyword-in-context line that links to the mention.
#[derive(Debug, Serialize)]
pub(crate) struct SnippetView<'a> {
    pub href: String,
    pub before: &'a str,
    pub name: &'a str,
    pub after: &'a str,
}

#[derive(Debug, Serialize)]
pub(crate) struct CompanionView<'a> {
    pub name: &'a str,
    pub href: String,
    pub shared_documents: usize,
}

/// An alphabetical index: people, places, collections, subjects. A long one is cut
/// into pages, and its letters link to the page where each begins.
#[derive(Debug, Serialize)]
pub(crate) struct DirectoryView {
    pub title: String,
    pub count: usize,
    /// Every letter of the whole directory, with where it begins.
    pub letters: Vec<LetterLink>,
    /// This page's entries grouped by their first letter.
    pub groups: Vec<LetterGroup>,
    pub pagination: Option<PaginationView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct LetterLink {
    pub letter: String,
    pub href: String,
    /// Entries under the letter, on all pages.
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct LetterGroup {
    pub letter: String,
    /// The heading's id, the same on whichever page the letter begins.
    pub anchor: String,
    /// Whether the letter began on an earlier page.
    pub continued: bool,
    pub entries: Vec<DirectoryEntry>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DirectoryEntry {
    pub label: String,
    pub href: String,
    pub document_count: usize,
}

/// A page listing documents: a year, a collection, a subject.
#[derive(Debug, Serialize)]
pub(crate) struct ListingView<'a> {
    pub title: String,
    /// What kind of list it is: "Year", "Collection", "Subject", "Author", "Recipient".
    pub kind: &'a str,
    pub up: Link,
    pub description_html: Option<String>,
    pub count: usize,
    /// The page's documents in date order, grouped (by month on a year's page); one
    /// group without a label elsewhere.
    pub groups: Vec<ListingGroup<'a>>,
    pub pagination: Option<PaginationView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ListingGroup<'a> {
    pub label: Option<String>,
    pub documents: Vec<DocumentItemView<'a>>,
}

/// The timeline: decades, their years with counts, each year's months.
#[derive(Debug, Serialize)]
pub(crate) struct TimelineView<'a> {
    /// A bar chart of documents per year, as inline SVG; `None` when nothing is dated.
    pub chart_svg: Option<String>,
    pub decades: Vec<DecadeView>,
    pub dated_count: usize,
    /// Documents dated only to a decade or wider, by decade.
    pub broad: Vec<ListingGroup<'a>>,
    pub undated: Vec<DocumentItemView<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DecadeView {
    pub label: String,
    pub count: usize,
    pub years: Vec<YearView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct YearView {
    pub label: String,
    pub href: String,
    pub count: usize,
    pub months: Vec<MonthCount>,
}

#[derive(Debug, Serialize)]
pub(crate) struct MonthCount {
    pub label: String,
    pub count: usize,
}
