//! The words of the interface, in the archive's language.
//!
//! Every word a reader sees that the collection did not write (labels, counts, dates,
//! the tooltips of editorial marks, the search client's messages) is looked up here by
//! key. The translations are TOML tables, one file a language (`translations/`,
//! compiled in); a collection adds a language or changes some of its words with
//! `i18n/<language>.toml` beside its catalogue. A key a translation lacks falls back to
//! English, so a page never shows a key; `dossier check` says which.
//!
//! Counts take the forms CLDR's plural rules pick (Russian's one/few/many), the same
//! rules in the builder (intl_pluralrules, Project Fluent's) and in the browser
//! (`Intl.PluralRules`), through the one script [`Interface::client_script`] writes.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The translations compiled in, by language tag.
const SHIPPED: &[(&str, &str)] = &[
    ("en", include_str!("translations/en.toml")),
    ("de", include_str!("translations/de.toml")),
    ("fr", include_str!("translations/fr.toml")),
    ("es", include_str!("translations/es.toml")),
    ("ru", include_str!("translations/ru.toml")),
    ("zh", include_str!("translations/zh.toml")),
    ("ja", include_str!("translations/ja.toml")),
    ("ko", include_str!("translations/ko.toml")),
    ("ar", include_str!("translations/ar.toml")),
];

/// The folder of a collection's own translations, beside its catalogue.
pub const FOLDER: &str = "i18n";

/// The language every translation falls back to.
pub const FALLBACK: &str = "en";

/// One string of a translation: a text, a count's forms by plural category, or a list
/// (month names).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(untagged)]
pub enum Message {
    /// A text, with `{name}` where a value goes.
    Text(String),
    /// A count's forms by CLDR plural category (`one`, `few`, `other`...).
    Forms(BTreeMap<String, String>),
    /// A list of texts.
    List(Vec<String>),
}

/// A collection's translation file, read by the caller (through the sources stage's
/// rules on what a build may read).
#[derive(Debug, Clone)]
pub struct Translation {
    /// Where it is, for diagnostics.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// The words of one archive's interface.
pub struct Interface {
    /// The language the words are in: the archive's, or English when it has no
    /// translation.
    language: String,
    strings: HashMap<String, Message>,
    plurals: PluralRules,
    fingerprint: u64,
}

impl std::fmt::Debug for Interface {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interface")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// The shipped English interface, for what is written before an archive is known
/// (error messages, a date's `Display`).
pub fn english() -> &'static Interface {
    static ENGLISH: LazyLock<Interface> = LazyLock::new(|| {
        let (interface, _) = Interface::new(Some(FALLBACK), &BTreeMap::new(), Path::new(""));
        interface
    });
    &ENGLISH
}

impl Interface {
    /// The interface for an archive in `language` (English when `None`), from the
    /// shipped translations and the collection's own (`own`, by language tag). `index`
    /// is where the language was asked for, for the warning when none is found.
    pub fn new(language: Option<&str>, own: &BTreeMap<String, Translation>, index: &Path) -> (Interface, Diagnostics) {
        let mut diagnostics = Diagnostics::default();
        let wanted = language.unwrap_or(FALLBACK);
        let mut strings = HashMap::new();
        let english = shipped(FALLBACK).unwrap_or_default();
        read_into(
            &mut strings,
            english,
            Path::new("(the shipped English interface)"),
            &mut diagnostics,
        );
        let chosen = candidates(wanted)
            .into_iter()
            .find(|tag| shipped(tag).is_some() || own.contains_key(tag));
        let language = match chosen {
            Some(tag) => tag,
            None => {
                diagnostics.push(
                    Diagnostic::warning(
                        index,
                        None,
                        "language",
                        format!(
                            "the interface has no translation into `{wanted}`: its labels, dates and messages are in English"
                        ),
                    )
                    .with_help(format!(
                        "write {FOLDER}/{wanted}.toml beside the catalogue, with the keys of the English file (docs/catalogue.md, \"The interface's language\")"
                    )),
                );
                FALLBACK.to_string()
            }
        };
        if language != FALLBACK {
            let mut translated = HashMap::new();
            if let Some(text) = shipped(&language) {
                read_into(
                    &mut translated,
                    text,
                    Path::new("(a shipped translation)"),
                    &mut diagnostics,
                );
            }
            if let Some(file) = own.get(&language) {
                read_into(&mut translated, &file.text, &file.path, &mut diagnostics);
            }
            let mut missing: Vec<&String> = strings.keys().filter(|k| !translated.contains_key(*k)).collect();
            if !missing.is_empty() {
                missing.sort();
                let shown: Vec<String> = missing.iter().take(5).map(|k| format!("`{k}`")).collect();
                let more = if missing.len() > shown.len() {
                    format!(" and {} more", missing.len() - shown.len())
                } else {
                    String::new()
                };
                let file = own
                    .get(&language)
                    .map_or_else(|| index.to_path_buf(), |f| f.path.clone());
                diagnostics.push(
                    Diagnostic::warning(
                        file,
                        None,
                        "",
                        format!(
                            "the `{language}` interface lacks {} string(s), shown in English: {}{more}",
                            missing.len(),
                            shown.join(", ")
                        ),
                    )
                    .with_help(format!("add them to {FOLDER}/{language}.toml beside the catalogue")),
                );
            }
            strings.extend(translated);
        } else if let Some(file) = own.get(FALLBACK) {
            read_into(&mut strings, &file.text, &file.path, &mut diagnostics);
        }
        let plurals = plural_rules(&language);
        let mut hasher = rustc_hash::FxHasher::default();
        language.hash(&mut hasher);
        let mut keys: Vec<(&String, &Message)> = strings.iter().collect();
        keys.sort_by_key(|(k, _)| *k);
        keys.hash(&mut hasher);
        let interface = Interface {
            language,
            strings,
            plurals,
            fingerprint: hasher.finish(),
        };
        (interface, diagnostics)
    }

