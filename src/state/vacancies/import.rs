//! Reading a whole feed: parsing it (the app's feed or a JobPosting list)
//! and indexing it. Only needed without a usable prebuilt index, or for a
//! small feed without shards, so its code is a chunk of its own
//! (`vacancy_import`), fetched the first time it is needed.

use super::feed::KIND;
use crate::domain::comuni::ComuniIndex;
use crate::domain::feed::FeedError;
use crate::domain::search::SearchIndex;
use crate::domain::vacancy::{parse_vacancies, ImportReport, Vacancy};
use crate::net::chunk::ChunkLoadFailed;

pub(super) struct Parsed {
    pub offers: Vec<Vacancy>,
    pub report: ImportReport,
    /// The index and its stored form, when asked for.
    pub index: Option<(SearchIndex, Vec<u8>)>,
}

/// Parse a feed body and, with `with_index`, index it; the places of a
/// JobPosting list are resolved with `comuni`.
pub(super) async fn read_feed(
    body: &str,
    with_index: bool,
    comuni: Option<&ComuniIndex>,
) -> Result<Parsed, FeedError> {
    match parse_in_chunk(body, with_index, comuni).await {
        Ok(parsed) => parsed,
        // The chunk is fetched like the feed: without it, the app is offline.
        Err(ChunkLoadFailed) => Err(FeedError::Offline { feed: KIND }),
    }
}

// Only with the `split` feature (components/lazy_page.rs): the tests call it directly.
#[cfg(feature = "split")]
#[::leptos::wasm_split::wasm_split(vacancy_import, wasm_split_path = ::leptos::wasm_split, fallible)]
fn parse_in_chunk(
    body: &str,
    with_index: bool,
    comuni: Option<&ComuniIndex>,
) -> Result<Result<Parsed, FeedError>, ChunkLoadFailed> {
    Ok(parse(body, with_index, comuni))
}

#[cfg(not(feature = "split"))]
async fn parse_in_chunk(
    body: &str,
    with_index: bool,
    comuni: Option<&ComuniIndex>,
) -> Result<Result<Parsed, FeedError>, ChunkLoadFailed> {
    Ok(parse(body, with_index, comuni))
}

fn parse(body: &str, with_index: bool, comuni: Option<&ComuniIndex>) -> Result<Parsed, FeedError> {
    parse_vacancies(body, comuni).map(|(offers, report, _)| {
        let index = with_index.then(|| {
            let index = SearchIndex::build(&offers);
            let bytes = index.to_bytes();
            (index, bytes)
        });
        Parsed {
            offers,
            report,
            index,
        }
    })
}
