//! The ranking rule sets, read from `public/data/rules/ranking-rules.json`
//! (embedded at build time, so rankings work offline) and checked when they
//! are loaded: a region changes a number in the file, never the code.
//!
//! Every amount is checked to be exact: euro in whole cents, points in
//! thousandths at most, so [`super::score`] can compute in integers (the
//! ISEE rounding rule depends on the cent: a remainder of 500.00 € rounds
//! down, 500.01 € rounds up).

use super::score::Category;
use crate::domain::date::Date;
use crate::domain::message::Msg;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// The rules file, embedded so rankings work offline.
pub const RULES_JSON: &str = include_str!("../../../public/data/rules/ranking-rules.json");

/// The only `schema_version` this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Which date of the notice a rule is computed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeDate {
    PublicationDate,
    Deadline,
}

impl NoticeDate {
    /// The date's name, a translation key ("data di pubblicazione").
    pub fn key(self) -> &'static str {
        match self {
            NoticeDate::PublicationDate => "ranking.notice.publication_date",
            NoticeDate::Deadline => "ranking.notice.deadline",
        }
    }
}

/// A criterion that orders applicants with the same score; a rule set lists
/// them in the order they apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// The later birth date first; no birth date goes after any.
    YoungerFirst,
    /// More points for dependants first (the dependants line, after its
    /// cap).
    MoreFamilyPoints,
    /// More months of unemployment first (the months given, not the capped
    /// points).
    LongerUnemployment,
    /// The earlier enrolment date first (the longer seniority on any later
    /// day); no enrolment date goes after any.
    EarlierEnrolment,
}

impl TieBreak {
    pub const ALL: [TieBreak; 4] = [
        TieBreak::YoungerFirst,
        TieBreak::MoreFamilyPoints,
        TieBreak::LongerUnemployment,
        TieBreak::EarlierEnrolment,
    ];

    /// The name used in the rules file.
    pub fn name(self) -> &'static str {
        match self {
            TieBreak::YoungerFirst => "younger_first",
            TieBreak::MoreFamilyPoints => "more_family_points",
            TieBreak::LongerUnemployment => "longer_unemployment",
            TieBreak::EarlierEnrolment => "earlier_enrolment",
        }
    }

    pub fn from_name(name: &str) -> Option<TieBreak> {
        TieBreak::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The criterion in words, for "why is this person before me".
    pub fn message(self) -> Msg {
        Msg::new(match self {
            TieBreak::YoungerFirst => "ranking.tie_break.younger_first",
            TieBreak::MoreFamilyPoints => "ranking.tie_break.more_family_points",
            TieBreak::LongerUnemployment => "ranking.tie_break.longer_unemployment",
            TieBreak::EarlierEnrolment => "ranking.tie_break.earlier_enrolment",
        })
    }
}

/// A calendar month, written "YYYY-MM" in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u8,
}

impl YearMonth {
    /// "1988-04"; `None` for anything else.
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (y, m) = text.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        Date::new(year, month, 1).map(|_| YearMonth { year, month })
    }

    /// Months since the year 0: differences count calendar months.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    pub fn of(date: Date) -> YearMonth {
        YearMonth {
            year: date.year,
            month: date.month,
        }
    }

    /// Italian format "04/1988".
    pub fn format_it(self) -> String {
        format!("{:02}/{:04}", self.month, self.year)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        YearMonth::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("invalid month \"{text}\" (expected YYYY-MM)"))
        })
    }
}

/// Where a rule set comes from.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The source named for people; its address is in docs/ranking.md
    /// (the app ships no third-party addresses).
    pub name: String,
    pub note: String,
}

/// ISEE points: `start_points` minus `points_per_step` for each step of
/// `step_eur`, the deduction capped at `max_points`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IseeRule {
    pub step_eur: f64,
    /// Points deducted per step (not negative).
    pub points_per_step: f64,
    /// Cap on the deduction.
    pub max_points: f64,
    /// Points at ISEE 0 (0 for art. 16: the deduction comes off the base).
    #[serde(default)]
    pub start_points: f64,
    /// A remainder above this rounds the steps up; at or below, down.
    /// `None`: only complete steps count.
    #[serde(default)]
    pub round_up_over_eur: Option<f64>,
    /// An ISEE under this deducts nothing (it is not rounded up to a step).
    #[serde(default)]
    pub no_deduction_below_eur: Option<f64>,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// A fixed number of points (used for "no valid ISEE").
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedPoints {
    pub points: f64,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Points for a DID dated strictly before one of the notice's dates.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DidRule {
    pub points: f64,
    pub before: NoticeDate,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    /// Full years reached (the birthday itself counts).
    pub from_age: u32,
    pub points: f64,
}

/// Age points, the age taken at one of the notice's dates. Not cumulative:
/// the highest band reached counts alone.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeRule {
    pub at: NoticeDate,
    #[serde(default)]
    pub cumulative: bool,
    /// Strictly increasing `from_age`.
    pub bands: Vec<AgeBand>,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Points per dependant; those with a disability over a percent may count
