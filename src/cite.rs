//! Citations of documents: the styles a reader copies, formatted by hayagriva (a CSL
//! processor, with the CSL project's styles bundled) so another style is a name in the
//! catalogue rather than code; and the records reference managers import: BibTeX, RIS
//! and CSL-JSON, written here since they are data, not prose.

use std::fmt::Write as _;

use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::{FontStyle, FontWeight, IndependentStyle, Locale, Style};
use hayagriva::types::{ChunkKind, Date, EntryType, FormatString, Person, QualifiedUrl};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild, ElemChildren, Entry,
    LocatorPayload, SpecificLocator,
};
use serde_json::json;
use unicode_normalization::UnicodeNormalization;

use crate::archive::Archive;
use crate::names::PersonName;

/// What a citation says of a document.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The document's id, as the record's key.
    pub key: String,
    /// The edition's number of the document: two documents of one title ("Editorial
    /// Note") are told apart by it.
    pub number: Option<String>,
    pub title: String,
    pub authors: Vec<Author>,
    pub date: Option<RecordDate>,
    /// The kind of document (Memorandum, Letter), the record's genre.
    pub genre: Option<String>,
    /// The archival reference of the original.
    pub source: Option<String>,
    /// The digital archive's title.
    pub archive: String,
    pub language: Option<String>,
    /// The document page's absolute URL, when the catalogue has a `base_url`.
    pub url: Option<String>,
}

/// An author of a document, as citations name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    /// A person, in parts: every style inverts or abbreviates it as it should.
    Person(PersonName),
    /// An organization, or a name whose parts nothing tells: never split.
    Whole(String),
}

impl Author {
    /// The author named in the catalogue: a registered person in parts (the
    /// registry's, or read from the name), a registered organization whole; a name
    /// the registry does not know is split only where it is written "Family,
    /// Given" (whether "Kim Il Sung" or "Korean Workers' Party" is a person, and in
    /// which order, only the registry says).
    pub fn named(archive: &Archive, name: &str) -> Author {
        match archive.entity(name) {
            Some(entity) => entity
                .person_name()
                .map_or_else(|| Author::Whole(entity.name.clone()), Author::Person),
            None => Author::unregistered(name),
        }
    }

    fn unregistered(name: &str) -> Author {
        PersonName::from_inverted(name).map_or_else(|| Author::Whole(name.trim().to_string()), Author::Person)
    }

    /// "Family, Given, Suffix", the order of RIS and of an index.
    fn inverted(&self) -> String {
        match self {
            Author::Person(name) => {
                let mut out = name.family_with_particle();
                if let Some(given) = &name.given {
                    out.push_str(", ");
                    out.push_str(given);
                }
                if let Some(suffix) = &name.suffix {
                    out.push_str(", ");
                    out.push_str(suffix);
                }
                out
            }
            Author::Whole(name) => name.clone(),
        }
    }
}

/// The start of a document's date, as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordDate {
    pub year: i64,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// Approximate or uncertain in the catalogue (`~`, `?`, `%`, an interval).
    pub approximate: bool,
    /// Uncertain (`?`, `%`): doubted rather than only approximate.
    pub uncertain: bool,
}

/// The record of one document of the archive.
pub fn record(archive: &Archive, index: usize) -> Record {
    let document = &archive.documents[index];
    let meta = &document.meta;
    Record {
        key: document.id.clone(),
        number: meta.number.clone(),
        title: meta.title.clone(),
        authors: meta.authors.iter().map(|a| Author::named(archive, a)).collect(),
        date: meta
            .date
            .as_ref()
            .and_then(|d| d.start().map(|start| (start, d.is_uncertain())))
            .map(|((year, month, day, approximate), uncertain)| RecordDate {
                year,
                month,
                day,
                approximate,
                uncertain,
            }),
        genre: meta.doc_type.clone(),
        source: meta.source.clone(),
        archive: archive.title.clone(),
        language: meta.language.clone().or_else(|| archive.language.clone()),
        url: archive
            .base_url
            .as_ref()
            .map(|base| format!("{base}{}", crate::urls::document(&document.id))),
    }
}

