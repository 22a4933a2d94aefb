//! One avviso pubblico (`/avvisi/:id`): what it is and its deadline, the
//! eligibility check (a reason per requirement), the score simulation with
//! its breakdown, applying with the declarations through the outbox, and the
//! ranking with the riesame (`ranking.rs`).

use super::ranking::RankingSection;
use super::{ranking_of, rule_set_name, status_text};
use crate::components::error_summary::{field_messages, issue_items, ErrorSummary};
use crate::components::field::{SelectField, TextField};
use crate::components::fieldset::{Checkbox, CheckboxGroup, DateField, RadioGroup};
use crate::components::kiosk::KioskQr;
use crate::components::login_required::LoginRequired;
use crate::components::notice::{Notice, Tone};
use crate::domain::avvisi::{eligibility, Avviso, Status};
use crate::domain::avviso_form::{application_payload, payload_avviso_id, AvvisoForm, AvvisoIssue};
use crate::domain::outbox::{DeliveryState, SubmissionKind};
use crate::domain::ranking::{score, Notice as RankNotice, RuleSets};
use crate::hooks::use_draft::{use_draft, UseDraftOptions};
use crate::i18n::{t, t_now, tf, tm, use_i18n};
use crate::net::outbox;
use crate::routes;
use crate::state::use_app;
use crate::storage::personal;
use crate::ui::focus::focus_later;
use crate::ui::format::format_date;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

crate::form_signals! {
    /// One signal per field of [`AvvisoForm`].
    pub(crate) struct Fields for AvvisoForm {
        birth_day: String, birth_month: String, birth_year: String,
        education_level: String, licences: Vec<String>,
        has_did: String, did_day: String, did_month: String, did_year: String,
        l68: String, isee: String, no_isee: bool,
        dependants: String, dependants_disabled: String, unemployment_months: String,
        invalidity_percent: String, enrol_day: String, enrol_month: String, enrol_year: String,
        personal_income: String, decl_truth: bool, decl_privacy: bool, review_reason: String,
    }
}

fn text(key: &'static str) -> Signal<String> {
    Signal::derive(move || t_now(key))
}

