//! Text helpers every stage may use: folding for matching, the first sentence of a
//! note, the name of a language.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Lower case without diacritics: `Ènlái` → `enlai`, `Đồng` → `dong`.
pub(crate) fn fold(word: &str) -> String {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'đ' => 'd',
            'ø' => 'o',
            'ł' => 'l',
            'ß' => 's',
            'æ' => 'a',
            'œ' => 'o',
            'ı' => 'i',
            // A typographic apostrophe, and the modifier letter that some texts use
            // for one, are apostrophes, for the stemmer's `'s`.
            '\u{2019}' | '\u{2bc}' => '\'',
            other => other,
        })
        .collect()
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The first sentence of a plain text, cut at a word past 160 characters. Sentences are Unicode's (UAX #29), joined again where one ends at an
/// abbreviation or an initial: "St. Petersburg", "J. Smith", "d. 1994".
pub(crate) fn first_sentence(text: &str) -> String {
    let end = text
        .split_sentence_bound_indices()
        .map(|(at, sentence)| at + sentence.trim_end().len())
        .find(|&end| !ends_at_abbreviation(&text[..end]))
        .unwrap_or(text.len());
    let sentence = &text[..end];
    if sentence.chars().count() <= 160 {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(160).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(words, _)| words);
    format!("{cut}…")
}

/// Abbreviations an archive's notes use before a full stop that ends no sentence:
/// titles and ranks, and the editor's b., d., c., fl. and the like.
const ABBREVIATIONS: &[&str] = &[
    "b", "c", "ca", "cf", "Capt", "Col", "d", "Dr", "e.g", "fl", "Gen", "Gov", "i.e", "Jr", "Lt", "Mr", "Mrs", "Ms",
    "No", "nos", "p", "pp", "Pres", "Prof", "Rev", "Sen", "Sgt", "Sr", "St", "vol", "Vol", "vs",
];

fn ends_at_abbreviation(text: &str) -> bool {
    let Some(before_stop) = text.strip_suffix('.') else {
        return false;
    };
    let word = before_stop
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '[')
        .next()
        .unwrap_or_default();
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    initial || ABBREVIATIONS.contains(&word)
}

/// How a language's script runs: `rtl` for Arabic, Hebrew, Persian, Urdu, Yiddish,
/// Syriac, Dhivehi and Pashto, `ltr` for the rest.
pub(crate) fn direction(code: &str) -> &'static str {
    let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    match primary.as_str() {
        "ar" | "he" | "fa" | "ur" | "yi" | "syr" | "dv" | "ps" => "rtl",
        _ => "ltr",
    }
}

/// The name of the Snowball stemmer for a language, as the search client and
/// `search/normalize.rs` call it (`None`: its words are matched whole, as Chinese,
/// Japanese and Korean are); a text without a language is English.
pub(crate) fn stemmer_name(language: Option<&str>) -> Option<&'static str> {
    const STEMMERS: &[(&str, &str)] = &[
        ("ar", "arabic"),
        ("da", "danish"),
        ("nl", "dutch"),
        ("en", "english"),
        ("fi", "finnish"),
        ("fr", "french"),
        ("de", "german"),
        ("el", "greek"),
        ("hu", "hungarian"),
        ("it", "italian"),
        ("no", "norwegian"),
        ("nb", "norwegian"),
        ("nn", "norwegian"),
        ("pt", "portuguese"),
        ("ro", "romanian"),
        ("ru", "russian"),
        ("es", "spanish"),
        ("sv", "swedish"),
        ("ta", "tamil"),
        ("tr", "turkish"),
    ];
    let code = language.unwrap_or("en");
    let primary = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
    STEMMERS.iter().find(|(c, _)| *c == primary).map(|(_, name)| *name)
}

/// The language of a BCP 47 code in ISO 639's tables (isolang): its primary subtag of
/// two letters (639-1) or three (639-3); `None` for a language ISO 639 does not have.
pub(crate) fn iso_639(code: &str) -> Option<isolang::Language> {
    let primary = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
    match primary.len() {
        2 => isolang::Language::from_639_1(&primary),
        3 => isolang::Language::from_639_3(&primary),
        _ => None,
    }
}

/// The English name of a language code (`ru` → "Russian", `gsw` → "Swiss German"),
/// from ISO 639's tables (isolang), with the code after it when it says more than the
/// language (`zh-Hant` → "Chinese (zh-Hant)"); the code itself when ISO 639 has none.
pub(crate) fn language_name(code: &str) -> String {
    let Some(language) = iso_639(code) else {
        return code.to_string();
    };
    let primary = code.split('-').next().unwrap_or(code);
    // ISO 639's reference names qualify some (`Modern Greek (1453-)`): the reader wants
    // the language as it is called today.
    let name = language.to_name().split(" (").next().unwrap_or_default();
    let name = name.strip_prefix("Modern ").unwrap_or(name);
    if primary.len() == code.len() {
        name.to_string()
    } else {
        format!("{name} ({code})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_diacritics_and_unifies_apostrophes() {
        assert_eq!(fold("Zhou Ènlái"), "zhou enlai");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Workers’"), "workers'");
        assert_eq!(fold("DPRK"), "dprk");
    }

    #[test]
    fn a_first_sentence_is_cut_at_a_word_past_160_characters() {
        assert_eq!(first_sentence("One. Two."), "One.");
        let long = format!("{}.", "word ".repeat(60).trim_end());
        let cut = first_sentence(&long);
        assert!(cut.ends_with("word…") && cut.chars().count() <= 161, "{cut}");
    }

    #[test]
    fn a_language_is_named_with_its_region_or_left_as_its_code() {
        assert_eq!(language_name("ru"), "Russian");
        assert_eq!(language_name("zh-Hant"), "Chinese (zh-Hant)");
        assert_eq!(language_name("xx"), "xx");
        // Every language ISO 639 has, not a list of our own.
        assert_eq!(language_name("gsw"), "Swiss German");
        assert_eq!(language_name("el"), "Greek");
        for (code, name) in [
            ("en", "English"),
            ("ko", "Korean"),
            ("zh", "Chinese"),
            ("ja", "Japanese"),
            ("de", "German"),
            ("fr", "French"),
            ("es", "Spanish"),
            ("it", "Italian"),
            ("pl", "Polish"),
            ("cs", "Czech"),
            ("hu", "Hungarian"),
            ("ro", "Romanian"),
            ("bg", "Bulgarian"),
            ("sq", "Albanian"),
            ("vi", "Vietnamese"),
            ("mn", "Mongolian"),
            ("pt", "Portuguese"),
            ("ar", "Arabic"),
            ("la", "Latin"),
        ] {
            assert_eq!(language_name(code), name, "{code}");
        }
    }
}
