//! How far the person is with a commitment of the patto in a period: "2 di
//! 3 candidature questo mese, mancano 12 giorni".
//!
//! What counts:
//! - for `applications`, the acts that are applications (`application`,
//!   `self_application`);
//! - for `search_acts`, every act;
//! - for `contact`, the acts logged for that commitment and the
//!   convocazioni and appuntamenti the CPI recorded as attended.
//!
//! An act logged for one commitment (`counts_for`) counts for that one
//! only; an act logged for none (an application made in the app) counts
//! for every commitment it fits. Acts dated after today (a typo) and
//! outside the period do not count.

use super::model::{Check, CheckKind, CheckOutcome, Commitment, CommitmentKind, Patto};
use super::period::Span;
use crate::domain::date::Date;
use crate::domain::message::Msg;
use serde::{Deserialize, Serialize};

/// The kinds of atto di ricerca attiva (`act_kind` of the submission).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchActKind {
    /// An application to a published offer.
    Application,
    /// An unsolicited application.
    SelfApplication,
    Interview,
    /// A visit to an employment agency.
    Agency,
    /// A job fair or recruiting day.
    Fair,
    Other,
}

impl SearchActKind {
    pub const ALL: [SearchActKind; 6] = [
        SearchActKind::Application,
        SearchActKind::SelfApplication,
        SearchActKind::Interview,
        SearchActKind::Agency,
        SearchActKind::Fair,
        SearchActKind::Other,
    ];

    pub fn is_application(self) -> bool {
        matches!(
            self,
            SearchActKind::Application | SearchActKind::SelfApplication
        )
    }

    pub fn key(self) -> &'static str {
        match self {
            SearchActKind::Application => "percorso.act.application",
            SearchActKind::SelfApplication => "percorso.act.self_application",
            SearchActKind::Interview => "percorso.act.interview",
            SearchActKind::Agency => "percorso.act.agency",
            SearchActKind::Fair => "percorso.act.fair",
            SearchActKind::Other => "percorso.act.other",
        }
    }
}

/// One act of the person's search: logged by hand, or an application
/// made in the app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchAct {
    pub date: Date,
    pub kind: SearchActKind,
    /// The commitment it was logged for, if any.
    pub counts_for: Option<String>,
    /// An application made in the app (not logged by hand).
    pub from_app: bool,
}

/// Whether `act` counts for `c` (date aside).
pub fn act_counts_for(act: &SearchAct, c: &Commitment) -> bool {
    if act.counts_for.as_deref().is_some_and(|id| id != c.id) {
        return false;
    }
    match c.kind {
        CommitmentKind::Applications => act.kind.is_application(),
        CommitmentKind::SearchActs => true,
        CommitmentKind::Contact => act.counts_for.as_deref() == Some(c.id.as_str()),
    }
}

/// Whether a check of the CPI counts for `c`: an attended convocazione or
/// appuntamento is a contact with the responsabile.
fn check_counts_for(check: &Check, c: &Commitment) -> bool {
    c.kind == CommitmentKind::Contact
        && check.outcome == CheckOutcome::Attended
        && matches!(
            check.kind,
            CheckKind::Convocazione | CheckKind::Appuntamento
        )
}

/// A commitment in one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub commitment: String,
    pub kind: CommitmentKind,
    pub span: Span,
    pub required: u32,
    pub done: u32,
    /// Of `done`, the applications made in the app.
    pub from_app: u32,
    pub remaining: u32,
    /// Days left to act, today included (0 once the period is over).
    pub days_left: i64,
    /// The period ended before today.
    pub over: bool,
}

impl Progress {
    pub fn met(&self) -> bool {
        self.done >= self.required
    }

    /// "2 di 3 candidature questo mese, mancano 12 giorni"; "3 di 3
    /// candidature questo mese: impegno rispettato"; for a period over, "1 di
    /// 3 candidature dal 01/11/2026 al 30/11/2026: impegno non raggiunto".
    pub fn message(&self) -> Msg {
        let what = what_msg(self.kind, self.required);
        let period = if self.over {
            "percorso.period.between"
        } else {
            self.span.period.this_key()
        };
        let key = match (self.over, self.met()) {
            (_, true) => "percorso.progress.met",
            (false, false) => "percorso.progress.open",
            (true, false) => "percorso.progress.short",
        };
        let mut m = Msg::new(key)
            .msg_arg("what", what)
            .key_arg("period", period);
        if !self.over && !self.met() {
            m = m.key_arg(
                "left",
                if self.days_left == 1 {
                    "percorso.left.last_day"
                } else {
                    "percorso.left.days"
                },
            );
        }
        m.text("done", self.done.to_string())
            .text("required", self.required.to_string())
            .text("remaining", self.remaining.to_string())
            .text("days", self.days_left.to_string())
            .text("from", self.span.start.format_it())
            .text("to", self.span.end.format_it())
    }
}

