//! Logging an atto di ricerca attiva: the form (a draft like every form), an
//! optional attachment kept on the device (2 MB at most), and the
//! submission to the CPI through the outbox.

use crate::components::error_summary::{field_messages, issue_items, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::fieldset::DateField;
use crate::components::notice::{Notice, Tone};
use crate::domain::outbox::SubmissionKind;
use crate::domain::percorso::SearchActKind;
use crate::domain::search_log::{
    act_kind_code, ActForm, ActIssue, Attachment, ATTACHMENT_MAX_BYTES,
};
use crate::hooks::use_draft::{use_draft, UseDraftOptions};
use crate::i18n::{t, t_now, tf, tm};
use crate::net::outbox;
use crate::state::use_app;
use crate::storage::personal::{self, StoredAttachment};
use crate::ui::file;
use crate::ui::focus::focus_later;
use leptos::prelude::*;
use leptos::task::spawn_local;

crate::form_signals! {
    /// One signal per field of [`ActForm`].
    struct Fields for ActForm {
        day: String, month: String, year: String, act_kind: String, employer: String,
        channel: String, note: String, commitment: String,
    }
}

fn text(key: &'static str) -> Signal<String> {
    Signal::derive(move || t_now(key))
}

/// The form; `commitments` are (id, title) of the patto's commitments, and
/// `on_logged` runs once an act is kept and queued.
#[component]
pub fn LogActForm(commitments: Vec<(String, String)>, on_logged: Callback<()>) -> impl IntoView {
    let app = use_app();
    let fields = Fields::new();
    let errors = RwSignal::new(Vec::<ActIssue>::new());
    let message = RwSignal::new(None::<(Tone, String)>);
    let draft = use_draft(
        "search-act",
        UseDraftOptions::new(move || fields.form(), move |f| fields.set(f))
            .is_blank(ActForm::is_blank),
    );
    let first = commitments
        .first()
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    if fields.commitment.get_untracked().is_empty() {
        fields.commitment.set(first);
    }
    let kinds = Signal::derive(|| {
        SearchActKind::ALL
            .iter()
            .map(|k| (act_kind_code(*k), t_now(k.key())))
            .collect::<Vec<_>>()
    });
    let commitment_options = Signal::derive(move || commitments.clone());
    let err = move |f: &'static str| field_messages(errors, f);
    let today = crate::state::today_date();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        let picked = file::picked("act-attachment");
        let meta = picked.as_ref().map(|p| Attachment {
            name: p.name.clone(),
            mime: p.mime.clone(),
            size: p.size,
        });
        let key = crate::net::outbox::new_key();
        let act = match fields.form_untracked().check(&key, today, meta) {
            Ok(a) => a,
            Err(found) => {
                errors.set(found);
                focus_later("act-error-summary");
                return;
            }
        };
        errors.set(Vec::new());
        let owner = app.session.owner();
        spawn_local(async move {
            if let Some(p) = picked {
                let Some(bytes) = p.bytes().await else {
                    message.set(Some((Tone::Error, t_now("percorso.act.error.unreadable"))));
                    return;
                };
                let stored = StoredAttachment::from_bytes(&p.name, &p.mime, &bytes);
                if let Err(e) = personal::save_attachment(&act.key, &stored).await {
                    message.set(Some((Tone::Error, tm(&e.message()))));
                    return;
                }
            }
            let mut list = personal::load_search_acts().await.unwrap_or_default();
            list.insert(0, act.clone());
            if let Err(e) = personal::save_search_acts(&list).await {
                message.set(Some((Tone::Error, tm(&e.message()))));
                return;
            }
            let title = tf("percorso.act.outbox_title", &[("date", &act.date)]);
            match outbox::enqueue_with_key(
                act.key.clone(),
                SubmissionKind::PattoUpdate,
                title,
                act.payload(),
                owner,
            )
            .await
            {
                Ok(_) => {
                    app.outbox.flush();
                    draft.discard.run(());
                    file::clear("act-attachment");
                    message.set(Some((Tone::Success, t_now("percorso.act.logged"))));
                    on_logged.run(());
                }
                Err(e) => message.set(Some((Tone::Error, tm(&e.message())))),
            }
            focus_later("act-message");
        });
    };
    let summary = issue_items(errors, |i: &ActIssue| (i.field, tm(&i.msg)));
    let max = format!("{} MB", ATTACHMENT_MAX_BYTES / (1024 * 1024));
    view! {
        <form class="form did-form act-form" on:submit=on_submit novalidate aria-labelledby="act-title">
            <h3 id="act-title">{t("percorso.act.title")}</h3>
            <ErrorSummary id="act-error-summary" items=summary title_key="percorso.act.errors"/>
            <SelectField id="act-commitment" label=text("percorso.act.commitment") value=fields.commitment options=commitment_options placeholder=text("profile.choose") error=err("act-commitment")/>
            <DateField id="act-date" legend=text("percorso.act.date") day=fields.day month=fields.month year=fields.year error=err("act-date") required=true/>
            <SelectField id="act-kind" label=text("percorso.act.kind") value=fields.act_kind options=kinds placeholder=text("profile.choose") error=err("act-kind") required=true/>
            <TextField id="act-employer" label=text("percorso.act.employer") value=fields.employer error=err("act-employer") autocomplete="organization"/>
            <TextField id="act-channel" label=text("percorso.act.channel") value=fields.channel error=err("act-channel") hint=text("percorso.act.channel_hint")/>
            <TextArea id="act-note" label=text("percorso.act.note") value=fields.note error=err("act-note")/>
            // A kiosk opens no file chooser: it would show the shared disk.
            {if app.kiosk.enabled() {
                view! { <p class="hint">{t("percorso.act.attachment_kiosk")}</p> }.into_any()
            } else {
                view! {
                    <div class="field" class:has-error=move || err("act-attachment").with(|e| e.is_some())>
                        <label for="act-attachment">{t("percorso.act.attachment")}</label>
                        <p class="hint" id="act-attachment-hint">{tf("percorso.act.attachment_hint", &[("max", &max)])}</p>
                        <input type="file" id="act-attachment" aria-describedby="act-attachment-hint"/>
                        {move || err("act-attachment").get().map(|e| view! { <p class="error-text" id="act-attachment-error">{e}</p> })}
                    </div>
                }.into_any()
            }}
            <button type="submit" class="btn btn-primary" id="act-save">{t("percorso.act.save")}</button>
            <div id="act-message" tabindex="-1">
                {move || message.get().map(|(tone, m)| view! { <Notice tone=tone><p>{m}</p></Notice> })}
            </div>
        </form>
    }
}
