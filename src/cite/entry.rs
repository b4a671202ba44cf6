//! What hayagriva is given for a record: its entry, with the title protected from
//! the styles' title case where the edition's capitals must stay, and its authors
//! as hayagriva's persons. Below both ways of formatting ([`super::csl`] and the
//! templates of [`super::shapes`]), which must give hayagriva the same.

use hayagriva::types::{ChunkKind, Date, EntryType, FormatString, Person, QualifiedUrl};
use hayagriva::Entry;

use super::record::{Author, Record};

/// A private-use character that opens a cased chunk of a title after a verbatim one
/// ([`protected_title`]); never in the output.
pub(super) const CHUNK_MARK: &str = "\u{E001}";

pub(super) fn entry(record: &Record) -> Entry {
    let mut entry = Entry::new(&record.key, EntryType::Manuscript);
    entry.set_title(protected_title(&record.title));
    let authors: Vec<Person> = record.authors.iter().map(person).collect();
    if !authors.is_empty() {
        entry.set_authors(authors);
    }
    if let Some(date) = record.date {
        entry.set_date(Date {
            year: date.year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            month: date.month.map(|m| m.saturating_sub(1)),
            day: date.day.map(|d| d.saturating_sub(1)),
            approximate: date.approximate,
            season: None,
        });
    }
    if let Some(genre) = &record.genre {
        entry.set_genre(FormatString::from(genre.clone()));
    }
    if let Some(number) = &record.number {
        // CSL's `number` variable.
        entry.set_keyed_serial_number("serial", number.clone());
    }
    entry.set_archive(FormatString::from(record.archive.clone()));
    if let Some(source) = &record.source {
        entry.set_archive_location(FormatString::from(source.clone()));
    }
    // CSL title-cases English titles only: a Russian title keeps its capitals.
    if let Some(language) = record.language.as_deref().and_then(|l| l.parse().ok()) {
        entry.set_language(language);
    }
    if let Some(url) = record.url.as_deref().and_then(|u| u.parse().ok()) {
        entry.set_url(QualifiedUrl {
            value: url,
            visit_date: None,
        });
    }
    entry
}

/// Words a title-casing style lowercases inside a title (CSL's stop words, as
/// hayagriva lists them).
pub(super) const STOP_WORDS: [&str; 44] = [
    "a", "above", "across", "against", "among", "an", "and", "around", "as", "at", "behind", "below", "beneath",
    "beside", "between", "but", "by", "down", "during", "for", "from", "in", "inside", "into", "near", "nor", "of",
    "on", "onto", "or", "over", "since", "so", "the", "till", "to", "toward", "under", "until", "up", "via", "with",
    "within", "yet",
];

/// The title with the words a style's title case must not change kept verbatim:
/// mixed-case words ("McCone", "DPRK"), a lowercase particle before a name ("von
/// Breuning"), a lowercase stop word after a comma (which hayagriva would take
/// for the start of a sentence), and words that begin with a bracket ("(memo)").
/// Straight double quotes become curly ones, so a style that quotes the title can
/// turn them to single quotes inside it ([`alternate_nested_quotes`]).
pub(super) fn protected_title(title: &str) -> FormatString {
    let title = curl_double_quotes(title);
    let words: Vec<&str> = title.split(' ').collect();
    let kinds: Vec<ChunkKind> = (0..words.len()).map(|i| title_word_kind(&words, i)).collect();
    let mut chunks = hayagriva::types::ChunkedString::new();
    for (i, word) in words.iter().enumerate() {
        let kind = kinds[i];
        if i > 0 {
            // hayagriva's case folder drops the spaces that open a cased chunk,
            // and takes the letter after a verbatim word for the middle of a word:
            // a marker no text holds opens the chunk instead, and leaves the output.
            let previous = words[i - 1];
            let ends_verbatim = kinds[i - 1] == ChunkKind::Verbatim
                && previous.ends_with(|c: char| c.is_alphanumeric() || matches!(c, ')' | ']' | '}'));
            if ends_verbatim && kind == ChunkKind::Normal {
                chunks.push_str(CHUNK_MARK, ChunkKind::Normal);
            }
            chunks.push_str(" ", kind);
        }
        // The punctuation after a verbatim word is cased with what follows, so a
        // colon after "USSR" still capitalises the next word.
        let core_end = word
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != ']' && c != '}')
            .len();
        match kind {
            ChunkKind::Verbatim if core_end < word.len() && core_end > 0 => {
                chunks.push_str(&word[..core_end], ChunkKind::Verbatim);
                chunks.push_str(&word[core_end..], ChunkKind::Normal);
            }
            _ => chunks.push_str(word, kind),
        }
    }
    FormatString {
        value: chunks,
        short: None,
    }
}

/// Whether the `i`th word of a title is kept as written.
pub(super) fn title_word_kind(words: &[&str], i: usize) -> ChunkKind {
    let word = words[i];
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    // "McCone", "DPRK"; a hyphen's parts are words of their own ("Sino-Korean").
    let mixed_case = core.split('-').any(|part| part.chars().skip(1).any(char::is_uppercase));
    let next_capitalised = words
        .get(i + 1)
        .and_then(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()).chars().next())
        .is_some_and(char::is_uppercase);
    let particle = crate::names::is_particle(core) && next_capitalised && core.chars().all(char::is_lowercase);
    let after_sentence = i == 0 || words[i - 1].ends_with([':', '.', '?', '!']);
    let stop_word = !after_sentence && i + 1 < words.len() && STOP_WORDS.contains(&core);
    let bracketed = word.starts_with(['(', '[', '{']);
    if mixed_case || particle || stop_word || bracketed {
        ChunkKind::Verbatim
    } else {
        ChunkKind::Normal
    }
}

/// `"x"` as `“x”`: an opening quote at the start or after a space or bracket.
pub(super) fn curl_double_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if c == '"' {
            let opens = previous.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{' | '‘' | '—' | '–'));
            out.push(if opens { '“' } else { '”' });
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    out
}

pub(super) fn person(author: &Author) -> Person {
    match author {
        // hayagriva's prefix is CSL's dropping particle; it reads a lowercase
        // particle at the start of the family name as the non-dropping one.
        Author::Person(name) if name.particle_drops() => Person {
            name: name.family.clone(),
            given_name: name.given.clone(),
            prefix: name.particle.clone(),
            suffix: name.suffix.clone(),
            alias: None,
        },
        Author::Person(name) => Person {
            name: name.family_with_particle(),
            given_name: name.given.clone(),
            prefix: None,
            suffix: name.suffix.clone(),
            alias: None,
        },
        Author::Whole(name) => Person {
            name: name.clone(),
            given_name: None,
            prefix: None,
            suffix: None,
            alias: None,
        },
    }
}
