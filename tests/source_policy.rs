//! The source-file policy through the command line: a debate names a file outside its
//! folder, `check` refuses it at the line of `file:`, shows none of its text, and says
//! how a trusted debate is let through.

#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_debate-tui");

/// Words no message may show unless the debate is trusted.
const SECRET: &str = "hunter2 is the password of the vault";

fn debate(file: &str) -> String {
    format!(
        "version: 1
title: Outside
sources:
  - id: s
    title: S
    file: {file}
positions:
  - id: p
    title: P
claims:
  - id: c
    position: p
    text: C
    quotes:
      - source: s
        text: the password of the vault is hunter2
"
    )
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run debate-tui")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn a_source_outside_the_folder_is_refused_at_its_line_and_never_shown() {
    let top = tempfile::tempdir().unwrap();
    std::fs::write(top.path().join("secret.txt"), SECRET).unwrap();
    let dir = top.path().join("debate");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink("../secret.txt", dir.join("link.txt")).unwrap();
    let absolute = top.path().join("secret.txt").display().to_string();
    for name in ["../secret.txt", absolute.as_str(), "link.txt"] {
        std::fs::write(dir.join("d.yaml"), debate(name)).unwrap();
        for args in [&["check", "d.yaml"][..], &["d.yaml", "check"][..]] {
            let out = run(&dir, args);
            let all = text(&out);
            assert_eq!(out.status.code(), Some(1), "{name}: {all}");
            assert!(
                all.contains(&format!(
                    "d.yaml:6:11: error: cannot read source file `{name}`"
                )),
                "{name}: the problem stands at the line of `file:`: {all}"
            );
            assert!(all.contains("--allow-outside-sources"), "{all}");
            assert!(!all.contains("hunter2"), "{name}: the secret leaked: {all}");
        }
    }
}

#[test]
fn a_trusted_debate_reads_outside_its_folder_but_never_the_system() {
    let top = tempfile::tempdir().unwrap();
    std::fs::write(
        top.path().join("secret.txt"),
        "the password of the vault is hunter2\n",
    )
    .unwrap();
    let dir = top.path().join("debate");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("d.yaml"), debate("../secret.txt")).unwrap();
    for args in [
        &["check", "--allow-outside-sources", "d.yaml"][..],
        &["--allow-outside-sources", "d.yaml", "check"][..],
    ] {
        let out = run(&dir, args);
        assert!(out.status.success(), "{}", text(&out));
        assert!(text(&out).contains("1 quote verified"), "{}", text(&out));
    }
    std::fs::write(dir.join("d.yaml"), debate("/proc/self/environ")).unwrap();
    let out = run(&dir, &["check", "--allow-outside-sources", "d.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("d.yaml:6:11: error"), "{}", text(&out));
}

#[test]
fn export_refuses_an_outside_source_as_check_does() {
    let top = tempfile::tempdir().unwrap();
    std::fs::write(top.path().join("secret.txt"), SECRET).unwrap();
    let dir = top.path().join("debate");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("d.yaml"), debate("../secret.txt")).unwrap();
    let out = run(&dir, &["export", "d.yaml", "--path", "c"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(!text(&out).contains("hunter2"), "{}", text(&out));
    assert!(
        text(&out).contains("--allow-outside-sources"),
        "{}",
        text(&out)
    );
}