#[component]
pub fn AvvisoPage() -> impl IntoView {
    let app = use_app();
    app.avvisi.ensure_loaded();
    app.graduatorie.ensure_loaded();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get(routes::segment::ID).unwrap_or_default()));
    let avviso = Memo::new(move |_| {
        let id = id.get();
        app.avvisi.data.with(|d| {
            d.as_ref()
                .and_then(|f| f.items.iter().find(|a| a.id == id).cloned())
        })
    });
    let loaded = Signal::derive(move || app.avvisi.data.with(|d| d.is_some()));
    move || match avviso.get() {
        Some(a) => view! { <AvvisoView avviso=a/> }.into_any(),
        None if loaded.get() => view! {
            <section class="page">
                <h1>{t("avvisi.not_found.title")}</h1>
                <p>{t("avvisi.not_found.text")}" "<A href=routes::AVVISI>{t("avvisi.back")}</A></p>
            </section>
        }
        .into_any(),
        None => view! {
            <section class="page">
                <FeedStatusLine/>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn FeedStatusLine() -> impl IntoView {
    let app = use_app();
    view! { <crate::components::feed_status::FeedStatus handle=app.avvisi/> }
}

#[component]
fn AvvisoView(avviso: Avviso) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let today = crate::state::today_date();
    let fields = Fields::new();
    let errors = RwSignal::new(Vec::<AvvisoIssue>::new());
    let draft = use_draft(
        "avviso",
        UseDraftOptions::new(move || fields.form(), move |f| fields.set(f))
            .is_blank(AvvisoForm::is_blank),
    );
    // The profile answers what it knows, once the draft is read.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || !draft.loaded.get() {
            return done.unwrap_or(false);
        }
        spawn_local(async move {
            if let Ok(Some(p)) = personal::load_profile().await {
                let mut f = fields.form_untracked();
                if f.prefill_from_profile(&p) {
                    fields.set_changed(f);
                }
            }
        });
        true
    });

    let a = StoredValue::new(avviso.clone());
    let rules = RuleSets::load()
        .ok()
        .and_then(|r| r.rule_set(&avviso.rule_set));
    let notice = match (avviso.published_date(), avviso.deadline_date()) {
        (Some(p), Some(d)) => Some(RankNotice {
            publication_date: p,
            deadline: d,
        }),
        _ => None,
    };
    let ranking = Memo::new(move |_| {
        let id = a.with_value(|a| a.id.clone());
        app.graduatorie
            .data
            .with(|d| d.as_ref().and_then(|f| ranking_of(&f.items, &id).cloned()))
    });
    let status = Memo::new(move |_| a.with_value(|a| a.status(today, ranking.get().as_ref())));
    let checks = Memo::new(move |_| a.with_value(|a| eligibility(a, &fields.form().facts())));
    // The simulation: shown once asked for, then kept up to date.
    let simulate = RwSignal::new(false);
    let scored = Memo::new(move |_| {
        if !simulate.get() {
            return None;
        }
        let (rules, notice) = (rules?, notice?);
        Some(
            fields
                .form()
                .applicant("me")
                .map(|ap| score(rules, &notice, &ap)),
        )
    });
    Effect::new(move |_| {
        if let Some(Err(found)) = scored.get() {
            errors.set(found);
        } else if simulate.get() {
            errors
                .update(|e| e.retain(|i| i.field.starts_with("av-decl") || i.field == "av-apply"));
        }
    });
    let err = move |field: &'static str| field_messages(errors, field);

    // Applying: the data, the declarations and the deadline, in the person's name.
    let application = Memo::new(move |_| {
        let id = a.with_value(|a| a.id.clone());
        app.outbox.entries.with(|es| {
            es.iter()
                .filter(|e| {
                    e.kind == SubmissionKind::AvvisoApplication
                        && payload_avviso_id(&e.payload) == Some(id.as_str())
                })
                .max_by(|x, y| x.created_at.total_cmp(&y.created_at))
                .cloned()
        })
    });
    app.outbox.refresh();
    let send_error = RwSignal::new(None::<String>);
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = fields.form_untracked();
        let checked = a.with_value(|a| form.check_application(a, today));
        let applicant = match checked {
            Ok(ap) => ap,
            Err(found) => {
                errors.set(found);
                focus_later("av-error-summary");
                return;
            }
        };
        errors.set(Vec::new());
        let (Some(rules), Some(notice)) = (rules, notice) else {
            send_error.set(Some(t_now("avvisi.rules_broken")));
            return;
        };
        let total = score(rules, &notice, &applicant).total;
        let payload = a.with_value(|a| application_payload(a, &applicant, total));
        let title = a.with_value(|a| tf("avvisi.outbox_title", &[("title", &a.title.it)]));
        let owner = app.session.owner();
        spawn_local(async move {
            match outbox::enqueue(SubmissionKind::AvvisoApplication, title, payload, owner).await {
                Ok(_) => {
                    send_error.set(None);
                    app.outbox.flush();
                    focus_later("av-application-status");
                }
                Err(e) => send_error.set(Some(tm(&e.message()))),
            }
        });
    };
    let summary = issue_items(errors, |i: &AvvisoIssue| (i.field, tm(&i.msg)));
    let levels = crate::components::options::education_levels();
    let licences = crate::components::options::licences();
    let yes_no = || vec![("yes", "q.yes", None), ("no", "q.no", None)];
    let l68_notice = avviso.requirements.l68_required
        || rules.is_some_and(|r| r.lower_is_better || r.id.contains("l68"));
    let lang = move || i18n.lang.get().code();
    let av = avviso.clone();

    view! {
        <section class="page avviso">
            <p><A href=routes::AVVISI>{t("avvisi.back")}</A></p>
            <h1>{move || av.title.get(lang()).to_string()}</h1>
            <p class="lead">{avviso.body.clone()}</p>
            <dl class="avviso-facts">
                <dt>{t("avvisi.place")}</dt><dd>{format!("{} ({})", avviso.comune, avviso.province)}</dd>
                <dt>{t("avvisi.posts_label")}</dt><dd>{avviso.posts}</dd>
                <dt>{t("avvisi.contract")}</dt><dd>{let c = avviso.contract.clone(); move || c.get(lang()).to_string()}</dd>
                <dt>{t("avvisi.cp")}</dt><dd>{avviso.cp_code.clone()}</dd>
                <dt>{t("avvisi.published")}</dt><dd>{avviso.published_date().map(format_date)}</dd>
                <dt>{t("avvisi.deadline")}</dt><dd>{avviso.deadline_date().map(format_date)}</dd>
                <dt>{t("avvisi.rules")}</dt><dd>{rule_set_name(&avviso.rule_set)}</dd>
            </dl>
            <p class=move || format!("avviso-status status-{}", status.get().code()) role="status">
                <strong>{move || status_text(status.get())}</strong>
            </p>
            <p>{let d = avviso.description.clone(); move || d.get(lang()).to_string()}</p>
            <KioskQr path=routes::avviso(&avviso.id)/>
            <ErrorSummary id="av-error-summary" items=summary title_key="avvisi.errors.title"/>

            <section class="avviso-section" aria-labelledby="av-elig-title">
                <h2 id="av-elig-title">{t("avvisi.elig.title")}</h2>
                <p class="hint">{t("avvisi.elig.hint")}</p>
                <div class="form did-form">
                    <DateField id="av-birth" legend=text("profile.label.birth") day=fields.birth_day month=fields.birth_month year=fields.birth_year error=err("av-birth") autocomplete=("bday-day", "bday-month", "bday-year")/>
                    <SelectField id="av-education" label=text("profile.label.education") value=fields.education_level options=levels placeholder=text("profile.choose") error=err("av-education")/>
                    {(!avviso.requirements.licences.is_empty()).then(|| view! {
                        <CheckboxGroup id="av-licences" legend=text("profile.label.licences") options=licences selected=fields.licences error=err("av-licences")/>
                    })}
                    <RadioGroup id="av-has-did" legend=text("avvisi.label.has_did") value=fields.has_did choices=yes_no() error=err("av-has-did") hint=text("avvisi.hint.has_did") inline=true/>
                    {avviso.requirements.l68_required.then(|| view! {
                        <RadioGroup id="av-l68" legend=text("avvisi.label.l68") value=fields.l68 choices=yes_no() error=err("av-l68") inline=true/>
                    })}
                </div>
                <ul class="elig-list" aria-live="polite">
                    {move || checks.get().into_iter().map(|c| {
                        let (class, mark) = match c.met {
                            Some(true) => ("met", "✓"),
                            Some(false) => ("not-met", "✗"),
                            None => ("unknown", "?"),
                        };
                        view! { <li class=format!("elig-{class}")><span aria-hidden="true" class="elig-mark">{mark}</span>" "{tm(&c.msg)}</li> }
                    }).collect_view()}
                </ul>
            </section>

            <section class="avviso-section" aria-labelledby="av-score-title">
                <h2 id="av-score-title">{t("avvisi.score.title")}</h2>
                <p class="hint">{t("avvisi.score.hint")}</p>
                <div class="form did-form">
                    <Show when=move || fields.has_did.get() == "yes">
                        <DateField id="av-did-date" legend=text("avvisi.label.did_date") day=fields.did_day month=fields.did_month year=fields.did_year error=err("av-did-date")/>
                    </Show>
                    <TextField id="av-isee" label=text("avvisi.label.isee") value=fields.isee error=err("av-isee") hint=text("avvisi.hint.isee")/>
                    <Checkbox id="av-no-isee" label=text("avvisi.label.no_isee") checked=fields.no_isee error=err("av-no-isee")/>
                    <TextField id="av-dependants" label=text("avvisi.label.dependants") value=fields.dependants error=err("av-dependants") input_type="number" hint=text("avvisi.hint.dependants")/>
                    <TextField id="av-dependants-disabled" label=text("avvisi.label.dependants_disabled") value=fields.dependants_disabled error=err("av-dependants-disabled") input_type="number"/>
                    <TextField id="av-unemployment" label=text("avvisi.label.unemployment") value=fields.unemployment_months error=err("av-unemployment") input_type="number"/>
                    {l68_notice.then(|| view! {
                        <TextField id="av-invalidity" label=text("profile.label.percent") value=fields.invalidity_percent error=err("av-invalidity") input_type="number"/>
                        <DateField id="av-enrolment" legend=text("avvisi.label.enrolment") day=fields.enrol_day month=fields.enrol_month year=fields.enrol_year error=err("av-enrolment")/>
                        <TextField id="av-income" label=text("avvisi.label.income") value=fields.personal_income error=err("av-income")/>
                    })}
                    <button type="button" class="btn btn-secondary" id="av-simulate" on:click=move |_| {
                        simulate.set(true);
                        focus_later("av-score-result");
                    }>{t("avvisi.score.compute")}</button>
                </div>
                <div id="av-score-result" tabindex="-1" aria-live="polite">
                    {move || match scored.get() {
                        Some(Ok(s)) => view! {
                            <table class="score-table">
                                <caption>{t("avvisi.score.caption")}</caption>
                                <tbody>
                                    {s.lines.iter().map(|l| view! {
                                        <tr><td>{tm(&l.message())}{l.unverified.then(|| view! { " " <span class="unverified">{t("avvisi.score.unverified")}</span> })}</td></tr>
                                    }).collect_view()}
                                </tbody>
                                <tfoot><tr><th scope="row" class="score-total">{tf("avvisi.score.total", &[("score", &crate::domain::ranking::format_points((s.total * 1000.0).round() as i64, false))])}</th></tr></tfoot>
                            </table>
                            <p class="hint">{t("avvisi.score.disclaimer")}</p>
                        }.into_any(),
                        Some(Err(_)) => view! { <p class="error-text">{t("avvisi.score.fix")}</p> }.into_any(),
                        None => ().into_any(),
                    }}
                </div>
            </section>

            <section class="avviso-section" aria-labelledby="av-apply-title">
                <h2 id="av-apply-title">{t("avvisi.apply.title")}</h2>
                <div id="av-application-status" tabindex="-1" role="status">
                    {move || application.get().map(|e| match e.state {
                        DeliveryState::Pending => view! { <Notice tone=Tone::Warning><p>{t("avvisi.apply.pending")}</p></Notice> }.into_any(),
                        DeliveryState::Delivered { receipt } => view! {
                            <Notice tone=Tone::Success>
                                <p><strong>{t("avvisi.apply.delivered")}</strong></p>
                                <p class="protocol">{tf("avvisi.apply.protocol", &[("protocol", &receipt.id)])}</p>
                            </Notice>
                        }.into_any(),
                        DeliveryState::Rejected { .. } => {
                            let why = e.problem().map(|m| tm(&m)).unwrap_or_default();
                            view! { <Notice tone=Tone::Error><p><strong>{t("avvisi.apply.rejected")}</strong></p><p>{why}</p></Notice> }.into_any()
                        }
                    })}
                </div>
                {move || match (status.get(), application.with(|e| e.as_ref().is_some_and(|e| !matches!(e.state, DeliveryState::Rejected { .. })))) {
                    (_, true) => ().into_any(),
                    (Status::Open { .. }, false) => view! {
                        <LoginRequired>
                            <form class="form did-form" on:submit=apply novalidate>
                                <Checkbox id="av-decl-truth" label=text("avvisi.label.decl_truth") checked=fields.decl_truth error=err("av-decl-truth") required=true/>
                                <Checkbox id="av-decl-privacy" label=text("avvisi.label.decl_privacy") checked=fields.decl_privacy error=err("av-decl-privacy") required=true/>
                                {move || send_error.get().map(|e| view! { <Notice tone=Tone::Error><p>{e}</p></Notice> })}
                                <button type="submit" class="btn btn-primary" id="av-apply">{t("avvisi.apply.submit")}</button>
                            </form>
                        </LoginRequired>
                    }.into_any(),
                    _ => {
                        let why = a.with_value(|a| a.may_apply(today).err()).map(|m| tm(&m)).unwrap_or_default();
                        view! { <Notice tone=Tone::Info><p id="av-apply-closed">{why}</p></Notice> }.into_any()
                    }
                }}
            </section>

            {move || ranking.get().map(|g| view! {
                <RankingSection avviso=a.get_value() ranking=g fields=fields errors=errors/>
            })}
        </section>
    }
}
