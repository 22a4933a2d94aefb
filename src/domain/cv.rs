//! The CV made from the profile: what a printed CV shows and what an
//! application attaches. It leaves out what an employer has no business
//! knowing from a CV: the codice fiscale, a disability and its percentage,
//! care duties (an employer asks for L. 68/1999 status through the CPI, not
//! the CV). Texts are not here: the view names each section in the chosen
//! language (Italian or English).

use crate::domain::profile::{Experience, Profile, CEFR_LEVELS};
use serde::{Deserialize, Serialize};

/// The languages a CV can be printed in.
pub const CV_LANGUAGES: [&str; 2] = ["it", "en"];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CvLanguage {
    /// ISO 639-1.
    pub language: String,
    /// "B2".
    pub level: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cv {
    /// "it" or "en": the language its headings are printed in.
    pub lang: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// "Via Rizzoli 1, 40121 Bologna (BO)".
    pub address: String,
    /// "YYYY-MM-DD", or empty.
    pub birth_date: String,
    pub about: String,
    /// Newest first; the ones still going on first of all.
    pub experiences: Vec<Experience>,
    /// Ministerial level (0–12) and the title as the person names it.
    pub education_level: Option<u8>,
    pub education_title: String,
    pub languages: Vec<CvLanguage>,
    /// Ids of `profile::DIGITAL_SKILLS`.
    pub digital_skills: Vec<String>,
    pub licences: Vec<String>,
}

impl Cv {
    /// The CV of `p`, headings in `lang` (Italian unless "en").
    pub fn from_profile(p: &Profile, lang: &str) -> Cv {
        let lang = if lang == "en" { "en" } else { "it" };
        let place = [
            p.domicile_address.trim(),
            &[p.domicile_cap.trim(), p.domicile_name.trim()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
        let mut experiences = p.experiences.clone();
        // Going on first, then by start month, newest first ("YYYY-MM" sorts as text).
        experiences.sort_by(|a, b| {
            (b.to.is_empty(), b.from.as_str()).cmp(&(a.to.is_empty(), a.from.as_str()))
        });
        let languages = p
            .languages
            .iter()
            .map(|l| CvLanguage {
                language: l.language.clone(),
                level: CEFR_LEVELS
                    .iter()
                    .find(|(c, _)| *c == l.level)
                    .map(|(_, s)| s.to_string())
                    .unwrap_or_default(),
            })
            .collect();
        Cv {
            lang: lang.to_string(),
            name: p.full_name(),
            email: p.email.trim().to_string(),
            phone: p.phone.trim().to_string(),
            address: place,
            birth_date: p.birth_date.clone(),
            about: p.about.trim().to_string(),
            experiences,
            education_level: p.education_level,
            education_title: p.education_title.trim().to_string(),
            languages,
            digital_skills: p.digital_skills.clone(),
            licences: p.licences.clone(),
        }
    }

    /// Nothing to print yet: no name and no experience.
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.experiences.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cv_keeps_what_an_employer_may_see_and_orders_the_work() {
        let exp = |from: &str, to: &str| Experience {
            profession_name: format!("job {from}"),
            from: from.into(),
            to: to.into(),
            ..Experience::default()
        };
        let p = Profile {
            given_name: "Giulia".into(),
            family_name: "Bianchi".into(),
            codice_fiscale: "BNCGLI94C52A944G".into(),
            disability_percent: Some(60),
            care_duties: true,
            domicile_name: "Bologna (BO)".into(),
            domicile_cap: "40121".into(),
            domicile_address: "Via Rizzoli 1".into(),
            experiences: vec![
                exp("2015-01", "2018-06"),
                exp("2022-03", ""),
                exp("2019-01", "2021-12"),
            ],
            ..Profile::default()
        };
        let cv = Cv::from_profile(&p, "fr");
        assert_eq!(cv.lang, "it");
        assert_eq!(cv.address, "Via Rizzoli 1, 40121 Bologna (BO)");
        let order: Vec<&str> = cv.experiences.iter().map(|e| e.from.as_str()).collect();
        assert_eq!(order, vec!["2022-03", "2019-01", "2015-01"]);
        let json = serde_json::to_string(&cv).unwrap();
        for secret in ["BNCGLI94C52A944G", "60", "care"] {
            assert!(
                !json.contains(secret),
                "{secret} must not be in the CV: {json}"
            );
        }
        assert!(!cv.is_empty());
        assert!(Cv::from_profile(&Profile::default(), "en").is_empty());
    }
}
