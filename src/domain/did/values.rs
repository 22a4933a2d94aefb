//! Values typed in the form, parsed and formatted: dates in three boxes,
//! euro amounts the Italian way, postal codes.

use crate::domain::date::{days_in_month, Date};
use crate::domain::message::Msg;

/// Why a date typed as day / month / year is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateProblem {
    Missing,
    Incomplete,
    NotNumbers,
    Day,
    Month,
    Year,
    Nonexistent {
        day: u8,
        month: u8,
        year: i32,
        days: u8,
    },
}

impl DateProblem {
    /// The message; `what` is the key of the date's name with its article
    /// ("la data di nascita").
    pub fn message(&self, what: &'static str) -> Msg {
        let msg = match self {
            DateProblem::Missing => Msg::new("did.err.date_missing"),
            DateProblem::Incomplete => Msg::new("did.err.date_incomplete"),
            DateProblem::NotNumbers => Msg::new("did.err.date_not_numbers"),
            DateProblem::Day => Msg::new("did.err.date_day"),
            DateProblem::Month => Msg::new("did.err.date_month"),
            DateProblem::Year => Msg::new("did.err.date_year"),
            DateProblem::Nonexistent {
                day,
                month,
                year,
                days,
            } => Msg::new("did.err.date_nonexistent")
                .text("date", format!("{day:02}/{month:02}/{year:04}"))
                .key_arg("month_name", month_key(*month))
                .text("year", year.to_string())
                .text("days", days.to_string()),
        };
        msg.key_arg("what", what)
    }
}

pub(super) fn digits_only(s: &str) -> Option<u32> {
    let t = s.trim();
    if t.is_empty() || t.len() > 9 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// A date from three boxes. The year must have 4 digits.
pub fn parse_date_parts(day: &str, month: &str, year: &str) -> Result<Date, DateProblem> {
    let parts = [day.trim(), month.trim(), year.trim()];
    let filled = parts.iter().filter(|p| !p.is_empty()).count();
    if filled == 0 {
        return Err(DateProblem::Missing);
    }
    if filled < 3 {
        return Err(DateProblem::Incomplete);
    }
    let (Some(d), Some(m), Some(y)) = (digits_only(day), digits_only(month), digits_only(year))
    else {
        return Err(DateProblem::NotNumbers);
    };
    if !(1..=12).contains(&m) {
        return Err(DateProblem::Month);
    }
    if year.trim().len() != 4 || y < 1000 {
        return Err(DateProblem::Year);
    }
    if !(1..=31).contains(&d) {
        return Err(DateProblem::Day);
    }
    let (d8, m8) = (u8::try_from(d).unwrap_or(0), u8::try_from(m).unwrap_or(0));
    let y32 = i32::try_from(y).unwrap_or(0);
    Date::new(y32, m8, d8).ok_or(DateProblem::Nonexistent {
        day: d8,
        month: m8,
        year: y32,
        days: days_in_month(y32, m8),
    })
}

/// Translation key of a month name (lower case), 1 = January.
pub fn month_key(month: u8) -> &'static str {
    match month {
        1 => "did.month.1",
        2 => "did.month.2",
        3 => "did.month.3",
        4 => "did.month.4",
        5 => "did.month.5",
        6 => "did.month.6",
        7 => "did.month.7",
        8 => "did.month.8",
        9 => "did.month.9",
        10 => "did.month.10",
        11 => "did.month.11",
        _ => "did.month.12",
    }
}

/// Euro amount typed the Italian way ("8.500", "8500", "8.500,50 €",
/// "8500.50"), in cents. `None` if it is not an amount.
pub fn parse_euro_cents(input: &str) -> Option<u64> {
    let mut s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    for suffix in ["€", "EUR", "eur", "Eur", "euro", "Euro"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_string();
        }
        if let Some(rest) = s.strip_prefix(suffix) {
            s = rest.to_string();
        }
    }
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let (int_part, dec_part) = if let Some((i, d)) = s.rsplit_once(',') {
        // comma = decimal separator; dots are thousands separators
        (i.to_string(), d.to_string())
    } else if let Some((i, d)) = s.rsplit_once('.') {
        if d.len() == 3 {
            (s.clone(), String::new()) // "8.500": thousands
        } else {
            (i.to_string(), d.to_string())
        }
    } else {
        (s.clone(), String::new())
    };
    if dec_part.contains('.') || dec_part.contains(',') || dec_part.len() > 2 {
        return None;
    }
    // thousands groups: "8.500.000" is fine, "85.00.0" is not
    if int_part.contains('.') {
        let mut groups = int_part.split('.');
        let first = groups.next().unwrap_or_default();
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let int_digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    if int_digits.is_empty() || int_digits.len() > 12 || int_part.contains(',') {
        return None;
    }
    let euros: u64 = int_digits.parse().ok()?;
    let cents: u64 = match dec_part.len() {
        0 => 0,
        1 => dec_part.parse::<u64>().ok()? * 10,
        _ => dec_part.parse::<u64>().ok()?,
    };
    euros.checked_mul(100)?.checked_add(cents)
}

/// "8.500 €", "8.500,50 €".
pub fn format_eur_cents(cents: u64) -> String {
    let euros = cents / 100;
    let rest = cents % 100;
    let digits = euros.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if rest != 0 {
        out.push_str(&format!(",{rest:02}"));
    }
    out.push_str(" €");
    out
}

pub fn format_eur(euros: u32) -> String {
    format_eur_cents(u64::from(euros) * 100)
}

/// Postal code: five digits.
pub fn is_cap(s: &str) -> bool {
    let t = s.trim();
    t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euro_amounts() {
        assert_eq!(parse_euro_cents("8500"), Some(850_000));
        assert_eq!(parse_euro_cents("8.500"), Some(850_000));
        assert_eq!(parse_euro_cents("8.500,5"), Some(850_050));
        assert_eq!(parse_euro_cents(" 8 500 € "), Some(850_000));
        assert_eq!(parse_euro_cents("8500.50"), Some(850_050));
        assert_eq!(parse_euro_cents("1.234.567"), Some(123_456_700));
        for bad in [
            "",
            "otto",
            "-5",
            "8,5,0",
            "85.00.0",
            "8.50,5",
            "1,234",
            "€",
            "9".repeat(40).as_str(),
        ] {
            assert_eq!(parse_euro_cents(bad), None, "{bad:?}");
        }
        assert_eq!(format_eur_cents(850_000), "8.500 €");
        assert_eq!(format_eur_cents(850_050), "8.500,50 €");
        assert_eq!(format_eur(123), "123 €");
        assert_eq!(format_eur(1_234_567), "1.234.567 €");
    }
}
