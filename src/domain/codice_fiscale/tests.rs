use super::*;
use crate::domain::date::Date;

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
        // Periods as in public/data/belfiore.json: four comuni suppressed
        // in 1927-28 and re-established later with the same code, one
        // suppressed in 1927 for good, one created in 2023.
        rec(
            "G133",
            "Ortacesus",
            Some((1861, 3, 17)),
            Some((1928, 11, 27)),
        ),
        rec("G133", "Ortacesus", Some((1948, 5, 7)), None),
        rec(
            "F383",
            "Monserrato",
            Some((1888, 3, 19)),
            Some((1928, 5, 11)),
        ),
        rec("F383", "Monserrato", Some((1991, 12, 10)), None),
        rec(
            "L513",
            "Ussaramanna",
            Some((1861, 3, 17)),
            Some((1927, 11, 3)),
        ),
        rec("L513", "Ussaramanna", Some((1946, 2, 28)), None),
        rec("B860", "Casagiove", Some((1872, 3, 3)), Some((1928, 6, 27))),
        rec("B860", "Casagiove", Some((1946, 11, 12)), None),
        rec(
            "A036",
            "Acqualunga",
            Some((1861, 3, 17)),
            Some((1927, 12, 31)),
        ),
        rec(
            "M433",
            "Bardello con Malgesso e Bregano",
            Some((2023, 1, 1)),
            None,
        ),
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
    let e =
        validate_format(&with_cin("RSSMRA00B29H501"), Date::new(1999, 1, 1).unwrap()).unwrap_err();
    assert_eq!(
        e,
        CfError::NonexistentDate {
            day: 29,
            month: 2,
            year: 1900
        }
    );
    // a reference date before 19yy
    let e =
        validate_format(&with_cin("RSSMRA85A01H501"), Date::new(1950, 1, 1).unwrap()).unwrap_err();
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
    let e = check_birthplace("F838", Date::new(2026, 3, 1).unwrap(), &f).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Il codice del comune F838 non era più valido il 01/03/2026: il comune di Nanto è stato soppresso (ultimo giorno di validità del codice: 20/02/2026)."
    );
    // ... but the code RSSMRA26C01F838 reads as a birth on 01/03/1926, when
    // Nanto existed (the older century reading)
    let cf = validate(&with_cin("RSSMRA26C01F838"), today(), &f).unwrap();
    assert_eq!(
        cf.decoded().unwrap().birth_date,
        Date::new(1926, 3, 1).unwrap()
    );
    let cf = validate(&with_cin("RSSMRA26B20F838"), today(), &f).unwrap();
    assert_eq!(
        cf.decoded().unwrap().birth_date,
        Date::new(2026, 2, 20).unwrap()
    );
    let e = validate(&with_cin("RSSMRA35C01G133"), today(), &f).unwrap_err();
    assert!(matches!(
        e,
        CfError::BelfioreNotValidOnDate {
            reason: NotValidReason::Suspended { .. },
            ..
        }
    ));
    assert!(e.to_string().contains("ricostituito il 07/05/1948"), "{e}");
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

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn reason(e: &CfError) -> Option<NotValidReason> {
    match e {
        CfError::BelfioreNotValidOnDate { reason, .. } => Some(*reason),
        _ => None,
    }
}

/// Real codici fiscali (check character included) of people born while
/// their comune was suppressed; each comune was later re-established with
/// the same code.
const BORN_IN_THE_GAP: [(&str, &str, (i32, u8, u8)); 4] = [
    // Ortacesus: suppressed 28/11/1928, re-established 07/05/1948
    ("PNNMRA39C52G133Z", "G133", (1939, 3, 12)),
    // Monserrato: suppressed 12/05/1928, re-established 10/12/1991
    ("MLSGNN46H05F383W", "F383", (1946, 6, 5)),
    // Ussaramanna: suppressed 04/11/1927, re-established 28/02/1946
    ("SRRNTN38R20L513F", "L513", (1938, 10, 20)),
    // Casagiove: suppressed 28/06/1928, re-established 12/11/1946
    ("SPSNNA42P41B860N", "B860", (1942, 9, 1)),
];

#[test]
fn re_established_comuni_are_accepted_as_issued_like_comuni_created_later() {
    let f = fake();
    for (code, belfiore, (y, m, day)) in BORN_IN_THE_GAP {
        assert_eq!(with_cin(&code[..15]), code);
        let born = d(y, m, day);
        // strict: the code was not in use on the birth date
        let e = validate(code, today(), &f).unwrap_err();
        assert!(
            matches!(reason(&e), Some(NotValidReason::Suspended { .. })),
            "{code}: {e:?}"
        );
        assert!(reason(&e).is_some_and(NotValidReason::in_use_again_later));
        assert_eq!(check_birthplace(belfiore, born, &f).unwrap_err(), e);
        // as issued: accepted, with no record for the birth date
        assert_eq!(check_birthplace_as_issued(belfiore, born, &f), Ok(None));
        let cf = validate_as_issued(code, today(), &f).unwrap();
        let dec = cf.decoded().unwrap();
        assert_eq!(dec.birth_date, born, "{code}");
        assert_eq!(dec.belfiore, belfiore);
        assert_eq!(dec.birthplace, None);
    }
    // the same treatment as a comune created after the birth
    let e = check_birthplace("M433", d(1990, 5, 10), &f).unwrap_err();
    assert!(matches!(
        reason(&e),
        Some(NotValidReason::NotYetCreated { .. })
    ));
    assert!(reason(&e).is_some_and(NotValidReason::in_use_again_later));
    assert_eq!(
        check_birthplace_as_issued("M433", d(1990, 5, 10), &f),
        Ok(None)
    );
    let cf = validate_as_issued("BNCLCU90E10M433N", today(), &f).unwrap();
    assert_eq!(cf.decoded().unwrap().birthplace, None);
    assert!(validate("BNCLCU90E10M433N", today(), &f).is_err());
    // on a date the code covers, the record is there
    let r = check_birthplace_as_issued("G133", d(1950, 1, 1), &f).unwrap();
    assert_eq!(r.map(|r| r.name), Some("Ortacesus".to_string()));
}

