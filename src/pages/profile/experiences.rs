//! Work experiences: the list, and one small form to add or change one,
//! with the profession (CP 2021) and the sector (ATECO 2025) chosen from
//! their lists, code and name shown.

use super::{text, use_profile_ctx, ListState};
use crate::components::field::TextField;
use crate::components::place_picker::PlacePicker;
use crate::domain::code_list::CodeList;
use crate::domain::profile::{validate_experience, Experience, ProfileIssue};
use crate::i18n::{t, t_now, tf, tm};
use crate::ui::focus::focus_later;
use leptos::prelude::*;

/// The list's id (errors about a stored experience link here).
pub const LIST_ID: &str = "profile-experiences";

/// "5.1.2.2.0 Commessi delle vendite al minuto".
fn coded(code: &str, name: &str) -> String {
    if code.is_empty() {
        name.to_string()
    } else {
        format!("{code} {name}")
    }
}

fn suggest_from(list: RwSignal<ListState>) -> Callback<String, Vec<(String, String)>> {
    Callback::new(move |q: String| {
        list.with_untracked(|s| {
            s.list
                .as_ref()
                .map(|l| {
                    l.search(&q, 8)
                        .into_iter()
                        .map(|i| (i.code.clone(), coded(&i.code, &i.name)))
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}

/// The name of a chosen code, else what was typed (the list is missing).
fn chosen_name(list: &Option<std::sync::Arc<CodeList>>, code: &str, typed: &str) -> String {
    list.as_ref()
        .and_then(|l| l.get(code))
        .map(|i| i.name.clone())
        .unwrap_or_else(|| typed.trim().to_string())
}

#[component]
pub fn ExperiencesSection() -> impl IntoView {
    let ctx = use_profile_ctx();
    let list = ctx.fields.experiences;
    // The small form: which entry it edits (None: a new one).
    let editing = RwSignal::new(None::<usize>);
    let open = RwSignal::new(false);
    let prof_query = RwSignal::new(String::new());
    let prof_code = RwSignal::new(String::new());
    let sector_query = RwSignal::new(String::new());
    let sector_code = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let employer = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<ProfileIssue>::new());
    let err = move |field: &'static str| {
        Signal::derive(move || {
            errors.with(|es| es.iter().find(|i| i.field == field).map(|i| tm(&i.msg)))
        })
    };

    let start = move |index: Option<usize>| {
        let e = index
            .and_then(|i| list.with_untracked(|l| l.get(i).cloned()))
            .unwrap_or_default();
        prof_query.set(coded(&e.profession_code, &e.profession_name));
        prof_code.set(e.profession_code);
        sector_query.set(coded(&e.sector_code, &e.sector_name));
        sector_code.set(e.sector_code);
        title.set(e.title);
        employer.set(e.employer);
        from.set(e.from);
        to.set(e.to);
        errors.set(Vec::new());
        editing.set(index);
        open.set(true);
        focus_later("exp-profession");
    };
    let save = move |_: ()| {
        let professions = ctx.professions.with_untracked(|s| s.list.clone());
        let sectors = ctx.sectors.with_untracked(|s| s.list.clone());
        let (pc, sc) = (prof_code.get_untracked(), sector_code.get_untracked());
        let e = Experience {
            profession_name: chosen_name(&professions, &pc, &prof_query.get_untracked()),
            profession_code: pc,
            sector_name: if sc.is_empty() && sector_query.with_untracked(|q| q.trim().is_empty()) {
                String::new()
            } else {
                chosen_name(&sectors, &sc, &sector_query.get_untracked())
            },
            sector_code: sc,
            title: title.get_untracked().trim().to_string(),
            employer: employer.get_untracked().trim().to_string(),
            from: from.get_untracked().trim().to_string(),
            to: to.get_untracked().trim().to_string(),
        };
        let index = editing.get_untracked();
        let n = index.unwrap_or_else(|| list.with_untracked(Vec::len)) + 1;
        let today = (ctx.today.year, ctx.today.month);
        let found = validate_experience(&e, n, "exp", today);
        if let Some(first) = found.first() {
            focus_later(match first.field.as_str() {
                "exp-from" => "exp-from",
                "exp-to" => "exp-to",
                _ => "exp-profession",
            });
            errors.set(found);
            return;
        }
        list.update(|l| match index {
            Some(i) if i < l.len() => l[i] = e,
            _ => l.push(e),
        });
        open.set(false);
        focus_later("exp-add");
    };
    // Enter in one of its boxes saves the experience, not the whole profile
    // (the sub-form sits inside the profile's form). The place pickers use
    // Enter for their suggestions first.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let in_input = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
            .is_some();
        if ev.key() == "Enter" && in_input && !ev.default_prevented() {
            ev.prevent_default();
            save(());
        }
    };
    let cancel = move |_| {
        open.set(false);
        focus_later("exp-add");
    };
    let ready = |s: RwSignal<ListState>| Signal::derive(move || s.with(|x| x.list.is_some()));
    let failed = |s: RwSignal<ListState>| Signal::derive(move || s.with(|x| x.failed));

    view! {
        <fieldset class="form-section" id=LIST_ID tabindex="-1">
            <legend><h2>{t("profile.section.experience")}</h2></legend>
            <Show
                when=move || list.with(|l| !l.is_empty())
                fallback=|| view! { <p class="hint">{t("profile.exp.none")}</p> }
            >
                <ol class="experience-list">
                    {move || list.get().into_iter().enumerate().map(|(i, e)| {
                        let period = if e.to.is_empty() {
                            tf("profile.exp.since", &[("from", &e.from)])
                        } else {
                            tf("profile.exp.period", &[("from", &e.from), ("to", &e.to)])
                        };
                        let label = if e.title.is_empty() { e.profession_name.clone() } else { e.title.clone() };
                        let label2 = label.clone();
                        view! {
                            <li class="experience">
                                <p class="experience-title"><strong>{label.clone()}</strong></p>
                                <p class="experience-meta">
                                    {e.profession_name.clone()}
                                    {(!e.profession_code.is_empty()).then(|| format!(" (CP {})", e.profession_code))}
                                </p>
                                <p class="experience-meta">
                                    {period}
                                    {(!e.employer.is_empty()).then(|| format!(" · {}", e.employer))}
                                    {(!e.sector_name.is_empty()).then(|| format!(" · {} {}", e.sector_code, e.sector_name))}
                                </p>
                                <button type="button" class="btn btn-link"
                                    aria-label=move || tf("profile.exp.edit_one", &[("what", &label)])
                                    on:click=move |_| start(Some(i))>{t("profile.exp.edit")}</button>
                                <button type="button" class="btn btn-link"
                                    aria-label=move || tf("profile.exp.remove_one", &[("what", &label2)])
                                    on:click=move |_| {
                                        list.update(|l| { if i < l.len() { l.remove(i); } });
                                        open.set(false);
                                        focus_later("exp-add");
                                    }>{t("profile.exp.remove")}</button>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </Show>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="btn btn-secondary" id="exp-add" on:click=move |_| start(None)>{t("profile.exp.add")}</button>
                }
            >
                <div class="subform" role="group" aria-labelledby="exp-form-title" on:keydown=on_keydown>
                    <h3 id="exp-form-title">{move || t_now(if editing.get().is_some() { "profile.exp.form_edit" } else { "profile.exp.form_new" })}</h3>
                    <PlacePicker
                        id="exp-profession"
                        label=text("profile.label.profession")
                        hint=text("profile.hint.profession")
                        query=prof_query
                        code=prof_code
                        suggest=suggest_from(ctx.professions)
                        ready=ready(ctx.professions)
                        unavailable=failed(ctx.professions)
                        error=err("exp-profession")
                        required=true
                    />
                    <PlacePicker
                        id="exp-sector"
                        label=text("profile.label.sector")
                        hint=text("profile.hint.sector")
                        query=sector_query
                        code=sector_code
                        suggest=suggest_from(ctx.sectors)
                        ready=ready(ctx.sectors)
                        unavailable=failed(ctx.sectors)
                        error=err("exp-sector")
                    />
                    <TextField id="exp-title" label=text("profile.label.title") value=title error=err("exp-title") hint=text("profile.hint.title") autocomplete="organization-title"/>
                    <TextField id="exp-employer" label=text("profile.label.employer") value=employer error=err("exp-employer") autocomplete="organization"/>
                    <TextField id="exp-from" label=text("profile.label.from") value=from error=err("exp-from") hint=text("profile.hint.month") input_type="month" required=true/>
                    <TextField id="exp-to" label=text("profile.label.to") value=to error=err("exp-to") hint=text("profile.hint.month_to") input_type="month"/>
                    <div class="form-actions">
                        <button type="button" class="btn btn-primary" id="exp-save" on:click=move |_| save(())>{t("profile.exp.save")}</button>
                        <button type="button" class="btn btn-secondary" on:click=cancel>{t("profile.exp.cancel")}</button>
                    </div>
                </div>
            </Show>
        </fieldset>
    }
}
