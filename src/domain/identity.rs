//! Who is logged in, as the CPI backend says (`GET /api/v1/me`, docs/api.md
//! "Identity and sessions"): the person's data from SPID or CIE, the rule
//! for the path a login returns to, and which outbox entries may be sent
//! under the session of the moment. The app never holds a token: the
//! backend keeps the session behind an HttpOnly cookie.

use crate::domain::codice_fiscale::{normalize, validate_format, Sex};
use crate::domain::date::Date;
use crate::domain::message::Msg;
use serde::{Deserialize, Serialize};

/// The digital identity used to log in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    Spid,
    Cie,
}

impl Provider {
    pub const ALL: [Provider; 2] = [Provider::Spid, Provider::Cie];

    pub fn code(self) -> &'static str {
        match self {
            Provider::Spid => "spid",
            Provider::Cie => "cie",
        }
    }

    /// "SPID" / "CIE": names, the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Spid => "SPID",
            Provider::Cie => "CIE",
        }
    }
}

/// The person as the identity provider certifies them. Birth data are
/// optional attributes: a provider may not return them, and then the person
/// types them (and they are checked against the codice fiscale).
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub given_name: String,
    pub family_name: String,
    pub codice_fiscale: String,
    pub sex: Option<Sex>,
    pub birth_date: Option<Date>,
    /// Belfiore code of the comune or foreign state of birth.
    pub birth_place_code: Option<String>,
}

impl Person {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }
}

/// A logged-in session as `GET /me` describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Identity {
    pub person: Person,
    pub provider: Provider,
    /// When the session ends if nothing happens (ISO date-time, as sent).
    pub expires_at: String,
}

/// Why an answer of `GET /me` cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentityError {
    NotJson,
    /// A required field is missing or not a string.
    Missing(&'static str),
    /// The provider is neither SPID nor CIE.
    UnknownProvider(String),
    /// The codice fiscale is not a valid one.
    InvalidCodiceFiscale(String),
    /// A field has the wrong form (sex, birth date, place code).
    Malformed(&'static str),
}

impl IdentityError {
    pub fn message(&self) -> Msg {
        match self {
            IdentityError::NotJson => Msg::new("error.identity.not_json"),
            IdentityError::Missing(field) => {
                Msg::new("error.identity.missing").text("field", *field)
            }
            IdentityError::UnknownProvider(p) => {
                Msg::new("error.identity.provider").text("provider", p.clone())
            }
            IdentityError::InvalidCodiceFiscale(cf) => {
                Msg::new("error.identity.codice_fiscale").text("code", cf.clone())
            }
            IdentityError::Malformed(field) => {
                Msg::new("error.identity.malformed").text("field", *field)
            }
        }
    }
}

fn string_field(
    v: &serde_json::Value,
    field: &'static str,
) -> Result<Option<String>, IdentityError> {
    match v.get(field) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(_) => Err(IdentityError::Malformed(field)),
    }
}

fn required(v: &serde_json::Value, field: &'static str) -> Result<String, IdentityError> {
    string_field(v, field)?.ok_or(IdentityError::Missing(field))
}

/// Read the body of a `200` answer of `GET /me`. `today` bounds the birth
/// date the codice fiscale may encode.
pub fn parse_me(body: &str, today: Date) -> Result<Identity, IdentityError> {
    let v: serde_json::Value = serde_json::from_str(body).map_err(|_| IdentityError::NotJson)?;
    let person = v.get("person").ok_or(IdentityError::Missing("person"))?;
    let provider = match required(&v, "provider")?.as_str() {
        "spid" => Provider::Spid,
        "cie" => Provider::Cie,
        other => return Err(IdentityError::UnknownProvider(other.to_string())),
    };
    let code = normalize(&required(person, "codice_fiscale")?);
    if validate_format(&code, today).is_err() {
        return Err(IdentityError::InvalidCodiceFiscale(code));
    }
    let sex = match string_field(person, "sex")?.as_deref() {
        None => None,
        Some("M") => Some(Sex::M),
        Some("F") => Some(Sex::F),
        Some(_) => return Err(IdentityError::Malformed("sex")),
    };
    let birth_date = match string_field(person, "birth_date")? {
        None => None,
        Some(d) => Some(Date::parse_iso(&d).ok_or(IdentityError::Malformed("birth_date"))?),
    };
    let birth_place_code = match string_field(person, "birth_place_code")? {
        None => None,
        Some(c) => {
            let c = c.to_ascii_uppercase();
            let b = c.as_bytes();
            let shape =
                b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit);
            if !shape {
                return Err(IdentityError::Malformed("birth_place_code"));
            }
            Some(c)
        }
    };
    Ok(Identity {
        person: Person {
            given_name: required(person, "given_name")?,
            family_name: required(person, "family_name")?,
            codice_fiscale: code,
            sex,
            birth_date,
            birth_place_code,
        },
        provider,
        expires_at: string_field(&v, "expires_at")?.unwrap_or_default(),
    })
}

/// The path a login may return to: a path of this origin (one leading `/`,
/// no `//` or `/\`, no backslash or control character, at most 2,000
/// characters), the same rule the backend applies. Anything else returns to
/// the home page.
pub fn safe_return_path(path: &str) -> &str {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(|c| c.is_control())
        && path.len() <= 2000;
    if ok {
        path
    } else {
        "/"
    }
}

