//! The language choice, kept on the device, and switching to a language
//! whose texts may still have to be fetched.

use crate::i18n::{I18n, Lang};
use crate::net::locales;
use crate::storage::settings;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The language the app starts in: the one chosen on this device, else the
/// browser's if we have it, else Italian. Its texts are loaded on return.
pub async fn start_language() -> Lang {
    let browser = || {
        web_sys::window()
            .and_then(|w| w.navigator().language())
            .and_then(|l| Lang::from_code(&l))
    };
    let lang = stored_language().await.or_else(browser).unwrap_or(Lang::It);
    locales::load_for_start(lang).await;
    lang
}

/// Show the app in `lang` once its texts are here, and remember the choice.
/// If they cannot be fetched (offline on a first visit), the page stays in
/// its language rather than show a mix.
pub fn switch_language(i18n: I18n, lang: Lang) {
    spawn_local(async move {
        // The pages' texts too, once a feature page has wanted them.
        let pages =
            !locales::pages_wanted() || locales::ensure(lang, locales::Texts::Pages).await.is_ok();
        if pages && locales::ensure(lang, locales::Texts::Start).await.is_ok() {
            i18n.lang.set(lang);
            persist_language(lang);
        }
    });
}

/// Remember the person's language for the next visit (best effort).
fn persist_language(lang: Lang) {
    spawn_local(async move {
        let _ = settings::update(|s| s.lang = lang.code().to_string()).await;
    });
}

/// The language the person chose on this device, if they ever did.
async fn stored_language() -> Option<Lang> {
    settings::stored()
        .await
        .ok()
        .flatten()
        .and_then(|s| Lang::from_code(&s.lang))
}
