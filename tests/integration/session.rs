//! The served build's rebuilds redo only what changed, and what they serve is what a
//! build from nothing would make: after each edit, every file of the session's archive
//! has the bytes of a fresh build of the same collection.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use dossier::session::Session;
use dossier::sources::Encoding;

/// Every file of a session's archive, after its derived files are made.
fn files(session: &Session) -> BTreeMap<String, Vec<u8>> {
    session
        .site()
        .files
        .iter()
        .map(|(path, bytes)| (path.clone(), bytes.to_vec()))
        .collect()
}

fn fresh(collection: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut session = Session::new(collection, Encoding::Strict);
    session.rebuild().expect("a fresh build");
    session.finish().expect("derived files");
    files(&session)
}

/// Rebuilds after an edit; the files must be a fresh build's. Returns the pages rendered.
fn rebuild_matches_fresh(session: &mut Session, edit: &str) -> usize {
    let rebuilt = session.rebuild().unwrap_or_else(|e| panic!("{edit}: {e}"));
    session.finish().unwrap_or_else(|e| panic!("{edit}: {e}"));
    let served = files(session);
    let expected = fresh(session.collection());
    let differing: Vec<&String> = expected
        .keys()
        .chain(served.keys())
        .filter(|path| expected.get(*path) != served.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "{edit}: these files differ from a fresh build: {differing:?}"
    );
    rebuilt.rendered
}

/// Sets `key: value` in the catalogue entry of document `id`.
fn set_in_entry(index: &Path, id: &str, key: &str, value: &str) {
    let text = fs::read_to_string(index).expect("read");
    let start = text.find(&format!("    id: {id}\n")).expect("the entry");
    let end = text[start..].find("  - file:").map_or(text.len(), |e| start + e);
    let mut entry: Vec<String> = text[start..end].lines().map(str::to_string).collect();
    let line = format!("    {key}: {value}");
    match entry.iter().position(|l| l.starts_with(&format!("    {key}:"))) {
        Some(at) => entry[at] = line,
        None => entry.insert(1, line),
    }
    fs::write(
        index,
        format!("{}{}\n{}", &text[..start], entry.join("\n"), &text[end..]),
    )
    .expect("write");
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn every_rebuild_serves_what_a_fresh_build_makes() {
    let dir = tempfile::tempdir().expect("temp");
    let collection = dir.path().join("collection");
    dossier::generate::generate(&collection, 60, 7).expect("generated");
    let index = collection.join("INDEX.md");
    let mut session = Session::new(&collection, Encoding::Strict);
    let first = session.rebuild().expect("first build");
    session.finish().expect("derived files");
    let all_pages = first.rendered;

    // Nothing changed: nothing is rendered.
    assert_eq!(rebuild_matches_fresh(&mut session, "no change"), 0);

    // A transcription's text, now naming another entity: its page, those entities'
    // pages and the pages showing it are rendered, not the whole archive.
    let text = collection.join("part000/doc000003.txt");
    let entity_name = fs::read_to_string(&index)
        .expect("catalogue")
        .lines()
        .find_map(|line| line.strip_prefix("    name: ").map(str::to_string))
        .expect("an entity");
    let body = fs::read_to_string(&text).expect("source");
    fs::write(&text, format!("{body}\nA postscript names {entity_name} once more.\n")).expect("write");
    let rendered = rebuild_matches_fresh(&mut session, "a transcription's text");
    assert!(rendered > 0 && rendered < all_pages / 2, "{rendered} of {all_pages}");

    // A title in the catalogue.
    set_in_entry(&index, "doc000005", "title", "A Retitled Letter");
    let rendered = rebuild_matches_fresh(&mut session, "a catalogue title");
    assert!(rendered < all_pages / 2, "{rendered} of {all_pages}");

    // A subject added, and a date changed (the document moves in date order).
    set_in_entry(&index, "doc000007", "subjects", "[A New Subject]");
    rebuild_matches_fresh(&mut session, "a new subject");
    set_in_entry(&index, "doc000009", "date", "1950-01-01");
    rebuild_matches_fresh(&mut session, "a date");

    // A note given to an entity: its page, and the name cards of documents naming it.
    edit(
        &index,
        &format!("    name: {entity_name}\n"),
        &format!("    name: {entity_name}\n    note: Known from the memoirs. Born elsewhere.\n"),
    );
    rebuild_matches_fresh(&mut session, "an entity's note");

    // An entity's name: every page that links it changes.
    edit(
        &index,
        &format!("    name: {entity_name}\n"),
        "    name: Someone Renamed\n",
    );
    rebuild_matches_fresh(&mut session, "an entity renamed");

    // A document's number: its page and every list that shows it.
    set_in_entry(&index, "doc000013", "number", "\"13\"");
    rebuild_matches_fresh(&mut session, "a document number");

    // A layout declared for one text: the same bytes, other blocks.
    set_in_entry(&index, "doc000015", "paragraphs", "lines");
    rebuild_matches_fresh(&mut session, "a declared layout");

    // A person's family and given names: the directory and the citations change.
    edit(
        &index,
        "    name: Someone Renamed\n",
        "    name: Someone Renamed\n    family: Renamed\n    given: Someone\n",
    );
    rebuild_matches_fresh(&mut session, "a person's family name");

    // A value for the templates.
    edit(
        &index,
        "description: Synthetic",
        "extra: {analytics: site-1}\ndescription: Synthetic",
    );
    rebuild_matches_fresh(&mut session, "an extra value");

    // The archive's language, and so its interface's: every page in German, then one
    // word of it changed by the collection.
    edit(&index, "language: en", "language: de");
    rebuild_matches_fresh(&mut session, "the language");
    let home = String::from_utf8(files(&session)["index.html"].clone()).expect("UTF-8");
    assert!(home.contains("<html lang=\"de\">"), "the pages are German");
    fs::create_dir(collection.join("i18n")).expect("a folder");
    fs::write(collection.join("i18n/de.toml"), "[nav]\ntimeline = \"Chronik\"\n").expect("write");
    rebuild_matches_fresh(&mut session, "a word of the collection's own");
    edit(&index, "language: de", "language: en");
    rebuild_matches_fresh(&mut session, "English again");

    // A broken catalogue fails and keeps the last good build; mending it builds again.
    let good = fs::read_to_string(&index).expect("catalogue");
    fs::write(&index, good.replacen("title:", "title: [", 1)).expect("break");
    let before = files(&session);
    assert!(session.rebuild().is_err());
    assert_eq!(files(&session), before, "the last good build is kept");
    fs::write(&index, good).expect("mend");
    rebuild_matches_fresh(&mut session, "the catalogue mended");

    // A document removed from the collection and the catalogue.
    fs::remove_file(collection.join("part000/doc000011.txt")).expect("remove");
    let catalogue = fs::read_to_string(&index).expect("catalogue");
    let start = catalogue.find("  - file: part000/doc000011.txt").expect("its entry");
    let end = catalogue[start + 4..]
        .find("  - file:")
        .map_or(catalogue.len(), |e| start + 4 + e);
    fs::write(&index, format!("{}{}", &catalogue[..start], &catalogue[end..])).expect("write");
    rebuild_matches_fresh(&mut session, "a document removed");
}
