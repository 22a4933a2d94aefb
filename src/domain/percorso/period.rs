//! The calendar periods of the patto's commitments ("3 candidature al
//! mese"): a week is Monday to Sunday, a month the calendar month, two
//! months and a quarter start in January (January–February, March–April,
//! …; January–March, April–June, …). A period is never a rolling window
//! of N days: the 31st of January and the 1st of February are in different
//! months.

use crate::domain::date::{days_in_month, Date};
use serde::{Deserialize, Serialize};

/// How often a commitment repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Week,
    Month,
    TwoMonths,
    Quarter,
}

impl Period {
    pub const ALL: [Period; 4] = [
        Period::Week,
        Period::Month,
        Period::TwoMonths,
        Period::Quarter,
    ];

    /// Months in a period (0 for the week).
    fn months(self) -> u8 {
        match self {
            Period::Week => 0,
            Period::Month => 1,
            Period::TwoMonths => 2,
            Period::Quarter => 3,
        }
    }

    /// The period of this kind that contains `date`.
    pub fn containing(self, date: Date) -> Span {
        let date = if date.is_valid() {
            date
        } else {
            Date::from_naive(date.to_naive()).unwrap_or(Date::MIN)
        };
        if self == Period::Week {
            let start = date.add_days(-i64::from(date.weekday() - 1));
            return Span {
                period: self,
                start,
                end: start.add_days(6),
            };
        }
        let n = self.months();
        let first_month = date.month - (date.month - 1) % n;
        let last_month = first_month + n - 1;
        let start = Date {
            year: date.year,
            month: first_month,
            day: 1,
        };
        let end = Date {
            year: date.year,
            month: last_month,
            day: days_in_month(date.year, last_month),
        };
        Span {
            period: self,
            start,
            end,
        }
    }

    /// "questa settimana", "questo mese", "in questo bimestre", "in questo
    /// trimestre".
    pub fn this_key(self) -> &'static str {
        match self {
            Period::Week => "percorso.period.this.week",
            Period::Month => "percorso.period.this.month",
            Period::TwoMonths => "percorso.period.this.two_months",
            Period::Quarter => "percorso.period.this.quarter",
        }
    }

    /// "a settimana", "al mese", "ogni due mesi", "a trimestre" (for "3
    /// candidature al mese").
    pub fn every_key(self) -> &'static str {
        match self {
            Period::Week => "percorso.period.every.week",
            Period::Month => "percorso.period.every.month",
            Period::TwoMonths => "percorso.period.every.two_months",
            Period::Quarter => "percorso.period.every.quarter",
        }
    }
}

/// One period: its first and last day, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub period: Period,
    pub start: Date,
    pub end: Date,
}

impl Span {
    pub fn contains(&self, date: Date) -> bool {
        (self.start..=self.end).contains(&date)
    }

    /// Days in the period.
    pub fn len_days(&self) -> i64 {
        self.start.days_until(self.end) + 1
    }

    /// Days left to act on `today`, today included: the whole period before
    /// it starts, 1 on its last day, 0 once it is over.
    pub fn days_left(&self, today: Date) -> i64 {
        if today < self.start {
            self.len_days()
        } else {
            (today.days_until(self.end) + 1).max(0)
        }
    }

    /// Whether the period has ended before `today`.
    pub fn is_over(&self, today: Date) -> bool {
        today > self.end
    }

    /// The period after this one.
    pub fn next(&self) -> Span {
        self.period.containing(self.end.add_days(1))
    }

