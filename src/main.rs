#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
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
