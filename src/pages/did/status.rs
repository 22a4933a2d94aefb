//! The DID's status timeline, read from the CPI API and cached on the device
//! so the last known status shows offline too.

use crate::components::notice::{Notice, Tone};
use crate::domain::did::{self, CachedStatus, Msg};
use crate::i18n::{t, t_now, tf, tm};
use crate::net::status::{self as net_status, StatusError};
use crate::state::use_app;
use crate::ui::format::{format_date, weekday};
use crate::ui::format::{format_iso, format_time};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StatusPanel(id: String, current: RwSignal<Option<String>>) -> impl IntoView {
    let app = use_app();
    let data = RwSignal::new(None::<CachedStatus>);
    let error = RwSignal::new(None::<StatusError>);
    let loading = RwSignal::new(false);
    let id = StoredValue::new(id);

    // Async tasks may finish after the panel is gone: they only use the
    // non-panicking `try_*` accessors and `set` (a no-op once disposed).
    let refresh = move || {
        if loading.try_get_untracked() != Some(false) {
            return;
        }
        let Some(id) = id.try_get_value() else { return };
        loading.set(true);
        spawn_local(async move {
            match net_status::refresh(&id).await {
                Ok(c) => {
                    current.set(Some(c.status.status.clone()));
                    data.set(Some(c));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    // The cached status first (offline), then the server's.
    spawn_local(async move {
        let Some(key) = id.try_get_value() else {
            return;
        };
        if let Some(c) = crate::storage::personal::cached_did_status(&key).await {
            if data.try_with_untracked(|d| d.is_none()) == Some(true) {
                current.set(Some(c.status.status.clone()));
                data.set(Some(c));
            }
        }
    });
    refresh();
    // Back online: read it again.
    Effect::new(move |prev: Option<bool>| {
        let on = app.online.get();
        if prev == Some(false) && on {
            refresh();
        }
        on
    });

    let status = move || data.with(|d| d.as_ref().map(|c| c.status.status.clone()));
    view! {
        <section class="did-status" aria-labelledby="did-status-title">
            <h2 id="did-status-title">{t("did.status.title")}</h2>
            <div class="status-now" aria-live="polite">
                {move || match status() {
                    Some(s) => view! {
                        <p class="status-current">
                            {t("did.status.current")}" "
                            <strong class=format!("did-state did-state-{s}")>{t_now(did::status_key(&s))}</strong>
                        </p>
                        <p>{t_now(did::status_explain_key(&s))}</p>
                    }.into_any(),
                    None if loading.get() => view! { <p class="loading">{t("did.status.loading")}</p> }.into_any(),
                    None => view! { <p>{t("did.status.unknown")}</p> }.into_any(),
                }}
                {move || error.get().map(|e| {
                    let when = data.with(|d| d.as_ref().map(|c| format_time(c.fetched_at)));
                    let text = match when {
                        Some(w) => format!("{} {}", t_now(e.key()), tf("did.status.cached_at", &[("when", &w)])),
                        None => t_now(e.key()),
                    };
                    view! { <Notice tone=Tone::Warning><p>{text}</p></Notice> }
                })}
            </div>
            {move || data.get().map(|c| {
                let items = did::timeline(&c.status);
                view! {
                    <ol class="timeline">
                        {items.into_iter().map(|i| view! {
                            <li class="timeline-item" class:timeline-current=i.current data-status=i.status.clone()>
                                <span class="timeline-dot" aria-hidden="true"></span>
                                <span class="timeline-status">{t(i.label_key)}</span>
                                <time datetime=i.at.clone()>{format_iso(&i.at)}</time>
                                {i.note.map(|n| view! { <p class="timeline-note">{n}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                    <p class="hint">{tf("did.status.updated_at", &[("when", &format_time(c.fetched_at))])}</p>
                }
            })}
            <div class="did-nav did-no-print">
                <button type="button" class="btn btn-secondary" on:click=move |_| refresh() disabled=move || loading.get()>
                    {t("did.status.refresh")}
                </button>
            </div>
        </section>
    }
}

/// The contact deadline with its countdown.
#[component]
pub fn DeadlineBox(
    countdown: did::Countdown,
    #[prop(into)] title: Signal<String>,
    explain: Msg,
) -> impl IntoView {
    let class = if countdown.is_past() {
        "deadline deadline-past"
    } else {
        "deadline"
    };
    view! {
        <section class=class aria-labelledby="did-deadline-title">
            <h2 id="did-deadline-title">{move || title.get()}</h2>
            <p class="deadline-date">
                <strong>{move || tf("did.deadline.by", &[("date", &format_date(countdown.deadline)), ("weekday", &weekday(countdown.deadline))])}</strong>
            </p>
            <p class="deadline-countdown">{move || tm(&countdown.msg())}</p>
            <p>{move || tm(&explain)}</p>
        </section>
    }
}
