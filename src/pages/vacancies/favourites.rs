//! Favourites: the star button (results and detail page) and
//! `/offerte/preferite`, the starred offers kept on this device.

use super::VacancyNav;
use crate::components::notice::{MessageNotice, Tone};
use crate::domain::offer_display::has_expired;
use crate::domain::vacancy::iso_to_days;
use crate::domain::vacancy_lists::Favourite;
use crate::i18n::{t, t_now, tf};
use crate::routes;
use crate::state::{today, use_lists};
use crate::ui::format::expiry_text;
use crate::ui::page_title::use_page_title;
use leptos::prelude::*;

/// A toggle button: pressed when the offer is a favourite.
#[component]
pub fn StarButton(fav: Favourite) -> impl IntoView {
    let lists = use_lists();
    let id = fav.id.clone();
    let title = fav.title.clone();
    let pressed = Memo::new(move |_| lists.favourites.with(|l| l.iter().any(|f| f.id == id)));
    view! {
        <button
            type="button"
            class="star"
            class:on=move || pressed.get()
            aria-pressed=move || pressed.get().to_string()
            on:click=move |_| lists.toggle_favourite(fav.clone())
        >
            <span class="star-icon" aria-hidden="true">{move || if pressed.get() { "★" } else { "☆" }}</span>
            <span class="star-text">{t("vacancies.fav.button")}</span>
            <span class="visually-hidden">": " {title}</span>
        </button>
    }
}

#[component]
pub fn FavouritesPage() -> impl IntoView {
    let lists = use_lists();
    use_page_title(move || t_now("vacancies.fav.title"));
    let today = today();
    let count = move || lists.favourites.with(Vec::len);
    view! {
        <section class="page vacancies vac-favourites">
            <h1>{t("vacancies.fav.title")}</h1>
            <p class="lead">{t("vacancies.fav.lead")}</p>
            <VacancyNav/>
            {move || lists.error.get().map(|e| view! { <MessageNotice tone=Tone::Error msg=e.message()/> })}
            <p class="result-count" role="status" aria-live="polite">
                {move || lists.loaded.get().then(|| match count() {
                    0 => t_now("vacancies.fav.none"),
                    n => tf("vacancies.fav.count_n", &[("count", &n.to_string())]),
                })}
            </p>
            <Show when=move || lists.loaded.get() && count() == 0>
                <p><a href=routes::VACANCIES>{t("vacancies.fav.go_search")}</a></p>
            </Show>
            <ul class="vac-list fav-list">
                <For
                    each=move || lists.favourites.get()
                    key=|f| f.id.clone()
                    children=move |f: Favourite| {
                        let expires = iso_to_days(&f.expires);
                        let expired = has_expired(&f.expires, today);
                        let place = super::place_text(&f.comune, &f.province);
                        let id = f.id.clone();
                        let title = f.title.clone();
                        let remove_label = tf("vacancies.fav.remove_label", &[("title", &title)]);
                        view! {
                            <li class="vac-item fav-item" class:expired=expired>
                                <article class="vac-card">
                                    <h2 class="vac-card-title">
                                        {if expired {
                                            view! { <span>{title.clone()}</span> }.into_any()
                                        } else {
                                            view! { <a href=routes::vacancy(&f.id)>{title.clone()}</a> }.into_any()
                                        }}
                                    </h2>
                                    <p class="vac-employer">{f.employer.clone()}</p>
                                    <p class="vac-place">{place}</p>
                                    <p class="vac-dates">
                                        {expires.map(|e| view! { <span>{move || expiry_text(e, today)}</span> })}
                                    </p>
                                    <button type="button" class="btn btn-secondary fav-remove" aria-label=remove_label
                                        on:click=move |_| lists.remove_favourite(&id)>
                                        {t("vacancies.fav.remove")}
                                    </button>
                                </article>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}
