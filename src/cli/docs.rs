//! What an installed binary tells about itself, with no other file at hand: help on
//! the format, the JSON Schema of the format, shell completions and man pages.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::{Cli, CompletionsArgs, EXIT_USAGE, HelpArgs, ManArgs, failed};

/// The JSON Schema of format v1, as kept in the repository.
pub const SCHEMA: &str = include_str!("../../assets/format-v1.schema.json");

/// The format in brief, printed by `debate-tui help format`.
pub const FORMAT_SUMMARY: &str = include_str!("../../docs/format-summary.md");

/// `debate-tui schema`: the JSON Schema of format v1.
pub fn schema(out: &mut dyn Write) -> ExitCode {
    written(out, SCHEMA.as_bytes())
}

/// `debate-tui completions SHELL`: the shell's completion script.
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> ExitCode {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "debate-tui", &mut script);
    written(out, &script)
}

/// `debate-tui man [COMMAND]`: the man page of debate-tui or of one subcommand.
pub fn man(args: &ManArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let page = match &args.command {
        None => clap_mangen::Man::new(Cli::command()),
        Some(name) => match subcommand(name) {
            Some(sub) => clap_mangen::Man::new(sub),
            None => return unknown(err, "man", name, false),
        },
    };
    let mut roff = Vec::new();
    match page.render(&mut roff) {
        Ok(()) => written(out, &roff),
        Err(e) => failed(err, "man", &format!("cannot render: {e}"), EXIT_USAGE),
    }
}

/// `debate-tui help [TOPIC]`: the help of debate-tui, of a subcommand, or the format
/// in brief.
pub fn help(args: &HelpArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let text = match args.topic.as_deref() {
        None => Cli::command().render_long_help().to_string(),
        Some("format") => FORMAT_SUMMARY.to_string(),
        Some(name) => match subcommand(name) {
            Some(mut sub) => sub.render_long_help().to_string(),
            None => return unknown(err, "help", name, true),
        },
    };
    written(out, text.as_bytes())
}

/// The subcommand called `name`, built as part of debate-tui (its usage line and its
/// man page name it `debate-tui NAME`).
fn subcommand(name: &str) -> Option<clap::Command> {
    let mut cli = Cli::command();
    cli.build();
    cli.find_subcommand(name).cloned()
}

/// The usage error of a topic that is not one, worded as clap words its own.
fn unknown(err: &mut dyn Write, command: &str, name: &str, format_too: bool) -> ExitCode {
    let mut topics: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    if format_too {
        topics.insert(0, "format".into());
    }
    failed(
        err,
        command,
        &format!(
            "unrecognized subcommand `{name}`; there is a page for {}",
            topics.join(", ")
        ),
        EXIT_USAGE,
    )
}

/// Writes `bytes` to `out`: exit status 0, or 2 when standard output is gone.
fn written(out: &mut dyn Write, bytes: &[u8]) -> ExitCode {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(EXIT_USAGE),
    }
}
