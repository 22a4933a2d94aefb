//! What a valid code is and says: the code, its kind, the decoded person
//! data, and the dated Belfiore records it is checked against.

use crate::domain::date::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Sex as encoded in the codice fiscale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    M,
    F,
}

impl Sex {
    /// "maschile" / "femminile".
    pub fn label_it(self) -> &'static str {
        match self {
            Sex::M => "maschile",
            Sex::F => "femminile",
        }
    }
}

/// One validity period of a Belfiore (cadastral) code: a comune or, for `Z`
/// codes, a foreign state. `valid_to` is the last day of validity
/// (inclusive); `None` bounds are open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BelfioreRecord {
    pub code: String,
    pub name: String,
    pub province: Option<String>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub foreign: bool,
}

impl BelfioreRecord {
    /// Whether the record covers `date` (both bounds inclusive).
    pub fn covers(&self, date: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= date) && self.valid_to.is_none_or(|t| date <= t)
    }
}

/// Source of the dated Belfiore records (the `belfiore` feed, or a test
/// double). `records` returns every period of `code`, in any order; an empty
/// list means the code is unknown.
pub trait BelfioreLookup {
    fn records(&self, code: &str) -> Vec<BelfioreRecord>;
}

/// What a 16-character code says about the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// Characters 1–3.
    pub surname_code: String,
    /// Characters 4–6.
    pub name_code: String,
    pub birth_date: Date,
    pub sex: Sex,
    /// Belfiore code of the birthplace with omocodic letters turned back into
    /// digits ("L219").
    pub belfiore: String,
    /// True when some digits are replaced by letters.
    pub is_omocode: bool,
    /// The code without omocodic substitutions, with its own check character.
    pub canonical: String,
    /// The record of the birthplace valid on the birth date, when the code
    /// was validated with a lookup (`None` also when `validate_as_issued`
    /// accepted a code of a comune created or re-established after the
    /// birth).
    pub birthplace: Option<BelfioreRecord>,
}

impl Decoded {
    /// Born abroad (`Z` code).
    pub fn is_foreign_born(&self) -> bool {
        self.belfiore.starts_with('Z')
    }
}

/// The kind of a valid code.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)] // built once per validation; no need to box
pub enum CfKind {
    /// A 16-character personal code.
    Personal(Decoded),
    /// An 11-digit provisional code (same shape as a partita IVA).
    Provisional,
}

/// A valid codice fiscale, normalised (upper case, no spaces).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodiceFiscale {
    pub code: String,
    pub kind: CfKind,
}

impl CodiceFiscale {
    pub fn as_str(&self) -> &str {
        &self.code
    }
    pub fn decoded(&self) -> Option<&Decoded> {
        match &self.kind {
            CfKind::Personal(d) => Some(d),
            CfKind::Provisional => None,
        }
    }
    pub fn is_provisional(&self) -> bool {
        matches!(self.kind, CfKind::Provisional)
    }
}

impl fmt::Display for CodiceFiscale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}
