//! Random sequences of actions at random terminal sizes, resizes among them, on debates
//! ordinary and extreme; a frame is drawn after every action. Nothing panics, every
//! selection stays within its list, and the path only ever holds nodes of the debate,
//! each related to the one before in a way that can be told.
//!
//! The shell's work is done here as the shell would: searches are answered (at once,
//! late, in two stages, or never), exports are written into a temporary folder or fail.
//! `q` may end the run's explorer only when no path would be lost: the run goes on
//! regardless, as if it had not.
//! The run is the same every time (a fixed seed); `PROPTEST_RNG_SEED` and
//! `PROPTEST_CASES` explore further.

#[path = "support/edge.rs"]
mod edge;

use std::sync::OnceLock;

use debate_tui::app::keymap::BINDINGS;
use debate_tui::app::search::{Results, Stage};
use debate_tui::app::{Action, App, Effect, Exported, LinkRow, Overlay};
use debate_tui::domain::graph::path::{Joint, joint};
use debate_tui::domain::text::is_unsafe;
use debate_tui::domain::{builtin, generate, load::EmbeddedFiles, load_bytes};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The debates the actions run on, each prepared once.
fn apps() -> &'static [App] {
    static APPS: OnceLock<Vec<App>> = OnceLock::new();
    APPS.get_or_init(|| {
        let generated = generate::yaml(300, 3, 7);
        let generated = load_bytes("gen.yaml", generated.as_bytes(), &EmbeddedFiles(&[]))
            .expect("a generated debate loads")
            .debate;
        [
            builtin::load().unwrap().debate,
            generated,
            edge::cycle(),
            edge::no_claims(),
            edge::many_rebuttals(10_000),
            edge::chain(300),
            // A megabyte: large, and cheap enough to search many times.
            edge::huge_quote(1024 * 1024),
        ]
        .into_iter()
        .map(|d| App::new(d, Rect::new(0, 0, 80, 24)))
        .collect()
    })
}

/// One step of a run: an action, or work the shell does for the app.
#[derive(Debug, Clone)]
enum Step {
    /// Actions applied one after the other.
    Do(Vec<Action>),
    /// Answer the oldest search still waiting, in one go or early results first.
    Answer { early: bool },
    /// Forget the searches waiting (a worker that fell behind drops them).
    Drop,
    /// Keep the place in the tree, as a jump list does.
    Remember,
    /// Go back to the place kept last.
    Return,
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        2 => (0u16..=4, 0u16..=4),
        1 => Just((3, 2)),
        1 => (38u16..=42, 10u16..=14),
        4 => (0u16..=250, 0u16..=80),
    ]
}

fn typed() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::char::range('a', 'z'),
        1 => Just(' '),
        1 => Just('y'),
        1 => Just('n'),
        1 => prop::sample::select(vec![':', '/', '.', '-', '"', 'è', '漢', '🙂', '\u{1b}', '\u{202e}', '\t']),
    ]
}

/// Every action a key gives, from the key table itself (so a new binding is covered
/// as soon as it exists), but quitting at once, which asks nothing and changes nothing.
fn keyed() -> Vec<Action> {
    let mut out: Vec<Action> = Vec::new();
    for b in BINDINGS {
        if b.action != Action::QuitNow && !out.contains(&b.action) {
            out.push(b.action.clone());
        }
    }
    out
}

fn action() -> impl Strategy<Value = Action> {
    use Action::*;
    prop_oneof![
        10 => prop::sample::select(keyed()),
        4 => prop::sample::select(vec![Follow, AddToPath, Down, NextPane]),
        3 => typed().prop_map(Type),
        1 => size().prop_map(|(w, h)| Resize(w, h)),
        1 => (0u16..260, 0u16..90).prop_map(|(x, y)| ClickAt(x, y)),
        // Clicks close in time and place, so that some are double clicks.
        1 => (0u16..260, 0u16..90, 0u64..2_000).prop_map(|(x, y, t)| ClickAtTime(x, y, t)),
        1 => (0u16..260, 0u16..90, any::<bool>()).prop_map(|(x, y, d)| ScrollAt(x, y, d)),
    ]
}

