//! Per-step validation: the problems of a step as [`Issue`]s, each a DOM
//! field id and a translation key with arguments, so every language gets
//! a precise message.

use super::cf_issues::{birthplace_check, cf_msg, check_cf, mismatch_issue};
use super::choices::{
    Availability, BirthCountry, Citizenship, NaspiAnswer, PermitType, SexChoice, Situation,
    WorkKind,
};
use super::fid;
use super::form::{income_cents, Ctx, DidForm, Step, STEPS};
use super::messages::{Arg, Issue, Msg};
use super::values::{
    digits_only, format_eur, format_eur_cents, is_cap, parse_date_parts, DateProblem,
};
use crate::domain::codice_fiscale::{self as cf, PersonInput, Sex};
use crate::domain::comuni::Comune;
use crate::domain::contact::{is_plausible_email, is_plausible_phone};
use crate::domain::date::age_on;

/// The problems of one step, in form order. The summary step has none of
/// its own.
pub fn validate_step(step: Step, form: &DidForm, ctx: &Ctx) -> Vec<Issue> {
    let mut out = Vec::new();
    match step {
        Step::Start => validate_start(form, ctx, &mut out),
        Step::Personal => validate_personal(form, ctx, &mut out),
        Step::Residence => validate_residence(form, ctx, &mut out),
        Step::Contacts => validate_contacts(form, &mut out),
        Step::Situation => validate_situation(form, ctx, &mut out),
        Step::Cpi => validate_cpi(form, ctx, &mut out),
        Step::Declarations => validate_declarations(form, &mut out),
        Step::Summary => {}
    }
    out
}

/// The problems of every step, with their step.
pub fn validate_all(form: &DidForm, ctx: &Ctx) -> Vec<(Step, Issue)> {
    STEPS
        .iter()
        .flat_map(|&s| validate_step(s, form, ctx).into_iter().map(move |i| (s, i)))
        .collect()
}

/// The first step with problems and its problems only (where a refused
/// submission sends the person back).
pub fn first_step_issues(issues: Vec<(Step, Issue)>) -> Option<(Step, Vec<Issue>)> {
    let first = issues.first().map(|(s, _)| *s)?;
    let own = issues
        .into_iter()
        .filter(|(s, _)| *s == first)
        .map(|(_, i)| i)
        .collect();
    Some((first, own))
}

/// The steps that have problems, each once, in order.
pub fn steps_with_issues(issues: &[(Step, Issue)]) -> Vec<Step> {
    let mut steps: Vec<Step> = issues.iter().map(|(s, _)| *s).collect();
    steps.dedup();
    steps
}

/// The first step with a problem, if any (where to send the person back).
pub fn first_invalid_step(form: &DidForm, ctx: &Ctx) -> Option<Step> {
    STEPS
        .iter()
        .copied()
        .find(|&s| !validate_step(s, form, ctx).is_empty())
}

fn validate_start(form: &DidForm, ctx: &Ctx, out: &mut Vec<Issue>) {
    match NaspiAnswer::from_value(&form.naspi) {
        Some(NaspiAnswer::Yes) => {
            out.push(Issue::new(fid::NASPI, Msg::new("did.err.naspi_blocked")));
            match parse_date_parts(&form.naspi_day, &form.naspi_month, &form.naspi_year) {
                Err(DateProblem::Missing) => {}
                Err(p) => out.push(date_issue(fid::NASPI_DATE, "did.what.naspi_date", &p)),
                Ok(d) if d > ctx.today => out.push(Issue::new(
                    fid::NASPI_DATE,
                    Msg::new("did.err.naspi_date_future"),
                )),
                Ok(_) => {}
            }
        }
        Some(NaspiAnswer::No) => {}
        None => out.push(Issue::new(fid::NASPI, Msg::new("did.err.naspi_required"))),
    }
}

