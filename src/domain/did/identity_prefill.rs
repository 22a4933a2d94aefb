//! The personal data the identity provider certifies (SPID/CIE, through the
//! CPI backend) fill the DID and are not typed by hand. What the provider
//! did not return (birth data are optional attributes) stays for the person
//! to type, and is checked against the codice fiscale as before.

use super::choices::{BirthCountry, SexChoice};
use super::form::DidForm;
use super::places::birthplace_label;
use crate::domain::codice_fiscale::{BelfioreLookup, Sex};
use crate::domain::identity::Person;

/// Which personal fields came from the identity provider.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Certified {
    /// Codice fiscale, surname and name: always returned.
    pub identity: bool,
    pub sex: bool,
    pub birth_date: bool,
    pub birthplace: bool,
}

impl Certified {
    pub fn of(person: Option<&Person>) -> Certified {
        match person {
            None => Certified::default(),
            Some(p) => Certified {
                identity: true,
                sex: p.sex.is_some(),
                birth_date: p.birth_date.is_some(),
                birthplace: p.birth_place_code.is_some(),
            },
        }
    }
}

/// The label of a birthplace code on the birth date ("Bologna (BO)",
/// "Marocco"), or the code itself while the list is not there.
pub fn birthplace_text(
    code: &str,
    birth: Option<crate::domain::date::Date>,
    belfiore: Option<&dyn BelfioreLookup>,
) -> String {
    let records = belfiore.map(|b| b.records(code)).unwrap_or_default();
    let record = birth
        .and_then(|d| records.iter().find(|r| r.covers(d)))
        .or(records.last());
    record
        .map(birthplace_label)
        .unwrap_or_else(|| code.to_string())
}

/// Put the certified data into the form. Returns whether anything changed.
pub fn prefill_identity(
    form: &mut DidForm,
    person: &Person,
    belfiore: Option<&dyn BelfioreLookup>,
) -> bool {
    let before = form.clone();
    form.codice_fiscale = person.codice_fiscale.clone();
    form.surname = person.family_name.clone();
    form.name = person.given_name.clone();
    if let Some(sex) = person.sex {
        form.sex = match sex {
            Sex::F => SexChoice::Female,
            Sex::M => SexChoice::Male,
        }
        .as_str()
        .to_string();
    }
    if let Some(d) = person.birth_date {
        form.birth_day = d.day.to_string();
        form.birth_month = d.month.to_string();
        form.birth_year = d.year.to_string();
    }
    if let Some(code) = &person.birth_place_code {
        form.birth_country = BirthCountry::of_belfiore(code).as_str().to_string();
        form.birthplace_code = code.clone();
        form.birthplace_query = birthplace_text(code, person.birth_date, belfiore);
    }
    *form != before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codice_fiscale::BelfioreRecord;
    use crate::domain::date::Date;

    struct Two;
    impl BelfioreLookup for Two {
        fn records(&self, code: &str) -> Vec<BelfioreRecord> {
            let r = |name: &str, province: Option<&str>, foreign| BelfioreRecord {
                code: code.into(),
                name: name.into(),
                province: province.map(Into::into),
                valid_from: None,
                valid_to: None,
                foreign,
            };
            match code {
                "A944" => vec![r("Bologna", Some("BO"), false)],
                "Z330" => vec![r("Marocco", None, true)],
                _ => vec![],
            }
        }
    }

    fn giulia() -> Person {
        Person {
            given_name: "Giulia".into(),
            family_name: "Bianchi".into(),
            codice_fiscale: "BNCGLI94C52A944G".into(),
            sex: Some(Sex::F),
            birth_date: Date::new(1994, 3, 12),
            birth_place_code: Some("A944".into()),
        }
    }

    #[test]
    fn certified_data_replace_what_was_typed() {
        let mut form = DidForm {
            codice_fiscale: "RSSMRC80L05F257Y".into(),
            name: "Marco".into(),
            email: "kept@example.it".into(),
            ..DidForm::default()
        };
        assert!(prefill_identity(&mut form, &giulia(), Some(&Two)));
        assert_eq!(form.codice_fiscale, "BNCGLI94C52A944G");
        assert_eq!(
            (form.surname.as_str(), form.name.as_str()),
            ("Bianchi", "Giulia")
        );
        assert_eq!(form.sex, "F");
        assert_eq!(
            (
                form.birth_day.as_str(),
                form.birth_month.as_str(),
                form.birth_year.as_str()
            ),
            ("12", "3", "1994")
        );
        assert_eq!(form.birth_country, "italia");
        assert_eq!(form.birthplace_code, "A944");
        assert_eq!(form.birthplace_query, "Bologna (BO)");
        assert_eq!(
            form.email, "kept@example.it",
            "the rest is the person's own"
        );
        assert!(
            !prefill_identity(&mut form, &giulia(), Some(&Two)),
            "stable"
        );
    }

    #[test]
    fn a_foreign_birthplace_sets_abroad() {
        let mut p = giulia();
        p.birth_place_code = Some("Z330".into());
        let mut form = DidForm::default();
        prefill_identity(&mut form, &p, Some(&Two));
        assert_eq!(form.birth_country, "estero");
        assert_eq!(form.birthplace_query, "Marocco");
        // Without the list yet, the code stands in for the name.
        prefill_identity(&mut form, &p, None);
        assert_eq!(form.birthplace_query, "Z330");
    }

    #[test]
    fn what_the_provider_did_not_return_stays_typed() {
        let p = Person {
            sex: None,
            birth_date: None,
            birth_place_code: None,
            ..giulia()
        };
        let mut form = DidForm {
            sex: "F".into(),
            birth_day: "12".into(),
            birthplace_query: "Bolo".into(),
            ..DidForm::default()
        };
        prefill_identity(&mut form, &p, Some(&Two));
        assert_eq!(form.sex, "F");
        assert_eq!(form.birth_day, "12");
        assert_eq!(form.birthplace_query, "Bolo");
        let c = Certified::of(Some(&p));
        assert!(c.identity && !c.sex && !c.birth_date && !c.birthplace);
        assert_eq!(Certified::of(None), Certified::default());
    }
}
