//! The wizard's steps, one topic each. Views only: what is valid, what is
//! competent and what is shown in the summary come from `domain::did`.

use super::Wizard;
use crate::components::feed_status::FeedStatus;
use crate::components::field::{SelectField, TextField};
use crate::components::fieldset::{Checkbox, Choice, DateField, RadioGroup};
use crate::components::notice::{Notice, Tone};
use crate::components::place_picker::PlacePicker;
use crate::domain::codice_fiscale::{BelfioreLookup, Sex};
use crate::domain::did::{
    self, fid, Availability, BirthCountry, Citizenship, NaspiAnswer, PermitType, SexChoice,
    Situation, Step, Val, WorkKind,
};
use crate::domain::identity::Identity;
use crate::i18n::{t, t_now, tf, tm};
use crate::routes;
use crate::ui::format::{format_date, weekday};
use leptos::prelude::*;
use leptos_router::components::A;

fn use_wizard() -> Wizard {
    expect_context::<Wizard>()
}

/// A translated label, hint or legend as a signal (the widgets' props).
fn text(key: &'static str) -> Signal<String> {
    Signal::derive(t(key))
}

/// The radio buttons of a closed choice, in the domain's order.
fn choices<C: did::Choice>() -> Vec<Choice> {
    C::ALL
        .iter()
        .map(|c| (c.as_str(), c.label_key(), c.hint_key()))
        .collect()
}

/// Whether the stored value of `sig` is `choice`.
fn is<C: did::Choice + PartialEq>(sig: RwSignal<String>, choice: C) -> bool {
    sig.with(|v| v == choice.as_str())
}

/// A number from the rules file as text; empty if the file is broken (the
/// wizard then says so and stops).
fn rule_text(read: impl Fn(&did::DidRules) -> u32) -> String {
    did::rules()
        .map(|r| read(r).to_string())
        .unwrap_or_default()
}

pub fn render_step(step: Step) -> AnyView {
    match step {
        Step::Start => view! { <StartStep/> }.into_any(),
        Step::Personal => view! { <PersonalStep/> }.into_any(),
        Step::Residence => view! { <ResidenceStep/> }.into_any(),
        Step::Contacts => view! { <ContactsStep/> }.into_any(),
        Step::Situation => view! { <SituationStep/> }.into_any(),
        Step::Cpi => view! { <CpiStep/> }.into_any(),
        Step::Declarations => view! { <DeclarationsStep/> }.into_any(),
        Step::Summary => view! { <SummaryStep/> }.into_any(),
    }
}

/// Run `react` when `sig` changes after the first render (not for the value it
/// had when the step opened, nor for a restored draft).
fn on_change<T: Clone + PartialEq + Send + Sync + 'static>(
    sig: RwSignal<T>,
    react: impl Fn(&T) + 'static,
) {
    Effect::new(move |prev: Option<T>| {
        let now = sig.get();
        if let Some(p) = prev {
            if p != now {
                react(&now);
            }
        }
        now
    });
}

// ------------------------------------------------------------------ start --

