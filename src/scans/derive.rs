//! What a page shows of a scan: a reading-size image and a thumbnail, made from the
//! master in parallel and kept in a cache outside the output, by the master's SHA-256,
//! so that a rebuild decodes no image it decoded before. The master is copied beside
//! them unchanged.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fast_image_resize::{images::Image, FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use rayon::prelude::*;

use super::check::{Attachment, Scan};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::output::{OutputFile, Sink};
use crate::sources;
use crate::urls;

/// The folder, inside the collection, that holds the cache unless a build names another:
/// hidden, so it is never read as sources.
pub const CACHE_FOLDER: &str = ".dossier-cache";

/// An image a page shows in place of the master.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    /// Its name in output paths (`reading`, `thumb`).
    pub name: &'static str,
    /// Its greatest width in pixels; a narrower master keeps its own.
    pub max_width: u32,
    /// Its JPEG quality.
    quality: u8,
}

/// The reading-size image: sharp on a high-density screen at the width of a pane.
pub const READING: Variant = Variant {
    name: "reading",
    max_width: 1600,
    quality: 85,
};
/// The thumbnail of lists and page strips.
pub const THUMBNAIL: Variant = Variant {
    name: "thumb",
    max_width: 240,
    quality: 80,
};
/// Every variant a scan gets.
pub const VARIANTS: [Variant; 2] = [READING, THUMBNAIL];

impl Variant {
    /// The size of this variant of a `width` × `height` master.
    pub fn size(self, width: u32, height: u32) -> (u32, u32) {
        if width <= self.max_width {
            return (width, height);
        }
        let scaled = (u64::from(height) * u64::from(self.max_width) + u64::from(width) / 2) / u64::from(width);
        (self.max_width, scaled.max(1) as u32)
    }

    /// Its file in the cache: the master's hash and everything that shapes the image,
    /// so that changing the variant makes new files rather than reusing old ones.
    fn cache_name(self, sha256: &str) -> String {
        format!("{sha256}-{}-w{}-q{}-v1.jpg", self.name, self.max_width, self.quality)
    }
}

/// A scan to make pages' images of: the document it belongs to and its place there.
pub struct Job<'a> {
    /// The document's id.
    pub document: &'a str,
    /// Its position among the document's scans, from 1.
    pub position: usize,
    /// The scan.
    pub scan: &'a Scan,
}

/// How much image work a build did, for `--verbose` and the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageWork {
    /// Scans the build handled.
    pub scans: usize,
    /// Derivatives made by decoding a master.
    pub made: usize,
    /// Derivatives taken from the cache.
    pub cached: usize,
    /// How long it took, wall.
    pub time: Duration,
}

