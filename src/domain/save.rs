//! The one way debate-tui writes a file: atomically. The bytes go to a new temporary
//! file beside the target, are flushed to disk, and only then take the target's name,
//! so a crash, a full disk or a write error leaves the earlier file (or none) intact,
//! never half a file. An existing file is replaced only when the caller says so, and
//! the file that replaces it keeps its permissions.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a file was not written.
#[derive(Debug)]
pub enum SaveError {
    /// The file exists and the caller did not ask to replace it.
    Exists(PathBuf),
    /// The system refused; `doing` says at which step.
    Io {
        path: PathBuf,
        doing: &'static str,
        error: io::Error,
    },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |p: &Path| crate::domain::text::visible(&p.display().to_string()).into_owned();
        match self {
            SaveError::Exists(p) => write!(f, "{} already exists", shown(p)),
            SaveError::Io { path, doing, error } => {
                write!(f, "cannot write {}: {doing}: {error}", shown(path))?;
                match error.kind() {
                    io::ErrorKind::NotFound => write!(f, " (does the folder exist?)"),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                        write!(f, " (choose a folder you can write to)")
                    }
                    io::ErrorKind::StorageFull => write!(f, " (the disk is full)"),
                    _ => Ok(()),
                }
            }
        }
    }
}

impl std::error::Error for SaveError {}

/// Writes `bytes` to `path` atomically; replaces an existing file only if `replace`.
pub fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> Result<(), SaveError> {
    write_atomic_with(path, replace, |f| f.write_all(bytes))
}

/// [`write_atomic`] with the writing done by `write`, so tests can make it fail
/// half-way.
pub fn write_atomic_with(
    path: &Path,
    replace: bool,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), SaveError> {
    let err = |doing: &'static str| {
        move |error: io::Error| SaveError::Io {
            path: path.to_path_buf(),
            doing,
            error,
        }
    };
    if !replace && fs::symlink_metadata(path).is_ok() {
        return Err(SaveError::Exists(path.to_path_buf()));
    }
    if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(err("it is a folder")(io::Error::from(
            io::ErrorKind::IsADirectory,
        )));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // The file replaced, whose permissions the new one takes.
    let replaced = fs::metadata(path).ok().filter(|_| replace);
    let (tmp, mut file) =
        temporary(&dir, path, replaced.is_some()).map_err(err("creating a temporary file"))?;
    remove_stale(&dir, &file);
    let written = replaced
        .map_or(Ok(()), |old| keep_permissions(&old, &file))
        .map_err(err("keeping the permissions of the file replaced"))
        .and_then(|()| {
            write(&mut file)
                .and_then(|()| file.sync_all())
                .map_err(err("writing"))
        });
    drop(file);
    let placed = written.and_then(|()| place(&tmp, path, replace));
    if placed.is_err() {
        let _ = fs::remove_file(&tmp);
        return placed;
    }
    // The rename is durable once the folder is flushed; not every system can.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The longest file name, in bytes, that common file systems take (`NAME_MAX`).
const NAME_MAX: usize = 255;

/// What every temporary name of ours holds after the target's name, so that no other
/// program's file is taken for one.
const MARK: &str = "debate-tui";

/// How many temporary names one process tries in a folder.
const TRIES: u32 = 100;

/// The name of the `n`th temporary file of process `pid` for a target named `name`:
/// `.NAME.debate-tui.PID.N.tmp`, within [`NAME_MAX`] however long the target's name
/// (which is cut: the process id and the counter keep the name unique).
fn temporary_name(name: &str, pid: u32, n: u32) -> String {
    let tail = format!(".{MARK}.{pid}.{n}.tmp");
    let mut end = name.len().min(NAME_MAX - 1 - tail.len());
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}{tail}", &name[..end])
}

/// The process id in a name that [`temporary_name`] made, or `None` for any other.
fn temporary_pid(file_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (rest, n) = rest.rsplit_once('.')?;
    let (rest, pid) = rest.rsplit_once('.')?;
    let name = rest.strip_suffix(MARK)?.strip_suffix('.')?;
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ours = !name.is_empty() && number(n) && n.parse().is_ok_and(|n: u32| n < TRIES);
    if ours && number(pid) {
        pid.parse().ok()
    } else {
        None
    }
}

