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

/// Comune suggestions for a place picker: (ISTAT code, "Bologna (BO)") for
/// what the person typed, the best 8.
pub fn use_comune_suggestions() -> Callback<String, Vec<(String, String)>> {
    let comuni = use_comuni_index();
    Callback::new(move |q: String| {
        comuni.with_untracked(|c| {
            c.as_ref()
                .map(|i| {
                    crate::domain::did::suggest_comuni(i, &q, 8)
                        .into_iter()
                        .map(|o| (o.code, o.label))
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}
