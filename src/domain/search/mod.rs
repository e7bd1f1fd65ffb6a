//! Search over everything a reader may remember: claims, positions, quotes, sources,
//! and the sources a claim or position cites (so a source's title finds who cites it).
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

mod find;
mod fold;
mod index;
mod matching;
#[cfg(test)]
mod precision;
mod query;
mod rank;
mod scan;

use crate::domain::graph::model::{Debate, NodeId};

pub use find::{MOST_FOUND, find_all};
pub use fold::{fold, fold_char};
pub use index::Index;
pub use matching::{FUZZY_SLACK, FUZZY_WINDOW};
pub use query::{Anchor, Impossible, KINDS, Query, Term};
pub use rank::{rank, top};
pub use scan::{FEW, Outcome, Searcher};

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
    /// A source a claim or position cites: its index among the node's `cites`, and
    /// which of the source's texts.
    Cites(u32, Cited),
}

/// Which text of a cited source an entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cited {
    Title,
    Url,
    Excerpt,
}

impl Cited {
    pub const ALL: [Cited; 3] = [Cited::Title, Cited::Url, Cited::Excerpt];
}

/// The text of the `k`th source that `cites` names.
fn cited<'d>(d: &'d Debate, cites: &[u32], k: u32, part: Cited) -> Option<&'d str> {
    let s = d.sources.get(*cites.get(k as usize)? as usize)?;
    match part {
        Cited::Title => Some(&s.title),
        Cited::Url => s.url.as_deref(),
        Cited::Excerpt => s.excerpt.as_deref(),
    }
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
                Field::Cites(k, part) => cited(d, &c.cites, k, part),
                Field::Summary | Field::Translation | Field::Speaker => None,
            }
        }
        Target::Position(p) => {
            let p = d.positions.get(p as usize)?;
            match field {
                Field::Text => Some(&p.title),
                Field::Id => Some(&p.id),
                Field::Summary => p.summary.as_deref(),
                Field::Cites(k, part) => cited(d, &p.cites, k, part),
                Field::Translation | Field::Speaker | Field::Tag(_) => None,
            }
        }
        Target::Quote(n, k) => {
            let q = d.quotes_of(n).get(k as usize)?;
            match field {
                Field::Text => Some(&q.text),
                Field::Translation => q.translation.as_deref(),
                Field::Speaker => q.speaker.as_deref(),
                Field::Id | Field::Summary | Field::Tag(_) | Field::Cites(..) => None,
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
                | Field::Tag(_)
                | Field::Cites(..) => None,
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

    /// Typing `query` a letter at a time, each search narrowed from the last gives
    /// what a full search gives.
    pub(super) fn assert_narrowing_is_exact(i: &Index, query: &str) {
        let mut s = Searcher::default();
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            assert_eq!(s.search(i, &typed), i.search(&typed), "after {typed:?}");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::EmbeddedFiles;

    fn cited() -> (Debate, Index) {
        let yaml = include_str!("../../../tests/fixtures/cited.yaml");
        let d = crate::domain::load_bytes("cited.yaml", yaml.as_bytes(), &EmbeddedFiles(&[]))
            .unwrap_or_else(|e| panic!("{e}"))
            .debate;
        let i = Index::new(&d);
        (d, i)
    }

    #[test]
    fn a_cited_source_finds_the_claims_and_positions_that_cite_it() {
        let (d, i) = cited();
        let hits = i.search("energy price cap explained");
        let ids = |hits: &[Hit]| -> Vec<(&str, Field)> {
            hits.iter()
                .filter_map(|h| Some((d.id_of(h.target.node()?), h.field)))
                .collect()
        };
        // The source itself, and each node citing it, by the citation.
        assert!(
            hits.iter().any(|h| h.target == Target::Source(1)),
            "{hits:?}"
        );
        let found = ids(&hits);
        for id in ["keep", "cap-protects", "cap-misleads"] {
            assert!(
                found
                    .iter()
                    .any(|&(n, f)| n == id && matches!(f, Field::Cites(_, Cited::Title))),
                "{id} in {found:?}"
            );
        }
        assert!(
            !found.iter().any(|&(n, _)| n == "suppliers-fail"),
            "{found:?}"
        );
        // Its url and its excerpt too, and the text a result shows is the source's.
        let by_url = i.search("ofgem.gov.uk");
        assert!(ids(&by_url).contains(&("cap-misleads", Field::Cites(0, Cited::Url))));
        let by_excerpt = i.search("standing charges");
        let h = by_excerpt
            .iter()
            .find(|h| h.target == Target::Claim(1))
            .expect("the claim citing the excerpt");
        assert_eq!(h.field, Field::Cites(0, Cited::Excerpt));
        assert!(testing::text_of(&d, h).starts_with("The cap limits"));
        // The second citation of a claim is found by its own index.
        let second = i.search("supplier failures");
        assert!(ids(&second).contains(&("cap-misleads", Field::Cites(1, Cited::Title))));
        // A claim's own text still ranks above what it cites.
        let own = i.search("price cap");
        assert_eq!(own[0].field, Field::Text, "{own:?}");
    }

    #[test]
    fn narrowing_stays_exact_over_citations() {
        let (_, i) = cited();
        testing::assert_narrowing_is_exact(&i, "supplier fail");
    }
}
