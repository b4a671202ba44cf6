//! What machines read in a page's head: Dublin Core and `citation_*` tags for
//! reference managers (as an archival manuscript, not a journal article), Open Graph
//! for link previews, and schema.org JSON-LD for search engines and aggregators.

use serde::Serialize;
use serde_json::{json, Value};

use crate::archive::{dublin_core, Archive, Party};
use crate::catalog::{EntityDef, EntityKind};
use crate::html::script_json;
use crate::markdown;
use crate::refs::{DocumentRef, EntityRef};
use crate::urls;

/// One `<meta>` tag: `name` for Dublin Core and citation tags, `property` for Open
/// Graph.
#[derive(Debug, Serialize)]
pub(crate) struct MetaTag {
    pub attribute: &'static str,
    pub key: &'static str,
    pub content: String,
}

fn tag(attribute: &'static str, key: &'static str, content: impl Into<String>) -> MetaTag {
    MetaTag {
        attribute,
        key,
        content: content.into(),
    }
}

/// The absolute URL of a page, when the catalogue gives a `base_url`.
fn absolute(archive: &Archive, path: &str) -> Option<String> {
    archive.base_url.as_ref().map(|base| format!("{base}{path}"))
}

/// The head tags of a document's page.
pub(crate) fn document_tags(archive: &Archive, document_ref: DocumentRef) -> Vec<MetaTag> {
    let document = &archive.documents[document_ref];
    let meta = &document.meta;
    let authors: Vec<&str> = document.authors.iter().map(|a| a.name.as_str()).collect();
    let language = meta.language.clone().or_else(|| archive.language.clone());
    let mut tags: Vec<MetaTag> = dublin_core::record(archive, document_ref)
        .into_iter()
        .map(|(element, value)| tag("name", element.meta_name(), value))
        .collect();
    // The Highwire tags reference managers read, without the journal or conference
    // tags that would make the document an article.
    tags.push(tag("name", "citation_title", &meta.title));
    tags.extend(authors.iter().map(|&a| tag("name", "citation_author", a)));
    if let Some(date) = meta.date.as_ref().and_then(|d| d.iso_start()) {
        tags.push(tag("name", "citation_date", date.replace('-', "/")));
    }
    if let Some(language) = &language {
        tags.push(tag("name", "citation_language", language));
    }
    tags.push(tag("property", "og:type", "website"));
    tags.push(tag("property", "og:title", &meta.title));
    tags.push(tag("property", "og:site_name", &archive.title));
    if let Some(summary) = &meta.summary {
        tags.push(tag("property", "og:description", markdown::plain_line(&summary.value)));
    }
    if let Some(url) = absolute(archive, &urls::document(&document.id)) {
        tags.push(tag("property", "og:url", url));
    }
    tags
}

fn entity_type(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organization",
        EntityKind::Place => "Place",
        EntityKind::Event => "Event",
        EntityKind::Work => "CreativeWork",
    }
}

/// schema.org JSON-LD of a document's page: an archival record (`ArchiveComponent`)
/// with its authors, the entities it names, and the archive and collections it is
/// part of.
pub(crate) fn document_json_ld(archive: &Archive, document: DocumentRef) -> String {
    let document = &archive.documents[document];
    let meta = &document.meta;
    let person = |party: &Party| -> Value {
        match party.entity.map(|e| &archive.entities[e]) {
            Some(entity) => json!({
                "@type": entity_type(entity.kind),
                "name": entity.name,
                "url": absolute(archive, &urls::entity(&entity.id)),
            }),
            None => json!({"@type": "Person", "name": party.name}),
        }
    };
    let mut named: Vec<EntityRef> = document.linked.mentions.iter().map(|m| m.entity).collect();
    named.sort_unstable();
    named.dedup();
    let mentions: Vec<Value> = named
        .into_iter()
        .map(|e| {
            let entity = &archive.entities[e];
            json!({
                "@type": entity_type(entity.kind),
                "name": entity.name,
                "url": absolute(archive, &urls::entity(&entity.id)),
            })
        })
        .collect();
    let mut part_of = vec![json!({
        "@type": "Collection",
        "name": archive.title,
        "url": absolute(archive, &urls::home()),
    })];
    part_of.extend(
        meta.collections
            .iter()
            .filter_map(|id| archive.collection(id))
            .map(|c| {
                json!({
                    "@type": "Collection",
                    "name": c.title,
                    "url": absolute(archive, &urls::collection(&c.id)),
                })
            }),
    );
    let mut record = json!({
        "@context": "https://schema.org",
        "@type": ["ArchiveComponent", "CreativeWork"],
        "name": meta.title,
        "author": document.authors.iter().map(person).collect::<Vec<_>>(),
        "recipient": document.recipients.iter().map(person).collect::<Vec<_>>(),
        "mentions": mentions,
        "isPartOf": part_of,
        "keywords": meta.subjects,
        "url": absolute(archive, &urls::document(&document.id)),
    });
    let fields = record.as_object_mut().expect("an object");
    if let Some(date) = meta.date.as_ref().and_then(|d| d.iso_start()) {
        fields.insert("dateCreated".into(), json!(date));
    }
    if let Some(language) = meta.language.as_ref().or(archive.language.as_ref()) {
        fields.insert("inLanguage".into(), json!(language));
    }
    if let Some(kind) = &meta.doc_type {
        fields.insert("genre".into(), json!(kind));
    }
    if let Some(source) = &meta.source {
        fields.insert("identifier".into(), json!(source));
    }
    if let Some(summary) = &meta.summary {
        fields.insert("abstract".into(), json!(markdown::plain_line(&summary.value)));
    }
    script_json(&strip_nulls(record))
}

/// schema.org JSON-LD of an entity's page, with `sameAs` its `links:`.
pub(crate) fn entity_json_ld(entity: &EntityDef, archive: &Archive) -> String {
    let mut record = json!({
        "@context": "https://schema.org",
        "@type": entity_type(entity.kind),
        "name": entity.name,
        "alternateName": entity.aliases,
        "sameAs": entity.links,
        "url": absolute(archive, &urls::entity(&entity.id)),
    });
    if let Some(note) = &entity.note {
        record["description"] = json!(markdown::plain_line(&note.value));
    }
    script_json(&strip_nulls(record))
}

/// Leaves out empty values: a missing URL or an empty list says nothing.
fn strip_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}
