//! Italian codice fiscale: normalisation, format and check-character
//! validation, omocodia, decoding (sex, birth date, birthplace), the check of
//! the birthplace code against the dated list of comuni and foreign states,
//! the consistency check against the data the person entered, and the
//! 11-digit provisional code.
//!
//! Algorithm: DOMAIN.md §5.1. Every error and mismatch has a precise Italian
//! message through `Display`. Nothing here panics, whatever the input.

use super::date::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Month letters, January to December.
pub const MONTH_LETTERS: [u8; 12] = *b"ABCDEHLMPRST";
/// Letters that replace the digits 0–9 in omocodic codes.
pub const OMOCODE_LETTERS: [u8; 10] = *b"LMNPQRSTUV";
/// 0-based positions whose digits may be replaced by letters (1-based 7, 8,
/// 10, 11, 13, 14, 15), from the first to the last.
pub const OMOCODE_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

/// Values of the characters in odd positions (1, 3, …, 15), for the letters
/// A–Z; digits 0–9 take the value of A–J.
const ODD_VALUES: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

// ------------------------------------------------------------------ types --

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
    /// was validated with a lookup.
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

/// What a position of the code must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A letter A–Z.
    Letter,
    /// A digit (provisional 11-digit code).
    Digit,
    /// A digit or one of the omocodic letters L M N P Q R S T U V.
    DigitOrOmocodeLetter,
    /// A month letter A B C D E H L M P R S T.
    MonthLetter,
}

/// Why the birthplace code was not valid on the birth date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotValidReason {
    /// The code came into use after the birth date.
    NotYetCreated { created: Date },
    /// The code's last day of validity was before the birth date.
    Ceased { last_valid: Date },
    /// The birth date falls in a gap: the comune was suppressed and later
    /// re-established.
    Suspended { last_valid: Date, recreated: Date },
}

/// Why a code is not valid. `Display` gives the Italian message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CfError {
    /// Nothing entered.
    Empty,
    /// Neither 16 characters nor 11 digits (count after removing spaces).
    WrongLength { found: usize },
    /// A character not allowed at its position (1-based).
    InvalidCharacter {
        position: usize,
        found: char,
        expected: Expected,
    },
    /// The encoded day (characters 10–11) is not 01–31 (men) or 41–71 (women).
    InvalidDay { encoded: u8 },
    /// The encoded date does not exist (30 February).
    NonexistentDate { day: u8, month: u8, year: i32 },
    /// The encoded date is after the reference date.
    BirthDateInFuture { date: Date },
    /// The 16th character does not match the other 15.
    WrongCheckCharacter { expected: char, found: char },
    /// The 11th digit of a provisional code does not match the other 10.
    WrongProvisionalCheckDigit { expected: char, found: char },
    /// No comune or foreign state ever had this Belfiore code.
    UnknownBelfiore { code: String },
    /// The Belfiore code exists but was not in use on the birth date.
    BelfioreNotValidOnDate {
        code: String,
        name: String,
        foreign: bool,
        birth_date: Date,
        reason: NotValidReason,
    },
}

fn show_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        c.to_string()
    }
}

