//! "Offerte per te": the offers of the search index ranked for the person's
//! profile, on the device, from the index's per-document arrays alone (no
//! offer is decoded). One scan of the documents, a score in whole points
//! per offer, then a partial selection of the best `limit`.
//!
//! ```ignore
//! let home = index.comune_coords(&profile.domicile_istat);
//! let wanted = MatchProfile::from_profile(&profile, home);
//! for m in offers_for(&index, &wanted, today, 20) {
//!     // index.doc(m.doc) for the list; m.reasons[i].message() for "why".
//! }
//! ```
//!
//! # Which offers
//!
//! - **Expired** offers (`expires < today`) never.
//! - **Place**: with a home and a mobility radius, only offers within the
//!   radius, or in the home comune. "Within" is measured as the list shows
//!   it: the distance rounded to the km is at most the radius (so exactly
//!   at the radius counts, 1 km beyond does not). An offer without
//!   coordinates outside the home comune is out: its distance is unknown.
//!   Without a home, or without a radius, the place excludes nothing.
//! - **Working time**: when the person ticked some of full time, part time,
//!   shifts, an offer with one of the other two is excluded ("only part
//!   time" hides full-time and shift offers); an offer whose working time
//!   is "other" (not stated) is kept, without the bonus. Nothing ticked:
//!   no preference.
//! - **Fit**: when the profile names professions or sectors (its
//!   experiences), an offer must share at least the CP *group* (2 levels)
//!   with one of them (or all of it, when the person chose a major group),
//!   or the ATECO *division* with one of their sectors. No such offer: the
//!   list is empty, and the view says so. A shared *major group* alone
//!   (e.g. every "qualified commerce and services" job) is too broad to
//!   make an offer "for you" when the person named something narrower.
//! - A profile with **nothing filled** (no experience, licence, language,
//!   education, working time, contract or home) gets the newest offers that
//!   are still open, with no reasons; newest first.
//!
//! # Score
//!
//! Whole points, added up:
//!
//! | what | points |
//! |---|---:|
//! | same profession: all 5 CP levels, or the whole of the person's code when it has 3 or 4 | +100 |
//! | else the same CP category (4 levels) / class (3) / group (2) / major group (1) | +60 / +35 / +15 / +5 |
//! | same ATECO class (dd.dd) / group (dd.d) / division (dd) | +30 / +25 / +20 |
//! | distance `d` within the scale `R` (the radius, else 50 km) | +round(30 × (1 − d/R)), at least 0 |
//! | working time ticked | +15 |
//! | contract wanted ([`MatchProfile::contracts`]) | +10 |
//! | each licence required that the person has | +5 |
//! | each licence required that the person lacks | −120 |
//! | each language required at a level the person has | +10 |
//! | each language required that the person lacks, or has at a lower level | −40 |
//! | education level required: met / not met | +5 / −30 |
//!
//! A person names a profession at the depth they chose it: the app's CP
//! 2021 list offers classes (3 levels, "5.1.2") and major groups, the
//! offers carry unit codes (5 levels, "5.1.2.2.0"). An offer within a code
//! of 3 levels or more is the same profession; within a code of 1 or 2
//! levels it scores by the levels shared. Only the best profession and the
//! best sector count (over all the experiences). A missing licence costs
//! more than the whole profession score: other things equal, an offer of
//! the same profession that requires a licence the person lacks ranks
//! below an offer of a related profession that does not, and says why
//! ([`MatchReason::LicenceMissing`]).
//! A licence counts as held when the person has it or one that includes it
//! (C includes C1 and B, CE includes C, …; [`INCLUDED_LICENCES`]).
//! Categories outside [`LICENCES`] (such as CQC) are not compared. Italian
//! is compared only when the person lists it among their languages (the
//! profile lists the languages besides their own). Education levels are
//! compared in the ministerial order, every post-graduate title (8–12) as
//! one level.
//!
//! Order: score descending, then the newest offer, then the document
//! number: the same index and profile always give the same list.

use crate::domain::message::Msg;
use crate::domain::profile::{Profile, LICENCES};
use crate::domain::search::geo::{chord2, chord2_to_km, km_to_chord2, unit_vector};
use crate::domain::search::{
    ateco_common_digits, cp_common_levels, cp_levels, licence_bit, pack_ateco, pack_cp, DocMeta,
    DocReq, LangReq, SearchIndex,
};
use crate::domain::vacancy::{CefrLevel, ContractType, WorkingTime};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Points by CP levels shared (0–5).
const PROFESSION_POINTS: [i32; 6] = [0, 5, 15, 35, 60, 100];
/// Points by ATECO digits shared (0, 2, 3, 4).
const SECTOR_POINTS: [i32; 5] = [0, 0, 20, 25, 30];
const DISTANCE_POINTS: f32 = 30.0;
/// The distance scale without a mobility radius, km.
const DEFAULT_SCALE_KM: f32 = 50.0;
const WORKING_TIME_POINTS: i32 = 15;
const CONTRACT_POINTS: i32 = 10;
const LICENCE_HELD_POINTS: i32 = 5;
const LICENCE_MISSING_POINTS: i32 = -120;
const LANGUAGE_HELD_POINTS: i32 = 10;
const LANGUAGE_MISSING_POINTS: i32 = -40;
const EDUCATION_MET_POINTS: i32 = 5;
const EDUCATION_BELOW_POINTS: i32 = -30;

/// Licence categories and those they include (Codice della strada, art.
/// 116: C1, C, D1 and D are only issued to holders of B; an E category
/// includes its base; a bigger category its smaller one). Applied until
/// nothing changes, so CE includes C, C1E, C1, BE, B, B1 and AM.
pub const INCLUDED_LICENCES: [(&str, &[&str]); 11] = [
    ("A", &["A2"]),
    ("A2", &["A1"]),
    ("A1", &["AM"]),
    ("B", &["B1", "AM"]),
    ("BE", &["B"]),
    ("C1", &["B"]),
    ("C1E", &["C1", "BE"]),
    ("C", &["C1"]),
    ("CE", &["C", "C1E"]),
    ("D1", &["B"]),
    ("D", &["D1"]),
];

/// What the person looks for and brings, ready for matching. Build it
/// with [`MatchProfile::from_profile`]; the fields are public so that a
/// caller can adjust it (e.g. contracts wanted, which the profile does not
/// hold yet).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MatchProfile {
    /// CP codes of the experiences, packed ([`pack_cp`]), without
    /// duplicates or unknown codes.
    pub professions: Vec<u32>,
    /// ATECO codes of the experiences, packed ([`pack_ateco`]).
    pub sectors: Vec<u16>,
    /// Licences held and those they include: bit `i` is [`LICENCES`]`[i]`.
    pub licences: u16,
    /// Languages (ISO 639-1, lowercase) with the level held, one per language.
    pub languages: Vec<(String, CefrLevel)>,
    /// Ministerial education level 0–12.
    pub education_level: Option<u8>,
    /// Working times wanted; empty: any.
    pub working_times: Vec<WorkingTime>,
    /// Contracts wanted (a bonus, never an exclusion); empty: no preference.
    pub contracts: Vec<ContractType>,
    /// Where distances are measured from: `(lat, lon)`.
    pub home: Option<(f32, f32)>,
    /// ISTAT code of the home comune: its offers are within any radius.
    pub home_istat: String,
    /// How far the person will travel, km; `None`: no limit.
    pub radius_km: Option<u32>,
}

