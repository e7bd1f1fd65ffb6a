//! A reload from any state: random keys on one debate, then a new version (another
//! debate, ordinary or extreme, one without claims among them) takes its place, or a
//! version with problems is reported; a frame is drawn after every step, and the keys
//! go on. Nothing panics, and every selection stays within its list. The run is the
//! same every time (a fixed seed).

#[path = "support/edge.rs"]
mod edge;

use std::sync::Arc;

use debate_tui::app::keymap::BINDINGS;
use debate_tui::app::{Action, App, LinkRow, Overlay};
use debate_tui::domain::graph::status::Status;
use debate_tui::domain::graph::tree::Tree;
use debate_tui::domain::search::Index;
use debate_tui::domain::{Debate, builtin, load::EmbeddedFiles, load_bytes};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A small, fixed pseudo-random sequence (xorshift).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn debates() -> Vec<Debate> {
    vec![
        builtin::load().unwrap().debate,
        edge::cycle(),
        edge::no_claims(),
        edge::chain(40),
        edge::many_rebuttals(300),
    ]
}

/// Every action a key gives, but quitting at once, and some of the shell's.
fn actions() -> Vec<Action> {
    let mut out: Vec<Action> = Vec::new();
    for b in BINDINGS {
        if b.action != Action::QuitNow && !out.contains(&b.action) {
            out.push(b.action.clone());
        }
    }
    out.extend([
        Action::Type('a'),
        Action::Type('é'),
        Action::Resize(30, 8),
        Action::Resize(100, 30),
        Action::Resize(60, 20),
        Action::ClickAt(5, 5),
    ]);
    out
}

fn check(a: &App, when: &str) {
    assert!(a.claims.selected < a.tree.len().max(1));
    assert!(a.claims.offset <= a.claims.selected);
    assert!(a.tree.is_consistent());
    if !a.links.is_empty() {
        assert!(a.links_pos.selected < a.links.len());
        assert!(
            matches!(a.links[a.links_pos.selected], LinkRow::Entry(..)),
            "{when}: row {} of the links is {:?}",
            a.links_pos.selected,
            a.links[a.links_pos.selected]
        );
    }
    let quotes = a.current().map_or(0, |n| a.debate.quotes_of(n).len());
    assert!(a.quote < quotes.max(1));
    for &n in &a.path {
        assert!(a.debate.contains(n), "a path step not in the new version");
    }
    for p in a.jumps.places() {
        assert!(a.debate.contains(p.node), "a jump not in the new version");
    }
}

fn draw(terminal: &mut Terminal<TestBackend>, a: &App) {
    let (w, h) = (a.size.width, a.size.height);
    terminal.backend_mut().resize(w, h);
    terminal.draw(|f| f.render_widget(a, f.area())).unwrap();
}

fn reloaded(a: &mut App, d: &Debate) {
    let d = Arc::new(d.clone());
    let index = Arc::new(Index::new(&d));
    let tree = Tree::new(&d);
    let status = Status::of(&d);
    a.reload(d, index, tree, status, "d\u{1b}[2Jebate.yaml");
}

#[test]
fn a_reload_from_any_state_to_any_version_keeps_the_app_whole() {
    let debates = debates();
    let actions = actions();
    let broken = load_bytes("d.yaml", b"claims: [", &EmbeddedFiles(&[])).unwrap_err();
    let mut dice = Dice(0x5eed_1234_abcd_0001);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for from in &debates {
        for to in &debates {
            for _ in 0..6 {
                let mut a = App::new(from.clone(), ratatui::layout::Rect::new(0, 0, 80, 24));
                a.update(Action::Resize(80, 24));
                for _ in 0..40 {
                    let action = actions[dice.below(actions.len())].clone();
                    let when = format!("{action:?} on {:?}", a.overlay);
                    a.update(action);
                    draw(&mut terminal, &a);
                    check(&a, &when);
                }
                if dice.below(3) == 0 {
                    a.reload_failed(&broken, "d.yaml");
                    draw(&mut terminal, &a);
                }
                // The shell hands a new version over only when the app can take it.
                a.update(Action::Resize(80, 24));
                for _ in 0..5 {
                    if a.takes_reload() {
                        break;
                    }
                    a.update(Action::Close);
                    a.update(Action::Decline);
                }
                assert!(a.takes_reload(), "{:?} does not close", a.overlay);
                reloaded(&mut a, to);
                draw(&mut terminal, &a);
                check(&a, "after the reload");
                let screen: String = terminal
                    .backend()
                    .buffer()
                    .content()
                    .iter()
                    .map(|c| c.symbol())
                    .collect();
                assert!(!screen.contains('\u{1b}'), "the file's name acted");
                for _ in 0..40 {
                    let action = actions[dice.below(actions.len())].clone();
                    let when = format!("{action:?} on {:?}", a.overlay);
                    a.update(action);
                    draw(&mut terminal, &a);
                    check(&a, &when);
                }
                if matches!(a.overlay, Overlay::Quit) {
                    a.update(Action::Close);
                }
            }
        }
    }
}
