//! The DID and "Il mio profilo" share the personal and contact data, both
//! ways: the profile fills what the DID form still lacks (never what the
//! person typed there), and a DID that is sent brings what it collected
//! into the profile (it is the newest word of the person).

use super::choices::BirthCountry;
use super::form::DidForm;
use crate::domain::date::Date;
use crate::domain::profile::Profile;

fn fill(target: &mut String, value: &str) {
    if target.trim().is_empty() && !value.trim().is_empty() {
        *target = value.trim().to_string();
    }
}

/// Fill the DID form's empty personal and contact fields from the profile.
/// Returns whether anything changed.
pub fn prefill_from_profile(form: &mut DidForm, p: &Profile) -> bool {
    let before = form.clone();
    fill(&mut form.codice_fiscale, &p.codice_fiscale);
    fill(&mut form.surname, &p.family_name);
    fill(&mut form.name, &p.given_name);
    fill(&mut form.sex, &p.sex);
    let birth_empty = [&form.birth_day, &form.birth_month, &form.birth_year]
        .iter()
        .all(|s| s.trim().is_empty());
    if birth_empty {
        if let Some(d) = Date::parse_iso(&p.birth_date) {
            form.birth_day = d.day.to_string();
            form.birth_month = d.month.to_string();
            form.birth_year = d.year.to_string();
        }
    }
    if form.birthplace_code.is_empty() && !p.birthplace_code.is_empty() {
        form.birth_country = BirthCountry::of_belfiore(&p.birthplace_code)
            .as_str()
            .to_string();
        form.birthplace_code = p.birthplace_code.clone();
        form.birthplace_query = p.birthplace_name.clone();
    }
    // The profile keeps one place, where the person lives: the DID's
    // residence, with the domicile the same unless the person says otherwise.
    if form.res_istat.is_empty() && !p.domicile_istat.is_empty() {
        form.res_istat = p.domicile_istat.clone();
        form.res_query = p.domicile_name.clone();
        fill(&mut form.res_cap, &p.domicile_cap);
        fill(&mut form.res_address, &p.domicile_address);
    }
    fill(&mut form.email, &p.email);
    fill(&mut form.mobile, &p.phone);
    *form != before
}

fn take(target: &mut String, value: &str) {
    if !value.trim().is_empty() {
        *target = value.trim().to_string();
    }
}

/// Bring what a sent DID collected into the profile: the DID's value wins
/// where it has one; what it left empty keeps the profile's.
pub fn absorb_into_profile(p: &mut Profile, form: &DidForm) {
    take(&mut p.codice_fiscale, &form.codice_fiscale.to_uppercase());
    take(&mut p.family_name, &form.surname);
    take(&mut p.given_name, &form.name);
    take(&mut p.sex, &form.sex);
    if let Ok(d) = super::parse_date_parts(&form.birth_day, &form.birth_month, &form.birth_year) {
        p.birth_date = d.to_string();
    }
    if !form.birthplace_code.is_empty() {
        p.birthplace_code = form.birthplace_code.clone();
        p.birthplace_name = form.birthplace_query.trim().to_string();
    }
    // Distances are measured from where the person lives now: the domicile.
    let (istat, name, cap, address) = if form.dom_same {
        (
            &form.res_istat,
            &form.res_query,
            &form.res_cap,
            &form.res_address,
        )
    } else {
        (
            &form.dom_istat,
            &form.dom_query,
            &form.dom_cap,
            &form.dom_address,
        )
    };
    if !istat.is_empty() {
        p.domicile_istat = istat.clone();
        p.domicile_name = name.trim().to_string();
        p.domicile_cap = cap.trim().to_string();
        p.domicile_address = address.trim().to_string();
    }
    take(&mut p.email, &form.email);
    let phone = if form.mobile.trim().is_empty() {
        &form.phone
    } else {
        &form.mobile
    };
    take(&mut p.phone, phone);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile {
            given_name: "Giulia".into(),
            family_name: "Bianchi".into(),
            codice_fiscale: "BNCGLI94C52A944G".into(),
            sex: "F".into(),
            birth_date: "1994-03-12".into(),
            birthplace_code: "A944".into(),
            birthplace_name: "Bologna (BO)".into(),
            domicile_istat: "037006".into(),
            domicile_name: "Bologna (BO)".into(),
            domicile_cap: "40121".into(),
            domicile_address: "Via Rizzoli 1".into(),
            email: "giulia@example.it".into(),
            phone: "3331234567".into(),
            ..Profile::default()
        }
    }

    #[test]
    fn the_profile_fills_an_empty_did() {
        let mut form = DidForm::default();
        assert!(prefill_from_profile(&mut form, &profile()));
        assert_eq!(form.codice_fiscale, "BNCGLI94C52A944G");
        assert_eq!(
            (form.surname.as_str(), form.name.as_str()),
            ("Bianchi", "Giulia")
        );
        assert_eq!(
            (
                form.birth_day.as_str(),
                form.birth_month.as_str(),
                form.birth_year.as_str()
            ),
            ("12", "3", "1994")
        );
        assert_eq!(
            (form.birth_country.as_str(), form.birthplace_code.as_str()),
            ("italia", "A944")
        );
        assert_eq!(
            (form.res_istat.as_str(), form.res_cap.as_str()),
            ("037006", "40121")
        );
        assert_eq!(form.mobile, "3331234567");
        // A second time changes nothing.
        assert!(!prefill_from_profile(&mut form, &profile()));
    }

    #[test]
    fn what_was_typed_in_the_did_stays() {
        let mut form = DidForm {
            email: "other@example.it".into(),
            birth_year: "1990".into(),
            ..DidForm::default()
        };
        prefill_from_profile(&mut form, &profile());
        assert_eq!(form.email, "other@example.it");
        // A date half typed is the person's: not mixed with the profile's.
        assert_eq!(
            (form.birth_day.as_str(), form.birth_year.as_str()),
            ("", "1990")
        );
    }

    #[test]
    fn a_sent_did_updates_the_profile() {
        let mut p = profile();
        let form = DidForm {
            codice_fiscale: "rssmra85t10a562s".into(),
            surname: "Rossi".into(),
            name: "Mario".into(),
            birth_day: "10".into(),
            birth_month: "12".into(),
            birth_year: "1985".into(),
            res_istat: "037006".into(),
            res_query: "Bologna (BO)".into(),
            dom_same: false,
            dom_istat: "039014".into(),
            dom_query: "Ravenna (RA)".into(),
            dom_cap: "48121".into(),
            email: String::new(),
            phone: "051 123456".into(),
            ..DidForm::default()
        };
        absorb_into_profile(&mut p, &form);
        assert_eq!(p.codice_fiscale, "RSSMRA85T10A562S");
        assert_eq!(p.full_name(), "Mario Rossi");
        assert_eq!(p.birth_date, "1985-12-10");
        assert_eq!(
            (p.domicile_istat.as_str(), p.domicile_cap.as_str()),
            ("039014", "48121")
        );
        assert_eq!(
            p.domicile_address, "",
            "the old street went with the old place"
        );
        assert_eq!(
            p.email, "giulia@example.it",
            "an empty DID field keeps the profile's"
        );
        assert_eq!(p.phone, "051 123456");
    }
}
