//! Cached feed bodies with their validators (ETag, Last-Modified).

use super::db::{shared, stores};
use super::{kv, StorageError};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CachedFeed {
    pub body: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Milliseconds since the epoch of the last successful check.
    pub checked_at: f64,
}

pub async fn load(name: &str) -> Result<Option<CachedFeed>, StorageError> {
    kv::get(&shared().await?, stores::FEEDS, name).await
}

pub async fn save(name: &str, feed: &CachedFeed) -> Result<(), StorageError> {
    kv::put(&shared().await?, stores::FEEDS, name, feed).await
}

pub async fn delete(name: &str) -> Result<(), StorageError> {
    kv::delete(&shared().await?, stores::FEEDS, name).await
}

/// The names of every cached feed (and offer shard).
pub async fn keys() -> Result<Vec<String>, StorageError> {
    kv::keys(&shared().await?, stores::FEEDS).await
}
