//! Importing a Kialo export of 1,000 claims: the text read into the raw structs, and
//! the whole load (import, then every rule of format v1) that opening the file does.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use debate_tui::domain::import::{self, Format};
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::load_bytes;

const CLAIMS: usize = 1000;

/// A discussion of `claims` claims under one thesis, three children to an item, in the
/// older layout with CRLF line ends: escapes in every claim, a Markdown link in one of
/// ten, a continuation line in one of seven, and one item in fifty a `-> See` to an
/// earlier claim (beside the claims, not counted among them).
fn kialo(claims: usize) -> String {
    let mut out = String::from(
        "Discussion Title: Should the benchmark pass?\r\n\r\n1. The benchmark should pass.\r\n",
    );
    let mut queue = std::collections::VecDeque::from([String::from("1.")]);
    let mut written: Vec<String> = Vec::new();
    let mut items: usize = 0;
    while written.len() < claims {
        let Some(parent) = queue.pop_front() else {
            break;
        };
        for child in 1..=3 {
            if written.len() == claims {
                break;
            }
            items += 1;
            let path = format!("{parent}{child}.");
            let stance = if (items + child).is_multiple_of(2) {
                "Pro"
            } else {
                "Con"
            };
            if items.is_multiple_of(50) && !written.is_empty() {
                let target = &written[(items * 7) % written.len()];
                out.push_str(&format!("{path} {stance}: -> See {target}\r\n"));
                continue;
            }
            let n = written.len() + 1;
            out.push_str(&format!(
                "{path} {stance}: Claim number {n} says something about the matter \\(with a remark in brackets\\)"
            ));
            if n.is_multiple_of(10) {
                out.push_str(&format!(" and cites [a source](https://example.org/{n})"));
            }
            out.push_str(".\r\n");
            if n.is_multiple_of(7) {
                out.push_str("It goes on over a second line.\r\n");
            }
            written.push(path.clone());
            queue.push_back(path);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = kialo(CLAIMS);
    let raw = import::import(Format::Kialo, "bench.txt", &text)
        .expect("the text imports")
        .raw;
    assert_eq!(raw.claims.len(), CLAIMS);
    let mut g = c.benchmark_group("kialo_1000");
    g.bench_function("import", |b| {
        b.iter(|| import::import(Format::Kialo, "bench.txt", black_box(&text)))
    });
    g.bench_function("load", |b| {
        b.iter(|| load_bytes("bench.txt", black_box(text.as_bytes()), &EmbeddedFiles(&[])))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
