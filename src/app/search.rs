//! The search popup's state, and the worker that searches off the main thread so that
//! typing and drawing never wait on a search.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use crate::domain::search::{Hit, Index, Outcome, Searcher};

/// How far a set of results has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The hits of the first slice of the debate, best first; the rest is being read.
    Early,
    /// Every hit counted, the best [`LISTED`] ranked.
    Complete,
}

/// Results for one state of the search input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// The input's generation that these results answer.
    pub generation: u64,
    /// The best hits, best first: at most [`LISTED`].
    pub hits: Vec<Hit>,
    /// How many hits there are in all (so far, at [`Stage::Early`]).
    pub total: usize,
    /// Whether the hits include letters scattered closely (the exact tiers found
    /// fewer than [`search::FEW`]).
    pub scattered: bool,
    pub stage: Stage,
}

impl Results {
    /// All the results of a search made here and now, for callers with no worker.
    pub fn complete(index: &Index, generation: u64, input: &str) -> Results {
        Results::of(generation, index.find(input, LISTED), Stage::Complete)
    }

    fn of(generation: u64, o: Outcome, stage: Stage) -> Results {
        Results {
            generation,
            hits: o.hits,
            total: o.total,
            scattered: o.scattered,
            stage,
        }
    }
}

/// How many earlier queries the search input keeps, for ↑.
pub const HISTORY: usize = 50;

/// What the explorer keeps of its searches once the popup is closed: the queries
/// searched, for `/` and ↑, and the results of the last one, for `n` and `N`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recall {
    /// Earlier queries, the newest last, each once.
    pub queries: Vec<String>,
    /// The results that `n` and `N` move through.
    pub trail: Option<Trail>,
    /// The last generation given to a search input, so that results for an earlier
    /// popup are never taken for a later one's.
    pub generation: u64,
}

/// The results of a search, once the popup is closed, and the one the reader is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trail {
    pub query: String,
    pub results: Results,
    /// The result last gone to; `None` before any (`n` goes to the first).
    pub at: Option<usize>,
}

impl Recall {
    /// Keeps a query searched, as the newest; an earlier copy of it goes.
    pub fn remember(&mut self, query: &str) {
        let query = query.trim();
        if query.is_empty() {
            return;
        }
        self.queries.retain(|q| q != query);
        self.queries.push(query.to_string());
        if self.queries.len() > HISTORY {
            self.queries.remove(0);
        }
    }

    /// The last query searched.
    pub fn last(&self) -> Option<&str> {
        self.queries.last().map(String::as_str)
    }
}

/// How many of the best hits a search lists; the rest are counted. A reader who has
/// not found what they meant among these refines the query.
pub const LISTED: usize = 1000;

/// Searches on its own thread. A new request makes the search in progress stop at its
/// next chunk; only the newest request waiting is served.
pub struct Worker {
    requests: Option<Sender<(u64, String)>>,
    results: Receiver<Results>,
    wanted: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    pub fn start(index: Arc<Index>) -> Worker {
        let (request_tx, request_rx) = channel::<(u64, String)>();
        let (result_tx, result_rx) = channel();
        let wanted = Arc::new(AtomicU64::new(0));
        let current = Arc::clone(&wanted);
        let thread = std::thread::spawn(move || {
            let mut searcher = Searcher::default();
            while let Ok(mut request) = request_rx.recv() {
                while let Ok(newer) = request_rx.try_recv() {
                    request = newer;
                }
                let (generation, input) = request;
                let stale = || current.load(Ordering::Relaxed) != generation;
                if !serve(
                    &index,
                    &mut searcher,
                    generation,
                    &input,
                    &stale,
                    &result_tx,
                ) {
                    // The app has gone.
                    return;
                }
            }
        });
        Worker {
            requests: Some(request_tx),
            results: result_rx,
            wanted,
            thread: Some(thread),
        }
    }

    /// Asks for the results of `input`, superseding every earlier request.
    pub fn submit(&self, generation: u64, input: String) {
        self.wanted.store(generation, Ordering::Relaxed);
        if let Some(tx) = &self.requests {
            // The worker only stops when this side drops its sender.
            let _ = tx.send((generation, input));
        }
    }

    /// Results that have arrived, if any.
    pub fn try_recv(&self) -> Option<Results> {
        self.results.try_recv().ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the channel ends the worker's loop; a search in progress stops at its
        // next chunk.
        self.wanted.store(u64::MAX, Ordering::Relaxed);
        self.requests = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Runs one request and sends its results: the first slice's, then all; `false`
/// when nobody listens.
fn serve(
    index: &Index,
    searcher: &mut Searcher,
    generation: u64,
    input: &str,
    stale: &(dyn Fn() -> bool + Sync),
    tx: &Sender<Results>,
) -> bool {
    let mut listening = true;
    let early = |o: Outcome| {
        listening = tx.send(Results::of(generation, o, Stage::Early)).is_ok();
    };
    let Some(o) = searcher.run(index, input, LISTED, stale, early) else {
        return listening;
    };
    listening && tx.send(Results::of(generation, o, Stage::Complete)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::builtin;
    use std::time::{Duration, Instant};

    fn wait_for(w: &Worker, generation: u64) -> Vec<Results> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut got = Vec::new();
        while Instant::now() < deadline {
            match w.try_recv() {
                Some(r) => {
                    let done = r.generation == generation && r.stage == Stage::Complete;
                    got.push(r);
                    if done {
                        return got;
                    }
                }
                None => std::thread::sleep(Duration::from_millis(2)),
            }
        }
        panic!("no complete results for generation {generation}: {got:?}");
    }

    #[test]
    fn the_worker_answers_the_newest_request_like_a_direct_search() {
        let index = Arc::new(Index::new(&builtin::load().unwrap().debate));
        let w = Worker::start(Arc::clone(&index));
        for (g, input) in ["k", "ki", "kil", "kill"].iter().enumerate() {
            w.submit(g as u64 + 1, input.to_string());
        }
        let got = wait_for(&w, 4);
        let last = got.last().unwrap();
        assert_eq!(last, &Results::complete(&index, 4, "kill"));
        // Stale requests were dropped or answered before, never after, the newer ones.
        for pair in got.windows(2) {
            assert!(pair[0].generation <= pair[1].generation, "{got:?}");
        }
    }

    #[test]
    fn large_results_arrive_early_then_complete_and_listed_within_bounds() {
        let text = crate::domain::generate::yaml(4000, 2, 3);
        let files = crate::domain::load::EmbeddedFiles(&[]);
        let d = crate::domain::load_bytes("g.yaml", text.as_bytes(), &files)
            .unwrap()
            .debate;
        let index = Arc::new(Index::new(&d));
        let w = Worker::start(Arc::clone(&index));
        w.submit(1, "a".into());
        let got = wait_for(&w, 1);
        let full = index.search("a");
        assert!(
            full.len() > LISTED,
            "the query must hit many: {}",
            full.len()
        );
        let early = got
            .iter()
            .find(|r| r.stage == Stage::Early)
            .expect("the first slice's results first");
        assert!(early.total < full.len());
        let last = got.last().unwrap();
        assert_eq!(last.total, full.len(), "every hit counted");
        assert_eq!(last.hits, full[..LISTED], "the best listed, in order");
    }
}
