//! Markdown to HTML, as small named passes over pulldown-cmark's event stream.
//!
//! Each pass does one thing and can be read alone: [`links_to_targets`] points links to
//! source files, `doc:ID` and `entity:ID` at their pages and reports those that lead
//! nowhere, [`heading_ids`] gives every heading an id to link to,
//! [`headings_below_the_title`] keeps the page's title its only `<h1>`,
//! [`highlighted_code`] hands fenced code to syntect, and [`entity_links`] links the
//! names of the registry's entities. Sources come from many hands: raw HTML in them is
//! [`sanitized`] unless the catalogue trusts it.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::entities::Linker;
use crate::highlight;
use crate::sources::{normalize_relative, parent_dir};
use crate::urls;

/// What links in Markdown can point to.
pub(crate) trait LinkTargets {
    /// The id of the document made from a source path relative to the collection.
    fn document_from_source(&self, relative: &str) -> Option<&str>;
    fn has_document(&self, id: &str) -> bool;
    fn has_entity(&self, id: &str) -> bool;
    /// The document id closest to a misspelt one, for a hint.
    fn nearest_document(&self, _id: &str) -> Option<String> {
        None
    }
    /// The entity id closest to a misspelt one, for a hint.
    fn nearest_entity(&self, _id: &str) -> Option<String> {
        None
    }
}

/// Where a Markdown text comes from and where it is shown.
pub(crate) struct LinkContext<'a> {
    /// The relative path of the file the text is in (`notes/a.md`; `INDEX.md` for the
    /// catalogue's introduction, summaries and notes), against which relative links resolve.
    pub source: &'a str,
    /// The output path of the page the HTML goes into, which hrefs are relative to.
    pub page: &'a str,
    pub targets: &'a dyn LinkTargets,
    /// The file line of the text's first line, for messages.
    pub first_line: usize,
    /// Whether raw HTML is trusted as written (`allow_raw_html: true` in the
    /// catalogue); otherwise it is sanitised.
    pub trust_raw_html: bool,
}

/// A link that leads nowhere: the file line it is on, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BrokenLink {
    pub line: usize,
    /// The link's target as written, to point at.
    pub target: String,
    pub message: String,
    pub help: Option<String>,
}

/// HTML, and the links that could not be resolved.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rendered {
    pub html: String,
    pub broken_links: Vec<BrokenLink>,
    /// The documents the text links to (`doc:ID`, or a source file), by id, in text
    /// order: each shows this one on its page as a link to it.
    pub documents_linked: Vec<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders Markdown. With a `linker`, entity names in the text become links too.
pub(crate) fn to_html(markdown: &str, context: &LinkContext<'_>, linker: Option<&mut Linker<'_>>) -> Rendered {
    let (events, offsets): (Vec<Event<'_>>, Vec<std::ops::Range<usize>>) =
        Parser::new_ext(markdown, options()).into_offset_iter().unzip();
    let lines = LineStarts::new(markdown, context.first_line);
    let mut broken_links = Vec::new();
    let has_raw_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    // Entity names are linked first: it maps event to event, so the offsets still
    // match, and it sees an `entity:` link as written.
    let events = match linker {
        Some(linker) => entity_links(events, linker),
        None => events,
    };
    let mut documents_linked = Vec::new();
    let events = links_to_targets(
        events,
        &offsets,
        context,
        &lines,
        &mut broken_links,
        &mut documents_linked,
    );
    let events = heading_ids(events);
    let events = headings_below_the_title(events);
    let events = highlighted_code(events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_raw_html && !context.trust_raw_html {
        html = sanitized(&html);
    }
    Rendered {
        html,
        broken_links,
        documents_linked,
    }
}

/// Raw HTML in a source may carry scripts, event handlers or `javascript:` URLs: the
/// whole rendered text goes through ammonia, which keeps what is safe (formatting,
/// tables, links to http/https/mailto and relative ones) and drops the rest. Only texts
/// holding raw HTML pay for it.
fn sanitized(html: &str) -> String {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let sanitizer = SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        // The classes and ids of dossier's own markup: entity links, code, footnotes.
        builder
            .add_generic_attributes(["class", "id", "title", "lang"])
            .add_tags(["aside", "section", "mark", "time"])
            .link_rel(None);
        builder
    });
    sanitizer.clean(html).to_string()
}

/// File lines of byte offsets.
struct LineStarts {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineStarts {
    fn new(text: &str, first_line: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineStarts { starts, first_line }
    }

