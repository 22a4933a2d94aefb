//! The vacancies as every vacancy page sees them: the search index, the
//! offers known so far, the import report and the loading status, in
//! signals that live for the whole app session (so moving between the
//! vacancy pages never reloads them).
//!
//! Loading ([`load`]): the persisted index first (a return visit searches at
//! once), then the prebuilt index the publisher serves next to the feed
//! (`vacancies.slix`), else the feed itself, indexed here. The full offers
//! for the detail page come from offer shards or the feed ([`offers`]).
//! See docs/vacancies.md, "Loading and the index cache".

mod feed;
mod import;
mod load;
mod offers;

use crate::domain::comuni::ComuniIndex;
use crate::domain::feed::FeedError;
use crate::domain::offer_shards::Offers;
use crate::domain::search::SearchIndex;
use crate::domain::vacancy::{ImportReport, Reason};
use crate::state::feed_handle::FeedHandle;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;
use std::sync::Arc;

/// The import report of the feed the index was built from.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Report {
    pub accepted: usize,
    pub skipped: usize,
    pub errors: Vec<(usize, Reason)>,
}

impl From<&ImportReport> for Report {
    fn from(r: &ImportReport) -> Self {
        Report {
            accepted: r.accepted,
            skipped: r.skipped,
            errors: r.errors.clone(),
        }
    }
}

/// Where the index shown came from (exposed as `data-index-source` for tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexSource {
    /// Read back from IndexedDB.
    Stored,
    /// Built in this page from the feed.
    Built,
    /// Downloaded prebuilt from the server (`vacancies.slix`).
    Prebuilt,
}

impl IndexSource {
    pub fn code(self) -> &'static str {
        match self {
            IndexSource::Stored => "stored",
            IndexSource::Built => "built",
            IndexSource::Prebuilt => "prebuilt",
        }
    }
}

/// Bookkeeping of the loader that no view reads.
#[derive(Clone, Default)]
struct Progress {
    started: bool,
    /// Content hash of the feed the current index was built from.
    index_hash: Option<String>,
    /// Size of that feed, as recorded with the stored index.
    feed_bytes: Option<u64>,
    /// Shards being fetched.
    shards_in_flight: HashSet<u32>,
    feed_in_flight: bool,
    prefetching: bool,
}

/// The vacancies of the session. Created once by the app (`AppState`).
#[derive(Clone, Copy)]
pub struct Vacancies {
    pub index: RwSignal<Option<Arc<SearchIndex>>>,
    pub offers: RwSignal<Offers>,
    pub report: RwSignal<Option<Report>>,
    pub demo: RwSignal<bool>,
    /// Why the last refresh failed (the cached index stays in use).
    pub error: RwSignal<Option<FeedError>>,
    pub loading: RwSignal<bool>,
    pub source: RwSignal<Option<IndexSource>>,
    /// The search the person was last on (for "Torna ai risultati").
    pub last_search: RwSignal<Option<String>>,
    /// The comuni, to place the offers of a JobPosting list.
    comuni: FeedHandle<ComuniIndex>,
    progress: StoredValue<Progress>,
}

impl Vacancies {
    pub fn new(comuni: FeedHandle<ComuniIndex>) -> Self {
        Vacancies {
            comuni,
            index: RwSignal::new(None),
            offers: RwSignal::new(Offers::default()),
            report: RwSignal::new(None),
            demo: RwSignal::new(false),
            error: RwSignal::new(None),
            loading: RwSignal::new(false),
            source: RwSignal::new(None),
            last_search: RwSignal::new(None),
            progress: StoredValue::new(Progress::default()),
        }
    }

    /// Start loading once per session; again if it found nothing (offline at
    /// first, say).
    pub fn ensure_loaded(self) {
        let first = !self.progress.with_value(|p| p.started);
        let retry = self.index.with_untracked(Option::is_none) && !self.loading.get_untracked();
        if first || retry {
            self.progress.update_value(|p| p.started = true);
            self.loading.set(true);
            spawn_local(load::load(self));
        }
    }

    /// Content hash of the feed the index shown was built from.
    fn index_hash(self) -> Option<String> {
        self.progress.with_value(|p| p.index_hash.clone())
    }

    /// Make offer `id` available in `offers` (or known not to exist).
    pub fn ensure_offer(self, id: String) {
        offers::ensure_offer(self, id);
    }

    pub fn remember_search(self, href: String) {
        self.last_search.set(Some(href));
    }
}

/// The vacancies; the first call of the session starts loading them.
pub fn use_vacancies() -> Vacancies {
    let v = crate::state::use_app().vacancies;
    v.ensure_loaded();
    v
}
