//! The overlay that lists the path's steps: going to one, removing one, undoing.

use crate::app::{Action, App, Effect, Overlay};

impl App {
    /// A key in the path's overlay.
    pub(crate) fn update_path(&mut self, action: Action) -> Option<Effect> {
        let rows = self.areas.overlay_rows();
        let Overlay::Path(pos) = &mut self.overlay else {
            return None;
        };
        let last = self.path.len().saturating_sub(1);
        let selected = pos.selected;
        let (page, half) = (rows.saturating_sub(1).max(1), (rows / 2).max(1));
        match action {
            Action::Down => pos.selected = (pos.selected + 1).min(last),
            Action::Up => pos.selected = pos.selected.saturating_sub(1),
            Action::PageDown => pos.selected = (pos.selected + page).min(last),
            Action::PageUp => pos.selected = pos.selected.saturating_sub(page),
            Action::HalfPageDown => pos.selected = (pos.selected + half).min(last),
            Action::HalfPageUp => pos.selected = pos.selected.saturating_sub(half),
            Action::RemoveStep => self.remove_step(selected),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Follow => {
                if let Some(&node) = self.path.get(selected) {
                    self.overlay = Overlay::None;
                    self.record_jump();
                    self.select(node);
                }
            }
            Action::Export => self.ask_export(),
            _ => {}
        }
        None
    }
}
