//! The demo identity provider's citizens (tools/demo-server/citizens.json)
//! are real-looking people: each codice fiscale is valid against the real
//! Belfiore list and agrees with the names and birth data the provider
//! returns, and the app reads each of them as `GET /me` would send it.

use sportello_lavoro::domain::codice_fiscale::{check_consistency, validate, CfKind, PersonInput};
use sportello_lavoro::domain::comuni::BelfioreIndex;
use sportello_lavoro::domain::date::Date;
use sportello_lavoro::domain::identity::parse_me;

fn read(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

#[test]
fn every_demo_citizen_is_consistent_and_readable() {
    let belfiore = BelfioreIndex::from_json(&read("public/data/belfiore.json")).unwrap();
    let citizens: Vec<serde_json::Value> =
        serde_json::from_str(&read("tools/demo-server/citizens.json")).unwrap();
    assert!(citizens.len() >= 4, "a few people to choose from");
    let today = Date::new(2026, 12, 2).unwrap();
    let mut partial = 0;
    for c in &citizens {
        let id = c["id"].as_str().unwrap();
        let mut person = c.clone();
        let obj = person.as_object_mut().unwrap();
        for extra in ["id", "birth_place"] {
            obj.remove(extra);
        }
        let me = serde_json::json!({"person": person, "provider": "spid", "expires_at": "2026-12-02T22:00:00.000Z"});
        let identity = parse_me(&me.to_string(), today).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        let p = identity.person;
        if p.birth_date.is_none() {
            partial += 1;
        }
        let cf = validate(&p.codice_fiscale, today, &belfiore)
            .unwrap_or_else(|e| panic!("{id}: {} is not valid: {e}", p.codice_fiscale));
        let CfKind::Personal(decoded) = &cf.kind else {
            panic!("{id}: a personal code")
        };
        let input = PersonInput {
            surname: p.family_name.clone(),
            name: p.given_name.clone(),
            sex: p.sex,
            birth_date: p.birth_date,
            birthplace_code: p.birth_place_code.clone(),
        };
        assert_eq!(check_consistency(decoded, &input), vec![], "{id}");
    }
    assert!(
        partial >= 1,
        "one identity without birth data, typed by hand in the DID"
    );
}
