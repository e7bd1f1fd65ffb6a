//! An Argdown document as written: its front matter, sections, statements and
//! arguments (by title), premise-conclusion structures, and the relations between
//! them. Read line by line, leniently: Argdown's own tools report what this reader
//! passes over, and what format v1 cannot hold is counted for a warning.

use std::collections::HashMap;

use serde_yaml::Value;

use super::left_out::{Change, LeftOut};
use super::text::{self, Inline};

/// A statement (`[title]`) or an argument (`<title>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Kind {
    Statement,
    Argument,
}

/// A statement or an argument, with everything its occurrences say of it.
#[derive(Debug)]
pub(super) struct Node {
    pub(super) kind: Kind,
    /// The title as written; for an untitled statement, `Untitled N` as Argdown names it.
    pub(super) title: String,
    /// The text of each definition, in file order (for an argument, its descriptions).
    pub(super) texts: Vec<String>,
    pub(super) tags: Vec<String>,
    /// The links in its texts: label and address.
    pub(super) links: Vec<(String, String)>,
    /// `{...}` data given with it, as read.
    pub(super) data: Vec<Value>,
    /// The level-1 section it was first defined in (or met in), if any.
    pub(super) section: Option<usize>,
    /// The line it was first met on.
    pub(super) line: usize,
    /// For an argument: its premise-conclusion structure.
    pub(super) pcs: Option<Pcs>,
}

/// A premise-conclusion structure: each inference, with its premises and conclusion.
#[derive(Debug, Default)]
pub(super) struct Pcs {
    pub(super) steps: Vec<Step>,
}

#[derive(Debug)]
pub(super) struct Step {
    pub(super) premises: Vec<usize>,
    pub(super) conclusion: usize,
}

/// How a relation argues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RelKind {
    Support,
    Attack,
    /// `><`: the two cannot both be true.
    Contradiction,
    /// `_`: an attack on the step from the premises to the conclusion.
    Undercut,
}

/// `from` argues for or against `to`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rel {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) kind: RelKind,
    pub(super) line: usize,
}

/// The document read.
#[derive(Debug, Default)]
pub(super) struct Doc {
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) nodes: Vec<Node>,
    pub(super) rels: Vec<Rel>,
    /// The titles of the level-1 sections, in file order.
    pub(super) sections: Vec<String>,
    pub(super) left_out: LeftOut,
}

/// Reads an Argdown document.
pub(super) fn parse(text: &str) -> Doc {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut r = Reader::default();
    let (front, body) = front_matter(&text);
    if let Some((yaml, line)) = front {
        r.front_matter(yaml, line);
    }
    let (body, commented) = without_comments(&body);
    let mut block: Vec<(usize, &str)> = Vec::new();
    for (i, line) in body.split('\n').enumerate() {
        if line.trim().is_empty() {
            // A line that held only a comment is not an empty line: it does not end
            // the block.
            if !commented.get(i).copied().unwrap_or(false) && !block.is_empty() {
                r.block(&std::mem::take(&mut block));
            }
            continue;
        }
        block.push((i + 1, line));
    }
    if !block.is_empty() {
        r.block(&block);
    }
    r.doc
}

/// The front matter (`===` ... `===` first in the file): its YAML and the line it
/// starts on; and the text with it blanked out (line breaks kept, so lines keep their
/// numbers).
fn front_matter(text: &str) -> (Option<(String, usize)>, String) {
    let start = text.len() - text.trim_start().len();
    if !text[start..].starts_with("===") {
        return (None, text.to_string());
    }
    let open_end = start
        + text[start..]
            .find(|c| c != '=')
            .unwrap_or(text.len() - start);
    let Some(close) = text[open_end..].find("===") else {
        return (None, text.to_string());
    };
    let close = open_end + close;
    let close_end = close
        + text[close..]
            .find(|c| c != '=')
            .unwrap_or(text.len() - close);
    let yaml = text[open_end..close].to_string();
    let line = text[..start].matches('\n').count() + 1;
    let blank: String = text[start..close_end]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    (
        Some((yaml, line)),
        format!("{}{blank}{}", &text[..start], &text[close_end..]),
    )
}

