//! What an AIF map holds that format v1 cannot carry, or carries changed: each kind
//! counted, with the reason and an example node, as one warning of the import.

use crate::domain::import::left_out::Kind;

/// What an AIF import left out or changed, kind by kind.
pub(super) type LeftOut = crate::domain::import::left_out::LeftOut<Change>;

/// A kind of thing left out or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Change {
    /// An RA or CA node with no claim (or relation) leading into it.
    NoPremise,
    /// An RA or CA node that leads to no claim or relation.
    NoConclusion,
    /// An RA with several premises, split into one support per premise.
    Linked,
    /// An RA or CA on another relation, made a link to that relation's premise.
    Undercut,
    /// A link that repeats or contradicts another between the same two claims, or ties
    /// a claim to itself.
    Repeated,
    /// An edge from an RA, CA or MA to a locution (an L node).
    ToLocution,
    /// An MA (rephrase): the claims kept, the rephrase only as a shared side.
    Rephrase,
    /// A PA (preference).
    Preference,
    /// A quote whose words are not in the analysed text.
    NotInText,
    /// A main claim with few claims under it, whose argument shares one position.
    Grouped,
}

impl Kind for Change {
    fn words(self, n: usize) -> (String, &'static str) {
        let one = n == 1;
        let pick = |a: &'static str, b: &'static str| if one { a } else { b };
        match self {
            Change::NoPremise => (
                format!(
                    "{n} RA, CA or MA {} without a premise left out",
                    pick("node", "nodes")
                ),
                "note: no I node (proposition) leads into it, so it links no claim; a relation fed only by a locution (L node) is one",
            ),
            Change::NoConclusion => (
                format!(
                    "{n} RA, CA or MA {} without a conclusion left out",
                    pick("node", "nodes")
                ),
                "note: it leads to no I node (proposition) and no other relation, so it links no claim",
            ),
            Change::Linked => (
                format!(
                    "{n} linked {} (an RA with several premises) split into one support per premise",
                    pick("argument", "arguments")
                ),
                "note: format v1 links one claim to another; that the premises support the conclusion only together is not kept",
            ),
            Change::Undercut => (
                format!(
                    "{n} {} on an inference or a conflict (an undercut) made a link to its premise",
                    pick("attack or support", "attacks or supports")
                ),
                "note: format v1 links claims, not links: the claim that carries the inference or conflict takes the link",
            ),
            Change::Repeated => (
                format!("{n} {} between claims left out", pick("link", "links")),
                "note: it repeats or contradicts a link between the same two claims, or ties a claim to itself; format v1 links two claims once, one way",
            ),
            Change::ToLocution => (
                format!(
                    "{n} {} from a relation to a locution (an L node) left out",
                    pick("edge", "edges")
                ),
                "note: a relation joins propositions (I nodes); a locution is what someone said, quoted with the claim it anchors",
            ),
            Change::Rephrase => (
                format!(
                    "{n} {} (MA {}) kept only as a shared side",
                    pick("rephrase", "rephrases"),
                    pick("node", "nodes")
                ),
                "note: format v1 has no link for a rephrase, which argues neither for nor against: both claims are kept, the rephrase on the side of the claim it rephrases",
            ),
            Change::Preference => (
                format!(
                    "{n} {} (PA {}) left out",
                    pick("preference", "preferences"),
                    pick("node", "nodes")
                ),
                "note: format v1 has no preferences between claims",
            ),
            Change::NotInText => (
                format!(
                    "{n} {} not found in the analysed text: cited to the dialogue without its text",
                    pick("quote", "quotes")
                ),
                "note: the locution's words differ from the transcript the file carries; the quote is kept, unchecked, under the source `dialogue-unchecked`",
            ),
            Change::Grouped => (
                format!(
                    "{n} main {} with few claims under {} share one position, `minor`",
                    pick("claim", "claims"),
                    pick("it", "them")
                ),
                "note: a few sides keep a large map readable; their supports and rebuttals are kept, but not which side of them each claim is on",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_words() {
        let mut l = LeftOut::default();
        l.add(Change::Linked, 0, Some("node 6"));
        l.add(Change::Linked, 0, None);
        l.add(Change::NoConclusion, 0, None);
        let w: Vec<String> = l
            .warnings("m.json")
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(
            w,
            [
                "1 RA, CA or MA node without a conclusion left out",
                "2 linked arguments (an RA with several premises) split into one support per premise"
            ]
        );
    }
}
