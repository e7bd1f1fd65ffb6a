//! The path the reader builds, and every change to it: all go through
//! [`App::change_path`], which keeps the path before the change so that it can be had
//! back (`u`), the removal of a step included.
//!
//! The path changes only when the reader builds it: a step added (Enter on a claim,
//! `a`), a link followed, a step removed, a new path started. Going somewhere (a
//! search result, the source view, a step of the path overlay, a jump back) moves the
//! selection and leaves the path as it is. A step that is not linked to the one before
//! it is a jump, and says so wherever the path is shown or exported.

use super::keymap::{Scope, key_for};
use super::{Action, App};
use crate::domain::NodeId;
use crate::domain::graph::path;
use crate::domain::text::fit;

/// How many changes to the path can be undone.
pub const UNDO_KEPT: usize = 100;

/// A path as it was, and the change that followed it, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Kept {
    path: Vec<NodeId>,
    change: String,
}

/// The changes to the path that can be undone and redone, and what was exported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathHistory {
    undo: Vec<Kept>,
    redo: Vec<Kept>,
    /// The path as it was last exported.
    exported: Option<Vec<NodeId>>,
}

impl PathHistory {
    /// How many changes can be undone, and redone.
    pub fn depth(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }

    /// The same history in another version of the debate, each node found there by
    /// `find`: a step the new version lacks is left out of the paths kept, and an
    /// exported path that lost one is no longer the one exported.
    pub fn remapped(&self, find: impl Fn(NodeId) -> Option<NodeId>) -> PathHistory {
        let kept = |list: &[Kept]| -> Vec<Kept> {
            list.iter()
                .map(|k| Kept {
                    path: k.path.iter().filter_map(|&n| find(n)).collect(),
                    change: k.change.clone(),
                })
                .collect()
        };
        PathHistory {
            undo: kept(&self.undo),
            redo: kept(&self.redo),
            exported: self
                .exported
                .as_ref()
                .and_then(|p| p.iter().map(|&n| find(n)).collect()),
        }
    }
}

impl App {
    /// Changes the path by `edit`, keeping the path before so that `change` (in words:
    /// "step 3 added") can be undone. An edit that changes nothing is not kept.
    fn change_path(&mut self, change: String, edit: impl FnOnce(&mut Vec<NodeId>)) -> bool {
        let before = self.path.clone();
        edit(&mut self.path);
        if self.path == before {
            return false;
        }
        let h = &mut self.history;
        h.undo.push(Kept {
            path: before,
            change,
        });
        if h.undo.len() > UNDO_KEPT {
            h.undo.remove(0);
        }
        h.redo.clear();
        true
    }

    /// The path has changed since it was last exported (or was never exported), and has
    /// steps to lose.
    pub fn path_unexported(&self) -> bool {
        !self.path.is_empty() && self.history.exported.as_ref() != Some(&self.path)
    }

    /// The path as it is now was exported.
    pub(crate) fn path_was_exported(&mut self) {
        self.history.exported = Some(self.path.clone());
    }

    /// The path, and whether it was exported as it is, from an earlier run.
    pub(crate) fn set_path(&mut self, path: Vec<NodeId>, exported: bool) {
        self.path = path;
        self.history = PathHistory::default();
        if exported {
            self.path_was_exported();
        }
    }

    /// "u undoes", with the key the table binds.
    fn undo_hint() -> String {
        format!("{} undoes", key_for(Scope::Panes, &Action::Undo))
    }

    /// Takes the path last kept for undoing (or for redoing), and keeps the path now
    /// for the other way; the change, in words.
    fn take_kept(&mut self, redo: bool) -> Option<String> {
        let h = &mut self.history;
        let (from, to) = if redo {
            (&mut h.redo, &mut h.undo)
        } else {
            (&mut h.undo, &mut h.redo)
        };
        let kept = from.pop()?;
        let now = std::mem::replace(&mut self.path, kept.path);
        to.push(Kept {
            path: now,
            change: kept.change.clone(),
        });
        Some(kept.change)
    }

    pub(crate) fn undo(&mut self) {
        self.status = Some(match self.take_kept(false) {
            None => String::from("Nothing to undo: the path is as it was"),
            Some(change) => format!(
                "Undone: {change} · the path has {} · {} redoes",
                crate::domain::export::plural(self.path.len(), "step"),
                key_for(Scope::Panes, &Action::Redo)
            ),
        });
    }

