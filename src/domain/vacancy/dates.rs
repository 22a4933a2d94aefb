//! Offer dates as day numbers (days since 1970-01-01; the feed has dates
//! only, no time zones), on top of [`crate::domain::date::Date`].

use crate::domain::date::Date;

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (a longer date-time
/// string is accepted and its time ignored). `None` if not a real date, or
/// if it has surrounding spaces (a malformed feed value).
pub fn iso_to_days(s: &str) -> Option<i32> {
    if s.trim().len() != s.len() {
        return None;
    }
    Date::parse_iso(s).and_then(|d| i32::try_from(d.days_from_civil()).ok())
}

/// ISO `YYYY-MM-DD` of a day number (inverse of [`iso_to_days`]); clamped
/// to the years 1–9999.
pub fn days_to_iso(days: i32) -> String {
    days_to_date(days).to_string()
}

/// The date of a day number, clamped to the years 1–9999.
pub fn days_to_date(days: i32) -> Date {
    Date::from_days(i64::from(days)).unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}
