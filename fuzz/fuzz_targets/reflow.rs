//! Reflow on any text: every non-space character of the source is in the blocks, in
//! order, and the HTML escapes all of it.
#![no_main]

use dossier::reflow::{reflow, to_html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let blocks = reflow(text);
    let shown: String = blocks.iter().map(|block| block.source_text()).collect();
    let kept: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
    let source: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(kept, source, "reflow lost or added characters");
    let html = to_html(&blocks, dossier::i18n::english(), &mut |html, text, _| {
        for c in text.chars() {
            match c {
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                '&' => html.push_str("&amp;"),
                '"' => html.push_str("&quot;"),
                _ => html.push(c),
            }
        }
    });
    assert!(!html.contains("<script"));
});
