//! The search popup: its input, the results shown and the one selected.

use crate::app::search::{Results, Stage};
use crate::app::{Action, App, Effect, ListPos, Overlay, Pane, layout};
use crate::domain::search::{Field, Hit, Query, Target, text_of};

/// A result in view, and where the query matched it: found when the results or the
/// scroll change, so that a frame matches nothing again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    pub hit: Hit,
    /// The characters of the result's text ([`App::result_text`]) the query matched.
    pub marks: Vec<usize>,
}

/// The search popup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchView {
    pub input: String,
    /// Bumped whenever the input changes; results for an older input are not shown.
    pub generation: u64,
    /// The results shown: for `generation` or, while its search runs, an earlier one.
    pub results: Option<Results>,
    /// The input that the results shown answer.
    pub answered: String,
    pub pos: ListPos,
    /// The results in view: from `pos.offset`, as many as the popup has rows for.
    pub rows: Vec<ResultRow>,
}

impl SearchView {
    /// Whether results for the current input are still to come.
    pub fn searching(&self) -> bool {
        !Query::parse(&self.input).is_empty()
            && self
                .results
                .as_ref()
                .is_none_or(|r| r.generation != self.generation || r.stage != Stage::Complete)
    }

    /// The hits shown, best first.
    pub fn hits(&self) -> &[Hit] {
        self.results.as_ref().map_or(&[], |r| &r.hits)
    }
}

impl App {
    /// A key in the search popup.
    pub(crate) fn update_search(&mut self, action: Action) -> Option<Effect> {
        let rows = self.areas.search_rows();
        let list = layout::inner(self.areas.overlay);
        let Overlay::Search(v) = &mut self.overlay else {
            return None;
        };
        let len = v.hits().len();
        let moved = |sel: usize, delta: isize| {
            (sel as isize)
                .saturating_add(delta)
                .clamp(0, len.saturating_sub(1) as isize) as usize
        };
        let page = rows.saturating_sub(1).max(1) as isize;
        match action {
            Action::Type(c) => {
                v.input.push(c);
                return self.search_changed();
            }
            Action::Erase if !v.input.is_empty() => {
                v.input.pop();
                return self.search_changed();
            }
            Action::ClearInput if !v.input.is_empty() => {
                v.input.clear();
                return self.search_changed();
            }
            Action::Down => v.pos.selected = moved(v.pos.selected, 1),
            Action::Up => v.pos.selected = moved(v.pos.selected, -1),
            Action::PageDown => v.pos.selected = moved(v.pos.selected, page),
            Action::PageUp => v.pos.selected = moved(v.pos.selected, -page),
            Action::ScrollAt(_, _, down) => {
                v.pos.selected = moved(v.pos.selected, if down { 3 } else { -3 });
            }
            Action::ClickAt(x, y) => {
                let top = list.y as usize + layout::SEARCH_HEAD;
                if x >= list.x && x < list.x.saturating_add(list.width) && (y as usize) >= top {
                    let i = v.pos.offset + (y as usize - top);
                    if i < len {
                        v.pos.selected = i;
                    }
                }
            }
            // Results for an older input are dropped: newer ones are on their way.
            Action::SearchResults(r) if r.generation == v.generation => {
                // The same input's later stage keeps the selection; a new one starts at
                // the best result.
                let same = v
                    .results
                    .as_ref()
                    .is_some_and(|old| old.generation == r.generation && old.stage != Stage::Early);
                if !same {
                    v.pos = ListPos::default();
                }
                v.results = Some(r);
                v.answered.clone_from(&v.input);
            }
            Action::Follow => {
                let Some(hit) = v.hits().get(v.pos.selected).copied() else {
                    self.status = Some(String::from("No result to go to"));
                    return None;
                };
                self.go_to(hit);
            }
            _ => {}
        }
        None
    }

    /// The input changed: a new generation, and a search unless the query is empty.
    fn search_changed(&mut self) -> Option<Effect> {
        let Overlay::Search(v) = &mut self.overlay else {
            return None;
        };
        v.generation += 1;
        if Query::parse(&v.input).is_empty() {
            v.results = None;
            v.pos = ListPos::default();
            return None;
        }
        // Before the index arrives, the search waits for it (see `indexing.rs`).
        self.index.as_ref()?;
        Some(Effect::Search {
            generation: v.generation,
            input: v.input.clone(),
        })
    }

    /// Enter on a search result: a jump. A claim or position is selected (found by a
    /// source it cites: with that citation selected); a quote selects its claim with the
    /// quote selected; a source opens its text. The path is left as it is.
    fn go_to(&mut self, hit: Hit) {
        self.overlay = Overlay::None;
        let target = hit.target;
        match target {
            Target::Claim(_) | Target::Position(_) | Target::Quote(..) => {
                let Some(node) = target.node() else { return };
                self.record_jump();
                self.select(node);
                if let Target::Quote(_, k) = target {
                    self.quote = k as usize;
                    self.focus = Pane::Sources;
                } else if let Field::Cites(k, _) = hit.field {
                    self.quote = self.debate.quotes_of(node).len() + k as usize;
                    self.focus = Pane::Sources;
                } else {
                    self.focus = Pane::Claims;
                }
                self.arrived(node);
            }
            Target::Source(s) => self.open_text(s),
        }
    }

    /// Finds where the query matched the results in view. Work in proportion to the
    /// rows shown; nothing while the popup is closed.
    pub(crate) fn mark_rows(&mut self) {
        let rows = self.areas.search_rows();
        let Some(index) = &self.index else { return };
        let Overlay::Search(v) = &mut self.overlay else {
            return;
        };
        let input = &v.answered;
        let hits = v.results.as_ref().map_or(&[][..], |r| &r.hits[..]);
        v.rows = hits
            .iter()
            .skip(v.pos.offset)
            .take(rows)
            .map(|hit| ResultRow {
                hit: *hit,
                marks: index.matched_chars(hit, input),
            })
            .collect();
    }

    /// The text a search result matched in: the field of its target that it names.
    pub fn result_text(&self, hit: &Hit) -> &str {
        text_of(&self.debate, hit.target, hit.field).unwrap_or("")
    }
}
