//! Kialo discussion exports (`.txt`, the discussion menu's "Export discussion").
//!
//! Two layouts are read. The older puts one item per line (`1.2. Con: text`) under a
//! `Discussion Title:` line; the newer has a `Discussion Name:` line, a `1. Thesis:`
//! header, each item's text on the lines after its numbered header, indentation by
//! depth, and a `Sources:` section at the end that resolves `[n]` references. Lines may
//! end in CRLF or LF. A line that does not start an item continues the item before it.
//!
//! How a discussion becomes a debate:
//! - An item without a stance (every top-level item, and the stance-less items of a
//!   multi-thesis discussion) is a thesis. Each thesis that has pro or con items gives
//!   two positions, "For: thesis" and "Against: thesis" (ids `pro` and `con`, or
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
//!   reference to a thesis (a position has no links in format v1).
//! - Backslash escapes are removed. A Markdown link `[label](url)` leaves its label in
//!   the text and becomes a source with that url; each entry of the `Sources:`
//!   section becomes a source `ref-n`, and the `[n]` in the texts stay as written so a
//!   reader can follow them. Kialo gives no source text, so no claim gets a quote.

use std::collections::{HashMap, HashSet};

use super::{capped, stem};
use crate::domain::load::diag::{Diagnostic, LoadError};
use crate::domain::load::raw::{RawClaim, RawDebate, RawPosition, RawSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stance {
    Pro,
    Con,
    None,
}

/// A numbered item's first line, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header<'a> {
    /// The dotted number, with its final dot: `1.2.1.`.
    path: &'a str,
    stance: Stance,
    /// What follows the stance on the same line, trimmed.
    rest: &'a str,
}

/// The length of the dotted number (`1.2.` or, when `final_dot` is not required,
/// `1.2`) at the start of `s`; 0 if there is none.
fn number_len(s: &str, final_dot: bool) -> usize {
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

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

fn header(line: &str) -> Option<Header<'_>> {
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
fn depth(path: &str) -> usize {
    path.bytes().filter(|&b| b == b'.').count()
}

/// `1.2.1.` without its last number: `1.2.`.
fn parent_path(path: &str) -> &str {
    let inner = path.strip_suffix('.').unwrap_or(path);
    match inner.rfind('.') {
        Some(i) => &path[..=i],
        None => "",
    }
}

/// `1.2.1.` as a claim id: `k-1-2-1`.
fn claim_id(path: &str) -> String {
    format!("k-{}", dashed(path))
}

fn dashed(path: &str) -> String {
    path.strip_suffix('.').unwrap_or(path).replace('.', "-")
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

/// Removes Markdown backslash escapes (`\(` is `(`).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
        } else {
            out.push(c);
        }
    }
    out
}

/// A Markdown link `[label](url)` starting at byte `at` of `s` (which holds `[`):
/// the raw label, the raw url and the byte after the link.
fn markdown_link(s: &str, at: usize) -> Option<(&str, &str, usize)> {
    let b = s.as_bytes();
    let mut j = at + 1;
    loop {
        match b.get(j)? {
            b'\\' => j += 2,
            b']' => break,
            b'[' | b'\n' => return None,
            _ => j += 1,
        }
    }
    if b.get(j + 1) != Some(&b'(') {
        return None;
    }
    let mut k = j + 2;
    let mut open = 1usize;
    loop {
        match b.get(k)? {
            b'\\' => k += 2,
            b'(' => {
                open += 1;
                k += 1;
            }
            b')' => {
                open -= 1;
                if open == 0 {
                    break;
                }
                k += 1;
            }
            b'\n' => return None,
            _ => k += 1,
        }
    }
    let label = s.get(at + 1..j)?;
    // `[label](url "title")`: the url is the first word.
    let url = s.get(j + 2..k)?.split_whitespace().next()?;
    Some((label, url, k + 1))
}

/// The sources met while cleaning texts: one per distinct url of a Markdown link.
#[derive(Default)]
struct Links {
    sources: Vec<RawSource>,
    by_url: HashMap<String, usize>,
}

