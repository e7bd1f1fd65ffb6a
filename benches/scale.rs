//! debate-tui at scale: loading a 100,000-claim debate against serde_yaml alone
//! (time, and peak memory from a counting allocator), drawing a 200×60 frame at 1k,
//! 10k and 100k claims, the heavy moves (the selection, a claim with a thousand
//! rebuttals, a 10 MB source), export, and `check` on the same file.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use debate_tui::app::{Action, App, Pane, Place};
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{Debate, NodeId, export, generate, load_bytes};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[path = "support/counting.rs"]
mod counting;

use counting::{Counting, peak_of};

#[global_allocator]
static ALLOC: Counting = Counting(std::alloc::System);

#[path = "support/busiest.rs"]
mod busiest;
#[path = "support/plain.rs"]
mod plain;

use plain::Plain;

const SIZE: Rect = Rect::new(0, 0, 200, 60);

/// Everything the explorer prepares, in one thread of work: load (parse, validate) and
/// prepare the explorer (rows, status, search index). The binary draws its first frame
/// before the index (`benches/open.rs`).
fn open(text: &str) -> App {
    let d = load_bytes("bench.yaml", text.as_bytes(), &EmbeddedFiles(&[]))
        .expect("the generated debate loads")
        .debate;
    App::new(d, SIZE)
}

fn load(c: &mut Criterion, text: &str) {
    // Peak memory, once each, before the timings.
    let (plain, plain_peak) = peak_of(|| serde_yaml::from_str::<Plain>(text).unwrap());
    drop(plain);
    let (app, app_peak) = peak_of(|| open(text));
    drop(app);
    println!(
        "peak heap beyond the {:.1} MB text: serde_yaml alone {:.1} MB, debate-tui {:.1} MB, \
         ratio {:.2}",
        text.len() as f64 / 1e6,
        plain_peak as f64 / 1e6,
        app_peak as f64 / 1e6,
        app_peak as f64 / plain_peak as f64
    );
    let mut g = c.benchmark_group("load_100k");
    g.sample_size(10);
    g.bench_function("serde_yaml_plain_structs", |b| {
        b.iter(|| serde_yaml::from_str::<Plain>(black_box(text)).map(|p| p.claims.len()))
    });
    g.bench_function("debate_tui_load_and_prepare", |b| {
        b.iter(|| open(black_box(text)).tree.len())
    });
    g.finish();
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(SIZE.width, SIZE.height)).expect("a test terminal")
}

fn draw(t: &mut Terminal<TestBackend>, app: &App) {
    t.draw(|f| f.render_widget(app, f.area())).expect("draw");
}

/// A frame at 200×60, and moving the selection (a key, then a frame).
fn frames(c: &mut Criterion, claims: usize, app: &mut App) {
    let mut t = terminal();
    let mut g = c.benchmark_group(format!("frame_{}k", claims / 1000));
    g.sample_size(30);
    g.bench_function("draw_200x60", |b| b.iter(|| draw(&mut t, app)));
    // Down then Up, each drawn: two keys.
    g.bench_function("move_selection_down_and_up", |b| {
        b.iter(|| {
            app.update(Action::Down);
            draw(&mut t, app);
            app.update(Action::Up);
            draw(&mut t, app);
        })
    });
    g.finish();
}

/// Selecting the claim with the most rebuttals (about a thousand at 100k) from the
/// row above it, and back: each drawn.
fn busiest_claim(c: &mut Criterion, app: &mut App) {
    let d = &app.debate;
    let hub = busiest::busiest_claim(d);
    let rebuttals = d.rebuttal_count(hub);
    app.update(Action::GoTo(Place::at(hub)));
    app.update(Action::Up);
    let mut t = terminal();
    app.update(Action::Down);
    assert_eq!(app.current(), Some(hub));
    app.update(Action::Up);
    println!("the busiest claim has {rebuttals} rebuttals");
    c.bench_function("frame_100k/open_claim_with_most_rebuttals_and_back", |b| {
        b.iter(|| {
            app.update(Action::Down);
            draw(&mut t, app);
            app.update(Action::Up);
            draw(&mut t, app);
        })
    });
}

