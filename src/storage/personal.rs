//! The person's own records in the `personal` store: favourite offers, saved
//! searches, the applicant profile, and what the device remembers of the
//! DID (the last status read, the last DID sent from here). "I miei dati"
//! exports and deletes them with the rest.

use super::db::{shared, stores};
use super::{kv, StorageError};
use crate::domain::did::CachedStatus;
use crate::domain::profile::Profile;
use crate::domain::vacancy_lists::{
    Favourite, SavedSearch, FAVOURITES_KEY, PROFILE_KEY, SAVED_SEARCHES_KEY,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

const LAST_DID_KEY: &str = "did-last";

fn did_status_key(id: &str) -> String {
    format!("did-status:{id}")
}

async fn get<T: DeserializeOwned>(key: &str) -> Result<Option<T>, StorageError> {
    kv::get(&shared().await?, stores::PERSONAL, key).await
}

async fn put<T: Serialize>(key: &str, value: &T) -> Result<(), StorageError> {
    kv::put(&shared().await?, stores::PERSONAL, key, value).await
}

pub async fn load_favourites() -> Result<Vec<Favourite>, StorageError> {
    Ok(get(FAVOURITES_KEY).await?.unwrap_or_default())
}

pub async fn save_favourites(list: &[Favourite]) -> Result<(), StorageError> {
    put(FAVOURITES_KEY, &list).await
}

pub async fn load_saved_searches() -> Result<Vec<SavedSearch>, StorageError> {
    Ok(get(SAVED_SEARCHES_KEY).await?.unwrap_or_default())
}

pub async fn save_saved_searches(list: &[SavedSearch]) -> Result<(), StorageError> {
    put(SAVED_SEARCHES_KEY, &list).await
}

/// "Il mio profilo"; the application profile of earlier versions is read
/// as one (and written back in the new form at the next save).
pub async fn load_profile() -> Result<Option<Profile>, StorageError> {
    let stored: Option<serde_json::Value> = get(PROFILE_KEY).await?;
    Ok(stored.and_then(Profile::from_stored))
}

pub async fn save_profile(p: &Profile) -> Result<(), StorageError> {
    put(PROFILE_KEY, p).await
}

/// Change the stored profile (an empty one if there is none) and store it.
pub async fn update_profile(change: impl FnOnce(&mut Profile)) -> Result<(), StorageError> {
    let mut p = load_profile().await?.unwrap_or_default();
    change(&mut p);
    save_profile(&p).await
}

/// The person asked not to keep their contact details.
pub async fn delete_profile() -> Result<(), StorageError> {
    kv::delete(&shared().await?, stores::PERSONAL, PROFILE_KEY).await
}

/// The last status read for DID submission `id`, if any.
pub async fn cached_did_status(id: &str) -> Option<CachedStatus> {
    get(&did_status_key(id)).await.ok().flatten()
}

pub async fn store_did_status(id: &str, value: &CachedStatus) -> Result<(), StorageError> {
    put(&did_status_key(id), value).await
}

/// The last DID sent from this device (its outbox key).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LastDid {
    pub key: String,
    pub created_at: f64,
}

pub async fn remember_last_did(key: &str, created_at: f64) -> Result<(), StorageError> {
    put(
        LAST_DID_KEY,
        &LastDid {
            key: key.to_string(),
            created_at,
        },
    )
    .await
}

pub async fn last_did() -> Option<LastDid> {
    get(LAST_DID_KEY).await.ok().flatten()
}

const IDENTITY_KEY: &str = "identity";

/// The last answer of `GET /me` (its JSON text), so a person who lost the
/// connection can go on filling a form in their name. Forgotten at logout
/// and when the session ends; exported and deleted with the rest.
pub async fn remembered_identity() -> Option<String> {
    get(IDENTITY_KEY).await.ok().flatten()
}

pub async fn remember_identity(me_body: &str) -> Result<(), StorageError> {
    put(IDENTITY_KEY, &me_body.to_string()).await
}

pub async fn forget_identity() -> Result<(), StorageError> {
    kv::delete(&shared().await?, stores::PERSONAL, IDENTITY_KEY).await
}

const PERCORSO_KEY: &str = "percorso";
const SEARCH_ACTS_KEY: &str = "search-acts";

fn attachment_key(act: &str) -> String {
    format!("attachment:{act}")
}

/// The percorso as the backend last sent it, with whose it is: shown
/// offline only to that person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CachedPercorso {
    pub codice_fiscale: String,
    pub body: String,
    /// `Date.now()` when it was fetched.
    pub fetched_at: f64,
}

pub async fn cached_percorso(codice_fiscale: &str) -> Option<CachedPercorso> {
    get::<CachedPercorso>(PERCORSO_KEY)
        .await
        .ok()
        .flatten()
        .filter(|c| c.codice_fiscale == codice_fiscale)
}

pub async fn store_percorso(value: &CachedPercorso) -> Result<(), StorageError> {
    put(PERCORSO_KEY, value).await
}

/// The atti di ricerca attiva logged on this device, newest first.
pub async fn load_search_acts() -> Result<Vec<crate::domain::search_log::LoggedAct>, StorageError> {
    Ok(get(SEARCH_ACTS_KEY).await?.unwrap_or_default())
}

pub async fn save_search_acts(
    list: &[crate::domain::search_log::LoggedAct],
) -> Result<(), StorageError> {
    put(SEARCH_ACTS_KEY, &list).await
}

/// A search act's attachment: its bytes as base64 inside a JSON record, so
/// "I miei dati" exports it with the rest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredAttachment {
    pub name: String,
    #[serde(rename = "type")]
    pub mime: String,
    pub size: u64,
    pub data_base64: String,
}

impl StoredAttachment {
    pub fn from_bytes(name: &str, mime: &str, bytes: &[u8]) -> StoredAttachment {
        use base64::Engine;
        StoredAttachment {
            name: name.to_string(),
            mime: mime.to_string(),
            size: bytes.len() as u64,
            data_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        }
    }
}

pub async fn save_attachment(act: &str, value: &StoredAttachment) -> Result<(), StorageError> {
    put(&attachment_key(act), value).await
}

pub async fn load_attachment(act: &str) -> Result<Option<StoredAttachment>, StorageError> {
    get(&attachment_key(act)).await
}
