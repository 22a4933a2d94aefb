//! "I servizi per te" (`/servizi-per-te`): the self-profiling questionnaire
//! and the map of the services that fit, each with its reason in the
//! person's own terms, a link to the catalogue, and what to bring to the
//! CPI. The rules are data (`domain::service_map`); the answers are a draft
//! on the device and leave it only when the person sends them.

use crate::components::error_summary::{field_messages, issue_items, ErrorSummary};
use crate::components::feed_status::FeedStatus;
use crate::components::field::{TextArea, TextField};
use crate::components::fieldset::{Choice, DateField, RadioGroup};
use crate::components::login_required::LoginRequired;
use crate::components::notice::{Notice, Tone};
use crate::components::send_result::SendResult;
use crate::domain::outbox::{DeliveryState, SubmissionKind};
use crate::domain::questionnaire::{self, qid, QuestionIssue, QuestionnaireForm, NO, YES};
use crate::domain::service_map::{self, ServiceMap};
use crate::hooks::use_draft::{use_draft, DraftStatus, UseDraftOptions};
use crate::i18n::{t, t_now, tf, tm, use_i18n};
use crate::net::outbox;
use crate::net::profiling::{fetch_index, IndexAnswer};
use crate::routes;
use crate::state::use_app;
use crate::ui::focus::focus_later;
use crate::ui::format::{format_date, format_iso};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

crate::route_chunk!(services_for_you, services_for_you_view => ServicesForYouPage, preload = preload_services_for_you);

const DRAFT_KEY: &str = "questionnaire";

crate::form_signals! {
    /// One signal per answer of [`QuestionnaireForm`].
    struct Fields for QuestionnaireForm {
        age: String,
        has_worked: String,
        months_looking: String,
        has_cv: String,
        naspi: String,
        naspi_day: String,
        naspi_month: String,
        naspi_year: String,
        disability: String,
        disability_percent: String,
        care: String,
        self_employment: String,
        training: String,
        looking_for: String,
        holds_back: String,
        to_learn: String,
    }
}

fn yes_no() -> Vec<Choice> {
    vec![(YES, "q.yes", None), (NO, "q.no", None)]
}

