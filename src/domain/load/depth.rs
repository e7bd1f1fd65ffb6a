//! The depth guard: a file nesting deeper than any debate can is refused before
//! serde_yaml, whose parser slows down with the square of the depth, reads it.

use crate::domain::load::diag::{Diagnostic, LoadError};

const DEEP_HINT: &str =
    "hint: a debate file needs six levels of nesting at most; this looks like a damaged file";

/// How deep a debate file may nest. Format v1 needs six levels; anything past this is
/// invalid wherever it stands, so it is refused before serde_yaml, whose parser slows
/// down with the square of the depth, sees it.
const MAX_DEPTH: usize = 32;

/// Finds files nesting deeper than [`MAX_DEPTH`]. A byte scan of brackets finds the
/// suspects cheaply (block nesting is cheap for serde_yaml); yaml-rust2, which is
/// linear here, measures the real depth.
pub fn too_deep(name: &str, text: &str) -> Result<(), LoadError> {
    // Fewer opening brackets than the limit cannot nest past it: most files, at
    // memchr's speed.
    if memchr::memchr2_iter(b'[', b'{', text.as_bytes())
        .take(MAX_DEPTH + 1)
        .count()
        <= MAX_DEPTH
    {
        return Ok(());
    }
    let mut depth = 0usize;
    let suspect = text.bytes().any(|b| {
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth > MAX_DEPTH
    });
    if !suspect {
        return Ok(());
    }
    #[derive(Default)]
    struct Depth {
        now: usize,
        first_too_deep: Option<yaml_rust2::scanner::Marker>,
    }
    impl yaml_rust2::parser::MarkedEventReceiver for Depth {
        fn on_event(&mut self, ev: yaml_rust2::Event, mark: yaml_rust2::scanner::Marker) {
            use yaml_rust2::Event as E;
            match ev {
                E::SequenceStart(..) | E::MappingStart(..) => {
                    self.now += 1;
                    if self.now > MAX_DEPTH && self.first_too_deep.is_none() {
                        self.first_too_deep = Some(mark);
                    }
                }
                E::SequenceEnd | E::MappingEnd => self.now = self.now.saturating_sub(1),
                _ => {}
            }
        }
    }
    let mut d = Depth::default();
    let parsed = yaml_rust2::parser::Parser::new_from_str(text).load(&mut d, false);
    let at = match (d.first_too_deep, parsed) {
        (Some(m), _) => m,
        (None, Err(e)) if e.info().contains("recursion limit") => *e.marker(),
        _ => return Ok(()),
    };
    Err(LoadError::Invalid {
        file: name.to_string(),
        problems: vec![
            Diagnostic::new(name, at.line(), at.col() + 1, "the file nests too deeply")
                .note(DEEP_HINT),
        ],
    })
}
