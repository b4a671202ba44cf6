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

use std::collections::HashMap;
use std::fmt::Write;

use crate::html::push_escaped;

pub use crate::catalog::Paragraphs;

/// A block of a reflowed transcription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// A numbered item of the source: `number` is `1.`, `content` what follows it.
    Item {
        number: String,
        content: Vec<Inline>,
    },
    /// A line holding only an omission mark, as written.
    Omission(String),
    /// A paragraph that is one editorial note, brackets included.
    Note(String),
    /// `[Footnote 1: …]`, brackets included: the note that the markers `[1]` of the
    /// text lead to.
    Footnote {
        label: String,
        text: String,
    },
    /// A line in capitals standing alone, as a volume's `SUBJECT` or a letter's `TO
    /// ELEONORE VON BREUNING.`: a heading of the source, as written.
    Heading(String),
    /// A line of asterisks (`* * *`) standing alone: a break between sections, as
    /// written.
    SectionBreak(String),
}

impl Block {
    /// The block's text as the source writes it, marks included; a page break of the
    /// source is nothing.
    pub fn source_text(&self) -> String {
        let inlines = |content: &[Inline]| -> String {
            content
                .iter()
                .map(|inline| match inline {
                    Inline::Text(t) | Inline::Sic(t) | Inline::Insertion(t) | Inline::Note(t) | Inline::Emphasis(t) => {
                        t.clone()
                    }
                    Inline::PageNumber { written, .. } => written.clone(),
                    Inline::FootnoteRef { label, bracketed: true } => format!("[{label}]"),
                    Inline::FootnoteRef {
                        label,
                        bracketed: false,
                    } => label.clone(),
                    Inline::PageBreak => String::new(),
                })
                .collect()
        };
        match self {
            Block::Paragraph(content) => inlines(content),
            Block::Item { number, content } => format!("{number} {}", inlines(content)),
            Block::Omission(text)
            | Block::Note(text)
            | Block::Footnote { text, .. }
            | Block::Heading(text)
            | Block::SectionBreak(text) => text.clone(),
        }
    }
}

/// A run of text inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A page of the source ended here (a blank line inside a sentence).
    PageBreak,
    /// `[43]`, `[p. 43]` or `{43}`: the original's page `number` starts here, as
    /// `written`.
    PageNumber {
        number: String,
        written: String,
    },
    /// `[SIC]`, as written.
    Sic(String),
    /// An editor's insertion such as `[his]`, brackets included.
    Insertion(String),
    /// `[Translator's note: …]`, brackets included.
    Note(String),
    /// `[1]`, or `3` glued to a sentence's end (`reached.3`): the marker of the text's
    /// footnote with that label.
    FootnoteRef {
        label: String,
        bracketed: bool,
    },
    /// `_words_`: italics as a typed edition marks them, underscores included.
    Emphasis(String),
}

/// The longest a bracket is searched for its closing partner, so a stray `[` in a
/// megabyte line costs little.
const MAX_BRACKET_SPAN: usize = 4000;

/// How a text was read: its paragraph layout, and whether the text said so or the
/// catalogue did, with the reason, for `dossier check` to show an editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
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
        let is_heading = letters >= 2
            && text.chars().count() <= LONGEST_HEADING
            && !text.chars().any(char::is_lowercase)
            && !text.ends_with([',', ';', ':'])
            && !text.chars().next().is_some_and(|c| c.is_ascii_digit());
        is_heading.then(|| Block::Heading(text.to_string()))
    })
}

