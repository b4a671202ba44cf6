//! Plain-text transcriptions, rebuilt into the paragraphs their authors wrote.
//!
//! Transcriptions come typed to one of three conventions ([`Paragraphs`]), which the
//! catalogue names or [`detect`] reads from the text:
//!
//! - **width**: hard-wrapped, as a PDF extraction is; every line of the printed page
//!   is a line of the file. Lines join into paragraphs, with a space. A paragraph ends
//!   where the next line's first word would have fitted on the line (the line was
//!   short, so its author ended it); the page's width is read from the text itself: see
//!   [`Page`]. A line that ends mid-sentence before a line starting in lower case never
//!   ends a paragraph, and otherwise needs a little more room to spare, since widths
//!   are estimates. A blank line inside a sentence (the line before ends without
//!   closing punctuation, the line after begins in lower case) is a page break of the
//!   source: the paragraph goes on across it, and the break is kept as a marker. Any
//!   other blank line ends the paragraph. A form feed counts as a blank line.
//! - **blank-lines**: hard-wrapped, and a blank line, only a blank line, ends a
//!   paragraph (Project Gutenberg, most typed editions).
//! - **lines**: every line is a paragraph (exports of word processors and databases).
//!
//! In each of them:
//!
//! - A line holding only an omission mark (`…`, `...`, `[…]`) is a block of its own.
//! - A numbered item (`1. `, `2. `) starts a new block, when the line before it ended
//!   a sentence or clause (so a year such as `1966.` in mid-sentence is not an item).
//! - A line opening a note (`[Translator's note: …`, `[Footnote 1: …`) starts a block;
//!   a paragraph that is one note whole is a [`Block::Note`] or a [`Block::Footnote`].
//!
//! Bracketed editorial matter is kept and marked ([`Inline`]): `[43]` is a page number
//! of the original (so are `[p. 43]` and `{43}`) unless it is a footnote's marker or a
//! lone year, `[SIC]` and insertions such as `[his]` are editorial, `[… note: …]` is a
//! note, `_words_` are emphasis. A bracket that never closes is text. No character of
//! the source is dropped: the blocks hold every non-space character, in order.

mod blocks;
mod html;
mod layout;
mod marks;

pub use crate::catalog::Paragraphs;
pub use blocks::{Block, Inline};
pub use html::{has_page_numbers, to_html, to_html_keyed, Voice, WriteText};
use layout::blocks_of;
pub use layout::{detect, Page};
use marks::{notes_at_the_foot, read_numbers};

/// How a text was read: its paragraph layout, and whether the text said so or the
/// catalogue did, with the reason, for `dossier check` to show an editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The layout the text was read by.
    pub paragraphs: Paragraphs,
    /// `None` when the catalogue declared the layout; else why it was chosen.
    pub detected: Option<String>,
    /// How many footnotes (`[Footnote 1: …]`) the text has, each with its markers.
    pub footnotes: usize,
    /// Bracketed numbers read as page numbers of the original.
    pub page_numbers: usize,
    /// Lines in capitals read as headings.
    pub headings: usize,
    /// Lines of asterisks read as section breaks.
    pub section_breaks: usize,
}

impl Reading {
    /// The layout the catalogue declared, if it did.
    pub fn declared(&self) -> Option<Paragraphs> {
        self.detected.is_none().then_some(self.paragraphs)
    }

    /// One line for `dossier check`: `paragraphs by blank lines (detected: …); 2 footnotes`.
    pub fn describe(&self) -> String {
        let layout = match self.paragraphs {
            Paragraphs::Width => "paragraphs by line width (a short line ends one; a blank line is a page break)",
            Paragraphs::BlankLines => "paragraphs separated by blank lines",
            Paragraphs::Lines => "one paragraph a line",
        };
        let mut text = match &self.detected {
            Some(why) => format!(
                "{layout} (detected: {why}; say `paragraphs: {}` to confirm, or another to override)",
                self.paragraphs.name()
            ),
            None => format!("{layout} (as the catalogue says)"),
        };
        let marks = [
            (self.footnotes, "footnote", "footnotes", ", linked from the markers"),
            (self.page_numbers, "page number", "page numbers", " of the original"),
            (self.headings, "heading", "headings", " in capitals"),
            (self.section_breaks, "section break", "section breaks", " (`* * *`)"),
        ];
        for (n, one, many, what) in marks {
            if n > 0 {
                text.push_str(&format!("; {n} {}{what}", if n == 1 { one } else { many }));
            }
        }
        text
    }
}

