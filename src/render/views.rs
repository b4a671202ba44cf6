//! The view builder: fills the template contract ([`super::contract`]) from the site
//! model, one method per kind of page, with every href relative to the page being
//! rendered.

use super::contract::{
    AppearanceView, AttachmentView, CompanionView, DecadeView, DocumentItemView, DocumentView, EntityCardView,
    EntityView, FieldView, HomeView, Link, ListingGroup, ListingView, MentionLink, MonthCount, NameView, NavLink,
    RecordLink, RelatedView, ScanView, SearchView, SiteView, SnippetView, TextPaneView, TimelineView, YearView,
};
use super::directory::Directory;
use super::legend::marks_in;
use super::pagination::{self, Page};
use crate::archive::{
    Archive, CollectionNode, EntityNode, Party, RelationKind, Subject, YearGroup, SNIPPETS_PER_DOCUMENT,
};
use crate::catalog::EntityKind;
use crate::document::{Document, OtherText, TextRole};
use crate::edtf::{decade_label, month_label, year_label};
use crate::i18n::Interface;
use crate::refs::{DocumentRef, EntityRef};
use crate::text;
use crate::urls;

/// Where the catalogue's texts are written, for their relative links.
const CATALOGUE: &str = crate::sources::INDEX_FILE;

/// The heading of a document's main text: what it is beside its other texts.
fn main_text_label(document: &Document, words: &Interface) -> String {
    let language = document.meta.language.as_deref().map_or_else(
        || words.text("document.main_text").to_string(),
        |code| words.language_name(code),
    );
    if document.texts.iter().any(|t| t.role == TextRole::Original) {
        words.format("document.translation_in", &[("language", &language)])
    } else if document.texts.is_empty() {
        words.text("document.transcription").to_string()
    } else {
        words.format("document.transcription_in", &[("language", &language)])
    }
}

/// A document's other text as a pane: its HTML made as the main text's is, without
/// entity links (the registry names things in the main text's language), its ids
/// set apart by its key.
fn text_pane<'a>(page: &str, id: &str, text: &'a OtherText, words: &Interface) -> TextPaneView<'a> {
    let html = crate::reflow::to_html_keyed(&text.blocks, &text.key, words, &mut |html, text, _| {
        crate::html::push_escaped(html, text)
    });
    let role = match text.role {
        TextRole::Original => "document.original_in",
        TextRole::Translation => "document.translation_in",
    };
    TextPaneView {
        key: &text.key,
        label: words.format(role, &[("language", &words.language_name(&text.language))]),
        language_code: &text.language,
        direction: text::direction(&text.language),
        html,
        download_href: urls::href(page, &urls::text_copy(id, &text.key, &text.source)),
        source_file: &text.source,
        size: file_size(text.fixity.bytes, words),
        sha256: &text.fixity.sha256,
    }
}

/// What a document page shows of one of its scans (`position` from 1).
fn scan_view<'a>(
    page: &str,
    id: &str,
    position: usize,
    scan: &'a crate::scans::Scan,
    words: &Interface,
) -> ScanView<'a> {
    use crate::scans::derive::{READING, THUMBNAIL};
    let (reading_width, reading_height) = READING.size(scan.width, scan.height);
    let (thumb_width, thumb_height) = THUMBNAIL.size(scan.width, scan.height);
    ScanView {
        page: scan.page.clone(),
        anchor: format!(
            "scan-{}",
            scan.page
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect::<String>()
        ),
        reading_href: urls::href(page, &urls::scan(id, position, READING.name, "jpg")),
        reading_width,
        reading_height,
        thumb_href: urls::href(page, &urls::scan(id, position, THUMBNAIL.name, "jpg")),
        thumb_width,
        thumb_height,
        master_href: urls::href(page, &urls::scan(id, position, "", scan.format.extension())),
        master_width: scan.width,
        master_height: scan.height,
        master_size: file_size(scan.fixity.bytes, words),
        master_format: match scan.format {
            crate::scans::ScanFormat::Png => "PNG",
            crate::scans::ScanFormat::Jpeg => "JPEG",
            crate::scans::ScanFormat::Tiff => "TIFF",
        },
        sha256: &scan.fixity.sha256,
    }
}

