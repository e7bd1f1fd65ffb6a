//! AIF argument maps (`.json`): an AIFdb nodeset, bare (`{nodes, edges, locutions}`)
//! or inside an OVA file (`{"AIF": {...}, "OVA": {...}}`), ids strings or integers.
//!
//! How a map becomes a debate:
//! - Each I node (a proposition) is a claim, id `n` and its node id (`101` is `n101`;
//!   characters an id may not hold become `_`, and a clash gets `-2`, `-3`...).
//! - `X -> RA -> Y`: X supports Y; `X -> CA -> Y`: X rebuts Y. An attack or support on
//!   a relation (an undercut: X attacks the step from Y to Z) becomes a rebuttal (or
//!   support) of Y, the claim that carries the relation: format v1 links claims, not
//!   links.
//! - MA (rephrase) and PA (preference) nodes give no link: a rephrase argues neither
//!   for nor against, and format v1 has no preferences. TA (transitions between
//!   locutions) belong to the dialogue. The I nodes they join are kept.
//! - `L -> YA -> I`: the locution's text is a verbatim quote of the claim, from one
//!   source standing for the dialogue. Its speaker is the `Name : ` at the start of the
//!   text, else the name of the locution's `personID` among `participants`, else
//!   `participant N`. The dialogue's text is not in the file, so the quotes are not
//!   checked. A claim with no locution has no quote.
//! - Sides: a main claim is one that supports or rebuts nothing while something
//!   supports or rebuts it. Each gives two positions, "For" and "Against" it (ids `pro`
//!   and `con`, or `pro-n101` and `con-n101` when there are several). Every claim that
//!   reaches a main claim through supports and rebuttals takes a side by the parity of
//!   rebuttals on the shortest way there (the first main claim in the file when several
//!   are reached). Where claims rebut each other in a circle with no main claim, the
//!   first of them in the file stands in for one. Claims linked to nothing go to one
//!   more position, `other`.

use std::collections::{HashMap, HashSet, VecDeque};

use serde_json::{Map, Value};

use super::{capped, stem};
use crate::domain::load::diag::{Diagnostic, LoadError};
use crate::domain::load::raw::{RawClaim, RawDebate, RawPosition, RawQuote, RawSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
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

#[derive(Debug)]
struct Node {
    id: String,
    kind: Kind,
    text: String,
}

/// Collects problems at JSON paths (`AIF.nodes[3].type`).
struct Report<'a> {
    name: &'a str,
    prefix: &'static str,
    problems: Vec<Diagnostic>,
}

impl Report<'_> {
    fn at(&mut self, path: &str, msg: impl Into<String>) -> &mut Diagnostic {
        let full = format!("{}{path}", self.prefix);
        self.problems.push(Diagnostic::whole_file(
            self.name,
            format!("{full}: {}", msg.into()),
        ));
        let last = self.problems.len() - 1;
        &mut self.problems[last]
    }

    fn done(self) -> Result<(), LoadError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.into_error())
        }
    }

    fn into_error(self) -> LoadError {
        LoadError::Invalid {
            file: self.name.to_string(),
            problems: capped(self.problems),
        }
    }
}

/// What a JSON value is, for a message.
fn what(v: &Value) -> &'static str {
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
fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if n.is_u64() || n.is_i64() => Some(n.to_string()),
        _ => None,
    }
}

