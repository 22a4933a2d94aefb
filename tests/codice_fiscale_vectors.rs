//! Codice fiscale against the real `public/data/belfiore.json`: known codes,
//! omocodia, every kind of error with its message, consistency checks, the
//! provisional 11-digit code, data sanity of both place feeds, and no-panic
//! fuzzing of `validate`, `validate_as_issued` and of the feed decoders.

use sportello_lavoro::domain::codice_fiscale::{
    canonical_form, check_birthplace, check_birthplace_as_issued, check_character,
    check_consistency, omocode_variant, provisional_check_digit, validate, validate_as_issued,
    validate_format, validate_provisional, BelfioreLookup, CfError, CfKind, CodiceFiscale,
    Mismatch, NotValidReason, PersonInput, Sex, OLDEST_AGE, OMOCODE_LETTERS,
};
use sportello_lavoro::domain::comuni::{
    decode_belfiore, decode_comuni, distance_km, BelfioreIndex, ComuniIndex,
};
use sportello_lavoro::domain::date::Date;
use std::sync::OnceLock;

fn data(name: &str) -> String {
    let path = format!("{}/public/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn belfiore() -> &'static BelfioreIndex {
    static INDEX: OnceLock<BelfioreIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        BelfioreIndex::from_json(&data("belfiore.json")).expect("belfiore.json decodes")
    })
}

fn comuni() -> &'static ComuniIndex {
    static INDEX: OnceLock<ComuniIndex> = OnceLock::new();
    INDEX.get_or_init(|| ComuniIndex::from_json(&data("comuni.json")).expect("comuni.json decodes"))
}

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn with_cin(first15: &str) -> String {
    format!("{first15}{}", check_character(first15).unwrap())
}

fn ok(code: &str) -> CodiceFiscale {
    validate(code, today(), belfiore()).unwrap_or_else(|e| panic!("{code}: {e}"))
}

fn decoded(cf: &CodiceFiscale) -> &sportello_lavoro::domain::codice_fiscale::Decoded {
    cf.decoded().expect("a personal code")
}

/// (code, surname, name, sex, birth date, Belfiore, birthplace name)
type Vector = (
    &'static str,
    &'static str,
    &'static str,
    Sex,
    (i32, u8, u8),
    &'static str,
    &'static str,
);

const VALID: &[Vector] = &[
    (
        "CCCFBA85D03L219P",
        "Caccamo",
        "Fabio",
        Sex::M,
        (1985, 4, 3),
        "L219",
        "Torino",
    ),
    (
        "RSSMRA90L55A944F",
        "Rossi",
        "Maria",
        Sex::F,
        (1990, 7, 15),
        "A944",
        "Bologna",
    ),
    (
        "PPSNIO88T41Z129N",
        "Popescu",
        "Ioana",
        Sex::F,
        (1988, 12, 1),
        "Z129",
        "Romania",
    ),
    (
        "NGYVNN75C09Z251F",
        "Nguyen",
        "Van An",
        Sex::M,
        (1975, 3, 9),
        "Z251",
        "Vietnam",
    ),
    (
        "DMCNCL01A31H501B",
        "D'Amico",
        "Nicolò",
        Sex::M,
        (2001, 1, 31),
        "H501",
        "Roma",
    ),
    (
        "BNCLCU23E10M433A",
        "Bianchi",
        "Luca",
        Sex::M,
        (2023, 5, 10),
        "M433",
        "Bardello con Malgesso e Bregano",
    ),
    (
        "MLLZOE69R62Z112R",
        "Müller",
        "Zoë",
        Sex::F,
        (1969, 10, 22),
        "Z112",
        "Germania",
    ),
    (
        "FOXLAX99T31F838Y",
        "Fo",
        "Al",
        Sex::M,
        (1999, 12, 31),
        "F838",
        "Nanto",
    ),
    (
        "SPSGFR62H02F839G",
        "Esposito",
        "Gianfranco",
        Sex::M,
        (1962, 6, 2),
        "F839",
        "Napoli",
    ),
    (
        "LRINNA70P49E608A",
        "Lirio",
        "Anna",
        Sex::F,
        (1970, 9, 9),
        "E608",
        "Lirio",
    ),
    (
        "RSSMRA80A01Z135P",
        "Rossi",
        "Mario",
        Sex::M,
        (1980, 1, 1),
        "Z135",
        "Unione Repubbliche Socialiste Sovietiche",
    ),
];

