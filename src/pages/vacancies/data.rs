//! Loading the vacancies for the pages: the persisted search index first
//! (a return visit searches at once, without reading the feed); then the
//! prebuilt index the publisher serves next to the feed (`vacancies.slix`),
//! else the feed itself, revalidated with ETag/Last-Modified and indexed
//! here. See docs/vacancies.md, "Loading and the index cache".
//!
//! The feed is parsed with the tolerant [`parse_vacancies`] (the app's feed,
//! or a schema.org JobPosting list in its place), so a few bad records are
//! skipped and reported ("N offerte scartate") instead of losing the feed. The full offers (detail page) are loaded by [`super::offers`].
//!
//! The state lives for the whole page session (reference-counted signals in
//! a thread-local), so moving between the vacancy pages never reloads it.

use super::offers::{prefetch_shards, set_complete, url_of};
use crate::domain::feed::{FeedError, FeedKind};
use crate::domain::offer_shards::Offers;
use crate::domain::search::{prebuilt, SearchIndex};
use crate::domain::vacancy::{feed_is_demo, iso_to_days, parse_vacancies, ImportReport};
use crate::domain::vacancy_lists::content_hash;
use crate::net::http;
use crate::storage::feed_cache::{self, CachedFeed};
use crate::storage::search_index::{self, IndexMeta, META_FORMAT, VACANCIES};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::sync::Arc;

pub(super) const KIND: FeedKind = FeedKind::Vacancies;
/// The prebuilt index next to the feed, `vacancies.slix` (`domain::search::prebuilt`).
const PREBUILT_EXTENSION: &str = ".slix";
/// Without offer shards, feeds up to this size are fetched along with the
/// prebuilt index, so detail pages work offline.
const PREFETCH_FEED_BYTES: u64 = 8 * 1024 * 1024;

/// The import report of the feed the index was built from.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Report {
    pub accepted: usize,
    pub skipped: usize,
    pub errors: Vec<(usize, String)>,
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

#[derive(Clone)]
pub(super) struct Shared {
    pub index: ArcRwSignal<Option<Arc<SearchIndex>>>,
    pub offers: ArcRwSignal<Offers>,
    pub report: ArcRwSignal<Option<Report>>,
    pub demo: ArcRwSignal<bool>,
    pub error: ArcRwSignal<Option<String>>,
    pub loading: ArcRwSignal<bool>,
    pub source: ArcRwSignal<Option<IndexSource>>,
}

thread_local! {
    pub(super) static SHARED: Shared = Shared {
        index: ArcRwSignal::new(None),
        offers: ArcRwSignal::new(Offers::default()),
        report: ArcRwSignal::new(None),
        demo: ArcRwSignal::new(false),
        error: ArcRwSignal::new(None),
        loading: ArcRwSignal::new(false),
        source: ArcRwSignal::new(None),
    };
    static STARTED: Cell<bool> = const { Cell::new(false) };
    /// Content hash of the feed the current index was built from.
    static INDEX_HASH: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Size of that feed, as recorded with the stored index.
    static STORED_FEED_BYTES: Cell<u64> = const { Cell::new(u64::MAX) };
}

/// Content hash of the feed the index shown was built from.
pub(super) fn index_hash() -> Option<String> {
    INDEX_HASH.with(|h| h.borrow().clone())
}

/// The vacancies as the pages see them (signals owned by the calling page,
/// backed by the session-wide state).
#[derive(Clone, Copy)]
pub struct Vacancies {
    pub index: RwSignal<Option<Arc<SearchIndex>>>,
    pub offers: RwSignal<Offers>,
    pub report: RwSignal<Option<Report>>,
    pub demo: RwSignal<bool>,
    /// An Italian message when the last refresh failed.
    pub error: RwSignal<Option<String>>,
    pub loading: RwSignal<bool>,
    pub source: RwSignal<Option<IndexSource>>,
}

/// The vacancies; the first call of the session starts loading them.
pub fn use_vacancies() -> Vacancies {
    let s = SHARED.with(Shared::clone);
    let v = Vacancies {
        index: RwSignal::from(s.index.clone()),
        offers: RwSignal::from(s.offers.clone()),
        report: RwSignal::from(s.report.clone()),
        demo: RwSignal::from(s.demo.clone()),
        error: RwSignal::from(s.error.clone()),
        loading: RwSignal::from(s.loading.clone()),
        source: RwSignal::from(s.source.clone()),
    };
    // Once per session; again if it found nothing (offline at first, say).
    let retry = s.index.with_untracked(Option::is_none) && !s.loading.get_untracked();
    if !STARTED.with(|c| c.replace(true)) || retry {
        s.loading.set(true);
        spawn_local(load(s));
    }
    v
}

/// Today as days since 1970-01-01, in the device's calendar.
pub fn today() -> i32 {
    let d = js_sys::Date::new_0();
    iso_to_days(&format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    ))
    .unwrap_or(0)
}

/// Let the browser paint (a "loading" message) before a long computation.
pub(super) async fn yield_now() {
    sleep_ms(0).await;
}