impl fmt::Display for CfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CfError::Empty => f.write_str("Inserisci il codice fiscale."),
            CfError::WrongLength { found } => write!(
                f,
                "Il codice fiscale deve avere 16 caratteri (11 cifre se è un codice provvisorio): quello inserito ne ha {found}."
            ),
            CfError::InvalidCharacter { position, found, expected } => {
                let need = match expected {
                    Expected::Letter => "in questa posizione ci vuole una lettera".to_string(),
                    Expected::Digit => "il codice fiscale provvisorio è fatto solo di cifre".to_string(),
                    Expected::DigitOrOmocodeLetter => {
                        "in questa posizione ci vuole una cifra (o, nei codici omocodici, una delle lettere L, M, N, P, Q, R, S, T, U, V)"
                            .to_string()
                    }
                    Expected::MonthLetter => {
                        "in questa posizione ci vuole la lettera del mese di nascita (A, B, C, D, E, H, L, M, P, R, S, T)"
                            .to_string()
                    }
                };
                write!(f, "Il carattere «{}» in posizione {position} non è valido: {need}.", show_char(*found))
            }
            CfError::InvalidDay { encoded } => write!(
                f,
                "Il giorno di nascita codificato ({encoded:02}) non è valido: va da 01 a 31 per gli uomini e da 41 a 71 per le donne."
            ),
            CfError::NonexistentDate { day, month, year } => write!(
                f,
                "La data di nascita codificata ({day:02}/{month:02}/{year:04}) non esiste."
            ),
            CfError::BirthDateInFuture { date } => write!(
                f,
                "La data di nascita codificata ({}) è nel futuro.",
                date.format_it()
            ),
            CfError::WrongCheckCharacter { expected, .. } => write!(
                f,
                "Il carattere di controllo non è corretto: dovrebbe essere «{expected}»."
            ),
            CfError::WrongProvisionalCheckDigit { expected, .. } => write!(
                f,
                "Il codice fiscale provvisorio non è corretto: l'ultima cifra dovrebbe essere «{expected}»."
            ),
            CfError::UnknownBelfiore { code } => write!(
                f,
                "Il codice del luogo di nascita {code} non corrisponde a nessun comune italiano né a nessuno Stato estero."
            ),
            CfError::BelfioreNotValidOnDate { code, name, foreign, birth_date, reason } => {
                let (what, place) = if *foreign {
                    ("dello Stato estero", format!("lo Stato {name}"))
                } else {
                    ("del comune", format!("il comune di {name}"))
                };
                let birth = birth_date.format_it();
                match reason {
                    NotValidReason::NotYetCreated { created } => write!(
                        f,
                        "Il codice {what} {code} non era valido il {birth}: {place} è stato istituito il {}.",
                        created.format_it()
                    ),
                    NotValidReason::Ceased { last_valid } => write!(
                        f,
                        "Il codice {what} {code} non era più valido il {birth}: {place} è stato soppresso (ultimo giorno di validità del codice: {}).",
                        last_valid.format_it()
                    ),
                    NotValidReason::Suspended { last_valid, recreated } => write!(
                        f,
                        "Il codice {what} {code} non era valido il {birth}: {place} era stato soppresso (ultimo giorno di validità: {}) ed è stato ricostituito il {}.",
                        last_valid.format_it(),
                        recreated.format_it()
                    ),
                }
            }
        }
    }
}

impl std::error::Error for CfError {}

// ------------------------------------------------------------ primitives --

/// Trim, upper-case and remove every space (also inner ones).
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Value of an ASCII letter or digit: 0–25 for A–Z, 0–9 for digits.
fn even_value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'Z' => Some(u32::from(b - b'A')),
        _ => None,
    }
}

fn odd_value(b: u8) -> Option<u32> {
    let idx = match b {
        b'0'..=b'9' => usize::from(b - b'0'),
        b'A'..=b'Z' => usize::from(b - b'A'),
        _ => return None,
    };
    ODD_VALUES.get(idx).copied()
}

/// Check character (CIN) of the first 15 characters of a code, or `None` if
/// they are not exactly 15 ASCII letters or digits (case-insensitive).
pub fn check_character(first15: &str) -> Option<char> {
    let bytes = first15.as_bytes();
    if bytes.len() != 15 {
        return None;
    }
    let mut sum = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        let b = b.to_ascii_uppercase();
        // i is 0-based: even index = odd 1-based position
        sum += if i % 2 == 0 {
            odd_value(b)?
        } else {
            even_value(b)?
        };
    }
    char::from_u32(u32::from(b'A') + sum % 26)
}

/// Check digit of the first 10 digits of a provisional code, or `None` if
/// they are not exactly 10 ASCII digits.
pub fn provisional_check_digit(first10: &str) -> Option<char> {
    let bytes = first10.as_bytes();
    if bytes.len() != 10 {
        return None;
    }
    let mut total = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii_digit() {
            return None;
        }
        let d = u32::from(b - b'0');
        total += if i % 2 == 0 {
            d
        } else {
            let x = d * 2;
            if x > 9 {
                x - 9
            } else {
                x
            }
        };
    }
    char::from_digit((10 - total % 10) % 10, 10)
}