/// The paragraph layout a text shows, and why. A text whose full lines (three fifths as
/// long as its longest, or more) mostly end in mid-sentence and run on in the next line
/// is wrapped; one whose lines nearly all end
/// a sentence or clause is one paragraph a line. A wrapped text whose blank lines
/// follow sentence ends, often (one in fifteen lines or more) and never inside a
/// sentence, separates its paragraphs with them; otherwise its blank lines are page
/// breaks and its short lines end paragraphs (a PDF extraction, as the seed).
pub fn detect(lines: &[&str]) -> (Paragraphs, String) {
    let text_lines = lines.iter().filter(|l| !l.is_empty()).count();
    // A line as long as most of the longest could have been wrapped; a heading or a
    // signature is shorter. Relative, so a narrow column's lines count too.
    let mut lengths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.chars().count())
        .collect();
    lengths.sort_unstable();
    let long = lengths
        .get(lengths.len() * 95 / 100)
        .or(lengths.last())
        .copied()
        .unwrap_or(0);
    let full_from = (long * 6 / 10).max(20);
    let mut runs_on = 0;
    let mut separators = 0;
    let mut inside_sentences = 0;
    let mut previous: Option<&str> = None;
    let mut blank_before = false;
    for line in lines.iter().copied() {
        if line.is_empty() {
            blank_before = true;
            continue;
        }
        if let Some(prev) = previous {
            let full = prev.chars().count() >= full_from;
            match (blank_before, ends_clause(prev)) {
                (false, false) if full => runs_on += 1,
                (true, true) => separators += 1,
                (true, false) if starts_lower_case(line) => inside_sentences += 1,
                _ => {}
            }
        }
        previous = Some(line);
        blank_before = false;
    }
    let joins = text_lines.saturating_sub(1).max(1);
    if text_lines >= 3 && runs_on * 10 < joins {
        return (
            Paragraphs::Lines,
            format!("{runs_on} of {text_lines} lines run on into the next"),
        );
    }
    if separators >= 2 && separators * 15 >= text_lines && inside_sentences * 4 <= separators {
        return (
            Paragraphs::BlankLines,
            format!("{separators} blank lines after sentence ends among {text_lines} lines, {inside_sentences} inside a sentence"),
        );
    }
    (
        Paragraphs::Width,
        format!("{runs_on} of {text_lines} lines run on into the next, {separators} blank lines between sentences"),
    )
}

fn blocks_of(lines: &[&str], layout: Paragraphs) -> Vec<Block> {
    let page = Page::of(lines);
    let mut blocks = Vec::new();
    let mut open: Option<OpenBlock> = None;
    let mut previous: Option<&str> = None;
    let mut blank_before = false;

    for line in lines.iter().copied() {
        if line.is_empty() {
            blank_before = true;
            continue;
        }
        if is_omission(line) {
            blocks.extend(open.take().map(OpenBlock::finish));
            blocks.push(Block::Omission(line.to_string()));
            previous = None;
            blank_before = false;
            continue;
        }
        let starts_item =
            numbered_item(line).is_some_and(|number| number.len() < line.len()) && previous.is_none_or(ends_clause);
        let starts_note = opens_note(line);
        let continues = match (&open, previous) {
            (Some(block), Some(prev)) => {
                if layout != Paragraphs::Width && block.note && !block.note_is_closed() && !blank_before {
                    // A note runs on to its closing bracket, up to a blank line.
                    true
                } else if starts_item || starts_note || block.note_is_closed() {
                    false
                } else {
                    match layout {
                        Paragraphs::Lines => false,
                        Paragraphs::BlankLines => !blank_before,
                        Paragraphs::Width => {
                            if !ends_sentence(prev) && starts_lower_case(line) {
                                // A sentence running on, across a line or a page break.
                                true
                            } else if blank_before {
                                false
                            } else if ends_sentence(prev) {
                                !page.fits_after_sentence(prev, line)
                            } else {
                                !page.fits_mid_sentence(prev, line)
                            }
                        }
                    }
                }
            }
            _ => false,
        };
        match (&mut open, continues) {
            // Only the width layout has page breaks: elsewhere a blank line ends the block.
            (Some(block), true) => block.push(line, blank_before && layout == Paragraphs::Width),
            _ => {
                blocks.extend(open.take().map(OpenBlock::finish));
                open = Some(OpenBlock::start(line, starts_item, starts_note));
            }
        }
        previous = Some(line);
        blank_before = false;
    }
    blocks.extend(open.map(OpenBlock::finish));
    blocks
}

/// Notes at the foot of a text, as databases and typed volumes export them: a
/// paragraph beginning with a number (`3 Source: …`) is a footnote when an earlier
/// paragraph has that number glued to a sentence's end (`…were reached.3`), which
/// becomes its marker. Not in the width layout, where a line may begin with any number.
fn notes_at_the_foot(blocks: &mut [Block]) {
    let leading_number = |block: &Block| -> Option<String> {
        let Block::Paragraph(content) = block else { return None };
        let Some(Inline::Text(text)) = content.first() else {
            return None;
        };
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        ((1..=3).contains(&digits) && text[digits..].starts_with(' ')).then(|| text[..digits].to_string())
    };
    let mut found: Vec<(usize, String)> = Vec::new();
    for (at, block) in blocks.iter().enumerate() {
        if let Some(label) = leading_number(block) {
            let marked = blocks[..at]
                .iter()
                .any(|earlier| !glued_markers(earlier, &label).is_empty());
            if marked && !found.iter().any(|(_, l)| *l == label) {
                found.push((at, label));
            }
        }
    }
    for (at, label) in &found {
        for block in blocks[..*at].iter_mut() {
            mark_glued(block, label);
        }
        let text = blocks[*at].source_text();
        blocks[*at] = Block::Footnote {
            label: label.clone(),
            text,
        };
    }
}

