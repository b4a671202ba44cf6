//! Writing the archive: to a staging folder beside the output, swapped in only when
//! every file was written and flushed to disk.
//!
//! A failed or interrupted build therefore leaves the previous output whole, and files
//! of an earlier build that no longer exist are gone after a good one. Only the output
//! folder and its siblings named for it are ever touched: an existing folder is
//! replaced only if an earlier build marked it as dossier's own, and never when it
//! holds the collection.
//!
//! - **One build at a time.** A lock file beside the output (`output.lock`, made with
//!   `O_EXCL`, holding the process id) stops a second build from deleting the first's
//!   staging folder; a lock left by a process that is gone is taken over.
//! - **One atomic step.** On Linux the staging folder and the output trade places in
//!   one `renameat2(RENAME_EXCHANGE)`. Elsewhere (or on a file system without it) the
//!   old output is first moved aside to `output.previous-<pid>`; a build that finds
//!   that folder and no output (the first was killed between the two renames) puts it
//!   back before anything else, and says so.
//! - **Links flipped, as deploy tools do.** An output that is a symbolic link
//!   (`current -> releases/…`) is never emptied: the new build is written beside the
//!   link's target, in a folder named for the time, and the link is replaced by one to
//!   it in one rename. The build it led to before is kept.
//! - **What happened is reported.** [`Placed`] says what became of the previous
//!   output, and is true in every case: removing the old output is the one step that
//!   may fail after the new one is in place, and then it says where the old one is.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;
use crate::urls::OUTPUT_MARKER;

/// A file of the output, ready to be written: a page, a search-index file, a record,
/// a copied static file.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// The path inside the output folder, with `/` separators.
    pub path: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}

/// Where files go as they are made, from any thread: the output's staging folder for a
/// build (so no build holds every page in memory), memory for a served one.
pub trait Sink: Sync {
    /// Writes a file of the output (or keeps it, for a served build).
    fn put(&self, page: OutputFile) -> Result<(), Error>;

    /// Puts `page` and gives back its path, for the writers that list what they made.
    fn put_listed(&self, page: OutputFile) -> Result<String, Error> {
        let path = page.path.clone();
        self.put(page)?;
        Ok(path)
    }
}

impl Sink for Staging {
    fn put(&self, page: OutputFile) -> Result<(), Error> {
        Staging::put(self, &page)
    }
}

/// Files kept in memory.
#[derive(Default)]
pub struct Collect(Mutex<Vec<OutputFile>>);

impl Collect {
    /// The files put, in the order they came.
    pub fn into_pages(self) -> Vec<OutputFile> {
        self.0.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Sink for Collect {
    fn put(&self, page: OutputFile) -> Result<(), Error> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(page);
        Ok(())
    }
}

/// Set (to any value) in the environment of a `dossier build`, makes the swap take its
/// two-rename path and abort the process between the renames: how the tests show that
/// a build killed at the worst moment loses nothing. Never set outside tests.
pub const INTERRUPT_SWAP_FOR_TESTS: &str = "DOSSIER_TEST_INTERRUPT_SWAP";

/// Writes `pages` into `out`, replacing what an earlier build left there.
pub fn write(out: &Path, collection: &Path, pages: &[OutputFile]) -> Result<Placed, Error> {
    let lock = Lock::acquire(out)?;
    let staging = Staging::begin(out, collection, lock)?;
    for page in pages {
        staging.put(page)?;
    }
    staging.finish()
}

/// The right to write one output, held from the start of a build to its end.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    /// An output that an interrupted build had moved aside, put back when the lock was
    /// taken.
    restored: Option<Restored>,
}

/// An output put back from where an interrupted build had moved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where it was.
    pub from: PathBuf,
    /// Where it is now.
    pub to: PathBuf,
}

