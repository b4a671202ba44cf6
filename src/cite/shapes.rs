//! Citations at the cost of a template. Records of one *shape* (the same number of
//! authors with names of the same make, the same month, the same edges of their
//! titles, the same archive) are formatted by hayagriva once, with probe values in
//! place of what differs from one document to the next: the title, the archival
//! reference, the kind of document, the authors' names, the id, the year, the day, a
//! long number. Every other record of the shape is that formatting with its own
//! values put back, each written as the style writes it there: cased by hayagriva's
//! own case folder (title case, sentence case), given names as hayagriva's initials.
//!
//! A template is taken only when it is proved on its shape: made from one set of
//! probes and filled in with a second, it must give what hayagriva gives for the
//! second, byte for byte, in every style and form. A style that does with a field
//! what a template cannot (strips its periods, writes a number as an ordinal) fails
//! that proof, and the records of that shape are formatted by hayagriva one by one.
//! What a probe cannot stand for is part of the shape: a text's first letter's case
//! and the punctuation at its edges (quotes, a closing "?"), a day's or a number's
//! ordinal ending, a name's letters and capitals. A value with what a style might
//! treat apart (quotes inside it, line breaks, our markers, a name hayagriva takes a
//! particle from) has no shape. `tests/integration/cite_templates.rs` checks every
//! citation of the fixtures and of a generated archive against hayagriva's own.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use hayagriva::lang::{Case, CaseFolder, SentenceCase, TitleCase};
use hayagriva::types::{ChunkKind, ChunkedString, Person};

use super::entry::{person, protected_title, CHUNK_MARK};
use super::record::{Author, Record, RecordDate};
use crate::names::PersonName;

/// What hayagriva made of a record in one style, before the edition's corrections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Raw {
    /// The note or in-text citation at the page [`super::csl::SENTINEL`].
    pub(super) at_page: Option<Rendered>,
    /// The bibliography entry, for a style that has a bibliography.
    pub(super) listed: Option<Rendered>,
}

/// One citation as plain text and as HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Rendered {
    pub(super) text: String,
    pub(super) html: String,
}

/// The templates of one set of styles, by shape, made as records come.
#[derive(Default)]
pub(super) struct Templates {
    by_shape: RwLock<HashMap<Shape, Option<Arc<Vec<RawTemplate>>>>>,
    filled: AtomicUsize,
    formatted: AtomicUsize,
}

/// How many citations came from a template and how many from hayagriva directly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TemplateCounts {
    /// Records whose citations were a template filled in.
    pub filled: usize,
    /// Records formatted by hayagriva: the first of each shape twice (the probes),
    /// and every record without a shape or of a shape whose template failed.
    pub formatted: usize,
    /// Shapes met, with a template or without.
    pub shapes: usize,
}

impl Templates {
    /// The record's citations in every style: its shape's template filled in, or
    /// `format`'s (hayagriva's) own.
    pub(super) fn raw(&self, record: &Record, format: &dyn Fn(&Record) -> Vec<Raw>) -> Vec<Raw> {
        let Some((shape, values)) = Shape::of(record) else {
            self.formatted.fetch_add(1, Ordering::Relaxed);
            return format(record);
        };
        let known = self.by_shape.read().ok().and_then(|map| map.get(&shape).cloned());
        let template = match known {
            Some(template) => template,
            None => {
                let made = prove(&shape, format).map(Arc::new);
                self.formatted.fetch_add(2, Ordering::Relaxed);
                if let Ok(mut map) = self.by_shape.write() {
                    map.entry(shape).or_insert(made).clone()
                } else {
                    made
                }
            }
        };
        match template {
            Some(template) => {
                self.filled.fetch_add(1, Ordering::Relaxed);
                fill_all(&template, &values)
            }
            None => {
                self.formatted.fetch_add(1, Ordering::Relaxed);
                format(record)
            }
        }
    }

    pub(super) fn counts(&self) -> TemplateCounts {
        TemplateCounts {
            filled: self.filled.load(Ordering::Relaxed),
            formatted: self.formatted.load(Ordering::Relaxed),
            shapes: self.by_shape.read().map_or(0, |map| map.len()),
        }
    }
}

/// The fields a template leaves open, each at a marker of its own.
const KEY: usize = 0;
const TITLE: usize = 1;
const SOURCE: usize = 2;
const YEAR: usize = 3;
const DAY: usize = 4;
const NUMBER: usize = 5;
const GENRE: usize = 6;
/// A person's family name and given names, for up to [`NAMED`] authors.
const FAMILY: usize = 7;
const NAMED: usize = 4;
const GIVEN: usize = FAMILY + NAMED;
const SLOTS: usize = GIVEN + NAMED;

