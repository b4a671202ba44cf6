//! A document's Dublin Core record: the one crosswalk from the catalogue's metadata
//! to the fifteen elements, which the page head (`DC.*` tags) and the OAI-PMH records
//! (`oai_dc`) both write, so the two cannot disagree.

use crate::archive::Archive;
use crate::markdown;
use crate::refs::DocumentRef;
use crate::urls;

/// The Dublin Core elements a document's record uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    /// `dc:title`: the document's title.
    Title,
    /// `dc:creator`: an author.
    Creator,
    /// `dc:subject`: a subject term.
    Subject,
    /// `dc:description`: the summary, as plain words.
    Description,
    /// `dc:publisher`: the archive.
    Publisher,
    /// `dc:date`: the first day the date allows, or the date as written.
    Date,
    /// `dc:type`: manuscript, then the document's own type.
    Type,
    /// `dc:identifier`: the page's address.
    Identifier,
    /// `dc:source`: the archival reference of the original.
    Source,
    /// `dc:language`: the document's, or the archive's.
    Language,
    /// `dc:rights`: the document's rights statement.
    Rights,
}

impl Element {
    /// The element's name in `oai_dc` (`dc:title`).
    pub const fn xml_name(self) -> &'static str {
        match self {
            Element::Title => "dc:title",
            Element::Creator => "dc:creator",
            Element::Subject => "dc:subject",
            Element::Description => "dc:description",
            Element::Publisher => "dc:publisher",
            Element::Date => "dc:date",
            Element::Type => "dc:type",
            Element::Identifier => "dc:identifier",
            Element::Source => "dc:source",
            Element::Language => "dc:language",
            Element::Rights => "dc:rights",
        }
    }

    /// The element's name in an HTML `<meta name>` (`DC.title`).
    pub const fn meta_name(self) -> &'static str {
        match self {
            Element::Title => "DC.title",
            Element::Creator => "DC.creator",
            Element::Subject => "DC.subject",
            Element::Description => "DC.description",
            Element::Publisher => "DC.publisher",
            Element::Date => "DC.date",
            Element::Type => "DC.type",
            Element::Identifier => "DC.identifier",
            Element::Source => "DC.source",
            Element::Language => "DC.language",
            Element::Rights => "DC.rights",
        }
    }
}

/// The Dublin Core record of document `index`, element by element in the order
/// `oai_dc` lists them. Every document is a manuscript (`dc:type`), then of its
/// catalogue `type`; the identifier is the page's address, given only with a
/// `base_url`; the description is the summary as one line of plain words.
pub fn record(archive: &Archive, document: DocumentRef) -> Vec<(Element, String)> {
    let document = &archive.documents[document];
    let meta = &document.meta;
    let mut record = vec![(Element::Title, meta.title.clone())];
    record.extend(document.authors.iter().map(|a| (Element::Creator, a.name.clone())));
    record.extend(meta.subjects.iter().map(|s| (Element::Subject, s.clone())));
    if let Some(summary) = &meta.summary {
        record.push((Element::Description, markdown::plain_line(&summary.value)));
    }
    record.push((Element::Publisher, archive.title.clone()));
    if let Some(date) = &meta.date {
        let written = date.iso_start().unwrap_or_else(|| date.as_str().to_string());
        record.push((Element::Date, written));
    }
    record.push((Element::Type, "manuscript".to_string()));
    if let Some(kind) = &meta.doc_type {
        record.push((Element::Type, kind.clone()));
    }
    if let Some(base) = &archive.base_url {
        record.push((Element::Identifier, format!("{base}{}", urls::document(&document.id))));
    }
    if let Some(source) = &meta.source {
        record.push((Element::Source, source.clone()));
    }
    if let Some(language) = meta.language.as_ref().or(archive.language.as_ref()) {
        record.push((Element::Language, language.clone()));
    }
    if let Some(rights) = &meta.rights {
        record.push((Element::Rights, rights.clone()));
    }
    record
}