/// Rebuilds the blocks of a transcription, its layout read from the text.
pub fn reflow(text: &str) -> Vec<Block> {
    reflow_as(text, None).0
}

/// Rebuilds the blocks of a transcription laid out as `declared` says, or as the text
/// shows where nothing is declared.
pub fn reflow_as(text: &str, declared: Option<Paragraphs>) -> (Vec<Block>, Reading) {
    let lines: Vec<&str> = text.split(['\n', '\u{c}']).map(str::trim).collect();
    let (paragraphs, detected) = match declared {
        Some(layout) => (layout, None),
        None => {
            let (layout, why) = detect(&lines);
            (layout, Some(why))
        }
    };
    let mut blocks = blocks_of(&lines, paragraphs);
    let mut headings = 0;
    let mut breaks = 0;
    if paragraphs != Paragraphs::Width {
        breaks = section_breaks(&mut blocks);
        notes_after_the_break(&mut blocks);
        notes_at_the_foot(&mut blocks);
        headings = headings_in_capitals(&mut blocks);
    }
    let (footnotes, page_numbers) = read_numbers(&mut blocks);
    (
        blocks,
        Reading {
            paragraphs,
            detected,
            footnotes,
            page_numbers,
            headings,
            section_breaks: breaks,
        },
    )
}

/// Replaces each paragraph that is one run of text and no marks (a line that may be
/// a heading or a section break) by what `read` makes of its text; the number
/// replaced.
fn read_lone_lines(blocks: &mut [Block], read: impl Fn(&str) -> Option<Block>) -> usize {
    let mut count = 0;
    for block in blocks.iter_mut() {
        let read_as = match block {
            Block::Paragraph(content) => match content.as_slice() {
                [Inline::Text(text)] => read(text),
                _ => None,
            },
            _ => None,
        };
        if let Some(read_as) = read_as {
            *block = read_as;
            count += 1;
        }
    }
    count
}

/// Paragraphs of asterisks alone (`* * *`, `***`, `⁂`) become section breaks; the
/// number of them.
fn section_breaks(blocks: &mut [Block]) -> usize {
    read_lone_lines(blocks, |text| {
        let stars = text.chars().filter(|&c| c == '*').count();
        let only_stars = text.chars().all(|c| c == '*' || c.is_whitespace());
        ((only_stars && stars >= 3) || text.trim() == "⁂").then(|| Block::SectionBreak(text.to_string()))
    })
}

/// After the text's last section break, a paragraph that opens with a bracketed
/// number the text above has as a marker (`[1] "Se vuol ballare," …`) is that
/// marker's footnote, as an edition that gathers its notes at the end prints them.
/// Only after a break: elsewhere `[43]` opening a paragraph is a page of the original.
fn notes_after_the_break(blocks: &mut [Block]) {
    let Some(last_break) = blocks.iter().rposition(|b| matches!(b, Block::SectionBreak(_))) else {
        return;
    };
    let bracketed_numbers = |block: &Block| -> Vec<String> {
        let (Block::Paragraph(content) | Block::Item { content, .. }) = block else {
            return Vec::new();
        };
        content
            .iter()
            .filter_map(|inline| match inline {
                Inline::PageNumber { number, written } if *written == format!("[{number}]") => Some(number.clone()),
                _ => None,
            })
            .collect()
    };
    let markers: std::collections::HashSet<String> = blocks[..last_break].iter().flat_map(bracketed_numbers).collect();
    for block in blocks[last_break + 1..].iter_mut() {
        let label = match block {
            Block::Paragraph(content) => match content.first() {
                Some(Inline::PageNumber { number, written })
                    if *written == format!("[{number}]") && markers.contains(number) =>
                {
                    number.clone()
                }
                _ => continue,
            },
            _ => continue,
        };
        let text = block.source_text();
        *block = Block::Footnote { label, text };
    }
}

/// The longest line read as a heading: a longer one in capitals is a paragraph
/// typed so (a telegram, a shout).
const LONGEST_HEADING: usize = 72;

