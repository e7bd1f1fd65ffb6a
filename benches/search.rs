//! Search at 100,000 claims: the time from a keystroke to updated results (all hits
//! found, the first page ranked) while a 10-letter query is typed one letter at a time,
//! the time to the first visible results, and the baseline of scoring every text with
//! fuzzy-matcher on each keystroke.

use criterion::{Criterion, criterion_group, criterion_main};
use debate_tui::domain::generate;
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::search::{Index, Searcher, top};
use debate_tui::domain::{Debate, load_bytes};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::hint::black_box;
use std::time::{Duration, Instant};

const CLAIMS: usize = 100_000;
const QUERY: &str = "allineamen";
/// The rows a popup shows: what must be ranked for the results to be seen.
const PAGE: usize = 50;

fn debate() -> Debate {
    let text = generate::yaml(CLAIMS, 2, 42);
    load_bytes("bench.yaml", text.as_bytes(), &EmbeddedFiles(&[]))
        .expect("the generated debate loads")
        .debate
}

/// The plain way: every text scored by fuzzy-matcher, on each keystroke.
fn baseline(d: &Debate, query: &str) -> usize {
    let m = SkimMatcherV2::default().ignore_case();
    let mut hits = 0;
    for c in &d.claims {
        hits += usize::from(m.fuzzy_indices(&c.text, query).is_some());
        for q in &c.quotes {
            hits += usize::from(m.fuzzy_indices(&q.text, query).is_some());
            if let Some(t) = &q.translation {
                hits += usize::from(m.fuzzy_indices(t, query).is_some());
            }
        }
    }
    hits
}

fn bench(c: &mut Criterion) {
    let d = debate();
    let index = Index::new(&d);
    let mut g = c.benchmark_group("search_100k");
    g.sample_size(10);
    for n in [1, 2, 5, 10] {
        let q = &QUERY[..n];
        // The state after the previous keystrokes, as in the popup.
        let mut before = Searcher::default();
        for k in 1..n {
            before.search(&index, &QUERY[..k]);
        }
        g.bench_function(format!("keystroke_{n}_of_{}", QUERY.len()), |b| {
            b.iter_batched(
                || before.clone(),
                |mut s| {
                    let mut hits = s.run(&index, black_box(q), &|| false, |_| {})?;
                    top(&mut hits, PAGE);
                    Some(hits.len())
                },
                criterion::BatchSize::LargeInput,
            )
        });
        // Until the popup has rows to show: the first slice's results, or all of them
        // when the search is over before that.
        g.bench_function(format!("first_visible_{n}_of_{}", QUERY.len()), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let mut s = before.clone();
                    let start = Instant::now();
                    let mut seen = None;
                    let hits = s.run(&index, black_box(q), &|| false, |_| {
                        seen = Some(start.elapsed());
                    });
                    let done = start.elapsed();
                    black_box(hits);
                    total += seen.unwrap_or(done);
                }
                total
            })
        });
        g.bench_function(format!("baseline_fuzzy_all_{n}_letters"), |b| {
            b.iter(|| baseline(&d, black_box(q)))
        });
    }
    g.finish();
    c.bench_function("index_build_100k", |b| {
        b.iter(|| Index::new(black_box(&d)).len())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