/// Where in a block's text runs `label` stands glued to a sentence's end, followed by
/// white space or the end: (inline, byte offset of the number).
fn glued_markers(block: &Block, label: &str) -> Vec<(usize, usize)> {
    let (Block::Paragraph(content) | Block::Item { content, .. }) = block else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (index, inline) in content.iter().enumerate() {
        let Inline::Text(text) = inline else { continue };
        for (at, _) in text.match_indices(label) {
            let before = text[..at].chars().next_back();
            let after = text[at + label.len()..].chars().next();
            let glued = before.is_some_and(|c| matches!(c, '.' | ',' | ';' | ':' | '"' | '”' | ')'));
            let ends = after.is_none_or(char::is_whitespace);
            let preceded_by_word = text[..at]
                .trim_end_matches(['.', ',', ';', ':', '"', '”', ')'])
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
            if glued && ends && preceded_by_word {
                found.push((index, at));
            }
        }
    }
    found
}

/// Turns `label` glued in a block's text into footnote markers.
fn mark_glued(block: &mut Block, label: &str) {
    let markers = glued_markers(block, label);
    if markers.is_empty() {
        return;
    }
    let (Block::Paragraph(content) | Block::Item { content, .. }) = block else {
        return;
    };
    // From the last, so earlier offsets stay valid.
    for (index, at) in markers.into_iter().rev() {
        let Inline::Text(text) = content[index].clone() else {
            continue;
        };
        let mut parts = vec![Inline::Text(text[..at].to_string())];
        parts.push(Inline::FootnoteRef {
            label: label.to_string(),
            bracketed: false,
        });
        if at + label.len() < text.len() {
            parts.push(Inline::Text(text[at + label.len()..].to_string()));
        }
        content.splice(index..=index, parts);
    }
}

/// The page number a bracket holds: `43`, `p. 43`, `p.43` or `page 43`.
fn page_number_in(inner: &str) -> Option<&str> {
    let number = ["page ", "p. ", "p."]
        .iter()
        .find_map(|prefix| inner.strip_prefix(prefix))
        .unwrap_or(inner);
    (!number.is_empty() && number.len() <= 6 && number.bytes().all(|b| b.is_ascii_digit())).then_some(number)
}

/// `{43}` in running text: a page number, as some editions brace them. Braces hold
/// nothing else in a plain-text transcription.
fn with_braced_pages(inline: Inline) -> Vec<Inline> {
    let Inline::Text(text) = inline else {
        return vec![inline];
    };
    let mut parts = Vec::new();
    let mut plain_from = 0;
    let mut search_from = 0;
    while let Some(offset) = text[search_from..].find('{') {
        let open = search_from + offset;
        let digits = text[open + 1..].bytes().take_while(u8::is_ascii_digit).count();
        let close = open + 1 + digits;
        if !(1..=6).contains(&digits) || text.as_bytes().get(close) != Some(&b'}') {
            search_from = open + 1;
            continue;
        }
        if open > plain_from {
            parts.push(Inline::Text(text[plain_from..open].to_string()));
        }
        parts.push(Inline::PageNumber {
            number: text[open + 1..close].to_string(),
            written: text[open..=close].to_string(),
        });
        plain_from = close + 1;
        search_from = close + 1;
    }
    if plain_from == 0 {
        return vec![Inline::Text(text)];
    }
    if plain_from < text.len() {
        parts.push(Inline::Text(text[plain_from..].to_string()));
    }
    parts
}

/// `[1]` where the text has a footnote labelled `1`: that note's marker.
fn is_marker_form(written: &str, labels: &std::collections::HashSet<String>) -> bool {
    written
        .strip_prefix('[')
        .and_then(|w| w.strip_suffix(']'))
        .is_some_and(|label| labels.contains(label))
}