#[test]
fn known_valid_codes_decode_and_are_consistent() {
    for &(code, surname, name, sex, (y, m, d), bel, place) in VALID {
        let cf = ok(code);
        assert_eq!(cf.as_str(), code);
        let dec = decoded(&cf);
        assert_eq!(dec.sex, sex, "{code}");
        assert_eq!(dec.birth_date, date(y, m, d), "{code}");
        assert_eq!(dec.belfiore, bel, "{code}");
        assert!(!dec.is_omocode, "{code}");
        assert_eq!(dec.canonical, code);
        let rec = dec.birthplace.as_ref().expect("birthplace record");
        assert_eq!(rec.name, place, "{code}");
        assert_eq!(rec.foreign, bel.starts_with('Z'), "{code}");
        assert_eq!(dec.is_foreign_born(), bel.starts_with('Z'));
        let input = PersonInput {
            surname: surname.into(),
            name: name.into(),
            sex: Some(sex),
            birth_date: Some(date(y, m, d)),
            birthplace_code: Some(bel.to_lowercase()),
        };
        assert_eq!(check_consistency(dec, &input), vec![], "{code}");
    }
}

#[test]
fn readme_omocode() {
    let cf = ok("CCCFBA85D03L21VE");
    let d = decoded(&cf);
    assert!(d.is_omocode);
    assert_eq!(d.belfiore, "L219");
    assert_eq!(d.birth_date, date(1985, 4, 3));
    assert_eq!(d.canonical, "CCCFBA85D03L219P");
    assert_eq!(d.birthplace.as_ref().unwrap().name, "Torino");
    assert_eq!(
        canonical_form("cccfba85d03l21ve").as_deref(),
        Some("CCCFBA85D03L219P")
    );
}

#[test]
fn every_omocodic_variant_decodes_to_the_same_person() {
    for base in [
        "CCCFBA85D03L219P",
        "RSSMRA90L55A944F",
        "PPSNIO88T41Z129N",
        "BNCLCU23E10M433A",
    ] {
        let reference = decoded(&ok(base)).clone();
        let mut seen = std::collections::HashSet::new();
        for mask in 1u8..128 {
            let v = omocode_variant(base, mask).unwrap();
            assert!(seen.insert(v.clone()), "duplicate variant {v}");
            // every substituted position holds an omocode letter
            let cf = ok(&v);
            let d = decoded(&cf);
            assert!(d.is_omocode, "{v}");
            assert_eq!(d.sex, reference.sex, "{v}");
            assert_eq!(d.birth_date, reference.birth_date, "{v}");
            assert_eq!(d.belfiore, reference.belfiore, "{v}");
            assert_eq!(d.canonical, base, "{v}");
            assert_eq!(d.birthplace, reference.birthplace, "{v}");
            assert_eq!(d.surname_code, reference.surname_code);
            assert_eq!(d.name_code, reference.name_code);
            assert!(
                v.bytes()
                    .skip(6)
                    .take(9)
                    .filter(|b| OMOCODE_LETTERS.contains(b))
                    .count()
                    >= 1
            );
            // and the same variant, lower-case with spaces, too
            let messy = format!(
                "  {} {} ",
                v.get(..8).unwrap().to_lowercase(),
                v.get(8..).unwrap()
            );
            assert_eq!(ok(&messy).as_str(), v);
        }
        assert_eq!(seen.len(), 127);
    }
}

#[test]
fn wrong_check_character() {
    let e = validate("CCCFBA85D03L219Q", today(), belfiore()).unwrap_err();
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
    let e = validate("CCCFBA85D03L21VP", today(), belfiore()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Il carattere di controllo non è corretto: dovrebbe essere «E»."
    );
}

#[test]
fn nonexistent_dates() {
    let e = validate(&with_cin("CCCFBA85B30L219"), today(), belfiore()).unwrap_err();
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
    // 29 February: 1984 was a leap year, 1985 was not; women's days too
    assert!(validate(&with_cin("RSSMRA84B69A944"), today(), belfiore()).is_ok());
    let e = validate(&with_cin("RSSMRA85B69A944"), today(), belfiore()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "La data di nascita codificata (29/02/1985) non esiste."
    );
    let e = validate(&with_cin("RSSMRA85D31A944"), today(), belfiore()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "La data di nascita codificata (31/04/1985) non esiste."
    );
    let e = validate(&with_cin("RSSMRA85D72A944"), today(), belfiore()).unwrap_err();
    assert_eq!(e, CfError::InvalidDay { encoded: 72 });
}

#[test]
fn birthplace_code_of_a_comune_created_later() {
    // Bardello con Malgesso e Bregano (M433) was created on 1/1/2023 by a
    // merger: a person born in 1990 cannot carry its code.
    let recs = belfiore().records("M433");
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].valid_from, Some(date(2023, 1, 1)));
    let e = validate("BNCLCU90E10M433N", today(), belfiore()).unwrap_err();
    assert!(matches!(
        e,
        CfError::BelfioreNotValidOnDate { reason: NotValidReason::NotYetCreated { created }, .. }
            if created == date(2023, 1, 1)
    ));
    assert_eq!(
        e.to_string(),
        "Il codice del comune M433 non era valido il 10/05/1990: il comune di Bardello con Malgesso e Bregano è stato istituito il 01/01/2023."
    );
    // the format-only check accepts it, and check_birthplace explains why not
    let cf = validate_format("BNCLCU90E10M433N", today()).unwrap();
    assert_eq!(decoded(&cf).birthplace, None);
    assert_eq!(
        check_birthplace("M433", date(1990, 5, 10), belfiore()).unwrap_err(),
        e
    );
    // Torino's code before its first ANPR validity date
    let e = check_birthplace("L219", date(1850, 4, 3), belfiore()).unwrap_err();
    assert!(e.to_string().starts_with("Il codice del comune L219 non era valido il 03/04/1850: il comune di Torino è stato istituito il "), "{e}");
}

