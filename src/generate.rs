//! A synthetic collection for benchmarks: deterministic, in the catalogue's format,
//! shaped like a real archive.
//!
//! Transcriptions are hard-wrapped at about 95 characters with page breaks, omission
//! lines, page numbers, `[SIC]` and insertions; their sizes are log-normal (median
//! about 6 KB, a tail to 80 KB); an entity registry of one entity per five documents is
//! mentioned with a Zipf distribution (a few names everywhere, most rarely); dates are
//! EDTF of every kind, with some documents undated; collections and subjects are spread
//! over the documents; nine documents in ten have an author (one in ten of them two),
//! half a recipient, mostly the registry's people and some names it does not know, and
//! four in five an archival reference. The same seed gives the same bytes.

pub mod peers;

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "ta", "vo", "zu", "bel", "dra", "sen", "tor", "ul", "gan", "phe", "rik", "os", "mar",
    "lin", "che", "dun", "yo", "sa", "ber", "nik",
];
const WORDS: &[&str] = &[
    "the",
    "delegation",
    "reported",
    "that",
    "relations",
    "were",
    "discussed",
    "at",
    "length",
    "and",
    "of",
    "embassy",
    "noted",
    "further",
    "changes",
    "in",
    "policy",
    "during",
    "talks",
    "with",
    "representatives",
    "leadership",
    "party",
    "conference",
    "government",
    "question",
    "position",
    "economic",
    "military",
    "assistance",
    "comrades",
    "struggle",
    "international",
    "movement",
    "socialist",
    "camp",
    "a",
    "to",
    "on",
    "was",
    "has",
    "been",
    "their",
    "this",
    "which",
    "agreement",
    "trade",
    "visit",
    "report",
    "meeting",
    "ministry",
    "secretary",
    "friendship",
    "cooperation",
];
const SUBJECTS: usize = 40;
const COLLECTIONS: usize = 8;

/// A small deterministic generator (a 64-bit LCG): the corpus must not change between
/// runs or machines. Tests that generate collections of their own use it too.
pub struct Random(u64);

impl Random {
    /// A generator that makes the same numbers for the same seed.
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// A number in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() % 1_000_000) as f64 / 1_000_000.0
    }

    /// A standard normal value (Box-Muller).
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-9);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }

    /// A rank in 0..n with probability about 1/(rank+1) (Zipf).
    pub fn zipf(&mut self, n: usize) -> usize {
        let rank = (n as f64).powf(self.unit()) as usize;
        rank.saturating_sub(1).min(n - 1)
    }
}

/// A capitalised made-up word of `syllables` syllables.
pub fn name(random: &mut Random, syllables: usize) -> String {
    let mut word = String::new();
    for _ in 0..syllables {
        word.push_str(SYLLABLES[random.below(SYLLABLES.len())]);
    }
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Writes a collection of `documents` transcriptions into `folder`.
pub fn generate(folder: &Path, documents: usize, seed: u64) -> io::Result<()> {
    let mut random = Random::new(seed);
    // Authors, recipients and archival references from a generator of their own, so
    // that the texts are those of the same seed without them.
    let mut catalogue = Random::new(seed ^ 0xCA7A_106E);
    fs::create_dir_all(folder)?;
    let entity_count = (documents / 5).max(10);
    let kinds = ["person", "organization", "place", "event", "work"];
    let mut names: Vec<String> = Vec::with_capacity(entity_count);
    let mut seen = std::collections::HashSet::new();
    let mut index = String::from("---\ntitle: A Generated Archive\ndescription: Synthetic documents for benchmarks.\nlanguage: en\ncollections:\n");
    for c in 0..COLLECTIONS {
        let _ = writeln!(index, "  - {{id: c{c}, title: Collection {c}}}");
    }
    index.push_str("entities:\n");
    while names.len() < entity_count {
        let syllables = 2 + random.below(2);
        let candidate = format!("{} {}", name(&mut random, 2), name(&mut random, syllables));
        if !seen.insert(candidate.clone()) {
            continue;
        }
        let number = names.len();
        let _ = writeln!(
            index,
            "  - id: e{number}\n    name: {candidate}\n    type: {}",
            kinds[number % kinds.len()]
        );
        if number % 6 == 0 {
            let initials: String = candidate.split(' ').map(|p| &p[..1]).collect::<Vec<_>>().join(". ");
            let _ = writeln!(
                index,
                "    aliases: [\"{initials}. {}\"]",
                candidate.split(' ').next_back().unwrap_or("")
            );
        }
        names.push(candidate);
    }
    index.push_str("documents:\n");
    let types = [
        "Letter",
        "Memorandum",
        "Telegram",
        "Report",
        "Record of conversation",
        "Note",
    ];
    for number in 0..documents {
        let file = format!("part{:03}/doc{number:06}.txt", number / 1000);
        let title = format!(
            "{} on {}",
            types[number % types.len()],
            WORDS[random.below(WORDS.len())]
        );
        let _ = writeln!(index, "  - file: {file}\n    id: doc{number:06}\n    title: {title}");
        if number % 13 != 0 {
            let year = 1950 + random.below(30);
            let month = 1 + random.below(12);
            let date = match random.below(8) {
                0 => format!("{year}"),
                1 => format!("{year}-{month:02}~"),
                2 => format!("{year}?"),
                3 => format!("{}X", year / 10),
                4 => format!("{year}-{month:02}/{year}-12"),
                _ => format!("{year}-{month:02}-{:02}", 1 + random.below(28)),
            };
            let _ = writeln!(index, "    date: \"{date}\"");
        }
        let _ = writeln!(index, "    type: {}", types[number % types.len()]);
        let people: Vec<&String> = names.iter().step_by(kinds.len()).collect();
        let party = |random: &mut Random| match random.below(10) {
            // Someone the registry does not know, written "Family, Given".
            0 => format!("\"{}, {}.\"", name(random, 2), &name(random, 1)[..1]),
            _ => people[random.zipf(people.len())].clone(),
        };
        match catalogue.below(10) {
            0 => {}
            1 => {
                let (first, second) = (party(&mut catalogue), party(&mut catalogue));
                let _ = writeln!(index, "    authors: [{first}, {second}]");
            }
            _ => {
                let author = party(&mut catalogue);
                let _ = writeln!(index, "    authors: [{author}]");
            }
        }
        if catalogue.below(2) == 0 {
            let recipient = party(&mut catalogue);
            let _ = writeln!(index, "    recipients: [{recipient}]");
        }
        if catalogue.below(5) != 0 {
            let first_sheet = 1 + catalogue.below(200);
            let _ = writeln!(
                index,
                "    source: \"AVPRF, fond 0{}, opis {}, papka {}, delo {}, listy {first_sheet}-{}\"",
                100 + catalogue.below(20),
                catalogue.below(80),
                catalogue.below(400),
                catalogue.below(30),
                first_sheet + catalogue.below(12),
            );
        }
        let _ = writeln!(index, "    collections: [c{}]", random.below(COLLECTIONS));
        let _ = writeln!(
            index,
            "    subjects: [Subject {}, Subject {}]",
            random.zipf(SUBJECTS),
            random.zipf(SUBJECTS)
        );
        if number > 0 && number % 17 == 0 {
            let _ = writeln!(index, "    related: [doc{:06}]", random.below(number));
        }
        let path = folder.join(&file);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, transcription(&mut random, &title, &names))?;
    }
    index.push_str("---\n\nA generated archive, for measuring dossier.\n");
    fs::write(folder.join(crate::sources::INDEX_FILE), index)
}

