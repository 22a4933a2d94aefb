//! Dates, times and numbers as the views show them, in the current
//! language (tracked): the browser's `Intl` formats them, with the CLDR
//! data of each language, not code of ours.

use crate::domain::date::Date;
use crate::domain::vacancy::days_to_date;
use crate::domain::vacancy_lists::{expiry, freshness, Expiry, Freshness};
use crate::i18n::{t_now, tf, use_i18n, Lang};
use js_sys::{Array, Intl, Object, Reflect};
use leptos::prelude::Get;
use wasm_bindgen::JsValue;

/// The `Intl` locale of a language: the region of people in Italy where a
/// language has several (English dates day first), Western digits in
/// Arabic as the texts use them.
fn intl_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::It | Lang::ItSimple => "it-IT",
        Lang::En => "en-GB",
        Lang::Fr => "fr-FR",
        Lang::Es => "es-ES",
        Lang::Ro => "ro-RO",
        Lang::Uk => "uk-UA",
        Lang::Ar => "ar-u-nu-latn",
    }
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

fn locales() -> Array {
    Array::of1(&JsValue::from_str(intl_locale(use_i18n().lang.get())))
}

fn format_with(pairs: &[(&str, &str)], ms: f64) -> String {
    let formatter = Intl::DateTimeFormat::new(&locales(), &options(pairs));
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    formatter
        .format()
        .call1(&formatter, &date)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A calendar date in the current language ("23/11/2026", "23.11.2026").
pub fn format_date(date: Date) -> String {
    let ms = js_sys::Date::utc(f64::from(date.year), f64::from(date.month) - 1.0);
    let ms = ms + (f64::from(date.day) - 1.0) * 86_400_000.0;
    format_with(
        &[
            ("day", "2-digit"),
            ("month", "2-digit"),
            ("year", "numeric"),
            ("timeZone", "UTC"),
        ],
        ms,
    )
}

/// A date given as days since 1970-01-01 (the vacancy index's dates).
pub fn format_days(days: i32) -> String {
    format_date(days_to_date(days))
}

/// Local date and time in the current language ("23/11/2026 10:15"), from epoch ms.
pub fn format_time(ms: f64) -> String {
    let date = format_with(
        &[
            ("day", "2-digit"),
            ("month", "2-digit"),
            ("year", "numeric"),
        ],
        ms,
    );
    let time = format_with(
        &[
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("hourCycle", "h23"),
        ],
        ms,
    );
    // Kept left to right inside right-to-left text (a first-strong isolate
    // would put the time before the date).
    if use_i18n().lang.get().dir() == "rtl" {
        format!("\u{2066}{date} {time}\u{2069}")
    } else {
        format!("{date} {time}")
    }
}

/// A whole number with the current language's grouping ("12.345", "12,345").
pub fn format_number(n: f64) -> String {
    thread_local! {
        // The formatter of the language last used: counts are formatted by
        // the hundred (facets, results), and building one costs more than
        // using it.
        static NUMBERS: std::cell::RefCell<Option<(Lang, Intl::NumberFormat)>> =
            const { std::cell::RefCell::new(None) };
    }
    let lang = use_i18n().lang.get();
    let formatter = NUMBERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        match cache.as_ref() {
            Some((l, f)) if *l == lang => f.clone(),
            _ => {
                let locales = Array::of1(&JsValue::from_str(intl_locale(lang)));
                let f =
                    Intl::NumberFormat::new(&locales, &options(&[("maximumFractionDigits", "0")]));
                *cache = Some((lang, f.clone()));
                f
            }
        }
    });
    formatter
        .format()
        .call1(&formatter, &JsValue::from_f64(n))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| n.to_string())
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
            &[("date", &format_days(expires))],
        ),
        Expiry::Today => t_now("vacancies.expiry.today"),
        Expiry::Tomorrow => t_now("vacancies.expiry.tomorrow"),
        Expiry::InDays(_) => tf("vacancies.expiry.on", &[("date", &format_days(expires))]),
    }
}

/// A count in the current language's grouping (`12345` → `12.345`).
pub fn group_thousands(n: u32) -> String {
    format_number(f64::from(n))
}

/// An amount of money in the current language: whole (`1.500`) or, with
/// `cents`, to two decimals (`9,50`).
pub fn format_amount(n: f64, cents: bool) -> String {
    if !cents {
        return format_number(n.round());
    }
    let locales = Array::of1(&JsValue::from_str(intl_locale(use_i18n().lang.get())));
    let f = Intl::NumberFormat::new(
        &locales,
        &options(&[
            ("minimumFractionDigits", "2"),
            ("maximumFractionDigits", "2"),
        ]),
    );
    f.format()
        .call1(&f, &JsValue::from_f64(n))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| n.to_string())
}

/// The salary sentence of an offer, in its own period ("da 1.500 a 1.800 €
/// lordi al mese").
pub fn salary_text(s: &crate::domain::vacancy::Salary) -> String {
    let text = crate::domain::offer_display::SalaryText::of(s);
    let cents = text.with_cents();
    let min = format_amount(text.min, cents);
    match text.max {
        None => tf(
            &text.key(),
            &[("amount", &min), ("currency", &text.currency)],
        ),
        Some(max) => tf(
            &text.key(),
            &[
                ("min", &min),
                ("max", &format_amount(max, cents)),
                ("currency", &text.currency),
            ],
        ),
    }
}

/// The weekday of a date in the current language ("lunedì", "Monday").
pub fn weekday(date: Date) -> String {
    t_now(crate::domain::did::weekday_key(date))
}