#[test]
fn ceased_comuni_and_states() {
    // valid at an old date
    let cf = ok(&with_cin("RSSMRA60A01F838"));
    assert_eq!(decoded(&cf).birthplace.as_ref().unwrap().name, "Nanto");
    let cf = ok(&with_cin("RSSMRA60A01F709"));
    assert_eq!(
        decoded(&cf)
            .birthplace
            .as_ref()
            .unwrap()
            .province
            .as_deref(),
        Some("AT")
    );
    // 1920 (a reference date before 2020, so that "20" means 1920)
    let cf = validate(&with_cin("RSSMRA20A01F709"), date(2019, 1, 1), belfiore()).unwrap();
    assert_eq!(decoded(&cf).birth_date, date(1920, 1, 1));
    assert_eq!(
        decoded(&cf)
            .birthplace
            .as_ref()
            .unwrap()
            .province
            .as_deref(),
        Some("AL")
    );
    // after its suppression: Moransengo merged into Moransengo-Tonengo
    let e = check_birthplace("F709", date(2024, 1, 1), belfiore()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Il codice del comune F709 non era più valido il 01/01/2024: il comune di Moransengo è stato soppresso (ultimo giorno di validità del codice: 31/12/2022)."
    );
    // so "24" in a code of Moransengo reads as 1924, when it existed
    let cf = ok(&with_cin("RSSMRA24A01F709"));
    assert_eq!(decoded(&cf).birth_date, date(1924, 1, 1));
    // suppressed in 1928 and re-established in 1947
    let e = validate(&with_cin("RSSMRA35A01F709"), today(), belfiore()).unwrap_err();
    assert!(matches!(
        e,
        CfError::BelfioreNotValidOnDate {
            reason: NotValidReason::Suspended { .. },
            ..
        }
    ));
    assert!(e.to_string().contains("ricostituito il 23/06/1947"), "{e}");
    // Soviet Union: valid in 1980, not after 31/03/1992
    let e = validate("RSSMRA95A01Z135W", today(), belfiore()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Il codice dello Stato estero Z135 non era più valido il 01/01/1995: lo Stato Unione Repubbliche Socialiste Sovietiche è stato soppresso (ultimo giorno di validità del codice: 31/03/1992)."
    );
    // Castegnero and Nanto merged on 21/02/2026
    assert!(validate(&with_cin("RSSMRA26B20F838"), today(), belfiore()).is_ok());
    assert!(check_birthplace("F838", date(2026, 2, 21), belfiore()).is_err());
    // (a code of Nanto with 21/02/26 reads as 1926)
    let cf = ok(&with_cin("RSSMRA26B21F838"));
    assert_eq!(decoded(&cf).birth_date, date(1926, 2, 21));
    assert!(validate(&with_cin("RSSMRA26B21M439"), today(), belfiore()).is_ok());
}

/// (code, surname, name, birth date, Belfiore, comune, last day before the
/// suppression, re-established on): people born while their comune was
/// suppressed, in the real feed.
type GapVector = (
    &'static str,
    &'static str,
    &'static str,
    (i32, u8, u8),
    &'static str,
    &'static str,
    (i32, u8, u8),
    (i32, u8, u8),
);

const BORN_IN_THE_GAP: &[GapVector] = &[
    (
        "PNNMRA39C52G133Z",
        "Pinna",
        "Maria",
        (1939, 3, 12),
        "G133",
        "Ortacesus",
        (1928, 11, 27),
        (1948, 5, 7),
    ),
    (
        "MLSGNN46H05F383W",
        "Melis",
        "Giovanni",
        (1946, 6, 5),
        "F383",
        "Monserrato",
        (1928, 5, 11),
        (1991, 12, 10),
    ),
    (
        "SRRNTN38R20L513F",
        "Serra",
        "Antonio",
        (1938, 10, 20),
        "L513",
        "Ussaramanna",
        (1927, 11, 3),
        (1946, 2, 28),
    ),
    (
        "SPSNNA42P41B860N",
        "Esposito",
        "Anna",
        (1942, 9, 1),
        "B860",
        "Casagiove",
        (1928, 6, 27),
        (1946, 11, 12),
    ),
];

