//! `/offerte`: the search page. The search state is the URL: the page reads
//! it with [`Query::from_query_string`] and writes it with
//! [`Query::to_query_string`]. Typing searches at once and updates the URL
//! after a short pause, replacing the history entry; choosing a filter, the
//! order or a page adds one, so the back button steps through the searches.

use super::filters::FilterPanel;
use super::results::{Pagination, ResultList};
use super::{offers_count_text, search_href, DataStatus, VacancyNav};
use crate::components::deferred::Deferred;
use crate::domain::search::{Query, SortOrder};
use crate::domain::vacancy_filters::{wants_suggestions, with_typed_text};
use crate::domain::vacancy_lists::{active_filter_count, normalise_for_saving};
use crate::i18n::{t, t_now, tf};
use crate::routes;
use crate::state::use_lists;
use crate::state::{today, use_vacancies};
use crate::ui::focus::focus_later;
use crate::ui::page_title::use_page_title;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::time::Duration;

/// The results heading, focused after a page change or "Cerca".
pub const RESULTS_ID: &str = "vac-results-title";
/// The "Filtri (N)" button, which gets the focus back when the drawer closes.
pub const FILTERS_TOGGLE_ID: &str = "vac-filters-toggle";
/// Pause after the last keystroke before the URL is updated.
const URL_DEBOUNCE_MS: u64 = 150;

