//! The debate read again from its file while it is explored: the new version takes the
//! old one's place with the reader kept where they were, by id; a version with
//! problems leaves the last good one in place, with a line that says so and a report.
//! Also the way to the file in an editor, at what is selected.

use std::iter;
use std::sync::Arc;

use super::action::EditAt;
use super::tree::Place;
use super::{Action, App, Effect, Overlay, Pane};
use crate::app::LinkRow;
use crate::app::keymap::{Scope, key_for};
use crate::domain::export::plural;
use crate::domain::graph::status::Status;
use crate::domain::graph::tree::Tree;
use crate::domain::search::Index;
use crate::domain::text::visible;
use crate::domain::{Debate, LoadError, NodeId};

/// What was wrong with the version of the file last read, while the explorer shows the
/// one before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// One line: the file, how many problems, where the first is.
    pub summary: String,
    /// The report as `check` prints it, a line each.
    pub lines: Vec<String>,
    /// The line of the first problem, where an editor opens the file.
    pub first_line: Option<usize>,
}

impl Report {
    /// The report of a load that failed, of the file called `name`.
    pub fn of(error: &LoadError, name: &str) -> Report {
        let name = visible(name);
        let problems = error.diagnostics();
        let first = problems.first();
        let summary = match (error, first) {
            (LoadError::Invalid { .. }, Some(d)) if d.line > 0 => format!(
                "{name}: {}, first at {}:{}",
                plural(problems.len(), "problem"),
                d.line,
                d.col
            ),
            (LoadError::Invalid { .. }, Some(d)) => format!(
                "{name}: {}, first: {}",
                plural(problems.len(), "problem"),
                visible(&d.message)
            ),
            (_, Some(d)) => format!("{name} cannot be read: {}", visible(&d.message)),
            (_, None) => format!("{name} cannot be read"),
        };
        Report {
            summary,
            lines: error.to_string().lines().map(str::to_owned).collect(),
            first_line: first.map(|d| d.line).filter(|&l| l > 0),
        }
    }

    /// What the footer says while the report stands: the summary, the key to the full
    /// report, and that the last good version is shown (last, as the first to be cut
    /// on a narrow screen).
    pub fn line(&self) -> String {
        format!(
            "{} · {} report · last good version shown",
            self.summary,
            key_for(Scope::Panes, &Action::ShowReport)
        )
    }
}

impl App {
    /// Puts a new version of the debate in place of the one explored: its path, folds,
    /// focus, selection and what-if kept by id; what the new version no longer has is
    /// left out, the selection falling back to the nearest claim above it still there,
    /// and the status line says so. `name` is the file as the user named it.
    pub fn reload(
        &mut self,
        debate: Arc<Debate>,
        index: Arc<Index>,
        tree: Tree,
        status: Status,
        name: &str,
    ) {
        let old = &self.debate;
        let id = |n: NodeId| old.id_of(n).to_string();
        let session = self.session();
        let here = self.place();
        // The selected node, then what it answers, up to its position.
        let chain: Vec<String> = here
            .as_ref()
            .map(|p| {
                iter::once(p.node)
                    .chain(self.tree.tree().ancestors(p.node))
                    .map(id)
                    .collect()
            })
            .unwrap_or_default();
        let under = here.as_ref().and_then(|p| p.under).map(id);
        let focus: Vec<String> = self.tree.focus().iter().map(|&n| id(n)).collect();
        let aside: Vec<String> = self.standing.set_aside().iter().map(|&n| id(n)).collect();
        let row = self.claims.selected;
        let history = self.history.clone();

        let mut fresh = App::opening(debate, tree, status, self.size);
        fresh.index = Some(index);
        // The queries searched stay (their count too, so that no late result is taken
        // for a new one); their results belonged to the old version.
        fresh.recall.queries = std::mem::take(&mut self.recall.queries);
        fresh.recall.generation = self.recall.generation;
        fresh.no_color = self.no_color;
        fresh.remembers = self.remembers;
        fresh.from_file = self.from_file;
        fresh.show_status = self.show_status;
        fresh.focus = self.focus;
        let (links_pos, quote) = (self.links_pos, self.quote);
        // The selected link, by its node's id.
        let link = match self.links.get(links_pos.selected) {
            Some(&LinkRow::Entry(_, n)) => Some(id(n)),
            _ => None,
        };
        // Help and the report stay open, so that `q` pressed to close them closes them;
        // the report then says the problems are gone.
        match self.overlay {
            Overlay::Help { .. } => fresh.overlay = self.overlay.clone(),
            Overlay::Report { .. } => fresh.overlay = Overlay::Report { scroll: 0 },
            _ => {}
        }
        let d = &fresh.debate;
        let gone_steps = session
            .path
            .iter()
            .filter(|i| d.lookup(i).is_none())
            .count();
        let r = session.resolve(d);
        let focus: Vec<NodeId> = focus.iter().map_while(|i| d.lookup(i)).collect();
        let found = chain.iter().position(|i| d.lookup(i).is_some());
        let node = found.and_then(|k| d.lookup(&chain[k]));
        let under = under
            .filter(|_| found == Some(0))
            .and_then(|i| d.lookup(&i));
        let kept_aside: Vec<NodeId> = aside.iter().filter_map(|i| d.lookup(i)).collect();
        let history = history.remapped(|n| d.lookup(old.id_of(n)));
        fresh.set_path(r.path, false);
        fresh.history = history;
        fresh.tree.set_opened(r.unfolded);
        fresh.claims.selected = 0;
        match node {
            Some(node) => fresh.go_to_place(&Place { node, under, focus }),
            None => {
                // Nothing of it is left: the same row, as near as there is one.
                if let Some(&f) = focus.last() {
                    fresh.go_to_place(&Place::at(f));
                }
                fresh.claims.selected = row.min(fresh.tree.len().saturating_sub(1));
                fresh.focus_changed();
            }
        }
        if found == Some(0) {
            // The same node: the same link selected, else the same row as far as it
            // has one (an entry, never a heading); the same row of its sources.
            let same = link.and_then(|i| {
                let d = &fresh.debate;
                fresh
                    .links
                    .iter()
                    .position(|r| matches!(r, &LinkRow::Entry(_, n) if d.id_of(n) == i))
            });
            fresh.links_pos = links_pos;
            fresh.links_pos.selected = same
                .or_else(|| fresh.first_entry_from(links_pos.selected, false))
                .or_else(|| fresh.first_entry_from(links_pos.selected, true))
                .unwrap_or(0);
            fresh.quote = quote;
        }
        if !kept_aside.is_empty() {
            fresh.standing = fresh.standing.what_if(kept_aside.iter().copied());
        }

        let mut said = vec![format!("Reloaded {}", visible(name))];
        match (found, chain.first()) {
            (Some(0), _) | (_, None) => {}
            (Some(k), Some(was)) => said.push(format!(
                "{} is gone: selected {}, what it answered",
                visible(was),
                visible(&chain[k])
            )),
            (_, Some(was)) => said.push(format!("{} is gone", visible(was))),
        }
        if gone_steps > 0 {
            said.push(format!("{} of the path gone", plural(gone_steps, "step")));
        }
        if kept_aside.len() < aside.len() {
            said.push(format!(
                "{} set aside gone",
                plural(aside.len() - kept_aside.len(), "claim")
            ));
        }
        fresh.status = Some(said.join(" · "));
        *self = fresh;
        self.relayout();
        self.clamp();
        self.mark_rows();
        self.refresh_why();
    }