    fn line(&self, offset: usize) -> usize {
        self.first_line + self.starts.partition_point(|&start| start <= offset) - 1
    }
}

/// Links and images to a source file (`[memo](memo.txt#page-43)`), to `doc:ID` and to
/// `entity:ID` point to their pages; one that names nothing is reported. Script and
/// data URLs are dropped.
fn links_to_targets<'e>(
    events: Vec<Event<'e>>,
    offsets: &[std::ops::Range<usize>],
    context: &LinkContext<'_>,
    lines: &LineStarts,
    broken: &mut Vec<BrokenLink>,
    documents_linked: &mut Vec<String>,
) -> Vec<Event<'e>> {
    let mut rewrite = |url: CowStr<'e>, offset: usize| -> CowStr<'e> {
        match resolve(&url, context) {
            Ok(Some(Resolved { href, document })) => {
                if let Some(id) = document {
                    if !documents_linked.contains(&id) {
                        documents_linked.push(id);
                    }
                }
                CowStr::Boxed(href.into())
            }
            Ok(None) => url,
            Err((message, help)) => {
                broken.push(BrokenLink {
                    line: lines.line(offset),
                    target: url.to_string(),
                    message,
                    help,
                });
                url
            }
        }
    };
    events
        .into_iter()
        .zip(offsets)
        .map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: rewrite(dest_url, range.start),
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
                dest_url: rewrite(dest_url, range.start),
                title,
                id,
            }),
            other => other,
        })
        .collect()
}

/// Where a link leads.
struct Resolved {
    href: String,
    /// The document it leads to, by id.
    document: Option<String>,
}

/// The href a link's URL stands for: `Ok(None)` to keep it as written.
/// An error is the message and, where one helps, a hint.
fn resolve(url: &str, context: &LinkContext<'_>) -> Result<Option<Resolved>, (String, Option<String>)> {
    let to_page = |href: String| Some(Resolved { href, document: None });
    let to_document = |href: String, id: &str| {
        Some(Resolved {
            href,
            document: Some(id.to_string()),
        })
    };
    let did_you_mean = |near: Option<String>| near.map(|near| format!("did you mean `{near}`?"));
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:") {
        return Ok(to_page("#".to_string()));
    }
    let (path, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (url, None),
    };
    let with_fragment = |target: String| match fragment {
        Some(fragment) => format!("{}#{fragment}", urls::href(context.page, &target)),
        None => urls::href(context.page, &target),
    };
    if let Some(id) = path.strip_prefix("doc:") {
        return if context.targets.has_document(id) {
            Ok(to_document(with_fragment(urls::document(id)), id))
        } else {
            Err((
                format!("the link `{url}` names no document: no document has id \"{id}\""),
                did_you_mean(context.targets.nearest_document(id).map(|near| format!("doc:{near}"))),
            ))
        };
    }
    if let Some(id) = path.strip_prefix("entity:") {
        return if context.targets.has_entity(id) {
            Ok(to_page(with_fragment(urls::entity(id))))
        } else {
            Err((
                format!("the link `{url}` names no entity: no entity has id \"{id}\""),
                did_you_mean(context.targets.nearest_entity(id).map(|near| format!("entity:{near}"))),
            ))
        };
    }
    let is_relative = !path.is_empty() && !path.contains(':') && !path.starts_with('/') && !path.starts_with("//");
    let names_a_source = path.ends_with(".txt") || path.ends_with(".md");
    if !is_relative || !names_a_source {
        return Ok(None);
    }
    let target = normalize_relative(parent_dir(context.source), path);
    match target.as_deref() {
        Some(crate::sources::INDEX_FILE) => Ok(to_page(with_fragment(urls::home()))),
        Some(relative) => match context.targets.document_from_source(relative) {
            Some(id) => Ok(to_document(with_fragment(urls::document(id)), id)),
            None => Err((
                format!("the link `{url}` names no document: no source file `{relative}` is built"),
                None,
            )),
        },
        None => Err((format!("the link `{url}` leaves the collection"), None)),
    }
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

