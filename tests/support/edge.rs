//! Debates at the edges of what a file may hold, for the display and property tests.

#![allow(dead_code)]

use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{Debate, load_bytes};

/// The quote of [`huge_quote`]: `bytes` of words.
pub fn long_quote(bytes: usize) -> String {
    let mut q = String::with_capacity(bytes + 16);
    let mut i = 0u32;
    while q.len() < bytes {
        q.push_str(["parola ", "lunga ", "citazione ", "vera "][i as usize % 4]);
        i += 1;
    }
    q.push_str("fine");
    q
}

/// Loads a debate file's text, with source files given by name.
pub fn load(yaml: &str, files: &'static [(&'static str, &'static str)]) -> Debate {
    match load_bytes("edge.yaml", yaml.as_bytes(), &EmbeddedFiles(files)) {
        Ok(l) => l.debate,
        Err(e) => panic!("the edge debate loads: {e}"),
    }
}

/// One claim quoting `bytes` (10 MB, say) of its source, which holds that and a
/// little more.
pub fn huge_quote(bytes: usize) -> Debate {
    let quote: &'static str = Box::leak(long_quote(bytes).into_boxed_str());
    let source: &'static str =
        Box::leak(format!("Before it.\n\n{quote}\n\nAfter it.\n").into_boxed_str());
    let files: &'static [(&str, &str)] = Box::leak(Box::new([("big.txt", source)]));
    let yaml = format!(
        "version: 1\ntitle: A huge quote\nsources:\n  - id: big\n    title: The big text\n    file: big.txt\npositions:\n  - id: p\n    title: P\nclaims:\n  - id: long\n    position: p\n    text: This claim quotes ten megabytes.\n    quotes:\n      - source: big\n        text: \"{quote}\"\n"
    );
    load(&yaml, files)
}

/// One claim rebutted by `n` others, alternating between two sides.
pub fn many_rebuttals(n: usize) -> Debate {
    let mut yaml = String::from(
        "version: 1\ntitle: Many rebuttals\npositions:\n  - id: yes\n    title: Yes\n  - id: no\n    title: No\nclaims:\n  - id: target\n    position: yes\n    text: Everyone answers this.\n",
    );
    for i in 0..n {
        let side = if i % 2 == 0 { "no" } else { "yes" };
        yaml.push_str(&format!(
            "  - {{id: r{i}, position: {side}, text: Rebuttal number {i}, rebuts: [target]}}\n"
        ));
    }
    load(&yaml, &[])
}

/// A rebuts b, b rebuts a, c supports a and rebuts c's own side; no claim has a quote.
pub fn cycle() -> Debate {
    load(
        "version: 1\ntitle: A cycle\npositions:\n  - id: p\n    title: P\n  - id: q\n    title: Q\nclaims:\n  - id: a\n    position: p\n    text: A says so.\n    rebuts: [b]\n  - id: b\n    position: q\n    text: B says not.\n    rebuts: [a]\n  - id: c\n    position: p\n    text: C agrees with A.\n    supports: [a]\n",
        &[],
    )
}

/// Positions and nothing else.
pub fn no_claims() -> Debate {
    load(
        "version: 1\ntitle: Nothing claimed yet\npositions:\n  - id: p\n    title: P\n    summary: An empty side.\n  - id: q\n    title: Q\n",
        &[],
    )
}

/// A chain `n` claims deep: each rebuts the one before, the sides alternating; the
/// first supports the position `yes`, and the last also rebuts the first (a loop back).
pub fn chain(n: usize) -> Debate {
    let mut yaml = String::from(
        "version: 1\ntitle: A deep chain\npositions:\n  - id: yes\n    title: Yes\n  - id: no\n    title: No\nclaims:\n  - {id: c0, position: yes, text: The first claim, supports: [yes]}\n",
    );
    for i in 1..n {
        let side = if i % 2 == 0 { "yes" } else { "no" };
        let back = if i + 1 == n && n > 2 { ", c0" } else { "" };
        yaml.push_str(&format!(
            "  - {{id: c{i}, position: {side}, text: Claim number {i} answers the one before, rebuts: [c{}{back}]}}\n",
            i - 1
        ));
    }
    load(&yaml, &[])
}
