//! Each scan the catalogue names, found and checked, its header decoded.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::SystemTime;

use globset::Glob;

use crate::catalog::{Located, ScanList};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::sources::{self, Fixity};

/// The largest scan dossier decodes, in pixels: 100 megapixels (a 600 dpi scan of an A3
/// page is 35). A larger image would take gigabytes to decode.
pub const MAX_PIXELS: u64 = 100_000_000;

/// The file types a scan may be, by extension.
const EXTENSIONS: [&str; 5] = ["png", "jpg", "jpeg", "tif", "tiff"];

/// One page image of a document's original, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    /// The page of the original it shows, as the texts write its number (`43`).
    pub page: String,
    /// Its path in the collection, `/`-separated.
    pub source: String,
    /// What its bytes are.
    pub format: ScanFormat,
    /// Its size in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// Its SHA-256 and size: the key of its derivatives in the cache, and shown to readers.
    pub fixity: Fixity,
}

/// A file offered as it is, such as the PDF of the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Its path in the collection, `/`-separated.
    pub source: String,
    /// Its SHA-256 and size.
    pub fixity: Fixity,
}

/// The image formats a scan may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScanFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// TIFF, as archives keep their masters; browsers cannot show it, so readers see
    /// its derivatives.
    Tiff,
}

impl ScanFormat {
    /// The extension its copy in the output takes.
    pub fn extension(self) -> &'static str {
        match self {
            ScanFormat::Png => "png",
            ScanFormat::Jpeg => "jpg",
            ScanFormat::Tiff => "tif",
        }
    }

    /// Its media type.
    pub fn media_type(self) -> &'static str {
        match self {
            ScanFormat::Png => "image/png",
            ScanFormat::Jpeg => "image/jpeg",
            ScanFormat::Tiff => "image/tiff",
        }
    }

    fn of(format: image::ImageFormat) -> Option<ScanFormat> {
        match format {
            image::ImageFormat::Png => Some(ScanFormat::Png),
            image::ImageFormat::Jpeg => Some(ScanFormat::Jpeg),
            image::ImageFormat::Tiff => Some(ScanFormat::Tiff),
            _ => None,
        }
    }
}

/// Finds the files the catalogue names in a collection: one per build, shared by every
/// document, listing the collection's images once, the first time a glob needs them.
pub struct Finder<'c> {
    collection: &'c Path,
    root: Option<PathBuf>,
    images: OnceLock<Vec<String>>,
    kept: Option<&'c KeptScans>,
}

/// The scans a served build read, by their real location, with the modification time
/// and size they had: a rebuild reads and hashes only the scans that changed. The
/// incremental layer owns it; a plain build has none.
#[derive(Debug, Default)]
pub struct KeptScans(Mutex<HashMap<PathBuf, KeptScan>>);

#[derive(Debug, Clone)]
struct KeptScan {
    modified: SystemTime,
    len: u64,
    format: ScanFormat,
    width: u32,
    height: u32,
    fixity: Fixity,
}

impl<'c> Finder<'c> {
    /// A finder for `collection`.
    pub fn new(collection: &'c Path) -> Self {
        Finder {
            collection,
            root: sources::real_root(collection).ok(),
            images: OnceLock::new(),
            kept: None,
        }
    }

    /// A finder that takes from `kept` the scans that did not change since they were
    /// read, and keeps there the ones it reads.
    pub fn keeping(collection: &'c Path, kept: &'c KeptScans) -> Self {
        Finder {
            kept: Some(kept),
            ..Finder::new(collection)
        }
    }

    fn images(&self) -> &[String] {
        self.images.get_or_init(|| {
            sources::list_files(self.collection, &|relative| {
                Path::new(relative)
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            })
        })
    }

    /// The collection's file named by `written`, read, or the problem with it.
    fn read(&self, written: &Located<String>) -> Result<(String, Vec<u8>), Diagnostic> {
        let (relative, real) = self.locate(written)?;
        let bytes = std::fs::read(&real).map_err(|e| written.error(format!("cannot read `{}`: {e}", written.value)))?;
        Ok((relative, bytes))
    }

    /// The collection's file named by `written`: its relative path and real location.
    fn locate(&self, written: &Located<String>) -> Result<(String, PathBuf), Diagnostic> {
        let Some(relative) = sources::normalize_relative("", &written.value) else {
            return Err(written.error(format!(
                "`{}` leaves the collection: give a path inside it, without `..` or a leading `/`",
                written.value
            )));
        };
        let path = sources::join(self.collection, &relative);
        if path.symlink_metadata().is_err() {
            return Err(written.error(format!("no such file `{}` in the collection", written.value)));
        }
        let Some(root) = &self.root else {
            return Err(written.error("cannot read the collection"));
        };
        let real = sources::inside(root, &path).map_err(|d| written.error(d.message))?;
        Ok((relative, real))
    }

