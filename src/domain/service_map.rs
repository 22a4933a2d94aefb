//! "I servizi per te": which services of the catalogue fit a person, each
//! with its reason in one sentence built from their own answers, and what
//! to bring to the CPI. The rules are data (`public/data/rules/
//! service-map.json`, embedded at build time): one condition on one answer
//! per rule, so a CPI can read and change them without reading code.

use crate::domain::date::Date;
use crate::domain::message::Msg;
use chrono::Months;
use serde::Deserialize;
use std::sync::OnceLock;

pub const RULES_JSON: &str = include_str!("../../public/data/rules/service-map.json");

/// The answers the rules read. `None`: not answered, and no rule on it fires.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers {
    /// Age in whole years today (from the birth date).
    pub age: Option<u32>,
    pub has_cv: Option<bool>,
    /// Receiving NASpI since this day.
    pub naspi_since: Option<Date>,
    /// Civil disability, percent (L. 68/1999).
    pub disability_percent: Option<u32>,
    pub care_duties: Option<bool>,
    /// Interested in working for themselves.
    pub self_employment: Option<bool>,
    pub months_looking: Option<u32>,
    pub has_worked: Option<bool>,
    pub wants_training: Option<bool>,
}

/// An answer a rule can test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Age,
    HasCv,
    NaspiSince,
    DisabilityPercent,
    CareDuties,
    SelfEmployment,
    MonthsLooking,
    HasWorked,
    WantsTraining,
}

enum Value {
    Flag(bool),
    Number(u32),
    Day(Date),
}

impl Field {
    fn read(self, a: &Answers) -> Option<Value> {
        match self {
            Field::Age => a.age.map(Value::Number),
            Field::HasCv => a.has_cv.map(Value::Flag),
            Field::NaspiSince => a.naspi_since.map(Value::Day),
            Field::DisabilityPercent => a.disability_percent.map(Value::Number),
            Field::CareDuties => a.care_duties.map(Value::Flag),
            Field::SelfEmployment => a.self_employment.map(Value::Flag),
            Field::MonthsLooking => a.months_looking.map(Value::Number),
            Field::HasWorked => a.has_worked.map(Value::Flag),
            Field::WantsTraining => a.wants_training.map(Value::Flag),
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Field::Age | Field::DisabilityPercent | Field::MonthsLooking => "number",
            Field::NaspiSince => "date",
            _ => "flag",
        }
    }
}

/// One condition: exactly one of the tests is set (checked at load).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: Field,
    #[serde(default)]
    pub is: Option<bool>,
    #[serde(default)]
    pub at_least: Option<u32>,
    #[serde(default)]
    pub below: Option<u32>,
    #[serde(default)]
    pub more_than_months_ago: Option<u32>,
}

impl Condition {
    fn holds(&self, a: &Answers, today: Date) -> bool {
        match (self.field.read(a), self) {
            (Some(Value::Flag(v)), Condition { is: Some(want), .. }) => v == *want,
            (
                Some(Value::Number(v)),
                Condition {
                    at_least: Some(min),
                    ..
                },
            ) => v >= *min,
            (
                Some(Value::Number(v)),
                Condition {
                    below: Some(max), ..
                },
            ) => v < *max,
            (
                Some(Value::Day(since)),
                Condition {
                    more_than_months_ago: Some(m),
                    ..
                },
            ) => since
                .to_naive()
                .checked_add_months(Months::new(*m))
                .is_some_and(|limit| today.to_naive() > limit),
            _ => false,
        }
    }

