//! Watching a debate's files for changes: the debate file and the source files it
//! names. Each file's folder is watched rather than the file, so that a save that
//! replaces the file (written beside it, then renamed over it, as vim and atomic
//! writers do) is seen as well as a write in place; for a file that is a link, its
//! target's folder too. Events are filtered down to those
//! files, and to changes (a file opened or read, by the explorer's own reload among
//! others, is none).

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long the files must be quiet before a change is reported: a save that writes
/// in several steps, or a burst of saves, is one change.
const QUIET: Duration = Duration::from_millis(150);

/// A watch on a set of files.
pub struct Watch {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    changes: Receiver<Result<(), String>>,
    /// The files watched, as given.
    files: BTreeSet<PathBuf>,
}

impl Watch {
    /// Watches `files` (those that do not exist yet included, through their folders).
    /// Fails when the system cannot watch (no inotify left, a folder gone).
    pub fn start(files: BTreeSet<PathBuf>) -> Result<Watch, String> {
        let mut ours = HashSet::new();
        let mut folders = BTreeSet::new();
        for f in &files {
            let (folder, name) = split(f);
            let folder = folder.canonicalize().unwrap_or(folder);
            ours.insert(folder.join(name));
            folders.insert(folder);
            // A file that is a link changes where it points: that folder is watched too.
            if let Ok(target) = f.canonicalize()
                && let (Some(folder), Some(_)) = (target.parent(), target.file_name())
            {
                folders.insert(folder.to_path_buf());
                ours.insert(target);
            }
        }
        let (tx, changes) = mpsc::channel();
        let mut debouncer = new_debouncer(QUIET, None, move |result: DebounceEventResult| {
            let said = match result {
                Ok(events) => {
                    let changed = events.iter().any(|e| {
                        !matches!(e.event.kind, EventKind::Access(_))
                            && e.event.paths.iter().any(|p| ours.contains(p))
                    });
                    if !changed {
                        return;
                    }
                    Ok(())
                }
                Err(errors) => Err(errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")),
            };
            let _ = tx.send(said);
        })
        .map_err(|e| e.to_string())?;
        for folder in &folders {
            debouncer
                .watch(folder, RecursiveMode::NonRecursive)
                .map_err(|e| format!("{}: {e}", folder.display()))?;
        }
        Ok(Watch {
            _debouncer: debouncer,
            changes,
            files,
        })
    }

    /// The files watched.
    pub fn files(&self) -> &BTreeSet<PathBuf> {
        &self.files
    }

    /// Whether one of the files changed since the last call, without waiting; an error
    /// of the watch, said once.
    pub fn changed(&self) -> Result<bool, String> {
        let mut changed = false;
        loop {
            match self.changes.try_recv() {
                Ok(Ok(())) => changed = true,
                Ok(Err(e)) => return Err(e),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return Ok(changed),
            }
        }
    }
}

/// A file's folder (`.` for a bare name) and its name.
fn split(file: &Path) -> (PathBuf, PathBuf) {
    let name = file.file_name().map(PathBuf::from).unwrap_or_default();
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (folder, name)
}

/// The files a debate is read from: the debate file, and its sources' files, found
/// from the debate's folder as the loader finds them.
pub fn files_of(file: &Path, debate: &crate::domain::Debate) -> BTreeSet<PathBuf> {
    let (folder, _) = split(file);
    let mut out = BTreeSet::from([file.to_path_buf()]);
    out.extend(
        debate
            .sources
            .iter()
            .filter_map(|s| s.file.as_deref())
            .map(|f| folder.join(f)),
    );
    out
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    /// Waits (a generous while) for the watch to see a change.
    fn sees_a_change(w: &Watch) -> bool {
        let end = Instant::now() + Duration::from_secs(30);
        while Instant::now() < end {
            if w.changed().expect("no error") {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    #[test]
    fn saves_in_place_and_by_rename_are_seen_again_and_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("d.yaml");
        std::fs::write(&file, "a").unwrap();
        let w = Watch::start(BTreeSet::from([file.clone()])).unwrap();
        for k in 0..3 {
            let tmp = dir.path().join(".d.yaml.tmp");
            std::fs::write(&tmp, format!("v{k}")).unwrap();
            std::fs::rename(&tmp, &file).unwrap();
            assert!(sees_a_change(&w), "rename {k} not seen");
        }
        for k in 0..3 {
            std::fs::write(&file, format!("w{k}")).unwrap();
            assert!(sees_a_change(&w), "write {k} not seen");
        }
    }

    #[test]
    fn a_debate_file_that_is_a_link_is_seen_when_its_target_changes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        std::fs::create_dir(dir.path().join("linked")).unwrap();
        let target = dir.path().join("real").join("d.yaml");
        std::fs::write(&target, "a").unwrap();
        let link = dir.path().join("linked").join("d.yaml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let w = Watch::start(BTreeSet::from([link])).unwrap();
        std::fs::write(&target, "b").unwrap();
        assert!(sees_a_change(&w), "a write to the link's target not seen");
    }
}
