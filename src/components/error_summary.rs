//! The list of what to fix, shown above a form after a failed submit. Each
//! item links to its field (and moves the focus there); the wrapper takes
//! focus so it is announced. Used by every form: contact, apply, DID.

use super::notice::{Notice, Tone};
use crate::i18n::{t, t_now};
use crate::ui::focus::focus_later;
use leptos::prelude::*;

/// (field id, translation key of the problem)
pub type FormErrors = Vec<(&'static str, &'static str)>;

/// One line of the summary: the id of the field it links to, and its text
/// in the current language.
pub type SummaryItem = (&'static str, String);

/// The summary lines of a simple form's errors, translated (tracked).
pub fn form_error_items(errors: RwSignal<FormErrors>) -> Signal<Vec<SummaryItem>> {
    Signal::derive(move || {
        errors.with(|es| es.iter().map(|(field, key)| (*field, t_now(key))).collect())
    })
}

/// The messages a list of issues has for `field`, joined, in the current
/// language (tracked): what a field shows under its label.
pub fn field_messages<T>(errors: RwSignal<Vec<T>>, field: &'static str) -> Signal<Option<String>>
where
    T: crate::domain::message::FieldIssue + Send + Sync + 'static,
{
    Signal::derive(move || {
        errors.with(|es| {
            let texts: Vec<String> = es
                .iter()
                .filter(|i| i.field() == field)
                .map(|i| crate::i18n::tm(i.msg()))
                .collect();
            (!texts.is_empty()).then(|| texts.join(" "))
        })
    })
}

/// The summary lines of any list of issues, each turned into its field id
/// and text by `render` (tracked: `render` may read the language).
pub fn issue_items<T: Clone + Send + Sync + 'static>(
    issues: impl Into<Signal<Vec<T>>>,
    render: impl Fn(&T) -> SummaryItem + Send + Sync + 'static,
) -> Signal<Vec<SummaryItem>> {
    let issues = issues.into();
    Signal::derive(move || issues.with(|is| is.iter().map(&render).collect()))
}

#[component]
pub fn ErrorSummary(
    /// The wrapper's id (focused after a failed submit).
    id: &'static str,
    #[prop(into)] items: Signal<Vec<SummaryItem>>,
    /// Translation key of the heading.
    #[prop(default = "form.error_summary")]
    title_key: &'static str,
) -> impl IntoView {
    view! {
        <div id=id tabindex="-1">
            <Show when=move || items.with(|i| !i.is_empty())>
                <Notice tone=Tone::Error class="error-summary">
                    <h2 class="error-summary-title">{t(title_key)}</h2>
                    <ul>
                        {move || items.get().into_iter().map(|(field, text)| view! {
                            <li>
                                <a
                                    href=format!("#{field}")
                                    on:click=move |ev| { ev.prevent_default(); focus_later(field); }
                                >{text}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                </Notice>
            </Show>
        </div>
    }
}
