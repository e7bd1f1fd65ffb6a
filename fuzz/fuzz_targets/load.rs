//! The loader on arbitrary bytes: it must return a debate or an error, never panic,
//! hang or blow up; and nothing it returns may carry a control character to a terminal
//! or a file. The built-in article is available as a source file, so quotes that name
//! it are verified against real text. Bytes that look like a Kialo or AIF file reach
//! the importers through the same door.

#![no_main]

mod checks;

use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{builtin, load_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = format!("{}.yaml", checks::HOSTILE_NAME);
    let loaded = load_bytes(&name, data, &EmbeddedFiles(builtin::FILES));
    checks::check(&loaded.map(|l| l.debate));
});
