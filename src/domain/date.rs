//! Calendar dates without a time zone (proleptic Gregorian calendar), with the
//! arithmetic the app needs: deadlines, ages, weekdays. The calendar is
//! chrono's [`NaiveDate`]; [`Date`] keeps plain fields so the domain can read
//! and match them. No clock here: "today" is always passed in by the caller.
//!
//! Supported range: 0001-01-01 ..= 9999-12-31. Nothing panics: constructors
//! return `Option` or a [`DateError`], and `add_days` saturates at the ends
//! of the range.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date. Ordering is chronological (fields compare in order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

pub const MIN_YEAR: i32 = 1;
pub const MAX_YEAR: i32 = 9999;

/// Days from 0001-01-01 (chrono's day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_FROM_CE: i64 = 719_163;

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not shaped "YYYY-MM-DD" (optionally followed by a time).
    Format { text: String },
    /// Shaped right, but no such day in the supported range (30 February,
    /// month 13, year 0).
    Nonexistent { year: i32, month: u8, day: u8 },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format { text } => {
                write!(f, "invalid date \"{text}\" (expected YYYY-MM-DD)")
            }
            DateError::Nonexistent { year, month, day } => {
                write!(f, "no such date {year:04}-{month:02}-{day:02}")
            }
        }
    }
}

impl std::error::Error for DateError {}

/// Number of days in `month` (1–12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    NaiveDate::from_ymd_opt(year, u32::from(month), 1).map_or(0, |d| d.num_days_in_month())
}

impl Date {
    /// First supported date.
    pub const MIN: Date = Date {
        year: MIN_YEAR,
        month: 1,
        day: 1,
    };
    /// Last supported date.
    pub const MAX: Date = Date {
        year: MAX_YEAR,
        month: 12,
        day: 31,
    };

    /// A real date, or `None` (30 February, month 13, year 0, …).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))?;
        Some(Date { year, month, day })
    }

    /// The date of a chrono date in the supported range.
    pub fn from_naive(date: NaiveDate) -> Option<Date> {
        Date::new(
            date.year(),
            u8::try_from(date.month()).ok()?,
            u8::try_from(date.day()).ok()?,
        )
    }

    /// As a chrono date. A `Date` built with a struct literal may not be a
    /// real date: its fields are clamped into range first (day 31 of April
    /// is the 30th), so arithmetic on it gives a number rather than a panic.
    pub fn to_naive(self) -> NaiveDate {
        let year = self.year.clamp(MIN_YEAR, MAX_YEAR);
        let month = self.month.clamp(1, 12);
        let day = self.day.clamp(1, days_in_month(year, month).max(1));
        NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day)).unwrap_or(NaiveDate::MIN)
    }

    /// Whether the fields form a real date in the supported range (a `Date`
    /// built with a struct literal may not).
    pub fn is_valid(self) -> bool {
        Date::new(self.year, self.month, self.day).is_some()
    }

    /// Parse "YYYY-MM-DD", also accepting a date-time that starts with one
    /// ("2026-11-23T10:00:00Z", "2026-11-23 10:00"). Surrounding spaces are
    /// ignored. Strict: exactly four year digits and two month and day
    /// digits (chrono's own parser would take "2026-1-23" or "+2026-…").
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let format = || DateError::Format {
            text: text.to_string(),
        };
        let s = text.trim().as_bytes();
        let time_follows = matches!(s.get(10), None | Some(b'T' | b't' | b' '));
        if s.len() < 10 || !time_follows || s.get(4) != Some(&b'-') || s.get(7) != Some(&b'-') {
            return Err(format());
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(range)?;
            part.iter().try_fold(0u32, |v, &b| {
                b.is_ascii_digit().then(|| v * 10 + u32::from(b - b'0'))
            })
        };
        let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10))
        else {
            return Err(format());
        };
        // Four, two and two digits: always in range of these types.
        let (year, month, day) = (year as i32, month as u8, day as u8);
        Date::new(year, month, day).ok_or(DateError::Nonexistent { year, month, day })
    }

    /// [`Date::parse`], for callers that only need to know whether it is a date.
    pub fn parse_iso(text: &str) -> Option<Date> {
        Date::parse(text).ok()
    }

    /// Italian format "23/11/2026".
    pub fn format_it(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_from_civil(self) -> i64 {
        i64::from(self.to_naive().num_days_from_ce()) - UNIX_EPOCH_FROM_CE
    }

    /// The date `days` days after 1970-01-01, or `None` outside the
    /// supported range.
    pub fn from_days(days: i64) -> Option<Date> {
        let from_ce = i32::try_from(days.checked_add(UNIX_EPOCH_FROM_CE)?).ok()?;
        Date::from_naive(NaiveDate::from_num_days_from_ce_opt(from_ce)?)
    }

    /// `self` plus `days` (may be negative), or `None` outside the range.
    pub fn checked_add_days(self, days: i64) -> Option<Date> {
        Date::from_days(self.days_from_civil().checked_add(days)?)
    }

    /// `self` plus `days` (may be negative), saturating at `Date::MIN` and
    /// `Date::MAX`.
    pub fn add_days(self, days: i64) -> Date {
        match self.checked_add_days(days) {
            Some(d) => d,
            None if days < 0 => Date::MIN,
            None => Date::MAX,
        }
    }

    /// Days from `self` to `other`: positive if `other` is later.
    pub fn days_until(self, other: Date) -> i64 {
        other.days_from_civil() - self.days_from_civil()
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        // number_from_monday is 1..=7.
        self.to_naive().weekday().number_from_monday() as u8
    }

    /// Italian name of the weekday ("lunedì" … "domenica").
    pub fn weekday_name_it(self) -> &'static str {
        match self.weekday() {
            1 => "lunedì",
            2 => "martedì",
            3 => "mercoledì",
            4 => "giovedì",
            5 => "venerdì",
            6 => "sabato",
            _ => "domenica",
        }
    }

    /// Full years of a person born on `birth`, on the day `on` (see
    /// [`age_on`]).
    pub fn age_on(birth: Date, on: Date) -> i32 {
        age_on(birth, on)
    }
}

