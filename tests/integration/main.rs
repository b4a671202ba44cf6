//! The integration tests, as one binary: each module builds fixture collections, or runs
//! the `dossier` binary, and asserts on what a reader or an editor would see.
//!
//! One binary rather than one per file: each test binary links the whole crate and its
//! dependencies, and twenty of them took gigabytes of disk and minutes of linking.

mod common;

mod architecture;
mod build;
mod cite;
mod cite_templates;
mod citeproc;
mod cli;
mod conventions;
mod crosslinks;
mod determinism;
mod diagnostics;
mod encodings;
mod escapes;
mod exports;
mod harvest;
mod hostile;
mod i18n;
mod i18n_browser;
mod iiif;
mod invalid;
mod memo;
mod pagination;
mod panes_browser;
mod parallel;
mod relevance;
mod scans;
mod search_browser;
mod search_client;
mod serve;
mod session;
mod staging;
mod swap;
mod theme;
mod theme_browser;
