//! `/offerte/salvate`: the saved searches, each with the offers it finds
//! now and "N nuove offerte", those published after it was last opened
//! (`domain::vacancy_lists::new_since_saved`). Opening one updates its last
//! visit (the search page does it).

use super::{offers_count_text, search_href, DataStatus, VacancyNav};
use crate::components::notice::{MessageNotice, Tone};
use crate::domain::provinces;
use crate::domain::saved_search_summary::{count_query, summary_parts, SummaryPart};
use crate::domain::search::{Query, SearchIndex};
use crate::domain::vacancy::iso_to_days;
use crate::domain::vacancy_lists::{new_since_saved, SavedSearch};
use crate::i18n::{t, t_now, tf};
use crate::routes;
use crate::state::{today, use_lists, use_vacancies};
use crate::ui::format::{format_days, group_thousands};
use crate::ui::page_title::use_page_title;
use leptos::prelude::*;

/// "«cuoco» · BO, MO · Bologna (BO), entro 20 km · 2 altri filtri".
fn describe(q: &Query, index: Option<&SearchIndex>) -> String {
    let parts: Vec<String> = summary_parts(q, index)
        .into_iter()
        .map(|part| match part {
            SummaryPart::Text(text) => format!("«{text}»"),
            SummaryPart::Provinces(list) => list
                .iter()
                .map(|p| {
                    if p == provinces::UNKNOWN {
                        t_now("vacancies.place_unknown")
                    } else {
                        p.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
            SummaryPart::Place {
                name,
                radius_km: Some(r),
            } => tf(
                "vacancies.saved.within",
                &[("place", &name), ("km", &r.to_string())],
            ),
            SummaryPart::Place {
                name,
                radius_km: None,
            } => name,
            SummaryPart::OtherFilters(n) => {
                tf("vacancies.saved.filters_n", &[("count", &n.to_string())])
            }
        })
        .collect();
    if parts.is_empty() {
        t_now("vacancies.saved.all")
    } else {
        parts.join(" · ")
    }
}

#[component]
pub fn SavedSearchesPage() -> impl IntoView {
    let data = use_vacancies();
    let lists = use_lists();
    use_page_title(move || t_now("vacancies.saved.title"));
    let today = today();
    let count = move || lists.saved.with(Vec::len);

    let row = move |s: SavedSearch| {
        let q = Query::from_query_string(&s.query);
        let q2 = q.clone();
        let q3 = q.clone();
        let key = s.query.clone();
        let s2 = s.clone();
        let totals = Memo::new(move |_| {
            data.index.with(|i| {
                i.as_ref().map(|i| {
                    let total = i.search(&count_query(&q2), today).total;
                    let new = new_since_saved(&s2, today)
                        .map(|nq| i.search(&nq, today).total)
                        .unwrap_or(0);
                    (total, new)
                })
            })
        });
        let href = search_href(&q);
        let label = Memo::new(move |_| data.index.with(|i| describe(&q3, i.as_deref())));
        let last = iso_to_days(&s.last_visit)
            .map(format_days)
            .unwrap_or_default();
        let remove_label = move || tf("vacancies.saved.remove_label", &[("search", &label.get())]);
        view! {
            <li class="saved-item">
                <article class="vac-card">
                    <h2 class="vac-card-title"><a href=href>{label}</a></h2>
                    <p class="saved-counts">
                        {move || totals.get().map(|(total, new)| view! {
                            <span class="saved-new" class:has-new={new > 0}>
                                {match new {
                                    0 => t_now("vacancies.saved.new_none"),
                                    n => tf("vacancies.saved.new_n", &[("count", &group_thousands(n))]),
                                }}
                            </span>
                            " · "
                            <span>{tf("vacancies.saved.total", &[("offers", &offers_count_text(total))])}</span>
                        })}
                    </p>
                    <p class="hint">{move || tf("vacancies.saved.last_visit", &[("date", &last)])}</p>
                    <button type="button" class="btn btn-secondary" aria-label=remove_label
                        on:click=move |_| lists.remove_search(&key)>{t("vacancies.saved.remove")}</button>
                </article>
            </li>
        }
    };

    view! {
        <section class="page vacancies vac-saved">
            <h1>{t("vacancies.saved.title")}</h1>
            <p class="lead">{t("vacancies.saved.lead")}</p>
            <VacancyNav/>
            <DataStatus data=data/>
            {move || lists.error.get().map(|e| view! { <MessageNotice tone=Tone::Error msg=e.message()/> })}
            <p class="result-count" role="status" aria-live="polite">
                {move || lists.loaded.get().then(|| match count() {
                    0 => t_now("vacancies.saved.none"),
                    n => tf("vacancies.saved.count_n", &[("count", &n.to_string())]),
                })}
            </p>
            <Show when=move || lists.loaded.get() && count() == 0>
                <p><a href=routes::VACANCIES>{t("vacancies.saved.go_search")}</a></p>
            </Show>
            <ul class="vac-list saved-list">
                <For each=move || lists.saved.get() key=|s| (s.query.clone(), s.last_visit.clone()) children=row/>
            </ul>
        </section>
    }
}
