//! What a query says: free words, the exact terms, exclusions and anchors of fzf's
//! extended syntax, and filters (`side:`, `is:`, `tag:`, `status:`); the filters and
//! terms applied to an entry; and the query made ready for a scan.
//!
//! - `word`: matched by the tiers (a phrase, word starts, letters scattered closely);
//! - `'word`: the word exactly, anywhere in the text;
//! - `"a phrase"`: the phrase exactly (an unclosed quote runs to the end);
//! - `!word`: no text holding the word;
//! - `^word`, `word$`, `^word$`: the text starts, ends with, or is the word.
//!
//! Every term applies to one text of a result (its claim text, a quote, a tag…), as
//! fzf applies them to one line. What cannot be a term (a lone `'`, `!`, `^`, `$`, an
//! empty `""`) is left out rather than searched for.

use memchr::memmem::Finder;

use crate::domain::graph::model::NodeId;
use crate::domain::graph::status::Label;

use super::Target;
use super::fold::{fold, mask};
use super::index::{Entry, Index};

/// Where an exact term must be in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anchor {
    Anywhere,
    Start,
    End,
    /// The whole text.
    Whole,
}

/// A term that a text must hold exactly, folded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    pub text: String,
    pub anchor: Anchor,
}

impl Term {
    /// Whether a folded text holds the term where it must.
    fn matches(&self, folded: &str, finder: &Finder) -> bool {
        match self.anchor {
            Anchor::Anywhere => finder.find(folded.as_bytes()).is_some(),
            Anchor::Start => folded.starts_with(self.text.as_str()),
            Anchor::End => folded.ends_with(self.text.as_str()),
            Anchor::Whole => folded == self.text,
        }
    }

    /// Whether every text holding `self` holds `other` too.
    fn implies(&self, other: &Term) -> bool {
        let (s, o) = (self.text.as_str(), other.text.as_str());
        match (self.anchor, other.anchor) {
            (_, Anchor::Anywhere) => s.contains(o),
            (Anchor::Start | Anchor::Whole, Anchor::Start) => s.starts_with(o),
            (Anchor::End | Anchor::Whole, Anchor::End) => s.ends_with(o),
            (Anchor::Whole, Anchor::Whole) => s == o,
            _ => false,
        }
    }
}

/// A query: free words, exact terms, exclusions and filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The free words, folded, one space between them.
    pub text: String,
    /// What a text must hold exactly (`'word`, `"a phrase"`, `^start`, `end$`).
    pub terms: Vec<Term>,
    /// What a text must not hold (`!word`), folded.
    pub excluded: Vec<String>,
    pub side: Option<String>,
    pub kind: Option<String>,
    pub tag: Option<String>,
    /// The start of a label's name: `stands`, `falls`, `open` (`status:f` is enough).
    pub status: Option<String>,
}

