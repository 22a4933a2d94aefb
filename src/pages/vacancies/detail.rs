//! `/offerte/:id`: one offer, a stable permalink. Every field of the offer,
//! when it was published ("pubblicata 3 giorni fa") and until when it is
//! open, the favourite star, applying and the application's status, and the
//! offer as schema.org `JobPosting` JSON-LD. An expired offer is never
//! shown: the page says it has closed.

use super::apply::ApplyForm;
use super::favourites::StarButton;
use super::{contract_label, place_text, working_time_label, DataStatus};
use crate::components::kiosk::KioskQr;
use crate::components::notice::{Notice, Tone};
use crate::domain::offer_display::is_open;
use crate::domain::vacancy::{days_to_iso, iso_to_days, jobposting_script_text, Vacancy};
use crate::domain::vacancy_lists::Favourite;
use crate::i18n::{lookup, t, t_now, tf, use_i18n};
use crate::routes;
use crate::state::{today, use_vacancies};
use crate::ui::format::{expiry_text, format_days, freshness_text, salary_text};
use crate::ui::page_title::use_page_title;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A translation, or `fallback` when the key is unknown (language codes).
fn t_or(key: &str, fallback: &str) -> String {
    let text = lookup(use_i18n().lang.get(), key);
    if text == key {
        fallback.to_string()
    } else {
        text
    }
}

