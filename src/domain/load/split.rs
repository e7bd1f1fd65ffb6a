//! Reading a large debate file on every core.
//!
//! serde_yaml reads one document on one thread, and for a large file that is most of
//! the load; it also holds every event of a document until it has built it. In the
//! usual block layout, the claims list can be cut at the lines where its items start:
//! each part is a YAML sequence of its own. The list is cut into many small parts,
//! read a few at a time (one reader a core, each taking the next part), so that the
//! cores share the work and few events live at once; the parts joined in order are
//! the list the whole file holds.
//!
//! The cut is only trusted when the file itself proves it sound:
//! - the text before `claims:` reads as YAML on its own, so that key is a real key of
//!   the top-level mapping and not words inside a quoted string;
//! - every part reads on its own, so no cut falls inside a quoted string (the part
//!   holding its opening quote would end unterminated) and no alias points into another
//!   part (it would be unknown).
//!
//! Anything else (directives, another layout, a part that fails) gives `None`, and the
//! caller reads the whole file in one piece, as it would have anyway, for its exact
//! errors.
//!
//! A piece read on its own may nest otherwise than where it stands in the file (a cut
//! inside a quoted string starts a piece with what was text), so each piece is measured
//! by the depth guard before serde_yaml reads it, on the core that reads it; one that
//! nests too deeply gives `None`, and the whole file is measured and reported.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::Deserialize;

use crate::domain::load::depth::first_too_deep;
use crate::domain::load::raw::{RawClaim, RawDebate, budget};

/// Files smaller than this are read in one piece: a thread would cost more than it saves.
pub const MIN_BYTES: usize = 1 << 20;

/// About how much of the claims list one part holds. serde_yaml keeps every event of
/// what it reads until it has built it, several times the text's size: parts this small,
/// read a few at a time, keep few events alive at once (about 0.5 MB of text each at a
/// time, where whole halves of the list were read before), at the cost of a thread
/// handing out parts and a join at the end.
const PART_BYTES: usize = 512 << 10;

/// The claims of one part, counted against the part's allowance like the whole list.
#[derive(Deserialize)]
struct Claims(#[serde(with = "budget")] Vec<RawClaim>);

/// Reads `text` on every core when it is large and laid out as expected. On one core
/// too: the parts then save memory, not time.
pub fn read(text: &str) -> Option<RawDebate> {
    if text.len() < MIN_BYTES {
        return None;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let readers = cores.min(8);
    let parts = (text.len() / PART_BYTES).max(readers).max(2);
    read_in(text, parts, readers)
}

/// Where the claims list lies: the key's line, the items' indentation, where the
/// items start and end.
struct Block {
    key: usize,
    indent: usize,
    start: usize,
    end: usize,
}

/// Reads `text` as `parts` pieces, `readers` at a time, or gives `None` when it cannot
/// be cut soundly.
fn read_in(text: &str, parts: usize, readers: usize) -> Option<RawDebate> {
    if parts < 2 || readers < 1 {
        return None;
    }
    let block = find_block(text)?;
    // The text before the list must read on its own (see the module's comment).
    let before = &text[..block.start];
    if first_too_deep(before).is_some()
        || serde_yaml::from_str::<serde::de::IgnoredAny>(before).is_err()
    {
        return None;
    }
    let cuts = cuts(text, &block, parts);
    if cuts.len() < 2 {
        return None;
    }
    // Everything but the list: the mapping without its `claims` key.
    let head = [&text[..block.key], &text[block.end..]].concat();
    let parts: Vec<&str> = cuts
        .iter()
        .zip(cuts[1..].iter().chain([&block.end]))
        .map(|(&a, &b)| &text[a..b])
        .collect();
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    // Each reader takes the next part until none is left or one has failed.
    let reader = || {
        let mut read = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(part) = parts.get(i) else { break };
            match read_part(part) {
                Some(claims) => read.push((i, claims)),
                None => failed.store(true, Ordering::Relaxed),
            }
        }
        read
    };
    std::thread::scope(|scope| {
        let readers: Vec<_> = (0..readers.min(parts.len()))
            .map(|_| scope.spawn(reader))
            .collect();
        if first_too_deep(&head).is_some() {
            failed.store(true, Ordering::Relaxed);
            return None;
        }
        let (head, exceeded) =
            budget::scoped(head.len(), || serde_yaml::from_str::<RawDebate>(&head));
        let Some(mut raw) = head.ok().filter(|_| !exceeded) else {
            failed.store(true, Ordering::Relaxed);
            return None;
        };
        if !raw.claims.is_empty() {
            failed.store(true, Ordering::Relaxed);
            return None; // a second `claims` key, which the whole file reports
        }
        let mut lists: Vec<Option<Vec<RawClaim>>> = (0..parts.len()).map(|_| None).collect();
        for reader in readers {
            for (i, claims) in reader.join().ok()? {
                lists[i] = Some(claims);
            }
        }
        if failed.load(Ordering::Relaxed) {
            return None;
        }
        raw.claims = Vec::with_capacity(lists.iter().flatten().map(Vec::len).sum());
        for list in lists {
            raw.claims.extend(list?);
        }
        Some(raw)
    })
}

/// One part of the claims list, measured by the depth guard then read within its
/// allowance; `None` when it nests too deeply or does not read on its own.
fn read_part(part: &str) -> Option<Vec<RawClaim>> {
    if first_too_deep(part).is_some() {
        return None;
    }
    let (claims, exceeded) = budget::scoped(part.len(), || serde_yaml::from_str::<Claims>(part));
    claims.ok().filter(|_| !exceeded).map(|c| c.0)
}

/// The lines of `text` with their start offsets.
fn lines_from(text: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut at = from;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
        let line = (at, &text[at..end]);
        at = end;
        Some(line)
    })
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A line with nothing for the parser: blank, or only a comment.
fn is_empty(line: &str) -> bool {
    let t = line.trim_start_matches(' ').trim_end_matches(['\n', '\r']);
    t.is_empty() || t.starts_with('#')
}

