//! Where a query matches a text: as one phrase, as the starts of words, or scattered in
//! a tight window; and the characters a match covers, for highlighting.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

use super::Hit;
use super::index::{Entry, Index};
use super::query::{Prepared, Query};

impl Index {
    /// The characters of a hit's text that the query matched (character indices into
    /// the field's original text, sorted), for highlighting: the free words' match and
    /// each exact term's.
    pub fn matched_chars(&self, hit: &Hit, input: &str) -> Vec<usize> {
        let q = Query::parse(input);
        let Some(e) = self.entries.get(hit.entry as usize) else {
            return Vec::new();
        };
        let p = Prepared::new(&q);
        let folded = self.folded(e);
        let mut bytes = Vec::new();
        for (t, at) in p.term_matches(folded) {
            bytes.push(at..at + t.text.len());
        }
        let mut scattered = Vec::new();
        if q.text.is_empty() {
        } else if let Some(at) = p.phrase.find(folded.as_bytes()) {
            bytes.push(at..at + q.text.len());
        } else if word_starts(folded, &p.words, |at, n| bytes.push(at..at + n)).is_some() {
        } else if let Some((start, len)) = tight_window(fuzzy_part(folded, e), q.text.as_bytes()) {
            // fuzzy-matcher places the characters within the window the score found.
            let window = &folded[start..start + len];
            let offset = folded[..start].chars().count();
            let matcher = SkimMatcherV2::default().ignore_case();
            if let Some((_, c)) = matcher.fuzzy_indices(window, &q.text) {
                scattered = c.into_iter().map(|i| i + offset).collect();
            }
        }
        bytes.sort_by_key(|r| (r.start, r.end));
        let mut chars = char_indices_of(folded, &bytes);
        chars.extend(scattered);
        chars.sort_unstable();
        chars.dedup();
        chars
    }
}

/// The part of an entry's folded text that fuzzy scoring reads: its first
/// [`FUZZY_CHARS`] characters, so a keystroke's cost does not grow with one very long
/// quote.
pub(super) fn fuzzy_part<'a>(folded: &'a str, e: &Entry) -> &'a [u8] {
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

/// How many characters of a text fuzzy scoring reads.
pub(super) const FUZZY_CHARS: usize = 2000;

/// The longest window, in bytes of folded text, that a scattered match may spread
/// over: further apart, the letters are a coincidence rather than a match.
pub const FUZZY_WINDOW: usize = 64;

/// How many bytes a scattered match may hold besides the query's own: a few letters
/// skipped or a space or two, as in `klswt` for "kill switch". A window of the query's
/// length and this many more (at most [`FUZZY_WINDOW`]) keeps narrowing exact: a
/// match of a longer query holds a match of its start that is at least one byte
/// shorter, and the cap grows by one byte for each byte of the query.
pub const FUZZY_SLACK: usize = 6;

/// The longest window a scattered match of `n` bytes may spread over.
pub(super) fn window_cap(n: usize) -> usize {
    n.saturating_add(FUZZY_SLACK).min(FUZZY_WINDOW)
}

/// The tightest window of `hay` holding `needle`'s bytes in order, when one is at most
/// [`window_cap`] bytes: its start and length. Bytes compare as well as chars here:
/// UTF-8 is self-synchronising, so a needle's encoded chars match only whole encoded
/// chars of the text.
///
/// A forward scan finds the first end of a complete occurrence, a backward scan the
/// latest start for that end; that window is minimal. Scanning again from just after
/// its start visits every minimal window in order.
pub(super) fn tight_window(hay: &[u8], needle: &[u8]) -> Option<(usize, usize)> {
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
        if len <= window_cap(needle.len()) {
            return Some((start, len));
        }
        from = start + 1;
    }
}

/// Whether byte `at` of `s` starts a word: nothing alphanumeric just before it.
pub(super) fn starts_word(s: &str, at: usize) -> bool {
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

/// Where each word of the query (one finder each) starts a word of `folded`, in
/// order: the byte offset of the first, or `None`. `found(at, len)` hears of each
/// word's match, in bytes.
pub(super) fn word_starts(
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
    use crate::domain::search::rank::{PHRASE, WORD_STARTS};
    use crate::domain::search::testing::{index, matched};

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
}
