//! The sanction and justification rules, read from
//! `public/data/rules/sanctions.json` (embedded at build time, so they work
//! offline) and checked when loaded: a change of the law is a change of the
//! file, never of the code.

use super::justify::JustifyReason;
use super::model::{AppointmentKind, Check, CheckKind, CheckOutcome};
use super::sanctions::{BreachKind, Consequence};
use crate::domain::date::Date;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The rules file, embedded.
pub const SANCTIONS_JSON: &str = include_str!("../../../public/data/rules/sanctions.json");

/// The only `schema_version` of the rules file this build reads.
pub const RULES_SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SanctionRules {
    pub schema_version: u32,
    pub updated: Date,
    /// The day the rules came into force.
    pub valid_from: Date,
    pub about: String,
    pub law: String,
    /// Who the sanctions concern (NASpI and DIS-COLL recipients).
    pub applies_to: String,
    pub sources: Vec<Source>,
    pub breaches: Vec<BreachRule>,
    pub justification: JustificationRule,
    pub after_decadenza: AfterDecadenza,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    pub note: String,
}

/// One letter of art. 21 c.7.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreachRule {
    pub kind: BreachKind,
    /// The letter of c.7 ("a").
    pub letter: String,
    /// The checks of the CPI that are this breach.
    pub counts: Vec<Counted>,
    /// The consequence of the 1st, 2nd, … breach; the last one also for
    /// any further breach.
    pub ladder: Vec<Consequence>,
    pub source: String,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
}

impl BreachRule {
    /// Whether a check of the CPI is this breach.
    pub fn counts(&self, check: &Check) -> bool {
        self.counts
            .iter()
            .any(|c| c.check == check.kind && c.outcome == check.outcome)
    }

    /// The consequence of a breach after `previous` ones.
    pub fn consequence_after(&self, previous: usize) -> Consequence {
        let last = self.ladder.len().saturating_sub(1);
        self.ladder
            .get(previous.min(last))
            .copied()
            .unwrap_or(Consequence::Decadenza)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counted {
    pub check: CheckKind,
    pub outcome: CheckOutcome,
}

/// How and by when an absence is justified.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JustificationRule {
    /// The person should tell the CPI before the appointment.
    pub before_start: bool,
    /// Days after the appointment's day to justify: the last day is the
    /// appointment's day plus this.
    pub days_after: u32,
    /// Days after the end of an impediment that kept the person from
    /// telling the CPI at all.
    pub days_after_impediment: u32,
    pub source: String,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    pub reasons: Vec<ReasonRule>,
}

impl JustificationRule {
    pub fn reason(&self, kind: JustifyReason) -> Option<&ReasonRule> {
        self.reasons.iter().find(|r| r.kind == kind)
    }
}

/// A reason that justifies an absence.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonRule {
    pub kind: JustifyReason,
    /// What it covers, in the words of the sources.
    pub covers: String,
    /// The document that proves it.
    pub proof: String,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterDecadenza {
    /// Months before a new DID after a decadenza.
    pub new_did_bar_months: u32,
    pub source: String,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
}

impl SanctionRules {
    /// The shipped rules; `Err` only if the file shipped is broken (a test
    /// keeps it from happening).
    pub fn load() -> Result<&'static SanctionRules, &'static str> {
        static RULES: OnceLock<Result<SanctionRules, String>> = OnceLock::new();
        RULES
            .get_or_init(|| SanctionRules::parse(SANCTIONS_JSON))
            .as_ref()
            .map_err(String::as_str)
    }

    /// Read and check a rules file. The error says what is wrong, for the
    /// developer who edits the file.
    pub fn parse(json: &str) -> Result<SanctionRules, String> {
        let rules: SanctionRules = serde_json::from_str(json).map_err(|e| e.to_string())?;
        rules.check()?;
        Ok(rules)
    }