/// Bracketed numbers are page numbers of the original (`[43]`) unless the text says
/// otherwise: a number that labels a footnote of the text (`[Footnote 1: …]`) is that
/// footnote's marker, and a year (four digits) with no page number near it is an
/// editor's insertion ("instructed in [1833]"). Returns how many footnotes and page
/// numbers there are.
fn read_numbers(blocks: &mut [Block]) -> (usize, usize) {
    let labels: std::collections::HashSet<String> = blocks
        .iter()
        .filter_map(|block| match block {
            Block::Footnote { label, .. } => Some(label.clone()),
            _ => None,
        })
        .collect();
    let pages: Vec<u64> = blocks
        .iter()
        .flat_map(|block| match block {
            Block::Paragraph(content) | Block::Item { content, .. } => content.as_slice(),
            _ => &[],
        })
        .filter_map(|inline| match inline {
            Inline::PageNumber { number, written } if !is_marker_form(written, &labels) => number.parse().ok(),
            _ => None,
        })
        .collect();
    let is_year = |number: &str| {
        let Ok(value) = number.parse::<u64>() else { return false };
        number.len() == 4 && value >= 1000 && !pages.iter().any(|&other| other != value && other.abs_diff(value) <= 20)
    };
    let mut page_numbers = 0;
    for block in blocks.iter_mut() {
        let (Block::Paragraph(content) | Block::Item { content, .. }) = block else {
            continue;
        };
        for inline in content.iter_mut() {
            let Inline::PageNumber { number, written } = inline else {
                continue;
            };
            if is_marker_form(written, &labels) {
                *inline = Inline::FootnoteRef {
                    label: std::mem::take(number),
                    bracketed: true,
                };
            } else if written.starts_with('[') && written.len() == number.len() + 2 && is_year(number) {
                *inline = Inline::Insertion(std::mem::take(written));
            } else {
                page_numbers += 1;
            }
        }
    }
    (labels.len(), page_numbers)
}

/// How wide lines are, and how wide the page was they were wrapped to.
///
/// Extractions come from typeset pages more often than from typewriters, and in a
/// proportional font `CPSU and KWP` is much wider than its letter count says. So a
/// line is measured both in characters and in the advance widths of a Times-like font,
/// and the page's width under each measure is the 95th percentile of the lines (so a
/// stray over-long line does not move it). The measure under which the full lines
/// agree best (the smaller spread of the longer half) is taken as the one the page was
/// set in. Both are estimates: a line that ends a sentence counts as short when the
/// next word fits by either measure; a line that ends mid-sentence only when it fits by
/// the page's own measure with two characters to spare.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    proportional: bool,
    width_in_chars: u32,
    width_in_em: u32,
}

impl Page {
    pub fn of(lines: &[&str]) -> Page {
        let measured = |proportional: bool| -> Vec<u32> {
            let mut widths: Vec<u32> = lines
                .iter()
                .filter(|l| !l.is_empty())
                .map(|l| measure(l, proportional))
                .collect();
            widths.sort_unstable();
            widths
        };
        let chars = measured(false);
        let em = measured(true);
        let percentile = |widths: &[u32]| {
            widths
                .get((widths.len() * 95) / 100)
                .or(widths.last())
                .copied()
                .unwrap_or(0)
        };
        Page {
            proportional: spread_of_long_lines(&em) <= spread_of_long_lines(&chars),
            width_in_chars: percentile(&chars),
            width_in_em: percentile(&em),
        }
    }

    /// Would `next`'s first word have fitted on `line`, after a sentence's end?
    fn fits_after_sentence(&self, line: &str, next: &str) -> bool {
        self.fits(line, next, false, 0) || self.fits(line, next, true, 0)
    }

    /// Would it have fitted with room to spare, where the line ends mid-sentence?
    fn fits_mid_sentence(&self, line: &str, next: &str) -> bool {
        let tolerance = if self.proportional { 1000 } else { 2 };
        self.fits(line, next, self.proportional, tolerance)
    }

    fn fits(&self, line: &str, next: &str, proportional: bool, margin: u32) -> bool {
        let word = next.split_whitespace().next().unwrap_or_default();
        let needed = measure(line, proportional) + measure(" ", proportional) + measure(word, proportional);
        let width = if proportional {
            self.width_in_em
        } else {
            self.width_in_chars
        };
        needed + margin <= width
    }
}

