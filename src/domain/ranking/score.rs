//! One applicant's score under a rule set, line by line, so the person can
//! see where each point comes from. Computed in integers: euro in cents,
//! points in thousandths (the rules file is checked to be exact in those
//! units), so the ISEE rounding rule and ties are exact.

use super::rules::{cents, milli, NoticeDate, RuleSet, YearMonth};
use crate::domain::date::{age_on, Date};
use crate::domain::message::Msg;
use chrono::{Datelike, Months};
use serde::{Deserialize, Serialize};

/// A disability without a percent (ER collocamento mirato notices).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Cieco totale, art. 2 L. 138/2001.
    BlindTotal,
    /// Cieco parziale, art. 3 L. 138/2001.
    BlindPartial,
    /// Sordo, L. 381/1970 as amended by L. 95/2006.
    Deaf,
}

impl Category {
    pub fn key(self) -> &'static str {
        match self {
            Category::BlindTotal => "ranking.category.blind_total",
            Category::BlindPartial => "ranking.category.blind_partial",
            Category::Deaf => "ranking.category.deaf",
        }
    }
}

/// What an applicant declared. Field names are those of the fixtures
/// (`tests/fixtures/ranking/`); unknown fields are refused, so a misspelt
/// one is not silently read as "not given".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    pub id: String,
    pub birth_date: Option<Date>,
    /// Euro; `None`: no valid ISEE (none, a DSU only, or one with
    /// irregularities). A negative or non-finite amount is not a valid ISEE.
    pub isee: Option<f64>,
    pub did_date: Option<Date>,
    /// All dependants, including the disabled ones.
    pub dependants: u32,
    /// How many of the dependants have a disability over the rule set's
    /// percent (65% in Campania).
    pub dependants_disabled: u32,
    pub unemployment_months: u32,
    /// Civil or work invalidity percent (L. 68/1999).
    pub invalidity_percent: Option<u8>,
    /// Enrolment in the collocamento mirato list.
    pub enrolment_date: Option<Date>,
    /// Gross personal income, euro (L. 68 classic list).
    pub personal_income: Option<f64>,
    /// A disability without a percent; optional in the fixtures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disability_category: Option<Category>,
}

/// Data an applicant gave that the score cannot use as given; [`score`]
/// reads it as documented on each kind.
#[derive(Clone, Debug, PartialEq)]
pub enum ApplicantProblem {
    /// Counted as "no valid ISEE".
    IseeNotValid,
    /// Counted as "no income given".
    IncomeNotValid,
    /// Counted as 100%.
    InvalidityOver100 {
        percent: u8,
    },
    /// The disabled dependants are dependants too: counted as `disabled`
    /// dependants, all of them disabled.
    MoreDisabledThanDependants {
        dependants: u32,
        disabled: u32,
    },
    EmptyId,
}

impl ApplicantProblem {
    pub fn message(&self) -> Msg {
        match self {
            ApplicantProblem::IseeNotValid => Msg::new("ranking.applicant.isee_not_valid"),
            ApplicantProblem::IncomeNotValid => Msg::new("ranking.applicant.income_not_valid"),
            ApplicantProblem::InvalidityOver100 { percent } => {
                Msg::new("ranking.applicant.invalidity_over_100")
                    .text("percent", percent.to_string())
            }
            ApplicantProblem::MoreDisabledThanDependants {
                dependants,
                disabled,
            } => Msg::new("ranking.applicant.more_disabled_than_dependants")
                .text("dependants", dependants.to_string())
                .text("disabled", disabled.to_string()),
            ApplicantProblem::EmptyId => Msg::new("ranking.applicant.empty_id"),
        }
    }
}

impl Applicant {
    /// An applicant who gave nothing but an id (a base to fill in).
    pub fn new(id: &str) -> Applicant {
        Applicant {
            id: id.to_string(),
            birth_date: None,
            isee: None,
            did_date: None,
            dependants: 0,
            dependants_disabled: 0,
            unemployment_months: 0,
            invalidity_percent: None,
            enrolment_date: None,
            personal_income: None,
            disability_category: None,
        }
    }

