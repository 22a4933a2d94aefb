//! "I miei dati": what is stored on this device, export it, delete it.

use crate::components::notice::{Notice, Tone};
use crate::i18n::{t, t_now};
use crate::state::use_app;
use crate::storage::device_data;
use leptos::prelude::*;
use leptos::task::spawn_local;

// The route entry point, in the `my_data` chunk.
crate::route_chunk!(my_data, my_data_view => MyDataPage, preload = preload_my_data);

#[component]
pub fn MyDataPage() -> impl IntoView {
    let app = use_app();
    let message = RwSignal::new(None::<(Tone, String)>);
    let confirming = RwSignal::new(false);

    let export = move |_| {
        spawn_local(async move {
            match device_data::export_personal().await {
                Ok(dump) => {
                    let text = serde_json::to_string_pretty(&dump).unwrap_or_default();
                    match device_data::download_file(
                        "sportello-lavoro-dati.json",
                        "application/json",
                        &text,
                    ) {
                        Ok(()) => message.set(Some((Tone::Success, t_now("mydata.exported")))),
                        Err(_) => message.set(Some((Tone::Error, t_now("mydata.export_failed")))),
                    }
                }
                Err(e) => message.set(Some((Tone::Error, crate::i18n::tm(&e.message())))),
            }
        });
    };

    let delete_all = move |_| {
        confirming.set(false);
        spawn_local(async move {
            match device_data::delete_personal().await {
                Ok(()) => {
                    app.outbox.entries.set(Vec::new());
                    app.lists.favourites.set(Vec::new());
                    app.lists.saved.set(Vec::new());
                    // The session cookie is on this device too.
                    if app.session.identity().is_some() {
                        app.session.logout();
                    }
                    message.set(Some((Tone::Success, t_now("mydata.deleted"))));
                }
                Err(e) => message.set(Some((Tone::Error, crate::i18n::tm(&e.message())))),
            }
        });
    };

    view! {
        <section class="page">
            <h1>{t("mydata.title")}</h1>
            <p class="lead">{t("mydata.lead")}</p>
            <ul class="plain-list">
                <li>{t("mydata.what.drafts")}</li>
                <li>{t("mydata.what.outbox")}</li>
                <li>{t("mydata.what.personal")}</li>
                <li>{t("mydata.what.feeds")}</li>
                <li>{t("mydata.what.settings")}</li>
            </ul>
            <p>{t("mydata.kept")}</p>
            <p>{t("mydata.no_trackers")}</p>
            <div role="region" aria-live="polite">
                {move || message.get().map(|(tone, m)| view! { <Notice tone=tone><p>{m}</p></Notice> })}
            </div>
            <div class="actions">
                // A kiosk saves no files: its disk is shared.
                {(!app.kiosk.enabled()).then(|| view! {
                    <button type="button" class="btn btn-primary" on:click=export>{t("mydata.export")}</button>
                })}
                <button type="button" class="btn btn-danger" on:click=move |_| confirming.set(true)>{t("mydata.delete")}</button>
            </div>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
                    <h2 id="confirm-title">{t("mydata.confirm_title")}</h2>
                    <p id="confirm-text">{t("mydata.confirm_text")}</p>
                    <div class="actions">
                        <button type="button" class="btn btn-danger" on:click=delete_all>{t("mydata.confirm_yes")}</button>
                        <button type="button" class="btn btn-secondary" on:click=move |_| confirming.set(false)>{t("mydata.confirm_no")}</button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
