//! The output is replaced whole or not at all, by one build at a time, whatever else
//! is running, however the build ends, and whatever the output path is (a folder, a
//! link to a release folder); and the closing message says what happened to the
//! previous output.
#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::fixture;
use dossier::output::{Previous, INTERRUPT_SWAP_FOR_TESTS};
use dossier::{BuildOptions, Error};

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn build_into(collection: &Path, out: &Path) -> Result<dossier::BuildReport, Error> {
    dossier::build(&BuildOptions {
        collection: collection.to_path_buf(),
        out: out.to_path_buf(),
        ..Default::default()
    })
}

fn files_in(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(folder).expect("inside").to_path_buf())
        .collect();
    files.sort();
    files
}

/// `dossier build COLLECTION -o OUT`, as a user runs it.
fn run_build(collection: &Path, out: &Path) -> Output {
    dossier()
        .arg("build")
        .arg(collection)
        .arg("-o")
        .arg(out)
        .output()
        .expect("runs")
}

fn text(run: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    )
}

/// A collection with a title that shows which build an output came from.
fn titled(dir: &Path, title: &str) {
    fs::create_dir_all(dir).expect("mkdir");
    fs::write(dir.join("INDEX.md"), format!("---\ntitle: {title}\n---\n")).expect("write");
    fs::write(dir.join("a.txt"), "A letter.\n").expect("write");
}

#[test]
fn two_builds_started_together_into_one_output_one_is_refused_and_the_output_is_whole() {
    let dir = tempfile::tempdir().expect("temp");
    let collection = dir.path().join("many");
    let made = dossier()
        .args(["generate", "400"])
        .arg(&collection)
        .output()
        .expect("runs");
    assert!(made.status.success(), "{}", text(&made));
    let out = dir.path().join("site");
    let alone = dir.path().join("alone");
    build_into(&collection, &alone).expect("a build alone");

    let first = dossier()
        .arg("build")
        .arg(&collection)
        .arg("-o")
        .arg(&out)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    let lock = dir.path().join("site.lock");
    let started = Instant::now();
    while !lock.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the first build takes the lock"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let second = run_build(&collection, &out);
    let first = first.wait_with_output().expect("ends");
    assert!(first.status.success(), "{}", text(&first));
    assert_eq!(second.status.code(), Some(1), "{}", text(&second));
    let message = text(&second);
    assert!(message.contains("another dossier build (process "), "{message}");
    assert!(message.contains("the previous output is unchanged"), "{message}");
    assert_eq!(files_in(&out), files_in(&alone), "the output is whole");
    assert!(out.join(".dossier-output").is_file(), "with its marker");
    assert!(!lock.exists(), "the lock is gone with the build");
    assert_eq!(
        fs::read_dir(dir.path()).expect("list").count(),
        3,
        "many, alone and site: nothing left beside"
    );
}

#[test]
fn a_lock_held_by_a_running_build_refuses_the_next_and_names_it() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("site");
    build_into(&fixture("mixed"), &out).expect("first build");
    let before = files_in(&out);
    // This test's own process is running: the lock is held.
    fs::write(dir.path().join("site.lock"), format!("{}\n", std::process::id())).expect("lock");
    let error = build_into(&fixture("mixed"), &out).expect_err("refused");
    assert_eq!(
        error.to_string(),
        format!(
            "another dossier build (process {}) is writing {}: wait for it to end, or remove {} if no build is running",
            std::process::id(),
            out.display(),
            dir.path().join("site.lock").display()
        )
    );
    assert_eq!(files_in(&out), before);
    assert!(dir.path().join("site.lock").exists(), "another's lock is left alone");
}

#[test]
fn a_stale_lock_from_a_dead_process_is_taken_over() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("site");
    let mut gone = Command::new("true").spawn().expect("runs");
    let pid = gone.id();
    gone.wait().expect("ends");
    fs::write(dir.path().join("site.lock"), format!("{pid}\n")).expect("lock");
    build_into(&fixture("mixed"), &out).expect("the stale lock is taken over");
    assert!(out.join("index.html").is_file());
    assert!(!dir.path().join("site.lock").exists(), "and removed at the end");
    // A lock file that holds no process id at all (a build killed while writing it).
    fs::write(dir.path().join("site.lock"), "").expect("lock");
    build_into(&fixture("mixed"), &out).expect("an empty lock is stale too");
}

