//! The nodeset as a graph: its nodes in file order, and the edges into and out of
//! each. Every problem of shape or of reference is reported at its JSON path
//! (`AIF.nodes[3].type`), list by list in the order of the file.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::json::{Edge, Fault, Inner, Kind, List, Locution, Node, Root, Set, Transcript, What};
use crate::domain::import::capped;
use crate::domain::load::diag::{Diagnostic, LoadError};

/// Collects problems at JSON paths (`AIF.nodes[3].type`).
pub(super) struct Report<'a> {
    name: &'a str,
    /// The file's text, to say what a file of another kind looks like.
    text: &'a str,
    /// `AIF.` when the nodeset is inside an OVA file, else nothing.
    pub(super) prefix: &'static str,
    problems: Vec<Diagnostic>,
}

impl Report<'_> {
    pub(super) fn at(&mut self, path: &str, msg: impl Into<String>) -> &mut Diagnostic {
        let full = format!("{}{path}", self.prefix);
        self.problems.push(Diagnostic::whole_file(
            self.name,
            format!("{full}: {}", msg.into()),
        ));
        let last = self.problems.len() - 1;
        &mut self.problems[last]
    }

    /// A message at `path` for a file whose nodes or edges are not written as AIF or
    /// OVA writes them, saying what the file looks like.
    fn unknown_variant(&mut self, path: &str, msg: String) {
        let looks = looks_like(self.text);
        let d = self.at(path, msg);
        d.notes.push(
            "hint: AIF (AIFdb, OVA3) writes nodes `{\"nodeID\", \"type\", \"text\"}` and edges `{\"fromID\", \"toID\"}`; OVA2 writes nodes with `id` and edges with `from` and `to` nodes".into(),
        );
        if let Some(looks) = looks {
            d.notes.push(format!(
                "note: this looks like {looks}, which debate-tui does not import"
            ));
        }
    }

    pub(super) fn done(self) -> Result<(), LoadError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.into_error())
        }
    }

    pub(super) fn into_error(self) -> LoadError {
        LoadError::Invalid {
            file: self.name.to_string(),
            problems: capped(self.problems),
        }
    }
}

/// The nodeset in `root`: the top-level object, or its `AIF` object (an OVA file),
/// whose paths are then reported with `AIF.` in front. Returns it with the report that
/// collects the problems found in it.
pub(super) fn nodeset<'a, 'n>(
    name: &'n str,
    text: &'n str,
    root: Root<'a>,
) -> Result<(Set<'a>, Vec<Transcript<'a>>, Report<'n>), LoadError> {
    let mut report = Report {
        name,
        text,
        prefix: "",
        problems: Vec::new(),
    };
    let (top, aif, transcripts) = match root {
        Root::Object { top, outer } => (*top, outer.aif, outer.transcripts),
        Root::Not(what) => {
            report.at(
                "(top level)",
                format!("expected an object with `nodes` and `edges`, found {what}"),
            );
            return Err(report.into_error());
        }
    };
    let set = match (&top.nodes, aif) {
        (Some(_), _) | (None, None) => top,
        (None, Some(Inner(Ok(inner)))) => {
            report.prefix = "AIF.";
            inner
        }
        (None, Some(Inner(Err(what)))) => {
            report.at(
                "AIF",
                format!("expected the nodeset (an object with `nodes` and `edges`), found {what}"),
            );
            return Err(report.into_error());
        }
    };
    Ok((set, transcripts, report))
}

/// The items of the list at `key`: none when it is absent (and not `required`), or
/// when it is no list (reported).
pub(super) fn items<T>(
    list: Option<List<T>>,
    key: &str,
    required: bool,
    report: &mut Report,
) -> Vec<T> {
    match list {
        Some(List::Items(items)) => return items,
        Some(List::Not(What::Null)) | None if !required => {}
        None => {
            report
                .at(
                    key,
                    format!("missing: an AIF nodeset has a list of `{key}`"),
                )
                .notes
                .push("hint: is this an AIF file? AIFdb and OVA write `nodes` and `edges`".into());
        }
        Some(List::Not(What::Object)) if key == "nodes" => {
            report.unknown_variant(key, "expected a list, found an object".into());
        }
        Some(List::Not(what)) => {
            report.at(key, format!("expected a list, found {what}"));
        }
    }
    Vec::new()
}

/// An item of a list that should be an object.
pub(super) trait Item {
    /// What the item is instead of an object, if it is none.
    fn not_object(&self) -> Option<What>;
}

