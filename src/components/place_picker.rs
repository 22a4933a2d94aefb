//! A place (or any coded item) chosen from suggestions as the person types:
//! the DID's comuni and states, the profile's domicile, professions and
//! sectors.

use crate::components::field::described_by;
use crate::components::fieldset::req;
use crate::i18n::{t_now, tf};
use crate::ui::focus::focus_later;
use leptos::prelude::*;

/// A place chosen from suggestions: the person types, picks one of the
/// buttons listed below the box (Arrow Down moves there), and the choice's
/// code is kept in `code`. Typing again clears the choice.
#[component]
pub fn PlacePicker(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    query: RwSignal<String>,
    code: RwSignal<String>,
    /// (code, label) suggestions for a query.
    suggest: Callback<String, Vec<(String, String)>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] hint: Signal<String>,
    /// False while the list of places is still loading.
    #[prop(into)]
    ready: Signal<bool>,
    /// True when the list could not be loaded (offline on a first visit):
    /// the name as typed is then accepted.
    #[prop(into)]
    unavailable: Signal<bool>,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let hint_id = format!("{id}-hint");
    let status_id = format!("{id}-status");
    let error_id = format!("{id}-error");
    let list_id = format!("{id}-list");
    let suggestions = Memo::new(move |_| {
        if !open.get() || !code.with(|c| c.is_empty()) || !ready.get() {
            return Vec::new();
        }
        let q = query.get();
        if q.trim().chars().count() < 2 {
            return Vec::new();
        }
        suggest.run(q)
    });
    let status_text = move || {
        if !ready.get() {
            return t_now(if unavailable.get() {
                "picker.unavailable"
            } else {
                "picker.loading"
            });
        }
        if !code.with(|c| c.is_empty()) {
            return tf("picker.chosen", &[("place", &query.get())]);
        }
        if !open.get() || query.with(|q| q.trim().chars().count() < 2) {
            return String::new();
        }
        match suggestions.with(Vec::len) {
            0 => t_now("picker.none"),
            n => tf("picker.n", &[("count", &n.to_string())]),
        }
    };
    let describe = {
        let (h, s, e) = (hint_id.clone(), status_id.clone(), error_id.clone());
        move || {
            described_by(&[
                (true, h.clone()),
                (true, s.clone()),
                (error.with(|x| x.is_some()), e.clone()),
            ])
        }
    };
    let first_button = format!("{id}-opt-0");
    let select = move |c: String, l: String| {
        code.set(c);
        query.set(l);
        open.set(false);
        focus_later(id.to_string());
    };
    // Arrow Down goes to the list; Enter picks the only suggestion (or goes
    // to the list) instead of submitting the form.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if key != "ArrowDown" && key != "Enter" {
            return;
        }
        let list = suggestions.get_untracked();
        match list.as_slice() {
            [] => {}
            [(c, l)] if key == "Enter" => {
                ev.prevent_default();
                select(c.clone(), l.clone());
            }
            _ => {
                ev.prevent_default();
                focus_later(first_button.clone());
            }
        }
    };
    view! {
        <div class="field place-picker" class:has-error=move || error.with(|e| e.is_some())>
            <label for=id>{move || label.get()}{req(required)}</label>
            <p class="hint" id=hint_id.clone()>{move || hint.get()}</p>
            <input
                id=id
                name=id
                type="text"
                autocomplete="off"
                spellcheck="false"
                aria-required=required.to_string()
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                aria-describedby=describe
                class:is-chosen=move || !code.with(|c| c.is_empty())
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    code.set(String::new());
                    open.set(true);
                }
                on:keydown=on_keydown
            />
            <p class="picker-status" id=status_id.clone() aria-live="polite">{status_text}</p>
            <Show when=move || suggestions.with(|s| !s.is_empty())>
                <ul class="suggestions" id=list_id.clone()>
                    {move || suggestions.get().into_iter().enumerate().map(|(i, (c, l))| {
                        let bid = format!("{id}-opt-{i}");
                        let (c2, l2) = (c.clone(), l.clone());
                        let next = format!("{id}-opt-{}", i + 1);
                        let prev = if i == 0 { id.to_string() } else { format!("{id}-opt-{}", i - 1) };
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="suggestion"
                                    id=bid
                                    data-code=c
                                    on:click=move |_| select(c2.clone(), l2.clone())
                                    on:keydown=move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                                        "ArrowDown" => { ev.prevent_default(); focus_later(next.clone()); }
                                        "ArrowUp" => { ev.prevent_default(); focus_later(prev.clone()); }
                                        _ => {}
                                    }
                                >{l}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            {move || error.get().map(|e| view! { <p class="error-text" id=error_id.clone()>{e}</p> })}
        </div>
    }
}
