//! The warnings of a valid format v1 debate: what loads but looks like a slip of the
//! author's (a claim linked to nothing, a source never used, a quote written twice).
//! `check` reports them; a file switches any of them off with `lint: {allow: [...]}`.
//!
//! Linting is a step of its own after loading, so the explorer's load never pays for it.
//! It works on the graph, whose items stand in the file's order, and places each warning
//! at its line through the same paths as the load's errors ([`place`]).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::domain::graph::model::{Debate, NodeId, Quote};
use crate::domain::load::Loaded;
use crate::domain::load::diag::{Code, Diagnostic};
use crate::domain::load::locate::place;
use crate::domain::load::quote::Normalized;
use crate::domain::load::validate::Problem;
use crate::domain::text::closest;

/// An unsourced claim is a slip only when the claims around it are sourced: at least
/// this many of the others...
const UNSOURCED_MIN_OTHERS: usize = 3;
/// ...and at least this share of them (three quarters).
const UNSOURCED_SHARE: (usize, usize) = (3, 4);

/// The warnings of `loaded`, a format v1 file called `name` whose text is `text`, that
/// the file does not switch off, at their lines and in file order. An imported debate
/// (no `lint` settings) has none.
pub fn lint(name: &str, text: &str, loaded: &Loaded) -> Vec<Diagnostic> {
    let Some(settings) = &loaded.lint else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let allowed = allowed(&settings.allow, &mut problems);
    let d = &loaded.debate;
    unlinked_claims(d, &mut problems);
    empty_positions(d, &mut problems);
    duplicate_texts(d, &mut problems);
    repeated_quotes(d, &mut problems);
    unused_sources(d, &mut problems);
    unsourced_claims(d, &mut problems);
    problems.retain(|p| !allowed.contains(&p.code));
    if problems.is_empty() {
        return Vec::new();
    }
    let mut out = place(name, text, problems);
    // The first warning of each kind says how to switch it off.
    let mut told = HashSet::new();
    for w in &mut out {
        // A misspelt entry of the list is mended there, not added to it.
        if w.code != Code::UnknownLint && told.insert(w.code) {
            w.notes.push(format!(
                "note: `lint: {{allow: [{}]}}` in the file switches this warning off",
                w.code.name()
            ));
        }
    }
    out
}

