//! The header's account controls: "Accedi" while nobody is logged in, the
//! person's name and "Esci" once they are. The login itself happens on the
//! CPI backend's pages (SPID/CIE), which come back to the page it started on.

use crate::i18n::{t, tf};
use crate::net::identity::{clear_owed_logout, login_url};
use crate::state::{use_app, Session};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The path and query of the page shown now: where a login comes back to.
pub fn current_path() -> Signal<String> {
    let location = use_location();
    Signal::derive(move || format!("{}{}", location.pathname.get(), location.search.get()))
}

#[component]
pub fn AccountControls() -> impl IntoView {
    let app = use_app();
    let here = current_path();
    view! {
        <div class="account">
            {move || match app.session.session.get() {
                Session::LoggedIn(id) | Session::Offline(Some(id)) => {
                    let name = id.person.full_name();
                    view! {
                        <span class="account-name" title=tf("auth.logged_in_as", &[("name", &name)])>
                            <span class="account-icon" aria-hidden="true"></span>
                            <span class="visually-hidden">{tf("auth.logged_in_as", &[("name", "")])}</span>
                            {name.clone()}
                        </span>
                        // A kiosk logs out only with the whole session ("Termina sessione").
                        <Show when=move || !app.kiosk.enabled()>
                            <button type="button" class="btn-account" on:click=move |_| app.session.logout()>
                                {t("auth.logout")}
                            </button>
                        </Show>
                    }
                    .into_any()
                }
                // Links, not router links: the login is the backend's page.
                _ => view! {
                    <a class="btn-account" rel="external" href=move || login_url(&here.get(), None) on:click=|_| clear_owed_logout()>
                        <span class="account-icon" aria-hidden="true"></span>
                        {t("auth.login")}
                    </a>
                }
                .into_any(),
            }}
        </div>
    }
}
