//! The service catalogue (the LEP services of DM 4/2018) and the office
//! finder: `/servizi` (needs, audience filter, search), `/servizi/:id` (one
//! service, a stable permalink) and `/cpi` ("Qual è il mio CPI").
//!
//! The views stay thin: matching, searching and formatting are in
//! `domain::catalogue` and `domain::offices`; the few helpers here only
//! combine them and build URLs.

pub mod detail;
pub mod list;
pub mod offices;

pub use detail::ServicePage;
pub use list::CataloguePage;
pub use offices::OfficesPage;

use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::{Arc, Mutex};

/// The current interface language code ("it", "en"), tracked.
pub(crate) fn lang_code() -> &'static str {
    crate::i18n::use_i18n().lang.get().code()
}

/// A path with a query string: empty values are left out, values are
/// percent-encoded (`/servizi?bisogno=find_job&q=tirocini`).
pub(crate) fn href_with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = path.to_string();
    let mut first = true;
    for (k, v) in pairs {
        if v.is_empty() {
            continue;
        }
        out.push(if first { '?' } else { '&' });
        first = false;
        out.push_str(k);
        out.push('=');
        out.push_str(&encode_component(v));
    }
    out
}

/// `encodeURIComponent`, in Rust (unreserved ASCII kept, the rest as UTF-8 %XX).
pub(crate) fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
            )
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Move focus to an element (a result heading, a message) once the view
/// has been updated, so screen readers announce it and the viewport follows.
pub(crate) fn focus_later(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(id) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

thread_local! {
    /// The document title from index.html, restored when a page that set
    /// its own title goes away.
    static DEFAULT_TITLE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keep `document.title` as "<page> — Sportello Lavoro" while the page is
/// shown, and restore the app's title when it goes (unless another page has
/// set its own meanwhile).
pub(crate) fn use_page_title(title: impl Fn() -> String + Send + Sync + 'static) {
    DEFAULT_TITLE.with(|d| {
        let mut d = d.borrow_mut();
        if d.is_none() {
            *d = Some(document().title());
        }
    });
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
            if let Some(d) = DEFAULT_TITLE.with(|d| d.borrow().clone()) {
                document().set_title(&d);
            }
        }
    });
}
