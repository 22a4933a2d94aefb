//! "Il mio percorso" (`/percorso`): the patto di servizio at a glance. The
//! next appointment, the actions due, progress against each commitment for
//! the current period, what is at stake under art. 21 (never as decided),
//! logging search acts, and the appointments with their actions. Personal:
//! shown only to the person logged in, cached on their device for offline
//! use.

mod appointments;
mod log_act;
mod no_patto;

use crate::components::login_required::LoginRequired;
use crate::components::notice::{Notice, Tone};
use crate::domain::outbox::{DeliveryState, SubmissionKind};
use crate::domain::percorso::{progress, Percorso, SearchAct, SearchActKind};
use crate::i18n::{t, t_now, tf, tm};
use crate::net::percorso::{fetch_percorso, PercorsoAnswer};
use crate::state::use_app;
use crate::storage::personal::{self, CachedPercorso};
use crate::ui::format::{format_date, format_time};
use leptos::prelude::*;
use leptos::task::spawn_local;

pub use no_patto::NoPattoNotice;

// The route entry point, in the `percorso` chunk.
crate::route_chunk!(percorso, percorso_view => PercorsoPage, preload = preload_percorso);

#[component]
pub fn PercorsoPage() -> impl IntoView {
    view! {
        <section class="page percorso">
            <h1>{t("percorso.title")}</h1>
            <p class="lead">{t("percorso.lead")}</p>
            <LoginRequired>
                <PercorsoView/>
            </LoginRequired>
        </section>
    }
}

/// Where the percorso shown comes from.
#[derive(Clone, Debug, PartialEq)]
enum Loaded {
    Reading,
    /// Fresh from the CPI, or the copy on this device (with when it was fetched).
    Ready {
        percorso: Box<Percorso>,
        cached_at: Option<f64>,
    },
    Failed(String),
}

