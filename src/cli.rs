//! The command line: what to open, and the subcommands that need no terminal.

mod docs;
mod report;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::Styles;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::domain::export::{self, plural};
use crate::domain::graph::path;
use crate::domain::graph::status::{self, Label, Status, Why};
use crate::domain::load::EmbeddedFiles;
use crate::domain::load::progress::Progress;
use crate::domain::open::{check_path, load_path_with};
use crate::domain::save::{SaveError, write_atomic};
use crate::domain::text::{visible, visible_multiline};
use crate::domain::{self, Debate, Diagnostic, LoadError, Loaded, NodeId, builtin};

pub use docs::{completions, help, man, schema};
pub use report::CheckFormat;

#[derive(Debug, Parser)]
#[command(
    name = "debate-tui",
    version,
    about = "Explore a debate as an argument graph, with every quote checked against its source",
    after_help = "With no FILE, opens the built-in debate (an Italian article on Meta's open-source AI strategy).",
    // Help and errors are printed as plain text, through the visibility filter.
    styles = Styles::plain(),
    // `help` is a subcommand of ours, which knows `help format` too.
    disable_help_subcommand = true
)]
pub struct Cli {
    /// A debate file to open instead of the built-in debate: format v1 YAML, a Kialo
    /// export (.txt), an AIF file (.json) or an Argdown document (.argdown), told apart
    /// by their content. Before a COMMAND, the file it works on: `debate-tui FILE
    /// check` is `debate-tui check FILE`.
    pub file: Option<PathBuf>,
    /// Let the debate read source files outside its own folder (absolute paths, `..`,
    /// links that lead out). Only for a debate you trust: a downloaded one could name
    /// any file you can read. Files of /proc, /sys and devices stay refused.
    #[arg(long = "allow-outside-sources", global = true)]
    pub allow_outside_sources: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parses `args` (the program's name first). Help, the version and usage errors are
    /// printed here, to `out` or `err` as clap would, but as plain text through the
    /// visibility filter: clap echoes arguments as they are, and on a terminal their
    /// escape sequences would act on it. They come back as the exit status: 0 for help
    /// and the version, 2 for a usage error.
    pub fn parse_or_report<I, T>(
        args: I,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<Cli, ExitCode>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        Cli::try_parse_from(args)
            .and_then(Cli::place_file)
            .map_err(|e| {
                let to: &mut dyn Write = if e.use_stderr() { err } else { out };
                let text = e.render().ansi().to_string();
                let _ = to
                    .write_all(visible_multiline(&text).as_bytes())
                    .and_then(|()| to.flush());
                ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE))
            })
    }

    /// Hands a FILE given before the subcommand to the subcommand, so that it works on
    /// the file named wherever it was named. Two different files, or a file for
    /// `generate`, are a usage error: the answer would be about only one of them.
    fn place_file(mut self) -> Result<Cli, clap::Error> {
        match &mut self.command {
            Some(Command::Check(a)) => a.allow_outside_sources = self.allow_outside_sources,
            Some(Command::Status(a)) => a.allow_outside_sources = self.allow_outside_sources,
            Some(Command::Export(a)) => a.allow_outside_sources = self.allow_outside_sources,
            _ => {}
        }
        let Some(file) = self.file.take() else {
            return Ok(self);
        };
        let (name, slot) = match &mut self.command {
            None => {
                self.file = Some(file);
                return Ok(self);
            }
            Some(Command::Check(a)) => ("check", &mut a.file),
            Some(Command::Export(a)) => ("export", &mut a.file),
            Some(Command::Import(a)) => ("import", &mut a.file),
            Some(Command::Status(a)) => ("status", &mut a.file),
            Some(Command::Generate(_)) => return Err(reads_no_file("generate", &file)),
            Some(Command::Schema) => return Err(reads_no_file("schema", &file)),
            Some(Command::Completions(_)) => return Err(reads_no_file("completions", &file)),
            Some(Command::Man(_)) => return Err(reads_no_file("man", &file)),
            Some(Command::Help(_)) => return Err(reads_no_file("help", &file)),
        };
        match slot {
            Some(other) if *other != file => Err(usage(format!(
                "two files, {} before `{name}` and {} after it; give one",
                quoted(&file),
                quoted(other)
            ))),
            _ => {
                *slot = Some(file);
                Ok(self)
            }
        }
    }
}

