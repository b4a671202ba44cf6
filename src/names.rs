//! A person's name in its parts: how a directory sorts it and a citation inverts it.
//! The parts come from the catalogue (`family:`, `given:`), from a name written
//! "Family, Given", or, for a person without either, from the name read in Western
//! order the way citation software reads it: the last word is the family name, a
//! lowercase particle before it ("von", "van", "de") goes with it, a title before the
//! given names ("Adm.", "Dr.") and a suffix after ("Jr.", "III") are set apart.
//! Organizations and places are never read so: their names stay whole.

/// A person's name, split.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct PersonName {
    /// Without its particle: "Breuning".
    pub family: String,
    /// "Eleonore"; none for a single name.
    pub given: Option<String>,
    /// The lowercase particle before the family name: "von".
    pub particle: Option<String>,
    /// "Jr.", "III".
    pub suffix: Option<String>,
    /// A title before the name ("Adm.", "Dr."): left out of citations and of the
    /// sort, kept in the directory's label.
    pub title: Option<String>,
}

/// Words that, written in lowercase before a family name, belong to it.
const PARTICLES: [&str; 22] = [
    "d'", "da", "das", "de", "degli", "del", "della", "der", "des", "di", "dos", "du", "la", "le", "st.", "ten", "ter",
    "van", "vom", "von", "zu", "zur",
];

/// What follows a name, after a comma or not: never a given name.
const SUFFIXES: [&str; 12] = [
    "Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "V", "Esq.", "Esq", "jun.", "sen.",
];

/// Titles and ranks written before a name.
const TITLES: [&str; 30] = [
    "Adm.", "Amb.", "Brig.", "Capt.", "Cdr.", "Col.", "Cpl.", "Dr.", "Fr.", "Gen.", "Gov.", "Hon.", "Lt.", "Maj.",
    "Mr.", "Mrs.", "Ms.", "Mme.", "Mlle.", "Msgr.", "Pres.", "Prof.", "Rep.", "Rev.", "Sen.", "Sgt.", "Sir", "Dame",
    "Lord", "Lady",
];

/// Family names of Chinese, Korean, Japanese and Vietnamese romanized names, which
/// come first ("Kim Il Sung", "Mao Zedong", "Miyamoto Kenji"): a name that begins
/// with one is not read in Western order but kept whole, as citation software
/// keeps a name written in those scripts. The catalogue's `family:` and `given:`
/// settle any name this misreads. Surnames that are also common Western given
/// names ("Lee", "Young", "Lin") are left out.
const FAMILY_NAMES_FIRST: [&str; 61] = [
    // Korean
    "Kim", "Pak", "Park", "Choe", "Choi", "Ri", "Rim", "Jang", "Kang", "Yun", "Jo", "Cho", "Chong", "Jong", "Han",
    "Hwang", "Ryu", "Kwon", "Song", "Syngman", // Chinese
    "Mao", "Zhou", "Deng", "Liu", "Zhu", "Peng", "Zhang", "Wang", "Chen", "Hua", "Jiang", "Xi", "Hu", "Zhao", "Chiang",
    "Sun", "Kang", "Chou", "Teng", // Japanese
    "Miyamoto", "Nozaka", "Tokuda", "Sato", "Suzuki", "Tanaka", "Yoshida", "Ikeda", "Kishi", "Hatoyama", "Yamamoto",
    "Nakamura", // Vietnamese
    "Nguyen", "Nguyễn", "Tran", "Trần", "Pham", "Phạm", "Ho", "Hồ", "Vo", "Võ",
];

impl PersonName {
    /// The parts the catalogue gives: a family name written with its particle
    /// ("von Breuning") has it set apart.
    pub fn from_parts(family: &str, given: Option<&str>) -> PersonName {
        let (particle, family) = split_particle(family.trim());
        PersonName {
            family,
            given: given.map(str::trim).filter(|g| !g.is_empty()).map(str::to_string),
            particle,
            ..PersonName::default()
        }
    }

