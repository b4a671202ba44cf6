//! Reflow on any text: every non-space character of the source is in the blocks, in
//! order, and the HTML escapes all of it.
#![no_main]

use dossier::reflow::{push_escaped, reflow, to_html, Block, Inline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let blocks = reflow(text);
    let mut shown = String::new();
    for block in &blocks {
        match block {
            Block::Paragraph(content) | Block::Item { content, .. } => {
                if let Block::Item { number, .. } = block {
                    shown.push_str(number);
                }
                for inline in content {
                    match inline {
                        Inline::Text(t) | Inline::Sic(t) | Inline::Insertion(t) | Inline::Note(t) => shown.push_str(t),
                        Inline::PageNumber(n) => {
                            shown.push('[');
                            shown.push_str(n);
                            shown.push(']');
                        }
                        Inline::PageBreak => {}
                    }
                }
            }
            Block::Omission(mark) | Block::Note(mark) => shown.push_str(mark),
        }
    }
    let kept: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
    let source: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(kept, source, "reflow lost or added characters");
    let html = to_html(&blocks, &mut push_escaped);
    assert!(!html.contains("<script"));
});
