//! The command line as a whole: where FILE may go, usage errors and their exit
//! statuses, and what reaches a terminal when an argument is hostile.

#[path = "support/hostile.rs"]
mod hostile;

use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_debate-tui");
/// How long a run may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(10);

/// A valid debate of two claims, told apart from the built-in debate by its counts.
const DEBATE: &str = "version: 1
title: Two claims
positions:
  - id: open
    title: Open
  - id: closed
    title: Closed
claims:
  - id: first
    position: open
    text: First
  - id: second
    position: closed
    text: Second
    rebuts: [first]
";

/// A Kialo export of a thesis and one item.
const KIALO: &str = "Discussion Title: A thesis\n\n1. A thesis\n1.1. Pro: A reason\n";

/// One run: exit status, standard output, standard error.
#[derive(Debug, PartialEq, Eq)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run debate-tui");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 output"),
    }
}

/// A folder holding `debate.yaml`, `other.yaml` (a copy), `bad.yaml` (invalid) and
/// `kialo.txt`.
fn files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("debate.yaml"), DEBATE).unwrap();
    std::fs::write(dir.path().join("other.yaml"), DEBATE).unwrap();
    std::fs::write(dir.path().join("bad.yaml"), "version: 1\ntitle: T\n").unwrap();
    std::fs::write(dir.path().join("kialo.txt"), KIALO).unwrap();
    dir
}

/// `debate-tui FILE SUBCOMMAND` works on FILE, exactly as `debate-tui SUBCOMMAND FILE`.
#[test]
fn a_file_before_the_subcommand_is_the_file_it_works_on() {
    let dir = files();
    let d = dir.path();
    let after = run(d, &["check", "debate.yaml"]);
    assert_eq!(after.code, 0, "{after:?}");
    assert_eq!(
        after.stdout,
        "ok: 2 claims, 2 positions, 0 sources, 0 quotes verified\n"
    );
    assert_eq!(run(d, &["debate.yaml", "check"]), after);
    // The same file on both sides is the same request.
    assert_eq!(run(d, &["debate.yaml", "check", "debate.yaml"]), after);

    let bad = run(d, &["bad.yaml", "check"]);
    assert_eq!(bad.code, 1, "{bad:?}");
    assert!(bad.stdout.contains("bad.yaml"), "{bad:?}");
    assert_eq!(bad, run(d, &["check", "bad.yaml"]));
    let missing = run(d, &["missing.yaml", "check"]);
    assert_eq!(missing.code, 2, "{missing:?}");
    assert!(
        missing
            .stdout
            .contains("missing.yaml: error: cannot read the file"),
        "{missing:?}"
    );

    let after = run(d, &["export", "debate.yaml", "--path", "first,second"]);
    assert_eq!(after.code, 0, "{after:?}");
    assert!(after.stdout.starts_with("# Two claims: "), "{after:?}");
    assert_eq!(
        run(d, &["debate.yaml", "export", "--path", "first,second"]),
        after
    );

    let after = run(d, &["import", "kialo.txt"]);
    assert_eq!(after.code, 0, "{after:?}");
    assert!(after.stdout.contains("A reason"), "{after:?}");
    assert_eq!(run(d, &["kialo.txt", "import"]), after);
}

fn usage_error(r: &Run, says: &[&str]) {
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stdout.is_empty(), "nothing is done: {r:?}");
    for s in says {
        assert!(r.stderr.contains(s), "{s:?} not in {:?}", r.stderr);
    }
}

#[test]
fn two_different_files_or_a_file_for_generate_are_usage_errors() {
    let dir = files();
    let d = dir.path();
    usage_error(
        &run(d, &["debate.yaml", "check", "other.yaml"]),
        &["debate.yaml", "other.yaml", "give one"],
    );
    usage_error(
        &run(
            d,
            &["debate.yaml", "export", "other.yaml", "--path", "first"],
        ),
        &["debate.yaml", "other.yaml"],
    );
    usage_error(
        &run(d, &["kialo.txt", "import", "debate.yaml"]),
        &["kialo.txt", "debate.yaml"],
    );
    usage_error(
        &run(d, &["debate.yaml", "generate"]),
        &["generate reads no file"],
    );
    usage_error(&run(d, &["import"]), &["the file to convert"]);
}