/// A usage error, reported as clap reports its own.
fn usage(message: String) -> clap::Error {
    Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message)
}

/// The usage error of a FILE given to a subcommand that reads none.
fn reads_no_file(command: &str, file: &Path) -> clap::Error {
    usage(format!(
        "{command} reads no file, and {} was given; leave it out",
        quoted(file)
    ))
}

/// A path between quotes, for a message.
fn quoted(path: &Path) -> String {
    format!("'{}'", path.display())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a debate file and verify its quotes (the built-in debate without FILE).
    ///
    /// Prints each problem as FILE:LINE:COL: error: MESSAGE (warnings too, such as a
    /// claim linked to nothing), then one summary line; `--format json` or `github`
    /// for scripts and CI. Exit status: 0 valid (warnings or not), 1 invalid (or
    /// warnings, with --deny-warnings), 2 usage or I/O error.
    Check(CheckArgs),
    /// Which claims stand: every position and claim with its label, strength and the
    /// claims that decide it.
    ///
    /// A claim stands when every claim that rebuts it falls (an unanswered claim
    /// stands), falls when a claim that rebuts it stands, and is open otherwise
    /// (rebuttals in a cycle). This is the structure of the answers in the map, not
    /// the truth of a claim. The strength (0 to 1) ranks claims within a label. Exit
    /// status: 0 printed, 1 for an invalid debate or unknown ids, 2 for a usage error
    /// or an unreadable file.
    Status(StatusArgs),
    /// Write a path through a debate as Markdown or a Graphviz graph, or the whole
    /// debate for other tools: an AIF nodeset, an Argdown map, or JSON.
    ///
    /// The Markdown document has a section per step (the claim, its side, how it
    /// relates to the step before, its quotes) and the sources cited. AIF, Argdown and
    /// JSON always hold the whole debate. Exit status: 0 written, 1 for an unreadable
    /// or invalid debate, unknown ids, an empty path or a failed write, 2 for a usage
    /// error.
    Export(ExportArgs),
    /// Convert a Kialo export (.txt), an AIF file (.json) or an Argdown document
    /// (.argdown) to a debate file (format v1).
    ///
    /// The format is told by the file's content (by a .argdown name only where the
    /// content could be anything). The YAML written starts with a comment
    /// naming the file and format it came from, and passes `debate-tui check`. Exit
    /// status: 0 written, 1 for a file that is not in a format debate-tui imports, is
    /// damaged, or cannot be written, 2 for a usage error or an unreadable file.
    Import(ImportArgs),
    /// Write a generated debate of N claims to standard output (the same bytes for the
    /// same seed), to try debate-tui at scale.
    Generate(GenerateArgs),
    /// Print the JSON Schema of the debate file format (v1), for editors.
    ///
    /// Save it beside your debates and name it on the file's first line,
    /// `# yaml-language-server: $schema=debate.schema.json`, and editors that use the
    /// YAML language server (VS Code, Helix, Neovim) complete fields and flag typos.
    Schema,
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    ///
    /// For example `debate-tui completions bash > ~/.local/share/bash-completion/completions/debate-tui`.
    Completions(CompletionsArgs),
    /// Print a man page (roff): of debate-tui, or of one of its subcommands.
    ///
    /// For example `debate-tui man | man -l -`, or `debate-tui man > debate-tui.1`.
    Man(ManArgs),
    /// Print help: of debate-tui, of a subcommand, or of the debate file format
    /// (`debate-tui help format`).
    Help(HelpArgs),
}

