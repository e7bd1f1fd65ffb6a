//! The nodeset as the JSON gives it: its nodes, typed, and the edges between them.
//! A syntax error is reported at its line and column, every problem of shape at its
//! JSON path (`AIF.nodes[3].type`).

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::domain::import::capped;
use crate::domain::load::diag::{Diagnostic, LoadError, without_place};

/// A node's type, as far as the import tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    I,
    L,
    Ra,
    Ca,
    Ya,
    /// MA, PA, TA and anything else: no link.
    Other,
}

impl Kind {
    fn of(t: &str) -> Kind {
        match t.trim().to_ascii_uppercase().as_str() {
            "I" => Kind::I,
            "L" => Kind::L,
            "RA" => Kind::Ra,
            "CA" => Kind::Ca,
            "YA" => Kind::Ya,
            _ => Kind::Other,
        }
    }
}

/// A node as read: its id, type and text (trimmed).
#[derive(Debug)]
pub(super) struct Node {
    pub(super) id: String,
    pub(super) kind: Kind,
    pub(super) text: String,
}

/// The nodes, in file order, and the edges into and out of each, by index in `nodes`.
pub(super) struct Graph {
    pub(super) nodes: Vec<Node>,
    pub(super) ins: Vec<Vec<usize>>,
    pub(super) outs: Vec<Vec<usize>>,
}

/// Collects problems at JSON paths (`AIF.nodes[3].type`).
pub(super) struct Report<'a> {
    name: &'a str,
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

/// What a JSON value is, for a message.
pub(super) fn what(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// An id written as text or as a whole number, as text.
pub(super) fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if n.is_u64() || n.is_i64() => Some(n.to_string()),
        _ => None,
    }
}

/// A syntax error at its line and column, with a hint for the usual causes.
fn syntax_error(name: &str, e: &serde_json::Error) -> LoadError {
    let msg = without_place(e.to_string());
    let d = Diagnostic::new(name, e.line(), e.column(), format!("invalid JSON: {msg}"));
    let d = if e.is_eof() {
        d.note("hint: the file ends in the middle of the JSON: it looks cut short; download or save it again")
    } else if msg.contains("recursion limit") {
        d.note("hint: an AIF file nests a few levels deep; this looks like a damaged file")
    } else {
        d.note("hint: an AIF file is one JSON object with `nodes` and `edges`")
    };
    LoadError::Invalid {
        file: name.to_string(),
        problems: vec![d],
    }
}

/// The objects of the list at `key`, with their places in it; any other item is
/// reported as not being `item` (`a node`) and left out.
pub(super) fn objects<'v>(
    set: &'v Map<String, Value>,
    key: &str,
    item: &str,
    required: bool,
    report: &mut Report,
) -> Vec<(usize, &'v Map<String, Value>)> {
    let mut out = Vec::new();
    for (i, v) in list(set, key, required, report)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        match v {
            Value::Object(o) => out.push((i, o)),
            _ => {
                report.at(
                    &format!("{key}[{i}]"),
                    format!("expected {item} (an object), found {}", what(v)),
                );
            }
        }
    }
    out
}

/// A list field of the nodeset: `None` when absent (and not `required`), or when it
/// is no list (reported).
pub(super) fn list<'v>(
    set: &'v Map<String, Value>,
    key: &str,
    required: bool,
    report: &mut Report,
) -> Option<&'v [Value]> {
    match set.get(key) {
        Some(Value::Array(a)) => Some(a),
        Some(Value::Null) | None if !required => None,
        None => {
            report
                .at(
                    key,
                    format!("missing: an AIF nodeset has a list of `{key}`"),
                )
                .notes
                .push("hint: is this an AIF file? AIFdb and OVA write `nodes` and `edges`".into());
            None
        }
        Some(v) => {
            report.at(key, format!("expected a list, found {}", what(v)));
            None
        }
    }
}

/// The JSON value of `text`.
pub(super) fn parse(name: &str, text: &str) -> Result<Value, LoadError> {
    serde_json::from_str(text).map_err(|e| syntax_error(name, &e))
}