    /// The file was read again and has problems: the debate explored stays as it was,
    /// and the footer says so until a good version comes; the report key shows them.
    pub fn reload_failed(&mut self, error: &LoadError, name: &str) {
        let report = Report::of(error, name);
        if let Overlay::Report { .. } = self.overlay {
            // Open on the old report: show the new one from its top.
            self.overlay = Overlay::Report { scroll: 0 };
        }
        // Older news ("Reloaded debate.yaml") would stand before the problems and say
        // the opposite of them.
        self.status = None;
        self.report = Some(report);
    }

    /// Whether a new version can take the old one's place now: not while an overlay
    /// that holds what the old version was (a search's results, a source, the path's
    /// steps, an export or a question) is open.
    pub fn takes_reload(&self) -> bool {
        matches!(
            self.overlay,
            Overlay::None | Overlay::Help { .. } | Overlay::Report { .. }
        )
    }

    /// `R`: the full report of the version with problems, if there is one.
    pub(crate) fn show_report(&mut self) {
        if self.report.is_some() {
            self.overlay = Overlay::Report { scroll: 0 };
        } else if self.from_file {
            self.status = Some(String::from(
                "No problems to report: the file as last read is the one shown",
            ));
        } else {
            self.status = Some(String::from(
                "No problems to report: the built-in debate is read from no file",
            ));
        }
    }

    /// `E`: the file in an editor, at the first problem of a version with problems,
    /// else at what is selected: the selected rebuttal in the Rebuttals pane, the
    /// selected quote in the Sources pane, else the node the panes are about.
    pub(crate) fn edit(&mut self) -> Option<Effect> {
        if let Some(line) = self.report.as_ref().and_then(|r| r.first_line) {
            return Some(Effect::Edit(EditAt::Line(line)));
        }
        let node = self.current()?;
        let at = match (self.focus, self.links.get(self.links_pos.selected)) {
            (Pane::Rebuttals, Some(&LinkRow::Entry(_, n))) => EditAt::Node(n, None),
            (Pane::Sources, _) if self.quote < self.debate.quotes_of(node).len() => {
                EditAt::Node(node, Some(self.quote))
            }
            _ => EditAt::Node(node, None),
        };
        Some(Effect::Edit(at))
    }

    /// How handing the file to the editor went: `Err` says why it did not happen or
    /// how it ended.
    pub(crate) fn edited(&mut self, outcome: Result<(), String>) {
        self.status = outcome.err();
    }
}

#[cfg(test)]
#[path = "reload_tests.rs"]
mod tests;
