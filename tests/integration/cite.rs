//! "Cite this document": the archive's citation styles on each document page, and the
//! records beside it for reference managers.

use crate::common;

use crate::common::{build, fixture};

/// The text of the citation of this id on a page (a style's name, `-note` after it
/// for the note).
fn citation(page: &str, id: &str) -> String {
    common::between(page, &format!("id=\"citation-{id}\">"), "</p>").to_string()
}

#[test]
fn each_document_page_cites_it_in_the_catalogues_styles() {
    let built = build(&fixture("cite"));

    let page = built.page("documents/two/index.html");
    assert!(page.contains("<h2 id=\"cite-heading\">Cite this document</h2>"));
    let styles: Vec<&str> = page
        .split("<figcaption>")
        .skip(1)
        .map(|piece| &piece[..piece.find("</figcaption>").expect("end")])
        .collect();
    // Each style by the name readers know it by, its full title on pointing at it.
    assert_eq!(
        styles,
        [
            "<abbr title=\"Chicago Manual of Style 18th edition (notes and bibliography)\">Chicago</abbr>",
            "<abbr title=\"American Psychological Association 7th edition\">APA</abbr>",
            "<abbr title=\"Cite Them Right 12th edition - Harvard\">Harvard</abbr>",
        ]
    );
    // A note style gives the note and the bibliography's entry; an in-text style,
    // the parenthesis and the reference list's entry.
    let chicago = common::between(&page, "<abbr title=\"Chicago", "</figure>");
    assert!(chicago.contains("<p class=\"citation-form\">Note</p>"), "{chicago}");
    assert!(
        chicago.contains("<p class=\"citation-form\">Bibliography</p>"),
        "{chicago}"
    );
    assert!(
        citation(&page, "chicago-notes-note")
            .starts_with("Kim Il Sung and Ènlái Zhou, “A Letter on {braces},” Letter, March 5, 1961,"),
        "{}",
        citation(&page, "chicago-notes-note")
    );
    assert_eq!(citation(&page, "apa-note"), "(Kim Il Sung &amp; Zhou, 1961)");
    // Authors from the registry by name, "Family, Given" names apart; the URL from
    // base_url; the archive's title escaped.
    assert!(
        page.contains("Kim Il Sung, and Ènlái Zhou. “A Letter on {braces}.” Letter. March 5, 1961."),
        "{page}"
    );
    assert!(page.contains("Citation Fixture &amp; Co."));
    assert!(page.contains("https://example.org/archive/documents/two/index.html"));
    // Copy buttons are made by the script (theme_browser.rs); without it the text is
    // there to select.
    assert!(page.contains("<p class=\"citation-text\" id=\"citation-apa\">"));
    assert!(!page.contains("<button type=\"button\" class=\"copy\""));
    assert!(page.contains("static/cite.js\" defer></script>"));

    // Uncertain and missing dates.
    let uncertain = built.page("documents/none/index.html");
    assert!(uncertain.contains("“An Unsigned Note.” Note. [1966?]."), "{uncertain}");
    let undated = built.page("documents/undated/index.html");
    assert!(undated.contains("A. Borunkov. (n.d.)."), "{undated}");
}

#[test]
fn each_page_carries_its_records_for_reference_managers() {
    let built = build(&fixture("cite"));
    let page = built.page("documents/none/index.html");
    for (label, file, media_type) in [
        ("BibTeX", "none.bib", "application/x-bibtex"),
        ("RIS", "none.ris", "application/x-research-info-systems"),
        ("CSL-JSON", "none.csl.json", "application/vnd.citationstyles.csl+json"),
    ] {
        assert!(
            page.contains(&format!("href=\"data:{media_type};charset=utf-8,")),
            "{label}: {page}"
        );
        assert!(
            page.contains(&format!("download=\"{file}\">{label}</a>")),
            "{label}: {page}"
        );
    }
    // No file beside the page but its source.
    let beside: Vec<String> = std::fs::read_dir(built.out().join("documents/none"))
        .expect("the page's folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside.len(), 2, "{beside:?}");

    let bib = built.record("none", "bib");
    assert!(bib.starts_with("@unpublished{none,\n"), "{bib}");
    assert!(
        bib.contains("  note = {Fond 5 \\& opis 49, delo 100\\%. date approximate},\n"),
        "{bib}"
    );
    assert!(bib.contains("  organization = {Citation Fixture \\& Co.},\n"), "{bib}");

    let ris = built.record("none", "ris");
    assert!(ris.starts_with("TY  - MANSCPT\r\n"), "{ris}");
    assert!(ris.contains("DB  - Citation Fixture & Co.\r\n"), "{ris}");
    assert!(ris.contains("AN  - Fond 5 & opis 49, delo 100%\r\n"), "{ris}");
    assert!(
        ris.contains("UR  - https://example.org/archive/documents/none/index.html\r\n"),
        "{ris}"
    );

    let csl: serde_json::Value = serde_json::from_str(&built.record("two", "csl.json")).expect("CSL-JSON");
    assert_eq!(csl[0]["type"], "manuscript");
    assert_eq!(csl[0]["author"][0]["literal"], "Kim Il Sung");
    assert_eq!(csl[0]["author"][1]["family"], "Zhou");
    assert_eq!(csl[0]["issued"]["date-parts"][0], serde_json::json!([1961, 3, 5]));
}

/// Every `<script type="application/ld+json">` of every page of a built archive.
fn json_ld_of_every_page(out: &std::path::Path) -> Vec<(String, serde_json::Value)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.expect("a file");
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).expect("html");
        for piece in html.split("<script type=\"application/ld+json\">").skip(1) {
            let body = &piece[..piece.find("</script>").expect("end")];
            let value: serde_json::Value =
                serde_json::from_str(body).unwrap_or_else(|e| panic!("{}: {e}: {body}", entry.path().display()));
            found.push((entry.path().display().to_string(), value));
        }
    }
    found
}

