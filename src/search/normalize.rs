//! Words to terms, exactly as the client does it (`static/search.js`): Unicode words,
//! lower case, stemmed by the Snowball algorithm of their text's language where
//! rust-stemmers has one (struggles = struggle, договора = договор), then diacritics
//! removed (Zhou Ènlái = Zhou Enlai). The stemmer sees the word as written (Russian's
//! й is not и to it); what it makes is folded, so a query typed without accents finds
//! the accented word.

use rustc_hash::FxHashMap as HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{fold, stemmer_name};

/// Turns text into index terms, the same way the client turns queries into terms.
pub struct Normalizer {
    stemmer: Option<(Stemmer, &'static str)>,
}

/// rust-stemmers' algorithm of each of the client's stemmer names
/// ([`crate::text::stemmer_name`]).
const ALGORITHMS: &[(&str, Algorithm)] = &[
    ("arabic", Algorithm::Arabic),
    ("danish", Algorithm::Danish),
    ("dutch", Algorithm::Dutch),
    ("english", Algorithm::English),
    ("finnish", Algorithm::Finnish),
    ("french", Algorithm::French),
    ("german", Algorithm::German),
    ("greek", Algorithm::Greek),
    ("hungarian", Algorithm::Hungarian),
    ("italian", Algorithm::Italian),
    ("norwegian", Algorithm::Norwegian),
    ("portuguese", Algorithm::Portuguese),
    ("romanian", Algorithm::Romanian),
    ("russian", Algorithm::Russian),
    ("spanish", Algorithm::Spanish),
    ("swedish", Algorithm::Swedish),
    ("tamil", Algorithm::Tamil),
    ("turkish", Algorithm::Turkish),
];

impl Normalizer {
    /// The terms of a text in `language` (an archive without one is English).
    pub fn for_language(language: Option<&str>) -> Normalizer {
        let name = stemmer_name(language);
        Normalizer {
            stemmer: ALGORITHMS
                .iter()
                .find(|(n, _)| Some(*n) == name)
                .map(|(name, algorithm)| (Stemmer::create(*algorithm), *name)),
        }
    }

    /// Whether words are stemmed.
    pub fn stems(&self) -> bool {
        self.stemmer.is_some()
    }

    /// The client's name of its stemmer (`russian`), if it stems.
    pub fn stemmer_name(&self) -> Option<&'static str> {
        self.stemmer.as_ref().map(|(_, name)| *name)
    }

    /// The terms of a text, in order.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        for_each_word(text, |word| {
            let term = self.term(word);
            if !term.is_empty() {
                terms.push(term);
            }
        });
        terms
    }

    /// One word: lower case, stemmed, then folded (no diacritics).
    pub fn term(&self, word: &str) -> String {
        match &self.stemmer {
            Some((stemmer, _)) => fold(&stemmer.stem(&lower(word))),
            None => fold(word),
        }
    }
}

/// Lower case with one apostrophe, as the stemmer wants a word (`Kim’s` → `kim's`),
/// and ё as е, as Russian is mostly printed (Snowball's newer Russian stemmer, the
/// client's, reads it so; rust-stemmers' older one does not).
fn lower(word: &str) -> String {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return word.to_ascii_lowercase();
    }
    word.to_lowercase()
        .replace(['\u{2019}', '\u{2bc}'], "'")
        .replace('ё', "е")
}

/// The words of a text by Unicode's word boundaries (UAX #29), as
/// `unicode_words` finds them and the browser's `Intl.Segmenter` does.
///
/// Most of an archive's text is ASCII, where the rules are few: a word is a run of
/// letters, digits and `_`, which `'`, `.` or `:` joins between two letters and `'`,
/// `.`, `,` or `;` between two digits. Those runs are found here byte by byte;
/// anything with other characters goes to the full Unicode segmenter. No word spans
/// white space, so the text is taken a white-space-separated piece at a time.
///
/// Scripts written without spaces between words (Chinese, Japanese, Korean's
/// particle-suffixed words, Thai and its neighbours) are cut into overlapping pairs
/// of characters, as Lucene's CJK analyser does: `外交部` is `外交`, `交部`, so a query
/// of any length matches as a phrase of its pairs, and `평양` is found inside
/// `평양에서`. A run of one character is that character.
pub(super) fn for_each_word<'a>(text: &'a str, mut found: impl FnMut(&'a str)) {
    for piece in text.split(|c: char| c.is_ascii_whitespace()) {
        if piece.is_ascii() {
            ascii_words(piece, &mut found);
        } else if !piece.chars().any(is_unspaced) {
            piece.unicode_words().for_each(&mut found);
        } else {
            unspaced_runs(piece, &mut found);
        }
    }
}

