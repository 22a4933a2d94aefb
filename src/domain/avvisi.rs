//! Avvisi pubblici (art. 16 L. 56/1987, L. 68/1999): the notices and their
//! rankings as the feeds give them (docs/feeds-avvisi.md), their status on a
//! day, the eligibility check with a reason per requirement not met, and the
//! deadlines for applying and for a riesame. Scores are `domain::ranking`'s.

use crate::domain::date::Date;
use crate::domain::feed::Localized;
use crate::domain::message::Msg;
use crate::domain::profile::{EDUCATION_LEVELS, LICENCES};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    #[serde(default = "adult")]
    pub min_age: u8,
    #[serde(default)]
    pub max_age: Option<u8>,
    /// Ministerial education level (0–12) at least.
    #[serde(default)]
    pub education_min: Option<u8>,
    #[serde(default)]
    pub licences: Vec<String>,
    #[serde(default)]
    pub did_required: bool,
    #[serde(default)]
    pub l68_required: bool,
}

fn adult() -> u8 {
    18
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Avviso {
    pub id: String,
    pub title: Localized,
    pub body: String,
    pub cp_code: String,
    pub posts: u16,
    pub contract: Localized,
    pub comune: String,
    pub province: String,
    pub comune_istat: String,
    /// "YYYY-MM-DD".
    pub published: String,
    pub deadline: String,
    pub rule_set: String,
    pub requirements: Requirements,
    pub description: Localized,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Provisional,
    Final,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankingEntry {
    pub protocol: String,
    pub score: f64,
    pub rank: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Graduatoria {
    pub avviso_id: String,
    pub stage: Stage,
    pub published: String,
    #[serde(default)]
    pub review_until: Option<String>,
    pub entries: Vec<RankingEntry>,
}

/// Where a notice stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Applications accepted; `days_left` to the deadline (0 = today is the last day).
    Open {
        days_left: i64,
    },
    Closed,
    ProvisionalRanking,
    FinalRanking,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Open { .. } => "avvisi.status.open",
            Status::Closed => "avvisi.status.closed",
            Status::ProvisionalRanking => "avvisi.status.provisional",
            Status::FinalRanking => "avvisi.status.final",
        }
    }

    /// A stable name for filters and `data-status`.
    pub fn code(self) -> &'static str {
        match self {
            Status::Open { .. } => "open",
            Status::Closed => "closed",
            Status::ProvisionalRanking => "provisional",
            Status::FinalRanking => "final",
        }
    }
}

impl Avviso {
    pub fn published_date(&self) -> Option<Date> {
        Date::parse_iso(&self.published)
    }

    pub fn deadline_date(&self) -> Option<Date> {
        Date::parse_iso(&self.deadline)
    }

    /// Its status on `today`, given its ranking if one is published.
    pub fn status(&self, today: Date, ranking: Option<&Graduatoria>) -> Status {
        match ranking.map(|g| g.stage) {
            Some(Stage::Final) => return Status::FinalRanking,
            Some(Stage::Provisional) => return Status::ProvisionalRanking,
            None => {}
        }
        match self.deadline_date() {
            Some(d) if today <= d => Status::Open {
                days_left: today.days_until(d),
            },
            _ => Status::Closed,
        }
    }

    /// Applying on `today`: `Ok` inside the window, else why not.
    pub fn may_apply(&self, today: Date) -> Result<(), Msg> {
        match self.deadline_date() {
            Some(d) if today <= d => Ok(()),
            Some(d) => Err(Msg::new("avvisi.error.deadline_passed")
                .text("title", self.title.it.clone())
                .text("date", d.format_it())),
            None => Err(Msg::new("avvisi.error.no_deadline")),
        }
    }
}

impl Graduatoria {
    /// Asking for a riesame on `today`: `Ok(days_left)` inside the window.
    pub fn may_review(&self, today: Date) -> Result<i64, Msg> {
        if self.stage == Stage::Final {
            return Err(Msg::new("avvisi.error.review_final"));
        }
        match self.review_until.as_deref().and_then(Date::parse_iso) {
            Some(d) if today <= d => Ok(today.days_until(d)),
            Some(d) => Err(Msg::new("avvisi.error.review_closed").text("date", d.format_it())),
            None => Err(Msg::new("avvisi.error.review_final")),
        }
    }

