//! `/servizi`: the catalogue, entered by need ("Cerco lavoro"), filtered by
//! who a service is for and searched in free text. Everything the person
//! chooses is in the URL (`?bisogno=find_job&per=young_people&q=tirocini`),
//! so a result list can be shared and the back button returns to it.

use super::lang_code;
use crate::components::feed_status::FeedStatus;
use crate::domain::catalogue::{
    audience_choices, people_needs, result_summary, select, split_for_employers, ActiveFilter,
    Audience, Filters, Need, Service, PARAM_AUDIENCE, PARAM_NEED, PARAM_QUERY,
};
use crate::i18n::{lookup, t, t_now, tf, use_i18n, Lang};
use crate::routes;
use crate::state::use_app;
use crate::ui::focus::focus_later;
use crate::ui::page_title::use_page_title;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The id of the results heading, focused after choosing a need.
const RESULTS_ID: &str = "risultati";

/// The shareable URL of these filters.
fn filters_href(f: &Filters) -> String {
    routes::services_with(&f.params())
}

#[component]
pub fn CataloguePage() -> impl IntoView {
    let app = use_app();
    app.catalogue.ensure_loaded();
    let i18n = use_i18n();
    use_page_title(move || t_now("catalogue.title"));

    let query = use_query_map();
    let navigate = use_navigate();
    let url_filters = Memo::new(move |_| {
        query.with(|q| {
            Filters::from_params(q.get(PARAM_NEED), q.get(PARAM_AUDIENCE), q.get(PARAM_QUERY))
        })
    });

    // The search box follows the URL (links, back and forward) but keeps
    // what is being typed, trailing space included: the domain search reads
    // a last word without a space after it as still being typed.
    let text = RwSignal::new(url_filters.get_untracked().query);
    Effect::new(move |_| {
        let q = url_filters.with(|f| f.query.clone());
        if text.with_untracked(|t| t.trim() != q.trim()) {
            text.set(q);
        }
    });
    let filters = Memo::new(move |_| Filters {
        query: text.get(),
        ..url_filters.get()
    });

    let results = Memo::new(move |_| {
        let lang = i18n.lang.get().code();
        let f = filters.get();
        app.catalogue.data.with(|d| {
            d.as_ref().map(|feed| {
                // A need's label is searched in Italian and in the person's language.
                let labels = |n: Need| {
                    vec![
                        lookup(Lang::It, n.key()),
                        lookup(i18n.lang.get_untracked(), n.key()),
                    ]
                };
                select(&feed.items, &f, lang, &labels)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<Service>>()
            })
        })
    });

    let nav_typing = navigate.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        let href = filters_href(&Filters {
            query: value,
            ..url_filters.get_untracked()
        });
        // Replace, not push: one history entry per search, not per letter.
        nav_typing(
            &href,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let nav_audience = navigate.clone();
    let on_audience = move |ev: leptos::ev::Event| {
        let audience = Audience::from_slug(&event_target_value(&ev));
        let href = filters_href(&Filters {
            audience,
            query: text.get_untracked(),
            ..url_filters.get_untracked()
        });
        nav_audience(
            &href,
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        focus_later(RESULTS_ID);
    };

    let need_link = move |need: Need| {
        let href = move || url_filters.with(|f| filters_href(&f.choosing_need(need)));
        let current = move || url_filters.with(|f| f.need == Some(need));
        view! {
            <li>
                <a
                    class="need-link"
                    class:selected=current
                    href=href
                    data-noscroll=""
                    aria-current=move || current().then_some("true")
                    on:click=move |_| focus_later(RESULTS_ID)
                >
                    <span class="need-mark" aria-hidden="true">{move || if current() { "✓" } else { "→" }}</span>
                    <span>{t(need.key())}</span>
                </a>
            </li>
        }
    };

    view! {
        <section class="page catalogue">
            <h1>{t("catalogue.title")}</h1>
            <p class="lead">{t("catalogue.lead")}</p>
            <FeedStatus handle=app.catalogue/>

            <section class="needs" aria-labelledby="needs-title">
                <h2 id="needs-title">{t("catalogue.needs.title")}</h2>
                <p class="hint">{t("catalogue.needs.hint")}</p>
                <ul class="need-list">{people_needs().map(need_link).collect_view()}</ul>
                <h3 class="needs-employer-title">{t("catalogue.needs.employer_title")}</h3>
                <ul class="need-list need-list-employer">{need_link(Need::EmployerHiring)}</ul>
            </section>

            <section class="catalogue-filters" aria-labelledby="filters-title">
                <h2 id="filters-title">{t("catalogue.filters.title")}</h2>
                <form class="filters-form" role="search" aria-labelledby="filters-title" on:submit=on_submit>
                    <div class="field">
                        <label for="catalogue-q">{t("catalogue.search.label")}</label>
                        <p class="hint" id="catalogue-q-hint">{t("catalogue.search.hint")}</p>
                        <div class="search-row">
                            <input
                                id="catalogue-q"
                                name=PARAM_QUERY
                                type="search"
                                autocomplete="off"
                                spellcheck="false"
                                aria-describedby="catalogue-q-hint"
                                prop:value=move || text.get()
                                on:input=on_input
                            />
                            <button type="submit" class="btn btn-primary">{t("catalogue.search.submit")}</button>
                        </div>
                    </div>
                    <div class="field">
                        <label for="catalogue-per">{t("catalogue.audience.label")}</label>
                        <select id="catalogue-per" name=PARAM_AUDIENCE on:change=on_audience
                            prop:value=move || url_filters.with(|f| f.audience.map(Audience::slug).unwrap_or("")).to_string()>
                            <option value="">{t("catalogue.audience.any")}</option>
                            {move || {
                                let selected = url_filters.with(|f| f.audience);
                                audience_choices()
                                    .map(|a| view! {
                                        <option value=a.slug() selected=selected == Some(a)>{t_now(a.key())}</option>
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                </form>
            </section>

            <section class="catalogue-results" aria-labelledby=RESULTS_ID>
                <h2 id=RESULTS_ID tabindex="-1">{t("catalogue.results.title")}</h2>
                <ActiveFilters filters=filters/>
                <p class="result-count" role="status" aria-live="polite" aria-atomic="true">
                    {move || results.with(|r| r.as_ref().map(|list| count_text(list)))}
                </p>
                {move || {
                    // Re-rendered when the language changes, too.
                    let lang = lang_code();
                    results.get().map(|list| result_groups(list, lang))
                }}
            </section>
        </section>
    }
}

/// "12 servizi trovati, 1 per i datori di lavoro".
fn count_text(list: &[Service]) -> String {
    let summary = result_summary(list);
    let main = match summary.total {
        0 => t_now("catalogue.results.count_none"),
        n => tf("catalogue.results.count_n", &[("count", &n.to_string())]),
    };
    match summary.employers_apart {
        None => main,
        Some(e) => format!(
            "{main} {}",
            tf(
                "catalogue.results.count_employers_n",
                &[("count", &e.to_string())]
            )
        ),
    }
}

/// The results, services for people first and employers' services apart.
fn result_groups(list: Vec<Service>, lang: &'static str) -> AnyView {
    if list.is_empty() {
        return view! {
            <div class="no-results">
                <p>{t("catalogue.results.none_text")}</p>
                <ul class="plain-list">
                    <li><a href=routes::SERVICES>{t("catalogue.results.show_all")}</a></li>
                    <li><a href=routes::CONTACT>{t("catalogue.results.ask_cpi")}</a></li>
                </ul>
            </div>
        }
        .into_any();
    }
    let (people, employers) = split_for_employers(list);
    let group = |id: &'static str, title: &'static str, items: Vec<Service>, employer: bool| {
        (!items.is_empty()).then(|| {
            view! {
                <div class="result-group" class:result-group-employer=employer>
                    <h3 id=id>{t(title)}</h3>
                    <ul class="service-list" aria-labelledby=id>
                        {items.into_iter().map(|s| view! { <ServiceCard service=s lang=lang/> }).collect_view()}
                    </ul>
                </div>
            }
        })
    };
    view! {
        {group("risultati-persone", "catalogue.results.people", people, false)}
        {group("risultati-datori", "catalogue.results.employers", employers, true)}
    }
    .into_any()
}

#[component]
fn ServiceCard(service: Service, lang: &'static str) -> impl IntoView {
    let href = routes::service(&service.id);
    let audiences: Vec<String> = service.audiences.iter().map(|a| t_now(a.key())).collect();
    view! {
        <li class="service-card" class:service-card-employer=service.for_employers>
            {service.for_employers.then(|| view! { <p class="tag tag-employer">{t("catalogue.tag.employers")}</p> })}
            <h4 class="service-card-title"><a href=href>{service.title.get(lang).to_string()}</a></h4>
            <p class="service-card-summary">{service.summary.get(lang).to_string()}</p>
            <p class="service-card-audiences">
                <span class="label">{t("catalogue.audiences_label")}</span>" "
                {audiences.join(" · ")}
            </p>
        </li>
    }
}

/// What is filtering the list, each with a way to remove it.
#[component]
fn ActiveFilters(filters: Memo<Filters>) -> impl IntoView {
    view! {
        {move || {
            let f = filters.get();
            if f.is_empty() {
                return None;
            }
            let chips: Vec<(String, String)> = f
                .active()
                .into_iter()
                .map(|(active, rest)| {
                    let label = match active {
                        ActiveFilter::Need(n) => tf("catalogue.active.need", &[("value", &t_now(n.key()))]),
                        ActiveFilter::Audience(a) => tf("catalogue.active.audience", &[("value", &t_now(a.key()))]),
                        ActiveFilter::Query(q) => tf("catalogue.active.query", &[("value", &q)]),
                    };
                    (label, filters_href(&rest))
                })
                .collect();
            Some(view! {
                <div class="active-filters">
                    <p class="active-filters-title" id="active-filters-title">{t("catalogue.active.title")}</p>
                    <ul class="chip-list" aria-labelledby="active-filters-title">
                        {chips.into_iter().map(|(label, href)| view! {
                            <li>
                                <a class="chip" href=href data-noscroll="">
                                    <span>{label}</span>
                                    <span class="chip-x" aria-hidden="true">"✕"</span>
                                    <span class="visually-hidden">{t("catalogue.active.remove")}</span>
                                </a>
                            </li>
                        }).collect_view()}
                        <li><a class="chip chip-clear" href=routes::SERVICES data-noscroll="">{t("catalogue.active.clear")}</a></li>
                    </ul>
                </div>
            })
        }}
    }
}
