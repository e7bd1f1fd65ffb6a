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
    None
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
}