/// differently (both fields set, or neither).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DependantsRule {
    pub points_each: f64,
    #[serde(default)]
    pub points_each_disabled: Option<f64>,
    #[serde(default)]
    pub disabled_over_percent: Option<u8>,
    /// Cap on the points (on their size when they are negative).
    #[serde(default)]
    pub max_points: Option<f64>,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnemploymentRule {
    pub points_per_month: f64,
    #[serde(default)]
    pub max_points: Option<f64>,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Points per complete month of enrolment, counted at one of the notice's
/// dates.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolmentMonthsRule {
    pub at: NoticeDate,
    pub points_per_month: f64,
    #[serde(default)]
    pub max_points: Option<f64>,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Points per calendar month between the enrolment and a reference month
/// (the classic L. 68 list: April 1988).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolmentReferenceRule {
    pub reference_month: YearMonth,
    pub points_per_month_before: f64,
    pub points_per_month_after: f64,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Personal income: nothing up to `free_up_to_eur`; above it `points_over`
/// plus `points_per_step` per complete further step.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeRule {
    pub free_up_to_eur: f64,
    pub points_over: f64,
    pub step_eur: f64,
    pub points_per_step: f64,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvalidityBand {
    pub from_percent: u8,
    pub to_percent: u8,
    pub points: f64,
}

/// Invalidity points: either proportional to the percent or by bands
/// (exactly one of the two). Categories without a percent count as the
/// percent given here.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvalidityRule {
    #[serde(default)]
    pub points_per_percent: Option<f64>,
    #[serde(default)]
    pub bands: Vec<InvalidityBand>,
    #[serde(default)]
    pub category_percent: BTreeMap<Category, u8>,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct TieBreakersBlock {
    order: Vec<String>,
    #[serde(default)]
    unverified: bool,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// The review (riesame) of a published ranking.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Days to ask for a review after the ranking is published.
    pub days: u32,
    /// Days the body has to decide.
    #[serde(default)]
    pub decision_days: Option<u32>,
    /// Days from the deadline to the provisional ranking.
    #[serde(default)]
    pub provisional_ranking_days: Option<u32>,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// The unverified flag and note every block carries.
trait Block {
    fn unverified(&self) -> bool;
    fn note(&self) -> Option<&str>;
}

macro_rules! block {
    ($($t:ty),*) => {$(
        impl Block for $t {
            fn unverified(&self) -> bool {
                self.unverified
            }
            fn note(&self) -> Option<&str> {
                self.note.as_deref()
            }
        }
    )*};
}

block!(
    IseeRule,
    FixedPoints,
    DidRule,
    AgeRule,
    DependantsRule,
    UnemploymentRule,
    EnrolmentMonthsRule,
    EnrolmentReferenceRule,
    IncomeRule,
    InvalidityRule,
    TieBreakersBlock,
    Review
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRuleSet {
    id: String,
    name_key: String,
    #[serde(default)]
    region: Option<String>,
    law: String,
    #[serde(default)]
    valid_from: Option<Date>,
    sources: Vec<Source>,
    lower_is_better: bool,
    base: f64,
    #[serde(default)]
    isee: Option<IseeRule>,
    #[serde(default)]
    no_isee: Option<FixedPoints>,
    #[serde(default)]
    did: Option<DidRule>,
    #[serde(default)]
    age: Option<AgeRule>,
    #[serde(default)]
    dependants: Option<DependantsRule>,
    #[serde(default)]
    unemployment: Option<UnemploymentRule>,
    #[serde(default)]
    enrolment_months: Option<EnrolmentMonthsRule>,
    #[serde(default)]
    enrolment_reference: Option<EnrolmentReferenceRule>,
    #[serde(default)]
    income: Option<IncomeRule>,
    #[serde(default)]
    invalidity: Option<InvalidityRule>,
    tie_breakers: TieBreakersBlock,
    review: Review,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema_version: u32,
    valid_from: Date,
    updated: Date,
    #[serde(default)]
    about: String,
    rule_sets: Vec<RawRuleSet>,
}

/// One region's (or list's) ranking rules, checked. Blocks the rule set
/// does not use are `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSet {
    /// "er-art16", "lombardia-art16", "campania-art16", "l68-classic",
    /// "er-l68-avviso".
    pub id: String,
    /// Translation key of the rule set's name.
    pub name_key: String,
    pub region: Option<String>,
    pub law: String,
    /// Applies to notices published on or after this day.
    pub valid_from: Date,
    pub sources: Vec<Source>,
    /// The L. 68 classic list: the lowest score ranks first.
    pub lower_is_better: bool,
    pub base: f64,
    pub isee: Option<IseeRule>,
    pub no_isee: Option<FixedPoints>,
    pub did: Option<DidRule>,
    pub age: Option<AgeRule>,
    pub dependants: Option<DependantsRule>,
    pub unemployment: Option<UnemploymentRule>,
    pub enrolment_months: Option<EnrolmentMonthsRule>,
    pub enrolment_reference: Option<EnrolmentReferenceRule>,
    pub income: Option<IncomeRule>,
    pub invalidity: Option<InvalidityRule>,
    /// In the order they apply.
    pub tie_breakers: Vec<TieBreak>,
    /// Days to ask for a review of the published ranking.
    pub review_days: u32,
    pub review: Review,
    /// The blocks marked unverified ("did", "no_isee", "tie_breakers", …).
    pub unverified: Vec<String>,
    /// Each block's note, by block name.
    pub notes: Vec<(String, String)>,
}

impl RuleSet {
    /// The rule set's name, to translate.
    pub fn name(&'static self) -> Msg {
        Msg::new(self.name_key.as_str())
    }

    /// Whether a block ("did", "review", …) is marked unverified.
    pub fn is_unverified(&self, block: &str) -> bool {
        self.unverified.iter().any(|b| b == block)
    }

    /// A block's note.
    pub fn note(&self, block: &str) -> Option<&str> {
        self.notes
            .iter()
            .find(|(b, _)| b == block)
            .map(|(_, n)| n.as_str())
    }
}

/// The checked rules file.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSets {
    pub schema_version: u32,
    /// Default `valid_from` of the rule sets that have none.
    pub valid_from: Date,
    pub updated: Date,
    pub about: String,
    /// In file order; an id may appear once per `valid_from`.
    pub sets: Vec<RuleSet>,
}

impl RuleSets {
    /// The embedded rules, parsed once. An error only if the shipped file is
    /// broken (a test keeps that from happening).
    pub fn load() -> Result<&'static RuleSets, RulesError> {
        static SETS: OnceLock<Result<RuleSets, RulesError>> = OnceLock::new();
        SETS.get_or_init(|| RuleSets::parse(RULES_JSON))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Read and check a rules file.
    pub fn parse(json: &str) -> Result<RuleSets, RulesError> {
        #[derive(Deserialize)]
        struct Header {
            schema_version: Option<u32>,
        }
        let header: Header = serde_json::from_str(json).map_err(|e| RulesError::Malformed {
            detail: e.to_string(),
        })?;
        match header.schema_version {
            Some(SCHEMA_VERSION) => {}
            Some(found) => return Err(RulesError::UnsupportedVersion { found }),
            None => {
                return Err(RulesError::Malformed {
                    detail: "missing field `schema_version`".into(),
                })
            }
        }
        let raw: RawFile = serde_json::from_str(json).map_err(|e| RulesError::Malformed {
            detail: e.to_string(),
        })?;
        if raw.rule_sets.is_empty() {
            return Err(RulesError::Empty);
        }
        let mut sets: Vec<RuleSet> = Vec::with_capacity(raw.rule_sets.len());
        for r in raw.rule_sets {
            let set = check(r, raw.valid_from)?;
            if sets
                .iter()
                .any(|s| s.id == set.id && s.valid_from == set.valid_from)
            {
                return Err(RulesError::DuplicateRuleSet { rule_set: set.id });
            }
            sets.push(set);
        }
        Ok(RuleSets {
            schema_version: raw.schema_version,
            valid_from: raw.valid_from,
            updated: raw.updated,
            about: raw.about,
            sets,
        })
    }

    /// The newest version of a rule set.
    pub fn rule_set(&self, id: &str) -> Option<&RuleSet> {
        self.sets
            .iter()
            .filter(|s| s.id == id)
            .max_by_key(|s| s.valid_from)
    }

    /// The version of a rule set in force for a notice published on `date`.
    pub fn rule_set_on(&self, id: &str, date: Date) -> Option<&RuleSet> {
        self.sets
            .iter()
            .filter(|s| s.id == id && s.valid_from <= date)
            .max_by_key(|s| s.valid_from)
    }

    /// The rule set ids, each once, in file order.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for s in &self.sets {
            if !ids.contains(&s.id.as_str()) {
                ids.push(&s.id);
            }
        }
        ids
    }
}

