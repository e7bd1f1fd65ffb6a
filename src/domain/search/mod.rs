//! Search over everything a reader may remember: claims, positions, quotes, sources.
//!
//! The index is prepared once at load: every searchable text is folded (case and
//! accents) character for character, so a match's character indices point at the same
//! characters of the original, and each entry carries a mask of the letters it holds,
//! which rejects most entries before any scoring. Ranking puts an exact phrase before
//! word starts, and word starts before a scattered fuzzy match.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use memchr::memmem::Finder;

use crate::domain::graph::model::{Debate, NodeId};
use crate::domain::load::progress::{Phase, Progress};
use crate::domain::load::quote::fold_quote_mark;

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Claim(u32),
    Position(u32),
    /// A quote: the node that holds it and its index among the node's quotes.
    Quote(NodeId, u32),
    Source(u32),
}

impl Target {
    pub fn kind(self) -> &'static str {
        match self {
            Target::Claim(_) => "claim",
            Target::Position(_) => "position",
            Target::Quote(..) => "quote",
            Target::Source(_) => "source",
        }
    }

    /// The node a reader lands on when choosing this result.
    pub fn node(self) -> Option<NodeId> {
        match self {
            Target::Claim(c) => Some(NodeId::Claim(c)),
            Target::Position(p) => Some(NodeId::Position(p)),
            Target::Quote(n, _) => Some(n),
            Target::Source(_) => None,
        }
    }
}

/// Which text of a target an entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Text,
    Id,
    Summary,
    Translation,
    Speaker,
    /// A claim's tag: its index among the claim's tags.
    Tag(u32),
}

/// One searchable text. Its folded text lives in the index's one arena, so a scan
/// reads memory in order rather than chasing a pointer for each entry.
#[derive(Debug, Clone)]
struct Entry {
    target: Target,
    field: Field,
    /// The folded text: `Index::text[start..end]`, one char for each char of the
    /// original.
    start: u32,
    end: u32,
    /// Where the part that fuzzy scoring reads ends (see [`FUZZY_CHARS`]), counted
    /// from `start`.
    fuzzy_len: u32,
    /// The letters and digits the folded text holds (see [`mask`]).
    mask: u64,
    /// The side (position index) of the target, for `side:` filters.
    side: Option<u32>,
}

/// The prepared search data of a debate.
#[derive(Debug, Clone, Default)]
pub struct Index {
    entries: Vec<Entry>,
    /// Every entry's folded text, end to end.
    text: String,
    /// Position ids, for `side:` filters.
    sides: Vec<String>,
    /// For each claim, its tags folded, for `tag:` filters.
    tags: Vec<Vec<String>>,
}

/// A result: the target, which of its texts matched best, and how well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    pub field: Field,
    pub score: i64,
    /// The index entry that matched; [`Index::matched_chars`] tells where.
    entry: u32,
    /// The target's first entry, where a narrowed search starts reading it.
    first: u32,
}

/// Folds one character for matching: lower case, without accents. Always one char, so
/// indices into the folded text are indices into the original.
pub fn fold_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        // Typographic quotes as quote verification folds them.
        other => fold_quote_mark(other),
    }
}

pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A bit for each of a-z and 0-9 the folded text holds; one bit for anything else.
fn mask(folded: &str) -> u64 {
    let mut m = 0u64;
    for c in folded.chars() {
        m |= match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            ' ' => 0,
            _ => 1 << 36,
        };
    }
    m
}

/// A query: free text plus filters (`side:`, `is:`, `tag:`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The free text, folded.
    pub text: String,
    pub side: Option<String>,
    pub kind: Option<String>,
    pub tag: Option<String>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        let mut words = Vec::new();
        for word in input.split_whitespace() {
            let folded = fold(word);
            if let Some(v) = folded.strip_prefix("side:") {
                q.side = Some(v.to_string());
            } else if let Some(v) = folded.strip_prefix("is:") {
                q.kind = Some(v.to_string());
            } else if let Some(v) = folded.strip_prefix("tag:") {
                q.tag = Some(v.to_string());
            } else {
                words.push(folded);
            }
        }
        q.text = words.join(" ");
        q
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.side.is_none() && self.kind.is_none() && self.tag.is_none()
    }
}

/// Tiers of a match; a higher tier always ranks first (scores within a tier stay below
/// the next tier's base).
const PHRASE: i64 = 3 << 40;
const WORD_STARTS: i64 = 2 << 40;
const FUZZY: i64 = 1 << 40;

/// A query made ready for scanning, once per search: its letter mask and a fast
/// substring finder for the phrase and for each word.
struct Prepared<'q> {
    q: &'q Query,
    mask: u64,
    phrase: Finder<'q>,
    words: Vec<Finder<'q>>,
}

