//! schema.org `JobPosting` (JSON-LD): import and export.

use super::*;
use crate::domain::comuni::ComuniIndex;
use crate::domain::place_resolve::{resolve, PlaceHint, Unresolved};
use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------
// schema.org JobPosting

/// Import schema.org `JobPosting` JSON-LD: a JSON array of postings, an
/// object with `@graph`, or a single posting. Nodes of other types in an
/// array or graph are ignored; postings that cannot be mapped are skipped
/// and reported. Not-JSON input gives an empty result with one error.
///
/// Places are resolved with `comuni` (`domain::place_resolve`): the offer
/// gets its comune's codes, province and centroid; one that cannot be
/// resolved keeps no place ("Luogo non indicato") and is reported as a
/// warning. Without the table the locality is kept as written, with the
/// province of a 2-letter `addressRegion`.
pub fn import_jobposting(text: &str, comuni: Option<&ComuniIndex>) -> (Vec<Vacancy>, ImportReport) {
    import_jobposting_with(text, comuni, ImportReport::default())
}

/// [`import_jobposting`] into a given (empty) report, such as one that
/// keeps every error ([`ImportReport::keeping_all`]).
pub fn import_jobposting_with(
    text: &str,
    comuni: Option<&ComuniIndex>,
    mut report: ImportReport,
) -> (Vec<Vacancy>, ImportReport) {
    let text = crate::domain::text::json_without_format_controls(text);
    let root: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            report.skip(
                0,
                RecordError::NotJson {
                    detail: clip(&e.to_string()),
                },
            );
            return (Vec::new(), report);
        }
    };
    let nodes: Vec<&Value> = match &root {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => match o.get("@graph") {
            Some(Value::Array(g)) => g.iter().collect(),
            Some(g @ Value::Object(_)) => vec![g],
            _ => vec![&root],
        },
        _ => {
            report.skip(0, RecordError::NotJobPostingList);
            return (Vec::new(), report);
        }
    };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, node) in nodes.into_iter().enumerate() {
        if !is_jobposting(node) {
            continue;
        }
        let mapped = map_jobposting(node, i).map(|(mut v, hint)| {
            if let Some(index) = comuni {
                if let Err(why) = place_workplace(&mut v, &hint, index) {
                    report.warn(i, why);
                }
            }
            v
        });
        match mapped.and_then(|v| validate(&v, false).map(|_| v)) {
            Ok(v) => {
                if seen.insert(v.id.clone()) {
                    out.push(v);
                } else {
                    report.skip(i, RecordError::DuplicateIdentifier { value: clip(&v.id) });
                }
            }
            Err(reason) => report.skip(i, reason),
        }
    }
    report.accepted = out.len();
    (out, report)
}

pub(super) fn is_jobposting(v: &Value) -> bool {
    let is = |t: &Value| {
        t.as_str()
            .map(|s| s == "JobPosting" || s.ends_with("/JobPosting"))
            .unwrap_or(false)
    };
    match v.get("@type") {
        Some(Value::Array(a)) => a.iter().any(is),
        Some(t) => is(t),
        None => false,
    }
}

/// A string from a string, number or `{"@value"/"value"/"name": …}`.
pub(super) fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => text_of(o.get("@value"))
            .or_else(|| text_of(o.get("value")))
            .or_else(|| text_of(o.get("name"))),
        Value::Array(a) => a.iter().find_map(|x| text_of(Some(x))),
        _ => None,
    }
}

pub(super) fn num_of(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', ".").parse().ok(),
        Value::Object(o) => num_of(o.get("@value")),
        _ => None,
    }
    .filter(|x: &f64| x.is_finite())
}

/// First element if an array, the value otherwise.
pub(super) fn first(v: Option<&Value>) -> Option<&Value> {
    match v? {
        Value::Array(a) => a.first(),
        x => Some(x),
    }
}