fn syntax_error(name: &str, e: &serde_json::Error) -> LoadError {
    let msg = e.to_string();
    // serde_json appends " at line N column M"; the place is printed in front instead.
    let msg = match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
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

/// A list field of the nodeset: `Ok(None)` when absent (and not `required`).
/// The objects of the list at `key`, with their places in it; any other item is
/// reported as not being `item` (`a node`) and left out.
fn objects<'v>(
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

fn list<'v>(
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

/// Reads an AIF file into the raw structs of format v1. Syntax errors are reported
/// with their line and column, problems of shape with their JSON path.
pub fn import(name: &str, text: &str) -> Result<RawDebate, LoadError> {
    let root: Value = serde_json::from_str(text).map_err(|e| syntax_error(name, &e))?;
    let mut report = Report {
        name,
        prefix: "",
        problems: Vec::new(),
    };
    let Value::Object(top) = &root else {
        report.at(
            "(top level)",
            format!(
                "expected an object with `nodes` and `edges`, found {}",
                what(&root)
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

    // Nodes.
    let mut nodes: Vec<Node> = Vec::new();
    let mut first_at: HashMap<String, usize> = HashMap::new();
    for (i, n) in objects(set, "nodes", "a node", true, &mut report) {
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
    // The index in `nodes` of each id (skipped entries shift the list).
    let by_id: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(k, n)| (n.id.as_str(), k))
        .collect();

    // Edges.
    let mut ins: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut outs: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (i, e) in objects(set, "edges", "an edge", false, &mut report) {
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
        let from = end("fromID", &mut report);
        let to = end("toID", &mut report);
        if let (Some(from), Some(to)) = (from, to) {
            outs[from].push(to);
            ins[to].push(from);
        }
    }

    // Who said what: locutions' speakers, participants' names.
    let mut person_of: HashMap<String, String> = HashMap::new();
    for (_, l) in objects(set, "locutions", "a locution", false, &mut report) {
        if let (Some(node), Some(person)) = (
            l.get("nodeID").and_then(id_text),
            l.get("personID").and_then(id_text),
        ) {
            person_of.insert(node, person);
        }
    }
    let mut names: HashMap<String, String> = HashMap::new();
    for v in list(set, "participants", false, &mut report).unwrap_or_default() {
        if let Value::Object(p) = v
            && let Some(id) = p.get("participantID").and_then(id_text)
        {
            let part = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").trim();
            let full = format!("{} {}", part("firstname"), part("surname"));
            let full = full.trim();
            if !full.is_empty() {
                names.insert(id, full.to_string());
            }
        }
    }
    let prefix = report.prefix;
    report.done()?;

    // Claims: the I nodes, in file order.
    let mut claim_of: Vec<Option<usize>> = vec![None; nodes.len()];
    let mut claims: Vec<RawClaim> = Vec::new();
    let mut used: HashSet<String> = HashSet::new();
    for (k, n) in nodes.iter().enumerate() {
        if n.kind != Kind::I {
            continue;
        }
        claim_of[k] = Some(claims.len());
        claims.push(RawClaim {
            id: unique_id(&n.id, &mut used),
            text: n.text.clone(),
            ..RawClaim::default()
        });
    }
    if claims.is_empty() {
        return Err(LoadError::Invalid {
            file: name.to_string(),
            problems: vec![
                Diagnostic::whole_file(name, format!("{}nodes: no I node (proposition): there is nothing to import", prefix))
                    .note("hint: an argument map has I nodes joined by RA (support) and CA (conflict) nodes"),
            ],
        });
    }

    // Links between claims.
    let carriers = |n: usize| -> Vec<usize> {
        match nodes[n].kind {
            Kind::I => claim_of[n].into_iter().collect(),
            Kind::Ra | Kind::Ca => ins[n].iter().filter_map(|&p| claim_of[p]).collect(),
            _ => Vec::new(),
        }
    };
    let mut links: Vec<(usize, usize, bool)> = Vec::new(); // from, to, supports
    let mut linked: HashSet<(usize, usize)> = HashSet::new();
    for (r, n) in nodes.iter().enumerate() {
        let supports = match n.kind {
            Kind::Ra => true,
            Kind::Ca => false,
            _ => continue,
        };
        let targets: Vec<usize> = outs[r].iter().flat_map(|&o| carriers(o)).collect();
        for &from in ins[r].iter().filter_map(|&p| claim_of[p].as_ref()) {
            for &to in &targets {
                // Itself, or a second link to the same claim (the same, or contrary,
                // which format v1 does not allow): left out.
                if from != to && linked.insert((from, to)) {
                    links.push((from, to, supports));
                }
            }
        }
    }
    let mut incoming: Vec<Vec<(usize, bool)>> = vec![Vec::new(); claims.len()];
    let mut outgoing = vec![0usize; claims.len()];
    for &(from, to, supports) in &links {
        incoming[to].push((from, supports));
        outgoing[from] += 1;
        let id = claims[to].id.clone();
        if supports {
            claims[from].supports.push(id);
        } else {
            claims[from].rebuts.push(id);
        }
    }

    // Sides: from each main claim, breadth first against the links.
    let mut side: Vec<Option<(usize, bool)>> = vec![None; claims.len()];
    let mut roots: Vec<usize> = Vec::new();
    let spread = |root: usize, side: &mut Vec<Option<(usize, bool)>>| {
        side[root] = Some((root, false));
        let mut queue = VecDeque::from([root]);
        while let Some(c) = queue.pop_front() {
            let odd = side[c].is_some_and(|(_, odd)| odd);
            for &(from, supports) in &incoming[c] {
                if side[from].is_none() {
                    side[from] = Some((root, odd ^ !supports));
                    queue.push_back(from);
                }
            }
        }
    };
    for c in 0..claims.len() {
        if outgoing[c] == 0 && !incoming[c].is_empty() {
            roots.push(c);
            spread(c, &mut side);
        }
    }
    for c in 0..claims.len() {
        if side[c].is_none() && (outgoing[c] > 0 || !incoming[c].is_empty()) {
            roots.push(c);
            spread(c, &mut side);
        }
    }
    let mut positions = Vec::new();
    let mut ids_of: HashMap<usize, (String, String)> = HashMap::new();
    for &r in &roots {
        let (pro, con) = if roots.len() == 1 {
            ("pro".to_string(), "con".to_string())
        } else {
            (
                format!("pro-{}", claims[r].id),
                format!("con-{}", claims[r].id),
            )
        };
        positions.push(RawPosition {
            id: pro.clone(),
            title: format!("For: {}", claims[r].text),
            ..RawPosition::default()
        });
        positions.push(RawPosition {
            id: con.clone(),
            title: format!("Against: {}", claims[r].text),
            ..RawPosition::default()
        });
        ids_of.insert(r, (pro, con));
    }
    let mut alone = false;
    for (c, claim) in claims.iter_mut().enumerate() {
        claim.position = match side[c].and_then(|(r, odd)| ids_of.get(&r).map(|ids| (ids, odd))) {
            Some(((pro, _), false)) => pro.clone(),
            Some(((_, con), true)) => con.clone(),
            None => {
                alone = true;
                "other".to_string()
            }
        };
    }
    if alone {
        positions.push(RawPosition {
            id: "other".into(),
            title: "Statements that support or rebut nothing, and that nothing supports or rebuts"
                .into(),
            ..RawPosition::default()
        });
    }

    // Quotes: L -> YA -> I.
    let mut quoted: HashSet<(usize, usize)> = HashSet::new();
    let mut any_quote = false;
    for (y, n) in nodes.iter().enumerate() {
        if n.kind != Kind::Ya {
            continue;
        }
        for &l in ins[y].iter().filter(|&&l| nodes[l].kind == Kind::L) {
            for &c in outs[y].iter().filter_map(|&i| claim_of[i].as_ref()) {
                if !quoted.insert((l, c)) {
                    continue;
                }
                let (prefix, words) = speaker_prefix(&nodes[l].text);
                if words.is_empty() {
                    continue;
                }
                let speaker = prefix.map(str::to_string).or_else(|| {
                    person_of.get(&nodes[l].id).map(|p| {
                        names
                            .get(p)
                            .cloned()
                            .unwrap_or_else(|| format!("participant {p}"))
                    })
                });
                claims[c].quotes.push(RawQuote {
                    source: DIALOGUE.into(),
                    text: words.to_string(),
                    speaker,
                    translation: None,
                });
                any_quote = true;
            }
        }
    }
    let sources = if any_quote {
        vec![RawSource {
            id: DIALOGUE.into(),
            title: format!("The dialogue analysed in {}", base(name)),
            ..RawSource::default()
        }]
    } else {
        Vec::new()
    };

    let title = match roots.as_slice() {
        [r] => claims[*r].text.clone(),
        _ => stem(name),
    };
    Ok(RawDebate {
        version: 1,
        title,
        description: None,
        sources,
        positions,
        claims,
    })
}

/// The id of the source that stands for the dialogue the locutions come from.
const DIALOGUE: &str = "dialogue";

fn base(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// `Bob : words` as the speaker and the words; the text as it is when it has no such
/// prefix.
fn speaker_prefix(text: &str) -> (Option<&str>, &str) {
    if let Some(i) = text.find(" : ") {
        let who = text[..i].trim();
        if !who.is_empty() && who.chars().count() <= 80 && !who.contains('\n') {
            return (Some(who), text[i + 3..].trim());
        }
    }
    (None, text.trim())
}

/// `n` and the node id, made a valid format v1 id and unique among `used`.
fn unique_id(node: &str, used: &mut HashSet<String>) -> String {
    let clean: String = node
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let base = format!("n{clean}");
    let mut id = base.clone();
    let mut k = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{k}");
        k += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim<'a>(d: &'a RawDebate, id: &str) -> &'a RawClaim {
        d.claims.iter().find(|c| c.id == id).unwrap()
    }

    fn errors(text: &str) -> Vec<String> {
        import("a.json", text)
            .unwrap_err()
            .diagnostics()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn ids_are_valid_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(unique_id("101", &mut used), "n101");
        assert_eq!(unique_id("a.b", &mut used), "na_b");
        assert_eq!(unique_id("a_b", &mut used), "na_b-2");
        assert_eq!(unique_id("a b", &mut used), "na_b-3");
        assert_eq!(unique_id("", &mut used), "n");
    }

    #[test]
    fn speakers_come_from_the_prefix() {
        assert_eq!(
            speaker_prefix("Bob : They cannot be recalled"),
            (Some("Bob"), "They cannot be recalled")
        );
        assert_eq!(speaker_prefix("no speaker here"), (None, "no speaker here"));
        assert_eq!(speaker_prefix(" : only words"), (None, ": only words"));
    }

    #[test]
    fn relations_undercuts_and_sides() {
        let text = r#"{"nodes":[
            {"nodeID":"1","text":"Main","type":"I"},
            {"nodeID":"2","text":"Against main","type":"I"},
            {"nodeID":"3","text":"Default Conflict","type":"CA"},
            {"nodeID":"4","text":"For the attack","type":"I"},
            {"nodeID":"5","text":"Default Inference","type":"RA"},
            {"nodeID":"6","text":"Undercutter","type":"I"},
            {"nodeID":"7","text":"Default Conflict","type":"CA"},
            {"nodeID":"8","text":"Rephrased","type":"I"},
            {"nodeID":"9","text":"Default Rephrase","type":"MA"}],
          "edges":[
            {"fromID":"2","toID":"3"},{"fromID":"3","toID":"1"},
            {"fromID":"4","toID":"5"},{"fromID":"5","toID":"2"},
            {"fromID":"6","toID":"7"},{"fromID":"7","toID":"5"},
            {"fromID":"8","toID":"9"},{"fromID":"9","toID":"1"}]}"#;
        let d = import("m.json", text).unwrap();
        assert_eq!(d.title, "Main");
        assert_eq!(claim(&d, "n2").rebuts, ["n1"]);
        assert_eq!(claim(&d, "n4").supports, ["n2"]);
        // The undercut rebuts the premise that carries the inference.
        assert_eq!(claim(&d, "n6").rebuts, ["n4"]);
        let side = |id: &str| claim(&d, id).position.clone();
        assert_eq!(
            (side("n1"), side("n2"), side("n4"), side("n6")),
            ("pro".into(), "con".into(), "con".into(), "pro".into())
        );
        // The rephrase gives no link; its I node stays, on no side.
        assert!(claim(&d, "n8").supports.is_empty() && claim(&d, "n8").rebuts.is_empty());
        assert_eq!(side("n8"), "other");
        assert_eq!(d.positions.len(), 3);
    }

    #[test]
    fn a_circle_without_a_main_claim_still_gets_sides() {
        let text = r#"{"nodes":[
            {"nodeID":1,"text":"A","type":"I"},{"nodeID":2,"text":"B","type":"I"},
            {"nodeID":3,"text":"","type":"CA"},{"nodeID":4,"type":"CA"}],
          "edges":[{"fromID":1,"toID":3},{"fromID":3,"toID":2},{"fromID":2,"toID":4},{"fromID":4,"toID":1}]}"#;
        let d = import("c.json", text).unwrap();
        assert_eq!(claim(&d, "n1").position, "pro");
        assert_eq!(claim(&d, "n2").position, "con");
        assert_eq!(claim(&d, "n1").rebuts, ["n2"]);
        assert_eq!(claim(&d, "n2").rebuts, ["n1"]);
    }

    #[test]
    fn shape_problems_name_their_json_path() {
        let e = errors(
            r#"{"AIF": {"nodes": [{"nodeID": "1", "type": 3, "text": "x"}, {"nodeID": 1.5, "type": "I", "text": "y"}, {"nodeID": "2", "type": "I", "text": " "}], "edges": [{"fromID": "1", "toID": "9"}]}}"#,
        );
        assert!(
            e[0].starts_with("a.json: error: AIF.nodes[0].type: expected the node's type"),
            "{e:?}"
        );
        assert!(e[1].starts_with("a.json: error: AIF.nodes[1].nodeID: expected the node's id, text or a whole number, found a number"), "{e:?}");
        assert!(
            e[2].starts_with("a.json: error: AIF.nodes[2].text: I node 2 has no text"),
            "{e:?}"
        );
        assert!(
            e[3].starts_with("a.json: error: AIF.edges[0].fromID: no node has the id 1"),
            "{e:?}"
        );
        assert!(
            e[4].starts_with("a.json: error: AIF.edges[0].toID: no node has the id 9"),
            "{e:?}"
        );
        let e = errors(r#"{"nodes": {}}"#);
        assert!(
            e[0].starts_with("a.json: error: nodes: expected a list, found an object"),
            "{e:?}"
        );
        let e = errors(r#"{"AIF": [], "nodes2": 1}"#);
        assert!(e[0].contains("AIF: expected the nodeset"), "{e:?}");
        let e = errors(
            r#"{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}, {"nodeID": "1", "type": "I", "text": "y"}]}"#,
        );
        assert!(
            e[0].contains("nodes[1].nodeID: duplicate node id 1\n  note: first used by nodes[0]"),
            "{e:?}"
        );
        let e = errors(r#"{"nodes": [{"nodeID": "1", "type": "L", "text": "x"}]}"#);
        assert!(e[0].contains("no I node"), "{e:?}");
        // An item that is not an object is named by its place, whichever list it is in.
        let e = errors(
            r#"{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}, 7], "edges": ["e"], "locutions": [null]}"#,
        );
        for (path, item) in [
            ("nodes[1]", "a node"),
            ("edges[0]", "an edge"),
            ("locutions[0]", "a locution"),
        ] {
            let wanted = format!("{path}: expected {item} (an object), found");
            assert!(e.iter().any(|m| m.contains(&wanted)), "{wanted} in {e:?}");
        }
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let e = errors("{\"nodes\": [\n  {\"nodeID\": \"1\",\n   \"text\": \"cut");
        assert!(e[0].starts_with("a.json:3:"), "{e:?}");
        assert!(e[0].contains("cut short"), "{e:?}");
        let e = errors("{\"nodes\": [\n ,]}");
        assert!(e[0].starts_with("a.json:2:2: error: invalid JSON"), "{e:?}");
        let deep = format!("{{\"nodes\": {}{}}}", "[".repeat(500), "]".repeat(500));
        let e = errors(&deep);
        assert!(e[0].contains("recursion limit"), "{e:?}");
    }
}
