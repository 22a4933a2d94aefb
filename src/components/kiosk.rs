//! The kiosk's controls that other views place (docs/kiosk.md), each
//! shown only when the deployment turned kiosk mode on: "Termina sessione"
//! in the header, links that leave the app, QR codes of public pages. The
//! dialogs and the idle watch are the `kiosk` chunk (`pages/kiosk`).

use crate::i18n::t;
use crate::state::use_app;
use crate::ui::focus::focus_later;
use leptos::prelude::*;

/// The heading of the kiosk's dialog (`pages/kiosk/dialogs.rs`), focused when it opens.
pub const DIALOG_TITLE_ID: &str = "kiosk-dialog-title";

/// "Termina sessione": always in sight on a kiosk, logged in or not (a
/// half-filled form is personal too).
#[component]
pub fn EndSessionButton() -> impl IntoView {
    let app = use_app();
    app.kiosk.enabled().then(|| {
        view! {
            <button
                type="button"
                class="btn btn-danger kiosk-end"
                on:click=move |_| {
                    app.kiosk.confirming.set(true);
                    focus_later(DIALOG_TITLE_ID);
                }
            >
                {t("kiosk.end")}
            </button>
        }
    })
}

/// A link that leaves the app (a phone number, an e-mail address, another
/// site): plain text on a kiosk, which has no way out of the app.
#[component]
pub fn OutLink(href: String, text: String, #[prop(optional)] class: &'static str) -> impl IntoView {
    if use_app().kiosk.enabled() {
        view! { <span class=class>{text}</span> }.into_any()
    } else {
        view! { <a href=href class=class>{text}</a> }.into_any()
    }
}

/// On a kiosk, a QR code of this public page (a service, an offer, an
/// avviso) to open it on the person's own phone. It carries the page's
/// address only, never anything personal.
#[component]
pub fn KioskQr(
    /// The page's path in the app (`routes::vacancy(id)`).
    path: String,
) -> impl IntoView {
    if !use_app().kiosk.enabled() {
        return ().into_any();
    }
    let url = format!("{}{}", crate::net::config::public_origin(), path);
    let Some(svg) = crate::domain::qr::qr_svg(&url) else {
        return ().into_any();
    };
    view! {
        <aside class="kiosk-qr" aria-labelledby="kiosk-qr-title">
            // The code itself is hidden from assistive technologies: the text says the same.
            <div class="kiosk-qr-code" data-url=url.clone() inner_html=svg></div>
            <p>
                <strong id="kiosk-qr-title">{t("kiosk.qr.title")}</strong>
                " "
                {t("kiosk.qr.text")}
                <br/>
                <span class="kiosk-qr-url">{url}</span>
            </p>
        </aside>
    }
    .into_any()
}
