//! The depth guard: a file nesting deeper than any debate can is refused before
//! serde_yaml reads it.
//!
//! serde_yaml's parser (libyaml) reads a whole document into events before serde sees
//! any of it, and each level of nesting costs it memory and time: `- - - - …` on one
//! line, two bytes a level, costs some 300 bytes a level (610 MB for a 4 MB file), and
//! `[[[[…` costs time with the square of the depth. serde_yaml's own recursion limit
//! only stops the reading of those events, once they all exist.
//!
//! So the file is measured first, by a scan that follows libyaml's scanner token by
//! token, without building anything: where each token starts and ends (plain, quoted
//! and block scalars, comments, anchors and tags), which columns open block
//! collections (`- `, `? `, `: ` and `key: ` at a new column, a `- ` under a key at the
//! key's own column), and which brackets open flow collections (a `key: value` inside
//! `[…]` is a mapping of its own). It counts nesting the way libyaml's events do and
//! stops at the first collection past [`MAX_DEPTH`], in time linear in the file and
//! memory that does not grow with it. Where libyaml would stop with a syntax error the
//! scan reads on, so it never sees less nesting than libyaml does.
//!
//! The same scan, stopped at the value of a top-level key, tells how the file writes its
//! `version` ([`top_level_scalar`]).

use crate::domain::load::diag::{Code, Diagnostic, LoadError};

const DEEP_HINT: &str =
    "hint: a debate file needs five levels of nesting at most; this looks like a damaged file";

/// How deep a debate file may nest. Format v1 needs five levels (the debate, its claims,
/// a claim, its quotes, a quote); anything past this is invalid wherever it stands, so
/// it is refused before serde_yaml sees it.
pub const MAX_DEPTH: usize = 32;

/// Refuses a file that nests more than [`MAX_DEPTH`] collections deep, at the place where
/// the first collection past the limit starts.
pub fn too_deep(name: &str, text: &str) -> Result<(), LoadError> {
    let Some((line, col)) = first_too_deep(text) else {
        return Ok(());
    };
    Err(LoadError::Invalid {
        file: name.to_string(),
        problems: vec![
            Diagnostic::new(name, line, col, "the file nests too deeply")
                .note(DEEP_HINT)
                .with_code(Code::TooDeep),
        ],
    })
}

/// Where the first collection nested more than [`MAX_DEPTH`] deep starts, as a 1-based
/// line and a 1-based column in characters; `None` when the file stays within the limit.
/// (Inside a key that is itself a collection, `[[…]]: value`, whose mapping libyaml
/// starts before the key, the place found can lie a little past libyaml's.)
pub fn first_too_deep(text: &str) -> Option<(usize, usize)> {
    first_deeper_than(text, MAX_DEPTH)
}

/// Where the first collection nested more than `limit` deep starts, as
/// [`first_too_deep`] tells for [`MAX_DEPTH`].
pub fn first_deeper_than(text: &str, limit: usize) -> Option<(usize, usize)> {
    let mut scan = Scan::new(text.as_bytes(), limit);
    scan.run();
    scan.over.map(|p| (p.line, p.col))
}

/// The text of the scalar that a key of the top-level mapping has for its value, as the
/// file writes it (`1`, `0x1`, `"1"`, `!!int 1`), found by the same scan, which stops
/// there. `None` when there is no such key, when its value is not a scalar, or when the
/// file nests too deeply before it.
pub fn top_level_scalar<'t>(text: &'t str, key: &'static str) -> Option<&'t str> {
    let mut scan = Scan::new(text.as_bytes(), MAX_DEPTH);
    scan.watch = Some(Watch {
        key,
        state: Watching::Key,
    });
    scan.run();
    match scan.watch?.state {
        Watching::Done(Some((from, to))) => text.get(from..to),
        _ => None,
    }
}

/// A key of the top-level mapping whose value is wanted, and how far the scan is with it.
struct Watch {
    key: &'static str,
    state: Watching,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Watching {
    /// The key is still to be found.
    Key,
    /// The key ended on `line`; its value starts at `from` if an anchor or a tag opened it.
    Value { line: usize, from: Option<usize> },
    /// The value is this span of the text; `None` when it is not a scalar.
    Done(Option<(usize, usize)>),
}

/// A 1-based line and column, ordered by place in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    line: usize,
    col: usize,
}

