//! How and by when an absence is justified (the `justification` block of
//! `public/data/rules/sanctions.json`): before the appointment if at all
//! possible, and no later than `days_after` days after its day (1: the day
//! after); when an impediment kept the person from telling the CPI at all,
//! within `days_after_impediment` days of its end. The reasons are the
//! `reason_kind` values of `POST /api/v1/patto/updates` (type `justify`).

use super::datetime::DateTime;
use super::model::{Appointment, AppointmentStatus};
use super::rules::JustificationRule;
use crate::domain::date::Date;
use crate::domain::message::Msg;
use serde::{Deserialize, Serialize};

/// Why the person could not come (`reason_kind` of a `justify` update).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JustifyReason {
    /// Illness or injury (and pregnancy in the leave periods).
    Illness,
    /// Documented work at the time of the appointment.
    Work,
    /// Serious documented family reasons.
    Family,
    /// Force majeure or another proven objective impediment.
    ForceMajeure,
    /// Anything else: the CPI judges.
    Other,
}

impl JustifyReason {
    pub const ALL: [JustifyReason; 5] = [
        JustifyReason::Illness,
        JustifyReason::Work,
        JustifyReason::Family,
        JustifyReason::ForceMajeure,
        JustifyReason::Other,
    ];

    /// The reasons the rules file must describe (all but `Other`).
    pub const JUSTIFYING: [JustifyReason; 4] = [
        JustifyReason::Illness,
        JustifyReason::Work,
        JustifyReason::Family,
        JustifyReason::ForceMajeure,
    ];

    /// Its name in the form ("Malattia o infortunio").
    pub fn key(self) -> &'static str {
        match self {
            JustifyReason::Illness => "percorso.justify.reason.illness",
            JustifyReason::Work => "percorso.justify.reason.work",
            JustifyReason::Family => "percorso.justify.reason.family",
            JustifyReason::ForceMajeure => "percorso.justify.reason.force_majeure",
            JustifyReason::Other => "percorso.justify.reason.other",
        }
    }

    /// The document that proves it ("Allega il certificato medico…").
    pub fn proof_key(self) -> &'static str {
        match self {
            JustifyReason::Illness => "percorso.justify.proof.illness",
            JustifyReason::Work => "percorso.justify.proof.work",
            JustifyReason::Family => "percorso.justify.proof.family",
            JustifyReason::ForceMajeure => "percorso.justify.proof.force_majeure",
            JustifyReason::Other => "percorso.justify.proof.other",
        }
    }
}

/// Where an appointment stands for justifying an absence, at a given time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JustifyWindow {
    /// Not started: tell the CPI before `start`.
    Before { start: DateTime, last_day: Date },
    /// Started or missed: justify by `last_day` (`days_left` days, today
    /// included).
    Open { last_day: Date, days_left: i64 },
    /// The last day has passed.
    Closed {
        last_day: Date,
        days_after_impediment: u32,
    },
}

/// The window of `appointment` at `now` (local time in Rome); `None` for an
/// appointment attended, justified or cancelled.
pub fn justify_window(
    rule: &JustificationRule,
    appointment: &Appointment,
    now: DateTime,
) -> Option<JustifyWindow> {
    if matches!(
        appointment.status,
        AppointmentStatus::Attended | AppointmentStatus::Justified | AppointmentStatus::Cancelled
    ) {
        return None;
    }
    let last_day = appointment.start.date.add_days(i64::from(rule.days_after));
    Some(if now < appointment.start {
        JustifyWindow::Before {
            start: appointment.start,
            last_day,
        }
    } else if now.date <= last_day {
        JustifyWindow::Open {
            last_day,
            days_left: now.date.days_until(last_day) + 1,
        }
    } else {
        JustifyWindow::Closed {
            last_day,
            days_after_impediment: rule.days_after_impediment,
        }
    })
}

impl JustifyWindow {
    /// "Se non puoi partecipare, avvisa il CPI prima dell'appuntamento
    /// (10/12/2026 alle 09:30) e indica il motivo."; "Puoi giustificare
    /// l'assenza fino al 21/11/2026."; "Il termine per giustificare
    /// l'assenza era il 21/11/2026…".
    pub fn message(&self) -> Msg {
        match *self {
            JustifyWindow::Before { start, last_day } => Msg::new("percorso.justify.before")
                .text("date", start.date.format_it())
                .text("time", start.format_time())
                .text("last_day", last_day.format_it()),
            JustifyWindow::Open {
                last_day,
                days_left,
            } => Msg::new(if days_left <= 1 {
                "percorso.justify.open_last_day"
            } else {
                "percorso.justify.open"
            })
            .text("date", last_day.format_it()),
            JustifyWindow::Closed {
                last_day,
                days_after_impediment,
            } => Msg::new(if days_after_impediment == 1 {
                "percorso.justify.closed"
            } else {
                "percorso.justify.closed_days"
            })
            .text("date", last_day.format_it())
            .text("days", days_after_impediment.to_string()),
        }
    }
}

