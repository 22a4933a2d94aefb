//! The page frame: skip link, header, main landmark, footer.

use super::{footer::Footer, header::Header, status_bar::StatusBar};
use crate::hooks::use_route_focus::use_route_focus;
use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    use_route_focus("main");
    view! {
        <a class="skip-link" href="#main">{t("a11y.skip_to_content")}</a>
        <Header/>
        <StatusBar/>
        <main id="main" class="container main" tabindex="-1">
            {children()}
        </main>
        <Footer/>
    }
}
