//! dossier turns a collection of historical documents into a static, cross-linked
//! archive. A build is a pipeline of stages, one module each, each importing only the
//! stages before it (`tests/integration/architecture.rs` fails on an import cycle;
//! `docs/architecture.md` says what each owns):
//!
//! ```text
//! INDEX.md        → catalog   → Catalog            validated metadata, entities, collections
//! the collection  → sources   → Vec<SourceFile>    path-safe discovery of .txt / .md
//! both            → document  → Vec<Document>      metadata merged, bodies reflowed, scans checked
//! documents       → archive   → Archive            the site model: links, mentions, dates
//! Archive + theme → render    → OutputFile, each   every page, into the output's sink as made
//! Archive         → search    → OutputFile, each   the search index, in shards
//! Archive         → export    → OutputFile, each   data exports and source copies
//! Archive + cache → scans     → OutputFile, each   scans' page images, made or cached
//! Archive + paths → harvest   → OutputFile, each   feed, sitemap, OAI-PMH
//! the sink        → output    → output/            staged, swapped in whole on success
//! ```
//!
//! Below the stages, what every stage may use: [`diagnostic`] and [`error`], [`edtf`]
//! dates, [`names`] of people, [`refs`] (typed references into the model), the `text`
//! and `html` helpers, `urls` (every output path), and [`output`]'s file type and
//! sink.
//!
//! `dossier serve` runs the same stages from a [`session::Session`], which keeps what
//! each stage made and redoes only what a change touches, and serves the pages from
//! memory ([`serve`]).

// A `Diagnostic` (file, line, column, message, hint) is returned by value on the error
// path of many readers; that path runs once per problem, not per document.
#![allow(clippy::result_large_err)]

pub mod archive;
pub mod catalog;
pub mod cite;
pub(crate) mod crossrefs;
pub mod diagnostic;
pub mod document;
pub mod edtf;
pub mod entities;
pub mod error;
pub(crate) mod export;
pub mod generate;
pub(crate) mod harvest;
pub(crate) mod highlight;
pub(crate) mod html;
pub mod i18n;
mod incremental;
pub(crate) mod markdown;
pub mod names;
pub mod output;
pub mod reflow;
pub mod refs;
pub mod render;
pub mod scaffold;
pub mod scans;
pub mod search;
pub mod serve;
pub mod session;
pub mod sources;
pub(crate) mod text;
pub(crate) mod theme;
pub(crate) mod urls;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use incremental::Reuse;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use error::Error;

/// What to build, and where.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The collection folder, holding `INDEX.md`.
    pub collection: PathBuf,
    /// The output folder, replaced whole on success.
    pub out: PathBuf,
    /// How to read source files that are not valid UTF-8.
    pub encoding: sources::Encoding,
    /// A base URL in place of the catalogue's (a staging site's), already checked by
    /// [`catalog::base_url`].
    pub base_url: Option<String>,
    /// How large a term's postings must be for its pairs with the common words beside
    /// it to be indexed for phrases; `None` for [`search::PAIRED_TERM_BYTES`]. Tests
    /// set it low to give a small collection the pairs of a large one.
    pub paired_term_bytes: Option<usize>,
    /// Where the images made from scans are kept between builds; `None` for
    /// `.dossier-cache` in the collection.
    pub cache: Option<PathBuf>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// How many documents the archive holds.
    pub documents: usize,
    /// Files written, pages and static files.
    pub files: usize,
    /// Where the output went, and what became of the previous one.
    pub placed: output::Placed,
    /// What the build found wrong but built anyway.
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
    /// The process's peak memory (resident, in bytes) at the end of each stage, where
    /// the system tells it (Linux): where a build's memory goes.
    pub peak_memory: Vec<(&'static str, u64)>,
    /// How the documents' citations were made: from a template of their shape of
    /// record, or by hayagriva one by one.
    pub citations: cite::TemplateCounts,
    /// The image work the scans took, made or from the cache.
    pub images: scans::derive::ImageWork,
}

