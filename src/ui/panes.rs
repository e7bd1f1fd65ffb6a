//! The three panes. Each draws only its visible rows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap,
};

use super::theme::Theme;
use crate::app::{App, LinkRow};
use crate::domain::graph::status::{explain_with, support};
use crate::domain::text::{char_width, display_width, fit, head, visible, wrap};
use crate::domain::{NodeId, Quote};

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
    let title = format!(" Claims ({}) ", app.debate.claims.len());
    let b = block(title, theme, focused);
    let inner = b.inner(area);
    b.render(area, buf);
    let rows = inner.height as usize;
    let width = inner.width as usize;
    let start = app.claims.offset.min(app.rows.len());
    let end = (start + rows).min(app.rows.len());
    for (i, &node) in app.rows[start..end].iter().enumerate() {
        let selected = start + i == app.claims.selected;
        let line = match node {
            NodeId::Position(p) => {
                let count = app.debate.claims_of(p).len();
                let title = app.debate.text_of(node);
                let s = if count == 1 { "" } else { "s" };
                let suffix = Span::styled(format!(" {count} claim{s}"), theme.dim);
                row(
                    side_prefix(app, node, theme, ""),
                    title,
                    Some(suffix),
                    width,
                    theme.side(p).patch(theme.title),
                )
            }
            NodeId::Claim(_) => {
                let n = app.debate.rebuttal_count(node);
                let suffix = (n > 0).then(|| Span::styled(format!(" ✗{n}"), theme.dim));
                row(
                    side_prefix(app, node, theme, "  "),
                    app.debate.text_of(node),
                    suffix,
                    width,
                    Style::new(),
                )
            }
        };
        let y = inner.y + i as u16;
        let r = Rect::new(inner.x, y, inner.width, 1);
        line.render(r, buf);
        if selected {
            buf.set_style(r, theme.selection(focused));
        }
    }
    if app.debate.claims.is_empty() && end - start < rows {
        let shown = (end - start) as u16;
        let r = Rect::new(inner.x, inner.y + shown, inner.width, inner.height - shown);
        Paragraph::new(Line::styled("No claims in this debate.", theme.dim))
            .wrap(Wrap { trim: true })
            .render(r, buf);
    }
    scrollbar(area, buf, app.rows.len(), rows, start);
}

