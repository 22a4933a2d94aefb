//! Rankings of the "avvisi pubblici": avviamento a selezione nella PA (art. 16
//! L. 56/1987, by region) and the collocamento mirato lists (L. 68/1999).
//!
//! - [`rules`]: the rule sets, data in `public/data/rules/ranking-rules.json`
//!   (embedded), checked at load;
//! - [`score`](mod@score): one applicant's score with a line-by-line
//!   breakdown;
//! - [`rank`](mod@rank): the applicants in order, ties broken by the rule
//!   set's tie-breakers.
//!
//! The formulas, their sources and what is unverified: `docs/ranking.md`.
//! Worked examples: `tests/fixtures/ranking/`.

pub mod rank;
pub mod rules;
pub mod score;

pub use rank::{rank, Ranked};
pub use rules::{
    AgeBand, AgeRule, DependantsRule, DidRule, EnrolmentMonthsRule, EnrolmentReferenceRule,
    FixedPoints, IncomeRule, InvalidityBand, InvalidityRule, IseeRule, NoticeDate, Review, RuleSet,
    RuleSets, RulesError, Source, TieBreak, UnemploymentRule, YearMonth, RULES_JSON,
    SCHEMA_VERSION,
};
pub use score::{
    format_eur, format_points, full_months, score, Applicant, ApplicantProblem, Category, LineKind,
    Notice, ScoreLine, Scored,
};

