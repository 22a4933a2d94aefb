//! What the person answers about an appointment: confirm it, ask to move it,
//! or justify an absence (docs/percorso-api.md, `patto_update` types
//! `confirm`, `reschedule`, `justify`). The form, its checks and the payload.

use crate::domain::message::{FieldIssue, Msg};
use crate::domain::percorso::JustifyReason;
use serde::{Deserialize, Serialize};

/// The longest reason, characters.
pub const REASON_MAX: usize = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Confirm,
    Reschedule,
    Justify,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Confirm => "confirm",
            Action::Reschedule => "reschedule",
            Action::Justify => "justify",
        }
    }

    pub fn from_code(code: &str) -> Option<Action> {
        [Action::Confirm, Action::Reschedule, Action::Justify]
            .into_iter()
            .find(|a| a.code() == code)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    pub appointment_id: String,
    /// `reschedule` or `justify` while its small form is open.
    pub action: String,
    pub reason: String,
    pub preferred: String,
    pub reason_kind: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActionIssue {
    pub field: &'static str,
    pub msg: Msg,
}

impl FieldIssue for ActionIssue {
    fn field(&self) -> &str {
        self.field
    }
    fn msg(&self) -> &Msg {
        &self.msg
    }
}

fn reason_kind(code: &str) -> Option<JustifyReason> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

impl ActionForm {
    pub fn is_blank(&self) -> bool {
        *self == ActionForm::default()
    }

    /// The `patto_update` payload for `action`, or what is missing.
    pub fn payload(&self, action: Action) -> Result<serde_json::Value, Vec<ActionIssue>> {
        let mut issues = Vec::new();
        let reason = self.reason.trim();
        let needs_reason = action != Action::Confirm;
        if needs_reason && reason.chars().count() < 5 {
            issues.push(ActionIssue {
                field: "appt-reason",
                msg: Msg::new("percorso.appt.error.reason"),
            });
        }
        if reason.chars().count() > REASON_MAX {
            issues.push(ActionIssue {
                field: "appt-reason",
                msg: Msg::new("percorso.appt.error.reason_long")
                    .text("max", REASON_MAX.to_string()),
            });
        }
        let kind = reason_kind(&self.reason_kind);
        if action == Action::Justify && kind.is_none() {
            issues.push(ActionIssue {
                field: "appt-reason-kind",
                msg: Msg::new("percorso.appt.error.reason_kind"),
            });
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        let mut p = serde_json::json!({"action_id": self.appointment_id, "type": action.code()});
        if let Some(map) = p.as_object_mut() {
            match action {
                Action::Confirm => {}
                Action::Reschedule => {
                    map.insert("reason".into(), reason.into());
                    map.insert("preferred".into(), self.preferred.trim().into());
                }
                Action::Justify => {
                    map.insert("reason_kind".into(), self.reason_kind.clone().into());
                    map.insert("reason".into(), reason.into());
                }
            }
        }
        Ok(p)
    }
}

/// The appointment and action an outbox payload is about, if it is one.
pub fn payload_action(payload: &serde_json::Value) -> Option<(&str, Action)> {
    let id = payload.get("action_id")?.as_str()?;
    let action = Action::from_code(payload.get("type")?.as_str()?)?;
    Some((id, action))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_has_its_payload_and_checks() {
        let f = ActionForm {
            appointment_id: "APP-1".into(),
            ..ActionForm::default()
        };
        let confirm = f.payload(Action::Confirm).unwrap();
        assert_eq!(confirm["type"], "confirm");
        assert_eq!(payload_action(&confirm), Some(("APP-1", Action::Confirm)));
        let fields: Vec<&str> = f
            .payload(Action::Justify)
            .unwrap_err()
            .iter()
            .map(|i| i.field)
            .collect();
        assert_eq!(fields, vec!["appt-reason", "appt-reason-kind"]);
        let r = ActionForm {
            reason: "Ho un colloquio di lavoro".into(),
            preferred: "Il pomeriggio".into(),
            ..f.clone()
        };
        let p = r.payload(Action::Reschedule).unwrap();
        assert_eq!(p["preferred"], "Il pomeriggio");
        let j = ActionForm {
            reason_kind: "illness".into(),
            ..r
        };
        assert_eq!(
            j.payload(Action::Justify).unwrap()["reason_kind"],
            "illness"
        );
    }
}