/// Characters of scripts that do not put spaces between words, for which words
/// are pairs of characters: Han, Hiragana, Katakana, Hangul, Thai, Lao, Khmer,
/// Myanmar. The client's `UNSPACED` is the same set.
pub(super) fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1100}'..='\u{11FF}' // Hangul Jamo
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3130}'..='\u{318F}' // Hangul compatibility Jamo
        | '\u{31F0}'..='\u{31FF}' // Katakana extensions
        | '\u{3400}'..='\u{4DBF}' // Han extension A
        | '\u{4E00}'..='\u{9FFF}' // Han
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // Han compatibility
        | '\u{20000}'..='\u{3134F}' // Han extensions B to G
    )
}

/// A piece holding unspaced script: its runs of such characters as pairs, the text
/// between them as words.
fn unspaced_runs<'a>(piece: &'a str, found: &mut impl FnMut(&'a str)) {
    let mut rest = piece;
    while !rest.is_empty() {
        let run_start = rest.find(is_unspaced).unwrap_or(rest.len());
        rest[..run_start].unicode_words().for_each(&mut *found);
        rest = &rest[run_start..];
        let run_end = rest.find(|c: char| !is_unspaced(c)).unwrap_or(rest.len());
        let run = &rest[..run_end];
        let starts: Vec<usize> = run.char_indices().map(|(i, _)| i).chain([run.len()]).collect();
        if starts.len() == 2 {
            found(run);
        } else {
            for pair in starts.windows(3) {
                found(&run[pair[0]..pair[2]]);
            }
        }
        rest = &rest[run_end..];
    }
}

fn ascii_words<'a>(piece: &'a str, found: &mut impl FnMut(&'a str)) {
    let bytes = piece.as_bytes();
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut at = 0;
    while at < bytes.len() {
        if !word_byte(bytes[at]) {
            at += 1;
            continue;
        }
        let start = at;
        loop {
            while at < bytes.len() && word_byte(bytes[at]) {
                at += 1;
            }
            let (Some(&before), Some(&mid), Some(&after)) =
                (bytes.get(at.wrapping_sub(1)), bytes.get(at), bytes.get(at + 1))
            else {
                break;
            };
            let letters =
                before.is_ascii_alphabetic() && after.is_ascii_alphabetic() && matches!(mid, b'\'' | b'.' | b':');
            let digits = before.is_ascii_digit() && after.is_ascii_digit() && matches!(mid, b'\'' | b'.' | b',' | b';');
            if !(letters || digits) {
                break;
            }
            at += 1;
        }
        let word = &piece[start..at];
        if word.bytes().any(|b| b.is_ascii_alphanumeric()) {
            found(word);
        }
    }
}

/// Words to term ids, so each distinct word is stemmed and folded once and each term
/// is one small number while the index is built.
pub(super) struct Vocabulary {
    /// The id of each word seen, by the word as written, for each language slot.
    of_word: Vec<HashMap<Box<str>, u32>>,
    /// The id of each term.
    of_term: HashMap<String, u32>,
    /// Each id's term.
    terms: Vec<String>,
}

impl Vocabulary {
    /// A vocabulary of texts in `slots` languages.
    pub(super) fn new(slots: usize) -> Vocabulary {
        Vocabulary {
            of_word: (0..slots.max(1)).map(|_| HashMap::default()).collect(),
            of_term: HashMap::default(),
            terms: Vec::new(),
        }
    }

    /// The id of `word` of a text in the language of `slot`, whose normalizer is given.
    pub(super) fn id(&mut self, normalizer: &Normalizer, slot: u8, word: &str) -> u32 {
        if let Some(&id) = self.of_word[usize::from(slot)].get(word) {
            return id;
        }
        let term = normalizer.term(word);
        let id = match self.of_term.get(&term) {
            Some(&id) => id,
            None => {
                let id = self.terms.len() as u32;
                self.of_term.insert(term.clone(), id);
                self.terms.push(term);
                id
            }
        };
        self.of_word[usize::from(slot)].insert(word.into(), id);
        id
    }

    /// The id of a word seen before in a text of the language of `slot`.
    pub(super) fn known(&self, slot: u8, word: &str) -> Option<u32> {
        self.of_word[usize::from(slot)].get(word).copied()
    }

