//! Blocks to HTML: paragraphs, page-number anchors, notes and footnotes, with the
//! text written by the caller (escaped, or with entity links).

use std::collections::HashMap;
use std::fmt::Write;

use super::blocks::{Block, Inline};
use crate::html::push_escaped;
use crate::i18n::Interface;

/// Whose words a piece of text is: the source's, or the editor's (an insertion, a
/// note), where names are not the source's mentions but a cross-reference ("[see No.
/// 84]") still leads to its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// The source's words: names in them are mentions.
    Source,
    /// The editor's words: only cross-references are linked.
    Editor,
}

/// How text is written into the HTML: escaped, and perhaps linked.
pub type WriteText<'w> = dyn FnMut(&mut String, &str, Voice) + 'w;

/// Writes blocks as HTML. Every character of the text is escaped; page numbers become
/// anchors (`id="page-43"`) that a citation can point to. Running text goes through
/// `write_text` (which escapes it, and may link names in it); marks are written here,
/// their titles in the interface's `words`.
pub fn to_html(blocks: &[Block], words: &Interface, write_text: &mut WriteText<'_>) -> String {
    to_html_in(blocks, "", words, write_text)
}

/// [`to_html`] for a second text on the same page (a document's original, a
/// translation): every id it makes begins with `key` (`original-p1`,
/// `original-page-43`, `original-fn-1`), so none clashes with the main text's. Its page
/// numbers' "cite" links still lead to the page's one citation section.
pub fn to_html_keyed(blocks: &[Block], key: &str, words: &Interface, write_text: &mut WriteText<'_>) -> String {
    to_html_in(blocks, &format!("{key}-"), words, write_text)
}

fn to_html_in(blocks: &[Block], prefix: &str, words: &Interface, write_text: &mut WriteText<'_>) -> String {
    let mut html = String::new();
    let mut anchors = Anchors {
        prefix: prefix.to_string(),
        ..Anchors::default()
    };
    // Each block has an id (`p1`, `p2`, …) so a search result can lead to it.
    for (number, block) in blocks.iter().enumerate() {
        let id = number + 1;
        match block {
            Block::Paragraph(content) => {
                let _ = write!(html, "<p id=\"{prefix}p{id}\">");
                write_inlines(&mut html, content, &mut anchors, words, write_text);
                html.push_str("</p>\n");
            }
            Block::Item { number, content } => {
                let _ = write!(
                    html,
                    "<p id=\"{prefix}p{id}\" class=\"item\"><span class=\"item-number\">"
                );
                push_escaped(&mut html, number);
                html.push_str("</span> ");
                write_inlines(&mut html, content, &mut anchors, words, write_text);
                html.push_str("</p>\n");
            }
            Block::SectionBreak(stars) => {
                let _ = write!(
                    html,
                    "<p id=\"{prefix}p{id}\" class=\"section-break\" role=\"separator\">"
                );
                push_escaped(&mut html, stars);
                html.push_str("</p>\n");
            }
            // Under the page's "Transcription" heading (an h2).
            Block::Heading(text) => {
                let _ = write!(html, "<h3 id=\"{prefix}p{id}\" class=\"source-heading\">");
                write_text(&mut html, text, Voice::Source);
                html.push_str("</h3>\n");
            }
            Block::Omission(mark) => {
                let _ = write!(
                    html,
                    "<p id=\"{prefix}p{id}\" class=\"omission\" title=\"{}\">",
                    Escaped(words.text("marks.omission_title"))
                );
                push_escaped(&mut html, mark);
                html.push_str("</p>\n");
            }
            Block::Note(note) => {
                let _ = write!(html, "<aside id=\"{prefix}p{id}\" class=\"note\">");
                push_escaped(&mut html, note);
                html.push_str("</aside>\n");
            }
            Block::Footnote { label, text } => {
                // The note's own opening (`[Footnote 1:`) leads back to its first marker.
                let target = anchors.footnote(label);
                // `[Footnote 1:`, the `[1]` of a note after the text, or the number a
                // note at the foot begins with.
                let opening = if text.starts_with(&format!("[{label}]")) {
                    label.len() + 2
                } else if text.starts_with('[') {
                    text.find(':').map_or(text.len(), |colon| colon + 1)
                } else {
                    label.len()
                };
                let _ = write!(
                    html,
                    "<aside id=\"{prefix}p{id}\" class=\"footnote\" role=\"doc-footnote\"><a class=\"footnote-back\" id=\"{target}\" href=\"#{target}-ref\" title=\"{}\">",
                    Escaped(words.text("marks.back_to_the_text"))
                );
                push_escaped(&mut html, &text[..opening]);
                html.push_str("</a>");
                push_escaped(&mut html, &text[opening..]);
                html.push_str("</aside>\n");
            }
        }
    }
    html
}

