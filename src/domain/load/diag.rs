//! Problems found in a debate file, printed as `FILE:LINE:COL: error: message`.

use std::fmt;

use crate::domain::text::visible;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file is not a valid debate: nothing is loaded.
    Error,
    /// The debate loads, but something was not carried over or looks wrong: said,
    /// never fatal (`check` still exits 0).
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub col: usize,
    pub message: String,
    /// Extra lines: what to do, the closest match, where the first definition is.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(file: &str, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line,
            col,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Diagnostic::new(file, 0, 0, message)
    }

    /// A warning about the file as a whole.
    pub fn warning(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::whole_file(file, message)
        }
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// Printed on one line, then each note indented on its own line. Everything that came
/// from the file is shown with control characters made visible.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = visible(&self.file);
        let label = self.severity.label();
        if self.line == 0 {
            write!(f, "{file}: {label}: {}", visible(&self.message))?;
        } else {
            write!(
                f,
                "{file}:{}:{}: {label}: {}",
                self.line,
                self.col,
                visible(&self.message)
            )?;
        }
        for n in &self.notes {
            write!(f, "\n  {}", visible(n))?;
        }
        Ok(())
    }
}

/// Why a debate could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read at all (missing, unreadable): a usage or I/O error.
    Io(Diagnostic),
    /// The file was read and is not a valid debate: every problem found, in file order.
    Invalid {
        file: String,
        problems: Vec<Diagnostic>,
    },
}

impl LoadError {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            LoadError::Io(d) => std::slice::from_ref(d),
            LoadError::Invalid { problems, .. } => problems,
        }
    }

    /// The one-line summary that closes a report.
    pub fn summary(&self) -> String {
        match self {
            LoadError::Io(d) => format!("error: cannot load {}", visible(&d.file)),
            LoadError::Invalid { file, problems } => {
                let n = problems.len();
                format!(
                    "error: {n} problem{} in {}",
                    if n == 1 { "" } else { "s" },
                    visible(file)
                )
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.diagnostics() {
            writeln!(f, "{d}")?;
        }
        write!(f, "{}", self.summary())
    }
}

impl std::error::Error for LoadError {}

/// A message of serde_yaml or serde_json without the " at line N column M" they end it
/// with: a diagnostic prints the place in front instead.
pub fn without_place(mut message: String) -> String {
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_says_so() {
        let w = Diagnostic::warning("k.txt", "3 links to other discussions kept as text")
            .note("note: \u{1b}[2J");
        assert_eq!(
            w.to_string(),
            "k.txt: warning: 3 links to other discussions kept as text\n  note: \u{FFFD}[2J"
        );
    }

    #[test]
    fn prints_file_line_column_and_notes() {
        let d = Diagnostic::new("d.yaml", 12, 7, "unknown id `x`").note("hint: did you mean `y`?");
        assert_eq!(
            d.to_string(),
            "d.yaml:12:7: error: unknown id `x`\n  hint: did you mean `y`?"
        );
        assert_eq!(
            Diagnostic::whole_file("d.yaml", "empty").to_string(),
            "d.yaml: error: empty"
        );
    }

    #[test]
    fn control_characters_from_the_file_are_made_visible() {
        let d = Diagnostic::new("d\u{1b}.yaml", 1, 1, "unknown id `\u{1b}[31mred`");
        let s = d.to_string();
        assert!(!s.contains('\u{1b}'));
        assert!(s.contains("unknown id"));
    }

    #[test]
    fn summary_counts_problems() {
        let e = LoadError::Invalid {
            file: "a.yaml".into(),
            problems: vec![Diagnostic::new("a.yaml", 1, 1, "x"); 3],
        };
        assert_eq!(e.summary(), "error: 3 problems in a.yaml");
        assert!(e.to_string().ends_with("error: 3 problems in a.yaml"));
    }
}
