//! Transcriptions saved in the encodings archives hold them in (Windows-1251, KOI8-R,
//! Shift_JIS, UTF-16 from Notepad), declared by `encoding:` for the collection, a
//! document or one of its texts, and decoded by encoding_rs: the page shows the text
//! exactly as decoded, the copy beside it is the file byte for byte, and bytes not
//! valid in the declared encoding are an error naming the file and the byte.

use std::fs;

use dossier::Error;

use crate::common::{between, build, copy_folder, fixture, try_build, visible_text};

fn decoded(text: &[u8], encoding: &'static encoding_rs::Encoding) -> String {
    let (text, _, errors) = encoding.decode(text);
    assert!(!errors);
    text.into_owned()
}

#[test]
fn each_text_is_read_in_its_declared_encoding_and_copied_as_it_is() {
    let built = build(&fixture("encodings"));
    assert!(built.report.warnings.is_empty(), "{:?}", built.report.warnings);
    for (id, file, encoding, words) in [
        (
            "pismo",
            "pismo.txt",
            encoding_rs::WINDOWS_1251,
            "Уважаемые товарищи, пишу вам о статье прошлого месяца, в которой много ошибок.",
        ),
        (
            "tegami",
            "tegami.txt",
            encoding_rs::SHIFT_JIS,
            "拝啓、先月の記事について書きます。",
        ),
        (
            "memo",
            "memo.txt",
            encoding_rs::UTF_16LE,
            "The delegation arrives on Monday; the rooms are ready.",
        ),
    ] {
        let source = fs::read(fixture("encodings").join(file)).expect("the source");
        let page = built.page(&format!("documents/{id}/index.html"));
        let body = visible_text(between(&page, "<div id=\"text-body\">", "</div>"));
        assert!(body.contains(words), "{id}: {body}");
        // Every line of the decoded source is on the page, in its paragraphs.
        let text = decoded(&source, encoding).replace("\r\n", "\n");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            assert!(body.contains(line.trim()), "{id}: {line:?} not in {body}");
        }
        let copy = fs::read(built.out().join(format!("documents/{id}/{id}.txt"))).expect("the copy");
        assert_eq!(copy, source, "{id}: the copy is the file as it is");
        assert!(page.contains(&dossier::sources::Fixity::of(&source).sha256), "{id}");
    }
    // A translation declares its own.
    let memo = built.page("documents/memo/index.html");
    assert!(
        memo.contains("Делегация прибывает в понедельник; комнаты готовы."),
        "{memo}"
    );
}

#[test]
fn bytes_not_valid_in_the_declared_encoding_are_an_error_naming_the_byte() {
    let collection = tempfile::tempdir().expect("a folder");
    copy_folder(&fixture("encodings"), collection.path());
    // Shift_JIS: a lead byte (0x81) followed by a space is no character.
    let mut bytes = "編集部への手紙\n\n拝啓".encode_sjis();
    let at = bytes.len();
    bytes.extend([0x81, b' ', b'\n']);
    fs::write(collection.path().join("tegami.txt"), &bytes).expect("a bad file");
    let (out, result) = try_build(collection.path());
    let Err(Error::Invalid(problems)) = result else {
        panic!("a file not valid in its encoding must fail the build");
    };
    let errors: Vec<String> = problems.errors().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("tegami.txt:3"), "{errors:?}");
    assert!(
        errors[0].contains(&format!("the bytes at byte {at} are not valid Shift_JIS")),
        "{errors:?}"
    );
    assert!(!out.path().join("output").exists());
}

#[test]
fn an_encoding_dossier_does_not_know_is_a_catalogue_error() {
    let collection = tempfile::tempdir().expect("a folder");
    copy_folder(&fixture("encodings"), collection.path());
    let index = collection.path().join("INDEX.md");
    let text = fs::read_to_string(&index).expect("catalogue");
    fs::write(&index, text.replace("encoding: shift_jis", "encoding: shift-jisx")).expect("catalogue");
    let (_, result) = try_build(collection.path());
    let Err(Error::Invalid(problems)) = result else {
        panic!("an unknown encoding must fail the build");
    };
    let errors: Vec<String> = problems.errors().map(ToString::to_string).collect();
    assert!(
        errors.iter().any(|e| e.contains("INDEX.md:15: documents[1].encoding")
            && e.contains("`shift-jisx` is not a character encoding")),
        "{errors:?}"
    );
}

/// Text as Shift_JIS bytes.
trait ShiftJis {
    fn encode_sjis(&self) -> Vec<u8>;
}

impl ShiftJis for str {
    fn encode_sjis(&self) -> Vec<u8> {
        let (bytes, _, errors) = encoding_rs::SHIFT_JIS.encode(self);
        assert!(!errors);
        bytes.into_owned()
    }
}
