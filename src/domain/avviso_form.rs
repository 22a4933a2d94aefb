//! What the person types on a notice's page: the facts for the eligibility
//! check, the data for the score simulation, the declarations for applying
//! and the reason of a riesame. One form for every notice (a person's ISEE
//! and family do not change with the notice), kept as a draft.

use crate::domain::avvisi::{Avviso, Facts};
use crate::domain::date::Date;
use crate::domain::did::{parse_date_parts, parse_euro_cents, DateProblem};
use crate::domain::message::{FieldIssue, Msg};
use crate::domain::profile::Profile;
use crate::domain::ranking::Applicant;
use serde::{Deserialize, Serialize};

pub const YES: &str = "yes";
pub const NO: &str = "no";
/// The longest riesame reason accepted, in characters.
pub const REASON_MAX: usize = 2000;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AvvisoForm {
    pub birth_day: String,
    pub birth_month: String,
    pub birth_year: String,
    pub education_level: String,
    pub licences: Vec<String>,
    pub has_did: String,
    pub did_day: String,
    pub did_month: String,
    pub did_year: String,
    pub l68: String,
    pub isee: String,
    pub no_isee: bool,
    pub dependants: String,
    pub dependants_disabled: String,
    pub unemployment_months: String,
    pub invalidity_percent: String,
    pub enrol_day: String,
    pub enrol_month: String,
    pub enrol_year: String,
    pub personal_income: String,
    pub decl_truth: bool,
    pub decl_privacy: bool,
    pub review_reason: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AvvisoIssue {
    pub field: &'static str,
    pub msg: Msg,
}

impl FieldIssue for AvvisoIssue {
    fn field(&self) -> &str {
        self.field
    }
    fn msg(&self) -> &Msg {
        &self.msg
    }
}

fn date_or_none(d: &str, m: &str, y: &str) -> Result<Option<Date>, DateProblem> {
    match parse_date_parts(d, m, y) {
        Ok(x) => Ok(Some(x)),
        Err(DateProblem::Missing) => Ok(None),
        Err(p) => Err(p),
    }
}

fn count(text: &str, max: u32) -> Result<u32, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    t.parse::<u32>().ok().filter(|n| *n <= max).ok_or(())
}

impl AvvisoForm {
    pub fn is_blank(&self) -> bool {
        *self == AvvisoForm::default()
    }

    /// What the profile already says, where nothing is typed yet.
    pub fn prefill_from_profile(&mut self, p: &Profile) -> bool {
        let before = self.clone();
        let birth_empty = [&self.birth_day, &self.birth_month, &self.birth_year]
            .iter()
            .all(|s| s.is_empty());
        if birth_empty {
            if let Some(b) = Date::parse_iso(&p.birth_date) {
                self.birth_day = b.day.to_string();
                self.birth_month = b.month.to_string();
                self.birth_year = b.year.to_string();
            }
        }
        if self.education_level.is_empty() {
            if let Some(l) = p.education_level {
                self.education_level = l.to_string();
            }
        }
        if self.licences.is_empty() {
            self.licences = p.licences.clone();
        }
        if self.invalidity_percent.is_empty() {
            if let Some(pct) = p.disability_percent {
                self.invalidity_percent = pct.to_string();
                if self.l68.is_empty() && pct >= 46 {
                    self.l68 = YES.into();
                }
            }
        }
        *self != before
    }

    /// The facts as far as they are known (what does not parse is unknown).
    pub fn facts(&self) -> Facts {
        let yes_no = |v: &str| match v {
            YES => Some(true),
            NO => Some(false),
            _ => None,
        };
        Facts {
            birth_date: parse_date_parts(&self.birth_day, &self.birth_month, &self.birth_year).ok(),
            education_level: self.education_level.trim().parse().ok(),
            licences: self.licences.clone(),
            has_did: yes_no(&self.has_did),
            l68_enrolled: yes_no(&self.l68),
        }
    }

