//! The debate read as a tree: what the Claims pane shows.
//!
//! - Each position is a root.
//! - Under a node: every claim that supports or rebuts it, in the order of the links
//!   (the claims' file order), and under each of those its own supporters and
//!   rebutters, recursively.
//! - A claim that answers several nodes is shown in full once, under its *home*, and as
//!   a one-line reference (a leaf) under the others. Its home is the first node it
//!   answers. The file lists a claim's `supports` before its `rebuts`, so for a claim
//!   that does both, that order says little: its home is then the node whose id is
//!   its own id less its last `-part`, if it answers it (a Kialo import writes ids so,
//!   `k-1-2-1` under `k-1-2`, and adds a `-> See` reference's link, which may be of
//!   the other relation, after the claim's own); else the first position it answers
//!   (it argues a side directly); else the first node it answers.
//! - Claims that answer nothing are listed under their side's position, among the
//!   position's answers in file order, with no relation.
//! - Where following homes would go round for ever (a rebuts b, b rebuts a, and
//!   neither answers anything else first), the claim of that loop that comes first in
//!   the file is listed under its side instead, and the loop ends in a reference.
//!
//! So every claim is shown in full exactly once and the tree is finite. Building it
//! reads every link once; after that, a node's children, depth, place among its
//! siblings and the number of rows below it are each one lookup.

use super::model::{Debate, NodeId, Relation};

/// How a row answers the node above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    Supports,
    Rebuts,
    /// A claim listed under its side: it answers nothing (or only a loop of claims).
    Nothing,
}

impl From<Relation> for Answer {
    fn from(r: Relation) -> Answer {
        match r {
            Relation::Supports => Answer::Supports,
            Relation::Rebuts => Answer::Rebuts,
        }
    }
}

/// One row under a node: a claim, how it answers the node, and whether it is shown in
/// full there (else it is a reference to where it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Child {
    /// The claim, as an index into [`Debate::claims`].
    pub claim: u32,
    pub answer: Answer,
    pub full: bool,
}

impl Child {
    pub fn node(self) -> NodeId {
        NodeId::Claim(self.claim)
    }
}

