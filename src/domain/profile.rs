//! "Il mio profilo": the person's data once, on the device, for the DID,
//! applications, the questionnaire and the CV. This is the model, its
//! checks (a message per field) and the move from the application profile
//! the vacancy pages kept before (name, email, phone). The page comes next
//! (issue 12); nothing here touches the browser.

use crate::domain::message::Msg;
use crate::domain::vacancy_lists::Profile as ApplicationProfile;
use serde::{Deserialize, Serialize};

/// The ministerial education levels (`../shared/DOMAIN.md` §1.2,
/// TAB_STUDIOLIVELLO): code and label key.
pub const EDUCATION_LEVELS: [(u8, &str); 13] = [
    (0, "profile.edu.0"),
    (1, "profile.edu.1"),
    (2, "profile.edu.2"),
    (3, "profile.edu.3"),
    (4, "profile.edu.4"),
    (5, "profile.edu.5"),
    (6, "profile.edu.6"),
    (7, "profile.edu.7"),
    (8, "profile.edu.8"),
    (9, "profile.edu.9"),
    (10, "profile.edu.10"),
    (11, "profile.edu.11"),
    (12, "profile.edu.12"),
];

/// CEFR levels (A1–C2): the same type the vacancy feed uses for the
/// languages an offer asks for, so matching compares like with like.
pub use crate::domain::vacancy::CefrLevel as Cefr;

/// The languages the page offers (ISO 639-1; names `profile.lang.<code>`):
/// Italian, the EU's most asked for at work, and those most spoken by the
/// foreign residents who use the CPIs.
pub const LANGUAGES: [&str; 18] = [
    "it", "en", "fr", "de", "es", "pt", "ar", "zh", "ro", "sq", "uk", "ru", "pl", "hi", "bn", "ur",
    "pa", "tl",
];

/// The CEFR levels in order, with their codes ("B2").
pub const CEFR_LEVELS: [(Cefr, &str); 6] = [
    (Cefr::A1, "A1"),
    (Cefr::A2, "A2"),
    (Cefr::B1, "B1"),
    (Cefr::B2, "B2"),
    (Cefr::C1, "C1"),
    (Cefr::C2, "C2"),
];

/// Italian driving licence categories (Codice della strada, art. 116).
pub const LICENCES: [&str; 13] = [
    "AM", "A1", "A2", "A", "B1", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D",
];

/// Digital skills the person can tick (label keys `profile.digital.<id>`),
/// after the DigComp 2.2 areas: information, communication, content
/// creation, safety, problem solving.
pub const DIGITAL_SKILLS: [&str; 7] = [
    "email_web",
    "office",
    "spreadsheets",
    "online_services",
    "video_calls",
    "content",
    "programming",
];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Experience {
    /// The job as the person names it ("Commessa"): the CP 2021 list shipped
    /// goes down to its classes only (docs/reference-data.md).
    pub title: String,
    /// Profession: code and name as chosen from the list.
    pub profession_code: String,
    pub profession_name: String,
    /// Sector (ATECO): code and name.
    pub sector_code: String,
    pub sector_name: String,
    pub employer: String,
    /// "YYYY-MM"; `to` empty while it goes on.
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LanguageSkill {
    /// ISO 639-1 code ("en", "ar" …).
    pub language: String,
    pub level: Cefr,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub given_name: String,
    pub family_name: String,
    pub codice_fiscale: String,
    /// "M", "F" or empty (as on the codice fiscale and the DID).
    pub sex: String,
    /// "YYYY-MM-DD", or empty.
    pub birth_date: String,
    /// Comune or foreign state of birth: Belfiore code and name.
    pub birthplace_code: String,
    pub birthplace_name: String,
    /// Where the person lives now (domicile): the comune's ISTAT code and
    /// name, CAP and street. Distances to offers are measured from it.
    pub domicile_istat: String,
    pub domicile_name: String,
    pub domicile_cap: String,
    pub domicile_address: String,
    pub email: String,
    pub phone: String,
    pub education_level: Option<u8>,
    /// The title as the person names it ("Diploma di ragioneria").
    pub education_title: String,
    pub experiences: Vec<Experience>,
    pub languages: Vec<LanguageSkill>,
    /// Digital skills, ids of [`DIGITAL_SKILLS`].
    pub digital_skills: Vec<String>,
    pub licences: Vec<String>,
    /// How far the person will travel for work, km.
    pub mobility_km: Option<u32>,
    pub full_time: bool,
    pub part_time: bool,
    pub shifts: bool,
    /// Hours a week the person can work.
    pub hours_per_week: Option<u8>,
    /// "YYYY-MM-DD" from which the person can start, or empty (at once).
    pub available_from: String,
    /// A few lines about themselves, for the CV.
    pub about: String,
    pub care_duties: bool,
    /// Civil disability recognised for L. 68/1999, percent.
    pub disability_percent: Option<u8>,
}

impl Profile {
    /// The application profile of earlier versions, moved: "Maria Rossi"
    /// becomes given name "Maria" and family name "Rossi" (the first word
    /// and the rest: the person can correct it on the profile page).
    pub fn from_application(old: &ApplicationProfile) -> Profile {
        let (given_name, family_name) = split_name(&old.name);
        Profile {
            given_name,
            family_name,
            email: old.email.trim().to_string(),
            phone: old.phone.trim().to_string(),
            ..Profile::default()
        }
    }

    /// What the `personal` store holds under the profile's key: this
    /// profile, or the application profile of earlier versions (it has a
    /// single `name`), moved over. `None` when it is neither.
    pub fn from_stored(value: serde_json::Value) -> Option<Profile> {
        let legacy = value.get("name").is_some() && value.get("given_name").is_none();
        if legacy {
            serde_json::from_value::<ApplicationProfile>(value)
                .ok()
                .map(|old| Profile::from_application(&old))
        } else {
            serde_json::from_value(value).ok()
        }
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
            .trim()
            .to_string()
    }
}

/// "Maria De Luca" → ("Maria", "De Luca"): the first word and the rest.
pub fn split_name(full: &str) -> (String, String) {
    let name = full.trim();
    let (given, family) = name.split_once(char::is_whitespace).unwrap_or((name, ""));
    (given.trim().to_string(), family.trim().to_string())
}

/// One problem: a field path ("experience-2-from") and its message.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileIssue {
    pub field: String,
    pub msg: Msg,
}

