//! Markdown in an export's texts: backslash escapes, and links `[label](url)`, each
//! of which leaves its label in the text and becomes a source.

use std::collections::HashMap;

use crate::domain::load::raw::RawSource;

/// Removes Markdown backslash escapes (`\(` is `(`).
pub(super) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
        } else {
            out.push(c);
        }
    }
    out
}

/// A Markdown link `[label](url)` starting at byte `at` of `s` (which holds `[`):
/// the raw label, the raw url and the byte after the link.
pub(super) fn markdown_link(s: &str, at: usize) -> Option<(&str, &str, usize)> {
    let b = s.as_bytes();
    let mut j = at + 1;
    loop {
        match b.get(j)? {
            b'\\' => j += 2,
            b']' => break,
            b'[' | b'\n' => return None,
            _ => j += 1,
        }
    }
    if b.get(j + 1) != Some(&b'(') {
        return None;
    }
    let mut k = j + 2;
    let mut open = 1usize;
    loop {
        match b.get(k)? {
            b'\\' => k += 2,
            b'(' => {
                open += 1;
                k += 1;
            }
            b')' => {
                open -= 1;
                if open == 0 {
                    break;
                }
                k += 1;
            }
            b'\n' => return None,
            _ => k += 1,
        }
    }
    let label = s.get(at + 1..j)?;
    // `[label](url "title")`: the url is the first word.
    let url = s.get(j + 2..k)?.split_whitespace().next()?;
    Some((label, url, k + 1))
}

/// The sources met while cleaning texts: one per distinct url of a Markdown link.
#[derive(Default)]
pub(super) struct Links {
    pub(super) sources: Vec<RawSource>,
    pub(super) by_url: HashMap<String, usize>,
}

impl Links {
    /// `raw` without escapes, each Markdown link replaced by its label (by its url
    /// when the label is empty) and recorded as a source.
    pub(super) fn clean(&mut self, raw: &str) -> String {
        let b = raw.as_bytes();
        let mut out = String::with_capacity(raw.len());
        let mut plain = 0;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                    out.push_str(&raw[plain..i]);
                    out.push(char::from(b[i + 1]));
                    i += 2;
                    plain = i;
                }
                b'[' => match markdown_link(raw, i) {
                    Some((label, url, end)) => {
                        out.push_str(&raw[plain..i]);
                        let label = unescape(label).trim().to_string();
                        let url = unescape(url);
                        self.add(&label, &url);
                        out.push_str(if label.is_empty() { &url } else { &label });
                        i = end;
                        plain = i;
                    }
                    None => i += 1,
                },
                _ => i += 1,
            }
        }
        out.push_str(&raw[plain..]);
        out
    }

    fn add(&mut self, label: &str, url: &str) {
        if self.by_url.contains_key(url) {
            return;
        }
        self.by_url.insert(url.to_string(), self.sources.len());
        self.sources.push(RawSource {
            id: format!("link-{}", self.sources.len() + 1),
            title: if label.is_empty() { url } else { label }.to_string(),
            url: Some(url.to_string()),
            ..RawSource::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_go_and_links_become_sources() {
        let mut l = Links::default();
        let t = l.clean(r"Audits \(see [a report](https://example.org/r\(1\))\) \[sic\] [1] a\\b");
        assert_eq!(t, r"Audits (see a report) [sic] [1] a\b");
        assert_eq!(l.sources.len(), 1);
        assert_eq!(l.sources[0].id, "link-1");
        assert_eq!(l.sources[0].title, "a report");
        assert_eq!(
            l.sources[0].url.as_deref(),
            Some("https://example.org/r(1)")
        );
        // The same url again is the same source; an empty label shows the url.
        let t = l.clean("[](https://example.org/r\\(1\\)) and [x](https://b.example \"T\")");
        assert_eq!(t, "https://example.org/r(1) and x");
        assert_eq!(l.sources.len(), 2);
        assert_eq!(l.sources[1].url.as_deref(), Some("https://b.example"));
        // Not links: unclosed, empty url, across a line; non-ASCII around them.
        assert_eq!(l.clean("perché [x](y"), "perché [x](y");
        assert_eq!(l.clean("[x]() [y]\n(z) é\\"), "[x]() [y]\n(z) é\\");
        assert_eq!(l.sources.len(), 2);
    }
}
