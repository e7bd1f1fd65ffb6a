//! Running another program in the explorer's terminal (an editor, a pager): the
//! terminal handed over to it as the shell would, and taken back after, whatever the
//! program did.

use std::io;
use std::process::{Command, ExitStatus};

use ratatui::DefaultTerminal;

use super::suspend;

/// Runs `command` in the terminal, the explorer's modes turned off (alternate screen,
/// raw mode, mouse capture, hidden cursor) while it runs, and takes the terminal back
/// after, cleared for the next draw to paint it whole: also when the command could
/// not start or failed. The outer error is the terminal itself failing (it could not be
/// taken back); the inner one is the command's, with its exit status when it ran.
///
/// The explorer reads no input while the command runs (nothing reads the terminal
/// but its main loop), so every key goes to the command.
pub fn run_outside(
    terminal: &mut DefaultTerminal,
    command: &mut Command,
) -> io::Result<io::Result<ExitStatus>> {
    let outcome = suspend::give_back().and_then(|()| command.status());
    suspend::resume(terminal)?;
    Ok(outcome)
}
