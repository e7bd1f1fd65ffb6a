//! The `Sources:` section at the end of an export: each entry `[n] ...` a source
//! `ref-n`, with the title and url its text gives.

use std::collections::HashMap;

use super::markdown::{markdown_link, unescape};
use super::outline::{header, lines};
use crate::domain::load::diag::Diagnostic;
use crate::domain::load::raw::RawSource;

/// The line that starts the `Sources:` section: the last `Sources:` line with no
/// numbered item after it.
pub(super) fn sources_start(text: &str) -> Option<usize> {
    let mut start = None;
    for (n, l) in lines(text) {
        if l.trim() == "Sources:" {
            start = Some(n);
        } else if start.is_some() && header(l).is_some() {
            start = None;
        }
    }
    start
}

/// An entry of the `Sources:` section: `[3] A report, https://example.org/r`.
fn source_entry(line: &str) -> Option<(&str, &str)> {
    let t = line.trim().strip_prefix('[')?;
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = t[digits..].strip_prefix(']')?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    Some((&t[..digits], rest.trim()))
}

/// A source from an entry's text: a Markdown link, or a url among words (which then
/// make the title), or words alone.
fn source_from(id: String, text: &str) -> RawSource {
    if let Some(at) = text.find('[')
        && let Some((label, url, _)) = markdown_link(text, at)
    {
        let label = unescape(label).trim().to_string();
        let url = unescape(url);
        return RawSource {
            id,
            title: if label.is_empty() { url.clone() } else { label },
            url: Some(url),
            ..RawSource::default()
        };
    }
    let url = text
        .split_whitespace()
        .find(|w| w.starts_with("http://") || w.starts_with("https://"));
    match url {
        Some(url) => {
            let raw_url = url.trim_end_matches([')', ']', ',', ';']);
            let url = unescape(raw_url);
            let rest = unescape(&text.replacen(raw_url, "", 1));
            let title = rest.trim_matches(|c: char| c.is_whitespace() || ",;:-–—()[]".contains(c));
            RawSource {
                id,
                title: if title.is_empty() { &url } else { title }.to_string(),
                url: Some(url),
                ..RawSource::default()
            }
        }
        None => RawSource {
            id,
            title: unescape(text).trim().to_string(),
            ..RawSource::default()
        },
    }
}

/// Reads the `Sources:` section, which begins after line `start`.
pub(super) fn read_sources(
    name: &str,
    text: &str,
    start: usize,
    problems: &mut Vec<Diagnostic>,
) -> Vec<RawSource> {
    let mut entries: Vec<(String, String, usize)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, l) in lines(text).skip(start) {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        match source_entry(t) {
            Some((num, rest)) => {
                if let Some(&first) = seen.get(num) {
                    problems.push(
                        Diagnostic::new(name, n, 1, format!("source [{num}] is listed twice"))
                            .note(format!("note: first on line {first}")),
                    );
                    continue;
                }
                seen.insert(num.to_string(), n);
                entries.push((num.to_string(), rest.to_string(), n));
            }
            None => match entries.last_mut() {
                Some((_, rest, _)) => {
                    if !rest.is_empty() {
                        rest.push(' ');
                    }
                    rest.push_str(t);
                }
                None => problems.push(
                    Diagnostic::new(name, n, 1, "expected a source such as `[1] https://...`")
                        .note(format!(
                            "note: the `Sources:` section starts on line {start}"
                        )),
                ),
            },
        }
    }
    let mut out = Vec::with_capacity(entries.len());
    for (num, rest, n) in entries {
        let s = source_from(format!("ref-{num}"), &rest);
        if s.title.is_empty() {
            problems.push(Diagnostic::new(
                name,
                n,
                1,
                format!("source [{num}] is empty"),
            ));
        } else {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_entries_give_titles_and_urls() {
        let s = source_from("ref-1".into(), "A report, https://example.org/r");
        assert_eq!(s.title, "A report");
        assert_eq!(s.url.as_deref(), Some("https://example.org/r"));
        let s = source_from("ref-2".into(), "[The book](https://b.example/x)");
        assert_eq!(
            (s.title.as_str(), s.url.as_deref()),
            ("The book", Some("https://b.example/x"))
        );
        let s = source_from("ref-3".into(), "https://only.example");
        assert_eq!(s.title, "https://only.example");
        let s = source_from("ref-4".into(), "Interview \\(2021\\)");
        assert_eq!((s.title.as_str(), s.url), ("Interview (2021)", None));
        assert_eq!(source_entry("[12]: x"), Some(("12", "x")));
        assert_eq!(source_entry("[a] x"), None);
    }
}
