//! Writing the archive: to a staging folder beside the output, swapped in only when
//! every file was written.
//!
//! A failed or interrupted build therefore leaves the previous output whole, and files
//! of an earlier build that no longer exist are gone after a good one. Only the output
//! folder and its staging siblings are ever touched: an existing folder is replaced
//! only if an earlier build marked it as dossier's own, and never when it holds the
//! collection.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::render::RenderedPage;

/// The file that marks a folder as a dossier output, safe to replace.
pub const OUTPUT_MARKER: &str = ".dossier-output";

/// Writes `pages` into `out`, replacing what an earlier build left there.
pub fn write(out: &Path, collection: &Path, pages: &[RenderedPage]) -> Result<(), Error> {
    let staging = Staging::begin(out, collection)?;
    for page in pages {
        staging.put(page)?;
    }
    staging.finish()
}

/// An output being written, file by file as pages are made, so that a build never
/// holds every page in memory: a staging folder beside the output, swapped in by
/// [`Staging::finish`]. Dropped unfinished (an error, a panic), it is removed and the
/// output is left as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    finished: bool,
}

impl Staging {
    /// Checks that `out` may be replaced and opens an empty staging folder beside it.
    pub fn begin(out: &Path, collection: &Path) -> Result<Staging, Error> {
        check_target(out, collection)?;
        remove_leftovers(out);
        let dir = sibling(out, "staging")?;
        let io = |source| Error::Write {
            path: dir.clone(),
            source,
        };
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io)?;
        }
        fs::create_dir_all(&dir).map_err(io)?;
        fs::write(
            dir.join(OUTPUT_MARKER),
            "Written by dossier; replaced whole by the next build.\n",
        )
        .map_err(io)?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            finished: false,
        })
    }

    /// Writes one file into the staging folder; safe to call from many threads.
    pub fn put(&self, page: &RenderedPage) -> Result<(), Error> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Write { path, source }
        };
        let target = page
            .path
            .split('/')
            .try_fold(self.dir.clone(), |path, part| match part {
                "" | "." | ".." => None,
                part => Some(path.join(part)),
            })
            .ok_or_else(|| Error::Output(format!("refusing to write outside the output: {}", page.path)))?;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        fs::write(&target, &page.bytes).map_err(io(&target))
    }

    /// Puts the staging folder in the output's place.
    pub fn finish(mut self) -> Result<(), Error> {
        self.finished = true;
        swap_in(&self.dir, &self.out)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            // Best effort: the staging folder is ours and incomplete.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Staging and previous folders that an interrupted build left beside the output. Only
/// folders dossier marked as its own are removed.
fn remove_leftovers(out: &Path) {
    let (Some(name), Some(parent)) = (out.file_name().and_then(|n| n.to_str()), out.parent()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(sibling) = file_name.to_str() else { continue };
        let ours = [".staging-", ".previous-"]
            .iter()
            .any(|role| sibling.strip_prefix(name).is_some_and(|rest| rest.starts_with(role)));
        if ours && entry.path().join(OUTPUT_MARKER).is_file() {
            // Best effort: a leftover that cannot be removed harms nothing.
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Refuses outputs that would destroy the collection or someone's folder.
fn check_target(out: &Path, collection: &Path) -> Result<(), Error> {
    let out_full = absolute(out);
    let collection_full = absolute(collection);
    if collection_full.starts_with(&out_full) {
        return Err(Error::Output(format!(
            "the output folder {} would hold the collection {}: choose another --out",
            out.display(),
            collection.display()
        )));
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(Error::Output(format!(
                "the output {} exists and is not a folder",
                out.display()
            )));
        }
        let empty = fs::read_dir(out)
            .map(|mut entries| entries.next().is_none())
            .unwrap_or(false);
        if !empty && !out.join(OUTPUT_MARKER).exists() {
            return Err(Error::Output(format!(
                "{} holds files that an earlier dossier build did not write: refusing to replace it (remove it or choose another --out)",
                out.display()
            )));
        }
    }
    Ok(())
}

/// The absolute, link-free form of a path that may not exist yet.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(full) = path.canonicalize() {
        return full;
    }
    let joined = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => joined,
    }
}

/// `output` → `output.staging-<pid>` in the same folder, so the final rename is atomic.
fn sibling(out: &Path, role: &str) -> Result<PathBuf, Error> {
    let name = out
        .file_name()
        .ok_or_else(|| Error::Output(format!("{} is not a folder name that can be written", out.display())))?;
    let mut sibling_name = name.to_os_string();
    sibling_name.push(format!(".{role}-{}", std::process::id()));
    Ok(out.with_file_name(sibling_name))
}

/// Moves the old output aside, the staging folder in, then deletes the old one.
fn swap_in(staging: &Path, out: &Path) -> Result<(), Error> {
    let previous = sibling(out, "previous")?;
    let had_output = out.exists();
    if had_output {
        if previous.exists() {
            fs::remove_dir_all(&previous).map_err(|source| Error::Write {
                path: previous.clone(),
                source,
            })?;
        }
        fs::rename(out, &previous).map_err(|source| Error::Write {
            path: out.to_path_buf(),
            source,
        })?;
    }
    if let Err(source) = fs::rename(staging, out) {
        if had_output {
            let _ = fs::rename(&previous, out);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(Error::Write {
            path: out.to_path_buf(),
            source,
        });
    }
    if had_output {
        remove_in_parallel(&previous).map_err(|source| Error::Write { path: previous, source })?;
    }
    Ok(())
}

/// Removes a folder, its sub-folders on every core: an archive's output holds tens of
/// thousands of files, and removing them one after another was a third of writing it.
fn remove_in_parallel(folder: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(folder)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            // A big folder (documents/, entities/) is split again, one level down.
            let inner: Vec<fs::DirEntry> = fs::read_dir(&path)?.collect::<Result<_, _>>()?;
            inner.par_iter().try_for_each(|entry| {
                if entry.file_type()?.is_dir() {
                    fs::remove_dir_all(entry.path())
                } else {
                    fs::remove_file(entry.path())
                }
            })?;
            fs::remove_dir(&path)
        } else {
            fs::remove_file(&path)
        }
    })?;
    fs::remove_dir(folder)
}