/// Put a resolved comune on the offer (its centroid unless the posting
/// gave coordinates); an unresolved place leaves the offer with none.
pub fn place_workplace(
    v: &mut Vacancy,
    hint: &PlaceHint,
    comuni: &ComuniIndex,
) -> Result<(), RecordError> {
    match resolve(comuni, hint) {
        Ok(c) => {
            v.workplace = Workplace {
                istat: Some(c.istat.clone()),
                belfiore: Some(c.belfiore.clone()),
                name: c.name.clone(),
                province: c.province.clone(),
            };
            if v.lat.is_none() {
                if let Some((lat, lon)) = c.coords() {
                    v.lat = Some(lat as f32);
                    v.lon = Some(lon as f32);
                }
            }
            Ok(())
        }
        Err(why) => {
            v.workplace = Workplace::default();
            Err(match why {
                Unresolved::NoPlace => RecordError::NoPlace,
                Unresolved::UnknownCode(code) => {
                    RecordError::UnknownComuneCode { value: clip(&code) }
                }
                Unresolved::NotFound(text) => RecordError::PlaceNotFound { value: clip(&text) },
                Unresolved::Ambiguous { text, count } => RecordError::PlaceAmbiguous {
                    value: clip(&text),
                    count,
                },
            })
        }
    }
}

/// A posting as an offer, with what it says about its place.
pub(super) fn map_jobposting(
    jp: &Value,
    index: usize,
) -> Result<(Vacancy, PlaceHint), RecordError> {
    let title = text_of(jp.get("title")).ok_or(RecordError::Missing {
        field: Field::PostingTitle,
    })?;
    let description = text_of(jp.get("description"))
        .map(|d| strip_html(&d))
        .unwrap_or_default();
    let description = truncate_chars(&description, 5000);
    let title = truncate_chars(&strip_html(&title), 250);
    let date_posted = text_of(jp.get("datePosted")).ok_or(RecordError::Missing {
        field: Field::DatePosted,
    })?;
    let published_days = iso_to_days(&date_posted).ok_or_else(|| RecordError::Invalid {
        field: Field::DatePosted,
        value: clip(&date_posted),
    })?;
    let expires = match text_of(jp.get("validThrough")) {
        Some(s) => iso_to_days(&s).ok_or_else(|| RecordError::Invalid {
            field: Field::ValidThrough,
            value: clip(&s),
        })?,
        // Not given: 60 days of publication.
        None => published_days + 60,
    };

    let org = first(jp.get("hiringOrganization"));
    let employer_name = match org {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(o) => text_of(o.get("name")).unwrap_or_default(),
        None => String::new(),
    };
    let cf = org
        .and_then(|o| text_of(o.get("taxID")).or_else(|| text_of(o.get("vatID"))))
        .map(|s| s.trim_start_matches("IT").to_string())
        .filter(|s| is_cf_shape(s));

    let loc = first(jp.get("jobLocation"));
    let address = loc.and_then(|l| first(l.get("address")));
    let mut hint = PlaceHint::default();
    match address {
        Some(Value::String(s)) => hint.free_text.push(s.trim().to_string()),
        Some(a) => {
            hint.locality = text_of(a.get("addressLocality"));
            hint.postal_code = text_of(a.get("postalCode"));
            hint.region = text_of(a.get("addressRegion"));
            hint.free_text.extend(text_of(a.get("streetAddress")));
        }
        None => {}
    }
    hint.free_text
        .extend(loc.and_then(|l| text_of(l.get("name"))));
    // Without the comuni table: the locality as written.
    let comune = hint
        .locality
        .clone()
        .or_else(|| hint.free_text.first().cloned())
        .unwrap_or_default();
    let province = hint
        .region
        .as_deref()
        .map(|r| r.trim().to_ascii_uppercase())
        .filter(|r| is_province_sigla(r))
        .unwrap_or_default();
    let geo = loc.and_then(|l| l.get("geo"));
    let (lat, lon) = match geo.map(|g| (num_of(g.get("latitude")), num_of(g.get("longitude")))) {
        Some((Some(la), Some(lo)))
            if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) =>
        {
            (Some(la as f32), Some(lo as f32))
        }
        _ => (None, None),
    };

    // employmentType: a string or an array of strings; schema.org's codes
    // or Italian words ("Tempo determinato"), in any case.
    let mut types: Vec<String> = Vec::new();
    let mut add = |s: &str| {
        let code = crate::domain::text::fold(s).replace(' ', "_");
        if !code.is_empty() {
            types.push(code);
        }
    };
    match jp.get("employmentType") {
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).for_each(&mut add),
        Some(Value::String(s)) => s.split(',').for_each(&mut add),
        _ => {}
    }
    let (contract, working_time) = employment_of(&types);
    let internship = contract == ContractType::Tirocinio;
    let salary = map_salary(jp.get("baseSalary"))?;

    let id = first(jp.get("identifier"))
        .and_then(|i| text_of(Some(i)))
        .or_else(|| text_of(jp.get("url")))
        .filter(|s| s.len() <= 64)
        .unwrap_or_else(|| {
            format!(
                "jp-{:016x}",
                fnv1a(format!("{index}|{title}|{date_posted}|{employer_name}").as_bytes())
            )
        });

    let profession = first(jp.get("occupationalCategory")).and_then(|c| {
        let (code, label) = match c {
            Value::Object(o) => (
                text_of(o.get("codeValue")).unwrap_or_default(),
                text_of(o.get("name")).unwrap_or_default(),
            ),
            other => split_code(&text_of(Some(other)).unwrap_or_default()),
        };
        profession_of(&code, label)
    });
    let sector = text_of(jp.get("industry")).and_then(|s| {
        let (code, label) = split_code(&s);
        is_ateco_code(&code).then_some(Classification { code, label })
    });

    let posts = num_of(jp.get("totalJobOpenings"))
        .map(|n| n.round().clamp(1.0, u16::MAX as f64) as u16)
        .unwrap_or(1);

    let education_level = first(jp.get("educationRequirements")).and_then(|e| {
        let cat = match e {
            Value::Object(o) => text_of(o.get("credentialCategory")),
            other => text_of(Some(other)),
        }?
        .to_ascii_lowercase();
        if cat.contains("postgraduate") {
            Some(8)
        } else if cat.contains("bachelor") || cat.contains("laurea") {
            Some(7)
        } else if cat.contains("associate") {
            Some(5)
        } else if cat.contains("high school") || cat.contains("diploma") {
            Some(4)
        } else {
            None
        }
    });
    let experience_required = match jp.get("experienceRequirements") {
        Some(Value::Object(o)) => num_of(o.get("monthsOfExperience"))
            .map(|m| m > 0.0)
            .unwrap_or(true),
        Some(Value::String(s)) => {
            let f = crate::domain::text::fold(s);
            !f.is_empty() && f != "no" && f != "none" && f != "nessuna"
        }
        _ => false,
    };

    let how_to_apply = text_of(
        jp.get("applicationContact")
            .and_then(|c| c.get("email").or(c.get("url"))),
    )
    .or_else(|| text_of(jp.get("url")))
    .map(|s| format!("Candidati tramite: {s}"))
    .unwrap_or_default();

    let vacancy = Vacancy {
        id,
        title,
        description,
        employer: Employer {
            name: employer_name,
            cf,
            ateco: None,
        },
        workplace: Workplace {
            istat: None,
            belfiore: None,
            name: comune,
            province,
        },
        lat,
        lon,
        profession,
        sector,
        contract,
        working_time,
        posts,
        requirements: Requirements {
            education_level,
            languages: Vec::new(),
            driving_licences: Vec::new(),
            experience_required,
        },
        salary,
        published: days_to_iso(published_days),
        expires: days_to_iso(expires),
        reserved_l68: false,
        internship,
        how_to_apply,
        source: text_of(jp.get("sourceOrganization").and_then(|s| s.get("name")))
            .or(Some("JobPosting (schema.org)".into())),
    };
    Ok((vacancy, hint))
}

