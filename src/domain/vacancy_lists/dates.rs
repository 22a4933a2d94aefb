//! An offer's dates as the lists show them: the date, freshness, expiry.

use crate::domain::vacancy::days_to_date;

/// `23/11/2026` for a day number (days since 1970-01-01).
pub fn format_date_it(days: i32) -> String {
    days_to_date(days).format_it()
}

/// How long ago an offer was published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    Today,
    Yesterday,
    DaysAgo(i32),
}

pub fn freshness(published: i32, today: i32) -> Freshness {
    match today - published {
        i32::MIN..=0 => Freshness::Today,
        1 => Freshness::Yesterday,
        n => Freshness::DaysAgo(n),
    }
}

/// When an offer stops being shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    Expired,
    Today,
    Tomorrow,
    InDays(i32),
}

pub fn expiry(expires: i32, today: i32) -> Expiry {
    match expires - today {
        i32::MIN..=-1 => Expiry::Expired,
        0 => Expiry::Today,
        1 => Expiry::Tomorrow,
        n => Expiry::InDays(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vacancy::iso_to_days;

    fn day(s: &str) -> i32 {
        iso_to_days(s).unwrap()
    }

    #[test]
    fn dates_and_freshness() {
        let today = day("2026-11-23");
        assert_eq!(format_date_it(today), "23/11/2026");
        assert_eq!(format_date_it(day("2024-02-29")), "29/02/2024");
        assert_eq!(freshness(today, today), Freshness::Today);
        assert_eq!(
            freshness(today + 2, today),
            Freshness::Today,
            "a future date is not 'days ago'"
        );
        assert_eq!(freshness(today - 1, today), Freshness::Yesterday);
        assert_eq!(freshness(today - 3, today), Freshness::DaysAgo(3));
        assert_eq!(expiry(today - 1, today), Expiry::Expired);
        assert_eq!(expiry(today, today), Expiry::Today);
        assert_eq!(expiry(today + 1, today), Expiry::Tomorrow);
        assert_eq!(expiry(today + 10, today), Expiry::InDays(10));
    }
}
