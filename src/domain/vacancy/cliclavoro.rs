//! ClicLavoro / SIU "Vacancy" XML (the ministry's vacancy namespace, an
//! XML name that nothing fetches; XSD "Ricerca personale"): one
//! `Vacancy` per file, or several under any root. Read with `quick-xml`
//! and serde, natively (the publisher's tool): every element is optional
//! here, so a missing one gets its own precise reason, not a serde error.
//! Mapping field by field: docs/feeds-vacancies.md §8.

use super::jsonld::truncate_chars;
use super::*;
use crate::domain::comuni::ComuniIndex;
use crate::domain::place_resolve::PlaceHint;
use quick_xml::events::Event;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct VacancyXml {
    #[serde(rename = "DatoreLavoro")]
    employer: DatoreLavoro,
    #[serde(rename = "Richiesta")]
    request: Richiesta,
    #[serde(rename = "DatiSistema")]
    system: DatiSistema,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DatoreLavoro {
    #[serde(rename = "DatiAnagrafici")]
    registry: DatiAnagrafici,
    #[serde(rename = "DatiContatto")]
    contact: DatiContatto,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DatiAnagrafici {
    codicefiscale: Option<String>,
    denominazione: Option<String>,
    settore: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DatiContatto {
    indirizzo: Option<String>,
    idcomune: Option<String>,
    cap: Option<String>,
    email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Richiesta {
    #[serde(rename = "ProfiloRichiesto")]
    profile: ProfiloRichiesto,
    #[serde(rename = "IstruzioneFormazione")]
    education: IstruzioneFormazione,
    #[serde(rename = "CondizioniOfferte")]
    conditions: CondizioniOfferte,
    #[serde(rename = "DurataRichiesta")]
    duration: DurataRichiesta,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ProfiloRichiesto {
    numerolavoratori: Option<String>,
    idprofessione: Option<String>,
    descrprofessione: Option<String>,
    descrizionericerca: Option<String>,
    esperienzarichiesta: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct IstruzioneFormazione {
    idpatenteguida: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CondizioniOfferte {
    idcomune: Option<String>,
    idtipologiacontratto: Option<String>,
    idmodalitalavoro: Option<String>,
    retribuzioneannualorda: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DurataRichiesta {
    datapubblicazione: Option<String>,
    datascadenza: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DatiSistema {
    codiceofferta: Option<String>,
    denominazioneintermediario: Option<String>,
}

/// Several vacancies under one root (a batch file).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Batch {
    #[serde(rename = "Vacancy")]
    items: Vec<VacancyXml>,
}

/// `idtipologiacontratto`: the ministerial list of contract types for
/// vacancies (TAB_TIPOLOGIA_CONTR).
pub fn contract_of_code(code: &str) -> Option<ContractType> {
    Some(match code {
        "A00" => ContractType::TempoIndeterminato,
        "A01" => ContractType::TempoDeterminato,
        "A02" => ContractType::Apprendistato,
        "A03" => ContractType::Tirocinio,
        // Lavoro accessorio (voucher).
        "A04" => ContractType::Altro,
        "A05" => ContractType::LavoroAutonomo,
        "A06" => ContractType::Collaborazione,
        _ => return None,
    })
}

/// `idmodalitalavoro`: the ministerial list of working arrangements
/// (TAB_MODALITALAV).
pub fn working_time_of_code(code: &str) -> Option<WorkingTime> {
    Some(match code {
        "FT" => WorkingTime::FullTime,
        "PT" => WorkingTime::PartTime,
        "LT" => WorkingTime::Turni,
        // Notturno, fine settimana, orario spezzato, telelavoro.
        "LN" | "WE" | "OS" | "TL" => WorkingTime::Other,
        // "Qualsiasi modalità": the publisher does not restrict it.
        "Q1" => WorkingTime::NotStated,
        _ => return None,
    })
}

/// Read a ClicLavoro XML text: offers with their place resolved (a
/// workplace that is not a current comune skips the record), and a report
/// of what was skipped and why. Not-XML input gives one `NotXml` error.
/// The report keeps every error (this runs in the publisher's tool).
pub fn import_cliclavoro(text: &str, comuni: &ComuniIndex) -> (Vec<Vacancy>, ImportReport) {
    let mut report = ImportReport::keeping_all();
    let records = match read_records(text) {
        Ok(r) => r,
        Err(detail) => {
            report.skip(0, RecordError::NotXml { detail });
            return (Vec::new(), report);
        }
    };
    if records.is_empty() {
        // Well-formed, but not ClicLavoro: say so rather than read nothing.
        report.skip(
            0,
            RecordError::MissingField {
                name: "Vacancy".into(),
            },
        );
        return (Vec::new(), report);
    }
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, record) in records.into_iter().enumerate() {
        // The app feed's checks and its rule for repeated ids.
        match map_record(record, comuni) {
            Ok(v) => {
                if super::parse::keep_valid(&v, i, &mut seen, &mut report) {
                    out.push(v);
                }
            }
            Err(reason) => report.skip(i, reason),
        }
    }
    report.accepted = out.len();
    (out, report)
}

/// The records of a file: the root itself when it is a `Vacancy`, else its
/// `Vacancy` children. The whole text is checked to be well-formed first
/// (serde alone stops reading once it has what it wants).
fn read_records(text: &str) -> Result<Vec<VacancyXml>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut root: Option<String> = None;
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if root.is_none() {
                    root = Some(e.local_name().into_inner().to_string());
                }
                depth += 1;
            }
            Ok(Event::Empty(e)) => {
                if root.is_none() {
                    root = Some(e.local_name().into_inner().to_string());
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => break,
            Ok(Event::DocType(_)) => return Err("DOCTYPE non ammesso".into()),
            Ok(_) => {}
            Err(e) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                let line = 1 + text
                    .as_bytes()
                    .iter()
                    .take(at)
                    .filter(|&&b| b == b'\n')
                    .count();
                return Err(format!("riga {line}: {}", clip(&e.to_string())));
            }
        }
    }
    if depth != 0 {
        return Err("documento incompleto".into());
    }
    let Some(root) = root else {
        return Err("nessun elemento".into());
    };
    let de = |e: quick_xml::DeError| clip(&e.to_string());
    if root == "Vacancy" {
        quick_xml::de::from_str::<VacancyXml>(text)
            .map(|v| vec![v])
            .map_err(de)
    } else {
        quick_xml::de::from_str::<Batch>(text)
            .map(|b| b.items)
            .map_err(de)
    }
}

/// A text element, trimmed; empty counts as absent.
fn given(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn required(s: Option<String>, name: &str) -> Result<String, RecordError> {
    given(s).ok_or_else(|| RecordError::MissingField { name: name.into() })
}

fn map_record(r: VacancyXml, comuni: &ComuniIndex) -> Result<Vacancy, RecordError> {
    let VacancyXml {
        employer,
        request,
        system,
    } = r;
    let id = required(system.codiceofferta, "codiceofferta")?;
    let description = required(request.profile.descrizionericerca, "descrizionericerca")?;
    let employer_name = required(employer.registry.denominazione, "denominazione")?;
    let published = required(request.duration.datapubblicazione, "datapubblicazione")?;
    let published_days = iso_to_days(&published).ok_or_else(|| RecordError::Invalid {
        field: Field::Published,
        value: clip(&published),
    })?;
    let expires = match given(request.duration.datascadenza) {
        Some(s) => iso_to_days(&s).ok_or_else(|| RecordError::Invalid {
            field: Field::Expires,
            value: clip(&s),
        })?,
        None => published_days + 60,
    };
    let description = truncate_chars(&strip_html(&description), 5000);
    // No job title: the start of the description stands in for it.
    let title = given(request.profile.descrprofessione)
        .map(|t| strip_html(&t))
        .unwrap_or_else(|| truncate_chars(description.lines().next().unwrap_or(""), 100));

    // Workplace: the conditions' comune, else the employer's.
    let conditions = request.conditions;
    let code = given(conditions.idcomune)
        .or_else(|| given(employer.contact.idcomune.clone()))
        .ok_or_else(|| RecordError::MissingField {
            name: "idcomune".into(),
        })?
        .to_ascii_uppercase();
    if !is_belfiore_code(&code) {
        return Err(RecordError::Invalid {
            field: Field::Belfiore,
            value: clip(&code),
        });
    }
    let contract = match given(conditions.idtipologiacontratto) {
        None => ContractType::NonIndicato,
        Some(c) => contract_of_code(&c.to_ascii_uppercase()).ok_or(RecordError::UnknownCode {
            field: Field::ContractCode,
            value: clip(&c),
        })?,
    };
    let working_time = match given(conditions.idmodalitalavoro) {
        None => WorkingTime::NotStated,
        Some(c) => {
            working_time_of_code(&c.to_ascii_uppercase()).ok_or(RecordError::UnknownCode {
                field: Field::WorkingTimeCode,
                value: clip(&c),
            })?
        }
    };
    let salary = match given(conditions.retribuzioneannualorda) {
        None => None,
        Some(s) => {
            let n: u32 = s
                .parse()
                .ok()
                .filter(|_| s.len() <= 9)
                .ok_or(RecordError::BadSalary)?;
            Some(Salary::yearly_eur(n, n))
        }
    };
    let posts = match given(request.profile.numerolavoratori) {
        None => 1,
        Some(s) => match s.parse::<u16>() {
            Ok(0) => return Err(RecordError::NoPosts),
            Ok(n) => n,
            Err(_) => {
                return Err(RecordError::BadValue {
                    detail: clip(&format!("numerolavoratori: {s}")),
                })
            }
        },
    };
    let profession = given(request.profile.idprofessione).map(|code| Classification {
        code,
        label: String::new(),
    });
    let cf = given(employer.registry.codicefiscale).map(|c| c.to_ascii_uppercase());
    let how_to_apply = given(employer.contact.email)
        .map(|e| format!("Candidati tramite: {e}"))
        .unwrap_or_default();

    let mut v = Vacancy {
        id,
        title: truncate_chars(&title, 250),
        description,
        employer: Employer {
            name: employer_name,
            cf,
            ateco: given(employer.registry.settore),
        },
        workplace: Workplace::default(),
        lat: None,
        lon: None,
        profession,
        sector: None,
        contract,
        working_time,
        posts,
        requirements: Requirements {
            education_level: None,
            languages: Vec::new(),
            driving_licences: request
                .education
                .idpatenteguida
                .into_iter()
                .filter_map(|l| given(Some(l)))
                .map(|l| l.to_ascii_uppercase())
                .filter(|l| validate::is_licence(l))
                .collect(),
            experience_required: given(request.profile.esperienzarichiesta)
                .is_some_and(|s| s.eq_ignore_ascii_case("SI")),
        },
        salary,
        published: days_to_iso(published_days),
        expires: days_to_iso(expires),
        reserved_l68: false,
        internship: contract == ContractType::Tirocinio,
        how_to_apply,
        source: Some(
            given(system.denominazioneintermediario).unwrap_or_else(|| "ClicLavoro".into()),
        ),
    };
    let hint = PlaceHint {
        belfiore: Some(code),
        postal_code: given(employer.contact.cap),
        ..PlaceHint::default()
    };
    // The code is the place: one that is no comune's skips the offer.
    place_workplace(&mut v, &hint, comuni)?;
    Ok(v)
}

#[cfg(test)]
mod tests;
