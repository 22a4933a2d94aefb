use super::*;
use crate::domain::did::test_support::*;
use crate::domain::did::{build_payload, naspi_countdown, rules, sync_cpi};

#[test]
fn a_complete_form_is_valid_on_every_step() {
    let f = good();
    with_ctx(|ctx| {
        let all = validate_all(&f, ctx);
        assert!(all.is_empty(), "{all:#?}");
        assert_eq!(first_invalid_step(&f, ctx), None);
    });
}

#[test]
fn start_step_requires_an_answer_and_blocks_naspi() {
    let mut f = DidForm::default();
    has(
        Step::Start,
        &f,
        fid::NASPI,
        "Rispondi alla domanda sulla NASpI o DIS-COLL.",
    );
    f.naspi = "si".into();
    assert!(f.naspi_blocks());
    let m = messages(Step::Start, &f);
    assert!(
        m.iter().any(|(_, t)| t.contains("vale già come DID")),
        "{m:?}"
    );
    f.naspi_day = "1".into();
    f.naspi_month = "12".into();
    f.naspi_year = "2026".into();
    has(
        Step::Start,
        &f,
        fid::NASPI_DATE,
        "La data della domanda non può essere nel futuro.",
    );
    f.naspi_month = "11".into();
    f.naspi_day = "20".into();
    let c = naspi_countdown(&f, rules().unwrap(), today()).unwrap();
    assert_eq!(c.deadline, d(2026, 12, 5));
    assert_eq!(c.days_left, 12);
    assert_eq!(it(&c.msg()), "Mancano 12 giorni.");
    f.naspi = "no".into();
    assert!(messages(Step::Start, &f).is_empty());
}

#[test]
fn personal_step_precise_messages() {
    let mut f = good();
    f.codice_fiscale = "CCCFBA85D03L219Q".into();
    has(
        Step::Personal,
        &f,
        fid::CF,
        "Il carattere di controllo non è corretto: dovrebbe essere «P».",
    );

    let mut f = good();
    f.birth_day = "30".into();
    f.birth_month = "2".into();
    has(
        Step::Personal,
        &f,
        fid::BIRTH_DATE,
        "Controlla la data di nascita: il 30/02/1985 non esiste, perché febbraio 1985 ha 28 giorni.",
    );

    let mut f = good();
    f.name = "Mario".into();
    f.birth_day = "4".into();
    let m = messages(Step::Personal, &f);
    assert!(m.iter().any(|(field, t)| field == fid::NAME
        && t.starts_with("Le lettere del nome nel codice fiscale (FBA) non corrispondono al nome «Mario», che darebbe MRA")));
    has(
        Step::Personal,
        &f,
        fid::BIRTH_DATE,
        "La data di nascita nel codice fiscale (03/04/1985) è diversa da quella indicata (04/04/1985).",
    );

    let mut f = good();
    f.birthplace_code = "A944".into();
    f.birthplace_query = "Bologna (BO)".into();
    has(
        Step::Personal,
        &f,
        fid::BIRTHPLACE,
        "Il luogo di nascita nel codice fiscale (L219, Torino) è diverso da quello che hai indicato: Bologna (BO).",
    );

    let mut f = good();
    f.sex = "F".into();
    has(
        Step::Personal,
        &f,
        fid::SEX,
        "Il codice fiscale indica il sesso maschile, ma hai indicato il sesso femminile.",
    );

    let mut f = good();
    f.birth_year = "85".into();
    has(
        Step::Personal,
        &f,
        fid::BIRTH_DATE,
        "Controlla la data di nascita: l'anno deve avere 4 cifre, ad esempio 1990.",
    );
    f.birth_year = String::new();
    has(
        Step::Personal,
        &f,
        fid::BIRTH_DATE,
        "Completa la data di nascita: servono giorno, mese e anno.",
    );
    f.birth_day = String::new();
    f.birth_month = String::new();
    has(
        Step::Personal,
        &f,
        fid::BIRTH_DATE,
        "Inserisci la data di nascita.",
    );
    f.birth_day = "a".into();
    f.birth_month = "4".into();
    f.birth_year = "1985".into();
    has(
        Step::Personal,
        &f,
        fid::BIRTH_DATE,
        "Scrivi la data di nascita solo con numeri: giorno, mese e anno (ad esempio 27 3 1990).",
    );
    f.birth_day = "3".into();
    f.birth_month = "13".into();
    has(
        Step::Personal,
        &f,
        fid::BIRTH_DATE,
        "Controlla la data di nascita: il mese va da 1 a 12.",
    );

    let f = DidForm {
        naspi: "no".into(),
        ..Default::default()
    };
    let m = messages(Step::Personal, &f);
    let fields: Vec<&str> = m.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            fid::CF,
            fid::SURNAME,
            fid::NAME,
            fid::SEX,
            fid::BIRTH_DATE,
            fid::BIRTH_COUNTRY,
            fid::CITIZENSHIP
        ]
    );
}

