//! The layout of a plain text: which convention it was typed to ([`detect`]), and its
//! lines joined into blocks by that convention ([`blocks_of`]), with the page's width
//! read from the text ([`Page`]).

use super::blocks::Block;
use super::marks::{footnote_label, inlines, matching_bracket, opens_note};
use crate::catalog::Paragraphs;

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

pub(super) fn blocks_of(lines: &[&str], layout: Paragraphs) -> Vec<Block> {
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
    /// What a page of lines looks like.
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
pub(super) fn spread_of_long_lines(measures: &[u32]) -> f64 {
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
pub(super) fn measure(text: &str, proportional: bool) -> u32 {
    if !proportional {
        return text.chars().count() as u32;
    }
    text.chars().map(advance).sum()
}

/// Advance widths of Times Roman (Adobe's metrics), per 1000 units of the em.
pub(super) fn advance(c: char) -> u32 {
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

pub(super) fn is_omission(line: &str) -> bool {
    let bare = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')).unwrap_or(line);
    let marks: String = bare.chars().filter(|c| !c.is_whitespace()).collect();
    !marks.is_empty() && marks.chars().all(|c| c == '…' || c == '.') && (marks.contains('…') || marks.len() >= 3)
}

/// `12. text` → `12.`; at most three digits, so `1966. text` is not an item.
pub(super) fn numbered_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &line[digits..];
    (rest.starts_with(". ") || rest == ".").then(|| &line[..digits + 1])
}

/// A line without what may close a sentence after its last word: quotes and
/// brackets, a footnote marker (`[2]`, or a number glued to the full stop, `reached.3`)
/// and a note's closing bracket.
pub(super) fn strip_closing(line: &str) -> &str {
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

pub(super) fn ends_sentence(line: &str) -> bool {
    strip_closing(line).ends_with(['.', '!', '?', '…'])
}

pub(super) fn ends_clause(line: &str) -> bool {
    ends_sentence(line) || strip_closing(line).ends_with([':', ';'])
}

pub(super) fn starts_lower_case(line: &str) -> bool {
    line.trim_start_matches(['"', '\'', '“', '‘', '«', '('])
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// A block being assembled from lines.
pub(super) struct OpenBlock {
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