/// The text with its comments (`// ...`, `/* ... */`, `<!-- ... -->`) blanked out,
/// line breaks kept; and for each line, whether a comment stood on it. What Argdown
/// reads as one token (an escape, a title, a link, data) is passed over whole, as its
/// lexer does, so `//` inside a web address of a link, or in a tag, stays.
fn without_comments(text: &str) -> (String, Vec<bool>) {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut commented = vec![false; text.matches('\n').count() + 1];
    let mut line = 0;
    let mut i = 0;
    let mut copied = 0;
    let blank_to =
        |out: &mut String, from: usize, to: usize, line: &mut usize, commented: &mut Vec<bool>| {
            for c in text[from..to].chars() {
                if c == '\n' {
                    out.push('\n');
                    *line += 1;
                }
                if let Some(m) = commented.get_mut(*line) {
                    *m = true;
                }
            }
        };
    let (mut square, mut angle, mut paren) = (Next::default(), Next::default(), Next::default());
    while i < b.len() {
        let rest = &text[i..];
        let skip = match b[i] {
            b'\\' => rest.chars().nth(1).map_or(1, |c| 1 + c.len_utf8()),
            b'[' | b'<' if !rest.starts_with("<!--") => {
                let (close, next) = if b[i] == b'[' {
                    (']', &mut square)
                } else {
                    ('>', &mut angle)
                };
                match next.within(text, i + 1, &['\n', close]) {
                    Some(at) if text[at..].starts_with(close) => {
                        let mut end = at + 1 - i;
                        // A link's address: `[label](url)`.
                        if b[i] == b'['
                            && rest[end..].starts_with('(')
                            && let Some(at) = paren.within(text, i + end, &[')', '\n'])
                            && text[at..].starts_with(')')
                        {
                            end = at + 1 - i;
                        }
                        end
                    }
                    _ => 1,
                }
            }
            b'{' => data_end(rest).unwrap_or(1),
            // A tag `#(...)`.
            b'#' if rest.starts_with("#(") => match paren.within(text, i, &[')', '\n']) {
                Some(at) if text[at..].starts_with(')') => at + 1 - i,
                _ => 1,
            },
            b'/' | b'<' => {
                // Where the comment that starts here ends, if one does.
                let closed = |open: &str, close: &str| {
                    rest.strip_prefix(open).map(|body| {
                        body.find(close)
                            .map_or(rest.len(), |k| open.len() + k + close.len())
                    })
                };
                let end = closed("//", "\n")
                    .map(|e| e.min(rest.find('\n').unwrap_or(rest.len())))
                    .or_else(|| closed("/*", "*/"))
                    .or_else(|| closed("<!--", "-->"));
                if let Some(end) = end {
                    out.push_str(&text[copied..i]);
                    blank_to(&mut out, i, i + end, &mut line, &mut commented);
                    i += end;
                    copied = i;
                    continue;
                }
                1
            }
            _ => rest.chars().next().map_or(1, char::len_utf8),
        };
        // Line breaks inside what was passed over whole count too.
        line += text[i..i + skip].matches('\n').count();
        i += skip;
    }
    out.push_str(&text[copied..]);
    (out, commented)
}

/// The most bytes a title, a link or a tag is looked for in: past it, what opened one
/// is a character like any other. This bounds the work on a long line of `[` to the
/// line's length times this.
pub(super) const TOKEN_MAX: usize = 4096;

/// The most bytes a data block (`{...}`) may take, and how deep it may nest.
const DATA_MAX: usize = TOKEN_MAX;
const DATA_DEPTH: usize = 16;

/// The next place where one of some characters stands in a text, remembered, so that
/// a line of many `[` without a `]` is read once, not once for each `[`.
#[derive(Default)]
pub(super) struct Next {
    /// Where the last search started, and what it found.
    from: usize,
    found: Option<Option<usize>>,
}

