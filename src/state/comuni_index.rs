//! The comuni as a lookup index (suggestions, coordinates for the radius
//! filter), from the `comuni` reference feed once a page has asked for it.

use crate::domain::comuni::ComuniIndex;
use leptos::prelude::*;
use std::sync::Arc;

/// The index, there as soon as the comuni are decoded. The caller starts
/// loading them (`app.comuni.ensure_loaded()`) when it needs them.
pub fn use_comuni_index() -> Signal<Option<Arc<ComuniIndex>>> {
    let comuni = crate::state::use_app().comuni;
    Signal::derive(move || comuni.data.with(|d| d.as_ref().map(|f| f.index.clone())))
}