#[component]
fn PercorsoView() -> impl IntoView {
    let app = use_app();
    let loaded = RwSignal::new(Loaded::Reading);
    let acts = RwSignal::new(Vec::<crate::domain::search_log::LoggedAct>::new());
    let today = crate::state::today_date();
    let cf = Memo::new(move |_| {
        app.session
            .identity()
            .map(|i| i.person.codice_fiscale.clone())
            .unwrap_or_default()
    });
    let reload_acts = move || {
        spawn_local(async move {
            acts.try_set(personal::load_search_acts().await.unwrap_or_default());
        });
    };
    reload_acts();
    Effect::new(move |_| {
        let cf = cf.get();
        if cf.is_empty() {
            return;
        }
        spawn_local(async move {
            // The copy on this device first (offline too), then the CPI's.
            let cached = personal::cached_percorso(&cf).await;
            if let Some(c) = &cached {
                if let Ok(p) = Percorso::parse(&c.body) {
                    loaded.try_set(Loaded::Ready {
                        percorso: Box::new(p),
                        cached_at: Some(c.fetched_at),
                    });
                }
            }
            match fetch_percorso().await {
                PercorsoAnswer::Body(body) => match Percorso::parse(&body) {
                    Ok(p) => {
                        let _ = personal::store_percorso(&CachedPercorso {
                            codice_fiscale: cf.clone(),
                            body,
                            fetched_at: js_sys::Date::now(),
                        })
                        .await;
                        loaded.try_set(Loaded::Ready {
                            percorso: Box::new(p),
                            cached_at: None,
                        });
                    }
                    Err(e) => {
                        loaded.try_set(Loaded::Failed(tm(&e.message())));
                    }
                },
                PercorsoAnswer::NeedsLogin => app.session.check(|| ()),
                PercorsoAnswer::Unavailable => {
                    if cached.is_none() {
                        loaded.try_set(Loaded::Failed(t_now("percorso.unavailable")));
                    }
                }
            }
        });
    });

    // Applications made in the app count by themselves.
    let search_acts = Memo::new(move |_| {
        let mut list: Vec<SearchAct> =
            acts.with(|a| a.iter().filter_map(|x| x.as_search_act()).collect());
        app.outbox.entries.with(|es| {
            for e in es.iter().filter(|e| {
                e.kind == SubmissionKind::Application
                    && !matches!(e.state, DeliveryState::Rejected { .. })
            }) {
                list.push(SearchAct {
                    date: crate::state::date_of_millis(e.created_at),
                    kind: SearchActKind::Application,
                    counts_for: None,
                    from_app: true,
                });
            }
        });
        list
    });
    app.outbox.refresh();

    move || match loaded.get() {
        Loaded::Reading => {
            view! { <p class="hint" aria-busy="true">{t("percorso.loading")}</p> }.into_any()
        }
        Loaded::Failed(e) => view! { <Notice tone=Tone::Error><p>{e}</p></Notice> }.into_any(),
        Loaded::Ready {
            percorso,
            cached_at,
        } => {
            let percorso = *percorso;
            let stale = cached_at.map(|at| view! {
                <Notice tone=Tone::Info><p>{tf("percorso.cached", &[("when", &format_time(at))])}</p></Notice>
            });
            let Some(patto) = percorso.patto.clone() else {
                return view! {
                    {stale}
                    <NoPattoNotice/>
                    <appointments::Appointments percorso=percorso.clone()/>
                }
                .into_any();
            };
            let commitments: Vec<(String, String)> = patto
                .commitments
                .iter()
                .map(|c| (c.id.clone(), c.title.clone()))
                .collect();
            let progress_view = {
                let patto = patto.clone();
                let checks = percorso.checks.clone();
                move || {
                    search_acts.with(|acts| {
                        patto.commitments.iter().map(|c| {
                            let p = progress(c, acts, &checks, today);
                            let pct = (p.done.min(p.required) * 100).checked_div(p.required).unwrap_or(100);
                            let label = tm(&p.message());
                            let bar_id = format!("progress-{}", c.id);
                            view! {
                                <li class="commitment" class:met=p.met() data-commitment=c.id.clone()>
                                    <p class="commitment-title" id=bar_id.clone()><strong>{c.title.clone()}</strong></p>
                                    <div class="progress" role="progressbar" aria-labelledby=bar_id
                                        aria-valuemin="0" aria-valuemax=p.required.to_string() aria-valuenow=p.done.min(p.required).to_string()
                                        aria-valuetext=label.clone()>
                                        <div class="progress-fill" style=format!("width: {pct}%")></div>
                                    </div>
                                    <p class="commitment-text">{label}</p>
                                    <p class="hint">{c.proof.clone()}</p>
                                </li>
                            }
                        }).collect_view()
                    })
                }
            };
            view! {
                {stale}
                <appointments::NextAppointment percorso=percorso.clone()/>
                <section class="percorso-section" aria-labelledby="commitments-title">
                    <h2 id="commitments-title">{t("percorso.commitments.title")}</h2>
                    <ul class="commitments plain">{progress_view}</ul>
                    <log_act::LogActForm commitments=commitments on_logged=Callback::new(move |_| reload_acts())/>
                </section>
                <appointments::Appointments percorso=percorso.clone()/>
                <section class="percorso-section" aria-labelledby="patto-title">
                    <h2 id="patto-title">{t("percorso.patto.title")}</h2>
                    <dl class="avviso-facts">
                        <dt>{t("percorso.patto.signed")}</dt><dd>{format_date(patto.signed)}</dd>
                        <dt>{t("percorso.patto.cpi")}</dt><dd>{patto.cpi_name.clone()}</dd>
                        <dt>{t("percorso.patto.responsabile")}</dt><dd>{format!("{} ({})", patto.responsabile.name, patto.responsabile.role)}</dd>
                    </dl>
                    {(!patto.measures.is_empty()).then(|| view! {
                        <h3>{t("percorso.patto.measures")}</h3>
                        <ul>{patto.measures.iter().map(|m| view! {
                            <li>{m.title.clone()}{m.due.map(|d| format!(" – {}", tf("percorso.patto.due", &[("date", &format_date(d))])))}</li>
                        }).collect_view()}</ul>
                    })}
                    <h3>{t("percorso.patto.availability")}</h3>
                    <ul>{patto.availability.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
                </section>
            }.into_any()
        }
    }
}
