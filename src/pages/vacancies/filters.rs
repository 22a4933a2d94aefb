//! The facet panel: one fieldset per facet, each value with its live count
//! (over the offers matching the text and the other facets). A sidebar on
//! wide screens; on phones a drawer opened by "Filtri (N)", a modal dialog
//! that closes with Escape and gives the focus back to its button.
//!
//! The lists of values are stable (only counts and checked states react),
//! so ticking a box never rebuilds the list under the keyboard focus.

use super::search::FILTERS_TOGGLE_ID;
use super::{contract_label, profession_label, sector_label, working_time_label};
use crate::domain::provinces;
use crate::domain::search::{Query, SearchIndex, SearchResult, RADII_KM};
use crate::domain::vacancy::{ContractType, WorkingTime};
use crate::domain::vacancy_filters::{
    choose_comune, clear_place, comune_label, count_of, has_centre, posted_choices, reset_filters,
    resolve_comune, toggle, ATECO_SECTIONS, PROFESSION_GROUPS,
};
use crate::i18n::{t, t_now, tf};
use crate::state::use_app;
use crate::state::use_comuni_index;
use crate::ui::focus::{focus_later, trap_tab};
use crate::ui::format::group_thousands;
use leptos::prelude::*;
use std::sync::Arc;

/// One checkbox with its label and count.
fn check_item(
    id: String,
    label: Signal<String>,
    checked: Signal<bool>,
    count: Signal<u32>,
    on_toggle: Callback<()>,
) -> impl IntoView {
    view! {
        <li class="facet" class:facet-zero=move || count.get() == 0 && !checked.get()>
            <input type="checkbox" id=id.clone() prop:checked=move || checked.get() on:change=move |_| on_toggle.run(())/>
            <label for=id>
                {move || label.get()}
                <span class="facet-count">" (" {move || group_thousands(count.get())} ")"</span>
            </label>
        </li>
    }
}

