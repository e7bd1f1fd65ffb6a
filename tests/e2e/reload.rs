//! The debate file changed while it is explored: in place, by rename, broken, in a
//! burst, and by the user's editor started from the explorer.
//!
//! A watcher's news comes when the system delivers it and the machine may be busy, so
//! every wait here is on the screen, with a generous limit ([`RELOAD`]); nothing is
//! asserted on time.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{ESC, Session, TITLE, body_text, header};

/// The longest a reload may take to show, on a loaded machine.
const RELOAD: Duration = Duration::from_secs(60);

/// A debate file of the test's own: the built-in debate and its source, in a folder
/// that goes when the test ends.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Folder {
        let dir = tempfile::tempdir().expect("a folder");
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        std::fs::create_dir(dir.path().join("sources")).expect("sources/");
        for f in ["debate.yaml", "sources/article.it.txt"] {
            std::fs::copy(data.join(f), dir.path().join(f)).expect("copy the data");
        }
        Folder { dir }
    }

    fn debate(&self) -> PathBuf {
        self.dir.path().join("debate.yaml")
    }

    fn text(&self) -> String {
        std::fs::read_to_string(self.debate()).expect("read the debate")
    }

    /// Writes the debate file in place.
    fn write(&self, text: &str) {
        std::fs::write(self.debate(), text).expect("write the debate");
    }

    /// Writes the debate beside the file, then renames it over the file: an atomic save.
    fn write_by_rename(&self, text: &str) {
        let tmp = self.dir.path().join(".debate.yaml.tmp");
        std::fs::write(&tmp, text).expect("write the new version");
        std::fs::rename(&tmp, self.debate()).expect("rename it over the file");
    }

    /// Starts the explorer on the debate file, with `env`.
    fn open(&self, env: &[(&str, &str)]) -> Session {
        let file = self.debate();
        let mut s = Session::start_with(40, 140, env, &[file.to_str().expect("a UTF-8 path")]);
        s.wait_ready();
        s
    }
}

/// The debate's text with another title.
fn retitled(text: &str, title: &str) -> String {
    text.replacen(
        &format!("title: \"{TITLE}\""),
        &format!("title: \"{title}\""),
        1,
    )
}

/// The debate's text with a claim added first among the claims: every claim after it
/// moves down the list.
fn with_a_claim_first(text: &str) -> String {
    text.replacen(
        "claims:\n",
        "claims:\n  - id: newcomer\n    position: open-source\n    text: \"Added while the debate was open.\"\n    supports: [open-source]\n",
        1,
    )
}

/// Moves the selection a few claims down and returns the id selected.
fn select_a_claim_further_down(s: &mut Session) -> String {
    s.send(b"jjj");
    s.settle();
    s.current_id().expect("a selected claim")
}

fn wait_header(s: &mut Session, title: &str) {
    s.wait_for_within(RELOAD, &format!("the title {title:?}"), |sc| {
        header(sc).contains(title)
    });
}

#[test]
fn a_change_on_disk_shows_with_the_selection_kept() {
    let f = Folder::new();
    let mut s = f.open(&[]);
    let id = select_a_claim_further_down(&mut s);
    f.write(&with_a_claim_first(&retitled(&f.text(), "Revised on disk")));
    wait_header(&mut s, "Revised on disk");
    s.wait_text("Claims (37)");
    s.wait_text("Reloaded");
    assert_eq!(s.current_id().as_deref(), Some(id.as_str()));
}

#[test]
fn a_save_by_rename_is_seen() {
    let f = Folder::new();
    let good = f.text();
    let mut s = f.open(&[]);
    let id = select_a_claim_further_down(&mut s);
    f.write_by_rename(&retitled(&good, "Saved by rename"));
    wait_header(&mut s, "Saved by rename");
    assert_eq!(s.current_id().as_deref(), Some(id.as_str()));
    // The file is watched still, though it is another file now.
    f.write_by_rename(&retitled(&good, "Saved by rename again"));
    wait_header(&mut s, "Saved by rename again");
}

