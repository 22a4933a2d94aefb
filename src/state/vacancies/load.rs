//! The session's first load: the stored index, then the prebuilt one from
//! the server, else the feed (indexed on the device by `feed`).

use super::feed::{fetch_feed, ingest, log_warning, show_index, url_of, KIND};
use super::offers::prefetch_shards;
use super::{IndexSource, Vacancies};
use crate::domain::feed::FeedError;
use crate::domain::search::prebuilt::NoPrebuilt;
use crate::domain::search::{prebuilt, IndexDecoder, SearchIndex};
use crate::domain::vacancy_lists::content_hash;
use crate::net::http;
use crate::state::scheduler::{yield_now, Slicer};
use crate::storage::feed_cache;
use crate::storage::search_index::{self, IndexMeta, VACANCIES};
use leptos::prelude::*;

/// The prebuilt index next to the feed, `vacancies.slix` (`domain::search::prebuilt`).
const PREBUILT_EXTENSION: &str = ".slix";
/// Without offer shards, feeds up to this size are fetched along with the
/// prebuilt index, so detail pages work offline.
const PREFETCH_FEED_BYTES: u64 = 8 * 1024 * 1024;
/// Bytes of index decoded per step (`Slicer` looks at the clock every 32).
const DECODE_STEP_BYTES: usize = 2048;

pub(super) async fn load(v: Vacancies) {
    // 1. The stored index: searchable at once, nothing parsed.
    let mut prebuilt_etag = None;
    if let Ok(Some((meta, bytes))) = search_index::load(VACANCIES).await {
        if let Ok(index) = decode_sliced(&bytes).await {
            drop(bytes);
            prebuilt_etag = meta.prebuilt_etag.clone();
            show_index(v, index, &meta, IndexSource::Stored);
        }
    }
    // 2. Revalidate with the server: the prebuilt index first; the feed
    //    itself only when there is none (or it cannot be read). A publisher
    //    known to serve none is not asked again for the same feed.
    let result = if known_absent().await {
        feed_fallback(v).await
    } else {
        with_prebuilt(v, prebuilt_etag.as_deref()).await
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

/// Whether the publisher was found to serve no prebuilt index for the feed
/// cached now.
async fn known_absent() -> bool {
    let Ok(Some(absent)) = feed_cache::load_no_prebuilt(KIND.name()).await else {
        return false;
    };
    let cached = feed_cache::load(KIND.name()).await.ok().flatten();
    cached.is_some_and(|c| {
        absent.holds(
            c.etag.as_deref(),
            c.last_modified.as_deref(),
            js_sys::Date::now(),
        )
    })
}

/// The prebuilt index, else the feed.
async fn with_prebuilt(v: Vacancies, prebuilt_etag: Option<&str>) -> Result<(), FeedError> {
    match refresh_prebuilt(v, prebuilt_etag).await {
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
        Err(PrebuiltError::Absent) => {
            let result = feed_fallback(v).await;
            // Kept with the validators of the feed now cached.
            if let Some(c) = feed_cache::load(KIND.name()).await.ok().flatten() {
                let absent = NoPrebuilt {
                    feed_etag: c.etag,
                    feed_last_modified: c.last_modified,
                    checked_at: js_sys::Date::now(),
                };
                let _ = feed_cache::save_no_prebuilt(KIND.name(), &absent).await;
            }
            result
        }
    }
}

/// [`SearchIndex::from_bytes`] in slices: the main thread stays free for
/// input and paint while a phone decodes (at most one slice at a time).
async fn decode_sliced(bytes: &[u8]) -> Result<SearchIndex, String> {
    let mut decoder = IndexDecoder::new(bytes)?;
    let mut slicer = Slicer::new();
    loop {
        if let Some(index) = decoder.step(DECODE_STEP_BYTES)? {
            return Ok(index);
        }
        slicer.tick().await;
    }
}

enum PrebuiltError {
    /// No answer: offline.
    Offline,
    /// Not readable by this version: use the feed.
    Unusable,
    /// Not published (404, 410): use the feed, and remember.
    Absent,
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
            let unusable = |e: String| {
                log_warning("Prebuilt index not used", e);
                PrebuiltError::Unusable
            };
            let (meta, index_bytes) = prebuilt::split(&resp.body).map_err(unusable)?;
            let index = decode_sliced(index_bytes).await.map_err(unusable)?;
            prebuilt::check_count(&meta, &index).map_err(unusable)?;
            let stored = IndexMeta::from_prebuilt(meta, resp.etag.clone(), js_sys::Date::now());
            if v.index_hash().as_deref() != Some(stored.feed_hash.as_str()) {
                show_index(v, index, &stored, IndexSource::Prebuilt);
            } else {
                v.offers.update(|o| o.adopt_shards(stored.offer_shards));
            }
            if let Err(e) = search_index::save(VACANCIES, &stored, index_bytes).await {
                log_warning("Vacancy index not stored", format!("{e:?}"));
            }
            // Served now: forget an earlier 404.
            let _ = feed_cache::delete_no_prebuilt(KIND.name()).await;
            Ok(stored.feed_bytes.unwrap_or(u64::MAX))
        }
        404 | 410 => Err(PrebuiltError::Absent),
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
