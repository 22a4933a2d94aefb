//! JSON values under string keys, in any store.

use super::StorageError;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub async fn get<T: DeserializeOwned>(
    db: &Database,
    store: &str,
    key: &str,
) -> Result<Option<T>, StorageError> {
    let tx = db.transaction(store).build()?;
    let os = tx.object_store(store)?;
    let text: Option<String> = os.get(key.to_string()).primitive()?.await?;
    match text {
        None => Ok(None),
        Some(t) => serde_json::from_str(&t)
            .map(Some)
            .map_err(|e| StorageError::Corrupt(e.to_string())),
    }
}

pub async fn put<T: Serialize>(
    db: &Database,
    store: &str,
    key: &str,
    value: &T,
) -> Result<(), StorageError> {
    let text = serde_json::to_string(value).map_err(|e| StorageError::Failed(e.to_string()))?;
    put_text(db, store, key, text).await
}

/// Store JSON text already encoded (by `serde_json`) under `key`.
pub async fn put_text(
    db: &Database,
    store: &str,
    key: &str,
    text: String,
) -> Result<(), StorageError> {
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let os = tx.object_store(store)?;
    os.put(text).with_key(key.to_string()).primitive()?.await?;
    super::commit(tx).await?;
    Ok(())
}

pub async fn delete(db: &Database, store: &str, key: &str) -> Result<(), StorageError> {
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let os = tx.object_store(store)?;
    os.delete(key.to_string()).primitive()?.await?;
    super::commit(tx).await?;
    Ok(())
}

/// Every record of a store as (key, value). Records that no longer decode,
/// or are not JSON text (the binary search index), are skipped rather than
/// making the whole list unreadable.
pub async fn all<T: DeserializeOwned>(
    db: &Database,
    store: &str,
) -> Result<Vec<(String, T)>, StorageError> {
    let tx = db.transaction(store).build()?;
    let os = tx.object_store(store)?;
    let keys: Vec<String> = os
        .get_all_keys::<String>()
        .primitive()?
        .await?
        .collect::<Result<_, _>>()?;
    let values: Vec<wasm_bindgen::JsValue> = os
        .get_all::<wasm_bindgen::JsValue>()
        .primitive()?
        .await?
        .collect::<Result<_, _>>()?;
    Ok(keys
        .into_iter()
        .zip(values)
        .filter_map(|(k, v)| {
            v.as_string()
                .and_then(|v| serde_json::from_str(&v).ok())
                .map(|v| (k, v))
        })
        .collect())
}

/// Every key of a store (values are not read).
pub async fn keys(db: &Database, store: &str) -> Result<Vec<String>, StorageError> {
    let tx = db.transaction(store).build()?;
    let os = tx.object_store(store)?;
    Ok(os
        .get_all_keys::<String>()
        .primitive()?
        .await?
        .collect::<Result<_, _>>()?)
}

pub async fn clear(db: &Database, store: &str) -> Result<(), StorageError> {
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    tx.object_store(store)?.clear()?.await?;
    super::commit(tx).await?;
    Ok(())
}

/// Every store's raw JSON records, for the "export my data" file.
pub async fn dump(db: &Database, stores: &[&str]) -> Result<serde_json::Value, StorageError> {
    let mut out = serde_json::Map::new();
    for store in stores {
        let records: Vec<(String, serde_json::Value)> = all(db, store).await?;
        let obj: serde_json::Map<String, serde_json::Value> = records.into_iter().collect();
        out.insert((*store).to_string(), serde_json::Value::Object(obj));
    }
    Ok(serde_json::Value::Object(out))
}
