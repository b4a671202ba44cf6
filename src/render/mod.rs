//! Pages, rendered in memory from the site model and the theme.
//!
//! Templates see views ([`contract`], filled by [`views`]): serialisable structs made
//! for them, never the model's internals, so a theme's contract is the list of views
//! in the README. Hrefs
//! in views are already relative to the page being rendered (from [`urls`]); HTML in
//! views (`*_html`) was escaped where it was made.

pub(crate) mod chart;
pub(crate) mod contract;
pub(crate) mod directory;
pub(crate) mod keys;
pub(crate) mod legend;
pub(crate) mod metadata;
pub mod pagination;
pub(crate) mod views;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::archive::Archive;
use crate::catalog::EntityKind;
use crate::cite::Styles;
use crate::diagnostic::Diagnostics;
use crate::error::{Error, Staged};
use crate::i18n::Interface;
use crate::output::{OutputFile, Sink};
use crate::refs::{DocumentRef, EntityRef};
use crate::theme::Theme;
use crate::urls;
use views::Views;

/// What a render can take from an earlier one. [`Fresh`] compiles and loads
/// everything and renders every page without working out keys; the incremental layer
/// gives back the templates and styles it kept and the key each page had, so that
/// only pages whose key changed are rendered.
pub(crate) trait Memo: Sync {
    /// The theme's templates, compiled with the interface's words (`t`); `compile`
    /// compiles them.
    fn templates(
        &self,
        theme: &Theme,
        words: &Interface,
        compile: &dyn Fn() -> Result<Tera, Error>,
    ) -> Result<Arc<Tera>, Error>;
    /// The citation styles named, in the locale of `language`; `load` loads them.
    fn styles(&self, names: &[String], language: Option<&str>, load: &dyn Fn() -> Styles) -> Arc<Styles>;
    /// The key each page had, by path ([`keys`]); `None` to render every page
    /// without working out keys.
    fn page_keys(&self) -> Option<&HashMap<String, u64>>;
}

/// Everything made afresh: a build's [`Memo`].
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Fresh;

impl Memo for Fresh {
    fn templates(
        &self,
        _: &Theme,
        _: &Interface,
        compile: &dyn Fn() -> Result<Tera, Error>,
    ) -> Result<Arc<Tera>, Error> {
        compile().map(Arc::new)
    }
    fn styles(&self, _: &[String], _: Option<&str>, load: &dyn Fn() -> Styles) -> Arc<Styles> {
        Arc::new(load())
    }
    fn page_keys(&self) -> Option<&HashMap<String, u64>> {
        None
    }
}

/// What a render did: the paths of the files it made (pages and the theme's static
/// files) and of the pages it left as they were (against a memo's
/// keys), the key of every page when keys were worked out, and the templates and
/// styles it used.
pub(crate) struct Rendered {
    pub made: Vec<String>,
    /// How many of the files made are pages (HTML).
    pub page_count: usize,
    pub kept: Vec<String>,
    pub keys: HashMap<String, u64>,
    pub templates: Arc<Tera>,
    pub styles: Arc<Styles>,
}

/// Renders into `sink` the pages whose key differs from the one `memo` has (every
/// page when it has none), then the theme's static files. A document page carries
/// its citation records.
pub(crate) fn render(archive: &Archive, theme: &Theme, memo: &dyn Memo, sink: &dyn Sink) -> Staged<Rendered> {
    let words = &archive.interface;
    let tera = memo.templates(theme, words, &|| compile(theme, words))?;
    // The citations' terms are the interface's.
    let language = archive.interface_language.as_deref().or(archive.language.as_deref());
    let styles = memo.styles(&archive.citation_styles, language, &|| {
        Styles::named_in(&archive.citation_styles, language)
    });
    let previous = memo.page_keys();
    let site_key = previous.map(|_| keys::site(archive, keys::theme(theme)));
    let pass = Pass {
        archive,
        views: Views::new(archive, Arc::clone(&styles)),
        tera: &tera,
        sink,
        previous,
        site_key,
        items: if site_key.is_some() {
            keys::items(archive)
        } else {
            Vec::new()
        },
    };
    let documents = pass.documents()?;
    let entities = pass.entities()?;
    let mut listings = pass.home()?;
    listings.extend(pass.directories()?);
    listings.push(pass.search()?);
    listings.push(pass.timeline()?);
    listings.extend(pass.listings()?);

    let mut rendered = Rendered {
        made: Vec::new(),
        page_count: 0,
        kept: Vec::new(),
        keys: HashMap::new(),
        templates: Arc::clone(&tera),
        styles,
    };
    for (path, key, made) in listings.into_iter().chain(documents).chain(entities) {
        if let Some(key) = key {
            rendered.keys.insert(path.clone(), key);
        }
        if made {
            rendered.page_count += 1;
            rendered.made.push(path);
        } else {
            rendered.kept.push(path);
        }
    }
    rendered.made.extend(assets(theme, words, sink)?);
    Ok((rendered, Diagnostics::default()))
}

