//! `update` for reading long texts: the source view's search, its translation, a
//! resize that keeps the passage, an entry longer than the Sources pane, and the
//! selected link's text.

use super::keymap::{Scope, action_for, c};
use super::*;
use crate::domain::builtin;
use crate::domain::load::EmbeddedFiles;
use crate::domain::search::find_all;

fn app(w: u16, h: u16) -> App {
    App::new(builtin::load().unwrap().debate, Rect::new(0, 0, w, h))
}

fn go(app: &mut App, target: &str) {
    let node = app.debate.lookup(target).unwrap();
    app.update(Action::GoTo(Place::at(node)));
    assert_eq!(app.current(), Some(node), "{target} not reachable");
}

/// The builtin article open at the passage of `claim`'s first quote.
fn source_of(w: u16, h: u16, claim: &str) -> App {
    let mut a = app(w, h);
    go(&mut a, claim);
    a.focus = Pane::Sources;
    a.update(Action::Follow);
    assert_eq!(a.scope(), Scope::SourceView);
    a
}

fn view(a: &App) -> &SourceView {
    match &a.overlay {
        Overlay::Source(v) => v,
        other => panic!("the source view is not open: {other:?}"),
    }
}

fn text_of_source(a: &App) -> &str {
    let v = view(a);
    a.debate.sources[v.source as usize].text.as_deref().unwrap()
}

/// Whether byte `at` of the source is on a row in view.
fn in_view(a: &App, at: usize) -> bool {
    let v = view(a);
    let line = line_at(&v.lines, at);
    line >= v.scroll && line < v.scroll + a.source_rows()
}

fn type_in(a: &mut App, s: &str) {
    for ch in s.chars() {
        // As the key table reads each key while the search is typed.
        let action = action_for(c(ch), a.scope()).unwrap();
        a.update(action);
    }
}

#[test]
fn slash_in_the_source_view_searches_its_text_folded_and_n_walks_the_matches() {
    let mut a = source_of(100, 30, "no-kill-switch");
    assert_eq!(action_for(c('/'), a.scope()), Some(Action::Search));
    a.update(Action::Search);
    assert_eq!(a.scope(), Scope::SourceSearch);
    // n, N and q are text while the search is typed.
    type_in(&mut a, "OPEN Source");
    let text = text_of_source(&a).to_string();
    let expected = find_all(&text, "open source");
    assert!(expected.len() > 5, "{}", expected.len());
    let f = view(&a).find.clone().unwrap();
    assert_eq!(f.input, "OPEN Source");
    assert_eq!(f.found, expected);
    let first = view(&a).current_match().unwrap().clone();
    assert!(in_view(&a, first.start));
    assert_eq!(text[first.clone()].to_lowercase(), "open source");

    // Enter keeps it: n and N now walk its matches, and the footer's scope says so.
    a.update(Action::Follow);
    assert_eq!(a.scope(), Scope::SourceMatches);
    assert_eq!(action_for(c('n'), a.scope()), Some(Action::NextMatch));
    assert_eq!(action_for(c('N'), a.scope()), Some(Action::PreviousMatch));
    let passage = view(&a).passage;
    for k in 1..expected.len() + 2 {
        a.update(Action::NextMatch);
        let f = view(&a).find.as_ref().unwrap();
        let m = &f.found[f.current];
        assert_eq!(
            *m,
            expected[(f.found.iter().position(|x| *x == first).unwrap() + k) % expected.len()]
        );
        assert!(in_view(&a, m.start), "match {k} out of view");
    }
    // After n+1 steps forward, one back is the first match again.
    a.update(Action::PreviousMatch);
    assert_eq!(view(&a).current_match(), Some(&first));
    // The passage is left as it was; Tab still walks passages.
    assert_eq!(view(&a).passage, passage);
    a.update(Action::NextPassage);
    assert_ne!(view(&a).passage, passage);

    // Esc ends the search and leaves the view open; n walks passages again.
    assert_eq!(
        action_for(super::keymap::k(crossterm::event::KeyCode::Esc), a.scope()),
        Some(Action::EndFind)
    );
    a.update(Action::EndFind);
    assert!(view(&a).find.is_none());
    assert_eq!(a.scope(), Scope::SourceView);
    assert_eq!(action_for(c('n'), a.scope()), Some(Action::NextPassage));
}

