//! What each item is: a thesis, a claim, a claim that links to another discussion, or
//! a `-> See 1.2.1.` reference to another item, which is no claim of its own; each
//! item's text and what it cites; and the item each reference leads to.

use std::collections::{HashMap, HashSet};

use super::left_out::{Change, LeftOut};
use super::markdown::{Cite, Links};
use super::outline::{Item, Layout, Stance, number_len, strip_prefix_ignore_case};
use super::sources::citations;
use crate::domain::load::diag::Diagnostic;

/// What an item is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Thesis,
    Claim,
    /// `-> See discussion #63570: title`: a claim whose text names a discussion
    /// that is not in the file.
    OutLink,
    /// `-> See`: the item named.
    See(String),
}

impl Kind {
    /// Whether the item becomes a claim.
    pub(super) fn is_claim(&self) -> bool {
        matches!(self, Kind::Claim | Kind::OutLink)
    }
}

/// What a `-> See` names.
#[derive(Debug, PartialEq, Eq)]
enum See<'a> {
    /// An item of the discussion: its number, with the final dot.
    Item(String),
    /// Another discussion: `See discussion #63570: title`, from `See` on.
    Discussion(&'a str),
    /// Nothing that can be told.
    Missing,
}

/// What `text` refers to, if it is a `-> See` reference.
fn see_target(text: &str) -> Option<See<'_>> {
    let t = text.trim_start();
    let rest = t.strip_prefix("->").or_else(|| t.strip_prefix("-\\>"))?;
    let from_see = rest.trim_start();
    let rest = strip_prefix_ignore_case(from_see, "See")?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let rest = rest.trim_start();
    if let Some(after) = strip_prefix_ignore_case(rest, "discussion")
        && let Some(number) = after.trim_start().strip_prefix('#')
        && number.starts_with(|c: char| c.is_ascii_digit())
    {
        return Some(See::Discussion(from_see.trim_end()));
    }
    let n = number_len(rest, false);
    if n == 0 {
        return Some(See::Missing);
    }
    let mut path = rest[..n].to_string();
    if !path.ends_with('.') {
        path.push('.');
    }
    Some(See::Item(path))
}

/// Each item's kind, text (empty for a reference) and citations (source ids).
pub(super) struct Classified {
    pub(super) kinds: Vec<Kind>,
    pub(super) texts: Vec<String>,
    pub(super) cites: Vec<Vec<String>>,
}

/// What each item is, with its text: cleaned of Markdown in the older layout, as
/// written in the newer. Each `[n]` that names an entry of the `Sources:` section
/// (`ref-n` among `sources`) and each Markdown link is a citation; the text keeps them.
pub(super) fn classify(
    name: &str,
    items: &[Item],
    layout: Layout,
    entries: &HashSet<&str>,
    links: &mut Links,
    left_out: &mut LeftOut,
    problems: &mut Vec<Diagnostic>,
) -> Classified {
    let mut kinds = Vec::with_capacity(items.len());
    let mut texts = Vec::with_capacity(items.len());
    let mut all_cites = Vec::with_capacity(items.len());
    for it in items {
        let raw = it.raw_text();
        let thesis = it.parent.is_none() || it.stance == Stance::None;
        let (kind, body) = match see_target(&raw) {
            Some(See::Item(target)) => (Kind::See(target), None),
            Some(See::Discussion(text)) if !thesis => {
                left_out.add(Change::OutLink, it.line, None);
                (Kind::OutLink, Some(text))
            }
            Some(See::Missing) => {
                problems.push(
                    Diagnostic::new(
                        name,
                        it.line,
                        1,
                        format!(
                            "item {} has `-> See` without the number of an item",
                            it.path
                        ),
                    )
                    .note("hint: a reference reads `-> See 1.2.1.`, or `-> See discussion #123: title`"),
                );
                (Kind::See(String::new()), None)
            }
            _ if thesis => (Kind::Thesis, Some(raw.as_str())),
            _ => (Kind::Claim, Some(raw.as_str())),
        };
        let mut found: Vec<Cite> = Vec::new();
        let text = match (body, layout) {
            (None, _) => String::new(),
            (Some(body), Layout::Older) => links.clean(body, &mut found).trim().to_string(),
            (Some(body), Layout::Newer) => {
                found.extend(citations(body).map(Cite::Entry));
                body.trim().to_string()
            }
        };
        let mut cites: Vec<String> = Vec::new();
        for c in &found {
            let id = match *c {
                Cite::Entry(n) if entries.contains(n) => format!("ref-{n}"),
                Cite::Entry(n) => {
                    left_out.add(Change::UnknownCitation, it.line, Some(&format!("[{n}]")));
                    continue;
                }
                Cite::Link(k) => links.sources[k].id.clone(),
            };
            if !cites.contains(&id) {
                cites.push(id);
            }
        }
        if text.is_empty() && !matches!(kind, Kind::See(_)) {
            problems.push(
                Diagnostic::new(name, it.line, 1, format!("item {} has no text", it.path))
                    .note("hint: the text follows the number and the stance, on the same line or the lines after; the file may be cut short"),
            );
        }
        kinds.push(kind);
        texts.push(text);
        all_cites.push(cites);
    }

    Classified {
        kinds,
        texts,
        cites: all_cites,
    }
}

/// The item each reference stands for, following references to references: the
/// item itself for an item that is no reference, `None` when it cannot be resolved
/// (reported).
pub(super) fn resolve_references(
    name: &str,
    items: &[Item],
    kinds: &[Kind],
    index: &HashMap<&str, usize>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Option<usize>> {
    let mut target: Vec<Option<usize>> = vec![None; items.len()];
    for (i, it) in items.iter().enumerate() {
        let Kind::See(first) = &kinds[i] else {
            target[i] = Some(i);
            continue;
        };
        if first.is_empty() {
            continue;
        }
        let mut seen = HashSet::from([i]);
        let mut at = first.as_str();
        loop {
            let Some(&t) = index.get(at) else {
                problems.push(
                    Diagnostic::new(
                        name,
                        it.line,
                        1,
                        format!("item {} refers to {at}, which is not in the file", it.path),
                    )
                    .note("hint: `-> See` names another item of the same discussion; the file may be cut short"),
                );
                break;
            };
            if !seen.insert(t) {
                problems.push(Diagnostic::new(
                    name,
                    it.line,
                    1,
                    format!(
                        "the `-> See` references from item {} go round in a circle",
                        it.path
                    ),
                ));
                break;
            }
            match &kinds[t] {
                Kind::See(next) if !next.is_empty() => at = next.as_str(),
                Kind::See(_) => break,
                _ => {
                    target[i] = Some(t);
                    break;
                }
            }
        }
    }
    target
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_an_item_or_another_discussion() {
        assert_eq!(
            see_target("-> See 1.2.1."),
            Some(See::Item("1.2.1.".into()))
        );
        assert_eq!(see_target("  -\\> See 1.2"), Some(See::Item("1.2.".into())));
        assert_eq!(see_target("-> See"), Some(See::Missing));
        assert_eq!(see_target("-> Seeing is believing"), None);
        assert_eq!(see_target("Arrows -> See"), None);
        assert_eq!(
            see_target("-> See discussion #63570: Kialo will remain unknown "),
            Some(See::Discussion(
                "See discussion #63570: Kialo will remain unknown"
            ))
        );
        assert_eq!(
            see_target("-> See Discussion #7"),
            Some(See::Discussion("See Discussion #7"))
        );
        // Not a discussion's number: nothing to tell.
        assert_eq!(see_target("-> See discussion 12"), Some(See::Missing));
    }
}
