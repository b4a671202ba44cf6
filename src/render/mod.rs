//! Pages, rendered in memory from the site model and the theme.
//!
//! Templates see views ([`views`]): serialisable structs made for them, never the
//! model's internals, so a theme's contract is the list of views in the README. Hrefs
//! in views are already relative to the page being rendered (from [`urls`]); HTML in
//! views (`*_html`) was escaped where it was made.

pub mod metadata;
pub mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::archive::Archive;
use crate::catalog::EntityKind;
use crate::error::Error;
use crate::theme::Theme;
use crate::urls;
use views::Views;

/// A file of the output, ready to be written.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    /// The path inside the output folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Renders every page of the archive and copies the theme's static files.
pub fn render(archive: &Archive, theme: &Theme) -> Result<Vec<RenderedPage>, Error> {
    let tera = compile(theme)?;
    let views = Views::new(archive);
    let mut pages = Vec::with_capacity(archive.documents.len() + archive.entities.len() + theme.assets.len() + 16);
    let one = |template: &str, path: String, name: &str, view: &dyn erased::View| -> Result<RenderedPage, Error> {
        let mut context = Context::new();
        context.insert("site", &views.site(&path));
        view.insert(name, &mut context);
        let html = tera.render(template, &context).map_err(|source| Error::Template {
            name: template.to_string(),
            source,
        })?;
        Ok(RenderedPage {
            path,
            bytes: html.into_bytes(),
        })
    };
    // Documents and entities, most of the pages, render on every core.
    let documents: Vec<RenderedPage> = archive
        .documents
        .par_iter()
        .enumerate()
        .map(|(index, document)| {
            let path = urls::document(&document.id);
            one("document.html", path.clone(), "document", &views.document(index, &path))
        })
        .collect::<Result<_, Error>>()?;
    let entities: Vec<RenderedPage> = archive
        .entities
        .par_iter()
        .enumerate()
        .map(|(index, entity)| {
            let path = urls::entity(&entity.id);
            one("entity.html", path.clone(), "entity", &views.entity(index, &path))
        })
        .collect::<Result<_, Error>>()?;
    let mut page = |template: &str, path: String, name: &str, view: &dyn erased::View| -> Result<(), Error> {
        pages.push(one(template, path, name, view)?);
        Ok(())
    };

    let home = urls::home();
    page("index.html", home.clone(), "home", &views.home(&home))?;
    for kind in EntityKind::ALL {
        if archive.entities.iter().any(|e| e.kind == kind) {
            let path = urls::entity_index(kind);
            page(
                "directory.html",
                path.clone(),
                "directory",
                &views.entity_directory(kind, &path),
            )?;
        }
    }
    let search = urls::search();
    page("search.html", search.clone(), "search", &views.search(&search))?;
    let timeline = urls::timeline();
    page(
        "timeline.html",
        timeline.clone(),
        "timeline",
        &views.timeline(&timeline),
    )?;
    for group in &archive.timeline.years {
        let path = urls::year(group.year);
        page("listing.html", path.clone(), "listing", &views.year(group, &path))?;
    }
    if !archive.collections.is_empty() {
        let path = urls::collections();
        page(
            "directory.html",
            path.clone(),
            "directory",
            &views.collection_directory(&path),
        )?;
        for index in 0..archive.collections.len() {
            let path = urls::collection(&archive.collections[index].id);
            page("listing.html", path.clone(), "listing", &views.collection(index, &path))?;
        }
    }
    if !archive.subjects.is_empty() {
        let path = urls::subjects();
        page(
            "directory.html",
            path.clone(),
            "directory",
            &views.subject_directory(&path),
        )?;
        for subject in &archive.subjects {
            let path = urls::subject(&subject.slug);
            page("listing.html", path.clone(), "listing", &views.subject(subject, &path))?;
        }
    }
    pages.extend(documents);
    pages.extend(entities);

    // Each document's citation records, beside its page.
    for (index, document) in archive.documents.iter().enumerate() {
        let record = crate::cite::record(archive, index);
        let csl = serde_json::to_string_pretty(&crate::cite::csl_json(&record)).unwrap_or_default();
        for (extension, bytes) in [
            ("bib", crate::cite::bibtex(&record)),
            ("ris", crate::cite::ris(&record)),
            ("csl.json", csl + "\n"),
        ] {
            pages.push(RenderedPage {
                path: urls::document_file(&document.id, extension),
                bytes: bytes.into_bytes(),
            });
        }
    }
    for (name, bytes) in &theme.assets {
        pages.push(RenderedPage {
            path: urls::asset(name),
            bytes: bytes.clone(),
        });
    }
    Ok(pages)
}

/// Lets `render` take any view without naming its type.
mod erased {
    use tera::Context;

    pub trait View {
        fn insert(&self, name: &str, context: &mut Context);
    }

    impl<T: serde::Serialize> View for T {
        fn insert(&self, name: &str, context: &mut Context) {
            context.insert(name, self);
        }
    }
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

/// Tera's own escaping also turns `/` into `&#x2F;`, which is safe but makes every
/// href unreadable; this one escapes what HTML needs escaped in text and in quoted
/// attributes (`& < > " '`).
fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, text);
    escaped
}

/// Shared by views: a label with a link.
#[derive(Debug, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
}
