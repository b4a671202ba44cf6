//! The seed memo, reflowed: its paragraphs, items, omissions, page anchor and note, and
//! every word of the source on its page, in order.

use std::fs;

use crate::common::{between, build, repo_path, visible_text};
use dossier::reflow::{reflow, Block, Inline};

fn memo_source() -> String {
    fs::read_to_string(repo_path("seeds/000_7ed38372ebe9454f.txt")).expect("the memo")
}

/// A block's text as a reader sees it, marks included.
fn block_text(block: &Block) -> String {
    block.source_text()
}

fn block_containing<'a>(blocks: &'a [Block], words: &str) -> &'a Block {
    blocks
        .iter()
        .find(|b| block_text(b).contains(words))
        .unwrap_or_else(|| panic!("no block contains {words:?}"))
}

#[test]
fn paragraphs_run_on_across_the_three_page_breaks() {
    let blocks = reflow(&memo_source());
    for (before, after) in [
        (
            "high-sounding phrases about the battle against imperialism",
            "but is in fact being obstructive",
        ),
        (
            "an increase in the cultural and overall",
            "educational level of the entire people",
        ),
        (
            "however as before they lay",
            "the blame for complications on the Indo-Chinese border",
        ),
    ] {
        let block = block_containing(&blocks, before);
        let text = block_text(block);
        assert!(text.contains(after), "{before:?} and {after:?} are in different blocks");
        let breaks = match block {
            Block::Paragraph(content) | Block::Item { content, .. } => {
                content.iter().filter(|i| **i == Inline::PageBreak).count()
            }
            _ => 0,
        };
        assert_eq!(breaks, 1, "the page break is marked once in {text:?}");
    }
    let total_breaks: usize = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(content) | Block::Item { content, .. } => {
                content.iter().filter(|i| **i == Inline::PageBreak).count()
            }
            _ => 0,
        })
        .sum();
    assert_eq!(total_breaks, 3);
}

#[test]
fn numbered_items_start_their_own_blocks() {
    let blocks = reflow(&memo_source());
    let items: Vec<(String, String)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Item { number, .. } => Some((number.clone(), block_text(b))),
            _ => None,
        })
        .collect();
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[0].0, "1.");
    assert!(items[0].1.starts_with("1. As events progressed in Vietnam"));
    assert_eq!(items[1].0, "2.");
    assert!(items[1].1.starts_with("2. The Korean leadership fears"));
    assert_eq!(items[2].0, "3.");
    assert!(items[2].1.starts_with("3. The failure of Chinese leaders"));
    // The paragraph before item 1 ends with the question that introduces the items.
    let question = block_containing(&blocks, "What were the primary reasons");
    assert!(block_text(question).ends_with("ruling group of China?"));
}

#[test]
fn lines_holding_only_an_omission_mark_are_omissions() {
    let source = memo_source();
    let blocks = reflow(&source);
    let omission_lines = source.lines().filter(|l| l.trim() == "…").count();
    let omissions = blocks.iter().filter(|b| matches!(b, Block::Omission(_))).count();
    assert_eq!(omission_lines, 4);
    assert_eq!(omissions, omission_lines);
    // Marks inside a line stay in their paragraph.
    assert!(block_text(block_containing(&blocks, "…The October (1964) CPSU CC plenum")).starts_with("…The October"));
}

#[test]
fn short_lines_end_paragraphs_and_mid_sentence_lines_do_not() {
    let blocks = reflow(&memo_source());
    let first = block_text(&blocks[0]);
    assert_eq!(first, "Sino-Korean Relations in 1966 (memo)");
    let restoration = block_text(block_containing(&blocks, "The restoration of ties"));
    assert!(
        restoration.contains("dissatisfaction on the part of Peking."),
        "{restoration}"
    );
    let articles = block_text(block_containing(&blocks, "In 11/1963 in the article"));
    assert!(
        articles.contains("the XX and XXII Congresses of our Party"),
        "{articles}"
    );
    let rebuke = block_text(block_containing(&blocks, "A sharp rebuke"));
    assert!(
        rebuke.contains("CPC and APT [Albanian Workers' Party] that the KWP"),
        "{rebuke}"
    );
    let vietnam = block_text(block_containing(
        &blocks,
        "As the situation in Vietnam became more complicated",
    ));
    assert!(
        vietnam.starts_with("As the situation in Vietnam"),
        "a full-stop line with room left ends its paragraph"
    );
    let last = block_text(blocks.last().expect("blocks"));
    assert_eq!(last, "First Secretary of the Soviet Embassy to the DPRK (A. Borunkov)");
}

#[test]
fn the_translators_note_is_a_note_and_keeps_its_brackets() {
    let blocks = reflow(&memo_source());
    let notes: Vec<&Block> = blocks.iter().filter(|b| matches!(b, Block::Note(_))).collect();
    assert_eq!(notes.len(), 1);
    let Block::Note(note) = notes[0] else { unreachable!() };
    assert!(note.starts_with("[Translator's note: the following paragraph"));
    assert!(note.contains("\"see [[two words illegible]\"]"));
    assert!(note.ends_with("(through \"to convince\")]"));
}

#[test]
fn editorial_marks_of_the_memo_are_marked() {
    let blocks = reflow(&memo_source());
    let all: Vec<&Inline> = blocks
        .iter()
        .flat_map(|b| match b {
            Block::Paragraph(content) | Block::Item { content, .. } => content.iter().collect(),
            _ => Vec::new(),
        })
        .collect();
    assert!(all.contains(&&Inline::PageNumber {
        number: "43".into(),
        written: "[43]".into()
    }));
    assert!(all.contains(&&Inline::Sic("[SIC]".into())));
    for insertion in ["[his]", "[weapons]", "[Albanian Workers' Party]", "[)]"] {
        assert!(all.contains(&&Inline::Insertion(insertion.into())), "{insertion}");
    }
}

#[test]
fn the_page_shows_every_word_of_the_source_in_order() {
    let built = build(&repo_path("seeds"));
    let page = built.page("documents/sino-korean-relations-1966/index.html");
    assert!(page.contains("class=\"text-heading\">Transcription</h2>"));
    // The text after the heading and the legend of its marks.
    let text = between(&page, "<h2 id=\"text-heading\"", "</section>");
    let text = &text[text.find("</details>").expect("the legend") + "</details>".len()..];
    let shown: Vec<String> = visible_text(text).split_whitespace().map(str::to_string).collect();
    let source = memo_source();
    let written: Vec<&str> = source.split_whitespace().collect();
    assert_eq!(shown.len(), written.len(), "every source word");
    for (index, (shown, written)) in shown.iter().zip(&written).enumerate() {
        assert_eq!(shown, written, "word {index}");
    }
}

#[test]
fn the_page_anchors_page_43_and_asides_the_note() {
    let built = build(&repo_path("seeds"));
    let page = built.page("documents/sino-korean-relations-1966/index.html");
    // The marks of the text, not the samples of its legend.
    let page = &page[page.find("</details>").expect("the legend")..];
    assert!(page.contains("<a class=\"page-number\" id=\"page-43\" href=\"#page-43\""));
    assert!(page.contains("class=\"note\">[Translator&#39;s note:"));
    assert!(page.contains("[[two words illegible]"));
    assert_eq!(page.matches("class=\"omission\"").count(), 4);
    assert_eq!(page.matches("class=\"item\">").count(), 3);
    assert_eq!(page.matches("class=\"page-break\"").count(), 3);
}
