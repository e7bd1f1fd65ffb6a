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

/// A result: the target, which of its texts matched and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    pub field: Field,
    pub score: i64,
    /// Character indices of the matched characters in the field's original text.
    pub chars: Vec<usize>,
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
        '’' | '‘' => '\'',
        '“' | '”' | '«' | '»' => '"',
        other => other,
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

    /// Scores one entry against the query's text, best tier first.
    fn score(
        &self,
        e: &Entry,
        q: &Query,
        qmask: u64,
        matcher: &SkimMatcherV2,
    ) -> Option<(i64, Vec<usize>)> {
        if q.text.is_empty() {
            return Some((0, Vec::new()));
        }
        if qmask & !e.mask != 0 {
            return None;
        }
        // An exact phrase: the earlier the better, a word start better still.
        if let Some(at) = e.folded.find(&q.text) {
            let start = e.folded[..at].chars().count();
            let n = q.text.chars().count();
            let at_word = at == 0 || e.folded[..at].ends_with(|c: char| !c.is_alphanumeric());
            let bonus = if at_word { 1 << 20 } else { 0 };
            let score = PHRASE + bonus + earliness(start);
            return Some((score, (start..start + n).collect()));
        }
        // Every word of the query starts a word of the text.
        if let Some(chars) = word_starts(&e.folded, &q.text) {
            return Some((WORD_STARTS + earliness(chars[0]), chars));
        }
        let (s, chars) = matcher.fuzzy_indices(&e.folded, &q.text)?;
        Some((FUZZY + s, chars))
    }

    /// All results for `input`, best first; one per target (its best field).
    pub fn search(&self, input: &str) -> Vec<Hit> {
        let q = Query::parse(input);
        let qmask = mask(&q.text);
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut hits: Vec<Hit> = Vec::new();
        for e in &self.entries {
            if !self.passes_filters(e, &q) {
                continue;
            }
            if let Some((score, chars)) = self.score(e, &q, qmask, &matcher) {
                hits.push(Hit {
                    target: e.target,
                    field: e.field,
                    score,
                    chars,
                });
            }
        }
        // One hit per target: its best field.
        hits.sort_by(|a, b| a.target.cmp(&b.target).then(b.score.cmp(&a.score)));
        hits.dedup_by(|later, kept| later.target == kept.target);
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.target.cmp(&b.target)));
        hits
    }
}

/// Within a tier, an earlier match ranks higher; never negative, so tiers never mix.
fn earliness(start: usize) -> i64 {
    const SPAN: usize = 1 << 19;
    (SPAN - start.min(SPAN)) as i64
}

/// The char indices where each query word starts a word of `folded`, in order.
fn word_starts(folded: &str, query: &str) -> Option<Vec<usize>> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut from = 0;
    for word in query.split(' ') {
        let w: Vec<char> = word.chars().collect();
        let found = (from..chars.len())
            .find(|&i| (i == 0 || !chars[i - 1].is_alphanumeric()) && chars[i..].starts_with(&w))?;
        out.extend(found..found + w.len());
        from = found + w.len();
    }
    Some(out)
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
    fn matched(d: &Debate, h: &Hit) -> String {
        let chars: Vec<char> = text_of(d, h).chars().collect();
        h.chars.iter().map(|&i| chars[i]).collect()
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
            let m = matched(&d, top);
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
        let top = i.search("dell'allineamento")[0].clone();
        assert!(top.score >= PHRASE);
        assert_eq!(matched(&d, &top), "dell’allineamento");
        // Two word starts: the highlight skips the multibyte apostrophe between them.
        let top = i.search("dell allineamento")[0].clone();
        assert!(top.score >= WORD_STARTS && top.score < PHRASE);
        assert_eq!(matched(&d, &top), "dellallineamento");
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
    fn one_hit_per_target() {
        let (_, i) = index();
        let hits = i.search("meta");
        let mut targets: Vec<Target> = hits.iter().map(|h| h.target).collect();
        targets.sort();
        targets.dedup();
        assert_eq!(targets.len(), hits.len());
    }
}