    /// "Family, Given" and "Family, Given, Jr."; none for a name without a comma,
    /// or whose only comma comes before a suffix ("Thompson, Jr." is read whole).
    pub fn from_inverted(name: &str) -> Option<PersonName> {
        let mut parts: Vec<&str> = name.split(',').map(str::trim).collect();
        let suffix = match parts.last() {
            Some(last) if parts.len() > 1 && SUFFIXES.contains(last) => parts.pop().map(str::to_string),
            _ => None,
        };
        let [family, given] = parts[..] else {
            return None;
        };
        if family.is_empty() || given.is_empty() {
            return None;
        }
        let (title, given) = split_title(given);
        Some(PersonName {
            suffix,
            title,
            ..PersonName::from_parts(family, Some(&given))
        })
    }

    /// The name read in Western order; none for what is not written like a
    /// Western person's name (digits, an ampersand, a script written family name
    /// first).
    pub fn guess(name: &str) -> Option<PersonName> {
        let name = name.trim();
        if name.is_empty()
            || name
                .chars()
                .any(|c| c.is_ascii_digit() || c == '&' || family_first_script(c))
        {
            return None;
        }
        if !name.contains(',') && name.split_whitespace().nth(1).is_some() {
            let first = name.split_whitespace().next().unwrap_or_default();
            if FAMILY_NAMES_FIRST.contains(&first) {
                return None;
            }
        }
        if name.contains(',') {
            if let Some(inverted) = PersonName::from_inverted(name) {
                return Some(inverted);
            }
        }
        let (rest, suffix) = match name.rsplit_once(',') {
            Some((rest, suffix)) if SUFFIXES.contains(&suffix.trim()) => (rest.trim(), Some(suffix.trim().to_string())),
            _ => match name.rsplit_once(' ') {
                Some((rest, suffix)) if SUFFIXES.contains(&suffix) => (rest.trim(), Some(suffix.to_string())),
                _ => (name, None),
            },
        };
        let (title, rest) = split_title(rest);
        let words: Vec<&str> = rest.split_whitespace().collect();
        let (&family, before) = words.split_last()?;
        // Lowercase particles just before the family name belong to it.
        let first_particle = before.iter().rposition(|w| !is_particle(w)).map_or(0, |i| i + 1);
        let (given, particles) = before.split_at(first_particle);
        Some(PersonName {
            family: family.to_string(),
            given: (!given.is_empty()).then(|| given.join(" ")),
            particle: (!particles.is_empty()).then(|| particles.join(" ")),
            suffix,
            title,
        })
    }

    /// The family name with its particle, as written after the given names.
    pub fn family_with_particle(&self) -> String {
        match &self.particle {
            Some(particle) => format!("{particle} {}", self.family),
            None => self.family.clone(),
        }
    }

    /// "Breuning, Eleonore von", "Thompson, Llewellyn E., Jr.": the order of an
    /// index, the particle after the given names as the Chicago Manual sorts them.
    pub fn inverted(&self) -> String {
        let mut out = self.family.clone();
        let mut given: Vec<&str> = Vec::new();
        if let Some(g) = &self.given {
            given.push(g);
        }
        if let Some(p) = &self.particle {
            given.push(p);
        }
        if !given.is_empty() {
            out.push_str(", ");
            out.push_str(&given.join(" "));
        }
        if let Some(suffix) = &self.suffix {
            out.push_str(", ");
            out.push_str(suffix);
        }
        out
    }

    /// The directory's label: the inverted name, with a title in parentheses.
    pub fn label(&self) -> String {
        match &self.title {
            Some(title) => format!("{} ({title})", self.inverted()),
            None => self.inverted(),
        }
    }
}

/// German particles, which an index sets after the given names ("Breuning,
/// Eleonore von") in every style: CSL's dropping particles. The others ("van",
/// "de") stay with the family name where a style keeps them there.
const DROPPING_PARTICLES: [&str; 4] = ["von", "vom", "zu", "zur"];

impl PersonName {
    /// Whether the particle is one that drops before the family name in an index.
    pub fn particle_drops(&self) -> bool {
        self.particle
            .as_deref()
            .is_some_and(|p| p.split_whitespace().all(|w| DROPPING_PARTICLES.contains(&w)))
    }
}

/// Whether a word is a lowercase particle of a family name ("von", "de").
pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word) || (word.ends_with('\'') && PARTICLES.contains(&&word[..word.len() - 1]))
}