impl<'q> Prepared<'q> {
    fn new(q: &'q Query) -> Prepared<'q> {
        Prepared {
            q,
            mask: mask(&q.text),
            phrase: Finder::new(q.text.as_bytes()),
            words: q
                .text
                .split(' ')
                .map(|w| Finder::new(w.as_bytes()))
                .collect(),
        }
    }
}

/// How many entries a search reads between two looks at whether it is still wanted;
/// also the size of the first slice, whose results are shown while the rest is read.
const CHUNK: usize = 16 * 1024;

/// The entries a search reads: all of them, or the targets a narrowed search kept
/// (each by its first entry).
#[derive(Clone, Copy)]
enum Work<'a> {
    All,
    Targets(&'a [u32]),
}

/// One text to index, before folding.
struct Item<'d> {
    target: Target,
    field: Field,
    text: &'d str,
    side: Option<u32>,
}

impl Index {
    /// Prepares the index; once, at load. The texts are folded on every core.
    pub fn new(d: &Debate) -> Index {
        Index::new_with(d, &Progress::default())
    }

    /// [`Index::new`], telling `progress` how many texts are folded.
    pub fn new_with(d: &Debate, progress: &Progress) -> Index {
        let items = items(d);
        progress.start(Phase::Indexing, items.len());
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, 8);
        let per = items.len().div_ceil(threads).max(1);
        let parts: Vec<(Vec<Entry>, String)> = std::thread::scope(|s| {
            let handles: Vec<_> = items
                .chunks(per)
                .map(|chunk| s.spawn(move || build(chunk, progress)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let mut index = Index {
            sides: d.positions.iter().map(|p| fold(&p.id)).collect(),
            tags: d
                .claims
                .iter()
                .map(|c| c.tags.iter().map(|t| fold(t)).collect())
                .collect(),
            ..Index::default()
        };
        index.entries.reserve(items.len());
        index.text.reserve(parts.iter().map(|(_, t)| t.len()).sum());
        for (entries, text) in parts {
            // Offsets were counted from the part's own arena.
            let Ok(base) = u32::try_from(index.text.len()) else {
                break;
            };
            if u32::try_from(index.text.len() + text.len()).is_err() {
                break;
            }
            index.text.push_str(&text);
            index.entries.extend(entries.into_iter().map(|mut e| {
                e.start += base;
                e.end += base;
                e
            }));
        }
        index
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// An entry's folded text.
    fn folded(&self, e: &Entry) -> &str {
        self.text
            .get(e.start as usize..e.end as usize)
            .unwrap_or("")
    }

    fn passes_filters(&self, e: &Entry, q: &Query) -> bool {
        if let Some(kind) = &q.kind
            && e.target.kind() != kind
        {
            return false;
        }
        if let Some(side) = &q.side {
            let ok = e
                .side
                .and_then(|s| self.sides.get(s as usize))
                .is_some_and(|id| id.starts_with(side.as_str()));
            if !ok {
                return false;
            }
        }
        if let Some(tag) = &q.tag {
            let claim = match e.target {
                Target::Claim(c) => Some(c),
                Target::Quote(NodeId::Claim(c), _) => Some(c),
                _ => None,
            };
            let ok = claim
                .and_then(|c| self.tags.get(c as usize))
                .is_some_and(|tags| tags.iter().any(|t| t.starts_with(tag.as_str())));
            if !ok {
                return false;
            }
        }
        true
    }

    /// Scores one entry against the query's text, best tier first. No allocation: the
    /// matched characters are found later, only for the results on screen.
    fn score(&self, e: &Entry, p: &Prepared) -> Option<i64> {
        if p.q.text.is_empty() {
            return Some(0);
        }
        if p.mask & !e.mask != 0 {
            return None;
        }
        let folded = self.folded(e);
        // An exact phrase: in a main text first, at a word start next, then the
        // earlier the better.
        if let Some(at) = p.phrase.find(folded.as_bytes()) {
            let bonus = if starts_word(folded, at) { 1 << 20 } else { 0 };
            return Some(PHRASE + weight(e) + bonus + earliness(at));
        }
        // Every word of the query starts a word of the text, in order.
        if let Some(at) = word_starts(folded, &p.words, |_, _| {}) {
            return Some(WORD_STARTS + weight(e) + earliness(at));
        }
        // A scattered match in a tight window, scored in one pass; fuzzy-matcher is
        // asked only for the highlight of the results on screen.
        let (start, len) = tight_window(fuzzy_part(folded, e), p.q.text.as_bytes())?;
        let at_word = starts_word(folded, start);
        Some(
            FUZZY + (1 << 18) - (len as i64) * 64 + if at_word { 4096 } else { 0 }
                - (start.min(4095) as i64),
        )
    }

    /// Searches every entry, best first.
    pub fn search(&self, input: &str) -> Vec<Hit> {
        let q = Query::parse(input);
        let mut hits = self
            .try_scan(&Prepared::new(&q), Work::All, &|| false, |_| {})
            .unwrap_or_default();
        rank(&mut hits);
        hits
    }

    /// How many chunks of [`CHUNK`] entries (or targets) `work` has.
    fn chunks(&self, work: Work) -> usize {
        let n = match work {
            Work::All => self.entries.len(),
            Work::Targets(t) => t.len(),
        };
        n.div_ceil(CHUNK)
    }

    /// The first entry of a target at or after entry `i`, so chunks of the whole index
    /// never split a target.
    fn align(&self, mut i: usize) -> usize {
        while i > 0
            && i < self.entries.len()
            && self.entries[i].target == self.entries[i - 1].target
        {
            i += 1;
        }
        i.min(self.entries.len())
    }

    /// Searches chunk `k` of `work`, in index order, keeping each target's best hit.
    fn scan_chunk(&self, p: &Prepared, work: Work, k: usize) -> Vec<Hit> {
        let mut hits = Vec::new();
        match work {
            Work::All => {
                let from = self.align(k * CHUNK);
                let to = self.align((k + 1) * CHUNK);
                self.scan_entries(p, from as u32..to as u32, &mut hits);
            }
            Work::Targets(targets) => {
                let from = (k * CHUNK).min(targets.len());
                let to = ((k + 1) * CHUNK).min(targets.len());
                for &first in &targets[from..to] {
                    self.scan_entries(p, self.target_entries(first), &mut hits);
                }
            }
        }
        hits
    }

    /// Scores `entries` (whole targets, in index order) into `hits`.
    fn scan_entries(&self, p: &Prepared, entries: impl Iterator<Item = u32>, hits: &mut Vec<Hit>) {
        let mut first = 0;
        let mut previous = None;
        for i in entries {
            let Some(e) = self.entries.get(i as usize) else {
                continue;
            };
            if previous != Some(e.target) {
                first = i;
                previous = Some(e.target);
            }
            if !self.passes_filters(e, p.q) {
                continue;
            }
            let Some(score) = self.score(e, p) else {
                continue;
            };
            let hit = Hit {
                target: e.target,
                field: e.field,
                score,
                entry: i,
                first,
            };
            // A target's entries are next to each other: keep its best.
            match hits.last_mut() {
                Some(last) if last.target == hit.target => {
                    if hit.score > last.score {
                        *last = hit;
                    }
                }
                _ => hits.push(hit),
            }
        }
    }

    /// Searches `work` on every core, chunk by chunk, and returns the hits in index
    /// order. The first chunk is read alone and its hits, best first, go to `early`
    /// while the rest is read, so the first results show at once. `cancelled` is
    /// asked before each chunk; `None` when it said yes.
    fn try_scan(
        &self,
        p: &Prepared,
        work: Work,
        cancelled: &(dyn Fn() -> bool + Sync),
        early: impl FnOnce(Vec<Hit>),
    ) -> Option<Vec<Hit>> {
        let chunks = self.chunks(work);
        if chunks == 0 {
            return Some(Vec::new());
        }
        let head = self.scan_chunk(p, work, 0);
        if chunks == 1 {
            return Some(head);
        }
        if !head.is_empty() {
            let mut first = head.clone();
            rank(&mut first);
            early(first);
        }
        let next = AtomicUsize::new(1);
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, 8)
            .min(chunks - 1);
        let worker = || {
            let mut done = Vec::new();
            loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= chunks || cancelled() {
                    return done;
                }
                done.push((k, self.scan_chunk(p, work, k)));
            }
        };
        let mut parts: Vec<Option<Vec<Hit>>> = vec![None; chunks];
        parts[0] = Some(head);
        std::thread::scope(|s| {
            let others: Vec<_> = (1..threads).map(|_| s.spawn(worker)).collect();
            for (k, hits) in worker() {
                parts[k] = Some(hits);
            }
            for h in others {
                // A worker only panics if scanning does; then its chunks count as unread.
                if let Ok(done) = h.join() {
                    for (k, hits) in done {
                        parts[k] = Some(hits);
                    }
                }
            }
        });
        let mut hits = Vec::with_capacity(parts.iter().flatten().map(Vec::len).sum());
        for part in parts {
            hits.extend(part?);
        }
        Some(hits)
    }

    /// The characters of a hit's text that the query matched (character indices into
    /// the field's original text), for highlighting.
    pub fn matched_chars(&self, hit: &Hit, input: &str) -> Vec<usize> {
        let q = Query::parse(input);
        let Some(e) = self.entries.get(hit.entry as usize) else {
            return Vec::new();
        };
        if q.text.is_empty() {
            return Vec::new();
        }
        let p = Prepared::new(&q);
        let folded = self.folded(e);
        if let Some(at) = p.phrase.find(folded.as_bytes()) {
            let phrase = at..at + q.text.len();
            return char_indices_of(folded, std::slice::from_ref(&phrase));
        }
        let mut bytes = Vec::new();
        if word_starts(folded, &p.words, |at, n| bytes.push(at..at + n)).is_some() {
            return char_indices_of(folded, &bytes);
        }
        let Some((start, len)) = tight_window(fuzzy_part(folded, e), q.text.as_bytes()) else {
            return Vec::new();
        };
        // fuzzy-matcher places the characters within the window the score found.
        let window = &folded[start..start + len];
        let offset = folded[..start].chars().count();
        let matcher = SkimMatcherV2::default().ignore_case();
        matcher
            .fuzzy_indices(window, &q.text)
            .map(|(_, c)| c.into_iter().map(|i| i + offset).collect())
            .unwrap_or_default()
    }

    /// All entries of the target whose first entry is `first`.
    fn target_entries(&self, first: u32) -> impl Iterator<Item = u32> + '_ {
        let target = self.entries.get(first as usize).map(|e| e.target);
        (first..self.entries.len() as u32)
            .take_while(move |&i| Some(self.entries[i as usize].target) == target)
    }
}

/// Every searchable text of a debate, in index order: each target's texts together.
fn items<'d>(d: &'d Debate) -> Vec<Item<'d>> {
    let mut items = Vec::new();
    let mut push = |target, field, text: &'d str, side| {
        if !text.is_empty() {
            items.push(Item {
                target,
                field,
                text,
                side,
            });
        }
    };
    for (i, p) in d.positions.iter().enumerate() {
        let t = Target::Position(i as u32);
        let side = Some(i as u32);
        push(t, Field::Text, &p.title, side);
        push(t, Field::Id, &p.id, side);
        if let Some(s) = &p.summary {
            push(t, Field::Summary, s, side);
        }
    }
    for (i, c) in d.claims.iter().enumerate() {
        let t = Target::Claim(i as u32);
        let side = Some(c.position);
        push(t, Field::Text, &c.text, side);
        push(t, Field::Id, &c.id, side);
        for (k, tag) in c.tags.iter().enumerate() {
            push(t, Field::Tag(k as u32), tag, side);
        }
    }
    let quoted = d
        .positions
        .iter()
        .enumerate()
        .map(|(i, p)| (NodeId::Position(i as u32), &p.quotes))
        .chain(
            d.claims
                .iter()
                .enumerate()
                .map(|(i, c)| (NodeId::Claim(i as u32), &c.quotes)),
        );
    for (node, quotes) in quoted {
        let side = Some(d.side_of(node));
        for (k, q) in quotes.iter().enumerate() {
            let t = Target::Quote(node, k as u32);
            push(t, Field::Text, &q.text, side);
            if let Some(tr) = &q.translation {
                push(t, Field::Translation, tr, side);
            }
            if let Some(s) = &q.speaker {
                push(t, Field::Speaker, s, side);
            }
        }
    }
    for (i, s) in d.sources.iter().enumerate() {
        push(Target::Source(i as u32), Field::Text, &s.title, None);
    }
    items
}

