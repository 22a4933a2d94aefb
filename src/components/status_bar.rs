//! Connectivity and pending submissions, announced politely.

use crate::i18n::{t, tf, tm};
use crate::net::service_worker;
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
            // A kiosk updates between two people instead (state::kiosk).
            <Show when=move || app.update_ready.get() && !app.kiosk.enabled()>
                <div class="container status update">
                    <p>
                        <strong>{t("update.available")}</strong>
                        " "
                        {t("update.keep")}
                    </p>
                    <button type="button" class="btn btn-primary" on:click=move |_| service_worker::apply_update()>
                        {t("update.reload")}
                    </button>
                    <button type="button" class="btn btn-link" on:click=move |_| app.update_ready.set(false)>
                        {t("update.later")}
                    </button>
                </div>
            </Show>
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
