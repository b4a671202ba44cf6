//! IIIF Presentation 3 manifests: each document with scans as a manifest of canvases in
//! page order, so that Mirador, the Universal Viewer or any IIIF client opens it. A
//! manifest's ids are absolute, so one is written only where the archive has a
//! `base_url`.

use serde_json::{json, Value};

use crate::archive::{Archive, DocumentNode};
use crate::output::OutputFile;
use crate::scans::derive::{READING, THUMBNAIL};
use crate::urls;

/// The manifest of each document with scans, where the archive has a `base_url`.
pub(crate) fn manifests(archive: &Archive) -> Vec<OutputFile> {
    let Some(base) = archive.base_url.as_deref() else {
        return Vec::new();
    };
    archive
        .documents
        .iter()
        .filter(|document| !document.scans.is_empty())
        .map(|document| {
            let mut bytes = serde_json::to_vec_pretty(&manifest(archive, base, document)).unwrap_or_default();
            bytes.push(b'\n');
            OutputFile {
                path: urls::iiif_manifest(&document.id),
                bytes,
            }
        })
        .collect()
}

/// A language map: IIIF's `{"en": ["text"]}`.
fn text(language: &str, value: &str) -> Value {
    json!({ language: [value] })
}

/// A label and its value, for `metadata`.
fn entry(label: &str, value: &str) -> Value {
    json!({ "label": text("en", label), "value": text("none", value) })
}

fn manifest(archive: &Archive, base: &str, document: &DocumentNode) -> Value {
    let id = format!("{base}{}", urls::iiif_manifest(&document.id));
    let meta = &document.meta;
    let language = meta.language.as_deref().unwrap_or("none");
    let mut metadata = Vec::new();
    if let Some(date) = &meta.date {
        metadata.push(entry("Date", &date.to_string()));
    }
    if let Some(kind) = &meta.doc_type {
        metadata.push(entry("Type", kind));
    }
    let names =
        |parties: &[crate::archive::Party]| parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("; ");
    if !document.authors.is_empty() {
        metadata.push(entry("Author", &names(&document.authors)));
    }
    if !document.recipients.is_empty() {
        metadata.push(entry("Recipient", &names(&document.recipients)));
    }
    if let Some(source) = &meta.source {
        metadata.push(entry("Source", source));
    }
    if let Some(code) = &meta.language {
        metadata.push(entry("Language", code));
    }
    let canvases: Vec<Value> = document
        .scans
        .iter()
        .enumerate()
        .map(|(at, scan)| {
            let position = at + 1;
            let canvas = format!("{base}documents/{}/canvas/{position}", document.id);
            // The canvas is the page at the master's size; what paints it is the
            // reading image, which a viewer scales to the canvas.
            let (width, height) = READING.size(scan.width, scan.height);
            let (thumb_width, thumb_height) = THUMBNAIL.size(scan.width, scan.height);
            json!({
                "id": canvas,
                "type": "Canvas",
                "label": text("none", &scan.page),
                "width": scan.width,
                "height": scan.height,
                "thumbnail": [{
                    "id": format!("{base}{}", urls::scan(&document.id, position, THUMBNAIL.name, "jpg")),
                    "type": "Image",
                    "format": "image/jpeg",
                    "width": thumb_width,
                    "height": thumb_height,
                }],
                "rendering": [{
                    "id": format!("{base}{}", urls::scan(&document.id, position, "", scan.format.extension())),
                    "type": "Image",
                    "label": text("en", "The master, full size"),
                    "format": scan.format.media_type(),
                }],
                "items": [{
                    "id": format!("{canvas}/page"),
                    "type": "AnnotationPage",
                    "items": [{
                        "id": format!("{canvas}/page/image"),
                        "type": "Annotation",
                        "motivation": "painting",
                        "body": {
                            "id": format!("{base}{}", urls::scan(&document.id, position, READING.name, "jpg")),
                            "type": "Image",
                            "format": "image/jpeg",
                            "width": width,
                            "height": height,
                        },
                        "target": canvas,
                    }],
                }],
            })
        })
        .collect();
    let mut manifest = json!({
        "@context": "http://iiif.io/api/presentation/3/context.json",
        "id": id,
        "type": "Manifest",
        "label": text(language, &meta.title),
        "metadata": metadata,
        "homepage": [{
            "id": format!("{base}{}", urls::document(&document.id)),
            "type": "Text",
            "label": text(language, &meta.title),
            "format": "text/html",
        }],
        "partOf": [{ "id": base, "type": "Collection", "label": text("none", &archive.title) }],
        "items": canvases,
    });
    if let Some(rights) = &meta.rights {
        manifest["requiredStatement"] = entry("Rights", rights);
    }
    if let Some(summary) = &meta.summary {
        manifest["summary"] = text(language, &crate::markdown::plain_line(&summary.value));
    }
    if document.pdf.is_some() {
        manifest["rendering"] = json!([{
            "id": format!("{base}{}", urls::original_pdf(&document.id)),
            "type": "Text",
            "label": text("en", "PDF of the original"),
            "format": "application/pdf",
        }]);
    }
    manifest
}
