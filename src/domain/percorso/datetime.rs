//! Date-times of the percorso: a calendar [`Date`] and a time of day, with
//! no zone in the value. The API sends local times of Europe/Rome
//! ("2026-12-10T09:30:00", `"tz": "Europe/Rome"`); the calendar export
//! stamps its files in UTC. Which zone a value is in is the caller's to
//! know: [`utc_to_rome`] and [`rome_to_utc`] convert between the two with
//! the EU summer-time rule (in force in Italy since 1996).
//!
//! No clock here: "now" is passed in. Nothing panics.

use crate::domain::date::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A date and a time of day, to the second. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

/// A text that is not a date-time "YYYY-MM-DDTHH:MM:SS".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError {
    pub text: String,
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid date-time \"{}\" (expected YYYY-MM-DDTHH:MM:SS)",
            self.text
        )
    }
}

impl std::error::Error for DateTimeError {}

const DAY_SECONDS: i64 = 86_400;

impl DateTime {
    /// A real date-time, or `None` (hour 24, minute 60, a date that is not
    /// real). Leap seconds are not represented.
    pub fn new(date: Date, hour: u8, minute: u8, second: u8) -> Option<DateTime> {
        (date.is_valid() && hour < 24 && minute < 60 && second < 60).then_some(DateTime {
            date,
            hour,
            minute,
            second,
        })
    }

    /// Midnight at the start of `date`.
    pub fn start_of(date: Date) -> DateTime {
        DateTime {
            date,
            hour: 0,
            minute: 0,
            second: 0,
        }
    }

    /// Parse exactly "YYYY-MM-DDTHH:MM:SS": no offset, no "Z", no fraction,
    /// no spaces (the API's local times carry their zone in `tz`).
    pub fn parse(text: &str) -> Result<DateTime, DateTimeError> {
        let bad = || DateTimeError {
            text: text.to_string(),
        };
        let s = text.as_bytes();
        if s.len() != 19 || !s.is_ascii() || s[10] != b'T' || s[13] != b':' || s[16] != b':' {
            return Err(bad());
        }
        let two = |i: usize| -> Option<u8> {
            let (a, b) = (s[i], s[i + 1]);
            (a.is_ascii_digit() && b.is_ascii_digit()).then(|| (a - b'0') * 10 + (b - b'0'))
        };
        // Date::parse accepts a date followed by a time: give it the date only.
        let date = text.get(..10).and_then(Date::parse_iso).ok_or_else(bad)?;
        let (Some(h), Some(m), Some(sec)) = (two(11), two(14), two(17)) else {
            return Err(bad());
        };
        DateTime::new(date, h, m, sec).ok_or_else(bad)
    }

    /// Seconds since 1970-01-01T00:00:00 of the same zone.
    pub fn unix_seconds(self) -> i64 {
        self.date.days_from_civil() * DAY_SECONDS
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// The date-time `seconds` after 1970-01-01T00:00:00, or `None` outside
    /// the dates supported by [`Date`].
    pub fn from_unix_seconds(seconds: i64) -> Option<DateTime> {
        let days = seconds.div_euclid(DAY_SECONDS);
        let rest = seconds.rem_euclid(DAY_SECONDS);
        let date = Date::from_days(days)?;
        // rest < 86 400: hours < 24, minutes and seconds < 60.
        Some(DateTime {
            date,
            hour: (rest / 3600) as u8,
            minute: (rest % 3600 / 60) as u8,
            second: (rest % 60) as u8,
        })
    }

    /// `self` plus `seconds` (may be negative), or `None` out of range.
    pub fn checked_add_seconds(self, seconds: i64) -> Option<DateTime> {
        DateTime::from_unix_seconds(self.unix_seconds().checked_add(seconds)?)
    }

    /// "09:30".
    pub fn format_time(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    /// The iCalendar form "20261210T093000" (a local or floating time).
    pub fn to_ics(self) -> String {
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}",
            self.date.year, self.date.month, self.date.day, self.hour, self.minute, self.second
        )
    }

