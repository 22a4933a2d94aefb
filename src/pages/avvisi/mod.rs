//! Avvisi pubblici (`/avvisi`): public bodies hiring through the CPI. The
//! list with its filters and deadline countdowns; each notice's page
//! (`detail.rs`) checks eligibility, simulates the score, applies, shows the
//! ranking and takes a riesame.

mod detail;
mod ranking;

use crate::components::feed_status::FeedStatus;
use crate::domain::avvisi::{Avviso, Graduatoria, Status};
use crate::i18n::{t, t_now, tf, use_i18n};
use crate::routes;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;

pub use detail::AvvisoPage;

// The route entry points, in the `avvisi` chunk.
crate::route_chunk!(avvisi, list_view => AvvisiPage, preload = preload_list);
crate::route_chunk!(avvisi, detail_view => AvvisoPage, preload = preload_detail);

/// "Scade tra 5 giorni", "Ultimo giorno: oggi", "Chiuso".
pub(crate) fn status_text(status: Status) -> String {
    match status {
        Status::Open { days_left: 0 } => t_now("avvisi.countdown.today"),
        Status::Open { days_left: 1 } => t_now("avvisi.countdown.tomorrow"),
        Status::Open { days_left } => {
            tf("avvisi.countdown.days", &[("days", &days_left.to_string())])
        }
        other => t_now(other.key()),
    }
}

/// The ranking of a notice, if one is published.
pub(crate) fn ranking_of<'a>(list: &'a [Graduatoria], id: &str) -> Option<&'a Graduatoria> {
    // A final ranking replaces the provisional one.
    list.iter()
        .filter(|g| g.avviso_id == id)
        .max_by_key(|g| g.stage == crate::domain::avvisi::Stage::Final)
}

#[component]
pub fn AvvisiPage() -> impl IntoView {
    let app = use_app();
    app.avvisi.ensure_loaded();
    app.graduatorie.ensure_loaded();
    let i18n = use_i18n();
    let today = crate::state::today_date();
    let body = RwSignal::new(String::new());
    let comune = RwSignal::new(String::new());
    let rule_set = RwSignal::new(String::new());
    let status = RwSignal::new("open".to_string());

    let all = Memo::new(move |_| {
        let rankings = app
            .graduatorie
            .data
            .with(|d| d.as_ref().map(|f| f.items.clone()).unwrap_or_default());
        app.avvisi.data.with(|d| {
            d.as_ref()
                .map(|f| {
                    f.items
                        .iter()
                        .map(|a| {
                            let s = a.status(today, ranking_of(&rankings, &a.id));
                            (a.clone(), s)
                        })
                        .collect::<Vec<(Avviso, Status)>>()
                })
                .unwrap_or_default()
        })
    });
    let options = move |pick: fn(&Avviso) -> String| {
        Signal::derive(move || {
            let mut v: Vec<String> = all.with(|l| l.iter().map(|(a, _)| pick(a)).collect());
            v.sort();
            v.dedup();
            v
        })
    };
    let bodies = options(|a| a.body.clone());
    let comuni = options(|a| a.comune.clone());
    let rule_sets = options(|a| a.rule_set.clone());
    let shown = Memo::new(move |_| {
        let (b, c, r, s) = (body.get(), comune.get(), rule_set.get(), status.get());
        all.with(|l| {
            l.iter()
                .filter(|(a, st)| {
                    (b.is_empty() || a.body == b)
                        && (c.is_empty() || a.comune == c)
                        && (r.is_empty() || a.rule_set == r)
                        && match s.as_str() {
                            "open" => matches!(st, Status::Open { .. }),
                            "closed" => !matches!(st, Status::Open { .. }),
                            _ => true,
                        }
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let select = move |id: &'static str,
                       label: &'static str,
                       value: RwSignal<String>,
                       choices: Signal<Vec<String>>,
                       name: fn(&str) -> String| {
        view! {
            <div class="field">
                <label for=id>{t(label)}</label>
                <select id=id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">{t("avvisi.filter.all")}</option>
                    {move || choices.get().into_iter().map(|c| {
                        let text = name(&c);
                        view! { <option value=c.clone() selected=value.get_untracked() == c>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };

    view! {
        <section class="page avvisi">
            <h1>{t("avvisi.title")}</h1>
            <p class="lead">{t("avvisi.lead")}</p>
            <FeedStatus handle=app.avvisi/>
            <form class="avvisi-filters" role="search" aria-label=move || t_now("avvisi.filter.label") on:submit=|ev| ev.prevent_default()>
                {select("av-f-body", "avvisi.filter.body", body, bodies, |s| s.to_string())}
                {select("av-f-comune", "avvisi.filter.comune", comune, comuni, |s| s.to_string())}
                {select("av-f-rules", "avvisi.filter.rule_set", rule_set, rule_sets, rule_set_name)}
                <div class="field">
                    <label for="av-f-status">{t("avvisi.filter.status")}</label>
                    <select id="av-f-status" prop:value=move || status.get() on:change=move |ev| status.set(event_target_value(&ev))>
                        <option value="open">{t("avvisi.filter.open")}</option>
                        <option value="closed">{t("avvisi.filter.closed")}</option>
                        <option value="all">{t("avvisi.filter.any")}</option>
                    </select>
                </div>
            </form>
            <p class="avvisi-count" role="status">{move || tf("avvisi.count", &[("count", &shown.with(Vec::len).to_string())])}</p>
            <ul class="avvisi-list plain">
                {move || {
                    let lang = i18n.lang.get();
                    shown.get().into_iter().map(|(a, s)| {
                        let title = a.title.get(lang.code()).to_string();
                        view! {
                            <li class="avviso-card" data-status=s.code()>
                                <h2><A href=routes::avviso(&a.id)>{title}</A></h2>
                                <p class="avviso-body">{a.body.clone()}</p>
                                <p class="avviso-meta">
                                    {format!("{} ({}) · ", a.comune, a.province)}
                                    {tf("avvisi.posts", &[("count", &a.posts.to_string())])}
                                    " · " {rule_set_name(&a.rule_set)}
                                </p>
                                <p class=format!("avviso-status status-{}", s.code())><strong>{status_text(s)}</strong></p>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}

/// The rule set's name ("Art. 16 – Emilia-Romagna"), or its id.
pub(crate) fn rule_set_name(id: &str) -> String {
    crate::domain::ranking::RuleSets::load()
        .ok()
        .and_then(|r| r.rule_set(id))
        .map(|r| t_now(&r.name_key))
        .unwrap_or_else(|| id.to_string())
}
