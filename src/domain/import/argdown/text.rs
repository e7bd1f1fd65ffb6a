//! The text of one element as Argdown reads it: escapes undone, tags, links and data
//! taken out, emphasis markers dropped, white space made single spaces.

use super::parse::{Next, data_end, window};

/// What an element's text holds.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Inline {
    /// The words, on one line: a link's label stays, and the link goes to `links`.
    pub(super) text: String,
    pub(super) tags: Vec<String>,
    /// Each link's label and address.
    pub(super) links: Vec<(String, String)>,
    /// The first `{...}` data block, as written.
    pub(super) data: Option<String>,
    /// How many emphasis markers (`*`, `**`, `_`, `__`) were dropped.
    pub(super) emphasis: usize,
}

/// `[label](url)` at the start of `s`: the label, the address and the length.
pub(super) fn link_at(s: &str) -> Option<(&str, &str, usize)> {
    let rest = s.strip_prefix('[')?;
    let close = window(rest).find([']', '\n'])?;
    if close == 0 || !rest[close..].starts_with("](") {
        return None;
    }
    let url_start = close + 2;
    let url_len = window(&rest[url_start..]).find([')', '\n'])?;
    if url_len == 0 || !rest[url_start + url_len..].starts_with(')') {
        return None;
    }
    Some((
        &rest[..close],
        &rest[url_start..url_start + url_len],
        1 + url_start + url_len + 1,
    ))
}

/// Whether `c` may stand in a tag written without parentheses (`#word`).
fn tag_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '-' | '_')
        || ('\u{A0}'..='\u{D7FF}').contains(&c)
        || ('\u{F900}'..='\u{FDCF}').contains(&c)
        || ('\u{FDF0}'..='\u{FFEF}').contains(&c)
}

/// What ends an emphasis: white space, the end, or one of these.
fn closes(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || ")}_.,!?;:-*\"'".contains(c))
}

/// Reads one element's text.
pub(super) fn inline(raw: &str) -> Inline {
    let mut out = Inline::default();
    let mut text = String::with_capacity(raw.len());
    let (mut square, mut paren) = (Next::default(), Next::default());
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            '\\' => {
                let next = rest[1..].chars().next();
                text.push(next.unwrap_or('\\'));
                i += 1 + next.map_or(0, char::len_utf8);
                continue;
            }
            '[' => {
                // `[label](url)`, its ends found once for the whole text.
                if let Some(close) = square.within(raw, i + 1, &[']', '\n'])
                    && close > i + 1
                    && raw[close..].starts_with("](")
                    && let Some(end) = paren.within(raw, close + 2, &[')', '\n'])
                    && end > close + 2
                    && raw[end..].starts_with(')')
                {
                    let (label, url) = (&raw[i + 1..close], &raw[close + 2..end]);
                    text.push_str(label);
                    out.links
                        .push((label.trim().to_string(), url.trim().to_string()));
                    i = end + 1;
                    continue;
                }
            }
            '#' => {
                if rest.starts_with("#(")
                    && let Some(end) = paren.within(raw, i + 2, &[')', '\n'])
                    && end > i + 2
                    && raw[end..].starts_with(')')
                {
                    push_tag(&mut out.tags, &raw[i + 2..end]);
                    i = end + 1;
                    continue;
                }
                let len: usize = rest[1..]
                    .chars()
                    .take_while(|&c| tag_char(c))
                    .map(char::len_utf8)
                    .sum();
                if len > 0 {
                    push_tag(&mut out.tags, &rest[1..1 + len]);
                    i += 1 + len;
                    continue;
                }
            }
            '{' => {
                if let Some(len) = data_end(rest) {
                    if out.data.is_none() {
                        out.data = Some(rest[..len].to_string());
                    }
                    i += len;
                    continue;
                }
            }
            '*' | '_' => {
                let run = if rest[1..].starts_with(c) { 2 } else { 1 };
                let before = raw[..i].chars().next_back();
                let after = raw[i + run..].chars().next();
                let opens = closes(before) && after.is_some_and(|a| !a.is_whitespace());
                let ends = before.is_some_and(|p| !p.is_whitespace()) && closes(after);
                if opens || ends {
                    out.emphasis += 1;
                    i += run;
                    continue;
                }
            }
            _ => {}
        }
        text.push(c);
        i += c.len_utf8();
    }
    out.text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    out
}

fn push_tag(tags: &mut Vec<String>, tag: &str) {
    let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
    if !tag.is_empty() && !tags.contains(&tag) {
        tags.push(tag);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tags_links_data_and_emphasis() {
        let i = inline(
            "A \\[b\\] *c* and **d** snake_case 5 * 3 #tag #(two words) [site](https://x.org/a) {k: v}",
        );
        assert_eq!(i.text, "A [b] c and d snake_case 5 * 3 site");
        assert_eq!(i.tags, ["tag", "two words"]);
        assert_eq!(
            i.links,
            [("site".to_string(), "https://x.org/a".to_string())]
        );
        assert_eq!(i.data.as_deref(), Some("{k: v}"));
        assert_eq!(i.emphasis, 4);
        assert_eq!(inline("e.g. \\#1 C# \\\\").text, "e.g. #1 C# \\");
        assert_eq!(link_at("[a](b) c"), Some(("a", "b", 6)));
        assert_eq!(link_at("[a] (b)"), None);
    }
}