/// An open block collection: its column, and whether a sequence written at the same
/// column stands under it (`key:` then `- item` lines).
struct Block {
    col: usize,
    map: bool,
    indentless: bool,
}

/// An open flow collection, and for a sequence whether its current entry is a
/// `key: value` pair, which libyaml reads as a mapping of its own.
struct Flow {
    seq: bool,
    pair: bool,
}

/// A token that may turn out to be a key (libyaml's "simple key"): one per flow level,
/// and one for the block context. When it does, the mapping it opens starts before it,
/// so whatever nested inside it since was one level deeper than counted: `hi` is the
/// deepest level counted since, first reached at `hi_at`.
#[derive(Clone, Copy)]
struct Key {
    possible: bool,
    line: usize,
    pos: usize,
    col: usize,
    hi: usize,
    hi_at: Place,
    /// Where the anchor or tag written before the key started, if any.
    props: Option<Place>,
    /// How many flow collections the parser had open when the key started: the key is
    /// an entry of the last of them.
    flows: usize,
}

const NO_KEY: Key = Key {
    possible: false,
    line: 0,
    pos: 0,
    col: 0,
    hi: 0,
    hi_at: Place { line: 0, col: 0 },
    props: None,
    flows: 0,
};

struct Scan<'a> {
    s: &'a [u8],
    /// The text breaks lines with LF or CR LF only, so memchr can look for LF alone.
    lf: bool,
    i: usize,
    /// The current line, 0-based, and the offset where it starts.
    line: usize,
    line_start: usize,
    /// The column in characters at `col_pos`, counted on from there.
    col_pos: usize,
    col: usize,
    blocks: Vec<Block>,
    /// The flow collections open for the scanner, which reads their text otherwise.
    flow_level: usize,
    /// The flow collections open for the parser: the same, but for a `]` the parser
    /// took as the missing key of a `?` pair (see [`Scan::token`]).
    flows: Vec<Flow>,
    /// The last token was a `?` that opened a pair in a flow sequence.
    empty_key: bool,
    /// The possible keys: `keys[0]` for the block context, one more per flow level.
    keys: Vec<Key>,
    /// The slots of `keys` holding a possible key, innermost last.
    pending: Vec<usize>,
    /// Whether a key may start here (libyaml's `simple_key_allowed`).
    allowed: bool,
    /// Where the anchor or tag before the next node started: the node starts there.
    props: Option<Place>,
    /// Collections open now.
    depth: usize,
    /// How deep collections may nest, and the first found past that.
    limit: usize,
    over: Option<Place>,
    watch: Option<Watch>,
}

impl<'a> Scan<'a> {
    fn new(s: &'a [u8], limit: usize) -> Self {
        // libyaml's reader takes a byte order mark at the start as the encoding's.
        let start = if s.starts_with(BOM) { BOM.len() } else { 0 };
        let lf = !memchr::memchr_iter(b'\r', s).any(|k| s.get(k + 1) != Some(&b'\n'))
            && ["\u{85}", "\u{2028}", "\u{2029}"]
                .iter()
                .all(|b| memchr::memmem::find(s, b.as_bytes()).is_none());
        Scan {
            s,
            lf,
            i: start,
            line: 0,
            line_start: start,
            col_pos: start,
            col: 0,
            blocks: Vec::new(),
            flow_level: 0,
            flows: Vec::new(),
            empty_key: false,
            keys: vec![NO_KEY],
            pending: Vec::new(),
            allowed: true,
            props: None,
            depth: 0,
            limit,
            over: None,
            watch: None,
        }
    }

    fn run(&mut self) {
        while self.over.is_none() {
            self.skip_to_token();
            if self.i >= self.s.len() {
                return;
            }
            self.stale();
            let col = self.col();
            self.unroll(col as isize);
            self.end_indentless(col);
            let c = self.at(self.i);
            let from = self.i;
            let value = self.value_starts(col);
            self.token(col);
            if c != b'&' && c != b'!' {
                self.props = None;
            }
            if value {
                self.value_ends(from, c);
            }
            if let Some(Watch {
                state: Watching::Done(_),
                ..
            }) = self.watch
            {
                return;
            }
        }
    }

    // ---- a watched key's value ----