/// A size as people read it: "812 bytes", "14.2 KB", "3.1 MB".
fn file_size(bytes: u64, words: &Interface) -> String {
    match bytes {
        0..1000 => words.count("count.bytes", bytes as usize, &[]),
        1000..1_000_000 => words.format("count.kilobytes", &[("n", &words.decimal(bytes as f64 / 1000.0))]),
        _ => words.format("count.megabytes", &[("n", &words.decimal(bytes as f64 / 1_000_000.0))]),
    }
}

/// A citation record as a `data:` URL, so that the page carries its records instead
/// of three files beside it (a download link opens it, from disk as from a server).
/// Only what a URL cannot hold as it is is escaped.
fn data_url(media_type: &str, text: &str) -> String {
    const KEPT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'\'')
        .add(b'\\')
        .add(b'[')
        .add(b']')
        .add(b'^')
        .add(b'{')
        .add(b'|')
        .add(b'}');
    format!(
        "data:{media_type};charset=utf-8,{}",
        percent_encoding::utf8_percent_encode(text, KEPT)
    )
}

/// The documents an entity wrote or those it received, in date order.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Correspondence {
    Authored,
    Received,
}

impl Correspondence {
    pub(crate) const BOTH: [Correspondence; 2] = [Correspondence::Authored, Correspondence::Received];

    pub(crate) fn of(self, entity: &EntityNode) -> &[DocumentRef] {
        match self {
            Correspondence::Authored => &entity.authored,
            Correspondence::Received => &entity.received,
        }
    }

    /// The folder of the entity's list: `entities/<id>/by/`, `entities/<id>/to/`.
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Correspondence::Authored => "by",
            Correspondence::Received => "to",
        }
    }
}

/// Builds the views of one archive.
pub(crate) struct Views<'a> {
    archive: &'a Archive,
    styles: std::sync::Arc<crate::cite::Styles>,
    /// Each entity's card note (the first sentence of its note, as plain text), made
    /// once: a card is on the page of every document naming the entity.
    card_notes: Vec<Option<String>>,
}

