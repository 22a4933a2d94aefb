//! The self-profiling questionnaire (questionario di autoprofilazione), as
//! far as the service map needs it: the person's situation in the words of
//! the ANPAL profiling variables (age, ever worked, months looking) and a
//! short self-assessment. Held as typed strings, so a draft restores
//! exactly; checked here with a message per field; turned into the
//! service map's [`Answers`].

use crate::domain::date::{age_on, Date};
use crate::domain::did::parse_date_parts;
use crate::domain::message::Msg;
use crate::domain::profile::Profile;
use crate::domain::service_map::Answers;
use serde::{Deserialize, Serialize};

/// Field ids (the page's element ids, where the error summary links).
pub mod qid {
    pub const AGE: &str = "q-age";
    pub const HAS_WORKED: &str = "q-has-worked";
    pub const MONTHS_LOOKING: &str = "q-months-looking";
    pub const HAS_CV: &str = "q-has-cv";
    pub const NASPI: &str = "q-naspi";
    pub const NASPI_SINCE: &str = "q-naspi-since";
    pub const DISABILITY: &str = "q-disability";
    pub const DISABILITY_PERCENT: &str = "q-disability-percent";
    pub const CARE: &str = "q-care";
    pub const SELF_EMPLOYMENT: &str = "q-self-employment";
    pub const TRAINING: &str = "q-training";
    pub const LOOKING_FOR: &str = "q-looking-for";
    pub const HOLDS_BACK: &str = "q-holds-back";
    pub const TO_LEARN: &str = "q-to-learn";
}

/// Longest free text of the self-assessment.
pub const FREE_TEXT_MAX: usize = 500;
/// ANPAL asks the age from 15 (`Eta ≥ 15`).
pub const MIN_AGE: u32 = 15;
const MAX_AGE: u32 = 99;
/// Fifty years of searching is already more than anyone answers.
const MAX_MONTHS: u32 = 600;

/// "si" / "no" / "" (not answered).
pub const YES: &str = "si";
pub const NO: &str = "no";

/// What the person answers, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionnaireForm {
    pub age: String,
    pub has_worked: String,
    pub months_looking: String,
    pub has_cv: String,
    pub naspi: String,
    pub naspi_day: String,
    pub naspi_month: String,
    pub naspi_year: String,
    pub disability: String,
    pub disability_percent: String,
    pub care: String,
    pub self_employment: String,
    pub training: String,
    pub looking_for: String,
    pub holds_back: String,
    pub to_learn: String,
}

impl QuestionnaireForm {
    pub fn is_blank(&self) -> bool {
        *self == QuestionnaireForm::default()
    }

    /// The age from a certified birth date replaces a typed one.
    pub fn prefill_age(&mut self, birth: Option<Date>, today: Date) -> bool {
        let Some(b) = birth else { return false };
        let age = age_on(b, today).max(0).to_string();
        let changed = self.age != age;
        self.age = age;
        changed
    }

    /// Answers "Il mio profilo" already gives, where none is given yet:
    /// the age, having worked, care duties, a disability and its percentage.
    /// Returns whether anything changed.
    pub fn prefill_from_profile(&mut self, p: &Profile, today: Date) -> bool {
        let before = self.clone();
        if self.age.trim().is_empty() {
            if let Some(b) = Date::parse_iso(&p.birth_date) {
                self.age = age_on(b, today).max(0).to_string();
            }
        }
        if self.has_worked.is_empty() && !p.experiences.is_empty() {
            self.has_worked = YES.to_string();
        }
        if self.care.is_empty() && p.care_duties {
            self.care = YES.to_string();
        }
        if self.disability.is_empty() {
            if let Some(pct) = p.disability_percent {
                self.disability = YES.to_string();
                self.disability_percent = pct.to_string();
            }
        }
        *self != before
    }
}

/// One problem: the field's id and its message.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionIssue {
    pub field: &'static str,
    pub msg: Msg,
}

impl crate::domain::message::FieldIssue for QuestionIssue {
    fn field(&self) -> &str {
        self.field
    }
    fn msg(&self) -> &Msg {
        &self.msg
    }
}

fn issue(field: &'static str, msg: Msg) -> QuestionIssue {
    QuestionIssue { field, msg }
}

