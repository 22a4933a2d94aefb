//! Fixtures shared by the unit tests of the DID files.

use super::{rules, validate_step, Ctx, DidForm, Msg, Step};
use crate::domain::codice_fiscale::{BelfioreLookup, BelfioreRecord};
use crate::domain::comuni::{Comune, ComuniIndex};
use crate::domain::date::Date;
use crate::domain::offices::Office;
use crate::i18n::{render, Lang};

pub(super) fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

pub(super) fn it(m: &Msg) -> String {
    render(Lang::It, m)
}

pub(super) fn en(m: &Msg) -> String {
    render(Lang::En, m)
}

pub(super) struct Fake(Vec<BelfioreRecord>);
impl BelfioreLookup for Fake {
    fn records(&self, code: &str) -> Vec<BelfioreRecord> {
        self.0.iter().filter(|r| r.code == code).cloned().collect()
    }
}

fn rec(
    code: &str,
    name: &str,
    prov: Option<&str>,
    from: Option<Date>,
    to: Option<Date>,
) -> BelfioreRecord {
    BelfioreRecord {
        code: code.into(),
        name: name.into(),
        province: prov.map(str::to_string),
        valid_from: from,
        valid_to: to,
        foreign: code.starts_with('Z'),
    }
}

pub(super) fn fake() -> Fake {
    Fake(vec![
        rec("L219", "Torino", Some("TO"), Some(d(1889, 8, 12)), None),
        rec("A944", "Bologna", Some("BO"), Some(d(1861, 3, 17)), None),
        rec(
            "F838",
            "Nanto",
            Some("VI"),
            Some(d(1866, 11, 19)),
            Some(d(2026, 2, 20)),
        ),
        rec("Z110", "Francia", None, None, None),
    ])
}

pub(super) fn comuni() -> ComuniIndex {
    let c = |istat: &str, name: &str, p: &str, b: &str, cap: &[&str]| Comune {
        istat: istat.into(),
        name: name.into(),
        alt_name: None,
        province: p.into(),
        region: "Emilia-Romagna".into(),
        belfiore: b.into(),
        cap: cap.iter().map(|s| s.to_string()).collect(),
        lat: None,
        lon: None,
    };
    ComuniIndex::new(vec![
        c(
            "037006",
            "Bologna",
            "BO",
            "A944",
            &["40121", "40122", "40123", "40124", "40141"],
        ),
        c("037032", "Imola", "BO", "E289", &["40026"]),
        c("001272", "Torino", "TO", "L219", &["10121"]),
    ])
}

pub(super) fn offices() -> Vec<Office> {
    let text = r#"[
      {"id":"cpi-bologna","name":"Centro per l'Impiego di Bologna","comune":{"name":"Bologna","istat":"037006"},"province":"BO","address":"Via X 1","cap":"40121","serves":[{"name":"Bologna","istat":"037006","province":"BO"}]},
      {"id":"cpi-imola","name":"Centro per l'Impiego di Imola","comune":{"name":"Imola","istat":"037032"},"province":"BO","address":"Via Y 2","cap":"40026","serves":[{"name":"Imola","istat":"037032","province":"BO"}]}
    ]"#;
    serde_json::from_str(text).unwrap()
}

pub(super) fn today() -> Date {
    d(2026, 11, 23)
}

pub(super) fn good() -> DidForm {
    DidForm {
        naspi: "no".into(),
        codice_fiscale: "cccfba85d03l219p".into(),
        surname: "Caccamo".into(),
        name: "Fabio".into(),
        sex: "M".into(),
        birth_day: "3".into(),
        birth_month: "4".into(),
        birth_year: "1985".into(),
        birth_country: "italia".into(),
        birthplace_query: "Torino (TO)".into(),
        birthplace_code: "L219".into(),
        citizenship: "A02".into(),
        res_query: "Bologna (BO)".into(),
        res_istat: "037006".into(),
        res_cap: "40121".into(),
        res_address: "Via dell'Indipendenza 1".into(),
        email: "fabio@example.it".into(),
        situation: "non_occupato".into(),
        cpi_id: "cpi-bologna".into(),
        cpi_for: "037006".into(),
        cpi_confirmed: true,
        availability: "immediata".into(),
        decl_no_work: true,
        decl_informed: true,
        decl_no_other_did: true,
        decl_privacy: true,
        ..Default::default()
    }
}

pub(super) fn with_ctx<R>(f: impl FnOnce(&Ctx) -> R) -> R {
    let b = fake();
    let c = comuni();
    let o = offices();
    let ctx = Ctx {
        today: today(),
        rules: rules().unwrap(),
        belfiore: Some(&b),
        comuni: Some(&c),
        offices: Some(&o),
    };
    f(&ctx)
}

pub(super) fn messages(step: Step, form: &DidForm) -> Vec<(String, String)> {
    with_ctx(|ctx| {
        validate_step(step, form, ctx)
            .iter()
            .map(|i| (i.field.to_string(), it(&i.msg)))
            .collect()
    })
}

pub(super) fn has(step: Step, form: &DidForm, field: &str, text: &str) {
    let m = messages(step, form);
    assert!(
        m.iter().any(|(f, t)| f == field && t == text),
        "expected on {field}: {text}\ngot: {m:#?}"
    );
}
