//! `update` for the keys readers bring from less, lazygit and fzf: `q` closes an
//! overlay, help scrolls, nothing acts behind "Terminal too small", the focus moves only
//! when asked, the export prompt edits like a shell's line, `y` copies, `o` opens the
//! export, a double click is Enter.

use std::path::PathBuf;

use super::keymap::{Key, Scope, action_for};
use super::*;
use crate::domain::builtin;
use crossterm::event::KeyCode;

fn app() -> App {
    App::new(builtin::load().unwrap().debate, Rect::new(0, 0, 100, 30))
}

fn go(app: &mut App, id: &str) {
    let node = app.debate.lookup(id).unwrap();
    app.update(Action::GoTo(Place::at(node)));
    assert_eq!(app.current(), Some(node));
}

fn key(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: false,
    }
}

fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: true,
    }
}

/// Presses `k` as the shell does: through the key table, in the scope in force.
fn press(app: &mut App, k: Key) -> Option<Effect> {
    let action = action_for(k, app.scope())?;
    app.update(action)
}

fn help_scroll(app: &App) -> usize {
    match app.overlay {
        Overlay::Help { scroll } => scroll,
        ref other => panic!("help is not open: {other:?}"),
    }
}

#[test]
fn q_closes_an_overlay_and_quits_only_from_the_panes() {
    let mut a = app();
    press(&mut a, key('?'));
    assert_eq!(press(&mut a, key('q')), None);
    assert_eq!(a.overlay, Overlay::None, "q closes help");
    press(&mut a, key('p'));
    assert!(matches!(a.overlay, Overlay::Path(_)));
    assert_eq!(press(&mut a, key('q')), None);
    assert_eq!(a.overlay, Overlay::None, "q closes the path");
    go(&mut a, "no-kill-switch");
    a.focus = Pane::Sources;
    a.update(Action::Follow);
    assert!(matches!(a.overlay, Overlay::Source(_)));
    assert_eq!(press(&mut a, key('q')), None);
    assert_eq!(a.overlay, Overlay::None, "q closes the source view");
    // Typed into the search, as text.
    press(&mut a, key('/'));
    press(&mut a, key('q'));
    assert!(matches!(&a.overlay, Overlay::Search(v) if v.input == "q"));
    a.update(Action::Close);
    assert_eq!(press(&mut a, key('q')), Some(Effect::Quit));
    // Ctrl-C quits from anywhere.
    press(&mut a, key('?'));
    assert_eq!(press(&mut a, ctrl('c')), Some(Effect::Quit));
}

#[test]
fn help_scrolls_with_every_scroll_key() {
    let mut a = app();
    press(&mut a, key('?'));
    let rows = a.areas().overlay_rows();
    let last = keymap::help_len() - rows;
    press(&mut a, key('G'));
    assert_eq!(help_scroll(&a), last, "G: the end");
    press(&mut a, key('g'));
    assert_eq!(help_scroll(&a), 0, "g: the top");
    for (k, moved) in [
        (key('j'), 1),
        (key(' '), rows - 1),
        (ctrl('d'), rows / 2),
        (ctrl('f'), rows - 1),
    ] {
        press(&mut a, key('g'));
        press(&mut a, k);
        assert_eq!(help_scroll(&a), moved, "{k:?}");
    }
    press(&mut a, key('G'));
    press(&mut a, key('k'));
    assert_eq!(help_scroll(&a), last - 1);
    press(&mut a, ctrl('u'));
    assert_eq!(help_scroll(&a), last - 1 - rows / 2);
    for code in [KeyCode::End, KeyCode::Home, KeyCode::PageDown] {
        press(&mut a, Key { code, ctrl: false });
    }
    assert_eq!(help_scroll(&a), rows - 1, "Home, then PgDn");
}

