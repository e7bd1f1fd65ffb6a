//! Rendering at every size: snapshots of the text, and the styles that carry meaning
//! (focus, selection, sides), which snapshots cannot show.

use debate_tui::app::{Action, App, Pane, Place};
use debate_tui::domain::builtin;
use debate_tui::ui::theme::{self, COLOR, MONO, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Widget;

fn app(w: u16, h: u16) -> App {
    App::new(builtin::load().unwrap().debate, Rect::new(0, 0, w, h))
}

fn draw(app: &App) -> Buffer {
    let mut buf = Buffer::empty(app.size);
    app.render(app.size, &mut buf);
    buf
}

/// The buffer as text, one line a row.
fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(i) = row.find(needle) {
            let x = row[..i].chars().count() as u16;
            return Some((x, y));
        }
    }
    None
}

/// Selects a claim, unfolding what hides it.
fn go(app: &mut App, id: &str) {
    let node = app.debate.lookup(id).unwrap();
    app.update(Action::GoTo(Place::at(node)));
    assert_eq!(app.current(), Some(node));
}

#[test]
fn wide() {
    let mut a = app(140, 40);
    go(&mut a, "will-release-openly");
    insta::assert_snapshot!(text(&draw(&a)));
}

#[test]
fn medium() {
    let mut a = app(100, 30);
    go(&mut a, "will-release-openly");
    insta::assert_snapshot!(text(&draw(&a)));
}

#[test]
fn narrow_shows_one_pane_and_a_tab_line() {
    let mut a = app(60, 20);
    go(&mut a, "will-release-openly");
    let claims = text(&draw(&a));
    assert!(claims.contains(" Claims │ Rebuttals │ Sources"));
    a.update(Action::NextPane);
    let rebuttals = text(&draw(&a));
    assert!(rebuttals.contains("Rebutted by"));
    insta::assert_snapshot!(rebuttals);
}