fn omocode_letter_to_digit(b: u8) -> Option<u8> {
    OMOCODE_LETTERS
        .iter()
        .position(|&l| l == b)
        .and_then(|i| u8::try_from(i).ok())
        .map(|i| b'0' + i)
}

fn is_omocode_position(i: usize) -> bool {
    OMOCODE_POSITIONS.contains(&i)
}

/// The omocodic variant of a code selected by `mask` (bit k set = substitute
/// the digit at `OMOCODE_POSITIONS[k]`), with its check character. The input
/// may itself be omocodic: it is first turned back into its canonical form.
/// `None` if the input is not a well-formed 16-character code.
pub fn omocode_variant(code: &str, mask: u8) -> Option<String> {
    let canonical = canonical_form(code)?;
    let mut b: Vec<u8> = canonical.into_bytes();
    for (k, &pos) in OMOCODE_POSITIONS.iter().enumerate() {
        if mask & (1 << k) != 0 {
            let d = *b.get(pos)?;
            let idx = usize::from(d.checked_sub(b'0')?);
            *b.get_mut(pos)? = *OMOCODE_LETTERS.get(idx)?;
        }
    }
    let first15 = String::from_utf8(b.get(..15)?.to_vec()).ok()?;
    let cin = check_character(&first15)?;
    Some(format!("{first15}{cin}"))
}

/// The canonical (non-omocodic) form of a well-formed 16-character code,
/// with its recomputed check character; `None` if malformed.
pub fn canonical_form(code: &str) -> Option<String> {
    let code = normalize(code);
    check_format(&code).ok()?;
    let mut b: Vec<u8> = code.into_bytes();
    for &pos in &OMOCODE_POSITIONS {
        let c = *b.get(pos)?;
        if let Some(d) = omocode_letter_to_digit(c) {
            *b.get_mut(pos)? = d;
        }
    }
    let first15 = String::from_utf8(b.get(..15)?.to_vec()).ok()?;
    let cin = check_character(&first15)?;
    Some(format!("{first15}{cin}"))
}

/// Check the character classes of a normalised 16-character code.
fn check_format(code: &str) -> Result<(), CfError> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 16 {
        return Err(CfError::WrongLength { found: chars.len() });
    }
    for (i, &c) in chars.iter().enumerate() {
        let (ok, expected) = match i {
            8 => (
                c.is_ascii() && MONTH_LETTERS.contains(&(c as u8)),
                Expected::MonthLetter,
            ),
            _ if is_omocode_position(i) => (
                c.is_ascii_digit() || (c.is_ascii() && OMOCODE_LETTERS.contains(&(c as u8))),
                Expected::DigitOrOmocodeLetter,
            ),
            _ => (c.is_ascii_uppercase(), Expected::Letter),
        };
        if !ok {
            return Err(CfError::InvalidCharacter {
                position: i + 1,
                found: c,
                expected,
            });
        }
    }
    Ok(())
}

// ------------------------------------------------------------- validation --

/// Validate format, check character and birth date, without checking the
/// birthplace code against the list of comuni (`birthplace` stays `None`).
/// `today` is the reference for the century: the birth date is the latest
/// one not after `today`.
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

// ------------------------------------------------------- name encoding --

/// Fold a letter to upper-case ASCII letters ("à" → "A", "ß" → "SS");
/// anything else (apostrophes, spaces, digits, other scripts) gives nothing.
fn fold_letter(c: char, out: &mut Vec<u8>) {
    if c.is_ascii_alphabetic() {
        out.push(c.to_ascii_uppercase() as u8);
        return;
    }
    let lower: Vec<char> = c.to_lowercase().collect();
    let s: &[u8] = match lower.as_slice() {
        ['à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą'] => b"A",
        ['æ'] => b"AE",
        ['ç' | 'ć' | 'č' | 'ĉ' | 'ċ'] => b"C",
        ['ď' | 'đ' | 'ð'] => b"D",
        ['è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě'] => b"E",
        ['ğ' | 'ģ' | 'ġ'] => b"G",
        ['ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı'] => b"I",
        ['i', '\u{307}'] => b"I", // "İ" lower-cases to i + combining dot
        ['ķ'] => b"K",
        ['ł' | 'ľ' | 'ĺ' | 'ļ'] => b"L",
        ['ñ' | 'ń' | 'ň' | 'ņ'] => b"N",
        ['ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő'] => b"O",
        ['œ'] => b"OE",
        ['ŕ' | 'ř'] => b"R",
        ['ś' | 'š' | 'ş' | 'ș'] => b"S",
        ['ß'] => b"SS",
        ['ť' | 'ţ' | 'ț'] => b"T",
        ['þ'] => b"TH",
        ['ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų'] => b"U",
        ['ý' | 'ÿ'] => b"Y",
        ['ź' | 'ż' | 'ž'] => b"Z",
        _ => b"",
    };
    out.extend_from_slice(s);
}

