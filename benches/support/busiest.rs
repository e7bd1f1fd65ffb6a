//! The claim the benches move onto to measure the heaviest row: the one with the most
//! rebuttals.

use debate_tui::domain::{Debate, NodeId};

/// The claim of `d` with the most rebuttals (the first of them on a tie).
pub fn busiest_claim(d: &Debate) -> NodeId {
    (0..d.claims.len() as u32)
        .map(NodeId::Claim)
        .max_by_key(|&n| d.rebuttal_count(n))
        .expect("claims")
}
