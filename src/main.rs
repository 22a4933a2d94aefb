#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(sportello_lavoro::app::App);
    sportello_lavoro::net::service_worker::register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sportello Lavoro is a web app: build it with `trunk build` (see README.md).");
}
