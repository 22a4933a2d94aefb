//! The DID rules and checks against the real data the app ships: the dated
//! rules file, `belfiore.json`, `comuni.json` and `offices.json`. A whole
//! declaration is validated and built as the wizard does, every step's
//! precise Italian message is checked, and odd input never panics.

use sportello_lavoro::domain::codice_fiscale::check_character;
use sportello_lavoro::domain::comuni::{BelfioreIndex, BelfioreItem, ComuniIndex};
use sportello_lavoro::domain::date::Date;
use sportello_lavoro::domain::did::{
    self, build_payload, competent_office, contact_deadline, fid, parse_status, rules, sync_cpi,
    timeline, validate_all, validate_step, BirthplaceIndex, Countdown, Ctx, DeadlineKind, DidForm,
    DidRules, Step,
};
use sportello_lavoro::domain::feed::{decode, Feed, FeedKind};
use sportello_lavoro::domain::offices::Office;
use sportello_lavoro::i18n::{lookup, Lang};
use std::sync::OnceLock;

fn data(name: &str) -> String {
    let path = format!("{}/public/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn belfiore_feed() -> &'static Feed<BelfioreItem> {
    static F: OnceLock<Feed<BelfioreItem>> = OnceLock::new();
    F.get_or_init(|| {
        decode(FeedKind::Belfiore, &data("belfiore.json")).expect("belfiore.json decodes")
    })
}

fn belfiore() -> &'static BelfioreIndex {
    static I: OnceLock<BelfioreIndex> = OnceLock::new();
    I.get_or_init(|| BelfioreIndex::new(belfiore_feed().items.iter().cloned()))
}

fn comuni() -> &'static ComuniIndex {
    static I: OnceLock<ComuniIndex> = OnceLock::new();
    I.get_or_init(|| ComuniIndex::from_json(&data("comuni.json")).expect("comuni.json decodes"))
}

fn offices() -> &'static [Office] {
    static O: OnceLock<Feed<Office>> = OnceLock::new();
    &O.get_or_init(|| {
        decode(FeedKind::Offices, &data("offices.json")).expect("offices.json decodes")
    })
    .items
}

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).expect("a real date")
}

fn today() -> Date {
    d(2026, 11, 23)
}

fn ctx_on(today: Date) -> Ctx<'static> {
    Ctx {
        today,
        rules: rules().expect("the shipped rules parse"),
        belfiore: Some(belfiore()),
        comuni: Some(comuni()),
        offices: Some(offices()),
    }
}

fn it(m: &did::Msg) -> String {
    m.render(&|k| lookup(Lang::It, k))
}

fn messages(step: Step, form: &DidForm) -> Vec<(&'static str, String)> {
    validate_step(step, form, &ctx_on(today()))
        .iter()
        .map(|i| (i.field, it(&i.msg)))
        .collect()
}

fn assert_message(step: Step, form: &DidForm, field: &str, text: &str) {
    let m = messages(step, form);
    assert!(
        m.iter().any(|(f, t)| *f == field && t == text),
        "expected on {field}: {text}\ngot {m:#?}"
    );
}

/// Fabio Caccamo, born in Torino on 3 April 1985, living in Bologna: the
/// example of DOMAIN.md §5.1, with real places.
fn fabio() -> DidForm {
    let mut f = DidForm {
        naspi: "no".into(),
        codice_fiscale: "CCCFBA85D03L219P".into(),
        surname: "Caccamo".into(),
        name: "Fabio".into(),
        sex: "M".into(),
        birth_day: "03".into(),
        birth_month: "04".into(),
        birth_year: "1985".into(),
        birth_country: "italia".into(),
        birthplace_query: "Torino (TO)".into(),
        birthplace_code: "L219".into(),
        citizenship: "A02".into(),
        res_query: "Bologna (BO)".into(),
        res_istat: "037006".into(),
        res_cap: "40121".into(),
        res_address: "Via dell'Indipendenza 8".into(),
        email: "fabio.caccamo@example.it".into(),
        mobile: "333 1234567".into(),
        situation: "non_occupato".into(),
        availability: "immediata".into(),
        decl_no_work: true,
        decl_informed: true,
        decl_no_other_did: true,
        decl_privacy: true,
        ..Default::default()
    };
    sync_cpi(&mut f, Some(comuni()), offices());
    f.cpi_confirmed = true;
    f
}

