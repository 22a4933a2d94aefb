use super::*;
use serde_json::{json, Value};

/// A reason as an Italian reader sees it.
fn it(r: &Reason) -> String {
    crate::i18n::render(crate::i18n::Lang::It, &r.message())
}

pub(crate) fn sample() -> Vacancy {
    Vacancy {
        id: "ER-1".into(),
        title: "Magazziniere".into(),
        description: "Carico e scarico merci con muletto.".into(),
        employer: Employer {
            name: "Logistica Demo S.r.l. (fittizia)".into(),
            cf: None,
            ateco: Some("52.10.00".into()),
        },
        workplace: Workplace {
            istat: Some("037006".into()),
            belfiore: Some("A944".into()),
            name: "Bologna".into(),
            province: "BO".into(),
        },
        lat: Some(44.4938),
        lon: Some(11.3387),
        profession: Some(Classification {
            code: "8.1.3.1.0".into(),
            label: "Personale di magazzino".into(),
        }),
        sector: Some(Classification {
            code: "52.10".into(),
            label: "Magazzinaggio e custodia".into(),
        }),
        contract: ContractType::TempoDeterminato,
        working_time: WorkingTime::FullTime,
        posts: 2,
        requirements: Requirements {
            education_level: Some(2),
            languages: vec![LanguageRequirement {
                code: "en".into(),
                level: CefrLevel::A2,
            }],
            driving_licences: vec!["B".into()],
            experience_required: true,
        },
        salary: Some(Salary::yearly_eur(22000, 25000)),
        published: "2026-11-01".into(),
        expires: "2026-12-31".into(),
        reserved_l68: false,
        internship: false,
        how_to_apply: "Invia il CV al CPI di Bologna.".into(),
        source: Some("demo".into()),
    }
}

fn feed_with(items: &[Value]) -> String {
    json!({"schema_version": 1, "feed": "vacancies", "generated_at": "2026-11-23", "demo": true, "items": items}).to_string()
}

#[test]
fn dates_round_trip() {
    assert_eq!(iso_to_days("1970-01-01"), Some(0));
    assert_eq!(iso_to_days("2026-11-23"), Some(20780));
    assert_eq!(days_to_iso(20780), "2026-11-23");
    assert_eq!(
        iso_to_days("2024-02-29"),
        Some(iso_to_days("2024-02-28").unwrap() + 1)
    );
    assert_eq!(iso_to_days("2025-02-29"), None);
    assert_eq!(iso_to_days("2026-13-01"), None);
    assert_eq!(iso_to_days("2026-11-23T10:00:00Z"), Some(20780));
    assert_eq!(iso_to_days("2026-1-23"), None);
    assert_eq!(iso_to_days("é"), None);
    for d in [-700_000, -1, 0, 59, 20000, 2_000_000] {
        assert_eq!(iso_to_days(&days_to_iso(d)), Some(d), "{d}");
    }
}

#[test]
fn code_patterns() {
    assert!(is_cp_code("5.1.2.2.0"));
    assert!(is_cp_code("5.1.2.2.0.12"));
    assert!(is_cp_code("5.1.2.2"), "a CP categoria");
    assert!(is_cp_code("5"), "a CP grande gruppo");
    assert!(!is_cp_code("5."));
    assert!(!is_cp_code("5.1.2.2.0.1.1"));
    assert!(!is_cp_code("0.1.2.2.0"));
    assert!(!is_cp_code("5.1.2.2.0.123"));
    assert!(
        is_ateco_code("47")
            && is_ateco_code("47.1")
            && is_ateco_code("47.11")
            && is_ateco_code("47.11.10")
    );
    assert!(
        !is_ateco_code("4711")
            && !is_ateco_code("47.111")
            && !is_ateco_code("47.1.1")
            && !is_ateco_code("")
    );
    assert!(is_ateco_full("47.11.10") && !is_ateco_full("47.11"));
    assert!(is_belfiore_code("A944") && !is_belfiore_code("a944") && !is_belfiore_code("A94"));
    assert!(is_istat_code("037006") && !is_istat_code("37006"));
    assert!(
        is_cf_shape("RSSMRA85T10A944S")
            && is_cf_shape("01234567890")
            && !is_cf_shape("RSSMRA85T10A944")
    );
}

