//! End to end: the real `debate-tui` binary in a pseudo-terminal, driven by key bytes,
//! its screen read back through a terminal emulator (vt100).
//!
//! Every test waits for what it expects to see (polling up to [`TIMEOUT`]) rather than
//! sleeping, and a [`Session`] kills its child when dropped, so a failing test leaks no
//! process. Every session remembers its state in a temporary folder of its own (or one
//! the test names), never in the user's.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[path = "support/hostile.rs"]
mod hostile;

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use vt100::{MouseProtocolMode, Screen};

const BIN: &str = env!("CARGO_BIN_EXE_debate-tui");
/// How long a wait may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How often waits look at the screen again.
const POLL: Duration = Duration::from_millis(10);

const ENTER: &[u8] = b"\r";
const TAB: &[u8] = b"\t";
const ESC: &[u8] = b"\x1b";
const CTRL_C: &[u8] = b"\x03";
const BACKSPACE: &[u8] = b"\x7f";

/// The debate's title, as the header shows it.
const TITLE: &str = "Meta, open source and alignment";

/// One run of the binary in a pty of its own.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    /// The pty's master side and its writer: `None` once [`Session::hang_up`] closed them.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote, in order.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set when the reader thread has seen the pty close.
    reader_done: Arc<AtomicBool>,
    /// Tells the reader thread to pause or stop.
    reader_control: Arc<ReaderControl>,
    reader: Option<std::thread::JoinHandle<()>>,
    /// The folder the app remembers its state in, unless the test named one.
    _state: Option<tempfile::TempDir>,
}

/// The variable that names the folder the app remembers its state in.
const STATE_DIR: &str = "DEBATE_TUI_STATE_DIR";

/// What the test asks of the thread that reads the app's output, and what it reports.
#[derive(Default)]
struct ReaderControl {
    /// Set to make it close its end of the pty and stop.
    stop: AtomicBool,
    /// Set to make it stop reading for a while, as a frozen terminal does.
    paused: AtomicBool,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a non-zero size")
}

/// A handle of its own on a pty's master side, to read what the app writes.
fn master_reader(master: &dyn MasterPty) -> std::fs::File {
    let fd = master.as_raw_fd().expect("the master's file descriptor");
    // SAFETY: `fd` is the master's, open for as long as `master` lives, which outlasts
    // this borrow: the duplicate made from it is a handle of its own.
    let borrowed = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
    std::fs::File::from(rustix::io::fcntl_dupfd_cloexec(borrowed, 0).expect("dup the master"))
}

impl Session {
    /// Starts the built-in debate in a `cols`×`rows` terminal.
    fn start(rows: u16, cols: u16) -> Session {
        Session::start_with(rows, cols, &[], &[])
    }