/// The words of an input: split at white space and control characters, except within
/// double quotes; a quoted phrase comes back with its opening quote (and no closing
/// one), so that `"a b"` is one word `"a b`.
fn words(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in input.chars() {
        let blank = c.is_whitespace() || c.is_control();
        if quoted {
            if c == '"' {
                quoted = false;
                out.push(std::mem::take(&mut word));
            } else {
                // Control characters inside a phrase count as a space.
                word.push(if blank { ' ' } else { c });
            }
        } else if blank {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        } else if c == '"' && matches!(word.as_str(), "" | "^" | "'" | "!") {
            // `"`, `^"`, `'"` and `!"` open a phrase; a quote inside a word is a
            // character.
            if word == "'" {
                word.clear();
            }
            word.push('"');
            quoted = true;
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        let mut free = Vec::new();
        for word in words(input) {
            let folded = fold(&word);
            if let Some(v) = folded.strip_prefix("side:") {
                q.side = Some(v.to_string());
            } else if let Some(v) = folded.strip_prefix("is:") {
                q.kind = Some(v.to_string());
            } else if let Some(v) = folded.strip_prefix("tag:") {
                q.tag = Some(v.to_string());
            } else if let Some(v) = folded.strip_prefix("status:") {
                q.status = Some(v.to_string());
            } else if let Some(v) = folded.strip_prefix('!') {
                // `!'word` and `!word` alike; a lone `!` says nothing.
                let v = v.strip_prefix('\'').unwrap_or(v);
                let v = v.strip_prefix('"').unwrap_or(v);
                if !v.trim().is_empty() {
                    q.excluded.push(v.to_string());
                }
            } else if let Some(term) = term(&folded) {
                q.terms.push(term);
            } else if !is_syntax_alone(&folded) {
                free.push(folded);
            }
        }
        q.text = free.join(" ");
        q
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
            && self.terms.is_empty()
            && self.excluded.is_empty()
            && self.side.is_none()
            && self.kind.is_none()
            && self.tag.is_none()
            && self.status.is_none()
    }

    /// Whether the two queries filter alike.
    fn same_filters(&self, other: &Query) -> bool {
        self.side == other.side
            && self.kind == other.kind
            && self.tag == other.tag
            && self.status == other.status
    }

    /// Whether every text this query finds, `wider` finds too, tier for tier (a
    /// phrase or word-start match here is one there; a scattered match here is some
    /// match there): then a search for this query need only read what `wider` found.
    pub fn narrows(&self, wider: &Query) -> bool {
        self.same_filters(wider)
            && self.text.starts_with(wider.text.as_str())
            && wider
                .terms
                .iter()
                .all(|t| self.terms.iter().any(|s| s.implies(t)))
            // Excluding a shorter word excludes more.
            && wider
                .excluded
                .iter()
                .all(|w| self.excluded.iter().any(|s| w.contains(s.as_str())))
    }
}

/// A word of fzf's syntax that matches exactly: `'word`, `"phrase`, `^start`,
/// `end$`, `^whole$`. `None` for a free word, or for a term with nothing in it.
fn term(word: &str) -> Option<Term> {
    let (body, start) = match word.strip_prefix('^') {
        Some(rest) => (rest, true),
        None => (word, false),
    };
    if let Some(phrase) = body.strip_prefix('"') {
        let anchor = if start {
            Anchor::Start
        } else {
            Anchor::Anywhere
        };
        return (!phrase.trim().is_empty()).then(|| Term {
            text: phrase.to_string(),
            anchor,
        });
    }
    if !start && let Some(exact) = body.strip_prefix('\'') {
        return (!exact.is_empty()).then(|| Term {
            text: exact.to_string(),
            anchor: Anchor::Anywhere,
        });
    }
    let (body, end) = match body.strip_suffix('$') {
        Some(rest) => (rest, true),
        None => (body, false),
    };
    let anchor = match (start, end) {
        (false, false) => return None,
        (true, false) => Anchor::Start,
        (false, true) => Anchor::End,
        (true, true) => Anchor::Whole,
    };
    (!body.is_empty()).then(|| Term {
        text: body.to_string(),
        anchor,
    })
}

/// A word made only of the syntax's marks (`'`, `^`, `$`, `^$`, `""`): nothing to
/// search for.
fn is_syntax_alone(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, '\'' | '^' | '$' | '"' | '!'))
}

/// A query made ready for scanning, once per search: the mask of the letters a text
/// must hold, and fast substring finders for the phrase, each word, each term and
/// each exclusion.
pub(super) struct Prepared<'q> {
    pub(super) q: &'q Query,
    pub(super) mask: u64,
    pub(super) phrase: Finder<'q>,
    pub(super) words: Vec<Finder<'q>>,
    terms: Vec<Finder<'q>>,
    excluded: Vec<Finder<'q>>,
}

impl<'q> Prepared<'q> {
    pub(super) fn new(q: &'q Query) -> Prepared<'q> {
        let finder = |s: &'q String| Finder::new(s.as_bytes());
        Prepared {
            q,
            mask: q.terms.iter().fold(mask(&q.text), |m, t| m | mask(&t.text)),
            phrase: Finder::new(q.text.as_bytes()),
            words: q
                .text
                .split(' ')
                .map(|w| Finder::new(w.as_bytes()))
                .collect(),
            terms: q.terms.iter().map(|t| finder(&t.text)).collect(),
            excluded: q.excluded.iter().map(finder).collect(),
        }
    }

    /// Whether a folded text holds every term where it must and no excluded word.
    pub(super) fn terms_hold(&self, folded: &str) -> bool {
        self.q
            .terms
            .iter()
            .zip(&self.terms)
            .all(|(t, f)| t.matches(folded, f))
            && !self
                .excluded
                .iter()
                .any(|f| f.find(folded.as_bytes()).is_some())
    }

    /// Where each term matched a folded text (as a byte offset), for highlighting.
    pub(super) fn term_matches<'a>(
        &'a self,
        folded: &'a str,
    ) -> impl Iterator<Item = (&'a Term, usize)> + 'a {
        self.q
            .terms
            .iter()
            .zip(&self.terms)
            .filter_map(move |(t, f)| {
                if !t.matches(folded, f) {
                    return None;
                }
                Some((t, term_at(t, f, folded)))
            })
    }

    /// Where the first term is found in a folded text that holds them all: where a
    /// query of terms alone matched, for ranking.
    pub(super) fn first_term_at(&self, folded: &str) -> usize {
        match (self.q.terms.first(), self.terms.first()) {
            (Some(t), Some(f)) => term_at(t, f, folded),
            _ => 0,
        }
    }
}

/// Where a term that a folded text holds starts in it.
fn term_at(t: &Term, f: &Finder, folded: &str) -> usize {
    match t.anchor {
        Anchor::Anywhere => f.find(folded.as_bytes()).unwrap_or(0),
        Anchor::End => folded.len().saturating_sub(t.text.len()),
        Anchor::Start | Anchor::Whole => 0,
    }
}

/// A filter that no result of a debate can pass, whatever the words: a side no
/// position's id starts with, a kind or a label that does not exist. A search with one
/// finds nothing because of it, and the reader is told so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Impossible {
    Side(String),
    Kind(String),
    Status(String),
}

