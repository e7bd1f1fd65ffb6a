//! `update` without a terminal: every action of the key table, the path, the source view.

use super::keymap::{BINDINGS, Scope};
use super::*;
use crate::domain::graph::path::{Joint, joint};
use crate::domain::graph::tree::Answer;
use crate::domain::search::{Field, Target};
use crate::domain::{Relation, builtin, export};

fn app() -> App {
    App::new(builtin::load().unwrap().debate, Rect::new(0, 0, 140, 40))
}

/// Moves the Claims selection to the claim with this id, unfolding what hides it.
fn go(app: &mut App, target: &str) {
    let node = app.debate.lookup(target).unwrap();
    app.update(Action::GoTo(Place::at(node)));
    assert_eq!(app.current(), Some(node), "{target} not reachable");
}

fn entries(app: &App, group: Group) -> Vec<String> {
    app.links
        .iter()
        .filter_map(|r| match r {
            LinkRow::Entry(g, n) if *g == group => Some(app.debate.id_of(*n).to_string()),
            _ => None,
        })
        .collect()
}

/// Applies an action as the shell would, searching here and now when asked to.
fn run(app: &mut App, action: Action) -> Option<Effect> {
    match app.update(action) {
        Some(Effect::Search { generation, input }) => {
            let r = search::Results::complete(
                app.index.as_deref().expect("indexed"),
                generation,
                &input,
            );
            app.update(Action::SearchResults(r))
        }
        other => other,
    }
}

/// A path of three steps: a claim, the first claim rebutting it, and a jump.
fn three_step_path(a: &mut App) {
    go(a, "no-kill-switch");
    run(a, Action::Follow);
    run(a, Action::NextPane);
    run(a, Action::Follow);
    run(a, Action::PreviousPane);
    go(a, "humans-stay-dominant");
    run(a, Action::AddToPath);
    assert_eq!(a.path.len(), 3, "{:?}", a.status);
    a.focus = Pane::Claims;
}

/// Opens the search popup and types `text`.
fn search_for(app: &mut App, text: &str) {
    run(app, Action::Search);
    for c in text.chars() {
        run(app, Action::Type(c));
    }
}

fn search_view(app: &App) -> &SearchView {
    match &app.overlay {
        Overlay::Search(v) => v,
        other => panic!("the search popup is not open: {other:?}"),
    }
}

/// Invariants that hold after any action.
fn check(app: &App) {
    assert!(app.claims.selected < app.tree.len().max(1));
    assert!(app.claims.offset <= app.claims.selected);
    if !app.links.is_empty() {
        assert!(matches!(
            app.links[app.links_pos.selected],
            LinkRow::Entry(..)
        ));
    }
    let entries = app.sources_len(app.current().unwrap());
    assert!(app.quote < entries.max(1));
    for &n in &app.path {
        assert!(app.debate.contains(n));
    }
    for p in app.jumps.places() {
        assert!(app.debate.contains(p.node));
    }
    let (undo, redo) = app.history.depth();
    assert!(undo <= super::path::UNDO_KEPT && redo <= super::path::UNDO_KEPT);
    if let Overlay::Source(v) = &app.overlay {
        assert!(v.scroll <= v.lines.len());
        // A cited source that nothing quotes opens with no passage.
        assert!(v.passage < app.debate.passages(v.source).len().max(1));
    }
    if let Overlay::Search(v) = &app.overlay {
        assert!(v.pos.selected < v.hits().len().max(1));
        assert!(v.pos.offset <= v.pos.selected);
        assert!(v.rows.len() <= app.areas().search_rows());
        for (row, hit) in v.rows.iter().zip(&v.hits()[v.pos.offset..]) {
            assert_eq!(row.hit, *hit);
        }
    }
}

#[test]
fn starts_on_the_first_claim_with_its_links() {
    let a = app();
    assert!(matches!(a.current(), Some(NodeId::Claim(0))));
    assert_eq!(a.focus, Pane::Claims);
    assert!(a.path.is_empty());
    check(&a);
}

#[test]
fn up_down_top_bottom_move_the_claims_selection() {
    let mut a = app();
    let start = a.claims.selected;
    a.update(Action::Down);
    assert_eq!(a.claims.selected, start + 1);
    a.update(Action::Up);
    a.update(Action::Up);
    a.update(Action::Up);
    assert_eq!(a.claims.selected, 0, "stops at the top");
    a.update(Action::Bottom);
    assert_eq!(a.claims.selected, a.tree.len() - 1);
    a.update(Action::Down);
    assert_eq!(a.claims.selected, a.tree.len() - 1, "stops at the bottom");
    a.update(Action::Top);
    assert_eq!(a.claims.selected, 0);
    check(&a);
}

#[test]
fn pages_move_by_the_visible_rows_and_keep_the_selection_visible() {
    let mut a = app();
    a.update(Action::UnfoldAll);
    a.update(Action::Top);
    let rows = a.areas().rows(Pane::Claims);
    a.update(Action::HalfPageDown);
    assert_eq!(a.claims.selected, rows / 2);
    a.update(Action::HalfPageUp);
    assert_eq!(a.claims.selected, 0);
    a.update(Action::PageDown);
    assert_eq!(a.claims.selected, rows - 1);
    a.update(Action::PageDown);
    assert!(a.claims.selected >= a.claims.offset);
    assert!(a.claims.selected < a.claims.offset + rows);
    a.update(Action::PageUp);
    a.update(Action::PageUp);
    assert_eq!(a.claims.selected, 0);
    assert_eq!(a.claims.offset, 0);
}

#[test]
fn tab_cycles_the_panes_both_ways() {
    let mut a = app();
    a.update(Action::NextPane);
    assert_eq!(a.focus, Pane::Rebuttals);
    a.update(Action::NextPane);
    assert_eq!(a.focus, Pane::Sources);
    a.update(Action::NextPane);
    assert_eq!(a.focus, Pane::Claims);
    a.update(Action::PreviousPane);
    assert_eq!(a.focus, Pane::Sources);
}

#[test]
fn the_rebuttals_pane_groups_links_both_ways() {
    let mut a = app();
    go(&mut a, "will-release-openly");
    let rebutted_by = entries(&a, Group::RebuttedBy);
    assert!(!rebutted_by.is_empty());
    let node = a.current().unwrap();
    for r in &rebutted_by {
        let from = a.debate.lookup(r).unwrap();
        assert!(
            a.debate
                .outgoing(from)
                .any(|l| l.to == node && l.relation == Relation::Rebuts)
        );
    }
    // Headings are never selected.
    a.update(Action::NextPane);
    for _ in 0..a.links.len() + 2 {
        check(&a);
        a.update(Action::Down);
    }
}

#[test]
fn enter_walks_a_path_and_backspace_steps_back() {
    let mut a = app();
    go(&mut a, "will-release-openly");
    a.update(Action::Follow);
    assert_eq!(a.focus, Pane::Claims, "the focus moves only when asked to");
    assert_eq!(a.path.len(), 1);
    a.update(Action::NextPane);
    assert_eq!(a.focus, Pane::Rebuttals);
    let first = a.current().unwrap();
    let LinkRow::Entry(_, target) = a.links[a.links_pos.selected] else {
        panic!("an entry is selected")
    };
    a.update(Action::Follow);
    assert_eq!(a.path, vec![first, target]);
    assert_eq!(a.current(), Some(target));
    assert_eq!(a.focus, Pane::Rebuttals, "ready to follow the next link");
    check(&a);
    a.update(Action::Back);
    assert_eq!(a.path, vec![first]);
    assert_eq!(a.current(), Some(first));
    a.update(Action::Back);
    assert_eq!(a.status.as_deref(), Some("At the start of the path"));
}

