#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // Mount once the static shell of index.html has been shown and its paint
    // reported (`sportelloShellShown`, set by the shell's script): mounting
    // removes the shell, and a paint not yet reported when its element goes
    // is lost to the page's metrics (Largest Contentful Paint). Mounting in a
    // task of its own also keeps it apart from the module's instantiation.
    let shown = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"sportelloShellShown".into()).ok())
        .and_then(|p| wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(p).ok());
    // wasm-bindgen's executor: Leptos's is set up by the mount itself.
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(shown) = shown {
            let _ = wasm_bindgen_futures::JsFuture::from(shown).await;
        }
        // The texts are fetched, not in the wasm (preloaded by index.html).
        let lang = sportello_lavoro::state::start_language().await;
        sportello_lavoro::state::start_contrast().await;
        start(lang);
    });
}

#[cfg(target_arch = "wasm32")]
fn start(lang: sportello_lavoro::i18n::Lang) {
    leptos::mount::mount_to_body(move || {
        leptos::view! { <sportello_lavoro::app::App lang=lang/> }
    });
    // The app is on screen: the static shell of index.html goes, in the same
    // task, so no frame shows both or neither.
    remove_static_shell();
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