#[test]
fn too_small_says_so() {
    let a = app(30, 8);
    let t = text(&draw(&a));
    assert!(t.contains("Terminal too small"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn tiny_sizes_do_not_panic() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (2, 1),
        (1, 2),
        (39, 11),
        (40, 12),
        (41, 13),
        (80, 12),
    ] {
        let mut a = app(w, h);
        for action in [
            Action::NextPane,
            Action::Follow,
            Action::Help,
            Action::Close,
        ] {
            a.update(action);
            draw(&a);
        }
        a.update(Action::Resize(w, h));
        let mut to_source = app(w, h);
        to_source.focus = Pane::Sources;
        to_source.update(Action::Follow);
        draw(&to_source);
    }
}

#[test]
fn path_breadcrumb_and_source_view() {
    let mut a = app(120, 36);
    go(&mut a, "will-release-openly");
    a.update(Action::Follow);
    a.update(Action::NextPane);
    a.update(Action::Follow);
    let t = text(&draw(&a));
    // The path's steps by their statements, cut.
    let start = |i: usize| -> String { a.debate.text_of(a.path[i]).chars().take(12).collect() };
    let header = t.lines().next().unwrap();
    assert!(
        header.contains(&format!("path: {}", start(0)))
            && header.contains(&format!(" › {}", start(1))),
        "{t}"
    );
    a.focus = Pane::Sources;
    a.update(Action::Follow);
    let t = text(&draw(&a));
    assert!(t.contains("passage"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn help_lists_the_key_table() {
    let mut a = app(100, 40);
    a.update(Action::Help);
    let t = text(&draw(&a));
    // Scrolled to its end, help has shown every binding.
    let mut seen = t.clone();
    for _ in 0..debate_tui::app::keymap::help_len() {
        a.update(Action::Down);
        seen.push_str(&text(&draw(&a)));
    }
    for b in debate_tui::app::keymap::BINDINGS {
        assert!(seen.contains(b.help), "help misses {:?}", b.help);
    }
    insta::assert_snapshot!(t);
}

#[test]
fn the_footer_hints_come_from_the_key_table() {
    let a = app(140, 40);
    let t = text(&draw(&a));
    let footer = t.lines().nth(39).unwrap();
    for hint in [
        "unfold",
        "focus",
        "move",
        "search",
        "Tab rebuttals",
        "Enter step",
        "back",
        "help",
        "quit",
        "undo",
        "jump back",
    ] {
        assert!(footer.contains(hint), "{footer}");
    }
}

#[test]
fn a_long_breadcrumb_is_cut_from_the_left() {
    let mut a = app(60, 20);
    go(&mut a, "will-release-openly");
    for _ in 0..6 {
        a.update(Action::NextPane);
        a.focus = Pane::Rebuttals;
        a.update(Action::Follow);
    }
    let header = text(&draw(&a)).lines().next().unwrap().to_string();
    assert!(header.contains("path: …"), "{header}");
    // The last step by its statement, cut (with `…`) to half the room.
    let last: String = a
        .debate
        .text_of(*a.path.last().unwrap())
        .chars()
        .take(12)
        .collect();
    let tail = header.rsplit(" › ").next().unwrap();
    assert!(tail.starts_with(&last), "{header}");
}

#[test]
fn focus_selection_and_sides_are_styled() {
    let mut a = app(140, 40);
    go(&mut a, "will-release-openly");
    let buf = draw(&a);
    let claims = a.areas().pane(Pane::Claims).unwrap();
    let rebuttals = a.areas().pane(Pane::Rebuttals).unwrap();
    // The focused pane's border, and another's.
    assert_eq!(
        buf[(claims.x, claims.y)].fg,
        COLOR.border_focused.fg.unwrap()
    );
    assert_eq!(buf[(rebuttals.x, rebuttals.y)].fg, COLOR.border.fg.unwrap());
    // The selected row, in the focused pane.
    let row = claims.y + 1 + (a.claims.selected - a.claims.offset) as u16;
    assert_eq!(buf[(claims.x + 5, row)].bg, COLOR.selected.bg.unwrap());
    // The selected entry of the unfocused Rebuttals pane.
    let (_, y) = find(&buf, "Rebutted by").unwrap();
    assert_eq!(
        buf[(rebuttals.x + 5, y + 1)].bg,
        COLOR.selected_unfocused.bg.unwrap()
    );
    // Each side's mark in its colour, and the two sides' colours differ.
    let (x0, y0) = find(&buf, "◆ ").unwrap();
    let (x1, y1) = find(&buf, "● ").unwrap();
    assert_eq!(buf[(x0, y0)].fg, COLOR.side(0).fg.unwrap());
    assert_eq!(buf[(x1, y1)].fg, COLOR.side(1).fg.unwrap());
    assert_ne!(COLOR.side(0), COLOR.side(1));
    assert_eq!(Theme::mark(0), "◆");
}

#[test]
fn the_sources_pane_shows_the_whole_statement_wrapped() {
    let mut a = app(140, 40);
    go(&mut a, "will-release-openly");
    let statement = a.debate.text_of(a.current().unwrap()).to_string();
    let t = text(&draw(&a));
    let src = a.areas().pane(Pane::Sources).unwrap();
    // The pane's rows, joined: the statement appears whole, across lines.
    let pane: Vec<String> = t
        .lines()
        .skip(src.y as usize + 1)
        .take(8)
        .map(|l| {
            let cells: String = l.chars().skip(src.x as usize + 1).collect();
            cells.trim_end_matches(['│', ' ']).trim().to_string()
        })
        .collect();
    assert!(pane.join(" ").contains(&statement), "{pane:#?}");
}

#[test]
fn an_overflowing_list_keeps_its_corners() {
    let mut a = app(100, 30);
    a.update(Action::UnfoldAll);
    assert!(a.tree.len() > a.areas().rows(Pane::Claims));
    let buf = draw(&a);
    let claims = a.areas().pane(Pane::Claims).unwrap();
    let right = claims.right() - 1;
    assert_eq!(buf[(right, claims.y)].symbol(), "┐");
    assert_eq!(buf[(right, claims.bottom() - 1)].symbol(), "┘");
}

/// The tree at every usual size down to the smallest: a claim four levels down
/// selected, the rows above it unfolded, guides, marks and counts of folded rows.
#[test]
fn the_tree_at_every_size() {
    for (w, h) in [(140, 40), (100, 30), (60, 20), (40, 12)] {
        let mut a = app(w, h);
        go(&mut a, "frontier-model-forum");
        let t = text(&draw(&a));
        assert_fits(&t, w);
        for mark in ["▾ ", "▸ ", "└─", "+ "] {
            assert!(t.contains(mark), "{mark:?} at {w}×{h}:\n{t}");
        }
        insta::assert_snapshot!(format!("tree_{w}x{h}"), t);
    }
}

/// A focus: the subtree fills the pane, its ancestors a breadcrumb above it; the title
/// says how to step out. Everything unfolded, and at the smallest size.
#[test]
fn a_focus_shows_its_breadcrumb() {
    for (w, h) in [(100, 30), (40, 12)] {
        let mut a = app(w, h);
        a.update(Action::UnfoldAll);
        go(&mut a, "league-under-openai-control");
        a.update(Action::Focus);
        assert_eq!(a.tree.focus().len(), 1);
        let t = text(&draw(&a));
        assert_fits(&t, w);
        assert!(t.contains("focus · Esc out"), "{t}");
        assert!(t.contains(" ›"), "the breadcrumb: {t}");
        insta::assert_snapshot!(format!("focus_{w}x{h}"), t);
    }
}

/// A chain 300 claims deep, unfolded: deep rows show their last levels, the cut
/// marked, and the grid holds; the loop back to the first claim ends in a reference.
#[test]
fn a_deep_chain_keeps_its_rows_readable() {
    let d = edge::chain(300);
    let mut a = App::new(d, Rect::new(0, 0, 60, 20));
    a.update(Action::UnfoldAll);
    a.update(Action::Bottom);
    let t = text(&draw(&a));
    assert_fits(&t, 60);
    assert!(t.contains('…'), "the cut levels are marked: {t}");
    assert!(t.contains("↪"), "the loop ends in a reference: {t}");
    insta::assert_snapshot!("deep_chain_60x20", t);
}

#[test]
fn no_color_uses_no_colour_and_still_marks_everything() {
    let mut a = app(140, 40);
    a.no_color = true;
    go(&mut a, "will-release-openly");
    let buf = draw(&a);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    let claims = a.areas().pane(Pane::Claims).unwrap();
    let row = claims.y + 1 + (a.claims.selected - a.claims.offset) as u16;
    assert!(
        buf[(claims.x + 5, row)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    assert!(MONO.selected.add_modifier.contains(Modifier::REVERSED));
    let t = text(&buf);
    assert!(
        t.contains("◆ ") && t.contains("● "),
        "sides keep their marks"
    );
    // Relations, folds and references are marks too.
    for mark in ["+ ", "− ", "· ", "▸ ", "▾ ", "↪ ", "[3]"] {
        assert!(t.contains(mark), "{mark:?} in\n{t}");
    }
    insta::assert_snapshot!("no_color_140x40", t);
}

#[test]
fn wide_characters_and_controls_keep_the_grid() {
    let yaml = "version: 1\ntitle: \"漢字 🙂 \\e[31m title\"\npositions:\n  - id: p\n    title: \"Posizione è 漢字\"\nclaims:\n  - id: c\n    position: p\n    text: \"漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字 🙂🙂🙂 perché \\u202e evil\"\n";
    let d = debate_tui::domain::load_bytes(
        "w.yaml",
        yaml.as_bytes(),
        &debate_tui::domain::load::EmbeddedFiles(&[]),
    )
    .unwrap()
    .debate;
    for w in [40u16, 60, 100, 140] {
        let a = App::new(d.clone(), Rect::new(0, 0, w, 20));
        let buf = draw(&a);
        for cell in buf.content() {
            assert!(!cell.symbol().contains('\u{1b}'));
            assert!(!cell.symbol().contains('\u{202e}'));
        }
        // Every row still ends with the pane's right border where there is one.
        let t = text(&buf);
        for line in t.lines().skip(1).take(5) {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= w as usize,
                "{line}"
            );
        }
    }
}

/// Huge values display cut, in a grid that holds; drawing reads only what shows.
#[test]
fn huge_values_display_cut_to_the_screen() {
    let big = "parola ".repeat(1_500_000);
    let long_id = "x".repeat(100_000);
    let yaml = format!(
        "version: 1\ntitle: \"{big}\"\npositions:\n  - id: p\n    title: P\n    summary: \"{big}\"\nclaims:\n  - id: {long_id}\n    position: p\n    text: \"{big}\"\n    quotes:\n      - source: s\n        text: \"{big}\"\n        translation: \"{big}\"\nsources:\n  - id: s\n    title: \"{big}\"\n"
    );
    let d = debate_tui::domain::load_bytes(
        "huge.yaml",
        yaml.as_bytes(),
        &debate_tui::domain::load::EmbeddedFiles(&[]),
    )
    .unwrap()
    .debate;
    let mut a = App::new(d, Rect::new(0, 0, 140, 40));
    a.update(Action::Follow);
    let t = text(&draw(&a));
    let lines: Vec<&str> = t.lines().collect();
    assert!(
        lines[0].starts_with(" parola parola") && lines[0].contains("…  path:"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("path: parola"), "{}", lines[0]);
    let claim_row = lines
        .iter()
        .find(|l| l.contains("· ◆ ") && l.contains(" parola"))
        .unwrap();
    assert!(claim_row.contains('…'), "{claim_row}");
    for l in &lines {
        assert!(unicode_width::UnicodeWidthStr::width(*l) <= 140, "{l}");
    }
    // The Sources pane fills with the statement and marks the cut.
    let src = a.areas().pane(Pane::Sources).unwrap();
    let last_row = lines[(src.bottom() - 2) as usize];
    assert!(last_row.contains("parola"), "{last_row}");
}

/// Opens search and types `query`, searching here and now as the worker would.
fn search(a: &mut App, query: &str) {
    a.update(Action::Search);
    for c in query.chars() {
        if let Some(debate_tui::app::Effect::Search { generation, input }) =
            a.update(Action::Type(c))
        {
            let r = debate_tui::app::search::Results::complete(
                a.index.as_deref().expect("indexed"),
                generation,
                &input,
            );
            a.update(Action::SearchResults(r));
        }
    }
}

#[test]
fn the_search_popup_shows_kinds_sides_and_the_count() {
    for (w, h) in [(100, 30), (60, 20), (40, 12)] {
        let mut a = app(w, h);
        search(&mut a, "kill switch");
        let t = text(&draw(&a));
        assert!(t.contains("/ kill switch"), "{t}");
        assert!(t.contains("results"), "{t}");
        assert!(t.contains("claim"), "{t}");
        insta::assert_snapshot!(format!("search_{w}x{h}"), t);
    }
}

/// Each row shows the text it leads to: a speaker's or a tag's result the quote or
/// the claim, a quote the claim or position holding it.
#[test]
fn search_rows_say_what_they_lead_to() {
    for (w, h) in [(80, 24), (100, 30)] {
        for query in ["lecun", "kill-switch", "alignment folks"] {
            let mut a = app(w, h);
            search(&mut a, query);
            let t = text(&draw(&a));
            let name = query.replace(' ', "-");
            insta::assert_snapshot!(format!("search_rows_{name}_{w}x{h}"), t);
        }
    }
    let mut a = app(80, 24);
    search(&mut a, "lecun");
    let t = text(&draw(&a));
    for row in [
        // The holder's id cut to a quarter of the width.
        "quote    ◆ humans-stay-domina… › (speaker) Yann LeCun — Quando i sistemi",
        "claim    ● AI pessimists do not agree with LeCun's statement.",
    ] {
        assert!(t.contains(row), "{row:?}:\n{t}");
    }
    // The same quote held by a side and by a claim: two rows, each saying where.
    let mut a = app(100, 30);
    search(&mut a, "is:quote alignment folks");
    let t = text(&draw(&a));
    for row in [
        "quote    ◆ open-source › (translation) Sorry, alignment folks — Mi dispiace",
        "quote    ◆ will-release-openly › (translation) Sorry, alignment folks — Mi dispiace",
    ] {
        assert!(t.contains(row), "{row:?}:\n{t}");
    }
}

/// `/` again brings the last query back, its results searched again.
#[test]
fn the_search_popup_reopens_with_the_last_query() {
    let mut a = app(80, 24);
    search(&mut a, "food chain");
    a.update(Action::Close);
    let Some(debate_tui::app::Effect::Search { generation, input }) = a.update(Action::Search)
    else {
        panic!("the last query is searched again")
    };
    let r =
        debate_tui::app::search::Results::complete(a.index.as_deref().unwrap(), generation, &input);
    a.update(Action::SearchResults(r));
    let buf = draw(&a);
    let (x, y) = find(&buf, "food chain").expect("the query is back");
    // Selected: typing replaces it.
    assert_eq!(buf[(x, y)].bg, COLOR.selected.bg.unwrap());
    let t = text(&buf);
    assert!(t.contains("2 results"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn the_search_popup_marks_matches_and_says_when_there_are_none() {
    let mut a = app(100, 30);
    // Accents fold: the typed text has none, the match is marked on "possibilità".
    search(&mut a, "possibilita");
    let buf = draw(&a);
    let (x, y) = find(&buf, "possibilità").expect("the accented text is shown");
    for dx in 0..11 {
        let cell = &buf[(x + dx, y)];
        assert!(
            cell.modifier.contains(Modifier::UNDERLINED) && cell.fg == COLOR.matched.fg.unwrap(),
            "{:?} at {dx} is not marked",
            cell.symbol()
        );
    }
    // The character after the match is not marked.
    assert!(!buf[(x + 11, y)].modifier.contains(Modifier::UNDERLINED));

    let mut a = app(100, 30);
    search(&mut a, "zzqqxxjj");
    let t = text(&draw(&a));
    assert!(t.contains("No results for “zzqqxxjj”"), "{t}");
    insta::assert_snapshot!("search_no_results", t);
}

#[test]
fn the_search_popup_keeps_the_grid_with_hostile_input() {
    let mut a = app(60, 20);
    // A typed escape sequence and wide characters must not break the frame.
    search(&mut a, "\u{1b}[2J漢字🙂");
    let buf = draw(&a);
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            assert!(!buf[(x, y)].symbol().contains('\u{1b}'));
        }
    }
    for (w, h) in [(0, 0), (1, 1), (20, 5)] {
        a.update(Action::Resize(w, h));
        draw(&a);
    }
}

/// A path of three steps through the built-in debate: a claim, its first rebuttal,
/// and an unlinked jump.
fn walk(a: &mut App) {
    go(a, "no-kill-switch");
    a.update(Action::Follow);
    a.update(Action::NextPane);
    a.update(Action::Follow);
    a.focus = Pane::Claims;
    go(a, "humans-stay-dominant");
    a.update(Action::AddToPath);
}

#[test]
fn the_path_overlay_and_the_export_prompt() {
    for (w, h) in [(100, 30), (40, 12)] {
        let mut a = app(w, h);
        walk(&mut a);
        assert_eq!(a.path.len(), 3);
        a.update(Action::ShowPath);
        let t = text(&draw(&a));
        assert!(t.contains("Path · 3 steps"), "{t}");
        insta::assert_snapshot!(format!("path_{w}x{h}"), t);
        a.update(Action::Export);
        let t = text(&draw(&a));
        assert!(t.contains("alignment-path.md"), "{t}");
        insta::assert_snapshot!(format!("export_prompt_{w}x{h}"), t);
    }
    // The question before replacing a file.
    let mut a = app(100, 30);
    walk(&mut a);
    a.update(Action::Export);
    a.update(Action::Exported(debate_tui::app::Exported::Exists));
    let t = text(&draw(&a));
    assert!(
        t.contains("already exists") && t.contains("Replace it?"),
        "{t}"
    );
    for size in [(0, 0), (1, 1), (20, 4)] {
        a.update(Action::Resize(size.0, size.1));
        draw(&a);
    }
}

/// The question before quitting with a path never exported, at the usual sizes; what
/// it says of the path depends on whether the path is remembered.
#[test]
fn the_question_before_quitting_with_a_path_never_exported() {
    for (w, h) in [(100, 30), (40, 12)] {
        let mut a = app(w, h);
        walk(&mut a);
        a.remembers = true;
        assert_eq!(a.update(Action::Quit), None);
        let t = text(&draw(&a));
        assert!(t.contains("The path (3 steps) was never exported"), "{t}");
        assert!(t.contains("q quit"), "{t}");
        assert_fits(&t, w);
        insta::assert_snapshot!(format!("quit_question_{w}x{h}"), t);
    }
    let mut a = app(100, 30);
    walk(&mut a);
    a.update(Action::Quit);
    let t = text(&draw(&a));
    assert!(t.contains("quitting loses it"), "{t}");
    for size in [(0, 0), (1, 1), (20, 4)] {
        a.update(Action::Resize(size.0, size.1));
        draw(&a);
    }
}

#[path = "support/edge.rs"]
mod edge;

/// Every row of a frame fits its width.
fn assert_fits(t: &str, w: u16) {
    for l in t.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(l) <= w as usize,
            "{l:?} is wider than {w}"
        );
    }
}

/// A 10 MB quote: the Sources pane shows its start and marks the cut; the source view
/// opens at it; both at a usual and a tiny size.
#[test]
fn a_ten_megabyte_quote_shows_cut_in_the_pane_and_whole_in_the_source_view() {
    let d = edge::huge_quote(10 * 1024 * 1024);
    assert!(d.claims[0].quotes[0].text.len() > 10_000_000);
    for (w, h) in [(80, 24), (40, 12)] {
        let mut a = App::new(d.clone(), Rect::new(0, 0, w, h));
        assert_eq!(a.debate.id_of(a.current().unwrap()), "long");
        a.update(Action::NextPane);
        a.update(Action::NextPane);
        let t = text(&draw(&a));
        assert_fits(&t, w);
        assert!(t.contains("Sources (1)"), "{t}");
        assert!(t.contains("“parola lunga"), "{t}");
        assert!(t.contains('…'), "the cut shows: {t}");
        // Enter: the source's text at the quoted passage, which fills the view.
        a.update(Action::Follow);
        let t = text(&draw(&a));
        assert_fits(&t, w);
        assert!(t.contains("passage 1/1"), "{t}");
        assert!(t.contains("citazione vera"), "{t}");
        a.update(Action::Bottom);
        let t = text(&draw(&a));
        assert!(t.contains("After it."), "the end of the source: {t}");
        if w == 80 {
            insta::assert_snapshot!("huge_quote_source_view_80x24", t);
        }
        a.update(Action::Resize(3, 2));
        draw(&a);
    }
}

/// 10,000 rebuttals of one claim: the count shows, the pane scrolls to the last one.
#[test]
fn ten_thousand_rebuttals_scroll_with_their_count() {
    let d = edge::many_rebuttals(10_000);
    let mut a = App::new(d, Rect::new(0, 0, 80, 24));
    assert_eq!(a.debate.id_of(a.current().unwrap()), "target");
    let t = text(&draw(&a));
    assert!(
        t.contains("[10000]"),
        "the rows the folded claim hides: {t}"
    );
    assert!(t.contains("Rebutted by (10000)"), "{t}");
    a.update(Action::NextPane);
    a.update(Action::Bottom);
    let last = a.debate.lookup("r9999").unwrap();
    assert!(
        matches!(a.links[a.links_pos.selected], debate_tui::app::LinkRow::Entry(_, n) if n == last)
    );
    let t = text(&draw(&a));
    assert!(t.contains("Rebuttal number 9999"), "{t}");
    assert_fits(&t, 80);
    insta::assert_snapshot!("ten_thousand_rebuttals_80x24", t);
    // Page up moves a page, not to the top; Enter follows the selected rebuttal.
    a.update(Action::PageUp);
    assert!(a.links_pos.selected > 9_000);
    a.update(Action::Follow);
    assert_eq!(a.path.len(), 2);
    let t = text(&draw(&a));
    assert!(t.contains("Rebuts (1)"), "{t}");
    for (w, h) in [(40, 12), (1, 1)] {
        a.update(Action::Resize(w, h));
        assert_fits(&text(&draw(&a)), w);
    }
}

/// a rebuts b rebuts a: the path walks round the cycle as long as one likes, each step
/// linked to the one before, and its export is a finite document.
#[test]
fn a_cycle_of_rebuttals_walks_and_exports_finitely() {
    let d = edge::cycle();
    let mut a = App::new(d, Rect::new(0, 0, 80, 24));
    let (ida, idb) = (a.debate.lookup("a").unwrap(), a.debate.lookup("b").unwrap());
    assert_eq!(a.current(), Some(ida));
    a.update(Action::Follow); // the path starts at a
    a.update(Action::NextPane);
    for _ in 0..10 {
        let here = a.current().unwrap();
        // The entry of the other claim of the cycle, under "Rebutted by".
        let other = if here == ida { idb } else { ida };
        a.links_pos.selected = a
            .links
            .iter()
            .position(|r| {
                matches!(r, debate_tui::app::LinkRow::Entry(debate_tui::app::Group::RebuttedBy, n) if *n == other)
            })
            .expect("the other claim rebuts this one");
        a.update(Action::Follow);
        assert_eq!(a.current(), Some(other));
    }
    assert_eq!(a.path.len(), 11);
    for i in 1..a.path.len() {
        let j = debate_tui::domain::graph::path::joint(&a.debate, &a.path, i);
        assert!(
            matches!(j, debate_tui::domain::graph::path::Joint::Linked(_)),
            "step {i}: {j:?}"
        );
    }
    let t = text(&draw(&a));
    assert!(t.contains("path: …"), "{t}");
    assert!(
        t.contains(" › A says so. › B says not. ›") || t.contains(" › B says not. › A says so. ›"),
        "{t}"
    );
    let md = debate_tui::domain::export::markdown(&a.debate, &a.standing, &a.path);
    assert_eq!(md.matches("\n## ").count(), 11, "{md}");
    assert!(md.len() < 10_000);
    let dot = debate_tui::domain::export::dot(&a.debate, Some(&a.path));
    assert_eq!(dot.matches(" -> ").count(), 10, "{dot}");
    // The graph of the whole debate draws the cycle once.
    let all = debate_tui::domain::export::dot(&a.debate, None);
    assert_eq!(all.matches(" -> ").count(), 3, "{all}");
}

/// A claim with no quote says so in the Sources pane, and Enter there says why nothing
/// opens.
#[test]
fn a_claim_without_quotes_says_so() {
    let d = edge::cycle();
    let mut a = App::new(d, Rect::new(0, 0, 80, 24));
    a.update(Action::PreviousPane);
    let t = text(&draw(&a));
    assert!(t.contains("Sources (0)"), "{t}");
    assert!(t.contains("Unsourced: no quote, no citation."), "{t}");
    a.update(Action::Follow);
    assert_eq!(a.overlay, debate_tui::app::Overlay::None);
    assert!(a.status.as_deref().unwrap().contains("cites no source"));
    let t = text(&draw(&a));
    assert!(t.contains("No quote to open"), "{t}");
}

/// A debate of positions only: each pane says there is nothing, and every key does
/// nothing harmful.
#[test]
fn a_debate_with_no_claims_says_so_and_keys_do_no_harm() {
    let d = edge::no_claims();
    let mut a = App::new(d, Rect::new(0, 0, 80, 24));
    let t = text(&draw(&a));
    assert!(t.contains("Claims (0)"), "{t}");
    assert!(t.contains("No claims in this debate."), "{t}");
    assert!(t.contains("No rebuttals yet"), "{t}");
    assert!(t.contains("No quotes for this position."), "{t}");
    insta::assert_snapshot!("no_claims_80x24", t);
    for action in [
        Action::Down,
        Action::Bottom,
        Action::PageDown,
        Action::NextPane,
        Action::Follow,
        Action::NextPane,
        Action::Follow,
        Action::Back,
        Action::AddToPath,
        Action::ShowPath,
        Action::RemoveStep,
        Action::RemoveStep,
        Action::Close,
        Action::Export,
        Action::Search,
        Action::Type('p'),
        Action::Follow,
        Action::Help,
        Action::Close,
    ] {
        a.update(action);
        assert!(a.claims.selected < a.tree.len());
        assert!(a.path.iter().all(|&n| a.debate.contains(n)));
        assert_fits(&text(&draw(&a)), 80);
    }
}

/// A million combining marks on one letter, in a claim and in a source: every cell
/// drawn holds a bounded text, wherever the marks show.
#[test]
fn a_million_combining_marks_stay_bounded_on_screen() {
    let marks = format!("a{}", "\u{301}".repeat(1_000_000));
    let source: &'static str = Box::leak(format!("The start. {marks} The end.\n").into_boxed_str());
    let files: &'static [(&str, &str)] = Box::leak(Box::new([("m.txt", source)]));
    let yaml = format!(
        "version: 1\ntitle: \"{marks}\"\nsources:\n  - id: m\n    title: M\n    file: m.txt\npositions:\n  - id: p\n    title: P\nclaims:\n  - id: c\n    position: p\n    text: \"{marks}\"\n    quotes:\n      - source: m\n        text: The start.\n"
    );
    let d = edge::load(&yaml, files);
    let mut a = App::new(d, Rect::new(0, 0, 80, 24));
    let biggest = |buf: &Buffer| buf.content().iter().map(|c| c.symbol().len()).max();
    assert!(biggest(&draw(&a)).unwrap() < 4096);
    a.focus = Pane::Sources;
    a.update(Action::Follow);
    assert!(matches!(a.overlay, debate_tui::app::Overlay::Source(_)));
    let buf = draw(&a);
    assert!(text(&buf).contains("The start."));
    assert!(biggest(&buf).unwrap() < 4096);
}

/// A debate whose claims cite sources as a whole and whose quotes carry speech acts.
fn cited(w: u16, h: u16) -> App {
    let yaml = include_str!("fixtures/cited.yaml");
    let d = debate_tui::domain::load_bytes(
        "cited.yaml",
        yaml.as_bytes(),
        &debate_tui::domain::load::EmbeddedFiles(&[]),
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .debate;
    App::new(d, Rect::new(0, 0, w, h))
}

/// The Sources pane lists a claim's quotes with their speech acts, then the sources it
/// cites (title, url, excerpt); at a usual size and, one pane at a time, a small one.
#[test]
fn the_sources_pane_lists_citations_and_speech_acts() {
    let mut a = cited(100, 36);
    go(&mut a, "cap-protects");
    let t = text(&draw(&a));
    assert!(t.contains("Sources (2)"), "{t}");
    assert!(t.contains("Fiona Bruce asks:"), "{t}");
    assert!(
        t.contains("— BBC Question Time"),
        "the speaker is named once: {t}"
    );
    assert!(t.contains("Cites: Energy price cap explained"), "{t}");
    assert!(
        t.contains("https://www.ofgem.gov.uk/energy-price-cap"),
        "{t}"
    );
    assert!(t.contains("“The cap limits the unit rates"), "{t}");
    assert!(!t.contains("Unsourced"), "{t}");
    insta::assert_snapshot!("sources_with_citations_100x36", t);
    // The last citation selected: all entries still show when they fit (below the
    // label, a row taller).
    a.update(Action::Resize(100, 38));
    go(&mut a, "cap-misleads");
    a.focus = Pane::Sources;
    a.update(Action::Bottom);
    let t = text(&draw(&a));
    for shown in [
        "  concedes:",
        "  Cites: Energy price cap explained",
        "▌ Cites: Supplier failures since 2021",
        "3/3",
    ] {
        assert!(t.contains(shown), "{shown:?}: {t}");
    }

    let mut a = cited(40, 12);
    go(&mut a, "cap-misleads");
    a.update(Action::PreviousPane);
    let t = text(&draw(&a));
    assert_fits(&t, 40);
    assert!(t.contains("concedes:"), "an act without a speaker: {t}");
    insta::assert_snapshot!("sources_with_citations_40x12", t);
    // Down selects each citation in turn, shown first when the pane is full.
    a.update(Action::Down);
    a.update(Action::Down);
    assert_eq!(a.quote, 2);
    let t = text(&draw(&a));
    assert_fits(&t, 40);
    assert!(t.contains("Cites: Supplier"), "{t}");
    assert!(t.contains("3/3"), "{t}");
    insta::assert_snapshot!("sources_second_citation_40x12", t);
}

/// Without colour, the act and the citation still read as words.
#[test]
fn speech_acts_and_citations_read_without_colour() {
    let mut a = cited(140, 40);
    a.no_color = true;
    go(&mut a, "cap-protects");
    let buf = draw(&a);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
    }
    let t = text(&buf);
    assert!(t.contains("Fiona Bruce asks:"), "{t}");
    assert!(t.contains("Cites: Energy price cap explained"), "{t}");
}

/// The source view names the speech act of the passage in view.
#[test]
fn the_source_view_names_the_speech_act() {
    let yaml = "version: 1
title: T
sources:
  - id: qt
    title: Transcript
    file: qt.txt
positions:
  - id: p
    title: P
claims:
  - id: c
    position: p
    text: C
    quotes:
      - source: qt
        speaker: Fiona Bruce
        act: asks
        text: Who wants to know?
";
    let d = debate_tui::domain::load_bytes(
        "q.yaml",
        yaml.as_bytes(),
        &debate_tui::domain::load::EmbeddedFiles(&[(
            "qt.txt",
            "Fiona Bruce: Who wants to know? A hand goes up.",
        )]),
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .debate;
    let mut a = App::new(d, Rect::new(0, 0, 100, 30));
    a.focus = Pane::Sources;
    a.update(Action::Follow);
    let t = text(&draw(&a));
    assert!(
        t.contains("Transcript · passage 1/1 · C · Fiona Bruce asks"),
        "{t}"
    );
}

/// A claim found by a source it cites says so in its result row.
#[test]
fn a_result_found_by_a_citation_says_so() {
    let mut a = cited(100, 30);
    search(&mut a, "standing charges");
    let t = text(&draw(&a));
    // The excerpt around the match, then the text the row leads to.
    for row in [
        "claim    ● (cites excerpt) … and standing charges … — People read the cap",
        "position ◆ (cites excerpt) … and standing charges … — Keep the price cap",
    ] {
        assert!(t.contains(row), "{row:?}:\n{t}");
    }
    a.update(Action::Close);
    search(&mut a, "example.org");
    let t = text(&draw(&a));
    assert!(
        t.contains("(cites url) https://example.org/supplier-failures"),
        "{t}"
    );
}

/// Opening an imported debate, the status line says what the import left out, cut to
/// the width; the next key clears it.
#[test]
fn the_status_line_says_what_an_import_left_out() {
    use debate_tui::domain::Diagnostic;
    let warnings = vec![
        Diagnostic::warning("qt.json", "12 RA nodes without a conclusion left out"),
        Diagnostic::warning("qt.json", "3 MA nodes (rephrases) kept as text"),
        Diagnostic::warning("qt.json", "\u{1b}[2J a third"),
    ];
    for (w, h) in [(140, 40), (60, 20)] {
        let mut a = cited(w, h);
        a.say_warnings(&warnings, "maps/qt 30.json");
        let t = text(&draw(&a));
        assert_fits(&t, w);
        let footer = t.lines().last().unwrap();
        assert!(
            footer.starts_with(" 3 warnings: 12 RA nodes without a conclusion left out"),
            "{footer}"
        );
        if w == 140 {
            assert!(
                footer.contains("… (debate-tui check 'maps/qt 30.json' lists them)"),
                "{footer}"
            );
        } else {
            assert!(footer.contains('…'), "cut to the width: {footer}");
        }
        insta::assert_snapshot!(format!("import_warnings_{w}x{h}"), t);
        a.update(Action::Down);
        assert!(!text(&draw(&a)).contains("3 warnings"));
    }
}

/// The what-if of the README: the worry that rebuts the open-source side set aside,
/// seen from that side, selected in the Claims pane (the Sources pane says why it
/// stands).
fn supposing(w: u16, h: u16, no_color: bool) -> (App, Buffer) {
    let mut a = app(w, h);
    a.no_color = no_color;
    go(&mut a, "worse-than-sharing-data");
    a.update(Action::SetAside);
    go(&mut a, "open-source");
    let buf = draw(&a);
    (a, buf)
}

#[test]
fn status_marks_and_a_what_if_at_100x30_and_80x24() {
    for (w, h) in [(100, 30), (80, 24)] {
        let (a, buf) = supposing(w, h, false);
        let t = text(&buf);
        assert_fits(&t, w);
        // The label of the side and why, a set-aside mark, and the footer's what-if.
        assert!(t.contains("◉ Stands:"), "{t}");
        assert!(t.contains("⊘ "), "{t}");
        assert!(
            t.contains("supposing 1 claim fails: worse-than-sharing-data"),
            "{t}"
        );
        let (x, y) = find(&buf, "⊘").unwrap();
        assert_eq!(buf[(x, y)].fg, COLOR.set_aside.fg.unwrap());
        let (x, y) = find(&buf, "◉ Stands").unwrap();
        assert_eq!(buf[(x, y)].fg, COLOR.stands.fg.unwrap());
        insta::assert_snapshot!(format!("status_what_if_{w}x{h}"), t);
        // Hidden: no mark, no label; the what-if stays said.
        let mut hidden = a.clone();
        hidden.update(Action::ToggleStatus);
        let t = text(&draw(&hidden));
        for mark in ["◉", "○", "◐", "⊘", "Stands:"] {
            assert!(!t.contains(mark), "{mark} while hidden: {t}");
        }
    }
}

#[test]
fn status_marks_read_without_colour() {
    let (_, buf) = supposing(80, 24, true);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    let t = text(&buf);
    assert!(t.contains("◉ Stands:") && t.contains("⊘ "), "{t}");
    insta::assert_snapshot!("status_what_if_no_color_80x24", t);
    // Each mark is one column, none of them a side's mark.
    for mark in [theme::STANDS, theme::FALLS, theme::OPEN, theme::SET_ASIDE] {
        assert_eq!(unicode_width::UnicodeWidthStr::width(mark), 1, "{mark}");
        assert!(!theme::SIDE_MARKS.contains(&mark), "{mark}");
        assert!(!["✗", "✓"].contains(&mark), "{mark}");
    }
}

/// The footer's last row.
fn footer_of(t: &str) -> String {
    t.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_footer_keeps_the_essential_hints_as_it_narrows() {
    for w in 40..=140 {
        for focus in [Pane::Claims, Pane::Rebuttals, Pane::Sources] {
            let mut a = app(w, 24);
            a.focus = focus;
            a.update(Action::Resize(w, 24));
            let footer = footer_of(&text(&draw(&a)));
            let enter = match focus {
                Pane::Claims => "Enter step",
                Pane::Rebuttals => "Enter follow",
                Pane::Sources => "Enter read",
            };
            for hint in ["/ search", enter, "q quit", "? help"] {
                assert!(footer.contains(hint), "{w} columns, {focus:?}: {footer}");
            }
            if w >= 60 {
                assert!(footer.contains("Tab "), "{w} columns, {focus:?}: {footer}");
            }
        }
    }
    // Tab names the pane it goes to: the focus moves only that way.
    let mut a = app(80, 24);
    assert!(footer_of(&text(&draw(&a))).contains("Tab rebuttals"));
    a.update(Action::NextPane);
    assert!(footer_of(&text(&draw(&a))).contains("Tab sources"));
}

#[test]
fn help_says_when_more_is_above_or_below() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut a = app(w, h);
        a.update(Action::Help);
        let top = text(&draw(&a));
        let border = top.lines().nth(h as usize - 2).unwrap();
        assert!(border.contains("↓ more below: ↓ PgDn G"), "{border}");
        insta::assert_snapshot!(format!("help_top_{w}x{h}"), top);
        a.update(Action::PageDown);
        let middle = text(&draw(&a));
        assert!(middle.contains("↑↓ more above and below"), "{middle}");
        a.update(Action::Bottom);
        let end = text(&draw(&a));
        let border = end.lines().nth(h as usize - 2).unwrap();
        assert!(border.contains("↑ more above: ↑ PgUp g"), "{border}");
        insta::assert_snapshot!(format!("help_end_{w}x{h}"), end);
    }
    // Tall enough for all of it: nothing to say.
    let mut a = app(120, 200);
    a.update(Action::Help);
    assert!(!text(&draw(&a)).contains("more "));
}

#[test]
fn too_small_says_keys_wait() {
    let mut a = app(30, 8);
    for action in [Action::Search, Action::Type('a'), Action::Help] {
        a.update(action);
    }
    a.update(Action::Resize(80, 24));
    let t = text(&draw(&a));
    assert!(!t.contains("Search ·") && !t.contains("Help ·"), "{t}");
}

/// The export prompt over the path of `walk`, the name replaced by `name`.
fn export_prompt(w: u16, h: u16, name: &str) -> App {
    let mut a = app(w, h);
    walk(&mut a);
    a.update(Action::Export);
    a.update(Action::ClearInput);
    for c in name.chars() {
        a.update(Action::Type(c));
    }
    a
}

#[test]
fn the_export_prompt_shows_its_cursor_and_wraps_its_errors() {
    let error = "cannot write /home/reader/notes/debates/alignment-path.md: writing: \
                 permission denied (the folder is not writable by you); choose another \
                 folder, or ~/ for your home";
    for (w, h) in [(80, 24), (100, 30)] {
        let mut a = export_prompt(w, h, "~/notes/漢字-path.md");
        for _ in 0..8 {
            a.update(Action::CursorLeft);
        }
        a.update(Action::Exported(debate_tui::app::Exported::Failed(
            error.into(),
        )));
        let t = text(&draw(&a));
        // The whole message, over several rows of the box, nothing cut.
        let buf = draw(&a);
        let (x, top) = find(&buf, "File: ").unwrap();
        let rows: Vec<String> = (top..buf.area.height)
            .take_while(|&y| buf[(x - 1, y)].symbol() == "│")
            .map(|y| {
                let row: String = (x..x + 70).map(|cx| buf[(cx, y)].symbol()).collect();
                row.trim_end().to_string()
            })
            .collect();
        assert!(!rows.iter().any(|r| r.contains('…')), "{rows:#?}");
        let said = rows.join(" ");
        assert!(said.contains(error), "{rows:#?}");
        assert_fits(&t, w);
        insta::assert_snapshot!(format!("export_error_{w}x{h}"), t);
        // The cursor: one cell in the selection's colours, on the character it stands
        // before (after two wide ones).
        let buf = draw(&a);
        let (x, y) = find(&buf, "File: ").unwrap();
        let cursor: Vec<_> = (x..buf.area.width)
            .filter(|&cx| buf[(cx, y)].bg == COLOR.selected.bg.unwrap())
            .collect();
        assert_eq!(cursor.len(), 1, "{cursor:?}");
        assert_eq!(buf[(cursor[0], y)].symbol(), "-");
        // On a wide character: the cursor covers it whole, and the row keeps its grid.
        a.update(Action::CursorLeft);
        let buf = draw(&a);
        let (x, y) = find(&buf, "File: ").unwrap();
        let under: Vec<_> = (x..buf.area.width)
            .filter(|&cx| buf[(cx, y)].bg == COLOR.selected.bg.unwrap())
            .map(|cx| buf[(cx, y)].symbol().to_string())
            .collect();
        assert_eq!(under.first().map(String::as_str), Some("字"), "{under:?}");
        assert_fits(&text(&buf), w);
    }
}

#[test]
fn the_question_before_replacing_shows_y_and_n_in_the_footer() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut a = export_prompt(w, h, "path.md");
        a.update(Action::Exported(debate_tui::app::Exported::Exists));
        let t = text(&draw(&a));
        let footer = footer_of(&t);
        assert!(
            footer.contains("y replace") && footer.contains("n choose"),
            "{footer}"
        );
        assert!(
            !footer.contains("clear") && !footer.contains("write"),
            "{footer}"
        );
        insta::assert_snapshot!(format!("export_confirm_{w}x{h}"), t);
    }
}

#[test]
fn copying_says_what_was_copied() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut a = app(w, h);
        go(&mut a, "no-kill-switch");
        assert!(a.update(Action::Copy).is_some());
        let t = text(&draw(&a));
        assert!(footer_of(&t).starts_with(" copied: "), "{t}");
        insta::assert_snapshot!(format!("copied_{w}x{h}"), footer_of(&t));
    }
}

#[path = "support/hostile.rs"]
mod hostile;

/// The built-in article open at the quote of `claim`.
fn source_view(w: u16, h: u16, claim: &str) -> App {
    let mut a = app(w, h);
    go(&mut a, claim);
    a.focus = Pane::Sources;
    a.update(Action::Follow);
    a
}

/// The text of the cells drawn in `bg`, in reading order.
fn cells_with_bg(buf: &Buffer, bg: Color) -> String {
    buf.content()
        .iter()
        .filter(|c| c.bg == bg)
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn a_search_of_the_source_marks_its_matches_and_the_current_one() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut a = source_view(w, h, "no-kill-switch");
        a.update(Action::Search);
        for ch in "Open Source".chars() {
            a.update(Action::Type(ch));
        }
        let typing = text(&draw(&a));
        assert!(typing.contains("search /Open Source▏"), "{typing}");
        a.update(Action::Follow);
        a.update(Action::NextMatch);
        let buf = draw(&a);
        let t = text(&buf);
        assert_fits(&t, w);
        // The first match from the top of the view, then the next one.
        assert!(t.contains("match ") && t.contains("/15 ·"), "{t}");
        // The footer names the keys of an active search.
        assert!(
            t.contains("n next match") && t.contains("Esc end search"),
            "{t}"
        );
        let current = cells_with_bg(&buf, COLOR.found_current.bg.unwrap());
        assert_eq!(current.to_lowercase(), "open source");
        assert!(!cells_with_bg(&buf, COLOR.found.bg.unwrap()).is_empty());
        insta::assert_snapshot!(format!("source_search_{w}x{h}"), t);
        // Ended: no mark left, and n walks passages again.
        a.update(Action::EndFind);
        let buf = draw(&a);
        assert!(cells_with_bg(&buf, COLOR.found_current.bg.unwrap()).is_empty());
        assert!(text(&buf).contains("n next quote"));
    }
}

