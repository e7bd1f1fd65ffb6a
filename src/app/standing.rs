//! Which claims stand: showing the labels, and the what-if that sets claims aside.

use super::keymap::{Scope, key_for};
use super::{Action, App, LinkRow, Pane};
use crate::domain::NodeId;
use crate::domain::graph::status::{Label, Why};
use crate::domain::text::fit;

impl App {
    /// Why the node the panes are about has its label, under the what-if in force.
    pub fn why(&self) -> Option<&Why> {
        self.why.as_ref().map(|(_, why)| why)
    }

    /// Works the why out again when the node the panes are about has changed.
    pub(crate) fn refresh_why(&mut self) {
        let now = self.current();
        if self.why.as_ref().map(|(n, _)| *n) != now {
            self.why = now.map(|n| (n, self.standing.why(n)));
        }
    }

    /// `w`: goes to a claim that decides the label of the node the panes are about, as
    /// a jump (Ctrl-O comes back); pressed again from the same node, to the next one.
    pub(crate) fn go_to_decider(&mut self) {
        let Some(from) = self.current() else { return };
        let deciders: Vec<NodeId> = match self.standing.why(from) {
            Why::RebuttalsFall(ids) | Why::RebuttedBy(ids) => ids,
            Why::Open { cycle, open } => cycle.into_iter().chain(open).collect(),
            Why::Unanswered | Why::SetAside => Vec::new(),
        };
        if deciders.is_empty() {
            self.status = Some(String::from(
                "No claim decides this label: nothing rebuts it, or it is set aside",
            ));
            return;
        }
        let k = match self.decider {
            Some((origin, next)) if origin == from => next % deciders.len(),
            _ => 0,
        };
        self.decider = Some((from, k + 1));
        let to = deciders[k];
        self.record_jump();
        self.select(to);
        // By its statement, as the Sources pane's why names it.
        self.status = Some(format!(
            "Deciding claim {} of {}: “{}” ({} comes back; {} there goes to the next)",
            k + 1,
            deciders.len(),
            fit(self.debate.text_of(to), 40),
            key_for(Scope::Panes, &Action::JumpBack),
            key_for(Scope::Panes, &Action::GoToDecider),
        ));
    }

    pub(crate) fn toggle_status(&mut self) {
        self.show_status = !self.show_status;
        self.status = Some(String::from(if self.show_status {
            "Status shown: ◉ stands · ○ falls · ◐ open"
        } else {
            "Status hidden"
        }));
    }

    /// The node a what-if is about: the selected link in the Rebuttals pane, else the
    /// node the panes are about.
    fn supposed(&self) -> Option<NodeId> {
        match (self.focus, self.links.get(self.links_pos.selected)) {
            (Pane::Rebuttals, Some(&LinkRow::Entry(_, node))) => Some(node),
            _ => self.current(),
        }
    }

    /// Sets the selected node aside, or brings it back when it is set aside, and works
    /// every label out again from the debate as written. Costs what the nodes set
    /// aside rebut, down every chain, plus a copy of the labels.
    pub(crate) fn set_aside(&mut self) {
        let Some(node) = self.supposed() else {
            return;
        };
        if matches!(node, NodeId::Position(_)) {
            self.status = Some(String::from(
                "Only a claim can be set aside: a position rebuts nothing",
            ));
            return;
        }
        let back = self.standing.is_set_aside(node);
        let aside: Vec<NodeId> = self
            .standing
            .set_aside()
            .iter()
            .copied()
            .filter(|&n| n != node)
            .chain((!back).then_some(node))
            .collect();
        self.standing = self.standing.what_if(aside);
        self.why = None;
        self.show_status = true;
        let id = self.debate.id_of(node);
        let done = if back {
            format!("Brought back {id}")
        } else {
            format!("Supposing {id} fails")
        };
        let [stand, fall, open] = Label::ALL.map(|l| self.standing.count(l));
        self.status = Some(format!("{done}: {stand} stand, {fall} fall, {open} open"));
    }
}
