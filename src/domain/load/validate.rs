//! From the file as written to the graph: every rule of format v1, every problem kept.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use crate::domain::graph::model::{Claim, Debate, Link, NodeId, Position, Quote, Relation, Source};
use crate::domain::graph::status::{Label, Status, describe};
use crate::domain::load::diag::Code;
use crate::domain::load::progress::{Phase, Progress};
use crate::domain::load::quote::SourceIndex;
use crate::domain::load::raw::{RawClaim, RawDebate, RawQuote};
use crate::domain::text::{closest, fit};

/// A problem at a path of the file (`claims[3].rebuts[1]`; `@key` points at the key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    pub notes: Vec<String>,
    /// What kind of problem it is ([`Code::Other`] unless said).
    pub code: Code,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
            notes: Vec::new(),
            code: Code::Other,
        }
    }

    pub fn note(mut self, n: impl Into<String>) -> Self {
        self.notes.push(n.into());
        self
    }

    /// The same problem, of the kind `code`.
    pub fn with_code(mut self, code: Code) -> Self {
        self.code = code;
        self
    }
}

/// Reads the source files a debate names (relative to the debate file).
pub trait SourceFiles {
    /// The text of the file called `relative`, or why it cannot be read. A file named
    /// twice may come back as the same shared text.
    fn read(&self, relative: &str) -> Result<Arc<str>, String>;
}

/// Where each item of the raw debate stood in the file. The lenient reader drops broken
/// items, so the n-th claim it keeps may be the file's (n+1)-th.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    pub sources: Vec<usize>,
    pub positions: Vec<usize>,
    pub claims: Vec<usize>,
    /// Ids of dropped items, so references to them are not reported a second time.
    pub dropped_ids: HashSet<String>,
    /// The lenient reader already reported the debate's missing `title`.
    pub title_reported: bool,
    /// The file lists positions, even if none of them could be read.
    pub positions_in_file: bool,
}

impl Origins {
    fn at(list: &[usize], i: usize) -> usize {
        list.get(i).copied().unwrap_or(i)
    }
}

/// Counts shown by `check`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub quotes_verified: usize,
    /// Quotes whose source has no `file`, so they cannot be checked.
    pub quotes_unchecked: usize,
}

const MAX_HINTS: usize = 200;

