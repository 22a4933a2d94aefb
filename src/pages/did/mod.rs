//! DID online: the guided declaration (`/did`), its receipt and status
//! timeline (`/did/ricevuta/:key`). Every rule lives in `domain::did`; these
//! views hold the form's signals, save the draft on every change, move
//! between steps and hand the submission to the outbox.

mod receipt;
mod status;
mod steps;
mod widgets;

pub use receipt::DidReceiptPage;

// Route entry points: the wizard in the `did` chunk, the receipt (QR code,
// status timeline) in `did_receipt`.
crate::route_chunk!(did, did_view => DidPage, preload = preload_did);
crate::route_chunk!(did_receipt, receipt_view => DidReceiptPage, preload = preload_receipt);

use crate::components::error_summary::{issue_items, ErrorSummary};
use crate::components::login_required::LoginRequired;
use crate::components::notice::{Notice, Tone};
use crate::domain::codice_fiscale::BelfioreLookup;
use crate::domain::comuni::{BelfioreIndex, ComuniIndex};
use crate::domain::date::Date;
use crate::domain::did::{self, Ctx, DidForm, Issue, Step, STEPS};
use crate::domain::identity::Identity;
use crate::domain::outbox::SubmissionKind;
use crate::hooks::use_draft::{use_draft, DraftStatus, UseDraftOptions};
use crate::i18n::{t, t_now, tm};
use crate::net::outbox;
use crate::routes;
use crate::state::{use_app, AppState};
use crate::storage::personal;
use crate::ui::focus::focus_later;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;
use widgets::Stepper;

const DRAFT_KEY: &str = "did";

crate::form_signals! {
    /// One signal per field of [`DidForm`].
    pub(crate) struct Fields for DidForm {
        step: u8, furthest: u8,
        naspi: String, naspi_day: String, naspi_month: String, naspi_year: String,
        codice_fiscale: String, surname: String, name: String, sex: String,
        birth_day: String, birth_month: String, birth_year: String, birth_country: String,
        birthplace_query: String, birthplace_code: String, citizenship: String,
        permit_type: String, permit_number: String, permit_day: String, permit_month: String,
        permit_year: String,
        res_query: String, res_istat: String, res_cap: String, res_address: String,
        dom_same: bool, dom_query: String, dom_istat: String, dom_cap: String, dom_address: String,
        email: String, phone: String, mobile: String,
        situation: String, work_kind: String, income: String, notice_day: String,
        notice_month: String, notice_year: String, intermittent_days: String,
        cpi_id: String, cpi_for: String, cpi_confirmed: bool, availability: String,
        decl_no_work: bool, decl_informed: bool, decl_no_other_did: bool, decl_privacy: bool,
    }
}

/// The place indexes, there once the reference feeds are decoded. Each step
/// starts loading the ones it needs (`steps.rs`): nothing at the wizard's start.
#[derive(Clone, Copy)]
pub(crate) struct Indexes {
    pub belfiore: Signal<Option<Arc<BelfioreIndex>>>,
    pub births: Signal<Option<Arc<did::BirthplaceIndex>>>,
    pub comuni: Signal<Option<Arc<ComuniIndex>>>,
}

impl Indexes {
    fn new(app: AppState) -> Self {
        let places = move || app.belfiore.data.get().map(|f| f.index.clone());
        Indexes {
            belfiore: Signal::derive(move || places().map(|p| p.belfiore.clone())),
            births: Signal::derive(move || places().map(|p| p.births.clone())),
            comuni: crate::state::use_comuni_index(),
        }
    }
}

/// What every step needs, provided as context by the wizard.
#[derive(Clone, Copy)]
pub(crate) struct Wizard {
    pub fields: Fields,
    pub errors: RwSignal<Vec<Issue>>,
    pub indexes: Indexes,
    pub app: AppState,
    pub today: Date,
    pub goto: Callback<Step>,
    pub submitting: RwSignal<bool>,
    pub submit_error: RwSignal<Option<String>>,
    /// The person logged in (SPID/CIE): their certified data fill the form.
    pub identity: Signal<Option<Identity>>,
}

impl Wizard {
    /// Run `run` with the validation context of the moment (untracked);
    /// `None` only if the shipped rules file is broken.
    pub fn with_ctx<R>(self, run: impl FnOnce(&Ctx) -> R) -> Option<R> {
        let rules = did::rules().ok()?;
        let b = self.indexes.belfiore.get_untracked();
        let c = self.indexes.comuni.get_untracked();
        let o = self.app.offices.data.get_untracked();
        let ctx = Ctx {
            today: self.today,
            rules,
            belfiore: b.as_deref().map(|x| x as &dyn BelfioreLookup),
            comuni: c.as_deref(),
            offices: o.as_ref().map(|feed| feed.items.as_slice()),
        };
        Some(run(&ctx))
    }

