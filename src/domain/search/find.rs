//! Finding a phrase in a long text (a source's article, read in the source view): every
//! place it occurs, case and accents folded as everywhere else, any run of white space
//! in the query matching any run in the text (a line break among them). Worked out once
//! for each query, never while drawing.

use std::ops::Range;

use super::fold::fold_char;

/// The most places one search reports: enough to walk through, bounded however common
/// the phrase.
pub const MOST_FOUND: usize = 10_000;

/// The byte ranges of `text` where `query` occurs, in order, not overlapping; none for
/// a query of white space only. At most [`MOST_FOUND`].
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    // The query folded, each run of white space one `' '`.
    let mut want: Vec<char> = Vec::new();
    for c in query.trim().chars() {
        if c.is_whitespace() {
            if want.last() != Some(&' ') {
                want.push(' ');
            }
        } else {
            want.push(fold_char(c));
        }
    }
    let Some(&first) = want.first() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut from = 0;
    while from < text.len() && found.len() < MOST_FOUND {
        // The next place the first character matches.
        let Some((i, _)) = text[from..]
            .char_indices()
            .find(|&(_, c)| fold_char(c) == first)
        else {
            break;
        };
        let start = from + i;
        match matches_at(&text[start..], &want) {
            Some(len) => {
                found.push(start..start + len);
                from = start + len;
            }
            None => from = start + text[start..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

/// The byte length of the match of `want` at the start of `text`, if it matches there.
fn matches_at(text: &str, want: &[char]) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    for &w in want {
        let (_, c) = chars.next()?;
        if w == ' ' {
            if !c.is_whitespace() {
                return None;
            }
            // The rest of the run.
            while chars.next_if(|&(_, c)| c.is_whitespace()).is_some() {}
        } else if fold_char(c) != w {
            return None;
        }
    }
    Some(chars.peek().map_or(text.len(), |&(i, _)| i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
        find_all(text, query)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn case_and_accents_are_folded() {
        assert_eq!(
            found("Perché l'IA? PERCHE no. perche", "perche"),
            ["Perché", "PERCHE", "perche"]
        );
        assert_eq!(found("Città e citta", "CITTÀ"), ["Città", "citta"]);
    }

    #[test]
    fn white_space_matches_across_a_line_break() {
        assert_eq!(
            found("kill\n  switch, kill switch", "kill switch"),
            ["kill\n  switch", "kill switch"]
        );
        assert!(found("killswitch", "kill switch").is_empty());
    }

    #[test]
    fn matches_do_not_overlap_and_an_empty_query_finds_nothing() {
        assert_eq!(found("aaaa", "aa"), ["aa", "aa"]);
        assert!(found("abc", "   ").is_empty());
        assert!(found("", "a").is_empty());
        assert!(found("ab", "abc").is_empty());
    }

    #[test]
    fn ranges_fall_on_character_boundaries_in_wide_and_hostile_text() {
        let text = "漢字\u{202E}é\u{1b}[31m漢字 e";
        for r in find_all(text, "漢字") {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        assert_eq!(found(text, "E"), ["é", "e"]);
    }

    #[test]
    fn the_count_is_bounded() {
        let text = "a".repeat(3 * MOST_FOUND);
        assert_eq!(find_all(&text, "a").len(), MOST_FOUND);
    }
}