impl MatchProfile {
    /// The matching view of a profile. `home` is the position of the
    /// person's domicile: `index.comune_coords(&profile.domicile_istat)`,
    /// or the comuni list's centroid when the index has no offer there.
    pub fn from_profile(p: &Profile, home: Option<(f32, f32)>) -> MatchProfile {
        let mut professions: Vec<u32> = Vec::new();
        let mut sectors: Vec<u16> = Vec::new();
        for e in &p.experiences {
            let cp = pack_cp(&e.profession_code);
            if cp != 0 && !professions.contains(&cp) {
                professions.push(cp);
            }
            let ateco = pack_ateco(&e.sector_code);
            if ateco != 0 && !sectors.contains(&ateco) {
                sectors.push(ateco);
            }
        }
        let held = p
            .licences
            .iter()
            .filter_map(|l| licence_bit(l))
            .fold(0, |m, b| m | b);
        let mut languages: Vec<(String, CefrLevel)> = Vec::new();
        for l in &p.languages {
            let code = l.language.trim().to_ascii_lowercase();
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            match languages.iter_mut().find(|(c, _)| *c == code) {
                Some((_, level)) => *level = (*level).max(l.level),
                None => languages.push((code, l.level)),
            }
        }
        let mut working_times = Vec::new();
        for (ticked, wt) in [
            (p.full_time, WorkingTime::FullTime),
            (p.part_time, WorkingTime::PartTime),
            (p.shifts, WorkingTime::Turni),
        ] {
            if ticked {
                working_times.push(wt);
            }
        }
        MatchProfile {
            professions,
            sectors,
            licences: with_included(held),
            languages,
            education_level: p.education_level.filter(|&l| l <= 12),
            working_times,
            contracts: Vec::new(),
            home: home.filter(|&(la, lo)| unit_vector(la, lo)[0].is_finite()),
            home_istat: p.domicile_istat.trim().to_string(),
            radius_km: p.mobility_km,
        }
    }

    /// Nothing to match on: [`offers_for`] gives the newest offers.
    pub fn is_empty(&self) -> bool {
        self.professions.is_empty()
            && self.sectors.is_empty()
            && self.licences == 0
            && self.languages.is_empty()
            && self.education_level.is_none()
            && self.working_times.is_empty()
            && self.contracts.is_empty()
            && self.home.is_none()
    }
}

/// A licence mask with the categories its licences include.
pub fn with_included(mut mask: u16) -> u16 {
    loop {
        let before = mask;
        for (licence, included) in INCLUDED_LICENCES {
            if licence_bit(licence).is_some_and(|b| mask & b != 0) {
                for l in included {
                    mask |= licence_bit(l).unwrap_or(0);
                }
            }
        }
        if mask == before {
            return mask;
        }
    }
}

/// Why an offer is in the list, or what it asks that the person lacks: a
/// kind with its data. [`MatchReason::message`] gives the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MatchReason {
    /// The same CP profession as one of the experiences: all 5 levels, or
    /// the whole of the person's code when it has 3 or 4 levels.
    SameProfession,
    /// The same CP code down to `level` (4 category, 3 class, 2 group,
    /// 1 major group).
    SameProfessionGroup {
        level: u8,
    },
    /// The same ATECO code down to `digits` (2 division, 3 group, 4 class).
    SameSector {
        digits: u8,
    },
    /// Distance from home, rounded to the km.
    DistanceKm(u16),
    WorkingTimeWanted(WorkingTime),
    ContractWanted(ContractType),
    /// A licence the offer requires and the person has.
    LicenceHeld(String),
    /// A licence the offer requires and the person lacks.
    LicenceMissing(String),
    /// A language required at a level the person has.
    LanguageHeld {
        code: String,
        level: CefrLevel,
    },
    /// A language required that the person does not list.
    LanguageMissing {
        code: String,
        level: CefrLevel,
    },
    /// A language required above the level the person has.
    LanguageBelow {
        code: String,
        level: CefrLevel,
        have: CefrLevel,
    },
    /// The education level required (0–12), which the person has.
    EducationMet(u8),
    /// The education level required (0–12), above the person's.
    EducationBelow(u8),
}

impl MatchReason {
    /// Something the person lacks (the view may show it as a warning).
    pub fn is_shortfall(&self) -> bool {
        matches!(
            self,
            MatchReason::LicenceMissing(_)
                | MatchReason::LanguageMissing { .. }
                | MatchReason::LanguageBelow { .. }
                | MatchReason::EducationBelow(_)
        )
    }

    /// The text of the reason: a `match.reason.*` key with its arguments.
    pub fn message(&self) -> Msg {
        match self {
            MatchReason::SameProfession => Msg::new("match.reason.same_profession"),
            MatchReason::SameProfessionGroup { level } => Msg::new(match level {
                4 => "match.reason.profession_category",
                3 => "match.reason.profession_class",
                2 => "match.reason.profession_group",
                _ => "match.reason.profession_major_group",
            }),
            MatchReason::SameSector { .. } => Msg::new("match.reason.same_sector"),
            MatchReason::DistanceKm(0) => Msg::new("match.reason.distance_near"),
            MatchReason::DistanceKm(km) => {
                Msg::new("match.reason.distance").text("km", km.to_string())
            }
            MatchReason::WorkingTimeWanted(wt) => {
                Msg::new("match.reason.working_time").key_arg("time", working_time_key(*wt))
            }
            MatchReason::ContractWanted(c) => {
                Msg::new("match.reason.contract").key_arg("contract", contract_key(*c))
            }
            MatchReason::LicenceHeld(l) => {
                Msg::new("match.reason.licence_held").text("licence", l.clone())
            }
            MatchReason::LicenceMissing(l) => {
                Msg::new("match.reason.licence_missing").text("licence", l.clone())
            }
            MatchReason::LanguageHeld { code, level } => {
                language_arg(Msg::new("match.reason.language_held"), code)
                    .text("level", cefr_code(*level))
            }
            MatchReason::LanguageMissing { code, level } => {
                language_arg(Msg::new("match.reason.language_missing"), code)
                    .text("level", cefr_code(*level))
            }
            MatchReason::LanguageBelow { code, level, have } => {
                language_arg(Msg::new("match.reason.language_below"), code)
                    .text("level", cefr_code(*level))
                    .text("have", cefr_code(*have))
            }
            MatchReason::EducationMet(l) => {
                Msg::new("match.reason.education_met").key_arg("education", education_key(*l))
            }
            MatchReason::EducationBelow(l) => {
                Msg::new("match.reason.education_below").key_arg("education", education_key(*l))
            }
        }
    }
}

fn working_time_key(wt: WorkingTime) -> &'static str {
    match wt {
        WorkingTime::FullTime => "vacancies.time.full_time",
        WorkingTime::PartTime => "vacancies.time.part_time",
        WorkingTime::Turni => "vacancies.time.turni",
        WorkingTime::Other => "vacancies.time.other",
        WorkingTime::NotStated => "vacancies.time.not_stated",
    }
}

