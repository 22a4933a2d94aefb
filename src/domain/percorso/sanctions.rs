//! What is at stake under art. 21 c.7 D.Lgs. 150/2015 (the ladder of
//! DOMAIN.md 4.2, in `public/data/rules/sanctions.json`): from the checks
//! the CPI recorded, the consequence a further breach without a justified
//! reason *could* bring, and for an appointment missed (or still to come)
//! the consequence at stake given the earlier unjustified breaches of the
//! same kind.
//!
//! The CPI decides every sanction and notifies INPS; nothing here says one
//! was decided. Every message is conditional ("Se l'assenza non è
//! giustificata, il CPI può ridurre…").
//!
//! Amounts: with the monthly NASpI known, one monthly payment is that
//! amount and a quarter of it is computed in cents, rounded half up to the
//! cent (1 050,02 € → 262,51 €).

use super::model::{Appointment, AppointmentStatus, Check, Naspi};
use super::rules::{BreachRule, SanctionRules};
use crate::domain::date::Date;
use crate::domain::did::format_eur_cents;
use crate::domain::message::Msg;
use serde::{Deserialize, Serialize};

/// A letter of art. 21 c.7.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreachKind {
    /// a) not showing up at a convocation or appointment.
    MissedAppointment,
    /// b) not taking part in an orientation or job-search workshop.
    MissedWorkshop,
    /// c) not taking part in training or requalification.
    MissedTraining,
    /// d) refusing a congrua job offer.
    RefusedOffer,
}

impl BreachKind {
    pub const ALL: [BreachKind; 4] = [
        BreachKind::MissedAppointment,
        BreachKind::MissedWorkshop,
        BreachKind::MissedTraining,
        BreachKind::RefusedOffer,
    ];

    /// Its name ("Assenza a convocazioni o appuntamenti").
    pub fn key(self) -> &'static str {
        match self {
            BreachKind::MissedAppointment => "percorso.breach.missed_appointment",
            BreachKind::MissedWorkshop => "percorso.breach.missed_workshop",
            BreachKind::MissedTraining => "percorso.breach.missed_training",
            BreachKind::RefusedOffer => "percorso.breach.refused_offer",
        }
    }

    /// The condition of a sentence ("non ti presenti a una convocazione o a
    /// un appuntamento").
    pub fn if_key(self) -> &'static str {
        match self {
            BreachKind::MissedAppointment => "percorso.breach.if.missed_appointment",
            BreachKind::MissedWorkshop => "percorso.breach.if.missed_workshop",
            BreachKind::MissedTraining => "percorso.breach.if.missed_training",
            BreachKind::RefusedOffer => "percorso.breach.if.refused_offer",
        }
    }
}

/// A step of the ladder, lightest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Consequence {
    /// A quarter of one monthly payment.
    QuarterMonth,
    /// One monthly payment.
    OneMonth,
    /// Loss of the benefit and of the stato di disoccupazione.
    Decadenza,
}

impl Consequence {
    /// "riduzione di un quarto di una mensilità", "riduzione di una
    /// mensilità", "decadenza dalla NASpI e dallo stato di disoccupazione".
    pub fn key(self) -> &'static str {
        match self {
            Consequence::QuarterMonth => "percorso.consequence.quarter_month",
            Consequence::OneMonth => "percorso.consequence.one_month",
            Consequence::Decadenza => "percorso.consequence.decadenza",
        }
    }

    /// The same with the amount ("riduzione di un quarto di una mensilità
    /// (262,50 €)").
    fn amount_key(self) -> &'static str {
        match self {
            Consequence::QuarterMonth => "percorso.consequence.quarter_month_amount",
            Consequence::OneMonth => "percorso.consequence.one_month_amount",
            Consequence::Decadenza => "percorso.consequence.decadenza",
        }
    }

    /// The amount in cents for a monthly payment of `monthly_cents`; `None`
    /// for decadenza.
    pub fn amount_cents(self, monthly_cents: u64) -> Option<u64> {
        match self {
            Consequence::QuarterMonth => Some(monthly_cents.saturating_add(2) / 4),
            Consequence::OneMonth => Some(monthly_cents),
            Consequence::Decadenza => None,
        }
    }

    /// Its label, with the amount when known.
    pub fn message(self, amount_cents: Option<u64>) -> Msg {
        match amount_cents {
            Some(c) => Msg::new(self.amount_key()).text("amount", format_eur_cents(c)),
            None => Msg::new(self.key()),
        }
    }
}

