//! Reading a debate's source files, and nothing else.
//!
//! A debate names its source files, and a debate may come from anyone; so the names it
//! gives are held to a policy before anything is read (as Asciidoctor's safe mode,
//! pandoc's sandbox and TeX's `openin_any=p` do):
//!
//! - A name is relative to the debate's folder, and its real location, with links
//!   followed, must lie in that folder or below: absolute paths, `~` paths, and names that
//!   lead out through `..` or a link are refused, unless the reader trusts the debate
//!   ([`ALLOW_OUTSIDE_FLAG`]). A `..` that stays inside (`sources/../a.txt`) is fine.
//! - Only regular files are read: not folders, devices, pipes or sockets, and not the
//!   files of a kernel file system (/proc, /sys, ...), even when the debate is trusted.
//! - A file larger than [`MAX_SOURCE_BYTES`] is refused from its size, unread; each file
//!   (by device and inode) is read once however often it is named, and all the files of
//!   one debate share one budget of [`READ_BUDGET`] bytes.
//! - A refused file's text is never returned, so nothing of it can be shown.
//!
//! [`SourceReader`] applies the policy; `open` finds and opens the files, race-free
//! where the system allows.

mod open;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::domain::load::read;
use crate::domain::load::validate::SourceFiles;
use open::{Folder, Key, Refused};

/// The largest source file read.
pub const MAX_SOURCE_BYTES: u64 = crate::domain::load::MAX_SOURCE_FILE_BYTES;

/// How many bytes of source files one debate may read in all.
pub const READ_BUDGET: u64 = crate::domain::load::MAX_SOURCE_FILE_BYTES;

/// The command-line flag that lets a trusted debate read files outside its folder.
pub const ALLOW_OUTSIDE_FLAG: &str = "--allow-outside-sources";

/// Reads the source files of one debate under the policy of this module.
///
/// Reading goes through `&self` (the cache and the budget sit behind a lock), so one
/// reader serves every source of a debate.
pub struct SourceReader {
    base: PathBuf,
    allow_outside: bool,
    budget: u64,
    /// Forgo `openat2`, to test the portable way where the kernel has it.
    portable: bool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The debate's folder, opened at the first read.
    folder: Option<Result<Folder, String>>,
    /// What reading each file gave, by its identity.
    texts: HashMap<Key, Result<Arc<str>, String>>,
    bytes_read: u64,
    files_read: usize,
}

impl SourceReader {
    /// A reader of the files under `base`, the debate file's folder (empty for the
    /// current one). With `allow_outside`, a name may lead anywhere (the flag
    /// [`ALLOW_OUTSIDE_FLAG`]); every other rule holds all the same.
    pub fn new(base: impl Into<PathBuf>, allow_outside: bool) -> Self {
        SourceReader {
            base: base.into(),
            allow_outside,
            budget: READ_BUDGET,
            portable: false,
            state: Mutex::new(State::default()),
        }
    }

    /// The same reader with a budget of `bytes` in all instead of [`READ_BUDGET`].
    pub fn with_budget(mut self, bytes: u64) -> Self {
        self.budget = bytes;
        self
    }

    /// The text of the source file `name`, or why it is not read. The message completes
    /// "cannot read source file `NAME`: ".
    pub fn read(&self, name: &str) -> Result<Arc<str>, String> {
        let path = check_name(name, self.allow_outside)?;
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let State {
            folder,
            texts,
            bytes_read,
            files_read,
        } = &mut *state;
        let folder = folder
            .get_or_insert_with(|| {
                Folder::open(&self.base, self.portable)
                    .map_err(|e| format!("cannot open the debate's folder: {e}"))
            })
            .as_mut()
            .map_err(|e| e.clone())?;

        let found = folder.find(path, self.allow_outside).map_err(explain)?;
        if found.meta.is_dir() {
            return Err("it is a directory".to_string());
        }
        if !found.meta.is_file() {
            return Err("it is not a regular file (a device or a pipe?)".to_string());
        }
        if found.kernel {
            return Err(format!(
                "it is a file of the running system (on /proc, /sys or the like), not a \
                 document: such files are never read, even with {ALLOW_OUTSIDE_FLAG}"
            ));
        }
        let key = found.key();
        if let Some(text) = texts.get(&key) {
            return text.clone();
        }
        let size = found.meta.len();
        if size > MAX_SOURCE_BYTES {
            return Err(too_large(size));
        }
        let left = self.budget.saturating_sub(*bytes_read);
        if size > left {
            return Err(over_budget(self.budget, *bytes_read, size));
        }

        let file = folder
            .open_found(&found, self.allow_outside)
            .map_err(explain)?;
        // The size was only what the file said; a file that grows is still read no
        // further than the limits.
        let limit = left.min(MAX_SOURCE_BYTES);
        let mut bytes = Vec::with_capacity(size as usize);
        let outcome = file.take(limit + 1).read_to_end(&mut bytes);
        *bytes_read += bytes.len() as u64;
        *files_read += 1;
        outcome.map_err(|e| e.to_string())?;
        let got = bytes.len() as u64;
        if got > MAX_SOURCE_BYTES {
            return Err(too_large(got));
        }
        if got > left {
            return Err(over_budget(self.budget, *bytes_read - got, got));
        }
        let text = decode(bytes);
        texts.insert(key, text.clone());
        text
    }

