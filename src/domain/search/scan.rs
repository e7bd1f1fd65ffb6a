//! Reading the index: chunk by chunk on every core, each target's best hit kept, the
//! first chunk's results shown while the rest is read; and, as a query grows, only the
//! targets the last search found.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::Hit;
use super::index::Index;
use super::query::{Prepared, Query};
use super::rank::rank;

/// How many entries a search reads between two looks at whether it is still wanted;
/// also the size of the first slice, whose results are shown while the rest is read.
const CHUNK: usize = 16 * 1024;

/// The entries a search reads: all of them, or the targets a narrowed search kept
/// (each by its first entry).
#[derive(Clone, Copy)]
enum Work<'a> {
    All,
    Targets(&'a [u32]),
}

impl Index {
    /// Searches every entry, best first.
    pub fn search(&self, input: &str) -> Vec<Hit> {
        let q = Query::parse(input);
        let mut hits = self
            .try_scan(&Prepared::new(&q), Work::All, &|| false, |_| {})
            .unwrap_or_default();
        rank(&mut hits);
        hits
    }

    /// How many chunks of [`CHUNK`] entries (or targets) `work` has.
    fn chunks(&self, work: Work) -> usize {
        let n = match work {
            Work::All => self.entries.len(),
            Work::Targets(t) => t.len(),
        };
        n.div_ceil(CHUNK)
    }

    /// The first entry of a target at or after entry `i`, so chunks of the whole index
    /// never split a target.
    fn align(&self, mut i: usize) -> usize {
        while i > 0
            && i < self.entries.len()
            && self.entries[i].target == self.entries[i - 1].target
        {
            i += 1;
        }
        i.min(self.entries.len())
    }

    /// Searches chunk `k` of `work`, in index order, keeping each target's best hit.
    fn scan_chunk(&self, p: &Prepared, work: Work, k: usize) -> Vec<Hit> {
        let mut hits = Vec::new();
        match work {
            Work::All => {
                let from = self.align(k * CHUNK);
                let to = self.align((k + 1) * CHUNK);
                self.scan_entries(p, from as u32..to as u32, &mut hits);
            }
            Work::Targets(targets) => {
                let from = (k * CHUNK).min(targets.len());
                let to = ((k + 1) * CHUNK).min(targets.len());
                for &first in &targets[from..to] {
                    self.scan_entries(p, self.target_entries(first), &mut hits);
                }
            }
        }
        hits
    }

    /// Scores `entries` (whole targets, in index order) into `hits`.
    fn scan_entries(&self, p: &Prepared, entries: impl Iterator<Item = u32>, hits: &mut Vec<Hit>) {
        let mut first = 0;
        let mut previous = None;
        for i in entries {
            let Some(e) = self.entries.get(i as usize) else {
                continue;
            };
            if previous != Some(e.target) {
                first = i;
                previous = Some(e.target);
            }
            if !self.passes_filters(e, p.q) {
                continue;
            }
            let Some(score) = self.score(e, p) else {
                continue;
            };
            let hit = Hit {
                target: e.target,
                field: e.field,
                score,
                entry: i,
                first,
            };
            // A target's entries are next to each other: keep its best.
            match hits.last_mut() {
                Some(last) if last.target == hit.target => {
                    if hit.score > last.score {
                        *last = hit;
                    }
                }
                _ => hits.push(hit),
            }
        }
    }

    /// Searches `work` on every core, chunk by chunk, and returns the hits in index
    /// order. The first chunk is read alone and its hits, best first, go to `early`
    /// while the rest is read, so the first results show at once. `cancelled` is
    /// asked before each chunk; `None` when it said yes.
    fn try_scan(
        &self,
        p: &Prepared,
        work: Work,
        cancelled: &(dyn Fn() -> bool + Sync),
        early: impl FnOnce(Vec<Hit>),
    ) -> Option<Vec<Hit>> {
        let chunks = self.chunks(work);
        if chunks == 0 {
            return Some(Vec::new());
        }
        let head = self.scan_chunk(p, work, 0);
        if chunks == 1 {
            return Some(head);
        }
        if !head.is_empty() {
            let mut first = head.clone();
            rank(&mut first);
            early(first);
        }
        let next = AtomicUsize::new(1);
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, 8)
            .min(chunks - 1);
        let worker = || {
            let mut done = Vec::new();
            loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= chunks || cancelled() {
                    return done;
                }
                done.push((k, self.scan_chunk(p, work, k)));
            }
        };
        let mut parts: Vec<Option<Vec<Hit>>> = vec![None; chunks];
        parts[0] = Some(head);
        std::thread::scope(|s| {
            let others: Vec<_> = (1..threads).map(|_| s.spawn(worker)).collect();
            for (k, hits) in worker() {
                parts[k] = Some(hits);
            }
            for h in others {
                // A worker only panics if scanning does; then its chunks count as unread.
                if let Ok(done) = h.join() {
                    for (k, hits) in done {
                        parts[k] = Some(hits);
                    }
                }
            }
        });
        let mut hits = Vec::with_capacity(parts.iter().flatten().map(Vec::len).sum());
        for part in parts {
            hits.extend(part?);
        }
        Some(hits)
    }

    /// All entries of the target whose first entry is `first`.
    fn target_entries(&self, first: u32) -> impl Iterator<Item = u32> + '_ {
        let target = self.entries.get(first as usize).map(|e| e.target);
        (first..self.entries.len() as u32)
            .take_while(move |&i| Some(self.entries[i as usize].target) == target)
    }
}

