use crate::i18n::t;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="page not-found">
            <h1>{t("notfound.title")}</h1>
            <p>{t("notfound.text")}</p>
            <p><A href=routes::HOME attr:class="btn btn-primary">{t("notfound.home")}</A></p>
        </section>
    }
}
