//! The loader on arbitrary bytes: it must return a debate or an error, never panic,
//! hang or blow up; and nothing it returns may carry a control character to a terminal
//! or a file. The built-in article is available as a source file, so quotes that name
//! it are verified against real text.

#![no_main]

use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::text::is_unsafe;
use debate_tui::domain::{NodeId, builtin, export, load_bytes};
use libfuzzer_sys::fuzz_target;

/// Printed text may hold line breaks, and nothing else that acts on a terminal.
fn assert_printable(what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        panic!("{what} holds {c:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    // A hostile file name as well, so that every message that names the file is checked.
    match load_bytes(
        "fuzz\u{1b}]0;x\u{7}.yaml",
        data,
        &EmbeddedFiles(builtin::FILES),
    ) {
        Err(e) => assert_printable("an error message", &e.to_string()),
        Ok(loaded) => {
            let d = &loaded.debate;
            // Every claim in order, as one path, and each claim's links walked both ways.
            let path: Vec<NodeId> = (0..d.claims.len().min(64) as u32)
                .map(NodeId::Claim)
                .collect();
            assert_printable("the Markdown export", &export::markdown(d, &path));
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
});