    /// Whether the token at `i`, column `col`, is (the start of) the watched key's value.
    fn value_starts(&mut self, col: usize) -> bool {
        let Some(Watch {
            state: Watching::Value { line, from },
            ..
        }) = self.watch
        else {
            return false;
        };
        let root = self.blocks.first().map_or(0, |b| b.col);
        let c = self.at(self.i);
        let state = if !(self.flow() || self.line == line || col > root) {
            Watching::Done(None) // the next key: the value is empty
        } else if c == b'&' || c == b'!' {
            Watching::Value {
                line,
                from: from.or(Some(self.i)),
            }
        } else if b"[]{},#*|>%@`".contains(&c)
            || (b"-?:".contains(&c) && (self.flow() || self.blankz(self.i + 1)))
        {
            Watching::Done(None)
        } else {
            return true;
        };
        if let Some(w) = &mut self.watch {
            w.state = state;
        }
        matches!(state, Watching::Value { .. })
    }

    /// The watched value's token, which started at `at` with `c`, has been read.
    fn value_ends(&mut self, at: usize, c: u8) {
        let Some(w) = &mut self.watch else {
            return;
        };
        let Watching::Value { from, .. } = w.state else {
            return;
        };
        if c == b'&' || c == b'!' {
            return; // the node itself comes next
        }
        let mut to = self.i;
        if c != b'"' && c != b'\'' {
            // A plain scalar: without the blanks and line breaks read after it.
            while to > at && matches!(self.s[to - 1], b' ' | b'\t' | b'\r' | b'\n') {
                to -= 1;
            }
        }
        w.state = Watching::Done(Some((from.unwrap_or(at), to)));
    }

    /// At `:` after a key from `key_at`: whether it is the watched key of the top-level
    /// mapping, whose value comes next.
    fn watched_key(&mut self, key_at: usize) {
        let Some(w) = &mut self.watch else {
            return;
        };
        let top = match self.flows.as_slice() {
            [] => self.blocks.len() == 1 && self.blocks[0].map,
            [f] => self.blocks.is_empty() && !f.seq,
            _ => false,
        };
        let written = self.s[key_at..self.i].trim_ascii_end();
        let k = w.key.as_bytes();
        let quoted = |q: u8| {
            written.len() == k.len() + 2
                && written[0] == q
                && written[written.len() - 1] == q
                && &written[1..written.len() - 1] == k
        };
        if w.state == Watching::Key && top && (written == k || quoted(b'"') || quoted(b'\'')) {
            w.state = Watching::Value {
                line: self.line,
                from: None,
            };
        }
    }

    // ---- bytes, lines and columns ----

    fn at(&self, j: usize) -> u8 {
        self.s.get(j).copied().unwrap_or(0)
    }

    /// The length of the line break at `j` (CR LF, CR, LF, NEL, LS or PS), or 0.
    fn break_len(&self, j: usize) -> usize {
        match self.at(j) {
            b'\n' => 1,
            b'\r' => 1 + usize::from(self.at(j + 1) == b'\n'),
            0xC2 if self.at(j + 1) == 0x85 => 2,
            0xE2 if self.at(j + 1) == 0x80 && matches!(self.at(j + 2), 0xA8 | 0xA9) => 3,
            _ => 0,
        }
    }

    fn blank(&self, j: usize) -> bool {
        matches!(self.at(j), b' ' | b'\t')
    }

    /// A blank, a line break or the end of the text.
    fn blankz(&self, j: usize) -> bool {
        j >= self.s.len() || self.blank(j) || self.break_len(j) > 0
    }

    /// Consumes the line break at `i`.
    fn take_break(&mut self) {
        self.i += self.break_len(self.i);
        self.line += 1;
        self.line_start = self.i;
        self.col_pos = self.i;
        self.col = 0;
    }

    /// Moves to the next line break, or the end of the text.
    fn skip_line(&mut self) {
        loop {
            self.i = self.find(&LINE, b'\n', b'\n', b'\n', self.i);
            if self.i >= self.s.len() || self.break_len(self.i) > 0 {
                return;
            }
            self.i += 1;
        }
    }

    /// The first byte from `from` on that `stops` marks, or the end of the text. In a
    /// text whose lines end in LF, the first of `a`, `b`, `c` (which are those bytes
    /// and LF: a CR before LF is then read as text, and the LF as the line break).
    fn find(&self, stops: &[bool; 256], a: u8, b: u8, c: u8, from: usize) -> usize {
        if !self.lf {
            return self.find_in(stops, from);
        }
        memchr::memchr3(a, b, c, &self.s[from..]).map_or(self.s.len(), |k| from + k)
    }

