//! DID online: the Dichiarazione di Immediata Disponibilità (D.Lgs. 150/2015
//! art. 19; art. 21 for NASpI/DIS-COLL), as a guided declaration.
//!
//! Everything the wizard decides lives here, pure and tested natively:
//!
//! - the dated rules (income limits for keeping the status on a low income,
//!   minimum age, contact deadlines), read from
//!   `public/data/rules/did-income-limits.json`, embedded at build time so
//!   they work offline;
//! - the form model ([`DidForm`], serde + `Default`, saved as a draft on
//!   every change, current step included);
//! - per-step validation returning [`Issue`]s: a DOM field id and a
//!   translation key with arguments ([`Msg`]), so every language gets a
//!   precise message. Codice fiscale errors from
//!   [`crate::domain::codice_fiscale`] are mapped to keys whose Italian text
//!   is the same as that module's messages (a test checks it);
//! - the competent CPI from the domicile;
//! - the payload sent to `POST /api/v1/did`, with the names of the ANPAL
//!   `ConferimentoDID` contract where they fit (DOMAIN.md §1.2);
//! - deadlines and countdowns, the submission status and its timeline, and
//!   the receipt's QR code as an SVG string.
//!
//! Nothing here panics, whatever the input.

use super::codice_fiscale::{self as cf, BelfioreLookup, BelfioreRecord, CfError, Expected, Mismatch, NotValidReason, PersonInput, Sex};
use super::comuni::{BelfioreItem, Comune, ComuniIndex};
use super::date::{age_on, days_in_month, Date};
use super::message::{is_plausible_email, is_plausible_phone};
use super::offices::{find_office_for_comune, find_office_for_istat, Office};
use super::text::fold;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

// ================================================================ rules ==

/// The rules file, embedded so the DID works offline.
pub const RULES_JSON: &str = include_str!("../../public/data/rules/did-income-limits.json");

/// Income limits for keeping the unemployed status while working (art. 4
/// c.15-quater DL 4/2019): gross yearly income up to these amounts, in a
/// period (both ends inclusive; `to: None` = still in force).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeLimit {
    pub from: Date,
    pub to: Option<Date>,
    /// Employee or parasubordinate work, euro per year.
    pub employee_eur: u32,
    /// Self-employment, euro per year.
    pub self_employed_eur: u32,
    pub source: String,
    #[serde(default)]
    pub verified: bool,
}

