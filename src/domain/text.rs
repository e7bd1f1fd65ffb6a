//! Text from a debate file is untrusted: these helpers make it safe to show.

use std::borrow::Cow;

/// Characters that would act on a terminal, reorder text or hide it rather than be
/// seen: C0 and C1 controls (ESC among them), DEL, the bidirectional marks, overrides
/// and isolates, invisible characters that can disguise text (zero-width space, word
/// joiner, invisible operators, the byte-order mark, interlinear annotations, tags),
/// and the line and paragraph separators. The joiners that scripts and emoji need
/// (U+200C, U+200D) are kept.
///
/// Also the characters whose width unicode-width (which debate-tui and ratatui measure
/// with) and terminals disagree on, so that a row measured by one is drawn shifted by
/// the other and a pane's border moves: the soft hyphen U+00AD (no column, or a hyphen
/// in one), the Hangul fillers U+115F, U+3164 and U+FFA0 (none, one or two), and the
/// Mongolian vowel separator U+180E (none, or one as the space it once was). All of
/// them are invisible or nearly, so they can disguise text too.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{180E}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// A variation selector (U+FE00–FE0F, U+E0100–E01EF): it asks for a form of the
/// character before it, and takes no column of its own.
pub fn is_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Whether `c`, coming after `prev` in its text (`None` at the start), is a variation
/// selector with no character to vary: first in the text, or after a space, a line
/// break, a combining mark, another selector or an unsafe character. Such a selector
/// lands wherever the cell before it left the terminal's cursor, after a border, a mark
/// or a space, and terminals differ on what they draw there, so it is shown as `�`
/// like an unsafe character. A selector directly after a character that takes room is
/// kept, whether or not that character has the variant asked for.
pub fn is_lone_selector(prev: Option<char>, c: char) -> bool {
    is_selector(c)
        && !prev.is_some_and(|p| !is_unsafe(p) && !p.is_whitespace() && char_width(p) > 0)
}

/// The character of `s` before byte `at`, if any.
fn before(s: &str, at: usize) -> Option<char> {
    s[..at].chars().next_back()
}

/// Each character of `s` with the one before it (`None` for the first).
fn with_prev(s: &str) -> impl Iterator<Item = (Option<char>, char)> + '_ {
    s.char_indices().map(|(at, c)| (before(s, at), c))
}

/// One line of text, safe to print: tabs become a space, newlines a space, every other
/// unsafe character and every lone variation selector a visible `�`. Borrowed when
/// nothing needs replacing.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !with_prev(s).any(|(p, c)| is_unsafe(c) || is_lone_selector(p, c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(with_prev(s).map(|(p, c)| visible_char(p, c)).collect())
}

/// One character as [`visible`] shows it, after `prev` in its text (`None` at the
/// start): always one character for one.
pub fn visible_char(prev: Option<char>, c: char) -> char {
    match c {
        '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => ' ',
        c if is_unsafe(c) || is_lone_selector(prev, c) => '\u{FFFD}',
        c => c,
    }
}

/// Text of several lines, safe to print: like [`visible`] but newlines are kept.
pub fn visible_multiline(s: &str) -> Cow<'_, str> {
    if !with_prev(s).any(|(p, c)| c != '\n' && is_unsafe(c) || is_lone_selector(p, c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        with_prev(s)
            .map(|(p, c)| match c {
                '\n' => '\n',
                c => visible_char(p, c),
            })
            .collect(),
    )
}

