use super::*;
fn comuni() -> &'static ComuniIndex {
    crate::domain::comuni::shipped_index()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/publisher/cliclavoro/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

#[test]
fn one_vacancy_with_a_namespace_prefix() {
    let (offers, report) = import_cliclavoro(&fixture("imola-magazziniere.xml"), comuni());
    assert_eq!((report.accepted, report.skipped), (1, 0), "{report:?}");
    let v = &offers[0];
    assert_eq!(v.id, "CL-IMOLA-0001");
    assert_eq!(v.title, "Magazziniere & carrellista");
    assert_eq!(v.employer.cf.as_deref(), Some("01234567890"));
    assert_eq!(v.employer.ateco.as_deref(), Some("52.10.20"));
    assert_eq!(
        (
            v.workplace.istat.as_deref(),
            v.workplace.belfiore.as_deref(),
            v.workplace.name.as_str(),
            v.workplace.province.as_str()
        ),
        (Some("037032"), Some("E289"), "Imola", "BO")
    );
    assert!(v.lat.is_some() && v.lon.is_some(), "the comune's centroid");
    assert_eq!(v.contract, ContractType::TempoDeterminato);
    assert_eq!(v.working_time, WorkingTime::FullTime);
    assert_eq!(v.salary, Some(Salary::yearly_eur(24000, 24000)));
    assert_eq!(v.posts, 2);
    assert_eq!(
        v.profession.as_ref().map(|p| p.code.as_str()),
        Some("8.1.3.1.0.1")
    );
    assert_eq!(v.requirements.driving_licences, vec!["B".to_string()]);
    assert!(v.requirements.experience_required);
    assert_eq!(
        (v.published.as_str(), v.expires.as_str()),
        ("2026-11-25", "2027-02-28")
    );
    assert_eq!(
        v.source.as_deref(),
        Some("Centro per l'impiego di Imola (demo)")
    );
}

#[test]
fn a_batch_keeps_the_good_records_and_says_why_each_bad_one_was_skipped() {
    let (offers, report) = import_cliclavoro(&fixture("lotto-emilia-romagna.xml"), comuni());
    let ids: Vec<&str> = offers.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["CL-RA-0001", "CL-MO-0002", "CL-FC-0007"]);
    assert_eq!((report.accepted, report.skipped), (3, 4));
    assert_eq!(
        report.errors,
        vec![
            (
                2,
                RecordError::MissingField {
                    name: "descrizionericerca".into()
                }
                .into()
            ),
            (
                3,
                RecordError::Invalid {
                    field: Field::Belfiore,
                    value: "12AB".into()
                }
                .into()
            ),
            (
                4,
                RecordError::UnknownCode {
                    field: Field::ContractCode,
                    value: "Z99".into()
                }
                .into()
            ),
            (
                5,
                RecordError::UnknownComuneCode {
                    value: "A000".into()
                }
                .into()
            ),
        ]
    );
    let ra = &offers[0];
    assert_eq!(
        (ra.workplace.name.as_str(), ra.workplace.province.as_str()),
        ("Ravenna", "RA")
    );
    assert_eq!(
        (ra.contract, ra.working_time),
        (ContractType::TempoIndeterminato, WorkingTime::PartTime)
    );
    let mo = &offers[1];
    assert_eq!(
        (mo.contract, mo.working_time),
        (ContractType::NonIndicato, WorkingTime::NotStated)
    );
    let fc = &offers[2];
    assert!(fc.internship);
    assert_eq!(fc.workplace.name, "Forlì");
}

#[test]
fn broken_xml_is_one_precise_error_and_no_panic() {
    let (offers, report) = import_cliclavoro(&fixture("non-valido.xml"), comuni());
    assert!(offers.is_empty());
    assert_eq!(report.skipped, 1);
    assert!(
        matches!(report.errors[0].1, Reason::Kind(RecordError::NotXml { .. })),
        "{report:?}"
    );
    for bad in [
        "",
        "not xml",
        "<a>",
        "<a></b>",
        "<!DOCTYPE x [<!ENTITY e \"x\">]><Vacancy/>",
        "<Vacancy>&bogus;</Vacancy>",
    ] {
        let (offers, report) = import_cliclavoro(bad, comuni());
        assert!(offers.is_empty(), "{bad}");
        assert_eq!(report.skipped, 1, "{bad}: {report:?}");
    }
}

#[test]
fn well_formed_xml_without_a_vacancy_says_so() {
    let (offers, report) = import_cliclavoro("<rss><channel><item/></channel></rss>", comuni());
    assert!(offers.is_empty());
    assert_eq!(
        report.errors,
        vec![(
            0,
            RecordError::MissingField {
                name: "Vacancy".into()
            }
            .into()
        )]
    );
}

#[test]
fn every_code_of_the_lists_maps() {
    for c in ["A00", "A01", "A02", "A03", "A04", "A05", "A06"] {
        assert!(contract_of_code(c).is_some(), "{c}");
    }
    for c in ["FT", "PT", "LT", "LN", "WE", "OS", "TL", "Q1"] {
        assert!(working_time_of_code(c).is_some(), "{c}");
    }
    assert_eq!(contract_of_code("A03"), Some(ContractType::Tirocinio));
    assert_eq!(contract_of_code("A07"), None);
    assert_eq!(working_time_of_code("XX"), None);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    #[test]
    fn any_text_is_read_without_panic(text in "\\PC{0,400}") {
        let (offers, report) = import_cliclavoro(&text, comuni());
        proptest::prop_assert_eq!(offers.len(), report.accepted);
    }

    #[test]
    fn any_element_soup_is_read_without_panic(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "<Vacancy>", "</Vacancy>", "<DatiSistema>", "</DatiSistema>", "<codiceofferta>X",
                "</codiceofferta>", "<Richiesta>", "</Richiesta>", "<idcomune>E289</idcomune>",
                "<![CDATA[<b>]]>", "&amp;", "&#0;", "<x/>", "<?pi x?>", "<!-- c -->",
            ]),
            0..40,
        )
    ) {
        let text: String = parts.concat();
        let (offers, report) = import_cliclavoro(&text, comuni());
        proptest::prop_assert_eq!(offers.len(), report.accepted);
    }
}