/// Creates a new temporary file in `dir`, named after the target; never an existing
/// one (nor a link someone left there). When it is to replace a file, it is made
/// readable by its owner only, until it takes that file's permissions.
fn temporary(dir: &Path, target: &Path, replacing: bool) -> io::Result<(PathBuf, File)> {
    let name = target
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    let mut last = None;
    for n in 0..TRIES {
        let tmp = dir.join(temporary_name(&name, pid, n));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if replacing {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        #[cfg(not(unix))]
        let _ = replacing;
        match options.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// Gives `file` the permissions of `old`, the file it is to replace: a file kept
/// private stays private after a `--force` or a `y`. (A new file keeps the default the
/// system gives, its umask.) The group goes with them, since group permissions mean
/// nothing without it; where the group cannot be kept (the user is not in it), the
/// new file gives its own group nothing rather than what the old one gave another.
/// The owner is the user who writes. Done before anything is written.
fn keep_permissions(old: &fs::Metadata, file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
        let mut mode = old.mode() & 0o777;
        if file.metadata()?.gid() != old.gid() && fchown(file, None, Some(old.gid())).is_err() {
            mode &= !0o070;
        }
        file.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (old, file);
    Ok(())
}

/// How long a temporary file must have gone unwritten before it may be removed.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes the temporary files that writes into `dir` left when they were killed
/// before their rename; `own` is the temporary file this write just made.
///
/// Safe because a file is removed only when all of these hold: its name is one that
/// [`temporary_name`] makes (`.NAME.debate-tui.PID.N.tmp`: no other program's file);
/// it is a regular file (not a link, nor a folder) owned by the same user as `own`;
/// its process id is not this process's (whose other writes may be under way) and no
/// running process has it (`/proc/PID` does not exist; a process id that was reused
/// keeps the file, which is the safe mistake); and it has not been written for a
/// minute, so that even a writer this process cannot see (in another PID namespace
/// sharing the folder) is not cut off mid-write. Where `/proc` is missing, whether a
/// process runs cannot be told, and nothing is removed. Every failure is ignored: the
/// write itself does not depend on this.
fn remove_stale(dir: &Path, own: &File) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let gone = |pid: u32| {
            fs::symlink_metadata(format!("/proc/{pid}"))
                .is_err_and(|e| e.kind() == io::ErrorKind::NotFound)
        };
        let me = std::process::id();
        if gone(me) {
            return;
        }
        let (Ok(own), Ok(entries)) = (own.metadata(), fs::read_dir(dir)) else {
            return;
        };
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(temporary_pid) else {
                continue;
            };
            // Not followed if a link: the link itself is looked at.
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            let idle = meta
                .modified()
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|idle| idle >= STALE_AFTER);
            if pid != me && meta.is_file() && meta.uid() == own.uid() && idle && gone(pid) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (dir, own);
}

/// Gives the temporary file the target's name: a rename, which replaces; or, when the
/// target must not be replaced, a hard link, which fails if it exists (no window in
/// which another file could be clobbered), then the temporary name removed.
fn place(tmp: &Path, path: &Path, replace: bool) -> Result<(), SaveError> {
    let io_err = |doing: &'static str, error: io::Error| SaveError::Io {
        path: path.to_path_buf(),
        doing,
        error,
    };
    if replace {
        return fs::rename(tmp, path).map_err(|e| io_err("renaming into place", e));
    }
    match fs::hard_link(tmp, path) {
        Ok(()) => {
            let _ = fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(SaveError::Exists(path.to_path_buf()))
        }
        // A file system without hard links: check, then rename.
        Err(_) if fs::symlink_metadata(path).is_ok() => Err(SaveError::Exists(path.to_path_buf())),
        Err(_) => fs::rename(tmp, path).map_err(|e| io_err("renaming into place", e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn writes_and_refuses_to_replace_without_a_yes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_atomic(&p, b"first", false).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"first");
        let e = write_atomic(&p, b"second", false).unwrap_err();
        assert!(matches!(e, SaveError::Exists(_)), "{e}");
        assert_eq!(fs::read(&p).unwrap(), b"first");
        write_atomic(&p, b"second", true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"second");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failure_half_way_leaves_the_earlier_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        fs::write(&p, b"earlier work").unwrap();
        let e = write_atomic_with(&p, true, |f| {
            f.write_all(b"half of the new")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"))
        })
        .unwrap_err();
        assert!(e.to_string().contains("the disk is full"), "{e}");
        assert_eq!(fs::read(&p).unwrap(), b"earlier work");
        assert!(
            leftovers(dir.path()).is_empty(),
            "the temporary file is removed"
        );
    }

    #[test]
    fn a_read_only_folder_keeps_the_earlier_file_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        fs::write(&p, b"earlier work").unwrap();
        // As the system reports it on a read-only file system, whoever runs this.
        let e = write_atomic_with(&p, true, |_| {
            Err(io::Error::from(io::ErrorKind::ReadOnlyFilesystem))
        })
        .unwrap_err();
        assert!(
            e.to_string().contains("choose a folder you can write to"),
            "{e}"
        );
        assert_eq!(fs::read(&p).unwrap(), b"earlier work");
        assert!(leftovers(dir.path()).is_empty());
        // A folder without write permission refuses the temporary file (except to a
        // user who may write anywhere, for whom there is nothing to check).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
            let refused = fs::write(dir.path().join("probe"), b"").is_err();
            let r = write_atomic(&p, b"new work", true);
            fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
            if refused {
                let e = r.unwrap_err();
                assert!(e.to_string().contains("creating a temporary file"), "{e}");
                assert!(
                    e.to_string().contains("choose a folder you can write to"),
                    "{e}"
                );
                assert_eq!(fs::read(&p).unwrap(), b"earlier work");
            }
        }
    }

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_default() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("private.md");
        for kept in [0o600, 0o640, 0o604, 0o755] {
            fs::write(&p, b"earlier").unwrap();
            fs::set_permissions(&p, fs::Permissions::from_mode(kept)).unwrap();
            write_atomic(&p, b"new", true).unwrap();
            assert_eq!(fs::read(&p).unwrap(), b"new");
            assert_eq!(mode(&p), kept, "{kept:o} became {:o}", mode(&p));
        }
        // With a group of its own (where this user may give it one): kept too.
        use std::os::unix::fs::MetadataExt;
        let other = fs::metadata(&p).unwrap().gid() + 1;
        if std::os::unix::fs::chown(&p, None, Some(other)).is_ok() {
            write_atomic(&p, b"newer", true).unwrap();
            let now = fs::metadata(&p).unwrap();
            assert_eq!((now.gid(), mode(&p)), (other, 0o755));
        }
        // A new file: what the system gives any new file here.
        let plain = dir.path().join("plain");
        fs::write(&plain, b"").unwrap();
        let new = dir.path().join("new.md");
        write_atomic(&new, b"x", false).unwrap();
        assert_eq!(mode(&new), mode(&plain));
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_name_of_255_bytes_is_written() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            format!("{}.md", "a".repeat(252)),
            format!("{}.md", "é".repeat(126)),
            format!("{}.md", "漢".repeat(84)),
        ] {
            assert_eq!(name.len(), 255);
            let p = dir.path().join(&name);
            write_atomic(&p, b"first", false).unwrap();
            write_atomic(&p, b"second", true).unwrap();
            assert_eq!(fs::read(&p).unwrap(), b"second", "{name}");
            assert!(leftovers(dir.path()).is_empty());
        }
        // However long the name, the temporary one fits, and names its process.
        let long = "é".repeat(200);
        for (pid, n) in [(1, 0), (u32::MAX, TRIES - 1)] {
            let t = temporary_name(&long, pid, n);
            assert!(t.len() <= NAME_MAX, "{}", t.len());
            assert_eq!(temporary_pid(&t), Some(pid));
        }
        assert_ne!(temporary_name(&long, 7, 0), temporary_name(&long, 7, 1));
    }

    /// Leaves a file at `dir/name`, last written `idle` ago.
    #[cfg(target_os = "linux")]
    fn leave(dir: &Path, name: &str, idle: std::time::Duration) -> PathBuf {
        let p = dir.join(name);
        let f = File::create(&p).unwrap();
        f.set_modified(std::time::SystemTime::now() - idle).unwrap();
        p
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_write_removes_the_temporaries_of_killed_writes_and_nothing_else() {
        use std::time::Duration;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let old = Duration::from_secs(3600);
        // No process has the id pid_max: ids stay below it.
        let dead: u32 = fs::read_to_string("/proc/sys/kernel/pid_max")
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert!(!Path::new(&format!("/proc/{dead}")).exists());
        let me = std::process::id();
        let stale = [
            leave(d, &format!(".out.md.debate-tui.{dead}.0.tmp"), old),
            leave(d, &format!(".other.md.debate-tui.{dead}.99.tmp"), old),
        ];
        let kept = [
            // This process's own, another write of which may be under way.
            leave(d, &format!(".out.md.debate-tui.{me}.7.tmp"), old),
            // A running process's (the first process always runs).
            leave(d, ".out.md.debate-tui.1.0.tmp", old),
            // A dead process's, but written a moment ago.
            leave(
                d,
                &format!(".out.md.debate-tui.{dead}.1.tmp"),
                Duration::ZERO,
            ),
            // Names that are not ours.
            leave(d, &format!(".out.md.{dead}.0.tmp"), old),
            leave(d, &format!(".out.md.debate-tui.{dead}.0.tmp.bak"), old),
            leave(d, &format!("out.md.debate-tui.{dead}.0.tmp"), old),
            leave(d, "notes.tmp", old),
        ];
        // A folder and a link with a name of ours.
        let folder = d.join(format!(".f.debate-tui.{dead}.0.tmp"));
        fs::create_dir(&folder).unwrap();
        let link = d.join(format!(".l.debate-tui.{dead}.0.tmp"));
        std::os::unix::fs::symlink(&kept[0], &link).unwrap();

        write_atomic(&d.join("out.md"), b"new", true).unwrap();
        for p in &stale {
            assert!(!p.exists(), "{} is left", p.display());
        }
        for p in kept.iter().chain([&folder, &link]) {
            assert!(
                fs::symlink_metadata(p).is_ok(),
                "{} was removed",
                p.display()
            );
        }
        assert_eq!(fs::read(d.join("out.md")).unwrap(), b"new");
    }

    #[test]
    fn only_temporary_names_of_ours_are_taken_for_ours() {
        assert_eq!(temporary_pid(".out.md.debate-tui.42.0.tmp"), Some(42));
        assert_eq!(temporary_pid(".a.b.debate-tui.42.99.tmp"), Some(42));
        for other in [
            ".out.md.42.0.tmp",
            ".debate-tui.42.0.tmp",
            "out.md.debate-tui.42.0.tmp",
            ".out.md.debate-tui.42.0.tmp.bak",
            ".out.md.debate-tui.42.100.tmp",
            ".out.md.debate-tui.x42.0.tmp",
            ".out.md.debate-tui..0.tmp",
            ".out.md.debate-tui.-42.0.tmp",
            ".out.md.debate-tui.99999999999.0.tmp",
        ] {
            assert_eq!(temporary_pid(other), None, "{other}");
        }
    }

    #[test]
    fn an_unwritable_place_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        // A folder that does not exist, and a "folder" that is a file: both fail for
        // every user, root included.
        let missing = dir.path().join("no-such-folder/out.md");
        let e = write_atomic(&missing, b"x", false).unwrap_err();
        assert!(e.to_string().contains("does the folder exist?"), "{e}");
        let file = dir.path().join("plain");
        fs::write(&file, b"").unwrap();
        let e = write_atomic(&file.join("out.md"), b"x", false).unwrap_err();
        assert!(matches!(e, SaveError::Io { .. }), "{e}");
        let e = write_atomic(dir.path(), b"x", true).unwrap_err();
        assert!(e.to_string().contains("folder"), "{e}");
    }
}