pub(super) async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Show an index (and what it was built from); the offers known so far
/// belong to another feed version unless the hash is the same.
fn show_index(s: &Shared, index: SearchIndex, meta: &IndexMeta, source: IndexSource) {
    let same_feed = index_hash().as_deref() == Some(meta.feed_hash.as_str());
    INDEX_HASH.with(|h| *h.borrow_mut() = Some(meta.feed_hash.clone()));
    STORED_FEED_BYTES.with(|c| c.set(meta.feed_bytes.unwrap_or(u64::MAX)));
    s.report.set(Some(Report {
        accepted: meta.accepted,
        skipped: meta.skipped,
        errors: meta.errors.clone(),
    }));
    s.demo.set(meta.demo);
    if same_feed {
        s.offers.update(|o| o.adopt_shards(meta.offer_shards));
    } else {
        s.offers.set(Offers::empty(meta.offer_shards));
    }
    s.index.set(Some(Arc::new(index)));
    s.source.set(Some(source));
}

async fn load(s: Shared) {
    // 1. The stored index: searchable at once, nothing parsed.
    let mut prebuilt_etag = None;
    if let Ok(Some((meta, bytes))) = search_index::load(VACANCIES).await {
        if let Ok(index) = SearchIndex::from_bytes(&bytes) {
            drop(bytes);
            prebuilt_etag = meta.prebuilt_etag.clone();
            show_index(&s, index, &meta, IndexSource::Stored);
        }
    }
    // 2. Revalidate with the server: the prebuilt index first; the feed
    //    itself only when there is none (or it cannot be read).
    let result = match refresh_prebuilt(&s, prebuilt_etag.as_deref()).await {
        Ok(feed_bytes) => {
            if s.offers.with_untracked(|o| o.shard_count() > 0) {
                prefetch_shards(feed_bytes);
            } else if feed_bytes <= PREFETCH_FEED_BYTES {
                // No shards: a small feed is cached at once for offline detail pages.
                let cached = feed_cache::load(KIND.name()).await.ok().flatten();
                if cached.as_ref().map(|c| content_hash(&c.body)) != index_hash() {
                    let _ = fetch_feed(&s, cached.as_ref(), false).await;
                }
            }
            Ok(())
        }
        Err(PrebuiltError::Offline) => Err(FeedError::Offline { feed: KIND }),
        Err(PrebuiltError::Unusable) => feed_fallback(&s).await,
    };
    // 3. Offline with no index at all: build it from the cached feed.
    if s.index.with_untracked(Option::is_none) {
        if let Some(c) = feed_cache::load(KIND.name()).await.ok().flatten() {
            yield_now().await;
            let _ = ingest(&s, &c.body, c.etag.clone()).await;
        }
    }
    match result {
        Ok(()) => s.error.set(None),
        Err(e) => s.error.set(Some(crate::i18n::tm(&e.message()))),
    }
    s.loading.set(false);
}

enum PrebuiltError {
    /// No answer: offline.
    Offline,
    /// Not published, or not readable by this version: use the feed.
    Unusable,
}

/// GET `vacancies.slix`; when it is new, show it and store it. Returns the
/// size of the feed it indexes.
async fn refresh_prebuilt(s: &Shared, etag: Option<&str>) -> Result<u64, PrebuiltError> {
    let url = url_of(&format!("{}{}", KIND.name(), PREBUILT_EXTENSION));
    let headers: Vec<(&str, &str)> = etag.map(|e| vec![("If-None-Match", e)]).unwrap_or_default();
    let resp = http::get_bytes(&url, &headers)
        .await
        .map_err(|_| PrebuiltError::Offline)?;
    match resp.status {
        304 => Ok(STORED_FEED_BYTES.with(Cell::get)),
        200 => {
            let (meta, index) = prebuilt::decode(&resp.body).map_err(|e| {
                web_sys::console::warn_1(&format!("Indice precompilato non usato: {e}").into());
                PrebuiltError::Unusable
            })?;
            let index_bytes = prebuilt::split(&resp.body)
                .map(|(_, b)| b)
                .unwrap_or_default();
            let stored = IndexMeta::from_prebuilt(meta, resp.etag.clone(), js_sys::Date::now());
            if index_hash().as_deref() != Some(stored.feed_hash.as_str()) {
                show_index(s, index, &stored, IndexSource::Prebuilt);
            } else {
                s.offers.update(|o| o.adopt_shards(stored.offer_shards));
            }
            if let Err(e) = search_index::save(VACANCIES, &stored, index_bytes).await {
                web_sys::console::warn_1(
                    &format!("Indice delle offerte non salvato: {e:?}").into(),
                );
            }
            Ok(stored.feed_bytes.unwrap_or(u64::MAX))
        }
        _ => Err(PrebuiltError::Unusable),
    }
}