#[test]
fn ceased_and_never_re_established_stays_refused() {
    let f = fake();
    // Acqualunga (A036) was suppressed on 31/12/1927 for good: Carla
    // Bianchi, born on 15/01/1930, cannot carry its code
    let code = "BNCCRL30A55A036G";
    assert_eq!(with_cin(&code[..15]), code);
    let e = validate_as_issued(code, today(), &f).unwrap_err();
    assert_eq!(
        reason(&e),
        Some(NotValidReason::Ceased {
            last_valid: d(1927, 12, 31)
        })
    );
    assert!(!NotValidReason::Ceased {
        last_valid: d(1927, 12, 31)
    }
    .in_use_again_later());
    assert_eq!(validate(code, today(), &f).unwrap_err(), e);
    assert_eq!(
        e.to_string(),
        "Il codice del comune A036 non era più valido il 15/01/1930: il comune di Acqualunga è stato soppresso (ultimo giorno di validità del codice: 31/12/1927)."
    );
    assert_eq!(
        check_birthplace_as_issued("A036", d(1930, 1, 15), &f).unwrap_err(),
        e
    );
    // an unknown code
    assert_eq!(
        validate_as_issued(&with_cin("RSSMRA99C01Z999"), today(), &f).unwrap_err(),
        CfError::UnknownBelfiore {
            code: "Z999".into()
        }
    );
}

#[test]
fn older_century_reading_when_only_it_passes_the_birthplace_check() {
    let f = fake();
    // Luigi Bianchi, born in Acqualunga on 10/05/1907: "07" reads first as
    // 2007, twenty years after the comune was suppressed (31/12/1927)
    let code = "BNCLGU07E10A036Y";
    assert_eq!(with_cin(&code[..15]), code);
    let recent = validate_format(code, today()).unwrap();
    assert_eq!(recent.decoded().unwrap().birth_date, d(2007, 5, 10));
    for cf in [
        validate(code, today(), &f).unwrap(),
        validate_as_issued(code, today(), &f).unwrap(),
    ] {
        let dec = cf.decoded().unwrap();
        assert_eq!(dec.birth_date, d(1907, 5, 10));
        assert_eq!(crate::domain::date::age_on(dec.birth_date, today()), 119);
        assert_eq!(
            dec.birthplace.as_ref().map(|r| r.name.as_str()),
            Some("Acqualunga")
        );
    }
    // omocodic variants read the same way
    let omo = omocode_variant(code, 0b11).unwrap();
    let cf = validate(&omo, today(), &f).unwrap();
    assert_eq!(cf.decoded().unwrap().birth_date, d(1907, 5, 10));
    // the older reading is the oldest one that may be alive: 120 years on
    // `today` is still read (10/05/1906) ...
    let cf = validate("BNCLGU06E10A036X", today(), &f).unwrap();
    assert_eq!(cf.decoded().unwrap().birth_date, d(1906, 5, 10));
    assert_eq!(OLDEST_AGE, 120);
    // ... 121 is not (10/05/1905): the recent reading and its error stand
    let e = validate("BNCLGU05E10A036W", today(), &f).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Il codice del comune A036 non era più valido il 10/05/2005: il comune di Acqualunga è stato soppresso (ultimo giorno di validità del codice: 31/12/1927)."
    );
    assert_eq!(validate_as_issued("BNCLGU05E10A036W", today(), &f), Err(e));
    // a recent reading that passes is kept, even when the older one would
    // pass too (Torino existed in 1910 and in 2010)
    let cf = validate(&with_cin("CCCFBA10A01L219"), today(), &f).unwrap();
    assert_eq!(cf.decoded().unwrap().birth_date, d(2010, 1, 1));
    // the older reading of 29 February 2000 does not exist (1900 was not a
    // leap year)
    assert_eq!(
        super::birthplace::older_reading(d(2000, 2, 29), today()),
        None
    );
    assert_eq!(
        super::birthplace::older_reading(d(2007, 5, 10), today()),
        Some(d(1907, 5, 10))
    );
    assert_eq!(
        super::birthplace::older_reading(d(2005, 5, 10), today()),
        None
    );
    // no panic at the ends of the calendar
    assert_eq!(super::birthplace::older_reading(Date::MIN, Date::MAX), None);
}
