//! The overlay that lists the path's steps: going to one, removing one, undoing.

use crate::app::{Action, App, Effect, Overlay};

impl App {
    /// A key in the path's overlay.
    pub(crate) fn update_path(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Path(pos) = &mut self.overlay else {
            return None;
        };
        let last = self.path.len().saturating_sub(1);
        let selected = pos.selected;
        match action {
            Action::Down => pos.selected = (pos.selected + 1).min(last),
            Action::Up => pos.selected = pos.selected.saturating_sub(1),
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
