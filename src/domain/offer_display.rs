//! What the offer views (result card, offer page, favourites) decide about
//! an offer: how its place reads, whether it is still open, which salary
//! sentence applies.

use crate::domain::provinces;
use crate::domain::vacancy::{iso_to_days, PayPeriod, Salary};

/// "Bologna (BO)", or the comune alone when the province is not known;
/// `None` when the offer states no place (the view says "Luogo non
/// indicato").
pub fn place_label(comune: &str, province: &str) -> Option<String> {
    let comune = comune.trim();
    if comune.is_empty() {
        None
    } else if province.is_empty() || province == provinces::UNKNOWN {
        Some(comune.to_string())
    } else {
        Some(format!("{comune} ({province})"))
    }
}

/// True while an offer can be shown and applied to: its expiry date (ISO)
/// is `today` or later. An unreadable date counts as closed.
pub fn is_open(expires: &str, today: i32) -> bool {
    iso_to_days(expires).is_some_and(|e| e >= today)
}

/// True when a kept offer (a favourite) has certainly expired; an
/// unreadable date is not known to have.
pub fn has_expired(expires: &str, today: i32) -> bool {
    iso_to_days(expires).is_some_and(|e| e < today)
}

/// The salary as the offer page states it: the amounts as published, in
/// their currency and for their period (never converted).
#[derive(Clone, Debug, PartialEq)]
pub struct SalaryText {
    pub min: f64,
    /// `None`: one amount.
    pub max: Option<f64>,
    /// `€` for euro, else the ISO code.
    pub currency: String,
    pub period: PayPeriod,
}

impl SalaryText {
    pub fn of(s: &Salary) -> SalaryText {
        SalaryText {
            min: s.min,
            max: (s.max != s.min).then_some(s.max),
            currency: if s.currency == "EUR" {
                "€".into()
            } else {
                s.currency.clone()
            },
            period: s.period,
        }
    }

    /// The translation key: `vacancies.salary.one.month`, `…range.hour` …
    pub fn key(&self) -> String {
        let shape = if self.max.is_some() { "range" } else { "one" };
        format!("vacancies.salary.{shape}.{}", self.period.code())
    }

    /// Whether amounts need their cents (`9,50`): any has a fraction.
    pub fn with_cents(&self) -> bool {
        let frac = |x: f64| (x * 100.0).round() as i64 % 100 != 0;
        frac(self.min) || self.max.is_some_and(frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_with_and_without_province() {
        assert_eq!(place_label("Bologna", "BO"), Some("Bologna (BO)".into()));
        assert_eq!(place_label("Lugano", ""), Some("Lugano".into()));
    }

    #[test]
    fn open_until_the_expiry_day_included() {
        let today = iso_to_days("2026-12-01").unwrap_or_default();
        assert!(is_open("2026-12-01", today));
        assert!(is_open("2027-01-31", today));
        assert!(!is_open("2026-11-30", today));
        assert!(!is_open("not a date", today));
        assert!(!has_expired("2026-12-01", today));
        assert!(has_expired("2026-11-30", today));
        assert!(!has_expired("", today));
    }

    #[test]
    fn salary_one_amount_or_range_in_its_own_period() {
        let monthly = Salary {
            min: 1500.0,
            max: 1800.0,
            currency: "EUR".into(),
            period: PayPeriod::Month,
        };
        let t = SalaryText::of(&monthly);
        assert_eq!((t.min, t.max), (1500.0, Some(1800.0)), "not made yearly");
        assert_eq!(t.currency, "€");
        assert_eq!(t.key(), "vacancies.salary.range.month");
        assert!(!t.with_cents());
        let hourly = SalaryText::of(&Salary {
            min: 9.5,
            max: 9.5,
            currency: "CHF".into(),
            period: PayPeriod::Hour,
        });
        assert_eq!(hourly.max, None);
        assert_eq!(hourly.currency, "CHF");
        assert_eq!(hourly.key(), "vacancies.salary.one.hour");
        assert!(hourly.with_cents());
    }

    #[test]
    fn no_place_reads_as_none() {
        assert_eq!(place_label("", ""), None);
        assert_eq!(
            place_label("Imola", provinces::UNKNOWN),
            Some("Imola".into())
        );
    }
}