/// The tree of a debate. Nodes are addressed densely inside: positions first, then
/// claims, as in [`Debate`]; the public methods take and give [`NodeId`]s.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tree {
    positions: u32,
    /// Per claim: the dense node under which it is shown in full.
    home: Vec<u32>,
    /// Per claim: its index among its home's children.
    nth: Vec<u32>,
    /// Children in compressed form: `children[start[n]..start[n + 1]]` are node `n`'s.
    start: Vec<u32>,
    children: Vec<Child>,
    /// Per node: the depth of its full row (positions are at 0).
    depth: Vec<u32>,
    /// Per node: how many rows its subtree holds below it when all is unfolded.
    below: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl Tree {
    /// The tree of `debate`: work in proportion to its claims and links.
    pub fn new(debate: &Debate) -> Tree {
        let positions = debate.positions.len() as u32;
        let claims = debate.claims.len();
        let nodes = positions as usize + claims;
        let dense = |n: NodeId| match n {
            NodeId::Position(i) => i,
            NodeId::Claim(i) => positions + i,
        };
        let answers = |c: usize| debate.outgoing(NodeId::Claim(c as u32));
        // Each claim's side, read from the positions' lists rather than claim by claim.
        let mut sides = vec![NONE; claims];
        for p in 0..positions {
            for &c in debate.claims_of(p) {
                if let Some(s) = sides.get_mut(c as usize) {
                    *s = p;
                }
            }
        }
        let side = |c: usize| sides[c];
        // Each claim's home, or its side when it answers nothing.
        let mut home: Vec<u32> = (0..claims)
            .map(|c| home_of(debate, c as u32).map_or_else(|| side(c), dense))
            .collect();
        break_loops(&mut home, positions, side);

        // Children, in one pass over the claims in file order: each claim joins the
        // children of every node it answers, and of its position when it is listed
        // there without answering it. So every node's children are in file order.
        let listed = |c: usize| {
            let h = home[c];
            h < positions && !answers(c).any(|l| l.to == NodeId::Position(h))
        };
        let mut start = vec![0u32; nodes + 1];
        for c in 0..claims {
            for l in answers(c) {
                start[dense(l.to) as usize + 1] += 1;
            }
            if listed(c) {
                start[home[c] as usize + 1] += 1;
            }
        }
        for n in 0..nodes {
            start[n + 1] += start[n];
        }
        let mut next = start.clone();
        let empty = Child {
            claim: 0,
            answer: Answer::Nothing,
            full: false,
        };
        let mut children = vec![empty; start[nodes] as usize];
        // Each claim's place under its home, and a row below each node per child.
        let mut nth = vec![0u32; claims];
        let mut below = vec![0u32; nodes];
        let mut put = |n: u32, ch: Child| {
            let at = &mut next[n as usize];
            children[*at as usize] = ch;
            if ch.full {
                nth[ch.claim as usize] = *at - start[n as usize];
            }
            *at += 1;
            below[n as usize] += 1;
        };
        for (c, &h) in home.iter().enumerate() {
            let claim = c as u32;
            for l in answers(c) {
                let to = dense(l.to);
                let full = h == to;
                put(
                    to,
                    Child {
                        claim,
                        answer: l.relation.into(),
                        full,
                    },
                );
            }
            if listed(c) {
                let answer = Answer::Nothing;
                put(
                    h,
                    Child {
                        claim,
                        answer,
                        full: true,
                    },
                );
            }
        }

        let depth = depths(&home, positions);
        add_subtrees(&mut below, &home, &depth, positions);
        Tree {
            positions,
            home,
            nth,
            start,
            children,
            depth,
            below,
        }
    }

    fn range(&self, dense: u32) -> (usize, usize) {
        match (
            self.start.get(dense as usize),
            self.start.get(dense as usize + 1),
        ) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        }
    }

    /// The dense index of a node.
    pub fn dense(&self, node: NodeId) -> u32 {
        match node {
            NodeId::Position(i) => i,
            NodeId::Claim(i) => self.positions.saturating_add(i),
        }
    }

    /// The node of a dense index.
    pub fn node(&self, dense: u32) -> NodeId {
        if dense < self.positions {
            NodeId::Position(dense)
        } else {
            NodeId::Claim(dense - self.positions)
        }
    }

    /// How many nodes there are: positions and claims.
    pub fn len(&self) -> usize {
        self.depth.len()
    }

    pub fn is_empty(&self) -> bool {
        self.depth.is_empty()
    }

    /// The roots: the positions, in file order.
    pub fn roots(&self) -> impl ExactSizeIterator<Item = NodeId> + use<> {
        (0..self.positions).map(NodeId::Position)
    }

    /// The rows under a node, in order.
    pub fn children(&self, node: NodeId) -> &[Child] {
        self.children_of(self.dense(node))
    }

    pub(crate) fn children_of(&self, dense: u32) -> &[Child] {
        let (a, b) = self.range(dense);
        &self.children[a..b]
    }

    /// The node under which `node` is shown in full: `None` for a position.
    pub fn parent(&self, node: NodeId) -> Option<NodeId> {
        match node {
            NodeId::Position(_) => None,
            NodeId::Claim(c) => self.home.get(c as usize).map(|&h| self.node(h)),
        }
    }

    /// The nodes above `node`'s full row, nearest first, up to its position.
    pub fn ancestors(&self, node: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(node), |&n| self.parent(n))
    }

    /// The depth of `node`'s full row: 0 for a position.
    pub fn depth(&self, node: NodeId) -> u32 {
        self.depth
            .get(self.dense(node) as usize)
            .copied()
            .unwrap_or(0)
    }

    /// How many rows hang below `node` when everything under it is unfolded: the claims
    /// shown in full and the references.
    pub fn below(&self, node: NodeId) -> u32 {
        self.below
            .get(self.dense(node) as usize)
            .copied()
            .unwrap_or(0)
    }

    /// Whether `node`'s full row is the last under its parent (a position: the last
    /// root).
    pub fn is_last(&self, node: NodeId) -> bool {
        match node {
            NodeId::Position(i) => i + 1 >= self.positions,
            NodeId::Claim(c) => {
                let Some(&h) = self.home.get(c as usize) else {
                    return true;
                };
                let nth = self.nth.get(c as usize).copied().unwrap_or(0) as usize;
                nth + 1 >= self.children_of(h).len()
            }
        }
    }

    /// Whether `node` is `ancestor` or lies below its full row.
    pub fn is_within(&self, node: NodeId, ancestor: NodeId) -> bool {
        node == ancestor || self.ancestors(node).any(|a| a == ancestor)
    }
}