/// Characters kept as they are in a query value (RFC 3986 unreserved, plus
/// `/` for readability).
fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Where a login starts: the backend's login URL, returning to `return_to`.
pub fn login_url(api_base: &str, return_to: &str, provider: Option<Provider>) -> String {
    let mut url = format!(
        "{}/auth/login?return={}",
        api_base.trim_end_matches('/'),
        encode_query_value(safe_return_path(return_to))
    );
    if let Some(p) = provider {
        url.push_str("&provider=");
        url.push_str(p.code());
    }
    url
}

/// Two codici fiscali name the same person (case and spaces aside).
pub fn same_person(a: &str, b: &str) -> bool {
    normalize(a) == normalize(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 12, 2).unwrap()
    }

    const GIULIA: &str = r#"{"person":{"given_name":"Giulia","family_name":"Bianchi",
        "codice_fiscale":"BNCGLI94C52A944G","sex":"F","birth_date":"1994-03-12",
        "birth_place_code":"A944"},"provider":"spid","expires_at":"2026-12-02T21:30:00.000Z"}"#;

    #[test]
    fn reads_a_full_identity() {
        let id = parse_me(GIULIA, today()).unwrap();
        assert_eq!(id.provider, Provider::Spid);
        assert_eq!(id.person.full_name(), "Giulia Bianchi");
        assert_eq!(id.person.codice_fiscale, "BNCGLI94C52A944G");
        assert_eq!(id.person.sex, Some(Sex::F));
        assert_eq!(id.person.birth_date, Date::new(1994, 3, 12));
        assert_eq!(id.person.birth_place_code.as_deref(), Some("A944"));
        assert_eq!(id.expires_at, "2026-12-02T21:30:00.000Z");
    }

    #[test]
    fn birth_data_are_optional() {
        let body = r#"{"person":{"given_name":"Sara","family_name":"Conti",
            "codice_fiscale":"cntsra85m41f839w","sex":null},"provider":"cie"}"#;
        let id = parse_me(body, today()).unwrap();
        assert_eq!(id.provider, Provider::Cie);
        assert_eq!(id.person.codice_fiscale, "CNTSRA85M41F839W");
        assert_eq!(id.person.sex, None);
        assert_eq!(id.person.birth_date, None);
        assert_eq!(id.person.birth_place_code, None);
    }

    #[test]
    fn refuses_what_is_not_an_identity() {
        assert_eq!(parse_me("<html>", today()), Err(IdentityError::NotJson));
        assert_eq!(
            parse_me("{}", today()),
            Err(IdentityError::Missing("person"))
        );
        let no_cf = GIULIA.replace("BNCGLI94C52A944G", " ");
        assert_eq!(
            parse_me(&no_cf, today()),
            Err(IdentityError::Missing("codice_fiscale"))
        );
        let wrong_check = GIULIA.replace("BNCGLI94C52A944G", "BNCGLI94C52A944A");
        assert_eq!(
            parse_me(&wrong_check, today()),
            Err(IdentityError::InvalidCodiceFiscale(
                "BNCGLI94C52A944A".into()
            ))
        );
        let provider = GIULIA.replace("\"spid\"", "\"eidas\"");
        assert_eq!(
            parse_me(&provider, today()),
            Err(IdentityError::UnknownProvider("eidas".into()))
        );
        let sex = GIULIA.replace("\"sex\":\"F\"", "\"sex\":\"X\"");
        assert_eq!(
            parse_me(&sex, today()),
            Err(IdentityError::Malformed("sex"))
        );
        let date = GIULIA.replace("1994-03-12", "12/03/1994");
        assert_eq!(
            parse_me(&date, today()),
            Err(IdentityError::Malformed("birth_date"))
        );
        let place = GIULIA.replace("\"A944\"", "\"Bologna\"");
        assert_eq!(
            parse_me(&place, today()),
            Err(IdentityError::Malformed("birth_place_code"))
        );
        let number = GIULIA.replace("\"Giulia\"", "42");
        assert_eq!(
            parse_me(&number, today()),
            Err(IdentityError::Malformed("given_name"))
        );
    }

    #[test]
    fn every_error_has_a_message_in_every_language() {
        use crate::i18n::{render, Lang};
        let errors = [
            IdentityError::NotJson,
            IdentityError::Missing("person"),
            IdentityError::UnknownProvider("x".into()),
            IdentityError::InvalidCodiceFiscale("X".into()),
            IdentityError::Malformed("sex"),
        ];
        for lang in Lang::ALL {
            for e in &errors {
                let m = e.message();
                let text = render(lang, &m);
                assert_ne!(text, m.key, "{lang:?} lacks {}", m.key);
                assert!(!text.contains('{'), "{lang:?}: {text}");
            }
        }
    }

    #[test]
    fn same_person_ignores_case_and_spaces() {
        assert!(same_person("bncgli94c52a944g", " BNCGLI94C52A944G"));
        assert!(!same_person("BNCGLI94C52A944G", "RSSMRC80L05F257Y"));
    }
}
