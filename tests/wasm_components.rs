//! Shared widgets rendered in a real browser.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use sportello_lavoro::components::field::TextField;
use sportello_lavoro::components::notice::{Notice, Tone};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container(id: &str) -> web_sys::HtmlElement {
    use wasm_bindgen::JsCast;
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
