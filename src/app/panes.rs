//! The three panes: moving through them, following links, walking back.

use super::layout::{hit, hit_tab};
use super::{Action, App, Effect, ListPos, Overlay, Pane, SearchView};
use crate::domain::{NodeId, Relation};

/// How an entry of the Rebuttals pane relates to the focused node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    RebuttedBy,
    Rebuts,
    SupportedBy,
    Supports,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Group::RebuttedBy,
        Group::Rebuts,
        Group::SupportedBy,
        Group::Supports,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Group::RebuttedBy => "Rebutted by",
            Group::Rebuts => "Rebuts",
            Group::SupportedBy => "Supported by",
            Group::Supports => "Supports",
        }
    }
}

/// A row of the Rebuttals pane: a group's heading or one linked node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRow {
    Heading(Group, usize),
    Entry(Group, NodeId),
}

impl App {
    /// Rebuilds what depends on the focused node: work in proportion to its links.
    pub(crate) fn focus_changed(&mut self) {
        self.links.clear();
        self.links_pos = ListPos::default();
        self.quote = 0;
        let Some(node) = self.current() else { return };
        for group in Group::ALL {
            let entries = match group {
                Group::RebuttedBy => self.linked(node, Relation::Rebuts, true),
                Group::Rebuts => self.linked(node, Relation::Rebuts, false),
                Group::SupportedBy => self.linked(node, Relation::Supports, true),
                Group::Supports => self.linked(node, Relation::Supports, false),
            };
            if entries.is_empty() {
                continue;
            }
            self.links.push(LinkRow::Heading(group, entries.len()));
            self.links
                .extend(entries.into_iter().map(|n| LinkRow::Entry(group, n)));
        }
        self.links_pos.selected = self.first_entry_from(0, true).unwrap_or(0);
        self.clamp();
    }

    /// The nodes linked to `node` by `r`: those pointing at it (`incoming`) or those it
    /// points at.
    fn linked(&self, node: NodeId, r: Relation, incoming: bool) -> Vec<NodeId> {
        if incoming {
            self.debate
                .incoming(node)
                .filter(|l| l.relation == r)
                .map(|l| l.from)
                .collect()
        } else {
            self.debate
                .outgoing(node)
                .filter(|l| l.relation == r)
                .map(|l| l.to)
                .collect()
        }
    }

    /// The nearest entry row (not a heading) from `i`, searching down or up.
    pub(crate) fn first_entry_from(&self, i: usize, down: bool) -> Option<usize> {
        let is_entry = |j: usize| matches!(self.links.get(j), Some(LinkRow::Entry(..)));
        if down {
            (i..self.links.len()).find(|&j| is_entry(j))
        } else {
            (0..=i.min(self.links.len().saturating_sub(1)))
                .rev()
                .find(|&j| is_entry(j))
        }
    }

    /// The rows the focused pane's list shows.
    fn list_rows(&self) -> usize {
        match self.focus {
            Pane::Claims => self.claims_rows(),
            Pane::Rebuttals => self.links_rows(),
            pane => self.areas.rows(pane),
        }
    }

    fn page(&self) -> usize {
        self.list_rows().saturating_sub(1).max(1)
    }

    pub(crate) fn update_panes(&mut self, action: Action) -> Option<Effect> {
        if self.focus == Pane::Claims && self.update_claims(&action) {
            return None;
        }
        match action {
            Action::NextPane => self.focus = self.focus.next(),
            Action::PreviousPane => self.focus = self.focus.previous(),
            // In the Sources pane an entry longer than the pane scrolls before the
            // next one is selected.
            Action::Up if self.focus == Pane::Sources && self.scroll_entry(false) => {}
            Action::Down if self.focus == Pane::Sources && self.scroll_entry(true) => {}
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::ScrollEntryDown => self.scroll_entry_key(true),
            Action::ScrollEntryUp => self.scroll_entry_key(false),
            Action::PageUp => self.step(-(self.page() as isize)),
            Action::PageDown => self.step(self.page() as isize),
            Action::HalfPageUp => self.step(-((self.list_rows() / 2).max(1) as isize)),
            Action::HalfPageDown => self.step((self.list_rows() / 2).max(1) as isize),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Follow => self.follow(),
            // In a focus, the Claims pane steps out of it first.
            Action::Back if self.focus != Pane::Claims || !self.step_out() => self.back(),
            Action::Search => {
                self.overlay = Overlay::Search(SearchView::default());
            }
            Action::AddToPath => self.add_to_path(),
            Action::ShowPath => self.overlay = Overlay::Path(ListPos::default()),
            Action::Export => self.ask_export(),
            Action::ToggleStatus => self.toggle_status(),
            Action::SetAside => self.set_aside(),
            Action::GoToDecider => self.go_to_decider(),
            Action::ClickAt(x, y) => self.click(x, y),
            Action::ScrollAt(x, y, down) => {
                if let Some((pane, _)) = hit(&self.areas, x, y) {
                    self.focus = pane;
                    if pane == Pane::Sources {
                        // The wheel reads through a long entry as j and k do.
                        for _ in 0..3 {
                            if !self.scroll_entry(down) {
                                self.step(if down { 1 } else { -1 });
                            }
                        }
                    } else {
                        self.step(if down { 3 } else { -3 });
                    }
                }
            }
            _ => {}
        }
        None
    }

    /// Moves the focused pane's selection by `delta` rows (headings are skipped).
    fn step(&mut self, delta: isize) {
        let moved = |sel: usize, len: usize| -> usize {
            (sel as isize)
                .saturating_add(delta)
                .clamp(0, len.saturating_sub(1) as isize) as usize
        };
        match self.focus {
            Pane::Claims => {
                let next = moved(self.claims.selected, self.tree.len());
                if next != self.claims.selected {
                    self.claims.selected = next;
                    self.focus_changed();
                }
            }
            Pane::Rebuttals => {
                let target = moved(self.links_pos.selected, self.links.len());
                let down = delta > 0;
                self.links_pos.selected = self
                    .first_entry_from(target, down)
                    .or_else(|| self.first_entry_from(target, !down))
                    .unwrap_or(0);
            }
            Pane::Sources => {
                let len = self.current().map_or(0, |n| self.sources_len(n));
                self.quote = moved(self.quote, len);
            }
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        if let Some(p) = hit_tab(&self.areas, x, y) {
            self.focus = p;
            return;
        }
        let Some((pane, row)) = hit(&self.areas, x, y) else {
            return;
        };
        self.focus = pane;
        // A click on the border only focuses the pane.
        let Some(row) = row else { return };
        match pane {
            Pane::Claims => self.click_claims(x, row),
            // A click on the preview under the list selects nothing.
            Pane::Rebuttals if row < self.links_rows() => {
                let i = self.links_pos.offset + row;
                if matches!(self.links.get(i), Some(LinkRow::Entry(..))) {
                    self.links_pos.selected = i;
                }
            }
            Pane::Rebuttals | Pane::Sources => {}
        }
    }

    /// Follows from the focused pane: the path goes on from a claim, follows a link, a
    /// quote opens in its source, a cited source shows its text.
    fn follow(&mut self) {
        let Some(current) = self.current() else {
            return;
        };
        match self.focus {
            // The focus stays: Tab goes on to the claim's links.
            Pane::Claims => self.enter_claim(current),
            Pane::Rebuttals => {
                let Some(LinkRow::Entry(_, target)) =
                    self.links.get(self.links_pos.selected).copied()
                else {
                    self.status = Some(String::from("Nothing to follow: no links here"));
                    return;
                };
                self.follow_link(current, target);
            }
            Pane::Sources => self.open_source(current),
        }
    }
}
