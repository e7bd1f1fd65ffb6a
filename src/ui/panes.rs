//! The three panes. Each draws only its visible rows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap,
};

use super::theme::Theme;
use crate::app::entries::Role;
use crate::app::keymap::{self, Scope};
use crate::app::tree::layout;
use crate::app::{Action, App, LinkRow, Pane, Row};
use crate::domain::NodeId;
use crate::domain::graph::status::{explain_with, support};
use crate::domain::graph::tree::Answer;
use crate::domain::text::{char_width, display_width, fit, head, truncate_left, visible, wrap};

fn block<'a>(title: String, theme: &Theme, focused: bool) -> Block<'a> {
    Block::bordered()
        .title(Span::styled(title, theme.border(focused)))
        .border_style(theme.border(focused))
}

/// A scrollbar on the right border, only when the list overflows.
fn scrollbar(area: Rect, buf: &mut Buffer, len: usize, rows: usize, offset: usize) {
    if len <= rows || area.height < 3 {
        return;
    }
    let mut state = ScrollbarState::new(len.saturating_sub(rows)).position(offset);
    // On the right border between the corners, which stay.
    let track = area.inner(ratatui::layout::Margin::new(0, 1));
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .render(track, buf, &mut state);
}

/// One row: `prefix` then `text` cut to fit, then `suffix` flush right.
fn row<'a>(
    prefix: Vec<Span<'a>>,
    text: &str,
    suffix: Option<Span<'a>>,
    width: usize,
    style: Style,
) -> Line<'a> {
    let used: usize = prefix.iter().map(|s| display_width(&s.content)).sum();
    let tail = suffix.as_ref().map_or(0, |s| display_width(&s.content));
    let room = width.saturating_sub(used + tail);
    let text = fit(text, room);
    let pad = room.saturating_sub(display_width(&text));
    let mut spans = prefix;
    spans.push(Span::styled(text, style));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.extend(suffix);
    Line::from(spans)
}

fn side_prefix<'a>(app: &App, node: NodeId, theme: &Theme, indent: &'a str) -> Vec<Span<'a>> {
    let side = app.debate.side_of(node);
    vec![
        Span::raw(indent),
        Span::styled(format!("{} ", Theme::mark(side)), theme.side(side)),
    ]
}

pub fn claims(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, focused: bool) {
    let mut title = format!(" Claims ({}) ", app.debate.claims.len());
    if app.tree.is_focused()
        && let Some((key, name)) = keymap::named(Scope::Claims, &Action::StepOut)
    {
        title.push_str(&format!("· focus · {key} {name} "));
    }
    let b = block(title, theme, focused);
    let inner = b.inner(area);
    b.render(area, buf);
    let width = inner.width as usize;
    let mut list = inner;
    if app.claims_rows() < app.areas().rows(Pane::Claims) && inner.height > 1 {
        breadcrumb(app, Rect { height: 1, ..inner }, buf, theme);
        list.y += 1;
        list.height -= 1;
    }
    let rows = list.height as usize;
    let shown = app.tree.rows();
    let start = app.claims.offset.min(shown.len());
    let end = (start + rows).min(shown.len());
    let on_screen = &shown[start..end];
    let mut guides = Guides::new(app, on_screen, width);
    for (i, r) in on_screen.iter().enumerate() {
        let depth = r.depth.saturating_sub(app.tree.base_depth());
        let mut prefix = vec![Span::styled(guides.next(r, depth), theme.dim)];
        let (text, style) = match r.node {
            NodeId::Position(p) => (app.debate.text_of(r.node), theme.side(p).patch(theme.title)),
            NodeId::Claim(_) => {
                prefix.push(Span::raw(match r.answer {
                    Answer::Supports => "+ ",
                    Answer::Rebuts => "− ",
                    Answer::Nothing => "· ",
                }));
                let style = if r.full { Style::new() } else { theme.dim };
                (app.debate.text_of(r.node), style)
            }
        };
        let side = app.debate.side_of(r.node);
        prefix.push(Span::styled(
            format!("{} ", Theme::mark(side)),
            theme.side(side),
        ));
        prefix.extend(super::status_mark(app, r.node, theme));
        let suffix = app
            .tree
            .is_folded(r)
            .then(|| Span::styled(format!(" [{}]", app.tree.tree().below(r.node)), theme.dim));
        let line = row(prefix, text, suffix, width, style);
        let y = list.y + i as u16;
        let rect = Rect::new(list.x, y, list.width, 1);
        line.render(rect, buf);
        if start + i == app.claims.selected {
            buf.set_style(rect, theme.selection(focused));
        }
    }
    if app.debate.claims.is_empty() && end - start < rows {
        let used = (end - start) as u16;
        let r = Rect::new(list.x, list.y + used, list.width, list.height - used);
        Paragraph::new(Line::styled("No claims in this debate.", theme.dim))
            .wrap(Wrap { trim: true })
            .render(r, buf);
    }
    scrollbar(area, buf, shown.len(), rows, start);
}