#[test]
fn sample_is_valid_and_serde_round_trips() {
    let v = sample();
    assert_eq!(validate(&v, true), Ok(()));
    let text = serde_json::to_string(&v).unwrap();
    let back: Vacancy = serde_json::from_str(&text).unwrap();
    assert_eq!(back, v);
}

#[test]
fn feed_skips_bad_records_and_counts_them() {
    let good = serde_json::to_value(sample()).unwrap();
    let mut no_title = good.clone();
    no_title["title"] = json!("  ");
    let mut bad_dates = good.clone();
    bad_dates["id"] = json!("ER-2");
    bad_dates["expires"] = json!("2026-10-01");
    let mut unknown = good.clone();
    unknown["id"] = json!("ER-3");
    unknown["colour"] = json!("red");
    let mut zero_posts = good.clone();
    zero_posts["id"] = json!("ER-4");
    zero_posts["posts"] = json!(0);
    let mut bad_cp = good.clone();
    bad_cp["id"] = json!("ER-5");
    bad_cp["profession"]["code"] = json!("51220");
    let mut other = good.clone();
    other["id"] = json!("ER-6");
    let text = feed_with(&[
        good.clone(),
        no_title,
        bad_dates,
        unknown,
        json!(42),
        zero_posts,
        bad_cp,
        good.clone(),
        other,
    ]);
    let (items, report) = parse_vacancy_feed(&text).unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(report.accepted, 2);
    assert_eq!(report.skipped, 7);
    let idx: Vec<usize> = report.errors.iter().map(|e| e.0).collect();
    assert_eq!(idx, vec![1, 2, 3, 4, 5, 6, 7]);
    assert!(it(&report.errors[0].1).contains("titolo"));
    assert!(it(&report.errors[1].1).contains("scadenza"));
    assert!(
        it(&report.errors[2].1).contains("campo sconosciuto \"colour\""),
        "{:?}",
        report.errors[2].1
    );
    assert!(it(&report.errors[6].1).contains("ripetuto"));
    assert!(report.summary_it().contains("7 scartate"));
}

#[test]
fn feed_envelope_is_strict() {
    let good = serde_json::to_value(sample()).unwrap();
    let wrong = feed_with(std::slice::from_ref(&good)).replace("\"vacancies\"", "\"avvisi\"");
    assert!(matches!(
        parse_vacancy_feed(&wrong),
        Err(FeedError::WrongFeed { .. })
    ));
    let newer = feed_with(std::slice::from_ref(&good))
        .replace("\"schema_version\":1", "\"schema_version\":2");
    assert!(matches!(
        parse_vacancy_feed(&newer),
        Err(FeedError::UnsupportedVersion { .. })
    ));
    let extra = feed_with(&[good]).replace("\"demo\":true", "\"demo\":true,\"x\":1");
    assert!(matches!(
        parse_vacancy_feed(&extra),
        Err(FeedError::Malformed { .. })
    ));
    assert!(parse_vacancy_feed("{\"items\":[").is_err());
}

#[test]
fn many_errors_keep_only_the_first_twenty() {
    let items: Vec<Value> = (0..50).map(|i| json!({"id": i})).collect();
    let (v, r) = parse_vacancy_feed(&feed_with(&items)).unwrap();
    assert!(v.is_empty());
    assert_eq!(r.skipped, 50);
    assert_eq!(r.errors.len(), MAX_REPORTED_ERRORS);
}

#[test]
fn html_is_stripped() {
    assert_eq!(
        strip_html("<p>Cerchiamo <b>addetti</b> &amp; cassieri.</p><ul><li>Turni</li><li>Caff&egrave;</li></ul><script>x()</script>"),
        "Cerchiamo addetti & cassieri.\nTurni\nCaffè"
    );
    assert_eq!(strip_html("a < b & c"), "a < b & c");
    assert_eq!(strip_html("<"), "<");
    assert_eq!(strip_html("<é"), "<é");
    assert_eq!(strip_html("<b>é"), "é");
    assert_eq!(strip_html("&éééééééééé;"), "&éééééééééé;");
    assert_eq!(strip_html("&#233;&#xE8;"), "éè");
}