/// The coefficient of variation of the longer half of the measures.
fn spread_of_long_lines(measures: &[u32]) -> f64 {
    let mut sorted = measures.to_vec();
    sorted.sort_unstable();
    let long = &sorted[sorted.len() / 2..];
    if long.is_empty() {
        return 0.0;
    }
    let mean = long.iter().map(|&m| f64::from(m)).sum::<f64>() / long.len() as f64;
    if mean == 0.0 {
        return 0.0;
    }
    let variance = long.iter().map(|&m| (f64::from(m) - mean).powi(2)).sum::<f64>() / long.len() as f64;
    variance.sqrt() / mean
}

/// A line's width: its characters, or its advance in thousandths of an em of Times.
fn measure(text: &str, proportional: bool) -> u32 {
    if !proportional {
        return text.chars().count() as u32;
    }
    text.chars().map(advance).sum()
}

/// Advance widths of Times Roman (Adobe's metrics), per 1000 units of the em.
fn advance(c: char) -> u32 {
    match c {
        ' ' | '.' | ',' => 250,
        'i' | 'j' | 'l' | 't' | ':' | ';' | '/' => 278,
        'f' | 'r' | 'I' | '!' | '\'' | '’' | '‘' | '(' | ')' | '[' | ']' | '-' => 333,
        's' | 'J' => 389,
        '"' => 408,
        'a' | 'c' | 'e' | 'z' | '?' | '“' | '”' => 444,
        'F' | 'P' | 'S' => 556,
        'E' | 'L' | 'T' | 'Z' => 611,
        'B' | 'C' | 'R' => 667,
        'w' | 'A' | 'D' | 'G' | 'H' | 'K' | 'N' | 'O' | 'Q' | 'U' | 'V' | 'X' | 'Y' => 722,
        'm' | '&' => 778,
        '%' => 833,
        'M' => 889,
        'W' => 944,
        '…' | '—' => 1000,
        c if c.is_uppercase() => 700,
        _ => 500,
    }
}

fn is_omission(line: &str) -> bool {
    let bare = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')).unwrap_or(line);
    let marks: String = bare.chars().filter(|c| !c.is_whitespace()).collect();
    !marks.is_empty() && marks.chars().all(|c| c == '…' || c == '.') && (marks.contains('…') || marks.len() >= 3)
}

/// `12. text` → `12.`; at most three digits, so `1966. text` is not an item.
fn numbered_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &line[digits..];
    (rest.starts_with(". ") || rest == ".").then(|| &line[..digits + 1])
}

fn opens_note(line: &str) -> bool {
    line.starts_with('[') && (note_label(&line[1..]).is_some() || footnote_label(&line[1..]).is_some())
}

/// `Footnote 1: …` → `1`: how Project Gutenberg and many typed editions write a
/// footnote's body, in brackets where the note falls.
fn footnote_label(inner: &str) -> Option<&str> {
    let (head, _) = inner.split_once(':')?;
    let mut words = head.split_whitespace();
    let word = words.next()?;
    let label = words.next()?;
    let is_label = label.len() <= 4 && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '*');
    (word.eq_ignore_ascii_case("footnote") && words.next().is_none() && is_label).then_some(label)
}

/// `Translator's note: …` → the label; a note is a bracket opening with `… note:`.
fn note_label(inner: &str) -> Option<&str> {
    let colon = inner.find(':')?;
    let label = &inner[..colon];
    let lower = label.to_lowercase();
    (label.len() <= 40 && (lower == "note" || lower.ends_with(" note") || lower.ends_with("'s note"))).then_some(label)
}

/// A line without what may close a sentence after its last word: quotes and
/// brackets, a footnote marker (`[2]`, or a number glued to the full stop, `reached.3`)
/// and a note's closing bracket.
fn strip_closing(line: &str) -> &str {
    let mut line = line;
    loop {
        let before = line;
        line = line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
        if let Some(open) = line.rfind('[') {
            if line[open + 1..].bytes().all(|b| b.is_ascii_digit()) && before.ends_with(']') {
                line = &line[..open];
            }
        }
        let digits = line.len() - line.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if (1..=3).contains(&digits) && line[..line.len() - digits].ends_with(['.', ',', ';', ':', '!', '?', '"', '”'])
        {
            line = &line[..line.len() - digits];
        }
        if line == before {
            return line;
        }
    }
}