/// The indentation guides of the rows on screen: `│` where a level goes on below,
/// `├─` and `└─` before a row, then its fold mark. Only the levels a row shows are
/// looked at, found from the first row's ancestors and then row by row.
struct Guides<'a> {
    app: &'a App,
    width: usize,
    /// Per level (from the pane's first level): whether rows follow at that level.
    more: Vec<bool>,
}

impl<'a> Guides<'a> {
    fn new(app: &'a App, on_screen: &[Row], width: usize) -> Guides<'a> {
        let base = app.tree.base_depth();
        let depth = |r: &Row| r.depth.saturating_sub(base) as usize;
        let mut g = Guides {
            app,
            width,
            more: Vec::new(),
        };
        let Some(first) = on_screen.first() else {
            return g;
        };
        // The lowest level any row on screen draws.
        let lowest = on_screen
            .iter()
            .map(|r| depth(r) + 1 - layout::levels(depth(r) as u32, width).max(1))
            .min()
            .unwrap_or(1)
            .max(1);
        let d = depth(first);
        g.more = vec![false; d + 1];
        let tree = app.tree.tree();
        let mut above = first.parent;
        for level in (lowest..d).rev() {
            let Some(a) = above else { break };
            g.more[level] = !tree.is_last(a);
            above = tree.parent(a);
        }
        g
    }

    /// The guides and the fold mark of the next row, `depth` levels down.
    fn next(&mut self, r: &Row, depth: u32) -> String {
        let d = depth as usize;
        self.more.resize(d + 1, false);
        self.more[d] = !r.last;
        let levels = layout::levels(depth, self.width);
        let mut out = String::with_capacity(levels * 6 + 4);
        if d > 0 {
            for level in d + 1 - levels..d {
                out.push_str(if self.more[level] { "│ " } else { "  " });
            }
            out.push_str(if r.last { "└─" } else { "├─" });
            if levels < d {
                // Deeper than the pane shows: the first levels are cut.
                out.replace_range(..out.chars().next().map_or(0, char::len_utf8), "…");
            }
        }
        let tree = &self.app.tree;
        out.push(if !r.full {
            '↪'
        } else if tree.is_folded(r) {
            '▸'
        } else if tree.has_children(r) {
            '▾'
        } else if d > 0 {
            '─'
        } else {
            ' '
        });
        out.push(' ');
        out
    }
}

/// The focus's ancestors, nearest last, cut from the left to fit.
fn breadcrumb(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let width = area.width as usize;
    let mut parts: Vec<String> = Vec::new();
    let mut used = 0;
    for &n in app.tree.crumbs().iter().rev() {
        if used > width {
            break;
        }
        // The nearest has the most room.
        let each = if parts.is_empty() {
            width / 2
        } else {
            width / 4
        }
        .max(10);
        let part = fit(app.debate.text_of(n), each);
        used += display_width(&part) + 3;
        parts.push(part);
    }
    if parts.is_empty() {
        // A position in focus answers nothing: no breadcrumb, not a bare separator.
        return;
    }
    parts.reverse();
    let mut text = parts.join(" › ");
    text.push_str(" ›");
    Line::styled(truncate_left(&text, width).into_owned(), theme.dim).render(area, buf);
}

pub fn rebuttals(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, focused: bool) {
    let room = area.width.saturating_sub(2) as usize;
    let about = app
        .current()
        .map_or(String::new(), |n| fit(app.debate.text_of(n), room));
    let title = fit(&format!(" Rebuttals · {about} "), room);
    let b = block(title, theme, focused);
    let inner = b.inner(area);
    b.render(area, buf);
    if app.links.is_empty() {
        let msg = match app.current() {
            Some(NodeId::Position(_)) => {
                "No rebuttals yet: no claim rebuts or supports this position directly."
            }
            Some(_) => {
                "No rebuttals yet: nothing rebuts or supports this claim, and it answers nothing."
            }
            None => "No claim selected.",
        };
        Paragraph::new(Line::styled(msg, theme.dim))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    let rows = app.links_rows().min(inner.height as usize);
    let width = inner.width as usize;
    link_preview(app, inner, rows, buf, theme);
    let start = app.links_pos.offset.min(app.links.len());
    let end = (start + rows).min(app.links.len());
    for (i, entry) in app.links[start..end].iter().enumerate() {
        let r = Rect::new(inner.x, inner.y + i as u16, inner.width, 1);
        match *entry {
            LinkRow::Heading(group, n) => {
                Line::from(vec![
                    Span::styled(group.label(), theme.heading),
                    Span::styled(format!(" ({n})"), theme.dim),
                ])
                .render(r, buf);
            }
            LinkRow::Entry(_, node) => {
                let side = app.debate.side_of(node);
                let name = fit(
                    app.debate
                        .positions
                        .get(side as usize)
                        .map_or("", |p| p.id.as_str()),
                    (width / 3).max(4),
                );
                let suffix = Span::styled(format!(" {name}"), theme.side(side));
                let mut prefix = side_prefix(app, node, theme, "  ");
                prefix.extend(super::status_mark(app, node, theme));
                row(
                    prefix,
                    app.debate.text_of(node),
                    Some(suffix),
                    width,
                    Style::new(),
                )
                .render(r, buf);
                if start + i == app.links_pos.selected {
                    buf.set_style(r, theme.selection(focused));
                }
            }
        }
    }
    scrollbar(area, buf, app.links.len(), rows, start);
}

/// Under the Rebuttals pane's list, when the layout keeps rows for it (the narrow one,
/// where the Sources pane is not beside it): a rule, then the selected link's
/// statement, wrapped and cut to the rows left.
fn link_preview(app: &App, inner: Rect, list_rows: usize, buf: &mut Buffer, theme: &Theme) {
    let rows = (inner.height as usize).saturating_sub(list_rows);
    let Some(LinkRow::Entry(_, node)) = app.links.get(app.links_pos.selected).copied() else {
        return;
    };
    if rows < 2 {
        return;
    }
    let width = inner.width as usize;
    let top = inner.y + list_rows as u16;
    let rule = format!("{:─<width$}", "─ Selected ");
    Line::styled(fit(&rule, width), theme.dim).render(Rect::new(inner.x, top, inner.width, 1), buf);
    let mut lines = Vec::new();
    push_wrapped(
        &mut lines,
        app.debate.text_of(node),
        width,
        Style::new(),
        rows - 1,
    );
    for (i, l) in lines.into_iter().enumerate() {
        let r = Rect::new(inner.x, top + 1 + i as u16, inner.width, 1);
        l.render(r, buf);
    }
}

pub fn sources(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, focused: bool) {
    let Some(node) = app.sources_node() else {
        block(" Sources ".into(), theme, focused).render(area, buf);
        return;
    };
    // While the Rebuttals pane has the focus, the selected link's statement and
    // sources, so that it can be read whole without following it.
    let following = app.current() != Some(node);
    let quotes = app.debate.quotes_of(node);
    let cites = app.cites_of(node);
    let entries = quotes.len() + cites.len();
    let title = if following {
        format!(" Sources · the selected link ({entries}) ")
    } else {
        format!(" Sources ({entries}) ")
    };
    let b = block(title, theme, focused);
    let inner = b.inner(area);
    b.render(area, buf);
    let width = inner.width.saturating_sub(2).max(1) as usize;
    let rows = inner.height as usize;
    let e = Entries {
        app,
        node,
        width,
        rows,
        theme,
        focused,
        selected: (!following).then_some(app.quote),
    };
    let scrolled = app.entry_line();
    let mut lines: Vec<Line> = Vec::new();
    if scrolled == 0 {
        head_lines(app, node, &mut lines, width, rows, theme);
        // From the first entry when the selected one shows whole that way; else from
        // the selected one. Either way no more entries are read than the pane has
        // rows for.
        let above = lines.len();
        let mut whole = e.push(&mut lines, 0);
        if !whole && app.quote > 0 && !following {
            lines.truncate(above);
            whole = e.push(&mut lines, app.quote);
        }
        // In the focused pane, an entry that does not show whole under the statement
        // shows alone.
        if focused && entries > 0 && !whole {
            lines.clear();
        }
    }
    // Whether the selected entry goes on below the pane.
    let mut cut = false;
    if lines.is_empty() && entries > 0 {
        // The selected entry alone, from its line `scrolled`.
        cut = !e.entry(&mut lines, app.quote, scrolled);
    }
    lines.truncate(rows);
    for (i, l) in lines.into_iter().enumerate() {
        l.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
    if focused && (entries > 1 || scrolled > 0 || cut) {
        let mut hint = format!(" {}/{} ", app.quote + 1, entries);
        if scrolled > 0 || cut {
            hint = format!(" {}/{} · line {} ", app.quote + 1, entries, scrolled + 1);
        }
        let w = display_width(&hint) as u16;
        if area.width > w + 2 {
            let r = Rect::new(
                area.right().saturating_sub(w + 1),
                area.bottom().saturating_sub(1),
                w,
                1,
            );
            Line::styled(hint, theme.dim).render(r, buf);
        }
    }
}

/// The lines above a node's entries: whether it stands and why, the statement in
/// full (the Claims pane cuts it to one row), a position's summary, and a blank line
/// (or that it has no sources).
fn head_lines(
    app: &App,
    node: NodeId,
    lines: &mut Vec<Line<'static>>,
    width: usize,
    rows: usize,
    theme: &Theme,
) {
    if let Some(mark) = super::status_mark(app, node, theme) {
        let (label, why) = standing(app, node, width);
        push_wrapped(lines, &format!("{label} {why}"), width, theme.dim, rows);
        for l in lines.iter_mut().skip(1) {
            l.spans.insert(0, Span::raw("  "));
        }
        // The label in its own style, after the mark.
        if let Some(first) = lines.first_mut()
            && let Some(span) = first.spans.first_mut()
            && let Some(rest) = span.content.strip_prefix(label.as_str())
        {
            let rest = Span::styled(rest.to_string(), span.style);
            *span = Span::styled(label, mark.style.patch(theme.title));
            first.spans.insert(0, mark);
            first.spans.push(rest);
        }
    }
    push_wrapped(lines, app.debate.text_of(node), width, theme.title, rows);
    if let NodeId::Position(p) = node
        && let Some(summary) = app.debate.position(p).and_then(|p| p.summary.as_deref())
    {
        push_wrapped(lines, summary, width, Style::new(), rows);
    }
    lines.push(Line::raw(""));
    if app.sources_len(node) == 0 {
        let msg = match node {
            NodeId::Claim(_) => "Unsourced: no quote, no citation.",
            NodeId::Position(_) => "No quotes for this position.",
        };
        push_wrapped(lines, msg, width, theme.dim, rows);
    }
}

/// A node's label and why in words, naming the deciding claims by their text when
/// the pane is wide enough, else by id: ("Falls:", "rebutted by “The fear…”, which
/// stands; supported by 1 standing claim"). Reads only the node's own rebuttals.
fn standing(app: &App, node: NodeId, width: usize) -> (String, String) {
    let d = &app.debate;
    let st = &app.standing;
    let name = |n: NodeId| {
        if width >= 30 {
            format!("“{}”", fit(d.text_of(n), (width / 2).min(40)))
        } else {
            d.id_of(n).to_string()
        }
    };
    let label = st.label(node).name();
    let mut capital = label[..1].to_uppercase();
    capital.push_str(&label[1..]);
    // Why is worked out for the node the panes are about only: a selected link shows
    // its label and its support.
    let mut why = app
        .why()
        .filter(|_| app.current() == Some(node))
        .map_or_else(String::new, |w| explain_with(w, name));
    if let Some(s) = support(st, node) {
        if !why.is_empty() {
            why.push_str("; ");
        }
        why.push_str(&s);
    }
    if !why.is_empty() {
        capital.push(':');
    }
    (capital, why)
}

/// The entries of the Sources pane (quotes, then cited sources) as lines.
struct Entries<'a> {
    app: &'a App,
    node: NodeId,
    width: usize,
    rows: usize,
    theme: &'a Theme,
    focused: bool,
    /// The selected entry, marked with a bar; none for a link's entries.
    selected: Option<usize>,
}

/// The bar before an entry's lines: a selected one's, else blank.
const BAR: &str = "▌ ";
const NO_BAR: &str = "  ";

impl Entries<'_> {
    /// Appends the entries from `first` on until the pane is full; whether the
    /// selected entry shows whole.
    fn push(&self, lines: &mut Vec<Line<'static>>, first: usize) -> bool {
        let mut whole = false;
        for k in first..self.app.sources_len(self.node) {
            if lines.len() >= self.rows {
                break;
            }
            let complete = self.entry(lines, k, 0);
            whole |= self.selected == Some(k) && complete && lines.len() <= self.rows;
            lines.push(Line::raw(""));
        }
        whole
    }

    /// Appends entry `k`'s lines from its line `skip` on, until the pane is full;
    /// whether its end is among them.
    fn entry(&self, lines: &mut Vec<Line<'static>>, k: usize, skip: usize) -> bool {
        let (app, theme, width) = (self.app, self.theme, self.width);
        let max = self.rows.saturating_add(skip);
        // No text is read further than the pane can show.
        let most = max.saturating_mul(width).saturating_add(16);
        let start = lines.len();
        let mut own: Vec<Line<'static>> = Vec::new();
        let mut complete = true;
        for (role, text) in app.entry_texts(self.node, k, most) {
            let style = match role {
                Role::Act => theme.heading,
                Role::Quote | Role::Excerpt => theme.quote,
                Role::By | Role::Url => theme.dim,
                Role::Translation => theme.translation,
                Role::Cites => theme.title,
            };
            complete &= push_wrapped(&mut own, &text, width, style, max.saturating_sub(start));
        }
        let selected = self.selected == Some(k);
        let (bar, bar_style) = if selected {
            (BAR, theme.selection(self.focused))
        } else {
            (NO_BAR, theme.dim)
        };
        for mut l in own.into_iter().skip(skip) {
            l.spans.insert(0, Span::styled(bar, bar_style));
            lines.push(l);
        }
        complete
    }
}

/// Appends `text` wrapped to `width`, stopping once `max` lines are there; whether
/// it was all appended. Only what can show is read: the pane never holds more than
/// `max * width` characters.
fn push_wrapped(
    lines: &mut Vec<Line<'static>>,
    text: &str,
    width: usize,
    style: Style,
    max: usize,
) -> bool {
    let room = max.saturating_sub(lines.len());
    let part = head(text, room.saturating_mul(width).saturating_add(16));
    let mut shown = visible(part).into_owned();
    if part.len() < text.len() {
        shown.push('…');
    }
    let wrapped = wrap(&shown, width);
    let cut = wrapped.len() > room;
    for (k, r) in wrapped.into_iter().take(room).enumerate() {
        let line = if cut && k + 1 == room {
            with_ellipsis(&shown[r], width)
        } else {
            shown[r].to_string()
        };
        lines.push(Line::styled(line, style));
    }
    !cut && part.len() == text.len()
}

/// The last line shown of a text that goes on: `…` at its end, within `width` columns.
fn with_ellipsis(line: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in line.trim_end().chars() {
        let w = char_width(c);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    use crate::app::App;
    use crate::domain::load::EmbeddedFiles;

    /// The screen's text, one line a row.
    fn screen(yaml: &str, id: &str) -> String {
        let d = crate::domain::load_bytes("u.yaml", yaml.as_bytes(), &EmbeddedFiles(&[]))
            .unwrap_or_else(|e| panic!("{e}"))
            .debate;
        let node = d.lookup(id).unwrap();
        let mut app = App::new(d, Rect::new(0, 0, 140, 40));
        while app.current() != Some(node) {
            app.update(crate::app::Action::Down);
        }
        let mut buf = Buffer::empty(app.size);
        (&app).render(app.size, &mut buf);
        (0..buf.area.height)
            .map(|y| {
                let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
                row + "\n"
            })
            .collect()
    }

    const DEBATE: &str = "version: 1
title: T
sources:
  - id: ref-2
    title: A report on the cap
positions:
  - id: p
    title: P
claims:
  - id: cited
    position: p
    text: A claim that cites a source as a whole.
    cites: [ref-2]
  - id: bare
    position: p
    text: A claim with nothing behind it.
";

    #[test]
    fn unsourced_is_said_only_of_a_claim_that_neither_quotes_nor_cites() {
        let cited = screen(DEBATE, "cited");
        assert!(!cited.contains("Unsourced"), "{cited}");
        assert!(cited.contains("Sources (1)"), "{cited}");
        assert!(cited.contains("Cites: A report on the cap"), "{cited}");
        let bare = screen(DEBATE, "bare");
        assert!(bare.contains("Unsourced"), "{bare}");
    }
}