/// Where a page citation's page goes until a reader picks one.
pub const PAGE_SLOT: &str = "[page]";
/// A private-use character that no style changes, formatted in place of the page.
const SENTINEL: &str = "\u{E000}";
/// A private-use character that opens a cased chunk of a title after a verbatim one
/// ([`protected_title`]); never in the output.
const CHUNK_MARK: &str = "\u{E001}";

/// The citation styles of an archive, loaded once for a build.
pub struct Styles {
    styles: Vec<(String, IndependentStyle)>,
    locales: Vec<Locale>,
}

/// A formatted citation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Citation {
    /// The style's title, such as "Modern Language Association 9th edition".
    pub style: String,
    /// What readers call it: "Chicago", "MLA", "APA".
    pub label: String,
    /// The style's name as the catalogue writes it.
    pub name: String,
    pub text: String,
    pub html: String,
}

impl Styles {
    /// The bundled styles of these names; names that are not styles are left out
    /// (the catalogue reports them).
    pub fn named(names: &[String]) -> Styles {
        let styles = names
            .iter()
            .filter_map(|name| match ArchivedStyle::by_name(name)?.get() {
                Style::Independent(style) => Some((name.clone(), style)),
                Style::Dependent(_) => None,
            })
            .collect();
        // The terms of English (the locale CSL falls back to): looking through every
        // bundled locale for each citation made it several times slower.
        let locales = locales()
            .into_iter()
            .filter(|l| l.lang.as_ref().is_some_and(|lang| lang.0 == "en-US"))
            .collect();
        Styles { styles, locales }
    }

    /// The document in each style, as an entry of a reference list.
    pub fn cite(&self, record: &Record) -> Vec<Citation> {
        self.format(record).into_iter().map(|forms| forms.entry).collect()
    }

    /// The document in each style as a note or an in-text citation, without a page.
    pub fn cite_note(&self, record: &Record) -> Vec<Citation> {
        self.format(record).into_iter().map(|forms| forms.note).collect()
    }

    /// The document at one page of the original, in each style: a note or an
    /// in-text citation with the page.
    pub fn cite_page(&self, record: &Record, page: &str) -> Vec<Citation> {
        let mut escaped = String::new();
        crate::html::push_escaped(&mut escaped, page);
        self.format(record)
            .into_iter()
            .map(|forms| Citation {
                text: forms.at_page.text.replace(SENTINEL, page),
                html: forms.at_page.html.replace(SENTINEL, &escaped),
                ..forms.at_page
            })
            .collect()
    }

    /// The document in each style in all its forms, the citation at a page left
    /// open: the page is [`PAGE_SLOT`] in the text and a `<span class="page-slot">`
    /// in the HTML, which the page's script fills with the page a reader picks. One
    /// formatting a style serves the document and every page: CSL formatting is the
    /// slow part of rendering a page.
    pub fn cite_with_any_page(&self, record: &Record) -> Vec<Forms> {
        self.format(record)
            .into_iter()
            .map(|forms| Forms {
                at_page: Citation {
                    text: forms.at_page.text.replace(SENTINEL, PAGE_SLOT),
                    html: forms
                        .at_page
                        .html
                        .replace(SENTINEL, &format!("<span class=\"page-slot\">{PAGE_SLOT}</span>")),
                    ..forms.at_page
                },
                ..forms
            })
            .collect()
    }

