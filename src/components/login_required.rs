//! A page part that acts in the person's name: shown once they are logged in
//! (or offline with the identity last seen here); otherwise it says so and
//! offers SPID and CIE. Nothing typed is lost: drafts stay on the device.

use crate::components::account::current_path;
use crate::components::notice::{Notice, Tone};
use crate::domain::identity::Provider;
use crate::i18n::{t, tf};
use crate::net::identity::{clear_owed_logout, login_url};
use crate::state::{use_app, Session};
use leptos::prelude::*;

#[component]
pub fn LoginRequired(children: ChildrenFn) -> impl IntoView {
    let app = use_app();
    let here = current_path();
    let children = StoredValue::new(children);
    let state = Memo::new(move |_| match app.session.session.get() {
        Session::Checking => 0,
        Session::LoggedIn(_) => 1,
        Session::Offline(Some(_)) => 2,
        Session::Offline(None) => 3,
        Session::LoggedOut => 4,
    });
    view! {
        {move || match state.get() {
            0 => view! { <p class="loading" role="status">{t("auth.checking")}</p> }.into_any(),
            1 => children.with_value(|c| c()).into_any(),
            2 => {
                let name = app.session.identity().map(|i| i.person.full_name()).unwrap_or_default();
                view! {
                    <Notice tone=Tone::Info live=false>
                        <p>{move || tf("auth.offline_identity", &[("name", &name)])}</p>
                    </Notice>
                    {children.with_value(|c| c())}
                }
                .into_any()
            }
            offline_or_out => view! {
                <section class="login-required" aria-labelledby="login-required-title">
                    <h2 id="login-required-title">{t("auth.required.title")}</h2>
                    <p>{t("auth.required.body")}</p>
                    <p>{t("auth.required.kept")}</p>
                    <Show when=move || offline_or_out == 3>
                        <Notice tone=Tone::Warning live=false><p>{t("auth.required.offline")}</p></Notice>
                    </Show>
                    <div class="login-buttons">
                        {Provider::ALL
                            .into_iter()
                            .map(|p| view! {
                                <a class="btn btn-primary" rel="external" href=move || login_url(&here.get(), Some(p)) on:click=|_| clear_owed_logout()>
                                    {t(match p {
                                        Provider::Spid => "auth.enter_spid",
                                        Provider::Cie => "auth.enter_cie",
                                    })}
                                </a>
                            })
                            .collect_view()}
                    </div>
                </section>
            }
            .into_any(),
        }}
    }
}