#[component]
pub fn ServicesForYouPage() -> impl IntoView {
    let app = use_app();
    app.catalogue.ensure_loaded();
    let fields = Fields::new();
    let errors = RwSignal::new(Vec::<QuestionIssue>::new());
    let shown = RwSignal::new(false);
    let today = crate::state::today_date();

    let draft = use_draft(
        DRAFT_KEY,
        UseDraftOptions::new(move || fields.form(), move |f| fields.set(f))
            .is_blank(QuestionnaireForm::is_blank),
    );
    let (loaded, restored) = (draft.loaded, draft.restored);
    // A certified birth date (SPID/CIE) gives the age.
    let birth = Signal::derive(move || app.session.identity().and_then(|i| i.person.birth_date));
    Effect::new(move |_| {
        if !loaded.get() {
            return;
        }
        let mut f = fields.form_untracked();
        if f.prefill_age(birth.get(), today) {
            fields.age.set(f.age);
        }
    });

    // "Il mio profilo" answers what it already knows, once the draft is read.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || !loaded.get() {
            return done.unwrap_or(false);
        }
        spawn_local(async move {
            if let Ok(Some(profile)) = crate::storage::personal::load_profile().await {
                let mut f = fields.form_untracked();
                if f.prefill_from_profile(&profile, today) {
                    fields.set_changed(f);
                }
            }
        });
        true
    });
    let err = move |field: &'static str| field_messages(errors, field);
    let text = |key: &'static str| Signal::derive(move || t_now(key));

    let map = Memo::new(move |_| {
        let rules = service_map::rules().ok()?;
        Some(service_map::service_map(
            rules,
            &questionnaire::answers(&fields.form(), today),
            today,
        ))
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = questionnaire::validate(&fields.form_untracked(), today);
        let ok = found.is_empty();
        errors.set(found);
        if ok {
            shown.set(true);
            focus_later("map-title");
        } else {
            focus_later("q-error-summary");
        }
    };
    // Sending: answers valid, in the person's name, through the outbox.
    let sent = RwSignal::new(None::<String>);
    let send_error = RwSignal::new(None::<String>);
    let send = Callback::new(move |_: ()| {
        let form = fields.form_untracked();
        let found = questionnaire::validate(&form, today);
        if !found.is_empty() {
            errors.set(found);
            focus_later("q-error-summary");
            return;
        }
        let services: Vec<String> = map
            .get_untracked()
            .map(|m| m.services.into_iter().map(|s| s.service).collect())
            .unwrap_or_default();
        let payload = questionnaire::payload(&form, today, &services);
        let owner = app.session.owner();
        spawn_local(async move {
            let title = t_now("q.send.outbox_title");
            match outbox::enqueue(SubmissionKind::Profiling, title, payload, owner).await {
                Ok(entry) => {
                    send_error.set(None);
                    sent.set(Some(entry.key));
                    app.outbox.flush();
                    focus_later("q-send-result");
                }
                Err(e) => send_error.set(Some(tm(&e.message()))),
            }
        });
    });
    // The official index, once the CPI computed it: asked again whenever a
    // questionnaire of this person is delivered.
    let index = RwSignal::new(None::<IndexAnswer>);
    let delivered = Memo::new(move |_| {
        app.outbox.entries.with(|es| {
            es.iter()
                .filter(|e| {
                    e.kind == SubmissionKind::Profiling
                        && matches!(e.state, DeliveryState::Delivered { .. })
                })
                .count()
        })
    });
    let logged_in = Memo::new(move |_| app.session.identity().is_some());
    // Only the newest question's answer counts: an older one may arrive later.
    let asked = StoredValue::new(0u32);
    Effect::new(move |_| {
        // Read, not only tracked: a memo never read is never computed, so
        // it would never see the outbox change.
        let _ = delivered.get();
        asked.update_value(|n| *n += 1);
        if !logged_in.get() {
            index.set(None);
            return;
        }
        let mine = asked.get_value();
        spawn_local(async move {
            let answer = fetch_index().await;
            if asked.try_get_value() == Some(mine) {
                index.try_set(Some(answer));
            }
        });
    });
    app.outbox.refresh();

    let summary = issue_items(errors, |i: &QuestionIssue| (i.field, tm(&i.msg)));
    let certified_age = move || birth.get().is_some();

    view! {
        <section class="page services-for-you">
            <h1>{t("q.title")}</h1>
            <p class="lead">{t("q.lead")}</p>
            {move || service_map::rules().err().map(|_| view! {
                <Notice tone=Tone::Error><p>{t("q.rules_broken")}</p></Notice>
            })}
            <Show when=move || restored.get()>
                <Notice tone=Tone::Info><p>{t("draft.restored")}</p></Notice>
            </Show>
            <ErrorSummary id="q-error-summary" items=summary title_key="q.errors.title"/>
            <form class="form questionnaire" on:submit=on_submit novalidate>
                <h2>{t("q.section.situation")}</h2>
                <TextField id=qid::AGE label=text("q.age") value=fields.age error=err(qid::AGE) input_type="number"
                    hint=Signal::derive(move || t_now(if certified_age() { "q.age_certified" } else { "q.age_hint" }))/>
                <RadioGroup id=qid::HAS_WORKED legend=text("q.has_worked") value=fields.has_worked choices=yes_no() error=err(qid::HAS_WORKED) inline=true/>
                <TextField id=qid::MONTHS_LOOKING label=text("q.months_looking") value=fields.months_looking error=err(qid::MONTHS_LOOKING)
                    input_type="number" hint=text("q.months_looking_hint")/>
                <RadioGroup id=qid::HAS_CV legend=text("q.has_cv") value=fields.has_cv choices=yes_no() error=err(qid::HAS_CV) inline=true/>

                <h2>{t("q.section.support")}</h2>
                <RadioGroup id=qid::NASPI legend=text("q.naspi") value=fields.naspi choices=yes_no() error=err(qid::NASPI) inline=true/>
                <Show when=move || fields.naspi.get() == YES>
                    <DateField id=qid::NASPI_SINCE legend=text("q.naspi_since") hint=text("q.date_example")
                        day=fields.naspi_day month=fields.naspi_month year=fields.naspi_year error=err(qid::NASPI_SINCE)/>
                </Show>
                <RadioGroup id=qid::DISABILITY legend=text("q.disability") value=fields.disability choices=yes_no() error=err(qid::DISABILITY)
                    hint=text("q.disability_hint") inline=true/>
                <Show when=move || fields.disability.get() == YES>
                    <TextField id=qid::DISABILITY_PERCENT label=text("q.disability_percent") value=fields.disability_percent
                        error=err(qid::DISABILITY_PERCENT) input_type="number"/>
                </Show>
                <RadioGroup id=qid::CARE legend=text("q.care") value=fields.care choices=yes_no() error=err(qid::CARE) inline=true/>

                <h2>{t("q.section.wishes")}</h2>
                <RadioGroup id=qid::SELF_EMPLOYMENT legend=text("q.self_employment") value=fields.self_employment choices=yes_no() error=err(qid::SELF_EMPLOYMENT) inline=true/>
                <RadioGroup id=qid::TRAINING legend=text("q.training") value=fields.training choices=yes_no() error=err(qid::TRAINING) inline=true/>
                <TextArea id=qid::LOOKING_FOR label=text("q.looking_for") value=fields.looking_for error=err(qid::LOOKING_FOR)/>
                <TextArea id=qid::HOLDS_BACK label=text("q.holds_back") value=fields.holds_back error=err(qid::HOLDS_BACK)/>
                <TextArea id=qid::TO_LEARN label=text("q.to_learn") value=fields.to_learn error=err(qid::TO_LEARN)/>
                <p class="draft-state" aria-live="polite">
                    {move || match draft.status.get() {
                        DraftStatus::Loading => t_now("draft.loading"),
                        DraftStatus::Saving | DraftStatus::Saved => t_now("q.saved"),
                        DraftStatus::Failed(e) => tm(&e.message()),
                    }}
                </p>
                <div class="actions">
                    <button type="submit" class="btn btn-primary">{t("q.show")}</button>
                </div>
            </form>
            <Show when=move || shown.get()>
                {move || map.get().map(|m| view! { <MapView map=m/> })}
                <IndexView index=index/>
                <section class="q-send" aria-labelledby="q-send-title">
                    <h2 id="q-send-title">{t("q.send.title")}</h2>
                    <p>{t("q.send.text")}</p>
                    <SendResult id="q-send-result" queued=Signal::derive(move || sent.with(Option::is_some))
                        queued_key="q.send.queued" outbox_link_key="q.send.see_outbox" error=send_error/>
                    // Sent in the person's name: SPID or CIE first.
                    <LoginRequired>
                        <button type="button" class="btn btn-primary" on:click=move |_| send.run(())>{t("q.send.button")}</button>
                    </LoginRequired>
                </section>
            </Show>
        </section>
    }
}