/// Gives the first `documents` documents of a generated collection in `folder`
/// `pages` scans each, drawn pages of `width` × `height` px as JPEG (as a scanner
/// delivers them), named in the catalogue by a glob: for measuring the image work.
pub fn add_scans(folder: &Path, documents: usize, pages: usize, width: u32, height: u32) -> io::Result<()> {
    use rayon::prelude::*;
    let scans = folder.join("scans");
    fs::create_dir_all(&scans)?;
    (0..documents * pages).into_par_iter().try_for_each(|at| {
        let (document, page) = (at / pages, at % pages + 1);
        // The document's number drawn beside the page's: no two scans are the same image.
        let image = crate::scaffold::specimen_page((document * 100 + page) as u32, width, height);
        let path = scans.join(format!("doc{document:06}-{page}.jpg"));
        let mut file = io::BufWriter::new(fs::File::create(&path)?);
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut file, 90)
            .encode_image(&image)
            .map_err(|e| io::Error::other(e.to_string()))
    })?;
    let index_path = folder.join(crate::sources::INDEX_FILE);
    let mut index = fs::read_to_string(&index_path)?;
    for document in 0..documents {
        let id = format!("    id: doc{document:06}\n");
        index = index.replacen(&id, &format!("{id}    scans: scans/doc{document:06}-*.jpg\n"), 1);
    }
    fs::write(index_path, index)
}

/// A hard-wrapped transcription of a log-normal size.
fn transcription(random: &mut Random, title: &str, names: &[String]) -> String {
    let size = (6000.0 * (0.8 * random.normal()).exp()).clamp(400.0, 80_000.0) as usize;
    let mut text = format!("{title}\n");
    let mut line = String::new();
    let mut page = 1;
    while text.len() < size {
        let word: String = match random.below(20) {
            0 => names[random.zipf(names.len())].clone(),
            1 if random.below(10) == 0 => "[SIC]".to_string(),
            2 if random.below(10) == 0 => {
                page += 1;
                format!("[{page}]")
            }
            3 if random.below(10) == 0 => format!("[{}]", WORDS[random.below(WORDS.len())]),
            _ => WORDS[random.below(WORDS.len())].to_string(),
        };
        if line.len() + word.len() + 1 > 95 {
            text.push_str(&line);
            text.push('\n');
            line.clear();
            match random.below(40) {
                0 => text.push('\n'),
                1 => text.push_str("…\n"),
                _ => {}
            }
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
        if random.below(15) == 0 {
            line.push('.');
            if random.below(5) == 0 {
                text.push_str(&line);
                text.push('\n');
                line.clear();
            }
        }
    }
    text.push_str(&line);
    text.push_str(".\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_collection_and_it_builds() {
        let a = tempfile::tempdir().expect("temp");
        let b = tempfile::tempdir().expect("temp");
        generate(a.path(), 40, 7).expect("generated");
        generate(b.path(), 40, 7).expect("generated");
        let index = fs::read_to_string(a.path().join("INDEX.md")).expect("catalogue");
        assert_eq!(index, fs::read_to_string(b.path().join("INDEX.md")).expect("catalogue"));
        assert_eq!(index.matches("  - file: ").count(), 40);
        let out = tempfile::tempdir().expect("temp");
        let report = crate::build(&crate::BuildOptions {
            collection: a.path().to_path_buf(),
            out: out.path().join("site"),
            ..Default::default()
        })
        .expect("a generated collection builds");
        assert_eq!(report.documents, 40);
    }
}
