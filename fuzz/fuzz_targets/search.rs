//! Search on arbitrary input over the built-in debate: the query parser, folding,
//! ranking, the matched characters and the excerpts drawn from them.

#![no_main]

use std::sync::OnceLock;

use debate_tui::domain::search::{Index, text_of};
use debate_tui::domain::text::{excerpt, is_unsafe};
use debate_tui::domain::{Debate, builtin};
use libfuzzer_sys::fuzz_target;

fn debate() -> &'static (Debate, Index) {
    static D: OnceLock<(Debate, Index)> = OnceLock::new();
    D.get_or_init(|| {
        let d = builtin::load().expect("the built-in debate loads").debate;
        let index = Index::new(&d);
        (d, index)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (d, index) = debate();
    let hits = index.search(input);
    for hit in hits.iter().take(8) {
        let marks = index.matched_chars(hit, input);
        assert!(marks.windows(2).all(|w| w[0] <= w[1]), "marks are sorted");
        let text = text_of(d, hit.target, hit.field).unwrap_or("");
        for width in [0, 1, 7, 40] {
            let (line, shown) = excerpt(text, &marks, width);
            assert!(!line.chars().any(is_unsafe));
            assert!(shown.iter().all(|&m| m < line.chars().count()));
        }
    }
});
