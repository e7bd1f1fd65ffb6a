//! The whole debate as JSON: format v1 field for field, the schema of the YAML file, for
//! scripts and `jq`. A JSON document is also YAML, so the file loads back as it is.
//!
//! Text from the debate is untrusted: every character that could act on a terminal or
//! hide in an editor is written as a `\u` escape, so the file is safe to print and
//! still holds exactly the debate's text.

use crate::domain::graph::model::{Debate, NodeId, Quote, Relation};
use crate::domain::load::raw::{RawClaim, RawDebate, RawLint, RawPosition, RawQuote, RawSource};
use crate::domain::text::{is_lone_selector, is_unsafe};

/// The debate in the raw structs of format v1, as a file would write it, with the
/// file's `lint` settings (which the loaded file keeps beside the debate). Every field
/// is named, so that a field added to the format cannot be left out of the exports
/// without the compiler saying so.
pub fn raw(d: &Debate, lint: Option<&RawLint>) -> RawDebate {
    let source_id = |s: u32| {
        d.sources
            .get(s as usize)
            .map_or_else(String::new, |s| s.id.clone())
    };
    let quote = |q: &Quote| RawQuote {
        source: source_id(q.source),
        text: q.text.clone(),
        speaker: q.speaker.clone(),
        translation: q.translation.clone(),
        act: q.act.clone(),
    };
    let targets = |i: usize, relation: Relation| -> Vec<String> {
        d.outgoing(NodeId::Claim(i as u32))
            .filter(|l| l.relation == relation)
            .map(|l| d.id_of(l.to).to_string())
            .collect()
    };
    RawDebate {
        version: 1,
        title: d.title.clone(),
        description: d.description.clone(),
        sources: d
            .sources
            .iter()
            .map(|s| RawSource {
                id: s.id.clone(),
                title: s.title.clone(),
                author: s.author.clone(),
                date: s.date.clone(),
                url: s.url.clone(),
                language: s.language.clone(),
                file: s.file.clone(),
                excerpt: s.excerpt.clone(),
            })
            .collect(),
        positions: d
            .positions
            .iter()
            .map(|p| RawPosition {
                id: p.id.clone(),
                title: p.title.clone(),
                summary: p.summary.clone(),
                quotes: p.quotes.iter().map(quote).collect(),
                cites: p.cites.iter().map(|&s| source_id(s)).collect(),
            })
            .collect(),
        claims: d
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| RawClaim {
                id: c.id.clone(),
                position: d
                    .positions
                    .get(c.position as usize)
                    .map_or_else(String::new, |p| p.id.clone()),
                text: c.text.clone(),
                quotes: c.quotes.iter().map(quote).collect(),
                supports: targets(i, Relation::Supports),
                rebuts: targets(i, Relation::Rebuts),
                tags: c.tags.clone(),
                cites: c.cites.iter().map(|&s| source_id(s)).collect(),
                expect: c.expect.map(|l| l.name().to_string()),
            })
            .collect(),
        lint: lint.filter(|l| **l != RawLint::default()).cloned(),
    }
}

/// The debate as format v1 JSON, indented, with a final line break.
pub fn json(d: &Debate, lint: Option<&RawLint>) -> String {
    let text = serde_json::to_string_pretty(&raw(d, lint))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    let mut out = escape_unsafe(text);
    out.push('\n');
    out
}

/// JSON text with each character that the visibility filter would replace written as
/// a `\u` escape (two, a surrogate pair, above U+FFFF). Such characters only stand
/// inside strings, since JSON's own syntax is ASCII; the line breaks of the layout are
/// kept, those inside strings are escaped already.
pub(crate) fn escape_unsafe(text: String) -> String {
    // Every such character is a control (serde_json escapes all but DEL) or not ASCII.
    if text.bytes().all(|b| b < 0x7f) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut prev = None;
    for c in text.chars() {
        if c != '\n' && (is_unsafe(c) || is_lone_selector(prev, c)) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::visible_multiline;

    #[test]
    fn the_file_s_lint_settings_are_kept_and_the_default_left_out() {
        let d = crate::domain::builtin::load().unwrap().debate;
        let allow = RawLint {
            allow: vec!["unlinked-claim".into()],
        };
        assert_eq!(raw(&d, Some(&allow)).lint, Some(allow.clone()));
        assert_eq!(raw(&d, Some(&RawLint::default())).lint, None);
        assert!(
            json(&d, Some(&allow))
                .contains("\"lint\": {\n    \"allow\": [\n      \"unlinked-claim\"")
        );
    }

    #[test]
    fn unsafe_characters_become_escapes_that_read_back_the_same() {
        let s = "a\u{202E}b\u{1b}[2J \u{E0041} \u{FE0F} x\u{7f}";
        let text = serde_json::to_string(&s).unwrap();
        let out = escape_unsafe(text);
        assert_eq!(visible_multiline(&out), out, "nothing left to filter");
        assert!(
            out.contains("\\u202e") && out.contains("\\udb40\\udc41"),
            "{out}"
        );
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, s);
        assert_eq!(escape_unsafe("{\n  \"a\": 1\n}".into()), "{\n  \"a\": 1\n}");
    }
}