#[test]
fn comuni_suppressed_and_re_established_are_accepted_as_issued() {
    for &(code, surname, name, (y, m, d), code_place, comune, last, again) in BORN_IN_THE_GAP {
        assert_eq!(with_cin(&code[..15]), code);
        let born = date(y, m, d);
        let (last, again) = (
            date(last.0, last.1, last.2),
            date(again.0, again.1, again.2),
        );
        // the shipped data really has the gap, around the birth date, with
        // the same code on both sides
        let recs = belfiore().records(code_place);
        let named =
            |r: &&sportello_lavoro::domain::codice_fiscale::BelfioreRecord| r.name == comune;
        assert!(
            recs.iter().filter(named).any(|r| r.valid_to == Some(last)),
            "{recs:?}"
        );
        assert!(
            recs.iter()
                .filter(named)
                .any(|r| r.valid_from == Some(again)),
            "{recs:?}"
        );
        assert!(last < born && born < again);
        assert!(!recs.iter().any(|r| r.covers(born)), "{recs:?}");
        // strict: refused, and the message says why
        let e = validate(code, today(), belfiore()).unwrap_err();
        assert_eq!(
            e,
            CfError::BelfioreNotValidOnDate {
                code: code_place.into(),
                name: comune.into(),
                foreign: false,
                birth_date: born,
                reason: NotValidReason::Suspended {
                    last_valid: last,
                    recreated: again
                },
            }
        );
        assert_eq!(
            e.to_string(),
            format!(
                "Il codice del comune {code_place} non era valido il {}: il comune di {comune} era stato soppresso (ultimo giorno di validità: {}) ed è stato ricostituito il {}.",
                born.format_it(),
                last.format_it(),
                again.format_it()
            )
        );
        // as issued (what the DID form uses): accepted like a comune created
        // after the birth, with no record for the birth date
        assert_eq!(
            check_birthplace_as_issued(code_place, born, belfiore()),
            Ok(None)
        );
        let cf =
            validate_as_issued(code, today(), belfiore()).unwrap_or_else(|e| panic!("{code}: {e}"));
        let dec = decoded(&cf);
        assert_eq!(dec.birth_date, born);
        assert_eq!(dec.belfiore, code_place);
        assert_eq!(dec.birthplace, None);
        let input = PersonInput {
            surname: surname.into(),
            name: name.into(),
            sex: Some(dec.sex),
            birth_date: Some(born),
            birthplace_code: Some(code_place.into()),
        };
        assert_eq!(check_consistency(dec, &input), vec![], "{code}");
    }
    // a comune created after the birth gets the same treatment
    assert_eq!(
        check_birthplace_as_issued("M433", date(1990, 5, 10), belfiore()),
        Ok(None)
    );
    let cf = validate_as_issued("BNCLCU90E10M433N", today(), belfiore()).unwrap();
    assert_eq!(decoded(&cf).birth_date, date(1990, 5, 10));
    assert_eq!(decoded(&cf).birthplace, None);
}

#[test]
fn comuni_ceased_for_good_stay_refused() {
    // Acqualunga (BS) was suppressed on 31/12/1927 and never re-established
    let recs = belfiore().records("A036");
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].name, "Acqualunga");
    assert_eq!(recs[0].valid_from, Some(date(1861, 3, 17)));
    assert_eq!(recs[0].valid_to, Some(date(1927, 12, 31)));
    // Carla Bianchi, born there (so the code says) on 15/01/1930
    let code = "BNCCRL30A55A036G";
    assert_eq!(with_cin(&code[..15]), code);
    let e = validate_as_issued(code, today(), belfiore()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Il codice del comune A036 non era più valido il 15/01/1930: il comune di Acqualunga è stato soppresso (ultimo giorno di validità del codice: 31/12/1927)."
    );
    assert_eq!(validate(code, today(), belfiore()).unwrap_err(), e);
    assert_eq!(
        check_birthplace_as_issued("A036", date(1930, 1, 15), belfiore()).unwrap_err(),
        e
    );
    // Moransengo after its suppression on 31/12/2022, on a date whose
    // older reading is not a birth in the 1920s
    assert!(matches!(
        check_birthplace_as_issued("F709", date(2023, 1, 1), belfiore()),
        Err(CfError::BelfioreNotValidOnDate {
            reason: NotValidReason::Ceased { .. },
            ..
        })
    ));
    // the Soviet Union (ceased 31/03/1992) in 1995: 1895 is too long ago
    let e = validate_as_issued("RSSMRA95A01Z135W", today(), belfiore()).unwrap_err();
    assert!(matches!(
        e,
        CfError::BelfioreNotValidOnDate {
            reason: NotValidReason::Ceased { .. },
            ..
        }
    ));
    assert!(validate_as_issued(&with_cin("RSSMRA80A01Z999"), today(), belfiore()).is_err());
}

