//! Opening a debate of 100,000 claims from its file, as the explorer does: the first
//! frame (read, parse, validate, graph, tree, status, one 200×60 frame drawn), then the
//! search index ready; against serde_yaml alone reading the same file into plain
//! structs, in the same run. And a file over the size cap, refused.
//!
//! What each builds is dropped outside the timing (the explorer keeps it).

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use criterion::{Criterion, criterion_group, criterion_main};
use debate_tui::app::indexing::Indexed;
use debate_tui::app::{Action, App};
use debate_tui::cli;
use debate_tui::domain::load::MAX_FILE_BYTES;
use debate_tui::domain::load::progress::Progress;
use debate_tui::domain::search::Index;
use debate_tui::domain::{generate, load_path};
use debate_tui::tui::loading::{self, IndexJob, Opened};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[path = "support/plain.rs"]
mod plain;

use plain::Plain;

// The binary's allocator.
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

const SIZE: Rect = Rect::new(0, 0, 200, 60);

/// What the explorer does before its first frame, and the job left for the index.
fn first_frame(path: &PathBuf) -> (App, IndexJob, Receiver<Arc<Index>>) {
    let progress = Progress::default();
    let loaded = cli::load_with(Some(path), false, &progress).expect("the debate loads");
    let (opened, job) = loading::prepare(loaded);
    let Opened {
        debate,
        tree,
        status,
        index,
        ..
    } = opened;
    let app = App::opening(debate, tree, status, SIZE);
    let mut t = Terminal::new(TestBackend::new(SIZE.width, SIZE.height)).expect("a terminal");
    t.draw(|f| f.render_widget(&app, f.area())).expect("draw");
    (app, job, index)
}

/// The first frame, then the index built and handed to the explorer.
fn index_ready(path: &PathBuf) -> App {
    let (mut app, job, index) = first_frame(path);
    job.run(&Progress::default());
    let index = index.recv().expect("the index");
    app.update(Action::IndexReady(Indexed(index)));
    assert!(!app.indexing());
    app
}

/// serde_yaml alone: the file read and deserialised into plain structs.
fn serde_yaml_alone(path: &PathBuf) -> Plain {
    let text = std::fs::read_to_string(path).expect("read");
    serde_yaml::from_str::<Plain>(&text).expect("serde_yaml reads it")
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("debate.yaml");
    std::fs::write(&path, generate::yaml(100_000, 2, 42)).expect("write the debate");

    let mut g = c.benchmark_group("open_100k");
    g.sample_size(10);
    g.bench_function("serde_yaml_plain_structs", |b| {
        b.iter_with_large_drop(|| serde_yaml_alone(black_box(&path)))
    });
    g.bench_function("debate_tui_first_frame", |b| {
        b.iter_with_large_drop(|| first_frame(black_box(&path)))
    });
    g.bench_function("debate_tui_index_ready", |b| {
        b.iter_with_large_drop(|| index_ready(black_box(&path)))
    });
    g.finish();

    // A file over the cap, sparse (it takes no disk), refused from its size.
    let huge = dir.path().join("huge.yaml");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(MAX_FILE_BYTES + 1))
        .expect("a sparse file");
    c.bench_function("open/refuse_a_file_over_the_cap", |b| {
        b.iter(|| {
            let e = load_path(black_box(&huge)).expect_err("refused");
            black_box(e)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