#[test]
fn help_and_version_exit_0_usage_errors_exit_2() {
    let dir = files();
    let d = dir.path();
    for args in [&["--help"][..], &["check", "--help"], &["help", "export"]] {
        let r = run(d, args);
        assert_eq!(r.code, 0, "{r:?}");
        assert!(r.stdout.contains("Usage: debate-tui"), "{r:?}");
        assert!(r.stderr.is_empty(), "{r:?}");
    }
    let r = run(d, &["--version"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("debate-tui "), "{r:?}");
    for args in [
        &["--nope"][..],
        &["check", "a", "b"],
        &["export", "--format", "pdf"],
        &["generate", "--claims", "many"],
    ] {
        usage_error(&run(d, args), &["error: ", "try '--help'"]);
    }
}

/// A file name that sets the window title, writes the clipboard (OSC 52), clears the
/// screen, and carries a C1 control and a bidirectional override.
const NAME: &str = "c\x1b]0;PWNED\x07\x1b]52;c;UFdORUQ=\x07\x1b[2J\u{9b}31m\u{202e}.yaml";
/// The name as it must be shown: every control a visible placeholder.
const SHOWN: &str =
    "c\u{FFFD}]0;PWNED\u{FFFD}\u{FFFD}]52;c;UFdORUQ=\u{FFFD}\u{FFFD}[2J\u{FFFD}31m\u{FFFD}.yaml";

/// A child in a pseudo-terminal, killed if the test ends before it does.
struct Running(Box<dyn Child + Send + Sync>);

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Runs debate-tui in a pseudo-terminal of its own, standard input, output and error
/// all on it, as from a user's shell. Returns the exit status and every byte that
/// reached the terminal (the terminal's CR LF line ends read back as LF).
fn in_terminal(dir: &Path, args: &[&OsStr]) -> (u32, Vec<u8>) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    // Should the explorer ever open here, it remembers its state in the test's folder.
    cmd.env("DEBATE_TUI_STATE_DIR", dir.join("state"));
    cmd.cwd(dir);
    let mut child = Running(pair.slave.spawn_command(cmd).expect("spawn debate-tui"));
    // Only the child holds the slave now, so reading ends when the child exits.
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            out.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(out);
    });
    let end = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.0.try_wait().expect("try_wait") {
            break status;
        }
        assert!(Instant::now() < end, "debate-tui {args:?} did not exit");
        std::thread::sleep(Duration::from_millis(10));
    };
    let out = rx.recv_timeout(TIMEOUT).expect("the pty closes");
    drop(pair.master);
    let text = String::from_utf8_lossy(&out).replace("\r\n", "\n");
    (status.exit_code(), text.into_bytes())
}

/// Whatever echoes the name — clap's usage errors, a file that cannot be read, two
/// files that differ — shows it as text on a real terminal, where nothing strips
/// escape sequences on the way.
#[test]
fn a_hostile_argument_reaches_a_terminal_only_as_text() {
    let dir = files();
    let name = OsStr::new(NAME);
    let cases: &[(&[&OsStr], u32, &str)] = &[
        (
            &["check".as_ref(), "debate.yaml".as_ref(), name],
            2,
            "unexpected argument",
        ),
        (&[name, name], 2, "unexpected argument"),
        (&["help".as_ref(), name], 2, "unrecognized subcommand"),
        (
            &["export".as_ref(), "--format".as_ref(), name],
            2,
            "invalid value",
        ),
        (
            &["generate".as_ref(), "--claims".as_ref(), name],
            2,
            "invalid value",
        ),
        (&["check".as_ref(), name], 2, "cannot read the file"),
        (&["import".as_ref(), name], 2, "cannot read the file"),
        (
            &["export".as_ref(), name, "--path".as_ref(), "first".as_ref()],
            1,
            "cannot read the file",
        ),
        (&[name], 2, "cannot read the file"),
        (
            &[name, "check".as_ref(), "debate.yaml".as_ref()],
            2,
            "give one",
        ),
    ];
    for &(args, code, says) in cases {
        let (status, out) = in_terminal(dir.path(), args);
        let text = String::from_utf8_lossy(&out);
        hostile::assert_clean(&format!("{args:?}"), &out);
        assert_eq!(status, code, "{args:?}: {text}");
        assert!(text.contains(says), "{args:?}: {says:?} not in {text}");
        assert!(
            text.contains(SHOWN),
            "{args:?}: the name is not shown: {text}"
        );
    }
    // Help on a terminal is plain text too.
    let (status, out) = in_terminal(dir.path(), &["check".as_ref(), "--help".as_ref()]);
    hostile::assert_clean("check --help", &out);
    assert_eq!(status, 0);
    assert!(String::from_utf8_lossy(&out).contains("Usage: debate-tui check"));
}