fn ends_sentence(line: &str) -> bool {
    strip_closing(line).ends_with(['.', '!', '?', '…'])
}

fn ends_clause(line: &str) -> bool {
    ends_sentence(line) || strip_closing(line).ends_with([':', ';'])
}

fn starts_lower_case(line: &str) -> bool {
    line.trim_start_matches(['"', '\'', '“', '‘', '«', '('])
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// A block being assembled from lines.
struct OpenBlock {
    text: String,
    /// Byte offsets in `text` where a page of the source ended.
    page_breaks: Vec<usize>,
    item: bool,
    note: bool,
}

impl OpenBlock {
    fn start(line: &str, item: bool, note: bool) -> Self {
        OpenBlock {
            text: line.to_string(),
            page_breaks: Vec::new(),
            item,
            note,
        }
    }

    fn push(&mut self, line: &str, page_break: bool) {
        if page_break {
            self.page_breaks.push(self.text.len());
        }
        self.text.push(' ');
        self.text.push_str(line);
    }

    /// A block that opened with a note ends where the note's bracket closes at a line end.
    fn note_is_closed(&self) -> bool {
        self.note && self.text.ends_with(']') && matching_bracket(&self.text, 0) == Some(self.text.len() - 1)
    }

    fn finish(self) -> Block {
        if self.note_is_closed() {
            if let Some(label) = footnote_label(&self.text[1..]) {
                return Block::Footnote {
                    label: label.to_string(),
                    text: self.text,
                };
            }
            return Block::Note(self.text);
        }
        if self.item {
            if let Some(number) = numbered_item(&self.text) {
                let number_len = number.len();
                let rest = self.text[number_len..].trim_start();
                let offset = self.text.len() - rest.len();
                let breaks: Vec<usize> = self.page_breaks.iter().map(|b| b.saturating_sub(offset)).collect();
                return Block::Item {
                    number: number.to_string(),
                    content: inlines(rest, &breaks),
                };
            }
        }
        Block::Paragraph(inlines(&self.text, &self.page_breaks))
    }
}

/// The byte offset of the `]` closing the `[` at `open`, counting nested brackets.
fn matching_bracket(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, c) in text[open..].char_indices() {
        if offset > MAX_BRACKET_SPAN {
            return None;
        }
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + offset);
                }
            }
            _ => {}
        }
    }
    None
}

/// For each `[` closed within [`MAX_BRACKET_SPAN`], the offset of its `]`, counting
/// nested brackets. One pass, holding at most a span's worth of open brackets, so a
/// text of nothing but `[` costs no more than any other.
fn bracket_pairs(text: &str) -> HashMap<usize, usize> {
    let mut pairs = HashMap::new();
    let mut open: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    for (offset, byte) in text.bytes().enumerate() {
        match byte {
            b'[' => {
                while open.front().is_some_and(|&o| offset - o > MAX_BRACKET_SPAN) {
                    open.pop_front();
                }
                open.push_back(offset);
            }
            b']' => {
                if let Some(start) = open.pop_back() {
                    if offset - start <= MAX_BRACKET_SPAN {
                        pairs.insert(start, offset);
                    }
                }
            }
            _ => {}
        }
    }
    pairs
}

/// Splits a paragraph's text into text and editorial marks.
fn inlines(text: &str, page_breaks: &[usize]) -> Vec<Inline> {
    let mut result = Vec::new();
    let mut text_start = 0;
    let mut position = 0;
    let mut breaks = page_breaks.iter().copied().peekable();
    let pairs = bracket_pairs(text);
    let flush = |result: &mut Vec<Inline>,
                 from: usize,
                 to: usize,
                 breaks: &mut std::iter::Peekable<std::iter::Copied<std::slice::Iter<'_, usize>>>| {
        let mut from = from;
        while let Some(&at) = breaks.peek() {
            if at > to {
                break;
            }
            if at > from {
                result.push(Inline::Text(text[from..at].to_string()));
            }
            result.push(Inline::PageBreak);
            from = at;
            breaks.next();
        }
        if to > from {
            result.push(Inline::Text(text[from..to].to_string()));
        }
    };
    while let Some(offset) = text[position..].find('[') {
        let open = position + offset;
        let Some(&close) = pairs.get(&open) else {
            position = open + 1;
            continue;
        };
        let inner = &text[open + 1..close];
        let whole = text[open..=close].to_string();
        let mark = if let Some(number) = page_number_in(inner) {
            Inline::PageNumber {
                number: number.to_string(),
                written: whole,
            }
        } else if inner.trim_end_matches('!').eq_ignore_ascii_case("sic") {
            Inline::Sic(whole)
        } else if note_label(inner).is_some() {
            Inline::Note(whole)
        } else if inner.trim().is_empty() {
            position = close + 1;
            continue;
        } else {
            Inline::Insertion(whole)
        };
        flush(&mut result, text_start, open, &mut breaks);
        // Page breaks inside a mark are dropped with it: the mark is shown whole.
        while breaks.peek().is_some_and(|&at| at <= close) {
            breaks.next();
        }
        result.push(mark);
        text_start = close + 1;
        position = close + 1;
    }
    flush(&mut result, text_start, text.len(), &mut breaks);
    result
        .into_iter()
        .flat_map(with_braced_pages)
        .flat_map(with_emphasis)
        .collect()
}

