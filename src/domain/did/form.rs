//! The form model: the steps, the allowed values, everything the person
//! enters ([`DidForm`], saved as a draft on every change, current step
//! included) and what the checks need besides it ([`Ctx`]).

use super::choices::NaspiAnswer;
use super::rules::DidRules;
use super::values::{parse_date_parts, parse_euro_cents};
use crate::domain::codice_fiscale::BelfioreLookup;
use crate::domain::comuni::ComuniIndex;
use crate::domain::date::Date;
use crate::domain::offices::Office;
use serde::{Deserialize, Serialize};

/// The steps, one topic each, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Start,
    Personal,
    Residence,
    Contacts,
    Situation,
    Cpi,
    Declarations,
    Summary,
}

pub const STEPS: [Step; 8] = [
    Step::Start,
    Step::Personal,
    Step::Residence,
    Step::Contacts,
    Step::Situation,
    Step::Cpi,
    Step::Declarations,
    Step::Summary,
];

impl Step {
    pub fn index(self) -> usize {
        STEPS.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step at `i`, clamped to the last one (a draft from a newer version
    /// cannot point outside).
    pub fn from_index(i: usize) -> Step {
        STEPS.get(i).copied().unwrap_or(Step::Summary)
    }

    pub fn next(self) -> Step {
        Step::from_index(self.index() + 1)
    }

    pub fn prev(self) -> Step {
        Step::from_index(self.index().saturating_sub(1))
    }

    /// Translation key of the step's title.
    pub fn title_key(self) -> &'static str {
        match self {
            Step::Start => "did.step.start",
            Step::Personal => "did.step.personal",
            Step::Residence => "did.step.residence",
            Step::Contacts => "did.step.contacts",
            Step::Situation => "did.step.situation",
            Step::Cpi => "did.step.cpi",
            Step::Declarations => "did.step.declarations",
            Step::Summary => "did.step.summary",
        }
    }
}

/// Everything the person enters, as typed: strings and booleans only, so a
/// draft always restores exactly. `step` and `furthest` are indices in
/// [`STEPS`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DidForm {
    pub step: u8,
    pub furthest: u8,
    // before starting
    pub naspi: String,
    pub naspi_day: String,
    pub naspi_month: String,
    pub naspi_year: String,
    // personal data
    pub codice_fiscale: String,
    pub surname: String,
    pub name: String,
    pub sex: String,
    pub birth_day: String,
    pub birth_month: String,
    pub birth_year: String,
    /// "italia" or "estero".
    pub birth_country: String,
    /// What is shown in the birthplace box (the chosen label, or what is
    /// being typed).
    pub birthplace_query: String,
    /// Belfiore code of the chosen comune or state; empty while typing.
    pub birthplace_code: String,
    pub citizenship: String,
    pub permit_type: String,
    pub permit_number: String,
    pub permit_day: String,
    pub permit_month: String,
    pub permit_year: String,
    // residence and domicile
    pub res_query: String,
    pub res_istat: String,
    pub res_cap: String,
    pub res_address: String,
    pub dom_same: bool,
    pub dom_query: String,
    pub dom_istat: String,
    pub dom_cap: String,
    pub dom_address: String,
    // contacts
    pub email: String,
    pub phone: String,
    pub mobile: String,
    // current situation
    pub situation: String,
    pub work_kind: String,
    pub income: String,
    pub notice_day: String,
    pub notice_month: String,
    pub notice_year: String,
    pub intermittent_days: String,
    // CPI
    pub cpi_id: String,
    /// The domicile ISTAT code the CPI was chosen for: when the domicile
    /// changes, the choice is asked again.
    pub cpi_for: String,
    pub cpi_confirmed: bool,
    // declarations
    pub availability: String,
    pub decl_no_work: bool,
    pub decl_informed: bool,
    pub decl_no_other_did: bool,
    pub decl_privacy: bool,
}

impl Default for DidForm {
    fn default() -> Self {
        DidForm {
            step: 0,
            furthest: 0,
            naspi: String::new(),
            naspi_day: String::new(),
            naspi_month: String::new(),
            naspi_year: String::new(),
            codice_fiscale: String::new(),
            surname: String::new(),
            name: String::new(),
            sex: String::new(),
            birth_day: String::new(),
            birth_month: String::new(),
            birth_year: String::new(),
            birth_country: String::new(),
            birthplace_query: String::new(),
            birthplace_code: String::new(),
            citizenship: String::new(),
            permit_type: String::new(),
            permit_number: String::new(),
            permit_day: String::new(),
            permit_month: String::new(),
            permit_year: String::new(),
            res_query: String::new(),
            res_istat: String::new(),
            res_cap: String::new(),
            res_address: String::new(),
            // Most people live where they are resident.
            dom_same: true,
            dom_query: String::new(),
            dom_istat: String::new(),
            dom_cap: String::new(),
            dom_address: String::new(),
            email: String::new(),
            phone: String::new(),
            mobile: String::new(),
            situation: String::new(),
            work_kind: String::new(),
            income: String::new(),
            notice_day: String::new(),
            notice_month: String::new(),
            notice_year: String::new(),
            intermittent_days: String::new(),
            cpi_id: String::new(),
            cpi_for: String::new(),
            cpi_confirmed: false,
            availability: String::new(),
            decl_no_work: false,
            decl_informed: false,
            decl_no_other_did: false,
            decl_privacy: false,
        }
    }
}