/// The private-use characters where a template's open fields are written: never in
/// a value (values with one have no shape) nor in what hayagriva writes around them.
const FIRST_MARKER: u32 = 0xE100;

/// The marker of a field written in one of the ways a style can case it.
fn marker(slot: usize, fold: Fold) -> char {
    char::from_u32(FIRST_MARKER + (slot * FOLDS + fold.index()) as u32).unwrap_or('\u{E100}')
}

/// The field and casing a marker stands for.
fn unmark(c: char) -> Option<(usize, Fold)> {
    let at = (c as u32).checked_sub(FIRST_MARKER)? as usize;
    (at < SLOTS * FOLDS).then(|| (at / FOLDS, Fold::from_index(at % FOLDS)))
}

/// How a style cases a text field where it writes it, in hayagriva's terms: the
/// case, whether a word comes before it in the same case (title case then
/// lowercases a leading "a", sentence case leaves its first letter), and whether the
/// style goes on in another case right after it (hayagriva then leaves the last word
/// as it is, so title case does not lowercase a closing "on").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fold {
    case: u8,
    after_word: bool,
    open_end: bool,
}

const CASES: usize = 7;
const FOLDS: usize = CASES * 4;

impl Fold {
    const AS_WRITTEN: Fold = Fold {
        case: 0,
        after_word: false,
        open_end: false,
    };

    fn index(self) -> usize {
        usize::from(self.case) * 4 + usize::from(self.after_word) * 2 + usize::from(self.open_end)
    }

    fn from_index(index: usize) -> Fold {
        Fold {
            case: (index / 4) as u8,
            after_word: index % 4 >= 2,
            open_end: index % 2 == 1,
        }
    }

    fn all() -> impl Iterator<Item = Fold> {
        (0..FOLDS).map(Fold::from_index)
    }

    fn case(self) -> Case {
        match self.case {
            1 => Case::Title(TitleCase::default()),
            2 => Case::Sentence(SentenceCase::default()),
            3 => Case::FirstUpper,
            4 => Case::AllUpper,
            5 => Case::Uppercase,
            6 => Case::Lowercase,
            _ => Case::NoTransform,
        }
    }

    /// The chunks as hayagriva's case folder writes them in this fold.
    fn apply(self, chunks: &ChunkedString) -> String {
        let mut folder = CaseFolder::with_config(self.case());
        // A word before, taken off after: it puts the folder where a word has been.
        if self.after_word {
            folder.push_str("x ");
        }
        for chunk in &chunks.0 {
            match chunk.kind {
                ChunkKind::Verbatim => folder.push_verbatim(&chunk.value),
                _ => folder.push_str(&chunk.value),
            }
        }
        if self.open_end {
            folder.reconfigure(Case::NoTransform);
        }
        let folded = folder.finish();
        let folded = if self.after_word {
            folded.get(2..).unwrap_or_default()
        } else {
            &folded
        };
        folded.replace(CHUNK_MARK, "")
    }
}

/// A record's values for the open fields: text fields as the chunks hayagriva
/// cases, the others as written.
#[derive(Debug, Clone, Default)]
struct Values {
    slots: [Option<Value>; SLOTS],
}

#[derive(Debug, Clone)]
enum Value {
    /// A field a style may case.
    Text(ChunkedString),
    /// Given names, written whole or as initials.
    Given(Person),
    /// A field written as it is.
    Plain(String),
}

/// The ways a style writes given names, by the delimiter after an initial
/// (`initialize-with`) and whether a hyphen is kept: CSL's `initialize="true"` and
/// `"false"`, as hayagriva writes them.
const INITIALS: [(&str, bool); 8] = [
    (". ", true),
    (". ", false),
    (".", true),
    (".", false),
    ("", true),
    ("", false),
    (" ", true),
    (" ", false),
];
const GIVEN_WAYS: usize = 1 + 2 * INITIALS.len();

impl Values {
    /// An optional text field left open in `slot`: its edges, none where the record
    /// has no such field; `None` (no shape) where its value cannot be filled in.
    fn open_text(&mut self, value: Option<&str>, slot: usize) -> Option<Option<Edges>> {
        let Some(value) = value else { return Some(None) };
        let (edges, chunks) = Edges::of(value, slot)?;
        self.slots[slot] = Some(Value::Text(chunks));
        Some(Some(edges))
    }