    /// What the form should point out before ranking.
    pub fn problems(&self) -> Vec<ApplicantProblem> {
        let mut out = Vec::new();
        if self.id.trim().is_empty() {
            out.push(ApplicantProblem::EmptyId);
        }
        if self.isee.is_some_and(|x| !(x.is_finite() && x >= 0.0)) {
            out.push(ApplicantProblem::IseeNotValid);
        }
        if self
            .personal_income
            .is_some_and(|x| !(x.is_finite() && x >= 0.0))
        {
            out.push(ApplicantProblem::IncomeNotValid);
        }
        if let Some(p) = self.invalidity_percent.filter(|p| *p > 100) {
            out.push(ApplicantProblem::InvalidityOver100 { percent: p });
        }
        if self.dependants_disabled > self.dependants {
            out.push(ApplicantProblem::MoreDisabledThanDependants {
                dependants: self.dependants,
                disabled: self.dependants_disabled,
            });
        }
        out
    }
}

/// The dates of a notice (avviso pubblico) the rules are computed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub publication_date: Date,
    pub deadline: Date,
}

impl Notice {
    pub fn date(&self, which: NoticeDate) -> Date {
        match which {
            NoticeDate::PublicationDate => self.publication_date,
            NoticeDate::Deadline => self.deadline,
        }
    }
}

/// What a line of the breakdown counts, with the data its message shows.
#[derive(Clone, Debug, PartialEq)]
pub enum LineKind {
    /// The starting score.
    Base,
    /// ISEE in steps. `below_eur`: the ISEE is under the amount below which
    /// nothing is deducted (the steps are then 0).
    Isee {
        isee: f64,
        step_eur: f64,
        steps: u64,
        capped: bool,
        below_eur: Option<f64>,
    },
    /// No valid ISEE.
    NoIsee,
    /// A DID dated before the notice's date.
    Did {
        did_date: Date,
        reference: NoticeDate,
        reference_date: Date,
    },
    /// A DID on or after the notice's date: no points.
    DidNotBefore {
        did_date: Date,
        reference: NoticeDate,
        reference_date: Date,
    },
    DidMissing,
    /// Full years at the notice's date.
    Age {
        age: i32,
        reference: NoticeDate,
        reference_date: Date,
    },
    AgeUnknown,
    /// `n` dependants, `disabled` of them over `over_percent` (when the rule
    /// set counts them apart).
    Dependants {
        n: u32,
        disabled: u32,
        over_percent: Option<u8>,
        capped: bool,
    },
    Unemployment {
        months: u32,
        capped: bool,
    },
    /// Complete months of enrolment at the notice's date.
    EnrolmentMonths {
        months: u32,
        reference: NoticeDate,
        reference_date: Date,
        capped: bool,
    },
    /// Calendar months between the enrolment and the reference month.
    EnrolmentReference {
        enrolment_date: Date,
        reference_month: YearMonth,
        months: u32,
        before: bool,
    },
    EnrolmentUnknown,
    /// Income over the free amount: `steps` complete further steps.
    Income {
        income: f64,
        free_up_to_eur: f64,
        step_eur: f64,
        steps: u64,
    },
    /// Income up to the free amount.
    IncomeFree {
        income: f64,
        free_up_to_eur: f64,
    },
    IncomeUnknown,
    Invalidity {
        percent: u8,
    },
    /// A disability without a percent, counted as `percent`.
    InvalidityCategory {
        category: Category,
        percent: u8,
    },
    InvalidityUnknown,
}

/// One line of the breakdown. The lines' points add up to the total.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreLine {
    pub kind: LineKind,
    pub points: f64,
    /// The rule behind the line is marked unverified in the rules file.
    pub unverified: bool,
    milli: i64,
}

/// A score and how it was reached.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    pub total: f64,
    pub lines: Vec<ScoreLine>,
    total_milli: i64,
}

impl Scored {
    /// The total in thousandths of a point: exact, for comparisons.
    pub fn total_milli(&self) -> i64 {
        self.total_milli
    }

    /// The points of the dependants line (0 without one), in thousandths.
    pub(super) fn family_milli(&self) -> i64 {
        self.lines
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Dependants { .. }))
            .map(|l| l.milli)
            .sum()
    }
}

