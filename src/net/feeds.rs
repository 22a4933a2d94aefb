//! Feed loading: show the cached copy at once, then revalidate with
//! ETag/Last-Modified. A failed or malformed download keeps the cache.
//!
//! The body-level functions (`cached_body`, `fetch_body`, `store_body`) serve
//! every form of feed: the caller decodes (JSON at once, the compact
//! reference data in slices, `state::FeedHandle`). `cached` and `refresh`
//! are the JSON feeds' shortcuts.

use super::config;
use super::revalidate::{revalidate, Revalidated};
use crate::domain::feed::{decode, Feed, FeedError, FeedKind};
use crate::storage::feed_cache::{self, CachedFeed};
use serde::de::DeserializeOwned;

/// The cached body of a feed (under its name, whatever its form), if any.
pub async fn cached_body(kind: FeedKind) -> Option<CachedFeed> {
    feed_cache::load(kind.name()).await.ok().flatten()
}

/// GET `file` under the data base URL, revalidating `previous` (the cached
/// copy, when the caller could use it). `Ok(None)`: not modified. The new
/// body is not stored: store it with [`store_body`] once it decoded.
pub async fn fetch_body(
    kind: FeedKind,
    file: &str,
    previous: Option<&CachedFeed>,
) -> Result<Option<CachedFeed>, FeedError> {
    let url = format!("{}{}", config::data_base(), file);
    match revalidate(&url, kind.name(), previous)
        .await
        .map_err(|e| e.for_feed(kind))?
    {
        Revalidated::NotModified => Ok(None),
        Revalidated::Changed(entry) => Ok(Some(entry)),
    }
}

/// Cache a body that decoded. A full disk must not hide fresh data: the
/// caller shows it whatever happens here.
pub async fn store_body(kind: FeedKind, entry: &CachedFeed) {
    let _ = feed_cache::save(kind.name(), entry).await;
}

/// Whatever is in the cache, decoded. A cached copy that no longer decodes
/// (an older schema) is ignored: the network copy will replace it.
pub async fn cached<T: DeserializeOwned>(kind: FeedKind) -> Option<Feed<T>> {
    let entry = cached_body(kind).await?;
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
    let previous = cached_body(kind).await;
    match fetch_body(kind, &kind.file_name(), previous.as_ref()).await? {
        None => Ok(Refresh::NotModified),
        Some(entry) => {
            let feed = decode::<T>(kind, &entry.body)?;
            store_body(kind, &entry).await;
            Ok(Refresh::Updated(feed))
        }
    }
}
