//! The legend of editorial marks beside a text: which of the marks a reflowed text
//! uses, in the order it first uses them.

use super::contract::MarkView;

/// The marks the transcriptions' HTML can hold: its class, how it looks, what it means.
const MARKS: [(&str, &str, &str); 7] = [
    (
        "omission",
        r#"<span class="omission">…</span>"#,
        "Text left out by the editors, or lost in the source.",
    ),
    (
        "insertion",
        r#"<span class="insertion">[word]</span>"#,
        "Added by the editors for the sense; not in the source.",
    ),
    (
        "sic",
        r#"<span class="sic">[SIC]</span>"#,
        "So in the source: an error or oddity kept as written.",
    ),
    (
        "note",
        r#"<span class="note">Note</span>"#,
        "A translator's or editor's note.",
    ),
    (
        "footnote-ref",
        r#"<span class="footnote-ref">[1]</span>"#,
        "A footnote's marker: it leads to the note, and the note's opening leads back.",
    ),
    (
        "page-number",
        r#"<span class="page-number">[43]</span>"#,
        "Where a page of the original begins; its “cite” link puts the page in the citations below.",
    ),
    (
        "page-break",
        r#"<span class="page-break"></span>"#,
        "A line or page break of the source, inside a sentence.",
    ),
];

/// The marks a text's HTML uses, in the legend's order. One pass over the text's class
/// attributes: a search for each mark read a long text six times on every document
/// page.
pub(crate) fn marks_in(body_html: &str) -> Vec<MarkView> {
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
            sample_html,
            meaning,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_has_the_marks_the_text_uses_in_its_own_order() {
        let body = r#"<p>A <span class="sic">[SIC]</span> and <a class="entity" href="x">name</a><span class="omission">…</span></p><p class="sic-like">x</p>"#;
        let classes: Vec<&str> = marks_in(body).iter().map(|mark| mark.class).collect();
        assert_eq!(classes, ["omission", "sic"]);
        assert!(marks_in("<p>Plain.</p>").is_empty());
    }
}
