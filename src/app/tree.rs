//! The Claims pane's tree as the reader has it: which nodes are unfolded, the rows
//! that makes visible, and the focus (a subtree that fills the pane).
//!
//! The visible rows are kept as one flat list in tree order, changed in place: folding
//! a node drains the rows below it, unfolding one splices its visible subtree in. So a
//! fold or an unfold costs the rows it hides or shows (and one move of the rows after
//! it), never a walk of the whole debate; only unfolding everything builds every row.
//! A focus is a window on that list: the focused node's row and the rows below it.
//! Drawing reads the rows on screen only.

use std::ops::Range;

use crate::domain::NodeId;
use crate::domain::graph::tree::{Answer, Tree};

/// One visible row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub node: NodeId,
    /// The node it hangs under: `None` for a position.
    pub parent: Option<NodeId>,
    /// 0 for a position, then one more a level.
    pub depth: u32,
    /// How it answers `parent` (a position: [`Answer::Nothing`]).
    pub answer: Answer,
    /// Shown in full here; else a one-line reference to where it is.
    pub full: bool,
    /// The last row under its parent.
    pub last: bool,
}

/// Where the reader is in the tree: the selected node and the focus it is read in. A
/// jump list keeps these and comes back to them with [`crate::app::Action::GoTo`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    pub node: NodeId,
    /// For a reference row: the node it is listed under (the full row is elsewhere).
    pub under: Option<NodeId>,
    /// The focus, outermost first; empty when the whole tree shows.
    pub focus: Vec<NodeId>,
}

impl Place {
    /// The full row of `node`, out of any focus.
    pub fn at(node: NodeId) -> Place {
        Place {
            node,
            under: None,
            focus: Vec::new(),
        }
    }
}

/// The fold state and the rows it makes visible.
#[derive(Debug, Clone)]
pub struct TreeView {
    tree: Tree,
    /// Per node (dense, as in [`Tree`]): unfolded.
    open: Vec<bool>,
    /// Every visible row of the whole tree, in order.
    rows: Vec<Row>,
    /// The focus, outermost first.
    focus: Vec<NodeId>,
    /// The rows the pane shows: the innermost focus's subtree, or all.
    window: Range<usize>,
    /// The ancestors of the innermost focus, its position first.
    crumbs: Vec<NodeId>,
}

