//! The status of a submission (`GET /api/v1/submissions/<id>`), and what
//! the device remembers about the person's DID: the last status read (so it
//! shows offline) and the outbox key of the last DID sent from here. Both
//! live in the `personal` store, wiped with the rest by "I miei dati".

use super::{config, http};
use crate::domain::did::{self, CachedStatus, SubmissionStatus};
use crate::storage::db::{shared, stores};
use crate::storage::{kv, StorageError};
use serde::{Deserialize, Serialize};

/// Why the status could not be read. `key()` is the message's translation key.
#[derive(Clone, Debug, PartialEq)]
pub enum StatusError {
    /// No answer: offline, or the server is unreachable.
    Offline,
    /// The server does not know this id.
    NotFound,
    /// Any other HTTP error.
    Server(u16),
    /// The answer is not a status document.
    Unreadable,
}

impl StatusError {
    pub fn key(&self) -> &'static str {
        match self {
            StatusError::Offline => "did.status.err_offline",
            StatusError::NotFound => "did.status.err_not_found",
            StatusError::Server(_) => "did.status.err_server",
            StatusError::Unreadable => "did.status.err_unreadable",
        }
    }
}

fn cache_key(id: &str) -> String {
    format!("did-status:{id}")
}

const LAST_DID_KEY: &str = "did-last";

/// Read the current status from the CPI API.
pub async fn fetch(id: &str) -> Result<SubmissionStatus, StatusError> {
    let encoded: String = js_sys::encode_uri_component(id).into();
    let url = format!("{}/submissions/{encoded}", config::api_base());
    match http::get(&url, &[("Accept", "application/json")]).await {
        Err(_) => Err(StatusError::Offline),
        Ok(r) if r.status == 404 => Err(StatusError::NotFound),
        Ok(r) if !(200..300).contains(&r.status) => Err(StatusError::Server(r.status)),
        Ok(r) => did::parse_status(&r.body).ok_or(StatusError::Unreadable),
    }
}

/// Fetch the status and remember it on the device.
pub async fn refresh(id: &str) -> Result<CachedStatus, StatusError> {
    let status = fetch(id).await?;
    let cached = CachedStatus {
        status,
        fetched_at: js_sys::Date::now(),
    };
    // Not being able to cache must not hide a fresh answer.
    let _ = store(id, &cached).await;
    Ok(cached)
}

/// The last status read for `id`, if any.
pub async fn cached(id: &str) -> Option<CachedStatus> {
    let db = shared().await.ok()?;
    kv::get(&db, stores::PERSONAL, &cache_key(id))
        .await
        .ok()
        .flatten()
}

pub async fn store(id: &str, value: &CachedStatus) -> Result<(), StorageError> {
    kv::put(&shared().await?, stores::PERSONAL, &cache_key(id), value).await
}

/// The last DID sent from this device (its outbox key).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LastDid {
    pub key: String,
    pub created_at: f64,
}

pub async fn remember_last_did(key: &str, created_at: f64) -> Result<(), StorageError> {
    kv::put(
        &shared().await?,
        stores::PERSONAL,
        LAST_DID_KEY,
        &LastDid {
            key: key.to_string(),
            created_at,
        },
    )
    .await
}

pub async fn last_did() -> Option<LastDid> {
    let db = shared().await.ok()?;
    kv::get(&db, stores::PERSONAL, LAST_DID_KEY)
        .await
        .ok()
        .flatten()
}
