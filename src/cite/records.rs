//! The records reference managers import: BibTeX, RIS and CSL-JSON, written here
//! since they are data, not prose.

use std::fmt::Write as _;

use serde_json::json;
use unicode_normalization::UnicodeNormalization;

use super::record::{Author, Record};

/// A record format a reference manager imports: the one list of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// BibTeX, `.bib`.
    Bibtex,
    /// RIS, `.ris`.
    Ris,
    /// CSL-JSON, `.csl.json`.
    CslJson,
}

impl Format {
    /// Every format, in the order a page offers them.
    pub const ALL: [Format; 3] = [Format::Bibtex, Format::Ris, Format::CslJson];

    /// What readers call it.
    pub const fn label(self) -> &'static str {
        match self {
            Format::Bibtex => "BibTeX",
            Format::Ris => "RIS",
            Format::CslJson => "CSL-JSON",
        }
    }

    /// The extension of a file of it.
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Bibtex => "bib",
            Format::Ris => "ris",
            Format::CslJson => "csl.json",
        }
    }

    /// Its media type.
    pub const fn media_type(self) -> &'static str {
        match self {
            Format::Bibtex => "application/x-bibtex",
            Format::Ris => "application/x-research-info-systems",
            Format::CslJson => "application/vnd.citationstyles.csl+json",
        }
    }

    /// The record in this format, as a file of it holds it.
    pub fn write(self, record: &Record) -> String {
        match self {
            Format::Bibtex => bibtex(record),
            Format::Ris => ris(record),
            Format::CslJson => serde_json::to_string_pretty(&csl_json(record)).unwrap_or_default() + "\n",
        }
    }
}

/// The record as BibTeX (`@unpublished`, the entry type for archival material), with
/// TeX's special characters and accented letters escaped.
pub fn bibtex(record: &Record) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !record.authors.is_empty() {
        let authors: Vec<String> = record
            .authors
            .iter()
            .map(|a| match a {
                // BibTeX's "von Last, Jr, First".
                Author::Person(name) => {
                    let mut out = tex(&name.family_with_particle());
                    if let Some(suffix) = &name.suffix {
                        out.push_str(", ");
                        out.push_str(&tex(suffix));
                    }
                    if name.given.is_some() || name.suffix.is_some() {
                        out.push_str(", ");
                        out.push_str(&tex(name.given.as_deref().unwrap_or_default()));
                    }
                    out
                }
                // A name kept whole is braced, so BibTeX does not split it.
                Author::Whole(whole) => format!("{{{}}}", tex(whole)),
            })
            .collect();
        fields.push(("author", authors.join(" and ")));
    }
    fields.push(("title", format!("{{{}}}", tex(&record.title))));
    if let Some(date) = record.date {
        fields.push(("year", date.year.to_string()));
        if let Some(month) = date.month {
            fields.push(("month", month.to_string()));
        }
        if let Some(day) = date.day {
            fields.push(("day", day.to_string()));
        }
    }
    if let Some(genre) = &record.genre {
        fields.push(("type", tex(genre)));
    }
    if let Some(number) = &record.number {
        fields.push(("number", tex(number)));
    }
    let mut note = Vec::new();
    if let Some(source) = &record.source {
        note.push(tex(source));
    }
    if record.date.is_some_and(|d| d.approximate) {
        note.push("date approximate".to_string());
    }
    if !note.is_empty() {
        fields.push(("note", note.join(". ")));
    }
    fields.push(("organization", tex(&record.archive)));
    if let Some(language) = &record.language {
        fields.push(("language", tex(language)));
    }
    if let Some(url) = &record.url {
        fields.push(("url", url.replace(['{', '}'], "")));
    }
    let key: String = record
        .key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_:.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut out = format!("@unpublished{{{key},\n");
    for (name, value) in fields {
        let _ = writeln!(out, "  {name} = {{{value}}},");
    }
    out.push_str("}\n");
    out
}

/// TeX for text: the ten special characters escaped, letters with accents as TeX
/// accent commands (`é` is `{\'e}`), other characters left as UTF-8 for biber.
pub(super) fn tex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii() => out.push(c),
            c => out.push_str(&tex_letter(c)),
        }
    }
    out
}