fn yes_no(v: &str) -> Option<bool> {
    match v {
        YES => Some(true),
        NO => Some(false),
        _ => None,
    }
}

/// A whole number in `min..=max`, or the message saying what is wrong.
fn whole(text: &str, min: u32, max: u32, key: &'static str) -> Result<Option<u32>, Msg> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(Msg::new(key)
            .text("value", t)
            .text("min", min.to_string())
            .text("max", max.to_string())),
    }
}

/// Check every answer. Nothing is required (a partial answer still gives a
/// partial map), but what is given must make sense.
pub fn validate(f: &QuestionnaireForm, today: Date) -> Vec<QuestionIssue> {
    let mut out = Vec::new();
    if let Err(m) = whole(&f.age, MIN_AGE, MAX_AGE, "q.error.age") {
        out.push(issue(qid::AGE, m));
    }
    if let Err(m) = whole(&f.months_looking, 0, MAX_MONTHS, "q.error.months") {
        out.push(issue(qid::MONTHS_LOOKING, m));
    }
    if f.naspi == YES {
        if let Err(m) = naspi_since(f, today) {
            out.push(issue(qid::NASPI_SINCE, m));
        }
    }
    if f.disability == YES {
        match whole(&f.disability_percent, 1, 100, "q.error.percent") {
            Ok(Some(_)) => {}
            Ok(None) => out.push(issue(
                qid::DISABILITY_PERCENT,
                Msg::new("q.error.percent_missing"),
            )),
            Err(m) => out.push(issue(qid::DISABILITY_PERCENT, m)),
        }
    }
    for (field, text) in [
        (qid::LOOKING_FOR, &f.looking_for),
        (qid::HOLDS_BACK, &f.holds_back),
        (qid::TO_LEARN, &f.to_learn),
    ] {
        let n = text.chars().count();
        if n > FREE_TEXT_MAX {
            out.push(issue(
                field,
                Msg::new("q.error.too_long")
                    .text("max", FREE_TEXT_MAX.to_string())
                    .text("count", n.to_string()),
            ));
        }
    }
    out
}

fn naspi_since(f: &QuestionnaireForm, today: Date) -> Result<Date, Msg> {
    if [&f.naspi_day, &f.naspi_month, &f.naspi_year]
        .iter()
        .all(|p| p.trim().is_empty())
    {
        return Err(Msg::new("q.error.naspi_missing"));
    }
    let d = parse_date_parts(&f.naspi_day, &f.naspi_month, &f.naspi_year)
        .map_err(|_| Msg::new("q.error.naspi_date"))?;
    if d > today {
        return Err(Msg::new("q.error.naspi_future").text("date", d.format_it()));
    }
    Ok(d)
}

/// The answers the service map reads (only the valid ones).
pub fn answers(f: &QuestionnaireForm, today: Date) -> Answers {
    let disabled = yes_no(&f.disability);
    Answers {
        age: whole(&f.age, MIN_AGE, MAX_AGE, "").ok().flatten(),
        has_cv: yes_no(&f.has_cv),
        naspi_since: (f.naspi == YES)
            .then(|| naspi_since(f, today).ok())
            .flatten(),
        disability_percent: match disabled {
            Some(true) => whole(&f.disability_percent, 1, 100, "").ok().flatten(),
            Some(false) => Some(0),
            None => None,
        },
        care_duties: yes_no(&f.care),
        self_employment: yes_no(&f.self_employment),
        months_looking: whole(&f.months_looking, 0, MAX_MONTHS, "").ok().flatten(),
        has_worked: yes_no(&f.has_worked),
        wants_training: yes_no(&f.training),
    }
}