/// What `is:` takes.
pub const KINDS: [&str; 4] = ["claim", "quote", "position", "source"];

impl Index {
    /// The first filter of `q` that nothing here can pass, if any. Reads the sides,
    /// not the entries.
    pub fn impossible_filter(&self, q: &Query) -> Option<Impossible> {
        if let Some(side) = &q.side
            && !self.sides.iter().any(|id| id.starts_with(side.as_str()))
        {
            return Some(Impossible::Side(side.clone()));
        }
        if let Some(kind) = &q.kind
            && !KINDS.contains(&kind.as_str())
        {
            return Some(Impossible::Kind(kind.clone()));
        }
        if let Some(status) = &q.status
            && !Label::ALL
                .iter()
                .any(|l| l.name().starts_with(status.as_str()))
        {
            return Some(Impossible::Status(status.clone()));
        }
        None
    }

    pub(super) fn passes_filters(&self, e: &Entry, q: &Query) -> bool {
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
        if let Some(status) = &q.status {
            // A quote goes with the claim or position that holds it; a source has no
            // label.
            let ok = e
                .target
                .node()
                .and_then(|n| self.label(n))
                .is_some_and(|l| l.name().starts_with(status.as_str()));
            if !ok {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::testing::index;

    fn term(text: &str, anchor: Anchor) -> Term {
        Term {
            text: text.into(),
            anchor,
        }
    }

    #[test]
    fn fzf_s_syntax_is_read() {
        let q = Query::parse("Kill 'Switch \"Blue  Bag\" !joke ^sam altman$ ^whole$ side:al");
        assert_eq!(q.text, "kill");
        assert_eq!(
            q.terms,
            [
                term("switch", Anchor::Anywhere),
                term("blue  bag", Anchor::Anywhere),
                term("sam", Anchor::Start),
                term("altman", Anchor::End),
                term("whole", Anchor::Whole),
            ]
        );
        assert_eq!(q.excluded, ["joke"]);
        assert_eq!(q.side.as_deref(), Some("al"));
        // `^"…"` anchors a phrase, `!"…"` excludes one; a quote within a word is a
        // character.
        let q = Query::parse("^\"sam alt\" !\"a joke\" don\"t");
        assert_eq!(q.terms, [term("sam alt", Anchor::Start)]);
        assert_eq!(q.excluded, ["a joke"]);
        assert_eq!(q.text, "don\"t");
    }

    #[test]
    fn hostile_queries_are_read_without_surprise() {
        // Marks alone say nothing: no term, no word, an empty query.
        for input in [
            "'", "!", "^", "$", "^$", "\"", "\"\"", "!'", "!\"", "' ! ^ $", "'\"",
        ] {
            let q = Query::parse(input);
            assert!(q.is_empty(), "{input:?}: {q:?}");
        }
        // An unclosed quote runs to the end, as it is being typed.
        let q = Query::parse("\"kill sw");
        assert_eq!(q.terms, [term("kill sw", Anchor::Anywhere)]);
        assert!(q.text.is_empty());
        // Control characters separate words, inside a phrase too.
        let q = Query::parse("kill\u{1b}[31m\tswitch\u{0}\"a\u{7}b\"");
        assert_eq!(q.text, "kill [31m switch");
        assert_eq!(q.terms, [term("a b", Anchor::Anywhere)]);
        // A `$` or `^` inside a word is a character.
        assert_eq!(Query::parse("a$b ^").text, "a$b");
        // A very long query is read in linear time and finds nothing.
        let long = "ab ".repeat(100_000) + "'x ^w !z \"y";
        let q = Query::parse(&long);
        assert_eq!(q.text.len(), 100_000 * 3 - 1);
        assert_eq!(q.terms.len(), 3);
        let (_, i) = index();
        for input in [long.as_str(), &"é".repeat(50_000), "^$", "!", "'", "\""] {
            let hits = i.search(input);
            if Query::parse(input).is_empty() {
                // Nothing to look for: every text, as with filters alone.
                assert_eq!(hits.len(), i.search("").len());
            } else {
                assert!(hits.is_empty(), "{:?}", &input[..input.len().min(20)]);
            }
        }
    }

    #[test]
    fn terms_exclusions_and_anchors_apply_to_each_text() {
        let (d, i) = index();
        let texts = |q: &str| -> Vec<String> {
            i.search(q)
                .iter()
                .map(|h| fold(crate::domain::search::testing::text_of(&d, h)))
                .collect()
        };
        let exact = texts("'blue bag");
        assert!(!exact.is_empty());
        assert!(exact.iter().all(|t| t.contains("blue bag")));
        let phrase = texts("\"kill switch\" !altman");
        assert!(!phrase.is_empty());
        assert!(
            phrase
                .iter()
                .all(|t| t.contains("kill switch") && !t.contains("altman"))
        );
        let start = texts("^meta is:claim");
        assert!(!start.is_empty());
        assert!(start.iter().all(|t| t.starts_with("meta")), "{start:?}");
        let end = texts("switch$");
        assert!(!end.is_empty());
        assert!(end.iter().all(|t| t.ends_with("switch")), "{end:?}");
        assert_eq!(
            texts("^kill-switch$")
                .iter()
                .filter(|t| *t != "kill-switch")
                .count(),
            0
        );
        // Free words still rank by tier, filtered by the terms of the same text.
        let both = texts("kil swi !joke");
        assert!(!both.is_empty());
        assert!(both.iter().all(|t| !t.contains("joke")));
        // An exact term never matches scattered letters.
        assert!(i.search("'klswt").is_empty());
        assert!(!i.search("klswt").is_empty());
    }

    #[test]
    fn narrowing_is_told_apart_from_widening() {
        let narrows =
            |longer: &str, shorter: &str| Query::parse(longer).narrows(&Query::parse(shorter));
        assert!(narrows("kill s", "kill"));
        assert!(narrows("'kill", "'kil"));
        assert!(narrows("^kill", "^kil"));
        assert!(narrows("kill$", "ill$"));
        assert!(narrows("\"kill sw", "\"kill s"));
        assert!(narrows("a !x", "a"));
        assert!(narrows("a !x", "a !"));
        assert!(narrows("a 'b", "a '"));
        // Excluding a longer word excludes less; a free word that becomes an anchored
        // term is searched for afresh, as is a word shortened.
        assert!(!narrows("a !xy", "a !x"));
        assert!(!narrows("kill$", "kill"));
        assert!(!narrows("kill", "kill$"));
        assert!(!narrows("kil", "kill"));
        assert!(!narrows("is:quote kill", "kill"));
    }

    #[test]
    fn a_filter_nothing_can_pass_is_named() {
        let (_, i) = index();
        let dead = |q: &str| i.impossible_filter(&Query::parse(q));
        assert_eq!(
            dead("side:nope kill"),
            Some(Impossible::Side("nope".into()))
        );
        assert_eq!(dead("is:claims"), Some(Impossible::Kind("claims".into())));
        assert_eq!(dead("status:xyz"), Some(Impossible::Status("xyz".into())));
        // A filter some result may pass, by the start of its word where that counts.
        for q in [
            "side:al kill",
            "side:ALIGNMENT",
            "is:quote",
            "status:f",
            "kill",
            "tag:nope",
        ] {
            assert_eq!(dead(q), None, "{q}");
        }
        assert!(i.search("side:nope kill").is_empty());
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
    fn status_filters_read_the_labels_quotes_going_with_their_claim() {
        use crate::domain::graph::status::Status;
        let yaml = "version: 1
title: Two answer each other
sources: [{id: s, title: S}]
positions: [{id: side, title: Side}]
claims:
  - {id: a, position: side, text: Alpha answers beta., rebuts: [b]}
  - {id: b, position: side, text: Beta answers alpha., rebuts: [a]}
  - id: c
    position: side
    text: Gamma stands alone.
    quotes: [{source: s, text: gamma said so}]
";
        let files = crate::domain::load::EmbeddedFiles(&[]);
        let d = crate::domain::load_bytes("t.yaml", yaml.as_bytes(), &files)
            .unwrap_or_else(|e| panic!("{e}"))
            .debate;
        let mut i = Index::new(&d);
        assert!(i.search("status:stands").is_empty(), "no labels, no hits");
        i.set_labels(&d, &Status::of(&d));
        let ids = |q: &str| -> Vec<(String, &str)> {
            let mut v: Vec<_> = i
                .search(q)
                .iter()
                .map(|h| {
                    (
                        d.id_of(h.target.node().unwrap()).to_string(),
                        h.target.kind(),
                    )
                })
                .collect();
            v.sort();
            v
        };
        let open = ids("status:open");
        assert_eq!(open, [("a".into(), "claim"), ("b".into(), "claim")]);
        assert_eq!(ids("status:o"), open, "the start of a label is enough");
        let gamma = ids("status:stands gamma");
        assert!(gamma.contains(&("c".into(), "quote")), "{gamma:?}");
        assert!(ids("status:falls").is_empty());
        assert!(ids("status:nonsense").is_empty());
    }
}
