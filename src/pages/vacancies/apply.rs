//! Applying to an offer ("candidatura"): a short form prefilled from the
//! profile remembered on this device (with consent), validated with precise
//! messages, and sent through the outbox, so it works offline and reaches
//! the CPI exactly once. The status follows the outbox entry: "in attesa di
//! invio", then "inviata" with the CAND-… receipt.

use crate::components::error_summary::{form_error_items, ErrorSummary};
use crate::components::field::{TextArea, TextField};
use crate::components::login_required::LoginRequired;
use crate::components::notice::{Notice, Tone};
use crate::domain::cv::Cv;
use crate::domain::outbox::{DeliveryState, OutboxEntry, SubmissionKind};
use crate::domain::vacancy::Vacancy;
use crate::domain::vacancy_lists::{
    application_payload, payload_vacancy_id, validate_application, ApplicationForm, FieldError,
    APPLICATION_MESSAGE_MAX,
};
use crate::i18n::{t, t_now, tf, use_i18n};
use crate::net::outbox;
use crate::routes;
use crate::state::use_app;
use crate::storage::personal::{delete_profile, load_profile, save_profile};
use crate::ui::focus::focus_later;
use crate::ui::format::format_time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// The newest application to this offer in the outbox.
fn latest_application(entries: &[OutboxEntry], vacancy_id: &str) -> Option<OutboxEntry> {
    entries
        .iter()
        .filter(|e| {
            e.kind == SubmissionKind::Application
                && payload_vacancy_id(&e.payload) == Some(vacancy_id)
        })
        .max_by(|a, b| a.created_at.total_cmp(&b.created_at))
        .cloned()
}

/// The application's status and receipt, following the outbox.
#[component]
pub fn ApplicationStatus(vacancy_id: String) -> impl IntoView {
    let app = use_app();
    app.outbox.refresh();
    let entry = Memo::new(move |_| {
        app.outbox
            .entries
            .with(|es| latest_application(es, &vacancy_id))
    });
    view! {
        <div class="apply-status" id="apply-status" tabindex="-1" role="status">
            {move || entry.get().map(|e| match e.state.clone() {
                DeliveryState::Pending => view! {
                    <Notice tone=Tone::Warning class="apply-receipt" live=false state="pending">
                        <p><strong>{t("vacancies.apply.pending")}</strong></p>
                        <p>{move || tf("vacancies.apply.pending_text", &[("when", &format_time(e.created_at))])}</p>
                        <p class="hint">{move || tf("vacancies.apply.local_key", &[("key", &e.key)])}</p>
                    </Notice>
                }.into_any(),
                DeliveryState::Delivered { receipt } => {
                    let when = format_time(e.delivered_at.unwrap_or(e.created_at));
                    view! {
                        <Notice tone=Tone::Success class="apply-receipt" live=false state="delivered">
                            <p><strong>{move || tf("vacancies.apply.delivered", &[("when", &when)])}</strong></p>
                            <p>{move || tf("vacancies.apply.receipt", &[("id", &receipt.id)])}</p>
                        </Notice>
                    }.into_any()
                }
                DeliveryState::Rejected { .. } => {
                    let text = e.problem().map(|m| crate::i18n::tm(&m)).unwrap_or_default();
                    view! {
                        <Notice tone=Tone::Error class="apply-receipt" live=false state="rejected">
                            <p><strong>{t("vacancies.apply.rejected")}</strong></p>
                            <p>{text}</p>
                        </Notice>
                    }.into_any()
                }
            })}
        </div>
    }
}