impl Lock {
    /// Takes the lock of `out`, or refuses with the process that holds it; then puts
    /// back an output that an interrupted build left moved aside.
    pub fn acquire(out: &Path) -> Result<Lock, Error> {
        let path = sibling(out, "lock")?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        // Three tries: another build may take over the same stale lock at the same time.
        for _ in 0..3 {
            match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    let written = writeln!(file, "{}", std::process::id()).and_then(|_| file.sync_all());
                    let lock = Lock { path, restored: None };
                    written.map_err(|source| Error::Write {
                        path: lock.path.clone(),
                        source,
                    })?;
                    return lock.restoring(out);
                }
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path)
                        .ok()
                        .and_then(|text| text.trim().parse::<u32>().ok());
                    match holder {
                        Some(pid) if is_running(pid) => {
                            return Err(Error::Output(format!(
                                "another dossier build (process {pid}) is writing {}: wait for it to end, or remove {} if no build is running",
                                out.display(),
                                path.display()
                            )))
                        }
                        // Stale (its process is gone) or half-written: moved away in one
                        // rename, so that of two builds taking it over only one does.
                        _ => {
                            let stale = sibling(out, "lock-stale")?;
                            if fs::rename(&path, &stale).is_ok() {
                                let _ = fs::remove_file(&stale);
                            }
                        }
                    }
                }
                Err(source) => return Err(Error::Write { path, source }),
            }
        }
        Err(Error::Output(format!(
            "cannot take the lock {} of the output: other builds keep taking it",
            path.display()
        )))
    }

    /// An output that is missing while `out.previous-<pid>` exists was moved aside by a
    /// build killed between its two renames: it is put back before anything else.
    fn restoring(mut self, out: &Path) -> Result<Lock, Error> {
        if out.symlink_metadata().is_ok() {
            return Ok(self);
        }
        let mut moved: Vec<PathBuf> = siblings(out, "previous")
            .into_iter()
            .filter(|path| path.join(OUTPUT_MARKER).is_file())
            .collect();
        // The most recently moved is the last output that was whole.
        moved.sort_by_key(|path| fs::metadata(path).and_then(|m| m.modified()).ok());
        if let Some(from) = moved.pop() {
            fs::rename(&from, out).map_err(|source| Error::Write {
                path: out.to_path_buf(),
                source,
            })?;
            sync_parent(out);
            self.restored = Some(Restored {
                from,
                to: out.to_path_buf(),
            });
        }
        Ok(self)
    }

    /// The output put back when the lock was taken, if one was.
    pub fn restored(&self) -> Option<&Restored> {
        self.restored.as_ref()
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Only our own lock is removed: a lock taken over from us (we were thought
        // dead) belongs to the build that took it.
        let ours = fs::read_to_string(&self.path)
            .ok()
            .and_then(|text| text.trim().parse::<u32>().ok())
            == Some(std::process::id());
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else {
        return false;
    };
    // EPERM: the process exists but is someone else's.
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(error) => error == rustix::io::Errno::PERM,
    }
}

/// Without a portable way to ask, every lock is taken as held: the message names the
/// lock file to remove.
#[cfg(not(unix))]
fn is_running(_pid: u32) -> bool {
    true
}

/// What became of the previous output when the new one was put in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Previous {
    /// There was none.
    None,
    /// Replaced, and removed.
    Removed,
    /// Replaced, but it could not be removed: it is still there, at `path`.
    Left {
        /// Where the previous output is.
        path: PathBuf,
        /// Why it could not be removed.
        reason: String,
    },
    /// The output is a link, now leading to the new build; the build it led to is kept.
    Kept {
        /// Where the build the link led to is.
        path: PathBuf,
    },
}

/// Where a build's output went, and what happened to the one before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The folder that now holds the output: the output itself, or the folder a
    /// linked output now leads to.
    pub folder: PathBuf,
    /// What became of the previous output.
    pub previous: Previous,
    /// An output an interrupted build had moved aside, put back before this build.
    pub restored: Option<Restored>,
}

/// An output being written, file by file as pages are made, so that a build never
/// holds every page in memory: a staging folder beside the output, swapped in by
/// [`Staging::finish`]. Dropped unfinished (an error, a panic), it is removed and the
/// output is left as it was.
pub struct Staging {
    target: Target,
    dir: PathBuf,
    lock: Lock,
    finished: bool,
}

