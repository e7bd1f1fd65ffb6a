//! What each item is: a thesis, a claim, or a `-> See 1.2.1.` reference to another
//! item, which is no claim of its own; and the item each reference leads to.

use std::collections::{HashMap, HashSet};

use super::markdown::Links;
use super::outline::{Item, Stance, number_len, strip_prefix_ignore_case};
use crate::domain::load::diag::Diagnostic;

/// What an item is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Thesis,
    Claim,
    /// `-> See`: the item named.
    See(String),
}

/// What `-> See 1.2.1.` names, if `text` is such a reference: `Some(Ok(path))`, or
/// `Some(Err(()))` when the number is missing.
fn see_target(text: &str) -> Option<Result<String, ()>> {
    let t = text.trim_start();
    let rest = t.strip_prefix("->").or_else(|| t.strip_prefix("-\\>"))?;
    let rest = strip_prefix_ignore_case(rest.trim_start(), "See")?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let rest = rest.trim_start();
    let n = number_len(rest, false);
    if n == 0 {
        return Some(Err(()));
    }
    let mut path = rest[..n].to_string();
    if !path.ends_with('.') {
        path.push('.');
    }
    Some(Ok(path))
}

/// What each item is, with its text cleaned (a reference has none).
pub(super) fn classify(
    name: &str,
    items: &[Item],
    links: &mut Links,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Kind>, Vec<String>) {
    let mut kinds = Vec::with_capacity(items.len());
    let mut texts = Vec::with_capacity(items.len());
    for it in items {
        let raw = it.raw_text();
        let kind = match see_target(&raw) {
            Some(Ok(target)) => Kind::See(target),
            Some(Err(())) => {
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
                    .note("hint: a reference reads `-> See 1.2.1.`"),
                );
                Kind::See(String::new())
            }
            None if it.parent.is_none() || it.stance == Stance::None => Kind::Thesis,
            None => Kind::Claim,
        };
        let text = match kind {
            Kind::See(_) => String::new(),
            _ => links.clean(&raw).trim().to_string(),
        };
        if text.is_empty() && !matches!(kind, Kind::See(_)) {
            problems.push(
                Diagnostic::new(name, it.line, 1, format!("item {} has no text", it.path))
                    .note("hint: the text follows the number and the stance, on the same line or the lines after; the file may be cut short"),
            );
        }
        kinds.push(kind);
        texts.push(text);
    }

    (kinds, texts)
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
    fn references_name_an_item() {
        assert_eq!(see_target("-> See 1.2.1."), Some(Ok("1.2.1.".into())));
        assert_eq!(see_target("  -\\> See 1.2"), Some(Ok("1.2.".into())));
        assert_eq!(see_target("-> See"), Some(Err(())));
        assert_eq!(see_target("-> Seeing is believing"), None);
        assert_eq!(see_target("Arrows -> See"), None);
    }
}
