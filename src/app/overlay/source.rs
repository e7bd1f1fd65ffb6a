//! The source view: a source's full text, opened from a quote, with its quoted
//! passages marked.

use std::ops::Range;

use crate::app::{Action, App, Overlay, Pane, layout};
use crate::domain::NodeId;
use crate::domain::text::wrap;

/// The source's full text, opened from a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceView {
    pub source: u32,
    /// The current passage: an index into `Debate::passages(source)`.
    pub passage: usize,
    /// The wrapped lines (byte ranges of the source text) for `width`.
    pub lines: Vec<Range<usize>>,
    pub width: usize,
    pub scroll: usize,
}

impl App {
    /// Opens the selected entry of the Sources pane: a quote in its source's text, or a
    /// cited source's text.
    pub(crate) fn open_source(&mut self, node: NodeId) {
        let quotes = self.debate.quotes_of(node).len();
        let Some(q) = self.debate.quotes_of(node).get(self.quote) else {
            match self.quote.checked_sub(quotes) {
                Some(k) if k < self.cites_of(node).len() => {
                    let source = self.cites_of(node)[k];
                    self.open_text(source);
                }
                _ => {
                    self.status = Some(String::from("No quote to open: this claim cites no source"))
                }
            }
            return;
        };
        let source = q.source;
        let has_text = self
            .debate
            .sources
            .get(source as usize)
            .is_some_and(|s| s.text.is_some());
        if !has_text || q.found.is_none() {
            self.status = Some(String::from(
                "This quote's source has no text to show (no `file` in the debate)",
            ));
            return;
        }
        let passage = self
            .debate
            .passages(source)
            .iter()
            .position(|p| p.node == node && p.quote as usize == self.quote)
            .unwrap_or(0);
        self.open_passage(source, passage);
    }

    /// Opens a source's text as a whole (a search result, a citation), at its first
    /// quoted passage if it has one.
    pub(crate) fn open_text(&mut self, source: u32) {
        let has_text = self
            .debate
            .sources
            .get(source as usize)
            .is_some_and(|s| s.text.is_some());
        if has_text {
            self.open_passage(source, 0);
        } else {
            self.status = Some(String::from(
                "This source has no text to show (no `file` in the debate)",
            ));
        }
    }

    /// Opens a source's text at one of its quoted passages.
    pub(crate) fn open_passage(&mut self, source: u32, passage: usize) {
        self.overlay = Overlay::Source(SourceView {
            source,
            passage,
            lines: Vec::new(),
            width: 0,
            scroll: 0,
        });
        self.rewrap();
        self.scroll_to_passage();
    }

    /// The source view's text width for the current terminal.
    fn source_width(&self) -> usize {
        layout::inner(self.areas.overlay).width.max(1) as usize
    }

    /// Wraps the open source for the current width; only when the width changed.
    pub(crate) fn rewrap(&mut self) {
        let width = self.source_width();
        let debate = &self.debate;
        if let Overlay::Source(v) = &mut self.overlay
            && v.width != width
        {
            let text = debate
                .sources
                .get(v.source as usize)
                .and_then(|s| s.text.as_deref())
                .unwrap_or("");
            let top = v.lines.get(v.scroll).map(|r| r.start);
            v.lines = wrap(text, width);
            v.width = width;
            if let Some(top) = top {
                v.scroll = line_at(&v.lines, top);
            }
        }
    }

    fn scroll_to_passage(&mut self) {
        let rows = self.areas.overlay_rows();
        let debate = &self.debate;
        if let Overlay::Source(v) = &mut self.overlay
            && let Some(p) = debate.passages(v.source).get(v.passage)
        {
            let line = line_at(&v.lines, p.range.start);
            v.scroll = line.saturating_sub(rows / 3);
        }
    }

    /// Keys in the source view. Enter goes to the passage's claim: a jump, which
    /// leaves the path as it is.
    pub(crate) fn update_source(&mut self, action: Action) {
        let rows = self.areas.overlay_rows();
        let Overlay::Source(v) = &mut self.overlay else {
            return;
        };
        let passages = self.debate.passages(v.source).len();
        match action {
            Action::Down => v.scroll += 1,
            Action::Up => v.scroll = v.scroll.saturating_sub(1),
            Action::PageDown => v.scroll += rows.saturating_sub(1).max(1),
            Action::PageUp => v.scroll = v.scroll.saturating_sub(rows.saturating_sub(1).max(1)),
            Action::HalfPageDown => v.scroll += (rows / 2).max(1),
            Action::HalfPageUp => v.scroll = v.scroll.saturating_sub((rows / 2).max(1)),
            Action::Top => v.scroll = 0,
            Action::Bottom => v.scroll = v.lines.len(),
            Action::ScrollAt(_, _, down) => {
                v.scroll = if down {
                    v.scroll + 3
                } else {
                    v.scroll.saturating_sub(3)
                }
            }
            Action::NextPassage | Action::PreviousPassage if passages > 0 => {
                v.passage = if action == Action::NextPassage {
                    (v.passage + 1) % passages
                } else {
                    (v.passage + passages - 1) % passages
                };
                self.scroll_to_passage();
            }
            Action::Follow => {
                let Some(p) = self.debate.passages(v.source).get(v.passage).cloned() else {
                    return;
                };
                self.overlay = Overlay::None;
                self.record_jump();
                self.select(p.node);
                self.quote = p.quote as usize;
                self.focus = Pane::Sources;
                self.arrived(p.node);
            }
            _ => {}
        }
    }
}

/// The wrapped line holding byte `at`.
pub fn line_at(lines: &[Range<usize>], at: usize) -> usize {
    lines.partition_point(|r| r.start <= at).saturating_sub(1)
}
