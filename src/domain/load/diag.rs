//! Problems found in a debate file, printed as `FILE:LINE:COL: error: message`, each
//! with a stable [`Code`].

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

/// What kind of problem a [`Diagnostic`] is: a code (`E007`, `W001`) and a name
/// (`unknown-field`, `unlinked-claim`) that stay the same from release to release, so
/// that scripts and CI can tell problems apart and a debate file can switch a warning
/// off by either (`lint: {allow: [unlinked-claim]}`). docs/format.md lists them all; a
/// code, once given, is never reused for another kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// A problem of no more specific kind.
    Other,
    Unreadable,
    NotUtf8,
    EmptyFile,
    YamlSyntax,
    TooDeep,
    AliasBudget,
    UnknownField,
    MissingField,
    WrongKind,
    UnsupportedVersion,
    EmptyText,
    NoPosition,
    InvalidId,
    DuplicateId,
    UnknownReference,
    BadLink,
    SourceFile,
    QuoteNotFound,
    ImportFailed,
    UnmetExpectation,
    UnlinkedClaim,
    EmptyPosition,
    DuplicateClaimText,
    RepeatedQuote,
    UnusedSource,
    UnsourcedClaim,
    UnknownLint,
    NotCarriedOver,
}

impl Code {
    /// Every code, errors first, in the order of their numbers.
    pub const ALL: &[Code] = &[
        Code::Other,
        Code::Unreadable,
        Code::NotUtf8,
        Code::EmptyFile,
        Code::YamlSyntax,
        Code::TooDeep,
        Code::AliasBudget,
        Code::UnknownField,
        Code::MissingField,
        Code::WrongKind,
        Code::UnsupportedVersion,
        Code::EmptyText,
        Code::NoPosition,
        Code::InvalidId,
        Code::DuplicateId,
        Code::UnknownReference,
        Code::BadLink,
        Code::SourceFile,
        Code::QuoteNotFound,
        Code::ImportFailed,
        Code::UnmetExpectation,
        Code::UnlinkedClaim,
        Code::EmptyPosition,
        Code::DuplicateClaimText,
        Code::RepeatedQuote,
        Code::UnusedSource,
        Code::UnsourcedClaim,
        Code::UnknownLint,
        Code::NotCarriedOver,
    ];

    /// The code and the name: `("W001", "unlinked-claim")`.
    fn parts(self) -> (&'static str, &'static str) {
        match self {
            Code::Other => ("E000", "invalid"),
            Code::Unreadable => ("E001", "unreadable"),
            Code::NotUtf8 => ("E002", "not-utf8"),
            Code::EmptyFile => ("E003", "empty-file"),
            Code::YamlSyntax => ("E004", "yaml-syntax"),
            Code::TooDeep => ("E005", "too-deep"),
            Code::AliasBudget => ("E006", "alias-budget"),
            Code::UnknownField => ("E007", "unknown-field"),
            Code::MissingField => ("E008", "missing-field"),
            Code::WrongKind => ("E009", "wrong-kind"),
            Code::UnsupportedVersion => ("E010", "unsupported-version"),
            Code::EmptyText => ("E011", "empty-text"),
            Code::NoPosition => ("E012", "no-position"),
            Code::InvalidId => ("E013", "invalid-id"),
            Code::DuplicateId => ("E014", "duplicate-id"),
            Code::UnknownReference => ("E015", "unknown-reference"),
            Code::BadLink => ("E016", "bad-link"),
            Code::SourceFile => ("E017", "source-file"),
            Code::QuoteNotFound => ("E018", "quote-not-found"),
            Code::ImportFailed => ("E019", "import-failed"),
            Code::UnmetExpectation => ("E020", "unmet-expectation"),
            Code::UnlinkedClaim => ("W001", "unlinked-claim"),
            Code::EmptyPosition => ("W002", "empty-position"),
            Code::DuplicateClaimText => ("W003", "duplicate-claim-text"),
            Code::RepeatedQuote => ("W004", "repeated-quote"),
            Code::UnusedSource => ("W005", "unused-source"),
            Code::UnsourcedClaim => ("W006", "unsourced-claim"),
            Code::UnknownLint => ("W007", "unknown-lint"),
            Code::NotCarriedOver => ("W100", "not-carried-over"),
        }
    }

    /// The short code: `E007`, `W001`.
    pub fn code(self) -> &'static str {
        self.parts().0
    }

    /// The name: `unknown-field`, `unlinked-claim`.
    pub fn name(self) -> &'static str {
        self.parts().1
    }

    /// The severity a problem of this kind has.
    pub fn severity(self) -> Severity {
        if self.code().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// A warning a debate file can switch off with `lint: {allow: [...]}`: the ones
    /// `check` finds in a loaded format v1 file (not what an import left out).
    pub fn is_lint(self) -> bool {
        self.severity() == Severity::Warning && self != Code::NotCarriedOver
    }

    /// The code called `word`, by its code or its name (`W001` or `unlinked-claim`).
    pub fn named(word: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.code().eq_ignore_ascii_case(word) || c.name() == word)
    }
}

impl fmt::Display for Code {
    /// `W001 unlinked-claim`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.name())
    }
}

/// One problem, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What kind of problem it is; [`Code::Other`] until someone says.
    pub code: Code,
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
            code: Code::Other,
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

    /// A warning about the file as a whole: by default, something an import could not
    /// carry over into format v1.
    pub fn warning(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code: Code::NotCarriedOver,
            ..Diagnostic::whole_file(file, message)
        }
    }

    /// The same problem, of the kind `code` (and its severity).
    pub fn with_code(mut self, code: Code) -> Self {
        self.code = code;
        self.severity = code.severity();
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// Printed on one line, then each note indented on its own line; a warning a file can
/// switch off ends with its code in brackets (`[W001 unlinked-claim]`). Everything that
/// came from the file is shown with control characters made visible.
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
        if self.code.is_lint() {
            write!(f, " [{}]", self.code)?;
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
    /// The same error, its problems of no specific kind now of the kind `code`.
    pub fn or_code(mut self, code: Code) -> Self {
        let problems = match &mut self {
            LoadError::Io(d) => std::slice::from_mut(d),
            LoadError::Invalid { problems, .. } => problems.as_mut_slice(),
        };
        for d in problems.iter_mut().filter(|d| d.code == Code::Other) {
            d.code = code;
        }
        self
    }

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
    fn codes_are_unique_and_found_by_code_or_name() {
        let mut seen = std::collections::HashSet::new();
        for &c in Code::ALL {
            assert!(seen.insert(c.code()), "{c} twice");
            assert!(seen.insert(c.name()), "{c} twice");
            assert_eq!(Code::named(c.code()), Some(c));
            assert_eq!(Code::named(c.name()), Some(c));
            assert_eq!(c.severity() == Severity::Warning, c.code().starts_with('W'));
        }
        assert_eq!(Code::named("w001"), Some(Code::UnlinkedClaim));
        assert_eq!(Code::named("unlinked"), None);
        let w = Diagnostic::new("d.yaml", 3, 5, "claim `a` is linked to nothing")
            .with_code(Code::UnlinkedClaim);
        assert_eq!(
            w.to_string(),
            "d.yaml:3:5: warning: claim `a` is linked to nothing [W001 unlinked-claim]"
        );
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
