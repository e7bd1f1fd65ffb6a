//! `debate-tui check` as a debate author's CI runs it: output and exit status.

use std::process::Command;

fn check(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_debate-tui"))
        .arg("check")
        .args(args)
        .output()
        .expect("run debate-tui");
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str(&String::from_utf8(out.stderr).unwrap());
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_built_in_debate_is_valid() {
    let (code, out) = check(&[]);
    assert_eq!(code, 0, "{out}");
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("ok: ") && last.contains(" claims, 3 positions, 1 source, "),
        "{last}"
    );
    assert!(last.ends_with("quotes verified"), "{last}");
}

#[test]
fn three_mistakes_are_all_reported_with_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("debate.yaml");
    std::fs::write(
        &file,
        "version: 1
title: Three mistakes
positions:
  - id: open
    title: Open
  - id: closed
    title: Closed
claims:
  - id: a
    position: open
    text: A
    rebutts: [b]
  - id: b
    position: clsoed
    text: B
  - id: c
    position: closed
    text: C
    rebuts: [a, nope]
",
    )
    .unwrap();
    let (code, out) = check(&[file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let errors: Vec<&str> = out.lines().filter(|l| l.contains(": error: ")).collect();
    let name = file.display().to_string();
    assert_eq!(errors.len(), 3, "{out}");
    assert!(
        errors[0].starts_with(&format!("{name}:12:5: error: unknown field `rebutts`")),
        "{out}"
    );
    assert!(
        errors[1].starts_with(&format!("{name}:14:15: error: unknown position `clsoed`")),
        "{out}"
    );
    assert!(
        errors[2].starts_with(&format!("{name}:19:17: error: `rebuts` names `nope`")),
        "{out}"
    );
    assert_eq!(
        out.lines().last().unwrap(),
        format!("error: 3 problems in {name}")
    );
}

#[test]
fn a_missing_file_is_an_io_error() {
    let (code, out) = check(&["/nonexistent/debate.yaml"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("/nonexistent/debate.yaml: error: cannot read the file"),
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let (code, _) = check(&["a", "b"]);
    assert_eq!(code, 2);
}

#[test]
fn the_data_folder_copy_checks_the_same() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/debate.yaml");
    let (code, out) = check(&[path]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_generated_debate_passes_check() {
    let out = Command::new(env!("CARGO_BIN_EXE_debate-tui"))
        .args(["generate", "--claims", "300", "--seed", "5"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gen.yaml");
    std::fs::write(&file, &out.stdout).unwrap();
    let (code, text) = check(&[file.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    // Random links leave some claims linked to nothing: warnings, above the summary.
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("ok: 300 claims, 2 positions, 8 sources"),
        "{text}"
    );
}
