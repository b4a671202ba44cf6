//! Cross-links: the memo's names link to their entities, and a generated collection of
//! hundreds of documents and thousands of entities builds into an archive whose every
//! link leads somewhere, whose every page can be reached from the home page, and whose
//! related documents say truly what they share.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{build, fixture, repo_path};
use dossier::generate::{name as made_up, Random};

/// `(href, title, text)` of every entity link in a page.
fn entity_links(html: &str) -> Vec<(String, String, String)> {
    html.split("<a class=\"entity\"")
        .skip(1)
        .map(|piece| {
            let tag = &piece[..piece.find('>').expect("tag end")];
            let attribute = |name: &str| {
                let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
                Some(tag[start..start + tag[start..].find('"').expect("quote")].to_string())
            };
            let text_start = tag.len() + 1;
            let text = piece[text_start..text_start + piece[text_start..].find("</a>").expect("end")].to_string();
            // A name written as the registry writes it has no title: it is the name.
            let title = attribute("title").unwrap_or_else(|| text.clone());
            (attribute("href").expect("href"), title, text)
        })
        .collect()
}

#[test]
fn the_memo_links_each_name_to_its_own_entity() {
    let built = build(&repo_path("seeds"));
    let memo = built.page("documents/sino-korean-relations-1966/index.html");
    let links = entity_links(&memo);
    let targets = |text: &str| -> BTreeSet<String> {
        links
            .iter()
            .filter(|(_, _, t)| t == text)
            .map(|(href, _, _)| href.clone())
            .collect()
    };
    let kim_il_sung = targets("Kim Il Sung");
    assert_eq!(kim_il_sung.len(), 1, "every Kim Il Sung leads to one page");
    assert_eq!(
        kim_il_sung.iter().next().map(String::as_str),
        Some("../../entities/kim-il-sung/index.html")
    );
    assert_eq!(links.iter().filter(|(_, _, t)| t == "Kim Il Sung").count(), 13);
    let kim_il = targets("Kim Il");
    assert_eq!(kim_il.iter().collect::<Vec<_>>(), ["../../entities/kim-il/index.html"]);
    assert_eq!(links.iter().filter(|(_, _, t)| t == "Kim Il").count(), 2);
    for (text, id) in [
        ("Peking", "beijing"),
        ("KWP", "kwp"),
        ("CPSU", "cpsu"),
        ("Mao Zedong", "mao-zedong"),
        ("Miyamoto", "miyamoto-kenji"),
        ("CPC", "cpc"),
        ("APT", "apt"),
        ("DPRK", "dprk"),
    ] {
        assert_eq!(
            targets(text).into_iter().collect::<Vec<_>>(),
            [format!("../../entities/{id}/index.html")],
            "{text}"
        );
    }
    // The author links to his page; the entity pages exist and point back.
    assert!(memo.contains("<dd><a href=\"../../entities/a-borunkov/index.html\">A. Borunkov</a></dd>"));
    let kim = built.page("entities/kim-il-sung/index.html");
    assert!(kim.contains("<h1>Kim Il Sung</h1>"));
    assert!(kim.contains("13 mentions"));
    // The first mention in context, and every other one of the 13 reachable by its
    // number.
    assert_eq!(
        kim.matches("<mark>Kim Il Sung</mark>").count(),
        1,
        "one keyword-in-context line"
    );
    for mention in 1..=13 {
        assert!(
            kim.contains(&format!(
                "../../documents/sino-korean-relations-1966/index.html#m-kim-il-sung-{mention}\""
            )),
            "mention {mention} is linked"
        );
    }
    assert!(kim.contains(">13</a></li>"), "the last linked by its number");
    let people = built.page("people/index.html");
    assert!(
        people.contains("<a href=\"../entities/kim-il/index.html\">Kim Il</a> <span class=\"count\">1 document</span>")
    );
}