/// Runs of actions that reach deeper states than single ones drawn at random would.
fn errand() -> impl Strategy<Value = Vec<Action>> {
    use Action::*;
    prop_oneof![
        // Walk: start a path, follow a link, add a claim further down.
        Just(vec![Close, Follow, Follow, Follow]),
        (1usize..20).prop_map(|n| {
            let mut v = vec![Close, PreviousPane];
            v.extend(std::iter::repeat_n(Down, n));
            v.push(AddToPath);
            v
        }),
        // Export, maybe replacing, maybe under another name.
        Just(vec![Close, Export, Follow]),
        Just(vec![Close, Export, Follow, Confirm]),
        Just(vec![Close, Export, ClearInput, Type('a'), Follow]),
        // A quote in its source, and on to the next passage's claim.
        Just(vec![Close, NextPane, NextPane, Follow, NextPassage, Follow]),
        // A search and a result.
        (prop::collection::vec(typed(), 1..6)).prop_map(|t| {
            let mut v = vec![Close, Search];
            v.extend(t.into_iter().map(Type));
            v
        }),
        // The path: remove a step, go to another.
        Just(vec![Close, ShowPath, Down, RemoveStep, Follow]),
        // Undo and redo, in the panes and in the path's overlay.
        Just(vec![Close, Follow, Follow, Undo, Undo, Redo]),
        Just(vec![Close, ShowPath, RemoveStep, Undo, Redo, Undo]),
        // A new path, then the old one back.
        Just(vec![Close, Follow, Down, NewPath, Undo]),
        // Jumps, and back and forth.
        Just(vec![
            Close,
            NextPane,
            Follow,
            Follow,
            JumpBack,
            JumpBack,
            JumpForward
        ]),
        Just(vec![
            Close,
            Search,
            Type('a'),
            Follow,
            JumpBack,
            JumpForward
        ]),
        // The question before quitting: stay, or export first.
        Just(vec![Close, Follow, Quit, Close]),
        Just(vec![Close, Follow, Quit, Export, Follow]),
        // The tree, from whichever pane: unfold, enter, focus, page, step out.
        (0usize..3).prop_map(|n| {
            let mut v = vec![Close];
            v.extend(std::iter::repeat_n(NextPane, n));
            v.extend([Unfold, Unfold, Down, Focus, Unfold, HalfPageDown, Fold]);
            v.extend([Focus, UnfoldSubtree, Bottom, Toggle, StepOut, Back]);
            v
        }),
        Just(vec![Close, UnfoldAll, PageDown, Focus, FoldAll, StepOut]),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => action().prop_map(|a| Step::Do(vec![a])),
        4 => errand().prop_map(Step::Do),
        3 => any::<bool>().prop_map(|early| Step::Answer { early }),
        1 => Just(Step::Drop),
        1 => Just(Step::Remember),
        1 => Just(Step::Return),
    ]
}

impl Step {
    fn one(a: Action) -> Step {
        Step::Do(vec![a])
    }
}

/// How an export is carried out: written into the temporary folder, or failing as a
/// full disk would.
#[derive(Debug, Clone, Copy)]
enum Write {
    Really,
    DiskFull,
}

