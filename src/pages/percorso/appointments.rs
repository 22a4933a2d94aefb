//! Appointments and convocations: the next one at the top of the page, the
//! list with what is at stake under art. 21 (never as decided) and how to
//! justify, calendar files (iCalendar), reminders, and the person's
//! answers (confirm, ask to move it, justify an absence) through the outbox.

use crate::components::error_summary::field_messages;
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::notice::{Notice, Tone};
use crate::domain::appointment_action::{payload_action, Action, ActionForm, ActionIssue};
use crate::domain::outbox::{DeliveryState, OutboxEntry, SubmissionKind};
use crate::domain::percorso::{
    appointment_stake, appointments_to_ics, justify_window, reasons, Appointment,
    AppointmentStatus, DateTime, Percorso, SanctionRules,
};
use crate::hooks::use_draft::{use_draft, UseDraftOptions};
use crate::i18n::{t, t_now, tf, tm};
use crate::net::outbox;
use crate::state::use_app;
use crate::storage::device_data::{download_file, DownloadRefused};
use crate::ui::focus::focus_later;
use crate::ui::format::format_date;
use crate::ui::notify::{self, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;

crate::form_signals! {
    /// One signal per field of [`ActionForm`].
    struct Fields for ActionForm {
        appointment_id: String, action: String, reason: String, preferred: String, reason_kind: String,
    }
}

fn now() -> DateTime {
    let (date, h, m) = crate::state::now_local();
    DateTime::new(date, h, m, 0).unwrap_or(DateTime::start_of(date))
}

/// The appointments still to come, soonest first.
fn upcoming(p: &Percorso, at: DateTime) -> Vec<Appointment> {
    let mut list: Vec<Appointment> = p
        .appointments
        .iter()
        .filter(|a| a.status.is_open() && a.end >= at)
        .cloned()
        .collect();
    list.sort_by_key(|a| a.start);
    list
}

fn when(a: &Appointment) -> String {
    tf(
        "percorso.appt.when",
        &[
            ("weekday", &crate::ui::format::weekday(a.start.date)),
            ("date", &format_date(a.start.date)),
            ("time", &a.start.format_time()),
        ],
    )
}

/// Offer `list` as an .ics file.
fn export(list: &[Appointment], file_name: &str) -> Result<(), DownloadRefused> {
    let stamp = DateTime::from_unix_seconds((js_sys::Date::now() / 1000.0) as i64).unwrap_or(now());
    let host = web_sys::window()
        .and_then(|w| w.location().host().ok())
        .unwrap_or_else(|| "sportello-lavoro".into());
    let text = appointments_to_ics(list, stamp, &host);
    download_file(file_name, "text/calendar;charset=utf-8", &text)
}

#[component]
pub fn NextAppointment(percorso: Percorso) -> impl IntoView {
    let at = now();
    let next = upcoming(&percorso, at).into_iter().next();
    // A reminder within a day: in the app always, and as a notification
    // when the person allowed them.
    if let Some(a) = &next {
        let hours = (a.start.unix_seconds() - at.unix_seconds()) / 3600;
        if hours < 24 {
            notify::show(
                &t_now("percorso.reminder.title"),
                &format!("{} – {}", when(a), a.purpose),
                &a.id,
            );
        }
    }
    let permission = RwSignal::new(notify::permission());
    let ask = move |_| {
        spawn_local(async move {
            permission.set(notify::request().await);
        });
    };
    view! {
        <section class="percorso-section next-appointment" aria-labelledby="next-title">
            <h2 id="next-title">{t("percorso.next.title")}</h2>
            {match next {
                None => view! { <p>{t("percorso.next.none")}</p> }.into_any(),
                Some(a) => {
                    let soon = (a.start.unix_seconds() - at.unix_seconds()) < 24 * 3600;
                    view! {
                        {soon.then(|| view! { <Notice tone=Tone::Warning><p class="in-app-reminder">{t("percorso.reminder.soon")}</p></Notice> })}
                        <p class="next-when"><strong>{when(&a)}</strong></p>
                        <p>{a.purpose.clone()}</p>
                        <p>{t_now(a.channel.key())}{a.place.clone().map(|p| format!(" – {p}"))}</p>
                    }.into_any()
                }
            }}
            {move || match permission.get() {
                Permission::NotAsked => view! {
                    <p><button type="button" class="btn btn-secondary" id="reminders-on" on:click=ask>{t("percorso.reminder.enable")}</button></p>
                }.into_any(),
                Permission::Granted => view! { <p class="hint">{t("percorso.reminder.on")}</p> }.into_any(),
                Permission::Denied | Permission::Unsupported => view! { <p class="hint">{t("percorso.reminder.in_app")}</p> }.into_any(),
            }}
        </section>
    }
}

/// The newest answer the person sent about `id`.
fn latest_answer(entries: &[OutboxEntry], id: &str) -> Option<(Action, DeliveryState)> {
    entries
        .iter()
        .filter(|e| e.kind == SubmissionKind::PattoUpdate)
        .filter_map(|e| {
            payload_action(&e.payload)
                .filter(|(a, _)| *a == id)
                .map(|(_, action)| (e.created_at, action, e.state.clone()))
        })
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, a, s)| (a, s))
}

