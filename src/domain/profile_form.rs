//! The profile page's form: what the person types (every box a string,
//! dates in three boxes), to and from [`Profile`]. `to_profile` checks it
//! all and names each problem with its field's id, so the page can put the
//! message next to the field and in the error summary.

use crate::domain::codice_fiscale::{self as cf, CfKind};
use crate::domain::date::Date;
use crate::domain::did::{cf_msg, is_cap, parse_date_parts, DateProblem};
use crate::domain::message::Msg;
use crate::domain::profile::{
    validate, Experience, LanguageSkill, Profile, ProfileIssue, DIGITAL_SKILLS, EDUCATION_LEVELS,
};
use serde::{Deserialize, Serialize};

/// The most hours a week the page accepts (the EU working time limit).
pub const MAX_HOURS_PER_WEEK: u8 = 48;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub given_name: String,
    pub family_name: String,
    pub codice_fiscale: String,
    pub sex: String,
    pub birth_day: String,
    pub birth_month: String,
    pub birth_year: String,
    /// Kept as they came from the DID (the page does not edit them).
    pub birthplace_code: String,
    pub birthplace_name: String,
    /// The domicile comune: what the box shows, and its ISTAT code once chosen.
    pub dom_query: String,
    pub dom_istat: String,
    pub dom_cap: String,
    pub dom_address: String,
    pub email: String,
    pub phone: String,
    pub education_level: String,
    pub education_title: String,
    pub experiences: Vec<Experience>,
    pub languages: Vec<LanguageSkill>,
    pub digital_skills: Vec<String>,
    pub licences: Vec<String>,
    pub mobility_km: String,
    pub full_time: bool,
    pub part_time: bool,
    pub shifts: bool,
    pub hours_per_week: String,
    pub avail_day: String,
    pub avail_month: String,
    pub avail_year: String,
    pub care_duties: bool,
    /// "yes", "no" or empty: whether a civil disability is recognised.
    pub disability: String,
    pub disability_percent: String,
    pub about: String,
}

fn date_boxes(iso: &str) -> (String, String, String) {
    Date::parse_iso(iso)
        .map(|d| (d.day.to_string(), d.month.to_string(), d.year.to_string()))
        .unwrap_or_default()
}

fn number_text<T: ToString>(n: Option<T>) -> String {
    n.map(|v| v.to_string()).unwrap_or_default()
}

impl ProfileForm {
    pub fn from_profile(p: &Profile) -> ProfileForm {
        let (birth_day, birth_month, birth_year) = date_boxes(&p.birth_date);
        let (avail_day, avail_month, avail_year) = date_boxes(&p.available_from);
        ProfileForm {
            given_name: p.given_name.clone(),
            family_name: p.family_name.clone(),
            codice_fiscale: p.codice_fiscale.clone(),
            sex: p.sex.clone(),
            birth_day,
            birth_month,
            birth_year,
            birthplace_code: p.birthplace_code.clone(),
            birthplace_name: p.birthplace_name.clone(),
            dom_query: p.domicile_name.clone(),
            dom_istat: p.domicile_istat.clone(),
            dom_cap: p.domicile_cap.clone(),
            dom_address: p.domicile_address.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            education_level: number_text(p.education_level),
            education_title: p.education_title.clone(),
            experiences: p.experiences.clone(),
            languages: p.languages.clone(),
            digital_skills: p.digital_skills.clone(),
            licences: p.licences.clone(),
            mobility_km: number_text(p.mobility_km),
            full_time: p.full_time,
            part_time: p.part_time,
            shifts: p.shifts,
            hours_per_week: number_text(p.hours_per_week),
            avail_day,
            avail_month,
            avail_year,
            care_duties: p.care_duties,
            disability: match p.disability_percent {
                Some(_) => "yes".into(),
                None => String::new(),
            },
            disability_percent: number_text(p.disability_percent),
            about: p.about.clone(),
        }
    }

    /// Nothing typed at all (no "draft restored" notice for it).
    pub fn is_blank(&self) -> bool {
        *self == ProfileForm::default()
    }

