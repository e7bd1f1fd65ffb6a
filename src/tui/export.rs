//! Writing an export for the app: the one place the explorer writes a file; and
//! opening it in the pager afterwards.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::app::Exported;
use crate::domain::save::{SaveError, write_atomic};

/// Carries out [`crate::app::Effect::Export`]: writes `document` to `file` atomically,
/// replacing an existing file only if `replace`, and tells how it went.
pub fn write(file: &Path, document: &str, replace: bool) -> Exported {
    let home = std::env::var_os("HOME");
    let file = match expand_home(file, home.as_deref().map(Path::new)) {
        Ok(file) => file,
        Err(why) => return Exported::Failed(why),
    };
    let file = file.as_path();
    match write_atomic(file, document.as_bytes(), replace) {
        Ok(()) => {
            Exported::Written(std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()))
        }
        Err(SaveError::Exists(_)) => Exported::Exists,
        Err(e) => Exported::Failed(e.to_string()),
    }
}

/// A file name as a shell would take it: `~` and `~/…` in the home folder `home`.
/// `~user/…` is refused with a message that says what to write instead, as is `~`
/// when the home folder is not known; other names are kept as they are.
pub fn expand_home(file: &Path, home: Option<&Path>) -> Result<PathBuf, String> {
    let Some(s) = file.to_str() else {
        return Ok(file.to_path_buf());
    };
    let Some(rest) = s.strip_prefix('~') else {
        return Ok(file.to_path_buf());
    };
    let rest = match rest.strip_prefix('/') {
        Some(rest) => rest,
        None if rest.is_empty() => "",
        None => {
            let user = rest.split('/').next().unwrap_or(rest);
            return Err(format!(
                "~{user} is not expanded: only ~ (your home folder) is. Write the folder in \
                 full, or ./~{user} for a file named so"
            ));
        }
    };
    match home.filter(|h| !h.as_os_str().is_empty()) {
        Some(home) => Ok(home.join(rest)),
        None => Err(String::from(
            "~ cannot be expanded: HOME is not set. Write the folder in full",
        )),
    }
}

/// The pager that opens `file`, and how to name it: `$PAGER` (run by `sh`, as git
/// runs it, so that it may carry options, with the file as an argument of its own,
/// never read as shell words), else `less`.
pub fn pager(file: &Path, pager: Option<OsString>) -> (Command, String) {
    match pager.filter(|p| !p.is_empty()) {
        Some(p) => {
            let name = p.to_string_lossy().into_owned();
            // `exec`: the pager takes the shell's place, so that its process group
            // holds nothing else that a Ctrl-C in the pager would end.
            let mut script = OsString::from("exec ");
            script.push(p);
            script.push(" \"$1\"");
            let mut cmd = Command::new("sh");
            cmd.arg("-c").arg(script).arg("sh").arg(file);
            (cmd, name)
        }
        None => {
            let mut cmd = Command::new("less");
            cmd.arg("--").arg(file);
            (cmd, String::from("less ($PAGER is not set)"))
        }
    }
}

/// What to say once the pager on `file` ended, as it did.
pub fn paged(
    file: &Path,
    name: &str,
    ran: std::io::Result<std::process::ExitStatus>,
) -> Result<String, String> {
    let at = file.display();
    match ran {
        Ok(status) if status.success() => Ok(format!("Back from {name} ({at})")),
        // `sh` says 127 for a command it cannot find, 126 for one it cannot run.
        Ok(status) if status.code() == Some(127) => Err(format!(
            "{name} was not found (set PAGER to a pager you have); the file is at {at}"
        )),
        Ok(status) if status.code() == Some(126) => {
            Err(format!("{name} cannot be run; the file is at {at}"))
        }
        Ok(status) => Err(format!("{name} ended with {status}; the file is at {at}")),
        Err(e) => Err(format!("Could not run {name}: {e}; the file is at {at}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tilde_is_the_home_folder_and_another_user_s_is_refused() {
        let home = Some(Path::new("/home/ada"));
        let ok = |s: &str| expand_home(Path::new(s), home).unwrap();
        assert_eq!(ok("~/notes/path.md"), Path::new("/home/ada/notes/path.md"));
        assert_eq!(ok("~"), Path::new("/home/ada"));
        assert_eq!(ok("path.md"), Path::new("path.md"));
        assert_eq!(ok("./~/x.md"), Path::new("./~/x.md"));
        assert_eq!(ok("a/~b.md"), Path::new("a/~b.md"));
        let err = expand_home(Path::new("~bob/x.md"), home).unwrap_err();
        assert!(err.starts_with("~bob is not expanded"), "{err}");
        let err = expand_home(Path::new("~/x.md"), None).unwrap_err();
        assert!(err.contains("HOME is not set"), "{err}");
    }

    #[test]
    fn the_pager_gets_the_file_as_one_argument() {
        let file = Path::new("/tmp/a b; rm -rf x.md");
        let (cmd, name) = pager(file, Some("less -R".into()));
        assert_eq!(name, "less -R");
        let args: Vec<_> = cmd.get_args().collect();
        assert_eq!(
            args,
            ["-c", "exec less -R \"$1\"", "sh", "/tmp/a b; rm -rf x.md"]
        );
        let (cmd, name) = pager(file, Some("".into()));
        assert!(name.starts_with("less"));
        assert_eq!(cmd.get_program(), "less");
    }

    /// The shell that runs `$PAGER` ends with 127 when there is no such command, and
    /// 126 when it cannot be run: said in words, not as a bare status.
    #[test]
    fn a_pager_that_does_not_exist_is_said_so() {
        use std::os::unix::process::ExitStatusExt;
        let file = Path::new("/tmp/p.md");
        let ended = |code: i32| {
            paged(
                file,
                "mypager",
                Ok(std::process::ExitStatus::from_raw(code << 8)),
            )
            .unwrap_err()
        };
        let said = ended(127);
        assert!(said.starts_with("mypager was not found"), "{said}");
        assert!(said.ends_with("the file is at /tmp/p.md"), "{said}");
        assert!(ended(126).starts_with("mypager cannot be run"));
        assert!(ended(1).starts_with("mypager ended with exit status: 1"));
    }
}
