//! Why a record of a vacancies import was skipped: error kinds with their
//! data ([`RecordError`]), stored language-neutral in reports, and turned
//! into a translatable [`Msg`] only by the view.

use crate::domain::message::Msg;
use serde::{Deserialize, Serialize};

/// A field of an offer (or of a JSON-LD posting) named by an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    Description,
    EmployerName,
    EmployerCf,
    EmployerAteco,
    Comune,
    Istat,
    Belfiore,
    Province,
    Profession,
    Sector,
    Language,
    Licence,
    Published,
    Expires,
    /// The `title` of a JSON-LD posting.
    PostingTitle,
    DatePosted,
    ValidThrough,
    SalaryUnit,
    SalaryCurrency,
    /// ClicLavoro `idtipologiacontratto`.
    ContractCode,
    /// ClicLavoro `idmodalitalavoro`.
    WorkingTimeCode,
}

impl Field {
    pub const ALL: [Field; 22] = [
        Field::Title,
        Field::Description,
        Field::EmployerName,
        Field::EmployerCf,
        Field::EmployerAteco,
        Field::Comune,
        Field::Istat,
        Field::Belfiore,
        Field::Province,
        Field::Profession,
        Field::Sector,
        Field::Language,
        Field::Licence,
        Field::Published,
        Field::Expires,
        Field::PostingTitle,
        Field::DatePosted,
        Field::ValidThrough,
        Field::SalaryUnit,
        Field::SalaryCurrency,
        Field::ContractCode,
        Field::WorkingTimeCode,
    ];

    /// The translation key of the field's name (used by the generic messages).
    pub fn label_key(self) -> &'static str {
        match self {
            Field::Title => "vacancies.reason.field.title",
            Field::Description => "vacancies.reason.field.description",
            Field::EmployerName => "vacancies.reason.field.employer_name",
            Field::EmployerCf => "vacancies.reason.field.employer_cf",
            Field::EmployerAteco => "vacancies.reason.field.employer_ateco",
            Field::Comune => "vacancies.reason.field.comune",
            Field::Istat => "vacancies.reason.field.istat",
            Field::Belfiore => "vacancies.reason.field.belfiore",
            Field::Province => "vacancies.reason.field.province",
            Field::Profession => "vacancies.reason.field.profession",
            Field::Sector => "vacancies.reason.field.sector",
            Field::Language => "vacancies.reason.field.language",
            Field::Licence => "vacancies.reason.field.licence",
            Field::Published => "vacancies.reason.field.published",
            Field::Expires => "vacancies.reason.field.expires",
            Field::PostingTitle => "vacancies.reason.field.posting_title",
            Field::DatePosted => "vacancies.reason.field.date_posted",
            Field::ValidThrough => "vacancies.reason.field.valid_through",
            Field::SalaryUnit => "vacancies.reason.field.salary_unit",
            Field::SalaryCurrency => "vacancies.reason.field.salary_currency",
            Field::ContractCode => "vacancies.reason.field.contract_code",
            Field::WorkingTimeCode => "vacancies.reason.field.working_time_code",
        }
    }
}

