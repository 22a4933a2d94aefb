//! Outbox entries in IndexedDB, keyed by their idempotency key.

use super::db::{shared, stores};
use super::{kv, StorageError};
use crate::domain::outbox::OutboxEntry;

pub async fn put(entry: &OutboxEntry) -> Result<(), StorageError> {
    kv::put(&shared().await?, stores::OUTBOX, &entry.key, entry).await
}

pub async fn get(key: &str) -> Result<Option<OutboxEntry>, StorageError> {
    kv::get(&shared().await?, stores::OUTBOX, key).await
}

pub async fn all() -> Result<Vec<OutboxEntry>, StorageError> {
    Ok(kv::all(&shared().await?, stores::OUTBOX)
        .await?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

pub async fn remove(key: &str) -> Result<(), StorageError> {
    kv::delete(&shared().await?, stores::OUTBOX, key).await
}
