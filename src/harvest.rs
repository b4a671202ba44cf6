//! What crawlers and aggregators harvest: `sitemap.xml` and `robots.txt` (when the
//! catalogue gives a `base_url`, since a sitemap lists absolute URLs), an Atom feed of
//! the documents (`feed.xml`), and an OAI-PMH static repository (`oai.xml`, Dublin
//! Core records, per the OAI static repository guidelines) when the catalogue also
//! gives a `contact_email`. XML is written by quick-xml, which escapes what it writes.

use std::io::Cursor;
use std::time::SystemTime;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::archive::{dublin_core, Archive};
use crate::error::Staged;
use crate::output::OutputFile;
use crate::refs::DocumentRef;
use crate::urls;

type Xml = Writer<Cursor<Vec<u8>>>;

/// Every harvest file the catalogue allows; `paths` are every other file of the
/// output, for the sitemap. Its problems are what an editor should know of them
/// ([`warnings`]); `catalogue` is the path they name.
pub(crate) fn files(archive: &Archive, paths: &[&str], catalogue: &std::path::Path) -> Staged<Vec<OutputFile>> {
    let mut files = vec![OutputFile {
        path: "feed.xml".to_string(),
        bytes: feed(archive),
    }];
    if let Some(base) = &archive.base_url {
        files.extend(sitemaps(archive, base, paths, URLS_PER_SITEMAP));
        files.push(OutputFile {
            path: "robots.txt".to_string(),
            bytes: format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n").into_bytes(),
        });
        if let Some(email) = &archive.contact_email {
            files.push(OutputFile {
                path: "oai.xml".to_string(),
                bytes: oai(archive, base, email),
            });
        }
    }
    Ok((files, crate::diagnostic::Diagnostics(warnings(archive, catalogue))))
}

fn writer() -> Xml {
    let mut xml = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 1);
    let _ = xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    xml
}

fn finish(xml: Xml) -> Vec<u8> {
    let mut bytes = xml.into_inner().into_inner();
    bytes.push(b'\n');
    bytes
}

fn open(xml: &mut Xml, name: &str, attributes: &[(&str, &str)]) {
    let mut start = BytesStart::new(name);
    for attribute in attributes {
        start.push_attribute(*attribute);
    }
    let _ = xml.write_event(Event::Start(start));
}

fn close(xml: &mut Xml, name: &str) {
    let _ = xml.write_event(Event::End(BytesEnd::new(name)));
}

fn element(xml: &mut Xml, name: &str, text: &str) {
    open(xml, name, &[]);
    let _ = xml.write_event(Event::Text(BytesText::new(text)));
    close(xml, name);
}

fn empty(xml: &mut Xml, name: &str, attributes: &[(&str, &str)]) {
    let mut start = BytesStart::new(name);
    for attribute in attributes {
        start.push_attribute(*attribute);
    }
    let _ = xml.write_event(Event::Empty(start));
}