#[test]
fn t_shows_the_translation_under_the_source() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut a = source_view(w, h, "no-kill-switch");
        a.update(Action::ToggleTranslation);
        let t = text(&draw(&a));
        assert_fits(&t, w);
        assert!(t.contains("Translation of the passage"), "{t}");
        assert!(t.contains("kill switch"), "{t}");
        insta::assert_snapshot!(format!("source_translation_{w}x{h}"), t);
    }
}

/// A claim whose quote has a translation far longer than the Sources pane.
fn long_entry(w: u16, h: u16) -> App {
    let words: Vec<String> = (0..300).map(|i| format!("word{i}")).collect();
    let yaml = format!(
        "version: 1\ntitle: T\nsources:\n  - id: s\n    title: Interview\npositions:\n  - id: p\n    title: P\nclaims:\n  - id: long\n    position: p\n    text: A claim whose quote is long.\n    quotes:\n      - source: s\n        text: Short words.\n        translation: {}\n      - source: s\n        text: A second quote.\n",
        words.join(" ")
    );
    let d = debate_tui::domain::load_bytes(
        "l.yaml",
        yaml.as_bytes(),
        &debate_tui::domain::load::EmbeddedFiles(&[]),
    )
    .unwrap()
    .debate;
    let mut a = App::new(d, Rect::new(0, 0, w, h));
    go(&mut a, "long");
    a.update(Action::NextPane);
    a.update(Action::NextPane);
    a
}

