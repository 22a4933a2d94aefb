//! Everything stored on the device, as one export or one deletion
//! ("I miei dati").

use super::db::{all_stores, shared};
use super::{kv, StorageError};

/// Every store's records as JSON, keyed by store and record key.
pub async fn export_all() -> Result<serde_json::Value, StorageError> {
    kv::dump(&shared().await?, &all_stores()).await
}

/// Empty every store (the database and its schema stay).
pub async fn delete_all() -> Result<(), StorageError> {
    let database = shared().await?;
    for store in all_stores() {
        kv::clear(&database, store).await?;
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
