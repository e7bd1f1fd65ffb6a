//! Text from a debate file is untrusted: these helpers make it safe to show.

use std::borrow::Cow;

/// Characters that would act on a terminal or reorder text rather than be seen: C0 and
/// C1 controls (ESC among them), DEL, and the bidirectional overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line of text, safe to print: tabs become a space, newlines a space, every other
/// unsafe character a visible `�`. Borrowed when nothing needs replacing.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Text of several lines, safe to print: like [`visible`] but newlines are kept.
pub fn visible_multiline(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                '\r' => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// The 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count();
    (line, col)
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a
/// plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, c)| (d, c.len()))
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters, with a length cut-off so that hostile inputs
/// stay cheap.
fn edit_distance(a: &str, b: &str) -> usize {
    const MAX: usize = 256;
    let a: Vec<char> = a.chars().take(MAX).collect();
    let b: Vec<char> = b.chars().take(MAX).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_replaces_controls_and_bidi() {
        assert_eq!(visible("plain è 漢字 🙂"), "plain è 漢字 🙂");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[2Jb"), "a\u{FFFD}[2Jb");
        assert_eq!(visible("a\tb\nc"), "a b c");
        assert_eq!(visible("x\u{202E}y\u{9b}z"), "x\u{FFFD}y\u{FFFD}z");
        assert_eq!(visible_multiline("a\nb\u{7}"), "a\nb\u{FFFD}");
    }

    #[test]
    fn line_col_counts_characters() {
        let t = "ab\nperché x";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, t.find('x').unwrap()), (2, 8));
        assert_eq!(line_col(t, 999), (2, 9));
    }

    #[test]
    fn closest_finds_a_typo_but_not_a_stranger() {
        let ids = ["open-source", "alignment", "no-kill-switch"];
        assert_eq!(closest("open-sorce", ids), Some("open-source"));
        assert_eq!(closest("alignmnet", ids), Some("alignment"));
        assert_eq!(closest("zzz", ids), None);
        assert_eq!(closest("rebutts", ["rebuts", "supports"]), Some("rebuts"));
    }
}