    /// The first byte from `from` on that `stops` marks, or the end of the text.
    fn find_in(&self, stops: &[bool; 256], from: usize) -> usize {
        self.s[from..]
            .iter()
            .position(|&x| stops[usize::from(x)])
            .map_or(self.s.len(), |k| from + k)
    }

    /// The column of `i` in characters, as libyaml counts them.
    fn col(&mut self) -> usize {
        if self.col_pos > self.i {
            self.col_pos = self.line_start;
            self.col = 0;
        }
        let chars = self.s[self.col_pos..self.i]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        self.col += chars;
        self.col_pos = self.i;
        self.col
    }

    fn here(&mut self) -> Place {
        Place {
            line: self.line + 1,
            col: self.col() + 1,
        }
    }

    fn starts_with(&self, word: &[u8]) -> bool {
        self.s[self.i..].starts_with(word)
    }

    // ---- nesting ----

    fn flow(&self) -> bool {
        self.flow_level > 0
    }

    fn indent(&self) -> isize {
        self.blocks.last().map_or(-1, |b| b.col as isize)
    }

    /// A collection starting at `at`, one level deeper than those open now.
    fn open(&mut self, at: Place) {
        self.depth += 1;
        self.reached(self.depth, at);
    }

    /// Nesting `depth` deep was reached at `at`.
    fn reached(&mut self, depth: usize, at: Place) {
        if depth > self.limit && self.over.is_none() {
            self.over = Some(at);
        }
        if let Some(&k) = self.pending.last() {
            let key = &mut self.keys[k];
            if depth > key.hi || (depth == key.hi && at < key.hi_at) {
                key.hi = depth;
                key.hi_at = at;
            }
        }
    }

    /// libyaml's `roll_indent`: a block collection opens at `col` unless one is open there.
    fn roll(&mut self, col: usize, map: bool, at: Place) -> bool {
        if self.flow() || self.indent() >= col as isize {
            return false;
        }
        self.blocks.push(Block {
            col,
            map,
            indentless: false,
        });
        self.open(at);
        true
    }

    /// libyaml's `unroll_indent`: block collections deeper than `col` end.
    fn unroll(&mut self, col: isize) {
        if self.flow() {
            return;
        }
        while self.indent() > col {
            if let Some(b) = self.blocks.pop() {
                self.depth -= 1 + usize::from(b.indentless);
            }
        }
    }

    /// A token at the column of a mapping that is not `- ` ends the sequence written
    /// under its key at that column.
    fn end_indentless(&mut self, col: usize) {
        if self.flow() || (self.at(self.i) == b'-' && self.blankz(self.i + 1)) {
            return;
        }
        if let Some(b) = self.blocks.last_mut()
            && b.col == col
            && b.indentless
        {
            b.indentless = false;
            self.depth -= 1;
        }
    }

    // ---- possible keys ----

    fn save_key(&mut self, col: usize) {
        if !self.allowed {
            return;
        }
        self.remove_key();
        let top = self.keys.len() - 1;
        self.keys[top] = Key {
            possible: true,
            line: self.line,
            pos: self.i,
            col,
            hi: 0,
            hi_at: Place { line: 0, col: 0 },
            props: self.props,
            flows: self.flows.len(),
        };
        self.pending.push(top);
    }

    /// The innermost possible key is not a key after all.
    fn remove_key(&mut self) {
        let top = self.keys.len() - 1;
        let key = &mut self.keys[top];
        if key.possible {
            key.possible = false;
            let (hi, hi_at) = (key.hi, key.hi_at);
            self.pending.pop();
            if hi > 0 {
                self.reached(hi, hi_at);
            }
        }
    }

    /// Takes the innermost possible key off the list, if there is one.
    fn take_key(&mut self) -> Option<Key> {
        let top = self.keys.len() - 1;
        if !self.keys[top].possible {
            return None;
        }
        self.keys[top].possible = false;
        self.pending.pop();
        Some(self.keys[top])
    }

    /// What nested inside a key's span counts in the span around it, `bump` levels
    /// deeper when the key opened a mapping.
    fn merge(&mut self, key: Key, bump: usize) {
        if key.hi > 0 {
            self.reached(key.hi + bump, key.hi_at);
        }
    }