/// Points as shown: "+5", "−12", "+2,5", "0", "1.000" for a base (no
/// sign). Italian decimal comma; thousands with a dot.
pub fn format_points(milli: i64, signed: bool) -> String {
    let sign = match milli.signum() {
        1 if signed => "+",
        -1 => "\u{2212}",
        _ => "",
    };
    let abs = milli.unsigned_abs();
    let mut out = format!("{sign}{}", group_thousands(abs / 1000));
    let frac = abs % 1000;
    if frac != 0 {
        out.push(',');
        out.push_str(format!("{frac:03}").trim_end_matches('0'));
    }
    out
}

/// Euro as shown, without the symbol: "12.500", "12.500,01".
pub fn format_eur(eur: f64) -> String {
    let c = cents(eur).unsigned_abs();
    let mut out = group_thousands(c / 100);
    if !c.is_multiple_of(100) {
        out.push_str(&format!(",{:02}", c % 100));
    }
    out
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

impl ScoreLine {
    /// The line's points in thousandths.
    pub fn points_milli(&self) -> i64 {
        self.milli
    }

    /// The line in words: a `ranking.line.*` key; `{points}` is signed
    /// ("+5", "−12"), amounts and dates in Italian format.
    pub fn message(&self) -> Msg {
        let points = format_points(self.milli, !matches!(self.kind, LineKind::Base));
        let msg = |key: &'static str| Msg::new(key);
        let with_ref = |key: &'static str, reference: NoticeDate, date: Date| {
            msg(key)
                .key_arg("reference", reference.key())
                .text("reference_date", date.format_it())
        };
        let m = match &self.kind {
            LineKind::Base => msg("ranking.line.base"),
            LineKind::Isee {
                isee,
                below_eur: Some(below),
                ..
            } => msg("ranking.line.isee_below")
                .text("isee", format_eur(*isee))
                .text("threshold", format_eur(*below)),
            LineKind::Isee {
                isee,
                step_eur,
                steps,
                capped,
                below_eur: None,
            } => msg(if *capped {
                "ranking.line.isee_capped"
            } else {
                "ranking.line.isee"
            })
            .text("isee", format_eur(*isee))
            .text("steps", steps.to_string())
            .text("step", format_eur(*step_eur)),
            LineKind::NoIsee => msg("ranking.line.no_isee"),
            LineKind::Did {
                did_date,
                reference,
                reference_date,
            } => with_ref("ranking.line.did", *reference, *reference_date)
                .text("date", did_date.format_it()),
            LineKind::DidNotBefore {
                did_date,
                reference,
                reference_date,
            } => with_ref("ranking.line.did_not_before", *reference, *reference_date)
                .text("date", did_date.format_it()),
            LineKind::DidMissing => msg("ranking.line.did_missing"),
            LineKind::Age {
                age,
                reference,
                reference_date,
            } => with_ref("ranking.line.age", *reference, *reference_date)
                .text("age", age.to_string()),
            LineKind::AgeUnknown => msg("ranking.line.age_unknown"),
            LineKind::Dependants {
                n,
                disabled,
                over_percent,
                capped,
            } => {
                let key = match (over_percent, capped) {
                    _ if *n == 0 => "ranking.line.dependants_none",
                    (_, true) => "ranking.line.dependants_capped",
                    (Some(_), false) if *disabled > 0 => "ranking.line.dependants_disabled",
                    _ => "ranking.line.dependants",
                };
                msg(key)
                    .text("n", n.to_string())
                    .text("disabled", disabled.to_string())
                    .text("percent", over_percent.unwrap_or_default().to_string())
            }
            LineKind::Unemployment { months, capped } => msg(if *capped {
                "ranking.line.unemployment_capped"
            } else {
                "ranking.line.unemployment"
            })
            .text("months", months.to_string()),
            LineKind::EnrolmentMonths {
                months,
                reference,
                reference_date,
                capped,
            } => with_ref(
                if *capped {
                    "ranking.line.enrolment_capped"
                } else {
                    "ranking.line.enrolment"
                },
                *reference,
                *reference_date,
            )
            .text("months", months.to_string()),
            LineKind::EnrolmentReference {
                enrolment_date,
                reference_month,
                months,
                before,
            } => msg(if *before {
                "ranking.line.enrolment_before"
            } else {
                "ranking.line.enrolment_after"
            })
            .text("date", enrolment_date.format_it())
            .text("months", months.to_string())
            .text("reference_month", reference_month.format_it()),
            LineKind::EnrolmentUnknown => msg("ranking.line.enrolment_unknown"),
            LineKind::Income {
                income,
                free_up_to_eur,
                step_eur,
                steps,
            } => msg("ranking.line.income")
                .text("income", format_eur(*income))
                .text("free", format_eur(*free_up_to_eur))
                .text("step", format_eur(*step_eur))
                .text("steps", steps.to_string()),
            LineKind::IncomeFree {
                income,
                free_up_to_eur,
            } => msg("ranking.line.income_free")
                .text("income", format_eur(*income))
                .text("free", format_eur(*free_up_to_eur)),
            LineKind::IncomeUnknown => msg("ranking.line.income_unknown"),
            LineKind::Invalidity { percent } => {
                msg("ranking.line.invalidity").text("percent", percent.to_string())
            }
            LineKind::InvalidityCategory { category, percent } => {
                msg("ranking.line.invalidity_category")
                    .key_arg("category", category.key())
                    .text("percent", percent.to_string())
            }
            LineKind::InvalidityUnknown => msg("ranking.line.invalidity_unknown"),
        };
        m.text("points", points)
    }
}

