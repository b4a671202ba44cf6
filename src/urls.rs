//! The one owner of output paths and of the hrefs between pages.
//!
//! Every href in the archive is relative and names a file (`documents/x/index.html`,
//! never `documents/x/`), so the archive works at any path of any static server and
//! opened straight from disk, where a folder link would show a directory listing.

/// The home page.
pub fn home() -> String {
    "index.html".to_string()
}

/// A document's page.
pub fn document(id: &str) -> String {
    format!("documents/{id}/index.html")
}

/// A file of the theme's `static/` folder.
pub fn asset(name: &str) -> String {
    format!("static/{name}")
}

/// The prefix that leads from `page` back to the site's root: `../../` for
/// `documents/x/index.html`, empty for `index.html`.
pub fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// The href from `from_page` to the output path `to`.
pub fn href(from_page: &str, to: &str) -> String {
    format!("{}{to}", root_of(from_page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_climb_back_to_the_root() {
        assert_eq!(href(&home(), &document("memo")), "documents/memo/index.html");
        assert_eq!(href(&document("a"), &document("b")), "../../documents/b/index.html");
        assert_eq!(href(&document("a"), &asset("style.css")), "../../static/style.css");
        assert_eq!(root_of(&home()), "");
    }
}