    /// The iCalendar UTC form "20261203T080000Z" (for a value in UTC).
    pub fn to_ics_utc(self) -> String {
        format!("{}Z", self.to_ics())
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.date, self.hour, self.minute, self.second
        )
    }
}

impl std::str::FromStr for DateTime {
    type Err = DateTimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateTime::parse(s)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateTime::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The last Sunday of `month` in `year` (`month` 1–12).
pub fn last_sunday(year: i32, month: u8) -> Date {
    let days = crate::domain::date::days_in_month(year, month).max(1);
    let last = Date::new(year, month, days).unwrap_or(Date {
        year,
        month,
        day: days,
    });
    last.add_days(-i64::from(last.weekday() % 7))
}

/// Offset of Europe/Rome from UTC at the UTC instant `utc`, in seconds:
/// 7 200 (CEST) from the last Sunday of March at 01:00 UTC to the last
/// Sunday of October at 01:00 UTC, 3 600 (CET) otherwise.
pub fn rome_offset_seconds(utc: DateTime) -> i64 {
    let year = utc.date.year;
    let at_one = |date: Date| DateTime {
        date,
        hour: 1,
        minute: 0,
        second: 0,
    };
    let summer = at_one(last_sunday(year, 3))..at_one(last_sunday(year, 10));
    if summer.contains(&utc) {
        7200
    } else {
        3600
    }
}

/// The local time in Rome at the UTC instant `utc` (saturating at the ends
/// of the supported range).
pub fn utc_to_rome(utc: DateTime) -> DateTime {
    utc.checked_add_seconds(rome_offset_seconds(utc))
        .unwrap_or(utc)
}

/// The UTC instant of the Rome local time `local`. In the hour repeated
/// when summer time ends (02:00–02:59 on the last Sunday of October) the
/// first one (summer time) is taken; a time in the hour skipped when it
/// starts (02:00–02:59 on the last Sunday of March) is read as winter time.
pub fn rome_to_utc(local: DateTime) -> DateTime {
    for offset in [7200, 3600] {
        if let Some(utc) = local.checked_add_seconds(-offset) {
            if rome_offset_seconds(utc) == offset || offset == 3600 {
                return utc;
            }
        }
    }
    local
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(text: &str) -> DateTime {
        DateTime::parse(text).unwrap()
    }

    #[test]
    fn parses_the_api_form_only() {
        let x = dt("2026-12-10T09:30:00");
        assert_eq!(x.date, Date::new(2026, 12, 10).unwrap());
        assert_eq!((x.hour, x.minute, x.second), (9, 30, 0));
        assert_eq!(x.to_string(), "2026-12-10T09:30:00");
        assert_eq!(dt("2024-02-29T23:59:59").to_string(), "2024-02-29T23:59:59");
        for bad in [
            "",
            "2026-12-10",
            "2026-12-10 09:30:00",
            "2026-12-10T09:30",
            "2026-12-10T09:30:00Z",
            "2026-12-10T09:30:00+01:00",
            "2026-12-10T24:00:00",
            "2026-12-10T09:60:00",
            "2026-12-10T09:30:60",
            "2026-02-29T09:30:00",
            "2026-13-10T09:30:00",
            "2026-12-10t09:30:00",
            "2026-12-10T9:30:000",
            "2026-12-10T0é:30:0",
            " 2026-12-10T09:30:00",
        ] {
            assert!(DateTime::parse(bad).is_err(), "{bad:?}");
        }
        assert!(DateTime::parse("x")
            .unwrap_err()
            .to_string()
            .contains("\"x\""));
    }

    #[test]
    fn serde_and_ics_forms() {
        let x = dt("2026-12-03T08:05:09");
        assert_eq!(
            serde_json::to_string(&x).unwrap(),
            "\"2026-12-03T08:05:09\""
        );
        assert_eq!(
            serde_json::from_str::<DateTime>("\"2026-12-03T08:05:09\"").unwrap(),
            x
        );
        assert!(serde_json::from_str::<DateTime>("\"2026-12-03\"").is_err());
        assert_eq!(x.to_ics(), "20261203T080509");
        assert_eq!(x.to_ics_utc(), "20261203T080509Z");
        assert_eq!(x.format_time(), "08:05");
    }

    #[test]
    fn seconds_round_trip_across_days_and_years() {
        assert_eq!(dt("1970-01-01T00:00:00").unix_seconds(), 0);
        assert_eq!(dt("1969-12-31T23:59:59").unix_seconds(), -1);
        let x = dt("2026-12-31T23:59:30");
        assert_eq!(x.checked_add_seconds(30), Some(dt("2027-01-01T00:00:00")));
        assert_eq!(
            dt("2024-03-01T00:00:00").checked_add_seconds(-1),
            Some(dt("2024-02-29T23:59:59"))
        );
        assert_eq!(DateTime::from_unix_seconds(i64::MAX), None);
        assert_eq!(x.checked_add_seconds(i64::MAX), None);
        assert!(DateTime::new(Date::new(2026, 1, 1).unwrap(), 24, 0, 0).is_none());
    }

    #[test]
    fn last_sundays() {
        assert_eq!(last_sunday(2026, 3), Date::new(2026, 3, 29).unwrap());
        assert_eq!(last_sunday(2026, 10), Date::new(2026, 10, 25).unwrap());
        assert_eq!(last_sunday(2027, 3), Date::new(2027, 3, 28).unwrap());
        assert_eq!(last_sunday(2027, 10), Date::new(2027, 10, 31).unwrap());
        // the DTSTART of the VTIMEZONE rules: both Sundays of 1970
        assert_eq!(last_sunday(1970, 3), Date::new(1970, 3, 29).unwrap());
        assert_eq!(last_sunday(1970, 10), Date::new(1970, 10, 25).unwrap());
    }

    #[test]
    fn rome_summer_and_winter_time() {
        // winter
        assert_eq!(
            utc_to_rome(dt("2026-12-03T08:00:00")),
            dt("2026-12-03T09:00:00")
        );
        // summer
        assert_eq!(
            utc_to_rome(dt("2026-07-01T08:00:00")),
            dt("2026-07-01T10:00:00")
        );
        // summer time starts on 29 March 2026 at 01:00 UTC (02:00 CET → 03:00 CEST)
        assert_eq!(
            utc_to_rome(dt("2026-03-29T00:59:59")),
            dt("2026-03-29T01:59:59")
        );
        assert_eq!(
            utc_to_rome(dt("2026-03-29T01:00:00")),
            dt("2026-03-29T03:00:00")
        );
        // and ends on 25 October 2026 at 01:00 UTC (03:00 CEST → 02:00 CET)
        assert_eq!(
            utc_to_rome(dt("2026-10-25T00:59:59")),
            dt("2026-10-25T02:59:59")
        );
        assert_eq!(
            utc_to_rome(dt("2026-10-25T01:00:00")),
            dt("2026-10-25T02:00:00")
        );
        // and back
        for local in [
            "2026-12-10T09:30:00",
            "2026-07-01T10:00:00",
            "2026-03-29T03:00:00",
            "2026-10-25T03:00:00",
            "2026-12-31T23:30:00",
        ] {
            assert_eq!(utc_to_rome(rome_to_utc(dt(local))), dt(local), "{local}");
        }
        // the repeated hour is read as summer time, the skipped one as winter time
        assert_eq!(
            rome_to_utc(dt("2026-10-25T02:30:00")),
            dt("2026-10-25T00:30:00")
        );
        assert_eq!(
            rome_to_utc(dt("2026-03-29T02:30:00")),
            dt("2026-03-29T01:30:00")
        );
        // New Year's Eve in Rome is still the old year in UTC
        assert_eq!(
            rome_to_utc(dt("2027-01-01T00:30:00")),
            dt("2026-12-31T23:30:00")
        );
    }
}