#[test]
fn names_in_code_links_and_headings_of_markdown_are_not_linked() {
    let collection = tempfile::tempdir().expect("temp");
    fs::write(
        collection.path().join("INDEX.md"),
        "---\ntitle: T\nentities:\n  - {id: kim, name: Kim Il Sung, type: person}\n---\n",
    )
    .expect("write");
    fs::write(
        collection.path().join("note.md"),
        "# About Kim Il Sung\n\nKim Il Sung spoke. `Kim Il Sung` [Kim Il Sung](https://example.org)\n\n```\nKim Il Sung\n```\n",
    )
    .expect("write");
    let built = build(collection.path());
    let page = built.page("documents/note/index.html");
    let links = entity_links(&page);
    assert_eq!(links.len(), 1, "{links:?}");
    assert!(page.contains("<h2 id=\"about-kim-il-sung\">About Kim Il Sung</h2>"));
    assert!(page.contains("<code>Kim Il Sung</code>"));
    assert!(page.contains("<a href=\"https://example.org\">Kim Il Sung</a>"));
}

#[test]
fn the_mixed_fixture_relates_documents_both_ways_and_in_date_order() {
    let built = build(&fixture("mixed"));
    let letter = built.page("documents/letter-1966/index.html");
    let commentary = built.page("documents/commentary/index.html");
    // The letter lists the commentary; the commentary shows the letter in return.
    assert!(commentary.contains("<a class=\"document-title\" href=\"../../documents/letter-1966/index.html\">"));
    assert!(commentary.contains("Related by the editors"));
    assert!(letter.contains("<a rel=\"next\" href=\"../../documents/commentary/index.html\">"));
    assert!(commentary.contains("<a rel=\"prev\" href=\"../../documents/letter-1966/index.html\">"));
    let timeline = built.page("timeline/index.html");
    assert!(timeline.contains("1960s"));
    assert!(timeline.contains("<a href=\"../timeline/1966/index.html\">1966</a>"));
    assert!(built.page("timeline/1966/index.html").contains("<h2>November</h2>"));
    assert!(built.page("subjects/trade/index.html").contains("2 documents"));
    assert!(built
        .page("collections/letters/index.html")
        .contains("Letter to the Ministry"));
}

const WORDS: &[&str] = &[
    "the",
    "delegation",
    "reported",
    "that",
    "relations",
    "were",
    "discussed",
    "at",
    "length",
    "and",
    "the",
    "embassy",
    "noted",
    "further",
    "changes",
    "in",
    "policy",
    "during",
    "talks",
    "with",
    "representatives",
];

struct Generated {
    dir: tempfile::TempDir,
    /// Entity id by name.
    entity_ids: HashMap<String, String>,
    document_ids: Vec<String>,
}

/// Writes a collection of `documents` transcriptions naming `entities` entities.
fn generate(documents: usize, entities: usize) -> Generated {
    let dir = tempfile::tempdir().expect("temp");
    let mut sequence = Random::new(1966);
    let kinds = ["person", "organization", "place", "event", "work"];
    let mut names = Vec::new();
    let mut seen = HashSet::new();
    let mut index = String::from("---\ntitle: Generated Archive\ncollections:\n");
    for c in 0..3 {
        let _ = writeln!(index, "  - {{id: c{c}, title: Collection {c}}}");
    }
    index.push_str("entities:\n");
    while names.len() < entities {
        let name = format!("{} {}", made_up(&mut sequence, 2), made_up(&mut sequence, 3));
        if !seen.insert(name.clone()) {
            continue;
        }
        let id = format!("e{:04}", names.len());
        let _ = writeln!(
            index,
            "  - id: {id}\n    name: {name}\n    type: {}",
            kinds[names.len() % kinds.len()]
        );
        if names.len() % 7 == 0 {
            let _ = writeln!(index, "    aliases: [{}]", name.to_uppercase());
        }
        names.push((id, name));
    }
    let dates = [
        "1960",
        "1961-03",
        "1962-05-17",
        "1963~",
        "1964?",
        "196X",
        "1965-11/1966-02",
        "1966-21",
    ];
    index.push_str("documents:\n");
    let mut document_ids = Vec::new();
    for d in 0..documents {
        let id = format!("doc-{d:03}");
        let file = format!("part{}/{id}.txt", d % 4);
        let _ = writeln!(
            index,
            "  - file: {file}\n    id: {id}\n    title: Generated document {d}"
        );
        if d % 11 != 0 {
            let _ = writeln!(index, "    date: \"{}\"", dates[sequence.below(dates.len())]);
        }
        let _ = writeln!(index, "    collections: [c{}]", d % 3);
        let _ = writeln!(index, "    subjects: [Subject {}, Theme {}]", d % 10, d % 4);
        if d > 0 && d % 9 == 0 {
            let _ = writeln!(index, "    related: [doc-{:03}]", d - 1);
        }
        document_ids.push(id.clone());

        let mut text = format!("Generated document {d}\n");
        for _ in 0..(3 + sequence.below(6)) {
            let mut line = String::new();
            for _ in 0..(40 + sequence.below(60)) {
                if sequence.below(8) == 0 {
                    let (_, name) = &names[sequence.zipf(entities)];
                    line.push_str(name);
                } else {
                    line.push_str(WORDS[sequence.below(WORDS.len())]);
                }
                line.push(' ');
                if line.len() > 70 {
                    text.push_str(line.trim_end());
                    text.push('\n');
                    line.clear();
                }
            }
            text.push_str(line.trim_end());
            text.push_str(".\n\n");
        }
        let path = dir.path().join(&file);
        fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    index.push_str("---\n\nA generated archive, for the tests. It begins with [the first document](part0/doc-000.txt)\nand names [an entity](entity:e0000) and [a document](doc:doc-001).\n");
    fs::write(dir.path().join("INDEX.md"), index).expect("write");
    Generated {
        dir,
        entity_ids: names.into_iter().map(|(id, name)| (name, id)).collect(),
        document_ids,
    }
}

/// Every HTML page of an output, by its path relative to the output.
fn pages(out: &Path) -> HashMap<String, String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(out)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (relative, fs::read_to_string(e.path()).expect("page"))
        })
        .collect()
}

