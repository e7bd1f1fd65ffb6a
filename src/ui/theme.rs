//! Every style the explorer uses, named by what it means. Two themes: colour, and
//! monochrome for `NO_COLOR` (where meaning is carried by marks, bold, reverse video
//! and underline alone).

use ratatui::style::{Color, Modifier, Style};

use crate::domain::graph::status::Label;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub title: Style,
    pub path: Style,
    pub border: Style,
    pub border_focused: Style,
    /// The selected row of the focused pane.
    pub selected: Style,
    /// The selected row of a pane without focus.
    pub selected_unfocused: Style,
    pub heading: Style,
    pub dim: Style,
    pub key: Style,
    pub status: Style,
    pub quote: Style,
    pub translation: Style,
    /// A quoted passage in the source view; the current one is stronger.
    pub passage: Style,
    pub passage_current: Style,
    /// A match of the source view's search; the current one is stronger still, over
    /// any passage.
    pub found: Style,
    pub found_current: Style,
    pub tab_active: Style,
    pub warning: Style,
    /// The characters a search matched.
    pub matched: Style,
    /// The kind of a search result (claim, quote…).
    pub kind: Style,
    /// The marks of the labels, and of a claim set aside by a what-if.
    pub stands: Style,
    pub falls: Style,
    pub open: Style,
    pub set_aside: Style,
    sides: [Color; 4],
    color: bool,
}

const BOLD: Modifier = Modifier::BOLD;

pub const COLOR: Theme = Theme {
    title: Style::new().add_modifier(BOLD),
    path: Style::new().fg(Color::Indexed(250)),
    border: Style::new().fg(Color::Indexed(240)),
    border_focused: Style::new().fg(Color::Indexed(45)).add_modifier(BOLD),
    selected: Style::new()
        .bg(Color::Indexed(24))
        .fg(Color::White)
        .add_modifier(BOLD),
    selected_unfocused: Style::new().bg(Color::Indexed(237)),
    heading: Style::new()
        .fg(Color::Indexed(250))
        .add_modifier(BOLD.union(Modifier::UNDERLINED)),
    dim: Style::new().fg(Color::Indexed(244)),
    key: Style::new().fg(Color::Indexed(45)).add_modifier(BOLD),
    status: Style::new().fg(Color::Indexed(221)),
    quote: Style::new(),
    translation: Style::new()
        .fg(Color::Indexed(250))
        .add_modifier(Modifier::ITALIC),
    passage: Style::new().bg(Color::Indexed(237)),
    passage_current: Style::new()
        .bg(Color::Indexed(220))
        .fg(Color::Black)
        .add_modifier(BOLD),
    found: Style::new()
        .bg(Color::Indexed(30))
        .fg(Color::White)
        .add_modifier(Modifier::UNDERLINED),
    found_current: Style::new()
        .bg(Color::Indexed(51))
        .fg(Color::Black)
        .add_modifier(BOLD.union(Modifier::UNDERLINED)),
    tab_active: Style::new()
        .fg(Color::Indexed(45))
        .add_modifier(BOLD.union(Modifier::REVERSED)),
    warning: Style::new().fg(Color::Indexed(203)).add_modifier(BOLD),
    matched: Style::new()
        .fg(Color::Indexed(220))
        .add_modifier(BOLD.union(Modifier::UNDERLINED)),
    kind: Style::new().fg(Color::Indexed(244)),
    stands: Style::new().fg(Color::Indexed(78)),
    falls: Style::new().fg(Color::Indexed(203)),
    open: Style::new().fg(Color::Indexed(221)),
    set_aside: Style::new().fg(Color::Indexed(203)).add_modifier(BOLD),
    // Blue and orange first: told apart by every common form of colour blindness.
    sides: [
        Color::Indexed(39),
        Color::Indexed(208),
        Color::Indexed(141),
        Color::Indexed(114),
    ],
    color: true,
};

pub const MONO: Theme = Theme {
    title: Style::new().add_modifier(BOLD),
    path: Style::new(),
    border: Style::new(),
    border_focused: Style::new().add_modifier(BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED.union(BOLD)),
    selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
    heading: Style::new().add_modifier(BOLD.union(Modifier::UNDERLINED)),
    dim: Style::new(),
    key: Style::new().add_modifier(BOLD),
    status: Style::new().add_modifier(BOLD),
    quote: Style::new(),
    translation: Style::new().add_modifier(Modifier::ITALIC),
    passage: Style::new().add_modifier(Modifier::UNDERLINED),
    passage_current: Style::new().add_modifier(Modifier::REVERSED),
    found: Style::new().add_modifier(BOLD.union(Modifier::UNDERLINED)),
    found_current: Style::new()
        .add_modifier(BOLD.union(Modifier::UNDERLINED).union(Modifier::REVERSED)),
    tab_active: Style::new().add_modifier(Modifier::REVERSED.union(BOLD)),
    warning: Style::new().add_modifier(BOLD),
    matched: Style::new().add_modifier(BOLD.union(Modifier::UNDERLINED)),
    kind: Style::new(),
    stands: Style::new(),
    falls: Style::new(),
    open: Style::new(),
    set_aside: Style::new().add_modifier(BOLD),
    sides: [Color::Reset; 4],
    color: false,
};

/// Marks that tell the sides apart without colour, by position order.
pub const SIDE_MARKS: [&str; 6] = ["◆", "●", "▲", "■", "★", "✚"];

/// The marks of the labels, told apart by shape alone: stands, falls, open; and a
/// claim set aside by a what-if. None is a side's mark, `✗` (rebuttals) or `✓` (a quote
/// found in its source).
pub const STANDS: &str = "◉";
pub const FALLS: &str = "○";
pub const OPEN: &str = "◐";
pub const SET_ASIDE: &str = "⊘";

impl Theme {
    /// The mark of a label and its style.
    pub fn label(&self, label: Label) -> (&'static str, Style) {
        match label {
            Label::Stands => (STANDS, self.stands),
            Label::Falls => (FALLS, self.falls),
            Label::Open => (OPEN, self.open),
        }
    }

    pub fn get(no_color: bool) -> &'static Theme {
        if no_color { &MONO } else { &COLOR }
    }

    /// The style of a side (a position's index).
    pub fn side(&self, side: u32) -> Style {
        if self.color {
            Style::new().fg(self.sides[side as usize % self.sides.len()])
        } else {
            Style::new()
        }
    }

    pub fn mark(side: u32) -> &'static str {
        SIDE_MARKS[side as usize % SIDE_MARKS.len()]
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
        }
    }

    pub fn selection(&self, focused: bool) -> Style {
        if focused {
            self.selected
        } else {
            self.selected_unfocused
        }
    }
}
