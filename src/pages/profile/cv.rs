//! The CV from the profile, in Italian or English whatever the app's
//! language, ready to print (or save as PDF from the print dialog).

use crate::components::notice::{Notice, Tone};
use crate::domain::cv::{Cv, CV_LANGUAGES};
use crate::domain::date::Date;
use crate::domain::profile::EDUCATION_LEVELS;
use crate::i18n::{lookup, lookup_with, t, tm, Lang};
use crate::net::locales;
use crate::routes;
use crate::storage::personal;
use crate::ui::format::format_date;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CvPage() -> impl IntoView {
    let query = use_query_map();
    let lang = Memo::new(move |_| {
        query.with(|q| match q.get("lingua").as_deref() {
            Some("en") => Lang::En,
            _ => Lang::It,
        })
    });
    // The CV's language may not be the app's: its texts are fetched first.
    let texts_ready = RwSignal::new(false);
    Effect::new(move |_| {
        let l = lang.get();
        texts_ready.set(false);
        spawn_local(async move {
            let _ = locales::ensure(l, locales::Texts::Start).await;
            let _ = locales::ensure(l, locales::Texts::Pages).await;
            texts_ready.try_set(true);
        });
    });
    let profile = RwSignal::new(None::<Result<crate::domain::profile::Profile, String>>);
    spawn_local(async move {
        let loaded = personal::load_profile()
            .await
            .map(Option::unwrap_or_default)
            .map_err(|e| tm(&e.message()));
        profile.try_set(Some(loaded));
    });
    let print = move |_| {
        let _ = window().print();
    };

    view! {
        <section class="page cv-page">
            <div class="no-print">
                <h1>{t("cv.title")}</h1>
                <p class="lead">{t("cv.lead")}</p>
                <nav class="cv-controls" aria-label=move || crate::i18n::t_now("cv.controls")>
                    <ul class="plain-list inline-list">
                        {CV_LANGUAGES.iter().map(|code| {
                            let code = *code;
                            let href = format!("{}?lingua={code}", routes::CV);
                            let current = move || (lang.get().code() == code).then_some("page");
                            view! {
                                <li><A href=href attr:aria-current=current attr:lang=code>{t(if code == "en" { "cv.in_english" } else { "cv.in_italian" })}</A></li>
                            }
                        }).collect_view()}
                        <li><button type="button" class="btn btn-primary" id="cv-print" on:click=print>{t("cv.print")}</button></li>
                        <li><A href=routes::PROFILE>{t("cv.edit")}</A></li>
                    </ul>
                </nav>
            </div>
            {move || match (profile.get(), texts_ready.get()) {
                (Some(Err(e)), _) => view! { <Notice tone=Tone::Error><p>{e}</p></Notice> }.into_any(),
                (Some(Ok(p)), true) => {
                    let cv = Cv::from_profile(&p, lang.get_untracked().code());
                    if cv.is_empty() {
                        view! {
                            <Notice tone=Tone::Info>
                                <p>{t("cv.empty")}" "<A href=routes::PROFILE>{t("cv.edit")}</A></p>
                            </Notice>
                        }.into_any()
                    } else {
                        view! { <CvDocument cv=cv lang=lang.get_untracked()/> }.into_any()
                    }
                }
                _ => view! { <p class="hint" aria-busy="true">{t("cv.loading")}</p> }.into_any(),
            }}
        </section>
    }
}

fn month_text(lang: Lang, ym: &str) -> String {
    let Some((y, m)) = ym.split_once('-') else {
        return ym.to_string();
    };
    let month = m.parse::<u8>().ok().filter(|m| (1..=12).contains(m));
    match month {
        Some(m) => format!("{} {y}", lookup(lang, crate::domain::did::month_key(m))),
        None => ym.to_string(),
    }
}

#[component]
fn CvDocument(cv: Cv, lang: Lang) -> impl IntoView {
    let l = move |key: &str| lookup(lang, key);
    let birth = Date::parse_iso(&cv.birth_date).map(format_date);
    let education = cv
        .education_level
        .and_then(|n| EDUCATION_LEVELS.get(usize::from(n)))
        .map(|(_, key)| l(key));
    let experiences = cv
        .experiences
        .iter()
        .map(|e| {
            let period = if e.to.is_empty() {
                lookup_with(lang, "cv.since", &[("from", &month_text(lang, &e.from))])
            } else {
                format!(
                    "{} – {}",
                    month_text(lang, &e.from),
                    month_text(lang, &e.to)
                )
            };
            let (what, class) = if e.title.is_empty() {
                (e.profession_name.clone(), String::new())
            } else {
                (e.title.clone(), e.profession_name.clone())
            };
            let detail = [class, e.employer.clone(), e.sector_name.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <li class="cv-entry">
                    <p class="cv-when">{period}</p>
                    <div>
                        <p class="cv-what"><strong>{what}</strong></p>
                        {(!detail.is_empty()).then(|| view! { <p>{detail}</p> })}
                    </div>
                </li>
            }
        })
        .collect_view();
    let languages = cv
        .languages
        .iter()
        .map(|s| {
            let name = l(&format!("profile.lang.{}", s.language));
            view! { <li>{format!("{name}: {}", s.level)}</li> }
        })
        .collect_view();
    let digital = cv
        .digital_skills
        .iter()
        .map(|id| l(&format!("profile.digital.{id}")))
        .collect::<Vec<_>>()
        .join(", ");
    let licences = cv.licences.join(", ");
    view! {
        <article class="cv" lang=lang.code() aria-labelledby="cv-name">
            <header class="cv-head">
                <h2 id="cv-name">{cv.name.clone()}</h2>
                <p class="cv-kind">{l("cv.heading")}</p>
                <dl class="cv-contacts">
                    {(!cv.address.is_empty()).then(|| view! { <dt>{l("cv.address")}</dt><dd>{cv.address.clone()}</dd> })}
                    {(!cv.phone.is_empty()).then(|| view! { <dt>{l("cv.phone")}</dt><dd>{cv.phone.clone()}</dd> })}
                    {(!cv.email.is_empty()).then(|| view! { <dt>{l("cv.email")}</dt><dd>{cv.email.clone()}</dd> })}
                    {birth.map(|b| view! { <dt>{l("cv.birth")}</dt><dd>{b}</dd> })}
                </dl>
            </header>
            {(!cv.about.is_empty()).then(|| view! {
                <section class="cv-section"><h3>{l("cv.about")}</h3><p>{cv.about.clone()}</p></section>
            })}
            {(!cv.experiences.is_empty()).then(|| view! {
                <section class="cv-section"><h3>{l("cv.experience")}</h3><ul class="plain-list">{experiences}</ul></section>
            })}
            {(education.is_some() || !cv.education_title.is_empty()).then(|| view! {
                <section class="cv-section">
                    <h3>{l("cv.education")}</h3>
                    <p>{[cv.education_title.clone(), education.clone().unwrap_or_default()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</p>
                </section>
            })}
            {(!cv.languages.is_empty()).then(|| view! {
                <section class="cv-section"><h3>{l("cv.languages")}</h3><ul class="plain-list">{languages}</ul><p class="cv-note">{l("cv.cefr_note")}</p></section>
            })}
            {(!digital.is_empty()).then(|| view! {
                <section class="cv-section"><h3>{l("cv.digital")}</h3><p>{digital}</p></section>
            })}
            {(!licences.is_empty()).then(|| view! {
                <section class="cv-section"><h3>{l("cv.licences")}</h3><p>{licences}</p></section>
            })}
            <p class="cv-consent">{l("cv.consent")}</p>
        </article>
    }
}
