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
        let mut diagnostic = Diagnostic::error(&file, Some(broken.line), "", broken.message).about(broken.target);
        diagnostic.help = broken.help;
        diagnostics.push(diagnostic);
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
    let trust = catalog.allow_raw_html;
    let render = |text: &Located<String>, page: &str, source: &str| markdown_for(text, page, source, index, trust);
    let (introduction, mut problems) = render(introduction, &urls::home(), INDEX_FILE);
    let summaries: Vec<(Option<String>, Vec<Diagnostic>)> = documents
        .par_iter()
        .map(|d| {
            // A summary from the document's own front matter links from its folder.
            let source = match &d.meta.summary {
                Some(summary) if summary.file != catalog.path => d.source.as_str(),
                _ => INDEX_FILE,
            };
            optional(d.meta.summary.as_ref(), &urls::document(&d.id), source, &render)
        })
        .collect();
    let notes: Vec<(Option<String>, Vec<Diagnostic>)> = catalog
        .entities
        .iter()
        .map(|e| optional(e.note.as_ref(), &urls::entity(&e.id), INDEX_FILE, &render))
        .collect();
    let descriptions: Vec<(Option<String>, Vec<Diagnostic>)> = catalog
        .collections
        .iter()
        .map(|c| optional(c.description.as_ref(), &urls::collection(&c.id), INDEX_FILE, &render))
        .collect();
    let mut html = |rendered: Vec<(Option<String>, Vec<Diagnostic>)>| -> Vec<Option<String>> {
        rendered
            .into_iter()
            .map(|(html, found)| {
                problems.extend(found);
                html
            })
            .collect()
    };
    let summaries = html(summaries);
    let notes = html(notes);
    let descriptions = html(descriptions);
    diagnostics.0.extend(problems);
    EditorHtml {
        introduction,
        summaries,
        notes,
        descriptions,
    }
}

/// Renders a text for `page`, written in `source`.
type Render<'a> = dyn Fn(&Located<String>, &str, &str) -> (String, Vec<Diagnostic>) + Sync + 'a;

fn optional(
    text: Option<&Located<String>>,
    page: &str,
    source: &str,
    render: &Render<'_>,
) -> (Option<String>, Vec<Diagnostic>) {
    match text {
        Some(text) => {
            let (html, problems) = render(text, page, source);
            (Some(html), problems)
        }
        None => (None, Vec::new()),
    }
}

/// One text as HTML for `page`, and its broken links.
fn markdown_for(
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
        .map(|broken| {
            let mut diagnostic = Diagnostic::error(&text.file, Some(broken.line), text.context.clone(), broken.message)
                .about(broken.target);
            diagnostic.help = broken.help;
            diagnostic
        })
        .collect();
    (rendered.html, problems)
}