    /// The language tag the words are in.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// `rtl` for an interface in a language written right to left, else `ltr`.
    pub fn direction(&self) -> &'static str {
        crate::text::direction(&self.language)
    }

    /// A hash of every word, for caches that hold what was written with them.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The message under `key`, if any translation has it.
    pub fn message(&self, key: &str) -> Option<&Message> {
        self.strings.get(key)
    }

    /// The text under `key` with no value put in (a count's `other` form); empty for a
    /// key English lacks, which the tests catch: a debug build stops at it.
    pub fn text(&self, key: &str) -> &str {
        debug_assert!(self.strings.contains_key(key), "no interface string `{key}`");
        match self.strings.get(key) {
            Some(Message::Text(text)) => text,
            Some(Message::Forms(forms)) => forms.get("other").map_or("", String::as_str),
            _ => "",
        }
    }

    /// The text under `key`, `{name}` replaced by each value of `args`.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.text(key), args)
    }

    /// The form of `key` for the count `n`, with `{n}` and `args` put in.
    pub fn count(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let text = match self.strings.get(key) {
            Some(Message::Forms(forms)) => forms
                .get(self.plural_category(n))
                .or_else(|| forms.get("other"))
                .map_or("", String::as_str),
            _ => self.text(key),
        };
        let number = n.to_string();
        let mut all = vec![("n", number.as_str())];
        all.extend_from_slice(args);
        fill(text, &all)
    }

    /// The list under `key` (empty when there is none).
    pub fn list(&self, key: &str) -> &[String] {
        debug_assert!(self.strings.contains_key(key), "no interface list `{key}`");
        match self.strings.get(key) {
            Some(Message::List(list)) => list,
            _ => &[],
        }
    }

    /// CLDR's plural category of `n` in the interface's language.
    pub fn plural_category(&self, n: usize) -> &'static str {
        match self.plurals.select(n) {
            Ok(PluralCategory::ZERO) => "zero",
            Ok(PluralCategory::ONE) => "one",
            Ok(PluralCategory::TWO) => "two",
            Ok(PluralCategory::FEW) => "few",
            Ok(PluralCategory::MANY) => "many",
            _ => "other",
        }
    }

    /// A decimal number with one decimal, as the language writes it ("14.2", "14,2").
    pub fn decimal(&self, value: f64) -> String {
        format!("{value:.1}").replace('.', self.text("count.decimal_separator"))
    }

    /// A language's name for a reader of this interface: the translation's own
    /// (`languages.de`), else ISO 639's English name in English, else the language's
    /// name for itself ("Deutsch"), else the code.
    pub fn language_name(&self, code: &str) -> String {
        let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
        for key in [format!("languages.{code}"), format!("languages.{primary}")] {
            if let Some(Message::Text(name)) = self.strings.get(&key) {
                return name.clone();
            }
        }
        if self.language == FALLBACK {
            return crate::text::language_name(code);
        }
        match crate::text::iso_639(code).and_then(|l| l.to_autonym()) {
            Some(own) if primary.len() == code.len() => own.to_string(),
            Some(own) => format!("{own} ({code})"),
            None => crate::text::language_name(code),
        }
    }

    /// `static/interface.js`: every string and the language, and `t(key, args)` that
    /// picks a count's form with the browser's `Intl.PluralRules`, as [`Self::count`].
    pub fn client_script(&self) -> String {
        let strings: BTreeMap<&String, &Message> = self.strings.iter().filter(|(key, _)| for_the_client(key)).collect();
        let data = serde_json::json!({
            "language": self.language,
            "strings": strings,
        });
        let script = CLIENT.replace("/*DATA*/null", &data.to_string());
        // The file's opening comment is for readers of the source.
        match script.find("*/\n") {
            Some(end) if script.starts_with("/*") => script[end + 3..].to_string(),
            _ => script,
        }
    }

    /// `static/interface.css`: the words the style sheet writes (the "cite" beside
    /// each page number), as custom properties.
    pub fn client_style(&self) -> String {
        let mut quoted = String::from("\"");
        for c in self.text("marks.cite").chars() {
            match c {
                '"' | '\\' => {
                    quoted.push('\\');
                    quoted.push(c);
                }
                c if c.is_control() => {}
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        format!(":root {{ --cite-label: {quoted}; }}\n")
    }
}

/// The words the theme's scripts use (a key, or a prefix ending in `_`): a page loads
/// no more than it needs. A test holds every `T("…")` of the scripts to this list.
const CLIENT_KEYS: &[&str] = &[
    "cite.cite_page",
    "cite.copied",
    "cite.copy",
    "count.documents",
    "dates.decade",
    "dates.undated",
    "find.matches",
    "find.not_found",
    "find.position",
    "panes.show",
    "panes.tabs",
    "scans.fit",
    "scans.fit_short",
    "scans.next",
    "scans.previous",
    "scans.status",
    "scans.viewer",
    "scans.zoom_in",
    "scans.zoom_out",
    "search.all_results",
    "search.also_matching",
    "search.facet_",
    "search.failed",
    "search.in_the_original",
    "search.in_the_translation",
    "search.no_results",
    "search.range_note",
    "search.unavailable",
];

fn for_the_client(key: &str) -> bool {
    CLIENT_KEYS
        .iter()
        .any(|k| key == *k || (k.ends_with('_') && key.starts_with(k)))
}

/// The client half of [`Interface`]: `window.dossierInterface.t`.
const CLIENT: &str = include_str!("interface.js");

/// `{name}` in `text` replaced by each value of `args`; other braces kept.
fn fill(text: &str, args: &[(&str, &str)]) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            args.iter()
                .find(|(name, _)| *name == &after[..close])
                .map(|a| (close, a.1))
        });
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn shipped(tag: &str) -> Option<&'static str> {
    SHIPPED.iter().find(|(t, _)| *t == tag).map(|(_, text)| *text)
}

