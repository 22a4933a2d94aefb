//! The closed choices of the form (radio buttons and selects). The form
//! stores them as the strings below, which are also the values sent in the
//! payload: serde uses the same strings, so drafts and submissions keep their
//! shape. Views list the choices from here instead of spelling them out.

use serde::{Deserialize, Serialize};

/// What a view needs to offer a closed choice: every value, its label and hint.
pub trait Choice: Copy + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn label_key(self) -> &'static str;
    fn hint_key(self) -> Option<&'static str>;
}

macro_rules! choices {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, $label:literal $(, $hint:literal)?; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $value)] $variant, )+
        }

        impl $name {
            /// Every choice, in the order they are offered.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $value,)+
                }
            }

            /// The choice for a stored value; `None` for anything else.
            pub fn from_value(value: &str) -> Option<$name> {
                match value {
                    $($value => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Translation key of the choice's label.
            pub fn label_key(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            /// Translation key of the choice's hint, if it has one.
            pub fn hint_key(self) -> Option<&'static str> {
                match self {
                    $($name::$variant => choices!(@hint $($hint)?),)+
                }
            }

            /// Translation key of a stored value's label ("not given" for
            /// anything else), for the summary.
            pub fn key_of(value: &str) -> &'static str {
                $name::from_value(value).map_or("did.value.none", $name::label_key)
            }
        }

        impl Choice for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            fn label_key(self) -> &'static str {
                $name::label_key(self)
            }
            fn hint_key(self) -> Option<&'static str> {
                $name::hint_key(self)
            }
        }
    };
    (@hint $hint:literal) => { Some($hint) };
    (@hint) => { None };
}

choices! {
    /// "Have you applied for NASpI / DIS-COLL?" (art. 21: then the DID is
    /// made with the application, not here).
    NaspiAnswer {
        No = "no", "did.naspi.no";
        Yes = "si", "did.naspi.si";
    }
}

choices! {
    /// Sex as on the codice fiscale.
    SexChoice {
        Female = "F", "did.sex.f";
        Male = "M", "did.sex.m";
    }
}

choices! {
    /// Born in Italy or abroad.
    BirthCountry {
        Italy = "italia", "did.birth_country.italia";
        Abroad = "estero", "did.birth_country.estero";
    }
}

choices! {
    /// Ministerial citizenship groups ([SIL-ER] codes).
    Citizenship {
        Italian = "A02", "did.citizenship.a02";
        Eu = "A01", "did.citizenship.a01", "did.citizenship.a01_hint";
        NonEu = "A03", "did.citizenship.a03", "did.citizenship.a03_hint";
    }
}

choices! {
    /// Kinds of residence permit (non-EU citizens).
    PermitType {
        EmployedWork = "lavoro_subordinato", "did.permit.lavoro_subordinato";
        SelfEmployedWork = "lavoro_autonomo", "did.permit.lavoro_autonomo";
        AwaitingWork = "attesa_occupazione", "did.permit.attesa_occupazione";
        Family = "famiglia", "did.permit.famiglia";
        Study = "studio", "did.permit.studio";
        Protection = "protezione", "did.permit.protezione";
        /// The long-term EU residence permit: it has no expiry.
        LongTerm = "lungo_periodo", "did.permit.lungo_periodo";
        Other = "altro", "did.permit.altro";
    }
}

choices! {
    /// The current situation that allows a DID.
    Situation {
        NotEmployed = "non_occupato", "did.situation.non_occupato", "did.situation.non_occupato_hint";
        /// Working, on an income under the limit.
        LowIncome = "basso_reddito", "did.situation.basso_reddito", "did.situation.basso_reddito_hint";
        /// Under notice of dismissal.
        Notice = "preavviso", "did.situation.preavviso", "did.situation.preavviso_hint";
        /// Intermittent work, few days a year.
        Intermittent = "intermittente", "did.situation.intermittente", "did.situation.intermittente_hint";
    }
}

choices! {
    /// Kind of income for the low-income limit.
    WorkKind {
        /// Employee or parasubordinate.
        Employee = "dipendente", "did.work_kind.dipendente";
        SelfEmployed = "autonomo", "did.work_kind.autonomo";
    }
}

choices! {
    /// The availability declared.
    Availability {
        Immediate = "immediata", "did.availability.immediata", "did.availability.immediata_hint";
        /// Disabled people's targeted placement (L. 68/1999 art. 8).
        TargetedPlacement = "l68_art8", "did.availability.l68_art8", "did.availability.l68_art8_hint";
    }
}

impl PermitType {
    pub fn has_expiry(self) -> bool {
        self != PermitType::LongTerm
    }
}

impl BirthCountry {
    /// Italy or abroad from a Belfiore code: foreign states' codes start with Z.
    pub fn of_belfiore(code: &str) -> BirthCountry {
        if code.starts_with('Z') {
            BirthCountry::Abroad
        } else {
            BirthCountry::Italy
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_strings_and_serde() {
        for s in Situation::ALL {
            assert_eq!(Situation::from_value(s.as_str()), Some(*s));
            assert_eq!(
                serde_json::to_string(s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for p in PermitType::ALL {
            assert_eq!(PermitType::from_value(p.as_str()), Some(*p));
        }
        assert_eq!(NaspiAnswer::from_value("si"), Some(NaspiAnswer::Yes));
        assert_eq!(Citizenship::from_value("a03"), None);
        assert_eq!(Availability::key_of(""), "did.value.none");
        assert_eq!(WorkKind::key_of("autonomo"), "did.work_kind.autonomo");
        assert_eq!(
            Situation::Notice.hint_key(),
            Some("did.situation.preavviso_hint")
        );
        assert_eq!(BirthCountry::Abroad.hint_key(), None);
        assert!(!PermitType::LongTerm.has_expiry());
        assert!(PermitType::Study.has_expiry());
    }
}