impl Item for Node<'_> {
    fn not_object(&self) -> Option<What> {
        match self.kind {
            Kind::Unread(Fault::NotObject(what)) => Some(what),
            _ => None,
        }
    }
}

impl Item for Edge<'_> {
    fn not_object(&self) -> Option<What> {
        match self {
            Edge::NotObject(what) => Some(*what),
            Edge::Ends(_) => None,
        }
    }
}

impl Item for Locution<'_> {
    fn not_object(&self) -> Option<What> {
        match self {
            Locution::NotObject(what) => Some(*what),
            Locution::Of { .. } => None,
        }
    }
}

/// The items of the list at `key` (as [`items`]), having reported each that is not an
/// object as not being `item` (`a node`).
pub(super) fn objects<T: Item>(
    list: Option<List<T>>,
    key: &str,
    item: &str,
    required: bool,
    report: &mut Report,
) -> Vec<T> {
    let items = items(list, key, required, report);
    for (i, it) in items.iter().enumerate() {
        if let Some(what) = it.not_object() {
            report.at(
                &format!("{key}[{i}]"),
                format!("expected {item} (an object), found {what}"),
            );
        }
    }
    items
}

/// The nodes and edges of a nodeset. Every node or edge that cannot be read is
/// reported; such a node links nothing, such an edge is left out.
pub(super) fn graph<'a>(
    nodes: Option<List<Node<'a>>>,
    edges: Option<List<Edge<'a>>>,
    report: &mut Report,
) -> Graph<'a> {
    let mut nodes = objects(nodes, "nodes", "a node", true, report);
    let (pairs, duplicates) = {
        let by_id = node_ids(&nodes, report);
        let edges = objects(edges, "edges", "an edge", false, report);
        let pairs = ends(edges, &by_id, report);
        (pairs, by_id.duplicates)
    };
    for k in duplicates {
        nodes[k].kind = Kind::Unread(Fault::Duplicate);
    }
    let ins = Adjacent::group(nodes.len(), pairs.len(), |i| (pairs[i].1, pairs[i].0));
    let outs = Adjacent::group(nodes.len(), pairs.len(), |i| pairs[i]);
    Graph { nodes, ins, outs }
}

/// The index of each node id in the nodes, and the nodes that repeat an earlier id.
struct NodeIds<'n> {
    first: HashMap<&'n str, u32>,
    duplicates: Vec<usize>,
}

/// Reports the nodes that cannot be read (but for those that are no object, reported
/// already) or that repeat an id, in file order, and indexes the others by id.
fn node_ids<'n>(nodes: &'n [Node], report: &mut Report) -> NodeIds<'n> {
    let mut first: HashMap<&str, u32> = HashMap::with_capacity(nodes.len());
    let mut duplicates = Vec::new();
    // Nodes none of which has an id are of a kind the import does not know: said once.
    let no_id = |n: &Node| n.kind == Kind::Unread(Fault::Id(What::Nothing));
    let unknown = !nodes.is_empty() && nodes.iter().all(no_id);
    if unknown {
        report.unknown_variant(
            "nodes",
            format!(
                "no node has an id (`nodeID` or `id`): {} not written as AIF or OVA writes them",
                if nodes.len() == 1 {
                    "the node is"
                } else {
                    "the nodes are"
                }
            ),
        );
    }
    for (i, n) in nodes.iter().enumerate() {
        if let Kind::Unread(fault) = n.kind {
            if !unknown {
                report_fault(i, fault, &n.id, report);
            }
            continue;
        }
        match first.entry(&n.id) {
            Entry::Vacant(slot) => {
                slot.insert(i as u32);
            }
            Entry::Occupied(seen) => {
                report
                    .at(
                        &format!("nodes[{i}].nodeID"),
                        format!("duplicate node id {}", n.id),
                    )
                    .notes
                    .push(format!("note: first used by nodes[{}]", seen.get()));
                duplicates.push(i);
            }
        }
    }
    NodeIds { first, duplicates }
}

/// Reports what is wrong with the node `nodes[i]`, whose id is `id` where it has one.
fn report_fault(i: usize, fault: Fault, id: &str, report: &mut Report) {
    let (field, msg) = match fault {
        Fault::NotObject(_) | Fault::Duplicate => return,
        Fault::Id(what) => (
            "nodeID",
            format!("expected the node's id, text or a whole number, found {what}"),
        ),
        Fault::Type(what) => (
            "type",
            format!("expected the node's type (`I`, `RA`, `CA`, `L`...), found {what}"),
        ),
        Fault::Text(what) => ("text", format!("expected the node's text, found {what}")),
        Fault::NoText => ("text", format!("I node {id} has no text")),
    };
    report.at(&format!("nodes[{i}].{field}"), msg);
}

