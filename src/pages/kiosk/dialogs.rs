//! The kiosk's dialogs over the page: confirming the end of a session, the
//! idle countdown, and the cover while the session ends.

use crate::components::kiosk::DIALOG_TITLE_ID;
use crate::i18n::{t, tf};
use crate::state::{kiosk, use_app};
use crate::ui::focus::{focus_later, trap_tab};
use leptos::prelude::*;

const DIALOG_ID: &str = "kiosk-dialog";

/// The dialogs over the page: confirming the end, the idle countdown, and
/// the end itself.
#[component]
pub fn KioskDialogs() -> impl IntoView {
    let app = use_app();
    let k = app.kiosk;
    // The countdown appears without a touch: its dialog takes the focus so
    // that a screen reader hears it.
    Effect::new(move |was_shown: Option<bool>| {
        let shown = k.warning.with(Option::is_some);
        if shown && was_shown != Some(true) {
            focus_later(DIALOG_TITLE_ID);
        }
        shown
    });
    let waiting = move || app.outbox.pending_count();
    let end_now = move |_| kiosk::end_session(app);
    view! {
        {move || {
            if k.ending.get() {
                let failed = k.failed.get().is_some();
                Some(view! {
                    <div class="kiosk-cover" role="alertdialog" aria-modal="true" aria-labelledby=DIALOG_TITLE_ID id=DIALOG_ID>
                        <div class="kiosk-dialog">
                            <h2 id=DIALOG_TITLE_ID tabindex="-1">
                                {if failed { t("kiosk.failed.title") } else { t("kiosk.ending") }}
                            </h2>
                            {failed.then(|| view! {
                                <p>{t("kiosk.failed.text")}</p>
                                <button type="button" class="btn btn-primary" on:click=end_now>{t("kiosk.failed.retry")}</button>
                            })}
                        </div>
                    </div>
                }.into_any())
            } else if let Some(left) = k.warning.get() {
                Some(view! {
                    <div class="kiosk-cover" role="alertdialog" aria-modal="true" aria-labelledby=DIALOG_TITLE_ID aria-describedby="kiosk-dialog-text" id=DIALOG_ID
                        on:keydown=move |ev| if ev.key() == "Tab" { trap_tab(DIALOG_ID, &ev) }>
                        <div class="kiosk-dialog">
                            <h2 id=DIALOG_TITLE_ID tabindex="-1">{t("kiosk.idle.title")}</h2>
                            <p id="kiosk-dialog-text" class="kiosk-countdown">
                                {tf("kiosk.idle.text", &[("seconds", &left.to_string())])}
                            </p>
                            <div class="actions">
                                // Any touch already cancels the countdown; the button says so.
                                <button type="button" class="btn btn-primary" on:click=move |_| k.warning.set(None)>{t("kiosk.idle.continue")}</button>
                                <button type="button" class="btn btn-secondary" on:click=end_now>{t("kiosk.end_now")}</button>
                            </div>
                        </div>
                    </div>
                }.into_any())
            } else if k.confirming.get() {
                Some(view! {
                    <div class="kiosk-cover" role="dialog" aria-modal="true" aria-labelledby=DIALOG_TITLE_ID id=DIALOG_ID
                        on:keydown=move |ev| match ev.key().as_str() {
                            "Tab" => trap_tab(DIALOG_ID, &ev),
                            "Escape" => k.confirming.set(false),
                            _ => {}
                        }>
                        <div class="kiosk-dialog">
                            <h2 id=DIALOG_TITLE_ID tabindex="-1">{t("kiosk.confirm.title")}</h2>
                            <p>{t("kiosk.confirm.text")}</p>
                            <Show when=move || { waiting() > 0 }>
                                <p class="kiosk-waiting">{move || tf("kiosk.confirm.waiting", &[("count", &waiting().to_string())])}</p>
                            </Show>
                            <div class="actions">
                                <button type="button" class="btn btn-danger" on:click=end_now>{t("kiosk.confirm.end")}</button>
                                <button type="button" class="btn btn-secondary" on:click=move |_| k.confirming.set(false)>{t("kiosk.confirm.cancel")}</button>
                            </div>
                        </div>
                    </div>
                }.into_any())
            } else {
                None
            }
        }}
    }
    .into_any()
}
