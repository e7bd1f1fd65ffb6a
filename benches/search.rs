//! Search at 100,000 claims: the time from a keystroke to updated results (all hits
//! found, the first page ranked) while a 10-letter query is typed one letter at a time,
//! the time to the first visible results, and the baseline of scoring every text with
//! fuzzy-matcher on each keystroke.

use criterion::{Criterion, criterion_group, criterion_main};
use debate_tui::app::search::{Results, Stage};
use debate_tui::app::{Action, App, Overlay};
use debate_tui::domain::generate;
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::search::{Index, Searcher, top};
use debate_tui::domain::{Debate, load_bytes};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
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
    popup(c, &d);
    c.bench_function("index_build_100k", |b| {
        b.iter(|| Index::new(black_box(&d)).len())
    });
}

/// The main thread's part of a keystroke in the popup at 100,000 claims: `update` and
/// a 200×60 frame. The search itself runs on the worker.
fn popup(c: &mut Criterion, d: &Debate) {
    let mut app = App::new(d.clone(), Rect::new(0, 0, 200, 60));
    let mut buf = Buffer::empty(app.size);
    app.update(Action::Search);
    app.update(Action::Type('a'));
    let r = Results::complete(app.index.as_deref().expect("indexed"), 1, "a");
    let mut g = c.benchmark_group("popup_100k");
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
    let mut ranked = r.clone();
    ranked.hits.truncate(500);
    ranked.stage = Stage::Ranked;
    // Results answer the input as it is now (typing moved its generation on).
    let Overlay::Search(v) = &app.overlay else {
        panic!("the popup is open")
    };
    ranked.generation = v.generation;
    app.update(Action::SearchResults(ranked.clone()));
    let Overlay::Search(v) = &app.overlay else {
        panic!("the popup is open")
    };
    assert_eq!(
        v.rows.len(),
        60 - 2 - 2 - 2,
        "the results are taken and shown"
    );
    g.bench_function("results_arrive_and_draw", |b| {
        b.iter(|| {
            app.update(Action::SearchResults(ranked.clone()));
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