impl TreeView {
    /// The tree as a debate opens: the positions unfolded, their claims folded.
    pub fn new(tree: Tree) -> TreeView {
        let mut view = TreeView {
            open: vec![false; tree.len()],
            tree,
            rows: Vec::new(),
            focus: Vec::new(),
            window: 0..0,
            crumbs: Vec::new(),
        };
        view.open_positions();
        view.rebuild();
        view
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// The rows the pane shows, in order.
    pub fn rows(&self) -> &[Row] {
        &self.rows[self.window.clone()]
    }

    /// How many rows the pane shows.
    pub fn len(&self) -> usize {
        self.window.len()
    }

    pub fn is_empty(&self) -> bool {
        self.window.is_empty()
    }

    /// The `i`th row the pane shows.
    pub fn get(&self, i: usize) -> Option<&Row> {
        self.rows().get(i)
    }

    /// How many rows are visible in the whole tree, focus or not.
    pub fn visible(&self) -> usize {
        self.rows.len()
    }

    /// The focus, outermost first.
    pub fn focus(&self) -> &[NodeId] {
        &self.focus
    }

    pub fn is_focused(&self) -> bool {
        !self.focus.is_empty()
    }

    /// The ancestors of the focused node, its position first: the breadcrumb.
    pub fn crumbs(&self) -> &[NodeId] {
        &self.crumbs
    }

    /// The depth the pane's first level has: rows are indented from it.
    pub fn base_depth(&self) -> u32 {
        self.focus.last().map_or(0, |&f| self.tree.depth(f))
    }

    fn dense(&self, node: NodeId) -> usize {
        self.tree.dense(node) as usize
    }

    pub fn is_open(&self, node: NodeId) -> bool {
        self.open.get(self.dense(node)).copied().unwrap_or(false)
    }

    /// Whether a row can be unfolded or folded: a full row with claims under it.
    pub fn has_children(&self, row: &Row) -> bool {
        row.full && !self.tree.children(row.node).is_empty()
    }

    /// Whether a row hides claims: the number [`Tree::below`] gives, when folded.
    pub fn is_folded(&self, row: &Row) -> bool {
        self.has_children(row) && !self.is_open(row.node)
    }

    /// The nodes unfolded, for remembering the folds.
    pub fn opened(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.open
            .iter()
            .enumerate()
            .filter(|&(_, &o)| o)
            .map(|(i, _)| self.tree.node(i as u32))
    }

    /// Unfolds exactly `nodes` (those of the tree; others are ignored), out of focus.
    pub fn set_opened(&mut self, nodes: impl IntoIterator<Item = NodeId>) {
        self.open.fill(false);
        for n in nodes {
            let d = self.dense(n);
            if let Some(o) = self.open.get_mut(d) {
                *o = true;
            }
        }
        self.focus.clear();
        self.crumbs.clear();
        self.rebuild();
    }

    fn open_positions(&mut self) {
        for r in self.tree.roots() {
            let d = self.dense(r);
            self.open[d] = true;
        }
    }

    /// Every visible row built anew, out of focus: work in proportion to them.
    fn rebuild(&mut self) {
        let mut rows = std::mem::take(&mut self.rows);
        rows.clear();
        let roots = self.tree.roots().len();
        for (k, r) in self.tree.roots().enumerate() {
            rows.push(Row {
                node: r,
                parent: None,
                depth: 0,
                answer: Answer::Nothing,
                full: true,
                last: k + 1 == roots,
            });
            if self.is_open(r) {
                self.subtree(r, 0, &mut rows);
            }
        }
        self.rows = rows;
        self.window = 0..self.rows.len();
        self.focus.clear();
        self.crumbs.clear();
    }

    /// Appends the visible rows below `node`, whose row is at `depth`.
    fn subtree(&self, node: NodeId, depth: u32, out: &mut Vec<Row>) {
        let first = self.tree.children(node);
        out.reserve(first.len());
        let mut stack = vec![(node, first, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (parent, kids, k) = *top;
            let Some(&ch) = kids.get(k) else {
                stack.pop();
                continue;
            };
            top.2 += 1;
            let n = ch.node();
            out.push(Row {
                node: n,
                parent: Some(parent),
                depth: depth + stack.len() as u32,
                answer: ch.answer,
                full: ch.full,
                last: k + 1 == kids.len(),
            });
            if ch.full {
                let d = self.tree.dense(n);
                if self.open.get(d as usize) == Some(&true) {
                    let below = self.tree.children_of(d);
                    if !below.is_empty() {
                        stack.push((n, below, 0));
                    }
                }
            }
        }
    }

    /// The end of the rows below the row at `at` (absolute): the first row after it
    /// that is not deeper.
    fn end_of(&self, at: usize) -> usize {
        let Some(row) = self.rows.get(at) else {
            return at;
        };
        let d = row.depth;
        self.rows[at + 1..]
            .iter()
            .position(|r| r.depth <= d)
            .map_or(self.rows.len(), |k| at + 1 + k)
    }

    /// Replaces the rows below the row at `at` (absolute) with its visible subtree
    /// as the fold state now has it.
    fn refresh_below(&mut self, at: usize) {
        let Some(&row) = self.rows.get(at) else {
            return;
        };
        let end = self.end_of(at);
        let mut fresh = Vec::new();
        if row.full && self.is_open(row.node) {
            self.subtree(row.node, row.depth, &mut fresh);
        }
        let (removed, added) = (end - at - 1, fresh.len());
        self.rows.splice(at + 1..end, fresh);
        if self.window.contains(&at) {
            self.window.end = self.window.end + added - removed;
        }
    }

    /// Unfolds the `i`th row: `false` when there was nothing to unfold.
    pub fn unfold(&mut self, i: usize) -> bool {
        let at = self.window.start + i;
        match self.rows.get(at) {
            Some(r) if self.is_folded(r) => {
                let d = self.dense(r.node);
                self.open[d] = true;
                self.refresh_below(at);
                true
            }
            _ => false,
        }
    }

    /// Folds the `i`th row: `false` when there was nothing to fold.
    pub fn fold(&mut self, i: usize) -> bool {
        let at = self.window.start + i;
        match self.rows.get(at) {
            Some(r) if self.has_children(r) && self.is_open(r.node) => {
                let d = self.dense(r.node);
                self.open[d] = false;
                self.refresh_below(at);
                true
            }
            _ => false,
        }
    }

    /// Sets every node of the subtree of `node` (itself included) open or not.
    fn set_subtree(&mut self, node: NodeId, open: bool) {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            let d = self.dense(n);
            self.open[d] = open;
            stack.extend(
                self.tree
                    .children(n)
                    .iter()
                    .filter(|c| c.full)
                    .map(|c| c.node()),
            );
        }
    }

    /// Unfolds the `i`th row and everything below it.
    pub fn unfold_subtree(&mut self, i: usize) -> bool {
        let at = self.window.start + i;
        let Some(&row) = self.rows.get(at) else {
            return false;
        };
        if !self.has_children(&row) {
            return false;
        }
        self.set_subtree(row.node, true);
        self.refresh_below(at);
        true
    }

    /// Folds everything the pane shows back to the depth a debate opens at: the
    /// positions (or the focused node) unfolded, every claim below folded.
    pub fn fold_all(&mut self) {
        match self.focus.last().copied() {
            Some(f) => {
                self.set_subtree(f, false);
                let d = self.dense(f);
                self.open[d] = true;
                self.refresh_below(self.window.start);
            }
            None => {
                self.open.fill(false);
                self.open_positions();
                self.rebuild();
            }
        }
    }

    /// Unfolds everything the pane shows.
    pub fn unfold_all(&mut self) {
        if self.is_focused() {
            self.unfold_subtree(0);
        } else {
            self.open.fill(true);
            self.rebuild();
        }
    }

    /// Focuses on the `i`th row: its subtree fills the pane, unfolded one level. A
    /// reference or a row with nothing under it cannot be focused.
    pub fn focus_on(&mut self, i: usize) -> bool {
        let at = self.window.start + i;
        let Some(&row) = self.rows.get(at) else {
            return false;
        };
        if !self.has_children(&row) || (self.is_focused() && i == 0) {
            return false;
        }
        if !self.is_open(row.node) {
            self.unfold(i);
        }
        self.focus.push(row.node);
        self.window = at..self.end_of(at);
        self.crumbs = self.tree.ancestors(row.node).collect();
        self.crumbs.reverse();
        true
    }

    /// Steps out of the innermost focus into the one around it (or the whole tree).
    /// Returns the row, in the new window, of the node stepped out of.
    pub fn step_out(&mut self) -> Option<usize> {
        let left = self.focus.pop()?;
        let at = self.window.start;
        match self.focus.last().copied() {
            None => {
                self.window = 0..self.rows.len();
                self.crumbs.clear();
            }
            Some(f) => {
                // The outer focus's row is above: its subtree holds the inner one.
                let start = self.rows[..at]
                    .iter()
                    .rposition(|r| r.full && r.node == f)
                    .unwrap_or(0);
                self.window = start..self.end_of(start);
                self.crumbs = self.tree.ancestors(f).collect();
                self.crumbs.reverse();
            }
        }
        debug_assert_eq!(self.rows.get(at).map(|r| r.node), Some(left));
        Some(at - self.window.start)
    }

    /// Shows `node`'s full row: out of every focus that does not hold it, with the
    /// nodes above it unfolded. Returns its row in the window.
    pub fn reveal(&mut self, node: NodeId) -> Option<usize> {
        if self.dense(node) >= self.open.len() {
            return None;
        }
        while let Some(&f) = self.focus.last() {
            if self.tree.is_within(node, f) {
                break;
            }
            self.step_out();
        }
        let mut chain: Vec<NodeId> = self.tree.ancestors(node).collect();
        chain.reverse();
        // The highest folded ancestor is visible: unfold the chain from it down, and
        // show its subtree once.
        if let Some(k) = chain.iter().position(|&a| !self.is_open(a)) {
            for &a in &chain[k..] {
                let d = self.dense(a);
                self.open[d] = true;
            }
            let at = self.find_full(chain[k], 0)?;
            self.refresh_below(at);
        }
        let at = self.find_full(node, 0)?;
        Some(at - self.window.start)
    }

    /// The absolute row of `node`'s full row in the window, searching from `from`.
    fn find_full(&self, node: NodeId, from: usize) -> Option<usize> {
        let from = from.max(self.window.start);
        self.rows
            .get(from..self.window.end)?
            .iter()
            .position(|r| r.full && r.node == node)
            .map(|k| from + k)
    }

    /// The row, in the window, of the row above the `i`th one that it hangs under.
    pub fn parent_row(&self, i: usize) -> Option<usize> {
        let row = self.get(i)?;
        let d = row.depth.checked_sub(1)?;
        self.rows()[..i].iter().rposition(|r| r.depth == d)
    }

    /// Where the `i`th row is, as a [`Place`].
    pub fn place(&self, i: usize) -> Option<Place> {
        let row = self.get(i)?;
        Some(Place {
            node: row.node,
            under: (!row.full).then_some(row.parent).flatten(),
            focus: self.focus.clone(),
        })
    }

    /// Comes back to a place: its focus (as far as it still stands), the nodes above
    /// unfolded. Returns the row of its node in the window.
    pub fn restore(&mut self, place: &Place) -> Option<usize> {
        while self.step_out().is_some() {}
        for &f in &place.focus {
            let Some(i) = self.reveal(f) else { break };
            if !self.focus_on(i) {
                break;
            }
        }
        match place.under {
            Some(parent) => {
                let p = self.reveal(parent)?;
                self.unfold(p);
                self.child_row(p, place.node)
                    .or_else(|| self.reveal(place.node))
            }
            None => self.reveal(place.node),
        }
    }

    /// The row, in the window, of `node` right under the `p`th row.
    fn child_row(&self, p: usize, node: NodeId) -> Option<usize> {
        let at = self.window.start + p;
        let depth = self.rows.get(at)?.depth + 1;
        let end = self.end_of(at);
        self.rows[at + 1..end]
            .iter()
            .position(|r| r.depth == depth && r.node == node)
            .map(|k| p + 1 + k)
    }

    /// The row of a place as the folds stand (nothing is unfolded): its own, or the
    /// nearest one showing on the way down to it.
    pub fn locate(&self, place: &Place) -> usize {
        match place.under {
            Some(parent) => {
                let p = self.nearest_visible(parent);
                let here = self.get(p).is_some_and(|r| r.full && r.node == parent);
                here.then(|| self.child_row(p, place.node))
                    .flatten()
                    .unwrap_or(p)
            }
            None => self.nearest_visible(place.node),
        }
    }

    /// Whether the rows are those that building them afresh from the folds gives, and
    /// the focus's window and breadcrumb agree with them: for tests.
    pub fn is_consistent(&self) -> bool {
        let mut fresh = self.clone();
        fresh.rebuild();
        if fresh.rows != self.rows {
            return false;
        }
        let mut window = 0..self.rows.len();
        for &f in &self.focus {
            let Some(at) = self.rows[window.clone()]
                .iter()
                .position(|r| r.full && r.node == f)
                .map(|k| window.start + k)
            else {
                return false;
            };
            window = at..self.end_of(at);
        }
        let crumbs = self
            .focus
            .last()
            .map_or(0, |&f| self.tree.depth(f) as usize);
        window == self.window && self.crumbs.len() == crumbs
    }

    /// The deepest row still visible on the way down to `node` (itself when it is):
    /// where a selection lands after folds hid it.
    pub fn nearest_visible(&self, node: NodeId) -> usize {
        let mut chain: Vec<NodeId> = self.tree.ancestors(node).collect();
        chain.reverse();
        chain.push(node);
        // Below a folded node nothing shows; above the window nothing either.
        let shown = chain
            .iter()
            .position(|&a| !self.is_open(a))
            .map_or(chain.len(), |k| k + 1);
        for &n in chain[..shown].iter().rev() {
            if let Some(at) = self.find_full(n, 0) {
                return at - self.window.start;
            }
        }
        0
    }
}

/// How a row is laid out across the pane, in columns from its left edge: shared by
/// the drawing and by mouse clicks, so a click on the fold mark finds it.
pub mod layout {
    /// Columns a level of indentation takes.
    pub const LEVEL: usize = 2;

