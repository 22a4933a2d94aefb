//! "Le mie richieste": every submission and where it is.

use crate::components::notice::{MessageNotice, Tone};
use crate::domain::outbox::{DeliveryState, OutboxEntry};
use crate::i18n::{t, t_now, tf, tm};
use crate::state::use_app;
use crate::ui::format::format_time;
use leptos::prelude::*;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let app = use_app();
    app.outbox.refresh();
    let viewer = Memo::new(move |_| app.session.identity().map(|i| i.person.codice_fiscale));
    let shown = Memo::new(move |_| {
        let v = viewer.get();
        app.outbox.entries.with(|es| {
            es.iter()
                .filter(|e| e.shown_to(v.as_deref()))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let hidden = move || app.outbox.entries.with(|es| es.len()) - shown.with(Vec::len);
    view! {
        <section class="page">
            <h1>{t("outbox.title")}</h1>
            <p class="lead">{t("outbox.lead")}</p>
            {move || app.outbox.error.get().map(|e| view! { <MessageNotice tone=Tone::Error msg=e.message()/> })}
            <Show when=move || { app.outbox.pending_count() > 0 }>
                <button type="button" class="btn btn-secondary" on:click=move |_| app.outbox.retry_now()>
                    {t("outbox.retry")}
                </button>
            </Show>
            <Show when=move || { hidden() > 0 }>
                <p class="outbox-hidden">{move || tf("outbox.others_hidden", &[("count", &hidden().to_string())])}</p>
            </Show>
            <Show
                when=move || !shown.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">{t("outbox.empty")}</p> }
            >
                <ul class="outbox-list">
                    <For
                        each=move || shown.get()
                        key=|e| (e.key.clone(), e.attempts, e.is_pending())
                        children=move |e| view! { <EntryCard entry=e/> }
                    />
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn EntryCard(entry: OutboxEntry) -> impl IntoView {
    let created = format_time(entry.created_at);
    let (state_class, state_text, detail) = match &entry.state {
        DeliveryState::Pending => (
            "state-pending",
            t_now("outbox.state.pending"),
            entry
                .problem()
                .map(|m| tm(&m))
                .unwrap_or_else(|| t_now("outbox.state.pending_hint")),
        ),
        DeliveryState::Delivered { receipt } => (
            "state-delivered",
            t_now("outbox.state.delivered"),
            tf(
                "outbox.receipt",
                &[
                    ("id", &receipt.id),
                    (
                        "when",
                        &entry.delivered_at.map(format_time).unwrap_or_default(),
                    ),
                ],
            ),
        ),
        DeliveryState::Rejected { .. } => (
            "state-rejected",
            t_now("outbox.state.rejected"),
            entry.problem().map(|m| tm(&m)).unwrap_or_default(),
        ),
    };
    view! {
        <li class="outbox-item" data-key=entry.key.clone()>
            <div class="outbox-head">
                <span class="outbox-kind">{t_now(entry.kind.label_key())}</span>
                <span class=format!("state {state_class}")>{state_text}</span>
            </div>
            <p class="outbox-title">{entry.title.clone()}</p>
            <p class="outbox-detail">{detail}</p>
            <p class="outbox-meta">
                {tf("outbox.created", &[("when", &created)])}
                " · "
                {tf("outbox.attempts", &[("count", &entry.attempts.to_string())])}
            </p>
        </li>
    }
}