    fn start_with(rows: u16, cols: u16, env: &[(&str, &str)], args: &[&str]) -> Session {
        let pair = native_pty_system()
            .openpty(size(rows, cols))
            .expect("open a pty");
        // The screens of this session may name the nodes of the file it opens.
        if let Some(file) = args.iter().find(|a| !a.starts_with('-')) {
            know_file(std::path::Path::new(file));
        }
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("DEBATE_TUI_TEST_PANIC");
        // The state goes into a folder of this session's unless the test names one.
        let state = (!env.iter().any(|(k, _)| *k == STATE_DIR))
            .then(|| tempfile::tempdir().expect("a state folder"));
        match &state {
            Some(dir) => cmd.env(STATE_DIR, dir.path()),
            None => cmd.env_remove(STATE_DIR),
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(std::env::temp_dir());
        let child = pair.slave.spawn_command(cmd).expect("spawn debate-tui");
        // Only the child holds the slave now, so the reader ends when the child exits.
        drop(pair.slave);
        let mut reader = master_reader(pair.master.as_ref());
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let reader_done = Arc::new(AtomicBool::new(false));
        let reader_control = Arc::new(ReaderControl::default());
        let thread = {
            let (parser, raw, done, control) = (
                Arc::clone(&parser),
                Arc::clone(&raw),
                Arc::clone(&reader_done),
                Arc::clone(&reader_control),
            );
            // Reads in turns of poll(2) with a timeout rather than a blocking read, so that
            // `hang_up` can make it let go of the master side while the app still runs.
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                let turn = rustix::event::Timespec::try_from(POLL).unwrap();
                while !control.stop.load(Ordering::SeqCst) {
                    if control.paused.load(Ordering::SeqCst) {
                        std::thread::sleep(POLL);
                        continue;
                    }
                    let mut fds = [rustix::event::PollFd::new(
                        &reader,
                        rustix::event::PollFlags::IN,
                    )];
                    match rustix::event::poll(&mut fds, Some(&turn)) {
                        Ok(0) | Err(rustix::io::Errno::INTR) => continue,
                        Ok(_) => {}
                        Err(_) => break,
                    }
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            parser.lock().unwrap().process(&buf[..n]);
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                        }
                    }
                }
                done.store(true, Ordering::SeqCst);
            })
        };
        Session {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            parser,
            raw,
            reader_done,
            reader_control,
            reader: Some(thread),
            _state: state,
        }
    }

    /// The pty's master side, while it is open.
    fn master(&self) -> &dyn MasterPty {
        self.master.as_deref().expect("the pty is still open")
    }

    /// Closes every handle on the pty's master side, as a terminal window that closes, an
    /// SSH connection that drops or `tmux kill-session` does: the app's terminal is hung
    /// up under it. The screen keeps what was read until then.
    fn hang_up(&mut self) {
        self.reader_control.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        self.writer = None;
        self.master = None;
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's pid")
    }

    /// Runs `f` on the current screen.
    fn with_screen<T>(&self, f: impl FnOnce(&Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    fn contents(&self) -> String {
        self.with_screen(Screen::contents)
    }

    fn raw_contains(&self, needle: &[u8]) -> bool {
        self.raw
            .lock()
            .unwrap()
            .windows(needle.len())
            .any(|w| w == needle)
    }

    fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the pty is still open");
        writer.write_all(bytes).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    /// Waits until `pred` holds for the screen; fails with the screen shown otherwise.
    fn wait_for(&mut self, what: &str, pred: impl Fn(&Screen) -> bool) {
        self.wait_for_within(TIMEOUT, what, pred);
    }

    /// [`Session::wait_for`], up to `limit`.
    fn wait_for_within(&mut self, limit: Duration, what: &str, pred: impl Fn(&Screen) -> bool) {
        let end = Instant::now() + limit;
        loop {
            if self.with_screen(&pred) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // The child is gone: give the reader a moment to drain, then look once more.
                self.wait_reader();
                if self.with_screen(&pred) {
                    return;
                }
                panic!(
                    "the app exited ({status}) while waiting for {what}; screen:\n{}",
                    self.contents()
                );
            }
            if Instant::now() >= end {
                panic!(
                    "timed out after {limit:?} waiting for {what}; screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    fn wait_text(&mut self, needle: &str) {
        let what = format!("{needle:?} on screen");
        self.wait_for(&what, |s| s.contents().contains(needle));
    }

    /// Waits until the screen has not changed (text and attributes) for a short while,
    /// so that a frame drawn in several writes is complete before the test reads it.
    /// (The app redraws on every tick, so the byte stream itself is never quiet.)
    fn settle(&self) {
        let quiet = Duration::from_millis(150);
        let end = Instant::now() + TIMEOUT;
        let snapshot = || self.with_screen(Screen::contents_formatted);
        let mut last = snapshot();
        let mut since = Instant::now();
        while Instant::now() < end {
            std::thread::sleep(POLL);
            let now = snapshot();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
        panic!(
            "the screen kept changing for {TIMEOUT:?}:\n{}",
            self.contents()
        );
    }

    /// Resizes the terminal: the emulator first, then the pty (which signals the app).
    fn resize(&mut self, rows: u16, cols: u16) {
        let mut p = self.parser.lock().unwrap();
        p.set_size(nz(rows), nz(cols));
        self.master()
            .resize(size(rows, cols))
            .expect("resize the pty");
    }

    /// Waits for the child to exit, then for its last output to be read.
    fn wait_exit(&mut self) -> ExitStatus {
        let status = self.wait_child();
        self.wait_reader();
        status
    }

    /// Waits for the child to exit.
    fn wait_child(&mut self) -> ExitStatus {
        let end = Instant::now() + TIMEOUT;
        loop {
            match self.child.try_wait().expect("try_wait") {
                Some(status) => return status,
                None if Instant::now() >= end => panic!(
                    "the app did not exit within {TIMEOUT:?}; screen:\n{}",
                    self.contents()
                ),
                None => std::thread::sleep(POLL),
            }
        }
    }

    fn wait_reader(&self) {
        let end = Instant::now() + TIMEOUT;
        while !self.reader_done.load(Ordering::SeqCst) && Instant::now() < end {
            std::thread::sleep(POLL);
        }
        assert!(
            self.reader_done.load(Ordering::SeqCst),
            "the pty did not close after the app exited"
        );
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed: {status}");
    }

    /// The pty's slave side, opened anew.
    fn slave(&self) -> std::fs::File {
        let tty = self.master().tty_name().expect("the pty's name");
        std::fs::File::open(&tty).expect("open the pty's slave side")
    }

    /// Runs `stty ARG` on the pty's slave side, and returns what it printed: with `-a`,
    /// the line settings.
    fn stty(&self, arg: &str) -> String {
        let out = Command::new("stty")
            .arg(arg)
            .stdin(self.slave())
            .output()
            .expect("run stty");
        assert!(out.status.success(), "stty {arg} failed: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Whether the pty is in raw mode: no line editing, no echo, no signals from keys.
    fn raw_mode(&self) -> bool {
        let settings = self.stty("-a");
        let has = |w: &str| settings.split_whitespace().any(|s| s == w);
        match (has("-icanon"), has("icanon")) {
            (true, false) => {
                assert!(has("-echo") && has("-isig"), "half raw: {settings}");
                true
            }
            (false, true) => {
                assert!(has("echo") && has("isig"), "half cooked: {settings}");
                false
            }
            _ => panic!("stty says neither icanon nor -icanon: {settings}"),
        }
    }

    /// The app is up: the panes are drawn, in the alternate screen, with the mouse on.
    fn wait_ready(&mut self) {
        self.wait_text("Claims (36)");
        self.assert_taken_over();
    }

    /// Waits for the app, continued, to put the terminal in raw mode again, then checks
    /// it has the terminal whole.
    fn wait_taken_over_again(&mut self) {
        let end = Instant::now() + TIMEOUT;
        while !self.raw_mode() {
            assert!(Instant::now() < end, "raw mode not taken again");
            std::thread::sleep(POLL);
        }
        self.assert_taken_over();
    }

    /// The app has the terminal: raw mode, the alternate screen, the mouse, no cursor.
    fn assert_taken_over(&mut self) {
        self.settle();
        assert!(self.raw_mode(), "the app runs in raw mode");
        self.with_screen(|s| {
            assert!(
                s.alternate_screen(),
                "the app draws in the alternate screen"
            );
            assert_ne!(
                s.mouse_protocol_mode(),
                MouseProtocolMode::None,
                "the app captures the mouse"
            );
            assert!(s.hide_cursor(), "the app hides the cursor while it runs");
        });
    }

    /// The id in the Rebuttals pane's title: the current node.
    fn current_id(&self) -> Option<String> {
        rebuttals_id(&self.contents())
    }

    /// Asserts the terminal is as it was before the app ran.
    fn assert_restored(&self) {
        self.with_screen(|s| {
            let screen = s.contents();
            assert!(
                !s.alternate_screen(),
                "still in the alternate screen; screen:\n{screen}"
            );
            assert_eq!(
                s.mouse_protocol_mode(),
                MouseProtocolMode::None,
                "mouse capture left on; screen:\n{screen}"
            );
            assert!(!s.hide_cursor(), "cursor left hidden; screen:\n{screen}");
        });
        assert!(!self.raw_mode(), "raw mode left on");
        let left = modes_left_on(&self.raw.lock().unwrap());
        assert!(left.is_empty(), "terminal modes left on: {left:?}");
    }

    /// Quits with `q` from the panes: the app ends with success and gives the terminal
    /// back as it was.
    fn quit(&mut self) {
        self.send(b"q");
        assert!(self.wait_exit().success());
        self.assert_restored();
    }
}

/// The terminal modes a byte stream turned on and did not turn off again: DEC private
/// modes (`CSI ? n h` / `CSI ? n l`; the cursor, mode 25, must end shown) and keyboard
/// enhancement flags (`CSI > n u` pushed, `CSI < n u` popped).
fn modes_left_on(out: &[u8]) -> Vec<String> {
    let mut last: std::collections::BTreeMap<String, u8> = Default::default();
    let (mut pushed, mut popped) = (0, 0);
    let mut i = 0;
    while let Some(at) = out[i..].windows(2).position(|w| w == b"\x1b[") {
        let start = i + at + 2;
        let Some(&kind) = out.get(start) else { break };
        let params_from = if matches!(kind, b'?' | b'>' | b'<') {
            start + 1
        } else {
            start
        };
        let end = out[params_from..]
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';'))
            .map_or(out.len(), |n| params_from + n);
        let params = String::from_utf8_lossy(&out[params_from..end]).into_owned();
        match (kind, out.get(end)) {
            (b'?', Some(&f @ (b'h' | b'l'))) => {
                for mode in params.split(';') {
                    last.insert(mode.to_owned(), f);
                }
            }
            (b'>', Some(b'u')) => pushed += 1,
            (b'<', Some(b'u')) => popped += 1,
            _ => {}
        }
        i = end.max(start);
    }
    let mut left: Vec<String> = last
        .into_iter()
        .filter(|(mode, f)| (mode == "25") != (*f == b'h'))
        .map(|(mode, f)| format!("?{mode}{}", f as char))
        .collect();
    if pushed > popped {
        left.push(format!("{} keyboard flags pushed, {popped} popped", pushed));
    }
    left
}

#[test]
fn modes_left_on_reads_a_stream() {
    assert!(modes_left_on(b"\x1b[?1049h\x1b[?25lx\x1b[?1049l\x1b[?25h").is_empty());
    assert_eq!(
        modes_left_on(b"\x1b[?1000;1006h\x1b[?1000l\x1b[?25l\x1b[>1u"),
        ["?1006h", "?25l", "1 keyboard flags pushed, 0 popped"]
    );
}

impl Drop for Session {
    fn drop(&mut self) {
        self.reader_control.stop.store(true, Ordering::SeqCst);
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

thread_local! {
    /// The nodes a test's screens may name by their statements: id and statement as
    /// the screen shows it. The built-in debate's, and those of the file a session
    /// opens (see [`know_file`]).
    static KNOWN: std::cell::RefCell<Vec<(String, String)>> = std::cell::RefCell::new(
        nodes_of(&debate_tui::domain::builtin::load().expect("the built-in debate").debate),
    );
}

/// A text as the screen shows it: made visible, the placeholders of unsafe characters
/// left out (the emulator does not put them on its screen), white space collapsed.
fn as_shown(s: &str) -> String {
    let v = debate_tui::domain::text::visible(s).replace('\u{FFFD}', "");
    v.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The claims and positions of a debate: id and statement as shown.
fn nodes_of(d: &debate_tui::domain::Debate) -> Vec<(String, String)> {
    let claims = d.claims.iter().map(|c| (c.id.clone(), as_shown(&c.text)));
    let positions = d
        .positions
        .iter()
        .map(|p| (p.id.clone(), as_shown(&p.title)));
    claims.chain(positions).collect()
}

/// Makes the nodes of a debate file known to this test's screens, read as the app
/// reads it; a file that does not load, or a large one, adds nothing.
fn know_file(path: &std::path::Path) {
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() < 2_000_000)
        && let Ok(loaded) = debate_tui::domain::load_path(path)
    {
        KNOWN.with(|k| k.borrow_mut().extend(nodes_of(&loaded.debate)));
    }
}

/// The id of the one known node whose statement starts with `shown` (a statement as a
/// title or a breadcrumb shows it, perhaps cut with `…`). When none does, the longest
/// start of `shown` that some statement starts with is tried (the emulator may shift
/// what follows a placeholder); none when that start is not one node's alone.
fn id_of_shown(shown: &str) -> Option<String> {
    let shown = as_shown(shown.trim().trim_end_matches('…'));
    KNOWN.with(|k| {
        let k = k.borrow();
        let mut end = shown.len();
        while end > 0 {
            let start = &shown[..end];
            let mut found = k.iter().filter(|(_, t)| t.starts_with(start));
            if let Some(first) = found.next() {
                return found.all(|(id, _)| *id == first.0).then(|| first.0.clone());
            }
            end = shown[..end]
                .char_indices()
                .next_back()
                .map_or(0, |(i, _)| i);
        }
        None
    })
}

/// The node the Rebuttals pane is about, by the statement in its title.
fn rebuttals_id(contents: &str) -> Option<String> {
    let at = contents.find("Rebuttals · ")? + "Rebuttals · ".len();
    let rest = &contents[at..];
    let end = rest.find(['─', '│', '┐', '\n']).unwrap_or(rest.len());
    id_of_shown(&rest[..end])
}

/// The text between a screen's first and last row, borders removed, whitespace
/// collapsed: what an overlay shows, with its wrapped lines joined again.
fn body_text(s: &Screen) -> String {
    let rows: Vec<String> = s.rows(0, s.size().1.get()).collect();
    let inner = &rows[1..rows.len().saturating_sub(1)];
    inner
        .iter()
        .map(|r| r.replace(['│', '─', '┌', '┐', '└', '┘'], " "))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The header row, its path's steps (shown by their statements) written as ids,
/// "path: first › second", so that a test can say which steps it expects.
fn header(s: &Screen) -> String {
    let row = s.rows(0, s.size().1.get()).next().unwrap_or_default();
    let Some(at) = row.find("path: ") else {
        return row;
    };
    let (head, path) = row.split_at(at + "path: ".len());
    let steps: Vec<String> = path
        .trim_end()
        .split(" › ")
        .map(|step| match step {
            "…" => step.to_string(),
            _ => id_of_shown(step).unwrap_or_else(|| step.to_string()),
        })
        .collect();
    format!("{head}{}", steps.join(" › "))
}

/// The start of a known node's statement, as a title shows it.
fn shown_start(id: &str) -> String {
    KNOWN.with(|k| {
        let k = k.borrow();
        let (_, text) = k.iter().find(|(i, _)| i == id).expect("a known node");
        text.chars().take(10).collect()
    })
}

/// What the built-in debate file says, read independently of the app.
struct Data {
    yaml: serde_yaml::Value,
}

impl Data {
    fn load() -> Data {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/debate.yaml");
        let text = std::fs::read_to_string(&path).expect("read data/debate.yaml");
        Data {
            yaml: serde_yaml::from_str(&text).expect("parse data/debate.yaml"),
        }
    }

    fn claims(&self) -> &[serde_yaml::Value] {
        self.yaml["claims"].as_sequence().expect("claims")
    }

    fn claim(&self, id: &str) -> &serde_yaml::Value {
        self.claims()
            .iter()
            .find(|c| c["id"].as_str() == Some(id))
            .unwrap_or_else(|| panic!("no claim {id} in the data file"))
    }

    /// The claims that rebut `id`, in file order.
    fn rebutters(&self, id: &str) -> Vec<String> {
        self.claims()
            .iter()
            .filter(|c| {
                c["rebuts"]
                    .as_sequence()
                    .is_some_and(|r| r.iter().any(|t| t.as_str() == Some(id)))
            })
            .map(|c| c["id"].as_str().expect("claim id").to_owned())
            .collect()
    }

    /// The first quote of a claim, its whitespace collapsed.
    fn first_quote(&self, id: &str) -> String {
        let q = self.claim(id)["quotes"][0]["text"]
            .as_str()
            .unwrap_or_else(|| panic!("claim {id} has no quote"));
        q.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// From the first claim, moves down until the current claim is rebutted by something.
/// Returns its id.
fn go_to_a_rebutted_claim(s: &mut Session) -> String {
    for _ in 0..40 {
        s.settle();
        let id = s.current_id().expect("a Rebuttals title");
        if s.contents().contains("Rebutted by (") {
            return id;
        }
        s.send(b"j");
        s.wait_for("the selection to move down", |sc| {
            rebuttals_id(&sc.contents()).is_some_and(|now| now != id)
        });
    }
    panic!("no rebutted claim found; screen:\n{}", s.contents());
}

#[test]
fn journey_claim_rebuttal_source_help_quit() {
    let data = Data::load();
    let mut s = Session::start(40, 140);
    s.wait_ready();
    s.with_screen(|sc| {
        let h = header(sc);
        assert!(h.contains(TITLE), "title in the header: {h:?}");
        let c = sc.contents();
        assert!(c.contains("Rebuttals · "), "{c}");
        assert!(c.contains("Sources ("), "{c}");
    });

    // A claim that something rebuts.
    let first = go_to_a_rebutted_claim(&mut s);
    let rebutters = data.rebutters(&first);
    assert!(
        !rebutters.is_empty(),
        "the screen shows {first} as rebutted but the data file has no rebuttal of it"
    );

    // Enter in Claims starts a path there.
    s.send(ENTER);
    let crumb = format!("path: {first}");
    s.wait_for("the path to start", |sc| header(sc).contains(&crumb));

    // Tab to Rebuttals (the focus stays where it is until asked), where Enter
    // follows the first entry under "Rebutted by".
    s.send(TAB);
    s.send(ENTER);
    let second = rebutters[0].clone();
    let crumb = format!("path: {first} › {second}");
    s.wait_for(&format!("the breadcrumb {crumb:?}"), |sc| {
        header(sc).contains(&crumb)
    });
    eprintln!("followed {crumb:?}");
    s.wait_for(&format!("{second} to become current"), |sc| {
        rebuttals_id(&sc.contents()).as_deref() == Some(second.as_str())
    });
    s.settle();

    // Tab to Sources, Enter: the source view at that claim's passage.
    s.send(TAB);
    s.send(ENTER);
    let quote = data.first_quote(&second);
    let title_tail = format!("· {}", shown_start(&second));
    s.wait_for("the source view", |sc| {
        let c = sc.contents();
        c.contains(" · passage ") && c.contains(&title_tail)
    });
    s.settle();
    s.with_screen(|sc| {
        let text = body_text(sc);
        assert!(
            text.contains(&quote),
            "the source view shows the quote {quote:?}; screen:\n{}",
            sc.contents()
        );
        let c = sc.contents();
        let at = c.find(" · passage ").unwrap() + " · passage ".len();
        let n: String = c[at..].chars().take_while(|c| !c.is_whitespace()).collect();
        let (i, total) = n.split_once('/').expect("passage i/n");
        let (i, total): (usize, usize) = (i.parse().unwrap(), total.parse().unwrap());
        assert!(1 <= i && i <= total, "passage {i}/{total}");
        assert!(!c.contains("Claims (36)"), "the overlay covers the panes");
    });

    // Esc: back to the panes, the path unchanged.
    s.send(ESC);
    s.wait_for("the panes again", |sc| {
        let c = sc.contents();
        c.contains("Claims (36)") && !c.contains(" · passage ")
    });
    s.with_screen(|sc| assert!(header(sc).contains(&crumb), "{}", sc.contents()));
    s.settle();

    // ? opens help, Esc closes it.
    s.send(b"?");
    s.wait_text("Help · ? or Esc to close");
    s.settle();
    s.send(ESC);
    s.wait_for("help to close", |sc| {
        let c = sc.contents();
        !c.contains("Help · ? or Esc to close") && c.contains("Claims (36)")
    });
    s.settle();

    // q asks first (the path was never exported), q again quits, and the terminal is
    // given back.
    quit_answering(&mut s);
    s.assert_restored();
}

/// `q` with a path never exported: the question, then `q` again, and the app exits
/// with success.
fn quit_answering(s: &mut Session) {
    s.send(b"q");
    s.wait_text("was never exported");
    s.settle();
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "q q exits with success: {status}");
}

/// Starts the app, readies it with `prepare`, stops it with `stop`, and checks that it
/// exits by itself with status `code`, promptly, and gives the terminal back.
fn quits_cleanly(prepare: impl FnOnce(&mut Session), stop: impl FnOnce(&mut Session), code: u32) {
    let mut s = Session::start(40, 140);
    s.wait_ready();
    prepare(&mut s);
    let asked = Instant::now();
    stop(&mut s);
    let status = s.wait_exit();
    let took = asked.elapsed();
    eprintln!("the app exited in {took:?}: {status}");
    assert_eq!(
        status.exit_code(),
        code,
        "the app's exit status: {status}; screen:\n{}",
        s.contents()
    );
    assert_eq!(status.signal(), None, "the app exited by itself: {status}");
    assert!(took < Duration::from_secs(3), "exiting took {took:?}");
    s.assert_restored();
}

#[test]
fn ctrl_c_restores_terminal() {
    quits_cleanly(
        |s| {
            // From inside an overlay: Ctrl-C quits from anywhere.
            s.send(b"?");
            s.wait_text("Help · ? or Esc to close");
            s.settle();
        },
        |s| s.send(CTRL_C),
        0,
    );
}

#[test]
fn sigterm_restores_terminal() {
    // Ended by a signal, not a success: 128 + 15, as a shell reports it.
    quits_cleanly(|_| {}, |s| s.signal("TERM"), 143);
}

#[test]
fn sighup_restores_terminal() {
    quits_cleanly(|_| {}, |s| s.signal("HUP"), 129);
}

#[test]
fn panic_restores_terminal() {
    let mut s = Session::start_with(40, 140, &[("DEBATE_TUI_TEST_PANIC", "1")], &[]);
    let status = s.wait_exit();
    assert!(!status.success(), "a panic is a failure: {status}");
    assert_ne!(status.exit_code(), 0, "{status}");
    // It did take the terminal over before panicking...
    assert!(
        s.raw_contains(b"\x1b[?1049h"),
        "the app entered the alternate screen"
    );
    assert!(s.raw_contains(b"\x1b[?1003h"), "the app enabled the mouse");
    assert!(s.raw_contains(b"Claims (36)"), "the app drew once");
    // ...and gave it back, with the panic message readable on the normal screen.
    s.assert_restored();
    let c = s.contents();
    assert!(
        c.contains("DEBATE_TUI_TEST_PANIC"),
        "the panic message is visible after the terminal is restored; screen:\n{c}"
    );
}

/// A panic on another thread than the one drawing (the search worker's, say) ends the
/// explorer too, with the terminal given back, rather than leaving it drawing in a
/// terminal that is no longer its own.
#[test]
fn a_panic_on_another_thread_restores_terminal() {
    let mut s = Session::start_with(40, 140, &[("DEBATE_TUI_TEST_PANIC", "thread")], &[]);
    let asked = Instant::now();
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 101, "{status}");
    assert!(asked.elapsed() < Duration::from_secs(5));
    assert!(s.raw_contains(b"Claims (36)"), "the app drew once");
    s.assert_restored();
    let c = s.contents();
    assert!(c.contains("DEBATE_TUI_TEST_PANIC"), "{c}");
}

#[test]
fn resize_keeps_selection_and_too_small_recovers() {
    let mut s = Session::start(40, 140);
    s.wait_ready();
    // Move a few claims down so the selection is not the default one.
    for _ in 0..4 {
        let id = s.current_id().expect("a Rebuttals title");
        s.send(b"j");
        s.wait_for("the selection to move down", |sc| {
            rebuttals_id(&sc.contents()).is_some_and(|now| now != id)
        });
    }
    s.settle();
    let chosen = s.current_id().expect("a Rebuttals title");

    s.resize(20, 60);
    s.wait_for("the narrow layout's tab line", |sc| {
        let c = sc.contents();
        c.contains(" Claims │ Rebuttals │ Sources") && c.contains("Claims (36)")
    });
    s.settle();

    s.resize(8, 30);
    s.wait_text("Terminal too small");
    s.settle();

    s.resize(40, 140);
    s.wait_for("the wide layout again", |sc| {
        let c = sc.contents();
        c.contains("Claims (36)") && !c.contains("Terminal too small") && !c.contains(" Claims │ ")
    });
    s.settle();
    assert_eq!(
        s.current_id().as_deref(),
        Some(chosen.as_str()),
        "the same claim is current after the resizes; screen:\n{}",
        s.contents()
    );
    s.quit();
}

#[test]
fn load_error_prints_before_terminal() {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let name = format!("debate-tui-e2e-{}-{nanos}.yaml", std::process::id());
    let path = std::env::temp_dir().join(&name);
    std::fs::write(&path, "version: 1\ntitle: T\npositions: []\nrebutts: x\n").unwrap();
    let out = Command::new(BIN).arg(&path).output();
    let _ = std::fs::remove_file(&path);
    let out = out.expect("run debate-tui");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {stderr}\nstdout: {stdout}"
    );
    assert!(stderr.contains("error:"), "{stderr}");
    assert!(stderr.contains(&name), "the file is named: {stderr}");
    assert!(stderr.contains("unknown field `rebutts`"), "{stderr}");
    // Nothing of the terminal was touched: no escape sequences anywhere.
    assert!(
        !stdout.contains('\x1b') && !stderr.contains('\x1b'),
        "{stderr}"
    );
}

/// A left click at a 0-based cell, as a terminal reports it with SGR mouse encoding.
fn click(s: &mut Session, col: u16, row: u16) {
    let (c, r) = (col + 1, row + 1);
    s.send(format!("\x1b[<0;{c};{r}M\x1b[<0;{c};{r}m").as_bytes());
}

/// A debate file of one's own, opened from the command line: the mouse selects claims,
/// Backspace walks the path back, and the source view goes from passage to passage
/// and from a passage to the claim that quotes it.
#[test]
fn mouse_backspace_and_passages_in_a_file_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("talk.txt"),
        "The weights are out there now.\n\nNobody can switch the model off, and nobody can call it back.\n",
    )
    .unwrap();
    let file = dir.path().join("debate.yaml");
    std::fs::write(
        &file,
        "version: 1
title: Open weights
sources:
  - id: talk
    title: A talk
    file: talk.txt
positions:
  - id: open
    title: Publish
  - id: closed
    title: Keep closed
claims:
  - id: out-there
    position: open
    text: The weights are already out.
    quotes:
      - source: talk
        text: The weights are out there now.
  - id: no-recall
    position: closed
    text: Nobody can call a model back.
    rebuts: [out-there]
    quotes:
      - source: talk
        text: nobody can call it back
",
    )
    .unwrap();
    let mut s = Session::start_with(40, 140, &[], &[file.to_str().unwrap()]);
    s.wait_text("Claims (2)");
    s.settle();
    assert!(s.contents().contains("Open weights"));

    // Rows of the Claims pane: the header is row 0, the border row 1, then `open`,
    // `out-there` (folded: `no-recall` answers it), `closed`. A click on the fold
    // mark, after the guide, selects and unfolds.
    click(&mut s, 3, 3);
    s.wait_text("Nobody can call a model back.");
    click(&mut s, 12, 4);
    s.wait_for("a click to select no-recall", |sc| {
        rebuttals_id(&sc.contents()).as_deref() == Some("no-recall")
    });
    click(&mut s, 12, 3);
    s.wait_for("a click to select out-there", |sc| {
        rebuttals_id(&sc.contents()).as_deref() == Some("out-there")
    });
    s.settle();

    // A path of two steps, then one step back.
    s.send(ENTER);
    s.wait_for("the path to start", |sc| {
        header(sc).contains("path: out-there")
    });
    s.send(TAB);
    s.send(ENTER);
    s.wait_for("the rebuttal to be followed", |sc| {
        header(sc).contains("path: out-there › no-recall")
    });
    s.settle();
    s.send(b"\x7f");
    s.wait_for("Backspace to step back", |sc| {
        let h = header(sc);
        h.contains("path: out-there")
            && !h.contains("no-recall")
            && rebuttals_id(&sc.contents()).as_deref() == Some("out-there")
    });
    s.settle();

    // The quote in its source, the next passage, and that passage's claim.
    s.send(TAB);
    s.send(ENTER);
    s.wait_for("the source view at the first passage", |sc| {
        sc.contents()
            .contains("passage 1/2 · The weights are already out.")
    });
    s.settle();
    s.send(b"n");
    s.wait_for("the next passage", |sc| {
        sc.contents()
            .contains("passage 2/2 · Nobody can call a model back.")
    });
    s.settle();
    s.send(ENTER);
    s.wait_for("the passage's claim", |sc| {
        let c = sc.contents();
        !c.contains(" · passage ") && rebuttals_id(&c).as_deref() == Some("no-recall")
    });
    s.settle();
    // Going to the passage's claim leaves the path as it was.
    s.with_screen(|sc| {
        let h = header(sc);
        assert!(
            h.contains("path: out-there") && !h.contains("no-recall"),
            "{h}"
        );
    });

    quit_answering(&mut s);
    s.assert_restored();
}

/// The first result row of the search popup: its text after the kind and side mark.
fn first_result(contents: &str) -> Option<String> {
    let line = contents
        .lines()
        .find(|l| l.trim_start_matches('│').starts_with("claim "))?;
    let text = line.trim_start_matches('│')["claim ".len()..].trim_start();
    // Past the side's mark.
    let text: String = text.chars().skip(2).collect();
    Some(text.trim_end_matches('│').trim_end().to_owned())
}

#[test]
fn search_type_enter_focuses_the_claim() {
    let data = Data::load();
    let mut s = Session::start(30, 100);
    s.wait_ready();

    s.send(b"/");
    s.wait_text("Type to search");
    // Letters bound elsewhere are text in the popup: `q` does not quit.
    s.send(b"q");
    s.wait_text("/ q");
    s.send(&[0x15]); // Ctrl-U clears.
    s.wait_text("Type to search");

    s.send(b"kill switch");
    s.wait_for("results for the query", |sc| {
        let c = sc.contents();
        c.contains("/ kill switch") && c.contains(" results") && !c.contains("searching")
    });
    s.settle();
    let shown = first_result(&s.contents()).expect("a claim among the results");
    let shown = shown.trim_end_matches('…');
    // The data file's claim whose text the first result shows.
    let id = data
        .claims()
        .iter()
        .find(|c| c["text"].as_str().is_some_and(|t| t.starts_with(shown)))
        .and_then(|c| c["id"].as_str())
        .unwrap_or_else(|| panic!("no claim reads {shown:?}"))
        .to_owned();
    let text = data.claim(&id)["text"].as_str().unwrap().to_lowercase();
    assert!(text.contains("kill switch"), "{id}: {text}");

    s.send(ENTER);
    // A search result starts no path: the footer says which key does (waited for with
    // the rest, as a frame may reach the screen in more than one read).
    s.wait_for(&format!("{id} to be focused"), |sc| {
        let c = sc.contents();
        rebuttals_id(&c).as_deref() == Some(id.as_str())
            && !c.contains("/ kill switch")
            && c.contains("a starts a path here")
    });
    s.with_screen(|sc| {
        let h = header(sc);
        assert!(!h.contains("path:"), "{h}");
    });

    s.quit();
}

/// A session that has walked a path of two steps: a rebutted claim, then its first
/// rebuttal (Enter, Enter), with the breadcrumb showing both.
fn walk_two_steps() -> (Session, String, String) {
    walk_two_steps_with(&[])
}

/// [`walk_two_steps`] in a session started with `env`.
fn walk_two_steps_with(env: &[(&str, &str)]) -> (Session, String, String) {
    let data = Data::load();
    let mut s = Session::start_with(40, 140, env, &[]);
    s.wait_ready();
    let first = go_to_a_rebutted_claim(&mut s);
    let second = data.rebutters(&first)[0].clone();
    s.send(ENTER);
    s.send(TAB);
    s.send(ENTER);
    let crumb = format!("path: {first} › {second}");
    s.wait_for(&format!("the breadcrumb {crumb:?}"), |sc| {
        header(sc).contains(&crumb)
    });
    s.settle();
    (s, first, second)
}

#[test]
fn walk_a_path_export_it_and_match_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("walk.md");
    let (mut s, first, second) = walk_two_steps();

    // `e` offers a name made from the title; replace it with one in the temporary folder.
    s.send(b"e");
    s.wait_text("meta-open-source-and-alignment-path.md");
    s.send(&[0x15]);
    s.send(file.to_str().unwrap().as_bytes());
    s.send(ENTER);
    s.wait_text("Wrote the path (2 steps)");
    // Exploring goes on: the panes are back.
    s.with_screen(|sc| assert!(sc.contents().contains("Claims (36)")));

    let cli = Command::new(BIN)
        .args(["export", "--path", &format!("{first},{second}")])
        .output()
        .expect("run debate-tui export");
    assert!(cli.status.success());
    assert_eq!(std::fs::read(&file).unwrap(), cli.stdout);

    // Exporting again to the same name asks first; `n` leaves the file alone.
    s.send(b"e");
    s.wait_text("meta-open-source-and-alignment-path.md");
    s.send(&[0x15]);
    s.send(file.to_str().unwrap().as_bytes());
    s.send(ENTER);
    s.wait_text("Replace it?");
    s.send(ESC);
    s.wait_for("the prompt to close", |sc| {
        !sc.contents().contains("Replace it?")
    });
    assert_eq!(std::fs::read(&file).unwrap(), cli.stdout);

    // Exported as it is: `q` quits without a question.
    s.quit();
}

/// A generated debate of 20,000 claims (about 11 MB) in a temporary folder: large
/// enough that loading it shows the progress screen.
fn large_debate(seed: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.yaml");
    let generated = Command::new(BIN)
        .args(["generate", "--claims", "20000", "--seed", &seed.to_string()])
        .output()
        .expect("run debate-tui generate");
    assert!(generated.status.success());
    std::fs::write(&file, &generated.stdout).unwrap();
    (dir, file)
}

#[test]
fn a_large_debate_shows_progress_while_it_loads_then_opens() {
    let (_dir, file) = large_debate(3);
    let mut s = Session::start_with(30, 100, &[], &[file.to_str().unwrap()]);
    // The progress screen comes first: the file's name and size, and a phase.
    s.wait_for("the progress screen", |sc| {
        let c = sc.contents();
        c.contains("Opening ") && c.contains("large.yaml") && c.contains(" MB)")
    });
    s.wait_text("Claims (20000)");
    s.quit();
}

#[test]
fn loading_can_be_stopped_and_the_terminal_comes_back() {
    let (_dir, file) = large_debate(4);
    let mut s = Session::start_with(30, 100, &[], &[file.to_str().unwrap()]);
    s.wait_text("q or Esc stops");
    s.send(b"q");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 130, "stopped while loading");
    s.assert_restored();
}

#[test]
fn a_signal_while_loading_stops_it_and_the_terminal_comes_back() {
    let (_dir, file) = large_debate(5);
    for sig in ["TERM", "HUP"] {
        let mut s = Session::start_with(30, 100, &[], &[file.to_str().unwrap()]);
        s.wait_text("q or Esc stops");
        s.signal(sig);
        let status = s.wait_exit();
        assert_eq!(status.exit_code(), 130, "SIG{sig} while loading");
        s.assert_restored();
    }
}

#[test]
fn the_path_overlay_lists_steps_and_removes_one() {
    let (mut s, first, second) = walk_two_steps();

    // `p` lists both steps, the second with how it relates to the first.
    s.send(b"p");
    s.wait_text("Path · 2 steps");
    s.with_screen(|sc| {
        let c = sc.contents();
        // Each step by its statement (the ids, which may be cut, stand beside them).
        assert!(
            c.contains(&shown_start(&first)) && c.contains(&shown_start(&second)),
            "{c}"
        );
        assert!(c.contains("rebuts 1"), "{c}");
    });
    // `d` removes the selected (first) step; Esc closes; the breadcrumb follows.
    s.send(b"d");
    s.wait_text("Path · 1 step ");
    s.send(ESC);
    let only = format!("path: {second}");
    s.wait_for("the shorter breadcrumb, the overlay closed", |sc| {
        let h = header(sc);
        h.contains(&only) && !h.contains(" › ") && !sc.contents().contains("Path · ")
    });

    quit_answering(&mut s);
    s.assert_restored();
}

const CTRL_O: &[u8] = b"\x0f";
const CTRL_N: &[u8] = b"\x0e";
const SHIFT_TAB: &[u8] = b"\x1b[Z";

/// Searches for `query` and goes to the first result; returns its id.
fn search_and_go(s: &mut Session, query: &str) -> String {
    s.send(b"/");
    s.wait_text("Type to search");
    s.send(query.as_bytes());
    let typed = format!("/ {query}");
    s.wait_for("results for the query", |sc| {
        let c = sc.contents();
        c.contains(&typed) && c.contains(" results") && !c.contains("searching")
    });
    s.settle();
    s.send(ENTER);
    s.wait_for("the search to close", |sc| !sc.contents().contains(&typed));
    s.settle();
    s.current_id().expect("a Rebuttals title")
}

#[test]
fn a_path_survives_a_search_jump_and_an_undo() {
    let (mut s, first, second) = walk_two_steps();
    let crumb = format!("path: {first} › {second}");

    // A search result is a place to go, not a step: the path stays, and says so.
    let found = search_and_go(&mut s, "kill switch");
    assert_ne!(found, second);
    s.with_screen(|sc| {
        assert!(header(sc).contains(&crumb), "{}", sc.contents());
        assert!(sc.contents().contains("The path is kept (2 steps)"));
    });

    // `a` adds it, as a jump (the overlay says so); `u` takes it back off.
    s.send(b"a");
    let longer = format!("{crumb} › {found}");
    s.wait_for("the result added", |sc| header(sc).contains(&longer));
    s.send(b"p");
    s.wait_text("Path · 3 steps");
    s.with_screen(|sc| assert!(sc.contents().contains("jump from 2"), "{}", sc.contents()));
    s.send(ESC);
    s.wait_for("the overlay to close", |sc| {
        !sc.contents().contains("Path · 3 steps")
    });
    s.send(b"u");
    s.wait_text("Undone: step 3 added");
    s.with_screen(|sc| {
        let h = header(sc);
        assert!(h.contains(&crumb) && !h.contains(&longer), "{h}");
    });

    // Ctrl-O goes back to where the search was made, Ctrl-N forward again.
    s.send(CTRL_O);
    s.wait_for("the jump back", |sc| {
        rebuttals_id(&sc.contents()).as_deref() == Some(second.as_str())
    });
    s.settle();
    s.send(CTRL_N);
    s.wait_for("the jump forward", |sc| {
        rebuttals_id(&sc.contents()).as_deref() == Some(found.as_str())
    });
    s.with_screen(|sc| assert!(header(sc).contains(&crumb)));

    quit_answering(&mut s);
    s.assert_restored();
}

#[test]
fn quit_with_a_path_never_exported_asks_and_n_stays() {
    let (mut s, first, second) = walk_two_steps();
    let crumb = format!("path: {first} › {second}");
    s.send(b"q");
    s.wait_text("The path (2 steps) was never exported.");
    s.with_screen(|sc| {
        let c = sc.contents();
        assert!(c.contains("It is kept for next time."), "{c}");
        assert!(c.contains("q quit · e export first · n stay"), "{c}");
    });
    s.settle();
    // `n` stays, the path as it was.
    s.send(b"n");
    s.wait_for("the question to close", |sc| {
        !sc.contents().contains("never exported")
    });
    s.settle();
    assert!(s.child.try_wait().unwrap().is_none(), "still running");
    s.with_screen(|sc| assert!(header(sc).contains(&crumb)));
    // Asked again, `y` quits.
    s.send(b"q");
    s.wait_text("never exported");
    s.settle();
    s.send(b"y");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn reopening_restores_the_path_and_the_selection() {
    let data = Data::load();
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().to_str().unwrap();
    let saved = state.path().join("built-in.json");

    let (mut s, first, second) = walk_two_steps_with(&[(STATE_DIR, dir)]);
    let crumb = format!("path: {first} › {second}");
    // The selection moves off the path.
    s.send(SHIFT_TAB);
    s.send(b"j");
    s.wait_for("the selection to move", |sc| {
        rebuttals_id(&sc.contents()).is_some_and(|id| id != second)
    });
    s.settle();
    let chosen = s.current_id().unwrap();
    // Ctrl-C quits at once, without a question; the path is remembered all the same.
    s.send(CTRL_C);
    assert!(s.wait_exit().success());
    s.assert_restored();

    // The state file holds ids, never the debate's text.
    let json = std::fs::read_to_string(&saved).expect("the state is saved");
    for id in [&first, &second, &chosen] {
        assert!(json.contains(&format!("\"{id}\"")), "{id} in {json}");
    }
    let text = data.claim(&first)["text"].as_str().unwrap();
    assert!(!json.contains(text), "{json}");
    assert!(json.contains("\"format\": \"debate-tui state\""), "{json}");

    // Open again: the path and the selection are back.
    let mut s = Session::start_with(40, 140, &[(STATE_DIR, dir)], &[]);
    s.wait_ready();
    s.wait_text("Restored the path (2 steps)");
    s.with_screen(|sc| {
        assert!(header(sc).contains(&crumb), "{}", sc.contents());
        assert_eq!(
            rebuttals_id(&sc.contents()).as_deref(),
            Some(chosen.as_str())
        );
    });
    // Still never exported: `q` asks.
    quit_answering(&mut s);
    s.assert_restored();

    // A damaged state file is set aside with a note; the explorer opens all the same.
    std::fs::write(&saved, "{ \"path\": [").unwrap();
    let mut s = Session::start_with(40, 140, &[(STATE_DIR, dir)], &[]);
    s.wait_ready();
    s.wait_text("Started afresh: the state file is damaged");
    s.with_screen(|sc| assert!(!header(sc).contains("path:"), "{}", sc.contents()));
    s.send(b"q");
    assert!(s.wait_exit().success(), "no path: q quits at once");
    s.assert_restored();
    // And at quit the damaged file gave way to a good one.
    let json = std::fs::read_to_string(&saved).unwrap();
    assert!(json.contains("\"version\": 1"), "{json}");
}

/// A debate file whose texts, titles, quotes, source and file names carry escape
/// sequences, C1 controls, BEL, bidirectional overrides, invisible characters and tabs:
/// explored in every view, none of it reaches the terminal; placeholders show instead.
#[test]
fn a_hostile_file_never_reaches_the_terminal_as_control_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile::write(dir.path(), true);
    let mut s = Session::start_with(40, 140, &[], &[file.to_str().unwrap()]);
    s.wait_text("Claims (2)");
    s.assert_taken_over();
    // The text shows, with a placeholder for each control character (which the
    // emulator, unlike a terminal, does not put on its screen: it is read in the bytes).
    s.with_screen(|sc| {
        let h = header(sc);
        assert!(h.contains("Title ]0;PWNED[31mPWNED"), "{h}");
    });
    assert!(s.raw_contains("Title \u{FFFD}]0;PWNED\u{FFFD}\u{FFFD}[31mPWNED".as_bytes()));
    // Every view: the claim's rebuttal, its sources, the quote in its source's text,
    // search results, the path, the export prompt, help.
    s.send(ENTER);
    s.send(TAB);
    s.send(ENTER);
    s.wait_for("the rebuttal to be followed", |sc| {
        header(sc).contains("path: first › second")
    });
    s.send(BACKSPACE);
    s.wait_for("a step back", |sc| {
        rebuttals_id(&sc.contents()).as_deref() == Some("first")
    });
    s.send(TAB);
    s.send(ENTER);
    // The title names the claim by its statement; the emulator shifts what follows
    // the placeholders, so only the passage is looked for.
    s.wait_text(" · passage 1/1 ·");
    s.settle();
    assert!(s.contents().contains("said ]0;PWNED"), "{}", s.contents());
    assert!(s.raw_contains("said \u{FFFD}]0;PWNED".as_bytes()));
    s.send(ESC);
    s.wait_for("the source view to close", |sc| {
        !sc.contents().contains(" · passage ")
    });
    s.send(b"/PWNED");
    s.wait_text(" results");
    s.settle();
    s.send(ESC);
    s.wait_for("the search to close", |sc| {
        !sc.contents().contains(" results")
    });
    s.send(b"p");
    s.wait_text("Path · 1 step");
    s.send(b"e");
    s.wait_text("title-0-pwned-31mpwned");
    s.send(ESC);
    s.wait_for("the prompt to close", |sc| {
        !sc.contents().contains("title-0-pwned")
    });
    s.send(b"?");
    s.wait_text("Help · ? or Esc to close");
    s.settle();
    // q closes help; q again asks before quitting.
    s.send(b"q");
    s.wait_for("help to close", |sc| !sc.contents().contains("Help · "));
    quit_answering(&mut s);
    s.assert_restored();
    let found = hostile::found_in(&s.raw.lock().unwrap());
    assert!(found.is_empty(), "the terminal was sent {found:?}");

    // An invalid one: the errors are printed before the terminal is taken, cleanly.
    let bad = tempfile::tempdir().unwrap();
    let file = hostile::write(bad.path(), false);
    let mut s = Session::start_with(40, 140, &[], &[file.to_str().unwrap()]);
    assert_eq!(s.wait_exit().exit_code(), 1);
    assert!(s.contents().contains("invalid id"), "{}", s.contents());
    let raw = s.raw.lock().unwrap().clone();
    hostile::assert_clean(
        "the load errors",
        &raw.into_iter().filter(|&b| b != b'\r').collect::<Vec<_>>(),
    );
}

#[test]
fn a_kialo_export_opens_in_the_explorer_with_its_citations() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/kialo-old.txt"
    );
    let mut s = Session::start_with(40, 140, &[], &[file]);
    s.wait_text("Claims (6)");
    s.assert_taken_over();
    // The first claim cites the page its Markdown link named; the last one of its
    // side, nothing.
    s.wait_text("Cites: a report");
    s.send(b"jj");
    s.wait_text("Unsourced");
    s.with_screen(|sc| {
        let c = sc.contents();
        assert!(
            c.contains("Should model weights be released openly?"),
            "{c}"
        );
        assert!(c.contains("Open weights let outside researchers"), "{c}");
    });
    s.quit();
}