/// The columns a character takes on screen; an unsafe one is shown as one `�`. A
/// variation selector takes none: this is its width where it is kept, and text made
/// [`visible`] holds no other.
pub fn char_width(c: char) -> usize {
    use unicode_width::UnicodeWidthChar;
    if is_unsafe(c) {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// The columns `c` takes on screen after `prev` in its text, as [`visible`] shows it:
/// a lone variation selector is one `�`.
fn width_after(prev: Option<char>, c: char) -> usize {
    if is_lone_selector(prev, c) {
        1
    } else {
        char_width(c)
    }
}

/// The columns a text takes on screen, as shown by [`visible`].
pub fn display_width(s: &str) -> usize {
    with_prev(s).map(|(p, c)| width_after(p, c)).sum()
}

/// `s` cut to at most `width` columns, with `…` where it was cut. Reads no further
/// than the cut, so its cost does not grow with the length of `s`.
pub fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    let mut used = 0;
    // Where the text must end if it needs an ellipsis: the last place with room for it.
    let mut cut = 0;
    for (at, c) in s.char_indices() {
        let w = width_after(before(s, at), c);
        if used + w > width {
            let mut out = s[..cut].to_string();
            if width > 0 {
                out.push('…');
            }
            return Cow::Owned(out);
        }
        used += w;
        if used < width {
            cut = at + c.len_utf8();
        }
    }
    Cow::Borrowed(s)
}

/// `s` cut from the left to at most `width` columns, with `…` in front where cut.
/// Reads no further back than the cut.
pub fn truncate_left(s: &str, width: usize) -> Cow<'_, str> {
    let mut used = 0;
    let mut cut = s.len();
    for (at, c) in s.char_indices().rev() {
        let w = width_after(before(s, at), c);
        if used + w > width {
            let mut out = String::new();
            if width > 0 {
                out.push('…');
            }
            out.push_str(&s[cut..]);
            return Cow::Owned(out);
        }
        used += w;
        if used < width {
            cut = at;
        }
    }
    Cow::Borrowed(s)
}