#[test]
fn a_broken_save_keeps_the_last_good_version_and_r_shows_why() {
    let f = Folder::new();
    let good = f.text();
    let mut s = f.open(&[]);
    let id = select_a_claim_further_down(&mut s);
    let broken = retitled(&good, "Never shown").replacen(
        "supports: [open-source]",
        "supports: [no-such-claim]",
        2,
    );
    f.write(&broken);
    s.wait_for_within(RELOAD, "the line saying the file has problems", |sc| {
        sc.contents().contains("debate.yaml: 2 problems, first at ")
    });
    s.with_screen(|sc| {
        let c = sc.contents();
        assert!(
            header(sc).contains(TITLE),
            "the last good version stays:\n{c}"
        );
        assert!(c.contains("last good version shown"), "{c}");
    });
    assert_eq!(s.current_id().as_deref(), Some(id.as_str()));
    // The line stays while the reader goes on.
    s.send(b"j");
    s.settle();
    assert!(s.contents().contains("2 problems, first at "));
    // R: the problems, as `check` prints them.
    s.send(b"R");
    s.wait_for("the report", |sc| {
        let b = body_text(sc);
        b.contains("no-such-claim") && b.contains("error: 2 problems in")
    });
    s.send(ESC);
    s.wait_for("the report closed", |sc| {
        !body_text(sc).contains("error: 2 problems in")
    });
    // Mended: the new version shows and the line goes.
    f.write(&retitled(&good, "Mended"));
    wait_header(&mut s, "Mended");
    s.wait_for("the line gone", |sc| {
        !sc.contents().contains("problems, first at")
    });
}

#[test]
fn a_burst_of_saves_ends_on_the_last_and_keys_work_throughout() {
    let f = Folder::new();
    let good = f.text();
    let mut s = f.open(&[]);
    for k in 1..=100 {
        f.write(&retitled(&good, &format!("Version {k:03}")));
        if k % 25 == 0 {
            // Keys are taken while reloads run: help opens and closes.
            s.send(b"?");
            s.wait_text("Help ·");
            s.send(ESC);
            s.wait_for("help closed", |sc| !sc.contents().contains("Help ·"));
        }
    }
    wait_header(&mut s, "Version 100");
    // Nothing is left over: the screen settles on the last version.
    s.settle();
    assert!(header(&s.with_screen(|sc| sc.clone())).contains("Version 100"));
}

/// An editor that records its arguments in `argv`, one a line, and the terminal's
/// settings beside it (`argv.stty`), then retitles the file it is given last.
fn editor_script(dir: &Path, argv: &Path) -> PathBuf {
    // Named as vim is, so that it is given vim's arguments.
    let script = dir.join("vim");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}'\nstty -a > '{0}.stty'\nfor last; do :; done\nsed -i 's/^title: .*/title: \"Edited in the editor\"/' \"$last\"\n",
            argv.display()
        ),
    )
    .expect("write the editor");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
        .expect("make the editor executable");
    script
}

#[test]
fn e_opens_the_editor_at_the_claim_and_its_edit_shows() {
    let f = Folder::new();
    let tools = tempfile::tempdir().expect("a folder for the editor");
    let argv = tools.path().join("argv");
    let editor = editor_script(tools.path(), &argv);
    let mut s = f.open(&[
        ("VISUAL", ""),
        ("EDITOR", editor.to_str().expect("a UTF-8 path")),
    ]);
    let id = select_a_claim_further_down(&mut s);
    s.send(b"E");
    wait_header(&mut s, "Edited in the editor");
    // The terminal is the explorer's again, whole.
    s.assert_taken_over();
    assert_eq!(s.current_id().as_deref(), Some(id.as_str()));
    let args: Vec<String> = std::fs::read_to_string(&argv)
        .expect("the editor ran")
        .lines()
        .map(str::to_owned)
        .collect();
    // The line of the claim's entry, found in the file as it was.
    let line = f
        .text()
        .lines()
        .position(|l| l == format!("  - id: {id}"))
        .expect("the claim in the file")
        + 1;
    assert_eq!(
        args,
        [format!("+{line}"), f.debate().display().to_string()],
        "the editor is opened at the claim"
    );
    // The editor had the terminal as a shell gives it: line editing and signals on.
    let stty = std::fs::read_to_string(tools.path().join("argv.stty")).expect("stty ran");
    let has = |w: &str| stty.split_whitespace().any(|s| s == w);
    assert!(has("icanon") && has("echo") && has("isig"), "{stty}");
    // And the explorer, taken back from it, still leaves nothing on at the end.
    s.quit();
}