    /// The profile, or every problem with its field id. `today` bounds the
    /// birth date and the experiences.
    pub fn to_profile(&self, today: Date) -> Result<Profile, Vec<ProfileIssue>> {
        let mut issues = Vec::new();
        let mut push = |field: &str, msg: Msg| {
            issues.push(ProfileIssue {
                field: field.to_string(),
                msg,
            })
        };

        let code = cf::normalize(&self.codice_fiscale);
        if !code.is_empty() {
            match cf::validate_format(&code, today) {
                Err(e) => push("profile-cf", cf_msg(&e)),
                Ok(found) if !matches!(found.kind, CfKind::Personal(_)) => {
                    push("profile-cf", Msg::new("profile.error.cf_provisional"))
                }
                Ok(_) => {}
            }
        }
        let birth_date =
            match parse_date_parts(&self.birth_day, &self.birth_month, &self.birth_year) {
                Ok(d) if d > today => {
                    push("profile-birth", Msg::new("profile.error.birth_future"));
                    String::new()
                }
                Ok(d) => d.to_string(),
                Err(DateProblem::Missing) => String::new(),
                Err(p) => {
                    push("profile-birth", p.message("profile.what.birth"));
                    String::new()
                }
            };
        let available_from =
            match parse_date_parts(&self.avail_day, &self.avail_month, &self.avail_year) {
                Ok(d) => d.to_string(),
                Err(DateProblem::Missing) => String::new(),
                Err(p) => {
                    push("profile-available", p.message("profile.what.available"));
                    String::new()
                }
            };
        if !self.dom_query.trim().is_empty() && self.dom_istat.is_empty() {
            push("profile-domicile", Msg::new("profile.error.domicile"));
        }
        let cap = self.dom_cap.trim();
        if !cap.is_empty() && !is_cap(cap) {
            push(
                "profile-cap",
                Msg::new("profile.error.cap").text("value", cap),
            );
        }
        let phone = self.phone.trim();
        let phone_ok = phone.is_empty()
            || (phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-./()".contains(c))
                && (6..=15).contains(&phone.chars().filter(char::is_ascii_digit).count()));
        if !phone_ok {
            push(
                "profile-phone",
                Msg::new("profile.error.phone").text("value", phone),
            );
        }
        let education_level = match self.education_level.trim() {
            "" => None,
            t => match t.parse::<u8>() {
                Ok(n) if usize::from(n) < EDUCATION_LEVELS.len() => Some(n),
                _ => {
                    push("profile-education", Msg::new("profile.error.education"));
                    None
                }
            },
        };
        let mobility_km = whole_number(&self.mobility_km, 0, 500).unwrap_or_else(|()| {
            push("profile-mobility", Msg::new("profile.error.mobility"));
            None
        });
        let hours_per_week = whole_number(&self.hours_per_week, 1, u32::from(MAX_HOURS_PER_WEEK))
            .unwrap_or_else(|()| {
                push(
                    "profile-hours",
                    Msg::new("profile.error.hours").text("max", MAX_HOURS_PER_WEEK.to_string()),
                );
                None
            });
        let disability_percent = if self.disability == "yes" {
            match whole_number(&self.disability_percent, 1, 100) {
                Ok(Some(n)) => u8::try_from(n).ok(),
                Ok(None) => {
                    push(
                        "profile-disability-percent",
                        Msg::new("profile.error.percent_missing"),
                    );
                    None
                }
                Err(()) => {
                    push(
                        "profile-disability-percent",
                        Msg::new("profile.error.percent"),
                    );
                    None
                }
            }
        } else {
            None
        };
        let digital_skills: Vec<String> = DIGITAL_SKILLS
            .iter()
            .filter(|s| self.digital_skills.iter().any(|x| x == *s))
            .map(|s| s.to_string())
            .collect();

        let profile = Profile {
            given_name: self.given_name.trim().to_string(),
            family_name: self.family_name.trim().to_string(),
            codice_fiscale: code,
            sex: self.sex.clone(),
            birth_date,
            birthplace_code: self.birthplace_code.clone(),
            birthplace_name: self.birthplace_name.clone(),
            domicile_istat: self.dom_istat.clone(),
            domicile_name: self.dom_query.trim().to_string(),
            domicile_cap: cap.to_string(),
            domicile_address: self.dom_address.trim().to_string(),
            email: self.email.trim().to_string(),
            phone: phone.to_string(),
            education_level,
            education_title: self.education_title.trim().to_string(),
            experiences: self.experiences.clone(),
            languages: self.languages.clone(),
            digital_skills,
            licences: self.licences.clone(),
            mobility_km,
            full_time: self.full_time,
            part_time: self.part_time,
            shifts: self.shifts,
            hours_per_week: hours_per_week.and_then(|h| u8::try_from(h).ok()),
            available_from,
            about: self.about.trim().to_string(),
            care_duties: self.care_duties,
            disability_percent,
        };
        // The model's own checks (email, lists), on what parsed.
        let month = (today.year, today.month);
        for i in validate(&profile, month) {
            if !issues.iter().any(|x| x.field == i.field) {
                issues.push(i);
            }
        }
        if issues.is_empty() {
            Ok(profile)
        } else {
            Err(issues)
        }
    }
}

