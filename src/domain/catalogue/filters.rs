//! The filters of the catalogue page (`/servizi`): need, audience and text,
//! as read from and written to the URL
//! (`?bisogno=find_job&per=young_people&q=tirocini`), and what the result
//! list says about what they select.

use super::{search, Audience, Need, NeedLabels, Service};

pub const PARAM_NEED: &str = "bisogno";
pub const PARAM_AUDIENCE: &str = "per";
pub const PARAM_QUERY: &str = "q";

/// The catalogue filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub need: Option<Need>,
    pub audience: Option<Audience>,
    pub query: String,
}

/// One filter in effect, for the "remove this filter" chips.
#[derive(Clone, Debug, PartialEq)]
pub enum ActiveFilter {
    Need(Need),
    Audience(Audience),
    /// The query, trimmed.
    Query(String),
}

impl Filters {
    /// From the URL parameters; unknown values are ignored. `per=everyone`
    /// means no audience filter: "everyone" is not a group to narrow to.
    pub fn from_params(
        need: Option<String>,
        audience: Option<String>,
        query: Option<String>,
    ) -> Self {
        Filters {
            need: need.as_deref().and_then(Need::from_slug),
            audience: audience
                .as_deref()
                .and_then(Audience::from_slug)
                .filter(|a| *a != Audience::Everyone),
            query: query.unwrap_or_default(),
        }
    }

    /// The URL parameters of these filters, in URL order; a filter not set
    /// has an empty value (left out of the URL). The query is trimmed.
    pub fn params(&self) -> [(&'static str, &str); 3] {
        [
            (PARAM_NEED, self.need.map(Need::slug).unwrap_or("")),
            (
                PARAM_AUDIENCE,
                self.audience.map(Audience::slug).unwrap_or(""),
            ),
            (PARAM_QUERY, self.query.trim()),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.need.is_none() && self.audience.is_none() && self.query.trim().is_empty()
    }

    /// Choosing a need: the audience stays, the text search is dropped.
    pub fn choosing_need(&self, need: Need) -> Filters {
        Filters {
            need: Some(need),
            audience: self.audience,
            query: String::new(),
        }
    }

    /// The filters in effect (need, audience, query), each with the filters
    /// that remain once it is removed.
    pub fn active(&self) -> Vec<(ActiveFilter, Filters)> {
        let mut out = Vec::new();
        if let Some(n) = self.need {
            out.push((
                ActiveFilter::Need(n),
                Filters {
                    need: None,
                    ..self.clone()
                },
            ));
        }
        if let Some(a) = self.audience {
            out.push((
                ActiveFilter::Audience(a),
                Filters {
                    audience: None,
                    ..self.clone()
                },
            ));
        }
        let q = self.query.trim();
        if !q.is_empty() {
            out.push((
                ActiveFilter::Query(q.to_string()),
                Filters {
                    query: String::new(),
                    ..self.clone()
                },
            ));
        }
        out
    }
}

/// The services matching every filter: ranked by [`search`] when there is
/// a query, in feed order otherwise.
pub fn select<'a>(
    services: &'a [Service],
    f: &Filters,
    lang: &str,
    need_labels: &NeedLabels,
) -> Vec<&'a Service> {
    search(services, &f.query, lang, need_labels)
        .into_iter()
        .filter(|s| f.need.is_none_or(|n| s.serves_need(n)))
        .filter(|s| f.audience.is_none_or(|a| s.is_for(a)))
        .collect()
}

/// The needs shown to people; the employers' one is shown on its own.
pub fn people_needs() -> impl Iterator<Item = Need> {
    Need::ALL.into_iter().filter(|n| *n != Need::EmployerHiring)
}

/// The audiences a person can narrow the list to (not "everyone").
pub fn audience_choices() -> impl Iterator<Item = Audience> {
    Audience::ALL
        .into_iter()
        .filter(|a| *a != Audience::Everyone)
}

/// What the result count says: how many services, and how many of them
/// are for employers when the list mixes both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResultSummary {
    pub total: usize,
    /// Employers' services, when some but not all of the list are.
    pub employers_apart: Option<usize>,
}

pub fn result_summary(list: &[Service]) -> ResultSummary {
    let total = list.len();
    let employers = list.iter().filter(|s| s.for_employers).count();
    ResultSummary {
        total,
        employers_apart: (employers > 0 && employers < total).then_some(employers),
    }
}

