//! Omocodia: digits replaced by letters to tell apart people who would
//! otherwise share a code, and the way back to the canonical form.

use super::format::{check_character, check_format, normalize};

/// Letters that replace the digits 0–9 in omocodic codes.
pub const OMOCODE_LETTERS: [u8; 10] = *b"LMNPQRSTUV";
/// 0-based positions whose digits may be replaced by letters (1-based 7, 8,
/// 10, 11, 13, 14, 15), from the first to the last.
pub const OMOCODE_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

pub(super) fn omocode_letter_to_digit(b: u8) -> Option<u8> {
    OMOCODE_LETTERS
        .iter()
        .position(|&l| l == b)
        .and_then(|i| u8::try_from(i).ok())
        .map(|i| b'0' + i)
}

pub(super) fn is_omocode_position(i: usize) -> bool {
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
