//! HTML text and script-safe JSON, escaped one way for every stage that writes them.

use serde::Serialize;

/// Escapes `text` onto `html`: what HTML needs escaped in text and in quoted
/// attributes (`& < > " '`), and nothing else, so hrefs stay readable.
pub(crate) fn push_escaped(html: &mut String, text: &str) {
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut *html, text);
}

/// `text`, escaped as [`push_escaped`] does it.
pub(crate) fn escaped(text: &str) -> String {
    let mut html = String::with_capacity(text.len());
    push_escaped(&mut html, text);
    html
}

/// JSON safe inside a script: `<` is escaped, so no `</script>` or `<!--` can occur.
pub(crate) fn script_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    if !json.contains(['<', '\u{2028}', '\u{2029}']) {
        return json;
    }
    let mut safe = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            other => safe.push(other),
        }
    }
    safe
}

/// `html` made by dossier with every `id` and in-page `href` set apart by `prefix`
/// (but the page's own `#cite-page`)
/// (`id="p1"` → `id="de-p1"`, `href="#page-43"` → `href="#de-page-43"`), so that a
/// second text's anchors do not clash with the first's on one page. Text in it is
/// escaped (`"` is `&quot;`), so these forms occur only in tags.
pub(crate) fn prefix_ids(html: &str, prefix: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{prefix}-"))
        .replace(" href=\"#", &format!(" href=\"#{prefix}-"))
        // A page number's "cite" link leads to the page's one citation section.
        .replace(&format!(" href=\"#{prefix}-cite-page\""), " href=\"#cite-page\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_but_slashes_are_not() {
        assert_eq!(
            escaped("a/b <c> & \"d\" 'e'"),
            "a/b &lt;c&gt; &amp; &quot;d&quot; &#39;e&#39;"
        );
    }

    #[test]
    fn a_script_cannot_be_closed_by_its_data() {
        assert_eq!(script_json(&"</script><!--"), "\"\\u003c/script>\\u003c!--\"");
        assert_eq!(script_json(&"a\u{2028}b\u{2029}"), "\"a\\u2028b\\u2029\"");
    }

    #[test]
    fn a_second_text_gets_its_own_ids_but_cites_on_the_page() {
        let html = "<p id=\"p1\"><a class=\"page-number\" id=\"page-2\" href=\"#page-2\">[2]</a><a class=\"cite-page\" href=\"#cite-page\" data-page=\"2\"></a> id=&quot;x&quot;</p>";
        assert_eq!(
            super::prefix_ids(html, "ru"),
            "<p id=\"ru-p1\"><a class=\"page-number\" id=\"ru-page-2\" href=\"#ru-page-2\">[2]</a><a class=\"cite-page\" href=\"#cite-page\" data-page=\"2\"></a> id=&quot;x&quot;</p>"
        );
    }
}
