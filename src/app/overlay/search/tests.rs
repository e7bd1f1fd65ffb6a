//! The search keys around the popup: `n` and `N` in the panes, `/` bringing the last
//! query back, and ↑ walking through earlier ones.

use ratatui::layout::Rect;

use crate::app::keymap::{Key, Scope, action_for};
use crate::app::search::{HISTORY, Results};
use crate::app::{Action, App, Effect, Overlay, SearchView};
use crate::domain::builtin;
use crate::domain::search::Target;
use crossterm::event::KeyCode;

fn app() -> App {
    App::new(builtin::load().unwrap().debate, Rect::new(0, 0, 120, 40))
}

/// Applies an action as the shell would, searching here and now when asked to.
fn run(a: &mut App, action: Action) -> Option<Effect> {
    match a.update(action) {
        Some(Effect::Search { generation, input }) => {
            let r = Results::complete(a.index.as_deref().unwrap(), generation, &input);
            a.update(Action::SearchResults(r))
        }
        other => other,
    }
}

fn search_for(a: &mut App, text: &str) {
    run(a, Action::Search);
    run(a, Action::ClearInput);
    for c in text.chars() {
        run(a, Action::Type(c));
    }
}

fn view(a: &App) -> &SearchView {
    match &a.overlay {
        Overlay::Search(v) => v,
        other => panic!("the search popup is not open: {other:?}"),
    }
}

/// The node a result lands on, by id.
fn lands(a: &App, t: Target) -> &str {
    a.debate.id_of(t.node().expect("a node"))
}

fn here(a: &App) -> &str {
    a.debate.id_of(a.current().expect("a selection"))
}

#[test]
fn n_and_shift_n_go_through_the_results_without_the_popup() {
    let mut a = app();
    run(&mut a, Action::NextResult);
    assert!(
        a.status.as_deref().unwrap_or("").contains("No search"),
        "{:?}",
        a.status
    );
    search_for(&mut a, "kill switch");
    let hits = view(&a).hits().to_vec();
    assert!(hits.len() >= 4, "{hits:?}");
    assert!(hits.iter().all(|h| h.target.node().is_some()));
    run(&mut a, Action::Follow);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(here(&a), lands(&a, hits[0].target));
    // Each `n` goes to the next result, as Enter on it would, the popup closed.
    for (i, hit) in hits.iter().enumerate().skip(1) {
        run(&mut a, Action::NextResult);
        assert_eq!(a.overlay, Overlay::None);
        assert_eq!(here(&a), lands(&a, hit.target), "result {i}");
        let said = a.status.clone().unwrap_or_default();
        assert!(
            said.starts_with(&format!("Result {} of {}", i + 1, hits.len())),
            "{said}"
        );
    }
    // Past the last, the first again; `N` goes back, past the first to the last.
    run(&mut a, Action::NextResult);
    assert_eq!(here(&a), lands(&a, hits[0].target));
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("from the top again")
    );
    run(&mut a, Action::PreviousResult);
    assert_eq!(here(&a), lands(&a, hits[hits.len() - 1].target));
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("from the bottom again")
    );
    run(&mut a, Action::PreviousResult);
    assert_eq!(here(&a), lands(&a, hits[hits.len() - 2].target));
    // Each is a jump: Ctrl-O comes back along them.
    run(&mut a, Action::JumpBack);
    assert_eq!(here(&a), lands(&a, hits[hits.len() - 1].target));
}

#[test]
fn n_after_esc_starts_at_the_first_result_and_a_search_with_none_says_so() {
    let mut a = app();
    search_for(&mut a, "LeCun");
    let first = view(&a).hits()[0];
    run(&mut a, Action::Close);
    run(&mut a, Action::NextResult);
    assert_eq!(here(&a), lands(&a, first.target));
    search_for(&mut a, "zzzqqq");
    run(&mut a, Action::Close);
    let before = a.current();
    run(&mut a, Action::NextResult);
    assert_eq!(a.current(), before);
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("No results for “zzzqqq”"),
        "{:?}",
        a.status
    );
}

#[test]
fn results_that_come_after_the_popup_closed_are_the_ones_n_follows() {
    let mut a = app();
    run(&mut a, Action::Search);
    let Some(Effect::Search { generation, input }) = a.update(Action::Type('k')) else {
        panic!("typing searches")
    };
    // Closed before any result came: `n` says the search is still on its way.
    run(&mut a, Action::Close);
    run(&mut a, Action::NextResult);
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("Still searching")
    );
    let late = Results::complete(a.index.as_deref().unwrap(), generation, &input);
    let first = late.hits[0];
    a.update(Action::SearchResults(late));
    run(&mut a, Action::NextResult);
    assert_eq!(here(&a), lands(&a, first.target));
    // Results for another input are not taken.
    let other = Results::complete(a.index.as_deref().unwrap(), generation + 7, "lecun");
    a.update(Action::SearchResults(other));
    assert_eq!(a.recall.trail.as_ref().unwrap().query, "k");
}

