//! The application form ("candidatura"), its checks, its payload and the
//! profile remembered after a first application.

use crate::domain::contact::{is_plausible_email, is_plausible_phone};
use crate::domain::profile::{split_name, Profile as MyProfile};
use crate::domain::vacancy::Vacancy;
use serde::{Deserialize, Serialize};

/// Key in the `personal` store.
pub const PROFILE_KEY: &str = "profile";

/// What earlier versions remembered after a first application; now moved
/// into "Il mio profilo" when read ([`crate::domain::profile::Profile::from_stored`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// The application form ("candidatura").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ApplicationForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub message: String,
    /// Consent to remember name, email and phone on this device.
    pub remember: bool,
}

pub const APPLICATION_MESSAGE_MAX: usize = 1000;
pub const NAME_MAX: usize = 100;

/// A field id and the translation key of what is wrong with it.
pub type FieldError = (&'static str, &'static str);

pub fn validate_application(form: &ApplicationForm) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name = form.name.trim();
    if name.is_empty() {
        errors.push(("apply-name", "vacancies.apply.err.name_required"));
    } else if name.chars().count() > NAME_MAX {
        errors.push(("apply-name", "vacancies.apply.err.name_too_long"));
    }
    let email = form.email.trim();
    if email.is_empty() {
        errors.push(("apply-email", "vacancies.apply.err.email_required"));
    } else if !is_plausible_email(email) {
        errors.push(("apply-email", "vacancies.apply.err.email_invalid"));
    }
    let phone = form.phone.trim();
    if phone.is_empty() {
        errors.push(("apply-phone", "vacancies.apply.err.phone_required"));
    } else if !is_plausible_phone(phone) {
        errors.push(("apply-phone", "vacancies.apply.err.phone_invalid"));
    }
    if form.message.trim().chars().count() > APPLICATION_MESSAGE_MAX {
        errors.push(("apply-message", "vacancies.apply.err.message_too_long"));
    }
    errors
}

impl ApplicationForm {
    /// Prefilled from the person's profile.
    pub fn from_profile(p: &MyProfile) -> Self {
        let name = p.full_name();
        ApplicationForm {
            remember: !name.is_empty() || !p.email.is_empty(),
            name,
            email: p.email.clone(),
            phone: p.phone.clone(),
            message: String::new(),
        }
    }

    /// With consent, name, email and phone go into the profile; without,
    /// they leave it (the rest of the profile stays).
    pub fn update_profile(&self, p: &mut MyProfile) {
        if self.remember {
            (p.given_name, p.family_name) = split_name(&self.name);
            p.email = self.email.trim().to_string();
            p.phone = self.phone.trim().to_string();
        } else {
            p.given_name.clear();
            p.family_name.clear();
            p.email.clear();
            p.phone.clear();
        }
    }
}

/// The JSON sent to `POST /applications` (the demo API requires `vacancy_id`),
/// with the CV made from the profile when the person attaches it.
pub fn application_payload(
    vacancy: &Vacancy,
    form: &ApplicationForm,
    cv: Option<&crate::domain::cv::Cv>,
) -> serde_json::Value {
    let mut payload = serde_json::json!({
        "vacancy_id": vacancy.id,
        "vacancy_title": vacancy.title,
        "employer": vacancy.employer.name,
        "workplace": format!("{} ({})", vacancy.workplace.name, vacancy.workplace.province),
        "name": form.name.trim(),
        "email": form.email.trim(),
        "phone": form.phone.trim(),
        "message": form.message.trim(),
    });
    if let (Some(cv), Some(map)) = (cv, payload.as_object_mut()) {
        map.insert("cv".into(), serde_json::to_value(cv).unwrap_or_default());
    }
    payload
}

/// The vacancy id an outbox payload is about, if it is an application.
pub fn payload_vacancy_id(payload: &serde_json::Value) -> Option<&str> {
    payload.get("vacancy_id").and_then(|v| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vacancy::parse_vacancy_feed;

    #[test]
    fn application_validation_messages() {
        let empty = ApplicationForm::default();
        let errs = validate_application(&empty);
        let keys: Vec<&str> = errs.iter().map(|e| e.1).collect();
        assert_eq!(
            keys,
            [
                "vacancies.apply.err.name_required",
                "vacancies.apply.err.email_required",
                "vacancies.apply.err.phone_required"
            ]
        );
        let bad = ApplicationForm {
            name: "Maria Rossi".into(),
            email: "maria@".into(),
            phone: "12ab".into(),
            message: "x".repeat(APPLICATION_MESSAGE_MAX + 1),
            remember: false,
        };
        let keys: Vec<&str> = validate_application(&bad).iter().map(|e| e.1).collect();
        assert_eq!(
            keys,
            [
                "vacancies.apply.err.email_invalid",
                "vacancies.apply.err.phone_invalid",
                "vacancies.apply.err.message_too_long"
            ]
        );
        let good = ApplicationForm {
            name: " Maria Rossi ".into(),
            email: "maria.rossi@example.it".into(),
            phone: "+39 051 123456".into(),
            message: String::new(),
            remember: true,
        };
        assert!(validate_application(&good).is_empty());
        let mut p = MyProfile {
            mobility_km: Some(25),
            ..MyProfile::default()
        };
        good.update_profile(&mut p);
        assert_eq!(
            (p.given_name.as_str(), p.family_name.as_str()),
            ("Maria", "Rossi")
        );
        let again = ApplicationForm::from_profile(&p);
        assert!(again.remember && again.message.is_empty());
        assert_eq!(again.name, "Maria Rossi");
        // Unticked: the contact data leave the profile, the rest stays.
        ApplicationForm {
            remember: false,
            ..good
        }
        .update_profile(&mut p);
        assert_eq!(p.full_name(), "");
        assert!(p.email.is_empty() && p.phone.is_empty());
        assert_eq!(p.mobility_km, Some(25));
    }

    #[test]
    fn payload_carries_the_vacancy_id() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/data/vacancies.json"
        ))
        .unwrap();
        let (offers, _) = parse_vacancy_feed(&text).unwrap();
        let f = ApplicationForm {
            name: "A".into(),
            email: "a@b.it".into(),
            phone: "051123456".into(),
            ..Default::default()
        };
        let p = application_payload(&offers[0], &f, None);
        assert_eq!(payload_vacancy_id(&p), Some(offers[0].id.as_str()));
        assert_eq!(p["email"], "a@b.it");
        assert!(p.get("cv").is_none(), "no CV unless attached");
        let cv = crate::domain::cv::Cv {
            name: "A B".into(),
            ..Default::default()
        };
        let with_cv = application_payload(&offers[0], &f, Some(&cv));
        assert_eq!(with_cv["cv"]["name"], "A B");
        assert_eq!(
            payload_vacancy_id(&serde_json::json!({"subject": "x"})),
            None
        );
    }
}
