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

use crate::domain::graph::model::{Debate, NodeId};

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

/// The text of a target's field, as the debate holds it: `None` when the target has no
/// such text (a claim has no summary, a quote may have no speaker) or is not in the
/// debate. The index reads its texts here, and results show them from here.
pub fn text_of(d: &Debate, target: Target, field: Field) -> Option<&str> {
    match target {
        Target::Claim(c) => {
            let c = d.claims.get(c as usize)?;
            match field {
                Field::Text => Some(&c.text),
                Field::Id => Some(&c.id),
                Field::Tag(k) => c.tags.get(k as usize).map(String::as_str),
                Field::Summary | Field::Translation | Field::Speaker => None,
            }
        }
        Target::Position(p) => {
            let p = d.positions.get(p as usize)?;
            match field {
                Field::Text => Some(&p.title),
                Field::Id => Some(&p.id),
                Field::Summary => p.summary.as_deref(),
                Field::Translation | Field::Speaker | Field::Tag(_) => None,
            }
        }
        Target::Quote(n, k) => {
            let q = d.quotes_of(n).get(k as usize)?;
            match field {
                Field::Text => Some(&q.text),
                Field::Translation => q.translation.as_deref(),
                Field::Speaker => q.speaker.as_deref(),
                Field::Id | Field::Summary | Field::Tag(_) => None,
            }
        }
        Target::Source(s) => {
            let s = d.sources.get(s as usize)?;
            match field {
                Field::Text => Some(&s.title),
                Field::Id
                | Field::Summary
                | Field::Translation
                | Field::Speaker
                | Field::Tag(_) => None,
            }
        }
    }
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

    pub(super) fn index() -> (Debate, Index) {
        let d = builtin::load().unwrap().debate;
        let i = Index::new(&d);
        (d, i)
    }

    /// The text a hit matched.
    pub(super) fn text_of<'a>(d: &'a Debate, h: &Hit) -> &'a str {
        super::text_of(d, h.target, h.field).expect("a hit's text is in the debate")
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
