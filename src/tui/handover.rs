//! Running another program in the explorer's terminal (an editor, a pager): the
//! terminal handed over to it as the shell would, and taken back after, whatever the
//! program did.

use std::io;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus};

use ratatui::DefaultTerminal;
use rustix::process::{Pid, WaitOptions, waitpid};

use super::suspend;

/// Runs `command` in the terminal, the explorer's modes turned off (alternate screen,
/// raw mode, mouse capture, hidden cursor) while it runs, and takes the terminal back
/// after, cleared for the next draw to paint it whole: also when the command could
/// not start or failed. The outer error is the terminal itself failing (it could not be
/// taken back); the inner one is the command's, with its exit status when it ran.
///
/// The explorer reads no input while the command runs (nothing reads the terminal
/// but its main loop), so every key goes to the command. The command runs in the
/// explorer's process group, as a shell's job: when it stops itself (Ctrl-Z in vim
/// stops the whole group), the explorer stops with it, so that the shell gets the
/// terminal back, and `fg` continues both. The stop and the continuing then concern
/// the command only: the caller should forget them (`Input::forget_stops`).
pub fn run_outside(
    terminal: &mut DefaultTerminal,
    command: &mut Command,
) -> io::Result<io::Result<ExitStatus>> {
    let outcome = suspend::give_back()
        .and_then(|()| command.spawn())
        .and_then(|child| wait_through_stops(&child));
    suspend::resume(terminal)?;
    Ok(outcome)
}

/// Waits for `child` to end. While it is stopped, the explorer stops too (as the shell
/// expects of a job), and waits again once continued.
fn wait_through_stops(child: &std::process::Child) -> io::Result<ExitStatus> {
    let pid = Pid::from_child(child);
    loop {
        match waitpid(Some(pid), WaitOptions::UNTRACED) {
            Ok(Some((_, status))) if status.stopped() => {
                signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
            }
            Ok(Some((_, status))) => return Ok(ExitStatus::from_raw(status.as_raw())),
            Ok(None) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
}
