//! Where the explorer keeps what it remembers of each debate between runs: one small
//! JSON file per debate ([`crate::domain::session`]) in the platform's state folder
//! (`$XDG_STATE_HOME/debate-tui`, else `~/.local/state/debate-tui` on Linux; the local
//! data folder elsewhere), or in `DEBATE_TUI_STATE_DIR` when it is set. Set to nothing,
//! it turns remembering off.
//!
//! Read when a debate opens, written (atomically) at quit and after an export. A file
//! that cannot be read or makes no sense is set aside with a note; it never stops the
//! explorer.

use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::domain::save::write_atomic;
use crate::domain::session::{Session, key_of};

/// The variable that names the folder instead of the platform's.
pub const DIR_VARIABLE: &str = "DEBATE_TUI_STATE_DIR";

/// A state file larger than this is not one the explorer wrote.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The state file of one debate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    /// The debate's key, which the file names and holds.
    key: String,
    file: PathBuf,
}

/// The folder the state goes in: `DEBATE_TUI_STATE_DIR` when set (none when it is set
/// to nothing), else the platform's; none when the platform has no home for it.
pub fn folder(variable: Option<OsString>) -> Option<PathBuf> {
    if let Some(dir) = variable {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "debate-tui")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

impl Store {
    /// The store of the debate in `debate_file` (the built-in debate without one), in
    /// the folder [`folder`] finds from the environment; none without a folder.
    pub fn for_debate(debate_file: Option<&Path>) -> Option<Store> {
        let dir = folder(std::env::var_os(DIR_VARIABLE))?;
        Some(Store::in_folder(&dir, debate_file))
    }

    /// The store of the debate in `debate_file`, in `dir`. The file is known by its
    /// canonical path, however it was named.
    pub fn in_folder(dir: &Path, debate_file: Option<&Path>) -> Store {
        let canonical = debate_file.map(|f| {
            fs::canonicalize(f)
                .or_else(|_| std::path::absolute(f))
                .unwrap_or_else(|_| f.to_path_buf())
        });
        let key = key_of(canonical.as_deref().map(path_bytes).as_deref());
        Store {
            file: dir.join(format!("{key}.json")),
            key,
        }
    }

    /// The file the state is kept in.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// What was remembered: none when nothing was, else the session or why it was set
    /// aside.
    pub fn load(&self) -> Option<Result<Session, String>> {
        let file = match fs::File::open(&self.file) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => return Some(Err(format!("the state file cannot be read ({e})"))),
        };
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Some(Err(String::from("the state file is not a file")));
        }
        let mut bytes = Vec::new();
        if let Err(e) = file.take(MAX_BYTES + 1).read_to_end(&mut bytes) {
            return Some(Err(format!("the state file cannot be read ({e})")));
        }
        if bytes.len() as u64 > MAX_BYTES {
            return Some(Err(String::from("the state file is too large to be ours")));
        }
        Some(match String::from_utf8(bytes) {
            Ok(text) => Session::from_json(&self.key, &text),
            Err(_) => Err(String::from("the state file is damaged (not UTF-8)")),
        })
    }

    /// Remembers `session`, replacing what was remembered; why not, when it fails.
    pub fn save(&self, session: &Session) -> Result<(), String> {
        if let Some(dir) = self.file.parent() {
            create_private_folder(dir).map_err(|e| {
                format!(
                    "cannot make the folder {}: {e}",
                    crate::domain::text::visible(&dir.display().to_string())
                )
            })?;
        }
        write_atomic(&self.file, session.to_json(&self.key).as_bytes(), true)
            .map_err(|e| e.to_string())
    }
}

/// A path as bytes, as the file system has it.
fn path_bytes(p: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        p.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        p.to_string_lossy().into_owned().into_bytes()
    }
}

/// Makes `dir` and the folders above it; a new one readable by its owner only.
fn create_private_folder(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session {
            path: vec!["a".into(), "b".into()],
            exported: false,
            selected: Some("b".into()),
            unfolded: Vec::new(),
        }
    }

    #[test]
    fn the_variable_wins_and_set_to_nothing_turns_remembering_off() {
        assert_eq!(
            folder(Some(OsString::from("/tmp/x"))),
            Some(PathBuf::from("/tmp/x"))
        );
        assert_eq!(folder(Some(OsString::new())), None);
    }

    #[test]
    fn saves_loads_and_knows_a_file_however_it_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state/deeper");
        let debate = dir.path().join("debate.yaml");
        fs::write(&debate, "x").unwrap();
        let store = Store::in_folder(&state, Some(&debate));
        assert_eq!(store.load(), None, "nothing remembered yet");
        store.save(&session()).unwrap();
        // The same file by another name: the same store.
        let other_name = dir.path().join("state/../debate.yaml");
        let again = Store::in_folder(&state, Some(&other_name));
        assert_eq!(again, store);
        assert_eq!(again.load(), Some(Ok(session())));
        // Another debate, and the built-in one, have their own.
        let built_in = Store::in_folder(&state, None);
        assert_ne!(built_in.file(), store.file());
        assert!(built_in.file().ends_with("built-in.json"));
        assert_eq!(built_in.load(), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&state).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700, "{mode:o}");
        }
    }

    #[test]
    fn a_damaged_foreign_or_odd_file_is_set_aside_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::in_folder(dir.path(), None);
        let says = |bytes: &[u8]| {
            fs::write(store.file(), bytes).unwrap();
            store.load().unwrap().unwrap_err()
        };
        assert!(says(b"{\"path\": [").contains("damaged"));
        assert!(says(b"\xff\xfe").contains("not UTF-8"));
        assert!(says(b"{\"hello\": 1}").contains("not one of debate-tui's"));
        let theirs = session().to_json("0123456789abcdef");
        assert!(says(theirs.as_bytes()).contains("another debate"));
        fs::remove_file(store.file()).unwrap();
        fs::create_dir(store.file()).unwrap();
        assert!(store.load().unwrap().is_err());
        // A save where a folder stands fails with the reason, and nothing else.
        assert!(store.save(&session()).is_err());
    }

    #[test]
    fn a_save_into_a_folder_that_cannot_be_made_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").unwrap();
        let store = Store::in_folder(&blocker.join("state"), None);
        let why = store.save(&session()).unwrap_err();
        assert!(why.contains("cannot make the folder"), "{why}");
    }
}
