//! The command line: what to open, and the subcommands that need no terminal.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::domain::{LoadError, Loaded, builtin, load_path};

#[derive(Debug, Parser)]
#[command(
    name = "debate-tui",
    version,
    about = "Explore a debate as an argument graph, with every quote checked against its source",
    after_help = "With no FILE, opens the built-in debate (an Italian article on Meta's open-source AI strategy)."
)]
pub struct Cli {
    /// A debate file (format v1 YAML) to open instead of the built-in debate.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a debate file and verify its quotes (the built-in debate without FILE).
    ///
    /// Prints each problem as FILE:LINE:COL: error: MESSAGE, then one summary line.
    /// Exit status: 0 valid, 1 invalid, 2 usage or I/O error.
    Check {
        /// The debate file to check.
        file: Option<PathBuf>,
    },
    /// Write a generated debate of N claims to standard output (the same bytes for the
    /// same seed), to try debate-tui at scale.
    Generate {
        /// How many claims.
        #[arg(long, default_value_t = 1000)]
        claims: usize,
        /// How many positions (sides).
        #[arg(long, default_value_t = 2)]
        positions: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// Exit statuses of the subcommands.
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Loads the named debate file, or the built-in debate.
pub fn load(file: Option<&PathBuf>) -> Result<Loaded, LoadError> {
    match file {
        Some(path) => load_path(path),
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

/// `debate-tui check`: every problem, then one summary line.
pub fn check(file: Option<&PathBuf>, out: &mut dyn Write) -> ExitCode {
    match load(file) {
        Ok(loaded) => {
            let d = &loaded.debate;
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
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
            let _ = writeln!(out, "{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(out, "{e}");
            exit_for(&e)
        }
    }
}

/// A short summary of a debate, printed when there is no terminal to explore it in.
pub fn summary(loaded: &Loaded, out: &mut dyn Write) -> std::io::Result<()> {
    use crate::domain::text::visible;
    let d = &loaded.debate;
    writeln!(out, "{}", visible(&d.title))?;
    for (i, p) in d.positions.iter().enumerate() {
        writeln!(
            out,
            "  {} ({}): {} claims",
            visible(&p.title),
            visible(&p.id),
            d.claims_of(i as u32).len()
        )?;
    }
    Ok(())
}