/// Where the stake is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StakeContext {
    /// An appointment already missed, whose absence the CPI has yet to
    /// judge.
    Missed,
    /// An appointment still to come.
    Upcoming,
    /// A further breach of the kind, from the checks recorded.
    Next,
}

/// What a breach without a justified reason could bring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stake {
    pub breach: BreachKind,
    pub context: StakeContext,
    /// Unjustified breaches of the kind the CPI recorded before.
    pub previous: usize,
    /// The step of the ladder, from 1.
    pub step: usize,
    pub consequence: Consequence,
    /// In cents, when the monthly payment is known (not for decadenza).
    pub amount_cents: Option<u64>,
    /// Missed appointments before this one that the CPI has not judged
    /// yet (no check on their day): if they turn out unjustified, the
    /// consequence is `if_pending_unjustified`.
    pub pending: usize,
    pub if_pending_unjustified: Option<Consequence>,
    /// The ladder of this breach is not confirmed by a primary source.
    pub unverified: bool,
}

impl Stake {
    fn new(
        rule: &BreachRule,
        context: StakeContext,
        previous: usize,
        pending: usize,
        naspi: Option<&Naspi>,
    ) -> Stake {
        let consequence = rule.consequence_after(previous);
        let worse = rule.consequence_after(previous + pending);
        Stake {
            breach: rule.kind,
            context,
            previous,
            step: previous + 1,
            consequence,
            amount_cents: naspi
                .and_then(Naspi::monthly_cents)
                .and_then(|m| consequence.amount_cents(m)),
            pending,
            if_pending_unjustified: (worse != consequence).then_some(worse),
            unverified: rule.unverified,
        }
    }

    /// The conditional sentence: "Se l'assenza non è giustificata, il CPI può
    /// ridurre la NASpI di una mensilità (1.050 €)." Never a decision.
    pub fn message(&self) -> Msg {
        let key = match (self.context, self.consequence, self.amount_cents.is_some()) {
            (StakeContext::Missed, Consequence::QuarterMonth, false) => {
                "percorso.sanction.at_stake_quarter"
            }
            (StakeContext::Missed, Consequence::QuarterMonth, true) => {
                "percorso.sanction.at_stake_quarter_amount"
            }
            (StakeContext::Missed, Consequence::OneMonth, false) => {
                "percorso.sanction.at_stake_month"
            }
            (StakeContext::Missed, Consequence::OneMonth, true) => {
                "percorso.sanction.at_stake_month_amount"
            }
            (StakeContext::Missed, Consequence::Decadenza, _) => {
                "percorso.sanction.at_stake_decadenza"
            }
            (StakeContext::Upcoming, Consequence::QuarterMonth, false) => {
                "percorso.sanction.if_absent_quarter"
            }
            (StakeContext::Upcoming, Consequence::QuarterMonth, true) => {
                "percorso.sanction.if_absent_quarter_amount"
            }
            (StakeContext::Upcoming, Consequence::OneMonth, false) => {
                "percorso.sanction.if_absent_month"
            }
            (StakeContext::Upcoming, Consequence::OneMonth, true) => {
                "percorso.sanction.if_absent_month_amount"
            }
            (StakeContext::Upcoming, Consequence::Decadenza, _) => {
                "percorso.sanction.if_absent_decadenza"
            }
            (StakeContext::Next, Consequence::QuarterMonth, false) => {
                "percorso.sanction.next_quarter"
            }
            (StakeContext::Next, Consequence::QuarterMonth, true) => {
                "percorso.sanction.next_quarter_amount"
            }
            (StakeContext::Next, Consequence::OneMonth, false) => "percorso.sanction.next_month",
            (StakeContext::Next, Consequence::OneMonth, true) => {
                "percorso.sanction.next_month_amount"
            }
            (StakeContext::Next, Consequence::Decadenza, _) => "percorso.sanction.next_decadenza",
        };
        let mut m = Msg::new(key);
        if self.context == StakeContext::Next {
            m = m.key_arg("breach", self.breach.if_key());
        }
        if let Some(c) = self.amount_cents {
            m = m.text("amount", format_eur_cents(c));
        }
        m
    }

