//! "Offerte per te": the offers ranked for the person's profile, on this
//! device (`domain::offer_match`), each with the reasons it is listed.
//! Nothing about the person leaves the device.

use super::results::{Item, ResultItem};
use crate::components::feed_status::FeedStatus;
use crate::components::notice::{Notice, Tone};
use crate::domain::offer_match::{offers_for, MatchProfile, MatchReason};
use crate::domain::profile::Profile;
use crate::i18n::{t, tf, tm};
use crate::routes;
use crate::state::{today, use_app, use_comuni_index, use_vacancies};
use crate::storage::personal;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// How many offers the page lists.
const LIMIT: usize = 30;

#[component]
pub fn OffersForYouPage() -> impl IntoView {
    let vac = use_vacancies();
    vac.ensure_loaded();
    let app = use_app();
    app.comuni.ensure_loaded();
    let comuni = use_comuni_index();
    let today = today();
    // None while reading; then the stored profile, if any.
    let profile = RwSignal::new(None::<Result<Option<Profile>, String>>);
    spawn_local(async move {
        let read = personal::load_profile().await.map_err(|e| tm(&e.message()));
        profile.try_set(Some(read));
    });

    let matches = Memo::new(move |_| {
        let p = profile.with(|p| p.as_ref().and_then(|r| r.as_ref().ok().cloned().flatten()))?;
        vac.index.with(|index| {
            let index = index.as_ref()?;
            // Home: the index's comune when offers are there, else the comuni list's centroid.
            let home = index.comune_coords(&p.domicile_istat).or_else(|| {
                comuni.with(|c| {
                    let c = c.as_ref()?.by_istat(&p.domicile_istat)?;
                    Some((c.lat? as f32, c.lon? as f32))
                })
            });
            let mp = MatchProfile::from_profile(&p, home);
            let found = offers_for(index, &mp, today, LIMIT);
            let items: Vec<Item> = found
                .into_iter()
                .filter_map(|m| {
                    let km = m.reasons.iter().find_map(|r| match r {
                        MatchReason::DistanceKm(km) => Some(f32::from(*km)),
                        _ => None,
                    });
                    let reasons = m.reasons.iter().map(MatchReason::message).collect();
                    Item::of(index, m.doc, km, reasons)
                })
                .collect();
            Some((
                mp.is_empty(),
                home.is_some() || p.domicile_istat.is_empty(),
                items,
            ))
        })
    });

    view! {
        <section class="page vac-for-you">
            <h1>{t("vacancies.for_you.title")}</h1>
            <p class="lead">{t("vacancies.for_you.lead")}</p>
            <p>
                <A href=routes::PROFILE>{t("vacancies.for_you.edit_profile")}</A>
                " · "
                <A href=routes::VACANCIES>{t("vacancies.for_you.search_all")}</A>
            </p>
            <FeedStatus handle=app.comuni/>
            {move || match profile.get() {
                None => view! { <p class="hint" aria-busy="true">{t("vacancies.for_you.loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <Notice tone=Tone::Error><p>{e}</p></Notice> }.into_any(),
                Some(Ok(None)) => view! {
                    <Notice tone=Tone::Info>
                        <p>{t("vacancies.for_you.no_profile")}" "<A href=routes::PROFILE>{t("vacancies.for_you.fill_profile")}</A></p>
                    </Notice>
                }.into_any(),
                Some(Ok(Some(_))) => view! { <Matches matches=matches today=today/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Matches(matches: Memo<Option<(bool, bool, Vec<Item>)>>, today: i32) -> impl IntoView {
    move || match matches.get() {
        // The offers are still loading (FeedStatus above says how it goes).
        None => view! { <p class="hint" aria-busy="true">{t("vacancies.for_you.loading")}</p> }
            .into_any(),
        Some((empty_profile, home_known, items)) => {
            let count = items.len();
            view! {
                {empty_profile.then(|| view! {
                    <Notice tone=Tone::Info><p>{t("vacancies.for_you.empty_profile")}" "<A href=routes::PROFILE>{t("vacancies.for_you.fill_profile")}</A></p></Notice>
                })}
                {(!home_known).then(|| view! {
                    <Notice tone=Tone::Warning><p>{t("vacancies.for_you.no_home")}</p></Notice>
                })}
                <p class="vac-count" role="status">{move || tf("vacancies.for_you.count", &[("count", &count.to_string())])}</p>
                {if items.is_empty() {
                    view! { <p>{t("vacancies.for_you.none")}</p> }.into_any()
                } else {
                    view! {
                        <ol class="vac-list">
                            {items.into_iter().map(|item| view! { <ResultItem item=item today=today/> }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            }.into_any()
        }
    }
}