impl DidForm {
    pub fn current_step(&self) -> Step {
        Step::from_index(usize::from(self.step))
    }

    /// True when nothing was entered yet (only the position may differ).
    pub fn is_blank(&self) -> bool {
        let mut a = self.clone();
        a.step = 0;
        a.furthest = 0;
        a == DidForm::default()
    }

    /// The ISTAT code of the domicile (the residence when they coincide).
    pub fn domicile_istat(&self) -> &str {
        if self.dom_same {
            &self.res_istat
        } else {
            &self.dom_istat
        }
    }

    /// The label of the domicile comune as entered.
    pub fn domicile_label(&self) -> &str {
        if self.dom_same {
            &self.res_query
        } else {
            &self.dom_query
        }
    }

    /// What identifies the domicile for the CPI choice: the ISTAT code, or
    /// the name typed when the list of comuni was not available.
    pub fn domicile_key(&self) -> String {
        let istat = self.domicile_istat().trim();
        if istat.is_empty() {
            self.domicile_label().trim().to_string()
        } else {
            istat.to_string()
        }
    }

    /// Whoever applied for NASpI / DIS-COLL has made the DID with the
    /// application (art. 21): the wizard stops at the first step.
    pub fn naspi_blocks(&self) -> bool {
        naspi_blocks(&self.naspi)
    }
}

/// What the checks need besides the form. Feeds are optional: when one is
/// not loaded (first visit offline), the checks that need it are skipped and
/// the CPI checks them on receipt.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// The declaration date (the device's local date).
    pub today: Date,
    pub rules: &'a DidRules,
    pub belfiore: Option<&'a dyn BelfioreLookup>,
    pub comuni: Option<&'a ComuniIndex>,
    pub offices: Option<&'a [Office]>,
}

/// Whether the answer to the NASpI question stops the wizard: whoever
/// applied for NASpI / DIS-COLL made the DID with the application (art. 21).
pub fn naspi_blocks(answer: &str) -> bool {
    NaspiAnswer::from_value(answer) == Some(NaspiAnswer::Yes)
}

/// Whether the wizard offers "Next" on `step`: not on the summary (it
/// submits instead) and not at the start when the NASpI answer stops it.
pub fn offers_next(step: Step, naspi_answer: &str) -> bool {
    step != Step::Summary && !(step == Step::Start && naspi_blocks(naspi_answer))
}

/// How far the wizard is, in percent, on step `current` (0-based) of `total`:
/// the first step already shows some progress, the last shows 100.
pub fn progress_percent(current: usize, total: usize) -> usize {
    (current.saturating_add(1)).saturating_mul(100) / total.max(1)
}

/// The birth date as entered, if it is a real date.
pub fn birth_date(form: &DidForm) -> Option<Date> {
    parse_date_parts(&form.birth_day, &form.birth_month, &form.birth_year).ok()
}

/// The yearly income entered, in cents, when it parses.
pub fn income_cents(form: &DidForm) -> Option<u64> {
    parse_euro_cents(&form.income)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::did::test_support::good;

    #[test]
    fn drafts_restore_exactly_and_tolerate_old_shapes() {
        let mut f = good();
        f.step = 3;
        f.furthest = 5;
        let back: DidForm = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
        assert_eq!(back, f);
        let old: DidForm =
            serde_json::from_str(r#"{"step":200,"surname":"Rossi","unknown":1}"#).unwrap();
        assert_eq!(old.current_step(), Step::Summary);
        assert!(old.dom_same);
        assert!(DidForm::default().is_blank());
        assert!(!old.is_blank());
    }

    #[test]
    fn next_is_offered_except_on_the_summary_and_after_a_naspi_application() {
        assert!(offers_next(Step::Start, ""));
        assert!(offers_next(Step::Start, "no"));
        assert!(!offers_next(Step::Start, "si"));
        assert!(offers_next(Step::Personal, "si"));
        assert!(!offers_next(Step::Summary, "no"));
        assert!(naspi_blocks("si") && !naspi_blocks("no") && !naspi_blocks(""));
    }

    #[test]
    fn progress_in_percent() {
        assert_eq!(progress_percent(0, 8), 12);
        assert_eq!(progress_percent(7, 8), 100);
        assert_eq!(progress_percent(0, 0), 100);
        assert_eq!(progress_percent(usize::MAX, 8), usize::MAX / 8);
    }
}
