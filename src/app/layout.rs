//! Where everything goes, for a terminal size: shared by the renderer, by mouse
//! hit-testing and by paging, so all three agree.

use ratatui::layout::{Constraint, Layout, Rect};

use super::action::Pane;

/// The smallest terminal the explorer draws in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this width the three panes stand side by side.
pub const WIDE: u16 = 120;
/// Below this width one pane is shown at a time.
pub const NARROW: u16 = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Wide,
    Medium,
    Narrow,
    TooSmall,
}

impl Mode {
    pub fn of(area: Rect) -> Mode {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            Mode::TooSmall
        } else if area.width >= WIDE {
            Mode::Wide
        } else if area.width >= NARROW {
            Mode::Medium
        } else {
            Mode::Narrow
        }
    }
}

/// The lines above the search popup's results: the input and the count.
pub const SEARCH_HEAD: usize = 2;

/// The areas of one frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Areas {
    pub mode: Mode,
    pub header: Rect,
    /// The tab line of the narrow layout.
    pub tabs: Option<Rect>,
    /// The panes shown, with their outer (bordered) areas.
    pub panes: Vec<(Pane, Rect)>,
    pub footer: Rect,
    /// Where overlays (help, source view) are drawn.
    pub overlay: Rect,
}

impl Areas {
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        self.panes.iter().find(|(p, _)| *p == pane).map(|(_, r)| *r)
    }

    /// The rows inside a pane's border: how many list rows it shows.
    pub fn rows(&self, pane: Pane) -> usize {
        self.pane(pane)
            .map_or(1, |r| inner(r).height.max(1) as usize)
    }

    /// The rows inside the overlay's border.
    pub fn overlay_rows(&self) -> usize {
        inner(self.overlay).height.max(1) as usize
    }

    /// The export prompt: a small box in the middle of the overlay's area.
    pub fn prompt(&self) -> Rect {
        let o = self.overlay;
        let width = o.width.min(72);
        let height = o.height.min(6);
        Rect {
            x: o.x.saturating_add((o.width - width) / 2),
            y: o.y.saturating_add((o.height - height) / 2),
            width,
            height,
        }
    }

    /// The search popup's result rows: inside the overlay, below the input line and
    /// the count line.
    pub fn search_rows(&self) -> usize {
        (inner(self.overlay).height as usize)
            .saturating_sub(SEARCH_HEAD)
            .max(1)
    }
}

/// A rectangle less its one-cell border, never negative.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// The areas for a terminal of `area`, with `focus` shown in the narrow layout.
pub fn areas(area: Rect, focus: Pane) -> Areas {
    let mode = Mode::of(area);
    let [header, body, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    let mut tabs = None;
    let panes = match mode {
        Mode::TooSmall => Vec::new(),
        Mode::Wide => {
            let [a, b, c] = body.layout(&Layout::horizontal([
                Constraint::Percentage(38),
                Constraint::Percentage(31),
                Constraint::Percentage(31),
            ]));
            vec![(Pane::Claims, a), (Pane::Rebuttals, b), (Pane::Sources, c)]
        }
        Mode::Medium => {
            let [a, right] = body.layout(&Layout::horizontal([
                Constraint::Percentage(45),
                Constraint::Percentage(55),
            ]));
            let [b, c] = right.layout(&Layout::vertical([
                Constraint::Percentage(50),
                Constraint::Percentage(50),
            ]));
            vec![(Pane::Claims, a), (Pane::Rebuttals, b), (Pane::Sources, c)]
        }
        Mode::Narrow => {
            let [t, rest] = body.layout(&Layout::vertical([
                Constraint::Length(1),
                Constraint::Min(0),
            ]));
            tabs = Some(t);
            vec![(focus, rest)]
        }
    };
    Areas {
        mode,
        header,
        tabs,
        panes,
        footer,
        overlay: body,
    }
}

/// The pane under a cell, and the list row when the cell is inside its border.
pub fn hit(areas: &Areas, x: u16, y: u16) -> Option<(Pane, Option<usize>)> {
    areas.panes.iter().find_map(|&(pane, r)| {
        let inside = x >= r.x
            && y >= r.y
            && x < r.x.saturating_add(r.width)
            && y < r.y.saturating_add(r.height);
        if !inside {
            return None;
        }
        let i = inner(r);
        let on_row = y >= i.y && y < i.y.saturating_add(i.height);
        Some((pane, on_row.then(|| (y - i.y) as usize)))
    })
}

/// A tab of the narrow layout's tab line, and what follows it.
pub fn tab_label(p: Pane) -> String {
    format!(" {} ", p.title())
}
pub const TAB_SEPARATOR: &str = "│";

/// The tab under a cell of the narrow layout's tab line.
pub fn hit_tab(areas: &Areas, x: u16, y: u16) -> Option<Pane> {
    let t = areas.tabs?;
    if y != t.y {
        return None;
    }
    let mut at = t.x;
    for p in Pane::ALL {
        let w = (tab_label(p).chars().count() + TAB_SEPARATOR.chars().count()) as u16;
        if x >= at && x < at.saturating_add(w) {
            return Some(p);
        }
        at = at.saturating_add(w);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_follow_the_width() {
        assert_eq!(Mode::of(Rect::new(0, 0, 140, 40)), Mode::Wide);
        assert_eq!(Mode::of(Rect::new(0, 0, 100, 30)), Mode::Medium);
        assert_eq!(Mode::of(Rect::new(0, 0, 60, 20)), Mode::Narrow);
        assert_eq!(Mode::of(Rect::new(0, 0, 39, 20)), Mode::TooSmall);
        assert_eq!(Mode::of(Rect::new(0, 0, 200, 11)), Mode::TooSmall);
    }

    #[test]
    fn every_size_gives_areas_inside_the_terminal() {
        for w in [0u16, 1, 2, 39, 40, 79, 80, 119, 120, 300] {
            for h in [0u16, 1, 2, 11, 12, 50] {
                let area = Rect::new(0, 0, w, h);
                for focus in Pane::ALL {
                    let a = areas(area, focus);
                    for (_, r) in &a.panes {
                        assert!(r.right() <= w && r.bottom() <= h);
                    }
                    assert!(a.rows(Pane::Claims) >= 1);
                }
            }
        }
    }

    #[test]
    fn hit_finds_pane_and_row() {
        let a = areas(Rect::new(0, 0, 140, 40), Pane::Claims);
        let claims = a.pane(Pane::Claims).unwrap();
        assert_eq!(
            hit(&a, claims.x + 2, claims.y + 1),
            Some((Pane::Claims, Some(0)))
        );
        assert_eq!(
            hit(&a, claims.x + 2, claims.y + 4),
            Some((Pane::Claims, Some(3)))
        );
        assert_eq!(hit(&a, claims.x + 2, claims.y), Some((Pane::Claims, None)));
        let bottom = claims.bottom() - 1;
        assert_eq!(hit(&a, claims.x + 2, bottom), Some((Pane::Claims, None)));
        let src = a.pane(Pane::Sources).unwrap();
        assert_eq!(
            hit(&a, src.x + 1, src.y + 2).map(|h| h.0),
            Some(Pane::Sources)
        );
        assert_eq!(hit(&a, 0, 0), None, "the header is no pane");
    }
}
