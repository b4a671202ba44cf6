//! A document's other texts: the transcription of its original and its translations,
//! each a source file with its language, shown as panes beside the main text and its
//! scans, copied with their SHA-256 and listed in `catalogue.json`.

use std::fs;
use std::path::Path;

use dossier::Error;

use crate::common::{between, build, fixture, try_build};

/// The parallel fixture copied to a temporary folder, with its scans made.
pub(crate) fn parallel_collection() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    crate::common::copy_folder(&fixture("parallel"), dir.path());
    fs::create_dir_all(dir.path().join("scans")).expect("scans");
    for (name, page) in [("memo-1.png", 43), ("memo-2.png", 44)] {
        dossier::scaffold::specimen_page(page, 500, 700)
            .save(dir.path().join("scans").join(name))
            .expect("a page");
    }
    dir
}

#[test]
fn the_original_and_the_translations_are_panes_beside_the_main_text() {
    let collection = parallel_collection();
    let built = build(collection.path());
    assert!(built.report.warnings.is_empty(), "{:?}", built.report.warnings);
    let page = built.page("documents/memo/index.html");
    assert!(page.contains("has-scans has-texts"), "{page}");
    assert!(page.contains("static/panes.js"));
    assert!(page.contains("<h3 id=\"text-main-heading\" class=\"pane-heading\">Translation (English)</h3>"));
    let original = between(
        &page,
        "<section class=\"pane parallel-text\" id=\"text-original\"",
        "</section>",
    );
    assert!(
        original.contains("data-pane=\"original\" lang=\"ru\" dir=\"ltr\""),
        "{original}"
    );
    assert!(original.contains(">Original (Russian)</h3>"), "{original}");
    assert!(original.contains("Делегация была принята в Министерстве иностранных дел на третий день визита."));
    // Its anchors are its own; its page's "cite" link is the page's one.
    assert!(
        original.contains("id=\"original-page-44\" href=\"#original-page-44\""),
        "{original}"
    );
    assert!(original.contains("<p id=\"original-p2\">"), "{original}");
    assert!(original.contains("href=\"#cite-page\" data-page=\"44\""), "{original}");
    let german = between(&page, "id=\"text-de\"", "</section>");
    assert!(german.contains(">Translation (German)</h3>"), "{german}");
    // The main text keeps its ids and its entity links; the others are not documents.
    assert!(page.contains("id=\"page-44\""));
    assert!(page.contains("href=\"../../entities/ministry/index.html\""));
    let documents: Vec<String> = fs::read_dir(built.out().join("documents"))
        .expect("documents")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut documents = documents;
    documents.sort();
    assert_eq!(documents, ["letter", "memo"]);
    // The metadata says what the original's language is, though the catalogue did not.
    assert!(page.contains("<dt>Original language</dt><dd>Russian</dd>"), "{page}");
}

#[test]
fn each_other_text_is_copied_with_its_sha256_and_listed_in_the_catalogue() {
    let collection = parallel_collection();
    let built = build(collection.path());
    let page = built.page("documents/memo/index.html");
    let source = fs::read(collection.path().join("originals/memo.ru.txt")).expect("original");
    let copy = fs::read(built.out().join("documents/memo/memo-original.txt")).expect("copy");
    assert_eq!(source, copy);
    let sha256 = dossier::sources::Fixity::of(&source).sha256;
    assert!(
        page.contains(&format!(
            "<a href=\"../../documents/memo/memo-original.txt\" download><code>originals/memo.ru.txt</code></a> ({} bytes), SHA-256 <code class=\"fixity\">{sha256}</code>",
            source.len()
        )),
        "{page}"
    );
    let catalogue: serde_json::Value =
        serde_json::from_str(&built.page("catalogue.json")).expect("catalogue.json is JSON");
    let schema: serde_json::Value =
        serde_json::from_str(&built.page("catalogue.schema.json")).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator.iter_errors(&catalogue).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let memo = catalogue["documents"]
        .as_array()
        .and_then(|documents| documents.iter().find(|d| d["id"] == "memo"))
        .expect("the memo");
    assert_eq!(memo["texts"][0]["role"], "original");
    assert_eq!(memo["texts"][0]["language"], "ru");
    assert_eq!(memo["texts"][0]["download"], "documents/memo/memo-original.txt");
    assert_eq!(memo["texts"][0]["sha256"], sha256.as_str());
    assert_eq!(memo["texts"][1]["download"], "documents/memo/memo-de.txt");
    assert_eq!(memo["scans"][1]["page"], "44");
    assert_eq!(memo["scans"][1]["format"], "image/png");
    assert_eq!(memo["scans"][1]["download"], "documents/memo/scans/2.png");
}