/// An optional whole number in `min..=max`: `Ok(None)` when empty.
fn whole_number(text: &str, min: u32, max: u32) -> Result<Option<u32>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{render, Lang};

    fn today() -> Date {
        Date::new(2026, 12, 3).unwrap()
    }

    fn filled() -> ProfileForm {
        ProfileForm {
            given_name: " Giulia ".into(),
            family_name: "Bianchi".into(),
            codice_fiscale: "bncgli94c52a944g".into(),
            sex: "F".into(),
            birth_day: "12".into(),
            birth_month: "3".into(),
            birth_year: "1994".into(),
            dom_query: "Bologna (BO)".into(),
            dom_istat: "037006".into(),
            dom_cap: "40121".into(),
            email: "giulia@example.it".into(),
            phone: "+39 333 1234567".into(),
            education_level: "7".into(),
            mobility_km: "25".into(),
            hours_per_week: "36".into(),
            avail_day: "1".into(),
            avail_month: "2".into(),
            avail_year: "2027".into(),
            disability: "yes".into(),
            disability_percent: "46".into(),
            digital_skills: vec!["office".into(), "nonsense".into(), "email_web".into()],
            ..ProfileForm::default()
        }
    }

    #[test]
    fn a_filled_form_becomes_a_profile_and_back() {
        let p = filled().to_profile(today()).expect("valid");
        assert_eq!(p.given_name, "Giulia");
        assert_eq!(p.codice_fiscale, "BNCGLI94C52A944G");
        assert_eq!(p.birth_date, "1994-03-12");
        assert_eq!(p.available_from, "2027-02-01");
        assert_eq!(p.mobility_km, Some(25));
        assert_eq!(p.hours_per_week, Some(36));
        assert_eq!(p.disability_percent, Some(46));
        assert_eq!(p.digital_skills, vec!["email_web", "office"]);
        let back = ProfileForm::from_profile(&p);
        assert_eq!(back.to_profile(today()), Ok(p));
    }

    #[test]
    fn an_empty_form_is_a_valid_empty_profile() {
        assert!(ProfileForm::default().is_blank());
        assert_eq!(
            ProfileForm::default().to_profile(today()),
            Ok(Profile::default())
        );
    }

    #[test]
    fn each_mistake_names_its_field_with_a_readable_message() {
        let form = ProfileForm {
            codice_fiscale: "BNCGLI94C52A944X".into(),
            birth_day: "31".into(),
            birth_month: "2".into(),
            birth_year: "1994".into(),
            dom_query: "Bolog".into(),
            dom_istat: String::new(),
            dom_cap: "401".into(),
            phone: "call me".into(),
            email: "giulia@".into(),
            mobility_km: "dieci".into(),
            hours_per_week: "60".into(),
            avail_day: "1".into(),
            disability: "yes".into(),
            disability_percent: String::new(),
            ..ProfileForm::default()
        };
        let issues = form.to_profile(today()).unwrap_err();
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "profile-cf",
                "profile-birth",
                "profile-available",
                "profile-domicile",
                "profile-cap",
                "profile-phone",
                "profile-mobility",
                "profile-hours",
                "profile-disability-percent",
                "profile-email",
            ]
        );
        for i in &issues {
            let text = render(Lang::It, &i.msg);
            assert!(
                !text.contains('{') && !text.starts_with("profile.") && !text.starts_with("did."),
                "{}: {text}",
                i.field
            );
        }
        let birth = render(Lang::It, &issues[1].msg);
        assert!(birth.contains("28 giorni"), "{birth}");
    }

    #[test]
    fn boundaries_of_the_numbers() {
        let with = |f: fn(&mut ProfileForm)| {
            let mut form = ProfileForm::default();
            f(&mut form);
            form.to_profile(today())
        };
        assert!(with(|f| f.mobility_km = "500".into()).is_ok());
        assert!(with(|f| f.mobility_km = "501".into()).is_err());
        assert!(with(|f| f.hours_per_week = "48".into()).is_ok());
        assert!(with(|f| f.hours_per_week = "49".into()).is_err());
        assert!(with(|f| f.hours_per_week = "0".into()).is_err());
        assert!(with(|f| {
            f.disability = "yes".into();
            f.disability_percent = "100".into()
        })
        .is_ok());
        assert!(with(|f| {
            f.disability = "yes".into();
            f.disability_percent = "0".into()
        })
        .is_err());
        // A percentage left over from "yes" does not count after "no".
        assert_eq!(
            with(|f| {
                f.disability = "no".into();
                f.disability_percent = "80".into()
            })
            .map(|p| p.disability_percent),
            Ok(None)
        );
        assert!(with(|f| {
            f.birth_day = "4".into();
            f.birth_month = "12".into();
            f.birth_year = "2026".into()
        })
        .is_err());
    }
}
