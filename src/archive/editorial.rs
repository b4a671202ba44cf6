//! What the site model renders of the editors' writing: each document's text with
//! the entities it names and the documents it cites linked, and the Markdown of
//! summaries, notes, collection descriptions and the introduction, each rendered
//! once, for the page it is shown on. A link that leads nowhere is an error with its
//! line.

use rayon::prelude::*;

use crate::catalog::{Catalog, Located};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::{Body, Document};
use crate::entities::{Linker, Mention};
use crate::markdown::{self, LinkContext};
use crate::sources::INDEX_FILE;
use crate::urls;

use super::linking::{transcript_html, Linking};
use super::model::Lookup;

/// A document's text as HTML with entity names linked, the mentions found, and the
/// ids of the documents it links to.
pub(super) fn linked_body(
    document: &Document,
    catalog: &Catalog,
    linking: &Linking,
    index: &Lookup,
    diagnostics: &mut Diagnostics,
) -> (String, Vec<Mention>, Vec<String>) {
    let (text, first_line) = match &document.body {
        Body::Transcript(blocks) => return transcript_html(linking, &document.id, blocks),
        Body::Markdown { text, first_line } => (text, *first_line),
    };
    let page = urls::document(&document.id);
    let entity_href = |id: &str| urls::href(&page, &urls::entity(id));
    let document_href = |id: &str| urls::href(&page, &urls::document(id));
    let mut linker = Linker::new(&linking.matcher, &linking.entities, &entity_href).with_references(
        &linking.references,
        &document_href,
        &document.id,
    );
    let context = LinkContext {
        source: &document.source,
        page: &page,
        targets: index,
        first_line,
        trust_raw_html: catalog.allow_raw_html,
    };
    let rendered = markdown::to_html(text, &context, Some(&mut linker));
    let file = catalog.path.with_file_name("").join(&document.source);
    for broken in rendered.broken_links {
        diagnostics.push(broken_link(&file, "", broken));
    }
    let documents_linked = rendered.documents_linked;
    let html = rendered.html;
    // Cross-references first, then the editor's links, each document once.
    let mut links = linker.documents_linked;
    for id in documents_linked {
        if !links.contains(&id) {
            links.push(id);
        }
    }
    (html, linker.mentions, links)
}

/// The editors' Markdown as HTML: the introduction, and each document's summary,
/// entity's note and collection's description, in the catalogue's orders.
pub(super) struct EditorHtml {
    pub(super) introduction: String,
    pub(super) summaries: Vec<Option<String>>,
    pub(super) notes: Vec<Option<String>>,
    pub(super) descriptions: Vec<Option<String>>,
}

/// Renders the editors' Markdown, each text for the page that shows it (its links
/// are relative to that page): the introduction for the home page, a summary for its
/// document's page, a note for its entity's, a description for its collection's.
/// A later page of a paged entity or collection, which is elsewhere, renders its
/// note or description again (`render::views`).
pub(super) fn editor_html(
    catalog: &Catalog,
    introduction: &Located<String>,
    documents: &[Document],
    index: &Lookup,
    diagnostics: &mut Diagnostics,
) -> EditorHtml {
    let mut problems = Vec::new();
    // Each text for its page, written in `source`; its broken links go to `problems`.
    let render = |text: Option<&Located<String>>, page: String, source: &str| {
        text.map(|text| markdown_for(text, &page, source, index, catalog.allow_raw_html))
    };
    let mut keep = |rendered: Vec<Option<(String, Vec<Diagnostic>)>>| -> Vec<Option<String>> {
        rendered
            .into_iter()
            .map(|text| {
                text.map(|(html, found)| {
                    problems.extend(found);
                    html
                })
            })
            .collect()
    };
    let summaries = keep(
        documents
            .par_iter()
            .map(|d| {
                // A summary from the document's own front matter links from its folder.
                let source = match &d.meta.summary {
                    Some(summary) if summary.file != catalog.path => d.source.as_str(),
                    _ => INDEX_FILE,
                };
                render(d.meta.summary.as_ref(), urls::document(&d.id), source)
            })
            .collect(),
    );
    let notes = keep(
        catalog
            .entities
            .iter()
            .map(|e| render(e.note.as_ref(), urls::entity(&e.id), INDEX_FILE))
            .collect(),
    );
    let descriptions = keep(
        catalog
            .collections
            .iter()
            .map(|c| render(c.description.as_ref(), urls::collection(&c.id), INDEX_FILE))
            .collect(),
    );
    let (introduction, found) = markdown_for(introduction, &urls::home(), INDEX_FILE, index, catalog.allow_raw_html);
    // In the order the checks always reported them: the introduction first.
    diagnostics.0.extend(found);
    diagnostics.0.extend(problems);
    EditorHtml {
        introduction,
        summaries,
        notes,
        descriptions,
    }
}

/// One text as HTML for `page`, and its broken links; `source` is the file it was
/// written in, which relative links resolve from.
pub(super) fn markdown_for(
    text: &Located<String>,
    page: &str,
    source: &str,
    index: &Lookup,
    trust_raw_html: bool,
) -> (String, Vec<Diagnostic>) {
    let context = LinkContext {
        source,
        page,
        targets: index,
        first_line: text.line,
        trust_raw_html,
    };
    let rendered = markdown::to_html(&text.value, &context, None);
    let problems = rendered
        .broken_links
        .into_iter()
        .map(|broken| broken_link(&text.file, &text.context, broken))
        .collect();
    (rendered.html, problems)
}

/// The error of a link an editor wrote that leads nowhere, at its line.
fn broken_link(file: &std::path::Path, context: &str, broken: markdown::BrokenLink) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(file, Some(broken.line), context, broken.message).about(broken.target);
    diagnostic.help = broken.help;
    diagnostic
}