/// What `debate-tui check` was asked for.
#[derive(Debug, Clone, Default, Args)]
pub struct CheckArgs {
    /// The debate file to check.
    pub file: Option<PathBuf>,
    /// Set from the global `--allow-outside-sources`.
    #[arg(skip)]
    pub allow_outside_sources: bool,
    /// The report's format: text for a person, one JSON document for a script, or
    /// GitHub Actions annotations for a pull request.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Exit with status 1 when there are warnings, as when there are errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// What `debate-tui completions` was asked for.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// What `debate-tui man` was asked for.
#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// A subcommand, for its own page (`debate-tui-check(1)`).
    pub command: Option<String>,
}

/// What `debate-tui help` was asked for.
#[derive(Debug, Clone, Args)]
pub struct HelpArgs {
    /// `format`, or a subcommand.
    pub topic: Option<String>,
}

/// What `debate-tui export` was asked for.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The debate file (the built-in debate without FILE).
    pub file: Option<PathBuf>,
    /// Set from the global `--allow-outside-sources`.
    #[arg(skip)]
    pub allow_outside_sources: bool,
    /// The path: claim and position ids in order, separated by commas.
    #[arg(long, value_name = "ID,ID,...")]
    pub path: Option<String>,
    /// Where to write; standard output without it. The file is written atomically.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The document's format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
    /// The whole debate rather than a path: with `--format dot`, and implied by the
    /// formats that always hold the whole debate (aif, argdown, json).
    #[arg(long)]
    pub all: bool,
    /// Replace OUT if it exists (without this, an existing file is left alone).
    #[arg(long)]
    pub force: bool,
}

/// What `debate-tui import` was asked for.
#[derive(Debug, Clone, Args)]
#[command(override_usage = "debate-tui import [OPTIONS] <FILE>")]
pub struct ImportArgs {
    /// The Kialo export, AIF file or Argdown document (required; it may come before
    /// `import` instead).
    pub file: Option<PathBuf>,
    /// Where to write; standard output without it. The file is written atomically.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace OUT if it exists (without this, an existing file is left alone).
    #[arg(long)]
    pub force: bool,
}

/// What `debate-tui status` was asked for.
#[derive(Debug, Clone, Default, Args)]
pub struct StatusArgs {
    /// The debate file (the built-in debate without FILE).
    pub file: Option<PathBuf>,
    /// Set from the global `--allow-outside-sources`.
    #[arg(skip)]
    pub allow_outside_sources: bool,
    /// Print JSON, for scripts, instead of text.
    #[arg(long)]
    pub json: bool,
    /// Suppose these claims fail: set them aside (they fall, and their rebuttals count
    /// for nothing) and give the labels that follow.
    #[arg(long, value_name = "ID,ID,...")]
    pub aside: Option<String>,
}

/// What `debate-tui generate` was asked for.
#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// How many claims.
    #[arg(long, default_value_t = 1000)]
    pub claims: usize,
    /// How many positions (sides).
    #[arg(long, default_value_t = 2)]
    pub positions: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A Markdown document (CommonMark; renders on GitHub).
    Markdown,
    /// A Graphviz graph (`dot -Tsvg`).
    Dot,
    /// The whole debate as an AIF nodeset (JSON), as AIFdb and OVA load it.
    Aif,
    /// The whole debate as Argdown (`.argdown`), for Argdown's map and its tools.
    Argdown,
    /// The whole debate as format v1 in JSON, for scripts and `jq`.
    Json,
}

impl ExportFormat {
    /// Whether the format always holds the whole debate, never a path.
    fn whole(self) -> bool {
        matches!(
            self,
            ExportFormat::Aif | ExportFormat::Argdown | ExportFormat::Json
        )
    }
}

