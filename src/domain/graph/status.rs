//! Which claims stand: the status of every node, computed from the rebuttals alone.
//!
//! - The **label** is Dung's grounded labelling of the rebuttal graph. A node *stands*
//!   when every node that rebuts it falls (so an unanswered node stands); it *falls*
//!   when some node that rebuts it stands; otherwise it is *open* (rebuttals that go
//!   round in a cycle decide nothing). Positions get labels too: claims rebut them.
//!   Supports never change a label; [`Status::standing_supporters`] counts them beside it.
//! - The **strength** is the h-categorizer: `1 / (1 + the sum of the strengths of the
//!   node's rebuttals)`, in (0, 1], 1 for an unanswered node. It ranks nodes within a
//!   label. Nodes are settled in an order where rebuttals come first, so a chain of any
//!   depth is exact in one pass; only the nodes of a cycle are iterated (Jacobi, from
//!   1), until no strength changes by more than [`TOLERANCE`] or [`MAX_ROUNDS`] rounds
//!   have passed ([`Convergence`] says which).
//! - The **why** ([`Status::why`]) names the deciding nodes; [`explain`] and
//!   [`describe`] put it in words for the command line and documents.
//! - **What if** ([`Status::what_if`]) gives the status with some nodes *set aside*:
//!   supposed to fail. A node set aside falls whatever answers it, its rebuttals count
//!   for nothing (an argument that fails defeats nothing) and its strength is 0. Only
//!   what the nodes set aside rebut, directly or down a chain, can change, so only
//!   that is worked out again, from the status with nothing set aside.
//!
//! Everything is linear in nodes plus links (cycles apart, for the strengths) and
//! nothing recurses, so a debate of 100,000 claims or a chain 100,000 deep is fine.
//! The rebuttal graph is prepared once ([`Status::of`]) and shared by every what-if.

use std::fmt;
use std::sync::Arc;

use crate::domain::graph::model::{Adjacency, Debate, NodeId, Relation};

/// The largest change of any strength at which the iteration over a cycle stops.
pub const TOLERANCE: f64 = 1e-9;

/// The most rounds the iteration over one cycle takes before it stops regardless.
pub const MAX_ROUNDS: u32 = 1000;

/// How many deciding nodes [`explain`] names before it says "and N more".
const NAMED: usize = 5;

/// Whether a node stands, falls or is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// Every rebuttal falls, or there is none.
    Stands,
    /// A rebuttal stands.
    Falls,
    /// Neither: no rebuttal stands, and some are open (rebuttals in a cycle).
    Open,
}

impl Label {
    pub const ALL: [Label; 3] = [Label::Stands, Label::Falls, Label::Open];

    /// The label as written in a file and printed: `stands`, `falls`, `open`.
    pub fn name(self) -> &'static str {
        match self {
            Label::Stands => "stands",
            Label::Falls => "falls",
            Label::Open => "open",
        }
    }

    /// The label written `name` (exactly, lower case).
    pub fn parse(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.name() == name)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a node has its label: the nodes that decide it, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Set aside by a what-if: supposed to fail, whatever answers it.
    SetAside,
    /// Nothing rebuts it: it stands.
    Unanswered,
    /// It stands: each of its rebuttals falls (or is set aside).
    RebuttalsFall(Vec<NodeId>),
    /// It falls: these rebuttals stand.
    RebuttedBy(Vec<NodeId>),
    /// It is open: no rebuttal stands, and the open ones are these. `cycle`: those in a
    /// cycle of rebuttals with it; `open`: the others, open for a cycle further away.
    Open {
        cycle: Vec<NodeId>,
        open: Vec<NodeId>,
    },
}

/// How the iteration of the strengths over cycles ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Convergence {
    /// The most rounds any cycle took (0 when there is no cycle).
    pub rounds: u32,
    /// The largest change of a strength in the last round of any cycle.
    pub max_change: f64,
    /// Whether every cycle settled within [`TOLERANCE`]; `false` when some stopped at
    /// [`MAX_ROUNDS`].
    pub converged: bool,
}

/// The status of every node of a debate, with some nodes perhaps set aside.
///
/// Lookups by node are constant time. A node that is not in the debate reads as open,
/// with strength 0 and no supporters.
#[derive(Debug, Clone)]
pub struct Status {
    shared: Arc<Shared>,
    now: Snapshot,
    aside: Vec<bool>,
    /// The nodes set aside, in order.
    set_aside: Vec<NodeId>,
}

/// What every what-if of a debate starts from: its graph, and its status with nothing
/// set aside.
#[derive(Debug)]
struct Shared {
    graph: Rebuttals,
    base: Snapshot,
}

