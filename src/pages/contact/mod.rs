//! "Scrivi al tuo CPI": a message form. Every change is saved as a draft;
//! sending goes through the outbox, so it works offline too.

use crate::components::error_summary::{form_error_items, ErrorSummary};
use crate::components::feed_status::FeedStatus;
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::notice::{Notice, Tone};
use crate::components::send_result::SendResult;
use crate::domain::contact::{self, MessageForm};
use crate::domain::offices;
use crate::domain::outbox::SubmissionKind;
use crate::hooks::use_draft::{use_draft, DraftStatus, UseDraftOptions};
use crate::i18n::{t, t_now, tf, use_i18n};
use crate::net::outbox;
use crate::state::use_app;
use crate::ui::focus::focus_later;
use leptos::prelude::*;
use leptos::task::spawn_local;

const DRAFT_KEY: &str = "message";

#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
    cpi_id: RwSignal<String>,
    subject: RwSignal<String>,
    body: RwSignal<String>,
}

impl Fields {
    fn new() -> Self {
        Fields {
            name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            cpi_id: RwSignal::new(String::new()),
            subject: RwSignal::new(String::new()),
            body: RwSignal::new(String::new()),
        }
    }

    fn form(self) -> MessageForm {
        MessageForm {
            name: self.name.get(),
            email: self.email.get(),
            phone: self.phone.get(),
            cpi_id: self.cpi_id.get(),
            subject: self.subject.get(),
            body: self.body.get(),
        }
    }

    fn set(self, f: MessageForm) {
        self.name.set(f.name);
        self.email.set(f.email);
        self.phone.set(f.phone);
        self.cpi_id.set(f.cpi_id);
        self.subject.set(f.subject);
        self.body.set(f.body);
    }
}

// The route entry point, in the `contact` chunk.
crate::route_chunk!(contact, contact_view => ContactPage, preload = preload_contact);

#[component]
pub fn ContactPage() -> impl IntoView {
    let app = use_app();
    app.offices.ensure_loaded();
    let i18n = use_i18n();
    let fields = Fields::new();
    let errors = RwSignal::new(Vec::<(&'static str, &'static str)>::new());
    let sent = RwSignal::new(None::<String>);
    let send_error = RwSignal::new(None::<String>);

    // Restore the draft, then save on every change.
    let draft = use_draft(
        DRAFT_KEY,
        UseDraftOptions::new(move || fields.form(), move |f| fields.set(f))
            .is_blank(|f: &MessageForm| !f.has_content()),
    );
    let restored = draft.restored;

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

    let office_options = Signal::derive(move || {
        app.offices.data.with(|d| {
            d.as_ref()
                .map(|f| offices::choices(&f.items))
                .unwrap_or_default()
        })
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sent.set(None);
        send_error.set(None);
        let form = fields.form();
        let found = contact::validate(&form);
        errors.set(found.clone());
        if !found.is_empty() {
            focus_later("error-summary");
            return;
        }
        let office = app.offices.data.with_untracked(|d| {
            d.as_ref()
                .and_then(|f| offices::find(&f.items, &form.cpi_id))
                .map(|o| o.name.clone())
        });
        let title = tf(
            "contact.outbox_title",
            &[("office", &office.unwrap_or_else(|| form.cpi_id.clone()))],
        );
        // Sent while logged in, the message is bound to the person.
        let owner = app.session.owner();
        spawn_local(async move {
            match outbox::enqueue(
                SubmissionKind::Message,
                title,
                contact::payload(&form),
                owner,
            )
            .await
            {
                Ok(entry) => {
                    draft.remove_stored().await;
                    fields.set(form.after_send());
                    restored.set(false);
                    sent.set(Some(entry.key));
                    app.outbox.flush();
                    focus_later("send-result");
                }
                // The draft still holds everything: nothing is lost.
                Err(e) => send_error.set(Some(crate::i18n::tm(&e.message()))),
            }
        });
    };

    let discard = move |_| {
        draft.discard.run(());
        errors.set(Vec::new());
    };

    view! {
        <section class="page">
            <h1>{t("contact.title")}</h1>
            <p class="lead">{t("contact.lead")}</p>
            <FeedStatus handle=app.offices/>
            <SendResult id="send-result" queued=Signal::derive(move || sent.with(Option::is_some))
                queued_key="contact.queued" outbox_link_key="contact.see_outbox" error=send_error/>
            <Show when=move || restored.get()>
                <Notice tone=Tone::Info><p>{t("draft.restored")}</p></Notice>
            </Show>
            <ErrorSummary id="error-summary" items=form_error_items(errors)/>
            <form class="form" on:submit=on_submit novalidate>
                <p class="hint">{t("form.required_note")}</p>
                <TextField id="name" label=Signal::derive(t("contact.name")) value=fields.name error=error_for("name") autocomplete="name" required=true/>
                <TextField id="email" label=Signal::derive(t("contact.email")) value=fields.email error=error_for("email") input_type="email" autocomplete="email" required=true/>
                <TextField id="phone" label=Signal::derive(t("contact.phone")) value=fields.phone error=error_for("phone") input_type="tel" autocomplete="tel" hint=Signal::derive(t("contact.phone_hint"))/>
                <SelectField id="cpi_id" label=Signal::derive(t("contact.office")) value=fields.cpi_id options=office_options placeholder=Signal::derive(t("contact.office_choose")) error=error_for("cpi_id") required=true/>
                <TextField id="subject" label=Signal::derive(t("contact.subject")) value=fields.subject error=error_for("subject") required=true/>
                <TextArea id="body" label=Signal::derive(t("contact.body")) value=fields.body error=error_for("body") hint=Signal::derive(t("contact.body_hint")) required=true/>
                <p class="draft-state" aria-live="polite">
                    {move || match draft.status.get() {
                        DraftStatus::Loading => t_now("draft.loading"),
                        DraftStatus::Saving | DraftStatus::Saved => t_now("draft.saved"),
                        DraftStatus::Failed(e) => crate::i18n::tm(&e.message()),
                    }}
                </p>
                <div class="actions">
                    <button type="submit" class="btn btn-primary">{t("contact.send")}</button>
                    <button type="button" class="btn btn-secondary" on:click=discard>{t("draft.discard")}</button>
                </div>
            </form>
        </section>
    }
}
