//! Markdown in the older layout's texts: backslash escapes, and links `[label](url)`,
//! each of which leaves its label in the text and becomes a source the text cites.
//! The newer layout escapes only the addresses of its `Sources:` section.

use std::collections::HashMap;

use super::sources::citation;
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
/// the raw label, the raw target between the brackets, trimmed and not empty (see
/// [`link_url`]), and the byte after the link.
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
    let target = s.get(j + 2..k)?.trim();
    (!target.is_empty()).then_some((label, target, k + 1))
}

/// The address in a link's target, and whether it is words with spaces that someone
/// typed where the address belongs (then the whole target, as written). In
/// `url "title"` (or `'title'`, `(title)`) the address is the first word.
pub(super) fn link_url(target: &str) -> (&str, bool) {
    match target.find(char::is_whitespace) {
        None => (target, false),
        Some(i) if target[i..].trim_start().starts_with(['"', '\'', '(']) => (&target[..i], false),
        Some(_) => (target, true),
    }
}

/// What a text cites: an entry `[n]` of the `Sources:` section, by its number, or a
/// source a Markdown link made, by its place in [`Links::sources`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Cite<'a> {
    Entry(&'a str),
    Link(usize),
}

/// The sources met while cleaning texts: one per distinct url of a Markdown link.
#[derive(Default)]
pub(super) struct Links {
    pub(super) sources: Vec<RawSource>,
    pub(super) by_url: HashMap<String, usize>,
    /// The targets that are words rather than an address, each once.
    pub(super) free_text: Vec<String>,
}

impl Links {
    /// `raw` without escapes, each Markdown link replaced by its label (by its url
    /// when the label is empty) and recorded as a source. What the text cites, links
    /// and unescaped `[n]`, joins `cites` in the order of the text.
    pub(super) fn clean<'r>(&mut self, raw: &'r str, cites: &mut Vec<Cite<'r>>) -> String {
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
                b'[' => {
                    if let Some((label, target, end)) = markdown_link(raw, i) {
                        out.push_str(&raw[plain..i]);
                        let label = unescape(label).trim().to_string();
                        let (url, free) = link_url(target);
                        let url = unescape(url);
                        cites.push(Cite::Link(self.add(&label, &url, free)));
                        out.push_str(if label.is_empty() { &url } else { &label });
                        i = end;
                        plain = i;
                    } else if let Some((n, end)) = citation(raw, i) {
                        cites.push(Cite::Entry(n));
                        i = end;
                    } else {
                        i += 1;
                    }
                }
                _ => i += 1,
            }
        }
        out.push_str(&raw[plain..]);
        out
    }

    /// The source of `url`, made the first time it is met.
    fn add(&mut self, label: &str, url: &str, free_text: bool) -> usize {
        if let Some(&at) = self.by_url.get(url) {
            return at;
        }
        if free_text {
            self.free_text.push(url.to_string());
        }
        self.by_url.insert(url.to_string(), self.sources.len());
        self.sources.push(RawSource {
            id: format!("link-{}", self.sources.len() + 1),
            title: if label.is_empty() { url } else { label }.to_string(),
            url: Some(url.to_string()),
            ..RawSource::default()
        });
        self.sources.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_go_and_links_become_sources() {
        let mut l = Links::default();
        let mut cites = Vec::new();
        let t = l.clean(
            r"Audits \(see [a report](https://example.org/r\(1\))\) \[sic\] \[2\] [1] a\\b",
            &mut cites,
        );
        assert_eq!(t, r"Audits (see a report) [sic] [2] [1] a\b");
        // The link and the unescaped `[1]`; `\[2\]` is text.
        assert_eq!(cites, [Cite::Link(0), Cite::Entry("1")]);
        assert_eq!(l.sources.len(), 1);
        assert_eq!(l.sources[0].id, "link-1");
        assert_eq!(l.sources[0].title, "a report");
        assert_eq!(
            l.sources[0].url.as_deref(),
            Some("https://example.org/r(1)")
        );
        // The same url again is the same source; an empty label shows the url.
        let mut cites = Vec::new();
        let t = l.clean(
            "[](https://example.org/r\\(1\\)) and [x](https://b.example \"T\")",
            &mut cites,
        );
        assert_eq!(t, "https://example.org/r(1) and x");
        assert_eq!(cites, [Cite::Link(0), Cite::Link(1)]);
        assert_eq!(l.sources.len(), 2);
        assert_eq!(l.sources[1].url.as_deref(), Some("https://b.example"));
        // Not links: unclosed, empty url, across a line; non-ASCII around them.
        assert_eq!(l.clean("perché [x](y", &mut cites), "perché [x](y");
        assert_eq!(
            l.clean("[x]() [y]\n(z) é\\", &mut cites),
            "[x]() [y]\n(z) é\\"
        );
        assert_eq!(l.sources.len(), 2);
        // Words for an address: kept whole, never cut at the first space.
        let t = l.clean(
            "[Court B](http://Court B of Example v. State) [C](https://c.example/#{\"id\":\\[\"3\"\\]})",
            &mut cites,
        );
        assert_eq!(t, "Court B C");
        assert_eq!(
            l.sources[2].url.as_deref(),
            Some("http://Court B of Example v. State")
        );
        assert_eq!(l.free_text, ["http://Court B of Example v. State"]);
        assert_eq!(
            l.sources[3].url.as_deref(),
            Some("https://c.example/#{\"id\":[\"3\"]}")
        );
    }
}
