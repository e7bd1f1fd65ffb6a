//! The terminal's input, watched below crossterm: events, the signals that concern the
//! explorer, and the terminal going away.
//!
//! crossterm 0.29 reads the terminal in a loop that only ends on an event: on a terminal
//! at end of file (its window closed, its SSH connection lost) each read returns at once,
//! with nothing, for ever, at a full core, and no flag set by a signal is ever looked at
//! again. So crossterm is asked for an event only when poll(2) says the terminal has
//! input and has not hung up, and a pipe written by the signal handlers wakes the wait.

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use rustix::event::{PollFd, PollFlags, Timespec};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};

/// The longest a wait goes without looking at the signal flags, should a wake-up from
/// the pipe ever be lost.
const TICK: Duration = Duration::from_millis(100);

/// How long the explorer has to wind down, once a signal asked it to stop or its
/// terminal went away, before the process is made to exit all the same.
const GRACE: Duration = Duration::from_secs(2);

/// The exit status when the process is made to exit after [`GRACE`].
const FORCED_EXIT: i32 = 130;

/// What a wait on the terminal brought.
#[derive(Debug)]
pub enum Next {
    /// An event from the terminal.
    Event(Event),
    /// Nothing within the time given.
    Idle,
    /// A signal (SIGTERM, SIGHUP, SIGINT) asks the explorer to stop.
    Stop,
    /// The terminal is gone: end of file, an error, or hung up.
    HangUp,
    /// SIGTSTP: give the terminal back and stop until continued.
    Suspend,
    /// SIGCONT after a stop that was not ours (SIGSTOP): take the terminal again.
    Resumed,
}

/// The terminal crossterm reads, the signals, and what is known of both.
pub struct Input {
    /// The terminal: standard input if it is one, else `/dev/tty`, as for crossterm.
    tty: Tty,
    /// Read end of the pipe that the signal handlers write to.
    wake: UnixStream,
    stop: Arc<AtomicBool>,
    /// The number of the last signal that asked the explorer to stop, 0 before any.
    stopped_by: Arc<AtomicUsize>,
    suspend: Arc<AtomicBool>,
    resumed: Arc<AtomicBool>,
    resized: Arc<AtomicBool>,
    /// crossterm may hold events already read: ask it before waiting on the terminal.
    buffered: bool,
    /// The terminal had input that crossterm did not see (its wait is edge-triggered, and
    /// it leaves input over 1 KiB in the terminal): wait a turn for a hang-up or a signal
    /// only, rather than be woken by that input again and again.
    stalled: bool,
    /// A size to report first, after the terminal was given back and taken again.
    resize_next: bool,
    /// The last wait returned [`Next::Suspend`]: the SIGCONT that ended the stop is ours.
    suspended: bool,
}

enum Tty {
    Stdin,
    Own(OwnedFd),
}

impl Tty {
    fn open() -> io::Result<Tty> {
        if rustix::termios::isatty(rustix::stdio::stdin()) {
            Ok(Tty::Stdin)
        } else {
            let file = File::options().read(true).write(true).open("/dev/tty")?;
            Ok(Tty::Own(file.into()))
        }
    }
}

impl AsFd for Tty {
    fn as_fd(&self) -> BorrowedFd<'_> {
        match self {
            Tty::Stdin => rustix::stdio::stdin(),
            Tty::Own(fd) => fd.as_fd(),
        }
    }
}

/// Whether poll(2) reported the end of the terminal: hung up, in error, or at end of
/// file (input that nothing can be read from).
fn ended(tty: BorrowedFd<'_>, revents: PollFlags) -> bool {
    revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
        || (revents.contains(PollFlags::IN)
            && !matches!(rustix::io::ioctl_fionread(tty), Ok(n) if n > 0))
}