fn letters(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in text.chars() {
        fold_letter(c, &mut out);
    }
    out
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'A' | b'E' | b'I' | b'O' | b'U')
}

fn three(mut chosen: Vec<u8>, vowels: &[u8]) -> String {
    chosen.extend_from_slice(vowels);
    chosen.extend_from_slice(b"XXX");
    chosen.truncate(3);
    chosen.into_iter().map(char::from).collect()
}

/// The three surname letters: consonants, then vowels, then X.
pub fn surname_code(surname: &str) -> String {
    let l = letters(surname);
    let consonants: Vec<u8> = l.iter().copied().filter(|&b| !is_vowel(b)).collect();
    let vowels: Vec<u8> = l.iter().copied().filter(|&b| is_vowel(b)).collect();
    three(consonants, &vowels)
}

/// The three name letters: with four or more consonants the 1st, 3rd and 4th;
/// otherwise as for the surname.
pub fn name_code(name: &str) -> String {
    let l = letters(name);
    let consonants: Vec<u8> = l.iter().copied().filter(|&b| !is_vowel(b)).collect();
    let vowels: Vec<u8> = l.iter().copied().filter(|&b| is_vowel(b)).collect();
    if let [c1, _, c3, c4, ..] = consonants.as_slice() {
        return [*c1, *c3, *c4].iter().map(|&b| char::from(b)).collect();
    }
    three(consonants, &vowels)
}

// ----------------------------------------------------------- consistency --

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

