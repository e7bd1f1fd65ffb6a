//! A debate's folder beset by traps: links and `..` out of it, a sibling folder whose
//! name starts like its own, a pipe, links into /proc. Every file inside holds
//! [`INSIDE`], every file outside [`SECRET`]. Shared by the property test and the fuzz
//! target of the source reader.

#![allow(dead_code)]

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub const INSIDE: &str = "text inside the debate's folder";
pub const SECRET: &str = "SECRET outside the debate's folder";

/// What source names are made of: the traps' names, and the usual ways out.
pub const PARTS: &[&str] = &[
    "",
    ".",
    "..",
    "~",
    "a.txt",
    "sub",
    "b.txt",
    "link-in",
    "up-in",
    "dir-in",
    "abs-in",
    "link-out",
    "abs-out",
    "up",
    "evil",
    "deep-out",
    "fifo",
    "environ",
    "proc",
    "secret.txt",
    "debate",
    "debate-evil",
    "/",
    "/proc/self/environ",
    "/dev/zero",
];

/// Lays the traps under `root`, which must not exist or be empty; returns the debate's
/// folder.
pub fn plant(root: &Path) -> io::Result<PathBuf> {
    let debate = root.join("debate");
    fs::create_dir_all(debate.join("sub"))?;
    fs::create_dir_all(root.join("debate-evil"))?;
    fs::write(root.join("secret.txt"), SECRET)?;
    fs::write(root.join("debate-evil/secret.txt"), SECRET)?;
    fs::write(debate.join("a.txt"), INSIDE)?;
    fs::write(debate.join("sub/b.txt"), INSIDE)?;
    let links: [(PathBuf, &str); 11] = [
        ("a.txt".into(), "link-in"),
        ("../a.txt".into(), "sub/up-in"),
        ("sub".into(), "dir-in"),
        (debate.join("a.txt"), "abs-in"),
        ("../secret.txt".into(), "link-out"),
        (root.join("secret.txt"), "abs-out"),
        ("..".into(), "up"),
        ("../debate-evil".into(), "evil"),
        ("../../secret.txt".into(), "sub/deep-out"),
        ("/proc/self/environ".into(), "environ"),
        ("/proc/self".into(), "proc"),
    ];
    for (target, link) in links {
        std::os::unix::fs::symlink(target, debate.join(link))?;
    }
    let fifo = std::process::Command::new("mkfifo")
        .arg(debate.join("fifo"))
        .status()?;
    if !fifo.success() {
        return Err(io::Error::other("mkfifo failed"));
    }
    Ok(debate)
}

/// Whether what the reader answered for `name` in the folder `debate` may be: without
/// `allow_outside`, only the folder's own text; with it, the text of any file but one of
/// the running system (/proc, /sys, /dev).
pub fn judge<T: AsRef<str>>(
    debate: &Path,
    name: &str,
    outcome: &Result<T, String>,
    allow_outside: bool,
) -> Result<(), String> {
    match outcome {
        Ok(text) if text.as_ref() == INSIDE => Ok(()),
        Ok(_) if allow_outside => match fs::canonicalize(debate.join(name)) {
            Ok(real)
                if ["/proc", "/sys", "/dev"]
                    .iter()
                    .any(|s| real.starts_with(s)) =>
            {
                Err(format!("read {}", real.display()))
            }
            _ => Ok(()),
        },
        Ok(text) => Err(format!("read {:?}", text.as_ref())),
        Err(e) if e.contains(SECRET) => Err(format!("the message shows the secret: {e}")),
        Err(_) => Ok(()),
    }
}