fn validate_personal(form: &DidForm, ctx: &Ctx, out: &mut Vec<Issue>) {
    let code = match check_cf(&form.codice_fiscale, ctx) {
        Ok(c) => Some(c),
        Err(e) => {
            out.push(Issue::new(fid::CF, cf_msg(&e)));
            None
        }
    };
    let surname_ok = has_letter(&form.surname);
    if form.surname.trim().is_empty() {
        out.push(Issue::new(
            fid::SURNAME,
            Msg::new("did.err.surname_required"),
        ));
    } else if !surname_ok {
        out.push(Issue::new(
            fid::SURNAME,
            Msg::new("did.err.surname_letters"),
        ));
    }
    let name_ok = has_letter(&form.name);
    if form.name.trim().is_empty() {
        out.push(Issue::new(fid::NAME, Msg::new("did.err.name_required")));
    } else if !name_ok {
        out.push(Issue::new(fid::NAME, Msg::new("did.err.name_letters")));
    }
    let sex = match SexChoice::from_value(&form.sex) {
        Some(SexChoice::Male) => Some(Sex::M),
        Some(SexChoice::Female) => Some(Sex::F),
        None => {
            out.push(Issue::new(fid::SEX, Msg::new("did.err.sex_required")));
            None
        }
    };
    let birth = match parse_date_parts(&form.birth_day, &form.birth_month, &form.birth_year) {
        Ok(d) if d > ctx.today => {
            out.push(Issue::new(
                fid::BIRTH_DATE,
                Msg::new("did.err.birth_future"),
            ));
            None
        }
        Ok(d) => {
            let age = age_on(d, ctx.today);
            let min = ctx.rules.min_age.years;
            if age > 120 {
                out.push(Issue::new(
                    fid::BIRTH_DATE,
                    Msg::new("did.err.birth_too_old").text("year", d.year.to_string()),
                ));
            } else if i64::from(age) < i64::from(min) {
                out.push(Issue::new(
                    fid::BIRTH_DATE,
                    Msg::new("did.err.age_under")
                        .text("min", min.to_string())
                        .text("age", age.to_string()),
                ));
            }
            Some(d)
        }
        Err(p) => {
            out.push(date_issue(fid::BIRTH_DATE, "did.what.birth_date", &p));
            None
        }
    };
    // Birthplace.
    let mut place_ok = false;
    match BirthCountry::from_value(&form.birth_country) {
        Some(country) => {
            if form.birthplace_code.trim().is_empty()
                && !form.birthplace_query.trim().is_empty()
                && ctx.belfiore.is_none()
            {
                // The list of places is not available (first visit offline):
                // the name as typed is accepted and the CPI checks it.
            } else if form.birthplace_code.trim().is_empty() {
                let key = match (form.birthplace_query.trim().is_empty(), country) {
                    (true, BirthCountry::Italy) => "did.err.birthplace_comune_required",
                    (true, BirthCountry::Abroad) => "did.err.birthplace_state_required",
                    (false, BirthCountry::Italy) => "did.err.place_choose",
                    (false, BirthCountry::Abroad) => "did.err.state_choose",
                };
                out.push(Issue::new(fid::BIRTHPLACE, Msg::new(key)));
            } else {
                let code = cf::normalize(&form.birthplace_code);
                let abroad = code.starts_with('Z');
                if abroad != (country == BirthCountry::Abroad) {
                    let key = if abroad {
                        "did.err.place_choose"
                    } else {
                        "did.err.state_choose"
                    };
                    out.push(Issue::new(fid::BIRTHPLACE, Msg::new(key)));
                } else if let (Some(b), Some(lookup)) = (birth, ctx.belfiore) {
                    match birthplace_check(&code, b, lookup) {
                        Ok(_) => place_ok = true,
                        Err(e) => out.push(Issue::new(fid::BIRTHPLACE, cf_msg(&e))),
                    }
                } else {
                    place_ok = true;
                }
            }
        }
        None => out.push(Issue::new(
            fid::BIRTH_COUNTRY,
            Msg::new("did.err.birth_country_required"),
        )),
    }
    // The code against the data.
    if let Some(d) = code.as_ref().and_then(|c| c.decoded()) {
        let input = PersonInput {
            surname: if surname_ok {
                form.surname.clone()
            } else {
                String::new()
            },
            name: if name_ok {
                form.name.clone()
            } else {
                String::new()
            },
            sex,
            birth_date: birth,
            birthplace_code: place_ok.then(|| form.birthplace_code.clone()),
        };
        for m in cf::check_consistency(d, &input) {
            out.push(mismatch_issue(&m, &form.birthplace_query));
        }
    }
    // Citizenship and residence permit.
    match Citizenship::from_value(&form.citizenship) {
        Some(Citizenship::Italian | Citizenship::Eu) => {}
        Some(Citizenship::NonEu) => validate_permit(form, ctx, out),
        None => out.push(Issue::new(
            fid::CITIZENSHIP,
            Msg::new("did.err.citizenship_required"),
        )),
    }
}

