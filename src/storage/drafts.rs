//! Form drafts: saved on every change, restored after a reload, removed
//! only when the form is submitted or the person discards it.

use super::db::{shared, stores};
use super::{kv, StorageError};
use serde::{de::DeserializeOwned, Serialize};

pub async fn load<T: DeserializeOwned>(form: &str) -> Result<Option<T>, StorageError> {
    kv::get(&shared().await?, stores::DRAFTS, form).await
}

pub async fn save<T: Serialize>(form: &str, value: &T) -> Result<(), StorageError> {
    kv::put(&shared().await?, stores::DRAFTS, form, value).await
}

pub async fn discard(form: &str) -> Result<(), StorageError> {
    kv::delete(&shared().await?, stores::DRAFTS, form).await
}
