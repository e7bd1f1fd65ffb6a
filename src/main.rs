//! The binary: parse the command line, run what it asks for, and turn the outcome into
//! an exit status.

use std::io::IsTerminal;
use std::process::ExitCode;

use debate_tui::cli::{self, Cli, Command};
use debate_tui::tui::loading::Loading;
use debate_tui::tui::{self, Ended};

// See Cargo.toml and BENCHMARKS.md ("Memory") for why.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    let args = match Cli::parse_or_report(std::env::args_os(), &mut out, &mut err) {
        Ok(args) => args,
        Err(code) => return code,
    };
    match &args.command {
        Some(Command::Check(a)) => cli::check(a, &mut out),
        Some(Command::Export(a)) => cli::export(a, &mut out, &mut err),
        Some(Command::Import(a)) => cli::import(a, &mut out, &mut err),
        Some(Command::Generate(a)) => cli::generate(a, &mut out, &mut err),
        Some(Command::Status(a)) => cli::status(a, &mut out, &mut err),
        Some(Command::Schema) => cli::schema(&mut out),
        Some(Command::Completions(a)) => cli::completions(a, &mut out),
        Some(Command::Man(a)) => cli::man(a, &mut out, &mut err),
        Some(Command::Help(a)) => cli::help(a, &mut out, &mut err),
        None if !out.is_terminal() || !std::io::stdin().is_terminal() => cli::summarize(
            args.file.as_ref(),
            args.allow_outside_sources,
            &mut out,
            &mut err,
        ),
        None => explore(args.file, args.allow_outside_sources),
    }
}

/// Runs the explorer on the debate while it loads; load errors are printed once the
/// terminal is given back (at once, before it is taken over, when the load fails
/// quickly).
fn explore(file: Option<std::path::PathBuf>, allow_outside: bool) -> ExitCode {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match tui::run(Loading::start(file, allow_outside), no_color) {
        Ok(Ended::Quit) => ExitCode::SUCCESS,
        Ok(Ended::Signalled(sig)) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)),
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
