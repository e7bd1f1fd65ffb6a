//! The whole debate as an AIF nodeset (JSON), in the form AIFdb exports and OVA loads
//! (`{nodes, edges, locutions, participants, schemefulfillments}`, ids whole numbers):
//!
//! - each position and each claim is an I node (positions first, in file order), its
//!   title or text as written;
//! - each `supports` is an RA node (`Default Inference`) and each `rebuts` a CA node
//!   (`Default Conflict`), with an edge from the claim into it and one from it to the
//!   node it argues for or against;
//! - each quote is an L node, `Speaker : words` (the words alone without a speaker),
//!   anchored in its statement by a YA node (`L -> YA -> I`) named after the quote's
//!   speech act (`Asserting` without one, `Pure Questioning` for `asks`...); each
//!   speaker is a participant, and a locution ties the L node to them.
//!
//! AIF has no sides, sources, tags or titles: those are not written (the README lists
//! what each format keeps). The same debate always gives the same bytes, and text is
//! JSON-escaped, with every character that could act on a terminal written as `\u`.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::domain::graph::model::{Debate, NodeId, Quote, Relation};
use crate::domain::text::{is_lone_selector, is_unsafe};

/// The YA node's text and scheme id for a quote's speech act (`None`: an assertion).
/// Known verbs get the illocution AIFdb corpora use; any other act is written as it
/// is, with no scheme.
pub fn illocution(act: Option<&str>) -> (&str, Option<&'static str>) {
    match act.map(str::trim) {
        None | Some("") | Some("asserts") => ("Asserting", Some("74")),
        Some("asks") => ("Pure Questioning", Some("91")),
        Some("challenges") => ("Challenging", Some("79")),
        Some("agrees") => ("Agreeing", Some("77")),
        Some("disagrees") => ("Disagreeing", Some("78")),
        Some("restates") => ("Restating", Some("101")),
        Some("argues") => ("Arguing", Some("80")),
        Some("concedes") => ("Conceding", None),
        Some(other) => (other, None),
    }
}

/// The scheme name AIFdb gives with a scheme id (the text without its spaces for the
/// questioning kinds).
fn scheme_name(text: &str) -> String {
    if text.ends_with("Questioning") {
        text.replace(' ', "")
    } else {
        text.to_string()
    }
}

/// The L node's text for a quote: `Speaker : words`, the form AIFdb and the QT30
/// corpus write, or the words alone.
pub fn locution_text(q: &Quote) -> String {
    match &q.speaker {
        Some(s) if !s.trim().is_empty() => format!("{} : {}", s.trim(), q.text.trim()),
        _ => q.text.trim().to_string(),
    }
}

/// A speaker's name as OVA's participants give it: the first word, then the rest.
fn split_name(name: &str) -> (String, String) {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.split_first() {
        Some((first, rest)) => (first.to_string(), rest.join(" ")),
        None => (String::new(), String::new()),
    }
}

/// The debate as an AIF nodeset.
pub fn aif(d: &Debate) -> String {
    let mut w = Writer::default();
    let positions = d.positions.len();
    // I nodes: 1.. for positions, then claims, so an id is the node's dense index + 1.
    let i_node = |n: NodeId| -> u64 {
        match n {
            NodeId::Position(p) => u64::from(p) + 1,
            NodeId::Claim(c) => positions as u64 + u64::from(c) + 1,
        }
    };
    for p in &d.positions {
        w.node("I", &p.title, None);
    }
    for c in &d.claims {
        w.node("I", &c.text, None);
    }
    for l in d.links() {
        let (kind, text, scheme) = match l.relation {
            Relation::Supports => ("RA", "Default Inference", "72"),
            Relation::Rebuts => ("CA", "Default Conflict", "71"),
        };
        let s = w.node(kind, text, Some((text.to_string(), scheme)));
        w.edge(i_node(l.from), s);
        w.edge(s, i_node(l.to));
    }
    let mut people: Vec<String> = Vec::new();
    let mut person_of: HashMap<String, usize> = HashMap::new();
    let quoted = (0..positions)
        .map(|p| NodeId::Position(p as u32))
        .chain((0..d.claims.len()).map(|c| NodeId::Claim(c as u32)));
    for n in quoted {
        for q in d.quotes_of(n) {
            let l = w.node("L", &locution_text(q), None);
            let (act, scheme) = illocution(q.act.as_deref());
            let y = w.node("YA", act, scheme.map(|id| (scheme_name(act), id)));
            w.edge(l, y);
            w.edge(y, i_node(n));
            if let Some(speaker) = q
                .speaker
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                let next = people.len();
                let person = *person_of.entry(speaker.to_string()).or_insert_with(|| {
                    people.push(speaker.to_string());
                    next
                });
                w.locutions.push((l, person as u64 + 1));
            }
        }
    }
    w.finish(&people)
}

