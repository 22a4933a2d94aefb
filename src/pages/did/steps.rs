//! The wizard's steps, one topic each. Views only: what is valid, what is
//! competent and what is shown in the summary come from `domain::did`.

use super::widgets::{Checkbox, Choice, DateField, PlacePicker, RadioGroup};
use super::{render, Wiz};
use crate::components::feed_status::FeedStatus;
use crate::components::field::{SelectField, TextField};
use crate::domain::did::{
    self, fid, Availability, BirthCountry, Citizenship, NaspiAnswer, PermitType, SexChoice,
    Situation, Step, Val, WorkKind,
};
use crate::i18n::{t, t_now, tf};
use leptos::prelude::*;
use leptos_router::components::A;

fn use_wiz() -> Wiz {
    expect_context::<Wiz>()
}

fn tr(key: &'static str) -> Signal<String> {
    Wiz::tr(key)
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

/// Run `f` when `sig` changes after the first render (not for the value it
/// had when the step opened, nor for a restored draft).
fn on_change<T: Clone + PartialEq + Send + Sync + 'static>(
    sig: RwSignal<T>,
    f: impl Fn(&T) + 'static,
) {
    Effect::new(move |prev: Option<T>| {
        let now = sig.get();
        if let Some(p) = prev {
            if p != now {
                f(&now);
            }
        }
        now
    });
}

// ------------------------------------------------------------------ start --

#[component]
fn StartStep() -> impl IntoView {
    let w = use_wiz();
    let f = w.f;
    let countdown = move || {
        f.naspi_day.track();
        f.naspi_month.track();
        f.naspi_year.track();
        let rules = did::rules().ok()?;
        did::naspi_countdown(&f.form_untracked(), rules, w.today)
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
            legend=tr("did.naspi.question")
            hint=tr("did.naspi.hint")
            value=f.naspi
            choices={choices::<NaspiAnswer>()}
            error=w.err(fid::NASPI)
            required=true
        />
        <Show when=move || f.naspi.with(|a| did::naspi_blocks(a))>
            <div class="notice notice-warning naspi-block" role="status">
                <h3>{t("did.naspi.block_title")}</h3>
                <p>{t("did.naspi.block_text")}</p>
                <p>{move || tf("did.naspi.block_deadline", &[("days", &days())])}</p>
                <p>{t("did.naspi.block_siisl")}</p>
                <DateField
                    id=fid::NASPI_DATE
                    legend=tr("did.naspi.date")
                    hint=tr("did.naspi.date_hint")
                    day=f.naspi_day
                    month=f.naspi_month
                    year=f.naspi_year
                    error=w.err(fid::NASPI_DATE)
                />
                {move || countdown().map(|c| view! {
                    <p class=if c.is_past() { "countdown countdown-past" } else { "countdown" }>
                        <strong>{move || tf("did.naspi.deadline_date", &[("date", &c.deadline.format_it()), ("weekday", &t_now(did::weekday_key(c.deadline)))])}</strong>
                        " "
                        {move || render(&c.msg())}
                    </p>
                })}
                <p><A href="/cpi">{t("did.naspi.find_cpi")}</A></p>
            </div>
        </Show>
    }
}

// --------------------------------------------------------------- personal --