/// `_words_` in running text, as typed editions mark italics (Project Gutenberg's
/// convention): an underscore opening a word and one closing a word, in one run of
/// text. The underscores stay, as the source has them; the words between are emphasis.
fn with_emphasis(inline: Inline) -> Vec<Inline> {
    let Inline::Text(text) = inline else {
        return vec![inline];
    };
    if !text.contains('_') {
        return vec![Inline::Text(text)];
    }
    let mut parts = Vec::new();
    let mut plain_from = 0;
    let mut search_from = 0;
    let bytes = text.as_bytes();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    while let Some(offset) = text[search_from..].find('_') {
        let open = search_from + offset;
        let before = text[..open].chars().next_back();
        let first = text[open + 1..].chars().next();
        // An opening underscore begins a word: nothing of a word before it, a word after.
        if is_word(before) || before == Some('_') || !is_word(first) {
            search_from = open + 1;
            continue;
        }
        let closing = text[open + 1..].char_indices().find_map(|(at, c)| {
            let at = open + 1 + at;
            let after = text[at + 1..].chars().next();
            let last = text[..at].chars().next_back();
            (c == '_' && is_word(last) && !is_word(after) && bytes.get(at + 1) != Some(&b'_')).then_some(at)
        });
        // One run of emphasis holds no other underscore that opens or closes a word.
        let inner_is_plain = |close: usize| {
            let inner = &text[open + 1..close];
            !inner.contains(" _") && !inner.contains("_ ") && !inner.contains("__")
        };
        let Some(close) = closing.filter(|&close| inner_is_plain(close)) else {
            search_from = open + 1;
            continue;
        };
        if open > plain_from {
            parts.push(Inline::Text(text[plain_from..open].to_string()));
        }
        parts.push(Inline::Emphasis(text[open..=close].to_string()));
        plain_from = close + 1;
        search_from = close + 1;
    }
    if plain_from < text.len() {
        parts.push(Inline::Text(text[plain_from..].to_string()));
    }
    parts
}

/// Whose words a piece of text is: the source's, or the editor's (an insertion, a
/// note), where names are not the source's mentions but a cross-reference ("[see No.
/// 84]") still leads to its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Source,
    Editor,
}

/// How text is written into the HTML: escaped, and perhaps linked.
pub type WriteText<'w> = dyn FnMut(&mut String, &str, Voice) + 'w;