/// The internal links of a page: (target path relative to the output, fragment).
fn internal_links(page: &str, html: &str) -> Vec<(String, Option<String>)> {
    let folder = Path::new(page).parent().map(Path::to_path_buf).unwrap_or_default();
    let mut links = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for piece in html.split(attribute).skip(1) {
            let target = &piece[..piece.find('"').expect("quote")];
            if target.contains(':') {
                continue;
            }
            let (path, fragment) = match target.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment.to_string())),
                None => (target, None),
            };
            let resolved = if path.is_empty() {
                PathBuf::from(page)
            } else {
                normalize(&folder.join(path))
            };
            links.push((resolved.to_string_lossy().replace('\\', "/"), fragment));
        }
    }
    links
}

fn normalize(path: &Path) -> PathBuf {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                assert!(parts.pop().is_some(), "{} climbs out of the output", path.display());
            }
            std::path::Component::Normal(part) => parts.push(part),
            _ => {}
        }
    }
    parts.iter().collect()
}

fn ids_of(html: &str) -> HashSet<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|piece| piece[..piece.find('"').expect("quote")].to_string())
        .collect()
}

#[test]
fn a_generated_archive_links_everything_and_reaches_every_page() {
    let t = std::time::Instant::now();
    let generated = generate(300, 2500);
    eprintln!("generate {:?}", t.elapsed());
    let built = build(generated.dir.path());
    eprintln!("build {:?}", t.elapsed());
    assert_eq!(built.report.documents, 300);
    let out = built.out();
    let pages = pages(&out);
    let ids: HashMap<&str, HashSet<String>> = pages.iter().map(|(p, html)| (p.as_str(), ids_of(html))).collect();

    // Every internal href and src names a file; every fragment an element of it.
    let mut checked = 0;
    for (page, html) in &pages {
        for (target, fragment) in internal_links(page, html) {
            assert!(out.join(&target).is_file(), "{page}: {target} leads nowhere");
            if let Some(fragment) = fragment {
                let target_ids = ids
                    .get(target.as_str())
                    .unwrap_or_else(|| panic!("{page}: {target} is no page"));
                assert!(target_ids.contains(&fragment), "{page}: no #{fragment} in {target}");
            }
            checked += 1;
        }
    }
    assert!(checked > 100_000, "only {checked} links checked");
    eprintln!("links {:?} {checked}", t.elapsed());

    // Every document and entity page is reachable from the home page.
    let mut reached: HashSet<String> = HashSet::new();
    let mut queue = VecDeque::from(["index.html".to_string()]);
    while let Some(page) = queue.pop_front() {
        if !reached.insert(page.clone()) {
            continue;
        }
        for (target, _) in internal_links(&page, &pages[&page]) {
            if target.ends_with(".html") && !reached.contains(&target) {
                queue.push_back(target);
            }
        }
    }
    for id in &generated.document_ids {
        assert!(
            reached.contains(&format!("documents/{id}/index.html")),
            "{id} cannot be reached"
        );
    }
    for id in generated.entity_ids.values() {
        assert!(
            reached.contains(&format!("entities/{id}/index.html")),
            "{id} cannot be reached"
        );
    }

    // A computed neighbour's reason names entities both documents name.
    let mut reasons = 0;
    for id in &generated.document_ids {
        let page = format!("documents/{id}/index.html");
        let html = &pages[&page];
        for item in html.split("<li class=\"related-computed\">").skip(1) {
            let href = &item[item.find("href=\"").expect("href") + 6..];
            let other = normalize(
                &Path::new(&page)
                    .parent()
                    .expect("folder")
                    .join(&href[..href.find('"').expect("quote")]),
            );
            let other_html = &pages[&other.to_string_lossy().replace('\\', "/")];
            let reason = &item[item.find("<span class=\"reason\">Shares ").expect("a reason") + 28..];
            let reason = &reason[..reason.find("</span>").expect("end")];
            for name in reason.split(", ").filter(|n| !n.starts_with("the subject")) {
                let entity = &generated.entity_ids[name];
                let link = format!("entities/{entity}/index.html");
                assert!(
                    html.contains(&link) && other_html.contains(&link),
                    "{page}: {name} is not in both"
                );
                reasons += 1;
            }
        }
    }
    assert!(reasons > 300, "only {reasons} reasons named entities");
}

