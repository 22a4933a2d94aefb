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

/// How long a new page may take to show its heading (a feature's chunk
/// loading first): about four seconds of animation frames.
const HEADING_FRAMES: u32 = 240;

/// Put the focus on the first `h1` inside `container_id` once it is shown,
/// and again whenever the focus falls back to the page while the new page
/// settles (a chunk's loading heading replaced by the page's, a heading
/// moved when its data arrives). Stops when something else takes the
/// focus (the person, or a page that focuses its own field) or when the
/// person touches or clicks the page.
pub fn focus_heading_when_shown(container_id: &'static str) {
    let touched = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = touched.clone();
    let listener = gloo_events::EventListener::new_with_options(
        &document(),
        "pointerdown",
        gloo_events::EventListenerOptions::run_in_capture_phase(),
        move |_| flag.set(true),
    );
    let watch = HeadingWatch {
        container_id,
        before: document().active_element(),
        ours: None,
        touched,
        _listener: listener,
    };
    heading_frame(watch, HEADING_FRAMES);
}

struct HeadingWatch {
    container_id: &'static str,
    /// What had the focus when the route changed (the link followed).
    before: Option<web_sys::Element>,
    /// The heading last focused here.
    ours: Option<web_sys::Element>,
    touched: std::rc::Rc<std::cell::Cell<bool>>,
    /// Removed with the watch.
    _listener: gloo_events::EventListener,
}

fn heading_frame(mut watch: HeadingWatch, frames_left: u32) {
    request_animation_frame(move || {
        let doc = document();
        let active = doc.active_element();
        let body: Option<web_sys::Element> = doc.body().map(Into::into);
        let on_body = active.is_none() || active == body;
        if watch.touched.get() || (!on_body && active != watch.before && active != watch.ours) {
            return;
        }
        if on_body || active == watch.before {
            let heading = doc
                .get_element_by_id(watch.container_id)
                .and_then(|main| main.query_selector("h1").ok().flatten());
            if let Some(h) = heading {
                if !h.has_attribute("tabindex") {
                    let _ = h.set_attribute("tabindex", "-1");
                }
                if let Ok(el) = h.clone().dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
                watch.ours = Some(h);
            }
        }
        if frames_left > 0 {
            heading_frame(watch, frames_left - 1);
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
