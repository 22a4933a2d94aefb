//! The codice fiscale as the wizard checks it, and its errors and
//! mismatches as translatable issues. Codice fiscale errors from
//! [`crate::domain::codice_fiscale`] are mapped to keys whose Italian text
//! is the same as that module's messages (a test checks it).

use super::fid;
use super::form::Ctx;
use super::messages::{Issue, Msg};
use crate::domain::codice_fiscale::{
    self as cf, BelfioreLookup, BelfioreRecord, CfError, Expected, Mismatch, NotValidReason, Sex,
};
use crate::domain::date::Date;

fn show_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// The message of a codice fiscale error, as a translation key. The
/// Italian texts equal the `Display` of [`CfError`] (tested).
pub fn cf_msg(error: &CfError) -> Msg {
    match error {
        CfError::Empty => Msg::new("did.err.cf_empty"),
        CfError::WrongLength { found } => {
            Msg::new("did.err.cf_length").text("found", found.to_string())
        }
        CfError::InvalidCharacter {
            position,
            found,
            expected,
        } => {
            let key = match expected {
                Expected::Letter => "did.err.cf_char_letter",
                Expected::Digit => "did.err.cf_char_digit",
                Expected::DigitOrOmocodeLetter => "did.err.cf_char_digit_or_letter",
                Expected::MonthLetter => "did.err.cf_char_month",
            };
            Msg::new(key)
                .text("found", show_char(*found))
                .text("position", position.to_string())
        }
        CfError::InvalidDay { encoded } => {
            Msg::new("did.err.cf_day").text("encoded", format!("{encoded:02}"))
        }
        CfError::NonexistentDate { day, month, year } => {
            Msg::new("did.err.cf_date").text("date", format!("{day:02}/{month:02}/{year:04}"))
        }
        CfError::BirthDateInFuture { date } => {
            Msg::new("did.err.cf_future").text("date", date.format_it())
        }
        CfError::WrongCheckCharacter { expected, .. } => {
            Msg::new("did.err.cf_check").text("expected", expected.to_string())
        }
        CfError::WrongProvisionalCheckDigit { expected, .. } => {
            Msg::new("did.err.cf_provisional_check").text("expected", expected.to_string())
        }
        CfError::UnknownBelfiore { code } => {
            Msg::new("did.err.cf_place_unknown").text("code", code.as_str())
        }
        CfError::BelfioreNotValidOnDate {
            code,
            name,
            foreign,
            birth_date,
            reason,
        } => {
            let (key, dates): (&'static str, Vec<(&'static str, String)>) = match (reason, foreign)
            {
                (NotValidReason::NotYetCreated { created }, false) => (
                    "did.err.cf_place_not_yet_comune",
                    vec![("created", created.format_it())],
                ),
                (NotValidReason::NotYetCreated { created }, true) => (
                    "did.err.cf_place_not_yet_state",
                    vec![("created", created.format_it())],
                ),
                (NotValidReason::Ceased { last_valid }, false) => (
                    "did.err.cf_place_ceased_comune",
                    vec![("last", last_valid.format_it())],
                ),
                (NotValidReason::Ceased { last_valid }, true) => (
                    "did.err.cf_place_ceased_state",
                    vec![("last", last_valid.format_it())],
                ),
                (
                    NotValidReason::Suspended {
                        last_valid,
                        recreated,
                    },
                    false,
                ) => (
                    "did.err.cf_place_suspended_comune",
                    vec![
                        ("last", last_valid.format_it()),
                        ("recreated", recreated.format_it()),
                    ],
                ),
                (
                    NotValidReason::Suspended {
                        last_valid,
                        recreated,
                    },
                    true,
                ) => (
                    "did.err.cf_place_suspended_state",
                    vec![
                        ("last", last_valid.format_it()),
                        ("recreated", recreated.format_it()),
                    ],
                ),
            };
            let mut m = Msg::new(key)
                .text("code", code.as_str())
                .text("name", name.as_str())
                .text("birth", birth_date.format_it());
            for (n, v) in dates {
                m = m.text(n, v);
            }
            m
        }
    }
}

fn sex_word_key(s: Sex) -> &'static str {
    match s {
        Sex::M => "did.sex_word.m",
        Sex::F => "did.sex_word.f",
    }
}

