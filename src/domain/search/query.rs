//! What a query says: free text and filters (`side:`, `is:`, `tag:`, `status:`); the filters
//! applied to an entry; and the query made ready for a scan.

use memchr::memmem::Finder;

use crate::domain::graph::model::NodeId;

use super::Target;
use super::fold::{fold, mask};
use super::index::{Entry, Index};

/// A query: free text plus filters (`side:`, `is:`, `tag:`, `status:`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The free text, folded.
    pub text: String,
    pub side: Option<String>,
    pub kind: Option<String>,
    pub tag: Option<String>,
    /// The start of a label's name: `stands`, `falls`, `open` (`status:f` is enough).
    pub status: Option<String>,
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
            } else if let Some(v) = folded.strip_prefix("status:") {
                q.status = Some(v.to_string());
            } else {
                words.push(folded);
            }
        }
        q.text = words.join(" ");
        q
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
            && self.side.is_none()
            && self.kind.is_none()
            && self.tag.is_none()
            && self.status.is_none()
    }

    /// Whether the two queries filter alike, so that the results of one can be
    /// narrowed to the other's.
    pub fn same_filters(&self, other: &Query) -> bool {
        self.side == other.side
            && self.kind == other.kind
            && self.tag == other.tag
            && self.status == other.status
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
        if let Some(status) = &q.status {
            // A quote goes with the claim or position that holds it; a source has no
            // label.
            let ok = e
                .target
                .node()
                .and_then(|n| self.label(n))
                .is_some_and(|l| l.name().starts_with(status.as_str()));
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

    #[test]
    fn status_filters_read_the_labels_quotes_going_with_their_claim() {
        use crate::domain::graph::status::Status;
        let yaml = "version: 1
title: Two answer each other
sources: [{id: s, title: S}]
positions: [{id: side, title: Side}]
claims:
  - {id: a, position: side, text: Alpha answers beta., rebuts: [b]}
  - {id: b, position: side, text: Beta answers alpha., rebuts: [a]}
  - id: c
    position: side
    text: Gamma stands alone.
    quotes: [{source: s, text: gamma said so}]
";
        let files = crate::domain::load::EmbeddedFiles(&[]);
        let d = crate::domain::load_bytes("t.yaml", yaml.as_bytes(), &files)
            .unwrap_or_else(|e| panic!("{e}"))
            .debate;
        let mut i = Index::new(&d);
        assert!(i.search("status:stands").is_empty(), "no labels, no hits");
        i.set_labels(&d, &Status::of(&d));
        let ids = |q: &str| -> Vec<(String, &str)> {
            let mut v: Vec<_> = i
                .search(q)
                .iter()
                .map(|h| {
                    (
                        d.id_of(h.target.node().unwrap()).to_string(),
                        h.target.kind(),
                    )
                })
                .collect();
            v.sort();
            v
        };
        let open = ids("status:open");
        assert_eq!(open, [("a".into(), "claim"), ("b".into(), "claim")]);
        assert_eq!(ids("status:o"), open, "the start of a label is enough");
        let gamma = ids("status:stands gamma");
        assert!(gamma.contains(&("c".into(), "quote")), "{gamma:?}");
        assert!(ids("status:falls").is_empty());
        assert!(ids("status:nonsense").is_empty());
    }
}