/// Complete months from `from` to `to` (10 March to 10 April is one; 31
/// January to 28 February too, the month's end clamped); 0 if `to` is not
/// after `from`.
pub fn full_months(from: Date, to: Date) -> u32 {
    if to <= from {
        return 0;
    }
    let (f, t) = (from.to_naive(), to.to_naive());
    let mut m = i64::from(t.year() - f.year()) * 12 + i64::from(t.month()) - i64::from(f.month());
    while m > 0 {
        let fits = u32::try_from(m)
            .ok()
            .and_then(|n| f.checked_add_months(Months::new(n)))
            .is_some_and(|d| d <= t);
        if fits {
            break;
        }
        m -= 1;
    }
    u32::try_from(m.max(0)).unwrap_or(0)
}

/// Collects the lines and their points.
struct Lines(Vec<ScoreLine>);

impl Lines {
    fn push(&mut self, kind: LineKind, milli: i64, unverified: bool) {
        self.0.push(ScoreLine {
            kind,
            points: milli as f64 / 1000.0,
            unverified,
            milli,
        });
    }
}

/// `value` capped at `cap` in size (caps bound negative points too).
fn capped(value: i64, cap: Option<f64>) -> (i64, bool) {
    match cap.map(milli) {
        Some(c) if value.abs() > c => (c * value.signum(), true),
        _ => (value, false),
    }
}

/// A usable amount in cents: finite and not negative.
fn valid_cents(eur: Option<f64>) -> Option<i64> {
    eur.filter(|x| x.is_finite() && *x >= 0.0).map(cents)
}

