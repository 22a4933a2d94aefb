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