#[component]
pub fn Appointments(percorso: Percorso) -> impl IntoView {
    let app = use_app();
    // A kiosk saves no calendar files: its disk is shared.
    let kiosk = app.kiosk.enabled();
    let fields = Fields::new();
    let errors = RwSignal::new(Vec::<ActionIssue>::new());
    let draft = use_draft(
        "appointment-action",
        UseDraftOptions::new(move || fields.form(), move |f| fields.set(f))
            .is_blank(ActionForm::is_blank),
    );
    let rules = SanctionRules::load().ok();
    let at = now();
    let mut list = percorso.appointments.clone();
    list.sort_by_key(|a| std::cmp::Reverse(a.start));
    let all = StoredValue::new(percorso.appointments.clone());
    let checks = StoredValue::new(percorso.checks.clone());
    let naspi = percorso.patto.as_ref().and_then(|p| p.naspi.clone());
    let export_error = RwSignal::new(None::<String>);

    let send = move |action: Action| {
        let form = fields.form_untracked();
        let payload = match form.payload(action) {
            Ok(p) => p,
            Err(found) => {
                errors.set(found);
                focus_later("appt-reason");
                return;
            }
        };
        errors.set(Vec::new());
        let title = tf(
            match action {
                Action::Confirm => "percorso.appt.outbox.confirm",
                Action::Reschedule => "percorso.appt.outbox.reschedule",
                Action::Justify => "percorso.appt.outbox.justify",
            },
            &[("id", &form.appointment_id)],
        );
        let owner = app.session.owner();
        let id = form.appointment_id.clone();
        spawn_local(async move {
            match outbox::enqueue(SubmissionKind::PattoUpdate, title, payload, owner).await {
                Ok(_) => {
                    draft.discard.run(());
                    app.outbox.flush();
                    focus_later(format!("appt-{id}-state"));
                }
                Err(e) => export_error.set(Some(tm(&e.message()))),
            }
        });
    };
    let export_all = {
        let list = percorso.appointments.clone();
        move |_| {
            if export(&list, "appuntamenti-cpi.ics").is_err() {
                export_error.set(Some(t_now("percorso.appt.export_failed")));
            }
        }
    };

    view! {
        <section class="percorso-section" aria-labelledby="appts-title">
            <h2 id="appts-title">{t("percorso.appts.title")}</h2>
            {move || export_error.get().map(|e| view! { <Notice tone=Tone::Error><p>{e}</p></Notice> })}
            {if list.is_empty() {
                view! { <p>{t("percorso.next.none")}</p> }.into_any()
            } else if kiosk {
                ().into_any()
            } else {
                view! {
                    <p><button type="button" class="btn btn-secondary" id="appts-export-all" on:click=export_all>{t("percorso.appt.export_all")}</button></p>
                }.into_any()
            }}
            <ul class="appointments plain">
                {list.into_iter().map(|a| {
                    let id = a.id.clone();
                    let stake = rules.and_then(|r| all.with_value(|all| checks.with_value(|c| appointment_stake(r, &a, all, c, naspi.as_ref()))));
                    let window = rules.and_then(|r| justify_window(&r.justification, &a, at));
                    let state_id = format!("appt-{id}-state");
                    let answer = {
                        let id = id.clone();
                        Memo::new(move |_| app.outbox.entries.with(|es| latest_answer(es, &id)))
                    };
                    let one = a.clone();
                    let export_one = move |_| {
                        if export(std::slice::from_ref(&one), &format!("{}.ics", one.id)).is_err() {
                            export_error.set(Some(t_now("percorso.appt.export_failed")));
                        }
                    };
                    let open_form = {
                        let id = id.clone();
                        move |action: &'static str| {
                            fields.appointment_id.set(id.clone());
                            fields.action.set(action.to_string());
                            errors.set(Vec::new());
                            focus_later("appt-reason");
                        }
                    };
                    let (o1, o2) = (open_form.clone(), open_form.clone());
                    let id_c = id.clone();
                    let id_f = id.clone();
                    let form_open = move || fields.appointment_id.get() == id_f && !fields.action.get().is_empty();
                    let actionable = a.status.is_open();
                    let missed = a.status == AppointmentStatus::Missed;
                    view! {
                        <li class="appointment" data-id=id.clone() data-status=format!("{:?}", a.status).to_lowercase()>
                            <h3>{t_now(a.kind.key())}": "{when(&a)}</h3>
                            <p>{a.purpose.clone()}</p>
                            <p>{t_now(a.channel.key())}{a.place.clone().map(|p| format!(" – {p}"))}</p>
                            <p class="appt-status"><strong>{t_now(a.status.key())}</strong></p>
                            {stake.map(|s| {
                                let tone = if missed { Tone::Warning } else { Tone::Info };
                                view! {
                                    <Notice tone=tone class="sanction-notice">
                                        <p>{tm(&s.message())}</p>
                                        {s.previous_message().map(|m| view! { <p>{tm(&m)}</p> })}
                                        {window.map(|w| view! { <p class="justify-window">{tm(&w.message())}</p> })}
                                        <p class="hint">{tm(&crate::domain::percorso::disclaimer())}</p>
                                    </Notice>
                                }
                            })}
                            <div id=state_id.clone() tabindex="-1" role="status">
                                {move || answer.get().map(|(action, state)| {
                                    let what = t_now(match action {
                                        Action::Confirm => "percorso.appt.sent.confirm",
                                        Action::Reschedule => "percorso.appt.sent.reschedule",
                                        Action::Justify => "percorso.appt.sent.justify",
                                    });
                                    let how = t_now(match state {
                                        DeliveryState::Pending => "percorso.appt.state.pending",
                                        DeliveryState::Delivered { .. } => "percorso.appt.state.delivered",
                                        DeliveryState::Rejected { .. } => "percorso.appt.state.rejected",
                                    });
                                    view! { <p class="appt-answer">{format!("{what}: {how}")}</p> }
                                })}
                            </div>
                            <div class="appt-actions">
                                {(!kiosk).then(|| view! {
                                    <button type="button" class="btn btn-secondary" on:click=export_one>{t("percorso.appt.export")}</button>
                                })}
                                {actionable.then(|| {
                                    let id = id_c.clone();
                                    view! {
                                        <button type="button" class="btn btn-secondary" on:click=move |_| {
                                            fields.appointment_id.set(id.clone());
                                            send(Action::Confirm);
                                        }>{t("percorso.appt.confirm")}</button>
                                        <button type="button" class="btn btn-secondary" on:click=move |_| o1("reschedule")>{t("percorso.appt.reschedule")}</button>
                                    }
                                })}
                                {(actionable || missed).then(|| view! {
                                    <button type="button" class="btn btn-secondary" on:click=move |_| o2("justify")>{t("percorso.appt.justify")}</button>
                                })}
                            </div>
                            <Show when=form_open.clone()>
                                <ActionSubform fields=fields errors=errors send=Callback::new(send)/>
                            </Show>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ActionSubform(
    fields: Fields,
    errors: RwSignal<Vec<ActionIssue>>,
    send: Callback<Action>,
) -> impl IntoView {
    let justify = move || fields.action.get() == "justify";
    let reason_options = Signal::derive(move || {
        SanctionRules::load()
            .ok()
            .map(|r| {
                reasons(&r.justification)
                    .into_iter()
                    .map(|(k, _)| {
                        let code = serde_json::to_value(k)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default();
                        (code, t_now(k.key()))
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let err = move |f: &'static str| field_messages(errors, f);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let action = if justify() {
            Action::Justify
        } else {
            Action::Reschedule
        };
        send.run(action);
    };
    view! {
        <form class="form did-form subform" on:submit=submit novalidate>
            <h4>{move || t_now(if justify() { "percorso.appt.justify_title" } else { "percorso.appt.reschedule_title" })}</h4>
            <Show when=justify>
                <SelectField id="appt-reason-kind" label=Signal::derive(|| t_now("percorso.appt.reason_kind")) value=fields.reason_kind options=reason_options placeholder=Signal::derive(|| t_now("profile.choose")) error=err("appt-reason-kind") required=true/>
            </Show>
            <TextArea id="appt-reason" label=Signal::derive(|| t_now("percorso.appt.reason")) value=fields.reason error=err("appt-reason") required=true/>
            <Show when=move || !justify()>
                <TextField id="appt-preferred" label=Signal::derive(|| t_now("percorso.appt.preferred")) value=fields.preferred error=err("appt-preferred")/>
            </Show>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" id="appt-send">{t("percorso.appt.send")}</button>
                <button type="button" class="btn btn-secondary" on:click=move |_| { fields.action.set(String::new()); errors.set(Vec::new()); }>{t("profile.exp.cancel")}</button>
            </div>
        </form>
    }
}