    /// How many levels of indentation a pane `width` columns wide shows: deeper rows
    /// show their last levels, the cut marked.
    pub fn max_levels(width: usize) -> usize {
        (width.saturating_sub(16) / (2 * LEVEL)).max(1)
    }

    /// The levels of indentation a row `depth` levels below the pane's first shows.
    pub fn levels(depth: u32, width: usize) -> usize {
        (depth as usize).min(max_levels(width))
    }

    /// The column of a row's fold mark.
    pub fn mark_x(depth: u32, width: usize) -> usize {
        levels(depth, width) * LEVEL
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Claim, Debate, Link, Position, Relation};

    /// Positions p, q; claims: a, b answer p; a1, a2 answer a; a11 answers a1; x
    /// answers a (home) and b (a reference there); o answers nothing (side q).
    fn view() -> (Debate, TreeView) {
        let pos = |id: &str| Position {
            id: id.into(),
            title: id.into(),
            summary: None,
            quotes: vec![],
            cites: vec![],
        };
        let names = ["a", "b", "a1", "a2", "a11", "x", "o"];
        let claims = names
            .iter()
            .map(|&id| Claim {
                id: id.into(),
                position: u32::from(id == "o"),
                text: id.into(),
                quotes: vec![],
                tags: vec![],
                cites: vec![],
                expect: None,
            })
            .collect();
        let c = |id: &str| NodeId::Claim(names.iter().position(|&n| n == id).unwrap() as u32);
        let p = NodeId::Position(0);
        let link = |from: &str, to: NodeId, relation| Link {
            from: c(from),
            to,
            relation,
        };
        let links = vec![
            link("a", p, Relation::Supports),
            link("b", p, Relation::Rebuts),
            link("a1", c("a"), Relation::Rebuts),
            link("a2", c("a"), Relation::Supports),
            link("a11", c("a1"), Relation::Rebuts),
            link("x", c("a"), Relation::Rebuts),
            link("x", c("b"), Relation::Supports),
        ];
        let d = Debate::new(
            "t".into(),
            None,
            vec![],
            vec![pos("p"), pos("q")],
            claims,
            links,
        );
        let v = TreeView::new(Tree::new(&d));
        (d, v)
    }

