//! What every loading target checks of what it gets back: nothing in a message or an
//! export may carry a control character to a terminal or a file, and every link of the
//! graph joins two nodes that exist.

use debate_tui::domain::text::is_unsafe;
use debate_tui::domain::{Debate, LoadError, NodeId, export};

/// Printed text may hold line breaks, and nothing else that acts on a terminal.
pub fn assert_printable(what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        panic!("{what} holds {c:?}");
    }
}

/// A file name with an escape sequence in it, so every message naming the file is checked.
pub const HOSTILE_NAME: &str = "fuzz\u{1b}]0;x\u{7}";

/// Checks a load's outcome: a printable error, or a debate that exports printably and
/// whose links hold together.
pub fn check(outcome: &Result<Debate, LoadError>) {
    match outcome {
        Err(e) => assert_printable("an error message", &e.to_string()),
        Ok(d) => {
            // Every claim in order, as one path, and each claim's links walked both ways.
            let path: Vec<NodeId> = (0..d.claims.len().min(64) as u32)
                .map(NodeId::Claim)
                .collect();
            let status = debate_tui::domain::graph::status::Status::of(d);
            assert_printable(
                "the Markdown export",
                &export::markdown(d, &status, &path),
            );
            assert_printable("the DOT export", &export::dot(d, Some(&path)));
            if d.claims.len() <= 256 {
                assert_printable("the whole graph", &export::dot(d, None));
            }
            for &n in &path {
                for l in d.outgoing(n).chain(d.incoming(n)) {
                    assert!(d.contains(l.from) && d.contains(l.to));
                }
            }
        }
    }
}
