//! After a route change the focus goes to the new page's heading, so a
//! screen reader reads where the person arrived and Tab starts from the
//! content (WCAG 2.4.3; issue 16). The first load keeps the browser's focus.

use crate::ui::focus::focus_heading_when_shown;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Call once, inside the router, around the `<main>` that holds the pages.
pub fn use_route_focus(main_id: &'static str) {
    let pathname = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let path = pathname.get();
        // Only the path: a new search or filter (the query) is not a new page.
        if previous.is_some_and(|p| p != path) {
            focus_heading_when_shown(main_id);
        }
        path
    });
}
