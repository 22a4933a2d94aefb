//! Header in the Designers Italia pattern: slim bar with the owner, centre
//! bar with the service name, navigation bar. The menu collapses on phones.

use super::account::AccountControls;
use super::kiosk::EndSessionButton;
use crate::i18n::{t, use_i18n, Lang};
use crate::routes;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn Header() -> impl IntoView {
    let menu_open = RwSignal::new(false);
    // Close the menu after navigating.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    let app = use_app();
    let pending = move || app.outbox.pending_count();
    view! {
        <header class="site-header">
            <div class="header-slim">
                <div class="container header-slim-inner">
                    <span class="owner">{t("app.owner")}</span>
                    <div class="header-slim-tools">
                        <LangSwitch/>
                        <ContrastSwitch/>
                        <AccountControls/>
                        <EndSessionButton/>
                    </div>
                </div>
            </div>
            <div class="header-center">
                <div class="container header-center-inner">
                    <A href=routes::HOME attr:class="brand">
                        <span class="brand-mark" aria-hidden="true">"SL"</span>
                        <span class="brand-text">
                            <span class="brand-name">{t("app.name")}</span>
                            <span class="brand-tagline">{t("app.tagline")}</span>
                        </span>
                    </A>
                    <button
                        class="menu-toggle"
                        type="button"
                        aria-controls="main-nav"
                        aria-expanded=move || menu_open.get().to_string()
                        on:click=move |_| menu_open.update(|o| *o = !*o)
                    >
                        <span class="menu-icon" aria-hidden="true"></span>
                        {t("nav.menu")}
                    </button>
                </div>
            </div>
            <nav id="main-nav" class="header-nav" class:open=move || menu_open.get() aria-label=t("nav.label")>
                <ul class="container nav-list">
                    <li><A href=routes::HOME exact=true>{t("nav.home")}</A></li>
                    <li><A href=routes::SERVICES>{t("nav.services")}</A></li>
                    <li><A href=routes::OFFICES>{t("nav.offices")}</A></li>
                    <li><A href=routes::VACANCIES>{t("nav.vacancies")}</A></li>
                    <li><A href=routes::DID>{t("nav.did")}</A></li>
                    <li><A href=routes::CONTACT>{t("nav.contact")}</A></li>
                    <li>
                        <A href=routes::OUTBOX>
                            {t("nav.outbox")}
                            <Show when=move || { pending() > 0 }>
                                <span class="badge" aria-label=move || crate::i18n::tf("outbox.pending_count", &[("count", &pending().to_string())])>
                                    {pending}
                                </span>
                            </Show>
                        </A>
                    </li>
                    <li><A href=routes::AVVISI>{t("nav.avvisi")}</A></li>
                    <li><A href=routes::PERCORSO>{t("nav.percorso")}</A></li>
                    <li><A href=routes::PROFILE>{t("nav.profile")}</A></li>
                    <li><A href=routes::MY_DATA>{t("nav.my_data")}</A></li>
                </ul>
            </nav>
        </header>
    }
}

/// The high-contrast theme, on or off (a toggle button).
#[component]
fn ContrastSwitch() -> impl IntoView {
    let high = RwSignal::new(crate::state::high_contrast_now());
    let toggle = move |_| {
        let now = !high.get_untracked();
        crate::state::set_high_contrast(now);
        high.set(now);
    };
    view! {
        <button type="button" class="contrast-switch" aria-pressed=move || high.get().to_string() on:click=toggle>
            <span class="contrast-icon" aria-hidden="true"></span>
            <span class="contrast-label">{t("a11y.high_contrast")}</span>
        </button>
    }
}

#[component]
fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
            crate::state::switch_language(i18n, lang);
        }
    };
    view! {
        <label class="lang-switch">
            <span class="visually-hidden">{t("lang.choose")}</span>
            <select on:change=on_change prop:value=move || i18n.lang.get().code()>
                {Lang::CHOICES
                    .into_iter()
                    .map(|l| view! { <option value=l.code() lang=l.tag()>{l.native_name()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