/// No prebuilt index: revalidate the feed and rebuild the index when its
/// content changed.
async fn feed_fallback(s: &Shared) -> Result<(), FeedError> {
    let cached = feed_cache::load(KIND.name()).await.ok().flatten();
    let stale = cached.as_ref().map(|c| content_hash(&c.body)) != index_hash();
    if s.index.with_untracked(Option::is_none) || stale {
        if let Some(c) = &cached {
            yield_now().await;
            let _ = ingest(s, &c.body, c.etag.clone()).await;
        }
    }
    fetch_feed(s, cached.as_ref(), false).await
}

/// Revalidate the feed. A body that matches the index is cached (and its
/// offers shown when `offers_wanted`); another one is indexed.
pub(super) async fn fetch_feed(
    s: &Shared,
    cached: Option<&CachedFeed>,
    offers_wanted: bool,
) -> Result<(), FeedError> {
    let Some(entry) = refresh(cached).await? else {
        if let Some(c) = cached.filter(|_| offers_wanted) {
            if index_hash() == Some(content_hash(&c.body)) {
                set_complete(s, &c.body);
            } else {
                ingest(s, &c.body, c.etag.clone()).await?;
            }
        }
        return Ok(());
    };
    if index_hash() == Some(content_hash(&entry.body)) {
        if offers_wanted {
            set_complete(s, &entry.body);
        }
    } else {
        yield_now().await;
        ingest(s, &entry.body, entry.etag.clone()).await?;
    }
    // A full disk must not hide fresh data: shown even if caching fails.
    let _ = feed_cache::save(KIND.name(), &entry).await;
    Ok(())
}

/// Parse, index and show a feed body, then persist the index. `Err` when
/// the envelope is not a readable vacancies feed (records are tolerated).
async fn ingest(s: &Shared, body: &str, etag: Option<String>) -> Result<(), FeedError> {
    // The app's feed, or a JSON-LD JobPosting list served in its place.
    let (offers, report, _) = parse_vacancies(body)?;
    let demo = feed_is_demo(body);
    let index = SearchIndex::build(&offers);
    let bytes = index.to_bytes();
    let meta = IndexMeta {
        format: META_FORMAT,
        feed_hash: content_hash(body),
        etag,
        prebuilt_etag: None,
        feed_bytes: Some(body.len() as u64),
        offer_shards: 0,
        built_at: js_sys::Date::now(),
        accepted: report.accepted,
        skipped: report.skipped,
        errors: report.errors.clone(),
        demo,
    };
    show_index(s, index, &meta, IndexSource::Built);
    s.offers.set(Offers::complete(offers));
    // Not fatal: the next visit rebuilds it.
    if let Err(e) = search_index::save(VACANCIES, &meta, &bytes).await {
        web_sys::console::warn_1(&format!("Indice delle offerte non salvato: {e:?}").into());
    }
    Ok(())
}

/// GET the feed with the cached validators. `Ok(None)`: not modified.
async fn refresh(previous: Option<&CachedFeed>) -> Result<Option<CachedFeed>, FeedError> {
    let url = url_of(&KIND.file_name());
    let mut headers = Vec::new();
    if let Some(p) = previous {
        if let Some(etag) = &p.etag {
            headers.push(("If-None-Match", etag.as_str()));
        }
        if let Some(lm) = &p.last_modified {
            headers.push(("If-Modified-Since", lm.as_str()));
        }
    }
    let resp = http::get(&url, &headers)
        .await
        .map_err(|_| FeedError::Offline { feed: KIND })?;
    let now = js_sys::Date::now();
    match resp.status {
        304 => {
            if let Some(p) = previous {
                let mut p = p.clone();
                p.checked_at = now;
                let _ = feed_cache::save(KIND.name(), &p).await;
            }
            Ok(None)
        }
        200 => Ok(Some(CachedFeed {
            body: resp.body,
            etag: resp.etag,
            last_modified: resp.last_modified,
            checked_at: now,
        })),
        status => Err(FeedError::Http { feed: KIND, status }),
    }
}

thread_local! {
    static COMUNI: ArcRwSignal<Option<Arc<crate::domain::comuni::ComuniIndex>>> = ArcRwSignal::new(None);
}

/// The comuni (for the place filter: suggestions and coordinates), built
/// once per session from `comuni.json` when a page asks for it with
/// [`load_comuni`].
pub fn use_comuni_index() -> RwSignal<Option<Arc<crate::domain::comuni::ComuniIndex>>> {
    let app = crate::state::use_app();
    let sig = RwSignal::from(COMUNI.with(Clone::clone));
    Effect::new(move |_| {
        let feed = app.comuni.data.get();
        if let Some(feed) = feed {
            if sig.with_untracked(Option::is_none) {
                sig.set(Some(Arc::new(crate::domain::comuni::ComuniIndex::new(
                    feed.items.clone(),
                ))));
            }
        }
    });
    sig
}

thread_local! {
    static LAST_SEARCH: RefCell<String> = RefCell::new("/offerte".to_string());
}

/// The search the person was last on (for "Torna ai risultati").
pub fn remember_search(href: String) {
    LAST_SEARCH.with(|s| *s.borrow_mut() = href);
}

pub fn last_search_href() -> String {
    LAST_SEARCH.with(|s| s.borrow().clone())
}
