//! Telling a file's format by its content, not by its extension: what decides whether
//! a file is loaded as format v1 YAML or imported, and by which importer.

use super::{Format, kialo};
use crate::domain::load::read::strip_bom;

/// The format of a file's text, if it is one debate-tui imports; `None` for anything
/// else (format v1 YAML among it).
///
/// - AIF: a JSON object whose top level has a `nodes` or an `AIF` key.
/// - Kialo: the first non-blank line is `Discussion Title: ...` or `Discussion
///   Name: ...`, or a numbered item such as `1. ...`.
/// - Argdown: no line of the file's start is a top-level `version:` (format v1), and
///   the file starts with front matter (`===`), or a line of its start defines a
///   statement (`[Title]: ...`) or an argument (`<Title>: ...`), or is an indented
///   relation to one (`  + [Title]`, `  <- <Title>`).
pub fn detect(text: &str) -> Option<Format> {
    let start = strip_bom(text).trim_start();
    if start.starts_with('{') {
        return json_top_keys_include(start, &["nodes", "AIF"]).then_some(Format::Aif);
    }
    let first = start.lines().next().unwrap_or("").trim();
    if first.starts_with("Discussion Title:")
        || first.starts_with("Discussion Name:")
        || kialo::is_item_line(first)
    {
        return Some(Format::Kialo);
    }
    if looks_like_argdown(start) {
        return Some(Format::Argdown);
    }
    None
}

/// [`detect`], with the file's name as a hint where the content is ambiguous: a file
/// named `.argdown` (or `.ad`) whose content is no other format, and not format v1
/// (no top-level `version:`), is read as Argdown, since any text is an Argdown
/// statement. The Argdown importer then says what the file looks like when it is
/// plainly something else (JSON, XML, binary).
pub fn detect_named(name: &str, text: &str) -> Option<Format> {
    detect(text).or_else(|| {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        let argdown_name = matches!(ext.as_deref(), Some("argdown" | "ad"));
        (argdown_name && !head(text).lines().any(|l| l.starts_with("version:")))
            .then_some(Format::Argdown)
    })
}

/// The start of a file that detection reads: enough for any header, and a bound on
/// the cost for a large file.
fn head(text: &str) -> &str {
    const HEAD: usize = 64 * 1024;
    if text.len() <= HEAD {
        return text;
    }
    let mut end = HEAD;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether the start of a file reads as Argdown (see [`detect`]).
fn looks_like_argdown(start: &str) -> bool {
    let head = head(start);
    if head.lines().any(|l| l.starts_with("version:")) {
        return false;
    }
    if head.starts_with("===") {
        return true;
    }
    head.lines().any(|line| {
        let rest = line.trim_start();
        let defines = |open: char, close: &str| {
            rest.strip_prefix(open)
                .and_then(|r| r.find(close).map(|k| (r, k)))
                .is_some_and(|(r, k)| {
                    k > 0
                        && !r[..k].contains(['[', ']', '<', '>'])
                        && r[k + 2..].chars().next().is_none_or(char::is_whitespace)
                })
        };
        let relation = line.len() > rest.len()
            && ["+>", "->", "<+", "<-", "><", "_>", "<_", "+", "-", "_"]
                .iter()
                .find_map(|s| rest.strip_prefix(s))
                .is_some_and(|r| {
                    let r = r.trim_start();
                    r.len() < rest.len() - 1
                        && (r.starts_with('[') && r.contains("]")
                            || r.starts_with('<') && r.contains('>'))
                        && !r.starts_with("[\"")
                        && !r.contains(", ")
                });
        defines('[', "]:") || defines('<', ">:") || relation
    })
}

/// Whether the JSON object that `text` starts with has one of `keys` at its top level.
/// A scan of strings and brackets, without building anything: cheap on a large file,
/// and it still answers for a truncated one, which then gets the importer's error
/// rather than a YAML one.
fn json_top_keys_include(text: &str, keys: &[&str]) -> bool {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return false;
                }
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(b.len());
                if depth == 1 {
                    let key = &b[start..end];
                    let mut k = end + 1;
                    while k < b.len() && b[k].is_ascii_whitespace() {
                        k += 1;
                    }
                    if b.get(k) == Some(&b':') && keys.iter().any(|w| w.as_bytes() == key) {
                        return true;
                    }
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content() {
        assert_eq!(detect("Discussion Title: X\n\n1. Y\n"), Some(Format::Kialo));
        assert_eq!(
            detect("\u{FEFF}\r\n  Discussion Name: X\r\n"),
            Some(Format::Kialo)
        );
        assert_eq!(detect("1. A thesis\n1.1. Pro: a"), Some(Format::Kialo));
        assert_eq!(detect("1.  Thesis:\n"), Some(Format::Kialo));
        assert_eq!(detect(r#"{"nodes": [], "edges": []}"#), Some(Format::Aif));
        assert_eq!(
            detect(r#" {"OVA": {"nodes": []}, "text": "a \" }", "AIF": {}}"#),
            Some(Format::Aif)
        );
        // Truncated JSON is still told apart, so its error says where it ends.
        assert_eq!(
            detect(r#"{"nodes": [{"nodeID": "1", "te"#),
            Some(Format::Aif)
        );
        // A `nodes` key deeper down does not count; neither does a value.
        assert_eq!(detect(r#"{"a": {"nodes": []}, "b": "nodes"}"#), None);
        assert_eq!(detect("version: 1\ntitle: t\n"), None);
        assert_eq!(detect("{version: 1, title: t, positions: []}"), None);
        assert_eq!(detect("# 1. a comment\nversion: 1\n"), None);
        assert_eq!(detect("1.5: x\n"), None);
        assert_eq!(detect(""), None);
    }

    #[test]
    fn argdown_by_content_and_by_name_where_content_is_ambiguous() {
        assert_eq!(
            detect("===\ntitle: T\n===\n\n[a]: b"),
            Some(Format::Argdown)
        );
        assert_eq!(
            detect("// c\n[Open weights]: Publish them."),
            Some(Format::Argdown)
        );
        assert_eq!(detect("<Arg>: Because.\n"), Some(Format::Argdown));
        assert_eq!(detect("Plain text\n  + [A]\n"), Some(Format::Argdown));
        assert_eq!(detect("Plain text\n  - <A>: b\n"), Some(Format::Argdown));
        // Format v1 and other YAML stay YAML.
        assert_eq!(detect("version: 1\ntitle: t\n# [a]: b\n"), None);
        assert_eq!(detect("claims:\n  - [a, b]\n  - [\"x\"]\n"), None);
        assert_eq!(detect("Just a sentence."), None);
        assert_eq!(
            detect_named("x.argdown", "Just a sentence."),
            Some(Format::Argdown)
        );
        assert_eq!(detect_named("x.AD", "{\"a\": 1}"), Some(Format::Argdown));
        assert_eq!(detect_named("x.argdown", "version: 1\ntitle: t"), None);
        assert_eq!(detect_named("x.yaml", "Just a sentence."), None);
        assert_eq!(
            detect_named("x.argdown", "{\"nodes\": []}"),
            Some(Format::Aif)
        );
    }
}
