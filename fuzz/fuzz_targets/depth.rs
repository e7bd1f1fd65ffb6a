//! The depth guard on arbitrary text, against libyaml, the parser serde_yaml reads
//! with: the guard never panics, and it finds a text nested past a limit whenever
//! libyaml's events go past it before libyaml stops (so nothing deeper ever reaches
//! serde_yaml), and only then when libyaml reads the whole text without an error. Small
//! limits (1 to 6 levels) let short inputs reach them; the real one is checked too.

#![no_main]

use std::mem::MaybeUninit;

use debate_tui::domain::load::depth::{MAX_DEPTH, first_deeper_than};
use libfuzzer_sys::fuzz_target;
use unsafe_libyaml as y;

/// The deepest nesting of libyaml's events before it stops, and whether it stopped at
/// an error rather than at the end of the text.
fn libyaml_depth(text: &str) -> (usize, bool) {
    // SAFETY: the parser is initialised before use and deleted once; every event it
    // gives is deleted; the input outlives the parser.
    unsafe {
        let mut parser = MaybeUninit::<y::yaml_parser_t>::uninit();
        assert!(y::yaml_parser_initialize(parser.as_mut_ptr()).ok);
        let p = parser.as_mut_ptr();
        y::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as u64);
        let (mut depth, mut deepest, mut error) = (0usize, 0usize, false);
        loop {
            let mut event = MaybeUninit::<y::yaml_event_t>::uninit();
            if y::yaml_parser_parse(p, event.as_mut_ptr()).fail {
                error = true;
                break;
            }
            let event = event.as_mut_ptr();
            let kind = (*event).type_;
            y::yaml_event_delete(event);
            match kind {
                y::YAML_SEQUENCE_START_EVENT | y::YAML_MAPPING_START_EVENT => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                y::YAML_SEQUENCE_END_EVENT | y::YAML_MAPPING_END_EVENT => depth -= 1,
                y::YAML_STREAM_END_EVENT => break,
                _ => {}
            }
        }
        y::yaml_parser_delete(p);
        (deepest, error)
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (deepest, error) = libyaml_depth(text);
    for limit in [1, 2, 3, 4, 6, MAX_DEPTH] {
        let found = first_deeper_than(text, limit).is_some();
        if deepest > limit {
            assert!(
                found,
                "libyaml nests {deepest} deep, the guard saw no more than {limit}"
            );
        } else if !error {
            assert!(
                !found,
                "libyaml nests {deepest} deep, the guard saw more than {limit}"
            );
        }
    }
});
