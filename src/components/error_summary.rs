//! The list of what to fix, shown above a form after a failed submit. Each
//! item links to its field; the wrapper takes focus so it is announced.

use super::notice::{Notice, Tone};
use crate::i18n::{t, t_now};
use leptos::prelude::*;

/// (field id, translation key of the problem)
pub type FormErrors = Vec<(&'static str, &'static str)>;

#[component]
pub fn ErrorSummary(id: &'static str, errors: RwSignal<FormErrors>) -> impl IntoView {
    view! {
        <div id=id tabindex="-1">
            <Show when=move || !errors.with(Vec::is_empty)>
                <Notice tone=Tone::Error>
                    <p><strong>{t("form.error_summary")}</strong></p>
                    <ul>
                        {move || errors.get().into_iter().map(|(field, key)| view! {
                            <li><a href=format!("#{field}")>{t_now(key)}</a></li>
                        }).collect_view()}
                    </ul>
                </Notice>
            </Show>
        </div>
    }
}