#[test]
fn an_editor_that_cannot_start_gives_the_terminal_back_and_says_so() {
    let f = Folder::new();
    let mut s = f.open(&[("VISUAL", "/nowhere/vim --flag")]);
    s.send(b"E");
    s.wait_text("Cannot start the editor /nowhere/vim");
    s.assert_taken_over();
    assert!(s.with_screen(|sc| header(sc).contains(TITLE)));
}

#[test]
fn e_without_an_editor_says_how_to_set_one() {
    let f = Folder::new();
    let mut s = f.open(&[("VISUAL", ""), ("EDITOR", "")]);
    s.send(b"E");
    s.wait_text("No editor is set: set VISUAL or EDITOR");
    // Still the explorer's terminal, the file unchanged.
    s.assert_taken_over();
}

#[test]
fn e_on_the_built_in_debate_says_why_not() {
    let mut s = Session::start(40, 140);
    s.wait_ready();
    s.send(b"E");
    s.wait_text("The built-in debate is part of the program");
}

#[test]
fn an_imported_file_reloads_too_and_e_says_why_it_is_not_edited_here() {
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("kialo.txt");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/kialo-old.txt");
    let text = std::fs::read_to_string(fixture).expect("the Kialo fixture");
    std::fs::write(&file, &text).expect("copy it");
    let mut s = Session::start_with(40, 140, &[("EDITOR", "vim")], &[file.to_str().unwrap()]);
    s.wait_text("Claims (6)");
    let title = "Should model weights be released openly?";
    assert!(text.contains(title));
    std::fs::write(
        &file,
        text.replacen(title, "Should weights be published?", 1),
    )
    .expect("change it");
    wait_header(&mut s, "Should weights be published?");
    s.send(b"E");
    s.wait_text("was imported (Kialo export)");
}

#[test]
fn a_change_to_a_source_file_is_read_too() {
    let f = Folder::new();
    let mut s = f.open(&[]);
    // The article loses its text: the quotes from it are no longer found.
    let source = f.dir.path().join("sources/article.it.txt");
    std::fs::write(&source, "Nothing of what was quoted.\n").expect("rewrite the source");
    s.wait_for_within(RELOAD, "the line saying the file has problems", |sc| {
        sc.contents().contains("debate.yaml: ") && sc.contents().contains(" problems, first at ")
    });
}

#[test]
fn an_editor_that_stops_stops_the_explorer_with_it_and_both_go_on_together() {
    let f = Folder::new();
    let tools = tempfile::tempdir().expect("a folder for the editor");
    // An editor that stops itself (as vim does on Ctrl-Z), then, continued, edits.
    let script = tools.path().join("vim");
    std::fs::write(
        &script,
        "#!/bin/sh\nkill -STOP $$\nfor last; do :; done\nsed -i 's/^title: .*/title: \"Edited after a stop\"/' \"$last\"\n",
    )
    .expect("write the editor");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
        .expect("make the editor executable");
    let mut s = f.open(&[("VISUAL", ""), ("EDITOR", script.to_str().unwrap())]);
    s.send(b"E");
    // The explorer stops too, so that a shell would have the terminal back...
    s.wait_stopped(true);
    // ...and `fg` continues the whole job: the explorer and its editor.
    let status = std::process::Command::new("kill")
        .args(["-CONT", "--", &format!("-{}", s.pid())])
        .status()
        .expect("run kill");
    assert!(status.success());
    wait_header(&mut s, "Edited after a stop");
    // The stop was the editor's: the explorer does not stop again on its own.
    s.assert_taken_over();
}

#[test]
fn what_an_import_left_out_is_said_again_after_a_reload() {
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("kialo.txt");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/kialo-newer-left-out.txt");
    let text = std::fs::read_to_string(fixture).expect("the Kialo fixture");
    let title = "Should libraries lend tools?";
    assert!(text.contains(title));
    std::fs::write(&file, &text).expect("copy it");
    let mut s = Session::start_with(40, 140, &[], &[file.to_str().unwrap()]);
    wait_header(&mut s, title);
    std::fs::write(
        &file,
        text.replacen(title, "Should libraries lend books?", 1),
    )
    .expect("change it");
    wait_header(&mut s, "Should libraries lend books?");
    s.wait_for("the reload and the import's warnings", |sc| {
        let c = sc.contents();
        c.contains("Reloaded") && c.contains("5 warnings")
    });
}
