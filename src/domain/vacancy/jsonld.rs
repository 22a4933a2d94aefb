//! schema.org `JobPosting` (JSON-LD): import and export.

use super::*;
use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------
// schema.org JobPosting

/// Import schema.org `JobPosting` JSON-LD: a JSON array of postings, an
/// object with `@graph`, or a single posting. Nodes of other types in an
/// array or graph are ignored; postings that cannot be mapped are skipped
/// and reported. Not-JSON input gives an empty result with one error.
///
/// Postings carry no comune codes: `workplace.istat`/`belfiore` stay empty
/// (resolve them with the comuni table if needed) and the province is taken
/// from a 2-letter `addressRegion`.
pub fn import_jobposting(text: &str) -> (Vec<Vacancy>, ImportReport) {
    let mut report = ImportReport::default();
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
        match map_jobposting(node, i).and_then(|v| validate(&v, false).map(|_| v)) {
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

pub(super) fn map_jobposting(jp: &Value, index: usize) -> Result<Vacancy, RecordError> {
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
    let (mut comune, mut province) = (String::new(), String::new());
    match address {
        Some(Value::String(s)) => comune = s.trim().to_string(),
        Some(a) => {
            comune = text_of(a.get("addressLocality")).unwrap_or_default();
            if let Some(r) = text_of(a.get("addressRegion")) {
                let up = r.trim().to_ascii_uppercase();
                if is_province_sigla(&up) {
                    province = up;
                }
            }
        }
        None => {}
    }
    if comune.is_empty() {
        if let Some(name) = loc.and_then(|l| text_of(l.get("name"))) {
            comune = name;
        }
    }
    let geo = loc.and_then(|l| l.get("geo"));
    let (lat, lon) = match geo.map(|g| (num_of(g.get("latitude")), num_of(g.get("longitude")))) {
        Some((Some(la), Some(lo)))
            if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) =>
        {
            (Some(la as f32), Some(lo as f32))
        }
        _ => (None, None),
    };

    // employmentType: a string or an array of strings.
    let mut types: Vec<String> = Vec::new();
    match jp.get("employmentType") {
        Some(Value::Array(a)) => types.extend(
            a.iter()
                .filter_map(|x| x.as_str())
                .map(|s| s.trim().to_ascii_uppercase()),
        ),
        Some(Value::String(s)) => types.extend(s.split(',').map(|x| x.trim().to_ascii_uppercase())),
        _ => {}
    }
    let has = |t: &str| types.iter().any(|x| x == t);
    let internship = has("INTERN") || has("INTERNSHIP") || has("TIROCINIO");
    let contract = if internship {
        ContractType::Tirocinio
    } else if let Some(c) = types
        .iter()
        .find_map(|t| ContractType::from_code(&t.to_ascii_lowercase()))
    {
        c
    } else if has("TEMPORARY") {
        ContractType::TempoDeterminato
    } else if has("CONTRACTOR") {
        ContractType::LavoroAutonomo
    } else if has("PERMANENT") {
        ContractType::TempoIndeterminato
    } else if has("APPRENTICESHIP") {
        ContractType::Apprendistato
    } else {
        ContractType::Altro
    };
    let working_time = if has("PART_TIME") {
        WorkingTime::PartTime
    } else if has("FULL_TIME") {
        WorkingTime::FullTime
    } else if has("SHIFT") || has("TURNI") {
        WorkingTime::Turni
    } else {
        WorkingTime::Other
    };

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
        is_cp_code(&code).then_some(Classification { code, label })
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

    Ok(Vacancy {
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

/// Annual gross from a `MonetaryAmount`. Conversion to a year: HOUR × 2080
/// (40 h × 52), DAY × 260, WEEK × 52, MONTH × 13 (tredicesima), YEAR × 1.
pub(super) fn map_salary(v: Option<&Value>) -> Result<Option<Salary>, RecordError> {
    let Some(v) = v else { return Ok(None) };
    let currency = text_of(v.get("currency")).unwrap_or_else(|| "EUR".into());
    if !currency.eq_ignore_ascii_case("EUR") {
        // Other currencies are not converted: drop the salary, keep the offer.
        return Ok(None);
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
    let factor = match unit.to_ascii_uppercase().as_str() {
        "HOUR" => 2080.0,
        "DAY" => 260.0,
        "WEEK" => 52.0,
        "MONTH" => 13.0,
        "YEAR" => 1.0,
        other => {
            return Err(RecordError::Invalid {
                field: Field::SalaryUnit,
                value: clip(other),
            })
        }
    };
    let (a, b) = (min * factor, max * factor);
    if a < 0.0 || b < 0.0 || a > b || b > 999_999_999.0 {
        return Err(RecordError::BadSalary);
    }
    Ok(Some(Salary {
        annual_gross_eur_min: a.round() as u32,
        annual_gross_eur_max: b.round() as u32,
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
    address.insert("addressLocality".into(), json!(v.workplace.name));
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
        WorkingTime::Turni | WorkingTime::Other => {}
    }
    match v.contract {
        ContractType::TempoDeterminato | ContractType::Somministrazione => types.push("TEMPORARY"),
        ContractType::Tirocinio => types.push("INTERN"),
        ContractType::Collaborazione | ContractType::LavoroAutonomo => types.push("CONTRACTOR"),
        ContractType::TempoIndeterminato | ContractType::Apprendistato | ContractType::Altro => {}
    }
    if v.internship && v.contract != ContractType::Tirocinio {
        types.push("INTERN");
    }
    if types.is_empty() {
        types.push("OTHER");
    }
    jp.insert("employmentType".into(), json!(types));
    if let Some(s) = &v.salary {
        jp.insert(
            "baseSalary".into(),
            json!({"@type": "MonetaryAmount", "currency": "EUR", "value": {
                "@type": "QuantitativeValue", "minValue": s.annual_gross_eur_min,
                "maxValue": s.annual_gross_eur_max, "unitText": "YEAR"}}),
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
