//! The source reader on arbitrary names, in a debate's folder beset by traps (links and
//! `..` out of it, a sibling folder whose name starts like its own, a pipe, links into
//! /proc): unless allowed to read outside the folder it must return only the folder's
//! own text, allowed or not never the text of a file of the running system (/proc, /sys,
//! /dev), and it must never block. An odd first byte allows reading outside; the rest is
//! the name.

#![no_main]

#[path = "../../tests/support/traps.rs"]
mod traps;

use std::path::PathBuf;
use std::sync::OnceLock;

use debate_tui::domain::sources::SourceReader;
use libfuzzer_sys::fuzz_target;

/// The traps, laid once per process in a folder of its own under the temporary folder.
fn debate() -> &'static PathBuf {
    static DEBATE: OnceLock<PathBuf> = OnceLock::new();
    DEBATE.get_or_init(|| {
        let root =
            std::env::temp_dir().join(format!("debate-tui-fuzz-sources-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        traps::plant(&root).expect("the traps are laid")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, name)) = data.split_first() else {
        return;
    };
    let Ok(name) = std::str::from_utf8(name) else {
        return;
    };
    let allow_outside = first & 1 == 1;
    let read = SourceReader::new(debate(), allow_outside).read(name);
    if let Err(why) = traps::judge(debate(), name, &read, allow_outside) {
        panic!("{name:?} (allowed outside: {allow_outside}): {why}");
    }
});