impl<'a> Views<'a> {
    /// Views of `archive`, citing in `styles` (loading them takes a while, so a served
    /// build keeps them).
    pub(crate) fn new(archive: &'a Archive, styles: std::sync::Arc<crate::cite::Styles>) -> Self {
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

    pub(crate) fn site(&self, page: &str) -> SiteView<'a> {
        let archive = self.archive;
        let words = self.words();
        let mut nav = vec![
            NavLink {
                label: words.text("nav.documents"),
                href: format!("{}#documents", urls::href(page, &urls::home())),
                current: false,
            },
            NavLink {
                label: words.text("nav.timeline"),
                href: urls::href(page, &urls::timeline()),
                current: page == urls::timeline(),
            },
        ];
        if !archive.collections.is_empty() {
            nav.push(section(page, words.text("nav.collections"), urls::collections()));
        }
        if !archive.subjects.is_empty() {
            nav.push(section(page, words.text("nav.subjects"), urls::subjects()));
        }
        for kind in EntityKind::ALL {
            if archive.entities.iter().any(|e| e.kind == kind) {
                nav.push(section(page, kind_plural(kind, words), urls::entity_index(kind)));
            }
        }
        SiteView {
            title: &archive.title,
            description: archive.description.as_deref(),
            language: archive.language.as_deref().unwrap_or(words.language()),
            interface_language: words.language(),
            interface_direction: words.direction(),
            extra: archive.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
            root: urls::root_of(page),
            home_href: urls::href(page, &urls::home()),
            stylesheet_hrefs: ["style.css", "highlight.css", "interface.css"]
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

    pub(crate) fn search(&self, page: &str) -> SearchView {
        let words = self.words();
        let mut browse = vec![
            Link {
                label: words.text("nav.timeline").to_string(),
                href: urls::href(page, &urls::timeline()),
            },
            Link {
                label: words.text("nav.all_documents").to_string(),
                href: format!("{}#documents", urls::href(page, &urls::home())),
            },
        ];
        if !self.archive.subjects.is_empty() {
            browse.push(Link {
                label: words.text("nav.subjects").to_string(),
                href: urls::href(page, &urls::subjects()),
            });
        }
        for kind in EntityKind::ALL {
            if self.archive.entities.iter().any(|e| e.kind == kind) {
                browse.push(Link {
                    label: kind_plural(kind, words).to_string(),
                    href: urls::href(page, &urls::entity_index(kind)),
                });
            }
        }
        SearchView {
            script_href: urls::href(page, &urls::asset("search.js")),
            browse,
        }
    }

    pub(crate) fn home(&self, page: &str, part: Page) -> HomeView<'a> {
        HomeView {
            introduction_html: if part.is_first() {
                &self.archive.introduction_html
            } else {
                ""
            },
            documents: self.archive.documents[part.range()]
                .iter()
                .map(|d| self.item(d, page))
                .collect(),
            document_count: self.archive.documents.len(),
            pagination: pagination::view(part, &urls::home(), page),
        }
    }

    pub(crate) fn document(&self, index: DocumentRef, page: &str) -> DocumentView<'a> {
        let archive = self.archive;
        let words = self.words();
        let document = &archive.documents[index];
        let meta = &document.meta;
        let names = |parties: &'a [Party]| -> Vec<NameView> {
            parties
                .iter()
                .map(|party| NameView {
                    name: party.name.clone(),
                    href: party
                        .entity
                        .map(|e| urls::href(page, &urls::entity(&archive.entities[e].id))),
                })
                .collect()
        };
        let record = crate::cite::record(archive, index);
        let body_html = archive.text_html(index);
        let citations = self.styles.cite_with_any_page(&record);
        let page_citations: Vec<crate::cite::Citation> = citations.iter().map(|forms| forms.at_page.clone()).collect();
        let entity_cards: Vec<EntityCardView> = document
            .about
            .iter()
            .map(|&e| {
                let entity = &archive.entities[e];
                EntityCardView {
                    id: &entity.id,
                    name: &entity.name,
                    kind: kind_singular(entity.kind, words),
                    note: self.card_notes[e.index()].clone(),
                }
            })
            .collect();
        let rank = document.reading_rank;
        let neighbour = |rank: Option<usize>| {
            rank.and_then(|r| archive.reading_order.get(r))
                .map(|&d| self.item(&archive.documents[d], page))
        };
        DocumentView {
            id: &document.id,
            number: meta.number.as_deref(),
            title: &meta.title,
            date: meta.date.as_ref().map(|d| d.describe(words)),
            date_iso: meta.date.as_ref().and_then(|d| d.iso_start()),
            date_edtf: meta.date.as_ref().map(|d| d.as_str()),
            doc_type: meta.doc_type.as_deref(),
            authors: names(&document.authors),
            recipients: names(&document.recipients),
            language: meta.language.as_deref().map(|code| words.language_name(code)),
            language_code: meta.language.as_deref(),
            text_direction: text::direction(meta.language.as_deref().or(archive.language.as_deref()).unwrap_or("en")),
            stemmer: text::stemmer_name(meta.language.as_deref().or(archive.language.as_deref())),
            original_language: meta.original_language.as_deref().map(|code| words.language_name(code)),
            translators: names(&document.translators),
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
            summary_html: document.summary_html.as_deref(),
            fields: meta
                .fields
                .iter()
                .map(|(label, value)| FieldView { label, value })
                .collect(),
            related: document
                .related
                .iter()
                .map(|relation| RelatedView {
                    document: self.item(&archive.documents[relation.document], page),
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
            linked_from: document
                .linked_from
                .iter()
                .map(|&d| self.item(&archive.documents[d], page))
                .collect(),
            kind: match document.body {
                crate::document::Body::Transcript(_) => "transcript",
                crate::document::Body::Markdown { .. } => "markdown",
            },
            marks: marks_in(&body_html, words),
            body_html,
            entity_cards_json: crate::html::script_json(
                &entity_cards
                    .iter()
                    .map(|card| (card.id, (card.name, card.kind, card.note.as_deref())))
                    .collect::<std::collections::BTreeMap<_, _>>(),
            ),
            entity_cards,
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
            size: file_size(document.fixity.bytes, words),
            sha256: &document.fixity.sha256,
            json_ld: super::metadata::document_json_ld(archive, index),
            scans: document
                .scans
                .iter()
                .enumerate()
                .map(|(at, scan)| scan_view(page, &document.id, at + 1, scan, words))
                .collect(),
            iiif_manifest_href: (archive.base_url.is_some() && !document.scans.is_empty())
                .then(|| urls::href(page, &urls::iiif_manifest(&document.id))),
            text_label: main_text_label(document, words),
            texts: document
                .texts
                .iter()
                .map(|text| text_pane(page, &document.id, text, words))
                .collect(),
            pdf: document.pdf.as_ref().map(|pdf| AttachmentView {
                href: urls::href(page, &urls::original_pdf(&document.id)),
                size: file_size(pdf.fixity.bytes, words),
                sha256: &pdf.fixity.sha256,
            }),
            records: crate::cite::Format::ALL
                .iter()
                .map(|&format| RecordLink {
                    label: format.label(),
                    href: data_url(format.media_type(), &format.write(&record)),
                    file_name: format!("{}.{}", document.id, format.extension()),
                    media_type: format.media_type(),
                })
                .collect(),
        }
    }

    fn reason(&self, kind: &RelationKind) -> String {
        let words = self.words();
        match kind {
            RelationKind::Listed { .. } => words.text("document.related_by_the_editors").to_string(),
            RelationKind::Shares { entities, subjects } => {
                let names: Vec<String> = entities
                    .iter()
                    .map(|&e| self.archive.entities[e].name.clone())
                    .chain(subjects.iter().map(|s| format!("the subject “{s}”")))
                    .collect();
                words.format("document.shares", &[("names", &names.join(", "))])
            }
        }
    }

    pub(crate) fn entity(&self, index: EntityRef, page: &str, part: Page) -> EntityView<'a> {
        let archive = self.archive;
        let entity = &archive.entities[index];
        // Documents by and to the entity, and its companions, are on its first page.
        let documents = |list: &[DocumentRef]| {
            let shown = &list[..list.len().min(pagination::CORRESPONDENCE_ON_ENTITY_PAGE)];
            first_page_only(part, shown)
                .iter()
                .map(|&d| self.item(&archive.documents[d], page))
                .collect()
        };
        let all_href = |role: Correspondence| {
            (part.is_first() && role.of(entity).len() > pagination::CORRESPONDENCE_ON_ENTITY_PAGE)
                .then(|| urls::href(page, &urls::entity_correspondence(&entity.id, role.folder())))
        };
        let words = self.words();
        EntityView {
            links: &entity.links,
            json_ld: super::metadata::entity_json_ld(entity, archive),
            id: &entity.id,
            name: &entity.name,
            kind: kind_singular(entity.kind, words),
            kind_index: Link {
                label: kind_plural(entity.kind, words).to_string(),
                href: urls::href(page, &urls::entity_index(entity.kind)),
            },
            aliases: &entity.aliases,
            // The model rendered the note for the first page; a later one is elsewhere.
            note_html: if part.is_first() {
                entity.note_html.clone()
            } else {
                entity
                    .note
                    .as_ref()
                    .map(|note| archive.markdown_html(note, page, CATALOGUE))
            },
            appearances: entity.appearances[part.range()]
                .iter()
                .map(|appearance| {
                    let document = &archive.documents[appearance.document];
                    let document_href = urls::href(page, &urls::document(&document.id));
                    AppearanceView {
                        document: self.item(document, page),
                        count: appearance.count,
                        snippets: appearance
                            .mentions
                            .iter()
                            .take(SNIPPETS_PER_DOCUMENT)
                            .filter_map(|&m| {
                                let mention = &document.linked.mentions[m];
                                let context = mention.context.as_deref()?;
                                Some(SnippetView {
                                    href: mention_href(&document_href, entity, mention),
                                    before: &context.before,
                                    name: &context.name,
                                    after: &context.after,
                                })
                            })
                            .collect(),
                        more: appearance
                            .mentions
                            .iter()
                            .enumerate()
                            .skip(SNIPPETS_PER_DOCUMENT)
                            .map(|(i, &m)| MentionLink {
                                href: mention_href(&document_href, entity, &document.linked.mentions[m]),
                                number: i + 1,
                            })
                            .collect(),
                    }
                })
                .collect(),
            appearance_count: entity.appearances.len(),
            mention_count: entity.appearances.iter().map(|a| a.count).sum(),
            pagination: pagination::view(part, &urls::entity(&entity.id), page),
            authored: documents(&entity.authored),
            authored_count: entity.authored.len(),
            all_authored_href: all_href(Correspondence::Authored),
            received: documents(&entity.received),
            received_count: entity.received.len(),
            all_received_href: all_href(Correspondence::Received),
            companions: first_page_only(part, &entity.companions)
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
    pub(crate) fn correspondence(
        &self,
        index: EntityRef,
        role: Correspondence,
        page: &str,
        part: Page,
    ) -> ListingView<'a> {
        let archive = self.archive;
        let entity = &archive.entities[index];
        let documents = role.of(entity);
        let words = self.words();
        let (title, kind) = match role {
            Correspondence::Authored => (
                words.format("entity.documents_by", &[("name", &entity.name)]),
                words.text("entity.author"),
            ),
            Correspondence::Received => (
                words.format("entity.documents_to", &[("name", &entity.name)]),
                words.text("entity.recipient"),
            ),
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

    pub(crate) fn entity_directory(&self, kind: EntityKind) -> Directory {
        let entries = self
            .archive
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|entity| {
                (
                    // A person is listed, and sorted, by the family name.
                    entity.index_label(),
                    urls::entity(&entity.id),
                    documents_naming(entity),
                )
            })
            .collect();
        Directory::new(kind_plural(kind, self.words()).to_string(), entries)
    }

    pub(crate) fn collection_directory(&self) -> Directory {
        let archive = self.archive;
        let entries = archive
            .collections
            .iter()
            .map(|collection| {
                (
                    collection.title.clone(),
                    urls::collection(&collection.id),
                    collection.documents.len(),
                )
            })
            .collect();
        Directory::new(self.words().text("nav.collections").to_string(), entries)
    }

    pub(crate) fn subject_directory(&self) -> Directory {
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
        Directory::new(self.words().text("nav.subjects").to_string(), entries)
    }

    pub(crate) fn collection(&self, collection: &'a CollectionNode, page: &str, part: Page) -> ListingView<'a> {
        let documents = &collection.documents;
        ListingView {
            title: collection.title.clone(),
            kind: self.words().text("kind.collection"),
            up: Link {
                label: self.words().text("nav.collections").to_string(),
                href: urls::href(page, &urls::collections()),
            },
            // The model rendered the description for the first page; a later one is
            // elsewhere.
            description_html: if part.is_first() {
                collection.description_html.clone()
            } else {
                collection
                    .description
                    .as_ref()
                    .map(|d| self.archive.markdown_html(d, page, CATALOGUE))
            },
            count: documents.len(),
            groups: vec![self.group(None, &documents[part.range()], page)],
            pagination: pagination::view(part, &urls::collection(&collection.id), page),
        }
    }

    pub(crate) fn subject(&self, subject: &'a Subject, page: &str, part: Page) -> ListingView<'a> {
        ListingView {
            title: subject.name.clone(),
            kind: self.words().text("kind.subject"),
            up: Link {
                label: self.words().text("nav.subjects").to_string(),
                href: urls::href(page, &urls::subjects()),
            },
            description_html: None,
            count: subject.documents.len(),
            groups: vec![self.group(None, &subject.documents[part.range()], page)],
            pagination: pagination::view(part, &urls::subject(&subject.slug), page),
        }
    }

    pub(crate) fn year(&self, group: &YearGroup, page: &str, part: Page) -> ListingView<'a> {
        let words = self.words();
        // The year's documents by month, cut where the page starts and ends.
        let mut months: Vec<ListingGroup<'a>> = Vec::new();
        let mut position = 0;
        let range = part.range();
        for (month, documents) in &group.months {
            let start = range.start.clamp(position, position + documents.len()) - position;
            let end = range.end.clamp(position, position + documents.len()) - position;
            position += documents.len();
            if start < end {
                months.push(self.group(Some(month_label(*month, words)), &documents[start..end], page));
            }
        }
        ListingView {
            title: year_label(group.year, words),
            kind: words.text("kind.year"),
            up: Link {
                label: words.text("nav.timeline").to_string(),
                href: urls::href(page, &urls::timeline()),
            },
            description_html: None,
            count: group.documents.len(),
            groups: months,
            pagination: pagination::view(part, &urls::year(group.year), page),
        }
    }

    pub(crate) fn timeline(&self, page: &str) -> TimelineView<'a> {
        let timeline = &self.archive.timeline;
        let words = self.words();
        let mut decades: Vec<DecadeView> = Vec::new();
        for group in &timeline.years {
            let label = decade_label(group.decade(), words);
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
                    label: year_label(group.year, words),
                    href: urls::href(page, &urls::year(group.year)),
                    count: group.documents.len(),
                    months: group
                        .months
                        .iter()
                        .map(|(month, documents)| MonthCount {
                            label: month_label(*month, words),
                            count: documents.len(),
                        })
                        .collect(),
                });
            }
        }
        TimelineView {
            chart_svg: super::chart::documents_per_year(&timeline.years, words, |year| {
                urls::href(page, &urls::year(year))
            }),
            dated_count: timeline.years.iter().map(|y| y.documents.len()).sum(),
            decades,
            broad: timeline
                .decades_only
                .iter()
                .map(|(decade, documents)| self.group(Some(decade_label(*decade, words)), documents, page))
                .collect(),
            undated: timeline
                .undated
                .iter()
                .map(|&d| self.item(&self.archive.documents[d], page))
                .collect(),
        }
    }

    fn group(&self, label: Option<String>, documents: &[DocumentRef], page: &str) -> ListingGroup<'a> {
        ListingGroup {
            label,
            documents: documents
                .iter()
                .map(|&d| self.item(&self.archive.documents[d], page))
                .collect(),
        }
    }
}

