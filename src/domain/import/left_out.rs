//! What an import leaves out or changes: each kind counted, with the reason, an
//! example and the lines, as one warning of the import. Each importer names its own
//! kinds ([`Kind`]).

use crate::domain::load::diag::Diagnostic;

/// A kind of thing an importer leaves out or changes. The order of the kinds is the
/// order of the warnings.
pub(crate) trait Kind: Copy + Ord {
    /// The warning for `n` of this kind, and the note saying why.
    fn words(self, n: usize) -> (String, &'static str);
}

/// Everything left out or changed, as it is met.
#[derive(Debug)]
pub(crate) struct LeftOut<K> {
    seen: Vec<(K, usize, Option<String>)>,
}

impl<K> Default for LeftOut<K> {
    fn default() -> Self {
        LeftOut { seen: Vec::new() }
    }
}

/// Lines listed in a note before the rest are counted.
const LINES_SHOWN: usize = 5;
/// Characters of an example shown in a note.
const EXAMPLE_CHARS: usize = 60;

impl<K: Kind> LeftOut<K> {
    /// One thing of kind `change`, on `line` (0 when it has no line), with the text
    /// it came from as an example.
    pub(crate) fn add(&mut self, change: K, line: usize, example: Option<&str>) {
        self.seen.push((change, line, example.map(str::to_string)));
    }

    /// One warning per kind, in the order of the kinds: its count and reason, the
    /// first example and the lines.
    pub(crate) fn warnings(mut self, file: &str) -> Vec<Diagnostic> {
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
    fn lines_and_examples_are_short() {
        assert_eq!(on_lines(&[1, 2, 3]), "on lines 1, 2 and 3");
        assert_eq!(
            on_lines(&[1, 2, 3, 4, 5, 6, 7]),
            "on lines 1, 2, 3, 4, 5 and 2 more"
        );
        assert_eq!(shortened(&"é".repeat(61)), format!("{}...", "é".repeat(60)));
    }
}
