//! Text retrieval: the dictionary lookups and posting-list merges that turn
//! the words typed into scored candidate documents.

use super::index::{initial_slot, SearchIndex};
use crate::domain::text;

/// Candidate documents from the text, sorted by document, with scores.
pub(super) enum Candidates {
    All,
    /// An unranked set (every score 0), as a bitset over the documents.
    Set(Vec<u64>),
    List {
        docs: Vec<u32>,
        scores: Vec<f32>,
    },
}

impl SearchIndex {
    /// Exact lookup in the sorted dictionary.
    fn term_id(&self, term: &[u8]) -> Option<usize> {
        let (mut lo, mut hi) = (0usize, self.term_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.term_at(mid).cmp(term) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Range of terms starting with `prefix`.
    fn prefix_range(&self, prefix: &[u8]) -> std::ops::Range<usize> {
        let n = self.term_count();
        let lower = partition_point(n, |i| self.term_at(i) < prefix);
        let upper =
            lower + partition_point(n - lower, |i| self.term_at(lower + i).starts_with(prefix));
        lower..upper
    }

    fn idf(&self, df: usize) -> f32 {
        let n = self.docs.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The documents matching the text, or `None` if no document can match.
    pub(super) fn candidates(&self, text: &str) -> Option<Candidates> {
        let folded = text::fold(text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        // The last word is still being typed unless followed by a separator.
        let typing = text
            .chars()
            .last()
            .map(|c| c.is_alphanumeric())
            .unwrap_or(false);
        let mut exact: Vec<usize> = Vec::new();
        let mut prefix_terms: Vec<usize> = Vec::new();
        // A one-letter last word: the documents with a term of that initial.
        let mut initial: Option<&[u64]> = None;
        for (i, w) in words.iter().take(16).enumerate() {
            if text::is_stopword(w) {
                continue;
            }
            let stem = text::stem(w);
            let is_last = i + 1 == words.len();
            if is_last && typing && w.len() == 1 {
                let words = self.docs.len().div_ceil(64);
                let slot = initial_slot(w.as_bytes()[0])?;
                initial = Some(self.initials.get(slot * words..(slot + 1) * words)?);
            } else if is_last && typing {
                let mut set: Vec<usize> = Vec::new();
                if let Some(t) = self.term_id(stem.as_bytes()) {
                    set.push(t);
                }
                set.extend(self.prefix_range(w.as_bytes()));
                set.sort_unstable();
                set.dedup();
                if set.is_empty() {
                    return None;
                }
                if set.len() == 1 {
                    exact.push(set[0]);
                } else {
                    prefix_terms = set;
                }
            } else {
                exact.push(self.term_id(stem.as_bytes())?);
            }
        }
        exact.sort_unstable();
        exact.dedup();
        let has_initial = |d: u32| {
            initial.is_some_and(|b| {
                b.get(d as usize / 64)
                    .is_some_and(|w| w & (1 << (d % 64)) != 0)
            })
        };
        if exact.is_empty() && prefix_terms.is_empty() {
            // A letter alone is unranked: the order falls back to the newest.
            return Some(initial.map_or(Candidates::All, |bits| Candidates::Set(bits.to_vec())));
        }
        exact.sort_by_key(|&t| self.postings(t).0.len());

        let (mut docs, mut scores): (Vec<u32>, Vec<f32>);
        let rest: &[usize];
        if let Some(&first) = exact.first() {
            let (d, w) = self.postings(first);
            let idf = self.idf(d.len());
            docs = d.to_vec();
            scores = w.iter().map(|&x| idf * x as f32).collect();
            rest = &exact[1..];
        } else {
            // Only a prefix: union of its terms.
            (docs, scores) = self.union(&prefix_terms);
            return Some(Candidates::List { docs, scores });
        }
        for &t in rest {
            let (d, w) = self.postings(t);
            let idf = self.idf(d.len());
            intersect(&mut docs, &mut scores, d, w, idf);
            if docs.is_empty() {
                return Some(Candidates::List { docs, scores });
            }
        }
        if !prefix_terms.is_empty() {
            let mut matched = vec![false; docs.len()];
            let mut extra = vec![0f32; docs.len()];
            for &t in &prefix_terms {
                let (d, w) = self.postings(t);
                let idf = self.idf(d.len());
                mark(&docs, &mut matched, &mut extra, d, w, idf);
            }
            let mut k = 0;
            for i in 0..docs.len() {
                if matched[i] {
                    docs[k] = docs[i];
                    scores[k] = scores[i] + extra[i];
                    k += 1;
                }
            }
            docs.truncate(k);
            scores.truncate(k);
        }
        if initial.is_some() {
            let mut k = 0;
            for i in 0..docs.len() {
                if has_initial(docs[i]) {
                    docs[k] = docs[i];
                    scores[k] = scores[i];
                    k += 1;
                }
            }
            docs.truncate(k);
            scores.truncate(k);
        }
        Some(Candidates::List { docs, scores })
    }

    /// Union of the postings of `terms`, scores summed.
    fn union(&self, terms: &[usize]) -> (Vec<u32>, Vec<f32>) {
        let n = self.docs.len();
        let total: usize = terms.iter().map(|&t| self.postings(t).0.len()).sum();
        if total * 16 < n {
            let mut pairs: Vec<(u32, f32)> = Vec::with_capacity(total);
            for &t in terms {
                let (d, w) = self.postings(t);
                let idf = self.idf(d.len());
                pairs.extend(d.iter().zip(w).map(|(&doc, &x)| (doc, idf * x as f32)));
            }
            pairs.sort_unstable_by_key(|p| p.0);
            let (mut docs, mut scores) = (Vec::new(), Vec::<f32>::new());
            for (d, s) in pairs {
                if docs.last() == Some(&d) {
                    if let Some(last) = scores.last_mut() {
                        *last += s;
                    }
                } else {
                    docs.push(d);
                    scores.push(s);
                }
            }
            (docs, scores)
        } else {
            let mut acc = vec![0f32; n];
            for &t in terms {
                let (d, w) = self.postings(t);
                let idf = self.idf(d.len());
                for (&doc, &x) in d.iter().zip(w) {
                    if let Some(a) = acc.get_mut(doc as usize) {
                        *a += idf * x as f32;
                    }
                }
            }
            let mut docs = Vec::new();
            let mut scores = Vec::new();
            for (i, &a) in acc.iter().enumerate() {
                if a > 0.0 {
                    docs.push(i as u32);
                    scores.push(a);
                }
            }
            (docs, scores)
        }
    }
}

/// First `i` in `0..n` for which `pred(i)` is false (pred must be monotone).
pub(super) fn partition_point(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// First position `>= from` in sorted `list` whose value is `>= target`
/// (galloping search).
#[inline]
fn gallop(list: &[u32], from: usize, target: u32) -> usize {
    let n = list.len();
    if from >= n || list[from] >= target {
        return from.min(n);
    }
    let mut step = 1usize;
    let mut lo = from;
    let mut hi = from + 1;
    while hi < n && list[hi] < target {
        lo = hi;
        step *= 2;
        hi = hi.saturating_add(step);
    }
    let hi = hi.min(n);
    lo + 1 + partition_point(hi - lo - 1, |i| list[lo + 1 + i] < target)
}

/// Keep the docs also in `other`, adding `idf × impact` to their scores.
fn intersect(docs: &mut Vec<u32>, scores: &mut Vec<f32>, other: &[u32], impact: &[u8], idf: f32) {
    let mut k = 0;
    let mut j = 0;
    for i in 0..docs.len() {
        let d = docs[i];
        j = gallop(other, j, d);
        if j >= other.len() {
            break;
        }
        if other[j] == d {
            docs[k] = d;
            scores[k] = scores[i] + idf * impact.get(j).copied().unwrap_or(0) as f32;
            k += 1;
        }
    }
    docs.truncate(k);
    scores.truncate(k);
}

/// Mark the docs also in `other`, adding their score to `extra`.
fn mark(
    docs: &[u32],
    matched: &mut [bool],
    extra: &mut [f32],
    other: &[u32],
    impact: &[u8],
    idf: f32,
) {
    let mut j = 0;
    for i in 0..docs.len() {
        let d = docs[i];
        j = gallop(other, j, d);
        if j >= other.len() {
            break;
        }
        if other[j] == d {
            matched[i] = true;
            extra[i] += idf * impact.get(j).copied().unwrap_or(0) as f32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gallop_finds_lower_bound() {
        let list = [1u32, 3, 5, 7, 9, 11, 13, 15, 17];
        for from in 0..list.len() {
            for target in 0..20 {
                let expect = (from..list.len())
                    .find(|&i| list[i] >= target)
                    .unwrap_or(list.len());
                assert_eq!(
                    gallop(&list, from, target),
                    expect,
                    "from {from} target {target}"
                );
            }
        }
        assert_eq!(gallop(&[], 0, 3), 0);
    }
}
