//! Atti di ricerca attiva logged by the person (art. 20 D.Lgs. 150/2015:
//! the patto says which and how often): the form, its checks with a message
//! per field, the record kept on the device, and the `patto_update`
//! submission (docs/percorso-api.md). An attachment stays on the device;
//! only its name, type and size are sent.

use crate::domain::date::Date;
use crate::domain::did::parse_date_parts;
use crate::domain::message::{FieldIssue, Msg};
use crate::domain::percorso::{SearchAct, SearchActKind};
use serde::{Deserialize, Serialize};

/// The largest attachment kept on the device, bytes (2 MB).
pub const ATTACHMENT_MAX_BYTES: u64 = 2 * 1024 * 1024;
/// The longest note, characters.
pub const NOTE_MAX: usize = 500;

/// The kind an `act_kind` code names (`application`, `fair` …).
pub fn act_kind(code: &str) -> Option<SearchActKind> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

/// The code of a kind, as the form and the submission write it.
pub fn act_kind_code(kind: SearchActKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActForm {
    pub day: String,
    pub month: String,
    pub year: String,
    pub act_kind: String,
    pub employer: String,
    pub channel: String,
    pub note: String,
    /// The commitment it counts for (`C-APPS`).
    pub commitment: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    #[serde(rename = "type")]
    pub mime: String,
    pub size: u64,
}

/// An act as kept on the device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoggedAct {
    /// The outbox key of its submission (also the attachment's key).
    pub key: String,
    /// "YYYY-MM-DD".
    pub date: String,
    pub act_kind: String,
    pub employer: String,
    pub channel: String,
    pub note: String,
    pub commitment: String,
    #[serde(default)]
    pub attachment: Option<Attachment>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActIssue {
    pub field: &'static str,
    pub msg: Msg,
}

impl FieldIssue for ActIssue {
    fn field(&self) -> &str {
        self.field
    }
    fn msg(&self) -> &Msg {
        &self.msg
    }
}

impl ActForm {
    pub fn is_blank(&self) -> bool {
        *self == ActForm::default()
    }

    /// The act, or each field's problem. `today` bounds the date; an
    /// attachment is checked for its size.
    pub fn check(
        &self,
        key: &str,
        today: Date,
        attachment: Option<Attachment>,
    ) -> Result<LoggedAct, Vec<ActIssue>> {
        let mut issues = Vec::new();
        let mut push = |field: &'static str, msg: Msg| issues.push(ActIssue { field, msg });
        let date = match parse_date_parts(&self.day, &self.month, &self.year) {
            Ok(d) if d > today => {
                push("act-date", Msg::new("percorso.act.error.future"));
                None
            }
            Ok(d) => Some(d),
            Err(p) => {
                push("act-date", p.message("percorso.act.what.date"));
                None
            }
        };
        let kind = act_kind(&self.act_kind);
        if kind.is_none() {
            push("act-kind", Msg::new("percorso.act.error.kind"));
        }
        if kind.is_some_and(SearchActKind::is_application) && self.employer.trim().is_empty() {
            push("act-employer", Msg::new("percorso.act.error.employer"));
        }
        if self.note.chars().count() > NOTE_MAX {
            push(
                "act-note",
                Msg::new("percorso.act.error.note").text("max", NOTE_MAX.to_string()),
            );
        }
        if let Some(a) = &attachment {
            if a.size > ATTACHMENT_MAX_BYTES {
                push(
                    "act-attachment",
                    Msg::new("percorso.act.error.attachment")
                        .text("name", a.name.clone())
                        .text("max", "2 MB"),
                );
            }
        }
        match (date, issues.is_empty()) {
            (Some(d), true) => Ok(LoggedAct {
                key: key.to_string(),
                date: d.to_string(),
                act_kind: self.act_kind.clone(),
                employer: self.employer.trim().to_string(),
                channel: self.channel.trim().to_string(),
                note: self.note.trim().to_string(),
                commitment: self.commitment.clone(),
                attachment,
            }),
            _ => Err(issues),
        }
    }
}

impl LoggedAct {
    /// As the progress counts it (`None` for a record it cannot read).
    pub fn as_search_act(&self) -> Option<SearchAct> {
        Some(SearchAct {
            date: Date::parse_iso(&self.date)?,
            kind: act_kind(&self.act_kind)?,
            counts_for: (!self.commitment.is_empty()).then(|| self.commitment.clone()),
            from_app: false,
        })
    }

    /// The `patto_update` submission (type `search_act`).
    pub fn payload(&self) -> serde_json::Value {
        serde_json::json!({
            "action_id": self.commitment,
            "type": "search_act",
            "date": self.date,
            "act_kind": self.act_kind,
            "employer": self.employer,
            "channel": self.channel,
            "note": self.note,
            "attachment": self.attachment,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{render, Lang};

    fn today() -> Date {
        Date::new(2026, 12, 3).unwrap()
    }

    fn form() -> ActForm {
        ActForm {
            day: "2".into(),
            month: "12".into(),
            year: "2026".into(),
            act_kind: "application".into(),
            employer: "Supermercato Demo".into(),
            channel: "Sito dell'azienda".into(),
            commitment: "C-APPS".into(),
            ..ActForm::default()
        }
    }

    #[test]
    fn a_valid_act_and_its_submission() {
        let a = form().check("k1", today(), None).unwrap();
        assert_eq!(a.date, "2026-12-02");
        let p = a.payload();
        assert_eq!(p["type"], "search_act");
        assert_eq!(p["action_id"], "C-APPS");
        assert_eq!(act_kind("fair"), Some(SearchActKind::Fair));
        assert_eq!(
            act_kind_code(SearchActKind::SelfApplication),
            "self_application"
        );
        assert_eq!(a.as_search_act().unwrap().kind, SearchActKind::Application);
    }

    #[test]
    fn each_mistake_has_its_field_and_message() {
        let bad = ActForm {
            day: "4".into(),
            act_kind: "nonsense".into(),
            note: "x".repeat(NOTE_MAX + 1),
            ..form()
        };
        let big = Attachment {
            name: "ricevuta.pdf".into(),
            mime: "application/pdf".into(),
            size: ATTACHMENT_MAX_BYTES + 1,
        };
        let issues = bad.check("k", today(), Some(big)).unwrap_err();
        let fields: Vec<&str> = issues.iter().map(|i| i.field).collect();
        assert_eq!(
            fields,
            vec!["act-date", "act-kind", "act-note", "act-attachment"]
        );
        for i in &issues {
            let t = render(Lang::It, &i.msg);
            assert!(!t.starts_with("percorso.") && !t.contains('{'), "{t}");
        }
        // Exactly the limit is fine.
        let ok = Attachment {
            name: "a.pdf".into(),
            mime: "application/pdf".into(),
            size: ATTACHMENT_MAX_BYTES,
        };
        assert!(form().check("k", today(), Some(ok)).is_ok());
        let no_employer = ActForm {
            employer: " ".into(),
            ..form()
        };
        assert_eq!(
            no_employer.check("k", today(), None).unwrap_err()[0].field,
            "act-employer"
        );
    }
}
