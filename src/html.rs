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
}
