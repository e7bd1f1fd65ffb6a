//! How good a match is, and the order of the results. Three tiers, the best first: an
//! exact phrase, the starts of words, a scattered match in a tight window; within a
//! tier, the text that matched and how early the match is.

use std::cmp::Ordering;

use super::index::{Entry, Index};
use super::matching::{fuzzy_part, starts_word, tight_window, word_starts};
use super::query::Prepared;
use super::{Field, Hit, Target};

/// Tiers of a match; a higher tier always ranks first (scores within a tier stay below
/// the next tier's base).
pub(super) const PHRASE: i64 = 3 << 40;
pub(super) const WORD_STARTS: i64 = 2 << 40;
pub(super) const FUZZY: i64 = 1 << 40;

impl Index {
    /// Scores one entry in the exact tiers (a phrase, word starts; a query of terms
    /// alone counts as a phrase), best tier first. No allocation: the matched
    /// characters are found later, only for the results on screen.
    pub(super) fn score(&self, e: &Entry, p: &Prepared) -> Option<i64> {
        if p.mask & !e.mask != 0 {
            return None;
        }
        let folded = self.folded(e);
        if !p.terms_hold(folded) {
            return None;
        }
        if p.q.text.is_empty() {
            if p.q.terms.is_empty() {
                // Filters alone: every text that passes them, in the debate's order.
                return Some(0);
            }
            return Some(PHRASE + weight(e) + earliness(p.first_term_at(folded)));
        }
        // An exact phrase: in a main text first, at a word start next, then the
        // earlier the better.
        if let Some(at) = p.phrase.find(folded.as_bytes()) {
            let bonus = if starts_word(folded, at) { 1 << 20 } else { 0 };
            return Some(PHRASE + weight(e) + bonus + earliness(at));
        }
        // Every word of the query starts a word of the text, in order. A query of one
        // word that starts a word is a phrase, found above.
        if p.words.len() < 2 {
            return None;
        }
        let at = word_starts(folded, &p.words, |_, _| {})?;
        Some(WORD_STARTS + weight(e) + earliness(at))
    }

    /// Scores one entry as letters scattered closely, for an entry the exact tiers
    /// did not find: in one pass, fuzzy-matcher being asked only for the highlight of
    /// the results on screen.
    pub(super) fn score_scattered(&self, e: &Entry, p: &Prepared) -> Option<i64> {
        if p.q.text.is_empty() || p.mask & !e.mask != 0 {
            return None;
        }
        let folded = self.folded(e);
        if !p.terms_hold(folded) {
            return None;
        }
        let (start, len) = tight_window(fuzzy_part(folded, e), p.q.text.as_bytes())?;
        let at_word = starts_word(folded, start);
        Some(
            FUZZY + (1 << 18) - (len as i64) * 64 + if at_word { 4096 } else { 0 }
                - (start.min(4095) as i64),
        )
    }
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

/// The order of results: the higher score first; equal scores in the order of the
/// debate.
pub(super) fn best_first(a: &Hit, b: &Hit) -> Ordering {
    b.score.cmp(&a.score).then(a.target.cmp(&b.target))
}

/// Ranks hits best first.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_unstable_by(best_first);
}

/// Puts the best `n` hits first, best first, and leaves the rest in any order: the
/// work of ranking a screenful rather than all the results.
pub fn top(hits: &mut [Hit], n: usize) {
    let n = n.min(hits.len());
    if n == 0 {
        return;
    }
    if n < hits.len() {
        hits.select_nth_unstable_by(n - 1, best_first);
    }
    rank(&mut hits[..n]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::progress::Progress;
    use crate::domain::search::Query;
    use crate::domain::search::index::{Item, build};
    use crate::domain::search::testing::{index, text_of};

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
    fn the_score_prefers_the_tighter_window() {
        let item = |c, text| Item {
            target: Target::Claim(c),
            field: Field::Text,
            text,
            side: None,
        };
        let items = [
            item(0, "the kill switch"),
            item(1, "kx lx sx w"),
            item(2, "k x l x s x w"),
        ];
        let (entries, text) = build(&items, &Progress::default());
        let i = Index {
            entries,
            text,
            ..Index::default()
        };
        let q = Query::parse("klsw");
        let p = Prepared::new(&q);
        let score = |k: usize| i.score_scattered(&i.entries[k], &p);
        assert!(score(0).unwrap() > score(1).unwrap());
        // Spread too far for four letters: a coincidence, not a match.
        assert_eq!(score(2), None);
        assert_eq!(i.score(&i.entries[0], &p), None, "not an exact tier");
    }
}