/// Why a rules file was refused. `param` names the parameter as
/// "block/field" ("isee/max_points").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RulesError {
    /// Not JSON, or JSON of the wrong shape (serde's text).
    Malformed {
        detail: String,
    },
    UnsupportedVersion {
        found: u32,
    },
    /// No rule set at all.
    Empty,
    /// An id that is not lowercase letters, digits and hyphens.
    BadId {
        id: String,
    },
    /// Two rule sets with the same id and the same `valid_from`.
    DuplicateRuleSet {
        rule_set: String,
    },
    /// A name key outside the `ranking.` family.
    BadNameKey {
        rule_set: String,
        key: String,
    },
    /// No source given.
    NoSources {
        rule_set: String,
    },
    /// Not a finite amount in whole cents, or points beyond thousandths.
    NotExact {
        rule_set: String,
        param: &'static str,
    },
    /// A cap below zero.
    NegativeCap {
        rule_set: String,
        param: &'static str,
    },
    /// An amount that must not be negative.
    Negative {
        rule_set: String,
        param: &'static str,
    },
    /// A step or a number of days that must be more than zero.
    NotPositive {
        rule_set: String,
        param: &'static str,
    },
    /// The rounding threshold is not smaller than the step.
    RoundingOutOfStep {
        rule_set: String,
    },
    /// Age bands empty or not in strictly increasing order.
    AgeBands {
        rule_set: String,
    },
    /// Not exactly one of `points_per_percent` and `bands`, or bands out of
    /// 0–100, reversed or overlapping.
    InvalidityScale {
        rule_set: String,
    },
    /// A percent over 100.
    PercentOutOfRange {
        rule_set: String,
        param: &'static str,
    },
    /// `points_each_disabled` and `disabled_over_percent` must come together.
    DisabledDependants {
        rule_set: String,
    },
    UnknownTieBreaker {
        rule_set: String,
        name: String,
    },
    DuplicateTieBreaker {
        rule_set: String,
        name: String,
    },
    /// A tie-breaker on points the rule set does not give
    /// (`more_family_points` without `dependants`).
    TieBreakerWithoutData {
        rule_set: String,
        name: String,
    },
    /// A block marked unverified without a note saying why.
    MissingNote {
        rule_set: String,
        param: &'static str,
    },
}

