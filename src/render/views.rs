//! The views templates see: one struct per kind of page, built from the site model
//! with every href relative to the page being rendered.

use serde::Serialize;

use super::pagination::{self, Page, PaginationView};
use crate::archive::{Archive, RelationKind, Subject, YearGroup};
use crate::catalog::{EntityKind, Located};
use crate::document::Document;
use crate::edtf::{year_label, MONTHS};
use crate::markdown::{self, LinkContext};
use crate::text::{self, language_name};
use crate::urls;

/// The language the default theme's words are written in.
pub const INTERFACE_LANGUAGE: &str = "en";

/// Where the catalogue's texts are written, for their relative links.
const CATALOGUE: &str = crate::sources::INDEX_FILE;

/// Shared by views: a label with a link.
#[derive(Debug, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
}

/// What every page knows about the archive and where it stands in it.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// The archive's language: of its title, introduction and descriptions.
    pub language: &'a str,
    /// The language of the interface's own words (labels, headings), the page's `lang`;
    /// English until the interface is translated.
    pub interface_language: &'static str,
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
    pub nav: Vec<NavLink>,
    /// The page's absolute URL, when the catalogue gives a `base_url`.
    pub canonical_url: Option<String>,
    /// The search page, which the search box on every page submits to.
    pub search_href: String,
}

#[derive(Debug, Serialize)]
pub struct NavLink {
    pub label: &'static str,
    pub href: String,
    /// Whether the page being rendered is this section's index.
    pub current: bool,
}

/// The search page: links for readers without JavaScript.
#[derive(Debug, Serialize)]
pub struct SearchView {
    pub script_href: String,
    pub browse: Vec<Link>,
}

/// A line of a list of documents.
#[derive(Debug, Serialize)]
pub struct DocumentItemView<'a> {
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
pub struct NameView {
    pub name: String,
    pub href: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FieldView<'a> {
    pub label: &'a str,
    pub value: &'a str,
}

/// The home page.
#[derive(Debug, Serialize)]
pub struct HomeView<'a> {
    /// The catalogue's introduction, on the first page; empty on later pages.
    pub introduction_html: String,
    /// The page's documents, in catalogue order.
    pub documents: Vec<DocumentItemView<'a>>,
    pub document_count: usize,
    pub pagination: Option<PaginationView>,
}

/// A document page.
#[derive(Debug, Serialize)]
pub struct DocumentView<'a> {
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
    pub original_language: Option<String>,
    pub translators: Vec<NameView>,
    pub source: Option<&'a str>,
    pub rights: Option<&'a str>,
    pub collections: Vec<NameView>,
    pub subjects: Vec<NameView>,
    pub summary_html: Option<String>,
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
    pub body_html: &'a str,
    /// The editorial marks the text uses, for its legend.
    pub marks: Vec<MarkView>,
    /// What a reader sees on pointing at or tabbing to a name in the text: a card for
    /// each entity the text names.
    pub entity_cards: Vec<EntityCardView<'a>>,
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
    pub meta_tags: Vec<super::metadata::MetaTag>,
    /// schema.org JSON-LD, safe inside a script element.
    pub json_ld: String,
}

/// A size as people read it: "812 bytes", "14.2 KB", "3.1 MB".
fn file_size(bytes: u64) -> String {
    match bytes {
        0..1000 => format!("{bytes} bytes"),
        1000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1000.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_000_000.0),
    }
}

/// The citation records written beside each document page: label, extension, media
/// type.
pub const RECORD_FORMATS: [(&str, &str, &str); 3] = [
    ("BibTeX", "bib", "application/x-bibtex"),
    ("RIS", "ris", "application/x-research-info-systems"),
    ("CSL-JSON", "csl.json", "application/vnd.citationstyles.csl+json"),
];

/// A downloadable citation record of a document.
#[derive(Debug, Serialize)]
pub struct RecordLink {
    pub label: &'static str,
    pub href: String,
    /// The file's media type, for `<link rel="alternate">`.
    pub media_type: &'static str,
}

