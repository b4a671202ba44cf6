//! The `dossier` command line. Only this file prints, and it prints every error with
//! its whole chain of causes (tera keeps the reason a template failed in the chain).

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory as _, Parser, Subcommand};
use dossier::serve::ServeOptions;
use dossier::sources::Encoding;
use dossier::{BuildOptions, Error};

/// A build allocates millions of small strings on every core; mimalloc does that
/// several times faster than the system allocator and returns memory between stages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Turns a collection of historical documents into a static archive"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the archive of a collection.
    Build {
        /// The collection folder, holding INDEX.md [default: the current folder if it
        /// holds INDEX.md, else seeds]
        collection: Option<PathBuf>,
        /// The output folder, replaced whole when the build succeeds.
        #[arg(short, long, default_value = "output")]
        out: PathBuf,
        /// Read source files that are not valid UTF-8 (or not valid in the encoding the
        /// catalogue declares), showing bad bytes as �, with a warning, instead of
        /// stopping with an error.
        #[arg(long)]
        lossy_utf8: bool,
        /// Print how long each stage of the build took.
        #[arg(short, long, conflicts_with = "quiet")]
        verbose: bool,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
        /// The archive's address in place of the catalogue's base_url (for a staging
        /// site).
        #[arg(long, value_name = "URL", value_parser = base_url)]
        base_url: Option<String>,
        /// Where the images made from scans are kept between builds, so that a rebuild
        /// makes none it made before [default: .dossier-cache in the collection]
        #[arg(long, value_name = "FOLDER")]
        cache: Option<PathBuf>,
    },
    /// Check a collection as a build would, and more, without writing anything: exit 1
    /// on errors.
    Check {
        /// The collection folder, holding INDEX.md [default: the current folder if it
        /// holds INDEX.md, else seeds]
        collection: Option<PathBuf>,
        /// Treat warnings as errors (for an archive's CI).
        #[arg(long)]
        strict: bool,
        /// Read source files that are not valid UTF-8 with a warning instead of an error.
        #[arg(long)]
        lossy_utf8: bool,
    },
    /// Serve the archive on 127.0.0.1 from memory, rebuild it when the collection
    /// changes, and reload open pages.
    Serve {
        /// The collection folder, holding INDEX.md [default: the current folder if it
        /// holds INDEX.md, else seeds]
        collection: Option<PathBuf>,
        /// The port to listen on; 0 picks a free one.
        #[arg(short, long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on. Anything but a loopback address lets others on
        /// the network read the archive, drafts included.
        #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
        interface: IpAddr,
        /// The archive's address in place of the catalogue's base_url.
        #[arg(long, value_name = "URL", value_parser = base_url)]
        base_url: Option<String>,
        /// Open the archive in the default browser.
        #[arg(long)]
        open: bool,
        /// Read source files that are not valid UTF-8 with a warning instead of an error.
        #[arg(long)]
        lossy_utf8: bool,
        /// Print how long each stage of each rebuild took.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Start a new collection in DIR: a catalogue that documents every key, and a
    /// sample document of each kind.
    #[command(visible_alias = "init")]
    New {
        /// A folder that does not exist yet, or is empty.
        folder: PathBuf,
    },
    /// Print a completion script for a shell, to be sourced or saved where the shell
    /// looks for completions.
    Completions { shell: clap_complete::Shell },
    /// Print dossier's manual page (roff), for `man -l -` or a man folder.
    Man,
    /// Write a collection's documents as Hugo and Zola sites, for benchmarks.
    #[command(hide = true)]
    GeneratePeers {
        collection: PathBuf,
        #[arg(long)]
        hugo: Option<PathBuf>,
        #[arg(long)]
        zola: Option<PathBuf>,
    },
    /// Write a synthetic collection of N documents, for benchmarks.
    #[command(hide = true)]
    Generate {
        documents: usize,
        folder: PathBuf,
        #[arg(long, default_value_t = 1966)]
        seed: u64,
        /// Give this many documents five scans each (A4 at 300 dpi, JPEG).
        #[arg(long, default_value_t = 0)]
        scans: usize,
    },
}