/// One applicant's score under `rules` for `notice`, with every line. Never
/// fails: data the rules cannot use is read as described on
/// [`ApplicantProblem`].
pub fn score(rules: &RuleSet, notice: &Notice, a: &Applicant) -> Scored {
    let mut lines = Lines(Vec::new());
    let base = milli(rules.base);
    if base != 0 {
        lines.push(LineKind::Base, base, false);
    }

    if let Some(rule) = &rules.isee {
        match (valid_cents(a.isee), a.isee) {
            (Some(c), Some(isee)) => {
                let step = cents(rule.step_eur).max(1);
                let below = rule.no_deduction_below_eur.filter(|b| c < cents(*b));
                let steps = if below.is_some() {
                    0
                } else {
                    let over = rule.round_up_over_eur.is_some_and(|h| c % step > cents(h));
                    c / step + i64::from(over)
                };
                let deduction = steps.saturating_mul(milli(rule.points_per_step));
                let cap = milli(rule.max_points);
                let points = milli(rule.start_points) - deduction.min(cap);
                lines.push(
                    LineKind::Isee {
                        isee,
                        step_eur: rule.step_eur,
                        steps: u64::try_from(steps).unwrap_or(0),
                        capped: deduction > cap,
                        below_eur: below,
                    },
                    points,
                    rule.unverified,
                );
            }
            _ => {
                let (points, unverified) = rules
                    .no_isee
                    .as_ref()
                    .map_or((0, false), |n| (milli(n.points), n.unverified));
                lines.push(LineKind::NoIsee, points, unverified);
            }
        }
    }

    if let Some(rule) = &rules.did {
        let reference = rule.before;
        let reference_date = notice.date(reference);
        match a.did_date {
            Some(did_date) if did_date < reference_date => lines.push(
                LineKind::Did {
                    did_date,
                    reference,
                    reference_date,
                },
                milli(rule.points),
                rule.unverified,
            ),
            Some(did_date) => lines.push(
                LineKind::DidNotBefore {
                    did_date,
                    reference,
                    reference_date,
                },
                0,
                rule.unverified,
            ),
            None => lines.push(LineKind::DidMissing, 0, rule.unverified),
        }
    }

    if let Some(rule) = &rules.age {
        let reference_date = notice.date(rule.at);
        match a.birth_date {
            Some(birth) => {
                let age = age_on(birth, reference_date);
                let mut reached = rule
                    .bands
                    .iter()
                    .filter(|b| i64::from(age) >= i64::from(b.from_age));
                let points = if rule.cumulative {
                    reached.map(|b| milli(b.points)).sum()
                } else {
                    reached.next_back().map_or(0, |b| milli(b.points))
                };
                lines.push(
                    LineKind::Age {
                        age,
                        reference: rule.at,
                        reference_date,
                    },
                    points,
                    rule.unverified,
                );
            }
            None => lines.push(LineKind::AgeUnknown, 0, rule.unverified),
        }
    }

    if let Some(rule) = &rules.dependants {
        let n = a.dependants.max(a.dependants_disabled);
        let (disabled, each_disabled) = match rule.points_each_disabled {
            Some(p) => (a.dependants_disabled, milli(p)),
            None => (0, milli(rule.points_each)),
        };
        let raw =
            i64::from(n - disabled) * milli(rule.points_each) + i64::from(disabled) * each_disabled;
        let (points, was_capped) = capped(raw, rule.max_points);
        lines.push(
            LineKind::Dependants {
                n,
                disabled,
                over_percent: rule.points_each_disabled.and(rule.disabled_over_percent),
                capped: was_capped,
            },
            points,
            rule.unverified,
        );
    }

    if let Some(rule) = &rules.unemployment {
        let raw = i64::from(a.unemployment_months) * milli(rule.points_per_month);
        let (points, was_capped) = capped(raw, rule.max_points);
        lines.push(
            LineKind::Unemployment {
                months: a.unemployment_months,
                capped: was_capped,
            },
            points,
            rule.unverified,
        );
    }

    if let Some(rule) = &rules.enrolment_months {
        let reference_date = notice.date(rule.at);
        match a.enrolment_date {
            Some(enrolled) => {
                let months = full_months(enrolled, reference_date);
                let raw = i64::from(months) * milli(rule.points_per_month);
                let (points, was_capped) = capped(raw, rule.max_points);
                lines.push(
                    LineKind::EnrolmentMonths {
                        months,
                        reference: rule.at,
                        reference_date,
                        capped: was_capped,
                    },
                    points,
                    rule.unverified,
                );
            }
            None => lines.push(LineKind::EnrolmentUnknown, 0, rule.unverified),
        }
    }

    if let Some(rule) = &rules.enrolment_reference {
        match a.enrolment_date {
            Some(enrolment_date) => {
                let diff = YearMonth::of(enrolment_date).index() - rule.reference_month.index();
                let before = diff < 0;
                let per = milli(if before {
                    rule.points_per_month_before
                } else {
                    rule.points_per_month_after
                });
                lines.push(
                    LineKind::EnrolmentReference {
                        enrolment_date,
                        reference_month: rule.reference_month,
                        months: u32::try_from(diff.unsigned_abs()).unwrap_or(u32::MAX),
                        before,
                    },
                    diff.abs() * per,
                    rule.unverified,
                );
            }
            None => lines.push(LineKind::EnrolmentUnknown, 0, rule.unverified),
        }
    }

    if let Some(rule) = &rules.income {
        match (valid_cents(a.personal_income), a.personal_income) {
            (Some(c), Some(income)) => {
                let free = cents(rule.free_up_to_eur);
                if c <= free {
                    lines.push(
                        LineKind::IncomeFree {
                            income,
                            free_up_to_eur: rule.free_up_to_eur,
                        },
                        0,
                        rule.unverified,
                    );
                } else {
                    let steps = (c - free) / cents(rule.step_eur).max(1);
                    lines.push(
                        LineKind::Income {
                            income,
                            free_up_to_eur: rule.free_up_to_eur,
                            step_eur: rule.step_eur,
                            steps: u64::try_from(steps).unwrap_or(0),
                        },
                        milli(rule.points_over)
                            .saturating_add(steps.saturating_mul(milli(rule.points_per_step))),
                        rule.unverified,
                    );
                }
            }
            _ => lines.push(LineKind::IncomeUnknown, 0, rule.unverified),
        }
    }

    if let Some(rule) = &rules.invalidity {
        let from_percent = a.invalidity_percent.map(|p| p.min(100));
        let from_category = a
            .disability_category
            .and_then(|c| rule.category_percent.get(&c).map(|p| (c, *p)));
        let (kind, percent) = match (from_percent, from_category) {
            (Some(p), Some((_, cp))) if p >= cp => (LineKind::Invalidity { percent: p }, Some(p)),
            (_, Some((category, cp))) => (
                LineKind::InvalidityCategory {
                    category,
                    percent: cp,
                },
                Some(cp),
            ),
            (Some(p), None) => (LineKind::Invalidity { percent: p }, Some(p)),
            (None, None) => (LineKind::InvalidityUnknown, None),
        };
        let points = match (percent, rule.points_per_percent) {
            (None, _) => 0,
            (Some(p), Some(per)) => i64::from(p) * milli(per),
            (Some(p), None) => rule
                .bands
                .iter()
                .find(|b| (b.from_percent..=b.to_percent).contains(&p))
                .map_or(0, |b| milli(b.points)),
        };
        lines.push(kind, points, rule.unverified);
    }

    let lines = lines.0;
    let total_milli = lines.iter().map(|l| l.milli).sum();
    Scored {
        total: total_milli as f64 / 1000.0,
        lines,
        total_milli,
    }
}

