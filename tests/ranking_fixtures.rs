//! The worked ranking examples in `tests/fixtures/ranking/`: each file is one
//! case, its expected scores and ranks worked out by hand from the rules
//! (docs/ranking.md, "Adding a fixture"). Every failing file is reported by
//! name, with every difference.

use serde::Deserialize;
use sportello_lavoro::domain::ranking::{
    rank, Applicant, Notice, RuleSets, RulesError, RULES_JSON,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Expected {
    id: String,
    #[serde(default)]
    score: Option<f64>,
    rank: u32,
    /// Optional: the tie-breaker that put this applicant after the one just
    /// above, by its name in the rules file, or "none".
    #[serde(default)]
    tie_break: Option<String>,
}

/// Unknown top-level fields ("why") are ignored.
#[derive(Deserialize)]
struct Fixture {
    rule_set: String,
    notice: Notice,
    applicants: Vec<Applicant>,
    expected: Vec<Expected>,
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ranking")
}

/// The problems of one fixture, empty if it passes.
fn check(rules: &RuleSets, text: &str) -> Vec<String> {
    let f: Fixture = match serde_json::from_str(text) {
        Ok(f) => f,
        Err(e) => return vec![format!("not a fixture: {e}")],
    };
    let Some(set) = rules.rule_set_on(&f.rule_set, f.notice.publication_date) else {
        return vec![format!(
            "no rule set \"{}\" in force on {}",
            f.rule_set, f.notice.publication_date
        )];
    };
    let mut problems = Vec::new();
    let ids: BTreeSet<&str> = f.applicants.iter().map(|a| a.id.as_str()).collect();
    if ids.len() != f.applicants.len() {
        problems.push("two applicants with the same id".to_string());
    }
    if f.applicants.is_empty() {
        problems.push("no applicants".to_string());
    }
    let expected_ids: BTreeSet<&str> = f.expected.iter().map(|e| e.id.as_str()).collect();
    if expected_ids != ids || f.expected.len() != f.applicants.len() {
        problems.push(format!(
            "expected must list every applicant once: applicants {ids:?}, expected {expected_ids:?}"
        ));
    }
    let ranked = rank(set, &f.notice, &f.applicants);
    for e in &f.expected {
        let Some(got) = ranked.iter().find(|r| r.id == e.id) else {
            continue;
        };
        if let Some(score) = e.score {
            if (got.score - score).abs() > 0.001 {
                problems.push(format!("{}: score {} expected {}", e.id, got.score, score));
            }
        }
        if got.rank != e.rank {
            problems.push(format!("{}: rank {} expected {}", e.id, got.rank, e.rank));
        }
        if let Some(want) = &e.tie_break {
            let got_name = got.tie_break.map_or("none", |t| t.name());
            if got_name != want {
                problems.push(format!("{}: tie-break {got_name} expected {want}", e.id));
            }
        }
    }
    // The listed order must be the ranking order (it is the order shown).
    let got_order: Vec<&str> = ranked.iter().map(|r| r.id.as_str()).collect();
    let want_order: Vec<&str> = f.expected.iter().map(|e| e.id.as_str()).collect();
    if problems.is_empty() && got_order != want_order {
        problems.push(format!("order {got_order:?} expected {want_order:?}"));
    }
    problems
}

/// Run every `*.json` of `dir`: the number of files, or one line per
/// failure naming its file. A folder without fixtures fails.
fn run_dir(rules: &RuleSets, dir: &Path) -> Result<usize, Vec<String>> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| vec![format!("cannot read {}: {e}", dir.display())])?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(vec![format!("no *.json fixture in {}", dir.display())]);
    }
    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let problems = match std::fs::read_to_string(path) {
            Ok(text) => check(rules, &text),
            Err(e) => vec![format!("unreadable: {e}")],
        };
        failures.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
    }
    if failures.is_empty() {
        Ok(files.len())
    } else {
        Err(failures)
    }
}

/// A fresh empty folder under the system's temporary directory.
fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ranking-fixtures-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_fixture_gives_its_expected_scores_and_ranks() {
    let rules = RuleSets::load().unwrap();
    match run_dir(rules, &fixtures_dir()) {
        Ok(n) => assert!(n >= 30, "only {n} fixtures"),
        Err(failures) => panic!(
            "{} failing fixture check(s):\n{}",
            failures.len(),
            failures.join("\n")
        ),
    }
}

