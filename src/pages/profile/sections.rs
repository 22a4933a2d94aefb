//! The profile form's fieldsets with single values: who the person is,
//! where they live, education, skills, availability and situation.

use super::{text, use_profile_ctx};
use crate::components::feed_status::FeedStatus;
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::fieldset::{Checkbox, CheckboxGroup, DateField, RadioGroup};
use crate::components::place_picker::PlacePicker;
use crate::domain::profile::DIGITAL_SKILLS;
use crate::i18n::{t, t_now};
use crate::state::{use_app, use_comuni_index};
use leptos::prelude::*;

/// Every field id of the page that an error can name (the summary links).
pub const FIELD_IDS: [&str; 15] = [
    "profile-given-name",
    "profile-cf",
    "profile-birth",
    "profile-domicile",
    "profile-cap",
    "profile-email",
    "profile-phone",
    "profile-education",
    "profile-languages",
    "profile-licences",
    "profile-mobility",
    "profile-hours",
    "profile-available",
    "profile-disability",
    "profile-disability-percent",
];

#[component]
pub fn PersonalSection() -> impl IntoView {
    let ctx = use_profile_ctx();
    let f = ctx.fields;
    let sexes = vec![("F", "did.sex.f", None), ("M", "did.sex.m", None)];
    view! {
        <fieldset class="form-section">
            <legend><h2>{t("profile.section.personal")}</h2></legend>
            <TextField id="profile-given-name" label=text("profile.label.given_name") value=f.given_name error=ctx.err("profile-given-name") autocomplete="given-name"/>
            <TextField id="profile-family-name" label=text("profile.label.family_name") value=f.family_name error=ctx.err("profile-family-name") autocomplete="family-name"/>
            <TextField id="profile-cf" label=text("profile.label.cf") value=f.codice_fiscale error=ctx.err("profile-cf") hint=text("profile.hint.cf")/>
            <RadioGroup id="profile-sex" legend=text("profile.label.sex") value=f.sex choices=sexes error=ctx.err("profile-sex") inline=true/>
            <DateField id="profile-birth" legend=text("profile.label.birth") day=f.birth_day month=f.birth_month year=f.birth_year error=ctx.err("profile-birth") hint=text("profile.hint.date") autocomplete=("bday-day", "bday-month", "bday-year")/>
        </fieldset>
    }
}

#[component]
pub fn HomeSection() -> impl IntoView {
    let ctx = use_profile_ctx();
    let f = ctx.fields;
    let app = use_app();
    app.comuni.ensure_loaded();
    let comuni = use_comuni_index();
    let ready = Signal::derive(move || comuni.with(|c| c.is_some()));
    let missing = Signal::derive(move || {
        app.comuni.error.with(|e| e.is_some()) && app.comuni.data.with(|d| d.is_none())
    });
    let suggest = crate::state::use_comune_suggestions();
    view! {
        <fieldset class="form-section">
            <legend><h2>{t("profile.section.home")}</h2></legend>
            <FeedStatus handle=app.comuni/>
            <PlacePicker
                id="profile-domicile"
                label=text("profile.label.domicile")
                hint=text("profile.hint.domicile")
                query=f.dom_query
                code=f.dom_istat
                suggest=suggest
                ready=ready
                unavailable=missing
                error=ctx.err("profile-domicile")
            />
            <TextField id="profile-address" label=text("did.label.address") value=f.dom_address error=ctx.err("profile-address") autocomplete="street-address"/>
            <TextField id="profile-cap" label=text("did.label.cap") value=f.dom_cap error=ctx.err("profile-cap") autocomplete="postal-code"/>
            <TextField id="profile-email" label=text("profile.label.email") value=f.email error=ctx.err("profile-email") input_type="email" autocomplete="email"/>
            <TextField id="profile-phone" label=text("profile.label.phone") value=f.phone error=ctx.err("profile-phone") input_type="tel" autocomplete="tel"/>
        </fieldset>
    }
}