#[test]
fn the_rules_file_is_dated_contiguous_and_matches_domain_md() {
    let text = data("rules/did-rules.json");
    assert_eq!(
        text,
        did::RULES_JSON,
        "the embedded rules are the shipped file"
    );
    let r = DidRules::parse(&text).expect("parses");
    // No gap between periods, from 2019 on, the last one open.
    for pair in r.income_limits.windows(2) {
        let end = pair[0].to.expect("only the last period is open");
        assert_eq!(end.add_days(1), pair[1].from, "periods are contiguous");
    }
    assert!(r.income_limits.last().is_some_and(|p| p.to.is_none()));
    let on = |y, m, day| {
        r.income_limit_on(d(y, m, day))
            .map(|l| (l.employee_eur, l.self_employed_eur))
    };
    assert_eq!(on(2020, 7, 1), Some((8145, 4800)));
    assert_eq!(on(2023, 7, 1), Some((8174, 5500)));
    assert_eq!(on(2026, 11, 23), Some((8500, 5500)));
    assert!(r.income_limits.iter().all(|p| !p.source.trim().is_empty()));
    assert_eq!(r.min_age.years, 16);
    assert!(
        !r.min_age.verified,
        "DOMAIN.md marks the minimum age as unverified"
    );
    assert_eq!(
        (r.contact_deadline_days.did, r.contact_deadline_days.naspi),
        (30, 15)
    );
}

#[test]
fn a_whole_declaration_with_real_data() {
    let f = fabio();
    assert_eq!(f.cpi_id, "cpi-bologna", "the competent CPI for Bologna");
    let ctx = ctx_on(today());
    assert!(
        validate_all(&f, &ctx).is_empty(),
        "{:#?}",
        validate_all(&f, &ctx)
    );
    let p = build_payload(&f, &ctx, "Centro per l'Impiego di Bologna").expect("builds");
    assert_eq!(p.codice_fiscale, "CCCFBA85D03L219P");
    assert_eq!(p.anagrafica.luogo_nascita.descrizione, "Torino (TO)");
    assert_eq!(p.residenza.comune, "Bologna");
    assert_eq!(p.residenza.provincia, "BO");
    assert_eq!(p.variabili_di_profiling.provincia_di_residenza, "BO");
    assert_eq!(p.informazioni_did.codice_ente_promotore, "cpi-bologna");
    assert_eq!(p.scadenza_contatto_cpi, Some(d(2026, 12, 23)));
    let json = serde_json::to_value(&p).expect("serialises");
    // What the demo server requires.
    assert!(json["codice_fiscale"]
        .as_str()
        .is_some_and(|s| s.len() == 16));
}

