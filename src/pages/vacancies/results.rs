//! The result list: one page of hits (the engine orders only that page),
//! each a link to the offer's permalink with a favourite star, and the page
//! links. With 20 hits per page the list stays smooth whatever the total.

use super::favourites::StarButton;
use super::search::RESULTS_ID;
use super::{contract_label, search_href, working_time_label};
use crate::domain::pagination::page_info;
use crate::domain::search::{Query, SearchIndex, SearchResult};
use crate::domain::vacancy::days_to_iso;
use crate::domain::vacancy_lists::Favourite;
use crate::i18n::{t, tf};
use crate::routes;
use crate::ui::focus::focus_later;
use crate::ui::format::{expiry_text, freshness_text};
use leptos::prelude::*;
use std::sync::Arc;

/// What a result item shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    id: String,
    title: String,
    employer: String,
    comune: String,
    province: String,
    published: i32,
    expires: i32,
    contract: crate::domain::vacancy::ContractType,
    working_time: crate::domain::vacancy::WorkingTime,
    reserved_l68: bool,
    internship: bool,
    distance_km: Option<f32>,
    /// Why the offer is listed for the person ("Offerte per te").
    reasons: Vec<crate::domain::message::Msg>,
}

impl Item {
    /// Document `doc` of `index` as a card, if it is there.
    pub fn of(
        index: &SearchIndex,
        doc: u32,
        distance_km: Option<f32>,
        reasons: Vec<crate::domain::message::Msg>,
    ) -> Option<Item> {
        let d = index.doc(doc)?;
        Some(Item {
            id: d.id.to_string(),
            title: d.title.to_string(),
            employer: d.employer.to_string(),
            comune: d.comune.to_string(),
            province: d.province.to_string(),
            published: d.published,
            expires: d.expires,
            contract: d.contract,
            working_time: d.working_time,
            reserved_l68: d.reserved_l68,
            internship: d.internship,
            distance_km,
            reasons,
        })
    }
}

fn items(index: &SearchIndex, r: &SearchResult) -> Vec<Item> {
    r.hits
        .iter()
        .enumerate()
        .filter_map(|(i, &doc)| {
            Item::of(
                index,
                doc,
                r.distances_km.get(i).copied().flatten(),
                Vec::new(),
            )
        })
        .collect()
}

#[component]
pub fn ResultList(
    result: Memo<Option<SearchResult>>,
    index: RwSignal<Option<Arc<SearchIndex>>>,
    today: i32,
) -> impl IntoView {
    let page = Memo::new(move |_| {
        index.with(|i| {
            result.with(|r| match (i, r) {
                (Some(i), Some(r)) => Some(items(i, r)),
                _ => None,
            })
        })
    });
    move || {
        match page.get() {
        None => None,
        Some(list) if list.is_empty() => Some(
            view! {
                <div class="no-results">
                    <p>{t("vacancies.results.none")}</p>
                    <ul class="plain-list">
                        <li><a href=routes::VACANCIES>{t("vacancies.results.show_all")}</a></li>
                        <li><a href=routes::CONTACT>{t("vacancies.results.ask_cpi")}</a></li>
                    </ul>
                </div>
            }
            .into_any(),
        ),
        Some(list) => Some(
            view! {
                <ol class="vac-list">
                    {list.into_iter().map(|item| view! { <ResultItem item=item today=today/> }).collect_view()}
                </ol>
            }
            .into_any(),
        ),
    }
    }
}

#[component]
pub fn ResultItem(item: Item, today: i32) -> impl IntoView {
    let title_id = format!("vac-r-{}", item.id);
    let fav = Favourite {
        id: item.id.clone(),
        title: item.title.clone(),
        employer: item.employer.clone(),
        comune: item.comune.clone(),
        province: item.province.clone(),
        expires: days_to_iso(item.expires),
        added: days_to_iso(today),
    };
    let Item {
        id,
        title,
        employer,
        comune,
        province,
        published,
        expires,
        contract,
        working_time,
        reserved_l68,
        internship,
        distance_km,
        reasons,
    } = item;
    let reasons = (!reasons.is_empty()).then_some(move || {
        let text: Vec<String> = reasons.iter().map(crate::i18n::tm).collect();
        tf("vacancies.for_you.why", &[("reasons", &text.join(", "))])
    });
    let place = super::place_text(&comune, &province);
    let distance = distance_km.map(|d| {
        tf(
            "vacancies.results.distance",
            &[("km", &format!("{:.0}", d.max(0.0)))],
        )
    });
    view! {
        <li class="vac-item">
            <article class="vac-card" aria-labelledby=title_id.clone()>
                <h3 class="vac-card-title" id=title_id.clone()>
                    <a href=routes::vacancy(&id)>{title}</a>
                </h3>
                <p class="vac-employer">{employer}</p>
                {reasons.map(|r| view! { <p class="vac-reasons">{r}</p> })}
                <p class="vac-place">
                    <span>{place}</span>
                    {distance.map(|d| view! { <span class="vac-distance">" · " {d}</span> })}
                </p>
                <ul class="vac-tags">
                    <li>{move || contract_label(contract)}</li>
                    <li>{move || working_time_label(working_time)}</li>
                    {reserved_l68.then(|| view! { <li class="tag-l68">{t("vacancies.tag.l68")}</li> })}
                    {internship.then(|| view! { <li class="tag-internship">{t("vacancies.tag.internship")}</li> })}
                </ul>
                <p class="vac-dates">
                    <span>{move || freshness_text(published, today)}</span>
                    " · "
                    <span>{move || expiry_text(expires, today)}</span>
                </p>
                <StarButton fav=fav/>
            </article>
        </li>
    }
}

/// "Pagina 2 di 150" with the previous and next links (real URLs, so they
/// can be opened in a new tab and the back button returns).
#[component]
pub fn Pagination(
    query: Memo<Query>,
    result: Memo<Option<SearchResult>>,
    go: Callback<Query>,
) -> impl IntoView {
    let info = Memo::new(move |_| {
        let total = result.with(|r| r.as_ref().map(|r| r.total))?;
        let q = query.get();
        let p = page_info(total, q.offset, q.limit)?;
        let at = |offset: u32| Query {
            offset,
            ..q.clone()
        };
        Some((p.current, p.pages, p.prev.map(at), p.next.map(at)))
    });
    let link = move |target: Option<Query>, key: &'static str, rel: &'static str| {
        target.map(|q| {
            let href = search_href(&q);
            view! {
                <a class=format!("btn btn-secondary page-{rel}") rel=rel href=href
                    on:click=move |ev| {
                        ev.prevent_default();
                        go.run(q.clone());
                        focus_later(RESULTS_ID);
                    }>{t(key)}</a>
            }
        })
    };
    move || {
        info.get().map(|(current, pages, prev, next)| {
            view! {
                <nav class="vac-pages" aria-label=t("vacancies.pages.label")>
                    {link(prev, "vacancies.pages.prev", "prev")}
                    <span class="vac-page-of">
                        {move || tf("vacancies.pages.of", &[("page", &current.to_string()), ("pages", &pages.to_string())])}
                    </span>
                    {link(next, "vacancies.pages.next", "next")}
                </nav>
            }
        })
    }
}