    pub(crate) fn redo(&mut self) {
        self.status = Some(match self.take_kept(true) {
            None => String::from("Nothing to redo"),
            Some(change) => format!(
                "Redone: {change} · the path has {}",
                crate::domain::export::plural(self.path.len(), "step")
            ),
        });
    }

    /// A new path, starting at the selected claim; the old one stays a `u` away.
    pub(crate) fn new_path(&mut self) {
        let Some(node) = self.current() else { return };
        let old = self.path.len();
        if !self.change_path(String::from("a new path started"), |p| *p = vec![node]) {
            self.status = Some(String::from("The path is already this one step"));
            return;
        }
        self.status = Some(if old == 0 {
            String::from("Started a path here")
        } else {
            format!(
                "Started a new path here · {} brings back the old one ({})",
                key_for(Scope::Panes, &Action::Undo),
                crate::domain::export::plural(old, "step")
            )
        });
    }

    /// `node` joins the path as its next step, linked or as a jump; false if it is the
    /// last step already.
    fn append(&mut self, node: NodeId) -> bool {
        let n = self.path.len() + 1;
        self.change_path(format!("step {n} added"), |p| {
            if p.last() != Some(&node) {
                p.push(node);
            }
        })
    }

    /// What adding the last step did, in words.
    fn added_words(&self) -> String {
        let n = self.path.len();
        if n == 1 {
            String::from("Started a path here")
        } else {
            let j = path::joint(&self.debate, &self.path, n - 1);
            format!("Added step {n}: {} · {}", j.words(n), Self::undo_hint())
        }
    }

    /// `a`: the selected claim joins the path as its next step.
    pub(crate) fn add_to_path(&mut self) {
        let Some(node) = self.current() else { return };
        self.status = Some(if self.append(node) {
            self.added_words()
        } else {
            String::from("Already the last step of the path")
        });
    }

    /// Enter on a claim in the Claims pane: the path goes on from it (it starts there,
    /// or the claim becomes the next step), and the Rebuttals pane is ready to follow
    /// a link. On the path's last step, nothing changes but the pane.
    pub(crate) fn enter_claim(&mut self, node: NodeId) {
        if self.append(node) {
            self.status = Some(self.added_words());
        }
    }

    /// Enter on a link of the Rebuttals pane: the path goes from `from` (which joins
    /// it first unless it is the last step) to `to`, and `to` is selected.
    pub(crate) fn follow_link(&mut self, from: NodeId, to: NodeId) {
        let n = self.path.len();
        let words = if self.path.last() == Some(&from) {
            format!("step {} added", n + 1)
        } else {
            format!("steps {} and {} added", n + 1, n + 2)
        };
        self.change_path(words, |p| {
            if p.last() != Some(&from) {
                p.push(from);
            }
            p.push(to);
        });
        self.record_jump();
        self.select(to);
    }

    /// Backspace: the last step leaves the path and the one before is selected.
    pub(crate) fn back(&mut self) {
        if self.path.len() < 2 {
            self.status = Some(String::from("At the start of the path"));
            return;
        }
        let n = self.path.len();
        let removed = self.path[n - 1];
        self.change_path(format!("step {n} removed"), |p| {
            p.pop();
        });
        if let Some(&last) = self.path.last() {
            self.select(last);
        }
        self.status = Some(format!(
            "Stepped back: removed step {n}, “{}” · {}",
            fit(self.debate.text_of(removed), 40),
            Self::undo_hint()
        ));
    }

    /// After a jump to `node`, which leaves the path as it is: how the path stands, and
    /// the keys that add the node to it or go back.
    pub(crate) fn arrived(&mut self, node: NodeId) {
        let add = key_for(Scope::Panes, &Action::AddToPath);
        let back = key_for(Scope::Panes, &Action::JumpBack);
        self.status = Some(if self.path.is_empty() {
            format!("{add} starts a path here · {back} goes back")
        } else if self.path.last() == Some(&node) {
            format!("The path's last step · {back} goes back")
        } else {
            format!(
                "The path is kept ({}) · {add} adds it as step {} · {back} goes back",
                crate::domain::export::plural(self.path.len(), "step"),
                self.path.len() + 1
            )
        });
    }

    /// Removes step `i` (from 0) of the path.
    pub(crate) fn remove_step(&mut self, i: usize) {
        let Some(&removed) = self.path.get(i) else {
            return;
        };
        self.change_path(format!("step {} removed", i + 1), |p| {
            p.remove(i);
        });
        self.status = Some(format!(
            "Removed step {}: “{}” · {}",
            i + 1,
            fit(self.debate.text_of(removed), 40),
            Self::undo_hint()
        ));
    }
}