    /// For each style: the reference-list entry, the note or in-text citation, and
    /// the citation at a page, the page [`SENTINEL`]. One formatting a style: the
    /// note is the citation at the page with the page taken out
    /// ([`without_locator`]); a second formatting for it made the pages of a
    /// build half as slow again.
    fn format(&self, record: &Record) -> Vec<Forms> {
        let entry = entry(record);
        self.styles
            .iter()
            .map(|(name, style)| {
                let mut driver = BibliographyDriver::new();
                let locator = SpecificLocator(
                    hayagriva::citationberg::taxonomy::Locator::Page,
                    LocatorPayload::Str(SENTINEL),
                );
                driver.citation(CitationRequest::from_items(
                    vec![CitationItem::with_locator(&entry, Some(locator))],
                    style,
                    &self.locales,
                ));
                let rendered = driver.finish(BibliographyRequest::new(style, None, &self.locales));
                let at_page = rendered.citations.into_iter().next().map(|c| c.citation);
                let listed = rendered
                    .bibliography
                    .and_then(|b| b.items.into_iter().next())
                    .map(|i| i.content);
                let approximate = record.date.filter(|d| d.approximate && !d.uncertain);
                let dated = |text: String| {
                    let text = match approximate {
                        Some(date) => circa(&text, date.year),
                        None => text,
                    };
                    match &record.source {
                        Some(source) => closing_parenthesis_kept(&text, source),
                        None => text,
                    }
                };
                let citation = |content: Option<&ElemChildren>| Citation {
                    style: style.info.title.value.clone(),
                    label: label(name, style),
                    name: name.clone(),
                    text: dated(content.map(plain).unwrap_or_default()),
                    html: dated(content.map(html).unwrap_or_default()),
                };
                let at_page = citation(at_page.as_ref());
                let note = Citation {
                    text: without_locator(&at_page.text),
                    html: without_locator(&at_page.html),
                    ..at_page.clone()
                };
                Forms {
                    // A style without a bibliography (a note style may have none)
                    // lists the document as its note.
                    entry: match &listed {
                        Some(listed) => citation(Some(listed)),
                        None => note.clone(),
                    },
                    in_notes: style.settings.class == hayagriva::citationberg::StyleClass::Note,
                    note,
                    at_page,
                }
            })
            .collect()
    }
}

/// A citation at the page [`SENTINEL`] without the page: the page and what leads to
/// it ("p. ", and the comma or space before) taken out. "(Borunkov, 1966, p. X)" is
/// "(Borunkov, 1966)", "(Borunkov X)" is "(Borunkov)", and "…, 1966, X, AVPRF…" is
/// "…, 1966, AVPRF…". Checked against citeproc-js's citations without a locator in
/// `tests/integration/citeproc.rs`.
fn without_locator(text: &str) -> String {
    let Some(at) = text.find(SENTINEL) else {
        return text.to_string();
    };
    let mut before = &text[..at];
    // The locator's label, a short abbreviation such as "p." or "pp.".
    let trimmed = before.trim_end();
    let label_start = trimmed.rfind(' ').map_or(0, |space| space + 1);
    let label = &trimmed[label_start..];
    let is_label = label.len() <= 4
        && label.ends_with('.')
        && label[..label.len() - 1].chars().all(char::is_alphabetic)
        && label.len() > 1;
    if is_label {
        before = &trimmed[..label_start];
    }
    // Then the delimiter before it: a comma, a space.
    let before = before.trim_end_matches([',', ' ', ';', ':']);
    format!("{before}{}", &text[at + SENTINEL.len()..])
}

/// A document cited in one style, in each of its forms.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Forms {
    /// The entry of a bibliography or reference list.
    pub entry: Citation,
    /// The footnote of a note style, the parenthesis of an in-text one.
    pub note: Citation,
    /// Whether the style cites in footnotes rather than in the text.
    pub in_notes: bool,
    /// The note or parenthesis at a page of the original.
    pub at_page: Citation,
}

/// What readers call a style: "Chicago", "MLA", "APA", where the style's own short
/// title is long ("MLA Handbook (in-text citations)") or odd (Chicago's).
fn label(name: &str, style: &IndependentStyle) -> String {
    let known = [
        ("chicago", "Chicago"),
        ("modern-language-association", "MLA"),
        ("mla", "MLA"),
        ("american-psychological-association", "APA"),
        ("apa", "APA"),
        ("harvard", "Harvard"),
        ("ieee", "IEEE"),
    ];
    if let Some((_, label)) = known.iter().find(|(prefix, _)| name.starts_with(prefix)) {
        return label.to_string();
    }
    let short = style.info.title_short.as_ref().map(|t| t.value.as_str());
    let title = short.unwrap_or(&style.info.title.value);
    // "MLA Handbook (in-text citations)": the part before the parenthesis.
    title.split(" (").next().unwrap_or(title).trim().to_string()
}

fn plain(content: &ElemChildren) -> String {
    let mut out = String::new();
    write_children(&mut out, &content.0, false);
    alternate_nested_quotes(&out)
}

