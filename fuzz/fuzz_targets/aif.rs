//! An AIF argument map (a bare nodeset or an OVA file) from arbitrary text, straight into its importer (whatever the
//! content looks like), then every rule of format v1: an error or a debate, never a
//! panic or a hang, and nothing printed or exported that acts on a terminal.

#![no_main]

mod checks;

use debate_tui::domain::import::{self, Format};
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::load::progress::Progress;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let name = format!("{}.json", checks::HOSTILE_NAME);
    let loaded = import::import(Format::Aif, &name, text)
        .and_then(|c| import::check(&name, c.raw, &EmbeddedFiles(&[]), &Progress::default()));
    checks::check(&loaded.map(|l| l.debate));
});
