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
    if let Some(w) = web_sys::window() {
        for storage in [w.local_storage(), w.session_storage()] {
            if let Ok(Some(s)) = storage {
                let _ = s.clear();
            }
        }
    }
    Ok(())
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
