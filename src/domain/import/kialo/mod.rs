//! Kialo discussion exports (`.txt`, the discussion menu's "Export discussion").
//!
//! Two layouts are read. The older puts one item per line (`1.2. Con: text`) under a
//! `Discussion Title:` line, in Markdown: backslash escapes and links `[label](url)`.
//! The newer has a `Discussion Name:` line with the name on the line after, a
//! `1. Thesis:` (or `1. Question:`) header, each item's text on the lines after its
//! labelled header, indentation by depth, texts written as they are, and a `Sources:`
//! section at the end. Lines may end in CRLF or LF. A line that does not start an item
//! continues the item before it.
//!
//! How a discussion becomes a debate:
//! - The discussion's name is the title; the one top-level item (the thesis, or the
//!   question) is the description.
//! - An item without a stance (every top-level item, and the theses under a question)
//!   is a thesis. Each thesis that has pro or con items, or none at all, gives two
//!   positions, "For: thesis" and "Against: thesis" (ids `pro` and `con`, or
//!   `pro-1-2` and `con-1-2` when there are several theses); a thesis whose only
//!   children are theses is the discussion's question and gives none.
//! - Every other item is a claim, id `k-` and its number (`1.2.1.` is `k-1-2-1`). It
//!   supports (`Pro:`) or rebuts (`Con:`) its parent: the parent claim, or for a child
//!   of a thesis that thesis's "For" position. Its side is the thesis's "For" position
//!   when the Con steps from the thesis down to it are even in number, else "Against".
//! - `-> See 1.2.1.` is not a claim: the item it names gets one more link, to the
//!   referring item's parent, of the referring item's stance. The target keeps the side
//!   of its own place, so such a link can tie a claim to one of the other side: the
//!   same statement serves both sides there. A link that would repeat or contradict a
//!   link the claim already has (or tie a claim to itself) is left out, and so is a
//!   reference to a thesis (a position has no links in format v1), each counted.
//! - `-> See discussion #63570: title` names a discussion that is not in the file: it
//!   is a claim like any other, its text `See discussion #63570: title`, tagged
//!   `links-out`.
//! - Each entry `[n] URL` of the `Sources:` section is a source `ref-n` with that url
//!   (escapes removed) and the lines after it as its excerpt. A text's `[n]` stays in
//!   the text and, when the section lists `[n]`, is a citation: the claim (or, for the
//!   thesis, both positions) `cites` `ref-n`. In the older layout, escapes are removed,
//!   and a Markdown link leaves its label in the text, becomes a source `link-n` with
//!   its url, and is cited. Kialo gives no verbatim source text, so no claim gets a
//!   quote.
//! - What format v1 cannot carry, or carries changed, is a warning with its count and
//!   reason ([`left_out`]).

mod build;
mod left_out;
mod markdown;
mod outline;
mod references;
mod sources;

use std::collections::HashSet;

use super::{Conversion, capped};
use crate::domain::load::diag::{Diagnostic, LoadError};
use crate::domain::load::raw::RawDebate;
use left_out::{Change, LeftOut};
use markdown::Links;
use references::{Classified, classify, resolve_references};

pub use outline::is_item_line;

