//! Quote verification: does a quote occur verbatim in its source?
//!
//! Format v1 lets matching ignore differences of white space and of typographic vs
//! straight quotes and apostrophes, nothing else. Both sides are normalised the same
//! way; the source keeps a map from its normalised text back to the original, so a found
//! quote can be shown in place.

use std::collections::HashMap;
use std::ops::Range;

/// Maps one character to its normalised form (quotes and apostrophes only).
pub fn fold_quote_mark(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        c => c,
    }
}

/// A text in normalised form, with the original byte offset of each normalised byte.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    /// `origin[i]` is the byte offset in the original text of normalised byte `i`;
    /// one extra entry holds the original length.
    origin: Vec<u32>,
}

impl Normalized {
    /// Runs of white space become one space; leading and trailing white space go.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut pending_space: Option<usize> = None;
        let mut end_of_last = 0;
        for (at, c) in original.char_indices() {
            if c.is_whitespace() {
                if !text.is_empty() && pending_space.is_none() {
                    pending_space = Some(at);
                }
                continue;
            }
            if let Some(space_at) = pending_space.take() {
                text.push(' ');
                origin.push(space_at as u32);
            }
            let folded = fold_quote_mark(c);
            let before = text.len();
            text.push(folded);
            origin.extend(std::iter::repeat_n(at as u32, text.len() - before));
            end_of_last = at + c.len_utf8();
        }
        origin.push(end_of_last as u32);
        Normalized { text, origin }
    }

    /// Only the normalised text, without the offset map.
    pub fn text_only(original: &str) -> String {
        Normalized::new(original).text
    }

    /// The original byte range of a normalised byte range.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.origin.get(r.start).copied().unwrap_or(0) as usize;
        let end = if r.end == 0 {
            start
        } else {
            // End of the last normalised char: the start of the next one in the original.
            self.origin
                .get(r.end)
                .copied()
                .unwrap_or(*self.origin.last().unwrap_or(&0)) as usize
        };
        start..end.max(start)
    }
}

/// A source text prepared for quote look-ups.
#[derive(Debug, Clone, Default)]
pub struct SourceIndex {
    norm: Normalized,
}

/// Where a quote was not found, the passage of the source that comes closest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closest {
    /// Byte range in the original source text.
    pub range: Range<usize>,
    /// 1-based line of the passage's start in the source.
    pub line: usize,
    /// How many of the quote's words the passage shares, out of how many.
    pub shared_words: usize,
    pub quote_words: usize,
}

impl SourceIndex {
    pub fn new(source: &str) -> Self {
        SourceIndex {
            norm: Normalized::new(source),
        }
    }

    /// The byte range of `quote` in the original source, if it occurs.
    pub fn find(&self, quote: &str) -> Option<Range<usize>> {
        let q = Normalized::text_only(quote);
        if q.is_empty() {
            return None;
        }
        let at = self.norm.text.find(&q)?;
        Some(self.norm.original_range(at..at + q.len()))
    }

