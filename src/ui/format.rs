//! Dates and times as the views show them.

/// Local date and time, Italian style (dd/mm/yyyy hh:mm), from epoch ms.
pub fn format_time(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// "23/11/2026 10:15" in local time from an ISO date-time; the text as is
/// when it does not parse.
pub fn format_iso(at: &str) -> String {
    let ms = js_sys::Date::parse(at);
    if ms.is_finite() {
        format_time(ms)
    } else {
        at.to_string()
    }
}