/// The citation as HTML: italics and bold as `<i>` and `<b>`, links as links, and
/// every text escaped.
fn html(content: &ElemChildren) -> String {
    let mut out = String::new();
    write_children(&mut out, &content.0, true);
    alternate_nested_quotes(&out)
}

fn write_children(out: &mut String, children: &[ElemChild], html: bool) {
    for child in children {
        match child {
            ElemChild::Text(text) => {
                let italic = html && text.formatting.font_style == FontStyle::Italic;
                let bold = html && text.formatting.font_weight == FontWeight::Bold;
                if italic {
                    out.push_str("<i>");
                }
                if bold {
                    out.push_str("<b>");
                }
                push_text(out, &text.text, html);
                if bold {
                    out.push_str("</b>");
                }
                if italic {
                    out.push_str("</i>");
                }
            }
            ElemChild::Elem(elem) => write_children(out, &elem.children.0, html),
            ElemChild::Markup(markup) => push_text(out, markup, html),
            ElemChild::Link { text, url } => {
                if html {
                    out.push_str("<a href=\"");
                    push_text(out, url, true);
                    out.push_str("\">");
                    push_text(out, &text.text, true);
                    out.push_str("</a>");
                } else {
                    out.push_str(&text.text);
                }
            }
            ElemChild::Transparent { .. } => {}
        }
    }
}

fn push_text(out: &mut String, text: &str, html: bool) {
    let text = &text.replace(CHUNK_MARK, "");
    if html {
        crate::html::push_escaped(out, text);
    } else {
        out.push_str(text);
    }
}

