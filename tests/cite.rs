//! "Cite this document": the archive's citation styles on each document page, and the
//! records beside it for reference managers.

mod common;

use common::{build, fixture};

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
    assert_eq!(
        styles,
        [
            "Chicago Manual of Style 18th edition (notes and bibliography)",
            "American Psychological Association 7th edition",
            "Cite Them Right 12th edition - Harvard",
        ]
    );
    // Authors from the registry by name, "Family, Given" names apart; the URL from
    // base_url; the archive's title escaped.
    assert!(
        page.contains("Kim Il Sung, and Ènlái Zhou. “A Letter on {Braces}.” Letter. March 5, 1961."),
        "{page}"
    );
    assert!(page.contains("Citation Fixture &amp; Co."));
    assert!(page.contains("https://example.org/archive/documents/two/index.html"));
    // Copy buttons appear with the script; without it the text is there to select.
    assert!(page.contains("<button type=\"button\" class=\"copy\" data-copy=\"citation-apa\" hidden>Copy</button>"));
    assert!(page.contains("static/cite.js\" defer></script>"));

    // Uncertain and missing dates.
    let uncertain = built.page("documents/none/index.html");
    assert!(uncertain.contains("“An Unsigned Note.” Note. [1966?]."), "{uncertain}");
    let undated = built.page("documents/undated/index.html");
    assert!(undated.contains("A. Borunkov. (n.d.)."), "{undated}");
}

#[test]
fn records_for_reference_managers_sit_beside_each_page() {
    let built = build(&fixture("cite"));
    let page = built.page("documents/none/index.html");
    for (label, file) in [
        ("BibTeX", "none.bib"),
        ("RIS", "none.ris"),
        ("CSL-JSON", "none.csl.json"),
    ] {
        assert!(
            page.contains(&format!("<a href=\"{file}\"")) || page.contains(&format!("/none/{file}\"")),
            "{label}: {page}"
        );
    }

    let bib = built.page("documents/none/none.bib");
    assert!(bib.starts_with("@unpublished{none,\n"), "{bib}");
    assert!(
        bib.contains("  note = {Fond 5 \\& opis 49, delo 100\\%. date approximate},\n"),
        "{bib}"
    );
    assert!(bib.contains("  organization = {Citation Fixture \\& Co.},\n"), "{bib}");

    let ris = built.page("documents/none/none.ris");
    assert!(ris.starts_with("TY  - MANSCPT\r\n"), "{ris}");
    assert!(ris.contains("DB  - Citation Fixture & Co.\r\n"), "{ris}");
    assert!(ris.contains("AN  - Fond 5 & opis 49, delo 100%\r\n"), "{ris}");
    assert!(
        ris.contains("UR  - https://example.org/archive/documents/none/index.html\r\n"),
        "{ris}"
    );

    let csl: serde_json::Value = serde_json::from_str(&built.page("documents/two/two.csl.json")).expect("CSL-JSON");
    assert_eq!(csl[0]["type"], "manuscript");
    assert_eq!(csl[0]["author"][0]["literal"], "Kim Il Sung");
    assert_eq!(csl[0]["author"][1]["family"], "Zhou");
    assert_eq!(csl[0]["issued"]["date-parts"][0], serde_json::json!([1961, 3, 5]));
}
