//! What linking a document's text needs, apart from the model's types and from the
//! editors' writing, so that both can use it: the model keeps a [`Linking`] to link a
//! transcription again as its page is rendered, and the site model's builder links
//! every text with it first.

use crate::catalog::EntityDef;
use crate::crossrefs::CrossReferences;
use crate::entities::{EntityMatcher, Linker, Mention};
use crate::reflow::{self, Block};
use crate::urls;

/// What linking a document's text needs: the names to find, the entities they are,
/// and the cross-reference forms with the documents' numbers. The model keeps it, so
/// that a transcription's HTML is made again as its page is rendered
/// ([`transcript_html`]) instead of being held for every document at once.
pub(crate) struct Linking {
    pub(super) matcher: EntityMatcher,
    pub(super) entities: Vec<EntityDef>,
    pub(super) references: CrossReferences,
    /// The interface's words, for the titles of a text's editorial marks.
    pub(super) words: std::sync::Arc<crate::i18n::Interface>,
}

impl std::fmt::Debug for Linking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linking")
            .field("entities", &self.entities.len())
            .finish_non_exhaustive()
    }
}

/// A transcription's blocks as HTML with entity names and cross-references linked,
/// the mentions found, and the ids of the documents it links to: the same every time
/// for the same blocks and registry.
pub(crate) fn transcript_html(linking: &Linking, id: &str, blocks: &[Block]) -> (String, Vec<Mention>, Vec<String>) {
    let page = urls::document(id);
    let entity_href = |id: &str| urls::href(&page, &urls::entity(id));
    let document_href = |id: &str| urls::href(&page, &urls::document(id));
    let mut linker = Linker::new(&linking.matcher, &linking.entities, &entity_href).with_references(
        &linking.references,
        &document_href,
        id,
    );
    let html = reflow::to_html(blocks, &linking.words, &mut |html, text, voice| {
        linker.write_as(html, text, voice)
    });
    (html, linker.mentions, linker.documents_linked)
}