fn timestamp(time: SystemTime) -> String {
    OffsetDateTime::from(time)
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

fn day(time: SystemTime) -> String {
    timestamp(time)[..10].to_string()
}

/// The documents' latest change: when the archive as a whole last changed.
fn latest(archive: &Archive) -> SystemTime {
    archive
        .documents
        .iter()
        .filter_map(|d| d.modified)
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// The most URLs one sitemap may list (the sitemaps.org protocol's limit).
const URLS_PER_SITEMAP: usize = 50_000;

/// `sitemap.xml` of every page; past `per_file` pages, `sitemap.xml` is an index of
/// `sitemap-1.xml`, `sitemap-2.xml`, …, each of `per_file` pages at most. They stand at
/// the root, since a sitemap may list only URLs under its own folder.
fn sitemaps(archive: &Archive, base: &str, paths: &[&str], per_file: usize) -> Vec<OutputFile> {
    let pages: Vec<&str> = paths.iter().copied().filter(|p| p.ends_with(".html")).collect();
    if pages.len() <= per_file {
        return vec![OutputFile {
            path: "sitemap.xml".to_string(),
            bytes: sitemap(archive, base, &pages),
        }];
    }
    let mut files: Vec<OutputFile> = pages
        .chunks(per_file)
        .enumerate()
        .map(|(index, chunk)| OutputFile {
            path: format!("sitemap-{}.xml", index + 1),
            bytes: sitemap(archive, base, chunk),
        })
        .collect();
    let mut xml = writer();
    open(
        &mut xml,
        "sitemapindex",
        &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")],
    );
    for file in &files {
        open(&mut xml, "sitemap", &[]);
        element(&mut xml, "loc", &format!("{base}{}", file.path));
        close(&mut xml, "sitemap");
    }
    close(&mut xml, "sitemapindex");
    files.insert(
        0,
        OutputFile {
            path: "sitemap.xml".to_string(),
            bytes: finish(xml),
        },
    );
    files
}

/// Every page of the archive, the document pages with when their source changed.
fn sitemap(archive: &Archive, base: &str, paths: &[&str]) -> Vec<u8> {
    let mut modified = std::collections::HashMap::new();
    for document in &archive.documents {
        if let Some(time) = document.modified {
            modified.insert(urls::document(&document.id), time);
        }
    }
    let mut xml = writer();
    open(
        &mut xml,
        "urlset",
        &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")],
    );
    for &path in paths {
        open(&mut xml, "url", &[]);
        element(&mut xml, "loc", &format!("{base}{path}"));
        if let Some(time) = modified.get(path) {
            element(&mut xml, "lastmod", &day(*time));
        }
        close(&mut xml, "url");
    }
    close(&mut xml, "urlset");
    finish(xml)
}

/// An Atom feed of the documents in catalogue order.
fn feed(archive: &Archive) -> Vec<u8> {
    let base = archive.base_url.as_deref();
    let id_of = |path: &str| match base {
        Some(base) => format!("{base}{path}"),
        None => format!("urn:dossier:{}:{path}", slug::slugify(&archive.title)),
    };
    let mut xml = writer();
    let mut root = vec![("xmlns", "http://www.w3.org/2005/Atom")];
    if let Some(base) = base {
        root.push(("xml:base", base));
    }
    if let Some(language) = &archive.language {
        root.push(("xml:lang", language));
    }
    open(&mut xml, "feed", &root);
    element(&mut xml, "title", &archive.title);
    if let Some(description) = &archive.description {
        element(&mut xml, "subtitle", description);
    }
    element(&mut xml, "id", &id_of(&urls::home()));
    element(&mut xml, "updated", &timestamp(latest(archive)));
    empty(&mut xml, "link", &[("rel", "alternate"), ("href", &urls::home())]);
    if base.is_some() {
        empty(&mut xml, "link", &[("rel", "self"), ("href", "feed.xml")]);
    }
    open(&mut xml, "author", &[]);
    element(&mut xml, "name", &archive.title);
    close(&mut xml, "author");
    element(&mut xml, "generator", "dossier");
    for document in &archive.documents {
        let meta = &document.meta;
        let page = urls::document(&document.id);
        open(&mut xml, "entry", &[]);
        element(&mut xml, "title", &meta.title);
        element(&mut xml, "id", &id_of(&page));
        empty(&mut xml, "link", &[("rel", "alternate"), ("href", &page)]);
        element(
            &mut xml,
            "updated",
            &timestamp(document.modified.unwrap_or(SystemTime::UNIX_EPOCH)),
        );
        for author in &document.authors {
            open(&mut xml, "author", &[]);
            element(&mut xml, "name", &author.name);
            close(&mut xml, "author");
        }
        let mut summary = Vec::new();
        if let Some(date) = &meta.date {
            summary.push(date.to_string());
        }
        summary.extend(meta.doc_type.clone());
        summary.extend(meta.source.clone());
        if let Some(text) = &meta.summary {
            summary.push(text.value.clone());
        }
        if !summary.is_empty() {
            element(&mut xml, "summary", &summary.join(". "));
        }
        for subject in &meta.subjects {
            empty(&mut xml, "category", &[("term", subject)]);
        }
        close(&mut xml, "entry");
    }
    close(&mut xml, "feed");
    finish(xml)
}

/// The most records a static repository may hold (the specification's limit).
pub(crate) const OAI_MOST_RECORDS: usize = 5_000;

/// The `baseURL` a static repository gives: as its specification says, the URL of the
/// gateway that serves it followed by its own URL without `http://` or `https://`
/// (`https://gateway.example.org/oai/example.org/archive/oai.xml`). Without a gateway
/// named, the file's own URL, which harvesters cannot use as a base URL.
fn oai_base_url(archive: &Archive, base: &str) -> String {
    let own = format!("{base}oai.xml");
    match &archive.oai_gateway {
        Some(gateway) => {
            let bare = own.split_once("://").map_or(own.as_str(), |(_, rest)| rest);
            format!("{gateway}{bare}")
        }
        None => own,
    }
}

/// What an editor should know about the harvest files: an `oai.xml` with no gateway to
/// serve it, or with more records than a static repository may hold.
fn warnings(archive: &Archive, catalogue: &std::path::Path) -> Vec<crate::diagnostic::Diagnostic> {
    warnings_past(archive, catalogue, OAI_MOST_RECORDS)
}

fn warnings_past(
    archive: &Archive,
    catalogue: &std::path::Path,
    most_records: usize,
) -> Vec<crate::diagnostic::Diagnostic> {
    use crate::diagnostic::Diagnostic;
    let mut warnings = Vec::new();
    if archive.base_url.is_none() || archive.contact_email.is_none() {
        return warnings;
    }
    if archive.oai_gateway.is_none() {
        warnings.push(
            Diagnostic::warning(
                catalogue,
                None,
                "oai_gateway",
                "oai.xml is written, but no gateway is named to serve it to harvesters: its baseURL is the file's own URL",
            )
            .with_help("name the OAI static repository gateway with `oai_gateway: https://…/`"),
        );
    }
    if archive.documents.len() > most_records {
        warnings.push(Diagnostic::warning(
            catalogue,
            None,
            "",
            format!(
                "oai.xml holds {} records; a static repository may hold {most_records} at most, and gateways may refuse it",
                archive.documents.len()
            ),
        ));
    }
    warnings
}

/// An OAI-PMH static repository: Identify, the oai_dc format, and a Dublin Core record
/// for every document.
fn oai(archive: &Archive, base: &str, email: &str) -> Vec<u8> {
    let host = base
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("localhost");
    let mut xml = writer();
    open(
        &mut xml,
        "Repository",
        &[
            ("xmlns", "http://www.openarchives.org/OAI/2.0/static-repository"),
            ("xmlns:oai", "http://www.openarchives.org/OAI/2.0/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.openarchives.org/OAI/2.0/static-repository http://www.openarchives.org/OAI/2.0/static-repository.xsd",
            ),
        ],
    );
    open(&mut xml, "Identify", &[]);
    element(&mut xml, "oai:repositoryName", &archive.title);
    element(&mut xml, "oai:baseURL", &oai_base_url(archive, base));
    element(&mut xml, "oai:protocolVersion", "2.0");
    element(&mut xml, "oai:adminEmail", email);
    let earliest = archive
        .documents
        .iter()
        .filter_map(|d| d.modified)
        .min()
        .unwrap_or(SystemTime::UNIX_EPOCH);
    element(&mut xml, "oai:earliestDatestamp", &day(earliest));
    element(&mut xml, "oai:deletedRecord", "no");
    element(&mut xml, "oai:granularity", "YYYY-MM-DD");
    close(&mut xml, "Identify");
    open(&mut xml, "ListMetadataFormats", &[]);
    open(&mut xml, "oai:metadataFormat", &[]);
    element(&mut xml, "oai:metadataPrefix", "oai_dc");
    element(&mut xml, "oai:schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd");
    element(
        &mut xml,
        "oai:metadataNamespace",
        "http://www.openarchives.org/OAI/2.0/oai_dc/",
    );
    close(&mut xml, "oai:metadataFormat");
    close(&mut xml, "ListMetadataFormats");
    open(&mut xml, "ListRecords", &[("metadataPrefix", "oai_dc")]);
    for (document_ref, document) in DocumentRef::all(archive.documents.len()).zip(&archive.documents) {
        open(&mut xml, "oai:record", &[]);
        open(&mut xml, "oai:header", &[]);
        element(&mut xml, "oai:identifier", &format!("oai:{host}:{}", document.id));
        element(
            &mut xml,
            "oai:datestamp",
            &day(document.modified.unwrap_or(SystemTime::UNIX_EPOCH)),
        );
        close(&mut xml, "oai:header");
        open(&mut xml, "oai:metadata", &[]);
        open(
            &mut xml,
            "oai_dc:dc",
            &[
                ("xmlns:oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc/"),
                ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
                (
                    "xsi:schemaLocation",
                    "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
                ),
            ],
        );
        for (name, value) in dublin_core::record(archive, document_ref) {
            element(&mut xml, name.xml_name(), &value);
        }
        close(&mut xml, "oai_dc:dc");
        close(&mut xml, "oai:metadata");
        close(&mut xml, "oai:record");
    }
    close(&mut xml, "ListRecords");
    close(&mut xml, "Repository");
    finish(xml)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repository_past_its_limit_is_a_warning() {
        let collection = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cite");
        let archive = crate::model(&collection, crate::sources::Encoding::Strict).expect("the fixture builds");
        let count = archive.documents.len();
        let catalogue = collection.join(crate::sources::INDEX_FILE);
        let past = |limit| -> Vec<String> {
            warnings_past(&archive, &catalogue, limit)
                .into_iter()
                .map(|w| w.message)
                .filter(|m| m.contains("records"))
                .collect()
        };
        assert!(past(count).is_empty());
        assert_eq!(
            past(count - 1),
            [format!(
                "oai.xml holds {count} records; a static repository may hold {} at most, and gateways may refuse it",
                count - 1
            )]
        );
    }

    #[test]
    fn past_the_limit_the_sitemap_is_an_index_of_sitemaps() {
        let collection = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mixed");
        let archive = crate::model(&collection, crate::sources::Encoding::Strict).expect("the fixture builds");
        let base = "https://example.org/archive/";
        let paths = [
            "a/index.html",
            "b/index.html",
            "c/index.html",
            "static/style.css",
            "d/index.html",
            "e/index.html",
        ];
        let files = sitemaps(&archive, base, &paths, 2);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
        );
        let text = |at: usize| String::from_utf8(files[at].bytes.clone()).expect("UTF-8");
        let index = text(0);
        assert!(
            index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"),
            "{index}"
        );
        for n in 1..=3 {
            assert!(index.contains(&format!("<loc>{base}sitemap-{n}.xml</loc>")), "{index}");
        }
        assert!(text(1).contains("<loc>https://example.org/archive/a/index.html</loc>"));
        assert!(text(1).contains("b/index.html") && !text(1).contains("c/index.html"));
        assert!(text(3).contains("e/index.html"));
        assert!(
            !files
                .iter()
                .any(|f| String::from_utf8_lossy(&f.bytes).contains("style.css")),
            "pages only"
        );
        // At the limit or under it, one sitemap.
        let one = sitemaps(&archive, base, &paths, 5);
        assert_eq!(one.len(), 1);
        assert!(String::from_utf8_lossy(&one[0].bytes).contains("<urlset"));
    }

    #[test]
    fn the_feed_lists_documents_in_catalogue_order_with_their_authors_resolved() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(
            dir.path().join("INDEX.md"),
            "---\ntitle: Feed\nbase_url: https://example.org/\nentities:\n  - id: kim\n    name: Kim Il Sung\n    \
             type: person\ndocuments:\n  - file: b.txt\n    title: Second written, first listed\n    \
             authors: [kim, A. Plain]\n  - file: a.txt\n    title: The other\n---\n",
        )
        .expect("catalogue");
        std::fs::write(dir.path().join("a.txt"), "Text.\n").expect("source");
        std::fs::write(dir.path().join("b.txt"), "Text.\n").expect("source");
        let archive = crate::model(dir.path(), crate::sources::Encoding::Strict).expect("builds");
        let xml = String::from_utf8(feed(&archive)).expect("UTF-8");
        let titles: Vec<&str> = xml
            .split("<entry>")
            .skip(1)
            .map(|entry| {
                entry
                    .split("<title>")
                    .nth(1)
                    .and_then(|t| t.split('<').next())
                    .unwrap_or("")
            })
            .collect();
        assert_eq!(titles, ["Second written, first listed", "The other"]);
        let first = xml.split("<entry>").nth(1).expect("an entry");
        let authors: Vec<&str> = first
            .split("<name>")
            .skip(1)
            .filter_map(|n| n.split('<').next())
            .collect();
        assert_eq!(authors, ["Kim Il Sung", "A. Plain"]);
        assert!(
            first.contains("<id>https://example.org/documents/b/index.html</id>"),
            "{first}"
        );
    }
}