fn contract_key(c: ContractType) -> &'static str {
    match c {
        ContractType::TempoIndeterminato => "vacancies.contract.tempo_indeterminato",
        ContractType::TempoDeterminato => "vacancies.contract.tempo_determinato",
        ContractType::Apprendistato => "vacancies.contract.apprendistato",
        ContractType::Somministrazione => "vacancies.contract.somministrazione",
        ContractType::Tirocinio => "vacancies.contract.tirocinio",
        ContractType::Collaborazione => "vacancies.contract.collaborazione",
        ContractType::LavoroAutonomo => "vacancies.contract.lavoro_autonomo",
        ContractType::Altro => "vacancies.contract.altro",
        ContractType::NonIndicato => "vacancies.contract.non_indicato",
    }
}

fn education_key(level: u8) -> &'static str {
    const KEYS: [&str; 13] = [
        "vacancies.edu.0",
        "vacancies.edu.1",
        "vacancies.edu.2",
        "vacancies.edu.3",
        "vacancies.edu.4",
        "vacancies.edu.5",
        "vacancies.edu.6",
        "vacancies.edu.7",
        "vacancies.edu.8",
        "vacancies.edu.9",
        "vacancies.edu.10",
        "vacancies.edu.11",
        "vacancies.edu.12",
    ];
    KEYS[(level as usize).min(12)]
}

/// The `language` argument: the language's name where the locale has it
/// (`vacancies.lang.*`), else its code in capitals.
fn language_arg(m: Msg, code: &str) -> Msg {
    let key = match code {
        "en" => "vacancies.lang.en",
        "fr" => "vacancies.lang.fr",
        "de" => "vacancies.lang.de",
        "es" => "vacancies.lang.es",
        "it" => "vacancies.lang.it",
        "pt" => "vacancies.lang.pt",
        "ru" => "vacancies.lang.ru",
        "zh" => "vacancies.lang.zh",
        "ar" => "vacancies.lang.ar",
        "ro" => "vacancies.lang.ro",
        "sq" => "vacancies.lang.sq",
        "uk" => "vacancies.lang.uk",
        "pl" => "vacancies.lang.pl",
        "nl" => "vacancies.lang.nl",
        "ja" => "vacancies.lang.ja",
        _ => return m.text("language", code.to_ascii_uppercase()),
    };
    m.key_arg("language", key)
}

const CEFR: [CefrLevel; 6] = [
    CefrLevel::A1,
    CefrLevel::A2,
    CefrLevel::B1,
    CefrLevel::B2,
    CefrLevel::C1,
    CefrLevel::C2,
];

fn cefr_code(l: CefrLevel) -> &'static str {
    ["A1", "A2", "B1", "B2", "C1", "C2"][l as usize]
}

/// One offer of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferMatch {
    /// Document number in the index ([`SearchIndex::doc`]).
    pub doc: u32,
    /// Points (see the module documentation); higher is better.
    pub score: i32,
    /// In this order: profession, sector, distance, working time,
    /// contract, licences, languages, education.
    pub reasons: Vec<MatchReason>,
}

/// The profile compiled against the index: masks and unit vectors.
struct Plan {
    /// Packed CP code and its levels.
    professions: Vec<(u32, u8)>,
    sectors: Vec<u16>,
    needs_fit: bool,
    compare_requirements: bool,
    licences: u16,
    languages: Vec<([u8; 2], u8)>,
    /// Compared only when listed.
    education: Option<u8>,
    /// Bits of `WorkingTime::index`; 0: any.
    working_times: u8,
    contracts: u16,
    centre: Option<[f32; 3]>,
    /// Squared chord of radius + 0.5 km (the rounded distance ≤ radius).
    max_c2: Option<f32>,
    home_comune: Option<u32>,
    scale_km: f32,
    today: i32,
}

/// Education levels in order, every post-graduate title as one.
fn education_rank(level: u8) -> u8 {
    level.min(8)
}

impl Plan {
    fn new(index: &SearchIndex, p: &MatchProfile, today: i32) -> Plan {
        let centre = p
            .home
            .map(|(la, lo)| unit_vector(la, lo))
            .filter(|v| v[0].is_finite());
        let radius = p.radius_km.filter(|_| centre.is_some());
        let empty = p.is_empty();
        Plan {
            professions: p.professions.iter().map(|&c| (c, cp_levels(c))).collect(),
            sectors: p.sectors.clone(),
            needs_fit: !p.professions.is_empty() || !p.sectors.is_empty(),
            compare_requirements: !empty,
            licences: p.licences,
            languages: p
                .languages
                .iter()
                .filter_map(|(c, l)| {
                    let b = c.as_bytes();
                    (b.len() == 2).then(|| ([b[0], b[1]], *l as u8))
                })
                .collect(),
            education: p.education_level,
            working_times: p.working_times.iter().fold(0, |m, w| m | 1 << w.index()),
            contracts: p.contracts.iter().fold(0, |m, c| m | 1 << c.index()),
            centre,
            max_c2: radius.map(|r| km_to_chord2(r as f64 + 0.5)),
            home_comune: index.comune_by_istat(&p.home_istat),
            scale_km: radius.map(|r| r.max(1) as f32).unwrap_or(DEFAULT_SCALE_KM),
            today,
        }
    }

    /// The documents that can fit ([`Plan::needs_fit`]): those of the
    /// profile's CP major groups and ATECO divisions, as a bitset; `None`
    /// when every document can.
    fn candidates(&self, index: &SearchIndex) -> Option<Vec<u64>> {
        if !self.needs_fit {
            return None;
        }
        let mut set = vec![0u64; index.len().div_ceil(64)];
        let mut or = |bits: &[u64]| {
            for (a, b) in set.iter_mut().zip(bits) {
                *a |= b;
            }
        };
        for &(code, _) in &self.professions {
            or(index.profession_group_bits(((code >> 16) as u8).saturating_sub(1)));
        }
        for &s in &self.sectors {
            or(index.division_bits((s >> 8) as u8));
        }
        Some(set)
    }