/// A debate quoting one 10 MB source, its source view open.
fn big_source() -> App {
    let mut text = String::with_capacity(10_500_000);
    let mut n = 0u64;
    while text.len() < 10_000_000 {
        n += 1;
        text.push_str(&format!(
            "Paragraph {n}: the open weights of model {} were studied by {} teams, \
             who found {} issues and published every one of them.\n",
            n % 97,
            n % 13,
            n % 7
        ));
        if n.is_multiple_of(5) {
            text.push('\n');
        }
    }
    let quote = "Paragraph 50000: the open weights of model";
    let yaml = format!(
        "version: 1\ntitle: A ten-megabyte source\nsources:\n  - id: big\n    title: Big\n    \
         file: big.txt\npositions:\n  - id: p\n    title: P\nclaims:\n  - id: c\n    \
         position: p\n    text: It quotes the big source.\n    quotes:\n      - source: big\n        \
         text: \"{quote}\"\n"
    );
    let files: &'static [(&'static str, &'static str)] =
        Box::leak(Box::new([("big.txt", &*Box::leak(text.into_boxed_str()))]));
    let d = load_bytes("big.yaml", yaml.as_bytes(), &EmbeddedFiles(files))
        .expect("the big-source debate loads")
        .debate;
    let mut app = App::new(d, SIZE);
    app.update(Action::Down);
    app.focus = Pane::Sources;
    app.update(Action::Follow);
    assert!(
        matches!(app.overlay, debate_tui::app::Overlay::Source(_)),
        "the source view is open"
    );
    app
}

fn scroll_big_source(c: &mut Criterion) {
    let mut app = big_source();
    let mut t = terminal();
    c.bench_function("source_10mb/page_down_and_up", |b| {
        b.iter(|| {
            app.update(Action::PageDown);
            draw(&mut t, &app);
            app.update(Action::PageUp);
            draw(&mut t, &app);
        })
    });
    c.bench_function("source_10mb/end_and_top", |b| {
        b.iter(|| {
            app.update(Action::Bottom);
            draw(&mut t, &app);
            app.update(Action::Top);
            draw(&mut t, &app);
        })
    });
}

/// The Markdown of a 10-step path at 100k, and `check` and `export` as the command
/// line runs them (loading included) on the generated file.
fn commands(c: &mut Criterion, d: &Debate, text: &str) {
    let path: Vec<NodeId> = (0..10).map(NodeId::Claim).collect();
    let mut g = c.benchmark_group("commands_100k");
    g.sample_size(10);
    let status = debate_tui::domain::graph::status::Status::of(d);
    g.bench_function("markdown_of_a_10_step_path", |b| {
        b.iter(|| export::markdown(d, &status, black_box(&path)).len())
    });
    let dir = std::env::temp_dir().join(format!("debate-tui-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join("debate.yaml");
    std::fs::write(&file, text).expect("write the generated debate");
    let ids = path
        .iter()
        .map(|&n| d.id_of(n))
        .collect::<Vec<_>>()
        .join(",");
    let check = debate_tui::cli::CheckArgs {
        file: Some(file.clone()),
        ..Default::default()
    };
    g.bench_function("check_file", |b| {
        b.iter(|| debate_tui::cli::check(&check, &mut std::io::sink()))
    });
    let export = debate_tui::cli::ExportArgs {
        file: Some(file.clone()),
        allow_outside_sources: false,
        path: Some(ids),
        output: None,
        format: debate_tui::cli::ExportFormat::Markdown,
        all: false,
        force: false,
    };
    g.bench_function("export_file_10_steps", |b| {
        b.iter(|| debate_tui::cli::export(&export, &mut std::io::sink(), &mut std::io::sink()))
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

fn bench(c: &mut Criterion) {
    let text = generate::yaml(100_000, 2, 42);
    load(c, &text);
    for claims in [1_000, 10_000] {
        let mut app = open(&generate::yaml(claims, 2, 42));
        frames(c, claims, &mut app);
    }
    let mut app = open(&text);
    frames(c, 100_000, &mut app);
    busiest_claim(c, &mut app);
    commands(c, &app.debate, &text);
    drop(app);
    scroll_big_source(c);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
