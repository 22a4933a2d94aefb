//! Settings kept on the device (today: the language).

use super::db::{shared, stores};
use super::{kv, StorageError};
use serde::{Deserialize, Serialize};

const KEY: &str = "app";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { lang: "it".into() }
    }
}

pub async fn load() -> Result<Settings, StorageError> {
    Ok(kv::get(&shared().await?, stores::SETTINGS, KEY)
        .await?
        .unwrap_or_default())
}

pub async fn save(settings: &Settings) -> Result<(), StorageError> {
    kv::put(&shared().await?, stores::SETTINGS, KEY, settings).await
}
