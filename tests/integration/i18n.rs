//! Archives in their own language (`tests/fixtures/i18n/`: Russian, German, French,
//! Spanish, Chinese, Japanese, Korean and Arabic, each built with its interface):
//! labels, dates and counts in the language, no English label left on a Russian or an
//! Arabic page, the collection's own words, one warning for a language dossier has no
//! words in, and search that finds a word's inflected forms in each language, the
//! builder and the client agreeing on every stem.

use std::fs;
use std::process::Command;

use dossier::search::Normalizer;

use crate::common::{build, fixture, repo_path, visible_text, Built};
use crate::search_client::run_queries;

/// The languages of the fixtures, with a label each page of theirs shows, the date
/// of their first document as it is written, and a count of documents.
const ARCHIVES: [(&str, &str, &str, &str); 8] = [
    ("ru", "Об этом документе", "3 ноября 1966", "3 документа"),
    ("de", "Über dieses Dokument", "2. März 1952", "2 Dokumente"),
    ("fr", "À propos de ce document", "28 juin 1919", "2 documents"),
    ("es", "Sobre este documento", "14 de abril de 1931", "2 documentos"),
    ("zh", "关于本文件", "1966年11月3日", "2 份文件"),
    ("ja", "この文書について", "1951年9月8日", "2 件の文書"),
    ("ko", "이 문서에 대하여", "1965년 6월 22일", "문서 2건"),
    ("ar", "عن هذه الوثيقة", "1 فبراير 1958", "وثيقتان"),
];

fn built(language: &str) -> Built {
    build(&fixture(&format!("i18n/{language}")))
}

/// The first document of a fixture, by its catalogue.
fn first_document(language: &str) -> String {
    let index = fs::read_to_string(fixture(&format!("i18n/{language}/INDEX.md"))).expect("the catalogue");
    let line = index
        .lines()
        .find(|l| l.trim_start().starts_with("id: "))
        .expect("an id");
    line.trim_start().trim_start_matches("id: ").to_string()
}

#[test]
fn each_archive_is_built_with_its_interface_in_its_language() {
    for (language, about, date, count) in ARCHIVES {
        let built = built(language);
        assert!(
            built.report.warnings.is_empty(),
            "{language}: {:?}",
            built.report.warnings
        );
        let page = built.page(&format!("documents/{}/index.html", first_document(language)));
        let direction = if language == "ar" { " dir=\"rtl\"" } else { "" };
        assert!(
            page.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{language}\"{direction}>")),
            "{language}: {}",
            &page[..80]
        );
        assert!(page.contains(about), "{language}: {about}");
        assert!(visible_text(&page).contains(date), "{language}: {date}");
        let home = visible_text(&built.page("index.html"));
        assert!(home.contains(count), "{language}: {count} in {home}");
        let script = fs::read_to_string(built.out().join("static/interface.js")).expect("the script's words");
        assert!(script.contains(&format!("\"language\":\"{language}\"")), "{language}");
    }
}

/// Every piece of English text the interface can show (`src/i18n/translations/en.toml`,
/// values split at their `{placeholders}`), less what `language`'s own words hold too
/// ("IIIF", "PDF", "Mirador"): none of these may be on that language's pages.
pub(crate) fn english_pieces(language: &str) -> Vec<String> {
    fn strings(value: &toml::Value, out: &mut Vec<String>) {
        match value {
            toml::Value::String(text) => out.push(text.clone()),
            toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            toml::Value::Table(table) => table.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let read = |language: &str| -> Vec<String> {
        let path = repo_path(&format!("src/i18n/translations/{language}.toml"));
        let table: toml::Table = fs::read_to_string(path).expect("a translation").parse().expect("TOML");
        let mut out = Vec::new();
        table.values().for_each(|v| strings(v, &mut out));
        out
    };
    let own = read(language).join("\n");
    let mut pieces: Vec<String> = read("en")
        .iter()
        .flat_map(|text| {
            text.split(['{', '}'])
                .step_by(2)
                .map(|piece| piece.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                .collect::<Vec<_>>()
        })
        .filter(|piece| piece.chars().filter(char::is_ascii_alphabetic).count() >= 3)
        .filter(|piece| !own.contains(piece.as_str()))
        .collect();
    pieces.sort();
    pieces.dedup();
    pieces
}

/// The pieces of English among `texts`, as whole words.
pub(crate) fn english_in(texts: &[String], pieces: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for text in texts {
        for piece in pieces {
            let whole = text.match_indices(piece.as_str()).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + piece.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            });
            if whole {
                found.push(format!("{piece:?} in {text:?}"));
            }
        }
    }
    found
}

/// What a reader of a page sees and is told, without its scripts: text outside
/// scripts and styles, and the labels of its parts (title, aria-label, placeholder,
/// alt), less a citation style's full CSL title (`<abbr title>`).
fn shown_without_scripts(html: &str) -> Vec<String> {
    let body = &html[html.find("<body").unwrap_or(0)..];
    let mut texts = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        texts.push(crate::common::unescape(&rest[..open]));
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        if !tag.starts_with("<abbr") {
            for attribute in [" title=\"", " aria-label=\"", " placeholder=\"", " alt=\""] {
                if let Some(at) = tag.find(attribute) {
                    let value = &tag[at + attribute.len()..];
                    texts.push(crate::common::unescape(&value[..value.find('"').unwrap_or(0)]));
                }
            }
        }
        rest = &rest[close..];
        for element in ["<script", "<style", "<code"] {
            if tag.starts_with(element) {
                let end = format!("</{}>", &element[1..]);
                rest = &rest[rest.find(&end).map_or(rest.len(), |e| e + end.len())..];
            }
        }
    }
    texts.retain(|t| !t.trim().is_empty());
    texts
}

