//! Free-text search of the catalogue: folding, stemming, field weights.

use super::{Need, Service};
use crate::domain::feed::Localized;
use crate::domain::text;

/// Field weights for [`search`]: title highest.
const W_TITLE: u32 = 12;
const W_SUMMARY: u32 = 6;
const W_ACTIVITIES: u32 = 3;
const W_DESCRIPTION: u32 = 2;
/// The labels of the service's needs ("Voglio lavorare all'estero"), so
/// that everyday words find services whose text does not use them.
const W_NEEDS: u32 = 1;

/// A query term: a full stemmed term, or the word being typed (prefix).
struct QueryTerm {
    /// The stem; for the word being typed, the folded word itself.
    text: String,
    /// For the word being typed: its stem, matched exactly.
    stem: String,
    prefix: bool,
}

fn query_terms(query: &str) -> Vec<QueryTerm> {
    // The last word is still being typed unless the query ends with a
    // separator: match it as a prefix of the folded (unstemmed) form too.
    let typing = query.chars().last().is_some_and(|c| c.is_alphanumeric());
    let words = text::tokens(query);
    let mut out: Vec<QueryTerm> = Vec::new();
    let n = words.len();
    for (i, w) in words.iter().enumerate() {
        let last = i + 1 == n;
        if last && typing && w.chars().count() >= 2 {
            out.push(QueryTerm {
                text: w.clone(),
                stem: text::stem(w),
                prefix: true,
            });
            continue;
        }
        if text::is_stopword(w) {
            continue;
        }
        let st = text::stem(w);
        if !out.iter().any(|q| !q.prefix && q.text == st) {
            out.push(QueryTerm {
                stem: st.clone(),
                text: st,
                prefix: false,
            });
        }
    }
    out
}

/// Folded words and their stems of one text, for matching.
struct Field {
    words: Vec<String>,
    stems: Vec<String>,
}

impl Field {
    fn new<'a>(texts: impl Iterator<Item = &'a str>) -> Field {
        let mut words = Vec::new();
        let mut stems = Vec::new();
        for t in texts {
            for w in text::tokens(t) {
                if text::is_stopword(&w) {
                    continue;
                }
                stems.push(text::stem(&w));
                words.push(w);
            }
        }
        Field { words, stems }
    }

    /// 2 for an exact stem match, 1 for a looser match (the term is the
    /// beginning of a longer stem, or the prefix being typed), else 0.
    fn matches(&self, q: &QueryTerm) -> u32 {
        if self.stems.contains(&q.stem) {
            return 2;
        }
        // "lavor" meets "lavorator", "disabil" meets "disabilit".
        let long_enough = q.stem.chars().count() >= 5;
        if long_enough && self.stems.iter().any(|s| s.starts_with(q.stem.as_str())) {
            return 1;
        }
        u32::from(q.prefix && self.words.iter().any(|w| w.starts_with(q.text.as_str())))
    }
}

fn texts<'a>(l: &'a Localized, lang: &str) -> impl Iterator<Item = &'a str> {
    std::iter::once(l.it.as_str()).chain(l.translation(lang))
}

/// The texts of a need's label to search: the caller's, from the locale
/// files (Italian and the person's language).
pub type NeedLabels<'a> = dyn Fn(Need) -> Vec<String> + 'a;

