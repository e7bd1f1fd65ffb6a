//! `version` as the file writes it. serde_yaml reads `0x1`, `0o1`, `+1` and `01` as the
//! number 1, as YAML allows; format v1 takes only the plain `1`, so that every reader of
//! the file agrees on what it says. The scalar's text comes from the file itself.

use crate::domain::load::depth::top_level_scalar;

/// How the file writes its top-level `version`: the scalar's text, with its quotes, its
/// escapes and its tag if it has them (`1`, `0x1`, `"1"`, `!!int 1`), as the depth scan
/// finds it, reading like serde_yaml's parser. `None` when the file has no such scalar,
/// or writes it as null.
pub fn written(text: &str) -> Option<String> {
    if starts_with_plain_one(text) {
        return Some("1".to_string());
    }
    top_level_scalar(text, "version")
        .filter(|v| !matches!(*v, "~" | "null" | "Null" | "NULL"))
        .map(str::to_string)
}

/// Whether the text opens with the line `version: 1` (after blank lines, comments and a
/// `---`), the usual layout, told without parsing: that line is the first entry of the
/// top-level mapping, and the value is `1` unless the next line goes on with it.
fn starts_with_plain_one(text: &str) -> bool {
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let Some(line) = lines.find(|l| !is_blank_or_comment(l) && !is_document_start(l)) else {
        return false;
    };
    let Some(value) = line.strip_prefix("version:") else {
        return false;
    };
    let value = value.trim_start_matches([' ', '\t']);
    if value.len() == line.len() - "version:".len() {
        return false; // no blank after the colon
    }
    let Some(rest) = value.strip_prefix('1') else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    if rest.starts_with('#') && rest.len() < value.len() - 1 {
        return true; // a comment ends the value
    }
    if !rest.is_empty() {
        return false;
    }
    // A plain value goes on over the next lines that are indented.
    match lines.find(|l| !l.trim_matches([' ', '\t']).is_empty()) {
        None => true,
        Some(next) => {
            !next.starts_with([' ', '\t']) || next.trim_start_matches([' ', '\t']).starts_with('#')
        }
    }
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t']);
    t.is_empty() || t.starts_with('#')
}

fn is_document_start(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|r| r.is_empty() || is_blank_or_comment(r) && r.starts_with([' ', '\t']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_first_line_is_told_without_parsing() {
        for t in [
            "version: 1\ntitle: T\n",
            "# a debate\n\n---\nversion:  1 # the format\n",
            "version: 1\r\n  # note\r\ntitle: T\r\n",
            "version: 1",
        ] {
            assert!(starts_with_plain_one(t), "{t:?}");
            assert_eq!(written(t).as_deref(), Some("1"), "{t:?}");
        }
        for t in [
            "version: 1\n  more\n",
            "version: 1.0\n",
            "version: 10\n",
            "version:1\n",
            "title: T\nversion: 1\n",
            "version: 1#x\n",
        ] {
            assert!(!starts_with_plain_one(t), "{t:?}");
        }
    }

    #[test]
    fn the_scalar_is_shown_as_written() {
        let cases = [
            ("version: 0x1\n", Some("0x1")),
            ("title: T\nversion: 1\n", Some("1")),
            ("{title: T, version: +1}", Some("+1")),
            ("claims: [{a: [1, 2]}]\nversion: '1'\n", Some("'1'")),
            ("? [version]\n: 2\nversion: \"1\"\n", Some("\"1\"")),
            ("version: !!int 1\n", Some("!!int 1")),
            ("version: 1\n  more\n", Some("1\n  more")),
            ("version: \"\\x31\" # one\n", Some("\"\\x31\"")),
            ("{version: &v 0o1, title: *v}", Some("&v 0o1")),
            ("version: ~\n", None),
            ("version: [1]\n", None),
            ("version:\n", None),
            ("title: T\n", None),
            ("- version: 1\n", None),
        ];
        for (t, want) in cases {
            assert_eq!(written(t).as_deref(), want, "{t:?}");
        }
    }
}
