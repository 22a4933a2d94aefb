//! Feed loading: show the cached copy at once, then revalidate with
//! ETag/Last-Modified. A failed or malformed download keeps the cache.

use super::config;
use super::revalidate::{revalidate, Revalidated};
use crate::domain::feed::{decode, Feed, FeedError, FeedKind};
use crate::storage::feed_cache;
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
    let answer = revalidate(&url, kind.name(), previous.as_ref())
        .await
        .map_err(|e| e.for_feed(kind))?;
    match answer {
        Revalidated::NotModified => Ok(Refresh::NotModified),
        Revalidated::Changed(entry) => {
            let feed = decode::<T>(kind, &entry.body)?;
            // A full disk must not hide fresh data: show it even if caching fails.
            let _ = feed_cache::save(kind.name(), &entry).await;
            Ok(Refresh::Updated(feed))
        }
    }
}