/// Why one record was skipped. Values quoted from the input are clipped
/// (see `validate::clip`) before they are stored here. Stored as
/// `{"code": "too_long", "field": "title", "max": 250}`; read back by a
/// hand-written `Deserialize` (serde's derive for an internally tagged enum
/// buffers the record and weighs about 10 KB of wasm in every chunk that
/// reads a stored report).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RecordError {
    MissingId,
    BadId,
    /// A required text is empty.
    Missing {
        field: Field,
    },
    /// A text is longer than `max` characters.
    TooLong {
        field: Field,
        max: usize,
    },
    /// A code or date has the wrong shape; `value` is what was found.
    Invalid {
        field: Field,
        value: String,
    },
    BadCoordinates,
    IncompleteCoordinates,
    NoPosts,
    BadEducationLevel {
        level: u8,
    },
    /// The minimum pay is above the maximum (or the maximum is absurd).
    SalaryRange,
    /// A JSON-LD salary is negative, reversed or absurd.
    BadSalary,
    ExpiresBeforePublished,
    /// A feed record repeats the id of an earlier one.
    DuplicateId {
        value: String,
    },
    /// A JSON-LD posting repeats the identifier of an earlier one.
    DuplicateIdentifier {
        value: String,
    },
    /// The record misses a field of the schema.
    MissingField {
        name: String,
    },
    UnknownField {
        name: String,
    },
    UnknownVariant {
        name: String,
    },
    /// Serde's (English, technical) description, clipped.
    WrongType {
        detail: String,
    },
    BadValue {
        detail: String,
    },
    BadRecord {
        detail: String,
    },
    /// A JSON-LD text that is not JSON.
    NotJson {
        detail: String,
    },
    /// A JSON-LD text that is neither an object nor a list.
    NotJobPostingList,
    /// A ClicLavoro file that is not well-formed XML.
    NotXml {
        detail: String,
    },
    /// A code that its ministerial list does not hold (`field` names the list).
    UnknownCode {
        field: Field,
        value: String,
    },
    /// The posting names no place (a warning: the offer is kept).
    NoPlace,
    /// A comune code that no current comune has.
    UnknownComuneCode {
        value: String,
    },
    /// No comune of that name (a warning for JSON-LD).
    PlaceNotFound {
        value: String,
    },
    /// A name several comuni share, with nothing to tell them apart.
    PlaceAmbiguous {
        value: String,
        count: usize,
    },
}

impl<'de> Deserialize<'de> for RecordError {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        use RecordError as E;
        /// Every field any kind has; the code says which ones it needs.
        #[derive(Deserialize)]
        struct Flat {
            code: String,
            field: Option<Field>,
            value: Option<String>,
            max: Option<usize>,
            level: Option<u8>,
            name: Option<String>,
            detail: Option<String>,
            count: Option<usize>,
        }
        let f = Flat::deserialize(d)?;
        fn need<T, Er: Error>(v: Option<T>, what: &'static str) -> Result<T, Er> {
            v.ok_or_else(|| Er::missing_field(what))
        }
        Ok(match f.code.as_str() {
            "missing_id" => E::MissingId,
            "bad_id" => E::BadId,
            "missing" => E::Missing {
                field: need(f.field, "field")?,
            },
            "too_long" => E::TooLong {
                field: need(f.field, "field")?,
                max: need(f.max, "max")?,
            },
            "invalid" => E::Invalid {
                field: need(f.field, "field")?,
                value: need(f.value, "value")?,
            },
            "bad_coordinates" => E::BadCoordinates,
            "incomplete_coordinates" => E::IncompleteCoordinates,
            "no_posts" => E::NoPosts,
            "bad_education_level" => E::BadEducationLevel {
                level: need(f.level, "level")?,
            },
            "salary_range" => E::SalaryRange,
            "bad_salary" => E::BadSalary,
            "expires_before_published" => E::ExpiresBeforePublished,
            "duplicate_id" => E::DuplicateId {
                value: need(f.value, "value")?,
            },
            "duplicate_identifier" => E::DuplicateIdentifier {
                value: need(f.value, "value")?,
            },
            "missing_field" => E::MissingField {
                name: need(f.name, "name")?,
            },
            "unknown_field" => E::UnknownField {
                name: need(f.name, "name")?,
            },
            "unknown_variant" => E::UnknownVariant {
                name: need(f.name, "name")?,
            },
            "wrong_type" => E::WrongType {
                detail: need(f.detail, "detail")?,
            },
            "bad_value" => E::BadValue {
                detail: need(f.detail, "detail")?,
            },
            "bad_record" => E::BadRecord {
                detail: need(f.detail, "detail")?,
            },
            "not_json" => E::NotJson {
                detail: need(f.detail, "detail")?,
            },
            "not_job_posting_list" => E::NotJobPostingList,
            "not_xml" => E::NotXml {
                detail: need(f.detail, "detail")?,
            },
            "unknown_code" => E::UnknownCode {
                field: need(f.field, "field")?,
                value: need(f.value, "value")?,
            },
            "no_place" => E::NoPlace,
            "unknown_comune_code" => E::UnknownComuneCode {
                value: need(f.value, "value")?,
            },
            "place_not_found" => E::PlaceNotFound {
                value: need(f.value, "value")?,
            },
            "place_ambiguous" => E::PlaceAmbiguous {
                value: need(f.value, "value")?,
                count: need(f.count, "count")?,
            },
            other => return Err(D::Error::unknown_variant(other, &[])),
        })
    }
}

