#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::Duration;

    console_error_panic_hook::set_once();
    // Mount in a task of its own, after the browser has painted the static
    // shell and reported that paint: mounting removes the shell, and a paint
    // not yet reported when its element goes is lost to the page's metrics
    // (Largest Contentful Paint). The frame after next is the earliest safe
    // moment; the timer covers a hidden tab, where frames do not come.
    let started = Rc::new(Cell::new(false));
    let once = {
        let started = started.clone();
        move || {
            if !started.replace(true) {
                start();
            }
        }
    };
    let by_frame = once.clone();
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::set_timeout(by_frame, Duration::ZERO)
        })
    });
    leptos::prelude::set_timeout(once, Duration::from_millis(MOUNT_AT_LATEST_MS));
}

/// A hidden tab has no frames: mount after this long anyway.
#[cfg(target_arch = "wasm32")]
const MOUNT_AT_LATEST_MS: u64 = 250;

#[cfg(target_arch = "wasm32")]
fn start() {
    leptos::mount::mount_to_body(sportello_lavoro::app::App);
    // The app is on screen: the static shell of index.html goes, in the same
    // task, so no frame shows both or neither.
    remove_static_shell();
    sportello_lavoro::net::service_worker::register();
}

/// Remove `#static-shell` (index.html), if it is there.
#[cfg(target_arch = "wasm32")]
fn remove_static_shell() {
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("static-shell"))
    {
        shell.remove();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sportello Lavoro is a web app: build it with `trunk build` (see README.md).");
}
