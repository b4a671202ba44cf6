//! Reading the collection from disk: the catalogue's text and every source file.
//!
//! This is the one stage that reads the collection. Every `.txt` and `.md` file under
//! the folder is a source, except the catalogue itself, hidden files, the `templates/`
//! and `themes/` folders (they hold the look, not documents), a dossier output folder
//! that sits inside the collection, and what `exclude:` globs leave out. Nothing outside
//! the collection is read: a symbolic link that points out of it is skipped with a
//! warning. Texts are decoded as UTF-8 (a byte-order mark dropped, line ends made `\n`).

use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use globset::GlobSet;
use walkdir::WalkDir;

use crate::catalog::{Catalog, Charset};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::Staged;
use crate::urls::OUTPUT_MARKER;

/// The catalogue's file name, at the collection's root.
pub const INDEX_FILE: &str = "INDEX.md";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// What kind of source a file is, by its extension.
pub enum SourceKind {
    /// A plain-text transcription, reflowed.
    Text,
    /// A Markdown document.
    Markdown,
}

impl SourceKind {
    /// The kind of `path`, if it is a source.
    pub fn of(path: &Path) -> Option<SourceKind> {
        match path.extension()?.to_str()? {
            "txt" => Some(SourceKind::Text),
            "md" => Some(SourceKind::Markdown),
            _ => None,
        }
    }
}

/// One source file, read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path relative to the collection, with `/` separators: how the catalogue names it.
    pub relative: String,
    /// The path to show in messages (the collection as the user named it, joined).
    pub display: PathBuf,
    /// Plain text or Markdown.
    pub kind: SourceKind,
    /// The text, decoded.
    pub text: String,
    /// The file's bytes as read, for readers to verify a download.
    pub fixity: Fixity,
    /// When the file was last changed, for sitemaps and feeds.
    pub modified: Option<std::time::SystemTime>,
}

/// A file's SHA-256 (lower-case hex) and size, as archives record fixity.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Fixity {
    /// The SHA-256 of its bytes, in hexadecimal.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
}

impl Fixity {
    /// The fixity of `bytes`.
    pub fn of(bytes: &[u8]) -> Fixity {
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(bytes);
        let mut sha256 = String::with_capacity(64);
        for byte in digest {
            sha256.push_str(&format!("{byte:02x}"));
        }
        Fixity {
            sha256,
            bytes: bytes.len() as u64,
        }
    }
}

/// Reads `INDEX.md` from the collection.
pub fn read_index(collection: &Path) -> Result<String, Diagnostic> {
    let path = collection.join(INDEX_FILE);
    if !collection.is_dir() {
        return Err(Diagnostic::error(
            collection,
            None,
            "",
            "no such folder: the collection must be a folder holding INDEX.md",
        )
        .with_help(
            "name the collection (`dossier build FOLDER`), run dossier in a folder that holds INDEX.md, or start one with `dossier new FOLDER`",
        ));
    }
    if path.symlink_metadata().is_err() {
        return Err(Diagnostic::error(
            &path,
            None,
            "",
            "the collection has no INDEX.md: every collection needs a catalogue",
        ));
    }
    let real = inside(&real_root(collection)?, &path)?;
    read_text(&real).map_err(|d| Diagnostic { file: path, ..d })
}

/// The collection's real location, links resolved: what every file read is checked
/// against.
pub fn real_root(collection: &Path) -> Result<PathBuf, Diagnostic> {
    collection
        .canonicalize()
        .map_err(|e| Diagnostic::error(collection, None, "", format!("cannot read the collection: {e}")))
}

/// The real location of `path`, links resolved, if it is a regular file inside `root`
/// (the collection's real location, from [`real_root`]). Every file a build reads
/// passes here first — sources, the catalogue, templates and theme files — so that no
/// link, however deep, leads a build outside the collection, and no FIFO or device
/// stalls it.
pub fn inside(root: &Path, path: &Path) -> Result<PathBuf, Diagnostic> {
    let real = resolve_inside(root, path)?;
    match fs::metadata(&real) {
        Ok(metadata) if metadata.is_file() => Ok(real),
        Ok(_) => Err(Diagnostic::error(
            path,
            None,
            "",
            "not a regular file (a folder, a FIFO or a device): it cannot be read as text",
        )),
        Err(e) => Err(Diagnostic::error(path, None, "", format!("cannot read: {e}"))),
    }
}