    /// The files `written` names: itself, or what it matches if it is a glob, in name
    /// order (`page2` before `page10`).
    fn expand(&self, written: &Located<String>) -> Result<Vec<Located<String>>, Diagnostic> {
        if !written.value.contains(['*', '?', '[', '{']) {
            return Ok(vec![written.clone()]);
        }
        let matcher = Glob::new(&written.value)
            .map_err(|e| written.error(format!("`{}` is not a glob: {e}", written.value)))?
            .compile_matcher();
        let mut matched: Vec<&String> = self.images().iter().filter(|path| matcher.is_match(path)).collect();
        if matched.is_empty() {
            return Err(written
                .error(format!(
                    "`{}` matches no PNG, JPEG or TIFF image in the collection",
                    written.value
                ))
                .with_help("globs are relative to the collection's folder, like `scans/memo-*.png`"));
        }
        matched.sort_by(|a, b| alphanumeric_sort::compare_str(a, b));
        Ok(matched
            .into_iter()
            .map(|path| Located {
                value: path.clone(),
                ..written.clone()
            })
            .collect())
    }
}

/// The scans `list` names, checked and in page order, and what is wrong with them:
/// errors for what cannot be shown, warnings where the scans and `text_pages` (the page
/// numbers the document's transcription marks, in order; empty for a text that marks
/// none) disagree.
pub fn resolve(finder: &Finder<'_>, list: &ScanList, text_pages: &[String]) -> (Vec<Scan>, Diagnostics) {
    let mut problems = Diagnostics::default();
    let named: Vec<(String, Located<String>)> = match list {
        ScanList::Pages(pages) => pages.clone(),
        ScanList::Sequence { files, first_page } => {
            let mut expanded = Vec::new();
            for written in files {
                match finder.expand(written) {
                    Ok(files) => expanded.extend(files),
                    Err(problem) => problems.push(problem),
                }
            }
            expanded
                .into_iter()
                .enumerate()
                .map(|(offset, file)| ((u64::from(*first_page) + offset as u64).to_string(), file))
                .collect()
        }
    };
    let mut scans = Vec::with_capacity(named.len());
    let mut seen: HashMap<String, String> = HashMap::new();
    for (page, written) in named {
        let scan = match read_scan(finder, &page, &written) {
            Ok(scan) => scan,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if let Some(first) = seen.get(&scan.source) {
            problems.push(written.error(format!(
                "`{}` is named twice: it is already the scan of page {first}",
                scan.source
            )));
            continue;
        }
        seen.insert(scan.source.clone(), page);
        scans.push(scan);
    }
    // Pages compared with scans missing would be noise beside the errors.
    if problems.has_errors() {
        return (scans, problems);
    }
    if let (Some(first), Some(at)) = (scans.first(), list_location(list)) {
        problems.extend(disagreements(&scans, text_pages, first, at));
    }
    (scans, problems)
}

/// Where the list was written, for warnings about it as a whole.
fn list_location(list: &ScanList) -> Option<&Located<String>> {
    match list {
        ScanList::Pages(pages) => pages.first().map(|(_, file)| file),
        ScanList::Sequence { files, .. } => files.first(),
    }
}

/// Warnings for the pages the scans show and the text does not mark, and the reverse.
/// The first scan's page is where the text begins, which texts seldom mark.
fn disagreements(scans: &[Scan], text_pages: &[String], first: &Scan, at: &Located<String>) -> Diagnostics {
    let mut warnings = Diagnostics::default();
    let warn = |message: String| {
        Diagnostic::warning(&at.file, Some(at.line), at.context.clone(), message).about(at.value.as_str())
    };
    if text_pages.is_empty() {
        return warnings;
    }
    let unmarked: Vec<&str> = scans
        .iter()
        .skip(1)
        .map(|scan| scan.page.as_str())
        .filter(|page| !text_pages.iter().any(|p| p == page))
        .collect();
    if !unmarked.is_empty() {
        warnings.push(
            warn(format!(
                "the transcription marks no page {}, which {} show{}",
                unmarked.join(", "),
                if unmarked.len() == 1 { "a scan" } else { "scans" },
                if unmarked.len() == 1 { "s" } else { "" },
            ))
            .with_help(format!(
                "its page numbers run {}–{}; check `first_page:` ({} now)",
                text_pages[0],
                text_pages[text_pages.len() - 1],
                first.page
            )),
        );
    }
    let unscanned: Vec<&str> = text_pages
        .iter()
        .map(String::as_str)
        .filter(|page| !scans.iter().any(|scan| scan.page == *page))
        .collect();
    if !unscanned.is_empty() {
        warnings.push(warn(format!(
            "no scan shows page {} of the transcription",
            unscanned.join(", ")
        )));
    }
    warnings
}

/// One scan, read and its header decoded.
fn read_scan(finder: &Finder<'_>, page: &str, written: &Located<String>) -> Result<Scan, Diagnostic> {
    let extension = Path::new(&written.value)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !EXTENSIONS.contains(&extension.as_str()) {
        let mut problem = written.error(format!(
            "`{}` is not a scan: a scan is a PNG, JPEG or TIFF image",
            written.value
        ));
        if extension == "pdf" {
            problem = problem.with_help("a PDF of the original goes under `pdf:`");
        }
        return Err(problem);
    }
    let (source, real) = finder.locate(written)?;
    let stamp = std::fs::metadata(&real)
        .ok()
        .and_then(|m| Some((m.modified().ok()?, m.len())));
    if let (Some(kept), Some((modified, len))) = (finder.kept, stamp) {
        let hit = kept.0.lock().ok().and_then(|map| map.get(&real).cloned());
        if let Some(hit) = hit.filter(|hit| hit.modified == modified && hit.len == len) {
            return Ok(Scan {
                page: page.to_string(),
                source,
                format: hit.format,
                width: hit.width,
                height: hit.height,
                fixity: hit.fixity,
            });
        }
    }
    let bytes = std::fs::read(&real).map_err(|e| written.error(format!("cannot read `{}`: {e}", written.value)))?;
    let reader = image::ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| written.error(format!("`{}` cannot be read: {e}", written.value)))?;
    let Some(format) = reader.format().and_then(ScanFormat::of) else {
        return Err(written.error(format!(
            "`{}` is not a PNG, JPEG or TIFF image, whatever its name says",
            written.value
        )));
    };
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| written.error(format!("`{}` is not a readable image: {e}", written.value)))?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS || width == 0 || height == 0 {
        return Err(written
            .error(format!(
                "`{}` is {width} × {height} px ({} megapixels): dossier reads scans of at most {} megapixels",
                written.value,
                pixels / 1_000_000,
                MAX_PIXELS / 1_000_000
            ))
            .with_help("give a smaller copy of the master (a 600 dpi scan of an A3 page is 35 megapixels)"));
    }
    let fixity = Fixity::of(&bytes);
    if let (Some(kept), Some((modified, len))) = (finder.kept, stamp) {
        if let Ok(mut map) = kept.0.lock() {
            map.insert(
                real,
                KeptScan {
                    modified,
                    len,
                    format,
                    width,
                    height,
                    fixity: fixity.clone(),
                },
            );
        }
    }
    Ok(Scan {
        page: page.to_string(),
        source,
        format,
        width,
        height,
        fixity,
    })
}