/// `debate-tui export`: the document to OUT or to `out`; problems to `err`.
pub fn export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let fail = |err: &mut dyn Write, msg: &str, code: u8| failed(err, "export", msg, code);
    // Usage errors first, before a large debate is read for nothing.
    if args.all && !(args.format == ExportFormat::Dot || args.format.whole()) {
        return fail(
            err,
            "--all works with --format dot, aif, argdown or json",
            EXIT_USAGE,
        );
    }
    if args.format.whole() && args.path.is_some() {
        return fail(
            err,
            "--format aif, argdown and json write the whole debate: leave out --path",
            EXIT_USAGE,
        );
    }
    let ids = match (&args.path, args.all || args.format.whole()) {
        (_, true) => None,
        (Some(ids), false) => Some(ids),
        (None, false) => {
            return fail(
                err,
                "give the path to export with --path ID,ID,... (or --format dot --all)",
                EXIT_USAGE,
            );
        }
    };
    let loaded = match load(args.file.as_ref(), args.allow_outside_sources) {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let d = &loaded.debate;
    let doc = if let Some(ids) = ids {
        let steps = match path::parse(d, ids) {
            Ok(p) => p,
            Err(msg) => return fail(err, &msg, EXIT_INVALID),
        };
        match args.format {
            ExportFormat::Markdown => export::markdown(d, &Status::of(d), &steps),
            _ => export::dot(d, Some(&steps)),
        }
    } else {
        match args.format {
            ExportFormat::Aif => export::aif::aif(d),
            ExportFormat::Argdown => export::argdown::argdown(d),
            ExportFormat::Json => export::json::json(d, loaded.lint.as_ref()),
            _ => export::dot(d, None),
        }
    };
    match deliver("export", &doc, args.output.as_ref(), args.force, out, err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// Writes `text` to OUT, atomically and replacing it only with `force`, or to `out`
/// without OUT. What was written, or why not, goes to `err`, naming `command`.
///
/// The text may come from an untrusted file and be read on a terminal or in an editor:
/// it goes through the visibility filter (line breaks kept), whatever the command made
/// of it, so the same safe bytes reach a file and standard output.
fn deliver(
    command: &str,
    text: &str,
    output: Option<&PathBuf>,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), ExitCode> {
    let mut fail = |msg: String| failed(err, command, &msg, EXIT_INVALID);
    let text = visible_multiline(text);
    let Some(o) = output else {
        return out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| fail(format!("cannot write to standard output: {e}")));
    };
    match write_atomic(o, text.as_bytes(), force) {
        Ok(()) => {
            let _ = writeln!(err, "wrote {}", visible(&o.display().to_string()));
            Ok(())
        }
        Err(e @ SaveError::Exists(_)) => Err(fail(format!("{e}; pass --force to replace it"))),
        Err(e) => Err(fail(e.to_string())),
    }
}

/// `debate-tui import`: the debate as format v1 YAML to OUT or to `out`; problems and
/// what was done to `err`.
pub fn import(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let fail = |err: &mut dyn Write, msg: &str, code: u8| failed(err, "import", msg, code);
    let Some(file) = args.file.as_deref() else {
        return fail(
            err,
            "give the file to convert: debate-tui import FILE [-o OUT.yaml]",
            EXIT_USAGE,
        );
    };
    let imported = match domain::import::import_path(file) {
        Ok(i) => i,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return exit_for(&e);
        }
    };
    let mut imported = imported;
    if args.output.is_none() {
        imported
            .conversion
            .without_texts(&file.display().to_string());
    }
    let yaml = match domain::import::to_yaml(&imported.conversion, file, imported.format) {
        Ok(y) => y,
        Err(e) => return fail(err, &format!("cannot write YAML: {e}"), EXIT_INVALID),
    };
    // What is written must load: the same checks as `check`.
    let name = file.display().to_string();
    let texts = std::mem::take(&mut imported.conversion.texts);
    let files = domain::import::WithTexts {
        texts: &texts,
        files: &EmbeddedFiles(&[]),
    };
    let loaded =
        match domain::import::check(&name, imported.conversion.raw, &files, &Progress::default()) {
            Ok(l) => l,
            Err(e) => {
                let _ = writeln!(err, "{e}");
                return exit_for(&e);
            }
        };
    let d = &loaded.debate;
    let what = format!(
        "{} ({}): {}, {}, {}, {}",
        visible(&name),
        imported.format.name(),
        plural(d.claims.len(), "claim"),
        plural(d.positions.len(), "position"),
        plural(d.sources.len(), "source"),
        plural(
            loaded.stats.quotes_unchecked + loaded.stats.quotes_verified,
            "quote"
        ),
    );
    // The texts the sources name go beside the debate, before it.
    if let Some(o) = &args.output {
        for (text_name, text) in &texts {
            let path = o.parent().unwrap_or(Path::new("")).join(text_name);
            let to = Some(&path);
            if let Err(code) = deliver("import", text, to, args.force, out, err) {
                return code;
            }
        }
    }
    match deliver("import", &yaml, args.output.as_ref(), args.force, out, err) {
        Ok(()) => {
            let _ = writeln!(err, "imported {what}");
            warn(err, &imported.conversion.left_out);
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// Says on `err` what went wrong in `command`, the text made visible; returns `code`
/// as the exit status.
fn failed(err: &mut dyn Write, command: &str, msg: &str, code: u8) -> ExitCode {
    let _ = writeln!(err, "debate-tui {command}: {}", visible(msg));
    ExitCode::from(code)
}

/// Exit statuses of the subcommands.
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Loads the named debate file, or the built-in debate; with `allow_outside`, its
/// sources may be read from outside its folder.
pub fn load(file: Option<&PathBuf>, allow_outside: bool) -> Result<Loaded, LoadError> {
    load_with(file, allow_outside, &Progress::default())
}

/// [`load`], telling `progress` how far it has come.
pub fn load_with(
    file: Option<&PathBuf>,
    allow_outside: bool,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    match file {
        Some(path) => load_path_with(path, allow_outside, progress),
        None => builtin::load(),
    }
}

/// The exit status for a load error: invalid data, or a file that could not be read.
pub fn exit_for(e: &LoadError) -> ExitCode {
    ExitCode::from(match e {
        LoadError::Io(_) => EXIT_USAGE,
        LoadError::Invalid { .. } => EXIT_INVALID,
    })
}

/// `debate-tui check`: every problem and warning, then one summary, in the format asked
/// for.
pub fn check(args: &CheckArgs, out: &mut dyn Write) -> ExitCode {
    let progress = Progress::default();
    let (name, outcome) = match &args.file {
        Some(path) => (
            path.display().to_string(),
            check_path(path, args.allow_outside_sources, &progress),
        ),
        None => (builtin::NAME.to_string(), builtin::check()),
    };
    let report = report::Report::new(&name, &outcome, args.deny_warnings);
    // A reader that went away (`| head`) changes nothing of what was found.
    let _ = report.write(args.format, out);
    ExitCode::from(report.exit())
}

/// Prints each warning, made visible, one after the other.
fn warn(out: &mut dyn Write, warnings: &[Diagnostic]) {
    for w in warnings {
        let _ = writeln!(out, "{w}");
    }
}

/// `debate-tui status`: every node's label, strength and why, as text or JSON, to
/// `out`; problems to `err`.
pub fn status(args: &StatusArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let loaded = match load(args.file.as_ref(), args.allow_outside_sources) {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return exit_for(&e);
        }
    };
    let d = &loaded.debate;
    let mut st = Status::of(d);
    if let Some(ids) = &args.aside {
        if ids.split(',').all(|id| id.trim().is_empty()) {
            let msg = "--aside names no claim: give ids, e.g. --aside a,b";
            return failed(err, "status", msg, EXIT_USAGE);
        }
        match path::parse(d, ids) {
            Ok(nodes) => st = st.what_if(nodes),
            Err(msg) => return failed(err, "status", &msg, EXIT_INVALID),
        }
    }
    let text = if args.json {
        match serde_json::to_string_pretty(&StatusReport::new(d, &st)) {
            Ok(mut t) => {
                t.push('\n');
                t
            }
            Err(e) => return failed(err, "status", &e.to_string(), EXIT_INVALID),
        }
    } else {
        status_text(d, &st)
    };
    match deliver("status", &text, None, false, out, err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// The status of every node as text: a summary, then each position and claim, its
/// label, strength, id and text on one line and why below.
fn status_text(d: &Debate, st: &Status) -> String {
    let mut t = format!(
        "{}: {}, {}\n",
        visible(&d.title),
        plural(d.positions.len(), "position"),
        plural(d.claims.len(), "claim")
    );
    let (stands, falls) = (st.count(Label::Stands), st.count(Label::Falls));
    t.push_str(&format!(
        "{stands} {}, {falls} {}, {} open\n",
        if stands == 1 { "stands" } else { "stand" },
        if falls == 1 { "falls" } else { "fall" },
        st.count(Label::Open)
    ));
    let c = st.convergence();
    t.push_str(&match (c.rounds, c.converged) {
        (0, _) => "strengths: exact (no cycle of rebuttals)\n".to_string(),
        (n, true) => format!(
            "strengths: cycles settled within {:e} in {}\n",
            status::TOLERANCE,
            plural(n as usize, "round")
        ),
        (n, false) => format!(
            "strengths: stopped after {n} rounds, still changing by up to {:.1e} (approximate in cycles)\n",
            c.max_change
        ),
    });
    if !st.set_aside().is_empty() {
        let ids: Vec<String> = st
            .set_aside()
            .iter()
            .map(|&n| format!("`{}`", visible(d.id_of(n))))
            .collect();
        t.push_str(&format!(
            "set aside (supposed to fail): {}\n",
            ids.join(", ")
        ));
    }
    let nodes = |kind: &str, nodes: Vec<NodeId>, t: &mut String| {
        if nodes.is_empty() {
            return;
        }
        t.push_str(&format!("\n{kind}\n"));
        for n in nodes {
            t.push_str(&format!(
                "{:<6}  {:.3}  {}: {}\n{:15}{}\n",
                st.label(n).name(),
                st.strength(n),
                visible(d.id_of(n)),
                visible(d.text_of(n)),
                "",
                visible(&why_line(d, st, n))
            ));
        }
    };
    nodes(
        "positions",
        (0..d.positions.len() as u32)
            .map(NodeId::Position)
            .collect(),
        &mut t,
    );
    nodes(
        "claims",
        (0..d.claims.len() as u32).map(NodeId::Claim).collect(),
        &mut t,
    );
    t
}

/// Why a node has its label, its standing supporters, and an expectation it misses:
/// "rebutted by `b`, which stands; supported by 2 standing claims; expected stands".
fn why_line(d: &Debate, st: &Status, n: NodeId) -> String {
    let mut parts = vec![status::explain(d, &st.why(n))];
    parts.extend(status::support(st, n));
    if let Some(e) = expected(d, st, n) {
        parts.push(format!("expected {e}"));
    }
    parts.join("; ")
}

/// The label a claim expects, when it does not get it.
fn expected(d: &Debate, st: &Status, n: NodeId) -> Option<Label> {
    match n {
        NodeId::Claim(i) => d
            .claim(i)
            .and_then(|c| c.expect)
            .filter(|&e| e != st.label(n)),
        NodeId::Position(_) => None,
    }
}

/// `debate-tui status --json`: the same as the text, for scripts. Every text from
/// the debate is made visible, as on a terminal.
#[derive(serde::Serialize)]
struct StatusReport {
    title: String,
    counts: Counts,
    strengths: Strengths,
    set_aside: Vec<String>,
    positions: Vec<NodeReport>,
    claims: Vec<NodeReport>,
}

#[derive(serde::Serialize)]
struct Counts {
    stands: usize,
    falls: usize,
    open: usize,
}

/// How the strengths were computed, so a script can tell exact from approximate.
#[derive(serde::Serialize)]
struct Strengths {
    tolerance: f64,
    max_rounds: u32,
    rounds: u32,
    converged: bool,
}

#[derive(serde::Serialize)]
struct NodeReport {
    id: String,
    /// The side: the claim's position, or the position itself.
    position: String,
    text: String,
    label: &'static str,
    strength: f64,
    /// `unanswered`, `rebuttals-fall`, `rebutted`, `cycle`, `open-rebuttals` or
    /// `set-aside`.
    reason: &'static str,
    /// The ids the reason names.
    deciding: Vec<String>,
    /// The reason in words, as the text output gives it.
    why: String,
    standing_supporters: usize,
    /// The label the claim expects (`expect:`), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    expect: Option<&'static str>,
}

impl StatusReport {
    fn new(d: &Debate, st: &Status) -> StatusReport {
        let ids = |nodes: &[NodeId]| -> Vec<String> {
            nodes
                .iter()
                .map(|&n| visible(d.id_of(n)).into_owned())
                .collect()
        };
        let node = |n: NodeId| {
            let why = st.why(n);
            let (reason, deciding) = match &why {
                Why::SetAside => ("set-aside", Vec::new()),
                Why::Unanswered => ("unanswered", Vec::new()),
                Why::RebuttalsFall(r) => ("rebuttals-fall", ids(r)),
                Why::RebuttedBy(r) => ("rebutted", ids(r)),
                Why::Open { cycle, .. } if !cycle.is_empty() => ("cycle", ids(cycle)),
                Why::Open { open, .. } => ("open-rebuttals", ids(open)),
            };
            NodeReport {
                id: visible(d.id_of(n)).into_owned(),
                position: visible(d.id_of(NodeId::Position(d.side_of(n)))).into_owned(),
                text: visible(d.text_of(n)).into_owned(),
                label: st.label(n).name(),
                strength: st.strength(n),
                reason,
                deciding,
                why: visible(&status::explain(d, &why)).into_owned(),
                standing_supporters: st.standing_supporters(n),
                expect: match n {
                    NodeId::Claim(i) => d.claim(i).and_then(|c| c.expect).map(Label::name),
                    NodeId::Position(_) => None,
                },
            }
        };
        let c = st.convergence();
        StatusReport {
            title: visible(&d.title).into_owned(),
            counts: Counts {
                stands: st.count(Label::Stands),
                falls: st.count(Label::Falls),
                open: st.count(Label::Open),
            },
            strengths: Strengths {
                tolerance: status::TOLERANCE,
                max_rounds: status::MAX_ROUNDS,
                rounds: c.rounds,
                converged: c.converged,
            },
            set_aside: ids(st.set_aside()),
            positions: (0..d.positions.len() as u32)
                .map(|i| node(NodeId::Position(i)))
                .collect(),
            claims: (0..d.claims.len() as u32)
                .map(|i| node(NodeId::Claim(i)))
                .collect(),
        }
    }
}

/// `debate-tui generate`: the generated debate to `out`.
pub fn generate(args: &GenerateArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let text = domain::generate::yaml(args.claims, args.positions, args.seed);
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "debate-tui: cannot write: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Opening a debate without a terminal to explore it in: its load errors, or else a
/// short summary of it.
pub fn summarize(
    file: Option<&PathBuf>,
    allow_outside: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let loaded = match load(file, allow_outside) {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return exit_for(&e);
        }
    };
    let _ = writeln!(
        err,
        "debate-tui: the explorer needs a terminal; here is a summary instead"
    );
    warn(err, &loaded.warnings);
    let _ = summary(&loaded, out);
    ExitCode::SUCCESS
}

/// A short summary of a debate, printed when there is no terminal to explore it in.
pub fn summary(loaded: &Loaded, out: &mut dyn Write) -> std::io::Result<()> {
    let d = &loaded.debate;
    writeln!(out, "{}", visible(&d.title))?;
    for (i, p) in d.positions.iter().enumerate() {
        writeln!(
            out,
            "  {} ({}): {}",
            visible(&p.title),
            visible(&p.id),
            plural(d.claims_of(i as u32).len(), "claim")
        )?;
    }
    Ok(())
}