// ------------------------------------------------------------------ tests --

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 23).unwrap()
    }

    struct Fake(Vec<BelfioreRecord>);
    impl BelfioreLookup for Fake {
        fn records(&self, code: &str) -> Vec<BelfioreRecord> {
            self.0.iter().filter(|r| r.code == code).cloned().collect()
        }
    }

    fn rec(
        code: &str,
        name: &str,
        from: Option<(i32, u8, u8)>,
        to: Option<(i32, u8, u8)>,
    ) -> BelfioreRecord {
        BelfioreRecord {
            code: code.into(),
            name: name.into(),
            province: None,
            valid_from: from.and_then(|(y, m, d)| Date::new(y, m, d)),
            valid_to: to.and_then(|(y, m, d)| Date::new(y, m, d)),
            foreign: code.starts_with('Z'),
        }
    }

    fn fake() -> Fake {
        Fake(vec![
            rec("L219", "Torino", Some((1889, 8, 12)), None),
            rec("F838", "Nanto", Some((1866, 11, 19)), Some((2026, 2, 20))),
            rec(
                "G133",
                "Ortacesus",
                Some((1861, 3, 17)),
                Some((1928, 11, 26)),
            ),
            rec("G133", "Ortacesus", Some((1948, 5, 8)), None),
            rec(
                "Z157",
                "Serbia e Montenegro",
                Some((2003, 2, 4)),
                Some((2006, 6, 3)),
            ),
        ])
    }

    #[test]
    fn check_character_of_the_readme_example() {
        assert_eq!(check_character("CCCFBA85D03L219"), Some('P'));
        assert_eq!(check_character("CCCFBA85D03L21V"), Some('E'));
        assert_eq!(check_character("short"), None);
        assert_eq!(check_character("CCCFBA85D03L21!"), None);
        assert_eq!(check_character("CCCFBA85D03L21é"), None);
    }

    #[test]
    fn validates_and_decodes() {
        let cf = validate(" cccfba85d03l219p ", today(), &fake()).unwrap();
        assert_eq!(cf.as_str(), "CCCFBA85D03L219P");
        let d = cf.decoded().unwrap();
        assert_eq!(d.birth_date, Date::new(1985, 4, 3).unwrap());
        assert_eq!(d.sex, Sex::M);
        assert_eq!(d.belfiore, "L219");
        assert!(!d.is_omocode);
        assert_eq!(d.birthplace.as_ref().unwrap().name, "Torino");
        assert_eq!(d.surname_code, "CCC");
        assert_eq!(d.name_code, "FBA");

        let o = validate("CCCFBA85D03L21VE", today(), &fake()).unwrap();
        let od = o.decoded().unwrap();
        assert!(od.is_omocode);
        assert_eq!(od.belfiore, "L219");
        assert_eq!(od.canonical, "CCCFBA85D03L219P");
    }

    #[test]
    fn format_errors() {
        assert_eq!(validate_format("   ", today()), Err(CfError::Empty));
        assert_eq!(
            validate_format("ABC", today()),
            Err(CfError::WrongLength { found: 3 })
        );
        assert_eq!(
            validate_format("CCCFBA85D03L219PX", today()).unwrap_err().to_string(),
            "Il codice fiscale deve avere 16 caratteri (11 cifre se è un codice provvisorio): quello inserito ne ha 17."
        );
        assert_eq!(
            validate_format("CCCFBA8!D03L219P", today()),
            Err(CfError::InvalidCharacter {
                position: 8,
                found: '!',
                expected: Expected::DigitOrOmocodeLetter
            })
        );
        assert_eq!(
            validate_format("CCCFBA85Z03L219P", today()),
            Err(CfError::InvalidCharacter {
                position: 9,
                found: 'Z',
                expected: Expected::MonthLetter
            })
        );
        assert_eq!(
            validate_format("CCC1BA85D03L219P", today()),
            Err(CfError::InvalidCharacter {
                position: 4,
                found: '1',
                expected: Expected::Letter
            })
        );
        let e = validate_format("CCCFBA85D03L2A9P", today()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("Il carattere «A» in posizione 14 non è valido"),
            "{e}"
        );
        let e = validate_format("CCCFBA85D03L219\u{7}", today()).unwrap_err();
        assert!(e.to_string().contains("U+0007"), "{e}");
        let e = validate_format("CCCFBA85D03L219Q", today()).unwrap_err();
        assert_eq!(
            e,
            CfError::WrongCheckCharacter {
                expected: 'P',
                found: 'Q'
            }
        );
        assert_eq!(
            e.to_string(),
            "Il carattere di controllo non è corretto: dovrebbe essere «P»."
        );
    }

    fn with_cin(first15: &str) -> String {
        format!("{first15}{}", check_character(first15).unwrap())
    }

    #[test]
    fn date_errors() {
        let e = validate_format(&with_cin("CCCFBA85B30L219"), today()).unwrap_err();
        assert_eq!(
            e,
            CfError::NonexistentDate {
                day: 30,
                month: 2,
                year: 1985
            }
        );
        assert_eq!(
            e.to_string(),
            "La data di nascita codificata (30/02/1985) non esiste."
        );
        let e = validate_format(&with_cin("CCCFBA85D35L219"), today()).unwrap_err();
        assert_eq!(e, CfError::InvalidDay { encoded: 35 });
        assert!(e.to_string().contains("(35)"));
        let e = validate_format(&with_cin("CCCFBA85D00L219"), today()).unwrap_err();
        assert_eq!(e, CfError::InvalidDay { encoded: 0 });
        // women: 29 February 2000 (41 + 28 = 69)
        let cf = validate_format(&with_cin("RSSMRA00B69H501"), today()).unwrap();
        let d = cf.decoded().unwrap();
        assert_eq!(
            (d.sex, d.birth_date),
            (Sex::F, Date::new(2000, 2, 29).unwrap())
        );
    }

    #[test]
    fn century_inference() {
        let t = today();
        let y = |s: &str| {
            validate_format(&with_cin(s), t)
                .unwrap()
                .decoded()
                .unwrap()
                .birth_date
                .year
        };
        assert_eq!(y("RSSMRA26S23H501"), 2026); // 23/11/26 = today
        assert_eq!(y("RSSMRA26S24H501"), 1926); // tomorrow in 2026 -> 1926
        assert_eq!(y("RSSMRA10A01H501"), 2010);
        assert_eq!(y("RSSMRA99A01H501"), 1999);
        // 29/02/2000 seen before it happened: 1900 had no 29 February
        let e = validate_format(&with_cin("RSSMRA00B29H501"), Date::new(1999, 1, 1).unwrap())
            .unwrap_err();
        assert_eq!(
            e,
            CfError::NonexistentDate {
                day: 29,
                month: 2,
                year: 1900
            }
        );
        // a reference date before 19yy
        let e = validate_format(&with_cin("RSSMRA85A01H501"), Date::new(1950, 1, 1).unwrap())
            .unwrap_err();
        assert_eq!(
            e,
            CfError::BirthDateInFuture {
                date: Date::new(1985, 1, 1).unwrap()
            }
        );
    }

    #[test]
    fn birthplace_validity() {
        let f = fake();
        let e = validate(
            &with_cin("CCCFBA50D03L219"),
            Date::new(1950, 12, 31).unwrap(),
            &f,
        );
        assert!(e.is_ok());
        // L219 on 03/04/1850 (a date no 16-character code can encode today)
        let e = check_birthplace("L219", Date::new(1850, 4, 3).unwrap(), &f).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Il codice del comune L219 non era valido il 03/04/1850: il comune di Torino è stato istituito il 12/08/1889."
        );
        let e = validate(&with_cin("RSSMRA26C01F838"), today(), &f).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Il codice del comune F838 non era più valido il 01/03/2026: il comune di Nanto è stato soppresso (ultimo giorno di validità del codice: 20/02/2026)."
        );
        assert!(validate(&with_cin("RSSMRA26B20F838"), today(), &f).is_ok());
        let e = validate(&with_cin("RSSMRA35C01G133"), today(), &f).unwrap_err();
        assert!(matches!(
            e,
            CfError::BelfioreNotValidOnDate {
                reason: NotValidReason::Suspended { .. },
                ..
            }
        ));
        assert!(e.to_string().contains("ricostituito il 08/05/1948"), "{e}");
        let e = validate(&with_cin("RSSMRA99C01Z157"), today(), &f).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("Il codice dello Stato estero Z157 non era valido il 01/03/1999"),
            "{e}"
        );
        let e = validate(&with_cin("RSSMRA99C01Z999"), today(), &f).unwrap_err();
        assert_eq!(
            e,
            CfError::UnknownBelfiore {
                code: "Z999".into()
            }
        );
        assert!(e.to_string().contains("Z999"));
    }

    #[test]
    fn provisional_codes() {
        // 10 digits 1234567890 -> check
        let c = provisional_check_digit("1234567890").unwrap();
        let code = format!("1234567890{c}");
        let cf = validate_format(&code, today()).unwrap();
        assert!(cf.is_provisional());
        assert!(cf.decoded().is_none());
        assert!(validate_provisional(&code).is_ok());
        let wrong = if c == '0' { '1' } else { '0' };
        let e = validate_format(&format!("1234567890{wrong}"), today()).unwrap_err();
        assert_eq!(
            e,
            CfError::WrongProvisionalCheckDigit {
                expected: c,
                found: wrong
            }
        );
        assert!(e.to_string().contains(&format!("«{c}»")));
        let e = validate_format("1234567890A", today()).unwrap_err();
        assert_eq!(
            e,
            CfError::InvalidCharacter {
                position: 11,
                found: 'A',
                expected: Expected::Digit
            }
        );
        // the standard Luhn example 7992739871 -> 3
        assert_eq!(provisional_check_digit("7992739871"), Some('3'));
        assert_eq!(provisional_check_digit("123"), None);
        assert_eq!(
            validate_provisional("123"),
            Err(CfError::WrongLength { found: 3 })
        );
        // 11 letters is a short personal code, not a provisional one
        assert_eq!(
            validate_format("CCCFBA85D03", today()),
            Err(CfError::WrongLength { found: 11 })
        );
    }

    #[test]
    fn omocodes() {
        for mask in 0u8..128 {
            let v = omocode_variant("CCCFBA85D03L219P", mask).unwrap();
            let cf = validate_format(&v, today()).unwrap();
            let d = cf.decoded().unwrap();
            assert_eq!(d.canonical, "CCCFBA85D03L219P");
            assert_eq!(d.is_omocode, mask != 0);
            assert_eq!(d.belfiore, "L219");
        }
        assert_eq!(
            omocode_variant("CCCFBA85D03L219P", 0b100_0000).unwrap(),
            "CCCFBA85D03L21VE"
        );
        assert_eq!(
            canonical_form("CCCFBA85D03L21VE").unwrap(),
            "CCCFBA85D03L219P"
        );
        assert_eq!(omocode_variant("bad", 1), None);
    }

    #[test]
    fn name_codes() {
        assert_eq!(surname_code("Rossi"), "RSS");
        assert_eq!(surname_code("Caccamo"), "CCC");
        assert_eq!(surname_code("Fo"), "FOX");
        assert_eq!(surname_code("Oe"), "OEX");
        assert_eq!(surname_code("De Luca"), "DLC");
        assert_eq!(surname_code("D'Amico"), "DMC");
        assert_eq!(surname_code("Niccolò"), "NCC");
        assert_eq!(surname_code("Müller"), "MLL");
        assert_eq!(surname_code("Età"), "TEA");
        assert_eq!(name_code("Fabio"), "FBA");
        assert_eq!(name_code("Mario"), "MRA");
        assert_eq!(name_code("Gianfranco"), "GFR");
        assert_eq!(name_code("Maria Grazia"), "MGR");
        assert_eq!(name_code("Luca"), "LCU");
        assert_eq!(name_code("Ugo"), "GUO");
        assert_eq!(name_code("Al"), "LAX");
        assert_eq!(name_code("Zoë"), "ZOE");
        assert_eq!(name_code("Nicolò"), "NCL");
        assert_eq!(name_code("Ⅻ 123 '"), "XXX");
        assert_eq!(surname_code("Straße"), "STR");
    }

    #[test]
    fn consistency_messages() {
        let cf = validate("CCCFBA85D03L219P", today(), &fake()).unwrap();
        let d = cf.decoded().unwrap();
        let ok = PersonInput {
            surname: "Caccamo".into(),
            name: "Fabio".into(),
            sex: Some(Sex::M),
            birth_date: Date::new(1985, 4, 3),
            birthplace_code: Some("l219".into()),
        };
        assert!(check_consistency(d, &ok).is_empty());
        let bad = PersonInput {
            surname: "Rossi".into(),
            name: "Gianfranco".into(),
            sex: Some(Sex::F),
            birth_date: Date::new(1985, 4, 4),
            birthplace_code: Some("F205".into()),
        };
        let m = check_consistency(d, &bad);
        assert_eq!(m.len(), 5);
        let texts: Vec<String> = m.iter().map(|x| x.to_string()).collect();
        assert!(texts[0].starts_with("Le lettere del cognome nel codice fiscale (CCC) non corrispondono al cognome «Rossi», che darebbe RSS."));
        assert!(texts[1].starts_with("Le lettere del nome nel codice fiscale (FBA) non corrispondono al nome «Gianfranco», che darebbe GFR"));
        assert_eq!(
            texts[2],
            "Il codice fiscale indica il sesso maschile, ma hai indicato il sesso femminile."
        );
        assert_eq!(texts[3], "La data di nascita nel codice fiscale (03/04/1985) è diversa da quella indicata (04/04/1985).");
        assert_eq!(texts[4], "Il luogo di nascita nel codice fiscale (L219, Torino) è diverso da quello indicato (F205).");
        // empty fields are not checked; a century apart is consistent
        let partial = PersonInput {
            birth_date: Date::new(1885, 4, 3),
            ..Default::default()
        };
        assert!(check_consistency(d, &partial).is_empty());
    }
}