#[component]
pub fn VacancyDetailPage() -> impl IntoView {
    let data = use_vacancies();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get(routes::segment::ID).unwrap_or_default()));
    let today = today();
    // None: the offer is not loaded yet; Some(None): no such offer.
    let offer = Memo::new(move |_| {
        let id = id.get();
        data.offers.with(|o| o.lookup(&id).map(|v| v.cloned()))
    });
    // Ask for it again when the id or the feed version changes.
    Effect::new(move |_| {
        data.index.track();
        if offer.with(Option::is_none) {
            data.ensure_offer(id.get_untracked());
        }
    });
    use_page_title(move || {
        offer
            .get()
            .flatten()
            .filter(|v| is_open(&v.expires, today))
            .map(|v| v.title)
            .unwrap_or_else(|| t_now("vacancies.detail.title"))
    });
    let back = data
        .last_search
        .get_untracked()
        .unwrap_or_else(|| routes::VACANCIES.to_string());

    view! {
        <section class="page vacancies vac-detail">
            <p class="vac-back"><a href=back>{t("vacancies.detail.back")}</a></p>
            {move || match offer.get() {
                None => view! {
                    <h1>{t("vacancies.detail.title")}</h1>
                    <DataStatus data=data/>
                    <Show when=move || data.error.with(Option::is_none)>
                        <p class="loading" role="status">{t("vacancies.detail.loading")}</p>
                    </Show>
                }.into_any(),
                Some(None) => view! {
                    <h1>{t("vacancies.detail.not_found_title")}</h1>
                    <Notice tone=Tone::Warning>
                        <p>{t("vacancies.detail.not_found")}</p>
                        <p><a href=routes::VACANCIES>{t("vacancies.results.show_all")}</a></p>
                    </Notice>
                }.into_any(),
                Some(Some(v)) if !is_open(&v.expires, today) => view! {
                    <h1>{t("vacancies.detail.expired_title")}</h1>
                    <Notice tone=Tone::Warning>
                        <p>{move || tf("vacancies.detail.expired", &[("date", &iso_to_days(&v.expires).map(format_days).unwrap_or_default())])}</p>
                        <p><a href=routes::VACANCIES>{t("vacancies.results.show_all")}</a></p>
                    </Notice>
                }.into_any(),
                Some(Some(v)) => view! { <Offer v=v today=today/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Offer(v: Vacancy, today: i32) -> impl IntoView {
    let published = iso_to_days(&v.published).unwrap_or(today);
    let expires = iso_to_days(&v.expires).unwrap_or(today);
    let fav = Favourite {
        id: v.id.clone(),
        title: v.title.clone(),
        employer: v.employer.name.clone(),
        comune: v.workplace.name.clone(),
        province: v.workplace.province.clone(),
        expires: v.expires.clone(),
        added: days_to_iso(today),
    };
    // `</` cannot end the script element early.
    let json_ld = jobposting_script_text(&v);
    let place = place_text(&v.workplace.name, &v.workplace.province);
    let contract = v.contract;
    let working_time = v.working_time;
    let salary = v.salary.as_ref().map(salary_text);
    let req = v.requirements.clone();
    let education = req
        .education_level
        .map(|l| move || t_now(&format!("vacancies.edu.{l}")));
    let languages = (!req.languages.is_empty()).then(|| {
        let langs = req.languages.clone();
        move || {
            langs
                .iter()
                .map(|l| {
                    format!(
                        "{} {:?}",
                        t_or(
                            &format!("vacancies.lang.{}", l.code),
                            &l.code.to_uppercase()
                        ),
                        l.level
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
    });
    let licences = (!req.driving_licences.is_empty()).then(|| req.driving_licences.join(", "));
    let experience = req.experience_required;
    let profession = v
        .profession
        .clone()
        .map(|p| format!("{} ({})", p.label, p.code));
    let sector = v
        .sector
        .clone()
        .map(|s| format!("{} (ATECO {})", s.label, s.code));
    let posts = v.posts;
    let description = v.description.clone();
    let how_to_apply = v.how_to_apply.clone();
    let source = v.source.clone();
    let id = v.id.clone();
    let employer = v.employer.name.clone();

    view! {
        <article class="vac-offer" aria-labelledby="vac-offer-title">
            <h1 id="vac-offer-title">{v.title.clone()}</h1>
            <p class="vac-employer">{employer}</p>
            <p class="vac-place">{place}</p>
            <ul class="vac-tags">
                <li>{move || contract_label(contract)}</li>
                <li>{move || working_time_label(working_time)}</li>
                {v.reserved_l68.then(|| view! { <li class="tag-l68">{t("vacancies.tag.l68")}</li> })}
                {v.internship.then(|| view! { <li class="tag-internship">{t("vacancies.tag.internship")}</li> })}
            </ul>
            <p class="vac-dates">
                <span class="vac-published">
                    {move || tf("vacancies.detail.published", &[("date", &format_days(published)), ("ago", &freshness_text(published, today))])}
                </span>
                " · "
                <span class="vac-expires">{move || expiry_text(expires, today)}</span>
            </p>
            <div class="vac-actions">
                <StarButton fav=fav/>
                <a class="btn btn-primary" href="#candidatura">{t("vacancies.detail.apply_link")}</a>
            </div>
            <KioskQr path=routes::vacancy(&id)/>

            <h2>{t("vacancies.detail.description")}</h2>
            <p class="vac-description">{description}</p>

            <h2>{t("vacancies.detail.facts")}</h2>
            <dl class="vac-facts">
                <div><dt>{t("vacancies.detail.contract")}</dt><dd>{move || contract_label(contract)}</dd></div>
                <div><dt>{t("vacancies.detail.time")}</dt><dd>{move || working_time_label(working_time)}</dd></div>
                <div><dt>{t("vacancies.detail.posts")}</dt><dd>{posts}</dd></div>
                {salary.map(|s| view! { <div><dt>{t("vacancies.detail.salary")}</dt><dd>{s}</dd></div> })}
                {profession.map(|p| view! { <div><dt>{t("vacancies.detail.profession")}</dt><dd>{p}</dd></div> })}
                {sector.map(|s| view! { <div><dt>{t("vacancies.detail.sector")}</dt><dd>{s}</dd></div> })}
                <div><dt>{t("vacancies.detail.published_on")}</dt><dd>{format_days(published)}</dd></div>
                <div><dt>{t("vacancies.detail.expires_on")}</dt><dd>{format_days(expires)}</dd></div>
                <div><dt>{t("vacancies.detail.code")}</dt><dd>{id}</dd></div>
            </dl>

            <h2>{t("vacancies.detail.requirements")}</h2>
            <dl class="vac-facts">
                {education.map(|e| view! { <div><dt>{t("vacancies.detail.education")}</dt><dd>{e}</dd></div> })}
                {languages.map(|l| view! { <div><dt>{t("vacancies.detail.languages")}</dt><dd>{l}</dd></div> })}
                {licences.map(|l| view! { <div><dt>{t("vacancies.detail.licences")}</dt><dd>{l}</dd></div> })}
                <div>
                    <dt>{t("vacancies.detail.experience")}</dt>
                    <dd>{if experience { t("vacancies.detail.yes") } else { t("vacancies.detail.no") }}</dd>
                </div>
            </dl>

            {(!how_to_apply.trim().is_empty()).then(|| view! {
                <h2>{t("vacancies.detail.how_to_apply")}</h2>
                <p>{how_to_apply}</p>
            })}
            {source.map(|s| view! { <p class="hint vac-source">{move || tf("vacancies.detail.source", &[("source", &s)])}</p> })}

            <ApplyForm vacancy=v.clone()/>
            <script type="application/ld+json" inner_html=json_ld></script>
        </article>
    }
}