/// Reads a Kialo export into the raw structs of format v1, with what could not be
/// carried over. Every problem found is reported with its line.
pub fn import(name: &str, text: &str) -> Result<Conversion, LoadError> {
    let mut problems = Vec::new();
    let mut left_out = LeftOut::default();
    let lines = outline::lines(text);
    let section = sources::heading(&lines);
    let outline = outline::read(
        name,
        &lines[..section.unwrap_or(lines.len())],
        &mut problems,
    );
    if outline.items.is_empty() {
        problems.push(
            Diagnostic::new(
                name,
                outline.last_line.max(1),
                1,
                "no numbered item: a Kialo export lists its thesis as `1. ...` and its claims as `1.1. Pro: ...`",
            )
            .note("hint: the file may be cut short; export the discussion again"),
        );
        return Err(invalid(name, problems));
    }
    let mut sources = match section {
        Some(heading) => sources::read(&lines, heading, &mut left_out),
        None => Vec::new(),
    };
    let entries: HashSet<&str> = sources
        .iter()
        .filter_map(|s| s.id.strip_prefix("ref-"))
        .collect();
    let mut links = Links::default();
    let Classified {
        kinds,
        mut texts,
        mut cites,
    } = classify(
        name,
        &outline.items,
        outline.layout,
        &entries,
        &mut links,
        &mut left_out,
        &mut problems,
    );
    let target = resolve_references(name, &outline.items, &kinds, &outline.index, &mut problems);
    if !problems.is_empty() {
        return Err(invalid(name, problems));
    }
    let items = &outline.items;
    let (positions, pro_of) = build::positions(items, &kinds, &texts, &cites, &mut left_out);
    let claims = build::claims(
        items,
        &kinds,
        &target,
        &pro_of,
        &mut texts,
        &mut cites,
        &mut left_out,
    );
    let (title, description) = build::title(name, &outline, &kinds, &texts, &mut links);
    for url in &links.free_text {
        left_out.add(Change::FreeTextUrl, 0, Some(url));
    }
    sources.extend(links.sources);

    Ok(Conversion {
        raw: RawDebate {
            version: 1,
            title,
            description,
            sources,
            positions,
            claims,
            lint: None,
        },
        left_out: left_out.warnings(name),
        texts: Vec::new(),
    })
}

