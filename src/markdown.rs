//! Markdown to HTML, as small named passes over pulldown-cmark's event stream.
//!
//! Each pass does one thing and can be read alone: [`links_to_sources`] points links
//! to source files at their documents' pages, [`heading_ids`] gives every heading an
//! id to link to, [`headings_below_the_title`] keeps the page's title its only `<h1>`,
//! [`highlighted_code`] hands fenced code to syntect, and
//! [`raw_html_as_text`] shows raw HTML as written instead of letting it into the page
//! (sources come from many hands; a sanitiser that keeps safe HTML is later work).

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::highlight;
use crate::sources::{normalize_relative, parent_dir};

/// What a Markdown text needs to know about the archive to link into it.
pub struct LinkContext<'a> {
    /// The relative path of the Markdown file (`notes/a.md`; `INDEX.md` for the catalogue).
    pub source: &'a str,
    /// The href, relative to the page being written, of the document made from a source
    /// path; `None` when no document comes from it.
    pub document_href: &'a dyn Fn(&str) -> Option<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a whole Markdown document.
pub fn to_html(markdown: &str, context: &LinkContext<'_>) -> String {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    let events = raw_html_as_text(events);
    let events = links_to_sources(events, context);
    let events = heading_ids(events);
    let events = headings_below_the_title(events);
    let events = highlighted_code(events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// Raw HTML becomes text, shown as written.
fn raw_html_as_text(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    events
        .into_iter()
        .map(|event| match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            other => other,
        })
        .collect()
}

/// Links and images that name a source file (`[memo](memo.txt#page-43)`) point to that
/// document's page; script and data URLs are dropped.
fn links_to_sources<'e>(events: Vec<Event<'e>>, context: &LinkContext<'_>) -> Vec<Event<'e>> {
    let rewrite = |url: CowStr<'e>| -> CowStr<'e> {
        let lower = url.trim().to_ascii_lowercase();
        if lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:") {
            return CowStr::Borrowed("#");
        }
        let (path, fragment) = match url.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (url.as_ref(), None),
        };
        let is_relative = !path.is_empty() && !path.contains(':') && !path.starts_with('/');
        if !is_relative {
            return url;
        }
        let resolved = normalize_relative(parent_dir(context.source), path).and_then(|p| (context.document_href)(&p));
        match (resolved, fragment) {
            (Some(href), Some(fragment)) => CowStr::Boxed(format!("{href}#{fragment}").into()),
            (Some(href), None) => CowStr::Boxed(href.into()),
            (None, _) => url,
        }
    };
    events
        .into_iter()
        .map(|event| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: rewrite(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: rewrite(dest_url),
                title,
                id,
            }),
            other => other,
        })
        .collect()
}

/// Every heading without an id gets one from its text, unique in the document.
fn heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    for index in 0..events.len() {
        if !matches!(&events[index], Event::Start(Tag::Heading { id: None, .. })) {
            continue;
        }
        let mut text = String::new();
        for event in &events[index + 1..] {
            match event {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
        }
        let base = match slug::slugify(&text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[index] {
            *slot = Some(CowStr::Boxed(id.into()));
        }
    }
    events
}

/// The page's title is its only `<h1>`: a document's own headings move one level down.
fn headings_below_the_title(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    fn lower(level: HeadingLevel) -> HeadingLevel {
        match level {
            HeadingLevel::H1 => HeadingLevel::H2,
            HeadingLevel::H2 => HeadingLevel::H3,
            HeadingLevel::H3 => HeadingLevel::H4,
            HeadingLevel::H4 => HeadingLevel::H5,
            HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
        }
    }
    events
        .into_iter()
        .map(|event| match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: lower(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
            other => other,
        })
        .collect()
}

/// Fenced and indented code blocks become highlighted HTML.
fn highlighted_code(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut result = Vec::with_capacity(events.len());
    let mut code: Option<(String, String)> = None;
    for event in events {
        match (&mut code, event) {
            (None, Event::Start(Tag::CodeBlock(kind))) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            (Some((_, text)), Event::Text(t)) => text.push_str(&t),
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                if let Some((language, text)) = code.take() {
                    result.push(Event::Html(CowStr::Boxed(
                        highlight::code_block(&text, &language).into(),
                    )));
                }
            }
            (_, other) => result.push(other),
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(markdown: &str) -> String {
        let href = |path: &str| (path == "memo.txt").then(|| "../memo/index.html".to_string());
        to_html(
            markdown,
            &LinkContext {
                source: "notes/a.md",
                document_href: &href,
            },
        )
    }

    #[test]
    fn links_to_source_files_point_to_their_pages() {
        let html = render("[memo](../memo.txt#page-43) and [web](https://example.org/memo.txt) and [gone](nope.txt)");
        assert!(html.contains("href=\"../memo/index.html#page-43\""), "{html}");
        assert!(html.contains("href=\"https://example.org/memo.txt\""), "{html}");
        assert!(html.contains("href=\"nope.txt\""), "{html}");
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = render("# The Memo\n\n## The Memo\n\n## Custom {#mine}\n");
        assert!(html.contains("<h2 id=\"the-memo\">"), "{html}");
        assert!(html.contains("<h3 id=\"the-memo-2\">"), "{html}");
        assert!(html.contains("<h3 id=\"mine\">"), "{html}");
    }

    #[test]
    fn tables_footnotes_and_strikethrough_are_on() {
        let html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1] ~~gone~~\n\n[^1]: A footnote.\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("class=\"footnote-definition\""), "{html}");
        assert!(html.contains("<del>gone</del>"), "{html}");
    }

    #[test]
    fn raw_html_and_script_links_are_inert() {
        let html = render("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=\"x\">b</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn fenced_code_is_highlighted() {
        let html = render("```python\nprint('hi')\n```\n");
        assert!(html.contains("<code class=\"language-python\">"), "{html}");
        assert!(html.contains("hl-"), "{html}");
    }
}
