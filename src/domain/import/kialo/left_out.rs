//! What a Kialo export holds that format v1 cannot carry, or carries changed: each
//! kind counted, with the reason and the lines, as one warning of the import.

use crate::domain::load::diag::Diagnostic;

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

impl Change {
    /// The warning for `n` of this kind, and the note saying why.
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

/// Everything left out or changed, as it is met.
#[derive(Debug, Default)]
pub(super) struct LeftOut {
    seen: Vec<(Change, usize, Option<String>)>,
}

/// Lines listed in a note before the rest are counted.
const LINES_SHOWN: usize = 5;
/// Characters of an example shown in a note.
const EXAMPLE_CHARS: usize = 60;

impl LeftOut {
    /// One thing of kind `change`, on `line` (0 when it has no line), with the text
    /// it came from as an example.
    pub(super) fn add(&mut self, change: Change, line: usize, example: Option<&str>) {
        self.seen.push((change, line, example.map(str::to_string)));
    }

    /// One warning per kind, in the order of [`Change`]: its count and reason, the
    /// first example and the lines.
    pub(super) fn warnings(mut self, file: &str) -> Vec<Diagnostic> {
        self.seen.sort_by_key(|(c, line, _)| (*c, *line));
        let mut out = Vec::new();
        for group in self.seen.chunk_by(|a, b| a.0 == b.0) {
            let (message, why) = group[0].0.words(group.len());
            let mut d = Diagnostic::warning(file, message).note(why);
            if let Some(example) = group.iter().find_map(|(_, _, e)| e.as_deref()) {
                d = d.note(format!("note: for example `{}`", shortened(example)));
            }
            let mut lines: Vec<usize> = group.iter().map(|g| g.1).filter(|&l| l > 0).collect();
            lines.dedup();
            if !lines.is_empty() {
                d = d.note(format!("note: {}", on_lines(&lines)));
            }
            out.push(d);
        }
        out
    }
}

/// `on line 4`, `on lines 4, 9 and 12`, `on lines 4, 9, 12, 20, 31 and 6 more`.
fn on_lines(lines: &[usize]) -> String {
    let shown: Vec<String> = lines
        .iter()
        .take(LINES_SHOWN)
        .map(ToString::to_string)
        .collect();
    let more = lines.len().saturating_sub(LINES_SHOWN);
    match (shown.as_slice(), more) {
        ([one], _) => format!("on line {one}"),
        (all, 0) => {
            let (last, rest) = all.split_last().unwrap_or((&all[0], &[]));
            format!("on lines {} and {last}", rest.join(", "))
        }
        (all, more) => format!("on lines {} and {more} more", all.join(", ")),
    }
}

fn shortened(s: &str) -> String {
    match s.char_indices().nth(EXAMPLE_CHARS) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_string(),
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
        assert_eq!(on_lines(&[1, 2, 3]), "on lines 1, 2 and 3");
        assert_eq!(
            on_lines(&[1, 2, 3, 4, 5, 6, 7]),
            "on lines 1, 2, 3, 4, 5 and 2 more"
        );
        assert_eq!(shortened(&"é".repeat(61)), format!("{}...", "é".repeat(60)));
        assert!(LeftOut::default().warnings("f").is_empty());
    }
}
