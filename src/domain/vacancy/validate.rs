//! Code shapes (ISTAT, Belfiore, CP, ATECO, codice fiscale) and the checks of one record.

use super::*;

pub(super) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit())
}

/// ISTAT comune code: 6 digits.
pub fn is_istat_code(s: &str) -> bool {
    s.len() == 6 && all_digits(s)
}

/// Belfiore code: one uppercase letter and 3 digits.
pub fn is_belfiore_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 4 && b[0].is_ascii_uppercase() && all_digits(&s[1..])
}

/// Province sigla: 2 uppercase letters.
pub fn is_province_sigla(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|c| c.is_ascii_uppercase())
}

/// CP 2011/2021 code at any of its levels, from the grande gruppo (`5`) to
/// the unità professionale (`5.1.2.2.0`), or the ministerial 6-level
/// extension `([0-9]\.){5}[0-9]{1,2}`. The first digit is 1–9.
pub fn is_cp_code(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() > 6 {
        return false;
    }
    for (i, p) in parts.iter().enumerate() {
        let ok = if i == 5 {
            (1..=2).contains(&p.len())
        } else {
            p.len() == 1
        };
        if !ok || !all_digits(p) {
            return false;
        }
    }
    parts[0] != "0"
}

/// ATECO code of any depth from division to sub-category: `dd`, `dd.d`,
/// `dd.dd`, `dd.dd.d`, `dd.dd.dd`; the division is 01–99.
pub fn is_ateco_code(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.is_empty()
        || parts.len() > 3
        || parts[0].len() != 2
        || !all_digits(parts[0])
        || parts[0] == "00"
    {
        return false;
    }
    parts[1..].iter().enumerate().all(|(i, p)| {
        let last = i + 2 == parts.len();
        all_digits(p) && (p.len() == 2 || (last && p.len() == 1))
    })
}

/// The full ClicLavoro form `dd.dd.dd`.
pub fn is_ateco_full(s: &str) -> bool {
    s.len() == 8 && is_ateco_code(s)
}

/// Codice fiscale shape: 16 characters (letters/digits in the right places,
/// omocodia allowed) or 11 digits. The check character is not verified here.
pub fn is_cf_shape(s: &str) -> bool {
    if s.len() == 11 {
        return all_digits(s);
    }
    let b = s.as_bytes();
    if b.len() != 16 {
        return false;
    }
    let omo = |c: u8| c.is_ascii_digit() || b"LMNPQRSTUV".contains(&c);
    b[..6].iter().all(u8::is_ascii_uppercase)
        && omo(b[6])
        && omo(b[7])
        && b[8].is_ascii_uppercase()
        && omo(b[9])
        && omo(b[10])
        && b[11].is_ascii_uppercase()
        && b[12..15].iter().all(|&c| omo(c))
        && b[15].is_ascii_uppercase()
}