#[test]
fn following_a_link_from_elsewhere_goes_on_from_there_and_keeps_the_path() {
    let mut a = app();
    go(&mut a, "will-release-openly");
    a.update(Action::Follow);
    a.update(Action::NextPane);
    a.update(Action::Follow);
    let walked = a.path.clone();
    assert_eq!(walked.len(), 2);
    a.update(Action::PreviousPane);
    go(&mut a, "no-kill-switch");
    let from = a.current().unwrap();
    a.update(Action::NextPane);
    a.update(Action::Follow);
    let to = a.current().unwrap();
    // The claim followed from joins the path (a jump), then the claim reached.
    assert_eq!(a.path, [walked[0], walked[1], from, to]);
    assert_eq!(
        joint(&a.debate, &a.path, 2),
        Joint::Jump,
        "a step not linked to the one before is a jump"
    );
    assert!(matches!(joint(&a.debate, &a.path, 3), Joint::Linked(_)));
}

#[test]
fn enter_on_a_quote_opens_its_source_at_the_passage() {
    let mut a = app();
    go(&mut a, "no-kill-switch");
    let node = a.current().unwrap();
    a.focus = Pane::Sources;
    a.update(Action::Follow);
    let Overlay::Source(v) = &a.overlay else {
        panic!("the source view is open")
    };
    let p = &a.debate.passages(v.source)[v.passage];
    assert_eq!((p.node, p.quote), (node, 0));
    let line = line_at(&v.lines, p.range.start);
    let rows = a.areas().overlay_rows();
    assert!(
        line >= v.scroll && line < v.scroll + rows,
        "the passage is in view"
    );
    assert_eq!(a.scope(), Scope::SourceView);
    check(&a);
}

#[test]
fn the_source_view_walks_passages_and_goes_to_their_claims() {
    let mut a = app();
    go(&mut a, "no-kill-switch");
    a.focus = Pane::Sources;
    a.update(Action::Follow);
    let first = match &a.overlay {
        Overlay::Source(v) => v.passage,
        _ => unreachable!(),
    };
    a.update(Action::NextPassage);
    let Overlay::Source(v) = &a.overlay else {
        unreachable!()
    };
    assert_eq!(v.passage, first + 1);
    let target = a.debate.passages(v.source)[v.passage].node;
    a.update(Action::PreviousPassage);
    a.update(Action::NextPassage);
    for action in [
        Action::Down,
        Action::PageDown,
        Action::Bottom,
        Action::Up,
        Action::PageUp,
        Action::Top,
    ] {
        a.update(action);
        check(&a);
    }
    a.update(Action::Follow);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.current(), Some(target));
    assert!(a.path.is_empty(), "going somewhere starts no path");
}

#[test]
fn esc_returns_from_the_source_view_to_where_you_were() {
    let mut a = app();
    go(&mut a, "no-kill-switch");
    a.focus = Pane::Sources;
    let before = (a.claims, a.focus, a.quote);
    a.update(Action::Follow);
    a.update(Action::NextPassage);
    a.update(Action::Close);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!((a.claims, a.focus, a.quote), before);
}

#[test]
fn help_toggles_scrolls_and_closes() {
    let mut a = app();
    a.update(Action::Resize(60, 20));
    a.update(Action::Help);
    assert!(matches!(a.overlay, Overlay::Help { scroll: 0 }));
    a.update(Action::Down);
    assert!(matches!(a.overlay, Overlay::Help { scroll: 1 }));
    a.update(Action::Up);
    a.update(Action::Up);
    assert!(matches!(a.overlay, Overlay::Help { scroll: 0 }));
    let sel = a.claims.selected;
    a.update(Action::Down);
    a.update(Action::Help);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.claims.selected, sel, "keys in help do not move the panes");
    a.update(Action::Help);
    a.update(Action::Close);
    assert_eq!(a.overlay, Overlay::None);
}

#[test]
fn quit_asks_the_shell_to_quit() {
    let mut a = app();
    assert_eq!(a.update(Action::Quit), Some(Effect::Quit));
    a.update(Action::Help);
    assert_eq!(a.update(Action::Quit), Some(Effect::Quit));
}

#[test]
fn resizing_keeps_the_selection_at_every_size() {
    let mut a = app();
    go(&mut a, "no-kill-switch");
    let node = a.current();
    for (w, h) in [
        (0, 0),
        (1, 1),
        (30, 8),
        (60, 20),
        (100, 30),
        (200, 60),
        (140, 40),
    ] {
        a.update(Action::Resize(w, h));
        assert_eq!(a.current(), node);
        check(&a);
    }
}

#[test]
fn a_click_focuses_a_pane_and_selects_a_row() {
    let mut a = app();
    let claims = a.areas().pane(Pane::Claims).unwrap();
    a.update(Action::ClickAt(claims.x + 3, claims.y + 1));
    assert_eq!(a.claims.selected, 0);
    assert_eq!(a.focus, Pane::Claims);
    let src = a.areas().pane(Pane::Sources).unwrap();
    a.update(Action::ClickAt(src.x + 3, src.y + 2));
    assert_eq!(a.focus, Pane::Sources);
    a.update(Action::ScrollAt(claims.x + 3, claims.y + 3, true));
    assert_eq!(a.focus, Pane::Claims);
    assert_eq!(a.claims.selected, 3);
    a.update(Action::ScrollAt(claims.x + 3, claims.y + 3, false));
    assert_eq!(a.claims.selected, 0);
}

#[test]
fn a_click_on_a_border_only_focuses_the_pane() {
    let mut a = app();
    a.focus = Pane::Sources;
    let before = a.claims;
    let claims = a.areas().pane(Pane::Claims).unwrap();
    a.update(Action::ClickAt(claims.x + 5, claims.bottom() - 1));
    a.update(Action::ClickAt(claims.x + 5, claims.y));
    assert_eq!(a.focus, Pane::Claims);
    assert_eq!(a.claims, before);
}

#[test]
fn the_narrow_tab_line_switches_panes() {
    let mut a = app();
    a.update(Action::Resize(60, 20));
    let tabs = a.areas().tabs.unwrap();
    // " Claims │ Rebuttals │ Sources": Rebuttals starts after " Claims " and "│".
    a.update(Action::ClickAt(tabs.x + 11, tabs.y));
    assert_eq!(a.focus, Pane::Rebuttals);
}