#[test]
fn two_digit_year_read_a_century_earlier_when_only_that_passes() {
    // Luigi Bianchi, born in Acqualunga (suppressed on 31/12/1927) on
    // 10/05/1907: "07" is first read as 2007, when the code was no longer in
    // use; 1907 passes, so the code is read as 1907.
    let code = "BNCLGU07E10A036Y";
    assert_eq!(with_cin(&code[..15]), code);
    assert_eq!(
        decoded(&validate_format(code, today()).unwrap()).birth_date,
        date(2007, 5, 10)
    );
    for cf in [
        validate(code, today(), belfiore()).unwrap(),
        validate_as_issued(code, today(), belfiore()).unwrap(),
    ] {
        let dec = decoded(&cf);
        assert_eq!(dec.birth_date, date(1907, 5, 10));
        assert_eq!(Date::age_on(dec.birth_date, today()), 119);
        let place = dec.birthplace.as_ref().expect("valid in 1907");
        assert_eq!(
            (place.name.as_str(), place.province.as_deref()),
            ("Acqualunga", Some("BS"))
        );
        let input = PersonInput {
            surname: "Bianchi".into(),
            name: "Luigi".into(),
            sex: Some(Sex::M),
            birth_date: Some(date(1907, 5, 10)),
            birthplace_code: Some("A036".into()),
        };
        assert_eq!(check_consistency(dec, &input), vec![]);
    }
    // every omocodic variant reads the same way
    for mask in [1u8, 0b11, 0b111_1111] {
        let v = omocode_variant(code, mask).unwrap();
        assert_eq!(decoded(&ok(&v)).birth_date, date(1907, 5, 10), "{v}");
    }
    // the older reading must give someone at most OLDEST_AGE years old: born
    // on 10/05/1905 would be 121, so "05" stays 2005 and is refused
    assert_eq!(OLDEST_AGE, 120);
    let e = validate_as_issued("BNCLGU05E10A036W", today(), belfiore()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Il codice del comune A036 non era più valido il 10/05/2005: il comune di Acqualunga è stato soppresso (ultimo giorno di validità del codice: 31/12/1927)."
    );
    let cf = ok("BNCLGU06E10A036X");
    assert_eq!(decoded(&cf).birth_date, date(1906, 5, 10));
    // with an earlier `today`, "07" may already mean 1907
    let cf = validate(code, date(2006, 1, 1), belfiore()).unwrap();
    assert_eq!(decoded(&cf).birth_date, date(1907, 5, 10));
}

#[test]
fn unknown_code() {
    assert!(belfiore().records("Z999").is_empty());
    let e = validate(&with_cin("RSSMRA80A01Z999"), today(), belfiore()).unwrap_err();
    assert_eq!(
        e,
        CfError::UnknownBelfiore {
            code: "Z999".into()
        }
    );
    assert_eq!(
        e.to_string(),
        "Il codice del luogo di nascita Z999 non corrisponde a nessun comune italiano né a nessuno Stato estero."
    );
}

#[test]
fn provisional_codes() {
    // the classic Luhn example is a valid 11-digit code under the same rule
    let cf = validate("79927398713", today(), belfiore()).unwrap();
    assert_eq!(cf.kind, CfKind::Provisional);
    assert!(validate_provisional(" 7992 7398 713 ").is_ok());
    let e = validate("79927398710", today(), belfiore()).unwrap_err();
    assert_eq!(
        e,
        CfError::WrongProvisionalCheckDigit {
            expected: '3',
            found: '0'
        }
    );
    assert_eq!(
        e.to_string(),
        "Il codice fiscale provvisorio non è corretto: l'ultima cifra dovrebbe essere «3»."
    );
    for body in ["0000000000", "1234567890", "0123456789", "9999999999"] {
        let code = format!("{body}{}", provisional_check_digit(body).unwrap());
        assert!(validate(&code, today(), belfiore()).is_ok(), "{code}");
    }
    let e = validate("7992739871X", today(), belfiore()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Il carattere «X» in posizione 11 non è valido: il codice fiscale provvisorio è fatto solo di cifre."
    );
    assert_eq!(
        validate("799273987", today(), belfiore()).unwrap_err(),
        CfError::WrongLength { found: 9 }
    );
}

