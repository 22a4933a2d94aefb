//! Why a code is not valid, with its Italian message through `Display`.

use crate::domain::date::Date;
use std::fmt;

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

impl NotValidReason {
    /// Whether the code came into use again after the birth date:
    /// `NotYetCreated` (the comune was created later) and `Suspended` (the
    /// comune was suppressed before the birth and later re-established with
    /// the same code). Codici fiscali were first issued from 1976, with the
    /// comuni of the time of issue, so a person born earlier can carry either
    /// code; [`super::check_birthplace_as_issued`] accepts them. `Ceased`
    /// (never in use again) is not.
    pub fn in_use_again_later(self) -> bool {
        match self {
            NotValidReason::NotYetCreated { .. } | NotValidReason::Suspended { .. } => true,
            NotValidReason::Ceased { .. } => false,
        }
    }
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