impl RecordError {
    /// The message for the person.
    pub fn message(&self) -> Msg {
        use RecordError as E;
        match self {
            E::MissingId => Msg::new("vacancies.reason.missing_id"),
            E::BadId => Msg::new("vacancies.reason.bad_id"),
            E::Missing { field } => {
                Msg::new(missing_key(*field)).key_arg("field", field.label_key())
            }
            E::TooLong { field, max } => Msg::new(too_long_key(*field))
                .key_arg("field", field.label_key())
                .text("max", max.to_string()),
            E::Invalid { field, value } => Msg::new(invalid_key(*field))
                .key_arg("field", field.label_key())
                .text("value", value.clone()),
            E::BadCoordinates => Msg::new("vacancies.reason.bad_coordinates"),
            E::IncompleteCoordinates => Msg::new("vacancies.reason.incomplete_coordinates"),
            E::NoPosts => Msg::new("vacancies.reason.no_posts"),
            E::BadEducationLevel { level } => {
                Msg::new("vacancies.reason.bad_education_level").text("level", level.to_string())
            }
            E::SalaryRange => Msg::new("vacancies.reason.salary_range"),
            E::BadSalary => Msg::new("vacancies.reason.bad_salary"),
            E::ExpiresBeforePublished => Msg::new("vacancies.reason.expires_before_published"),
            E::DuplicateId { value } => {
                Msg::new("vacancies.reason.duplicate_id").text("value", value.clone())
            }
            E::DuplicateIdentifier { value } => {
                Msg::new("vacancies.reason.duplicate_identifier").text("value", value.clone())
            }
            E::MissingField { name } => {
                Msg::new("vacancies.reason.missing_field").text("name", name.clone())
            }
            E::UnknownField { name } => {
                Msg::new("vacancies.reason.unknown_field").text("name", name.clone())
            }
            E::UnknownVariant { name } => {
                Msg::new("vacancies.reason.unknown_variant").text("name", name.clone())
            }
            E::WrongType { detail } => {
                Msg::new("vacancies.reason.wrong_type").text("detail", detail.clone())
            }
            E::BadValue { detail } => {
                Msg::new("vacancies.reason.bad_value").text("detail", detail.clone())
            }
            E::BadRecord { detail } => {
                Msg::new("vacancies.reason.bad_record").text("detail", detail.clone())
            }
            E::NotJson { detail } => {
                Msg::new("vacancies.reason.not_json").text("detail", detail.clone())
            }
            E::NotJobPostingList => Msg::new("vacancies.reason.not_jobposting_list"),
            E::NotXml { detail } => {
                Msg::new("vacancies.reason.not_xml").text("detail", detail.clone())
            }
            E::UnknownCode { field, value } => Msg::new("vacancies.reason.unknown_code")
                .key_arg("field", field.label_key())
                .text("value", value.clone()),
            E::NoPlace => Msg::new("vacancies.reason.no_place"),
            E::UnknownComuneCode { value } => {
                Msg::new("vacancies.reason.unknown_comune_code").text("value", value.clone())
            }
            E::PlaceNotFound { value } => {
                Msg::new("vacancies.reason.place_not_found").text("value", value.clone())
            }
            E::PlaceAmbiguous { value, count } => Msg::new("vacancies.reason.place_ambiguous")
                .text("value", value.clone())
                .text("count", count.to_string()),
        }
    }
}