/// Copies each scan's master into `sink` with its derivatives, made or taken from
/// `cache`; returns the paths written and the work done. A master that cannot be
/// decoded is an error naming it: the build stops, the previous output stays.
pub fn derivatives(
    jobs: &[Job<'_>],
    collection: &Path,
    cache: &Path,
    sink: &dyn Sink,
) -> Result<(Vec<String>, ImageWork), Error> {
    let started = Instant::now();
    let made = AtomicUsize::new(0);
    let cached = AtomicUsize::new(0);
    let folder = cache.join("scans");
    if !jobs.is_empty() {
        // A cache that cannot be made only costs time: every image is made afresh.
        let _ = std::fs::create_dir_all(&folder);
    }
    let written: Vec<Result<Vec<String>, Error>> = jobs
        .par_iter()
        .map(|job| {
            let master = sources::read_again(collection, &job.scan.source).map_err(one)?;
            let mut paths = Vec::with_capacity(1 + VARIANTS.len());
            // The largest image at hand: the master decoded, then each variant made,
            // from which the next, smaller one is made (cheaper, and as sharp).
            let mut source: Option<image::RgbImage> = None;
            for variant in VARIANTS {
                let in_cache = folder.join(variant.cache_name(&job.scan.fixity.sha256));
                let bytes = match std::fs::read(&in_cache) {
                    Ok(bytes) => {
                        cached.fetch_add(1, Ordering::Relaxed);
                        bytes
                    }
                    Err(_) => {
                        let image = match source.take() {
                            Some(image) => image,
                            None => decode(&master, &sources::join(collection, &job.scan.source))?.into_rgb8(),
                        };
                        // Sized from the master, as the page's width and height say.
                        let size = variant.size(job.scan.width, job.scan.height);
                        let (bytes, resized) =
                            make(image, size, variant.quality).map_err(|e| one(undecodable(collection, job, &e)))?;
                        source = Some(resized);
                        keep(&in_cache, &bytes);
                        made.fetch_add(1, Ordering::Relaxed);
                        bytes
                    }
                };
                paths.push(sink.put_listed(OutputFile {
                    path: urls::scan(job.document, job.position, variant.name, "jpg"),
                    bytes,
                })?);
            }
            paths.push(sink.put_listed(OutputFile {
                path: urls::scan(job.document, job.position, "", job.scan.format.extension()),
                bytes: master,
            })?);
            Ok(paths)
        })
        .collect();
    let mut paths = Vec::new();
    for result in written {
        paths.extend(result?);
    }
    let work = ImageWork {
        scans: jobs.len(),
        made: made.into_inner(),
        cached: cached.into_inner(),
        time: started.elapsed(),
    };
    Ok((paths, work))
}

/// Copies the PDF of a document's original beside its page; returns its path.
pub fn copy_attachment(document: &str, pdf: &Attachment, collection: &Path, sink: &dyn Sink) -> Result<String, Error> {
    let bytes = sources::read_again(collection, &pdf.source).map_err(one)?;
    sink.put_listed(OutputFile {
        path: urls::original_pdf(document),
        bytes,
    })
}

fn one(diagnostic: Diagnostic) -> Error {
    Error::Invalid(Diagnostics(vec![diagnostic]))
}

fn undecodable(collection: &Path, job: &Job<'_>, why: &str) -> Diagnostic {
    Diagnostic::error(
        sources::join(collection, &job.scan.source),
        None,
        "",
        format!(
            "cannot make the images of page {} of `{}` from this scan: {why}",
            job.scan.page, job.document
        ),
    )
}

/// The master decoded, within what a 100-megapixel scan of 16-bit colour needs.
fn decode(master: &[u8], path: &Path) -> Result<image::DynamicImage, Error> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(master));
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    reader
        .with_guessed_format()
        .map_err(|e| e.to_string())
        .and_then(|reader| reader.decode().map_err(|e| e.to_string()))
        .map_err(|why| {
            one(
                Diagnostic::error(path, None, "", format!("the scan cannot be decoded: {why}"))
                    .with_help("open it in an image editor and save it again, or scan the page again"),
            )
        })
}

/// `image` at `size`, as JPEG of `quality`, and the resized image itself.
fn make(
    image: image::RgbImage,
    (width, height): (u32, u32),
    quality: u8,
) -> Result<(Vec<u8>, image::RgbImage), String> {
    let resized = if (image.width(), image.height()) == (width, height) {
        image
    } else {
        let source = image::DynamicImage::ImageRgb8(image);
        let mut resized = Image::new(width, height, PixelType::U8x3);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
        Resizer::new()
            .resize(&source, &mut resized, &options)
            .map_err(|e| e.to_string())?;
        image::RgbImage::from_raw(width, height, resized.into_vec()).ok_or("the resized image has another size")?
    };
    let mut bytes = Vec::new();
    let (Ok(w), Ok(h)) = (u16::try_from(width), u16::try_from(height)) else {
        return Err(format!("{width} × {height} px is too large for a JPEG"));
    };
    jpeg_encoder::Encoder::new(&mut bytes, quality)
        .encode(resized.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| e.to_string())?;
    Ok((bytes, resized))
}

/// Puts a derivative in the cache whole or not at all: written aside, then renamed, so
/// that a build killed midway, or two at once, never leave half a file to be reused.
fn keep(path: &PathBuf, bytes: &[u8]) {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let aside = path.with_extension(format!(
        "part-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    if std::fs::write(&aside, bytes).is_ok() && std::fs::rename(&aside, path).is_err() {
        let _ = std::fs::remove_file(&aside);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variant_keeps_the_proportions_and_never_enlarges() {
        assert_eq!(READING.size(3200, 4000), (1600, 2000));
        assert_eq!(READING.size(800, 1000), (800, 1000));
        assert_eq!(THUMBNAIL.size(2481, 3508), (240, 339));
        assert_eq!(THUMBNAIL.size(10_000, 1), (240, 1));
    }

    #[test]
    fn a_grey_page_becomes_a_jpeg_of_the_variant_size() {
        let page = image::DynamicImage::ImageLuma8(image::GrayImage::from_fn(600, 800, |x, y| {
            image::Luma([if (x / 10 + y / 10) % 2 == 0 { 30 } else { 220 }])
        }));
        let (bytes, _) = make(page.into_rgb8(), THUMBNAIL.size(600, 800), 80).expect("a thumbnail");
        let back = image::load_from_memory(&bytes).expect("a JPEG");
        assert_eq!((back.width(), back.height()), (240, 320));
    }
}
