//! Where the data feeds and the CPI API live. A region deploying the app sets
//! `<meta name="sportello:data-base">` and `<meta name="sportello:api-base">`
//! in index.html; the defaults are the app's own `/data/` and `/api/v1`.

fn meta(name: &str) -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let el = doc
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    let content = el.get_attribute("content")?;
    let trimmed = content.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

pub fn data_base() -> String {
    let base = meta("sportello:data-base").unwrap_or_else(|| "/data/".into());
    if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    }
}

pub fn api_base() -> String {
    meta("sportello:api-base")
        .unwrap_or_else(|| "/api/v1".into())
        .trim_end_matches('/')
        .to_string()
}

/// Kiosk mode and its idle time (`sportello:mode`, `sportello:kiosk-idle-seconds`):
/// `None` outside a kiosk. A bad idle time is reported on the console for
/// the operator, and the default is used.
pub fn kiosk_settings() -> Option<crate::domain::kiosk::KioskSettings> {
    use crate::domain::kiosk::{IdleSecondsProblem, KioskSettings, DEFAULT_IDLE_SECONDS};
    let mode = meta("sportello:mode");
    let idle = meta("sportello:kiosk-idle-seconds");
    let (settings, problem) = KioskSettings::from_config(mode.as_deref(), idle.as_deref())?;
    if let Some(problem) = problem {
        // For the operator who set up the kiosk, not for visitors.
        let what = match problem {
            IdleSecondsProblem::NotANumber(text) => format!("\"{text}\" non è un numero"),
            IdleSecondsProblem::OutOfRange(n) => format!("{n} è fuori dall'intervallo ammesso"),
        };
        web_sys::console::warn_1(&wasm_bindgen::JsValue::from_str(&format!(
            "sportello:kiosk-idle-seconds: {what}; uso {DEFAULT_IDLE_SECONDS} secondi."
        )));
    }
    Some(settings)
}

/// Where the public pages are on the internet, for the kiosk's QR codes
/// (`sportello:public-url`): a kiosk may run from an address a phone cannot
/// reach. By default, this page's own origin.
pub fn public_origin() -> String {
    meta("sportello:public-url")
        .or_else(|| web_sys::window().and_then(|w| w.location().origin().ok()))
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_string()
}