/// The real location of a file or folder, refused when it lies outside `root`.
fn resolve_inside(root: &Path, path: &Path) -> Result<PathBuf, Diagnostic> {
    let real = path
        .canonicalize()
        .map_err(|e| Diagnostic::error(path, None, "", format!("cannot read: {e}")))?;
    if real.starts_with(root) {
        return Ok(real);
    }
    Err(Diagnostic::error(
        path,
        None,
        "",
        format!(
            "refused: a symbolic link that leads outside the collection, to {}",
            real.display()
        ),
    )
    .with_help("copy what it links to into the collection instead"))
}

/// A source file's bytes read again after discovery (to copy it into the output),
/// through the same check as every other read.
pub fn read_again(collection: &Path, relative: &str) -> Result<Vec<u8>, Diagnostic> {
    let path = join(collection, relative);
    let real = inside(&real_root(collection)?, &path)?;
    fs::read(&real).map_err(|e| Diagnostic::error(&path, None, "", format!("cannot read: {e}")))
}

/// How to read bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Encoding {
    /// Invalid UTF-8 is an error naming the file, line and byte.
    #[default]
    Strict,
    /// Invalid bytes become U+FFFD, with a warning.
    Lossy,
}

/// Reads a file as text: UTF-8 without a byte-order mark, with `\n` line ends.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    read_text_as(path, Encoding::Strict, &mut Diagnostics::default())
}

/// Reads a file as text; what had to be mended goes into `warnings`.
pub fn read_text_as(path: &Path, encoding: Encoding, warnings: &mut Diagnostics) -> Result<String, Diagnostic> {
    read_source(path, encoding, warnings).map(|(text, _)| text)
}

/// Reads a source file as text, with the fixity of its bytes as they are on disk.
pub fn read_source(
    path: &Path,
    encoding: Encoding,
    warnings: &mut Diagnostics,
) -> Result<(String, Fixity), Diagnostic> {
    read_source_in(path, None, encoding, warnings)
}

/// [`read_source`] for a file saved in `charset` (UTF-8 when `None`).
fn read_source_in(
    path: &Path,
    charset: Option<Charset>,
    encoding: Encoding,
    warnings: &mut Diagnostics,
) -> Result<(String, Fixity), Diagnostic> {
    let bytes = fs::read(path).map_err(|e| Diagnostic::error(path, None, "", format!("cannot read: {e}")))?;
    let fixity = Fixity::of(&bytes);
    let text = match charset.filter(|c| c.0 != encoding_rs::UTF_8) {
        Some(charset) => decode_in(path, &bytes, charset, encoding, warnings)?,
        None => decode(path, bytes, encoding, warnings)?,
    };
    Ok((text, fixity))
}

/// Bytes in a declared encoding other than UTF-8, decoded by encoding_rs; a byte-order
/// mark, if there is one, says which UTF-16 (or UTF-8) the file is in. Bytes that are
/// not valid in the encoding are an error naming where they are (or, with
/// `--lossy-utf8`, U+FFFD and a warning).
fn decode_in(
    path: &Path,
    bytes: &[u8],
    charset: Charset,
    encoding: Encoding,
    warnings: &mut Diagnostics,
) -> Result<String, Diagnostic> {
    let (actual, bom) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((charset.0, 0));
    let body = &bytes[bom..];
    let mut decoder = actual.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut text, true);
    if let encoding_rs::DecoderResult::Malformed(bad, after) = result {
        let offset = bom + read - usize::from(after) - usize::from(bad);
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        let message = format!("the bytes at byte {offset} are not valid {}", actual.name());
        if encoding == Encoding::Strict {
            return Err(Diagnostic::error(path, Some(line), "", message).with_help(format!(
                "check the file's `encoding:` in the catalogue ({} now), or build with --lossy-utf8",
                charset.0.name()
            )));
        }
        warnings.push(Diagnostic::warning(
            path,
            Some(line),
            "",
            format!("{message}: bad bytes are shown as �"),
        ));
        let (lossy, _) = actual.decode_without_bom_handling(body);
        text = lossy.into_owned();
    } else if !matches!(result, encoding_rs::DecoderResult::InputEmpty) {
        return Err(Diagnostic::error(path, None, "", "the text could not be decoded whole"));
    }
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(without_control_characters(path, text, warnings))
}