/// An editorial mark of transcriptions, as its legend explains it.
#[derive(Debug, Serialize)]
pub struct MarkView {
    /// The element's class in the text (`sic`, `omission`, …).
    pub class: &'static str,
    /// How the mark looks, as HTML.
    pub sample_html: &'static str,
    pub meaning: &'static str,
}

/// The marks the transcriptions' HTML can hold: its class, how it looks, what it means.
const MARKS: [(&str, &str, &str); 7] = [
    (
        "omission",
        r#"<span class="omission">…</span>"#,
        "Text left out by the editors, or lost in the source.",
    ),
    (
        "insertion",
        r#"<span class="insertion">[word]</span>"#,
        "Added by the editors for the sense; not in the source.",
    ),
    (
        "sic",
        r#"<span class="sic">[SIC]</span>"#,
        "So in the source: an error or oddity kept as written.",
    ),
    (
        "note",
        r#"<span class="note">Note</span>"#,
        "A translator's or editor's note.",
    ),
    (
        "footnote-ref",
        r#"<span class="footnote-ref">[1]</span>"#,
        "A footnote's marker: it leads to the note, and the note's opening leads back.",
    ),
    (
        "page-number",
        r#"<span class="page-number">[43]</span>"#,
        "Where a page of the original begins; its “cite” link puts the page in the citations below.",
    ),
    (
        "page-break",
        r#"<span class="page-break"></span>"#,
        "A line or page break of the source, inside a sentence.",
    ),
];

/// The marks a text's HTML uses, in the legend's order. One pass over the text's class
/// attributes: a search for each mark read a long text six times on every document
/// page.
fn marks_in(body_html: &str) -> Vec<MarkView> {
    const CLASS: &str = "class=\"";
    let mut used = [false; MARKS.len()];
    for (at, _) in body_html.match_indices(CLASS) {
        let value = &body_html[at + CLASS.len()..];
        let value = &value[..value.find('"').unwrap_or(value.len())];
        if let Some(mark) = MARKS.iter().position(|(class, _, _)| *class == value) {
            used[mark] = true;
        }
    }
    MARKS
        .iter()
        .zip(used)
        .filter(|(_, used)| *used)
        .map(|(&(class, sample_html, meaning), _)| MarkView {
            class,
            sample_html,
            meaning,
        })
        .collect()
}

/// An entity named in a document's text, as its card shows it.
#[derive(Debug, Serialize)]
pub struct EntityCardView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    /// The first sentence of its note, as plain text.
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RelatedView<'a> {
    pub document: DocumentItemView<'a>,
    /// Why it is related: "Related by the editors", "Shares Kim Il Sung, Miyamoto Kenji".
    pub reason: String,
    /// `listed` or `computed`.
    pub kind: &'static str,
}

/// An entity's page.
#[derive(Debug, Serialize)]
pub struct EntityView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// "Person", "Organization", …
    pub kind: &'static str,
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
pub struct AppearanceView<'a> {
    pub document: DocumentItemView<'a>,
    pub count: usize,
    pub snippets: Vec<SnippetView<'a>>,
}

/// A keyword-in-context line that links to the mention.
#[derive(Debug, Serialize)]
pub struct SnippetView<'a> {
    pub href: String,
    pub before: &'a str,
    pub name: &'a str,
    pub after: &'a str,
}

#[derive(Debug, Serialize)]
pub struct CompanionView<'a> {
    pub name: &'a str,
    pub href: String,
    pub shared_documents: usize,
}

/// An alphabetical index: people, places, collections, subjects. A long one is cut
/// into pages, and its letters link to the page where each begins.
#[derive(Debug, Serialize)]
pub struct DirectoryView {
    pub title: String,
    pub count: usize,
    /// Every letter of the whole directory, with where it begins.
    pub letters: Vec<LetterLink>,
    /// This page's entries grouped by their first letter.
    pub groups: Vec<LetterGroup>,
    pub pagination: Option<PaginationView>,
}

