//! Copying to the clipboard (`y`, `Y`), opening the last export in the pager (`o`), and
//! telling a double click from two clicks. The app only decides what: the shell writes
//! to the terminal and runs the pager.

use super::{Action, App, Effect, LinkRow, Pane};
use crate::domain::NodeId;
use crate::domain::clip;
use crate::domain::text::head;

/// Two clicks on the same row within this many milliseconds are a double click.
pub const DOUBLE_CLICK_MS: u64 = 400;

/// How much of what was copied the status line repeats.
const SAID: usize = 40;

impl App {
    /// The node the focused pane has selected: the tree's row in the Claims and
    /// Sources panes, the linked claim in the Rebuttals pane.
    fn selected_node(&self) -> Option<NodeId> {
        match self.focus {
            Pane::Rebuttals => match self.links.get(self.links_pos.selected) {
                Some(LinkRow::Entry(_, node)) => Some(*node),
                _ => None,
            },
            Pane::Claims | Pane::Sources => self.current(),
        }
    }

    /// `y`: the selected claim with its citations, or in the Sources pane the selected
    /// quote (or cited source) with its own; `Y` (`id`): the selected node's id.
    pub(crate) fn copy(&mut self, id: bool) -> Option<Effect> {
        let Some(node) = self.selected_node() else {
            self.status = Some(String::from("Nothing to copy here"));
            return None;
        };
        let text = if id {
            self.debate.id_of(node).to_string()
        } else if self.focus == Pane::Sources {
            let Some(entry) = clip::entry(&self.debate, node, self.quote) else {
                self.status = Some(String::from("Nothing to copy: no quote or citation here"));
                return None;
            };
            entry
        } else {
            clip::node(&self.debate, node)
        };
        let (text, cut) = clip::capped(clip::for_clipboard(&text));
        let first = text.lines().next().unwrap_or("");
        let more = if head(first, SAID).len() < text.len() {
            "…"
        } else {
            ""
        };
        let cut = if cut {
            format!(" (cut to its first {} KB)", clip::MAX_BYTES / 1024)
        } else {
            String::new()
        };
        self.status = Some(format!("copied{cut}: {}{more}", head(first, SAID)));
        Some(Effect::Copy { text })
    }

    /// `o`: the file last exported, in the pager.
    pub(crate) fn open_export(&mut self) -> Option<Effect> {
        match &self.last_export {
            Some(file) => Some(Effect::Page { file: file.clone() }),
            None => {
                self.status = Some(format!(
                    "Nothing exported yet: {} exports the path",
                    super::keymap::key_for(super::keymap::Scope::Panes, &Action::Export)
                ));
                None
            }
        }
    }

    /// A click at a time: a double click when it falls on the same list row as the
    /// click before, soon enough, and changes nothing (that click selected the row). A
    /// double click does what Enter does.
    pub(crate) fn click_at_time(&mut self, x: u16, y: u16, at: u64) -> Option<Effect> {
        let double = self.on_a_row(x, y)
            && self
                .last_click
                .is_some_and(|(row, then)| row == y && at >= then && at - then <= DOUBLE_CLICK_MS);
        let before = self.click_state();
        let effect = self.update(Action::ClickAt(x, y));
        if double && effect.is_none() && self.click_state() == before {
            // A third click starts anew.
            self.last_click = None;
            return self.update(Action::Follow);
        }
        self.last_click = Some((y, at));
        effect
    }

    /// Whether a cell is on a row of a list that a click selects: the Claims and
    /// Rebuttals panes, the search results.
    fn on_a_row(&self, x: u16, y: u16) -> bool {
        match &self.overlay {
            super::Overlay::None => matches!(
                super::layout::hit(&self.areas, x, y),
                Some((Pane::Claims | Pane::Rebuttals, Some(_)))
            ),
            super::Overlay::Search(_) => {
                let list = super::layout::inner(self.areas.overlay);
                let top = list.y.saturating_add(super::layout::SEARCH_HEAD as u16);
                x >= list.x
                    && x < list.x.saturating_add(list.width)
                    && y >= top
                    && y < list.y.saturating_add(list.height)
            }
            _ => false,
        }
    }

    /// What a click can change: where the selection is, what is open, what is folded.
    fn click_state(&self) -> String {
        format!(
            "{:?}",
            (
                std::mem::discriminant(&self.overlay),
                self.focus,
                self.claims.selected,
                self.tree.len(),
                self.links_pos.selected,
                self.quote,
                self.selected_result(),
            )
        )
    }

    fn selected_result(&self) -> Option<usize> {
        match &self.overlay {
            super::Overlay::Search(v) => Some(v.pos.selected),
            super::Overlay::Path(pos) => Some(pos.selected),
            _ => None,
        }
    }
}
