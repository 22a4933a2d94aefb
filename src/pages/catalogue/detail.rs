//! `/servizi/:id`: one service of the catalogue, at a stable permalink,
//! with everything the DM 4/2018 scheda says about it and where to go next.

use super::lang_code;
use crate::components::feed_status::FeedStatus;
use crate::components::kiosk::KioskQr;
use crate::domain::catalogue::{self, Lookup, RelatedSection, Service};
use crate::domain::feed::Localized;
use crate::i18n::{t, t_now, tf};
use crate::routes;
use crate::state::use_app;
use crate::ui::page_title::use_page_title;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// App sections that exist link to their page; the others are named only.
fn related_href(section: RelatedSection) -> Option<&'static str> {
    match section {
        RelatedSection::Did => Some(routes::DID),
        RelatedSection::Vacancies => Some(routes::VACANCIES),
        RelatedSection::Profiling | RelatedSection::Avvisi | RelatedSection::Patto => None,
    }
}

fn related_label_key(section: RelatedSection) -> &'static str {
    match section {
        RelatedSection::Did => "catalogue.related.did",
        RelatedSection::Profiling => "catalogue.related.profiling",
        RelatedSection::Vacancies => "catalogue.related.vacancies",
        RelatedSection::Avvisi => "catalogue.related.avvisi",
        RelatedSection::Patto => "catalogue.related.patto",
    }
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let app = use_app();
    app.catalogue.ensure_loaded();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get(routes::segment::ID).unwrap_or_default()));

    let lookup = Memo::new(move |_| {
        let id = id.get();
        app.catalogue.data.with(|d| {
            catalogue::lookup(d.as_ref().map(|f| f.items.as_slice()), &id, || {
                app.catalogue.error.with(|e| e.is_some()) && !app.catalogue.loading.get()
            })
        })
    });

    use_page_title(move || match lookup.get() {
        Lookup::Found(s) => s.title.get(lang_code()).to_string(),
        Lookup::NotFound => t_now("catalogue.detail.not_found_title"),
        Lookup::Loading => t_now("catalogue.detail.loading_title"),
    });

    view! {
        <article class="page service-detail">
            <nav class="breadcrumb" aria-label=t("catalogue.breadcrumb.label")>
                <ol>
                    <li><a href=routes::HOME>{t("nav.home")}</a></li>
                    <li><a href=routes::SERVICES>{t("catalogue.title")}</a></li>
                </ol>
            </nav>
            {move || match lookup.get() {
                Lookup::Loading => view! {
                    <h1>{t("catalogue.detail.loading_title")}</h1>
                    <FeedStatus handle=app.catalogue/>
                }
                .into_any(),
                Lookup::NotFound => view! {
                    <h1>{t("catalogue.detail.not_found_title")}</h1>
                    <FeedStatus handle=app.catalogue/>
                    <p>{move || tf("catalogue.detail.not_found_text", &[("id", &id.get())])}</p>
                    <p><a class="btn btn-primary" href=routes::SERVICES>{t("catalogue.detail.back_to_catalogue")}</a></p>
                }
                .into_any(),
                Lookup::Found(s) => view! {
                    <FeedStatus handle=app.catalogue/>
                    <ServiceBody service=*s/>
                }
                .into_any(),
            }}
        </article>
    }
}

