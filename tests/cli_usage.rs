//! The command line as a whole: where FILE may go, usage errors and their exit
//! statuses, and what reaches a terminal when an argument is hostile.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_debate-tui");

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