/// What `POST /api/v1/profiling` carries: the answers under the names of
/// ANPAL's `VariabiliDiProfiling` where they exist (`null` when not
/// answered), the rest as the app's own, the self-assessment as typed, and
/// the services the map showed. Call it on a valid form.
pub fn payload(f: &QuestionnaireForm, today: Date, services: &[String]) -> serde_json::Value {
    let a = answers(f, today);
    serde_json::json!({
        "answers": {
            "eta": a.age,
            "ha_mai_avuto_un_lavoro": a.has_worked,
            "da_quanti_mesi_sta_cercando_lavoro": a.months_looking,
            "ha_un_curriculum": a.has_cv,
            "naspi_dal": a.naspi_since.map(|d| d.to_naive().to_string()),
            "percentuale_invalidita": a.disability_percent,
            "carichi_di_cura": a.care_duties,
            "interesse_autoimpiego": a.self_employment,
            "interesse_formazione": a.wants_training,
        },
        "self_assessment": {
            "cosa_cerca": f.looking_for.trim(),
            "cosa_frena": f.holds_back.trim(),
            "cosa_vuole_imparare": f.to_learn.trim(),
        },
        "services_shown": services,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{render, Lang};

    fn today() -> Date {
        Date::new(2026, 12, 2).unwrap()
    }

    fn messages(f: &QuestionnaireForm) -> Vec<(&'static str, String)> {
        validate(f, today())
            .into_iter()
            .map(|i| (i.field, render(Lang::It, &i.msg)))
            .collect()
    }

    #[test]
    fn an_empty_questionnaire_is_valid_and_says_nothing() {
        let f = QuestionnaireForm::default();
        assert!(f.is_blank());
        assert!(validate(&f, today()).is_empty());
        assert_eq!(answers(&f, today()), Answers::default());
    }

    #[test]
    fn numbers_out_of_range_are_explained() {
        let f = QuestionnaireForm {
            age: "14".into(),
            months_looking: "tre".into(),
            ..QuestionnaireForm::default()
        };
        let m = messages(&f);
        assert_eq!(m[0].0, qid::AGE);
        assert_eq!(
            m[0].1,
            "Indica l'età in anni, con un numero da 15 a 99: «14» non va bene."
        );
        assert_eq!(m[1].0, qid::MONTHS_LOOKING);
        assert!(m[1].1.contains("«tre»"), "{}", m[1].1);
    }

    #[test]
    fn naspi_needs_a_real_past_date() {
        let mut f = QuestionnaireForm {
            naspi: YES.into(),
            ..QuestionnaireForm::default()
        };
        assert_eq!(messages(&f)[0].0, qid::NASPI_SINCE);
        f.naspi_day = "31".into();
        f.naspi_month = "2".into();
        f.naspi_year = "2026".into();
        assert!(
            messages(&f)[0].1.contains("non è una data valida"),
            "{:?}",
            messages(&f)
        );
        f.naspi_day = "3".into();
        f.naspi_month = "12".into();
        assert_eq!(
            messages(&f)[0].1,
            "La NASpI non può iniziare nel futuro (03/12/2026): indica da quando la ricevi."
        );
        f.naspi_day = "1".into();
        f.naspi_month = "8".into();
        assert!(messages(&f).is_empty());
        assert_eq!(answers(&f, today()).naspi_since, Date::new(2026, 8, 1));
        // Answered "no": the date boxes do not count.
        f.naspi = NO.into();
        assert_eq!(answers(&f, today()).naspi_since, None);
    }

    #[test]
    fn a_disability_needs_its_percentage() {
        let mut f = QuestionnaireForm {
            disability: YES.into(),
            ..QuestionnaireForm::default()
        };
        assert_eq!(
            messages(&f),
            vec![(
                qid::DISABILITY_PERCENT,
                "Indica la percentuale di invalidità riconosciuta nel verbale.".to_string()
            )]
        );
        f.disability_percent = "146".into();
        assert!(messages(&f)[0].1.contains("da 1 a 100"));
        f.disability_percent = "46".into();
        assert!(messages(&f).is_empty());
        assert_eq!(answers(&f, today()).disability_percent, Some(46));
        f.disability = NO.into();
        assert_eq!(answers(&f, today()).disability_percent, Some(0));
    }

    #[test]
    fn free_texts_have_a_limit() {
        let f = QuestionnaireForm {
            holds_back: "x".repeat(FREE_TEXT_MAX + 1),
            ..QuestionnaireForm::default()
        };
        assert_eq!(messages(&f)[0].0, qid::HOLDS_BACK);
        assert!(messages(&f)[0].1.contains("501"));
    }

    #[test]
    fn answers_feed_the_service_map() {
        let f = QuestionnaireForm {
            age: "24".into(),
            has_worked: NO.into(),
            months_looking: "0".into(),
            has_cv: NO.into(),
            care: YES.into(),
            self_employment: NO.into(),
            training: YES.into(),
            ..QuestionnaireForm::default()
        };
        let a = answers(&f, today());
        assert_eq!(a.age, Some(24));
        assert_eq!(a.has_worked, Some(false));
        assert_eq!(a.months_looking, Some(0));
        assert_eq!(a.has_cv, Some(false));
        assert_eq!(a.care_duties, Some(true));
        assert_eq!(a.self_employment, Some(false));
        assert_eq!(a.wants_training, Some(true));
        let map = crate::domain::service_map::service_map(
            crate::domain::service_map::rules().unwrap(),
            &a,
            today(),
        );
        let ids: Vec<_> = map.services.iter().map(|s| s.service.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "accompagnamento-al-lavoro",
                "conciliazione-lavoro-cura",
                "attivazione-del-tirocinio",
                "orientamento-di-base",
                "avviamento-a-formazione"
            ]
        );
    }

    #[test]
    fn the_payload_uses_anpal_names_and_null_for_what_was_not_answered() {
        let f = QuestionnaireForm {
            age: "31".into(),
            naspi: YES.into(),
            naspi_day: "1".into(),
            naspi_month: "8".into(),
            naspi_year: "2026".into(),
            looking_for: " Magazziniere ".into(),
            ..QuestionnaireForm::default()
        };
        let p = payload(&f, today(), &["assegno-di-ricollocazione".to_string()]);
        assert_eq!(p["answers"]["eta"], 31);
        assert_eq!(p["answers"]["naspi_dal"], "2026-08-01");
        assert!(p["answers"]["ha_mai_avuto_un_lavoro"].is_null());
        assert_eq!(p["self_assessment"]["cosa_cerca"], "Magazziniere");
        assert_eq!(p["services_shown"][0], "assegno-di-ricollocazione");
    }

    #[test]
    fn a_certified_birth_date_gives_the_age() {
        let mut f = QuestionnaireForm {
            age: "40".into(),
            ..QuestionnaireForm::default()
        };
        assert!(f.prefill_age(Date::new(1996, 12, 3), today()));
        assert_eq!(f.age, "29", "30 only tomorrow");
        assert!(!f.prefill_age(None, today()));
        assert_eq!(f.age, "29");
    }

    #[test]
    fn every_message_reads_in_every_language() {
        let bad = QuestionnaireForm {
            age: "3".into(),
            months_looking: "-1".into(),
            naspi: YES.into(),
            disability: YES.into(),
            looking_for: "x".repeat(600),
            ..QuestionnaireForm::default()
        };
        let mut all = validate(&bad, today());
        all.extend(validate(
            &QuestionnaireForm {
                naspi: YES.into(),
                naspi_day: "40".into(),
                naspi_month: "1".into(),
                naspi_year: "2026".into(),
                disability: YES.into(),
                disability_percent: "0".into(),
                ..QuestionnaireForm::default()
            },
            today(),
        ));
        assert!(all.len() >= 7);
        for lang in Lang::ALL {
            for i in &all {
                let text = render(lang, &i.msg);
                assert_ne!(text, i.msg.key, "{lang:?} lacks {}", i.msg.key);
                assert!(!text.contains('{'), "{lang:?}: {text}");
            }
        }
    }

    #[test]
    fn the_profile_answers_what_it_knows_and_keeps_what_was_answered() {
        let today = Date::new(2026, 12, 3).unwrap();
        let p = Profile {
            birth_date: "1998-12-04".into(),
            care_duties: true,
            disability_percent: Some(46),
            experiences: vec![crate::domain::profile::Experience::default()],
            ..Profile::default()
        };
        let mut f = QuestionnaireForm::default();
        assert!(f.prefill_from_profile(&p, today));
        assert_eq!(f.age, "27", "the day before the 28th birthday");
        assert_eq!((f.has_worked.as_str(), f.care.as_str()), (YES, YES));
        assert_eq!(
            (f.disability.as_str(), f.disability_percent.as_str()),
            (YES, "46")
        );
        let mut answered = QuestionnaireForm {
            age: "40".into(),
            disability: NO.into(),
            ..QuestionnaireForm::default()
        };
        answered.prefill_from_profile(&p, today);
        assert_eq!(
            (answered.age.as_str(), answered.disability.as_str()),
            ("40", NO)
        );
        assert!(
            !f.prefill_from_profile(&p, today),
            "a second time changes nothing"
        );
    }
}
