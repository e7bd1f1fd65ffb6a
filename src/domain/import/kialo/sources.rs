//! The `Sources:` section at the end of an export, and the citations `[n]` in texts
//! that name its entries.
//!
//! The section starts at a line `Sources:`, at the start of the line, after the
//! items, and followed by its first entry (or by nothing). Everything after it belongs
//! to it: nothing there is an item. Each entry is `[n] URL` at the start of a line,
//! numbered one more than the entry before; the lines up to the next entry are its
//! excerpt, whatever they hold (numbered lines of a quoted law, blank lines, `[...]`).

use super::left_out::{Change, LeftOut};
use super::markdown::{link_url, markdown_link, unescape};
use super::outline::header;
use crate::domain::load::raw::RawSource;

/// Where the `Sources:` heading is in `lines`, if the export has one.
pub(super) fn heading(lines: &[&str]) -> Option<usize> {
    let mut after_items = false;
    for (i, l) in lines.iter().enumerate() {
        if !after_items {
            after_items = header(l).is_some();
        } else if l.trim_end() == "Sources:" {
            let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
            if next.is_none_or(|l| entry(l).is_some()) {
                return Some(i);
            }
        }
    }
    None
}

/// An entry's first line, `[3] https://example.org/r`: its number and the rest.
fn entry(line: &str) -> Option<(&str, &str)> {
    let t = line.strip_prefix('[')?;
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = t[digits..].strip_prefix(']')?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((&t[..digits], rest.trim()))
}

/// The sources of the section whose heading is line `heading` (0-based) of `lines`,
/// each `ref-n`, in the order of the file.
pub(super) fn read(lines: &[&str], heading: usize, left_out: &mut LeftOut) -> Vec<RawSource> {
    // Each entry: its line (0-based), number, rest and the lines of its excerpt.
    let mut entries: Vec<(usize, &str, &str, usize)> = Vec::new();
    let mut last: Option<u64> = None;
    for (i, l) in lines.iter().enumerate().skip(heading + 1) {
        if let Some((num, rest)) = entry(l)
            && let Ok(n) = num.parse::<u64>()
            && last.is_none_or(|last| last.checked_add(1) == Some(n))
        {
            last = Some(n);
            entries.push((i, num, rest, i + 1));
        } else if let Some(e) = entries.last_mut() {
            e.3 = i + 1;
        }
    }
    entries
        .into_iter()
        .map(|(at, num, rest, end)| {
            let mut s = source_from(num, rest, at + 1, left_out);
            s.excerpt = excerpt(&lines[at + 1..end]);
            s
        })
        .collect()
}

/// The lines of an excerpt, as written, without blank lines around them.
fn excerpt(lines: &[&str]) -> Option<String> {
    let blank = |l: &&str| l.trim().is_empty();
    let start = lines.iter().position(|l| !blank(l))?;
    let end = lines.iter().rposition(|l| !blank(l))? + 1;
    let mut out = String::new();
    for (k, l) in lines[start..end].iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        out.push_str(l.trim_end());
    }
    Some(out)
}

fn is_url(word: &str) -> bool {
    word.starts_with("http://") || word.starts_with("https://")
}

/// A source from an entry's text. An export writes one web address, with Markdown
/// escapes (`\(`, `\)`, `\]`, `\@`) that are removed and nothing else lost; other
/// tools write a Markdown link, or a title and an address.
fn source_from(num: &str, text: &str, line: usize, left_out: &mut LeftOut) -> RawSource {
    let with = |title: String, url: Option<String>| RawSource {
        id: format!("ref-{num}"),
        title,
        url,
        ..RawSource::default()
    };
    if text.is_empty() {
        left_out.add(Change::NoUrl, line, None);
        return with(format!("[{num}]"), None);
    }
    if text.starts_with('[')
        && let Some((label, target, _)) = markdown_link(text, 0)
    {
        let (url, free) = link_url(target);
        let url = unescape(url);
        if free {
            left_out.add(Change::FreeTextUrl, line, Some(&url));
        }
        let label = unescape(label).trim().to_string();
        return with(
            if label.is_empty() { url.clone() } else { label },
            Some(url),
        );
    }
    if !text.contains(char::is_whitespace) || is_url(text) {
        // The address as written, or words pasted where the address belongs.
        let url = unescape(text);
        if text.contains(char::is_whitespace) {
            left_out.add(Change::FreeTextUrl, line, Some(&url));
        }
        return with(url.clone(), Some(url));
    }
    fn address(w: &str) -> Option<&str> {
        let w = w.trim_start_matches(['(', '[']);
        is_url(w).then_some(w)
    }
    match text.split_whitespace().find_map(address) {
        Some(word) => {
            let raw = trim_url_end(word);
            let url = unescape(raw);
            let rest = unescape(&text.replacen(raw, "", 1));
            let title = rest.trim_matches(|c: char| c.is_whitespace() || ",;:.-–—()[]".contains(c));
            with(
                if title.is_empty() { &url } else { title }.to_string(),
                Some(url),
            )
        }
        None => with(unescape(text).trim().to_string(), None),
    }
}

