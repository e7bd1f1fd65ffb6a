//! What a query says: free text and filters (`side:`, `is:`, `tag:`); the filters
//! applied to an entry; and the query made ready for a scan.

use memchr::memmem::Finder;

use crate::domain::graph::model::NodeId;

use super::Target;
use super::fold::{fold, mask};
use super::index::{Entry, Index};

/// A query: free text plus filters (`side:`, `is:`, `tag:`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The free text, folded.
    pub text: String,
    pub side: Option<String>,
    pub kind: Option<String>,
    pub tag: Option<String>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        let mut words = Vec::new();
        for word in input.split_whitespace() {
            let folded = fold(word);
            if let Some(v) = folded.strip_prefix("side:") {
                q.side = Some(v.to_string());
            } else if let Some(v) = folded.strip_prefix("is:") {
                q.kind = Some(v.to_string());
            } else if let Some(v) = folded.strip_prefix("tag:") {
                q.tag = Some(v.to_string());
            } else {
                words.push(folded);
            }
        }
        q.text = words.join(" ");
        q
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.side.is_none() && self.kind.is_none() && self.tag.is_none()
    }
}

/// A query made ready for scanning, once per search: its letter mask and a fast
/// substring finder for the phrase and for each word.
pub(super) struct Prepared<'q> {
    pub(super) q: &'q Query,
    pub(super) mask: u64,
    pub(super) phrase: Finder<'q>,
    pub(super) words: Vec<Finder<'q>>,
}

impl<'q> Prepared<'q> {
    pub(super) fn new(q: &'q Query) -> Prepared<'q> {
        Prepared {
            q,
            mask: mask(&q.text),
            phrase: Finder::new(q.text.as_bytes()),
            words: q
                .text
                .split(' ')
                .map(|w| Finder::new(w.as_bytes()))
                .collect(),
        }
    }
}

impl Index {
    pub(super) fn passes_filters(&self, e: &Entry, q: &Query) -> bool {
        if let Some(kind) = &q.kind
            && e.target.kind() != kind
        {
            return false;
        }
        if let Some(side) = &q.side {
            let ok = e
                .side
                .and_then(|s| self.sides.get(s as usize))
                .is_some_and(|id| id.starts_with(side.as_str()));
            if !ok {
                return false;
            }
        }
        if let Some(tag) = &q.tag {
            let claim = match e.target {
                Target::Claim(c) => Some(c),
                Target::Quote(NodeId::Claim(c), _) => Some(c),
                _ => None,
            };
            let ok = claim
                .and_then(|c| self.tags.get(c as usize))
                .is_some_and(|tags| tags.iter().any(|t| t.starts_with(tag.as_str())));
            if !ok {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::testing::index;

    #[test]
    fn filters_combine_with_text() {
        let (d, i) = index();
        let quotes = i.search("is:quote kill");
        assert!(!quotes.is_empty());
        assert!(quotes.iter().all(|h| matches!(h.target, Target::Quote(..))));
        let side = i.search("side:alignment is:claim");
        assert!(!side.is_empty());
        let align = d
            .positions
            .iter()
            .position(|p| p.id == "alignment")
            .unwrap() as u32;
        for h in &side {
            assert!(matches!(h.target, Target::Claim(_)));
            assert_eq!(d.side_of(h.target.node().unwrap()), align);
        }
        let tagged = i.search("tag:safety");
        assert!(!tagged.is_empty());
        for h in &tagged {
            let (Target::Claim(c) | Target::Quote(NodeId::Claim(c), _)) = h.target else {
                panic!("{h:?}")
            };
            assert!(d.claims[c as usize].tags.iter().any(|t| t == "safety"));
        }
        assert!(i.search("zzzzqqq").is_empty());
    }
}