/// An editor's `doc:` link shows on the page it names, as a link back; an `entity:`
/// link is a mention of the entity like its name in the text: counted, listed on its
/// page, with an anchor to come back to.
#[test]
fn explicit_links_make_backlinks_and_mentions() {
    let dir = crate::common::collection(
        "title: Links\nentities:\n  - {id: kim, name: Kim Il Sung, type: person}\ndocuments:\n  - {file: memo.txt, id: memo, title: The Memo, date: 1966-12-03}\n  - {file: note.md, id: note, title: A Note on the Memo, number: \"7\"}\n  - {file: other.md, id: other, title: Another Note}\n",
        &[
            ("memo.txt", "The embassy reports on the talks.\n"),
            (
                "note.md",
                "See [the memo](doc:memo), where [the Chairman](entity:kim) is not named, and [it again](memo.txt).\n",
            ),
            ("other.md", "Nothing links from here.\n"),
        ],
    );
    let built = crate::common::build(dir.path());

    let memo = built.page("documents/memo/index.html");
    let backlinks = crate::common::between(
        &memo,
        "<h2 id=\"linked-from-heading\">Documents that link here</h2>",
        "</section>",
    );
    assert!(
        backlinks.contains("<a class=\"document-title\" href=\"../../documents/note/index.html\"><span class=\"document-number\">7.</span> A Note on the Memo</a>"),
        "{backlinks}"
    );
    assert_eq!(
        backlinks.matches("<li>").count(),
        1,
        "one document links here, once: {backlinks}"
    );
    assert!(!built.page("documents/other/index.html").contains("linked-from-heading"));

    let note = built.page("documents/note/index.html");
    assert!(
        note.contains("<a class=\"entity\" id=\"m-kim-1\" href=\"../../entities/kim/index.html\" title=\"Kim Il Sung\">the Chairman</a>"),
        "{}",
        crate::common::main_of(&note)
    );
    let kim = built.page("entities/kim/index.html");
    assert!(
        kim.contains("../../documents/note/index.html#m-kim-1"),
        "{}",
        crate::common::main_of(&kim)
    );
    let people = built.page("people/index.html");
    assert!(
        people.contains(">Kim Il Sung</a> <span class=\"count\">1 document</span>"),
        "{people}"
    );
    crate::common::assert_links_resolve(&built.out(), "documents/note/index.html");
}
