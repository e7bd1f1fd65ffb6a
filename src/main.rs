//! The shell: parse the command line, load, run.

use std::process::ExitCode;

use clap::Parser;
use debate_tui::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(Command::Check { file }) => cli::check(file.as_ref(), &mut std::io::stdout()),
        None => match cli::load(args.file.as_ref()) {
            Ok(loaded) => {
                let _ = cli::summary(&loaded, &mut std::io::stdout());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                cli::exit_for(&e)
            }
        },
    }
}