#[derive(Debug, Serialize)]
pub struct LetterLink {
    pub letter: String,
    pub href: String,
    /// Entries under the letter, on all pages.
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct LetterGroup {
    pub letter: String,
    /// The heading's id, the same on whichever page the letter begins.
    pub anchor: String,
    /// Whether the letter began on an earlier page.
    pub continued: bool,
    pub entries: Vec<DirectoryEntry>,
}

#[derive(Debug, Serialize)]
pub struct DirectoryEntry {
    pub label: String,
    pub href: String,
    pub document_count: usize,
}

/// A directory's entries in order, sorted once and then cut into pages.
pub struct Directory {
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
    fn new(title: String, entries: Vec<(String, String, usize)>) -> Directory {
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

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The page at `page` of the directory whose first page is `first`.
    pub fn page(&self, first: &str, page: &str, part: Page) -> DirectoryView {
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

/// The documents an entity wrote or those it received, in date order.
#[derive(Debug, Clone, Copy)]
pub enum Correspondence {
    Authored,
    Received,
}

impl Correspondence {
    pub const BOTH: [Correspondence; 2] = [Correspondence::Authored, Correspondence::Received];

    pub fn of(self, archive: &Archive, entity: usize) -> &[usize] {
        match self {
            Correspondence::Authored => &archive.authored[entity],
            Correspondence::Received => &archive.received[entity],
        }
    }

    /// The folder of the entity's list: `entities/<id>/by/`, `entities/<id>/to/`.
    pub fn folder(self) -> &'static str {
        match self {
            Correspondence::Authored => "by",
            Correspondence::Received => "to",
        }
    }
}

/// A page listing documents: a year, a collection, a subject.
#[derive(Debug, Serialize)]
pub struct ListingView<'a> {
    pub title: String,
    /// What kind of list it is: "Year", "Collection", "Subject", "Author", "Recipient".
    pub kind: &'static str,
    pub up: Link,
    pub description_html: Option<String>,
    pub count: usize,
    /// The page's documents in date order, grouped (by month on a year's page); one
    /// group without a label elsewhere.
    pub groups: Vec<ListingGroup<'a>>,
    pub pagination: Option<PaginationView>,
}

#[derive(Debug, Serialize)]
pub struct ListingGroup<'a> {
    pub label: Option<String>,
    pub documents: Vec<DocumentItemView<'a>>,
}

/// The timeline: decades, their years with counts, each year's months.
#[derive(Debug, Serialize)]
pub struct TimelineView<'a> {
    /// A bar chart of documents per year, as inline SVG; `None` when nothing is dated.
    pub chart_svg: Option<String>,
    pub decades: Vec<DecadeView>,
    pub dated_count: usize,
    /// Documents dated only to a decade or wider, by decade.
    pub broad: Vec<ListingGroup<'a>>,
    pub undated: Vec<DocumentItemView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DecadeView {
    pub label: String,
    pub count: usize,
    pub years: Vec<YearView>,
}

#[derive(Debug, Serialize)]
pub struct YearView {
    pub label: String,
    pub href: String,
    pub count: usize,
    pub months: Vec<MonthCount>,
}

#[derive(Debug, Serialize)]
pub struct MonthCount {
    pub label: &'static str,
    pub count: usize,
}

/// Builds the views of one archive.
pub struct Views<'a> {
    archive: &'a Archive,
    styles: std::sync::Arc<crate::cite::Styles>,
    /// Each entity's card note (the first sentence of its note, as plain text), made
    /// once: a card is on the page of every document naming the entity.
    card_notes: Vec<Option<String>>,
}

impl<'a> Views<'a> {
    /// Views of `archive`, citing in `styles` (loading them takes a while, so a served
    /// build keeps them).
    pub fn new(archive: &'a Archive, styles: std::sync::Arc<crate::cite::Styles>) -> Self {
        let card_notes = archive
            .entities
            .iter()
            .map(|entity| entity.note.as_ref().map(|note| first_sentence(&note.value)))
            .collect();
        Views {
            archive,
            styles,
            card_notes,
        }
    }