/// Writes blocks as HTML. Every character of the text is escaped; page numbers become
/// anchors (`id="page-43"`) that a citation can point to. Running text goes through
/// `write_text` (which escapes it, and may link names in it); marks are written here.
pub fn to_html(blocks: &[Block], write_text: &mut WriteText<'_>) -> String {
    let mut html = String::new();
    let mut anchors = Anchors::default();
    // Each block has an id (`p1`, `p2`, …) so a search result can lead to it.
    for (number, block) in blocks.iter().enumerate() {
        let id = number + 1;
        match block {
            Block::Paragraph(content) => {
                let _ = write!(html, "<p id=\"p{id}\">");
                write_inlines(&mut html, content, &mut anchors, write_text);
                html.push_str("</p>\n");
            }
            Block::Item { number, content } => {
                let _ = write!(html, "<p id=\"p{id}\" class=\"item\"><span class=\"item-number\">");
                push_escaped(&mut html, number);
                html.push_str("</span> ");
                write_inlines(&mut html, content, &mut anchors, write_text);
                html.push_str("</p>\n");
            }
            Block::SectionBreak(stars) => {
                let _ = write!(html, "<p id=\"p{id}\" class=\"section-break\" role=\"separator\">");
                push_escaped(&mut html, stars);
                html.push_str("</p>\n");
            }
            // Under the page's "Transcription" heading (an h2).
            Block::Heading(text) => {
                let _ = write!(html, "<h3 id=\"p{id}\" class=\"source-heading\">");
                write_text(&mut html, text, Voice::Source);
                html.push_str("</h3>\n");
            }
            Block::Omission(mark) => {
                let _ = write!(
                    html,
                    "<p id=\"p{id}\" class=\"omission\" title=\"Omission in the source\">"
                );
                push_escaped(&mut html, mark);
                html.push_str("</p>\n");
            }
            Block::Note(note) => {
                let _ = write!(html, "<aside id=\"p{id}\" class=\"note\">");
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
                    "<aside id=\"p{id}\" class=\"footnote\" role=\"doc-footnote\"><a class=\"footnote-back\" id=\"{target}\" href=\"#{target}-ref\" title=\"Back to the text\">"
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
struct Anchors {
    pages: HashMap<String, usize>,
    footnotes: HashMap<String, String>,
    references: HashMap<String, usize>,
}

impl Anchors {
    /// `page-43`, then `page-43-2` for the same number again.
    fn page(&mut self, number: &str) -> String {
        let seen = self.pages.entry(number.to_string()).or_insert(0);
        *seen += 1;
        if *seen == 1 {
            format!("page-{number}")
        } else {
            format!("page-{number}-{seen}")
        }
    }

    /// `fn-1`: the id of the footnote labelled `1`, the same for its markers and itself.
    fn footnote(&mut self, label: &str) -> String {
        let id = format!("fn-{}", label.replace(|c: char| !c.is_ascii_alphanumeric(), "_"));
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

fn write_inlines(html: &mut String, content: &[Inline], anchors: &mut Anchors, write_text: &mut WriteText<'_>) {
    for inline in content {
        match inline {
            Inline::Text(text) => write_text(html, text, Voice::Source),
            Inline::PageBreak => {
                html.push_str("<span class=\"page-break\" title=\"Page break in the source\"></span>");
            }
            Inline::PageNumber { number, written } => {
                let id = anchors.page(number);
                let _ = write!(
                    html,
                    "<a class=\"page-number\" id=\"{id}\" href=\"#{id}\" title=\"Page {number} of the original\">"
                );
                push_escaped(html, written);
                html.push_str("</a>");
                // A citation of this page (see static/cite.js). Its label comes from
                // the style sheet, so the text of the transcription, as shown and as
                // copied, is the source's and nothing more.
                html.push_str("<a class=\"cite-page\" href=\"#cite-page\" data-page=\"");
                push_escaped(html, number);
                html.push_str("\" aria-label=\"Cite page ");
                push_escaped(html, number);
                html.push_str("\"></a>");
            }
            Inline::Sic(text) => {
                html.push_str("<span class=\"sic\" title=\"Sic: so in the original\">");
                push_escaped(html, text);
                html.push_str("</span>");
            }
            Inline::Insertion(text) => {
                html.push_str("<span class=\"insertion\" title=\"Editorial insertion\">");
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
                    "<a class=\"footnote-ref\" id=\"{id}\" href=\"#{note}\" role=\"doc-noteref\" title=\"Footnote {}\">",
                    EscapedLabel(label)
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

/// A footnote's label, escaped for an attribute.
struct EscapedLabel<'a>(&'a str);

impl std::fmt::Display for EscapedLabel<'_> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let html = to_html(&reflow("a <b> & [43] \"c\" [43]"), &mut |h, t, _| push_escaped(h, t));
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
        let html = to_html(&blocks, &mut |h, t, _| push_escaped(h, t));
        assert!(html.contains("is <em class=\"underscored\">_long_</em> and"), "{html}");
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
        let html = to_html(&blocks, &mut |h, t, _| push_escaped(h, t));
        assert!(html.contains("title=\"Page 14 of the original\">{14}</a>"), "{html}");
        assert!(html.contains("five {x} {} <span class=\"insertion\""), "{html}");
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert!(reflow("").is_empty());
        assert!(reflow("\n\n  \n").is_empty());
    }
}
