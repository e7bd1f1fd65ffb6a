//! Each rule of the policy, both ways: by `openat2` and by the portable way.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::*;

const INSIDE: &str = "inside the folder";
const SECRET: &str = "a secret outside the folder";

/// `debate/` holding `a.txt` and `sub/b.txt`, beside `outside.txt` and
/// `debate-evil/secret.txt` (a sibling whose name starts like the folder's).
fn tree() -> (TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let debate = root.path().join("debate");
    fs::create_dir_all(debate.join("sub")).unwrap();
    fs::create_dir_all(root.path().join("debate-evil")).unwrap();
    fs::write(debate.join("a.txt"), INSIDE).unwrap();
    fs::write(debate.join("sub/b.txt"), INSIDE).unwrap();
    fs::write(root.path().join("outside.txt"), SECRET).unwrap();
    fs::write(root.path().join("debate-evil/secret.txt"), SECRET).unwrap();
    (root, debate)
}

/// The same reader by `openat2` and by the portable way.
fn readers(base: &Path, allow_outside: bool) -> [SourceReader; 2] {
    [
        SourceReader::new(base, allow_outside),
        SourceReader {
            portable: true,
            ..SourceReader::new(base, allow_outside)
        },
    ]
}

/// Reads `name` both ways; both must agree on whether it is read.
fn read(base: &Path, allow_outside: bool, name: &str) -> Result<Arc<str>, String> {
    let [beneath, portable] = readers(base, allow_outside);
    let (a, b) = (beneath.read(name), portable.read(name));
    assert_eq!(
        a.is_ok(),
        b.is_ok(),
        "{name}: {a:?} by openat2, {b:?} the portable way"
    );
    a
}

/// `read`, which must fail with a message holding every one of `words`.
fn refused(base: &Path, allow_outside: bool, name: &str, words: &[&str]) -> String {
    let e = read(base, allow_outside, name).expect_err(name);
    for w in words {
        assert!(e.contains(w), "{name}: {e:?} lacks {w:?}");
    }
    assert!(!e.contains(SECRET));
    e
}

fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn make_fifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success());
}

/// Runs `f`, failing if it takes more than ten seconds (it blocked).
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(f()));
    rx.recv_timeout(Duration::from_secs(10))
        .expect("reading blocked")
}

#[test]
fn a_file_in_the_folder_or_below_is_read() {
    let (_root, debate) = tree();
    assert_eq!(&*read(&debate, false, "a.txt").unwrap(), INSIDE);
    assert_eq!(&*read(&debate, false, "sub/b.txt").unwrap(), INSIDE);
    assert_eq!(&*read(&debate, false, "./sub//b.txt").unwrap(), INSIDE);
}

#[test]
fn an_absolute_path_is_refused_even_into_the_folder() {
    let (root, debate) = tree();
    let words = [
        "absolute path",
        "outside the debate's folder",
        ALLOW_OUTSIDE_FLAG,
    ];
    refused(&debate, false, "/etc/passwd", &words);
    let outside = root.path().join("outside.txt");
    refused(&debate, false, outside.to_str().unwrap(), &words);
    let inside = debate.join("a.txt");
    refused(&debate, false, inside.to_str().unwrap(), &words);
}

#[test]
fn a_home_path_is_refused_even_when_allowed_outside() {
    let (_root, debate) = tree();
    for allow in [false, true] {
        refused(&debate, allow, "~/x", &["`~`", ALLOW_OUTSIDE_FLAG]);
        refused(&debate, allow, "~root/.ssh/id_rsa", &["`~`"]);
    }
}

#[test]
fn dot_dot_out_of_the_folder_is_refused() {
    let (_root, debate) = tree();
    let words = [
        "`..` leads out",
        "read only from the folder",
        ALLOW_OUTSIDE_FLAG,
    ];
    refused(&debate, false, "../outside.txt", &words);
    refused(&debate, false, "sub/../../outside.txt", &words);
    refused(&debate, false, "../debate/a.txt", &words);
    refused(&debate, false, "../../../../../../../etc/passwd", &words);
}

#[test]
fn dot_dot_that_stays_inside_is_fine() {
    let (_root, debate) = tree();
    assert_eq!(&*read(&debate, false, "sub/../a.txt").unwrap(), INSIDE);
    assert_eq!(
        &*read(&debate, false, "sub/./../sub/b.txt").unwrap(),
        INSIDE
    );
}

#[test]
fn a_link_out_of_the_folder_is_refused() {
    let (root, debate) = tree();
    symlink("../outside.txt", debate.join("rel-out"));
    symlink(root.path().join("outside.txt"), debate.join("abs-out"));
    symlink("..", debate.join("up"));
    symlink("../debate-evil", debate.join("evil"));
    symlink("../../outside.txt", debate.join("sub/deep-out"));
    symlink("/etc", debate.join("etc"));
    let words = [
        "real location",
        "read only from the folder",
        ALLOW_OUTSIDE_FLAG,
    ];
    for name in [
        "rel-out",
        "abs-out",
        "up/outside.txt",
        "up/debate/../outside.txt",
        "evil/secret.txt",
        "sub/deep-out",
        "etc/passwd",
    ] {
        refused(&debate, false, name, &words);
    }
    // Nothing is learnt of what lies outside: a missing file is "outside" too.
    symlink("../missing.txt", debate.join("out-missing"));
    refused(&debate, false, "out-missing", &words);
}

