//! Normalisation, the character classes of each position and the check
//! character (CIN) of 16-character and 11-digit provisional codes.

use super::error::{CfError, Expected};
use super::omocodia::{is_omocode_position, OMOCODE_LETTERS};

/// Month letters, January to December.
pub const MONTH_LETTERS: [u8; 12] = *b"ABCDEHLMPRST";

/// Values of the characters in odd positions (1, 3, …, 15), for the letters
/// A–Z; digits 0–9 take the value of A–J.
const ODD_VALUES: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

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

/// Check the character classes of a normalised 16-character code.
pub(super) fn check_format(code: &str) -> Result<(), CfError> {
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
