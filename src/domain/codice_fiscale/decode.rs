//! Decoding a code: format, check character, omocodia, sex, birth date
//! (with the century inferred from today) and the birthplace code.

use super::error::{CfError, Expected};
use super::format::{
    check_character, check_format, normalize, provisional_check_digit, MONTH_LETTERS,
};
use super::omocodia::{omocode_letter_to_digit, OMOCODE_POSITIONS};
use super::types::{CfKind, CodiceFiscale, Decoded, Sex};
use crate::domain::date::Date;

/// Validate format, check character and birth date, without checking the
/// birthplace code against the list of comuni (`birthplace` stays `None`).
/// `today` is the reference for the century: the birth date is the latest
/// one not after `today` (the recent reading; [`super::validate`] and
/// [`super::validate_as_issued`] may move it a century back when only the
/// older reading passes the birthplace check).
pub fn validate_format(input: &str, today: Date) -> Result<CodiceFiscale, CfError> {
    let code = normalize(input);
    let n = code.chars().count();
    if n == 0 {
        return Err(CfError::Empty);
    }
    if n == 11 && code.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return validate_provisional_normalized(code);
    }
    check_format(&code)?;
    // From here the code is 16 ASCII characters.
    let b = code.as_bytes();
    let first15 = code.get(..15).unwrap_or_default();
    let expected = check_character(first15).unwrap_or('?');
    let found = char::from(*b.get(15).unwrap_or(&b'?'));
    if expected != found {
        return Err(CfError::WrongCheckCharacter { expected, found });
    }

    let mut plain = b.to_vec();
    let mut is_omocode = false;
    for &pos in &OMOCODE_POSITIONS {
        if let Some(slot) = plain.get_mut(pos) {
            if let Some(d) = omocode_letter_to_digit(*slot) {
                *slot = d;
                is_omocode = true;
            }
        }
    }
    let num = |i: usize, j: usize| -> u8 {
        let d = |k: usize| plain.get(k).map_or(0, |c| c.saturating_sub(b'0').min(9));
        d(i) * 10 + d(j)
    };
    let yy = num(6, 7);
    let month_idx = plain
        .get(8)
        .and_then(|m| MONTH_LETTERS.iter().position(|l| l == m))
        .unwrap_or(0);
    let month = u8::try_from(month_idx + 1).unwrap_or(1);
    let encoded_day = num(9, 10);
    let (sex, day) = match encoded_day {
        1..=31 => (Sex::M, encoded_day),
        41..=71 => (Sex::F, encoded_day - 40),
        _ => {
            return Err(CfError::InvalidDay {
                encoded: encoded_day,
            })
        }
    };
    let birth_date = infer_birth_date(yy, month, day, today)?;

    let belfiore: String = plain
        .get(11..15)
        .map(|s| s.iter().map(|&c| char::from(c)).collect())
        .unwrap_or_default();
    let canonical_first15: String = plain
        .get(..15)
        .map(|s| s.iter().map(|&c| char::from(c)).collect())
        .unwrap_or_default();
    let canonical = match check_character(&canonical_first15) {
        Some(c) => format!("{canonical_first15}{c}"),
        None => code.clone(),
    };
    let decoded = Decoded {
        surname_code: code.get(0..3).unwrap_or_default().to_string(),
        name_code: code.get(3..6).unwrap_or_default().to_string(),
        birth_date,
        sex,
        belfiore,
        is_omocode,
        canonical,
        birthplace: None,
    };
    Ok(CodiceFiscale {
        code,
        kind: CfKind::Personal(decoded),
    })
}

/// Century inference: 20yy if that date exists and is not after `today`,
/// otherwise 19yy.
fn infer_birth_date(yy: u8, month: u8, day: u8, today: Date) -> Result<Date, CfError> {
    let yy = i32::from(yy);
    let c2000 = Date::new(2000 + yy, month, day);
    let c1900 = Date::new(1900 + yy, month, day);
    match (c2000, c1900) {
        (Some(d), _) if d <= today => Ok(d),
        (_, Some(d)) if d <= today => Ok(d),
        (_, Some(d)) => Err(CfError::BirthDateInFuture { date: d }),
        (None, None) => {
            let year = if 2000 + yy <= today.year {
                2000 + yy
            } else {
                1900 + yy
            };
            Err(CfError::NonexistentDate { day, month, year })
        }
        // 29 February 2000 after `today`, and 1900 was not a leap year
        (Some(_), None) => Err(CfError::NonexistentDate {
            day,
            month,
            year: 1900 + yy,
        }),
    }
}

/// Validate an 11-digit provisional code (spaces are removed first).
pub fn validate_provisional(input: &str) -> Result<CodiceFiscale, CfError> {
    let code = normalize(input);
    let n = code.chars().count();
    if n == 0 {
        return Err(CfError::Empty);
    }
    if n != 11 {
        return Err(CfError::WrongLength { found: n });
    }
    validate_provisional_normalized(code)
}

fn validate_provisional_normalized(code: String) -> Result<CodiceFiscale, CfError> {
    for (i, c) in code.chars().enumerate() {
        if !c.is_ascii_digit() {
            return Err(CfError::InvalidCharacter {
                position: i + 1,
                found: c,
                expected: Expected::Digit,
            });
        }
    }
    let expected = provisional_check_digit(code.get(..10).unwrap_or_default()).unwrap_or('?');
    let found = code.chars().nth(10).unwrap_or('?');
    if expected != found {
        return Err(CfError::WrongProvisionalCheckDigit { expected, found });
    }
    Ok(CodiceFiscale {
        code,
        kind: CfKind::Provisional,
    })
}