    /// The entry of one of `protocols` (the person's receipts), if ranked.
    pub fn find<'a>(&'a self, protocols: &[String]) -> Option<&'a RankingEntry> {
        self.entries
            .iter()
            .find(|e| protocols.contains(&e.protocol))
    }
}

/// What the person tells about themselves for the eligibility check
/// (prefilled from the profile; every fact may be unknown).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    pub birth_date: Option<Date>,
    pub education_level: Option<u8>,
    pub licences: Vec<String>,
    pub has_did: Option<bool>,
    pub l68_enrolled: Option<bool>,
}

/// One requirement and whether it is met.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub met: Option<bool>,
    /// What is required, and why it is met, not met or unknown.
    pub msg: Msg,
}

fn education_key(level: u8) -> &'static str {
    EDUCATION_LEVELS
        .get(usize::from(level))
        .map(|(_, k)| *k)
        .unwrap_or("profile.edu.0")
}

/// Licences that include others (art. 116 CdS): who holds the first also
/// drives what the second allows.
fn holds(licences: &[String], wanted: &str) -> bool {
    const INCLUDES: [(&str, &[&str]); 6] = [
        ("B", &["AM", "B1"]),
        ("C1", &["B"]),
        ("C", &["C1", "B"]),
        ("CE", &["C", "C1", "BE", "B"]),
        ("D1", &["B"]),
        ("D", &["D1", "B"]),
    ];
    licences.iter().any(|l| {
        l == wanted
            || INCLUDES
                .iter()
                .any(|(have, gives)| l == have && gives.contains(&wanted))
    })
}

/// Each requirement of `a` against `facts` at its deadline (ages count at
/// the deadline, when applications close).
pub fn eligibility(a: &Avviso, facts: &Facts) -> Vec<Check> {
    let r = &a.requirements;
    let mut out = Vec::new();
    let at = a.deadline_date();
    let age = match (facts.birth_date, at) {
        (Some(b), Some(at)) => Some(crate::domain::date::age_on(b, at)),
        _ => None,
    };
    let age_met =
        age.map(|n| n >= i32::from(r.min_age) && r.max_age.is_none_or(|max| n <= i32::from(max)));
    let age_msg = match r.max_age {
        Some(max) => Msg::new("avvisi.req.age_range")
            .text("min", r.min_age.to_string())
            .text("max", max.to_string()),
        None => Msg::new("avvisi.req.age_min").text("min", r.min_age.to_string()),
    };
    out.push(Check {
        met: age_met,
        msg: match age {
            Some(n) => age_msg.text("age", n.to_string()).key_arg(
                "state",
                if age_met == Some(true) {
                    "avvisi.req.state.age_ok"
                } else {
                    "avvisi.req.state.age_no"
                },
            ),
            None => age_msg
                .text("age", "")
                .key_arg("state", "avvisi.req.state.unknown"),
        },
    });
    if let Some(min) = r.education_min {
        let met = facts.education_level.map(|l| l >= min);
        out.push(Check {
            met,
            msg: Msg::new("avvisi.req.education")
                .key_arg("education", education_key(min))
                .key_arg("state", state_key(met)),
        });
    }
    for l in &r.licences {
        if !LICENCES.contains(&l.as_str()) {
            continue;
        }
        let met = Some(holds(&facts.licences, l));
        out.push(Check {
            met,
            msg: Msg::new("avvisi.req.licence")
                .text("licence", l.clone())
                .key_arg("state", state_key(met)),
        });
    }
    if r.did_required {
        out.push(Check {
            met: facts.has_did,
            msg: Msg::new("avvisi.req.did").key_arg("state", state_key(facts.has_did)),
        });
    }
    if r.l68_required {
        out.push(Check {
            met: facts.l68_enrolled,
            msg: Msg::new("avvisi.req.l68").key_arg("state", state_key(facts.l68_enrolled)),
        });
    }
    out
}