/// Every binding of the key table, applied in its scope from a fresh state, keeps
/// the invariants and does what its scope promises.
#[test]
fn every_binding_in_the_key_table_is_handled() {
    for b in BINDINGS {
        let mut a = app();
        // Small enough that help scrolls.
        a.update(Action::Resize(60, 20));
        go(&mut a, "no-kill-switch");
        match b.scope {
            Scope::SourceView => {
                a.focus = Pane::Sources;
                a.update(Action::Follow);
                assert_eq!(a.scope(), Scope::SourceView);
            }
            Scope::Help => {
                // Scrolled a little, so that up has somewhere to go.
                a.update(Action::Help);
                a.update(Action::Down);
            }
            Scope::Global if b.action == Action::Close => {
                a.update(Action::Help);
            }
            Scope::Search => {
                // Many results, the second one selected: every key has room to act.
                search_for(&mut a, "a");
                run(&mut a, Action::Down);
                assert_eq!(a.scope(), Scope::Search);
            }
            Scope::Path => {
                // Three steps, the middle one selected.
                three_step_path(&mut a);
                run(&mut a, Action::ShowPath);
                run(&mut a, Action::Down);
                assert_eq!(a.scope(), Scope::Path);
            }
            Scope::Prompt => {
                three_step_path(&mut a);
                run(&mut a, Action::Export);
                // The cursor inside the name, so that it can move either way.
                run(&mut a, Action::CursorLeft);
                assert_eq!(a.scope(), Scope::Prompt);
            }
            Scope::Confirm => {
                three_step_path(&mut a);
                run(&mut a, Action::Export);
                run(&mut a, Action::Exported(Exported::Exists));
                assert_eq!(a.scope(), Scope::Confirm);
            }
            Scope::Quit => {
                three_step_path(&mut a);
                run(&mut a, Action::Quit);
                assert_eq!(a.scope(), Scope::Quit);
            }
            // Everything unfolded, so that folding has something to fold.
            Scope::Claims if b.action == Action::FoldAll => {
                a.update(Action::UnfoldAll);
            }
            Scope::SourceSearch | Scope::SourceMatches => {
                a.focus = Pane::Sources;
                a.update(Action::Follow);
                a.update(Action::Search);
                a.update(Action::Type('e'));
                if b.scope == Scope::SourceMatches {
                    a.update(Action::Follow);
                }
                assert_eq!(a.scope(), b.scope);
            }
            Scope::Claims | Scope::Panes | Scope::Global => {}
        }
        let state = |a: &App| {
            format!(
                "{:?}",
                (
                    &a.overlay,
                    a.claims,
                    a.focus,
                    &a.path,
                    a.quote,
                    a.tree.visible(),
                    a.tree.focus()
                )
            )
        };
        let before = state(&a);
        let effect = run(&mut a, b.action.clone());
        check(&a);
        let after = state(&a);
        let changed = before != after || effect.is_some() || a.status.is_some();
        assert!(changed, "{:?} in {:?} did nothing", b.action, b.scope);
    }
}

#[test]
fn search_finds_a_claim_and_enter_goes_to_it() {
    let mut a = app();
    search_for(&mut a, "kill switch");
    let v = search_view(&a);
    assert!(!v.searching());
    let first = v.hits()[0];
    assert_eq!(v.rows[0].hit, first);
    // The row's text shows the matched characters.
    let row = &v.rows[0];
    let text = a.result_text(&row.hit);
    let marked: String = row
        .marks
        .iter()
        .map(|&i| text.chars().nth(i).unwrap())
        .collect();
    assert_eq!(marked.to_lowercase(), "kill switch");
    let Target::Claim(c) = first.target else {
        panic!("a claim first: {first:?}")
    };
    run(&mut a, Action::Follow);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.current(), Some(NodeId::Claim(c)));
    assert_eq!(a.focus, Pane::Claims);
    // Choosing from search starts no path; the status says how to start one.
    assert!(a.path.is_empty());
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .contains("a starts a path here")
    );
    check(&a);
}

#[test]
fn a_quote_result_selects_its_claim_and_the_quote() {
    let mut a = app();
    search_for(&mut a, "is:quote LeCun");
    let v = search_view(&a);
    let hit = v.hits()[0];
    let Target::Quote(node, k) = hit.target else {
        panic!("{hit:?}")
    };
    run(&mut a, Action::Follow);
    assert_eq!(a.current(), Some(node));
    assert_eq!(a.quote, k as usize);
    assert_eq!(a.focus, Pane::Sources);
    check(&a);
}

#[test]
fn typing_erasing_and_clearing_search_again() {
    let mut a = app();
    run(&mut a, Action::Search);
    // Keys bound elsewhere are text here.
    assert_eq!(
        a.update(Action::Type('q')),
        Some(Effect::Search {
            generation: 1,
            input: "q".into()
        })
    );
    let Some(Effect::Search { generation, .. }) = a.update(Action::Type('x')) else {
        panic!("typing searches")
    };
    assert_eq!(generation, 2);
    // Results for an older input are not shown.
    let stale = search::Results::complete(a.index.as_deref().expect("indexed"), 1, "q");
    a.update(Action::SearchResults(stale));
    assert!(search_view(&a).results.is_none());
    assert!(search_view(&a).searching());
    // Erasing searches again; clearing empties the results without a search.
    assert!(matches!(
        a.update(Action::Erase),
        Some(Effect::Search { generation: 3, .. })
    ));
    assert_eq!(a.update(Action::ClearInput), None);
    let v = search_view(&a);
    assert!(v.input.is_empty() && v.results.is_none() && !v.searching());
    // Esc closes.
    a.update(Action::Close);
    assert_eq!(a.overlay, Overlay::None);
}

#[test]
fn no_results_is_said_and_enter_does_nothing_harmful() {
    let mut a = app();
    search_for(&mut a, "zzqqxxjj");
    let v = search_view(&a);
    assert_eq!(v.results.as_ref().map(|r| r.total), Some(0));
    let before = a.current();
    run(&mut a, Action::Follow);
    assert!(a.status.is_some());
    assert_eq!(a.current(), before);
    check(&a);
}

#[test]
fn paging_through_results_keeps_the_selection_visible() {
    let mut a = app();
    a.update(Action::Resize(60, 16));
    search_for(&mut a, "e");
    let total = search_view(&a).hits().len();
    assert!(total > 20, "{total}");
    for _ in 0..total {
        run(&mut a, Action::PageDown);
        check(&a);
    }
    assert_eq!(search_view(&a).pos.selected, total - 1);
    run(&mut a, Action::PageUp);
    check(&a);
    assert!(search_view(&a).pos.selected < total - 1);
}

#[test]
fn a_adds_a_step_linked_or_as_a_jump_and_the_path_overlay_removes_one() {
    let mut a = app();
    go(&mut a, "no-kill-switch");
    run(&mut a, Action::AddToPath);
    assert_eq!(a.status.as_deref(), Some("Started a path here"));
    // A claim that rebuts it: a linked step.
    let start = a.current().unwrap();
    let rebutter = a.debate.incoming(start).next().unwrap().from;
    a.select(rebutter);
    run(&mut a, Action::AddToPath);
    let said = a.status.clone().unwrap();
    assert!(
        said.starts_with("Added step 2: ") && said.ends_with("step 1 · u undoes"),
        "{said}"
    );
    assert!(!said.contains("jump"), "{said}");
    run(&mut a, Action::AddToPath);
    assert_eq!(a.path.len(), 2, "the last step is not added twice");
    // A claim linked to neither: a jump.
    let unlinked = (0..a.debate.claims.len() as u32)
        .map(NodeId::Claim)
        .find(|&n| a.debate.relation_between(rebutter, n).is_none() && n != rebutter)
        .unwrap();
    a.select(unlinked);
    run(&mut a, Action::AddToPath);
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .contains("an unlinked jump from step 2")
    );
    assert_eq!(a.path, vec![start, rebutter, unlinked]);

    // The overlay removes the middle step; the path stays valid.
    run(&mut a, Action::ShowPath);
    run(&mut a, Action::Down);
    run(&mut a, Action::RemoveStep);
    assert_eq!(a.path, vec![start, unlinked]);
    check(&a);
    // Enter goes to the selected step.
    run(&mut a, Action::Up);
    run(&mut a, Action::Follow);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.current(), Some(start));
}

