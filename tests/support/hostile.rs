//! A debate whose every text tries to act on the terminal: escape sequences (CSI, OSC
//! with a window title), a C1 control, BEL, bidirectional overrides and isolates,
//! invisible characters, tabs and line separators. Shared by the tests that check that
//! none of it reaches a terminal or a file.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The payload, as YAML double-quoted escapes.
pub const PAYLOAD: &str = r"\e]0;PWNED\a\e[31mPWNED\e[2J\x9bJ\u202eDERIW\u2066iso\u2069\u200bzw\U000E0041tag\ttab\u2028sep";

/// What must never appear in anything printed or written: the payload's sequences and
/// characters. (Output may hold escape sequences of its own, so ESC alone is not here.)
pub const FORBIDDEN: &[&str] = &[
    "\x1b]0;PWNED",
    "\x1b[31mPWNED",
    "\x1b[2J",
    "\x07",
    "\t",
    "\u{9b}",
    "\u{202e}",
    "\u{2066}",
    "\u{2069}",
    "\u{200b}",
    "\u{E0041}",
    "\u{2028}",
];

/// A file name that tries the same (file names are data too).
pub const FILE_NAME: &str = "evil\x1b]0;PWNED\x07\u{202e}\tname.yaml";

/// A valid debate of two claims, a rebuttal, and a quote verified in a source file;
/// every text and title carries the payload.
pub fn valid_yaml(source_file: &str) -> String {
    format!(
        r#"version: 1
title: "Title {PAYLOAD}"
description: "About {PAYLOAD}"
sources:
  - id: talk
    title: "Talk {PAYLOAD}"
    author: "Author {PAYLOAD}"
    date: "Date {PAYLOAD}"
    url: "https://example.org/{PAYLOAD}"
    file: "{source_file}"
positions:
  - id: open
    title: "Open {PAYLOAD}"
    summary: "Summary {PAYLOAD}"
  - id: closed
    title: "Closed {PAYLOAD}"
claims:
  - id: first
    position: open
    text: "Claim {PAYLOAD}"
    tags: ["tag {PAYLOAD}"]
    quotes:
      - source: talk
        text: "said {PAYLOAD} here"
        speaker: "Speaker {PAYLOAD}"
        translation: "Translation {PAYLOAD}"
  - id: second
    position: closed
    text: "Rebuttal {PAYLOAD}"
    rebuts: [first]
"#
    )
}

/// The source file's text: it holds the quote, payload and all.
pub fn source_text() -> String {
    let yaml = format!("x: \"{PAYLOAD}\"");
    let v: serde_yaml::Value = serde_yaml::from_str(&yaml).expect("the payload is YAML");
    let payload = v["x"].as_str().expect("a string").to_owned();
    format!("Before.\nsaid {payload} here\nAfter, more {payload}.\n")
}

/// An invalid debate: ids, keys and references that carry the payload, a quote not in
/// its source (whose closest passage is printed), a source file that is missing.
pub fn invalid_yaml(source_file: &str) -> String {
    format!(
        r#"version: 1
title: "Title {PAYLOAD}"
"{PAYLOAD}": 1
sources:
  - id: talk
    title: "Talk"
    file: "{source_file}"
  - id: gone
    title: "Gone"
    file: "missing {PAYLOAD}.txt"
positions:
  - id: "open{PAYLOAD}"
    title: "Open"
claims:
  - id: first
    position: "open{PAYLOAD}"
    text: "Claim"
    rebuts: ["nowhere{PAYLOAD}"]
    quotes:
      - source: talk
        text: "said {PAYLOAD} but not here"
      - source: "nosource{PAYLOAD}"
        text: "x"
"#
    )
}

/// Writes the valid (or invalid) debate and its source file into `dir`, the debate
/// under [`FILE_NAME`] and the source under a hostile name too. Returns the debate's
/// path.
pub fn write(dir: &Path, valid: bool) -> PathBuf {
    let source = "talk\u{1b}[31m\u{202e}.txt";
    std::fs::write(dir.join(source), source_text()).expect("write the source");
    // In YAML the source's name is written with escapes.
    let yaml_source = r"talk\e[31m\u202e.txt";
    let text = if valid {
        valid_yaml(yaml_source)
    } else {
        invalid_yaml(yaml_source)
    };
    let file = dir.join(FILE_NAME);
    std::fs::write(&file, text).expect("write the debate");
    file
}

/// The forbidden sequences found in `out`, by name.
pub fn found_in(out: &[u8]) -> Vec<String> {
    FORBIDDEN
        .iter()
        .filter(|f| out.windows(f.len()).any(|w| w == f.as_bytes()))
        .map(|f| format!("{f:?}"))
        .collect()
}

/// Output for a terminal: no control character but the line break, nothing from
/// [`FORBIDDEN`], and valid UTF-8.
pub fn assert_clean(what: &str, out: &[u8]) {
    let text = std::str::from_utf8(out).unwrap_or_else(|e| panic!("{what} is not UTF-8: {e}"));
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && debate_tui::domain::text::is_unsafe(c))
        .collect();
    assert!(bad.is_empty(), "{what} holds controls {bad:?}:\n{text}");
    let found = found_in(out);
    assert!(found.is_empty(), "{what} holds {found:?}:\n{text}");
}