/// The node a claim is shown in full under, of those it answers (see the module's
/// documentation); `None` when it answers nothing. Ids are read only for a claim
/// that both supports and rebuts.
fn home_of(debate: &Debate, claim: u32) -> Option<NodeId> {
    let node = NodeId::Claim(claim);
    let mut links = debate.outgoing(node);
    let first = links.next()?;
    if links.all(|l| l.relation == first.relation) {
        return Some(first.to);
    }
    let above = || {
        let own = debate.id_of(node);
        let up = debate.lookup(&own[..own.rfind('-')?])?;
        debate.outgoing(node).any(|l| l.to == up).then_some(up)
    };
    let position = || {
        debate
            .outgoing(node)
            .map(|l| l.to)
            .find(|t| matches!(t, NodeId::Position(_)))
    };
    above().or_else(position).or(Some(first.to))
}

/// Makes every chain of homes end at a position: where one goes round a loop of
/// claims, the loop's first claim in file order is given its side as its home. Each
/// claim is walked once.
fn break_loops(home: &mut [u32], positions: u32, side: impl Fn(usize) -> u32) {
    const NEW: u32 = u32::MAX;
    const DONE: u32 = u32::MAX - 1;
    // Per claim: NEW, DONE, or the walk it is on.
    let mut seen = vec![NEW; home.len()];
    let mut walk: Vec<u32> = Vec::new();
    for first in 0..home.len() {
        if seen[first] != NEW {
            continue;
        }
        walk.clear();
        let mut at = first as u32;
        loop {
            seen[at as usize] = first as u32;
            walk.push(at);
            let next = home[at as usize];
            if next < positions || next == NONE {
                break;
            }
            let c = next - positions;
            match seen[c as usize] {
                NEW => at = c,
                s if s == first as u32 => {
                    // A loop: from `c` to the end of the walk.
                    let from = walk.iter().position(|&w| w == c).unwrap_or(0);
                    if let Some(&m) = walk[from..].iter().min() {
                        home[m as usize] = side(m as usize);
                    }
                    break;
                }
                _ => break,
            }
        }
        for &w in &walk {
            seen[w as usize] = DONE;
        }
    }
}

/// Each node's depth: 0 for a position, one more than its home's for a claim; each
/// chain of homes is walked once, as far as the first node whose depth is known.
fn depths(home: &[u32], positions: u32) -> Vec<u32> {
    let p = positions as usize;
    // 0 stands for "not yet" among claims: a claim is at least one level down.
    let mut depth = vec![0u32; p + home.len()];
    let mut chain: Vec<u32> = Vec::new();
    for c in 0..home.len() {
        let mut at = c;
        while depth[p + at] == 0 {
            chain.push(at as u32);
            match home[at] {
                h if h < positions || h == NONE => break,
                h => at = (h - positions) as usize,
            }
        }
        let mut d = depth[p + at];
        while let Some(x) = chain.pop() {
            d += 1;
            depth[p + x as usize] = d;
        }
    }
    depth
}