/// Carries out an export effect into `dir` and feeds the outcome back.
fn export_into(a: &mut App, effect: Option<Effect>) -> Option<Effect> {
    let Some(Effect::Export {
        file,
        document,
        replace,
    }) = effect
    else {
        panic!("expected an export, got {effect:?}")
    };
    a.update(Action::Exported(crate::tui::export::write(
        &file, &document, replace,
    )))
}

#[test]
fn export_asks_a_name_refuses_to_replace_without_a_yes_and_reports_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    run(&mut a, Action::Export);
    assert!(a.status.as_deref().unwrap().contains("The path is empty"));
    three_step_path(&mut a);
    run(&mut a, Action::Export);
    let Overlay::Export(p) = &a.overlay else {
        panic!("the prompt is open")
    };
    assert_eq!(p.input, "meta-open-source-and-alignment-path.md");
    // A name in the temporary folder.
    let target = dir.path().join("walk.md");
    run(&mut a, Action::ClearInput);
    for c in target.display().to_string().chars() {
        run(&mut a, Action::Type(c));
    }
    let effect = run(&mut a, Action::Follow);
    assert!(matches!(
        &effect,
        Some(Effect::Export { replace: false, .. })
    ));
    export_into(&mut a, effect);
    assert_eq!(
        a.overlay,
        Overlay::None,
        "the prompt closes; exploring goes on"
    );
    let said = a.status.clone().unwrap();
    assert!(said.contains(&target.display().to_string()), "{said}");
    let first = std::fs::read_to_string(&target).unwrap();
    assert_eq!(first, export::markdown(&a.debate, &a.standing, &a.path));

    // Again, after changing the path: the file exists, so the app asks.
    run(&mut a, Action::Back);
    run(&mut a, Action::Export);
    run(&mut a, Action::ClearInput);
    for c in target.display().to_string().chars() {
        run(&mut a, Action::Type(c));
    }
    let effect = run(&mut a, Action::Follow);
    export_into(&mut a, effect);
    assert!(matches!(&a.overlay, Overlay::Export(p) if p.confirm));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        first,
        "untouched"
    );
    // No: back to the name; yes after asking again replaces.
    run(&mut a, Action::Decline);
    assert!(matches!(&a.overlay, Overlay::Export(p) if !p.confirm));
    let effect = run(&mut a, Action::Follow);
    export_into(&mut a, effect);
    let effect = run(&mut a, Action::Confirm);
    assert!(matches!(
        &effect,
        Some(Effect::Export { replace: true, .. })
    ));
    export_into(&mut a, effect);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        export::markdown(&a.debate, &a.standing, &a.path)
    );

    // A folder that does not exist: the error shows, the prompt and the path stay.
    let path_before = a.path.clone();
    run(&mut a, Action::Export);
    run(&mut a, Action::ClearInput);
    let bad = dir.path().join("missing/out.md");
    for c in bad.display().to_string().chars() {
        run(&mut a, Action::Type(c));
    }
    let effect = run(&mut a, Action::Follow);
    export_into(&mut a, effect);
    let Overlay::Export(p) = &a.overlay else {
        panic!("the prompt stays open after an error")
    };
    assert!(
        p.error
            .as_deref()
            .unwrap()
            .contains("does the folder exist?")
    );
    assert_eq!(a.path, path_before);
    assert!(!bad.exists());
}

/// A debate whose claims cite sources as a whole: `ref-1`, the second source, has a
/// file, so its text can be opened.
fn cited() -> App {
    let yaml = include_str!("../../tests/fixtures/cited.yaml").replace(
        "    title: Energy price cap explained\n",
        "    title: Energy price cap explained\n    file: cap.txt\n",
    );
    let files = crate::domain::load::EmbeddedFiles(&[("cap.txt", "What the cap limits.")]);
    let d = crate::domain::load_bytes("cited.yaml", yaml.as_bytes(), &files)
        .unwrap_or_else(|e| panic!("{e}"))
        .debate;
    App::new(d, Rect::new(0, 0, 140, 40))
}

#[test]
fn the_sources_pane_moves_through_quotes_then_citations() {
    let mut a = cited();
    go(&mut a, "cap-misleads");
    let node = a.current().unwrap();
    assert_eq!(a.cites_of(node).len(), 2);
    assert_eq!(a.sources_len(node), 3);
    a.focus = Pane::Sources;
    for expected in [1, 2, 2] {
        run(&mut a, Action::Down);
        assert_eq!(a.quote, expected);
        check(&a);
    }
    // A cited source without a file: nothing opens, and the status says why.
    run(&mut a, Action::Follow);
    assert_eq!(a.overlay, Overlay::None);
    assert!(a.status.as_deref().unwrap().contains("no text to show"));
    // One with a file opens its text, though nothing quotes it.
    run(&mut a, Action::Up);
    run(&mut a, Action::Follow);
    let Overlay::Source(v) = &a.overlay else {
        panic!("the cited source's text opens: {:?}", a.status)
    };
    assert_eq!(a.debate.sources[v.source as usize].id, "ref-1");
    check(&a);
    // Keys in the source view do no harm without a passage.
    for action in [Action::NextPassage, Action::Follow, Action::Down] {
        run(&mut a, action);
        check(&a);
    }
    run(&mut a, Action::Close);
    // Another claim starts on its first entry again.
    run(&mut a, Action::Top);
    a.focus = Pane::Claims;
    go(&mut a, "suppliers-fail");
    assert_eq!(a.quote, 0);
    assert_eq!(a.sources_len(a.current().unwrap()), 0);
    check(&a);
}

#[test]
fn a_search_for_a_cited_source_lands_on_the_citation() {
    let mut a = cited();
    search_for(&mut a, "supplier failures");
    let v = search_view(&a);
    let at = v
        .hits()
        .iter()
        .position(|h| matches!(h.field, Field::Cites(..)))
        .expect("the claim citing it is found");
    let hit = v.hits()[at];
    assert_eq!(hit.target.kind(), "claim");
    assert_eq!(a.result_text(&hit), "Supplier failures since 2021");
    for _ in 0..at {
        run(&mut a, Action::Down);
    }
    run(&mut a, Action::Follow);
    let node = a.debate.lookup("cap-misleads").unwrap();
    assert_eq!(a.current(), Some(node));
    assert_eq!(a.focus, Pane::Sources);
    // Past the claim's one quote, its second citation.
    assert_eq!(a.quote, 2);
    assert!(
        a.path.is_empty(),
        "going to a result leaves the path as it is"
    );
}

/// The row of `id`'s full row among those the Claims pane shows.
fn row_of(a: &App, id: &str) -> usize {
    let node = a.debate.lookup(id).unwrap();
    a.tree
        .rows()
        .iter()
        .position(|r| r.full && r.node == node)
        .unwrap_or_else(|| panic!("{id} is not showing"))
}

/// Selects the `i`th row the Claims pane shows.
fn pick(a: &mut App, i: usize) {
    a.update(Action::Top);
    for _ in 0..i {
        a.update(Action::Down);
    }
    assert_eq!(a.claims.selected, i);
}

