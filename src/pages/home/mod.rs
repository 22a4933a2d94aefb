//! Home: what the app does, as entry points in plain words.

use crate::i18n::t;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>{t("home.title")}</h1>
            <p class="lead">{t("home.lead")}</p>
        </section>
        <section aria-labelledby="home-tiles">
            <h2 id="home-tiles">{t("home.what_you_can_do")}</h2>
            <ul class="tiles">
                <Tile href=routes::SERVICES title="home.tile.services" text="home.tile.services_text"/>
                <Tile href=routes::SERVICES_FOR_YOU title="home.tile.for_you" text="home.tile.for_you_text"/>
                <Tile href=routes::PROFILE title="home.tile.profile" text="home.tile.profile_text"/>
                <Tile href=routes::OFFICES title="home.tile.offices" text="home.tile.offices_text"/>
                <Tile href=routes::VACANCIES title="home.tile.vacancies" text="home.tile.vacancies_text"/>
                <Tile href=routes::DID title="home.tile.did" text="home.tile.did_text"/>
                <Tile href=routes::AVVISI title="home.tile.avvisi" text="home.tile.avvisi_text"/>
                <Tile href=routes::PERCORSO title="home.tile.percorso" text="home.tile.percorso_text"/>
                <Tile href=routes::CONTACT title="home.tile.contact" text="home.tile.contact_text"/>
                <Tile href=routes::OUTBOX title="home.tile.outbox" text="home.tile.outbox_text"/>
                <Tile href=routes::MY_DATA title="home.tile.my_data" text="home.tile.my_data_text"/>
            </ul>
        </section>
    }
}

#[component]
fn Tile(href: &'static str, title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <li class="tile">
            <A href=href>
                <span class="tile-title">{t(title)}</span>
                <span class="tile-text">{t(text)}</span>
            </A>
        </li>
    }
}