    /// The probe of an optional text field of these edges, in `letter`'s set.
    fn probe_text(&mut self, edges: Option<&Edges>, slot: usize, letter: char) -> Option<Option<String>> {
        let Some(edges) = edges else { return Some(None) };
        let (probe, chunks) = edges.probe(slot, letter)?;
        self.slots[slot] = Some(Value::Text(chunks));
        Some(Some(probe))
    }
}

impl Value {
    fn written(&self, fold: Fold) -> String {
        match self {
            Value::Text(chunks) => fold.apply(chunks),
            Value::Given(person) => {
                let way = fold.index();
                let mut out = String::new();
                let initials = INITIALS.get((way.max(1) - 1) % INITIALS.len());
                match initials {
                    _ if way == 0 => out.push_str(person.given_name.as_deref().unwrap_or_default()),
                    Some(&(delimiter, hyphen)) if way <= INITIALS.len() => {
                        let _ = person.initials(&mut out, Some(delimiter), hyphen);
                    }
                    Some(&(delimiter, _)) => {
                        let _ = person.first_name_with_delimiter(&mut out, Some(delimiter));
                    }
                    None => {}
                }
                out
            }
            Value::Plain(text) => text.clone(),
        }
    }

    /// The ways this value can be written.
    fn ways(&self) -> Vec<Fold> {
        match self {
            Value::Text(_) => Fold::all().collect(),
            Value::Given(_) => (0..GIVEN_WAYS).map(Fold::from_index).collect(),
            Value::Plain(_) => vec![Fold::AS_WRITTEN],
        }
    }
}

/// A record as its citations depend on it, less the values a template leaves open.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Shape {
    authors: Vec<AuthorShape>,
    title: Edges,
    source: Option<Edges>,
    date: Option<DateShape>,
    genre: Option<Edges>,
    number: Option<NumberShape>,
    archive: String,
    language: Option<String>,
    /// The URL around the document's id.
    url: Option<(String, String)>,
}

/// A person's names are open where their letters and the case of each word are
/// those of the probes ("Song-chol" is "Aa-a"); an organization and any other
/// name are kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum AuthorShape {
    Person {
        family: String,
        given: String,
        particle: Option<String>,
        suffix: Option<String>,
    },
    Kept(Author),
}

/// The letters of a name as the probes write them: each run of lowercase letters
/// one `a`, each uppercase letter `A`, anything else as it is; none for a name with
/// letters a style may treat apart (CJK names are not inverted) or markers.
fn name_structure(name: &str) -> Option<String> {
    let mut structure = String::new();
    for c in name.chars() {
        if c.is_alphabetic() && u32::from(c) >= 0x0530 || is_private(c) || c.is_control() {
            return None;
        }
        if c.is_uppercase() {
            structure.push('A');
        } else if c.is_lowercase() {
            if !structure.ends_with('a') {
                structure.push('a');
            }
        } else if c.is_alphabetic() || !matches!(c, ' ' | '-' | '’' | '.') {
            return None;
        } else {
            structure.push(c);
        }
    }
    (!structure.is_empty()).then_some(structure)
}

/// A name of this structure in the probes' letters: `upper` for each capital, `lower`
/// for each run of small letters.
fn name_probe(structure: &str, upper: char, lower: &str) -> String {
    let mut probe = String::new();
    for c in structure.chars() {
        match c {
            'A' => probe.push(upper),
            'a' => probe.push_str(lower),
            other => probe.push(other),
        }
    }
    probe
}

/// Whether every way of casing `probe` cases `name` the same, letter for letter:
/// false where a style's dictionary treats one of the name's words apart (title
/// case lowercasing a "De" it takes for a preposition).
fn cased_alike(name: &str, probe: &str) -> bool {
    let text = |value: &str| {
        let mut chunks = ChunkedString::new();
        chunks.push_str(value, ChunkKind::Normal);
        chunks
    };
    // Runs of capitals, of small letters and of anything else, as one each.
    let runs = |value: &str| {
        let mut runs: Vec<char> = Vec::new();
        for c in value.chars() {
            let class = if c.is_uppercase() {
                'A'
            } else if c.is_lowercase() {
                'a'
            } else {
                c
            };
            if runs.last() != Some(&class) {
                runs.push(class);
            }
        }
        runs
    };
    let (name, probe) = (text(name), text(probe));
    Fold::all().all(|fold| runs(&fold.apply(&name)) == runs(&fold.apply(&probe)))
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct DateShape {
    /// A four-digit year is open; any other is kept.
    year: Option<i64>,
    month: Option<u8>,
    day: Option<DayShape>,
    approximate: bool,
    uncertain: bool,
}

/// A day is open where its ordinal ending ("4th" to "9th", "14th" to "20th") and its
/// width are those of the probes; the others are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum DayShape {
    OneDigit,
    TwoDigits,
    Kept(u8),
}

