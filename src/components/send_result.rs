//! What became of a form's "Invia": stored in the outbox (with a link to
//! follow it there), or why it could not be stored. The element is where
//! focus goes after sending.

use crate::components::notice::{Notice, Tone};
use crate::i18n::t;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SendResult(
    id: &'static str,
    /// The submission is in the outbox.
    #[prop(into)]
    queued: Signal<bool>,
    /// Locale keys: what was done, and the link to "Le mie richieste".
    queued_key: &'static str,
    outbox_link_key: &'static str,
    /// Why it could not be stored (translated).
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div id=id tabindex="-1">
            <Show when=move || queued.get()>
                <Notice tone=Tone::Success>
                    <p>{t(queued_key)}</p>
                    <p><A href=routes::OUTBOX>{t(outbox_link_key)}</A></p>
                </Notice>
            </Show>
            {move || error.get().map(|e| view! { <Notice tone=Tone::Error><p>{e}</p></Notice> })}
        </div>
    }
}