/// Everything known of every node, numbered positions first, then claims.
#[derive(Debug, Clone)]
struct Snapshot {
    labels: Vec<Label>,
    strengths: Vec<f64>,
    /// How many claims that stand support each node.
    supporters: Vec<u32>,
    /// Each node's strongly connected component of rebuttals: two nodes in one are in
    /// a cycle together.
    components: Vec<u32>,
    /// The number the next component found gets.
    next_component: u32,
    counts: [usize; 3],
    /// How the iteration of each cycle ended.
    cycles: Vec<Iterated>,
    convergence: Convergence,
}

/// How the iteration of the strengths over one cycle ended.
#[derive(Debug, Clone, Copy)]
struct Iterated {
    /// A node of the cycle.
    node: u32,
    rounds: u32,
    change: f64,
}

impl Status {
    /// The status of every node of `debate`, nothing set aside.
    pub fn of(debate: &Debate) -> Status {
        let graph = Rebuttals::new(debate);
        let n = graph.len();
        let mut base = Snapshot {
            labels: vec![Label::Open; n],
            strengths: vec![0.0; n],
            supporters: vec![0; n],
            components: vec![0; n],
            next_component: 0,
            counts: [0, 0, n],
            cycles: Vec::new(),
            convergence: EXACT,
        };
        let aside = vec![false; n];
        let all: Vec<u32> = (0..n as u32).collect();
        base.settle(&graph, &Region::new(all, n), &aside);
        Status {
            now: base.clone(),
            shared: Arc::new(Shared { graph, base }),
            aside,
            set_aside: Vec::new(),
        }
    }

    /// The status with the nodes `aside` set aside, and no others: what-ifs do not add
    /// up, each is worked out from the status with nothing set aside. Nodes not in the
    /// debate are ignored. Costs what the nodes set aside rebut, directly or down a
    /// chain, plus a copy of the status.
    pub fn what_if(&self, aside: impl IntoIterator<Item = NodeId>) -> Status {
        let graph = &self.shared.graph;
        let n = graph.len();
        let mut flags = vec![false; n];
        let mut set: Vec<u32> = Vec::new();
        for i in aside.into_iter().filter_map(|node| graph.index(node)) {
            if !std::mem::replace(&mut flags[i], true) {
                set.push(i as u32);
            }
        }
        set.sort_unstable();
        let mut now = self.shared.base.clone();
        if !set.is_empty() {
            let region = Region::downstream(graph, &set);
            now.settle(graph, &region, &flags);
        }
        Status {
            shared: Arc::clone(&self.shared),
            now,
            aside: flags,
            set_aside: set.iter().map(|&i| graph.node(i as usize)).collect(),
        }
    }

    pub fn label(&self, node: NodeId) -> Label {
        self.at(node).map_or(Label::Open, |i| self.now.labels[i])
    }

    /// The h-categorizer strength, in (0, 1]; 0 for a node set aside.
    pub fn strength(&self, node: NodeId) -> f64 {
        self.at(node).map_or(0.0, |i| self.now.strengths[i])
    }

    /// How many claims that stand support this node.
    pub fn standing_supporters(&self, node: NodeId) -> usize {
        self.at(node).map_or(0, |i| self.now.supporters[i] as usize)
    }

    pub fn is_set_aside(&self, node: NodeId) -> bool {
        self.at(node).is_some_and(|i| self.aside[i])
    }

    /// The nodes set aside: positions first, then claims, each in file order.
    pub fn set_aside(&self) -> &[NodeId] {
        &self.set_aside
    }

    /// How many nodes (positions and claims) have `label`.
    pub fn count(&self, label: Label) -> usize {
        self.now.counts[label as usize]
    }

    pub fn convergence(&self) -> Convergence {
        self.now.convergence
    }

    /// The nodes that decide `node`'s label. Costs the number of its rebuttals.
    pub fn why(&self, node: NodeId) -> Why {
        let Some(i) = self.at(node) else {
            return Why::Open {
                cycle: Vec::new(),
                open: Vec::new(),
            };
        };
        if self.aside[i] {
            return Why::SetAside;
        }
        let graph = &self.shared.graph;
        let now = &self.now;
        let rebutters = graph.rebutters.of(i);
        let with = |label: Label| {
            rebutters
                .iter()
                .filter(move |&&r| now.labels[r as usize] == label)
        };
        let node = |&r: &u32| graph.node(r as usize);
        match now.labels[i] {
            _ if rebutters.is_empty() => Why::Unanswered,
            Label::Stands => Why::RebuttalsFall(rebutters.iter().map(node).collect()),
            Label::Falls => Why::RebuttedBy(with(Label::Stands).map(node).collect()),
            Label::Open => {
                let here = now.components[i];
                let in_cycle = |r: &&u32| now.components[**r as usize] == here;
                Why::Open {
                    cycle: with(Label::Open).filter(in_cycle).map(node).collect(),
                    open: with(Label::Open)
                        .filter(|r| !in_cycle(r))
                        .map(node)
                        .collect(),
                }
            }
        }
    }

