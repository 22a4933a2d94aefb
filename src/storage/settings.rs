//! Settings kept on the device: the language and the contrast theme.

use super::db::{shared, stores};
use super::{kv, StorageError};
use serde::{Deserialize, Serialize};

const KEY: &str = "app";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: String,
    /// "high" or "normal" once chosen; empty: the system's preference.
    pub contrast: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: "it".into(),
            contrast: String::new(),
        }
    }
}

/// The settings, with the defaults for what was never chosen.
pub async fn load() -> Result<Settings, StorageError> {
    Ok(stored().await?.unwrap_or_default())
}

/// The settings as stored: `None` until the person has chosen something,
/// so that the browser's language can stand until then.
pub async fn stored() -> Result<Option<Settings>, StorageError> {
    kv::get(&shared().await?, stores::SETTINGS, KEY).await
}

pub async fn save(settings: &Settings) -> Result<(), StorageError> {
    kv::put(&shared().await?, stores::SETTINGS, KEY, settings).await
}

/// Change one setting and keep the others (the defaults if none could be read).
pub async fn update(change: impl FnOnce(&mut Settings)) -> Result<(), StorageError> {
    let mut s = load().await.unwrap_or_default();
    change(&mut s);
    save(&s).await
}
