//! The birthplace (Belfiore) code against the dated list of comuni and
//! foreign states, and the full validation that includes it.

use super::decode::validate_format;
use super::error::{CfError, NotValidReason};
use super::types::{BelfioreLookup, BelfioreRecord, CfKind, CodiceFiscale};
use crate::domain::date::Date;

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

/// Full validation: format, check character, birth date (century inferred
/// from `today`), and the birthplace code, which must be in use on the birth
/// date according to `lookup`.
///
/// Note: for people born before the codice fiscale existed (1970s), the
/// Agenzia delle Entrate sometimes issued the code of a comune created after
/// the birth. Callers that must not reject such codes can use
/// [`validate_format`] and then [`check_birthplace`] and treat
/// `NotValidReason::NotYetCreated` as a warning.
pub fn validate(
    input: &str,
    today: Date,
    lookup: &dyn BelfioreLookup,
) -> Result<CodiceFiscale, CfError> {
    let mut cf = validate_format(input, today)?;
    if let CfKind::Personal(decoded) = &mut cf.kind {
        let record = check_birthplace(&decoded.belfiore, decoded.birth_date, lookup)?;
        decoded.birthplace = Some(record);
    }
    Ok(cf)
}
