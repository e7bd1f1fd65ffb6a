//! Memory and time of opening a generated debate, each in a process of its own, against
//! serde_yaml alone on the same file: the peak (VmHWM) and the resident memory (VmRSS)
//! from /proc/self/status, wall and CPU time. Then, in the explorer that opened it, the
//! frame-time moves: the selection down and up, and the claim with the most rebuttals
//! selected (its Rebuttals pane filled) and unfolded.
//!
//! `cargo bench --bench memory` prints the figures (100,000 claims, seed 42, two sides;
//! `DEBATE_TUI_BENCH_CLAIMS=1000000` for a million). Linux only: it reads /proc.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use debate_tui::app::indexing::Indexed;
use debate_tui::app::{Action, App, Place};
use debate_tui::cli;
use debate_tui::domain::generate;
use debate_tui::domain::load::progress::Progress;
use debate_tui::tui::loading::{self, Opened};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[path = "support/busiest.rs"]
mod busiest;
#[path = "support/plain.rs"]
mod plain;

#[path = "support/counting.rs"]
mod counting;

// The binary's allocator, counted.
#[global_allocator]
static ALLOC: counting::Counting<tikv_jemallocator::Jemalloc> =
    counting::Counting(tikv_jemallocator::Jemalloc);

const SIZE: Rect = Rect::new(0, 0, 200, 60);
/// Processes run for each figure; the median is reported.
const RUNS: usize = 3;

/// A field of /proc/self/status, in MB.
fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"));
    kb * 1024.0 / 1e6
}

/// User and system time of this process so far.
fn cpu() -> Duration {
    // utime and stime, fields 14 and 15 of /proc/self/stat, after the command's ")".
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    let after = &stat[stat.rfind(')').expect("stat") + 2..];
    let f: Vec<u64> = after
        .split(' ')
        .skip(11)
        .take(2)
        .map(|v| v.parse().expect("a tick count"))
        .collect();
    // The kernel counts in USER_HZ, 100 on Linux.
    Duration::from_millis((f[0] + f[1]) * 10)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The median time of `f`, over `n` runs.
fn median(n: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[n / 2]
}

/// serde_yaml alone, reading the file into plain structs.
fn child_serde_yaml(path: &Path) {
    let t = Instant::now();
    let text = std::fs::read_to_string(path).expect("read");
    let plain: plain::Plain = serde_yaml::from_str(&text).expect("serde_yaml reads it");
    let wall = t.elapsed();
    println!(
        "wall_ms {:.0}\ncpu_ms {:.0}\npeak_mb {:.1}\nresident_mb {:.1}",
        ms(wall),
        ms(cpu()),
        status_mb("VmHWM:"),
        status_mb("VmRSS:")
    );
    drop(plain);
}

/// The explorer: first frame, index ready, memory given back, then the moves.
fn child_explorer(path: &Path) {
    let t = Instant::now();
    let loaded = cli::load_with(Some(&path.to_path_buf()), false, &Progress::default())
        .expect("the debate loads");
    let heap_debate = counting::in_use();
    let (opened, job) = loading::prepare(loaded);
    let Opened {
        debate,
        tree,
        status,
        index,
        ..
    } = opened;
    let mut app = App::opening(debate, tree, status, SIZE);
    let mut term = Terminal::new(TestBackend::new(SIZE.width, SIZE.height)).expect("terminal");
    let mut draw = |app: &App| {
        term.draw(|f| f.render_widget(app, f.area())).expect("draw");
    };
    draw(&app);
    let first_frame = t.elapsed();
    let cpu_first_frame = cpu();
    let peak_first_frame = status_mb("VmHWM:");
    let heap_first_frame = counting::in_use();
    job.run(&Progress::default());
    app.update(Action::IndexReady(Indexed(
        index.recv().expect("the index"),
    )));
    let ready = t.elapsed();
    println!(
        "first_frame_ms {:.0}\ncpu_first_frame_ms {:.0}\nindex_ready_ms {:.0}\ncpu_ms {:.0}\n\
         peak_first_frame_mb {:.1}\npeak_mb {:.1}\nresident_mb {:.1}\n\
         heap_debate_mb {:.1}\nheap_first_frame_mb {:.1}\nheap_index_ready_mb {:.1}",
        ms(first_frame),
        ms(cpu_first_frame),
        ms(ready),
        ms(cpu()),
        peak_first_frame,
        status_mb("VmHWM:"),
        status_mb("VmRSS:"),
        heap_debate as f64 / 1e6,
        heap_first_frame as f64 / 1e6,
        counting::in_use() as f64 / 1e6,
    );
    // The moves, each a key and a frame.
    let down_up = median(101, || {
        app.update(Action::Down);
        draw(&app);
        app.update(Action::Up);
        draw(&app);
    });
    let d = &app.debate;
    let hub = busiest::busiest_claim(d);
    let rebuttals = d.rebuttal_count(hub);
    app.update(Action::GoTo(Place::at(hub)));
    app.update(Action::Up);
    let onto_hub = median(101, || {
        app.update(Action::Down);
        draw(&app);
        app.update(Action::Up);
        draw(&app);
    });
    app.update(Action::Down);
    assert_eq!(app.current(), Some(hub));
    let unfold = median(101, || {
        app.update(Action::Unfold);
        draw(&app);
        app.update(Action::Fold);
        draw(&app);
    });
    println!(
        "move_down_and_up_ms {:.3}\nselect_busiest_claim_and_back_ms {:.3}\n\
         unfold_and_fold_busiest_claim_ms {:.3}\nbusiest_claim_rebuttals {rebuttals}",
        ms(down_up),
        ms(onto_hub),
        ms(unfold)
    );
}

/// Runs this binary on `path` as `role`, `RUNS` times; each figure's median.
fn measure(role: &str, path: &Path) -> Vec<(String, f64)> {
    let exe = std::env::current_exe().expect("this bench");
    let mut runs: Vec<Vec<(String, f64)>> = Vec::new();
    for _ in 0..RUNS {
        let out = Command::new(&exe)
            .args(["--child", role])
            .arg(path)
            .output()
            .expect("run a measuring process");
        assert!(
            out.status.success(),
            "{role}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let figures = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| {
                let (k, v) = l.split_once(' ')?;
                Some((k.to_string(), v.parse().ok()?))
            })
            .collect();
        runs.push(figures);
    }
    runs[0]
        .iter()
        .enumerate()
        .map(|(i, (k, _))| {
            let mut v: Vec<f64> = runs.iter().map(|r| r[i].1).collect();
            v.sort_by(f64::total_cmp);
            (k.clone(), v[v.len() / 2])
        })
        .collect()
}