impl RulesError {
    /// The message for the person: a `ranking.error.*` key and its
    /// arguments.
    pub fn message(&self) -> Msg {
        match self {
            RulesError::Malformed { detail } => {
                Msg::new("ranking.error.malformed").text("detail", detail.clone())
            }
            RulesError::UnsupportedVersion { found } => {
                Msg::new("ranking.error.unsupported_version")
                    .text("found", found.to_string())
                    .text("supported", SCHEMA_VERSION.to_string())
            }
            RulesError::Empty => Msg::new("ranking.error.empty"),
            RulesError::BadId { id } => Msg::new("ranking.error.bad_id").text("id", id.clone()),
            RulesError::DuplicateRuleSet { rule_set } => {
                Msg::new("ranking.error.duplicate_rule_set").text("rule_set", rule_set.clone())
            }
            RulesError::BadNameKey { rule_set, key } => Msg::new("ranking.error.bad_name_key")
                .text("rule_set", rule_set.clone())
                .text("key", key.clone()),
            RulesError::NoSources { rule_set } => {
                Msg::new("ranking.error.no_sources").text("rule_set", rule_set.clone())
            }
            RulesError::NotExact { rule_set, param } => {
                param_msg("ranking.error.not_exact", rule_set, param)
            }
            RulesError::NegativeCap { rule_set, param } => {
                param_msg("ranking.error.negative_cap", rule_set, param)
            }
            RulesError::Negative { rule_set, param } => {
                param_msg("ranking.error.negative", rule_set, param)
            }
            RulesError::NotPositive { rule_set, param } => {
                param_msg("ranking.error.not_positive", rule_set, param)
            }
            RulesError::RoundingOutOfStep { rule_set } => {
                Msg::new("ranking.error.rounding_out_of_step").text("rule_set", rule_set.clone())
            }
            RulesError::AgeBands { rule_set } => {
                Msg::new("ranking.error.age_bands").text("rule_set", rule_set.clone())
            }
            RulesError::InvalidityScale { rule_set } => {
                Msg::new("ranking.error.invalidity_scale").text("rule_set", rule_set.clone())
            }
            RulesError::PercentOutOfRange { rule_set, param } => {
                param_msg("ranking.error.percent_out_of_range", rule_set, param)
            }
            RulesError::DisabledDependants { rule_set } => {
                Msg::new("ranking.error.disabled_dependants").text("rule_set", rule_set.clone())
            }
            RulesError::UnknownTieBreaker { rule_set, name } => {
                Msg::new("ranking.error.unknown_tie_breaker")
                    .text("rule_set", rule_set.clone())
                    .text("name", name.clone())
            }
            RulesError::DuplicateTieBreaker { rule_set, name } => {
                Msg::new("ranking.error.duplicate_tie_breaker")
                    .text("rule_set", rule_set.clone())
                    .text("name", name.clone())
            }
            RulesError::TieBreakerWithoutData { rule_set, name } => {
                Msg::new("ranking.error.tie_breaker_without_data")
                    .text("rule_set", rule_set.clone())
                    .text("name", name.clone())
            }
            RulesError::MissingNote { rule_set, param } => {
                param_msg("ranking.error.missing_note", rule_set, param)
            }
        }
    }
}

fn param_msg(key: &'static str, rule_set: &str, param: &str) -> Msg {
    Msg::new(key)
        .text("rule_set", rule_set)
        .text("param", param)
}

/// A technical English text, for logs and tests (the views translate
/// [`RulesError::message`]).
impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RulesError::Malformed { detail } => write!(f, "ranking rules unreadable: {detail}"),
            RulesError::UnsupportedVersion { found } => write!(
                f,
                "ranking rules: schema_version {found} unsupported (this build reads {SCHEMA_VERSION})"
            ),
            RulesError::Empty => f.write_str("ranking rules: no rule set"),
            RulesError::BadId { id } => write!(f, "ranking rules: bad rule set id \"{id}\""),
            RulesError::DuplicateRuleSet { rule_set } => {
                write!(f, "{rule_set}: two versions with the same valid_from")
            }
            RulesError::BadNameKey { rule_set, key } => {
                write!(f, "{rule_set}: name_key \"{key}\" is not a ranking.* key")
            }
            RulesError::NoSources { rule_set } => write!(f, "{rule_set}: no source"),
            RulesError::NotExact { rule_set, param } => write!(
                f,
                "{rule_set}: {param} must be finite, in whole cents (euro) or thousandths (points)"
            ),
            RulesError::NegativeCap { rule_set, param } => {
                write!(f, "{rule_set}: cap {param} is negative")
            }
            RulesError::Negative { rule_set, param } => {
                write!(f, "{rule_set}: {param} must not be negative")
            }
            RulesError::NotPositive { rule_set, param } => {
                write!(f, "{rule_set}: {param} must be more than zero")
            }
            RulesError::RoundingOutOfStep { rule_set } => write!(
                f,
                "{rule_set}: isee/round_up_over_eur must be smaller than isee/step_eur"
            ),
            RulesError::AgeBands { rule_set } => write!(
                f,
                "{rule_set}: age/bands must be non-empty with strictly increasing from_age"
            ),
            RulesError::InvalidityScale { rule_set } => write!(
                f,
                "{rule_set}: invalidity needs exactly one of points_per_percent and bands, bands within 0-100 and not overlapping"
            ),
            RulesError::PercentOutOfRange { rule_set, param } => {
                write!(f, "{rule_set}: {param} is over 100")
            }
            RulesError::DisabledDependants { rule_set } => write!(
                f,
                "{rule_set}: dependants/points_each_disabled and disabled_over_percent go together"
            ),
            RulesError::UnknownTieBreaker { rule_set, name } => {
                write!(f, "{rule_set}: unknown tie-breaker \"{name}\"")
            }
            RulesError::DuplicateTieBreaker { rule_set, name } => {
                write!(f, "{rule_set}: tie-breaker \"{name}\" listed twice")
            }
            RulesError::TieBreakerWithoutData { rule_set, name } => write!(
                f,
                "{rule_set}: tie-breaker \"{name}\" needs a block the rule set lacks"
            ),
            RulesError::MissingNote { rule_set, param } => {
                write!(f, "{rule_set}: {param} is unverified but has no note")
            }
        }
    }
}

impl std::error::Error for RulesError {}

/// Points in thousandths (exact after [`check`]).
pub(super) fn milli(points: f64) -> i64 {
    (points * 1000.0).round() as i64
}

/// Euro in cents (exact after [`check`]).
pub(super) fn cents(eur: f64) -> i64 {
    (eur * 100.0).round() as i64
}

/// Whether `value * scale` is a whole number of reasonable size.
fn is_exact(value: f64, scale: f64) -> bool {
    let scaled = value * scale;
    value.is_finite() && scaled.abs() < 1e15 && (scaled - scaled.round()).abs() < 1e-6
}

/// The checks of one rule set, with its id for the errors.
struct Checker<'a> {
    id: &'a str,
}

