//! The device's calendar: today's date, read from the browser (the domain
//! takes "today" as an argument and has no clock).

use crate::domain::date::Date;

/// Today as a calendar date, in the device's time zone (the DID's
/// declaration date).
pub fn today_date() -> Date {
    let d = js_sys::Date::new_0();
    let (month, day) = (
        u8::try_from(d.get_month() + 1).unwrap_or(1),
        u8::try_from(d.get_date()).unwrap_or(1),
    );
    Date::new(d.get_full_year() as i32, month, day).unwrap_or(Date::MIN)
}

/// Today as days since 1970-01-01, in the device's calendar (offer dates).
pub fn today() -> i32 {
    i32::try_from(today_date().days_from_civil()).unwrap_or(0)
}
