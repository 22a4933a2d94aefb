//! The status of a submission (`GET /api/v1/submissions/<id>`). The last
//! status read is kept on the device (`storage::personal`) so it shows offline.

use super::{config, http};
use crate::domain::did::{self, CachedStatus, SubmissionStatus};

/// Why the status could not be read. `key()` is the message's translation key.
#[derive(Clone, Debug, PartialEq)]
pub enum StatusError {
    /// No answer: offline, or the server is unreachable.
    Offline,
    /// The server does not know this id.
    NotFound,
    /// No session (401): only the person who sent it may read it.
    NeedsLogin,
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
            StatusError::NeedsLogin => "did.status.err_login",
            StatusError::Server(_) => "did.status.err_server",
            StatusError::Unreadable => "did.status.err_unreadable",
        }
    }
}

/// Read the current status from the CPI API.
pub async fn fetch(id: &str) -> Result<SubmissionStatus, StatusError> {
    let encoded: String = js_sys::encode_uri_component(id).into();
    let url = format!("{}/submissions/{encoded}", config::api_base());
    match http::get(&url, &[("Accept", "application/json")]).await {
        Err(_) => Err(StatusError::Offline),
        Ok(r) if r.status == 404 => Err(StatusError::NotFound),
        Ok(r) if r.status == 401 => Err(StatusError::NeedsLogin),
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
    let _ = crate::storage::personal::store_did_status(id, &cached).await;
    Ok(cached)
}