/// A number of three or more digits is open, its width and last two digits (its
/// ordinal ending) kept; any other number is kept whole.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum NumberShape {
    Digits { width: usize, last_two: String },
    Kept(String),
}

/// What a probe cannot stand for in a text field: the punctuation around it, the
/// case of its first letter, and whether its first and last words are kept as
/// written ("USSR", "(memo)") or cased by the style.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Edges {
    lead: String,
    trail: String,
    start: Start,
    first_verbatim: bool,
    last_verbatim: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Start {
    Upper,
    Lower,
    Uncased,
}

/// Punctuation a value may hold inside it and still be cased and filled in by a
/// template; the probes hold each of them, so a style that changes one fails the
/// proof.
const INNER_PUNCTUATION: &str = ",;:.-–—/()&’#№%+";

/// A text field as hayagriva is given it: a title is protected from the styles'
/// title case where it must be, other fields are one chunk.
fn chunks_of(value: &str, slot: usize) -> ChunkedString {
    if slot == TITLE {
        protected_title(value).value
    } else {
        let mut chunks = ChunkedString::new();
        chunks.push_str(value, ChunkKind::Normal);
        chunks
    }
}

impl Edges {
    /// The edges of a text field's value and its chunks, if a template can case
    /// and fill it in.
    fn of(value: &str, slot: usize) -> Option<(Edges, ChunkedString)> {
        let start = value.find(|c: char| c.is_alphanumeric())?;
        let end = value
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map(|(at, c)| at + c.len_utf8())?;
        let inside = &value[start..end];
        let plain = inside
            .chars()
            .all(|c| (c.is_alphanumeric() && !is_private(c)) || c == ' ' || INNER_PUNCTUATION.contains(c));
        if !plain || inside.contains("  ") || value.chars().any(|c| is_private(c) || c.is_control()) {
            return None;
        }
        let chunks = chunks_of(value, slot);
        // hayagriva drops a chunk without letters that repeats the end of what it
        // has written: such a chunk is not the same in every context.
        let lettered = chunks
            .0
            .iter()
            .all(|chunk| chunk.kind == ChunkKind::Verbatim || chunk.value.chars().any(char::is_alphabetic));
        if !lettered {
            return None;
        }
        let first = inside.chars().next()?;
        let edges = Edges {
            lead: value[..start].to_string(),
            trail: value[end..].to_string(),
            start: if first.is_uppercase() {
                Start::Upper
            } else if first.is_lowercase() {
                Start::Lower
            } else {
                Start::Uncased
            },
            first_verbatim: chunks.0.first().is_some_and(|c| c.kind == ChunkKind::Verbatim),
            last_verbatim: chunks.0.last().is_some_and(|c| c.kind == ChunkKind::Verbatim),
        };
        Some((edges, chunks))
    }

    /// A value of these edges whose words change under every case a style can
    /// apply, with a stop word first and last (where those are cased) so that the
    /// probes tell apart how a style cases its start and end. None if the value
    /// made does not have these edges.
    fn probe(&self, slot: usize, letter: char) -> Option<(String, ChunkedString)> {
        let l = letter;
        let first = match (self.start, self.first_verbatim) {
            (Start::Upper, false) => "A".to_string(),
            (Start::Lower, false) => "a".to_string(),
            (Start::Upper, true) => format!("D{l}R"),
            (Start::Lower, true) => format!("d{l}R"),
            (Start::Uncased, _) => "中 a".to_string(),
        };
        let last = if self.last_verbatim {
            format!("Mc{}", l.to_ascii_uppercase())
        } else {
            "on".to_string()
        };
        let value = format!(
            "{lead}{first} K{l} Z{l}, w{l}; A{l}.B{l}: e{l}-g{l} – i{l}—k{l} / (m{l}) & o{l}’q{l} #s{l} №u{l} %w{l} +y{l} {last}{trail}",
            lead = self.lead,
            trail = self.trail,
        );
        let (edges, chunks) = Edges::of(&value, slot)?;
        (&edges == self).then_some((value, chunks))
    }
}