#[test]
fn slash_brings_the_last_query_back_selected() {
    let mut a = app();
    search_for(&mut a, "kill switch");
    run(&mut a, Action::Follow);
    // `/` again: the query, selected, searched again.
    let effect = a.update(Action::Search);
    let v = view(&a);
    assert_eq!(v.input, "kill switch");
    assert!(v.replace);
    let Some(Effect::Search { generation, input }) = effect else {
        panic!("the query is searched again: {effect:?}")
    };
    assert_eq!(input, "kill switch");
    assert_eq!(generation, v.generation);
    // Its results leave it selected; typing replaces it.
    let r = Results::complete(a.index.as_deref().unwrap(), generation, &input);
    a.update(Action::SearchResults(r));
    assert!(view(&a).replace);
    assert!(!view(&a).hits().is_empty());
    run(&mut a, Action::Type('l'));
    assert_eq!(view(&a).input, "l");
    assert!(!view(&a).replace);
    run(&mut a, Action::Type('e'));
    assert_eq!(view(&a).input, "le");
    // Backspace on a selected query clears it.
    run(&mut a, Action::Close);
    run(&mut a, Action::Search);
    assert_eq!(view(&a).input, "le");
    run(&mut a, Action::Erase);
    assert_eq!(view(&a).input, "");
    // Moving in the results first keeps the query and types after it.
    run(&mut a, Action::Close);
    run(&mut a, Action::Search);
    run(&mut a, Action::Down);
    run(&mut a, Action::Type('x'));
    assert_eq!(view(&a).input, "lex");
}

#[test]
fn up_walks_back_through_earlier_queries() {
    let mut a = app();
    run(&mut a, Action::Search);
    run(&mut a, Action::Up);
    assert_eq!(view(&a).input, "");
    assert_eq!(a.status.as_deref(), Some("No search yet"));
    for q in ["lecun", "kill switch", "lecun", "meta"] {
        search_for(&mut a, q);
        run(&mut a, Action::Close);
    }
    // Each query once, the newest last.
    assert_eq!(a.recall.queries, ["kill switch", "lecun", "meta"]);
    run(&mut a, Action::Search);
    run(&mut a, Action::ClearInput);
    // ↑ in an empty input: the newest; ↑ again (on the first result): the one before.
    run(&mut a, Action::Up);
    assert_eq!(view(&a).input, "meta");
    assert!(view(&a).replace);
    run(&mut a, Action::Up);
    assert_eq!(view(&a).input, "lecun");
    // Down the results, ↑ moves the selection back up before walking on.
    run(&mut a, Action::Down);
    assert_eq!(view(&a).pos.selected, 1);
    run(&mut a, Action::Up);
    assert_eq!(
        (view(&a).input.as_str(), view(&a).pos.selected),
        ("lecun", 0)
    );
    run(&mut a, Action::Up);
    assert_eq!(view(&a).input, "kill switch");
    run(&mut a, Action::Up);
    assert_eq!(view(&a).input, "kill switch");
    assert_eq!(a.status.as_deref(), Some("No earlier search"));
    // A query typed is not walked: ↑ moves in its results.
    run(&mut a, Action::Type('k'));
    assert_eq!(view(&a).input, "k");
    run(&mut a, Action::Up);
    assert_eq!(view(&a).input, "k");
    // The history keeps the newest few.
    for i in 0..HISTORY + 5 {
        a.recall.remember(&format!("q{i}"));
    }
    assert_eq!(a.recall.queries.len(), HISTORY);
    assert_eq!(a.recall.last(), Some(format!("q{}", HISTORY + 4).as_str()));
}

#[test]
fn a_query_has_a_length_limit_and_results_of_an_earlier_popup_are_not_taken() {
    let mut a = app();
    run(&mut a, Action::Search);
    let Some(Effect::Search { generation, .. }) = a.update(Action::Type('m')) else {
        panic!("typing searches")
    };
    run(&mut a, Action::Close);
    run(&mut a, Action::Search);
    run(&mut a, Action::ClearInput);
    // The first popup's results, arriving late, are not this one's.
    let old = Results::complete(a.index.as_deref().unwrap(), generation, "m");
    a.update(Action::SearchResults(old));
    assert!(view(&a).results.is_none());
    for _ in 0..super::MAX_INPUT {
        a.update(Action::Type('x'));
    }
    assert_eq!(view(&a).input.chars().count(), super::MAX_INPUT);
    a.update(Action::Type('y'));
    assert_eq!(view(&a).input.chars().count(), super::MAX_INPUT);
    assert!(a.status.as_deref().unwrap_or("").contains("at most"));
}

#[test]
fn the_keys_are_in_the_table() {
    let c = |ch| Key {
        code: KeyCode::Char(ch),
        ctrl: false,
    };
    assert_eq!(action_for(c('n'), Scope::Panes), Some(Action::NextResult));
    assert_eq!(
        action_for(c('N'), Scope::Claims),
        Some(Action::PreviousResult)
    );
    assert_eq!(action_for(c('P'), Scope::Panes), Some(Action::NewPath));
    assert_eq!(action_for(c('/'), Scope::Claims), Some(Action::Search));
    // In the source view, n and N still go through the quoted passages.
    assert_eq!(
        action_for(c('n'), Scope::SourceView),
        Some(Action::NextPassage)
    );
    // In the popup they are text.
    assert_eq!(action_for(c('n'), Scope::Search), Some(Action::Type('n')));
}