impl Next {
    /// Where one of `chars` next stands in `text` at or after `from`, if it is within
    /// [`TOKEN_MAX`] bytes of it. Calls must come with `from` never decreasing.
    pub(super) fn within(&mut self, text: &str, from: usize, chars: &[char]) -> Option<usize> {
        let stale = match self.found {
            None => true,
            Some(Some(at)) => at < from,
            Some(None) => false,
        } || from < self.from;
        if stale {
            self.from = from;
            self.found = Some(text[from..].find(chars).map(|k| from + k));
        }
        self.found.flatten().filter(|&at| at - from <= TOKEN_MAX)
    }
}

/// At most the first [`TOKEN_MAX`] bytes of `s`, cut at a character boundary.
pub(super) fn window(s: &str) -> &str {
    if s.len() <= TOKEN_MAX {
        return s;
    }
    let mut end = TOKEN_MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The length of the data block (`{...}`, braces balanced outside quotes) that `s`
/// starts with, if it closes within [`DATA_MAX`] bytes.
pub(super) fn data_end(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if i > DATA_MAX {
            return None;
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '{' => {
                depth += 1;
                if depth > DATA_DEPTH {
                    return None;
                }
            }
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// One occurrence of a node: where its text is gathered until the block ends.
struct Occurrence {
    node: usize,
    raw: String,
    /// A definition (`[T]: text`, `<T>: text` or untitled): its text counts as one.
    defines: bool,
    line: usize,
}

/// The reader's state across blocks.
#[derive(Default)]
struct Reader {
    doc: Doc,
    index: HashMap<(Kind, String), usize>,
    untitled: usize,
    section: Option<usize>,
    /// The argument that the block before named first: a premise-conclusion
    /// structure in the next block is its reconstruction.
    last_argument: Option<usize>,
}

/// A relation sign at the start of a line, and which way it points: `true` when the
/// element after it argues for or against the one above.
const SIGNS: &[(&str, RelKind, bool)] = &[
    ("+>", RelKind::Support, false),
    ("->", RelKind::Attack, false),
    ("_>", RelKind::Undercut, false),
    ("<+", RelKind::Support, true),
    ("<-", RelKind::Attack, true),
    ("<_", RelKind::Undercut, true),
    ("><", RelKind::Contradiction, false),
    ("+", RelKind::Support, true),
    ("-", RelKind::Attack, true),
];

impl Reader {
    fn front_matter(&mut self, yaml: String, line: usize) {
        match serde_yaml::from_str::<Value>(&yaml) {
            Ok(v) => {
                let field = |k: &str| {
                    v.get(k)
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                };
                self.doc.title = field("title");
                let parts: Vec<String> = ["subTitle", "abstract"]
                    .iter()
                    .filter_map(|k| field(k))
                    .collect();
                if !parts.is_empty() {
                    self.doc.description = Some(parts.join("\n\n"));
                }
                for k in ["author", "date"] {
                    if let Some(s) = field(k) {
                        self.doc.left_out.add(
                            Change::FrontMatter,
                            line,
                            Some(&format!("{k}: {s}")),
                        );
                    }
                }
            }
            Err(_) => self.doc.left_out.add(Change::BadFrontMatter, line, None),
        }
    }

    /// The node of `kind` titled `title`, made when first met.
    fn node(&mut self, kind: Kind, title: &str, line: usize) -> usize {
        let title = title.trim().to_string();
        if let Some(&n) = self.index.get(&(kind, title.clone())) {
            return n;
        }
        let n = self.doc.nodes.len();
        self.doc.nodes.push(Node {
            kind,
            title: title.clone(),
            texts: Vec::new(),
            tags: Vec::new(),
            links: Vec::new(),
            data: Vec::new(),
            section: self.section,
            line,
            pcs: None,
        });
        self.index.insert((kind, title), n);
        n
    }

    /// A statement (or argument) with no title: Argdown names it `Untitled N`.
    fn untitled(&mut self, kind: Kind, line: usize) -> usize {
        loop {
            self.untitled += 1;
            let title = format!("Untitled {}", self.untitled);
            if !self.index.contains_key(&(kind, title.clone())) {
                return self.node(kind, &title, line);
            }
        }
    }

    /// The element that `s` starts: a definition, a reference or an untitled
    /// statement, and the text after its title.
    fn element(&mut self, s: &str, line: usize) -> Occurrence {
        let s = s.trim_start();
        let titled = |open: char, close: char| -> Option<(String, bool, usize)> {
            if !s.starts_with(open) || s.starts_with("<!--") {
                return None;
            }
            // `[label](url)` is a link in an untitled statement.
            if open == '[' && text::link_at(s).is_some() {
                return None;
            }
            let def = format!("{close}:");
            if let Some(k) = s.find(&def).filter(|&k| k > 1) {
                // The shortest `[...]:` on the line, as Argdown's lexer takes it.
                return Some((s[1..k].to_string(), true, k + 2));
            }
            let k = s.find(close)?;
            (k > 1 && !s[1..].starts_with('-')).then(|| (s[1..k].to_string(), false, k + 1))
        };
        let (node, defines, rest) = if let Some((title, def, end)) = titled('[', ']') {
            (self.node(Kind::Statement, &title, line), def, &s[end..])
        } else if let Some((title, def, end)) = titled('<', '>') {
            (self.node(Kind::Argument, &title, line), def, &s[end..])
        } else {
            (self.untitled(Kind::Statement, line), true, s)
        };
        Occurrence {
            node,
            raw: rest.to_string(),
            defines,
            line,
        }
    }

    /// Gathers what an occurrence said into its node.
    fn finish(&mut self, o: Occurrence) {
        let Inline {
            text,
            tags,
            links,
            data,
            emphasis,
        } = text::inline(&o.raw);
        let left = &mut self.doc.left_out;
        if emphasis > 0 {
            left.add(Change::Emphasis, o.line, None);
        }
        let node = &mut self.doc.nodes[o.node];
        for t in tags {
            if !node.tags.contains(&t) {
                node.tags.push(t);
            }
        }
        node.links.extend(links);
        if let Some(d) = data {
            match serde_yaml::from_str::<Value>(&d) {
                Ok(v) => node.data.push(v),
                Err(_) => left.add(Change::BadData, o.line, Some(&d)),
            }
        }
        if o.defines && !text.is_empty() {
            if node.texts.is_empty() {
                // A node belongs to the section it is defined in.
                node.section = self.section;
            }
            node.texts.push(text);
        } else if !o.defines && !text.is_empty() {
            left.add(Change::TextAfterReference, o.line, Some(&text));
        }
    }

    /// One block of lines between empty lines.
    fn block(&mut self, lines: &[(usize, &str)]) {
        let (_, first) = lines[0];
        let mut lines = lines;
        if let Some(level) = heading_level(first) {
            let Inline { text, .. } = text::inline(&first[level..]);
            if level == 1 {
                self.section = Some(self.doc.sections.len());
                self.doc.sections.push(text);
            }
            self.last_argument = None;
            lines = &lines[1..];
            if lines.is_empty() {
                return;
            }
        }
        let pcs_argument = self.last_argument.take();
        let mut stack: Vec<(usize, usize)> = Vec::new(); // (indent, node)
        let mut current: Option<Occurrence> = None;
        let mut top: Option<usize> = None;
        let mut pcs: Option<PcsBuilder> = None;
        let mut inference: Option<(usize, String)> = None; // open inference: line, rules
        for &(n, line) in lines {
            let rest = line.trim_start();
            let indent = line.len() - rest.len();
            if let Some((at, rules)) = &mut inference {
                // Inside an inference's rules, up to the closing `--`.
                match rest.find("--") {
                    Some(k) => {
                        rules.push(' ');
                        rules.push_str(&rest[..k]);
                        let (at, rules) = (*at, std::mem::take(rules));
                        inference = None;
                        if let Some(p) = &mut pcs {
                            p.inference(at, &rules, &mut self.doc.left_out);
                        }
                    }
                    None => {
                        rules.push(' ');
                        rules.push_str(rest);
                    }
                }
                continue;
            }
            if let Some(num_end) = statement_number(rest) {
                if let Some(o) = current.take() {
                    self.finish(o);
                }
                let o = self.element(&rest[num_end..], n);
                let node = o.node;
                if self.doc.nodes[node].kind == Kind::Argument {
                    self.doc.left_out.add(Change::ArgumentInPcs, n, None);
                }
                pcs.get_or_insert_with(|| PcsBuilder::new(n))
                    .statement(node);
                stack = vec![(indent, node)];
                current = Some(o);
                continue;
            }
            if rest.starts_with("--") && pcs.is_some() {
                if let Some(o) = current.take() {
                    self.finish(o);
                }
                let after = &rest[2..];
                let after = after.trim_start_matches('-');
                match after.find("--") {
                    Some(k) => {
                        if let Some(p) = &mut pcs {
                            p.inference(n, &after[..k], &mut self.doc.left_out);
                        }
                    }
                    None if rest.len() - after.len() >= 4 => {
                        // `----`: an inference with no rules.
                        if let Some(p) = &mut pcs {
                            p.inference(n, after, &mut self.doc.left_out);
                        }
                    }
                    None => inference = Some((n, after.to_string())),
                }
                stack.clear();
                continue;
            }
            if let Some(item) = list_item(rest) {
                if let Some(o) = current.take() {
                    self.finish(o);
                }
                let o = self.element(&rest[item..], n);
                stack = vec![(indent, o.node)];
                top.get_or_insert(o.node);
                current = Some(o);
                continue;
            }
            if let Some((sign, kind, inward)) = relation_sign(rest) {
                while stack
                    .last()
                    .is_some_and(|&(i, _)| i >= indent && stack.len() > 1)
                {
                    stack.pop();
                }
                if let Some(&(_, parent)) = stack.last() {
                    if let Some(o) = current.take() {
                        self.finish(o);
                    }
                    let o = self.element(&rest[sign..], n);
                    let child = o.node;
                    let (from, to) = if inward {
                        (child, parent)
                    } else {
                        (parent, child)
                    };
                    self.doc.rels.push(Rel {
                        from,
                        to,
                        kind,
                        line: n,
                    });
                    stack.push((indent.max(stack.last().map_or(0, |s| s.0 + 1)), child));
                    current = Some(o);
                    continue;
                }
                self.doc
                    .left_out
                    .add(Change::RelationWithoutParent, n, Some(rest));
            }
            match &mut current {
                // A line that starts nothing continues the element above.
                Some(o) => {
                    o.raw.push(' ');
                    o.raw.push_str(rest);
                }
                None => {
                    let o = self.element(rest, n);
                    stack = vec![(indent, o.node)];
                    top.get_or_insert(o.node);
                    current = Some(o);
                }
            }
        }
        if let Some(o) = current.take() {
            self.finish(o);
        }
        if let Some((at, rules)) = inference
            && let Some(p) = &mut pcs
        {
            p.inference(at, &rules, &mut self.doc.left_out);
        }
        if let Some(p) = pcs {
            let named = top.filter(|&t| self.doc.nodes[t].kind == Kind::Argument);
            let argument = match pcs_argument.or(named) {
                Some(a) => a,
                // A reconstruction without an argument named before it.
                None => self.untitled(Kind::Argument, p.line),
            };
            let built = p.build(&mut self.doc.left_out);
            let node = &mut self.doc.nodes[argument];
            if node.pcs.is_some() {
                self.doc.left_out.add(Change::SecondPcs, built.1, None);
            } else {
                node.pcs = Some(built.0);
            }
        } else if let Some(t) = top
            && self.doc.nodes[t].kind == Kind::Argument
        {
            self.last_argument = Some(t);
        }
    }
}

/// A premise-conclusion structure as it is read.
struct PcsBuilder {
    line: usize,
    /// The statements since the last inference.
    group: Vec<usize>,
    /// Each numbered statement, by its number.
    numbered: Vec<usize>,
    steps: Vec<Step>,
    /// Premises of the inference waiting for its conclusion.
    pending: Option<Vec<usize>>,
}

impl PcsBuilder {
    fn new(line: usize) -> Self {
        PcsBuilder {
            line,
            group: Vec::new(),
            numbered: Vec::new(),
            steps: Vec::new(),
            pending: None,
        }
    }

    fn statement(&mut self, node: usize) {
        self.numbered.push(node);
        if let Some(premises) = self.pending.take() {
            self.steps.push(Step {
                premises,
                conclusion: node,
            });
        }
        self.group.push(node);
    }

    /// An inference: the statements since the one before are its premises (or those
    /// its `{uses: [1, 2]}` names); the next statement is its conclusion.
    fn inference(&mut self, line: usize, rules: &str, left: &mut LeftOut) {
        let Inline { text, data, .. } = text::inline(rules);
        if !text.is_empty() {
            left.add(Change::InferenceRules, line, Some(&text));
        }
        let mut premises = std::mem::take(&mut self.group);
        if let Some(uses) = data
            .and_then(|d| serde_yaml::from_str::<Value>(&d).ok())
            .and_then(|v| v.get("uses").cloned())
            .and_then(|u| u.as_sequence().cloned())
        {
            let named: Vec<usize> = uses
                .iter()
                .filter_map(Value::as_u64)
                .filter_map(|k| self.numbered.get((k as usize).checked_sub(1)?).copied())
                .collect();
            if !named.is_empty() {
                premises = named;
            }
        }
        if self.pending.is_some() {
            left.add(Change::InferenceWithoutConclusion, line, None);
        }
        self.pending = Some(premises);
    }

    fn build(self, left: &mut LeftOut) -> (Pcs, usize) {
        if self.pending.is_some() {
            left.add(Change::InferenceWithoutConclusion, self.line, None);
        }
        (Pcs { steps: self.steps }, self.line)
    }
}

/// The level of a heading line (`# Title`): the number of `#`.
fn heading_level(line: &str) -> Option<usize> {
    let level = line.len() - line.trim_start_matches('#').len();
    (level > 0 && line[level..].starts_with(' ')).then_some(level)
}

/// The length of a statement number (`(1) `) that `rest` starts with.
fn statement_number(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('(')?;
    let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && inner[digits..].starts_with(')')).then_some(digits + 2)
}

/// The length of a list marker (`1. ` or `* `) that `rest` starts with.
fn list_item(rest: &str) -> Option<usize> {
    if rest.starts_with("* ") {
        return Some(2);
    }
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && rest[digits..].starts_with(". ")).then_some(digits + 2)
}

/// The relation sign that `rest` starts with: its length, its kind, and whether the
/// element after it argues for or against the one above (`+`) rather than the other
/// way round (`+>`).
fn relation_sign(rest: &str) -> Option<(usize, RelKind, bool)> {
    if rest.starts_with("_ ") || rest.starts_with("_\t") {
        return Some((1, RelKind::Undercut, true));
    }
    SIGNS
        .iter()
        .find(|(sign, _, _)| rest.starts_with(sign))
        .map(|&(sign, kind, inward)| (sign.len(), kind, inward))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_and_lines_keep_their_numbers() {
        let (out, commented) =
            without_comments("a // c\n/* x\ny */ b\n[t//x]: [l](http://a) \\// d <!-- e -->");
        assert_eq!(out, "a \n\n b\n[t//x]: [l](http://a) \\// d ");
        assert_eq!(commented, [true, true, true, true]);
    }

    #[test]
    fn front_matter_is_read_and_blanked() {
        let (front, rest) = front_matter("\n===\ntitle: T\n===\n\n[a]: b");
        assert_eq!(front, Some(("\ntitle: T\n".to_string(), 2)));
        assert_eq!(rest.matches('\n').count(), 5);
        assert!(rest.trim_start().starts_with("[a]: b"));
    }

    #[test]
    fn signs_numbers_and_items() {
        assert_eq!(relation_sign("+> [a]"), Some((2, RelKind::Support, false)));
        assert_eq!(relation_sign("- [a]"), Some((1, RelKind::Attack, true)));
        assert_eq!(relation_sign("_ <a>"), Some((1, RelKind::Undercut, true)));
        assert_eq!(relation_sign("_a"), None);
        assert_eq!(statement_number("(12) x"), Some(4));
        assert_eq!(statement_number("(a) x"), None);
        assert_eq!(list_item("3. x"), Some(3));
        assert_eq!(heading_level("## Two"), Some(2));
        assert_eq!(heading_level("#tag"), None);
        assert_eq!(data_end("{a: \"}\", b: {c: 1}} x"), Some(19));
    }
}