pub fn rebuttals(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, focused: bool) {
    let room = area.width.saturating_sub(2) as usize;
    let about = app
        .current()
        .map_or(String::new(), |n| fit(app.debate.id_of(n), room));
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
    let rows = inner.height as usize;
    let width = inner.width as usize;
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

pub fn sources(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, focused: bool) {
    let Some(node) = app.current() else {
        block(" Sources ".into(), theme, focused).render(area, buf);
        return;
    };
    let quotes = app.debate.quotes_of(node);
    let cites = app.cites_of(node);
    let entries = quotes.len() + cites.len();
    let title = format!(" Sources ({entries}) ");
    let b = block(title, theme, focused);
    let inner = b.inner(area);
    b.render(area, buf);
    let width = inner.width.saturating_sub(2).max(1) as usize;
    let rows = inner.height as usize;
    let mut lines: Vec<Line> = Vec::new();
    // Whether it stands and why, the statement in full (the Claims pane cuts it to one
    // row), then the quotes, then the sources cited.
    if let Some(mark) = super::status_mark(app, node, theme) {
        let (label, why) = standing(app, node, width);
        push_wrapped(
            &mut lines,
            &format!("{label} {why}"),
            width,
            theme.dim,
            rows,
        );
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
    push_wrapped(
        &mut lines,
        app.debate.text_of(node),
        width,
        theme.title,
        rows,
    );
    if let NodeId::Position(p) = node
        && let Some(summary) = app.debate.position(p).and_then(|p| p.summary.as_deref())
    {
        push_wrapped(&mut lines, summary, width, Style::new(), rows);
    }
    lines.push(Line::raw(""));
    if entries == 0 {
        let msg = match node {
            NodeId::Claim(_) => "Unsourced: no quote, no citation.",
            NodeId::Position(_) => "No quotes for this position.",
        };
        push_wrapped(&mut lines, msg, width, theme.dim, rows);
    }
    // From the first entry when the selected one shows whole that way; else from the
    // selected one. Either way no more entries are read than the pane has rows for.
    let above = lines.len();
    let e = Entries {
        app,
        node,
        width,
        rows,
        theme,
        focused,
    };
    if !e.push(&mut lines, 0) && app.quote > 0 {
        lines.truncate(above);
        e.push(&mut lines, app.quote);
    }
    lines.truncate(rows);
    for (i, l) in lines.into_iter().enumerate() {
        l.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
    if focused && entries > 1 {
        let hint = format!(" {}/{} ", app.quote + 1, entries);
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
    capital.push(':');
    let mut why = app
        .why()
        .map_or_else(String::new, |w| explain_with(w, name));
    if let Some(s) = support(st, node) {
        why.push_str("; ");
        why.push_str(&s);
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
}

impl Entries<'_> {
    /// Appends the entries from `first` on until the pane is full; whether the
    /// selected entry shows whole.
    fn push(&self, lines: &mut Vec<Line<'static>>, first: usize) -> bool {
        let (app, theme, rows, width) = (self.app, self.theme, self.rows, self.width);
        let quotes = app.debate.quotes_of(self.node);
        let cites = app.cites_of(self.node);
        // No text is read further than the pane can show.
        let most = rows.saturating_mul(width).saturating_add(16);
        let mut whole = false;
        for k in first..quotes.len() + cites.len() {
            if lines.len() >= rows {
                break;
            }
            let selected = k == app.quote;
            let bar = if selected { "▌ " } else { "  " };
            let bar_style = if selected {
                theme.selection(self.focused)
            } else {
                theme.dim
            };
            let start = lines.len();
            match quotes.get(k) {
                Some(q) => quote(app, q, lines, width, rows, most, theme),
                None => {
                    if let Some(&s) = cites.get(k - quotes.len()) {
                        citation(app, s, lines, width, rows, most, theme);
                    }
                }
            }
            for l in &mut lines[start..] {
                l.spans.insert(0, Span::styled(bar, bar_style));
            }
            whole |= selected && lines.len() < rows;
            lines.push(Line::raw(""));
        }
        whole
    }
}

/// A quote's lines: the speech act with its speaker when there is one ("Fiona Bruce
/// asks:"), the text, who said it where, the translation. `most` characters of each
/// text at most are read.
fn quote(
    app: &App,
    q: &Quote,
    lines: &mut Vec<Line<'static>>,
    width: usize,
    rows: usize,
    most: usize,
    theme: &Theme,
) {
    let speaker = q.speaker.as_deref().map(|s| head(s, most));
    if let Some(act) = &q.act {
        let act = head(act, most);
        let says = match speaker {
            Some(s) => format!("{s} {act}:"),
            None => format!("{act}:"),
        };
        push_wrapped(lines, &says, width, theme.heading, rows);
    }
    let text = head(&q.text, most).trim();
    push_wrapped(lines, &format!("“{text}”"), width, theme.quote, rows);
    let source = app.debate.sources.get(q.source as usize);
    let mut by = String::from("— ");
    // The speaker is named once: with the act, when there is one.
    if let Some(s) = speaker.filter(|_| q.act.is_none()) {
        by.push_str(s);
        by.push_str(", ");
    }
    by.push_str(source.map_or("", |s| head(&s.title, most)));
    if q.found.is_some() {
        by.push_str(" ✓");
    }
    push_wrapped(lines, &by, width, theme.dim, rows);
    if let Some(t) = &q.translation {
        push_wrapped(lines, t, width, theme.translation, rows);
    }
}

/// A cited source's lines: "Cites:" and its title, its url, its excerpt.
fn citation(
    app: &App,
    source: u32,
    lines: &mut Vec<Line<'static>>,
    width: usize,
    rows: usize,
    most: usize,
    theme: &Theme,
) {
    let Some(s) = app.debate.sources.get(source as usize) else {
        return;
    };
    let title = format!("Cites: {}", head(&s.title, most));
    push_wrapped(lines, &title, width, theme.title, rows);
    if let Some(url) = &s.url {
        push_wrapped(lines, url, width, theme.dim, rows);
    }
    if let Some(excerpt) = &s.excerpt {
        let text = head(excerpt, most).trim();
        push_wrapped(lines, &format!("“{text}”"), width, theme.quote, rows);
    }
}

/// Appends `text` wrapped to `width`, stopping once `max` lines are there. Only what
/// can show is read: the pane never holds more than `max * width` characters.
fn push_wrapped(
    lines: &mut Vec<Line<'static>>,
    text: &str,
    width: usize,
    style: Style,
    max: usize,
) {
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
