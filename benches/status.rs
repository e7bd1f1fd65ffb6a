//! Which claims stand, at 100,000 claims: preparing the rebuttal graph (once, at load),
//! the grounded labelling, the strengths, and a what-if (one claim set aside, every
//! label, strength and supporter count again), which must fit in a 16 ms frame.
//!
//! The generated debate links each claim only to earlier ones, so it has no cycle.
//! The same debate with one rebuttal in ten answered back (the target rebuts its
//! rebutter too) has cycles everywhere, and shows what iterating them costs.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use debate_tui::domain::graph::status::{Label, Rebuttals, Status};
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{Debate, Link, NodeId, Relation, generate, load_bytes};

const CLAIMS: usize = 100_000;

fn debate() -> Debate {
    let text = generate::yaml(CLAIMS, 2, 42);
    load_bytes("bench.yaml", text.as_bytes(), &EmbeddedFiles(&[]))
        .expect("the generated debate loads")
        .debate
}

/// `d` with one rebuttal in ten answered back, where the target does not already
/// support its rebutter.
fn with_cycles(d: &Debate) -> Debate {
    let mut links = d.links().to_vec();
    let back: Vec<Link> = d
        .links()
        .iter()
        .filter(|l| l.relation == Relation::Rebuts)
        .step_by(10)
        .filter(|l| matches!(l.to, NodeId::Claim(_)))
        .filter(|l| !d.outgoing(l.to).any(|o| o.to == l.from))
        .map(|l| Link {
            from: l.to,
            to: l.from,
            relation: Relation::Rebuts,
        })
        .collect();
    links.extend(back);
    Debate::new(
        d.title.clone(),
        d.description.clone(),
        d.sources.clone(),
        d.positions.clone(),
        d.claims.clone(),
        links,
    )
}

/// What the benchmarks run on, said once.
fn describe(name: &str, d: &Debate, st: &Status) {
    let c = st.convergence();
    eprintln!(
        "{name}: {} claims, {} links; {} stand, {} fall, {} open; strengths: {} rounds at most, converged: {}",
        d.claims.len(),
        d.links().len(),
        st.count(Label::Stands),
        st.count(Label::Falls),
        st.count(Label::Open),
        c.rounds,
        c.converged
    );
}

fn bench(c: &mut Criterion) {
    let acyclic = debate();
    let cyclic = with_cycles(&acyclic);
    for (name, d) in [("acyclic", &acyclic), ("cycles", &cyclic)] {
        let st = Status::of(d);
        describe(name, d, &st);
        let graph = Rebuttals::new(d);
        let mut g = c.benchmark_group(format!("status/{name}"));
        g.sample_size(30);
        g.bench_function("prepare the graph (once, at load)", |b| {
            b.iter(|| Rebuttals::new(black_box(d)))
        });
        g.bench_function("labels", |b| b.iter(|| black_box(&graph).labels()));
        g.bench_function("strengths", |b| b.iter(|| black_box(&graph).strengths()));
        // A different claim each time, spread over the debate.
        let mut i = 0;
        g.bench_function("what-if: one claim set aside", |b| {
            b.iter(|| {
                i = (i + 7_919) % CLAIMS;
                st.what_if([NodeId::Claim(i as u32)])
            })
        });
        // The first claims gather about a thousand rebuttals each.
        g.bench_function("what-if: the five most rebutted claims set aside", |b| {
            b.iter(|| st.what_if((0..5).map(NodeId::Claim)))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
