//! The site model: the documents and everything that connects them.
//!
//! Built once from the catalogue and the documents, it answers the questions pages
//! ask: which document has this id or comes from this source file, what a collection
//! or an entity is called, whether a name in `authors` is an entity of the registry.

use std::collections::HashMap;

use crate::catalog::{Catalog, CollectionDef, EntityDef};
use crate::document::Document;

/// The archive as the pages see it.
#[derive(Debug)]
pub struct Archive {
    pub title: String,
    pub description: Option<String>,
    pub language: Option<String>,
    pub base_url: Option<String>,
    pub theme: String,
    /// Markdown, from the catalogue's body.
    pub introduction: String,
    pub collections: Vec<CollectionDef>,
    pub entities: Vec<EntityDef>,
    /// In the catalogue's order, then uncatalogued documents by path.
    pub documents: Vec<Document>,
    by_id: HashMap<String, usize>,
    by_source: HashMap<String, usize>,
    entity_by_key: HashMap<String, usize>,
}

impl Archive {
    pub fn new(catalog: Catalog, documents: Vec<Document>) -> Archive {
        let by_id = documents.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
        let by_source = documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.source.clone(), i))
            .collect();
        // An author may be written as an entity's id or its exact name.
        let mut entity_by_key = HashMap::new();
        for (index, entity) in catalog.entities.iter().enumerate() {
            entity_by_key.entry(entity.name.clone()).or_insert(index);
        }
        for (index, entity) in catalog.entities.iter().enumerate() {
            entity_by_key.insert(entity.id.clone(), index);
        }
        Archive {
            title: catalog.title,
            description: catalog.description,
            language: catalog.language,
            base_url: catalog.base_url,
            theme: catalog.theme,
            introduction: catalog.introduction,
            collections: catalog.collections,
            entities: catalog.entities,
            documents,
            by_id,
            by_source,
            entity_by_key,
        }
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.by_id.get(id).map(|&i| &self.documents[i])
    }

    /// The document made from a source path relative to the collection.
    pub fn document_from_source(&self, relative: &str) -> Option<&Document> {
        self.by_source.get(relative).map(|&i| &self.documents[i])
    }

    pub fn collection(&self, id: &str) -> Option<&CollectionDef> {
        self.collections.iter().find(|c| c.id == id)
    }

    /// The entity an author or recipient names, by id or exact name.
    pub fn entity(&self, id_or_name: &str) -> Option<&EntityDef> {
        self.entity_by_key.get(id_or_name).map(|&i| &self.entities[i])
    }
}
