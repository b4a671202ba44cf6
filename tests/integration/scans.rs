//! Scans of the originals: the catalogue names them, the build checks them, makes what
//! a page shows of each (once: a rebuild takes them from the cache) and copies the
//! masters; the document page shows them beside the text. The images are made here:
//! pages drawn with their page number, in the formats archives keep.

use std::fs;
use std::path::{Path, PathBuf};

use dossier::{BuildOptions, Error};
use image::RgbImage;

use crate::common::{assert_links_resolve, between, build, fixture, try_build, Built};

fn page_image(page: u32, width: u32, height: u32) -> RgbImage {
    dossier::scaffold::specimen_page(page, width, height)
}

/// The scans fixture copied to a temporary folder, with its images made.
pub(crate) fn scanned_collection() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    crate::common::copy_folder(&fixture("scans"), dir.path());
    let scans = dir.path().join("scans");
    fs::create_dir_all(scans.join("letter-1")).expect("scans folder");
    fs::create_dir_all(scans.join("letter-2")).expect("scans folder");
    // Named so that name order and text order differ: p8, p9, p10.
    for (name, page) in [("p8", 11), ("p9", 12), ("p10", 13)] {
        page_image(page, 600, 800)
            .save(scans.join("letter-1").join(format!("{name}.png")))
            .expect("a PNG page");
    }
    // A master wider than the reading size, as JPEG, and a TIFF.
    page_image(1, 2000, 1300)
        .save(scans.join("letter-2/front.jpg"))
        .expect("a JPEG page");
    page_image(2, 500, 330)
        .save(scans.join("letter-2/back.tif"))
        .expect("a TIFF page");
    fs::write(scans.join("letter-1.pdf"), minimal_pdf()).expect("a PDF");
    dir
}

fn minimal_pdf() -> &'static [u8] {
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
}

