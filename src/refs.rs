//! Typed references into the site model: a document or an entity by its place in the
//! model's list, so that what a list holds says what it refers to, and an entity's
//! place cannot be taken for a document's. Every stage may use them; they import
//! nothing.

use serde::Serialize;

macro_rules! reference {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub struct $name(u32);

        impl $name {
            /// The reference to the item at `index` of its list.
            pub fn new(index: usize) -> $name {
                // Lists of more than four billion documents or entities are not made.
                $name(u32::try_from(index).unwrap_or(u32::MAX))
            }

            /// The item's place in its list.
            pub const fn index(self) -> usize {
                self.0 as usize
            }

            /// Every reference into a list of `count` items, in order.
            pub fn all(count: usize) -> impl DoubleEndedIterator<Item = $name> + ExactSizeIterator {
                (0..count).map($name::new)
            }
        }
    };
}

reference!(
    /// A document, by its place in the site model's documents (the catalogue's order).
    DocumentRef
);
reference!(
    /// An entity, by its place in the catalogue's entities.
    EntityRef
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_gives_back_its_place() {
        assert_eq!(DocumentRef::new(7).index(), 7);
        assert_eq!(EntityRef::all(3).map(EntityRef::index).collect::<Vec<_>>(), [0, 1, 2]);
        assert!(DocumentRef::new(2) < DocumentRef::new(10));
    }
}