/// Folds a slice of items into entries and an arena of their own. A text that would
/// take the arena past what a `u32` offset reaches is left out (the loader's size cap
/// keeps debates far below it).
fn build(items: &[Item], progress: &Progress) -> (Vec<Entry>, String) {
    let mut entries = Vec::with_capacity(items.len());
    let mut text = String::with_capacity(items.iter().map(|i| i.text.len()).sum());
    for (k, item) in items.iter().enumerate() {
        if k % 4096 == 4095 {
            progress.advance(4096);
        }
        let before = text.len();
        let (mask, fuzzy_len) = fold_into(&mut text, item.text);
        let (Ok(start), Ok(end), Ok(fuzzy_len)) = (
            u32::try_from(before),
            u32::try_from(text.len()),
            u32::try_from(fuzzy_len),
        ) else {
            text.truncate(before);
            continue;
        };
        entries.push(Entry {
            target: item.target,
            field: item.field,
            start,
            end,
            fuzzy_len,
            mask,
            side: item.side,
        });
    }
    (entries, text)
}

/// The mask bit of each ASCII byte after folding, as [`mask`] gives it.
const ASCII_MASK: [u64; 128] = {
    let mut t = [1u64 << 36; 128];
    let mut b = 0;
    while b < 128 {
        let c = (b as u8).to_ascii_lowercase();
        t[b] = match c {
            b'a'..=b'z' => 1 << (c - b'a'),
            b'0'..=b'9' => 1 << (26 + c - b'0'),
            b' ' => 0,
            _ => 1 << 36,
        };
        b += 1;
    }
    t
};

