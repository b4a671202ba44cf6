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
pub mod diagnostic;
pub mod document;
pub mod edtf;
pub mod entities;
pub mod error;
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
}

/// Builds the archive of `options.collection` into `options.out`. On error nothing is
/// written: the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let collection = options.collection.as_path();
    let (catalog, mut problems) = read_catalog(collection)?;
    let (files, found) = sources::discover(collection, &catalog.exclude, options.encoding);
    problems.extend(found);
    let documents = document::assemble(collection, &catalog, files, &mut problems);
    problems.sort_by_location();
    if problems.has_errors() {
        return Err(Error::Invalid(problems));
    }
    let archive = archive::build(catalog, documents)?;
    let theme = theme::load(collection, &archive.theme)?;
    let mut pages = render::render(&archive, &theme)?;
    pages.extend(search::index(&archive));
    output::write(&options.out, collection, &pages)?;
    Ok(BuildReport {
        documents: archive.documents.len(),
        files: pages.len(),
        warnings: problems.0,
    })
}

fn read_catalog(collection: &Path) -> Result<(catalog::Catalog, Diagnostics), Error> {
    let index_path = collection.join(sources::INDEX_FILE);
    let text = sources::read_index(collection).map_err(|d| Diagnostics(vec![d]))?;
    Ok(catalog::parse_catalog(&index_path, &text)?)
}