    fn check(&self) -> Result<(), String> {
        if self.schema_version != RULES_SCHEMA_VERSION {
            return Err(format!("schema_version {} unknown", self.schema_version));
        }
        if self.valid_from > self.updated {
            return Err("valid_from is after updated".into());
        }
        if self.sources.is_empty() {
            return Err("no sources".into());
        }
        let note = |what: &str, unverified: bool, note: &Option<String>| {
            if unverified && note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                Err(format!("{what}: unverified without a note"))
            } else {
                Ok(())
            }
        };
        let mut counted = BTreeSet::new();
        for kind in BreachKind::ALL {
            let mut of_kind = self.breaches.iter().filter(|b| b.kind == kind);
            let (Some(b), None) = (of_kind.next(), of_kind.next()) else {
                return Err(format!("{kind:?}: not exactly one breach"));
            };
            note(&format!("{kind:?}"), b.unverified, &b.note)?;
            if b.counts.is_empty() {
                return Err(format!("{kind:?}: counts nothing"));
            }
            for c in &b.counts {
                if !matches!(
                    c.outcome,
                    CheckOutcome::MissedUnjustified | CheckOutcome::Refused
                ) {
                    return Err(format!("{kind:?}: {:?} is no breach", c.outcome));
                }
                if !counted.insert((c.check as u8, c.outcome as u8)) {
                    return Err(format!("{kind:?}: {:?} counted twice", c.check));
                }
            }
            // 1 to 3 steps, each heavier than the one before, ending in
            // decadenza (the last step also covers any further breach).
            let steps = &b.ladder;
            let heavier = steps.windows(2).all(|w| w[0] < w[1]);
            if !(1..=3).contains(&steps.len())
                || !heavier
                || steps.last() != Some(&Consequence::Decadenza)
            {
                return Err(format!("{kind:?}: ladder {steps:?}"));
            }
        }
        let j = &self.justification;
        note("justification", j.unverified, &j.note)?;
        if j.days_after > 30 || j.days_after_impediment > 30 {
            return Err("justification: more than 30 days".into());
        }
        for kind in JustifyReason::JUSTIFYING {
            let n = j.reasons.iter().filter(|r| r.kind == kind).count();
            if n != 1 {
                return Err(format!("justification: {kind:?} listed {n} times"));
            }
        }
        for r in &j.reasons {
            if r.kind == JustifyReason::Other {
                return Err("justification: 'other' is the CPI's to judge".into());
            }
            note(&format!("reason {:?}", r.kind), r.unverified, &r.note)?;
        }
        let a = &self.after_decadenza;
        note("after_decadenza", a.unverified, &a.note)?;
        if a.new_did_bar_months == 0 {
            return Err("after_decadenza: zero months".into());
        }
        Ok(())
    }

    pub fn breach(&self, kind: BreachKind) -> Option<&BreachRule> {
        self.breaches.iter().find(|b| b.kind == kind)
    }

    /// The breach a check of the CPI is, if any.
    pub fn breach_of_check(&self, check: &Check) -> Option<&BreachRule> {
        self.breaches.iter().find(|b| b.counts(check))
    }