    /// "Il CPI ha già registrato 1 caso di questo tipo…", when there is one.
    pub fn previous_message(&self) -> Option<Msg> {
        (self.previous > 0).then(|| {
            Msg::new("percorso.sanction.previous").text("count", self.previous.to_string())
        })
    }

    /// When an earlier missed appointment is still to be judged and would
    /// make this one heavier.
    pub fn pending_message(&self) -> Option<Msg> {
        self.if_pending_unjustified.map(|worse| {
            Msg::new("percorso.sanction.pending_worse").key_arg("consequence", worse.key())
        })
    }
}

/// Unjustified breaches of `rule` the CPI recorded, only those dated
/// before `before` if given.
pub fn unjustified(rule: &BreachRule, checks: &[Check], before: Option<Date>) -> usize {
    checks
        .iter()
        .filter(|c| before.is_none_or(|b| c.date < b) && rule.counts(c))
        .count()
}

/// The consequence of a further breach of `kind` without a justified
/// reason, from the checks recorded.
pub fn next_stake(
    rules: &SanctionRules,
    kind: BreachKind,
    checks: &[Check],
    naspi: Option<&Naspi>,
) -> Option<Stake> {
    let rule = rules.breach(kind)?;
    Some(Stake::new(
        rule,
        StakeContext::Next,
        unjustified(rule, checks, None),
        0,
        naspi,
    ))
}

/// The consequence at stake for `appointment` if the absence is (or would
/// be) unjustified: for a missed one, given the unjustified breaches of
/// the same kind recorded before its day; for one to come, the same.
/// `None` for an appointment attended, justified or cancelled.
///
/// `all` is the person's list of appointments: the missed ones before
/// this one with no check recorded on their day are still to be judged
/// ([`Stake::pending`]).
pub fn appointment_stake(
    rules: &SanctionRules,
    appointment: &Appointment,
    all: &[Appointment],
    checks: &[Check],
    naspi: Option<&Naspi>,
) -> Option<Stake> {
    let context = match appointment.status {
        AppointmentStatus::Missed => StakeContext::Missed,
        s if s.is_open() => StakeContext::Upcoming,
        _ => return None,
    };
    let rule = rules.breach_of_appointment(appointment.kind)?;
    let day = appointment.start.date;
    let previous = unjustified(rule, checks, Some(day));
    let pending = all
        .iter()
        .filter(|a| {
            a.id != appointment.id
                && a.status == AppointmentStatus::Missed
                && a.start < appointment.start
                && rules
                    .breach_of_appointment(a.kind)
                    .is_some_and(|r| r.kind == rule.kind)
                && !checks.iter().any(|c| {
                    c.date == a.start.date
                        && rules
                            .breach_of_appointment(a.kind)
                            .is_some_and(|r| r.counts.iter().any(|k| k.check == c.kind))
                })
        })
        .count();
    Some(Stake::new(rule, context, previous, pending, naspi))
}

/// The ladder of a breach, with where the person stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ladder {
    pub breach: BreachKind,
    pub letter: String,
    pub steps: Vec<LadderStep>,
    /// Unjustified breaches recorded.
    pub previous: usize,
    pub unverified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LadderStep {
    pub consequence: Consequence,
    pub amount_cents: Option<u64>,
    /// A breach already recorded at this step.
    pub reached: bool,
    /// The step a further breach would be at.
    pub next: bool,
}

