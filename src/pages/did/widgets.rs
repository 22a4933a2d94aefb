//! Widgets of the DID wizard alone: the progress indicator (the fieldsets
//! every form uses are in `components/fieldset.rs`, the place picker in
//! `components/place_picker.rs`).

use crate::i18n::{t, t_now, tf};
use leptos::prelude::*;

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
