//! Overlays, drawn over the panes: help, and a source's text with its quoted passages.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::commands;
use super::theme::{self, Theme};
use crate::app::indexing::UNAVAILABLE;
use crate::app::keymap::{self, HelpLine, Scope, help_lines, key_for};
use crate::app::layout::SEARCH_HEAD;
use crate::app::search::Stage;
use crate::app::{Action, App, ExportPrompt, ListPos, ResultRow, SearchView, SourceView};
use crate::domain::Source;
use crate::domain::export::plural;
use crate::domain::graph::path::{Joint, joint};
use crate::domain::graph::status::Label;
use crate::domain::search::{Cited, Field, Impossible, KINDS, MOST_FOUND, Query, Target};
use crate::domain::text::{
    display_width, excerpt, fit, truncate, truncate_left, visible, visible_char, wrap,
};

/// Every binding of the key table, by scope, and the sides' marks.
pub fn help(app: &App, scroll: usize, area: Rect, buf: &mut Buffer, theme: &Theme) {
    Clear.render(area, buf);
    let title = format!(
        " Help · {} or {} to close ",
        key_for(Scope::Help, &Action::Help),
        key_for(Scope::Help, &Action::Close)
    );
    let total = help_lines().len();
    let rows = area.height.saturating_sub(2) as usize;
    let mut b = Block::bordered()
        .title(Span::styled(title, theme.border_focused))
        .border_style(theme.border_focused);
    if let Some(more) = more_in_help(scroll, rows, total) {
        let room = area.width.saturating_sub(4) as usize;
        b = b.title_bottom(Line::styled(fit(&more, room), theme.key).right_aligned());
    }
    let inner = b.inner(area);
    b.render(area, buf);
    let lines: Vec<Line> = help_lines()
        .into_iter()
        .map(|l| match l {
            HelpLine::Sides => {
                let mut sides = vec![Span::styled("Sides: ", theme.heading)];
                for (i, p) in app.debate.positions.iter().enumerate().take(SIDES_NAMED) {
                    let i = i as u32;
                    sides.push(Span::styled(format!("{} ", Theme::mark(i)), theme.side(i)));
                    sides.push(Span::raw(format!(
                        "{}   ",
                        fit(&p.title, inner.width as usize)
                    )));
                }
                let more = app.debate.positions.len().saturating_sub(SIDES_NAMED);
                if more > 0 {
                    sides.push(Span::styled(format!("and {more} more"), theme.dim));
                }
                Line::from(sides)
            }
            HelpLine::Legend => Line::styled(
                "+ supports, − rebuts what is above it; · answers nothing (listed under its side)",
                theme.dim,
            ),
            HelpLine::Folds => Line::styled(
                "▸ folded, [n] rows below it; ▾ unfolded; ↪ answers it too, shown in full elsewhere",
                theme.dim,
            ),
            HelpLine::Marks => {
                let mut marks = vec![Span::styled("Status: ", theme.heading)];
                for (label, words) in [
                    (Label::Stands, "stands   "),
                    (Label::Falls, "falls   "),
                    (Label::Open, "open   "),
                ] {
                    let (mark, style) = theme.label(label);
                    marks.push(Span::styled(format!("{mark} "), style));
                    marks.push(Span::styled(words, theme.dim));
                }
                marks.push(Span::styled(
                    format!("{} ", theme::SET_ASIDE),
                    theme.set_aside,
                ));
                marks.push(Span::styled("set aside (what if)", theme.dim));
                Line::from(marks)
            }
            HelpLine::Blank => Line::raw(""),
            HelpLine::Heading(scope) => Line::styled(scope.title(), theme.heading),
            HelpLine::SearchSyntax => Line::styled(
                "  words; 'exact \"a phrase\" !not ^start end$; side:ID is:claim|quote|… tag:TAG",
                theme.dim,
            ),
            HelpLine::StatusSyntax => Line::styled(
                "  status:stands|falls|open: by label, as the debate is written (not a what-if)",
                theme.dim,
            ),
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
        let line = if display_width(&text) > width {
            Line::from(truncate(&text, width).into_owned())
        } else {
            l
        };
        line.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
}

/// What the help's bottom border says when it does not show every line: that more is
/// above, below, or both, with the keys that scroll there.
fn more_in_help(scroll: usize, rows: usize, total: usize) -> Option<String> {
    let above = scroll > 0;
    let below = scroll.saturating_add(rows) < total;
    let keys = |actions: &[Action]| {
        actions
            .iter()
            .map(|a| key_for(Scope::Help, a))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let down = keys(&[Action::Down, Action::PageDown, Action::Bottom]);
    let up = keys(&[Action::Up, Action::PageUp, Action::Top]);
    let shown = format!(
        "{}–{} of {total}",
        scroll.saturating_add(1),
        scroll.saturating_add(rows).min(total)
    );
    match (above, below) {
        (false, false) => None,
        (false, true) => Some(format!(" {shown} · ↓ more below: {down} ")),
        (true, false) => Some(format!(" {shown} · ↑ more above: {up} ")),
        (true, true) => Some(format!(" {shown} · ↑↓ more above and below ")),
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
    let b = Block::bordered()
        .title(Span::styled(
            fit(&source_title(app, v, src, room), room),
            theme.border_focused,
        ))
        .border_style(theme.border_focused);
    let inner = b.inner(area);
    b.render(area, buf);
    let text = src.text.as_deref().unwrap_or("");
    let panel = app.translation_panel();
    let panel_rows = panel.as_ref().map_or(0, |p| p.rows);
    let rows = (inner.height as usize).saturating_sub(panel_rows);
    let found: &[std::ops::Range<usize>] = v.find.as_ref().map_or(&[], |f| &f.found);
    let current_match = v.current_match();
    for (i, r) in v.lines.iter().skip(v.scroll).take(rows).enumerate() {
        // What is marked on this line, weakest first: passages, the current passage,
        // the search's matches, its current match.
        let mut marks: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
        let upto = passages.partition_point(|p| p.range.start < r.end);
        let from = upto.saturating_sub(PASSAGE_LOOKBACK);
        for p in &passages[from..upto] {
            marks.push((p.range.clone(), theme.passage));
        }
        if let Some(p) = current {
            marks.push((p.range.clone(), theme.passage_current));
        }
        let first = found.partition_point(|m| m.end <= r.start);
        for m in found[first..].iter().take_while(|m| m.start < r.end) {
            marks.push((m.clone(), theme.found));
        }
        if let Some(m) = current_match {
            marks.push((m.clone(), theme.found_current));
        }
        let spans = marked_line(text, r.clone(), &marks);
        Line::from(spans).render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
    if let Some(p) = panel
        && p.rows > 0
    {
        let top = inner.y + inner.height.saturating_sub(p.rows as u16);
        let rule = format!("{:─<w$}", "─ Translation of the passage ", w = room);
        Line::styled(fit(&rule, room), theme.dim)
            .render(Rect::new(inner.x, top, inner.width, 1), buf);
        let body = Rect::new(
            inner.x,
            top + 1,
            inner.width,
            p.rows.saturating_sub(1) as u16,
        );
        match &p.text {
            None => Line::styled("This passage's quote has no translation.", theme.dim)
                .render(Rect { height: 1, ..body }, buf),
            Some(t) => {
                let shown = body.height as usize;
                let cut = p.lines.len() > shown;
                for (k, l) in p.lines.iter().take(shown).enumerate() {
                    let line = &t[l.clone()];
                    let line = if cut && k + 1 == shown {
                        format!("{}…", truncate(line, room.saturating_sub(1)))
                    } else {
                        line.to_string()
                    };
                    Line::styled(line, theme.translation)
                        .render(Rect::new(body.x, body.y + k as u16, body.width, 1), buf);
                }
            }
        }
    }
}

/// The source view's title: the source, then the search being typed or walked, else
/// the current passage and the claim that quotes it (by its text) with what its
/// speaker does there.
fn source_title(app: &App, v: &SourceView, src: &Source, room: usize) -> String {
    let name = fit(&src.title, (room / 3).max(10));
    if let Some(f) = &v.find {
        let query = truncate_left(&visible(&f.input), (room / 3).max(8)).into_owned();
        let count = match f.found.len() {
            0 if f.input.trim().is_empty() => String::from("type to search the text"),
            0 => String::from("no match"),
            // The count is bounded: past it, say so.
            n if n >= MOST_FOUND => format!("match {}/{n}+", f.current + 1),
            n => format!("match {}/{n}", f.current + 1),
        };
        let keys = if f.typing {
            commands(Scope::SourceSearch, &[Action::Follow, Action::EndFind])
        } else {
            commands(
                Scope::SourceMatches,
                &[Action::NextMatch, Action::PreviousMatch, Action::EndFind],
            )
        };
        let cursor = if f.typing { "▏" } else { "" };
        return format!(" {name} · search /{query}{cursor} · {count} · {keys} ");
    }
    let passages = app.debate.passages(v.source);
    let Some(p) = passages.get(v.passage) else {
        // A cited source that nothing quotes.
        return format!(" {name} · no quoted passage ");
    };
    let mut who = fit(app.debate.text_of(p.node), (room / 3).max(10));
    if let Some(q) = app.debate.quotes_of(p.node).get(p.quote as usize)
        && let Some(act) = &q.act
    {
        who.push_str(" · ");
        if let Some(s) = &q.speaker {
            who.push_str(&fit(s, room));
            who.push(' ');
        }
        who.push_str(&fit(act, room));
    }
    format!(
        " {name} · passage {}/{} · {who} ",
        v.passage + 1,
        passages.len()
    )
}

/// The spans of the text's line `r`, each piece in the style of the last of `marks`
/// that covers it (later marks win).
fn marked_line(
    text: &str,
    r: std::ops::Range<usize>,
    marks: &[(std::ops::Range<usize>, Style)],
) -> Vec<Span<'static>> {
    let mut cuts = vec![r.start, r.end];
    for (m, _) in marks {
        if m.start < r.end && m.end > r.start {
            cuts.extend([m.start.max(r.start), m.end.min(r.end)]);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        let Some(piece) = text.get(s..e) else {
            continue;
        };
        let style = marks
            .iter()
            .rev()
            .find(|(m, _)| m.start <= s && e <= m.end)
            .map_or(Style::new(), |(_, st)| *st);
        // Made visible with the character before it in the text, so that a variation
        // selector just after a mark still varies its character rather than show as a
        // lone one (`�`, a column the line was not measured with).
        let mut prev = text[..s].chars().next_back();
        let piece: String = piece
            .chars()
            .map(|c| visible_char(prev.replace(c), c))
            .collect();
        spans.push(Span::styled(piece, style));
    }
    spans
}

/// The search popup: the input, the count, and the results in view.
pub fn search(app: &App, v: &SearchView, area: Rect, buf: &mut Buffer, theme: &Theme) {
    Clear.render(area, buf);
    let b = Block::bordered()
        .title(Span::styled(
            fit(
                &format!(
                    " Search · {} ",
                    commands(Scope::Search, &[Action::Follow, Action::Close])
                ),
                area.width.saturating_sub(2) as usize,
            ),
            theme.border_focused,
        ))
        .border_style(theme.border_focused);
    let inner = b.inner(area);
    b.render(area, buf);
    let width = inner.width as usize;
    if width == 0 || inner.height == 0 {
        return;
    }
    let line = |i: usize| Rect::new(inner.x, inner.y + i as u16, inner.width, 1);

    // The input, its end in view, and a cursor after it; selected when typing
    // replaces it.
    let typed = truncate_left(&visible(&v.input), width.saturating_sub(3)).into_owned();
    let typed_style = if v.replace {
        theme.selected
    } else {
        Style::new()
    };
    Line::from(vec![
        Span::styled("/ ", theme.key),
        Span::styled(typed, typed_style),
        Span::styled(" ", theme.selected),
    ])
    .render(line(0), buf);
    if inner.height < 2 {
        return;
    }
    let (count, style) = count_line(app, v, theme);
    Line::styled(fit(&count, width), style).render(line(1), buf);

    for (i, row) in v.rows.iter().enumerate() {
        if SEARCH_HEAD + i >= inner.height as usize {
            break;
        }
        let selected = v.pos.offset + i == v.pos.selected;
        result_row(app, row, selected, line(SEARCH_HEAD + i), buf, theme);
    }
}

/// What the line under the input says: how to search, how many results, or none.
fn count_line(app: &App, v: &SearchView, theme: &Theme) -> (String, Style) {
    if Query::parse(&v.input).is_empty() {
        let earlier = if app.recall.queries.is_empty() || !v.input.is_empty() {
            String::new()
        } else {
            format!(
                "{} earlier searches · ",
                key_for(Scope::Search, &Action::Up)
            )
        };
        let how = format!(
            "{earlier}Type to search · 'exact \"a phrase\" !not ^start end$ · filters: \
             side:ID is:claim|quote|position|source tag:TAG status:"
        );
        return (how, theme.dim);
    }
    if app.index_lost {
        return (String::from(UNAVAILABLE), theme.warning);
    }
    if app.indexing() {
        // The search runs as soon as the index is ready.
        return (String::from("indexing…"), theme.dim);
    }
    let Some(r) = &v.results else {
        return (String::from("searching…"), theme.dim);
    };
    let n = r.total;
    let noun = if n == 1 { "result" } else { "results" };
    let listed = if r.hits.len() < n {
        format!(" · the best {} listed", r.hits.len())
    } else {
        String::new()
    };
    let scattered = if r.scattered {
        " · letters scattered closely (no word matched)"
    } else {
        ""
    };
    if r.generation != v.generation || r.stage == Stage::Early {
        (format!("{n} {noun} so far · searching…"), theme.dim)
    } else if n == 0 {
        let query = v.answered.trim();
        let why = app
            .index
            .as_ref()
            .and_then(|i| i.impossible_filter(&Query::parse(query)))
            .map(|f| format!(": {}", impossible(app, &f)))
            .unwrap_or_default();
        (format!("No results for “{query}”{why}"), theme.warning)
    } else {
        (format!("{n} {noun}{listed}{scattered}"), theme.dim)
    }
}

/// Why a filter lets nothing through, and what it takes.
fn impossible(app: &App, f: &Impossible) -> String {
    match f {
        Impossible::Side(v) => {
            let ids: Vec<&str> = app.debate.positions.iter().map(|p| p.id.as_str()).collect();
            let shown = ids
                .iter()
                .take(SIDES_NAMED)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            let more = match ids.len().saturating_sub(SIDES_NAMED) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            format!("no side “{}” ({shown}{more})", visible(v))
        }
        Impossible::Kind(_) => {
            let (last, rest) = KINDS.split_last().expect("kinds");
            format!("is: takes {} or {last}", rest.join(", "))
        }
        Impossible::Status(_) => {
            let names: Vec<&str> = Label::ALL.iter().map(|l| l.name()).collect();
            let (last, rest) = names.split_last().expect("labels");
            format!("status: takes {} or {last}", rest.join(", "))
        }
    }
}

/// How many sides a filter naming none lists.
const SIDES_NAMED: usize = 6;

/// What a search result shows for a field other than its main text.
fn field_label(field: Field) -> Option<&'static str> {
    match field {
        Field::Text => None,
        Field::Id => Some("id"),
        Field::Summary => Some("summary"),
        Field::Translation => Some("translation"),
        Field::Speaker => Some("speaker"),
        Field::Tag(_) => Some("tag"),
        Field::Cites(_, Cited::Title) => Some("cites"),
        Field::Cites(_, Cited::Url) => Some("cites url"),
        Field::Cites(_, Cited::Excerpt) => Some("cites excerpt"),
    }
}

/// One result: its kind, its side's mark; for a quote, the claim or position that
/// holds it; then the text it matched, its matched characters marked. When that is
/// not the result's own text (a tag, a speaker, an id, a citation…), its label and a
/// short excerpt come first, then the text the result leads to.
fn result_row(
    app: &App,
    row: &ResultRow,
    selected: bool,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let base = if selected {
        theme.selected
    } else {
        Style::new()
    };
    buf.set_style(area, base);
    let hit = &row.hit;
    let dim = base.patch(theme.dim);
    let mut spans = vec![Span::styled(
        format!("{:<8} ", hit.target.kind()),
        base.patch(theme.kind),
    )];
    spans.push(match hit.target.node().map(|n| app.debate.side_of(n)) {
        Some(side) => Span::styled(
            format!("{} ", Theme::mark(side)),
            base.patch(theme.side(side)),
        ),
        None => Span::styled("  ", base),
    });
    if let Target::Quote(node, _) = hit.target {
        let widest = HOLDER_WIDTH.min(area.width as usize / 4);
        let holder = fit(app.debate.id_of(node), widest);
        spans.push(Span::styled(format!("{holder} › "), dim));
    }
    let width = area.width as usize;
    let room = |spans: &[Span]| {
        let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
        width.saturating_sub(used)
    };
    let matched = app.result_text(hit);
    match field_label(hit.field) {
        None => {
            let (text, marks) = excerpt(matched, &row.marks, room(&spans));
            marked(&mut spans, &text, &marks, base, theme);
        }
        Some(label) => {
            spans.push(Span::styled(format!("({label}) "), dim));
            // The matched text takes half of what is left when it fits there whole
            // (a tag, a speaker, an id), else a third, or the match and a few
            // characters around it; the text the result leads to the rest.
            let left = room(&spans);
            let whole = display_width(matched);
            let span = match (row.marks.first(), row.marks.last()) {
                (Some(a), Some(b)) => b.saturating_sub(*a) + 1,
                _ => 0,
            };
            let cap = if whole <= left / 2 {
                whole
            } else {
                (left / 3).max(span + 8).min(left * 2 / 3)
            };
            let (text, marks) = excerpt(matched, &row.marks, cap.max(12).min(left));
            marked(&mut spans, &text, &marks, base, theme);
            let lead = app.lead_text(hit);
            if !lead.is_empty() && room(&spans) > 3 {
                spans.push(Span::styled(" — ", dim));
                let left = room(&spans);
                spans.push(Span::styled(fit(lead, left), base));
            }
        }
    }
    Line::from(spans).render(area, buf);
}

/// The widest a quote's holder (a claim's or position's id) is shown in a result row.
const HOLDER_WIDTH: usize = 24;

/// Appends `text` as runs of matched and unmatched characters (`marks`: character
/// indices, sorted).
fn marked(spans: &mut Vec<Span<'static>>, text: &str, marks: &[usize], base: Style, theme: &Theme) {
    let style = |matched: bool| {
        if matched {
            base.patch(theme.matched)
        } else {
            base
        }
    };
    let mut marks = marks.iter().peekable();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in text.chars().enumerate() {
        let matched = marks.next_if(|&&m| m == i).is_some();
        if matched != run_matched && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), style(run_matched)));
        }
        run_matched = matched;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style(run_matched)));
    }
}

