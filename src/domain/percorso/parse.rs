//! Reading the body of `GET /api/v1/me/percorso`, with one error kind per
//! way it can be wrong, each with its `percorso.error.*` message. Dates,
//! date-times, counts and amounts are checked first, on the JSON tree, so
//! the error names the field ("appointments[0].start"); the shape (missing
//! fields, wrong types, values outside the contract's sets) is serde's; then
//! what ties fields together (an end after its start, ids used once).

use super::datetime::DateTime;
use super::model::{Percorso, TZ_ROME};
use crate::domain::date::Date;
use crate::domain::message::Msg;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt;

/// The only `schema_version` this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Why a body was refused. `field` is a path such as "patto.signed" or
/// "appointments[2].end"; `value` the text found there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PercorsoError {
    /// Not JSON, or not a JSON object.
    Json { detail: String },
    /// A `schema_version` other than [`SCHEMA_VERSION`] ("missing" if none).
    SchemaVersion { found: String },
    /// Not a real date "YYYY-MM-DD".
    BadDate { field: String, value: String },
    /// Not a real local date-time "YYYY-MM-DDTHH:MM:SS".
    BadDateTime { field: String, value: String },
    /// A commitment's count below zero.
    NegativeCount { field: String, value: String },
    /// An amount in euro that is negative or not a number, or a profiling
    /// index outside 0–1.
    BadNumber { field: String, value: String },
    /// An appointment that ends when or before it starts.
    EndNotAfterStart { id: String },
    /// An appointment in a zone other than Europe/Rome.
    TimeZone { id: String, tz: String },
    /// Two commitments, measures or appointments with the same id.
    DuplicateId { id: String },
    /// A field missing or of the wrong type, or a value the contract does
    /// not know (serde's text, for the log).
    Shape { detail: String },
}

impl PercorsoError {
    /// The message for the person: a `percorso.error.*` key.
    pub fn message(&self) -> Msg {
        match self {
            PercorsoError::Json { .. } => Msg::new("percorso.error.json"),
            PercorsoError::SchemaVersion { found } => Msg::new("percorso.error.schema_version")
                .text("found", found.clone())
                .text("supported", SCHEMA_VERSION.to_string()),
            PercorsoError::BadDate { field, value } => Msg::new("percorso.error.bad_date")
                .text("field", field.clone())
                .text("value", value.clone()),
            PercorsoError::BadDateTime { field, value } => Msg::new("percorso.error.bad_date_time")
                .text("field", field.clone())
                .text("value", value.clone()),
            PercorsoError::NegativeCount { field, value } => {
                Msg::new("percorso.error.negative_count")
                    .text("field", field.clone())
                    .text("value", value.clone())
            }
            PercorsoError::BadNumber { field, value } => Msg::new("percorso.error.bad_number")
                .text("field", field.clone())
                .text("value", value.clone()),
            PercorsoError::EndNotAfterStart { id } => {
                Msg::new("percorso.error.end_not_after_start").text("id", id.clone())
            }
            PercorsoError::TimeZone { id, tz } => Msg::new("percorso.error.time_zone")
                .text("id", id.clone())
                .text("tz", tz.clone()),
            PercorsoError::DuplicateId { id } => {
                Msg::new("percorso.error.duplicate_id").text("id", id.clone())
            }
            PercorsoError::Shape { .. } => Msg::new("percorso.error.shape"),
        }
    }
}

