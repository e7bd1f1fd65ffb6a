//! Opening a debate file in any format debate-tui reads: its bytes read and decoded
//! ([`load::read`]), its format told by content ([`import::detect_named`]), then loaded as
//! format v1 YAML ([`load::load_yaml`]) or imported ([`import::load`]).
//!
//! This stands above both `load` and `import`, which never call up into it.

use std::path::{Path, PathBuf};

use crate::domain::import;
use crate::domain::load::diag::{Code, Diagnostic, LoadError};
use crate::domain::load::progress::Progress;
use crate::domain::load::validate::SourceFiles;
use crate::domain::load::{self, Loaded};
use crate::domain::load::{lint, read};
use crate::domain::sources::SourceReader;

/// Loads a debate file from disk; its source files are read from its folder and below,
/// under the policy of [`crate::domain::sources`].
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    load_path_with(path, false, &Progress::default())
}

/// [`load_path`], telling `progress` how far it has come; with `allow_outside`, the
/// debate is trusted to read source files outside its folder.
pub fn load_path_with(
    path: &Path,
    allow_outside: bool,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    let file = read_path(path, allow_outside, progress)?;
    load_bytes_with(&file.name, &file.bytes, &file.sources, progress)
}

/// [`load_path_with`], and the debate's warnings among its `warnings`: what an import
/// left out, then what [`lint`] finds in a format v1 file. What `check` reports.
pub fn check_path(
    path: &Path,
    allow_outside: bool,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    let file = read_path(path, allow_outside, progress)?;
    check_bytes(&file.name, &file.bytes, &file.sources, progress)
}

/// [`load_bytes_with`], and the debate's warnings, as [`check_path`].
pub fn check_bytes(
    name: &str,
    bytes: &[u8],
    files: &dyn SourceFiles,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    let mut loaded = load_bytes_with(name, bytes, files, progress)?;
    // Labels the file expects but the debate does not give fail the check, although
    // the debate loads for the explorer and the other commands.
    if !loaded.unmet.is_empty() {
        return Err(LoadError::Invalid {
            file: name.to_string(),
            problems: std::mem::take(&mut loaded.unmet),
        });
    }
    // It loaded, so it is UTF-8.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let found = lint::lint(name, read::strip_bom(text), &loaded);
        loaded.warnings.extend(found);
    }
    Ok(loaded)
}

/// A debate file read from disk, not yet loaded.
struct DebateFile {
    /// The path as given, for messages.
    name: String,
    bytes: Vec<u8>,
    /// Its source files, from its folder.
    sources: SourceReader,
}

fn read_path(
    path: &Path,
    allow_outside: bool,
    progress: &Progress,
) -> Result<DebateFile, LoadError> {
    let name = path.display().to_string();
    let bytes = read::file(
        &name,
        path,
        progress,
        "hint: check the path, or run `debate-tui` with no file for the built-in debate",
    )
    .map_err(|e| e.or_code(Code::Unreadable))?;
    let base = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    Ok(DebateFile {
        name,
        bytes,
        sources: SourceReader::new(base, allow_outside),
    })
}

/// Loads a debate from the bytes of a file called `name` (used in messages).
pub fn load_bytes(name: &str, bytes: &[u8], files: &dyn SourceFiles) -> Result<Loaded, LoadError> {
    load_bytes_with(name, bytes, files, &Progress::default())
}

/// [`load_bytes`], telling `progress` how far it has come.
pub fn load_bytes_with(
    name: &str,
    bytes: &[u8],
    files: &dyn SourceFiles,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    let text = read::text(name, bytes, "hint: save the file as UTF-8")
        .map_err(|e| e.or_code(Code::NotUtf8))?;
    let text = read::strip_bom(text);
    if text.trim().is_empty() {
        return Err(LoadError::Invalid {
            file: name.to_string(),
            problems: vec![
                Diagnostic::whole_file(name, "the file is empty")
                    .note(
                        "hint: a debate needs at least `version: 1`, a `title` and `positions`; `debate-tui help format` shows the layout",
                    )
                    .with_code(Code::EmptyFile),
            ],
        });
    }
    match import::detect_named(name, text) {
        Some(format) => import::load(format, name, text, files, progress)
            .map_err(|e| e.or_code(Code::ImportFailed)),
        None => load::load_yaml(name, text, files, progress),
    }
}