    /// Each id's term, indexed by id.
    pub(super) fn into_terms(self) -> Vec<String> {
        self.terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_stemmed() {
        let english = Normalizer::for_language(Some("en"));
        assert_eq!(english.terms("Zhou Ènlái"), english.terms("zhou enlai"));
        assert_eq!(english.term("struggles"), english.term("struggle"));
        assert_eq!(english.term("Đồng"), "dong");
        assert_eq!(
            english.terms("Kim Il-sung's report, 1966."),
            ["kim", "il", "sung", "report", "1966"]
        );
    }

    #[test]
    fn a_possessive_is_its_name_whichever_apostrophe_writes_it() {
        let english = Normalizer::for_language(Some("en"));
        for text in ["Khrushchev's", "Khrushchev\u{2019}s", "Khrushchev\u{2bc}s"] {
            assert_eq!(english.terms(text), ["khrushchev"], "{text}");
        }
        assert_eq!(english.terms("Workers\u{2bc} Party"), english.terms("Workers' Party"));
    }

    /// The ASCII path finds exactly the words the Unicode segmenter finds.
    #[test]
    fn ascii_words_are_unicode_words() {
        let alphabet: Vec<char> = "aZ9 .,;:'_-\n\tè’…\u{301}".chars().collect();
        let mut random = crate::generate::Random::new(7);
        for length in 0..4000 {
            let text: String = (0..length % 24)
                .map(|_| alphabet[random.below(alphabet.len())])
                .collect();
            let mut fast = Vec::new();
            for_each_word(&text, |w| fast.push(w));
            let slow: Vec<&str> = text.unicode_words().collect();
            assert_eq!(fast, slow, "{text:?}");
        }
        let mut words = Vec::new();
        for_each_word("U.S. co-operation, 1,000.5 o'clock: a:b __ _x", |w| words.push(w));
        assert_eq!(words, ["U.S", "co", "operation", "1,000.5", "o'clock", "a:b", "_x"]);
    }

    #[test]
    fn languages_without_a_stemmer_are_matched_whole() {
        let polish = Normalizer::for_language(Some("pl"));
        assert!(!polish.stems());
        assert_eq!(polish.term("Struggles"), "struggles");
        assert_eq!(polish.term("Traktatów"), "traktatow");
        let russian = Normalizer::for_language(Some("ru"));
        assert_eq!(
            russian.term("Struggles"),
            "struggles",
            "an English word is no Russian one"
        );
        assert_eq!(russian.term("Ёлки"), russian.term("елка"));
    }

    #[test]
    fn unspaced_scripts_are_pairs_of_characters() {
        let words = |text: &str| {
            let mut found = Vec::new();
            for_each_word(text, |w| found.push(w.to_string()));
            found
        };
        assert_eq!(
            words("中华人民共和国外交部"),
            ["中华", "华人", "人民", "民共", "共和", "和国", "国外", "外交", "交部"]
        );
        assert_eq!(words("東京の新幹線"), ["東京", "京の", "の新", "新幹", "幹線"]);
        assert_eq!(
            words("김일성은 평양에서"),
            ["김일", "일성", "성은", "평양", "양에", "에서"]
        );
        assert_eq!(words("毛 said 好, Kim."), ["毛", "said", "好", "Kim"]);
        assert_eq!(words("(外交部)的"), ["外交", "交部", "的"]);
    }

    #[test]
    fn two_spellings_of_one_term_share_an_id() {
        let english = Normalizer::for_language(None);
        let mut vocabulary = Vocabulary::new(1);
        let a = vocabulary.id(&english, 0, "Struggles");
        let b = vocabulary.id(&english, 0, "struggle");
        let c = vocabulary.id(&english, 0, "trade");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(vocabulary.into_terms(), ["struggl", "trade"]);
    }

    #[test]
    fn inflected_forms_are_one_term_in_their_language() {
        for (language, forms) in [
            ("ru", &["договор", "договора", "договоры", "договорами"][..]),
            ("de", &["Vertrag", "Verträge", "Verträgen"][..]),
            ("fr", &["traité", "traités", "Traités"][..]),
            ("es", &["tratado", "tratados"][..]),
            ("ar", &["المعاهدة", "المعاهدات"][..]),
        ] {
            let normalizer = Normalizer::for_language(Some(language));
            let terms: Vec<String> = forms.iter().map(|f| normalizer.term(f)).collect();
            assert!(terms.iter().all(|t| *t == terms[0]), "{language}: {terms:?}");
        }
        // Russian's й is a letter to the stemmer, and the stem is folded after.
        let russian = Normalizer::for_language(Some("ru"));
        assert_eq!(russian.term("советский"), russian.term("советского"));
        assert_eq!(russian.term("Ещё"), russian.term("еще"), "ё is е");
        // A language without a stemmer is matched whole, folded.
        assert_eq!(Normalizer::for_language(Some("zh")).term("Ènlái"), "enlai");
    }
}