/// The tags to look for, most precise first: `zh-Hans-CN`, `zh-Hans`, `zh`. The
/// shipped `zh` is Simplified Chinese: Traditional (`zh-Hant`, `zh-TW`, `zh-HK`) does
/// not fall back to it.
fn candidates(tag: &str) -> Vec<String> {
    let parts: Vec<&str> = tag.split(['-', '_']).collect();
    let traditional = parts.first().is_some_and(|p| p.eq_ignore_ascii_case("zh"))
        && parts[1..]
            .iter()
            .any(|p| ["hant", "tw", "hk", "mo"].contains(&p.to_ascii_lowercase().as_str()));
    (1..=parts.len())
        .rev()
        .filter(|&n| !(traditional && n == 1))
        .map(|n| parts[..n].join("-"))
        .collect()
}

fn plural_rules(language: &str) -> PluralRules {
    let english = || {
        let en: LanguageIdentifier = "en".parse().unwrap_or_default();
        PluralRules::create(en, PluralRuleType::CARDINAL)
            .unwrap_or_else(|_| unreachable!("CLDR has English's plural rules"))
    };
    let Ok(id) = language.parse::<LanguageIdentifier>() else {
        return english();
    };
    PluralRules::create(id.clone(), PluralRuleType::CARDINAL)
        .or_else(|_| {
            let primary: LanguageIdentifier = id.language.as_str().parse().map_err(|_| "no language")?;
            PluralRules::create(primary, PluralRuleType::CARDINAL)
        })
        .unwrap_or_else(|_| english())
}

