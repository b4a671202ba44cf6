//! The look of an archive: tera templates and static files.
//!
//! The default theme (`themes/default/` in this repository) is compiled into the
//! binary, so `dossier build` works on a collection anywhere on disk. A collection
//! changes it one file at a time, like mdBook: a theme of its own under
//! `themes/<name>/` (picked with `theme:` in the catalogue) replaces the default's
//! files of the same name, and a template in the collection's `templates/` folder
//! replaces the theme's template of the same name.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{include_dir, Dir};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::{self, Translation};
use crate::sources;

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Templates by name (`document.html`) and static files by path (`style.css`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Theme {
    pub templates: BTreeMap<String, String>,
    pub assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The theme compiled into the binary.
    pub(crate) fn builtin() -> Theme {
        let mut theme = Theme::default();
        for file in all_files(&DEFAULT_THEME) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                theme
                    .templates
                    .insert(name.to_string(), String::from_utf8_lossy(file.contents()).into_owned());
            } else if let Some(name) = path.strip_prefix("static/") {
                theme.assets.insert(name.to_string(), file.contents().to_vec());
            }
        }
        theme
    }
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(all_files(sub));
    }
    files
}

/// The theme a collection asks for, with its overrides laid over the default. Every
/// file is read through [`sources::read_folder`], so a theme or template folder that
/// links out of the collection is refused.
pub(crate) fn load(collection: &Path, name: &str) -> Result<Theme, Diagnostics> {
    let mut theme = Theme::builtin();
    let mut diagnostics = Diagnostics::default();
    let root = sources::real_root(collection).map_err(|d| Diagnostics(vec![d]))?;
    let own = collection.join("themes").join(name);
    if own.is_dir() {
        overlay(
            &mut theme,
            &root,
            &own.join("templates"),
            Some(&own.join("static")),
            &mut diagnostics,
        );
    } else if name != "default" {
        diagnostics.push(Diagnostic::error(
            collection.join(sources::INDEX_FILE),
            None,
            "theme",
            format!("no theme `{name}`: expected a folder {}", own.display()),
        ));
    }
    overlay(&mut theme, &root, &collection.join("templates"), None, &mut diagnostics);
    diagnostics.into_result().map(|_| theme)
}

/// A collection's own interface translations (`i18n/<language>.toml`), by language
/// tag, read by the same rules as its theme's files.
pub(crate) fn translations(collection: &Path) -> Result<BTreeMap<String, Translation>, Diagnostics> {
    let folder = collection.join(i18n::FOLDER);
    let mut found = BTreeMap::new();
    if !folder.is_dir() {
        return Ok(found);
    }
    let root = sources::real_root(collection).map_err(|d| Diagnostics(vec![d]))?;
    let mut diagnostics = Diagnostics::default();
    for (name, bytes) in sources::read_folder(&root, &folder)? {
        let Some(language) = name.strip_suffix(".toml").filter(|l| !l.contains('/')) else {
            continue;
        };
        let path = folder.join(&name);
        match String::from_utf8(bytes) {
            Ok(text) => {
                found.insert(language.to_string(), Translation { path, text });
            }
            Err(_) => diagnostics.push(Diagnostic::error(path, None, "", "a translation must be UTF-8 text")),
        }
    }
    diagnostics.into_result().map(|_| found)
}

fn overlay(theme: &mut Theme, root: &Path, templates: &Path, assets: Option<&Path>, diagnostics: &mut Diagnostics) {
    if templates.is_dir() {
        match sources::read_folder(root, templates) {
            Ok(files) => {
                for (name, bytes) in files.into_iter().filter(|(n, _)| n.ends_with(".html")) {
                    match String::from_utf8(bytes) {
                        Ok(text) => {
                            theme.templates.insert(name, text);
                        }
                        Err(_) => diagnostics.push(Diagnostic::error(
                            templates.join(&name),
                            None,
                            "",
                            "a template must be UTF-8 text",
                        )),
                    }
                }
            }
            Err(problems) => diagnostics.extend(problems),
        }
    }
    if let Some(assets) = assets.filter(|assets| assets.is_dir()) {
        match sources::read_folder(root, assets) {
            Ok(files) => theme.assets.extend(files),
            Err(problems) => diagnostics.extend(problems),
        }
    }
}
