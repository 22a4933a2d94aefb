//! Deadlines to contact the CPI (after the DID, after a NASpI / DIS-COLL
//! application) and their countdowns.

use super::form::DidForm;
use super::messages::Msg;
use super::payload::DidPayload;
use super::rules::{contact_deadline, DeadlineKind, DidRules};
use super::values::parse_date_parts;
use crate::domain::date::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Countdown {
    pub deadline: Date,
    /// Days from today to the deadline; negative when it has passed.
    pub days_left: i64,
}

impl Countdown {
    pub fn new(deadline: Date, today: Date) -> Countdown {
        Countdown {
            deadline,
            days_left: today.days_until(deadline),
        }
    }

    pub fn is_past(&self) -> bool {
        self.days_left < 0
    }

    /// "Mancano 12 giorni.", "Il termine scade oggi." and the like (the date
    /// itself is shown next to it).
    pub fn msg(&self) -> Msg {
        let key = match self.days_left {
            d if d > 1 => "did.deadline.days_left",
            1 => "did.deadline.tomorrow",
            0 => "did.deadline.today",
            -1 => "did.deadline.yesterday",
            _ => "did.deadline.passed",
        };
        Msg::new(key).text("days", self.days_left.abs().to_string())
    }
}

pub fn weekday_key(date: Date) -> &'static str {
    match date.weekday() {
        1 => "did.weekday.1",
        2 => "did.weekday.2",
        3 => "did.weekday.3",
        4 => "did.weekday.4",
        5 => "did.weekday.5",
        6 => "did.weekday.6",
        _ => "did.weekday.7",
    }
}

/// The NASpI countdown, when the application date was given and is real.
pub fn naspi_countdown(form: &DidForm, rules: &DidRules, today: Date) -> Option<Countdown> {
    let d = parse_date_parts(&form.naspi_day, &form.naspi_month, &form.naspi_year).ok()?;
    if d > today {
        return None;
    }
    Some(Countdown::new(
        contact_deadline(rules, DeadlineKind::Naspi, d),
        today,
    ))
}

/// The DID countdown for a payload (its DID date), else from `fallback`.
pub fn did_countdown(
    payload: &DidPayload,
    rules: &DidRules,
    fallback: Date,
    today: Date,
) -> Countdown {
    let from = payload.informazioni_did.data_did.unwrap_or(fallback);
    let deadline = payload
        .scadenza_contatto_cpi
        .unwrap_or_else(|| contact_deadline(rules, DeadlineKind::Did, from));
    Countdown::new(deadline, today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::did::rules;
    use crate::domain::did::test_support::{d, en, it};

    #[test]
    fn deadlines_and_countdowns() {
        let r = rules().unwrap();
        assert_eq!(
            contact_deadline(r, DeadlineKind::Did, d(2026, 11, 23)),
            d(2026, 12, 23)
        );
        assert_eq!(
            contact_deadline(r, DeadlineKind::Naspi, d(2026, 11, 23)),
            d(2026, 12, 8)
        );
        let c = Countdown::new(d(2026, 12, 23), d(2026, 11, 23));
        assert_eq!(it(&c.msg()), "Mancano 30 giorni.");
        assert_eq!(weekday_key(c.deadline), "did.weekday.3");
        assert_eq!(
            it(&Countdown::new(d(2026, 11, 24), d(2026, 11, 23)).msg()),
            "Manca 1 giorno: il termine è domani."
        );
        assert_eq!(
            it(&Countdown::new(d(2026, 11, 23), d(2026, 11, 23)).msg()),
            "Il termine scade oggi."
        );
        let past = Countdown::new(d(2026, 11, 20), d(2026, 11, 23));
        assert!(past.is_past());
        assert!(it(&past.msg()).starts_with("Il termine è scaduto da 3 giorni"));
        assert!(en(&past.msg()).contains("3 days"));
    }
}