impl IncomeLimit {
    pub fn covers(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|t| date <= t)
    }

    pub fn for_kind(&self, kind: WorkKind) -> u32 {
        match kind {
            WorkKind::Employee => self.employee_eur,
            WorkKind::SelfEmployed => self.self_employed_eur,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinAge {
    pub years: u32,
    pub source: String,
    #[serde(default)]
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactDeadlines {
    /// Days after the DID to contact the CPI (art. 20 c.1).
    pub did: u32,
    /// Days after the NASpI / DIS-COLL application (art. 21 c.2).
    pub naspi: u32,
    pub source: String,
    #[serde(default)]
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaxDays {
    pub days: u32,
    pub source: String,
    #[serde(default)]
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaxMonths {
    pub months: u32,
    pub source: String,
    #[serde(default)]
    pub verified: bool,
}

/// The DID rules file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DidRules {
    pub schema_version: u32,
    pub updated: Date,
    #[serde(default)]
    pub about: String,
    pub income_limits: Vec<IncomeLimit>,
    pub min_age: MinAge,
    pub contact_deadline_days: ContactDeadlines,
    pub intermittent_max_days: MaxDays,
    pub suspension_max_months: MaxMonths,
}

impl DidRules {
    /// Parse and check a rules file: schema version 1, income periods in
    /// order, each with `from <= to`, not overlapping, only the last open.
    pub fn parse(text: &str) -> Result<DidRules, String> {
        let rules: DidRules = serde_json::from_str(text).map_err(|e| format!("regole DID non leggibili: {e}"))?;
        if rules.schema_version != 1 {
            return Err(format!("regole DID: versione {} non supportata", rules.schema_version));
        }
        if rules.income_limits.is_empty() {
            return Err("regole DID: nessun limite di reddito".into());
        }
        let n = rules.income_limits.len();
        for (i, p) in rules.income_limits.iter().enumerate() {
            if p.to.is_some_and(|t| t < p.from) {
                return Err(format!("regole DID: periodo che inizia il {} finisce prima di iniziare", p.from));
            }
            if p.to.is_none() && i + 1 != n {
                return Err("regole DID: solo l'ultimo periodo può essere senza fine".into());
            }
            if let Some(next) = rules.income_limits.get(i + 1) {
                if p.to.is_none_or(|t| t >= next.from) {
                    return Err(format!("regole DID: il periodo del {} si sovrappone al successivo", p.from));
                }
            }
        }
        Ok(rules)
    }

    /// The income limits in force on `date`.
    pub fn income_limit_on(&self, date: Date) -> Option<&IncomeLimit> {
        self.income_limits.iter().find(|p| p.covers(date))
    }

    /// Days to contact the CPI.
    pub fn contact_days(&self, kind: DeadlineKind) -> u32 {
        match kind {
            DeadlineKind::Did => self.contact_deadline_days.did,
            DeadlineKind::Naspi => self.contact_deadline_days.naspi,
        }
    }
}

/// The embedded rules. An error only if the shipped file is broken (a
/// native test guards against that); the wizard then explains and stops.
pub fn rules() -> Result<&'static DidRules, &'static str> {
    static RULES: OnceLock<Result<DidRules, String>> = OnceLock::new();
    match RULES.get_or_init(|| DidRules::parse(RULES_JSON)) {
        Ok(r) => Ok(r),
        Err(e) => Err(e.as_str()),
    }
}

// ============================================================ messages ==

/// An argument of a message: literal text, or a translation key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Key(&'static str),
}

/// A translatable message: a key and its `{name}` arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg { key, args: Vec::new() }
    }

    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Msg {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    pub fn key_arg(mut self, name: &'static str, key: &'static str) -> Msg {
        self.args.push((name, Arg::Key(key)));
        self
    }

    /// Fill the template returned by `tr(key)`. Key arguments are
    /// translated with `tr` and inserted first (they may bring their own
    /// placeholders); text arguments are then filled in one pass, so a typed
    /// value such as "{name}" is never read as a placeholder.
    pub fn render(&self, tr: &dyn Fn(&str) -> String) -> String {
        let mut s = tr(self.key);
        for (name, arg) in &self.args {
            if let Arg::Key(k) = arg {
                s = s.replace(&format!("{{{name}}}"), &tr(k));
            }
        }
        let text_of = |name: &str| {
            self.args.iter().find_map(|(n, a)| match a {
                Arg::Text(t) if *n == name => Some(t.as_str()),
                _ => None,
            })
        };
        let mut out = String::with_capacity(s.len());
        let mut rest = s.as_str();
        while let Some(i) = rest.find('{') {
            out.push_str(rest.get(..i).unwrap_or_default());
            let after = rest.get(i + 1..).unwrap_or_default();
            match after.find('}') {
                Some(j) => {
                    let name = after.get(..j).unwrap_or_default();
                    match text_of(name) {
                        Some(v) => out.push_str(v),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = after.get(j + 1..).unwrap_or_default();
                }
                None => {
                    out.push_str(rest.get(i..).unwrap_or_default());
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// A problem with one field: `field` is the id of the element to focus (the
/// first radio of a group, the day box of a date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub field: &'static str,
    pub msg: Msg,
}

impl Issue {
    fn new(field: &'static str, msg: Msg) -> Issue {
        Issue { field, msg }
    }
}

// ================================================================ form ==

/// The element ids of the form's fields (also the `field` of an [`Issue`]).
pub mod fid {
    pub const NASPI: &str = "did-naspi";
    pub const NASPI_DATE: &str = "did-naspi-date";
    pub const CF: &str = "did-cf";
    pub const SURNAME: &str = "did-surname";
    pub const NAME: &str = "did-name";
    pub const SEX: &str = "did-sex";
    pub const BIRTH_DATE: &str = "did-birth-date";
    pub const BIRTH_COUNTRY: &str = "did-birth-country";
    pub const BIRTHPLACE: &str = "did-birthplace";
    pub const CITIZENSHIP: &str = "did-citizenship";
    pub const PERMIT_TYPE: &str = "did-permit-type";
    pub const PERMIT_NUMBER: &str = "did-permit-number";
    pub const PERMIT_EXPIRY: &str = "did-permit-expiry";
    pub const RES_COMUNE: &str = "did-res-comune";
    pub const RES_CAP: &str = "did-res-cap";
    pub const RES_ADDRESS: &str = "did-res-address";
    pub const DOM_SAME: &str = "did-dom-same";
    pub const DOM_COMUNE: &str = "did-dom-comune";
    pub const DOM_CAP: &str = "did-dom-cap";
    pub const DOM_ADDRESS: &str = "did-dom-address";
    pub const EMAIL: &str = "did-email";
    pub const PHONE: &str = "did-phone";
    pub const MOBILE: &str = "did-mobile";
    pub const SITUATION: &str = "did-situation";
    pub const WORK_KIND: &str = "did-work-kind";
    pub const INCOME: &str = "did-income";
    pub const NOTICE_END: &str = "did-notice-end";
    pub const INTERMITTENT_DAYS: &str = "did-intermittent-days";
    pub const CPI: &str = "did-cpi";
    pub const CPI_CONFIRM: &str = "did-cpi-confirm";
    pub const AVAILABILITY: &str = "did-availability";
    pub const DECL_NO_WORK: &str = "did-decl-no-work";
    pub const DECL_INFORMED: &str = "did-decl-informed";
    pub const DECL_NO_OTHER: &str = "did-decl-no-other";
    pub const DECL_PRIVACY: &str = "did-decl-privacy";
}

/// The steps, one topic each, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Start,
    Personal,
    Residence,
    Contacts,
    Situation,
    Cpi,
    Declarations,
    Summary,
}

pub const STEPS: [Step; 8] = [
    Step::Start,
    Step::Personal,
    Step::Residence,
    Step::Contacts,
    Step::Situation,
    Step::Cpi,
    Step::Declarations,
    Step::Summary,
];

impl Step {
    pub fn index(self) -> usize {
        STEPS.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step at `i`, clamped to the last one (a draft from a newer version
    /// cannot point outside).
    pub fn from_index(i: usize) -> Step {
        STEPS.get(i).copied().unwrap_or(Step::Summary)
    }

    pub fn next(self) -> Step {
        Step::from_index(self.index() + 1)
    }

    pub fn prev(self) -> Step {
        Step::from_index(self.index().saturating_sub(1))
    }

    /// Translation key of the step's title.
    pub fn title_key(self) -> &'static str {
        match self {
            Step::Start => "did.step.start",
            Step::Personal => "did.step.personal",
            Step::Residence => "did.step.residence",
            Step::Contacts => "did.step.contacts",
            Step::Situation => "did.step.situation",
            Step::Cpi => "did.step.cpi",
            Step::Declarations => "did.step.declarations",
            Step::Summary => "did.step.summary",
        }
    }
}

/// Sex values.
pub const SEX_VALUES: [&str; 2] = ["M", "F"];
/// Ministerial citizenship groups ([SIL-ER] codes): A02 Italian, A01 EU, A03 non-EU.
pub const CITIZENSHIP_VALUES: [&str; 3] = ["A02", "A01", "A03"];
/// Kinds of residence permit.
pub const PERMIT_TYPES: [&str; 8] = [
    "lavoro_subordinato",
    "lavoro_autonomo",
    "attesa_occupazione",
    "famiglia",
    "studio",
    "protezione",
    "lungo_periodo",
    "altro",
];
/// The long-term EU residence permit has no expiry.
pub const PERMIT_NO_EXPIRY: &str = "lungo_periodo";
pub const SITUATIONS: [&str; 4] = ["non_occupato", "basso_reddito", "preavviso", "intermittente"];
pub const WORK_KINDS: [&str; 2] = ["dipendente", "autonomo"];
pub const AVAILABILITY_VALUES: [&str; 2] = ["immediata", "l68_art8"];

/// Kind of income for the low-income limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkKind {
    /// Employee or parasubordinate.
    Employee,
    SelfEmployed,
}

impl WorkKind {
    pub fn from_value(v: &str) -> Option<WorkKind> {
        match v {
            "dipendente" => Some(WorkKind::Employee),
            "autonomo" => Some(WorkKind::SelfEmployed),
            _ => None,
        }
    }
}

/// Everything the person enters, as typed: strings and booleans only, so a
/// draft always restores exactly. `step` and `furthest` are indices in
/// [`STEPS`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DidForm {
    pub step: u8,
    pub furthest: u8,
    // before starting
    pub naspi: String,
    pub naspi_day: String,
    pub naspi_month: String,
    pub naspi_year: String,
    // personal data
    pub codice_fiscale: String,
    pub surname: String,
    pub name: String,
    pub sex: String,
    pub birth_day: String,
    pub birth_month: String,
    pub birth_year: String,
    /// "italia" or "estero".
    pub birth_country: String,
    /// What is shown in the birthplace box (the chosen label, or what is
    /// being typed).
    pub birthplace_query: String,
    /// Belfiore code of the chosen comune or state; empty while typing.
    pub birthplace_code: String,
    pub citizenship: String,
    pub permit_type: String,
    pub permit_number: String,
    pub permit_day: String,
    pub permit_month: String,
    pub permit_year: String,
    // residence and domicile
    pub res_query: String,
    pub res_istat: String,
    pub res_cap: String,
    pub res_address: String,
    pub dom_same: bool,
    pub dom_query: String,
    pub dom_istat: String,
    pub dom_cap: String,
    pub dom_address: String,
    // contacts
    pub email: String,
    pub phone: String,
    pub mobile: String,
    // current situation
    pub situation: String,
    pub work_kind: String,
    pub income: String,
    pub notice_day: String,
    pub notice_month: String,
    pub notice_year: String,
    pub intermittent_days: String,
    // CPI
    pub cpi_id: String,
    /// The domicile ISTAT code the CPI was chosen for: when the domicile
    /// changes, the choice is asked again.
    pub cpi_for: String,
    pub cpi_confirmed: bool,
    // declarations
    pub availability: String,
    pub decl_no_work: bool,
    pub decl_informed: bool,
    pub decl_no_other_did: bool,
    pub decl_privacy: bool,
}

impl Default for DidForm {
    fn default() -> Self {
        DidForm {
            step: 0,
            furthest: 0,
            naspi: String::new(),
            naspi_day: String::new(),
            naspi_month: String::new(),
            naspi_year: String::new(),
            codice_fiscale: String::new(),
            surname: String::new(),
            name: String::new(),
            sex: String::new(),
            birth_day: String::new(),
            birth_month: String::new(),
            birth_year: String::new(),
            birth_country: String::new(),
            birthplace_query: String::new(),
            birthplace_code: String::new(),
            citizenship: String::new(),
            permit_type: String::new(),
            permit_number: String::new(),
            permit_day: String::new(),
            permit_month: String::new(),
            permit_year: String::new(),
            res_query: String::new(),
            res_istat: String::new(),
            res_cap: String::new(),
            res_address: String::new(),
            // Most people live where they are resident.
            dom_same: true,
            dom_query: String::new(),
            dom_istat: String::new(),
            dom_cap: String::new(),
            dom_address: String::new(),
            email: String::new(),
            phone: String::new(),
            mobile: String::new(),
            situation: String::new(),
            work_kind: String::new(),
            income: String::new(),
            notice_day: String::new(),
            notice_month: String::new(),
            notice_year: String::new(),
            intermittent_days: String::new(),
            cpi_id: String::new(),
            cpi_for: String::new(),
            cpi_confirmed: false,
            availability: String::new(),
            decl_no_work: false,
            decl_informed: false,
            decl_no_other_did: false,
            decl_privacy: false,
        }
    }
}

impl DidForm {
    pub fn current_step(&self) -> Step {
        Step::from_index(usize::from(self.step))
    }

    /// True when nothing was entered yet (only the position may differ).
    pub fn is_blank(&self) -> bool {
        let mut a = self.clone();
        a.step = 0;
        a.furthest = 0;
        a == DidForm::default()
    }

    /// The ISTAT code of the domicile (the residence when they coincide).
    pub fn domicile_istat(&self) -> &str {
        if self.dom_same {
            &self.res_istat
        } else {
            &self.dom_istat
        }
    }

    /// The label of the domicile comune as entered.
    pub fn domicile_label(&self) -> &str {
        if self.dom_same {
            &self.res_query
        } else {
            &self.dom_query
        }
    }

    /// What identifies the domicile for the CPI choice: the ISTAT code, or
    /// the name typed when the list of comuni was not available.
    pub fn domicile_key(&self) -> String {
        let istat = self.domicile_istat().trim();
        if istat.is_empty() {
            self.domicile_label().trim().to_string()
        } else {
            istat.to_string()
        }
    }

    pub fn naspi_blocks(&self) -> bool {
        self.naspi == "si"
    }
}

/// What the checks need besides the form. Feeds are optional: when one is
/// not loaded (first visit offline), the checks that need it are skipped and
/// the CPI checks them on receipt.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// The declaration date (the device's local date).
    pub today: Date,
    pub rules: &'a DidRules,
    pub belfiore: Option<&'a dyn BelfioreLookup>,
    pub comuni: Option<&'a ComuniIndex>,
    pub offices: Option<&'a [Office]>,
}

// ======================================================== value parsers ==

/// Why a date typed as day / month / year is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateProblem {
    Missing,
    Incomplete,
    NotNumbers,
    Day,
    Month,
    Year,
    Nonexistent { day: u8, month: u8, year: i32, days: u8 },
}

fn digits_only(s: &str) -> Option<u32> {
    let t = s.trim();
    if t.is_empty() || t.len() > 9 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// A date from three boxes. The year must have 4 digits.
pub fn parse_date_parts(day: &str, month: &str, year: &str) -> Result<Date, DateProblem> {
    let parts = [day.trim(), month.trim(), year.trim()];
    let filled = parts.iter().filter(|p| !p.is_empty()).count();
    if filled == 0 {
        return Err(DateProblem::Missing);
    }
    if filled < 3 {
        return Err(DateProblem::Incomplete);
    }
    let (Some(d), Some(m), Some(y)) = (digits_only(day), digits_only(month), digits_only(year)) else {
        return Err(DateProblem::NotNumbers);
    };
    if !(1..=12).contains(&m) {
        return Err(DateProblem::Month);
    }
    if year.trim().len() != 4 || y < 1000 {
        return Err(DateProblem::Year);
    }
    if !(1..=31).contains(&d) {
        return Err(DateProblem::Day);
    }
    let (d8, m8) = (u8::try_from(d).unwrap_or(0), u8::try_from(m).unwrap_or(0));
    let y32 = i32::try_from(y).unwrap_or(0);
    Date::new(y32, m8, d8).ok_or(DateProblem::Nonexistent { day: d8, month: m8, year: y32, days: days_in_month(y32, m8) })
}

/// Translation key of a month name (lower case), 1 = January.
pub fn month_key(month: u8) -> &'static str {
    match month {
        1 => "did.month.1",
        2 => "did.month.2",
        3 => "did.month.3",
        4 => "did.month.4",
        5 => "did.month.5",
        6 => "did.month.6",
        7 => "did.month.7",
        8 => "did.month.8",
        9 => "did.month.9",
        10 => "did.month.10",
        11 => "did.month.11",
        _ => "did.month.12",
    }
}

/// The issue for a date problem; `what` is the key of the date's name with
/// its article ("la data di nascita").
fn date_issue(field: &'static str, what: &'static str, p: &DateProblem) -> Issue {
    let msg = match p {
        DateProblem::Missing => Msg::new("did.err.date_missing"),
        DateProblem::Incomplete => Msg::new("did.err.date_incomplete"),
        DateProblem::NotNumbers => Msg::new("did.err.date_not_numbers"),
        DateProblem::Day => Msg::new("did.err.date_day"),
        DateProblem::Month => Msg::new("did.err.date_month"),
        DateProblem::Year => Msg::new("did.err.date_year"),
        DateProblem::Nonexistent { day, month, year, days } => Msg::new("did.err.date_nonexistent")
            .text("date", format!("{day:02}/{month:02}/{year:04}"))
            .key_arg("month_name", month_key(*month))
            .text("year", year.to_string())
            .text("days", days.to_string()),
    };
    Issue::new(field, msg.key_arg("what", what))
}

/// Euro amount typed the Italian way ("8.500", "8500", "8.500,50 €",
/// "8500.50"), in cents. `None` if it is not an amount.
pub fn parse_euro_cents(input: &str) -> Option<u64> {
    let mut s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    for suffix in ["€", "EUR", "eur", "Eur", "euro", "Euro"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_string();
        }
        if let Some(rest) = s.strip_prefix(suffix) {
            s = rest.to_string();
        }
    }
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let (int_part, dec_part) = if let Some((i, d)) = s.rsplit_once(',') {
        // comma = decimal separator; dots are thousands separators
        (i.to_string(), d.to_string())
    } else if let Some((i, d)) = s.rsplit_once('.') {
        if d.len() == 3 {
            (s.clone(), String::new()) // "8.500": thousands
        } else {
            (i.to_string(), d.to_string())
        }
    } else {
        (s.clone(), String::new())
    };
    if dec_part.contains('.') || dec_part.contains(',') || dec_part.len() > 2 {
        return None;
    }
    // thousands groups: "8.500.000" is fine, "85.00.0" is not
    if int_part.contains('.') {
        let mut groups = int_part.split('.');
        let first = groups.next().unwrap_or_default();
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let int_digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    if int_digits.is_empty() || int_digits.len() > 12 || int_part.contains(',') {
        return None;
    }
    let euros: u64 = int_digits.parse().ok()?;
    let cents: u64 = match dec_part.len() {
        0 => 0,
        1 => dec_part.parse::<u64>().ok()? * 10,
        _ => dec_part.parse::<u64>().ok()?,
    };
    euros.checked_mul(100)?.checked_add(cents)
}

/// "8.500 €", "8.500,50 €".
pub fn format_eur_cents(cents: u64) -> String {
    let euros = cents / 100;
    let rest = cents % 100;
    let digits = euros.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if rest != 0 {
        out.push_str(&format!(",{rest:02}"));
    }
    out.push_str(" €");
    out
}

pub fn format_eur(euros: u32) -> String {
    format_eur_cents(u64::from(euros) * 100)
}

/// Postal code: five digits.
pub fn is_cap(s: &str) -> bool {
    let t = s.trim();
    t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit())
}

/// "40121, 40122" or, for many, "da 40121 a 40141" (as a message).
fn caps_msg(caps: &[String]) -> Msg {
    let mut sorted: Vec<&String> = caps.iter().collect();
    sorted.sort();
    match (sorted.first(), sorted.last()) {
        (Some(a), Some(b)) if sorted.len() > 4 => Msg::new("did.err.cap_range").text("from", a.as_str()).text("to", b.as_str()),
        _ => Msg::new("did.err.cap_list").text("list", sorted.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")),
    }
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

// ================================================= codice fiscale issues ==

fn show_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// The message of a codice fiscale error, as a translation key. The
/// Italian texts equal the `Display` of [`CfError`] (tested).
pub fn cf_msg(e: &CfError) -> Msg {
    match e {
        CfError::Empty => Msg::new("did.err.cf_empty"),
        CfError::WrongLength { found } => Msg::new("did.err.cf_length").text("found", found.to_string()),
        CfError::InvalidCharacter { position, found, expected } => {
            let key = match expected {
                Expected::Letter => "did.err.cf_char_letter",
                Expected::Digit => "did.err.cf_char_digit",
                Expected::DigitOrOmocodeLetter => "did.err.cf_char_digit_or_letter",
                Expected::MonthLetter => "did.err.cf_char_month",
            };
            Msg::new(key).text("found", show_char(*found)).text("position", position.to_string())
        }
        CfError::InvalidDay { encoded } => Msg::new("did.err.cf_day").text("encoded", format!("{encoded:02}")),
        CfError::NonexistentDate { day, month, year } => {
            Msg::new("did.err.cf_date").text("date", format!("{day:02}/{month:02}/{year:04}"))
        }
        CfError::BirthDateInFuture { date } => Msg::new("did.err.cf_future").text("date", date.format_it()),
        CfError::WrongCheckCharacter { expected, .. } => Msg::new("did.err.cf_check").text("expected", expected.to_string()),
        CfError::WrongProvisionalCheckDigit { expected, .. } => {
            Msg::new("did.err.cf_provisional_check").text("expected", expected.to_string())
        }
        CfError::UnknownBelfiore { code } => Msg::new("did.err.cf_place_unknown").text("code", code.as_str()),
        CfError::BelfioreNotValidOnDate { code, name, foreign, birth_date, reason } => {
            let (key, dates): (&'static str, Vec<(&'static str, String)>) = match (reason, foreign) {
                (NotValidReason::NotYetCreated { created }, false) => {
                    ("did.err.cf_place_not_yet_comune", vec![("created", created.format_it())])
                }
                (NotValidReason::NotYetCreated { created }, true) => {
                    ("did.err.cf_place_not_yet_state", vec![("created", created.format_it())])
                }
                (NotValidReason::Ceased { last_valid }, false) => {
                    ("did.err.cf_place_ceased_comune", vec![("last", last_valid.format_it())])
                }
                (NotValidReason::Ceased { last_valid }, true) => {
                    ("did.err.cf_place_ceased_state", vec![("last", last_valid.format_it())])
                }
                (NotValidReason::Suspended { last_valid, recreated }, false) => (
                    "did.err.cf_place_suspended_comune",
                    vec![("last", last_valid.format_it()), ("recreated", recreated.format_it())],
                ),
                (NotValidReason::Suspended { last_valid, recreated }, true) => (
                    "did.err.cf_place_suspended_state",
                    vec![("last", last_valid.format_it()), ("recreated", recreated.format_it())],
                ),
            };
            let mut m = Msg::new(key).text("code", code.as_str()).text("name", name.as_str()).text("birth", birth_date.format_it());
            for (n, v) in dates {
                m = m.text(n, v);
            }
            m
        }
    }
}

fn sex_word_key(s: Sex) -> &'static str {
    match s {
        Sex::M => "did.sex_word.m",
        Sex::F => "did.sex_word.f",
    }
}

/// A disagreement between the code and the entered data, on the entered
/// field. `entered_place` is the label of the chosen birthplace.
fn mismatch_issue(m: &Mismatch, entered_place: &str) -> Issue {
    match m {
        Mismatch::Surname { entered, expected, in_code } => Issue::new(
            fid::SURNAME,
            Msg::new("did.err.mismatch_surname")
                .text("in_code", in_code.as_str())
                .text("entered", entered.as_str())
                .text("expected", expected.as_str()),
        ),
        Mismatch::Name { entered, expected, in_code } => Issue::new(
            fid::NAME,
            Msg::new("did.err.mismatch_name")
                .text("in_code", in_code.as_str())
                .text("entered", entered.as_str())
                .text("expected", expected.as_str()),
        ),
        Mismatch::Sex { in_code, entered } => Issue::new(
            fid::SEX,
            Msg::new("did.err.mismatch_sex").key_arg("in_code", sex_word_key(*in_code)).key_arg("entered", sex_word_key(*entered)),
        ),
        Mismatch::BirthDate { in_code, entered } => Issue::new(
            fid::BIRTH_DATE,
            Msg::new("did.err.mismatch_birth_date").text("in_code", in_code.format_it()).text("entered", entered.format_it()),
        ),
        Mismatch::Birthplace { in_code, in_code_name, entered } => {
            let shown = if entered_place.trim().is_empty() { entered.clone() } else { entered_place.trim().to_string() };
            let msg = match in_code_name {
                Some(name) => Msg::new("did.err.mismatch_birthplace_named").text("name", name.as_str()),
                None => Msg::new("did.err.mismatch_birthplace"),
            };
            Issue::new(fid::BIRTHPLACE, msg.text("in_code", in_code.as_str()).text("entered", shown))
        }
    }
}

/// The birthplace record for `code` on `birth`, accepting a comune created
/// after the birth (the Agenzia delle Entrate issued such codes to people
/// born before the codice fiscale existed; see `codice_fiscale::validate`).
fn birthplace_check(code: &str, birth: Date, lookup: &dyn BelfioreLookup) -> Result<Option<BelfioreRecord>, CfError> {
    match cf::check_birthplace(code, birth, lookup) {
        Ok(r) => Ok(Some(r)),
        Err(CfError::BelfioreNotValidOnDate { reason: NotValidReason::NotYetCreated { .. }, .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Validate the codice fiscale alone (format, check character, birth date,
/// birthplace code on the birth date when the Belfiore data is there).
pub fn check_cf(input: &str, ctx: &Ctx) -> Result<cf::CodiceFiscale, CfError> {
    let mut code = cf::validate_format(input, ctx.today)?;
    if let (cf::CfKind::Personal(d), Some(lookup)) = (&mut code.kind, ctx.belfiore) {
        d.birthplace = birthplace_check(&d.belfiore, d.birth_date, lookup)?;
    }
    Ok(code)
}

// ========================================================== validation ==

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

/// The first step with a problem, if any (where to send the person back).
pub fn first_invalid_step(form: &DidForm, ctx: &Ctx) -> Option<Step> {
    STEPS.iter().copied().find(|&s| !validate_step(s, form, ctx).is_empty())
}

fn validate_start(form: &DidForm, ctx: &Ctx, out: &mut Vec<Issue>) {
    match form.naspi.as_str() {
        "" => out.push(Issue::new(fid::NASPI, Msg::new("did.err.naspi_required"))),
        "si" => {
            out.push(Issue::new(fid::NASPI, Msg::new("did.err.naspi_blocked")));
            match parse_date_parts(&form.naspi_day, &form.naspi_month, &form.naspi_year) {
                Err(DateProblem::Missing) => {}
                Err(p) => out.push(date_issue(fid::NASPI_DATE, "did.what.naspi_date", &p)),
                Ok(d) if d > ctx.today => out.push(Issue::new(fid::NASPI_DATE, Msg::new("did.err.naspi_date_future"))),
                Ok(_) => {}
            }
        }
        "no" => {}
        _ => out.push(Issue::new(fid::NASPI, Msg::new("did.err.naspi_required"))),
    }
}

/// The birth date as entered, if it is a real date.
pub fn birth_date(form: &DidForm) -> Option<Date> {
    parse_date_parts(&form.birth_day, &form.birth_month, &form.birth_year).ok()
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
        out.push(Issue::new(fid::SURNAME, Msg::new("did.err.surname_required")));
    } else if !surname_ok {
        out.push(Issue::new(fid::SURNAME, Msg::new("did.err.surname_letters")));
    }
    let name_ok = has_letter(&form.name);
    if form.name.trim().is_empty() {
        out.push(Issue::new(fid::NAME, Msg::new("did.err.name_required")));
    } else if !name_ok {
        out.push(Issue::new(fid::NAME, Msg::new("did.err.name_letters")));
    }
    let sex = match form.sex.as_str() {
        "M" => Some(Sex::M),
        "F" => Some(Sex::F),
        _ => {
            out.push(Issue::new(fid::SEX, Msg::new("did.err.sex_required")));
            None
        }
    };
    let birth = match parse_date_parts(&form.birth_day, &form.birth_month, &form.birth_year) {
        Ok(d) if d > ctx.today => {
            out.push(Issue::new(fid::BIRTH_DATE, Msg::new("did.err.birth_future")));
            None
        }
        Ok(d) => {
            let age = age_on(d, ctx.today);
            let min = ctx.rules.min_age.years;
            if age > 120 {
                out.push(Issue::new(fid::BIRTH_DATE, Msg::new("did.err.birth_too_old").text("year", d.year.to_string())));
            } else if i64::from(age) < i64::from(min) {
                out.push(Issue::new(
                    fid::BIRTH_DATE,
                    Msg::new("did.err.age_under").text("min", min.to_string()).text("age", age.to_string()),
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
    match form.birth_country.as_str() {
        "italia" | "estero" => {
            if form.birthplace_code.trim().is_empty() && !form.birthplace_query.trim().is_empty() && ctx.belfiore.is_none() {
                // The list of places is not available (first visit offline):
                // the name as typed is accepted and the CPI checks it.
            } else if form.birthplace_code.trim().is_empty() {
                let key = match (form.birthplace_query.trim().is_empty(), form.birth_country.as_str()) {
                    (true, "italia") => "did.err.birthplace_comune_required",
                    (true, _) => "did.err.birthplace_state_required",
                    (false, "italia") => "did.err.place_choose",
                    (false, _) => "did.err.state_choose",
                };
                out.push(Issue::new(fid::BIRTHPLACE, Msg::new(key)));
            } else {
                let code = cf::normalize(&form.birthplace_code);
                let abroad = code.starts_with('Z');
                if abroad != (form.birth_country == "estero") {
                    let key = if abroad { "did.err.place_choose" } else { "did.err.state_choose" };
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
        _ => out.push(Issue::new(fid::BIRTH_COUNTRY, Msg::new("did.err.birth_country_required"))),
    }
    // The code against the data.
    if let Some(d) = code.as_ref().and_then(|c| c.decoded()) {
        let input = PersonInput {
            surname: if surname_ok { form.surname.clone() } else { String::new() },
            name: if name_ok { form.name.clone() } else { String::new() },
            sex,
            birth_date: birth,
            birthplace_code: place_ok.then(|| form.birthplace_code.clone()),
        };
        for m in cf::check_consistency(d, &input) {
            out.push(mismatch_issue(&m, &form.birthplace_query));
        }
    }
    // Citizenship and residence permit.
    match form.citizenship.as_str() {
        "A01" | "A02" => {}
        "A03" => validate_permit(form, ctx, out),
        _ => out.push(Issue::new(fid::CITIZENSHIP, Msg::new("did.err.citizenship_required"))),
    }
}

fn validate_permit(form: &DidForm, ctx: &Ctx, out: &mut Vec<Issue>) {
    if !PERMIT_TYPES.contains(&form.permit_type.as_str()) {
        out.push(Issue::new(fid::PERMIT_TYPE, Msg::new("did.err.permit_type_required")));
    }
    let number: String = form.permit_number.chars().filter(|c| !c.is_whitespace()).collect();
    if number.is_empty() {
        out.push(Issue::new(fid::PERMIT_NUMBER, Msg::new("did.err.permit_number_required")));
    } else if !(5..=20).contains(&number.chars().count()) || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
        out.push(Issue::new(fid::PERMIT_NUMBER, Msg::new("did.err.permit_number_invalid")));
    }
    let no_expiry = form.permit_type == PERMIT_NO_EXPIRY;
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
            Msg::new("did.err.cap_length").text("cap", cap).text("count", digits.to_string())
        } else {
            Msg::new("did.err.cap_not_digits").text("cap", cap)
        };
        out.push(Issue::new(id_cap, msg));
    } else if let Some(c) = comune {
        if !c.cap.is_empty() && !c.cap.iter().any(|x| x == cap) {
            let msg = Msg::new("did.err.cap_mismatch").text("cap", cap).text("comune", c.label());
            out.push(Issue::new(id_cap, with_nested(msg, "caps", caps_msg(&c.cap))));
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
            required_keys: ("did.err.res_comune_required", "did.err.res_cap_required", "did.err.res_address_required"),
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
                required_keys: ("did.err.dom_comune_required", "did.err.dom_cap_required", "did.err.dom_address_required"),
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

/// The yearly income entered, in cents, when it parses.
pub fn income_cents(form: &DidForm) -> Option<u64> {
    parse_euro_cents(&form.income)
}

fn validate_situation(form: &DidForm, ctx: &Ctx, out: &mut Vec<Issue>) {
    match form.situation.as_str() {
        "non_occupato" => {}
        "basso_reddito" => {
            let kind = WorkKind::from_value(&form.work_kind);
            if kind.is_none() {
                out.push(Issue::new(fid::WORK_KIND, Msg::new("did.err.work_kind_required")));
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
        "preavviso" => match parse_date_parts(&form.notice_day, &form.notice_month, &form.notice_year) {
            Err(p) => out.push(date_issue(fid::NOTICE_END, "did.what.notice_end", &p)),
            Ok(d) if d < ctx.today => {
                out.push(Issue::new(fid::NOTICE_END, Msg::new("did.err.notice_past").text("date", d.format_it())))
            }
            Ok(d) if ctx.today.days_until(d) > 366 => {
                out.push(Issue::new(fid::NOTICE_END, Msg::new("did.err.notice_far").text("date", d.format_it())))
            }
            Ok(_) => {}
        },
        "intermittente" => {
            let max = ctx.rules.intermittent_max_days.days;
            let t = form.intermittent_days.trim();
            if t.is_empty() {
                out.push(Issue::new(fid::INTERMITTENT_DAYS, Msg::new("did.err.days_required")));
            } else {
                match digits_only(t) {
                    Some(n) if n <= 366 => {
                        if n >= max {
                            out.push(Issue::new(
                                fid::INTERMITTENT_DAYS,
                                Msg::new("did.err.days_over").text("days", n.to_string()).text("max", max.to_string()),
                            ));
                        }
                    }
                    _ => out.push(Issue::new(fid::INTERMITTENT_DAYS, Msg::new("did.err.days_invalid"))),
                }
            }
        }
        _ => out.push(Issue::new(fid::SITUATION, Msg::new("did.err.situation_required"))),
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
        out.push(Issue::new(fid::CPI_CONFIRM, Msg::new("did.err.cpi_confirm")));
    }
}

fn validate_declarations(form: &DidForm, out: &mut Vec<Issue>) {
    if !AVAILABILITY_VALUES.contains(&form.availability.as_str()) {
        out.push(Issue::new(fid::AVAILABILITY, Msg::new("did.err.availability_required")));
    }
    if !form.decl_no_work {
        out.push(Issue::new(fid::DECL_NO_WORK, Msg::new("did.err.decl_no_work")));
    }
    if !form.decl_informed {
        out.push(Issue::new(fid::DECL_INFORMED, Msg::new("did.err.decl_informed")));
    }
    if !form.decl_no_other_did {
        out.push(Issue::new(fid::DECL_NO_OTHER, Msg::new("did.err.decl_no_other")));
    }
    if !form.decl_privacy {
        out.push(Issue::new(fid::DECL_PRIVACY, Msg::new("did.err.decl_privacy")));
    }
}

// ================================================================= CPI ==

/// The office competent for the domicile (the residence when they
/// coincide): by ISTAT code, else by name.
pub fn competent_office<'a>(form: &DidForm, comuni: Option<&ComuniIndex>, offices: &'a [Office]) -> Option<&'a Office> {
    let istat = form.domicile_istat().trim();
    if istat.is_empty() {
        // Typed without the list of comuni: match the name.
        return find_office_for_comune(offices, form.domicile_label());
    }
    if let Some(o) = find_office_for_istat(offices, istat) {
        return Some(o);
    }
    let name = comuni
        .and_then(|c| c.by_istat(istat))
        .map(|c| c.name.clone())
        .unwrap_or_else(|| form.domicile_label().to_string());
    find_office_for_comune(offices, &name)
}

/// Keep the CPI choice in step with the domicile: when the domicile changed
/// since the CPI was chosen (or nothing was chosen), propose the competent
/// office again and ask for a new confirmation. Returns true if it changed
/// the form.
pub fn sync_cpi(form: &mut DidForm, comuni: Option<&ComuniIndex>, offices: &[Office]) -> bool {
    let istat = form.domicile_key();
    if !form.cpi_id.is_empty() && form.cpi_for == istat {
        return false;
    }
    let proposed = competent_office(form, comuni, offices).map(|o| o.id.clone()).unwrap_or_default();
    let changed = form.cpi_id != proposed || form.cpi_for != istat || form.cpi_confirmed;
    form.cpi_id = proposed;
    form.cpi_for = istat;
    form.cpi_confirmed = false;
    changed
}

// ====================================================== place pickers ==

/// One choice of a place picker.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceOption {
    /// Belfiore code (birthplace) or ISTAT code (residence).
    pub code: String,
    pub label: String,
}

/// The birthplaces (historic comuni and foreign states) for the picker.
#[derive(Clone, Debug, Default)]
pub struct BirthplaceIndex {
    entries: Vec<(String, BelfioreRecord)>,
}

impl BirthplaceIndex {
    pub fn new<'a>(items: impl IntoIterator<Item = &'a BelfioreItem>) -> Self {
        let mut entries: Vec<(String, BelfioreRecord)> = items
            .into_iter()
            .map(|i| {
                let r = BelfioreRecord::from(i.clone());
                (fold(&r.name), r)
            })
            .filter(|(f, _)| !f.is_empty())
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        BirthplaceIndex { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Comuni (`abroad == false`) or foreign states whose name or one of its
    /// words starts with `query`, best first: the exact name, then name
    /// prefix, then word prefix; periods covering `birth` first, then those
    /// still in force. At most `limit`, one per code and name.
    pub fn suggest(&self, query: &str, abroad: bool, birth: Option<Date>, limit: usize) -> Vec<PlaceOption> {
        let q = fold(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let q_compact: String = q.split(' ').collect();
        let mut hits: Vec<(u8, u8, usize, &str, &BelfioreRecord)> = Vec::new();
        for (name, r) in &self.entries {
            if r.foreign != abroad {
                continue;
            }
            let compact: String = name.split(' ').collect();
            let rank = if compact == q_compact {
                0
            } else if compact.starts_with(&q_compact) {
                1
            } else if name.split(' ').skip(1).any(|w| w.starts_with(&q)) || name.contains(&format!(" {q}")) {
                2
            } else {
                continue;
            };
            let era = match birth {
                Some(b) if r.covers(b) => 0,
                _ if r.valid_to.is_none() => 1,
                _ => 2,
            };
            hits.push((rank, era, name.len(), name.as_str(), r));
        }
        hits.sort_by(|a, b| (a.0, a.1, a.2, a.3).cmp(&(b.0, b.1, b.2, b.3)));
        let mut out: Vec<PlaceOption> = Vec::new();
        for (_, _, _, _, r) in hits {
            let label = birthplace_label(r);
            if out.iter().any(|o| o.code == r.code && o.label == label) {
                continue;
            }
            out.push(PlaceOption { code: r.code.clone(), label });
            if out.len() >= limit {
                break;
            }
        }
        out
    }
}

/// "Abano Terme (PD)", "Bazzano (BO) – fino al 2013", "Francia".
pub fn birthplace_label(r: &BelfioreRecord) -> String {
    let mut s = r.name.clone();
    if let Some(p) = r.province.as_deref().filter(|p| !p.is_empty()) {
        s.push_str(&format!(" ({p})"));
    }
    if let Some(t) = r.valid_to {
        s.push_str(&format!(" – fino al {}", t.year));
    }
    s
}

/// Comuni for the residence and domicile pickers.
pub fn suggest_comuni(idx: &ComuniIndex, query: &str, limit: usize) -> Vec<PlaceOption> {
    idx.suggest(query, limit).into_iter().map(|c| PlaceOption { code: c.istat.clone(), label: c.label() }).collect()
}

// ============================================================= payload ==

/// `InformazioniDID` of the ANPAL contract.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InformazioniDid {
    pub codice_fiscale: String,
    /// "I" = inserimento.
    pub tipo_evento: String,
    pub data_evento: Option<Date>,
    pub data_did: Option<Date>,
    /// The CPI chosen or competent.
    pub codice_ente_promotore: String,
    /// "WEB".
    pub applicazione: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LuogoNascita {
    pub codice_belfiore: String,
    pub descrizione: String,
    pub estero: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PermessoSoggiorno {
    pub tipo: String,
    pub numero: String,
    pub scadenza: Option<Date>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Anagrafica {
    pub cognome: String,
    pub nome: String,
    /// "M" / "F" (ANPAL `Genere`).
    pub genere: String,
    pub data_nascita: Option<Date>,
    pub luogo_nascita: LuogoNascita,
    /// A01 EU, A02 Italian, A03 non-EU (ANPAL `Cittadinanza` group).
    pub cittadinanza: String,
    pub permesso_soggiorno: Option<PermessoSoggiorno>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Indirizzo {
    pub comune_istat: String,
    pub comune: String,
    pub provincia: String,
    pub cap: String,
    pub indirizzo: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Recapiti {
    pub email: String,
    pub telefono: String,
    pub cellulare: String,
}

/// The part of `VariabiliDiProfiling` the citizen's answers give.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VariabiliDiProfiling {
    pub eta: i32,
    pub genere: String,
    pub cittadinanza: String,
    pub provincia_di_residenza: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Condizione {
    /// non_occupato | basso_reddito | preavviso | intermittente
    pub situazione: String,
    pub tipo_reddito: Option<String>,
    pub reddito_annuo_eur: Option<f64>,
    pub limite_reddito_eur: Option<u32>,
    pub fonte_limite: Option<String>,
    pub fine_rapporto: Option<Date>,
    pub giornate_lavorate: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dichiarazioni {
    /// "immediata" or "l68_art8".
    pub disponibilita: String,
    pub nessun_rapporto_di_lavoro: bool,
    pub informato_sospensione_decadenza: bool,
    pub nessuna_did_altro_cpi: bool,
    pub informativa_privacy: bool,
}

/// The body of `POST /api/v1/did`. Top-level `codice_fiscale`, `cpi_id` and
/// `comune_istat` are what the API documents; the blocks follow the ANPAL
/// `ConferimentoDID` names (DOMAIN.md §1.2). Every field has a default so
/// a stored receipt always reads back.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DidPayload {
    pub codice_fiscale: String,
    pub cpi_id: String,
    pub cpi_nome: String,
    /// ISTAT code of the domicile.
    pub comune_istat: String,
    pub informazioni_did: InformazioniDid,
    pub anagrafica: Anagrafica,
    pub residenza: Indirizzo,
    pub domicilio: Indirizzo,
    pub recapiti: Recapiti,
    pub variabili_di_profiling: VariabiliDiProfiling,
    pub condizione: Condizione,
    pub dichiarazioni: Dichiarazioni,
    /// Last day to contact the CPI (art. 20 c.1).
    pub scadenza_contatto_cpi: Option<Date>,
}

fn address_of(istat: &str, query: &str, cap: &str, address: &str, comuni: Option<&ComuniIndex>) -> Indirizzo {
    let c = comuni.and_then(|i| i.by_istat(istat));
    Indirizzo {
        comune_istat: istat.trim().to_string(),
        comune: c.map(|c| c.name.clone()).unwrap_or_else(|| query.split(" (").next().unwrap_or(query).trim().to_string()),
        provincia: c.map(|c| c.province.clone()).unwrap_or_else(|| {
            // "Bologna (BO)" → "BO"
            query.rsplit_once('(').and_then(|(_, p)| p.strip_suffix(')')).unwrap_or_default().trim().to_string()
        }),
        cap: cap.trim().to_string(),
        indirizzo: address.trim().to_string(),
    }
}

/// Build the submission after checking every step. `cpi_name` is the name
/// of the chosen office, for the receipt.
pub fn build_payload(form: &DidForm, ctx: &Ctx, cpi_name: &str) -> Result<DidPayload, Vec<(Step, Issue)>> {
    let issues = validate_all(form, ctx);
    if !issues.is_empty() {
        return Err(issues);
    }
    let fail = |step: Step, field: &'static str| vec![(step, Issue::new(field, Msg::new("did.err.generic")))];
    let code = check_cf(&form.codice_fiscale, ctx).map_err(|e| vec![(Step::Personal, Issue::new(fid::CF, cf_msg(&e)))])?;
    let birth = birth_date(form).ok_or_else(|| fail(Step::Personal, fid::BIRTH_DATE))?;
    let today = ctx.today;
    let residenza = address_of(&form.res_istat, &form.res_query, &form.res_cap, &form.res_address, ctx.comuni);
    let domicilio = if form.dom_same {
        residenza.clone()
    } else {
        address_of(&form.dom_istat, &form.dom_query, &form.dom_cap, &form.dom_address, ctx.comuni)
    };
    let permesso = (form.citizenship == "A03").then(|| PermessoSoggiorno {
        tipo: form.permit_type.clone(),
        numero: form.permit_number.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase(),
        scadenza: parse_date_parts(&form.permit_day, &form.permit_month, &form.permit_year).ok(),
    });
    let mut condizione = Condizione { situazione: form.situation.clone(), ..Default::default() };
    match form.situation.as_str() {
        "basso_reddito" => {
            let limit = ctx.rules.income_limit_on(today);
            let kind = WorkKind::from_value(&form.work_kind);
            condizione.tipo_reddito = Some(form.work_kind.clone());
            condizione.reddito_annuo_eur = income_cents(form).map(|c| c as f64 / 100.0);
            condizione.limite_reddito_eur = match (limit, kind) {
                (Some(l), Some(k)) => Some(l.for_kind(k)),
                _ => None,
            };
            condizione.fonte_limite = limit.map(|l| l.source.clone());
        }
        "preavviso" => condizione.fine_rapporto = parse_date_parts(&form.notice_day, &form.notice_month, &form.notice_year).ok(),
        "intermittente" => condizione.giornate_lavorate = digits_only(&form.intermittent_days),
        _ => {}
    }
    let place_record = ctx.belfiore.and_then(|l| l.records(&form.birthplace_code).into_iter().find(|r| r.covers(birth)));
    let luogo = LuogoNascita {
        codice_belfiore: cf::normalize(&form.birthplace_code),
        descrizione: place_record
            .map(|r| birthplace_label(&r))
            .unwrap_or_else(|| form.birthplace_query.trim().to_string()),
        estero: form.birth_country == "estero",
    };
    Ok(DidPayload {
        codice_fiscale: code.code.clone(),
        cpi_id: form.cpi_id.clone(),
        cpi_nome: cpi_name.to_string(),
        comune_istat: domicilio.comune_istat.clone(),
        informazioni_did: InformazioniDid {
            codice_fiscale: code.code.clone(),
            tipo_evento: "I".into(),
            data_evento: Some(today),
            data_did: Some(today),
            codice_ente_promotore: form.cpi_id.clone(),
            applicazione: "WEB".into(),
        },
        anagrafica: Anagrafica {
            cognome: form.surname.trim().to_string(),
            nome: form.name.trim().to_string(),
            genere: form.sex.clone(),
            data_nascita: Some(birth),
            luogo_nascita: luogo,
            cittadinanza: form.citizenship.clone(),
            permesso_soggiorno: permesso,
        },
        variabili_di_profiling: VariabiliDiProfiling {
            eta: age_on(birth, today),
            genere: form.sex.clone(),
            cittadinanza: form.citizenship.clone(),
            provincia_di_residenza: residenza.provincia.clone(),
        },
        residenza,
        domicilio,
        recapiti: Recapiti {
            email: form.email.trim().to_string(),
            telefono: form.phone.trim().to_string(),
            cellulare: form.mobile.trim().to_string(),
        },
        condizione,
        dichiarazioni: Dichiarazioni {
            disponibilita: form.availability.clone(),
            nessun_rapporto_di_lavoro: form.decl_no_work,
            informato_sospensione_decadenza: form.decl_informed,
            nessuna_did_altro_cpi: form.decl_no_other_did,
            informativa_privacy: form.decl_privacy,
        },
        scadenza_contatto_cpi: Some(contact_deadline(ctx.rules, DeadlineKind::Did, today)),
    })
}

/// Outbox title: "DID online – RSSMRA80A01H501U".
pub fn outbox_title(p: &DidPayload) -> String {
    format!("DID online – {}", p.codice_fiscale)
}

// ========================================================= summaries ==

/// A value to show: literal text or a translation key.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Text(String),
    Key(&'static str),
    Msg(Msg),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: &'static str,
    pub value: Val,
}

/// A group of rows, with the step where they are entered.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub step: Step,
    pub rows: Vec<Row>,
}

fn row(label: &'static str, value: Val) -> Row {
    Row { label, value }
}

fn text(s: &str) -> Val {
    Val::Text(s.to_string())
}

fn date_val(d: Option<Date>) -> Val {
    Val::Text(d.map(Date::format_it).unwrap_or_default())
}

pub fn sex_key(v: &str) -> &'static str {
    match v {
        "M" => "did.sex.m",
        "F" => "did.sex.f",
        _ => "did.value.none",
    }
}

pub fn citizenship_key(v: &str) -> &'static str {
    match v {
        "A01" => "did.citizenship.a01",
        "A02" => "did.citizenship.a02",
        "A03" => "did.citizenship.a03",
        _ => "did.value.none",
    }
}

pub fn permit_key(v: &str) -> &'static str {
    match v {
        "lavoro_subordinato" => "did.permit.lavoro_subordinato",
        "lavoro_autonomo" => "did.permit.lavoro_autonomo",
        "attesa_occupazione" => "did.permit.attesa_occupazione",
        "famiglia" => "did.permit.famiglia",
        "studio" => "did.permit.studio",
        "protezione" => "did.permit.protezione",
        "lungo_periodo" => "did.permit.lungo_periodo",
        "altro" => "did.permit.altro",
        _ => "did.value.none",
    }
}

pub fn situation_key(v: &str) -> &'static str {
    match v {
        "non_occupato" => "did.situation.non_occupato",
        "basso_reddito" => "did.situation.basso_reddito",
        "preavviso" => "did.situation.preavviso",
        "intermittente" => "did.situation.intermittente",
        _ => "did.value.none",
    }
}

pub fn work_kind_key(v: &str) -> &'static str {
    match v {
        "dipendente" => "did.work_kind.dipendente",
        "autonomo" => "did.work_kind.autonomo",
        _ => "did.value.none",
    }
}

pub fn availability_key(v: &str) -> &'static str {
    match v {
        "immediata" => "did.availability.immediata",
        "l68_art8" => "did.availability.l68_art8",
        _ => "did.value.none",
    }
}

fn address_val(a: &Indirizzo) -> Val {
    let place = if a.provincia.is_empty() { a.comune.clone() } else { format!("{} ({})", a.comune, a.provincia) };
    Val::Text(format!("{}, {} {}", a.indirizzo, a.cap, place))
}

fn yes(b: bool) -> Val {
    Val::Key(if b { "did.value.yes" } else { "did.value.no" })
}

/// What was (or will be) declared, grouped by step: for the summary and the
/// receipt.
pub fn sections(p: &DidPayload) -> Vec<Section> {
    let a = &p.anagrafica;
    let mut personal = vec![
        row("did.label.cf", text(&p.codice_fiscale)),
        row("did.label.surname", text(&a.cognome)),
        row("did.label.name", text(&a.nome)),
        row("did.label.sex", Val::Key(sex_key(&a.genere))),
        row("did.label.birth_date", date_val(a.data_nascita)),
        row("did.label.birthplace", text(&a.luogo_nascita.descrizione)),
        row("did.label.citizenship", Val::Key(citizenship_key(&a.cittadinanza))),
    ];
    if let Some(ps) = &a.permesso_soggiorno {
        personal.push(row("did.label.permit_type", Val::Key(permit_key(&ps.tipo))));
        personal.push(row("did.label.permit_number", text(&ps.numero)));
        personal.push(row(
            "did.label.permit_expiry",
            match ps.scadenza {
                Some(d) => Val::Text(d.format_it()),
                None => Val::Key("did.value.no_expiry"),
            },
        ));
    }
    let same = p.domicilio == p.residenza;
    let residence = vec![
        row("did.label.residence", address_val(&p.residenza)),
        row("did.label.domicile", if same { Val::Key("did.value.same_as_residence") } else { address_val(&p.domicilio) }),
    ];
    let r = &p.recapiti;
    let dash = |s: &str| if s.is_empty() { Val::Key("did.value.none") } else { text(s) };
    let contacts = vec![
        row("did.label.email", dash(&r.email)),
        row("did.label.phone", dash(&r.telefono)),
        row("did.label.mobile", dash(&r.cellulare)),
    ];
    let c = &p.condizione;
    let mut situation = vec![row("did.label.situation", Val::Key(situation_key(&c.situazione)))];
    if let Some(k) = &c.tipo_reddito {
        situation.push(row("did.label.work_kind", Val::Key(work_kind_key(k))));
    }
    if let Some(eur) = c.reddito_annuo_eur {
        let cents = if eur.is_finite() && eur >= 0.0 { (eur * 100.0).round() as u64 } else { 0 };
        situation.push(row("did.label.income", Val::Text(format_eur_cents(cents))));
    }
    if let Some(l) = c.limite_reddito_eur {
        situation.push(row("did.label.income_limit", Val::Text(format_eur(l))));
    }
    if let Some(d) = c.fine_rapporto {
        situation.push(row("did.label.notice_end", Val::Text(d.format_it())));
    }
    if let Some(n) = c.giornate_lavorate {
        situation.push(row("did.label.intermittent_days", Val::Text(n.to_string())));
    }
    let cpi = vec![row("did.label.cpi", text(if p.cpi_nome.is_empty() { &p.cpi_id } else { &p.cpi_nome }))];
    let d = &p.dichiarazioni;
    let declarations = vec![
        row("did.label.availability", Val::Key(availability_key(&d.disponibilita))),
        row("did.label.decl_no_work", yes(d.nessun_rapporto_di_lavoro)),
        row("did.label.decl_informed", yes(d.informato_sospensione_decadenza)),
        row("did.label.decl_no_other", yes(d.nessuna_did_altro_cpi)),
        row("did.label.decl_privacy", yes(d.informativa_privacy)),
    ];
    vec![
        Section { step: Step::Personal, rows: personal },
        Section { step: Step::Residence, rows: residence },
        Section { step: Step::Contacts, rows: contacts },
        Section { step: Step::Situation, rows: situation },
        Section { step: Step::Cpi, rows: cpi },
        Section { step: Step::Declarations, rows: declarations },
    ]
}

/// The income limit shown on the situation step: for the declaration date.
pub fn income_limit_msg(rules: &DidRules, today: Date) -> Option<Msg> {
    let l = rules.income_limit_on(today)?;
    Some(
        Msg::new("did.situation.limit_info")
            .text("employee", format_eur(l.employee_eur))
            .text("self", format_eur(l.self_employed_eur))
            .text("from", l.from.format_it())
            .text("year", today.year.to_string()),
    )
}

// ============================================================ deadlines ==

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineKind {
    /// 30 days from the DID (art. 20 c.1).
    Did,
    /// 15 days from the NASpI / DIS-COLL application (art. 21 c.2).
    Naspi,
}

/// The last day to contact the CPI.
pub fn contact_deadline(rules: &DidRules, kind: DeadlineKind, from: Date) -> Date {
    from.add_days(i64::from(rules.contact_days(kind)))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Countdown {
    pub deadline: Date,
    /// Days from today to the deadline; negative when it has passed.
    pub days_left: i64,
}

impl Countdown {
    pub fn new(deadline: Date, today: Date) -> Countdown {
        Countdown { deadline, days_left: today.days_until(deadline) }
    }

    pub fn is_past(&self) -> bool {
        self.days_left < 0
    }

    /// "Mancano 12 giorni.", "Il termine scade oggi." and the like (the date
    /// itself is shown next to it).
    pub fn msg(&self) -> Msg {
        let key = match self.days_left {
            d if d > 1 => "did.deadline.days_left",
            1 => "did.deadline.tomorrow",
            0 => "did.deadline.today",
            -1 => "did.deadline.passed_one",
            _ => "did.deadline.passed",
        };
        Msg::new(key).text("days", self.days_left.abs().to_string())
    }
}

pub fn weekday_key(d: Date) -> &'static str {
    match d.weekday() {
        1 => "did.weekday.1",
        2 => "did.weekday.2",
        3 => "did.weekday.3",
        4 => "did.weekday.4",
        5 => "did.weekday.5",
        6 => "did.weekday.6",
        _ => "did.weekday.7",
    }
}

/// The NASpI countdown, when the application date was given and is real.
pub fn naspi_countdown(form: &DidForm, rules: &DidRules, today: Date) -> Option<Countdown> {
    let d = parse_date_parts(&form.naspi_day, &form.naspi_month, &form.naspi_year).ok()?;
    if d > today {
        return None;
    }
    Some(Countdown::new(contact_deadline(rules, DeadlineKind::Naspi, d), today))
}

/// The DID countdown for a payload (its DID date), else from `fallback`.
pub fn did_countdown(p: &DidPayload, rules: &DidRules, fallback: Date, today: Date) -> Countdown {
    let from = p.informazioni_did.data_did.unwrap_or(fallback);
    let deadline = p.scadenza_contatto_cpi.unwrap_or_else(|| contact_deadline(rules, DeadlineKind::Did, from));
    Countdown::new(deadline, today)
}

// ============================================================== status ==

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusEvent {
    pub status: String,
    pub at: String,
    pub note: Option<String>,
}

/// `GET /api/v1/submissions/<id>`, without the payload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubmissionStatus {
    pub id: String,
    pub kind: String,
    pub status: String,
    pub received_at: String,
    pub history: Vec<StatusEvent>,
}

/// The last status read from the server, kept on the device.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CachedStatus {
    pub status: SubmissionStatus,
    /// Milliseconds since the epoch.
    pub fetched_at: f64,
}

/// Parse the status answer; `None` when it is not one.
pub fn parse_status(body: &str) -> Option<SubmissionStatus> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    let id = v.get("id")?.as_str()?.to_string();
    let status = v.get("status")?.as_str()?.to_string();
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_string();
    let history = v
        .get("history")
        .and_then(|h| h.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|e| {
                    Some(StatusEvent {
                        status: e.get("status")?.as_str()?.to_string(),
                        at: e.get("at").and_then(|x| x.as_str()).unwrap_or_default().to_string(),
                        note: e.get("note").and_then(|x| x.as_str()).map(str::to_string),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Some(SubmissionStatus { id, kind: s("kind"), status, received_at: s("received_at"), history })
}

/// Translation key of a DID status label.
pub fn status_key(status: &str) -> &'static str {
    match status {
        "received" => "did.status.received",
        "inserita" => "did.status.inserita",
        "convalidata" => "did.status.convalidata",
        "sospesa" => "did.status.sospesa",
        "revocata" => "did.status.revocata",
        _ => "did.status.other",
    }
}

/// Translation key of what the status means for the person, in plain words.
pub fn status_explain_key(status: &str) -> &'static str {
    match status {
        "received" | "inserita" => "did.status.inserita_explain",
        "convalidata" => "did.status.convalidata_explain",
        "sospesa" => "did.status.sospesa_explain",
        "revocata" => "did.status.revocata_explain",
        _ => "did.status.other_explain",
    }
}

/// Whether the contact deadline still matters in this status (not after a
/// convalida or a revoca).
pub fn deadline_applies(status: Option<&str>) -> bool {
    !matches!(status, Some("convalidata" | "revocata"))
}

/// One line of the timeline: the status, when, the CPI's note; `current`
/// marks the last.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineItem {
    pub status: String,
    pub label_key: &'static str,
    pub at: String,
    pub note: Option<String>,
    pub current: bool,
}

/// The events of a status, oldest first. The technical "received" step is
/// folded into "inserita" when both are there.
pub fn timeline(s: &SubmissionStatus) -> Vec<TimelineItem> {
    let has_inserita = s.history.iter().any(|e| e.status == "inserita");
    let events: Vec<&StatusEvent> =
        s.history.iter().filter(|e| !(has_inserita && e.status == "received")).collect();
    let n = events.len();
    events
        .into_iter()
        .enumerate()
        .map(|(i, e)| TimelineItem {
            status: e.status.clone(),
            label_key: status_key(&e.status),
            at: e.at.clone(),
            note: e.note.clone().filter(|n| !n.trim().is_empty()),
            current: i + 1 == n,
        })
        .collect()
}

// ================================================================== QR ==

/// The receipt's QR code as an inline SVG (no XML prolog, hidden from
/// assistive technologies: the text next to it says the same). `None` if the
/// text cannot be encoded (too long).
pub fn qr_svg(data: &str) -> Option<String> {
    use qrcode::render::svg;
    use qrcode::{EcLevel, QrCode};
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(168, 168)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let start = image.find("<svg")?;
    let body = image.get(start..)?;
    Some(body.replacen("<svg ", "<svg class=\"qr-svg\" aria-hidden=\"true\" focusable=\"false\" ", 1))
}

// =============================================================== tests ==

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{lookup, Lang};

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn it(m: &Msg) -> String {
        m.render(&|k| lookup(Lang::It, k))
    }

    fn en(m: &Msg) -> String {
        m.render(&|k| lookup(Lang::En, k))
    }

    struct Fake(Vec<BelfioreRecord>);
    impl BelfioreLookup for Fake {
        fn records(&self, code: &str) -> Vec<BelfioreRecord> {
            self.0.iter().filter(|r| r.code == code).cloned().collect()
        }
    }

    fn rec(code: &str, name: &str, prov: Option<&str>, from: Option<Date>, to: Option<Date>) -> BelfioreRecord {
        BelfioreRecord {
            code: code.into(),
            name: name.into(),
            province: prov.map(str::to_string),
            valid_from: from,
            valid_to: to,
            foreign: code.starts_with('Z'),
        }
    }

    fn fake() -> Fake {
        Fake(vec![
            rec("L219", "Torino", Some("TO"), Some(d(1889, 8, 12)), None),
            rec("A944", "Bologna", Some("BO"), Some(d(1861, 3, 17)), None),
            rec("F838", "Nanto", Some("VI"), Some(d(1866, 11, 19)), Some(d(2026, 2, 20))),
            rec("Z110", "Francia", None, None, None),
        ])
    }

    fn comuni() -> ComuniIndex {
        let c = |istat: &str, name: &str, p: &str, b: &str, cap: &[&str]| Comune {
            istat: istat.into(),
            name: name.into(),
            alt_name: None,
            province: p.into(),
            region: "Emilia-Romagna".into(),
            belfiore: b.into(),
            cap: cap.iter().map(|s| s.to_string()).collect(),
            lat: None,
            lon: None,
        };
        ComuniIndex::new(vec![
            c("037006", "Bologna", "BO", "A944", &["40121", "40122", "40123", "40124", "40141"]),
            c("037032", "Imola", "BO", "E289", &["40026"]),
            c("001272", "Torino", "TO", "L219", &["10121"]),
        ])
    }

    fn offices() -> Vec<Office> {
        let text = r#"[
          {"id":"cpi-bologna","name":"Centro per l'Impiego di Bologna","comune":{"name":"Bologna","istat":"037006"},"province":"BO","address":"Via X 1","cap":"40121","serves":[{"name":"Bologna","istat":"037006","province":"BO"}]},
          {"id":"cpi-imola","name":"Centro per l'Impiego di Imola","comune":{"name":"Imola","istat":"037032"},"province":"BO","address":"Via Y 2","cap":"40026","serves":[{"name":"Imola","istat":"037032","province":"BO"}]}
        ]"#;
        serde_json::from_str(text).unwrap()
    }

    fn today() -> Date {
        d(2026, 11, 23)
    }

    fn good() -> DidForm {
        DidForm {
            naspi: "no".into(),
            codice_fiscale: "cccfba85d03l219p".into(),
            surname: "Caccamo".into(),
            name: "Fabio".into(),
            sex: "M".into(),
            birth_day: "3".into(),
            birth_month: "4".into(),
            birth_year: "1985".into(),
            birth_country: "italia".into(),
            birthplace_query: "Torino (TO)".into(),
            birthplace_code: "L219".into(),
            citizenship: "A02".into(),
            res_query: "Bologna (BO)".into(),
            res_istat: "037006".into(),
            res_cap: "40121".into(),
            res_address: "Via dell'Indipendenza 1".into(),
            email: "fabio@example.it".into(),
            situation: "non_occupato".into(),
            cpi_id: "cpi-bologna".into(),
            cpi_for: "037006".into(),
            cpi_confirmed: true,
            availability: "immediata".into(),
            decl_no_work: true,
            decl_informed: true,
            decl_no_other_did: true,
            decl_privacy: true,
            ..Default::default()
        }
    }

    fn with_ctx<R>(f: impl FnOnce(&Ctx) -> R) -> R {
        let b = fake();
        let c = comuni();
        let o = offices();
        let ctx = Ctx { today: today(), rules: rules().unwrap(), belfiore: Some(&b), comuni: Some(&c), offices: Some(&o) };
        f(&ctx)
    }

    fn messages(step: Step, form: &DidForm) -> Vec<(String, String)> {
        with_ctx(|ctx| validate_step(step, form, ctx).iter().map(|i| (i.field.to_string(), it(&i.msg))).collect())
    }

    fn has(step: Step, form: &DidForm, field: &str, text: &str) {
        let m = messages(step, form);
        assert!(m.iter().any(|(f, t)| f == field && t == text), "expected on {field}: {text}\ngot: {m:#?}");
    }

    #[test]
    fn the_shipped_rules_parse_and_pick_the_period_by_date() {
        let r = rules().unwrap();
        assert_eq!(r.min_age.years, 16);
        assert_eq!(r.contact_days(DeadlineKind::Did), 30);
        assert_eq!(r.contact_days(DeadlineKind::Naspi), 15);
        let l = |y, m, day| r.income_limit_on(d(y, m, day)).map(|l| (l.employee_eur, l.self_employed_eur));
        assert_eq!(l(2019, 1, 1), Some((8145, 4800)));
        assert_eq!(l(2021, 12, 31), Some((8145, 4800)));
        assert_eq!(l(2022, 1, 1), Some((8174, 5500)));
        assert_eq!(l(2023, 12, 31), Some((8174, 5500)));
        assert_eq!(l(2024, 1, 1), Some((8500, 5500)));
        assert_eq!(l(2031, 6, 1), Some((8500, 5500)));
        assert_eq!(l(2018, 12, 31), None);
    }

    #[test]
    fn broken_rule_files_are_refused() {
        let bad_order = RULES_JSON.replace("\"2022-01-01\"", "\"2021-06-01\"");
        assert!(DidRules::parse(&bad_order).unwrap_err().contains("sovrappone"));
        assert!(DidRules::parse("{}").is_err());
        assert!(DidRules::parse("not json").is_err());
        let v2 = RULES_JSON.replace("\"schema_version\": 1", "\"schema_version\": 2");
        assert!(DidRules::parse(&v2).is_err());
        let unknown = RULES_JSON.replace("\"employee_eur\": 8145", "\"employee_eur\": 8145, \"x\": 1");
        assert!(DidRules::parse(&unknown).is_err());
    }

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
    fn cf_messages_are_the_codice_fiscale_modules_messages() {
        let mut errors: Vec<CfError> = ["", "ABC", "CCCFBA8!D03L219P", "CCCFBA85Z03L219P", "CCC1BA85D03L219P", "1234567890A", "CCCFBA85D03L219\u{7}", "CCCFBA85D03L219Q"]
            .iter()
            .map(|s| cf::validate_format(s, today()).unwrap_err())
            .collect();
        errors.extend([
            CfError::WrongProvisionalCheckDigit { expected: '3', found: '0' },
            CfError::InvalidDay { encoded: 35 },
            CfError::NonexistentDate { day: 30, month: 2, year: 1985 },
            CfError::BirthDateInFuture { date: d(2027, 1, 1) },
            CfError::UnknownBelfiore { code: "Z999".into() },
        ]);
        for e in &errors {
            assert_eq!(it(&cf_msg(e)), e.to_string(), "{e:?}");
            assert!(!en(&cf_msg(e)).contains('{'), "{e:?}");
        }
        for reason in [
            NotValidReason::NotYetCreated { created: d(2000, 1, 1) },
            NotValidReason::Ceased { last_valid: d(2000, 1, 1) },
            NotValidReason::Suspended { last_valid: d(1928, 1, 1), recreated: d(1948, 5, 8) },
        ] {
            for foreign in [false, true] {
                let e = CfError::BelfioreNotValidOnDate {
                    code: "G133".into(),
                    name: "Ortacesus".into(),
                    foreign,
                    birth_date: d(1935, 3, 1),
                    reason,
                };
                assert_eq!(it(&cf_msg(&e)), e.to_string());
                assert!(!en(&cf_msg(&e)).contains('{'));
            }
        }
    }

    #[test]
    fn mismatch_messages_match_the_codice_fiscale_module() {
        let code = cf::validate("CCCFBA85D03L219P", today(), &fake()).unwrap();
        let dec = code.decoded().unwrap();
        let input = PersonInput {
            surname: "Rossi".into(),
            name: "Gianfranco".into(),
            sex: Some(Sex::F),
            birth_date: Some(d(1985, 4, 4)),
            birthplace_code: None,
        };
        for m in cf::check_consistency(dec, &input) {
            assert_eq!(it(&mismatch_issue(&m, "").msg), m.to_string());
        }
    }

    #[test]
    fn start_step_requires_an_answer_and_blocks_naspi() {
        let mut f = DidForm::default();
        has(Step::Start, &f, fid::NASPI, "Rispondi alla domanda sulla NASpI o DIS-COLL.");
        f.naspi = "si".into();
        assert!(f.naspi_blocks());
        let m = messages(Step::Start, &f);
        assert!(m.iter().any(|(_, t)| t.contains("vale già come DID")), "{m:?}");
        f.naspi_day = "1".into();
        f.naspi_month = "12".into();
        f.naspi_year = "2026".into();
        has(Step::Start, &f, fid::NASPI_DATE, "La data della domanda non può essere nel futuro.");
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
        has(Step::Personal, &f, fid::CF, "Il carattere di controllo non è corretto: dovrebbe essere «P».");

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
        has(Step::Personal, &f, fid::SEX, "Il codice fiscale indica il sesso maschile, ma hai indicato il sesso femminile.");

        let mut f = good();
        f.birth_year = "85".into();
        has(Step::Personal, &f, fid::BIRTH_DATE, "Controlla la data di nascita: l'anno deve avere 4 cifre, ad esempio 1990.");
        f.birth_year = String::new();
        has(Step::Personal, &f, fid::BIRTH_DATE, "Completa la data di nascita: servono giorno, mese e anno.");
        f.birth_day = String::new();
        f.birth_month = String::new();
        has(Step::Personal, &f, fid::BIRTH_DATE, "Inserisci la data di nascita.");
        f.birth_day = "a".into();
        f.birth_month = "4".into();
        f.birth_year = "1985".into();
        has(Step::Personal, &f, fid::BIRTH_DATE, "Scrivi la data di nascita solo con numeri: giorno, mese e anno (ad esempio 27 3 1990).");
        f.birth_day = "3".into();
        f.birth_month = "13".into();
        has(Step::Personal, &f, fid::BIRTH_DATE, "Controlla la data di nascita: il mese va da 1 a 12.");

        let f = DidForm { naspi: "no".into(), ..Default::default() };
        let m = messages(Step::Personal, &f);
        let fields: Vec<&str> = m.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            vec![fid::CF, fid::SURNAME, fid::NAME, fid::SEX, fid::BIRTH_DATE, fid::BIRTH_COUNTRY, fid::CITIZENSHIP]
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
        assert_eq!(fields, vec![fid::PERMIT_TYPE, fid::PERMIT_NUMBER, fid::PERMIT_EXPIRY]);
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
        has(Step::Residence, &f, fid::RES_CAP, "Il CAP deve avere 5 cifre: «4012» ne ha 4.");
        f.res_cap = "40l21".into();
        has(Step::Residence, &f, fid::RES_CAP, "Il CAP è fatto solo di cifre: «40l21» non è un CAP.");
        f.res_cap = "20121".into();
        has(Step::Residence, &f, fid::RES_CAP, "Il CAP 20121 non è di Bologna (BO): i CAP di questo comune vanno da 40121 a 40141.");
        f.res_istat = "037032".into();
        f.res_query = "Imola (BO)".into();
        has(Step::Residence, &f, fid::RES_CAP, "Il CAP 20121 non è di Imola (BO): i CAP di questo comune sono 40026.");
        let mut f = good();
        f.res_istat.clear();
        has(Step::Residence, &f, fid::RES_COMUNE, "Scegli il comune dall'elenco dei suggerimenti.");
        f.res_query.clear();
        has(Step::Residence, &f, fid::RES_COMUNE, "Indica il comune di residenza.");
        let mut f = good();
        f.dom_same = false;
        let m = messages(Step::Residence, &f);
        assert_eq!(m.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(), vec![fid::DOM_COMUNE, fid::DOM_CAP, fid::DOM_ADDRESS]);
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
        assert!(m[0].1.contains("da lavoro autonomo superi il limite di 5.500 €"), "{m:?}");
        // In 2021 the limit for an employee was 8,145 €.
        let b = fake();
        let ctx = Ctx { today: d(2021, 6, 1), rules: rules().unwrap(), belfiore: Some(&b), comuni: None, offices: None };
        f.work_kind = "dipendente".into();
        f.income = "8.150".into();
        let issues = validate_step(Step::Situation, &f, &ctx);
        assert!(it(&issues[0].msg).contains("limite di 8.145 €"));
        f.income = "otto".into();
        has(Step::Situation, &f, fid::INCOME, "Scrivi il reddito in euro usando solo cifre, ad esempio 7500 oppure 7.500,50.");
    }

    #[test]
    fn other_situations() {
        let mut f = good();
        f.situation.clear();
        has(Step::Situation, &f, fid::SITUATION, "Scegli la frase che descrive la tua situazione di oggi.");
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
    fn competent_cpi_follows_the_domicile() {
        let c = comuni();
        let o = offices();
        let mut f = good();
        f.cpi_id.clear();
        f.cpi_for.clear();
        f.cpi_confirmed = false;
        assert!(sync_cpi(&mut f, Some(&c), &o));
        assert_eq!(f.cpi_id, "cpi-bologna");
        f.cpi_confirmed = true;
        assert!(!sync_cpi(&mut f, Some(&c), &o));
        assert!(f.cpi_confirmed);
        // moving the domicile to Imola proposes Imola and asks again
        f.dom_same = false;
        f.dom_istat = "037032".into();
        f.dom_query = "Imola (BO)".into();
        assert!(sync_cpi(&mut f, Some(&c), &o));
        assert_eq!(f.cpi_id, "cpi-imola");
        assert!(!f.cpi_confirmed);
        has(Step::Cpi, &f, fid::CPI_CONFIRM, "Conferma il Centro per l'Impiego a cui presentare la DID.");
        // a comune no office serves: nothing proposed
        f.dom_istat = "001272".into();
        sync_cpi(&mut f, Some(&c), &o);
        assert_eq!(f.cpi_id, "");
        has(Step::Cpi, &f, fid::CPI, "Scegli il Centro per l'Impiego a cui presentare la DID.");
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
        let ctx = Ctx { today: today(), rules: rules().unwrap(), belfiore: None, comuni: None, offices: Some(&o) };
        assert!(validate_step(Step::Personal, &f, &ctx).is_empty());
        assert!(validate_step(Step::Residence, &f, &ctx).is_empty());
        assert!(sync_cpi(&mut f, None, &o));
        assert_eq!(f.cpi_id, "cpi-bologna");
        assert_eq!(f.cpi_for, "Bologna");
        // With the lists loaded, a choice is required.
        with_ctx(|ctx| {
            let m = validate_step(Step::Residence, &f, ctx);
            assert_eq!(m[0].field, fid::RES_COMUNE);
            assert_eq!(validate_step(Step::Personal, &f, ctx)[0].field, fid::BIRTHPLACE);
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
            vec![fid::AVAILABILITY, fid::DECL_NO_WORK, fid::DECL_INFORMED, fid::DECL_NO_OTHER, fid::DECL_PRIVACY]
        );
    }

    #[test]
    fn payload_has_the_anpal_names_and_reads_back() {
        let f = good();
        let p = with_ctx(|ctx| build_payload(&f, ctx, "Centro per l'Impiego di Bologna")).unwrap();
        assert_eq!(p.codice_fiscale, "CCCFBA85D03L219P");
        assert_eq!(p.informazioni_did.tipo_evento, "I");
        assert_eq!(p.informazioni_did.applicazione, "WEB");
        assert_eq!(p.informazioni_did.codice_ente_promotore, "cpi-bologna");
        assert_eq!(p.informazioni_did.data_did, Some(today()));
        assert_eq!(p.variabili_di_profiling.eta, 41);
        assert_eq!(p.variabili_di_profiling.provincia_di_residenza, "BO");
        assert_eq!(p.anagrafica.luogo_nascita.descrizione, "Torino (TO)");
        assert_eq!(p.domicilio, p.residenza);
        assert_eq!(p.comune_istat, "037006");
        assert_eq!(p.scadenza_contatto_cpi, Some(d(2026, 12, 23)));
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["codice_fiscale"], "CCCFBA85D03L219P");
        assert_eq!(json["informazioni_did"]["data_did"], "2026-11-23");
        assert_eq!(json["dichiarazioni"]["disponibilita"], "immediata");
        let back: DidPayload = serde_json::from_value(json).unwrap();
        assert_eq!(back, p);
        // an old or partial payload still reads
        let partial: DidPayload = serde_json::from_str(r#"{"codice_fiscale":"X"}"#).unwrap();
        assert_eq!(partial.codice_fiscale, "X");
        let s = sections(&p);
        assert_eq!(s.len(), 6);
        assert!(s[0].rows.iter().any(|r| r.value == Val::Text("CCCFBA85D03L219P".into())));
        // an invalid form cannot be built
        let mut bad = good();
        bad.decl_privacy = false;
        let e = with_ctx(|ctx| build_payload(&bad, ctx, "")).unwrap_err();
        assert_eq!(e[0].0, Step::Declarations);
    }

    #[test]
    fn deadlines_and_countdowns() {
        let r = rules().unwrap();
        assert_eq!(contact_deadline(r, DeadlineKind::Did, d(2026, 11, 23)), d(2026, 12, 23));
        assert_eq!(contact_deadline(r, DeadlineKind::Naspi, d(2026, 11, 23)), d(2026, 12, 8));
        let c = Countdown::new(d(2026, 12, 23), d(2026, 11, 23));
        assert_eq!(it(&c.msg()), "Mancano 30 giorni.");
        assert_eq!(weekday_key(c.deadline), "did.weekday.3");
        assert_eq!(it(&Countdown::new(d(2026, 11, 24), d(2026, 11, 23)).msg()), "Manca 1 giorno: il termine è domani.");
        assert_eq!(it(&Countdown::new(d(2026, 11, 23), d(2026, 11, 23)).msg()), "Il termine scade oggi.");
        let past = Countdown::new(d(2026, 11, 20), d(2026, 11, 23));
        assert!(past.is_past());
        assert!(it(&past.msg()).starts_with("Il termine è scaduto da 3 giorni"));
        assert!(en(&past.msg()).contains("3 days"));
    }

    #[test]
    fn status_parsing_and_timeline() {
        let body = r#"{"id":"DID-2026-000001","kind":"did","status":"convalidata","received_at":"2026-11-23T10:00:00.000Z",
          "history":[{"status":"received","at":"2026-11-23T10:00:00.000Z","note":"Ricevuta."},
                     {"status":"inserita","at":"2026-11-23T10:00:00.000Z","note":"Inserita."},
                     {"status":"convalidata","at":"2026-11-24T09:00:00.000Z","note":null}],
          "payload":{"codice_fiscale":"X"}}"#;
        let s = parse_status(body).unwrap();
        assert_eq!(s.status, "convalidata");
        let t = timeline(&s);
        assert_eq!(t.iter().map(|i| i.status.as_str()).collect::<Vec<_>>(), vec!["inserita", "convalidata"]);
        assert!(t[1].current && !t[0].current);
        assert_eq!(t[1].note, None);
        assert_eq!(status_key("sospesa"), "did.status.sospesa");
        assert_eq!(status_key("boh"), "did.status.other");
        assert!(!deadline_applies(Some("convalidata")));
        assert!(deadline_applies(Some("inserita")));
        assert!(parse_status("<html>").is_none());
        assert!(parse_status(r#"{"id":"x"}"#).is_none());
        let cached = CachedStatus { status: s.clone(), fetched_at: 1.0 };
        let back: CachedStatus = serde_json::from_str(&serde_json::to_string(&cached).unwrap()).unwrap();
        assert_eq!(back, cached);
    }

    #[test]
    fn qr_code_is_an_inline_svg() {
        let svg = qr_svg("DID-2026-000001").unwrap();
        assert!(svg.starts_with("<svg class=\"qr-svg\" aria-hidden=\"true\""));
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
        assert!(qr_svg(&"x".repeat(5000)).is_none());
    }

    #[test]
    fn typed_text_is_never_a_placeholder() {
        let m = Msg::new("did.err.mismatch_surname").text("in_code", "CCC").text("entered", "{expected}").text("expected", "RSS");
        assert!(it(&m).contains("al cognome «{expected}», che darebbe RSS"), "{}", it(&m));
        let odd = Msg { key: "did.err.cf_empty", args: vec![] };
        assert_eq!(odd.render(&|_| "a {b".to_string()), "a {b");
        assert_eq!(odd.render(&|_| "a {b} c".to_string()), "a {b} c");
    }

    #[test]
    fn euro_amounts() {
        assert_eq!(parse_euro_cents("8500"), Some(850_000));
        assert_eq!(parse_euro_cents("8.500"), Some(850_000));
        assert_eq!(parse_euro_cents("8.500,5"), Some(850_050));
        assert_eq!(parse_euro_cents(" 8 500 € "), Some(850_000));
        assert_eq!(parse_euro_cents("8500.50"), Some(850_050));
        assert_eq!(parse_euro_cents("1.234.567"), Some(123_456_700));
        for bad in ["", "otto", "-5", "8,5,0", "85.00.0", "8.50,5", "1,234", "€", "9".repeat(40).as_str()] {
            assert_eq!(parse_euro_cents(bad), None, "{bad:?}");
        }
        assert_eq!(format_eur_cents(850_000), "8.500 €");
        assert_eq!(format_eur_cents(850_050), "8.500,50 €");
        assert_eq!(format_eur(123), "123 €");
        assert_eq!(format_eur(1_234_567), "1.234.567 €");
    }

    #[test]
    fn birthplace_suggestions_include_historic_comuni() {
        let items: Vec<BelfioreItem> = serde_json::from_str(
            r#"[{"c":"A726","n":"Bazzano","p":"BO","f":"1861-03-17","t":"2013-12-31"},
                {"c":"M320","n":"Valsamoggia","p":"BO","f":"2014-01-01"},
                {"c":"A944","n":"Bologna","p":"BO"},
                {"c":"Z110","n":"Francia","x":true},
                {"c":"Z404","n":"Stati Uniti d'America","x":true}]"#,
        )
        .unwrap();
        let idx = BirthplaceIndex::new(items.iter());
        let s = idx.suggest("baz", false, Some(d(1980, 1, 1)), 5);
        assert_eq!(s, vec![PlaceOption { code: "A726".into(), label: "Bazzano (BO) – fino al 2013".into() }]);
        assert!(idx.suggest("baz", true, None, 5).is_empty());
        assert_eq!(idx.suggest("america", true, None, 5)[0].code, "Z404");
        assert_eq!(idx.suggest("", false, None, 5), vec![]);
        assert_eq!(idx.suggest("bologna", false, None, 5)[0].code, "A944");
    }

    #[test]
    fn drafts_restore_exactly_and_tolerate_old_shapes() {
        let mut f = good();
        f.step = 3;
        f.furthest = 5;
        let back: DidForm = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
        assert_eq!(back, f);
        let old: DidForm = serde_json::from_str(r#"{"step":200,"surname":"Rossi","unknown":1}"#).unwrap();
        assert_eq!(old.current_step(), Step::Summary);
        assert!(old.dom_same);
        assert!(DidForm::default().is_blank());
        assert!(!old.is_blank());
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        let weird = ["", " ", "\u{0}", "ÀÈÌ", "💥💥💥", "9999999999999999999999", "-1", "31", "2.5", "1e9"];
        for w in weird {
            let mut f = DidForm::default();
            for s in [
                &mut f.naspi, &mut f.naspi_day, &mut f.codice_fiscale, &mut f.surname, &mut f.name, &mut f.sex,
                &mut f.birth_day, &mut f.birth_month, &mut f.birth_year, &mut f.birth_country, &mut f.birthplace_code,
                &mut f.citizenship, &mut f.permit_type, &mut f.permit_number, &mut f.permit_day, &mut f.res_istat,
                &mut f.res_cap, &mut f.res_address, &mut f.email, &mut f.situation, &mut f.work_kind, &mut f.income,
                &mut f.notice_year, &mut f.intermittent_days, &mut f.cpi_id, &mut f.availability,
            ] {
                *s = w.to_string();
            }
            f.step = u8::MAX;
            with_ctx(|ctx| {
                let _ = validate_all(&f, ctx);
                let _ = build_payload(&f, ctx, w);
            });
            let _ = parse_euro_cents(w);
            let _ = parse_status(w);
            let _ = qr_svg(w);
        }
    }
}
