//! For a person with no patto di servizio yet: what it is and how to get one.
//! Also shown, shorter, on the DID receipt and the service map.

use crate::i18n::t;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NoPattoNotice() -> impl IntoView {
    view! {
        <section class="percorso-section no-patto" aria-labelledby="no-patto-title">
            <h2 id="no-patto-title">{t("percorso.none.title")}</h2>
            <p>{t("percorso.none.what")}</p>
            <ol>
                <li>{t("percorso.none.step_did")}" "<A href=routes::DID>{t("percorso.none.did_link")}</A></li>
                <li>{t("percorso.none.step_call")}</li>
                <li>{t("percorso.none.step_meet")}</li>
            </ol>
            <p>
                <A href=routes::SERVICES_FOR_YOU>{t("percorso.none.services_link")}</A>
                " · "
                <A href=routes::OFFICES>{t("percorso.none.cpi_link")}</A>
            </p>
        </section>
    }
}
