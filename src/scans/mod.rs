//! Scans: the images of a document's original, page by page, and its PDF.
//!
//! The catalogue names them (`scans:`, `first_page:`, `pdf:`; the contract is
//! `docs/catalogue.md`); here each name becomes a checked file of the collection: inside
//! it, an image dossier can read (PNG, JPEG, TIFF, by its bytes, not only its name),
//! of a size it will decode, named once, its page one the texts mark. Only the header
//! is decoded here; [`derive`] decodes each image whole, once, to make what a page
//! shows, and keeps it in a cache so that a rebuild does no image work.

mod check;
pub mod derive;

pub use check::{attachment, resolve, Attachment, Finder, KeptScans, Scan, ScanFormat, MAX_PIXELS};