/// Names of entities in text become links, except in links, images, headings and code.
fn entity_links<'e>(events: Vec<Event<'e>>, linker: &mut Linker<'_>) -> Vec<Event<'e>> {
    let mut depth = 0usize;
    // An `entity:` link being read: its mention, and the text it links.
    let mut open: Option<(crate::entities::OpenMention, String)> = None;
    events
        .into_iter()
        .map(|event| match event {
            // An editor's `entity:` link names the entity as surely as its name in the
            // text: a mention, with an anchor its page links back to.
            Event::Start(Tag::Link { ref dest_url, .. }) if depth == 0 && open.is_none() => {
                let (id, fragment) = dest_url.split_once('#').unwrap_or((dest_url, ""));
                match id
                    .strip_prefix("entity:")
                    .and_then(|id| linker.open_mention(id, fragment))
                {
                    Some((mention, html)) => {
                        open = Some((mention, String::new()));
                        Event::InlineHtml(CowStr::Boxed(html.into()))
                    }
                    None => {
                        depth += 1;
                        event
                    }
                }
            }
            Event::End(TagEnd::Link) if depth == 0 && open.is_some() => {
                if let Some((mention, name)) = open.take() {
                    linker.close_mention(mention, &name);
                }
                Event::InlineHtml(CowStr::Borrowed("</a>"))
            }
            Event::Text(ref text) | Event::Code(ref text) if open.is_some() => {
                if let Some((_, name)) = open.as_mut() {
                    name.push_str(text);
                }
                event
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. } | Tag::CodeBlock(_)) => {
                depth += 1;
                event
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                depth = depth.saturating_sub(1);
                event
            }
            Event::Text(text) if depth == 0 => {
                let mut html = String::with_capacity(text.len());
                linker.write(&mut html, &text);
                Event::InlineHtml(CowStr::Boxed(html.into()))
            }
            other => other,
        })
        .collect()
}

/// A Markdown text as one line of plain words, for descriptions.
pub(crate) fn plain_line(markdown: &str) -> String {
    let mut text = String::new();
    for event in pulldown_cmark::Parser::new(markdown) {
        match event {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => text.push_str(&t),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak => text.push(' '),
            // The end of a block, not of a word's emphasis or link.
            pulldown_cmark::Event::End(
                pulldown_cmark::TagEnd::Paragraph
                | pulldown_cmark::TagEnd::Heading(_)
                | pulldown_cmark::TagEnd::Item
                | pulldown_cmark::TagEnd::TableCell
                | pulldown_cmark::TagEnd::CodeBlock,
            ) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Targets;

    impl LinkTargets for Targets {
        fn document_from_source(&self, relative: &str) -> Option<&str> {
            (relative == "memo.txt").then_some("memo")
        }
        fn has_document(&self, id: &str) -> bool {
            id == "memo"
        }
        fn has_entity(&self, id: &str) -> bool {
            id == "kim-il-sung"
        }
    }

    fn rendered(markdown: &str) -> Rendered {
        let context = LinkContext {
            source: "notes/a.md",
            page: "documents/a/index.html",
            targets: &Targets,
            first_line: 10,
            trust_raw_html: false,
        };
        to_html(markdown, &context, None)
    }

    fn render(markdown: &str) -> String {
        let rendered = rendered(markdown);
        assert!(rendered.broken_links.is_empty(), "{:?}", rendered.broken_links);
        rendered.html
    }

    #[test]
    fn links_to_source_files_point_to_their_pages() {
        let html = render("[memo](../memo.txt#page-43) and [web](https://example.org/memo.txt) and [scan](scan.pdf)");
        assert!(
            html.contains("href=\"../../documents/memo/index.html#page-43\""),
            "{html}"
        );
        assert!(html.contains("href=\"https://example.org/memo.txt\""), "{html}");
        assert!(html.contains("href=\"scan.pdf\""), "{html}");
    }

    #[test]
    fn doc_and_entity_links_point_to_their_pages() {
        let html = render("[a](doc:memo) [b](entity:kim-il-sung#top) [home](../INDEX.md)");
        assert!(html.contains("href=\"../../documents/memo/index.html\""), "{html}");
        assert!(
            html.contains("href=\"../../entities/kim-il-sung/index.html#top\""),
            "{html}"
        );
        assert!(html.contains("href=\"../../index.html\""), "{html}");
    }

    #[test]
    fn links_to_nothing_are_reported_with_their_lines() {
        let rendered = rendered("Fine.\n\n[a](doc:nope)\n\nAnd [b](entity:nobody) and [c](gone.txt).\n");
        let broken: Vec<(usize, &str)> = rendered
            .broken_links
            .iter()
            .map(|b| (b.line, b.message.as_str()))
            .collect();
        assert_eq!(
            broken,
            [
                (12, "the link `doc:nope` names no document: no document has id \"nope\""),
                (
                    14,
                    "the link `entity:nobody` names no entity: no entity has id \"nobody\""
                ),
                (
                    14,
                    "the link `gone.txt` names no document: no source file `notes/gone.txt` is built"
                ),
            ]
        );
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
    fn raw_html_is_sanitised_and_script_links_are_dropped() {
        let html = render(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=\"x\">b</b> <img src=x onerror=alert(1)>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(html.contains("<b>b</b>"), "safe HTML is kept: {html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn fenced_code_is_highlighted() {
        let html = render("```python\nprint('hi')\n```\n");
        assert!(html.contains("<code class=\"language-python\">"), "{html}");
        assert!(html.contains("hl-"), "{html}");
    }
}
