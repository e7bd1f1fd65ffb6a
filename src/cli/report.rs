//! The report of `check`: every problem, then one summary, as text for a person, as one
//! JSON document for a script, or as GitHub Actions workflow commands that annotate a
//! pull request.
//!
//! Whatever the format, text that came from the file (ids, quotes, file names) is made
//! visible first, as on a terminal: each format then escapes it its own way, so no
//! message can break out of its line, its JSON string or its workflow command.

use std::io::{self, Write};

use serde::Serialize;

use crate::domain::export::plural;
use crate::domain::load::diag::Severity;
use crate::domain::text::visible;
use crate::domain::{Diagnostic, LoadError, Loaded};

/// The format of `check`'s report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// `FILE:LINE:COL: error: MESSAGE`, notes indented below, then a summary line.
    #[default]
    Text,
    /// One JSON document: `{"file", "problems": [...], "summary": {...}}`.
    Json,
    /// GitHub Actions annotations (`::error file=...,line=...::message`), then the
    /// summary line.
    Github,
}

/// What `check` found in a file: its problems and its summary.
pub struct Report<'a> {
    /// The file as named on the command line (or the built-in debate's name).
    file: &'a str,
    /// Errors when it did not load, else its warnings.
    problems: &'a [Diagnostic],
    loaded: Option<&'a Loaded>,
    /// The summary line of the text report.
    summary: String,
    exit: u8,
}

impl<'a> Report<'a> {
    /// The report of a load, with the exit status `check` gives it: 0 valid, 1 invalid
    /// (or warnings, with `deny_warnings`), 2 unreadable.
    pub fn new(
        file: &'a str,
        outcome: &'a Result<Loaded, LoadError>,
        deny_warnings: bool,
    ) -> Report<'a> {
        match outcome {
            Ok(loaded) => {
                let n = loaded.warnings.len();
                let (summary, exit) = if deny_warnings && n > 0 {
                    (
                        format!(
                            "error: {} in {}, denied by --deny-warnings",
                            plural(n, "warning"),
                            visible(file)
                        ),
                        super::EXIT_INVALID,
                    )
                } else {
                    (ok_line(loaded), 0)
                };
                Report {
                    file,
                    problems: &loaded.warnings,
                    loaded: Some(loaded),
                    summary,
                    exit,
                }
            }
            Err(e) => Report {
                file,
                problems: e.diagnostics(),
                loaded: None,
                summary: e.summary(),
                exit: match e {
                    LoadError::Io(_) => super::EXIT_USAGE,
                    LoadError::Invalid { .. } => super::EXIT_INVALID,
                },
            },
        }
    }

    /// The exit status `check` ends with.
    pub fn exit(&self) -> u8 {
        self.exit
    }

    /// Writes the report to `out` in `format`.
    pub fn write(&self, format: CheckFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            CheckFormat::Text => self.text(out),
            CheckFormat::Json => self.json(out),
            CheckFormat::Github => self.github(out),
        }?;
        out.flush()
    }

    /// Each problem as `FILE:LINE:COL: severity: message`, then the summary line.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        for d in self.problems {
            writeln!(out, "{d}")?;
        }
        writeln!(out, "{}", self.summary)
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let stats = self.loaded.map(|l| Counts {
            claims: l.debate.claims.len(),
            positions: l.debate.positions.len(),
            sources: l.debate.sources.len(),
            quotes_verified: l.stats.quotes_verified,
            quotes_unchecked: l.stats.quotes_unchecked,
        });
        let count = |s: Severity| self.problems.iter().filter(|d| d.severity == s).count();
        let doc = JsonReport {
            file: visible(self.file).into_owned(),
            problems: self.problems.iter().map(JsonProblem::of).collect(),
            summary: JsonSummary {
                valid: self.loaded.is_some(),
                exit_status: self.exit,
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                counts: stats,
                text: self.summary.clone(),
            },
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }

    /// One workflow command a problem, then the summary line as plain text.
    fn github(&self, out: &mut dyn Write) -> io::Result<()> {
        for d in self.problems {
            writeln!(out, "{}", annotation(d))?;
        }
        writeln!(out, "{}", self.summary)
    }
}