    pub fn site(&self, page: &str) -> SiteView<'a> {
        let archive = self.archive;
        let mut nav = vec![
            NavLink {
                label: "Documents",
                href: format!("{}#documents", urls::href(page, &urls::home())),
                current: false,
            },
            NavLink {
                label: "Timeline",
                href: urls::href(page, &urls::timeline()),
                current: page == urls::timeline(),
            },
        ];
        if !archive.collections.is_empty() {
            nav.push(section(page, "Collections", urls::collections()));
        }
        if !archive.subjects.is_empty() {
            nav.push(section(page, "Subjects", urls::subjects()));
        }
        for kind in EntityKind::ALL {
            if archive.entities.iter().any(|e| e.kind == kind) {
                nav.push(section(page, kind_plural(kind), urls::entity_index(kind)));
            }
        }
        SiteView {
            title: &archive.title,
            description: archive.description.as_deref(),
            language: archive.language.as_deref().unwrap_or(INTERFACE_LANGUAGE),
            interface_language: INTERFACE_LANGUAGE,
            extra: archive.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
            root: urls::root_of(page),
            home_href: urls::href(page, &urls::home()),
            stylesheet_hrefs: ["style.css", "highlight.css"]
                .iter()
                .map(|name| urls::href(page, &urls::asset(name)))
                .collect(),
            icon_href: urls::href(page, &urls::asset("icon.svg")),
            document_count: archive.documents.len(),
            nav,
            canonical_url: archive.base_url.as_ref().map(|base| format!("{base}{page}")),
            search_href: urls::href(page, &urls::search()),
        }
    }

    pub fn search(&self, page: &str) -> SearchView {
        let mut browse = vec![
            Link {
                label: "Timeline".to_string(),
                href: urls::href(page, &urls::timeline()),
            },
            Link {
                label: "All documents".to_string(),
                href: format!("{}#documents", urls::href(page, &urls::home())),
            },
        ];
        if !self.archive.subjects.is_empty() {
            browse.push(Link {
                label: "Subjects".to_string(),
                href: urls::href(page, &urls::subjects()),
            });
        }
        for kind in EntityKind::ALL {
            if self.archive.entities.iter().any(|e| e.kind == kind) {
                browse.push(Link {
                    label: kind_plural(kind).to_string(),
                    href: urls::href(page, &urls::entity_index(kind)),
                });
            }
        }
        SearchView {
            script_href: urls::href(page, &urls::asset("search.js")),
            browse,
        }
    }

    pub fn home(&self, page: &str, part: Page) -> HomeView<'a> {
        HomeView {
            introduction_html: if part.is_first() {
                self.markdown(&self.archive.introduction, page, CATALOGUE)
            } else {
                String::new()
            },
            documents: self.archive.documents[part.range()]
                .iter()
                .map(|d| item(d, page))
                .collect(),
            document_count: self.archive.documents.len(),
            pagination: pagination::view(part, &urls::home(), page),
        }
    }

    pub fn document(&self, index: usize, page: &str) -> DocumentView<'a> {
        let archive = self.archive;
        let document = &archive.documents[index];
        let meta = &document.meta;
        let names = |values: &'a [String]| -> Vec<NameView> {
            values
                .iter()
                .map(|value| match archive.entity(value) {
                    Some(entity) => NameView {
                        name: entity.name.clone(),
                        href: Some(urls::href(page, &urls::entity(&entity.id))),
                    },
                    None => NameView {
                        name: value.clone(),
                        href: None,
                    },
                })
                .collect()
        };
        let citations = self.styles.cite_with_any_page(&crate::cite::record(archive, index));
        let page_citations: Vec<crate::cite::Citation> = citations.iter().map(|forms| forms.at_page.clone()).collect();
        let rank = archive.reading_rank[index];
        let neighbour = |rank: Option<usize>| {
            rank.and_then(|r| archive.reading_order.get(r))
                .map(|&d| item(&archive.documents[d], page))
        };
        DocumentView {
            id: &document.id,
            number: meta.number.as_deref(),
            title: &meta.title,
            date: meta.date.as_ref().map(ToString::to_string),
            date_iso: meta.date.as_ref().and_then(|d| d.iso_start()),
            date_edtf: meta.date.as_ref().map(|d| d.as_str()),
            doc_type: meta.doc_type.as_deref(),
            authors: names(&meta.authors),
            recipients: names(&meta.recipients),
            language: meta.language.as_deref().map(language_name),
            language_code: meta.language.as_deref(),
            original_language: meta.original_language.as_deref().map(language_name),
            translators: names(&meta.translators),
            source: meta.source.as_deref(),
            rights: meta.rights.as_deref(),
            collections: meta
                .collections
                .iter()
                .map(|id| NameView {
                    name: archive.collection(id).map_or_else(|| id.clone(), |c| c.title.clone()),
                    href: Some(urls::href(page, &urls::collection(id))),
                })
                .collect(),
            subjects: meta
                .subjects
                .iter()
                .map(|name| NameView {
                    name: name.clone(),
                    href: archive.subject(name).map(|s| urls::href(page, &urls::subject(&s.slug))),
                })
                .collect(),
            summary_html: meta.summary.as_ref().map(|summary| {
                // A summary from the document's own front matter links from its folder.
                let from_catalogue = summary.file == archive.introduction.file;
                self.markdown(summary, page, if from_catalogue { CATALOGUE } else { &document.source })
            }),
            fields: meta
                .fields
                .iter()
                .map(|(label, value)| FieldView { label, value })
                .collect(),
            related: archive.related[index]
                .iter()
                .map(|relation| RelatedView {
                    document: item(&archive.documents[relation.document], page),
                    reason: self.reason(&relation.kind),
                    kind: match relation.kind {
                        RelationKind::Listed { .. } => "listed",
                        RelationKind::Shares { .. } => "computed",
                    },
                })
                .collect(),
            previous: neighbour(rank.checked_sub(1)),
            next: neighbour(Some(rank + 1)),
            sequence_by_date: archive.reading == crate::catalog::ReadingOrder::Date,
            linked_from: archive.linked_from[index]
                .iter()
                .map(|&d| item(&archive.documents[d], page))
                .collect(),
            kind: match document.body {
                crate::document::Body::Transcript(_) => "transcript",
                crate::document::Body::Markdown { .. } => "markdown",
            },
            body_html: &archive.bodies[index],
            marks: marks_in(&archive.bodies[index]),
            entity_cards: archive.document_entities[index]
                .iter()
                .map(|&e| {
                    let entity = &archive.entities[e];
                    EntityCardView {
                        id: &entity.id,
                        name: &entity.name,
                        kind: kind_singular(entity.kind),
                        note: self.card_notes[e].clone(),
                    }
                })
                .collect(),
            source_file: &document.source,
            citations,
            page_citations: if matches!(&document.body, crate::document::Body::Transcript(blocks) if crate::reflow::has_page_numbers(blocks))
            {
                page_citations
            } else {
                Vec::new()
            },
            meta_tags: super::metadata::document_tags(archive, index),
            download_href: urls::href(page, &urls::source_copy(&document.id, &document.source)),
            size: file_size(document.fixity.bytes),
            sha256: &document.fixity.sha256,
            json_ld: super::metadata::document_json_ld(archive, index),
            records: RECORD_FORMATS
                .iter()
                .map(|&(label, extension, media_type)| RecordLink {
                    label,
                    href: urls::href(page, &urls::document_file(&document.id, extension)),
                    media_type,
                })
                .collect(),
        }
    }

    fn reason(&self, kind: &RelationKind) -> String {
        match kind {
            RelationKind::Listed { .. } => "Related by the editors".to_string(),
            RelationKind::Shares { entities, subjects } => {
                let names: Vec<String> = entities
                    .iter()
                    .map(|&e| self.archive.entities[e].name.clone())
                    .chain(subjects.iter().map(|s| format!("the subject “{s}”")))
                    .collect();
                format!("Shares {}", names.join(", "))
            }
        }
    }

    pub fn entity(&self, index: usize, page: &str, part: Page) -> EntityView<'a> {
        let archive = self.archive;
        let entity = &archive.entities[index];
        // Documents by and to the entity, and its companions, are on its first page.
        let documents = |list: &[usize]| {
            let shown = &list[..list.len().min(pagination::CORRESPONDENCE_ON_ENTITY_PAGE)];
            first_page_only(part, shown)
                .iter()
                .map(|&d| item(&archive.documents[d], page))
                .collect()
        };
        let all_href = |role: Correspondence| {
            (part.is_first() && role.of(archive, index).len() > pagination::CORRESPONDENCE_ON_ENTITY_PAGE)
                .then(|| urls::href(page, &urls::entity_correspondence(&entity.id, role.folder())))
        };
        EntityView {
            links: &entity.links,
            json_ld: super::metadata::entity_json_ld(archive, index),
            id: &entity.id,
            name: &entity.name,
            kind: kind_singular(entity.kind),
            kind_index: Link {
                label: kind_plural(entity.kind).to_string(),
                href: urls::href(page, &urls::entity_index(entity.kind)),
            },
            aliases: &entity.aliases,
            note_html: entity.note.as_ref().map(|note| self.markdown(note, page, CATALOGUE)),
            appearances: archive.appearances[index][part.range()]
                .iter()
                .map(|appearance| {
                    let document = &archive.documents[appearance.document];
                    let document_href = urls::href(page, &urls::document(&document.id));
                    AppearanceView {
                        document: item(document, page),
                        count: appearance.count,
                        snippets: appearance
                            .snippets
                            .iter()
                            .map(|&m| {
                                let mention = &archive.mentions[appearance.document][m];
                                SnippetView {
                                    href: format!("{document_href}#{}", mention.anchor),
                                    before: &mention.before,
                                    name: &mention.name,
                                    after: &mention.after,
                                }
                            })
                            .collect(),
                    }
                })
                .collect(),
            appearance_count: archive.appearances[index].len(),
            mention_count: archive.appearances[index].iter().map(|a| a.count).sum(),
            pagination: pagination::view(part, &urls::entity(&entity.id), page),
            authored: documents(&archive.authored[index]),
            authored_count: archive.authored[index].len(),
            all_authored_href: all_href(Correspondence::Authored),
            received: documents(&archive.received[index]),
            received_count: archive.received[index].len(),
            all_received_href: all_href(Correspondence::Received),
            companions: first_page_only(part, &archive.companions[index])
                .iter()
                .map(|&(other, shared)| CompanionView {
                    name: &archive.entities[other].name,
                    href: urls::href(page, &urls::entity(&archive.entities[other].id)),
                    shared_documents: shared,
                })
                .collect(),
        }
    }

    /// A page of all the documents an entity wrote or received, when its own page
    /// shows only the earliest.
    pub fn correspondence(&self, index: usize, role: Correspondence, page: &str, part: Page) -> ListingView<'a> {
        let archive = self.archive;
        let entity = &archive.entities[index];
        let documents = role.of(archive, index);
        let (title, kind) = match role {
            Correspondence::Authored => (format!("Documents by {}", entity.name), "Author"),
            Correspondence::Received => (format!("Documents to {}", entity.name), "Recipient"),
        };
        ListingView {
            title,
            kind,
            up: Link {
                label: entity.name.clone(),
                href: urls::href(page, &urls::entity(&entity.id)),
            },
            description_html: None,
            count: documents.len(),
            groups: vec![self.group(None, &documents[part.range()], page)],
            pagination: pagination::view(part, &urls::entity_correspondence(&entity.id, role.folder()), page),
        }
    }

    pub fn entity_directory(&self, kind: EntityKind) -> Directory {
        let archive = self.archive;
        let entries = archive
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == kind)
            .map(|(index, entity)| {
                (
                    // A person is listed, and sorted, by the family name.
                    entity.index_label(),
                    urls::entity(&entity.id),
                    documents_naming(archive, index),
                )
            })
            .collect();
        Directory::new(kind_plural(kind).to_string(), entries)
    }

    pub fn collection_directory(&self) -> Directory {
        let archive = self.archive;
        let entries = archive
            .collections
            .iter()
            .zip(&archive.collection_documents)
            .map(|(collection, documents)| {
                (
                    collection.title.clone(),
                    urls::collection(&collection.id),
                    documents.len(),
                )
            })
            .collect();
        Directory::new("Collections".to_string(), entries)
    }

    pub fn subject_directory(&self) -> Directory {
        let entries = self
            .archive
            .subjects
            .iter()
            .map(|subject| {
                (
                    subject.name.clone(),
                    urls::subject(&subject.slug),
                    subject.documents.len(),
                )
            })
            .collect();
        Directory::new("Subjects".to_string(), entries)
    }

    pub fn collection(&self, index: usize, page: &str, part: Page) -> ListingView<'a> {
        let archive = self.archive;
        let collection = &archive.collections[index];
        let documents = &archive.collection_documents[index];
        ListingView {
            title: collection.title.clone(),
            kind: "Collection",
            up: Link {
                label: "Collections".to_string(),
                href: urls::href(page, &urls::collections()),
            },
            description_html: collection
                .description
                .as_ref()
                .map(|d| self.markdown(d, page, CATALOGUE)),
            count: documents.len(),
            groups: vec![self.group(None, &documents[part.range()], page)],
            pagination: pagination::view(part, &urls::collection(&collection.id), page),
        }
    }

    pub fn subject(&self, subject: &'a Subject, page: &str, part: Page) -> ListingView<'a> {
        ListingView {
            title: subject.name.clone(),
            kind: "Subject",
            up: Link {
                label: "Subjects".to_string(),
                href: urls::href(page, &urls::subjects()),
            },
            description_html: None,
            count: subject.documents.len(),
            groups: vec![self.group(None, &subject.documents[part.range()], page)],
            pagination: pagination::view(part, &urls::subject(&subject.slug), page),
        }
    }

    pub fn year(&self, group: &YearGroup, page: &str, part: Page) -> ListingView<'a> {
        // The year's documents by month, cut where the page starts and ends.
        let mut months: Vec<ListingGroup<'a>> = Vec::new();
        let mut position = 0;
        let range = part.range();
        for (month, documents) in &group.months {
            let start = range.start.clamp(position, position + documents.len()) - position;
            let end = range.end.clamp(position, position + documents.len()) - position;
            position += documents.len();
            if start < end {
                months.push(self.group(Some(month_label(*month).to_string()), &documents[start..end], page));
            }
        }
        ListingView {
            title: year_label(group.year),
            kind: "Year",
            up: Link {
                label: "Timeline".to_string(),
                href: urls::href(page, &urls::timeline()),
            },
            description_html: None,
            count: group.documents.len(),
            groups: months,
            pagination: pagination::view(part, &urls::year(group.year), page),
        }
    }

    pub fn timeline(&self, page: &str) -> TimelineView<'a> {
        let timeline = &self.archive.timeline;
        let mut decades: Vec<DecadeView> = Vec::new();
        for group in &timeline.years {
            let label = format!("{}s", year_label(group.decade()));
            if decades.last().is_none_or(|d| d.label != label) {
                decades.push(DecadeView {
                    label,
                    count: 0,
                    years: Vec::new(),
                });
            }
            if let Some(decade) = decades.last_mut() {
                decade.count += group.documents.len();
                decade.years.push(YearView {
                    label: year_label(group.year),
                    href: urls::href(page, &urls::year(group.year)),
                    count: group.documents.len(),
                    months: group
                        .months
                        .iter()
                        .map(|(month, documents)| MonthCount {
                            label: month_label(*month),
                            count: documents.len(),
                        })
                        .collect(),
                });
            }
        }
        TimelineView {
            chart_svg: super::chart::documents_per_year(&timeline.years, |year| urls::href(page, &urls::year(year))),
            dated_count: timeline.years.iter().map(|y| y.documents.len()).sum(),
            decades,
            broad: timeline
                .decades_only
                .iter()
                .map(|(decade, documents)| self.group(Some(format!("{}s", year_label(*decade))), documents, page))
                .collect(),
            undated: timeline
                .undated
                .iter()
                .map(|&d| item(&self.archive.documents[d], page))
                .collect(),
        }
    }

    fn group(&self, label: Option<String>, documents: &[usize], page: &str) -> ListingGroup<'a> {
        ListingGroup {
            label,
            documents: documents
                .iter()
                .map(|&d| item(&self.archive.documents[d], page))
                .collect(),
        }
    }

    /// An editor's Markdown for a page; its links were checked when the archive was
    /// built. Relative links resolve from `source`, the file it was written in.
    fn markdown(&self, text: &Located<String>, page: &str, source: &str) -> String {
        let context = LinkContext {
            source,
            page,
            targets: &self.archive.lookup,
            first_line: text.line,
            trust_raw_html: self.archive.allow_raw_html,
        };
        markdown::to_html(&text.value, &context, None).html
    }
}

