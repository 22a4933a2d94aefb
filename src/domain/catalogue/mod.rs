//! The service catalogue: the LEP services of the Centri per l'Impiego
//! (DM 4/2018 Allegato B, D.Lgs. 150/2015), as published in the
//! `catalogue` feed (`public/data/catalogue.json`, documented in
//! `docs/feeds-catalogue.md`).
//!
//! Pure and panic-free: types for the feed items, the "what do you need?"
//! entry points ([`Need`]), audiences, and a tolerant search ([`search`])
//! built on [`crate::domain::text`] (in `search`), and
//! the filters of the catalogue page (in `filters`).

use serde::{Deserialize, Serialize};

use super::feed::Localized;

mod filters;
mod search;

pub use filters::{
    audience_choices, people_needs, result_summary, select, split_for_employers, ActiveFilter,
    Filters, ResultSummary, PARAM_AUDIENCE, PARAM_NEED, PARAM_QUERY,
};
pub use search::{search, NeedLabels};

/// App sections a service may link to (`related`).
pub const RELATED_SECTIONS: [&str; 5] = ["did", "profiling", "vacancies", "avvisi", "patto"];

/// An app section a service may link to (its `related` list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelatedSection {
    Did,
    Profiling,
    Vacancies,
    Avvisi,
    Patto,
}

impl RelatedSection {
    pub const ALL: [RelatedSection; 5] = [
        RelatedSection::Did,
        RelatedSection::Profiling,
        RelatedSection::Vacancies,
        RelatedSection::Avvisi,
        RelatedSection::Patto,
    ];

    /// The name used in the feed, one of [`RELATED_SECTIONS`].
    pub fn slug(self) -> &'static str {
        match self {
            RelatedSection::Did => "did",
            RelatedSection::Profiling => "profiling",
            RelatedSection::Vacancies => "vacancies",
            RelatedSection::Avvisi => "avvisi",
            RelatedSection::Patto => "patto",
        }
    }

    pub fn from_slug(s: &str) -> Option<RelatedSection> {
        RelatedSection::ALL.into_iter().find(|r| r.slug() == s)
    }
}

/// Who a service is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Every person looking for work.
    Everyone,
    YoungPeople,
    /// People receiving NASpI (unemployment benefit).
    Naspi,
    /// People with disabilities (L. 68/1999).
    Disability,
    /// People in vulnerable situations.
    Vulnerable,
    /// People who want to become self-employed.
    SelfEmployment,
    /// Employers.
    Employers,
}

impl Audience {
    pub const ALL: [Audience; 7] = [
        Audience::Everyone,
        Audience::YoungPeople,
        Audience::Naspi,
        Audience::Disability,
        Audience::Vulnerable,
        Audience::SelfEmployment,
        Audience::Employers,
    ];

    /// The snake_case name used in the feed and in URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Audience::Everyone => "everyone",
            Audience::YoungPeople => "young_people",
            Audience::Naspi => "naspi",
            Audience::Disability => "disability",
            Audience::Vulnerable => "vulnerable",
            Audience::SelfEmployment => "self_employment",
            Audience::Employers => "employers",
        }
    }

    pub fn from_slug(s: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.slug() == s)
    }

    /// The key of its label in the locale files ("catalogue.audience.young_people").
    pub fn key(self) -> &'static str {
        match self {
            Audience::Everyone => "catalogue.audience.everyone",
            Audience::YoungPeople => "catalogue.audience.young_people",
            Audience::Naspi => "catalogue.audience.naspi",
            Audience::Disability => "catalogue.audience.disability",
            Audience::Vulnerable => "catalogue.audience.vulnerable",
            Audience::SelfEmployment => "catalogue.audience.self_employment",
            Audience::Employers => "catalogue.audience.employers",
        }
    }
}

/// What the person needs: the entry points of the "what do you need?" page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    FindJob,
    Training,
    Disability,
    Naspi,
    SelfEmployment,
    WorkLifeBalance,
    /// "I don't know where to start": guidance and orientation.
    Guidance,
    /// DID, registration with the CPI.
    Register,
    Internship,
    EmployerHiring,
    /// Working abroad or elsewhere: EURES, mobility.
    Abroad,
}

impl Need {
    /// Every need, in the order the app shows them.
    pub const ALL: [Need; 11] = [
        Need::FindJob,
        Need::Guidance,
        Need::Register,
        Need::Training,
        Need::Internship,
        Need::Naspi,
        Need::Disability,
        Need::SelfEmployment,
        Need::WorkLifeBalance,
        Need::Abroad,
        Need::EmployerHiring,
    ];