/// Adds to each node's count of rows below it (its children, counted already) the
/// rows below its claims in full: deepest claims first.
fn add_subtrees(below: &mut [u32], home: &[u32], depth: &[u32], positions: u32) {
    let p = positions as usize;
    let deepest = depth[p..].iter().copied().max().unwrap_or(0) as usize;
    // The claims by depth, deepest first: a counting sort.
    let mut at = vec![0u32; deepest + 2];
    for &d in &depth[p..] {
        at[deepest - d as usize + 1] += 1;
    }
    for i in 0..=deepest {
        at[i + 1] += at[i];
    }
    let mut order = vec![0u32; home.len()];
    for (c, &d) in depth[p..].iter().enumerate() {
        let slot = &mut at[deepest - d as usize];
        order[*slot as usize] = c as u32;
        *slot += 1;
    }
    for &c in &order {
        let h = home[c as usize];
        if h != NONE {
            below[h as usize] = below[h as usize].saturating_add(below[p + c as usize]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::graph::model::{Claim, Link, Position};

    fn position(id: &str) -> Position {
        Position {
            id: id.into(),
            title: id.to_uppercase(),
            summary: None,
            quotes: vec![],
            cites: vec![],
        }
    }

    /// A debate of positions `p`, `q` and claims given as (id, side, supports, rebuts).
    fn debate(claims: &[(&str, u32, &[&str], &[&str])]) -> Debate {
        let positions = vec![position("p"), position("q")];
        let index = |id: &str| -> NodeId {
            match id {
                "p" => NodeId::Position(0),
                "q" => NodeId::Position(1),
                _ => NodeId::Claim(
                    claims
                        .iter()
                        .position(|c| c.0 == id)
                        .unwrap_or_else(|| panic!("{id}")) as u32,
                ),
            }
        };
        let mut links = Vec::new();
        for (i, (_, _, supports, rebuts)) in claims.iter().enumerate() {
            for (list, relation) in [(supports, Relation::Supports), (rebuts, Relation::Rebuts)] {
                for t in list.iter() {
                    links.push(Link {
                        from: NodeId::Claim(i as u32),
                        to: index(t),
                        relation,
                    });
                }
            }
        }
        let claims = claims
            .iter()
            .map(|(id, side, _, _)| Claim {
                id: (*id).into(),
                position: *side,
                text: format!("{id} says"),
                quotes: vec![],
                tags: vec![],
                cites: vec![],
                expect: None,
            })
            .collect();
        Debate::new("t".into(), None, vec![], positions, claims, links)
    }

    /// The tree drawn as text, everything unfolded: one line a row, two spaces a level,
    /// `+`/`-`/`.` for the relation and `->` for a reference.
    fn outline(d: &Debate, t: &Tree) -> String {
        fn walk(d: &Debate, t: &Tree, n: NodeId, depth: usize, out: &mut String) {
            for ch in t.children(n) {
                let mark = match ch.answer {
                    Answer::Supports => "+",
                    Answer::Rebuts => "-",
                    Answer::Nothing => ".",
                };
                let arrow = if ch.full { "" } else { "-> " };
                out.push_str(&format!(
                    "{}{mark} {arrow}{}\n",
                    "  ".repeat(depth),
                    d.id_of(ch.node())
                ));
                if ch.full {
                    walk(d, t, ch.node(), depth + 1, out);
                }
            }
        }
        let mut out = String::new();
        for r in t.roots() {
            out.push_str(&format!("{}\n", d.id_of(r)));
            walk(d, t, r, 1, &mut out);
        }
        out
    }

    #[test]
    fn answers_hang_under_what_they_answer_in_file_order() {
        let d = debate(&[
            ("a", 0, &["p"], &[]),
            ("b", 1, &[], &["a"]),
            ("c", 0, &[], &[]),
            ("d", 0, &["a"], &[]),
            ("e", 1, &[], &["p"]),
        ]);
        let t = Tree::new(&d);
        assert_eq!(
            outline(&d, &t),
            "p\n  + a\n    - b\n    + d\n  . c\n  - e\nq\n",
            "c answers nothing: listed under its side, in file order"
        );
        let a = d.lookup("a").unwrap();
        assert_eq!(t.depth(a), 1);
        assert_eq!(t.depth(d.lookup("d").unwrap()), 2);
        assert_eq!(t.below(NodeId::Position(0)), 5);
        assert_eq!(t.below(a), 2);
        assert_eq!(t.below(NodeId::Position(1)), 0);
        assert!(!t.is_last(a));
        assert!(t.is_last(d.lookup("e").unwrap()));
        assert!(t.is_last(d.lookup("d").unwrap()));
        assert!(!t.is_last(NodeId::Position(0)));
        assert_eq!(t.parent(d.lookup("d").unwrap()), Some(a));
        let up: Vec<_> = t.ancestors(d.lookup("d").unwrap()).collect();
        assert_eq!(up, vec![a, NodeId::Position(0)]);
    }

    #[test]
    fn a_claim_answering_several_nodes_is_in_full_once_and_referenced_elsewhere() {
        let d = debate(&[
            ("a", 0, &["p"], &[]),
            ("b", 0, &["p"], &[]),
            // x supports b first (its home) and rebuts a.
            ("x", 1, &["b"], &["a"]),
            ("y", 0, &[], &["x"]),
            // w supports q and rebuts a: at home under the position.
            ("w", 0, &["q"], &["a"]),
        ]);
        let t = Tree::new(&d);
        assert_eq!(
            outline(&d, &t),
            "p\n  + a\n    - -> x\n    - -> w\n  + b\n    + x\n      - y\nq\n  + w\n"
        );
        let x = d.lookup("x").unwrap();
        assert_eq!(t.parent(x), d.lookup("b"));
        // The references count as rows below, the full claim once with its subtree.
        assert_eq!(t.below(NodeId::Position(0)), 6);
        assert_eq!(t.below(NodeId::Position(1)), 1);
    }

    #[test]
    fn a_claim_is_at_home_under_the_node_its_id_extends_else_under_a_position() {
        // As a Kialo import writes them: k-1-1 rebuts p (its place), and supports k-2
        // (a `-> See` elsewhere); k-2-1 supports k-1 (a reference) and rebuts k-2.
        let d = debate(&[
            ("k-1", 0, &["p"], &[]),
            ("k-2", 1, &[], &["p"]),
            ("k-1-1", 1, &["k-2"], &["p"]),
            ("k-2-1", 0, &["k-1"], &["k-2"]),
        ]);
        let t = Tree::new(&d);
        assert_eq!(
            outline(&d, &t),
            "p\n  + k-1\n    + -> k-2-1\n  - k-2\n    + -> k-1-1\n    - k-2-1\n  - k-1-1\nq\n"
        );
    }

    #[test]
    fn cycles_end_in_a_reference() {
        // a rebuts b, b rebuts a: no home leads to a position.
        let d = debate(&[("a", 0, &[], &["b"]), ("b", 1, &[], &["a"])]);
        let t = Tree::new(&d);
        assert_eq!(outline(&d, &t), "p\n  . a\n    - b\n      - -> a\nq\n");
        // A longer loop, entered from outside, and a claim that also answers p.
        let d = debate(&[
            ("x", 0, &[], &["z"]),
            ("y", 1, &[], &["x"]),
            ("z", 0, &[], &["y"]),
            // w answers p too, after y: a reference there.
            ("w", 1, &[], &["y", "p"]),
        ]);
        let t = Tree::new(&d);
        assert_eq!(
            outline(&d, &t),
            "p\n  . x\n    - y\n      - z\n        - -> x\n      - w\n  - -> w\nq\n"
        );
        for c in 0..4 {
            assert!(t.is_within(NodeId::Claim(c), NodeId::Position(0)));
        }
    }

    #[test]
    fn a_loop_is_listed_under_the_side_of_its_first_claim() {
        // a's first answer is b, b's is a: a loop, though a also answers c, which
        // supports p. The loop's first claim, a, goes under its side.
        let d = debate(&[
            ("a", 0, &[], &["b", "c"]),
            ("b", 1, &[], &["a"]),
            ("c", 0, &["p"], &[]),
        ]);
        let t = Tree::new(&d);
        assert_eq!(
            outline(&d, &t),
            "p\n  . a\n    - b\n      - -> a\n  + c\n    - -> a\nq\n"
        );
        // The loop's first claim answers its side too: it is in full there.
        let d = debate(&[("a", 0, &[], &["b", "p"]), ("b", 1, &[], &["a"])]);
        let t = Tree::new(&d);
        assert_eq!(outline(&d, &t), "p\n  - a\n    - b\n      - -> a\nq\n");
    }

    #[test]
    fn every_claim_is_in_full_exactly_once_in_a_generated_debate() {
        let text = crate::domain::generate::yaml(3000, 3, 5);
        let d = crate::domain::load_bytes(
            "g.yaml",
            text.as_bytes(),
            &crate::domain::load::EmbeddedFiles(&[]),
        )
        .unwrap()
        .debate;
        let t = Tree::new(&d);
        let mut full = vec![0u32; d.claims.len()];
        let mut rows = 0usize;
        let mut stack: Vec<NodeId> = t.roots().collect();
        while let Some(n) = stack.pop() {
            for ch in t.children(n) {
                rows += 1;
                if ch.full {
                    full[ch.claim as usize] += 1;
                    assert_eq!(t.depth(ch.node()), t.depth(n) + 1);
                    stack.push(ch.node());
                }
            }
        }
        assert!(full.iter().all(|&n| n == 1));
        let below: u32 = t.roots().map(|r| t.below(r)).sum();
        assert_eq!(below as usize, rows);
        // A row for every link, and one for every claim that answers nothing.
        let nothing = (0..d.claims.len() as u32)
            .filter(|&c| d.outgoing(NodeId::Claim(c)).len() == 0)
            .count();
        assert_eq!(rows, d.links().len() + nothing);
    }

    #[test]
    fn an_empty_debate_is_an_empty_tree() {
        let d = Debate::new("t".into(), None, vec![], vec![], vec![], vec![]);
        let t = Tree::new(&d);
        assert_eq!(t.roots().count(), 0);
        assert!(t.is_empty());
    }
}
