//! What the explorer remembers of a debate between two runs: the path, the selection
//! and the folds, each as ids. Never a word of the debate's text is kept, so a state
//! file tells nothing of what was read but which claims.
//!
//! The file is JSON, versioned, and names the debate it is for by a key
//! ([`key_of`]): a hash of the debate file's canonical path, or `built-in` for the
//! debate shipped in the binary.
//!
//! ```json
//! {
//!   "format": "debate-tui state",
//!   "version": 1,
//!   "debate": "9c3e1f0a2b4d6e8f",
//!   "path": ["will-release-openly", "no-kill-switch"],
//!   "exported": false,
//!   "selected": "no-kill-switch",
//!   "unfolded": []
//! }
//! ```
//!
//! A file that is not JSON, not of this format, of a newer version or for another
//! debate is refused with the reason, and ids the debate no longer has are left out:
//! a state file is a convenience, never a reason not to open a debate.

use serde::{Deserialize, Serialize};

use crate::domain::graph::model::{Debate, NodeId};

/// What the `format` field says.
pub const FORMAT: &str = "debate-tui state";
/// The version written, and the newest read.
pub const VERSION: u32 = 1;
/// The key of the built-in debate.
pub const BUILT_IN: &str = "built-in";

/// What is remembered of one debate.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Session {
    /// The path's steps, by id, in order.
    #[serde(default)]
    pub path: Vec<String>,
    /// Whether this path was exported as it is.
    #[serde(default)]
    pub exported: bool,
    /// The claim or position selected.
    #[serde(default)]
    pub selected: Option<String>,
    /// The claims and positions unfolded in the Claims pane (it opens folded).
    #[serde(default)]
    pub unfolded: Vec<String>,
}

/// A state file as written: the session, with what says whose it is.
#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    debate: String,
    #[serde(flatten)]
    session: Session,
}

/// The key of a debate: `built-in`, or a hash of its file's canonical path (as bytes),
/// so that the same file is known again however it was named on the command line.
pub fn key_of(canonical: Option<&[u8]>) -> String {
    match canonical {
        None => String::from(BUILT_IN),
        Some(bytes) => format!("{:016x}", fnv1a(bytes)),
    }
}

/// FNV-1a, 64 bits: the same on every platform and in every version, unlike std's
/// hasher, so a key found once is found again.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Session {
    /// The session as the file for the debate of `key` holds it.
    pub fn to_json(&self, key: &str) -> String {
        let file = File {
            format: FORMAT.to_string(),
            version: VERSION,
            debate: key.to_string(),
            session: self.clone(),
        };
        let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
        out.push('\n');
        out
    }

    /// The session a file holds for the debate of `key`; why not, in words, when the
    /// file is damaged, of another kind, newer, or for another debate.
    pub fn from_json(key: &str, text: &str) -> Result<Session, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("the state file is damaged ({e})"))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(String::from("the state file is not one of debate-tui's"));
        }
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) if v > u64::from(VERSION) => {
                return Err(format!(
                    "the state file was written by a newer debate-tui (version {v})"
                ));
            }
            _ => return Err(String::from("the state file has no version this reads")),
        }
        let file: File = serde_json::from_value(value)
            .map_err(|e| format!("the state file is damaged ({e})"))?;
        if file.debate != key {
            return Err(String::from("the state file is for another debate"));
        }
        Ok(file.session)
    }

    /// The session of a debate explored: `path` and `selected` as ids.
    pub fn of(
        d: &Debate,
        path: &[NodeId],
        exported: bool,
        selected: Option<NodeId>,
        unfolded: &[NodeId],
    ) -> Session {
        let id = |n: &NodeId| d.id_of(*n).to_string();
        Session {
            path: path.iter().map(id).collect(),
            exported,
            selected: selected.as_ref().map(id),
            unfolded: unfolded.iter().map(id).collect(),
        }
    }

    /// The session's ids found in `d`; those it no longer has are counted, not kept.
    pub fn resolve(&self, d: &Debate) -> Resolved {
        let mut missing = 0;
        let mut find = |id: &String| {
            let n = d.lookup(id);
            missing += usize::from(n.is_none());
            n
        };
        let path = self.path.iter().filter_map(&mut find).collect();
        let selected = self.selected.as_ref().and_then(&mut find);
        let unfolded = self.unfolded.iter().filter_map(&mut find).collect();
        Resolved {
            path,
            selected,
            unfolded,
            missing,
        }
    }
}