#[test]
fn no_english_label_is_left_on_a_russian_or_an_arabic_page() {
    for language in ["ru", "ar"] {
        let built = built(language);
        let pieces = english_pieces(language);
        assert!(pieces.len() > 150, "{language}: {} pieces", pieces.len());
        let mut pages = 0;
        for entry in walkdir::WalkDir::new(built.out()) {
            let entry = entry.expect("a file");
            if entry.path().extension().is_none_or(|e| e != "html") {
                continue;
            }
            pages += 1;
            let html = fs::read_to_string(entry.path()).expect("a page");
            let found = english_in(&shown_without_scripts(&html), &pieces);
            assert!(found.is_empty(), "{}: {found:?}", entry.path().display());
        }
        assert!(pages >= 15, "{language}: {pages} pages");
        let script = fs::read_to_string(built.out().join("static/interface.js")).expect("the script's words");
        let data = &script[script.find("{\"language\"").expect("the words")..];
        let data: serde_json::Value = serde_json::Deserializer::from_str(data)
            .into_iter()
            .next()
            .expect("JSON")
            .expect("the words as JSON");
        let words: Vec<String> = data["strings"]
            .as_object()
            .expect("the strings")
            .values()
            .map(ToString::to_string)
            .collect();
        let found = english_in(&words, &pieces);
        assert!(found.is_empty(), "{language}: static/interface.js: {found:?}");
    }
}

#[test]
fn the_timeline_and_the_lists_write_dates_and_counts_in_the_language() {
    let built = built("ru");
    let timeline = visible_text(&built.page("timeline/index.html"));
    for expected in ["Хронология", "1960-е", "3 датированных документа", "Ноябрь"]
    {
        assert!(timeline.contains(expected), "{expected} in {timeline}");
    }
    let entity = visible_text(&built.page("entities/petrov/index.html"));
    assert!(entity.contains("Упоминается в 2 документах"), "{entity}");
    let search = built.page("search/index.html");
    assert!(
        search.contains("placeholder=\"Слова, &quot;фраза&quot;, -без\""),
        "{search}"
    );
    // A date range within a year, and an approximate month.
    let spravka = visible_text(&built.page("documents/spravka/index.html"));
    assert!(spravka.contains("май – июль 1968"), "{spravka}");
    let pismo = visible_text(&built.page("documents/pismo/index.html"));
    assert!(pismo.contains("ок. февраль 1967"), "{pismo}");
    // Citations in the CSL locale of the language, the title as written.
    assert!(pismo.contains("«Письмо о договорах»"), "{pismo}");
}