#[test]
fn a_long_entry_shows_alone_and_scrolls_in_the_sources_pane() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut a = long_entry(w, h);
        let t = text(&draw(&a));
        assert!(t.contains("“Short words.”") && t.contains("word0 "), "{t}");
        for _ in 0..10 {
            a.update(Action::Down);
        }
        let t = text(&draw(&a));
        assert_fits(&t, w);
        assert!(t.contains("1/2 · line 11"), "{t}");
        assert!(!t.contains("“Short words.”"), "scrolled past: {t}");
        insta::assert_snapshot!(format!("sources_long_entry_{w}x{h}"), t);
        // To its end: the last word shows, then j goes to the next quote.
        while a.quote == 0 {
            let before = text(&draw(&a));
            a.update(Action::Down);
            if a.quote == 1 {
                assert!(before.contains("word299"), "{before}");
            }
        }
        assert!(text(&draw(&a)).contains("A second quote."));
    }
}

#[test]
fn the_sources_pane_shows_the_selected_link_in_full() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut a = app(w, h);
        go(&mut a, "open-source");
        a.update(Action::NextPane);
        a.update(Action::Down);
        let t = text(&draw(&a));
        assert_fits(&t, w);
        assert!(t.contains("Sources · the selected link"), "{t}");
        insta::assert_snapshot!(format!("sources_selected_link_{w}x{h}"), t);
    }
}