#[component]
fn StartStep() -> impl IntoView {
    let wizard = use_wizard();
    let fields = wizard.fields;
    let countdown = move || {
        fields.naspi_day.track();
        fields.naspi_month.track();
        fields.naspi_year.track();
        let rules = did::rules().ok()?;
        did::naspi_countdown(&fields.form_untracked(), rules, wizard.today)
    };
    let days = move || rule_text(|r| r.contact_days(did::DeadlineKind::Naspi));
    view! {
        <p>{t("did.start.what")}</p>
        <ul class="plain-list">
            <li>{t("did.start.need_cf")}</li>
            <li>{t("did.start.need_permit")}</li>
            <li>{t("did.start.time")}</li>
        </ul>
        <p>{t("did.start.one_only")}</p>
        <RadioGroup
            id=fid::NASPI
            legend=text("did.naspi.question")
            hint=text("did.naspi.hint")
            value=fields.naspi
            choices={choices::<NaspiAnswer>()}
            error=wizard.err(fid::NASPI)
            required=true
        />
        <Show when=move || fields.naspi.with(|a| did::naspi_blocks(a))>
            <Notice tone=Tone::Warning class="naspi-block">
                <h3>{t("did.naspi.block_title")}</h3>
                <p>{t("did.naspi.block_text")}</p>
                <p>{move || tf("did.naspi.block_deadline", &[("days", &days())])}</p>
                <p>{t("did.naspi.block_siisl")}</p>
                <DateField
                    id=fid::NASPI_DATE
                    legend=text("did.naspi.date")
                    hint=text("did.naspi.date_hint")
                    day=fields.naspi_day
                    month=fields.naspi_month
                    year=fields.naspi_year
                    error=wizard.err(fid::NASPI_DATE)
                />
                {move || countdown().map(|c| view! {
                    <p class=if c.is_past() { "countdown countdown-past" } else { "countdown" }>
                        <strong>{move || tf("did.naspi.deadline_date", &[("date", &format_date(c.deadline)), ("weekday", &weekday(c.deadline))])}</strong>
                        " "
                        {move || tm(&c.msg())}
                    </p>
                })}
                <p><A href=routes::OFFICES>{t("did.naspi.find_cpi")}</A></p>
            </Notice>
        </Show>
    }
}

// --------------------------------------------------------------- personal --

/// The personal data SPID or CIE certified: shown, not typed. Ids of the
/// fields they replace stay on the values, so an error link still lands.
#[component]
fn CertifiedFacts(identity: Identity) -> impl IntoView {
    let wizard = use_wizard();
    let p = identity.person;
    let provider = identity.provider.name();
    let sex = p.sex.map(|s| match s {
        Sex::F => SexChoice::Female.label_key(),
        Sex::M => SexChoice::Male.label_key(),
    });
    let birth = p.birth_date;
    let place = p.birth_place_code.clone().map(|code| {
        Signal::derive(move || {
            let b = wizard.indexes.belfiore.get();
            did::birthplace_text(&code, birth, b.as_deref().map(|x| x as &dyn BelfioreLookup))
        })
    });
    view! {
        <section class="identity-facts" aria-labelledby="identity-facts-title">
            <h3 id="identity-facts-title">{move || tf("auth.from_provider", &[("provider", provider)])}</h3>
            <dl>
                <dt>{t("did.label.cf")}</dt>
                <dd id=fid::CF tabindex="-1" class="cf-value">{p.codice_fiscale.clone()}</dd>
                <dt>{t("did.label.surname")}</dt>
                <dd id=fid::SURNAME tabindex="-1">{p.family_name.clone()}</dd>
                <dt>{t("did.label.name")}</dt>
                <dd id=fid::NAME tabindex="-1">{p.given_name.clone()}</dd>
                {sex.map(|key| view! {
                    <dt>{t("did.label.sex")}</dt>
                    <dd id=fid::SEX tabindex="-1">{t(key)}</dd>
                })}
                {birth.map(|d| view! {
                    <dt>{t("did.label.birth_date")}</dt>
                    <dd id=fid::BIRTH_DATE tabindex="-1">{format_date(d)}</dd>
                })}
                {place.map(|label| view! {
                    <dt>{t("did.label.birthplace")}</dt>
                    <dd id=fid::BIRTHPLACE tabindex="-1">{label}</dd>
                })}
            </dl>
            <p class="hint">{t("auth.from_provider_hint")}</p>
        </section>
    }
}