/// The specific text for a required field, or the generic one.
fn missing_key(field: Field) -> &'static str {
    match field {
        Field::Title => "vacancies.reason.missing.title",
        Field::Description => "vacancies.reason.missing.description",
        Field::EmployerName => "vacancies.reason.missing.employer_name",
        Field::Comune => "vacancies.reason.missing.comune",
        Field::PostingTitle => "vacancies.reason.missing.posting_title",
        Field::DatePosted => "vacancies.reason.missing.date_posted",
        _ => "vacancies.reason.missing.other",
    }
}

fn too_long_key(field: Field) -> &'static str {
    match field {
        Field::Title => "vacancies.reason.too_long.title",
        Field::Description => "vacancies.reason.too_long.description",
        Field::EmployerName => "vacancies.reason.too_long.employer_name",
        _ => "vacancies.reason.too_long.other",
    }
}

fn invalid_key(field: Field) -> &'static str {
    match field {
        Field::EmployerCf => "vacancies.reason.invalid.employer_cf",
        Field::EmployerAteco => "vacancies.reason.invalid.employer_ateco",
        Field::Istat => "vacancies.reason.invalid.istat",
        Field::Belfiore => "vacancies.reason.invalid.belfiore",
        Field::Province => "vacancies.reason.invalid.province",
        Field::Profession => "vacancies.reason.invalid.profession",
        Field::Sector => "vacancies.reason.invalid.sector",
        Field::Language => "vacancies.reason.invalid.language",
        Field::Licence => "vacancies.reason.invalid.licence",
        Field::Published => "vacancies.reason.invalid.published",
        Field::Expires => "vacancies.reason.invalid.expires",
        Field::DatePosted => "vacancies.reason.invalid.date_posted",
        Field::ValidThrough => "vacancies.reason.invalid.valid_through",
        Field::SalaryUnit => "vacancies.reason.invalid.salary_unit",
        Field::SalaryCurrency => "vacancies.reason.invalid.salary_currency",
        _ => "vacancies.reason.invalid.other",
    }
}

/// A reason as stored in reports and index metas: the kind, or (read from
/// data written before kinds existed) the Italian text, shown as is.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Reason {
    Kind(RecordError),
    Text(String),
    /// A kind this version does not know (written by a newer one).
    Unknown(serde_json::Value),
}

/// Read through a JSON value (not serde's untagged buffering, which weighs
/// kilobytes of wasm): a string is old text, a known kind is a kind,
/// anything else is from a newer version.
impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        if let serde_json::Value::String(s) = v {
            return Ok(Reason::Text(s));
        }
        Ok(match RecordError::deserialize(&v) {
            Ok(e) => Reason::Kind(e),
            Err(_) => Reason::Unknown(v),
        })
    }
}

impl Reason {
    pub fn message(&self) -> Msg {
        match self {
            Reason::Kind(e) => e.message(),
            Reason::Text(s) => Msg::new("vacancies.reason.text").text("text", s.clone()),
            Reason::Unknown(_) => Msg::new("vacancies.reason.unknown"),
        }
    }
}

