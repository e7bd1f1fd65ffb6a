//! The help overlay: every binding of the key table, scrolled.

use crate::app::{Action, App, Overlay};

impl App {
    pub(crate) fn update_help(&mut self, action: Action) {
        if let Overlay::Help { scroll } = &mut self.overlay {
            match action {
                Action::Down => *scroll += 1,
                Action::Up => *scroll = scroll.saturating_sub(1),
                _ => {}
            }
        }
    }
}
