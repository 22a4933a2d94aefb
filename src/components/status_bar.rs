//! Connectivity and pending submissions, announced politely.

use crate::i18n::{t, tf, tm};
use crate::routes;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn StatusBar() -> impl IntoView {
    let app = use_app();
    let pending = move || app.outbox.pending_count();
    view! {
        <div class="status-bar" role="status" aria-live="polite">
            <Show when=move || !app.online.get()>
                <p class="container status offline">{t("status.offline")}</p>
            </Show>
            <Show when=move || app.session.expired.get()>
                <p class="container status expired">{t("auth.expired")}</p>
            </Show>
            {move || app.session.error.get().map(|m| view! {
                <p class="container status session-error">{move || tm(&m)}</p>
            })}
            <Show when=move || { pending() > 0 }>
                <p class="container status pending">
                    {move || tf("status.pending", &[("count", &pending().to_string())])}
                    " "
                    <A href=routes::OUTBOX>{t("status.see_outbox")}</A>
                </p>
            </Show>
        </div>
    }
}