    /// The error of a field, in the current language.
    pub fn err(self, field: &'static str) -> Signal<Option<String>> {
        crate::components::error_summary::field_messages(self.errors, field)
    }
}

#[component]
pub fn DidPage() -> impl IntoView {
    let app = use_app();
    app.offices.ensure_loaded();
    let navigate = StoredValue::new_local(use_navigate());

    let fields = Fields::new();
    let errors = RwSignal::new(Vec::<Issue>::new());
    let confirm_discard = RwSignal::new(false);
    let last_did = RwSignal::new(None::<personal::LastDid>);
    let submitting = RwSignal::new(false);
    let submit_error = RwSignal::new(None::<String>);
    let indexes = Indexes::new(app);

    // Restore the draft (fields and step), then save on every change.
    let draft = use_draft(
        DRAFT_KEY,
        UseDraftOptions::new(move || fields.form(), move |form| fields.set(form))
            .is_blank(DidForm::is_blank),
    );
    let (loaded, restored) = (draft.loaded, draft.restored);
    // (After an await only `set` is used: a no-op if the page is gone.)
    spawn_local(async move {
        last_did.set(personal::last_did().await);
    });

    let step = Memo::new(move |_| Step::from_index(usize::from(fields.step.get())));
    // The receipt follows the sending, offline too: at the summary, fetch its
    // chunk (without a service worker nothing else would have it).
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || step.get() != Step::Summary {
            return done.unwrap_or(false);
        }
        spawn_local(async {
            let _ = preload_receipt().await;
        });
        true
    });

    let goto = Callback::new(move |s: Step| {
        let i = u8::try_from(s.index()).unwrap_or(0);
        errors.set(Vec::new());
        submit_error.set(None);
        fields.step.set(i);
        fields.furthest.update(|x| *x = (*x).max(i));
        window().scroll_to_with_x_and_y(0.0, 0.0);
        focus_later("did-step-heading");
    });

    // "Il mio profilo" fills what the form still lacks, once the draft is read.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || !loaded.get() {
            return done.unwrap_or(false);
        }
        spawn_local(async move {
            if let Ok(Some(profile)) = personal::load_profile().await {
                let mut form = fields.form_untracked();
                if did::prefill_from_profile(&mut form, &profile) {
                    fields.set_changed(form);
                }
            }
        });
        true
    });

    let identity = Signal::derive(move || app.session.identity());
    // The data SPID or CIE certify replace what a draft holds (it may even be
    // someone else's draft on a shared device), once the draft is read and
    // again when the birthplace list arrives (for the place's name).
    Effect::new(move |_| {
        if !loaded.get() {
            return;
        }
        let Some(id) = identity.get() else { return };
        let belfiore = indexes.belfiore.get();
        let mut form = fields.form_untracked();
        let lookup = belfiore.as_deref().map(|b| b as &dyn BelfioreLookup);
        if did::prefill_identity(&mut form, &id.person, lookup) {
            fields.set_changed(form);
        }
    });

    let wizard = Wizard {
        fields,
        errors,
        indexes,
        app,
        today: crate::state::today_date(),
        goto,
        submitting,
        submit_error,
        identity,
    };

    let submit = Callback::new(move |_: ()| {
        if submitting.get_untracked() {
            return;
        }
        submit_error.set(None);
        let form = fields.form_untracked();
        let cpi_name = app
            .offices
            .data
            .with_untracked(|d| {
                d.as_ref()
                    .and_then(|feed| did::office_name(&feed.items, &form.cpi_id))
            })
            .unwrap_or_default();
        let built = wizard.with_ctx(|ctx| did::build_payload(&form, ctx, &cpi_name));
        let payload = match built {
            Some(Ok(p)) => p,
            Some(Err(issues)) => {
                // Send the person to the first step with a problem.
                let (first, own) =
                    did::first_step_issues(issues).unwrap_or((Step::Start, Vec::new()));
                goto.run(first);
                errors.set(own);
                focus_later("did-error-summary");
                return;
            }
            None => {
                submit_error.set(Some(t_now("did.rules_broken")));
                return;
            }
        };
        let json = match serde_json::to_value(&payload) {
            Ok(j) => j,
            Err(_) => {
                submit_error.set(Some(t_now("error.outbox.unserializable")));
                return;
            }
        };
        submitting.set(true);
        let owner = app.session.owner();
        spawn_local(async move {
            let title = did::outbox_title(&payload);
            match outbox::enqueue(SubmissionKind::Did, title, json, owner).await {
                Ok(entry) => {
                    // What the DID collected is the person's newest word:
                    // it updates their profile (on this device only).
                    let _ = personal::update_profile(|p| did::absorb_into_profile(p, &form)).await;
                    draft.remove_stored().await;
                    let _ = personal::remember_last_did(&entry.key, entry.created_at).await;
                    app.outbox.flush();
                    let path = routes::did_receipt(&entry.key);
                    navigate.with_value(|nav| nav(&path, Default::default()));
                }
                // The draft still holds everything.
                Err(e) => {
                    submit_error.set(Some(crate::i18n::tm(&e.message())));
                    submitting.set(false);
                }
            }
        });
    });
    provide_context(wizard);

    let next = move |_| {
        let s = step.get_untracked();
        let form = fields.form_untracked();
        let issues = wizard
            .with_ctx(|ctx| did::validate_step(s, &form, ctx))
            .unwrap_or_default();
        if !issues.is_empty() {
            errors.set(issues);
            focus_later("did-error-summary");
            return;
        }
        goto.run(s.next());
    };
    let back = move |_| goto.run(step.get_untracked().prev());

    let discard = move |_| {
        confirm_discard.set(false);
        draft.discard.run(());
        errors.set(Vec::new());
        focus_later("did-step-heading");
    };

    let titles: Vec<&'static str> = STEPS.iter().map(|s| s.title_key()).collect();
    let titles = StoredValue::new(titles);
    let summary = issue_items(errors, |i: &Issue| (i.field, tm(&i.msg)));

    view! {
        <section class="page did-page">
            <h1>{t("did.title")}</h1>
            <p class="lead">{t("did.lead")}</p>
            {move || did::rules().err().map(|_| view! {
                <Notice tone=Tone::Error><p>{t("did.rules_broken")}</p></Notice>
            })}
            {move || last_did.get().map(|l| view! {
                <Notice tone=Tone::Info>
                    <p>{t("did.already_sent")}" "<A href=routes::did_receipt(&l.key)>{t("did.see_receipt")}</A></p>
                </Notice>
            })}
            <Show when=move || restored.get()>
                <Notice tone=Tone::Info><p>{t("did.draft.restored")}</p></Notice>
            </Show>
            // A DID is made in the person's name: SPID or CIE first.
            <LoginRequired>
            <Show
                when=move || loaded.get()
                fallback=|| view! { <p class="loading" role="status">{t("draft.loading")}</p> }
            >
                <Stepper
                    titles=titles.get_value()
                    current=Signal::derive(move || step.get().index())
                    furthest=Signal::derive(move || usize::from(fields.furthest.get()))
                    on_select=Callback::new(move |i: usize| goto.run(Step::from_index(i)))
                />
                <ErrorSummary id="did-error-summary" items=summary title_key="did.errors.title"/>
                <form class="form did-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    if step.get_untracked() == Step::Summary { submit.run(()) } else { next(()) }
                }>
                    <h2 id="did-step-heading" tabindex="-1">{move || t_now(step.get().title_key())}</h2>
                    {move || steps::render_step(step.get())}
                    <div class="did-nav">
                        <Show when=move || step.get() != Step::Start>
                            <button type="button" class="btn btn-secondary" on:click=back>{t("did.back")}</button>
                        </Show>
                        <Show when=move || did::offers_next(step.get(), &fields.naspi.get())>
                            <button type="submit" class="btn btn-primary">{t("did.next")}</button>
                        </Show>
                    </div>
                </form>
                <div class="did-draft">
                    <p class="draft-state" aria-live="polite" data-state=move || draft.status.get().name()>
                        {move || match draft.status.get() {
                            DraftStatus::Loading => t_now("draft.loading"),
                            DraftStatus::Saving => t_now("did.draft.saving"),
                            DraftStatus::Saved => t_now("did.draft.saved"),
                            DraftStatus::Failed(e) => crate::i18n::tm(&e.message()),
                        }}
                    </p>
                    <Show
                        when=move || confirm_discard.get()
                        fallback=move || view! {
                            <button type="button" class="btn btn-secondary btn-small" on:click=move |_| confirm_discard.set(true)>
                                {t("did.draft.discard")}
                            </button>
                        }
                    >
                        <div class="confirm" role="group" aria-labelledby="did-discard-q">
                            <p id="did-discard-q">{t("did.draft.discard_confirm")}</p>
                            <div class="did-nav">
                                <button type="button" class="btn btn-danger" on:click=discard>{t("did.draft.discard_yes")}</button>
                                <button type="button" class="btn btn-secondary" on:click=move |_| confirm_discard.set(false)>{t("did.draft.discard_no")}</button>
                            </div>
                        </div>
                    </Show>
                </div>
            </Show>
            </LoginRequired>
        </section>
    }
}