    /// libyaml's `stale_simple_keys`: a key must end on its line, within 1024 bytes.
    fn stale(&mut self) {
        let top = &self.keys[self.keys.len() - 1];
        if top.possible && (top.line < self.line || top.pos + 1024 < self.i) {
            self.remove_key();
        }
    }

    // ---- tokens ----

    /// libyaml's `scan_to_next_token`: blanks, comments and line breaks.
    fn skip_to_token(&mut self) {
        loop {
            if self.i == self.line_start && self.starts_with(BOM) {
                self.i += BOM.len();
            }
            while self.at(self.i) == b' '
                || ((self.flow() || !self.allowed) && self.at(self.i) == b'\t')
            {
                self.i += 1;
            }
            if self.at(self.i) == b'#' {
                self.skip_line();
            }
            if self.i >= self.s.len() || self.break_len(self.i) == 0 {
                return;
            }
            self.take_break();
            if !self.flow() {
                self.allowed = true;
            }
        }
    }

    /// libyaml's `fetch_next_token`, past the blanks: one token at `i`, column `col`.
    fn token(&mut self, col: usize) {
        let c = self.at(self.i);
        let flow = self.flow();
        // libyaml's parser, at a `?` that opens a pair in a flow sequence, takes the
        // next token for the key if it is `:`, `,` or `]`: that token is gone, and a `]`
        // taken so leaves the sequence and its pair open for the parser, though closed
        // for the scanner (`[[?]: [?]: [?]: …` nests two levels a `[?]: `).
        let empty_key = std::mem::take(&mut self.empty_key);
        if col == 0 && c == b'%' {
            // A directive.
            self.unroll(-1);
            self.remove_key();
            self.allowed = false;
            self.skip_line();
            return;
        }
        if col == 0
            && (self.starts_with(b"---") || self.starts_with(b"..."))
            && self.blankz(self.i + 3)
        {
            // A document start or end.
            self.unroll(-1);
            self.remove_key();
            self.allowed = false;
            self.i += 3;
            return;
        }
        match c {
            b'[' | b'{' => {
                self.save_key(col);
                let at = self.here();
                self.open(self.props.unwrap_or(at));
                self.flows.push(Flow {
                    seq: c == b'[',
                    pair: false,
                });
                self.flow_level += 1;
                self.keys.push(NO_KEY);
                self.allowed = true;
                self.i += 1;
            }
            b']' | b'}' => {
                self.remove_key();
                if self.flow_level > 0 {
                    self.flow_level -= 1;
                    self.keys.pop();
                }
                if !(empty_key && c == b']')
                    && let Some(f) = self.flows.pop()
                {
                    self.depth -= 1 + usize::from(f.pair);
                }
                self.allowed = false;
                self.i += 1;
            }
            b',' => {
                self.remove_key();
                self.allowed = true;
                if !empty_key
                    && let Some(f) = self.flows.last_mut()
                    && f.pair
                {
                    f.pair = false;
                    self.depth -= 1;
                }
                self.i += 1;
            }
            b'-' if self.blankz(self.i + 1) => {
                if !flow {
                    let here = self.here();
                    let at = self.props.unwrap_or(here);
                    if !self.roll(col, false, at)
                        && let Some(b) = self.blocks.last_mut()
                        && b.map
                        && !b.indentless
                    {
                        b.indentless = true;
                        self.open(at);
                    }
                }
                self.remove_key();
                self.allowed = true;
                self.i += 1;
            }
            b'?' if flow || self.blankz(self.i + 1) => {
                let at = self.here();
                if !flow {
                    self.roll(col, true, self.props.unwrap_or(at));
                }
                self.empty_key = self.open_pair(self.flows.len(), at);
                self.remove_key();
                self.allowed = !flow;
                self.i += 1;
            }
            b':' if flow || self.blankz(self.i + 1) => {
                if let Some(key) = self.take_key() {
                    let at = Place {
                        line: key.line + 1,
                        col: key.col + 1,
                    };
                    let rolled = !flow && self.roll(key.col, true, key.props.unwrap_or(at));
                    let paired = self.open_pair(key.flows, at);
                    self.merge(key, usize::from(rolled) + usize::from(paired));
                    self.watched_key(key.pos);
                    self.allowed = false;
                } else {
                    let at = self.here();
                    self.roll(col, true, self.props.unwrap_or(at));
                    self.allowed = !flow;
                }
                self.i += 1;
            }
            b'*' | b'&' => {
                self.save_key(col);
                if c == b'&' && self.props.is_none() {
                    self.props = Some(self.here());
                }
                self.allowed = false;
                self.i += 1;
                while is_alpha(self.at(self.i)) {
                    self.i += 1;
                }
            }
            b'!' => {
                self.save_key(col);
                if self.props.is_none() {
                    self.props = Some(self.here());
                }
                self.allowed = false;
                self.tag();
            }
            b'|' | b'>' if !flow => {
                self.remove_key();
                self.allowed = true;
                self.block_scalar();
            }
            b'\'' | b'"' => {
                self.save_key(col);
                self.allowed = false;
                self.quoted(c);
            }
            _ => {
                // A plain scalar; also what libyaml would stop at as an error (a tab,
                // `@`, `` ` ``, `%` past the first column, `|` or `>` in brackets).
                self.save_key(col);
                self.allowed = false;
                let from = self.i;
                self.plain();
                if self.i == from {
                    self.i += 1;
                }
            }
        }
    }