/// "von Breuning" → ("von", "Breuning"); a family name without a lowercase particle
/// is left as it is.
fn split_particle(family: &str) -> (Option<String>, String) {
    let words: Vec<&str> = family.split_whitespace().collect();
    let count = words.iter().take_while(|w| is_particle(w)).count();
    if count == 0 || count == words.len() {
        return (None, family.to_string());
    }
    (Some(words[..count].join(" ")), words[count..].join(" "))
}

/// The titles before a name, set apart; the name keeps at least one word.
fn split_title(name: &str) -> (Option<String>, String) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let count = words
        .iter()
        .take_while(|w| TITLES.contains(w))
        .count()
        .min(words.len().saturating_sub(1));
    if count == 0 {
        return (None, name.to_string());
    }
    (Some(words[..count].join(" ")), words[count..].join(" "))
}

/// Scripts in which a name is written family name first (Chinese, Japanese,
/// Korean): never read in Western order.
fn family_first_script(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}' | '\u{3040}'..='\u{30FF}' | '\u{3130}'..='\u{318F}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guessed(name: &str) -> (String, Option<String>, Option<String>, Option<String>) {
        let n = PersonName::guess(name).expect("a name");
        (n.family, n.given, n.particle, n.suffix)
    }

    #[test]
    fn western_names_are_read_as_citation_software_reads_them() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            guessed("Nikita Khrushchev"),
            ("Khrushchev".into(), s("Nikita"), None, None)
        );
        assert_eq!(guessed("John A. McCone"), ("McCone".into(), s("John A."), None, None));
        assert_eq!(
            guessed("Eleonore von Breuning"),
            ("Breuning".into(), s("Eleonore"), s("von"), None)
        );
        assert_eq!(
            guessed("Ludwig van Beethoven"),
            ("Beethoven".into(), s("Ludwig"), s("van"), None)
        );
        assert_eq!(
            guessed("Llewellyn E. Thompson, Jr."),
            ("Thompson".into(), s("Llewellyn E."), None, s("Jr."))
        );
        assert_eq!(
            guessed("Martin Luther King Jr."),
            ("King".into(), s("Martin Luther"), None, s("Jr."))
        );
        assert_eq!(guessed("Borunkov, A."), ("Borunkov".into(), s("A."), None, None));
        assert_eq!(guessed("Voltaire"), ("Voltaire".into(), None, None, None));
        let admiral = PersonName::guess("Adm. Arleigh Burke").expect("a name");
        assert_eq!(
            (admiral.family.as_str(), admiral.title.as_deref()),
            ("Burke", Some("Adm."))
        );
        assert_eq!(admiral.label(), "Burke, Arleigh (Adm.)");
    }

    #[test]
    fn what_is_not_a_western_name_is_not_guessed() {
        assert_eq!(PersonName::guess("毛泽东"), None);
        assert_eq!(PersonName::guess("김일성"), None);
        assert_eq!(PersonName::guess("Breitkopf & Härtel"), None);
        assert_eq!(PersonName::guess("Committee 303"), None);
        assert_eq!(PersonName::guess("Kim Il Sung"), None);
        assert_eq!(PersonName::guess("Mao Zedong"), None);
        assert_eq!(PersonName::guess("Ho Chi Minh"), None);
        // Written inverted, the parts are the editor's.
        assert_eq!(
            PersonName::guess("Kim, Il Sung").map(|n| n.family),
            Some("Kim".to_string())
        );
    }

    #[test]
    fn inverted_names_keep_particles_and_suffixes_after_the_given_names() {
        assert_eq!(
            PersonName::guess("Eleonore von Breuning").map(|n| n.inverted()),
            Some("Breuning, Eleonore von".into())
        );
        assert_eq!(
            PersonName::guess("Llewellyn E. Thompson, Jr.").map(|n| n.inverted()),
            Some("Thompson, Llewellyn E., Jr.".into())
        );
        let declared = PersonName::from_parts("van Beethoven", Some("Ludwig"));
        assert_eq!(declared.particle.as_deref(), Some("van"));
        assert_eq!(declared.family_with_particle(), "van Beethoven");
        assert_eq!(PersonName::from_inverted("Thompson, Jr."), None);
    }
}