/// The nodeset in `root`: the top-level object, or its `AIF` object (an OVA file),
/// whose paths are then reported with `AIF.` in front. Returns it with the report that
/// collects the problems found in it.
pub(super) fn nodeset<'a, 'v>(
    name: &'a str,
    root: &'v Value,
) -> Result<(&'v Map<String, Value>, Report<'a>), LoadError> {
    let mut report = Report {
        name,
        prefix: "",
        problems: Vec::new(),
    };
    let Value::Object(top) = root else {
        report.at(
            "(top level)",
            format!(
                "expected an object with `nodes` and `edges`, found {}",
                what(root)
            ),
        );
        return Err(report.into_error());
    };
    let set = match (top.get("nodes"), top.get("AIF")) {
        (Some(_), _) | (None, None) => top,
        (None, Some(Value::Object(inner))) => {
            report.prefix = "AIF.";
            inner
        }
        (None, Some(v)) => {
            report.at(
                "AIF",
                format!(
                    "expected the nodeset (an object with `nodes` and `edges`), found {}",
                    what(v)
                ),
            );
            return Err(report.into_error());
        }
    };
    Ok((set, report))
}

/// The nodes and edges of the nodeset `set`. Every node or edge that cannot be read
/// is reported and left out.
pub(super) fn graph(set: &Map<String, Value>, report: &mut Report) -> Graph {
    let nodes = nodes(set, report);
    let (ins, outs) = edges(set, &nodes, report);
    Graph { nodes, ins, outs }
}

/// The nodes of `set`, in file order.
fn nodes(set: &Map<String, Value>, report: &mut Report) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut first_at: HashMap<String, usize> = HashMap::new();
    for (i, n) in objects(set, "nodes", "a node", true, report) {
        let id = match n.get("nodeID") {
            Some(v) => id_text(v),
            None => None,
        };
        let Some(id) = id else {
            let found = n.get("nodeID").map_or("nothing", what);
            report.at(
                &format!("nodes[{i}].nodeID"),
                format!("expected the node's id, text or a whole number, found {found}"),
            );
            continue;
        };
        let kind = match n.get("type") {
            Some(Value::String(t)) => Kind::of(t),
            other => {
                report.at(
                    &format!("nodes[{i}].type"),
                    format!(
                        "expected the node's type (`I`, `RA`, `CA`, `L`...), found {}",
                        other.map_or("nothing", what)
                    ),
                );
                continue;
            }
        };
        let text = match n.get("text") {
            Some(Value::String(t)) => t.trim().to_string(),
            Some(Value::Null) | None if !matches!(kind, Kind::I | Kind::L) => String::new(),
            other => {
                report.at(
                    &format!("nodes[{i}].text"),
                    format!(
                        "expected the node's text, found {}",
                        other.map_or("nothing", what)
                    ),
                );
                continue;
            }
        };
        if kind == Kind::I && text.trim().is_empty() {
            report.at(
                &format!("nodes[{i}].text"),
                format!("I node {id} has no text"),
            );
            continue;
        }
        if let Some(&first) = first_at.get(&id) {
            report
                .at(
                    &format!("nodes[{i}].nodeID"),
                    format!("duplicate node id {id}"),
                )
                .notes
                .push(format!("note: first used by nodes[{first}]"));
            continue;
        }
        first_at.insert(id.clone(), i);
        nodes.push(Node { id, kind, text });
    }
    nodes
}

/// The edges of `set` between `nodes`: for each node, the nodes with an edge into it
/// and those its edges go to.
fn edges(
    set: &Map<String, Value>,
    nodes: &[Node],
    report: &mut Report,
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    // The index in `nodes` of each id (skipped entries shift the list).
    let by_id: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(k, n)| (n.id.as_str(), k))
        .collect();
    let mut ins: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut outs: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (i, e) in objects(set, "edges", "an edge", false, report) {
        let end = |key: &str, report: &mut Report| -> Option<usize> {
            let Some(id) = e.get(key).and_then(id_text) else {
                let found = e.get(key).map_or("nothing", what);
                report.at(
                    &format!("edges[{i}].{key}"),
                    format!("expected a node id, found {found}"),
                );
                return None;
            };
            match by_id.get(id.as_str()) {
                Some(&n) => Some(n),
                None => {
                    report
                        .at(&format!("edges[{i}].{key}"), format!("no node has the id {id}"))
                        .notes
                        .push("hint: the file may be cut short, or the node was removed without its edges".into());
                    None
                }
            }
        };
        let from = end("fromID", report);
        let to = end("toID", report);
        if let (Some(from), Some(to)) = (from, to) {
            outs[from].push(to);
            ins[to].push(from);
        }
    }
    (ins, outs)
}
