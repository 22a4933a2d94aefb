//! Kiosk mode as the views see it (docs/kiosk.md): whether the app is a
//! kiosk, the idle warning, and ending a person's session so the next
//! person finds nothing of theirs.

use super::AppState;
use crate::domain::kiosk::{IdlePhase, KioskSettings};
use crate::net::{config, identity, outbox, service_worker};
use crate::storage::{device_data, StorageError};
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How long ending a session waits for the network (one last delivery, the
/// logout) before it forgets the person anyway.
const END_NETWORK_BUDGET_MS: u32 = 6_000;
/// The countdown's refresh while the warning shows.
const WARNING_TICK_MS: u32 = 250;

#[derive(Clone, Copy)]
pub struct KioskState {
    /// `None` when the app is not a kiosk.
    pub settings: Option<KioskSettings>,
    /// Seconds left while the idle warning shows.
    pub warning: RwSignal<Option<u32>>,
    /// The person asked to end their session ("Termina sessione"), and
    /// confirms or cancels.
    pub confirming: RwSignal<bool>,
    /// Ending now: the screen is covered until the page reloads.
    pub ending: RwSignal<bool>,
    /// The wipe failed: the screen stays covered and says to call staff.
    pub failed: RwSignal<Option<StorageError>>,
}

impl KioskState {
    /// Reads the deployment's configuration; on a kiosk, marks the page
    /// at once, so its style applies from the first frame.
    pub fn from_config() -> Self {
        let settings = config::kiosk_settings();
        if settings.is_some() {
            mark_document();
        }
        KioskState {
            settings,
            warning: RwSignal::new(None),
            confirming: RwSignal::new(false),
            ending: RwSignal::new(false),
            failed: RwSignal::new(None),
        }
    }

    pub fn enabled(self) -> bool {
        self.settings.is_some()
    }
}

/// Watch for idleness (a kiosk only): after `idle - warning` seconds with
/// no touch, key or pointer, the warning counts down; any of those cancels
/// it; at zero the session ends.
pub fn watch_idle(app: AppState) {
    let Some(settings) = app.kiosk.settings else {
        return;
    };
    let kiosk = app.kiosk;
    let warn_after = u64::from(
        settings
            .idle_seconds
            .saturating_sub(settings.warning_seconds),
    ) * 1000;
    let idle = leptos_use::use_idle_with_options(
        warn_after,
        leptos_use::UseIdleOptions::default().events(
            [
                "pointerdown",
                "pointermove",
                "keydown",
                "touchstart",
                "wheel",
                "input",
                "scroll",
            ]
            .map(String::from)
            .to_vec(),
        ),
    );
    let ticker = StoredValue::new_local(None::<Interval>);
    Effect::new(move |_| {
        if !idle.idle.get() {
            ticker.set_value(None);
            kiosk.warning.set(None);
            return;
        }
        let last_active = idle.last_active;
        let tick = move || match settings.phase(js_sys::Date::now() - last_active.get_untracked()) {
            IdlePhase::Active => kiosk.warning.set(None),
            IdlePhase::Warning { seconds_left } => kiosk.warning.set(Some(seconds_left)),
            IdlePhase::Expired => {
                ticker.set_value(None);
                end_session(app);
            }
        };
        tick();
        ticker.set_value(Some(Interval::new(WARNING_TICK_MS, tick)));
    });
}

/// `<html data-mode="kiosk">`: the kiosk's style sheet rules (larger
/// targets and type) hang on it.
fn mark_document() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-mode", "kiosk");
    }
}

/// End the person's session: one last chance to deliver what waits, the
/// logout, the wipe, then the home page in a fresh page (nothing stays in
/// memory). A new version, if one waits, takes over at the same time.
pub fn end_session(app: AppState) {
    let kiosk = app.kiosk;
    if kiosk.ending.get_untracked() && kiosk.failed.get_untracked().is_none() {
        return;
    }
    kiosk.ending.set(true);
    kiosk.confirming.set(false);
    kiosk.warning.set(None);
    kiosk.failed.set(None);
    spawn_local(async move {
        let cf = app.session.confirmed_cf();
        let logged_in = identity::session_hint();
        let network = async move {
            if app.outbox.has_waiting() {
                let _ = outbox::flush(cf).await;
            }
            // What waits in the person's name needs their session: it is
            // kept (never shown) until the next start delivers it and ends
            // the session (state::session, "logout owed").
            if outbox::waiting_for_a_session().await {
                false
            } else if logged_in {
                matches!(identity::logout().await, Ok(204 | 401))
            } else {
                true
            }
        };
        let logged_out = crate::net::within(END_NETWORK_BUDGET_MS, network)
            .await
            .unwrap_or(false);
        let wiped = device_data::wipe_for_next_person().await;
        if !logged_out {
            // After the wipe, which empties web storage: the next start
            // ends the backend's session before it asks who is logged in.
            identity::owe_logout();
        }
        match wiped {
            Ok(()) => {
                service_worker::activate_waiting();
                if let Some(w) = web_sys::window() {
                    let _ = w.location().replace(crate::routes::HOME);
                }
            }
            Err(e) => kiosk.failed.set(Some(e)),
        }
    });
}