impl Links {
    /// `raw` without escapes, each Markdown link replaced by its label (by its url
    /// when the label is empty) and recorded as a source.
    fn clean(&mut self, raw: &str) -> String {
        let b = raw.as_bytes();
        let mut out = String::with_capacity(raw.len());
        let mut plain = 0;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                    out.push_str(&raw[plain..i]);
                    out.push(char::from(b[i + 1]));
                    i += 2;
                    plain = i;
                }
                b'[' => match markdown_link(raw, i) {
                    Some((label, url, end)) => {
                        out.push_str(&raw[plain..i]);
                        let label = unescape(label).trim().to_string();
                        let url = unescape(url);
                        self.add(&label, &url);
                        out.push_str(if label.is_empty() { &url } else { &label });
                        i = end;
                        plain = i;
                    }
                    None => i += 1,
                },
                _ => i += 1,
            }
        }
        out.push_str(&raw[plain..]);
        out
    }

    fn add(&mut self, label: &str, url: &str) {
        if self.by_url.contains_key(url) {
            return;
        }
        self.by_url.insert(url.to_string(), self.sources.len());
        self.sources.push(RawSource {
            id: format!("link-{}", self.sources.len() + 1),
            title: if label.is_empty() { url } else { label }.to_string(),
            url: Some(url.to_string()),
            ..RawSource::default()
        });
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Thesis,
    Claim,
    /// `-> See`: the item named.
    See(String),
}

#[derive(Debug)]
struct Item<'a> {
    path: &'a str,
    line: usize,
    stance: Stance,
    parent: Option<usize>,
    /// The header's text, then each continuation line, trimmed.
    lines: Vec<&'a str>,
}

impl Item<'_> {
    fn raw_text(&self) -> String {
        self.lines.join("\n")
    }
}

/// The lines of `text` without their line ends (LF or CRLF), numbered from 1.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
}

/// The line that starts the `Sources:` section: the last `Sources:` line with no
/// numbered item after it.
fn sources_start(text: &str) -> Option<usize> {
    let mut start = None;
    for (n, l) in lines(text) {
        if l.trim() == "Sources:" {
            start = Some(n);
        } else if start.is_some() && header(l).is_some() {
            start = None;
        }
    }
    start
}

/// An entry of the `Sources:` section: `[3] A report, https://example.org/r`.
fn source_entry(line: &str) -> Option<(&str, &str)> {
    let t = line.trim().strip_prefix('[')?;
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = t[digits..].strip_prefix(']')?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    Some((&t[..digits], rest.trim()))
}

/// A source from an entry's text: a Markdown link, or a url among words (which then
/// make the title), or words alone.
fn source_from(id: String, text: &str) -> RawSource {
    if let Some(at) = text.find('[')
        && let Some((label, url, _)) = markdown_link(text, at)
    {
        let label = unescape(label).trim().to_string();
        let url = unescape(url);
        return RawSource {
            id,
            title: if label.is_empty() { url.clone() } else { label },
            url: Some(url),
            ..RawSource::default()
        };
    }
    let url = text
        .split_whitespace()
        .find(|w| w.starts_with("http://") || w.starts_with("https://"));
    match url {
        Some(url) => {
            let raw_url = url.trim_end_matches([')', ']', ',', ';']);
            let url = unescape(raw_url);
            let rest = unescape(&text.replacen(raw_url, "", 1));
            let title = rest.trim_matches(|c: char| c.is_whitespace() || ",;:-–—()[]".contains(c));
            RawSource {
                id,
                title: if title.is_empty() { &url } else { title }.to_string(),
                url: Some(url),
                ..RawSource::default()
            }
        }
        None => RawSource {
            id,
            title: unescape(text).trim().to_string(),
            ..RawSource::default()
        },
    }
}

