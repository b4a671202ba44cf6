//! The styles a reader copies, formatted by hayagriva (a CSL processor with the CSL
//! project's styles bundled): notes, bibliography entries and short forms, with the
//! titles, quotes, dates and parentheses kept as the edition writes them.

use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::{FontStyle, FontWeight, IndependentStyle, Locale, Style};
use hayagriva::types::{ChunkKind, Date, EntryType, FormatString, Person, QualifiedUrl};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild, ElemChildren, Entry,
    LocatorPayload, SpecificLocator,
};

use super::record::{Author, Record};

/// Where a page citation's page goes until a reader picks one.
pub const PAGE_SLOT: &str = "[page]";
/// A private-use character that no style changes, formatted in place of the page.
pub(super) const SENTINEL: &str = "\u{E000}";
/// A private-use character that opens a cased chunk of a title after a verbatim one
/// ([`protected_title`]); never in the output.
pub(super) const CHUNK_MARK: &str = "\u{E001}";

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
    /// The citation as plain text.
    pub text: String,
    /// The citation as HTML (italics kept).
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
pub(super) fn without_locator(text: &str) -> String {
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
pub(super) fn label(name: &str, style: &IndependentStyle) -> String {
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

pub(super) fn plain(content: &ElemChildren) -> String {
    let mut out = String::new();
    write_children(&mut out, &content.0, false);
    alternate_nested_quotes(&out)
}

/// The citation as HTML: italics and bold as `<i>` and `<b>`, links as links, and
/// every text escaped.
pub(super) fn html(content: &ElemChildren) -> String {
    let mut out = String::new();
    write_children(&mut out, &content.0, true);
    alternate_nested_quotes(&out)
}

pub(super) fn write_children(out: &mut String, children: &[ElemChild], html: bool) {
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

pub(super) fn push_text(out: &mut String, text: &str, html: bool) {
    let text = &text.replace(CHUNK_MARK, "");
    if html {
        crate::html::push_escaped(out, text);
    } else {
        out.push_str(text);
    }
}

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

/// An approximate date as "ca. 1813". CSL has one flag for a date that is uncertain
/// and one that is approximate, and the Chicago and MLA styles write it "[1813?]",
/// which says the date is doubted; a date the catalogue marks only approximate (`~`)
/// is written with the English locale's term for circa instead.
pub(super) fn circa(text: &str, year: i64) -> String {
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
pub(super) fn closing_parenthesis_kept(text: &str, source: &str) -> String {
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
pub(super) fn alternate_nested_quotes(text: &str) -> String {
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