impl Checker<'_> {
    fn rule_set(&self) -> String {
        self.id.to_string()
    }

    fn points(&self, value: f64, param: &'static str) -> Result<(), RulesError> {
        if is_exact(value, 1000.0) {
            Ok(())
        } else {
            Err(RulesError::NotExact {
                rule_set: self.rule_set(),
                param,
            })
        }
    }

    fn euro(&self, value: f64, param: &'static str) -> Result<(), RulesError> {
        if !is_exact(value, 100.0) {
            return Err(RulesError::NotExact {
                rule_set: self.rule_set(),
                param,
            });
        }
        self.not_negative(value, param)
    }

    fn not_negative(&self, value: f64, param: &'static str) -> Result<(), RulesError> {
        if value < 0.0 {
            Err(RulesError::Negative {
                rule_set: self.rule_set(),
                param,
            })
        } else {
            Ok(())
        }
    }

    fn step(&self, value: f64, param: &'static str) -> Result<(), RulesError> {
        self.euro(value, param)?;
        if cents(value) <= 0 {
            return Err(RulesError::NotPositive {
                rule_set: self.rule_set(),
                param,
            });
        }
        Ok(())
    }

    fn cap(&self, value: Option<f64>, param: &'static str) -> Result<(), RulesError> {
        let Some(value) = value else { return Ok(()) };
        self.points(value, param)?;
        if value < 0.0 {
            return Err(RulesError::NegativeCap {
                rule_set: self.rule_set(),
                param,
            });
        }
        Ok(())
    }

    fn percent(&self, value: u8, param: &'static str) -> Result<(), RulesError> {
        if value > 100 {
            return Err(RulesError::PercentOutOfRange {
                rule_set: self.rule_set(),
                param,
            });
        }
        Ok(())
    }

    fn meta(
        &self,
        block: Option<&dyn Block>,
        name: &'static str,
        unverified: &mut Vec<String>,
        notes: &mut Vec<(String, String)>,
    ) -> Result<(), RulesError> {
        let Some(block) = block else { return Ok(()) };
        let note = block.note().map(str::trim).filter(|n| !n.is_empty());
        if block.unverified() {
            if note.is_none() {
                return Err(RulesError::MissingNote {
                    rule_set: self.rule_set(),
                    param: name,
                });
            }
            unverified.push(name.to_string());
        }
        if let Some(n) = note {
            notes.push((name.to_string(), n.to_string()));
        }
        Ok(())
    }
}

fn is_key_like(key: &str) -> bool {
    key.strip_prefix("ranking.").is_some_and(|rest| {
        !rest.is_empty()
            && !rest.ends_with('.')
            && rest
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
    })
}

