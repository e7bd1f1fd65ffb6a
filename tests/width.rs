//! Characters whose width unicode-width (which the app and ratatui measure with) and
//! terminals disagree on never reach the terminal as themselves: the explorer, drawn
//! through ratatui's crossterm backend into a terminal emulator that gives each of them
//! the width a real terminal does, keeps every pane's borders in their columns.

use std::io::{self, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};

use debate_tui::app::App;
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{Debate, load_bytes};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Each character, and the columns the terminal of this test draws it in where
/// unicode-width says another number.
const TRICKS: &[(char, &str, usize)] = &[
    // glibc's wcwidth, which tmux and many terminals use: 2; unicode-width: 0.
    ('\u{3164}', "HANGUL FILLER", 2),
    // Default-ignorable, so drawn as nothing by a terminal that follows Unicode;
    // unicode-width: 2. ratatui moves the cursor after each character it counts two
    // columns wide, so this one leaves a gap rather than moving a border: the test of
    // what is sent covers it.
    ('\u{115F}', "HANGUL CHOSEONG FILLER", 0),
    // glibc: 1, a visible hyphen; unicode-width: 0.
    ('\u{00AD}', "SOFT HYPHEN", 1),
    // A space before Unicode 6.3, and still one column in terminals with older tables;
    // unicode-width: 0.
    ('\u{180E}', "MONGOLIAN VOWEL SEPARATOR", 1),
    // glibc: 1; unicode-width: 0.
    ('\u{FFA0}', "HALFWIDTH HANGUL FILLER", 1),
];

/// Variation selectors, which vary the character before them. With none before them
/// in their text they land wherever the previous cell left the cursor, after a mark, a
/// space or a border, and terminals differ on what they do there; the terminal of this
/// test gives such a lone one a column of its own.
const SELECTORS: &[(char, &str)] = &[
    ('\u{FE00}', "VARIATION SELECTOR-1"),
    ('\u{FE0E}', "VARIATION SELECTOR-15"),
    ('\u{FE0F}', "VARIATION SELECTOR-16"),
    ('\u{E0100}', "VARIATION SELECTOR-17"),
    ('\u{E01EF}', "VARIATION SELECTOR-256"),
];

fn is_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Every character tried, with its name.
fn all() -> impl Iterator<Item = (char, &'static str)> {
    TRICKS
        .iter()
        .map(|&(c, n, _)| (c, n))
        .chain(SELECTORS.iter().copied())
}

/// A debate whose claim holds `c` at the start of its text, inside a word, alone
/// between spaces and at the end; a second claim to list beside it.
fn debate(c: char, name: &str) -> Debate {
    let u = c as u32;
    let c = if u > 0xFFFF {
        format!("\\U{u:08X}")
    } else {
        format!("\\u{u:04X}")
    };
    let yaml = format!(
        "version: 1\ntitle: Widths\npositions:\n  - id: p\n    title: P\nclaims:\n\
         \x20 - id: tried\n    position: p\n    text: \"{c}{name} in{c}side {c} and at the end{c}\"\n\
         \x20 - id: plain\n    position: p\n    text: \"A plain claim\"\n"
    );
    load_bytes("w.yaml", yaml.as_bytes(), &EmbeddedFiles(&[]))
        .expect("the debate loads")
        .debate
}

/// What ratatui writes to a terminal, kept.
#[derive(Clone, Default)]
struct Sent(Arc<Mutex<Vec<u8>>>);