impl crate::domain::message::FieldIssue for ProfileIssue {
    fn field(&self) -> &str {
        &self.field
    }
    fn msg(&self) -> &Msg {
        &self.msg
    }
}

fn issue(field: impl Into<String>, msg: Msg) -> ProfileIssue {
    ProfileIssue {
        field: field.into(),
        msg,
    }
}

/// "YYYY-MM" with a real month.
fn year_month(text: &str) -> Option<(i32, u8)> {
    let (y, m) = text.trim().split_once('-')?;
    let (y, m) = (y.parse::<i32>().ok()?, m.parse::<u8>().ok()?);
    ((1900..=2100).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}

/// Check one experience, the `n`th; its fields are `{prefix}-profession`,
/// `{prefix}-from` and `{prefix}-to` (the profile page's editor uses its
/// own ids, the stored list `experience-{n}`).
pub fn validate_experience(
    e: &Experience,
    n: usize,
    prefix: &str,
    today: (i32, u8),
) -> Vec<ProfileIssue> {
    let mut out = Vec::new();
    if e.profession_name.trim().is_empty() {
        out.push(issue(
            format!("{prefix}-profession"),
            Msg::new("profile.error.profession").text("n", n.to_string()),
        ));
    }
    let from = year_month(&e.from);
    match from {
        None => out.push(issue(
            format!("{prefix}-from"),
            Msg::new("profile.error.month").text("n", n.to_string()),
        )),
        Some(f) if f > today => out.push(issue(
            format!("{prefix}-from"),
            Msg::new("profile.error.future").text("n", n.to_string()),
        )),
        Some(_) => {}
    }
    if !e.to.trim().is_empty() {
        match (from, year_month(&e.to)) {
            (_, None) => out.push(issue(
                format!("{prefix}-to"),
                Msg::new("profile.error.month").text("n", n.to_string()),
            )),
            (Some(f), Some(t)) if t < f => out.push(issue(
                format!("{prefix}-to"),
                Msg::new("profile.error.order").text("n", n.to_string()),
            )),
            (_, Some(t)) if t > today => out.push(issue(
                format!("{prefix}-to"),
                Msg::new("profile.error.future_end").text("n", n.to_string()),
            )),
            _ => {}
        }
    }
    out
}

/// Check the profile; `today` as (year, month) bounds the experiences.
pub fn validate(p: &Profile, today: (i32, u8)) -> Vec<ProfileIssue> {
    let mut out = Vec::new();
    let email = p.email.trim();
    if !email.is_empty() {
        let ok = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }) && !email.contains(char::is_whitespace);
        if !ok {
            out.push(issue(
                "profile-email",
                Msg::new("profile.error.email").text("value", email),
            ));
        }
    }
    if let Some(level) = p.education_level {
        if usize::from(level) >= EDUCATION_LEVELS.len() {
            out.push(issue(
                "profile-education",
                Msg::new("profile.error.education"),
            ));
        }
    }
    if let Some(pct) = p.disability_percent {
        if !(1..=100).contains(&pct) {
            out.push(issue(
                "profile-disability",
                Msg::new("profile.error.percent"),
            ));
        }
    }
    if p.mobility_km.is_some_and(|km| km > 500) {
        out.push(issue(
            "profile-mobility",
            Msg::new("profile.error.mobility"),
        ));
    }
    for l in &p.licences {
        if !LICENCES.contains(&l.as_str()) {
            out.push(issue(
                "profile-licences",
                Msg::new("profile.error.licence").text("value", l.clone()),
            ));
        }
    }
    for (i, e) in p.experiences.iter().enumerate() {
        out.extend(validate_experience(
            e,
            i + 1,
            &format!("experience-{}", i + 1),
            today,
        ));
    }
    let mut seen = Vec::new();
    for l in &p.languages {
        let code = l.language.trim().to_ascii_lowercase();
        let shape = code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase());
        if !shape || seen.contains(&code) {
            out.push(issue(
                "profile-languages",
                Msg::new("profile.error.language").text("value", l.language.clone()),
            ));
        }
        seen.push(code);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{render, Lang};

    const TODAY: (i32, u8) = (2026, 12);

    fn experience(from: &str, to: &str) -> Experience {
        Experience {
            profession_name: "Magazziniere".into(),
            from: from.into(),
            to: to.into(),
            ..Experience::default()
        }
    }

    #[test]
    fn the_old_application_profile_moves_over() {
        let old = ApplicationProfile {
            name: "  Maria  De Luca ".into(),
            email: "maria@example.it ".into(),
            phone: "+39 051 123456".into(),
        };
        let p = Profile::from_application(&old);
        assert_eq!(
            (p.given_name.as_str(), p.family_name.as_str()),
            ("Maria", "De Luca")
        );
        assert_eq!(p.email, "maria@example.it");
        assert_eq!(p.full_name(), "Maria De Luca");
        let one = Profile::from_application(&ApplicationProfile {
            name: "Cher".into(),
            ..old
        });
        assert_eq!(
            (one.given_name.as_str(), one.family_name.as_str()),
            ("Cher", "")
        );
    }

    #[test]
    fn what_the_store_holds_is_read_old_or_new() {
        let old =
            serde_json::json!({"name": "Maria Rossi", "email": "m@example.it", "phone": "051"});
        let p = Profile::from_stored(old).unwrap();
        assert_eq!(
            (p.given_name.as_str(), p.family_name.as_str()),
            ("Maria", "Rossi")
        );
        let new = serde_json::to_value(&p).unwrap();
        assert_eq!(Profile::from_stored(new), Some(p));
        assert_eq!(Profile::from_stored(serde_json::json!([1, 2])), None);
    }

    #[test]
    fn a_full_valid_profile_has_no_issue() {
        let p = Profile {
            email: "giulia@example.it".into(),
            education_level: Some(7),
            experiences: vec![experience("2019-03", "2024-11"), experience("2025-01", "")],
            languages: vec![LanguageSkill {
                language: "en".into(),
                level: Cefr::B2,
            }],
            licences: vec!["B".into()],
            mobility_km: Some(30),
            disability_percent: Some(46),
            ..Profile::default()
        };
        assert_eq!(validate(&p, TODAY), vec![]);
    }

    #[test]
    fn each_mistake_is_named_with_its_field() {
        let p = Profile {
            email: "giulia@example".into(),
            education_level: Some(13),
            experiences: vec![
                experience("2027-01", ""),
                experience("2024-13", ""),
                experience("2024-05", "2023-01"),
            ],
            languages: vec![
                LanguageSkill {
                    language: "en".into(),
                    level: Cefr::B2,
                },
                LanguageSkill {
                    language: "EN".into(),
                    level: Cefr::C1,
                },
            ],
            licences: vec!["Z".into()],
            mobility_km: Some(900),
            disability_percent: Some(0),
            ..Profile::default()
        };
        let fields: Vec<String> = validate(&p, TODAY).into_iter().map(|i| i.field).collect();
        for f in [
            "profile-email",
            "profile-education",
            "profile-disability",
            "profile-mobility",
            "profile-licences",
            "experience-1-from",
            "experience-2-from",
            "experience-3-to",
            "profile-languages",
        ] {
            assert!(fields.iter().any(|x| x == f), "{f} in {fields:?}");
        }
    }

    #[test]
    fn every_message_reads_in_every_language() {
        let p = Profile {
            email: "x".into(),
            education_level: Some(40),
            experiences: vec![
                Experience::default(),
                experience("2030-01", "x"),
                experience("2024-05", "2023-01"),
            ],
            languages: vec![LanguageSkill {
                language: "english".into(),
                level: Cefr::A1,
            }],
            licences: vec!["Q".into()],
            mobility_km: Some(501),
            disability_percent: Some(101),
            ..Profile::default()
        };
        let issues = validate(&p, TODAY);
        assert!(issues.len() >= 10, "{issues:?}");
        for lang in Lang::ALL {
            for i in &issues {
                let text = render(lang, &i.msg);
                assert_ne!(text, i.msg.key, "{lang:?} lacks {}", i.msg.key);
                assert!(!text.contains('{'), "{lang:?}: {text}");
            }
            for (_, key) in EDUCATION_LEVELS {
                assert_ne!(render(lang, &Msg::new(key)), key, "{lang:?} lacks {key}");
            }
        }
    }

    #[test]
    fn the_profile_survives_storage_and_grows_without_breaking() {
        let p = Profile {
            given_name: "Amina".into(),
            languages: vec![LanguageSkill {
                language: "ar".into(),
                level: Cefr::C2,
            }],
            ..Profile::default()
        };
        let back: Profile = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
        let older: Profile = serde_json::from_str(r#"{"given_name":"Luca"}"#).unwrap();
        assert_eq!(older.given_name, "Luca");
        assert!(older.experiences.is_empty());
    }
}