/// Incremental search: when a query only grows (a letter typed), the new results can
/// only be among the old ones, since every tier's match of the longer query is a match
/// of the shorter one. So each keystroke searches what the last one found.
#[derive(Debug, Clone, Default)]
pub struct Searcher {
    last: Option<Query>,
    /// The first entries of the last results' targets, in index order.
    candidates: Vec<u32>,
}

impl Searcher {
    /// Searches, best first.
    pub fn search(&mut self, index: &Index, input: &str) -> Vec<Hit> {
        let mut hits = self
            .run(index, input, &|| false, |_| {})
            .unwrap_or_default();
        rank(&mut hits);
        hits
    }

    /// Searches on every core; hits come back in the order of the debate, for the
    /// caller to rank ([`top`](super::top)), and `None` when `cancelled` said yes
    /// before the end. `early` hears of the first slice's hits, best first, while the
    /// rest is read. A cancelled search leaves the searcher as it was.
    pub fn run(
        &mut self,
        index: &Index,
        input: &str,
        cancelled: &(dyn Fn() -> bool + Sync),
        early: impl FnOnce(Vec<Hit>),
    ) -> Option<Vec<Hit>> {
        let q = Query::parse(input);
        let narrows = self
            .last
            .as_ref()
            .is_some_and(|last| last.same_filters(&q) && q.text.starts_with(&last.text));
        let work = if narrows {
            Work::Targets(&self.candidates)
        } else {
            Work::All
        };
        let hits = index.try_scan(&Prepared::new(&q), work, cancelled, early)?;
        // Hits are in index order, one per target: their first entries are sorted.
        self.candidates = hits.iter().map(|h| h.first).collect();
        self.last = Some(q);
        Some(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::Target;
    use crate::domain::search::testing::{assert_narrowing_is_exact, index};

    #[test]
    fn narrowing_gives_the_same_results_as_a_full_search() {
        let (_, i) = index();
        assert_narrowing_is_exact(&i, "kill swi");
        let mut s = Searcher::default();
        s.search(&i, "kill swi");
        // Deleting a letter or changing a filter searches everything again.
        assert_eq!(s.search(&i, "kill"), i.search("kill"));
        assert_eq!(s.search(&i, "is:quote kill"), i.search("is:quote kill"));
    }

    #[test]
    fn narrowing_is_exact_on_a_generated_debate() {
        let text = crate::domain::generate::yaml(3000, 3, 7);
        let files = crate::domain::load::EmbeddedFiles(&[]);
        let d = crate::domain::load_bytes("gen.yaml", text.as_bytes(), &files)
            .unwrap_or_else(|e| panic!("{e}"))
            .debate;
        let i = Index::new(&d);
        for query in [
            "allineamento",
            "sicurezza aperta",
            "kxq",
            "漢字",
            "meta lecun",
        ] {
            let mut s = Searcher::default();
            for (end, _) in query.char_indices().skip(1).chain([(query.len(), ' ')]) {
                let typed = &query[..end];
                assert_eq!(s.search(&i, typed), i.search(typed), "after {typed:?}");
            }
        }
    }

    #[test]
    fn one_hit_per_target() {
        let (_, i) = index();
        let hits = i.search("meta");
        let mut targets: Vec<Target> = hits.iter().map(|h| h.target).collect();
        targets.sort();
        targets.dedup();
        assert_eq!(targets.len(), hits.len());
    }
}
