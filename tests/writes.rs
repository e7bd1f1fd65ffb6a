//! `debate-tui export -o` writes as it should into a folder that holds more than the
//! target: a file replaced with `--force` keeps its permissions, what a killed write
//! left is cleared away, and a name as long as file systems allow is written.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_debate-tui");

fn export_to(file: &Path, force: bool) -> Output {
    let mut c = Command::new(BIN);
    c.args(["export", "--path", "no-kill-switch", "-o"])
        .arg(file);
    if force {
        c.arg("--force");
    }
    c.output().expect("run debate-tui export")
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(unix)]
#[test]
fn force_keeps_the_permissions_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.md");
    for mode in [0o600, 0o640] {
        std::fs::write(&file, "my notes").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
        ok(&export_to(&file, true));
        assert!(std::fs::read_to_string(&file).unwrap().starts_with("# "));
        let now = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(now, mode, "{mode:o} became {now:o}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_write_clears_what_a_killed_write_left() {
    let dir = tempfile::tempdir().unwrap();
    // No process has the id pid_max: ids stay below it.
    let dead = std::fs::read_to_string("/proc/sys/kernel/pid_max").unwrap();
    let left = dir
        .path()
        .join(format!(".notes.md.debate-tui.{}.0.tmp", dead.trim()));
    let f = std::fs::File::create(&left).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
    let mine = dir.path().join("mine.tmp");
    std::fs::write(&mine, "not debate-tui's").unwrap();
    ok(&export_to(&dir.path().join("notes.md"), false));
    assert!(!left.exists(), "the killed write's file is left");
    assert!(mine.exists());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_name_of_255_bytes_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{}.md", "x".repeat(252)));
    ok(&export_to(&file, false));
    ok(&export_to(&file, true));
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("# "));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
