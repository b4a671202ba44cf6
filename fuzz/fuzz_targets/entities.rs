//! The entity matcher on any names and text: matches lie inside the text, on character
//! boundaries, in order, without overlap, each exactly a name of its entity.
#![no_main]

use dossier::catalog::{EntityDef, EntityKind};
use dossier::entities::EntityMatcher;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    // The first line holds names separated by `|`; the rest is the text.
    let (names, text) = input.split_once('\n').unwrap_or((input, ""));
    let entities: Vec<EntityDef> = names
        .split('|')
        .take(64)
        .enumerate()
        .map(|(i, name)| EntityDef {
            id: format!("e{i}"),
            name: name.to_string(),
            kind: EntityKind::Person,
            aliases: Vec::new(),
            note: None,
            links: Vec::new(),
            family: None,
            given: None,
        })
        .collect();
    let matcher = EntityMatcher::new(&entities);
    let mut previous_end = 0;
    for found in matcher.find(text) {
        assert!(found.start >= previous_end && found.start < found.end && found.end <= text.len());
        assert!(text.is_char_boundary(found.start) && text.is_char_boundary(found.end));
        let matched = &text[found.start..found.end];
        assert!(entities.iter().any(|e| e.name.trim() == matched));
        previous_end = found.end;
    }
});