    /// The test's name, if exactly one is set and it fits the field's kind.
    fn check(&self) -> Result<(), String> {
        let set = [
            self.is.is_some().then_some("flag"),
            self.at_least.is_some().then_some("number"),
            self.below.is_some().then_some("number"),
            self.more_than_months_ago.is_some().then_some("date"),
        ];
        let kinds: Vec<&str> = set.into_iter().flatten().collect();
        match kinds.as_slice() {
            [kind] if *kind == self.field.kind() => Ok(()),
            [kind] => Err(format!(
                "{:?} is a {} answer, not a {kind}",
                self.field,
                self.field.kind()
            )),
            _ => Err(format!("{:?}: exactly one test per condition", self.field)),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// A service id of the catalogue.
    pub service: String,
    pub when: Condition,
    /// Key of `locales/*/profile.json`.
    pub reason: String,
    pub bring: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceMapRules {
    pub schema_version: u32,
    pub updated: String,
    #[serde(default)]
    pub about: String,
    pub always_bring: Vec<String>,
    pub rules: Vec<Rule>,
}

/// Read and check a rules file.
pub fn parse_rules(json: &str) -> Result<ServiceMapRules, String> {
    let rules: ServiceMapRules = serde_json::from_str(json).map_err(|e| e.to_string())?;
    if rules.schema_version != 1 {
        return Err(format!("schema_version {} unknown", rules.schema_version));
    }
    for r in &rules.rules {
        r.when.check().map_err(|e| format!("rule {}: {e}", r.id))?;
    }
    Ok(rules)
}

/// The shipped rules; `Err` only if the file shipped is broken (a test
/// keeps it from happening).
pub fn rules() -> Result<&'static ServiceMapRules, &'static str> {
    static RULES: OnceLock<Result<ServiceMapRules, String>> = OnceLock::new();
    RULES
        .get_or_init(|| parse_rules(RULES_JSON))
        .as_ref()
        .map_err(|e| e.as_str())
}

/// A recommended service and why, in the person's own terms.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    pub service: String,
    pub rule: String,
    pub reason: Msg,
}

/// The map: services in the rules' order (each once), and what to bring.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceMap {
    pub services: Vec<Recommendation>,
    /// Keys of `locales/*/profile.json`, each once.
    pub bring: Vec<&'static str>,
}

/// The reason of `rule` with the answers it speaks of.
fn reason(rule: &'static Rule, a: &Answers) -> Msg {
    let mut msg = Msg::new(rule.reason.as_str());
    match rule.when.field {
        Field::Age => {
            msg = msg.text("age", a.age.unwrap_or_default().to_string());
        }
        Field::DisabilityPercent => {
            msg = msg.text(
                "percent",
                a.disability_percent.unwrap_or_default().to_string(),
            );
        }
        Field::MonthsLooking => {
            msg = msg.text("months", a.months_looking.unwrap_or_default().to_string());
        }
        Field::NaspiSince => {
            msg = msg.text(
                "since",
                a.naspi_since.map(Date::format_it).unwrap_or_default(),
            );
        }
        _ => {}
    }
    msg
}

/// Apply the rules (the shipped ones: [`rules`]) to the answers, on `today`.
pub fn service_map(rules: &'static ServiceMapRules, a: &Answers, today: Date) -> ServiceMap {
    let mut services: Vec<Recommendation> = Vec::new();
    let mut bring: Vec<&'static str> = rules.always_bring.iter().map(String::as_str).collect();
    for rule in rules.rules.iter().filter(|r| r.when.holds(a, today)) {
        if services.iter().all(|s| s.service != rule.service) {
            services.push(Recommendation {
                service: rule.service.clone(),
                rule: rule.id.clone(),
                reason: reason(rule, a),
            });
        }
        for b in &rule.bring {
            if !bring.contains(&b.as_str()) {
                bring.push(b);
            }
        }
    }
    ServiceMap { services, bring }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{render, Lang};

    fn today() -> Date {
        Date::new(2026, 12, 2).unwrap()
    }

    fn services(a: &Answers) -> Vec<String> {
        service_map(rules().unwrap(), a, today())
            .services
            .into_iter()
            .map(|s| s.service)
            .collect()
    }

    fn fires(a: Answers, service: &str) -> bool {
        services(&a).iter().any(|s| s == service)
    }

    #[test]
    fn the_shipped_rules_load_and_name_catalogue_services() {
        let r = rules().unwrap();
        assert!(r.rules.len() >= 6);
        let catalogue = include_str!("../../public/data/catalogue.json");
        for rule in &r.rules {
            assert!(
                catalogue.contains(&format!("\"id\": \"{}\"", rule.service))
                    || catalogue.contains(&format!("\"id\":\"{}\"", rule.service)),
                "{} names {} which is not in the catalogue",
                rule.id,
                rule.service
            );
        }
    }

    #[test]
    fn nothing_answered_recommends_nothing_but_says_what_to_bring() {
        let m = service_map(rules().unwrap(), &Answers::default(), today());
        assert!(m.services.is_empty());
        assert_eq!(
            m.bring,
            vec!["map.bring.identity_document", "map.bring.codice_fiscale"]
        );
    }

    #[test]
    fn no_cv_leads_to_job_search_support() {
        let no = Answers {
            has_cv: Some(false),
            ..Answers::default()
        };
        assert!(fires(no, "accompagnamento-al-lavoro"));
        let yes = Answers {
            has_cv: Some(true),
            ..Answers::default()
        };
        assert!(!fires(yes, "accompagnamento-al-lavoro"));
    }

    #[test]
    fn naspi_for_more_than_four_months_leads_to_the_assegno() {
        let since = |y, m, d| Answers {
            naspi_since: Date::new(y, m, d),
            ..Answers::default()
        };
        // Today is 2 December 2026: exactly four months since 2 August.
        assert!(!fires(since(2026, 8, 2), "assegno-di-ricollocazione"));
        assert!(
            fires(since(2026, 8, 1), "assegno-di-ricollocazione"),
            "4 months and a day"
        );
        assert!(!fires(since(2026, 11, 1), "assegno-di-ricollocazione"));
        // The month's end: 31 July + 4 months is 30 November (clamped).
        let m = service_map(rules().unwrap(), &since(2026, 7, 31), today());
        assert_eq!(m.services[0].service, "assegno-di-ricollocazione");
        assert_eq!(
            render(Lang::It, &m.services[0].reason),
            "Ricevi la NASpI dal 31/07/2026, da più di quattro mesi: puoi chiedere l'assegno di ricollocazione, un aiuto intensivo nella ricerca di lavoro."
        );
        assert!(m.bring.contains(&"map.bring.naspi"));
    }

    #[test]
    fn a_disability_of_46_percent_leads_to_collocamento_mirato() {
        let pct = |p| Answers {
            disability_percent: Some(p),
            ..Answers::default()
        };
        assert!(!fires(pct(45), "collocamento-mirato"));
        assert!(fires(pct(46), "collocamento-mirato"));
        assert!(fires(pct(100), "collocamento-mirato"));
        let m = service_map(rules().unwrap(), &pct(67), today());
        assert!(render(Lang::It, &m.services[0].reason).contains("67%"));
    }

    #[test]
    fn care_duties_and_self_employment() {
        let care = Answers {
            care_duties: Some(true),
            ..Answers::default()
        };
        assert!(fires(care, "conciliazione-lavoro-cura"));
        let own = Answers {
            self_employment: Some(true),
            ..Answers::default()
        };
        assert!(fires(own, "supporto-autoimpiego"));
        let neither = Answers {
            care_duties: Some(false),
            self_employment: Some(false),
            ..Answers::default()
        };
        assert!(services(&neither).is_empty());
    }

    #[test]
    fn under_30_leads_to_youth_measures() {
        let age = |a| Answers {
            age: Some(a),
            ..Answers::default()
        };
        assert!(fires(age(29), "attivazione-del-tirocinio"));
        assert!(!fires(age(30), "attivazione-del-tirocinio"));
        let m = service_map(rules().unwrap(), &age(24), today());
        assert!(render(Lang::En, &m.services[0].reason).contains("24"));
    }

    #[test]
    fn a_long_search_never_worked_and_training() {
        let looking = |m| Answers {
            months_looking: Some(m),
            ..Answers::default()
        };
        assert!(!fires(looking(11), "orientamento-specialistico"));
        assert!(fires(looking(12), "orientamento-specialistico"));
        assert!(fires(
            Answers {
                has_worked: Some(false),
                ..Answers::default()
            },
            "orientamento-di-base"
        ));
        assert!(fires(
            Answers {
                wants_training: Some(true),
                ..Answers::default()
            },
            "avviamento-a-formazione"
        ));
    }

    #[test]
    fn each_service_once_and_each_thing_to_bring_once() {
        let a = Answers {
            has_cv: Some(false),
            age: Some(22),
            wants_training: Some(true),
            ..Answers::default()
        };
        let m = service_map(rules().unwrap(), &a, today());
        let mut ids: Vec<_> = m.services.iter().map(|s| s.service.as_str()).collect();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
        assert_eq!(
            m.bring
                .iter()
                .filter(|b| **b == "map.bring.certificates")
                .count(),
            1
        );
    }

    #[test]
    fn every_reason_and_thing_to_bring_reads_in_every_language() {
        let r = rules().unwrap();
        let all = Answers {
            age: Some(20),
            has_cv: Some(false),
            naspi_since: Date::new(2026, 1, 10),
            disability_percent: Some(60),
            care_duties: Some(true),
            self_employment: Some(true),
            months_looking: Some(14),
            has_worked: Some(false),
            wants_training: Some(true),
        };
        let m = service_map(r, &all, today());
        assert_eq!(m.services.len(), r.rules.len(), "every rule fires");
        for lang in Lang::ALL {
            for s in &m.services {
                let text = render(lang, &s.reason);
                assert_ne!(text, s.reason.key, "{lang:?} lacks {}", s.reason.key);
                assert!(!text.contains('{'), "{lang:?}: {text}");
            }
            for b in &m.bring {
                assert_ne!(render(lang, &Msg::new(b)), *b, "{lang:?} lacks {b}");
            }
        }
    }

    #[test]
    fn a_broken_rules_file_is_refused_with_its_reason() {
        let bad_kind = RULES_JSON.replace(
            r#""field": "has_cv", "is": false"#,
            r#""field": "has_cv", "at_least": 1"#,
        );
        assert!(parse_rules(&bad_kind).unwrap_err().contains("no-cv"));
        let two = RULES_JSON.replace(
            r#""field": "age", "below": 30"#,
            r#""field": "age", "below": 30, "at_least": 16"#,
        );
        assert!(parse_rules(&two).unwrap_err().contains("exactly one"));
        let unknown = RULES_JSON.replace(r#""field": "has_cv""#, r#""field": "has_car""#);
        assert!(parse_rules(&unknown).is_err());
        assert!(parse_rules("{}").is_err());
    }
}