pub(super) fn tex_letter(c: char) -> String {
    let mut parts = std::iter::once(c).nfd();
    let (Some(base), Some(mark), None) = (parts.next(), parts.next(), parts.next()) else {
        return c.to_string();
    };
    let accent = match mark {
        '\u{300}' => "`",
        '\u{301}' => "'",
        '\u{302}' => "^",
        '\u{303}' => "~",
        '\u{304}' => "=",
        '\u{306}' => "u",
        '\u{307}' => ".",
        '\u{308}' => "\"",
        '\u{30A}' => "r",
        '\u{30B}' => "H",
        '\u{30C}' => "v",
        '\u{327}' => "c",
        '\u{328}' => "k",
        _ => return c.to_string(),
    };
    if base.is_ascii_alphabetic() {
        if accent.chars().all(|a| a.is_ascii_alphabetic()) {
            format!("{{\\{accent} {base}}}")
        } else {
            format!("{{\\{accent}{base}}}")
        }
    } else {
        c.to_string()
    }
}

/// The record as RIS, an archival manuscript (`TY  - MANSCPT`): the archive in `DB`,
/// the archival reference in `AN`. A value never runs onto a second line, where it
/// would be read as a tag.
pub fn ris(record: &Record) -> String {
    let mut out = String::new();
    let mut line = |tag: &str, value: &str| {
        let value: String = value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let _ = write!(out, "{tag}  - {}\r\n", value.trim());
    };
    line("TY", "MANSCPT");
    line("ID", &record.key);
    line("TI", &record.title);
    for author in &record.authors {
        line("AU", &author.inverted());
    }
    if let Some(date) = record.date {
        let mut value = format!("{:04}/", date.year);
        if let Some(month) = date.month {
            let _ = write!(value, "{month:02}");
        }
        value.push('/');
        if let Some(day) = date.day {
            let _ = write!(value, "{day:02}");
        }
        value.push('/');
        if date.approximate {
            value.push_str("approximate");
        }
        line("DA", &value);
        line("PY", &format!("{:04}", date.year));
    }
    if let Some(genre) = &record.genre {
        line("M3", genre);
    }
    if let Some(number) = &record.number {
        line("M1", number);
    }
    line("DB", &record.archive);
    if let Some(source) = &record.source {
        line("AN", source);
    }
    if let Some(language) = &record.language {
        line("LA", language);
    }
    if let Some(url) = &record.url {
        line("UR", url);
    }
    line("ER", "");
    out
}

/// The record as CSL-JSON (one item, `manuscript`).
pub fn csl_json(record: &Record) -> serde_json::Value {
    let authors: Vec<serde_json::Value> = record
        .authors
        .iter()
        .map(|a| match a {
            Author::Person(name) => {
                let mut parts = serde_json::Map::new();
                parts.insert("family".into(), json!(name.family));
                if let Some(given) = &name.given {
                    parts.insert("given".into(), json!(given));
                }
                if let Some(particle) = &name.particle {
                    let kind = if name.particle_drops() {
                        "dropping-particle"
                    } else {
                        "non-dropping-particle"
                    };
                    parts.insert(kind.into(), json!(particle));
                }
                if let Some(suffix) = &name.suffix {
                    parts.insert("suffix".into(), json!(suffix));
                }
                serde_json::Value::Object(parts)
            }
            Author::Whole(whole) => json!({"literal": whole}),
        })
        .collect();
    let mut item = json!({
        "id": record.key,
        "type": "manuscript",
        "title": record.title,
        "archive": record.archive,
    });
    let fields = item.as_object_mut().expect("an object");
    if !authors.is_empty() {
        fields.insert("author".into(), json!(authors));
    }
    if let Some(date) = record.date {
        let mut parts = vec![date.year];
        parts.extend(date.month.map(i64::from));
        if date.month.is_some() {
            parts.extend(date.day.map(i64::from));
        }
        let mut issued = json!({"date-parts": [parts]});
        if date.approximate {
            issued["circa"] = json!(true);
        }
        fields.insert("issued".into(), issued);
    }
    if let Some(genre) = &record.genre {
        fields.insert("genre".into(), json!(genre));
    }
    if let Some(number) = &record.number {
        fields.insert("number".into(), json!(number));
    }
    if let Some(source) = &record.source {
        fields.insert("archive_location".into(), json!(source));
    }
    if let Some(language) = &record.language {
        fields.insert("language".into(), json!(language));
    }
    if let Some(url) = &record.url {
        fields.insert("URL".into(), json!(url));
    }
    json!([item])
}