fn is_private(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// An id that is the same in text, HTML and a URL.
fn plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl Shape {
    /// The record's shape and its open values; none if a value cannot be filled in.
    fn of(record: &Record) -> Option<(Shape, Values)> {
        let mut values = Values::default();
        if !plain_id(&record.key) {
            return None;
        }
        values.slots[KEY] = Some(Value::Plain(record.key.clone()));
        let mut authors = Vec::with_capacity(record.authors.len());
        for (i, author) in record.authors.iter().enumerate() {
            let open = match author {
                Author::Person(name) if i < NAMED && record.authors.len() <= NAMED => {
                    let person = person(author);
                    let structures = (
                        name_structure(&person.name),
                        person.given_name.as_deref().and_then(name_structure),
                    );
                    match structures {
                        // hayagriva takes a known particle at the start of a family
                        // name ("De Gaulle") for a particle of its own.
                        (Some(family), Some(given))
                            if person.name_particle().is_none()
                                && cased_alike(&person.name, &name_probe(&family, 'C', "bl")) =>
                        {
                            values.slots[FAMILY + i] = Some(Value::Text(chunks_of(&person.name, FAMILY)));
                            values.slots[GIVEN + i] = Some(Value::Given(person));
                            Some(AuthorShape::Person {
                                family,
                                given,
                                particle: name.particle.clone(),
                                suffix: name.suffix.clone(),
                            })
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            authors.push(open.unwrap_or_else(|| AuthorShape::Kept(author.clone())));
        }
        let (title, chunks) = Edges::of(&record.title, TITLE)?;
        values.slots[TITLE] = Some(Value::Text(chunks));
        let source = values.open_text(record.source.as_deref(), SOURCE)?;
        let genre = values.open_text(record.genre.as_deref(), GENRE)?;
        let date = record.date.map(|date| {
            let year = if (1000..=9999).contains(&date.year) {
                values.slots[YEAR] = Some(Value::Plain(date.year.to_string()));
                None
            } else {
                Some(date.year)
            };
            let day = date.day.map(|day| match day {
                4..=9 => DayShape::OneDigit,
                10 | 14..=20 | 24..=30 => DayShape::TwoDigits,
                other => DayShape::Kept(other),
            });
            if matches!(day, Some(DayShape::OneDigit | DayShape::TwoDigits)) {
                values.slots[DAY] = date.day.map(|d| Value::Plain(d.to_string()));
            }
            DateShape {
                year,
                month: date.month,
                day,
                approximate: date.approximate,
                uncertain: date.uncertain,
            }
        });
        let number = record.number.as_ref().map(|number| {
            let digits = number.len() >= 3 && !number.starts_with('0') && number.bytes().all(|b| b.is_ascii_digit());
            if digits {
                values.slots[NUMBER] = Some(Value::Plain(number.clone()));
                NumberShape::Digits {
                    width: number.len(),
                    last_two: number[number.len() - 2..].to_string(),
                }
            } else {
                NumberShape::Kept(number.clone())
            }
        });
        let url = match &record.url {
            Some(url) => {
                let (before, after) = url.split_once(record.key.as_str())?;
                if after.contains(record.key.as_str()) || url.chars().any(is_private) {
                    return None;
                }
                Some((before.to_string(), after.to_string()))
            }
            None => None,
        };
        let kept_texts = [&record.archive].into_iter().chain(&record.number);
        if kept_texts.flat_map(|t| t.chars()).any(is_private) {
            return None;
        }
        let shape = Shape {
            authors,
            title,
            source,
            date,
            genre,
            number,
            archive: record.archive.clone(),
            language: record.language.clone(),
            url,
        };
        Some((shape, values))
    }

    /// A record of this shape whose open values are the `set`th probes (0 or 1), and
    /// those values; none if the shape's text fields cannot be probed.
    fn probes(&self, set: usize) -> Option<(Record, Values)> {
        let mut values = Values::default();
        let key = ["zqvkida", "zqvkidb"][set].to_string();
        values.slots[KEY] = Some(Value::Plain(key.clone()));
        let (title, chunks) = self.title.probe(TITLE, ['q', 'x'][set])?;
        values.slots[TITLE] = Some(Value::Text(chunks));
        let source = values.probe_text(self.source.as_ref(), SOURCE, ['j', 'v'][set])?;
        let genre = values.probe_text(self.genre.as_ref(), GENRE, ['d', 'p'][set])?;
        // Letters no other probe has, a pair for each author's family and given
        // names in each set.
        const FAMILY_LETTERS: [[(char, &str); NAMED]; 2] = [
            [('C', "bl"), ('E', "dn"), ('F', "fp"), ('G', "hr")],
            [('H', "lb"), ('I', "nd"), ('J', "pf"), ('L', "rh")],
        ];
        const GIVEN_LETTERS: [[(char, &str); NAMED]; 2] = [
            [('N', "tb"), ('O', "td"), ('P', "tf"), ('Q', "th")],
            [('S', "zb"), ('T', "zd"), ('U', "zf"), ('V', "zh")],
        ];
        let authors = self
            .authors
            .iter()
            .enumerate()
            .map(|(i, author)| match author {
                AuthorShape::Person {
                    family,
                    given,
                    particle,
                    suffix,
                } => {
                    let (upper, lower) = FAMILY_LETTERS[set][i % NAMED];
                    let family = name_probe(family, upper, lower);
                    let (upper, lower) = GIVEN_LETTERS[set][i % NAMED];
                    let given = name_probe(given, upper, lower);
                    let name = PersonName {
                        family,
                        given: Some(given),
                        particle: particle.clone(),
                        suffix: suffix.clone(),
                        title: None,
                    };
                    let author = Author::Person(name);
                    let person = person(&author);
                    values.slots[FAMILY + i] = Some(Value::Text(chunks_of(&person.name, FAMILY)));
                    values.slots[GIVEN + i] = Some(Value::Given(person));
                    author
                }
                AuthorShape::Kept(author) => author.clone(),
            })
            .collect();
        let date = self.date.as_ref().map(|date| {
            let year = date.year.unwrap_or_else(|| {
                let probe = [5839, 6258][set];
                values.slots[YEAR] = Some(Value::Plain(probe.to_string()));
                probe
            });
            let day = date.day.map(|day| {
                let probe = match day {
                    DayShape::OneDigit => [4, 7][set],
                    DayShape::TwoDigits => [16, 29][set],
                    DayShape::Kept(day) => return day,
                };
                values.slots[DAY] = Some(Value::Plain(probe.to_string()));
                probe
            });
            RecordDate {
                year,
                month: date.month,
                day,
                approximate: date.approximate,
                uncertain: date.uncertain,
            }
        });
        let number = self.number.as_ref().map(|number| match number {
            NumberShape::Digits { width, last_two } => {
                let lead = ['8', '9'][set].to_string().repeat(width - 2);
                let probe = format!("{lead}{last_two}");
                values.slots[NUMBER] = Some(Value::Plain(probe.clone()));
                probe
            }
            NumberShape::Kept(number) => number.clone(),
        });
        let probe = Record {
            key: key.clone(),
            number,
            title,
            authors,
            date,
            genre,
            source,
            archive: self.archive.clone(),
            language: self.language.clone(),
            url: self.url.as_ref().map(|(before, after)| format!("{before}{key}{after}")),
        };
        Some((probe, values))
    }
}

/// The template of a shape, if it holds: made from the first set of probes and
/// checked against hayagriva on the second.
fn prove(shape: &Shape, format: &dyn Fn(&Record) -> Vec<Raw>) -> Option<Vec<RawTemplate>> {
    let (first, first_values) = shape.probes(0)?;
    let (second, second_values) = shape.probes(1)?;
    let ways = ways_written(&first_values);
    let made: Vec<RawTemplate> = format(&first)
        .iter()
        .map(|raw| RawTemplate::from_probes(raw, &ways))
        .collect();
    (fill_all(&made, &second_values) == format(&second)).then_some(made)
}

/// One citation's text and HTML with its open fields marked.
#[derive(Debug)]
struct Template {
    text: String,
    html: String,
}

/// A style's citations of a shape, with their open fields marked.
#[derive(Debug)]
pub(super) struct RawTemplate {
    at_page: Option<Template>,
    listed: Option<Template>,
}

/// Every way the probes' values can be written, with its marker: the longest first,
/// so that no probe is found inside another.
fn ways_written(probes: &Values) -> Vec<(char, String, bool)> {
    let mut ways: Vec<(char, String, bool)> = Vec::new();
    for (slot, value) in probes.slots.iter().enumerate() {
        let Some(value) = value else { continue };
        let numeric = matches!(slot, YEAR | DAY | NUMBER);
        for fold in value.ways() {
            let written = value.written(fold);
            if !written.is_empty() && !ways.iter().any(|(_, w, _)| *w == written) {
                ways.push((marker(slot, fold), written, numeric));
            }
        }
    }
    ways.sort_by_key(|(_, written, _)| std::cmp::Reverse(written.len()));
    ways
}

impl RawTemplate {
    fn from_probes(raw: &Raw, ways: &[(char, String, bool)]) -> RawTemplate {
        let template = |rendered: &Rendered| Template {
            text: mark(&rendered.text, ways, false),
            html: mark(&rendered.html, ways, true),
        };
        RawTemplate {
            at_page: raw.at_page.as_ref().map(template),
            listed: raw.listed.as_ref().map(template),
        }
    }
}

/// The templates of every style filled in with a record's values, each value cased
/// once for all the places it is written in that way.
fn fill_all(templates: &[RawTemplate], values: &Values) -> Vec<Raw> {
    let mut written: HashMap<char, String> = HashMap::new();
    let mut fill = |template: &str, html: bool| {
        let mut out = String::with_capacity(template.len() + 64);
        for c in template.chars() {
            let Some((slot, fold)) = unmark(c) else {
                out.push(c);
                continue;
            };
            let Some(value) = &values.slots[slot] else {
                out.push(c);
                continue;
            };
            let text = written.entry(c).or_insert_with(|| value.written(fold));
            if html {
                crate::html::push_escaped(&mut out, text);
            } else {
                out.push_str(text);
            }
        }
        out
    };
    templates
        .iter()
        .map(|template| {
            let mut rendered = |t: &Template| Rendered {
                text: fill(&t.text, false),
                html: fill(&t.html, true),
            };
            Raw {
                at_page: template.at_page.as_ref().map(&mut rendered),
                listed: template.listed.as_ref().map(&mut rendered),
            }
        })
        .collect()
}

/// The probes' values, in every way they are written, replaced by their markers.
fn mark(rendered: &str, ways: &[(char, String, bool)], html: bool) -> String {
    let mut marked = rendered.to_string();
    for (marker, written, numeric) in ways {
        let written = if html {
            crate::html::escaped(written)
        } else {
            written.clone()
        };
        marked = replace_probe(&marked, &written, *marker, *numeric);
    }
    marked
}

/// `text` with `probe` replaced by `marker`; a numeric probe only where it is a
/// number of its own, not digits of a longer one (a day "4" in "1948").
fn replace_probe(text: &str, probe: &str, marker: char, numeric: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(probe) {
        let end = at + probe.len();
        let digit_before = rest[..at].ends_with(|c: char| c.is_ascii_digit());
        let digit_after = rest[end..].starts_with(|c: char| c.is_ascii_digit());
        out.push_str(&rest[..at]);
        if numeric && (digit_before || digit_after) {
            out.push_str(probe);
        } else {
            out.push(marker);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Bundled styles that case titles, names and dates otherwise than the default ones
/// (sentence case, initials, numeric dates): the templates are proved against
/// hayagriva in these as well as the defaults, by the unit tests here and
/// `tests/integration/cite_templates.rs`.
pub const STYLES_CASED_OTHERWISE: [&str; 5] = [
    "harvard-cite-them-right",
    "ieee",
    "chicago-author-date",
    "elsevier-harvard",
    "vancouver",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::styles::DEFAULT_STYLES;
    use crate::cite::Styles;

    /// Titles, names, dates and numbers of the kinds that a style treats apart: stop
    /// words first and last, words kept as written, quotes, a closing question mark,
    /// a lowercase or a non-Latin start, particles and initials.
    fn records() -> Vec<Record> {
        let titles = [
            "Report on Agreement",
            "A Note on the Talks of Kim Il Sung and Mao",
            "Telegram on on",
            "the DPRK and the USSR",
            "Relations with the USSR",
            "Why Was the Treaty Signed?",
            "\"Pastoral\" Letter",
            "McCone to the President: Memo",
            "(memo) on the embassy",
            "U.S. Policy",
            "1966 Report on Trade",
            "中朝关系",
            "Record of Conversation between Comrades A. A. Gromyko and Pak Song-chol, 12 May 1966",
            "Letter from von Breuning",
        ];
        let authors: Vec<Vec<Author>> = vec![
            vec![],
            vec![Author::unregistered("Borunkov, A.")],
            vec![
                Author::unregistered("Pak, Song-chol"),
                Author::unregistered("Kim Il Sung"),
            ],
            vec![Author::unregistered("Breuning, Eleonore von")],
            vec![Author::unregistered("De Gaulle, Charles")],
            vec![
                Author::unregistered("Thompson, Llewellyn E., Jr."),
                Author::unregistered("Gromyko, A. A."),
                Author::unregistered("Rusk, Dean"),
            ],
            vec![Author::Whole("Korean Workers' Party".into())],
        ];
        let dates = [
            None,
            Some((1966, None, None, false, false)),
            Some((1966, Some(12), Some(3), false, false)),
            Some((1966, Some(5), Some(8), false, false)),
            Some((1971, Some(5), Some(18), false, false)),
            Some((1950, Some(8), Some(21), false, false)),
            Some((1813, None, None, true, false)),
            Some((1813, Some(6), None, true, true)),
            Some((866, Some(1), Some(9), false, false)),
        ];
        let sources = [
            None,
            Some("AVPRF, fond 0102, opis 22, delo 3 (not given)"),
            Some("Archive (copy)"),
        ];
        let numbers = [None, Some("12"), Some("117"), Some("3a")];
        let mut records = Vec::new();
        for (i, title) in titles.iter().enumerate() {
            for (j, authors) in authors.iter().enumerate() {
                let (year, month, day, approximate, uncertain) = dates[(i + j) % dates.len()].unwrap_or_default();
                records.push(Record {
                    key: format!("doc-{i}-{j}"),
                    number: numbers[(i * 3 + j) % numbers.len()].map(String::from),
                    title: title.to_string(),
                    authors: authors.clone(),
                    date: (year != 0).then_some(RecordDate {
                        year,
                        month,
                        day,
                        approximate,
                        uncertain,
                    }),
                    genre: [Some("Memorandum"), None, Some("Record of conversation")][(i + 2 * j) % 3]
                        .map(String::from),
                    source: sources[(i + j) % sources.len()].map(String::from),
                    archive: "Korea and the Socialist Camp".into(),
                    language: Some("en".into()),
                    url: (j % 2 == 0).then(|| format!("https://example.org/archive/documents/doc-{i}-{j}/")),
                });
            }
        }
        records
    }

    #[test]
    fn templates_cite_as_hayagriva_does_in_many_styles() {
        let mut names: Vec<String> = DEFAULT_STYLES.map(String::from).to_vec();
        names.extend(STYLES_CASED_OTHERWISE.map(String::from));
        let templated = Styles::named(&names);
        let direct = Styles::without_templates(&names);
        // Twice over, so that the second time every shape has its template.
        for _ in 0..2 {
            for record in records() {
                assert_eq!(
                    templated.cite_with_any_page(&record),
                    direct.cite_with_any_page(&record),
                    "{record:?}"
                );
            }
        }
        let counts = templated.template_counts();
        assert!(counts.filled > records().len(), "{counts:?}");
    }

    #[test]
    fn a_value_a_style_might_treat_apart_has_no_shape() {
        let record = |title: &str| Record {
            key: "memo".into(),
            title: title.into(),
            archive: "Archive".into(),
            ..Record::default()
        };
        assert!(Shape::of(&record("Report on Agreement")).is_some());
        // Quotes inside, a line break, a marker of our own.
        assert!(Shape::of(&record("The \"Pastoral\" Letter")).is_none());
        assert!(Shape::of(&record("Report\non Agreement")).is_none());
        assert!(Shape::of(&record("Report \u{E101}")).is_none());
        // Quotes and a question mark at the edges are the shape's, not the value's.
        let (quoted, _) = Shape::of(&record("\"Why?\"")).expect("a shape");
        assert_eq!((quoted.title.lead.as_str(), quoted.title.trail.as_str()), ("\"", "?\""));
    }

    #[test]
    fn a_day_or_number_is_open_only_where_its_ending_is_the_probes() {
        let dated = |day: u8| {
            let record = Record {
                key: "memo".into(),
                title: "Memo".into(),
                date: Some(RecordDate {
                    year: 1966,
                    month: Some(5),
                    day: Some(day),
                    approximate: false,
                    uncertain: false,
                }),
                ..Record::default()
            };
            Shape::of(&record).and_then(|(shape, _)| shape.date).and_then(|d| d.day)
        };
        assert_eq!(dated(8), Some(DayShape::OneDigit));
        assert_eq!(dated(18), Some(DayShape::TwoDigits));
        // "1st", "2nd", "3rd", "11th", "22nd": each its own.
        for day in [1, 2, 3, 11, 12, 13, 21, 22, 23, 31] {
            assert_eq!(dated(day), Some(DayShape::Kept(day)));
        }
        assert_eq!(replace_probe("4 May 1948, 14", "4", 'X', true), "X May 1948, 14");
    }
}