#[test]
fn each_invalid_input_has_its_precise_message() {
    let mut f = fabio();
    f.codice_fiscale = "CCCFBA85D03L219Q".into();
    assert_message(
        Step::Personal,
        &f,
        fid::CF,
        "Il carattere di controllo non è corretto: dovrebbe essere «P».",
    );

    let mut f = fabio();
    f.birth_day = "30".into();
    f.birth_month = "2".into();
    assert_message(
        Step::Personal,
        &f,
        fid::BIRTH_DATE,
        "Controlla la data di nascita: il 30/02/1985 non esiste, perché febbraio 1985 ha 28 giorni.",
    );

    let mut f = fabio();
    f.surname = "Rossi".into();
    assert_message(
        Step::Personal,
        &f,
        fid::SURNAME,
        "Le lettere del cognome nel codice fiscale (CCC) non corrispondono al cognome «Rossi», che darebbe RSS. Indica il cognome completo come nel documento (per chi ha cambiato cognome col matrimonio, quello di nascita).",
    );

    let mut f = fabio();
    f.res_cap = "4012".into();
    assert_message(
        Step::Residence,
        &f,
        fid::RES_CAP,
        "Il CAP deve avere 5 cifre: «4012» ne ha 4.",
    );
    f.res_cap = "20121".into();
    assert_message(
        Step::Residence,
        &f,
        fid::RES_CAP,
        "Il CAP 20121 non è di Bologna (BO): i CAP di questo comune vanno da 40121 a 40141.",
    );

    let mut f = fabio();
    f.citizenship = "A03".into();
    f.permit_type = "lavoro_subordinato".into();
    f.permit_number = "I0123456".into();
    f.permit_day = "22".into();
    f.permit_month = "11".into();
    f.permit_year = "2026".into();
    assert_message(
        Step::Personal,
        &f,
        fid::PERMIT_EXPIRY,
        "Il permesso di soggiorno è scaduto il 22/11/2026. Se hai chiesto il rinnovo, vai al Centro per l'Impiego con la ricevuta della domanda: per ora non puoi presentare la DID online.",
    );
    f.permit_day = "23".into();
    assert!(
        messages(Step::Personal, &f).is_empty(),
        "a permit expiring today is still valid"
    );

    // 15 years and 364 days old.
    let first15 = "RSSMRA10S24A944";
    let mut f = fabio();
    f.codice_fiscale = format!(
        "{first15}{}",
        check_character(first15).expect("15 characters")
    );
    f.surname = "Rossi".into();
    f.name = "Mario".into();
    f.birth_day = "24".into();
    f.birth_month = "11".into();
    f.birth_year = "2010".into();
    f.birthplace_code = "A944".into();
    f.birthplace_query = "Bologna (BO)".into();
    assert_eq!(
        messages(Step::Personal, &f),
        vec![(fid::BIRTH_DATE, "Per presentare la DID devi avere almeno 16 anni: in base alla data di nascita ne hai 15.".to_string())]
    );

    let mut f = fabio();
    f.situation = "basso_reddito".into();
    f.work_kind = "dipendente".into();
    f.income = "8.600".into();
    assert_message(
        Step::Situation,
        &f,
        fid::INCOME,
        "Con un reddito di 8.600 € all'anno da lavoro dipendente o parasubordinato superi il limite di 8.500 € (in vigore dal 01/01/2024): in questo caso non puoi dichiararti disoccupato.",
    );
}

#[test]
fn the_income_limit_depends_on_the_declaration_date() {
    let mut f = fabio();
    f.situation = "basso_reddito".into();
    f.work_kind = "dipendente".into();
    f.income = "8.160".into();
    let on = |date: Date| validate_step(Step::Situation, &f, &ctx_on(date)).len();
    assert_eq!(on(d(2021, 12, 31)), 1, "above 8,145 € in 2021");
    assert_eq!(on(d(2022, 1, 1)), 0, "below 8,174 € in 2022");
    f.work_kind = "autonomo".into();
    f.income = "5.000".into();
    let on = |date: Date| validate_step(Step::Situation, &f, &ctx_on(date)).len();
    assert_eq!(on(d(2021, 6, 1)), 1, "above 4,800 € in 2021");
    assert_eq!(on(d(2026, 6, 1)), 0, "below 5,500 € in 2026");
}