    /// A key in a flow sequence opens a mapping of one pair; true if it did. The key is
    /// an entry of the `n`-th flow collection the parser has open (the last, but for a
    /// `]` the parser took for a key since).
    fn open_pair(&mut self, n: usize, at: Place) -> bool {
        match n.checked_sub(1).and_then(|k| self.flows.get_mut(k)) {
            Some(f) if f.seq && !f.pair => {
                f.pair = true;
                self.open(at);
                true
            }
            _ => false,
        }
    }

    /// libyaml's `scan_tag`: `!<uri>`, or `!`, a handle and a suffix.
    fn tag(&mut self) {
        self.i += 1;
        let verbatim = self.at(self.i) == b'<';
        if verbatim {
            self.i += 1;
        }
        while is_uri(self.at(self.i), verbatim) {
            self.i += 1;
        }
        if verbatim && self.at(self.i) == b'>' {
            self.i += 1;
        }
    }

    /// libyaml's `scan_flow_scalar`: a single- or double-quoted scalar, over any lines.
    fn quoted(&mut self, quote: u8) {
        self.i += 1;
        let stops = if quote == b'"' { &DOUBLE } else { &SINGLE };
        loop {
            self.i = self.find(stops, quote, b'\\', b'\n', self.i);
            if self.i >= self.s.len() {
                return;
            }
            let c = self.s[self.i];
            if c == quote {
                if quote == b'\'' && self.at(self.i + 1) == b'\'' {
                    self.i += 2;
                    continue;
                }
                self.i += 1;
                return;
            }
            if c == b'\\' && quote == b'"' {
                self.i += 1;
                if self.break_len(self.i) > 0 {
                    self.take_break();
                } else if self.i < self.s.len() {
                    self.i += 1;
                }
            } else if self.break_len(self.i) > 0 {
                self.take_break();
            } else {
                self.i += 1;
            }
        }
    }

    /// libyaml's `scan_plain_scalar`: a scalar without quotes, over the lines indented
    /// past the block it stands in (any lines, in brackets).
    fn plain(&mut self) {
        let flow = self.flow();
        let indent = self.indent() + 1;
        let mut leading_blanks = false;
        loop {
            if self.i == self.line_start
                && (self.starts_with(b"---") || self.starts_with(b"..."))
                && self.blankz(self.i + 3)
            {
                break;
            }
            if self.at(self.i) == b'#' {
                break;
            }
            if !flow && self.lf {
                self.line_words();
            } else {
                self.word(flow);
            }
            if !(self.blank(self.i) || self.break_len(self.i) > 0) {
                break;
            }
            let mut new_line = false;
            while self.blank(self.i) || self.break_len(self.i) > 0 {
                if self.blank(self.i) {
                    self.i += 1;
                } else {
                    self.take_break();
                    leading_blanks = true;
                    new_line = true;
                }
            }
            // A line indented no further than the block the scalar stands in ends it.
            // (Within a line the column is always past that: a word and a blank past
            // the scalar's start, which is at the block's column or further.)
            if !flow && new_line && ((self.i - self.line_start) as isize) < indent {
                break;
            }
        }
        if leading_blanks {
            self.allowed = true;
        }
    }