fn section<'a>(page: &str, label: &'a str, target: String) -> NavLink<'a> {
    NavLink {
        label,
        href: urls::href(page, &target),
        current: page == target,
    }
}

impl<'a> Views<'a> {
    /// The interface's words.
    fn words(&self) -> &'a Interface {
        &self.archive.interface
    }

    /// A document as an item of a list.
    fn item(&self, document: &'a Document, page: &str) -> DocumentItemView<'a> {
        DocumentItemView {
            id: &document.id,
            number: document.meta.number.as_deref(),
            title: &document.meta.title,
            href: urls::href(page, &urls::document(&document.id)),
            date: document.meta.date.as_ref().map(|d| d.describe(self.words())),
            date_iso: document.meta.date.as_ref().and_then(|d| d.iso_start()),
            date_edtf: document.meta.date.as_ref().map(|d| d.as_str()),
            doc_type: document.meta.doc_type.as_deref(),
        }
    }
}

/// The documents that name an entity or that it wrote or received.
fn documents_naming(entity: &EntityNode) -> usize {
    let mut documents: Vec<DocumentRef> = entity.appearances.iter().map(|a| a.document).collect();
    documents.extend(&entity.authored);
    documents.extend(&entity.received);
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
    text::first_sentence(&crate::markdown::plain_line(markdown))
}

fn kind_singular(kind: EntityKind, words: &Interface) -> &str {
    words.text(kind_keys(kind).0)
}

fn kind_plural(kind: EntityKind, words: &Interface) -> &str {
    words.text(kind_keys(kind).1)
}

/// An entity kind's keys in the interface's words, one and many: a name card on every
/// document page names its kind, so the keys are not made each time.
fn kind_keys(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Person => ("kind.person", "kinds.person"),
        EntityKind::Organization => ("kind.organization", "kinds.organization"),
        EntityKind::Place => ("kind.place", "kinds.place"),
        EntityKind::Event => ("kind.event", "kinds.event"),
        EntityKind::Work => ("kind.work", "kinds.work"),
    }
}

/// The link to a mention in its document's page.
fn mention_href(document_href: &str, entity: &EntityNode, mention: &crate::entities::Mention) -> String {
    format!(
        "{document_href}#{}",
        crate::entities::anchor(&entity.id, mention.number)
    )
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

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
