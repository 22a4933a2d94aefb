//! Shared widgets rendered in a real browser.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use sportello_lavoro::components::error_summary::{form_error_items, ErrorSummary, FormErrors};
use sportello_lavoro::components::field::TextField;
use sportello_lavoro::components::notice::{Notice, Tone};
use sportello_lavoro::hooks::use_draft::{use_draft, DraftStatus, UseDraftOptions, UseDraftReturn};
use sportello_lavoro::i18n::{provide_i18n, Lang};
use sportello_lavoro::routes;
use sportello_lavoro::storage::drafts;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The app fetches its texts (net::locales); here they come from the files.
fn install_italian() {
    sportello_lavoro::i18n::install(
        Lang::It,
        &[
            include_str!("../locales/it/common.json"),
            include_str!("../locales/it/errors.json"),
        ],
    )
    .expect("the Italian locale files parse");
}

fn container(id: &str) -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("div").unwrap();
    el.set_id(id);
    doc.body().unwrap().append_child(&el).unwrap();
    el.dyn_into().unwrap()
}

#[wasm_bindgen_test]
async fn text_field_wires_label_hint_and_error() {
    let root = container("field-test");
    let value = RwSignal::new(String::from("abc"));
    let error = RwSignal::new(None::<String>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <TextField id="email" label=Signal::derive(|| "Email".to_string()) value=value
                error=Signal::derive(move || error.get()) hint=Signal::derive(|| "nome@dominio.it".to_string()) required=true/>
        }
    });
    let input = root
        .query_selector("input#email")
        .unwrap()
        .expect("input rendered");
    assert_eq!(
        root.query_selector("label[for=email]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
            .trim_end_matches(" *"),
        "Email"
    );
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("email-hint")
    );

    error.set(Some("L'indirizzo email non è valido.".into()));
    leptos::task::tick().await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("email-hint email-error")
    );
    let msg = root
        .query_selector("#email-error")
        .unwrap()
        .expect("error shown");
    assert_eq!(
        msg.text_content().unwrap(),
        "L'indirizzo email non è valido."
    );
}

#[wasm_bindgen_test]
async fn error_notice_is_an_alert() {
    let root = container("notice-test");
    let _handle = leptos::mount::mount_to(
        root.clone(),
        || view! { <Notice tone=Tone::Error><p>"Errore"</p></Notice> },
    );
    let n = root.query_selector(".notice").unwrap().unwrap();
    assert_eq!(n.get_attribute("role").as_deref(), Some("alert"));
    let root2 = container("notice-test-2");
    let _h2 = leptos::mount::mount_to(
        root2.clone(),
        || view! { <Notice tone=Tone::Info><p>"Info"</p></Notice> },
    );
    assert_eq!(
        root2
            .query_selector(".notice")
            .unwrap()
            .unwrap()
            .get_attribute("role")
            .as_deref(),
        Some("status")
    );
}

/// Wait (up to ~4 s) until `done` holds; false if it never does.
async fn until(done: impl Fn() -> bool) -> bool {
    for _ in 0..400 {
        if done() {
            return true;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    done()
}

#[wasm_bindgen_test]
async fn notice_role_follows_the_tone() {
    let root = container("notice-tones");
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <Notice tone=Tone::Info><p>"i"</p></Notice>
            <Notice tone=Tone::Success><p>"s"</p></Notice>
            <Notice tone=Tone::Warning class="naspi-block"><p>"w"</p></Notice>
            <Notice tone=Tone::Error><p>"e"</p></Notice>
            <Notice tone=Tone::Error live=false state="rejected"><p>"quiet"</p></Notice>
        }
    });
    // (No NodeList feature in web-sys here: pick the children one by one.)
    let el = |i: u32| {
        root.query_selector(&format!(":scope > .notice:nth-child({})", i + 1))
            .unwrap()
            .expect("notice rendered")
    };
    assert!(root
        .query_selector(":scope > :nth-child(6)")
        .unwrap()
        .is_none());
    let expected = [
        ("notice notice-info", Some("status")),
        ("notice notice-success", Some("status")),
        ("notice notice-warning naspi-block", Some("status")),
        ("notice notice-error", Some("alert")),
        ("notice notice-error", None),
    ];
    for (i, (class, role)) in expected.into_iter().enumerate() {
        let n = el(i as u32);
        assert_eq!(
            n.get_attribute("class").as_deref(),
            Some(class),
            "notice {i}"
        );
        assert_eq!(n.get_attribute("role").as_deref(), role, "notice {i}");
    }
    assert_eq!(
        el(4).get_attribute("data-state").as_deref(),
        Some("rejected")
    );
    assert_eq!(el(0).get_attribute("data-state"), None);
}