    /// The applicant the score is computed for, or each field's problem.
    pub fn applicant(&self, id: &str) -> Result<Applicant, Vec<AvvisoIssue>> {
        let mut issues = Vec::new();
        let mut push = |field: &'static str, msg: Msg| issues.push(AvvisoIssue { field, msg });
        let birth = date_or_none(&self.birth_day, &self.birth_month, &self.birth_year)
            .unwrap_or_else(|p| {
                push("av-birth", p.message("profile.what.birth"));
                None
            });
        let did = if self.has_did == YES {
            match date_or_none(&self.did_day, &self.did_month, &self.did_year) {
                Ok(Some(d)) => Some(d),
                Ok(None) => {
                    push("av-did-date", Msg::new("avvisi.error.did_date"));
                    None
                }
                Err(p) => {
                    push("av-did-date", p.message("avvisi.what.did"));
                    None
                }
            }
        } else {
            None
        };
        let isee = if self.no_isee {
            None
        } else {
            match self.isee.trim() {
                "" => {
                    push("av-isee", Msg::new("avvisi.error.isee_missing"));
                    None
                }
                t => match parse_euro_cents(t) {
                    Some(c) => Some(c as f64 / 100.0),
                    None => {
                        push("av-isee", Msg::new("avvisi.error.isee").text("value", t));
                        None
                    }
                },
            }
        };
        let dependants = count(&self.dependants, 20).unwrap_or_else(|()| {
            push(
                "av-dependants",
                Msg::new("avvisi.error.count").text("max", "20"),
            );
            0
        });
        let dependants_disabled = count(&self.dependants_disabled, 20).unwrap_or_else(|()| {
            push(
                "av-dependants-disabled",
                Msg::new("avvisi.error.count").text("max", "20"),
            );
            0
        });
        if dependants_disabled > dependants {
            push(
                "av-dependants-disabled",
                Msg::new("avvisi.error.disabled_over"),
            );
        }
        let unemployment_months = count(&self.unemployment_months, 600).unwrap_or_else(|()| {
            push(
                "av-unemployment",
                Msg::new("avvisi.error.count").text("max", "600"),
            );
            0
        });
        let invalidity_percent = match self.invalidity_percent.trim() {
            "" => None,
            t => match t.parse::<u8>() {
                Ok(n) if (1..=100).contains(&n) => Some(n),
                _ => {
                    push("av-invalidity", Msg::new("profile.error.percent"));
                    None
                }
            },
        };
        let enrolment = date_or_none(&self.enrol_day, &self.enrol_month, &self.enrol_year)
            .unwrap_or_else(|p| {
                push("av-enrolment", p.message("avvisi.what.enrolment"));
                None
            });
        let personal_income = match self.personal_income.trim() {
            "" => None,
            t => match parse_euro_cents(t) {
                Some(c) => Some(c as f64 / 100.0),
                None => {
                    push(
                        "av-income",
                        Msg::new("avvisi.error.income").text("value", t),
                    );
                    None
                }
            },
        };
        if !issues.is_empty() {
            return Err(issues);
        }
        Ok(Applicant {
            id: id.to_string(),
            birth_date: birth,
            isee,
            did_date: did,
            dependants,
            dependants_disabled,
            unemployment_months,
            invalidity_percent,
            enrolment_date: enrolment,
            personal_income,
            disability_category: None,
        })
    }

    /// Everything applying needs: the data, the declarations, the deadline.
    pub fn check_application(
        &self,
        a: &Avviso,
        today: Date,
    ) -> Result<Applicant, Vec<AvvisoIssue>> {
        let mut issues = match self.applicant("") {
            Ok(_) => Vec::new(),
            Err(i) => i,
        };
        if let Err(msg) = a.may_apply(today) {
            issues.insert(
                0,
                AvvisoIssue {
                    field: "av-apply",
                    msg,
                },
            );
        }
        if !self.decl_truth {
            issues.push(AvvisoIssue {
                field: "av-decl-truth",
                msg: Msg::new("avvisi.error.decl_truth"),
            });
        }
        if !self.decl_privacy {
            issues.push(AvvisoIssue {
                field: "av-decl-privacy",
                msg: Msg::new("avvisi.error.decl_privacy"),
            });
        }
        if issues.is_empty() {
            self.applicant("")
        } else {
            Err(issues)
        }
    }