    /// How many bytes of source files were read so far, each file once.
    pub fn bytes_read(&self) -> u64 {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .bytes_read
    }

    /// How many files were read so far, each once however often it was named.
    pub fn files_read(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .files_read
    }
}

/// What the policy says of a name before the file system is asked: the path to look
/// for, or why not.
fn check_name(name: &str, allow_outside: bool) -> Result<&Path, String> {
    if name.is_empty() {
        return Err("the path is empty".to_string());
    }
    if name.contains('\0') {
        return Err("the path holds a NUL character".to_string());
    }
    if name.starts_with('~') {
        return Err(format!(
            "it starts with `~`, which is not expanded: {RULE}; hint: move the file beside \
             the debate, or write its absolute path and pass {ALLOW_OUTSIDE_FLAG} if you \
             trust this debate"
        ));
    }
    let path = Path::new(name);
    if allow_outside {
        return Ok(path);
    }
    if path.has_root() || matches!(path.components().next(), Some(Component::Prefix(_))) {
        return Err(outside(
            "it is an absolute path, outside the debate's folder",
        ));
    }
    let mut depth = 0usize;
    for part in path.components() {
        match part {
            Component::Normal(_) => depth += 1,
            Component::ParentDir if depth == 0 => {
                return Err(outside(
                    "it is outside the debate's folder (`..` leads out of it)",
                ));
            }
            Component::ParentDir => depth -= 1,
            _ => {}
        }
    }
    Ok(path)
}

const RULE: &str = "sources are read only from the folder of the debate file and below";

/// A name that leads out of the folder: what is wrong, the rule, and the way out.
fn outside(what: &str) -> String {
    format!(
        "{what}: {RULE}; hint: move the file beside the debate, or pass \
         {ALLOW_OUTSIDE_FLAG} if you trust this debate"
    )
}

fn explain(refused: Refused) -> String {
    match refused {
        Refused::Outside => {
            outside("it is outside the debate's folder (its real location, with links followed)")
        }
        Refused::Loop => "it goes through a link of /proc, which is never followed, or \
                          through too many links"
            .to_string(),
        Refused::Changed => {
            "it changed while it was being opened; hint: try again once nothing writes to \
             the debate's folder"
                .to_string()
        }
        Refused::Io(e) => e.to_string(),
    }
}

fn too_large(size: u64) -> String {
    format!(
        "it is larger than {} ({})",
        amount(MAX_SOURCE_BYTES),
        amount(size)
    )
}

fn over_budget(budget: u64, read: u64, size: u64) -> String {
    format!(
        "it would take the source files of this debate past {} in all ({} read already, \
         {} more in this file); hint: a debate reads at most {} of source files (a file \
         named several times counts once)",
        amount(budget),
        amount(read),
        amount(size),
        amount(budget)
    )
}

/// A number of bytes, in MiB once there are any.
fn amount(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{} MiB", bytes.div_ceil(MIB))
    } else {
        format!("{bytes} bytes")
    }
}

/// The text of a file's bytes: UTF-8, without a byte-order mark. The same as the
/// loader's own reading of source files.
fn decode(bytes: Vec<u8>) -> Result<Arc<str>, String> {
    let text = read::utf8(&bytes).map_err(|at| {
        format!(
            "it is not UTF-8 text (first bad byte at line {}, column {})",
            at.line, at.col
        )
    })?;
    Ok(Arc::from(read::strip_bom(text)))
}

impl SourceFiles for SourceReader {
    fn read(&self, name: &str) -> Result<Arc<str>, String> {
        SourceReader::read(self, name)
    }
}

#[cfg(all(test, unix))]
mod tests;
