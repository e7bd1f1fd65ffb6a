//! Reading the index: chunk by chunk on every core, each target's best hit kept and
//! only the best `keep` of them ranked, the rest counted; the first chunk's results
//! shown while the rest is read; and, as a query grows, only the targets the last
//! search found.
//!
//! A search reads in two passes. The first finds the exact tiers: phrases, word
//! starts and fzf's exact terms. Only when they find fewer than [`FEW`] targets does
//! the second look for letters scattered closely, among the targets the first did not
//! find: a scattered match is a guess at a typo, and many of them would drown the
//! exact ones (the scan that finds them is also the slower one).

use std::sync::atomic::{AtomicUsize, Ordering};

use super::Hit;
use super::index::Index;
use super::query::{Prepared, Query};
use super::rank::{best_first, top};

/// How many entries a search reads between two looks at whether it is still wanted;
/// also the size of the first slice, whose results are shown while the rest is read.
const CHUNK: usize = 16 * 1024;

/// The same for a narrowed search, in targets: each is read apart from the others (a
/// few entries, somewhere in the index), so fewer make a slice as quick to read.
const TARGET_CHUNK: usize = 4 * 1024;

/// Below this many results from the exact tiers, scattered matches are looked for too.
pub const FEW: usize = 3;

/// The entries a search reads: all of them, or the targets a narrowed search kept
/// (each by its first entry).
#[derive(Clone, Copy)]
enum Work<'a> {
    All,
    Targets(&'a [u32]),
    /// Every entry in order, reading only the targets whose first entry's bit is set:
    /// for many targets, faster than reading them one by one.
    Marked(&'a [u64]),
}

/// Which pass of a search.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Tier {
    /// Phrases, word starts, exact terms.
    Exact,
    /// Letters scattered closely.
    Scattered,
}

/// The results of a search: the best hits, best first, and how many there are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The best hits, best first: at most the number asked for.
    pub hits: Vec<Hit>,
    /// How many targets matched, the hits listed among them.
    pub total: usize,
    /// Whether the hits include letters scattered closely, looked for because the
    /// exact tiers found fewer than [`FEW`].
    pub scattered: bool,
}

/// What one pass found in some stretch of the work.
#[derive(Debug)]
struct Found {
    /// The best hits, in any order: at most `keep` of them after [`Found::trim`],
    /// at most twice as many before.
    best: Vec<Hit>,
    /// The score a hit needs to be among the best once `keep` of them are kept: a
    /// lower one is only counted.
    floor: i64,
    total: usize,
    /// The first entries of every target found, in index order.
    targets: Vec<u32>,
}

impl Default for Found {
    fn default() -> Found {
        Found {
            best: Vec::new(),
            floor: i64::MIN,
            total: 0,
            targets: Vec::new(),
        }
    }
}

impl Found {
    fn push(&mut self, hit: Hit, keep: usize) {
        self.total += 1;
        self.targets.push(hit.first);
        // Below the floor, a hit cannot reach the listed ones: counted, not ranked.
        if hit.score < self.floor {
            return;
        }
        self.best.push(hit);
        if self.best.len() >= keep.saturating_mul(2).max(256) {
            self.keep_best(keep);
        }
    }

    /// Keeps the best `keep` hits, in any order, and raises the floor to the last
    /// of them.
    fn keep_best(&mut self, keep: usize) {
        if keep == 0 {
            self.best.clear();
            return;
        }
        if self.best.len() > keep {
            self.best.select_nth_unstable_by(keep - 1, best_first);
            self.best.truncate(keep);
            self.floor = self.best[keep - 1].score;
        }
    }

    /// Keeps the best `keep` hits, best first.
    fn trim(&mut self, keep: usize) {
        top(&mut self.best, keep);
        self.best.truncate(keep);
    }
}

impl Index {
    /// Searches every entry: every hit, best first.
    pub fn search(&self, input: &str) -> Vec<Hit> {
        self.find(input, usize::MAX).hits
    }

    /// Searches every entry: the best `keep` hits, best first, and how many there are.
    pub fn find(&self, input: &str, keep: usize) -> Outcome {
        Searcher::default()
            .run(self, input, keep, &|| false, |_| {})
            .unwrap_or_default()
    }

