//! The styles a reader copies, formatted by hayagriva (a CSL processor with the CSL
//! project's styles bundled): notes, bibliography entries and short forms, with the
//! titles, quotes, dates and parentheses kept as the edition writes them.

use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::{FontStyle, FontWeight, IndependentStyle, Locale, LocaleCode, Style};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild, ElemChildren, LocatorPayload,
    SpecificLocator,
};

use super::entry::{entry, CHUNK_MARK};
use super::record::Record;
use super::shapes::{Raw, Rendered, TemplateCounts, Templates};

/// Where a page citation's page goes until a reader picks one.
pub const PAGE_SLOT: &str = "[page]";
/// A private-use character that no style changes, formatted in place of the page.
pub(super) const SENTINEL: &str = "\u{E000}";

/// The citation styles of an archive, loaded once for a build.
pub struct Styles {
    styles: Vec<(String, IndependentStyle)>,
    locales: Vec<Locale>,
    /// The locale of the terms ("p.", "n.d.", month names), the archive's language's
    /// where CSL has one; `None` for the style's own (English).
    locale: Option<LocaleCode>,
    /// The locale's short term for circa ("ca.", "ок."), for approximate dates.
    circa: String,
    /// Formatting by shape of record; none formats every record by hayagriva.
    templates: Option<Templates>,
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
        Styles::named_in(names, None)
    }

    /// [`Styles::named`] with the terms of the CSL locale of `language` (an archive's
    /// language: `ru` is CSL's `ru-RU`); English's where CSL has none.
    pub fn named_in(names: &[String], language: Option<&str>) -> Styles {
        Styles {
            templates: Some(Templates::default()),
            ..Styles::without_templates_in(names, language)
        }
    }

    /// The same styles formatting every record by hayagriva, as the reference the
    /// templates are checked against ([`super::shapes`]).
    pub fn without_templates(names: &[String]) -> Styles {
        Styles::without_templates_in(names, None)
    }

    /// [`Styles::without_templates`] in the locale of `language`.
    pub fn without_templates_in(names: &[String], language: Option<&str>) -> Styles {
        let styles = names
            .iter()
            .filter_map(|name| match ArchivedStyle::by_name(name)?.get() {
                Style::Independent(style) => Some((name.clone(), style)),
                Style::Dependent(_) => None,
            })
            .collect();
        // The terms of English (the locale CSL falls back to): looking through every
        // bundled locale for each citation made it several times slower.
        let all = locales();
        let locale = language.and_then(|language| csl_locale(&all, language));
        // English's is "ca.", as the tests against citeproc-js hold it; another
        // language's is its locale's short term.
        let circa = locale
            .as_ref()
            .and_then(|locale| circa_term(&all, locale))
            .unwrap_or_else(|| "ca.".to_string());
        let locales = all
            .into_iter()
            .filter(|l| {
                l.lang
                    .as_ref()
                    .is_some_and(|lang| lang.0 == "en-US" || Some(lang) == locale.as_ref())
            })
            .collect();
        Styles {
            styles,
            locales,
            locale,
            circa,
            templates: None,
        }
    }

    /// How many records were formatted from a template and how many by hayagriva.
    pub fn template_counts(&self) -> TemplateCounts {
        self.templates.as_ref().map(Templates::counts).unwrap_or_default()
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
        let raw = match &self.templates {
            Some(templates) => templates.raw(record, &|record| self.raw_by_hayagriva(record)),
            None => self.raw_by_hayagriva(record),
        };
        self.styles
            .iter()
            .zip(raw)
            .map(|((name, style), raw)| {
                let approximate = record.date.filter(|d| d.approximate && !d.uncertain);
                let dated = |text: String| {
                    let text = match approximate {
                        Some(date) => circa(&text, date.year, &self.circa),
                        None => text,
                    };
                    match &record.source {
                        Some(source) => closing_parenthesis_kept(&text, source),
                        None => text,
                    }
                };
                let citation = |rendered: Option<Rendered>| {
                    let Rendered { text, html } = rendered.unwrap_or_else(|| Rendered {
                        text: String::new(),
                        html: String::new(),
                    });
                    Citation {
                        style: style.info.title.value.clone(),
                        label: label(name, style),
                        name: name.clone(),
                        text: dated(text),
                        html: dated(html),
                    }
                };
                let at_page = citation(raw.at_page);
                let note = Citation {
                    text: without_locator(&at_page.text),
                    html: without_locator(&at_page.html),
                    ..at_page.clone()
                };
                Forms {
                    // A style without a bibliography (a note style may have none)
                    // lists the document as its note.
                    entry: match raw.listed {
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

    /// What hayagriva makes of the record in each style: the citation at the page
    /// [`SENTINEL`] and the bibliography entry.
    fn raw_by_hayagriva(&self, record: &Record) -> Vec<Raw> {
        let entry = entry(record);
        let rendered = |content: &ElemChildren| Rendered {
            text: plain(content),
            html: html(content),
        };
        self.styles
            .iter()
            .map(|(_, style)| {
                let mut driver = BibliographyDriver::new();
                let locator = SpecificLocator(
                    hayagriva::citationberg::taxonomy::Locator::Page,
                    LocatorPayload::Str(SENTINEL),
                );
                driver.citation(CitationRequest::new(
                    vec![CitationItem::with_locator(&entry, Some(locator))],
                    style,
                    self.locale.clone(),
                    &self.locales,
                    None,
                ));
                let formatted = driver.finish(BibliographyRequest::new(style, self.locale.clone(), &self.locales));
                Raw {
                    at_page: formatted.citations.first().map(|c| rendered(&c.citation)),
                    listed: formatted
                        .bibliography
                        .as_ref()
                        .and_then(|b| b.items.first())
                        .map(|i| rendered(&i.content)),
                }
            })
            .collect()
    }
}

/// The short term for circa of `locale`.
fn circa_term(all: &[Locale], locale: &LocaleCode) -> Option<String> {
    let locale = all.iter().find(|l| l.lang.as_ref() == Some(locale))?;
    let terms = locale.terms.as_ref()?;
    terms
        .terms
        .iter()
        .filter(|t| {
            matches!(
                t.name,
                hayagriva::citationberg::taxonomy::Term::Other(hayagriva::citationberg::taxonomy::OtherTerm::Circa)
            )
        })
        .find(|t| t.form == hayagriva::citationberg::TermForm::Short)
        .or_else(|| {
            terms.terms.iter().find(|t| {
                matches!(
                    t.name,
                    hayagriva::citationberg::taxonomy::Term::Other(hayagriva::citationberg::taxonomy::OtherTerm::Circa)
                )
            })
        })
        .and_then(|t| t.single())
        .map(str::to_string)
}

/// The bundled CSL locale of a language: its own code (`pt-BR`), else the one CSL
/// makes its language's default (`de` is `de-DE`), else the first of its language.
fn csl_locale(all: &[Locale], language: &str) -> Option<LocaleCode> {
    let codes: Vec<&LocaleCode> = all.iter().filter_map(|l| l.lang.as_ref()).collect();
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or(language)
        .to_ascii_lowercase();
    let of_language = |code: &&LocaleCode| {
        code.0
            .split('-')
            .next()
            .is_some_and(|p| p.eq_ignore_ascii_case(&primary))
    };
    if primary == "en" {
        return None;
    }
    codes
        .iter()
        .find(|code| code.0.eq_ignore_ascii_case(language))
        .or_else(|| {
            // Traditional Chinese's terms are Taiwan's, not the mainland's default.
            let traditional = ["hant", "tw", "hk", "mo"]
                .iter()
                .any(|t| language.to_ascii_lowercase().split(['-', '_']).skip(1).any(|p| p == *t));
            let default = if primary == "zh" && traditional {
                Some("zh-TW".to_string())
            } else {
                code_default(&primary)
            };
            codes.iter().find(|code| Some(code.0.as_str()) == default.as_deref())
        })
        .or_else(|| codes.iter().find(|code| of_language(code)))
        .map(|code| (*code).clone())
}

/// CSL's default region of a language (its `locales.json` "primary-dialects").
fn code_default(primary: &str) -> Option<String> {
    let region = match primary {
        "ar" => "ar",
        "de" => "DE",
        "es" => "ES",
        "fr" => "FR",
        "pt" => "PT",
        "zh" => "CN",
        "ja" => "JP",
        "ko" => "KR",
        "ru" => "RU",
        "sv" => "SE",
        "nl" => "NL",
        "it" => "IT",
        _ => return None,
    };
    Some(if region == primary {
        primary.to_string()
    } else {
        format!("{primary}-{region}")
    })
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

/// An approximate date as "ca. 1813". CSL has one flag for a date that is uncertain
/// and one that is approximate, and the Chicago and MLA styles write it "[1813?]",
/// which says the date is doubted; a date the catalogue marks only approximate (`~`)
/// is written with the locale's term for circa instead (`term`: "ca.", "ок.").
pub(super) fn circa(text: &str, year: i64, term: &str) -> String {
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
                let mut letters = term.chars();
                out.extend(letters.next().into_iter().flat_map(char::to_uppercase));
                out.extend(letters);
                out.push(' ');
            } else {
                if out.ends_with(' ') && !out.trim_end().ends_with([',', ';', ':', '(']) {
                    out.pop();
                    out.push_str(", ");
                }
                out.push_str(term);
                out.push(' ');
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

    #[test]
    fn a_language_gets_its_csl_locale_and_english_the_styles_own() {
        let all = locales();
        let code = |language: &str| csl_locale(&all, language).map(|c| c.0);
        assert_eq!(code("en"), None);
        assert_eq!(code("ru"), Some("ru-RU".to_string()));
        assert_eq!(code("de"), Some("de-DE".to_string()));
        assert_eq!(code("de-AT"), Some("de-AT".to_string()));
        assert_eq!(code("pt-BR"), Some("pt-BR".to_string()));
        assert_eq!(code("zh"), Some("zh-CN".to_string()));
        assert_eq!(code("zh-Hant"), Some("zh-TW".to_string()));
        assert_eq!(code("ar"), Some("ar".to_string()));
        assert_eq!(code("tlh"), None);
        let russian = csl_locale(&all, "ru").expect("a Russian locale");
        assert_eq!(circa_term(&all, &russian).as_deref(), Some("ок."));
    }
}