/// Search the catalogue. `lang` is the interface language: Italian text is
/// always searched (it is the legal text and people type Italian words like
/// "tirocinio" in any language); the text in the person's language is
/// searched too.
///
/// Matching uses [`text::terms`]-style folding and stemming, so case,
/// missing accents and inflection don't matter ("tirocini" finds
/// "tirocinio", "attivita" finds "attività"); the last word, while being
/// typed, also matches as a prefix ("tiroc"). Results are the services
/// matching at least one term, ranked by how many query terms they match,
/// then by a score weighting title above summary, activities, description
/// and the labels of the service's needs (`need_labels`), then feed order. An empty query (or one of stopwords only)
/// returns every service in feed order.
pub fn search<'a>(
    services: &'a [Service],
    query: &str,
    lang: &str,
    need_labels: &NeedLabels,
) -> Vec<&'a Service> {
    let terms = query_terms(query);
    if terms.is_empty() {
        return services.iter().collect();
    }
    let mut ranked: Vec<(usize, u32, usize)> = Vec::new();
    for (idx, s) in services.iter().enumerate() {
        let labels: Vec<String> = s.needs.iter().flat_map(|n| need_labels(*n)).collect();
        let fields = [
            (W_TITLE, Field::new(texts(&s.title, lang))),
            (W_SUMMARY, Field::new(texts(&s.summary, lang))),
            (
                W_ACTIVITIES,
                Field::new(s.activities.iter().flat_map(|a| texts(a, lang))),
            ),
            (W_DESCRIPTION, Field::new(texts(&s.description, lang))),
            (W_NEEDS, Field::new(labels.iter().map(String::as_str))),
        ];
        let mut matched = 0usize;
        let mut score = 0u32;
        for q in &terms {
            let mut best = 0u32;
            let mut total = 0u32;
            for (w, f) in &fields {
                let m = f.matches(q);
                total = total.saturating_add(w.saturating_mul(m));
                best = best.max(m);
            }
            if best > 0 {
                matched += 1;
                score = score.saturating_add(total);
            }
        }
        if matched > 0 {
            ranked.push((matched, score, idx));
        }
    }
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    ranked
        .into_iter()
        .filter_map(|(_, _, i)| services.get(i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ids, labels, sample};
    use super::*;

    #[test]
    fn empty_or_stopword_query_returns_everything() {
        let s = sample();
        assert_eq!(search(&s, "", "it", &labels).len(), s.len());
        assert_eq!(search(&s, "   ", "it", &labels).len(), s.len());
        assert_eq!(search(&s, "di la ", "it", &labels).len(), s.len());
    }

    #[test]
    fn inflection_and_accents_are_tolerated() {
        let s = sample();
        let r = ids(&search(&s, "tirocini ", "it", &labels));
        assert_eq!(
            r.first().map(String::as_str),
            Some("attivazione-del-tirocinio")
        );
        assert!(r.contains(&"mobilita".to_string()));
        assert_eq!(
            ids(&search(&s, "MOBILITA ", "it", &labels))
                .first()
                .map(String::as_str),
            Some("mobilita")
        );
        assert_eq!(
            ids(&search(&s, "disabilita", "it", &labels)),
            ["collocamento-mirato"]
        );
        // Different ending, same word family, typed or complete.
        assert_eq!(
            ids(&search(&s, "disabile", "it", &labels)),
            ["collocamento-mirato"]
        );
        assert_eq!(
            ids(&search(&s, "disabili ", "it", &labels)),
            ["collocamento-mirato"]
        );
        // "attivita" finds "attività" (in an activity of collocamento mirato).
        assert_eq!(
            ids(&search(&s, "attivita ", "it", &labels)),
            ["collocamento-mirato"]
        );
    }

    #[test]
    fn last_word_matches_as_prefix_while_typing() {
        let s = sample();
        let r = ids(&search(&s, "tiroc", "it", &labels));
        assert_eq!(
            r.first().map(String::as_str),
            Some("attivazione-del-tirocinio")
        );
        assert_eq!(
            ids(&search(&s, "autoimp", "it", &labels)),
            ["supporto-autoimpiego"]
        );
        assert_eq!(
            ids(&search(&s, "tir", "it", &labels))
                .first()
                .map(String::as_str),
            Some("attivazione-del-tirocinio")
        );
        // Once a separator follows, a short word is complete: no prefix match.
        assert!(search(&s, "tir ", "it", &labels).is_empty());
    }

    #[test]
    fn title_weighs_more_than_other_fields() {
        let s = sample();
        // "tirocinio" is in the title of one and in the summary of the other.
        let r = ids(&search(&s, "tirocinio", "it", &labels));
        assert_eq!(r, ["attivazione-del-tirocinio", "mobilita"]);
    }

    #[test]
    fn more_matched_terms_rank_first() {
        let s = sample();
        let r = ids(&search(&s, "tirocinio mobilità", "it", &labels));
        assert_eq!(r.first().map(String::as_str), Some("mobilita"));
    }

    #[test]
    fn english_text_is_searched_only_for_english() {
        let s = sample();
        assert_eq!(ids(&search(&s, "summary", "en", &labels)).len(), s.len());
        assert!(search(&s, "summary", "it", &labels).is_empty());
        // Italian words still work in English.
        assert_eq!(
            ids(&search(&s, "collocamento", "en", &labels)),
            ["collocamento-mirato"]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        let s = sample();
        for q in [
            "'",
            "–",
            "ééé",
            "\u{0}",
            "a",
            "🙂",
            "x y z ",
            &"lavoro ".repeat(500),
        ] {
            let _ = search(&s, q, "it", &labels);
            let _ = search(&s, q, "en", &labels);
            let _ = search(&[], q, "it", &labels);
        }
    }
}