/// The start of a list item at `indent`: `- ` (or a lone `-`) there.
fn is_item(line: &str, indent: usize) -> bool {
    indent_of(line) == indent
        && line[indent..]
            .strip_prefix('-')
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\n', '\r']))
}

/// Finds the top-level `claims:` key and the block list under it.
fn find_block(text: &str) -> Option<Block> {
    let mut key_end = None;
    for (at, line) in lines_from(text, 0) {
        if line.starts_with('%') {
            return None; // directives change how the parts would read
        }
        let Some(rest) = line.strip_prefix("claims:") else {
            continue;
        };
        let rest = rest.trim_start_matches(' ');
        if rest.trim_end_matches(['\n', '\r']).is_empty() || rest.starts_with('#') {
            key_end = Some((at, at + line.len()));
            break;
        }
        return None; // a value on the key's own line: not the block layout
    }
    let (key, start) = key_end?;
    let mut lines = lines_from(text, start).filter(|(_, l)| !is_empty(l));
    let (_, first) = lines.next()?;
    let indent = indent_of(first);
    if !is_item(first, indent) {
        return None;
    }
    let mut end = text.len();
    for (at, line) in lines {
        let i = indent_of(line);
        if i < indent || (i == indent && indent == 0 && !is_item(line, 0)) {
            end = at;
            break;
        }
        if i == indent && !is_item(line, indent) {
            return None;
        }
    }
    Some(Block {
        key,
        indent,
        start,
        end,
    })
}