/// Builds `collection` with its scans' images cached in `cache`.
fn build_cached(collection: &Path, cache: &Path) -> Built {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let report = dossier::build(&BuildOptions {
        collection: collection.to_path_buf(),
        out: dir.path().join("output"),
        cache: Some(cache.to_path_buf()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("the scans fixture failed to build: {e}"));
    Built { dir, report }
}

fn sha256(bytes: &[u8]) -> String {
    dossier::sources::Fixity::of(bytes).sha256
}

fn figures(page: &str) -> Vec<String> {
    page.split("<figure class=\"scan\"")
        .skip(1)
        .map(|figure| figure.split("</figure>").next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_document_page_shows_its_scans_in_page_order_beside_the_text() {
    let collection = scanned_collection();
    let built = build(collection.path());
    let page = built.page("documents/letter-1/index.html");
    assert!(
        page.contains("class=\"document document-transcript has-scans\""),
        "{page}"
    );
    assert!(page.contains("static/scans.js"));
    let figures = figures(&page);
    let pages: Vec<&str> = figures.iter().map(|f| between(f, "data-page=\"", "\"")).collect();
    assert_eq!(pages, ["11", "12", "13"]);
    // Name order is page order: p8, p9, p10, not p10, p8, p9.
    for (position, name) in [(1, "p8"), (2, "p9"), (3, "p10")] {
        let master = fs::read(collection.path().join(format!("scans/letter-1/{name}.png"))).expect("master");
        let copied = fs::read(built.out().join(format!("documents/letter-1/scans/{position}.png"))).expect("copy");
        assert_eq!(
            master, copied,
            "the master of position {position} is {name}, byte for byte"
        );
        let figure = &figures[position - 1];
        assert!(figure.contains(&sha256(&master)), "{figure}");
        assert!(
            figure.contains(&format!(
                "src=\"../../documents/letter-1/scans/{position}-reading.jpg\""
            )),
            "{figure}"
        );
        assert!(figure.contains("width=\"600\" height=\"800\""), "{figure}");
        assert!(figure.contains("(PNG, 600 × 800 px,"), "{figure}");
    }
    let thumb = image::open(built.out().join("documents/letter-1/scans/1-thumb.jpg")).expect("a thumbnail");
    assert_eq!((thumb.width(), thumb.height()), (240, 320));
    // The page numbers the text marks lead to pages the viewer shows.
    assert!(page.contains("id=\"page-12\""), "{page}");
    assert!(page.contains("id=\"page-13\""), "{page}");
    assert!(page.contains("<dt>Scans</dt><dd><a href=\"#scans-heading\">3 pages</a></dd>"));
    assert_links_resolve(&built.out(), "documents/letter-1/index.html");
    assert!(built.report.warnings.is_empty(), "{:?}", built.report.warnings);
}

#[test]
fn masters_of_every_format_get_a_reading_image_and_a_thumbnail_in_jpeg() {
    let collection = scanned_collection();
    let built = build(collection.path());
    let page = built.page("documents/letter-2/index.html");
    let figures = figures(&page);
    assert_eq!(
        figures
            .iter()
            .map(|f| between(f, "data-page=\"", "\""))
            .collect::<Vec<_>>(),
        ["front", "back"]
    );
    // A 2000 px master is read at 1600 px; a TIFF, which browsers cannot show, too.
    let reading = image::open(built.out().join("documents/letter-2/scans/1-reading.jpg")).expect("JPEG");
    assert_eq!((reading.width(), reading.height()), (1600, 1040));
    assert!(figures[0].contains("width=\"1600\" height=\"1040\""), "{}", figures[0]);
    assert!(figures[0].contains("(JPEG, 2000 × 1300 px,"));
    let tiff = fs::read(collection.path().join("scans/letter-2/back.tif")).expect("TIFF");
    assert_eq!(
        fs::read(built.out().join("documents/letter-2/scans/2.tif")).expect("the TIFF's copy"),
        tiff
    );
    assert!(figures[1].contains("(TIFF, 500 × 330 px,"), "{}", figures[1]);
    let shown = image::open(built.out().join("documents/letter-2/scans/2-reading.jpg")).expect("JPEG of the TIFF");
    assert_eq!((shown.width(), shown.height()), (500, 330));
    // A document without scans has no viewer.
    let plain = built.page("documents/letter-3/index.html");
    assert!(!plain.contains("scans.js") && !plain.contains("has-scans"));
}

#[test]
fn the_pdf_of_the_original_is_offered_with_its_size_and_sha256() {
    let collection = scanned_collection();
    let built = build(collection.path());
    let page = built.page("documents/letter-1/index.html");
    let pdf = minimal_pdf();
    assert_eq!(
        fs::read(built.out().join("documents/letter-1/letter-1-original.pdf")).expect("the PDF's copy"),
        pdf
    );
    assert!(
        page.contains(&format!(
            "<dt>Original (PDF)</dt><dd><a href=\"../../documents/letter-1/letter-1-original.pdf\" type=\"application/pdf\">PDF</a> ({} bytes)</dd>\n  <dt>SHA-256</dt><dd><code class=\"fixity\">{}</code></dd>",
            pdf.len(),
            sha256(pdf)
        )),
        "{page}"
    );
}

#[test]
fn a_second_build_takes_every_image_from_the_cache() {
    let collection = scanned_collection();
    let cache = tempfile::tempdir().expect("a cache folder");
    let first = build_cached(collection.path(), cache.path());
    assert_eq!(first.report.images.scans, 5);
    assert_eq!((first.report.images.made, first.report.images.cached), (10, 0));
    let second = build_cached(collection.path(), cache.path());
    assert_eq!((second.report.images.made, second.report.images.cached), (0, 10));
    for path in [
        "documents/letter-2/scans/1-reading.jpg",
        "documents/letter-1/scans/3-thumb.jpg",
    ] {
        assert_eq!(
            fs::read(first.out().join(path)).expect("first"),
            fs::read(second.out().join(path)).expect("second"),
            "{path}"
        );
    }
    // A changed scan is made again; the others still come from the cache.
    page_image(99, 600, 800)
        .save(collection.path().join("scans/letter-1/p9.png"))
        .expect("a new page");
    let third = build_cached(collection.path(), cache.path());
    assert_eq!((third.report.images.made, third.report.images.cached), (2, 8));
    // Nothing is left in the cache but whole images.
    let leftovers: Vec<PathBuf> = fs::read_dir(cache.path().join("scans"))
        .expect("the cache")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_none_or(|e| e != "jpg"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn by_default_the_cache_is_a_hidden_folder_of_the_collection_never_read_as_sources() {
    let collection = scanned_collection();
    build(collection.path());
    let cached = fs::read_dir(collection.path().join(".dossier-cache/scans"))
        .expect("the default cache")
        .count();
    assert_eq!(cached, 10);
    let again = build(collection.path());
    assert_eq!(again.report.images.made, 0);
    assert!(again.report.warnings.is_empty(), "{:?}", again.report.warnings);
}

/// The build's errors (or warnings) as printed, one a line.
fn problems(result: Result<dossier::BuildReport, Error>) -> Vec<String> {
    match result {
        Ok(report) => report.warnings.iter().map(described).collect(),
        Err(Error::Invalid(diagnostics)) => diagnostics.0.iter().map(described).collect(),
        Err(other) => vec![other.to_string()],
    }
}

/// The fixture with `letter-1`'s entry's `scans:` (and `first_page:`) lines replaced by
/// `scans`, and `prepare` run on the folder first.
fn with_scans(scans: &str, prepare: &dyn Fn(&Path)) -> Vec<String> {
    let collection = scanned_collection();
    prepare(collection.path());
    let index = collection.path().join("INDEX.md");
    let text = fs::read_to_string(&index).expect("catalogue");
    let replaced = text.replace(
        "    scans: scans/letter-1/p*.png     # p8, p9, p10: name order, not text order\n    first_page: 11\n",
        &format!("    {scans}\n"),
    );
    assert_ne!(text, replaced);
    fs::write(&index, replaced).expect("catalogue");
    let (out, result) = try_build(collection.path());
    if result.is_err() {
        assert!(!out.path().join("output").exists(), "a failed build writes nothing");
    }
    problems(result)
}

fn described(problem: &dossier::Diagnostic) -> String {
    format!(
        "{:?}: {} (help: {})",
        problem.severity,
        problem,
        problem.help.as_deref().unwrap_or_default()
    )
}

fn nothing(_: &Path) {}

#[test]
fn bad_scans_are_errors_naming_the_catalogue_line() {
    let missing = with_scans("scans: [scans/letter-1/p8.png, scans/letter-1/p7.png]", &nothing);
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("INDEX.md:13: documents[0].scans[1]"), "{missing:?}");
    assert!(
        missing[0].contains("no such file `scans/letter-1/p7.png`"),
        "{missing:?}"
    );

    let glob = with_scans("scans: scans/letter-1/q*.png", &nothing);
    assert!(glob[0].contains("matches no PNG, JPEG or TIFF image"), "{glob:?}");

    let twice = with_scans(
        "scans: [scans/letter-1/p8.png, scans/letter-1/p9.png, scans/letter-1/p8.png]",
        &nothing,
    );
    assert!(
        twice[0].contains("named twice: it is already the scan of page 1"),
        "{twice:?}"
    );

    let pdf = with_scans("scans: [scans/letter-1.pdf]", &nothing);
    assert!(
        pdf[0].contains("is not a scan") && pdf[0].contains("goes under `pdf:`"),
        "{pdf:?}"
    );

    let text = with_scans("scans: [scans/letter-1/fake.png]", &|folder| {
        fs::write(folder.join("scans/letter-1/fake.png"), "not an image at all").expect("fake");
    });
    assert!(text[0].contains("is not a PNG, JPEG or TIFF image"), "{text:?}");

    let outside = with_scans("scans: [../elsewhere.png]", &nothing);
    assert!(outside[0].contains("leaves the collection"), "{outside:?}");

    let roman = with_scans("scans: [scans/letter-1/p8.png]\n    first_page: iv", &nothing);
    assert!(
        roman.iter().any(|r| r.contains("`iv` is not a page number")),
        "{roman:?}"
    );
}

#[test]
fn a_scan_too_large_to_decode_is_refused_from_its_header_alone() {
    // A PNG that says it is 20,000 × 20,000 px: its header is all dossier reads.
    let huge = with_scans("scans: [scans/letter-1/huge.png]", &|folder| {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut header = b"IHDR".to_vec();
        header.extend(20_000u32.to_be_bytes());
        header.extend(20_000u32.to_be_bytes());
        header.extend([8, 2, 0, 0, 0]);
        png.extend(13u32.to_be_bytes());
        png.extend(&header);
        png.extend(crc32(&header).to_be_bytes());
        // Then the start of its data: dossier must stop before decoding any of it.
        let data = b"IDAT\x78\x9c\x00\x00";
        png.extend(4u32.to_be_bytes());
        png.extend(data);
        png.extend(crc32(data).to_be_bytes());
        fs::write(folder.join("scans/letter-1/huge.png"), png).expect("huge");
    });
    assert_eq!(huge.len(), 1, "{huge:?}");
    assert!(huge[0].contains("is 20000 × 20000 px (400 megapixels)"), "{huge:?}");
}

#[test]
fn a_corrupt_scan_stops_the_build_naming_the_file_and_writes_nothing() {
    let corrupt = with_scans("scans: [scans/letter-1/cut.png]", &|folder| {
        let whole = fs::read(folder.join("scans/letter-1/p8.png")).expect("page");
        fs::write(folder.join("scans/letter-1/cut.png"), &whole[..whole.len() / 2]).expect("cut");
    });
    assert_eq!(corrupt.len(), 1, "{corrupt:?}");
    assert!(corrupt[0].contains("cut.png"), "{corrupt:?}");
    assert!(corrupt[0].contains("cannot be decoded"), "{corrupt:?}");
}

#[test]
fn scans_and_page_numbers_that_disagree_are_warnings() {
    // The text marks pages 12 and 13; scans from page 20 show 20 to 22.
    let shifted = with_scans("scans: scans/letter-1/p*.png\n    first_page: 20", &nothing);
    assert_eq!(shifted.len(), 2, "{shifted:?}");
    assert!(shifted.iter().all(|s| s.starts_with("Warning")), "{shifted:?}");
    assert!(
        shifted[0].contains("the transcription marks no page 21, 22, which scans show"),
        "{shifted:?}"
    );
    assert!(shifted[0].contains("check `first_page:` (20 now)"), "{shifted:?}");
    assert!(
        shifted[1].contains("no scan shows page 12, 13 of the transcription"),
        "{shifted:?}"
    );
}

#[test]
fn a_markdown_document_names_its_scans_in_its_front_matter() {
    let collection = scanned_collection();
    fs::write(
        collection.path().join("letters/note.md"),
        "---\ntitle: A note\nscans: [scans/letter-1/p8.png]\n---\n\nA short note.\n",
    )
    .expect("note");
    let built = build(collection.path());
    let page = built.page("documents/note/index.html");
    assert_eq!(figures(&page).len(), 1, "{page}");
}

/// The CRC-32 of a PNG chunk (type and data).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