#[test]
fn a_collection_gives_a_language_of_its_own_and_changes_shipped_words() {
    let collection = tempfile::tempdir().expect("temp");
    crate::common::copy_folder(&fixture("i18n/de"), collection.path());
    let index = collection.path().join("INDEX.md");
    let catalogue = fs::read_to_string(&index).expect("the catalogue");
    fs::write(&index, catalogue.replace("language: de", "language: it")).expect("write");
    fs::create_dir(collection.path().join("i18n")).expect("a folder");
    fs::write(
        collection.path().join("i18n/it.toml"),
        "[document]\nabout = \"Su questo documento\"\n\n[count]\ndocuments = { one = \"{n} documento\", other = \"{n} documenti\" }\n",
    )
    .expect("write");
    let built = build(collection.path());
    let page = built.page("documents/vermerk/index.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"it\">"),
        "{}",
        &page[..60]
    );
    assert!(page.contains("Su questo documento"));
    assert!(page.contains(">Date</dt>"), "a string Italian lacks is English");
    assert!(visible_text(&built.page("index.html")).contains("2 documenti"));
    let lacking: Vec<_> = built
        .report
        .warnings
        .iter()
        .filter(|w| w.message.contains("lacks"))
        .collect();
    assert_eq!(lacking.len(), 1, "{:?}", built.report.warnings);
    assert!(lacking[0].file.ends_with("i18n/it.toml"), "{lacking:?}");

    // A shipped language's word changed by the collection, the rest kept.
    fs::write(&index, catalogue.clone()).expect("write");
    fs::write(
        collection.path().join("i18n/de.toml"),
        "[nav]\ntimeline = \"Chronik\"\n",
    )
    .expect("write");
    fs::remove_file(collection.path().join("i18n/it.toml")).expect("remove");
    let built = build(collection.path());
    let page = built.page("documents/vermerk/index.html");
    assert!(page.contains(">Chronik</a>"));
    assert!(page.contains("Über dieses Dokument"));
    assert!(built.report.warnings.is_empty(), "{:?}", built.report.warnings);
}

#[test]
fn a_broken_translation_stops_the_build_at_its_line() {
    let collection = tempfile::tempdir().expect("temp");
    crate::common::copy_folder(&fixture("i18n/de"), collection.path());
    fs::create_dir(collection.path().join("i18n")).expect("a folder");
    fs::write(
        collection.path().join("i18n/de.toml"),
        "[nav]\ntimeline = \"Chronik\"\n[count]\ndocuments = { single = \"{n} Dokument\" }\n",
    )
    .expect("write");
    let (_, result) = crate::common::try_build(collection.path());
    let error = result.expect_err("a plural category that is none").to_string();
    assert!(error.contains("i18n/de.toml"), "{error}");
    assert!(error.contains("de.toml:4"), "the line: {error}");
    assert!(error.contains("`single` is not a plural category"), "{error}");
}

#[test]
fn check_warns_once_of_a_language_without_words_and_the_build_is_in_english() {
    let collection = tempfile::tempdir().expect("temp");
    crate::common::copy_folder(&fixture("i18n/de"), collection.path());
    let index = collection.path().join("INDEX.md");
    let catalogue = fs::read_to_string(&index).expect("the catalogue");
    fs::write(&index, catalogue.replace("language: de", "language: cy")).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("check")
        .arg(collection.path())
        .output()
        .expect("dossier runs");
    let said = String::from_utf8_lossy(&output.stderr).to_string() + &String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{said}");
    assert_eq!(said.matches("no translation into `cy`").count(), 1, "{said}");
    assert!(
        said.contains("i18n/cy.toml"),
        "the help names the file to write: {said}"
    );
    let built = build(collection.path());
    let page = built.page("documents/vermerk/index.html");
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("About this document"));
}

/// A query, and the titles of the documents it must find.
type Query<'a> = (&'a str, &'a [&'a str]);

/// Each query's result titles, sorted.
fn found(out: &std::path::Path, queries: &[&str]) -> Vec<Vec<String>> {
    run_queries(out, queries)
        .into_iter()
        .map(|rows| {
            let mut titles: Vec<String> = rows.into_iter().map(|row| row.0).collect();
            titles.sort();
            titles
        })
        .collect()
}

