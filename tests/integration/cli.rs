//! The `dossier` command as a user runs it: exit statuses, messages, the summary line.

use std::fs;
use std::process::Command;

use crate::common::{fixture, repo_path};

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

/// Files a build wrote, its marker left out.
fn count_files(folder: &std::path::Path) -> usize {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".dossier-output")
        .count()
}

#[test]
fn build_defaults_to_seeds_and_output_and_prints_a_summary() {
    let dir = tempfile::tempdir().expect("temp");
    fs::create_dir(dir.path().join("seeds")).expect("mkdir");
    for name in ["INDEX.md", "000_7ed38372ebe9454f.txt"] {
        fs::copy(repo_path("seeds").join(name), dir.path().join("seeds").join(name)).expect("copy");
    }
    let run = dossier().arg("build").current_dir(dir.path()).output().expect("runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let files = count_files(&dir.path().join("output"));
    let summary = format!("dossier: built 1 document, wrote {files} files to output (0 warnings) in ");
    assert!(stdout.starts_with(&summary), "{stdout}");
    assert!(dir.path().join("output/index.html").is_file());
    assert!(dir
        .path()
        .join("output/documents/sino-korean-relations-1966/index.html")
        .is_file());
}

#[test]
fn warnings_are_printed_and_counted() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("site");
    let run = dossier()
        .arg("build")
        .arg(fixture("mixed"))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let files = count_files(&out);
    assert!(
        stdout.contains(&format!("built 3 documents, wrote {files} files")),
        "{stdout}"
    );
    assert!(stdout.contains("(1 warning)"), "{stdout}");
    assert!(
        stderr.contains("warning: not in the catalogue") && stderr.contains("uncatalogued.txt"),
        "{stderr}"
    );
}

#[test]
fn a_wrong_catalogue_exits_1_with_its_messages_and_leaves_the_output_alone() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("output");
    let good = dossier()
        .arg("build")
        .arg(fixture("mixed"))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(good.status.code(), Some(0));
    let before = fs::read_to_string(out.join("index.html")).expect("page");

    let collection = fixture("invalid/several-problems");
    let run = dossier()
        .arg("build")
        .arg(&collection)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let index = collection.join("INDEX.md");
    for expected in [
        "error: unknown key `dtae`".to_string(),
        format!("--> {}:7:5", index.display()),
        "help: did you mean `date`?".to_string(),
        "error: no such file `missing.txt` in the collection".to_string(),
        format!("--> {}:8:11", index.display()),
        "error: no document has id `nothing`".to_string(),
        format!("--> {}:12:15", index.display()),
    ] {
        assert!(stderr.contains(&expected), "{expected}\nnot in\n{stderr}");
    }
    assert!(
        stderr.contains("the build failed with 5 errors; nothing was written"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(out.join("index.html")).expect("kept"), before);
    assert!(out.join("documents/letter-1966/index.html").is_file());
}

#[test]
fn usage_errors_exit_2() {
    let run = dossier().arg("build").arg("--no-such-flag").output().expect("runs");
    assert_eq!(run.status.code(), Some(2));
    let run = dossier().arg("publish").output().expect("runs");
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn a_missing_collection_exits_1_naming_it() {
    let dir = tempfile::tempdir().expect("temp");
    let run = dossier()
        .arg("build")
        .arg("no-such-folder")
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("error: no such folder") && stderr.contains("--> no-such-folder"),
        "{stderr}"
    );
    assert!(!dir.path().join("output").exists());
}

#[test]
fn check_reports_without_writing_and_strict_makes_warnings_errors() {
    let dir = tempfile::tempdir().expect("temp");
    let run = dossier()
        .arg("check")
        .arg(fixture("mixed"))
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("dossier: checked 3 documents in "), "{stdout}");
    assert!(stdout.ends_with(": 2 warnings\n"), "{stdout}");
    assert!(stderr.contains("warning: not in the catalogue"), "{stderr}");
    assert!(
        stderr.contains("warning: document `uncatalogued` has no date; it is listed last"),
        "{stderr}"
    );
    assert!(stderr.contains("uncatalogued.txt"), "{stderr}");
    assert_eq!(
        fs::read_dir(dir.path()).expect("the folder").count(),
        0,
        "check writes nothing"
    );

    let strict = dossier()
        .args(["check", "--strict"])
        .arg(fixture("mixed"))
        .output()
        .expect("runs");
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("error: "));

    // Entities the registry holds but no document names are worth knowing.
    let seeds = dossier().arg("check").arg(repo_path("seeds")).output().expect("runs");
    assert_eq!(seeds.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&seeds.stderr).contains("entity `south-korea` (South Korea) is named by no document")
    );
}

