//! Hostile and broken input: every case gives a correct page or a clear error, never a
//! panic, markup an attacker wrote, or a file outside the output.

use std::fs;
use std::path::Path;

use crate::common::{build, fixture, try_build};
use dossier::sources::Encoding;
use dossier::{BuildOptions, Error};

/// Tags dossier's templates and Markdown produce, and the safe ones ammonia keeps.
const TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "body",
    "a",
    "header",
    "nav",
    "ul",
    "ol",
    "li",
    "main",
    "section",
    "article",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "span",
    "dl",
    "dt",
    "dd",
    "code",
    "pre",
    "time",
    "footer",
    "mark",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "div",
    "del",
    "em",
    "strong",
    "blockquote",
    "hr",
    "br",
    "b",
    "i",
    "img",
    "form",
    "input",
    "label",
    "select",
    "button",
    "figure",
    "figcaption",
    "abbr",
    "option",
    "noscript",
    "script",
    "details",
    "summary",
    // The timeline's chart, drawn at build time.
    "svg",
    "rect",
    "line",
    "g",
    "text",
];

/// Attributes they carry; no event handler, no style.
const ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "href",
    "src",
    "alt",
    "title",
    "lang",
    "rel",
    "name",
    "content",
    "charset",
    "datetime",
    "aria-labelledby",
    "aria-label",
    "aria-current",
    "aria-live",
    "role",
    "action",
    "type",
    "autocomplete",
    "placeholder",
    "for",
    "data-root",
    "data-client",
    "data-stemmer",
    "value",
    "inputmode",
    "defer",
    "property",
    "data-copy",
    "download",
    "hidden",
    "aria-hidden",
    "tabindex",
    // The chart's geometry.
    "viewbox",
    "preserveaspectratio",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "width",
    "height",
    "text-anchor",
];

/// Fails unless every tag and attribute of `html` is one dossier writes, and no URL
/// attribute runs script or embeds data.
fn assert_markup_is_ours(page: &str, html: &str) {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find('>').unwrap_or_else(|| panic!("{page}: an unclosed tag"));
        let tag = &rest[..end];
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(
            TAGS.contains(&name.to_ascii_lowercase().as_str()),
            "{page}: a <{name}> tag: <{tag}>"
        );
        let data = [
            "script type=\"application/ld+json\"",
            "script type=\"application/json\" id=\"entity-cards\"",
        ];
        if name == "script" && data.contains(&tag) {
            // Data, not code (JSON-LD, the name cards): it must parse as JSON and hold
            // nothing that could end the element.
            let body = &rest[end + 1..];
            let body = &body[..body.find("</script>").expect("the script's end")];
            assert!(!body.contains('<'), "{page}: < in JSON: {body}");
            serde_json::from_str::<serde_json::Value>(body).unwrap_or_else(|e| panic!("{page}: JSON: {e}: {body}"));
            rest = &rest[end + 1 + body.len()..];
            continue;
        }
        if name == "script" {
            // The only other scripts are dossier's own search client, copy buttons,
            // name cards, find-in-text, the header box and the interface's words,
            // loaded from files.
            assert!(
                [
                    "search.js",
                    "cite.js",
                    "cards.js",
                    "find.js",
                    "quick.js",
                    "interface.js"
                ]
                .iter()
                .any(|script| tag.contains(&format!("static/{script}\" defer"))),
                "{page}: <{tag}>"
            );
            assert!(rest[end..].starts_with("></script>"), "{page}: a script with a body");
        }
        for (attribute, value) in attributes(&tag[name.len()..]) {
            assert!(
                ATTRIBUTES.contains(&attribute.as_str()),
                "{page}: attribute {attribute} in <{tag}>"
            );
            if attribute == "href" || attribute == "src" {
                let url: String = value
                    .replace("&#x09;", "")
                    .replace("&#9;", "")
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                // The one data: URL a page has is a citation record, which no browser
                // runs (a text type, saved by `download`).
                let record = [
                    "data:application/x-bibtex;",
                    "data:application/x-research-info-systems;",
                    "data:application/vnd.citationstyles.csl+json;",
                ]
                .iter()
                .any(|record| url.starts_with(record))
                    && tag.contains(" download=\"");
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(
                        !url.starts_with(scheme) || record,
                        "{page}: {attribute}={value} in <{tag}>"
                    );
                }
            }
        }
        rest = &rest[end..];
    }
}