/// Checks every rule; returns the graph only when there is no problem.
pub fn validate(
    raw: RawDebate,
    origins: &Origins,
    files: &dyn SourceFiles,
    progress: &Progress,
) -> Result<(Debate, Stats), Vec<Problem>> {
    // Three passes over the claims: ids, references, then quotes.
    progress.start(Phase::Checking, raw.claims.len().saturating_mul(3));
    let mut v = Validator {
        problems: Vec::new(),
        origins,
    };
    v.check_version(raw.version);
    if raw.title.trim().is_empty() && !origins.title_reported {
        v.push(Problem::new("title", "the debate's `title` is empty").with_code(Code::EmptyText));
    }

    // Sources, and the texts of their files.
    let mut source_ids: HashMap<&str, u32> = HashMap::new();
    let mut sources = Vec::with_capacity(raw.sources.len());
    // One index a file: sources that name the same file share its text and its index.
    let mut indexes: Vec<Option<Arc<SourceIndex>>> = Vec::with_capacity(raw.sources.len());
    let mut indexed: HashMap<*const u8, Arc<SourceIndex>> = HashMap::new();
    for (i, s) in raw.sources.iter().enumerate() {
        let at = format!("sources[{}]", Origins::at(&origins.sources, i));
        v.check_id(&s.id, format!("{at}.id"));
        if let Some(&first) = source_ids.get(s.id.as_str()) {
            v.push(
                Problem::new(
                    format!("{at}.id"),
                    format!("duplicate source id `{}`", s.id),
                )
                .note(format!(
                    "note: first used by source {} of the list",
                    Origins::at(&origins.sources, first as usize) + 1
                ))
                .with_code(Code::DuplicateId),
            );
        } else {
            source_ids.insert(&s.id, i as u32);
        }
        v.check_nonempty(&s.title, format!("{at}.title"), "source's `title`");
        let text = match &s.file {
            None => None,
            Some(f) => match files.read(f) {
                Ok(t) => Some(t),
                Err(e) => {
                    // A reason may carry its own hint, after "; hint: ".
                    let (why, hint) = match e.split_once("; hint: ") {
                        Some((why, hint)) => (why, format!("hint: {hint}")),
                        None => (
                            e.as_str(),
                            "hint: the path is relative to the debate file".into(),
                        ),
                    };
                    v.push(
                        Problem::new(
                            format!("{at}.file"),
                            format!("cannot read source file `{f}`: {why}"),
                        )
                        .note(hint)
                        .with_code(Code::SourceFile),
                    );
                    None
                }
            },
        };
        let index = text.as_ref().map(|t| {
            Arc::clone(
                indexed
                    .entry(Arc::as_ptr(t).cast::<u8>())
                    .or_insert_with(|| Arc::new(SourceIndex::new(t))),
            )
        });
        indexes.push(index);
        sources.push(Source {
            id: s.id.clone(),
            title: s.title.clone(),
            author: s.author.clone(),
            date: s.date.clone(),
            url: s.url.clone(),
            language: s.language.clone(),
            file: s.file.clone(),
            text,
            excerpt: s.excerpt.clone(),
        });
    }
    let source_ctx = SourceCtx {
        ids: &source_ids,
        sources: &sources,
        indexes: &indexes,
    };

    // Node ids: positions first, then claims; unique across both.
    let mut node_ids: HashMap<&str, NodeId> =
        HashMap::with_capacity(raw.positions.len() + raw.claims.len());
    if raw.positions.is_empty() && !origins.positions_in_file {
        v.push(
            Problem::new("positions", "a debate needs at least one position")
                .note("hint: add `positions:` with the sides of the debate, each with an `id` and a `title`")
                .with_code(Code::NoPosition),
        );
    }
    for (i, p) in raw.positions.iter().enumerate() {
        let at = At("positions", Origins::at(&origins.positions, i));
        v.check_node_id(&p.id, at, NodeId::Position(i as u32), &mut node_ids);
        v.check_nonempty(&p.title, sub(at, ".title"), "position's `title`");
    }
    for (i, c) in raw.claims.iter().enumerate() {
        let at = At("claims", Origins::at(&origins.claims, i));
        v.check_node_id(&c.id, at, NodeId::Claim(i as u32), &mut node_ids);
        v.check_nonempty(&c.text, sub(at, ".text"), "claim's `text`");
        tick(progress, i);
    }

    // References, resolved while the ids are borrowed.
    let position_ids: Vec<&str> = raw.positions.iter().map(|p| p.id.as_str()).collect();
    let mut links = Vec::new();
    let mut sides = Vec::with_capacity(raw.claims.len());
    let mut sets = LinkSets::default();
    for (i, c) in raw.claims.iter().enumerate() {
        let at = At("claims", Origins::at(&origins.claims, i));
        sides.push(v.claim_position(c, at, &node_ids, &position_ids));
        v.claim_links(
            c,
            at,
            NodeId::Claim(i as u32),
            &node_ids,
            &mut links,
            &mut sets,
        );
        tick(progress, i);
    }
    drop(node_ids);
    drop(position_ids);

    let mut stats = Stats::default();
    let mut positions = Vec::with_capacity(raw.positions.len());
    for (i, p) in raw.positions.into_iter().enumerate() {
        let at = At("positions", Origins::at(&origins.positions, i));
        let quotes = v.quotes(p.quotes, at, &source_ctx, &mut stats);
        let cites = v.cites(&p.cites, at, &source_ctx);
        positions.push(Position {
            id: p.id,
            title: p.title,
            summary: p.summary,
            quotes,
            cites,
        });
    }
    let mut claims = Vec::with_capacity(raw.claims.len());
    for ((i, c), position) in raw.claims.into_iter().enumerate().zip(sides) {
        let at = At("claims", Origins::at(&origins.claims, i));
        let quotes = v.quotes(c.quotes, at, &source_ctx, &mut stats);
        let cites = v.cites(&c.cites, at, &source_ctx);
        let expect = v.expect(c.expect.as_deref(), at);
        tick(progress, i);
        claims.push(Claim {
            id: c.id,
            position,
            text: c.text,
            quotes,
            tags: c.tags,
            cites,
            expect,
        });
    }

    // Items the lenient reader dropped are reported already, and references to them
    // stand for nothing: no graph is built from what is left.
    if !v.problems.is_empty() || !origins.dropped_ids.is_empty() {
        return Err(v.problems);
    }
    let debate = Debate::new(
        raw.title,
        raw.description,
        sources,
        positions,
        claims,
        links,
    );
    Ok((debate, stats))
}

