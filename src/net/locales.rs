//! The locale dictionaries: fetched, not built into the wasm (docs/i18n.md).
//! The build writes their addresses into index.html's `sl-locales` meta and
//! preloads the Italian one; this module fetches a language once and hands
//! it to `i18n::install`.

use crate::i18n::{self, Lang};
use gloo_net::http::Request;
use std::collections::HashMap;

/// Why a language's texts could not be loaded (the app then shows Italian,
/// or the keys if even Italian is missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocaleError {
    /// index.html names no file for it (a build without the locales step).
    NotListed,
    NoAnswer,
    Status(u16),
    Malformed,
}

/// The address of `lang`'s dictionary, from index.html.
fn url_of(lang: Lang) -> Option<String> {
    let meta = web_sys::window()?
        .document()?
        .query_selector("meta[name='sl-locales']")
        .ok()??;
    let map: HashMap<String, String> =
        serde_json::from_str(&meta.get_attribute("content")?).ok()?;
    map.get(lang.code()).cloned()
}

/// Load `lang`'s texts unless they are already there.
pub async fn ensure(lang: Lang) -> Result<(), LocaleError> {
    if i18n::is_loaded(lang) {
        return Ok(());
    }
    let url = url_of(lang).ok_or(LocaleError::NotListed)?;
    // The browser's cache is welcome here: the name changes with the content,
    // and the Italian file is preloaded by index.html.
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|_| LocaleError::NoAnswer)?;
    if response.status() != 200 {
        return Err(LocaleError::Status(response.status()));
    }
    let text = response.text().await.map_err(|_| LocaleError::NoAnswer)?;
    i18n::install(lang, &[&text]).map_err(|_| LocaleError::Malformed)
}

/// Load the texts the app starts with: Italian (every other language falls
/// back to it) and `lang`. Failures are logged; the app still starts.
pub async fn load_for_start(lang: Lang) {
    for l in [Lang::It, lang] {
        if let Err(e) = ensure(l).await {
            web_sys::console::warn_1(&format!("locale {}: {e:?}", l.code()).into());
        }
    }
}