/// The theme's static files, copied as they are, and the interface's words for the
/// scripts and the style sheet (`static/interface.js`, `interface.css`); returns their
/// paths.
fn assets(theme: &Theme, words: &Interface, sink: &dyn Sink) -> Result<Vec<String>, Error> {
    let mut paths = Vec::with_capacity(theme.assets.len() + 1);
    for (name, bytes) in [
        (INTERFACE_SCRIPT, words.client_script()),
        (INTERFACE_STYLE, words.client_style()),
    ] {
        let path = urls::asset(name);
        sink.put(OutputFile {
            path: path.clone(),
            bytes: bytes.into_bytes(),
        })?;
        paths.push(path);
    }
    for (name, bytes) in &theme.assets {
        let path = urls::asset(name);
        paths.push(path.clone());
        sink.put(OutputFile {
            path,
            bytes: bytes.clone(),
        })?;
    }
    Ok(paths)
}

/// A page's path, its key (none without earlier keys), and whether it was made.
type Made = (String, Option<u64>, bool);

/// One render: what every kind of page needs (the views, the compiled templates, the
/// keys to compare with) and where the pages go.
struct Pass<'a> {
    archive: &'a Archive,
    views: Views<'a>,
    tera: &'a Tera,
    sink: &'a dyn Sink,
    /// The key each page had, when keys are worked out.
    previous: Option<&'a HashMap<String, u64>>,
    site_key: Option<u64>,
    /// Each document's key as an item of lists, when keys are worked out.
    items: Vec<u64>,
}

