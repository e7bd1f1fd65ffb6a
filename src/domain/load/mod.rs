//! Format v1: a debate file's text in, a validated [`Debate`] or every problem out,
//! and the steps every format shares: [`read`] for the file, [`validate`](mod@validate)
//! for the debate, [`diag`] for the problems.
//!
//! A valid file takes the fast path: serde reads it straight into the raw structs
//! ([`raw`]), on every core when it is large. Only when that fails does the lenient
//! reader walk the file to find *every* structural problem, and only when there are
//! problems are their lines and columns looked up.
//!
//! Which format a file is in is told above this module and the importers, in
//! [`crate::domain::open`].

pub mod depth;
pub mod diag;
mod lenient;
pub mod lint;
mod locate;
pub mod memory;
pub mod progress;
pub mod quote;
pub mod raw;
pub mod read;
mod split;
pub mod validate;
mod value;
mod version;

use crate::domain::graph::model::{Debate, NodeId};
use crate::domain::load::depth::too_deep;
use crate::domain::load::diag::{Code, Diagnostic, LoadError, without_place};
use crate::domain::load::lenient::lenient;
use crate::domain::load::locate::place;
use crate::domain::load::progress::{Phase, Progress};
use crate::domain::load::raw::{RawDebate, RawLint, budget};
use crate::domain::load::validate::{Origins, Problem, SourceFiles, Stats, unmet, validate};

pub use crate::domain::load::read::{EmbeddedFiles, MAX_FILE_BYTES, MAX_SOURCE_FILE_BYTES};

/// A loaded debate and what loading it verified.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub debate: Debate,
    pub stats: Stats,
    /// What loaded but deserves a word: for an imported file, what could not be
    /// carried over into format v1, with counts and reasons.
    pub warnings: Vec<Diagnostic>,
    /// The expectations (`expect:`) the debate does not meet, as errors at their lines.
    /// The debate loads all the same; `check` fails on them.
    pub unmet: Vec<Diagnostic>,
    /// A format v1 file's `lint` settings (the default when it has none), for
    /// [`lint::lint`]; `None` for an imported file, which has no lines to point at and
    /// is not linted.
    pub lint: Option<RawLint>,
}

/// Loads the format v1 text of a file called `name` (used in messages), its byte
/// order mark already removed.
pub fn load_yaml(
    name: &str,
    text: &str,
    files: &dyn SourceFiles,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    progress.start(Phase::Parsing, 0);
    let (raw, origins, mut problems) = read_raw(name, text)?;
    let result = match raw {
        Some(mut raw) => {
            let lint = raw.lint.take().unwrap_or_default();
            match validate(raw, &origins, files, progress) {
                Ok((debate, stats)) if problems.is_empty() => {
                    let unmet = match unmet(&debate, &origins) {
                        u if u.is_empty() => Vec::new(),
                        u => place(name, text, u),
                    };
                    return Ok(Loaded {
                        debate,
                        stats,
                        warnings: Vec::new(),
                        unmet,
                        lint: Some(lint),
                    });
                }
                Ok(_) => Vec::new(),
                Err(more) => more,
            }
        }
        None => Vec::new(),
    };
    problems.extend(result);
    // The problems are placed by reading the whole file with yaml-rust2; a large file
    // read in parts has only been measured in parts so far.
    too_deep(name, text)?;
    Err(LoadError::Invalid {
        file: name.to_string(),
        problems: place(name, text, problems),
    })
}

/// The line of a node of a format v1 file, or of one of its quotes: where an editor
/// opens it. The graph keeps the file's order, so the `i`th claim is `claims[i]`.
/// `None` when the text no longer has it (it changed since it was loaded).
pub fn line_of(text: &str, node: NodeId, quote: Option<usize>) -> Option<usize> {
    let item = match node {
        NodeId::Claim(i) => format!("claims[{i}]"),
        NodeId::Position(i) => format!("positions[{i}]"),
    };
    let path = match quote {
        Some(q) => format!("{item}.quotes[{q}]"),
        None => item,
    };
    locate::line_of(text, &path)
}

