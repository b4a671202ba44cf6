//! The legend of editorial marks beside a text: which of the marks a reflowed text
//! uses, in the order it first uses them.

use super::contract::MarkView;
use crate::i18n::Interface;

/// The marks the transcriptions' HTML can hold: its class, how it looks, and the key
/// of what it means in the interface's words.
const MARKS: [(&str, &str, &str); 7] = [
    ("omission", r#"<span class="omission">…</span>"#, "marks.omission"),
    (
        "insertion",
        r#"<span class="insertion">[word]</span>"#,
        "marks.insertion",
    ),
    ("sic", r#"<span class="sic">[SIC]</span>"#, "marks.sic"),
    ("note", r#"<span class="note">{note}</span>"#, "marks.note"),
    (
        "footnote-ref",
        r#"<span class="footnote-ref">[1]</span>"#,
        "marks.footnote_ref",
    ),
    (
        "page-number",
        r#"<span class="page-number">[43]</span>"#,
        "marks.page_number",
    ),
    ("page-break", r#"<span class="page-break"></span>"#, "marks.page_break"),
];

/// The marks a text's HTML uses, in the legend's order. One pass over the text's class
/// attributes: a search for each mark read a long text six times on every document
/// page.
pub(crate) fn marks_in(body_html: &str, words: &Interface) -> Vec<MarkView> {
    const CLASS: &str = "class=\"";
    let mut used = [false; MARKS.len()];
    for (at, _) in body_html.match_indices(CLASS) {
        let value = &body_html[at + CLASS.len()..];
        let value = &value[..value.find('"').unwrap_or(value.len())];
        if let Some(mark) = MARKS.iter().position(|(class, _, _)| *class == value) {
            used[mark] = true;
        }
    }
    MARKS
        .iter()
        .zip(used)
        .filter(|(_, used)| *used)
        .map(|(&(class, sample_html, meaning), _)| MarkView {
            class,
            sample_html: sample_html.replace("{note}", &crate::html::escaped(words.text("marks.note_sample"))),
            meaning: words.text(meaning).to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_has_the_marks_the_text_uses_in_its_own_order() {
        let body = r#"<p>A <span class="sic">[SIC]</span> and <a class="entity" href="x">name</a><span class="omission">…</span></p><p class="sic-like">x</p>"#;
        let classes: Vec<&str> = marks_in(body, crate::i18n::english())
            .iter()
            .map(|mark| mark.class)
            .collect();
        assert_eq!(classes, ["omission", "sic"]);
        assert!(marks_in("<p>Plain.</p>", crate::i18n::english()).is_empty());
    }
}
