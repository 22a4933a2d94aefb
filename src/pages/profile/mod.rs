//! "Il mio profilo": the person's data once, on this device, for the DID,
//! applications, the questionnaire, the offers for them and the CV. Edits
//! are a draft like every form (a reload loses nothing); "Salva il profilo"
//! checks them and stores the profile.

mod cv;
mod experiences;
mod languages;
mod sections;

use crate::components::error_summary::{field_messages, issue_items, ErrorSummary};
use crate::components::notice::{Notice, Tone};
use crate::domain::code_list::{CodeList, ListKind};
use crate::domain::date::Date;
use crate::domain::profile::ProfileIssue;
use crate::domain::profile_form::ProfileForm;
use crate::hooks::use_draft::{use_draft, UseDraftOptions};
use crate::i18n::{t, t_now, tm};
use crate::net::code_lists::{self, CodeListLoadError};
use crate::routes;
use crate::storage::personal;
use crate::ui::focus::focus_later;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use std::sync::Arc;

pub use cv::CvPage;

// The route entry points, in the `profile` chunk.
crate::route_chunk!(profile, profile_view => ProfilePage, preload = preload_profile);
crate::route_chunk!(profile, cv_view => CvPage, preload = preload_cv);

crate::form_signals! {
    /// One signal per field of [`ProfileForm`].
    pub(crate) struct Fields for ProfileForm {
        given_name: String, family_name: String, codice_fiscale: String, sex: String,
        birth_day: String, birth_month: String, birth_year: String,
        birthplace_code: String, birthplace_name: String,
        dom_query: String, dom_istat: String, dom_cap: String, dom_address: String,
        email: String, phone: String,
        education_level: String, education_title: String,
        experiences: Vec<crate::domain::profile::Experience>,
        languages: Vec<crate::domain::profile::LanguageSkill>,
        digital_skills: Vec<String>, licences: Vec<String>,
        mobility_km: String, full_time: bool, part_time: bool, shifts: bool,
        hours_per_week: String, avail_day: String, avail_month: String, avail_year: String,
        care_duties: bool, disability: String, disability_percent: String, about: String,
    }
}

/// A reference list as the page sees it.
#[derive(Clone, Default)]
pub(crate) struct ListState {
    pub list: Option<Arc<CodeList>>,
    /// It could not be fetched (offline on a first visit): names are typed.
    pub failed: bool,
}

/// What the sections of the page share.
#[derive(Clone, Copy)]
pub(crate) struct ProfileCtx {
    pub fields: Fields,
    pub errors: RwSignal<Vec<ProfileIssue>>,
    pub today: Date,
    pub professions: RwSignal<ListState>,
    pub sectors: RwSignal<ListState>,
}

impl ProfileCtx {
    /// The messages of a field, in the current language.
    pub fn err(self, field: &'static str) -> Signal<Option<String>> {
        field_messages(self.errors, field)
    }
}

pub(crate) fn use_profile_ctx() -> ProfileCtx {
    expect_context::<ProfileCtx>()
}

/// A translated text as a signal, for component props.
pub(crate) fn text(key: &'static str) -> Signal<String> {
    Signal::derive(move || t_now(key))
}