    /// How many chunks of [`CHUNK`] entries (or [`TARGET_CHUNK`] targets) `work` has.
    fn chunks(&self, work: Work) -> usize {
        match work {
            Work::All | Work::Marked(_) => self.entries.len().div_ceil(CHUNK),
            Work::Targets(t) => t.len().div_ceil(TARGET_CHUNK),
        }
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

    /// Searches chunk `k` of `work` for one pass, in index order, into `found`.
    fn scan_chunk(&self, pass: &Pass, work: Work, k: usize, found: &mut Found) {
        match work {
            Work::All | Work::Marked(_) => {
                let from = self.align(k * CHUNK);
                let to = self.align((k + 1) * CHUNK);
                let marked = match work {
                    Work::Marked(bits) => Some(bits),
                    _ => None,
                };
                self.scan_entries(pass, marked, from as u32..to as u32, found);
            }
            Work::Targets(targets) => {
                let from = (k * TARGET_CHUNK).min(targets.len());
                let to = ((k + 1) * TARGET_CHUNK).min(targets.len());
                for &first in &targets[from..to] {
                    self.scan_entries(pass, None, self.target_entries(first), found);
                }
            }
        }
    }

    /// Scores `entries` (whole targets, in index order) into `found`, each target's
    /// best hit; with `marked`, only the targets whose first entry's bit is set.
    fn scan_entries(
        &self,
        pass: &Pass,
        marked: Option<&[u64]>,
        entries: impl Iterator<Item = u32>,
        found: &mut Found,
    ) {
        let mut first = 0;
        let mut previous = None;
        let mut skip = false;
        let mut best: Option<Hit> = None;
        for i in entries {
            let Some(e) = self.entries.get(i as usize) else {
                continue;
            };
            if previous != Some(e.target) {
                if let Some(hit) = best.take() {
                    found.push(hit, pass.keep);
                }
                first = i;
                previous = Some(e.target);
                skip = marked.is_some_and(|bits| !is_set(bits, first))
                    || pass.skip.binary_search(&first).is_ok();
            }
            if skip || !self.passes_filters(e, pass.p.q) {
                continue;
            }
            let score = match pass.tier {
                Tier::Exact => self.score(e, pass.p),
                Tier::Scattered => self.score_scattered(e, pass.p),
            };
            let Some(score) = score else {
                continue;
            };
            if best.is_none_or(|b| score > b.score) {
                best = Some(Hit {
                    target: e.target,
                    field: e.field,
                    score,
                    entry: i,
                    first,
                });
            }
        }
        if let Some(hit) = best {
            found.push(hit, pass.keep);
        }
    }

    /// Runs one pass over `work` on every core, chunk by chunk. The first chunk is
    /// read alone and its best hits go to `early` while the rest is read, so the first
    /// results show at once. `cancelled` is asked before each chunk; `None` when it
    /// said yes.
    fn try_scan(
        &self,
        pass: &Pass,
        work: Work,
        cancelled: &(dyn Fn() -> bool + Sync),
        early: impl FnOnce(Outcome),
    ) -> Option<Found> {
        let chunks = self.chunks(work);
        let mut head = Found::default();
        if chunks == 0 {
            return Some(head);
        }
        self.scan_chunk(pass, work, 0, &mut head);
        if chunks == 1 {
            head.trim(pass.keep);
            return Some(head);
        }
        if head.total > 0 {
            let mut hits = head.best.clone();
            top(&mut hits, pass.keep);
            hits.truncate(pass.keep);
            early(Outcome {
                hits,
                total: head.total,
                scattered: pass.tier == Tier::Scattered,
            });
        }
        let next = AtomicUsize::new(1);
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, 8)
            .min(chunks - 1);
        // Each worker keeps the best hits of all its chunks, and each chunk's targets
        // and count apart, to be put back in index order.
        let worker = || {
            let mut mine = Found::default();
            let mut done = Vec::new();
            loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= chunks || cancelled() {
                    return (mine.best, done);
                }
                let before = mine.total;
                self.scan_chunk(pass, work, k, &mut mine);
                let targets = std::mem::take(&mut mine.targets);
                done.push((k, mine.total - before, targets));
            }
        };
        let mut parts: Vec<Option<(usize, Vec<u32>)>> = vec![None; chunks];
        let mut best = std::mem::take(&mut head.best);
        parts[0] = Some((head.total, head.targets));
        std::thread::scope(|s| {
            let others: Vec<_> = (1..threads).map(|_| s.spawn(worker)).collect();
            let mut take = |(hits, done): (Vec<Hit>, Vec<ChunkFound>)| {
                best.extend(hits);
                for (k, total, targets) in done {
                    parts[k] = Some((total, targets));
                }
            };
            take(worker());
            for h in others {
                // A worker only panics if scanning does; then its chunks count as unread.
                if let Ok(r) = h.join() {
                    take(r);
                }
            }
        });
        let mut found = Found {
            best,
            ..Found::default()
        };
        found
            .targets
            .reserve(parts.iter().flatten().map(|p| p.1.len()).sum());
        for part in parts {
            let (total, targets) = part?;
            found.total += total;
            found.targets.extend(targets);
        }
        found.trim(pass.keep);
        Some(found)
    }

    /// All entries of the target whose first entry is `first`.
    fn target_entries(&self, first: u32) -> impl Iterator<Item = u32> + '_ {
        let target = self.entries.get(first as usize).map(|e| e.target);
        (first..self.entries.len() as u32)
            .take_while(move |&i| Some(self.entries[i as usize].target) == target)
    }
}