#[test]
fn an_aif_map_opens_saying_what_was_left_out_and_showing_speech_acts() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/");
    let file = format!("{dir}aif-ma-linked-ra.json");
    let mut s = Session::start_with(40, 160, &[], &[&file]);
    s.wait_text("Claims (10)");
    s.wait_text("5 warnings: 1 RA, CA or MA node without a premise left out");
    s.quit();
    // A question reads as one: the speaker asks.
    let file = format!("{dir}qt30-illocutions.json");
    let mut s = Session::start_with(40, 160, &[], &[&file]);
    s.wait_text("Ana Ruiz asks:");
    s.quit();
    // An OVA file's analysed text is the dialogue's: its quotes are verified.
    let file = format!("{dir}ova3-text-spans.json");
    let mut s = Session::start_with(40, 160, &[], &[&file]);
    s.wait_text("in ova3-text-spans.json ✓");
    s.quit();
}

/// A Kialo discussion (older layout) of several hundred claims: six arguments under
/// the thesis, four under each, then three, two and one, one branch running on seven
/// levels deeper, and `-> See` references between branches. Each claim says where it
/// stands ("Point 1.2.3"), so a test can tell from the screen what shows.
fn kialo_discussion() -> String {
    let mut out = String::from(
        "Discussion Title: Should cities close their centres to cars?\n\n1. Cities should close their centres to cars.\n",
    );
    fn item(out: &mut String, path: &str, depth: usize, k: usize) {
        let stance = if k.is_multiple_of(2) { "Pro" } else { "Con" };
        out.push_str(&format!(
            "{path}. {stance}: Point {path} on traffic, shops and the air in town.\n"
        ));
        let fanout = match depth {
            1 => 4,
            2 => 3,
            3 => 2,
            4 => 1,
            // The first branch goes on, one claim a level.
            d if d < 12 && path.starts_with("1.1.1.1.1") => 1,
            _ => 0,
        };
        for c in 1..=fanout {
            item(out, &format!("{path}.{c}"), depth + 1, c);
        }
    }
    for k in 1..=6 {
        item(&mut out, &format!("1.{k}"), 1, k);
    }
    // Claims that also answer elsewhere.
    out.push_str("1.7. Pro: -> See 1.2.1.\n1.1.5. Con: -> See 1.3.2.\n1.4.5. Pro: -> See 1.1.\n");
    out
}