/// The reasons to offer in the form, in order, with whether the rules
/// file marks each as unverified (`Other` last, never unverified: the CPI
/// judges it).
pub fn reasons(rule: &JustificationRule) -> Vec<(JustifyReason, bool)> {
    JustifyReason::ALL
        .into_iter()
        .map(|k| (k, rule.reason(k).is_some_and(|r| r.unverified)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::model::{AppointmentKind, Channel};
    use super::super::rules::SanctionRules;
    use super::*;

    fn rule() -> &'static JustificationRule {
        &SanctionRules::load().unwrap().justification
    }

    fn dt(s: &str) -> DateTime {
        DateTime::parse(s).unwrap()
    }

    fn appointment(start: &str, status: AppointmentStatus) -> Appointment {
        Appointment {
            id: "A".into(),
            kind: AppointmentKind::Convocazione,
            start: dt(start),
            end: dt(start).checked_add_seconds(1800).unwrap(),
            tz: "Europe/Rome".into(),
            channel: Channel::InPresenza,
            place: None,
            purpose: "p".into(),
            status,
        }
    }

    fn it(key: &str) -> String {
        match key {
            "percorso.justify.before" => "Se non puoi partecipare, avvisa il CPI prima dell'appuntamento ({date} alle {time}) e indica il motivo; al più tardi entro il {last_day}.",
            "percorso.justify.open" => "Puoi ancora giustificare l'assenza: entro il {date}.",
            "percorso.justify.open_last_day" => "Oggi ({date}) è l'ultimo giorno per giustificare l'assenza.",
            "percorso.justify.closed" => "Il termine per giustificare l'assenza era il {date}. Se un impedimento non ti ha permesso di avvisare, giustificala entro il giorno dopo la sua fine.",
            other => other,
        }
        .to_string()
    }

    #[test]
    fn before_then_until_the_day_after_then_closed() {
        let a = appointment("2026-11-20T09:30:00", AppointmentStatus::Scheduled);
        let w = justify_window(rule(), &a, dt("2026-11-19T18:00:00")).unwrap();
        assert_eq!(
            w.message().render(&it),
            "Se non puoi partecipare, avvisa il CPI prima dell'appuntamento (20/11/2026 alle 09:30) e indica il motivo; al più tardi entro il 21/11/2026."
        );
        let missed = appointment("2026-11-20T09:30:00", AppointmentStatus::Missed);
        let w = justify_window(rule(), &missed, dt("2026-11-20T09:30:00")).unwrap();
        assert_eq!(
            w,
            JustifyWindow::Open {
                last_day: Date::new(2026, 11, 21).unwrap(),
                days_left: 2
            }
        );
        assert_eq!(
            w.message().render(&it),
            "Puoi ancora giustificare l'assenza: entro il 21/11/2026."
        );
        let w = justify_window(rule(), &missed, dt("2026-11-21T23:59:59")).unwrap();
        assert_eq!(
            w.message().render(&it),
            "Oggi (21/11/2026) è l'ultimo giorno per giustificare l'assenza."
        );
        let w = justify_window(rule(), &missed, dt("2026-11-22T00:00:00")).unwrap();
        assert!(matches!(w, JustifyWindow::Closed { .. }));
        assert!(w
            .message()
            .render(&it)
            .starts_with("Il termine per giustificare l'assenza era il 21/11/2026."));
        // across a month's and a year's end
        let nye = appointment("2026-12-31T09:00:00", AppointmentStatus::Missed);
        match justify_window(rule(), &nye, dt("2027-01-01T10:00:00")).unwrap() {
            JustifyWindow::Open {
                last_day,
                days_left,
            } => {
                assert_eq!(last_day, Date::new(2027, 1, 1).unwrap());
                assert_eq!(days_left, 1);
            }
            other => panic!("{other:?}"),
        }
        let feb = appointment("2028-02-28T09:00:00", AppointmentStatus::Missed);
        assert!(matches!(
            justify_window(rule(), &feb, dt("2028-02-29T10:00:00")),
            Some(JustifyWindow::Open { .. })
        ));
        assert!(matches!(
            justify_window(rule(), &feb, dt("2028-03-01T00:00:00")),
            Some(JustifyWindow::Closed { .. })
        ));
    }

    #[test]
    fn nothing_to_justify_once_attended_justified_or_cancelled() {
        for s in [
            AppointmentStatus::Attended,
            AppointmentStatus::Justified,
            AppointmentStatus::Cancelled,
        ] {
            let a = appointment("2026-11-20T09:30:00", s);
            assert_eq!(justify_window(rule(), &a, dt("2026-11-20T12:00:00")), None);
        }
        let moved = appointment(
            "2026-11-20T09:30:00",
            AppointmentStatus::RescheduleRequested,
        );
        assert!(justify_window(rule(), &moved, dt("2026-11-19T12:00:00")).is_some());
    }

    #[test]
    fn the_reasons_of_the_form() {
        let r = reasons(rule());
        assert_eq!(r.len(), 5);
        assert_eq!(r[0], (JustifyReason::Illness, false));
        assert_eq!(r[1], (JustifyReason::Work, true));
        assert_eq!(r[4], (JustifyReason::Other, false));
        assert_eq!(
            serde_json::to_string(&JustifyReason::ForceMajeure).unwrap(),
            "\"force_majeure\""
        );
        for k in JustifyReason::ALL {
            assert!(k.key().starts_with("percorso.justify.reason."));
            assert!(k.proof_key().starts_with("percorso.justify.proof."));
        }
    }

    #[test]
    fn a_longer_impediment_window_has_its_own_message() {
        let mut r = rule().clone();
        r.days_after_impediment = 3;
        let a = appointment("2026-11-20T09:30:00", AppointmentStatus::Missed);
        let m = justify_window(&r, &a, dt("2026-12-01T00:00:00"))
            .unwrap()
            .message();
        assert_eq!(m.key, "percorso.justify.closed_days");
    }
}
