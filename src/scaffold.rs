//! `dossier new`: a collection to start from, with a catalogue that documents every
//! key, one document of each kind (a hard-wrapped transcription with editorial marks,
//! its scans and a translation, and a Markdown note), and a note on overriding
//! templates. It builds as it is.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The files of a new collection, by path.
const FILES: [(&str, &str); 6] = [
    ("INDEX.md", include_str!("scaffold/INDEX.md")),
    ("letter.txt", include_str!("scaffold/letter.txt")),
    ("letter.fr.txt", include_str!("scaffold/letter.fr.txt")),
    ("notes.md", include_str!("scaffold/notes.md")),
    ("templates/README.md", include_str!("scaffold/templates/README.md")),
    // The images dossier makes from scans are kept between builds, not published.
    (".gitignore", "/output/\n/.dossier-cache/\n"),
];

/// The scans of the letter's two pages, drawn: a collection shows its viewer from the
/// start, and an editor sees where scans go.
const SCANS: [(&str, u32); 2] = [("scans/letter-1.png", 1), ("scans/letter-2.png", 2)];

#[derive(Debug, thiserror::Error)]
/// Why `dossier new` could not write a collection.
pub enum ScaffoldError {
    #[error("{0} exists and is not an empty folder: dossier new writes only into a new or empty folder")]
    /// The folder is neither new nor empty.
    NotEmpty(PathBuf),
    #[error("cannot write {path}")]
    /// A file could not be written.
    Write {
        /// The file.
        path: PathBuf,
        #[source]
        /// Why.
        source: io::Error,
    },
}

/// Writes a new collection into `folder`, which must not exist or be empty. Returns
/// the files written.
pub fn create(folder: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if folder.exists() {
        let empty = fs::read_dir(folder).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Err(ScaffoldError::NotEmpty(folder.to_path_buf()));
        }
    }
    let mut written = Vec::new();
    for (relative, text) in FILES {
        let path = folder.join(relative);
        let write = || -> io::Result<()> {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, text)
        };
        write().map_err(|source| ScaffoldError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    for (relative, page) in SCANS {
        let path = folder.join(relative);
        let write = || -> io::Result<()> {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            specimen_page(page, 850, 1100)
                .save(&path)
                .map_err(|e| io::Error::other(e.to_string()))
        };
        write().map_err(|source| ScaffoldError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// Digits 0-9 in a 3 × 5 font, a row a number of three bits.
const DIGITS: [[u8; 5]; 10] = [
    [7, 5, 5, 5, 7],
    [2, 6, 2, 2, 7],
    [7, 1, 7, 4, 7],
    [7, 1, 7, 1, 7],
    [5, 5, 7, 1, 1],
    [7, 4, 7, 1, 7],
    [7, 4, 7, 5, 7],
    [7, 1, 1, 1, 1],
    [7, 5, 7, 5, 7],
    [7, 5, 7, 1, 7],
];

/// A page of typescript as a scanner sees it, drawn: paper, lines of text as bars, and
/// the page number large at the top, so that the eye can tell pages apart. For a new
/// collection's sample scans, and for tests that need scans.
pub fn specimen_page(page: u32, width: u32, height: u32) -> image::RgbImage {
    use image::Rgb;
    let mut image = image::RgbImage::from_pixel(width, height, Rgb([238, 232, 218]));
    let margin = width / 10;
    let mut y = height / 5;
    while y + 8 < height - height / 10 {
        let length = (width - 2 * margin).saturating_sub(y * 37 % (width / 3).max(1));
        for dy in 0..6 {
            for x in margin..margin + length {
                image.put_pixel(x, y + dy, Rgb([60, 55, 50]));
            }
        }
        y += 18;
    }
    let cell = (width / 40).max(2);
    for (place, digit) in page.to_string().bytes().enumerate() {
        let glyph = DIGITS[usize::from(digit - b'0')];
        for (row, bits) in glyph.iter().enumerate() {
            for column in 0..3u32 {
                if bits & (4 >> column) == 0 {
                    continue;
                }
                let left = width / 2 + (place as u32 * 4 + column) * cell;
                let top = height / 20 + row as u32 * cell;
                for dx in 0..cell {
                    for dy in 0..cell {
                        if left + dx < width && top + dy < height {
                            image.put_pixel(left + dx, top + dy, Rgb([20, 20, 20]));
                        }
                    }
                }
            }
        }
    }
    image
}
