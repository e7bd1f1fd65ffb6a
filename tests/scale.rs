//! Drawing does not grow with the debate: the same views, at 2,000 and at 20,000
//! claims, build the same number of things for a frame (counted as heap allocations,
//! which every row, span and string of a frame needs).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use debate_tui::app::{Action, App, Effect, Pane, Place};
use debate_tui::domain::NodeId;
use debate_tui::domain::graph::status::Why;
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{generate, load_bytes};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|a| a.set(a.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Allocations made on this thread by `f`.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

// Small enough that every pane is full at both sizes, so the views show as much.
const SIZE: Rect = Rect::new(0, 0, 120, 24);

fn app(claims: usize) -> App {
    let text = generate::yaml(claims, 2, 7);
    let d = load_bytes("gen.yaml", text.as_bytes(), &EmbeddedFiles(&[]))
        .unwrap_or_else(|e| panic!("{e}"))
        .debate;
    App::new(d, SIZE)
}

/// Allocations for one frame of each view: the panes, the panes scrolled to the
/// middle, the tree unfolded and scrolled to its middle, a focus deep down, the claim
/// with the most rebuttals, and the search popup with results.
fn frame_work(a: &mut App) -> Vec<(&'static str, usize)> {
    let mut buf = Buffer::empty(SIZE);
    let mut frame = |a: &App| {
        // One frame to settle, then the one counted.
        a.render(SIZE, &mut buf);
        allocations(|| a.render(SIZE, &mut buf))
    };
    let mut out = vec![("panes", frame(a))];
    for _ in 0..40 {
        a.update(Action::PageDown);
    }
    // On to the next claim nothing rebuts: the Sources pane names the claims that
    // decide a label (five at most), so the view has the same shape at both sizes.
    for _ in 0..1000 {
        if a.why() == Some(&Why::Unanswered) {
            break;
        }
        a.update(Action::Down);
    }
    out.push(("panes, scrolled", frame(a)));
    // The whole tree unfolded, in its middle: guides several levels deep.
    a.update(Action::UnfoldAll);
    a.update(Action::Top);
    let middle = a.tree.len() / 2;
    while a.claims.selected < middle {
        a.update(Action::PageDown);
    }
    out.push(("tree unfolded, scrolled", frame(a)));
    // The deepest claim, focused from its position down: a breadcrumb of every level.
    let deepest = (0..a.debate.claims.len() as u32)
        .map(NodeId::Claim)
        .max_by_key(|&n| a.tree.tree().depth(n))
        .unwrap();
    a.update(Action::GoTo(Place::at(deepest)));
    a.update(Action::Fold);
    a.update(Action::Focus);
    out.push(("focus on the deepest claim's parent", frame(a)));
    a.update(Action::StepOut);
    a.update(Action::FoldAll);
    // Into the Rebuttals pane of the busiest claim.
    let busiest = (0..a.debate.claims.len() as u32)
        .map(NodeId::Claim)
        .max_by_key(|&n| a.debate.rebuttal_count(n))
        .unwrap();
    a.update(Action::GoTo(Place::at(busiest)));
    a.update(Action::NextPane);
    assert_eq!(a.focus, Pane::Rebuttals);
    out.push(("busiest claim's rebuttals", frame(a)));
    a.update(Action::PreviousPane);
    a.update(Action::Search);
    if let Some(Effect::Search { generation, input }) = a.update(Action::Type('a')) {
        let r = debate_tui::app::search::Results::complete(
            a.index.as_deref().expect("indexed"),
            generation,
            &input,
        );
        a.update(Action::SearchResults(r));
    }
    out.push(("search popup", frame(a)));
    out
}

#[test]
fn a_frame_builds_as_much_at_20k_claims_as_at_2k() {
    let small = frame_work(&mut app(2_000));
    let large = frame_work(&mut app(20_000));
    for ((view, s), (_, l)) in small.iter().zip(&large) {
        eprintln!("{view}: {s} allocations at 2k claims, {l} at 20k");
        assert!(*s > 0 && *l > 0, "{view}: nothing counted");
        // Ten times the claims: work in proportion would be ten times the count.
        assert!(
            *l <= s + s / 4 + 16,
            "{view}: {l} allocations at 20k claims against {s} at 2k"
        );
    }
}