#[cfg(test)]
mod tests {
    use super::super::rules::RuleSets;
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn rules(id: &str) -> &'static RuleSet {
        RuleSets::load().unwrap().rule_set(id).unwrap()
    }

    fn notice() -> Notice {
        Notice {
            publication_date: d(2026, 3, 2),
            deadline: d(2026, 3, 16),
        }
    }

    fn person() -> Applicant {
        Applicant {
            birth_date: Some(d(1990, 6, 15)),
            isee: Some(0.0),
            ..Applicant::new("A")
        }
    }

    fn isee_line(id: &str, isee: Option<f64>) -> ScoreLine {
        let a = Applicant { isee, ..person() };
        score(rules(id), &notice(), &a)
            .lines
            .into_iter()
            .find(|l| matches!(l.kind, LineKind::Isee { .. } | LineKind::NoIsee))
            .unwrap()
    }

    #[test]
    fn isee_rounding_is_exact_to_the_cent() {
        let steps = |isee: f64| match isee_line("er-art16", Some(isee)).kind {
            LineKind::Isee { steps, .. } => steps,
            other => panic!("{other:?}"),
        };
        assert_eq!(steps(12_500.0), 12);
        assert_eq!(steps(12_500.01), 13);
        // 0.1 + 0.2 style drift must not move a step.
        assert_eq!(steps(12_000.1 + 499.9), 12);
        assert_eq!(steps(1_000.0), 1);
        assert_eq!(steps(1_500.0), 1);
        assert_eq!(steps(1_500.01), 2);
        assert_eq!(steps(999.99), 0);
        assert_eq!(steps(800.0), 0, "not rounded up to 1,000");
        assert_eq!(isee_line("er-art16", Some(800.0)).points, 0.0);
        assert_eq!(isee_line("er-art16", Some(60_000.0)).points, -25.0);
        assert_eq!(isee_line("er-art16", None).points, -25.0);
        assert_eq!(isee_line("er-art16", Some(-5.0)).kind, LineKind::NoIsee);
        assert_eq!(isee_line("er-art16", Some(f64::NAN)).kind, LineKind::NoIsee);
        assert_eq!(isee_line("lombardia-art16", Some(150_000.0)).points, -100.0);
        assert_eq!(isee_line("er-l68-avviso", Some(499.99)).points, 25.0);
        assert_eq!(isee_line("er-l68-avviso", Some(500.0)).points, 24.5);
        assert_eq!(isee_line("er-l68-avviso", Some(40_000.0)).points, 0.0);
        assert_eq!(isee_line("er-l68-avviso", None).points, 0.0);
    }

    #[test]
    fn a_huge_isee_does_not_overflow() {
        assert_eq!(isee_line("er-art16", Some(1e300)).points, -25.0);
        assert_eq!(
            isee_line("er-art16", Some(f64::INFINITY)).kind,
            LineKind::NoIsee
        );
    }

    #[test]
    fn complete_months() {
        assert_eq!(full_months(d(2026, 3, 10), d(2026, 4, 10)), 1);
        assert_eq!(full_months(d(2026, 3, 10), d(2026, 4, 9)), 0);
        assert_eq!(full_months(d(2026, 1, 31), d(2026, 2, 28)), 1);
        assert_eq!(full_months(d(2023, 3, 16), d(2026, 3, 16)), 36);
        assert_eq!(full_months(d(2023, 3, 17), d(2026, 3, 16)), 35);
        assert_eq!(full_months(d(2026, 3, 16), d(2026, 3, 16)), 0);
        assert_eq!(full_months(d(2027, 1, 1), d(2026, 3, 16)), 0);
        assert_eq!(full_months(Date::MIN, Date::MAX), 119_987);
    }

    #[test]
    fn the_lines_add_up_and_say_what_they_count() {
        let a = Applicant {
            birth_date: Some(d(1976, 3, 2)),
            isee: Some(12_500.01),
            did_date: Some(d(2025, 1, 10)),
            ..person()
        };
        let s = score(rules("er-art16"), &notice(), &a);
        assert_eq!(s.total, 100.0 - 13.0 + 5.0 + 6.0);
        assert_eq!(s.total_milli(), 98_000);
        let kinds: Vec<_> = s.lines.iter().map(|l| l.message().key).collect();
        assert_eq!(
            kinds,
            [
                "ranking.line.base",
                "ranking.line.isee",
                "ranking.line.did",
                "ranking.line.age"
            ]
        );
        let sum: f64 = s.lines.iter().map(|l| l.points).sum();
        assert_eq!(sum, s.total);
    }

    #[test]
    fn messages_carry_their_arguments() {
        let a = Applicant {
            isee: Some(12_500.01),
            did_date: Some(d(2026, 3, 2)),
            ..person()
        };
        let s = score(rules("er-art16"), &notice(), &a);
        let tr = |k: &str| match k {
            "ranking.line.isee" => "ISEE {isee} € ({steps} × {step} €): {points}".to_string(),
            "ranking.line.did_not_before" => {
                "DID {date} ≥ {reference} {reference_date}: {points}".to_string()
            }
            "ranking.notice.publication_date" => "pubblicazione".to_string(),
            other => other.to_string(),
        };
        let texts: Vec<String> = s.lines.iter().map(|l| l.message().render(&tr)).collect();
        assert_eq!(texts[1], "ISEE 12.500,01 € (13 × 1.000 €): \u{2212}13");
        assert_eq!(texts[2], "DID 02/03/2026 ≥ pubblicazione 02/03/2026: 0");
        assert_eq!(s.lines[0].message().render(&|_| "{points}".into()), "100");
    }

    #[test]
    fn points_and_euro_formats() {
        assert_eq!(format_points(5000, true), "+5");
        assert_eq!(format_points(-12_000, true), "\u{2212}12");
        assert_eq!(format_points(2500, true), "+2,5");
        assert_eq!(format_points(3700, true), "+3,7");
        assert_eq!(format_points(0, true), "0");
        assert_eq!(format_points(1_000_000, false), "1.000");
        assert_eq!(format_points(-1_234_560, false), "\u{2212}1.234,56");
        assert_eq!(format_eur(12_500.0), "12.500");
        assert_eq!(format_eur(7_746.85), "7.746,85");
        assert_eq!(format_eur(0.5), "0,50");
    }

    #[test]
    fn dependants_count_the_disabled_among_them() {
        let line = |n, dis, id| {
            let a = Applicant {
                dependants: n,
                dependants_disabled: dis,
                ..person()
            };
            score(rules(id), &notice(), &a)
                .lines
                .into_iter()
                .find(|l| matches!(l.kind, LineKind::Dependants { .. }))
                .unwrap()
        };
        assert_eq!(line(2, 1, "campania-art16").points, 2.5);
        assert_eq!(line(3, 3, "campania-art16").points, 4.5);
        // More disabled than dependants: the disabled are the dependants.
        assert_eq!(line(0, 2, "campania-art16").points, 3.0);
        assert_eq!(line(3, 1, "l68-classic").points, -36.0);
        assert_eq!(
            line(2, 1, "campania-art16").message().key,
            "ranking.line.dependants_disabled"
        );
        assert_eq!(
            line(3, 1, "l68-classic").message().key,
            "ranking.line.dependants"
        );
        assert_eq!(
            line(0, 0, "campania-art16").message().key,
            "ranking.line.dependants_none"
        );
    }

    #[test]
    fn a_category_counts_unless_the_percent_is_higher() {
        let inv = |pct, cat| {
            let a = Applicant {
                invalidity_percent: pct,
                disability_category: cat,
                ..person()
            };
            score(rules("er-l68-avviso"), &notice(), &a)
                .lines
                .into_iter()
                .find(|l| {
                    matches!(
                        l.kind,
                        LineKind::Invalidity { .. }
                            | LineKind::InvalidityCategory { .. }
                            | LineKind::InvalidityUnknown
                    )
                })
                .unwrap()
        };
        assert_eq!(inv(None, Some(Category::BlindTotal)).points, 100.0);
        assert_eq!(inv(Some(60), Some(Category::Deaf)).points, 80.0);
        assert_eq!(inv(Some(90), Some(Category::Deaf)).points, 90.0);
        assert_eq!(inv(Some(120), None).points, 100.0);
        assert_eq!(inv(None, None).kind, LineKind::InvalidityUnknown);
        assert_eq!(
            inv(None, Some(Category::BlindPartial)).message().args[0],
            (
                "category",
                crate::domain::message::Arg::Key("ranking.category.blind_partial")
            )
        );
    }

    #[test]
    fn problems_are_reported() {
        let a = Applicant {
            id: " ".into(),
            isee: Some(-1.0),
            personal_income: Some(f64::NAN),
            invalidity_percent: Some(101),
            dependants: 1,
            dependants_disabled: 2,
            ..person()
        };
        let keys: Vec<_> = a.problems().iter().map(|p| p.message().key).collect();
        assert_eq!(
            keys,
            [
                "ranking.applicant.empty_id",
                "ranking.applicant.isee_not_valid",
                "ranking.applicant.income_not_valid",
                "ranking.applicant.invalidity_over_100",
                "ranking.applicant.more_disabled_than_dependants"
            ]
        );
        assert!(person().problems().is_empty());
    }

    #[test]
    fn applicants_read_the_fixture_format_and_refuse_typos() {
        let json = r#"{"id": "A", "birth_date": "1985-04-10", "isee": 12500.0, "did_date": "2025-01-10",
            "dependants": 0, "dependants_disabled": 0, "unemployment_months": 0,
            "invalidity_percent": null, "enrolment_date": null, "personal_income": null}"#;
        let a: Applicant = serde_json::from_str(json).unwrap();
        assert_eq!(a.isee, Some(12_500.0));
        assert_eq!(a.disability_category, None);
        let typo = json.replace("\"dependants\"", "\"dependents\"");
        assert!(serde_json::from_str::<Applicant>(&typo).is_err());
        let round = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Applicant>(&round).unwrap(), a);
    }
}
