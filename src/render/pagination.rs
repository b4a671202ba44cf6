//! Long lists cut into pages: a subject given to thousands of documents, the entity
//! named in most of them. Each page of a list is a file of its own, so a list stays
//! quick to load, works without JavaScript, and from disk.

use std::ops::Range;

use serde::Serialize;

use crate::urls;

/// Documents a page of a list of documents shows (the home page, a year, a
/// collection, a subject).
pub const DOCUMENTS_PER_PAGE: usize = 100;
/// Documents an entity's page shows, each with its lines of context: a page of 200
/// is still short to read and to load, and the names every document mentions no
/// longer take a file for every 50 documents (8,700 entity pages of 2,000 entities at
/// 10,000 documents with 50; about 3,000 with 200).
pub const APPEARANCES_PER_PAGE: usize = 200;
/// Documents by, and documents to, an entity that its own page lists, the earliest
/// first; when it has more, all of them are on lists of their own, paged as documents.
pub const CORRESPONDENCE_ON_ENTITY_PAGE: usize = 20;
/// Entries a page of a directory shows (people, places, subjects, …): most
/// archives' directories fit on one page, grouped by letter.
pub const DIRECTORY_ENTRIES_PER_PAGE: usize = 1_000;

/// One page of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// From 1.
    pub number: usize,
    /// How many pages the list has.
    pub count: usize,
    /// How many items the whole list has.
    pub total: usize,
    per_page: usize,
}

impl Page {
    /// The first page of a list, as a list of one page shows it all.
    pub fn whole(total: usize) -> Page {
        Page {
            number: 1,
            count: 1,
            total,
            per_page: total.max(1),
        }
    }

    /// The positions of the items this page shows.
    pub fn range(&self) -> Range<usize> {
        let start = (self.number - 1) * self.per_page;
        start.min(self.total)..(start + self.per_page).min(self.total)
    }

    /// The number of the page of this list that shows the item at `position` (from 0).
    pub fn page_holding(&self, position: usize) -> usize {
        position / self.per_page + 1
    }

    /// Whether this is the first page of its list.
    pub fn is_first(&self) -> bool {
        self.number == 1
    }
}

/// The pages of a list of `total` items, `per_page` a page. An empty list has one
/// page, which says the list is empty.
pub fn pages(total: usize, per_page: usize) -> impl Iterator<Item = Page> {
    let per_page = per_page.max(1);
    let count = total.div_ceil(per_page).max(1);
    (1..=count).map(move |number| Page {
        number,
        count,
        total,
        per_page,
    })
}

/// Each page of a list of `total` items whose first page is at `first`, with its path.
pub fn paths(first: &str, total: usize, per_page: usize) -> impl Iterator<Item = (String, Page)> + '_ {
    pages(total, per_page).map(move |part| (urls::page_of(first, part.number), part))
}

/// The links between the pages of a list, for the page at `from`, whose list's first
/// page is `first`.
#[derive(Debug, Serialize)]
pub struct PaginationView {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has.
    pub count: usize,
    /// Positions (from 1) of the first and last item this page shows, of `total`.
    pub first_item: usize,
    /// The position of the last item this page shows.
    pub last_item: usize,
    /// How many items the list has.
    pub total: usize,
    /// The previous page, from this one.
    pub previous_href: Option<String>,
    /// The next page, from this one.
    pub next_href: Option<String>,
    /// The first and last pages and those near this one.
    pub links: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
/// A link to one page of a list.
pub struct PageLink {
    /// The page's number, from 1.
    pub number: usize,
    /// `None` for the page itself.
    pub href: Option<String>,
    /// Whether pages are left out between this link and the one before.
    pub after_gap: bool,
}

/// The page's links to the other pages of its list, or `None` for a list of one page.
pub fn view(page: Page, first: &str, from: &str) -> Option<PaginationView> {
    if page.count <= 1 {
        return None;
    }
    let href = |number: usize| urls::href(from, &urls::page_of(first, number));
    let near = |number: usize| number == 1 || number == page.count || number.abs_diff(page.number) <= 2;
    let mut links = Vec::new();
    let mut last_shown = 0;
    for number in (1..=page.count).filter(|&n| near(n)) {
        links.push(PageLink {
            number,
            href: (number != page.number).then(|| href(number)),
            after_gap: number > last_shown + 1,
        });
        last_shown = number;
    }
    let range = page.range();
    Some(PaginationView {
        number: page.number,
        count: page.count,
        first_item: range.start + 1,
        last_item: range.end,
        total: page.total,
        previous_href: (page.number > 1).then(|| href(page.number - 1)),
        next_href: (page.number < page.count).then(|| href(page.number + 1)),
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_cut_into_full_pages_and_a_last_partial_one() {
        let all: Vec<Page> = pages(250, 100).collect();
        assert_eq!(all.len(), 3);
        assert_eq!(
            all.iter().map(Page::range).collect::<Vec<_>>(),
            [0..100, 100..200, 200..250]
        );
        let empty: Vec<Page> = pages(0, 100).collect();
        assert_eq!((empty.len(), empty[0].range()), (1, 0..0));
        assert_eq!(pages(100, 100).count(), 1);
        assert_eq!(
            [0, 99, 100, 249].map(|position| all[2].page_holding(position)),
            [1, 1, 2, 3]
        );
    }

    #[test]
    fn a_page_links_to_the_ends_and_its_neighbours() {
        let page = pages(2_000, 100).nth(9).expect("page 10");
        let view = view(page, "subjects/trade/index.html", "subjects/trade/page/10/index.html").expect("links");
        let numbers: Vec<(usize, bool, bool)> = view
            .links
            .iter()
            .map(|l| (l.number, l.href.is_none(), l.after_gap))
            .collect();
        assert_eq!(
            numbers,
            [
                (1, false, false),
                (8, false, true),
                (9, false, false),
                (10, true, false),
                (11, false, false),
                (12, false, false),
                (20, false, true)
            ]
        );
        assert_eq!((view.first_item, view.last_item, view.total), (901, 1000, 2000));
        assert_eq!(
            view.links[0].href.as_deref(),
            Some("../../../../subjects/trade/index.html")
        );
        assert_eq!(
            view.next_href.as_deref(),
            Some("../../../../subjects/trade/page/11/index.html")
        );
        assert!(super::view(Page::whole(30), "index.html", "index.html").is_none());
    }
}
