//! Finding the people, organizations and places of the registry in a document's text.
//!
//! Every name and alias is one pattern of a single Aho-Corasick automaton, so a text
//! is scanned once however many entities there are. The rules (from `docs/catalogue.md`): a
//! name matches as written (case included), as a whole word (never inside a longer
//! word), and where names overlap the leftmost wins, and of those starting at one
//! place the longest (`Kim Il Sung` is never `Kim Il`). Callers decide where matching happens at all: never inside a
//! link, code, a heading or an attribute.
//!
//! Texts write the apostrophe three ways — `'` (U+0027), `’` (U+2019) and `ʼ` (U+02BC,
//! which Unicode counts as a letter) — and a name matches whichever its text uses: a
//! name with an apostrophe is a pattern in each spelling, and an apostrophe after a
//! name ends the word, so `Khrushchevʼs` and `Khrushchev’s` are mentions of
//! Khrushchev. The page still shows the source's character.

use std::collections::HashMap;
use std::fmt::Write;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::catalog::EntityDef;
use crate::html::push_escaped;
use crate::refs::EntityRef;

/// A found name: the byte range in the text and the entity's index in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    /// Where the name starts in the text, in bytes.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// The entity's index in the registry.
    pub entity: usize,
}

/// The automaton of every entity's names, built once per build.
pub struct EntityMatcher {
    automaton: Option<AhoCorasick>,
    /// The entity of each pattern.
    pattern_entity: Vec<usize>,
}

impl EntityMatcher {
    /// A matcher of every name and alias of `entities`.
    pub fn new(entities: &[EntityDef]) -> EntityMatcher {
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entity = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (index, entity) in entities.iter().enumerate() {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                for spelling in apostrophe_spellings(name.trim()) {
                    // A name given twice belongs to its first entity.
                    if spelling.is_empty() || seen.contains_key(&spelling) {
                        continue;
                    }
                    seen.insert(spelling.clone(), index);
                    patterns.push(spelling);
                    pattern_entity.push(index);
                }
            }
        }
        // Standard semantics report every overlapping match; the choice between them
        // (whole words, longest first) is made in `find`.
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .ok()
        };
        EntityMatcher {
            automaton,
            pattern_entity,
        }
    }

    /// The names in `text`: whole words, longest first, no two overlapping.
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<NameMatch> = automaton
            .find_overlapping_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .map(|m| NameMatch {
                start: m.start(),
                end: m.end(),
                entity: self.pattern_entity[m.pattern().as_usize()],
            })
            .collect();
        // Leftmost first and, at one start, longest first; a candidate overlapping the
        // one chosen before it is dropped.
        candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut chosen: Vec<NameMatch> = Vec::new();
        let mut taken_until = 0;
        for candidate in candidates {
            if candidate.start >= taken_until {
                taken_until = candidate.end;
                chosen.push(candidate);
            }
        }
        chosen
    }
}

/// The apostrophes a text may write, the same to a reader.
pub const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{2bc}'];

/// `Workers' Party` as each apostrophe writes it: itself when it has none.
fn apostrophe_spellings(name: &str) -> Vec<String> {
    if !name.contains(APOSTROPHES) {
        return vec![name.to_string()];
    }
    APOSTROPHES
        .iter()
        .map(|apostrophe| name.replace(APOSTROPHES, &apostrophe.to_string()))
        .collect()
}

/// A name is a whole word when no letter or digit touches either end.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// U+02BC is a letter to Unicode, but an apostrophe to the texts that use it.
fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && c != '\u{2bc}'
}

/// One mention of an entity in a document, for the entity's page. Small: an archive
/// has tens of mentions a document, and the site model holds them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The entity named.
    pub entity: EntityRef,
    /// Its number among the document's mentions of the entity, from 1: the link's id
    /// in the page is [`anchor`]`(entity, number)`.
    pub number: u32,
    /// A hash of what the mention shows (anchor, name, the words around), so that an
    /// entity page's inputs are hashed without reading every snippet again.
    pub digest: u64,
    /// The words around it, for the first mentions of the entity
    /// ([`SNIPPETS_KEPT`]).
    pub context: Option<Box<Context>>,
}

/// A mention in its text, for a keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// Words before the mention.
    pub before: String,
    /// The name as the text writes it.
    pub name: String,
    /// Words after it.
    pub after: String,
}

/// The id of a mention's link in its document's page: `m-kim-il-sung-2`.
pub fn anchor(entity_id: &str, number: u32) -> String {
    format!("m-{entity_id}-{number}")
}

/// A mention's digest: what its entity's page shows of it.
fn digest(anchor: &str, before: &str, name: &str, after: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    (anchor, before, name, after).hash(&mut hasher);
    hasher.finish()
}