    /// The score of a document, `None` when it is not for this profile;
    /// with `reasons`, also why.
    #[inline]
    fn score(
        &self,
        meta: &DocMeta,
        req: &DocReq,
        langs: &[LangReq],
        mut reasons: Option<&mut Vec<MatchReason>>,
    ) -> Option<i32> {
        if meta.expires < self.today {
            return None;
        }
        let wt_bit = 1u8 << meta.working_time.min(7);
        let wt_wanted = self.working_times & wt_bit != 0;
        if self.working_times != 0
            && !wt_wanted
            && meta.working_time as usize != WorkingTime::Other.index()
        {
            return None;
        }
        let c2 = match self.centre {
            Some(c) => chord2(&meta.xyz, &c),
            None => f32::NAN,
        };
        if let Some(max) = self.max_c2 {
            // NaN (no coordinates) is not within: only the home comune is.
            let within = c2 < max;
            if !within && self.home_comune != Some(meta.comune) {
                return None;
            }
        }
        // The levels shared, 5 for the same profession (see the module
        // documentation), and whether some profession fits.
        let (mut prof, mut prof_fit) = (0u8, false);
        for &(code, levels) in &self.professions {
            let shared = cp_common_levels(code, req.cp);
            prof_fit |= shared >= levels.min(2);
            prof = prof.max(if shared == levels && levels >= 3 {
                5
            } else {
                shared
            });
        }
        let mut sector = 0u8;
        if meta.division != 0 {
            let ateco = (meta.division as u16) << 8 | req.ateco_sub as u16;
            for &s in &self.sectors {
                sector = sector.max(ateco_common_digits(s, ateco));
            }
        }
        if self.needs_fit && !prof_fit && sector < 2 {
            return None;
        }

        let mut score = PROFESSION_POINTS[prof as usize] + SECTOR_POINTS[sector as usize];
        if let Some(r) = reasons.as_deref_mut() {
            match prof {
                5 => r.push(MatchReason::SameProfession),
                1..=4 => r.push(MatchReason::SameProfessionGroup { level: prof }),
                _ => {}
            }
            if sector >= 2 {
                r.push(MatchReason::SameSector { digits: sector });
            }
        }
        if c2.is_finite() {
            let km = chord2_to_km(c2);
            score += (DISTANCE_POINTS * (1.0 - km / self.scale_km))
                .round()
                .max(0.0) as i32;
            if let Some(r) = reasons.as_deref_mut() {
                r.push(MatchReason::DistanceKm(
                    km.round().min(u16::MAX as f32) as u16
                ));
            }
        }
        if wt_wanted {
            score += WORKING_TIME_POINTS;
            if let Some(r) = reasons.as_deref_mut() {
                let wt = WorkingTime::ALL[meta.working_time as usize % WorkingTime::ALL.len()];
                r.push(MatchReason::WorkingTimeWanted(wt));
            }
        }
        if self.contracts & (1 << meta.contract.min(15)) != 0 {
            score += CONTRACT_POINTS;
            if let Some(r) = reasons.as_deref_mut() {
                let c = ContractType::ALL[meta.contract as usize % ContractType::ALL.len()];
                r.push(MatchReason::ContractWanted(c));
            }
        }
        if !self.compare_requirements {
            return Some(score);
        }

        if req.licences != 0 {
            let held = req.licences & self.licences;
            let missing = req.licences & !self.licences;
            score += held.count_ones() as i32 * LICENCE_HELD_POINTS
                + missing.count_ones() as i32 * LICENCE_MISSING_POINTS;
            if let Some(r) = reasons.as_deref_mut() {
                for (i, l) in LICENCES.iter().enumerate() {
                    if held & (1 << i) != 0 {
                        r.push(MatchReason::LicenceHeld(l.to_string()));
                    } else if missing & (1 << i) != 0 {
                        r.push(MatchReason::LicenceMissing(l.to_string()));
                    }
                }
            }
        }
        for l in langs {
            let have = self
                .languages
                .iter()
                .find(|(c, _)| *c == l.code)
                .map(|&(_, level)| level);
            if have.is_none() && l.code == *b"it" {
                continue;
            }
            let met = have.is_some_and(|h| h >= l.level);
            score += if met {
                LANGUAGE_HELD_POINTS
            } else {
                LANGUAGE_MISSING_POINTS
            };
            if let Some(r) = reasons.as_deref_mut() {
                let code = String::from_utf8_lossy(&l.code).into_owned();
                let level = CEFR[(l.level as usize).min(5)];
                r.push(match have {
                    _ if met => MatchReason::LanguageHeld { code, level },
                    Some(h) => MatchReason::LanguageBelow {
                        code,
                        level,
                        have: CEFR[(h as usize).min(5)],
                    },
                    None => MatchReason::LanguageMissing { code, level },
                });
            }
        }
        if let (Some(have), Some(required)) = (self.education, req.education.checked_sub(1)) {
            let met = education_rank(have) >= education_rank(required);
            score += if met {
                EDUCATION_MET_POINTS
            } else {
                EDUCATION_BELOW_POINTS
            };
            if let Some(r) = reasons {
                r.push(if met {
                    MatchReason::EducationMet(required)
                } else {
                    MatchReason::EducationBelow(required)
                });
            }
        }
        Some(score)
    }
}

/// The best `limit` offers of `index` for `profile`, best first (see the
/// module documentation for which offers and in which order). `today` is
/// the day number (days since 1970-01-01), as for [`SearchIndex::search`].
pub fn offers_for(
    index: &SearchIndex,
    profile: &MatchProfile,
    today: i32,
    limit: usize,
) -> Vec<OfferMatch> {
    if limit == 0 {
        return Vec::new();
    }
    let plan = Plan::new(index, profile, today);
    let (docs, reqs, lang_reqs) = index.match_arrays();
    let langs_of = |r: &DocReq| {
        let start = r.lang_start as usize;
        lang_reqs
            .get(start..start + r.lang_count as usize)
            .unwrap_or(&[])
    };
    // The best `limit` so far, the worst on top: (score, published, doc),
    // better when greater.
    let mut best: BinaryHeap<Reverse<(i32, i32, Reverse<u32>)>> =
        BinaryHeap::with_capacity(limit.min(1024) + 1);
    let mut visit = |d: usize| {
        let (Some(meta), Some(req)) = (docs.get(d), reqs.get(d)) else {
            return;
        };
        if let Some(score) = plan.score(meta, req, langs_of(req), None) {
            let key = (score, meta.published, Reverse(d as u32));
            if best.len() < limit {
                best.push(Reverse(key));
            } else if let Some(mut worst) = best.peek_mut() {
                if key > worst.0 {
                    *worst = Reverse(key);
                }
            }
        }
    };
    match plan.candidates(index) {
        // Only the documents of the profile's CP major groups and ATECO
        // divisions can fit: their bitsets, not every document.
        Some(set) => {
            for (w, &word) in set.iter().enumerate() {
                let mut bits = word;
                while bits != 0 {
                    visit(w * 64 + bits.trailing_zeros() as usize);
                    bits &= bits - 1;
                }
            }
        }
        None => (0..docs.len()).for_each(visit),
    }
    best.into_sorted_vec()
        .into_iter()
        .map(|Reverse((score, _, Reverse(doc)))| {
            let mut reasons = Vec::new();
            let (meta, req) = (&docs[doc as usize], &reqs[doc as usize]);
            plan.score(meta, req, langs_of(req), Some(&mut reasons));
            OfferMatch {
                doc,
                score,
                reasons,
            }
        })
        .collect()
}