/// The results as `(people, employers)`: services for people first, the
/// employers' ones apart; each keeps its order.
pub fn split_for_employers(list: Vec<Service>) -> (Vec<Service>, Vec<Service>) {
    let (employers, people): (Vec<Service>, Vec<Service>) =
        list.into_iter().partition(|s| s.for_employers);
    (people, employers)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ids, labels, sample};
    use super::*;

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn params_read_ignoring_unknown_values_and_everyone() {
        let f = Filters::from_params(some("internship"), some("young_people"), some("tiroc"));
        assert_eq!(f.need, Some(Need::Internship));
        assert_eq!(f.audience, Some(Audience::YoungPeople));
        assert_eq!(f.query, "tiroc");
        let f = Filters::from_params(some("nope"), some("everyone"), None);
        assert_eq!(f, Filters::default());
        assert!(f.is_empty());
        assert!(Filters::from_params(None, some("martians"), some("   ")).is_empty());
    }

    #[test]
    fn params_written_in_url_order_with_trimmed_query() {
        let f = Filters {
            need: Some(Need::FindJob),
            audience: None,
            query: " cuoco  ".into(),
        };
        assert_eq!(
            f.params(),
            [("bisogno", "find_job"), ("per", ""), ("q", "cuoco")]
        );
        // Read back, the same filters (query trimmed).
        let [(_, n), (_, a), (_, q)] = f.params();
        let back = Filters::from_params(some(n), some(a), some(q));
        assert_eq!(
            back,
            Filters {
                query: "cuoco".into(),
                ..f
            }
        );
    }

    #[test]
    fn choosing_a_need_keeps_audience_and_drops_query() {
        let f = Filters {
            need: Some(Need::FindJob),
            audience: Some(Audience::Naspi),
            query: "corso".into(),
        };
        assert_eq!(
            f.choosing_need(Need::Training),
            Filters {
                need: Some(Need::Training),
                audience: Some(Audience::Naspi),
                query: String::new()
            }
        );
    }

    #[test]
    fn active_filters_each_remove_only_themselves() {
        assert!(Filters::default().active().is_empty());
        let f = Filters {
            need: Some(Need::FindJob),
            audience: Some(Audience::Naspi),
            query: " corso ".into(),
        };
        let a = f.active();
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].0, ActiveFilter::Need(Need::FindJob));
        assert_eq!(
            a[0].1,
            Filters {
                need: None,
                ..f.clone()
            }
        );
        assert_eq!(a[1].0, ActiveFilter::Audience(Audience::Naspi));
        assert_eq!(
            a[1].1,
            Filters {
                audience: None,
                ..f.clone()
            }
        );
        assert_eq!(a[2].0, ActiveFilter::Query("corso".into()));
        assert_eq!(
            a[2].1,
            Filters {
                query: String::new(),
                ..f.clone()
            }
        );
        let blank = Filters {
            query: "  ".into(),
            ..Default::default()
        };
        assert!(blank.active().is_empty());
    }

    #[test]
    fn select_combines_need_audience_and_query() {
        let s = sample();
        assert_eq!(
            select(&s, &Filters::default(), "it", &labels).len(),
            s.len()
        );
        let f = Filters {
            need: Some(Need::Internship),
            ..Default::default()
        };
        assert_eq!(
            ids(&select(&s, &f, "it", &labels)),
            ["attivazione-del-tirocinio", "mobilita"]
        );
        let f = Filters {
            audience: Some(Audience::Employers),
            ..Default::default()
        };
        assert_eq!(ids(&select(&s, &f, "it", &labels)), ["incontro-imprese"]);
        // Ranked by the query: "mobilità" ranks the mobility service first.
        let f = Filters {
            need: Some(Need::Internship),
            audience: Some(Audience::Disability),
            query: "tirocinio mobilità".into(),
        };
        assert_eq!(
            ids(&select(&s, &f, "it", &labels)),
            ["mobilita", "attivazione-del-tirocinio"]
        );
        let f = Filters {
            need: Some(Need::Naspi),
            ..Default::default()
        };
        assert!(select(&s, &f, "it", &labels).is_empty());
    }

    #[test]
    fn needs_and_audiences_offered() {
        let people: Vec<Need> = people_needs().collect();
        assert_eq!(people.len(), Need::ALL.len() - 1);
        assert!(!people.contains(&Need::EmployerHiring));
        assert_eq!(people[0], Need::FindJob);
        let audiences: Vec<Audience> = audience_choices().collect();
        assert_eq!(audiences.len(), Audience::ALL.len() - 1);
        assert!(!audiences.contains(&Audience::Everyone));
        assert!(audiences.contains(&Audience::Employers));
    }

    #[test]
    fn summary_counts_employers_only_in_a_mixed_list() {
        let s = sample();
        assert_eq!(
            result_summary(&s),
            ResultSummary {
                total: 6,
                employers_apart: Some(1)
            }
        );
        assert_eq!(
            result_summary(&s[3..4]),
            ResultSummary {
                total: 1,
                employers_apart: None
            }
        );
        assert_eq!(
            result_summary(&s[..3]),
            ResultSummary {
                total: 3,
                employers_apart: None
            }
        );
        assert_eq!(
            result_summary(&[]),
            ResultSummary {
                total: 0,
                employers_apart: None
            }
        );
    }

    #[test]
    fn split_keeps_order_within_groups() {
        let (people, employers) = split_for_employers(sample());
        let p: Vec<&str> = people.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            p,
            [
                "orientamento-di-base",
                "attivazione-del-tirocinio",
                "supporto-autoimpiego",
                "mobilita",
                "collocamento-mirato"
            ]
        );
        assert_eq!(employers.len(), 1);
        assert_eq!(employers[0].id, "incontro-imprese");
    }
}
