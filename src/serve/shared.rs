//! What the watching thread and the request loop share: the last good build, the
//! last error, and a count of the builds that should reload open pages.

use std::sync::{Arc, RwLock};

use crate::session::Site;

/// What the request threads answer from.
pub(crate) struct Shared {
    pub(super) published: RwLock<Published>,
    /// Counts the builds that should reload open pages; each page's reload channel
    /// waits for it to change.
    pub(super) reloads: tokio::sync::watch::Sender<u64>,
}

pub(super) struct Published {
    pub(super) site: Arc<Site>,
    /// The report of the build that failed after `site` was built, as plain text.
    pub(super) error: Option<String>,
}

impl Shared {
    /// Serves `site` from now on; `reload` tells open pages to load again.
    pub(super) fn publish(&self, site: Arc<Site>, error: Option<String>, reload: bool) {
        if let Ok(mut published) = self.published.write() {
            *published = Published { site, error };
        }
        if reload {
            self.reloads.send_modify(|count| *count = count.wrapping_add(1));
        }
    }

    pub(super) fn current(&self) -> (Arc<Site>, Option<String>) {
        match self.published.read() {
            Ok(published) => (Arc::clone(&published.site), published.error.clone()),
            Err(_) => (Arc::new(Site::default()), None),
        }
    }
}