/// Control characters, bidi, a very long line and wide characters in a quote, its
/// translation and the source's text: drawn safe in the pane, scrolled, in the
/// source view, its search and its translation.
#[test]
fn hostile_text_reads_safely_in_every_reading_view() {
    let wide = "漢字🙂".repeat(400);
    // Leaked: the embedded files of a test live as long as it does.
    let source: &'static str =
        Box::leak(format!("{}{wide}\n", hostile::source_text()).into_boxed_str());
    let files: &'static [(&'static str, &'static str)] =
        Box::leak(vec![("talk.txt", source)].into_boxed_slice());
    let yaml = hostile::valid_yaml("talk.txt").replace(
        "translation: \"Translation ",
        &format!("translation: \"{wide} "),
    );
    let d = debate_tui::domain::load_bytes(
        "h.yaml",
        yaml.as_bytes(),
        &debate_tui::domain::load::EmbeddedFiles(files),
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .debate;
    for (w, h) in [(80, 24), (100, 30), (40, 12)] {
        let mut a = App::new(d.clone(), Rect::new(0, 0, w, h));
        go(&mut a, "first");
        a.update(Action::NextPane);
        a.update(Action::NextPane);
        let mut screens = vec![draw(&a)];
        for _ in 0..5 {
            a.update(Action::ScrollEntryDown);
        }
        screens.push(draw(&a));
        a.update(Action::Follow);
        a.update(Action::ToggleTranslation);
        screens.push(draw(&a));
        a.update(Action::Search);
        for ch in "pwned".chars() {
            a.update(Action::Type(ch));
        }
        screens.push(draw(&a));
        a.update(Action::Follow);
        a.update(Action::NextMatch);
        screens.push(draw(&a));
        for buf in &screens {
            let t = text(buf);
            assert_fits(&t, w);
            for cell in buf.content() {
                for bad in hostile::FORBIDDEN {
                    assert!(!cell.symbol().contains(bad), "{bad:?} at {w}×{h}: {t}");
                }
                assert!(!cell.symbol().contains('\u{1b}'), "ESC at {w}×{h}");
            }
        }
        let t = text(&screens[4]);
        if w >= 80 {
            assert!(t.contains("match "), "{t}");
        }
    }
}

#[test]
fn the_narrow_layout_previews_the_selected_link_under_the_rebuttals() {
    let mut a = app(60, 20);
    go(&mut a, "open-source");
    a.update(Action::NextPane);
    for _ in 0..3 {
        let Some(debate_tui::app::LinkRow::Entry(_, node)) =
            a.links.get(a.links_pos.selected).copied()
        else {
            panic!("a link is selected")
        };
        let t = text(&draw(&a));
        assert_fits(&t, 60);
        assert!(t.contains("─ Selected ─"), "{t}");
        // The statement's first words, which the row itself cuts.
        let body: String = t
            .lines()
            .skip_while(|l| !l.contains("─ Selected ─"))
            .skip(1)
            .map(|l| l.trim_matches(['│', ' ']).to_string() + " ")
            .collect();
        let words: Vec<&str> = a.debate.text_of(node).split_whitespace().take(8).collect();
        assert!(body.starts_with(&words.join(" ")), "{body}\n{t}");
        a.update(Action::Down);
    }
}

/// The built-in debate read again with two links to claims that do not exist.
fn broken_reload(a: &mut App) {
    let broken =
        builtin::DEBATE_YAML.replacen("supports: [open-source]", "supports: [no-such-claim]", 2);
    let err = debate_tui::domain::load_bytes(
        "debate.yaml",
        broken.as_bytes(),
        &debate_tui::domain::load::EmbeddedFiles(builtin::FILES),
    )
    .unwrap_err();
    a.reload_failed(&err, "debate.yaml");
}

#[test]
fn a_reload_with_problems_shows_its_line_and_its_report_at_every_size() {
    for (w, h) in [(140, 40), (80, 24), (40, 12)] {
        let mut a = app(w, h);
        broken_reload(&mut a);
        let t = text(&draw(&a));
        let footer = t.lines().last().unwrap();
        assert!(
            footer.contains("debate.yaml: 2 problem"),
            "{w}×{h}: {footer}"
        );
        if w >= 80 {
            assert!(footer.contains("R report"), "{w}×{h}: {footer}");
        }
        // The way to quit and to help stays, however long the line.
        assert!(footer.contains("q quit"), "{w}×{h}: {footer}");
        a.update(Action::ShowReport);
        let t = text(&draw(&a));
        assert!(t.contains("no-such-claim"), "{w}×{h}:\n{t}");
        if w == 80 {
            insta::assert_snapshot!(t);
        }
    }
}

/// A filter that nothing can pass (a side that does not exist, a kind or a label
/// misspelt) is named, with what it takes, rather than a bare "No results".
#[test]
fn a_search_with_a_filter_nothing_passes_says_which() {
    for (query, says) in [
        (
            "side:nope kill",
            "no side “nope” (open-source, alignment, authors-reading)",
        ),
        (
            "is:claims kill",
            "is: takes claim, quote, position or source",
        ),
        ("status:stand kill", ""),
        ("status:xyz", "status: takes stands, falls or open"),
    ] {
        let mut a = app(100, 30);
        search(&mut a, query);
        let t = text(&draw(&a));
        if says.is_empty() {
            assert!(!t.contains("No results"), "{query}:\n{t}");
        } else {
            assert!(
                t.contains(&format!("No results for “{query}”: {says}")),
                "{query}:\n{t}"
            );
        }
    }
}

/// An entry longer than the focused Sources pane says so in the corner from its first
/// line, before any scrolling: a lone quote has no "1/2" to hint that there is more.
#[test]
fn a_long_entry_says_where_it_is_before_it_scrolls() {
    for (w, h) in [(80, 24), (100, 30)] {
        let a = long_entry(w, h);
        let t = text(&draw(&a));
        assert!(t.contains("1/2 · line 1 "), "{t}");
    }
    // The built-in debate's claim with one quote: cut at its translation at 80×24,
    // whole at 100×30, where the corner says nothing (one entry, no scrolling).
    for (w, h, cut) in [(80, 24, true), (100, 30, false)] {
        let mut a = app(w, h);
        go(&mut a, "altman-kill-switch");
        a.update(Action::NextPane);
        a.update(Action::NextPane);
        let t = text(&draw(&a));
        assert_eq!(t.contains("1/1 · line 1 "), cut, "{t}");
        assert_eq!(t.contains("· line"), cut, "{t}");
    }
}

/// Help's legend of the sides names the first six and says how many more there are,
/// rather than dropping them without a word.
#[test]
fn help_says_how_many_sides_it_does_not_name() {
    let positions: String = (1..=8)
        .map(|i| format!("  - {{id: s{i}, title: S{i}}}\n"))
        .collect();
    let yaml = format!(
        "version: 1\ntitle: T\nsources: []\npositions:\n{positions}claims:\n  - {{id: c, position: s1, text: A claim., supports: [s1]}}\n"
    );
    let mut a = app_of_yaml(&yaml, 120, 30);
    a.update(Action::Help);
    let t = text(&draw(&a));
    assert!(t.contains("S6   and 2 more"), "{t}");
}

/// Enter does one thing in each pane, and the footer names that thing: a step of the
/// path in the Claims pane, following the link in Rebuttals, reading the quote in its
/// source in Sources; never "open", which it does in none but the last.
#[test]
fn the_footer_names_what_enter_does_in_each_pane() {
    let mut a = app(100, 30);
    for expected in ["Enter step", "Enter follow", "Enter read"] {
        let footer = footer_of(&text(&draw(&a)));
        assert!(footer.contains(expected), "{footer}");
        assert!(!footer.contains("Enter open"), "{footer}");
        a.update(Action::NextPane);
    }
}

/// The explorer of a debate written here, with no source files.
fn app_of_yaml(yaml: &str, w: u16, h: u16) -> App {
    let files = debate_tui::domain::load::EmbeddedFiles(&[]);
    let loaded = debate_tui::domain::load_bytes("t.yaml", yaml.as_bytes(), &files);
    App::new(loaded.unwrap().debate, Rect::new(0, 0, w, h))
}

/// A focus on a position: it answers nothing, so no breadcrumb and no bare separator
/// stand above it; its title is the pane's first row.
#[test]
fn a_focus_on_a_position_shows_no_bare_separator() {
    let mut a = app(100, 30);
    let first = a.tree.rows()[0].node;
    assert!(matches!(first, debate_tui::domain::NodeId::Position(_)));
    a.update(Action::GoTo(Place::at(first)));
    a.update(Action::Focus);
    assert_eq!(a.tree.focus(), [first]);
    let t = text(&draw(&a));
    assert!(t.contains("focus · Esc out"), "{t}");
    assert!(!t.contains(" ›"), "a bare separator: {t}");
    let title = a.debate.text_of(first).to_owned();
    // Under the title line, the breadcrumb's row is left empty, then the position.
    let rows: Vec<&str> = t.lines().collect();
    assert!(
        rows[2].starts_with("│ ") && rows[2][4..].starts_with("  "),
        "{t}"
    );
    assert!(rows[3].contains(&title[..20]), "the position first: {t}");
}

/// `R` on the built-in debate: it has no file, so the message speaks of none; on a
/// debate read from a file, of the file as last read.
#[test]
fn r_on_the_built_in_debate_speaks_of_no_file() {
    let mut a = app(120, 30);
    a.update(Action::ShowReport);
    assert_eq!(a.overlay, debate_tui::app::Overlay::None);
    let t = text(&draw(&a));
    let footer = t.lines().last().unwrap();
    assert!(footer.contains("No problems to report"), "{t}");
    assert!(footer.contains("built-in debate"), "{footer}");
    assert!(!t.contains("file as last read"), "{footer}");

    let mut a = app(120, 30);
    a.from_file = true;
    a.update(Action::ShowReport);
    let t = text(&draw(&a));
    assert!(t.contains("the file as last read is the one shown"), "{t}");
}

/// Presses `keys` (one character each, `\n` for Enter, `\t` for Tab) through the key table, as the
/// terminal would.
fn press(a: &mut App, keys: &str) {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(action) = debate_tui::tui::action_of(&ev, a) {
            a.update(action);
        }
    }
}

