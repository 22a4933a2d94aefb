//! Completions of what is being typed, from titles and profession labels.

use super::index::{SearchIndex, SuggestWord};
use super::retrieve::partition_point;
use crate::domain::text;

impl SearchIndex {
    /// Completions for what is being typed, from offer titles and profession
    /// labels, most frequent first. Every word typed must start a word of
    /// the phrase.
    pub fn suggest(&self, prefix: &str, limit: usize) -> Vec<String> {
        let folded = text::fold(prefix);
        let words: Vec<&str> = folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(8)
            .collect();
        let Some((last, others)) = words.split_last() else {
            return Vec::new();
        };
        if limit == 0 {
            return Vec::new();
        }
        let p = last.as_bytes();
        let word_at = |w: &SuggestWord| -> &[u8] {
            self.phrase_fold
                .get(w.start as usize..w.start as usize + w.len as usize)
                .unwrap_or(&[])
        };
        let n = self.suggest_words.len();
        let lo = partition_point(n, |i| word_at(&self.suggest_words[i]) < p);
        let hi = lo
            + partition_point(n - lo, |i| {
                word_at(&self.suggest_words[lo + i]).starts_with(p)
            });
        let mut found: Vec<u32> = self.suggest_words[lo..hi]
            .iter()
            .map(|w| w.phrase)
            .collect();
        found.sort_unstable();
        found.dedup();
        let phrase_fold = |ph: u32| -> &[u8] {
            match (
                self.phrase_fold_offsets.get(ph as usize),
                self.phrase_fold_offsets.get(ph as usize + 1),
            ) {
                (Some(&a), Some(&b)) => self.phrase_fold.get(a as usize..b as usize).unwrap_or(&[]),
                _ => &[],
            }
        };
        found.retain(|&ph| {
            let folded = phrase_fold(ph);
            others.iter().all(|o| {
                folded
                    .split(|&c| c == b' ')
                    .any(|w| w.starts_with(o.as_bytes()))
            })
        });
        found.sort_by(|&a, &b| {
            let ca = self.phrase_count.get(a as usize).copied().unwrap_or(0);
            let cb = self.phrase_count.get(b as usize).copied().unwrap_or(0);
            cb.cmp(&ca)
                .then(phrase_fold(a).len().cmp(&phrase_fold(b).len()))
                .then(a.cmp(&b))
        });
        found
            .iter()
            .take(limit)
            .filter_map(|&ph| self.phrase_display.get(ph as usize).cloned())
            .collect()
    }
}