/// poll(2) on `fds`, an interrupted call counting as a wake-up.
fn poll(fds: &mut [PollFd<'_>], timeout: Duration) -> io::Result<()> {
    let timeout = Timespec::try_from(timeout).map_err(io::Error::other)?;
    match rustix::event::poll(fds, Some(&timeout)) {
        Ok(_) | Err(rustix::io::Errno::INTR) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

impl Input {
    /// Takes the signals over (SIGTERM, SIGHUP and SIGINT stop the explorer; SIGTSTP
    /// suspends it; SIGCONT and SIGWINCH wake it) and opens the terminal. Also starts the
    /// guard that makes the process exit if, after a stop was asked for or the terminal
    /// went away, the explorer does not end within a grace period.
    pub fn open() -> io::Result<Input> {
        let tty = Tty::open()?;
        let (wake, wake_writer) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        let flag = |signals: &[i32]| -> io::Result<Arc<AtomicBool>> {
            let flag = Arc::new(AtomicBool::new(false));
            for &sig in signals {
                signal_hook::flag::register(sig, Arc::clone(&flag))?;
                signal_hook::low_level::pipe::register(sig, wake_writer.try_clone()?)?;
            }
            Ok(flag)
        };
        let stop = flag(&[SIGTERM, SIGHUP, SIGINT])?;
        let stopped_by = Arc::new(AtomicUsize::new(0));
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register_usize(sig, Arc::clone(&stopped_by), sig as usize)?;
        }
        let input = Input {
            suspend: flag(&[SIGTSTP])?,
            resumed: flag(&[SIGCONT])?,
            resized: flag(&[SIGWINCH])?,
            stop,
            stopped_by,
            tty,
            wake,
            // So that the first wait asks crossterm, which then sets up its reading (and
            // its own SIGWINCH handler) on a terminal known to be there.
            buffered: true,
            stalled: false,
            resize_next: false,
            suspended: false,
        };
        input.guard()?;
        Ok(input)
    }

    /// Waits up to `timeout` for what comes first: a signal, the terminal going away, or
    /// an event. Never asks crossterm for an event from a terminal that has hung up.
    pub fn next(&mut self, timeout: Duration) -> io::Result<Next> {
        let deadline = Instant::now() + timeout;
        if std::mem::take(&mut self.suspended) {
            self.resumed.store(false, Ordering::SeqCst);
        }
        loop {
            self.drain_wake();
            if self.stop.load(Ordering::SeqCst) {
                return Ok(Next::Stop);
            }
            let tty = self.tty.as_fd();
            let interest = if self.stalled || self.buffered {
                PollFlags::empty()
            } else {
                PollFlags::IN
            };
            let wait = if self.buffered || self.resize_next {
                Duration::ZERO
            } else {
                deadline.saturating_duration_since(Instant::now()).min(TICK)
            };
            let mut fds = [
                PollFd::new(&tty, interest),
                PollFd::new(&self.wake, PollFlags::IN),
            ];
            poll(&mut fds, wait)?;
            let revents = fds[0].revents();
            if ended(tty, revents) {
                return Ok(Next::HangUp);
            }
            let input = revents.contains(PollFlags::IN);
            if self.stop.load(Ordering::SeqCst) {
                return Ok(Next::Stop);
            }
            if self.suspend.swap(false, Ordering::SeqCst) {
                self.resize_next = true;
                self.suspended = true;
                return Ok(Next::Suspend);
            }
            if self.resumed.swap(false, Ordering::SeqCst) {
                self.resize_next = true;
                return Ok(Next::Resumed);
            }
            if std::mem::take(&mut self.resize_next) {
                // The size may have changed while the terminal was another's: the
                // SIGWINCH then went to the shell.
                let (cols, rows) = crossterm::terminal::size()?;
                return Ok(Next::Event(Event::Resize(cols, rows)));
            }
            // crossterm turns SIGWINCH into an event of its own, once it reads.
            let resized = self.resized.swap(false, Ordering::SeqCst);
            self.stalled = false;
            if input || resized || self.buffered {
                if event::poll(Duration::ZERO)? {
                    self.buffered = true;
                    return event::read().map(Next::Event);
                }
                self.buffered = false;
                self.stalled = input;
                if resized {
                    // One that came before crossterm was reading.
                    let (cols, rows) = crossterm::terminal::size()?;
                    return Ok(Next::Event(Event::Resize(cols, rows)));
                }
            }
            if Instant::now() >= deadline {
                return Ok(Next::Idle);
            }
        }
    }

    /// Forgets the stops and continuings signalled so far: those of a program that had
    /// the terminal (its Ctrl-Z stopped the whole process group), not the explorer's.
    pub fn forget_stops(&mut self) {
        self.suspend.store(false, Ordering::SeqCst);
        self.resumed.store(false, Ordering::SeqCst);
    }

    /// The signal (SIGTERM, SIGHUP, SIGINT) that asked the explorer to stop, if one did.
    pub fn stopped_by(&self) -> Option<i32> {
        match self.stopped_by.load(Ordering::SeqCst) {
            0 => None,
            sig => i32::try_from(sig).ok(),
        }
    }

    /// Whether the terminal is gone: hung up, in error, or at end of file.
    pub fn gone(&self) -> bool {
        let tty = self.tty.as_fd();
        let mut fds = [PollFd::new(&tty, PollFlags::IN)];
        poll(&mut fds, Duration::ZERO).is_ok_and(|()| ended(tty, fds[0].revents()))
    }

    /// `Ok` if the terminal is gone, which is then the cause of `error`; else `error`.
    pub fn lost(&self, error: io::Error) -> io::Result<()> {
        if self.gone() { Ok(()) } else { Err(error) }
    }

    fn drain_wake(&mut self) {
        let mut buf = [0u8; 64];
        while matches!(self.wake.read(&mut buf), Ok(n) if n > 0) {}
    }

    /// Starts a thread that sleeps until SIGTERM, SIGHUP, SIGINT or a hang-up, then gives
    /// the explorer [`GRACE`] to end before exiting the process itself: the explorer may
    /// be held where no flag is looked at (crossterm's read of a terminal that hangs up
    /// in the middle of an escape sequence, a write to a terminal that takes nothing).
    fn guard(&self) -> io::Result<()> {
        let tty = rustix::io::fcntl_dupfd_cloexec(self.tty.as_fd(), 0)?;
        let (wake, wake_writer) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::low_level::pipe::register(sig, wake_writer.try_clone()?)?;
        }
        let stop = Arc::clone(&self.stop);
        std::thread::Builder::new()
            .name(String::from("stop guard"))
            .spawn(move || {
                loop {
                    let mut fds = [
                        PollFd::new(&tty, PollFlags::empty()),
                        PollFd::new(&wake, PollFlags::IN),
                    ];
                    match rustix::event::poll(&mut fds, None) {
                        Ok(_) => {}
                        Err(rustix::io::Errno::INTR) => continue,
                        Err(_) => return,
                    }
                    let gone = ended(tty.as_fd(), fds[0].revents());
                    if gone || stop.load(Ordering::SeqCst) {
                        std::thread::sleep(GRACE);
                        if !gone {
                            let _ = crossterm::terminal::disable_raw_mode();
                        }
                        std::process::exit(FORCED_EXIT);
                    }
                    let mut buf = [0u8; 64];
                    let _ = (&wake).read(&mut buf);
                }
            })?;
        Ok(())
    }
}

/// Once the terminal is gone, points standard input, output and error at `/dev/null`:
/// what is still written on the way out (the terminal's restoring, a message) then goes
/// nowhere, rather than failing with EIO (which `eprintln!` turns into a panic).
pub fn let_go() {
    if let Ok(null) = File::options().read(true).write(true).open("/dev/null") {
        let _ = rustix::stdio::dup2_stdin(&null);
        let _ = rustix::stdio::dup2_stdout(&null);
        let _ = rustix::stdio::dup2_stderr(&null);
    }
}