#[test]
fn the_source_search_folds_accents_and_says_when_nothing_matches() {
    let mut a = source_of(100, 30, "no-kill-switch");
    a.update(Action::Search);
    type_in(&mut a, "POSSIBILITA");
    let m = view(&a).current_match().unwrap().clone();
    assert_eq!(&text_of_source(&a)[m], "possibilità");
    // Backspace and Ctrl-U edit the query; the matches follow.
    a.update(Action::Erase);
    assert_eq!(view(&a).find.as_ref().unwrap().input, "POSSIBILIT");
    a.update(Action::ClearInput);
    assert!(view(&a).find.as_ref().unwrap().found.is_empty());
    type_in(&mut a, "zzqx");
    assert!(view(&a).find.as_ref().unwrap().found.is_empty());
    a.update(Action::Follow);
    assert!(view(&a).find.is_none());
    assert!(a.status.as_deref().unwrap().contains("“zzqx” is not in"));
    // Esc while typing cancels the search, not the view.
    a.update(Action::Search);
    type_in(&mut a, "meta");
    a.update(Action::EndFind);
    assert!(view(&a).find.is_none());
    assert_eq!(a.scope(), Scope::SourceView);
}

#[test]
fn t_shows_the_current_passage_s_translation_under_the_text() {
    let mut a = source_of(100, 30, "no-kill-switch");
    assert!(a.translation_panel().is_none());
    let rows = a.source_rows();
    assert_eq!(
        action_for(c('t'), a.scope()),
        Some(Action::ToggleTranslation)
    );
    a.update(Action::ToggleTranslation);
    let p = a.translation_panel().unwrap();
    let v = view(&a);
    let passage = &a.debate.passages(v.source)[v.passage];
    let q = &a.debate.quotes_of(passage.node)[passage.quote as usize];
    assert_eq!(p.text.as_deref(), q.translation.as_deref());
    assert!(p.text.is_some());
    assert_eq!(a.source_rows(), rows - p.rows);
    // The passage stays in view above the panel, passage after passage.
    for _ in 0..5 {
        a.update(Action::NextPassage);
        let v = view(&a);
        let at = a.debate.passages(v.source)[v.passage].range.start;
        assert!(in_view(&a, at));
    }
    a.update(Action::ToggleTranslation);
    assert!(a.translation_panel().is_none());
    assert_eq!(a.source_rows(), rows);
}

#[test]
fn a_resize_keeps_the_current_passage_and_match_in_view() {
    let mut a = source_of(100, 30, "no-kill-switch");
    for _ in 0..7 {
        a.update(Action::NextPassage);
    }
    let passage = view(&a).passage;
    let at = {
        let v = view(&a);
        a.debate.passages(v.source)[v.passage].range.start
    };
    let sizes = [
        (80, 24),
        (140, 40),
        (60, 20),
        (41, 13),
        (100, 30),
        (100, 14),
        (100, 40),
        (100, 12),
        (80, 24),
    ];
    for (w, h) in sizes {
        a.update(Action::Resize(w, h));
        assert_eq!(view(&a).passage, passage, "{w}×{h}");
        assert!(in_view(&a, at), "the passage left the view at {w}×{h}");
    }
    // A current match is kept in view the same way.
    a.update(Action::Search);
    type_in(&mut a, "open source");
    a.update(Action::Follow);
    a.update(Action::NextMatch);
    let m = view(&a).current_match().unwrap().start;
    for (w, h) in [(140, 40), (60, 20), (60, 12), (80, 24)] {
        a.update(Action::Resize(w, h));
        assert!(in_view(&a, m), "the match left the view at {w}×{h}");
    }
}

/// A claim with a translation far longer than the Sources pane, then a short quote.
const LONG: &str = "version: 1
title: T
sources:
  - id: s
    title: Interview
positions:
  - id: p
    title: P
claims:
  - id: long
    position: p
    text: A claim whose quote is long.
    quotes:
      - source: s
        text: Short words.
        translation: LONG
      - source: s
        text: A second quote.
";

fn long_app(w: u16, h: u16) -> App {
    let words: Vec<String> = (0..400).map(|i| format!("word{i}")).collect();
    let yaml = LONG.replace("LONG", &words.join(" "));
    let d = crate::domain::load_bytes("l.yaml", yaml.as_bytes(), &EmbeddedFiles(&[]))
        .unwrap_or_else(|e| panic!("{e}"))
        .debate;
    let mut a = App::new(d, Rect::new(0, 0, w, h));
    go(&mut a, "long");
    a
}