#[component]
pub fn EducationSection() -> impl IntoView {
    let ctx = use_profile_ctx();
    let f = ctx.fields;
    let levels = crate::components::options::education_levels();
    view! {
        <fieldset class="form-section">
            <legend><h2>{t("profile.section.education")}</h2></legend>
            <SelectField id="profile-education" label=text("profile.label.education") value=f.education_level options=levels placeholder=text("profile.choose") error=ctx.err("profile-education")/>
            <TextField id="profile-education-title" label=text("profile.label.education_title") value=f.education_title error=ctx.err("profile-education-title") hint=text("profile.hint.education_title")/>
        </fieldset>
    }
}

#[component]
pub fn SkillsSection() -> impl IntoView {
    let ctx = use_profile_ctx();
    let f = ctx.fields;
    let digital = Signal::derive(|| {
        DIGITAL_SKILLS
            .iter()
            .map(|id| (id.to_string(), t_now(&format!("profile.digital.{id}"))))
            .collect::<Vec<_>>()
    });
    let licences = crate::components::options::licences();
    view! {
        <fieldset class="form-section">
            <legend><h2>{t("profile.section.skills")}</h2></legend>
            <CheckboxGroup id="profile-digital" legend=text("profile.label.digital") options=digital selected=f.digital_skills error=ctx.err("profile-digital")/>
            <CheckboxGroup id="profile-licences" legend=text("profile.label.licences") options=licences selected=f.licences error=ctx.err("profile-licences") hint=text("profile.hint.licences")/>
        </fieldset>
    }
}

#[component]
pub fn AvailabilitySection() -> impl IntoView {
    let ctx = use_profile_ctx();
    let f = ctx.fields;
    view! {
        <fieldset class="form-section">
            <legend><h2>{t("profile.section.availability")}</h2></legend>
            <TextField id="profile-mobility" label=text("profile.label.mobility") value=f.mobility_km error=ctx.err("profile-mobility") input_type="number" hint=text("profile.hint.mobility")/>
            <fieldset class="field">
                <legend>{t("profile.label.time")}</legend>
                <Checkbox id="profile-full-time" label=text("profile.label.full_time") checked=f.full_time error=ctx.err("profile-none")/>
                <Checkbox id="profile-part-time" label=text("profile.label.part_time") checked=f.part_time error=ctx.err("profile-none")/>
                <Checkbox id="profile-shifts" label=text("profile.label.shifts") checked=f.shifts error=ctx.err("profile-none")/>
            </fieldset>
            <TextField id="profile-hours" label=text("profile.label.hours") value=f.hours_per_week error=ctx.err("profile-hours") input_type="number"/>
            <DateField id="profile-available" legend=text("profile.label.available") day=f.avail_day month=f.avail_month year=f.avail_year error=ctx.err("profile-available") hint=text("profile.hint.available")/>
        </fieldset>
    }
}

#[component]
pub fn SituationSection() -> impl IntoView {
    let ctx = use_profile_ctx();
    let f = ctx.fields;
    let yes_no = vec![("yes", "q.yes", None), ("no", "q.no", None)];
    view! {
        <fieldset class="form-section">
            <legend><h2>{t("profile.section.situation")}</h2></legend>
            <Checkbox id="profile-care" label=text("profile.label.care") checked=f.care_duties error=ctx.err("profile-none")/>
            <RadioGroup id="profile-disability" legend=text("profile.label.disability") value=f.disability choices=yes_no error=ctx.err("profile-disability") hint=text("profile.hint.disability") inline=true/>
            <Show when=move || f.disability.get() == "yes">
                <TextField id="profile-disability-percent" label=text("profile.label.percent") value=f.disability_percent error=ctx.err("profile-disability-percent") input_type="number"/>
            </Show>
            <TextArea id="profile-about" label=text("profile.label.about") value=f.about error=ctx.err("profile-about") hint=text("profile.hint.about")/>
        </fieldset>
    }
}
