//! What an id, a path segment, a base URL and a language code may be.

use super::locate::Step;
use super::read::Reader;

/// Why an id would clash with one already given: the same, or the same but for case
/// (Windows and macOS would give the two one folder). `None` when it is new.
pub fn clash<'a>(existing: impl IntoIterator<Item = &'a str>, id: &str, what: &str) -> Option<String> {
    existing.into_iter().find(|other| other.eq_ignore_ascii_case(id)).map(|other| {
        if other == id {
            format!("the {what} id `{id}` is used twice")
        } else {
            format!("the {what} id `{id}` differs from `{other}` only in case: on Windows and macOS both would be one folder")
        }
    })
}

/// Ids and theme names become folder names: keep them to portable characters.
pub fn is_safe_segment(text: &str) -> bool {
    segment_problem(text).is_none()
}

/// An archive's base URL, ending in `/`, or why it cannot be one: the catalogue's
/// `base_url` and `--base-url` follow one rule.
pub fn base_url(url: &str) -> Result<String, String> {
    if url.starts_with("https://") || url.starts_with("http://") {
        Ok(if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        })
    } else {
        Err(format!("`{url}` must be an absolute http:// or https:// URL"))
    }
}

/// What keeps a name from being a folder name on every system, if anything.
pub fn segment_problem(text: &str) -> Option<&'static str> {
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
        "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if text.is_empty() {
        return Some("is empty");
    }
    if text.chars().count() > 200 {
        return Some("is longer than 200 characters");
    }
    let portable = text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
    if !portable || text.starts_with('.') || text.ends_with('.') {
        return Some("may use only letters, digits, `-`, `_` and `.`, and must not start or end with `.`");
    }
    let stem = text.split('.').next().unwrap_or(text).to_ascii_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        return Some("is a name Windows reserves for a device");
    }
    None
}

/// A loose BCP 47 check: `en`, `ru`, `zh-Hant`, `en-GB`.
pub(super) fn check_language(reader: &mut Reader<'_>, code: &str, path: &[Step<'_>]) {
    let mut subtags = code.split('-');
    let primary_ok = subtags
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    let rest_ok = subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !(primary_ok && rest_ok) {
        reader.error(
            path,
            format!("`{code}` is not a BCP 47 language code (such as `en`, `ru`, `zh-Hant`)"),
        );
    }
}