fn main() -> ExitCode {
    // clap exits with 2 on usage errors.
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            collection,
            out,
            lossy_utf8,
            verbose,
            quiet,
            base_url,
            cache,
        } => {
            let encoding = if lossy_utf8 { Encoding::Lossy } else { Encoding::Strict };
            build(
                BuildOptions {
                    collection: collection_or_default(collection),
                    out,
                    encoding,
                    base_url,
                    paired_term_bytes: None,
                    cache,
                },
                verbose,
                quiet,
            )
        }
        Command::Check {
            collection,
            strict,
            lossy_utf8,
        } => check(
            &collection_or_default(collection),
            strict,
            if lossy_utf8 { Encoding::Lossy } else { Encoding::Strict },
        ),
        Command::Serve {
            collection,
            port,
            interface,
            base_url,
            open,
            lossy_utf8,
            verbose,
        } => {
            if !interface.is_loopback() {
                eprintln!(
                    "warning: serving on {interface}, not on a loopback address: anyone who can reach it can read the archive, drafts included"
                );
            }
            serve(
                ServeOptions {
                    collection: collection_or_default(collection),
                    encoding: if lossy_utf8 { Encoding::Lossy } else { Encoding::Strict },
                    interface,
                    port,
                    base_url,
                },
                open,
                verbose,
            )
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "dossier", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => match clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: cannot write the manual page: {error}");
                ExitCode::from(1)
            }
        },
        Command::New { folder } => match dossier::scaffold::create(&folder) {
            Ok(files) => {
                println!(
                    "dossier: wrote a new collection of {} files to {}; build it with: dossier build {}",
                    files.len(),
                    folder.display(),
                    folder.display()
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                print_error(&error);
                ExitCode::from(1)
            }
        },
        Command::GeneratePeers { collection, hugo, zola } => generate_peers(&collection, hugo, zola),
        Command::Generate {
            documents,
            folder,
            seed,
            scans,
        } => match dossier::generate::generate(&folder, documents, seed).and_then(|()| match scans {
            0 => Ok(()),
            documents => dossier::generate::add_scans(&folder, documents, 5, 2480, 3508),
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: cannot write {}: {error}", folder.display());
                ExitCode::from(1)
            }
        },
    }
}

/// The collection named, or the current folder when it holds a catalogue, as Zola and
/// mdBook take the folder they run in; else `seeds`, this repository's collection.
fn collection_or_default(named: Option<PathBuf>) -> PathBuf {
    named.unwrap_or_else(|| {
        if Path::new(dossier::sources::INDEX_FILE).is_file() {
            PathBuf::from(".")
        } else {
            PathBuf::from("seeds")
        }
    })
}

/// `--base-url`, checked as the catalogue's `base_url` is.
fn base_url(url: &str) -> Result<String, String> {
    dossier::catalog::base_url(url)
}