#[test]
fn historic_birthplaces_and_foreign_states_from_the_real_feed() {
    let idx = BirthplaceIndex::new(belfiore_feed().items.iter());
    assert!(idx.len() > 10_000);
    let torino = idx.suggest("torin", false, Some(d(1985, 4, 3)), 8);
    assert_eq!(torino.first().map(|o| o.code.as_str()), Some("L219"));
    // Bazzano merged into Valsamoggia in 2014: someone born there in 1980
    // still finds it, with its end date.
    let bazzano = idx.suggest("bazzano", false, Some(d(1980, 1, 1)), 8);
    assert!(
        bazzano
            .iter()
            .any(|o| o.code == "A726" && o.label.contains("fino al 2013")),
        "{bazzano:?}"
    );
    let morocco = idx.suggest("maroc", true, None, 8);
    assert_eq!(morocco.first().map(|o| o.code.as_str()), Some("Z330"));
    // A person born in Bazzano in 1980 with a consistent code is valid.
    let first15 = "RSSMRA80A01A726";
    let mut f = fabio();
    f.codice_fiscale = format!("{first15}{}", check_character(first15).expect("15"));
    f.surname = "Rossi".into();
    f.name = "Mario".into();
    f.birth_day = "1".into();
    f.birth_month = "1".into();
    f.birth_year = "1980".into();
    f.birthplace_code = "A726".into();
    f.birthplace_query = "Bazzano (BO) – fino al 2013".into();
    assert!(
        messages(Step::Personal, &f).is_empty(),
        "{:#?}",
        messages(Step::Personal, &f)
    );
}

/// A person born in Italy, with a codice fiscale, on the personal step.
fn born_in(
    code: &str,
    (surname, name, sex): (&str, &str, &str),
    (y, m, day): (i32, u8, u8),
    (place, label): (&str, &str),
) -> DidForm {
    let mut f = fabio();
    f.codice_fiscale = code.into();
    f.surname = surname.into();
    f.name = name.into();
    f.sex = sex.into();
    f.birth_day = day.to_string();
    f.birth_month = m.to_string();
    f.birth_year = y.to_string();
    f.birthplace_code = place.into();
    f.birthplace_query = label.into();
    f
}

#[test]
fn comuni_re_established_after_the_birth_are_accepted_like_comuni_created_later() {
    // Born while the comune was suppressed; it was re-established later with
    // the same code, which the Agenzia delle Entrate issued from 1976.
    let people = [
        (
            "PNNMRA39C52G133Z",
            ("Pinna", "Maria", "F"),
            (1939, 3, 12),
            ("G133", "Ortacesus (SU)"),
        ),
        (
            "MLSGNN46H05F383W",
            ("Melis", "Giovanni", "M"),
            (1946, 6, 5),
            ("F383", "Monserrato (CA)"),
        ),
        (
            "SRRNTN38R20L513F",
            ("Serra", "Antonio", "M"),
            (1938, 10, 20),
            ("L513", "Ussaramanna (SU)"),
        ),
        (
            "SPSNNA42P41B860N",
            ("Esposito", "Anna", "F"),
            (1942, 9, 1),
            ("B860", "Casagiove (CE)"),
        ),
        // created after the birth (1/1/2023): the rule that was there first
        (
            "BNCLCU90E10M433N",
            ("Bianchi", "Luca", "M"),
            (1990, 5, 10),
            ("M433", "Bardello con Malgesso e Bregano (VA)"),
        ),
    ];
    for (code, who, born, place) in people {
        assert_eq!(
            format!(
                "{}{}",
                &code[..15],
                check_character(&code[..15]).expect("15")
            ),
            code
        );
        let f = born_in(code, who, born, place);
        assert!(
            messages(Step::Personal, &f).is_empty(),
            "{code}: {:#?}",
            messages(Step::Personal, &f)
        );
        let cf = did::check_cf(code, &ctx_on(today())).expect(code);
        let dec = cf.decoded().expect("a personal code");
        assert_eq!(dec.birth_date, d(born.0, born.1, born.2));
        assert_eq!(dec.birthplace, None, "no record on the birth date");
        let p = build_payload(&f, &ctx_on(today()), "CPI").expect(code);
        assert_eq!(p.codice_fiscale, code);
    }
}