#[wasm_bindgen_test]
async fn error_summary_links_each_problem_to_its_field() {
    let root = container("summary-test");
    let errors = RwSignal::new(FormErrors::new());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        install_italian();
        provide_i18n(Lang::It);
        view! {
            <ErrorSummary id="test-summary" items=form_error_items(errors)/>
            <input id="name"/>
            <input id="email"/>
        }
    });
    let wrapper = root
        .query_selector("#test-summary")
        .unwrap()
        .expect("wrapper");
    assert_eq!(wrapper.get_attribute("tabindex").as_deref(), Some("-1"));
    assert!(
        root.query_selector("#test-summary .notice")
            .unwrap()
            .is_none(),
        "hidden without errors"
    );

    errors.set(vec![
        ("name", "validation.name_required"),
        ("email", "validation.email_required"),
    ]);
    leptos::task::tick().await;
    let notice = root
        .query_selector("#test-summary .notice-error.error-summary")
        .unwrap()
        .expect("summary shown");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert!(root
        .query_selector("#test-summary h2.error-summary-title")
        .unwrap()
        .is_some());
    let link = |n: u32| {
        root.query_selector(&format!("#test-summary li:nth-child({n}) a"))
            .unwrap()
            .map(|e| e.dyn_into::<web_sys::HtmlElement>().unwrap())
    };
    assert!(link(3).is_none(), "one item per error");
    let first = link(1).expect("first link");
    assert_eq!(first.get_attribute("href").as_deref(), Some("#name"));
    assert_eq!(
        first.text_content().as_deref(),
        Some("Inserisci nome e cognome.")
    );

    // Following a link moves the focus to the field.
    let second = link(2).expect("second link");
    second.click();
    let focused = || document().active_element().map(|e| e.id()) == Some("email".to_string());
    assert!(until(focused).await, "the email field has the focus");

    errors.set(Vec::new());
    leptos::task::tick().await;
    assert!(root
        .query_selector("#test-summary .notice")
        .unwrap()
        .is_none());
}

#[derive(serde::Serialize, serde::Deserialize, Default, Clone, PartialEq, Debug)]
struct TestForm {
    name: String,
}

/// The field and the hook of a mounted test form.
type Mounted = (RwSignal<String>, UseDraftReturn);

/// Mount a form with one field and its draft; returns the field and the hook.
fn mount_draft(
    root: web_sys::HtmlElement,
    key: &'static str,
) -> (RwSignal<String>, UseDraftReturn, Box<dyn std::any::Any>) {
    let slot: Rc<Cell<Option<Mounted>>> = Rc::new(Cell::new(None));
    let out = Rc::clone(&slot);
    let handle = leptos::mount::mount_to(root, move || {
        let name = RwSignal::new(String::new());
        let draft = use_draft(
            key,
            UseDraftOptions::new(
                move || TestForm { name: name.get() },
                move |f: TestForm| name.set(f.name),
            )
            .is_blank(|f: &TestForm| f.name.is_empty()),
        );
        out.set(Some((name, draft)));
        view! { <p>{move || name.get()}</p> }
    });
    let (name, draft) = slot.take().expect("mounted");
    (name, draft, Box::new(handle))
}

