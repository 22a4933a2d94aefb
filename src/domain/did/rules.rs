//! The dated rules of the DID (income limits for keeping the status on a
//! low income, minimum age, contact deadlines and the dates they give,
//! intermittent-work days, suspension months), read from
//! `public/data/rules/did-rules.json`, embedded at build time so
//! they work offline.

use super::choices::WorkKind;
use super::messages::Msg;
use super::values::format_eur;
use crate::domain::date::Date;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The rules file, embedded so the DID works offline.
pub const RULES_JSON: &str = include_str!("../../../public/data/rules/did-rules.json");

/// Income limits for keeping the unemployed status while working (art. 4
/// c.15-quater DL 4/2019): gross yearly income up to these amounts, in a
/// period (both ends inclusive; `to: None` = still in force).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeLimit {
    pub from: Date,
    pub to: Option<Date>,
    /// Employee or parasubordinate work, euro per year.
    pub employee_eur: u32,
    /// Self-employment, euro per year.
    pub self_employed_eur: u32,
    pub source: String,
    #[serde(default)]
    pub verified: bool,
}

impl IncomeLimit {
    pub fn covers(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|t| date <= t)
    }

    pub fn for_kind(&self, kind: WorkKind) -> u32 {
        match kind {
            WorkKind::Employee => self.employee_eur,
            WorkKind::SelfEmployed => self.self_employed_eur,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinAge {
    pub years: u32,
    pub source: String,
    #[serde(default)]
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactDeadlines {
    /// Days after the DID to contact the CPI (art. 20 c.1).
    pub did: u32,
    /// Days after the NASpI / DIS-COLL application (art. 21 c.2).
    pub naspi: u32,
    pub source: String,
    #[serde(default)]
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaxDays {
    pub days: u32,
    pub source: String,
    #[serde(default)]
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaxMonths {
    pub months: u32,
    pub source: String,
    #[serde(default)]
    pub verified: bool,
}

/// Which contact deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineKind {
    /// 30 days from the DID (art. 20 c.1).
    Did,
    /// 15 days from the NASpI / DIS-COLL application (art. 21 c.2).
    Naspi,
}

/// The last day to contact the CPI, counted from `from`.
pub fn contact_deadline(rules: &DidRules, kind: DeadlineKind, from: Date) -> Date {
    from.add_days(i64::from(rules.contact_days(kind)))
}

/// The DID rules file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DidRules {
    pub schema_version: u32,
    pub updated: Date,
    #[serde(default)]
    pub about: String,
    pub income_limits: Vec<IncomeLimit>,
    pub min_age: MinAge,
    pub contact_deadline_days: ContactDeadlines,
    pub intermittent_max_days: MaxDays,
    pub suspension_max_months: MaxMonths,
}

impl DidRules {
    /// Parse and check a rules file: schema version 1, income periods in
    /// order, each with `from <= to`, not overlapping, only the last open.
    pub fn parse(text: &str) -> Result<DidRules, String> {
        let rules: DidRules =
            serde_json::from_str(text).map_err(|e| format!("regole DID non leggibili: {e}"))?;
        if rules.schema_version != 1 {
            return Err(format!(
                "regole DID: versione {} non supportata",
                rules.schema_version
            ));
        }
        if rules.income_limits.is_empty() {
            return Err("regole DID: nessun limite di reddito".into());
        }
        let n = rules.income_limits.len();
        for (i, p) in rules.income_limits.iter().enumerate() {
            if p.to.is_some_and(|t| t < p.from) {
                return Err(format!(
                    "regole DID: periodo che inizia il {} finisce prima di iniziare",
                    p.from
                ));
            }
            if p.to.is_none() && i + 1 != n {
                return Err("regole DID: solo l'ultimo periodo può essere senza fine".into());
            }
            if let Some(next) = rules.income_limits.get(i + 1) {
                if p.to.is_none_or(|t| t >= next.from) {
                    return Err(format!(
                        "regole DID: il periodo del {} si sovrappone al successivo",
                        p.from
                    ));
                }
            }
        }
        Ok(rules)
    }

    /// The income limits in force on `date`.
    pub fn income_limit_on(&self, date: Date) -> Option<&IncomeLimit> {
        self.income_limits.iter().find(|p| p.covers(date))
    }

    /// Days to contact the CPI.
    pub fn contact_days(&self, kind: DeadlineKind) -> u32 {
        match kind {
            DeadlineKind::Did => self.contact_deadline_days.did,
            DeadlineKind::Naspi => self.contact_deadline_days.naspi,
        }
    }
}

/// The embedded rules. An error only if the shipped file is broken (a
/// native test guards against that); the wizard then explains and stops.
pub fn rules() -> Result<&'static DidRules, &'static str> {
    static RULES: OnceLock<Result<DidRules, String>> = OnceLock::new();
    match RULES.get_or_init(|| DidRules::parse(RULES_JSON)) {
        Ok(r) => Ok(r),
        Err(e) => Err(e.as_str()),
    }
}

/// The income limit shown on the situation step: for the declaration date.
pub fn income_limit_msg(rules: &DidRules, today: Date) -> Option<Msg> {
    let l = rules.income_limit_on(today)?;
    Some(
        Msg::new("did.situation.limit_info")
            .text("employee", format_eur(l.employee_eur))
            .text("self", format_eur(l.self_employed_eur))
            .text("from", l.from.format_it())
            .text("year", today.year.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::did::test_support::d;

    #[test]
    fn the_shipped_rules_parse_and_pick_the_period_by_date() {
        let r = rules().unwrap();
        assert_eq!(r.min_age.years, 16);
        assert_eq!(r.contact_days(DeadlineKind::Did), 30);
        assert_eq!(r.contact_days(DeadlineKind::Naspi), 15);
        let l = |y, m, day| {
            r.income_limit_on(d(y, m, day))
                .map(|l| (l.employee_eur, l.self_employed_eur))
        };
        assert_eq!(l(2019, 1, 1), Some((8145, 4800)));
        assert_eq!(l(2021, 12, 31), Some((8145, 4800)));
        assert_eq!(l(2022, 1, 1), Some((8174, 5500)));
        assert_eq!(l(2023, 12, 31), Some((8174, 5500)));
        assert_eq!(l(2024, 1, 1), Some((8500, 5500)));
        assert_eq!(l(2031, 6, 1), Some((8500, 5500)));
        assert_eq!(l(2018, 12, 31), None);
    }

    #[test]
    fn broken_rule_files_are_refused() {
        let bad_order = RULES_JSON.replace("\"2022-01-01\"", "\"2021-06-01\"");
        assert!(DidRules::parse(&bad_order)
            .unwrap_err()
            .contains("sovrappone"));
        assert!(DidRules::parse("{}").is_err());
        assert!(DidRules::parse("not json").is_err());
        let v2 = RULES_JSON.replace("\"schema_version\": 1", "\"schema_version\": 2");
        assert!(DidRules::parse(&v2).is_err());
        let unknown =
            RULES_JSON.replace("\"employee_eur\": 8145", "\"employee_eur\": 8145, \"x\": 1");
        assert!(DidRules::parse(&unknown).is_err());
    }
}