/// Builds the archive of `options.collection` into `options.out`. On error nothing is
/// written: the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    build_reporting(options, &|_| {})
}

/// A stage of a build, as progress reports and timings name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and checking `INDEX.md`.
    Catalogue,
    /// Finding and reading the source files.
    Sources,
    /// Merging metadata and reflowing the texts.
    Documents,
    /// Linking names, dates, related documents.
    SiteModel,
    /// Rendering every page.
    Pages,
    /// Writing the search index.
    SearchIndex,
    /// Writing the data exports, source copies and feeds.
    DataExports,
    /// Putting the output in place.
    Output,
}

impl Stage {
    /// Every stage, in the order a build runs them.
    pub const ALL: [Stage; 8] = [
        Stage::Catalogue,
        Stage::Sources,
        Stage::Documents,
        Stage::SiteModel,
        Stage::Pages,
        Stage::SearchIndex,
        Stage::DataExports,
        Stage::Output,
    ];

    /// The stage's name, the one place it is written.
    pub const fn name(self) -> &'static str {
        match self {
            Stage::Catalogue => "catalogue",
            Stage::Sources => "sources",
            Stage::Documents => "documents",
            Stage::SiteModel => "site model",
            Stage::Pages => "pages",
            Stage::SearchIndex => "search index",
            Stage::DataExports => "data exports",
            Stage::Output => "output",
        }
    }

    /// The stage after this one, if any.
    pub fn next(self) -> Option<Stage> {
        let at = Stage::ALL.iter().position(|&s| s == self)?;
        Stage::ALL.get(at + 1).copied()
    }
}

/// What a build tells whoever started it, as it goes.
#[derive(Debug)]
pub enum Progress<'a> {
    /// The output was missing, moved aside by a build that was killed: it was put back
    /// before anything else, so a failure of this build leaves it there.
    Restored(&'a output::Restored),
    /// A stage ended.
    Finished(Stage),
}

/// [`build`], telling `progress` what happens as it happens (for a progress display).
pub fn build_reporting(options: &BuildOptions, progress: &dyn Fn(Progress<'_>)) -> Result<BuildReport, Error> {
    // One build at a time per output, from the start: a second one would delete the
    // first one's staging folder.
    let lock = output::Lock::acquire(&options.out)?;
    if let Some(restored) = lock.restored() {
        progress(Progress::Restored(restored));
    }
    let mut clock = Stages::start();
    clock.observer = Some(progress);
    let collection = options.collection.as_path();
    let (archive, mut problems) = validate(
        collection,
        options.encoding,
        options.base_url.as_deref(),
        &mut clock,
        &mut Reuse::default(),
    )?;
    let theme = theme::load(collection, &archive.theme)?;
    // Pages are written as they are made; the staging folder is swapped in at the end.
    let staging = output::Staging::begin(&options.out, collection, lock)?;
    let (rendered, found) = render::render(&archive, &theme, &render::Fresh, &staging)?;
    problems.extend(found);
    // What the pages alone need goes before the derived files are made: the linked
    // texts are most of the model's memory.
    let mut archive = archive;
    archive.drop_linked_html();
    clock.lap(Stage::Pages);
    let paired = options.paired_term_bytes.unwrap_or(search::PAIRED_TERM_BYTES);
    let cache = options
        .cache
        .clone()
        .unwrap_or_else(|| collection.join(scans::derive::CACHE_FOLDER));
    let derived = Derived {
        collection,
        cache: &cache,
        paired_term_bytes: paired,
    };
    let (derived, unindexed) = derived_files(&archive, &derived, &rendered.made, &staging, &mut clock)?;
    problems.extend(unindexed);
    let placed = staging.finish()?;
    clock.lap(Stage::Output);
    Ok(BuildReport {
        documents: archive.documents.len(),
        files: rendered.made.len() + derived.paths.len(),
        placed,
        warnings: problems.0,
        timings: clock.laps,
        peak_memory: clock.peaks,
        citations: rendered.styles.template_counts(),
        images: derived.images,
    })
}

/// What the derived files are made from besides the archive.
pub(crate) struct Derived<'a> {
    collection: &'a Path,
    /// Where scans' images are kept between builds.
    cache: &'a Path,
    paired_term_bytes: usize,
}