/// "candidatura" / "candidature" and the like: a plural message chosen by
/// the required count.
fn what_msg(kind: CommitmentKind, required: u32) -> Msg {
    Msg::new(match kind {
        CommitmentKind::Applications => "percorso.what.applications",
        CommitmentKind::SearchActs => "percorso.what.search_acts",
        CommitmentKind::Contact => "percorso.what.contact",
    })
    .text("n", required.to_string())
}

/// The commitment in the period `span`, on `today`.
pub fn progress_in(
    c: &Commitment,
    acts: &[SearchAct],
    checks: &[Check],
    span: Span,
    today: Date,
) -> Progress {
    let counted = |d: Date| span.contains(d) && d <= today;
    let acts: Vec<&SearchAct> = acts
        .iter()
        .filter(|a| counted(a.date) && act_counts_for(a, c))
        .collect();
    let contacts = checks
        .iter()
        .filter(|k| counted(k.date) && check_counts_for(k, c))
        .count();
    let done = u32::try_from(acts.len() + contacts).unwrap_or(u32::MAX);
    let from_app = u32::try_from(acts.iter().filter(|a| a.from_app).count()).unwrap_or(u32::MAX);
    Progress {
        commitment: c.id.clone(),
        kind: c.kind,
        span,
        required: c.count,
        done,
        from_app,
        remaining: c.count.saturating_sub(done),
        days_left: span.days_left(today),
        over: span.is_over(today),
    }
}

/// The commitment in the period that contains `today`.
pub fn progress(c: &Commitment, acts: &[SearchAct], checks: &[Check], today: Date) -> Progress {
    progress_in(c, acts, checks, c.period.containing(today), today)
}