#[test]
fn the_tree_opens_with_positions_and_their_claims() {
    let a = app();
    let roots = a.tree.rows().iter().filter(|r| r.depth == 0).count();
    assert_eq!(roots, a.debate.positions.len());
    assert!(a.tree.rows().iter().all(|r| r.depth <= 1));
    // Every claim answering a position directly is there; nothing deeper.
    for r in a.tree.rows().iter().filter(|r| r.depth == 1) {
        match r.answer {
            Answer::Nothing => assert_eq!(a.debate.outgoing(r.node).len(), 0),
            _ => assert!(a.debate.outgoing(r.node).any(|l| Some(l.to) == r.parent)),
        }
    }
    assert_eq!(a.tree.rows()[a.claims.selected].node, NodeId::Claim(0));
}

#[test]
fn right_unfolds_then_enters_and_left_folds_then_goes_up() {
    let mut a = app();
    let champion = a.debate.lookup("meta-open-source-champion").unwrap();
    let r = row_of(&a, "meta-open-source-champion");
    pick(&mut a, r);
    let before = a.tree.len();
    let answers = a.debate.incoming(champion).len();
    a.update(Action::Unfold);
    assert_eq!(a.tree.len(), before + answers);
    assert_eq!(a.current(), Some(champion), "unfolding keeps the selection");
    a.update(Action::Unfold);
    let first = a.current().unwrap();
    assert_eq!(first, a.debate.incoming(champion).next().unwrap().from);
    check(&a);
    // On a leaf, ← goes up; then it folds; then up to the position.
    assert!(a.tree.tree().children(first).is_empty());
    a.update(Action::Fold);
    assert_eq!(a.current(), Some(champion));
    a.update(Action::Fold);
    assert_eq!(a.tree.len(), before);
    a.update(Action::Fold);
    assert_eq!(a.current(), Some(NodeId::Position(0)));
    a.update(Action::Fold);
    assert_eq!(a.tree.len(), before - 7, "the position folded");
    a.update(Action::Fold);
    assert_eq!(a.status.as_deref(), Some("A position: nothing above it"));
    a.update(Action::Toggle);
    assert_eq!(a.tree.len(), before);
    check(&a);
}

#[test]
fn import_warnings_are_said_on_opening_until_the_next_key() {
    use crate::domain::Diagnostic;
    let mut a = cited();
    a.say_warnings(&[], "x.json");
    assert_eq!(a.status, None);
    let one = [Diagnostic::warning(
        "x.json",
        "12 RA nodes without a conclusion left out",
    )];
    a.say_warnings(&one, "x.json");
    assert_eq!(
        a.status.as_deref(),
        Some(
            "1 warning: 12 RA nodes without a conclusion left out \
             (debate-tui check x.json lists it)"
        )
    );
    let three = [
        one[0].clone(),
        Diagnostic::warning("x.json", "2 MA nodes kept as text"),
        Diagnostic::warning("x.json", "1 linked argument split"),
    ];
    a.say_warnings(&three, "my maps/it's.json");
    assert_eq!(
        a.status.as_deref(),
        Some(
            "3 warnings: 12 RA nodes without a conclusion left out … \
             (debate-tui check 'my maps/it'\\''s.json' lists them)"
        )
    );
    // A resize keeps it; the next key clears it.
    run(&mut a, Action::Resize(60, 20));
    assert!(a.status.is_some());
    run(&mut a, Action::Down);
    assert_eq!(a.status, None);
}

// The path is never lost: moving leaves it as it is, every change can be undone, and
// quitting with a path never exported asks first.

/// The id of the selected node.
fn here_id(a: &App) -> String {
    a.debate.id_of(a.current().unwrap()).to_string()
}

#[test]
fn enter_on_a_search_result_keeps_the_path_and_ctrl_o_comes_back() {
    let mut a = app();
    three_step_path(&mut a);
    let walked = a.path.clone();
    let before = a.here().unwrap();
    search_for(&mut a, "kill switch");
    run(&mut a, Action::Follow);
    assert_eq!(a.path, walked, "a search result is a place, not a step");
    assert_ne!(a.here(), Some(before));
    let said = a.status.clone().unwrap();
    assert!(
        said.contains("The path is kept (3 steps) · a adds it as step 4"),
        "{said}"
    );
    assert!(said.contains("Ctrl-o goes back"), "{said}");
    // Back to where the search was made, and forward again.
    let result = a.here().unwrap();
    run(&mut a, Action::JumpBack);
    assert_eq!(a.here(), Some(before));
    run(&mut a, Action::JumpForward);
    assert_eq!(a.here(), Some(result));
    assert_eq!(a.path, walked);
}

#[test]
fn a_reference_goes_to_the_claim_in_full() {
    let mut a = app();
    let openly = a.debate.lookup("will-release-openly").unwrap();
    // It supports its side's position first, and rebuts the other: a reference there.
    let r = a
        .tree
        .rows()
        .iter()
        .position(|r| !r.full && r.node == openly)
        .expect("a reference under the other position");
    assert_eq!(a.tree.rows()[r].parent, Some(NodeId::Position(1)));
    pick(&mut a, r);
    // The panes beside show the claim itself.
    assert_eq!(a.current(), Some(openly));
    assert!(!a.links.is_empty());
    a.update(Action::Toggle);
    assert!(a.status.as_deref().unwrap().contains("A reference"));
    a.update(Action::Unfold);
    let here = a.tree.rows()[a.claims.selected];
    assert!(here.full && here.node == openly);
    assert_eq!(here.parent, Some(NodeId::Position(0)));
    check(&a);
}

#[test]
fn enter_in_the_source_view_keeps_the_path() {
    let mut a = app();
    three_step_path(&mut a);
    let walked = a.path.clone();
    go(&mut a, "no-kill-switch");
    a.focus = Pane::Sources;
    let before = a.here().unwrap();
    run(&mut a, Action::Follow);
    run(&mut a, Action::NextPassage);
    run(&mut a, Action::Follow);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.path, walked);
    assert_ne!(a.here(), Some(before), "another passage's claim");
    run(&mut a, Action::JumpBack);
    assert_eq!(a.here(), Some(before));
}

#[test]
fn enter_in_the_claims_pane_goes_on_from_a_claim_and_replaces_nothing() {
    let mut a = app();
    three_step_path(&mut a);
    let walked = a.path.clone();
    // On the path's last step: the path stays, the Rebuttals pane is ready.
    a.select(*walked.last().unwrap());
    a.focus = Pane::Claims;
    run(&mut a, Action::Follow);
    assert_eq!(a.path, walked);
    assert_eq!(a.focus, Pane::Claims);
    // On the first step: it comes again, at the end, as the next step.
    a.select(walked[0]);
    a.focus = Pane::Claims;
    run(&mut a, Action::Follow);
    assert_eq!(a.path[..3], walked[..]);
    assert_eq!(a.path[3], walked[0]);
    assert!(a.status.as_deref().unwrap().starts_with("Added step 4: "));
    // On a claim elsewhere: the next step, a jump unless linked.
    a.focus = Pane::Claims;
    go(&mut a, "will-release-openly");
    let node = a.current().unwrap();
    run(&mut a, Action::Follow);
    assert_eq!(a.path.len(), 5);
    assert_eq!(a.path[4], node);
    check(&a);
}

