//! Overlays, drawn over the panes: help, and a source's text with its quoted passages.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::theme::Theme;
use crate::app::keymap;
use crate::app::{App, HelpLine, SourceView, help_lines};
use crate::domain::text::{fit, truncate, visible};

/// Every binding of the key table, by scope, and the sides' marks.
pub fn help(app: &App, scroll: usize, area: Rect, buf: &mut Buffer, theme: &Theme) {
    Clear.render(area, buf);
    let b = Block::bordered()
        .title(Span::styled(
            " Help · ? or Esc to close ",
            theme.border_focused,
        ))
        .border_style(theme.border_focused);
    let inner = b.inner(area);
    b.render(area, buf);
    let lines: Vec<Line> = help_lines()
        .into_iter()
        .map(|l| match l {
            HelpLine::Sides => {
                let mut sides = vec![Span::styled("Sides: ", theme.heading)];
                for (i, p) in app.debate.positions.iter().enumerate().take(6) {
                    let i = i as u32;
                    sides.push(Span::styled(format!("{} ", Theme::mark(i)), theme.side(i)));
                    sides.push(Span::raw(format!(
                        "{}   ",
                        fit(&p.title, inner.width as usize)
                    )));
                }
                Line::from(sides)
            }
            HelpLine::Legend => {
                Line::styled("✗n after a claim: how many claims rebut it", theme.dim)
            }
            HelpLine::Blank => Line::raw(""),
            HelpLine::Heading(scope) => Line::styled(scope.title(), theme.heading),
            HelpLine::Binding(b) => {
                let keys: Vec<String> = b.keys.iter().map(|k| keymap::key_label(*k)).collect();
                Line::from(vec![
                    Span::styled(format!("  {:<22}", keys.join(" ")), theme.key),
                    Span::raw(b.help),
                ])
            }
        })
        .collect();
    let width = inner.width as usize;
    for (i, l) in lines
        .into_iter()
        .skip(scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        let line = if crate::domain::text::display_width(&text) > width {
            Line::from(truncate(&text, width).into_owned())
        } else {
            l
        };
        line.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
}

/// The passages that overlap a byte range, looked for among a bounded number of
/// passages before it, so that a frame's work does not grow with the source.
const PASSAGE_LOOKBACK: usize = 64;

pub fn source(app: &App, v: &SourceView, area: Rect, buf: &mut Buffer, theme: &Theme) {
    Clear.render(area, buf);
    let Some(src) = app.debate.sources.get(v.source as usize) else {
        return;
    };
    let passages = app.debate.passages(v.source);
    let current = passages.get(v.passage);
    let room = area.width.saturating_sub(2) as usize;
    let who = current.map_or(String::new(), |p| fit(app.debate.id_of(p.node), room));
    let title = format!(
        " {} · passage {}/{} · {} ",
        fit(&src.title, room),
        v.passage + 1,
        passages.len(),
        who
    );
    let b = Block::bordered()
        .title(Span::styled(fit(&title, room), theme.border_focused))
        .border_style(theme.border_focused);
    let inner = b.inner(area);
    b.render(area, buf);
    let text = src.text.as_deref().unwrap_or("");
    let rows = inner.height as usize;
    for (i, r) in v.lines.iter().skip(v.scroll).take(rows).enumerate() {
        let mut cuts = vec![r.start, r.end];
        let mut styled: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
        let upto = passages.partition_point(|p| p.range.start < r.end);
        let from = upto.saturating_sub(PASSAGE_LOOKBACK);
        for (j, p) in passages[from..upto].iter().enumerate() {
            if p.range.end <= r.start {
                continue;
            }
            let s = p.range.start.max(r.start);
            let e = p.range.end.min(r.end);
            cuts.extend([s, e]);
            let strong = from + j == v.passage;
            styled.push((
                s..e,
                if strong {
                    theme.passage_current
                } else {
                    theme.passage
                },
            ));
        }
        if let Some(p) = current
            && p.range.start < r.end
            && p.range.end > r.start
        {
            let s = p.range.start.max(r.start);
            let e = p.range.end.min(r.end);
            cuts.extend([s, e]);
            styled.push((s..e, theme.passage_current));
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut spans = Vec::new();
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            let Some(piece) = text.get(s..e) else {
                continue;
            };
            // The current passage wins over the others.
            let style = styled
                .iter()
                .filter(|(range, _)| range.start <= s && e <= range.end)
                .map(|(_, st)| *st)
                .fold(Style::new(), |acc, st| {
                    if acc == theme.passage_current {
                        acc
                    } else {
                        st
                    }
                });
            spans.push(Span::styled(visible(piece).into_owned(), style));
        }
        Line::from(spans).render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
}