/// What a worker found in one chunk: the chunk, how many targets, and their first
/// entries.
type ChunkFound = (usize, usize, Vec<u32>);

/// One pass of a search: the query, the tier, how many hits to rank, and the targets
/// to pass over (by their first entries, sorted).
struct Pass<'p, 'q> {
    p: &'p Prepared<'q>,
    tier: Tier,
    keep: usize,
    skip: &'p [u32],
}

/// Incremental search: when a query only narrows (a letter typed), the new results can
/// only be among the old ones, since every tier's match of the longer query is a match
/// of the shorter one. So each keystroke searches what an earlier one found: the
/// exact tiers among the last exact results, scattered letters among the last results
/// of every tier (from the last search that looked for them).
#[derive(Debug, Clone, Default)]
pub struct Searcher {
    /// The last query, and the first entries of the targets its exact tiers found.
    exact: Option<(Query, Vec<u32>)>,
    /// The last query whose scattered matches were looked for, and the first entries
    /// of the targets it found in any tier.
    any: Option<(Query, Vec<u32>)>,
}

impl Searcher {
    /// Searches: every hit, best first.
    pub fn search(&mut self, index: &Index, input: &str) -> Vec<Hit> {
        self.run(index, input, usize::MAX, &|| false, |_| {})
            .unwrap_or_default()
            .hits
    }

    /// Searches on every core: the best `keep` hits, best first, and how many there
    /// are; `None` when `cancelled` said yes before the end. `early` hears of the
    /// first slice's best hits while the rest is read. A cancelled search leaves the
    /// searcher as it was.
    pub fn run(
        &mut self,
        index: &Index,
        input: &str,
        keep: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
        early: impl FnOnce(Outcome),
    ) -> Option<Outcome> {
        let q = Query::parse(input);
        let p = Prepared::new(&q);
        let mut bits = Vec::new();
        let work = within(index, &q, &self.exact, &mut bits);
        let exact = Pass {
            p: &p,
            tier: Tier::Exact,
            keep,
            skip: &[],
        };
        // The first slice's results are shown once: the exact pass's, or when it found
        // none there, the scattered pass's.
        let mut early = Some(early);
        let found = index.try_scan(&exact, work, cancelled, |o| {
            if let Some(f) = early.take() {
                f(o);
            }
        })?;
        let mut out = Outcome {
            hits: found.best,
            total: found.total,
            scattered: false,
        };
        let mut any = None;
        if found.total < FEW && !q.text.is_empty() {
            let mut bits = Vec::new();
            let work = within(index, &q, &self.any, &mut bits);
            let scattered = Pass {
                p: &p,
                tier: Tier::Scattered,
                keep,
                skip: &found.targets,
            };
            let more = index.try_scan(&scattered, work, cancelled, |mut o| {
                if let Some(f) = early.take() {
                    let mut hits = out.hits.clone();
                    hits.append(&mut o.hits);
                    hits.truncate(keep);
                    o.hits = hits;
                    o.total += out.total;
                    f(o);
                }
            })?;
            // Exact hits rank above every scattered one.
            out.hits.extend(more.best);
            out.hits.truncate(keep);
            out.total += more.total;
            out.scattered = more.total > 0;
            let mut targets = found.targets.clone();
            targets.extend(more.targets);
            targets.sort_unstable();
            any = Some(targets);
        }
        if let Some(targets) = any {
            self.any = Some((q.clone(), targets));
        }
        self.exact = Some((q, found.targets));
        Some(out)
    }
}

/// The targets of an earlier search when `q` narrows its query, else everything. Past
/// half of all the targets, reading the index in order is faster than reading the
/// targets one by one, and finds the same; past an eighth, reading it in order but
/// only the targets marked in `bits` (filled here).
fn within<'a>(
    index: &Index,
    q: &Query,
    last: &'a Option<(Query, Vec<u32>)>,
    bits: &'a mut Vec<u64>,
) -> Work<'a> {
    match last {
        Some((wider, targets)) if q.narrows(wider) && targets.len() * 2 < index.targets => {
            if targets.len() * 8 < index.targets {
                return Work::Targets(targets);
            }
            bits.clear();
            bits.resize(index.entries.len().div_ceil(64), 0);
            for &first in targets {
                if let Some(word) = bits.get_mut(first as usize / 64) {
                    *word |= 1 << (first % 64);
                }
            }
            Work::Marked(bits)
        }
        _ => Work::All,
    }
}

/// Whether bit `i` of `bits` is set.
fn is_set(bits: &[u64], i: u32) -> bool {
    bits.get(i as usize / 64)
        .is_some_and(|word| word & (1 << (i % 64)) != 0)
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
