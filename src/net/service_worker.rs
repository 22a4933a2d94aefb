//! Registers `/sw.js` (`public/sw.js`), which keeps the app shell so the app
//! opens offline, and tells the app when a new version is waiting. Best
//! effort: where service workers are unavailable (plain http on another
//! host, private modes, tests that block them) the app works as before,
//! online.
//!
//! A new worker installs in the background and waits: it takes over only
//! when the person chooses to reload ([`apply_update`]), never under a form.

use gloo_events::EventListener;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// How often a page left open (a kiosk, a tab kept for days) asks whether
/// a new version was deployed.
const UPDATE_CHECK_MS: u32 = 30 * 60 * 1000;

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// This page asked the waiting worker to take over: reload when it has.
    static RELOAD_ON_CHANGE: Cell<bool> = const { Cell::new(false) };
    static LISTENERS: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
    static TIMER: RefCell<Option<gloo_timers::callback::Interval>> = const { RefCell::new(None) };
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent on insecure origins: `navigator.serviceWorker` is undefined there.
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    Some(navigator.service_worker())
}

/// Register the worker; `on_update` runs when a new version has installed
/// and waits for the person, or when another tab let it take over (not on
/// the first install, which simply takes control).
pub fn register(on_update: impl Fn() + Clone + 'static) {
    let Some(container) = container() else {
        return;
    };
    let had_controller = container.controller().is_some();
    let on_change = on_update.clone();
    let reload = EventListener::new(&container, "controllerchange", move |_| {
        if RELOAD_ON_CHANGE.with(Cell::get) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        } else if had_controller {
            // Another tab chose to update: this page still runs the old
            // version, and reloads when the person chooses.
            on_change();
        }
    });
    LISTENERS.with(|l| l.borrow_mut().push(reload));
    let promise = container.register("/sw.js");
    // Awaited so that a refusal is not an unhandled rejection on the console.
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(value) => {
                // Some hosts (test browsers that block workers) answer
                // with no registration at all.
                let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
                    return;
                };
                watch(&registration, on_update);
                REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
                TIMER.with(|t| {
                    *t.borrow_mut() = Some(gloo_timers::callback::Interval::new(
                        UPDATE_CHECK_MS,
                        check_for_update,
                    ))
                });
            }
            Err(e) => {
                web_sys::console::info_2(&JsValue::from_str("Service worker non registrato:"), &e)
            }
        }
    });
}

/// Call `on_waiting` for a worker that waits now or once one installs.
fn watch(registration: &ServiceWorkerRegistration, on_waiting: impl Fn() + Clone + 'static) {
    let controlled = || container().is_some_and(|c| c.controller().is_some());
    if registration.waiting().is_some() && controlled() {
        on_waiting();
    }
    let reg = registration.clone();
    let found = EventListener::new(registration, "updatefound", move |_| {
        let Some(worker) = reg.installing() else {
            return;
        };
        let on_waiting = on_waiting.clone();
        let w = worker.clone();
        let installed = EventListener::new(&worker, "statechange", move |_| {
            // With no controller this is the first install, not an update.
            if w.state() == ServiceWorkerState::Installed && controlled() {
                on_waiting();
            }
        });
        LISTENERS.with(|l| l.borrow_mut().push(installed));
    });
    LISTENERS.with(|l| l.borrow_mut().push(found));
}

/// Ask the server whether `sw.js` changed (a new deployment).
pub fn check_for_update() {
    REGISTRATION.with(|r| {
        if let Some(reg) = r.borrow().as_ref() {
            if let Ok(p) = reg.update() {
                // A failed check (offline) is retried next time.
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                });
            }
        }
    });
}

/// Let the waiting version take over, then reload this page with it (or
/// just reload, when another tab already let it take over).
pub fn apply_update() {
    RELOAD_ON_CHANGE.with(|c| c.set(true));
    if !activate_waiting() {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    }
}

/// Tell the waiting version, if any, to take over at once. The caller
/// navigates (a kiosk does so after each session).
pub fn activate_waiting() -> bool {
    let waiting: Option<ServiceWorker> =
        REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.waiting()));
    let Some(worker) = waiting else {
        return false;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
    worker.post_message(&message).is_ok()
}