    /// The period before this one.
    pub fn previous(&self) -> Span {
        self.period.containing(self.start.add_days(-1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn span(p: Period, on: Date) -> (Date, Date) {
        let s = p.containing(on);
        assert!(s.contains(on), "{p:?} {on}");
        (s.start, s.end)
    }

    #[test]
    fn weeks_run_monday_to_sunday_across_month_and_year_ends() {
        // Thursday 3 December 2026
        assert_eq!(
            span(Period::Week, d(2026, 12, 3)),
            (d(2026, 11, 30), d(2026, 12, 6))
        );
        // Monday and Sunday are their own week's ends
        assert_eq!(
            span(Period::Week, d(2026, 11, 30)),
            (d(2026, 11, 30), d(2026, 12, 6))
        );
        assert_eq!(
            span(Period::Week, d(2026, 12, 6)),
            (d(2026, 11, 30), d(2026, 12, 6))
        );
        // across the year end: Thursday 31 December 2026
        assert_eq!(
            span(Period::Week, d(2026, 12, 31)),
            (d(2026, 12, 28), d(2027, 1, 3))
        );
        assert_eq!(
            span(Period::Week, d(2027, 1, 1)),
            (d(2026, 12, 28), d(2027, 1, 3))
        );
        // a week holding 29 February 2028 (a Tuesday)
        assert_eq!(
            span(Period::Week, d(2028, 2, 29)),
            (d(2028, 2, 28), d(2028, 3, 5))
        );
        let w = Period::Week.containing(d(2028, 2, 29));
        assert_eq!(w.len_days(), 7);
        assert_eq!(w.days_left(d(2028, 2, 29)), 6);
        assert_eq!(w.start.weekday(), 1);
        assert_eq!(w.end.weekday(), 7);
    }

    #[test]
    fn months_are_calendar_months() {
        assert_eq!(
            span(Period::Month, d(2026, 12, 20)),
            (d(2026, 12, 1), d(2026, 12, 31))
        );
        // 31 January and the next day are in different months
        assert_eq!(
            span(Period::Month, d(2027, 1, 31)),
            (d(2027, 1, 1), d(2027, 1, 31))
        );
        assert_eq!(
            span(Period::Month, d(2027, 2, 1)),
            (d(2027, 2, 1), d(2027, 2, 28))
        );
        // February of a leap year, of a century leap year and of a century
        // common year
        assert_eq!(
            span(Period::Month, d(2028, 2, 29)),
            (d(2028, 2, 1), d(2028, 2, 29))
        );
        assert_eq!(Period::Month.containing(d(2000, 2, 10)).end, d(2000, 2, 29));
        assert_eq!(Period::Month.containing(d(2100, 2, 10)).end, d(2100, 2, 28));
        assert_eq!(Period::Month.containing(d(2026, 4, 30)).end, d(2026, 4, 30));
    }

    #[test]
    fn two_months_start_in_odd_months() {
        for (month, first) in [
            (1, 1),
            (2, 1),
            (3, 3),
            (4, 3),
            (5, 5),
            (6, 5),
            (7, 7),
            (8, 7),
            (9, 9),
            (10, 9),
            (11, 11),
            (12, 11),
        ] {
            assert_eq!(
                Period::TwoMonths.containing(d(2026, month, 15)).start,
                d(2026, first, 1)
            );
        }
        // January–February, from 31 January to 28 / 29 February
        assert_eq!(
            span(Period::TwoMonths, d(2027, 1, 31)),
            (d(2027, 1, 1), d(2027, 2, 28))
        );
        assert_eq!(
            span(Period::TwoMonths, d(2027, 2, 28)),
            (d(2027, 1, 1), d(2027, 2, 28))
        );
        let leap = Period::TwoMonths.containing(d(2028, 1, 31));
        assert_eq!((leap.start, leap.end), (d(2028, 1, 1), d(2028, 2, 29)));
        assert!(leap.contains(d(2028, 2, 29)));
        assert_eq!(leap.len_days(), 60);
        assert_eq!(leap.days_left(d(2028, 1, 31)), 30);
        assert_eq!(Period::TwoMonths.containing(d(2027, 1, 31)).len_days(), 59);
        // November–December ends on New Year's Eve; the next starts in January
        let nd = Period::TwoMonths.containing(d(2026, 12, 3));
        assert_eq!((nd.start, nd.end), (d(2026, 11, 1), d(2026, 12, 31)));
        assert_eq!(nd.next().start, d(2027, 1, 1));
        assert_eq!(nd.next().end, d(2027, 2, 28));
    }

    #[test]
    fn quarters_start_in_january_april_july_october() {
        assert_eq!(
            span(Period::Quarter, d(2028, 2, 29)),
            (d(2028, 1, 1), d(2028, 3, 31))
        );
        assert_eq!(Period::Quarter.containing(d(2028, 2, 29)).len_days(), 91);
        assert_eq!(Period::Quarter.containing(d(2027, 2, 28)).len_days(), 90);
        assert_eq!(
            span(Period::Quarter, d(2026, 6, 30)),
            (d(2026, 4, 1), d(2026, 6, 30))
        );
        assert_eq!(
            span(Period::Quarter, d(2026, 12, 31)),
            (d(2026, 10, 1), d(2026, 12, 31))
        );
        assert_eq!(
            Period::Quarter.containing(d(2026, 12, 31)).next(),
            Period::Quarter.containing(d(2027, 1, 1))
        );
        assert_eq!(
            Period::Quarter.containing(d(2027, 1, 1)).previous().start,
            d(2026, 10, 1)
        );
    }

    #[test]
    fn days_left_counts_today() {
        let dec = Period::Month.containing(d(2026, 12, 20));
        assert_eq!(dec.days_left(d(2026, 12, 20)), 12);
        assert_eq!(dec.days_left(d(2026, 12, 31)), 1);
        assert_eq!(dec.days_left(d(2027, 1, 1)), 0);
        assert_eq!(dec.days_left(d(2026, 11, 1)), 31);
        assert!(!dec.is_over(d(2026, 12, 31)));
        assert!(dec.is_over(d(2027, 1, 1)));
        // from 31 January to the end of a leap February
        let feb = Period::Month.containing(d(2028, 2, 1));
        assert_eq!(feb.days_left(d(2028, 2, 28)), 2);
        assert_eq!(feb.days_left(d(2028, 2, 29)), 1);
        assert_eq!(feb.previous().end, d(2028, 1, 31));
    }

    #[test]
    fn every_date_is_in_exactly_one_period_of_each_kind() {
        for p in Period::ALL {
            let mut s = p.containing(d(2027, 12, 1));
            // consecutive periods tile the calendar with no gap or overlap
            for _ in 0..60 {
                let n = s.next();
                assert_eq!(s.end.add_days(1), n.start, "{p:?}");
                assert!(n.start <= n.end);
                s = n;
            }
        }
        let mut x = d(2027, 12, 25);
        while x < d(2028, 3, 10) {
            for p in Period::ALL {
                let s = p.containing(x);
                assert!(s.contains(x));
                assert_eq!(p.containing(s.start), s);
                assert_eq!(p.containing(s.end), s);
            }
            x = x.add_days(1);
        }
    }

    #[test]
    fn serde_names() {
        assert_eq!(
            serde_json::to_string(&Period::TwoMonths).unwrap(),
            "\"two_months\""
        );
        assert_eq!(
            serde_json::from_str::<Period>("\"quarter\"").unwrap(),
            Period::Quarter
        );
        assert!(serde_json::from_str::<Period>("\"year\"").is_err());
    }
}