/// The Claims pane's columns of a 120-column screen (the wide layout gives it 38%).
fn claims_text(s: &Screen) -> String {
    s.rows(0, 45).collect::<Vec<_>>().join("\n")
}

/// Waits until the Claims pane shows `needle`, or (`shown` false) no longer does.
fn wait_claims(s: &mut Session, needle: &str, shown: bool) {
    let what = format!("{needle:?} shown: {shown}, in the Claims pane");
    s.wait_for(&what, |sc| claims_text(sc).contains(needle) == shown);
}

/// The id in the Rebuttals pane's title, waited for.
fn wait_current(s: &mut Session, id: &str) {
    s.wait_for(&format!("{id} to be selected"), |sc| {
        rebuttals_id(&sc.contents()).as_deref() == Some(id)
    });
}

/// A Kialo export of several hundred claims, opened folded, then unfolded, entered,
/// folded, unfolded whole below a claim, focused, stepped out of, and paged through.
#[test]
fn a_large_kialo_discussion_reads_as_a_tree() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cars.txt");
    let text = kialo_discussion();
    let claims = text.lines().filter(|l| l.contains(": Point ")).count();
    assert!(claims > 350, "{claims} claims");
    std::fs::write(&file, &text).unwrap();
    let mut s = Session::start_with(40, 120, &[], &[file.to_str().unwrap()]);
    s.wait_text(&format!("Claims ({claims})"));
    s.assert_taken_over();

    // Folded to the arguments under the thesis, each saying how many rows it hides.
    s.with_screen(|sc| {
        let c = claims_text(sc);
        assert!(c.contains("For: Cities should close"), "{c}");
        assert!(c.contains("Point 1.6 on"), "{c}");
        assert!(c.contains("[72]"), "the rows folded under the first: {c}");
        assert!(
            !c.contains("Point 1.1.1 on"),
            "deeper claims are folded: {c}"
        );
    });
    wait_current(&mut s, "k-1-1");

    // l unfolds, l again goes into the first answer, h comes back, h folds.
    s.send(b"l");
    wait_claims(&mut s, "Point 1.1.1 on", true);
    s.send(b"l");
    wait_current(&mut s, "k-1-1-1");
    s.send(b"h");
    wait_current(&mut s, "k-1-1");
    s.send(b"h");
    wait_claims(&mut s, "Point 1.1.1 on", false);

    // * unfolds everything below: the deep branch shows, indented, its cut marked.
    s.send(b"*");
    wait_claims(&mut s, "Point 1.1.1.1.1.1.1 on", true);
    s.settle();

    // f focuses: the branch fills the pane, under a breadcrumb; the others are gone.
    s.send(b"f");
    s.wait_for("the focus", |sc| {
        let c = claims_text(sc);
        c.contains("focus · Esc out") && !c.contains("Point 1.2 on")
    });
    s.with_screen(|sc| {
        let c = claims_text(sc);
        assert!(c.contains("For: Cities should") && c.contains(" ›"), "{c}");
    });
    // Inside it, one more level of focus; Esc steps out of each in turn.
    s.send(b"j");
    wait_current(&mut s, "k-1-1-1");
    s.send(b"f");
    wait_claims(&mut s, "Point 1.1.2 on", false);
    s.send(ESC);
    wait_claims(&mut s, "Point 1.1.2 on", true);
    s.with_screen(|sc| assert!(claims_text(sc).contains("focus · Esc out")));
    s.send(BACKSPACE);
    s.wait_for("the whole tree again", |sc| {
        !claims_text(sc).contains("focus · Esc out")
    });
    wait_current(&mut s, "k-1-1-1");

    // Fold all, unfold all; Ctrl-D pages half a screen down; g goes back up.
    s.send(b"H");
    wait_claims(&mut s, "Point 1.1.1 on", false);
    wait_current(&mut s, "k-1-1");
    s.send(b"L");
    wait_claims(&mut s, "Point 1.1.1.1 on", true);
    s.send(&[0x04]);
    s.wait_for("half a page down", |sc| {
        rebuttals_id(&sc.contents()).is_some_and(|id| id != "k-1-1")
    });
    s.send(b"g");
    s.wait_for("the first row", |sc| {
        rebuttals_id(&sc.contents()).is_some_and(|id| id.starts_with("pro"))
    });

    s.quit();
}