#[test]
fn pages_carry_metadata_that_reference_managers_and_crawlers_read() {
    let built = build(&fixture("cite"));
    let page = built.page("documents/two/index.html");
    for tag in [
        "<link rel=\"schema.DC\" href=\"http://purl.org/dc/elements/1.1/\">",
        "<meta name=\"DC.type\" content=\"manuscript\">",
        "<meta name=\"DC.title\" content=\"A letter on {braces}\">",
        "<meta name=\"DC.creator\" content=\"Kim Il Sung\">",
        "<meta name=\"DC.creator\" content=\"Zhou, Ènlái\">",
        "<meta name=\"DC.date\" content=\"1961-03-05\">",
        "<meta name=\"DC.identifier\" content=\"https://example.org/archive/documents/two/index.html\">",
        "<meta name=\"citation_title\" content=\"A letter on {braces}\">",
        "<meta name=\"citation_date\" content=\"1961/03/05\">",
        "<meta property=\"og:title\" content=\"A letter on {braces}\">",
        "<link rel=\"canonical\" href=\"https://example.org/archive/documents/two/index.html\">",
    ] {
        assert!(page.contains(tag), "{tag} in {page}");
    }
    // Nothing that makes the document a journal article.
    assert!(!page.contains("citation_journal_title") && !page.contains("citation_conference"));

    let everything = json_ld_of_every_page(&built.out());
    // Three documents and one entity.
    assert_eq!(everything.len(), 4, "{everything:?}");
    let (_, letter) = everything
        .iter()
        .find(|(path, _)| path.ends_with("documents/two/index.html"))
        .expect("the letter's JSON-LD");
    assert_eq!(letter["@context"], "https://schema.org");
    assert_eq!(letter["@type"], serde_json::json!(["ArchiveComponent", "CreativeWork"]));
    assert_eq!(letter["dateCreated"], "1961-03-05");
    assert_eq!(letter["author"][0]["@type"], "Person");
    assert_eq!(
        letter["author"][0]["url"],
        "https://example.org/archive/entities/kim/index.html"
    );
    assert_eq!(letter["mentions"][0]["name"], "Kim Il Sung");
    assert_eq!(letter["isPartOf"][0]["name"], "Citation Fixture & Co.");
    let (_, kim) = everything
        .iter()
        .find(|(path, _)| path.ends_with("entities/kim/index.html"))
        .expect("the entity's JSON-LD");
    assert_eq!(kim["@type"], "Person");
    assert_eq!(kim["alternateName"], serde_json::json!(["Kim Il-sung"]));
    assert_eq!(kim["description"], "Leader of the DPRK.");
    assert_eq!(
        kim["sameAs"],
        serde_json::json!([
            "https://www.wikidata.org/wiki/Q39464",
            "https://viaf.org/viaf/56612936/"
        ])
    );
    let entity = built.page("entities/kim/index.html");
    assert!(entity.contains("<a href=\"https://www.wikidata.org/wiki/Q39464\" rel=\"external\">"));
}

#[test]
fn the_seed_archive_pages_all_have_valid_json_ld() {
    let built = build(&common::repo_path("seeds"));
    let everything = json_ld_of_every_page(&built.out());
    assert!(everything.len() > 30, "the memo and its entities");
    for (path, value) in &everything {
        assert_eq!(value["@context"], "https://schema.org", "{path}");
    }
}