impl fmt::Display for PercorsoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PercorsoError::Json { detail } => write!(f, "not a JSON object: {detail}"),
            PercorsoError::SchemaVersion { found } => write!(
                f,
                "schema_version {found} (this build reads {SCHEMA_VERSION})"
            ),
            PercorsoError::BadDate { field, value } => write!(f, "{field}: not a date: {value}"),
            PercorsoError::BadDateTime { field, value } => {
                write!(f, "{field}: not a date-time: {value}")
            }
            PercorsoError::NegativeCount { field, value } => {
                write!(f, "{field}: negative count {value}")
            }
            PercorsoError::BadNumber { field, value } => {
                write!(f, "{field}: number out of range: {value}")
            }
            PercorsoError::EndNotAfterStart { id } => {
                write!(f, "appointment {id} ends when or before it starts")
            }
            PercorsoError::TimeZone { id, tz } => {
                write!(f, "appointment {id}: time zone {tz} (expected {TZ_ROME})")
            }
            PercorsoError::DuplicateId { id } => write!(f, "id {id} used twice"),
            PercorsoError::Shape { detail } => write!(f, "unexpected shape: {detail}"),
        }
    }
}

impl std::error::Error for PercorsoError {}

impl Percorso {
    /// Read and check a body of `GET /api/v1/me/percorso`.
    pub fn parse(json: &str) -> Result<Percorso, PercorsoError> {
        let root: Value = serde_json::from_str(json).map_err(|e| PercorsoError::Json {
            detail: e.to_string(),
        })?;
        if !root.is_object() {
            return Err(PercorsoError::Json {
                detail: "the body is not an object".into(),
            });
        }
        match root.get("schema_version") {
            Some(v) if v.as_u64() == Some(u64::from(SCHEMA_VERSION)) => {}
            Some(v) => {
                return Err(PercorsoError::SchemaVersion {
                    found: v.to_string(),
                })
            }
            None => {
                return Err(PercorsoError::SchemaVersion {
                    found: "missing".into(),
                })
            }
        }
        check_tree(&root)?;
        let percorso: Percorso =
            serde_json::from_value(root).map_err(|e| PercorsoError::Shape {
                detail: e.to_string(),
            })?;
        check_links(&percorso)?;
        Ok(percorso)
    }
}

/// The text of a JSON value for an error: a string as it is, anything else
/// as JSON.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The non-null value of `key`, if any (a missing required field is
/// serde's to report).
fn field<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key).filter(|x| !x.is_null())
}