/// Reads the raw structs: the fast path when the file is well formed, else the lenient
/// reader's best effort and the structural problems it found. A file that is not YAML at
/// all, or whose aliases blow up, is an error straight away.
fn read_raw(
    name: &str,
    text: &str,
) -> Result<(Option<RawDebate>, Origins, Vec<Problem>), LoadError> {
    // A large file read in parts has each part measured on the core that reads it.
    if let Some(raw) = split::read(text) {
        return Ok((Some(raw), written(text, Origins::default()), Vec::new()));
    }
    too_deep(name, text)?;
    let (fast, exceeded) = budget::scoped(text.len(), || serde_yaml::from_str::<RawDebate>(text));
    let fast_err = match fast {
        Ok(raw) => return Ok((Some(raw), written(text, Origins::default()), Vec::new())),
        Err(e) if exceeded => return Err(serde_error(name, text, &e)),
        Err(e) => e,
    };
    let (value, exceeded) = budget::scoped(text.len(), || value::read(text));
    let value = match value {
        Ok(v) if !exceeded => v,
        Ok(_) => return Err(serde_error(name, text, &fast_err)),
        Err(e) => return Err(serde_error(name, text, &e)),
    };
    let mut problems = Vec::new();
    let (raw, origins) = lenient(&value, &mut problems);
    // A version that is not a whole number is left to validation, which says what the
    // file wrote; otherwise, when the lenient reader found nothing, report what serde
    // said rather than nothing.
    if problems.is_empty() && raw.is_some() && origins.version.is_none() {
        return Err(serde_error(name, text, &fast_err));
    }
    Ok((raw, written(text, origins), problems))
}

/// `origins` with the version as the file writes it.
fn written(text: &str, mut origins: Origins) -> Origins {
    origins.version = version::written(text).or(origins.version);
    origins
}

/// One problem from serde_yaml, with its place and a hint for the usual causes.
fn serde_error(name: &str, text: &str, e: &serde_yaml::Error) -> LoadError {
    let (line, col) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let msg = without_place(e.to_string());
    let mut d = Diagnostic::new(name, line, col, msg.clone()).with_code(Code::YamlSyntax);
    if d.line == 0 {
        d.col = 0;
    }
    if msg.contains("recursion limit") {
        d = d
            .note(
                "hint: the file nests too deeply to be a debate; format v1 needs five levels at most",
            )
            .with_code(Code::TooDeep);
    } else if msg.contains("tab") || line_has_tab(text, line) {
        d = d.note("hint: YAML indents with spaces only; replace the tabs with spaces");
    } else if msg.contains(budget::EXCEEDED) || msg.contains("repetition limit") {
        d = Diagnostic::new(name, d.line, d.col, budget::EXCEEDED).with_code(Code::AliasBudget);
    } else if msg.contains("did not find expected") || msg.contains("could not find expected") {
        d = d.note("hint: check the indentation and the brackets and quotes around this place");
    }
    LoadError::Invalid {
        file: name.to_string(),
        problems: vec![d],
    }
}

fn line_has_tab(text: &str, line: usize) -> bool {
    line > 0
        && text
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.trim_start_matches(' ').starts_with('\t'))
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn a_node_and_a_quote_are_found_at_their_lines() {
        let text = "version: 1\npositions:\n  - id: p\n    text: P\nclaims:\n  - id: a\n    text: A\n  - id: b\n    text: B\n    quotes:\n      - source: s\n        text: q\n      - source: s\n        text: r\n";
        assert_eq!(line_of(text, NodeId::Position(0), None), Some(3));
        assert_eq!(line_of(text, NodeId::Claim(0), None), Some(6));
        assert_eq!(line_of(text, NodeId::Claim(1), None), Some(8));
        assert_eq!(line_of(text, NodeId::Claim(1), Some(1)), Some(13));
        // Gone from the text since it was loaded.
        assert_eq!(line_of(text, NodeId::Claim(2), None), None);
        assert_eq!(line_of(text, NodeId::Claim(0), Some(0)), None);
    }
}
