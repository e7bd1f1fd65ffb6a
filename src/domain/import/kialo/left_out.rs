//! What a Kialo export holds that format v1 cannot carry, or carries changed: each
//! kind counted, with the reason and the lines, as one warning of the import.

use crate::domain::import::left_out::Kind;

/// What a Kialo import left out or changed, kind by kind.
pub(super) type LeftOut = crate::domain::import::left_out::LeftOut<Change>;

/// A kind of thing left out or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Change {
    /// `-> See discussion #N: title`, kept as a claim.
    OutLink,
    /// `[n]` with no entry `[n]` in the `Sources:` section.
    UnknownCitation,
    /// `[n]` in a question, which becomes the description.
    QuestionCitation,
    /// A link or source entry whose "url" is words with spaces.
    FreeTextUrl,
    /// A source entry with nothing after its number.
    NoUrl,
    /// `-> See` that would repeat or contradict a link, or tie a claim to itself.
    SeeRepeat,
    /// `-> See` naming a thesis.
    SeeToThesis,
    /// `-> See` under a question that gives no position.
    SeeUnderQuestion,
    /// `-> See` without `Pro:` or `Con:`.
    SeeWithoutStance,
}

impl Kind for Change {
    fn words(self, n: usize) -> (String, &'static str) {
        let one = n == 1;
        let pick = |a: &'static str, b: &'static str| if one { a } else { b };
        match self {
            Change::OutLink => (
                format!(
                    "{n} {} kept as {} tagged `links-out`",
                    pick(
                        "link to another Kialo discussion",
                        "links to other Kialo discussions"
                    ),
                    pick("a claim", "claims")
                ),
                "note: a linked discussion is not in this file, and its number alone gives no web address; the claim's text keeps the number and the title",
            ),
            Change::UnknownCitation => (
                format!(
                    "{n} {} no entry of the `Sources:` section: left in the text, not cited",
                    pick("citation names", "citations name")
                ),
                "note: an export numbers each source it lists; the file may be cut short",
            ),
            Change::QuestionCitation => (
                format!(
                    "{n} {} of the question left in the text only",
                    pick("citation", "citations")
                ),
                "note: the question becomes the debate's description, which has no citations in format v1; the sources themselves are kept",
            ),
            Change::FreeTextUrl => (
                format!(
                    "{n} source {} words with spaces, not a web address: kept as written, in the source's url",
                    pick("address holds", "addresses hold")
                ),
                "note: someone typed text where the address belongs",
            ),
            Change::NoUrl => (
                format!(
                    "{n} {} of the `Sources:` section {} no web address: titled by {} number",
                    pick("entry", "entries"),
                    pick("gives", "give"),
                    pick("its", "their")
                ),
                "note: an entry reads `[n] https://...`",
            ),
            Change::SeeRepeat => (
                format!(
                    "{n} `-> See` {} left out: {} repeat or contradict a link the claim already has, or tie the claim to itself",
                    pick("reference", "references"),
                    pick("it would", "each would")
                ),
                "note: format v1 links two claims once, one way",
            ),
            Change::SeeToThesis => (
                format!(
                    "{n} `-> See` {} to a thesis left out",
                    pick("reference", "references")
                ),
                "note: a thesis becomes two positions, and a position has no links in format v1",
            ),
            Change::SeeUnderQuestion => (
                format!(
                    "{n} `-> See` {} under the question left out",
                    pick("reference", "references")
                ),
                "note: the question gives no position for the claim named to argue for or against",
            ),
            Change::SeeWithoutStance => (
                format!(
                    "{n} `-> See` {} without `Pro:` or `Con:` left out",
                    pick("reference", "references")
                ),
                "note: nothing says whether the claim named supports or rebuts the item above",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_one_warning_with_its_count_example_and_lines() {
        let mut l = LeftOut::default();
        l.add(Change::UnknownCitation, 9, Some("[7]"));
        l.add(Change::OutLink, 4, None);
        l.add(Change::UnknownCitation, 3, Some("[5]"));
        l.add(Change::UnknownCitation, 3, Some("[6]"));
        let w = l.warnings("f.txt");
        let shown: Vec<String> = w.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2);
        assert!(
            shown[0].starts_with(
                "f.txt: warning: 1 link to another Kialo discussion kept as a claim tagged `links-out`\n"
            ),
            "{shown:?}"
        );
        assert!(shown[0].ends_with("\n  note: on line 4"), "{shown:?}");
        assert!(
            shown[1].starts_with("f.txt: warning: 3 citations name no entry"),
            "{shown:?}"
        );
        assert!(
            shown[1].contains("\n  note: for example `[5]`\n  note: on lines 3 and 9"),
            "{shown:?}"
        );
        assert!(LeftOut::default().warnings("f").is_empty());
    }
}