/// The CLDR plural categories a count's forms may name.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Reads a translation's TOML into `strings` (`table.key` = message), reporting what
/// it cannot read with its line.
fn read_into(strings: &mut HashMap<String, Message>, text: &str, path: &Path, diagnostics: &mut Diagnostics) {
    let table: toml::Table = match text.parse() {
        Ok(table) => table,
        Err(error) => {
            let line = error.span().map(|span| line_of(text, span.start));
            diagnostics.push(Diagnostic::error(
                path,
                line,
                "",
                format!("not a translation file: {}", error.message()),
            ));
            return;
        }
    };
    for (section, value) in table {
        let toml::Value::Table(entries) = value else {
            diagnostics.push(Diagnostic::error(
                path,
                find_line(text, &section),
                &section,
                "expected a table (`[section]`) of strings",
            ));
            continue;
        };
        for (name, value) in entries {
            let key = format!("{section}.{name}");
            match message(&value) {
                Ok(message) => {
                    strings.insert(key, message);
                }
                Err(problem) => diagnostics.push(Diagnostic::error(path, find_line(text, &name), &key, problem)),
            }
        }
    }
}

fn message(value: &toml::Value) -> Result<Message, String> {
    match value {
        toml::Value::String(text) => Ok(Message::Text(text.clone())),
        toml::Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string).ok_or("a list must hold strings only"))
            .collect::<Result<_, _>>()
            .map(Message::List)
            .map_err(str::to_string),
        toml::Value::Table(forms) => {
            let mut out = BTreeMap::new();
            for (category, text) in forms {
                if !CATEGORIES.contains(&category.as_str()) {
                    return Err(format!(
                        "`{category}` is not a plural category: expected {}",
                        CATEGORIES.join(", ")
                    ));
                }
                let text = text.as_str().ok_or("a count's forms must be strings")?;
                out.insert(category.clone(), text.to_string());
            }
            if !out.contains_key("other") {
                return Err("a count's forms need `other`, the form every language has".to_string());
            }
            Ok(Message::Forms(out))
        }
        _ => Err("expected a string, a list of strings or a table of a count's forms".to_string()),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The first line that sets `name`, for a diagnostic about it.
