//! The shell: parse the command line, load, run.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use debate_tui::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(Command::Check { file }) => cli::check(file.as_ref(), &mut std::io::stdout()),
        Some(Command::Export {
            file,
            path,
            output,
            format,
            all,
            force,
        }) => cli::export(
            &cli::ExportArgs {
                file: file.as_ref(),
                path: path.as_deref(),
                output: output.as_ref(),
                format: *format,
                all: *all,
                force: *force,
            },
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        Some(Command::Generate {
            claims,
            positions,
            seed,
        }) => {
            let text = debate_tui::domain::generate::yaml(*claims, *positions, *seed);
            match std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("debate-tui: cannot write: {e}");
                    ExitCode::from(cli::EXIT_USAGE)
                }
            }
        }
        None => explore(&args),
    }
}

/// Loads the debate (errors are printed before the terminal is taken over), then runs
/// the explorer.
fn explore(args: &Cli) -> ExitCode {
    let loaded = match cli::load(args.file.as_ref()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return cli::exit_for(&e);
        }
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("debate-tui: the explorer needs a terminal; here is a summary instead");
        let _ = cli::summary(&loaded, &mut std::io::stdout());
        return ExitCode::SUCCESS;
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match debate_tui::tui::run(loaded.debate, no_color) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("debate-tui: terminal error: {e}");
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}
