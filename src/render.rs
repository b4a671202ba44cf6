//! Pages, rendered in memory from the site model and the theme.
//!
//! Templates see views: borrowed, serialisable structs made for them ([`SiteView`],
//! [`DocumentView`], …), never the model's internals, so a theme's contract is the
//! list of views in the README. Hrefs in views are already relative to the page being
//! rendered (from [`urls`]); HTML in views (`*_html`) was escaped where it was made.

use serde::Serialize;
use tera::{Context, Tera};

use crate::archive::Archive;
use crate::document::{Body, Document};
use crate::error::Error;
use crate::markdown::{self, LinkContext};
use crate::reflow;
use crate::theme::Theme;
use crate::urls;

/// A file of the output, ready to be written.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    /// The path inside the output folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What every page knows about the archive and where it stands in it.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub language: &'a str,
    /// The prefix back to the root (`../../`), for theme files a template adds itself.
    pub root: String,
    pub home_href: String,
    pub stylesheet_hrefs: Vec<String>,
    pub document_count: usize,
    /// The page's absolute URL, when the catalogue gives a `base_url`.
    pub canonical_url: Option<String>,
}

/// A line of a list of documents.
#[derive(Debug, Serialize)]
pub struct DocumentItemView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub href: String,
    pub date: Option<String>,
    /// ISO 8601, as far as the date is known, for `<time datetime>`.
    pub date_iso: Option<String>,
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

/// A document page.
#[derive(Debug, Serialize)]
pub struct DocumentView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: Option<String>,
    pub date_iso: Option<String>,
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
    pub subjects: &'a [String],
    pub summary_html: Option<String>,
    pub fields: Vec<FieldView<'a>>,
    /// The documents this one lists in `related`.
    pub related: Vec<DocumentItemView<'a>>,
    /// `transcript` (a reflowed plain text) or `markdown`.
    pub kind: &'static str,
    pub body_html: String,
    /// The source file's path in the collection.
    pub source_file: &'a str,
}

/// Renders every page of the archive and copies the theme's static files.
pub fn render(archive: &Archive, theme: &Theme) -> Result<Vec<RenderedPage>, Error> {
    let tera = compile(theme)?;
    let mut pages = Vec::with_capacity(archive.documents.len() + theme.assets.len() + 1);

    let home = urls::home();
    let mut context = Context::new();
    context.insert("site", &site_view(archive, &home));
    context.insert(
        "introduction_html",
        &markdown_html(archive, &archive.introduction, "INDEX.md", &home),
    );
    let items: Vec<DocumentItemView<'_>> = archive.documents.iter().map(|d| item_view(d, &home)).collect();
    context.insert("documents", &items);
    pages.push(render_page(&tera, "index.html", &context, home)?);

    for document in &archive.documents {
        let path = urls::document(&document.id);
        let mut context = Context::new();
        context.insert("site", &site_view(archive, &path));
        context.insert("document", &document_view(archive, document, &path));
        pages.push(render_page(&tera, "document.html", &context, path)?);
    }

    for (name, bytes) in &theme.assets {
        pages.push(RenderedPage {
            path: urls::asset(name),
            bytes: bytes.clone(),
        });
    }
    Ok(pages)
}

fn compile(theme: &Theme) -> Result<Tera, Error> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
    )
    .map_err(|source| Error::Template {
        name: "(compiling the theme)".to_string(),
        source,
    })?;
    Ok(tera)
}

fn render_page(tera: &Tera, template: &str, context: &Context, path: String) -> Result<RenderedPage, Error> {
    let html = tera.render(template, context).map_err(|source| Error::Template {
        name: template.to_string(),
        source,
    })?;
    Ok(RenderedPage {
        path,
        bytes: html.into_bytes(),
    })
}

fn site_view<'a>(archive: &'a Archive, page: &str) -> SiteView<'a> {
    SiteView {
        title: &archive.title,
        description: archive.description.as_deref(),
        language: archive.language.as_deref().unwrap_or("en"),
        root: urls::root_of(page),
        home_href: urls::href(page, &urls::home()),
        stylesheet_hrefs: ["style.css", "highlight.css"]
            .iter()
            .map(|name| urls::href(page, &urls::asset(name)))
            .collect(),
        document_count: archive.documents.len(),
        canonical_url: archive.base_url.as_ref().map(|base| format!("{base}{page}")),
    }
}

fn item_view<'a>(document: &'a Document, page: &str) -> DocumentItemView<'a> {
    DocumentItemView {
        id: &document.id,
        title: &document.meta.title,
        href: urls::href(page, &urls::document(&document.id)),
        date: document.meta.date.as_ref().map(ToString::to_string),
        date_iso: document.meta.date.as_ref().and_then(|d| d.iso_start()),
        doc_type: document.meta.doc_type.as_deref(),
    }
}

fn document_view<'a>(archive: &'a Archive, document: &'a Document, page: &str) -> DocumentView<'a> {
    let meta = &document.meta;
    let names = |values: &[String]| -> Vec<NameView> {
        values
            .iter()
            .map(|value| NameView {
                name: archive.entity(value).map_or_else(|| value.clone(), |e| e.name.clone()),
                href: None,
            })
            .collect()
    };
    let (kind, body_html) = match &document.body {
        Body::Transcript(blocks) => ("transcript", reflow::to_html(blocks)),
        Body::Markdown(text) => ("markdown", markdown_html(archive, text, &document.source, page)),
    };
    DocumentView {
        id: &document.id,
        title: &meta.title,
        date: meta.date.as_ref().map(ToString::to_string),
        date_iso: meta.date.as_ref().and_then(|d| d.iso_start()),
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
                href: None,
            })
            .collect(),
        subjects: &meta.subjects,
        summary_html: meta
            .summary
            .as_deref()
            .map(|summary| markdown_html(archive, summary, &document.source, page)),
        fields: meta
            .fields
            .iter()
            .map(|(label, value)| FieldView { label, value })
            .collect(),
        related: meta
            .related
            .iter()
            .filter_map(|id| archive.document(id))
            .map(|related| item_view(related, page))
            .collect(),
        kind,
        body_html,
        source_file: &document.source,
    }
}

/// Tera's own escaping also turns `/` into `&#x2F;`, which is safe but makes every
/// href unreadable; this one escapes what HTML needs escaped in text and in quoted
/// attributes (`& < > " '`).
fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, text);
    escaped
}

/// Markdown from `source` (a path in the collection) rendered for the page at `page`.
fn markdown_html(archive: &Archive, text: &str, source: &str, page: &str) -> String {
    let document_href = |relative: &str| {
        archive
            .document_from_source(relative)
            .map(|d| urls::href(page, &urls::document(&d.id)))
    };
    markdown::to_html(
        text,
        &LinkContext {
            source,
            document_href: &document_href,
        },
    )
}

/// The English name of a language code (`ru` → "Russian"), or the code itself.
fn language_name(code: &str) -> String {
    let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    let name = match primary.as_str() {
        "en" => "English",
        "ru" => "Russian",
        "ko" => "Korean",
        "zh" => "Chinese",
        "ja" => "Japanese",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "it" => "Italian",
        "pl" => "Polish",
        "cs" => "Czech",
        "hu" => "Hungarian",
        "ro" => "Romanian",
        "bg" => "Bulgarian",
        "sq" => "Albanian",
        "vi" => "Vietnamese",
        "mn" => "Mongolian",
        "pt" => "Portuguese",
        "ar" => "Arabic",
        "la" => "Latin",
        _ => return code.to_string(),
    };
    if primary.len() == code.len() {
        name.to_string()
    } else {
        format!("{name} ({code})")
    }
}
