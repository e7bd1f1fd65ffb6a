//! A path as a document: Markdown to share, cite or paste into notes, and Graphviz DOT
//! for a picture of the path or of the whole debate. The whole debate for other tools:
//! an AIF nodeset ([`aif`]), an Argdown map ([`argdown`]), format v1 as JSON ([`json`]).
//!
//! Text from the debate is untrusted. In Markdown every character that could start
//! markup is escaped, so `# heading`, `*stars*`, `<script>` or `[x](y)` come out as the
//! same visible text; in DOT, strings are quoted and escaped. Controls never reach the
//! output. The same path always gives the same bytes.

pub mod aif;
pub mod argdown;
pub mod json;

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;

use crate::domain::graph::model::{Debate, NodeId, Quote, Relation};
use crate::domain::graph::path::{Joint, joint};
use crate::domain::graph::status::{Status, describe, support};
use crate::domain::text::{fit, is_lone_selector, is_unsafe};

/// One line of untrusted text, made safe: whitespace runs (newlines and tabs included)
/// become one space, other controls and bidirectional overrides become `�`, and so
/// does a variation selector left with no character to vary.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut prev = None;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            prev = Some(' ');
            space = false;
        }
        let shown = if is_unsafe(c) || is_lone_selector(prev, c) {
            '\u{FFFD}'
        } else {
            c
        };
        out.push(shown);
        prev = Some(shown);
    }
    out
}