impl Write for Sent {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Draws `app` through ratatui's crossterm backend: the buffer and the bytes sent.
fn draw(app: &App) -> (Buffer, Vec<u8>) {
    let sent = Sent::default();
    let mut term = Terminal::with_options(
        CrosstermBackend::new(sent.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(app.size),
        },
    )
    .unwrap();
    let frame = term.draw(|f| app.render(f.area(), f.buffer_mut())).unwrap();
    let buffer = frame.buffer.clone();
    let bytes = sent.0.lock().unwrap().clone();
    (buffer, bytes)
}

/// The bytes as a terminal that disagrees with unicode-width draws them: each
/// character of [`TRICKS`] becomes a stand-in of the width that terminal gives it, and
/// a variation selector that follows no drawn character (it comes first, or after a
/// space or an escape sequence) becomes a one-column `?`. So does `�`, which a terminal
/// draws in one column but this emulator takes for a decoding error and skips.
fn as_drawn(bytes: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).expect("UTF-8 to the terminal");
    let mut out = String::new();
    let mut after_drawn = false;
    let mut in_escape = false;
    for c in text.chars() {
        if in_escape {
            out.push(c);
            // A CSI sequence ends with a letter (or `@`, `~`…); ESC and `[` do not.
            in_escape = !(c.is_ascii_alphabetic() && c != '[' || c == '~' || c == '@');
            continue;
        }
        if c == '\x1b' {
            out.push(c);
            in_escape = true;
            after_drawn = false;
            continue;
        }
        if let Some(&(_, _, w)) = TRICKS.iter().find(|t| t.0 == c) {
            out.push_str(&"Ｗ".repeat(w / 2));
            out.push_str(&"w".repeat(w % 2));
        } else if is_selector(c) && !after_drawn || c == '\u{FFFD}' {
            out.push('?');
        } else {
            out.push(c);
        }
        after_drawn = c != ' ' && !is_selector(c);
    }
    out.into_bytes()
}

/// The rows where the terminal does not have a border where the app drew one.
fn shifted_rows(buffer: &Buffer, bytes: &[u8]) -> Vec<String> {
    let area = buffer.area;
    let mut p = vt100::Parser::new(
        NonZeroU16::new(area.height).unwrap(),
        NonZeroU16::new(area.width).unwrap(),
        0,
    );
    p.process(&as_drawn(bytes));
    let screen = p.screen();
    let mut bad = Vec::new();
    for y in 0..area.height {
        let borders: Vec<u16> = (0..area.width)
            .filter(|&x| buffer[(x, y)].symbol() == "│")
            .collect();
        let shown: Vec<u16> = (0..area.width)
            .filter(|&x| screen.cell(y, x).is_some_and(|c| c.contents() == "│"))
            .collect();
        if borders != shown {
            let row = screen.rows(0, area.width).nth(usize::from(y)).unwrap();
            bad.push(format!(
                "row {y}: borders at {borders:?}, drawn at {shown:?}: {row}"
            ));
        }
    }
    bad
}

#[test]
fn characters_of_disputed_width_keep_every_border_in_its_column() {
    let mut failed = Vec::new();
    for (c, name) in all() {
        for (w, h) in [(100, 30), (60, 20)] {
            // The claim is listed in the Claims pane and its text wrapped beside it.
            let app = App::new(debate(c, name), Rect::new(0, 0, w, h));
            assert_eq!(app.current(), app.debate.lookup("tried"));
            let (buffer, bytes) = draw(&app);
            let bad = shifted_rows(&buffer, &bytes);
            if !bad.is_empty() {
                failed.push(format!("{name} at {w}x{h}:\n{}", bad.join("\n")));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "the terminal draws borders elsewhere:\n{}",
        failed.join("\n")
    );
}

#[test]
fn the_terminal_is_sent_a_mark_for_each_and_only_selectors_that_vary_a_character() {
    let mut failed = Vec::new();
    for (c, name) in all() {
        let app = App::new(debate(c, name), Rect::new(0, 0, 140, 40));
        let (buffer, bytes) = draw(&app);
        let sent = String::from_utf8(bytes).unwrap();
        let shown = text(&buffer);
        // At the start of the text and after a space a mark; inside a word a mark, or a
        // selector kept after the letter it varies.
        let inside = if is_selector(c) { c } else { '\u{FFFD}' };
        let listed = format!("\u{FFFD}{name} in{inside}side \u{FFFD} and");
        // In the Claims pane, and the start in the claim's text beside it too (and in
        // the Rebuttals pane's title, when the name is short enough to show whole).
        let start = format!("\u{FFFD}{name} in{inside}side");
        if !is_selector(c) && sent.contains(c) {
            failed.push(format!("{name} was sent to the terminal"));
        }
        if sent.contains(&format!(" {c}")) {
            failed.push(format!("{name} was sent after a space"));
        }
        if !shown.contains(&listed) || shown.matches(&start).count() < 2 {
            failed.push(format!("{name} is not shown as {listed:?}:\n{shown}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The buffer as text, one line a row. These debates hold no wide character, so each
/// cell is a column.
fn text(buf: &Buffer) -> String {
    buf.content()
        .chunks(usize::from(buf.area.width))
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
        .collect()
}
