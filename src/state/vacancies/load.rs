//! Loading the index: stored, prebuilt, or built here from the feed.
//!
//! The feed is parsed with the tolerant `parse_vacancies` (the app's feed, or
//! a schema.org JobPosting list in its place), so a few bad records are
//! skipped and reported instead of losing the feed.

use super::offers::{prefetch_shards, set_complete};
use super::{IndexSource, Report, Vacancies};
use crate::domain::feed::{FeedError, FeedKind};
use crate::domain::offer_shards::Offers;
use crate::domain::search::{prebuilt, SearchIndex};
use crate::domain::vacancy::{feed_is_demo, parse_vacancies};
use crate::domain::vacancy_lists::content_hash;
use crate::net::revalidate::{revalidate, RevalidateError, Revalidated};
use crate::net::{config, http};
use crate::storage::feed_cache::{self, CachedFeed};
use crate::storage::search_index::{self, IndexMeta, META_FORMAT, VACANCIES};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

pub(super) const KIND: FeedKind = FeedKind::Vacancies;
/// The prebuilt index next to the feed, `vacancies.slix` (`domain::search::prebuilt`).
const PREBUILT_EXTENSION: &str = ".slix";
/// Without offer shards, feeds up to this size are fetched along with the
/// prebuilt index, so detail pages work offline.
const PREFETCH_FEED_BYTES: u64 = 8 * 1024 * 1024;

/// Data base URL + path.
pub(super) fn url_of(path: &str) -> String {
    format!("{}{}", config::data_base(), path)
}

/// Let the browser paint (a "loading" message) before a long computation.
pub(super) async fn yield_now() {
    TimeoutFuture::new(0).await;
}

fn log_warning(what: &str, detail: impl std::fmt::Display) {
    web_sys::console::warn_1(&format!("{what}: {detail}").into());
}

/// Show an index (and what it was built from); the offers known so far
/// belong to another feed version unless the hash is the same.
fn show_index(v: Vacancies, index: SearchIndex, meta: &IndexMeta, source: IndexSource) {
    let same_feed = v.index_hash().as_deref() == Some(meta.feed_hash.as_str());
    v.progress.update_value(|p| {
        p.index_hash = Some(meta.feed_hash.clone());
        p.feed_bytes = meta.feed_bytes;
    });
    v.report.set(Some(Report {
        accepted: meta.accepted,
        skipped: meta.skipped,
        errors: meta.errors.clone(),
    }));
    v.demo.set(meta.demo);
    if same_feed {
        v.offers.update(|o| o.adopt_shards(meta.offer_shards));
    } else {
        v.offers.set(Offers::empty(meta.offer_shards));
    }
    v.index.set(Some(std::sync::Arc::new(index)));
    v.source.set(Some(source));
}

pub(super) async fn load(v: Vacancies) {
    // 1. The stored index: searchable at once, nothing parsed.
    let mut prebuilt_etag = None;
    if let Ok(Some((meta, bytes))) = search_index::load(VACANCIES).await {
        if let Ok(index) = SearchIndex::from_bytes(&bytes) {
            drop(bytes);
            prebuilt_etag = meta.prebuilt_etag.clone();
            show_index(v, index, &meta, IndexSource::Stored);
        }
    }
    // 2. Revalidate with the server: the prebuilt index first; the feed
    //    itself only when there is none (or it cannot be read).
    let result = match refresh_prebuilt(v, prebuilt_etag.as_deref()).await {
        Ok(feed_bytes) => {
            if v.offers.with_untracked(|o| o.shard_count() > 0) {
                prefetch_shards(v, feed_bytes);
            } else if feed_bytes <= PREFETCH_FEED_BYTES {
                // No shards: a small feed is cached at once for offline detail pages.
                let cached = feed_cache::load(KIND.name()).await.ok().flatten();
                if cached.as_ref().map(|c| content_hash(&c.body)) != v.index_hash() {
                    let _ = fetch_feed(v, cached.as_ref(), false).await;
                }
            }
            Ok(())
        }
        Err(PrebuiltError::Offline) => Err(FeedError::Offline { feed: KIND }),
        Err(PrebuiltError::Unusable) => feed_fallback(v).await,
    };
    // 3. Offline with no index at all: build it from the cached feed.
    if v.index.with_untracked(Option::is_none) {
        if let Some(c) = feed_cache::load(KIND.name()).await.ok().flatten() {
            yield_now().await;
            let _ = ingest(v, &c.body, c.etag.clone()).await;
        }
    }
    v.error.set(result.err());
    v.loading.set(false);
}

