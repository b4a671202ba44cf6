//! The crate's stages import only the stages before them: no module of `src/`, nor any
//! of their sub-modules (`render::views` and `render::pagination` count as two), is
//! reached again by what it imports. Each file is parsed (syn), and every path it
//! names that starts in the crate (`crate::`, `super::`, `self::`, or a child module
//! from its parent) is an edge to the deepest module the path names; tests
//! (`#[cfg(test)]`) are left out. An import cycle fails with its modules and the files
//! and paths that make it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

use crate::common::repo_path;

/// A module of the crate, by its path (`render::views`; empty for the crate's root):
/// its file.
struct Module {
    file: PathBuf,
}

fn modules(src: &Path) -> BTreeMap<Vec<String>, Module> {
    let mut modules = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.expect("a file of src/");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(src).expect("inside src/").with_extension("");
        let mut parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
            parts.pop();
        }
        // main.rs is a binary of its own, beside the library.
        if relative == Path::new("main") {
            continue;
        }
        modules.insert(
            parts,
            Module {
                file: path.to_path_buf(),
            },
        );
    }
    modules
}

/// Every path a file names that may lead into the crate, as written, each with the
/// inline modules (`mod erased { … }`) it is written in.
#[derive(Default)]
struct Paths {
    found: Vec<(Vec<String>, Vec<String>)>,
    inline: Vec<String>,
    /// The modules it declares (`mod views;`), which its plain paths may start with.
    children: BTreeSet<String>,
}

fn is_test_only(attributes: &[syn::Attribute]) -> bool {
    attributes.iter().any(|attribute| {
        attribute.path().is_ident("cfg") && {
            let mut test = false;
            let _ = attribute.parse_nested_meta(|meta| {
                test |= meta.path.is_ident("test");
                Ok(())
            });
            test
        }
    })
}

fn flatten(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            flatten(&path.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(name) => {
            let mut full = prefix.clone();
            full.push(name.ident.to_string());
            out.push(full);
        }
        syn::UseTree::Rename(rename) => {
            let mut full = prefix.clone();
            full.push(rename.ident.to_string());
            out.push(full);
        }
        syn::UseTree::Glob(_) => out.push(prefix.clone()),
        syn::UseTree::Group(group) => {
            for item in &group.items {
                flatten(item, prefix, out);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attributes: &[syn::Attribute] = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            syn::Item::Const(c) => &c.attrs,
            syn::Item::Static(s) => &s.attrs,
            _ => &[],
        };
        if is_test_only(attributes) {
            return;
        }
        match item {
            syn::Item::Mod(module) if module.content.is_none() => {
                self.children.insert(module.ident.to_string());
            }
            syn::Item::Mod(module) => {
                self.inline.push(module.ident.to_string());
                syn::visit::visit_item(self, item);
                self.inline.pop();
                return;
            }
            syn::Item::Use(used) => {
                let mut paths = Vec::new();
                flatten(&used.tree, &mut Vec::new(), &mut paths);
                self.found
                    .extend(paths.into_iter().map(|path| (self.inline.clone(), path)));
                return;
            }
            _ => {}
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() {
            let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
            self.found.push((self.inline.clone(), segments));
        }
        syn::visit::visit_path(self, path);
    }

    /// `pub(super)` and `pub(crate)` say who may see an item, not what it uses.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}
}

/// The module a path written in `from` leads to, if it leads into the crate: the
/// deepest module it names, or the module its item is in (`super::Shared` is the
/// parent, `crate::validate` the crate's root).
fn target(
    from: &[String],
    children: &BTreeSet<String>,
    path: &[String],
    known: &BTreeMap<Vec<String>, Module>,
) -> Option<Vec<String>> {
    let (mut base, rest): (Vec<String>, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (from.to_vec(), &path[1..]),
        Some("super") => {
            let mut base = from.to_vec();
            let mut at = 0;
            while path.get(at).map(String::as_str) == Some("super") {
                base.pop();
                at += 1;
            }
            (base, &path[at..])
        }
        Some(first) if children.contains(first) => (from.to_vec(), path),
        _ => return None,
    };
    for segment in rest {
        base.push(segment.clone());
        if !known.contains_key(&base) {
            base.pop();
            break;
        }
    }
    Some(base)
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    }
}

/// Tarjan's strongly connected components of more than one module.
fn cycles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on_stack: BTreeSet<&'a Vec<String>>,
        found: Vec<Vec<Vec<String>>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a Vec<String>) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.edges.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w.clone());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

#[test]
fn no_module_of_the_crate_imports_itself_through_another() {
    let src = repo_path("src");
    let known = modules(&src);
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    // Each edge with the file and path that makes it, for the message.
    let mut why: BTreeMap<(Vec<String>, Vec<String>), String> = BTreeMap::new();
    for (from, module) in &known {
        let text = std::fs::read_to_string(&module.file).expect("a source file");
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", module.file.display()));
        let mut paths = Paths::default();
        paths.visit_file(&file);
        edges.entry(from.clone()).or_default();
        for (inline, path) in &paths.found {
            let here: Vec<String> = from.iter().chain(inline).cloned().collect();
            let children = if inline.is_empty() {
                &paths.children
            } else {
                &BTreeSet::new()
            };
            let Some(to) = target(&here, children, path, &known) else {
                continue;
            };
            if &to != from && known.contains_key(&to) {
                why.entry((from.clone(), to.clone())).or_insert_with(|| {
                    format!(
                        "{} -> {} ({}: {})",
                        name(from),
                        name(&to),
                        module.file.strip_prefix(&src).unwrap_or(&module.file).display(),
                        path.join("::")
                    )
                });
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    assert!(edges.len() > 20, "the crate's modules were found: {:?}", edges.keys());
    let found = cycles(&edges);
    let report: Vec<String> = found
        .iter()
        .map(|component| {
            let members: BTreeSet<&Vec<String>> = component.iter().collect();
            let inside: Vec<&String> = why
                .iter()
                .filter(|((a, b), _)| members.contains(a) && members.contains(b))
                .map(|(_, line)| line)
                .collect();
            format!(
                "{}:\n  {}",
                component.iter().map(|m| name(m)).collect::<Vec<_>>().join(", "),
                inside.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  ")
            )
        })
        .collect();
    assert!(report.is_empty(), "import cycles:\n{}", report.join("\n\n"));
}

/// The checker sees a cycle where there is one, so a clean result means something.
#[test]
fn a_cycle_between_two_modules_is_found() {
    let a = vec!["a".to_string()];
    let b = vec!["b".to_string()];
    let c = vec!["c".to_string()];
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    edges.entry(a.clone()).or_default().insert(b.clone());
    edges.entry(b.clone()).or_default().insert(a.clone());
    edges.entry(c.clone()).or_default().insert(a.clone());
    assert_eq!(cycles(&edges), [vec![a, b]]);
}