fn get(figures: &[(String, f64)], key: &str) -> f64 {
    figures
        .iter()
        .find(|(k, _)| k == key)
        .map_or(f64::NAN, |(_, v)| *v)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let path = PathBuf::from(&args[i + 2]);
        match args[i + 1].as_str() {
            "serde_yaml" => child_serde_yaml(&path),
            _ => child_explorer(&path),
        }
        return;
    }
    // `cargo test --benches` runs this too: measure only under `cargo bench`.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let claims: usize = std::env::var("DEBATE_TUI_BENCH_CLAIMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("debate.yaml");
    let text = generate::yaml(claims, 2, 42);
    let size = text.len();
    std::fs::write(&path, text).expect("write the debate");
    let base = measure("serde_yaml", &path);
    let ours = measure("explorer", &path);
    println!(
        "{claims} claims, {:.1} MB of YAML; medians of {RUNS} processes each",
        size as f64 / 1e6
    );
    for (k, v) in &base {
        println!("serde_yaml alone   {k:<40} {v:>10.1}");
    }
    for (k, v) in &ours {
        println!("debate-tui         {k:<40} {v:>10.3}");
    }
    let ratio = |a: &str, b: &str| get(&ours, a) / get(&base, b);
    println!(
        "ratios to serde_yaml alone: first frame {:.2} (wall), {:.2} (CPU to first frame); \
         index ready {:.2}; peak {:.2}; resident after load {:.1} MB ({:.2} of serde_yaml's)",
        ratio("first_frame_ms", "wall_ms"),
        ratio("cpu_first_frame_ms", "cpu_ms"),
        ratio("index_ready_ms", "wall_ms"),
        ratio("peak_mb", "peak_mb"),
        get(&ours, "resident_mb"),
        ratio("resident_mb", "resident_mb"),
    );
}
