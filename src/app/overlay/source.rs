//! The source view: a source's full text, opened from a quote, with its quoted
//! passages marked; a search of its text; the current passage's translation.

use std::ops::Range;

use crate::app::keymap::Scope;
use crate::app::{Action, App, Overlay, Pane, layout};
use crate::domain::NodeId;
use crate::domain::search::find_all;
use crate::domain::text::{head, visible, wrap};

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
    /// The text rows shown as of the last action, to tell what was in view.
    pub rows: usize,
    /// A search of the text, while one is typed or active.
    pub find: Option<SourceFind>,
    /// Whether the current passage's translation shows under the text.
    pub translation: bool,
}

/// A search of the source's text. Its matches are found when the query changes, never
/// while drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFind {
    pub input: String,
    /// Whether the query is being typed (characters go into it).
    pub typing: bool,
    /// Where the query occurs: byte ranges of the source's text, in order.
    pub found: Vec<Range<usize>>,
    /// The current match: an index into `found`.
    pub current: usize,
    /// Where the search started (the byte at the top of the view): the first match
    /// shown is the first one from there on.
    from: usize,
}

impl SourceView {
    /// The key scope in force in the view: typing a search, walking its matches, or
    /// reading.
    pub fn scope(&self) -> Scope {
        match &self.find {
            Some(f) if f.typing => Scope::SourceSearch,
            Some(_) => Scope::SourceMatches,
            None => Scope::SourceView,
        }
    }

    /// The current match of an active search, if it found anything.
    pub fn current_match(&self) -> Option<&Range<usize>> {
        self.find.as_ref().and_then(|f| f.found.get(f.current))
    }

    /// Scrolls so that byte `at` shows a third of the way down.
    fn scroll_to(&mut self, at: usize, rows: usize) {
        self.scroll = line_at(&self.lines, at).saturating_sub(rows / 3);
    }

    /// Whether byte `at` is on one of the rows in view.
    fn shows(&self, at: usize) -> bool {
        let line = line_at(&self.lines, at);
        line >= self.scroll && line < self.scroll + self.rows.max(1)
    }
}

