//! Running a program in the explorer's terminal (the pager): the terminal handed over
//! as Ctrl-Z hands it to the shell, and taken back, drawn anew, when the program ends.
//!
//! The program runs in a process group of its own, made the terminal's foreground one,
//! as a shell runs a job: its Ctrl-C (SIGINT) and Ctrl-Z (SIGTSTP) reach it and not
//! the explorer, which would otherwise take Ctrl-C in the pager for a request to quit.
//! A program that stops itself (Ctrl-Z in less) is continued: the explorer waits for
//! it, and nothing else could bring it back.

use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, ExitStatus};

use ratatui::DefaultTerminal;

use super::suspend::{give_back, resume};

/// Hands the terminal to `command` (main screen, cooked mode, cursor shown, mouse
/// released), waits for it to end and takes the terminal back (raw mode, the
/// alternate screen, mouse capture) with every cell drawn anew at the next draw. The
/// terminal is taken back whether or not the program could be started.
pub fn run_outside(terminal: &mut DefaultTerminal, mut command: Command) -> io::Result<ExitStatus> {
    give_back()?;
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
    let ran = command.spawn().and_then(|child| wait(child.id()));
    if let Some(tty) = &tty {
        // SAFETY: plain calls on a descriptor we hold open.
        unsafe {
            with_ttou_blocked(|| libc::tcsetpgrp(tty.as_raw_fd(), libc::getpgrp()));
        }
    }
    resume(terminal)?;
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

/// Waits for the process `pid` to end, continuing it (and its group) each time it
/// stops.
fn wait(pid: u32) -> io::Result<ExitStatus> {
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
        if libc::WIFSTOPPED(status) {
            // SAFETY: signals our own child's group.
            unsafe { libc::kill(-pid, libc::SIGCONT) };
            continue;
        }
        return Ok(ExitStatus::from_raw(status));
    }
}