#[test]
fn under_the_minimum_age() {
    // born 24/11/2010: 15 on 23/11/2026
    let first15 = "RSSMRA10S24A944";
    let cin = cf::check_character(first15).unwrap();
    let mut f = good();
    f.codice_fiscale = format!("{first15}{cin}");
    f.surname = "Rossi".into();
    f.name = "Mario".into();
    f.birth_day = "24".into();
    f.birth_month = "11".into();
    f.birth_year = "2010".into();
    f.birthplace_code = "A944".into();
    f.birthplace_query = "Bologna (BO)".into();
    let m = messages(Step::Personal, &f);
    assert_eq!(m, vec![(fid::BIRTH_DATE.to_string(), "Per presentare la DID devi avere almeno 16 anni: in base alla data di nascita ne hai 15.".to_string())]);
    f.birth_day = "23".into();
    let first15 = "RSSMRA10S23A944";
    f.codice_fiscale = format!("{first15}{}", cf::check_character(first15).unwrap());
    assert!(messages(Step::Personal, &f).is_empty());
}

#[test]
fn residence_permit_for_non_eu_citizens() {
    let mut f = good();
    f.citizenship = "A03".into();
    let m = messages(Step::Personal, &f);
    let fields: Vec<&str> = m.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        vec![fid::PERMIT_TYPE, fid::PERMIT_NUMBER, fid::PERMIT_EXPIRY]
    );
    f.permit_type = "lavoro_subordinato".into();
    f.permit_number = "I 1234567".into();
    f.permit_day = "1".into();
    f.permit_month = "1".into();
    f.permit_year = "2025".into();
    has(
        Step::Personal,
        &f,
        fid::PERMIT_EXPIRY,
        "Il permesso di soggiorno è scaduto il 01/01/2025. Se hai chiesto il rinnovo, vai al Centro per l'Impiego con la ricevuta della domanda: per ora non puoi presentare la DID online.",
    );
    f.permit_year = "2027".into();
    assert!(messages(Step::Personal, &f).is_empty());
    f.permit_number = "12/a".into();
    has(Step::Personal, &f, fid::PERMIT_NUMBER, "Il numero del permesso di soggiorno non è valido: usa da 5 a 20 lettere e cifre, come sul documento.");
    f.permit_number = "I1234567".into();
    f.permit_type = "lungo_periodo".into();
    f.permit_day.clear();
    f.permit_month.clear();
    f.permit_year.clear();
    assert!(messages(Step::Personal, &f).is_empty());
}

#[test]
fn residence_caps_and_addresses() {
    let mut f = good();
    f.res_cap = "4012".into();
    has(
        Step::Residence,
        &f,
        fid::RES_CAP,
        "Il CAP deve avere 5 cifre: «4012» ne ha 4.",
    );
    f.res_cap = "40l21".into();
    has(
        Step::Residence,
        &f,
        fid::RES_CAP,
        "Il CAP è fatto solo di cifre: «40l21» non è un CAP.",
    );
    f.res_cap = "20121".into();
    has(
        Step::Residence,
        &f,
        fid::RES_CAP,
        "Il CAP 20121 non è di Bologna (BO): i CAP di questo comune vanno da 40121 a 40141.",
    );
    f.res_istat = "037032".into();
    f.res_query = "Imola (BO)".into();
    has(
        Step::Residence,
        &f,
        fid::RES_CAP,
        "Il CAP 20121 non è di Imola (BO): i CAP di questo comune sono 40026.",
    );
    let mut f = good();
    f.res_istat.clear();
    has(
        Step::Residence,
        &f,
        fid::RES_COMUNE,
        "Scegli il comune dall'elenco dei suggerimenti.",
    );
    f.res_query.clear();
    has(
        Step::Residence,
        &f,
        fid::RES_COMUNE,
        "Indica il comune di residenza.",
    );
    let mut f = good();
    f.dom_same = false;
    let m = messages(Step::Residence, &f);
    assert_eq!(
        m.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(),
        vec![fid::DOM_COMUNE, fid::DOM_CAP, fid::DOM_ADDRESS]
    );
    let m = with_ctx(|ctx| validate_step(Step::Residence, &f, ctx));
    assert!(en(&m[0].msg).starts_with("Enter"));
}

#[test]
fn contacts() {
    let mut f = good();
    f.email.clear();
    has(Step::Contacts, &f, fid::EMAIL, "Indica almeno un recapito, l'email o il cellulare, così il Centro per l'Impiego può contattarti.");
    f.mobile = "333 1234567".into();
    assert!(messages(Step::Contacts, &f).is_empty());
    f.email = "fabio@".into();
    f.phone = "12ab".into();
    let m = messages(Step::Contacts, &f);
    assert_eq!(m.len(), 2);
}