#[test]
fn a_page_of_the_original_can_be_cited() {
    let built = build(&fixture("cite"));
    let page = built.page("documents/none/index.html");
    assert!(
        page.contains("<a class=\"cite-page\" href=\"#cite-page\" data-page=\"43\" aria-label=\"Cite page 43\"></a>")
    );
    assert!(page.contains("<div id=\"cite-page\" class=\"cite-page\">"));
    // The page is left open in each style until a reader picks one.
    assert!(
        page.contains("“An Unsigned Note,” Note [1966?], <span class=\"page-slot\">[page]</span>, Fond 5"),
        "{page}"
    );
    assert!(
        page.contains("(<i>An Unsigned Note</i>, ca. 1966, p. <span class=\"page-slot\">[page]</span>)"),
        "{page}"
    );
    // A text without page numbers has no page citations.
    let letter = built.page("documents/two/index.html");
    assert!(!letter.contains("id=\"cite-page\""));
}

#[test]
fn a_document_number_tells_two_documents_of_one_title_apart_everywhere() {
    let collection = common::collection(
        "title: Foreign Relations, 1961\ndocuments:\n  - file: a.txt\n    number: \"5\"\n    title: Editorial Note\n    date: 1961\n  - file: b.txt\n    number: \"6\"\n    title: Editorial Note\n    date: 1961\n",
        &[("a.txt", "A note.\n"), ("b.txt", "Another note.\n")],
    );
    let dir = collection.path();
    let built = crate::common::build(dir);
    let page = built.page("documents/a/index.html");
    assert!(page.contains("<h1><span class=\"document-number\">5.</span> Editorial Note</h1>"));
    assert!(page.contains("<title>5. Editorial Note · Foreign Relations, 1961</title>"));
    let home = built.page("index.html");
    assert!(home.contains("<span class=\"document-number\">6.</span> Editorial Note</a>"));
    let other = built.page("documents/b/index.html");
    for style in ["chicago-notes", "modern-language-association"] {
        assert_ne!(
            citation(&page, style),
            citation(&other, style),
            "{style} tells them apart"
        );
    }
    assert!(
        citation(&page, "chicago-notes").contains("No. 5"),
        "{}",
        citation(&page, "chicago-notes")
    );
    assert!(citation(&page, "modern-language-association").contains("no. 5"));
    assert!(built.record("a", "bib").contains("  number = {5},"));
    assert!(built.record("a", "ris").contains("M1  - 5"));
    assert!(built.record("a", "csl.json").contains("\"number\": \"5\""));
    assert!(built.page("catalogue.json").contains("\"number\": \"5\""));
    assert!(built
        .page("catalogue.csv")
        .lines()
        .nth(1)
        .is_some_and(|row| row.starts_with("a,5,Editorial Note,")));
}

#[test]
fn a_persons_family_and_given_names_sort_the_directory_and_invert_in_citations() {
    let collection = common::collection(
        "title: Names\nentities:\n  - {id: khrushchev, name: Nikita Khrushchev, type: person, family: Khrushchev, given: Nikita}\n  - {id: burke, name: Adm. Arleigh Burke, type: person, family: Burke, given: Arleigh}\n  - {id: zhou, name: Zhou Enlai, type: person}\ndocuments:\n  - file: a.txt\n    title: A Letter\n    date: 1961-06-04\n    authors: [khrushchev, \"Llewellyn E. Thompson, Jr.\"]\n",
        &[("a.txt", "Khrushchev wrote; Adm. Arleigh Burke and Zhou Enlai read it.\n")],
    );
    let dir = collection.path();
    let built = crate::common::build(dir);
    let people = built.page("people/index.html");
    let burke = people
        .find(">Burke, Arleigh</a>")
        .expect("Burke, listed by his family name");
    let khrushchev = people.find(">Khrushchev, Nikita</a>").expect("Khrushchev, likewise");
    let zhou = people
        .find(">Zhou Enlai</a>")
        .expect("a name without parts, as written");
    assert!(
        burke < khrushchev && khrushchev < zhou,
        "sorted by family name, not by title"
    );
    assert!(!people.contains(">A</h2>"), "no letter group for the title Adm.");
    let page = built.page("documents/a/index.html");
    let apa = crate::common::between(&page, "id=\"citation-american-psychological-association\">", "</p>");
    assert!(
        apa.starts_with("Khrushchev, N., &amp; Llewellyn E. Thompson, Jr."),
        "{apa}"
    );
    assert!(built
        .record("a", "bib")
        .contains("author = {Khrushchev, Nikita and {Llewellyn E. Thompson, Jr.}},"));
    let csl = built.record("a", "csl.json");
    assert!(
        csl.contains("\"family\": \"Khrushchev\"") && csl.contains("\"given\": \"Nikita\""),
        "{csl}"
    );
    assert!(
        csl.contains("\"literal\": \"Llewellyn E. Thompson, Jr.\""),
        "a suffix is not a given name: {csl}"
    );
    // The page shows the name as the registry writes it.
    assert!(page.contains(">Nikita Khrushchev</a>"));
}