/// The ids a text's HTML gives its page numbers and footnotes, unique in the page.
#[derive(Default)]
pub(super) struct Anchors {
    pages: HashMap<String, usize>,
    footnotes: HashMap<String, String>,
    references: HashMap<String, usize>,
    /// What every id begins with: nothing for a document's main text.
    prefix: String,
}

impl Anchors {
    /// `page-43`, then `page-43-2` for the same number again.
    fn page(&mut self, number: &str) -> String {
        let seen = self.pages.entry(number.to_string()).or_insert(0);
        *seen += 1;
        if *seen == 1 {
            format!("{}page-{number}", self.prefix)
        } else {
            format!("{}page-{number}-{seen}", self.prefix)
        }
    }

    /// `fn-1`: the id of the footnote labelled `1`, the same for its markers and itself.
    fn footnote(&mut self, label: &str) -> String {
        let id = format!(
            "{}fn-{}",
            self.prefix,
            label.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
        );
        self.footnotes.entry(label.to_string()).or_insert(id).clone()
    }

    /// `fn-1-ref` for a footnote's first marker (where its note leads back), then
    /// `fn-1-ref-2`, ….
    fn reference(&mut self, label: &str) -> (String, String) {
        let note = self.footnote(label);
        let seen = self.references.entry(label.to_string()).or_insert(0);
        *seen += 1;
        let id = if *seen == 1 {
            format!("{note}-ref")
        } else {
            format!("{note}-ref-{seen}")
        };
        (note, id)
    }
}

pub(super) fn write_inlines(
    html: &mut String,
    content: &[Inline],
    anchors: &mut Anchors,
    words: &Interface,
    write_text: &mut WriteText<'_>,
) {
    for inline in content {
        match inline {
            Inline::Text(text) => write_text(html, text, Voice::Source),
            Inline::PageBreak => {
                let _ = write!(
                    html,
                    "<span class=\"page-break\" title=\"{}\"></span>",
                    Escaped(words.text("marks.page_break_title"))
                );
            }
            Inline::PageNumber { number, written } => {
                let id = anchors.page(number);
                let _ = write!(
                    html,
                    "<a class=\"page-number\" id=\"{id}\" href=\"#{id}\" title=\"{}\">",
                    Escaped(&words.format("marks.page_title", &[("page", number)]))
                );
                push_escaped(html, written);
                html.push_str("</a>");
                // A citation of this page (see static/cite.js). Its label comes from
                // the style sheet, so the text of the transcription, as shown and as
                // copied, is the source's and nothing more.
                html.push_str("<a class=\"cite-page\" href=\"#cite-page\" data-page=\"");
                push_escaped(html, number);
                html.push_str("\" aria-label=\"");
                push_escaped(html, &words.format("marks.cite_page_label", &[("page", number)]));
                html.push_str("\"></a>");
            }
            Inline::Sic(text) => {
                let _ = write!(
                    html,
                    "<span class=\"sic\" title=\"{}\">",
                    Escaped(words.text("marks.sic_title"))
                );
                push_escaped(html, text);
                html.push_str("</span>");
            }
            Inline::Insertion(text) => {
                let _ = write!(
                    html,
                    "<span class=\"insertion\" title=\"{}\">",
                    Escaped(words.text("marks.insertion_title"))
                );
                write_text(html, text, Voice::Editor);
                html.push_str("</span>");
            }
            Inline::Note(text) => {
                html.push_str("<span class=\"note\">");
                write_text(html, text, Voice::Editor);
                html.push_str("</span>");
            }
            Inline::Emphasis(text) => {
                html.push_str("<em class=\"underscored\">");
                write_text(html, text, Voice::Source);
                html.push_str("</em>");
            }
            Inline::FootnoteRef { label, bracketed } => {
                let (note, id) = anchors.reference(label);
                let _ = write!(
                    html,
                    "<a class=\"footnote-ref\" id=\"{id}\" href=\"#{note}\" role=\"doc-noteref\" title=\"{}\">",
                    Escaped(&words.format("marks.footnote_title", &[("label", label)]))
                );
                // As the source writes it: brackets only where it has them.
                if *bracketed {
                    html.push('[');
                }
                push_escaped(html, label);
                if *bracketed {
                    html.push(']');
                }
                html.push_str("</a>");
            }
        }
    }
}

/// Text escaped as it is written into HTML.
pub(super) struct Escaped<'a>(&'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut escaped = String::new();
        push_escaped(&mut escaped, self.0);
        f.write_str(&escaped)
    }
}

/// Whether a transcription marks any page of its original (`[43]`).
pub fn has_page_numbers(blocks: &[Block]) -> bool {
    blocks.iter().any(|block| match block {
        Block::Paragraph(content) | Block::Item { content, .. } => {
            content.iter().any(|inline| matches!(inline, Inline::PageNumber { .. }))
        }
        _ => false,
    })
}
