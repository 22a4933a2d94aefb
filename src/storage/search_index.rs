//! The persisted search index, so that a return visit searches at once
//! instead of re-parsing and re-indexing the feed.
//!
//! Store `search_index` (migration v4). Per index `name` two records are
//! written in one transaction: `name` holds the bytes of
//! [`SearchIndex::to_bytes`](crate::domain::search::SearchIndex::to_bytes)
//! as a `Uint8Array` (structured clone of a typed array: no JSON, no base64),
//! and `name:meta` holds [`IndexMeta`] as JSON text. The meta names the feed
//! content hash the index was built from, so a changed feed means a rebuild.

use super::db::{shared, stores};
use super::StorageError;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// The vacancies index.
pub const VACANCIES: &str = "vacancies";

/// Bumped when what the app stores next to the bytes changes meaning.
pub const META_FORMAT: u32 = 1;

/// What the index was built from, and the import report of that feed (shown
/// again on return visits without re-reading the feed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexMeta {
    pub format: u32,
    /// Content hash of the feed body ([`crate::domain::vacancy_lists::content_hash`]).
    pub feed_hash: String,
    /// The feed's ETag, when the server sent one (informative).
    #[serde(default)]
    pub etag: Option<String>,
    /// Milliseconds since the epoch.
    pub built_at: f64,
    pub accepted: usize,
    pub skipped: usize,
    /// `(record index, Italian reason)`, the first few.
    #[serde(default)]
    pub errors: Vec<(usize, String)>,
    /// Whether the feed is demonstration data.
    #[serde(default)]
    pub demo: bool,
}

fn meta_key(name: &str) -> String {
    format!("{name}:meta")
}

/// Store the index bytes and their meta, replacing what was there.
pub async fn save_in(db: &Database, name: &str, meta: &IndexMeta, bytes: &[u8]) -> Result<(), StorageError> {
    let meta_text = serde_json::to_string(meta).map_err(|e| StorageError::Failed(e.to_string()))?;
    let array: JsValue = js_sys::Uint8Array::from(bytes).into();
    let tx = db.transaction(stores::SEARCH_INDEX).with_mode(TransactionMode::Readwrite).build()?;
    let os = tx.object_store(stores::SEARCH_INDEX)?;
    os.put(array).with_key(name.to_string()).primitive()?.await?;
    os.put(meta_text).with_key(meta_key(name)).primitive()?.await?;
    tx.commit().await?;
    Ok(())
}

/// Only the meta (cheap: tells whether the stored index is current).
pub async fn load_meta_in(db: &Database, name: &str) -> Result<Option<IndexMeta>, StorageError> {
    let tx = db.transaction(stores::SEARCH_INDEX).build()?;
    let os = tx.object_store(stores::SEARCH_INDEX)?;
    let text: Option<JsValue> = os.get(meta_key(name)).primitive()?.await?;
    Ok(text
        .and_then(|t| t.as_string())
        .and_then(|t| serde_json::from_str::<IndexMeta>(&t).ok())
        .filter(|m| m.format == META_FORMAT))
}

/// The meta and the bytes, read in one transaction; `None` if either is
/// missing or not of the expected kind (the caller then rebuilds).
pub async fn load_in(db: &Database, name: &str) -> Result<Option<(IndexMeta, Vec<u8>)>, StorageError> {
    let tx = db.transaction(stores::SEARCH_INDEX).build()?;
    let os = tx.object_store(stores::SEARCH_INDEX)?;
    let meta: Option<JsValue> = os.get(meta_key(name)).primitive()?.await?;
    let bytes: Option<JsValue> = os.get(name.to_string()).primitive()?.await?;
    let meta = meta
        .and_then(|t| t.as_string())
        .and_then(|t| serde_json::from_str::<IndexMeta>(&t).ok())
        .filter(|m| m.format == META_FORMAT);
    let bytes = bytes.and_then(|b| b.dyn_into::<js_sys::Uint8Array>().ok()).map(|a| a.to_vec());
    Ok(meta.zip(bytes))
}

pub async fn remove_in(db: &Database, name: &str) -> Result<(), StorageError> {
    let tx = db.transaction(stores::SEARCH_INDEX).with_mode(TransactionMode::Readwrite).build()?;
    let os = tx.object_store(stores::SEARCH_INDEX)?;
    os.delete(name.to_string()).primitive()?.await?;
    os.delete(meta_key(name)).primitive()?.await?;
    tx.commit().await?;
    Ok(())
}

/// [`save_in`] on the app's database.
pub async fn save(name: &str, meta: &IndexMeta, bytes: &[u8]) -> Result<(), StorageError> {
    save_in(&shared().await?, name, meta, bytes).await
}

/// [`load_in`] on the app's database.
pub async fn load(name: &str) -> Result<Option<(IndexMeta, Vec<u8>)>, StorageError> {
    load_in(&shared().await?, name).await
}

/// [`load_meta_in`] on the app's database.
pub async fn load_meta(name: &str) -> Result<Option<IndexMeta>, StorageError> {
    load_meta_in(&shared().await?, name).await
}

/// [`remove_in`] on the app's database.
pub async fn remove(name: &str) -> Result<(), StorageError> {
    remove_in(&shared().await?, name).await
}