fn decode(
    path: &Path,
    mut bytes: Vec<u8>,
    encoding: Encoding,
    warnings: &mut Diagnostics,
) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let line = error.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            if encoding == Encoding::Strict {
                return Err(Diagnostic::error(
                    path,
                    Some(line),
                    "",
                    format!("invalid UTF-8 at byte {offset}: save the file as UTF-8 (or build with --lossy-utf8)"),
                ));
            }
            warnings.push(Diagnostic::warning(
                path,
                Some(line),
                "",
                format!("invalid UTF-8 from byte {offset}: bad bytes are shown as �"),
            ));
            String::from_utf8_lossy(error.as_bytes()).into_owned()
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(without_control_characters(path, text, warnings))
}

/// NUL and the other control characters (but tab, line feed and form feed) have no
/// place in an HTML page; they become U+FFFD, with a warning naming the first.
fn without_control_characters(path: &Path, text: String, warnings: &mut Diagnostics) -> String {
    let is_control = |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}')) || c == '\u{7f}';
    let Some(first) = text.find(is_control) else {
        return text;
    };
    let line = text[..first].matches('\n').count() + 1;
    let count = text.chars().filter(|&c| is_control(c)).count();
    warnings.push(Diagnostic::warning(
        path,
        Some(line),
        "",
        format!("{count} control character(s) such as NUL are shown as �"),
    ));
    text.chars()
        .map(|c| if is_control(c) { '\u{fffd}' } else { c })
        .collect()
}

/// A source file found in the collection, not yet read.
#[derive(Debug, Clone)]
pub struct FoundFile {
    /// Where it really is (links resolved): what is read.
    pub real: PathBuf,
    /// Its path as found in the collection: what is shown.
    pub path: PathBuf,
    /// Its path relative to the collection, with `/` separators.
    pub relative: String,
    /// Plain text or Markdown.
    pub kind: SourceKind,
    /// The character encoding the catalogue declares it is saved in; UTF-8 if none.
    pub charset: Option<Charset>,
}

/// The encoding each file is declared in, by its path relative to the collection: its
/// own entry's (an original's or a translation's, then its document's), else the
/// collection's.
pub struct Charsets {
    declared: std::collections::HashMap<String, Charset>,
    collection: Option<Charset>,
}

impl Charsets {
    /// What `catalog` declares.
    pub fn of(catalog: &Catalog) -> Charsets {
        let mut declared = std::collections::HashMap::new();
        for entry in &catalog.entries {
            let document = entry.meta.encoding.or(catalog.encoding);
            let mut declare = |written: &str, charset: Option<Charset>| {
                if let (Some(charset), Some(path)) = (charset, normalize_relative("", written)) {
                    declared.insert(path, charset);
                }
            };
            declare(&entry.file.value, document);
            for text in entry.meta.original.iter().chain(&entry.meta.translations) {
                declare(&text.file.value, text.encoding.or(document));
            }
        }
        Charsets {
            declared,
            collection: catalog.encoding,
        }
    }

    /// No declarations: every file is UTF-8.
    pub fn none() -> Charsets {
        Charsets {
            declared: std::collections::HashMap::new(),
            collection: None,
        }
    }

    fn of_file(&self, relative: &str) -> Option<Charset> {
        self.declared.get(relative).copied().or(self.collection)
    }
}

/// A found file read: the source, or why it could not be read, and its warnings.
pub type Read = (Result<SourceFile, Diagnostic>, Vec<Diagnostic>);

/// How a found file is read: [`read_file`] in a plain build; a served build passes
/// one that gives back an unchanged file as it was read last time (the incremental
/// layer).
pub type ReadFile<'a> = dyn Fn(&FoundFile, Encoding) -> Read + Sync + 'a;

/// Reads and hashes one found file, named in its problems as the collection names it.
pub fn read_file(found: &FoundFile, encoding: Encoding) -> Read {
    let modified = fs::metadata(&found.real).ok().and_then(|m| m.modified().ok());
    let mut warnings = Diagnostics::default();
    let named = |diagnostic: Diagnostic| Diagnostic {
        file: found.path.clone(),
        ..diagnostic
    };
    let source = read_source_in(&found.real, found.charset, encoding, &mut warnings)
        .map_err(named)
        .map(|(text, fixity)| SourceFile {
            relative: found.relative.clone(),
            display: found.path.clone(),
            kind: found.kind,
            text,
            fixity,
            modified,
        });
    (source, warnings.0.into_iter().map(named).collect())
}