/// Check one rule set and build it.
fn check(raw: RawRuleSet, default_valid_from: Date) -> Result<RuleSet, RulesError> {
    let id_ok = !raw.id.is_empty()
        && raw
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return Err(RulesError::BadId { id: raw.id });
    }
    let c = Checker { id: &raw.id };
    if !is_key_like(&raw.name_key) {
        return Err(RulesError::BadNameKey {
            rule_set: c.rule_set(),
            key: raw.name_key.clone(),
        });
    }
    if raw.sources.is_empty() || raw.sources.iter().any(|s| s.name.trim().is_empty()) {
        return Err(RulesError::NoSources {
            rule_set: c.rule_set(),
        });
    }
    c.points(raw.base, "base")?;

    if let Some(i) = &raw.isee {
        c.step(i.step_eur, "isee/step_eur")?;
        c.points(i.points_per_step, "isee/points_per_step")?;
        c.not_negative(i.points_per_step, "isee/points_per_step")?;
        c.cap(Some(i.max_points), "isee/max_points")?;
        c.points(i.start_points, "isee/start_points")?;
        if let Some(r) = i.round_up_over_eur {
            c.euro(r, "isee/round_up_over_eur")?;
            if cents(r) >= cents(i.step_eur) {
                return Err(RulesError::RoundingOutOfStep {
                    rule_set: c.rule_set(),
                });
            }
        }
        if let Some(b) = i.no_deduction_below_eur {
            c.euro(b, "isee/no_deduction_below_eur")?;
        }
    }
    if let Some(n) = &raw.no_isee {
        c.points(n.points, "no_isee/points")?;
    }
    if let Some(d) = &raw.did {
        c.points(d.points, "did/points")?;
    }
    if let Some(a) = &raw.age {
        let increasing = a.bands.windows(2).all(|w| match w {
            [x, y] => x.from_age < y.from_age,
            _ => true,
        });
        if a.bands.is_empty() || !increasing {
            return Err(RulesError::AgeBands {
                rule_set: c.rule_set(),
            });
        }
        for b in &a.bands {
            c.points(b.points, "age/bands/points")?;
        }
    }
    if let Some(d) = &raw.dependants {
        c.points(d.points_each, "dependants/points_each")?;
        match (d.points_each_disabled, d.disabled_over_percent) {
            (Some(p), Some(pct)) => {
                c.points(p, "dependants/points_each_disabled")?;
                c.percent(pct, "dependants/disabled_over_percent")?;
            }
            (None, None) => {}
            _ => {
                return Err(RulesError::DisabledDependants {
                    rule_set: c.rule_set(),
                })
            }
        }
        c.cap(d.max_points, "dependants/max_points")?;
    }
    if let Some(u) = &raw.unemployment {
        c.points(u.points_per_month, "unemployment/points_per_month")?;
        c.cap(u.max_points, "unemployment/max_points")?;
    }
    if let Some(e) = &raw.enrolment_months {
        c.points(e.points_per_month, "enrolment_months/points_per_month")?;
        c.cap(e.max_points, "enrolment_months/max_points")?;
    }
    if let Some(e) = &raw.enrolment_reference {
        c.points(
            e.points_per_month_before,
            "enrolment_reference/points_per_month_before",
        )?;
        c.points(
            e.points_per_month_after,
            "enrolment_reference/points_per_month_after",
        )?;
    }
    if let Some(i) = &raw.income {
        c.euro(i.free_up_to_eur, "income/free_up_to_eur")?;
        c.points(i.points_over, "income/points_over")?;
        c.step(i.step_eur, "income/step_eur")?;
        c.points(i.points_per_step, "income/points_per_step")?;
    }
    if let Some(inv) = &raw.invalidity {
        check_invalidity(&c, inv)?;
    }

    let mut tie_breakers = Vec::with_capacity(raw.tie_breakers.order.len());
    for name in &raw.tie_breakers.order {
        let Some(t) = TieBreak::from_name(name) else {
            return Err(RulesError::UnknownTieBreaker {
                rule_set: c.rule_set(),
                name: name.clone(),
            });
        };
        if tie_breakers.contains(&t) {
            return Err(RulesError::DuplicateTieBreaker {
                rule_set: c.rule_set(),
                name: name.clone(),
            });
        }
        if t == TieBreak::MoreFamilyPoints && raw.dependants.is_none() {
            return Err(RulesError::TieBreakerWithoutData {
                rule_set: c.rule_set(),
                name: name.clone(),
            });
        }
        tie_breakers.push(t);
    }
    if raw.review.days == 0 {
        return Err(RulesError::NotPositive {
            rule_set: c.rule_set(),
            param: "review/days",
        });
    }

    let mut unverified = Vec::new();
    let mut notes = Vec::new();
    let blocks: [(Option<&dyn Block>, &'static str); 12] = [
        (raw.isee.as_ref().map(|b| b as &dyn Block), "isee"),
        (raw.no_isee.as_ref().map(|b| b as &dyn Block), "no_isee"),
        (raw.did.as_ref().map(|b| b as &dyn Block), "did"),
        (raw.age.as_ref().map(|b| b as &dyn Block), "age"),
        (
            raw.dependants.as_ref().map(|b| b as &dyn Block),
            "dependants",
        ),
        (
            raw.unemployment.as_ref().map(|b| b as &dyn Block),
            "unemployment",
        ),
        (
            raw.enrolment_months.as_ref().map(|b| b as &dyn Block),
            "enrolment_months",
        ),
        (
            raw.enrolment_reference.as_ref().map(|b| b as &dyn Block),
            "enrolment_reference",
        ),
        (raw.income.as_ref().map(|b| b as &dyn Block), "income"),
        (
            raw.invalidity.as_ref().map(|b| b as &dyn Block),
            "invalidity",
        ),
        (Some(&raw.tie_breakers as &dyn Block), "tie_breakers"),
        (Some(&raw.review as &dyn Block), "review"),
    ];
    for (block, name) in blocks {
        c.meta(block, name, &mut unverified, &mut notes)?;
    }

    Ok(RuleSet {
        valid_from: raw.valid_from.unwrap_or(default_valid_from),
        review_days: raw.review.days,
        id: raw.id,
        name_key: raw.name_key,
        region: raw.region,
        law: raw.law,
        sources: raw.sources,
        lower_is_better: raw.lower_is_better,
        base: raw.base,
        isee: raw.isee,
        no_isee: raw.no_isee,
        did: raw.did,
        age: raw.age,
        dependants: raw.dependants,
        unemployment: raw.unemployment,
        enrolment_months: raw.enrolment_months,
        enrolment_reference: raw.enrolment_reference,
        income: raw.income,
        invalidity: raw.invalidity,
        tie_breakers,
        review: raw.review,
        unverified,
        notes,
    })
}