fn state_key(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "avvisi.req.state.met",
        Some(false) => "avvisi.req.state.not_met",
        None => "avvisi.req.state.unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feed::{decode, FeedKind};
    use crate::i18n::{render, Lang};

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn demo() -> (Vec<Avviso>, Vec<Graduatoria>) {
        let a = decode::<Avviso>(
            FeedKind::Avvisi,
            include_str!("../../public/data/avvisi.json"),
        )
        .unwrap();
        let g = decode::<Graduatoria>(
            FeedKind::Graduatorie,
            include_str!("../../public/data/graduatorie.json"),
        )
        .unwrap();
        (a.items, g.items)
    }

    #[test]
    fn the_demo_feeds_parse_and_every_notice_has_a_known_rule_set() {
        let (avvisi, rankings) = demo();
        assert!(avvisi.len() >= 5);
        let rules = crate::domain::ranking::RuleSets::load().unwrap();
        for a in &avvisi {
            assert!(rules.rule_set(&a.rule_set).is_some(), "{}", a.id);
            assert!(a.published_date().is_some() && a.deadline_date().is_some());
        }
        for g in &rankings {
            assert!(avvisi.iter().any(|a| a.id == g.avviso_id));
            let ranks: Vec<u32> = g.entries.iter().map(|e| e.rank).collect();
            assert_eq!(ranks, (1..=g.entries.len() as u32).collect::<Vec<_>>());
        }
    }

    #[test]
    fn status_and_deadline_boundaries() {
        let (avvisi, rankings) = demo();
        let open = avvisi.iter().find(|a| a.id == "AVV-ER-2026-011").unwrap();
        assert_eq!(
            open.status(d("2027-06-30"), None),
            Status::Open { days_left: 0 }
        );
        assert_eq!(open.status(d("2027-07-01"), None), Status::Closed);
        assert!(open.may_apply(d("2027-06-30")).is_ok());
        let refused = open.may_apply(d("2027-07-01")).unwrap_err();
        assert!(render(Lang::It, &refused).contains("30/06/2027"));
        let g = rankings
            .iter()
            .find(|g| g.avviso_id == "AVV-ER-2026-005")
            .unwrap();
        let closed = avvisi.iter().find(|a| a.id == "AVV-ER-2026-005").unwrap();
        assert_eq!(
            closed.status(d("2026-12-01"), Some(g)),
            Status::ProvisionalRanking
        );
        assert_eq!(g.may_review(d("2026-12-05")), Ok(0));
        let late = g.may_review(d("2026-12-06")).unwrap_err();
        assert!(render(Lang::It, &late).contains("05/12/2026"));
        let fin = rankings.iter().find(|g| g.stage == Stage::Final).unwrap();
        assert!(fin.may_review(d("2026-01-01")).is_err());
        assert_eq!(
            g.find(&["AVV-2026-000904".to_string()]).map(|e| e.rank),
            Some(3)
        );
    }

    #[test]
    fn eligibility_gives_a_reason_per_requirement() {
        let (avvisi, _) = demo();
        let bus = avvisi.iter().find(|a| a.id == "AVV-ER-2026-011").unwrap();
        let facts = Facts {
            birth_date: Some(d("1990-05-01")),
            education_level: Some(2),
            licences: vec!["B".into()],
            has_did: Some(true),
            l68_enrolled: None,
        };
        let checks = eligibility(bus, &facts);
        let licence = checks
            .iter()
            .find(|c| render(Lang::It, &c.msg).contains("Patente D"))
            .unwrap();
        assert_eq!(licence.met, Some(false));
        assert!(render(Lang::It, &licence.msg).contains("non"));
        assert!(checks.iter().filter(|c| c.met == Some(true)).count() >= 3);
        let with_d = Facts {
            licences: vec!["D".into()],
            ..facts.clone()
        };
        assert!(eligibility(bus, &with_d)
            .iter()
            .all(|c| c.met == Some(true)));
        // Unknown facts are said to be unknown, not failed.
        let unknown = eligibility(bus, &Facts::default());
        assert!(unknown
            .iter()
            .filter(|c| c.met.is_none())
            .all(|c| render(Lang::It, &c.msg).contains("indicat")));
        // 17 at the deadline is too young; 18 that day is enough.
        let young = Facts {
            birth_date: Some(d("2009-07-01")),
            ..Facts::default()
        };
        assert_eq!(eligibility(bus, &young)[0].met, Some(false));
        let eighteen = Facts {
            birth_date: Some(d("2009-06-30")),
            ..Facts::default()
        };
        assert_eq!(eligibility(bus, &eighteen)[0].met, Some(true));
        assert!(holds(&["CE".into()], "B") && !holds(&["B".into()], "D"));
    }
}