    fn at(&self, node: NodeId) -> Option<usize> {
        self.shared.graph.index(node)
    }
}

/// No cycle iterated yet.
const EXACT: Convergence = Convergence {
    rounds: 0,
    max_change: 0.0,
    converged: true,
};

/// How the iterations over `cycles` ended, taken together.
fn convergence(cycles: &[Iterated]) -> Convergence {
    cycles.iter().fold(EXACT, |c, it| Convergence {
        rounds: c.rounds.max(it.rounds),
        max_change: c.max_change.max(it.change),
        converged: c.converged && it.change <= TOLERANCE,
    })
}

impl Snapshot {
    /// Works out again the labels, strengths and components of the nodes of `region`
    /// with the nodes `aside` set aside, those outside it being settled already, and
    /// brings the counts and the supporters up to date.
    fn settle(&mut self, graph: &Rebuttals, region: &Region, aside: &[bool]) {
        let before: Vec<Label> = region
            .nodes
            .iter()
            .map(|&v| self.labels[v as usize])
            .collect();
        graph.settle_labels(&mut self.labels, region, aside);
        let cycles = graph.settle_strengths(
            &mut self.strengths,
            &mut self.components,
            &mut self.next_component,
            region,
            aside,
        );
        self.cycles.retain(|c| !region.inside[c.node as usize]);
        self.cycles.extend(cycles);
        self.convergence = convergence(&self.cycles);
        for (&v, was) in region.nodes.iter().zip(before) {
            let now = self.labels[v as usize];
            if now == was {
                continue;
            }
            self.counts[was as usize] -= 1;
            self.counts[now as usize] += 1;
            for &t in graph.supported.of(v as usize) {
                let t = t as usize;
                if was == Label::Stands {
                    self.supporters[t] -= 1;
                }
                if now == Label::Stands {
                    self.supporters[t] += 1;
                }
            }
        }
    }
}

/// The nodes whose status is worked out again. Everything a node of the region rebuts
/// is in it, so nothing outside it depends on what is inside.
struct Region {
    nodes: Vec<u32>,
    /// One flag a node of the graph: whether it is in `nodes`.
    inside: Vec<bool>,
}

impl Region {
    fn new(nodes: Vec<u32>, len: usize) -> Region {
        let mut inside = vec![false; len];
        for &v in &nodes {
            inside[v as usize] = true;
        }
        Region { nodes, inside }
    }

    /// `from` and everything it rebuts, directly or down a chain.
    fn downstream(graph: &Rebuttals, from: &[u32]) -> Region {
        let mut inside = vec![false; graph.len()];
        let mut nodes = Vec::new();
        let mut todo: Vec<u32> = from.to_vec();
        while let Some(v) = todo.pop() {
            if std::mem::replace(&mut inside[v as usize], true) {
                continue;
            }
            nodes.push(v);
            todo.extend(graph.rebutted.of(v as usize));
        }
        Region { nodes, inside }
    }
}

/// The why of a node in words, naming nodes by id: "rebutted by `y`, which stands".
/// The ids are as written in the file: make the text visible before printing it.
pub fn explain(debate: &Debate, why: &Why) -> String {
    explain_with(why, |n| format!("`{}`", debate.id_of(n)))
}

/// The why of a node in words, each deciding node named by `name` (its id, its title):
/// "rebutted by NAME, which stands". Names at most five nodes, then "and N more".
pub fn explain_with(why: &Why, name: impl Fn(NodeId) -> String) -> String {
    let ids = |nodes: &[NodeId]| named(nodes, &name);
    match why {
        Why::SetAside => "set aside: supposed to fail".to_string(),
        Why::Unanswered => "unanswered".to_string(),
        Why::RebuttalsFall(r) if r.len() == 1 => format!("its rebuttal {} falls", ids(r)),
        Why::RebuttalsFall(r) => format!("its {} rebuttals fall ({})", r.len(), ids(r)),
        Why::RebuttedBy(r) => format!(
            "rebutted by {}, which {}",
            ids(r),
            if r.len() == 1 { "stands" } else { "stand" }
        ),
        Why::Open { cycle, open } if cycle.is_empty() && open.is_empty() => {
            "not in the debate".to_string()
        }
        Why::Open { cycle, .. } if !cycle.is_empty() => format!("in a cycle with {}", ids(cycle)),
        Why::Open { open, .. } => format!(
            "rebutted by {}, which {} open",
            ids(open),
            if open.len() == 1 { "is" } else { "are" }
        ),
    }
}

/// A node's label and why in words: "falls: rebutted by `y`, which stands".
pub fn describe(debate: &Debate, status: &Status, node: NodeId) -> String {
    format!(
        "{}: {}",
        status.label(node),
        explain(debate, &status.why(node))
    )
}