#[test]
fn a_comune_suppressed_for_good_before_the_birth_is_refused() {
    // Acqualunga (A036) was suppressed on 31/12/1927 and never re-established.
    let f = born_in(
        "BNCCRL30A55A036G",
        ("Bianchi", "Carla", "F"),
        (1930, 1, 15),
        ("A036", "Acqualunga (BS) – fino al 1927"),
    );
    let text = "Il codice del comune A036 non era più valido il 15/01/1930: il comune di Acqualunga è stato soppresso (ultimo giorno di validità del codice: 31/12/1927).";
    assert_message(Step::Personal, &f, fid::CF, text);
    assert_message(Step::Personal, &f, fid::BIRTHPLACE, text);
}

#[test]
fn a_two_digit_year_is_read_a_century_earlier_when_only_that_reading_passes() {
    // Luigi Bianchi, born in Acqualunga on 10/05/1907: "07" read as 2007
    // would be twenty years after the comune was suppressed; as 1907 it is
    // valid, and the code's date is 1907.
    let code = "BNCLGU07E10A036Y";
    assert_eq!(
        format!(
            "{}{}",
            &code[..15],
            check_character(&code[..15]).expect("15")
        ),
        code
    );
    let cf = did::check_cf(code, &ctx_on(today())).expect("valid");
    let dec = cf.decoded().expect("a personal code");
    assert_eq!(dec.birth_date, d(1907, 5, 10));
    assert_eq!(
        dec.birthplace.as_ref().map(|r| r.name.as_str()),
        Some("Acqualunga")
    );
    let f = born_in(
        code,
        ("Bianchi", "Luigi", "M"),
        (1907, 5, 10),
        ("A036", "Acqualunga (BS) – fino al 1927"),
    );
    assert!(
        messages(Step::Personal, &f).is_empty(),
        "{:#?}",
        messages(Step::Personal, &f)
    );
    let p = build_payload(&f, &ctx_on(today()), "CPI").expect("valid");
    assert_eq!(p.variabili_di_profiling.eta, 119);
    // 10/05/1905 would make the person 121: "05" stays 2005, refused
    let f = born_in(
        "BNCLGU05E10A036W",
        ("Bianchi", "Luigi", "M"),
        (1905, 5, 10),
        ("A036", "Acqualunga (BS) – fino al 1927"),
    );
    assert_message(
        Step::Personal,
        &f,
        fid::CF,
        "Il codice del comune A036 non era più valido il 10/05/2005: il comune di Acqualunga è stato soppresso (ultimo giorno di validità del codice: 31/12/1927).",
    );
}

#[test]
fn every_comune_served_by_an_office_gets_that_office() {
    let mut served = 0;
    for o in offices() {
        for s in &o.serves {
            let Some(istat) = &s.istat else { continue };
            let f = DidForm {
                res_istat: istat.clone(),
                res_query: s.name.clone(),
                ..Default::default()
            };
            let found = competent_office(&f, Some(comuni()), offices()).map(|x| x.id.as_str());
            assert_eq!(found, Some(o.id.as_str()), "{} ({istat})", s.name);
            served += 1;
        }
    }
    assert!(served > 300);
    // Outside Emilia-Romagna the demo feed has no office: none is proposed.
    let roma = DidForm {
        res_istat: "058091".into(),
        res_query: "Roma (RM)".into(),
        ..Default::default()
    };
    assert!(competent_office(&roma, Some(comuni()), offices()).is_none());
}

