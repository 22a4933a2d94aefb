//! The demo rankings (public/data/graduatorie.json) are the engine's: for
//! each one, the applicants in tests/fixtures/ranking/demo-<avviso_id>.json
//! ranked with the notice's rule set give the published protocols, scores
//! and ranks, in order.

use sportello_lavoro::domain::avvisi::{Avviso, Graduatoria};
use sportello_lavoro::domain::feed::{decode, FeedKind};
use sportello_lavoro::domain::ranking::{rank, Applicant, Notice, RuleSets};

#[derive(serde::Deserialize)]
struct Case {
    rule_set: String,
    notice: Notice,
    applicants: Vec<Applicant>,
}

#[test]
fn every_demo_ranking_is_reproduced_by_the_engine() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/");
    let avvisi = decode::<Avviso>(
        FeedKind::Avvisi,
        &std::fs::read_to_string(format!("{dir}avvisi.json")).unwrap(),
    )
    .unwrap()
    .items;
    let rankings = decode::<Graduatoria>(
        FeedKind::Graduatorie,
        &std::fs::read_to_string(format!("{dir}graduatorie.json")).unwrap(),
    )
    .unwrap()
    .items;
    assert!(!rankings.is_empty(), "the demo has rankings to check");
    let rules = RuleSets::load().unwrap();
    for g in &rankings {
        let a = avvisi.iter().find(|a| a.id == g.avviso_id).unwrap();
        let path = format!(
            "{}/tests/fixtures/ranking/demo-{}.json",
            env!("CARGO_MANIFEST_DIR"),
            g.avviso_id
        );
        let case: Case = serde_json::from_str(
            &std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} is missing")),
        )
        .unwrap();
        assert_eq!(case.rule_set, a.rule_set, "{path}: the notice's rule set");
        assert_eq!(case.notice.publication_date.to_string(), a.published);
        assert_eq!(case.notice.deadline.to_string(), a.deadline);
        let set = rules.rule_set(&a.rule_set).unwrap();
        let ranked = rank(set, &case.notice, &case.applicants);
        let got: Vec<(String, f64, u32)> = ranked
            .iter()
            .map(|r| (r.id.clone(), r.score, r.rank))
            .collect();
        let published: Vec<(String, f64, u32)> = g
            .entries
            .iter()
            .map(|e| (e.protocol.clone(), e.score, e.rank))
            .collect();
        assert_eq!(got, published, "{}", g.avviso_id);
    }
}