/// Names in parts in every default style, as the styles' manuals print them: the
/// Chicago Manual's "Beethoven, Ludwig van" and "Thompson, Llewellyn E., Jr."; MLA's
/// "Breuning, Eleonore von"; APA's "McCone, J. A."; a name written family name
/// first kept whole; an organization never split; the number after the genre; an
/// approximate year as "ca.".
#[test]
fn names_numbers_and_approximate_dates_in_the_three_default_styles() {
    let built = build(&fixture("names"));
    let people = built.page("people/index.html");
    let order: Vec<usize> = [
        ">Beethoven, Ludwig van</a>",
        ">Breuning, Eleonore von</a>",
        ">Burke, Arleigh (Adm.)</a>",
        ">Khrushchev, Nikita Sergeyevich</a>",
        ">Kim, Il Sung</a>",
        ">McCone, John A.</a>",
        ">Thompson, Llewellyn E., Jr.</a>",
    ]
    .iter()
    .map(|label| people.find(label).unwrap_or_else(|| panic!("{label} in {people}")))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "sorted by family name: {order:?}"
    );
    assert!(!people.contains(">A</h2>"), "no letter group for the title Adm.");
    let organizations = built.page("organizations/index.html");
    assert!(organizations.contains(">Breitkopf &amp; Härtel</a>"), "{organizations}");

    let letter = built.page("documents/104/index.html");
    assert_eq!(
        citation(&letter, "chicago-notes"),
        "Beethoven, Ludwig van. “To Eleonore von Breuning, at Bonn.” Letter No. 104. November 2, 1793. Letters and Papers, with Their Names. <a href=\"https://example.org/names/documents/104/index.html\">https://example.org/names/documents/104/index.html</a>."
    );
    assert!(citation(&letter, "chicago-notes-note")
        .starts_with("Ludwig van Beethoven, “To Eleonore von Breuning, at Bonn,” Letter no. 104, November 2, 1793,"));
    assert_eq!(citation(&letter, "modern-language-association-note"), "(van Beethoven)");
    assert!(citation(&letter, "american-psychological-association").starts_with("van Beethoven, L. (1793)."));

    let reply = built.page("documents/reply/index.html");
    assert!(
        citation(&reply, "chicago-notes")
            .starts_with("Breuning, Eleonore von. “Eleonore von Breuning to Beethoven, in Reply.” Letter No. 104a."),
        "{}",
        citation(&reply, "chicago-notes")
    );
    assert!(
        citation(&reply, "modern-language-association").starts_with("Breuning, Eleonore von."),
        "{}",
        citation(&reply, "modern-language-association")
    );
    assert!(
        citation(&reply, "american-psychological-association").starts_with("Breuning, E. von. (1794)."),
        "{}",
        citation(&reply, "american-psychological-association")
    );

    let telegram = built.page("documents/telegram/index.html");
    assert!(citation(&telegram, "chicago-notes").starts_with("Thompson, Llewellyn E., Jr. “Telegram from the Embassy in the Soviet Union to the Department of State.” Telegram No. 5. January 4, 1961."));
    assert!(citation(&telegram, "chicago-notes-note").starts_with("Llewellyn E. Thompson Jr., “Telegram"));
    assert!(citation(&telegram, "american-psychological-association").starts_with("Thompson, L. E., Jr. (1961)."));

    let memo = built.page("documents/memo/index.html");
    assert!(citation(&memo, "chicago-notes")
        .contains("“Memorandum from Director of Central Intelligence McCone to Adm. Arleigh Burke.”"));
    assert_eq!(
        citation(&memo, "american-psychological-association-note"),
        "(McCone, 1962)"
    );

    let approximate = built.page("documents/schuppanzigh/index.html");
    assert!(
        citation(&approximate, "chicago-notes").contains("Letter No. 105. Ca. 1813."),
        "{}",
        citation(&approximate, "chicago-notes")
    );
    assert!(citation(&approximate, "chicago-notes-note").contains("Letter no. 105, ca. 1813,"));
    assert!(citation(&approximate, "american-psychological-association").contains("(ca. 1813)"));
    let doubted = built.page("documents/conversation/index.html");
    assert!(
        citation(&doubted, "chicago-notes").contains("[July 6, 1961?]"),
        "a doubted date keeps its question mark"
    );

    let publisher = built.page("documents/publisher/index.html");
    assert!(citation(&publisher, "chicago-notes").contains("“To Breitkopf &amp; Härtel, on the ‘Pastoral’ Symphony.”"));
    let csl = built.record("reply", "csl.json");
    assert!(csl.contains("\"dropping-particle\": \"von\""), "{csl}");
    let bib = built.record("telegram", "bib");
    assert!(bib.contains("author = {Thompson, Jr., Llewellyn E.},"), "{bib}");
}