fn build(options: BuildOptions, verbose: bool, quiet: bool) -> ExitCode {
    let started = Instant::now();
    let out = options.out.clone();
    let progress = Progress::new(quiet);
    let result = dossier::build_reporting(&options, &|step| match step {
        dossier::Progress::Finished(stage) => progress.finished(stage),
        dossier::Progress::Restored(restored) => progress.say(&format!(
            "dossier: {} was missing, moved aside by a build that was interrupted: put it back from {}",
            restored.to.display(),
            restored.from.display()
        )),
    });
    progress.clear();
    match result {
        Ok(report) => {
            if !quiet {
                anstream::eprint!("{}", dossier::diagnostic::report::render(&report.warnings, true));
                if verbose {
                    for (stage, took) in &report.timings {
                        eprintln!("{stage:>14}: {:8.3} s", took.as_secs_f64());
                    }
                    let citations = report.citations;
                    eprintln!(
                        "citations: {} records filled in from {} shapes' templates, {} formatted by hayagriva",
                        citations.filled, citations.shapes, citations.formatted
                    );
                    let images = report.images;
                    if images.scans > 0 {
                        eprintln!(
                            "scans: {} scans, {} images made, {} from the cache, in {:.3} s",
                            images.scans,
                            images.made,
                            images.cached,
                            images.time.as_secs_f64()
                        );
                    }
                    if !report.peak_memory.is_empty() {
                        eprintln!("peak memory at the end of each stage:");
                        for (stage, bytes) in &report.peak_memory {
                            eprintln!("{stage:>14}: {:8} MB", bytes / 1_000_000);
                        }
                    }
                }
                println!(
                    "dossier: built {} {}, wrote {} files to {} ({} {}) in {:.2} s",
                    report.documents,
                    plural(report.documents, "document", "documents"),
                    report.files,
                    out.display(),
                    report.warnings.len(),
                    plural(report.warnings.len(), "warning", "warnings"),
                    started.elapsed().as_secs_f64()
                );
            }
            // What became of the previous output is said whenever it is not the usual.
            use dossier::output::Previous;
            match &report.placed.previous {
                Previous::None | Previous::Removed => {}
                Previous::Kept { path } => {
                    if !quiet {
                        println!(
                            "dossier: {} now leads to {}; the previous build is kept at {}",
                            out.display(),
                            report.placed.folder.display(),
                            path.display()
                        );
                    }
                }
                Previous::Left { path, reason } => eprintln!(
                    "warning: the new output is in place, but the previous one could not be removed ({reason}): it is left at {}; remove it by hand",
                    path.display()
                ),
            }
            ExitCode::SUCCESS
        }
        Err(Error::Invalid(diagnostics)) => {
            let count = print_diagnostics(&diagnostics);
            eprintln!(
                "dossier: the build failed with {count} {}; nothing was written",
                plural(count, "error", "errors")
            );
            ExitCode::from(1)
        }
        Err(error @ Error::Moved { .. }) => {
            print_error(&error);
            eprintln!("dossier: the build failed; the previous output was moved, see above");
            ExitCode::from(1)
        }
        Err(error) => {
            print_error(&error);
            eprintln!("dossier: the build failed; the previous output is unchanged");
            ExitCode::from(1)
        }
    }
}

fn serve(options: ServeOptions, open: bool, verbose: bool) -> ExitCode {
    use dossier::serve::Event;
    let report = |event: Event<'_>| match event {
        Event::Serving { url } => {
            // Tests and scripts read the address from this line.
            println!(
                "dossier: serving {} at {url} (Ctrl-C to stop)",
                options.collection.display()
            );
            if open {
                if let Err(error) = opener::open(url) {
                    eprintln!("warning: cannot open a browser: {error}");
                }
            }
        }
        Event::Changed(paths) => {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            println!("dossier: changed: {}", names.join(", "));
        }
        Event::Built(rebuilt) => {
            anstream::eprint!("{}", dossier::diagnostic::report::render(&rebuilt.warnings, true));
            println!(
                "dossier: built {} {} in {} ms: {} {} rendered, {} changed, {} removed",
                rebuilt.documents,
                plural(rebuilt.documents, "document", "documents"),
                rebuilt.took.as_millis(),
                rebuilt.rendered,
                plural(rebuilt.rendered, "page", "pages"),
                rebuilt.changed,
                rebuilt.removed
            );
            if verbose {
                for (stage, took) in &rebuilt.timings {
                    eprintln!("{stage:>14}: {:8.3} s", took.as_secs_f64());
                }
            }
        }
        Event::Finished { changed, took } => {
            println!(
                "dossier: search index, exports and feeds made in {} ms: {changed} {} changed",
                took.as_millis(),
                plural(changed, "file", "files")
            );
        }
        Event::Failed(Error::Invalid(diagnostics)) => {
            let count = print_diagnostics(diagnostics);
            eprintln!(
                "dossier: the build failed with {count} {}; still serving the last good build",
                plural(count, "error", "errors")
            );
        }
        Event::Failed(error) => {
            print_error(error);
            eprintln!("dossier: the build failed; still serving the last good build");
        }
    };
    match dossier::serve::run(&options, &report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            print_error(&error);
            ExitCode::from(1)
        }
    }
}