#[test]
fn a_symlinked_output_is_flipped_to_a_new_release_and_its_target_kept_intact() {
    let dir = tempfile::tempdir().expect("temp");
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    titled(&one, "First build");
    titled(&two, "Second build");
    let releases = dir.path().join("releases");
    fs::create_dir(&releases).expect("mkdir");
    build_into(&one, &releases.join("r1")).expect("the first release");
    let before = files_in(&releases.join("r1"));
    let current = dir.path().join("current");
    std::os::unix::fs::symlink("releases/r1", &current).expect("link");

    let report = build_into(&two, &current).expect("builds through the link");
    assert_eq!(
        report.placed.previous,
        Previous::Kept {
            path: current.parent().expect("parent").join("releases/r1")
        }
    );
    assert_eq!(files_in(&releases.join("r1")), before, "the old release is untouched");
    let home = fs::read_to_string(releases.join("r1/index.html")).expect("old page");
    assert!(home.contains("First build"));
    let link = fs::read_link(&current).expect("still a link");
    assert!(
        link.starts_with("releases"),
        "a relative link stays relative: {}",
        link.display()
    );
    assert_ne!(link, Path::new("releases/r1"));
    assert_eq!(dir.path().join(&link), report.placed.folder);
    let home = fs::read_to_string(current.join("index.html")).expect("new page");
    assert!(home.contains("Second build"), "the link leads to the new build");
    let names: Vec<String> = fs::read_dir(&releases)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "r1 and the new release, nothing staged: {names:?}");

    // Built again at once: a third release, named apart from the second.
    let again = build_into(&two, &current).expect("again");
    assert_ne!(again.placed.folder, report.placed.folder);
    assert_eq!(
        again.placed.previous,
        Previous::Kept {
            path: report.placed.folder
        }
    );
}

#[test]
fn a_symlinked_output_to_someone_elses_folder_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp");
    let theirs = dir.path().join("theirs");
    fs::create_dir(&theirs).expect("mkdir");
    fs::write(theirs.join("notes.txt"), "mine").expect("write");
    let current = dir.path().join("current");
    std::os::unix::fs::symlink(&theirs, &current).expect("link");
    let error = build_into(&fixture("mixed"), &current).expect_err("refused");
    assert!(error.to_string().contains("refusing to replace it"), "{error}");
    assert_eq!(fs::read_link(&current).expect("link"), theirs);
    assert_eq!(files_in(&theirs), [PathBuf::from("notes.txt")]);
}

/// Builds `collection` into `out` with the swap interrupted between its two renames,
/// as a kill at that moment would; returns the folder the old output was moved to.
fn interrupted_build(collection: &Path, out: &Path) -> PathBuf {
    let run = dossier()
        .arg("build")
        .arg(collection)
        .arg("-o")
        .arg(out)
        .env(INTERRUPT_SWAP_FOR_TESTS, "1")
        .output()
        .expect("runs");
    assert!(!run.status.success(), "the build was killed: {}", text(&run));
    assert!(!out.exists(), "killed between the renames, the output is gone");
    let parent = out.parent().expect("parent");
    let moved: Vec<PathBuf> = fs::read_dir(parent)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("site.previous-"))
        })
        .collect();
    assert_eq!(moved.len(), 1, "the old output waits beside it");
    moved.into_iter().next().expect("one")
}