/// A debate whose claims cite sources: the Sources pane lists each claim's citations
/// after its quotes, with the speech act of each quote; search finds a claim by the
/// title of a source it cites, and lands on that citation.
#[test]
fn a_cited_claim_shows_its_citations_and_search_finds_it_by_them() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cited.yaml");
    let mut s = Session::start_with(40, 140, &[], &[file]);
    s.wait_text("Claims (3)");
    s.assert_taken_over();
    assert_eq!(s.current_id().as_deref(), Some("cap-protects"));
    s.with_screen(|sc| {
        let c = sc.contents();
        for shown in [
            "Sources (2)",
            "Fiona Bruce asks:",
            "Cites: Energy price cap explained",
            "https://www.ofgem.gov.uk/",
            "“The cap limits the unit rates",
        ] {
            assert!(c.contains(shown), "{shown:?} not on screen:\n{c}");
        }
        assert!(!c.contains("Unsourced"), "{c}");
    });

    // The claim that cites the supplier report, found by its title.
    s.send(b"/");
    s.wait_text("Type to search");
    s.send(b"is:claim supplier failures");
    s.wait_for("the claim found by what it cites", |sc| {
        sc.contents()
            .contains("(cites) Supplier failures since 2021")
    });
    s.settle();
    s.send(ENTER);
    s.wait_for("the claim, its citation selected", |sc| {
        let c = sc.contents();
        rebuttals_id(&c).as_deref() == Some("cap-misleads")
            && c.contains("▌ Cites: Supplier failures since 2021")
            && c.contains("concedes:")
    });
    s.settle();

    s.quit();
}

