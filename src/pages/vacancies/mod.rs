//! Job offers ("offerte di lavoro"): self-consultation that is instant,
//! works offline and scales to 100,000 offers.
//!
//! - `/offerte`: search with suggestions, facets with live counts, sort and
//!   pages; every search state is in the URL ([`Query::to_query_string`]).
//! - `/offerte/:id`: one offer (permalink), favourite star, applying.
//! - `/offerte/preferite`: the starred offers.
//! - `/offerte/salvate`: saved searches with "N nuove offerte".
//!
//! The search itself is `domain::search`; list rules are in
//! `domain::vacancy_lists`. Loading, the persisted index and the full offers
//! are `state::vacancies`; favourites and saved searches `state::personal_lists`.

pub mod apply;
pub mod detail;
pub mod favourites;
pub mod filters;
pub mod for_you;
pub mod results;
pub mod saved_searches;
pub mod search;

pub use detail::VacancyDetailPage;
pub use favourites::FavouritesPage;
pub use for_you::OffersForYouPage;
pub use saved_searches::SavedSearchesPage;
pub use search::VacancySearchPage;

// Route entry points: the search and the lists in the `vacancies` chunk, an
// offer's page (with applying) in `vacancy`, so a shared link loads less.
crate::route_chunk!(vacancies, search_view => VacancySearchPage, preload = preload_search);
crate::route_chunk!(vacancy, detail_view => VacancyDetailPage, preload = preload_detail);
crate::route_chunk!(vacancies, favourites_view => FavouritesPage, preload = preload_favourites);
crate::route_chunk!(vacancies, saved_searches_view => SavedSearchesPage, preload = preload_saved_searches);
crate::route_chunk!(vacancies, for_you_view => OffersForYouPage, preload = preload_for_you);

use crate::components::notice::{MessageNotice, Notice, Tone};
use crate::domain::search::Query;
use crate::domain::vacancy::{ContractType, WorkingTime};
use crate::i18n::{t, t_now, tf};
use crate::routes;
use crate::state::Vacancies;
use crate::ui::format::group_thousands;
use leptos::prelude::*;
use leptos_router::components::A;

/// `/offerte?…` of a search (`/offerte` for the default one).
pub(crate) fn search_href(q: &Query) -> String {
    routes::vacancy_search(&q.to_query_string())
}

pub(crate) fn contract_label(c: ContractType) -> String {
    t_now(&format!("vacancies.contract.{}", c.code()))
}

/// "Bologna (BO)", or "Luogo non indicato" for an offer without a place.
pub(crate) fn place_text(comune: &str, province: &str) -> String {
    crate::domain::offer_display::place_label(comune, province)
        .unwrap_or_else(|| t_now("vacancies.place_unknown"))
}

pub(crate) fn working_time_label(w: WorkingTime) -> String {
    t_now(&format!("vacancies.time.{}", w.code()))
}

/// CP major group label (1–9).
pub(crate) fn profession_label(group: u8) -> String {
    t_now(&format!("vacancies.prof.{group}"))
}

/// ATECO section label (`A`–`U`).
pub(crate) fn sector_label(section: char) -> String {
    t_now(&format!(
        "vacancies.sector.{}",
        section.to_ascii_lowercase()
    ))
}

/// "1 offerta" / "1.234 offerte".
pub(crate) fn offers_count_text(n: u32) -> String {
    match n {
        0 => t_now("vacancies.count.none"),
        n => tf("vacancies.count.n", &[("count", &group_thousands(n))]),
    }
}

/// The links between the vacancy pages.
#[component]
pub(crate) fn VacancyNav() -> impl IntoView {
    let lists = crate::state::use_lists();
    let favs = move || lists.favourites.with(Vec::len);
    let saved = move || lists.saved.with(Vec::len);
    view! {
        <nav class="vac-subnav" aria-label=t("vacancies.subnav.label")>
            <ul>
                <li><A href=routes::VACANCIES exact=true>{t("vacancies.subnav.search")}</A></li>
                <li><A href=routes::FAVOURITES>{move || tf("vacancies.subnav.favourites", &[("count", &favs().to_string())])}</A></li>
                <li><A href=routes::SAVED_SEARCHES>{move || tf("vacancies.subnav.saved", &[("count", &saved().to_string())])}</A></li>
            </ul>
        </nav>
    }
}

/// Loading, offline or error messages about the feed, the demo tag, and the
/// import report ("N offerte scartate").
#[component]
pub(crate) fn DataStatus(data: Vacancies) -> impl IntoView {
    let has_index = move || data.index.with(Option::is_some);
    view! {
        <Show when=move || data.loading.get() && !has_index()>
            <p class="loading" role="status">{t("vacancies.loading")}</p>
        </Show>
        {move || data.error.get().map(|msg| {
            let tone = if has_index() { Tone::Warning } else { Tone::Error };
            view! { <MessageNotice tone=tone msg=msg.message()/> }
        })}
        {move || data.report.get().filter(|r| r.skipped > 0).map(|r| {
            let summary = tf("vacancies.report.skipped_n", &[("count", &group_thousands(r.skipped as u32))]);
            let reasons = r.errors.iter().map(|(i, reason)| {
                let reason = crate::i18n::tm(&reason.message());
                let line = tf("vacancies.report.reason", &[("n", &(i + 1).to_string()), ("reason", &reason)]);
                view! { <li>{line}</li> }
            }).collect_view();
            view! {
                <Notice tone=Tone::Info class="vac-report">
                    <p>{summary}</p>
                    <details>
                        <summary>{t("vacancies.report.details")}</summary>
                        <ul>{reasons}</ul>
                    </details>
                </Notice>
            }
        })}
        <Show when=move || data.demo.get()>
            <p class="demo-tag">{t("feed.demo")}</p>
        </Show>
    }
}