/// Every commitment of the patto in its current period, in the patto's order.
pub fn progress_all(
    patto: &Patto,
    acts: &[SearchAct],
    checks: &[Check],
    today: Date,
) -> Vec<Progress> {
    patto
        .commitments
        .iter()
        .map(|c| progress(c, acts, checks, today))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::period::Period;
    use super::*;
    use crate::domain::message::Arg;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn commitment(id: &str, kind: CommitmentKind, count: u32, period: Period) -> Commitment {
        Commitment {
            id: id.into(),
            kind,
            title: "t".into(),
            count,
            period,
            proof: "p".into(),
        }
    }

    fn act(date: Date, kind: SearchActKind, counts_for: Option<&str>, from_app: bool) -> SearchAct {
        SearchAct {
            date,
            kind,
            counts_for: counts_for.map(str::to_string),
            from_app,
        }
    }

    fn apps() -> Commitment {
        commitment("C-APPS", CommitmentKind::Applications, 3, Period::Month)
    }

    /// The message in the app's Italian texts, plural forms chosen.
    fn it(m: &Msg) -> String {
        crate::i18n::render(crate::i18n::Lang::It, m)
    }

    #[test]
    fn two_of_three_applications_this_month() {
        let today = d(2026, 12, 20);
        let acts = [
            act(d(2026, 12, 2), SearchActKind::Application, None, true),
            act(
                d(2026, 12, 15),
                SearchActKind::SelfApplication,
                Some("C-APPS"),
                false,
            ),
            // not applications
            act(
                d(2026, 12, 16),
                SearchActKind::Interview,
                Some("C-APPS"),
                false,
            ),
            act(d(2026, 12, 17), SearchActKind::Fair, None, false),
            // last month, and a date in the future
            act(d(2026, 11, 30), SearchActKind::Application, None, true),
            act(d(2026, 12, 21), SearchActKind::Application, None, false),
            // logged for another commitment
            act(
                d(2026, 12, 18),
                SearchActKind::Application,
                Some("C-OTHER"),
                false,
            ),
        ];
        let p = progress(&apps(), &acts, &[], today);
        assert_eq!((p.done, p.required, p.remaining), (2, 3, 1));
        assert_eq!(p.from_app, 1);
        assert_eq!(p.days_left, 12);
        assert!(!p.over && !p.met());
        assert_eq!(p.span.start, d(2026, 12, 1));
        assert_eq!(
            it(&p.message()),
            "2 di 3 candidature questo mese, mancano 12 giorni"
        );
        // on the last day
        let last = progress(&apps(), &acts, &[], d(2026, 12, 31));
        assert_eq!(
            it(&last.message()),
            "3 di 3 candidature questo mese: impegno rispettato"
        );
        let one = Commitment { count: 1, ..apps() };
        let p = progress(&one, &[], &[], d(2026, 12, 31));
        assert_eq!(
            it(&p.message()),
            "0 di 1 candidatura questo mese, oggi è l'ultimo giorno"
        );
    }

    #[test]
    fn every_act_counts_for_search_acts() {
        let c = commitment("C-ACTS", CommitmentKind::SearchActs, 4, Period::Week);
        let today = d(2026, 12, 3); // Thursday
        let acts: Vec<SearchAct> = SearchActKind::ALL
            .iter()
            .map(|k| act(d(2026, 12, 1), *k, None, false))
            .collect();
        let p = progress(&c, &acts, &[], today);
        assert_eq!(p.done, 6);
        assert_eq!(p.remaining, 0);
        assert!(p.met());
        assert_eq!(p.days_left, 4);
        // but not an act logged for another commitment
        let other = [act(
            d(2026, 12, 1),
            SearchActKind::Fair,
            Some("C-APPS"),
            false,
        )];
        assert_eq!(progress(&c, &other, &[], today).done, 0);
    }

    #[test]
    fn contacts_count_logged_contacts_and_attended_meetings() {
        let c = commitment("C-CONTACT", CommitmentKind::Contact, 1, Period::TwoMonths);
        let today = d(2026, 12, 3);
        let check = |date, kind, outcome| Check {
            date,
            kind,
            outcome,
            note: None,
        };
        let checks = [
            check(
                d(2026, 10, 30),
                CheckKind::Convocazione,
                CheckOutcome::Attended,
            ),
            check(
                d(2026, 11, 20),
                CheckKind::Convocazione,
                CheckOutcome::MissedUnjustified,
            ),
            check(
                d(2026, 11, 25),
                CheckKind::Laboratorio,
                CheckOutcome::Attended,
            ),
        ];
        let p = progress(&c, &[], &checks, today);
        assert_eq!(
            p.done, 0,
            "October is another period; a workshop is no contact"
        );
        assert_eq!(
            it(&p.message()),
            "0 di 1 contatto con il responsabile in questo bimestre, mancano 29 giorni"
        );
        let with_meeting = [check(
            d(2026, 11, 5),
            CheckKind::Appuntamento,
            CheckOutcome::Attended,
        )];
        assert_eq!(progress(&c, &[], &with_meeting, today).done, 1);
        // an act counts only if logged for this contact commitment
        let acts = [
            act(
                d(2026, 11, 6),
                SearchActKind::Other,
                Some("C-CONTACT"),
                false,
            ),
            act(d(2026, 11, 7), SearchActKind::Application, None, true),
        ];
        assert_eq!(progress(&c, &acts, &[], today).done, 1);
        // checks never count for applications
        assert_eq!(
            progress(&apps(), &[], &with_meeting, d(2026, 11, 30)).done,
            0
        );
    }

    #[test]
    fn a_period_already_over() {
        let nov = Period::Month.containing(d(2026, 11, 10));
        let acts = [act(d(2026, 11, 3), SearchActKind::Application, None, true)];
        let p = progress_in(&apps(), &acts, &[], nov, d(2026, 12, 3));
        assert!(p.over);
        assert_eq!(p.days_left, 0);
        assert_eq!((p.done, p.remaining), (1, 2));
        assert_eq!(
            it(&p.message()),
            "1 di 3 candidature dal 01/11/2026 al 30/11/2026: impegno non raggiunto"
        );
        assert_eq!(p.message().key, "percorso.progress.short");
        // the left part is only for an open period
        assert!(!p.message().args.iter().any(|(n, _)| *n == "left"));
    }

    #[test]
    fn periods_that_cross_february() {
        // a quarter holding 29 February 2028
        let c = commitment("C-Q", CommitmentKind::Applications, 2, Period::Quarter);
        let acts = [
            act(d(2028, 1, 1), SearchActKind::Application, None, false),
            act(d(2028, 2, 29), SearchActKind::Application, None, false),
            act(d(2027, 12, 31), SearchActKind::Application, None, false),
        ];
        let p = progress(&c, &acts, &[], d(2028, 3, 1));
        assert_eq!(p.done, 2);
        assert_eq!(p.days_left, 31);
        // a month: 31 January does not count in February
        let feb = progress(&apps(), &acts, &[], d(2028, 2, 29));
        assert_eq!(feb.done, 1);
        assert_eq!(feb.days_left, 1);
    }

    #[test]
    fn all_commitments_of_a_patto_in_order() {
        let json = include_str!("../../../tests/fixtures/percorso/demo.json");
        let p = super::super::model::Percorso::parse(json).unwrap();
        let patto = p.patto.as_ref().unwrap();
        let all = progress_all(patto, &[], &p.checks, p.generated_at.date);
        assert_eq!(all.len(), patto.commitments.len());
        assert_eq!(all[0].commitment, patto.commitments[0].id);
        for pr in &all {
            let m = pr.message();
            assert!(m.key.starts_with("percorso.progress."));
            assert!(m
                .args
                .iter()
                .all(|(_, a)| !matches!(a, Arg::Key(k) if !k.starts_with("percorso."))));
        }
    }
}