/// A process's `/proc/PID/stat` fields from the third on (its state first), or `None`
/// once it is gone.
fn proc_stat(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command's name, in parentheses, may hold spaces: the fields start after it.
    let rest = &stat[stat.rfind(')')? + 2..];
    Some(rest.split_whitespace().map(str::to_owned).collect())
}

/// The CPU time, user and system, that a process has used so far.
fn cpu_time(pid: u32) -> Option<Duration> {
    static TICKS: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let per_second = *TICKS.get_or_init(|| {
        let out = Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .expect("run getconf");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("CLK_TCK is a number")
    });
    let stat = proc_stat(pid)?;
    // utime and stime, fields 14 and 15.
    let ticks: u64 = stat[11].parse::<u64>().ok()? + stat[12].parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 1000 / per_second))
}

/// How soon the app must exit once its terminal is gone.
const HANG_UP_EXIT: Duration = Duration::from_secs(1);
/// The CPU time it may use meanwhile: a fraction of that second, never a spinning core.
const HANG_UP_CPU: Duration = Duration::from_millis(300);

/// Closes the terminal under the app, runs `then`, and checks that the app exits by
/// itself within [`HANG_UP_EXIT`], without spinning meanwhile. It waits a little longer
/// than that to tell a slow exit from none, and says how much CPU the app used.
fn exits_after_hang_up(s: &mut Session, then: impl FnOnce(&Session)) {
    let pid = s.pid();
    let before = cpu_time(pid).expect("the app's CPU time");
    let closed = Instant::now();
    s.hang_up();
    then(s);
    let mut used = Duration::ZERO;
    let status = loop {
        if let Some(now) = cpu_time(pid) {
            used = now.saturating_sub(before);
        }
        if let Some(status) = s.child.try_wait().expect("try_wait") {
            break Some(status);
        }
        if closed.elapsed() >= 3 * HANG_UP_EXIT {
            break None;
        }
        std::thread::sleep(POLL);
    };
    let took = closed.elapsed();
    eprintln!("after the hang-up: {status:?} in {took:?}, {used:?} of CPU");
    let status = status.unwrap_or_else(|| {
        panic!("the app still runs {took:?} after its terminal closed, having used {used:?} of CPU")
    });
    assert!(
        took < HANG_UP_EXIT,
        "the app took {took:?} to exit after its terminal closed"
    );
    assert!(
        used < HANG_UP_CPU,
        "the app used {used:?} of CPU after its terminal closed"
    );
    assert_eq!(status.signal(), None, "the app exited by itself: {status}");
}

#[test]
fn closing_the_terminal_ends_the_explorer() {
    let mut s = Session::start(40, 140);
    s.wait_ready();
    exits_after_hang_up(&mut s, |_| {});
}

