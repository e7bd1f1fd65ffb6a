//! The jump list, as in vim and less: every jump (a search result, a link followed, a
//! claim reached from the source view, a step chosen in the path overlay) leaves the
//! place it left from here, and `Ctrl-O` goes back to it, `Ctrl-I` forward again.
//!
//! It works like a browser's history: going back and forth walks the list; a new jump
//! from the middle of it forgets the places ahead. Places that are where the reader
//! already is are passed over. Both directions together keep at most [`JUMPS_KEPT`]
//! places, the oldest forgotten first.
//!
//! A move that is a jump calls [`App::record_jump`] just before it moves.

use super::{App, LinkRow, Pane};
use crate::domain::NodeId;

/// How many places the list keeps each way.
pub const JUMPS_KEPT: usize = 100;

/// Where the reader is: the node selected, the pane focused, and the selections in the
/// Rebuttals and Sources panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub node: NodeId,
    pub pane: Pane,
    /// The row selected in the Rebuttals pane.
    pub link: usize,
    /// The quote selected in the Sources pane.
    pub quote: usize,
}

/// The places behind and ahead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jumps {
    back: Vec<Spot>,
    forward: Vec<Spot>,
}

fn push_bounded(list: &mut Vec<Spot>, p: Spot) {
    if list.last() != Some(&p) {
        list.push(p);
    }
    if list.len() > JUMPS_KEPT {
        list.remove(0);
    }
}

impl Jumps {
    /// A jump leaves `from`.
    pub fn record(&mut self, from: Spot) {
        push_bounded(&mut self.back, from);
        self.forward.clear();
    }

    /// The place to go back to from `here`, if any; `here` is kept to come forward to.
    pub fn back(&mut self, here: Spot) -> Option<Spot> {
        let to = Self::walk(&mut self.back, here)?;
        push_bounded(&mut self.forward, here);
        Some(to)
    }

    /// The place to go forward to from `here`, if any; `here` is kept to go back to.
    pub fn forward(&mut self, here: Spot) -> Option<Spot> {
        let to = Self::walk(&mut self.forward, here)?;
        push_bounded(&mut self.back, here);
        Some(to)
    }

    /// The last place of `list` that is not `here`, taken off it with any after it.
    fn walk(list: &mut Vec<Spot>, here: Spot) -> Option<Spot> {
        while let Some(p) = list.pop() {
            if p != here {
                return Some(p);
            }
        }
        None
    }

    /// How many places are behind and ahead.
    pub fn len(&self) -> (usize, usize) {
        (self.back.len(), self.forward.len())
    }

    /// Every place kept.
    pub fn places(&self) -> impl Iterator<Item = &Spot> {
        self.back.iter().chain(&self.forward)
    }
}

impl App {
    /// Where the reader is now.
    pub fn here(&self) -> Option<Spot> {
        Some(Spot {
            node: self.current()?,
            pane: self.focus,
            link: self.links_pos.selected,
            quote: self.quote,
        })
    }

    /// Remembers where the reader is, before a jump: the one call a move that is a jump
    /// makes, just before it moves.
    pub(crate) fn record_jump(&mut self) {
        if let Some(here) = self.here() {
            self.jumps.record(here);
        }
    }

    /// Ctrl-O: back to where the last jump left from; Ctrl-I (`forward`): forward
    /// again to where a jump back left from.
    pub(crate) fn jump(&mut self, forward: bool) {
        let Some(here) = self.here() else { return };
        let to = if forward {
            self.jumps.forward(here)
        } else {
            self.jumps.back(here)
        };
        match to {
            Some(p) => self.return_to(p),
            None if forward => self.status = Some(String::from("No jump to go forward to")),
            None => self.status = Some(String::from("No jump to go back from")),
        }
    }

    fn return_to(&mut self, p: Spot) {
        self.select(p.node);
        self.focus = p.pane;
        if matches!(self.links.get(p.link), Some(LinkRow::Entry(..))) {
            self.links_pos.selected = p.link;
        }
        self.quote = p.quote;
        self.clamp();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(i: u32) -> Spot {
        Spot {
            node: NodeId::Claim(i),
            pane: Pane::Claims,
            link: 0,
            quote: 0,
        }
    }

    #[test]
    fn back_and_forth_like_a_browser() {
        let mut j = Jumps::default();
        // 0 → 1 → 2 by two jumps.
        j.record(at(0));
        j.record(at(1));
        assert_eq!(j.back(at(2)), Some(at(1)));
        assert_eq!(j.back(at(1)), Some(at(0)));
        assert_eq!(j.back(at(0)), None);
        assert_eq!(j.forward(at(0)), Some(at(1)));
        assert_eq!(j.forward(at(1)), Some(at(2)));
        assert_eq!(j.forward(at(2)), None);
        // A jump from the middle forgets the places ahead.
        assert_eq!(j.back(at(2)), Some(at(1)));
        j.record(at(1));
        assert_eq!(j.forward(at(7)), None);
        assert_eq!(j.back(at(7)), Some(at(1)));
    }

    #[test]
    fn the_place_the_reader_is_at_is_passed_over() {
        let mut j = Jumps::default();
        j.record(at(0));
        j.record(at(1));
        // Moved back to 1 by other means: back goes to 0.
        assert_eq!(j.back(at(1)), Some(at(0)));
    }

    #[test]
    fn the_list_is_bounded_and_forgets_the_oldest() {
        let mut j = Jumps::default();
        for i in 0..(JUMPS_KEPT as u32 + 50) {
            j.record(at(i));
        }
        assert_eq!(j.len(), (JUMPS_KEPT, 0));
        let mut here = at(100_000);
        let mut last = None;
        while let Some(p) = j.back(here) {
            here = p;
            last = Some(p);
            assert!(j.len().1 <= JUMPS_KEPT);
        }
        assert_eq!(last, Some(at(50)), "the oldest 50 were forgotten");
        assert_eq!(j.len(), (0, JUMPS_KEPT));
    }
}