/// "supported by 3 standing claims", or nothing when no claim that stands supports it.
pub fn support(status: &Status, node: NodeId) -> Option<String> {
    match status.standing_supporters(node) {
        0 => None,
        1 => Some("supported by 1 standing claim".to_string()),
        n => Some(format!("supported by {n} standing claims")),
    }
}

/// "`a`", "`a` and `b`", "`a`, `b`, `c`, `d`, `e` and 3 more".
fn named(nodes: &[NodeId], name: impl Fn(NodeId) -> String) -> String {
    let shown: Vec<String> = nodes.iter().take(NAMED).map(|&n| name(n)).collect();
    match (shown.split_last(), nodes.len().saturating_sub(NAMED)) {
        (None, _) => String::new(),
        (Some((only, [])), 0) => only.clone(),
        (Some((last, rest)), 0) => format!("{} and {last}", rest.join(", ")),
        (Some(_), more) => format!("{} and {more} more", shown.join(", ")),
    }
}

/// The rebuttal graph of a debate, prepared once: who rebuts and supports each node,
/// and whom each node rebuts and supports. Nodes are numbered positions first, then
/// claims.
///
/// [`Status`] is all a reader needs; this is public so that each step can be measured
/// on its own (`benches/status.rs`).
#[derive(Debug)]
pub struct Rebuttals {
    positions: usize,
    claims: usize,
    /// Who rebuts each node.
    rebutters: Adjacency,
    /// Whom each node rebuts.
    rebutted: Adjacency,
    /// Whom each node supports.
    supported: Adjacency,
}

/// Marks a node not yet reached by [`Tarjan::run`].
const UNSEEN: u32 = u32::MAX;

impl Rebuttals {
    pub fn new(debate: &Debate) -> Rebuttals {
        let positions = debate.positions.len();
        let claims = debate.claims.len();
        let dense = |n: NodeId| match n {
            NodeId::Position(i) => i as usize,
            NodeId::Claim(i) => positions + i as usize,
        };
        let nodes = positions + claims;
        let of = |relation: Relation| -> Vec<(u32, u32)> {
            debate
                .links()
                .iter()
                .filter(|l| l.relation == relation)
                .map(|l| (dense(l.from) as u32, dense(l.to) as u32))
                .collect()
        };
        let rebuts = of(Relation::Rebuts);
        let supports = of(Relation::Supports);
        let by_target = |links: &[(u32, u32)]| {
            Adjacency::build_with(nodes, links.len(), |i| links[i].1 as usize, |i| links[i].0)
        };
        let by_source = |links: &[(u32, u32)]| {
            Adjacency::build_with(nodes, links.len(), |i| links[i].0 as usize, |i| links[i].1)
        };
        Rebuttals {
            positions,
            claims,
            rebutters: by_target(&rebuts),
            rebutted: by_source(&rebuts),
            supported: by_source(&supports),
        }
    }

