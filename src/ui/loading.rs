//! The progress screen shown while a large debate loads.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::theme::Theme;
use crate::app::Action;
use crate::app::keymap::{Scope, key_for};
use crate::domain::load::progress::Snapshot;
use crate::domain::text::fit;

/// What the progress screen shows.
#[derive(Debug, Clone)]
pub struct LoadingScreen<'a> {
    pub name: &'a str,
    pub bytes: u64,
    pub progress: Snapshot,
    pub elapsed: Duration,
    pub no_color: bool,
}

/// A size in bytes, for people.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1 << 10 => format!("{:.0} KB", b as f64 / 1e3),
        b => format!("{b} bytes"),
    }
}

/// A number with thousands separated: 100,000.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Widget for &LoadingScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme::get(self.no_color);
        let width = area.width.min(64);
        let height = area.height.min(7);
        if width < 4 || height < 3 {
            return;
        }
        let boxed = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        let block = Block::bordered()
            .title(Span::styled(" debate-tui ", theme.border_focused))
            .border_style(theme.border_focused);
        let inner = block.inner(boxed);
        block.render(boxed, buf);
        let w = inner.width as usize;
        let p = self.progress;
        let secs = self.elapsed.as_secs_f64();
        let step = if p.total > 0 {
            format!(
                "{} · {} of {}",
                p.phase.label(),
                count(p.done),
                count(p.total)
            )
        } else {
            format!("{} · {secs:.1} s", p.phase.label())
        };
        // The keys that stop the loading: the global ones, as the shell reads them.
        let stops = format!(
            "{} or {} stops",
            key_for(Scope::Global, &Action::Quit),
            key_for(Scope::Global, &Action::Close)
        );
        let lines = [
            Line::from(fit(
                &format!("Opening {} ({})", self.name, size(self.bytes)),
                w,
            )),
            Line::styled(fit(&step, w), theme.dim),
            bar(p, self.elapsed, w, theme),
            Line::styled(fit(&stops, w), theme.dim),
        ];
        for (i, line) in lines.into_iter().take(inner.height as usize).enumerate() {
            line.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
        }
    }
}

/// The bar: filled in proportion when the phase counts; otherwise a block that moves
/// back and forth, so the screen is seen to be alive without claiming how far it is.
fn bar(p: Snapshot, elapsed: Duration, width: usize, theme: &Theme) -> Line<'static> {
    let cells: Vec<bool> = if p.total > 0 {
        let filled = (p.done as u128 * width as u128 / p.total.max(1) as u128) as usize;
        (0..width).map(|i| i < filled).collect()
    } else {
        let block = (width / 6).max(1);
        let span = width.saturating_sub(block).max(1);
        let t = (elapsed.as_millis() / 40) as usize % (2 * span);
        let at = if t < span { t } else { 2 * span - t };
        (0..width).map(|i| i >= at && i < at + block).collect()
    };
    let spans: Vec<Span> = cells
        .into_iter()
        .map(|on| {
            if on {
                Span::styled("█", theme.border_focused)
            } else {
                Span::styled("░", theme.border)
            }
        })
        .collect();
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::progress::Phase;

    fn text(buf: &Buffer) -> String {
        buf.content().iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn counting_phases_fill_the_bar_in_proportion() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 20));
        let screen = LoadingScreen {
            name: "big.yaml",
            bytes: 54_000_000,
            progress: Snapshot {
                phase: Phase::Checking,
                done: 50_000,
                total: 100_000,
            },
            elapsed: Duration::from_secs(2),
            no_color: true,
        };
        screen.render(buf.area, &mut buf);
        let t = text(&buf);
        assert!(t.contains("Opening big.yaml (54.0 MB)"), "{t}");
        assert!(
            t.contains("Checking claims and links · 50,000 of 100,000"),
            "{t}"
        );
        let full = t.matches('█').count();
        let empty = t.matches('░').count();
        assert_eq!(full, empty, "half filled");
        // Parsing cannot count: the bar moves but fills no proportion.
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 20));
        let parsing = LoadingScreen {
            progress: Snapshot {
                phase: Phase::Parsing,
                done: 0,
                total: 0,
            },
            ..screen
        };
        parsing.render(buf.area, &mut buf);
        let t = text(&buf);
        assert!(t.contains("Parsing YAML · 2.0 s"), "{t}");
        assert!(t.matches('█').count() < t.matches('░').count());
        // Tiny areas draw nothing rather than fail.
        for (w, h) in [(0, 0), (3, 2), (10, 3)] {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            parsing.render(buf.area, &mut buf);
        }
    }

    #[test]
    fn counts_read_well() {
        assert_eq!(count(100000), "100,000");
        assert_eq!(count(999), "999");
        assert_eq!(size(54_000_000), "54.0 MB");
    }
}