#[test]
fn deadlines_and_status_answers_of_the_demo_server() {
    let r = rules().expect("rules");
    assert_eq!(
        contact_deadline(r, DeadlineKind::Did, d(2026, 12, 15)),
        d(2027, 1, 14)
    );
    assert_eq!(
        contact_deadline(r, DeadlineKind::Naspi, d(2024, 2, 20)),
        d(2024, 3, 6)
    );
    assert_eq!(Countdown::new(d(2026, 12, 23), today()).days_left, 30);
    // The shape documented in docs/api.md.
    let body = r#"{"id":"DID-2026-000001","kind":"did","status":"inserita","received_at":"2026-11-23T10:15:00.000Z","idempotency_key":"k","history":[{"status":"received","at":"2026-11-23T10:15:00.000Z","note":"Richiesta ricevuta dal Centro per l'Impiego."},{"status":"inserita","at":"2026-11-23T10:15:00.000Z","note":"Dichiarazione di immediata disponibilità inserita, in attesa di convalida."}],"payload":{"codice_fiscale":"CCCFBA85D03L219P"}}"#;
    let s = parse_status(body).expect("parses");
    let t = timeline(&s);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].status, "inserita");
    assert!(t[0].current);
}

#[test]
fn every_message_key_exists_in_both_languages() {
    let it_keys = sportello_lavoro::i18n::keys(Lang::It);
    let en_keys = sportello_lavoro::i18n::keys(Lang::En);
    let did_it: Vec<&String> = it_keys.iter().filter(|k| k.starts_with("did.")).collect();
    let did_en: Vec<&String> = en_keys.iter().filter(|k| k.starts_with("did.")).collect();
    assert_eq!(did_it, did_en);
    assert!(did_it.len() > 300);
    // Every key the domain can produce resolves (a missing key would show as itself).
    let mut f = DidForm {
        naspi: "si".into(),
        naspi_year: "x".into(),
        ..Default::default()
    };
    f.citizenship = "A03".into();
    f.dom_same = false;
    f.situation = "basso_reddito".into();
    let ctx = ctx_on(today());
    for (_, issue) in validate_all(&f, &ctx) {
        for lang in [Lang::It, Lang::En] {
            let text = issue.msg.render(&|k| lookup(lang, k));
            assert!(
                !text.contains("did.") && !text.contains('{'),
                "{lang:?}: {text}"
            );
        }
    }
}

#[test]
fn nothing_panics_on_random_forms() {
    // A small deterministic generator: no extra crates.
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pool = [
        "",
        " ",
        "0",
        "00",
        "31",
        "29",
        "2",
        "13",
        "1985",
        "20000",
        "-1",
        "A02",
        "A03",
        "M",
        "F",
        "si",
        "no",
        "italia",
        "estero",
        "Z330",
        "L219",
        "037006",
        "40121",
        "basso_reddito",
        "preavviso",
        "intermittente",
        "dipendente",
        "8.500,00",
        "1e9",
        "ÀÈ",
        "💥",
        "\u{0}",
        "CCCFBA85D03L219P",
        "RSSMRA80A01H501U",
        "lungo_periodo",
    ];
    let ctx = ctx_on(today());
    for _ in 0..2000 {
        let step = (next() % 300) as u8;
        let dom_same = next() % 2 == 0;
        let mut pick = || pool[(next() % pool.len() as u64) as usize].to_string();
        let f = DidForm {
            step,
            naspi: pick(),
            naspi_day: pick(),
            naspi_month: pick(),
            naspi_year: pick(),
            codice_fiscale: pick(),
            surname: pick(),
            name: pick(),
            sex: pick(),
            birth_day: pick(),
            birth_month: pick(),
            birth_year: pick(),
            birth_country: pick(),
            birthplace_code: pick(),
            citizenship: pick(),
            permit_type: pick(),
            permit_number: pick(),
            permit_day: pick(),
            permit_month: pick(),
            permit_year: pick(),
            res_istat: pick(),
            res_cap: pick(),
            res_address: pick(),
            dom_same,
            dom_istat: pick(),
            dom_cap: pick(),
            situation: pick(),
            work_kind: pick(),
            income: pick(),
            notice_day: pick(),
            intermittent_days: pick(),
            cpi_id: pick(),
            availability: pick(),
            ..Default::default()
        };
        let _ = validate_all(&f, &ctx);
        let _ = build_payload(&f, &ctx, "");
        let mut g = f.clone();
        let _ = sync_cpi(&mut g, Some(comuni()), offices());
    }
}
