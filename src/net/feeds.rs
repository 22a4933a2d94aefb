//! Feed loading: show the cached copy at once, then revalidate with
//! ETag/Last-Modified. A failed or malformed download keeps the cache.

use super::{config, http};
use crate::domain::feed::{decode, Feed, FeedError, FeedKind};
use crate::storage::feed_cache::{self, CachedFeed};
use serde::de::DeserializeOwned;

/// Whatever is in the cache, decoded. A cached copy that no longer decodes
/// (an older schema) is ignored: the network copy will replace it.
pub async fn cached<T: DeserializeOwned>(kind: FeedKind) -> Option<Feed<T>> {
    let entry = feed_cache::load(kind.name()).await.ok()??;
    decode(kind, &entry.body).ok()
}

/// Outcome of a revalidation.
pub enum Refresh<T> {
    /// The server copy changed and was stored.
    Updated(Feed<T>),
    /// The cached copy is still current.
    NotModified,
}

pub async fn refresh<T: DeserializeOwned>(kind: FeedKind) -> Result<Refresh<T>, FeedError> {
    let previous = feed_cache::load(kind.name()).await.ok().flatten();
    let url = format!("{}{}", config::data_base(), kind.file_name());
    let mut headers = Vec::new();
    if let Some(p) = &previous {
        if let Some(etag) = &p.etag {
            headers.push(("If-None-Match", etag.as_str()));
        }
        if let Some(lm) = &p.last_modified {
            headers.push(("If-Modified-Since", lm.as_str()));
        }
    }
    let resp = http::get(&url, &headers)
        .await
        .map_err(|_| FeedError::Offline { feed: kind })?;
    let now = js_sys::Date::now();
    match resp.status {
        304 => {
            if let Some(mut p) = previous {
                p.checked_at = now;
                let _ = feed_cache::save(kind.name(), &p).await;
            }
            Ok(Refresh::NotModified)
        }
        200 => {
            let feed = decode::<T>(kind, &resp.body)?;
            let entry = CachedFeed {
                body: resp.body,
                etag: resp.etag,
                last_modified: resp.last_modified,
                checked_at: now,
            };
            // A full disk must not hide fresh data: show it even if caching fails.
            let _ = feed_cache::save(kind.name(), &entry).await;
            Ok(Refresh::Updated(feed))
        }
        status => Err(FeedError::Http { feed: kind, status }),
    }
}