#[test]
fn a_link_that_stays_inside_is_followed() {
    let (_root, debate) = tree();
    symlink("a.txt", debate.join("rel-in"));
    symlink("../a.txt", debate.join("sub/up-in"));
    symlink("sub", debate.join("dir-in"));
    symlink(debate.join("sub/b.txt"), debate.join("abs-in"));
    symlink(&debate, debate.join("sub/abs-dir-in"));
    for name in [
        "rel-in",
        "sub/up-in",
        "dir-in/b.txt",
        "abs-in",
        "sub/abs-dir-in/a.txt",
    ] {
        assert_eq!(&*read(&debate, false, name).unwrap(), INSIDE, "{name}");
    }
}

#[test]
fn allowed_outside_a_name_may_lead_anywhere() {
    let (root, debate) = tree();
    symlink("../outside.txt", debate.join("rel-out"));
    let outside = root.path().join("outside.txt");
    for name in ["../outside.txt", "rel-out", outside.to_str().unwrap()] {
        assert_eq!(&*read(&debate, true, name).unwrap(), SECRET, "{name}");
    }
}

#[test]
#[cfg(target_os = "linux")]
fn kernel_files_are_refused_even_when_allowed_outside() {
    let (_root, debate) = tree();
    symlink("/proc/self/environ", debate.join("environ"));
    let words = ["running system", ALLOW_OUTSIDE_FLAG];
    for name in [
        "/proc/self/environ",
        "/proc/self/pagemap",
        "/proc/kmsg",
        "/sys/kernel/uevent_seqnum",
        "environ",
    ] {
        let name = name.to_string();
        let base = debate.clone();
        let [beneath, portable] = readers(&base, true);
        let (a, b) = within(move || (beneath.read(&name), portable.read(&name)));
        for e in [a, b] {
            let e = e.expect_err("a kernel file");
            assert!(words.iter().all(|w| e.contains(w)), "{e}");
        }
    }
    // Without the flag, the link is outside before it is a kernel file.
    refused(&debate, false, "environ", &["real location"]);
}

#[test]
fn pipes_and_devices_are_refused_without_blocking() {
    let (_root, debate) = tree();
    make_fifo(&debate.join("fifo"));
    for (allow, name) in [
        (false, "fifo"),
        (true, "fifo"),
        (true, "/dev/zero"),
        (true, "/dev/null"),
        (true, "/dev/tty"),
    ] {
        let base = debate.clone();
        let [beneath, portable] = readers(&base, allow);
        let (a, b) = within(move || (beneath.read(name), portable.read(name)));
        for e in [a, b] {
            let e = e.expect_err(name);
            // /dev/tty may not exist where there is no terminal.
            assert!(
                e.contains("not a regular file") || e.contains("os error"),
                "{name}: {e}"
            );
        }
    }
}

#[test]
fn folders_and_empty_names_are_refused() {
    let (_root, debate) = tree();
    refused(&debate, false, "sub", &["it is a directory"]);
    refused(&debate, false, ".", &["it is a directory"]);
    refused(&debate, false, "sub/..", &["it is a directory"]);
    refused(&debate, false, "", &["the path is empty"]);
    refused(&debate, false, "a\0.txt", &["NUL"]);
    refused(&debate, false, "missing.txt", &["No such file"]);
}

#[test]
fn a_file_named_several_times_is_read_once() {
    let (_root, debate) = tree();
    fs::hard_link(debate.join("a.txt"), debate.join("hard.txt")).unwrap();
    symlink("a.txt", debate.join("link"));
    for reader in readers(&debate, false) {
        let first = reader.read("a.txt").unwrap();
        for name in ["a.txt", "./a.txt", "sub/../a.txt", "hard.txt", "link"] {
            assert!(Arc::ptr_eq(&first, &reader.read(name).unwrap()), "{name}");
        }
        assert_eq!(reader.files_read(), 1);
        assert_eq!(reader.bytes_read(), INSIDE.len() as u64);
        reader.read("sub/b.txt").unwrap();
        assert_eq!(reader.files_read(), 2);
        assert_eq!(reader.bytes_read(), 2 * INSIDE.len() as u64);
    }
}