/// The nodeset as it is written: nodes, edges and locutions, each on a line.
#[derive(Default)]
struct Writer {
    nodes: String,
    edges: String,
    schemes: String,
    locutions: Vec<(u64, u64)>,
    next_node: u64,
    next_edge: u64,
}

impl Writer {
    /// Writes a node and returns its id; `scheme` is the scheme's name and id.
    fn node(&mut self, kind: &str, text: &str, scheme: Option<(String, &str)>) -> u64 {
        self.next_node += 1;
        let id = self.next_node;
        if !self.nodes.is_empty() {
            self.nodes.push_str(",\n");
        }
        let _ = write!(self.nodes, "    {{\"nodeID\": {id}, \"text\": ");
        push_string(&mut self.nodes, text);
        let _ = write!(self.nodes, ", \"type\": \"{kind}\"");
        if let Some((name, scheme)) = scheme {
            self.nodes.push_str(", \"scheme\": ");
            push_string(&mut self.nodes, &name);
            let _ = write!(self.nodes, ", \"schemeID\": \"{scheme}\"");
            if !self.schemes.is_empty() {
                self.schemes.push_str(",\n");
            }
            let _ = write!(
                self.schemes,
                "    {{\"nodeID\": {id}, \"schemeID\": \"{scheme}\"}}"
            );
        }
        self.nodes.push('}');
        id
    }

    fn edge(&mut self, from: u64, to: u64) {
        self.next_edge += 1;
        if !self.edges.is_empty() {
            self.edges.push_str(",\n");
        }
        let _ = write!(
            self.edges,
            "    {{\"edgeID\": {}, \"fromID\": {from}, \"toID\": {to}}}",
            self.next_edge
        );
    }

    fn finish(self, people: &[String]) -> String {
        let list = |body: &str| {
            if body.is_empty() {
                "[]".to_string()
            } else {
                format!("[\n{body}\n  ]")
            }
        };
        let mut locutions = String::new();
        for (l, p) in &self.locutions {
            if !locutions.is_empty() {
                locutions.push_str(",\n");
            }
            let _ = write!(locutions, "    {{\"nodeID\": {l}, \"personID\": {p}}}");
        }
        let mut participants = String::new();
        for (i, name) in people.iter().enumerate() {
            if !participants.is_empty() {
                participants.push_str(",\n");
            }
            let (first, rest) = split_name(name);
            let _ = write!(
                participants,
                "    {{\"participantID\": {}, \"firstname\": ",
                i + 1
            );
            push_string(&mut participants, &first);
            participants.push_str(", \"surname\": ");
            push_string(&mut participants, &rest);
            participants.push('}');
        }
        format!(
            "{{\n  \"nodes\": {},\n  \"edges\": {},\n  \"locutions\": {},\n  \"participants\": {},\n  \"schemefulfillments\": {}\n}}\n",
            list(&self.nodes),
            list(&self.edges),
            list(&locutions),
            list(&participants),
            list(&self.schemes),
        )
    }
}

/// `s` as a JSON string: quotes and backslashes escaped, and every character that
/// could act on a terminal or hide (controls, bidirectional marks, lone variation
/// selectors) as a `\u` escape, so the file is safe to print and reads back exactly.
pub(crate) fn push_string(out: &mut String, s: &str) {
    out.push('"');
    let mut prev = None;
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) || is_lone_selector(prev, c) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
            c => out.push(c),
        }
        prev = Some(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_json_and_safe() {
        let mut out = String::new();
        push_string(&mut out, "a \"q\" \\ \n\u{1b}[2J\u{202E} \u{FE0F}é");
        assert_eq!(out, "\"a \\\"q\\\" \\\\ \\n\\u001b[2J\\u202e \\ufe0fé\"");
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, "a \"q\" \\ \n\u{1b}[2J\u{202E} \u{FE0F}é");
    }

    #[test]
    fn acts_become_illocutions() {
        assert_eq!(illocution(None), ("Asserting", Some("74")));
        assert_eq!(illocution(Some("asks")), ("Pure Questioning", Some("91")));
        assert_eq!(scheme_name("Pure Questioning"), "PureQuestioning");
        assert_eq!(illocution(Some("jokes")), ("jokes", None));
        assert_eq!(
            split_name("Ana  de la Ruiz"),
            ("Ana".into(), "de la Ruiz".into())
        );
        assert_eq!(split_name("Kyle"), ("Kyle".into(), String::new()));
    }
}