#[test]
fn jobposting_round_trip() {
    let v = sample();
    let jp = to_jobposting(&v);
    let (items, report) = import_jobposting(&jp.to_string(), None);
    assert_eq!(report.skipped, 0, "{:?}", report.errors);
    let back = &items[0];
    assert_eq!(back.id, v.id);
    assert_eq!(back.title, v.title);
    assert_eq!(back.description, v.description);
    assert_eq!(back.employer.name, v.employer.name);
    assert_eq!(back.workplace.name, v.workplace.name);
    assert_eq!(back.workplace.province, v.workplace.province);
    assert_eq!((back.lat, back.lon), (v.lat, v.lon));
    assert_eq!(back.profession, v.profession);
    assert_eq!(back.sector, v.sector);
    assert_eq!(back.contract, v.contract);
    assert_eq!(back.working_time, v.working_time);
    assert_eq!(back.posts, v.posts);
    assert_eq!(back.salary, v.salary);
    assert_eq!(
        (back.published.as_str(), back.expires.as_str()),
        ("2026-11-01", "2026-12-31")
    );
    assert!(back.requirements.experience_required);
    // And again: the second trip is lossless.
    assert_eq!(to_jobposting(back)["title"], jp["title"]);
}

#[test]
fn jobposting_shapes_and_conversions() {
    let graph = json!({"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "name": "X"},
        {"@type": "JobPosting", "title": "Cuoco", "description": "<p>Cucina <i>tipica</i></p>",
         "datePosted": "2026-11-20T09:00:00+01:00", "validThrough": "2026-12-20",
         "hiringOrganization": {"@type": "Organization", "name": "Trattoria (fittizia)"},
         "jobLocation": [{"@type": "Place", "address": {"addressLocality": "Modena", "addressRegion": "mo", "postalCode": "41121"},
                          "geo": {"latitude": "44.65", "longitude": 10.92}}],
         "employmentType": ["PART_TIME", "TEMPORARY"],
         "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR", "value": {"@type": "QuantitativeValue", "value": 1500, "unitText": "MONTH"}},
         "identifier": {"@type": "PropertyValue", "name": "X", "value": "C-9"}},
        {"@type": "JobPosting", "title": "Stagista", "description": "Tirocinio", "datePosted": "2026-11-20",
         "hiringOrganization": "Ente (fittizio)", "jobLocation": {"address": "Parma"}, "employmentType": "INTERN",
         "baseSalary": {"currency": "EUR", "value": 10, "unitText": "HOUR"}},
        {"@type": "JobPosting", "title": "Senza data", "description": "x"},
        {"@type": "JobPosting", "title": "Date invertite", "description": "x", "datePosted": "2026-11-20",
         "validThrough": "2026-11-01", "hiringOrganization": {"name": "A"}, "jobLocation": {"address": {"addressLocality": "Carpi"}}},
        {"@type": ["JobPosting"], "title": "Senza luogo", "description": "x", "datePosted": "2026-11-20", "hiringOrganization": {"name": "A"}}
    ]});
    let (items, report) = import_jobposting(&graph.to_string(), None);
    assert_eq!(items.len(), 3);
    assert_eq!(report.accepted, 3);
    assert_eq!(report.skipped, 2);
    let cuoco = &items[0];
    assert_eq!(cuoco.id, "C-9");
    assert_eq!(cuoco.description, "Cucina tipica");
    assert_eq!(cuoco.published, "2026-11-20");
    assert_eq!(cuoco.workplace.province, "MO");
    assert_eq!(cuoco.lat, Some(44.65));
    assert_eq!(cuoco.contract, ContractType::TempoDeterminato);
    assert_eq!(cuoco.working_time, WorkingTime::PartTime);
    assert_eq!(
        cuoco.salary,
        Some(Salary {
            min: 1500.0,
            max: 1500.0,
            currency: "EUR".into(),
            period: PayPeriod::Month,
        }),
        "as published, not made yearly"
    );
    let stage = &items[1];
    assert!(stage.internship);
    assert_eq!(stage.contract, ContractType::Tirocinio);
    assert_eq!(stage.expires, "2027-01-19");
    assert_eq!(
        stage.salary.as_ref().map(|s| (s.min, s.period)),
        Some((10.0, PayPeriod::Hour))
    );
    let nowhere = &items[2];
    assert_eq!(nowhere.title, "Senza luogo");
    assert_eq!(
        nowhere.workplace,
        Workplace::default(),
        "no place: none made up"
    );
    assert!(stage.id.starts_with("jp-"));
    assert!(report
        .errors
        .iter()
        .any(|(_, e)| it(e).contains("datePosted") || it(e).contains("pubblicazione")));
    assert!(report
        .errors
        .iter()
        .any(|(_, e)| it(e).contains("scadenza")));

    // A single object and garbage.
    let single = to_jobposting(&sample()).to_string();
    assert_eq!(import_jobposting(&single, None).0.len(), 1);
    let (none, r) = import_jobposting("not json", None);
    assert!(none.is_empty() && r.skipped == 1);
    let (none, r) = import_jobposting("42", None);
    assert!(none.is_empty() && r.skipped == 1);
    assert_eq!(import_jobposting("[]", None).0.len(), 0);
}

