//! Opening a debate file in any format debate-tui reads: its bytes read and decoded
//! ([`load::read`]), its format told by content ([`import::detect_named`]), then loaded as
//! format v1 YAML ([`load::load_yaml`]) or imported ([`import::load`]).
//!
//! This stands above both `load` and `import`, which never call up into it.

use std::path::{Path, PathBuf};

use crate::domain::import;
use crate::domain::load::diag::{Diagnostic, LoadError};
use crate::domain::load::progress::Progress;
use crate::domain::load::read;
use crate::domain::load::validate::SourceFiles;
use crate::domain::load::{self, Loaded};
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
    let name = path.display().to_string();
    let bytes = read::file(
        &name,
        path,
        progress,
        "hint: check the path, or run `debate-tui` with no file for the built-in debate",
    )?;
    let base = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    load_bytes_with(
        &name,
        &bytes,
        &SourceReader::new(base, allow_outside),
        progress,
    )
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
    let text = read::strip_bom(read::text(name, bytes, "hint: save the file as UTF-8")?);
    if text.trim().is_empty() {
        return Err(LoadError::Invalid {
            file: name.to_string(),
            problems: vec![Diagnostic::whole_file(name, "the file is empty").note(
                "hint: a debate needs at least `version: 1`, a `title` and `positions`; see docs/format.md",
            )],
        });
    }
    match import::detect_named(name, text) {
        Some(format) => import::load(format, name, text, files, progress),
        None => load::load_yaml(name, text, files, progress),
    }
}
