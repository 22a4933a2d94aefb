//! The high-contrast theme (issue 16): on when the system asks for more
//! contrast (`prefers-contrast: more`, in CSS, before the app starts) unless
//! the person turned it off here, or when the person turned it on. The
//! choice is kept on the device with the language and shown as
//! `<html data-contrast="high|normal">`, which the style sheets follow.

use crate::storage::settings;
use leptos::prelude::*;
use leptos::task::spawn_local;

const ATTRIBUTE: &str = "data-contrast";

/// Apply the choice kept on this device, before the first render.
pub async fn start_contrast() {
    if let Ok(Some(s)) = settings::stored().await {
        set_attribute(&s.contrast);
    }
}

/// Whether the high-contrast theme is shown now (the choice, else the
/// system's preference).
pub fn high_contrast_now() -> bool {
    match attribute().as_deref() {
        Some("high") => true,
        Some("normal") => false,
        _ => window()
            .match_media("(prefers-contrast: more)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches()),
    }
}

/// Turn the theme on or off and remember the choice (best effort).
pub fn set_high_contrast(high: bool) {
    let value = if high { "high" } else { "normal" };
    set_attribute(value);
    spawn_local(async move {
        let _ = settings::update(|s| s.contrast = value.to_string()).await;
    });
}

fn attribute() -> Option<String> {
    document().document_element()?.get_attribute(ATTRIBUTE)
}

fn set_attribute(value: &str) {
    if let Some(html) = document().document_element() {
        let _ = match value {
            "high" | "normal" => html.set_attribute(ATTRIBUTE, value),
            _ => html.remove_attribute(ATTRIBUTE),
        };
    }
}