/// Paragraphs that are one short line in capitals (and no marks) become headings;
/// the number of them. Only where paragraphs are set apart by the layout (blank
/// lines, a line each): in a text wrapped to a width, a short line is where a
/// paragraph ends, and the seed's kind of extraction is left as it reads.
fn headings_in_capitals(blocks: &mut [Block]) -> usize {
    read_lone_lines(blocks, |text| {
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        // Every letter a capital: a script without capitals (Arabic, Hebrew, Chinese)
        // has no line in capitals, however short.
        let is_heading = letters >= 2
            && text.chars().count() <= LONGEST_HEADING
            && text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
            && !text.ends_with([',', ';', ':'])
            && !text.chars().next().is_some_and(|c| c.is_ascii_digit());
        is_heading.then(|| Block::Heading(text.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::push_escaped;

    #[test]
    fn a_short_line_of_a_script_without_capitals_is_never_a_heading() {
        for line in ["مع أطيب التحيات", "此致敬礼", "בברכה", "КОММЮНИКЕ"] {
            let (blocks, _) = reflow_as(
                &format!("{line}\n\nA paragraph of text.\n"),
                Some(Paragraphs::BlankLines),
            );
            let heading = matches!(&blocks[0], Block::Heading(_));
            // Cyrillic has capitals: a line in them is a heading, as in Latin script.
            assert_eq!(heading, line == "КОММЮНИКЕ", "{line}: {blocks:?}");
        }
    }

    #[test]
    fn a_short_line_in_capitals_alone_is_a_heading_where_the_layout_sets_paragraphs_apart() {
        let text = "SUBJECT\nTalks on Berlin\n104.\nTHE PRESIDENT SAID THAT HE WOULD ANSWER IN WRITING AND THAT HE HAD LISTENED WITH CARE TO IT ALL\nL. v. B.\nTO:\n";
        let (blocks, reading) = reflow_as(text, Some(Paragraphs::Lines));
        assert_eq!(blocks[0], Block::Heading("SUBJECT".into()));
        assert!(matches!(&blocks[1], Block::Paragraph(_)));
        assert!(!matches!(&blocks[2], Block::Heading(_)), "a number line");
        assert!(
            matches!(&blocks[3], Block::Paragraph(_)),
            "a long line in capitals is a paragraph"
        );
        assert!(
            matches!(&blocks[4], Block::Paragraph(_)),
            "initials with lowercase letters"
        );
        assert!(
            matches!(&blocks[5], Block::Paragraph(_)),
            "a line that opens what follows"
        );
        assert_eq!(reading.headings, 1);
        // A text wrapped to a width reads no headings: its short lines end paragraphs.
        let (blocks, _) = reflow_as("SUBJECT\nTalks on Berlin\n", Some(Paragraphs::Width));
        assert!(blocks.iter().all(|b| !matches!(b, Block::Heading(_))));
    }

    #[test]
    fn notes_gathered_after_a_section_break_are_the_markers_footnotes() {
        let text = "I have your letter,[1] and the songs.\n\n[43] The page turns here.\n\n* * *\n\n[1] Of the 2nd of March.\n\n[2] A note no marker leads to.\n";
        let (blocks, reading) = reflow_as(text, Some(Paragraphs::BlankLines));
        assert_eq!(blocks[2], Block::SectionBreak("* * *".into()));
        assert_eq!(
            blocks[3],
            Block::Footnote {
                label: "1".into(),
                text: "[1] Of the 2nd of March.".into()
            }
        );
        assert!(
            matches!(&blocks[4], Block::Paragraph(_)),
            "no marker [2] above the break"
        );
        let Block::Paragraph(first) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert!(first
            .iter()
            .any(|i| matches!(i, Inline::FootnoteRef { label, .. } if label == "1")));
        let Block::Paragraph(page) = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert!(
            matches!(&page[0], Inline::PageNumber { number, .. } if number == "43"),
            "before the break a bracketed number opening a paragraph is a page"
        );
        assert_eq!((reading.footnotes, reading.section_breaks), (1, 1));
    }

    fn paragraph_texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(content) | Block::Item { content, .. } => content
                    .iter()
                    .map(|i| match i {
                        Inline::Text(t)
                        | Inline::Sic(t)
                        | Inline::Insertion(t)
                        | Inline::Note(t)
                        | Inline::Emphasis(t) => t.clone(),
                        Inline::PageNumber { written, .. } => written.clone(),
                        Inline::FootnoteRef { label, .. } => format!("^{label}"),
                        Inline::PageBreak => "|".to_string(),
                    })
                    .collect(),
                Block::Omission(m) | Block::Heading(m) | Block::SectionBreak(m) => m.clone(),
                Block::Note(n) | Block::Footnote { text: n, .. } => n.clone(),
            })
            .collect()
    }

    const WRAPPED: &str = "\
The first paragraph runs on for a while and is wrapped at the width
of the page, here about seventy characters wide, until it ends.
A second paragraph starts here, since \"A\" would have fitted above it
and it runs on across a page break of the source, in mid-sentence

and goes on after it.
…
Then a short line.
What were the reasons?
1. The first reason, which runs long enough to wrap onto a second
line of the page.
2. The second reason.
";

    #[test]
    fn short_lines_end_paragraphs_and_full_lines_join() {
        let blocks = reflow(WRAPPED);
        let texts = paragraph_texts(&blocks);
        assert_eq!(
            texts,
            [
                "The first paragraph runs on for a while and is wrapped at the width of the page, here about seventy characters wide, until it ends.",
                "A second paragraph starts here, since \"A\" would have fitted above it and it runs on across a page break of the source, in mid-sentence| and goes on after it.",
                "…",
                "Then a short line.",
                "What were the reasons?",
                "The first reason, which runs long enough to wrap onto a second line of the page.",
                "The second reason.",
            ]
        );
        assert!(matches!(&blocks[5], Block::Item { number, .. } if number == "1."));
    }

    #[test]
    fn a_blank_line_between_sentences_ends_the_paragraph() {
        let blocks = reflow("One sentence ends here.\n\nanother starts in lower case.\n");
        assert_eq!(blocks.len(), 2);
        let blocks = reflow("One sentence runs on\n\nAnother Starts In Upper Case\n");
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn a_year_at_a_line_start_is_not_an_item() {
        let blocks = reflow(
            "It was decided at the plenum held in the month of October in the year\n1966. The decision stood.\n",
        );
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn editorial_marks_are_recognised() {
        let blocks = reflow("Kim Il, in particular, [43] stressed in [his] report the XIII [SIC] congress [Editor's note: sic] and [[two words");
        let Block::Paragraph(content) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(
            content,
            &[
                Inline::Text("Kim Il, in particular, ".into()),
                Inline::PageNumber {
                    number: "43".into(),
                    written: "[43]".into(),
                },
                Inline::Text(" stressed in ".into()),
                Inline::Insertion("[his]".into()),
                Inline::Text(" report the XIII ".into()),
                Inline::Sic("[SIC]".into()),
                Inline::Text(" congress ".into()),
                Inline::Note("[Editor's note: sic]".into()),
                Inline::Text(" and [[two words".into()),
            ]
        );
    }

    #[test]
    fn a_note_spanning_lines_is_one_block() {
        let blocks = reflow("[Translator's note: a note in the margin, \"see [[two words\nillegible]\"] and a line]\nThe text goes on.\n");
        assert_eq!(
            blocks[0],
            Block::Note("[Translator's note: a note in the margin, \"see [[two words illegible]\"] and a line]".into())
        );
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn omission_marks_alone_on_a_line_are_blocks() {
        for mark in ["…", "...", "[…]", ". . ."] {
            let blocks = reflow(&format!("Before.\n{mark}\nAfter.\n"));
            assert_eq!(blocks[1], Block::Omission(mark.to_string()), "{mark}");
        }
    }

    #[test]
    fn html_escapes_every_character_and_anchors_page_numbers() {
        let html = to_html(
            &reflow("a <b> & [43] \"c\" [43]"),
            crate::i18n::english(),
            &mut |h, t, _| push_escaped(h, t),
        );
        assert_eq!(
            html,
            "<p id=\"p1\">a &lt;b&gt; &amp; <a class=\"page-number\" id=\"page-43\" href=\"#page-43\" title=\"Page 43 of the original\">[43]</a>\
             <a class=\"cite-page\" href=\"#cite-page\" data-page=\"43\" aria-label=\"Cite page 43\"></a> &quot;c&quot; \
             <a class=\"page-number\" id=\"page-43-2\" href=\"#page-43-2\" title=\"Page 43 of the original\">[43]</a>\
             <a class=\"cite-page\" href=\"#cite-page\" data-page=\"43\" aria-label=\"Cite page 43\"></a></p>\n"
        );
    }

    /// A one-line text read as one paragraph a line: its blocks, and the line's inlines.
    fn one_line(text: &str) -> (Vec<Block>, Vec<Inline>) {
        let blocks = reflow_as(text, Some(Paragraphs::Lines)).0;
        let Some(Block::Paragraph(content)) = blocks.first().cloned() else {
            panic!("{blocks:?}")
        };
        (blocks, content)
    }

    #[test]
    fn underscored_words_are_emphasis_and_keep_their_underscores() {
        let (blocks, content) =
            one_line("The winter is _long_ and _very cold_ here, snake_case_name and __init__ and _ a _ and _last_.\n");
        let content = &content;
        assert_eq!(
            content,
            &[
                Inline::Text("The winter is ".into()),
                Inline::Emphasis("_long_".into()),
                Inline::Text(" and ".into()),
                Inline::Emphasis("_very cold_".into()),
                Inline::Text(" here, snake_case_name and __init__ and _ a _ and ".into()),
                Inline::Emphasis("_last_".into()),
                Inline::Text(".".into()),
            ]
        );
        let html = to_html(&blocks, crate::i18n::english(), &mut |h, t, _| push_escaped(h, t));
        assert!(html.contains("is <em class=\"underscored\">_long_</em> and"), "{html}");
    }

    #[test]
    fn a_second_text_gets_its_own_ids_but_cites_on_the_page() {
        let blocks = reflow_as(
            "Word [2] \"x\" and id=\"y\".\n\nMore [1].\n\n[Footnote 1: A note.]\n",
            Some(Paragraphs::BlankLines),
        )
        .0;
        let main = to_html(&blocks, crate::i18n::english(), &mut |h, t, _| push_escaped(h, t));
        let keyed = to_html_keyed(&blocks, "ru", crate::i18n::english(), &mut |h, t, _| push_escaped(h, t));
        assert!(
            main.contains("<p id=\"p1\">") && main.contains("id=\"page-2\" href=\"#page-2\""),
            "{main}"
        );
        assert!(keyed.contains("<p id=\"ru-p1\">"), "{keyed}");
        assert!(keyed.contains("id=\"ru-page-2\" href=\"#ru-page-2\""), "{keyed}");
        assert!(
            keyed.contains("<a class=\"cite-page\" href=\"#cite-page\" data-page=\"2\""),
            "{keyed}"
        );
        // The text's own quotes are escaped, never taken for an id.
        assert!(keyed.contains("&quot;x&quot; and id=&quot;y&quot;."), "{keyed}");
        if main.contains("fn-1") {
            assert!(keyed.contains("ru-fn-1") && !keyed.contains("\"fn-1"), "{keyed}");
        }
        // The main text's HTML is what it was; only the ids differ.
        assert_eq!(keyed.replace("ru-", ""), main);
    }

    #[test]
    fn layouts_are_told_apart_by_how_lines_end() {
        let lines = |text: &'static str| -> Vec<&'static str> { text.split('\n').map(str::trim).collect() };
        // A narrow newspaper column: short lines, but they run on.
        let column = lines("The council met on Monday\nand agreed that the harbour\ndues would rise in the\nspring, to the dismay of\nthe fishermen, who said\nthey could not pay them.\n");
        assert_eq!(detect(&column).0, Paragraphs::Width);
        // One paragraph a line: headings short, paragraphs ending their sentences.
        let export = lines("SECRET\nThe meeting began at ten and lasted until the early afternoon, without a break.\nBoth sides agreed to meet again.\n");
        assert_eq!(detect(&export).0, Paragraphs::Lines);
        // Wrapped, with a blank line after each paragraph.
        let typed = lines("A first paragraph that is wrapped at the width of a page\nand runs on.\n\nA second paragraph, after a blank line, as editions\ntype them.\n\nA third.\n");
        assert_eq!(detect(&typed).0, Paragraphs::BlankLines);
        // Wrapped, a blank line in mid-sentence: a page break, as in the seed.
        let extracted = lines("The report runs on across the page and does not stop for\n\nthe break, which is only where the page of the original ended.\n");
        assert_eq!(detect(&extracted).0, Paragraphs::Width);
    }

    #[test]
    fn page_numbers_are_read_in_each_form_and_shown_as_written() {
        let (blocks, content) = one_line("One [p. 12] two [page 13] three {14} four [p.15] five {x} {} [p. x].\n");
        let pages: Vec<(&str, &str)> = content
            .iter()
            .filter_map(|inline| match inline {
                Inline::PageNumber { number, written } => Some((number.as_str(), written.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            pages,
            [("12", "[p. 12]"), ("13", "[page 13]"), ("14", "{14}"), ("15", "[p.15]")]
        );
        let html = to_html(&blocks, crate::i18n::english(), &mut |h, t, _| push_escaped(h, t));
        assert!(html.contains("title=\"Page 14 of the original\">{14}</a>"), "{html}");
        assert!(html.contains("five {x} {} <span class=\"insertion\""), "{html}");
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert!(reflow("").is_empty());
        assert!(reflow("\n\n  \n").is_empty());
    }
}