fn items<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    field(v, key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

fn date_at(v: Option<&Value>, path: impl Fn() -> String) -> Result<(), PercorsoError> {
    let Some(v) = v else { return Ok(()) };
    match v.as_str().map(Date::parse) {
        Some(Ok(_)) => Ok(()),
        _ => Err(PercorsoError::BadDate {
            field: path(),
            value: shown(v),
        }),
    }
}

fn date_time_at(v: Option<&Value>, path: impl Fn() -> String) -> Result<(), PercorsoError> {
    let Some(v) = v else { return Ok(()) };
    match v.as_str().map(DateTime::parse) {
        Some(Ok(_)) => Ok(()),
        _ => Err(PercorsoError::BadDateTime {
            field: path(),
            value: shown(v),
        }),
    }
}

fn count_at(v: Option<&Value>, path: impl Fn() -> String) -> Result<(), PercorsoError> {
    match v.and_then(Value::as_f64) {
        Some(n) if n < 0.0 => Err(PercorsoError::NegativeCount {
            field: path(),
            value: shown(v.unwrap_or(&Value::Null)),
        }),
        _ => Ok(()),
    }
}

fn number_at(
    v: Option<&Value>,
    range: std::ops::RangeInclusive<f64>,
    path: impl Fn() -> String,
) -> Result<(), PercorsoError> {
    match v.and_then(Value::as_f64) {
        Some(n) if !range.contains(&n) => Err(PercorsoError::BadNumber {
            field: path(),
            value: shown(v.unwrap_or(&Value::Null)),
        }),
        _ => Ok(()),
    }
}

/// Dates, date-times, counts and amounts, each named by its path.
fn check_tree(root: &Value) -> Result<(), PercorsoError> {
    date_time_at(field(root, "generated_at"), || "generated_at".into())?;
    if let Some(p) = field(root, "patto") {
        date_at(field(p, "signed"), || "patto.signed".into())?;
        if let Some(prof) = field(p, "profilo_occupabilita") {
            number_at(field(prof, "index"), 0.0..=1.0, || {
                "patto.profilo_occupabilita.index".into()
            })?;
        }
        for (i, m) in items(p, "measures") {
            date_at(field(m, "due"), || format!("patto.measures[{i}].due"))?;
        }
        for (i, c) in items(p, "commitments") {
            count_at(field(c, "count"), || {
                format!("patto.commitments[{i}].count")
            })?;
        }
        if let Some(n) = field(p, "naspi") {
            number_at(field(n, "monthly_eur"), 0.0..=1e9, || {
                "patto.naspi.monthly_eur".into()
            })?;
            date_at(field(n, "since"), || "patto.naspi.since".into())?;
        }
    }
    for (i, a) in items(root, "appointments") {
        date_time_at(field(a, "start"), || format!("appointments[{i}].start"))?;
        date_time_at(field(a, "end"), || format!("appointments[{i}].end"))?;
    }
    for (i, c) in items(root, "checks") {
        date_at(field(c, "date"), || format!("checks[{i}].date"))?;
    }
    Ok(())
}

/// What ties fields together.
fn check_links(p: &Percorso) -> Result<(), PercorsoError> {
    let mut seen = BTreeSet::new();
    let ids = p
        .patto
        .iter()
        .flat_map(|pt| {
            pt.commitments
                .iter()
                .map(|c| &c.id)
                .chain(pt.measures.iter().map(|m| &m.id))
        })
        .chain(p.appointments.iter().map(|a| &a.id));
    for id in ids {
        if !seen.insert(id.as_str()) {
            return Err(PercorsoError::DuplicateId { id: id.clone() });
        }
    }
    for a in &p.appointments {
        if a.tz != TZ_ROME {
            return Err(PercorsoError::TimeZone {
                id: a.id.clone(),
                tz: a.tz.clone(),
            });
        }
        if a.end <= a.start {
            return Err(PercorsoError::EndNotAfterStart { id: a.id.clone() });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::model::*;
    use super::super::period::Period;
    use super::*;

    /// The example of docs/percorso-api.md, as written there.
    const DOC_EXAMPLE: &str = r#"{
  "schema_version": 1,
  "generated_at": "2026-12-03T09:00:00",
  "demo": true,
  "patto": {
    "id": "PATTO-2026-000123",
    "signed": "2026-10-05",
    "cpi_id": "cpi-bologna",
    "cpi_name": "Centro per l'Impiego di Bologna",
    "responsabile": {"name": "Laura Neri", "role": "Operatrice del CPI", "email": "percorso.bologna@example.it", "phone": "051 000000"},
    "profilo_occupabilita": {"index": 0.62, "class": "medio-alto"},
    "measures": [
      {"id": "M1", "service": "orientamento-specialistico", "title": "Orientamento specialistico", "due": "2026-12-20", "agreed": true, "status": "planned"}
    ],
    "commitments": [
      {"id": "C-APPS", "kind": "applications", "title": "Candidature a offerte di lavoro", "count": 3, "period": "month", "proof": "Per ogni candidatura indica data, azienda e canale; conserva la ricevuta."},
      {"id": "C-CONTACT", "kind": "contact", "title": "Contatto con il responsabile", "count": 1, "period": "two_months", "proof": "Colloquio, telefonata o messaggio tramite l'app."}
    ],
    "availability": [
      "Partecipare ai laboratori di orientamento e di ricerca del lavoro",
      "Partecipare a iniziative di formazione o riqualificazione",
      "Accettare offerte di lavoro congrue (art. 25 D.Lgs. 150/2015)"
    ],
    "naspi": {"monthly_eur": 1050.0, "since": "2026-09-01"}
  },
  "appointments": [
    {"id": "APP-2026-0041", "kind": "convocazione", "start": "2026-12-10T09:30:00", "end": "2026-12-10T10:00:00", "tz": "Europe/Rome",
     "channel": "in_presenza", "place": "Centro per l'Impiego di Bologna, Via Demo 1, 40121 Bologna", "purpose": "Colloquio di verifica del patto di servizio",
     "status": "scheduled"}
  ],
  "checks": [
    {"date": "2026-11-05", "kind": "convocazione", "outcome": "attended", "note": "Colloquio svolto."}
  ]
}"#;

    const FIXTURE: &str = include_str!("../../../tests/fixtures/percorso/demo.json");

    fn err(json: &str) -> PercorsoError {
        Percorso::parse(json).unwrap_err()
    }

    fn with(from: &str, to: &str) -> String {
        assert!(DOC_EXAMPLE.contains(from), "{from}");
        DOC_EXAMPLE.replacen(from, to, 1)
    }

    #[test]
    fn reads_the_example_of_the_contract() {
        let p = Percorso::parse(DOC_EXAMPLE).unwrap();
        assert_eq!(p.schema_version, 1);
        assert!(p.demo);
        assert_eq!(p.generated_at.to_string(), "2026-12-03T09:00:00");
        let patto = p.patto.as_ref().unwrap();
        assert_eq!(patto.signed, Date::new(2026, 10, 5).unwrap());
        assert_eq!(
            patto.responsabile.email.as_deref(),
            Some("percorso.bologna@example.it")
        );
        assert_eq!(
            patto.profilo_occupabilita.as_ref().unwrap().class,
            "medio-alto"
        );
        assert_eq!(patto.measures[0].status, MeasureStatus::Planned);
        let apps = patto.commitment("C-APPS").unwrap();
        assert_eq!(
            (apps.kind, apps.count, apps.period),
            (CommitmentKind::Applications, 3, Period::Month)
        );
        assert_eq!(
            patto.commitment("C-CONTACT").unwrap().period,
            Period::TwoMonths
        );
        assert_eq!(patto.availability.len(), 3);
        assert_eq!(patto.naspi.as_ref().unwrap().monthly_cents(), Some(105_000));
        let a = &p.appointments[0];
        assert_eq!(a.kind, AppointmentKind::Convocazione);
        assert_eq!(a.channel, Channel::InPresenza);
        assert_eq!(a.status, AppointmentStatus::Scheduled);
        assert_eq!(a.start.to_string(), "2026-12-10T09:30:00");
        assert_eq!(p.checks[0].outcome, CheckOutcome::Attended);
        // and back: the same JSON tree
        let again: Value = serde_json::to_value(&p).unwrap();
        let original: Value = serde_json::from_str(DOC_EXAMPLE).unwrap();
        assert_eq!(again, original);
    }

    #[test]
    fn reads_the_demo_fixture() {
        let p = Percorso::parse(FIXTURE).unwrap();
        assert!(p.demo);
        let patto = p.patto.as_ref().unwrap();
        assert_eq!(patto.cpi_id, "cpi-bologna");
        assert_eq!(patto.commitments.len(), 2);
        assert_eq!(p.appointments.len(), 3);
        let missed: Vec<_> = p
            .appointments
            .iter()
            .filter(|a| a.status == AppointmentStatus::Missed)
            .collect();
        assert_eq!(missed.len(), 1);
        assert_eq!(missed[0].start.date, Date::new(2026, 11, 20).unwrap());
        assert_eq!(
            p.checks
                .iter()
                .filter(|c| c.outcome == CheckOutcome::MissedUnjustified)
                .count(),
            1
        );
    }

    #[test]
    fn a_person_without_a_patto() {
        let json = r#"{"schema_version": 1, "generated_at": "2026-12-03T09:00:00", "patto": null,
            "appointments": [{"id": "A1", "kind": "convocazione", "start": "2026-12-10T09:30:00",
            "end": "2026-12-10T10:00:00", "tz": "Europe/Rome", "channel": "telefono",
            "purpose": "Primo colloquio", "status": "scheduled"}]}"#;
        let p = Percorso::parse(json).unwrap();
        assert!(p.patto.is_none());
        assert!(!p.demo);
        assert!(p.checks.is_empty());
        assert_eq!(p.appointments[0].place, None);
    }

    #[test]
    fn refuses_another_schema_version() {
        assert_eq!(
            err(&with("\"schema_version\": 1", "\"schema_version\": 2")),
            PercorsoError::SchemaVersion { found: "2".into() }
        );
        assert_eq!(
            err(&with("\"schema_version\": 1", "\"schema_version\": \"1\"")),
            PercorsoError::SchemaVersion {
                found: "\"1\"".into()
            }
        );
        assert_eq!(
            err(&with("\"schema_version\": 1,", "")),
            PercorsoError::SchemaVersion {
                found: "missing".into()
            }
        );
        let m = err(&with("\"schema_version\": 1", "\"schema_version\": 2")).message();
        assert_eq!(m.key, "percorso.error.schema_version");
    }

    #[test]
    fn refuses_bad_dates_and_times_naming_the_field() {
        assert_eq!(
            err(&with(
                "\"signed\": \"2026-10-05\"",
                "\"signed\": \"2026-02-30\""
            )),
            PercorsoError::BadDate {
                field: "patto.signed".into(),
                value: "2026-02-30".into()
            }
        );
        assert_eq!(
            err(&with("\"due\": \"2026-12-20\"", "\"due\": \"20/12/2026\"")),
            PercorsoError::BadDate {
                field: "patto.measures[0].due".into(),
                value: "20/12/2026".into()
            }
        );
        assert_eq!(
            err(&with("\"since\": \"2026-09-01\"", "\"since\": 20260901")),
            PercorsoError::BadDate {
                field: "patto.naspi.since".into(),
                value: "20260901".into()
            }
        );
        assert_eq!(
            err(&with(
                "{\"date\": \"2026-11-05\"",
                "{\"date\": \"2026-11-31\""
            )),
            PercorsoError::BadDate {
                field: "checks[0].date".into(),
                value: "2026-11-31".into()
            }
        );
        assert_eq!(
            err(&with(
                "\"start\": \"2026-12-10T09:30:00\"",
                "\"start\": \"2026-12-10T25:30:00\""
            )),
            PercorsoError::BadDateTime {
                field: "appointments[0].start".into(),
                value: "2026-12-10T25:30:00".into()
            }
        );
        assert_eq!(
            err(&with(
                "\"end\": \"2026-12-10T10:00:00\"",
                "\"end\": \"2026-12-10T10:00:00+01:00\""
            )),
            PercorsoError::BadDateTime {
                field: "appointments[0].end".into(),
                value: "2026-12-10T10:00:00+01:00".into()
            }
        );
        assert_eq!(
            err(&with(
                "\"generated_at\": \"2026-12-03T09:00:00\"",
                "\"generated_at\": \"2026-12-03\""
            )),
            PercorsoError::BadDateTime {
                field: "generated_at".into(),
                value: "2026-12-03".into()
            }
        );
        let m = err(&with("\"signed\": \"2026-10-05\"", "\"signed\": \"x\"")).message();
        assert_eq!(m.key, "percorso.error.bad_date");
        assert!(m.args.iter().any(|(n, _)| *n == "field"));
    }

    #[test]
    fn refuses_negative_counts_and_bad_amounts() {
        assert_eq!(
            err(&with("\"count\": 3", "\"count\": -1")),
            PercorsoError::NegativeCount {
                field: "patto.commitments[0].count".into(),
                value: "-1".into()
            }
        );
        assert_eq!(
            err(&with("\"count\": 1", "\"count\": -2")).message().key,
            "percorso.error.negative_count"
        );
        assert!(matches!(
            err(&with("\"monthly_eur\": 1050.0", "\"monthly_eur\": -5")),
            PercorsoError::BadNumber { field, .. } if field == "patto.naspi.monthly_eur"
        ));
        assert!(matches!(
            err(&with("\"index\": 0.62", "\"index\": 1.5")),
            PercorsoError::BadNumber { field, .. } if field == "patto.profilo_occupabilita.index"
        ));
        // a count that is not a whole number is a shape error
        assert!(matches!(
            err(&with("\"count\": 3", "\"count\": 2.5")),
            PercorsoError::Shape { .. }
        ));
    }

    #[test]
    fn refuses_values_outside_the_contract() {
        for (from, to) in [
            ("\"period\": \"month\"", "\"period\": \"year\""),
            ("\"kind\": \"applications\"", "\"kind\": \"job_offers\""),
            ("\"channel\": \"in_presenza\"", "\"channel\": \"pec\""),
            ("\"status\": \"scheduled\"", "\"status\": \"pending\""),
            ("\"outcome\": \"attended\"", "\"outcome\": \"ok\""),
            (
                "\"kind\": \"convocazione\", \"outcome\"",
                "\"kind\": \"visita\", \"outcome\"",
            ),
            ("\"cpi_name\": \"Centro per l'Impiego di Bologna\",", ""),
        ] {
            let e = err(&with(from, to));
            assert!(matches!(e, PercorsoError::Shape { .. }), "{to}: {e:?}");
            assert_eq!(e.message().key, "percorso.error.shape");
        }
        assert!(matches!(err("[1, 2]"), PercorsoError::Json { .. }));
        assert!(matches!(err("{"), PercorsoError::Json { .. }));
        assert_eq!(err("nope").message().key, "percorso.error.json");
    }

    #[test]
    fn refuses_inconsistent_appointments_and_ids() {
        assert_eq!(
            err(&with(
                "\"end\": \"2026-12-10T10:00:00\"",
                "\"end\": \"2026-12-10T09:30:00\""
            )),
            PercorsoError::EndNotAfterStart {
                id: "APP-2026-0041".into()
            }
        );
        assert_eq!(
            err(&with("\"tz\": \"Europe/Rome\"", "\"tz\": \"UTC\"")),
            PercorsoError::TimeZone {
                id: "APP-2026-0041".into(),
                tz: "UTC".into()
            }
        );
        assert_eq!(
            err(&with("\"id\": \"C-CONTACT\"", "\"id\": \"C-APPS\"")),
            PercorsoError::DuplicateId {
                id: "C-APPS".into()
            }
        );
        // without "tz" the zone is Rome
        let p = Percorso::parse(&with("\"tz\": \"Europe/Rome\",", "")).unwrap();
        assert_eq!(p.appointments[0].tz, TZ_ROME);
    }

    #[test]
    fn fields_added_later_are_ignored() {
        let p = Percorso::parse(&with(
            "\"demo\": true,",
            "\"demo\": true, \"future\": {\"x\": 1},",
        ));
        assert!(p.is_ok());
    }

    #[test]
    fn every_error_has_a_percorso_key_and_a_log_text() {
        let all = [
            PercorsoError::Json { detail: "x".into() },
            PercorsoError::SchemaVersion { found: "2".into() },
            PercorsoError::BadDate {
                field: "f".into(),
                value: "v".into(),
            },
            PercorsoError::BadDateTime {
                field: "f".into(),
                value: "v".into(),
            },
            PercorsoError::NegativeCount {
                field: "f".into(),
                value: "-1".into(),
            },
            PercorsoError::BadNumber {
                field: "f".into(),
                value: "v".into(),
            },
            PercorsoError::EndNotAfterStart { id: "A".into() },
            PercorsoError::TimeZone {
                id: "A".into(),
                tz: "UTC".into(),
            },
            PercorsoError::DuplicateId { id: "A".into() },
            PercorsoError::Shape { detail: "x".into() },
        ];
        let mut keys = BTreeSet::new();
        for e in &all {
            let m = e.message();
            assert!(m.key.starts_with("percorso.error."), "{}", m.key);
            keys.insert(m.key);
            assert!(!e.to_string().is_empty());
        }
        assert_eq!(keys.len(), all.len(), "one key per kind");
    }
}