#[component]
fn PersonalStep() -> impl IntoView {
    let wizard = use_wizard();
    // The codice fiscale and birthplace checks need the Belfiore codes.
    wizard.app.belfiore.ensure_loaded();
    let fields = wizard.fields;
    let births_ready = Signal::derive(move || wizard.indexes.births.with(|b| b.is_some()));
    let births_missing = Signal::derive(move || {
        wizard.app.belfiore.error.with(|e| e.is_some())
            && wizard.app.belfiore.data.with(|d| d.is_none())
    });
    let suggest_birth = Callback::new(move |q: String| {
        let abroad = fields.birth_country.get_untracked() == BirthCountry::Abroad.as_str();
        let birth = did::parse_date_parts(
            &fields.birth_day.get_untracked(),
            &fields.birth_month.get_untracked(),
            &fields.birth_year.get_untracked(),
        )
        .ok();
        wizard.indexes.births.with_untracked(|b| {
            b.as_ref()
                .map(|i| {
                    i.suggest(&q, abroad, birth, 8)
                        .into_iter()
                        .map(|o| (o.code, o.label))
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let certified = Signal::derive(move || {
        did::Certified::of(wizard.identity.get().as_ref().map(|i| &i.person))
    });
    // Changing Italy / abroad clears the place chosen for the other (a
    // certified place sets both itself).
    on_change(fields.birth_country, move |_| {
        if !certified.get_untracked().birthplace {
            fields.birthplace_code.set(String::new());
            fields.birthplace_query.set(String::new());
        }
    });
    let place_label = Signal::derive(move || {
        t_now(if is(fields.birth_country, BirthCountry::Abroad) {
            "did.label.birth_state"
        } else {
            "did.label.birth_comune"
        })
    });
    let place_hint = Signal::derive(move || {
        t_now(if is(fields.birth_country, BirthCountry::Abroad) {
            "did.hint.birth_state"
        } else {
            "did.hint.birth_comune"
        })
    });
    let permit_options = Signal::derive(move || {
        PermitType::ALL
            .iter()
            .map(|p| (p.as_str().to_string(), t_now(p.label_key())))
            .collect::<Vec<_>>()
    });
    let expiry_hint = Signal::derive(move || {
        let no_expiry =
            PermitType::from_value(&fields.permit_type.get()).is_some_and(|p| !p.has_expiry());
        t_now(if no_expiry {
            "did.hint.permit_no_expiry"
        } else {
            "did.hint.permit_expiry"
        })
    });
    view! {
        <p class="hint">{t("form.required_note")}</p>
        <FeedStatus handle=wizard.app.belfiore/>
        {move || wizard.identity.get().map(|id| view! { <CertifiedFacts identity=id/> })}
        <Show when=move || !certified.get().identity>
            <TextField id=fid::CF label=text("did.label.cf") value=fields.codice_fiscale error=wizard.err(fid::CF) hint=text("did.hint.cf") autocomplete="off" required=true/>
            <TextField id=fid::SURNAME label=text("did.label.surname") value=fields.surname error=wizard.err(fid::SURNAME) hint=text("did.hint.surname") autocomplete="family-name" required=true/>
            <TextField id=fid::NAME label=text("did.label.name") value=fields.name error=wizard.err(fid::NAME) hint=text("did.hint.name") autocomplete="given-name" required=true/>
        </Show>
        <Show when=move || !certified.get().sex>
        <RadioGroup
            id=fid::SEX
            legend=text("did.label.sex")
            value=fields.sex
            choices={choices::<SexChoice>()}
            error=wizard.err(fid::SEX)
            required=true
            inline=true
        />
        </Show>
        <Show when=move || !certified.get().birth_date>
        <DateField
            id=fid::BIRTH_DATE
            legend=text("did.label.birth_date")
            hint=text("did.hint.date_example")
            day=fields.birth_day
            month=fields.birth_month
            year=fields.birth_year
            error=wizard.err(fid::BIRTH_DATE)
            required=true
            autocomplete=("bday-day", "bday-month", "bday-year")
        />
        </Show>
        <Show when=move || !certified.get().birthplace>
        <RadioGroup
            id=fid::BIRTH_COUNTRY
            legend=text("did.label.birth_country")
            value=fields.birth_country
            choices={choices::<BirthCountry>()}
            error=wizard.err(fid::BIRTH_COUNTRY)
            required=true
            inline=true
        />
        <Show when=move || !fields.birth_country.get().is_empty()>
            <PlacePicker
                id=fid::BIRTHPLACE
                label=place_label
                hint=place_hint
                query=fields.birthplace_query
                code=fields.birthplace_code
                suggest=suggest_birth
                ready=births_ready
                unavailable=births_missing
                error=wizard.err(fid::BIRTHPLACE)
                required=true
            />
        </Show>
        </Show>
        <RadioGroup
            id=fid::CITIZENSHIP
            legend=text("did.label.citizenship")
            value=fields.citizenship
            choices={choices::<Citizenship>()}
            error=wizard.err(fid::CITIZENSHIP)
            required=true
        />
        <Show when=move || is(fields.citizenship, Citizenship::NonEu)>
            <fieldset class="subgroup">
                <legend>{t("did.permit.title")}</legend>
                <p class="hint">{t("did.permit.intro")}</p>
                <SelectField
                    id=fid::PERMIT_TYPE
                    label=text("did.label.permit_type")
                    value=fields.permit_type
                    options=permit_options
                    placeholder=text("did.permit.choose")
                    error=wizard.err(fid::PERMIT_TYPE)
                    required=true
                />
                <TextField id=fid::PERMIT_NUMBER label=text("did.label.permit_number") value=fields.permit_number error=wizard.err(fid::PERMIT_NUMBER) hint=text("did.hint.permit_number") autocomplete="off" required=true/>
                <DateField
                    id=fid::PERMIT_EXPIRY
                    legend=text("did.label.permit_expiry")
                    hint=expiry_hint
                    day=fields.permit_day
                    month=fields.permit_month
                    year=fields.permit_year
                    error=wizard.err(fid::PERMIT_EXPIRY)
                    required=true
                />
            </fieldset>
        </Show>
    }
}

// -------------------------------------------------------------- residence --

#[component]
fn ResidenceStep() -> impl IntoView {
    let wizard = use_wizard();
    wizard.app.comuni.ensure_loaded();
    let fields = wizard.fields;
    let comuni_ready = Signal::derive(move || wizard.indexes.comuni.with(|c| c.is_some()));
    let comuni_missing = Signal::derive(move || {
        wizard.app.comuni.error.with(|e| e.is_some())
            && wizard.app.comuni.data.with(|d| d.is_none())
    });
    let suggest = crate::state::use_comune_suggestions();
    // The CAPs of the chosen comune, as a hint; a single CAP is filled in.
    let caps_of = move |istat: RwSignal<String>| {
        Signal::derive(move || {
            let code = istat.get();
            let caps = wizard.indexes.comuni.with(|c| {
                c.as_ref()
                    .and_then(|i| i.by_istat(&code))
                    .map(|c| (c.label(), c.cap.clone()))
            });
            match caps {
                Some((label, caps)) if !caps.is_empty() => tf(
                    "did.hint.cap_of",
                    &[("comune", &label), ("caps", &did::caps_hint(&caps))],
                ),
                _ => t_now("did.hint.cap"),
            }
        })
    };
    let fill_cap = move |istat: RwSignal<String>, cap: RwSignal<String>| {
        on_change(istat, move |code: &String| {
            let single = wizard.indexes.comuni.with_untracked(|c| {
                c.as_ref()
                    .and_then(|i| i.by_istat(code))
                    .and_then(|c| did::single_cap(&c.cap))
            });
            if let Some(c) = single {
                if cap.get_untracked().trim().is_empty() {
                    cap.set(c);
                }
            }
        });
    };
    fill_cap(fields.res_istat, fields.res_cap);
    fill_cap(fields.dom_istat, fields.dom_cap);
    view! {
        <p class="hint">{t("form.required_note")}</p>
        <FeedStatus handle=wizard.app.comuni/>
        <fieldset class="subgroup">
            <legend>{t("did.residence.title")}</legend>
            <PlacePicker
                id=fid::RES_COMUNE
                label=text("did.label.res_comune")
                hint=text("did.hint.comune")
                query=fields.res_query
                code=fields.res_istat
                suggest=suggest
                ready=comuni_ready
                unavailable=comuni_missing
                error=wizard.err(fid::RES_COMUNE)
                required=true
            />
            <TextField id=fid::RES_ADDRESS label=text("did.label.address") value=fields.res_address error=wizard.err(fid::RES_ADDRESS) hint=text("did.hint.address") autocomplete="street-address" required=true/>
            <TextField id=fid::RES_CAP label=text("did.label.cap") value=fields.res_cap error=wizard.err(fid::RES_CAP) hint=caps_of(fields.res_istat) autocomplete="postal-code" required=true/>
        </fieldset>
        <Checkbox id=fid::DOM_SAME label=text("did.label.dom_same") checked=fields.dom_same error=wizard.err(fid::DOM_SAME)/>
        <p class="hint">{t("did.hint.domicile")}</p>
        <Show when=move || !fields.dom_same.get()>
            <fieldset class="subgroup">
                <legend>{t("did.domicile.title")}</legend>
                <PlacePicker
                    id=fid::DOM_COMUNE
                    label=text("did.label.dom_comune")
                    hint=text("did.hint.comune")
                    query=fields.dom_query
                    code=fields.dom_istat
                    suggest=suggest
                    ready=comuni_ready
                unavailable=comuni_missing
                    error=wizard.err(fid::DOM_COMUNE)
                    required=true
                />
                <TextField id=fid::DOM_ADDRESS label=text("did.label.address") value=fields.dom_address error=wizard.err(fid::DOM_ADDRESS) hint=text("did.hint.address") required=true/>
                <TextField id=fid::DOM_CAP label=text("did.label.cap") value=fields.dom_cap error=wizard.err(fid::DOM_CAP) hint=caps_of(fields.dom_istat) required=true/>
            </fieldset>
        </Show>
    }
}

// --------------------------------------------------------------- contacts --

#[component]
fn ContactsStep() -> impl IntoView {
    let wizard = use_wizard();
    let fields = wizard.fields;
    view! {
        <p>{t("did.contacts.intro")}</p>
        <TextField id=fid::EMAIL label=text("did.label.email") value=fields.email error=wizard.err(fid::EMAIL) input_type="email" autocomplete="email" hint=text("did.hint.email")/>
        <TextField id=fid::MOBILE label=text("did.label.mobile") value=fields.mobile error=wizard.err(fid::MOBILE) input_type="tel" autocomplete="tel" hint=text("did.hint.mobile")/>
        <TextField id=fid::PHONE label=text("did.label.phone") value=fields.phone error=wizard.err(fid::PHONE) input_type="tel" hint=text("did.hint.phone")/>
    }
}

// -------------------------------------------------------------- situation --

#[component]
fn SituationStep() -> impl IntoView {
    let wizard = use_wizard();
    let fields = wizard.fields;
    let limit_info = did::rules()
        .ok()
        .and_then(|r| did::income_limit_msg(r, wizard.today));
    let limit_text = Signal::derive(move || limit_info.as_ref().map(tm).unwrap_or_default());
    let max_days = rule_text(|r| r.intermittent_max_days.days);
    let days_hint = Signal::derive(move || tf("did.hint.intermittent_days", &[("max", &max_days)]));
    view! {
        <p>{t("did.situation.intro")}</p>
        <RadioGroup
            id=fid::SITUATION
            legend=text("did.situation.question")
            value=fields.situation
            choices={choices::<Situation>()}
            error=wizard.err(fid::SITUATION)
            required=true
        />
        <Show when=move || is(fields.situation, Situation::LowIncome)>
            <fieldset class="subgroup">
                <legend>{t("did.situation.income_title")}</legend>
                <p class="limit-info">{move || limit_text.get()}</p>
                <RadioGroup
                    id=fid::WORK_KIND
                    legend=text("did.label.work_kind")
                    value=fields.work_kind
                    choices={choices::<WorkKind>()}
                    error=wizard.err(fid::WORK_KIND)
                    required=true
                />
                <TextField id=fid::INCOME label=text("did.label.income") value=fields.income error=wizard.err(fid::INCOME) hint=text("did.hint.income") required=true/>
            </fieldset>
        </Show>
        <Show when=move || is(fields.situation, Situation::Notice)>
            <DateField
                id=fid::NOTICE_END
                legend=text("did.label.notice_end")
                hint=text("did.hint.notice_end")
                day=fields.notice_day
                month=fields.notice_month
                year=fields.notice_year
                error=wizard.err(fid::NOTICE_END)
                required=true
            />
        </Show>
        <Show when=move || is(fields.situation, Situation::Intermittent)>
            <TextField id=fid::INTERMITTENT_DAYS label=text("did.label.intermittent_days") value=fields.intermittent_days error=wizard.err(fid::INTERMITTENT_DAYS) hint=days_hint required=true/>
        </Show>
        <details class="did-details">
            <summary>{t("did.situation.more_title")}</summary>
            <p>{t("did.situation.more_text")}</p>
        </details>
    }
}

// -------------------------------------------------------------------- CPI --

#[component]
fn CpiStep() -> impl IntoView {
    let wizard = use_wizard();
    let fields = wizard.fields;
    // The domicile's comune says which office is competent.
    wizard.app.comuni.ensure_loaded();
    // Propose the competent office (again, if the domicile changed), also
    // when the offices arrive after the step opened.
    Effect::new(move |_| {
        let offices = wizard.app.offices.data.get();
        let comuni = wizard.indexes.comuni.get();
        if let Some(o) = offices {
            let mut form = fields.form_untracked();
            if did::sync_cpi(&mut form, comuni.as_deref(), &o.items) {
                fields.cpi_id.set(form.cpi_id);
                fields.cpi_for.set(form.cpi_for);
                fields.cpi_confirmed.set(form.cpi_confirmed);
            }
        }
    });
    // Choosing another office asks for the confirmation again.
    on_change(fields.cpi_id, move |_| {
        fields.cpi_for.set(fields.form_untracked().domicile_key());
        fields.cpi_confirmed.set(false);
    });
    let competent = Memo::new(move |_| {
        let form = fields.form();
        let comuni = wizard.indexes.comuni.get();
        wizard.app.offices.data.with(|d| {
            d.as_ref().and_then(|feed| {
                did::competent_office(&form, comuni.as_deref(), &feed.items).map(|o| o.id.clone())
            })
        })
    });
    let chosen = Memo::new(move |_| {
        let id = fields.cpi_id.get();
        wizard.app.offices.data.with(|d| {
            d.as_ref()
                .and_then(|feed| feed.items.iter().find(|o| o.id == id).cloned())
        })
    });
    let options = Signal::derive(move || {
        wizard.app.offices.data.with(|d| {
            d.as_ref()
                .map(|feed| {
                    feed.items
                        .iter()
                        .map(|o| (o.id.clone(), o.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let domicile = move || fields.form().domicile_label().to_string();
    view! {
        <FeedStatus handle=wizard.app.offices/>
        <p>{t("did.cpi.intro")}</p>
        {move || {
            let offices_loaded = wizard.app.offices.data.with(|d| d.is_some());
            match (competent.get(), offices_loaded) {
                (None, true) => Some(view! {
                    <Notice tone=Tone::Warning>
                        <p>{tf("did.cpi.none", &[("comune", &domicile())])}</p>
                    </Notice>
                }.into_any()),
                (Some(c), _) if c != fields.cpi_id.get() && !fields.cpi_id.get().is_empty() => Some(view! {
                    <Notice tone=Tone::Info><p>{t("did.cpi.other_chosen")}</p></Notice>
                }.into_any()),
                _ => None,
            }
        }}
        {move || chosen.get().map(|o| {
            let is_competent = competent.get().as_deref() == Some(o.id.as_str());
            let lang = crate::i18n::use_i18n().lang.get();
            let note = o.note.as_ref().map(|n| n.get(lang.code()).to_string());
            view! {
                <div class="office-card" id="did-cpi-card">
                    <p class="office-name"><strong>{o.name.clone()}</strong></p>
                    {is_competent.then(|| view! { <p class="office-competent">{tf("did.cpi.competent_for", &[("comune", &domicile())])}</p> })}
                    <p>{format!("{}, {} {} ({})", o.address, o.cap, o.comune.name, o.province)}</p>
                    {o.phone.clone().map(|p| view! { <p>{t("did.cpi.phone")}": "{p}</p> })}
                    {o.email.clone().map(|e| view! { <p>{t("did.cpi.email")}": "{e}</p> })}
                    {note.map(|n| view! { <p class="hint">{n}</p> })}
                </div>
            }
        })}
        <SelectField
            id=fid::CPI
            label=text("did.label.cpi")
            value=fields.cpi_id
            options=options
            placeholder=text("did.cpi.choose")
            error=wizard.err(fid::CPI)
            required=true
        />
        <Checkbox id=fid::CPI_CONFIRM label=text("did.label.cpi_confirm") checked=fields.cpi_confirmed error=wizard.err(fid::CPI_CONFIRM) required=true/>
    }
}

// ----------------------------------------------------------- declarations --

#[component]
fn DeclarationsStep() -> impl IntoView {
    let wizard = use_wizard();
    let fields = wizard.fields;
    let months = rule_text(|r| r.suspension_max_months.months);
    let no_work_label = Signal::derive(move || {
        if is(fields.situation, Situation::LowIncome) {
            t_now("did.decl.no_work_low_income")
        } else {
            t_now("did.decl.no_work")
        }
    });
    let informed_label = Signal::derive(move || tf("did.decl.informed", &[("months", &months)]));
    view! {
        <p>{t("did.decl.intro")}</p>
        <RadioGroup
            id=fid::AVAILABILITY
            legend=text("did.label.availability")
            value=fields.availability
            choices={choices::<Availability>()}
            error=wizard.err(fid::AVAILABILITY)
            required=true
        />
        <fieldset class="subgroup">
            <legend>{t("did.decl.legend")}</legend>
            <Checkbox id=fid::DECL_NO_WORK label=no_work_label checked=fields.decl_no_work error=wizard.err(fid::DECL_NO_WORK) required=true/>
            <Checkbox id=fid::DECL_INFORMED label=informed_label checked=fields.decl_informed error=wizard.err(fid::DECL_INFORMED) required=true/>
            <Checkbox id=fid::DECL_NO_OTHER label=text("did.decl.no_other") checked=fields.decl_no_other_did error=wizard.err(fid::DECL_NO_OTHER) required=true/>
            <details class="did-details">
                <summary>{t("did.privacy.title")}</summary>
                <p>{t("did.privacy.who")}</p>
                <p>{t("did.privacy.why")}</p>
                <p>{t("did.privacy.where")}</p>
                <p>{t("did.privacy.rights")}</p>
            </details>
            <Checkbox id=fid::DECL_PRIVACY label=text("did.decl.privacy") checked=fields.decl_privacy error=wizard.err(fid::DECL_PRIVACY) required=true/>
        </fieldset>
        <p class="hint">{t("did.decl.dpr445")}</p>
    }
}

// ---------------------------------------------------------------- summary --

fn val_text(v: &Val) -> String {
    match v {
        Val::Text(s) => s.clone(),
        Val::Key(k) => t_now(k),
        Val::Msg(m) => tm(m),
    }
}

/// The rows of a payload as a description list (summary and receipt).
pub fn sections_view(p: &did::DidPayload, edit: Option<Callback<Step>>) -> impl IntoView {
    did::sections(p)
        .into_iter()
        .map(|s| {
            let step = s.step;
            let rows = s
                .rows
                .into_iter()
                .map(|r| {
                    view! {
                        <div class="summary-row">
                            <dt>{t(r.label)}</dt>
                            <dd>{move || val_text(&r.value)}</dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section class="summary-section">
                    <div class="summary-head">
                        <h3>{t(step.title_key())}</h3>
                        {edit.map(|cb| view! {
                            <button type="button" class="btn btn-secondary btn-small" on:click=move |_| cb.run(step)>
                                {t("did.summary.edit")}
                                <span class="visually-hidden">": "{t(step.title_key())}</span>
                            </button>
                        })}
                    </div>
                    <dl class="summary-list">{rows}</dl>
                </section>
            }
        })
        .collect_view()
}

#[component]
fn SummaryStep() -> impl IntoView {
    let wizard = use_wizard();
    let fields = wizard.fields;
    // The payload names the places and re-checks the codice fiscale (a
    // restored draft can open here directly).
    wizard.app.belfiore.ensure_loaded();
    wizard.app.comuni.ensure_loaded();
    let preview = Memo::new(move |_| {
        let form = fields.form();
        wizard.indexes.belfiore.track();
        wizard.indexes.comuni.track();
        let cpi_name = wizard.app.offices.data.with(|d| {
            d.as_ref()
                .and_then(|feed| did::office_name(&feed.items, &form.cpi_id))
        });
        wizard.with_ctx(|ctx| did::build_payload(&form, ctx, &cpi_name.unwrap_or_default()))
    });
    let deadline_days = rule_text(|r| r.contact_days(did::DeadlineKind::Did));
    view! {
        {move || match preview.get() {
            Some(Ok(p)) => { let deadline_days = deadline_days.clone(); view! {
                <p>{t("did.summary.intro")}</p>
                {sections_view(&p, Some(wizard.goto))}
                <Notice tone=Tone::Info>
                    <p>{tf("did.summary.after", &[("days", &deadline_days)])}</p>
                    <p>{t("did.summary.offline")}</p>
                </Notice>
                <p class="hint">{t("did.decl.dpr445")}</p>
                {move || wizard.submit_error.get().map(|e| view! { <Notice tone=Tone::Error><p>{e}</p></Notice> })}
                <div class="did-nav">
                    <button type="submit" class="btn btn-primary btn-submit" disabled=move || wizard.submitting.get()>
                        {t("did.submit")}
                    </button>
                </div>
            }.into_any() }
            Some(Err(issues)) => {
                let steps = did::steps_with_issues(&issues);
                view! {
                    <Notice tone=Tone::Error>
                        <p><strong>{t("did.summary.incomplete")}</strong></p>
                        <ul>
                            {issues.into_iter().map(|(s, i)| view! {
                                <li>{t(s.title_key())}": "{move || tm(&i.msg)}</li>
                            }).collect_view()}
                        </ul>
                    </Notice>
                    <div class="did-nav">
                        {steps.into_iter().map(|s| view! {
                            <button type="button" class="btn btn-secondary" on:click=move |_| wizard.goto.run(s)>
                                {move || tf("did.summary.go_to", &[("step", &t_now(s.title_key()))])}
                            </button>
                        }).collect_view()}
                    </div>
                }.into_any()
            }
            None => view! { <Notice tone=Tone::Error><p>{t("did.rules_broken")}</p></Notice> }.into_any(),
        }}
    }
}