/// The translation shown under a source's text: the current passage's, made visible
/// and cut to what the panel can show, its wrapped lines, and the rows the panel takes
/// (a rule above the lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationPanel {
    /// `None` when the passage's quote has no translation.
    pub text: Option<String>,
    pub lines: Vec<Range<usize>>,
    pub rows: usize,
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
            rows: 0,
            find: None,
            translation: false,
        });
        self.rewrap();
        self.scroll_to_passage();
    }

    /// The source view's text width for the current terminal.
    fn source_width(&self) -> usize {
        layout::inner(self.areas.overlay).width.max(1) as usize
    }

    /// The rows the source view's text has: the overlay's, less the translation's.
    pub fn source_rows(&self) -> usize {
        let rows = self.areas.overlay_rows();
        let panel = self.translation_panel().map_or(0, |p| p.rows);
        rows.saturating_sub(panel).max(1)
    }

    /// The translation panel under the source's text, when it is asked for and there
    /// is room: at most half the overlay's rows, at least a rule and a line.
    pub fn translation_panel(&self) -> Option<TranslationPanel> {
        let Overlay::Source(v) = &self.overlay else {
            return None;
        };
        if !v.translation {
            return None;
        }
        let most = self.areas.overlay_rows() / 2;
        if most < 2 {
            return None;
        }
        let width = self.source_width();
        let text = self
            .debate
            .passages(v.source)
            .get(v.passage)
            .and_then(|p| self.debate.quotes_of(p.node).get(p.quote as usize))
            .and_then(|q| q.translation.as_deref())
            // No more is read than the panel can show.
            .map(|t| visible(head(t, most.saturating_mul(width).saturating_add(16))).into_owned());
        let lines = text.as_deref().map_or_else(Vec::new, |t| wrap(t, width));
        let rows = (lines.len().max(1) + 1).min(most);
        Some(TranslationPanel { text, lines, rows })
    }

    /// Wraps the open source for the current size (again only when the width
    /// changed). What the reader was looking at stays in view: the current match, else
    /// the current passage when it showed, else the line at the top.
    pub(crate) fn rewrap(&mut self) {
        let width = self.source_width();
        let rows = self.source_rows();
        let debate = &self.debate;
        let Overlay::Source(v) = &mut self.overlay else {
            return;
        };
        let passage = debate
            .passages(v.source)
            .get(v.passage)
            .map(|p| p.range.start);
        let anchor = v
            .current_match()
            .map(|m| m.start)
            .filter(|&at| v.shows(at))
            .or(passage.filter(|&at| !v.lines.is_empty() && v.shows(at)));
        if v.width != width {
            let text = debate
                .sources
                .get(v.source as usize)
                .and_then(|s| s.text.as_deref())
                .unwrap_or("");
            let top = v.lines.get(v.scroll).map(|r| r.start);
            v.lines = wrap(text, width);
            v.width = width;
            match (anchor, top) {
                (Some(at), _) => v.scroll_to(at, rows),
                (None, Some(top)) => v.scroll = line_at(&v.lines, top),
                (None, None) => {}
            }
        } else if let Some(at) = anchor
            && line_at(&v.lines, at) >= v.scroll + rows
        {
            // Fewer rows: what showed near the bottom would fall off.
            v.scroll_to(at, rows);
        }
    }

    fn scroll_to_passage(&mut self) {
        let rows = self.source_rows();
        let debate = &self.debate;
        if let Overlay::Source(v) = &mut self.overlay
            && let Some(p) = debate.passages(v.source).get(v.passage)
        {
            v.scroll_to(p.range.start, rows);
        }
    }

    /// Keys in the source view. Enter goes to the passage's claim: a jump, which
    /// leaves the path as it is.
    pub(crate) fn update_source(&mut self, action: Action) {
        let rows = self.source_rows();
        let Overlay::Source(v) = &mut self.overlay else {
            return;
        };
        if v.find.as_ref().is_some_and(|f| f.typing) {
            self.update_source_search(action);
            return;
        }
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
            Action::Search => {
                let from = v.lines.get(v.scroll).map_or(0, |r| r.start);
                v.find = Some(SourceFind {
                    input: String::new(),
                    typing: true,
                    found: Vec::new(),
                    current: 0,
                    from,
                });
            }
            Action::NextMatch | Action::PreviousMatch => {
                if let Some(f) = &mut v.find
                    && !f.found.is_empty()
                {
                    let n = f.found.len();
                    f.current = if action == Action::NextMatch {
                        (f.current + 1) % n
                    } else {
                        (f.current + n - 1) % n
                    };
                    let at = f.found[f.current].start;
                    v.scroll_to(at, rows);
                }
            }
            Action::EndFind => v.find = None,
            Action::ToggleTranslation => {
                v.translation = !v.translation;
                // The passage stays in view above the panel.
                let rows = self.source_rows();
                let debate = &self.debate;
                if let Overlay::Source(v) = &mut self.overlay
                    && let Some(p) = debate.passages(v.source).get(v.passage)
                    && line_at(&v.lines, p.range.start) >= v.scroll + rows
                {
                    v.scroll_to(p.range.start, rows);
                }
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

    /// Keys while a search of the source's text is typed: each change finds the query
    /// again and shows its first match from where the search started.
    fn update_source_search(&mut self, action: Action) {
        let rows = self.source_rows();
        let debate = &self.debate;
        let Overlay::Source(v) = &mut self.overlay else {
            return;
        };
        let Some(f) = &mut v.find else { return };
        match action {
            Action::Type(c) => f.input.push(c),
            Action::Erase => {
                f.input.pop();
            }
            Action::ClearInput => f.input.clear(),
            Action::Follow => {
                if f.found.is_empty() {
                    let said = if f.input.trim().is_empty() {
                        String::from("Nothing searched: the search is empty")
                    } else {
                        format!("“{}” is not in this source's text", visible(&f.input))
                    };
                    v.find = None;
                    self.status = Some(said);
                } else {
                    f.typing = false;
                }
                return;
            }
            Action::EndFind => {
                v.find = None;
                return;
            }
            _ => return,
        }
        let text = debate
            .sources
            .get(v.source as usize)
            .and_then(|s| s.text.as_deref())
            .unwrap_or("");
        f.found = find_all(text, &f.input);
        f.current = f.found.partition_point(|m| m.start < f.from) % f.found.len().max(1);
        if let Some(at) = f.found.get(f.current).map(|m| m.start) {
            v.scroll_to(at, rows);
        }
    }
}

/// The wrapped line holding byte `at`.
pub fn line_at(lines: &[Range<usize>], at: usize) -> usize {
    lines.partition_point(|r| r.start <= at).saturating_sub(1)
}