fn invalid(name: &str, mut problems: Vec<Diagnostic>) -> LoadError {
    problems.sort_by_key(|d| d.line);
    LoadError::Invalid {
        file: name.to_string(),
        problems: capped(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::raw::RawClaim;

    fn claim<'a>(d: &'a RawDebate, id: &str) -> &'a RawClaim {
        d.claims.iter().find(|c| c.id == id).unwrap()
    }

    #[test]
    fn the_old_layout_becomes_a_graph() {
        let text = "Discussion Title: Open weights?\n\n1. Weights should be open.\n1.1. Pro: Audits need them.\n1.1.1. Con: Risk shows at scale.\n1.1.1.1. Pro: -> See 1.2.1.\n1.2. Con: No recall.\n1.2.1. Con: Comparable weights are public.\nA second line.\n";
        let d = import("t.txt", text).unwrap().raw;
        assert_eq!(d.title, "Open weights?");
        assert_eq!(d.description.as_deref(), Some("Weights should be open."));
        let ids: Vec<&str> = d.positions.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["pro", "con"]);
        assert_eq!(d.positions[0].title, "For: Weights should be open.");
        let ids: Vec<&str> = d.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["k-1-1", "k-1-1-1", "k-1-2", "k-1-2-1"]);
        assert_eq!(claim(&d, "k-1-1").supports, ["pro"]);
        assert_eq!(claim(&d, "k-1-1-1").position, "con");
        assert_eq!(claim(&d, "k-1-1-1").rebuts, ["k-1-1"]);
        let r = claim(&d, "k-1-2-1");
        // Two Cons: for the thesis. Its own link, then the reference's.
        assert_eq!(r.position, "pro");
        assert_eq!(r.rebuts, ["k-1-2"]);
        assert_eq!(r.supports, ["k-1-1-1"]);
        assert_eq!(r.text, "Comparable weights are public.\nA second line.");
        assert!(d.claims.iter().all(|c| c.quotes.is_empty()));
    }

    #[test]
    fn references_that_repeat_contradict_or_loop_are_handled() {
        // 1.1.1 refers to its own grandparent: the link would be to itself.
        // 1.2.1 refers to 1.1 under 1.2, with the opposite stance to... a new target.
        let text = "1. T\n1.1. Pro: A\n1.1.1. Con: -> See 1.1.\n1.2. Con: B\n1.2.1. Con: -> See 1.1.\n1.2.2. Pro: -> See 1.1.\n";
        let c = import("t.txt", text).unwrap();
        let d = &c.raw;
        let a = claim(d, "k-1-1");
        assert_eq!(a.supports, ["pro"]);
        // Rebuts B first (1.2.1); 1.2.2 would make it support B too: left out.
        assert_eq!(a.rebuts, ["k-1-2"]);
        assert_eq!(d.claims.len(), 2);
        // The two left out, counted in one warning with their lines.
        let w: Vec<String> = c.left_out.iter().map(ToString::to_string).collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with(
                "t.txt: warning: 2 `-> See` references left out: each would repeat or contradict"
            ),
            "{w:?}"
        );
        assert!(w[0].ends_with("note: on lines 3 and 6"), "{w:?}");

        let looped = "1. T\n1.1. Pro: -> See 1.2.\n1.2. Con: -> See 1.1.\n";
        let e = import("l.txt", looped).unwrap_err().to_string();
        assert!(
            e.contains(
                "l.txt:2:1: error: the `-> See` references from item 1.1. go round in a circle"
            ),
            "{e}"
        );
    }

    #[test]
    fn several_theses_each_give_two_positions() {
        let text = "Discussion Title: What to do?\n1. What to do?\n1.1. Plan A.\n1.1.1. Pro: Cheap.\n1.1.1.1. Con: Not really.\n1.2. Plan B.\n1.2.1. Con: Slow.\n";
        let d = import("m.txt", text).unwrap().raw;
        let ids: Vec<&str> = d.positions.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["pro-1-1", "con-1-1", "pro-1-2", "con-1-2"]);
        assert_eq!(claim(&d, "k-1-1-1").position, "pro-1-1");
        assert_eq!(claim(&d, "k-1-1-1").supports, ["pro-1-1"]);
        assert_eq!(claim(&d, "k-1-1-1-1").position, "con-1-1");
        assert_eq!(claim(&d, "k-1-2-1").position, "con-1-2");
        assert_eq!(claim(&d, "k-1-2-1").rebuts, ["pro-1-2"]);
        // The question is the title, written once.
        assert_eq!(d.title, "What to do?");
        assert_eq!(d.description, None);
    }

    #[test]
    fn problems_are_reported_with_their_lines() {
        let text = "Discussion Title: X\r\n1. T\r\n1.1. Pro: A\r\n1.3.1. Con: orphan\r\n1.1. Con: again\r\n1.2. Pro:\r\n1.4. Pro: -> See 9.9.\r\n";
        let e = import("bad.txt", text).unwrap_err();
        let msgs: Vec<String> = e.diagnostics().iter().map(ToString::to_string).collect();
        assert!(
            msgs[0].starts_with("bad.txt:4:1: error: item 1.3.1. comes before its parent 1.3."),
            "{msgs:?}"
        );
        assert!(
            msgs[1].starts_with(
                "bad.txt:5:1: error: item 1.1. appears twice\n  note: first on line 3"
            ),
            "{msgs:?}"
        );
        assert!(
            msgs[2].starts_with("bad.txt:6:1: error: item 1.2. has no text"),
            "{msgs:?}"
        );
        assert!(
            msgs[3].starts_with(
                "bad.txt:7:1: error: item 1.4. refers to 9.9., which is not in the file"
            ),
            "{msgs:?}"
        );
        assert_eq!(msgs.len(), 4);

        let e = import("h.txt", "Discussion Title: only a title\n\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("h.txt:3:1: error: no numbered item"),
            "{e}"
        );
    }

    #[test]
    fn numbers_out_of_sequence_at_the_top_are_text() {
        let d = import("t.txt", "1. T\n1.1. Pro: A list:\n2019. was a year\n")
            .unwrap()
            .raw;
        assert_eq!(d.claims[0].text, "A list:\n2019. was a year");
        let d = import("t.txt", "1. T\n1.1. Pro: A\n2. U\n2.1. Con: B\n")
            .unwrap()
            .raw;
        assert_eq!(d.positions.len(), 4);
        assert_eq!(d.title, "t");
    }

    #[test]
    fn deep_and_long_files_do_not_recurse() {
        let mut text = String::from("1. T\n");
        let mut path = String::from("1.");
        for d in 0..1000 {
            path.push_str("1.");
            text.push_str(&format!(
                "{path} {}: level {d}\n",
                if d % 3 == 2 { "Pro" } else { "Con" }
            ));
        }
        let d = import("deep.txt", &text).unwrap().raw;
        assert_eq!(d.claims.len(), 1000);
        // Con, Con, Pro, Con, Con, Pro...: the side turns with each Con only.
        let sides: Vec<&str> = d.claims[..6].iter().map(|c| c.position.as_str()).collect();
        assert_eq!(sides, ["con", "pro", "pro", "con", "pro", "pro"]);
        // 667 Cons down to the last: against the thesis.
        assert_eq!(d.claims[999].position, "con");
        assert_eq!(d.claims[999].rebuts, [d.claims[998].id.clone()]);
    }
}
