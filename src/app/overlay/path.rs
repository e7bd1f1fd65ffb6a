//! The path: adding a step from the panes, and the overlay that lists the steps.

use crate::app::{Action, App, Effect, Overlay};
use crate::domain::graph::path;

impl App {
    /// The selected claim joins the path as its next step.
    pub(crate) fn add_to_path(&mut self) {
        let Some(node) = self.current() else { return };
        if self.path.last() == Some(&node) {
            self.status = Some(String::from("Already the last step of the path"));
            return;
        }
        self.path.push(node);
        let n = self.path.len();
        self.status = Some(if n == 1 {
            String::from("Started a path here")
        } else {
            let j = path::joint(&self.debate, &self.path, n - 1);
            format!("Added step {n}: {}", j.words(n))
        });
    }

    /// A key in the path's overlay.
    pub(crate) fn update_path(&mut self, action: Action) -> Option<Effect> {
        let rows = self.areas.overlay_rows();
        let Overlay::Path(pos) = &mut self.overlay else {
            return None;
        };
        let last = self.path.len().saturating_sub(1);
        let (page, half) = (rows.saturating_sub(1).max(1), (rows / 2).max(1));
        match action {
            Action::Down => pos.selected = (pos.selected + 1).min(last),
            Action::Up => pos.selected = pos.selected.saturating_sub(1),
            Action::PageDown => pos.selected = (pos.selected + page).min(last),
            Action::PageUp => pos.selected = pos.selected.saturating_sub(page),
            Action::HalfPageDown => pos.selected = (pos.selected + half).min(last),
            Action::HalfPageUp => pos.selected = pos.selected.saturating_sub(half),
            Action::RemoveStep if pos.selected < self.path.len() => {
                let removed = self.path.remove(pos.selected);
                self.status = Some(format!(
                    "Removed step {}: {}",
                    pos.selected + 1,
                    crate::domain::text::fit(self.debate.id_of(removed), 40)
                ));
            }
            Action::Follow => {
                if let Some(&node) = self.path.get(pos.selected) {
                    self.overlay = Overlay::None;
                    self.select(node);
                }
            }
            Action::Export => self.ask_export(),
            _ => {}
        }
        None
    }
}