/// At most the first `max_chars` characters of `s`.
pub fn head(s: &str, max_chars: usize) -> &str {
    match s.char_indices().nth(max_chars) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// Untrusted text as one line of at most `width` columns: controls made visible, cut
/// with `…`. Looks at a bounded prefix only, so drawing a row costs the same whatever
/// the length of the text behind it.
pub fn fit(s: &str, width: usize) -> String {
    // Every char but a zero-width one takes a column: this prefix fills the width.
    let h = head(s, width.saturating_mul(2).saturating_add(16));
    let mut shown = visible(h).into_owned();
    if h.len() < s.len() {
        shown.push('…');
    }
    truncate(&shown, width).into_owned()
}

/// One line of untrusted text, at most `width` columns, that shows the characters at
/// `marks` (sorted character indices into `s`): when the first mark would be off
/// screen, the line starts a little before it, and `…` shows where it was cut. Returns
/// the line and the character indices of the marks within it. Reads `s` no further
/// than the first mark plus the width.
pub fn excerpt(s: &str, marks: &[usize], width: usize) -> (String, Vec<usize>) {
    if width == 0 {
        return (String::new(), Vec::new());
    }
    let first = marks.first().copied().unwrap_or(0);
    // Only the characters that can show are read: a line's width of them before the
    // first mark and a line's width after it.
    let base = first.saturating_sub(width);
    let mut rest = s.chars();
    // The character before the first read: whether a variation selector has one to vary.
    let mut prev = base.checked_sub(1).and_then(|b| rest.nth(b));
    let chars: Vec<char> = rest
        .take((first - base).saturating_add(width).saturating_add(2))
        .map(|c| visible_char(prev.replace(c), c))
        .collect();
    let complete_tail = chars.len() < (first - base).saturating_add(width).saturating_add(2);
    let first = (first - base).min(chars.len());
    let before: usize = chars[..first].iter().map(|&c| char_width(c)).sum();
    // About a quarter of the line before the first mark, when it would not show.
    let lead = width / 4;
    let start = if base == 0 && before < width.saturating_sub(lead).max(1) {
        0
    } else {
        let mut start = first;
        let mut used = 1; // the `…` in front
        while start > 0 && used + char_width(chars[start - 1]) <= lead.max(1) {
            start -= 1;
            used += char_width(chars[start]);
        }
        start
    };
    let cut_front = base + start > 0;
    let mut out = String::new();
    let mut used = 0;
    if cut_front {
        out.push('…');
        used = 1;
    }
    let mut end = start;
    for (i, &c) in chars.iter().enumerate().skip(start) {
        let w = char_width(c);
        let last = i + 1 == chars.len() && complete_tail;
        // Room for this char, and for a `…` after it unless it is the text's last.
        if used + w + usize::from(!last) > width {
            break;
        }
        out.push(c);
        used += w;
        end = i + 1;
    }
    if (end < chars.len() || !complete_tail) && used < width {
        out.push('…');
    }
    let shift = usize::from(cut_front);
    let shown = marks
        .iter()
        .map(|&m| m.wrapping_sub(base))
        .filter(|&m| m >= start && m < end)
        .map(|m| m - start + shift)
        .collect();
    (out, shown)
}

/// Greedy word wrap to `width` columns: the byte ranges of the lines of `text` (without
/// their line breaks). Words longer than a line are broken. Every line is at most
/// `width` columns, and `width` 0 is taken as 1. A line also holds at most
/// [`LINE_BYTES_PER_COLUMN`] bytes a column: a run of characters that take no room
/// (combining marks piled up by the million) is broken too, so no line drawn is huge.
pub fn wrap(text: &str, width: usize) -> Vec<std::ops::Range<usize>> {
    let width = width.max(1);
    let max_bytes = width
        .saturating_mul(LINE_BYTES_PER_COLUMN)
        .saturating_add(64);
    let mut lines = Vec::new();
    let mut para_start = 0;
    for para in text.split('\n') {
        let base = para_start;
        para_start += para.len() + 1;
        let mut line_start = base;
        let mut line_w = 0;
        // The last place a line may break: after a space.
        let mut brk: Option<(usize, usize)> = None;
        for (i, ch) in para.char_indices() {
            let at = base + i;
            let w = width_after(before(para, i), ch);
            // A selector stays with the character it varies: at most one a character,
            // so the line stays bounded.
            let kept_selector = is_selector(ch) && w == 0;
            let full =
                line_w + w > width || at + ch.len_utf8() - line_start > max_bytes && !kept_selector;
            if full && at > line_start {
                match brk {
                    Some((b, bw)) if b > line_start => {
                        lines.push(line_start..b);
                        line_start = b;
                        line_w -= bw;
                    }
                    _ => {
                        lines.push(line_start..at);
                        line_start = at;
                        line_w = 0;
                    }
                }
                brk = None;
            }
            line_w += w;
            if ch == ' ' {
                brk = Some((at + 1, line_w));
            }
        }
        lines.push(line_start..base + para.len());
    }
    lines
}

/// How many bytes a wrapped line may hold for each column: room for a character and
/// several combining marks.
pub const LINE_BYTES_PER_COLUMN: usize = 16;

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
    let len = word.chars().count();
    let limit = (len / 3).max(2);
    candidates
        .into_iter()
        // Lengths further apart than the limit cannot be within it: skip the distance.
        .filter(|c| {
            c.len().abs_diff(word.len()) <= limit * 4 && c.chars().count().abs_diff(len) <= limit
        })
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
    fn an_excerpt_shows_its_marks() {
        // Short text: all of it, marks where they were.
        assert_eq!(
            excerpt("kill switch", &[0, 5], 20),
            ("kill switch".into(), vec![0, 5])
        );
        // A mark far along: the line starts shortly before it.
        let long = format!("{}needle{}", "x".repeat(100), "y".repeat(100));
        let (line, marks) = excerpt(&long, &[100, 101], 20);
        assert_eq!(display_width(&line), 20);
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        let chars: Vec<char> = line.chars().collect();
        assert_eq!((chars[marks[0]], chars[marks[1]]), ('n', 'e'));
        // Wide characters and controls keep to the width; marks still point right.
        let wide = format!("{}\u{1b}[31m漢字 mark", "漢".repeat(30));
        let at = wide.chars().position(|c| c == 'm').unwrap();
        let (line, marks) = excerpt(&wide, &[at], 12);
        assert!(display_width(&line) <= 12, "{line}");
        assert!(!line.contains('\u{1b}'));
        assert_eq!(line.chars().nth(marks[0]), Some('m'));
        // Nothing to show in no width; no marks past the end.
        assert_eq!(excerpt("abc", &[1], 0), (String::new(), vec![]));
        assert_eq!(excerpt("abc", &[9], 10).0, "abc");
        // A mark deep in a long text: only its neighbourhood is read.
        let deep = format!("{}target{}", "a".repeat(1_000_000), "b".repeat(10));
        let (line, marks) = excerpt(&deep, &[1_000_000], 16);
        assert!(
            line.starts_with('…') && display_width(&line) <= 16,
            "{line}"
        );
        assert_eq!(line.chars().nth(marks[0]), Some('t'));
    }

    #[test]
    fn visible_replaces_controls_and_bidi() {
        assert_eq!(visible("plain è 漢字 🙂"), "plain è 漢字 🙂");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[2Jb"), "a\u{FFFD}[2Jb");
        assert_eq!(visible("a\tb\nc"), "a b c");
        assert_eq!(visible("x\u{202E}y\u{9b}z"), "x\u{FFFD}y\u{FFFD}z");
        assert_eq!(visible_multiline("a\nb\u{7}"), "a\nb\u{FFFD}");
        // Invisible characters that could disguise text show; the joiners stay.
        assert_eq!(
            visible("a\u{200B}b\u{2066}c\u{FEFF}d\u{E0041}e\u{61C}f"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f"
        );
        assert_eq!(visible("a\u{2028}b\u{2029}c"), "a b c");
        assert_eq!(
            visible("👩\u{200D}💻 می\u{200C}خواهم"),
            "👩\u{200D}💻 می\u{200C}خواهم"
        );
    }

    #[test]
    fn widths_truncation_and_wrap_measure_display_columns() {
        assert_eq!(display_width("漢字🙂e\u{301}"), 7);
        assert_eq!(truncate("perché sì", 6), "perch…");
        assert_eq!(truncate("漢字漢字", 5), "漢字…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate_left("a › b › c", 6), "…b › c");
        assert_eq!(truncate_left("abc", 3), "abc");
        assert_eq!(truncate_left("abcd", 3), "…cd");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(head("perché", 5), "perch");
        assert_eq!(head("ab", 5), "ab");
        // A huge text: only its start is read, and the cut shows.
        let huge = "x".repeat(10_000_000);
        assert_eq!(fit(&huge, 5), "xxxx…");
        assert_eq!(fit("a\u{1b}[2Jb", 20), "a\u{FFFD}[2Jb");
        let zero_width = format!("a{}", "\u{301}".repeat(100));
        assert!(
            fit(&zero_width, 3).ends_with('…'),
            "cut text is marked even when it fits"
        );
        let t = "uno due tre quattro\nlunghissimaparola";
        let lines: Vec<&str> = wrap(t, 8).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            lines,
            ["uno due ", "tre ", "quattro", "lunghiss", "imaparol", "a"]
        );
        for w in 1..12 {
            for r in wrap("漢字 and 🙂 emoji, perché", w) {
                assert!(display_width(&"漢字 and 🙂 emoji, perché"[r]) <= w.max(2));
            }
        }
        assert_eq!(wrap("", 5), vec![0..0]);
        // Characters that take no room still end a line at a bounded length.
        let marks = format!("a{}b c", "\u{301}".repeat(10_000));
        let lines = wrap(&marks, 10);
        assert!(lines.len() > 50, "{}", lines.len());
        for r in &lines {
            assert!(r.len() <= 10 * LINE_BYTES_PER_COLUMN + 64, "{r:?}");
            assert!(marks.is_char_boundary(r.start) && marks.is_char_boundary(r.end));
        }
        // Nothing lost: the lines follow one another to the end.
        assert!(lines.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(
            (lines[0].start, lines.last().unwrap().end),
            (0, marks.len())
        );
    }

    /// Each character whose width unicode-width and terminals disagree on.
    const DISPUTED: [char; 5] = ['\u{AD}', '\u{115F}', '\u{180E}', '\u{3164}', '\u{FFA0}'];
    const SELECTORS: [char; 4] = ['\u{FE00}', '\u{FE0F}', '\u{E0100}', '\u{E01EF}'];

    #[test]
    fn characters_of_disputed_width_show_as_a_mark_of_one_column() {
        for c in DISPUTED {
            let s = format!("{c}in{c}side {c}");
            assert_eq!(visible(&s), "\u{FFFD}in\u{FFFD}side \u{FFFD}", "{c:?}");
            assert_eq!(visible_multiline(&s), visible(&s), "{c:?}");
            assert_eq!(char_width(c), 1, "{c:?}");
            assert_eq!(display_width(&s), 10, "{c:?}");
            assert_eq!(fit(&s, 5), "\u{FFFD}in\u{FFFD}…", "{c:?}");
            assert_eq!(truncate_left(&s, 4), format!("…e {c}"), "{c:?}");
            let lines: Vec<&str> = wrap(&s, 4).into_iter().map(|r| &s[r]).collect();
            assert_eq!(lines, [format!("{c}in{c}"), "side".into(), format!(" {c}")]);
        }
    }

    #[test]
    fn a_variation_selector_shows_only_after_a_character_it_can_vary() {
        for v in SELECTORS {
            // After a letter, an emoji, an ideograph: kept, and takes no column.
            for base in ['n', '✌', '葛'] {
                let s = format!("{base}{v}");
                assert_eq!(visible(&s), s, "{v:?} after {base:?}");
                assert!(matches!(visible(&s), Cow::Borrowed(_)));
                assert_eq!(display_width(&s), char_width(base), "{v:?}");
            }
            // First, after a space, a line break, a mark, another selector or an unsafe
            // character: a `�` of one column.
            let s = format!("{v}a {v}b\u{301}{v}c{v}{v}\u{1b}{v}");
            let shown = format!("\u{FFFD}a \u{FFFD}b\u{301}\u{FFFD}c{v}\u{FFFD}\u{FFFD}\u{FFFD}");
            assert_eq!(visible(&s), shown, "{v:?}");
            assert_eq!(display_width(&s), 10, "{v:?}");
            assert_eq!(display_width(&shown), 10, "{v:?}");
            assert_eq!(visible_multiline(&format!("a\n{v}b")), "a\n\u{FFFD}b");
            assert_eq!(visible_char(None, v), '\u{FFFD}');
            assert_eq!(visible_char(Some('a'), v), v);
            assert_eq!(visible_char(Some(' '), v), '\u{FFFD}');
            // Measured as shown: cut where the marks take their columns.
            assert_eq!(truncate(&format!("{v}{v}{v}abc"), 3), format!("{v}{v}…"));
            assert_eq!(truncate_left(&format!("abc {v}"), 3), format!("… {v}"));
            assert_eq!(fit(&format!("{v}{v}{v}abc"), 3), "\u{FFFD}\u{FFFD}…");
            let lone = format!("{v}{v}{v}{v}");
            let lines: Vec<&str> = wrap(&lone, 2).into_iter().map(|r| &lone[r]).collect();
            assert_eq!(lines.len(), 2, "{v:?}");
        }
    }

    #[test]
    fn visible_text_measures_as_it_is_drawn() {
        let samples = [
            "plain",
            "\u{FE0F}\u{FE0F}a\u{FE0F}\u{FE0F} \u{3164}\u{AD}",
            "\u{1b}\u{FE0F}x\u{301}\u{E0100}\n\u{FE0E}\u{2764}\u{FE0E}",
            "\u{115F}\u{1161} \u{180E}\u{FFA0}\u{FFFD}\u{FE0F}",
        ];
        for s in samples {
            let v = visible(s);
            assert_eq!(visible(&v), v, "{s:?}: made visible once is enough");
            assert_eq!(display_width(&v), display_width(s), "{s:?}");
            let mut prev = None;
            for c in v.chars() {
                assert!(!is_unsafe(c) && !is_lone_selector(prev, c), "{s:?}: {c:?}");
                prev = Some(c);
            }
            for w in 0..12 {
                assert!(display_width(&fit(s, w)) <= w, "{s:?} in {w}");
                for r in wrap(&v, w) {
                    assert!(display_width(&v[r]) <= w.max(1), "{s:?} in {w}");
                }
            }
        }
    }

    #[test]
    fn a_selector_is_never_wrapped_away_from_its_character() {
        // The line's bytes run out just before the selector: the selector goes with
        // the character it varies, on the same line.
        let s = format!("a{}b\u{FE0F}c", "\u{301}".repeat(110));
        let lines = wrap(&s, 10);
        assert!(lines.len() > 1, "{lines:?}");
        for r in &lines {
            assert!(!s[r.clone()].starts_with(is_selector), "{r:?}");
            assert!(r.len() <= 10 * LINE_BYTES_PER_COLUMN + 64 + 4, "{r:?}");
        }
        assert!(lines.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn an_excerpt_marks_a_lone_selector_even_where_it_starts_reading() {
        // Where the excerpt starts reading (a line's width before the mark), the
        // character before decides: after a letter the selector is kept, after a space
        // it shows as `�`.
        for (before, shown) in [('y', '\u{FE0F}'), (' ', '\u{FFFD}')] {
            let s = format!(
                "{}{before}\u{FE0F}{}needle",
                "y".repeat(39),
                "\u{301}".repeat(9)
            );
            let at = s.chars().position(|c| c == 'n').unwrap();
            let (line, marks) = excerpt(&s, &[at], 10);
            assert!(line.starts_with(&format!("…{shown}")), "{line:?}");
            assert!(display_width(&line) <= 10, "{line:?}");
            assert_eq!(line.chars().nth(marks[0]), Some('n'));
        }
        assert_eq!(
            excerpt("a\u{FE0F} \u{FE0F}b", &[0], 20).0,
            "a\u{FE0F} \u{FFFD}b"
        );
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
