//! The locale dictionaries: fetched, not built into the wasm (docs/i18n.md).
//! The build writes their addresses into index.html's `sl-locales` meta and
//! preloads the Italian start texts; this module fetches a language's
//! texts once and hands them to `i18n::install`. Each language has two
//! dictionaries (tools/build/locales.mjs): the start texts (the app's frame,
//! home page and outbox) and the pages' texts, fetched with the first
//! feature page.

use crate::i18n::{self, Lang};
use gloo_net::http::Request;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

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

/// Which of a language's two dictionaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Texts {
    Start = 0,
    Pages = 1,
}

thread_local! {
    /// Dictionaries loaded, and those being fetched (a second caller waits
    /// for the first instead of fetching again).
    static LOADED: RefCell<HashSet<(Lang, Texts)>> = RefCell::new(HashSet::new());
    static FETCHING: RefCell<HashSet<(Lang, Texts)>> = RefCell::new(HashSet::new());
}

/// The address of one of `lang`'s dictionaries, from index.html.
fn url_of(lang: Lang, texts: Texts) -> Option<String> {
    let meta = web_sys::window()?
        .document()?
        .query_selector("meta[name='sl-locales']")
        .ok()??;
    let map: HashMap<String, Vec<String>> =
        serde_json::from_str(&meta.get_attribute("content")?).ok()?;
    map.get(lang.code())?.get(texts as usize).cloned()
}

/// Load one of `lang`'s dictionaries unless it is already there.
pub async fn ensure(lang: Lang, texts: Texts) -> Result<(), LocaleError> {
    const WAIT_MS: u32 = 20;
    let key = (lang, texts);
    while FETCHING.with(|f| f.borrow().contains(&key)) {
        gloo_timers::future::TimeoutFuture::new(WAIT_MS).await;
    }
    if LOADED.with(|l| l.borrow().contains(&key)) {
        return Ok(());
    }
    FETCHING.with(|f| f.borrow_mut().insert(key));
    let result = fetch(lang, texts).await;
    FETCHING.with(|f| f.borrow_mut().remove(&key));
    if result.is_ok() {
        LOADED.with(|l| l.borrow_mut().insert(key));
    }
    result
}

async fn fetch(lang: Lang, texts: Texts) -> Result<(), LocaleError> {
    let url = url_of(lang, texts).ok_or(LocaleError::NotListed)?;
    // The browser's cache is welcome here: the name changes with the content,
    // and the Italian start file is preloaded by index.html.
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

/// Have the texts of the pages been asked for (by a feature page)? A
/// language switch then fetches them too.
pub fn pages_wanted() -> bool {
    LOADED.with(|l| l.borrow().iter().any(|(_, t)| *t == Texts::Pages))
}

/// Load the texts the app starts with: Italian (every other language falls
/// back to it) and `lang`. Failures are logged; the app still starts.
pub async fn load_for_start(lang: Lang) {
    for l in [Lang::It, lang] {
        if let Err(e) = ensure(l, Texts::Start).await {
            web_sys::console::warn_1(&format!("locale {}: {e:?}", l.code()).into());
        }
    }
}

/// Load the pages' texts of Italian and `lang` (before a feature page
/// shows). Failures are logged; the page then shows Italian or keys.
pub async fn load_for_pages(lang: Lang) {
    for l in [Lang::It, lang] {
        if let Err(e) = ensure(l, Texts::Pages).await {
            web_sys::console::warn_1(&format!("locale {} pages: {e:?}", l.code()).into());
        }
    }
}
