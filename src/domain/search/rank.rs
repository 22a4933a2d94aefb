//! Ranking: the sort key of a hit and the selection of the best page.

use super::geo;
use super::index::{DocMeta, SearchIndex};
use super::query::SortOrder;

#[derive(Clone, Copy)]
pub(super) struct Hit {
    /// Ascending primary key.
    pub(super) k1: f32,
    /// Descending secondary key.
    pub(super) k2: i32,
    pub(super) doc: u32,
}

impl SearchIndex {
    /// The sort key of a hit.
    #[inline]
    pub(super) fn hit(
        &self,
        meta: &DocMeta,
        doc: u32,
        score: f32,
        sort: SortOrder,
        centre: Option<[f32; 3]>,
    ) -> Hit {
        let (k1, k2) = match sort {
            SortOrder::Relevance => (-score, meta.published),
            SortOrder::Newest => (-(meta.published as f32), (score * 1024.0) as i32),
            SortOrder::Distance => {
                let c2 = centre
                    .map(|c| geo::chord2(&meta.xyz, &c))
                    .unwrap_or(f32::NAN);
                (if c2.is_nan() { f32::INFINITY } else { c2 }, meta.published)
            }
        };
        Hit { k1, k2, doc }
    }
}

/// Hit order: ascending `k1`, then descending `k2`, then ascending document.
#[inline]
pub(super) fn hit_cmp(a: &Hit, b: &Hit) -> std::cmp::Ordering {
    a.k1.total_cmp(&b.k1)
        .then(b.k2.cmp(&a.k2))
        .then(a.doc.cmp(&b.doc))
}

pub(super) struct HeapHit(Hit);

impl PartialEq for HeapHit {
    fn eq(&self, other: &Self) -> bool {
        hit_cmp(&self.0, &other.0).is_eq()
    }
}
impl Eq for HeapHit {}
impl PartialOrd for HeapHit {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for HeapHit {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        hit_cmp(&self.0, &other.0)
    }
}

/// The best `k` hits and the count of all: a bounded max-heap for the usual
/// small pages (most hits are rejected by one comparison with the worst kept),
/// all hits and a partial selection for deep pages.
pub(super) enum TopK {
    Heap {
        k: usize,
        heap: std::collections::BinaryHeap<HeapHit>,
        total: u32,
    },
    All {
        k: usize,
        hits: Vec<Hit>,
    },
}

const HEAP_MAX: usize = 1024;

impl TopK {
    pub(super) fn new(k: usize) -> TopK {
        if k <= HEAP_MAX {
            TopK::Heap {
                k,
                heap: std::collections::BinaryHeap::with_capacity(k + 1),
                total: 0,
            }
        } else {
            TopK::All {
                k,
                hits: Vec::new(),
            }
        }
    }

    #[inline]
    pub(super) fn push(&mut self, h: Hit) {
        match self {
            TopK::Heap { k, heap, total } => {
                *total += 1;
                if heap.len() < *k {
                    heap.push(HeapHit(h));
                } else if let Some(mut worst) = heap.peek_mut() {
                    if hit_cmp(&h, &worst.0).is_lt() {
                        *worst = HeapHit(h);
                    }
                }
            }
            TopK::All { hits, .. } => hits.push(h),
        }
    }

    /// Total count and the best `k` hits, best first.
    pub(super) fn finish(self) -> (u32, Vec<Hit>) {
        match self {
            TopK::Heap { heap, total, .. } => (
                total,
                heap.into_sorted_vec().into_iter().map(|h| h.0).collect(),
            ),
            TopK::All { k, mut hits } => {
                let total = hits.len() as u32;
                if k < hits.len() {
                    hits.select_nth_unstable_by(k, hit_cmp);
                    hits.truncate(k);
                }
                hits.sort_unstable_by(hit_cmp);
                (total, hits)
            }
        }
    }
}
