//! Citations of documents: the styles a reader copies, formatted by hayagriva (a CSL
//! processor, with the CSL project's styles bundled) so another style is a name in the
//! catalogue rather than code; and the records reference managers import: BibTeX, RIS
//! and CSL-JSON, written here since they are data, not prose.

mod csl;
mod entry;
mod record;
mod records;
mod shapes;

pub use csl::{locale_xml, style_xml, Citation, Forms, Styles, PAGE_SLOT};
pub use record::{record, Author, Record, RecordDate};
pub use records::{bibtex, csl_json, ris, Format};
pub use shapes::{TemplateCounts, STYLES_CASED_OTHERWISE};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::styles::DEFAULT_STYLES;
    use csl::*;
    use serde_json::json;

    fn memo() -> Record {
        Record {
            key: "memo".into(),
            number: None,
            title: "Sino-Korean Relations in 1966".into(),
            authors: vec![Author::unregistered("Borunkov, A.")],
            date: Some(RecordDate {
                year: 1966,
                month: Some(12),
                day: Some(3),
                approximate: false,
                uncertain: false,
            }),
            genre: Some("Memorandum".into()),
            source: Some("AVPRF, fond 0102, opis 22".into()),
            archive: "Korea and the Socialist Camp".into(),
            language: Some("en".into()),
            url: Some("https://example.org/archive/documents/memo/".into()),
        }
    }

    fn with_authors(authors: &[&str]) -> Record {
        Record {
            authors: authors.iter().map(|a| Author::unregistered(a)).collect(),
            ..memo()
        }
    }

    fn texts(record: &Record) -> Vec<String> {
        Styles::named(&DEFAULT_STYLES.map(String::from))
            .cite(record)
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    #[test]
    fn each_style_names_one_two_three_and_no_authors() {
        let [chicago, mla, apa] = &texts(&with_authors(&[]))[..] else {
            panic!("three styles")
        };
        assert!(
            chicago.starts_with("“Sino-Korean Relations in 1966.” Memorandum. December 3, 1966."),
            "{chicago}"
        );
        assert!(
            mla.starts_with("“Sino-Korean Relations in 1966.” Memorandum. 3 Dec. 1966"),
            "{mla}"
        );
        assert!(
            apa.starts_with("Sino-Korean Relations in 1966 (AVPRF, fond 0102, opis 22). (1966)."),
            "{apa}"
        );

        let [chicago, mla, apa] = &texts(&with_authors(&["Borunkov, A."]))[..] else {
            panic!()
        };
        assert!(chicago.starts_with("Borunkov, A. “Sino-Korean"), "{chicago}");
        assert!(mla.starts_with("Borunkov, A. “Sino-Korean"), "{mla}");
        assert!(apa.starts_with("Borunkov, A. (1966). Sino-Korean"), "{apa}");

        let [chicago, mla, apa] = &texts(&with_authors(&["Borunkov, A.", "Kim Il Sung"]))[..] else {
            panic!()
        };
        assert!(chicago.starts_with("Borunkov, A., and Kim Il Sung. “"), "{chicago}");
        assert!(mla.starts_with("Borunkov, A., and Kim Il Sung. “"), "{mla}");
        assert!(apa.starts_with("Borunkov, A., & Kim Il Sung. (1966)."), "{apa}");

        let three = with_authors(&["Borunkov, A.", "Kim Il Sung", "Pak, Song-chol"]);
        let [chicago, mla, apa] = &texts(&three)[..] else {
            panic!()
        };
        assert!(
            chicago.starts_with("Borunkov, A., Kim Il Sung, and Song-chol Pak. “"),
            "{chicago}"
        );
        assert!(mla.starts_with("Borunkov, A., et al. “"), "{mla}");
        assert!(
            apa.starts_with("Borunkov, A., Kim Il Sung, & Pak, S.-c. (1966)."),
            "{apa}"
        );

        // Every style names the archive, the archival reference and the page's URL.
        for text in texts(&three) {
            assert!(text.contains("Korea and the Socialist Camp"), "{text}");
            assert!(text.contains("AVPRF, fond 0102, opis 22"), "{text}");
            assert!(text.contains("https://example.org/archive/documents/memo/"), "{text}");
        }
    }

    #[test]
    fn uncertain_and_missing_dates_are_cited_as_such() {
        let mut uncertain = memo();
        uncertain.date = Some(RecordDate {
            year: 1966,
            month: None,
            day: None,
            approximate: true,
            uncertain: true,
        });
        let [chicago, mla, apa] = &texts(&uncertain)[..] else {
            panic!()
        };
        assert!(chicago.contains(" [1966?]. "), "{chicago}");
        assert!(mla.contains(" [1966?], "), "{mla}");
        assert!(apa.contains("(ca. 1966)"), "{apa}");

        let mut undated = memo();
        undated.date = None;
        undated.url = None;
        let [chicago, mla, apa] = &texts(&undated)[..] else {
            panic!()
        };
        assert!(chicago.contains(" n.d. "), "{chicago}");
        assert!(!mla.contains("1966,") && !mla.contains("n.d."), "{mla}");
        assert!(apa.contains("(n.d.)"), "{apa}");
        assert!(!chicago.contains("http"), "no URL without a base_url");
    }

    #[test]
    fn a_page_citation_carries_the_page() {
        let styles = Styles::named(&DEFAULT_STYLES.map(String::from));
        let cited: Vec<String> = styles.cite_page(&memo(), "43").into_iter().map(|c| c.text).collect();
        assert!(cited[0].contains(", 43, "), "{}", cited[0]);
        assert_eq!(cited[1], "(Borunkov 43)");
        assert_eq!(cited[2], "(Borunkov, 1966, p. 43)");
    }

    #[test]
    fn a_page_left_open_is_the_same_citation_once_filled() {
        let styles = Styles::named(&DEFAULT_STYLES.map(String::from));
        let open: Vec<Citation> = styles
            .cite_with_any_page(&memo())
            .into_iter()
            .map(|f| f.at_page)
            .collect();
        let filled = styles.cite_page(&memo(), "43");
        for (open, filled) in open.iter().zip(&filled) {
            assert_eq!(open.text.replace(PAGE_SLOT, "43"), filled.text);
            assert!(
                open.html.contains("<span class=\"page-slot\">[page]</span>"),
                "{}",
                open.html
            );
        }
    }

    #[test]
    fn citations_in_html_are_escaped_with_italics_as_elements() {
        let mut record = memo();
        record.title = "<script>alert(1)</script> & more".into();
        let styles = Styles::named(&["american-psychological-association".to_string()]);
        let html = &styles.cite(&record)[0].html;
        assert!(
            html.contains("<i>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</i>"),
            "{html}"
        );
        assert!(!html.contains("style="), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org/archive/documents/memo/\">"),
            "{html}"
        );
    }

    #[test]
    fn bibtex_escapes_tex_and_accents() {
        let mut record = with_authors(&["Zhou, Ènlái", "Korean Workers' Party"]);
        record.title = "Trade {and} aid: 50% & more_$#~^\\".into();
        record.source = Some("Fond 5, opis' 49 — ГАРФ".into());
        let bib = bibtex(&record);
        assert!(bib.starts_with("@unpublished{memo,\n"), "{bib}");
        assert!(
            bib.contains("  author = {Zhou, {\\`E}nl{\\'a}i and {Korean Workers' Party}},\n"),
            "{bib}"
        );
        assert!(
            bib.contains(
                "  title = {{Trade \\{and\\} aid: 50\\% \\& more\\_\\$\\#\\textasciitilde{}\\textasciicircum{}\\textbackslash{}}},\n"
            ),
            "{bib}"
        );
        // Letters TeX has no accent for stay UTF-8, for biber.
        assert!(bib.contains("  note = {Fond 5, opis' 49 — ГАРФ},\n"), "{bib}");
        // Braces balance, so the entry parses.
        let depth = bib.chars().fold(0i32, |d, c| match c {
            '{' => d + 1,
            '}' => d - 1,
            _ => d,
        });
        let escaped = bib.matches("\\{").count() as i32 - bib.matches("\\}").count() as i32;
        assert_eq!(depth - escaped, 0, "{bib}");
    }

    #[test]
    fn ris_is_an_archival_manuscript_one_line_a_value() {
        let mut record = with_authors(&["Borunkov, A.", "Kim Il Sung"]);
        record.title = "Line one\nER  - line two & é {x} 100%".into();
        let ris = ris(&record);
        let lines: Vec<&str> = ris.split("\r\n").collect();
        assert_eq!(lines[0], "TY  - MANSCPT");
        assert!(lines.contains(&"TI  - Line one ER  - line two & é {x} 100%"), "{ris}");
        assert!(lines.contains(&"AU  - Borunkov, A."));
        assert!(lines.contains(&"AU  - Kim Il Sung"));
        assert!(lines.contains(&"DA  - 1966/12/03/"));
        assert!(lines.contains(&"DB  - Korea and the Socialist Camp"));
        assert!(lines.contains(&"AN  - AVPRF, fond 0102, opis 22"));
        assert!(lines.contains(&"M3  - Memorandum"));
        assert_eq!(lines.iter().filter(|l| l.starts_with("ER  -")).count(), 1);
        assert!(ris.ends_with("ER  - \r\n"));
    }

    #[test]
    fn csl_json_keeps_whole_names_whole() {
        let record = with_authors(&["Borunkov, A.", "Kim Il Sung"]);
        let item = &csl_json(&record)[0];
        assert_eq!(item["type"], "manuscript");
        assert_eq!(item["author"][0], json!({"family": "Borunkov", "given": "A."}));
        assert_eq!(item["author"][1], json!({"literal": "Kim Il Sung"}));
        assert_eq!(item["issued"], json!({"date-parts": [[1966, 12, 3]]}));
        assert_eq!(item["archive_location"], "AVPRF, fond 0102, opis 22");
    }

    #[test]
    fn the_note_is_the_citation_at_a_page_without_the_page() {
        let at = |text: &str| text.replace('X', SENTINEL);
        assert_eq!(without_locator(&at("(Borunkov, 1966, p. X)")), "(Borunkov, 1966)");
        assert_eq!(without_locator(&at("(Borunkov X)")), "(Borunkov)");
        assert_eq!(
            without_locator(&at("(“To Eleonore, at Bonn” X)")),
            "(“To Eleonore, at Bonn”)"
        );
        assert_eq!(
            without_locator(&at("A. Borunkov, “Title,” Memorandum, 1966, X, AVPRF.")),
            "A. Borunkov, “Title,” Memorandum, 1966, AVPRF."
        );
        assert_eq!(without_locator("no page"), "no page");
        // Each default style's note, formatted once, is what citeproc-js writes
        // without a locator (tests/integration/citeproc.rs).
        let notes: Vec<String> = Styles::named(&DEFAULT_STYLES.map(String::from))
            .cite_note(&memo())
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(notes[1], "(Borunkov)");
        assert_eq!(notes[2], "(Borunkov, 1966)");
        assert!(notes[0].contains("December 3, 1966, AVPRF"), "{}", notes[0]);
    }

    #[test]
    fn titles_keep_names_particles_and_mixed_case() {
        let cases = [
            ("McCone Relations with the army", "McCone Relations with the Army"),
            ("To Eleonore von Breuning, at Bonn", "To Eleonore von Breuning, at Bonn"),
            ("DPRK and USSR: the talks of march", "DPRK and USSR: The Talks of March"),
            ("To Schuppanzigh, and Lichnowsky", "To Schuppanzigh, and Lichnowsky"),
            ("Sino-Korean relations (memo)", "Sino-Korean Relations (memo)"),
        ];
        let styles = Styles::named(&["chicago-notes".to_string()]);
        for (title, cased) in cases {
            let mut record = memo();
            record.title = title.into();
            let entry = &styles.cite(&record)[0].text;
            assert!(entry.contains(&format!("“{cased}.”")), "{title}: {entry}");
        }
    }
}
