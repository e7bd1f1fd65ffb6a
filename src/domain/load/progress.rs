//! How far loading has come, shared between the thread that loads and the one that
//! shows a progress bar. Only phases that can count say how far they are: parsing
//! YAML cannot, so it says only that it is under way.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// A phase of loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Reading,
    Parsing,
    /// Reading a file in another tool's format (Kialo, AIF).
    Importing,
    Checking,
    Indexing,
    Done,
}

impl Phase {
    const ALL: [Phase; 6] = [
        Phase::Reading,
        Phase::Parsing,
        Phase::Importing,
        Phase::Checking,
        Phase::Indexing,
        Phase::Done,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Phase::Reading => "Reading the file",
            Phase::Parsing => "Parsing YAML",
            Phase::Importing => "Importing",
            Phase::Checking => "Checking claims and links",
            Phase::Indexing => "Preparing search",
            Phase::Done => "Ready",
        }
    }
}

/// Progress of loading: the phase, and how much of it is done when it can count.
#[derive(Debug, Default)]
pub struct Progress {
    phase: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
}

/// What a progress bar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub phase: Phase,
    pub done: usize,
    /// 0 when the phase cannot count.
    pub total: usize,
}

impl Progress {
    /// A new phase of `total` steps (0: it cannot count).
    pub fn start(&self, phase: Phase, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        let i = Phase::ALL.iter().position(|&p| p == phase).unwrap_or(0);
        self.phase.store(i as u8, Ordering::Relaxed);
    }

    pub fn advance(&self, steps: usize) {
        self.done.fetch_add(steps, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Snapshot {
        let phase = Phase::ALL
            .get(self.phase.load(Ordering::Relaxed) as usize)
            .copied()
            .unwrap_or(Phase::Reading);
        let total = self.total.load(Ordering::Relaxed);
        Snapshot {
            phase,
            done: self.done.load(Ordering::Relaxed).min(total),
            total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_count_and_never_pass_their_total() {
        let p = Progress::default();
        assert_eq!(p.snapshot().phase, Phase::Reading);
        p.start(Phase::Checking, 10);
        p.advance(4);
        assert_eq!(
            p.snapshot(),
            Snapshot {
                phase: Phase::Checking,
                done: 4,
                total: 10
            }
        );
        p.advance(100);
        assert_eq!(p.snapshot().done, 10);
        p.start(Phase::Parsing, 0);
        assert_eq!((p.snapshot().done, p.snapshot().total), (0, 0));
    }
}