fn load_list(kind: ListKind, into: RwSignal<ListState>) {
    spawn_local(async move {
        // One more try after a second: a slow or busy connection at the
        // first visit should not leave the person typing names by hand.
        let mut answer = code_lists::load(kind).await;
        if matches!(
            answer,
            Err(CodeListLoadError::NoAnswer | CodeListLoadError::Status(500..))
        ) {
            gloo_timers::future::TimeoutFuture::new(1_000).await;
            answer = code_lists::load(kind).await;
        }
        let state = match answer {
            Ok(list) => ListState {
                list: Some(Arc::new(list)),
                failed: false,
            },
            Err(_) => ListState {
                list: None,
                failed: true,
            },
        };
        into.try_set(state);
    });
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let fields = Fields::new();
    let errors = RwSignal::new(Vec::<ProfileIssue>::new());
    let today = crate::state::today_date();
    let professions = RwSignal::new(ListState::default());
    let sectors = RwSignal::new(ListState::default());
    let ctx = ProfileCtx {
        fields,
        errors,
        today,
        professions,
        sectors,
    };
    provide_context(ctx);
    load_list(ListKind::Cp2021, professions);
    load_list(ListKind::Ateco2025, sectors);

    // The edits are a draft; `saved` is the stored profile as a form, so the
    // page can say when there are changes not saved yet.
    let draft = use_draft(
        "profile",
        UseDraftOptions::new(move || fields.form(), move |f| fields.set(f))
            .is_blank(ProfileForm::is_blank),
    );
    let saved = RwSignal::new(None::<ProfileForm>);
    let load_error = RwSignal::new(None::<String>);
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || !draft.loaded.get() {
            return done.unwrap_or(false);
        }
        let restored = draft.restored.get_untracked();
        spawn_local(async move {
            match personal::load_profile().await {
                Ok(stored) => {
                    let form = ProfileForm::from_profile(&stored.unwrap_or_default());
                    if !restored {
                        fields.set(form.clone());
                    }
                    saved.try_set(Some(form));
                }
                Err(e) => {
                    load_error.try_set(Some(tm(&e.message())));
                }
            }
        });
        true
    });
    let unsaved =
        Memo::new(move |_| saved.with(|s| s.as_ref().is_some_and(|s| *s != fields.form())));

    let message = RwSignal::new(None::<(Tone, String)>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        match fields.form_untracked().to_profile(today) {
            Err(found) => {
                errors.set(found);
                focus_later("profile-error-summary");
            }
            Ok(profile) => {
                errors.set(Vec::new());
                spawn_local(async move {
                    match personal::save_profile(&profile).await {
                        Ok(()) => {
                            let form = ProfileForm::from_profile(&profile);
                            fields.set_changed(form.clone());
                            saved.try_set(Some(form));
                            message.try_set(Some((Tone::Success, t_now("profile.saved"))));
                        }
                        // The draft still holds every field.
                        Err(e) => {
                            message.try_set(Some((Tone::Error, tm(&e.message()))));
                        }
                    }
                    focus_later("profile-message");
                });
            }
        }
    };
    let undo = move |_| {
        if let Some(form) = saved.get_untracked() {
            fields.set(form);
            errors.set(Vec::new());
            message.set(None);
        }
    };
    let summary = issue_items(errors, |i: &ProfileIssue| (field_id(&i.field), tm(&i.msg)));

    view! {
        <section class="page profile">
            <h1>{t("profile.title")}</h1>
            <p class="lead">{t("profile.lead")}</p>
            <Notice tone=Tone::Info><p>{t("profile.on_device")}</p></Notice>
            {move || load_error.get().map(|e| view! { <Notice tone=Tone::Error><p>{e}</p></Notice> })}
            <nav class="profile-links" aria-label=move || t_now("profile.links.label")>
                <ul class="plain-list inline-list">
                    <li><A href=routes::CV>{t("profile.links.cv")}</A></li>
                    <li><A href=routes::OFFERS_FOR_YOU>{t("profile.links.offers")}</A></li>
                    <li><A href=routes::SERVICES_FOR_YOU>{t("profile.links.services")}</A></li>
                    <li><A href=routes::MY_DATA>{t("profile.links.my_data")}</A></li>
                </ul>
            </nav>
            <ErrorSummary id="profile-error-summary" items=summary title_key="profile.errors.title"/>
            <form class="form did-form profile-form" on:submit=on_submit novalidate>
                <p class="hint">{t("profile.all_optional")}</p>
                <sections::PersonalSection/>
                <sections::HomeSection/>
                <sections::EducationSection/>
                <experiences::ExperiencesSection/>
                <languages::LanguagesSection/>
                <sections::SkillsSection/>
                <sections::AvailabilitySection/>
                <sections::SituationSection/>
                <div class="form-actions sticky-actions">
                    <p class="save-state" aria-live="polite">
                        {move || if unsaved.get() { t_now("profile.unsaved") } else { String::new() }}
                    </p>
                    <button type="submit" class="btn btn-primary" id="profile-save">{t("profile.save")}</button>
                    <Show when=move || unsaved.get()>
                        <button type="button" class="btn btn-secondary" on:click=undo>{t("profile.undo")}</button>
                    </Show>
                </div>
                <div id="profile-message" tabindex="-1">
                    {move || message.get().map(|(tone, text)| view! { <Notice tone=tone><p>{text}</p></Notice> })}
                </div>
            </form>
        </section>
    }
}

/// The error summary links to fields by `&'static str` id; the profile's ids
/// are a fixed set, so each is matched to its constant (a stored experience
/// links to the list of experiences).
fn field_id(field: &str) -> &'static str {
    sections::FIELD_IDS
        .iter()
        .copied()
        .find(|f| *f == field)
        .unwrap_or(if field.starts_with("experience-") {
            experiences::LIST_ID
        } else {
            "profile-save"
        })
}
