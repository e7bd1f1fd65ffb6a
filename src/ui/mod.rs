//! Drawing: a function of the state. Only what is on screen is built, so a frame costs
//! the same at 30 claims and at 100,000. Overlays are drawn last.

mod loading;
mod overlays;
mod panes;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::keymap::{self, Scope};
use crate::app::layout::{self, MIN_HEIGHT, MIN_WIDTH, Mode};
use crate::app::{Action, App, Overlay, Pane};
use crate::domain::NodeId;
use crate::domain::export::plural;
use crate::domain::text::{display_width, fit, truncate_left};
pub use loading::LoadingScreen;
use theme::Theme;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let theme = Theme::get(self.no_color);
        // The app's layout, made for the size the shell told it: the same one that
        // mouse clicks and paging read.
        let a = self.areas();
        if a.mode == Mode::TooSmall {
            too_small(self, area, buf, theme);
            return;
        }
        header(self, a.header, buf, theme);
        if let Some(t) = a.tabs {
            tabs(self.focus, t, buf, theme);
        }
        for &(pane, rect) in &a.panes {
            let focused = pane == self.focus && self.overlay == Overlay::None;
            match pane {
                Pane::Claims => panes::claims(self, rect, buf, theme, focused),
                Pane::Rebuttals => panes::rebuttals(self, rect, buf, theme, focused),
                Pane::Sources => panes::sources(self, rect, buf, theme, focused),
            }
        }
        footer(self, a.footer, buf, theme);
        match &self.overlay {
            Overlay::None => {}
            Overlay::Help { scroll } => overlays::help(self, *scroll, a.overlay, buf, theme),
            Overlay::Source(v) => overlays::source(self, v, a.overlay, buf, theme),
            Overlay::Search(v) => overlays::search(self, v, a.overlay, buf, theme),
            Overlay::Path(pos) => overlays::path(self, *pos, a.overlay, buf, theme),
            Overlay::Export(p) => overlays::export(self, p, a.overlay, buf, theme),
            Overlay::Quit => overlays::quit(self, a.prompt(), buf, theme),
            Overlay::Report { scroll } => overlays::report(self, *scroll, a.overlay, buf, theme),
        }
    }
}

/// A node's status mark and a space, for the start of a row: `◉ ` stands, `○ ` falls,
/// `◐ ` open, `⊘ ` set aside by a what-if; nothing while status is hidden. Every list
/// of claims draws its marks here.
pub fn status_mark(app: &App, node: NodeId, theme: &Theme) -> Option<Span<'static>> {
    if !app.show_status {
        return None;
    }
    let (mark, style) = mark_of(app, node, theme);
    Some(Span::styled(format!("{mark} "), style))
}

/// A node's status mark and its style.
fn mark_of(app: &App, node: NodeId, theme: &Theme) -> (&'static str, ratatui::style::Style) {
    if app.standing.is_set_aside(node) {
        (theme::SET_ASIDE, theme.set_aside)
    } else {
        theme.label(app.standing.label(node))
    }
}

