//! Reminders through the Notifications API, when the browser has it and the
//! person allows it; the pages show an in-app reminder either way.

use wasm_bindgen::JsCast;

/// Where the person stands with notifications on this browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// The browser has no Notifications API (or not in this context).
    Unsupported,
    NotAsked,
    Granted,
    Denied,
}

fn supported() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::has(&w, &"Notification".into()).ok())
        .unwrap_or(false)
}

pub fn permission() -> Permission {
    if !supported() {
        return Permission::Unsupported;
    }
    match web_sys::Notification::permission() {
        web_sys::NotificationPermission::Granted => Permission::Granted,
        web_sys::NotificationPermission::Denied => Permission::Denied,
        _ => Permission::NotAsked,
    }
}

/// Ask the person (only from a click: browsers refuse otherwise).
pub async fn request() -> Permission {
    if !supported() {
        return Permission::Unsupported;
    }
    if let Ok(promise) = web_sys::Notification::request_permission() {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
    permission()
}

/// Show a notification now; `tag` replaces an earlier one with the same tag.
/// Does nothing without permission.
pub fn show(title: &str, body: &str, tag: &str) {
    if permission() != Permission::Granted {
        return;
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(body);
    options.set_tag(tag);
    options.set_icon("/icons/icon-192.png");
    if let Ok(n) = web_sys::Notification::new_with_options(title, &options) {
        // Nothing to keep: the browser shows it and closes it.
        let _ = n.dyn_into::<web_sys::EventTarget>();
    }
}
