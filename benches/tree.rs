//! The Claims pane's tree at 100,000 claims (the generator's debate, three sides):
//! building it (on the loading thread), opening it folded, folding and unfolding the
//! claim with the most answers (about a thousand), unfolding and folding everything,
//! focusing, and a frame drawn with the whole tree unfolded. Each action is timed
//! alone, through `App::update`, its state prepared outside the timing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use debate_tui::app::{Action, App, Place, TreeView};
use debate_tui::domain::graph::tree::Tree;
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{NodeId, generate, load_bytes};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const SIZE: Rect = Rect::new(0, 0, 200, 60);

/// Times `act` on `app` alone, `prepare` run before each time outside the timing.
fn timed(
    app: &mut App,
    iters: u64,
    prepare: impl Fn(&mut App),
    act: impl Fn(&mut App),
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        prepare(app);
        let start = Instant::now();
        act(app);
        total += start.elapsed();
    }
    total
}

/// A closure applying `action`.
fn doing(action: Action) -> impl Fn(&mut App) {
    move |a: &mut App| {
        a.update(action.clone());
    }
}

fn bench(c: &mut Criterion) {
    let text = generate::yaml(100_000, 3, 42);
    let d = load_bytes("gen.yaml", text.as_bytes(), &EmbeddedFiles(&[]))
        .expect("the generated debate loads")
        .debate;
    drop(text);

    let mut g = c.benchmark_group("tree_100k");
    g.sample_size(20);
    g.bench_function("build_the_tree", |b| {
        b.iter(|| Tree::new(black_box(&d)).len())
    });
    // The tree is built on the loading thread, beside the search index; opening
    // the explorer makes its folded view.
    let tree = Tree::new(&d);
    g.bench_function("open_folded", |b| {
        b.iter_batched(|| tree.clone(), TreeView::new, BatchSize::LargeInput)
    });

    let mut app = App::new(d, SIZE);
    let t = app.tree.tree();
    let hub = (0..app.debate.claims.len() as u32)
        .map(NodeId::Claim)
        .max_by_key(|&n| t.children(n).len())
        .expect("claims");
    let answers = t.children(hub).len();
    let all_rows: usize = t.roots().map(|r| 1 + t.below(r) as usize).sum();
    eprintln!(
        "the busiest claim has {answers} answers; {all_rows} rows unfolded, {} folded",
        app.tree.len()
    );
    assert!(answers >= 900, "{answers}");

    // The busiest claim, selected and folded: unfold it, fold it.
    let fold = move |a: &mut App| {
        if a.tree.is_open(hub) {
            a.update(Action::Fold);
        }
    };
    let unfold = move |a: &mut App| {
        if !a.tree.is_open(hub) {
            a.update(Action::Unfold);
        }
    };
    let go_to_hub = move |a: &mut App| {
        a.update(Action::GoTo(Place::at(hub)));
        fold(a);
        assert_eq!(a.current(), Some(hub));
    };
    go_to_hub(&mut app);
    g.bench_function("unfold_a_claim_with_1000_answers", |b| {
        b.iter_custom(|n| timed(&mut app, n, fold, unfold))
    });
    g.bench_function("fold_a_claim_with_1000_answers", |b| {
        b.iter_custom(|n| timed(&mut app, n, unfold, fold))
    });
    // The same, with the whole tree unfolded: the rows after it all move.
    app.update(Action::UnfoldAll);
    assert_eq!(app.tree.len(), all_rows);
    go_to_hub(&mut app);
    g.bench_function("unfold_a_claim_with_1000_answers_all_unfolded", |b| {
        b.iter_custom(|n| timed(&mut app, n, fold, unfold))
    });

    g.bench_function("unfold_all", |b| {
        b.iter_custom(|n| {
            timed(
                &mut app,
                n,
                doing(Action::FoldAll),
                doing(Action::UnfoldAll),
            )
        })
    });
    g.bench_function("fold_all", |b| {
        b.iter_custom(|n| {
            timed(
                &mut app,
                n,
                doing(Action::UnfoldAll),
                doing(Action::FoldAll),
            )
        })
    });

    // Focus, everything unfolded: on the busiest claim (its subtree found among all
    // rows), and on a position (a third of the tree).
    app.update(Action::UnfoldAll);
    go_to_hub(&mut app);
    unfold(&mut app);
    g.bench_function("focus_on_the_busiest_claim_all_unfolded", |b| {
        b.iter_custom(|n| timed(&mut app, n, doing(Action::StepOut), doing(Action::Focus)))
    });
    app.update(Action::StepOut);
    app.update(Action::GoTo(Place::at(NodeId::Position(0))));
    g.bench_function("focus_on_a_position_all_unfolded", |b| {
        b.iter_custom(|n| timed(&mut app, n, doing(Action::StepOut), doing(Action::Focus)))
    });
    g.bench_function("step_out_of_a_position_all_unfolded", |b| {
        b.iter_custom(|n| timed(&mut app, n, doing(Action::Focus), doing(Action::StepOut)))
    });

    // A frame with everything unfolded, in the middle of the tree.
    app.update(Action::StepOut);
    app.update(Action::GoTo(Place::at(NodeId::Claim(50_000))));
    let mut term = Terminal::new(TestBackend::new(SIZE.width, SIZE.height)).expect("a terminal");
    g.bench_function("draw_200x60_all_unfolded", |b| {
        b.iter(|| {
            term.draw(|f| f.render_widget(&app, f.area()))
                .expect("draw")
                .area
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = bench
}
criterion_main!(benches);
