//! IndexedDB storage behind a small interface. Values are stored as JSON
//! text under string keys, so the schema lives in Rust types and a browser
//! quirk in structured cloning cannot corrupt a record.

pub mod db;
pub mod device_data;
pub mod drafts;
pub mod feed_cache;
pub mod kv;
pub mod outbox_store;
pub mod personal;
pub mod search_index;
pub mod settings;

use crate::domain::message::Msg;

/// A storage failure: a kind with its data; the view translates
/// [`StorageError::message`]. `Debug` is for the console.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// IndexedDB is missing or blocked (private mode in old browsers, policy).
    Unavailable(String),
    /// The device is out of space.
    QuotaExceeded,
    /// Any other IndexedDB error.
    Failed(String),
    /// A stored record no longer decodes (should never happen after migrations).
    Corrupt(String),
}

impl StorageError {
    /// The message for the person: a key of `locales/*/errors.json` and its arguments.
    pub fn message(&self) -> Msg {
        match self {
            StorageError::Unavailable(_) => Msg::new("error.storage.unavailable"),
            StorageError::QuotaExceeded => Msg::new("error.storage.quota"),
            StorageError::Failed(detail) => {
                Msg::new("error.storage.failed").text("detail", detail.clone())
            }
            StorageError::Corrupt(detail) => {
                Msg::new("error.storage.corrupt").text("detail", detail.clone())
            }
        }
    }
}

impl From<indexed_db_futures::error::Error> for StorageError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        classify(e.to_string())
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StorageError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        let text = e.to_string();
        if text.contains("Quota") {
            StorageError::QuotaExceeded
        } else {
            StorageError::Unavailable(text)
        }
    }
}

/// Commit `tx`, saying why it was aborted. The library reports an aborted
/// commit without the cause; the transaction's own `error` names it
/// (`QuotaExceededError` when the disk is full).
pub(crate) async fn commit(
    tx: indexed_db_futures::transaction::Transaction<'_>,
) -> Result<(), StorageError> {
    use indexed_db_futures::internals::SystemRepr;
    let raw: wasm_bindgen::JsValue = AsRef::<wasm_bindgen::JsValue>::as_ref(tx.as_sys()).clone();
    match tx.commit().await {
        Ok(()) => Ok(()),
        Err(e) => {
            let cause = js_sys::Reflect::get(&raw, &"error".into())
                .ok()
                .filter(|err| !err.is_null() && !err.is_undefined())
                .and_then(|err| js_sys::Reflect::get(&err, &"name".into()).ok())
                .and_then(|name| name.as_string());
            Err(match cause {
                Some(name) => classify(format!("{name}: {e}")),
                None => StorageError::from(e),
            })
        }
    }
}

fn classify(text: String) -> StorageError {
    if text.contains("Quota") {
        StorageError::QuotaExceeded
    } else {
        StorageError::Failed(text)
    }
}