/// Full, varied synthetic profiles (24) for the benchmarks (`src/bench.rs`,
/// `bash tools/bench.sh --native`) and tests: professions, sectors, home
/// comuni, radii, licences and languages of the kind
/// `tools/gen_vacancies/gen.py` generates offers for, homes in
/// Emilia-Romagna.
#[doc(hidden)]
pub fn sample_profiles() -> Vec<Profile> {
    use crate::domain::profile::{Experience, LanguageSkill};
    use CefrLevel::*;
    // (professions, sectors, domicile, km, licences, languages, education, full, part, shifts)
    type Row = (
        &'static [&'static str],
        &'static [&'static str],
        &'static str,
        Option<u32>,
        &'static [&'static str],
        &'static [(&'static str, CefrLevel)],
        Option<u8>,
        bool,
        bool,
        bool,
    );
    #[rustfmt::skip]
    const ROWS: [Row; 24] = [
        (&["4.3.1.2.0"], &["52"], "037006", Some(20), &["B"], &[], Some(2), true, false, true),
        (&["5.1.2.2.0"], &["47.11"], "036023", Some(15), &["B"], &[("en", B1)], Some(4), false, true, false),
        (&["5.2.2.1.0"], &["56.10"], "099014", Some(30), &[], &[("en", A2), ("de", A2)], Some(3), true, false, true),
        (&["3.2.1.1.1"], &["86.10"], "034027", Some(50), &["B"], &[("en", B2)], Some(7), false, false, true),
        (&["2.7.1.1.1", "3.1.2.1.0"], &["62.01"], "037006", Some(40), &["B"], &[("en", C1)], Some(7), true, false, false),
        (&["7.4.2.3.0"], &["49.41"], "033032", Some(100), &["CE"], &[], Some(2), true, false, true),
        (&["8.1.4"], &["81.21"], "038008", Some(10), &[], &[("ro", C2), ("it", B1)], Some(1), false, true, false),
        (&["3.3.1.2.1", "4.3.2.1.0"], &["69.20"], "035033", Some(25), &["B"], &[("en", B1)], Some(4), true, false, false),
        (&["6.2.3.3.1"], &["28"], "036040", Some(30), &["B"], &[], Some(3), true, false, true),
        (&["5.2.2.4.0", "5.2.2.3.2"], &["56.30"], "099013", Some(20), &[], &[("en", B1), ("de", A2), ("fr", A2)], Some(2), false, true, true),
        (&["7.2.7"], &["28.29"], "037032", Some(25), &["B"], &[], Some(2), false, false, true),
        (&["2.2.1.1.1"], &["28"], "036023", Some(60), &["B"], &[("en", C1), ("de", B1)], Some(8), true, false, false),
        (&["5.3.1.1.0"], &["87.10"], "039014", Some(30), &["B"], &[], Some(3), false, false, true),
        (&["8.1.3.3.0"], &["53.20"], "037006", Some(15), &["B"], &[], Some(2), true, true, false),
        (&["4.1.1.1.0"], &["82.11"], "040012", Some(20), &[], &[("en", B2), ("fr", B1)], Some(4), false, true, false),
        (&["6.1.2.1.0", "8.4.2.1.0"], &["41.20"], "040007", Some(40), &["B", "C"], &[("sq", C2)], Some(1), true, false, false),
        (&["3.1.3.1.0"], &["28.41"], "036005", Some(35), &["B"], &[("en", B1)], Some(4), true, false, false),
        (&["2.6.4.2.0"], &["85.10"], "039010", Some(25), &["B"], &[("en", A2)], Some(7), true, true, false),
        (&["7.4.4.4.0"], &["52.10"], "033013", Some(30), &["B"], &[], Some(2), false, false, true),
        (&["5.1.2"], &["47.11.10"], "038004", Some(15), &[], &[("ar", C2)], Some(2), false, true, false),
        (&["3"], &["73.11"], "037006", None, &["B"], &[("en", C1), ("es", B2)], Some(7), true, false, false),
        (&["6.5.1.2"], &["10.71"], "039012", Some(20), &["B"], &[], Some(2), false, false, true),
        (&["7.4.2.2.0"], &["49.31"], "035033", Some(50), &["D"], &[], Some(3), false, false, true),
        (&["2.5.1.3.1", "3.4.5.3.0"], &["78.10"], "034027", Some(80), &["B"], &[("en", B2)], None, true, true, false),
    ];
    ROWS.iter()
        .map(
            |&(profs, sectors, istat, km, licences, languages, edu, ft, pt, sh)| Profile {
                experiences: profs
                    .iter()
                    .enumerate()
                    .map(|(i, &code)| Experience {
                        profession_code: code.to_string(),
                        profession_name: format!("Professione {code}"),
                        sector_code: sectors.get(i).unwrap_or(&sectors[0]).to_string(),
                        from: "2020-01".into(),
                        ..Experience::default()
                    })
                    .collect(),
                domicile_istat: istat.to_string(),
                mobility_km: km,
                licences: licences.iter().map(|l| l.to_string()).collect(),
                languages: languages
                    .iter()
                    .map(|&(language, level)| LanguageSkill {
                        language: language.to_string(),
                        level,
                    })
                    .collect(),
                education_level: edu,
                full_time: ft,
                part_time: pt,
                shifts: sh,
                ..Profile::default()
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::profile::{Experience, LanguageSkill};
    use crate::domain::vacancy::{
        days_to_iso, iso_to_days, Classification, Employer, LanguageRequirement, Requirements,
        Vacancy, Workplace,
    };

    const HOME: (f32, f32) = (44.4973, 11.3329);

    fn today() -> i32 {
        iso_to_days("2026-11-23").unwrap()
    }

    /// A point `km` north of `HOME` along its meridian.
    fn north(km: f64) -> (f32, f32) {
        let dlat = (km / crate::domain::search::geo::EARTH_RADIUS_KM).to_degrees();
        ((HOME.0 as f64 + dlat) as f32, HOME.1)
    }

    /// An offer in Bologna (the comune of `HOME`) unless moved.
    fn offer(id: &str, cp: &str, ateco: &str) -> Vacancy {
        Vacancy {
            id: id.into(),
            title: format!("Offerta {id}"),
            description: "Descrizione".into(),
            employer: Employer {
                name: "Ditta (nome fittizio)".into(),
                cf: None,
                ateco: None,
            },
            workplace: Workplace {
                istat: Some("037006".into()),
                belfiore: None,
                name: "Bologna".into(),
                province: "BO".into(),
            },
            lat: Some(HOME.0),
            lon: Some(HOME.1),
            profession: (!cp.is_empty()).then(|| Classification {
                code: cp.into(),
                label: "Professione".into(),
            }),
            sector: (!ateco.is_empty()).then(|| Classification {
                code: ateco.into(),
                label: "Settore".into(),
            }),
            contract: ContractType::TempoDeterminato,
            working_time: WorkingTime::FullTime,
            posts: 1,
            requirements: Requirements::default(),
            salary: None,
            published: days_to_iso(today() - 5),
            expires: days_to_iso(today() + 30),
            reserved_l68: false,
            internship: false,
            how_to_apply: String::new(),
            source: None,
        }
    }

    /// Moved to another comune, `km` north of `HOME`.
    fn at(mut v: Vacancy, km: f64) -> Vacancy {
        let (lat, lon) = north(km);
        v.lat = Some(lat);
        v.lon = Some(lon);
        v.workplace = Workplace {
            istat: Some(format!("0370{:02}", 50 + km as u32 % 40)),
            belfiore: None,
            name: format!("Comune a {km} km"),
            province: "BO".into(),
        };
        v
    }

    fn profile(cp: &str, ateco: &str) -> Profile {
        Profile {
            experiences: vec![Experience {
                profession_code: cp.into(),
                sector_code: ateco.into(),
                ..Experience::default()
            }],
            domicile_istat: "037006".into(),
            ..Profile::default()
        }
    }

    fn matching(index: &SearchIndex, p: &Profile) -> MatchProfile {
        MatchProfile::from_profile(p, index.comune_coords(&p.domicile_istat))
    }

    fn ids(index: &SearchIndex, list: &[OfferMatch]) -> Vec<String> {
        list.iter()
            .map(|m| index.doc(m.doc).unwrap().id.to_string())
            .collect()
    }

    fn find<'a>(index: &SearchIndex, list: &'a [OfferMatch], id: &str) -> Option<&'a OfferMatch> {
        list.iter().find(|m| index.doc(m.doc).unwrap().id == id)
    }

    #[test]
    fn profession_levels_and_sector_give_their_reasons_and_order() {
        let offers = vec![
            offer("same", "5.1.2.2.0", "47.11"),
            offer("cat", "5.1.2.2.1", ""),
            offer("class", "5.1.2.4.0", ""),
            offer("group", "5.1.3.1.0", ""),
            offer("major", "5.2.2.1.0", "56"),
            offer("sector", "8.1.4.2.0", "47.19"),
            offer("other", "2.7.1.1.1", "62"),
        ];
        let index = SearchIndex::build(&offers);
        let p = profile("5.1.2.2.0", "47.11.10");
        let list = offers_for(&index, &matching(&index, &p), today(), 10);
        assert_eq!(
            ids(&index, &list),
            ["same", "cat", "class", "sector", "group"],
            "{list:?}"
        );
        let reasons = |id| find(&index, &list, id).unwrap().reasons.clone();
        assert_eq!(
            reasons("same")[..2],
            [
                MatchReason::SameProfession,
                MatchReason::SameSector { digits: 4 }
            ]
        );
        assert_eq!(
            reasons("cat")[0],
            MatchReason::SameProfessionGroup { level: 4 }
        );
        assert_eq!(
            reasons("class")[0],
            MatchReason::SameProfessionGroup { level: 3 }
        );
        assert_eq!(
            reasons("group")[0],
            MatchReason::SameProfessionGroup { level: 2 }
        );
        assert_eq!(
            reasons("sector")[..1],
            [MatchReason::SameSector { digits: 3 }]
        );
        // The major group alone is not a fit; with the same division it scores.
        assert!(find(&index, &list, "major").is_none());
        let p = profile("5.1.2.2.0", "56");
        let list = offers_for(&index, &matching(&index, &p), today(), 10);
        let major = find(&index, &list, "major").unwrap();
        assert_eq!(
            major.reasons[..2],
            [
                MatchReason::SameProfessionGroup { level: 1 },
                MatchReason::SameSector { digits: 2 }
            ]
        );
        // The home comune's offers are 0 km away.
        assert!(major.reasons.contains(&MatchReason::DistanceKm(0)));
    }

    /// The app's CP list has classes (3 levels) and major groups.
    #[test]
    fn a_profession_chosen_as_a_class_or_a_major_group() {
        let offers = vec![
            offer("unit", "5.1.2.2.0", ""),
            offer("group", "5.1.3.1.0", ""),
            offer("major", "5.2.2.1.0", ""),
            offer("other", "7.4.2.3.0", ""),
        ];
        let index = SearchIndex::build(&offers);
        let list = offers_for(
            &index,
            &matching(&index, &profile("5.1.2", "")),
            today(),
            10,
        );
        assert_eq!(ids(&index, &list), ["unit", "group"]);
        assert_eq!(list[0].reasons[0], MatchReason::SameProfession);
        assert_eq!(list[0].score, 100 + 30);
        assert_eq!(
            list[1].reasons[0],
            MatchReason::SameProfessionGroup { level: 2 }
        );
        // A major group: every offer of it fits, by the level shared.
        let list = offers_for(&index, &matching(&index, &profile("5", "")), today(), 10);
        assert_eq!(ids(&index, &list), ["unit", "group", "major"]);
        assert!(list
            .iter()
            .all(|m| m.reasons[0] == MatchReason::SameProfessionGroup { level: 1 }));
    }

    #[test]
    fn the_radius_includes_its_edge_and_not_a_km_beyond() {
        let offers = vec![
            offer("home", "5.1.2.2.0", ""),
            at(offer("edge", "5.1.2.2.0", ""), 30.0),
            at(offer("rounded", "5.1.2.2.0", ""), 30.4),
            at(offer("rounded-out", "5.1.2.2.0", ""), 30.6),
            at(offer("beyond", "5.1.2.2.0", ""), 31.0),
            at(offer("far", "5.1.2.2.0", ""), 120.0),
        ];
        let mut no_coords = offer("nowhere", "5.1.2.2.0", "");
        no_coords.lat = None;
        no_coords.lon = None;
        no_coords.workplace.istat = Some("099014".into());
        no_coords.workplace.name = "Rimini".into();
        let mut home_no_coords = offer("home-nowhere", "5.1.2.2.0", "");
        (home_no_coords.lat, home_no_coords.lon) = (None, None);
        let mut offers = offers;
        offers.push(no_coords);
        offers.push(home_no_coords);
        let index = SearchIndex::build(&offers);
        let mut p = profile("5.1.2.2.0", "");
        p.mobility_km = Some(30);
        let list = offers_for(&index, &matching(&index, &p), today(), 10);
        assert_eq!(
            ids(&index, &list),
            ["home", "edge", "rounded", "home-nowhere"],
            "nearer first; the home comune's offer without coordinates is in"
        );
        let edge = find(&index, &list, "edge").unwrap();
        assert!(edge.reasons.contains(&MatchReason::DistanceKm(30)));
        // Without a radius: all, nearest first, the unplaced ones last.
        p.mobility_km = None;
        let list = offers_for(&index, &matching(&index, &p), today(), 10);
        assert_eq!(list.len(), 8);
        assert_eq!(ids(&index, &list)[..3], ["home", "edge", "rounded"]);
        // Without a home: no place at all, so no distance.
        let list = offers_for(&index, &MatchProfile::from_profile(&p, None), today(), 10);
        assert_eq!(list.len(), 8);
        assert!(list.iter().all(|m| !m
            .reasons
            .iter()
            .any(|r| matches!(r, MatchReason::DistanceKm(_)))));
    }

    #[test]
    fn a_missing_licence_ranks_below_a_held_one_and_says_so() {
        let mut needs_c = offer("needs-c", "7.4.2.3.0", "49");
        needs_c.requirements.driving_licences = vec!["C".into(), "CQC".into()];
        needs_c.published = days_to_iso(today()); // newer: only the licence keeps it down
        let mut needs_b = offer("needs-b", "7.4.2.3.0", "49");
        needs_b.requirements.driving_licences = vec!["B".into()];
        let related = offer("related", "7.4.2.2.0", "");
        let index = SearchIndex::build(&[needs_c, needs_b, related]);
        let mut p = profile("7.4.2.3.0", "49");
        p.licences = vec!["B".into()];
        let list = offers_for(&index, &matching(&index, &p), today(), 10);
        assert_eq!(ids(&index, &list), ["needs-b", "related", "needs-c"]);
        assert!(list[0]
            .reasons
            .contains(&MatchReason::LicenceHeld("B".into())));
        let c = &list[2];
        assert!(c.reasons.contains(&MatchReason::LicenceMissing("C".into())));
        assert!(c.reasons.iter().any(MatchReason::is_shortfall));
        assert!(list[0].score - c.score >= 100);
        // CE includes C and B.
        p.licences = vec!["CE".into()];
        let list = offers_for(&index, &matching(&index, &p), today(), 10);
        assert_eq!(ids(&index, &list)[0], "needs-c");
        assert!(list[0]
            .reasons
            .contains(&MatchReason::LicenceHeld("C".into())));
    }

    #[test]
    fn languages_education_working_time_and_contract_reasons() {
        let mut v = offer("v", "4.2.2.1.0", "");
        v.working_time = WorkingTime::PartTime;
        v.contract = ContractType::TempoIndeterminato;
        v.requirements = Requirements {
            education_level: Some(7),
            languages: vec![
                LanguageRequirement {
                    code: "en".into(),
                    level: CefrLevel::B2,
                },
                LanguageRequirement {
                    code: "de".into(),
                    level: CefrLevel::B1,
                },
                LanguageRequirement {
                    code: "fr".into(),
                    level: CefrLevel::A2,
                },
                LanguageRequirement {
                    code: "it".into(),
                    level: CefrLevel::C1,
                },
            ],
            driving_licences: vec![],
            experience_required: false,
        };
        let index = SearchIndex::build(&[v]);
        let mut p = profile("4.2.2.1.0", "");
        p.part_time = true;
        p.education_level = Some(4);
        p.languages = vec![
            LanguageSkill {
                language: "EN".into(),
                level: CefrLevel::C1,
            },
            LanguageSkill {
                language: "de".into(),
                level: CefrLevel::A2,
            },
        ];
        let mut m = matching(&index, &p);
        m.contracts = vec![ContractType::TempoIndeterminato];
        let list = offers_for(&index, &m, today(), 10);
        assert_eq!(
            list[0].reasons,
            vec![
                MatchReason::SameProfession,
                MatchReason::DistanceKm(0),
                MatchReason::WorkingTimeWanted(WorkingTime::PartTime),
                MatchReason::ContractWanted(ContractType::TempoIndeterminato),
                MatchReason::LanguageBelow {
                    code: "de".into(),
                    level: CefrLevel::B1,
                    have: CefrLevel::A2
                },
                MatchReason::LanguageHeld {
                    code: "en".into(),
                    level: CefrLevel::B2
                },
                MatchReason::LanguageMissing {
                    code: "fr".into(),
                    level: CefrLevel::A2
                },
                // Italian: not listed by the person, not compared.
                MatchReason::EducationBelow(7),
            ]
        );
        assert_eq!(list[0].score, 100 + 30 + 15 + 10 - 40 + 10 - 40 - 30);
        p.education_level = Some(12);
        p.languages.push(LanguageSkill {
            language: "it".into(),
            level: CefrLevel::B1,
        });
        let list = offers_for(&index, &matching(&index, &p), today(), 10);
        assert!(list[0].reasons.contains(&MatchReason::EducationMet(7)));
        assert!(list[0].reasons.contains(&MatchReason::LanguageBelow {
            code: "it".into(),
            level: CefrLevel::C1,
            have: CefrLevel::B1
        }));
    }

    #[test]
    fn unwanted_working_times_are_left_out() {
        let mut offers = Vec::new();
        for (id, wt) in [
            ("full", WorkingTime::FullTime),
            ("part", WorkingTime::PartTime),
            ("shifts", WorkingTime::Turni),
            ("other", WorkingTime::Other),
        ] {
            let mut v = offer(id, "5.1.2.2.0", "");
            v.working_time = wt;
            offers.push(v);
        }
        let index = SearchIndex::build(&offers);
        let mut p = profile("5.1.2.2.0", "");
        p.part_time = true;
        let list = offers_for(&index, &matching(&index, &p), today(), 10);
        assert_eq!(ids(&index, &list), ["part", "other"]);
        p.shifts = true;
        let list = offers_for(&index, &matching(&index, &p), today(), 10);
        assert_eq!(ids(&index, &list), ["part", "shifts", "other"]);
        p.part_time = false;
        p.shifts = false;
        let list = offers_for(&index, &matching(&index, &p), today(), 10);
        assert_eq!(list.len(), 4, "nothing ticked: no preference");
    }

    #[test]
    fn expired_offers_never_and_the_order_is_deterministic() {
        let mut offers = Vec::new();
        for i in 0..12 {
            let mut v = offer(&format!("o{i}"), "5.1.2.2.0", "");
            v.published = days_to_iso(today() - (i % 3));
            offers.push(v);
        }
        offers[4].expires = days_to_iso(today() - 1);
        offers[5].expires = days_to_iso(today());
        let index = SearchIndex::build(&offers);
        let m = matching(&index, &profile("5.1.2.2.0", ""));
        let list = offers_for(&index, &m, today(), 20);
        assert_eq!(
            ids(&index, &list),
            ["o0", "o3", "o6", "o9", "o1", "o7", "o10", "o2", "o5", "o8", "o11"],
            "same score: newest, then document order; o4 expired, o5 open today"
        );
        assert_eq!(offers_for(&index, &m, today(), 20), list);
        for limit in 1..12 {
            assert_eq!(offers_for(&index, &m, today(), limit)[..], list[..limit]);
        }
        assert!(offers_for(&index, &m, today(), 0).is_empty());
        // After a round trip through the binary form: the same list.
        let back = SearchIndex::from_bytes(&index.to_bytes()).unwrap();
        assert_eq!(offers_for(&back, &m, today(), 20), list);
    }

    #[test]
    fn an_empty_profile_gets_the_newest_offers_and_no_fit_gets_nothing() {
        let mut offers = Vec::new();
        for (i, age) in [3, 0, 9, 1].into_iter().enumerate() {
            let mut v = offer(&format!("n{i}"), "5.1.2.2.0", "");
            v.published = days_to_iso(today() - age);
            v.requirements.driving_licences = vec!["B".into()];
            offers.push(v);
        }
        let index = SearchIndex::build(&offers);
        let empty = MatchProfile::from_profile(&Profile::default(), None);
        assert!(empty.is_empty());
        let list = offers_for(&index, &empty, today(), 3);
        assert_eq!(ids(&index, &list), ["n1", "n3", "n0"]);
        assert!(list.iter().all(|m| m.reasons.is_empty() && m.score == 0));
        // A profile whose professions fit no offer: nothing.
        let list = offers_for(
            &index,
            &matching(&index, &profile("2.7.1.1.1", "62")),
            today(),
            3,
        );
        assert!(list.is_empty());
    }

    #[test]
    fn the_profile_is_read_as_documented() {
        let p = Profile {
            experiences: vec![
                Experience {
                    profession_code: "5.1.2.2.0".into(),
                    sector_code: "47.11.10".into(),
                    ..Experience::default()
                },
                Experience {
                    profession_code: "5.1.2.2.0".into(),
                    sector_code: "bad".into(),
                    ..Experience::default()
                },
                Experience {
                    profession_code: "5.1".into(),
                    ..Experience::default()
                },
            ],
            licences: vec!["C".into(), "CQC".into()],
            languages: vec![
                LanguageSkill {
                    language: "en".into(),
                    level: CefrLevel::A2,
                },
                LanguageSkill {
                    language: "EN".into(),
                    level: CefrLevel::B2,
                },
                LanguageSkill {
                    language: "english".into(),
                    level: CefrLevel::C2,
                },
            ],
            shifts: true,
            mobility_km: Some(25),
            domicile_istat: " 037006 ".into(),
            education_level: Some(40),
            ..Profile::default()
        };
        let m = MatchProfile::from_profile(&p, Some((f32::NAN, 0.0)));
        assert_eq!(m.professions, vec![pack_cp("5.1.2.2.0"), pack_cp("5.1")]);
        assert_eq!(m.sectors, vec![pack_ateco("47.11")]);
        let has = |l: &str| m.licences & licence_bit(l).unwrap() != 0;
        assert!(has("C") && has("C1") && has("B") && has("B1") && has("AM"));
        assert!(!has("CE") && !has("D") && !has("A"));
        assert_eq!(m.languages, vec![("en".to_string(), CefrLevel::B2)]);
        assert_eq!(m.working_times, vec![WorkingTime::Turni]);
        assert_eq!((m.home, m.home_istat.as_str()), (None, "037006"));
        assert_eq!((m.radius_km, m.education_level), (Some(25), None));
        assert!(!m.is_empty());
    }

    #[test]
    fn every_reason_has_a_match_key_and_its_arguments() {
        let reasons = [
            MatchReason::SameProfession,
            MatchReason::SameProfessionGroup { level: 4 },
            MatchReason::SameProfessionGroup { level: 3 },
            MatchReason::SameProfessionGroup { level: 2 },
            MatchReason::SameProfessionGroup { level: 1 },
            MatchReason::SameSector { digits: 2 },
            MatchReason::DistanceKm(0),
            MatchReason::DistanceKm(12),
            MatchReason::WorkingTimeWanted(WorkingTime::Turni),
            MatchReason::ContractWanted(ContractType::Apprendistato),
            MatchReason::LicenceHeld("B".into()),
            MatchReason::LicenceMissing("CE".into()),
            MatchReason::LanguageHeld {
                code: "en".into(),
                level: CefrLevel::B2,
            },
            MatchReason::LanguageMissing {
                code: "xx".into(),
                level: CefrLevel::A1,
            },
            MatchReason::LanguageBelow {
                code: "de".into(),
                level: CefrLevel::C1,
                have: CefrLevel::B1,
            },
            MatchReason::EducationMet(4),
            MatchReason::EducationBelow(7),
        ];
        let mut keys = std::collections::BTreeSet::new();
        for r in &reasons {
            let m = r.message();
            assert!(m.key.starts_with("match.reason."), "{m:?}");
            keys.insert(m.key);
            // Every placeholder of a plausible template is filled.
            let tr = |k: &str| match k {
                "match.reason.distance" => "a {km} km".to_string(),
                "match.reason.working_time" => "{time}".to_string(),
                "match.reason.contract" => "{contract}".to_string(),
                "match.reason.licence_held" | "match.reason.licence_missing" => {
                    "patente {licence}".to_string()
                }
                "match.reason.language_below" => "{language} {level} ({have})".to_string(),
                k if k.contains("reason.language_") => "{language} {level}".to_string(),
                k if k.contains("reason.education_") => "{education}".to_string(),
                k => k.to_string(),
            };
            let text = m.render(&tr);
            assert!(!text.contains('{'), "{text}");
        }
        assert_eq!(keys.len(), 17);
        let tr = |k: &str| match k {
            "match.reason.distance" => "a {km} km".to_string(),
            "match.reason.language_below" => "{language} {level}, hai {have}".to_string(),
            "vacancies.lang.de" => "tedesco".to_string(),
            k => k.to_string(),
        };
        assert_eq!(reasons[7].message().render(&tr), "a 12 km");
        assert_eq!(reasons[14].message().render(&tr), "tedesco C1, hai B1");
        assert_eq!(
            reasons[13].message().args[0],
            ("language", crate::domain::message::Arg::Text("XX".into()))
        );
    }

    #[test]
    fn the_sample_profiles_are_distinct_and_full() {
        let all = sample_profiles();
        assert!(all.len() >= 20);
        for (i, p) in all.iter().enumerate() {
            assert!(!p.experiences.is_empty() && !p.domicile_istat.is_empty());
            assert!(all[..i].iter().all(|q| q != p));
            assert!(
                crate::domain::profile::validate(p, (2026, 12)).is_empty(),
                "{i}"
            );
        }
        // On the demo feed each finds offers.
        let feed = include_str!("../../public/data/vacancies.json");
        let (offers, _) = crate::domain::vacancy::parse_vacancy_feed(feed).unwrap();
        let index = SearchIndex::build(&offers);
        let found = all
            .iter()
            .filter(|p| !offers_for(&index, &matching(&index, p), today(), 20).is_empty())
            .count();
        assert!(found >= all.len() - 2, "{found} of {}", all.len());
    }

    /// "Offerte per te" at scale: `VACANCIES_JSON=feed.json cargo test
    /// --release --lib offer_match -- --ignored --nocapture` (tools/bench.sh
    /// --native generates the feed with gen.py). Each profile 5 times, its
    /// median; p50 / p95 over the profiles, as tools/bench/vacancies.mjs.
    #[test]
    #[ignore]
    fn bench_offers_for() {
        let Ok(path) = std::env::var("VACANCIES_JSON") else {
            eprintln!("offerte per te: set VACANCIES_JSON to a feed (tools/bench.sh --native)");
            return;
        };
        let text = std::fs::read_to_string(&path).expect("VACANCIES_JSON readable");
        let (offers, _) = crate::domain::vacancy::parse_vacancy_feed(&text).expect("a feed");
        drop(text);
        let index = SearchIndex::build(&offers);
        drop(offers);
        let bytes = index.to_bytes();
        let index = SearchIndex::from_bytes(&bytes).unwrap();
        let profiles: Vec<MatchProfile> = sample_profiles()
            .iter()
            .map(|p| matching(&index, p))
            .collect();
        let mut medians = Vec::new();
        let mut found = Vec::new();
        for m in &profiles {
            let mut runs: Vec<f64> = (0..5)
                .map(|_| {
                    let t = std::time::Instant::now();
                    let list = std::hint::black_box(offers_for(&index, m, today(), 20));
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    found.push(list.len());
                    ms
                })
                .collect();
            runs.sort_by(f64::total_cmp);
            medians.push(runs[2]);
        }
        let t = std::time::Instant::now();
        let newest = offers_for(&index, &MatchProfile::default(), today(), 20);
        let empty_ms = t.elapsed().as_secs_f64() * 1000.0;
        let mut s = medians.clone();
        s.sort_by(f64::total_cmp);
        let pct = |p: f64| s[((s.len() as f64 * p) as usize).min(s.len() - 1)];
        eprintln!(
            "offerte per te, native: {} offers, {} profiles, 20 best: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms; empty profile {:.2} ms ({} offers)",
            index.len(),
            profiles.len(),
            pct(0.5),
            pct(0.95),
            s[s.len() - 1],
            empty_ms,
            newest.len()
        );
        eprintln!(
            "  offers found per profile (of 20): {:?}",
            &found[..].chunks(5).map(|c| c[0]).collect::<Vec<_>>()
        );
    }
}
