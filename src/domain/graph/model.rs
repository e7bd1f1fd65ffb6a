//! The debate graph: sources, positions, claims, quotes and the links between them.
//!
//! Positions and claims share one id space and are both *nodes*: a claim may support or
//! rebut a position as well as another claim. Links are stored once, in compressed
//! adjacency arrays for both directions, so "who rebuts X" is as cheap as "what X rebuts".

use std::collections::HashMap;
use std::ops::Range;

use crate::domain::graph::status::Label;

/// A node of the graph: a position (a side) or a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeId {
    Position(u32),
    Claim(u32),
}

/// How a claim relates to the node it points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    Supports,
    Rebuts,
}

impl Relation {
    pub fn verb(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Rebuts => "rebuts",
        }
    }
}

/// One `supports` or `rebuts` entry: `from` argues for or against `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub from: NodeId,
    pub to: NodeId,
    pub relation: Relation,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// The `file` field as written, relative to the debate file.
    pub file: Option<String>,
    /// The full text of `file`, when the source has one; shared by the sources that
    /// name the same file.
    pub text: Option<std::sync::Arc<str>>,
    /// A passage of the source the debate cites, as given (not verified).
    pub excerpt: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Index into [`Debate::sources`].
    pub source: u32,
    pub text: String,
    pub speaker: Option<String>,
    pub translation: Option<String>,
    /// The speech act the speaker performed, as a verb: "asks", "concedes".
    pub act: Option<String>,
    /// Where the quote stands in its source's text (byte range), when the source has a
    /// file and the quote was found in it.
    pub found: Option<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub quotes: Vec<Quote>,
    /// Sources this position cites as a whole, as indexes into [`Debate::sources`].
    pub cites: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: String,
    /// Index into [`Debate::positions`]: the side that makes this claim.
    pub position: u32,
    pub text: String,
    pub quotes: Vec<Quote>,
    pub tags: Vec<String>,
    /// Sources this claim cites as a whole, as indexes into [`Debate::sources`].
    pub cites: Vec<u32>,
    /// The label the author expects it to get (`expect:`), which `check` verifies.
    pub expect: Option<Label>,
}