/// Where the new output goes.
#[derive(Debug)]
enum Target {
    /// A folder (or nothing yet) at this path, replaced whole.
    Folder(PathBuf),
    /// A symbolic link: `release` is the new folder beside what it leads to, and the
    /// link is flipped to it.
    Link {
        link: PathBuf,
        release: PathBuf,
        /// What the link is to say: its old text with the last part renamed.
        text: PathBuf,
        current: Option<PathBuf>,
    },
}

impl Staging {
    /// Checks that `out` may be replaced and opens an empty staging folder beside it
    /// (beside its target, when it is a link).
    pub fn begin(out: &Path, collection: &Path, lock: Lock) -> Result<Staging, Error> {
        check_holds_no_collection(out, collection)?;
        let target = match out.symlink_metadata() {
            Ok(metadata) if metadata.file_type().is_symlink() => linked_target(out)?,
            _ => Target::Folder(out.to_path_buf()),
        };
        let replaced = match &target {
            Target::Folder(folder) => Some(folder.as_path()),
            Target::Link { current, .. } => current.as_deref(),
        };
        if let Some(folder) = replaced {
            check_replaceable(folder)?;
        }
        let beside = match &target {
            Target::Folder(folder) => folder.as_path(),
            Target::Link { release, .. } => release.as_path(),
        };
        remove_leftovers(beside);
        let dir = sibling(beside, "staging")?;
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
            target,
            dir,
            lock,
            finished: false,
        })
    }

    /// Writes one file into the staging folder; safe to call from many threads.
    pub fn put(&self, page: &OutputFile) -> Result<(), Error> {
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

    /// Flushes the staging folder to disk and puts it in the output's place.
    pub fn finish(mut self) -> Result<Placed, Error> {
        flush(&self.dir).map_err(|source| Error::Write {
            path: self.dir.clone(),
            source,
        })?;
        let previous = match &self.target {
            Target::Folder(out) => swap_in(&self.dir, out)?,
            Target::Link {
                link,
                release,
                text,
                current,
            } => {
                flip(&self.dir, link, release, text)?;
                match current {
                    Some(path) => Previous::Kept { path: path.clone() },
                    None => Previous::None,
                }
            }
        };
        self.finished = true;
        let folder = match &self.target {
            Target::Folder(out) => out.clone(),
            Target::Link { release, .. } => release.clone(),
        };
        Ok(Placed {
            folder,
            previous,
            restored: self.lock.restored.clone(),
        })
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

/// A linked output: the new build goes beside the link's target, in a folder named
/// for the time (as deploy tools name releases), and the link will lead there.
fn linked_target(link: &Path) -> Result<Target, Error> {
    let text = fs::read_link(link).map_err(|source| Error::Write {
        path: link.to_path_buf(),
        source,
    })?;
    let base = link.parent().unwrap_or(Path::new(""));
    let pointed = if text.is_absolute() {
        text.clone()
    } else {
        base.join(&text)
    };
    let current = match fs::symlink_metadata(&pointed) {
        Ok(metadata) if metadata.is_dir() => Some(pointed.clone()),
        Ok(_) => {
            return Err(Error::Output(format!(
                "the output {} is a link to {}, which is not a folder",
                link.display(),
                pointed.display()
            )))
        }
        Err(_) => None,
    };
    let releases = pointed.parent().unwrap_or(Path::new(""));
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .map_err(|error| Error::Output(format!("cannot name the new build: {error}")))?;
    let mut name = stamp.clone();
    let mut count = 1;
    while releases.join(&name).symlink_metadata().is_ok() {
        count += 1;
        name = format!("{stamp}-{count}");
    }
    let release = releases.join(&name);
    let text = text.with_file_name(&name);
    Ok(Target::Link {
        link: link.to_path_buf(),
        release,
        text,
        current,
    })
}

/// Refuses outputs that would destroy the collection.
fn check_holds_no_collection(out: &Path, collection: &Path) -> Result<(), Error> {
    let out_full = absolute(out);
    let collection_full = absolute(collection);
    if collection_full.starts_with(&out_full) {
        return Err(Error::Output(format!(
            "the output folder {} would hold the collection {}: choose another --out",
            out.display(),
            collection.display()
        )));
    }
    Ok(())
}

/// Refuses to replace someone's folder: only an empty one, or one dossier marked.
fn check_replaceable(folder: &Path) -> Result<(), Error> {
    let Ok(metadata) = folder.symlink_metadata() else {
        return Ok(());
    };
    if !metadata.is_dir() {
        return Err(Error::Output(format!(
            "the output {} exists and is not a folder",
            folder.display()
        )));
    }
    let empty = fs::read_dir(folder)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false);
    if !empty && !folder.join(OUTPUT_MARKER).exists() {
        return Err(Error::Output(format!(
            "{} holds files that an earlier dossier build did not write: refusing to replace it (remove it or choose another --out)",
            folder.display()
        )));
    }
    Ok(())
}

/// Staging and previous folders that an interrupted build left beside the output. Only
/// folders dossier marked as its own are removed; the caller holds the output's lock,
/// so none of them belongs to a build still running.
fn remove_leftovers(out: &Path) {
    for role in ["staging", "previous"] {
        for leftover in siblings(out, role) {
            if leftover.join(OUTPUT_MARKER).is_file() {
                // Best effort: a leftover that cannot be removed harms nothing.
                let _ = fs::remove_dir_all(leftover);
            }
        }
    }
}

/// The folders beside `out` named `<out>.<role>-…`.
fn siblings(out: &Path, role: &str) -> Vec<PathBuf> {
    let (Some(name), Some(parent)) = (out.file_name().and_then(|n| n.to_str()), out.parent()) else {
        return Vec::new();
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let prefix = format!("{name}.{role}-");
    entries
        .flatten()
        .filter(|entry| entry.file_name().to_str().is_some_and(|n| n.starts_with(&prefix)))
        .map(|entry| out.with_file_name(entry.file_name()))
        .collect()
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

/// `output` → `output.staging-<pid>` in the same folder, so the final rename is atomic;
/// `output.lock` for the lock.
fn sibling(out: &Path, role: &str) -> Result<PathBuf, Error> {
    let name = out
        .file_name()
        .ok_or_else(|| Error::Output(format!("{} is not a folder name that can be written", out.display())))?;
    let mut sibling_name = name.to_os_string();
    if role == "lock" {
        sibling_name.push(".lock");
    } else {
        sibling_name.push(format!(".{role}-{}", std::process::id()));
    }
    Ok(out.with_file_name(sibling_name))
}

/// Every file written to disk before the output is swapped in, so that a power cut
/// after the swap cannot leave empty files: one `syncfs` on Linux, every file and
/// folder elsewhere.
fn flush(dir: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let folder = fs::File::open(dir)?;
        rustix::fs::syncfs(&folder)?;
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.map_err(std::io::Error::other)?;
            fs::File::open(entry.path())?.sync_all()?;
        }
        Ok(())
    }
}

/// Makes a rename in `path`'s folder durable.
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        // Best effort: the rename has happened; only its durability is at stake.
        let _ = fs::File::open(parent).and_then(|folder| folder.sync_all());
    }
}