/// Clears `area` and draws an overlay's focused frame with its title; the inside.
fn framed(title: &str, area: Rect, buf: &mut Buffer, theme: &Theme) -> Rect {
    Clear.render(area, buf);
    let b = Block::bordered()
        .title(Span::styled(
            fit(title, area.width.saturating_sub(2) as usize),
            theme.border_focused,
        ))
        .border_style(theme.border_focused);
    let inner = b.inner(area);
    b.render(area, buf);
    inner
}

/// The path's steps: number, side, how each relates to the one before, id and text.
pub fn path(app: &App, pos: ListPos, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let n = app.path.len();
    let title = format!(
        " Path · {} · {} ",
        plural(n, "step"),
        commands(
            Scope::Path,
            &[
                Action::RemoveStep,
                Action::Follow,
                Action::Export,
                Action::Close
            ]
        )
    );
    let inner = framed(&title, area, buf, theme);
    let width = inner.width as usize;
    if app.path.is_empty() {
        let msg = format!(
            "The path is empty. {} on a claim starts one; {} adds the selected claim.",
            key_for(Scope::Panes, &Action::Follow),
            key_for(Scope::Panes, &Action::AddToPath)
        );
        Line::styled(fit(&msg, width), theme.dim).render(inner, buf);
        return;
    }
    let rows = inner.height as usize;
    for (row, i) in (pos.offset..n).take(rows).enumerate() {
        let node = app.path[i];
        let side = app.debate.side_of(node);
        let base = if i == pos.selected {
            theme.selected
        } else {
            Style::new()
        };
        let area = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
        buf.set_style(area, base);
        let how = match joint(&app.debate, &app.path, i) {
            Joint::Start => String::new(),
            j => format!("{} {}", j.short(), i),
        };
        let id = fit(app.debate.id_of(node), 24);
        let head = format!("{:>3}. ", i + 1);
        let used = head.len() + 2 + 16 + display_width(&id) + 2;
        let spans = vec![
            Span::styled(head, base.patch(theme.dim)),
            Span::styled(
                format!("{} ", Theme::mark(side)),
                base.patch(theme.side(side)),
            ),
            Span::styled(format!("{how:<15} "), base.patch(theme.kind)),
            Span::styled(format!("{id}  "), base.patch(theme.key)),
            Span::styled(
                fit(app.debate.text_of(node), width.saturating_sub(used)),
                base,
            ),
        ];
        Line::from(spans).render(area, buf);
    }
}

