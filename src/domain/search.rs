//! Search over everything a reader may remember: claims, positions, quotes, sources.
//!
//! The index is prepared once at load: every searchable text is folded (case and
//! accents) character for character, so a match's character indices point at the same
//! characters of the original, and each entry carries a mask of the letters it holds,
//! which rejects most entries before any scoring. Ranking puts an exact phrase before
//! word starts, and word starts before a scattered fuzzy match.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::model::{Debate, NodeId};
use super::quote::fold_quote_mark;

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
    Tag,
}

/// One searchable text.
#[derive(Debug, Clone)]
struct Entry {
    target: Target,
    field: Field,
    /// The folded text: one char for each char of the original.
    folded: String,
    /// The letters and digits the folded text holds (see [`mask`]).
    mask: u64,
    /// The side (position index) of the target, for `side:` filters.
    side: Option<u32>,
}

/// The prepared search data of a debate.
#[derive(Debug, Clone, Default)]
pub struct Index {
    entries: Vec<Entry>,
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

impl Index {
    /// Prepares the index; once, at load.
    pub fn new(d: &Debate) -> Index {
        let mut entries = Vec::new();
        let mut push = |target: Target, field: Field, text: &str, side: Option<u32>| {
            if text.is_empty() {
                return;
            }
            let folded = fold(text);
            entries.push(Entry {
                target,
                field,
                mask: mask(&folded),
                folded,
                side,
            });
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
            for tag in &c.tags {
                push(t, Field::Tag, tag, side);
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
        Index {
            entries,
            sides: d.positions.iter().map(|p| fold(&p.id)).collect(),
            tags: d
                .claims
                .iter()
                .map(|c| c.tags.iter().map(|t| fold(t)).collect())
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
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
    fn score(&self, e: &Entry, q: &Query, qmask: u64) -> Option<i64> {
        if q.text.is_empty() {
            return Some(0);
        }
        if qmask & !e.mask != 0 {
            return None;
        }
        // An exact phrase: at a word start first, then the earlier the better.
        if let Some(at) = e.folded.find(&q.text) {
            let at_word = at == 0 || e.folded[..at].ends_with(|c: char| !c.is_alphanumeric());
            let bonus = if at_word { 1 << 20 } else { 0 };
            return Some(PHRASE + bonus + earliness(at));
        }
        // Every word of the query starts a word of the text, in order.
        if let Some(at) = word_starts(&e.folded, &q.text, |_, _| {}) {
            return Some(WORD_STARTS + earliness(at));
        }
        // A scattered match, scored in one linear pass; fuzzy-matcher is asked only for
        // the highlight of the results on screen.
        window_score(fuzzy_prefix(&e.folded), &q.text).map(|s| FUZZY + s)
    }

    /// Searches every entry.
    pub fn search(&self, input: &str) -> Vec<Hit> {
        self.search_entries(&Query::parse(input), 0..self.entries.len() as u32)
    }

    /// Searches the given entries (in index order), keeping each target's best hit,
    /// best first.
    fn search_entries(&self, q: &Query, entries: impl IntoIterator<Item = u32>) -> Vec<Hit> {
        let qmask = mask(&q.text);
        let mut hits: Vec<Hit> = Vec::new();
        for i in entries {
            let Some(e) = self.entries.get(i as usize) else {
                continue;
            };
            if !self.passes_filters(e, q) {
                continue;
            }
            let Some(score) = self.score(e, q, qmask) else {
                continue;
            };
            let hit = Hit {
                target: e.target,
                field: e.field,
                score,
                entry: i,
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
        hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.target.cmp(&b.target)));
        hits
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
        if let Some(at) = e.folded.find(&q.text) {
            let start = e.folded[..at].chars().count();
            return (start..start + q.text.chars().count()).collect();
        }
        let mut chars = Vec::new();
        if word_starts(&e.folded, &q.text, |from, n| chars.extend(from..from + n)).is_some() {
            return chars;
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        matcher
            .fuzzy_indices(fuzzy_prefix(&e.folded), &q.text)
            .map(|(_, c)| c)
            .unwrap_or_default()
    }
}

/// Incremental search: when a query only grows (a letter typed), the new results can
/// only be among the old ones, since every tier's match of the longer query is a match
/// of the shorter one. So each keystroke searches what the last one found.
#[derive(Debug, Clone, Default)]
pub struct Searcher {
    last: Option<Query>,
    /// The entries of the last results, in index order.
    candidates: Vec<u32>,
}

impl Searcher {
    pub fn search(&mut self, index: &Index, input: &str) -> Vec<Hit> {
        let q = Query::parse(input);
        let narrows = self.last.as_ref().is_some_and(|last| {
            last.side == q.side
                && last.kind == q.kind
                && last.tag == q.tag
                && q.text.starts_with(&last.text)
        });
        let hits = if narrows {
            let candidates = std::mem::take(&mut self.candidates);
            index.search_entries(
                &q,
                candidates.iter().copied().flat_map(|first| {
                    // A target's other fields may match the longer query better: search
                    // all of the target's entries.
                    index.target_entries(first)
                }),
            )
        } else {
            index.search_entries(&q, 0..index.entries.len() as u32)
        };
        let mut candidates: Vec<u32> = hits.iter().map(|h| index.first_entry(h.entry)).collect();
        candidates.sort_unstable();
        candidates.dedup();
        self.candidates = candidates;
        self.last = Some(q);
        hits
    }
}

impl Index {
    /// The first entry of the target that `entry` belongs to.
    fn first_entry(&self, entry: u32) -> u32 {
        let Some(e) = self.entries.get(entry as usize) else {
            return entry;
        };
        let mut i = entry;
        while i > 0 && self.entries[i as usize - 1].target == e.target {
            i -= 1;
        }
        i
    }

    /// All entries of the target whose first entry is `first`.
    fn target_entries(&self, first: u32) -> impl Iterator<Item = u32> + '_ {
        let target = self.entries.get(first as usize).map(|e| e.target);
        (first..self.entries.len() as u32)
            .take_while(move |&i| Some(self.entries[i as usize].target) == target)
    }
}

/// The part of a text that fuzzy scoring looks at: its first 2,000 characters, so a
/// keystroke's cost does not grow with one very long quote.
fn fuzzy_prefix(folded: &str) -> &str {
    match folded.char_indices().nth(2000) {
        Some((at, _)) => &folded[..at],
        None => folded,
    }
}

/// The fuzzy tier's score: `needle`'s chars in order in `hay`, in the tightest window
/// that ends where the first complete occurrence ends (a forward scan finds that end, a
/// backward scan the latest start). Shorter windows, and windows starting a word, and
/// earlier ones, score higher. Linear in the text; `None` when there is no match.
fn window_score(hay: &str, needle: &str) -> Option<i64> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() {
        return Some(0);
    }
    // Bytes compare as well as chars here: UTF-8 is self-synchronising, so a needle's
    // encoded chars match only whole encoded chars of the text.
    let mut k = 0;
    let mut end = None;
    for (i, &b) in h.iter().enumerate() {
        if b == n[k] {
            k += 1;
            if k == n.len() {
                end = Some(i);
                break;
            }
        }
    }
    let end = end?;
    let mut k = n.len();
    let mut start = end;
    for i in (0..=end).rev() {
        if h[i] == n[k - 1] {
            k -= 1;
            if k == 0 {
                start = i;
                break;
            }
        }
    }
    let window = (end + 1 - start) as i64;
    let at_word = start == 0 || !h[start - 1].is_ascii_alphanumeric();
    Some(
        (1 << 18) - window.min(1 << 17) * 64 + if at_word { 4096 } else { 0 }
            - (start.min(4095) as i64),
    )
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

/// Within a tier, an earlier match ranks higher; never negative, so tiers never mix.
fn earliness(start: usize) -> i64 {
    const SPAN: usize = 1 << 19;
    (SPAN - start.min(SPAN)) as i64
}

/// Where each word of the query starts a word of `folded`, in order: the char index
/// of the first, or `None`. `found(char_index, chars)` hears of each word's match.
fn word_starts(folded: &str, query: &str, mut found: impl FnMut(usize, usize)) -> Option<usize> {
    let mut first = None;
    let mut rest = folded;
    let mut consumed_chars = 0;
    let mut prev_alnum = false;
    for word in query.split(' ') {
        let n = word.chars().count();
        let mut hit = None;
        for (i, (at, c)) in rest.char_indices().enumerate() {
            if !prev_alnum && rest[at..].starts_with(word) {
                hit = Some((i, at));
                break;
            }
            prev_alnum = c.is_alphanumeric();
        }
        let (i, at) = hit?;
        found(consumed_chars + i, n);
        first.get_or_insert(consumed_chars + i);
        let end = at + word.len();
        prev_alnum = rest[..end]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        consumed_chars += i + n;
        rest = &rest[end..];
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
    fn tighter_fuzzy_windows_score_higher() {
        let tight = window_score("the kill switch", "klsw").unwrap();
        let loose = window_score("k x x x l x x x s x x x w", "klsw").unwrap();
        assert!(tight > loose);
        assert_eq!(window_score("kill", "kx"), None);
        assert!(window_score("perché così", "perc").is_some());
        assert_eq!(window_score("abc", "é"), None);
    }

    #[test]
    fn word_starts_and_subsequences() {
        let mut at = Vec::new();
        assert_eq!(
            word_starts("the kill switch", "kil sw", |i, n| at.push((i, n))),
            Some(4)
        );
        assert_eq!(at, vec![(4, 3), (9, 2)]);
        assert_eq!(word_starts("skill switch", "kil", |_, _| {}), None);
        assert_eq!(
            word_starts("dell’allineamento x", "dell allin", |_, _| {}),
            Some(0)
        );
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
