//! An Argdown document from arbitrary text, straight into its importer, then every rule
//! of format v1: an error or a debate, never a panic or a hang, and nothing printed or
//! exported that acts on a terminal. A debate read is exported as Argdown again, and
//! that export reads back without a warning.

#![no_main]

mod checks;

use debate_tui::domain::export;
use debate_tui::domain::import::{self, Format};
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::load::progress::Progress;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let name = format!("{}.argdown", checks::HOSTILE_NAME);
    let loaded = import::import(Format::Argdown, &name, text)
        .and_then(|c| import::check(&name, c.raw, &EmbeddedFiles(&[]), &Progress::default()));
    if let Ok(l) = &loaded {
        let again = export::argdown::argdown(&l.debate);
        let back = import::import(Format::Argdown, &name, &again).expect("the export imports");
        assert!(back.left_out.is_empty(), "{:?}", back.left_out);
    }
    checks::check(&loaded.map(|l| l.debate));
});