#[test]
fn behind_terminal_too_small_keys_are_ignored_but_ctrl_c_quits() {
    let mut a = app();
    a.update(Action::Resize(30, 8));
    let before = (a.overlay.clone(), a.claims, a.focus, a.path.clone());
    for ch in "/abc?pq".chars() {
        assert_eq!(press(&mut a, key(ch)), None, "{ch}");
    }
    a.update(Action::Follow);
    a.update(Action::ClickAtTime(3, 3, 0));
    assert_eq!(
        (a.overlay.clone(), a.claims, a.focus, a.path.clone()),
        before
    );
    // Back to a size that shows: nothing was left open behind the message.
    a.update(Action::Resize(100, 30));
    assert_eq!(a.overlay, Overlay::None);
    a.update(Action::Resize(30, 8));
    assert_eq!(press(&mut a, ctrl('c')), Some(Effect::Quit));
    assert_eq!(press(&mut a, ctrl('z')), Some(Effect::Suspend));
}

#[test]
fn the_focus_moves_only_when_asked() {
    let mut a = app();
    go(&mut a, "will-release-openly");
    a.update(Action::Follow);
    assert_eq!(a.path.len(), 1, "Enter started the path");
    assert_eq!(a.focus, Pane::Claims, "and left the focus where it was");
    a.update(Action::NextPane);
    assert_eq!(a.focus, Pane::Rebuttals, "Tab goes to the links");
    a.update(Action::Follow);
    assert_eq!(a.path.len(), 2);
    assert_eq!(a.focus, Pane::Rebuttals, "following a link stays there");
    a.update(Action::NextPane);
    assert_eq!(a.focus, Pane::Sources);
}

/// The export prompt open, with `name` typed over the offered one.
fn prompt_with(name: &str) -> App {
    let mut a = app();
    a.update(Action::Follow);
    a.update(Action::Export);
    a.update(Action::ClearInput);
    for c in name.chars() {
        a.update(Action::Type(c));
    }
    a
}

fn prompt(a: &App) -> &ExportPrompt {
    match &a.overlay {
        Overlay::Export(p) => p,
        other => panic!("the export prompt is not open: {other:?}"),
    }
}

#[test]
fn the_export_name_edits_at_a_cursor_that_stays_on_characters() {
    let mut a = prompt_with("漢é/x.md");
    assert_eq!(prompt(&a).cursor, "漢é/x.md".len());
    for _ in "/x.md".chars() {
        press(
            &mut a,
            Key {
                code: KeyCode::Left,
                ctrl: false,
            },
        );
    }
    // Before "/": typing goes there.
    press(&mut a, key('!'));
    assert_eq!(prompt(&a).input, "漢é!/x.md");
    press(&mut a, ctrl('a'));
    assert_eq!(prompt(&a).cursor, 0);
    press(
        &mut a,
        Key {
            code: KeyCode::Right,
            ctrl: false,
        },
    );
    assert_eq!(prompt(&a).cursor, "漢".len(), "past a wide character whole");
    press(
        &mut a,
        Key {
            code: KeyCode::Backspace,
            ctrl: false,
        },
    );
    assert_eq!(
        (prompt(&a).input.as_str(), prompt(&a).cursor),
        ("é!/x.md", 0)
    );
    press(
        &mut a,
        Key {
            code: KeyCode::Backspace,
            ctrl: false,
        },
    );
    press(
        &mut a,
        Key {
            code: KeyCode::Left,
            ctrl: false,
        },
    );
    assert_eq!(prompt(&a).cursor, 0, "nothing before the start");
    press(&mut a, ctrl('e'));
    assert_eq!(prompt(&a).cursor, "é!/x.md".len());
    press(
        &mut a,
        Key {
            code: KeyCode::Right,
            ctrl: false,
        },
    );
    assert_eq!(prompt(&a).cursor, "é!/x.md".len(), "nothing past the end");
    // Ctrl-W: the last part of the path, then the folder.
    let mut a = prompt_with("notes/debates/path.md");
    press(&mut a, ctrl('w'));
    assert_eq!(prompt(&a).input, "notes/debates/");
    press(&mut a, ctrl('w'));
    assert_eq!(prompt(&a).input, "notes/");
    press(
        &mut a,
        Key {
            code: KeyCode::Home,
            ctrl: false,
        },
    );
    press(&mut a, ctrl('w'));
    assert_eq!(prompt(&a).input, "notes/", "nothing before the cursor");
    press(
        &mut a,
        Key {
            code: KeyCode::End,
            ctrl: false,
        },
    );
    assert_eq!(prompt(&a).cursor, "notes/".len());
    // The name typed is the one written.
    let mut a = prompt_with("~/a.md");
    let Some(Effect::Export { file, .. }) = press(
        &mut a,
        Key {
            code: KeyCode::Enter,
            ctrl: false,
        },
    ) else {
        panic!("Enter writes")
    };
    assert_eq!(file, PathBuf::from("~/a.md"));
}

