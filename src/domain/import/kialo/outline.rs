//! The first pass over an export: its lines, numbered from 1 without their line ends,
//! each numbered header split into number, stance and text, and the items those
//! headers start, each with its parent and the lines that continue it.
//!
//! The layout is told by the first item. In the older one it is `1. text` and every
//! item is one line, `1.2. Con: text`. In the newer one it is `1. Thesis:` (or
//! `1. Question:`) and every header carries one of the four labels, with the text on
//! the lines after it; a line such as `2. Second point` in a text is then text, never a
//! header.

use std::collections::HashMap;

use crate::domain::load::diag::Diagnostic;

/// How an item stands to its parent: `Pro:`, `Con:`, or neither (a thesis).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stance {
    Pro,
    Con,
    None,
}

/// The two layouts of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// `Discussion Title: ...`, `1. thesis`, `1.1. Pro: text`: one line per item, texts
    /// in Markdown (backslash escapes, links `[label](url)`).
    Older,
    /// `Discussion Name:`, `1. Thesis:`, indented headers with the text on the lines
    /// after, a `Sources:` section. Texts are written as they are, with no escapes.
    Newer,
}

/// A numbered item's first line, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Header<'a> {
    /// The dotted number, with its final dot: `1.2.1.`.
    pub(super) path: &'a str,
    pub(super) stance: Stance,
    /// Whether a label (`Pro:`, `Con:`, `Thesis:`, `Question:`) follows the number.
    pub(super) labelled: bool,
    /// What follows the stance on the same line, trimmed.
    pub(super) rest: &'a str,
}

/// The length of the dotted number (`1.2.` or, when `final_dot` is not required,
/// `1.2`) at the start of `s`; 0 if there is none.
pub(super) fn number_len(s: &str, final_dot: bool) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let mut end = 0;
    loop {
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return end;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            end = i;
        } else {
            return if final_dot { end } else { i };
        }
    }
}

pub(super) fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

pub(super) fn header(line: &str) -> Option<Header<'_>> {
    let t = line.trim_start();
    let n = number_len(t, true);
    if n == 0 {
        return None;
    }
    let (path, after) = t.split_at(n);
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let after = after.trim_start();
    let labelled = |label: &str| strip_prefix_ignore_case(after, label);
    let (stance, rest) = if let Some(r) = labelled("Pro:") {
        (Stance::Pro, Some(r))
    } else if let Some(r) = labelled("Con:") {
        (Stance::Con, Some(r))
    } else if let Some(r) = labelled("Thesis:").or_else(|| labelled("Question:")) {
        (Stance::None, Some(r))
    } else {
        (Stance::None, None)
    };
    Some(Header {
        path,
        stance,
        labelled: rest.is_some(),
        rest: rest.unwrap_or(after).trim(),
    })
}

/// Whether `line` starts a numbered item (`1.`, `1.2. Pro: ...`).
pub fn is_item_line(line: &str) -> bool {
    header(line).is_some()
}

/// The item number's depth: `1.2.1.` is 3.
pub(super) fn depth(path: &str) -> usize {
    path.bytes().filter(|&b| b == b'.').count()
}

/// `1.2.1.` without its last number: `1.2.`.
pub(super) fn parent_path(path: &str) -> &str {
    let inner = path.strip_suffix('.').unwrap_or(path);
    match inner.rfind('.') {
        Some(i) => &path[..=i],
        None => "",
    }
}

/// `1.2.1.` as a claim id: `k-1-2-1`.
pub(super) fn claim_id(path: &str) -> String {
    format!("k-{}", dashed(path))
}

pub(super) fn dashed(path: &str) -> String {
    path.strip_suffix('.').unwrap_or(path).replace('.', "-")
}

#[derive(Debug)]
pub(super) struct Item<'a> {
    pub(super) path: &'a str,
    pub(super) line: usize,
    pub(super) stance: Stance,
    pub(super) parent: Option<usize>,
    /// The header's text, then each continuation line, trimmed.
    pub(super) lines: Vec<&'a str>,
}

impl Item<'_> {
    pub(super) fn raw_text(&self) -> String {
        self.lines.join("\n")
    }
}

/// The lines of `text` without their line ends (LF or CRLF): line `n` is at `n - 1`.
pub(super) fn lines(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// The first pass: the header lines, the numbered items with their parents, and the
/// lines that continue them. Only the lines before the `Sources:` section are read.
pub(super) struct Outline<'a> {
    pub(super) layout: Layout,
    /// The discussion's name: after `Discussion Title:` or `Discussion Name:`, or on
    /// the line after it when nothing follows the colon.
    pub(super) title: Option<&'a str>,
    /// Lines before the first item other than the title.
    pub(super) preamble: Vec<&'a str>,
    pub(super) items: Vec<Item<'a>>,
    /// Each item's number to its index in `items`.
    pub(super) index: HashMap<&'a str, usize>,
    /// The last line read, for a file with no item.
    pub(super) last_line: usize,
}