/// The derived files' paths, and the image work they took.
pub(crate) struct DerivedFiles {
    paths: Vec<String>,
    images: scans::derive::ImageWork,
}

/// The files made from the whole archive rather than page by page: the search index,
/// the data exports and copied sources, the scans' images, and the harvesting files
/// (which list every path of the output: `pages` and these). Each goes into `sink` as
/// it is made, so a build never holds them all; returns their paths, and their
/// warnings (what could not be indexed or harvested).
fn derived_files(
    archive: &archive::Archive,
    from: &Derived<'_>,
    pages: &[String],
    sink: &dyn output::Sink,
    clock: &mut Stages<'_>,
) -> error::Staged<DerivedFiles> {
    let collection = from.collection;
    let (mut made, mut warnings) = search::index(archive, collection, sink, from.paired_term_bytes)?;
    clock.lap(Stage::SearchIndex);
    let (exported, problems) = export::files(archive, collection, sink)?;
    made.extend(exported);
    warnings.extend(problems);
    let jobs: Vec<scans::derive::Job<'_>> = archive
        .documents
        .iter()
        .flat_map(|node| {
            let document = &node.document;
            document.scans.iter().enumerate().map(|(at, scan)| scans::derive::Job {
                document: &document.id,
                position: at + 1,
                scan,
            })
        })
        .collect();
    let (images, image_work) = scans::derive::derivatives(&jobs, collection, from.cache, sink)?;
    made.extend(images);
    for node in &archive.documents {
        if let Some(pdf) = &node.document.pdf {
            made.push(scans::derive::copy_attachment(
                &node.document.id,
                pdf,
                collection,
                sink,
            )?);
        }
    }
    let mut paths: Vec<&str> = pages.iter().chain(&made).map(String::as_str).collect();
    paths.sort_unstable();
    let (harvest, problems) = harvest::files(archive, &paths, &collection.join(sources::INDEX_FILE))?;
    warnings.extend(problems);
    for file in harvest {
        made.push(sink.put_listed(file)?);
    }
    clock.lap(Stage::DataExports);
    Ok((
        DerivedFiles {
            paths: made,
            images: image_work,
        },
        warnings,
    ))
}

/// What `check` found in a collection that builds.
#[derive(Debug)]
pub struct CheckReport {
    /// How many documents the collection holds.
    pub documents: usize,
    /// The build's own warnings, and what an editor would want to know besides:
    /// entities no document names, documents without a date.
    pub warnings: Vec<diagnostic::Diagnostic>,
    /// How each plain-text transcription was read, by its path as the editor names it:
    /// its layout, declared or detected and why, its footnotes and page numbers.
    pub readings: Vec<(PathBuf, reflow::Reading)>,
}

/// Everything a build validates, without writing anything; an `Err` holds every
/// error (and warning) found.
pub fn check(collection: &Path, encoding: sources::Encoding) -> Result<CheckReport, Error> {
    let mut clock = Stages::start();
    let (archive, mut problems) = validate(collection, encoding, None, &mut clock, &mut Reuse::default())?;
    theme::load(collection, &archive.theme)?;
    let index = collection.join(sources::INDEX_FILE);
    for entity in &archive.entities {
        let named = !entity.appearances.is_empty()
            || archive
                .documents
                .iter()
                .any(|d| d.meta.authors.contains(&entity.id) || d.meta.recipients.contains(&entity.id));
        if !named {
            problems.push(diagnostic::Diagnostic::warning(
                &index,
                None,
                "",
                format!("entity `{}` ({}) is named by no document", entity.id, entity.name),
            ));
        }
    }
    for document in &archive.documents {
        if document.meta.date.is_none() {
            problems.push(diagnostic::Diagnostic::warning(
                sources::join(collection, &document.source),
                None,
                "",
                format!("document `{}` has no date; it is listed last", document.id),
            ));
        }
    }
    problems.sort_by_location();
    let readings = archive
        .documents
        .iter()
        .filter_map(|document| {
            let reading = document.reading.clone()?;
            Some((sources::join(collection, &document.source), reading))
        })
        .collect();
    Ok(CheckReport {
        documents: archive.documents.len(),
        warnings: problems.0,
        readings,
    })
}