/// Untrusted text as Markdown that shows exactly that text: one line, every character
/// that could open markup backslash-escaped (CommonMark lets any ASCII punctuation be
/// escaped), and what would start a block at the start of a line made inert.
pub fn escape(s: &str) -> String {
    let text = clean(s);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let at_start = i == 0;
        let needs = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' => true,
            // A list item, a thematic break or a setext underline: only at a line's start.
            '-' | '+' | '=' => at_start,
            // An ordered list item: digits then `.` or `)` at a line's start.
            '.' | ')' => text[..i].bytes().all(|b| b.is_ascii_digit()) && i > 0,
            _ => false,
        };
        if needs {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The most columns of a step's heading: its statement, cut; the whole statement
/// follows it.
const HEADING: usize = 80;

/// Whether an id can stand in an HTML anchor as it is (a debate's ids can; an id
/// that cannot gets none rather than an anchor that breaks the document).
fn is_anchor(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A title fit for a file name: lower-case ASCII words joined by `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    if out.is_empty() {
        out.push_str("debate");
    }
    out
}

/// The file name offered for a path's export: derived from the debate's title.
pub fn default_file_name(d: &Debate) -> String {
    format!("{}-path.md", slug(&d.title))
}

/// `n` and `word`, in the plural unless `n` is 1.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The side of a node in words: the position's title and id.
fn side_words(d: &Debate, node: NodeId) -> String {
    let side = d.side_of(node);
    d.positions
        .get(side as usize)
        .map_or_else(String::new, |p| {
            format!("{} (`{}`)", escape(&p.title), p.id)
        })
}

/// The path as a Markdown document: a title, a section per step with its label under
/// `status` (and the claims a what-if sets aside, said at the top), the sources cited.
pub fn markdown(d: &Debate, status: &Status, path: &[NodeId]) -> String {
    let mut out = String::new();
    let title = escape(&d.title);
    let _ = writeln!(out, "# {title}: a path through the debate\n");
    let related = if path.len() > 1 {
        ", each related to the one before it"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "{} through the debate *{title}*{related}.\n",
        plural(path.len(), "step")
    );
    let aside = status.set_aside();
    if !aside.is_empty() {
        let ids: Vec<String> = aside.iter().map(|&n| format!("`{}`", d.id_of(n))).collect();
        let _ = writeln!(
            out,
            "The labels suppose that {} {}: set aside, whatever answers {}.\n",
            ids.join(", "),
            if aside.len() == 1 { "fails" } else { "fail" },
            if aside.len() == 1 { "it" } else { "them" },
        );
    }
    let mut cited = BTreeSet::new();
    let mut anchored = HashSet::new();
    for (i, &node) in path.iter().enumerate() {
        let n = i + 1;
        let kind = match node {
            NodeId::Claim(_) => "claim",
            NodeId::Position(_) => "position",
        };
        // Anchors first: the step's, `step.N` (no id holds a `.`), which the relations
        // below link to; and, the first time a node comes, its id, so that a link to a
        // claim by its id finds it. The heading is the statement, the id under it.
        let _ = write!(out, "<a id=\"step.{n}\"></a>");
        let id = d.id_of(node);
        if anchored.insert(node) && is_anchor(id) {
            let _ = write!(out, "<a id=\"{id}\"></a>");
        }
        let _ = writeln!(out, "\n");
        let _ = writeln!(out, "## {n}. {}\n", escape(&fit(d.text_of(node), HEADING)));
        let _ = writeln!(out, "- **Id**: `{id}`");
        match node {
            NodeId::Claim(_) => {
                let _ = writeln!(out, "- **Side**: {}", side_words(d, node));
            }
            NodeId::Position(_) => {
                let _ = writeln!(out, "- **Position**: one side of the debate");
            }
        }
        let j = joint(d, path, i);
        if j != Joint::Start {
            // "rebuts step 1", its step a link to that step's heading.
            let words = j.words(n);
            let prev = format!("step {}", n - 1);
            let words = match words.strip_suffix(&prev) {
                Some(head) => format!("{head}[{prev}](#step.{})", n - 1),
                None => words,
            };
            let _ = writeln!(out, "- **Relation**: {words}");
        }
        let mut label = describe(d, status, node);
        if let Some(s) = support(status, node) {
            let _ = write!(label, "; {s}");
        }
        let _ = writeln!(out, "- **Status**: {label}");
        out.push('\n');
        let _ = writeln!(out, "{}\n", escape(d.text_of(node)));
        if let NodeId::Position(p) = node
            && let Some(summary) = d.positions.get(p as usize).and_then(|p| p.summary.as_ref())
        {
            let _ = writeln!(out, "{}\n", escape(summary));
        }
        let quotes = d.quotes_of(node);
        let cites = d.cites_of(node);
        if quotes.is_empty() && cites.is_empty() {
            let _ = writeln!(out, "*No quote: this {kind} cites no source.*\n");
        }
        for q in quotes {
            cited.insert(q.source);
            quote(d, q, &mut out);
        }
        if !cites.is_empty() {
            let _ = writeln!(out, "Cites:\n");
            for &s in cites {
                cited.insert(s);
                citation(d, s, &mut out);
            }
            out.push('\n');
        }
    }
    if !cited.is_empty() {
        let _ = writeln!(out, "## Sources\n");
        for s in cited {
            let Some(src) = d.sources.get(s as usize) else {
                continue;
            };
            let mut line = format!("- *{}*", escape(&src.title));
            for part in [&src.author, &src.date].into_iter().flatten() {
                let _ = write!(line, ", {}", escape(part));
            }
            if let Some(url) = &src.url {
                let _ = write!(line, ", {}", link(url));
            }
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    // One newline at the end, none doubled.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A cited source as a list item: its title, its url, its excerpt.
fn citation(d: &Debate, s: u32, out: &mut String) {
    let Some(src) = d.sources.get(s as usize) else {
        return;
    };
    let mut line = format!("- *{}*", escape(&src.title));
    if let Some(url) = &src.url {
        let _ = write!(line, ", {}", link(url));
    }
    if let Some(excerpt) = &src.excerpt {
        let _ = write!(line, ": “{}”", escape(excerpt));
    }
    let _ = writeln!(out, "{line}");
}

/// A quote as a block quote: what the speaker does when there is a speech act ("Fiona
/// Bruce asks:"), the text, who said it where, the translation.
fn quote(d: &Debate, q: &Quote, out: &mut String) {
    if let Some(act) = &q.act {
        let says = match &q.speaker {
            Some(sp) => format!("{} {}", escape(sp), escape(act)),
            None => escape(act),
        };
        let _ = writeln!(out, "> {says}:\n>");
    }
    let _ = writeln!(out, "> {}", escape(&q.text));
    let source = d
        .sources
        .get(q.source as usize)
        .map(|s| escape(&s.title))
        .unwrap_or_default();
    // The speaker is named once: with the act, when there is one.
    let who = match &q.speaker {
        Some(sp) if q.act.is_none() => format!("{}, *{source}*", escape(sp)),
        _ => format!("*{source}*"),
    };
    let _ = writeln!(out, ">\n> — {who}");
    if let Some(t) = &q.translation {
        let _ = writeln!(out, ">\n> Translation: {}", escape(t));
    }
    out.push('\n');
}

/// A URL as an autolink when it is a plain one, else as escaped text.
fn link(url: &str) -> String {
    let plain = url.split_once(':').is_some_and(|(scheme, rest)| {
        (2..=32).contains(&scheme.len())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
            && !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>'))
    });
    if plain {
        format!("<{url}>")
    } else {
        escape(url)
    }
}

/// A DOT string literal: quoted, `"` and `\` escaped, on one line, without controls.
fn dot_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in clean(s).chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// A label of at most about `width` characters a line, cut after `max` characters.
fn dot_label(s: &str, width: usize, max: usize) -> String {
    let text = clean(s);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut total = 0;
    for word in text.split(' ') {
        total += word.chars().count() + 1;
        if total > max {
            line.push('…');
            break;
        }
        if !line.is_empty() && line.chars().count() + word.chars().count() >= width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    // `\n` inside a DOT string is a line break in the label.
    let quoted: Vec<String> = lines.iter().map(|l| dot_str(l)).collect();
    let inner: Vec<&str> = quoted.iter().map(|q| &q[1..q.len() - 1]).collect();
    format!("\"{}\"", inner.join("\\n"))
}

/// Fill and line colours of the sides, in position order (blue and orange first).
const SIDE_COLOURS: [(&str, &str); 6] = [
    ("#dbe9f6", "#1f77b4"),
    ("#fde3cc", "#e6550d"),
    ("#e5dcf2", "#6a51a3"),
    ("#dcefd9", "#31a354"),
    ("#f7dce6", "#c51b7d"),
    ("#eeeeee", "#636363"),
];

/// The debate, or a path through it, as a Graphviz graph: sides as colours, rebuttals
/// as solid red edges, supports as dashed green ones, a path's jumps dotted.
pub fn dot(d: &Debate, path: Option<&[NodeId]>) -> String {
    let mut out = String::from("digraph debate {\n");
    let title = match path {
        Some(p) => format!(
            "{} (a path of {})",
            clean(&d.title),
            plural(p.len(), "step")
        ),
        None => clean(&d.title),
    };
    let _ = writeln!(
        out,
        "  graph [label={}, labelloc=t, rankdir=BT, fontname=\"Helvetica\"];",
        dot_str(&title)
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];"
    );
    let _ = writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];");
    let colour = |node: NodeId| SIDE_COLOURS[d.side_of(node) as usize % SIDE_COLOURS.len()];
    let node_line = |out: &mut String, node: NodeId, label: String| {
        let (fill, line) = colour(node);
        let shape = match node {
            NodeId::Position(_) => ", shape=ellipse, penwidth=2",
            NodeId::Claim(_) => "",
        };
        let _ = writeln!(
            out,
            "  {} [label={label}, fillcolor=\"{fill}\", color=\"{line}\"{shape}];",
            dot_str(d.id_of(node))
        );
    };
    let edge = |out: &mut String, from: NodeId, to: NodeId, r: Relation| {
        let style = match r {
            Relation::Rebuts => "color=\"#c0392b\", style=solid, arrowhead=tee",
            Relation::Supports => "color=\"#27ae60\", style=dashed, arrowhead=normal",
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, {style}];",
            dot_str(d.id_of(from)),
            dot_str(d.id_of(to)),
            dot_str(r.verb())
        );
    };
    match path {
        None => {
            for i in 0..d.positions.len() {
                let n = NodeId::Position(i as u32);
                node_line(&mut out, n, dot_label(d.text_of(n), 30, 120));
            }
            for i in 0..d.claims.len() {
                let n = NodeId::Claim(i as u32);
                node_line(&mut out, n, dot_label(d.text_of(n), 30, 120));
            }
            for l in d.links() {
                edge(&mut out, l.from, l.to, l.relation);
            }
        }
        Some(path) => {
            // A node visited twice is drawn once, with both step numbers.
            let mut seen = BTreeSet::new();
            for &n in path {
                if seen.insert(n) {
                    let steps: Vec<String> = (0..path.len())
                        .filter(|&i| path[i] == n)
                        .map(|i| (i + 1).to_string())
                        .collect();
                    let label = format!("{}. {}", steps.join(", "), clean(d.text_of(n)));
                    node_line(&mut out, n, dot_label(&label, 30, 160));
                }
            }
            for i in 1..path.len() {
                let (prev, n) = (path[i - 1], path[i]);
                match joint(d, path, i) {
                    Joint::Linked(s) if s.towards_previous => edge(&mut out, n, prev, s.relation),
                    Joint::Linked(s) => edge(&mut out, prev, n, s.relation),
                    _ => {
                        let _ = writeln!(
                            out,
                            "  {} -> {} [label=\"jump\", style=dotted, color=\"#7f7f7f\"];",
                            dot_str(d.id_of(prev)),
                            dot_str(d.id_of(n))
                        );
                    }
                }
            }
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_the_visible_text() {
        assert_eq!(escape("# heading"), "\\# heading");
        assert_eq!(escape("*stars* and _under_"), "\\*stars\\* and \\_under\\_");
        assert_eq!(escape("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(escape("[x](y)"), "\\[x\\](y)");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("1. first"), "1\\. first");
        assert_eq!(escape("GPT-5-class, 1.5 times"), "GPT-5-class, 1.5 times");
        assert_eq!(
            escape("a\u{1b}[2J\tb\n\nc\u{202E}"),
            "a\u{FFFD}\\[2J b c\u{FFFD}"
        );
        assert_eq!(escape("&amp; `code`"), "\\&amp; \\`code\\`");
        // A variation selector with nothing to vary is shown as `�`; one after a
        // character is kept.
        assert_eq!(
            clean("\u{FE0F}a \u{FE0F}\u{2764}\u{FE0F}"),
            "\u{FFFD}a \u{FFFD}\u{2764}\u{FE0F}"
        );
    }

    #[test]
    fn urls_are_links_only_when_plain() {
        assert_eq!(
            link("https://example.org/a?b=c"),
            "<https://example.org/a?b=c>"
        );
        assert_eq!(link("javascript:x<y>"), "javascript:x\\<y\\>");
        assert_eq!(link("not a url"), "not a url");
    }

    #[test]
    fn dot_strings_cannot_break_out() {
        assert_eq!(
            dot_str("say \"hi\" \\ now\n"),
            "\"say \\\"hi\\\" \\\\ now\""
        );
        let label = dot_label("a \"quoted\" word and more words to wrap here", 10, 200);
        assert!(label.starts_with('"') && label.ends_with('"'));
        assert!(label.contains("\\n"));
        assert!(!label[1..label.len() - 1].contains("\"\""));
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slug("Meta, open source and alignment"),
            "meta-open-source-and-alignment"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("è漢字"), "debate");
    }
}