#[test]
fn check_exits_1_with_every_error_of_a_wrong_collection() {
    let run = dossier()
        .arg("check")
        .arg(fixture("invalid").join("bad-date"))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1));
    assert!(stdout.ends_with("has 2 errors\n"), "{stdout}");
    assert!(stderr.contains("error: `1966-13`: there is no month 13"), "{stderr}");
    assert!(stderr.contains("bad-date/INDEX.md:5:11"), "{stderr}");
    assert!(stderr.contains("5 |     date: 1966-13\n"), "{stderr}");
}

/// Colour on a terminal (forced here with CLICOLOR_FORCE), never with NO_COLOR, and
/// never when the output is a pipe.
#[test]
fn diagnostics_are_coloured_only_where_colour_is_wanted() {
    let case = fixture("diagnostics").join("key-typos");
    let run = |env: &[(&str, &str)]| {
        let mut command = dossier();
        command
            .arg("check")
            .arg(&case)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        for (key, value) in env {
            command.env(key, value);
        }
        let output = command.output().expect("runs");
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let piped = run(&[]);
    assert!(!piped.contains('\u{1b}'), "{piped}");
    assert!(piped.contains("help: did you mean `authors`?"), "{piped}");
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\u{1b}["), "{forced}");
    let refused = run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert_eq!(refused, piped);
}

#[test]
fn new_writes_a_collection_that_checks_clean_and_builds() {
    let dir = tempfile::tempdir().expect("temp");
    let collection = dir.path().join("archive");
    let run = dossier().arg("new").arg(&collection).output().expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&run.stdout).contains("build it with: dossier build "));

    // The catalogue documents every key of the contract.
    let index = fs::read_to_string(collection.join("INDEX.md")).expect("INDEX.md");
    for key in [
        "title:",
        "description:",
        "language:",
        "base_url:",
        "contact_email:",
        "theme:",
        "exclude:",
        "allow_raw_html:",
        "citation_styles:",
        "collections:",
        "entities:",
        "aliases:",
        "note:",
        "links:",
        "documents:",
        "file:",
        "id:",
        "date:",
        "type:",
        "authors:",
        "recipients:",
        "original_language:",
        "translator:",
        "source:",
        "rights:",
        "subjects:",
        "summary:",
        "related:",
        "fields:",
        "scans:",
        "first_page:",
        "pdf:",
        "original:",
        "translations:",
    ] {
        assert!(index.contains(key), "{key}");
    }
    assert!(collection.join("templates/README.md").is_file());

    let check = dossier()
        .args(["check", "--strict"])
        .arg(&collection)
        .output()
        .expect("runs");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let out = dir.path().join("site");
    let build = dossier()
        .arg("build")
        .arg(&collection)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(
        build.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let letter = fs::read_to_string(out.join("documents/first-letter/index.html")).expect("the letter");
    assert!(letter.contains("id=\"page-2\""), "the page break of the original");
    assert!(letter.contains("class=\"sic\""));
    assert!(letter.contains("entities/portmouth/index.html"));
    assert!(out.join("documents/notes/index.html").is_file());
    // The letter beside its scans and its translation.
    assert!(
        letter.contains("<figure class=\"scan\" id=\"scan-2\" data-page=\"2\">"),
        "{letter}"
    );
    assert!(
        letter.contains("id=\"text-fr\" data-pane=\"fr\" lang=\"fr\""),
        "{letter}"
    );
    assert!(out.join("documents/first-letter/scans/2-reading.jpg").is_file());
    assert!(collection.join(".dossier-cache/scans").is_dir());

    // Never over an existing collection.
    let again = dossier().arg("new").arg(&collection).output().expect("runs");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not an empty folder"));
}

#[test]
fn quiet_prints_nothing_but_errors() {
    let dir = tempfile::tempdir().expect("temp");
    let run = dossier()
        .args(["build", "--quiet"])
        .arg(fixture("mixed"))
        .arg("-o")
        .arg(dir.path().join("site"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    // Not the summary, not the warning, and no progress display off a terminal.
    assert!(run.stdout.is_empty(), "{}", String::from_utf8_lossy(&run.stdout));
    assert!(run.stderr.is_empty(), "{}", String::from_utf8_lossy(&run.stderr));

    let failed = dossier()
        .args(["build", "--quiet"])
        .arg(fixture("invalid").join("bad-date"))
        .arg("-o")
        .arg(dir.path().join("other"))
        .output()
        .expect("runs");
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("error: "));
}

#[test]
fn build_takes_the_current_folder_when_it_holds_a_catalogue() {
    let dir = tempfile::tempdir().expect("temp");
    fs::write(dir.path().join("INDEX.md"), "---\ntitle: Here\n---\n").expect("write");
    fs::write(dir.path().join("a.txt"), "A\n").expect("write");
    let out = tempfile::tempdir().expect("temp");
    let run = dossier()
        .arg("build")
        .arg("-o")
        .arg(out.path().join("site"))
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let home = fs::read_to_string(out.path().join("site/index.html")).expect("home");
    assert!(home.contains("<title>Here"), "{home}");
    let check = dossier().arg("check").current_dir(dir.path()).output().expect("runs");
    assert!(String::from_utf8_lossy(&check.stdout).contains("checked 1 document in ."));
}

#[test]
fn without_a_catalogue_here_or_in_seeds_the_error_says_what_to_do() {
    let dir = tempfile::tempdir().expect("temp");
    let run = dossier().arg("build").current_dir(dir.path()).output().expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("error: no such folder") && stderr.contains("--> seeds"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: name the collection (`dossier build FOLDER`), run dossier in a folder that holds INDEX.md, or start one with `dossier new FOLDER`"),
        "{stderr}"
    );
}

#[test]
fn base_url_on_the_command_line_replaces_the_catalogues() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("site");
    let run = dossier()
        .arg("build")
        .arg(fixture("mixed"))
        .args(["-o"])
        .arg(&out)
        .args(["--base-url", "https://staging.example.org/archive"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).expect("a sitemap, now that there is a base URL");
    assert!(
        sitemap.contains("<loc>https://staging.example.org/archive/"),
        "{sitemap}"
    );
    let page = fs::read_to_string(out.join("documents/letter-1966/index.html")).expect("page");
    assert!(page.contains("https://staging.example.org/archive/documents/letter-1966/"));

    let wrong = dossier()
        .arg("build")
        .arg(fixture("mixed"))
        .args(["--base-url", "staging.example.org"])
        .output()
        .expect("runs");
    assert_eq!(wrong.status.code(), Some(2), "a usage error");
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        stderr.contains("`staging.example.org` must be an absolute http:// or https:// URL"),
        "{stderr}"
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_dossier()"),
        ("zsh", "#compdef dossier"),
        ("fish", "complete -c dossier"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[dossier]"),
    ] {
        let run = dossier().args(["completions", shell]).output().expect("runs");
        assert_eq!(run.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&run.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("base-url"), "{shell} completes the flags");
    }
    let run = dossier().args(["completions", "tcsh"]).output().expect("runs");
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn the_man_page_names_every_command() {
    let run = dossier().arg("man").output().expect("runs");
    assert_eq!(run.status.code(), Some(0));
    let page = String::from_utf8_lossy(&run.stdout);
    assert!(page.contains(".TH dossier 1"), "{page}");
    for command in ["build", "check", "serve", "new", "completions", "man"] {
        assert!(page.contains(&format!("dossier\\-{command}(1)")), "{command}: {page}");
    }
    assert!(page.contains("Turns a collection of historical documents into a static archive"));
}

#[test]
fn init_is_new_by_another_name() {
    let dir = tempfile::tempdir().expect("temp");
    let run = dossier()
        .arg("init")
        .arg(dir.path().join("letters"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(dir.path().join("letters/INDEX.md").is_file());
    let help = dossier().arg("--help").output().expect("runs");
    assert!(String::from_utf8_lossy(&help.stdout).contains("[alias: init]"));
}

#[test]
fn check_counts_the_layouts_of_a_large_collection_instead_of_listing_each() {
    let dir = tempfile::tempdir().expect("temp");
    let collection = dir.path().join("many");
    let made = dossier()
        .args(["generate", "120"])
        .arg(&collection)
        .output()
        .expect("runs");
    assert!(made.status.success());
    // One transcription typed otherwise than the rest is still named.
    fs::write(
        collection.join("typed.txt"),
        "A first paragraph that is wrapped at the width of a typewriter's page and\nruns on.\n\nA second paragraph, after a blank line, as editions type them, which\nalso runs on.\n\nA third.\n",
    )
    .expect("write");
    let run = dossier().arg("check").arg(&collection).output().expect("runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.starts_with("dossier: 120 transcriptions read as `paragraphs: width`\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("dossier: 1 transcription read as `paragraphs: blank-lines`\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("typed.txt: paragraphs separated by blank lines (detected: "),
        "{stdout}"
    );
    assert!(stdout.lines().count() < 10, "{stdout}");
}