#[test]
fn consistency_mismatches_each_with_its_message() {
    let cf = ok("CCCFBA85D03L219P");
    let d = decoded(&cf);
    let base = PersonInput {
        surname: "Caccamo".into(),
        name: "Fabio".into(),
        sex: Some(Sex::M),
        birth_date: Some(date(1985, 4, 3)),
        birthplace_code: Some("L219".into()),
    };
    let one = |input: PersonInput| -> String {
        let m = check_consistency(d, &input);
        assert_eq!(m.len(), 1, "{m:?}");
        m[0].to_string()
    };
    assert_eq!(
        one(PersonInput { surname: "Cacamo Rossi".into(), ..base.clone() }),
        "Le lettere del cognome nel codice fiscale (CCC) non corrispondono al cognome «Cacamo Rossi», che darebbe CCM. Indica il cognome completo come nel documento (per chi ha cambiato cognome col matrimonio, quello di nascita)."
    );
    assert_eq!(
        one(PersonInput { name: "Fabrizio".into(), ..base.clone() }),
        "Le lettere del nome nel codice fiscale (FBA) non corrispondono al nome «Fabrizio», che darebbe FRZ (se il nome ha quattro o più consonanti si usano la prima, la terza e la quarta). Se hai più nomi, indicali tutti."
    );
    assert_eq!(
        one(PersonInput {
            sex: Some(Sex::F),
            ..base.clone()
        }),
        "Il codice fiscale indica il sesso maschile, ma hai indicato il sesso femminile."
    );
    assert_eq!(
        one(PersonInput { birth_date: Some(date(1985, 3, 4)), ..base.clone() }),
        "La data di nascita nel codice fiscale (03/04/1985) è diversa da quella indicata (04/03/1985)."
    );
    assert_eq!(
        one(PersonInput { birthplace_code: Some("A944".into()), ..base.clone() }),
        "Il luogo di nascita nel codice fiscale (L219, Torino) è diverso da quello indicato (A944)."
    );
    assert!(matches!(
        check_consistency(d, &PersonInput { surname: "Rossi".into(), ..base.clone() })[0],
        Mismatch::Surname { ref expected, .. } if expected == "RSS"
    ));
    // accents, apostrophes and spaces do not matter; all names count
    let cf = ok("DMCNCL01A31H501B");
    let input = PersonInput {
        surname: " d’ AMICO ".into(),
        name: "NICOLO'".into(),
        ..Default::default()
    };
    assert_eq!(check_consistency(decoded(&cf), &input), vec![]);
    // a woman entered as a man, and a second name left out
    let cf = ok("RSSMRA90L55A944F");
    let m = check_consistency(
        decoded(&cf),
        &PersonInput {
            name: "Maria Grazia".into(),
            sex: Some(Sex::M),
            ..Default::default()
        },
    );
    assert_eq!(m.len(), 2);
    assert!(m[0].to_string().contains("che darebbe MGR"));
    assert_eq!(
        m[1].to_string(),
        "Il codice fiscale indica il sesso femminile, ma hai indicato il sesso maschile."
    );
}

#[test]
fn format_error_messages() {
    let cases: &[(&str, &str)] = &[
        ("", "Inserisci il codice fiscale."),
        ("CCCFBA85D03L219", "Il codice fiscale deve avere 16 caratteri (11 cifre se è un codice provvisorio): quello inserito ne ha 15."),
        ("CCCFBA85D03L219PP", "Il codice fiscale deve avere 16 caratteri (11 cifre se è un codice provvisorio): quello inserito ne ha 17."),
        ("CCCF4A85D03L219P", "Il carattere «4» in posizione 5 non è valido: in questa posizione ci vuole una lettera."),
        ("CCCFBA8AD03L219P", "Il carattere «A» in posizione 8 non è valido: in questa posizione ci vuole una cifra (o, nei codici omocodici, una delle lettere L, M, N, P, Q, R, S, T, U, V)."),
        ("CCCFBA85F03L219P", "Il carattere «F» in posizione 9 non è valido: in questa posizione ci vuole la lettera del mese di nascita (A, B, C, D, E, H, L, M, P, R, S, T)."),
        ("CCCFBA85D03L2199", "Il carattere «9» in posizione 16 non è valido: in questa posizione ci vuole una lettera."),
        ("CCCFBÀ85D03L219P", "Il carattere «À» in posizione 6 non è valido: in questa posizione ci vuole una lettera."),
    ];
    for (input, message) in cases {
        let e = validate(input, today(), belfiore()).unwrap_err();
        assert_eq!(&e.to_string(), message, "{input:?}");
    }
}

// ----------------------------------------------------------- place feeds --

