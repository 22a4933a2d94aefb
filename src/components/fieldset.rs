//! Fieldset widgets of every form: a date in three boxes, a radio group and
//! a checkbox. Labels, hints and errors are wired with aria-describedby /
//! aria-invalid; every target is at least 44 px.

use crate::components::field::hint_and_error;
use crate::i18n::t;
use leptos::prelude::*;

/// Required marker after a label.
pub fn req(required: bool) -> impl IntoView {
    required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })
}

/// A date as day / month / year boxes (GOV.UK and Designers Italia pattern):
/// any typed value is kept, so "30 2 1990" can be explained. The day box
/// has the field's `id` (where the error summary links to).
#[component]
pub fn DateField(
    id: &'static str,
    #[prop(into)] legend: Signal<String>,
    day: RwSignal<String>,
    month: RwSignal<String>,
    year: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(default = false)] required: bool,
    /// autocomplete tokens for day, month, year (e.g. bday-day …).
    #[prop(optional)]
    autocomplete: Option<(&'static str, &'static str, &'static str)>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let month_id = format!("{id}-month");
    let year_id = format!("{id}-year");
    let invalid = move || error.with(|e| e.is_some()).to_string();
    let describe = move || hint_and_error(id, has_hint, error.with(|e| e.is_some()));
    let (ac_d, ac_m, ac_y) = match autocomplete {
        Some((d, m, y)) => (Some(d), Some(m), Some(y)),
        None => (None, None, None),
    };
    let part = move |input_id: String,
                     label_key: &'static str,
                     sig: RwSignal<String>,
                     ac: Option<&'static str>,
                     max: &'static str,
                     class: &'static str| {
        view! {
            <div class=format!("date-part {class}")>
                <label for=input_id.clone()>{t(label_key)}</label>
                <input
                    id=input_id.clone()
                    name=input_id
                    type="text"
                    inputmode="numeric"
                    maxlength=max
                    autocomplete=ac
                    aria-invalid=invalid
                    prop:value=move || sig.get()
                    on:input=move |ev| sig.set(event_target_value(&ev))
                />
            </div>
        }
    };
    view! {
        <div class="field date-field" class:has-error=move || error.with(|e| e.is_some())>
            <fieldset aria-describedby=describe>
                <legend>{move || legend.get()}{req(required)}</legend>
                {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || h.get()}</p> })}
                {move || error.get().map(|e| view! { <p class="error-text" id=error_id.clone()>{e}</p> })}
                <div class="date-inputs">
                    {part(id.to_string(), "did.date.day", day, ac_d, "2", "date-day")}
                    {part(month_id, "did.date.month", month, ac_m, "2", "date-month")}
                    {part(year_id, "did.date.year", year, ac_y, "4", "date-year")}
                </div>
            </fieldset>
        </div>
    }
}

/// One choice of a radio group: value, label key, optional hint key.
pub type Choice = (&'static str, &'static str, Option<&'static str>);

/// A group of radio buttons in a fieldset. The first radio has the group's
/// `id`; the others `{id}-{n}`.
#[component]
pub fn RadioGroup(
    id: &'static str,
    #[prop(into)] legend: Signal<String>,
    value: RwSignal<String>,
    choices: Vec<Choice>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(default = false)] required: bool,
    #[prop(default = false)] inline: bool,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let describe = move || hint_and_error(id, has_hint, error.with(|e| e.is_some()));
    let radios = choices
        .into_iter()
        .enumerate()
        .map(|(i, (v, label_key, hint_key))| {
            let rid = if i == 0 { id.to_string() } else { format!("{id}-{i}") };
            let hid = format!("{rid}-hint");
            view! {
                <div class="choice">
                    <input
                        type="radio"
                        id=rid.clone()
                        name=id
                        value=v
                        prop:checked=move || value.with(|x| x == v)
                        aria-invalid=move || error.with(|e| e.is_some()).to_string()
                        aria-describedby=hint_key.map(|_| hid.clone())
                        on:change=move |_| value.set(v.to_string())
                    />
                    <label for=rid>{t(label_key)}</label>
                    {hint_key.map(|k| view! { <p class="hint choice-hint" id=hid.clone()>{t(k)}</p> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="field" class:has-error=move || error.with(|e| e.is_some())>
            <fieldset aria-describedby=describe>
                <legend>{move || legend.get()}{req(required)}</legend>
                {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || h.get()}</p> })}
                {move || error.get().map(|e| view! { <p class="error-text" id=error_id.clone()>{e}</p> })}
                <div class="choices" class:choices-inline=inline>{radios}</div>
            </fieldset>
        </div>
    }
}

/// A single checkbox with its label (a declaration).
#[component]
pub fn Checkbox(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    checked: RwSignal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let eid = error_id.clone();
    view! {
        <div class="field" class:has-error=move || error.with(|e| e.is_some())>
            {move || error.get().map(|e| view! { <p class="error-text" id=error_id.clone()>{e}</p> })}
            <div class="choice choice-check">
                <input
                    type="checkbox"
                    id=id
                    name=id
                    prop:checked=move || checked.get()
                    aria-required=required.to_string()
                    aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    aria-describedby=move || error.with(|e| e.is_some()).then(|| eid.clone())
                    on:change=move |ev| checked.set(event_target_checked(&ev))
                />
                <label for=id>{move || label.get()}{req(required)}</label>
            </div>
        </div>
    }
}

/// Several checkboxes in a fieldset, for a list of chosen values (driving
/// licences, skills). Each box's id is `{id}-{value}`.
#[component]
pub fn CheckboxGroup(
    id: &'static str,
    #[prop(into)] legend: Signal<String>,
    /// (value, label) of each box, in order.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    selected: RwSignal<Vec<String>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let toggle = move |value: String, on: bool| {
        selected.update(|list| {
            list.retain(|v| *v != value);
            if on {
                list.push(value);
            }
        });
    };
    view! {
        <fieldset
            class="field checkbox-group"
            id=id
            class:has-error=move || error.with(|e| e.is_some())
            aria-describedby=move || hint_and_error(id, has_hint, error.with(|e| e.is_some()))
        >
            <legend>{move || legend.get()}</legend>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || h.get()}</p> })}
            {move || error.get().map(|e| view! { <p class="error-text" id=error_id.clone()>{e}</p> })}
            <div class="choices choices-inline">
                {move || options.get().into_iter().map(|(value, label)| {
                    let box_id = format!("{id}-{value}");
                    let v = value.clone();
                    let checked = move || selected.with(|s| s.contains(&v));
                    let value2 = value.clone();
                    view! {
                        <div class="choice choice-check">
                            <input
                                type="checkbox"
                                id=box_id.clone()
                                name=id
                                value=value
                                prop:checked=checked
                                on:change=move |ev| toggle(value2.clone(), event_target_checked(&ev))
                            />
                            <label for=box_id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}