    /// How many nodes: positions and claims.
    pub fn len(&self) -> usize {
        self.positions + self.claims
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The label of every node, positions first, then claims, nothing set aside: the
    /// first step of [`Status::of`].
    pub fn labels(&self) -> Vec<Label> {
        let n = self.len();
        let mut labels = vec![Label::Open; n];
        let all = Region::new((0..n as u32).collect(), n);
        self.settle_labels(&mut labels, &all, &vec![false; n]);
        labels
    }

    /// The strength of every node, positions first, then claims, nothing set aside,
    /// and how the iteration over cycles ended: the second step of [`Status::of`].
    pub fn strengths(&self) -> (Vec<f64>, Convergence) {
        let n = self.len();
        let mut strengths = vec![0.0; n];
        let all = Region::new((0..n as u32).collect(), n);
        let cycles = self.settle_strengths(
            &mut strengths,
            &mut vec![0; n],
            &mut 0,
            &all,
            &vec![false; n],
        );
        (strengths, convergence(&cycles))
    }

    fn index(&self, node: NodeId) -> Option<usize> {
        match node {
            NodeId::Position(i) if (i as usize) < self.positions => Some(i as usize),
            NodeId::Claim(i) if (i as usize) < self.claims => Some(self.positions + i as usize),
            _ => None,
        }
    }

    fn node(&self, i: usize) -> NodeId {
        if i < self.positions {
            NodeId::Position(i as u32)
        } else {
            NodeId::Claim((i - self.positions) as u32)
        }
    }

    /// The grounded labelling of the nodes of `region`, the labels outside it being
    /// settled: each node waits for its rebuttals; one that stands makes its targets
    /// fall at once, and once all of a node's rebuttals have fallen it stands. What
    /// never settles is open. Each node is settled once.
    fn settle_labels(&self, labels: &mut [Label], region: &Region, aside: &[bool]) {
        // Rebuttals not yet fallen, for the nodes of the region that wait.
        let mut waiting = vec![0u32; self.len()];
        let mut settled: Vec<u32> = Vec::new();
        for &v in &region.nodes {
            labels[v as usize] = Label::Open;
        }
        for &v in &region.nodes {
            let v = v as usize;
            if aside[v] {
                labels[v] = Label::Falls;
                continue;
            }
            let (mut wait, mut beaten) = (0, false);
            for &r in self.rebutters.of(v) {
                let r = r as usize;
                if aside[r] {
                    continue;
                }
                match (region.inside[r], labels[r]) {
                    (true, _) | (false, Label::Open) => wait += 1,
                    (false, Label::Stands) => beaten = true,
                    (false, Label::Falls) => {}
                }
            }
            if beaten {
                labels[v] = Label::Falls;
            } else if wait == 0 {
                labels[v] = Label::Stands;
            } else {
                waiting[v] = wait;
                continue;
            }
            settled.push(v as u32);
        }
        while let Some(v) = settled.pop() {
            let stands = labels[v as usize] == Label::Stands;
            for &t in self.rebutted.of(v as usize) {
                let t = t as usize;
                if labels[t] != Label::Open || !region.inside[t] {
                    continue;
                }
                if stands {
                    labels[t] = Label::Falls;
                    settled.push(t as u32);
                } else {
                    waiting[t] -= 1;
                    if waiting[t] == 0 {
                        labels[t] = Label::Stands;
                        settled.push(t as u32);
                    }
                }
            }
        }
    }

    /// The h-categorizer strengths of the nodes of `region`, the strengths outside it
    /// being settled. A node whose rebuttals are all settled is settled at once, so a
    /// chain costs one pass. What is left lies in or below a cycle: it is cut into its
    /// strongly connected components, which are settled in an order where a node's
    /// rebuttals come first. Components are numbered on from `next` in `components`.
    fn settle_strengths(
        &self,
        strengths: &mut [f64],
        components: &mut [u32],
        next: &mut u32,
        region: &Region,
        aside: &[bool],
    ) -> Vec<Iterated> {
        let mut settle = Settle {
            graph: self,
            aside,
            next: Vec::new(),
            cycles: Vec::new(),
        };
        // The rebuttals that count, within the region.
        let counts = |r: u32| region.inside[r as usize] && !aside[r as usize];
        // Rebuttals not yet settled, for the nodes of the region that wait.
        let mut waiting = vec![0u32; self.len()];
        let mut ready: Vec<u32> = Vec::new();
        for &v in &region.nodes {
            match self
                .rebutters
                .of(v as usize)
                .iter()
                .filter(|&&r| counts(r))
                .count()
            {
                0 => ready.push(v),
                n => waiting[v as usize] = n as u32,
            }
        }
        while let Some(v) = ready.pop() {
            strengths[v as usize] = settle.value(strengths, v);
            components[v as usize] = *next;
            *next += 1;
            if aside[v as usize] {
                continue; // it counted for nothing
            }
            for &t in self.rebutted.of(v as usize) {
                let t = t as usize;
                if region.inside[t] {
                    waiting[t] -= 1;
                    if waiting[t] == 0 {
                        ready.push(t as u32);
                    }
                }
            }
        }
        let left = || {
            region
                .nodes
                .iter()
                .copied()
                .filter(|&v| waiting[v as usize] > 0)
        };
        if left().next().is_none() {
            return settle.cycles;
        }
        let mut tarjan = Tarjan::new(self.len(), *next);
        let mut order = Order::default();
        let keep = |r: u32| counts(r) && waiting[r as usize] > 0;
        tarjan.run(self, left(), keep, &mut order, components);
        *next = tarjan.components;
        for (members, cyclic) in order.components() {
            settle.run(strengths, members, cyclic);
        }
        settle.cycles
    }
}

/// Components of the rebuttal graph in order: the `c`-th is
/// `nodes[ends[c - 1]..ends[c]]`, and `cyclic[c]` says whether it holds a cycle.
#[derive(Debug, Default)]
struct Order {
    nodes: Vec<u32>,
    ends: Vec<u32>,
    cyclic: Vec<bool>,
}

impl Order {
    fn components(&self) -> impl Iterator<Item = (&[u32], bool)> + '_ {
        self.ends
            .iter()
            .scan(0usize, |start, &end| {
                let run = &self.nodes[*start..end as usize];
                *start = end as usize;
                Some(run)
            })
            .zip(self.cyclic.iter().copied())
    }
}

/// Settles the strengths of one component, its rebuttals outside it settled already.
struct Settle<'a> {
    graph: &'a Rebuttals,
    aside: &'a [bool],
    next: Vec<f64>,
    cycles: Vec<Iterated>,
}