    /// One word of a plain scalar: up to a blank, a line break or `: `; in brackets also
    /// up to a bracket, a comma, or a `:` before one of them or `?`.
    fn word(&mut self, flow: bool) {
        let stops = if flow { &PLAIN_FLOW } else { &PLAIN_BLOCK };
        loop {
            self.i = self.find_in(stops, self.i);
            let Some(&c) = self.s.get(self.i) else {
                return;
            };
            let ends = match c {
                b':' => {
                    self.blankz(self.i + 1)
                        || (flow
                            && matches!(
                                self.at(self.i + 1),
                                b',' | b'?' | b'[' | b']' | b'{' | b'}'
                            ))
                }
                0xC2 | 0xE2 => self.break_len(self.i) > 0,
                _ => true,
            };
            if ends {
                return;
            }
            self.i += 1;
        }
    }

    /// The words of a plain scalar to the end of their line, out of brackets, in a text
    /// whose lines end in LF: they end at a `: `, at a `#` after a blank, or at the line
    /// break. The blanks between them are where [`Scan::word`] would stop and go on.
    fn line_words(&mut self) {
        let from = self.i;
        loop {
            self.i = self.find(&PLAIN_BLOCK, b':', b'#', b'\n', self.i);
            let ends = match self.at(self.i) {
                b':' => self.blankz(self.i + 1),
                b'#' => self.i > from && self.blank(self.i - 1),
                _ => true,
            };
            if ends || self.i >= self.s.len() {
                return;
            }
            self.i += 1;
        }
    }

    /// libyaml's `scan_block_scalar`: `|` or `>`, its header, then the lines indented at
    /// least as far as its first.
    fn block_scalar(&mut self) {
        self.i += 1;
        let mut increment = 0;
        let c = self.at(self.i);
        if c == b'+' || c == b'-' {
            self.i += 1;
            if self.at(self.i).is_ascii_digit() {
                increment = isize::from(self.at(self.i) - b'0');
                self.i += 1;
            }
        } else if c.is_ascii_digit() {
            increment = isize::from(c - b'0');
            self.i += 1;
            if matches!(self.at(self.i), b'+' | b'-') {
                self.i += 1;
            }
        }
        // The rest of the header line: blanks, a comment (anything else is an error).
        self.skip_line();
        if self.i < self.s.len() {
            self.take_break();
        }
        let mut indent = 0;
        if increment != 0 {
            let outer = self.indent();
            indent = if outer >= 0 {
                outer + increment
            } else {
                increment
            };
        }
        self.block_breaks(&mut indent);
        while self.i < self.s.len() && self.col() as isize == indent {
            self.skip_line();
            if self.i < self.s.len() {
                self.take_break();
            }
            self.block_breaks(&mut indent);
        }
    }

    /// libyaml's `scan_block_scalar_breaks`: the indentation and the empty lines before a
    /// line of a block scalar; fixes the indentation from the first line if not given.
    fn block_breaks(&mut self, indent: &mut isize) {
        let mut max_indent = 0;
        loop {
            while (*indent == 0 || (self.col() as isize) < *indent) && self.at(self.i) == b' ' {
                self.i += 1;
            }
            let col = self.col() as isize;
            max_indent = max_indent.max(col);
            if (*indent == 0 || col < *indent) && self.at(self.i) == b'\t' {
                break; // libyaml: a tab where an indentation space is expected
            }
            if self.break_len(self.i) == 0 {
                break;
            }
            self.take_break();
        }
        if *indent == 0 {
            *indent = max_indent.max(self.indent() + 1).max(1);
        }
    }
}

const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// A table of the bytes in `bytes`, and of the first bytes of the line breaks NEL, LS
/// and PS.
const fn stops(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
}

/// Where a line may end.
static LINE: [bool; 256] = stops(b"");
/// Where something in a quoted scalar may end it.
static DOUBLE: [bool; 256] = stops(b"\"\\");
static SINGLE: [bool; 256] = stops(b"'");
/// Where a word of a plain scalar may end.
static PLAIN_BLOCK: [bool; 256] = stops(b" \t:");
static PLAIN_FLOW: [bool; 256] = stops(b" \t:,[]{}");

