//! The Claims pane's tree keys: fold, unfold, focus, step out; and going to a place.

use super::tree::{Place, layout};
use super::{Action, App, Pane};

impl App {
    /// A tree key in the Claims pane. Returns `false` for any other action.
    pub(crate) fn update_claims(&mut self, action: &Action) -> bool {
        match action {
            Action::Unfold => self.unfold(),
            Action::Fold => self.fold(),
            Action::Toggle => self.toggle(),
            Action::UnfoldSubtree => {
                if !self.tree.unfold_subtree(self.claims.selected) {
                    self.say_why_not();
                }
            }
            Action::FoldAll => self.keeping_selection(|t| t.fold_all()),
            Action::UnfoldAll => self.keeping_selection(|t| t.unfold_all()),
            Action::Focus => self.focus_here(),
            Action::StepOut => {
                if !self.step_out() {
                    self.status = Some(format!(
                        "Not in a focus: {} focuses on the selected claim",
                        self.key(&Action::Focus)
                    ));
                }
            }
            _ => return false,
        }
        true
    }

    /// How the key that does `action` in the Claims pane is written.
    fn key(&self, action: &Action) -> String {
        super::keymap::key_for(super::keymap::Scope::Claims, action)
    }

    /// Why the selected row has nothing to fold or unfold.
    fn say_why_not(&mut self) {
        let Some(&row) = self.tree.get(self.claims.selected) else {
            return;
        };
        self.status = Some(if row.full {
            String::from("Nothing answers this claim")
        } else {
            format!(
                "A reference: {} goes to the claim in full",
                self.key(&Action::Unfold)
            )
        });
    }

    /// Moves the Claims selection to the `i`th row shown.
    fn select_row(&mut self, i: usize) {
        if i < self.tree.len() && i != self.claims.selected {
            self.claims.selected = i;
            self.focus_changed();
        }
    }

    /// Unfolds; on an unfolded node goes to its first answer; on a reference goes to
    /// the claim in full.
    fn unfold(&mut self) {
        let i = self.claims.selected;
        let Some(&row) = self.tree.get(i) else { return };
        if !row.full {
            self.select(row.node);
        } else if !self.tree.unfold(i) {
            if self.tree.has_children(&row) {
                self.select_row(i + 1);
            } else {
                self.say_why_not();
            }
        }
    }

    /// Folds; on a folded node or a leaf goes to the node above.
    fn fold(&mut self) {
        let i = self.claims.selected;
        if self.tree.fold(i) {
            return;
        }
        match self.tree.parent_row(i) {
            Some(p) => self.select_row(p),
            None if self.tree.is_focused() => {
                self.status = Some(format!(
                    "The top of the focus: {} steps out",
                    self.key(&Action::StepOut)
                ));
            }
            None => self.status = Some(String::from("A position: nothing above it")),
        }
    }

    fn toggle(&mut self) {
        let i = self.claims.selected;
        if !self.tree.fold(i) && !self.tree.unfold(i) {
            self.say_why_not();
        }
    }

    /// Changes the folds with `f`, then selects the same row, or the nearest one
    /// still showing on the way to it.
    fn keeping_selection(&mut self, f: impl FnOnce(&mut super::TreeView)) {
        let before = self.current();
        let place = self.place();
        f(&mut self.tree);
        if let Some(place) = place {
            self.claims.selected = self.tree.locate(&place);
        }
        if self.current() != before {
            self.focus_changed();
        }
    }

    /// Focuses on the selected node (a reference: on the claim in full).
    fn focus_here(&mut self) {
        let Some(&row) = self.tree.get(self.claims.selected) else {
            return;
        };
        if !row.full {
            self.select(row.node);
        }
        if self.tree.focus_on(self.claims.selected) {
            self.claims = super::ListPos::default();
        } else if self.tree.is_focused() && self.claims.selected == 0 {
            self.status = Some(String::from("Already the focus"));
        } else {
            self.status = Some(String::from(
                "Nothing answers this claim: nothing to focus on",
            ));
        }
    }

    /// Steps out of the focus, the selection kept on its row: `false` when there is
    /// no focus.
    pub(crate) fn step_out(&mut self) -> bool {
        let Some(shift) = self.tree.step_out() else {
            return false;
        };
        self.claims.selected += shift;
        self.claims.offset += shift;
        true
    }

    /// Goes to a place: its focus, its node, unfolding what hides it.
    pub(crate) fn go_to_place(&mut self, place: &Place) {
        if let Some(i) = self.tree.restore(place) {
            self.claims.selected = i;
            self.focus_changed();
        }
    }

    /// A click on the `row`th list row of the Claims pane, at column `x` of the screen:
    /// the breadcrumb steps out, a row is selected, its fold mark folds or unfolds it.
    pub(crate) fn click_claims(&mut self, x: u16, row: usize) {
        let crumbs = usize::from(self.claims_rows() < self.areas.rows(Pane::Claims));
        if crumbs == 1 && row == 0 {
            self.step_out();
            return;
        }
        let i = self.claims.offset + row - crumbs;
        let Some(&r) = self.tree.get(i) else { return };
        self.select_row(i);
        let Some(pane) = self.areas.pane(Pane::Claims) else {
            return;
        };
        let inner = super::layout::inner(pane);
        let col = x.saturating_sub(inner.x) as usize;
        let depth = r.depth.saturating_sub(self.tree.base_depth());
        let mark = layout::mark_x(depth, inner.width as usize);
        if (mark..mark + 2).contains(&col) {
            self.toggle();
        }
    }
}
