//! The full offers, for the detail page (the index only holds what a result
//! list shows). With a prebuilt index the publisher also serves offer shards
//! (`domain::offer_shards`): a detail page then fetches the one small shard
//! that holds its offer, and shards are cached in IndexedDB (`feeds` store,
//! key = their path, which names the feed version) so they work offline.
//! Without shards the offers come from the whole feed, as before.

use super::data::{fetch_feed, index_hash, sleep_ms, yield_now, Shared, KIND, SHARED};
use crate::domain::feed::FeedError;
use crate::domain::offer_shards::{shard_of, shard_path, shards_dir, Offers, SHARDS_ROOT};
use crate::domain::vacancy::{parse_vacancies, parse_vacancy_feed};
use crate::domain::vacancy_lists::content_hash;
use crate::net::{config, http};
use crate::storage::feed_cache::{self, CachedFeed};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;

thread_local! {
    /// Shards being fetched, and whether the feed itself is.
    static IN_FLIGHT: RefCell<HashSet<u32>> = RefCell::new(HashSet::new());
    static FEED_IN_FLIGHT: Cell<bool> = const { Cell::new(false) };
    static PREFETCHING: Cell<bool> = const { Cell::new(false) };
}

/// Make offer `id` available in `Vacancies::offers` (or known not to exist).
pub fn ensure_offer(id: String) {
    let s = SHARED.with(Shared::clone);
    if s.offers.with_untracked(|o| o.lookup(&id).is_some()) {
        return;
    }
    spawn_local(async move {
        // The first load decides which feed version (and shard count) counts.
        while s.loading.get_untracked() && index_hash().is_none() {
            sleep_ms(50).await;
        }
        let count = s.offers.with_untracked(|o| o.shard_count());
        let result = match index_hash() {
            Some(hash) if count > 0 => load_shard(&s, &hash, shard_of(&id, count), count).await,
            _ => load_feed_offers(&s).await,
        };
        if let Err(e) = result {
            s.error.set(Some(crate::i18n::tm(&e.message())));
        }
    });
}

/// Shard `k` of the current feed: from IndexedDB, else from the server.
async fn load_shard(s: &Shared, hash: &str, k: u32, count: u32) -> Result<(), FeedError> {
    if IN_FLIGHT.with(|f| !f.borrow_mut().insert(k)) {
        return Ok(());
    }
    let key = shard_path(hash, k);
    let body = match feed_cache::load(&key).await.ok().flatten() {
        Some(c) => Ok(c.body),
        None => fetch_shard(&key).await,
    };
    IN_FLIGHT.with(|f| f.borrow_mut().remove(&k));
    let body = match body {
        Ok(b) => b,
        // Not published after all: the whole feed.
        Err(FeedError::Http { status: 404, .. }) => return load_feed_offers(s).await,
        Err(e) => return Err(e),
    };
    let (offers, _) = parse_vacancy_feed(&body)?;
    // Still the same feed version?
    if index_hash().as_deref() == Some(hash)
        && s.offers.with_untracked(|o| o.shard_count() == count)
    {
        s.offers.update(|o| o.add_shard(k, offers));
    }
    Ok(())
}

/// GET a shard and cache it. Shards are immutable (their path names the
/// feed version), so there are no validators to keep.
async fn fetch_shard(key: &str) -> Result<String, FeedError> {
    let url = url_of(key);
    let resp = http::get(&url, &[])
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
    // A full disk only costs the offline copy.
    let _ = feed_cache::save(key, &entry).await;
    Ok(entry.body)
}

/// All the offers, from the cached feed if it is the one indexed, else
/// from the server.
async fn load_feed_offers(s: &Shared) -> Result<(), FeedError> {
    if FEED_IN_FLIGHT.with(|f| f.replace(true)) {
        return Ok(());
    }
    let result = async {
        let cached = feed_cache::load(KIND.name()).await.ok().flatten();
        let current = index_hash();
        match cached {
            Some(entry) if current.as_deref() == Some(content_hash(&entry.body).as_str()) => {
                yield_now().await;
                set_complete(s, &entry.body);
                Ok(())
            }
            cached => fetch_feed(s, cached.as_ref(), true).await,
        }
    }
    .await;
    FEED_IN_FLIGHT.with(|f| f.set(false));
    result
}

/// Show every offer of a feed body that matches the index.
pub(super) fn set_complete(s: &Shared, body: &str) {
    if let Ok((offers, _, _)) = parse_vacancies(body) {
        s.offers.set(Offers::complete(offers));
    }
}

/// Shards of feeds up to this size are all fetched in the background after
/// the index, so every detail page works offline.
const PREFETCH_SHARDED_FEED_BYTES: u64 = 32 * 1024 * 1024;

/// Cache every shard of the current feed not cached yet (one at a time,
/// stopping at the first failure), and drop the shards of older feeds.
pub(super) fn prefetch_shards(feed_bytes: u64) {
    let s = SHARED.with(Shared::clone);
    let (Some(hash), count) = (index_hash(), s.offers.with_untracked(|o| o.shard_count())) else {
        return;
    };
    if count == 0 || PREFETCHING.with(|p| p.replace(true)) {
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
                    || index_hash().as_deref() != Some(hash.as_str())
                {
                    break;
                }
            }
        }
        PREFETCHING.with(|p| p.set(false));
    });
}

/// Data base URL + path.
pub(super) fn url_of(path: &str) -> String {
    format!("{}{}", config::data_base(), path)
}
