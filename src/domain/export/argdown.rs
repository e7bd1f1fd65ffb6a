//! The whole debate as Argdown (`.argdown`), the text syntax of argument maps that
//! Argdown's own tools read and draw:
//!
//! - the title (and the description, as `abstract`) in the front matter, with
//!   `removeTagsFromText` so that tags stay out of the statements' texts;
//! - a section (`# heading`) for each position, its title as the heading, holding the
//!   position as a top statement marked `{position: true}` (with its summary), then the
//!   claims made for that side;
//! - each position and claim defined once, `[id]: text`, its tags as `#tag`, and under
//!   it what supports it (`+ [id]`) and what rebuts it (`- [id]`), by title;
//! - each quote (and each cited source) as a comment above its statement, with its
//!   speaker and source.
//!
//! Text is untrusted: it is written on one line, with every character that Argdown
//! would read as syntax backslash-escaped (a link, a tag, a comment, a title, emphasis,
//! a shortcode), and controls replaced; the same debate always gives the same bytes.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::domain::export::clean;
use crate::domain::graph::model::{Debate, NodeId, Quote, Relation};

/// Argdown's shortcodes (`.A.`, `:heart:`): text that Argdown would turn into another
/// character unless its first character is escaped.
const SHORTCODES: &[&str] = &[
    "A",
    "E",
    "O",
    "P",
    "->",
    "<->",
    "~",
    "^",
    "v",
    "v_",
    "<>",
    "[]",
    "happy",
    "smile",
    "smiley",
    "laugh",
    "lol",
    "rofl",
    "joy",
    "heart",
    "?",
    "question",
    "love",
    "wink",
    "shush",
    "meh",
    "eye-roll",
    "sad",
    "disappointed",
    "scream",
    "+1",
    "up",
    "-1",
    "down",
    "think",
    "star",
    "y",
    "agree",
    "n",
    "disagree",
];

/// Untrusted text as Argdown text that reads back as exactly `clean(s)`.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_text(&mut out, s);
    out
}

/// `clean(s)`, borrowed when `s` is plain ASCII on one line already (the common case,
/// which then costs one scan).
fn line(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let plain = b.first().is_none_or(|&c| c != b' ')
        && b.last().is_none_or(|&c| c != b' ')
        && b.iter().all(|&c| (b' '..=b'~').contains(&c))
        && !s.contains("  ");
    if plain {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(clean(s))
    }
}

/// Whether one line of text needs no escape: none of Argdown's syntax characters, a
/// `/` opening no comment, a `.` or `:` followed by a space or nothing.
fn needs_no_escape(t: &str) -> bool {
    let b = t.as_bytes();
    b.iter().enumerate().all(|(i, &c)| match c {
        b'\\' | b'[' | b'<' | b'#' | b'{' | b'*' | b'_' | b'=' => false,
        b'/' => !matches!(b.get(i + 1), Some(b'/' | b'*')),
        b'.' | b':' => b.get(i + 1).is_none_or(|&n| n == b' '),
        _ => true,
    })
}

/// [`text`], written at the end of `out`.
fn push_text(out: &mut String, s: &str) {
    let t = line(s);
    if needs_no_escape(&t) {
        out.push_str(&t);
        return;
    }
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if matches!(c, '.' | ':')
            && let Some(span) = special_span(&chars[i..])
        {
            let inner: String = span[1..span.len() - 1].iter().collect();
            let risky = inner.chars().any(|c| SYNTAX.contains(&c));
            if !risky && !SHORTCODES.contains(&inner.as_str()) {
                // Argdown reads the span as one unknown shortcode: as it is.
                out.extend(span);
                i += span.len();
                continue;
            }
            out.push('\\');
            out.push(c);
            i += 1;
            continue;
        }
        let escape = match c {
            '\\' | '[' | '<' | '#' | '{' | '*' | '_' => true,
            // `//` and `/*` open comments.
            '/' => matches!(next, Some('/' | '*')),
            // `===` opens front matter, anywhere.
            '=' => next == Some('=') || i > 0 && chars[i - 1] == '=',
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
}

/// The characters that [`text`] may escape: inside what Argdown reads as a shortcode
/// an escape would stay as a backslash, so such a span is broken up instead.
const SYNTAX: &[char] = &['\\', '[', '<', '#', '{', '*', '_', '/', '='];

/// What Argdown lexes as a special character at the start of `rest`: `.x.` or `:x:`,
/// at least one character inside and no white space.
fn special_span(rest: &[char]) -> Option<&[char]> {
    let open = *rest.first()?;
    if rest.get(1).is_none_or(|c| c.is_whitespace()) {
        return None;
    }
    for (k, &c) in rest.iter().enumerate().skip(2) {
        if c.is_whitespace() {
            return None;
        }
        if c == open {
            return Some(&rest[..=k]);
        }
    }
    None
}

/// A tag as Argdown writes it: `#word` when it is one word of letters, digits and
/// dashes, else `#(several words)` (a `)` inside becomes `]`, which a tag can hold).
pub fn tag(t: &str) -> String {
    let t = clean(t);
    let simple = !t.is_empty()
        && t.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || c == '-'
                || ('\u{A0}'..='\u{D7FF}').contains(&c)
                || ('\u{F900}'..='\u{FDCF}').contains(&c)
                || ('\u{FDF0}'..='\u{FFEF}').contains(&c)
        });
    if simple {
        format!("#{t}")
    } else {
        format!("#({})", t.replace(')', "]"))
    }
}

