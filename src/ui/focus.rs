//! Moving the keyboard focus from code.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focus an element by id once the view has been updated (next animation
/// frame), so screen readers announce it and the viewport follows. Used for
/// result headings, error summaries, messages and in-page jumps.
pub fn focus_later(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