/// Invariants that hold after every action.
fn check(a: &App) -> Result<(), TestCaseError> {
    let d = &a.debate;
    prop_assert!(a.claims.selected < a.tree.len().max(1));
    prop_assert!(a.claims.offset <= a.claims.selected);
    prop_assert!(
        a.tree.is_consistent(),
        "the tree's rows are those its folds give"
    );
    if let Some(f) = a.tree.focus().last() {
        prop_assert_eq!(a.tree.rows().first().map(|r| r.node), Some(*f));
    }
    if a.links.is_empty() {
        prop_assert_eq!(a.links_pos.selected, 0);
    } else {
        prop_assert!(a.links_pos.selected < a.links.len());
        prop_assert!(matches!(a.links[a.links_pos.selected], LinkRow::Entry(..)));
    }
    let quotes = a.current().map_or(0, |n| d.quotes_of(n).len());
    prop_assert!(a.quote < quotes.max(1));
    for p in a.jumps.places() {
        prop_assert!(
            d.contains(p.node),
            "the jump list holds a node not in the debate"
        );
    }
    let (undo, redo) = a.history.depth();
    prop_assert!(undo <= debate_tui::app::path::UNDO_KEPT);
    prop_assert!(redo <= debate_tui::app::path::UNDO_KEPT);
    let (back, forward) = a.jumps.len();
    prop_assert!(back <= debate_tui::app::jumps::JUMPS_KEPT);
    prop_assert!(forward <= debate_tui::app::jumps::JUMPS_KEPT);
    if a.overlay == Overlay::Quit {
        prop_assert!(
            a.path_unexported(),
            "the question is asked only for a path at risk"
        );
    }
    for (i, &n) in a.path.iter().enumerate() {
        prop_assert!(d.contains(n), "step {} is not in the debate", i + 1);
        // How each step relates to the one before can be told in words.
        let j = joint(d, &a.path, i);
        prop_assert_eq!(j == Joint::Start, i == 0);
        prop_assert!(!j.words(i + 1).is_empty());
    }
    match &a.overlay {
        Overlay::Source(v) => {
            prop_assert!(v.scroll <= v.lines.len());
            prop_assert!(v.passage < d.passages(v.source).len());
        }
        Overlay::Search(v) => {
            prop_assert!(v.pos.selected < v.hits().len().max(1));
            prop_assert!(v.pos.offset <= v.pos.selected);
        }
        Overlay::Path(pos) => prop_assert!(pos.selected < a.path.len().max(1)),
        _ => {}
    }
    Ok(())
}

/// Draws a frame the size the app was told, and looks at every cell.
fn draw(terminal: &mut Terminal<TestBackend>, a: &App) -> Result<(), TestCaseError> {
    let (w, h) = (a.size.width, a.size.height);
    if terminal.backend().buffer().area != Rect::new(0, 0, w, h) {
        terminal.backend_mut().resize(w, h);
    }
    terminal
        .draw(|f| f.render_widget(a, f.area()))
        .expect("a test backend draws");
    for cell in terminal.backend().buffer().content() {
        prop_assert!(
            !cell.symbol().chars().any(is_unsafe),
            "{:?} drawn",
            cell.symbol()
        );
    }
    Ok(())
}

