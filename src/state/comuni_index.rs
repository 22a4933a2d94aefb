//! The comuni as a lookup index (suggestions, coordinates for the radius
//! filter), built once per session from the `comuni` feed when a page asks.

use crate::domain::comuni::ComuniIndex;
use leptos::prelude::*;
use std::sync::Arc;

/// The index, filled as soon as the comuni feed is there. The caller starts
/// loading the feed (`app.comuni.ensure_loaded()`).
pub fn use_comuni_index() -> RwSignal<Option<Arc<ComuniIndex>>> {
    let app = crate::state::use_app();
    let index = app.comuni_index;
    Effect::new(move |_| {
        if let Some(feed) = app.comuni.data.get() {
            if index.with_untracked(Option::is_none) {
                index.set(Some(Arc::new(ComuniIndex::new(feed.items.clone()))));
            }
        }
    });
    index
}