impl Pass<'_> {
    /// Whether a page must be rendered: always without keys, else when its key changed.
    fn needed(&self, path: &str, key: Option<u64>) -> bool {
        key.is_none_or(|key| self.previous.is_none_or(|keys| keys.get(path) != Some(&key)))
    }

    /// Renders one page into the sink.
    fn one(&self, template: &str, path: String, name: &str, view: &dyn erased::View) -> Result<(), Error> {
        let mut context = Context::new();
        context.insert("site", &self.views.site(&path));
        view.insert(name, &mut context);
        let html = self.tera.render(template, &context).map_err(|source| Error::Template {
            name: template.to_string(),
            source,
        })?;
        self.sink.put(OutputFile {
            path,
            bytes: html.into_bytes(),
        })
    }

    /// A page whose key is its view's, rendered if that changed.
    fn page(&self, template: &str, path: String, name: &str, view: &dyn erased::View) -> Result<Made, Error> {
        let key = self.site_key.map(|site| view.key(site));
        let made = self.needed(&path, key);
        if made {
            self.one(template, path.clone(), name, view)?;
        }
        Ok((path, key, made))
    }

    /// A page under `key` (a document's or an entity's, which is worked out from the
    /// model without making the view), its view made only when it must be rendered.
    fn keyed<V: erased::View>(
        &self,
        template: &str,
        path: String,
        name: &str,
        key: Option<u64>,
        view: impl FnOnce(&str) -> V,
    ) -> Result<Made, Error> {
        let made = self.needed(&path, key);
        if made {
            self.one(template, path.clone(), name, &view(&path))?;
        }
        Ok((path, key, made))
    }

    /// Each document's page, on every core.
    fn documents(&self) -> Result<Vec<Made>, Error> {
        let archive = self.archive;
        archive
            .documents
            .par_iter()
            .enumerate()
            .map(|(index, document)| {
                let index = DocumentRef::new(index);
                let path = urls::document(&document.id);
                let key = self
                    .site_key
                    .map(|site| keys::document(archive, site, &self.items, document));
                self.keyed("document.html", path, "document", key, |path| {
                    self.views.document(index, path)
                })
            })
            .collect()
    }

    /// Each entity's pages, and the lists of its letters its page has no room for, on
    /// every core. The entity's key covers them all, as it covers the documents by and
    /// to it.
    fn entities(&self) -> Result<Vec<Made>, Error> {
        let archive = self.archive;
        let made: Vec<Vec<Made>> = archive
            .entities
            .par_iter()
            .enumerate()
            .map(|(index, entity)| {
                let index = EntityRef::new(index);
                let first = urls::entity(&entity.id);
                let key = self
                    .site_key
                    .map(|site| keys::entity(archive, site, &self.items, entity));
                let mut made: Vec<Made> = Vec::new();
                for (path, part) in
                    pagination::paths(&first, entity.appearances.len(), pagination::APPEARANCES_PER_PAGE)
                {
                    made.push(self.keyed("entity.html", path, "entity", key, |path| {
                        self.views.entity(index, path, part)
                    })?);
                }
                for role in views::Correspondence::BOTH {
                    let documents = role.of(entity);
                    if documents.len() <= pagination::CORRESPONDENCE_ON_ENTITY_PAGE {
                        continue;
                    }
                    let first = urls::entity_correspondence(&entity.id, role.folder());
                    for (path, part) in pagination::paths(&first, documents.len(), pagination::DOCUMENTS_PER_PAGE) {
                        made.push(self.keyed("listing.html", path, "listing", key, |path| {
                            self.views.correspondence(index, role, path, part)
                        })?);
                    }
                }
                Ok(made)
            })
            .collect::<Result<_, Error>>()?;
        Ok(made.into_iter().flatten().collect())
    }

    /// The home page, paged: the introduction, then every document.
    fn home(&self) -> Result<Vec<Made>, Error> {
        let home = urls::home();
        pagination::paths(&home, self.archive.documents.len(), pagination::DOCUMENTS_PER_PAGE)
            .map(|(path, part)| self.page("index.html", path.clone(), "home", &self.views.home(&path, part)))
            .collect()
    }

    /// The A–Z directories: of each kind of entity the archive has, of the
    /// collections and of the subjects.
    fn directories(&self) -> Result<Vec<Made>, Error> {
        let (archive, views) = (self.archive, &self.views);
        let mut made = Vec::new();
        for kind in EntityKind::ALL {
            if archive.entities.iter().any(|e| e.kind == kind) {
                self.directory(&urls::entity_index(kind), &views.entity_directory(kind), &mut made)?;
            }
        }
        if !archive.collections.is_empty() {
            self.directory(&urls::collections(), &views.collection_directory(), &mut made)?;
        }
        if !archive.subjects.is_empty() {
            self.directory(&urls::subjects(), &views.subject_directory(), &mut made)?;
        }
        Ok(made)
    }

    /// The search page.
    fn search(&self) -> Result<Made, Error> {
        let search = urls::search();
        self.page("search.html", search.clone(), "search", &self.views.search(&search))
    }

    /// The timeline.
    fn timeline(&self) -> Result<Made, Error> {
        let timeline = urls::timeline();
        self.page(
            "timeline.html",
            timeline.clone(),
            "timeline",
            &self.views.timeline(&timeline),
        )
    }

    /// The lists of the documents of a year, a collection and a subject, each paged.
    fn listings(&self) -> Result<Vec<Made>, Error> {
        let (archive, views) = (self.archive, &self.views);
        let mut made = Vec::new();
        let per_page = pagination::DOCUMENTS_PER_PAGE;
        for group in &archive.timeline.years {
            for (path, part) in pagination::paths(&urls::year(group.year), group.documents.len(), per_page) {
                made.push(self.page("listing.html", path.clone(), "listing", &views.year(group, &path, part))?);
            }
        }
        for collection in &archive.collections {
            let first = urls::collection(&collection.id);
            for (path, part) in pagination::paths(&first, collection.documents.len(), per_page) {
                let view = views.collection(collection, &path, part);
                made.push(self.page("listing.html", path.clone(), "listing", &view)?);
            }
        }
        for subject in &archive.subjects {
            for (path, part) in pagination::paths(&urls::subject(&subject.slug), subject.documents.len(), per_page) {
                let view = views.subject(subject, &path, part);
                made.push(self.page("listing.html", path.clone(), "listing", &view)?);
            }
        }
        Ok(made)
    }

    /// Each page of a directory, `first` the path of its first.
    fn directory(&self, first: &str, directory: &directory::Directory, made: &mut Vec<Made>) -> Result<(), Error> {
        for (path, part) in pagination::paths(first, directory.len(), pagination::DIRECTORY_ENTRIES_PER_PAGE) {
            let view = directory.page(first, &path, part);
            made.push(self.page("directory.html", path.clone(), "directory", &view)?);
        }
        Ok(())
    }
}