impl LadderStep {
    /// "La prima volta: riduzione di un quarto di una mensilità (262,50 €)"; the last
    /// step of a ladder of three reads "Dalla terza volta: …".
    pub fn message(&self, index: usize) -> Msg {
        let key = match index {
            0 => "percorso.sanction.step.first",
            1 => "percorso.sanction.step.second",
            _ => "percorso.sanction.step.third",
        };
        let consequence = self.consequence.message(self.amount_cents);
        let mut m = Msg::new(key).key_arg("consequence", consequence.key);
        for (name, arg) in consequence.args {
            if let crate::domain::message::Arg::Text(t) = arg {
                m = m.text(name, t);
            }
        }
        m
    }
}

/// The ladder of `kind` for the person.
pub fn ladder(
    rules: &SanctionRules,
    kind: BreachKind,
    checks: &[Check],
    naspi: Option<&Naspi>,
) -> Option<Ladder> {
    let rule = rules.breach(kind)?;
    let previous = unjustified(rule, checks, None);
    let monthly = naspi.and_then(Naspi::monthly_cents);
    let last = rule.ladder.len().saturating_sub(1);
    let steps = rule
        .ladder
        .iter()
        .enumerate()
        .map(|(i, c)| LadderStep {
            consequence: *c,
            amount_cents: monthly.and_then(|m| c.amount_cents(m)),
            reached: i < previous,
            next: i == previous.min(last),
        })
        .collect();
    Some(Ladder {
        breach: kind,
        letter: rule.letter.clone(),
        steps,
        previous,
        unverified: rule.unverified,
    })
}

/// "La sanzione la decide il CPI…": shown with every stake.
pub fn disclaimer() -> Msg {
    Msg::new("percorso.sanction.disclaimer")
}

/// "Regola non confermata da una fonte primaria…": for an unverified rule.
pub fn unverified_message() -> Msg {
    Msg::new("percorso.rules.unverified")
}

