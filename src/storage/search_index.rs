//! The persisted search index, so that a return visit searches at once
//! instead of re-parsing and re-indexing the feed.
//!
//! Store `search_index` (migration v4). Per index `name` two records are
//! written in one transaction: `name` holds the bytes of
//! [`SearchIndex::to_bytes`](crate::domain::search::SearchIndex::to_bytes)
//! as a `Uint8Array` (structured clone of a typed array: no JSON, no base64),
//! and `name:meta` holds [`IndexMeta`] as JSON text. The meta names the feed
//! content hash the index was built from, so a changed feed means a rebuild.
//!
//! Chromium refuses an IndexedDB value over about 127 MiB, so bytes beyond
//! [`CHUNK_BYTES`] (a million offers make 180 MB) go in further records
//! `name#1`, `name#2`…, their number in `name:chunks`.

use super::db::{shared, stores};
use super::StorageError;
use crate::domain::search::prebuilt::PrebuiltMeta;
use crate::domain::vacancy::Reason;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// The vacancies index.
pub const VACANCIES: &str = "vacancies";

/// Bumped when what the app stores next to the bytes changes meaning.
/// 2: places of JobPosting lists resolved to comuni, no blank province
/// ("ND"), salaries in their own period; an index stored before is rebuilt.
pub const META_FORMAT: u32 = 2;

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
    /// The ETag of the prebuilt index file the bytes came from, if any.
    #[serde(default)]
    pub prebuilt_etag: Option<String>,
    /// Size of the feed body in bytes, when known.
    #[serde(default)]
    pub feed_bytes: Option<u64>,
    /// Offer shards published with a prebuilt index (0: none).
    #[serde(default)]
    pub offer_shards: u32,
    /// Milliseconds since the epoch.
    pub built_at: f64,
    pub accepted: usize,
    pub skipped: usize,
    /// `(record index, reason)`, the first few (old metas hold Italian text).
    #[serde(default)]
    pub errors: Vec<(usize, Reason)>,
    /// Whether the feed is demonstration data.
    #[serde(default)]
    pub demo: bool,
}

impl IndexMeta {
    /// The meta of a prebuilt index file (`domain::search::prebuilt`).
    pub fn from_prebuilt(meta: PrebuiltMeta, prebuilt_etag: Option<String>, built_at: f64) -> Self {
        IndexMeta {
            format: META_FORMAT,
            feed_hash: meta.feed_hash,
            etag: None,
            prebuilt_etag,
            feed_bytes: Some(meta.feed_bytes),
            offer_shards: meta.offer_shards,
            built_at,
            accepted: meta.accepted,
            skipped: meta.skipped,
            errors: meta.errors,
            demo: meta.demo,
        }
    }
}

/// Largest value written in one record.
pub const CHUNK_BYTES: usize = 64 * 1024 * 1024;

fn meta_key(name: &str) -> String {
    format!("{name}:meta")
}

fn chunks_key(name: &str) -> String {
    format!("{name}:chunks")
}

fn chunk_key(name: &str, i: usize) -> String {
    if i == 0 {
        name.to_string()
    } else {
        format!("{name}#{i}")
    }
}

/// The number of chunk records of `name` (1 when not recorded).
fn chunk_count(value: Option<JsValue>) -> usize {
    value
        .and_then(|v| v.as_string())
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

/// Store the index bytes and their meta, replacing what was there.
pub async fn save_in(
    db: &Database,
    name: &str,
    meta: &IndexMeta,
    bytes: &[u8],
) -> Result<(), StorageError> {
    save_chunked_in(db, name, meta, bytes, CHUNK_BYTES).await
}

/// [`save_in`] with records of at most `chunk_bytes` (tests use small ones).
pub async fn save_chunked_in(
    db: &Database,
    name: &str,
    meta: &IndexMeta,
    bytes: &[u8],
    chunk_bytes: usize,
) -> Result<(), StorageError> {
    let meta_text = serde_json::to_string(meta).map_err(|e| StorageError::Failed(e.to_string()))?;
    let parts: Vec<&[u8]> = if bytes.is_empty() {
        vec![bytes]
    } else {
        bytes.chunks(chunk_bytes.max(1)).collect()
    };
    let tx = db
        .transaction(stores::SEARCH_INDEX)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let os = tx.object_store(stores::SEARCH_INDEX)?;
    let old: Option<JsValue> = os.get(chunks_key(name)).primitive()?.await?;
    for i in parts.len()..chunk_count(old) {
        os.delete(chunk_key(name, i)).primitive()?.await?;
    }
    for (i, part) in parts.iter().enumerate() {
        let array: JsValue = js_sys::Uint8Array::from(*part).into();
        os.put(array)
            .with_key(chunk_key(name, i))
            .primitive()?
            .await?;
    }
    os.put(parts.len().to_string())
        .with_key(chunks_key(name))
        .primitive()?
        .await?;
    os.put(meta_text)
        .with_key(meta_key(name))
        .primitive()?
        .await?;
    super::commit(tx).await?;
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
pub async fn load_in(
    db: &Database,
    name: &str,
) -> Result<Option<(IndexMeta, Vec<u8>)>, StorageError> {
    let tx = db.transaction(stores::SEARCH_INDEX).build()?;
    let os = tx.object_store(stores::SEARCH_INDEX)?;
    let meta: Option<JsValue> = os.get(meta_key(name)).primitive()?.await?;
    let meta = meta
        .and_then(|t| t.as_string())
        .and_then(|t| serde_json::from_str::<IndexMeta>(&t).ok())
        .filter(|m| m.format == META_FORMAT);
    let Some(meta) = meta else { return Ok(None) };
    let count: Option<JsValue> = os.get(chunks_key(name)).primitive()?.await?;
    let mut bytes = Vec::new();
    for i in 0..chunk_count(count) {
        let part: Option<JsValue> = os.get(chunk_key(name, i)).primitive()?.await?;
        match part.and_then(|b| b.dyn_into::<js_sys::Uint8Array>().ok()) {
            Some(a) => {
                let start = bytes.len();
                bytes.resize(start + a.length() as usize, 0);
                a.copy_to(&mut bytes[start..]);
            }
            None => return Ok(None),
        }
    }
    Ok(Some((meta, bytes)))
}

pub async fn remove_in(db: &Database, name: &str) -> Result<(), StorageError> {
    let tx = db
        .transaction(stores::SEARCH_INDEX)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let os = tx.object_store(stores::SEARCH_INDEX)?;
    let count: Option<JsValue> = os.get(chunks_key(name)).primitive()?.await?;
    for i in 0..chunk_count(count) {
        os.delete(chunk_key(name, i)).primitive()?.await?;
    }
    os.delete(chunks_key(name)).primitive()?.await?;
    os.delete(meta_key(name)).primitive()?.await?;
    super::commit(tx).await?;
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

/// [`remove_in`] on the app's database.
pub async fn remove(name: &str) -> Result<(), StorageError> {
    remove_in(&shared().await?, name).await
}
