//! The one conditional GET of the app: a cached body is revalidated with its
//! ETag / Last-Modified, so an unchanged feed costs a 304 and no parsing.
//! `feeds` (every feed) and the vacancy loader both use it.
//!
//! The body is read as bytes and decoded as UTF-8 here (as `Response.text()`
//! would: a leading BOM dropped, invalid sequences replaced): Chromium
//! decodes `text()` on the main thread in one go, a long task for the large
//! files, while checking UTF-8 in wasm is a fraction of that.

use super::http;
use crate::domain::feed::{FeedError, FeedKind};
use crate::storage::feed_cache::{self, CachedFeed};

/// What the server said about a cached copy.
pub enum Revalidated {
    /// Still current; its `checked_at` was updated in the cache.
    NotModified,
    /// A new body with its validators, NOT stored yet: the caller stores it
    /// once it has checked that it can use it.
    Changed(CachedFeed),
}

/// Why there is no answer to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevalidateError {
    /// No answer: offline, refused or timed out.
    Offline,
    /// An HTTP error status.
    Status(u16),
}

impl RevalidateError {
    /// The feed error shown for `feed`.
    pub fn for_feed(self, feed: FeedKind) -> FeedError {
        match self {
            RevalidateError::Offline => FeedError::Offline { feed },
            RevalidateError::Status(status) => FeedError::Http { feed, status },
        }
    }
}

/// GET `url` with the validators of `previous` (cached under `cache_key`).
pub async fn revalidate(
    url: &str,
    cache_key: &str,
    previous: Option<&CachedFeed>,
) -> Result<Revalidated, RevalidateError> {
    let mut headers = Vec::new();
    if let Some(p) = previous {
        if let Some(etag) = &p.etag {
            headers.push(("If-None-Match", etag.as_str()));
        }
        if let Some(lm) = &p.last_modified {
            headers.push(("If-Modified-Since", lm.as_str()));
        }
    }
    let resp = http::get_bytes(url, &headers)
        .await
        .map_err(|_| RevalidateError::Offline)?;
    let now = js_sys::Date::now();
    match resp.status {
        304 => {
            if let Some(p) = previous {
                let touched = CachedFeed {
                    checked_at: now,
                    ..p.clone()
                };
                let _ = feed_cache::save(cache_key, &touched).await;
            }
            Ok(Revalidated::NotModified)
        }
        200 => Ok(Revalidated::Changed(CachedFeed {
            body: utf8_text(resp.body),
            etag: resp.etag,
            last_modified: resp.last_modified,
            checked_at: now,
        })),
        status => Err(RevalidateError::Status(status)),
    }
}

/// UTF-8 bytes as text, the way `Response.text()` decodes them.
fn utf8_text(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}