/// A disagreement between the code and the entered data, on the entered
/// field. `entered_place` is the label of the chosen birthplace.
pub(super) fn mismatch_issue(m: &Mismatch, entered_place: &str) -> Issue {
    match m {
        Mismatch::Surname {
            entered,
            expected,
            in_code,
        } => Issue::new(
            fid::SURNAME,
            Msg::new("did.err.mismatch_surname")
                .text("in_code", in_code.as_str())
                .text("entered", entered.as_str())
                .text("expected", expected.as_str()),
        ),
        Mismatch::Name {
            entered,
            expected,
            in_code,
        } => Issue::new(
            fid::NAME,
            Msg::new("did.err.mismatch_name")
                .text("in_code", in_code.as_str())
                .text("entered", entered.as_str())
                .text("expected", expected.as_str()),
        ),
        Mismatch::Sex { in_code, entered } => Issue::new(
            fid::SEX,
            Msg::new("did.err.mismatch_sex")
                .key_arg("in_code", sex_word_key(*in_code))
                .key_arg("entered", sex_word_key(*entered)),
        ),
        Mismatch::BirthDate { in_code, entered } => Issue::new(
            fid::BIRTH_DATE,
            Msg::new("did.err.mismatch_birth_date")
                .text("in_code", in_code.format_it())
                .text("entered", entered.format_it()),
        ),
        Mismatch::Birthplace {
            in_code,
            in_code_name,
            entered,
        } => {
            let shown = if entered_place.trim().is_empty() {
                entered.clone()
            } else {
                entered_place.trim().to_string()
            };
            let msg = match in_code_name {
                Some(name) => {
                    Msg::new("did.err.mismatch_birthplace_named").text("name", name.as_str())
                }
                None => Msg::new("did.err.mismatch_birthplace"),
            };
            Issue::new(
                fid::BIRTHPLACE,
                msg.text("in_code", in_code.as_str()).text("entered", shown),
            )
        }
    }
}

/// The birthplace record for `code` on `birth`, as codes were issued
/// ([`cf::check_birthplace_as_issued`]): a comune created after the birth,
/// or suppressed before it and re-established later with the same code, is
/// accepted silently (`Ok(None)`); the Agenzia delle Entrate issued the codes
/// of the comuni existing from 1976 to people born earlier. A code that
/// ceased before the birth and was never used again is refused.
pub(super) fn birthplace_check(
    code: &str,
    birth: Date,
    lookup: &dyn BelfioreLookup,
) -> Result<Option<BelfioreRecord>, CfError> {
    cf::check_birthplace_as_issued(code, birth, lookup)
}

/// Validate the codice fiscale alone (format, check character, birth date,
/// birthplace code on the birth date when the Belfiore data is there, as
/// `birthplace_check` accepts it). With the data, a two-digit year whose
/// recent reading fails that check but whose reading a century earlier
/// passes is read as the older one ([`cf::validate_as_issued`]).
pub fn check_cf(input: &str, ctx: &Ctx) -> Result<cf::CodiceFiscale, CfError> {
    match ctx.belfiore {
        Some(lookup) => cf::validate_as_issued(input, ctx.today, lookup),
        None => cf::validate_format(input, ctx.today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codice_fiscale::PersonInput;
    use crate::domain::did::test_support::*;

    #[test]
    fn cf_messages_are_the_codice_fiscale_modules_messages() {
        let mut errors: Vec<CfError> = [
            "",
            "ABC",
            "CCCFBA8!D03L219P",
            "CCCFBA85Z03L219P",
            "CCC1BA85D03L219P",
            "1234567890A",
            "CCCFBA85D03L219\u{7}",
            "CCCFBA85D03L219Q",
        ]
        .iter()
        .map(|s| cf::validate_format(s, today()).unwrap_err())
        .collect();
        errors.extend([
            CfError::WrongProvisionalCheckDigit {
                expected: '3',
                found: '0',
            },
            CfError::InvalidDay { encoded: 35 },
            CfError::NonexistentDate {
                day: 30,
                month: 2,
                year: 1985,
            },
            CfError::BirthDateInFuture {
                date: d(2027, 1, 1),
            },
            CfError::UnknownBelfiore {
                code: "Z999".into(),
            },
        ]);
        for e in &errors {
            assert_eq!(it(&cf_msg(e)), e.to_string(), "{e:?}");
            assert!(!en(&cf_msg(e)).contains('{'), "{e:?}");
        }
        for reason in [
            NotValidReason::NotYetCreated {
                created: d(2000, 1, 1),
            },
            NotValidReason::Ceased {
                last_valid: d(2000, 1, 1),
            },
            NotValidReason::Suspended {
                last_valid: d(1928, 1, 1),
                recreated: d(1948, 5, 8),
            },
        ] {
            for foreign in [false, true] {
                let e = CfError::BelfioreNotValidOnDate {
                    code: "G133".into(),
                    name: "Ortacesus".into(),
                    foreign,
                    birth_date: d(1935, 3, 1),
                    reason,
                };
                assert_eq!(it(&cf_msg(&e)), e.to_string());
                assert!(!en(&cf_msg(&e)).contains('{'));
            }
        }
    }

    #[test]
    fn mismatch_messages_match_the_codice_fiscale_module() {
        let code = cf::validate("CCCFBA85D03L219P", today(), &fake()).unwrap();
        let dec = code.decoded().unwrap();
        let input = PersonInput {
            surname: "Rossi".into(),
            name: "Gianfranco".into(),
            sex: Some(Sex::F),
            birth_date: Some(d(1985, 4, 4)),
            birthplace_code: None,
        };
        for m in cf::check_consistency(dec, &input) {
            assert_eq!(it(&mismatch_issue(&m, "").msg), m.to_string());
        }
    }
}
