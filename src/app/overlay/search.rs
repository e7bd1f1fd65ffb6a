//! The search popup: its input, the results shown and the one selected.

use crate::app::keymap::{Scope, key_for};
use crate::app::search::{Results, Stage, Trail};
use crate::app::{Action, App, Effect, ListPos, Overlay, Pane, layout};
use crate::domain::search::{Field, Hit, Query, Target, text_of};

/// The longest query the input takes, in characters: far more than anyone types, few
/// enough that a pasted book does not become one search.
pub const MAX_INPUT: usize = 1000;

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
    /// Whether the whole input is selected (an earlier query brought back): typing
    /// replaces it, Backspace clears it.
    pub replace: bool,
    /// Which earlier query ↑ brought back, while the reader walks through them.
    pub walk: Option<usize>,
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
        let replace = std::mem::take(&mut v.replace);
        let moved = |sel: usize, delta: isize| {
            (sel as isize)
                .saturating_add(delta)
                .clamp(0, len.saturating_sub(1) as isize) as usize
        };
        let page = rows.saturating_sub(1).max(1) as isize;
        match action {
            Action::Type(c) => {
                if replace {
                    v.input.clear();
                }
                if v.input.chars().count() >= MAX_INPUT {
                    self.status = Some(format!("A search is at most {MAX_INPUT} characters"));
                    return None;
                }
                v.input.push(c);
                v.walk = None;
                return self.search_changed();
            }
            Action::Erase if !v.input.is_empty() => {
                if replace {
                    v.input.clear();
                } else {
                    v.input.pop();
                }
                v.walk = None;
                return self.search_changed();
            }
            Action::ClearInput if !v.input.is_empty() => {
                v.input.clear();
                v.walk = None;
                return self.search_changed();
            }
            // In an empty input, or on the first result of a query brought back, ↑
            // brings back the query searched before.
            Action::Up if v.input.is_empty() || (v.walk.is_some() && v.pos.selected == 0) => {
                let earlier = match v.walk {
                    None => self.recall.queries.len().checked_sub(1),
                    Some(i) => i.checked_sub(1),
                };
                let Some(i) = earlier else {
                    v.replace = replace;
                    self.status = Some(String::from(if v.walk.is_some() {
                        "No earlier search"
                    } else {
                        "No search yet"
                    }));
                    return None;
                };
                v.input.clone_from(&self.recall.queries[i]);
                v.walk = Some(i);
                v.replace = true;
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
                // Results arriving leave an input brought back selected.
                v.replace = replace;
            }
            Action::Follow => {
                let Some(hit) = v.hits().get(v.pos.selected).copied() else {
                    self.status = Some(String::from("No result to go to"));
                    return None;
                };
                let at = v.pos.selected;
                self.keep_search(Some(at));
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
        // Generations go on across popups: late results of an earlier one are dropped.
        self.recall.generation += 1;
        v.generation = self.recall.generation;
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

    /// Opens the search popup: with the last query, selected (typing replaces it), and
    /// its results searched again; empty the first time.
    pub(crate) fn open_search(&mut self) -> Option<Effect> {
        let mut v = SearchView {
            generation: self.recall.generation,
            ..SearchView::default()
        };
        let Some(last) = self.recall.last() else {
            self.overlay = Overlay::Search(v);
            return None;
        };
        v.input = last.to_string();
        v.replace = true;
        v.walk = Some(self.recall.queries.len() - 1);
        self.overlay = Overlay::Search(v);
        self.search_changed()
    }

    /// The popup closes (Enter on result `at`, or Esc): its query joins the history,
    /// and its results are what `n` and `N` move through.
    pub(crate) fn keep_search(&mut self, at: Option<usize>) {
        let Overlay::Search(v) = &self.overlay else {
            return;
        };
        if Query::parse(&v.input).is_empty() {
            return;
        }
        self.recall.remember(&v.input);
        // Results still on their way for this input replace these when they come.
        let results = match &v.results {
            Some(r) if r.generation == v.generation => r.clone(),
            _ => Results {
                generation: v.generation,
                hits: Vec::new(),
                total: 0,
                scattered: false,
                stage: Stage::Early,
            },
        };
        self.recall.trail = Some(Trail {
            query: v.input.trim().to_string(),
            results,
            at,
        });
    }

    /// Results that come once the popup is closed: the later stage of the search that
    /// `n` and `N` move through.
    pub(crate) fn late_results(&mut self, r: Results) {
        if let Some(t) = &mut self.recall.trail
            && t.results.generation == r.generation
        {
            t.results = r;
        }
    }

    /// `n` or `N` in the panes: the next or previous result of the last search, as
    /// Enter in the popup would go to it; past the last, the first again.
    pub(crate) fn next_result(&mut self, forward: bool) {
        let search = key_for(Scope::Panes, &Action::Search);
        let Some(t) = &mut self.recall.trail else {
            self.status = Some(format!("No search to repeat yet: {search} searches"));
            return;
        };
        let n = t.results.hits.len();
        if n == 0 {
            let pending = t.results.stage != Stage::Complete;
            self.status = Some(if pending {
                format!("Still searching for “{}”", t.query)
            } else {
                format!("No results for “{}”", t.query)
            });
            return;
        }
        let (i, wrapped) = match (t.at, forward) {
            (None, true) => (0, false),
            (None, false) => (n - 1, false),
            (Some(a), true) if a + 1 >= n => (0, true),
            (Some(a), true) => (a + 1, false),
            (Some(0), false) => (n - 1, true),
            (Some(a), false) => (a.min(n) - 1, false),
        };
        t.at = Some(i);
        let hit = t.results.hits[i];
        let total = t.results.total;
        let of = if total > n {
            format!("{n} listed of {total}")
        } else {
            n.to_string()
        };
        let around = if wrapped {
            if forward {
                " · from the top again"
            } else {
                " · from the bottom again"
            }
        } else {
            ""
        };
        let said = format!("Result {} of {of} for “{}”{around}", i + 1, t.query);
        if text_of(&self.debate, hit.target, Field::Text).is_none() {
            self.status = Some(String::from(
                "That result is no longer in the debate: search again",
            ));
            return;
        }
        self.go_to(hit);
        self.status = Some(said);
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

    /// The text a search result leads to: its target's own (a claim's text, a
    /// position's title, a quote, a source's title).
    pub fn lead_text(&self, hit: &Hit) -> &str {
        text_of(&self.debate, hit.target, Field::Text).unwrap_or("")
    }
}

#[cfg(test)]
mod tests;
