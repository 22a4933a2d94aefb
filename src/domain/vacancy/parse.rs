//! Reading a vacancies feed (or a JSON-LD list in its place) tolerantly.

use super::*;
use serde::Deserializer;
use serde_json::Value;

/// One feed item, decoded on its own so that a bad record does not spoil the
/// feed. Only one record at a time is held as a generic JSON value.
struct LenientItem(Result<Vacancy, RecordError>);

impl<'de> Deserialize<'de> for LenientItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        Ok(LenientItem(
            Vacancy::deserialize(value).map_err(|e| serde_error(&e.to_string())),
        ))
    }
}

/// Sort serde's (English) message into a reason kind.
pub(super) fn serde_error(msg: &str) -> RecordError {
    let name = || msg.split('`').nth(1).unwrap_or("?").to_string();
    let detail = || clip(msg);
    if msg.starts_with("missing field") {
        RecordError::MissingField { name: name() }
    } else if msg.starts_with("unknown field") {
        RecordError::UnknownField { name: name() }
    } else if msg.starts_with("unknown variant") {
        RecordError::UnknownVariant { name: name() }
    } else if msg.starts_with("invalid type") {
        RecordError::WrongType { detail: detail() }
    } else if msg.starts_with("invalid value") || msg.contains("out of range") {
        RecordError::BadValue { detail: detail() }
    } else {
        RecordError::BadRecord { detail: detail() }
    }
}

/// Parse the vacancies feed. The envelope is checked as strictly as by
/// [`feed::decode`] (feed name, schema version, envelope fields); every item
/// is decoded and validated on its own: invalid ones and repeated ids are
/// skipped and reported, never fatal.
pub fn parse_vacancy_feed(text: &str) -> Result<(Vec<Vacancy>, ImportReport), FeedError> {
    parse_vacancy_feed_with(text, ImportReport::default())
}

/// [`parse_vacancy_feed`] into a given (empty) report.
pub fn parse_vacancy_feed_with(
    text: &str,
    mut report: ImportReport,
) -> Result<(Vec<Vacancy>, ImportReport), FeedError> {
    // Fast path: when every record has the right shape the feed decodes in
    // one pass (about twice as fast) and is filtered in place (no second
    // vector of offers: at 100,000 offers that is tens of MB in wasm).
    if let Ok(feed) = feed::decode::<Vacancy>(FeedKind::Vacancies, text) {
        let mut items = feed.items;
        let mut seen = std::collections::HashSet::with_capacity(items.len());
        let mut i = 0;
        items.retain(|v| {
            i += 1;
            keep_valid(v, i - 1, &mut seen, &mut report)
        });
        items.shrink_to_fit();
        report.accepted = items.len();
        return Ok((items, report));
    }
    // Otherwise record by record.
    let items = feed::decode::<LenientItem>(FeedKind::Vacancies, text)?.items;
    let mut out = Vec::with_capacity(items.len());
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match item.0 {
            Ok(v) => {
                if keep_valid(&v, i, &mut seen, &mut report) {
                    out.push(v);
                }
            }
            Err(reason) => report.skip(i, reason),
        }
    }
    report.accepted = out.len();
    Ok((out, report))
}

/// The format a vacancies text came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VacancyFormat {
    /// The app's feed envelope (`vacancies.json`).
    Feed,
    /// A schema.org `JobPosting` list (JSON-LD), as many job boards publish.
    JsonLd,
}

/// Read offers from the app's feed or, when the text is not one, from a
/// schema.org `JobPosting` list (an array, an `@graph`, or one posting),
/// its places resolved with `comuni` ([`import_jobposting`]). Both are
/// tolerant: bad records are skipped and reported. A text that is neither
/// gives the feed's error.
pub fn parse_vacancies(
    text: &str,
    comuni: Option<&crate::domain::comuni::ComuniIndex>,
) -> Result<(Vec<Vacancy>, ImportReport, VacancyFormat), FeedError> {
    match parse_vacancy_feed(text) {
        Ok((offers, report)) => Ok((offers, report, VacancyFormat::Feed)),
        Err(e) => {
            if !looks_like_jsonld(text)
                || serde_json::from_str::<serde::de::IgnoredAny>(text).is_err()
            {
                return Err(e);
            }
            let (offers, report) = import_jobposting(text, comuni);
            // Not one posting, good or bad: it was not a JobPosting list.
            if offers.is_empty() && report.skipped == 0 {
                return Err(e);
            }
            Ok((offers, report, VacancyFormat::JsonLd))
        }
    }
}

/// An array, or an object with `@context`, `@graph` or `@type` near the
/// start: a JobPosting list rather than the app's feed (whose places need
/// resolving with the comuni table).
pub fn looks_like_jsonld(text: &str) -> bool {
    let t = text.trim_start();
    let mut end = t.len().min(4096);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    let head = &t[..end];
    t.starts_with('[')
        || (t.starts_with('{')
            && ["\"@context\"", "\"@graph\"", "\"@type\""]
                .iter()
                .any(|k| head.contains(k)))
}

/// Whether a feed says it holds demonstration data (`"demo": true`).
pub fn feed_is_demo(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Envelope {
        #[serde(default)]
        demo: bool,
    }
    serde_json::from_str::<Envelope>(text).is_ok_and(|e| e.demo)
}

/// Whether record `i` is valid and its id not seen before; reports it if not.
pub(super) fn keep_valid(
    v: &Vacancy,
    i: usize,
    seen: &mut std::collections::HashSet<String>,
    report: &mut ImportReport,
) -> bool {
    if let Err(reason) = validate(v, true) {
        report.skip(i, reason);
        return false;
    }
    if !seen.insert(v.id.clone()) {
        report.skip(i, RecordError::DuplicateId { value: clip(&v.id) });
        return false;
    }
    true
}