/// When the rules were last updated, as the person reads dates.
fn rules_date() -> String {
    service_map::rules()
        .ok()
        .and_then(|r| crate::domain::date::Date::parse_iso(&r.updated))
        .map(format_date)
        .unwrap_or_default()
}

/// The recommended services, each with its reason, and what to bring.
#[component]
fn MapView(map: ServiceMap) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let title_of = move |id: String| {
        move || {
            let lang = i18n.lang.get().code();
            app.catalogue
                .data
                .with(|d| {
                    d.as_ref().and_then(|feed| {
                        feed.items
                            .iter()
                            .find(|s| s.id == id)
                            .map(|s| s.title.get(lang).to_string())
                    })
                })
                .unwrap_or_else(|| id.clone())
        }
    };
    let empty = map.services.is_empty();
    view! {
        <section class="service-map" aria-labelledby="map-title">
            <h2 id="map-title" tabindex="-1">{t("q.map.title")}</h2>
            <FeedStatus handle=app.catalogue/>
            {empty.then(|| view! { <p>{t("q.map.empty")}</p> })}
            <ul class="map-list">
                {map.services.into_iter().map(|s| {
                    let href = routes::service(&s.service);
                    let reason = s.reason.clone();
                    let title = title_of(s.service.clone());
                    view! {
                        <li class="map-item" data-service=s.service data-rule=s.rule>
                            <h3><A href=href>{title}</A></h3>
                            <p class="map-reason">{move || tm(&reason)}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>{t("q.map.bring")}</h3>
            <ul class="map-bring">
                {map.bring.into_iter().map(|key| view! { <li>{t(key)}</li> }).collect_view()}
            </ul>
            <p>{t("percorso.link.from_map")}" "<A href=routes::PERCORSO>{t("percorso.title")}</A></p>
            <p class="hint">{move || tf("q.map.rules_date", &[("date", &rules_date())])}</p>
        </section>
    }
}

/// The official profiling index: the CPI's, when there is one.
#[component]
fn IndexView(index: RwSignal<Option<IndexAnswer>>) -> impl IntoView {
    view! {
        <section class="q-index" aria-labelledby="q-index-title">
            <h2 id="q-index-title">{t("q.index.title")}</h2>
            {move || match index.get() {
                Some(IndexAnswer::Computed(i)) => {
                    let (percent, when, demo) = (i.percent(), format_iso(&i.computed_at), i.demo);
                    let class = i.class_msg();
                    view! {
                        <p class="q-index-value"><strong>{move || tf("q.index.value", &[("percent", &percent), ("when", &when)])}</strong></p>
                        <p class="q-index-class">{move || tm(&class)}</p>
                        {demo.then(|| view! { <p class="demo-note">{t("q.index.demo")}</p> })}
                    }
                    .into_any()
                }
                _ => view! { <p class="q-index-pending">{t("q.index.pending")}</p> }.into_any(),
            }}
            <p class="hint">{t("q.index.meaning")}</p>
        </section>
    }
}