/// The edges between nodes known by `by_id`, as pairs of node indexes (from, to), in
/// file order. Every edge that cannot be read is reported and left out.
fn ends(edges: Vec<Edge>, by_id: &NodeIds, report: &mut Report) -> Vec<(u32, u32)> {
    let mut pairs = Vec::with_capacity(edges.len());
    let no_ends = |e: &Edge| matches!(e, Edge::Ends([Err(What::Nothing), Err(What::Nothing)]));
    if !edges.is_empty() && edges.iter().all(no_ends) {
        report.unknown_variant(
            "edges",
            "no edge names its ends (`fromID` and `toID`, or `from` and `to`): the edges are not written as AIF or OVA writes them".into(),
        );
        return pairs;
    }
    for (i, e) in edges.into_iter().enumerate() {
        let ends = match e {
            Edge::Ends(ends) => ends,
            Edge::NotObject(_) => continue,
        };
        let mut found = [None; 2];
        for ((end, key), slot) in ends.into_iter().zip(["fromID", "toID"]).zip(&mut found) {
            let id = match end {
                Ok(id) => id,
                Err(what) => {
                    report.at(
                        &format!("edges[{i}].{key}"),
                        format!("expected a node id, found {what}"),
                    );
                    continue;
                }
            };
            match by_id.first.get(id.as_ref()) {
                Some(&n) => *slot = Some(n),
                None => {
                    report
                        .at(&format!("edges[{i}].{key}"), format!("no node has the id {id}"))
                        .notes
                        .push("hint: the file may be cut short, or the node was removed without its edges".into());
                }
            }
        }
        if let [Some(from), Some(to)] = found {
            pairs.push((from, to));
        }
    }
    pairs
}

/// Entries grouped by node: `of(n)` are node `n`'s, in the order they were given.
pub(super) struct Adjacent {
    start: Vec<u32>,
    entries: Vec<u32>,
}

impl Adjacent {
    /// Groups `len` entries over `nodes` nodes: entry `i` is `entry(i)`, a node and the
    /// value it holds there.
    pub(super) fn group(nodes: usize, len: usize, entry: impl Fn(usize) -> (u32, u32)) -> Self {
        let mut start = vec![0u32; nodes + 1];
        for i in 0..len {
            start[entry(i).0 as usize + 1] += 1;
        }
        for n in 0..nodes {
            start[n + 1] += start[n];
        }
        let mut next = start[..nodes].to_vec();
        let mut entries = vec![0u32; len];
        for i in 0..len {
            let (n, value) = entry(i);
            let slot = &mut next[n as usize];
            entries[*slot as usize] = value;
            *slot += 1;
        }
        Adjacent { start, entries }
    }

    /// The values of node `n`'s entries.
    pub(super) fn of(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        let (a, b) = (self.start[n] as usize, self.start[n + 1] as usize);
        self.entries[a..b].iter().map(|&e| e as usize)
    }

    /// How many entries node `n` has.
    pub(super) fn count(&self, n: usize) -> usize {
        (self.start[n + 1] - self.start[n]) as usize
    }
}

/// The nodes, in file order (one for each item of `nodes`), and the edges into and out
/// of each.
pub(super) struct Graph<'a> {
    pub(super) nodes: Vec<Node<'a>>,
    pub(super) ins: Adjacent,
    pub(super) outs: Adjacent,
}

/// What a JSON file that is no AIF looks like, from the keys it uses, for a message.
pub(super) fn looks_like(text: &str) -> Option<&'static str> {
    let has = |key: &str| text.contains(&format!("\"{key}\""));
    if has("fromNode") && has("toNode") || has("width") && has("height") && has("x") {
        Some("an Obsidian Canvas")
    } else if has("source_id") && has("target_id") {
        Some("a SADFace document")
    } else if has("elements") && has("data") {
        Some("a Cytoscape graph")
    } else if has("atom") || has("scheme") && has("premise") {
        Some("an arguebuf graph")
    } else if has("source") && has("target") {
        Some("a node-link graph (D3, NetworkX)")
    } else {
        None
    }
}