/// Contract and working time from normalised `employmentType` values
/// (`full_time`, `temporary`, `tempo_determinato` …): schema.org's
/// FULL_TIME and PART_TIME are working times, TEMPORARY, INTERN,
/// CONTRACTOR contracts. What is not said stays "not stated".
pub(super) fn employment_of(types: &[String]) -> (ContractType, WorkingTime) {
    let has = |t: &str| types.iter().any(|x| x == t);
    let contract = if has("intern") || has("internship") || has("tirocinio") || has("stage") {
        ContractType::Tirocinio
    } else if let Some(c) = types
        .iter()
        .find_map(|t| ContractType::from_code(t).filter(|c| *c != ContractType::NonIndicato))
    {
        c
    } else if has("temporary") {
        ContractType::TempoDeterminato
    } else if has("contractor") || has("freelance") {
        ContractType::LavoroAutonomo
    } else if has("permanent") {
        ContractType::TempoIndeterminato
    } else if has("apprenticeship") {
        ContractType::Apprendistato
    } else if has("other") || has("per_diem") || has("volunteer") {
        ContractType::Altro
    } else {
        ContractType::NonIndicato
    };
    let working_time = if has("part_time") || has("parttime") {
        WorkingTime::PartTime
    } else if has("full_time") || has("fulltime") || has("tempo_pieno") {
        WorkingTime::FullTime
    } else if has("shift") || has("turni") {
        WorkingTime::Turni
    } else {
        WorkingTime::NotStated
    };
    (contract, working_time)
}

