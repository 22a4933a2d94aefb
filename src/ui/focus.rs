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

/// Keep Tab and Shift+Tab inside an open dialog or drawer (`container_id`).
pub fn trap_tab(container_id: &str, ev: &leptos::ev::KeyboardEvent) {
    let Some(panel) = document().get_element_by_id(container_id) else {
        return;
    };
    // querySelectorAll through JS (web-sys's NodeList is not enabled here).
    let selector =
        "button:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], summary";
    let Some(nodes) = js_sys::Reflect::get(&panel, &"querySelectorAll".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&panel, &selector.into()).ok())
    else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = js_sys::Array::from(&nodes)
        .iter()
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        // Skip what is not shown (zero-count values are hidden).
        .filter(|el| el.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = document().active_element();
    let is = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
    };
    if ev.shift_key() && is(first) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && is(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}
