//! The ranking of a notice: applicants ordered by score (highest first, or
//! lowest first for the L. 68 classic list), ties broken by the rule set's
//! tie-breakers in their order.
//!
//! Applicants equal on the score and on every tie-breaker share a rank
//! ("1, 1, 3"): no source gives a further criterion, and ordering by an
//! internal id would decide a job by chance. They are listed by id, for a
//! stable display only.

use super::rules::{RuleSet, TieBreak};
use super::score::{score, Applicant, Notice, Scored};
use crate::domain::date::Date;
use std::cmp::Ordering;

/// One applicant's place.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub id: String,
    pub score: f64,
    /// 1 = first. Shared by applicants equal on everything.
    pub rank: u32,
    /// The tie-breaker that put this applicant after the one just above
    /// with the same score; `None` when the scores differ, for the first,
    /// and when the two share the rank.
    pub tie_break: Option<TieBreak>,
}

struct Entry<'a> {
    applicant: &'a Applicant,
    scored: Scored,
}

/// `Some` dates first, the later first.
fn later_first(a: Option<Date>, b: Option<Date>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// `Some` dates first, the earlier first.
fn earlier_first(a: Option<Date>, b: Option<Date>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn by_tie_break(t: TieBreak, a: &Entry<'_>, b: &Entry<'_>) -> Ordering {
    match t {
        TieBreak::YoungerFirst => later_first(a.applicant.birth_date, b.applicant.birth_date),
        TieBreak::MoreFamilyPoints => b.scored.family_milli().cmp(&a.scored.family_milli()),
        TieBreak::LongerUnemployment => b
            .applicant
            .unemployment_months
            .cmp(&a.applicant.unemployment_months),
        TieBreak::EarlierEnrolment => {
            earlier_first(a.applicant.enrolment_date, b.applicant.enrolment_date)
        }
    }
}

fn by_score(rules: &RuleSet, a: &Entry<'_>, b: &Entry<'_>) -> Ordering {
    let (x, y) = (a.scored.total_milli(), b.scored.total_milli());
    if rules.lower_is_better {
        x.cmp(&y)
    } else {
        y.cmp(&x)
    }
}

/// The first tie-breaker that separates `a` and `b`, and how.
fn decided_by(rules: &RuleSet, a: &Entry<'_>, b: &Entry<'_>) -> Option<(TieBreak, Ordering)> {
    rules
        .tie_breakers
        .iter()
        .map(|t| (*t, by_tie_break(*t, a, b)))
        .find(|(_, o)| o.is_ne())
}

/// Rank `applicants` for `notice` under `rules`. The result is in ranking
/// order.
pub fn rank(rules: &RuleSet, notice: &Notice, applicants: &[Applicant]) -> Vec<Ranked> {
    let mut entries: Vec<Entry<'_>> = applicants
        .iter()
        .map(|applicant| Entry {
            applicant,
            scored: score(rules, notice, applicant),
        })
        .collect();
    entries.sort_by(|a, b| {
        by_score(rules, a, b)
            .then_with(|| decided_by(rules, a, b).map_or(Ordering::Equal, |(_, o)| o))
            .then_with(|| a.applicant.id.cmp(&b.applicant.id))
    });
    let mut out: Vec<Ranked> = Vec::with_capacity(entries.len());
    let mut previous: Option<&Entry<'_>> = None;
    for (i, e) in entries.iter().enumerate() {
        let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let (rank, tie_break) = match (previous, out.last()) {
            (Some(p), Some(last)) if by_score(rules, p, e).is_eq() => {
                match decided_by(rules, p, e) {
                    Some((t, _)) => (position, Some(t)),
                    None => (last.rank, None),
                }
            }
            _ => (position, None),
        };
        out.push(Ranked {
            id: e.applicant.id.clone(),
            score: e.scored.total,
            rank,
            tie_break,
        });
        previous = Some(e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::rules::RuleSets;
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn notice() -> Notice {
        Notice {
            publication_date: d(2026, 3, 2),
            deadline: d(2026, 3, 16),
        }
    }

    fn person(id: &str, birth: Date, isee: Option<f64>) -> Applicant {
        Applicant {
            birth_date: Some(birth),
            isee,
            ..Applicant::new(id)
        }
    }

    fn view(r: &[Ranked]) -> Vec<(&str, u32, Option<TieBreak>)> {
        r.iter()
            .map(|x| (x.id.as_str(), x.rank, x.tie_break))
            .collect()
    }

    #[test]
    fn highest_first_then_younger_then_shared() {
        let rules = RuleSets::load().unwrap().rule_set("er-art16").unwrap();
        let people = [
            person("old", d(1995, 1, 1), Some(5_000.0)),
            person("young", d(1996, 1, 1), Some(5_000.0)),
            person("twin-b", d(1994, 1, 1), Some(5_000.0)),
            person("twin-a", d(1994, 1, 1), Some(5_000.0)),
            person("best", d(1990, 1, 1), Some(0.0)),
            person("nobirth", d(1990, 1, 1), Some(5_000.0)),
        ];
        let mut people = people.to_vec();
        people[5].birth_date = None;
        let r = rank(rules, &notice(), &people);
        assert_eq!(
            view(&r),
            [
                ("best", 1, None),
                ("young", 2, None),
                ("old", 3, Some(TieBreak::YoungerFirst)),
                ("twin-a", 4, Some(TieBreak::YoungerFirst)),
                ("twin-b", 4, None),
                ("nobirth", 6, Some(TieBreak::YoungerFirst)),
            ]
        );
        assert_eq!(r[0].score, 100.0);
        assert_eq!(r[1].score, 95.0);
    }

    #[test]
    fn lowest_first_for_the_classic_list() {
        let rules = RuleSets::load().unwrap().rule_set("l68-classic").unwrap();
        let mut a = person("A", d(1980, 1, 1), None);
        a.enrolment_date = Some(d(2020, 3, 15));
        let mut b = person("B", d(1980, 1, 1), None);
        b.enrolment_date = Some(d(2010, 1, 20));
        let r = rank(rules, &notice(), &[a, b]);
        assert_eq!(view(&r), [("B", 1, None), ("A", 2, None)]);
        assert_eq!((r[0].score, r[1].score), (1261.0, 1383.0));
    }

    #[test]
    fn nobody_to_rank() {
        let rules = RuleSets::load().unwrap().rule_set("er-art16").unwrap();
        assert!(rank(rules, &notice(), &[]).is_empty());
    }
}