#[test]
fn income_limits_by_declaration_date() {
    let mut f = good();
    f.situation = "basso_reddito".into();
    f.work_kind = "dipendente".into();
    f.income = "9.000".into();
    has(
        Step::Situation,
        &f,
        fid::INCOME,
        "Con un reddito di 9.000 € all'anno da lavoro dipendente o parasubordinato superi il limite di 8.500 € (in vigore dal 01/01/2024): in questo caso non puoi dichiararti disoccupato.",
    );
    f.income = "8500".into();
    assert!(messages(Step::Situation, &f).is_empty());
    f.income = "8.500,01".into();
    assert_eq!(messages(Step::Situation, &f).len(), 1);
    f.work_kind = "autonomo".into();
    f.income = "5600".into();
    let m = messages(Step::Situation, &f);
    assert!(
        m[0].1
            .contains("da lavoro autonomo superi il limite di 5.500 €"),
        "{m:?}"
    );
    // In 2021 the limit for an employee was 8,145 €.
    let b = fake();
    let ctx = Ctx {
        today: d(2021, 6, 1),
        rules: rules().unwrap(),
        belfiore: Some(&b),
        comuni: None,
        offices: None,
    };
    f.work_kind = "dipendente".into();
    f.income = "8.150".into();
    let issues = validate_step(Step::Situation, &f, &ctx);
    assert!(it(&issues[0].msg).contains("limite di 8.145 €"));
    f.income = "otto".into();
    has(
        Step::Situation,
        &f,
        fid::INCOME,
        "Scrivi il reddito in euro usando solo cifre, ad esempio 7500 oppure 7.500,50.",
    );
}

#[test]
fn other_situations() {
    let mut f = good();
    f.situation.clear();
    has(
        Step::Situation,
        &f,
        fid::SITUATION,
        "Scegli la frase che descrive la tua situazione di oggi.",
    );
    f.situation = "preavviso".into();
    f.notice_day = "1".into();
    f.notice_month = "11".into();
    f.notice_year = "2026".into();
    has(Step::Situation, &f, fid::NOTICE_END, "La data di fine del rapporto di lavoro (01/11/2026) è già passata: se oggi non lavori, scegli «Non lavoro».");
    f.notice_month = "12".into();
    assert!(messages(Step::Situation, &f).is_empty());
    f.situation = "intermittente".into();
    f.intermittent_days = "180".into();
    has(Step::Situation, &f, fid::INTERMITTENT_DAYS, "Con 180 giornate lavorate non sei sotto il limite: con un contratto intermittente puoi restare disoccupato solo se ne hai lavorate meno di 180.");
    f.intermittent_days = "179".into();
    assert!(messages(Step::Situation, &f).is_empty());
    f.intermittent_days = "-3".into();
    assert_eq!(messages(Step::Situation, &f).len(), 1);
}

#[test]
fn without_the_place_lists_typed_names_are_accepted() {
    let mut f = good();
    f.birthplace_code.clear();
    f.birthplace_query = "Torino".into();
    f.res_istat.clear();
    f.res_query = "Bologna".into();
    f.cpi_id.clear();
    f.cpi_for.clear();
    let o = offices();
    let ctx = Ctx {
        today: today(),
        rules: rules().unwrap(),
        belfiore: None,
        comuni: None,
        offices: Some(&o),
    };
    assert!(validate_step(Step::Personal, &f, &ctx).is_empty());
    assert!(validate_step(Step::Residence, &f, &ctx).is_empty());
    assert!(sync_cpi(&mut f, None, &o));
    assert_eq!(f.cpi_id, "cpi-bologna");
    assert_eq!(f.cpi_for, "Bologna");
    // With the lists loaded, a choice is required.
    with_ctx(|ctx| {
        let m = validate_step(Step::Residence, &f, ctx);
        assert_eq!(m[0].field, fid::RES_COMUNE);
        assert_eq!(
            validate_step(Step::Personal, &f, ctx)[0].field,
            fid::BIRTHPLACE
        );
    });
    f.cpi_confirmed = true;
    f.decl_privacy = true;
    let p = build_payload(&f, &ctx, "CPI").unwrap();
    assert_eq!(p.anagrafica.luogo_nascita.descrizione, "Torino");
    assert_eq!(p.residenza.comune, "Bologna");
    assert_eq!(p.residenza.comune_istat, "");
}

#[test]
fn declarations_are_each_required() {
    let mut f = good();
    f.availability.clear();
    f.decl_no_work = false;
    f.decl_informed = false;
    f.decl_no_other_did = false;
    f.decl_privacy = false;
    let m = messages(Step::Declarations, &f);
    assert_eq!(
        m.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(),
        vec![
            fid::AVAILABILITY,
            fid::DECL_NO_WORK,
            fid::DECL_INFORMED,
            fid::DECL_NO_OTHER,
            fid::DECL_PRIVACY
        ]
    );
}
