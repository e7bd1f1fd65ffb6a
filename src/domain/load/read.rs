//! Reading files: a debate file's bytes from disk within a size cap, UTF-8 decoding
//! that says where the first bad byte is, and the source files a debate quotes, from
//! disk or from the binary. Every format reads its file through here.

use std::io::ErrorKind;
use std::path::Path;
use std::sync::Arc;

use crate::domain::load::diag::{Diagnostic, LoadError};
use crate::domain::load::progress::{Phase, Progress};
use crate::domain::load::validate::SourceFiles;
use crate::domain::text::line_col;

/// The largest debate file read: 1 GiB. The generator's debate of a million claims
/// (`debate-tui generate --claims 1000000`, with translations and a few long quotes
/// like a real debate) is 549 MB, and opens; a debate twice that size would take
/// several GB of memory to explore, and a file larger than this is far more likely a
/// mistake (the wrong file, a runaway export) than a debate. Source files have their
/// own cap ([`MAX_SOURCE_FILE_BYTES`]).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// The largest source file read (a debate quotes passages of it; no real article or
/// transcript comes near).
pub const MAX_SOURCE_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Files embedded in the binary, by relative path.
pub struct EmbeddedFiles(pub &'static [(&'static str, &'static str)]);

impl SourceFiles for EmbeddedFiles {
    fn read(&self, relative: &str) -> Result<Arc<str>, String> {
        self.0
            .iter()
            .find(|(p, _)| *p == relative)
            .map(|(_, t)| Arc::from(*t))
            .ok_or_else(|| "no such embedded file".to_string())
    }
}

/// Reads the file at `path`, called `name` in messages, telling `progress` as it goes.
/// A file that cannot be read is a [`LoadError::Io`] with `hint` as its note (but for
/// one too large, which the message says all about).
pub fn file(
    name: &str,
    path: &Path,
    progress: &Progress,
    hint: &str,
) -> Result<Vec<u8>, LoadError> {
    read_capped(path, progress).map_err(|e| {
        let d = Diagnostic::whole_file(name, format!("cannot read the file: {e}"));
        LoadError::Io(if e.kind() == ErrorKind::FileTooLarge {
            d
        } else {
            d.note(hint)
        })
    })
}

/// The text of the file called `name`, whose bytes are `bytes`. A file that is not
/// UTF-8 is a [`LoadError::Invalid`] at its first bad byte, with `hint` as its note.
pub fn text<'a>(name: &str, bytes: &'a [u8], hint: &str) -> Result<&'a str, LoadError> {
    utf8(bytes).map_err(|at| LoadError::Invalid {
        file: name.to_string(),
        problems: vec![
            Diagnostic::new(name, at.line, at.col, "the file is not UTF-8 text").note(hint),
        ],
    })
}

/// Where the first byte that is not UTF-8 stands: 1-based, the column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    pub line: usize,
    pub col: usize,
}

/// `bytes` as text, or the place of the first byte that is not UTF-8.
pub fn utf8(bytes: &[u8]) -> Result<&str, NotUtf8> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
        let (line, col) = line_col(&good, usize::MAX);
        NotUtf8 { line, col }
    })
}

/// `text` without the byte order mark some editors write at the start.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// Reads a file of at most [`MAX_FILE_BYTES`], telling `progress` as it goes.
fn read_capped(path: &Path, progress: &Progress) -> std::io::Result<Vec<u8>> {
    read_at_most(path, MAX_FILE_BYTES, progress)
}

/// Reads a file of at most `cap` bytes, telling `progress` as it goes. A file that says it is larger is refused before
/// any of it is read; one whose size says nothing (a pipe, a file of `/proc`, which say
/// 0) is read up to the cap and refused past it.
fn read_at_most(path: &Path, cap: u64, progress: &Progress) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::other("it is a directory"));
    }
    if meta.len() > cap {
        return Err(too_large(cap));
    }
    let expected = meta.len() as usize;
    progress.start(Phase::Reading, expected);
    let mut bytes = Vec::with_capacity(expected);
    let mut limited = file.take(cap + 1);
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = match limited.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        bytes.extend_from_slice(&chunk[..n]);
        progress.advance(n);
    }
    if bytes.len() as u64 > cap {
        return Err(too_large(cap));
    }
    Ok(bytes)
}

fn too_large(cap: u64) -> std::io::Error {
    let size = if cap >= 1 << 30 && cap.is_multiple_of(1 << 30) {
        format!("{} GiB", cap >> 30)
    } else if cap >= 1 << 20 {
        format!("{} MiB", cap >> 20)
    } else {
        format!("{cap} bytes")
    };
    std::io::Error::new(ErrorKind::FileTooLarge, format!("it is larger than {size}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_whose_size_says_nothing_is_capped_while_read() {
        // Files of /proc say they hold 0 bytes, and hold more.
        let status = Path::new("/proc/self/status");
        let all = read_at_most(status, 1 << 20, &Progress::default()).unwrap();
        assert!(all.len() > 100);
        let e = read_at_most(status, 100, &Progress::default()).unwrap_err();
        assert_eq!(e.to_string(), "it is larger than 100 bytes");
    }

    #[test]
    fn a_file_larger_than_the_cap_is_refused_from_its_size_unread() {
        let dir = tempfile::tempdir().unwrap();
        let huge = dir.path().join("huge.yaml");
        // Sparse: it takes no room on disk.
        let f = std::fs::File::create(&huge).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        let progress = Progress::default();
        let e = read_capped(&huge, &progress).unwrap_err();
        assert_eq!(e.to_string(), "it is larger than 1 GiB");
        // Refused before reading began (which announces the size to read).
        assert_eq!(progress.snapshot().total, 0, "nothing was read");
        drop(f);
        assert_eq!(
            too_large(512 << 20).to_string(),
            "it is larger than 512 MiB"
        );
    }

    #[test]
    fn the_first_bad_byte_is_placed_in_characters() {
        assert_eq!(utf8(b"ab\n\xc3\xa9x"), Ok("ab\n\u{e9}x"));
        assert_eq!(utf8(b"ab\n\xc3\xa9x\xff"), Err(NotUtf8 { line: 2, col: 3 }));
        assert_eq!(utf8(b"\xff"), Err(NotUtf8 { line: 1, col: 1 }));
        assert_eq!(strip_bom("\u{FEFF}a"), "a");
    }
}
