//! The surname and name letters of a code (positions 1–6).

use crate::domain::text::fold;

/// The letters of a name as upper-case ASCII, accents folded the one way the
/// whole app folds them ("à" → "A", "ß" → "SS"); apostrophes, spaces,
/// digits and letters of other scripts give nothing.
pub(super) fn letters(text: &str) -> Vec<u8> {
    // Lower-casing first turns the few letters `fold` keeps as they are
    // ("ẞ", the ångström sign) into ones it folds.
    fold(&text.to_lowercase())
        .bytes()
        .filter(u8::is_ascii_lowercase)
        .map(|b| b.to_ascii_uppercase())
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_fold_like_the_rest_of_the_app() {
        assert_eq!(letters("Dell'Òrto"), b"DELLORTO");
        assert_eq!(letters("STRAẞE"), b"STRASSE");
        assert_eq!(letters("Ħamrun"), b"HAMRUN");
        assert_eq!(letters("Ἀθ 12 -"), b"");
    }
}