fn section(page: &str, label: &'static str, target: String) -> NavLink {
    NavLink {
        label,
        href: urls::href(page, &target),
        current: page == target,
    }
}

fn item<'a>(document: &'a Document, page: &str) -> DocumentItemView<'a> {
    DocumentItemView {
        id: &document.id,
        number: document.meta.number.as_deref(),
        title: &document.meta.title,
        href: urls::href(page, &urls::document(&document.id)),
        date: document.meta.date.as_ref().map(ToString::to_string),
        date_iso: document.meta.date.as_ref().and_then(|d| d.iso_start()),
        date_edtf: document.meta.date.as_ref().map(|d| d.as_str()),
        doc_type: document.meta.doc_type.as_deref(),
    }
}

/// The documents that name an entity or that it wrote or received.
fn documents_naming(archive: &Archive, index: usize) -> usize {
    let mut documents: Vec<usize> = archive.appearances[index].iter().map(|a| a.document).collect();
    documents.extend(&archive.authored[index]);
    documents.extend(&archive.received[index]);
    documents.sort_unstable();
    documents.dedup();
    documents.len()
}

/// `list` on the first page of a list cut into pages, nothing on the others.
fn first_page_only<T>(part: Page, list: &[T]) -> &[T] {
    if part.is_first() {
        list
    } else {
        &[]
    }
}

