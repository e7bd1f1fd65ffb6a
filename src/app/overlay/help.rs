//! The help overlay: every binding of the key table, scrolled.

use crate::app::{Action, App, Overlay};

impl App {
    pub(crate) fn update_help(&mut self, action: Action) {
        let rows = self.areas.overlay_rows();
        let (page, half) = (rows.saturating_sub(1).max(1), (rows / 2).max(1));
        if let Overlay::Help { scroll } = &mut self.overlay {
            match action {
                Action::Down => *scroll += 1,
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::PageDown => *scroll += page,
                Action::PageUp => *scroll = scroll.saturating_sub(page),
                Action::HalfPageDown => *scroll += half,
                Action::HalfPageUp => *scroll = scroll.saturating_sub(half),
                Action::Top => *scroll = 0,
                // Kept within the help by the clamp after every action.
                Action::Bottom => *scroll = usize::MAX,
                _ => {}
            }
        }
    }
}