#[test]
fn every_rule_set_has_fixtures() {
    let rules = RuleSets::load().unwrap();
    let names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for id in rules.ids() {
        let n = names
            .iter()
            .filter(|f| f.strip_prefix(id).is_some_and(|rest| rest.starts_with('-')))
            .count();
        assert!(n >= 5, "{id}: only {n} fixtures");
    }
}

#[test]
fn an_empty_fixture_folder_fails() {
    let rules = RuleSets::load().unwrap();
    let dir = temp_dir("empty");
    std::fs::write(dir.join("notes.txt"), "not a fixture").unwrap();
    let result = run_dir(rules, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let failures = result.expect_err("a folder without fixtures must fail");
    assert!(failures[0].contains("no *.json fixture"), "{failures:?}");
    assert!(run_dir(rules, &fixtures_dir().join("does-not-exist")).is_err());
}

#[test]
fn a_wrong_expectation_fails_and_names_its_file() {
    let rules = RuleSets::load().unwrap();
    let dir = temp_dir("wrong");
    let good =
        std::fs::read_to_string(fixtures_dir().join("er-art16-01-brief-example.json")).unwrap();
    std::fs::write(dir.join("good.json"), &good).unwrap();
    // The brief's 88 leaves out the DID and the age bonus.
    std::fs::write(
        dir.join("wrong-score.json"),
        good.replace("\"score\": 95.0", "\"score\": 88.0"),
    )
    .unwrap();
    std::fs::write(
        dir.join("wrong-rank.json"),
        good.replace("\"rank\": 1", "\"rank\": 2"),
    )
    .unwrap();
    std::fs::write(
        dir.join("unknown-rule-set.json"),
        good.replace("\"er-art16\"", "\"veneto-art16\""),
    )
    .unwrap();
    std::fs::write(
        dir.join("wrong-tie-break.json"),
        good.replace(
            "\"rank\": 1}",
            "\"rank\": 1, \"tie_break\": \"younger_first\"}",
        ),
    )
    .unwrap();
    std::fs::write(dir.join("broken.json"), "{").unwrap();
    let result = run_dir(rules, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let failures = result.expect_err("wrong expectations must fail");
    let joined = failures.join("\n");
    assert!(
        joined.contains("wrong-score.json: A: score 95 expected 88"),
        "{joined}"
    );
    assert!(
        joined.contains("wrong-rank.json: A: rank 1 expected 2"),
        "{joined}"
    );
    assert!(
        joined.contains("unknown-rule-set.json: no rule set"),
        "{joined}"
    );
    assert!(joined.contains("broken.json: not a fixture"), "{joined}");
    assert!(
        joined.contains("wrong-tie-break.json: A: tie-break none expected younger_first"),
        "{joined}"
    );
    assert!(!joined.contains("good.json"), "{joined}");
}

#[test]
fn the_rules_file_refuses_broken_parameters_with_their_kind() {
    let broken = |from: &str, to: &str| {
        assert!(RULES_JSON.contains(from), "the rules file lacks {from:?}");
        RuleSets::parse(&RULES_JSON.replacen(from, to, 1))
    };
    assert!(RuleSets::parse(RULES_JSON).is_ok());
    assert_eq!(
        broken("\"max_points\": 72", "\"max_points\": -72"),
        Err(RulesError::NegativeCap {
            rule_set: "er-l68-avviso".into(),
            param: "enrolment_months/max_points"
        })
    );
    assert_eq!(
        broken(
            "\"order\": [\"younger_first\", \"more_family_points\", \"longer_unemployment\"]",
            "\"order\": [\"younger_first\", \"more_family_points\", \"longest_unemployment\"]"
        ),
        Err(RulesError::UnknownTieBreaker {
            rule_set: "campania-art16".into(),
            name: "longest_unemployment".into()
        })
    );
    assert_eq!(
        broken("\"step_eur\": 516.45", "\"step_eur\": 516.455"),
        Err(RulesError::NotExact {
            rule_set: "l68-classic".into(),
            param: "income/step_eur"
        })
    );
    let e = broken("\"max_points\": 100", "\"max_points\": -100").unwrap_err();
    assert_eq!(e.message().key, "ranking.error.negative_cap");
    assert!(e.to_string().contains("lombardia-art16"), "{e}");
}