/// "Dopo la decadenza non puoi presentare una nuova DID per 2 mesi."
pub fn after_decadenza_message(rules: &SanctionRules) -> Msg {
    Msg::new("percorso.sanction.after_decadenza").text(
        "months",
        rules.after_decadenza.new_did_bar_months.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::datetime::DateTime;
    use super::super::model::{AppointmentKind, Channel, CheckKind, CheckOutcome, Percorso};
    use super::*;

    fn rules() -> &'static SanctionRules {
        SanctionRules::load().unwrap()
    }

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn check(date: Date, kind: CheckKind, outcome: CheckOutcome) -> Check {
        Check {
            date,
            kind,
            outcome,
            note: None,
        }
    }

    fn naspi(eur: f64) -> Naspi {
        Naspi {
            monthly_eur: eur,
            since: d(2026, 9, 1),
        }
    }

    fn appointment(id: &str, start: &str, status: AppointmentStatus) -> Appointment {
        let start = DateTime::parse(start).unwrap();
        Appointment {
            id: id.into(),
            kind: AppointmentKind::Convocazione,
            start,
            end: start.checked_add_seconds(1800).unwrap(),
            tz: "Europe/Rome".into(),
            channel: Channel::InPresenza,
            place: None,
            purpose: "Colloquio".into(),
            status,
        }
    }

    /// The message in the app's Italian texts, plural forms chosen.
    fn it(m: &Msg) -> String {
        crate::i18n::render(crate::i18n::Lang::It, m)
    }

    #[test]
    fn a_quarter_in_exact_cents_rounded_half_up() {
        let q = Consequence::QuarterMonth;
        assert_eq!(q.amount_cents(105_000), Some(26_250));
        assert_eq!(q.amount_cents(105_001), Some(26_250)); // 262,5025
        assert_eq!(q.amount_cents(105_002), Some(26_251)); // 262,505
        assert_eq!(q.amount_cents(105_003), Some(26_251)); // 262,5075
        assert_eq!(q.amount_cents(0), Some(0));
        assert_eq!(Consequence::OneMonth.amount_cents(105_000), Some(105_000));
        assert_eq!(Consequence::Decadenza.amount_cents(105_000), None);
        assert_eq!(naspi(1050.02).monthly_cents(), Some(105_002));
        assert_eq!(naspi(1234.567).monthly_cents(), Some(123_457));
        assert_eq!(naspi(f64::NAN).monthly_cents(), None);
    }

    #[test]
    fn the_next_breach_climbs_the_ladder() {
        let r = rules();
        let n = naspi(1050.0);
        let none = next_stake(r, BreachKind::MissedAppointment, &[], Some(&n)).unwrap();
        assert_eq!(
            (none.step, none.consequence),
            (1, Consequence::QuarterMonth)
        );
        assert_eq!(none.amount_cents, Some(26_250));
        assert_eq!(
            it(&none.message()),
            "Se non ti presenti a una convocazione o a un appuntamento senza un giustificato motivo, il CPI può ridurre la NASpI di un quarto di una mensilità (262,50 €)."
        );
        let one_miss = [
            check(
                d(2026, 10, 20),
                CheckKind::Convocazione,
                CheckOutcome::MissedUnjustified,
            ),
            check(
                d(2026, 11, 5),
                CheckKind::Convocazione,
                CheckOutcome::Attended,
            ),
            check(
                d(2026, 11, 6),
                CheckKind::Appuntamento,
                CheckOutcome::MissedJustified,
            ),
            check(
                d(2026, 11, 7),
                CheckKind::Laboratorio,
                CheckOutcome::MissedUnjustified,
            ),
        ];
        let s = next_stake(r, BreachKind::MissedAppointment, &one_miss, None).unwrap();
        assert_eq!(
            (s.previous, s.step, s.consequence),
            (1, 2, Consequence::OneMonth)
        );
        assert_eq!(s.amount_cents, None);
        assert_eq!(
            it(&s.message()),
            "Se non ti presenti a una convocazione o a un appuntamento senza un giustificato motivo, il CPI può ridurre la NASpI di una mensilità."
        );
        // a missed appuntamento is on the same ladder (c.7 a)
        let mut two = one_miss.to_vec();
        two.push(check(
            d(2026, 11, 10),
            CheckKind::Appuntamento,
            CheckOutcome::MissedUnjustified,
        ));
        let s = next_stake(r, BreachKind::MissedAppointment, &two, Some(&n)).unwrap();
        assert_eq!(s.consequence, Consequence::Decadenza);
        assert_eq!(s.amount_cents, None);
        assert_eq!(
            it(&s.message()),
            "Se non ti presenti a una convocazione o a un appuntamento senza un giustificato motivo, il CPI può disporre la decadenza dalla NASpI e dallo stato di disoccupazione."
        );
        // workshops have their own count, and an unverified ladder
        let w = next_stake(r, BreachKind::MissedWorkshop, &two, Some(&n)).unwrap();
        assert_eq!((w.previous, w.consequence), (1, Consequence::OneMonth));
        assert!(w.unverified);
        // training starts at one month; a refused offer is decadenza at once
        let t = next_stake(r, BreachKind::MissedTraining, &[], Some(&n)).unwrap();
        assert_eq!(
            (t.consequence, t.amount_cents),
            (Consequence::OneMonth, Some(105_000))
        );
        let o = next_stake(r, BreachKind::RefusedOffer, &[], Some(&n)).unwrap();
        assert_eq!(o.consequence, Consequence::Decadenza);
        assert_eq!(
            it(&o.message()),
            "Se rifiuti un'offerta di lavoro congrua senza un giustificato motivo, il CPI può disporre la decadenza dalla NASpI e dallo stato di disoccupazione."
        );
    }

    #[test]
    fn a_missed_appointment_counts_only_the_breaches_before_its_day() {
        let r = rules();
        let n = naspi(1050.0);
        let missed = appointment("A2", "2026-11-20T09:30:00", AppointmentStatus::Missed);
        let checks = [
            check(
                d(2026, 10, 22),
                CheckKind::Convocazione,
                CheckOutcome::MissedUnjustified,
            ),
            // recorded later, for this same appointment: not a previous one
            check(
                d(2026, 11, 20),
                CheckKind::Convocazione,
                CheckOutcome::MissedUnjustified,
            ),
        ];
        let s = appointment_stake(r, &missed, std::slice::from_ref(&missed), &checks, Some(&n))
            .unwrap();
        assert_eq!(s.context, StakeContext::Missed);
        assert_eq!(
            (s.previous, s.step, s.consequence),
            (1, 2, Consequence::OneMonth)
        );
        assert_eq!(s.pending, 0);
        assert_eq!(
            it(&s.message()),
            "Se l'assenza non è giustificata, il CPI può ridurre la NASpI di una mensilità (1.050 €)."
        );
        assert_eq!(
            it(&s.previous_message().unwrap()),
            "Il CPI ha già registrato 1 caso di questo tipo senza un giustificato motivo."
        );
        // the first one
        let s = appointment_stake(r, &missed, &[], &[], Some(&naspi(1000.10))).unwrap();
        assert_eq!(
            it(&s.message()),
            "Se l'assenza non è giustificata, il CPI può ridurre la NASpI di un quarto di una mensilità (250,03 €)."
        );
        assert_eq!(s.previous_message(), None);
        let s = appointment_stake(r, &missed, &[], &[], None).unwrap();
        assert_eq!(
            it(&s.message()),
            "Se l'assenza non è giustificata, il CPI può ridurre la NASpI di un quarto di una mensilità."
        );
        // nothing at stake once attended, justified or cancelled
        for status in [
            AppointmentStatus::Attended,
            AppointmentStatus::Justified,
            AppointmentStatus::Cancelled,
        ] {
            let a = appointment("A3", "2026-11-20T09:30:00", status);
            assert_eq!(appointment_stake(r, &a, &[], &checks, Some(&n)), None);
        }
    }

    #[test]
    fn an_upcoming_appointment_after_one_still_to_be_judged() {
        let r = rules();
        let n = naspi(1050.0);
        let missed = appointment("A2", "2026-11-20T09:30:00", AppointmentStatus::Missed);
        let next = appointment("A4", "2026-12-10T09:30:00", AppointmentStatus::Scheduled);
        let all = [missed.clone(), next.clone()];
        let checks = [check(
            d(2026, 10, 22),
            CheckKind::Convocazione,
            CheckOutcome::MissedUnjustified,
        )];
        let s = appointment_stake(r, &next, &all, &checks, Some(&n)).unwrap();
        assert_eq!(s.context, StakeContext::Upcoming);
        assert_eq!(s.consequence, Consequence::OneMonth);
        assert_eq!(s.pending, 1);
        assert_eq!(s.if_pending_unjustified, Some(Consequence::Decadenza));
        assert_eq!(
            it(&s.message()),
            "Se non ti presenti e non hai un giustificato motivo, il CPI può ridurre la NASpI di una mensilità (1.050 €)."
        );
        assert_eq!(
            it(&s.pending_message().unwrap()),
            "Un'assenza precedente è ancora da valutare: se risultasse non giustificata, la conseguenza possibile sarebbe: decadenza dalla NASpI e dallo stato di disoccupazione."
        );
        // once the CPI recorded a check on the missed day, it is no longer pending
        let mut judged = checks.to_vec();
        judged.push(check(
            d(2026, 11, 20),
            CheckKind::Convocazione,
            CheckOutcome::MissedJustified,
        ));
        let s = appointment_stake(r, &next, &all, &judged, Some(&n)).unwrap();
        assert_eq!((s.pending, s.if_pending_unjustified), (0, None));
        assert_eq!(s.pending_message(), None);
    }

    #[test]
    fn the_ladder_shows_where_the_person_stands() {
        let r = rules();
        let checks = [check(
            d(2026, 10, 22),
            CheckKind::Convocazione,
            CheckOutcome::MissedUnjustified,
        )];
        let l = ladder(
            r,
            BreachKind::MissedAppointment,
            &checks,
            Some(&naspi(1050.0)),
        )
        .unwrap();
        assert_eq!(l.letter, "a");
        assert_eq!(l.previous, 1);
        let flags: Vec<(bool, bool)> = l.steps.iter().map(|s| (s.reached, s.next)).collect();
        assert_eq!(flags, vec![(true, false), (false, true), (false, false)]);
        assert_eq!(
            l.steps.iter().map(|s| s.amount_cents).collect::<Vec<_>>(),
            vec![Some(26_250), Some(105_000), None]
        );
        assert_eq!(
            it(&l.steps[0].message(0)),
            "La prima volta: riduzione di un quarto di una mensilità (262,50 €)"
        );
        assert_eq!(l.steps[2].message(2).key, "percorso.sanction.step.third");
        // past the top, the last step stays the next one
        let many: Vec<Check> = (1..=4)
            .map(|i| {
                check(
                    d(2026, 10, i),
                    CheckKind::Convocazione,
                    CheckOutcome::MissedUnjustified,
                )
            })
            .collect();
        let l = ladder(r, BreachKind::MissedAppointment, &many, None).unwrap();
        assert!(l.steps.iter().all(|s| s.reached));
        assert!(l.steps[2].next);
        assert!(l.steps.iter().all(|s| s.amount_cents.is_none()));
    }

    #[test]
    fn the_demo_fixture_is_at_step_two() {
        let json = include_str!("../../../tests/fixtures/percorso/demo.json");
        let p = Percorso::parse(json).unwrap();
        let naspi = p.patto.as_ref().and_then(|pt| pt.naspi.as_ref());
        let r = rules();
        let missed = p
            .appointments
            .iter()
            .find(|a| a.status == AppointmentStatus::Missed)
            .unwrap();
        let s = appointment_stake(r, missed, &p.appointments, &p.checks, naspi).unwrap();
        assert_eq!((s.step, s.consequence), (2, Consequence::OneMonth));
        assert_eq!(s.amount_cents, Some(105_000));
        let next = next_stake(r, BreachKind::MissedAppointment, &p.checks, naspi).unwrap();
        assert_eq!(next.step, 2);
        // the convocation to come: one month, or decadenza if the missed one
        // turns out unjustified
        let upcoming = p
            .appointments
            .iter()
            .find(|a| a.kind == AppointmentKind::Convocazione && a.status.is_open())
            .unwrap();
        let s = appointment_stake(r, upcoming, &p.appointments, &p.checks, naspi).unwrap();
        assert_eq!(s.consequence, Consequence::OneMonth);
        assert_eq!(s.if_pending_unjustified, Some(Consequence::Decadenza));
    }

    #[test]
    fn no_message_states_a_decision() {
        // every key a stake can give is a conditional one
        let r = rules();
        let n = naspi(1050.0);
        for kind in BreachKind::ALL {
            for previous in 0..4 {
                let checks: Vec<Check> = (0..previous)
                    .map(|i| {
                        let b = r.breach(kind).unwrap().counts[0];
                        check(d(2026, 1, 1 + i as u8), b.check, b.outcome)
                    })
                    .collect();
                for naspi in [None, Some(&n)] {
                    let s = next_stake(r, kind, &checks, naspi).unwrap();
                    let m = s.message();
                    assert!(
                        m.key.starts_with("percorso.sanction.") && m.key.contains(".next_"),
                        "{}",
                        m.key
                    );
                    assert_eq!(s.previous, previous);
                }
            }
        }
        assert_eq!(disclaimer().key, "percorso.sanction.disclaimer");
        assert_eq!(unverified_message().key, "percorso.rules.unverified");
        assert_eq!(
            after_decadenza_message(r).args,
            vec![("months", crate::domain::message::Arg::Text("2".into()))]
        );
    }
}
