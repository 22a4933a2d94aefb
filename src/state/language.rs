//! The language choice, kept on the device.

use crate::i18n::Lang;
use crate::storage::settings;
use leptos::task::spawn_local;

/// Remember the person's language for the next visit (best effort).
pub fn persist_language(lang: Lang) {
    spawn_local(async move {
        let mut s = settings::load().await.unwrap_or_default();
        s.lang = lang.code().to_string();
        let _ = settings::save(&s).await;
    });
}

/// The language the person chose on this device, if they ever did.
pub async fn stored_language() -> Option<Lang> {
    settings::stored()
        .await
        .ok()
        .flatten()
        .and_then(|s| Lang::from_code(&s.lang))
}
