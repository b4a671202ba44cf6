//! The archive as data: `catalogue.json` against its schema, `catalogue.csv` read back,
//! `entities.json`, the data package, and each source copied beside its page with the
//! SHA-256 the page gives.

use crate::common;

use std::fs;

use crate::common::{build, fixture};
use serde_json::Value;

fn json(built: &common::Built, path: &str) -> Value {
    serde_json::from_str(&built.page(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_catalogue_validates_against_its_schema() {
    for name in ["cite", "mixed", "search"] {
        let built = build(&fixture(name));
        let schema = json(&built, "catalogue.schema.json");
        let catalogue = json(&built, "catalogue.json");
        let validator = jsonschema::validator_for(&schema).expect("a valid schema");
        let errors: Vec<String> = validator.iter_errors(&catalogue).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert_eq!(catalogue["$schema"], "catalogue.schema.json");
    }
    // And the schema is not a rubber stamp: a broken record fails it.
    let built = build(&fixture("cite"));
    let schema = json(&built, "catalogue.schema.json");
    let mut catalogue = json(&built, "catalogue.json");
    catalogue["documents"][0]["sha256"] = Value::from("not a hash");
    catalogue["documents"][1]["surprise"] = Value::from(1);
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    assert_eq!(validator.iter_errors(&catalogue).count(), 2);
}

#[test]
fn the_catalogue_says_everything_the_pages_say() {
    let built = build(&fixture("cite"));
    let catalogue = json(&built, "catalogue.json");
    assert_eq!(catalogue["title"], "Citation Fixture & Co.");
    assert_eq!(catalogue["base_url"], "https://example.org/archive/");
    let two = &catalogue["documents"][1];
    assert_eq!(two["id"], "two");
    assert_eq!(two["date"], "1961-03-05");
    assert_eq!(two["date_display"], "5 March 1961");
    assert_eq!(
        two["authors"][0],
        serde_json::json!({"name": "Kim Il Sung", "entity": "kim"})
    );
    assert_eq!(
        two["authors"][1],
        serde_json::json!({"name": "Zhou, Ènlái", "entity": null})
    );
    assert_eq!(two["entities"], serde_json::json!([{"id": "kim", "mentions": 1}]));
    assert_eq!(two["page"], "https://example.org/archive/documents/two/index.html");
    assert_eq!(two["download"], "documents/two/two.txt");
    let none = &catalogue["documents"][0];
    assert_eq!(none["source"], "Fond 5 & opis 49, delo 100%");
    assert_eq!(none["date"], "1966?");
}

#[test]
fn the_csv_reads_back_to_the_catalogues_values() {
    let built = build(&fixture("cite"));
    let catalogue = json(&built, "catalogue.json");
    let mut reader = csv::Reader::from_path(built.out().join("catalogue.csv")).expect("the CSV");
    let headers = reader.headers().expect("headers").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let documents = catalogue["documents"].as_array().expect("documents");
    assert_eq!(rows.len(), documents.len());
    let cell = |row: &csv::StringRecord, name: &str| -> String {
        let at = headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"));
        row[at].to_string()
    };
    for (row, document) in rows.iter().zip(documents) {
        for column in [
            "id",
            "title",
            "date",
            "date_display",
            "type",
            "source",
            "page",
            "file",
            "download",
            "sha256",
            "summary",
        ] {
            let expected = document[column].as_str().unwrap_or_default();
            assert_eq!(cell(row, column), expected, "{column}");
        }
        // Every field, as the JSON object the catalogue gives.
        let fields = cell(row, "fields");
        match document["fields"].as_object().filter(|f| !f.is_empty()) {
            Some(expected) => {
                let read: serde_json::Value = serde_json::from_str(&fields).expect("fields are JSON");
                assert_eq!(read.as_object(), Some(expected));
            }
            None => assert_eq!(fields, ""),
        }
        assert_eq!(cell(row, "bytes"), document["bytes"].to_string());
        let authors: Vec<&str> = document["authors"]
            .as_array()
            .expect("authors")
            .iter()
            .map(|a| a["name"].as_str().expect("a name"))
            .collect();
        assert_eq!(cell(row, "authors"), authors.join("; "));
    }
    // A value with commas, quotes and ampersands survives the round trip.
    assert_eq!(cell(&rows[0], "source"), "Fond 5 & opis 49, delo 100%");
}

#[test]
fn entities_and_the_data_package() {
    let built = build(&fixture("cite"));
    let entities = json(&built, "entities.json");
    assert_eq!(entities[0]["id"], "kim");
    assert_eq!(entities[0]["type"], "person");
    assert_eq!(entities[0]["links"][0], "https://www.wikidata.org/wiki/Q39464");
    assert_eq!(
        entities[0]["documents"],
        serde_json::json!([{"id": "two", "mentions": 1}])
    );

    let package = json(&built, "datapackage.json");
    assert_eq!(package["profile"], "data-package");
    let resources = package["resources"].as_array().expect("resources");
    for resource in resources {
        let path = resource["path"].as_str().expect("a path");
        assert!(built.out().join(path).is_file(), "{path}");
    }
    let fields: Vec<&str> = resources[0]["schema"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["name"].as_str().expect("a name"))
        .collect();
    let mut reader = csv::Reader::from_path(built.out().join("catalogue.csv")).expect("the CSV");
    let headers: Vec<String> = reader.headers().expect("headers").iter().map(String::from).collect();
    assert_eq!(fields, headers);
}

#[test]
fn each_source_is_copied_beside_its_page_with_its_fixity() {
    let collection = fixture("mixed");
    let built = build(&collection);
    let catalogue = json(&built, "catalogue.json");
    for document in catalogue["documents"].as_array().expect("documents") {
        let original = fs::read(collection.join(document["file"].as_str().expect("file"))).expect("the source");
        let copy = fs::read(built.out().join(document["download"].as_str().expect("download"))).expect("the copy");
        assert_eq!(copy, original, "{}", document["id"]);
        assert_eq!(document["bytes"], original.len());
        let sha = document["sha256"].as_str().expect("sha256");
        assert_eq!(sha, dossier::sources::Fixity::of(&original).sha256);
        let page = built.page(&format!(
            "documents/{}/index.html",
            document["id"].as_str().expect("id")
        ));
        assert!(page.contains(sha), "the page gives the SHA-256");
    }
}

#[test]
fn the_csv_carries_every_field_and_the_summary() {
    let collection = tempfile::tempdir().expect("temp");
    fs::write(
        collection.path().join("INDEX.md"),
        "---\ntitle: Fields\ndocuments:\n  - file: a.txt\n    summary: A *short* letter.\n    fields: {Classification: Secret, Copies: 3}\n  - file: b.txt\n---\n",
    )
    .expect("write");
    fs::write(collection.path().join("a.txt"), "A\n").expect("write");
    fs::write(collection.path().join("b.txt"), "B\n").expect("write");
    let built = build(collection.path());
    let catalogue = json(&built, "catalogue.json");
    let mut reader = csv::Reader::from_path(built.out().join("catalogue.csv")).expect("the CSV");
    let headers = reader.headers().expect("headers").clone();
    let at = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let mut with_fields = 0;
    let mut with_summary = 0;
    for (row, document) in reader
        .records()
        .map(|r| r.expect("a row"))
        .zip(catalogue["documents"].as_array().expect("documents"))
    {
        let summary = document["summary"].as_str().unwrap_or_default();
        assert_eq!(&row[at("summary")], summary);
        with_summary += usize::from(!summary.is_empty());
        if let Some(fields) = document["fields"].as_object().filter(|f| !f.is_empty()) {
            let read: serde_json::Value = serde_json::from_str(&row[at("fields")]).expect("JSON");
            assert_eq!(read.as_object(), Some(fields));
            with_fields += 1;
        }
    }
    assert_eq!((with_fields, with_summary), (1, 1), "the collection has one of each");
}