/// Lets `render` take any view without naming its type.
mod erased {
    use tera::Context;

    pub(super) trait View {
        fn insert(&self, name: &str, context: &mut Context);
        /// The view's inputs as a hash, for rendering only what changed.
        fn key(&self, site: u64) -> u64;
    }

    impl<T: serde::Serialize> View for T {
        fn insert(&self, name: &str, context: &mut Context) {
            context.insert(name, self);
        }
        fn key(&self, site: u64) -> u64 {
            super::keys::view(site, self)
        }
    }
}

/// The script and the style sheet of the interface's words, beside the theme's.
const INTERFACE_SCRIPT: &str = "interface.js";
const INTERFACE_STYLE: &str = "interface.css";

fn compile(theme: &Theme, words: &Arc<Interface>) -> Result<Tera, Error> {
    let mut tera = Tera::default();
    tera.register_function("t", Translate(Arc::clone(words)));
    // A collection's templates must not read the builder's environment (a CI secret):
    // tera's one function that reaches outside the template is replaced by an error.
    tera.register_function("get_env", |_: &std::collections::HashMap<String, tera::Value>| {
        Err(tera::Error::msg(
            "templates cannot read the environment: `get_env` is turned off; pass the value through the catalogue's `extra:` (site.extra) instead",
        ))
    });
    tera.autoescape_on(vec![".html"]);
    // Tera's own escaping also turns `/` into `&#x2F;`, which is safe but makes
    // every href unreadable.
    tera.set_escape_fn(crate::html::escaped);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
    )
    .map_err(|source| Error::Template {
        name: "(compiling the theme)".to_string(),
        source,
    })?;
    Ok(tera)
}

/// `t(key="nav.timeline")` in a template: the interface's words under `key`, with the
/// other arguments put in by name, and a count's form picked by `n`
/// (`t(key="count.documents", n=3)`). A key that no translation has is an error, so a
/// theme's mistyped key fails the build instead of showing nothing.
struct Translate(Arc<Interface>);

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs key=\"section.name\""))?;
        if self.0.message(key).is_none() {
            return Err(tera::Error::msg(format!(
                "no interface string `{key}`: the keys are those of src/i18n/translations/en.toml, or the collection's i18n/<language>.toml"
            )));
        }
        let values: Vec<(&str, String)> = args
            .iter()
            .filter(|(name, _)| name.as_str() != "key" && name.as_str() != "n")
            .map(|(name, value)| {
                let text = match value {
                    tera::Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                (name.as_str(), text)
            })
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(name, text)| (*name, text.as_str())).collect();
        let text = match args.get("n").and_then(tera::Value::as_u64) {
            Some(n) => self.0.count(key, n as usize, &values),
            None => self.0.format(key, &values),
        };
        Ok(tera::Value::String(text))
    }

    fn is_safe(&self) -> bool {
        false
    }
}