/// How many mentions of one entity in one document keep their context: the first.
/// An entity's page shows it in context and links every other mention by number,
/// so that each mention is reachable and the page stays small.
pub const SNIPPETS_KEPT: usize = 1;

/// How many characters of context a snippet keeps on each side.
const CONTEXT_CHARS: usize = 60;

/// Writes text as HTML with every entity name linked, recording each mention.
/// One `Linker` serves one document, so anchors are numbered per document.
/// The catalogue's cross-reference forms, the href of a document's page by id, and the
/// id of the document being written.
type References<'a> = (
    &'a crate::crossrefs::CrossReferences,
    &'a dyn Fn(&str) -> String,
    &'a str,
);

/// An editor's link to an entity, opened and not yet closed.
pub struct OpenMention {
    entity: usize,
    number: u32,
    anchor: String,
}

/// Writes text as HTML with the names of entities (and cross-references) linked, recording each mention.
pub struct Linker<'a> {
    matcher: &'a EntityMatcher,
    entities: &'a [EntityDef],
    /// The href of an entity's page from the page being written.
    entity_href: &'a dyn Fn(&str) -> String,
    counts: HashMap<usize, u32>,
    /// The mentions written so far, in text order.
    pub mentions: Vec<Mention>,
    /// The catalogue's cross-reference forms, the href of a document's page by id, and
    /// the id of the document being written (which a reference to itself leaves text).
    references: Option<References<'a>>,
    /// The documents cross-references in the text lead to, by id, each once.
    pub documents_linked: Vec<String>,
}

impl<'a> Linker<'a> {
    /// A linker of the names `matcher` finds, `entity_href` giving each entity's page.
    pub fn new(matcher: &'a EntityMatcher, entities: &'a [EntityDef], entity_href: &'a dyn Fn(&str) -> String) -> Self {
        Linker {
            matcher,
            entities,
            entity_href,
            counts: HashMap::new(),
            mentions: Vec::new(),
            references: None,
            documents_linked: Vec::new(),
        }
    }

    /// Links "No. 84" and the like to the document of that number, as well.
    pub fn with_references(
        mut self,
        references: &'a crate::crossrefs::CrossReferences,
        document_href: &'a dyn Fn(&str) -> String,
        this_document: &'a str,
    ) -> Self {
        if !references.is_empty() {
            self.references = Some((references, document_href, this_document));
        }
        self
    }

    /// The opening tag of an editor's link to an entity (`[the Chairman](entity:kim)`),
    /// as the link of a name found in the text, with its anchor; none for an id
    /// that names no entity (the link is reported as broken instead).
    pub fn open_mention(&mut self, id: &str, fragment: &str) -> Option<(OpenMention, String)> {
        let index = self.entities.iter().position(|e| e.id == id)?;
        let entity = &self.entities[index];
        let count = self.counts.entry(index).or_insert(0);
        *count += 1;
        let anchor = format!("m-{}-{count}", entity.id);
        let mut html = format!("<a class=\"entity\" id=\"{anchor}\" href=\"");
        push_escaped(&mut html, &(self.entity_href)(&entity.id));
        if !fragment.is_empty() {
            html.push('#');
            push_escaped(&mut html, fragment);
        }
        html.push_str("\" title=\"");
        push_escaped(&mut html, &entity.name);
        html.push_str("\">");
        Some((
            OpenMention {
                entity: index,
                number: *count,
                anchor,
            },
            html,
        ))
    }

    /// Records the mention an [`open_mention`](Self::open_mention) began, named by
    /// the link's text.
    pub fn close_mention(&mut self, open: OpenMention, name: &str) {
        self.mentions.push(Mention {
            entity: EntityRef::new(open.entity),
            number: open.number,
            digest: digest(&open.anchor, "", name, ""),
            context: (open.number as usize <= SNIPPETS_KEPT).then(|| {
                Box::new(Context {
                    before: String::new(),
                    name: name.to_string(),
                    after: String::new(),
                })
            }),
        });
    }

    /// Appends `text` to `html`, escaped, with each name a link to its entity's page
    /// and each cross-reference a link to its document's.
    pub fn write(&mut self, html: &mut String, text: &str) {
        self.write_as(html, text, crate::reflow::Voice::Source);
    }

