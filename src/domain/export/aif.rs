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
        Some("asks assertively") => ("Assertive Questioning", Some("73")),
        Some("asks rhetorically") => ("Rhetorical Questioning", Some("85")),
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

/// The debate as an AIF nodeset, written in one pass per list straight into the
/// output: node ids are numbered in the order nodes are written (I nodes, then an RA or
/// CA for each link, then an L and a YA for each quote), so each list can name them
/// without keeping the others.
pub fn aif(d: &Debate) -> String {
    let positions = d.positions.len();
    let statements = positions + d.claims.len();
    let links = d.links();
    // I nodes: 1.. for positions, then claims, so an id is the node's dense index + 1.
    let i_node = |n: NodeId| -> u64 {
        match n {
            NodeId::Position(p) => u64::from(p) + 1,
            NodeId::Claim(c) => positions as u64 + u64::from(c) + 1,
        }
    };
    let relation_node = |k: usize| (statements + k + 1) as u64;
    let first_quote = (statements + links.len() + 1) as u64;
    let quotes = || {
        (0..statements)
            .map(|i| {
                if i < positions {
                    NodeId::Position(i as u32)
                } else {
                    NodeId::Claim((i - positions) as u32)
                }
            })
            .flat_map(|n| d.quotes_of(n).iter().map(move |q| (n, q)))
            .enumerate()
            .map(move |(j, (n, q))| (first_quote + 2 * j as u64, n, q))
    };
    let relation = |r: Relation| match r {
        Relation::Supports => ("RA", "Default Inference", "72"),
        Relation::Rebuts => ("CA", "Default Conflict", "71"),
    };

    // The size written, a little over: a node line is about 60 bytes and its text, a
    // link 280 (its node, two edges, a scheme), a quote 380 and its words (two nodes,
    // two edges, a locution, a scheme), so the text is written without growing.
    let size: usize = (0..statements)
        .map(|i| {
            let n = if i < positions {
                NodeId::Position(i as u32)
            } else {
                NodeId::Claim((i - positions) as u32)
            };
            let quoted: usize = d
                .quotes_of(n)
                .iter()
                .map(|q| q.text.len() + q.speaker.as_ref().map_or(0, String::len) + 380)
                .sum();
            d.text_of(n).len() + 60 + quoted
        })
        .sum::<usize>()
        + 280 * links.len();
    let mut out = String::with_capacity(size);
    out.push_str("{\n  \"nodes\": [");
    let mut list = List::default();
    let mut id = 0u64;
    for i in 0..statements {
        let n = if i < positions {
            NodeId::Position(i as u32)
        } else {
            NodeId::Claim((i - positions) as u32)
        };
        id += 1;
        node(list.item(&mut out), id, "I", d.text_of(n), None);
    }
    for l in links {
        let (kind, text, scheme) = relation(l.relation);
        id += 1;
        node(list.item(&mut out), id, kind, text, Some((text, scheme)));
    }
    for (l, _, q) in quotes() {
        node(list.item(&mut out), l, "L", &locution_text(q), None);
        let (act, scheme) = illocution(q.act.as_deref());
        let name = scheme_name(act);
        node(
            list.item(&mut out),
            l + 1,
            "YA",
            act,
            scheme.map(|s| (name.as_str(), s)),
        );
    }
    list.close(&mut out);

    out.push_str(",\n  \"edges\": [");
    let mut list = List::default();
    let mut edge_id = 0u64;
    let mut edge = |out: &mut String, list: &mut List, from: u64, to: u64| {
        edge_id += 1;
        let _ = write!(
            list.item(out),
            "{{\"edgeID\": {edge_id}, \"fromID\": {from}, \"toID\": {to}}}"
        );
    };
    for (k, l) in links.iter().enumerate() {
        edge(&mut out, &mut list, i_node(l.from), relation_node(k));
        edge(&mut out, &mut list, relation_node(k), i_node(l.to));
    }
    for (l, n, _) in quotes() {
        edge(&mut out, &mut list, l, l + 1);
        edge(&mut out, &mut list, l + 1, i_node(n));
    }
    list.close(&mut out);

    out.push_str(",\n  \"locutions\": [");
    let mut list = List::default();
    let mut people: Vec<&str> = Vec::new();
    let mut person_of: HashMap<&str, usize> = HashMap::new();
    for (l, _, q) in quotes() {
        let Some(speaker) = q
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        else {
            continue;
        };
        let next = people.len();
        let person = *person_of.entry(speaker).or_insert_with(|| {
            people.push(speaker);
            next
        });
        let _ = write!(
            list.item(&mut out),
            "{{\"nodeID\": {l}, \"personID\": {}}}",
            person + 1
        );
    }
    list.close(&mut out);

    out.push_str(",\n  \"participants\": [");
    let mut list = List::default();
    for (i, name) in people.iter().enumerate() {
        let (first, rest) = split_name(name);
        let item = list.item(&mut out);
        let _ = write!(item, "{{\"participantID\": {}, \"firstname\": ", i + 1);
        push_string(item, &first);
        item.push_str(", \"surname\": ");
        push_string(item, &rest);
        item.push('}');
    }
    list.close(&mut out);

    out.push_str(",\n  \"schemefulfillments\": [");
    let mut list = List::default();
    for (k, l) in links.iter().enumerate() {
        let (_, _, scheme) = relation(l.relation);
        let _ = write!(
            list.item(&mut out),
            "{{\"nodeID\": {}, \"schemeID\": \"{scheme}\"}}",
            relation_node(k)
        );
    }
    for (l, _, q) in quotes() {
        if let (_, Some(scheme)) = illocution(q.act.as_deref()) {
            let _ = write!(
                list.item(&mut out),
                "{{\"nodeID\": {}, \"schemeID\": \"{scheme}\"}}",
                l + 1
            );
        }
    }
    list.close(&mut out);
    out.push_str("\n}\n");
    out
}

/// A JSON list being written, one item a line.
#[derive(Default)]
struct List {
    items: usize,
}

impl List {
    /// Starts an item: the separator and the indentation; the item is written after.
    fn item<'a>(&mut self, out: &'a mut String) -> &'a mut String {
        out.push_str(if self.items == 0 { "\n    " } else { ",\n    " });
        self.items += 1;
        out
    }

    fn close(self, out: &mut String) {
        out.push_str(if self.items == 0 { "]" } else { "\n  ]" });
    }
}

/// A node: its id, type and text, and its scheme's name and id when it has one.
fn node(out: &mut String, id: u64, kind: &str, text: &str, scheme: Option<(&str, &str)>) {
    let _ = write!(out, "{{\"nodeID\": {id}, \"text\": ");
    push_string(out, text);
    let _ = write!(out, ", \"type\": \"{kind}\"");
    if let Some((name, scheme)) = scheme {
        out.push_str(", \"scheme\": ");
        push_string(out, name);
        let _ = write!(out, ", \"schemeID\": \"{scheme}\"");
    }
    out.push('}');
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