    /// The snake_case name used in the feed and in URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Need::FindJob => "find_job",
            Need::Training => "training",
            Need::Disability => "disability",
            Need::Naspi => "naspi",
            Need::SelfEmployment => "self_employment",
            Need::WorkLifeBalance => "work_life_balance",
            Need::Guidance => "guidance",
            Need::Register => "register",
            Need::Internship => "internship",
            Need::EmployerHiring => "employer_hiring",
            Need::Abroad => "abroad",
        }
    }

    pub fn from_slug(s: &str) -> Option<Need> {
        Need::ALL.into_iter().find(|n| n.slug() == s)
    }

    /// The key of its label in the locale files, a plain first-person
    /// phrase as a person would say it ("catalogue.need.internship").
    pub fn key(self) -> &'static str {
        match self {
            Need::FindJob => "catalogue.need.find_job",
            Need::Training => "catalogue.need.training",
            Need::Disability => "catalogue.need.disability",
            Need::Naspi => "catalogue.need.naspi",
            Need::SelfEmployment => "catalogue.need.self_employment",
            Need::WorkLifeBalance => "catalogue.need.work_life_balance",
            Need::Guidance => "catalogue.need.guidance",
            Need::Register => "catalogue.need.register",
            Need::Internship => "catalogue.need.internship",
            Need::EmployerHiring => "catalogue.need.employer_hiring",
            Need::Abroad => "catalogue.need.abroad",
        }
    }
}

/// One service of the catalogue (an item of the `catalogue` feed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable lowercase slug used in permalinks (`orientamento-di-base`).
    pub id: String,
    pub title: Localized,
    /// One plain sentence.
    pub summary: Localized,
    pub description: Localized,
    #[serde(default)]
    pub activities: Vec<Localized>,
    #[serde(default)]
    pub outputs: Vec<Localized>,
    #[serde(default)]
    pub outcomes: Vec<Localized>,
    /// SAP activity codes given by the DM 4/2018 schede ("B03").
    #[serde(default)]
    pub sap_codes: Vec<String>,
    /// Legal references as written in the source ("D.Lgs. 150/2015, art. 18, …").
    #[serde(default)]
    pub legal_basis: Vec<String>,
    #[serde(default)]
    pub audiences: Vec<Audience>,
    #[serde(default)]
    pub needs: Vec<Need>,
    /// How to access the service.
    pub access: Localized,
    #[serde(default)]
    pub for_employers: bool,
    /// App sections to link to, among [`RELATED_SECTIONS`].
    #[serde(default)]
    pub related: Vec<String>,
}

impl Service {
    /// The related sections the app knows, in feed order (unknown names,
    /// which [`check`] reports, are skipped).
    pub fn related_sections(&self) -> Vec<RelatedSection> {
        self.related
            .iter()
            .filter_map(|r| RelatedSection::from_slug(r))
            .collect()
    }

    pub fn serves_need(&self, need: Need) -> bool {
        self.needs.contains(&need)
    }

    /// True when the service lists `audience`, or lists `everyone` and
    /// `audience` is a kind of person (not `employers`).
    pub fn is_for(&self, audience: Audience) -> bool {
        self.audiences.contains(&audience)
            || (audience != Audience::Employers && self.audiences.contains(&Audience::Everyone))
    }
}

/// True for a permalink slug: non-empty, lowercase ASCII letters and digits
/// in groups joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Problems with a decoded catalogue (empty when fine): bad or duplicate
/// ids, empty Italian texts, unknown related sections, employer flag not
/// matching the audience.
pub fn check(services: &[Service]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for s in services {
        if !is_slug(&s.id) {
            problems.push(format!("id non valido: {:?}", s.id));
        }
        if seen.contains(&s.id.as_str()) {
            problems.push(format!("id duplicato: {}", s.id));
        }
        seen.push(&s.id);
        for (field, l) in [
            ("title", &s.title),
            ("summary", &s.summary),
            ("description", &s.description),
            ("access", &s.access),
        ] {
            if l.it.trim().is_empty() {
                problems.push(format!("{}: {field} vuoto", s.id));
            }
        }
        for r in &s.related {
            if !RELATED_SECTIONS.contains(&r.as_str()) {
                problems.push(format!("{}: sezione collegata sconosciuta {r:?}", s.id));
            }
        }
        if s.for_employers != s.audiences.contains(&Audience::Employers) {
            problems.push(format!(
                "{}: for_employers non coerente con audiences",
                s.id
            ));
        }
        if s.audiences.is_empty() {
            problems.push(format!("{}: nessun destinatario", s.id));
        }
    }
    problems
}