fn run(
    which: usize,
    start: (u16, u16),
    steps: Vec<Step>,
    write: Write,
) -> Result<(), TestCaseError> {
    let mut a = apps()[which % apps().len()].clone();
    let dir = tempfile::tempdir().unwrap();
    let mut terminal = Terminal::new(TestBackend::new(start.0, start.1)).unwrap();
    a.update(Action::Resize(start.0, start.1));
    draw(&mut terminal, &a)?;
    let mut waiting: Vec<(u64, String)> = Vec::new();
    let mut kept: Option<debate_tui::app::Place> = None;
    let actions = steps.into_iter().flat_map(|s| match s {
        Step::Do(v) => v.into_iter().map(Step::one).collect(),
        other => vec![other],
    });
    for step in actions {
        let effect = match step {
            Step::Do(mut one) => {
                let action = one.remove(0);
                let asked = a.overlay == Overlay::Quit;
                let at_risk = a.path_unexported();
                let effect = a.update(action.clone());
                if action == Action::Quit && effect == Some(Effect::Quit) {
                    prop_assert!(
                        asked || !at_risk,
                        "q quit without a question with a path never exported"
                    );
                }
                effect
            }
            Step::Drop => {
                waiting.clear();
                None
            }
            Step::Answer { early } if !waiting.is_empty() => {
                let (generation, input) = waiting.remove(0);
                let done =
                    Results::complete(a.index.as_deref().expect("indexed"), generation, &input);
                if early {
                    let first = Results {
                        hits: done.hits[..done.hits.len() / 2].to_vec(),
                        total: done.total / 2,
                        scattered: done.scattered,
                        stage: Stage::Early,
                        generation,
                    };
                    a.update(Action::SearchResults(first));
                    check(&a)?;
                    draw(&mut terminal, &a)?;
                }
                a.update(Action::SearchResults(done))
            }
            Step::Answer { .. } => None,
            Step::Remember => {
                kept = a.place();
                None
            }
            Step::Return => match kept.clone() {
                Some(place) => {
                    let effect = a.update(Action::GoTo(place.clone()));
                    // The place comes back, node and focus, as long as no overlay
                    // moved it since (a place is always still in the tree).
                    prop_assert_eq!(a.current(), Some(place.node));
                    prop_assert_eq!(a.tree.focus(), &place.focus[..]);
                    effect
                }
                None => None,
            },
        };
        match effect {
            Some(Effect::Search { generation, input }) => waiting.push((generation, input)),
            Some(Effect::Export {
                file,
                document,
                replace,
            }) => {
                prop_assert!(!a.path.is_empty(), "an empty path is not exported");
                let path_before = a.path.clone();
                // Whatever name was typed, the file goes into the temporary folder.
                let name: String = file
                    .to_string_lossy()
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .take(20)
                    .collect();
                let target = dir.path().join(format!("x{name}.md"));
                let outcome = match write {
                    Write::Really => debate_tui::tui::export::write(&target, &document, replace),
                    Write::DiskFull => Exported::Failed(String::from(
                        "cannot write x.md: writing: no space left (the disk is full)",
                    )),
                };
                let failed = matches!(outcome, Exported::Failed(_));
                a.update(Action::Exported(outcome));
                prop_assert_eq!(&a.path, &path_before, "exporting keeps the path");
                if failed {
                    prop_assert!(
                        matches!(&a.overlay, Overlay::Export(p) if p.error.is_some()),
                        "a failed write is told in the prompt, which stays open"
                    );
                }
            }
            Some(Effect::Copy { text }) => {
                prop_assert!(
                    !text
                        .chars()
                        .any(|c| c.is_control() && c != '\n' && c != '\t'),
                    "copied text holds a control character: {:?}",
                    text
                );
            }
            Some(Effect::Page { file }) => {
                prop_assert!(
                    a.last_export.as_ref() == Some(&file),
                    "o opens the last export"
                );
                a.update(Action::Paged(Ok(String::from("back from the pager"))));
            }
            Some(Effect::Edit(at)) => {
                // The editor is not run here: it is told it could not start.
                if let debate_tui::app::EditAt::Node(node, Some(q)) = at {
                    prop_assert!(q < a.debate.quotes_of(node).len(), "a quote of the node");
                }
                a.update(Action::Edited(Err(String::from("no editor here"))));
            }
            Some(Effect::Quit | Effect::Suspend) | None => {}
        }
        check(&a)?;
        draw(&mut terminal, &a)?;
    }
    Ok(())
}

fn config() -> Config {
    let mut c = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 64;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = RngSeed::Fixed(0x0de6_a7e5);
    }
    // The seed makes every failure reproducible; nothing is written into the sources.
    c.failure_persistence = None;
    c
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_actions_at_random_sizes_keep_the_app_whole(
        which in 0usize..7,
        start in size(),
        steps in prop::collection::vec(step(), 1..40),
        write in prop_oneof![Just(Write::Really), Just(Write::DiskFull)],
    ) {
        run(which, start, steps, write)?;
    }
}