    /// The breach that missing an appointment of this kind without a
    /// justified reason would be.
    pub fn breach_of_appointment(&self, kind: AppointmentKind) -> Option<&BreachRule> {
        let check = match kind {
            AppointmentKind::Convocazione => CheckKind::Convocazione,
            AppointmentKind::Appuntamento => CheckKind::Appuntamento,
        };
        self.breaches.iter().find(|b| {
            b.counts
                .iter()
                .any(|c| c.check == check && c.outcome == CheckOutcome::MissedUnjustified)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> &'static SanctionRules {
        SanctionRules::load().unwrap()
    }

    #[test]
    fn the_shipped_rules_load_with_the_ladders_of_domain_md() {
        let r = shipped();
        assert_eq!(r.valid_from, Date::new(2015, 9, 24).unwrap());
        use Consequence::*;
        let ladder = |k| r.breach(k).unwrap().ladder.clone();
        assert_eq!(
            ladder(BreachKind::MissedAppointment),
            vec![QuarterMonth, OneMonth, Decadenza]
        );
        assert_eq!(
            ladder(BreachKind::MissedWorkshop),
            vec![QuarterMonth, OneMonth, Decadenza]
        );
        assert_eq!(
            ladder(BreachKind::MissedTraining),
            vec![OneMonth, Decadenza]
        );
        assert_eq!(ladder(BreachKind::RefusedOffer), vec![Decadenza]);
        assert!(r.breach(BreachKind::MissedWorkshop).unwrap().unverified);
        assert!(!r.breach(BreachKind::MissedAppointment).unwrap().unverified);
        assert_eq!(r.justification.days_after, 1);
        assert!(r.justification.unverified);
        assert!(
            r.justification
                .reason(JustifyReason::Work)
                .unwrap()
                .unverified
        );
        assert_eq!(r.after_decadenza.new_did_bar_months, 2);
    }

    #[test]
    fn checks_and_appointments_map_to_their_letter() {
        let r = shipped();
        let check = |kind, outcome| Check {
            date: Date::new(2026, 11, 1).unwrap(),
            kind,
            outcome,
            note: None,
        };
        let letter = |kind, outcome| {
            r.breach_of_check(&check(kind, outcome))
                .map(|b| b.letter.as_str())
        };
        use CheckKind::*;
        use CheckOutcome::*;
        assert_eq!(letter(Convocazione, MissedUnjustified), Some("a"));
        assert_eq!(letter(Appuntamento, MissedUnjustified), Some("a"));
        assert_eq!(letter(Laboratorio, MissedUnjustified), Some("b"));
        assert_eq!(letter(Formazione, MissedUnjustified), Some("c"));
        assert_eq!(letter(OffertaCongrua, Refused), Some("d"));
        assert_eq!(letter(Convocazione, MissedJustified), None);
        assert_eq!(letter(Convocazione, Attended), None);
        assert_eq!(letter(OffertaCongrua, Accepted), None);
        for kind in [AppointmentKind::Convocazione, AppointmentKind::Appuntamento] {
            assert_eq!(
                r.breach_of_appointment(kind).unwrap().kind,
                BreachKind::MissedAppointment
            );
        }
    }

    #[test]
    fn the_last_step_covers_every_further_breach() {
        let b = shipped().breach(BreachKind::MissedAppointment).unwrap();
        assert_eq!(b.consequence_after(0), Consequence::QuarterMonth);
        assert_eq!(b.consequence_after(1), Consequence::OneMonth);
        assert_eq!(b.consequence_after(2), Consequence::Decadenza);
        assert_eq!(b.consequence_after(9), Consequence::Decadenza);
    }

    #[test]
    fn a_broken_rules_file_is_refused_with_its_reason() {
        let refused = |from: &str, to: &str| {
            assert!(SANCTIONS_JSON.contains(from), "{from}");
            SanctionRules::parse(&SANCTIONS_JSON.replacen(from, to, 1)).unwrap_err()
        };
        assert!(
            refused("\"schema_version\": 1", "\"schema_version\": 2").contains("schema_version")
        );
        assert!(refused(
            "\"ladder\": [\"one_month\", \"decadenza\"]",
            "\"ladder\": [\"decadenza\", \"one_month\"]"
        )
        .contains("MissedTraining"));
        assert!(refused("\"ladder\": [\"decadenza\"]", "\"ladder\": []").contains("RefusedOffer"));
        assert!(refused(
            "\"kind\": \"missed_training\"",
            "\"kind\": \"missed_workshop\""
        )
        .contains("exactly one"));
        assert!(refused(
            "{ \"check\": \"formazione\", \"outcome\": \"missed_unjustified\" }",
            "{ \"check\": \"laboratorio\", \"outcome\": \"missed_unjustified\" }"
        )
        .contains("twice"));
        assert!(refused(
            "{ \"check\": \"offerta_congrua\", \"outcome\": \"refused\" }",
            "{ \"check\": \"offerta_congrua\", \"outcome\": \"accepted\" }"
        )
        .contains("no breach"));
        assert!(refused(
            "\"note\": \"DOMAIN.md marks the 2 months before a new DID after decadenza as unverified.\"",
            "\"note\": \" \""
        )
        .contains("without a note"));
        assert!(refused("\"kind\": \"family\"", "\"kind\": \"other\"").contains("Family"));
        assert!(refused("\"days_after\": 1", "\"days_after\": 40").contains("30 days"));
        assert!(
            refused("\"updated\": \"2026-12-03\"", "\"updated\": \"2026-02-30\"").contains("date")
        );
        assert!(refused("\"law\"", "\"statute\"").contains("unknown field"));
        assert!(SanctionRules::parse("{}").is_err());
    }
}