/// `name="value"` pairs of a tag; every value dossier writes is double-quoted.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() && rest != "/" {
        let name_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix("=\"") {
            let close = after.find('"').expect("a closing quote");
            value = after[..close].to_string();
            rest = &after[close + 1..];
        } else {
            assert!(!rest.starts_with('='), "an unquoted attribute value in {text}");
        }
        pairs.push((name, value));
        rest = rest.trim_start();
    }
    pairs
}

fn html_pages(out: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            (
                e.path().display().to_string(),
                fs::read_to_string(e.path()).expect("page"),
            )
        })
        .collect()
}

#[test]
fn xss_payloads_in_every_field_stay_text() {
    let built = build(&fixture("hostile/xss"));
    let pages = html_pages(&built.out());
    assert!(pages.len() >= 10);
    for (page, html) in &pages {
        assert_markup_is_ours(page, html);
    }
    // The payloads are shown, as text, not dropped.
    let document = built.page("documents/payload/index.html");
    assert!(document.contains("<h1>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    assert!(document.contains("Line 0: &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; and"));
    assert!(document.contains("<title>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; · Archive"));
    assert!(
        document.contains("{{ site.title }}{% raw %}"),
        "template syntax in data is not evaluated"
    );
    let home = built.page("index.html");
    assert!(home.contains("<meta name=\"description\" content=\"&lt;META HTTP-EQUIV=&quot;refresh&quot;"));
    // Raw HTML in Markdown keeps its safe part.
    let raw = built.page("documents/raw/index.html");
    assert!(raw.contains("<b>bold</b>"));
    assert!(raw.contains("&lt;script&gt;alert(&#39;code&#39;)&lt;/script&gt;") || !raw.contains("alert('code')"));
}

#[test]
fn raw_html_is_trusted_only_when_the_catalogue_says_so() {
    let collection = tempfile::tempdir().expect("temp");
    fs::write(
        collection.path().join("INDEX.md"),
        "---\ntitle: T\nallow_raw_html: true\n---\n",
    )
    .expect("write");
    fs::write(
        collection.path().join("a.md"),
        "Text with <kbd>Ctrl</kbd> and <video src=\"v.mp4\"></video>.\n",
    )
    .expect("write");
    let built = build(collection.path());
    let page = built.page("documents/a/index.html");
    assert!(page.contains("<kbd>Ctrl</kbd>") && page.contains("<video src=\"v.mp4\"></video>"));

    fs::write(
        collection.path().join("INDEX.md"),
        "---\ntitle: T\nallow_raw_html: maybe\n---\n",
    )
    .expect("write");
    let (_dir, result) = try_build(collection.path());
    let Err(Error::Invalid(problems)) = result else {
        panic!("{result:?}")
    };
    assert!(
        problems
            .to_string()
            .contains("allow_raw_html: `maybe` must be `true` or `false`"),
        "{problems}"
    );
}

#[test]
fn awkward_text_files_build() {
    let collection = tempfile::tempdir().expect("temp");
    let dir = collection.path();
    fs::write(
        dir.join("INDEX.md"),
        "\u{feff}---\r\ntitle: Awkward\r\n---\r\nIntro.\r\n",
    )
    .expect("write");
    fs::write(dir.join("empty.txt"), "").expect("write");
    fs::write(dir.join("zero.txt"), "Before\0after\n").expect("write");
    fs::write(
        dir.join("tabs.txt"),
        "Tabs\there and\u{c}a form feed\rand an old Mac line end\n",
    )
    .expect("write");
    let long_line = "word ".repeat(200_000);
    fs::write(dir.join("long.txt"), format!("A megabyte line\n{long_line}\n")).expect("write");
    let brackets = "[".repeat(1_000_000);
    fs::write(dir.join("brackets.txt"), format!("Brackets\n{brackets}\n")).expect("write");
    let built = build(dir);
    assert_eq!(built.report.documents, 5);
    let warnings: Vec<String> = built.report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("zero.txt:1: 1 control character(s)")),
        "{warnings:?}"
    );
    assert!(built.page("documents/empty/index.html").contains("<h1>Untitled</h1>"));
    let nul = built.page("documents/zero/index.html");
    assert!(nul.contains("Before\u{fffd}after") && !nul.contains('\0'));
    let tabs = built.page("documents/tabs/index.html");
    assert!(tabs.contains("a form feed") && tabs.contains("and an old Mac line end"));
    assert!(built.page("documents/long/index.html").matches("word").count() >= 200_000);
    assert!(built.page("documents/brackets/index.html").matches('[').count() >= 1_000_000);
    assert!(built.page("index.html").contains("Intro."));
}