#[test]
fn closing_the_terminal_while_loading_ends_it() {
    let (_dir, file) = large_debate(6);
    let mut s = Session::start_with(30, 100, &[], &[file.to_str().unwrap()]);
    s.wait_text("q or Esc stops");
    exits_after_hang_up(&mut s, |_| {});
}

/// SIGTERM still ends the app once its terminal is gone, here with an overlay open.
#[test]
fn sigterm_ends_the_explorer_after_its_terminal_closed() {
    let mut s = Session::start(40, 140);
    s.wait_ready();
    s.send(b"/");
    s.wait_text("Type to search");
    s.settle();
    exits_after_hang_up(&mut s, |s| s.signal("TERM"));
}

impl Session {
    /// Waits until the app is stopped (`T` in `/proc/PID/stat`), or running again.
    fn wait_stopped(&self, stopped: bool) {
        let end = Instant::now() + TIMEOUT;
        loop {
            let state = proc_stat(self.pid()).map(|s| s[0].clone());
            if (state.as_deref() == Some("T")) == stopped {
                return;
            }
            assert!(
                Instant::now() < end,
                "the app is not {} after {TIMEOUT:?}: state {state:?}; screen:\n{}",
                if stopped { "stopped" } else { "running" },
                self.contents()
            );
            std::thread::sleep(POLL);
        }
    }
}

/// SIGTERM ends the app even while its output is stuck: its terminal takes nothing
/// (frozen, or its connection stalled) and the app waits in a write, where no flag is
/// looked at. After a grace period it exits all the same, with raw mode off.
#[test]
fn sigterm_ends_the_explorer_while_its_terminal_takes_no_output() {
    let mut s = Session::start(40, 140);
    s.wait_ready();
    s.reader_control.paused.store(true, Ordering::SeqCst);
    // Moves, each redrawing part of the screen, until the app's output fills the pty and
    // its writes wait: then it no longer reads its keys.
    let tty = s.slave();
    let end = Instant::now() + TIMEOUT;
    for key in [b"j", b"k"].into_iter().cycle() {
        s.send(key);
        std::thread::sleep(POLL);
        if rustix::io::ioctl_fionread(&tty).expect("FIONREAD") >= 16 {
            break;
        }
        assert!(Instant::now() < end, "the app's output never backed up");
    }
    let asked = Instant::now();
    s.signal("TERM");
    let status = s.wait_child();
    let took = asked.elapsed();
    s.reader_control.paused.store(false, Ordering::SeqCst);
    eprintln!("exited {took:?} after SIGTERM with its output stuck: {status}");
    assert_eq!(status.exit_code(), 130, "made to exit: {status}");
    assert!(took < Duration::from_secs(4), "exiting took {took:?}");
    assert!(!s.raw_mode(), "raw mode left on");
}

/// Which claims stand, as a reader meets it: the marks on screen, `x` supposes the
/// selected claim fails and the footer says so, `x` again brings it back, `w` goes to
/// the claim that decides a label and Ctrl-O comes back.
#[test]
fn a_what_if_and_the_deciding_claim_from_the_keyboard() {
    let mut s = Session::start(40, 140);
    s.wait_ready();
    s.wait_text("◉");
    s.send(b"x");
    s.wait_text("supposing 1 claim fails");
    s.wait_text("⊘");
    s.send(b"x");
    s.wait_text("Brought back");
    s.send(b"w");
    s.wait_for("w to go to a deciding claim or say none decides", |sc| {
        let c = sc.contents();
        c.contains("Deciding claim 1 of") || c.contains("No claim decides")
    });
    s.send(b"\x0f");
    s.settle();
    s.quit();
}

/// Ctrl-Z, which the terminal in raw mode hands over as a key, suspends the same way a
/// shell's SIGTSTP does: the terminal given back, the process stopped; `fg` resumes it.
#[test]
fn ctrl_z_suspends_with_the_terminal_given_back() {
    let mut s = Session::start(40, 140);
    s.wait_ready();
    s.send(b"\x1a");
    s.wait_stopped(true);
    s.wait_for("the main screen", |sc| !sc.alternate_screen());
    s.settle();
    s.assert_restored();
    s.signal("CONT");
    s.wait_stopped(false);
    s.wait_taken_over_again();
    s.quit();
}

/// `kill -TSTP`, as a shell's job control sends it, stops the app with the terminal
/// given back; `kill -CONT` (the shell's `fg`) takes it again and draws everything anew,
/// the explorer as it was.
#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_takes_it_again() {
    let mut s = Session::start(40, 140);
    s.wait_ready();
    let first = s.current_id().expect("a Rebuttals title");
    s.send(b"j");
    s.wait_for("the selection to move down", |sc| {
        rebuttals_id(&sc.contents()).is_some_and(|now| now != first)
    });
    s.settle();
    let chosen = s.current_id();

    s.signal("TSTP");
    s.wait_stopped(true);
    s.wait_for("the main screen", |sc| !sc.alternate_screen());
    s.settle();
    s.assert_restored();

    // The terminal clears the alternate screen when the app enters it again (as vt100
    // and xterm do): what shows after this was drawn anew.
    s.signal("CONT");
    s.wait_stopped(false);
    s.wait_text("Claims (36)");
    s.assert_taken_over();
    assert_eq!(s.current_id(), chosen, "the same claim is current");

    // A stop that cannot be caught (SIGSTOP), during which the shell puts the terminal
    // back in cooked mode (`stty sane`): on SIGCONT the app takes it again all the same.
    s.signal("STOP");
    s.wait_stopped(true);
    s.stty("sane");
    assert!(!s.raw_mode());
    s.signal("CONT");
    s.wait_stopped(false);
    s.wait_taken_over_again();
    assert!(s.contents().contains("Claims (36)"), "{}", s.contents());

    s.quit();
}

/// Every OSC 52 sequence the app wrote, decoded: the texts it put on the clipboard.
fn clipboard_writes(raw: &[u8]) -> Vec<String> {
    use base64::Engine;
    const START: &[u8] = b"\x1b]52;c;";
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.windows(START.len()).position(|w| w == START) {
        rest = &rest[i + START.len()..];
        let end = rest
            .iter()
            .position(|&b| b == 0x07)
            .expect("an OSC 52 sequence ended by BEL");
        let payload = &rest[..end];
        assert!(
            payload
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b)),
            "only base64 between the OSC 52 introducer and BEL: {payload:?}"
        );
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .expect("valid base64");
        out.push(String::from_utf8(bytes).expect("UTF-8 on the clipboard"));
        rest = &rest[end..];
    }
    out
}

/// `raw` without its OSC 52 sequences (whose BEL ends them by design).
fn without_clipboard_writes(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.windows(5).position(|w| w == b"\x1b]52;") {
        out.extend_from_slice(&rest[..i]);
        let end = rest[i..].iter().position(|&b| b == 0x07).unwrap_or(0);
        rest = &rest[i + end + 1..];
    }
    out.extend_from_slice(rest);
    out
}

#[test]
fn y_copies_through_osc_52_and_only_filtered_text_is_encoded() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile::write(dir.path(), true);
    let mut s = Session::start_with(40, 140, &[], &[file.to_str().unwrap()]);
    s.wait_text("Claims (2)");
    s.wait_for("the first claim selected", |sc| {
        rebuttals_id(&sc.contents()).as_deref() == Some("first")
    });
    s.send(b"y");
    s.wait_text("copied: Claim PWNED");
    s.send(b"Y");
    s.wait_for("the id copied", |sc| {
        sc.contents().contains("copied: first")
    });
    s.settle();
    let raw = s.raw.lock().unwrap().clone();
    let copied = clipboard_writes(&raw);
    assert_eq!(copied.len(), 2, "{copied:?}");
    // The claim with its citation: every escape sequence gone whole (the window title
    // and its text, the colour, the clear screen, the C1 CSI), every other control and
    // invisible character gone, the tab and the line separator become spaces.
    let mut lines = copied[0].lines();
    assert_eq!(lines.next(), Some("Claim PWNEDDERIWisozwtag tab sep"));
    let citation = lines.next().expect("a citation line");
    assert!(citation.starts_with("— "), "{citation}");
    assert!(citation.contains("Talk PWNED"), "{citation}");
    assert!(citation.contains("https://example.org/PWNED"), "{citation}");
    for text in &copied {
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| c != '\n' && debate_tui::domain::text::is_unsafe(c))
            .collect();
        assert!(bad.is_empty(), "the clipboard got {bad:?} in {text:?}");
        let found = hostile::found_in(text.as_bytes());
        assert!(found.is_empty(), "the clipboard got {found:?}");
    }
    assert_eq!(copied[1], "first");
    // Nothing else reached the terminal.
    let found = hostile::found_in(&without_clipboard_writes(&raw));
    assert!(found.is_empty(), "the terminal was sent {found:?}");
    s.quit();
}

