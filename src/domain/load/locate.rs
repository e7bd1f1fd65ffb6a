//! Where is `claims[3].rebuts[1]` in the file? Only asked when a file has problems, so
//! the fast path of loading never pays for positions. [`place`] turns the problems
//! found at such paths into diagnostics at lines.

use std::collections::{HashMap, HashSet};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::domain::load::diag::Diagnostic;
use crate::domain::load::validate::Problem;

/// A 1-based line and column.
pub type Place = (usize, usize);

/// Finds the places of the wanted paths. A path names a node (`claims[3].text`) or,
/// with the suffix `@key`, the key of a mapping entry (`claims[3].rebutts@key`).
pub fn locate(text: &str, wanted: &HashSet<String>) -> HashMap<String, Place> {
    let mut walker = Walker {
        wanted,
        found: HashMap::new(),
        stack: Vec::new(),
        root_done: false,
    };
    let mut parser = Parser::new_from_str(text);
    // A syntax error ends the walk; the places found before it still count.
    let _ = parser.load(&mut walker, false);
    walker.found
}

/// The line where the node at `path` starts (a mapping: its first key), if the file
/// has it.
pub fn line_of(text: &str, path: &str) -> Option<usize> {
    let wanted = HashSet::from([path.to_string()]);
    locate(text, &wanted).get(path).map(|&(line, _)| line)
}

/// Turns problems at paths into diagnostics at lines, in file order.
pub fn place(name: &str, text: &str, problems: Vec<Problem>) -> Vec<Diagnostic> {
    let wanted: HashSet<String> = problems
        .iter()
        .flat_map(|p| {
            // Fall back to the enclosing item when the exact node is missing.
            let mut v = vec![p.path.clone()];
            let mut s = p.path.trim_end_matches("@key").to_string();
            while let Some(i) = s.rfind(['.', '[']) {
                s.truncate(i);
                v.push(s.clone());
            }
            v
        })
        .collect();
    let places = locate(text, &wanted);
    let find = |path: &str| -> (usize, usize) {
        if let Some(&p) = places.get(path) {
            return p;
        }
        let mut s = path.trim_end_matches("@key").to_string();
        while let Some(i) = s.rfind(['.', '[']) {
            s.truncate(i);
            if let Some(&p) = places.get(&s) {
                return p;
            }
        }
        (1, 1)
    };
    let mut out: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| {
            let (line, col) = find(&p.path);
            let mut d = Diagnostic::new(name, line, col, p.message).with_code(p.code);
            d.notes = p.notes;
            d
        })
        .collect();
    out.sort_by_key(|d| (d.line, d.col));
    out
}

enum Frame {
    Seq {
        path: String,
        next: usize,
    },
    Map {
        path: String,
        key: Option<String>,
        /// A block mapping's own mark is the `:` of its first key, so the mapping is
        /// placed at that key instead; this holds its start until then.
        unplaced: Option<Marker>,
    },
}

struct Walker<'a> {
    wanted: &'a HashSet<String>,
    found: HashMap<String, Place>,
    stack: Vec<Frame>,
    root_done: bool,
}

impl Walker<'_> {
    fn record(&mut self, path: &str, mark: Marker) {
        if self.wanted.contains(path) && !self.found.contains_key(path) {
            self.found
                .insert(path.to_string(), (mark.line(), mark.col() + 1));
        }
    }

    /// The path of the node starting now, or `None` when the event is a mapping key.
    fn enter(&mut self, mark: Marker, key_text: Option<&str>) -> Option<String> {
        self.enter_with(mark, key_text, true)
    }

    fn enter_with(
        &mut self,
        mark: Marker,
        key_text: Option<&str>,
        record_node: bool,
    ) -> Option<String> {
        if let Some(Frame::Map {
            path,
            key: None,
            unplaced,
        }) = self.stack.last_mut()
            && unplaced.take().is_some()
        {
            let at = path.clone();
            self.record(&at, mark);
        }
        let path = match self.stack.last_mut() {
            None => {
                if self.root_done {
                    return Some(String::from("#extra"));
                }
                self.root_done = true;
                String::new()
            }
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                p
            }
            Some(Frame::Map { path, key, .. }) => match key.take() {
                Some(k) => join(path, &k),
                None => {
                    // This node is a key: remember it and place `@key` paths.
                    let k = key_text.unwrap_or("").to_string();
                    let at = format!("{}@key", join(path, &k));
                    if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                        *key = Some(k);
                    }
                    self.record(&at, mark);
                    return None;
                }
            },
        };
        if record_node {
            self.record(&path, mark);
        }
        Some(path)
    }

    fn enter_unplaced(&mut self, mark: Marker) -> String {
        self.enter_with(mark, None, false)
            .unwrap_or_else(|| "#key".into())
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl MarkedEventReceiver for Walker<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(ref s, ..) => {
                self.enter(mark, Some(s));
            }
            Event::Alias(_) => {
                self.enter(mark, Some(""));
            }
            Event::SequenceStart(..) => {
                // A collection used as a key has no useful path; its contents are skipped.
                let path = self.enter(mark, None).unwrap_or_else(|| "#key".into());
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingStart(..) => {
                let path = self.enter_unplaced(mark);
                self.stack.push(Frame::Map {
                    path,
                    key: None,
                    unplaced: Some(mark),
                });
            }
            Event::MappingEnd => {
                if let Some(Frame::Map {
                    path,
                    unplaced: Some(start),
                    ..
                }) = self.stack.pop()
                {
                    self.record(&path, start);
                }
            }
            Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str, paths: &[&str]) -> HashMap<String, Place> {
        let wanted = paths.iter().map(|s| s.to_string()).collect();
        locate(text, &wanted)
    }

    #[test]
    fn finds_block_and_flow_items() {
        let t = "version: 1\nclaims:\n  - id: a\n    rebuts: [x, y]\n  - id: b\n    rebutts:\n      - z\n";
        let p = places(
            t,
            &[
                "version",
                "claims[0]",
                "claims[0].rebuts[1]",
                "claims[1].rebutts@key",
                "claims[1].rebutts[0]",
            ],
        );
        assert_eq!(p["version"], (1, 10));
        assert_eq!(p["claims[0]"].0, 3);
        assert_eq!(p["claims[0].rebuts[1]"], (4, 17));
        assert_eq!(p["claims[1].rebutts@key"], (6, 5));
        assert_eq!(p["claims[1].rebutts[0]"], (7, 9));
    }

    #[test]
    fn survives_a_syntax_error_and_crlf() {
        let t = "a: 1\r\nb: [\r\n";
        let p = places(t, &["a", "b"]);
        assert_eq!(p["a"], (1, 4));
    }
}