#[test]
fn following_a_link_from_an_earlier_step_drops_none_of_the_later_ones() {
    let mut a = app();
    three_step_path(&mut a);
    let walked = a.path.clone();
    // The path overlay goes to step 1; a link followed from there.
    run(&mut a, Action::ShowPath);
    run(&mut a, Action::Follow);
    assert_eq!(a.current(), Some(walked[0]));
    run(&mut a, Action::NextPane);
    run(&mut a, Action::Follow);
    let to = a.current().unwrap();
    assert_eq!(a.path[..3], walked[..], "the later steps are kept");
    assert_eq!(a.path[3..], [walked[0], to]);
    // Ctrl-O goes back to step 1, then to where the overlay was opened.
    run(&mut a, Action::JumpBack);
    assert_eq!(a.current(), Some(walked[0]));
    run(&mut a, Action::JumpBack);
    assert_eq!(a.current(), Some(*walked.last().unwrap()));
    assert_eq!(a.path.len(), 5, "jumping never changes the path");
}

#[test]
fn every_change_to_the_path_can_be_undone_and_redone() {
    let mut a = app();
    run(&mut a, Action::Undo);
    assert_eq!(
        a.status.as_deref(),
        Some("Nothing to undo: the path is as it was")
    );
    three_step_path(&mut a);
    let walked = a.path.clone();
    // Undo walks the three steps back one change at a time.
    let (undo, _) = a.history.depth();
    assert!(undo >= 3, "{undo}");
    run(&mut a, Action::Undo);
    assert_eq!(a.path, walked[..2]);
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .starts_with("Undone: step 3 added")
    );
    run(&mut a, Action::Redo);
    assert_eq!(a.path, walked);
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .starts_with("Redone: step 3 added")
    );
    run(&mut a, Action::Redo);
    assert_eq!(a.status.as_deref(), Some("Nothing to redo"));

    // A step removed in the overlay comes back.
    run(&mut a, Action::ShowPath);
    run(&mut a, Action::Down);
    run(&mut a, Action::RemoveStep);
    assert_eq!(a.path, [walked[0], walked[2]]);
    assert!(a.status.as_deref().unwrap().contains("u undoes"));
    run(&mut a, Action::Undo);
    assert_eq!(a.path, walked);
    run(&mut a, Action::Close);

    // Backspace takes a step off; undo puts it back.
    run(&mut a, Action::Back);
    assert_eq!(a.path, walked[..2]);
    run(&mut a, Action::Undo);
    assert_eq!(a.path, walked);

    // A new path is an explicit key; the old one is an undo away.
    go(&mut a, "will-release-openly");
    let node = a.current().unwrap();
    run(&mut a, Action::NewPath);
    assert_eq!(a.path, [node]);
    let said = a.status.clone().unwrap();
    assert!(
        said.contains("u brings back the old one (3 steps)"),
        "{said}"
    );
    run(&mut a, Action::NewPath);
    assert_eq!(a.path, [node], "the same one-step path: nothing to keep");
    run(&mut a, Action::Undo);
    assert_eq!(a.path, walked);

    // A change after an undo forgets what could be redone.
    run(&mut a, Action::Undo);
    run(&mut a, Action::AddToPath);
    run(&mut a, Action::Redo);
    assert_eq!(a.status.as_deref(), Some("Nothing to redo"));
    check(&a);
}

#[test]
fn undo_is_bounded_and_keeps_the_latest_changes() {
    let mut a = app();
    let claims = a.debate.claims.len() as u32;
    for i in 0..(super::path::UNDO_KEPT as u32 + 30) {
        a.select(NodeId::Claim(i % claims));
        run(&mut a, Action::AddToPath);
    }
    assert_eq!(a.history.depth(), (super::path::UNDO_KEPT, 0));
    let full = a.path.len();
    for _ in 0..super::path::UNDO_KEPT {
        run(&mut a, Action::Undo);
    }
    assert_eq!(a.path.len(), full - super::path::UNDO_KEPT);
    run(&mut a, Action::Undo);
    assert!(a.status.as_deref().unwrap().starts_with("Nothing to undo"));
    check(&a);
}

#[test]
fn the_jump_list_walks_back_and_forth_and_says_when_it_ends() {
    let mut a = app();
    run(&mut a, Action::JumpBack);
    assert_eq!(a.status.as_deref(), Some("No jump to go back from"));
    run(&mut a, Action::JumpForward);
    assert_eq!(a.status.as_deref(), Some("No jump to go forward to"));
    // Three jumps: two links followed and a search result.
    go(&mut a, "will-release-openly");
    let start = here_id(&a);
    run(&mut a, Action::NextPane);
    run(&mut a, Action::Follow);
    let second = here_id(&a);
    run(&mut a, Action::Follow);
    let third = here_id(&a);
    search_for(&mut a, "kill switch");
    run(&mut a, Action::Follow);
    let fourth = here_id(&a);
    let mut seen = vec![fourth.clone()];
    for _ in 0..3 {
        run(&mut a, Action::JumpBack);
        seen.push(here_id(&a));
    }
    assert_eq!(seen, [fourth.clone(), third.clone(), second, start.clone()]);
    run(&mut a, Action::JumpBack);
    assert_eq!(here_id(&a), start, "the first place: no further back");
    assert!(a.status.is_some());
    for _ in 0..3 {
        run(&mut a, Action::JumpForward);
    }
    assert_eq!(here_id(&a), fourth);
    // Moving by ordinary keys is no jump: back goes to the last jump's start.
    run(&mut a, Action::Down);
    run(&mut a, Action::JumpBack);
    assert_eq!(here_id(&a), third);
    check(&a);
}

#[test]
fn the_jump_list_is_bounded() {
    let mut a = app();
    for _ in 0..(jumps::JUMPS_KEPT + 20) {
        search_for(&mut a, "kill switch");
        run(&mut a, Action::Down);
        run(&mut a, Action::Follow);
        search_for(&mut a, "LeCun");
        run(&mut a, Action::Follow);
    }
    assert_eq!(a.jumps.len(), (jumps::JUMPS_KEPT, 0));
    for _ in 0..(jumps::JUMPS_KEPT + 5) {
        run(&mut a, Action::JumpBack);
        check(&a);
    }
    let (back, forward) = a.jumps.len();
    assert!(
        back == 0 && forward <= jumps::JUMPS_KEPT,
        "{back} {forward}"
    );
}

#[test]
fn quit_asks_once_and_only_for_a_path_never_exported() {
    let mut a = app();
    // No path: quits at once.
    assert_eq!(a.update(Action::Quit), Some(Effect::Quit));
    three_step_path(&mut a);
    // A path never exported: a question first.
    assert_eq!(a.update(Action::Quit), None);
    assert_eq!(a.overlay, Overlay::Quit);
    assert_eq!(a.scope(), Scope::Quit);
    // `q` again (or `y`) quits; it does not ask twice.
    assert_eq!(a.clone().update(Action::Quit), Some(Effect::Quit));
    // `n` (or Esc) stays, with everything as it was.
    let path = a.path.clone();
    assert_eq!(a.update(Action::Close), None);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.path, path);
    // Ctrl-C never asks.
    assert_eq!(a.clone().update(Action::QuitNow), Some(Effect::Quit));
    // From the question, `e` exports first.
    a.update(Action::Quit);
    a.update(Action::Export);
    assert!(matches!(a.overlay, Overlay::Export(_)), "{:?}", a.overlay);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("walk.md");
    run(&mut a, Action::ClearInput);
    for c in target.display().to_string().chars() {
        run(&mut a, Action::Type(c));
    }
    let effect = run(&mut a, Action::Follow);
    export_into(&mut a, effect);
    assert!(target.exists());
    // Exported as it is: quits at once.
    assert_eq!(a.clone().update(Action::Quit), Some(Effect::Quit));
    // Changed since: asks again; undone back to what was exported: quits at once.
    run(&mut a, Action::Back);
    assert_eq!(a.clone().update(Action::Quit), None);
    run(&mut a, Action::Undo);
    assert_eq!(a.update(Action::Quit), Some(Effect::Quit));
}

