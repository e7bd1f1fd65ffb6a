//! Ctrl-Z and SIGTSTP: the terminal given back while the explorer is stopped, and taken
//! again, drawn anew, when the shell continues it (`fg`).
//!
//! In raw mode the terminal does not turn Ctrl-Z into SIGTSTP: the key comes as an event
//! and its binding calls [`suspend`]. A SIGTSTP sent otherwise (`kill -TSTP`) is caught,
//! and the explorer calls [`suspend`] for it too, rather than be stopped with the
//! terminal still raw.

use std::io;

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::DefaultTerminal;
use ratatui::layout::{Position, Rect};

/// Gives the terminal back (mouse released, main screen, cursor shown, raw mode off),
/// stops the process as SIGTSTP's default action does, and once it is continued takes
/// the terminal again and clears it, so that the next draw paints everything. A terminal
/// that cannot be given back (it is gone) is an error, and the process is not stopped.
///
/// Only a shell with job control continues the process: where none started it (a tmux
/// pane that runs the explorer itself), `kill -CONT` from elsewhere is the way back.
pub fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    give_back()?;
    // SIGSTOP: it cannot be caught, and SIGTSTP is (by the explorer).
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    resume(terminal)
}

/// Gives the terminal back as a shell expects it: mouse released, main screen, cursor
/// shown, raw mode off. [`resume`] takes it again.
pub fn give_back() -> io::Result<()> {
    execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    )?;
    crossterm::terminal::disable_raw_mode()
}

/// Takes the terminal again (raw mode, alternate screen, mouse capture) and clears it,
/// forgetting what was drawn, so that the next draw paints every cell.
pub fn resume(terminal: &mut DefaultTerminal) -> io::Result<()> {
    // crossterm takes raw mode to be on until it turns it off itself; after a stop it
    // did not see (SIGSTOP), the shell may have put the terminal back in cooked mode.
    crossterm::terminal::disable_raw_mode()?;
    crossterm::terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    // Not `Terminal::clear`, which asks the terminal where its cursor is and waits up to
    // two seconds for an answer that not every terminal gives.
    let size = terminal.size()?;
    terminal.resize(Rect::from((Position::ORIGIN, size)))
}
