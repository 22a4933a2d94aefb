//! Form fields with a label, an optional hint and an error, wired with
//! aria-describedby and aria-invalid so screen readers announce both.

use leptos::prelude::*;

/// The `aria-describedby` value: the ids whose flag is on, space-separated;
/// `None` (no attribute) when none is.
pub fn described_by(parts: &[(bool, String)]) -> Option<String> {
    let v: Vec<&str> = parts
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, id)| id.as_str())
        .collect();
    (!v.is_empty()).then(|| v.join(" "))
}

/// Hint and error ids of a field (`{id}-hint`, `{id}-error`) as described_by parts.
pub fn hint_and_error(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    described_by(&[
        (has_hint, format!("{id}-hint")),
        (has_error, format!("{id}-error")),
    ])
}

/// Label, optional hint and error around a control.
#[component]
fn FieldFrame(
    id: &'static str,
    label: Signal<String>,
    error: Signal<Option<String>>,
    hint: Option<Signal<String>>,
    required: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:has-error=move || error.with(|e| e.is_some())>
            <label for=id>{move || label.get()}{required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{move || h.get()}</p> })}
            {children()}
            {move || error.get().map(|e| view! { <p class="error-text" id=format!("{id}-error")>{e}</p> })}
        </div>
    }
}

#[component]
pub fn TextField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <FieldFrame id=id label=label error=error hint=hint required=required>
            <input
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                aria-required=required.to_string()
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                aria-describedby=move || hint_and_error(id, has_hint, error.with(|e| e.is_some()))
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </FieldFrame>
    }
}

#[component]
pub fn TextArea(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <FieldFrame id=id label=label error=error hint=hint required=required>
            <textarea
                id=id
                name=id
                rows="6"
                aria-required=required.to_string()
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                aria-describedby=move || hint_and_error(id, has_hint, error.with(|e| e.is_some()))
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </FieldFrame>
    }
}

/// A select over (value, label) options, with an empty first choice.
#[component]
pub fn SelectField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] placeholder: Signal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    view! {
        <FieldFrame id=id label=label error=error hint=None required=required>
            <select
                id=id
                name=id
                aria-required=required.to_string()
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                aria-describedby=move || hint_and_error(id, false, error.with(|e| e.is_some()))
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="">{move || placeholder.get()}</option>
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </FieldFrame>
    }
}