/// The export prompt: the file name with its cursor, or the question before replacing
/// a file; what went wrong, wrapped so that it is read whole. The box grows to hold it.
pub fn export(app: &App, p: &ExportPrompt, within: Rect, buf: &mut Buffer, theme: &Theme) {
    let width = within.width.min(72);
    let inner_width = width.saturating_sub(2) as usize;
    let wrapped = |text: &str, style: Style| -> Vec<Line<'static>> {
        let text = visible(text).into_owned();
        wrap(&text, inner_width)
            .into_iter()
            .map(|r| Line::styled(text[r].to_string(), style))
            .collect()
    };
    let mut lines = Vec::new();
    if p.confirm {
        lines.extend(wrapped(
            &format!("{} already exists.", p.input),
            theme.warning,
        ));
        let mut question = vec![Span::raw("Replace it?")];
        for (i, action) in [Action::Confirm, Action::Decline, Action::Close]
            .iter()
            .enumerate()
        {
            let Some((key, name)) = keymap::named(Scope::Confirm, action) else {
                continue;
            };
            question.push(Span::raw(if i == 0 { " " } else { " · " }));
            question.push(Span::styled(key, theme.key));
            question.push(Span::raw(format!(" {name}")));
        }
        lines.push(Line::from(question));
    } else {
        lines.push(name_line(p, inner_width, theme));
        let how = format!(
            "{} writes it (in the current folder unless the name says where; ~ is your \
             home) · {} cancels",
            key_for(Scope::Prompt, &Action::Follow),
            key_for(Scope::Prompt, &Action::Close)
        );
        lines.extend(wrapped(&how, theme.dim));
    }
    if let Some(e) = &p.error {
        lines.extend(wrapped(e, theme.warning));
    }
    let height = (lines.len() as u16)
        .saturating_add(2)
        .max(6)
        .min(within.height);
    let area = Rect {
        x: within.x.saturating_add((within.width - width) / 2),
        y: within.y.saturating_add((within.height - height) / 2),
        width,
        height,
    };
    let title = format!(
        " Export the path ({}) to Markdown ",
        plural(app.path.len(), "step")
    );
    let inner = framed(&title, area, buf, theme);
    for (i, l) in lines.into_iter().take(inner.height as usize).enumerate() {
        l.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
}