    /// [`write`](Self::write) for text in a voice: the editor's words link their
    /// cross-references but make no mentions.
    pub fn write_as(&mut self, html: &mut String, text: &str, voice: crate::reflow::Voice) {
        let names = |linker: &mut Self, html: &mut String, text: &str| match voice {
            crate::reflow::Voice::Source => linker.write_names(html, text),
            crate::reflow::Voice::Editor => push_escaped(html, text),
        };
        let Some((references, document_href, this_document)) = self.references else {
            return names(self, html, text);
        };
        let mut written = 0;
        for reference in references.find(text) {
            if reference.document == this_document {
                continue;
            }
            names(self, html, &text[written..reference.start]);
            html.push_str("<a class=\"cross-reference\" href=\"");
            push_escaped(html, &document_href(&reference.document));
            html.push_str("\">");
            push_escaped(html, &text[reference.start..reference.end]);
            html.push_str("</a>");
            if !self.documents_linked.contains(&reference.document) {
                self.documents_linked.push(reference.document);
            }
            written = reference.end;
        }
        names(self, html, &text[written..]);
    }

    fn write_names(&mut self, html: &mut String, text: &str) {
        let mut written = 0;
        for found in self.matcher.find(text) {
            push_escaped(html, &text[written..found.start]);
            let entity = &self.entities[found.entity];
            let count = self.counts.entry(found.entity).or_insert(0);
            *count += 1;
            let anchor = anchor(&entity.id, *count);
            let name = &text[found.start..found.end];
            let _ = write!(html, "<a class=\"entity\" id=\"{anchor}\" href=\"");
            push_escaped(html, &(self.entity_href)(&entity.id));
            // The title gives the name where the text writes it otherwise ("KWP",
            // "the Chairman"): the page's one mark of it without scripts. A name
            // written as the registry writes it needs none, and every mention is
            // the most repeated markup of an archive.
            if name != entity.name {
                html.push_str("\" title=\"");
                push_escaped(html, &entity.name);
            }
            html.push_str("\">");
            push_escaped(html, name);
            html.push_str("</a>");
            // Only the first few mentions are shown in context; the rest keep none, so a
            // long text with thousands of mentions stays small.
            let context = (*count as usize <= SNIPPETS_KEPT).then(|| {
                Box::new(Context {
                    before: context_before(&text[..found.start]),
                    name: name.to_string(),
                    after: context_after(&text[found.end..]),
                })
            });
            let digest = match &context {
                Some(c) => digest(&anchor, &c.before, name, &c.after),
                None => digest(&anchor, "", name, ""),
            };
            self.mentions.push(Mention {
                entity: EntityRef::new(found.entity),
                number: *count,
                digest,
                context,
            });
            written = found.end;
        }
        push_escaped(html, &text[written..]);
    }
}

/// The last words before a mention, cut at a word boundary.
fn context_before(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= CONTEXT_CHARS {
        return text.trim_start().to_string();
    }
    let tail: String = chars[chars.len() - CONTEXT_CHARS..].iter().collect();
    match tail.find(char::is_whitespace) {
        Some(space) => format!("…{}", &tail[space..].trim_start()),
        None => format!("…{tail}"),
    }
}