impl From<RecordError> for Reason {
    fn from(e: RecordError) -> Self {
        Reason::Kind(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{keys, render, Lang};

    /// One of every kind, and every field in each field-carrying kind.
    pub(crate) fn every_kind() -> Vec<RecordError> {
        use RecordError as E;
        let s = || "x".to_string();
        let mut all = vec![
            E::MissingId,
            E::BadId,
            E::BadCoordinates,
            E::IncompleteCoordinates,
            E::NoPosts,
            E::BadEducationLevel { level: 13 },
            E::SalaryRange,
            E::BadSalary,
            E::ExpiresBeforePublished,
            E::DuplicateId { value: s() },
            E::DuplicateIdentifier { value: s() },
            E::MissingField { name: s() },
            E::UnknownField { name: s() },
            E::UnknownVariant { name: s() },
            E::WrongType { detail: s() },
            E::BadValue { detail: s() },
            E::BadRecord { detail: s() },
            E::NotJson { detail: s() },
            E::NotJobPostingList,
            E::NotXml { detail: s() },
            E::NoPlace,
            E::UnknownComuneCode { value: s() },
            E::PlaceNotFound { value: s() },
            E::PlaceAmbiguous {
                value: s(),
                count: 2,
            },
        ];
        for field in Field::ALL {
            all.push(E::Missing { field });
            all.push(E::TooLong { field, max: 9 });
            all.push(E::Invalid { field, value: s() });
            all.push(E::UnknownCode { field, value: s() });
        }
        all
    }

    fn msg_keys(m: &Msg) -> Vec<&'static str> {
        let mut out = vec![m.key];
        for (_, a) in &m.args {
            if let crate::domain::did::Arg::Key(k) = a {
                out.push(k);
            }
        }
        out
    }

    #[test]
    fn every_kind_has_its_keys_in_both_languages_and_english_differs() {
        let (it, en) = (keys(Lang::It), keys(Lang::En));
        for e in every_kind() {
            let m = e.message();
            for k in msg_keys(&m) {
                assert!(it.iter().any(|x| x == k), "{k} missing in it");
                assert!(en.iter().any(|x| x == k), "{k} missing in en");
            }
            let (i, n) = (render(Lang::It, &m), render(Lang::En, &m));
            assert!(!i.contains('{') && !n.contains('{'), "{i} / {n}");
            assert_ne!(i, n, "{e:?}");
        }
    }

    #[test]
    fn italian_texts_are_the_old_ones() {
        use RecordError as E;
        let it = |e: E| render(Lang::It, &e.message());
        assert_eq!(
            it(E::Missing {
                field: Field::Title
            }),
            "manca il titolo"
        );
        assert_eq!(
            it(E::TooLong {
                field: Field::Title,
                max: 250
            }),
            "titolo troppo lungo (più di 250 caratteri)"
        );
        assert_eq!(
            it(E::Invalid {
                field: Field::EmployerAteco,
                value: "1".into()
            }),
            "codice ATECO del datore di lavoro non valido (\"1\", atteso dd.dd.dd)"
        );
        assert_eq!(
            it(E::BadEducationLevel { level: 13 }),
            "livello di istruzione non valido (13, atteso 0–12)"
        );
        assert_eq!(
            it(E::DuplicateId { value: "A1".into() }),
            "codice offerta ripetuto (\"A1\")"
        );
    }

    #[test]
    fn every_kind_round_trips_through_its_stored_form() {
        for e in every_kind() {
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(
                serde_json::from_str::<RecordError>(&json).ok(),
                Some(e.clone()),
                "{json}"
            );
            let r: Reason = e.clone().into();
            let back: Reason = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
            assert_eq!(back, r);
        }
        assert!(
            serde_json::from_str::<RecordError>(r#"{"code":"too_long","field":"title"}"#).is_err()
        );
        assert!(serde_json::from_str::<RecordError>(r#"{"code":"nope"}"#).is_err());
    }

    #[test]
    fn stored_reasons_round_trip_and_old_strings_still_read() {
        let r: Reason = RecordError::TooLong {
            field: Field::Title,
            max: 250,
        }
        .into();
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"code":"too_long","field":"title","max":250}"#);
        assert_eq!(serde_json::from_str::<Reason>(&json).unwrap(), r);
        let old: Vec<(usize, Reason)> = serde_json::from_str(r#"[[3,"manca il titolo"]]"#).unwrap();
        assert_eq!(old, vec![(3, Reason::Text("manca il titolo".into()))]);
        assert_eq!(render(Lang::En, &old[0].1.message()), "manca il titolo");
        let newer: Reason = serde_json::from_str(r#"{"code":"from_the_future"}"#).unwrap();
        assert!(matches!(newer, Reason::Unknown(_)));
        assert_ne!(
            render(Lang::It, &newer.message()),
            render(Lang::En, &newer.message())
        );
    }
}