#[test]
fn the_question_before_replacing_reads_y_and_n_only() {
    let mut a = prompt_with("x.md");
    a.update(Action::Exported(Exported::Exists));
    assert_eq!(a.scope(), Scope::Confirm);
    for code in [KeyCode::Left, KeyCode::Home, KeyCode::Backspace] {
        assert_eq!(action_for(Key { code, ctrl: false }, Scope::Confirm), None);
    }
    assert_eq!(action_for(ctrl('w'), Scope::Confirm), None);
    let footer: Vec<_> = keymap::hints(Scope::Confirm)
        .map(|(_, k)| keymap::key_label(k))
        .collect();
    assert_eq!(footer, ["y", "n", "Esc"]);
    press(&mut a, key('n'));
    assert_eq!(a.scope(), Scope::Prompt);
    assert_eq!(prompt(&a).input, "x.md");
}

#[test]
fn o_opens_the_last_export_in_the_pager() {
    let mut a = app();
    assert_eq!(press(&mut a, key('o')), None);
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .starts_with("Nothing exported yet")
    );
    a.update(Action::Follow);
    a.update(Action::Export);
    a.update(Action::Exported(Exported::Written("/tmp/p.md".into())));
    let said = a.status.clone().unwrap();
    assert!(said.ends_with("/tmp/p.md · o opens it"), "{said}");
    assert_eq!(
        press(&mut a, key('o')),
        Some(Effect::Page {
            file: "/tmp/p.md".into()
        })
    );
    a.update(Action::Paged(Err(String::from("less ended with 1"))));
    assert_eq!(a.status.as_deref(), Some("less ended with 1"));
}

#[test]
fn y_copies_the_claim_or_the_quote_with_its_citation_and_y_the_id() {
    let mut a = app();
    go(&mut a, "no-kill-switch");
    let node = a.current().unwrap();
    let Some(Effect::Copy { text }) = press(&mut a, key('y')) else {
        panic!("y copies")
    };
    let claim = a.debate.text_of(node).to_string();
    assert!(text.starts_with(&claim), "{text}");
    let q = a.debate.quotes_of(node)[0].clone();
    let source = a.debate.sources[q.source as usize].title.clone();
    assert!(text.contains(source.as_str()), "{text}");
    let said = a.status.clone().unwrap();
    assert!(said.starts_with("copied: "), "{said}");
    // The quote, in the Sources pane.
    a.focus = Pane::Sources;
    let Some(Effect::Copy { text }) = press(&mut a, key('y')) else {
        panic!("y copies")
    };
    assert!(text.starts_with(&format!("“{}”", q.text)), "{text}");
    assert!(text.contains(source.as_str()), "{text}");
    // The id.
    assert_eq!(
        press(&mut a, key('Y')),
        Some(Effect::Copy {
            text: String::from("no-kill-switch")
        })
    );
}