#[test]
fn feed_text_loses_bidi_overrides_and_controls_on_import() {
    let mut v = sample();
    v.title = "Magazziniere \u{202E}gpj.exe\u{202C} urgente\u{0007}".into();
    v.employer.name = "Ditta \u{2066}Esempio\u{2069}".into();
    // Arabic keeps its marks (RLM, ALM).
    v.description = "عمل\u{200F} في\u{061C} بولونيا\nSeconda riga\tcon tab".into();
    let feed = feed_with(&[serde_json::to_value(&v).unwrap()]);
    let (items, report) = parse_vacancy_feed(&feed).unwrap();
    assert_eq!(report.accepted, 1);
    assert_eq!(items[0].title, "Magazziniere gpj.exe urgente");
    assert_eq!(items[0].employer.name, "Ditta Esempio");
    assert_eq!(items[0].description, v.description);
    // The same through the JSON-LD import.
    let (items, _) = import_jobposting(&to_jobposting(&v).to_string(), None);
    assert_eq!(items[0].title, "Magazziniere gpj.exe urgente");
    // Written as an HTML entity in a JSON-LD posting, the override goes too.
    let mut jp = to_jobposting(&v);
    jp["title"] = "Magazziniere &#x202E;gpj.exe&#8238;".into();
    let (items, _) = import_jobposting(&jp.to_string(), None);
    assert_eq!(items[0].title, "Magazziniere gpj.exe");
}

#[test]
fn jsonld_script_text_cannot_close_the_script() {
    let mut v = sample();
    v.title = "</script><img src=x onerror=alert(1)> & <!--".into();
    let text = jobposting_script_text(&v);
    assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
    // Still the same JSON text.
    let back: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        back["hiringOrganization"],
        to_jobposting(&v)["hiringOrganization"]
    );
    assert_eq!(
        back["title"],
        "</script><img src=x onerror=alert(1)> & <!--"
    );
}

#[test]
fn salaries_read_in_both_stored_forms_and_nothing_in_between() {
    let read = |s: &str| serde_json::from_str::<Salary>(s);
    assert_eq!(
        read(r#"{"min":9.5,"max":11,"currency":"EUR","period":"hour"}"#).ok(),
        Some(Salary {
            min: 9.5,
            max: 11.0,
            currency: "EUR".into(),
            period: PayPeriod::Hour
        })
    );
    assert_eq!(
        read(r#"{"annual_gross_eur_min":22000,"annual_gross_eur_max":25000}"#).ok(),
        Some(Salary::yearly_eur(22000, 25000))
    );
    for bad in [
        r#"{"min":1,"max":2,"currency":"EUR"}"#,
        r#"{"min":1,"max":2,"currency":"EUR","period":"fortnight"}"#,
        r#"{"min":1,"max":2,"currency":"EUR","period":"year","annual_gross_eur_min":1}"#,
        r#"{"annual_gross_eur_min":1}"#,
        r#"{"min":1,"max":2,"currency":"EUR","period":"year","bonus":1}"#,
    ] {
        assert!(read(bad).is_err(), "{bad}");
    }
    let s = Salary::yearly_eur(1, 2);
    let back: Salary = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back, s);
}