fn validate_permit(form: &DidForm, ctx: &Ctx, out: &mut Vec<Issue>) {
    let permit = PermitType::from_value(&form.permit_type);
    if permit.is_none() {
        out.push(Issue::new(
            fid::PERMIT_TYPE,
            Msg::new("did.err.permit_type_required"),
        ));
    }
    let number: String = form
        .permit_number
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if number.is_empty() {
        out.push(Issue::new(
            fid::PERMIT_NUMBER,
            Msg::new("did.err.permit_number_required"),
        ));
    } else if !(5..=20).contains(&number.chars().count())
        || !number.chars().all(|c| c.is_ascii_alphanumeric())
    {
        out.push(Issue::new(
            fid::PERMIT_NUMBER,
            Msg::new("did.err.permit_number_invalid"),
        ));
    }
    let no_expiry = permit.is_some_and(|p| !p.has_expiry());
    match parse_date_parts(&form.permit_day, &form.permit_month, &form.permit_year) {
        Err(DateProblem::Missing) if no_expiry => {}
        Err(p) => out.push(date_issue(fid::PERMIT_EXPIRY, "did.what.permit_expiry", &p)),
        Ok(d) if d < ctx.today => out.push(Issue::new(
            fid::PERMIT_EXPIRY,
            Msg::new("did.err.permit_expired").text("date", d.format_it()),
        )),
        Ok(_) => {}
    }
}

