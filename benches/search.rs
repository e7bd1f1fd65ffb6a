//! Search at 100,000 and 1,000,000 claims: the time from a keystroke to its final
//! results (every hit counted, the best listed in order) while a 10-letter query is
//! typed one letter at a time, the time to the first visible results, and, at 100,000
//! claims, the baseline of scoring every text with fuzzy-matcher on each keystroke.
//! The debates are built in memory (generated, then checked as a file is), so the
//! setup does not parse hundreds of megabytes of YAML.
//!
//! `SEARCH_BENCH_SIZES=100000` (a comma-separated list) picks the sizes.

use criterion::{Criterion, criterion_group, criterion_main};
use debate_tui::app::search::{LISTED, Results};
use debate_tui::app::{Action, App, Overlay};
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::load::progress::Progress;
use debate_tui::domain::search::{Index, Searcher};
use debate_tui::domain::{Debate, generate, import};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::hint::black_box;
use std::time::{Duration, Instant};

const QUERY: &str = "allineamen";
const KEYSTROKES: [usize; 4] = [1, 2, 5, 10];

fn debate(claims: usize) -> Debate {
    let raw = generate::debate(claims, 2, 42);
    import::check("bench", raw, &EmbeddedFiles(&[]), &Progress::default())
        .expect("the generated debate is valid")
        .debate
}

fn sizes() -> Vec<usize> {
    std::env::var("SEARCH_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000])
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

fn label(claims: usize) -> String {
    if claims.is_multiple_of(1_000_000) {
        format!("{}m", claims / 1_000_000)
    } else if claims.is_multiple_of(1000) {
        format!("{}k", claims / 1000)
    } else {
        claims.to_string()
    }
}

fn bench(c: &mut Criterion) {
    for claims in sizes() {
        let d = debate(claims);
        let index = Index::new(&d);
        keystrokes(c, &d, &index, claims);
        if claims <= 100_000 {
            popup(c, &d, claims);
        }
    }
}

fn keystrokes(c: &mut Criterion, d: &Debate, index: &Index, claims: usize) {
    let mut g = c.benchmark_group(format!("search_{}", label(claims)));
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for n in KEYSTROKES {
        let q = &QUERY[..n];
        // The state after the previous keystrokes, as in the popup.
        let mut before = Searcher::default();
        for k in 1..n {
            before.run(index, &QUERY[..k], LISTED, &|| false, |_| {});
        }
        let hits = before.clone().run(index, q, LISTED, &|| false, |_| {});
        eprintln!(
            "{} claims, {q:?}: {} hits",
            claims,
            hits.map_or(0, |o| o.total)
        );
        g.bench_function(format!("keystroke_{n}_of_{}", QUERY.len()), |b| {
            b.iter_batched(
                || before.clone(),
                |mut s| {
                    s.run(index, black_box(q), LISTED, &|| false, |_| {})
                        .map(|o| o.total)
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
                    let hits = s.run(index, black_box(q), LISTED, &|| false, |_| {
                        seen = Some(start.elapsed());
                    });
                    let done = start.elapsed();
                    black_box(hits);
                    total += seen.unwrap_or(done);
                }
                total
            })
        });
        if claims <= 100_000 && (n == 1 || n == QUERY.len()) {
            g.bench_function(format!("baseline_fuzzy_all_{n}_letters"), |b| {
                b.iter(|| baseline(d, black_box(q)))
            });
        }
    }
    g.finish();
}

/// The main thread's part of a keystroke in the popup: `update` and a 200×60 frame.
/// The search itself runs on the worker.
fn popup(c: &mut Criterion, d: &Debate, claims: usize) {
    let mut app = App::new(d.clone(), Rect::new(0, 0, 200, 60));
    let mut buf = Buffer::empty(app.size);
    app.update(Action::Search);
    app.update(Action::Type('a'));
    let mut r = Results::complete(app.index.as_deref().expect("indexed"), 1, "a");
    let mut g = c.benchmark_group(format!("popup_{}", label(claims)));
    g.sample_size(20);
    // A letter typed and erased, drawn after each: two keystrokes.
    g.bench_function("type_and_erase_a_letter_and_draw", |b| {
        b.iter(|| {
            let typed = app.update(Action::Type('l'));
            app.render(app.size, &mut buf);
            let erased = app.update(Action::Erase);
            app.render(app.size, &mut buf);
            (typed, erased)
        })
    });
    // The results of the first letter arrive: the rows on screen are made, then drawn.
    // Results answer the input as it is now (typing moved its generation on).
    let Overlay::Search(v) = &app.overlay else {
        panic!("the popup is open")
    };
    r.generation = v.generation;
    app.update(Action::SearchResults(r.clone()));
    let Overlay::Search(v) = &app.overlay else {
        panic!("the popup is open")
    };
    assert!(!v.rows.is_empty(), "the results are taken and shown");
    g.bench_function("results_arrive_and_draw", |b| {
        b.iter(|| {
            app.update(Action::SearchResults(r.clone()));
            app.render(app.size, &mut buf);
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