    fn ids(d: &Debate, v: &TreeView) -> Vec<String> {
        v.rows()
            .iter()
            .map(|r| {
                let arrow = if r.full { "" } else { "->" };
                format!(
                    "{}{arrow}{}",
                    "  ".repeat(r.depth as usize),
                    d.id_of(r.node)
                )
            })
            .collect()
    }

    fn at(d: &Debate, v: &TreeView, id: &str) -> usize {
        let n = d.lookup(id).unwrap();
        v.rows().iter().position(|r| r.full && r.node == n).unwrap()
    }

    /// The rows are always what building them afresh gives.
    fn consistent(v: &TreeView) {
        assert!(v.is_consistent(), "{:?}", v.rows);
    }

    #[test]
    fn opens_with_positions_and_their_claims() {
        let (d, v) = view();
        assert_eq!(ids(&d, &v), ["p", "  a", "  b", "q", "  o"]);
        let a = v.get(1).unwrap();
        assert!(v.is_folded(a));
        assert_eq!(v.tree().below(a.node), 4);
        assert!(!v.is_folded(v.get(4).unwrap()), "o has nothing under it");
        assert!(v.get(4).unwrap().last && v.get(3).unwrap().last);
        consistent(&v);
    }

    #[test]
    fn unfold_and_fold_splice_the_rows() {
        let (d, mut v) = view();
        assert!(v.unfold(at(&d, &v, "a")));
        assert_eq!(
            ids(&d, &v),
            ["p", "  a", "    a1", "    a2", "    x", "  b", "q", "  o"]
        );
        assert!(!v.unfold(at(&d, &v, "a")), "already unfolded");
        assert!(v.unfold(at(&d, &v, "a1")));
        assert!(v.unfold(at(&d, &v, "b")));
        assert_eq!(
            ids(&d, &v),
            [
                "p",
                "  a",
                "    a1",
                "      a11",
                "    a2",
                "    x",
                "  b",
                "    ->x",
                "q",
                "  o"
            ]
        );
        consistent(&v);
        // Folding a keeps a1 unfolded for later.
        assert!(v.fold(at(&d, &v, "a")));
        assert_eq!(ids(&d, &v), ["p", "  a", "  b", "    ->x", "q", "  o"]);
        assert!(v.unfold(at(&d, &v, "a")));
        assert!(ids(&d, &v).contains(&"      a11".to_string()));
        consistent(&v);
        // A reference cannot be unfolded; a leaf cannot be folded.
        let r = ids(&d, &v).iter().position(|s| s.contains("->x")).unwrap();
        assert!(!v.unfold(r) && !v.fold(r));
        assert!(!v.fold(at(&d, &v, "a2")));
    }

