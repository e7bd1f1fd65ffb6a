//! The first pass over an export: its lines, numbered from 1 without their line ends,
//! each numbered header split into number, stance and text, and the items those
//! headers start, each with its parent and the lines that continue it.

use std::collections::HashMap;

use crate::domain::load::diag::Diagnostic;

/// How an item stands to its parent: `Pro:`, `Con:`, or neither (a thesis).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stance {
    Pro,
    Con,
    None,
}

/// A numbered item's first line, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Header<'a> {
    /// The dotted number, with its final dot: `1.2.1.`.
    pub(super) path: &'a str,
    pub(super) stance: Stance,
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
    let (stance, rest) = if let Some(r) = strip_prefix_ignore_case(after, "Pro:") {
        (Stance::Pro, r)
    } else if let Some(r) = strip_prefix_ignore_case(after, "Con:") {
        (Stance::Con, r)
    } else if let Some(r) = strip_prefix_ignore_case(after, "Thesis:") {
        (Stance::None, r)
    } else {
        (Stance::None, after)
    };
    Some(Header {
        path,
        stance,
        rest: rest.trim(),
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

/// The lines of `text` without their line ends (LF or CRLF), numbered from 1.
pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
}

/// The first pass: the header lines, the numbered items with their parents, and the
/// lines that continue them. Only the lines before the `Sources:` section are read.
pub(super) struct Outline<'a> {
    pub(super) title: Option<&'a str>,
    /// Lines before the first item other than the title.
    pub(super) preamble: Vec<&'a str>,
    pub(super) items: Vec<Item<'a>>,
    /// Each item's number to its index in `items`.
    pub(super) index: HashMap<&'a str, usize>,
    /// The last line read, for a file with no item.
    pub(super) last_line: usize,
}

/// Reads the first `body_lines` lines of `text` into an [`Outline`], reporting items
/// out of place.
pub(super) fn read<'a>(
    name: &str,
    text: &'a str,
    body_lines: usize,
    problems: &mut Vec<Diagnostic>,
) -> Outline<'a> {
    let mut title: Option<&'a str> = None;
    let mut preamble: Vec<&'a str> = Vec::new();
    let mut items: Vec<Item<'a>> = Vec::new();
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let mut current: Option<usize> = None;
    let mut last_top: Option<u64> = None;
    let mut last_line = 0;
    for (n, l) in lines(text).take(body_lines) {
        last_line = n;
        let h = header(l).filter(|h| {
            // A top-level number out of sequence is text that happens to start with a
            // number ("2019. was..."), not a new thesis.
            depth(h.path) > 1 || {
                let num: Option<u64> = h.path.trim_end_matches('.').parse().ok();
                match (last_top, num) {
                    (None, _) => true,
                    (Some(prev), Some(num)) => prev.checked_add(1) == Some(num),
                    (Some(_), None) => false,
                }
            }
        });
        let Some(h) = h else {
            let t = l.trim();
            if t.is_empty() {
                continue;
            }
            if items.is_empty() {
                match t
                    .strip_prefix("Discussion Title:")
                    .or_else(|| t.strip_prefix("Discussion Name:"))
                {
                    Some(rest) if title.is_none() => title = Some(rest.trim()),
                    _ => preamble.push(t),
                }
            } else if let Some(c) = current {
                items[c].lines.push(t);
            }
            continue;
        };
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
        title,
        preamble,
        items,
        index,
        last_line,
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
