//! What the app holds about the person, as one export or one deletion
//! ("I miei dati"). Personal: settings, drafts, the outbox (with receipts)
//! and the personal lists (profile, favourites, saved searches, the last
//! identity seen). Not personal, so neither exported nor deleted: the copies
//! of public data (feeds, search index) and the service worker's app shell.

use super::db::{shared, stores};
use super::{kv, StorageError};

/// The stores that hold what the person typed, chose or sent.
pub const PERSONAL_STORES: [&str; 4] = [
    stores::SETTINGS,
    stores::DRAFTS,
    stores::OUTBOX,
    stores::PERSONAL,
];

/// The person's records as one JSON document: the app, the format, when,
/// and each personal store's records by key.
pub async fn export_personal() -> Result<serde_json::Value, StorageError> {
    let records = kv::dump(&shared().await?, &PERSONAL_STORES).await?;
    Ok(serde_json::json!({
        "app": "Sportello Lavoro",
        "format": 1,
        "exported_at": String::from(js_sys::Date::new_0().to_iso_string()),
        "stores": records,
    }))
}

/// Empty the personal stores (the database, its schema and the public
/// copies stay), and the page's web storage in case anything is there.
pub async fn delete_personal() -> Result<(), StorageError> {
    let database = shared().await?;
    for store in PERSONAL_STORES {
        kv::clear(&database, store).await?;
    }
    clear_web_storage();
    Ok(())
}

/// The Cache Storage name of the service worker's app shell (`public/sw.js`,
/// `CACHE`): public files only, so the kiosk wipe keeps it.
pub const SHELL_CACHE: &str = "sportello-shell-v1";

/// Forget the person who used a shared kiosk: drafts, settings and the
/// personal lists go; of the outbox, what was delivered or refused goes and
/// what still waits is sealed (delivered later, never listed); web storage
/// and every Cache Storage entry but the app shell go. Each part is tried
/// even if another fails; the first failure is returned after all were tried.
pub async fn wipe_for_next_person() -> Result<(), StorageError> {
    use crate::domain::outbox::kiosk_handover;
    let database = shared().await?;
    let mut first_error = None;
    for store in [stores::SETTINGS, stores::DRAFTS, stores::PERSONAL] {
        if let Err(e) = kv::clear(&database, store).await {
            first_error.get_or_insert(e);
        }
    }
    match super::outbox_store::all().await {
        Ok(entries) => {
            let handover = kiosk_handover(entries);
            for key in &handover.delete {
                if let Err(e) = super::outbox_store::remove(key).await {
                    first_error.get_or_insert(e);
                }
            }
            for entry in &handover.seal {
                if let Err(e) = super::outbox_store::put(entry).await {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(e) => {
            first_error.get_or_insert(e);
        }
    }
    clear_web_storage();
    clear_other_caches().await;
    match first_error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn clear_web_storage() {
    if let Some(w) = web_sys::window() {
        for storage in [w.local_storage(), w.session_storage()] {
            if let Ok(Some(s)) = storage {
                let _ = s.clear();
            }
        }
    }
}

/// Every cache but the app shell's (the app keeps nothing personal there,
/// but a cache it does not know of is not kept on a shared screen).
async fn clear_other_caches() {
    use wasm_bindgen_futures::JsFuture;
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return;
    };
    let Ok(keys) = JsFuture::from(caches.keys()).await else {
        return;
    };
    for name in js_sys::Array::from(&keys)
        .iter()
        .filter_map(|k| k.as_string())
    {
        if name != SHELL_CACHE {
            let _ = JsFuture::from(caches.delete(&name)).await;
        }
    }
}

/// The browser refused to make a file (no Blob or object URLs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DownloadRefused;

/// Offer `text` to the person as a downloaded file.
pub fn download_file(file_name: &str, mime: &str, text: &str) -> Result<(), DownloadRefused> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(DownloadRefused)?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| DownloadRefused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| DownloadRefused)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| DownloadRefused)?
        .dyn_into()
        .map_err(|_| DownloadRefused)?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
