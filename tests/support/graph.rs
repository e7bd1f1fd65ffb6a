//! Reading a loaded debate in tests: its nodes by id, their sides, links, texts and
//! sources, the import fixtures, and a run of the binary.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Stdio};

use debate_tui::domain::{Debate, Loaded, NodeId, load_path};

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

pub fn load(name: &str) -> Loaded {
    load_path(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn node(d: &Debate, id: &str) -> NodeId {
    d.lookup(id).unwrap_or_else(|| panic!("no node `{id}`"))
}

/// The position id of a claim.
pub fn side(d: &Debate, id: &str) -> String {
    let s = d.side_of(node(d, id));
    d.positions[s as usize].id.clone()
}

/// A node's outgoing links as `supports x` / `rebuts y`, sorted.
pub fn links(d: &Debate, id: &str) -> Vec<String> {
    let mut v: Vec<String> = d
        .outgoing(node(d, id))
        .map(|l| format!("{} {}", l.relation.verb(), d.id_of(l.to)))
        .collect();
    v.sort();
    v
}

/// Each source's id, title and url, in order.
pub fn sources(d: &Debate) -> Vec<(&str, &str, Option<&str>)> {
    d.sources
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str(), s.url.as_deref()))
        .collect()
}

pub fn text<'a>(d: &'a Debate, id: &str) -> &'a str {
    d.text_of(node(d, id))
}

pub fn ids(d: &Debate) -> Vec<&str> {
    d.claims.iter().map(|c| c.id.as_str()).collect()
}

pub fn position_ids(d: &Debate) -> Vec<&str> {
    d.positions.iter().map(|p| p.id.as_str()).collect()
}

/// Each warning, as printed.
pub fn warnings(l: &Loaded) -> Vec<String> {
    l.warnings.iter().map(ToString::to_string).collect()
}

pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_debate-tui"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run debate-tui");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}