/// Offsets where parts start: the block's start, then item starts about evenly spaced.
fn cuts(text: &str, block: &Block, parts: usize) -> Vec<usize> {
    let size = block.end - block.start;
    let mut out = vec![block.start];
    let mut lines = lines_from(&text[..block.end], block.start).skip(1);
    for k in 1..parts {
        let target = block.start + size * k / parts;
        let next = lines
            .by_ref()
            .find(|&(at, line)| at >= target && is_item(line, block.indent));
        match next {
            Some((at, _)) => out.push(at),
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_yaml reads from the whole text in one piece.
    fn whole(text: &str) -> Option<RawDebate> {
        serde_yaml::from_str(text).ok()
    }

    const HEAD: &str = "version: 1\ntitle: T\npositions:\n- id: p\n  title: P\n";

    fn claims(n: usize, indent: &str) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "{indent}- id: c{i}\n{indent}  position: p\n{indent}  text: claim {i}\n{indent}  rebuts: [c0]\n"
                )
            })
            .collect()
    }

    /// Every way of cutting gives what the whole text gives, or declines.
    fn agrees(text: &str) -> Option<RawDebate> {
        let expected = whole(text);
        let mut last = None;
        for (parts, readers) in [(2, 2), (3, 1), (4, 3), (5, 2), (9, 1), (17, 4)] {
            let got = read_in(text, parts, readers);
            if let Some(g) = &got {
                assert_eq!(Some(g), expected.as_ref(), "{parts} parts of:\n{text}");
            }
            last = got;
        }
        last
    }

    #[test]
    fn the_usual_layout_is_cut_and_joined_in_order() {
        let text = format!("{HEAD}claims:\n{}", claims(40, ""));
        let raw = agrees(&text).expect("cut");
        assert_eq!(raw.claims.len(), 40);
        assert_eq!(raw.positions.len(), 1);
        assert_eq!(raw.claims[39].id, "c39");
        let block = find_block(&text).unwrap();
        assert_eq!(cuts(&text, &block, 4).len(), 4);
    }

    #[test]
    fn indented_lists_comments_crlf_and_keys_after_the_list() {
        let text = format!(
            "{HEAD}claims: # the claims\n{}# a comment\n\n{}sources:\n- id: s\n  title: S\n",
            claims(10, "  "),
            claims(10, "  ").replace("id: c", "id: d"),
        );
        let raw = agrees(&text).expect("cut");
        assert_eq!(raw.claims.len(), 20);
        assert_eq!(raw.sources.len(), 1);
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(agrees(&crlf).expect("cut").claims.len(), 20);
    }

    #[test]
    fn a_quoted_string_across_a_cut_declines() {
        // libyaml lets a quoted string run on at column 0; these lines look like items.
        let fake: String = (0..30).map(|i| format!("- id: f{i}\n")).collect();
        let text = format!(
            "{HEAD}claims:\n{}- id: q\n  position: p\n  text: \"starts\n{fake}ends\"\n{}",
            claims(5, ""),
            claims(5, "").replace("id: c", "id: e"),
        );
        let raw = whole(&text).expect("the whole text reads");
        assert_eq!(raw.claims.len(), 11);
        // Cuts inside the string must decline; a cut elsewhere must agree.
        agrees(&text);
    }

    #[test]
    fn a_claims_key_inside_a_quoted_title_is_not_trusted() {
        let text = format!(
            "version: 1\ntitle: \"a\nclaims:\n{}\"\npositions:\n- id: p\n  title: P\n",
            "- id: x\n".repeat(20)
        );
        assert!(whole(&text).is_some());
        assert!(read_in(&text, 3, 2).is_none());
    }

    #[test]
    fn aliases_into_another_part_decline() {
        let mut text = format!("{HEAD}claims:\n- id: c0\n  position: p\n  text: &t shared\n");
        text.push_str(&claims(30, "").replace("text: claim", "tags: [x]\n  text: claim"));
        text.push_str("- id: last\n  position: p\n  text: *t\n");
        let raw = whole(&text).expect("reads whole");
        assert_eq!(raw.claims.last().unwrap().text, "shared");
        assert!(read_in(&text, 2, 2).is_none());
    }

    #[test]
    fn a_second_claims_key_declines() {
        let text = format!(
            "{HEAD}claims:\n{}claims:\n{}",
            claims(10, ""),
            claims(2, "")
        );
        assert!(whole(&text).is_none());
        assert!(read_in(&text, 2, 2).is_none());
    }

    #[test]
    fn other_layouts_decline() {
        for text in [
            format!("{HEAD}claims: [{{id: a, position: p, text: t}}]\n"),
            format!("%YAML 1.1\n---\n{HEAD}claims:\n{}", claims(5, "")),
            format!("{HEAD}claims:\n{}  oops: 1\n", claims(5, "  ")),
            HEAD.to_string(),
        ] {
            assert!(read_in(&text, 3, 2).is_none(), "{text}");
        }
    }

    #[test]
    fn a_bad_item_declines_so_the_whole_file_reports_it() {
        let text = format!(
            "{HEAD}claims:\n{}- id: bad\n  position: p\n  colour: red\n  text: t\n",
            claims(20, "")
        );
        assert!(whole(&text).is_none());
        assert!(read_in(&text, 2, 2).is_none());
    }

    #[test]
    fn a_generated_debate_reads_the_same_on_every_core() {
        let text = crate::domain::generate::yaml(3_000, 3, 7);
        let raw = agrees(&text).expect("cut");
        assert_eq!(raw.claims.len(), 3_000);
    }
}
