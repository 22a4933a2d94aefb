//! Kiosk mode's idle watch and dialogs (docs/kiosk.md): a chunk of its own,
//! loaded only where the deployment turned kiosk mode on, so no other
//! deployment pays for it.

mod dialogs;

use crate::state::{kiosk, use_app};
use leptos::prelude::*;

// The entry point, in the `kiosk` chunk (app.rs places it).
crate::route_chunk!(kiosk, kiosk_view => KioskGuard, preload = preload_kiosk);

#[component]
fn KioskGuard() -> impl IntoView {
    kiosk::watch_idle(use_app());
    view! { <dialogs::KioskDialogs/> }
}