/// Appends `text` folded (as [`fold`] does) to `out`, in one pass: runs of ASCII are
/// copied and lowered in bulk. Returns the folded text's [`mask`] and the byte length
/// of its first [`FUZZY_CHARS`] characters.
fn fold_into(out: &mut String, text: &str) -> (u64, usize) {
    let start = out.len();
    let bytes = text.as_bytes();
    let mut mask = 0u64;
    let mut chars = 0usize;
    let mut fuzzy_len = None;
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            let at = out.len();
            out.push_str(&text[i..i + run]);
            out[at..].make_ascii_lowercase();
            for &b in &bytes[i..i + run] {
                mask |= ASCII_MASK[b as usize];
            }
            if fuzzy_len.is_none() && chars + run > FUZZY_CHARS {
                fuzzy_len = Some(at - start + (FUZZY_CHARS - chars));
            }
            chars += run;
            i += run;
        }
        if let Some(c) = text[i..].chars().next() {
            if fuzzy_len.is_none() && chars == FUZZY_CHARS {
                fuzzy_len = Some(out.len() - start);
            }
            let f = fold_char(c);
            mask |= if f.is_ascii() {
                ASCII_MASK[f as usize]
            } else {
                1 << 36
            };
            out.push(f);
            chars += 1;
            i += c.len_utf8();
        }
    }
    (mask, fuzzy_len.unwrap_or(out.len() - start))
}

