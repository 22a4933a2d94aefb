//! The large reference data (Belfiore codes, comuni) in the app: downloaded
//! in the compact columnar form when a page or step needs it, decoded row by
//! row in slices ([`super::scheduler`]) while its index is built, and cached
//! in IndexedDB like every feed (`net::feeds`, ETag revalidation).
//!
//! They are [`FeedHandle`](super::FeedHandle)s whose value is a
//! [`RefFeed`]: the envelope facts and the index.

use super::feed_handle::FeedData;
use super::scheduler::Slicer;
use crate::domain::columns::RowReader;
use crate::domain::comuni::{BelfioreRows, ComuniIndex, ComuniIndexBuilder, ComuniRows};
use crate::domain::did::{Birthplaces, BirthplacesBuilder};
use crate::domain::feed::{FeedError, FeedKind, FeedMeta};
use std::sync::Arc;

/// A reference feed as the pages read it.
#[derive(Clone, Debug)]
pub struct RefFeed<I> {
    /// Provenance: source, date, demo flag.
    pub meta: FeedMeta,
    pub index: Arc<I>,
}

/// Read every row of `rows` into `push`, yielding between slices.
pub async fn read_sliced<R: RowReader>(
    mut rows: R,
    slicer: &mut Slicer,
    mut push: impl FnMut(R::Item),
) -> Result<FeedMeta, FeedError> {
    while let Some(item) = rows.next_item()? {
        push(item);
        slicer.tick().await;
    }
    Ok(rows.meta().clone())
}

fn compact_file(kind: FeedKind) -> String {
    kind.compact_file_name()
        .map_or_else(|| kind.file_name(), str::to_string)
}

/// `comuni.cols.txt` → the comuni index.
impl FeedData for ComuniIndex {
    type Value = RefFeed<ComuniIndex>;

    fn file_name(kind: FeedKind) -> String {
        compact_file(kind)
    }

    async fn decode(_kind: FeedKind, body: &str) -> Result<Self::Value, FeedError> {
        let rows = ComuniRows::open(body)?;
        let mut builder = ComuniIndexBuilder::with_capacity(rows.rows());
        let meta = read_sliced(rows, &mut Slicer::new(), |c| builder.push(c)).await?;
        super::scheduler::yield_now().await;
        Ok(RefFeed {
            meta,
            index: Arc::new(builder.finish()),
        })
    }

    fn is_demo(value: &Self::Value) -> bool {
        value.meta.demo
    }
}

/// `belfiore.cols.txt` → the dated codes and the birthplace picker.
impl FeedData for Birthplaces {
    type Value = RefFeed<Birthplaces>;

    fn file_name(kind: FeedKind) -> String {
        compact_file(kind)
    }

    async fn decode(_kind: FeedKind, body: &str) -> Result<Self::Value, FeedError> {
        let rows = BelfioreRows::open(body)?;
        let mut builder = BirthplacesBuilder::with_capacity(rows.rows());
        let meta = read_sliced(rows, &mut Slicer::new(), |i| builder.push(i)).await?;
        // The two sorts cannot be cut: a slice of their own.
        super::scheduler::yield_now().await;
        Ok(RefFeed {
            meta,
            index: Arc::new(builder.finish()),
        })
    }

    fn is_demo(value: &Self::Value) -> bool {
        value.meta.demo
    }
}
