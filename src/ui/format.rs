//! Dates, times and numbers as the views show them (words in the
//! current language, tracked).

use crate::domain::date::Date;
use crate::domain::vacancy_lists::{expiry, format_date_it, freshness, Expiry, Freshness};
use crate::i18n::{t_now, tf};

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

/// "pubblicata 3 giorni fa".
pub fn freshness_text(published: i32, today: i32) -> String {
    match freshness(published, today) {
        Freshness::Today => t_now("vacancies.fresh.today"),
        Freshness::Yesterday => t_now("vacancies.fresh.yesterday"),
        Freshness::DaysAgo(n) => tf("vacancies.fresh.days", &[("count", &n.to_string())]),
    }
}

/// "scade il 12/12/2026" / "scade oggi" / "scaduta".
pub fn expiry_text(expires: i32, today: i32) -> String {
    match expiry(expires, today) {
        Expiry::Expired => tf(
            "vacancies.expiry.expired",
            &[("date", &format_date_it(expires))],
        ),
        Expiry::Today => t_now("vacancies.expiry.today"),
        Expiry::Tomorrow => t_now("vacancies.expiry.tomorrow"),
        Expiry::InDays(_) => tf("vacancies.expiry.on", &[("date", &format_date_it(expires))]),
    }
}

/// `12345` → `12.345` (Italian and English readers both read it).
pub fn group_thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The weekday of a date in the current language ("lunedì", "Monday").
pub fn weekday(date: Date) -> String {
    t_now(crate::domain::did::weekday_key(date))
}