#[test]
fn the_files_of_a_debate_share_one_budget() {
    let (_root, debate) = tree();
    for n in 1..=3 {
        fs::write(debate.join(format!("{n}.txt")), "x".repeat(400)).unwrap();
    }
    for reader in readers(&debate, false) {
        let reader = reader.with_budget(1000);
        reader.read("1.txt").unwrap();
        reader.read("2.txt").unwrap();
        let e = reader.read("3.txt").unwrap_err();
        assert!(e.contains("past 1000 bytes in all"), "{e}");
        assert!(e.contains("800 bytes read already"), "{e}");
        assert_eq!(reader.bytes_read(), 800);
        // What was read stays readable; the refused file was not read at all.
        reader.read("1.txt").unwrap();
        assert_eq!(reader.files_read(), 2);
    }
    assert_eq!(SourceReader::new(&debate, false).budget, READ_BUDGET);
}

#[test]
fn a_file_larger_than_the_limit_is_refused_unread() {
    let (_root, debate) = tree();
    // Sparse: it takes no room, and reading it would take 512 MiB and seconds.
    let big = fs::File::create(debate.join("big.txt")).unwrap();
    big.set_len(MAX_SOURCE_BYTES + 1).unwrap();
    for reader in readers(&debate, false) {
        let start = Instant::now();
        let e = reader.read("big.txt").unwrap_err();
        assert!(e.contains("larger than 512 MiB"), "{e}");
        assert!(start.elapsed() < Duration::from_secs(1));
        assert_eq!(reader.bytes_read(), 0);
        // Ten names of it cost no more.
        for _ in 0..10 {
            reader.read("big.txt").unwrap_err();
        }
        assert!(start.elapsed() < Duration::from_secs(1));
    }
}

#[test]
fn text_is_utf8_without_its_byte_order_mark() {
    let (_root, debate) = tree();
    fs::write(debate.join("bom.txt"), "\u{FEFF}testo").unwrap();
    fs::write(debate.join("bad.txt"), b"one\ntw\xffo").unwrap();
    assert_eq!(&*read(&debate, false, "bom.txt").unwrap(), "testo");
    refused(
        &debate,
        false,
        "bad.txt",
        &["it is not UTF-8 text (first bad byte at line 2, column 3)"],
    );
}

#[test]
fn a_missing_folder_is_said_once_per_read() {
    let (root, _debate) = tree();
    let e = refused(
        &root.path().join("nowhere"),
        false,
        "a.txt",
        &["debate's folder"],
    );
    assert!(e.starts_with("cannot open the debate's folder: "), "{e}");
}

#[test]
fn an_empty_base_is_the_current_folder() {
    // Tests run in the package's folder.
    assert!(
        read(Path::new(""), false, "Cargo.toml")
            .unwrap()
            .contains("[package]")
    );
}

#[test]
fn names_are_judged_before_the_file_system_is_asked() {
    assert!(check_name("a/../b", false).is_ok());
    assert!(check_name("a/../../b", false).is_err());
    assert!(check_name("a/../../b", true).is_ok());
    assert!(check_name("/a", true).is_ok());
    assert!(check_name("~", true).is_err());
    assert!(check_name("a~", false).is_ok());
    assert!(check_name("...", false).is_ok());
    assert_eq!(amount(1000), "1000 bytes");
    assert_eq!(amount(MAX_SOURCE_BYTES), "512 MiB");
}

/// On Linux the portable way checks a real location twice, before opening and after;
/// each check holds on its own.
#[test]
fn the_portable_way_checks_before_and_after_opening() {
    let (root, debate) = tree();
    symlink("../outside.txt", debate.join("rel-out"));
    let folder = open::Folder::open(&debate, true).unwrap();
    let before = folder.find_real(Path::new("rel-out"), false);
    assert!(
        matches!(before, Err(Refused::Outside)),
        "{:?}",
        before.map(|_| ())
    );
    assert!(folder.find_real(Path::new("rel-out"), true).is_ok());
    #[cfg(target_os = "linux")]
    {
        let outside = fs::File::open(root.path().join("outside.txt")).unwrap();
        assert!(!folder.holds_open(&outside));
        assert!(folder.holds_open(&fs::File::open(debate.join("a.txt")).unwrap()));
    }
    #[cfg(not(target_os = "linux"))]
    let _ = root;
}

/// A file replaced between its checks and its opening, by another file or by a pipe, is
/// refused, and the pipe does not block.
#[test]
fn a_file_replaced_after_its_checks_is_refused() {
    for portable in [false, true] {
        let (_root, debate) = tree();
        let mut folder = open::Folder::open(&debate, portable).unwrap();
        let found = folder.find(Path::new("a.txt"), false).unwrap();
        fs::write(debate.join("other.txt"), "other").unwrap();
        fs::rename(debate.join("other.txt"), debate.join("a.txt")).unwrap();
        let swapped = folder.open_found(&found, false);
        assert!(matches!(swapped, Err(Refused::Changed)), "{swapped:?}");

        let found = folder.find(Path::new("sub/b.txt"), false).unwrap();
        fs::remove_file(debate.join("sub/b.txt")).unwrap();
        make_fifo(&debate.join("sub/b.txt"));
        let swapped = within(move || folder.open_found(&found, false).map(|_| ()));
        assert!(matches!(swapped, Err(Refused::Changed)), "{swapped:?}");
    }
}