/// Full years from `birth` to `on`: the age turns on the birthday (for people
/// born on 29 February, on 1 March in non-leap years). Negative if `on` is
/// before `birth`.
pub fn age_on(birth: Date, on: Date) -> i32 {
    let (birth, on) = (birth.to_naive(), on.to_naive());
    match on.years_since(birth) {
        Some(years) => i32::try_from(years).unwrap_or(i32::MAX),
        None => birth
            .years_since(on)
            .map_or(i32::MIN, |y| i32::try_from(y).map_or(i32::MIN, |y| -y)),
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as \"YYYY-MM-DD\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn validates_real_dates() {
        assert!(Date::new(1985, 2, 30).is_none());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2026, 4, 31).is_none());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 0, 1).is_none());
        assert!(Date::new(2026, 1, 0).is_none());
        assert!(Date::new(0, 1, 1).is_none());
        assert!(Date::new(10000, 1, 1).is_none());
        assert!(!Date {
            year: 2026,
            month: 2,
            day: 30
        }
        .is_valid());
    }

    #[test]
    fn parses_iso_dates_and_date_times() {
        assert_eq!(Date::parse_iso("2026-11-23"), Some(d(2026, 11, 23)));
        assert_eq!(Date::parse_iso(" 2026-11-23 "), Some(d(2026, 11, 23)));
        assert_eq!(
            Date::parse_iso("2026-11-23T10:00:00Z"),
            Some(d(2026, 11, 23))
        );
        assert_eq!(Date::parse_iso("2026-11-23 10:00"), Some(d(2026, 11, 23)));
        for bad in [
            "",
            "2026",
            "2026-11-2",
            "2026-1-23",
            "2026/11/23",
            "2026-11-23X",
            "2026-02-30",
            "+026-11-23",
            "2026-11-2é",
            "２０２６-11-23",
            "-001-01-01",
            "0000-01-01",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formats() {
        let x = d(2026, 11, 3);
        assert_eq!(x.to_string(), "2026-11-03");
        assert_eq!(x.format_it(), "03/11/2026");
        assert_eq!(d(985, 1, 2).to_string(), "0985-01-02");
        assert_eq!("2026-11-03".parse::<Date>(), Ok(x));
        assert!("nope"
            .parse::<Date>()
            .unwrap_err()
            .to_string()
            .contains("nope"));
        assert_eq!(
            "nope".parse::<Date>(),
            Err(DateError::Format {
                text: "nope".into()
            })
        );
        assert_eq!(
            "2026-02-30".parse::<Date>(),
            Err(DateError::Nonexistent {
                year: 2026,
                month: 2,
                day: 30
            })
        );
    }

    #[test]
    fn serde_round_trip() {
        let x = d(2026, 11, 23);
        assert_eq!(serde_json::to_string(&x).unwrap(), "\"2026-11-23\"");
        assert_eq!(serde_json::from_str::<Date>("\"2026-11-23\"").unwrap(), x);
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
        assert!(serde_json::from_str::<Date>("20261123").is_err());
        assert!(serde_json::from_str::<Date>("null").is_err());
    }

    #[test]
    fn day_numbers() {
        assert_eq!(d(1970, 1, 1).days_from_civil(), 0);
        assert_eq!(d(1970, 1, 2).days_from_civil(), 1);
        assert_eq!(d(1969, 12, 31).days_from_civil(), -1);
        assert_eq!(d(2000, 3, 1).days_from_civil(), 11_017);
        assert_eq!(Date::from_days(11_016), Some(d(2000, 2, 29)));
        assert_eq!(Date::from_days(i64::MAX), None);
        assert_eq!(Date::from_days(i64::MIN), None);
        // round trip over a wide range, in steps
        let mut n = Date::MIN.days_from_civil();
        let end = Date::MAX.days_from_civil();
        while n <= end {
            let x = Date::from_days(n).unwrap();
            assert_eq!(x.days_from_civil(), n);
            n += 97;
        }
        // every day of a few years, including leap days
        let mut x = d(1899, 12, 1);
        while x < d(2101, 2, 1) {
            let y = x.add_days(1);
            assert_eq!(x.days_until(y), 1);
            assert!(y > x);
            x = y;
        }
    }

    #[test]
    fn arithmetic() {
        assert_eq!(d(2026, 11, 23).add_days(30), d(2026, 12, 23));
        assert_eq!(d(2026, 12, 31).add_days(1), d(2027, 1, 1));
        assert_eq!(d(2024, 2, 28).add_days(1), d(2024, 2, 29));
        assert_eq!(d(2024, 3, 1).add_days(-1), d(2024, 2, 29));
        assert_eq!(d(2026, 1, 1).add_days(i64::MAX), Date::MAX);
        assert_eq!(d(2026, 1, 1).add_days(i64::MIN), Date::MIN);
        assert_eq!(d(2026, 1, 1).checked_add_days(i64::MAX), None);
        assert_eq!(d(2026, 11, 23).days_until(d(2026, 11, 8)), -15);
        assert_eq!(
            Date::MIN.days_until(Date::MAX),
            Date::MAX.days_from_civil() - Date::MIN.days_from_civil()
        );
    }

    #[test]
    fn weekdays() {
        assert_eq!(d(1970, 1, 1).weekday(), 4); // Thursday
        assert_eq!(d(2026, 11, 23).weekday(), 1); // Monday
        assert_eq!(d(2026, 11, 22).weekday(), 7); // Sunday
        assert_eq!(d(1900, 1, 1).weekday(), 1);
        assert_eq!(d(2026, 11, 22).weekday_name_it(), "domenica");
        assert_eq!(Date::MIN.weekday(), 1); // 0001-01-01 was a Monday (proleptic)
    }

    #[test]
    fn ages() {
        let b = d(1985, 4, 3);
        assert_eq!(age_on(b, d(2026, 4, 2)), 40);
        assert_eq!(age_on(b, d(2026, 4, 3)), 41);
        assert_eq!(Date::age_on(b, d(2026, 11, 23)), 41);
        assert_eq!(age_on(b, b), 0);
        assert_eq!(age_on(d(2000, 2, 29), d(2023, 2, 28)), 22);
        assert_eq!(age_on(d(2000, 2, 29), d(2023, 3, 1)), 23);
        assert_eq!(age_on(d(2000, 2, 29), d(2024, 2, 29)), 24);
        assert_eq!(age_on(d(2010, 5, 5), d(2000, 5, 5)), -10);
        assert_eq!(age_on(Date::MIN, Date::MAX), 9998);
    }

    #[test]
    fn invalid_literals_do_not_panic() {
        let bad = Date {
            year: i32::MIN,
            month: 200,
            day: 99,
        };
        let _ = bad.days_from_civil();
        let _ = bad.weekday();
        let _ = bad.add_days(5);
        let _ = bad.format_it();
        let _ = bad.to_string();
        let _ = age_on(bad, Date::MAX);
        let bad2 = Date {
            year: i32::MAX,
            month: 0,
            day: 0,
        };
        let _ = bad.days_until(bad2);
        let _ = age_on(bad2, bad);
    }
}