fn generate_peers(collection: &std::path::Path, hugo: Option<PathBuf>, zola: Option<PathBuf>) -> ExitCode {
    let archive = match dossier::model(collection, Encoding::Strict) {
        Ok(archive) => archive,
        Err(error) => {
            print_error(&error);
            return ExitCode::from(1);
        }
    };
    type Writer = fn(&dossier::archive::Archive, &std::path::Path, &std::path::Path) -> std::io::Result<()>;
    let peers: [(Option<PathBuf>, Writer); 2] = [
        (hugo, dossier::generate::peers::hugo),
        (zola, dossier::generate::peers::zola),
    ];
    for (folder, write) in peers {
        let Some(folder) = folder else { continue };
        if let Err(error) = write(&archive, collection, &folder) {
            eprintln!("error: cannot write {}: {error}", folder.display());
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

fn check(collection: &std::path::Path, strict: bool, encoding: Encoding) -> ExitCode {
    match dossier::check(collection, encoding) {
        Ok(report) => {
            let mut shown = report.warnings.clone();
            if strict {
                for warning in &mut shown {
                    warning.severity = dossier::diagnostic::Severity::Error;
                }
            }
            anstream::eprint!("{}", dossier::diagnostic::report::render(&shown, true));
            print_readings(&report.readings);
            let count = report.warnings.len();
            println!(
                "dossier: checked {} {} in {}: {count} {}{}",
                report.documents,
                plural(report.documents, "document", "documents"),
                collection.display(),
                plural(count, "warning", "warnings"),
                if strict && count > 0 {
                    " (errors with --strict)"
                } else {
                    ""
                }
            );
            if strict && count > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(Error::Invalid(diagnostics)) => {
            let count = print_diagnostics(&diagnostics);
            println!(
                "dossier: {} has {count} {}",
                collection.display(),
                plural(count, "error", "errors")
            );
            ExitCode::from(1)
        }
        Err(error) => {
            print_error(&error);
            ExitCode::from(1)
        }
    }
}

/// How each transcription was read, so an editor can confirm a detected layout or
/// declare another: each document while there are few, else how many of each kind,
/// with the documents read otherwise than most.
fn print_readings(readings: &[(PathBuf, dossier::reflow::Reading)]) {
    const LISTED: usize = 100;
    if readings.len() <= LISTED {
        for (path, reading) in readings {
            println!("dossier: {}: {}", path.display(), reading.describe());
        }
        return;
    }
    let mut counts: Vec<(dossier::reflow::Paragraphs, usize)> = Vec::new();
    for (_, reading) in readings {
        match counts.iter_mut().find(|(layout, _)| *layout == reading.paragraphs) {
            Some((_, count)) => *count += 1,
            None => counts.push((reading.paragraphs, 1)),
        }
    }
    counts.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    for (layout, count) in &counts {
        println!(
            "dossier: {count} {} read as `paragraphs: {}`",
            plural(*count, "transcription", "transcriptions"),
            layout.name()
        );
    }
    let most = counts[0].0;
    for (path, reading) in readings.iter().filter(|(_, r)| r.paragraphs != most).take(LISTED) {
        println!("dossier: {}: {}", path.display(), reading.describe());
    }
}

/// Every warning, then every error, of a collection that is wrong; returns how many
/// errors.
fn print_diagnostics(diagnostics: &dossier::diagnostic::Diagnostics) -> usize {
    // Warnings first, so the errors that stopped the build are what the editor sees last.
    let ordered: Vec<_> = diagnostics.warnings().chain(diagnostics.errors()).cloned().collect();
    // Styled always; anstream drops the colours when stderr is not a terminal or
    // NO_COLOR is set.
    anstream::eprint!("{}", dossier::diagnostic::report::render(&ordered, true));
    diagnostics.errors().count()
}

/// An error with its whole chain of causes (tera keeps why a template failed there).
fn print_error(error: &dyn std::error::Error) {
    eprintln!("error: {}", dossier::error::with_causes(error));
}

/// A spinner naming the stage in progress, on a terminal only, and only once a build
/// has taken longer than a moment.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
}

impl Progress {
    fn new(quiet: bool) -> Progress {
        use std::io::IsTerminal as _;
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar.set_message(dossier::Stage::ALL[0].name());
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
        }
    }

    fn finished(&self, stage: dossier::Stage) {
        let Some(bar) = &self.bar else { return };
        if bar.is_hidden() && self.started.elapsed() > std::time::Duration::from_millis(400) {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
        if let Some(next) = stage.next() {
            bar.set_message(format!("building: {}", next.name()));
        }
    }

    /// A line said while the spinner may be showing.
    fn say(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 {
        one
    } else {
        many
    }
}