/// The address fields of the residence or of the domicile.
struct AddressFields<'a> {
    query: &'a str,
    istat: &'a str,
    cap: &'a str,
    address: &'a str,
    ids: (&'static str, &'static str, &'static str),
    required_keys: (&'static str, &'static str, &'static str),
}

fn validate_address(a: AddressFields, ctx: &Ctx, out: &mut Vec<Issue>) {
    let (id_comune, id_cap, id_address) = a.ids;
    let mut comune: Option<&Comune> = None;
    if a.istat.trim().is_empty() {
        // Without the list of comuni (first visit offline) the name as typed
        // is accepted; otherwise a comune must be chosen from the list.
        if a.query.trim().is_empty() {
            out.push(Issue::new(id_comune, Msg::new(a.required_keys.0)));
        } else if ctx.comuni.is_some() {
            out.push(Issue::new(id_comune, Msg::new("did.err.place_choose")));
        }
    } else if let Some(idx) = ctx.comuni {
        match idx.by_istat(a.istat) {
            Some(c) => comune = Some(c),
            None => out.push(Issue::new(id_comune, Msg::new("did.err.place_choose"))),
        }
    }
    let cap = a.cap.trim();
    if cap.is_empty() {
        out.push(Issue::new(id_cap, Msg::new(a.required_keys.1)));
    } else if !is_cap(cap) {
        let digits = cap.chars().filter(char::is_ascii_digit).count();
        let msg = if digits == cap.chars().count() {
            Msg::new("did.err.cap_length")
                .text("cap", cap)
                .text("count", digits.to_string())
        } else {
            Msg::new("did.err.cap_not_digits").text("cap", cap)
        };
        out.push(Issue::new(id_cap, msg));
    } else if let Some(c) = comune {
        if !c.cap.is_empty() && !c.cap.iter().any(|x| x == cap) {
            let msg = Msg::new("did.err.cap_mismatch")
                .text("cap", cap)
                .text("comune", c.label());
            out.push(Issue::new(
                id_cap,
                with_nested(msg, "caps", caps_msg(&c.cap)),
            ));
        }
    }
    let address = a.address.trim();
    if address.is_empty() {
        out.push(Issue::new(id_address, Msg::new(a.required_keys.2)));
    } else if address.chars().count() < 3 || !has_letter(address) {
        out.push(Issue::new(id_address, Msg::new("did.err.address_short")));
    } else if address.chars().count() > 150 {
        out.push(Issue::new(id_address, Msg::new("did.err.address_long")));
    }
}

/// A message whose argument `name` is itself a message, flattened: the
/// inner key becomes the first argument (so its template is inserted before
/// anything is filled) and the inner arguments follow the outer ones. The
/// inner placeholders must not clash with the outer ones.
fn with_nested(mut outer: Msg, name: &'static str, inner: Msg) -> Msg {
    outer.args.insert(0, (name, Arg::Key(inner.key)));
    outer.args.extend(inner.args);
    outer
}

fn validate_residence(form: &DidForm, ctx: &Ctx, out: &mut Vec<Issue>) {
    validate_address(
        AddressFields {
            query: &form.res_query,
            istat: &form.res_istat,
            cap: &form.res_cap,
            address: &form.res_address,
            ids: (fid::RES_COMUNE, fid::RES_CAP, fid::RES_ADDRESS),
            required_keys: (
                "did.err.res_comune_required",
                "did.err.res_cap_required",
                "did.err.res_address_required",
            ),
        },
        ctx,
        out,
    );
    if !form.dom_same {
        validate_address(
            AddressFields {
                query: &form.dom_query,
                istat: &form.dom_istat,
                cap: &form.dom_cap,
                address: &form.dom_address,
                ids: (fid::DOM_COMUNE, fid::DOM_CAP, fid::DOM_ADDRESS),
                required_keys: (
                    "did.err.dom_comune_required",
                    "did.err.dom_cap_required",
                    "did.err.dom_address_required",
                ),
            },
            ctx,
            out,
        );
    }
}

fn validate_contacts(form: &DidForm, out: &mut Vec<Issue>) {
    let email = form.email.trim();
    let phone = form.phone.trim();
    let mobile = form.mobile.trim();
    if email.is_empty() && mobile.is_empty() {
        out.push(Issue::new(fid::EMAIL, Msg::new("did.err.contact_required")));
    }
    if !email.is_empty() && !is_plausible_email(email) {
        out.push(Issue::new(fid::EMAIL, Msg::new("did.err.email_invalid")));
    }
    if !phone.is_empty() && !is_plausible_phone(phone) {
        out.push(Issue::new(fid::PHONE, Msg::new("did.err.phone_invalid")));
    }
    if !mobile.is_empty() && !is_plausible_phone(mobile) {
        out.push(Issue::new(fid::MOBILE, Msg::new("did.err.mobile_invalid")));
    }
}

fn validate_situation(form: &DidForm, ctx: &Ctx, out: &mut Vec<Issue>) {
    match Situation::from_value(&form.situation) {
        Some(Situation::NotEmployed) => {}
        Some(Situation::LowIncome) => {
            let kind = WorkKind::from_value(&form.work_kind);
            if kind.is_none() {
                out.push(Issue::new(
                    fid::WORK_KIND,
                    Msg::new("did.err.work_kind_required"),
                ));
            }
            if form.income.trim().is_empty() {
                out.push(Issue::new(fid::INCOME, Msg::new("did.err.income_required")));
            } else {
                match income_cents(form) {
                    None => out.push(Issue::new(fid::INCOME, Msg::new("did.err.income_invalid"))),
                    Some(cents) => match (kind, ctx.rules.income_limit_on(ctx.today)) {
                        (_, None) => out.push(Issue::new(
                            fid::INCOME,
                            Msg::new("did.err.income_no_limit").text("date", ctx.today.format_it()),
                        )),
                        (Some(k), Some(limit)) => {
                            let max = limit.for_kind(k);
                            if cents > u64::from(max) * 100 {
                                let kind_key = match k {
                                    WorkKind::Employee => "did.err.income_over_employee",
                                    WorkKind::SelfEmployed => "did.err.income_over_self",
                                };
                                out.push(Issue::new(
                                    fid::INCOME,
                                    Msg::new(kind_key)
                                        .text("income", format_eur_cents(cents))
                                        .text("limit", format_eur(max))
                                        .text("from", limit.from.format_it()),
                                ));
                            }
                        }
                        (None, Some(_)) => {}
                    },
                }
            }
        }
        Some(Situation::Notice) => {
            match parse_date_parts(&form.notice_day, &form.notice_month, &form.notice_year) {
                Err(p) => out.push(date_issue(fid::NOTICE_END, "did.what.notice_end", &p)),
                Ok(d) if d < ctx.today => out.push(Issue::new(
                    fid::NOTICE_END,
                    Msg::new("did.err.notice_past").text("date", d.format_it()),
                )),
                Ok(d) if ctx.today.days_until(d) > 366 => out.push(Issue::new(
                    fid::NOTICE_END,
                    Msg::new("did.err.notice_far").text("date", d.format_it()),
                )),
                Ok(_) => {}
            }
        }
        Some(Situation::Intermittent) => {
            let max = ctx.rules.intermittent_max_days.days;
            let t = form.intermittent_days.trim();
            if t.is_empty() {
                out.push(Issue::new(
                    fid::INTERMITTENT_DAYS,
                    Msg::new("did.err.days_required"),
                ));
            } else {
                match digits_only(t) {
                    Some(n) if n <= 366 => {
                        if n >= max {
                            out.push(Issue::new(
                                fid::INTERMITTENT_DAYS,
                                Msg::new("did.err.days_over")
                                    .text("days", n.to_string())
                                    .text("max", max.to_string()),
                            ));
                        }
                    }
                    _ => out.push(Issue::new(
                        fid::INTERMITTENT_DAYS,
                        Msg::new("did.err.days_invalid"),
                    )),
                }
            }
        }
        None => out.push(Issue::new(
            fid::SITUATION,
            Msg::new("did.err.situation_required"),
        )),
    }
}

fn validate_cpi(form: &DidForm, ctx: &Ctx, out: &mut Vec<Issue>) {
    if form.cpi_id.trim().is_empty() {
        out.push(Issue::new(fid::CPI, Msg::new("did.err.cpi_required")));
        return;
    }
    if let Some(offices) = ctx.offices {
        if !offices.iter().any(|o| o.id == form.cpi_id) {
            out.push(Issue::new(fid::CPI, Msg::new("did.err.cpi_unknown")));
            return;
        }
    }
    if !form.cpi_confirmed {
        out.push(Issue::new(
            fid::CPI_CONFIRM,
            Msg::new("did.err.cpi_confirm"),
        ));
    }
}

fn validate_declarations(form: &DidForm, out: &mut Vec<Issue>) {
    if Availability::from_value(&form.availability).is_none() {
        out.push(Issue::new(
            fid::AVAILABILITY,
            Msg::new("did.err.availability_required"),
        ));
    }
    if !form.decl_no_work {
        out.push(Issue::new(
            fid::DECL_NO_WORK,
            Msg::new("did.err.decl_no_work"),
        ));
    }
    if !form.decl_informed {
        out.push(Issue::new(
            fid::DECL_INFORMED,
            Msg::new("did.err.decl_informed"),
        ));
    }
    if !form.decl_no_other_did {
        out.push(Issue::new(
            fid::DECL_NO_OTHER,
            Msg::new("did.err.decl_no_other"),
        ));
    }
    if !form.decl_privacy {
        out.push(Issue::new(
            fid::DECL_PRIVACY,
            Msg::new("did.err.decl_privacy"),
        ));
    }
}

/// The issue for a date problem; `what` is the key of the date's name with
/// its article ("la data di nascita").
fn date_issue(field: &'static str, what: &'static str, p: &DateProblem) -> Issue {
    Issue::new(field, p.message(what))
}

/// "40121, 40122" or, for many, "da 40121 a 40141" (as a message).
fn caps_msg(caps: &[String]) -> Msg {
    let mut sorted: Vec<&String> = caps.iter().collect();
    sorted.sort();
    match (sorted.first(), sorted.last()) {
        (Some(a), Some(b)) if sorted.len() > 4 => Msg::new("did.err.cap_range")
            .text("from", a.as_str())
            .text("to", b.as_str()),
        _ => Msg::new("did.err.cap_list").text(
            "list",
            sorted
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests;
