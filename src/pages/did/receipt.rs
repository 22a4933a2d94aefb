//! The DID receipt (`/did/ricevuta/:key`, printable): what was declared and
//! when, the local key and "in attesa di invio" until the CPI API accepts
//! it, then the protocol number; a QR code of the current id; the contact
//! deadline and the status timeline.

use super::status::{DeadlineBox, StatusPanel};
use super::steps::sections_view;
use crate::components::notice::{Notice, Tone};
use crate::domain::did::{self, DeadlineKind, DidPayload, Msg};
use crate::domain::outbox::{DeliveryState, OutboxEntry};
use crate::i18n::{t, t_now, tf};
use crate::routes;
use crate::state::use_app;
use crate::storage::outbox_store;
use crate::ui::format::{format_date, format_iso, format_time};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DidReceiptPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let key = Memo::new(move |_| params.with(|p| p.get(routes::segment::KEY).unwrap_or_default()));
    let entry = RwSignal::new(None::<OutboxEntry>);
    let loaded = RwSignal::new(false);
    let load_error = RwSignal::new(None::<String>);

    Effect::new(move |_| {
        let k = key.get();
        spawn_local(async move {
            match outbox_store::get(&k).await {
                Ok(e) => {
                    if entry.try_with_untracked(|x| x.is_none()) == Some(true) {
                        entry.set(e);
                    }
                }
                Err(e) => load_error.set(Some(crate::i18n::tm(&e.message()))),
            }
            if loaded.try_get_untracked() == Some(false) {
                loaded.set(true);
            }
        });
    });
    // Follow the outbox: the receipt turns "delivered" when it is (and a
    // stale list never turns a delivered receipt back into a pending one).
    Effect::new(move |_| {
        let k = key.get();
        app.outbox.entries.with(|es| {
            if let Some(e) = es.iter().find(|e| e.key == k) {
                let stale = e.is_pending()
                    && entry.with_untracked(|x| x.as_ref().is_some_and(|x| !x.is_pending()));
                if !stale && entry.with_untracked(|x| x.as_ref() != Some(e)) {
                    entry.set(Some(e.clone()));
                    if !loaded.get_untracked() {
                        loaded.set(true);
                    }
                }
            }
        });
    });
    app.outbox.flush();
    // Re-render the receipt only when what it shows changes (not on every
    // retry counter).
    let shape = Memo::new(move |_| {
        let s = entry.with(|e| {
            e.as_ref()
                .map(|e| (e.key.clone(), e.state.clone(), e.last_error.clone()))
        });
        (s, loaded.get())
    });

    view! {
        <section class="page receipt-page">
            <h1>{t("did.receipt.title")}</h1>
            {move || load_error.get().map(|e| view! { <Notice tone=Tone::Error><p>{e}</p></Notice> })}
            {move || match shape.get() {
                (Some(_), _) => entry.get_untracked().map(|e| view! { <Receipt entry=e/> }.into_any()).unwrap_or_else(|| ().into_any()),
                (None, false) => view! { <p class="loading" role="status">{t("did.receipt.loading")}</p> }.into_any(),
                (None, true) => view! {
                    <Notice tone=Tone::Warning>
                        <p>{t("did.receipt.not_found")}</p>
                        <p><A href=routes::OUTBOX>{t("did.receipt.see_outbox")}</A></p>
                    </Notice>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Receipt(entry: OutboxEntry) -> impl IntoView {
    let payload: DidPayload = serde_json::from_value(entry.payload.clone()).unwrap_or_default();
    let current = RwSignal::new(None::<String>);
    let today = crate::state::today_date();
    let id_shown = match &entry.state {
        DeliveryState::Delivered { receipt } => receipt.id.clone(),
        _ => entry.key.clone(),
    };
    let qr = did::qr_svg(&id_shown).unwrap_or_default();
    let qr_label = tf("did.receipt.qr_label", &[("id", &id_shown)]);
    let created = format_time(entry.created_at);
    let problem = entry.problem().map(|m| crate::i18n::tm(&m));
    let state_view = match entry.state.clone() {
        DeliveryState::Pending => view! {
            <p class="receipt-state"><span class="state state-pending">{t("did.receipt.pending")}</span></p>
            <dl class="receipt-ids">
                <div><dt>{t("did.receipt.local_key")}</dt><dd class="receipt-key">{entry.key.clone()}</dd></div>
                <div><dt>{t("did.receipt.created")}</dt><dd>{created.clone()}</dd></div>
            </dl>
            <Notice tone=Tone::Warning>
                <p>{t("did.receipt.pending_text")}</p>
                {problem.map(|text| view! { <p>{text}</p> })}
            </Notice>
        }
        .into_any(),
        DeliveryState::Delivered { receipt } => view! {
            <p class="receipt-state"><span class="state state-delivered">{t("did.receipt.delivered")}</span></p>
            <dl class="receipt-ids">
                <div><dt>{t("did.receipt.protocol")}</dt><dd class="receipt-id">{receipt.id.clone()}</dd></div>
                <div><dt>{t("did.receipt.received")}</dt><dd>{format_iso(&receipt.received_at)}</dd></div>
                <div><dt>{t("did.receipt.created")}</dt><dd>{created.clone()}</dd></div>
                <div><dt>{t("did.receipt.local_key")}</dt><dd class="receipt-key">{entry.key.clone()}</dd></div>
            </dl>
        }
        .into_any(),
        DeliveryState::Rejected { .. } => {
            let text = problem.unwrap_or_default();
            view! {
                <p class="receipt-state"><span class="state state-rejected">{t("did.receipt.rejected")}</span></p>
                <Notice tone=Tone::Error>
                    <p>{text}</p>
                    <p><A href=routes::DID>{t("did.receipt.try_again")}</A></p>
                </Notice>
            }
            .into_any()
        }
    };
    let delivered_id = match &entry.state {
        DeliveryState::Delivered { receipt } => Some(receipt.id.clone()),
        _ => None,
    };
    let rules = did::rules().ok();
    let countdown = rules.map(|r| did::did_countdown(&payload, r, today, today));
    let days = rules
        .map(|r| r.contact_days(DeadlineKind::Did).to_string())
        .unwrap_or_default();
    let cpi = payload.cpi_label().to_string();
    let did_date = payload
        .informazioni_did
        .data_did
        .map(format_date)
        .unwrap_or_default();
    let explain = Msg::new("did.deadline.explain")
        .text("days", days.clone())
        .text("cpi", cpi.clone());
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <article class="receipt" aria-labelledby="did-receipt-head">
            <header class="receipt-head">
                <div class="receipt-main">
                    <h2 id="did-receipt-head">{t("did.receipt.subtitle")}</h2>
                    <p>{move || tf("did.receipt.declared_on", &[("date", &did_date), ("cpi", &cpi)])}</p>
                    {state_view}
                </div>
                <div class="qr" role="img" aria-label=qr_label inner_html=qr></div>
            </header>
            {move || {
                let applies = did::deadline_applies(current.get().as_deref());
                match (countdown, applies) {
                    (Some(c), true) => Some(view! {
                        <DeadlineBox countdown=c title=Signal::derive(t("did.deadline.title")) explain=explain.clone()/>
                    }),
                    _ => None,
                }
            }}
            {delivered_id.map(|id| view! { <StatusPanel id=id current=current/> })}
            <section class="receipt-declared" aria-labelledby="did-declared-title">
                <h2 id="did-declared-title">{t("did.receipt.declared")}</h2>
                {sections_view(&payload, None)}
            </section>
            <section class="did-next" aria-labelledby="did-next-title">
                <h2 id="did-next-title">{t("did.next.title")}</h2>
                <ol class="next-steps">
                    <li>{move || tf("did.next.contact", &[("days", &days)])}</li>
                    <li>{t("did.next.convocation")}</li>
                    <li>{t("did.next.patto")}" "<A href=routes::PERCORSO>{t("percorso.link.after_did")}</A></li>
                    <li>{t("did.next.measures")}</li>
                    <li>{t("did.next.job")}</li>
                </ol>
            </section>
            <div class="did-nav did-no-print">
                <button type="button" class="btn btn-primary" on:click=print>{t("did.receipt.print")}</button>
                <A href=routes::OUTBOX attr:class="btn btn-secondary">{t("did.receipt.see_outbox")}</A>
            </div>
            <p class="hint receipt-foot">{move || t_now("did.receipt.foot")}</p>
        </article>
    }
}