#[component]
pub fn VacancySearchPage() -> impl IntoView {
    let data = use_vacancies();
    let lists = use_lists();
    use_page_title(move || t_now("vacancies.title"));
    let location = use_location();
    let navigate = use_navigate();
    let today = today();

    let url_query = Memo::new(move |_| Query::from_query_string(&location.search.get()));

    // The search box follows the URL (links, back, forward) but not the
    // URL writes of its own debounce, so no keystroke is ever lost.
    let text = RwSignal::new(url_query.get_untracked().text);
    let pushed = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let q = url_query.with(|q| q.text.clone());
        let ours = pushed.with_value(|p| p.as_deref() == Some(q.as_str()));
        if !ours {
            pushed.set_value(None);
            if text.with_untracked(|t| *t != q) {
                text.set(q);
            }
        }
    });
    // What is searched: the URL, with the text being typed.
    let query = Memo::new(move |_| with_typed_text(url_query.get(), text.get()));
    let result = Memo::new(move |_| {
        data.index
            .with(|i| i.as_ref().map(|i| i.search(&query.get(), today)))
    });
    let suggestions = Memo::new(move |_| {
        let typed = text.get();
        if !wants_suggestions(&typed) {
            return Vec::new();
        }
        data.index
            .with(|i| i.as_ref().map(|i| i.suggest(&typed, 8)).unwrap_or_default())
    });

    // Opening a saved search (or arriving at one) restarts its "new offers".
    Effect::new(move |_| {
        let q = url_query.get();
        data.remember_search(search_href(&q));
        if lists.loaded.get() {
            untrack(|| lists.mark_visited(&q, today));
        }
    });

    let timer = StoredValue::new(None::<TimeoutHandle>);
    let cancel_timer = move || {
        if let Some(h) = timer.try_get_value().flatten() {
            h.clear();
        }
        let _ = timer.try_set_value(None);
    };
    on_cleanup(cancel_timer);

    let nav_push = navigate.clone();
    // A new search state: one history entry.
    let go = Callback::new(move |q: Query| {
        cancel_timer();
        pushed.set_value(Some(q.text.clone()));
        nav_push(
            &search_href(&q),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });

    let nav_typing = navigate.clone();
    let on_input = move |ev: leptos::ev::Event| {
        text.set(event_target_value(&ev));
        cancel_timer();
        let nav = nav_typing.clone();
        let handle = set_timeout_with_handle(
            move || {
                let _ = timer.try_set_value(None);
                if let Some(q) = query.try_get_untracked() {
                    pushed.set_value(Some(q.text.clone()));
                    // Replace: one history entry per search, not per letter.
                    nav(
                        &search_href(&q),
                        NavigateOptions {
                            replace: true,
                            scroll: false,
                            ..Default::default()
                        },
                    );
                }
            },
            Duration::from_millis(URL_DEBOUNCE_MS),
        )
        .ok();
        timer.set_value(handle);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = query.get_untracked();
        if q != url_query.get_untracked() {
            go.run(q);
        }
        focus_later(RESULTS_ID);
    };
    let on_sort = move |ev: leptos::ev::Event| {
        let mut q = query.get_untracked();
        q.sort = SortOrder::from_code(&event_target_value(&ev)).unwrap_or_default();
        q.offset = 0;
        go.run(q);
    };

    let drawer_open = RwSignal::new(false);
    let filter_count = move || query.with(active_filter_count);
    let open_drawer = move |_| {
        drawer_open.set(true);
        focus_later("vac-filters-title");
    };

    let is_saved = move || query.with(|q| lists.is_saved(q));
    let saved_note = RwSignal::new(None::<String>);
    let on_save = move |_| {
        let q = query.get_untracked();
        if lists.is_saved(&q) {
            lists.remove_search(&normalise_for_saving(&q).to_query_string());
            saved_note.set(Some(t_now("vacancies.save.removed")));
        } else {
            lists.save_search(&q, today);
            saved_note.set(Some(t_now("vacancies.save.done")));
        }
    };

    let count_text = move || result.with(|r| r.as_ref().map(|r| offers_count_text(r.total)));
    let sort_option = move |s: SortOrder, key: &'static str| {
        view! { <option value=s.code() selected=move || query.with(|q| q.sort == s)>{t(key)}</option> }
    };

    view! {
        <section class="page vacancies" data-index-source=move || data.source.get().map(|s| s.code())>
            <h1>{t("vacancies.title")}</h1>
            <p class="lead">{t("vacancies.lead")}</p>
            <VacancyNav/>
            <DataStatus data=data/>

            <form class="vac-search" role="search" aria-label=t("vacancies.search.region") on:submit=on_submit>
                <div class="field">
                    <label for="vac-q">{t("vacancies.search.label")}</label>
                    <p class="hint" id="vac-q-hint">{t("vacancies.search.hint")}</p>
                    <div class="search-row">
                        <input
                            id="vac-q"
                            name="q"
                            type="search"
                            list="vac-q-suggestions"
                            autocomplete="off"
                            spellcheck="false"
                            aria-describedby="vac-q-hint"
                            prop:value=move || text.get()
                            on:input=on_input
                        />
                        <button type="submit" class="btn btn-primary">{t("vacancies.search.submit")}</button>
                    </div>
                    <datalist id="vac-q-suggestions">
                        {move || suggestions.get().into_iter().map(|s| view! { <option value=s></option> }).collect_view()}
                    </datalist>
                </div>
            </form>

            <div class="vac-layout">
                // After the results' frame: the page is built in two tasks.
                <Deferred>
                    <FilterPanel query=query result=result index=data.index go=go open=drawer_open/>
                </Deferred>
                <section class="vac-results" aria-labelledby=RESULTS_ID>
                    <div class="vac-results-head">
                        <h2 id=RESULTS_ID tabindex="-1">{t("vacancies.results.title")}</h2>
                        <p class="result-count" role="status" aria-live="polite" aria-atomic="true">{count_text}</p>
                    </div>
                    <div class="vac-toolbar">
                        <button
                            type="button"
                            id=FILTERS_TOGGLE_ID
                            class="btn btn-secondary filters-toggle"
                            aria-controls="vac-filters"
                            aria-expanded=move || drawer_open.get().to_string()
                            on:click=open_drawer
                        >
                            {move || tf("vacancies.filters.open", &[("count", &filter_count().to_string())])}
                        </button>
                        <div class="field vac-sort">
                            <label for="vac-sort">{t("vacancies.sort.label")}</label>
                            <select id="vac-sort" on:change=on_sort>
                                {sort_option(SortOrder::Relevance, "vacancies.sort.relevance")}
                                {sort_option(SortOrder::Newest, "vacancies.sort.newest")}
                                {sort_option(SortOrder::Distance, "vacancies.sort.distance")}
                            </select>
                        </div>
                        <button type="button" class="btn btn-secondary vac-save" aria-pressed=move || is_saved().to_string() on:click=on_save>
                            <span aria-hidden="true">{move || if is_saved() { "✓ " } else { "+ " }}</span>
                            {t("vacancies.save.button")}
                        </button>
                    </div>
                    <p class="vac-save-note" role="status">
                        {move || saved_note.get().map(|n| view! { {n}" " <a href=routes::SAVED_SEARCHES>{t("vacancies.save.see")}</a> })}
                    </p>
                    <ResultList result=result index=data.index today=today/>
                    <Pagination query=query result=result go=go/>
                </section>
            </div>
        </section>
    }
}