impl Settle<'_> {
    fn value(&self, s: &[f64], i: u32) -> f64 {
        if self.aside[i as usize] {
            return 0.0;
        }
        let sum: f64 = self
            .graph
            .rebutters
            .of(i as usize)
            .iter()
            .filter(|&&r| !self.aside[r as usize])
            .map(|&r| s[r as usize])
            .sum();
        1.0 / (1.0 + sum)
    }

    fn run(&mut self, s: &mut [f64], members: &[u32], cyclic: bool) {
        if !cyclic {
            for &m in members {
                s[m as usize] = self.value(s, m);
            }
            return;
        }
        for &m in members {
            s[m as usize] = 1.0;
        }
        let mut rounds = 0;
        let mut change = f64::INFINITY;
        let mut next = std::mem::take(&mut self.next);
        while change > TOLERANCE && rounds < MAX_ROUNDS {
            next.clear();
            next.extend(members.iter().map(|&m| self.value(s, m)));
            change = 0.0;
            for (&m, &v) in members.iter().zip(&next) {
                change = f64::max(change, (s[m as usize] - v).abs());
                s[m as usize] = v;
            }
            rounds += 1;
        }
        self.next = next;
        self.cycles.push(Iterated {
            node: members[0],
            rounds,
            change,
        });
    }
}

/// Tarjan's strongly connected components, with an explicit stack instead of
/// recursion. Its arrays span the whole graph and are reused from run to run.
struct Tarjan {
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    /// The nodes being visited, each with the next of its rebutters to follow.
    calls: Vec<(u32, u32)>,
    counter: u32,
    /// The number the next component gets.
    components: u32,
}

impl Tarjan {
    /// Arrays for `nodes` nodes; components are numbered from `first`.
    fn new(nodes: usize, first: u32) -> Tarjan {
        Tarjan {
            components: first,
            index: vec![UNSEEN; nodes],
            low: vec![0; nodes],
            on_stack: vec![false; nodes],
            stack: Vec::new(),
            calls: Vec::new(),
            counter: 0,
        }
    }

