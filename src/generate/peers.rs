//! The same collection as sites for Hugo and Zola, so that the three can be timed on
//! the same material (`bench/run`).
//!
//! Each document becomes a Markdown page with front matter: its title, the start of its
//! date, its type, and three taxonomies: its subjects, its collections and the entities
//! dossier finds in it (so the other generators list the same documents on each name's
//! page as dossier does, without having to find the names themselves). The text is the
//! transcription as written. The templates are minimal: a page with its metadata and
//! text, a list of pages for sections and taxonomy terms, with no pagination, as
//! dossier's own lists.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use crate::archive::Archive;

/// Writes the Hugo site of `archive` into `folder`.
pub fn hugo(archive: &Archive, collection: &Path, folder: &Path) -> io::Result<()> {
    write(
        folder,
        "hugo.toml",
        &format!(
            "baseURL = \"https://example.org/\"\ntitle = {}\ndisableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\"]\n\
             [taxonomies]\n  subject = \"subjects\"\n  collection = \"collections\"\n  entity = \"entities\"\n",
            quoted(&archive.title)
        ),
    )?;
    let base = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="/">Home</a></nav><main>{{ block "main" . }}{{ end }}</main></body></html>
"#;
    let single = r#"{{ define "main" }}<article><h1>{{ .Title }}</h1>
<dl>{{ with .Params.doc_type }}<dt>Type</dt><dd>{{ . }}</dd>{{ end }}{{ if not .Date.IsZero }}<dt>Date</dt><dd>{{ .Date.Format "2 January 2006" }}</dd>{{ end }}</dl>
{{ range $taxonomy := slice "subjects" "collections" "entities" }}<ul class="{{ $taxonomy }}">{{ range $.GetTerms $taxonomy }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}</article>{{ end }}
"#;
    let list = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if not .Date.IsZero }} ({{ .Date.Format "2006-01-02" }}){{ end }}</li>{{ end }}</ul>{{ end }}
"#;
    write(folder, "layouts/_default/baseof.html", base)?;
    write(folder, "layouts/_default/single.html", single)?;
    write(folder, "layouts/_default/list.html", list)?;
    write(folder, "layouts/_default/terms.html", list)?;
    write(
        folder,
        "content/_index.md",
        &format!("---\ntitle: {}\n---\n", quoted(&archive.title)),
    )?;
    write(folder, "content/documents/_index.md", "---\ntitle: Documents\n---\n")?;
    write_documents(archive, collection, folder, |index| {
        let document = &archive.documents[index];
        let mut page = String::from("---\n");
        let _ = writeln!(page, "title: {}", quoted(&document.meta.title));
        if let Some(date) = start_date(archive, index) {
            let _ = writeln!(page, "date: {date}");
        }
        if let Some(doc_type) = &document.meta.doc_type {
            let _ = writeln!(page, "doc_type: {}", quoted(doc_type));
        }
        for (name, values) in taxonomies(archive, index) {
            let _ = writeln!(page, "{name}: {}", inline_list(&values));
        }
        page.push_str("---\n");
        page
    })
}

/// Writes the Zola site of `archive` into `folder`.
pub fn zola(archive: &Archive, collection: &Path, folder: &Path) -> io::Result<()> {
    write(
        folder,
        "config.toml",
        &format!(
            "base_url = \"https://example.org\"\ntitle = {}\ngenerate_feeds = false\nbuild_search_index = false\n\
             taxonomies = [{{ name = \"subjects\" }}, {{ name = \"collections\" }}, {{ name = \"entities\" }}]\n",
            quoted(&archive.title)
        ),
    )?;
    let base = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title></head>
<body><nav><a href="/">Home</a></nav><main>{% block main %}{% endblock %}</main></body></html>
"#;
    let page = r#"{% extends "base.html" %}{% block title %}{{ page.title }}{% endblock %}{% block main %}<article><h1>{{ page.title }}</h1>
<dl>{% if page.extra.doc_type %}<dt>Type</dt><dd>{{ page.extra.doc_type }}</dd>{% endif %}{% if page.date %}<dt>Date</dt><dd>{{ page.date | date(format="%-d %B %Y") }}</dd>{% endif %}</dl>
{% for name, terms in page.taxonomies %}<ul class="{{ name }}">{% for term in terms %}<li><a href="{{ get_taxonomy_url(kind=name, name=term) }}">{{ term }}</a></li>{% endfor %}</ul>{% endfor %}
{{ page.content | safe }}</article>{% endblock %}
"#;
    let section = r#"{% extends "base.html" %}{% block main %}<h1>{{ section.title }}</h1>
<ul>{% for page in section.pages %}<li><a href="{{ page.permalink }}">{{ page.title }}</a>{% if page.date %} ({{ page.date }}){% endif %}</li>{% endfor %}</ul>{% endblock %}
"#;
    let taxonomy_list = r#"{% extends "base.html" %}{% block main %}<h1>{{ taxonomy.name }}</h1>
<ul>{% for term in terms %}<li><a href="{{ term.permalink }}">{{ term.name }}</a> ({{ term.pages | length }})</li>{% endfor %}</ul>{% endblock %}
"#;
    let taxonomy_single = r#"{% extends "base.html" %}{% block main %}<h1>{{ term.name }}</h1>
<ul>{% for page in term.pages %}<li><a href="{{ page.permalink }}">{{ page.title }}</a>{% if page.date %} ({{ page.date }}){% endif %}</li>{% endfor %}</ul>{% endblock %}
"#;
    write(folder, "templates/base.html", base)?;
    write(folder, "templates/index.html", section)?;
    write(folder, "templates/section.html", section)?;
    write(folder, "templates/page.html", page)?;
    write(folder, "templates/taxonomy_list.html", taxonomy_list)?;
    write(folder, "templates/taxonomy_single.html", taxonomy_single)?;
    write(
        folder,
        "content/_index.md",
        &format!("+++\ntitle = {}\n+++\n", quoted(&archive.title)),
    )?;
    write(
        folder,
        "content/documents/_index.md",
        "+++\ntitle = \"Documents\"\nsort_by = \"date\"\n+++\n",
    )?;
    write_documents(archive, collection, folder, |index| {
        let document = &archive.documents[index];
        let mut page = String::from("+++\n");
        let _ = writeln!(page, "title = {}", quoted(&document.meta.title));
        if let Some(date) = start_date(archive, index) {
            let _ = writeln!(page, "date = {date}");
        }
        page.push_str("[taxonomies]\n");
        for (name, values) in taxonomies(archive, index) {
            let _ = writeln!(page, "{name} = {}", inline_list(&values));
        }
        if let Some(doc_type) = &document.meta.doc_type {
            let _ = writeln!(page, "[extra]\ndoc_type = {}", quoted(doc_type));
        }
        page.push_str("+++\n");
        page
    })
}