fn check_invalidity(c: &Checker<'_>, inv: &InvalidityRule) -> Result<(), RulesError> {
    let scale_error = || RulesError::InvalidityScale {
        rule_set: c.rule_set(),
    };
    match (inv.points_per_percent, inv.bands.is_empty()) {
        (Some(p), true) => c.points(p, "invalidity/points_per_percent")?,
        (None, false) => {
            for b in &inv.bands {
                c.points(b.points, "invalidity/bands/points")?;
                if b.from_percent > b.to_percent || b.to_percent > 100 {
                    return Err(scale_error());
                }
            }
            for (i, a) in inv.bands.iter().enumerate() {
                let overlaps = inv
                    .bands
                    .iter()
                    .skip(i + 1)
                    .any(|b| a.from_percent <= b.to_percent && b.from_percent <= a.to_percent);
                if overlaps {
                    return Err(scale_error());
                }
            }
        }
        _ => return Err(scale_error()),
    }
    for pct in inv.category_percent.values() {
        c.percent(*pct, "invalidity/category_percent")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> &'static RuleSets {
        RuleSets::load().expect("the shipped ranking rules load")
    }

    /// The shipped file with one piece of text replaced (which must exist).
    fn broken(from: &str, to: &str) -> Result<RuleSets, RulesError> {
        assert!(RULES_JSON.contains(from), "the rules file lacks {from:?}");
        RuleSets::parse(&RULES_JSON.replacen(from, to, 1))
    }

    #[test]
    fn the_shipped_rules_load_with_every_rule_set() {
        let r = shipped();
        assert_eq!(
            r.ids(),
            [
                "er-art16",
                "lombardia-art16",
                "campania-art16",
                "l68-classic",
                "er-l68-avviso"
            ]
        );
        assert!(r.updated >= r.valid_from);
        for s in &r.sets {
            assert!(s.name_key.starts_with("ranking.rule_set."), "{}", s.id);
            assert!(!s.sources.is_empty());
            assert!(s.review_days >= 1);
        }
    }

    #[test]
    fn the_parameters_are_those_of_domain_md() {
        let r = shipped();
        let er = r.rule_set("er-art16").unwrap();
        assert!(!er.lower_is_better);
        assert_eq!(er.base, 100.0);
        let isee = er.isee.as_ref().unwrap();
        assert_eq!(
            (isee.step_eur, isee.points_per_step, isee.max_points),
            (1000.0, 1.0, 25.0)
        );
        assert_eq!(isee.round_up_over_eur, Some(500.0));
        assert_eq!(isee.no_deduction_below_eur, Some(1000.0));
        assert_eq!(er.no_isee.as_ref().unwrap().points, -25.0);
        assert_eq!(er.did.as_ref().unwrap().points, 5.0);
        let age = er.age.as_ref().unwrap();
        assert!(!age.cumulative);
        assert_eq!(age.at, NoticeDate::PublicationDate);
        let bands: Vec<(u32, f64)> = age.bands.iter().map(|b| (b.from_age, b.points)).collect();
        assert_eq!(bands, [(40, 2.0), (45, 4.0), (50, 6.0)]);
        assert_eq!(er.tie_breakers, [TieBreak::YoungerFirst]);
        assert!(er.is_unverified("review"));

        let lo = r.rule_set("lombardia-art16").unwrap();
        assert_eq!(lo.isee.as_ref().unwrap().max_points, 100.0);
        assert_eq!(lo.review_days, 8);
        assert_eq!(lo.review.decision_days, Some(15));
        assert_eq!(lo.review.provisional_ranking_days, Some(30));
        assert!(!lo.is_unverified("review"));
        assert!(lo.is_unverified("did"));
        assert!(lo.note("did").unwrap().contains("weight"));
        assert_eq!(lo.valid_from, Date::new(2023, 9, 11).unwrap());

        let ca = r.rule_set("campania-art16").unwrap();
        assert_eq!(
            ca.tie_breakers,
            [
                TieBreak::YoungerFirst,
                TieBreak::MoreFamilyPoints,
                TieBreak::LongerUnemployment
            ]
        );
        let u = ca.unemployment.as_ref().unwrap();
        assert_eq!((u.points_per_month, u.max_points), (0.1, Some(6.0)));
        let d = ca.dependants.as_ref().unwrap();
        assert_eq!(
            (
                d.points_each,
                d.points_each_disabled,
                d.disabled_over_percent
            ),
            (1.0, Some(1.5), Some(65))
        );
        assert_eq!(ca.valid_from, r.valid_from, "no own date: the file's");

        let l68 = r.rule_set("l68-classic").unwrap();
        assert!(l68.lower_is_better);
        assert_eq!(l68.base, 1000.0);
        assert_eq!(
            l68.tie_breakers,
            [TieBreak::EarlierEnrolment, TieBreak::YoungerFirst]
        );
        let inc = l68.income.as_ref().unwrap();
        assert_eq!(
            (cents(inc.free_up_to_eur), cents(inc.step_eur)),
            (774_685, 51_645)
        );

        let erl = r.rule_set("er-l68-avviso").unwrap();
        let e = erl.enrolment_months.as_ref().unwrap();
        assert_eq!(
            (e.at, e.points_per_month, e.max_points),
            (NoticeDate::Deadline, 2.0, Some(72.0))
        );
        assert_eq!(
            erl.invalidity
                .as_ref()
                .unwrap()
                .category_percent
                .get(&Category::BlindTotal),
            Some(&100)
        );
    }

    #[test]
    fn versions_are_picked_by_publication_date() {
        let two = RULES_JSON.replacen(
            r#""rule_sets": ["#,
            r#""rule_sets": [
    {
      "id": "er-art16",
      "name_key": "ranking.rule_set.er_art16",
      "law": "art. 16 L. 56/1987",
      "valid_from": "2027-01-01",
      "sources": [{"name": "test", "note": "test"}],
      "lower_is_better": false,
      "base": 90,
      "tie_breakers": {"order": []},
      "review": {"days": 10}
    },"#,
            1,
        );
        let r = RuleSets::parse(&two).unwrap();
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(r.rule_set("er-art16").unwrap().base, 90.0);
        assert_eq!(
            r.rule_set_on("er-art16", d(2026, 12, 31)).unwrap().base,
            100.0
        );
        assert_eq!(r.rule_set_on("er-art16", d(2027, 1, 1)).unwrap().base, 90.0);
        assert!(r.rule_set_on("er-art16", d(2017, 3, 1)).is_none());
        assert!(r.rule_set_on("campania-art16", d(2025, 12, 31)).is_none());
        assert!(r.rule_set("veneto-art16").is_none());
        assert_eq!(r.ids().len(), 5);
    }

    #[test]
    fn broken_parameters_are_refused_with_their_kind() {
        let er = "er-art16".to_string();
        assert_eq!(
            broken(r#""max_points": 25,"#, r#""max_points": -25,"#),
            Err(RulesError::NegativeCap {
                rule_set: er.clone(),
                param: "isee/max_points"
            })
        );
        assert_eq!(
            broken(r#""max_points": 6"#, r#""max_points": -1"#),
            Err(RulesError::NegativeCap {
                rule_set: "campania-art16".into(),
                param: "unemployment/max_points"
            })
        );
        assert_eq!(
            broken(
                r#""order": ["younger_first"] }"#,
                r#""order": ["oldest_first"] }"#
            ),
            Err(RulesError::UnknownTieBreaker {
                rule_set: er.clone(),
                name: "oldest_first".into()
            })
        );
        assert_eq!(
            broken(
                r#""order": ["younger_first"] }"#,
                r#""order": ["younger_first", "younger_first"] }"#
            ),
            Err(RulesError::DuplicateTieBreaker {
                rule_set: er.clone(),
                name: "younger_first".into()
            })
        );
        assert_eq!(
            broken(
                r#""order": ["younger_first"] }"#,
                r#""order": ["more_family_points"] }"#
            ),
            Err(RulesError::TieBreakerWithoutData {
                rule_set: er.clone(),
                name: "more_family_points".into()
            })
        );
        assert_eq!(
            broken(r#""step_eur": 1000,"#, r#""step_eur": 0,"#),
            Err(RulesError::NotPositive {
                rule_set: er.clone(),
                param: "isee/step_eur"
            })
        );
        assert_eq!(
            broken(r#""step_eur": 1000,"#, r#""step_eur": 1000.001,"#),
            Err(RulesError::NotExact {
                rule_set: er.clone(),
                param: "isee/step_eur"
            })
        );
        assert_eq!(
            broken(
                r#""round_up_over_eur": 500,"#,
                r#""round_up_over_eur": 1000,"#
            ),
            Err(RulesError::RoundingOutOfStep {
                rule_set: er.clone()
            })
        );
        assert_eq!(
            broken(r#""points_per_step": 1,"#, r#""points_per_step": -1,"#),
            Err(RulesError::Negative {
                rule_set: er.clone(),
                param: "isee/points_per_step"
            })
        );
        assert_eq!(
            broken(r#""points": 5,"#, r#""points": 0.0001,"#),
            Err(RulesError::NotExact {
                rule_set: er.clone(),
                param: "did/points"
            })
        );
        assert_eq!(
            broken(
                r#"{ "from_age": 45, "points": 4 }"#,
                r#"{ "from_age": 40, "points": 4 }"#
            ),
            Err(RulesError::AgeBands {
                rule_set: er.clone()
            })
        );
        assert_eq!(
            broken(
                r#"{ "from_percent": 67, "to_percent": 79, "points": -21 }"#,
                r#"{ "from_percent": 67, "to_percent": 80, "points": -21 }"#
            ),
            Err(RulesError::InvalidityScale {
                rule_set: "l68-classic".into()
            })
        );
        assert_eq!(
            broken(r#""deaf": 80"#, r#""deaf": 180"#),
            Err(RulesError::PercentOutOfRange {
                rule_set: "er-l68-avviso".into(),
                param: "invalidity/category_percent"
            })
        );
        assert_eq!(
            broken(r#""points_each_disabled": 1.5,"#, ""),
            Err(RulesError::DisabledDependants {
                rule_set: "campania-art16".into()
            })
        );
        assert_eq!(
            broken(
                r#""no_isee": { "points": -25 }"#,
                r#""no_isee": { "points": -25, "unverified": true }"#
            ),
            Err(RulesError::MissingNote {
                rule_set: er.clone(),
                param: "no_isee"
            })
        );
        assert_eq!(
            broken(r#""days": 8,"#, r#""days": 0,"#),
            Err(RulesError::NotPositive {
                rule_set: er.clone(),
                param: "review/days"
            })
        );
        assert_eq!(
            broken(r#""id": "er-art16""#, r#""id": "ER art16""#),
            Err(RulesError::BadId {
                id: "ER art16".into()
            })
        );
        // Same id, another valid_from: a second version, not a duplicate.
        assert!(broken(r#""id": "lombardia-art16""#, r#""id": "er-art16""#).is_ok());
        assert_eq!(
            broken(r#""id": "campania-art16""#, r#""id": "l68-classic""#),
            Err(RulesError::DuplicateRuleSet {
                rule_set: "l68-classic".into()
            })
        );
        assert_eq!(
            broken(
                r#""name_key": "ranking.rule_set.er_art16""#,
                r#""name_key": "rule_set.er_art16""#
            ),
            Err(RulesError::BadNameKey {
                rule_set: er.clone(),
                key: "rule_set.er_art16".into()
            })
        );
        assert_eq!(
            broken(r#""schema_version": 1"#, r#""schema_version": 2"#),
            Err(RulesError::UnsupportedVersion { found: 2 })
        );
        assert!(matches!(
            broken(r#""base": 100,"#, r#""bonus": 100,"#),
            Err(RulesError::Malformed { .. })
        ));
        assert!(matches!(
            broken(
                r#""reference_month": "1988-04""#,
                r#""reference_month": "1988-4""#
            ),
            Err(RulesError::Malformed { .. })
        ));
        assert!(matches!(
            RuleSets::parse("{}"),
            Err(RulesError::Malformed { .. })
        ));
        assert!(matches!(
            RuleSets::parse("not json"),
            Err(RulesError::Malformed { .. })
        ));
    }

    #[test]
    fn an_empty_file_is_refused() {
        let empty = r#"{"schema_version": 1, "valid_from": "2026-01-01", "updated": "2026-01-01", "rule_sets": []}"#;
        assert_eq!(RuleSets::parse(empty), Err(RulesError::Empty));
    }

    #[test]
    fn every_error_has_a_ranking_key_and_a_text() {
        let e = RulesError::NegativeCap {
            rule_set: "er-art16".into(),
            param: "isee/max_points",
        };
        let m = e.message();
        assert_eq!(m.key, "ranking.error.negative_cap");
        let text = m.render(&|k| match k {
            "ranking.error.negative_cap" => "{rule_set}: {param} < 0".to_string(),
            other => other.to_string(),
        });
        assert_eq!(text, "er-art16: isee/max_points < 0");
        assert!(e.to_string().contains("isee/max_points"));
    }

    #[test]
    fn months_of_the_year() {
        assert_eq!(
            YearMonth::parse("1988-04"),
            Some(YearMonth {
                year: 1988,
                month: 4
            })
        );
        for bad in [
            "1988-4",
            "1988-13",
            "88-04",
            "1988/04",
            "1988-04-01",
            "abcd-ef",
        ] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        let apr = YearMonth::parse("1988-04").unwrap();
        let d = Date::new(2020, 3, 15).unwrap();
        assert_eq!(YearMonth::of(d).index() - apr.index(), 383);
        assert_eq!(apr.format_it(), "04/1988");
    }
}