/// The first words after a mention, cut at a word boundary.
fn context_after(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= CONTEXT_CHARS {
        return text.trim_end().to_string();
    }
    let head: String = chars[..CONTEXT_CHARS].iter().collect();
    match head.rfind(char::is_whitespace) {
        Some(space) => format!("{}…", head[..space].trim_end()),
        None => format!("{head}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::EntityKind;

    fn entity(id: &str, name: &str, aliases: &[&str]) -> EntityDef {
        EntityDef {
            id: id.to_string(),
            name: name.to_string(),
            kind: EntityKind::Person,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            note: None,
            links: Vec::new(),
            family: None,
            given: None,
        }
    }

    fn registry() -> Vec<EntityDef> {
        vec![
            entity("kim-il-sung", "Kim Il Sung", &["Kim Il-sung"]),
            entity("kim-il", "Kim Il", &[]),
            entity("ussr", "Soviet Union", &["USSR"]),
            entity("soviet", "Soviet", &[]),
            entity("zhou", "Zhou Enlai", &["Zhou Ènlái"]),
            entity("dong", "Phạm Văn Đồng", &["Đồng"]),
            entity("kwp", "KWP", &["Korean Workers' Party"]),
            entity("china", "China", &[]),
        ]
    }

    /// The entity ids found, with the text each was found as.
    fn found(text: &str) -> Vec<(String, String)> {
        let entities = registry();
        let matcher = EntityMatcher::new(&entities);
        matcher
            .find(text)
            .into_iter()
            .map(|m| (entities[m.entity].id.clone(), text[m.start..m.end].to_string()))
            .collect()
    }

    fn ids(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(id, _)| id).collect()
    }

    #[test]
    fn the_longest_overlapping_name_wins() {
        assert_eq!(ids("Kim Il Sung met Kim Il."), ["kim-il-sung", "kim-il"]);
        assert_eq!(ids("the Soviet Union and the Soviet side"), ["ussr", "soviet"]);
    }

    #[test]
    fn aliases_find_their_entity() {
        assert_eq!(
            found("Kim Il-sung and the USSR"),
            [
                ("kim-il-sung".to_string(), "Kim Il-sung".to_string()),
                ("ussr".to_string(), "USSR".to_string()),
            ]
        );
        assert_eq!(ids("the Korean Workers' Party (KWP)"), ["kwp", "kwp"]);
    }

    #[test]
    fn punctuation_ends_a_name() {
        assert_eq!(ids("Kim Il, in particular,"), ["kim-il"]);
        assert_eq!(ids("(Kim Il Sung)"), ["kim-il-sung"]);
        assert_eq!(ids("\"KWP\"; KWP's report"), ["kwp", "kwp"]);
    }

    #[test]
    fn names_at_the_start_and_end_of_the_text_match() {
        assert_eq!(ids("China"), ["china"]);
        assert_eq!(ids("China and the KWP"), ["china", "kwp"]);
    }

    #[test]
    fn names_inside_other_words_never_match() {
        assert!(ids("Chinese Sovietization KWPs UnChina").is_empty());
        assert!(ids("Kim Ilsung and KimIl Sung").is_empty());
        assert!(ids("the kwp and china").is_empty(), "case as written");
    }

    #[test]
    fn a_longer_name_that_is_not_a_whole_word_gives_way_to_a_shorter_one() {
        // "Kim Il Sungri" is no name, but "Kim Il" before it is.
        assert_eq!(found("Kim Il Sungri"), [("kim-il".to_string(), "Kim Il".to_string())]);
    }

    #[test]
    fn unicode_names_match_as_whole_words() {
        assert_eq!(ids("Zhou Ènlái met Đồng; Zhou Enlai too."), ["zhou", "dong", "zhou"]);
        assert_eq!(ids("Phạm Văn Đồng"), ["dong"]);
        assert!(ids("ĐồngX").is_empty());
        assert!(ids("XĐồng").is_empty());
    }

    #[test]
    fn a_possessive_is_a_mention_whichever_apostrophe_writes_it() {
        for text in ["China's", "China\u{2019}s", "China\u{2bc}s"] {
            assert_eq!(found(text), [("china".to_string(), "China".to_string())], "{text}");
        }
        // Quoted with U+02BC, which Unicode counts as a letter, the name is still whole.
        assert_eq!(ids("\u{2bc}China\u{2bc}"), ["china"]);
        assert!(ids("Chinas").is_empty());
    }

    #[test]
    fn a_name_with_an_apostrophe_matches_each_spelling_of_it() {
        for text in [
            "the Korean Workers' Party",
            "the Korean Workers\u{2019} Party",
            "the Korean Workers\u{2bc} Party",
        ] {
            let found = found(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].0, "kwp");
            assert!(
                text.ends_with(&found[0].1),
                "the source's own character is kept: {text}"
            );
        }
    }

    #[test]
    fn linked_text_is_escaped_and_numbered_per_entity() {
        let entities = registry();
        let matcher = EntityMatcher::new(&entities);
        let href = |id: &str| format!("../../entities/{id}/index.html");
        let mut linker = Linker::new(&matcher, &entities, &href);
        let mut html = String::new();
        linker.write(&mut html, "<China> & China");
        assert_eq!(
            html,
            "&lt;<a class=\"entity\" id=\"m-china-1\" href=\"../../entities/china/index.html\">China</a>&gt; &amp; <a class=\"entity\" id=\"m-china-2\" href=\"../../entities/china/index.html\">China</a>"
        );
        assert_eq!(linker.mentions.len(), 2);
        // The first mention keeps its context for the entity's page; the others are
        // linked there by number.
        assert_eq!(
            linker.mentions[0].context.as_ref().map(|c| c.after.as_str()),
            Some("> & China")
        );
        assert_eq!(linker.mentions[1].context, None);
        assert_eq!(linker.mentions[1].number, 2);
        // A name written otherwise than the registry writes it is titled with it.
        let mut html = String::new();
        linker.write(&mut html, "the USSR");
        assert!(html.contains("title=\"Soviet Union\">USSR</a>"), "{html}");
    }

    #[test]
    fn snippets_are_cut_at_words() {
        let before = "word ".repeat(30);
        assert!(context_before(&before).starts_with("…word"));
        assert!(context_before(&before).chars().count() <= CONTEXT_CHARS + 1);
        let after = " word".repeat(30);
        assert!(context_after(&after).ends_with("word…"));
    }
}
