//! Search over everything a reader may remember: claims, positions, quotes, sources.
//!
//! The index is prepared once at load: every searchable text is folded (case and
//! accents) character for character, so a match's character indices point at the same
//! characters of the original, and each entry carries a mask of the letters it holds,
//! which rejects most entries before any scoring. Ranking puts an exact phrase before
//! word starts, and word starts before a scattered fuzzy match.
//!
//! One file for each part of the work: `fold` folds case and accents; `query` reads a
//! query and makes it ready for a scan; `index` builds the index from a debate; `scan`
//! reads it on every core, and reads only the last results when a query grows;
//! `matching` finds where a query matches a text and which characters it covers;
//! `rank` scores matches and orders the results.

mod fold;
mod index;
mod matching;
mod query;
mod rank;
mod scan;

use crate::domain::graph::model::NodeId;

pub use fold::{fold, fold_char};
pub use index::Index;
pub use matching::FUZZY_WINDOW;
pub use query::Query;
pub use rank::{rank, rank_in_stages, top};
pub use scan::Searcher;

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Claim(u32),
    Position(u32),
    /// A quote: the node that holds it and its index among the node's quotes.
    Quote(NodeId, u32),
    Source(u32),
}

impl Target {
    pub fn kind(self) -> &'static str {
        match self {
            Target::Claim(_) => "claim",
            Target::Position(_) => "position",
            Target::Quote(..) => "quote",
            Target::Source(_) => "source",
        }
    }

    /// The node a reader lands on when choosing this result.
    pub fn node(self) -> Option<NodeId> {
        match self {
            Target::Claim(c) => Some(NodeId::Claim(c)),
            Target::Position(p) => Some(NodeId::Position(p)),
            Target::Quote(n, _) => Some(n),
            Target::Source(_) => None,
        }
    }
}

/// Which text of a target an entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Text,
    Id,
    Summary,
    Translation,
    Speaker,
    /// A claim's tag: its index among the claim's tags.
    Tag(u32),
}

/// A result: the target, which of its texts matched best, and how well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    pub field: Field,
    pub score: i64,
    /// The index entry that matched; [`Index::matched_chars`] tells where.
    entry: u32,
    /// The target's first entry, where a narrowed search starts reading it.
    first: u32,
}

#[cfg(test)]
mod testing {
    use super::*;
    use crate::domain::builtin;
    use crate::domain::graph::model::Debate;

    pub(super) fn index() -> (Debate, Index) {
        let d = builtin::load().unwrap().debate;
        let i = Index::new(&d);
        (d, i)
    }

    pub(super) fn text_of<'a>(d: &'a Debate, h: &Hit) -> &'a str {
        match (h.target, h.field) {
            (Target::Claim(c), Field::Text) => &d.claims[c as usize].text,
            (Target::Claim(c), Field::Id) => &d.claims[c as usize].id,
            (Target::Quote(n, k), Field::Text) => &d.quotes_of(n)[k as usize].text,
            (Target::Quote(n, k), Field::Translation) => {
                d.quotes_of(n)[k as usize].translation.as_deref().unwrap()
            }
            (Target::Quote(n, k), Field::Speaker) => {
                d.quotes_of(n)[k as usize].speaker.as_deref().unwrap()
            }
            (Target::Position(p), Field::Text) => &d.positions[p as usize].title,
            (Target::Source(s), Field::Text) => &d.sources[s as usize].title,
            _ => "",
        }
    }

    /// The matched characters of a hit, from the original text.
    pub(super) fn matched(d: &Debate, i: &Index, h: &Hit, query: &str) -> String {
        let chars: Vec<char> = text_of(d, h).chars().collect();
        i.matched_chars(h, query)
            .iter()
            .map(|&k| chars[k])
            .collect()
    }
}