/// Driving licence category (`AM`, `A1`, `B`, `BE`, `C1E`, `CQC`, `KB`…).
pub(super) fn is_licence(s: &str) -> bool {
    (1..=4).contains(&s.len())
        && s.as_bytes()[0].is_ascii_uppercase()
        && s.bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

pub(super) fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Check a record; `Err` holds the reason. `strict_place` requires the
/// province sigla (the app feed); JSON-LD imports may lack it.
pub fn validate(v: &Vacancy, strict_place: bool) -> Result<(), RecordError> {
    use RecordError as E;
    let invalid = |field: Field, value: &str| E::Invalid {
        field,
        value: clip(value),
    };
    let id = v.id.trim();
    if id.is_empty() {
        return Err(E::MissingId);
    }
    if id.len() > 64 || v.id.chars().any(char::is_control) {
        return Err(E::BadId);
    }
    if v.title.trim().is_empty() {
        return Err(E::Missing {
            field: Field::Title,
        });
    }
    if char_len(&v.title) > 250 {
        return Err(E::TooLong {
            field: Field::Title,
            max: 250,
        });
    }
    if v.description.trim().is_empty() {
        return Err(E::Missing {
            field: Field::Description,
        });
    }
    if char_len(&v.description) > 5000 {
        return Err(E::TooLong {
            field: Field::Description,
            max: 5000,
        });
    }
    if v.employer.name.trim().is_empty() {
        return Err(E::Missing {
            field: Field::EmployerName,
        });
    }
    if char_len(&v.employer.name) > 200 {
        return Err(E::TooLong {
            field: Field::EmployerName,
            max: 200,
        });
    }
    if let Some(cf) = &v.employer.cf {
        if !is_cf_shape(cf) {
            return Err(invalid(Field::EmployerCf, cf));
        }
    }
    if let Some(a) = &v.employer.ateco {
        if !is_ateco_full(a) {
            return Err(invalid(Field::EmployerAteco, a));
        }
    }
    // No place at all is "Luogo non indicato"; a province or code without
    // the comune's name is a broken record.
    let place_stated = !v.workplace.province.is_empty()
        || v.workplace.istat.is_some()
        || v.workplace.belfiore.is_some();
    if v.workplace.name.trim().is_empty() && place_stated {
        return Err(E::Missing {
            field: Field::Comune,
        });
    }
    if let Some(c) = &v.workplace.istat {
        if !is_istat_code(c) {
            return Err(invalid(Field::Istat, c));
        }
    }
    if let Some(c) = &v.workplace.belfiore {
        if !is_belfiore_code(c) {
            return Err(invalid(Field::Belfiore, c));
        }
    }
    let named = !v.workplace.name.trim().is_empty();
    if ((strict_place && named) || !v.workplace.province.is_empty())
        && !is_province_sigla(&v.workplace.province)
    {
        return Err(invalid(Field::Province, &v.workplace.province));
    }
    match (v.lat, v.lon) {
        (None, None) => {}
        (Some(lat), Some(lon)) => {
            if !(lat.is_finite()
                && lon.is_finite()
                && (-90.0..=90.0).contains(&lat)
                && (-180.0..=180.0).contains(&lon))
            {
                return Err(E::BadCoordinates);
            }
        }
        _ => return Err(E::IncompleteCoordinates),
    }
    if let Some(p) = &v.profession {
        if !is_cp_code(&p.code) {
            return Err(invalid(Field::Profession, &p.code));
        }
    }
    if let Some(s) = &v.sector {
        if !is_ateco_code(&s.code) {
            return Err(invalid(Field::Sector, &s.code));
        }
    }
    if v.posts == 0 {
        return Err(E::NoPosts);
    }
    if let Some(level) = v.requirements.education_level {
        if level > 12 {
            return Err(E::BadEducationLevel { level });
        }
    }
    for lang in &v.requirements.languages {
        if lang.code.len() != 2 || !lang.code.bytes().all(|c| c.is_ascii_lowercase()) {
            return Err(invalid(Field::Language, &lang.code));
        }
    }
    for l in &v.requirements.driving_licences {
        if !is_licence(l) {
            return Err(invalid(Field::Licence, l));
        }
    }
    if let Some(s) = &v.salary {
        let ok = |x: f64| x.is_finite() && (0.0..=999_999_999.0).contains(&x);
        if !ok(s.min) || !ok(s.max) || s.min > s.max {
            return Err(E::SalaryRange);
        }
        if s.currency.len() != 3 || !s.currency.bytes().all(|c| c.is_ascii_uppercase()) {
            return Err(invalid(Field::SalaryCurrency, &s.currency));
        }
    }
    let published = iso_to_days(&v.published)
        .filter(|_| v.published.len() == 10)
        .ok_or_else(|| invalid(Field::Published, &v.published))?;
    let expires = iso_to_days(&v.expires)
        .filter(|_| v.expires.len() == 10)
        .ok_or_else(|| invalid(Field::Expires, &v.expires))?;
    if expires < published {
        return Err(E::ExpiresBeforePublished);
    }
    Ok(())
}

pub(super) fn clip(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(40).collect();
        t.push('…');
        t
    }
}