/// Reads the `Sources:` section, which begins after line `start`.
fn read_sources(
    name: &str,
    text: &str,
    start: usize,
    problems: &mut Vec<Diagnostic>,
) -> Vec<RawSource> {
    let mut entries: Vec<(String, String, usize)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, l) in lines(text).skip(start) {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        match source_entry(t) {
            Some((num, rest)) => {
                if let Some(&first) = seen.get(num) {
                    problems.push(
                        Diagnostic::new(name, n, 1, format!("source [{num}] is listed twice"))
                            .note(format!("note: first on line {first}")),
                    );
                    continue;
                }
                seen.insert(num.to_string(), n);
                entries.push((num.to_string(), rest.to_string(), n));
            }
            None => match entries.last_mut() {
                Some((_, rest, _)) => {
                    if !rest.is_empty() {
                        rest.push(' ');
                    }
                    rest.push_str(t);
                }
                None => problems.push(
                    Diagnostic::new(name, n, 1, "expected a source such as `[1] https://...`")
                        .note(format!(
                            "note: the `Sources:` section starts on line {start}"
                        )),
                ),
            },
        }
    }
    let mut out = Vec::with_capacity(entries.len());
    for (num, rest, n) in entries {
        let s = source_from(format!("ref-{num}"), &rest);
        if s.title.is_empty() {
            problems.push(Diagnostic::new(
                name,
                n,
                1,
                format!("source [{num}] is empty"),
            ));
        } else {
            out.push(s);
        }
    }
    out
}

/// The first pass: the header lines, the numbered items with their parents, and the
/// lines that continue them. Only the lines before the `Sources:` section are read.
struct Outline<'a> {
    title: Option<&'a str>,
    /// Lines before the first item other than the title.
    preamble: Vec<&'a str>,
    items: Vec<Item<'a>>,
    /// Each item's number to its index in `items`.
    index: HashMap<&'a str, usize>,
    /// The last line read, for a file with no item.
    last_line: usize,
}

fn outline<'a>(
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