#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn inflected_forms_find_each_other_in_each_language() {
    // Each query, and the titles of the documents it must find: those holding another
    // form of its word, never the word as typed.
    let cases: [(&str, &[Query]); 8] = [
        (
            "ru",
            &[
                (
                    "договор",
                    &["Записка о ходе переговоров", "Письмо о договорах", "Справка о встречах"],
                ),
                (
                    "договорами",
                    &["Записка о ходе переговоров", "Письмо о договорах", "Справка о встречах"],
                ),
                ("торговлей", &["Письмо о договорах", "Справка о встречах"]),
                ("встреча", &["Справка о встречах"]),
            ],
        ),
        (
            "de",
            &[
                ("Vertrag", &["Brief über die Verträge", "Vermerk über den Vertrag"]),
                ("Verträgen", &["Brief über die Verträge", "Vermerk über den Vertrag"]),
                ("Nachbarstaat", &["Brief über die Verträge"]),
            ],
        ),
        (
            "fr",
            &[
                ("traités", &["Lettre sur les traités", "Note sur le traité"]),
                ("traite", &["Lettre sur les traités", "Note sur le traité"]),
            ],
        ),
        (
            "es",
            &[
                ("tratado", &["Carta sobre los tratados", "Nota sobre el tratado"]),
                ("comercial", &["Carta sobre los tratados"]),
            ],
        ),
        (
            "zh",
            &[
                ("条约", &["关于条约的备忘录", "关于贸易的信函"]),
                ("外交部", &["关于条约的备忘录", "关于贸易的信函"]),
            ],
        ),
        (
            "ja",
            &[("条約", &["条約に関する覚書"]), ("貿易協定", &["貿易に関する書簡"])],
        ),
        (
            "ko",
            &[
                ("조약", &["조약에 관한 비망록"]),
                ("외교부", &["무역에 관한 서한", "조약에 관한 비망록"]),
            ],
        ),
        ("ar", &[("المعاهدات", &["رسالة عن المعاهدات", "مذكرة عن المعاهدة"])]),
    ];
    for (language, queries) in cases {
        let built = built(language);
        let asked: Vec<&str> = queries.iter().map(|(q, _)| *q).collect();
        let answers = found(&built.out(), &asked);
        for ((query, expected), titles) in queries.iter().zip(answers) {
            assert_eq!(titles, *expected, "{language}: {query}");
        }
    }
    // The passages shown mark the word's forms, the word being typed too.
    let rows = run_queries(&built("ru").out(), &["договорами"]);
    for row in &rows[0] {
        assert!(row.4.iter().any(|(_, html)| html.contains("<mark>договор")), "{row:?}");
    }
    // An English archive with a Russian original: a Russian word in another form
    // finds the original's passage.
    let collection = crate::parallel::parallel_collection();
    let built = build(collection.path());
    let rows = run_queries(&built.out(), &["переговор"]);
    assert_eq!(rows[0].len(), 1, "{:?}", rows[0]);
    assert!(
        rows[0][0].2.as_deref().is_some_and(|a| a.starts_with("original-p")),
        "{:?}",
        rows[0][0]
    );
}

#[test]
#[cfg_attr(
    node_tests_skipped,
    ignore = "needs Node.js and npm from the system's packages: apt-get install nodejs npm"
)]
fn the_client_stems_every_language_as_the_builder_does() {
    // The vendored stemmers are the vendoring script's output of the pinned package.
    let check = Command::new("node")
        .arg(repo_path("tests/browser/vendor-stemmers.js"))
        .arg("--check")
        .output()
        .expect("node runs");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    // Word lists of each language: forms made of stems and endings, and the words of
    // the fixtures and translations.
    let lists: std::collections::BTreeMap<String, Vec<String>> =
        serde_json::from_str(&fs::read_to_string(fixture("stemming/words.json")).expect("the words")).expect("JSON");
    let script = format!(
        "const s = require({client:?}); const fs = require('fs');\
         const lists = JSON.parse(fs.readFileSync({words:?}, 'utf8'));\
         for (const name of Object.keys(lists)) if (name !== 'english') require({folder:?} + name + '.js');\
         const out = {{}};\
         for (const [name, words] of Object.entries(lists)) out[name] = words.map(w => s.term(w, name));\
         console.log(JSON.stringify(out));",
        client = repo_path("themes/default/static/search.js").display().to_string(),
        words = fixture("stemming/words.json").display().to_string(),
        folder = format!("{}/", repo_path("themes/default/static/stemmers").display()),
    );
    let output = Command::new("node").arg("-e").arg(&script).output().expect("node runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let from_client: std::collections::BTreeMap<String, Vec<String>> =
        serde_json::from_slice(&output.stdout).expect("the client's terms");
    let codes = [
        ("arabic", "ar"),
        ("danish", "da"),
        ("dutch", "nl"),
        ("english", "en"),
        ("finnish", "fi"),
        ("french", "fr"),
        ("german", "de"),
        ("greek", "el"),
        ("hungarian", "hu"),
        ("italian", "it"),
        ("norwegian", "no"),
        ("portuguese", "pt"),
        ("romanian", "ro"),
        ("russian", "ru"),
        ("spanish", "es"),
        ("swedish", "sv"),
        ("tamil", "ta"),
        ("turkish", "tr"),
    ];
    assert_eq!(lists.len(), codes.len(), "a list for every stemmer");
    let mut differences = Vec::new();
    let mut compared = 0;
    for (name, code) in codes {
        let normalizer = Normalizer::for_language(Some(code));
        for (word, client) in lists[name].iter().zip(&from_client[name]) {
            compared += 1;
            let builder = normalizer.term(word);
            if &builder != client {
                differences.push(format!("{name} {word}: builder {builder}, client {client}"));
            }
        }
    }
    assert!(compared > 4000, "{compared} words");
    assert!(
        differences.is_empty(),
        "{} differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