/// The CP classification of an `occupationalCategory`: a CP code at any
/// level, or an ISCO-08 code (ESCO's too, `5223.1`), whose major group gives
/// the CP grande gruppo (docs/feeds-vacancies.md).
pub(super) fn profession_of(code: &str, label: String) -> Option<Classification> {
    let code = code.trim();
    if is_cp_code(code) {
        return Some(Classification {
            code: code.to_string(),
            label,
        });
    }
    let isco = code.split('.').next().unwrap_or("");
    if !(1..=4).contains(&isco.len()) || !isco.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let group = crate::domain::cp_groups::from_isco_major(isco.as_bytes()[0] - b'0')?;
    Some(Classification {
        code: group.to_string(),
        label: crate::domain::cp_groups::label(group)
            .unwrap_or_default()
            .to_string(),
    })
}

/// `"5.1.2.2.0 Commessi"` → (`"5.1.2.2.0"`, `"Commessi"`); also `" - "` separators.
pub(super) fn split_code(s: &str) -> (String, String) {
    let s = s.trim();
    let (code, rest) = match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let label = rest.trim().trim_start_matches(['-', '–', ':']).trim();
    (code.to_string(), label.to_string())
}

/// A `MonetaryAmount` as published: amount or range, currency and period
/// (`unitText` HOUR, DAY, WEEK, MONTH or YEAR; YEAR when not given).
/// Amounts keep two decimals; nothing is converted.
pub(super) fn map_salary(v: Option<&Value>) -> Result<Option<Salary>, RecordError> {
    let Some(v) = v else { return Ok(None) };
    let currency = text_of(v.get("currency"))
        .map(|c| c.trim().to_ascii_uppercase())
        .unwrap_or_else(|| "EUR".into());
    if currency.len() != 3 || !currency.bytes().all(|c| c.is_ascii_uppercase()) {
        return Err(RecordError::Invalid {
            field: Field::SalaryCurrency,
            value: clip(&currency),
        });
    }
    let (q, unit_outer) = match v.get("value") {
        Some(q @ Value::Object(_)) => (q, None),
        Some(n) => (v, num_of(Some(n)).map(|_| ())),
        None => (v, None),
    };
    let (mut min, mut max) = if unit_outer.is_some() {
        let x = num_of(v.get("value"));
        (x, x)
    } else {
        let single = num_of(q.get("value"));
        (
            num_of(q.get("minValue")).or(single),
            num_of(q.get("maxValue")).or(single),
        )
    };
    if min.is_none() {
        min = max;
    }
    if max.is_none() {
        max = min;
    }
    let (Some(min), Some(max)) = (min, max) else {
        return Ok(None);
    };
    let unit = text_of(q.get("unitText"))
        .or_else(|| text_of(v.get("unitText")))
        .unwrap_or_else(|| "YEAR".into());
    let period = PayPeriod::from_unit_text(&unit).ok_or_else(|| RecordError::Invalid {
        field: Field::SalaryUnit,
        value: clip(&unit),
    })?;
    let cents = |x: f64| (x * 100.0).round() / 100.0;
    let (a, b) = (cents(min), cents(max));
    if a < 0.0 || b < 0.0 || a > b || b > 999_999_999.0 {
        return Err(RecordError::BadSalary);
    }
    Ok(Some(Salary {
        min: a,
        max: b,
        currency,
        period,
    }))
}