/// Finds every source file of the collection and reads each with `read`, in path
/// order.
pub fn discover(
    collection: &Path,
    exclude: &GlobSet,
    charsets: &Charsets,
    encoding: Encoding,
    read: &ReadFile<'_>,
) -> Staged<Vec<SourceFile>> {
    let mut sources = Vec::new();
    // Each source's real location (what is read) and its path as found (what is shown).
    let mut found: Vec<FoundFile> = Vec::new();
    let mut diagnostics = Diagnostics::default();
    let root = match real_root(collection) {
        Ok(root) => root,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return Ok((sources, diagnostics));
        }
    };
    let walker = WalkDir::new(collection)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !is_skipped_entry(entry));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(collection).to_path_buf();
                diagnostics.push(Diagnostic::error(&path, None, "", format!("cannot read: {error}")));
                continue;
            }
        };
        let Some(kind) = SourceKind::of(entry.path()) else {
            continue;
        };
        let Ok(relative_path) = entry.path().strip_prefix(collection) else {
            continue;
        };
        let Some(relative) = relative_string(relative_path) else {
            diagnostics.push(Diagnostic::error(
                entry.path(),
                None,
                "",
                "the file name is not valid UTF-8: rename the file",
            ));
            continue;
        };
        if relative == INDEX_FILE || exclude.is_match(&relative) {
            continue;
        }
        if !entry.path_is_symlink() && !entry.file_type().is_file() {
            continue;
        }
        match inside(&root, entry.path()) {
            Ok(real) => found.push(FoundFile {
                real,
                path: entry.path().to_path_buf(),
                charset: charsets.of_file(&relative),
                relative,
                kind,
            }),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    // Reading and hashing, most of the work, happen on every core; results keep path order.
    let read: Vec<Read> = found.into_par_iter().map(|found| read(&found, encoding)).collect();
    for (source, warnings) in read {
        diagnostics.0.extend(warnings);
        match source {
            Ok(source) => sources.push(source),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    Ok((sources, diagnostics))
}

/// The relative paths (`/`-separated, in name order) of the collection's files that
/// `wanted` takes by their relative path, skipping what [`discover`] skips: for the
/// files a catalogue names by a glob, such as a document's scans.
pub fn list_files(collection: &Path, wanted: &dyn Fn(&str) -> bool) -> Vec<String> {
    WalkDir::new(collection)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !is_skipped_entry(entry))
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file() || entry.path_is_symlink())
        .filter_map(|entry| relative_string(entry.path().strip_prefix(collection).ok()?))
        .filter(|relative| wanted(relative))
        .collect()
}

/// Whether a relative path lies where [`discover`] does not look: a hidden file or
/// folder, the look's folders at the root, or dossier's own output.
pub fn in_skipped_folder(collection: &Path, relative: &str) -> bool {
    let parts: Vec<&str> = relative.split('/').collect();
    parts.iter().enumerate().any(|(at, name)| {
        let is_folder = at + 1 < parts.len();
        let path = join(collection, &parts[..=at].join("/"));
        is_skipped(name, at + 1, is_folder, &path)
    })
}

/// Hidden entries, the look's folders and dossier's own output are not sources.
fn is_skipped_entry(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0
        && is_skipped(
            &entry.file_name().to_string_lossy(),
            entry.depth(),
            entry.file_type().is_dir(),
            entry.path(),
        )
}

/// The one rule of what is not read as a source: the entry `name` at `depth` below the
/// collection (1 for its own files and folders), a folder or not, at `path`.
fn is_skipped(name: &str, depth: usize, is_folder: bool, path: &Path) -> bool {
    name.starts_with('.')
        || is_folder && ((depth == 1 && (name == "templates" || name == "themes")) || path.join(OUTPUT_MARKER).exists())
}

