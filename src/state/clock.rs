//! The device's calendar: today's date, read from the browser (the domain
//! takes "today" as an argument and has no clock).

use crate::domain::date::Date;

/// Today as a calendar date, in the device's time zone (the DID's
/// declaration date).
pub fn today_date() -> Date {
    date_of(&js_sys::Date::new_0())
}

/// The calendar date of a `Date.now()` timestamp, in the device's time zone.
pub fn date_of_millis(ms: f64) -> Date {
    date_of(&js_sys::Date::new(&ms.into()))
}

/// The date and time now, in the device's time zone (appointments are in
/// Europe/Rome: the device's zone in Italy).
pub fn now_local() -> (Date, u8, u8) {
    let d = js_sys::Date::new_0();
    (
        date_of(&d),
        u8::try_from(d.get_hours()).unwrap_or(0),
        u8::try_from(d.get_minutes()).unwrap_or(0),
    )
}

fn date_of(d: &js_sys::Date) -> Date {
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
