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
