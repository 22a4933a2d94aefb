//! What the offer views (result card, offer page, favourites) decide about
//! an offer: how its place reads, whether it is still open, which salary
//! sentence applies.

use crate::domain::vacancy::{iso_to_days, Salary};

/// "Bologna (BO)", or the comune alone when the province is not known.
pub fn place_label(comune: &str, province: &str) -> String {
    if province.is_empty() {
        comune.to_string()
    } else {
        format!("{comune} ({province})")
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

/// The salary as the offer page states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SalaryText {
    /// One amount (euro, gross a year).
    One(u32),
    Range {
        min: u32,
        max: u32,
    },
}

impl SalaryText {
    pub fn of(s: &Salary) -> SalaryText {
        if s.annual_gross_eur_min == s.annual_gross_eur_max {
            SalaryText::One(s.annual_gross_eur_min)
        } else {
            SalaryText::Range {
                min: s.annual_gross_eur_min,
                max: s.annual_gross_eur_max,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_with_and_without_province() {
        assert_eq!(place_label("Bologna", "BO"), "Bologna (BO)");
        assert_eq!(place_label("Lugano", ""), "Lugano");
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
    fn salary_one_amount_or_range() {
        let s = |min, max| Salary {
            annual_gross_eur_min: min,
            annual_gross_eur_max: max,
        };
        assert_eq!(SalaryText::of(&s(25000, 25000)), SalaryText::One(25000));
        assert_eq!(
            SalaryText::of(&s(25000, 29000)),
            SalaryText::Range {
                min: 25000,
                max: 29000
            }
        );
    }
}