#[test]
fn j_scrolls_an_entry_longer_than_the_sources_pane_before_moving_on() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut a = long_app(w, h);
        a.update(Action::NextPane);
        a.update(Action::NextPane);
        assert_eq!(a.focus, Pane::Sources);
        assert_eq!((a.quote, a.entry_line()), (0, 0));
        let mut steps = 0;
        while a.quote == 0 {
            a.update(Action::Down);
            steps += 1;
            assert!(steps < 1000);
        }
        // Every line of the entry was reached before the next entry.
        let (width, rows) = a.entry_area().unwrap();
        assert!(steps > 400 * 6 / width / 2, "{steps} steps at {w}×{h}");
        assert!(steps > rows, "{steps}");
        assert_eq!(a.entry_line(), 0);
        // Up from the second entry: back to the first, at its start.
        a.update(Action::Up);
        assert_eq!((a.quote, a.entry_line()), (0, 0));
        // J and K scroll it from any pane, and say when there is no more.
        a.focus = Pane::Claims;
        a.update(Action::ScrollEntryDown);
        a.update(Action::ScrollEntryDown);
        assert_eq!(a.entry_line(), 2);
        a.update(Action::ScrollEntryUp);
        assert_eq!(a.entry_line(), 1);
        a.update(Action::ScrollEntryUp);
        a.update(Action::ScrollEntryUp);
        assert_eq!(a.entry_line(), 0);
        assert!(a.status.as_deref().unwrap().contains("from its start"));
    }
}

#[test]
fn j_on_a_short_entry_moves_on_and_j_upper_says_it_shows_whole() {
    let mut a = long_app(100, 30);
    a.focus = Pane::Sources;
    a.quote = 1;
    a.update(Action::ScrollEntryDown);
    assert_eq!(a.entry_line(), 0);
    assert!(a.status.as_deref().unwrap().contains("to its end"));
    a.update(Action::Up);
    assert_eq!(a.quote, 0);
}

#[test]
fn the_sources_pane_follows_the_selected_link_while_the_rebuttals_pane_has_focus() {
    let mut a = app(100, 30);
    go(&mut a, "open-source");
    let here = a.current();
    assert_eq!(a.sources_node(), here);
    a.update(Action::NextPane);
    let Some(LinkRow::Entry(_, first)) = a.links.get(a.links_pos.selected).copied() else {
        panic!("a link is selected")
    };
    assert_eq!(a.sources_node(), Some(first));
    a.update(Action::Down);
    let Some(LinkRow::Entry(_, second)) = a.links.get(a.links_pos.selected).copied() else {
        panic!("a link is selected")
    };
    assert_ne!(first, second);
    assert_eq!(a.sources_node(), Some(second));
    // Reading it changed neither the path nor the node the panes are about.
    assert!(a.path.is_empty());
    assert_eq!(a.current(), here);
    a.update(Action::NextPane);
    assert_eq!(a.sources_node(), here);
}

#[test]
fn the_wheel_reads_through_a_long_entry_in_the_sources_pane() {
    let mut a = long_app(100, 30);
    let r = a.areas().pane(Pane::Sources).unwrap();
    let (x, y) = (r.x + 3, r.y + 3);
    a.update(Action::ScrollAt(x, y, true));
    assert_eq!(a.focus, Pane::Sources);
    assert_eq!((a.quote, a.entry_line()), (0, 3));
    a.update(Action::ScrollAt(x, y, false));
    assert_eq!((a.quote, a.entry_line()), (0, 0));
    // Down to the end of the entry, then on to the next one.
    for _ in 0..200 {
        a.update(Action::ScrollAt(x, y, true));
    }
    assert_eq!(a.quote, 1);
}

#[test]
fn the_narrow_layout_keeps_rows_under_the_rebuttals_for_the_selected_link() {
    let mut a = app(60, 20);
    go(&mut a, "open-source");
    a.update(Action::NextPane);
    assert_eq!(a.focus, Pane::Rebuttals);
    let rows = a.areas().rows(Pane::Rebuttals);
    assert_eq!(a.links_rows(), rows - entries::LINK_PREVIEW);
    // The selection stays within the list's rows, above the preview.
    a.update(Action::Bottom);
    assert!(a.links_pos.selected - a.links_pos.offset < a.links_rows());
    // A click on the preview selects nothing.
    let before = a.links_pos;
    let r = a.areas().pane(Pane::Rebuttals).unwrap();
    a.update(Action::ClickAt(
        r.x + 4,
        r.y + 1 + a.links_rows() as u16 + 1,
    ));
    assert_eq!(a.links_pos, before);
    // Side by side, the Sources pane shows the link instead: no rows kept.
    a.update(Action::Resize(100, 30));
    assert_eq!(a.links_rows(), a.areas().rows(Pane::Rebuttals));
}