#[test]
fn invalid_utf8_is_read_with_replacement_when_asked() {
    let collection = tempfile::tempdir().expect("temp");
    fs::write(collection.path().join("INDEX.md"), "---\ntitle: Bytes\n---\n").expect("write");
    fs::write(collection.path().join("latin1.txt"), b"Caf\xe9 au lait\n").expect("write");
    let out = tempfile::tempdir().expect("temp");
    let options = BuildOptions {
        collection: collection.path().to_path_buf(),
        out: out.path().join("site"),
        encoding: Encoding::Lossy,
        ..Default::default()
    };
    let report = dossier::build(&options).expect("builds");
    assert!(report
        .warnings
        .iter()
        .any(|w| w.to_string().contains("latin1.txt:1: invalid UTF-8 from byte 3")));
    let page = fs::read_to_string(out.path().join("site/documents/latin1/index.html")).expect("page");
    assert!(page.contains("Caf\u{fffd} au lait"));
}

#[test]
fn a_five_megabyte_word_is_left_out_of_the_search_index_with_a_warning() {
    let collection = tempfile::tempdir().expect("temp");
    let dir = collection.path();
    fs::write(dir.join("INDEX.md"), "---\ntitle: Blob\n---\n").expect("write");
    let blob = "x".repeat(5 * 1024 * 1024);
    fs::write(
        dir.join("a.txt"),
        format!("A letter before the blob.\n\n{blob}\n\nAnd after it.\n"),
    )
    .expect("write");
    let built = build(dir);
    let warning = built
        .report
        .warnings
        .iter()
        .map(|w| w.to_string())
        .find(|w| w.contains("left out of the search index"))
        .expect("a warning");
    assert!(
        warning.ends_with("a.txt: a word of 5242880 bytes, longer than the 256 a search term may have, is left out of the search index"),
        "{warning}"
    );
    let largest = walkdir::WalkDir::new(built.out().join("search"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && !e.file_name().to_string_lossy().starts_with("text-")
                && !e.file_name().to_string_lossy().starts_with("more-")
        })
        .map(|e| e.metadata().expect("size").len())
        .max()
        .expect("index files");
    assert!(largest < 64 * 1024, "no index shard holds the word: {largest} bytes");
    // The page still shows every character.
    assert!(built.page("documents/a/index.html").contains(&blob));
}

#[test]
fn catalogue_cells_a_spreadsheet_would_run_are_prefixed() {
    let collection = tempfile::tempdir().expect("temp");
    let dir = collection.path();
    fs::write(
        dir.join("INDEX.md"),
        "---\ntitle: Formulas\ndocuments:\n  - file: a.txt\n    title: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")\"\n    source: \"@SUM(1+1)\"\n---\n",
    )
    .expect("write");
    fs::write(dir.join("a.txt"), "A\n").expect("write");
    let built = build(dir);
    let mut reader = csv::Reader::from_path(built.out().join("catalogue.csv")).expect("the CSV");
    let headers = reader.headers().expect("headers").clone();
    let row = reader.records().next().expect("a row").expect("valid");
    let cell = |name: &str| {
        row.get(headers.iter().position(|h| h == name).expect(name))
            .expect(name)
            .to_string()
    };
    assert_eq!(cell("title"), "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(cell("source"), "'@SUM(1+1)");
    // The page shows the title as it was written.
    assert!(built.page("documents/a/index.html").contains("=HYPERLINK("));
}
