//! Argdown documents (`.argdown`): the text syntax of argument maps that Argdown's
//! tools (its VS Code extension, its command line, its web sandbox) read and draw.
//!
//! How a document becomes a debate:
//! - The front matter's `title` is the title; its `subTitle` and `abstract` are the
//!   description. Without a title, the one main claim's text (see below), else the
//!   file's name.
//! - Each statement (`[title]: text`, or a text with no title, which Argdown calls
//!   `Untitled N`) is a claim, its id made of its title (`[Open weights]` is
//!   `Open-weights`), its text the first definition's, its tags (`#tag`, `#(two
//!   words)`) the claim's tags. A link `[label](url)` leaves its label in the text and
//!   becomes a source `link-N` the claim cites.
//! - Each argument (`<title>: text`) is a claim too, unless a premise-conclusion
//!   structure (`(1) ...`, `----`, `(2) ...`) reconstructs it: then it stands for its
//!   conclusion, which each inference's premises support (those its `{uses: [1, 2]}`
//!   names, else the statements since the inference before).
//! - Relations, by indentation under what they relate to: `+` and `<+` support, `-`
//!   and `<-` rebut the element above; `+>` and `->` are the element above supporting
//!   or rebutting the one after the sign. `><` (a contradiction) becomes a rebuttal
//!   each way, `_` (an undercut) a rebuttal of the conclusion. A relation of an
//!   argument that is reconstructed is one of its conclusion.
//! - Sides: statements marked `{position: true}` (as debate-tui's Argdown export
//!   writes them) are the positions, their `summary` data the summary, and each claim
//!   takes the side of the position of its section (`# heading`). Without such marks,
//!   sides come from the links as for an AIF map: each main claim (one that supports
//!   or rebuts nothing while something supports or rebuts it) gives a position "For"
//!   it and one "Against" it, and a claim takes a side by the parity of rebuttals on
//!   its way there; claims linked to nothing go to one more position, `other`.
//! - Comments are left out, as Argdown's tools leave them out. What format v1 cannot
//!   hold, or holds changed, is a warning with its count and reason ([`left_out`]).

mod build;
mod left_out;
mod parse;
mod text;

use super::{Conversion, stem};
use crate::domain::load::diag::{Diagnostic, LoadError};
use crate::domain::load::raw::RawDebate;

/// Reads an Argdown document into the raw structs of format v1, with what could not
/// be carried over.
pub fn import(name: &str, text: &str) -> Result<Conversion, LoadError> {
    if let Some(what) = not_argdown(text) {
        return Err(LoadError::Invalid {
            file: name.to_string(),
            problems: vec![
                Diagnostic::whole_file(name, format!("not an Argdown document: this looks like {what}"))
                    .note("hint: an Argdown document holds statements such as `[Title]: text` and arguments such as `<Title>: text`, with relations (`+`, `-`) indented under them"),
            ],
        });
    }
    let mut doc = parse::parse(text);
    if doc.nodes.is_empty() {
        return Err(LoadError::Invalid {
            file: name.to_string(),
            problems: vec![
                Diagnostic::whole_file(
                    name,
                    "no statement or argument: there is nothing to import",
                )
                .note("hint: an Argdown document holds statements such as `[Title]: text`"),
            ],
        });
    }
    let built = build::build(&mut doc);
    let title = doc
        .title
        .clone()
        .or(built.main)
        .unwrap_or_else(|| stem(name));
    let raw = RawDebate {
        version: 1,
        title,
        description: doc.description.clone(),
        sources: built.sources,
        positions: built.positions,
        claims: built.claims,
        lint: None,
    };
    Ok(Conversion {
        raw,
        left_out: std::mem::take(&mut doc.left_out).warnings(name),
        texts: Vec::new(),
    })
}

/// What a file that is not Argdown looks like, when its start says so: such a file
/// reaches this importer only by its name (`.argdown`), and would otherwise be read
/// as statements made of JSON or YAML.
pub(super) fn not_argdown(text: &str) -> Option<&'static str> {
    let start = text.trim_start();
    if start.contains('\0') {
        return Some("a binary file");
    }
    if start.starts_with('{') || start.starts_with("[{") || start.starts_with("[\"") {
        return Some("JSON");
    }
    if start.starts_with("<?xml") || start.starts_with("<!DOCTYPE") || start.starts_with("<html") {
        return Some("XML or HTML");
    }
    if text.lines().any(|l| l.starts_with("version:")) {
        return Some(
            "a debate file in format v1 (YAML): open it or `check` it as it is, under a `.yaml` name",
        );
    }
    if start.starts_with("---\n") || start.starts_with("---\r\n") {
        return Some("YAML");
    }
    None
}