/// What the what-if supposes, for the footer: "supposing 1 claim fails: x".
fn supposing(app: &App) -> Option<String> {
    const NAMED: usize = 3;
    let aside = app.standing.set_aside();
    let n = aside.len();
    if n == 0 {
        return None;
    }
    let ids: Vec<&str> = aside
        .iter()
        .take(NAMED)
        .map(|&a| app.debate.id_of(a))
        .collect();
    let more = n.saturating_sub(NAMED);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let verb = if n == 1 { "fails" } else { "fail" };
    let key = keymap::key_for(Scope::Panes, &Action::SetAside);
    Some(format!(
        "supposing {} {verb}: {}{more} ({key} again brings it back)",
        plural(n, "claim"),
        ids.join(", ")
    ))
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    // The key that quits at once: `q` may ask a question this screen has no room for.
    let quit = keymap::key_for(app.scope(), &Action::QuitNow);
    let lines = vec![
        Line::styled("Terminal too small", theme.warning),
        Line::from(format!(
            "{}×{}: debate-tui needs {MIN_WIDTH}×{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::styled(
            format!("Enlarge the window, or press {quit} to quit"),
            theme.dim,
        ),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let r = Rect {
        y: area.y.saturating_add(top),
        height: area.height.saturating_sub(top),
        ..area
    };
    Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(r, buf);
}

/// The debate's title, then the path walked, cut from the left when long.
fn header(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let width = area.width as usize;
    // The path matters more than the title once there is one.
    let share = if app.path.is_empty() {
        width
    } else {
        width / 3
    };
    let title = fit(&app.debate.title, share.max(10));
    let mut spans = vec![Span::styled(format!(" {title} "), theme.title)];
    let room = width.saturating_sub(display_width(&title) + 2 + 7);
    if !app.path.is_empty() {
        // Only the last steps that can show are read, however long the path. Each by
        // its statement, cut: the last step has the most room.
        let mut crumbs: Vec<String> = Vec::new();
        let mut used = 0;
        for &n in app.path.iter().rev() {
            let each = if crumbs.is_empty() {
                (room / 2).min(40)
            } else {
                room / 5
            }
            .max(12);
            let crumb = fit(app.debate.text_of(n), each);
            let w = display_width(&crumb) + 3;
            if used + w > room && !crumbs.is_empty() {
                break;
            }
            used += w;
            crumbs.push(crumb);
        }
        // The steps left out, said.
        if crumbs.len() < app.path.len() {
            crumbs.push(String::from("…"));
        }
        crumbs.reverse();
        spans.push(Span::styled(" path: ", theme.dim));
        spans.push(Span::styled(
            truncate_left(&crumbs.join(" › "), room).into_owned(),
            theme.path,
        ));
    }
    Line::from(spans).render(area, buf);
}

fn tabs(focus: Pane, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut spans = Vec::new();
    for p in Pane::ALL {
        let style = if p == focus {
            theme.tab_active
        } else {
            theme.dim
        };
        spans.push(Span::styled(layout::tab_label(p), style));
        spans.push(Span::styled(layout::TAB_SEPARATOR, theme.border));
    }
    Line::from(spans).render(area, buf);
}

/// What `actions` do where `scope` is in force, as the key table names them, for a
/// title: "Enter go · Esc close".
fn commands(scope: Scope, actions: &[Action]) -> String {
    let named: Vec<String> = actions
        .iter()
        .filter_map(|a| keymap::named(scope, a))
        .map(|(key, name)| format!("{key} {name}"))
        .collect();
    named.join(" · ")
}

/// The keys that work now, from the key table, and the status message. The scope's
/// hints come first; where not all fit, the least important are left out
/// (`keymap::footer_rank`), but room is kept for the global ones (quit, help), through
/// which every other key can be found.
fn footer(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let width = area.width as usize;
    let mut spans = Vec::new();
    let mut used = 0;
    let focus = app.focus;
    let hint = |(b, key): (&keymap::Binding, keymap::Key)| {
        let key = format!(" {}", keymap::key_label(key));
        // Tab names the pane it goes to: focus moves only when asked to.
        let name = match b.action {
            Action::NextPane => focus.next().title().to_lowercase(),
            // Enter does a different thing in each pane: the footer names this one's.
            Action::Follow if b.scope == Scope::Panes => String::from(match focus {
                Pane::Claims => "step",
                Pane::Rebuttals => "follow",
                Pane::Sources => "read",
            }),
            _ => b.hint.name().unwrap_or_default().to_string(),
        };
        let text = format!(" {name}");
        let w = display_width(&key) + display_width(&text);
        (key, text, w)
    };
    let (global, own): (Vec<_>, Vec<_>) =
        keymap::hints(app.scope()).partition(|(b, _)| b.scope == Scope::Global);
    let global: Vec<_> = global.into_iter().map(hint).collect();
    let reserved: usize = global.iter().map(|(_, _, w)| w).sum();
    // A message, the problems of the file as last read, which stay until a good
    // version comes, then what a what-if supposes, which stays until it is undone.
    // The problems leave room for the global keys, through which every other is found.
    for (text, style, keeps_room) in [
        (app.status.clone(), theme.status, false),
        (app.report.as_ref().map(|r| r.line()), theme.warning, true),
        (supposing(app), theme.set_aside, false),
    ] {
        let Some(s) = text else { continue };
        // The text's padding and the bar after it, then the global keys.
        let kept = if keeps_room { reserved + 1 } else { 0 };
        let room = width.saturating_sub(used + 2 + kept);
        if room < 8 {
            break;
        }
        let text = format!(" {} ", fit(&s, room));
        used += display_width(&text) + 1;
        spans.push(Span::styled(text, style));
        spans.push(Span::styled("│", theme.border));
    }
    // The scope's own hints are kept by importance, then shown in the table's order.
    let mut room = width.saturating_sub(reserved + used);
    let mut by_rank: Vec<usize> = (0..own.len()).collect();
    by_rank.sort_by_key(|&i| keymap::footer_rank(&own[i].0.action));
    let mut kept = vec![false; own.len()];
    let own: Vec<_> = own.into_iter().map(hint).collect();
    for i in by_rank {
        if own[i].2 <= room {
            room -= own[i].2;
            kept[i] = true;
        }
    }
    let shown = own
        .into_iter()
        .zip(kept)
        .filter_map(|(h, k)| k.then_some(h));
    for (key, text, w) in shown.chain(global) {
        if used + w > width {
            continue;
        }
        used += w;
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(text, theme.dim));
    }
    Line::from(spans).render(area, buf);
}