/// Reads `lines`, the export up to its `Sources:` section, into an [`Outline`],
/// reporting items out of place.
pub(super) fn read<'a>(
    name: &str,
    lines: &[&'a str],
    problems: &mut Vec<Diagnostic>,
) -> Outline<'a> {
    let mut layout: Option<Layout> = None;
    let mut title: Option<&'a str> = None;
    let mut name_follows = false;
    let mut preamble: Vec<&'a str> = Vec::new();
    let mut items: Vec<Item<'a>> = Vec::new();
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let mut current: Option<usize> = None;
    let mut last_top: Option<u64> = None;
    for (i, &l) in lines.iter().enumerate() {
        let n = i + 1;
        let h = header(l).filter(|h| {
            // In the newer layout every header is labelled: `2. Lighting shall...` is
            // a line of text. A top-level number out of sequence is text that happens
            // to start with a number ("2019. was..."), not a new thesis.
            (h.labelled || layout != Some(Layout::Newer))
                && (depth(h.path) > 1 || {
                    let num: Option<u64> = h.path.trim_end_matches('.').parse().ok();
                    match (last_top, num) {
                        (None, _) => true,
                        (Some(prev), Some(num)) => prev.checked_add(1) == Some(num),
                        (Some(_), None) => false,
                    }
                })
        });
        let Some(h) = h else {
            let t = l.trim();
            if t.is_empty() {
                continue;
            }
            if items.is_empty() {
                if std::mem::take(&mut name_follows) {
                    title = Some(t);
                    continue;
                }
                match t
                    .strip_prefix("Discussion Title:")
                    .or_else(|| t.strip_prefix("Discussion Name:"))
                {
                    Some(rest) if title.is_none() => {
                        title = Some(rest.trim());
                        name_follows = rest.trim().is_empty();
                    }
                    _ => preamble.push(t),
                }
            } else if let Some(c) = current {
                items[c].lines.push(t);
            }
            continue;
        };
        name_follows = false;
        layout.get_or_insert(if h.labelled {
            Layout::Newer
        } else {
            Layout::Older
        });
        if depth(h.path) == 1 {
            last_top = h.path.trim_end_matches('.').parse().ok();
        }
        if let Some(&first) = index.get(h.path) {
            problems.push(
                Diagnostic::new(name, n, 1, format!("item {} appears twice", h.path)).note(
                    format!(
                        "note: first on line {}; each item of an export has its own number",
                        items[first].line
                    ),
                ),
            );
            current = None;
            continue;
        }
        let parent = if depth(h.path) > 1 {
            let p = parent_path(h.path);
            let found = index.get(p).copied();
            if found.is_none() {
                problems.push(
                    Diagnostic::new(
                        name,
                        n,
                        1,
                        format!("item {} comes before its parent {p}, or the file lacks it", h.path),
                    )
                    .note("hint: an export lists every item after its parent; the file may be damaged or cut short"),
                );
            }
            found
        } else {
            None
        };
        index.insert(h.path, items.len());
        current = Some(items.len());
        items.push(Item {
            path: h.path,
            line: n,
            stance: h.stance,
            parent,
            lines: if h.rest.is_empty() {
                Vec::new()
            } else {
                vec![h.rest]
            },
        });
    }
    Outline {
        layout: layout.unwrap_or(Layout::Older),
        title,
        preamble,
        items,
        index,
        last_line: lines.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_split_number_stance_and_text() {
        let h = header("    1.2.10. Con:  Text \\(x\\)").unwrap();
        assert_eq!(h.path, "1.2.10.");
        assert_eq!(h.stance, Stance::Con);
        assert_eq!(h.rest, "Text \\(x\\)");
        assert_eq!(header("1. Thesis:").unwrap().stance, Stance::None);
        assert_eq!(header("1. Thesis:").unwrap().rest, "");
        assert_eq!(header("1.1. pro: x").unwrap().stance, Stance::Pro);
        assert_eq!(header("1.").unwrap().path, "1.");
        assert!(header("1.2 Pro: no final dot").is_none());
        assert!(header("1.5: x").is_none());
        assert!(header("Text 1. x").is_none());
        assert!(header("").is_none());
        assert_eq!(parent_path("1.2.1."), "1.2.");
        assert_eq!(parent_path("1."), "");
        assert_eq!(claim_id("1.2.1."), "k-1-2-1");
    }
}
