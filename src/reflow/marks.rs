//! Editorial matter inside the blocks: brackets (page numbers, `[SIC]`, insertions,
//! notes), emphasis, footnote markers, and notes at the foot of a text.

use std::collections::HashMap;

use super::blocks::{Block, Inline};

/// The longest a bracket is searched for its closing partner, so a stray `[` in a
/// megabyte line costs little.
pub(super) const MAX_BRACKET_SPAN: usize = 4000;

/// Notes at the foot of a text, as databases and typed volumes export them: a
/// paragraph beginning with a number (`3 Source: …`) is a footnote when an earlier
/// paragraph has that number glued to a sentence's end (`…were reached.3`), which
/// becomes its marker. Not in the width layout, where a line may begin with any number.
pub(super) fn notes_at_the_foot(blocks: &mut [Block]) {
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
pub(super) fn glued_markers(block: &Block, label: &str) -> Vec<(usize, usize)> {
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
pub(super) fn mark_glued(block: &mut Block, label: &str) {
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
pub(super) fn page_number_in(inner: &str) -> Option<&str> {
    let number = ["page ", "p. ", "p."]
        .iter()
        .find_map(|prefix| inner.strip_prefix(prefix))
        .unwrap_or(inner);
    (!number.is_empty() && number.len() <= 6 && number.bytes().all(|b| b.is_ascii_digit())).then_some(number)
}

/// `{43}` in running text: a page number, as some editions brace them. Braces hold
/// nothing else in a plain-text transcription.
pub(super) fn with_braced_pages(inline: Inline) -> Vec<Inline> {
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
pub(super) fn is_marker_form(written: &str, labels: &std::collections::HashSet<String>) -> bool {
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
pub(super) fn read_numbers(blocks: &mut [Block]) -> (usize, usize) {
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

/// The byte offset of the `]` closing the `[` at `open`, counting nested brackets.
pub(super) fn matching_bracket(text: &str, open: usize) -> Option<usize> {
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
pub(super) fn bracket_pairs(text: &str) -> HashMap<usize, usize> {
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
pub(super) fn inlines(text: &str, page_breaks: &[usize]) -> Vec<Inline> {
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
pub(super) fn with_emphasis(inline: Inline) -> Vec<Inline> {
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

pub(super) fn opens_note(line: &str) -> bool {
    line.starts_with('[') && (note_label(&line[1..]).is_some() || footnote_label(&line[1..]).is_some())
}

/// `Footnote 1: …` → `1`: how Project Gutenberg and many typed editions write a
/// footnote's body, in brackets where the note falls.
pub(super) fn footnote_label(inner: &str) -> Option<&str> {
    let (head, _) = inner.split_once(':')?;
    let mut words = head.split_whitespace();
    let word = words.next()?;
    let label = words.next()?;
    let is_label = label.len() <= 4 && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '*');
    (word.eq_ignore_ascii_case("footnote") && words.next().is_none() && is_label).then_some(label)
}

/// `Translator's note: …` → the label; a note is a bracket opening with `… note:`.
pub(super) fn note_label(inner: &str) -> Option<&str> {
    let colon = inner.find(':')?;
    let label = &inner[..colon];
    let lower = label.to_lowercase();
    (label.len() <= 40 && (lower == "note" || lower.ends_with(" note") || lower.ends_with("'s note"))).then_some(label)
}