/// An address among words without the punctuation after it: `,`, `;` and `.`, and a
/// `)` or `]` that closes nothing opened in it. An escaped bracket (`\)`) is the
/// address's own.
fn trim_url_end(word: &str) -> &str {
    let mut w = word.trim_end_matches([',', ';', '.']);
    for (open, close) in [('(', ')'), ('[', ']')] {
        while w.ends_with(close)
            && !w[..w.len() - 1].ends_with('\\')
            && w.matches(close).count() > w.matches(open).count()
        {
            w = &w[..w.len() - 1];
        }
    }
    w
}

/// The citation `[12]` that starts at byte `at` of `s` (which holds `[`): its number
/// and the byte after it.
pub(super) fn citation(s: &str, at: usize) -> Option<(&str, usize)> {
    let b = s.as_bytes();
    let digits = b
        .get(at + 1..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let end = at + 1 + digits;
    (digits > 0 && b.get(end) == Some(&b']')).then(|| (&s[at + 1..end], end + 1))
}

/// Every citation `[n]` in a text written as it is (no escapes): their numbers.
pub(super) fn citations(s: &str) -> impl Iterator<Item = &str> {
    s.match_indices('[')
        .filter_map(|(at, _)| citation(s, at).map(|(n, _)| n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> (RawSource, usize) {
        let mut l = LeftOut::default();
        let s = source_from("1", text, 1, &mut l);
        (s, l.warnings("f").len())
    }

    #[test]
    fn entries_give_titles_and_urls() {
        let (s, _) = source("A report, https://example.org/r");
        assert_eq!(s.title, "A report");
        assert_eq!(s.url.as_deref(), Some("https://example.org/r"));
        let (s, _) = source("[The book](https://b.example/x)");
        assert_eq!(
            (s.title.as_str(), s.url.as_deref()),
            ("The book", Some("https://b.example/x"))
        );
        let (s, _) = source("https://only.example");
        assert_eq!(s.title, "https://only.example");
        let (s, _) = source("Interview \\(2021\\)");
        assert_eq!((s.title.as_str(), s.url), ("Interview (2021)", None));
        let (s, _) = source("A page (https://example.org/a_(b)).");
        assert_eq!(s.url.as_deref(), Some("https://example.org/a_(b)"));
        assert_eq!(s.title, "A page");
        assert_eq!(entry("[12]: x"), Some(("12", "x")));
        assert_eq!(entry("[12]"), Some(("12", "")));
        assert_eq!(entry("[a] x"), None);
        assert_eq!(entry("[1]x"), None);
        assert_eq!(entry(" [1] x"), None);
    }

    #[test]
    fn escaped_urls_keep_every_character() {
        for (raw, url) in [
            (
                r"https://example.org/wiki/Hallucination_\(artificial_intelligence\)",
                "https://example.org/wiki/Hallucination_(artificial_intelligence)",
            ),
            (
                r"https://example.org/wiki/Paid_editing\]",
                "https://example.org/wiki/Paid_editing]",
            ),
            (
                r"https://m.example/\@someone/x",
                "https://m.example/@someone/x",
            ),
            (
                r"https://example.org/S0001-2345\(21\)00077-X/fulltext#sec2.1",
                "https://example.org/S0001-2345(21)00077-X/fulltext#sec2.1",
            ),
        ] {
            let (s, warned) = source(raw);
            assert_eq!(s.url.as_deref(), Some(url));
            assert_eq!(s.title, url);
            assert_eq!(warned, 0);
        }
        // Words where the address belongs: kept whole, and said.
        let (s, warned) = source("http://The possibility of a death sentence");
        assert_eq!(
            s.url.as_deref(),
            Some("http://The possibility of a death sentence")
        );
        assert_eq!(warned, 1);
        let (s, warned) = source("");
        assert_eq!((s.title.as_str(), s.url, warned), ("[1]", None, 1));
    }

    #[test]
    fn the_section_is_found_after_the_items_and_read_whole() {
        let lines = [
            "1. Thesis:",
            "Sources:",
            "  1.1. Pro:",
            "  Sources:",
            "  text",
            "Sources:",
            "and more text",
            "Sources:",
            "",
            "[1] https://a.example",
            "\"Article 1",
            "",
            "1. One.",
            "[3] not the next number",
            "2. Two.\"",
            "",
            "[2] https://b.example",
            "[2] https://c.example",
        ];
        // Not in the thesis's text, not indented, not without an entry after it.
        assert_eq!(heading(&lines), Some(7));
        let mut l = LeftOut::default();
        let s = read(&lines, 7, &mut l);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id, "ref-1");
        assert_eq!(
            s[0].excerpt.as_deref(),
            Some("\"Article 1\n\n1. One.\n[3] not the next number\n2. Two.\"")
        );
        assert_eq!(s[1].url.as_deref(), Some("https://b.example"));
        assert_eq!(s[1].excerpt.as_deref(), Some("[2] https://c.example"));
        assert_eq!(heading(&["1. T", "Sources:"]), Some(1));
        assert_eq!(heading(&["Sources:", "[1] x", "1. T"]), None);
    }

    #[test]
    fn citations_are_numbers_in_brackets() {
        let found: Vec<&str> = citations("a [1], [the] [22] [] [3a] [4").collect();
        assert_eq!(found, ["1", "22"]);
        assert_eq!(citation("x[7]y", 1), Some(("7", 4)));
        assert_eq!(citation("[", 0), None);
    }
}
