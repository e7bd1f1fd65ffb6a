//! The shell: parse the command line, load, run.

use std::io::IsTerminal;
use std::process::ExitCode;

use std::sync::{Arc, mpsc};

use clap::Parser;
use debate_tui::cli::{self, Cli, Command};
use debate_tui::domain::load::progress::Progress;
use debate_tui::domain::search::Index;
use debate_tui::tui::{self, Ended, Opening};

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
        Some(Command::Import {
            file,
            output,
            force,
        }) => cli::import(
            file,
            output.as_ref(),
            *force,
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

/// Loads the debate on a thread of its own, showing progress if that takes a while,
/// then runs the explorer. Load errors are printed once the terminal is given back (at
/// once, before it is taken over, when the load fails quickly).
fn explore(args: &Cli) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        let loaded = match cli::load(args.file.as_ref()) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{e}");
                return cli::exit_for(&e);
            }
        };
        eprintln!("debate-tui: the explorer needs a terminal; here is a summary instead");
        let _ = cli::summary(&loaded, &mut std::io::stdout());
        return ExitCode::SUCCESS;
    }
    let opening = Opening {
        name: args.file.as_ref().map_or_else(
            || String::from("the built-in debate"),
            |f| f.display().to_string(),
        ),
        bytes: args
            .file
            .as_ref()
            .and_then(|f| std::fs::metadata(f).ok())
            .map_or(0, |m| m.len()),
    };
    let progress = Arc::new(Progress::default());
    let (tx, rx) = mpsc::channel();
    let file = args.file.clone();
    let shared = Arc::clone(&progress);
    std::thread::spawn(move || {
        let loaded = cli::load_with(file.as_ref(), &shared).map(|l| {
            let index = Index::new_with(&l.debate, &shared);
            (l.debate, index)
        });
        let _ = tx.send(loaded);
    });
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match tui::run(rx, progress, opening, no_color) {
        Ok(Ended::Quit) => ExitCode::SUCCESS,
        Ok(Ended::Failed(e)) => {
            eprintln!("{e}");
            cli::exit_for(&e)
        }
        Ok(Ended::Interrupted) => {
            eprintln!("debate-tui: stopped while loading");
            ExitCode::from(130)
        }
        Err(e) => {
            eprintln!("debate-tui: terminal error: {e}");
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}