#[component]
pub fn FilterPanel(
    query: Memo<Query>,
    result: Memo<Option<SearchResult>>,
    index: RwSignal<Option<Arc<SearchIndex>>>,
    go: Callback<Query>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let app = use_app();
    let comuni = use_comuni_index();
    // A shared link with a comune needs its name: load the list.
    if query.with_untracked(|q| q.comune.is_some()) {
        app.comuni.ensure_loaded();
    }
    let facets =
        move |f: &dyn Fn(&SearchResult) -> u32| result.with(|r| r.as_ref().map(f).unwrap_or(0));
    // Change the search: back to the first page.
    let change = move |f: &dyn Fn(&mut Query)| {
        let mut q = query.get_untracked();
        f(&mut q);
        q.offset = 0;
        go.run(q);
    };

    let close = move || {
        open.set(false);
        focus_later(FILTERS_TOGGLE_ID);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if !open.get_untracked() {
            return;
        }
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        } else if ev.key() == "Tab" {
            trap_tab("vac-filters", &ev);
        }
    };

    // --- Place: comune and radius.
    let comune_code = Memo::new(move |_| query.with(|q| q.comune.clone()));
    let comune_text = RwSignal::new(String::new());
    let comune_error = RwSignal::new(None::<String>);
    // The field shows the chosen comune's name (once the lists know it),
    // without ever overwriting what is being typed.
    let shown = StoredValue::new((None::<String>, String::new()));
    Effect::new(move |_| {
        let code = comune_code.get();
        let label = match &code {
            None => String::new(),
            Some(c) => {
                comuni.with(|ci| index.with(|i| comune_label(c, ci.as_deref(), i.as_deref())))
            }
        };
        let (shown_code, shown_label) = shown.get_value();
        let edited = comune_text.with_untracked(|t| *t != shown_label);
        if shown_code != code || !edited {
            comune_text.set(label.clone());
        }
        shown.set_value((code, label));
    });
    let comune_options = Memo::new(move |_| {
        let typed = comune_text.get();
        if typed.trim().is_empty() {
            return Vec::new();
        }
        comuni
            .with(|ci| {
                ci.as_ref().map(|ci| {
                    ci.suggest(&typed, 8)
                        .into_iter()
                        .map(|c| c.label())
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });
    let on_comune_change = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        if typed.trim().is_empty() {
            comune_error.set(None);
            change(&clear_place);
            return;
        }
        let found = comuni.with_untracked(|ci| {
            index.with_untracked(|i| resolve_comune(&typed, ci.as_deref(), i.as_deref()))
        });
        match found {
            Some(picked) => {
                comune_error.set(None);
                change(&|q| choose_comune(q, &picked));
            }
            None => comune_error.set(Some(t_now("vacancies.filters.comune_unknown"))),
        }
    };
    let on_radius = move |ev: leptos::ev::Event| {
        let r = event_target_value(&ev).parse::<u16>().ok();
        change(&|q| q.radius_km = r);
    };
    let centred = move || query.with(has_centre);

    // --- Provinces: the list changes only with the index.
    let provinces = Memo::new(move |_| {
        result
            .with(|r| {
                r.as_ref().map(|r| {
                    // The offers without a place come after every province.
                    let (mut list, unknown): (Vec<String>, Vec<String>) = r
                        .facets
                        .provinces
                        .iter()
                        .map(|p| p.0.clone())
                        .partition(|p| !p.is_empty() && p != provinces::UNKNOWN);
                    list.extend(unknown);
                    list
                })
            })
            .unwrap_or_default()
    });
    let province_items = move || {
        provinces
            .get()
            .into_iter()
            .map(|p| {
                let p2 = p.clone();
                let p3 = p.clone();
                let p4 = p.clone();
                let label = if p.is_empty() || p == provinces::UNKNOWN {
                    t_now("vacancies.place_unknown")
                } else {
                    provinces::heading(&p)
                };
                check_item(
                    format!("vac-prov-{p}"),
                    Signal::derive(move || label.clone()),
                    Signal::derive(move || query.with(|q| q.provinces.contains(&p2))),
                    Signal::derive(move || facets(&|r| count_of(&r.facets.provinces, &p3))),
                    Callback::new(move |_| change(&|q| toggle(&mut q.provinces, p4.clone()))),
                )
            })
            .collect_view()
    };

    let contract_items = ContractType::ALL
        .into_iter()
        .map(|c| {
            check_item(
                format!("vac-contratto-{}", c.code()),
                Signal::derive(move || contract_label(c)),
                Signal::derive(move || query.with(|q| q.contracts.contains(&c))),
                Signal::derive(move || facets(&|r| count_of(&r.facets.contracts, &c))),
                Callback::new(move |_| change(&|q| toggle(&mut q.contracts, c))),
            )
        })
        .collect_view();
    let time_items = WorkingTime::ALL
        .into_iter()
        .map(|w| {
            check_item(
                format!("vac-orario-{}", w.code()),
                Signal::derive(move || working_time_label(w)),
                Signal::derive(move || query.with(|q| q.working_times.contains(&w))),
                Signal::derive(move || facets(&|r| count_of(&r.facets.working_times, &w))),
                Callback::new(move |_| change(&|q| toggle(&mut q.working_times, w))),
            )
        })
        .collect_view();
    let prof_items = PROFESSION_GROUPS
        .map(|g| {
            check_item(
                format!("vac-prof-{g}"),
                Signal::derive(move || profession_label(g)),
                Signal::derive(move || query.with(|q| q.profession_groups.contains(&g))),
                Signal::derive(move || facets(&|r| count_of(&r.facets.profession_groups, &g))),
                Callback::new(move |_| change(&|q| toggle(&mut q.profession_groups, g))),
            )
        })
        .collect_view();
    let sector_items = ATECO_SECTIONS
        .into_iter()
        .map(|s| {
            let code = s.to_string();
            let code2 = code.clone();
            check_item(
                format!("vac-settore-{}", s.to_ascii_lowercase()),
                Signal::derive(move || sector_label(s)),
                Signal::derive(move || query.with(|q| q.sectors.contains(&code))),
                Signal::derive(move || facets(&|r| count_of(&r.facets.sectors, &s))),
                Callback::new(move |_| change(&|q| toggle(&mut q.sectors, code2.clone()))),
            )
        })
        .collect_view();
    let posted_items = posted_choices()
        .map(|d| {
            let id = format!("vac-giorni-{}", d.map(|d| d.to_string()).unwrap_or_else(|| "tutti".into()));
            let count = move || d.map(|d| facets(&|r| count_of(&r.facets.posted_within, &d)));
            let label = move || match d {
                None => t_now("vacancies.filters.posted_any"),
                Some(1) => t_now("vacancies.filters.posted_day"),
                Some(n) => tf("vacancies.filters.posted_days", &[("count", &n.to_string())]),
            };
            view! {
                <li class="facet" class:facet-zero=move || count() == Some(0) && query.with(|q| q.posted_within_days != d)>
                    <input type="radio" name="vac-giorni" id=id.clone()
                        prop:checked=move || query.with(|q| q.posted_within_days == d)
                        on:change=move |_| change(&|q| q.posted_within_days = d)/>
                    <label for=id>
                        {label}
                        {move || count().map(|n| view! { <span class="facet-count">" (" {group_thousands(n)} ")"</span> })}
                    </label>
                </li>
            }
        })
        .collect_view();
    let other_items = view! {
        {check_item(
            "vac-l68".into(),
            Signal::derive(move || t_now("vacancies.filters.l68")),
            Signal::derive(move || query.with(|q| q.reserved_l68)),
            Signal::derive(move || facets(&|r| r.facets.reserved_l68)),
            Callback::new(move |_| change(&|q| q.reserved_l68 = !q.reserved_l68)),
        )}
        {check_item(
            "vac-tirocinio".into(),
            Signal::derive(move || t_now("vacancies.filters.internship")),
            Signal::derive(move || query.with(|q| q.internship)),
            Signal::derive(move || facets(&|r| r.facets.internship)),
            Callback::new(move |_| change(&|q| q.internship = !q.internship)),
        )}
    };
    let radius_options = move || {
        RADII_KM
            .into_iter()
            .map(|r| {
                let count = facets(&|res| count_of(&res.facets.distance, &r));
                let label = tf("vacancies.filters.radius_km", &[("km", &r.to_string()), ("count", &group_thousands(count))]);
                view! { <option value=r.to_string() selected=move || query.with(|q| q.radius_km == Some(r))>{label}</option> }
            })
            .collect_view()
    };
    let reset = move |_| {
        comune_error.set(None);
        change(&|q| *q = reset_filters(q));
    };
    let total = move || result.with(|r| r.as_ref().map(|r| r.total).unwrap_or(0));

    view! {
        <div class="vac-backdrop" class:open=move || open.get() on:click=move |_| close() aria-hidden="true"></div>
        <aside
            id="vac-filters"
            class="vac-filters"
            class:open=move || open.get()
            role=move || open.get().then_some("dialog")
            aria-modal=move || open.get().then_some("true")
            aria-labelledby="vac-filters-title"
            on:keydown=on_keydown
        >
            <div class="vac-filters-head">
                <h2 id="vac-filters-title" tabindex="-1">{t("vacancies.filters.title")}</h2>
                <button type="button" class="btn btn-secondary drawer-close" on:click=move |_| close()>
                    {t("vacancies.filters.close")}
                </button>
            </div>
            <form class="vac-filters-form" on:submit=|ev| ev.prevent_default()>
                <fieldset class="facet-group">
                    <legend>{t("vacancies.filters.place")}</legend>
                    <div class="field" class:has-error=move || comune_error.with(Option::is_some)>
                        <label for="vac-comune">{t("vacancies.filters.comune")}</label>
                        <p class="hint" id="vac-comune-hint">{t("vacancies.filters.comune_hint")}</p>
                        <input
                            id="vac-comune"
                            type="text"
                            list="vac-comuni-list"
                            autocomplete="off"
                            aria-describedby=move || if comune_error.with(Option::is_some) { "vac-comune-hint vac-comune-error" } else { "vac-comune-hint" }
                            aria-invalid=move || comune_error.with(Option::is_some).to_string()
                            prop:value=move || comune_text.get()
                            on:focus=move |_| app.comuni.ensure_loaded()
                            on:input=move |ev| comune_text.set(event_target_value(&ev))
                            on:change=on_comune_change
                        />
                        <datalist id="vac-comuni-list">
                            {move || comune_options.get().into_iter().map(|l| view! { <option value=l></option> }).collect_view()}
                        </datalist>
                        {move || comune_error.get().map(|e| view! { <p class="error-text" id="vac-comune-error">{e}</p> })}
                    </div>
                    <div class="field">
                        <label for="vac-raggio">{t("vacancies.filters.radius")}</label>
                        <select id="vac-raggio" on:change=on_radius prop:disabled=move || !centred()>
                            <option value="" selected=move || query.with(|q| q.radius_km.is_none())>{t("vacancies.filters.radius_none")}</option>
                            {radius_options}
                        </select>
                    </div>
                </fieldset>
                <fieldset class="facet-group">
                    <legend>{t("vacancies.filters.province")}</legend>
                    <ul class="facet-list">{province_items}</ul>
                </fieldset>
                <fieldset class="facet-group">
                    <legend>{t("vacancies.filters.posted")}</legend>
                    <ul class="facet-list">{posted_items}</ul>
                </fieldset>
                <fieldset class="facet-group">
                    <legend>{t("vacancies.filters.contract")}</legend>
                    <ul class="facet-list">{contract_items}</ul>
                </fieldset>
                <fieldset class="facet-group">
                    <legend>{t("vacancies.filters.time")}</legend>
                    <ul class="facet-list">{time_items}</ul>
                </fieldset>
                <fieldset class="facet-group">
                    <legend>{t("vacancies.filters.profession")}</legend>
                    <ul class="facet-list">{prof_items}</ul>
                </fieldset>
                <fieldset class="facet-group">
                    <legend>{t("vacancies.filters.sector")}</legend>
                    <p class="hint">{t("vacancies.filters.sector_hint")}</p>
                    <ul class="facet-list">{sector_items}</ul>
                </fieldset>
                <fieldset class="facet-group">
                    <legend>{t("vacancies.filters.other")}</legend>
                    <ul class="facet-list">{other_items}</ul>
                </fieldset>
            </form>
            <div class="vac-filters-foot">
                <button type="button" class="btn btn-secondary" on:click=reset>{t("vacancies.filters.reset")}</button>
                <button type="button" class="btn btn-primary drawer-done" on:click=move |_| close()>
                    {move || tf("vacancies.filters.show", &[("count", &group_thousands(total()))])}
                </button>
            </div>
        </aside>
    }
}