#[component]
fn PersonalStep() -> impl IntoView {
    let w = use_wiz();
    let f = w.f;
    let births_ready = Signal::derive(move || w.idx.births.with(|b| b.is_some()));
    let births_missing = Signal::derive(move || {
        w.app.belfiore.error.with(|e| e.is_some()) && w.app.belfiore.data.with(|d| d.is_none())
    });
    let suggest_birth = Callback::new(move |q: String| {
        let abroad = f.birth_country.get_untracked() == BirthCountry::Abroad.as_str();
        let birth = did::parse_date_parts(
            &f.birth_day.get_untracked(),
            &f.birth_month.get_untracked(),
            &f.birth_year.get_untracked(),
        )
        .ok();
        w.idx.births.with_untracked(|b| {
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
    // Changing Italy / abroad clears the place chosen for the other.
    on_change(f.birth_country, move |_| {
        f.birthplace_code.set(String::new());
        f.birthplace_query.set(String::new());
    });
    let place_label = Signal::derive(move || {
        t_now(if is(f.birth_country, BirthCountry::Abroad) {
            "did.label.birth_state"
        } else {
            "did.label.birth_comune"
        })
    });
    let place_hint = Signal::derive(move || {
        t_now(if is(f.birth_country, BirthCountry::Abroad) {
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
            PermitType::from_value(&f.permit_type.get()).is_some_and(|p| !p.has_expiry());
        t_now(if no_expiry {
            "did.hint.permit_no_expiry"
        } else {
            "did.hint.permit_expiry"
        })
    });
    view! {
        <p class="hint">{t("form.required_note")}</p>
        <FeedStatus handle=w.app.belfiore/>
        <TextField id=fid::CF label=tr("did.label.cf") value=f.codice_fiscale error=w.err(fid::CF) hint=tr("did.hint.cf") autocomplete="off" required=true/>
        <TextField id=fid::SURNAME label=tr("did.label.surname") value=f.surname error=w.err(fid::SURNAME) hint=tr("did.hint.surname") autocomplete="family-name" required=true/>
        <TextField id=fid::NAME label=tr("did.label.name") value=f.name error=w.err(fid::NAME) hint=tr("did.hint.name") autocomplete="given-name" required=true/>
        <RadioGroup
            id=fid::SEX
            legend=tr("did.label.sex")
            value=f.sex
            choices={choices::<SexChoice>()}
            error=w.err(fid::SEX)
            required=true
            inline=true
        />
        <DateField
            id=fid::BIRTH_DATE
            legend=tr("did.label.birth_date")
            hint=tr("did.hint.date_example")
            day=f.birth_day
            month=f.birth_month
            year=f.birth_year
            error=w.err(fid::BIRTH_DATE)
            required=true
            autocomplete=("bday-day", "bday-month", "bday-year")
        />
        <RadioGroup
            id=fid::BIRTH_COUNTRY
            legend=tr("did.label.birth_country")
            value=f.birth_country
            choices={choices::<BirthCountry>()}
            error=w.err(fid::BIRTH_COUNTRY)
            required=true
            inline=true
        />
        <Show when=move || !f.birth_country.get().is_empty()>
            <PlacePicker
                id=fid::BIRTHPLACE
                label=place_label
                hint=place_hint
                query=f.birthplace_query
                code=f.birthplace_code
                suggest=suggest_birth
                ready=births_ready
                unavailable=births_missing
                error=w.err(fid::BIRTHPLACE)
                required=true
            />
        </Show>
        <RadioGroup
            id=fid::CITIZENSHIP
            legend=tr("did.label.citizenship")
            value=f.citizenship
            choices={choices::<Citizenship>()}
            error=w.err(fid::CITIZENSHIP)
            required=true
        />
        <Show when=move || is(f.citizenship, Citizenship::NonEu)>
            <fieldset class="subgroup">
                <legend>{t("did.permit.title")}</legend>
                <p class="hint">{t("did.permit.intro")}</p>
                <SelectField
                    id=fid::PERMIT_TYPE
                    label=tr("did.label.permit_type")
                    value=f.permit_type
                    options=permit_options
                    placeholder=tr("did.permit.choose")
                    error=w.err(fid::PERMIT_TYPE)
                    required=true
                />
                <TextField id=fid::PERMIT_NUMBER label=tr("did.label.permit_number") value=f.permit_number error=w.err(fid::PERMIT_NUMBER) hint=tr("did.hint.permit_number") autocomplete="off" required=true/>
                <DateField
                    id=fid::PERMIT_EXPIRY
                    legend=tr("did.label.permit_expiry")
                    hint=expiry_hint
                    day=f.permit_day
                    month=f.permit_month
                    year=f.permit_year
                    error=w.err(fid::PERMIT_EXPIRY)
                    required=true
                />
            </fieldset>
        </Show>
    }
}

// -------------------------------------------------------------- residence --

#[component]
fn ResidenceStep() -> impl IntoView {
    let w = use_wiz();
    let f = w.f;
    let comuni_ready = Signal::derive(move || w.idx.comuni.with(|c| c.is_some()));
    let comuni_missing = Signal::derive(move || {
        w.app.comuni.error.with(|e| e.is_some()) && w.app.comuni.data.with(|d| d.is_none())
    });
    let suggest = Callback::new(move |q: String| {
        w.idx.comuni.with_untracked(|c| {
            c.as_ref()
                .map(|i| {
                    did::suggest_comuni(i, &q, 8)
                        .into_iter()
                        .map(|o| (o.code, o.label))
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    // The CAPs of the chosen comune, as a hint; a single CAP is filled in.
    let caps_of = move |istat: RwSignal<String>| {
        Signal::derive(move || {
            let code = istat.get();
            let caps = w.idx.comuni.with(|c| {
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
            let single = w.idx.comuni.with_untracked(|c| {
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
    fill_cap(f.res_istat, f.res_cap);
    fill_cap(f.dom_istat, f.dom_cap);
    view! {
        <p class="hint">{t("form.required_note")}</p>
        <FeedStatus handle=w.app.comuni/>
        <fieldset class="subgroup">
            <legend>{t("did.residence.title")}</legend>
            <PlacePicker
                id=fid::RES_COMUNE
                label=tr("did.label.res_comune")
                hint=tr("did.hint.comune")
                query=f.res_query
                code=f.res_istat
                suggest=suggest
                ready=comuni_ready
                unavailable=comuni_missing
                error=w.err(fid::RES_COMUNE)
                required=true
            />
            <TextField id=fid::RES_ADDRESS label=tr("did.label.address") value=f.res_address error=w.err(fid::RES_ADDRESS) hint=tr("did.hint.address") autocomplete="street-address" required=true/>
            <TextField id=fid::RES_CAP label=tr("did.label.cap") value=f.res_cap error=w.err(fid::RES_CAP) hint=caps_of(f.res_istat) autocomplete="postal-code" required=true/>
        </fieldset>
        <Checkbox id=fid::DOM_SAME label=tr("did.label.dom_same") checked=f.dom_same error=w.err(fid::DOM_SAME)/>
        <p class="hint">{t("did.hint.domicile")}</p>
        <Show when=move || !f.dom_same.get()>
            <fieldset class="subgroup">
                <legend>{t("did.domicile.title")}</legend>
                <PlacePicker
                    id=fid::DOM_COMUNE
                    label=tr("did.label.dom_comune")
                    hint=tr("did.hint.comune")
                    query=f.dom_query
                    code=f.dom_istat
                    suggest=suggest
                    ready=comuni_ready
                unavailable=comuni_missing
                    error=w.err(fid::DOM_COMUNE)
                    required=true
                />
                <TextField id=fid::DOM_ADDRESS label=tr("did.label.address") value=f.dom_address error=w.err(fid::DOM_ADDRESS) hint=tr("did.hint.address") required=true/>
                <TextField id=fid::DOM_CAP label=tr("did.label.cap") value=f.dom_cap error=w.err(fid::DOM_CAP) hint=caps_of(f.dom_istat) required=true/>
            </fieldset>
        </Show>
    }
}

// --------------------------------------------------------------- contacts --

#[component]
fn ContactsStep() -> impl IntoView {
    let w = use_wiz();
    let f = w.f;
    view! {
        <p>{t("did.contacts.intro")}</p>
        <TextField id=fid::EMAIL label=tr("did.label.email") value=f.email error=w.err(fid::EMAIL) input_type="email" autocomplete="email" hint=tr("did.hint.email")/>
        <TextField id=fid::MOBILE label=tr("did.label.mobile") value=f.mobile error=w.err(fid::MOBILE) input_type="tel" autocomplete="tel" hint=tr("did.hint.mobile")/>
        <TextField id=fid::PHONE label=tr("did.label.phone") value=f.phone error=w.err(fid::PHONE) input_type="tel" hint=tr("did.hint.phone")/>
    }
}

// -------------------------------------------------------------- situation --

#[component]
fn SituationStep() -> impl IntoView {
    let w = use_wiz();
    let f = w.f;
    let limit_info = did::rules()
        .ok()
        .and_then(|r| did::income_limit_msg(r, w.today));
    let limit_text = Signal::derive(move || limit_info.as_ref().map(render).unwrap_or_default());
    let max_days = rule_text(|r| r.intermittent_max_days.days);
    let days_hint = Signal::derive(move || tf("did.hint.intermittent_days", &[("max", &max_days)]));
    view! {
        <p>{t("did.situation.intro")}</p>
        <RadioGroup
            id=fid::SITUATION
            legend=tr("did.situation.question")
            value=f.situation
            choices={choices::<Situation>()}
            error=w.err(fid::SITUATION)
            required=true
        />
        <Show when=move || is(f.situation, Situation::LowIncome)>
            <fieldset class="subgroup">
                <legend>{t("did.situation.income_title")}</legend>
                <p class="limit-info">{move || limit_text.get()}</p>
                <RadioGroup
                    id=fid::WORK_KIND
                    legend=tr("did.label.work_kind")
                    value=f.work_kind
                    choices={choices::<WorkKind>()}
                    error=w.err(fid::WORK_KIND)
                    required=true
                />
                <TextField id=fid::INCOME label=tr("did.label.income") value=f.income error=w.err(fid::INCOME) hint=tr("did.hint.income") required=true/>
            </fieldset>
        </Show>
        <Show when=move || is(f.situation, Situation::Notice)>
            <DateField
                id=fid::NOTICE_END
                legend=tr("did.label.notice_end")
                hint=tr("did.hint.notice_end")
                day=f.notice_day
                month=f.notice_month
                year=f.notice_year
                error=w.err(fid::NOTICE_END)
                required=true
            />
        </Show>
        <Show when=move || is(f.situation, Situation::Intermittent)>
            <TextField id=fid::INTERMITTENT_DAYS label=tr("did.label.intermittent_days") value=f.intermittent_days error=w.err(fid::INTERMITTENT_DAYS) hint=days_hint required=true/>
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
    let w = use_wiz();
    let f = w.f;
    // Propose the competent office (again, if the domicile changed), also
    // when the offices arrive after the step opened.
    Effect::new(move |_| {
        let offices = w.app.offices.data.get();
        let comuni = w.idx.comuni.get();
        if let Some(o) = offices {
            let mut form = f.form_untracked();
            if did::sync_cpi(&mut form, comuni.as_deref(), &o.items) {
                f.cpi_id.set(form.cpi_id);
                f.cpi_for.set(form.cpi_for);
                f.cpi_confirmed.set(form.cpi_confirmed);
            }
        }
    });
    // Choosing another office asks for the confirmation again.
    on_change(f.cpi_id, move |_| {
        f.cpi_for.set(f.form_untracked().domicile_key());
        f.cpi_confirmed.set(false);
    });
    let competent = Memo::new(move |_| {
        let form = f.form();
        let comuni = w.idx.comuni.get();
        w.app.offices.data.with(|d| {
            d.as_ref().and_then(|feed| {
                did::competent_office(&form, comuni.as_deref(), &feed.items).map(|o| o.id.clone())
            })
        })
    });
    let chosen = Memo::new(move |_| {
        let id = f.cpi_id.get();
        w.app.offices.data.with(|d| {
            d.as_ref()
                .and_then(|feed| feed.items.iter().find(|o| o.id == id).cloned())
        })
    });
    let options = Signal::derive(move || {
        w.app.offices.data.with(|d| {
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
    let domicile = move || f.form().domicile_label().to_string();
    view! {
        <FeedStatus handle=w.app.offices/>
        <p>{t("did.cpi.intro")}</p>
        {move || {
            let offices_loaded = w.app.offices.data.with(|d| d.is_some());
            match (competent.get(), offices_loaded) {
                (None, true) => Some(view! {
                    <div class="notice notice-warning" role="status">
                        <p>{tf("did.cpi.none", &[("comune", &domicile())])}</p>
                    </div>
                }.into_any()),
                (Some(c), _) if c != f.cpi_id.get() && !f.cpi_id.get().is_empty() => Some(view! {
                    <div class="notice notice-info" role="status"><p>{t("did.cpi.other_chosen")}</p></div>
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
            label=tr("did.label.cpi")
            value=f.cpi_id
            options=options
            placeholder=tr("did.cpi.choose")
            error=w.err(fid::CPI)
            required=true
        />
        <Checkbox id=fid::CPI_CONFIRM label=tr("did.label.cpi_confirm") checked=f.cpi_confirmed error=w.err(fid::CPI_CONFIRM) required=true/>
    }
}

// ----------------------------------------------------------- declarations --

#[component]
fn DeclarationsStep() -> impl IntoView {
    let w = use_wiz();
    let f = w.f;
    let months = rule_text(|r| r.suspension_max_months.months);
    let no_work_label = Signal::derive(move || {
        if is(f.situation, Situation::LowIncome) {
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
            legend=tr("did.label.availability")
            value=f.availability
            choices={choices::<Availability>()}
            error=w.err(fid::AVAILABILITY)
            required=true
        />
        <fieldset class="subgroup">
            <legend>{t("did.decl.legend")}</legend>
            <Checkbox id=fid::DECL_NO_WORK label=no_work_label checked=f.decl_no_work error=w.err(fid::DECL_NO_WORK) required=true/>
            <Checkbox id=fid::DECL_INFORMED label=informed_label checked=f.decl_informed error=w.err(fid::DECL_INFORMED) required=true/>
            <Checkbox id=fid::DECL_NO_OTHER label=tr("did.decl.no_other") checked=f.decl_no_other_did error=w.err(fid::DECL_NO_OTHER) required=true/>
            <details class="did-details">
                <summary>{t("did.privacy.title")}</summary>
                <p>{t("did.privacy.who")}</p>
                <p>{t("did.privacy.why")}</p>
                <p>{t("did.privacy.where")}</p>
                <p>{t("did.privacy.rights")}</p>
            </details>
            <Checkbox id=fid::DECL_PRIVACY label=tr("did.decl.privacy") checked=f.decl_privacy error=w.err(fid::DECL_PRIVACY) required=true/>
        </fieldset>
        <p class="hint">{t("did.decl.dpr445")}</p>
    }
}

// ---------------------------------------------------------------- summary --

fn val_text(v: &Val) -> String {
    match v {
        Val::Text(s) => s.clone(),
        Val::Key(k) => t_now(k),
        Val::Msg(m) => render(m),
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
    let w = use_wiz();
    let f = w.f;
    let preview = Memo::new(move |_| {
        let form = f.form();
        w.idx.belfiore.track();
        w.idx.comuni.track();
        let cpi_name = w.app.offices.data.with(|d| {
            d.as_ref()
                .and_then(|feed| did::office_name(&feed.items, &form.cpi_id))
        });
        w.with_ctx(|ctx| did::build_payload(&form, ctx, &cpi_name.unwrap_or_default()))
    });
    let deadline_days = rule_text(|r| r.contact_days(did::DeadlineKind::Did));
    view! {
        {move || match preview.get() {
            Some(Ok(p)) => view! {
                <p>{t("did.summary.intro")}</p>
                {sections_view(&p, Some(w.goto))}
                <div class="notice notice-info" role="status">
                    <p>{tf("did.summary.after", &[("days", &deadline_days)])}</p>
                    <p>{t("did.summary.offline")}</p>
                </div>
                <p class="hint">{t("did.decl.dpr445")}</p>
                {move || w.submit_error.get().map(|e| view! { <div class="notice notice-error" role="alert"><p>{e}</p></div> })}
                <div class="did-nav">
                    <button type="submit" class="btn btn-primary btn-submit" disabled=move || w.submitting.get()>
                        {t("did.submit")}
                    </button>
                </div>
            }.into_any(),
            Some(Err(issues)) => {
                let steps = did::steps_with_issues(&issues);
                view! {
                    <div class="notice notice-error" role="alert">
                        <p><strong>{t("did.summary.incomplete")}</strong></p>
                        <ul>
                            {issues.into_iter().map(|(s, i)| view! {
                                <li>{t(s.title_key())}": "{move || render(&i.msg)}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                    <div class="did-nav">
                        {steps.into_iter().map(|s| view! {
                            <button type="button" class="btn btn-secondary" on:click=move |_| w.goto.run(s)>
                                {move || tf("did.summary.go_to", &[("step", &t_now(s.title_key()))])}
                            </button>
                        }).collect_view()}
                    </div>
                }.into_any()
            }
            None => view! { <div class="notice notice-error" role="alert"><p>{t("did.rules_broken")}</p></div> }.into_any(),
        }}
    }
}
