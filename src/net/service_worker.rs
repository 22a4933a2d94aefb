//! Registers `/sw.js` (`public/sw.js`), which keeps the app shell so the app
//! opens offline. Best effort: where service workers are unavailable (plain
//! http on another host, private modes, tests that block them) the app works
//! as before, online.

use wasm_bindgen::{JsCast, JsValue};

pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("serviceWorker"))
        .unwrap_or(JsValue::UNDEFINED);
    if container.is_undefined() || container.is_null() {
        return;
    }
    let Ok(register) = js_sys::Reflect::get(&container, &JsValue::from_str("register"))
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return;
    };
    let Ok(promise) = register.call1(&container, &JsValue::from_str("/sw.js")) else {
        return;
    };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        return;
    };
    // Awaited so that a refusal is not an unhandled rejection on the console.
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            web_sys::console::info_2(&JsValue::from_str("Service worker non registrato:"), &e);
        }
    });
}
