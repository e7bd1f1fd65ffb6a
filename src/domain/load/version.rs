//! `version` as the file writes it. serde_yaml reads `0x1`, `0o1`, `+1` and `01` as the
//! number 1, as YAML allows; format v1 takes only the plain `1`, so that every reader of
//! the file agrees on what it says. The scalar's text comes from the file itself.

use yaml_rust2::Event;
use yaml_rust2::parser::Parser;
use yaml_rust2::scanner::TScalarStyle;

/// How the file writes its top-level `version`: the scalar's text, with its quotes or
/// its tag if it has them (`1`, `0x1`, `"1"`, `!!int 1`). `None` when the file has no
/// such scalar, or writes it as null, or when it cannot be told.
pub fn written(text: &str) -> Option<String> {
    if starts_with_plain_one(text) {
        return Some("1".to_string());
    }
    walk(text)
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

/// Reads the events of the text up to the value of the top-level `version` key.
fn walk(text: &str) -> Option<String> {
    let mut parser = Parser::new_from_str(text);
    let mut next = move || parser.next_token().ok().map(|(e, _)| e);
    loop {
        match next()? {
            Event::StreamStart | Event::DocumentStart => {}
            Event::MappingStart(..) => break,
            _ => return None,
        }
    }
    loop {
        match next()? {
            Event::Scalar(key, ..) if key == "version" => {
                return match next()? {
                    Event::Scalar(value, style, _, tag) => shown(value, style, tag),
                    _ => None,
                };
            }
            Event::MappingEnd => return None,
            key => skip(&key, &mut next)?,
        }
        let value = next()?;
        skip(&value, &mut next)?;
    }
}

/// Skips the rest of the node that `first` starts.
fn skip(first: &Event, next: &mut impl FnMut() -> Option<Event>) -> Option<()> {
    let mut depth = usize::from(matches!(
        first,
        Event::MappingStart(..) | Event::SequenceStart(..)
    ));
    while depth > 0 {
        match next()? {
            Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
            Event::MappingEnd | Event::SequenceEnd => depth -= 1,
            _ => {}
        }
    }
    Some(())
}

/// A scalar as the file writes it, or `None` for null.
fn shown(
    value: String,
    style: TScalarStyle,
    tag: Option<yaml_rust2::parser::Tag>,
) -> Option<String> {
    let text = match style {
        TScalarStyle::Plain
            if tag.is_none() && matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL") =>
        {
            return None;
        }
        TScalarStyle::Plain => value,
        TScalarStyle::SingleQuoted => format!("'{value}'"),
        TScalarStyle::DoubleQuoted => format!("\"{value}\""),
        TScalarStyle::Literal | TScalarStyle::Folded => format!("{value:?}"),
    };
    Some(match tag {
        Some(t) => match t.handle.as_str() {
            "tag:yaml.org,2002:" => format!("!!{} {text}", t.suffix),
            h if h.starts_with('!') => format!("{h}{} {text}", t.suffix),
            h => format!("!<{h}{}> {text}", t.suffix),
        },
        None => text,
    })
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
            ("version: 1\n  more\n", Some("1 more")),
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
