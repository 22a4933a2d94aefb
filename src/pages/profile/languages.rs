//! Languages with their CEFR level (A1–C2): the list and a line to add one.

use super::{text, use_profile_ctx};
use crate::components::field::SelectField;
use crate::domain::profile::{LanguageSkill, CEFR_LEVELS, LANGUAGES};
use crate::i18n::{t, t_now, tf};
use crate::ui::focus::focus_later;
use leptos::prelude::*;

fn language_name(code: &str) -> String {
    t_now(&format!("profile.lang.{code}"))
}

fn level_code(level: crate::domain::profile::Cefr) -> &'static str {
    CEFR_LEVELS
        .iter()
        .find(|(l, _)| *l == level)
        .map(|(_, c)| *c)
        .unwrap_or("")
}

#[component]
pub fn LanguagesSection() -> impl IntoView {
    let ctx = use_profile_ctx();
    let list = ctx.fields.languages;
    let language = RwSignal::new(String::new());
    let level = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let languages = Signal::derive(move || {
        // Those already in the list are not offered again.
        list.with(|l| {
            LANGUAGES
                .iter()
                .filter(|c| !l.iter().any(|s| s.language == **c))
                .map(|c| (c.to_string(), language_name(c)))
                .collect::<Vec<_>>()
        })
    });
    let levels = Signal::derive(|| {
        CEFR_LEVELS
            .iter()
            .map(|(_, c)| (c.to_string(), t_now(&format!("profile.cefr.{c}"))))
            .collect::<Vec<_>>()
    });
    let add = move |_| {
        let (code, lv) = (language.get_untracked(), level.get_untracked());
        let found = CEFR_LEVELS.iter().find(|(_, c)| *c == lv).map(|(l, _)| *l);
        match (code.is_empty(), found) {
            (true, _) => {
                error.set(Some(t_now("profile.error.language_missing")));
                focus_later("lang-code");
            }
            (false, None) => {
                error.set(Some(t_now("profile.error.level_missing")));
                focus_later("lang-level");
            }
            (false, Some(l)) => {
                list.update(|v| {
                    v.push(LanguageSkill {
                        language: code,
                        level: l,
                    })
                });
                language.set(String::new());
                level.set(String::new());
                error.set(None);
                focus_later("lang-code");
            }
        }
    };
    let err_code = Signal::derive(move || {
        error
            .get()
            .filter(|_| language.with(String::is_empty))
            .or_else(|| ctx.err("profile-languages").get())
    });
    let err_level =
        Signal::derive(move || error.get().filter(|_| !language.with(String::is_empty)));
    view! {
        <fieldset class="form-section" id="profile-languages" tabindex="-1">
            <legend><h2>{t("profile.section.languages")}</h2></legend>
            <p class="hint">{t("profile.hint.languages")}</p>
            <ul class="plain-list language-list">
                {move || list.get().into_iter().enumerate().map(|(i, s)| {
                    let name = language_name(&s.language);
                    let code = level_code(s.level);
                    let label = tf("profile.lang.remove_one", &[("what", &name)]);
                    view! {
                        <li>
                            <span>{format!("{name}: {code}")}</span>
                            " "
                            <button type="button" class="btn btn-link" aria-label=label
                                on:click=move |_| list.update(|v| { if i < v.len() { v.remove(i); } })>
                                {t("profile.exp.remove")}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="inline-fields">
                <SelectField id="lang-code" label=text("profile.label.language") value=language options=languages placeholder=text("profile.choose") error=err_code/>
                <SelectField id="lang-level" label=text("profile.label.level") value=level options=levels placeholder=text("profile.choose") error=err_level/>
                <button type="button" class="btn btn-secondary" id="lang-add" on:click=add>{t("profile.lang.add")}</button>
            </div>
        </fieldset>
    }
}