/// Every translation key the module can produce (messages, argument keys,
/// rule set names), for the locale files: `ranking.*` keys are not in them
/// yet (docs/ranking.md lists the texts).
pub const MESSAGE_KEYS: &[&str] = &[
    "ranking.rule_set.er_art16",
    "ranking.rule_set.lombardia_art16",
    "ranking.rule_set.campania_art16",
    "ranking.rule_set.l68_classic",
    "ranking.rule_set.er_l68_avviso",
    "ranking.notice.publication_date",
    "ranking.notice.deadline",
    "ranking.unverified",
    "ranking.line.base",
    "ranking.line.isee",
    "ranking.line.isee_capped",
    "ranking.line.isee_below",
    "ranking.line.no_isee",
    "ranking.line.did",
    "ranking.line.did_not_before",
    "ranking.line.did_missing",
    "ranking.line.age",
    "ranking.line.age_unknown",
    "ranking.line.dependants",
    "ranking.line.dependants_disabled",
    "ranking.line.dependants_capped",
    "ranking.line.dependants_none",
    "ranking.line.unemployment",
    "ranking.line.unemployment_capped",
    "ranking.line.enrolment",
    "ranking.line.enrolment_capped",
    "ranking.line.enrolment_before",
    "ranking.line.enrolment_after",
    "ranking.line.enrolment_unknown",
    "ranking.line.income",
    "ranking.line.income_free",
    "ranking.line.income_unknown",
    "ranking.line.invalidity",
    "ranking.line.invalidity_category",
    "ranking.line.invalidity_unknown",
    "ranking.category.blind_total",
    "ranking.category.blind_partial",
    "ranking.category.deaf",
    "ranking.tie_break.younger_first",
    "ranking.tie_break.more_family_points",
    "ranking.tie_break.longer_unemployment",
    "ranking.tie_break.earlier_enrolment",
    "ranking.applicant.empty_id",
    "ranking.applicant.isee_not_valid",
    "ranking.applicant.income_not_valid",
    "ranking.applicant.invalidity_over_100",
    "ranking.applicant.more_disabled_than_dependants",
    "ranking.error.malformed",
    "ranking.error.unsupported_version",
    "ranking.error.empty",
    "ranking.error.bad_id",
    "ranking.error.duplicate_rule_set",
    "ranking.error.bad_name_key",
    "ranking.error.no_sources",
    "ranking.error.not_exact",
    "ranking.error.negative_cap",
    "ranking.error.negative",
    "ranking.error.not_positive",
    "ranking.error.rounding_out_of_step",
    "ranking.error.age_bands",
    "ranking.error.invalidity_scale",
    "ranking.error.percent_out_of_range",
    "ranking.error.disabled_dependants",
    "ranking.error.unknown_tie_breaker",
    "ranking.error.duplicate_tie_breaker",
    "ranking.error.tie_breaker_without_data",
    "ranking.error.missing_note",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::message::{Arg, Msg};

    /// The keys a message uses, its own and those of key arguments.
    fn keys_of(m: &Msg) -> Vec<&'static str> {
        let mut out = vec![m.key];
        for (_, arg) in &m.args {
            if let Arg::Key(k) = arg {
                out.push(k);
            }
        }
        out
    }

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    /// Applicants that between them reach every line kind.
    fn everyone() -> Vec<Applicant> {
        let base = Applicant {
            id: "A".into(),
            birth_date: Some(d(1970, 1, 1)),
            isee: Some(12_500.0),
            did_date: Some(d(2020, 1, 1)),
            dependants: 2,
            dependants_disabled: 1,
            unemployment_months: 12,
            invalidity_percent: Some(70),
            enrolment_date: Some(d(2024, 1, 1)),
            personal_income: Some(10_000.0),
            disability_category: None,
        };
        let empty = Applicant::new("B");
        vec![
            base.clone(),
            empty.clone(),
            Applicant {
                isee: Some(900.0),
                did_date: Some(d(2026, 3, 2)),
                enrolment_date: Some(d(1980, 1, 1)),
                personal_income: Some(100.0),
                disability_category: Some(Category::BlindTotal),
                ..empty.clone()
            },
            Applicant {
                isee: Some(90_000.0),
                unemployment_months: 100,
                dependants: 40,
                ..base.clone()
            },
        ]
    }

    #[test]
    fn every_key_produced_is_listed_and_every_listed_key_is_produced() {
        let sets = RuleSets::load().unwrap();
        let notice = Notice {
            publication_date: d(2026, 3, 2),
            deadline: d(2026, 3, 16),
        };
        let mut produced: Vec<&'static str> = Vec::new();
        let mut add = |m: Msg| produced.extend(keys_of(&m));
        for set in &sets.sets {
            add(set.name());
            for a in everyone() {
                for line in score(set, &notice, &a).lines {
                    add(line.message());
                }
                for p in a.problems() {
                    add(p.message());
                }
            }
        }
        for t in TieBreak::ALL {
            add(t.message());
        }
        for c in [Category::BlindTotal, Category::BlindPartial, Category::Deaf] {
            add(Msg::new(c.key()));
        }
        for p in [
            ApplicantProblem::EmptyId,
            ApplicantProblem::IseeNotValid,
            ApplicantProblem::IncomeNotValid,
            ApplicantProblem::InvalidityOver100 { percent: 101 },
            ApplicantProblem::MoreDisabledThanDependants {
                dependants: 0,
                disabled: 1,
            },
        ] {
            add(p.message());
        }
        let (rs, param) = (String::from("x"), "p");
        for e in [
            RulesError::Malformed { detail: "".into() },
            RulesError::UnsupportedVersion { found: 2 },
            RulesError::Empty,
            RulesError::BadId { id: "".into() },
            RulesError::DuplicateRuleSet {
                rule_set: rs.clone(),
            },
            RulesError::BadNameKey {
                rule_set: rs.clone(),
                key: "".into(),
            },
            RulesError::NoSources {
                rule_set: rs.clone(),
            },
            RulesError::NotExact {
                rule_set: rs.clone(),
                param,
            },
            RulesError::NegativeCap {
                rule_set: rs.clone(),
                param,
            },
            RulesError::Negative {
                rule_set: rs.clone(),
                param,
            },
            RulesError::NotPositive {
                rule_set: rs.clone(),
                param,
            },
            RulesError::RoundingOutOfStep {
                rule_set: rs.clone(),
            },
            RulesError::AgeBands {
                rule_set: rs.clone(),
            },
            RulesError::InvalidityScale {
                rule_set: rs.clone(),
            },
            RulesError::PercentOutOfRange {
                rule_set: rs.clone(),
                param,
            },
            RulesError::DisabledDependants {
                rule_set: rs.clone(),
            },
            RulesError::UnknownTieBreaker {
                rule_set: rs.clone(),
                name: "".into(),
            },
            RulesError::DuplicateTieBreaker {
                rule_set: rs.clone(),
                name: "".into(),
            },
            RulesError::TieBreakerWithoutData {
                rule_set: rs.clone(),
                name: "".into(),
            },
            RulesError::MissingNote {
                rule_set: rs.clone(),
                param,
            },
        ] {
            add(e.message());
        }
        // Lines the shipped data cannot reach (no dependants cap).
        add(Msg::new("ranking.line.dependants_capped"));
        add(Msg::new("ranking.unverified"));
        produced.sort_unstable();
        produced.dedup();
        let mut listed = MESSAGE_KEYS.to_vec();
        listed.sort_unstable();
        let n = listed.len();
        listed.dedup();
        assert_eq!(n, listed.len(), "a key listed twice");
        assert_eq!(produced, listed);
    }
}
