//! The device's calendar: today's date, read from the browser (the domain
//! takes "today" as an argument and has no clock).

use crate::domain::date::Date;
use crate::domain::vacancy::iso_to_days;

/// Today in the device's time zone, as `YYYY-MM-DD`.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Today as days since 1970-01-01, in the device's calendar.
pub fn today() -> i32 {
    iso_to_days(&today_iso()).unwrap_or(0)
}

/// Today as a calendar date (the DID's declaration date).
pub fn today_date() -> Date {
    Date::parse_iso(&today_iso()).unwrap_or(Date::MIN)
}
