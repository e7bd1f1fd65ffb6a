//! Writing an export for the app: the one place the explorer writes a file.

use std::path::Path;

use crate::app::Exported;
use crate::domain::save::{SaveError, write_atomic};

/// Carries out [`crate::app::Effect::Export`]: writes `document` to `file` atomically,
/// replacing an existing file only if `replace`, and tells how it went.
pub fn write(file: &Path, document: &str, replace: bool) -> Exported {
    match write_atomic(file, document.as_bytes(), replace) {
        Ok(()) => {
            Exported::Written(std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()))
        }
        Err(SaveError::Exists(_)) => Exported::Exists,
        Err(e) => Exported::Failed(e.to_string()),
    }
}
