//! Cached feed bodies with their validators (ETag, Last-Modified).

use super::db::{shared, stores};
use super::{kv, StorageError};
use crate::domain::search::prebuilt::NoPrebuilt;
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

/// The record [`save`] writes, as text: a large body can be encoded in one
/// task and written ([`save_encoded`]) in the next.
pub fn encode(feed: &CachedFeed) -> Result<String, StorageError> {
    serde_json::to_string(feed).map_err(|e| StorageError::Failed(e.to_string()))
}

/// Write a record made by [`encode`].
pub async fn save_encoded(name: &str, record: String) -> Result<(), StorageError> {
    kv::put_text(&shared().await?, stores::FEEDS, name, record).await
}

/// Where the app keeps that a feed's publisher serves no prebuilt index.
fn absent_key(name: &str) -> String {
    format!("{name}.slix:absent")
}

pub async fn load_no_prebuilt(name: &str) -> Result<Option<NoPrebuilt>, StorageError> {
    kv::get(&shared().await?, stores::FEEDS, &absent_key(name)).await
}

pub async fn save_no_prebuilt(name: &str, absent: &NoPrebuilt) -> Result<(), StorageError> {
    kv::put(&shared().await?, stores::FEEDS, &absent_key(name), absent).await
}

pub async fn delete_no_prebuilt(name: &str) -> Result<(), StorageError> {
    kv::delete(&shared().await?, stores::FEEDS, &absent_key(name)).await
}

pub async fn delete(name: &str) -> Result<(), StorageError> {
    kv::delete(&shared().await?, stores::FEEDS, name).await
}

/// The names of every cached feed (and offer shard).
pub async fn keys() -> Result<Vec<String>, StorageError> {
    kv::keys(&shared().await?, stores::FEEDS).await
}
