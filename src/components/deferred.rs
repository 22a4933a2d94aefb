//! Content that can wait one task: rendered after the browser has painted
//! what came before it, so a heavy page is built in two shorter tasks
//! instead of one long one (a phone stays responsive; Total Blocking Time).

use crate::state::scheduler::yield_now;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Renders `children` one task after the rest of the page. The caller keeps
/// the layout stable while it is absent (a fixed grid column, say).
#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    spawn_local(async move {
        yield_now().await;
        // The page may be gone by then.
        let _ = ready.try_set(true);
    });
    move || ready.get().then(|| children())
}
