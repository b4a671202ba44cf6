//! dossier turns a collection of historical documents into a static, cross-linked
//! archive. A build is a pipeline of stages, one module each:
//!
//! ```text
//! seeds/INDEX.md  → catalog   → Catalog            validated metadata, entities, collections
//! seeds/**        → sources   → Vec<SourceFile>    path-safe discovery of .txt / .md
//! both            → document  → Vec<Document>      metadata merged, bodies reflowed
//! documents       → archive   → Archive            the site model
//! Archive + theme → render    → Vec<RenderedPage>  every page, in memory
//! Archive         → search    → Vec<RenderedPage>  the search index, in shards
//! pages           → output    → output/            staged, swapped in on success
//! ```

pub mod archive;
pub mod catalog;
pub mod cite;
pub mod diagnostic;
pub mod document;
pub mod edtf;
pub mod entities;
pub mod error;
pub mod export;
pub mod generate;
pub mod harvest;
pub mod highlight;
pub mod markdown;
pub mod output;
pub mod reflow;
pub mod render;
pub mod search;
pub mod sources;
pub mod theme;
pub mod urls;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub documents: usize,
    /// Files written, pages and static files.
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Builds the archive of `options.collection` into `options.out`. On error nothing is
/// written: the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let mut clock = Stages::start();
    let collection = options.collection.as_path();
    let (catalog, mut problems) = read_catalog(collection)?;
    clock.lap("catalogue");
    let (files, found) = sources::discover(collection, &catalog.exclude, options.encoding);
    problems.extend(found);
    clock.lap("sources");
    let documents = document::assemble(collection, &catalog, files, &mut problems);
    problems.sort_by_location();
    if problems.has_errors() {
        return Err(Error::Invalid(problems));
    }
    clock.lap("documents");
    let archive = archive::build(catalog, documents)?;
    clock.lap("site model");
    let theme = theme::load(collection, &archive.theme)?;
    let mut pages = render::render(&archive, &theme)?;
    clock.lap("pages");
    pages.extend(search::index(&archive));
    clock.lap("search index");
    pages.extend(export::files(&archive, collection)?);
    let harvest = harvest::files(&archive, &pages);
    pages.extend(harvest);
    clock.lap("data exports");
    output::write(&options.out, collection, &pages)?;
    clock.lap("output");
    Ok(BuildReport {
        documents: archive.documents.len(),
        files: pages.len(),
        warnings: problems.0,
        timings: clock.laps,
    })
}

/// The time each stage took.
struct Stages {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Stages {
    fn start() -> Stages {
        Stages {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

fn read_catalog(collection: &Path) -> Result<(catalog::Catalog, Diagnostics), Error> {
    let index_path = collection.join(sources::INDEX_FILE);
    let text = sources::read_index(collection).map_err(|d| Diagnostics(vec![d]))?;
    Ok(catalog::parse_catalog(&index_path, &text)?)
}
