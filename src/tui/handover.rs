//! Running another program in the explorer's terminal (an editor, a pager): the
//! terminal handed over to it as a shell hands it to a job, and taken back after,
//! whatever the program did.
//!
//! The program runs in a process group of its own, made the terminal's foreground one:
//! its Ctrl-C (SIGINT) reaches it and not the explorer, which would otherwise take
//! Ctrl-C in a pager for a request to quit. When the program stops itself (Ctrl-Z in
//! vim or less), the explorer stops too, as the shell expects of its job, so that the
//! shell gets the terminal back; `fg` continues the explorer, which gives the terminal
//! to the program again and continues it.

use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
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
/// but its main loop), so every key goes to the command. A stop and a continuing of
/// the explorer while it runs concern the command only: the caller should forget them
/// (`Input::forget_stops`).
pub fn run_outside(
    terminal: &mut DefaultTerminal,
    command: &mut Command,
) -> io::Result<io::Result<ExitStatus>> {
    let outcome = suspend::give_back().and_then(|()| run_as_job(command));
    suspend::resume(terminal)?;
    Ok(outcome)
}

/// Starts `command` in a process group of its own with the terminal's foreground,
/// waits for it to end and gives the foreground back to the explorer's group.
fn run_as_job(command: &mut Command) -> io::Result<ExitStatus> {
    let tty = File::options().read(true).write(true).open("/dev/tty").ok();
    if let Some(fd) = tty.as_ref().map(AsRawFd::as_raw_fd) {
        // SAFETY: between fork and exec only async-signal-safe calls are made
        // (setpgid, sigprocmask, tcsetpgrp, getpid), on a descriptor open in the child.
        unsafe {
            command.pre_exec(move || {
                libc::setpgid(0, 0);
                with_ttou_blocked(|| libc::tcsetpgrp(fd, libc::getpid()));
                Ok(())
            });
        }
    }
    let ran = command
        .spawn()
        .and_then(|child| wait_through_stops(child.id(), tty.as_ref()));
    if let Some(tty) = &tty {
        // SAFETY: plain calls on a descriptor we hold open.
        unsafe {
            with_ttou_blocked(|| libc::tcsetpgrp(tty.as_raw_fd(), libc::getpgrp()));
        }
    }
    ran
}

/// Runs `f` with SIGTTOU blocked on this thread: a process not in the terminal's
/// foreground may then give the foreground to a group without being stopped for it.
///
/// # Safety
/// Async-signal-safe if `f` is: callable between fork and exec.
unsafe fn with_ttou_blocked(f: impl FnOnce() -> libc::c_int) {
    // SAFETY: sigset_t is plain data, initialised by sigemptyset before use.
    unsafe {
        let mut block: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut block);
        libc::sigaddset(&mut block, libc::SIGTTOU);
        libc::pthread_sigmask(libc::SIG_BLOCK, &block, &mut old);
        f();
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
    }
}

/// Waits for the process `pid` (the leader of its own group) to end. When it stops,
/// the explorer gives the terminal back to its own group and stops too; once
/// continued, it gives the terminal to the program's group again and continues it.
fn wait_through_stops(pid: u32, tty: Option<&File>) -> io::Result<ExitStatus> {
    let pid = pid as libc::pid_t;
    loop {
        let mut status = 0;
        // SAFETY: waits on our own child, with a status to write into.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WUNTRACED) };
        if r < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if !libc::WIFSTOPPED(status) {
            return Ok(ExitStatus::from_raw(status));
        }
        if let Some(tty) = tty {
            // SAFETY: plain calls on a descriptor we hold open.
            unsafe {
                with_ttou_blocked(|| libc::tcsetpgrp(tty.as_raw_fd(), libc::getpgrp()));
            }
        }
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
        // Continued (`fg`): the program has the terminal again and goes on.
        if let Some(tty) = tty {
            // SAFETY: plain calls on a descriptor we hold open; signals our own
            // child's group.
            unsafe {
                with_ttou_blocked(|| libc::tcsetpgrp(tty.as_raw_fd(), pid));
            }
        }
        // SAFETY: signals our own child's group.
        unsafe { libc::kill(-pid, libc::SIGCONT) };
    }
}
