//! The full offers, for the detail page (the index only holds what a result
//! list shows). With a prebuilt index the publisher also serves offer shards
//! (`domain::offer_shards`): a detail page then fetches the one small shard
//! that holds its offer, and shards are cached in IndexedDB (`feeds` store,
//! key = their path, which names the feed version) so they work offline.
//! Without shards the offers come from the whole feed.

use super::feed::{fetch_feed, set_complete, url_of, KIND};
use super::Vacancies;
use crate::domain::feed::FeedError;
use crate::domain::offer_shards::{shard_of, shard_path, shards_dir, SHARDS_ROOT};
use crate::domain::vacancy::parse_vacancy_feed;
use crate::domain::vacancy_lists::content_hash;
use crate::net::http;
use crate::state::scheduler::yield_now;
use crate::storage::feed_cache::{self, CachedFeed};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;

/// How often a detail page opened during the first load checks whether the
/// feed version is known yet.
const WAIT_FOR_INDEX_MS: u32 = 50;
/// Shards of feeds up to this size are all fetched in the background after
/// the index, so every detail page works offline.
const PREFETCH_SHARDED_FEED_BYTES: u64 = 32 * 1024 * 1024;

pub(super) fn ensure_offer(v: Vacancies, id: String) {
    if v.offers.with_untracked(|o| o.lookup(&id).is_some()) {
        return;
    }
    spawn_local(async move {
        // The first load decides which feed version (and shard count) counts.
        while v.loading.get_untracked() && v.index_hash().is_none() {
            TimeoutFuture::new(WAIT_FOR_INDEX_MS).await;
        }
        let count = v.offers.with_untracked(|o| o.shard_count());
        let result = match v.index_hash() {
            Some(hash) if count > 0 => load_shard(v, &hash, shard_of(&id, count), count).await,
            _ => load_feed_offers(v).await,
        };
        if let Err(e) = result {
            v.error.set(Some(e));
        }
    });
}

/// Shard `k` of the current feed: from IndexedDB, else from the server.
async fn load_shard(v: Vacancies, hash: &str, k: u32, count: u32) -> Result<(), FeedError> {
    let claimed = v
        .progress
        .try_update_value(|p| p.shards_in_flight.insert(k));
    if claimed != Some(true) {
        return Ok(());
    }
    let key = shard_path(hash, k);
    let body = match feed_cache::load(&key).await.ok().flatten() {
        Some(c) => Ok(c.body),
        None => fetch_shard(&key).await,
    };
    v.progress.update_value(|p| {
        p.shards_in_flight.remove(&k);
    });
    let body = match body {
        Ok(b) => b,
        // Not published after all: the whole feed.
        Err(FeedError::Http { status: 404, .. }) => return load_feed_offers(v).await,
        Err(e) => return Err(e),
    };
    let (offers, _) = parse_vacancy_feed(&body)?;
    // Still the same feed version?
    if v.index_hash().as_deref() == Some(hash)
        && v.offers.with_untracked(|o| o.shard_count() == count)
    {
        v.offers.update(|o| o.add_shard(k, offers));
    }
    Ok(())
}

/// GET a shard and cache it. Shards are immutable (their path names the
/// feed version), so there are no validators to keep.
async fn fetch_shard(key: &str) -> Result<String, FeedError> {
    let resp = http::get(&url_of(key), &[])
        .await
        .map_err(|_| FeedError::Offline { feed: KIND })?;
    if resp.status != 200 {
        return Err(FeedError::Http {
            feed: KIND,
            status: resp.status,
        });
    }
    let entry = CachedFeed {
        body: resp.body,
        etag: None,
        last_modified: None,
        checked_at: js_sys::Date::now(),
    };
    // Encoded in one task and written in the next: a phone keeps both short.
    // A full disk only costs the offline copy.
    if let Ok(record) = feed_cache::encode(&entry) {
        yield_now().await;
        let _ = feed_cache::save_encoded(key, record).await;
    }
    Ok(entry.body)
}

/// All the offers, from the cached feed if it is the one indexed, else
/// from the server.
async fn load_feed_offers(v: Vacancies) -> Result<(), FeedError> {
    let busy = v
        .progress
        .try_update_value(|p| std::mem::replace(&mut p.feed_in_flight, true));
    if busy != Some(false) {
        return Ok(());
    }
    let cached = feed_cache::load(KIND.name()).await.ok().flatten();
    let result = match cached {
        Some(entry) if v.index_hash().as_deref() == Some(content_hash(&entry.body).as_str()) => {
            yield_now().await;
            set_complete(v, &entry.body).await;
            Ok(())
        }
        cached => fetch_feed(v, cached.as_ref(), true).await,
    };
    v.progress.update_value(|p| p.feed_in_flight = false);
    result
}

/// Cache every shard of the current feed not cached yet (one at a time,
/// stopping at the first failure), and drop the shards of older feeds.
pub(super) fn prefetch_shards(v: Vacancies, feed_bytes: u64) {
    let (Some(hash), count) = (v.index_hash(), v.offers.with_untracked(|o| o.shard_count())) else {
        return;
    };
    if count == 0 {
        return;
    }
    let busy = v
        .progress
        .try_update_value(|p| std::mem::replace(&mut p.prefetching, true));
    if busy != Some(false) {
        return;
    }
    spawn_local(async move {
        let keys = feed_cache::keys().await.unwrap_or_default();
        let current = shards_dir(&hash);
        for old in keys
            .iter()
            .filter(|k| k.starts_with(SHARDS_ROOT) && !k.starts_with(&current))
        {
            let _ = feed_cache::delete(old).await;
        }
        if feed_bytes <= PREFETCH_SHARDED_FEED_BYTES {
            let have: HashSet<&String> = keys.iter().collect();
            for k in 0..count {
                let key = shard_path(&hash, k);
                if have.contains(&key) {
                    continue;
                }
                if fetch_shard(&key).await.is_err()
                    || v.index_hash().as_deref() != Some(hash.as_str())
                {
                    break;
                }
            }
        }
        v.progress.update_value(|p| p.prefetching = false);
    });
}