fn entry(record: &Record) -> Entry {
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
const STOP_WORDS: [&str; 44] = [
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
fn protected_title(title: &str) -> FormatString {
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
fn title_word_kind(words: &[&str], i: usize) -> ChunkKind {
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
fn curl_double_quotes(text: &str) -> String {
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

/// An approximate date as "ca. 1813". CSL has one flag for a date that is uncertain
/// and one that is approximate, and the Chicago and MLA styles write it "[1813?]",
/// which says the date is doubted; a date the catalogue marks only approximate (`~`)
/// is written with the English locale's term for circa instead.
fn circa(text: &str, year: i64) -> String {
    let year = year.to_string();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("?]").map(|c| open + c) else {
            break;
        };
        let inner = &rest[open + 1..close];
        out.push_str(&rest[..open]);
        if inner.contains(&year) && !inner.contains(['[', ']']) {
            // The bracket stood apart without a comma; "ca." does not, and
            // begins a sentence after a period.
            if out.ends_with(". ") || out.is_empty() {
                out.push_str("Ca. ");
            } else {
                if out.ends_with(' ') && !out.trim_end().ends_with([',', ';', ':', '(']) {
                    out.pop();
                    out.push_str(", ");
                }
                out.push_str("ca. ");
            }
            out.push_str(inner);
        } else {
            out.push_str(&rest[open..close + 2]);
        }
        rest = &rest[close + 2..];
    }
    out.push_str(rest);
    out
}

/// The archival reference in parentheses with its own closing parenthesis:
/// "(AVPRF, fond 0102 (not given))". hayagriva 0.9 takes the second parenthesis
/// for a doubled one and drops it (APA), leaving the reader an unclosed one.
fn closing_parenthesis_kept(text: &str, source: &str) -> String {
    let balanced = |t: &str| t.matches('(').count() == t.matches(')').count();
    if !source.ends_with(')') || balanced(text) || !balanced(source) {
        return text.to_string();
    }
    let opened = format!("({source}");
    match text.find(&opened) {
        Some(at) if !text[at + opened.len()..].starts_with(')') => {
            let end = at + opened.len();
            format!("{}){}", &text[..end], &text[end..])
        }
        _ => text.to_string(),
    }
}

/// Quotes inside quotes as single quotes, the American rule the default styles
/// follow: a style that quotes a title holding “Pastoral” writes ‘Pastoral’.
fn alternate_nested_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '“' => {
                out.push(if depth % 2 == 1 { '‘' } else { '“' });
                depth += 1;
            }
            '”' if depth > 0 => {
                depth -= 1;
                out.push(if depth % 2 == 1 { '’' } else { '”' });
            }
            c => out.push(c),
        }
    }
    out
}

fn person(author: &Author) -> Person {
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
fn tex(text: &str) -> String {
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

fn tex_letter(c: char) -> String {
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

/// The CSL XML of a bundled style, as hayagriva reads it: for running the same style
/// through another CSL processor.
pub fn style_xml(name: &str) -> Option<String> {
    match ArchivedStyle::by_name(name)?.get() {
        Style::Independent(style) => Style::Independent(style).to_xml().ok(),
        Style::Dependent(_) => None,
    }
}

/// The CSL locale file of English (US), the one [`Styles`] formats with.
pub fn locale_xml() -> Option<String> {
    let locale = locales()
        .into_iter()
        .find(|l| l.lang.as_ref().is_some_and(|lang| lang.0 == "en-US"))?;
    let file = hayagriva::citationberg::LocaleFile::try_from(locale).ok()?;
    let xml = file.to_xml().ok()?;
    // citationberg names every root element `style`.
    Some(
        xml.replacen("<style", "<locale", 1)
            .replacen("</style>", "</locale>", 1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::styles::DEFAULT_STYLES;

    fn memo() -> Record {
        Record {
            key: "memo".into(),
            number: None,
            title: "Sino-Korean Relations in 1966".into(),
            authors: vec![Author::unregistered("Borunkov, A.")],
            date: Some(RecordDate {
                year: 1966,
                month: Some(12),
                day: Some(3),
                approximate: false,
                uncertain: false,
            }),
            genre: Some("Memorandum".into()),
            source: Some("AVPRF, fond 0102, opis 22".into()),
            archive: "Korea and the Socialist Camp".into(),
            language: Some("en".into()),
            url: Some("https://example.org/archive/documents/memo/".into()),
        }
    }

    fn with_authors(authors: &[&str]) -> Record {
        Record {
            authors: authors.iter().map(|a| Author::unregistered(a)).collect(),
            ..memo()
        }
    }

    fn texts(record: &Record) -> Vec<String> {
        Styles::named(&DEFAULT_STYLES.map(String::from))
            .cite(record)
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    #[test]
    fn each_style_names_one_two_three_and_no_authors() {
        let [chicago, mla, apa] = &texts(&with_authors(&[]))[..] else {
            panic!("three styles")
        };
        assert!(
            chicago.starts_with("“Sino-Korean Relations in 1966.” Memorandum. December 3, 1966."),
            "{chicago}"
        );
        assert!(
            mla.starts_with("“Sino-Korean Relations in 1966.” Memorandum. 3 Dec. 1966"),
            "{mla}"
        );
        assert!(
            apa.starts_with("Sino-Korean Relations in 1966 (AVPRF, fond 0102, opis 22). (1966)."),
            "{apa}"
        );

        let [chicago, mla, apa] = &texts(&with_authors(&["Borunkov, A."]))[..] else {
            panic!()
        };
        assert!(chicago.starts_with("Borunkov, A. “Sino-Korean"), "{chicago}");
        assert!(mla.starts_with("Borunkov, A. “Sino-Korean"), "{mla}");
        assert!(apa.starts_with("Borunkov, A. (1966). Sino-Korean"), "{apa}");

        let [chicago, mla, apa] = &texts(&with_authors(&["Borunkov, A.", "Kim Il Sung"]))[..] else {
            panic!()
        };
        assert!(chicago.starts_with("Borunkov, A., and Kim Il Sung. “"), "{chicago}");
        assert!(mla.starts_with("Borunkov, A., and Kim Il Sung. “"), "{mla}");
        assert!(apa.starts_with("Borunkov, A., & Kim Il Sung. (1966)."), "{apa}");

        let three = with_authors(&["Borunkov, A.", "Kim Il Sung", "Pak, Song-chol"]);
        let [chicago, mla, apa] = &texts(&three)[..] else {
            panic!()
        };
        assert!(
            chicago.starts_with("Borunkov, A., Kim Il Sung, and Song-chol Pak. “"),
            "{chicago}"
        );
        assert!(mla.starts_with("Borunkov, A., et al. “"), "{mla}");
        assert!(
            apa.starts_with("Borunkov, A., Kim Il Sung, & Pak, S.-c. (1966)."),
            "{apa}"
        );

        // Every style names the archive, the archival reference and the page's URL.
        for text in texts(&three) {
            assert!(text.contains("Korea and the Socialist Camp"), "{text}");
            assert!(text.contains("AVPRF, fond 0102, opis 22"), "{text}");
            assert!(text.contains("https://example.org/archive/documents/memo/"), "{text}");
        }
    }

    #[test]
    fn uncertain_and_missing_dates_are_cited_as_such() {
        let mut uncertain = memo();
        uncertain.date = Some(RecordDate {
            year: 1966,
            month: None,
            day: None,
            approximate: true,
            uncertain: true,
        });
        let [chicago, mla, apa] = &texts(&uncertain)[..] else {
            panic!()
        };
        assert!(chicago.contains(" [1966?]. "), "{chicago}");
        assert!(mla.contains(" [1966?], "), "{mla}");
        assert!(apa.contains("(ca. 1966)"), "{apa}");

        let mut undated = memo();
        undated.date = None;
        undated.url = None;
        let [chicago, mla, apa] = &texts(&undated)[..] else {
            panic!()
        };
        assert!(chicago.contains(" n.d. "), "{chicago}");
        assert!(!mla.contains("1966,") && !mla.contains("n.d."), "{mla}");
        assert!(apa.contains("(n.d.)"), "{apa}");
        assert!(!chicago.contains("http"), "no URL without a base_url");
    }

    #[test]
    fn a_page_citation_carries_the_page() {
        let styles = Styles::named(&DEFAULT_STYLES.map(String::from));
        let cited: Vec<String> = styles.cite_page(&memo(), "43").into_iter().map(|c| c.text).collect();
        assert!(cited[0].contains(", 43, "), "{}", cited[0]);
        assert_eq!(cited[1], "(Borunkov 43)");
        assert_eq!(cited[2], "(Borunkov, 1966, p. 43)");
    }

    #[test]
    fn a_page_left_open_is_the_same_citation_once_filled() {
        let styles = Styles::named(&DEFAULT_STYLES.map(String::from));
        let open: Vec<Citation> = styles
            .cite_with_any_page(&memo())
            .into_iter()
            .map(|f| f.at_page)
            .collect();
        let filled = styles.cite_page(&memo(), "43");
        for (open, filled) in open.iter().zip(&filled) {
            assert_eq!(open.text.replace(PAGE_SLOT, "43"), filled.text);
            assert!(
                open.html.contains("<span class=\"page-slot\">[page]</span>"),
                "{}",
                open.html
            );
        }
    }

    #[test]
    fn citations_in_html_are_escaped_with_italics_as_elements() {
        let mut record = memo();
        record.title = "<script>alert(1)</script> & more".into();
        let styles = Styles::named(&["american-psychological-association".to_string()]);
        let html = &styles.cite(&record)[0].html;
        assert!(
            html.contains("<i>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</i>"),
            "{html}"
        );
        assert!(!html.contains("style="), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org/archive/documents/memo/\">"),
            "{html}"
        );
    }

    #[test]
    fn bibtex_escapes_tex_and_accents() {
        let mut record = with_authors(&["Zhou, Ènlái", "Korean Workers' Party"]);
        record.title = "Trade {and} aid: 50% & more_$#~^\\".into();
        record.source = Some("Fond 5, opis' 49 — ГАРФ".into());
        let bib = bibtex(&record);
        assert!(bib.starts_with("@unpublished{memo,\n"), "{bib}");
        assert!(
            bib.contains("  author = {Zhou, {\\`E}nl{\\'a}i and {Korean Workers' Party}},\n"),
            "{bib}"
        );
        assert!(
            bib.contains(
                "  title = {{Trade \\{and\\} aid: 50\\% \\& more\\_\\$\\#\\textasciitilde{}\\textasciicircum{}\\textbackslash{}}},\n"
            ),
            "{bib}"
        );
        // Letters TeX has no accent for stay UTF-8, for biber.
        assert!(bib.contains("  note = {Fond 5, opis' 49 — ГАРФ},\n"), "{bib}");
        // Braces balance, so the entry parses.
        let depth = bib.chars().fold(0i32, |d, c| match c {
            '{' => d + 1,
            '}' => d - 1,
            _ => d,
        });
        let escaped = bib.matches("\\{").count() as i32 - bib.matches("\\}").count() as i32;
        assert_eq!(depth - escaped, 0, "{bib}");
    }

    #[test]
    fn ris_is_an_archival_manuscript_one_line_a_value() {
        let mut record = with_authors(&["Borunkov, A.", "Kim Il Sung"]);
        record.title = "Line one\nER  - line two & é {x} 100%".into();
        let ris = ris(&record);
        let lines: Vec<&str> = ris.split("\r\n").collect();
        assert_eq!(lines[0], "TY  - MANSCPT");
        assert!(lines.contains(&"TI  - Line one ER  - line two & é {x} 100%"), "{ris}");
        assert!(lines.contains(&"AU  - Borunkov, A."));
        assert!(lines.contains(&"AU  - Kim Il Sung"));
        assert!(lines.contains(&"DA  - 1966/12/03/"));
        assert!(lines.contains(&"DB  - Korea and the Socialist Camp"));
        assert!(lines.contains(&"AN  - AVPRF, fond 0102, opis 22"));
        assert!(lines.contains(&"M3  - Memorandum"));
        assert_eq!(lines.iter().filter(|l| l.starts_with("ER  -")).count(), 1);
        assert!(ris.ends_with("ER  - \r\n"));
    }

    #[test]
    fn csl_json_keeps_whole_names_whole() {
        let record = with_authors(&["Borunkov, A.", "Kim Il Sung"]);
        let item = &csl_json(&record)[0];
        assert_eq!(item["type"], "manuscript");
        assert_eq!(item["author"][0], json!({"family": "Borunkov", "given": "A."}));
        assert_eq!(item["author"][1], json!({"literal": "Kim Il Sung"}));
        assert_eq!(item["issued"], json!({"date-parts": [[1966, 12, 3]]}));
        assert_eq!(item["archive_location"], "AVPRF, fond 0102, opis 22");
    }

    #[test]
    fn the_note_is_the_citation_at_a_page_without_the_page() {
        let at = |text: &str| text.replace('X', SENTINEL);
        assert_eq!(without_locator(&at("(Borunkov, 1966, p. X)")), "(Borunkov, 1966)");
        assert_eq!(without_locator(&at("(Borunkov X)")), "(Borunkov)");
        assert_eq!(
            without_locator(&at("(“To Eleonore, at Bonn” X)")),
            "(“To Eleonore, at Bonn”)"
        );
        assert_eq!(
            without_locator(&at("A. Borunkov, “Title,” Memorandum, 1966, X, AVPRF.")),
            "A. Borunkov, “Title,” Memorandum, 1966, AVPRF."
        );
        assert_eq!(without_locator("no page"), "no page");
        // Each default style's note, formatted once, is what citeproc-js writes
        // without a locator (tests/integration/citeproc.rs).
        let notes: Vec<String> = Styles::named(&DEFAULT_STYLES.map(String::from))
            .cite_note(&memo())
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(notes[1], "(Borunkov)");
        assert_eq!(notes[2], "(Borunkov, 1966)");
        assert!(notes[0].contains("December 3, 1966, AVPRF"), "{}", notes[0]);
    }

    #[test]
    fn titles_keep_names_particles_and_mixed_case() {
        let cases = [
            ("McCone Relations with the army", "McCone Relations with the Army"),
            ("To Eleonore von Breuning, at Bonn", "To Eleonore von Breuning, at Bonn"),
            ("DPRK and USSR: the talks of march", "DPRK and USSR: The Talks of March"),
            ("To Schuppanzigh, and Lichnowsky", "To Schuppanzigh, and Lichnowsky"),
            ("Sino-Korean relations (memo)", "Sino-Korean Relations (memo)"),
        ];
        let styles = Styles::named(&["chicago-notes".to_string()]);
        for (title, cased) in cases {
            let mut record = memo();
            record.title = title.into();
            let entry = &styles.cite(&record)[0].text;
            assert!(entry.contains(&format!("“{cased}.”")), "{title}: {entry}");
        }
    }
}