/// The service with this id.
pub fn find<'a>(services: &'a [Service], id: &str) -> Option<&'a Service> {
    services.iter().find(|s| s.id == id)
}

/// Where a service page stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    /// The catalogue is still coming.
    Loading,
    Found(Box<Service>),
    /// No service has this id, or no catalogue will come.
    NotFound,
}

/// The service `id` in the catalogue when it is there; without a catalogue,
/// `gave_up` tells whether loading has ended without one (nothing cached
/// and the network failed), so nothing will come.
pub fn lookup(services: Option<&[Service]>, id: &str, gave_up: impl FnOnce() -> bool) -> Lookup {
    match services {
        Some(list) => match find(list, id) {
            Some(s) => Lookup::Found(Box::new(s.clone())),
            None => Lookup::NotFound,
        },
        None if gave_up() => Lookup::NotFound,
        None => Lookup::Loading,
    }
}

/// Services tagged with `need`, in feed order.
pub fn services_for_need(services: &[Service], need: Need) -> Vec<&Service> {
    services.iter().filter(|s| s.serves_need(need)).collect()
}

/// Services for `audience` (see [`Service::is_for`]), in feed order.
pub fn filter_by_audience(services: &[Service], audience: Audience) -> Vec<&Service> {
    services.iter().filter(|s| s.is_for(audience)).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn l(it: &str, en: &str) -> Localized {
        Localized {
            it: it.into(),
            en: Some(en.into()),
            ..Default::default()
        }
    }

    pub(crate) fn svc(
        id: &str,
        title: &str,
        summary: &str,
        activities: &[&str],
        needs: &[Need],
        audiences: &[Audience],
    ) -> Service {
        Service {
            id: id.into(),
            title: l(title, &format!("{title} (en)")),
            summary: l(summary, "summary"),
            description: l("Descrizione generica del servizio.", "Generic description."),
            activities: activities.iter().map(|a| Localized::it(a)).collect(),
            outputs: vec![],
            outcomes: vec![],
            sap_codes: vec![],
            legal_basis: vec![],
            audiences: audiences.to_vec(),
            needs: needs.to_vec(),
            access: l("Al CPI", "At the CPI"),
            for_employers: audiences.contains(&Audience::Employers),
            related: vec![],
        }
    }

    pub(crate) fn sample() -> Vec<Service> {
        vec![
            svc(
                "orientamento-di-base",
                "Orientamento di base",
                "Un colloquio individuale.",
                &["Colloquio individuale"],
                &[Need::Guidance],
                &[Audience::Everyone],
            ),
            svc(
                "attivazione-del-tirocinio",
                "Attivazione del tirocinio",
                "Opportunità di tirocinio presso le imprese.",
                &["Monitoraggio"],
                &[Need::Internship],
                &[Audience::Everyone],
            ),
            svc(
                "supporto-autoimpiego",
                "Supporto all'autoimpiego",
                "Per chi vuole mettersi in proprio.",
                &["Tutoraggio alla persona impegnata nell'autoimpiego"],
                &[Need::SelfEmployment],
                &[Audience::SelfEmployment],
            ),
            svc(
                "incontro-imprese",
                "Incontro domanda offerta per le imprese",
                "Per i datori di lavoro.",
                &["Presentare all'impresa una rosa di candidature"],
                &[Need::EmployerHiring],
                &[Audience::Employers],
            ),
            svc(
                "mobilita",
                "Gestione di incentivi alla mobilità territoriale",
                "Lavoro o tirocinio in altre regioni.",
                &["Informazione sulle agevolazioni per la mobilità"],
                &[Need::Abroad, Need::Internship],
                &[Audience::Everyone],
            ),
            svc(
                "collocamento-mirato",
                "Collocamento mirato",
                "Persone con disabilità.",
                &["Verifica della percentuale di invalidità e delle attività lavorative"],
                &[Need::Disability],
                &[Audience::Disability],
            ),
        ]
    }

    /// A need's label as the app searches it: Italian and English texts
    /// from the locale files.
    pub(crate) fn labels(n: Need) -> Vec<String> {
        use crate::i18n::{lookup, Lang};
        vec![lookup(Lang::It, n.key()), lookup(Lang::En, n.key())]
    }

    pub(crate) fn ids(v: &[&Service]) -> Vec<String> {
        v.iter().map(|s| s.id.clone()).collect()
    }

    #[test]
    fn need_and_audience_slugs_round_trip_and_match_serde() {
        for n in Need::ALL {
            assert_eq!(Need::from_slug(n.slug()), Some(n));
            assert_eq!(
                serde_json::to_string(&n).unwrap(),
                format!("\"{}\"", n.slug())
            );
            assert_eq!(n.key(), format!("catalogue.need.{}", n.slug()));
        }
        for a in Audience::ALL {
            assert_eq!(Audience::from_slug(a.slug()), Some(a));
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                format!("\"{}\"", a.slug())
            );
        }
        assert_eq!(Need::from_slug("nope"), None);
        for a in Audience::ALL {
            assert_eq!(a.key(), format!("catalogue.audience.{}", a.slug()));
        }
    }

    #[test]
    fn need_all_has_every_variant_once() {
        let mut v = Need::ALL.to_vec();
        v.sort();
        v.dedup();
        assert_eq!(v.len(), 11);
    }

    #[test]
    fn services_for_need_keeps_feed_order() {
        let s = sample();
        assert_eq!(
            ids(&services_for_need(&s, Need::Internship)),
            ["attivazione-del-tirocinio", "mobilita"]
        );
        assert!(services_for_need(&s, Need::Naspi).is_empty());
    }

    #[test]
    fn filter_by_audience_includes_everyone_services_for_people_only() {
        let s = sample();
        let d = ids(&filter_by_audience(&s, Audience::Disability));
        assert_eq!(
            d,
            [
                "orientamento-di-base",
                "attivazione-del-tirocinio",
                "mobilita",
                "collocamento-mirato"
            ]
        );
        assert_eq!(
            ids(&filter_by_audience(&s, Audience::Employers)),
            ["incontro-imprese"]
        );
    }

    #[test]
    fn slugs_and_check() {
        assert!(is_slug("orientamento-di-base"));
        assert!(is_slug("a1"));
        for bad in ["", "-a", "a-", "a--b", "Orientamento", "à", "a b"] {
            assert!(!is_slug(bad), "{bad}");
        }
        let mut s = sample();
        assert!(check(&s).is_empty(), "{:?}", check(&s));
        s[1].id = "orientamento-di-base".into();
        s[2].related = vec!["nowhere".into()];
        s[3].for_employers = false;
        let p = check(&s);
        assert_eq!(p.len(), 3, "{p:?}");
    }

    #[test]
    fn unknown_fields_and_values_are_rejected() {
        let ok = r#"{"id":"x","title":{"it":"T"},"summary":{"it":"S"},"description":{"it":"D"},"access":{"it":"A"},"needs":["find_job"],"audiences":["everyone"]}"#;
        let s: Service = serde_json::from_str(ok).unwrap();
        assert!(s.activities.is_empty() && !s.for_employers);
        let extra = ok.replace("\"id\":\"x\"", "\"id\":\"x\",\"extra\":1");
        assert!(serde_json::from_str::<Service>(&extra).is_err());
        let bad_need = ok.replace("find_job", "find_love");
        assert!(serde_json::from_str::<Service>(&bad_need).is_err());
    }

    #[test]
    fn related_sections_round_trip_and_skip_unknown() {
        for r in RelatedSection::ALL {
            assert_eq!(RelatedSection::from_slug(r.slug()), Some(r));
            assert!(RELATED_SECTIONS.contains(&r.slug()));
        }
        assert_eq!(RelatedSection::ALL.len(), RELATED_SECTIONS.len());
        let mut s = sample().remove(0);
        s.related = vec!["patto".into(), "nowhere".into(), "did".into()];
        assert_eq!(
            s.related_sections(),
            [RelatedSection::Patto, RelatedSection::Did]
        );
    }

    #[test]
    fn lookup_loading_found_or_not() {
        let s = sample();
        assert_eq!(
            lookup(Some(&s), "mobilita", || true),
            Lookup::Found(Box::new(s[4].clone()))
        );
        assert_eq!(lookup(Some(&s), "missing", || false), Lookup::NotFound);
        assert_eq!(lookup(None, "mobilita", || false), Lookup::Loading);
        assert_eq!(lookup(None, "mobilita", || true), Lookup::NotFound);
    }

    #[test]
    fn find_by_id() {
        let s = sample();
        assert_eq!(
            find(&s, "mobilita").map(|x| x.id.as_str()),
            Some("mobilita")
        );
        assert!(find(&s, "missing").is_none());
    }
}