/// Writes each document as `content/documents/<id>.md`: the front matter
/// `front_matter` makes for it, then its source text.
fn write_documents(
    archive: &Archive,
    collection: &Path,
    folder: &Path,
    front_matter: impl Fn(usize) -> String,
) -> io::Result<()> {
    for (index, document) in archive.documents.iter().enumerate() {
        let mut page = front_matter(index);
        page.push_str(&text(collection, &document.source)?);
        write(folder, &format!("content/documents/{}.md", document.id), &page)?;
    }
    Ok(())
}

/// The first day a document's date allows, as `YYYY-MM-DD`.
fn start_date(archive: &Archive, index: usize) -> Option<String> {
    let date = archive.documents[index].meta.date.as_ref()?;
    let (year, month, day, _) = date.start()?;
    Some(format!("{year:04}-{:02}-{:02}", month.unwrap_or(1), day.unwrap_or(1)))
}

/// The document's subjects, collections (by title) and the names of the entities it
/// is about.
fn taxonomies(archive: &Archive, index: usize) -> [(&'static str, Vec<String>); 3] {
    let meta = &archive.documents[index].meta;
    let collections = meta
        .collections
        .iter()
        .map(|id| archive.collection(id).map_or_else(|| id.clone(), |c| c.title.clone()))
        .collect();
    let entities = archive.documents[index]
        .about
        .iter()
        .map(|&e| archive.entities[e].name.clone())
        .collect();
    [
        ("subjects", meta.subjects.clone()),
        ("collections", collections),
        ("entities", entities),
    ]
}

/// A list of strings as both TOML and YAML write one inline.
fn inline_list(values: &[String]) -> String {
    format!("[{}]", values.iter().map(|v| quoted(v)).collect::<Vec<_>>().join(", "))
}

/// A string both TOML and YAML read back as written (JSON's quoting).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

fn text(collection: &Path, source: &str) -> io::Result<String> {
    fs::read_to_string(crate::sources::join(collection, source))
}

fn write(folder: &Path, relative: &str, text: &str) -> io::Result<()> {
    let path = folder.join(relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_becomes_a_page_with_its_taxonomies() {
        let dir = tempfile::tempdir().expect("temp");
        let collection = dir.path().join("collection");
        crate::generate::generate(&collection, 30, 3).expect("generated");
        let archive = crate::model(&collection, crate::sources::Encoding::Strict).expect("model");
        hugo(&archive, &collection, &dir.path().join("hugo")).expect("hugo site");
        zola(&archive, &collection, &dir.path().join("zola")).expect("zola site");
        for peer in ["hugo", "zola"] {
            let pages = fs::read_dir(dir.path().join(peer).join("content/documents"))
                .expect("pages")
                .count();
            assert_eq!(pages, 31, "{peer}: 30 pages and the section's index");
        }

        // Hugo's front matter is YAML, and holds what dossier knows of the document.
        let document = archive
            .documents
            .iter()
            .find(|d| !d.about.is_empty())
            .expect("a document naming someone");
        let page =
            fs::read_to_string(dir.path().join(format!("hugo/content/documents/{}.md", document.id))).expect("page");
        let front = page.split("---\n").nth(1).expect("front matter");
        let yaml: serde_yaml::Value = serde_yaml::from_str(front).expect("YAML");
        assert_eq!(yaml["title"].as_str(), Some(document.meta.title.as_str()));
        let entities = yaml["entities"].as_sequence().expect("entities");
        assert_eq!(entities.len(), document.about.len());
        assert!(page.ends_with(&fs::read_to_string(collection.join(&document.source)).expect("source")));

        // Zola's is TOML, with dates TOML reads as dates.
        let page =
            fs::read_to_string(dir.path().join(format!("zola/content/documents/{}.md", document.id))).expect("page");
        assert!(page.starts_with("+++\ntitle = \""), "{page}");
        for line in page.lines().filter(|l| l.starts_with("date = ")) {
            let date = &line["date = ".len()..];
            assert!(
                date.len() == 10 && date.chars().filter(|c| *c == '-').count() == 2,
                "{line}"
            );
        }
    }
}