/// The characters of anchors and aliases.
fn is_alpha(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// The characters of a tag; brackets and commas only between `!<` and `>`.
fn is_uri(c: u8, verbatim: bool) -> bool {
    is_alpha(c) || b";/?:@&=+$.%!~*'()".contains(&c) || (verbatim && b",[]".contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<(usize, usize)> {
        first_too_deep(text)
    }

    #[test]
    fn a_debate_file_is_not_too_deep() {
        let t = "version: 1\ntitle: T\npositions:\n  - id: p\n    title: P\nclaims:\n  - id: a\n    position: p\n    text: \"[[[[ ]]]]\"\n    quotes:\n      - source: s\n        text: |\n          - - - - [[[[\n    tags: [x, y]\n";
        assert_eq!(at(t), None);
    }

    #[test]
    fn compact_sequences_count_a_level_each() {
        let ok = format!("{}a\n", "- ".repeat(MAX_DEPTH));
        assert_eq!(at(&ok), None);
        let deep = format!("{}a\n", "- ".repeat(MAX_DEPTH + 1));
        assert_eq!(at(&deep), Some((1, 2 * MAX_DEPTH + 1)));
    }

    #[test]
    fn a_sequence_under_a_key_at_its_column_is_a_level() {
        // `positions:` then `- - - …`: the mapping, the sequence at the key's column,
        // then one more per dash.
        let deep = format!("positions:\n{}a\n", "- ".repeat(MAX_DEPTH));
        assert_eq!(at(&deep), Some((2, 2 * (MAX_DEPTH - 1) + 1)));
        let ok = format!("positions:\n{}a\n", "- ".repeat(MAX_DEPTH - 1));
        assert_eq!(at(&ok), None);
    }

    #[test]
    fn indentation_counts_a_level_per_column() {
        let deep: String = (0..=MAX_DEPTH)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(at(&deep), Some((MAX_DEPTH + 1, MAX_DEPTH + 1)));
        let ok: String = (0..MAX_DEPTH)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(at(&ok), None);
    }

    #[test]
    fn brackets_count_and_quotes_hide_them() {
        let deep = format!("a: {}", "[".repeat(MAX_DEPTH));
        assert_eq!(at(&deep), Some((1, 4 + MAX_DEPTH - 1)));
        // A closing bracket in quotes closes nothing.
        let hidden = format!("a: {}", "[ \"]\", ".repeat(MAX_DEPTH));
        assert!(at(&hidden).is_some());
        // Brackets in quotes, comments, plain text and block scalars open nothing.
        let text = "a: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\" # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nb: x[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nc: |\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n";
        assert_eq!(at(text), None);
    }

    #[test]
    fn a_pair_in_a_sequence_is_a_mapping() {
        // `[k: [k: …]]`: a sequence and a mapping per bracket.
        let half = MAX_DEPTH / 2;
        let ok = format!("{}x{}", "[k: ".repeat(half), "]".repeat(half));
        assert_eq!(at(&ok), None);
        let deep = format!("{}x{}", "[k: ".repeat(half + 1), "]".repeat(half + 1));
        assert!(at(&deep).is_some());
        // A key that is itself a sequence: its mapping started before it.
        let keys = format!("{}x{}", "[".repeat(half + 1), "]: v".repeat(half + 1));
        assert!(at(&keys).is_some());
    }

    #[test]
    fn a_bracket_taken_for_a_missing_key_closes_nothing() {
        // Found by fuzzing against libyaml: there, the `]` of `[?]` is the pair's key.
        assert_eq!(first_deeper_than("[[[j]: [?]: {[v]a)---", 6), Some((1, 14)));
        let deep = format!("[{}x]", "[?]: ".repeat(MAX_DEPTH));
        // The list, its pair (the first `[` is a key), then a list and a pair a `[?]: `.
        assert_eq!(at(&deep), Some((1, 2 + 5 * (MAX_DEPTH / 2 - 1))));
    }

    #[test]
    fn a_quoted_line_break_is_not_a_new_line_of_blocks() {
        // libyaml reads the quote to its end over the lines; the dashes inside it are text.
        let t = format!("- \"\n{}\"\n", "- ".repeat(100));
        assert_eq!(at(&t), None);
        // A plain scalar goes on over lines indented past its block; the quote there is text.
        let t = format!("- plain\n  \"\n{}\n\"\n", "- ".repeat(100));
        assert!(at(&t).is_some());
    }
}