/// Text as a YAML double-quoted string that cannot end a data block or front matter
/// early: one line, `{`, `}` and `=` as hexadecimal escapes.
fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in clean(s).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '{' | '}' | '=' => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A quote as a comment line: who said it, where, in what act, and the words.
fn quote_comment(d: &Debate, q: &Quote) -> String {
    let source = d
        .sources
        .get(q.source as usize)
        .map_or(Cow::Borrowed(""), |s| line(&s.title));
    let who = match (&q.speaker, &q.act) {
        (Some(s), Some(a)) => format!("{} {}, ", line(s), line(a)),
        (Some(s), None) => format!("{}, ", line(s)),
        (None, Some(a)) => format!("{}, ", line(a)),
        (None, None) => String::new(),
    };
    let mut comment = format!("// Quote ({who}{source}): \"{}\"", line(&q.text));
    if let Some(t) = &q.translation {
        let _ = write!(comment, " (translation: \"{}\")", line(t));
    }
    comment
}

/// The debate as an Argdown document.
pub fn argdown(d: &Debate) -> String {
    // The size written, a little over, so the text is written without growing.
    let quoted = |n: NodeId| -> usize {
        d.quotes_of(n)
            .iter()
            .map(|q| q.text.len() + q.translation.as_ref().map_or(0, String::len) + 120)
            .sum()
    };
    let size: usize = d
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| c.text.len() + 40 + 12 * c.tags.len() + quoted(NodeId::Claim(i as u32)))
        .sum::<usize>()
        + 40 * d.links().len()
        + 1024;
    let mut out = String::with_capacity(size);
    out.push_str("===\n");
    let _ = writeln!(out, "title: {}", yaml_string(&d.title));
    if let Some(desc) = &d.description {
        let _ = writeln!(out, "abstract: {}", yaml_string(desc));
    }
    out.push_str("model:\n    removeTagsFromText: true\n===\n");
    for (p, position) in d.positions.iter().enumerate() {
        let _ = writeln!(out, "\n# {}\n", text(&position.title));
        let node = NodeId::Position(p as u32);
        let mut data = String::from("{position: true");
        if let Some(summary) = &position.summary {
            let _ = write!(data, ", summary: {}", yaml_string(summary));
        }
        data.push('}');
        statement(d, node, &text(&position.title), &data, &mut out);
        for &c in d.claims_of(p as u32) {
            let claim = &d.claims[c as usize];
            let mut words = text(&claim.text);
            for t in claim.tags.iter().filter(|t| !clean(t).is_empty()) {
                words.push(' ');
                words.push_str(&tag(t));
            }
            out.push('\n');
            statement(d, NodeId::Claim(c), &words, "", &mut out);
        }
    }
    out
}

/// One statement: its quotes and citations as comments, its definition, then what
/// supports and rebuts it.
fn statement(d: &Debate, node: NodeId, words: &str, data: &str, out: &mut String) {
    for q in d.quotes_of(node) {
        let _ = writeln!(out, "{}", quote_comment(d, q));
    }
    for &s in d.cites_of(node) {
        if let Some(src) = d.sources.get(s as usize) {
            let mut line = format!("// Cites: {}", clean(&src.title));
            if let Some(url) = &src.url {
                let _ = write!(line, " <{}>", clean(url));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    let _ = write!(out, "{}: {words}", title(d, node));
    if !data.is_empty() {
        let _ = write!(out, " {data}");
    }
    out.push('\n');
    for l in d.incoming(node) {
        let sign = match l.relation {
            Relation::Supports => '+',
            Relation::Rebuts => '-',
        };
        let _ = writeln!(out, "  {sign} {}", title(d, l.from));
    }
}

/// A node's title, `[id]`. Argdown reads `[-x]` as no title at all, so an id that
/// starts with `-` is written after a space, which Argdown keeps in the title and
/// debate-tui's import trims.
fn title(d: &Debate, node: NodeId) -> String {
    let id = d.id_of(node);
    if id.starts_with('-') {
        format!("[ {id}]")
    } else {
        format!("[{id}]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_in_text_is_escaped() {
        assert_eq!(
            text("a [b](c) #d {e} *f* _g_ <h>"),
            "a \\[b](c) \\#d \\{e} \\*f\\* \\_g\\_ \\<h>"
        );
        assert_eq!(
            text("see https://x.org/a//b /* c"),
            "see https:\\//x.org/a\\//b \\/\\* c"
        );
        assert_eq!(
            text("e.g. 3.5 U.S. .A. :heart: a:b:c"),
            "e.g. 3.5 U.S. \\.A. \\:heart: a:b:c"
        );
        assert_eq!(text("a === b == c = d"), "a \\=\\=\\= b \\=\\= c = d");
        assert_eq!(
            text("back\\slash\nnew\u{1b}line"),
            "back\\\\slash new\u{FFFD}line"
        );
    }

    #[test]
    fn tags_and_yaml() {
        assert_eq!(tag("safety"), "#safety");
        assert_eq!(tag("two words"), "#(two words)");
        assert_eq!(tag("a(b)"), "#(a(b])");
        assert_eq!(
            yaml_string("a \"b\" {c} ==="),
            "\"a \\\"b\\\" \\x7Bc\\x7D \\x3D\\x3D\\x3D\""
        );
    }
}
