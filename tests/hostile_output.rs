//! Untrusted text never reaches a terminal or a file as a control sequence: `check`,
//! `export`, `import` and the summary printed without a terminal, on a debate whose
//! every text, id, key and file name carries escape sequences, C1 controls, BEL,
//! bidirectional overrides, invisible characters and tabs.

#[path = "support/hostile.rs"]
mod hostile;

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_debate-tui");

fn run(dir: &Path, args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run debate-tui")
}

/// Both streams are clean; returns them as text.
fn clean(what: &str, out: &Output) -> (String, String) {
    hostile::assert_clean(&format!("{what}: stdout"), &out.stdout);
    hostile::assert_clean(&format!("{what}: stderr"), &out.stderr);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_on_an_invalid_hostile_file_prints_only_visible_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile::write(dir.path(), false);
    let out = run(dir.path(), &["check".as_ref(), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let (stdout, _) = clean("check", &out);
    // Each problem is still told, its data shown with placeholders.
    for says in [
        "unknown field",
        "invalid id",
        "which is no claim or position",
        "cannot read source file `missing",
        "quote not found",
        "closest passage",
        "unknown source",
        "6 problems in",
    ] {
        assert!(stdout.contains(says), "{says:?} in:\n{stdout}");
    }
    assert!(stdout.contains("evil\u{FFFD}]0;PWNED\u{FFFD}"), "{stdout}");
    assert!(stdout.contains("\u{FFFD}[31mPWNED"), "{stdout}");

    // The explorer, asked to open it without a terminal, prints the same way.
    let out = run(dir.path(), &[file.as_os_str()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let (_, stderr) = clean("explore", &out);
    assert!(stderr.contains("invalid id"), "{stderr}");
}

#[test]
fn check_export_and_summary_of_a_valid_hostile_file_print_only_visible_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile::write(dir.path(), true);
    let out = run(dir.path(), &["check".as_ref(), file.as_os_str()]);
    let (stdout, _) = clean("check", &out);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("1 quote verified"), "{stdout}");

    // Without a terminal, the explorer prints a summary: titles and ids.
    let out = run(dir.path(), &[file.as_os_str()]);
    let (stdout, _) = clean("summary", &out);
    assert!(out.status.success());
    assert!(
        stdout.contains("Title \u{FFFD}]0;PWNED\u{FFFD}\u{FFFD}[31mPWNED"),
        "{stdout}"
    );

    // Markdown and DOT of a path, to standard output.
    for format in ["markdown", "dot"] {
        let out = run(
            dir.path(),
            &[
                "export".as_ref(),
                file.as_os_str(),
                "--path".as_ref(),
                "first,second".as_ref(),
                "--format".as_ref(),
                format.as_ref(),
            ],
        );
        let (doc, _) = clean(format, &out);
        assert!(out.status.success(), "{format}: {out:?}");
        assert!(
            doc.contains("PWNED"),
            "the text is there, made inert: {doc}"
        );
    }
    let out = run(
        dir.path(),
        &[
            "export".as_ref(),
            file.as_os_str(),
            "--format".as_ref(),
            "dot".as_ref(),
            "--all".as_ref(),
        ],
    );
    clean("dot --all", &out);
    assert!(out.status.success());

    // To a file with a hostile name: the message naming it and the file are clean.
    let target = dir.path().join("out\u{1b}]0;PWNED\u{7}\u{202e}.md");
    let out = run(
        dir.path(),
        &[
            "export".as_ref(),
            file.as_os_str(),
            "--path".as_ref(),
            "second,first".as_ref(),
            "-o".as_ref(),
            target.as_os_str(),
        ],
    );
    let (_, stderr) = clean("export -o", &out);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("wrote "), "{stderr}");
    hostile::assert_clean("the exported file", &std::fs::read(&target).unwrap());
    // Refusing to replace it names it cleanly too.
    let out = run(
        dir.path(),
        &[
            "export".as_ref(),
            file.as_os_str(),
            "--path".as_ref(),
            "first".as_ref(),
            "-o".as_ref(),
            target.as_os_str(),
        ],
    );
    let (_, stderr) = clean("export -o again", &out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("already exists"), "{stderr}");

    // An unknown id typed on the command line is echoed cleanly.
    let out = run(
        dir.path(),
        &[
            "export".as_ref(),
            file.as_os_str(),
            "--path".as_ref(),
            "first,\u{1b}]0;PWNED\u{7}".as_ref(),
        ],
    );
    let (_, stderr) = clean("export unknown id", &out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("no claim or position with the id"),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_with_a_hostile_name_is_named_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join(hostile::FILE_NAME);
    for args in [
        vec!["check".as_ref(), missing.as_os_str()],
        vec![missing.as_os_str()],
        vec![
            "export".as_ref(),
            missing.as_os_str(),
            "--path".as_ref(),
            "a".as_ref(),
        ],
    ] {
        let out = run(dir.path(), &args);
        let (stdout, stderr) = clean("a missing file", &out);
        assert!(!out.status.success());
        assert!(
            format!("{stdout}{stderr}").contains("cannot read the file"),
            "{stdout}{stderr}"
        );
    }
}

/// The checks above see what they look for: the payload as the file holds it carries
/// every forbidden sequence, and the placeholders do not.
#[test]
fn the_payload_holds_every_forbidden_sequence() {
    let raw = hostile::source_text();
    for f in hostile::FORBIDDEN {
        assert!(raw.contains(f), "the payload lacks {f:?}");
    }
    assert_eq!(
        hostile::found_in(raw.as_bytes()).len(),
        hostile::FORBIDDEN.len()
    );
    let shown = debate_tui::domain::text::visible(&raw);
    assert!(hostile::found_in(shown.as_bytes()).is_empty(), "{shown}");
}

/// The payload as the characters it stands for.
fn payload() -> String {
    let v: serde_yaml::Value =
        serde_yaml::from_str(&format!("x: \"{}\"", hostile::PAYLOAD)).expect("the payload");
    v["x"].as_str().expect("a string").to_owned()
}

#[test]
fn import_writes_only_visible_text_to_standard_output_and_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = payload();
    let kialo = dir.path().join("kialo\u{1b}]0;PWNED\u{7}\u{202e}.txt");
    std::fs::write(
        &kialo,
        format!(
            "Discussion Title: Title {p}\n\n1. Thesis {p}\n1.1. Pro: Reason {p}\n\
             1.2. Con: Objection {p}\ncontinued {p}\n"
        ),
    )
    .unwrap();
    let out = run(dir.path(), &["import".as_ref(), kialo.as_os_str()]);
    let (yaml, stderr) = clean("import", &out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("kialo\u{FFFD}]0;PWNED\u{FFFD}\u{FFFD}.txt (Kialo export): 2 claims"),
        "{stderr}"
    );
    // Every character that could act or hide is a YAML escape, inert text that loads
    // back as the character: controls as libyaml writes them, and what it would print
    // as it is (the bidirectional override, the zero-width space, the tag) as `\U`.
    assert!(
        yaml.contains("Reason \\e]0;PWNED\\a\\e[31mPWNED\\e[2J\\x9BJ\\U0000202EDERIW"),
        "{yaml}"
    );

    // The same bytes to a file, which loads and passes `check`.
    let target = dir.path().join("out.yaml");
    let wrote = run(
        dir.path(),
        &[
            "import".as_ref(),
            kialo.as_os_str(),
            "-o".as_ref(),
            target.as_os_str(),
        ],
    );
    clean("import -o", &wrote);
    assert!(wrote.status.success());
    assert_eq!(std::fs::read(&target).unwrap(), out.stdout);
    let checked = run(dir.path(), &["check".as_ref(), target.as_os_str()]);
    let (report, _) = clean("check of the import", &checked);
    assert!(checked.status.success(), "{report}\n{yaml}");
    assert!(report.starts_with("ok: 2 claims, 2 positions"), "{report}");
    // Nothing was lost on the way: the text loads back with its every character.
    let loaded = debate_tui::domain::load_path(&target).unwrap();
    assert!(
        loaded.debate.claims[0]
            .text
            .contains("Reason \u{1b}]0;PWNED\u{7}"),
        "{:?}",
        loaded.debate.claims[0].text
    );
    assert!(
        loaded.debate.claims[0]
            .text
            .contains("\u{202e}DERIW\u{2066}iso")
    );
}