#[test]
fn copied_text_is_stripped_of_controls_and_escape_sequences() {
    let mut a = app();
    go(&mut a, "no-kill-switch");
    let node = a.current().unwrap();
    let NodeId::Claim(i) = node else { panic!() };
    std::sync::Arc::make_mut(&mut a.debate).claims[i as usize].text =
        String::from("ok\u{1b}]52;c;ZXZpbA==\u{7} then\u{9b}2J \u{1b}[31mred\u{85}\u{7}");
    let Some(Effect::Copy { text }) = press(&mut a, key('y')) else {
        panic!("y copies")
    };
    assert!(text.starts_with("ok then red\n"), "{text:?}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
}

/// The screen row of the Claims pane's `i`th visible row.
fn claims_row(a: &App, i: usize) -> (u16, u16) {
    let pane = a.areas().pane(Pane::Claims).unwrap();
    (pane.x + 10, pane.y + 1 + (i - a.claims.offset) as u16)
}

#[test]
fn a_double_click_on_a_row_does_what_enter_does() {
    let mut a = app();
    let (x, y) = claims_row(&a, a.claims.selected + 1);
    a.update(Action::ClickAtTime(x, y, 1_000));
    assert!(a.path.is_empty(), "one click selects");
    a.update(Action::ClickAtTime(x, y, 1_300));
    assert_eq!(a.path.len(), 1, "two on the same row start the path");
    // A third click is a click again.
    a.update(Action::ClickAtTime(x, y, 1_500));
    assert_eq!(a.path.len(), 1);
    // Too slow, or on another row: two clicks.
    let mut a = app();
    let (x, y) = claims_row(&a, a.claims.selected + 1);
    a.update(Action::ClickAtTime(x, y, 1_000));
    a.update(Action::ClickAtTime(x, y, 1_000 + copy::DOUBLE_CLICK_MS + 1));
    assert!(a.path.is_empty());
    let (x2, y2) = claims_row(&a, a.claims.selected + 1);
    a.update(Action::ClickAtTime(x2, y2, 5_000));
    a.update(Action::ClickAtTime(x, y, 5_100));
    assert!(a.path.is_empty(), "the second click selected another row");
    // On the search results: it goes to the result.
    let mut a = app();
    a.update(Action::Search);
    for c in "kill".chars() {
        if let Some(Effect::Search { generation, input }) = a.update(Action::Type(c)) {
            let r =
                search::Results::complete(a.index.as_deref().expect("indexed"), generation, &input);
            a.update(Action::SearchResults(r));
        }
    }
    let list = layout::inner(a.areas().overlay);
    let y = list.y + layout::SEARCH_HEAD as u16;
    a.update(Action::ClickAtTime(list.x + 4, y, 10));
    a.update(Action::ClickAtTime(list.x + 4, y, 20));
    assert_eq!(a.overlay, Overlay::None, "the result was gone to");
}

#[test]
fn a_path_of_one_step_is_written_as_one_step() {
    let mut a = app();
    a.update(Action::Follow);
    a.update(Action::Export);
    a.update(Action::Exported(Exported::Written("/tmp/p.md".into())));
    let said = a.status.clone().unwrap();
    assert!(said.starts_with("Wrote the path (1 step) to"), "{said}");
}

/// `w` says where it went as the Sources pane's why does: by the claim's statement,
/// which the reader can match, not its id.
#[test]
fn w_names_the_deciding_claim_by_its_statement() {
    let mut a = app();
    let side = a.debate.lookup("open-source").unwrap();
    a.update(Action::GoTo(crate::app::Place::at(side)));
    a.update(Action::GoToDecider);
    let to = a.current().unwrap();
    let said = a.status.clone().unwrap();
    let text = a.debate.text_of(to);
    assert!(said.contains(&text[..20]), "{said}");
    assert!(!said.contains(a.debate.id_of(to)), "{said}");
    assert!(said.contains("Ctrl-o comes back; w there"), "{said}");
}

/// Backspace and `d` say which step went by its statement, as the header names the
/// path's steps, not by an id the panes never show.
#[test]
fn a_step_removed_is_named_by_its_statement() {
    let mut a = app();
    a.update(Action::Follow);
    a.update(Action::Down);
    a.update(Action::AddToPath);
    let second = a.current().unwrap();
    a.update(Action::Back);
    let said = a.status.clone().unwrap();
    let text = a.debate.text_of(second).to_string();
    assert!(said.contains(&text[..20]), "{said}");
    assert!(!said.contains(a.debate.id_of(second)), "{said}");
    a.update(Action::Undo);
    a.update(Action::ShowPath);
    a.update(Action::Down);
    a.update(Action::RemoveStep);
    let said = a.status.clone().unwrap();
    assert!(said.starts_with("Removed step 2: “"), "{said}");
    assert!(said.contains(&text[..20]), "{said}");
}
