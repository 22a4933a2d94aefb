//! The code against the data the person entered: one mismatch per field.

use super::format::normalize;
use super::names::{letters, name_code, surname_code};
use super::types::{Decoded, Sex};
use crate::domain::date::Date;
use std::fmt;

/// The data the person entered, to compare with the code. Empty or `None`
/// fields are not checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonInput {
    pub surname: String,
    pub name: String,
    pub sex: Option<Sex>,
    pub birth_date: Option<Date>,
    /// Belfiore code of the birth comune or foreign state.
    pub birthplace_code: Option<String>,
}

/// One disagreement between the code and the entered data. `Display` gives
/// the Italian message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    Surname {
        entered: String,
        expected: String,
        in_code: String,
    },
    Name {
        entered: String,
        expected: String,
        in_code: String,
    },
    Sex {
        in_code: Sex,
        entered: Sex,
    },
    BirthDate {
        in_code: Date,
        entered: Date,
    },
    Birthplace {
        in_code: String,
        in_code_name: Option<String>,
        entered: String,
    },
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::Surname { entered, expected, in_code } => write!(
                f,
                "Le lettere del cognome nel codice fiscale ({in_code}) non corrispondono al cognome «{entered}», che darebbe {expected}. Indica il cognome completo come nel documento (per chi ha cambiato cognome col matrimonio, quello di nascita)."
            ),
            Mismatch::Name { entered, expected, in_code } => write!(
                f,
                "Le lettere del nome nel codice fiscale ({in_code}) non corrispondono al nome «{entered}», che darebbe {expected} (se il nome ha quattro o più consonanti si usano la prima, la terza e la quarta). Se hai più nomi, indicali tutti."
            ),
            Mismatch::Sex { in_code, entered } => write!(
                f,
                "Il codice fiscale indica il sesso {}, ma hai indicato il sesso {}.",
                in_code.label_it(),
                entered.label_it()
            ),
            Mismatch::BirthDate { in_code, entered } => write!(
                f,
                "La data di nascita nel codice fiscale ({}) è diversa da quella indicata ({}).",
                in_code.format_it(),
                entered.format_it()
            ),
            Mismatch::Birthplace { in_code, in_code_name, entered } => match in_code_name {
                Some(name) => write!(
                    f,
                    "Il luogo di nascita nel codice fiscale ({in_code}, {name}) è diverso da quello indicato ({entered})."
                ),
                None => write!(
                    f,
                    "Il luogo di nascita nel codice fiscale ({in_code}) è diverso da quello indicato ({entered})."
                ),
            },
        }
    }
}

/// Compare a decoded code with the entered data; one mismatch per field that
/// disagrees, in form order (surname, name, sex, birth date, birthplace).
pub fn check_consistency(decoded: &Decoded, input: &PersonInput) -> Vec<Mismatch> {
    let mut out = Vec::new();
    if !letters(&input.surname).is_empty() {
        let expected = surname_code(&input.surname);
        if expected != decoded.surname_code {
            out.push(Mismatch::Surname {
                entered: input.surname.trim().to_string(),
                expected,
                in_code: decoded.surname_code.clone(),
            });
        }
    }
    if !letters(&input.name).is_empty() {
        let expected = name_code(&input.name);
        if expected != decoded.name_code {
            out.push(Mismatch::Name {
                entered: input.name.trim().to_string(),
                expected,
                in_code: decoded.name_code.clone(),
            });
        }
    }
    if let Some(sex) = input.sex {
        if sex != decoded.sex {
            out.push(Mismatch::Sex {
                in_code: decoded.sex,
                entered: sex,
            });
        }
    }
    if let Some(entered) = input.birth_date {
        let c = decoded.birth_date;
        // The code holds only two digits of the year: a century apart is
        // still consistent (people over 100).
        let same = entered.month == c.month
            && entered.day == c.day
            && (i64::from(entered.year) - i64::from(c.year)).rem_euclid(100) == 0;
        if !same {
            out.push(Mismatch::BirthDate {
                in_code: c,
                entered,
            });
        }
    }
    if let Some(entered) = &input.birthplace_code {
        let entered = normalize(entered);
        if !entered.is_empty() && entered != decoded.belfiore {
            out.push(Mismatch::Birthplace {
                in_code: decoded.belfiore.clone(),
                in_code_name: decoded.birthplace.as_ref().map(|r| r.name.clone()),
                entered,
            });
        }
    }
    out
}