/// What each item is, with its text cleaned (a reference has none).
fn classify(
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
fn resolve_references(
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

/// The positions: two for each thesis that has pro or con items, or that stands
/// alone; none for a question whose items are all theses. Returns them, and each such
/// thesis's "For" and "Against" ids.
fn positions(
    items: &[Item],
    kinds: &[Kind],
    texts: &[String],
) -> (Vec<RawPosition>, HashMap<usize, (String, String)>) {
    let mut argued = vec![false; items.len()];
    for it in items {
        if it.stance != Stance::None
            && let Some(p) = it.parent
        {
            argued[p] = true;
        }
    }
    let mut has_thesis_child = vec![false; items.len()];
    for (i, it) in items.iter().enumerate() {
        if kinds[i] == Kind::Thesis
            && let Some(p) = it.parent
        {
            has_thesis_child[p] = true;
        }
    }
    let argued_theses: Vec<usize> = (0..items.len())
        .filter(|&t| kinds[t] == Kind::Thesis && (argued[t] || !has_thesis_child[t]))
        .collect();
    let single = argued_theses.len() == 1;
    let mut pro_of: HashMap<usize, (String, String)> = HashMap::new();
    let mut positions = Vec::with_capacity(argued_theses.len() * 2);
    for &t in &argued_theses {
        let (pro, con) = if single {
            ("pro".to_string(), "con".to_string())
        } else {
            let d = dashed(items[t].path);
            (format!("pro-{d}"), format!("con-{d}"))
        };
        positions.push(RawPosition {
            id: pro.clone(),
            title: format!("For: {}", texts[t]),
            ..RawPosition::default()
        });
        positions.push(RawPosition {
            id: con.clone(),
            title: format!("Against: {}", texts[t]),
            ..RawPosition::default()
        });
        pro_of.insert(t, (pro, con));
    }

    (positions, pro_of)
}

/// Reads a Kialo export into the raw structs of format v1. Every problem found is
/// reported with its line.
pub fn import(name: &str, text: &str) -> Result<RawDebate, LoadError> {
    let mut problems = Vec::new();
    let section = sources_start(text);
    let body_lines = section.map_or(usize::MAX, |s| s.saturating_sub(1));
    let Outline {
        title,
        preamble,
        items,
        index,
        last_line,
    } = outline(name, text, body_lines, &mut problems);
    if items.is_empty() {
        problems.push(
            Diagnostic::new(
                name,
                last_line.max(1),
                1,
                "no numbered item: a Kialo export lists its thesis as `1. ...` and its claims as `1.1. Pro: ...`",
            )
            .note("hint: the file may be cut short; export the discussion again"),
        );
        return Err(invalid(name, problems));
    }
    let mut sources = match section {
        Some(start) => read_sources(name, text, start, &mut problems),
        None => Vec::new(),
    };
    let mut links = Links::default();
    let (kinds, mut texts) = classify(name, &items, &mut links, &mut problems);
    let target = resolve_references(name, &items, &kinds, &index, &mut problems);
    if !problems.is_empty() {
        return Err(invalid(name, problems));
    }
    let (positions, pro_of) = positions(&items, &kinds, &texts);

    // Sides: the thesis above each item and the parity of Con steps from it. Parents
    // come before their children, so one pass in file order does it.
    let mut thesis_of = vec![0usize; items.len()];
    let mut odd = vec![false; items.len()];
    for (i, it) in items.iter().enumerate() {
        match (&kinds[i], it.parent) {
            (Kind::Thesis, _) | (_, None) => thesis_of[i] = i,
            (_, Some(p)) => {
                thesis_of[i] = thesis_of[p];
                odd[i] = odd[p] ^ (it.stance == Stance::Con);
            }
        }
    }

    // The node an item stands for, as a link target: a claim, or a thesis's "For".
    let node_of = |i: usize| -> Option<String> {
        let t = target.get(i).copied().flatten()?;
        match kinds[t] {
            Kind::Claim => Some(claim_id(items[t].path)),
            Kind::Thesis => pro_of.get(&t).map(|(pro, _)| pro.clone()),
            Kind::See(_) => None,
        }
    };

    let mut claims: Vec<RawClaim> = Vec::new();
    let mut claim_at: HashMap<usize, usize> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if kinds[i] != Kind::Claim {
            continue;
        }
        let Some((pro, con)) = pro_of.get(&thesis_of[i]) else {
            continue;
        };
        claim_at.insert(i, claims.len());
        claims.push(RawClaim {
            id: claim_id(it.path),
            position: if odd[i] { con } else { pro }.clone(),
            text: std::mem::take(&mut texts[i]),
            ..RawClaim::default()
        });
    }

    // Links: each claim to its parent, then the references' extra links.
    let mut linked: HashSet<(usize, String)> = HashSet::new();
    let mut add = |claims: &mut Vec<RawClaim>, c: usize, stance: Stance, to: String| {
        let Some(claim) = claims.get_mut(c) else {
            return;
        };
        if stance == Stance::None || claim.id == to || !linked.insert((c, to.clone())) {
            return;
        }
        if stance == Stance::Pro {
            claim.supports.push(to);
        } else {
            claim.rebuts.push(to);
        }
    };
    for (i, it) in items.iter().enumerate() {
        if let (Some(&c), Some(p)) = (claim_at.get(&i), it.parent)
            && let Some(to) = node_of(p)
        {
            add(&mut claims, c, it.stance, to);
        }
    }
    for (i, it) in items.iter().enumerate() {
        if let (Kind::See(_), Some(p)) = (&kinds[i], it.parent)
            && let Some(t) = target[i]
            && let Some(&c) = claim_at.get(&t)
            && let Some(to) = node_of(p)
        {
            add(&mut claims, c, it.stance, to);
        }
    }

    // Title and description: the discussion's name, the question or thesis.
    let roots: Vec<usize> = (0..items.len())
        .filter(|&i| depth(items[i].path) == 1)
        .collect();
    let root_text = match roots.as_slice() {
        [r] if kinds[*r] == Kind::Thesis => Some(texts[*r].clone()),
        _ => None,
    };
    let title = match title.map(|t| links.clean(t).trim().to_string()) {
        Some(t) if !t.is_empty() => t,
        _ => root_text.clone().unwrap_or_else(|| stem(name)),
    };
    let mut description: Vec<String> = preamble.iter().map(|l| links.clean(l)).collect();
    if let Some(r) = root_text
        && r != title
    {
        description.push(r);
    }
    sources.extend(links.sources);

    Ok(RawDebate {
        version: 1,
        title,
        description: (!description.is_empty()).then(|| description.join("\n")),
        sources,
        positions,
        claims,
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

    fn claim<'a>(d: &'a RawDebate, id: &str) -> &'a RawClaim {
        d.claims.iter().find(|c| c.id == id).unwrap()
    }

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

    #[test]
    fn references_name_an_item() {
        assert_eq!(see_target("-> See 1.2.1."), Some(Ok("1.2.1.".into())));
        assert_eq!(see_target("  -\\> See 1.2"), Some(Ok("1.2.".into())));
        assert_eq!(see_target("-> See"), Some(Err(())));
        assert_eq!(see_target("-> Seeing is believing"), None);
        assert_eq!(see_target("Arrows -> See"), None);
    }

    #[test]
    fn escapes_go_and_links_become_sources() {
        let mut l = Links::default();
        let t = l.clean(r"Audits \(see [a report](https://example.org/r\(1\))\) \[sic\] [1] a\\b");
        assert_eq!(t, r"Audits (see a report) [sic] [1] a\b");
        assert_eq!(l.sources.len(), 1);
        assert_eq!(l.sources[0].id, "link-1");
        assert_eq!(l.sources[0].title, "a report");
        assert_eq!(
            l.sources[0].url.as_deref(),
            Some("https://example.org/r(1)")
        );
        // The same url again is the same source; an empty label shows the url.
        let t = l.clean("[](https://example.org/r\\(1\\)) and [x](https://b.example \"T\")");
        assert_eq!(t, "https://example.org/r(1) and x");
        assert_eq!(l.sources.len(), 2);
        assert_eq!(l.sources[1].url.as_deref(), Some("https://b.example"));
        // Not links: unclosed, empty url, across a line; non-ASCII around them.
        assert_eq!(l.clean("perché [x](y"), "perché [x](y");
        assert_eq!(l.clean("[x]() [y]\n(z) é\\"), "[x]() [y]\n(z) é\\");
        assert_eq!(l.sources.len(), 2);
    }

    #[test]
    fn sources_entries_give_titles_and_urls() {
        let s = source_from("ref-1".into(), "A report, https://example.org/r");
        assert_eq!(s.title, "A report");
        assert_eq!(s.url.as_deref(), Some("https://example.org/r"));
        let s = source_from("ref-2".into(), "[The book](https://b.example/x)");
        assert_eq!(
            (s.title.as_str(), s.url.as_deref()),
            ("The book", Some("https://b.example/x"))
        );
        let s = source_from("ref-3".into(), "https://only.example");
        assert_eq!(s.title, "https://only.example");
        let s = source_from("ref-4".into(), "Interview \\(2021\\)");
        assert_eq!((s.title.as_str(), s.url), ("Interview (2021)", None));
        assert_eq!(source_entry("[12]: x"), Some(("12", "x")));
        assert_eq!(source_entry("[a] x"), None);
    }

    #[test]
    fn the_old_layout_becomes_a_graph() {
        let text = "Discussion Title: Open weights?\n\n1. Weights should be open.\n1.1. Pro: Audits need them.\n1.1.1. Con: Risk shows at scale.\n1.1.1.1. Pro: -> See 1.2.1.\n1.2. Con: No recall.\n1.2.1. Con: Comparable weights are public.\nA second line.\n";
        let d = import("t.txt", text).unwrap();
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
        let d = import("t.txt", text).unwrap();
        let a = claim(&d, "k-1-1");
        assert_eq!(a.supports, ["pro"]);
        // Rebuts B first (1.2.1); 1.2.2 would make it support B too: left out.
        assert_eq!(a.rebuts, ["k-1-2"]);
        assert_eq!(d.claims.len(), 2);

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
        let d = import("m.txt", text).unwrap();
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
        let d = import("t.txt", "1. T\n1.1. Pro: A list:\n2019. was a year\n").unwrap();
        assert_eq!(d.claims[0].text, "A list:\n2019. was a year");
        let d = import("t.txt", "1. T\n1.1. Pro: A\n2. U\n2.1. Con: B\n").unwrap();
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
        let d = import("deep.txt", &text).unwrap();
        assert_eq!(d.claims.len(), 1000);
        // Con, Con, Pro, Con, Con, Pro...: the side turns with each Con only.
        let sides: Vec<&str> = d.claims[..6].iter().map(|c| c.position.as_str()).collect();
        assert_eq!(sides, ["con", "pro", "pro", "con", "pro", "pro"]);
        // 667 Cons down to the last: against the thesis.
        assert_eq!(d.claims[999].position, "con");
        assert_eq!(d.claims[999].rebuts, [d.claims[998].id.clone()]);
    }
}
