//! The one owner of output paths and of the hrefs between pages.
//!
//! Every href in the archive is relative and names a file (`documents/x/index.html`,
//! never `documents/x/`), so the archive works at any path of any static server and
//! opened straight from disk, where a folder link would show a directory listing.

use crate::catalog::EntityKind;

/// The file that marks a folder as a dossier output, safe to replace.
pub(crate) const OUTPUT_MARKER: &str = ".dossier-output";

/// The home page.
pub(crate) fn home() -> String {
    "index.html".to_string()
}

/// A document's page.
pub(crate) fn document(id: &str) -> String {
    format!("documents/{id}/index.html")
}

/// The copy of a document's source beside its page, the one file there besides the
/// page: it keeps the source's extension.
pub(crate) fn source_copy(id: &str, source: &str) -> String {
    let extension = std::path::Path::new(source)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("txt");
    format!("documents/{id}/{id}.{extension}")
}

/// The copy of a document's other text (`key`: `original`, or a translation's
/// language) beside its page.
pub(crate) fn text_copy(id: &str, key: &str, source: &str) -> String {
    let extension = std::path::Path::new(source)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("txt");
    format!("documents/{id}/{id}-{key}.{extension}")
}

/// A document's scans beside its page, numbered in page order from 1: the master as
/// the collection holds it (`scans/1.tif`), and the images a page shows
/// (`scans/1-reading.jpg`, `scans/1-thumb.jpg`).
pub(crate) fn scan(id: &str, position: usize, variant: &str, extension: &str) -> String {
    match variant {
        "" => format!("documents/{id}/scans/{position}.{extension}"),
        _ => format!("documents/{id}/scans/{position}-{variant}.{extension}"),
    }
}

/// A document's IIIF Presentation manifest, beside its page.
pub(crate) fn iiif_manifest(id: &str) -> String {
    format!("documents/{id}/manifest.json")
}

/// The PDF of a document's original, beside its page.
pub(crate) fn original_pdf(id: &str) -> String {
    format!("documents/{id}/{id}-original.pdf")
}

/// An entity's page.
pub(crate) fn entity(id: &str) -> String {
    format!("entities/{id}/index.html")
}

/// All the documents an entity wrote (`folder` `by`) or received (`to`), when its
/// page has room for the earliest only.
pub(crate) fn entity_correspondence(id: &str, folder: &str) -> String {
    format!("entities/{id}/{folder}/index.html")
}

/// The list of the entities of one type: `people/index.html`, `places/index.html`, ….
pub(crate) fn entity_index(kind: EntityKind) -> String {
    format!("{}/index.html", entity_kind_folder(kind))
}

fn entity_kind_folder(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "people",
        EntityKind::Organization => "organizations",
        EntityKind::Place => "places",
        EntityKind::Event => "events",
        EntityKind::Work => "works",
    }
}

/// Documents by decade, year and month.
pub(crate) fn timeline() -> String {
    "timeline/index.html".to_string()
}

/// The documents of one year (by the year their date starts in).
pub(crate) fn year(year: i64) -> String {
    format!("timeline/{year}/index.html")
}

/// The search page; the index's files are beside it in `search/`.
pub(crate) fn search() -> String {
    "search/index.html".to_string()
}

pub(crate) fn collections() -> String {
    "collections/index.html".to_string()
}

pub(crate) fn collection(id: &str) -> String {
    format!("collections/{id}/index.html")
}

pub(crate) fn subjects() -> String {
    "subjects/index.html".to_string()
}

/// A subject's page, by the slug the site model gave it.
pub(crate) fn subject(slug: &str) -> String {
    format!("subjects/{slug}/index.html")
}

/// Page `number` (from 1) of a list cut into pages: the list's own page first, then
/// `page/2/index.html`, `page/3/index.html`, … in its folder.
pub(crate) fn page_of(first: &str, number: usize) -> String {
    if number <= 1 {
        return first.to_string();
    }
    let folder = first.strip_suffix("index.html").unwrap_or(first);
    format!("{folder}page/{number}/index.html")
}

/// A file of the theme's `static/` folder.
pub(crate) fn asset(name: &str) -> String {
    format!("static/{name}")
}

/// The prefix that leads from `page` back to the site's root: `../../` for
/// `documents/x/index.html`, empty for `index.html`.
pub(crate) fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// The href from `from_page` to the output path `to`.
pub(crate) fn href(from_page: &str, to: &str) -> String {
    format!("{}{to}", root_of(from_page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_pages_of_a_list_live_in_its_folder() {
        assert_eq!(page_of("subjects/trade/index.html", 1), "subjects/trade/index.html");
        assert_eq!(
            page_of("subjects/trade/index.html", 3),
            "subjects/trade/page/3/index.html"
        );
        assert_eq!(page_of("index.html", 2), "page/2/index.html");
        assert_eq!(href(&page_of("index.html", 2), &home()), "../../index.html");
    }

    #[test]
    fn hrefs_climb_back_to_the_root() {
        assert_eq!(href(&home(), &document("memo")), "documents/memo/index.html");
        assert_eq!(href(&document("a"), &document("b")), "../../documents/b/index.html");
        assert_eq!(href(&document("a"), &asset("style.css")), "../../static/style.css");
        assert_eq!(root_of(&home()), "");
    }
}
