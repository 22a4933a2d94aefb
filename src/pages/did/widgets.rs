//! Form widgets of the DID wizard: date in three boxes, radio groups,
//! checkboxes, a place picker with suggestions and the progress
//! indicator. Labels, hints and errors are wired with aria-describedby /
//! aria-invalid; every target is at least 44 px.

use crate::components::field::described_by;
use crate::i18n::{t, t_now, tf};
use crate::ui::focus::focus_later;
use leptos::prelude::*;

/// Required marker after a label.
fn req(required: bool) -> impl IntoView {
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
    let describe = {
        let (h, e) = (hint_id.clone(), error_id.clone());
        move || {
            described_by(&[
                (has_hint, h.clone()),
                (error.with(|x| x.is_some()), e.clone()),
            ])
        }
    };
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
    let describe = {
        let (h, e) = (hint_id.clone(), error_id.clone());
        move || {
            described_by(&[
                (has_hint, h.clone()),
                (error.with(|x| x.is_some()), e.clone()),
            ])
        }
    };
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
                "did.picker.unavailable"
            } else {
                "did.picker.loading"
            });
        }
        if !code.with(|c| c.is_empty()) {
            return tf("did.picker.chosen", &[("place", &query.get())]);
        }
        if !open.get() || query.with(|q| q.trim().chars().count() < 2) {
            return String::new();
        }
        match suggestions.with(Vec::len) {
            0 => t_now("did.picker.none"),
            1 => t_now("did.picker.one"),
            n => tf("did.picker.many", &[("count", &n.to_string())]),
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

/// The progress indicator: "Passo 2 di 8", and the list of steps with the
/// current one marked `aria-current="step"`; steps already reached can be
/// reopened.
#[component]
pub fn Stepper(
    /// Translation keys of the step titles.
    titles: Vec<&'static str>,
    current: Signal<usize>,
    furthest: Signal<usize>,
    on_select: Callback<usize>,
) -> impl IntoView {
    let total = titles.len();
    let count = {
        let titles = titles.clone();
        move || {
            let c = current.get();
            tf(
                "did.progress.count",
                &[
                    ("n", &(c + 1).to_string()),
                    ("total", &total.to_string()),
                    (
                        "title",
                        &t_now(titles.get(c).copied().unwrap_or("did.step.start")),
                    ),
                ],
            )
        }
    };
    let items = titles
        .into_iter()
        .enumerate()
        .map(|(i, key)| {
            let state = move || {
                let c = current.get();
                if i == c {
                    "current"
                } else if i < c || i <= furthest.get() {
                    "done"
                } else {
                    "todo"
                }
            };
            view! {
                <li class=move || format!("step step-{}", state()) aria-current=move || (state() == "current").then_some("step")>
                    {move || match state() {
                        "done" => view! {
                            <button type="button" class="step-link" on:click=move |_| on_select.run(i)>
                                <span class="step-num" aria-hidden="true">{i + 1}</span>
                                <span class="step-title">{t(key)}</span>
                                <span class="visually-hidden">{t("did.progress.reopen")}</span>
                            </button>
                        }.into_any(),
                        _ => view! {
                            <span class="step-label">
                                <span class="step-num" aria-hidden="true">{i + 1}</span>
                                <span class="step-title">{t(key)}</span>
                            </span>
                        }.into_any(),
                    }}
                </li>
            }
        })
        .collect_view();
    let pct = move || {
        format!(
            "width: {}%",
            crate::domain::did::progress_percent(current.get(), total)
        )
    };
    view! {
        <nav class="stepper" aria-label=t("did.progress.label")>
            <p class="stepper-count">{count}</p>
            <div class="stepper-bar" aria-hidden="true"><span style=pct></span></div>
            <ol class="stepper-list">{items}</ol>
        </nav>
    }
}