    /// Finds the components among `roots`, going from a node to those of its
    /// rebutters that `keep` accepts. Appends them to `order`, each after the
    /// components of its rebuttals, and numbers them in `component`, counting on from
    /// the components found before.
    fn run(
        &mut self,
        graph: &Rebuttals,
        roots: impl Iterator<Item = u32>,
        keep: impl Fn(u32) -> bool,
        order: &mut Order,
        component: &mut [u32],
    ) {
        for root in roots {
            if self.index[root as usize] != UNSEEN {
                continue;
            }
            self.enter(root);
            while let Some(&(v, next)) = self.calls.last() {
                let rebutters = graph.rebutters.of(v as usize);
                if let Some(&w) = rebutters.get(next as usize) {
                    if let Some(call) = self.calls.last_mut() {
                        call.1 += 1;
                    }
                    if !keep(w) {
                        continue;
                    }
                    if self.index[w as usize] == UNSEEN {
                        self.enter(w);
                    } else if self.on_stack[w as usize] {
                        self.low[v as usize] = self.low[v as usize].min(self.index[w as usize]);
                    }
                    continue;
                }
                self.calls.pop();
                let low = self.low[v as usize];
                if let Some(&(u, _)) = self.calls.last() {
                    self.low[u as usize] = self.low[u as usize].min(low);
                }
                if low != self.index[v as usize] {
                    continue;
                }
                let c = self.components;
                self.components += 1;
                let start = order.nodes.len();
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w as usize] = false;
                    component[w as usize] = c;
                    order.nodes.push(w);
                    if w == v {
                        break;
                    }
                }
                let members = &order.nodes[start..];
                let cyclic = members.len() > 1 || rebutters.iter().any(|&r| r == v && keep(r));
                order.ends.push(order.nodes.len() as u32);
                order.cyclic.push(cyclic);
            }
        }
    }

    fn enter(&mut self, v: u32) {
        self.index[v as usize] = self.counter;
        self.low[v as usize] = self.counter;
        self.counter += 1;
        self.stack.push(v);
        self.on_stack[v as usize] = true;
        self.calls.push((v, 0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::graph::model::{Claim, Link, Position};

    /// A debate of one position `p` and claims named by their ids; `links` are
    /// `(from, to, rebuts)`, by id (`p` is the position).
    fn debate(claims: &[&str], links: &[(&str, &str, bool)]) -> Debate {
        let position = Position {
            id: "p".into(),
            title: "P".into(),
            summary: None,
            quotes: vec![],
            cites: vec![],
        };
        let index: std::collections::HashMap<&str, u32> = claims
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, i as u32))
            .collect();
        let node = |id: &str| match id {
            "p" => NodeId::Position(0),
            id => NodeId::Claim(index[id]),
        };
        let links = links
            .iter()
            .map(|&(from, to, rebuts)| Link {
                from: node(from),
                to: node(to),
                relation: if rebuts {
                    Relation::Rebuts
                } else {
                    Relation::Supports
                },
            })
            .collect();
        let claims = claims
            .iter()
            .map(|id| Claim {
                id: id.to_string(),
                position: 0,
                text: format!("{id}."),
                quotes: vec![],
                tags: vec![],
                cites: vec![],
                expect: None,
            })
            .collect();
        Debate::new("t".into(), None, vec![], vec![position], claims, links)
    }

    fn labels(d: &Debate, s: &Status) -> String {
        d.claims
            .iter()
            .map(|c| {
                let l = s.label(d.lookup(&c.id).unwrap());
                format!("{}:{}", c.id, l)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn id(d: &Debate, id: &str) -> NodeId {
        d.lookup(id).unwrap()
    }

    #[test]
    fn a_chain_alternates() {
        // c rebuts b, b rebuts a.
        let d = debate(&["a", "b", "c"], &[("b", "a", true), ("c", "b", true)]);
        let s = Status::of(&d);
        assert_eq!(labels(&d, &s), "a:stands b:falls c:stands");
        assert_eq!(s.why(id(&d, "c")), Why::Unanswered);
        assert_eq!(s.why(id(&d, "b")), Why::RebuttedBy(vec![id(&d, "c")]));
        assert_eq!(s.why(id(&d, "a")), Why::RebuttalsFall(vec![id(&d, "b")]));
        assert_eq!(
            describe(&d, &s, id(&d, "b")),
            "falls: rebutted by `c`, which stands"
        );
        assert_eq!(
            describe(&d, &s, id(&d, "a")),
            "stands: its rebuttal `b` falls"
        );
        assert_eq!(describe(&d, &s, id(&d, "c")), "stands: unanswered");
        // 1, 1/2, 1/(1 + 1/2)
        assert_eq!(s.strength(id(&d, "c")), 1.0);
        assert_eq!(s.strength(id(&d, "b")), 0.5);
        assert!((s.strength(id(&d, "a")) - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.convergence().rounds, 0);
    }

    #[test]
    fn a_two_cycle_is_open() {
        let d = debate(&["a", "b"], &[("a", "b", true), ("b", "a", true)]);
        let s = Status::of(&d);
        assert_eq!(labels(&d, &s), "a:open b:open");
        assert_eq!(
            s.why(id(&d, "a")),
            Why::Open {
                cycle: vec![id(&d, "b")],
                open: vec![]
            }
        );
        assert_eq!(describe(&d, &s, id(&d, "a")), "open: in a cycle with `b`");
        let golden = (5f64.sqrt() - 1.0) / 2.0;
        assert!((s.strength(id(&d, "a")) - golden).abs() < 1e-8);
        assert!(s.convergence().converged);
        assert!(s.convergence().rounds > 1);
    }

    #[test]
    fn an_odd_cycle_is_open_and_so_is_what_it_rebuts() {
        let d = debate(
            &["a", "b", "c", "d"],
            &[
                ("a", "b", true),
                ("b", "c", true),
                ("c", "a", true),
                ("a", "d", true),
            ],
        );
        let s = Status::of(&d);
        assert_eq!(labels(&d, &s), "a:open b:open c:open d:open");
        assert_eq!(
            describe(&d, &s, id(&d, "d")),
            "open: rebutted by `a`, which is open"
        );
        assert_eq!(s.count(Label::Open), 4);
        assert_eq!(s.count(Label::Stands), 1, "the position is unanswered");
    }

    #[test]
    fn an_unattacked_claim_stands_at_full_strength() {
        let d = debate(&["a"], &[("a", "p", false)]);
        let s = Status::of(&d);
        assert_eq!(s.label(id(&d, "a")), Label::Stands);
        assert_eq!(s.strength(id(&d, "a")), 1.0);
        assert_eq!(s.standing_supporters(NodeId::Position(0)), 1);
        assert_eq!(
            support(&s, NodeId::Position(0)).as_deref(),
            Some("supported by 1 standing claim")
        );
    }

    #[test]
    fn a_third_claim_reinstates() {
        // b rebuts a, c rebuts b: a is reinstated. d rebuts a too, and stands.
        let d = debate(&["a", "b", "c", "d"], &[("b", "a", true), ("c", "b", true)]);
        assert_eq!(
            labels(&d, &Status::of(&d)),
            "a:stands b:falls c:stands d:stands"
        );
        let d = debate(
            &["a", "b", "c", "d"],
            &[("b", "a", true), ("c", "b", true), ("d", "a", true)],
        );
        let s = Status::of(&d);
        assert_eq!(labels(&d, &s), "a:falls b:falls c:stands d:stands");
        assert_eq!(s.why(id(&d, "a")), Why::RebuttedBy(vec![id(&d, "d")]));
    }

    #[test]
    fn a_cycle_broken_from_outside_settles() {
        // a and b rebut each other; c rebuts b: b falls, a stands.
        let d = debate(
            &["a", "b", "c"],
            &[("a", "b", true), ("b", "a", true), ("c", "b", true)],
        );
        let s = Status::of(&d);
        assert_eq!(labels(&d, &s), "a:stands b:falls c:stands");
        assert_eq!(
            describe(&d, &s, id(&d, "b")),
            "falls: rebutted by `a` and `c`, which stand"
        );
    }

    #[test]
    fn what_if_sets_a_claim_aside() {
        let d = debate(&["a", "b", "c"], &[("b", "a", true), ("c", "b", true)]);
        let s = Status::of(&d);
        let w = s.what_if([id(&d, "c")]);
        assert_eq!(labels(&d, &w), "a:falls b:stands c:falls");
        assert_eq!(w.why(id(&d, "c")), Why::SetAside);
        assert_eq!(w.strength(id(&d, "c")), 0.0);
        assert_eq!(w.strength(id(&d, "b")), 1.0);
        assert_eq!(w.set_aside(), &[id(&d, "c")]);
        assert!(w.is_set_aside(id(&d, "c")) && !s.is_set_aside(id(&d, "c")));
        // What-ifs do not add up, and the first status is unchanged.
        assert_eq!(labels(&d, &w.what_if([])), labels(&d, &s));
        assert_eq!(labels(&d, &s), "a:stands b:falls c:stands");
    }

    #[test]
    fn setting_a_node_of_a_cycle_aside_breaks_it() {
        // A three-cycle and a chain hanging from it.
        let d = debate(
            &["a", "b", "c", "d"],
            &[
                ("a", "b", true),
                ("b", "c", true),
                ("c", "a", true),
                ("c", "d", true),
            ],
        );
        let w = Status::of(&d).what_if([id(&d, "a")]);
        assert_eq!(labels(&d, &w), "a:falls b:stands c:falls d:stands");
        assert!((w.strength(id(&d, "c")) - 0.5).abs() < 1e-12);
        assert!((w.strength(id(&d, "d")) - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(w.convergence().rounds, 0, "no cycle is left to iterate");
    }

    #[test]
    fn long_lists_are_cut() {
        let names: Vec<String> = (0..8).map(|i| format!("r{i}")).collect();
        let mut claims: Vec<&str> = vec!["a"];
        claims.extend(names.iter().map(String::as_str));
        let links: Vec<(&str, &str, bool)> =
            names.iter().map(|r| (r.as_str(), "a", true)).collect();
        let d = debate(&claims, &links);
        let s = Status::of(&d);
        assert_eq!(
            describe(&d, &s, id(&d, "a")),
            "falls: rebutted by `r0`, `r1`, `r2`, `r3`, `r4` and 3 more, which stand"
        );
    }

    #[test]
    fn a_chain_a_hundred_thousand_deep_needs_no_recursion() {
        let n = 100_000;
        let names: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
        let claims: Vec<&str> = names.iter().map(String::as_str).collect();
        let links: Vec<(&str, &str, bool)> =
            (1..n).map(|i| (claims[i], claims[i - 1], true)).collect();
        let d = debate(&claims, &links);
        let s = Status::of(&d);
        assert_eq!(
            s.label(id(&d, "c0")),
            if n % 2 == 1 {
                Label::Stands
            } else {
                Label::Falls
            }
        );
        assert_eq!(s.label(id(&d, "c99999")), Label::Stands);
        // The strengths of a long chain tend to the golden ratio's inverse.
        let golden = (5f64.sqrt() - 1.0) / 2.0;
        assert!((s.strength(id(&d, "c0")) - golden).abs() < 1e-9);
        // Closed into a cycle, it is one component of 100,000 nodes.
        let mut links = links;
        links.push((claims[0], claims[n - 1], true));
        let d = debate(&claims, &links);
        let s = Status::of(&d);
        assert_eq!(s.count(Label::Open), n);
        let w = s.what_if([id(&d, "c500")]);
        assert_eq!(w.label(id(&d, "c501")), Label::Stands);
        assert_eq!(w.label(id(&d, "c502")), Label::Falls);
        assert!(w.convergence().converged);
    }

    #[test]
    fn labels_read_and_print_as_written() {
        for l in Label::ALL {
            assert_eq!(Label::parse(l.name()), Some(l));
            assert_eq!(l.to_string(), l.name());
        }
        assert_eq!(Label::parse("Stands"), None);
    }

    #[test]
    fn a_node_not_in_the_debate_reads_as_open() {
        let d = debate(&["a"], &[]);
        let s = Status::of(&d);
        assert_eq!(s.label(NodeId::Claim(9)), Label::Open);
        assert_eq!(s.strength(NodeId::Claim(9)), 0.0);
        assert_eq!(s.what_if([NodeId::Claim(9)]).set_aside(), &[]);
        assert_eq!(
            describe(&d, &s, NodeId::Claim(9)),
            "open: not in the debate"
        );
    }
}