/// A session's ids, found in a debate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub path: Vec<NodeId>,
    pub selected: Option<NodeId>,
    pub unfolded: Vec<NodeId>,
    /// How many ids the debate no longer has.
    pub missing: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::builtin;

    #[test]
    fn a_session_round_trips_with_ids_only() {
        let d = builtin::load().unwrap().debate;
        let path = [NodeId::Claim(0), NodeId::Claim(3), NodeId::Position(1)];
        let s = Session::of(&d, &path, true, Some(NodeId::Claim(3)), &[]);
        let json = s.to_json(BUILT_IN);
        assert!(json.contains("\"format\": \"debate-tui state\""), "{json}");
        // Ids, never the texts they stand for.
        for &n in &path {
            assert!(json.contains(d.id_of(n)));
            assert!(!json.contains(d.text_of(n)), "{json}");
        }
        let back = Session::from_json(BUILT_IN, &json).unwrap();
        assert_eq!(back, s);
        let r = back.resolve(&d);
        assert_eq!(r.path, path);
        assert_eq!(r.selected, Some(NodeId::Claim(3)));
        assert_eq!(r.missing, 0);
    }

    #[test]
    fn damaged_foreign_newer_and_misplaced_files_are_refused_with_the_reason() {
        let s = Session::default().to_json("abc");
        let refused = |text: &str| Session::from_json("abc", text).unwrap_err();
        assert!(refused("{\"path\": [").contains("damaged"));
        assert!(refused("").contains("damaged"));
        assert!(refused("[1, 2]").contains("not one of debate-tui's"));
        assert!(refused("{\"format\": \"other\", \"version\": 1}").contains("not one of"));
        let newer = s.replace("\"version\": 1", "\"version\": 7");
        assert!(refused(&newer).contains("newer debate-tui (version 7)"));
        let no_version = s.replace("\"version\": 1,", "");
        assert!(refused(&no_version).contains("no version"));
        let wrong_shape = s.replace("\"path\": []", "\"path\": 3");
        assert!(refused(&wrong_shape).contains("damaged"), "{wrong_shape}");
        assert!(
            Session::from_json("xyz", &s)
                .unwrap_err()
                .contains("another debate")
        );
        // Fields it does not know (from a later version of the same format) are left
        // alone; fields it knows may be missing.
        let more = s.replace("\"exported\"", "\"zoom\": 3, \"exported\"");
        assert_eq!(Session::from_json("abc", &more), Ok(Session::default()));
        let fewer = "{\"format\": \"debate-tui state\", \"version\": 1, \"debate\": \"abc\"}";
        assert_eq!(Session::from_json("abc", fewer), Ok(Session::default()));
    }

    #[test]
    fn ids_the_debate_no_longer_has_are_left_out_and_counted() {
        let d = builtin::load().unwrap().debate;
        let s = Session {
            path: vec![
                d.claims[0].id.clone(),
                "gone".into(),
                d.claims[2].id.clone(),
            ],
            exported: false,
            selected: Some("also-gone".into()),
            unfolded: vec!["gone-too".into()],
        };
        let r = s.resolve(&d);
        assert_eq!(r.path, [NodeId::Claim(0), NodeId::Claim(2)]);
        assert_eq!(r.selected, None);
        assert!(r.unfolded.is_empty());
        assert_eq!(r.missing, 3);
    }

    #[test]
    fn keys_are_stable_and_tell_files_apart() {
        assert_eq!(key_of(None), "built-in");
        let a = key_of(Some(b"/home/a/debate.yaml"));
        assert_eq!(a.len(), 16);
        assert_eq!(a, key_of(Some(b"/home/a/debate.yaml")));
        assert_ne!(a, key_of(Some(b"/home/b/debate.yaml")));
        // FNV-1a's published value for the empty input: the key does not depend on
        // the platform or the compiler.
        assert_eq!(key_of(Some(b"")), "cbf29ce484222325");
    }
}
