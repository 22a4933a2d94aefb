//! The document title of the page on show.

use leptos::prelude::*;
use std::sync::{Arc, Mutex, OnceLock};

/// The document title from index.html, restored when a page that set its
/// own title goes away. Read once, on the first page that sets a title.
static DEFAULT_TITLE: OnceLock<String> = OnceLock::new();

/// Keep `document.title` as "<page> — Sportello Lavoro" while the page is
/// shown, and restore the app's title when it goes (unless another page has
/// set its own meanwhile).
pub fn use_page_title(title: impl Fn() -> String + Send + Sync + 'static) {
    DEFAULT_TITLE.get_or_init(|| document().title());
    // Plain shared memory, not a signal: the cleanup may run after the
    // page's reactive nodes are gone.
    let current = Arc::new(Mutex::new(String::new()));
    let written = Arc::clone(&current);
    Effect::new(move |_| {
        let full = format!("{} — {}", title(), crate::i18n::t_now("app.name"));
        document().set_title(&full);
        if let Ok(mut w) = written.lock() {
            *w = full;
        }
    });
    on_cleanup(move || {
        let ours = current.lock().map(|c| c.clone()).unwrap_or_default();
        if !ours.is_empty() && document().title() == ours {
            if let Some(d) = DEFAULT_TITLE.get() {
                document().set_title(d);
            }
        }
    });
}
