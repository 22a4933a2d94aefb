//! The birthplace (Belfiore) code against the dated list of comuni and
//! foreign states, and the full validation that includes it.
//!
//! Three rules decide whether a code that the dated list does not cover on
//! the birth date is still accepted (docs/did.md, "Codice fiscale"):
//!
//! 1. a comune **created after** the birth (`NotYetCreated`) and
//! 2. a comune **suppressed and later re-established** with the same code
//!    (`Suspended`, the birth falls in the gap) are accepted by
//!    [`check_birthplace_as_issued`] and [`validate_as_issued`], because
//!    codici fiscali were first issued from 1976 with the comuni of that
//!    time; [`check_birthplace`] and [`validate`] stay strict;
//! 3. the **older century reading**: when the two-digit year read in the
//!    most recent century fails the birthplace check and the reading 100
//!    years earlier passes it (a person at most [`OLDEST_AGE`] years old on
//!    `today`), the code is read with the older date.

use super::decode::validate_format;
use super::error::{CfError, NotValidReason};
use super::types::{BelfioreLookup, BelfioreRecord, CfKind, CodiceFiscale, Decoded};
use crate::domain::date::{age_on, Date};

/// The oldest age, in full years on `today`, that the older century reading
/// of a two-digit year may give (the DID form refuses older birth dates
/// too). Beyond it the recent reading and its error stand: without the bound
/// any code of a comune valid from 1861 would read as a birth in the 1800s.
pub const OLDEST_AGE: i32 = 120;

/// The record of `code` valid on `birth_date`, or the precise reason why
/// there is none.
pub fn check_birthplace(
    code: &str,
    birth_date: Date,
    lookup: &dyn BelfioreLookup,
) -> Result<BelfioreRecord, CfError> {
    let mut records = lookup.records(code);
    if records.is_empty() {
        return Err(CfError::UnknownBelfiore {
            code: code.to_string(),
        });
    }
    if let Some(r) = records.iter().find(|r| r.covers(birth_date)) {
        return Ok(r.clone());
    }
    records.sort_by_key(|r| r.valid_from);
    // the last period ending before the birth and the first one starting after
    let before = records
        .iter()
        .filter(|r| r.valid_to.is_some_and(|t| t < birth_date))
        .max_by_key(|r| r.valid_to);
    let after = records
        .iter()
        .filter(|r| r.valid_from.is_some_and(|f| f > birth_date))
        .min_by_key(|r| r.valid_from);
    let (named, reason) = match (before, after) {
        (Some(b), Some(a)) => (
            a,
            NotValidReason::Suspended {
                last_valid: b.valid_to.unwrap_or(birth_date),
                recreated: a.valid_from.unwrap_or(birth_date),
            },
        ),
        (Some(b), None) => (
            b,
            NotValidReason::Ceased {
                last_valid: b.valid_to.unwrap_or(birth_date),
            },
        ),
        (None, Some(a)) => (
            a,
            NotValidReason::NotYetCreated {
                created: a.valid_from.unwrap_or(birth_date),
            },
        ),
        // Only possible with inconsistent records (e.g. from > to): treat the
        // first one as not yet created.
        (None, None) => match records.first() {
            Some(r) => (
                r,
                NotValidReason::NotYetCreated {
                    created: r.valid_from.unwrap_or(birth_date),
                },
            ),
            None => {
                return Err(CfError::UnknownBelfiore {
                    code: code.to_string(),
                })
            }
        },
    };
    Err(CfError::BelfioreNotValidOnDate {
        code: code.to_string(),
        name: named.name.clone(),
        foreign: named.foreign || code.starts_with('Z'),
        birth_date,
        reason,
    })
}

/// The birthplace check as codes were issued: `Ok(Some(record))` when the
/// code was in use on the birth date; `Ok(None)` when it was not but came
/// into use again later ([`NotValidReason::in_use_again_later`]: the comune
/// was created after the birth, or suppressed before it and later
/// re-established with the same code; the Agenzia delle Entrate issued the
/// codes of the comuni existing from 1976 to people born earlier); the error
/// otherwise (unknown code, or ceased before the birth and never
/// re-established).
pub fn check_birthplace_as_issued(
    code: &str,
    birth_date: Date,
    lookup: &dyn BelfioreLookup,
) -> Result<Option<BelfioreRecord>, CfError> {
    match check_birthplace(code, birth_date, lookup) {
        Ok(r) => Ok(Some(r)),
        Err(CfError::BelfioreNotValidOnDate { reason, .. }) if reason.in_use_again_later() => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Full validation, strict: format, check character, birth date (century
/// inferred from `today`, see [`validate_format`], then the older reading
/// when only that one passes: rule 3 of the module), and the birthplace
/// code, which must be in use on the birth date according to `lookup`.
///
/// Note: for people born before the codice fiscale existed (1970s), the
/// Agenzia delle Entrate issued the code of the comune existing at the time
/// of issue, which may have been created, or re-established, after the
/// birth. Callers that must not reject such codes use
/// [`validate_as_issued`].
pub fn validate(
    input: &str,
    today: Date,
    lookup: &dyn BelfioreLookup,
) -> Result<CodiceFiscale, CfError> {
    let mut cf = validate_format(input, today)?;
    if let CfKind::Personal(decoded) = &mut cf.kind {
        let code = decoded.belfiore.clone();
        let record = with_century(decoded, today, |date| check_birthplace(&code, date, lookup))?;
        decoded.birthplace = Some(record);
    }
    Ok(cf)
}

/// Full validation as codes were issued: like [`validate`], but the
/// birthplace is checked with [`check_birthplace_as_issued`] (a comune
/// created or re-established after the birth is accepted, and then
/// `birthplace` stays `None`). The older century reading is taken when the
/// recent one fails this same check and the older one passes it.
pub fn validate_as_issued(
    input: &str,
    today: Date,
    lookup: &dyn BelfioreLookup,
) -> Result<CodiceFiscale, CfError> {
    let mut cf = validate_format(input, today)?;
    if let CfKind::Personal(decoded) = &mut cf.kind {
        let code = decoded.belfiore.clone();
        decoded.birthplace = with_century(decoded, today, |date| {
            check_birthplace_as_issued(&code, date, lookup)
        })?;
    }
    Ok(cf)
}

/// The same day 100 years before `birth_date`, if it exists (29 February
/// does not always) and the person would be at most [`OLDEST_AGE`] on
/// `today`.
pub(super) fn older_reading(birth_date: Date, today: Date) -> Option<Date> {
    let older = Date::new(
        birth_date.year.checked_sub(100)?,
        birth_date.month,
        birth_date.day,
    )?;
    (age_on(older, today) <= OLDEST_AGE).then_some(older)
}

/// Run `check` on the decoded birth date; if it fails and the older reading
/// ([`older_reading`]) passes, move the birth date there. The error of the
/// recent reading is the one returned when both fail.
fn with_century<T>(
    decoded: &mut Decoded,
    today: Date,
    check: impl Fn(Date) -> Result<T, CfError>,
) -> Result<T, CfError> {
    let recent = decoded.birth_date;
    match check(recent) {
        Ok(t) => Ok(t),
        Err(e) => match older_reading(recent, today).map(|d| (d, check(d))) {
            Some((older, Ok(t))) => {
                decoded.birth_date = older;
                Ok(t)
            }
            _ => Err(e),
        },
    }
}