#[test]
fn place_feeds_are_complete_and_consistent() {
    let b = decode_belfiore(&data("belfiore.json")).unwrap();
    assert_eq!(b.feed, "belfiore");
    assert!(b.items.len() > 15_000, "{}", b.items.len());
    let mut sorted = b.items.iter().map(|i| i.code.clone()).collect::<Vec<_>>();
    let as_is = sorted.clone();
    sorted.sort();
    assert_eq!(sorted, as_is, "items sorted by code");
    let c = decode_comuni(&data("comuni.json")).unwrap();
    assert!(c.items.len() > 7_800, "{}", c.items.len());
    let idx = comuni();
    for comune in idx.all() {
        // every current comune has a Belfiore period still in force
        let rec = belfiore().current(&comune.belfiore);
        assert!(rec.is_some(), "{} {}", comune.belfiore, comune.name);
        assert_eq!(comune.istat.len(), 6, "{}", comune.name);
        assert!(
            comune.coords().is_some(),
            "{} has no coordinates",
            comune.name
        );
        let (lat, lon) = comune.coords().unwrap();
        assert!(
            (35.0..47.5).contains(&lat) && (6.0..19.0).contains(&lon),
            "{} {lat} {lon}",
            comune.name
        );
    }
    let er = idx.in_region("Emilia-Romagna");
    assert!(er.len() > 300, "{}", er.len());
    let bo = idx.by_belfiore("A944").unwrap();
    assert_eq!(
        (bo.istat.as_str(), bo.province.as_str(), bo.region.as_str()),
        ("037006", "BO", "Emilia-Romagna")
    );
    assert!(bo.cap.contains(&"40121".to_string()));
    let mo = idx.by_name("modena")[0];
    let d = distance_km(bo, mo).unwrap();
    assert!((30.0..45.0).contains(&d), "{d}");
    let pc = idx.by_name_and_province("Piacenza", "PC").unwrap();
    let rn = idx.by_name("Rimini")[0];
    let d = distance_km(pc, rn).unwrap();
    assert!((220.0..280.0).contains(&d), "{d}");
    assert_eq!(idx.by_istat("037006").unwrap().name, "Bologna");
    assert!(idx
        .suggest("reggio", 10)
        .iter()
        .any(|c| c.name == "Reggio nell'Emilia"));
    assert_eq!(idx.suggest("Forli", 3)[0].name, "Forlì");
    assert_eq!(idx.by_name("bozen")[0].name, "Bolzano");
}

// ------------------------------------------------------------- fuzzing --

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ODD_BITS: &[&str] = &[
    " ", "\t", "\n", "à", "É", "ß", "İ", "ǅ", "\u{0}", "\u{200B}", "\u{FEFF}", "𝔸", "😀", "'", "-",
    "é",
];

fn random_structured(r: &mut XorShift) -> String {
    let letter = |r: &mut XorShift| char::from(b'A' + r.below(26) as u8);
    let digit = |r: &mut XorShift| {
        if r.below(8) == 0 {
            char::from(OMOCODE_LETTERS[r.below(10)])
        } else {
            char::from(b'0' + r.below(10) as u8)
        }
    };
    let mut s = String::new();
    for _ in 0..6 {
        s.push(letter(r));
    }
    s.push(digit(r));
    s.push(digit(r));
    s.push(char::from(*r.pick(b"ABCDEHLMPRST")));
    // days in both ranges
    let day = if r.below(2) == 0 {
        1 + r.below(31)
    } else {
        41 + r.below(31)
    };
    s.push_str(&format!("{day:02}"));
    s.push(if r.below(3) == 0 { 'Z' } else { letter(r) });
    for _ in 0..3 {
        s.push(digit(r));
    }
    if r.below(4) == 0 {
        s.push(letter(r));
        s
    } else {
        with_cin(&s)
    }
}

fn mutate(r: &mut XorShift, base: &str) -> String {
    let mut chars: Vec<String> = base.chars().map(|c| c.to_string()).collect();
    for _ in 0..1 + r.below(3) {
        let pos = r.below(chars.len() + 1);
        match r.below(7) {
            0 if pos < chars.len() => chars[pos] = char::from(*r.pick(ALNUM)).to_string(),
            1 if pos < chars.len() => {
                chars.remove(pos);
            }
            2 => chars.insert(pos, char::from(*r.pick(ALNUM)).to_string()),
            3 => chars.insert(pos, r.pick(ODD_BITS).to_string()),
            4 if pos + 1 < chars.len() => chars.swap(pos, pos + 1),
            5 if pos < chars.len() => chars[pos] = chars[pos].to_lowercase(),
            _ if pos < chars.len() => {
                chars[pos] = char::from(*r.pick(OMOCODE_LETTERS.as_slice())).to_string()
            }
            _ => {}
        }
    }
    chars.concat()
}

fn random_unicode(r: &mut XorShift) -> String {
    let n = r.below(24);
    (0..n)
        .filter_map(|_| {
            let v = match r.below(4) {
                0 => r.below(0x80) as u32,
                1 => r.below(0x800) as u32,
                2 => r.below(0x1_0000) as u32,
                _ => r.below(0x11_0000) as u32,
            };
            char::from_u32(v)
        })
        .collect()
}