/// The PDF the catalogue names, checked to be one.
pub fn attachment(finder: &Finder<'_>, written: &Located<String>) -> Result<Attachment, Diagnostic> {
    let (source, bytes) = finder.read(written)?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(written.error(format!(
            "`{}` is not a PDF: it does not begin with `%PDF-`",
            written.value
        )));
    }
    Ok(Attachment {
        source,
        fixity: Fixity::of(&bytes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(value: &str) -> Located<String> {
        Located {
            value: value.to_string(),
            file: PathBuf::from("INDEX.md"),
            line: 1,
            context: String::new(),
        }
    }

    #[test]
    fn a_served_build_reads_a_scan_again_only_when_it_changed() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("p1.png");
        crate::scaffold::specimen_page(1, 60, 80).save(&path).expect("a page");
        let kept = KeptScans::default();
        let finder = Finder::keeping(dir.path(), &kept);
        let first = read_scan(&finder, "1", &written("p1.png")).expect("a scan");
        assert_eq!((first.width, first.height, first.format), (60, 80, ScanFormat::Png));
        // The same time and size: taken from what was kept, not read (these bytes are
        // no image).
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).expect("a time");
        let len = std::fs::metadata(&path).map(|m| m.len()).expect("a size");
        std::fs::write(&path, vec![b'x'; len as usize]).expect("other bytes");
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(modified))
            .expect("the old time");
        let again = read_scan(&Finder::keeping(dir.path(), &kept), "1", &written("p1.png")).expect("kept");
        assert_eq!(again, first);
        // Another time: read again, and found to be no image.
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(modified + std::time::Duration::from_secs(5)))
            .expect("a new time");
        let error = read_scan(&Finder::keeping(dir.path(), &kept), "1", &written("p1.png")).expect_err("no image");
        assert!(
            error.message.contains("is not a PNG, JPEG or TIFF image"),
            "{}",
            error.message
        );
    }
}