/// `ok: 3 claims, 2 positions, 1 source, 4 quotes verified[, ...]`.
fn ok_line(loaded: &Loaded) -> String {
    let d = &loaded.debate;
    let mut line = format!(
        "ok: {}, {}, {}, {} verified",
        plural(d.claims.len(), "claim"),
        plural(d.positions.len(), "position"),
        plural(d.sources.len(), "source"),
        plural(loaded.stats.quotes_verified, "quote"),
    );
    if loaded.stats.quotes_unchecked > 0 {
        line.push_str(&format!(
            ", {} not checked (their source has no file)",
            plural(loaded.stats.quotes_unchecked, "quote")
        ));
    }
    let expected = d.claims.iter().filter(|c| c.expect.is_some()).count();
    if expected > 0 {
        line.push_str(&format!(", {} met", plural(expected, "expectation")));
    }
    if !loaded.warnings.is_empty() {
        line.push_str(&format!(", {}", plural(loaded.warnings.len(), "warning")));
    }
    line
}

#[derive(Serialize)]
struct JsonReport {
    file: String,
    problems: Vec<JsonProblem>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonProblem {
    file: String,
    /// 1-based; `null` for a problem of the file as a whole.
    line: Option<usize>,
    column: Option<usize>,
    severity: &'static str,
    code: &'static str,
    name: &'static str,
    message: String,
    hints: Vec<String>,
}

impl JsonProblem {
    fn of(d: &Diagnostic) -> JsonProblem {
        let place = |n: usize| (d.line > 0).then_some(n);
        JsonProblem {
            file: visible(&d.file).into_owned(),
            line: place(d.line),
            column: place(d.col),
            severity: d.severity.label(),
            code: d.code.code(),
            name: d.code.name(),
            message: visible(&d.message).into_owned(),
            hints: d.notes.iter().map(|n| visible(n).into_owned()).collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonSummary {
    /// The file loaded: no errors (it may have warnings).
    valid: bool,
    exit_status: u8,
    errors: usize,
    warnings: usize,
    /// What the debate holds; `null` when it did not load.
    counts: Option<Counts>,
    /// The summary line of the text report.
    text: String,
}

#[derive(Serialize)]
struct Counts {
    claims: usize,
    positions: usize,
    sources: usize,
    quotes_verified: usize,
    quotes_unchecked: usize,
}

/// A problem as a GitHub Actions workflow command:
/// `::warning file=F,line=L,col=C,title=W001 unlinked-claim::message%0A  hint: ...`.
pub fn annotation(d: &Diagnostic) -> String {
    let mut props = format!("file={}", property(&visible(&d.file)));
    if d.line > 0 {
        props.push_str(&format!(",line={},col={}", d.line, d.col));
    }
    props.push_str(&format!(",title={}", property(&d.code.to_string())));
    let mut text = visible(&d.message).into_owned();
    for n in &d.notes {
        text.push('\n');
        text.push_str(&visible(n));
    }
    format!("::{} {props}::{}", d.severity.label(), data(&text))
}

/// A workflow command's message, escaped as the runner unescapes it: a `%` or a line
/// break can neither end the command nor start another.
pub fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value, escaped: as [`data`], and `:` and `,`, which
/// would end the value.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::diag::Code;

    #[test]
    fn escapes_as_the_runner_unescapes() {
        assert_eq!(data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(property("a:b,c%0A"), "a%3Ab%2Cc%250A");
    }

    #[test]
    fn a_hostile_message_stays_inside_its_command() {
        let d = Diagnostic::new(
            "d,ir/x:y.yaml",
            3,
            9,
            "unknown id `a\n::error::pwned` %0A::error::again",
        )
        .note("hint: \r\n::set-output name=x::y")
        .with_code(Code::UnknownReference);
        let a = annotation(&d);
        assert_eq!(a.lines().count(), 1, "{a}");
        assert_eq!(
            a,
            "::error file=d%2Cir/x%3Ay.yaml,line=3,col=9,title=E015 unknown-reference::\
             unknown id `a ::error::pwned` %250A::error::again%0Ahint:   ::set-output name=x::y"
        );
    }

    #[test]
    fn a_problem_of_the_whole_file_has_no_line() {
        let d = Diagnostic::whole_file("e.yaml", "the file is empty").with_code(Code::EmptyFile);
        assert_eq!(
            annotation(&d),
            "::error file=e.yaml,title=E003 empty-file::the file is empty"
        );
    }
}