/// Puts the staging folder in the output's place and removes the old output.
fn swap_in(staging: &Path, out: &Path) -> Result<Previous, Error> {
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    if out.symlink_metadata().is_err() {
        fs::rename(staging, out).map_err(write_error(out))?;
        sync_parent(out);
        return Ok(Previous::None);
    }
    // The old output now stands where the staging folder was, or at `previous`.
    let old = match exchange(staging, out) {
        Ok(()) => staging.to_path_buf(),
        Err(_) => two_renames(staging, out)?,
    };
    sync_parent(out);
    match remove_in_parallel(&old) {
        Ok(()) => Ok(Previous::Removed),
        Err(error) => {
            // It stays under the name the next build looks for, to try again.
            let previous = sibling(out, "previous")?;
            let path = if old != previous && fs::rename(&old, &previous).is_ok() {
                previous
            } else {
                old
            };
            Ok(Previous::Left {
                path,
                reason: error.to_string(),
            })
        }
    }
}

/// Trades the two folders' places in one step, where the platform can.
fn exchange(staging: &Path, out: &Path) -> std::io::Result<()> {
    if std::env::var_os(INTERRUPT_SWAP_FOR_TESTS).is_some() {
        return Err(std::io::Error::other("the two-rename path, for a test"));
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = (staging, out);
        Err(std::io::Error::other("no atomic exchange on this platform"))
    }
}