#[test]
fn the_session_remembers_the_folds_and_restores_them() {
    let mut a = app();
    go(&mut a, "frontier-model-forum");
    a.update(Action::UnfoldSubtree);
    let opened: Vec<NodeId> = a.tree.opened().collect();
    let rows = a.tree.len();
    let s = a.session();
    assert_eq!(s.unfolded.len(), opened.len());
    let mut b = app();
    assert_ne!(b.tree.len(), rows, "the debate opens folded");
    b.update(Action::Restore(Ok(s)));
    assert_eq!(b.tree.opened().collect::<Vec<_>>(), opened);
    assert_eq!(b.tree.len(), rows);
    assert_eq!(b.current(), a.current());
    check(&b);
}

#[test]
fn the_session_remembers_the_path_and_selection_as_ids_and_restores_them() {
    let mut a = app();
    three_step_path(&mut a);
    go(&mut a, "will-release-openly");
    let s = a.session();
    assert_eq!(s.path.len(), 3);
    assert_eq!(s.selected.as_deref(), Some("will-release-openly"));
    assert!(!s.exported);
    let mut b = app();
    b.update(Action::Restore(Ok(s.clone())));
    assert_eq!(b.path, a.path);
    assert_eq!(b.current(), a.current());
    assert_eq!(b.status.as_deref(), Some("Restored the path (3 steps)"));
    // Nothing to undo after a restore, and a path never exported still asks.
    assert_eq!(b.history.depth(), (0, 0));
    assert_eq!(b.clone().update(Action::Quit), None);
    // Exported: remembered as such, so quitting does not ask.
    let exported = crate::domain::session::Session {
        exported: true,
        ..s.clone()
    };
    let mut c = app();
    c.update(Action::Restore(Ok(exported)));
    assert!(c.session().exported);
    assert_eq!(c.update(Action::Quit), Some(Effect::Quit));
    check(&b);
}

#[test]
fn a_saved_state_that_no_longer_fits_is_set_aside_with_a_note() {
    let mut a = app();
    three_step_path(&mut a);
    let mut s = a.session();
    s.path.insert(1, "a-claim-since-removed".into());
    s.selected = Some("gone-too".into());
    s.exported = true;
    let mut b = app();
    let start = b.current();
    b.update(Action::Restore(Ok(s)));
    assert_eq!(b.path, a.path, "the ids still there are kept");
    assert_eq!(b.current(), start);
    let said = b.status.clone().unwrap();
    assert!(said.contains("left out 2 saved ids"), "{said}");
    // Not the path that was exported any more: quitting asks.
    assert_eq!(b.update(Action::Quit), None);
    // A damaged or foreign file: a fresh start, and a note.
    let mut c = app();
    c.update(Action::Restore(Err("the state file is damaged".into())));
    assert!(c.path.is_empty());
    assert_eq!(
        c.status.as_deref(),
        Some("Started afresh: the state file is damaged")
    );
    check(&c);
}

#[test]
fn a_state_that_could_not_be_saved_is_said_after_the_export() {
    let mut a = app();
    three_step_path(&mut a);
    a.status = Some(String::from("Wrote the path (3 steps) to x.md"));
    a.update(Action::NotRemembered(String::from("the disk is full")));
    assert_eq!(
        a.status.as_deref(),
        Some("Wrote the path (3 steps) to x.md · Not remembered for next time: the disk is full")
    );
}

#[test]
fn fold_all_unfold_all_and_a_subtree() {
    let mut a = app();
    let opening = a.tree.len();
    go(&mut a, "frontier-model-forum");
    let deep = a.current();
    a.update(Action::UnfoldAll);
    let all: usize = a
        .tree
        .tree()
        .roots()
        .map(|r| 1 + a.tree.tree().below(r) as usize)
        .sum();
    assert_eq!(a.tree.len(), all);
    assert_eq!(a.current(), deep, "the selection stays");
    a.update(Action::FoldAll);
    assert_eq!(a.tree.len(), opening);
    // The selection lands on the row that hides it.
    let shown = a.tree.rows()[a.claims.selected];
    assert_eq!(shown.depth, 1);
    assert!(a.tree.tree().is_within(deep.unwrap(), shown.node));
    a.update(Action::UnfoldSubtree);
    assert_eq!(
        a.tree.len(),
        opening + a.tree.tree().below(shown.node) as usize
    );
    assert_eq!(a.current(), deep.map(|_| shown.node));
    check(&a);
}

#[test]
fn focus_fills_the_pane_and_esc_or_backspace_steps_out() {
    let mut a = app();
    go(&mut a, "no-kill-switch");
    a.update(Action::Follow);
    a.focus = Pane::Claims;
    let path = a.path.clone();
    let node = a.current().unwrap();
    a.update(Action::Focus);
    assert_eq!(a.tree.focus(), [node]);
    assert_eq!(a.claims.selected, 0);
    assert_eq!(a.current(), Some(node));
    assert_eq!(a.tree.len(), 1 + a.debate.incoming(node).len());
    assert_eq!(a.claims_rows(), a.areas().rows(Pane::Claims) - 1);
    a.update(Action::Focus);
    assert_eq!(a.status.as_deref(), Some("Already the focus"));
    a.update(Action::Down);
    let inside = a.current();
    // Backspace steps out of the focus, not back along the path.
    a.update(Action::Back);
    assert!(a.tree.focus().is_empty());
    assert_eq!(a.current(), inside, "the selection stays on its row");
    assert_eq!(a.path, path);
    a.update(Action::Up);
    a.update(Action::Focus);
    a.update(Action::StepOut);
    assert!(a.tree.focus().is_empty());
    a.update(Action::StepOut);
    assert!(a.status.as_deref().unwrap().starts_with("Not in a focus"));
    // Without a focus, Backspace steps back along the path as before.
    a.update(Action::Back);
    assert_eq!(a.status.as_deref(), Some("At the start of the path"));
    check(&a);
}

#[test]
fn going_to_a_node_elsewhere_leaves_the_focus_and_unfolds_its_ancestors() {
    let mut a = app();
    go(&mut a, "no-kill-switch");
    a.update(Action::Focus);
    // Follow a link out of the focus: the target shows, in full.
    a.update(Action::NextPane);
    let Some(LinkRow::Entry(_, target)) = a.links.get(a.links_pos.selected).copied() else {
        panic!("a link")
    };
    a.update(Action::Follow);
    assert_eq!(a.current(), Some(target));
    let row = a.tree.rows()[a.claims.selected];
    assert!(row.full);
    assert!(
        a.tree.focus().is_empty(),
        "the target is in full outside the focus"
    );
    for up in a.tree.tree().ancestors(target) {
        assert!(a.tree.is_open(up));
    }
    check(&a);
}

