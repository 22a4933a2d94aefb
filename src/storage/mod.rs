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

use std::fmt;

/// A storage failure, with an Italian message the views can show as is.
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

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable(_) => f.write_str(
                "Questo browser non permette di salvare dati sul dispositivo: i dati inseriti restano solo in questa pagina finché non la chiudi.",
            ),
            StorageError::QuotaExceeded => f.write_str(
                "Lo spazio di archiviazione del dispositivo è esaurito: libera spazio per salvare. I dati inseriti restano in questa pagina.",
            ),
            StorageError::Failed(detail) => write!(f, "Salvataggio sul dispositivo non riuscito ({detail})."),
            StorageError::Corrupt(detail) => write!(f, "Un dato salvato sul dispositivo non è leggibile ({detail})."),
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

fn classify(text: String) -> StorageError {
    if text.contains("Quota") {
        StorageError::QuotaExceeded
    } else {
        StorageError::Failed(text)
    }
}