    #[test]
    fn fold_all_and_unfold_all() {
        let (d, mut v) = view();
        v.unfold_all();
        assert_eq!(v.len(), 10, "{:?}", ids(&d, &v));
        consistent(&v);
        v.fold_all();
        assert_eq!(ids(&d, &v), ["p", "  a", "  b", "q", "  o"]);
        let i = at(&d, &v, "a");
        assert!(v.unfold_subtree(i));
        assert_eq!(v.len(), 9);
        consistent(&v);
    }

    #[test]
    fn focus_windows_a_subtree_and_stepping_out_restores() {
        let (d, mut v) = view();
        v.unfold_all();
        let a = d.lookup("a").unwrap();
        assert!(v.focus_on(at(&d, &v, "a")));
        assert_eq!(
            ids(&d, &v),
            ["  a", "    a1", "      a11", "    a2", "    x"]
        );
        assert_eq!(v.crumbs(), [NodeId::Position(0)]);
        assert_eq!(v.base_depth(), 1);
        assert!(!v.focus_on(0), "already the focus");
        // Folding inside the focus moves the window's end.
        assert!(v.fold(at(&d, &v, "a1")));
        assert_eq!(v.len(), 4);
        assert!(v.focus_on(at(&d, &v, "a1")));
        assert_eq!(ids(&d, &v), ["    a1", "      a11"], "focus unfolds");
        assert_eq!(v.crumbs(), [NodeId::Position(0), a]);
        consistent(&v);
        // Out, out: the row stepped out of is the one to select.
        assert_eq!(v.step_out(), Some(1));
        assert_eq!(v.focus(), [a]);
        assert_eq!(v.step_out(), Some(at(&d, &v, "a")));
        assert!(!v.is_focused() && v.crumbs().is_empty());
        assert_eq!(v.step_out(), None);
        assert_eq!(v.len(), 10);
        consistent(&v);
        // Fold all in a focus folds what it shows, and keeps the focus.
        assert!(v.focus_on(at(&d, &v, "a")));
        v.fold_all();
        assert_eq!(ids(&d, &v), ["  a", "    a1", "    a2", "    x"]);
        v.unfold_all();
        assert_eq!(v.len(), 5);
        consistent(&v);
        // A leaf or a reference is no focus.
        assert!(!v.focus_on(at(&d, &v, "a2")));
    }

