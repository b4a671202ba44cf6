//! Syntax highlighting of code blocks in Markdown sources, by syntect.
//!
//! The output carries CSS classes (`hl-keyword`, `hl-string`, …), never colours: the
//! theme's `highlight.css` owns the colours, so a dark scheme or a print stylesheet can
//! change them. The syntax definitions are loaded once per process, on first use.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};

use crate::html::push_escaped;
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Writes a code block as `<pre class="code"><code class="language-x">…</code></pre>`,
/// highlighted when `language` names a known syntax, escaped text otherwise.
pub(crate) fn code_block(code: &str, language: &str) -> String {
    let language = language.split([' ', ',', '{']).next().unwrap_or_default().trim();
    let mut html = String::from("<pre class=\"code\"><code");
    if !language.is_empty() {
        html.push_str(" class=\"language-");
        push_escaped(&mut html, language);
        html.push('"');
    }
    html.push('>');
    match highlighted(code, language) {
        Some(spans) => html.push_str(&spans),
        None => push_escaped(&mut html, code),
    }
    html.push_str("</code></pre>\n");
    html
}

fn highlighted(code: &str, language: &str) -> Option<String> {
    if language.is_empty() {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        // A line syntect cannot parse leaves the block unhighlighted rather than half done.
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes_not_colours() {
        let html = code_block("fn main() { let x = \"<a>\"; }\n", "rust");
        assert!(
            html.starts_with("<pre class=\"code\"><code class=\"language-rust\">"),
            "{html}"
        );
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("&lt;a&gt;"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_languages_are_escaped_text() {
        let html = code_block("<script>x</script>\n", "nonesuch");
        assert_eq!(
            html,
            "<pre class=\"code\"><code class=\"language-nonesuch\">&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n"
        );
    }
}