/// The expectations (`expect:`) of a valid debate that its labels do not meet, each a
/// problem at its `expect` field: "claim `a` expects stands but falls: rebutted by `b`,
/// which stands". Free when no claim expects anything.
pub fn unmet(debate: &Debate, origins: &Origins) -> Vec<Problem> {
    if debate.claims.iter().all(|c| c.expect.is_none()) {
        return Vec::new();
    }
    let status = Status::of(debate);
    let mut problems = Vec::new();
    for (i, c) in debate.claims.iter().enumerate() {
        let node = NodeId::Claim(i as u32);
        match c.expect {
            Some(expected) if status.label(node) != expected => problems.push(
                Problem::new(
                    format!("claims[{}].expect", Origins::at(&origins.claims, i)),
                    format!(
                        "claim `{}` expects {expected} but {}",
                        c.id,
                        describe(debate, &status, node)
                    ),
                )
                .with_code(Code::UnmetExpectation),
            ),
            _ => {}
        }
    }
    problems
}

/// Where an item is in the file (`claims[3]`), written out only for a problem.
#[derive(Debug, Clone, Copy)]
struct At(&'static str, usize);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

/// A quote of an item (`claims[3].quotes[0]`).
#[derive(Debug, Clone, Copy)]
struct Quoted(At, usize);

impl fmt::Display for Quoted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.quotes[{}]", self.0, self.1)
    }
}

/// A field of an item (`claims[3].text`), written out only for a problem.
struct Sub<D>(D, &'static str);

impl<D: fmt::Display> fmt::Display for Sub<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.0, self.1)
    }
}

fn sub<D: fmt::Display>(at: D, field: &'static str) -> Sub<D> {
    Sub(at, field)
}

/// Scratch sets for a claim's links, kept from claim to claim.
#[derive(Default)]
struct LinkSets<'r> {
    supported: HashSet<&'r str>,
    seen: HashSet<&'r str>,
}

/// Counts claims for the progress bar, a thousand at a time.
fn tick(progress: &Progress, i: usize) {
    if i % 1024 == 1023 {
        progress.advance(1024);
    }
}

struct SourceCtx<'a> {
    ids: &'a HashMap<&'a str, u32>,
    sources: &'a [Source],
    indexes: &'a [Option<Arc<SourceIndex>>],
}