    /// A riesame reason: not empty, not too long.
    pub fn check_review(&self) -> Result<String, AvvisoIssue> {
        let r = self.review_reason.trim();
        if r.chars().count() < 10 {
            return Err(AvvisoIssue {
                field: "av-review-reason",
                msg: Msg::new("avvisi.error.reason_short"),
            });
        }
        if r.chars().count() > REASON_MAX {
            return Err(AvvisoIssue {
                field: "av-review-reason",
                msg: Msg::new("avvisi.error.reason_long").text("max", REASON_MAX.to_string()),
            });
        }
        Ok(r.to_string())
    }
}

/// The JSON of an application (`POST /avvisi/applications`): the notice,
/// the data declared (DPR 445/2000) and the score the app simulated, which
/// the CPI recomputes from verified data.
pub fn application_payload(a: &Avviso, applicant: &Applicant, score: f64) -> serde_json::Value {
    serde_json::json!({
        "avviso_id": a.id,
        "avviso_title": a.title.it,
        "body": a.body,
        "rule_set": a.rule_set,
        "declared": applicant,
        "simulated_score": score,
        "declarations": {"truthful_dpr_445_2000": true, "privacy": true},
    })
}

/// The JSON of a riesame request (`POST /reviews`).
pub fn review_payload(a: &Avviso, protocol: Option<&str>, reason: &str) -> serde_json::Value {
    serde_json::json!({
        "avviso_id": a.id,
        "avviso_title": a.title.it,
        "protocol": protocol,
        "reason": reason,
    })
}

/// The notice an outbox payload (application or review) is about.
pub fn payload_avviso_id(payload: &serde_json::Value) -> Option<&str> {
    payload.get("avviso_id").and_then(|v| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{render, Lang};

    #[test]
    fn the_form_gives_the_applicant_or_precise_messages() {
        let f = AvvisoForm {
            birth_day: "10".into(),
            birth_month: "4".into(),
            birth_year: "1985".into(),
            has_did: YES.into(),
            did_day: "10".into(),
            did_month: "1".into(),
            did_year: "2025".into(),
            isee: "12.500,00".into(),
            dependants: "2".into(),
            ..AvvisoForm::default()
        };
        let a = f.applicant("me").unwrap();
        assert_eq!(a.isee, Some(12500.0));
        assert_eq!(a.did_date, Date::new(2025, 1, 10));
        assert_eq!(a.dependants, 2);
        let bad = AvvisoForm {
            isee: "dodicimila".into(),
            has_did: YES.into(),
            dependants: "1".into(),
            dependants_disabled: "2".into(),
            ..AvvisoForm::default()
        };
        let issues = bad.applicant("me").unwrap_err();
        let fields: Vec<&str> = issues.iter().map(|i| i.field).collect();
        assert_eq!(
            fields,
            vec!["av-did-date", "av-isee", "av-dependants-disabled"]
        );
        for i in &issues {
            let t = render(Lang::It, &i.msg);
            assert!(!t.starts_with("avvisi.") && !t.contains('{'), "{t}");
        }
        let no_isee = AvvisoForm {
            no_isee: true,
            ..AvvisoForm::default()
        };
        assert_eq!(no_isee.applicant("x").unwrap().isee, None);
    }

    #[test]
    fn the_profile_fills_what_it_knows() {
        let p = Profile {
            birth_date: "1990-02-03".into(),
            education_level: Some(2),
            licences: vec!["B".into()],
            disability_percent: Some(60),
            ..Profile::default()
        };
        let mut f = AvvisoForm::default();
        assert!(f.prefill_from_profile(&p));
        assert_eq!(
            (f.birth_year.as_str(), f.education_level.as_str()),
            ("1990", "2")
        );
        assert_eq!((f.invalidity_percent.as_str(), f.l68.as_str()), ("60", YES));
        assert!(!f.prefill_from_profile(&p));
    }

    #[test]
    fn a_review_reason_has_limits() {
        let short = AvvisoForm {
            review_reason: "no".into(),
            ..AvvisoForm::default()
        };
        assert_eq!(short.check_review().unwrap_err().field, "av-review-reason");
        let ok = AvvisoForm {
            review_reason: "Non è stato contato il mio ISEE aggiornato.".into(),
            ..AvvisoForm::default()
        };
        assert!(ok.check_review().is_ok());
    }
}