/// The file name being typed, with the cursor shown as a reversed cell (on the
/// character it stands before, or a space at the end), the part around it cut so that
/// the cursor is always in view.
fn name_line(p: &ExportPrompt, width: usize, theme: &Theme) -> Line<'static> {
    const LABEL: &str = "File: ";
    let room = width.saturating_sub(LABEL.len());
    let at = p.cursor.min(p.input.len());
    let at = (0..=at)
        .rev()
        .find(|&i| p.input.is_char_boundary(i))
        .unwrap_or(0);
    let (before, rest) = p.input.split_at(at);
    let mut rest = rest.chars();
    let under = rest.next().map_or_else(
        || String::from(" "),
        |c| visible(&c.to_string()).into_owned(),
    );
    let after = visible(rest.as_str()).into_owned();
    let under_w = display_width(&under);
    let before = visible(before);
    let before = truncate_left(&before, room.saturating_sub(under_w)).into_owned();
    let after_room = room.saturating_sub(display_width(&before) + under_w);
    let after = truncate(&after, after_room).into_owned();
    Line::from(vec![
        Span::styled(LABEL, theme.key),
        Span::raw(before),
        Span::styled(under, theme.selected),
        Span::raw(after),
    ])
}

/// The question before quitting with a path never exported: wrapped, so that it is
/// whole at the smallest size.
pub fn quit(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let inner = framed(" Quit? ", area, buf, theme);
    let steps = plural(app.path.len(), "step");
    let kept = if app.remembers {
        "It is kept for next time."
    } else {
        "It is not kept: quitting loses it."
    };
    let mut answers = Vec::new();
    for action in [Action::Quit, Action::Export, Action::Close] {
        let Some((key, name)) = keymap::named(Scope::Quit, &action) else {
            continue;
        };
        if !answers.is_empty() {
            answers.push(Span::raw(" · "));
        }
        answers.push(Span::styled(key, theme.key));
        answers.push(Span::raw(format!(" {name}")));
    }
    let lines = vec![
        Line::styled(
            format!("The path ({steps}) was never exported."),
            theme.warning,
        ),
        Line::styled(kept, theme.dim),
        Line::from(answers),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// The problems of the file as last read, as `check` prints them, from the `scroll`th
/// line, each wrapped; only the lines that can show are drawn.
pub fn report(app: &App, scroll: usize, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(r) = &app.report else {
        // A good version came while the report was open.
        let title = format!(
            " No problems · {} close ",
            key_for(Scope::Help, &Action::Close)
        );
        let inner = framed(&title, area, buf, theme);
        Paragraph::new("The file as last read has no problems: it is the one shown.")
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    };
    let room = area.width.saturating_sub(2) as usize;
    let title = format!(
        " {} · {} close ",
        fit(&r.summary, room.saturating_sub(12)),
        key_for(Scope::Help, &Action::Close)
    );
    let inner = framed(&title, area, buf, theme);
    let lines: Vec<Line> = r
        .lines
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .map(|l| {
            let style = if l.starts_with(' ') {
                theme.dim
            } else {
                Style::default()
            };
            Line::styled(visible(l).into_owned(), style)
        })
        .collect();
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_mark_that_ends_before_a_variation_selector_keeps_it_with_its_character() {
        // A search for "❤" ends before the selector that asks for its emoji form.
        let text = "I \u{2764}\u{FE0F} it";
        let heart = 2..5;
        let spans = marked_line(text, 0..text.len(), &[(heart, Style::new())]);
        assert_eq!(shown(&spans), text);
        // A lone one is still shown as `�`, marked or not.
        let text = "a \u{FE0F}b";
        let spans = marked_line(text, 0..text.len(), &[(0..2, Style::new())]);
        assert_eq!(shown(&spans), "a \u{FFFD}b");
    }
}