/// The screens of assets/screen.txt, drawn now, each after its caption.
fn screen_captures() -> String {
    let mut out = String::new();
    let mut capture = |caption: &str, a: &App| {
        out.push_str(caption);
        out.push('\n');
        out.push_str(&text(&draw(a)));
        out.push('\n');
    };
    let a = app(120, 36);
    capture(
        "debate-tui at 120x36, right after launch (the built-in debate: its positions and the claims\n\
         that answer them; the first claim selected):",
        &a,
    );
    let mut a = app(120, 36);
    press(&mut a, "Gf*j");
    capture(
        "After G (the last claim), f (focus on it), * (unfold everything below it), j: its answers\n\
         fill the pane, what it answers above as a breadcrumb; Esc steps out:",
        &a,
    );
    let mut a = app(120, 36);
    press(&mut a, "j\n\t\n");
    capture(
        "After j, Enter (a step of the path), Tab (the Rebuttals pane), Enter (follow the first\n\
         rebuttal): the header shows the path walked:",
        &a,
    );
    let mut a = app(100, 30);
    search(&mut a, "kill switch");
    capture(
        "The search popup at 100x30, after typing \"kill switch\" (matched letters are highlighted on screen):",
        &a,
    );
    out.trim_end().to_owned() + "\n"
}

