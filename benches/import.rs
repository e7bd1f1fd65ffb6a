//! Importing a Kialo export and an AIF map of 1,000 claims each: the text read into
//! the raw structs, and the whole load (import, then every rule of format v1) that
//! opening the file does.

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

/// An AIF nodeset of `claims` I nodes in a tree, three children to a claim, each child
/// joined to its parent by an RA or a CA node; one claim in five said in a locution
/// (`L -> YA -> I`) by one of two participants. Ids are numbers, as OVA writes them.
fn aif(claims: usize) -> String {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut locutions = Vec::new();
    let mut next = claims;
    let mut id = || {
        next += 1;
        next
    };
    for n in 0..claims {
        nodes.push(format!(
            r#"{{"nodeID":{n},"text":"Claim number {n} says something about the matter","type":"I","timestamp":"2024-01-01 10:00:00"}}"#
        ));
        if n > 0 {
            let (scheme, kind) = if n % 2 == 0 {
                ("Default Inference", "RA")
            } else {
                ("Default Conflict", "CA")
            };
            let r = id();
            nodes.push(format!(
                r#"{{"nodeID":{r},"text":"{scheme}","type":"{kind}"}}"#
            ));
            edges.push(format!(r#"{{"edgeID":{},"fromID":{n},"toID":{r}}}"#, id()));
            edges.push(format!(
                r#"{{"edgeID":{},"fromID":{r},"toID":{}}}"#,
                id(),
                (n - 1) / 3
            ));
        }
        if n % 5 == 0 {
            let (l, ya) = (id(), id());
            nodes.push(format!(
                r#"{{"nodeID":{l},"text":"Speaker {} : claim number {n}","type":"L"}}"#,
                n % 2
            ));
            nodes.push(format!(
                r#"{{"nodeID":{ya},"text":"Asserting","type":"YA"}}"#
            ));
            edges.push(format!(r#"{{"edgeID":{},"fromID":{l},"toID":{ya}}}"#, id()));
            edges.push(format!(r#"{{"edgeID":{},"fromID":{ya},"toID":{n}}}"#, id()));
            locutions.push(format!(r#"{{"nodeID":{l},"personID":{}}}"#, n % 2));
        }
    }
    format!(
        r#"{{"nodes":[{}],"edges":[{}],"locutions":[{}],"participants":[{{"participantID":0,"firstname":"Ann","surname":"Lee"}},{{"participantID":1,"firstname":"Bo","surname":"Ng"}}]}}"#,
        nodes.join(","),
        edges.join(","),
        locutions.join(",")
    )
}

/// Importing `text`, the file `file` in `format`, and loading it whole, as the
/// benchmarks of `group`.
fn import_and_load(c: &mut Criterion, group: &str, format: Format, file: &str, text: &str) {
    let raw = import::import(format, file, text)
        .expect("the text imports")
        .raw;
    assert_eq!(raw.claims.len(), CLAIMS);
    let mut g = c.benchmark_group(group);
    g.bench_function("import", |b| {
        b.iter(|| import::import(format, file, black_box(text)))
    });
    g.bench_function("load", |b| {
        b.iter(|| load_bytes(file, black_box(text.as_bytes()), &EmbeddedFiles(&[])))
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    import_and_load(c, "kialo_1000", Format::Kialo, "bench.txt", &kialo(CLAIMS));
    import_and_load(c, "aif_1000", Format::Aif, "bench.json", &aif(CLAIMS));
}

criterion_group!(benches, bench);
criterion_main!(benches);