#[wasm_bindgen_test]
async fn use_draft_restores_saves_and_discards() {
    const KEY: &str = "wasm-test-draft";
    drafts::save(
        KEY,
        &TestForm {
            name: "Maria Rossi".into(),
        },
    )
    .await
    .unwrap();

    let (name, draft, handle) = mount_draft(container("draft-test"), KEY);
    assert_eq!(draft.status.get_untracked(), DraftStatus::Loading);
    assert!(until(|| draft.loaded.get_untracked()).await, "draft read");
    assert_eq!(
        name.get_untracked(),
        "Maria Rossi",
        "restored into the field"
    );
    assert!(draft.restored.get_untracked());
    assert_eq!(draft.error.get_untracked(), None);

    // Every change is saved, in the same format.
    name.set("Maria Bianchi".into());
    let saved = async {
        for _ in 0..400 {
            let stored = drafts::load::<TestForm>(KEY).await.unwrap();
            if stored.as_ref().map(|f| f.name.as_str()) == Some("Maria Bianchi") {
                return true;
            }
            gloo_timers::future::TimeoutFuture::new(10).await;
        }
        false
    };
    assert!(saved.await, "autosaved");
    assert!(until(|| draft.status.get_untracked() == DraftStatus::Saved).await);

    // Discard blanks the form and removes the stored draft.
    draft.discard.run(());
    assert_eq!(name.get_untracked(), "");
    assert!(!draft.restored.get_untracked());
    // (The autosave may store the blank form again right after.)
    let mut gone = false;
    for _ in 0..400 {
        let stored = drafts::load::<TestForm>(KEY).await.unwrap();
        if stored.is_none_or(|f| f.name.is_empty())
            && draft.status.get_untracked() != DraftStatus::Saving
        {
            gone = true;
            break;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    assert!(gone, "stored draft removed");
    drop(handle);

    // A fresh page finds nothing to restore.
    let (name, draft, _handle) = mount_draft(container("draft-test-2"), KEY);
    assert!(until(|| draft.loaded.get_untracked()).await);
    assert_eq!(name.get_untracked(), "");
    assert!(!draft.restored.get_untracked());
}

#[wasm_bindgen_test]
async fn use_draft_does_not_count_a_blank_draft_as_restored() {
    const KEY: &str = "wasm-test-blank-draft";
    drafts::save(KEY, &TestForm::default()).await.unwrap();
    let (_name, draft, _handle) = mount_draft(container("draft-blank"), KEY);
    assert!(until(|| draft.loaded.get_untracked()).await);
    assert!(!draft.restored.get_untracked());
    drafts::discard(KEY).await.unwrap();
}

#[wasm_bindgen_test]
fn typed_paths_are_made_of_the_router_segments() {
    use routes::segment as seg;
    let one = |s: &str| format!("/{s}");
    let two = |a: &str, b: &str| format!("/{a}/{b}");
    assert_eq!(routes::HOME, "/");
    assert_eq!(routes::CONTACT, one(seg::CONTACT));
    assert_eq!(routes::OUTBOX, one(seg::OUTBOX));
    assert_eq!(routes::MY_DATA, one(seg::MY_DATA));
    assert_eq!(routes::SERVICES, one(seg::SERVICES));
    assert_eq!(routes::SERVICES_FOR_YOU, one(seg::SERVICES_FOR_YOU));
    assert_eq!(routes::OFFICES, one(seg::OFFICES));
    assert_eq!(routes::DID, one(seg::DID));
    assert_eq!(routes::VACANCIES, one(seg::VACANCIES));
    assert_eq!(
        routes::SAVED_SEARCHES,
        two(seg::VACANCIES, seg::SAVED_SEARCHES)
    );
    assert_eq!(routes::FAVOURITES, two(seg::VACANCIES, seg::FAVOURITES));
    assert_eq!(routes::PROFILE, one(seg::PROFILE));
    assert_eq!(routes::AVVISI, one(seg::AVVISI));
    assert_eq!(routes::PERCORSO, one(seg::PERCORSO));
    assert_eq!(routes::avviso("AVV 1"), two(seg::AVVISI, "AVV%201"));
    assert_eq!(routes::CV, two(seg::PROFILE, seg::CV));
    assert_eq!(routes::OFFERS_FOR_YOU, two(seg::VACANCIES, seg::FOR_YOU));
    assert_eq!(routes::service("tirocini"), two(seg::SERVICES, "tirocini"));
    assert_eq!(routes::vacancy("a b/c"), two(seg::VACANCIES, "a%20b%2Fc"));
    assert_eq!(
        routes::did_receipt("k-1"),
        format!("/{}/{}/k-1", seg::DID, seg::DID_RECEIPT)
    );
    assert_eq!(routes::vacancy_search(""), routes::VACANCIES);
    assert_eq!(routes::vacancy_search("q=cuoco"), "/offerte?q=cuoco");
    assert_eq!(
        routes::offices_with(&[("comune", "Reggio nell'Emilia"), ("x", "")]),
        "/cpi?comune=Reggio%20nell'Emilia"
    );
    assert_eq!(routes::services_with(&[("q", "")]), routes::SERVICES);
}

#[wasm_bindgen_test]
async fn use_draft_without_autosave_stores_only_on_save() {
    const KEY: &str = "wasm-test-manual-draft";
    drafts::discard(KEY).await.unwrap();
    let slot: Rc<Cell<Option<Mounted>>> = Rc::new(Cell::new(None));
    let out = Rc::clone(&slot);
    let _handle = leptos::mount::mount_to(container("draft-manual"), move || {
        let name = RwSignal::new(String::new());
        let draft = use_draft(
            KEY,
            UseDraftOptions::new(
                move || TestForm { name: name.get() },
                move |f: TestForm| name.set(f.name),
            )
            .autosave(false),
        );
        out.set(Some((name, draft)));
    });
    let (name, draft) = slot.take().expect("mounted");
    assert!(until(|| draft.loaded.get_untracked()).await);
    assert!(!draft.restored.get_untracked(), "nothing stored");

    name.set("Luca".into());
    for _ in 0..20 {
        leptos::task::tick().await;
    }
    gloo_timers::future::TimeoutFuture::new(50).await;
    assert_eq!(
        drafts::load::<TestForm>(KEY).await.unwrap(),
        None,
        "not saved on change"
    );

    draft.save.run(());
    assert!(until(|| draft.status.get_untracked() == DraftStatus::Saved).await);
    assert_eq!(
        drafts::load::<TestForm>(KEY).await.unwrap(),
        Some(TestForm {
            name: "Luca".into()
        })
    );
    drafts::discard(KEY).await.unwrap();
}
