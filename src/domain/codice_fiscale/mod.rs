//! Italian codice fiscale: normalisation, format and check-character
//! validation, omocodia, decoding (sex, birth date, birthplace), the check of
//! the birthplace code against the dated list of comuni and foreign states,
//! the consistency check against the data the person entered, and the
//! 11-digit provisional code.
//!
//! Algorithm: DOMAIN.md §5.1. Every error and mismatch has a precise Italian
//! message through `Display`. Nothing here panics, whatever the input.
//!
//! | file | job |
//! |---|---|
//! | `types.rs` | the code, its kind, decoded data, Belfiore records |
//! | `error.rs` | why a code is not valid ([`CfError`]) |
//! | `format.rs` | normalisation, character classes, check character |
//! | `omocodia.rs` | omocodic variants and the canonical form |
//! | `decode.rs` | format validation and decoding (sex, birth date, place code) |
//! | `birthplace.rs` | the place code on the birth date (strict, or as codes were issued), the older century reading, full validation |
//! | `names.rs` | surname and name letters |
//! | `consistency.rs` | the code against the entered data |

mod birthplace;
mod consistency;
mod decode;
mod error;
mod format;
mod names;
mod omocodia;
mod types;

pub use birthplace::{
    check_birthplace, check_birthplace_as_issued, validate, validate_as_issued, OLDEST_AGE,
};
pub use consistency::{check_consistency, Mismatch, PersonInput};
pub use decode::{validate_format, validate_provisional};
pub use error::{CfError, Expected, NotValidReason};
pub use format::{check_character, normalize, provisional_check_digit, MONTH_LETTERS};
pub use names::{name_code, surname_code};
pub use omocodia::{canonical_form, omocode_variant, OMOCODE_LETTERS, OMOCODE_POSITIONS};
pub use types::{BelfioreLookup, BelfioreRecord, CfKind, CodiceFiscale, Decoded, Sex};

#[cfg(test)]
mod tests;