fn find_line(text: &str, name: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
                || line.trim() == format!("[{name}]")
        })
        .map(|at| at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interface(language: &str) -> (Interface, Diagnostics) {
        Interface::new(Some(language), &BTreeMap::new(), Path::new("INDEX.md"))
    }

    #[test]
    fn every_shipped_translation_has_every_english_key_and_no_other() {
        let (english, problems) = interface("en");
        assert!(problems.0.is_empty(), "{problems:?}");
        for (tag, text) in SHIPPED {
            let mut strings = HashMap::new();
            let mut problems = Diagnostics::default();
            read_into(&mut strings, text, Path::new(tag), &mut problems);
            assert!(problems.0.is_empty(), "{tag}: {problems:?}");
            let mut missing: Vec<_> = english.strings.keys().filter(|k| !strings.contains_key(*k)).collect();
            missing.sort();
            assert!(missing.is_empty(), "{tag} lacks {missing:?}");
            let mut extra: Vec<_> = strings
                .keys()
                .filter(|k| !english.strings.contains_key(*k) && !k.starts_with("languages."))
                .collect();
            extra.sort();
            assert!(extra.is_empty(), "{tag} has keys English has not: {extra:?}");
            for key in ["dates.months", "dates.months_of_day"] {
                assert_eq!(strings_list(&strings, key).len(), 12, "{tag} {key}");
            }
            assert_eq!(strings_list(&strings, "dates.seasons").len(), 4, "{tag}");
        }
    }

    fn strings_list<'a>(strings: &'a HashMap<String, Message>, key: &str) -> &'a [String] {
        match strings.get(key) {
            Some(Message::List(list)) => list,
            _ => &[],
        }
    }

    #[test]
    fn counts_take_the_form_their_language_gives_them() {
        let (russian, _) = interface("ru");
        assert_eq!(russian.count("count.documents", 1, &[]), "1 документ");
        assert_eq!(russian.count("count.documents", 3, &[]), "3 документа");
        assert_eq!(russian.count("count.documents", 5, &[]), "5 документов");
        assert_eq!(russian.count("count.documents", 21, &[]), "21 документ");
        let (english, _) = interface("en");
        assert_eq!(english.count("count.documents", 1, &[]), "1 document");
        assert_eq!(english.count("count.documents", 0, &[]), "0 documents");
        let (arabic, _) = interface("ar");
        assert_eq!(arabic.plural_category(2), "two");
        assert_eq!(arabic.plural_category(3), "few");
    }

    #[test]
    fn a_region_or_script_falls_back_to_its_language_and_an_unknown_one_to_english_with_a_warning() {
        let (interface_, problems) = interface("ru-RU");
        assert_eq!(interface_.language(), "ru");
        assert!(problems.0.is_empty());
        let (interface_, problems) = interface("zh-Hans-CN");
        assert_eq!(interface_.language(), "zh");
        assert!(problems.0.is_empty());
        let (interface_, problems) = interface("zh-Hant-TW");
        assert_eq!(
            interface_.language(),
            "en",
            "Traditional Chinese is not the Simplified words"
        );
        assert_eq!(problems.0.len(), 1);
        let (interface_, problems) = interface("tlh");
        assert_eq!(interface_.language(), "en");
        assert_eq!(problems.0.len(), 1, "{problems:?}");
        assert!(problems.0[0].message.contains("`tlh`"), "{problems:?}");
        assert_eq!(interface_.text("nav.timeline"), "Timeline");
    }

    #[test]
    fn a_collection_changes_some_words_and_the_rest_fall_back_to_english_with_one_warning() {
        let mut own = BTreeMap::new();
        own.insert(
            "it".to_string(),
            Translation {
                path: PathBuf::from("i18n/it.toml"),
                text: "[nav]\ntimeline = \"Cronologia\"\n[count]\ndocuments = { one = \"{n} documento\", other = \"{n} documenti\" }\n"
                    .to_string(),
            },
        );
        own.insert(
            "ru".to_string(),
            Translation {
                path: PathBuf::from("i18n/ru.toml"),
                text: "[nav]\ntimeline = \"Хроника\"\n".to_string(),
            },
        );
        let (italian, problems) = Interface::new(Some("it"), &own, Path::new("INDEX.md"));
        assert_eq!(italian.text("nav.timeline"), "Cronologia");
        assert_eq!(italian.count("count.documents", 2, &[]), "2 documenti");
        assert_eq!(italian.text("nav.subjects"), "Subjects");
        assert_eq!(problems.0.len(), 1, "{problems:?}");
        assert!(problems.0[0].message.contains("lacks"), "{problems:?}");
        let (russian, problems) = Interface::new(Some("ru"), &own, Path::new("INDEX.md"));
        assert_eq!(russian.text("nav.timeline"), "Хроника");
        assert_eq!(russian.text("nav.subjects"), "Темы");
        assert!(problems.0.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_broken_translation_is_an_error_at_its_line() {
        let mut own = BTreeMap::new();
        own.insert(
            "ru".to_string(),
            Translation {
                path: PathBuf::from("i18n/ru.toml"),
                text: "[nav]\ntimeline = \"Хроника\"\ncount = { single = \"x\" }\nbroken = \n".to_string(),
            },
        );
        let (_, problems) = Interface::new(Some("ru"), &own, Path::new("INDEX.md"));
        assert!(problems.has_errors());
        assert_eq!(problems.0[0].line, Some(4), "{problems:?}");
    }

    #[test]
    fn values_are_put_in_by_name_and_other_braces_are_kept() {
        assert_eq!(fill("{a} and {b}", &[("a", "x"), ("b", "y")]), "x and y");
        assert_eq!(fill("{a} {unknown} {", &[("a", "x")]), "x {unknown} {");
        let (german, _) = interface("de");
        assert_eq!(german.decimal(14.25), "14,2");
        assert_eq!(german.language_name("ru"), "Russisch");
        let (korean, _) = interface("ko");
        assert_eq!(korean.language_name("fr"), "프랑스어");
    }

    #[test]
    fn the_scripts_ask_only_for_the_words_the_client_script_carries() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
        let mut asked = Vec::new();
        for entry in std::fs::read_dir(&folder).expect("the theme's scripts") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "js") {
                let text = std::fs::read_to_string(&path).expect("a script");
                for (at, _) in text.match_indices("T(\"") {
                    let key = &text[at + 3..];
                    asked.push(key[..key.find('"').expect("a closing quote")].to_string());
                }
            }
        }
        assert!(asked.len() > 20, "{asked:?}");
        let (english, _) = interface("en");
        for key in asked {
            assert!(for_the_client(&key), "{key} is not sent to the scripts");
            if !key.ends_with('_') {
                assert!(english.message(&key).is_some(), "{key} is not a string");
            }
        }
    }

    #[test]
    fn the_style_gets_its_words_quoted() {
        let (russian, _) = interface("ru");
        assert_eq!(russian.client_style(), ":root { --cite-label: \"цит.\"; }\n");
    }

    #[test]
    fn the_client_script_carries_every_string() {
        let (russian, _) = interface("ru");
        let script = russian.client_script();
        assert!(script.contains("\"language\":\"ru\""));
        assert!(script.contains("документов"));
        assert!(
            !script.contains("Об этом документе"),
            "the templates' words stay in the pages"
        );
        assert!(!script.contains("/*DATA*/"));
    }
}