#[component]
fn ServiceBody(service: Service) -> impl IntoView {
    let s = StoredValue::new(service);
    // Everything below re-renders when the language changes.
    move || {
        let lang = lang_code();
        s.with_value(|s| {
            let text = |l: &Localized| l.get(lang).to_string();
            let items = |list: &[Localized]| -> Vec<String> { list.iter().map(|l| l.get(lang).to_string()).collect() };
            let audiences: Vec<String> = s.audiences.iter().map(|a| t_now(a.key())).collect();
            let activities = items(&s.activities);
            let outputs = items(&s.outputs);
            let outcomes = items(&s.outcomes);
            let sap = s.sap_codes.clone();
            let legal = s.legal_basis.clone();
            let related: Vec<(String, Option<&'static str>)> = s
                .related_sections()
                .into_iter()
                .map(|r| (t_now(related_label_key(r)), related_href(r)))
                .collect();
            view! {
                <header class="service-head">
                    {s.for_employers.then(|| view! { <p class="tag tag-employer">{t("catalogue.tag.employers")}</p> })}
                    <h1>{text(&s.title)}</h1>
                    <p class="lead">{text(&s.summary)}</p>
                </header>

                <section aria-labelledby="svc-what">
                    <h2 id="svc-what">{t("catalogue.detail.what")}</h2>
                    <p>{text(&s.description)}</p>
                </section>

                <section aria-labelledby="svc-who">
                    <h2 id="svc-who">{t("catalogue.detail.who")}</h2>
                    <ul class="plain-list">{audiences.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                </section>

                <section aria-labelledby="svc-access" class="service-access">
                    <h2 id="svc-access">{t("catalogue.detail.access")}</h2>
                    <p>{text(&s.access)}</p>
                </section>

                {list_section("svc-activities", "catalogue.detail.activities", activities)}
                {list_section("svc-outputs", "catalogue.detail.outputs", outputs)}
                {list_section("svc-outcomes", "catalogue.detail.outcomes", outcomes)}

                <section aria-labelledby="svc-refs" class="service-refs">
                    <h2 id="svc-refs">{t("catalogue.detail.references")}</h2>
                    <dl class="facts">
                        <dt>{t("catalogue.detail.sap_codes")}</dt>
                        <dd>
                            {if sap.is_empty() {
                                view! { <span>{t("catalogue.detail.sap_none")}</span> }.into_any()
                            } else {
                                view! { <span>{sap.join(", ")}</span> }.into_any()
                            }}
                        </dd>
                        <dt>{t("catalogue.detail.legal_basis")}</dt>
                        <dd>
                            <ul class="plain-list">{legal.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        </dd>
                    </dl>
                </section>

                <section aria-labelledby="svc-next" class="service-next">
                    <h2 id="svc-next">{t("catalogue.detail.next")}</h2>
                    <ul class="next-links">
                        <li><a class="next-link" href=routes::OFFICES>{t("catalogue.detail.find_cpi")}</a></li>
                        <li><a class="next-link" href=routes::CONTACT>{t("catalogue.detail.write_cpi")}</a></li>
                    </ul>
                    {(!related.is_empty()).then(|| view! {
                        <h3>{t("catalogue.detail.related")}</h3>
                        <ul class="related-list">
                            {related.into_iter().map(|(label, href)| match href {
                                Some(h) => view! { <li><a href=h>{label}</a></li> }.into_any(),
                                None => view! {
                                    <li>
                                        <span>{label}</span>" "
                                        <span class="soon">{t("catalogue.detail.coming_soon")}</span>
                                    </li>
                                }.into_any(),
                            }).collect_view()}
                        </ul>
                    })}
                </section>

                <KioskQr path=routes::service(&s.id)/>
                <div class="actions">
                    <button type="button" class="btn btn-secondary" on:click=move |_| { let _ = window().print(); }>
                        {t("catalogue.detail.print")}
                    </button>
                    <a class="btn btn-secondary" href=routes::SERVICES>{t("catalogue.detail.back_to_catalogue")}</a>
                </div>
                <p class="print-source">{tf("catalogue.detail.permalink", &[("url", &permalink(&s.id))])}</p>
            }
        })
    }
}

/// A section with a heading and a bulleted list; nothing when empty.
fn list_section(
    id: &'static str,
    title: &'static str,
    items: Vec<String>,
) -> Option<impl IntoView> {
    (!items.is_empty()).then(|| {
        view! {
            <section aria-labelledby=id>
                <h2 id=id>{t(title)}</h2>
                <ul class="plain-list">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            </section>
        }
    })
}

/// The full address of a service page, for the printed copy.
fn permalink(id: &str) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/servizi/{id}")
}