enum PrebuiltError {
    /// No answer: offline.
    Offline,
    /// Not published, or not readable by this version: use the feed.
    Unusable,
}

/// GET `vacancies.slix`; when it is new, show it and store it. Returns the
/// size of the feed it indexes.
async fn refresh_prebuilt(v: Vacancies, etag: Option<&str>) -> Result<u64, PrebuiltError> {
    let url = url_of(&format!("{}{}", KIND.name(), PREBUILT_EXTENSION));
    let headers: Vec<(&str, &str)> = etag.map(|e| vec![("If-None-Match", e)]).unwrap_or_default();
    let resp = http::get_bytes(&url, &headers)
        .await
        .map_err(|_| PrebuiltError::Offline)?;
    match resp.status {
        304 => Ok(v.progress.with_value(|p| p.feed_bytes).unwrap_or(u64::MAX)),
        200 => {
            let (meta, index) = prebuilt::decode(&resp.body).map_err(|e| {
                log_warning("Prebuilt index not used", e);
                PrebuiltError::Unusable
            })?;
            let index_bytes = prebuilt::split(&resp.body)
                .map(|(_, b)| b)
                .unwrap_or_default();
            let stored = IndexMeta::from_prebuilt(meta, resp.etag.clone(), js_sys::Date::now());
            if v.index_hash().as_deref() != Some(stored.feed_hash.as_str()) {
                show_index(v, index, &stored, IndexSource::Prebuilt);
            } else {
                v.offers.update(|o| o.adopt_shards(stored.offer_shards));
            }
            if let Err(e) = search_index::save(VACANCIES, &stored, index_bytes).await {
                log_warning("Vacancy index not stored", format!("{e:?}"));
            }
            Ok(stored.feed_bytes.unwrap_or(u64::MAX))
        }
        _ => Err(PrebuiltError::Unusable),
    }
}

/// No prebuilt index: revalidate the feed and rebuild the index when its
/// content changed.
async fn feed_fallback(v: Vacancies) -> Result<(), FeedError> {
    let cached = feed_cache::load(KIND.name()).await.ok().flatten();
    let stale = cached.as_ref().map(|c| content_hash(&c.body)) != v.index_hash();
    if v.index.with_untracked(Option::is_none) || stale {
        if let Some(c) = &cached {
            yield_now().await;
            let _ = ingest(v, &c.body, c.etag.clone()).await;
        }
    }
    fetch_feed(v, cached.as_ref(), false).await
}

/// Revalidate the feed. A body that matches the index is cached (and its
/// offers shown when `offers_wanted`); another one is indexed.
pub(super) async fn fetch_feed(
    v: Vacancies,
    cached: Option<&CachedFeed>,
    offers_wanted: bool,
) -> Result<(), FeedError> {
    let answer = revalidate(&url_of(&KIND.file_name()), KIND.name(), cached)
        .await
        .map_err(|e| match e {
            RevalidateError::Offline => FeedError::Offline { feed: KIND },
            RevalidateError::Status(status) => FeedError::Http { feed: KIND, status },
        })?;
    let Revalidated::Changed(entry) = answer else {
        if let Some(c) = cached.filter(|_| offers_wanted) {
            if v.index_hash() == Some(content_hash(&c.body)) {
                set_complete(v, &c.body);
            } else {
                ingest(v, &c.body, c.etag.clone()).await?;
            }
        }
        return Ok(());
    };
    if v.index_hash() == Some(content_hash(&entry.body)) {
        if offers_wanted {
            set_complete(v, &entry.body);
        }
    } else {
        yield_now().await;
        ingest(v, &entry.body, entry.etag.clone()).await?;
    }
    // A full disk must not hide fresh data: shown even if caching fails.
    let _ = feed_cache::save(KIND.name(), &entry).await;
    Ok(())
}

/// Parse, index and show a feed body, then persist the index. `Err` when
/// the envelope is not a readable vacancies feed (records are tolerated).
async fn ingest(v: Vacancies, body: &str, etag: Option<String>) -> Result<(), FeedError> {
    let (offers, report, _) = parse_vacancies(body)?;
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
        demo: feed_is_demo(body),
    };
    show_index(v, index, &meta, IndexSource::Built);
    v.offers.set(Offers::complete(offers));
    // Not fatal: the next visit rebuilds it.
    if let Err(e) = search_index::save(VACANCIES, &meta, &bytes).await {
        log_warning("Vacancy index not stored", format!("{e:?}"));
    }
    Ok(())
}