/// The swap without an atomic exchange: the old output aside, the new one in. Killed
/// between the two, the next build's [`Lock::acquire`] puts the old one back.
fn two_renames(staging: &Path, out: &Path) -> Result<PathBuf, Error> {
    let previous = sibling(out, "previous")?;
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
    if std::env::var_os(INTERRUPT_SWAP_FOR_TESTS).is_some() {
        std::process::abort();
    }
    if let Err(source) = fs::rename(staging, out) {
        return match fs::rename(&previous, out) {
            Ok(()) => Err(Error::Write {
                path: out.to_path_buf(),
                source,
            }),
            Err(_) => Err(Error::Moved {
                out: out.to_path_buf(),
                previous,
                source,
            }),
        };
    }
    Ok(previous)
}

/// Points the link at the new build, in one rename of a new link over the old.
fn flip(staging: &Path, link: &Path, release: &Path, text: &Path) -> Result<(), Error> {
    fs::rename(staging, release).map_err(|source| Error::Write {
        path: release.to_path_buf(),
        source,
    })?;
    sync_parent(release);
    let fresh = sibling(link, "link")?;
    let _ = fs::remove_file(&fresh);
    let made = make_link(text, &fresh).and_then(|_| fs::rename(&fresh, link));
    if let Err(source) = made {
        let _ = fs::remove_file(&fresh);
        // The link still leads to the old build; the new one is not kept half-published.
        let _ = remove_in_parallel(release);
        return Err(Error::Write {
            path: link.to_path_buf(),
            source,
        });
    }
    sync_parent(link);
    Ok(())
}

#[cfg(unix)]
fn make_link(text: &Path, at: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(text, at)
}

#[cfg(windows)]
fn make_link(text: &Path, at: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_dir(text, at)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_written_output_is_marked_and_a_second_replaces_it_whole() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let (out, collection) = (dir.path().join("site"), dir.path().join("collection"));
        fs::create_dir(&collection).expect("collection");
        write(&out, &collection, &[file("a/index.html", "A"), file("b.txt", "B")]).expect("first");
        assert!(out.join(OUTPUT_MARKER).is_file());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).expect("a"), "A");
        write(&out, &collection, &[file("c.txt", "C")]).expect("second");
        assert!(
            !out.join("a").exists() && !out.join("b.txt").exists(),
            "the old files are gone"
        );
        assert_eq!(fs::read_to_string(out.join("c.txt")).expect("c"), "C");
        let beside: Vec<String> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!beside.iter().any(|name| name.contains("staging")), "{beside:?}");
    }

    #[test]
    fn a_staging_folder_dropped_unfinished_leaves_the_output_as_it_was() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let (out, collection) = (dir.path().join("site"), dir.path().join("collection"));
        fs::create_dir(&collection).expect("collection");
        write(&out, &collection, &[file("kept.txt", "kept")]).expect("first");
        {
            let lock = Lock::acquire(&out).expect("lock");
            let staging = Staging::begin(&out, &collection, lock).expect("staging");
            staging.put(&file("new.txt", "new")).expect("put");
        }
        assert_eq!(fs::read_to_string(out.join("kept.txt")).expect("kept"), "kept");
        assert!(!out.join("new.txt").exists());
        let left: Vec<String> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name != "site" && name != "collection")
            .collect();
        assert!(left.is_empty(), "the staging folder and the lock are removed: {left:?}");
    }

    #[test]
    fn files_put_in_memory_come_back_in_order() {
        let sink = Collect::default();
        sink.put(file("a", "1")).expect("put");
        let path = sink.put_listed(file("b", "2")).expect("put");
        assert_eq!(path, "b");
        let paths: Vec<String> = sink.into_pages().into_iter().map(|f| f.path).collect();
        assert_eq!(paths, ["a", "b"]);
    }
}
