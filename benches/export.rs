//! Exporting a debate of 100,000 claims for other tools: the whole debate as an AIF
//! nodeset, as Argdown and as format v1 JSON (with Graphviz DOT, the older
//! whole-debate export, beside them). Time from criterion; the peak heap each takes
//! and the size of what it writes, printed once, from a counting allocator.

#[path = "support/counting.rs"]
mod counting;

use std::hint::black_box;

use counting::{Counting, peak_of};
use criterion::{Criterion, criterion_group, criterion_main};
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{Debate, export, generate, load_bytes};

#[global_allocator]
static ALLOC: Counting = Counting(std::alloc::System);

const CLAIMS: usize = 100_000;

/// An export of the whole debate.
type Export = fn(&Debate) -> String;

/// The exports measured, by name.
const FORMATS: &[(&str, Export)] = &[
    ("aif", export::aif::aif),
    ("argdown", export::argdown::argdown),
    ("json", |d| export::json::json(d, None)),
    ("dot", |d| export::dot(d, None)),
];

fn bench(c: &mut Criterion) {
    let yaml = generate::yaml(CLAIMS, 2, 42);
    let d = load_bytes("bench.yaml", yaml.as_bytes(), &EmbeddedFiles(&[]))
        .expect("the generated debate loads")
        .debate;
    drop(yaml);
    let quotes: usize = d.claims.iter().map(|c| c.quotes.len()).sum();
    println!(
        "{} claims, {} links, {quotes} quotes",
        d.claims.len(),
        d.links().len()
    );
    for (name, f) in FORMATS {
        let (text, peak) = peak_of(|| f(&d));
        println!(
            "{name}: {:.1} MB written, peak heap {:.1} MB",
            text.len() as f64 / 1e6,
            peak as f64 / 1e6
        );
    }
    let mut g = c.benchmark_group("export_100k");
    g.sample_size(10);
    for (name, f) in FORMATS {
        g.bench_function(*name, |b| b.iter(|| f(black_box(&d))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