/// The screen the README shows at 100 columns: the built-in debate, its first position's
/// first answer selected.
fn readme_screen() -> String {
    let mut a = app(100, 30);
    go(&mut a, "will-release-openly");
    text(&draw(&a))
}

/// The README's first screen, between the line that introduces it and the end of its block.
const README_SCREEN_AFTER: &str = "selected claim):\n\n```text\n";

/// assets/screen.txt and the README's screen are what the explorer draws today, so that
/// neither can go stale. `UPDATE_SCREEN=1 cargo test --test render the_screen` writes
/// them anew (review the diff).
#[test]
fn the_screen_captures_are_what_the_explorer_draws() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_SCREEN").is_some_and(|v| v == "1");
    let captures = screen_captures();
    let path = root.join("assets/screen.txt");
    if update {
        std::fs::write(&path, &captures).unwrap();
    }
    let file = std::fs::read_to_string(&path).unwrap();
    assert!(
        file == captures,
        "assets/screen.txt is stale; rewrite it with \
         `UPDATE_SCREEN=1 cargo test --test render the_screen` and review the diff.\nNow:\n{captures}"
    );

    let readme_path = root.join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let start = readme
        .find(README_SCREEN_AFTER)
        .expect("the README's screen")
        + README_SCREEN_AFTER.len();
    let end = start
        + readme[start..]
            .find("```\n")
            .expect("the end of the README's screen");
    let screen = readme_screen();
    if update {
        let mut new = readme.clone();
        new.replace_range(start..end, &screen);
        std::fs::write(&readme_path, new).unwrap();
    }
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    assert!(
        readme[start..].starts_with(&screen),
        "README.md's screen is stale; rewrite it with \
         `UPDATE_SCREEN=1 cargo test --test render the_screen` and review the diff.\nNow:\n{screen}"
    );
}