/// A pager that shows where it ran: it first does what Ctrl-C in a pager does, a
/// SIGINT to its process group (which the explorer must not be in), then prints the
/// file between two marks.
fn pager_script(dir: &std::path::Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("pager.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\ntrap '' INT\nkill -INT 0\nprintf 'PAGER-SAW['\ncat \"$1\"\nprintf ']PAGER-END'\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// Exports the walked path to `file` from the prompt.
fn export_to(s: &mut Session, file: &std::path::Path) {
    s.send(b"e");
    s.wait_text("meta-open-source-and-alignment-path.md");
    s.send(&[0x15]);
    s.send(file.to_str().unwrap().as_bytes());
    s.send(ENTER);
    s.wait_text("o opens it");
}

/// `~/NAME` typed in the export's prompt is written in the home folder, as a shell
/// would read it: keys in, the file out.
#[test]
fn a_name_starting_with_a_tilde_is_written_in_the_home_folder() {
    let home = tempfile::tempdir().unwrap();
    let (mut s, first, second) = walk_two_steps_with(&[("HOME", home.path().to_str().unwrap())]);
    export_to(&mut s, std::path::Path::new("~/walk.md"));
    let written = home.path().join("walk.md");
    let document = std::fs::read_to_string(&written).expect("the file in the home folder");
    for id in [&first, &second] {
        let line = format!("- **Id**: `{id}`");
        assert!(document.contains(&line), "{line} in:\n{document}");
    }
    assert!(
        !std::path::Path::new("~").exists(),
        "a folder named ~ was made"
    );
    s.quit();
}

#[test]
fn o_opens_the_export_in_the_pager_and_the_explorer_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let script = pager_script(dir.path());
    let file = dir.path().join("walk path.md");
    let pager = format!("'{}'", script.display());
    let (mut s, _, _) = walk_two_steps_with(&[("PAGER", &pager)]);
    export_to(&mut s, &file);
    s.settle();
    let before = s.raw.lock().unwrap().len();
    s.send(b"o");
    s.wait_text("Back from");
    s.wait_text("Claims (36)");
    s.settle();
    let raw = s.raw.lock().unwrap()[before..].to_vec();
    let text = String::from_utf8_lossy(&raw);
    let (Some(saw), Some(end)) = (text.find("PAGER-SAW["), text.find("]PAGER-END")) else {
        panic!("the pager did not run in the terminal:\n{text}")
    };
    let document = std::fs::read_to_string(&file).unwrap();
    let shown = text[saw + "PAGER-SAW[".len()..end].replace("\r\n", "\n");
    assert_eq!(shown, document, "the pager was given the file");
    // The terminal was handed over (main screen) and taken back (alternate screen).
    let left = text
        .find("\x1b[?1049l")
        .expect("the main screen for the pager");
    let back = text
        .rfind("\x1b[?1049h")
        .expect("the alternate screen again");
    assert!(left < saw && end < back, "{text:?}");
    // The pager's SIGINT did not reach the explorer: it goes on.
    assert!(s.child.try_wait().unwrap().is_none(), "the explorer ended");
    s.send(b"j");
    s.settle();
    s.quit();

    // Without $PAGER, less; where there is none, the explorer says where the file is.
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_str().unwrap();
    let (mut s, _, _) = walk_two_steps_with(&[("PAGER", ""), ("PATH", path)]);
    export_to(&mut s, &dir.path().join("again.md"));
    s.send(b"o");
    s.wait_text("Could not run less ($PAGER is not set)");
    s.wait_text("the file is at");
    s.quit();
}

#[test]
fn keys_typed_behind_terminal_too_small_do_nothing_later() {
    let mut s = Session::start(40, 140);
    s.wait_ready();
    s.resize(8, 30);
    s.wait_text("Terminal too small");
    s.settle();
    s.send(b"/abc");
    s.settle();
    s.resize(40, 140);
    s.wait_text("Claims (36)");
    s.settle();
    let c = s.contents();
    assert!(!c.contains("Type to search") && !c.contains("/ abc"), "{c}");
    s.quit();
}

#[test]
fn a_double_click_on_a_row_does_what_enter_does() {
    let mut s = Session::start(40, 140);
    s.wait_ready();
    // Row 4: the second claim of the first side (row 2 is the side, row 3 its first
    // claim, selected at the start), clicked away from its fold mark.
    let first = s.current_id().expect("a claim selected");
    click(&mut s, 30, 4);
    s.wait_for("one click to select the row", |sc| {
        rebuttals_id(&sc.contents()).is_some_and(|id| id != first)
    });
    let selected = s.current_id().expect("a claim selected");
    s.settle();
    s.with_screen(|sc| assert!(!header(sc).contains("path:"), "one click starts nothing"));
    // Two clicks in one go: the path starts at that claim, as Enter starts it.
    click(&mut s, 30, 4);
    click(&mut s, 30, 4);
    let crumb = format!("path: {selected}");
    s.wait_for("a double click to start the path", |sc| {
        header(sc).contains(&crumb)
    });
    s.send(b"q");
    s.wait_text("was never exported");
    s.send(b"y");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// The text of the cells drawn on background `bg`, in reading order, without spaces.
fn cells_on(sc: &Screen, bg: vt100::Color) -> String {
    let (rows, cols) = (sc.size().0.get(), sc.size().1.get());
    let mut out = String::new();
    for r in 0..rows {
        for c in 0..cols {
            if let Some(cell) = sc.cell(r, c)
                && cell.bgcolor() == bg
            {
                out.push_str(cell.contents());
            }
        }
    }
    out.split_whitespace().collect()
}

/// "match i/n" in the source view's title: (i, n).
fn match_of(contents: &str) -> Option<(usize, usize)> {
    let at = contents.find("· match ")? + "· match ".len();
    let n: String = contents[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '/')
        .collect();
    let (i, total) = n.split_once('/')?;
    Some((i.parse().ok()?, total.parse().ok()?))
}

/// The source view's search, from the keyboard: `/` and a phrase in another case, the
/// current match marked and counted, n and N between matches, Esc ends the search
/// (and n walks passages again), Esc again closes the view.
#[test]
fn search_inside_the_source_view_walks_its_matches() {
    let mut s = Session::start(30, 100);
    s.wait_ready();
    s.send(TAB);
    s.send(TAB);
    s.send(ENTER);
    s.wait_for("the source view", |sc| {
        sc.contents().contains(" · passage ")
    });
    s.settle();
    s.send(b"/");
    s.wait_text("search /");
    s.send(b"OPEN source");
    s.wait_for("the matches counted", |sc| {
        match_of(&sc.contents()).is_some_and(|(_, n)| n == 15)
    });
    s.settle();
    // n is typed while the search is typed; Enter keeps the search.
    s.send(ENTER);
    s.wait_text("n next match");
    s.settle();
    // The current match, marked on the screen.
    let current = vt100::Color::Idx(51);
    s.with_screen(|sc| {
        assert_eq!(
            cells_on(sc, current).to_lowercase(),
            "opensource",
            "{}",
            sc.contents()
        );
    });
    let (first, total) = match_of(&s.contents()).unwrap();
    s.send(b"n");
    let next = first % total + 1;
    s.wait_for("n to the next match", |sc| {
        match_of(&sc.contents()) == Some((next, total))
    });
    s.send(b"n");
    s.wait_for("n again", |sc| {
        match_of(&sc.contents()) == Some((next % total + 1, total))
    });
    s.send(b"N");
    s.wait_for("N back", |sc| {
        match_of(&sc.contents()) == Some((next, total))
    });
    s.settle();
    s.with_screen(|sc| {
        assert_eq!(cells_on(sc, current).to_lowercase(), "opensource");
    });
    // Esc ends the search, not the view: its marks go, n walks passages again.
    s.send(ESC);
    s.wait_for("the search to end", |sc| {
        let c = sc.contents();
        c.contains(" · passage ") && !c.contains("search /") && c.contains("n next quote")
    });
    s.settle();
    s.with_screen(|sc| assert_eq!(cells_on(sc, current), "", "{}", sc.contents()));
    s.send(ESC);
    s.wait_for("the panes again", |sc| {
        !sc.contents().contains(" · passage ")
    });
    s.quit();
}

/// The result rows of the search popup that are claims: each one's text after the
/// kind and the side's mark.
fn claim_results(contents: &str) -> Vec<String> {
    contents
        .lines()
        .filter_map(|l| {
            let text = l
                .trim_start_matches('│')
                .strip_prefix("claim ")?
                .trim_start();
            let text: String = text.chars().skip(2).collect();
            Some(text.trim_end_matches('│').trim_end().to_owned())
        })
        .collect()
}

/// Search, Enter on the first result, then `n` and `N` move between the results with
/// the popup closed; `/` brings the query back, and typing replaces it.
#[test]
fn search_then_n_and_shift_n_move_through_the_results() {
    let data = Data::load();
    let id_of = |shown: &str| -> String {
        let shown = shown.trim_end_matches('…');
        data.claims()
            .iter()
            .find(|c| c["text"].as_str().is_some_and(|t| t.starts_with(shown)))
            .and_then(|c| c["id"].as_str())
            .unwrap_or_else(|| panic!("no claim reads {shown:?}"))
            .to_owned()
    };
    let mut s = Session::start(30, 100);
    s.wait_ready();
    s.send(b"/");
    s.wait_text("Type to search");
    s.send(b"kill switch");
    s.wait_for("results for the query", |sc| {
        let c = sc.contents();
        c.contains("/ kill switch") && c.contains(" results") && !c.contains("searching")
    });
    s.settle();
    // The first two rows are claims: where Enter and then `n` go.
    let rows = claim_results(&s.contents());
    assert!(rows.len() >= 2, "{}", s.contents());
    let (first, second) = (id_of(&rows[0]), id_of(&rows[1]));
    assert_ne!(first, second);
    s.send(ENTER);
    s.wait_for(&format!("{first} to be focused"), |sc| {
        let c = sc.contents();
        rebuttals_id(&c).as_deref() == Some(first.as_str()) && !c.contains("/ kill switch")
    });
    s.settle();
    s.send(b"n");
    s.wait_for(&format!("n to go to {second}"), |sc| {
        let c = sc.contents();
        rebuttals_id(&c).as_deref() == Some(second.as_str())
            && c.contains("Result 2 of")
            && !c.contains("/ kill switch")
    });
    s.settle();
    s.send(b"N");
    s.wait_for(&format!("N to come back to {first}"), |sc| {
        let c = sc.contents();
        rebuttals_id(&c).as_deref() == Some(first.as_str()) && c.contains("Result 1 of")
    });
    s.settle();
    // `/` again: the query is back; a letter typed replaces it.
    s.send(b"/");
    s.wait_for("the last query back", |sc| {
        let c = sc.contents();
        c.contains("/ kill switch") && c.contains(" results") && !c.contains("searching")
    });
    s.settle();
    s.send(b"lecun");
    s.wait_for("the query replaced", |sc| {
        let c = sc.contents();
        c.contains("/ lecun ") && !c.contains("kill switchlecun") && c.contains(" results")
    });
    s.settle();
    s.send(ESC);
    s.wait_for("the search to close", |sc| {
        !sc.contents().contains("/ lecun")
    });
    s.settle();
    // After Esc, `n` goes to the first result of that search.
    s.send(b"n");
    s.wait_for("n to go to the first LeCun result", |sc| {
        let c = sc.contents();
        rebuttals_id(&c).as_deref() == Some("humans-stay-dominant") && c.contains("Result 1 of")
    });

    s.quit();
}

/// Live reload and editing in an editor, on a debate file of the test's own.
#[path = "e2e/reload.rs"]
mod reload;