struct Validator<'a> {
    problems: Vec<Problem>,
    origins: &'a Origins,
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Validator<'_> {
    fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    fn hints_left(&self) -> bool {
        self.problems.len() < MAX_HINTS
    }

    fn check_version(&mut self, version: u64) {
        if version != 1 {
            self.push(
                Problem::new(
                    "version",
                    format!(
                        "unsupported format version {version}: this debate-tui reads version 1"
                    ),
                )
                .note("hint: write `version: 1`, or use a newer debate-tui for newer files")
                .with_code(Code::UnsupportedVersion),
            );
        }
    }

    /// `path` is written out only when there is a problem to report.
    fn check_nonempty(&mut self, s: &str, path: impl fmt::Display, what: &str) {
        if s.trim().is_empty() {
            self.push(
                Problem::new(path.to_string(), format!("the {what} is empty"))
                    .with_code(Code::EmptyText),
            );
        }
    }

    fn check_id(&mut self, id: &str, path: impl fmt::Display) {
        if !is_valid_id(id) {
            let path = path.to_string();
            let p = if id.is_empty() {
                Problem::new(path, "empty id")
            } else {
                Problem::new(
                    path,
                    format!("invalid id `{id}`: ids use letters, digits, `-` and `_` only"),
                )
            };
            self.push(
                p.note("hint: for example `open-source` or `no_kill_switch`")
                    .with_code(Code::InvalidId),
            );
        }
    }

    fn check_node_id<'r>(
        &mut self,
        id: &'r str,
        at: At,
        node: NodeId,
        ids: &mut HashMap<&'r str, NodeId>,
    ) {
        let path = sub(at, ".id");
        self.check_id(id, &path);
        match ids.entry(id) {
            Entry::Vacant(slot) => {
                slot.insert(node);
            }
            Entry::Occupied(seen) => {
                let first = *seen.get();
                let first_at = match first {
                    NodeId::Position(i) => {
                        format!(
                            "position {}",
                            Origins::at(&self.origins.positions, i as usize) + 1
                        )
                    }
                    NodeId::Claim(i) => {
                        format!(
                            "claim {}",
                            Origins::at(&self.origins.claims, i as usize) + 1
                        )
                    }
                };
                self.push(
                    Problem::new(path.to_string(), format!("duplicate id `{id}`"))
                        .note(format!("note: already used by {first_at} (ids are unique across positions and claims)"))
                        .with_code(Code::DuplicateId),
                );
            }
        }
    }

    fn claim_position(
        &mut self,
        c: &RawClaim,
        at: At,
        ids: &HashMap<&str, NodeId>,
        position_ids: &[&str],
    ) -> u32 {
        let path = sub(at, ".position");
        match ids.get(c.position.as_str()) {
            Some(NodeId::Position(p)) => *p,
            Some(NodeId::Claim(_)) => {
                self.push(
                    Problem::new(
                        path.to_string(),
                        format!("`{}` is a claim, not a position", c.position),
                    )
                    .note(format!("hint: positions are {}", list_ids(position_ids)))
                    .with_code(Code::UnknownReference),
                );
                0
            }
            None if self.origins.dropped_ids.contains(&c.position) => 0,
            None => {
                let mut p = Problem::new(
                    path.to_string(),
                    format!("unknown position `{}`", c.position),
                )
                .with_code(Code::UnknownReference);
                if self.hints_left() {
                    p = match closest(&c.position, position_ids.iter().copied()) {
                        Some(near) => p.note(format!("hint: did you mean `{near}`?")),
                        None => p.note(format!("hint: positions are {}", list_ids(position_ids))),
                    };
                }
                self.push(p);
                0
            }
        }
    }

    fn claim_links<'r>(
        &mut self,
        c: &'r RawClaim,
        at: At,
        me: NodeId,
        ids: &HashMap<&str, NodeId>,
        links: &mut Vec<Link>,
        sets: &mut LinkSets<'r>,
    ) {
        sets.supported.clear();
        sets.supported.extend(c.supports.iter().map(String::as_str));
        for (field, list, relation) in [
            ("supports", &c.supports, Relation::Supports),
            ("rebuts", &c.rebuts, Relation::Rebuts),
        ] {
            sets.seen.clear();
            for (j, target) in list.iter().enumerate() {
                let path = || format!("{at}.{field}[{j}]");
                if !sets.seen.insert(target.as_str()) {
                    continue; // the same link written twice is one link
                }
                let Some(&to) = ids.get(target.as_str()) else {
                    if !self.origins.dropped_ids.contains(target) {
                        let mut p = Problem::new(
                            path(),
                            format!("`{field}` names `{target}`, which is no claim or position"),
                        )
                        .with_code(Code::UnknownReference);
                        if self.hints_left()
                            && let Some(near) = closest(target, ids.keys().copied())
                        {
                            p = p.note(format!("hint: did you mean `{near}`?"));
                        }
                        self.push(p);
                    }
                    continue;
                };
                if to == me {
                    self.push(
                        Problem::new(
                            path(),
                            format!("claim `{}` {} itself", c.id, relation.verb()),
                        )
                        .with_code(Code::BadLink),
                    );
                    continue;
                }
                if relation == Relation::Rebuts && sets.supported.contains(target.as_str()) {
                    self.push(Problem::new(
                        path(),
                        format!("claim `{}` both supports and rebuts `{target}`", c.id),
                    ).note("hint: a claim argues either for or against a target; keep one of the two")
                    .with_code(Code::BadLink));
                    continue;
                }
                links.push(Link {
                    from: me,
                    to,
                    relation,
                });
            }
        }
    }

    fn quotes(
        &mut self,
        raw: Vec<RawQuote>,
        at: At,
        ctx: &SourceCtx,
        stats: &mut Stats,
    ) -> Vec<Quote> {
        let mut out = Vec::with_capacity(raw.len());
        for (k, q) in raw.into_iter().enumerate() {
            let path = Quoted(at, k);
            self.check_nonempty(&q.text, sub(path, ".text"), "quote's `text`");
            let Some(source) = self.source(&q.source, format!("{path}.source"), ctx) else {
                continue;
            };
            let mut found = None;
            match (
                ctx.indexes.get(source as usize).and_then(Option::as_ref),
                ctx.sources[source as usize].text.as_deref(),
            ) {
                (Some(index), Some(text)) if !q.text.trim().is_empty() => {
                    found = index.find(&q.text);
                    if found.is_some() {
                        stats.quotes_verified += 1;
                    } else {
                        self.push(self.not_found(
                            &path.to_string(),
                            &q.text,
                            &ctx.sources[source as usize],
                            index,
                            text,
                        ));
                    }
                }
                _ => stats.quotes_unchecked += 1,
            }
            out.push(Quote {
                source,
                text: q.text,
                speaker: q.speaker,
                translation: q.translation,
                act: q.act,
                found,
            });
        }
        out
    }

    /// The index of the source called `id`, or a problem at `path` naming the closest.
    fn source(&mut self, id: &str, path: String, ctx: &SourceCtx) -> Option<u32> {
        if let Some(&source) = ctx.ids.get(id) {
            return Some(source);
        }
        if self.origins.dropped_ids.contains(id) {
            return None;
        }
        let mut p =
            Problem::new(path, format!("unknown source `{id}`")).with_code(Code::UnknownReference);
        if self.hints_left() {
            let known: Vec<&str> = ctx.sources.iter().map(|s| s.id.as_str()).collect();
            p = match closest(id, known.iter().copied()) {
                Some(near) => p.note(format!("hint: did you mean `{near}`?")),
                None if known.is_empty() => {
                    p.note("hint: list the debate's sources under `sources:`")
                }
                None => p.note(format!("hint: sources are {}", list_ids(&known))),
            };
        }
        self.push(p);
        None
    }

    /// The label a claim expects (`expect: stands`), or a problem at the field.
    fn expect(&mut self, value: Option<&str>, at: At) -> Option<Label> {
        let value = value?;
        if let Some(label) = Label::parse(value) {
            return Some(label);
        }
        let mut p = Problem::new(
            sub(at, ".expect").to_string(),
            format!("`expect` must be `stands`, `falls` or `open`, not `{value}`"),
        )
        .with_code(Code::WrongKind);
        if let Some(near) = closest(&value.to_lowercase(), Label::ALL.map(Label::name)) {
            p = p.note(format!("hint: did you mean `{near}`?"));
        }
        self.push(p.note(
            "hint: `expect` is the label the claim should get from the rebuttals of the debate",
        ));
        None
    }

    /// The sources an item cites as a whole (`cites: [ref-2]`), each named once.
    fn cites(&mut self, ids: &[String], at: At, ctx: &SourceCtx) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::with_capacity(ids.len());
        for (k, id) in ids.iter().enumerate() {
            if let Some(s) = self.source(id, format!("{at}.cites[{k}]"), ctx)
                && !out.contains(&s)
            {
                out.push(s);
            }
        }
        out
    }

    fn not_found(
        &self,
        path: &str,
        quote: &str,
        source: &Source,
        index: &SourceIndex,
        text: &str,
    ) -> Problem {
        let file = source.file.as_deref().unwrap_or("");
        let p = Problem::new(
            format!("{path}.text"),
            format!("quote not found in source `{}` ({file})", source.id),
        )
        .with_code(Code::QuoteNotFound);
        if !self.hints_left() {
            return p;
        }
        match index.closest(text, quote) {
            Some(c) => {
                p.note(format!(
                    "closest passage, {file}:{} ({} of {} words in common): \"{}\"",
                    c.line,
                    c.shared_words,
                    c.quote_words,
                    fit(&text[c.range], 240)
                ))
                .note("hint: a quote must be verbatim; only white space and quote marks may differ")
            }
            None => p.note("note: no passage of the source shares a word with this quote"),
        }
    }
}

fn list_ids(ids: &[&str]) -> String {
    let shown: Vec<String> = ids.iter().take(8).map(|i| format!("`{i}`")).collect();
    let more = ids.len().saturating_sub(8);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