#[component]
pub fn ApplyForm(vacancy: Vacancy) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let id = vacancy.id.clone();
    let applied = Memo::new(move |_| {
        app.outbox.entries.with(|es| {
            latest_application(es, &id)
                .is_some_and(|e| !matches!(e.state, DeliveryState::Rejected { .. }))
        })
    });
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    // The CV made from the profile, which the person may attach.
    let cv_profile = RwSignal::new(None::<crate::domain::profile::Profile>);
    let attach_cv = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let send_error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);

    // Prefill from the remembered profile (never overwriting what is typed).
    spawn_local(async move {
        if let Ok(Some(p)) = load_profile().await {
            let f = ApplicationForm::from_profile(&p);
            let fill = |s: RwSignal<String>, v: String| {
                if s.try_with_untracked(String::is_empty).unwrap_or(false) {
                    s.try_set(v);
                }
            };
            fill(name, f.name);
            fill(email, f.email);
            fill(phone, f.phone);
            remember.try_set(f.remember);
            if !Cv::from_profile(&p, "it").is_empty() {
                cv_profile.try_set(Some(p));
            }
        }
    });

    let error_for = move |field: &'static str| {
        Signal::derive(move || {
            i18n.lang.track();
            errors.with(|es| {
                es.iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, key)| t_now(key))
            })
        })
    };
    let vacancy_for_submit = vacancy.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        send_error.set(None);
        let form = ApplicationForm {
            name: name.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            message: message.get_untracked(),
            remember: remember.get_untracked(),
        };
        let found = validate_application(&form);
        errors.set(found.clone());
        if !found.is_empty() {
            focus_later("apply-errors");
            return;
        }
        sending.set(true);
        let owner = app.session.owner();
        let v = vacancy_for_submit.clone();
        let cv = attach_cv
            .get_untracked()
            .then(|| cv_profile.get_untracked())
            .flatten()
            .map(|p| Cv::from_profile(&p, i18n.lang.get_untracked().code()));
        let title = tf(
            "vacancies.apply.outbox_title",
            &[("title", &v.title), ("employer", &v.employer.name)],
        );
        spawn_local(async move {
            // Name, email and phone are kept in the profile only with
            // consent; unticking takes them out of it.
            let mut profile = load_profile().await.ok().flatten().unwrap_or_default();
            form.update_profile(&mut profile);
            if profile == Default::default() {
                let _ = delete_profile().await;
            } else {
                let _ = save_profile(&profile).await;
            }
            match outbox::enqueue(
                SubmissionKind::Application,
                title,
                application_payload(&v, &form, cv.as_ref()),
                owner,
            )
            .await
            {
                Ok(_) => {
                    message.try_set(String::new());
                    open.try_set(false);
                    app.outbox.flush();
                    focus_later("apply-status");
                }
                Err(e) => {
                    send_error.try_set(Some(crate::i18n::tm(&e.message())));
                }
            }
            sending.try_set(false);
        });
    };
    let on_submit = Callback::new(on_submit);
    let toggle = move |_| {
        open.set(true);
        focus_later("apply-name");
    };

    view! {
        <section class="apply" id="candidatura" aria-labelledby="apply-title">
            <h2 id="apply-title">{t("vacancies.apply.title")}</h2>
            <ApplicationStatus vacancy_id=vacancy.id.clone()/>
            // An application is made in the person's name.
            <LoginRequired>
            <Show when=move || !open.get() && !applied.get()>
                <p>{t("vacancies.apply.intro")}</p>
                <button type="button" class="btn btn-primary apply-open" aria-controls="apply-form" aria-expanded="false" on:click=toggle>
                    {t("vacancies.apply.open")}
                </button>
            </Show>
            <Show when=move || open.get()>
                <ErrorSummary id="apply-errors" items=form_error_items(errors)/>
                {move || send_error.get().map(|e| view! { <Notice tone=Tone::Error><p>{e}</p></Notice> })}
                <form id="apply-form" class="form apply-form" on:submit=move |ev| on_submit.run(ev) novalidate>
                    <p class="hint">{t("form.required_note")}</p>
                    <TextField id="apply-name" label=Signal::derive(t("vacancies.apply.name")) value=name error=error_for("apply-name") autocomplete="name" required=true/>
                    <TextField id="apply-email" label=Signal::derive(t("vacancies.apply.email")) value=email error=error_for("apply-email") input_type="email" autocomplete="email" required=true/>
                    <TextField id="apply-phone" label=Signal::derive(t("vacancies.apply.phone")) value=phone error=error_for("apply-phone") input_type="tel" autocomplete="tel" required=true
                        hint=Signal::derive(t("vacancies.apply.phone_hint"))/>
                    <TextArea id="apply-message" label=Signal::derive(t("vacancies.apply.message")) value=message error=error_for("apply-message")
                        hint=Signal::derive(move || tf("vacancies.apply.message_hint", &[("max", &APPLICATION_MESSAGE_MAX.to_string())]))/>
                    <div class="field check-field">
                        <input type="checkbox" id="apply-remember" prop:checked=move || remember.get()
                            on:change=move |ev| remember.set(event_target_checked(&ev))/>
                        <label for="apply-remember">{t("vacancies.apply.remember")}</label>
                    </div>
                    <Show when=move || cv_profile.with(Option::is_some)>
                        <div class="field check-field">
                            <input type="checkbox" id="apply-cv" prop:checked=move || attach_cv.get()
                                on:change=move |ev| attach_cv.set(event_target_checked(&ev))/>
                            <label for="apply-cv">{t("vacancies.apply.attach_cv")}</label>
                            " "
                            <A href=routes::CV>{t("vacancies.apply.see_cv")}</A>
                        </div>
                    </Show>
                    <p class="hint">{t("vacancies.apply.privacy")}</p>
                    <div class="actions">
                        <button type="submit" class="btn btn-primary" prop:disabled=move || sending.get()>{t("vacancies.apply.submit")}</button>
                        <button type="button" class="btn btn-secondary" on:click=move |_| { open.set(false); errors.set(Vec::new()); }>
                            {t("vacancies.apply.cancel")}
                        </button>
                    </div>
                </form>
            </Show>
            </LoginRequired>
        </section>
    }
}