    /// The passage of the source most like `quote`: the window of as many words as the
    /// quote that shares the most words with it in the same order. Work is bounded:
    /// very frequent words and words past the first few thousand are not counted.
    pub fn closest(&self, source: &str, quote: &str) -> Option<Closest> {
        const MAX_QUOTE_WORDS: usize = 4096;
        const MAX_OCCURRENCES: usize = 512;
        let words = word_spans(&self.norm.text);
        if words.is_empty() {
            return None;
        }
        let qnorm = Normalized::text_only(quote);
        let qwords: Vec<String> = word_spans(&qnorm)
            .into_iter()
            .take(MAX_QUOTE_WORDS)
            .map(|r| word_key(&qnorm[r]))
            .collect();
        if qwords.is_empty() {
            return None;
        }
        let mut at: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in words.iter().enumerate() {
            at.entry(word_key(&self.norm.text[r.clone()]))
                .or_default()
                .push(i);
        }
        // Each shared word votes for an alignment of the quote's start in the source.
        let mut votes: HashMap<isize, usize> = HashMap::new();
        for (qi, w) in qwords.iter().enumerate() {
            let Some(places) = at.get(w) else { continue };
            if places.len() > MAX_OCCURRENCES {
                continue;
            }
            for &si in places {
                *votes.entry(si as isize - qi as isize).or_default() += 1;
            }
        }
        let (&offset, &shared) = votes
            .iter()
            .max_by_key(|&(&off, &n)| (n, std::cmp::Reverse(off)))?;
        let first = offset.clamp(0, words.len() as isize - 1) as usize;
        let last = (offset + qwords.len() as isize - 1)
            .clamp(first as isize, words.len() as isize - 1) as usize;
        let norm_range = words[first].start..words[last].end;
        let range = self.norm.original_range(norm_range);
        let line = 1 + source.as_bytes()[..range.start.min(source.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Some(Closest {
            range,
            line,
            shared_words: shared,
            quote_words: qwords.len(),
        })
    }
}

/// The byte ranges of the words of a normalised text (split on spaces).
fn word_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Words compare without case and surrounding punctuation, for closeness only.
fn word_key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "Meta ha intrapreso il percorso dell’open source.\n\nQuesto significa che non ci sarebbe alcun “kill switch” associato,\n  permettendo a chiunque di usarlo.";

    #[test]
    fn finds_a_verbatim_quote_and_maps_it_back() {
        let idx = SourceIndex::new(SOURCE);
        let q = "non ci sarebbe alcun “kill switch” associato";
        let r = idx.find(q).unwrap();
        assert_eq!(&SOURCE[r], q);
    }

    #[test]
    fn straight_and_typographic_quotes_match() {
        let idx = SourceIndex::new(SOURCE);
        let r = idx.find("alcun \"kill switch\" associato").unwrap();
        assert_eq!(&SOURCE[r], "alcun “kill switch” associato");
        assert!(idx.find("dell'open source").is_some());
        assert!(idx.find("alcun «kill switch» associato").is_some());
    }

    #[test]
    fn white_space_differences_match_across_lines() {
        let idx = SourceIndex::new(SOURCE);
        let r = idx.find("associato,\tpermettendo   a chiunque").unwrap();
        assert_eq!(&SOURCE[r], "associato,\n  permettendo a chiunque");
    }

    #[test]
    fn nothing_else_is_ignored() {
        let idx = SourceIndex::new(SOURCE);
        assert!(idx.find("meta ha intrapreso").is_none(), "case matters");
        assert!(
            idx.find("Meta ha intrapreso il percorso dellopen")
                .is_none()
        );
        assert!(idx.find("   ").is_none());
        assert!(idx.find("").is_none());
    }

    #[test]
    fn closest_passage_points_at_the_right_line() {
        let idx = SourceIndex::new(SOURCE);
        let q = "non ci sarebbe nessun “kill switch” associato";
        assert!(idx.find(q).is_none());
        let c = idx.closest(SOURCE, q).unwrap();
        assert_eq!(c.line, 3);
        assert_eq!(
            &SOURCE[c.range.clone()],
            "non ci sarebbe alcun “kill switch” associato,"
        );
        assert_eq!(c.shared_words, 6);
        assert_eq!(c.quote_words, 7);
    }

    #[test]
    fn closest_passage_of_a_quote_sharing_nothing() {
        let idx = SourceIndex::new(SOURCE);
        assert_eq!(idx.closest(SOURCE, "zzz qqq"), None);
        assert_eq!(SourceIndex::new("").closest("", "a"), None);
    }

    #[test]
    fn closest_is_bounded_on_a_huge_repetitive_quote() {
        let source = "a ".repeat(200_000);
        let idx = SourceIndex::new(&source);
        let quote = "a b ".repeat(500_000);
        // "a" is too frequent to count, "b" never occurs: no passage, and no hang.
        assert_eq!(idx.closest(&source, &quote), None);
    }

    #[test]
    fn multibyte_offsets_stay_on_char_boundaries() {
        let s = "perché  è   “così”";
        let n = Normalized::new(s);
        assert_eq!(n.text, "perché è \"così\"");
        let idx = SourceIndex::new(s);
        let r = idx.find("è \"così\"").unwrap();
        assert_eq!(&s[r], "è   “così”");
    }
}