#[test]
fn a_place_is_come_back_to_with_its_focus() {
    let mut a = app();
    a.update(Action::UnfoldAll);
    go(&mut a, "league-under-openai-control");
    a.update(Action::Focus);
    a.update(Action::Down);
    let place = a.place().unwrap();
    assert_eq!(
        place.focus,
        [a.debate.lookup("league-under-openai-control").unwrap()]
    );
    a.update(Action::StepOut);
    a.update(Action::FoldAll);
    go(&mut a, "no-kill-switch");
    a.update(Action::GoTo(place.clone()));
    assert_eq!(a.place(), Some(place));
    check(&a);
}

#[test]
fn clicks_select_fold_and_step_out() {
    let mut a = app();
    let pane = a.areas().pane(Pane::Claims).unwrap();
    let champion = a.debate.lookup("meta-open-source-champion").unwrap();
    let r = row_of(&a, "meta-open-source-champion");
    let y = pane.y + 1 + r as u16;
    // A click on the text selects; on the fold mark (after the guide) it unfolds.
    a.update(Action::ClickAt(pane.x + 20, y));
    assert_eq!(a.current(), Some(champion));
    let before = a.tree.len();
    a.update(Action::ClickAt(pane.x + 1 + 2, y));
    assert!(a.tree.len() > before);
    a.update(Action::ClickAt(pane.x + 1 + 2, y));
    assert_eq!(a.tree.len(), before);
    // In a focus, the first row is the breadcrumb: a click there steps out.
    a.update(Action::Focus);
    assert!(a.tree.is_focused());
    a.update(Action::ClickAt(pane.x + 3, pane.y + 2));
    assert_eq!(
        a.current(),
        Some(champion),
        "the focused node is below the breadcrumb"
    );
    a.update(Action::ClickAt(pane.x + 3, pane.y + 1));
    assert!(!a.tree.is_focused());
    assert_eq!(a.current(), Some(champion));
    check(&a);
}

#[test]
fn status_shows_and_hides_from_the_key_table() {
    let mut a = app();
    assert!(a.show_status, "shown from the start");
    for action in [Action::ToggleStatus, Action::SetAside] {
        assert!(
            !keymap::key_for(Scope::Panes, &action).is_empty(),
            "{action:?} has a key"
        );
    }
    run(&mut a, Action::ToggleStatus);
    assert!(!a.show_status);
    assert_eq!(a.status.as_deref(), Some("Status hidden"));
    // Moving on keeps it hidden.
    run(&mut a, Action::Down);
    assert!(!a.show_status);
    run(&mut a, Action::ToggleStatus);
    assert!(a.show_status);
}

#[test]
fn a_what_if_sets_a_claim_aside_and_a_second_press_brings_it_back() {
    use crate::domain::graph::status::Label;
    let mut a = app();
    let worry = a.debate.lookup("worse-than-sharing-data").unwrap();
    let open = a.debate.lookup("open-source").unwrap();
    assert_eq!(a.standing.label(open), Label::Falls);
    go(&mut a, "worse-than-sharing-data");
    run(&mut a, Action::SetAside);
    assert_eq!(a.standing.set_aside(), [worry]);
    assert!(a.standing.is_set_aside(worry));
    assert_eq!(a.standing.label(worry), Label::Falls);
    assert_eq!(
        a.standing.label(open),
        Label::Stands,
        "the whole debate again"
    );
    let said = a.status.clone().unwrap();
    assert!(
        said.starts_with("Supposing worse-than-sharing-data fails"),
        "{said}"
    );
    // Moving does not undo it; the same key on the claim does.
    run(&mut a, Action::Down);
    assert_eq!(a.standing.set_aside(), [worry]);
    go(&mut a, "worse-than-sharing-data");
    run(&mut a, Action::SetAside);
    assert!(a.standing.set_aside().is_empty());
    assert_eq!(a.standing.label(open), Label::Falls);
    assert!(a.status.unwrap().starts_with("Brought back"));
}

#[test]
fn a_what_if_in_the_rebuttals_pane_is_about_the_selected_link() {
    let mut a = app();
    go(&mut a, "open-source");
    run(&mut a, Action::SetAside);
    assert!(
        a.standing.set_aside().is_empty(),
        "a position is not set aside"
    );
    assert!(a.status.as_deref().unwrap().contains("Only a claim"));
    run(&mut a, Action::NextPane);
    let LinkRow::Entry(_, link) = a.links[a.links_pos.selected] else {
        panic!("an entry is selected")
    };
    run(&mut a, Action::SetAside);
    assert_eq!(a.standing.set_aside(), [link]);
    // Two at once, and each comes back on its own.
    run(&mut a, Action::Down);
    let LinkRow::Entry(_, second) = a.links[a.links_pos.selected] else {
        panic!("an entry is selected")
    };
    if second != link {
        run(&mut a, Action::SetAside);
        assert_eq!(a.standing.set_aside().len(), 2);
        run(&mut a, Action::SetAside);
    }
    assert_eq!(a.standing.set_aside(), [link]);
}

#[test]
fn status_filters_find_claims_by_label() {
    use crate::domain::graph::status::Label;
    let mut a = app();
    for (filter, label) in [
        ("status:stands", Label::Stands),
        ("status:falls", Label::Falls),
        ("status:f", Label::Falls),
    ] {
        run(&mut a, Action::Close);
        search_for(&mut a, &format!("{filter} is:claim"));
        let hits = search_view(&a).hits().to_vec();
        let want = (0..a.debate.claims.len() as u32)
            .filter(|&c| a.standing.label(NodeId::Claim(c)) == label)
            .count();
        assert_eq!(hits.len(), want, "{filter}");
        for h in hits {
            assert_eq!(
                a.standing.label(h.target.node().unwrap()),
                label,
                "{filter}"
            );
        }
    }
    run(&mut a, Action::Close);
    search_for(&mut a, "status:open");
    assert!(search_view(&a).hits().is_empty(), "nothing is open here");
    // A what-if changes the marks, not what a search finds: the debate as written.
    run(&mut a, Action::Close);
    go(&mut a, "worse-than-sharing-data");
    run(&mut a, Action::SetAside);
    search_for(&mut a, "status:stands is:position");
    let ids: Vec<&str> = search_view(&a)
        .hits()
        .iter()
        .map(|h| a.debate.id_of(h.target.node().unwrap()))
        .collect();
    assert!(ids.contains(&"alignment"), "{ids:?}");
    assert!(!ids.contains(&"open-source"), "{ids:?}");
}

#[test]
fn w_goes_to_the_claim_that_decides_the_label_and_ctrl_o_comes_back() {
    let mut a = app();
    let side = a.debate.lookup("open-source").unwrap();
    a.update(Action::GoTo(crate::app::Place::at(side)));
    assert_eq!(a.current(), Some(side));
    run(&mut a, Action::GoToDecider);
    assert_eq!(here_id(&a), "worse-than-sharing-data", "{:?}", a.status);
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .starts_with("Deciding claim 1 of 1")
    );
    run(&mut a, Action::JumpBack);
    assert_eq!(a.current(), Some(side));
    // An unanswered claim: nothing decides it, and the selection stays.
    go(&mut a, "worse-than-sharing-data");
    let before = a.current();
    run(&mut a, Action::GoToDecider);
    assert_eq!(a.current(), before);
    assert!(a.status.as_deref().unwrap().starts_with("No claim decides"));
    check(&a);
}