/// The site model of a collection, validated, without rendering anything (for tools
/// such as the benchmark's Hugo and Zola sites).
pub fn model(collection: &Path, encoding: sources::Encoding) -> Result<archive::Archive, Error> {
    let (archive, _) = validate(collection, encoding, None, &mut Stages::start(), &mut Reuse::default())?;
    Ok(archive)
}

/// The stages up to the site model: the catalogue, the sources, the documents and
/// every link between them, checked.
fn validate(
    collection: &Path,
    encoding: sources::Encoding,
    base_url: Option<&str>,
    clock: &mut Stages<'_>,
    reuse: &mut Reuse,
) -> Result<(archive::Archive, Diagnostics), Error> {
    let (mut catalog, mut problems) = reuse.catalogue(collection)?;
    if let Some(url) = base_url {
        catalog.base_url = Some(url.to_string());
    }
    // The interface's words, in the catalogue's language: the marks of the texts are
    // written with them in the site model.
    let own = theme::translations(collection).map_err(Error::Invalid)?;
    let asked = catalog.interface_language.as_deref().or(catalog.language.as_deref());
    let (interface, found) = i18n::Interface::new(asked, &own, &collection.join(sources::INDEX_FILE));
    problems.extend(found);
    clock.lap(Stage::Catalogue);
    let charsets = sources::Charsets::of(&catalog);
    let (files, found) = sources::discover(collection, &catalog.exclude, &charsets, encoding, &|file, encoding| {
        reuse.read(file, encoding)
    })?;
    problems.extend(found);
    clock.lap(Stage::Sources);
    let finder = match &reuse.scans {
        Some(kept) => scans::Finder::keeping(collection, kept),
        None => scans::Finder::new(collection),
    };
    let (documents, found) = document::assemble(
        collection,
        &catalog,
        files,
        &|source, declared| reuse.reflow(source, declared),
        &finder,
    )?;
    problems.extend(found);
    problems.sort_by_location();
    if problems.has_errors() {
        return Err(Error::Invalid(problems));
    }
    clock.lap(Stage::Documents);
    let memo = reuse.model(&catalog, &documents, &interface);
    let (archive, found) = archive::build(catalog, documents, Arc::new(interface), &memo)?;
    problems.extend(found);
    clock.lap(Stage::SiteModel);
    Ok((archive, problems))
}

/// The time each stage took.
struct Stages<'a> {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
    /// The peak memory at the end of each stage, where the system tells it.
    peaks: Vec<(&'static str, u64)>,
    observer: Option<&'a dyn Fn(Progress<'_>)>,
}

impl<'a> Stages<'a> {
    fn start() -> Stages<'a> {
        Stages {
            observer: None,
            last: Instant::now(),
            laps: Vec::new(),
            peaks: Vec::new(),
        }
    }

    fn lap(&mut self, stage: Stage) {
        let now = Instant::now();
        self.laps.push((stage.name(), now - self.last));
        if let Some(peak) = peak_resident_memory() {
            self.peaks.push((stage.name(), peak));
        }
        self.last = now;
        if let Some(observer) = self.observer {
            observer(Progress::Finished(stage));
        }
    }
}

/// The process's peak resident memory so far, in bytes: Linux's `VmHWM`; `None`
/// where there is no `/proc`.
fn peak_resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn the_peak_memory_is_read_where_the_system_tells_it() {
        let peak = super::peak_resident_memory().expect("Linux has /proc/self/status");
        // A test process holds at least a megabyte, and less than the machine.
        assert!(peak > 1_000_000 && peak < 1 << 40, "{peak}");
    }
}