/// `a/b.txt` with `/` on every platform; `None` for names that are not UTF-8.
fn relative_string(path: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = path.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Resolves a path written in the catalogue or a link (`letters/../memo.txt`) against
/// the collection, refusing anything that leaves it. Returns the normalised relative path.
pub fn normalize_relative(base_dir: &str, written: &str) -> Option<String> {
    if written.is_empty() || written.starts_with('/') || written.starts_with('\\') || written.contains('\\') {
        return None;
    }
    // Windows drive letters (`C:`) are absolute too.
    if written.len() >= 2 && written.as_bytes()[1] == b':' && written.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for component in Path::new(written).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The folder part of a relative path: `a/b.md` → `a`.
pub fn parent_dir(relative: &str) -> &str {
    relative.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The file-system path of a relative source path, for existence checks.
pub fn join(collection: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(collection.to_path_buf(), |path, part| path.join(part))
}

/// Every file under `folder` (a theme's templates or static files) by its relative
/// path, skipping hidden files. `root` is the collection's real location: a link, or
/// the folder itself, leading out of it is refused.
pub fn read_folder(root: &Path, folder: &Path) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut files = Vec::new();
    let mut problems = Diagnostics::default();
    if let Err(diagnostic) = resolve_inside(root, folder) {
        problems.push(diagnostic);
        return Err(problems);
    }
    let walker = WalkDir::new(folder)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(Diagnostic::error(
                    e.path().unwrap_or(folder),
                    None,
                    "",
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if entry.path_is_symlink() && entry.path().is_dir() {
            // A linked folder is not walked; one leading out is still refused.
            if let Err(diagnostic) = resolve_inside(root, entry.path()) {
                problems.push(diagnostic);
            }
            continue;
        }
        let Some(relative) = entry.path().strip_prefix(folder).ok().and_then(relative_string) else {
            problems.push(Diagnostic::error(
                entry.path(),
                None,
                "",
                "the file name is not valid UTF-8: rename the file",
            ));
            continue;
        };
        let read = inside(root, entry.path()).and_then(|real| {
            fs::read(real).map_err(|e| Diagnostic::error(entry.path(), None, "", format!("cannot read: {e}")))
        });
        match read {
            Ok(bytes) => files.push((relative, bytes)),
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_never_leave_the_collection() {
        assert_eq!(normalize_relative("", "memo.txt").as_deref(), Some("memo.txt"));
        assert_eq!(normalize_relative("notes", "../memo.txt").as_deref(), Some("memo.txt"));
        assert_eq!(
            normalize_relative("notes", "./a/./b.md").as_deref(),
            Some("notes/a/b.md")
        );
        assert_eq!(normalize_relative("", "../memo.txt"), None);
        assert_eq!(normalize_relative("a", "../../memo.txt"), None);
        assert_eq!(normalize_relative("", "/etc/passwd"), None);
        assert_eq!(normalize_relative("", "C:/x.txt"), None);
        assert_eq!(normalize_relative("", "a\\..\\..\\x.txt"), None);
    }

    #[test]
    fn text_is_decoded_with_its_line_ends_made_plain() {
        let mut warnings = Diagnostics::default();
        let text = decode(
            Path::new("a.txt"),
            b"\xEF\xBB\xBFone\r\ntwo\rthree\n".to_vec(),
            Encoding::Strict,
            &mut warnings,
        )
        .expect("valid");
        assert_eq!(text, "one\ntwo\nthree\n");
    }

    #[test]
    fn invalid_utf8_names_the_byte_and_line() {
        let mut warnings = Diagnostics::default();
        let error = decode(
            Path::new("a.txt"),
            b"ok\nbad \xFF here".to_vec(),
            Encoding::Strict,
            &mut warnings,
        )
        .expect_err("invalid");
        assert_eq!(
            error.to_string(),
            "a.txt:2: invalid UTF-8 at byte 7: save the file as UTF-8 (or build with --lossy-utf8)"
        );
        let text = decode(
            Path::new("a.txt"),
            b"ok\nbad \xFF here".to_vec(),
            Encoding::Lossy,
            &mut warnings,
        )
        .expect("mended");
        assert_eq!(text, "ok\nbad \u{fffd} here");
        assert_eq!(
            warnings.0[0].to_string(),
            "a.txt:2: invalid UTF-8 from byte 7: bad bytes are shown as �"
        );
    }

    #[test]
    fn control_characters_become_replacement_characters() {
        let mut warnings = Diagnostics::default();
        let text = decode(
            Path::new("a.txt"),
            b"a\tb\n\x0cc\0d\x01".to_vec(),
            Encoding::Strict,
            &mut warnings,
        )
        .expect("valid");
        assert_eq!(text, "a\tb\n\u{c}c\u{fffd}d\u{fffd}");
        assert_eq!(
            warnings.0[0].to_string(),
            "a.txt:2: 2 control character(s) such as NUL are shown as �"
        );
    }
}