/// Ranks hits best first; equal scores in the order of the debate.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.target.cmp(&b.target)));
}

/// The part of an entry's folded text that fuzzy scoring reads: its first
/// [`FUZZY_CHARS`] characters, so a keystroke's cost does not grow with one very long
/// quote.
fn fuzzy_part<'a>(folded: &'a str, e: &Entry) -> &'a [u8] {
    let end = (e.fuzzy_len as usize).min(folded.len());
    &folded.as_bytes()[..end]
}

/// The character indices of the bytes in `ranges` (sorted, on char boundaries).
fn char_indices_of(s: &str, ranges: &[Range<usize>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut ranges = ranges.iter().peekable();
    for (i, (at, _)) in s.char_indices().enumerate() {
        while ranges.next_if(|r| r.end <= at).is_some() {}
        match ranges.peek() {
            Some(r) if r.contains(&at) => out.push(i),
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// Incremental search: when a query only grows (a letter typed), the new results can
/// only be among the old ones, since every tier's match of the longer query is a match
/// of the shorter one. So each keystroke searches what the last one found.
#[derive(Debug, Clone, Default)]
pub struct Searcher {
    last: Option<Query>,
    /// The first entries of the last results' targets, in index order.
    candidates: Vec<u32>,
}

impl Searcher {
    /// Searches, best first.
    pub fn search(&mut self, index: &Index, input: &str) -> Vec<Hit> {
        let mut hits = self
            .run(index, input, &|| false, |_| {})
            .unwrap_or_default();
        rank(&mut hits);
        hits
    }

    /// Searches on every core; hits come back in the order of the debate, for the
    /// caller to rank ([`top`]), and `None` when `cancelled` said yes before the end.
    /// `early` hears of the first slice's hits, best first, while the rest is read. A
    /// cancelled search leaves the searcher as it was.
    pub fn run(
        &mut self,
        index: &Index,
        input: &str,
        cancelled: &(dyn Fn() -> bool + Sync),
        early: impl FnOnce(Vec<Hit>),
    ) -> Option<Vec<Hit>> {
        let q = Query::parse(input);
        let narrows = self.last.as_ref().is_some_and(|last| {
            last.side == q.side
                && last.kind == q.kind
                && last.tag == q.tag
                && q.text.starts_with(&last.text)
        });
        let work = if narrows {
            Work::Targets(&self.candidates)
        } else {
            Work::All
        };
        let hits = index.try_scan(&Prepared::new(&q), work, cancelled, early)?;
        // Hits are in index order, one per target: their first entries are sorted.
        self.candidates = hits.iter().map(|h| h.first).collect();
        self.last = Some(q);
        Some(hits)
    }
}

/// Puts the best `n` hits first, best first, and leaves the rest in any order: the
/// work of ranking a screenful rather than all the results.
pub fn top(hits: &mut [Hit], n: usize) {
    let n = n.min(hits.len());
    if n == 0 {
        return;
    }
    if n < hits.len() {
        hits.select_nth_unstable_by(n - 1, |a, b| {
            b.score.cmp(&a.score).then(a.target.cmp(&b.target))
        });
    }
    rank(&mut hits[..n]);
}

/// How many characters of a text fuzzy scoring reads.
const FUZZY_CHARS: usize = 2000;

/// The longest window, in bytes of folded text, that a scattered match may spread
/// over: further apart, the letters are a coincidence rather than a match. The cap does
/// not depend on the query, so a longer query's matches stay among a shorter one's and
/// narrowing stays exact.
pub const FUZZY_WINDOW: usize = 64;

/// The tightest window of `hay` holding `needle`'s bytes in order, when one is at most
/// [`FUZZY_WINDOW`] bytes: its start and length. Bytes compare as well as chars here:
/// UTF-8 is self-synchronising, so a needle's encoded chars match only whole encoded
/// chars of the text.
///
/// A forward scan finds the first end of a complete occurrence, a backward scan the
/// latest start for that end; that window is minimal. Scanning again from just after
/// its start visits every minimal window in order.
fn tight_window(hay: &[u8], needle: &[u8]) -> Option<(usize, usize)> {
    let (&first, _) = needle.split_first()?;
    let mut from = 0;
    loop {
        // The needle's first byte, then the rest greedily.
        let start0 = from + memchr::memchr(first, hay.get(from..)?)?;
        let mut k = 1;
        let mut end = start0;
        while k < needle.len() {
            end += 1;
            let &b = hay.get(end)?;
            if b == needle[k] {
                k += 1;
            }
        }
        let mut k = needle.len();
        let mut start = end;
        for i in (start0..=end).rev() {
            if hay[i] == needle[k - 1] {
                k -= 1;
                if k == 0 {
                    start = i;
                    break;
                }
            }
        }
        let len = end + 1 - start;
        if len <= FUZZY_WINDOW {
            return Some((start, len));
        }
        from = start + 1;
    }
}

/// Whether byte `at` of `s` starts a word: nothing alphanumeric just before it.
fn starts_word(s: &str, at: usize) -> bool {
    s[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Whether the chars of `needle` occur in `hay` in order.
#[cfg(test)]
fn is_subsequence(hay: &str, needle: &str) -> bool {
    let mut want = needle.chars().peekable();
    for c in hay.chars() {
        match want.peek() {
            Some(&w) if w == c => {
                want.next();
            }
            Some(_) => {}
            None => return true,
        }
    }
    want.peek().is_none()
}

/// Within the phrase and word-start tiers, a claim's or position's own text ranks
/// first, then ids, quotes, summaries and source titles, then translations, speakers
/// and tags. Above the word-start bonus and earliness, below the next tier.
fn weight(e: &Entry) -> i64 {
    let w = match (e.target, e.field) {
        (Target::Claim(_) | Target::Position(_), Field::Text) => 3,
        (_, Field::Id | Field::Summary) | (Target::Quote(..) | Target::Source(_), Field::Text) => 2,
        _ => 1,
    };
    w << 22
}

/// Within a tier, an earlier match ranks higher; never negative, so tiers never mix.
fn earliness(start: usize) -> i64 {
    const SPAN: usize = 1 << 19;
    (SPAN - start.min(SPAN)) as i64
}

/// Where each word of the query (one finder each) starts a word of `folded`, in
/// order: the byte offset of the first, or `None`. `found(at, len)` hears of each
/// word's match, in bytes.
fn word_starts(
    folded: &str,
    words: &[Finder],
    mut found: impl FnMut(usize, usize),
) -> Option<usize> {
    let bytes = folded.as_bytes();
    let mut first = None;
    let mut from = 0;
    for word in words {
        let needle = word.needle();
        // Past a match that does not start a word, by one whole char.
        let step = needle.first().map_or(1, |&b| {
            if b < 0x80 {
                1
            } else {
                (b.leading_ones() as usize).max(1)
            }
        });
        let mut at = from;
        let hit = loop {
            let k = at + word.find(bytes.get(at..)?)?;
            if starts_word(folded, k) {
                break k;
            }
            at = k + step;
        };
        found(hit, needle.len());
        first.get_or_insert(hit);
        from = hit + needle.len();
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::builtin;

    fn index() -> (Debate, Index) {
        let d = builtin::load().unwrap().debate;
        let i = Index::new(&d);
        (d, i)
    }

    fn text_of<'a>(d: &'a Debate, h: &Hit) -> &'a str {
        match (h.target, h.field) {
            (Target::Claim(c), Field::Text) => &d.claims[c as usize].text,
            (Target::Claim(c), Field::Id) => &d.claims[c as usize].id,
            (Target::Quote(n, k), Field::Text) => &d.quotes_of(n)[k as usize].text,
            (Target::Quote(n, k), Field::Translation) => {
                d.quotes_of(n)[k as usize].translation.as_deref().unwrap()
            }
            (Target::Quote(n, k), Field::Speaker) => {
                d.quotes_of(n)[k as usize].speaker.as_deref().unwrap()
            }
            (Target::Position(p), Field::Text) => &d.positions[p as usize].title,
            (Target::Source(s), Field::Text) => &d.sources[s as usize].title,
            _ => "",
        }
    }

    /// The matched characters of a hit, from the original text.
    fn matched(d: &Debate, i: &Index, h: &Hit, query: &str) -> String {
        let chars: Vec<char> = text_of(d, h).chars().collect();
        i.matched_chars(h, query)
            .iter()
            .map(|&k| chars[k])
            .collect()
    }

    #[test]
    fn folding_keeps_one_char_for_one_char() {
        for s in [
            "perché È possibilità",
            "LeCun",
            "İstanbul ß",
            "漢字 🙂",
            "dell’allineamento",
        ] {
            assert_eq!(fold(s).chars().count(), s.chars().count(), "{s}");
        }
        assert_eq!(fold("possibilità È LECUN"), "possibilita e lecun");
        // Quote marks fold as quote verification folds them.
        assert_eq!(fold("„x‟ ‚y‛ «z»"), "\"x\" 'y' \"z\"");
    }

    #[test]
    fn folding_in_bulk_matches_folding_char_by_char() {
        let long_ascii = "Ab ".repeat(1000);
        let long_mixed = "È漢a ".repeat(700);
        let edge = format!("{}è{}", "x".repeat(FUZZY_CHARS - 1), "y".repeat(10));
        for text in [
            "",
            "plain ASCII, With Capitals 123",
            "perché È così «aperto» dell’azienda",
            "漢字 🙂 İstanbul",
            &long_ascii,
            &long_mixed,
            &edge,
        ] {
            let mut out = String::from("prefix");
            let (m, fuzzy_len) = fold_into(&mut out, text);
            let folded = fold(text);
            assert_eq!(&out["prefix".len()..], folded, "{text:?}");
            assert_eq!(m, mask(&folded), "{text:?}");
            let expect = folded
                .char_indices()
                .nth(FUZZY_CHARS)
                .map_or(folded.len(), |(at, _)| at);
            assert_eq!(fuzzy_len, expect, "{:?}", &text[..text.len().min(20)]);
        }
    }

    #[test]
    fn accents_and_case_fold_both_ways() {
        let (d, i) = index();
        for (query, expect) in [
            ("possibilita", "possibilità"),
            ("È", "è"),
            ("LECUN", "LeCun"),
            ("perche", "perché"),
        ] {
            let hits = i.search(query);
            if query == "perche"
                && !d
                    .claims
                    .iter()
                    .any(|c| c.quotes.iter().any(|q| q.text.contains("perché")))
            {
                continue;
            }
            let top = hits.first().unwrap_or_else(|| panic!("no hit for {query}"));
            let m = matched(&d, &i, top, query);
            assert_eq!(
                fold(&m),
                fold(expect),
                "{query}: matched {m:?} in {:?}",
                text_of(&d, top)
            );
        }
    }

    #[test]
    fn exact_phrase_beats_word_starts_beats_fuzzy() {
        let (d, i) = index();
        let hits = i.search("kill switch");
        assert!(hits[0].score >= PHRASE);
        assert!(text_of(&d, &hits[0]).to_lowercase().contains("kill switch"));
        let ws = i.search("kil swi");
        assert!(
            ws[0].score >= WORD_STARTS && ws[0].score < PHRASE,
            "{:?}",
            ws[0]
        );
        let fz = i.search("klswt");
        assert!(!fz.is_empty());
        assert!(fz.iter().all(|h| h.score < WORD_STARTS));
        // Sorted best first.
        for w in hits.windows(2) {
            assert!(w[0].score >= w[1].score);
        }
    }

    #[test]
    fn highlights_point_at_multibyte_text() {
        let (d, i) = index();
        // A straight apostrophe finds the typographic one, as one phrase.
        let top = i.search("dell'allineamento")[0];
        assert!(top.score >= PHRASE);
        assert_eq!(
            matched(&d, &i, &top, "dell'allineamento"),
            "dell’allineamento"
        );
        // Two word starts: the highlight skips the multibyte apostrophe between them.
        let top = i.search("dell allineamento")[0];
        assert!(top.score >= WORD_STARTS && top.score < PHRASE);
        assert_eq!(
            matched(&d, &i, &top, "dell allineamento"),
            "dellallineamento"
        );
    }

    #[test]
    fn filters_combine_with_text() {
        let (d, i) = index();
        let quotes = i.search("is:quote kill");
        assert!(!quotes.is_empty());
        assert!(quotes.iter().all(|h| matches!(h.target, Target::Quote(..))));
        let side = i.search("side:alignment is:claim");
        assert!(!side.is_empty());
        let align = d
            .positions
            .iter()
            .position(|p| p.id == "alignment")
            .unwrap() as u32;
        for h in &side {
            assert!(matches!(h.target, Target::Claim(_)));
            assert_eq!(d.side_of(h.target.node().unwrap()), align);
        }
        let tagged = i.search("tag:safety");
        assert!(!tagged.is_empty());
        for h in &tagged {
            let (Target::Claim(c) | Target::Quote(NodeId::Claim(c), _)) = h.target else {
                panic!("{h:?}")
            };
            assert!(d.claims[c as usize].tags.iter().any(|t| t == "safety"));
        }
        assert!(i.search("zzzzqqq").is_empty());
    }

    #[test]
    fn narrowing_gives_the_same_results_as_a_full_search() {
        let (_, i) = index();
        let mut s = Searcher::default();
        let mut typed = String::new();
        for c in "kill swi".chars() {
            typed.push(c);
            assert_eq!(s.search(&i, &typed), i.search(&typed), "after {typed:?}");
        }
        // Deleting a letter or changing a filter searches everything again.
        assert_eq!(s.search(&i, "kill"), i.search("kill"));
        assert_eq!(s.search(&i, "is:quote kill"), i.search("is:quote kill"));
    }

    #[test]
    fn fuzzy_matches_keep_to_a_tight_window() {
        // "k", "l", "s", "w" of "kill switch": from the k to the w.
        assert_eq!(tight_window(b"the kill switch", b"klsw"), Some((4, 7)));
        // Too far apart is no match; a later, tighter occurrence is found.
        let far = format!("k{}l", "x".repeat(FUZZY_WINDOW));
        assert_eq!(tight_window(far.as_bytes(), b"kl"), None);
        let later = format!("{far} kxl");
        assert_eq!(
            tight_window(later.as_bytes(), b"kl"),
            Some((far.len() + 1, 3))
        );
        assert_eq!(tight_window(b"kill", b"kx"), None);
        assert_eq!(tight_window("abc".as_bytes(), "é".as_bytes()), None);
        assert!(tight_window("perché così".as_bytes(), b"perc").is_some());
        // The score prefers the tighter window.
        let item = |c, text| Item {
            target: Target::Claim(c),
            field: Field::Text,
            text,
            side: None,
        };
        let items = [item(0, "the kill switch"), item(1, "k x l x s x w")];
        let (entries, text) = build(&items, &Progress::default());
        let i = Index {
            entries,
            text,
            ..Index::default()
        };
        let q = Query::parse("klsw");
        let p = Prepared::new(&q);
        let score = |k: usize| i.score(&i.entries[k], &p).unwrap();
        assert!(score(0) > score(1));
    }

    #[test]
    fn narrowing_is_exact_on_a_generated_debate() {
        let text = crate::domain::generate::yaml(3000, 3, 7);
        let files = crate::domain::load::EmbeddedFiles(&[]);
        let d = crate::domain::load_bytes("gen.yaml", text.as_bytes(), &files)
            .unwrap_or_else(|e| panic!("{e}"))
            .debate;
        let i = Index::new(&d);
        for query in [
            "allineamento",
            "sicurezza aperta",
            "kxq",
            "漢字",
            "meta lecun",
        ] {
            let mut s = Searcher::default();
            for (end, _) in query.char_indices().skip(1).chain([(query.len(), ' ')]) {
                let typed = &query[..end];
                assert_eq!(s.search(&i, typed), i.search(typed), "after {typed:?}");
            }
        }
    }

    #[test]
    fn word_starts_and_subsequences() {
        let words = |q: &'static str| -> Vec<Finder<'static>> {
            q.split(' ').map(|w| Finder::new(w.as_bytes())).collect()
        };
        let mut at = Vec::new();
        assert_eq!(
            word_starts("the kill switch", &words("kil sw"), |i, n| at.push((i, n))),
            Some(4)
        );
        assert_eq!(at, vec![(4, 3), (9, 2)]);
        assert_eq!(word_starts("skill switch", &words("kil"), |_, _| {}), None);
        assert_eq!(
            word_starts("dell’allineamento x", &words("dell allin"), |_, _| {}),
            Some(0)
        );
        // A word start inside an earlier, overlapping occurrence is still found.
        assert_eq!(word_starts("ba-a-a", &words("a-a"), |_, _| {}), Some(3));
        assert!(is_subsequence("kill switch", "klswt"));
        assert!(!is_subsequence("kill switch", "tswk"));
    }

    #[test]
    fn one_hit_per_target() {
        let (_, i) = index();
        let hits = i.search("meta");
        let mut targets: Vec<Target> = hits.iter().map(|h| h.target).collect();
        targets.sort();
        targets.dedup();
        assert_eq!(targets.len(), hits.len());
    }
}