    #[test]
    fn reveal_unfolds_ancestors_and_leaves_a_focus_that_does_not_hold_the_node() {
        let (d, mut v) = view();
        let a11 = d.lookup("a11").unwrap();
        let i = v.reveal(a11).unwrap();
        assert_eq!(v.get(i).unwrap().node, a11);
        assert!(v.is_open(d.lookup("a").unwrap()) && v.is_open(d.lookup("a1").unwrap()));
        consistent(&v);
        v.focus_on(at(&d, &v, "a1"));
        let o = d.lookup("o").unwrap();
        let i = v.reveal(o).unwrap();
        assert!(!v.is_focused());
        assert_eq!(v.get(i).unwrap().node, o);
        // Within the focus, the focus stays.
        v.focus_on(at(&d, &v, "a"));
        v.fold(at(&d, &v, "a1"));
        let i = v.reveal(a11).unwrap();
        assert!(v.is_focused());
        assert_eq!(v.get(i).unwrap().node, a11);
        consistent(&v);
    }

    #[test]
    fn a_place_comes_back() {
        let (d, mut v) = view();
        v.unfold_all();
        v.focus_on(at(&d, &v, "b"));
        let r = v.rows().iter().position(|r| !r.full).unwrap();
        let place = v.place(r).unwrap();
        assert_eq!(place.under, d.lookup("b"));
        v.fold_all();
        v.step_out();
        v.fold_all();
        let i = v.restore(&place).unwrap();
        assert_eq!(v.place(i).unwrap(), place);
        consistent(&v);
        // The nearest visible row of a hidden node: its highest folded ancestor.
        v.step_out();
        v.fold_all();
        let i = v.nearest_visible(d.lookup("a11").unwrap());
        assert_eq!(v.get(i).unwrap().node, d.lookup("a").unwrap());
    }

    #[test]
    fn the_folds_can_be_remembered() {
        let (d, mut v) = view();
        v.unfold(at(&d, &v, "a"));
        let opened: Vec<NodeId> = v.opened().collect();
        let mut w = TreeView::new(v.tree().clone());
        w.set_opened(opened);
        assert_eq!(w.rows, v.rows);
    }

    #[test]
    fn parent_rows() {
        let (d, mut v) = view();
        v.unfold_all();
        let i = at(&d, &v, "a11");
        assert_eq!(v.parent_row(i), Some(at(&d, &v, "a1")));
        assert_eq!(v.parent_row(0), None);
    }
}