/// The JSON-LD as the text of a `<script type="application/ld+json">`: `<`,
/// `>` and `&` escaped (`\u003c` …, still the same JSON), so no feed text
/// can close the script or open markup in it.
pub fn jobposting_script_text(v: &Vacancy) -> String {
    to_jobposting(v)
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The schema.org `JobPosting` JSON-LD of a vacancy (for `<script
/// type="application/ld+json">` and for exchange).
pub fn to_jobposting(v: &Vacancy) -> Value {
    let mut jp = Map::new();
    jp.insert("@context".into(), json!("https://schema.org"));
    jp.insert("@type".into(), json!("JobPosting"));
    jp.insert(
        "identifier".into(),
        json!({"@type": "PropertyValue", "name": v.source.clone().unwrap_or_else(|| "Sportello Lavoro".into()), "value": v.id}),
    );
    jp.insert("title".into(), json!(v.title));
    jp.insert("description".into(), json!(v.description));
    jp.insert("datePosted".into(), json!(v.published));
    jp.insert("validThrough".into(), json!(v.expires));
    let mut org = Map::new();
    org.insert("@type".into(), json!("Organization"));
    org.insert("name".into(), json!(v.employer.name));
    if let Some(cf) = &v.employer.cf {
        org.insert("taxID".into(), json!(cf));
    }
    jp.insert("hiringOrganization".into(), Value::Object(org));
    let mut address = Map::new();
    address.insert("@type".into(), json!("PostalAddress"));
    if !v.workplace.name.is_empty() {
        address.insert("addressLocality".into(), json!(v.workplace.name));
    }
    if !v.workplace.province.is_empty() {
        address.insert("addressRegion".into(), json!(v.workplace.province));
    }
    address.insert("addressCountry".into(), json!("IT"));
    let mut place = Map::new();
    place.insert("@type".into(), json!("Place"));
    place.insert("address".into(), Value::Object(address));
    if let (Some(lat), Some(lon)) = (v.lat, v.lon) {
        place.insert(
            "geo".into(),
            json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}),
        );
    }
    jp.insert("jobLocation".into(), Value::Object(place));
    let mut types = Vec::new();
    match v.working_time {
        WorkingTime::FullTime => types.push("FULL_TIME"),
        WorkingTime::PartTime => types.push("PART_TIME"),
        WorkingTime::Turni | WorkingTime::Other | WorkingTime::NotStated => {}
    }
    match v.contract {
        ContractType::TempoDeterminato | ContractType::Somministrazione => types.push("TEMPORARY"),
        ContractType::Tirocinio => types.push("INTERN"),
        ContractType::Collaborazione | ContractType::LavoroAutonomo => types.push("CONTRACTOR"),
        ContractType::TempoIndeterminato
        | ContractType::Apprendistato
        | ContractType::Altro
        | ContractType::NonIndicato => {}
    }
    if v.contract == ContractType::Altro {
        types.push("OTHER");
    }
    if v.internship && v.contract != ContractType::Tirocinio {
        types.push("INTERN");
    }
    if !types.is_empty() {
        jp.insert("employmentType".into(), json!(types));
    }
    if let Some(s) = &v.salary {
        jp.insert(
            "baseSalary".into(),
            json!({"@type": "MonetaryAmount", "currency": s.currency, "value": {
                "@type": "QuantitativeValue", "minValue": s.min,
                "maxValue": s.max, "unitText": s.period.code().to_ascii_uppercase()}}),
        );
    }
    if let Some(p) = &v.profession {
        jp.insert(
            "occupationalCategory".into(),
            json!(format!("{} {}", p.code, p.label).trim()),
        );
    }
    if let Some(s) = &v.sector {
        jp.insert(
            "industry".into(),
            json!(format!("{} {}", s.code, s.label).trim()),
        );
    }
    jp.insert("totalJobOpenings".into(), json!(v.posts));
    if let Some(level) = v.requirements.education_level {
        let cat = match level {
            0..=3 => None,
            4 => Some("high school"),
            5 | 6 => Some("associate degree"),
            7 => Some("bachelor degree"),
            _ => Some("postgraduate degree"),
        };
        if let Some(cat) = cat {
            jp.insert(
                "educationRequirements".into(),
                json!({"@type": "EducationalOccupationalCredential", "credentialCategory": cat}),
            );
        }
    }
    if v.requirements.experience_required {
        jp.insert(
            "experienceRequirements".into(),
            json!({"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 12}),
        );
    }
    jp.insert("directApply".into(), json!(false));
    Value::Object(jp)
}

pub(super) fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => {
            let mut t: String = s[..i].chars().take(max.saturating_sub(1)).collect();
            t.push('…');
            t
        }
        None => s.to_string(),
    }
}

pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