/// Compressed adjacency: `items[start[n]..start[n + 1]]` are node `n`'s entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Adjacency {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Adjacency {
    /// Groups the indexes `0..len` by `key(i)` over `nodes` buckets, keeping input order
    /// in a bucket.
    pub(crate) fn build(nodes: usize, len: usize, key: impl Fn(usize) -> usize) -> Self {
        Adjacency::build_with(nodes, len, key, |i| i as u32)
    }

    /// Groups `value(i)` for the indexes `0..len` by `key(i)` over `nodes` buckets,
    /// keeping input order in a bucket.
    pub(crate) fn build_with(
        nodes: usize,
        len: usize,
        key: impl Fn(usize) -> usize,
        value: impl Fn(usize) -> u32,
    ) -> Self {
        let mut start = vec![0u32; nodes + 1];
        for i in 0..len {
            start[key(i) + 1] += 1;
        }
        for n in 0..nodes {
            start[n + 1] += start[n];
        }
        let mut next: Vec<u32> = start[..nodes].to_vec();
        let mut items = vec![0u32; len];
        for i in 0..len {
            let k = key(i);
            items[next[k] as usize] = value(i);
            next[k] += 1;
        }
        Adjacency { start, items }
    }

    pub(crate) fn of(&self, node: usize) -> &[u32] {
        match (self.start.get(node), self.start.get(node + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// A loaded, validated debate.
#[derive(Debug, Clone, PartialEq)]
pub struct Debate {
    pub title: String,
    pub description: Option<String>,
    pub sources: Vec<Source>,
    pub positions: Vec<Position>,
    pub claims: Vec<Claim>,
    links: Vec<Link>,
    ids: HashMap<String, NodeId>,
    outgoing: Adjacency,
    incoming: Adjacency,
    claims_by_position: Adjacency,
    passages: Vec<Vec<Passage>>,
    /// How many claims rebut each node (dense index), for drawing without a count.
    rebuttals: Vec<u32>,
}

/// A quoted passage of a source: which node quotes it, and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    pub node: NodeId,
    /// Index into that node's quotes.
    pub quote: u32,
    /// Byte range in the source's text.
    pub range: Range<usize>,
}

impl Debate {
    /// Builds the graph. `links` must only name nodes that exist; the loader guarantees it.
    pub fn new(
        title: String,
        description: Option<String>,
        sources: Vec<Source>,
        positions: Vec<Position>,
        claims: Vec<Claim>,
        links: Vec<Link>,
    ) -> Self {
        let mut ids = HashMap::with_capacity(positions.len() + claims.len());
        for (i, p) in positions.iter().enumerate() {
            ids.entry(p.id.clone())
                .or_insert(NodeId::Position(i as u32));
        }
        for (i, c) in claims.iter().enumerate() {
            ids.entry(c.id.clone()).or_insert(NodeId::Claim(i as u32));
        }
        let nodes = positions.len() + claims.len();
        let p = positions.len();
        let dense = move |n: NodeId| match n {
            NodeId::Position(i) => i as usize,
            NodeId::Claim(i) => p + i as usize,
        };
        let outgoing = Adjacency::build(nodes, links.len(), |i| dense(links[i].from));
        let incoming = Adjacency::build(nodes, links.len(), |i| dense(links[i].to));
        let claims_by_position = Adjacency::build(positions.len(), claims.len(), |i| {
            claims[i].position as usize
        });
        let mut passages: Vec<Vec<Passage>> = vec![Vec::new(); sources.len()];
        let quoted = positions
            .iter()
            .enumerate()
            .map(|(i, p)| (NodeId::Position(i as u32), &p.quotes))
            .chain(
                claims
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (NodeId::Claim(i as u32), &c.quotes)),
            );
        for (node, quotes) in quoted {
            for (k, q) in quotes.iter().enumerate() {
                if let (Some(list), Some(range)) = (passages.get_mut(q.source as usize), &q.found) {
                    list.push(Passage {
                        node,
                        quote: k as u32,
                        range: range.clone(),
                    });
                }
            }
        }
        for list in &mut passages {
            list.sort_by_key(|p| (p.range.start, p.range.end));
        }
        let mut rebuttals = vec![0u32; nodes];
        for l in links.iter().filter(|l| l.relation == Relation::Rebuts) {
            rebuttals[dense(l.to)] += 1;
        }
        Debate {
            rebuttals,
            passages,
            title,
            description,
            sources,
            positions,
            claims,
            links,
            ids,
            outgoing,
            incoming,
            claims_by_position,
        }
    }

    fn dense(&self, node: NodeId) -> usize {
        match node {
            NodeId::Position(i) => i as usize,
            NodeId::Claim(i) => self.positions.len() + i as usize,
        }
    }

    /// The node with this id, if any.
    pub fn lookup(&self, id: &str) -> Option<NodeId> {
        self.ids.get(id).copied()
    }

    pub fn contains(&self, node: NodeId) -> bool {
        match node {
            NodeId::Position(i) => (i as usize) < self.positions.len(),
            NodeId::Claim(i) => (i as usize) < self.claims.len(),
        }
    }

    pub fn claim(&self, i: u32) -> Option<&Claim> {
        self.claims.get(i as usize)
    }

    pub fn position(&self, i: u32) -> Option<&Position> {
        self.positions.get(i as usize)
    }

    /// The id of a node as written in the file.
    pub fn id_of(&self, node: NodeId) -> &str {
        match node {
            NodeId::Position(i) => self.position(i).map_or("", |p| &p.id),
            NodeId::Claim(i) => self.claim(i).map_or("", |c| &c.id),
        }
    }

    /// The main text of a node: a claim's statement or a position's title.
    pub fn text_of(&self, node: NodeId) -> &str {
        match node {
            NodeId::Position(i) => self.position(i).map_or("", |p| &p.title),
            NodeId::Claim(i) => self.claim(i).map_or("", |c| &c.text),
        }
    }

    /// The side a node belongs to: a claim's position, or the position itself.
    pub fn side_of(&self, node: NodeId) -> u32 {
        match node {
            NodeId::Position(i) => i,
            NodeId::Claim(i) => self.claim(i).map_or(0, |c| c.position),
        }
    }

    /// The sources a claim or position cites as a whole: indexes into [`Self::sources`].
    pub fn cites_of(&self, node: NodeId) -> &[u32] {
        match node {
            NodeId::Position(i) => self.position(i).map_or(&[], |p| &p.cites),
            NodeId::Claim(i) => self.claim(i).map_or(&[], |c| &c.cites),
        }
    }

    pub fn quotes_of(&self, node: NodeId) -> &[Quote] {
        match node {
            NodeId::Position(i) => self.position(i).map_or(&[], |p| &p.quotes),
            NodeId::Claim(i) => self.claim(i).map_or(&[], |c| &c.quotes),
        }
    }

    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// What this node supports and rebuts, in file order.
    pub fn outgoing(&self, node: NodeId) -> impl ExactSizeIterator<Item = &Link> + '_ {
        self.outgoing
            .of(self.dense(node))
            .iter()
            .map(|&i| &self.links[i as usize])
    }

    /// What supports and rebuts this node, in file order.
    pub fn incoming(&self, node: NodeId) -> impl ExactSizeIterator<Item = &Link> + '_ {
        self.incoming
            .of(self.dense(node))
            .iter()
            .map(|&i| &self.links[i as usize])
    }

    /// How many claims rebut this node.
    pub fn rebuttal_count(&self, node: NodeId) -> usize {
        self.rebuttals
            .get(self.dense(node))
            .map_or(0, |&n| n as usize)
    }

    /// The claims made for a position, in file order (indices into `claims`).
    pub fn claims_of(&self, position: u32) -> &[u32] {
        self.claims_by_position.of(position as usize)
    }

    /// The quoted passages of a source, in the order they stand in its text.
    pub fn passages(&self, source: u32) -> &[Passage] {
        self.passages
            .get(source as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// How `to` relates to `from`, when a path steps from `from` to `to`.
    pub fn relation_between(&self, from: NodeId, to: NodeId) -> Option<Step> {
        if let Some(l) = self.outgoing(to).find(|l| l.to == from) {
            return Some(Step {
                relation: l.relation,
                towards_previous: true,
            });
        }
        self.outgoing(from).find(|l| l.to == to).map(|l| Step {
            relation: l.relation,
            towards_previous: false,
        })
    }
}

/// How a step of a path relates to the step before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub relation: Relation,
    /// `true`: this step supports/rebuts the previous one (e.g. "rebuts step 1").
    /// `false`: the previous step supports/rebuts this one ("is rebutted by step 1").
    pub towards_previous: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: &str, position: u32) -> Claim {
        Claim {
            id: id.into(),
            position,
            text: format!("text of {id}"),
            quotes: vec![],
            tags: vec![],
            cites: vec![],
            expect: None,
        }
    }

    fn sample() -> Debate {
        let positions = vec![
            Position {
                id: "a".into(),
                title: "A".into(),
                summary: None,
                quotes: vec![],
                cites: vec![],
            },
            Position {
                id: "b".into(),
                title: "B".into(),
                summary: None,
                quotes: vec![],
                cites: vec![],
            },
        ];
        let claims = vec![claim("x", 0), claim("y", 1), claim("z", 0)];
        let links = vec![
            Link {
                from: NodeId::Claim(1),
                to: NodeId::Claim(0),
                relation: Relation::Rebuts,
            },
            Link {
                from: NodeId::Claim(2),
                to: NodeId::Claim(1),
                relation: Relation::Rebuts,
            },
            Link {
                from: NodeId::Claim(2),
                to: NodeId::Position(0),
                relation: Relation::Supports,
            },
        ];
        Debate::new("t".into(), None, vec![], positions, claims, links)
    }

    #[test]
    fn incoming_and_outgoing_are_both_indexed() {
        let d = sample();
        let x = d.lookup("x").unwrap();
        let z = d.lookup("z").unwrap();
        assert_eq!(d.rebuttal_count(x), 1);
        assert_eq!(d.incoming(x).next().unwrap().from, NodeId::Claim(1));
        let out: Vec<_> = d.outgoing(z).map(|l| (l.to, l.relation)).collect();
        assert_eq!(
            out,
            vec![
                (NodeId::Claim(1), Relation::Rebuts),
                (NodeId::Position(0), Relation::Supports)
            ]
        );
        assert_eq!(d.incoming(NodeId::Position(0)).count(), 1);
        assert_eq!(d.outgoing(x).count(), 0);
    }

    #[test]
    fn claims_are_grouped_by_position() {
        let d = sample();
        assert_eq!(d.claims_of(0), &[0, 2]);
        assert_eq!(d.claims_of(1), &[1]);
        assert_eq!(d.claims_of(7), &[] as &[u32]);
    }

    #[test]
    fn relation_between_reads_both_directions() {
        let d = sample();
        let (x, y) = (NodeId::Claim(0), NodeId::Claim(1));
        assert_eq!(
            d.relation_between(x, y),
            Some(Step {
                relation: Relation::Rebuts,
                towards_previous: true
            })
        );
        assert_eq!(
            d.relation_between(y, x),
            Some(Step {
                relation: Relation::Rebuts,
                towards_previous: false
            })
        );
        assert_eq!(d.relation_between(x, NodeId::Claim(2)), None);
    }
}