fn random_bytes(r: &mut XorShift) -> String {
    let n = r.below(40);
    let bytes: Vec<u8> = (0..n).map(|_| r.next() as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn random_date(r: &mut XorShift) -> Date {
    match r.below(10) {
        0 => Date::MIN,
        1 => Date::MAX,
        2 => Date {
            year: r.next() as i32,
            month: r.next() as u8,
            day: r.next() as u8,
        },
        _ => Date::from_days(r.below(30_000) as i64 - 10_000).unwrap_or(Date::MIN),
    }
}

#[test]
fn fuzz_validate_never_panics_and_valid_results_revalidate() {
    let mut r = XorShift(0x9E37_79B9_7F4A_7C15);
    let seeds: Vec<String> = VALID
        .iter()
        .map(|v| v.0.to_string())
        .chain(["CCCFBA85D03L21VE".to_string(), "79927398713".to_string()])
        .collect();
    let mut valid = 0usize;
    for i in 0..200_000u32 {
        let input = match i % 5 {
            0 => random_bytes(&mut r),
            1 => {
                let s = r.pick(&seeds).clone();
                mutate(&mut r, &s)
            }
            2 => random_unicode(&mut r),
            3 => random_structured(&mut r),
            _ => {
                let s = random_structured(&mut r);
                mutate(&mut r, &s)
            }
        };
        let now = if i % 17 == 0 {
            random_date(&mut r)
        } else {
            today()
        };
        let _ = validate_format(&input, now);
        let _ = canonical_form(&input);
        let _ = omocode_variant(&input, r.next() as u8);
        if let Ok(cf) = validate_as_issued(&input, now, belfiore()) {
            let again = validate_as_issued(cf.as_str(), now, belfiore())
                .expect("a code valid as issued re-validates");
            assert_eq!(again, cf, "{input:?}");
        }
        match validate(&input, now, belfiore()) {
            Ok(cf) => {
                valid += 1;
                let again =
                    validate(cf.as_str(), now, belfiore()).expect("a valid code re-validates");
                assert_eq!(again, cf, "{input:?}");
                if let Some(d) = cf.decoded() {
                    assert_eq!(d.canonical.len(), 16);
                    let canon =
                        validate(&d.canonical, now, belfiore()).expect("canonical form is valid");
                    assert_eq!(canon.decoded().map(|c| c.birth_date), Some(d.birth_date));
                    let input = PersonInput {
                        surname: random_unicode(&mut r),
                        name: mutate(&mut r, "Maria Grazia"),
                        sex: Some(if r.below(2) == 0 { Sex::M } else { Sex::F }),
                        birth_date: Some(random_date(&mut r)),
                        birthplace_code: Some(random_bytes(&mut r)),
                    };
                    for m in check_consistency(d, &input) {
                        assert!(!m.to_string().is_empty());
                    }
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    // the structured generator must reach the deep paths
    assert!(valid > 5_000, "only {valid} valid codes generated");
}

fn mutate_json(r: &mut XorShift, text: &str) -> String {
    let mut b: Vec<u8> = text.as_bytes().to_vec();
    for _ in 0..1 + r.below(4) {
        if b.is_empty() {
            break;
        }
        let pos = r.below(b.len());
        match r.below(6) {
            0 => b[pos] = r.next() as u8,
            1 => {
                b.remove(pos);
            }
            2 => b.insert(pos, *r.pick(b"{}[]\",:0123456789-.etrufalsn\\ ")),
            3 => b.truncate(pos),
            4 => {
                let end = (pos + 1 + r.below(40)).min(b.len());
                let chunk = b[pos..end].to_vec();
                let at = r.below(b.len());
                b.splice(at..at, chunk);
            }
            _ => {
                let end = (pos + 1 + r.below(40)).min(b.len());
                b.drain(pos..end);
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

#[test]
fn fuzz_feed_decoders_never_panic() {
    let head = |text: &str, n: usize| -> String {
        let lines: Vec<&str> = text.lines().collect();
        let mut out = lines[..n.min(lines.len())].join("\n");
        out = out.trim_end_matches(',').to_string();
        out.push_str("\n]}");
        out
    };
    let b = head(&data("belfiore.json"), 40);
    let c = head(&data("comuni.json"), 25);
    assert!(decode_belfiore(&b).is_ok());
    assert!(decode_comuni(&c).is_ok());
    let mut r = XorShift(0xDEAD_BEEF_CAFE_F00D);
    let mut errors = 0;
    for i in 0..6_000 {
        let text = if i % 2 == 0 {
            mutate_json(&mut r, &b)
        } else {
            mutate_json(&mut r, &c)
        };
        match (decode_belfiore(&text), BelfioreIndex::from_json(&text)) {
            (Ok(f), Ok(idx)) => {
                assert_eq!(f.items.len(), idx.len());
                let _ = validate(&with_cin("RSSMRA80A01L219"), today(), &idx);
            }
            (Err(e), Err(e2)) => {
                errors += 1;
                assert_eq!(e, e2);
                assert!(!e.to_string().is_empty());
            }
            _ => panic!("decode_belfiore and BelfioreIndex::from_json disagree"),
        }
        match ComuniIndex::from_json(&text) {
            Ok(idx) => {
                let _ = idx.suggest("a", 5);
                if let Some(first) = idx.all().first() {
                    let _ = idx.within_km(first, 10.0);
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    assert!(errors > 1_000);
}