#[test]
fn a_right_to_left_translation_is_laid_out_right_to_left_in_its_own_layout() {
    let collection = parallel_collection();
    let built = build(collection.path());
    let page = built.page("documents/letter/index.html");
    // The main text is German, and there is no original: it is the transcription.
    assert!(page.contains(">Transcription (German)</h3>"), "{page}");
    let arabic = between(&page, "id=\"text-ar\"", "</section>");
    assert!(arabic.contains("lang=\"ar\" dir=\"rtl\""), "{arabic}");
    assert!(
        arabic.contains("lang=\"en\" dir=\"ltr\">Translation (Arabic)</h3>"),
        "{arabic}"
    );
    // `paragraphs: lines` for the English: a line a paragraph.
    let english = between(&page, "id=\"text-en\"", "</section>");
    assert!(english.contains("<p id=\"en-p2\">Dear Sirs, I write to you about the article of last month, which contains many errors.</p>"), "{english}");
}

/// The build's errors as printed, one a line, for the fixture with `from` replaced by `to`
/// in its catalogue (and `prepare` run on the folder first).
fn errors_with(from: &str, to: &str, prepare: &dyn Fn(&Path)) -> Vec<String> {
    let collection = parallel_collection();
    prepare(collection.path());
    let index = collection.path().join("INDEX.md");
    let text = fs::read_to_string(&index).expect("catalogue");
    assert!(text.contains(from), "{from}");
    fs::write(&index, text.replace(from, to)).expect("catalogue");
    let (out, result) = try_build(collection.path());
    match result {
        Ok(report) => panic!("expected errors, built with {:?}", report.warnings),
        Err(Error::Invalid(diagnostics)) => {
            assert!(!out.path().join("output").exists(), "a failed build writes nothing");
            diagnostics.errors().map(ToString::to_string).collect()
        }
        Err(other) => vec![other.to_string()],
    }
}

fn nothing(_: &Path) {}

#[test]
fn other_texts_that_cannot_be_shown_are_errors_naming_the_catalogue_line() {
    let missing = errors_with("originals/memo.ru.txt", "originals/memo.uk.txt", &nothing);
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(
        missing[0].contains("INDEX.md:15: documents[0].original.file"),
        "{missing:?}"
    );
    assert!(
        missing[0].contains("no such file `originals/memo.uk.txt`"),
        "{missing:?}"
    );

    let own = errors_with("originals/memo.ru.txt", "letter.de.txt", &nothing);
    assert!(own[0].contains("is a document's own `file`"), "{own:?}");

    let twice = errors_with("translations/letter.ar.txt", "translations/memo.de.txt", &nothing);
    assert!(twice[0].contains("is already a text at line 17"), "{twice:?}");

    let language = errors_with("language: ru}", "language: Russian!}", &nothing);
    assert!(language[0].contains("is not a BCP 47 language code"), "{language:?}");

    let unknown = errors_with("language: ru}", "language: xx}", &nothing);
    assert!(
        unknown[0].contains("`xx` is not a language ISO 639 knows"),
        "{unknown:?}"
    );

    let no_language = errors_with(", language: ru}", "}", &nothing);
    assert!(
        no_language[0].contains("missing required key `language`"),
        "{no_language:?}"
    );

    let markdown = errors_with("originals/memo.ru.txt", "originals/memo.ru.md", &|folder| {
        fs::write(folder.join("originals/memo.ru.md"), "Записка\n").expect("a Markdown original");
    });
    assert!(markdown[0].contains("is not a .txt transcription"), "{markdown:?}");

    let disagrees = errors_with(
        "    language: en\n    original:",
        "    language: en\n    original_language: uk\n    original:",
        &nothing,
    );
    assert!(
        disagrees[0].contains("the original is in `ru`, but `original_language:` says `uk`"),
        "{disagrees:?}"
    );
}

#[test]
fn a_markdown_front_matter_cannot_name_other_texts() {
    let collection = parallel_collection();
    fs::write(
        collection.path().join("note.md"),
        "---\ntitle: A note\ntranslations: [{file: translations/memo.de.txt, language: de}]\n---\n\nA note.\n",
    )
    .expect("note");
    let (_, result) = try_build(collection.path());
    let Err(Error::Invalid(diagnostics)) = result else {
        panic!("a front matter's translations must be refused");
    };
    let errors: Vec<String> = diagnostics.errors().map(ToString::to_string).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("note.md:1") && e.contains("go in the catalogue's entry")),
        "{errors:?}"
    );
}

#[test]
fn a_main_text_written_right_to_left_has_its_direction_where_it_is() {
    let collection = crate::common::collection(
        "title: Letters\nlanguage: en\ndocuments:\n  - {file: risala.txt, language: ar, title: رسالة}\n",
        &[("risala.txt", "رسالة\n\nالسادة المحترمون، أكتب إليكم [2] بشأن المقال.\n")],
    );
    let built = build(collection.path());
    let page = built.page("documents/risala/index.html");
    assert!(page.contains("<h1 lang=\"ar\" dir=\"rtl\">رسالة</h1>"), "{page}");
    assert!(page.contains("<div id=\"text-body\" dir=\"rtl\">"), "{page}");
    // The page's own labels stay as the interface writes them.
    assert!(
        page.contains("<html lang=\"en\">") && !page.contains("<html lang=\"en\" dir"),
        "{page}"
    );
    let english = built.page("documents/risala/index.html").replace("dir=\"rtl\"", "");
    assert!(
        !english.contains("dir=\"ltr\""),
        "nothing is marked left to right that was not"
    );
}