#[test]
fn a_build_killed_between_the_two_renames_is_put_right_by_a_failing_next_build() {
    let dir = tempfile::tempdir().expect("temp");
    let one = dir.path().join("one");
    titled(&one, "First build");
    let out = dir.path().join("site");
    build_into(&one, &out).expect("first");
    let before = files_in(&out);
    let moved = interrupted_build(&one, &out);

    fs::write(one.join("INDEX.md"), "---\ntitel: broken\n---\n").expect("break");
    let run = run_build(&one, &out);
    let message = text(&run);
    assert_eq!(run.status.code(), Some(1), "{message}");
    assert!(
        message.contains(&format!(
            "dossier: {} was missing, moved aside by a build that was interrupted: put it back from {}",
            out.display(),
            moved.display()
        )),
        "{message}"
    );
    assert!(message.contains("nothing was written"), "{message}");
    assert_eq!(files_in(&out), before, "the previous output is back, whole");
    assert!(!moved.exists());
}

#[test]
fn a_build_killed_between_the_two_renames_is_replaced_by_a_good_next_build() {
    let dir = tempfile::tempdir().expect("temp");
    let one = dir.path().join("one");
    titled(&one, "First build");
    let out = dir.path().join("site");
    build_into(&one, &out).expect("first");
    let moved = interrupted_build(&one, &out);

    fs::write(one.join("INDEX.md"), "---\ntitle: Third build\n---\n").expect("retitle");
    let run = run_build(&one, &out);
    let message = text(&run);
    assert_eq!(run.status.code(), Some(0), "{message}");
    assert!(
        message.contains("was missing, moved aside by a build that was interrupted: put it back"),
        "{message}"
    );
    assert!(fs::read_to_string(out.join("index.html"))
        .expect("page")
        .contains("Third build"));
    assert!(!moved.exists());
    assert_eq!(
        fs::read_dir(dir.path()).expect("list").count(),
        2,
        "one and site: {:?}",
        files_in(dir.path())
    );
}

#[test]
fn an_old_output_that_cannot_be_removed_is_named_in_a_true_message() {
    let dir = tempfile::tempdir().expect("temp");
    let one = dir.path().join("one");
    titled(&one, "First build");
    let out = dir.path().join("site");
    // Root may delete anything: the build runs as an unprivileged user where it can.
    let as_user = |command: &mut Command| -> Command {
        if is_root() {
            let mut wrapped = Command::new("setpriv");
            wrapped.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
            wrapped.arg(command.get_program()).args(command.get_args());
            wrapped
        } else {
            let mut same = Command::new(command.get_program());
            same.args(command.get_args());
            same
        }
    };
    open_to_all(dir.path());
    let mut build = dossier();
    build.arg("build").arg(&one).arg("-o").arg(&out);
    let first = as_user(&mut build).output().expect("runs");
    assert!(first.status.success(), "{}", text(&first));
    // The old output's folders are made read-only: its files cannot be removed.
    set_writable(&out.join("documents"), false);

    fs::write(one.join("INDEX.md"), "---\ntitle: Second build\n---\n").expect("retitle");
    let second = as_user(&mut build).output().expect("runs");
    let message = text(&second);
    set_writable(dir.path(), true);
    assert_eq!(second.status.code(), Some(0), "{message}");
    assert!(
        message.contains("warning: the new output is in place, but the previous one could not be removed"),
        "{message}"
    );
    assert!(!message.contains("unchanged"), "{message}");
    let left = message
        .split("it is left at ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("names where");
    assert!(
        Path::new(left).join("documents").is_dir(),
        "what is left is where it says: {left}"
    );
    assert!(fs::read_to_string(out.join("index.html"))
        .expect("page")
        .contains("Second build"));
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|run| String::from_utf8_lossy(&run.stdout).trim() == "0")
}

/// Lets another user read the collection and write beside the output.
fn open_to_all(dir: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        let mode = if entry.file_type().is_dir() { 0o777 } else { 0o666 };
        fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).expect("chmod");
    }
}

fn set_writable(dir: &Path, writable: bool) {
    use std::os::unix::fs::PermissionsExt as _;
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_dir() {
            let mode = if writable { 0o777 } else { 0o555 };
            fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).expect("chmod");
        }
    }
}

#[test]
fn an_output_in_folders_that_do_not_exist_yet_is_made_with_them() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("deep/er/site");
    build_into(&fixture("mixed"), &out).expect("builds");
    assert!(out.join("index.html").is_file());
    assert!(!dir.path().join("deep/er/site.lock").exists());
}