/// The first sentence of a Markdown text as plain text (see [`text::first_sentence`]).
fn first_sentence(markdown: &str) -> String {
    text::first_sentence(&super::metadata::plain_line(markdown))
}

fn kind_singular(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organization",
        EntityKind::Place => "Place",
        EntityKind::Event => "Event",
        EntityKind::Work => "Work",
    }
}

fn kind_plural(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Organization => "Organizations",
        EntityKind::Place => "Places",
        EntityKind::Event => "Events",
        EntityKind::Work => "Works",
    }
}

fn month_label(month: Option<u8>) -> &'static str {
    match month {
        Some(m @ 1..=12) => MONTHS[usize::from(m - 1)],
        _ => "Month unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::{first_sentence, marks_in, Directory};
    use crate::render::pagination;

    #[test]
    fn the_legend_has_the_marks_the_text_uses_in_its_own_order() {
        let body = r#"<p>A <span class="sic">[SIC]</span> and <a class="entity" href="x">name</a><span class="omission">…</span></p><p class="sic-like">x</p>"#;
        let classes: Vec<&str> = marks_in(body).iter().map(|mark| mark.class).collect();
        assert_eq!(classes, ["omission", "sic"]);
        assert!(marks_in("<p>Plain.</p>").is_empty());
    }

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

    #[test]
    fn a_sentence_goes_on_past_abbreviations_and_initials() {
        assert_eq!(
            first_sentence("Cathedral in St. Petersburg, built c. 1733. Rebuilt later."),
            "Cathedral in St. Petersburg, built c. 1733."
        );
        assert_eq!(
            first_sentence("Translated by J. R. Smith (d. 1994). Second note."),
            "Translated by J. R. Smith (d. 1994)."
        );
        assert_eq!(first_sentence("Born in the U.S. In 1950 he left."), "Born in the U.S.");
    }

    #[test]
    fn a_card_shows_the_first_sentence_of_a_note_as_plain_text() {
        assert_eq!(
            first_sentence("Leader of the *DPRK* from 1948. Born in [Mangyongdae](https://example.org)."),
            "Leader of the DPRK from 1948."
        );
        assert_eq!(first_sentence("No full stop"), "No full stop");
        assert_eq!(first_sentence("Is it? Yes."), "Is it?");
        let long = "word ".repeat(50);
        let cut = first_sentence(&long);
        assert!(cut.ends_with("word…") && cut.chars().count() <= 161, "{cut}");
    }
}