/// The codes the file switches off; an entry that names no warning is itself one.
fn allowed(allow: &[String], problems: &mut Vec<Problem>) -> HashSet<Code> {
    let mut out = HashSet::new();
    for (k, word) in allow.iter().enumerate() {
        let path = format!("lint.allow[{k}]");
        match Code::named(word) {
            Some(c) if c.is_lint() => {
                out.insert(c);
            }
            Some(c) => problems.push(
                Problem::new(path, format!("`{word}` ({c}) cannot be switched off"))
                    .note("hint: `lint.allow` takes warnings only, W001 to W007")
                    .with_code(Code::UnknownLint),
            ),
            None => {
                let names = Code::ALL.iter().filter(|c| c.is_lint()).map(|c| c.name());
                let p = Problem::new(
                    path,
                    format!("`lint.allow` names `{word}`, which is no warning"),
                )
                .with_code(Code::UnknownLint);
                problems.push(match closest(word, names.clone()) {
                    Some(near) => p.note(format!("hint: did you mean `{near}`?")),
                    None => p.note(format!(
                        "hint: the warnings are {}",
                        names
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                });
            }
        }
    }
    out
}

/// W001: a claim that argues for or against nothing, and that nothing answers.
fn unlinked_claims(d: &Debate, problems: &mut Vec<Problem>) {
    for (i, c) in d.claims.iter().enumerate() {
        let node = NodeId::Claim(i as u32);
        if d.outgoing(node).len() == 0 && d.incoming(node).len() == 0 {
            problems.push(
                Problem::new(
                    format!("claims[{i}]"),
                    format!("claim `{}` is linked to nothing", c.id),
                )
                .note("hint: say what it argues for or against with `supports` or `rebuts`; a claim with no honest link may stay as it is")
                .with_code(Code::UnlinkedClaim),
            );
        }
    }
}

/// W002: a side no claim is made for.
fn empty_positions(d: &Debate, problems: &mut Vec<Problem>) {
    for (i, p) in d.positions.iter().enumerate() {
        if d.claims_of(i as u32).is_empty() {
            problems.push(
                Problem::new(
                    format!("positions[{i}]"),
                    format!("position `{}` has no claims", p.id),
                )
                .note(format!(
                    "hint: give a claim `position: {}`, or remove the position",
                    p.id
                ))
                .with_code(Code::EmptyPosition),
            );
        }
    }
}

/// W003: two claims saying the same, white space, quote marks and case aside.
fn duplicate_texts(d: &Debate, problems: &mut Vec<Problem>) {
    let mut first: HashMap<String, usize> = HashMap::with_capacity(d.claims.len());
    for (i, c) in d.claims.iter().enumerate() {
        match first.entry(Normalized::text_only(&c.text).to_lowercase()) {
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
            Entry::Occupied(seen) => problems.push(
                Problem::new(
                    format!("claims[{i}].text"),
                    format!(
                        "claim `{}` has the same text as claim `{}`",
                        c.id,
                        d.claims[*seen.get()].id
                    ),
                )
                .note("hint: merge the two claims, or say how they differ")
                .with_code(Code::DuplicateClaimText),
            ),
        }
    }
}

/// W004: a quote of a claim or a position that repeats an earlier one of the same item
/// (the same source, the same text as quote matching reads it).
fn repeated_quotes(d: &Debate, problems: &mut Vec<Problem>) {
    let items = d
        .positions
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("positions[{i}]"), "position", &p.id, &p.quotes))
        .chain(
            d.claims
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("claims[{i}]"), "claim", &c.id, &c.quotes)),
        );
    let mut seen: HashMap<(u32, String), usize> = HashMap::new();
    for (at, kind, id, quotes) in items {
        if quotes.len() < 2 {
            continue;
        }
        seen.clear();
        for (k, Quote { source, text, .. }) in quotes.iter().enumerate() {
            if let Some(&j) = seen.get(&(*source, Normalized::text_only(text))) {
                problems.push(
                    Problem::new(
                        format!("{at}.quotes[{k}].text"),
                        format!(
                            "quote {} of {kind} `{id}` repeats its quote {}",
                            k + 1,
                            j + 1
                        ),
                    )
                    .note("hint: quote each passage once per claim")
                    .with_code(Code::RepeatedQuote),
                );
            } else {
                seen.insert((*source, Normalized::text_only(text)), k);
            }
        }
    }
}

/// W005: a source no quote takes from and no item cites.
fn unused_sources(d: &Debate, problems: &mut Vec<Problem>) {
    let mut used = vec![false; d.sources.len()];
    let quotes = d.positions.iter().flat_map(|p| &p.quotes);
    let quotes = quotes.chain(d.claims.iter().flat_map(|c| &c.quotes));
    for s in quotes.map(|q| q.source) {
        used[s as usize] = true;
    }
    let cites = d.positions.iter().flat_map(|p| &p.cites);
    for &s in cites.chain(d.claims.iter().flat_map(|c| &c.cites)) {
        used[s as usize] = true;
    }
    for (i, s) in d.sources.iter().enumerate().filter(|&(i, _)| !used[i]) {
        problems.push(
            Problem::new(
                format!("sources[{i}]"),
                format!("source `{}` is never quoted or cited", s.id),
            )
            .note("hint: quote it or cite it (`cites: [...]`) where it is used, or remove it")
            .with_code(Code::UnusedSource),
        );
    }
}

/// W006: a claim with neither quotes nor citations where the other claims have them.
fn unsourced_claims(d: &Debate, problems: &mut Vec<Problem>) {
    let unsourced =
        |c: &crate::domain::graph::model::Claim| c.quotes.is_empty() && c.cites.is_empty();
    let bare = d.claims.iter().filter(|c| unsourced(c)).count();
    if bare == 0 {
        return;
    }
    // Every claim warned about is unsourced, so its others are the claims less one.
    let others = d.claims.len() - 1;
    let sourced = d.claims.len() - bare;
    let (num, den) = UNSOURCED_SHARE;
    if sourced < UNSOURCED_MIN_OTHERS || sourced * den < others * num {
        return;
    }
    for (i, c) in d.claims.iter().enumerate().filter(|(_, c)| unsourced(c)) {
        problems.push(
            Problem::new(
                format!("claims[{i}]"),
                format!(
                    "claim `{}` has no quotes or citations, unlike {sourced} of the other {others} claims",
                    c.id
                ),
            )
            .note("hint: back it with a verbatim quote of a source, or cite the source it comes from")
            .with_code(Code::UnsourcedClaim),
        );
    }
}
