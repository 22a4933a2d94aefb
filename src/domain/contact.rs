//! A written message to a CPI ("Scrivi al tuo CPI"): the form's data and
//! its validation. Errors are translation keys so every language gets them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MessageForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub cpi_id: String,
    pub subject: String,
    pub body: String,
}

impl MessageForm {
    /// True when anything at all was typed (a draft worth saying it was restored).
    pub fn has_content(&self) -> bool {
        *self != MessageForm::default()
    }

    /// The form once a message is queued: the sender's details stay for
    /// the next message, the office and the message itself are cleared.
    pub fn after_send(&self) -> MessageForm {
        MessageForm {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            ..Default::default()
        }
    }
}

pub const SUBJECT_MAX: usize = 120;
pub const BODY_MAX: usize = 2000;

/// A field and the translation key of what is wrong with it.
pub type FieldError = (&'static str, &'static str);

pub fn validate(form: &MessageForm) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if form.name.trim().is_empty() {
        errors.push(("name", "validation.name_required"));
    }
    let email = form.email.trim();
    if email.is_empty() {
        errors.push(("email", "validation.email_required"));
    } else if !is_plausible_email(email) {
        errors.push(("email", "validation.email_invalid"));
    }
    let phone = form.phone.trim();
    if !phone.is_empty() && !is_plausible_phone(phone) {
        errors.push(("phone", "validation.phone_invalid"));
    }
    if form.cpi_id.trim().is_empty() {
        errors.push(("cpi_id", "validation.cpi_required"));
    }
    let subject = form.subject.trim();
    if subject.is_empty() {
        errors.push(("subject", "validation.subject_required"));
    } else if subject.chars().count() > SUBJECT_MAX {
        errors.push(("subject", "validation.subject_too_long"));
    }
    let body = form.body.trim();
    if body.is_empty() {
        errors.push(("body", "validation.body_required"));
    } else if body.chars().count() > BODY_MAX {
        errors.push(("body", "validation.body_too_long"));
    }
    errors
}

/// One `@`, something before it, a dot in the domain, no spaces.
pub fn is_plausible_email(s: &str) -> bool {
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && !s.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// Italian or international numbers: digits, spaces, an optional leading +,
/// 6 to 15 digits.
pub fn is_plausible_phone(s: &str) -> bool {
    let rest = s.strip_prefix('+').unwrap_or(s);
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    rest.chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '.' || c == '-' || c == '/')
        && (6..=15).contains(&digits)
}

/// The JSON sent to `POST /messages`.
pub fn payload(form: &MessageForm) -> serde_json::Value {
    serde_json::json!({
        "name": form.name.trim(),
        "email": form.email.trim(),
        "phone": form.phone.trim(),
        "cpi_id": form.cpi_id.trim(),
        "subject": form.subject.trim(),
        "body": form.body.trim(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> MessageForm {
        MessageForm {
            name: "Maria Rossi".into(),
            email: "maria.rossi@example.it".into(),
            phone: "+39 051 123456".into(),
            cpi_id: "cpi-bologna".into(),
            subject: "Appuntamento".into(),
            body: "Vorrei fissare un appuntamento.".into(),
        }
    }

    #[test]
    fn a_complete_form_is_valid() {
        assert!(validate(&good()).is_empty());
    }

    #[test]
    fn each_problem_has_its_own_key() {
        let f = MessageForm {
            email: "maria@".into(),
            phone: "12a".into(),
            subject: "x".repeat(121),
            ..Default::default()
        };
        let errors = validate(&f);
        assert!(errors.contains(&("name", "validation.name_required")));
        assert!(errors.contains(&("email", "validation.email_invalid")));
        assert!(errors.contains(&("phone", "validation.phone_invalid")));
        assert!(errors.contains(&("cpi_id", "validation.cpi_required")));
        assert!(errors.contains(&("subject", "validation.subject_too_long")));
        assert!(errors.contains(&("body", "validation.body_required")));
    }

    #[test]
    fn emails_and_phones() {
        for ok in ["a@b.it", "nome.cognome+cpi@posta.example.com"] {
            assert!(is_plausible_email(ok), "{ok}");
        }
        for bad in [
            "", "a", "a@b", "a@@b.it", "a b@c.it", "@b.it", "a@.it", "a@b..it", "a@b.it.",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
        assert!(is_plausible_phone("051 6598111"));
        assert!(is_plausible_phone("+39 333 1234567"));
        assert!(!is_plausible_phone("12345"));
        assert!(!is_plausible_phone("051-abc"));
    }

    #[test]
    fn content_is_any_field_typed() {
        assert!(!MessageForm::default().has_content());
        assert!(good().has_content());
        let spaces = MessageForm {
            body: " ".into(),
            ..Default::default()
        };
        assert!(spaces.has_content());
    }

    #[test]
    fn after_send_keeps_only_the_sender() {
        let after = good().after_send();
        assert_eq!(after.name, "Maria Rossi");
        assert_eq!(after.email, "maria.rossi@example.it");
        assert_eq!(after.phone, "+39 051 123456");
        assert!(after.cpi_id.is_empty() && after.subject.is_empty() && after.body.is_empty());
        assert_eq!(MessageForm::default().after_send(), MessageForm::default());
    }

    #[test]
    fn payload_is_trimmed() {
        let mut f = good();
        f.subject = "  Appuntamento  ".into();
        assert_eq!(payload(&f)["subject"], "Appuntamento");
    }
}
