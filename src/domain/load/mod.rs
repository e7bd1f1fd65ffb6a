//! Loading a debate file: bytes in, a validated [`Debate`] or every problem out.
//!
//! A valid file takes the fast path: serde reads it straight into the raw structs. Only
//! when that fails does a lenient reader walk the file to find *every* structural
//! problem, and only when there are problems are their lines and columns looked up.

pub mod diag;
mod locate;
pub mod progress;
pub mod quote;
pub mod raw;
mod split;
pub mod validate;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Mapping, Value};

use crate::domain::graph::model::Debate;
use crate::domain::load::diag::{Diagnostic, LoadError};
use crate::domain::load::locate::locate;
use crate::domain::load::progress::{Phase, Progress};
use crate::domain::load::raw::schema::{self, Field, Kind};
use crate::domain::load::raw::{RawDebate, budget};
use crate::domain::load::validate::{Origins, Problem, SourceFiles, Stats, validate};
use crate::domain::text::{closest, line_col};

/// The largest debate file read, and the largest source file.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// A loaded debate and what loading it verified.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub debate: Debate,
    pub stats: Stats,
}

/// Source files on disk, relative to the debate file's folder.
pub struct DiskFiles {
    pub base: PathBuf,
}

impl SourceFiles for DiskFiles {
    fn read(&self, relative: &str) -> Result<String, String> {
        let path = self.base.join(relative);
        // The name comes from the debate file: a device or a pipe could hang the load or
        // feed it without end, so only files (and folders, refused below) are opened.
        if std::fs::metadata(&path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            return Err(String::from(
                "it is not a regular file (a device or a pipe?)",
            ));
        }
        let bytes = read_capped(&path).map_err(|e| e.to_string())?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, col) = line_col(
                &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
                usize::MAX,
            );
            format!("it is not UTF-8 text (first bad byte at line {line}, column {col})")
        })?;
        Ok(strip_bom(&text).to_string())
    }
}

/// Files embedded in the binary, by relative path.
pub struct EmbeddedFiles(pub &'static [(&'static str, &'static str)]);

impl SourceFiles for EmbeddedFiles {
    fn read(&self, relative: &str) -> Result<String, String> {
        self.0
            .iter()
            .find(|(p, _)| *p == relative)
            .map(|(_, t)| t.to_string())
            .ok_or_else(|| "no such embedded file".to_string())
    }
}

pub(crate) fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    read_counted(path, &Progress::default())
}

/// Reads a file of at most [`MAX_FILE_BYTES`], telling `progress` as it goes.
fn read_counted(path: &Path, progress: &Progress) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::other("it is a directory"));
    }
    let expected = meta.len().min(MAX_FILE_BYTES) as usize;
    progress.start(Phase::Reading, expected);
    let mut bytes = Vec::with_capacity(expected);
    let mut limited = file.take(MAX_FILE_BYTES + 1);
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = match limited.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        bytes.extend_from_slice(&chunk[..n]);
        progress.advance(n);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {} MiB",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    Ok(bytes)
}

fn strip_bom(s: &str) -> &str {
    s.strip_prefix('\u{FEFF}').unwrap_or(s)
}

/// Loads a debate file from disk; its source files are read relative to its folder.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    load_path_with(path, &Progress::default())
}

/// [`load_path`], telling `progress` how far it has come.
pub fn load_path_with(path: &Path, progress: &Progress) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let bytes = read_counted(path, progress).map_err(|e| {
        LoadError::Io(
            Diagnostic::whole_file(&name, format!("cannot read the file: {e}")).note(
                "hint: check the path, or run `debate-tui` with no file for the built-in debate",
            ),
        )
    })?;
    let base = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    load_bytes_with(&name, &bytes, &DiskFiles { base }, progress)
}

/// Loads a debate from the bytes of a file called `name` (used in messages).
pub fn load_bytes(name: &str, bytes: &[u8], files: &dyn SourceFiles) -> Result<Loaded, LoadError> {
    load_bytes_with(name, bytes, files, &Progress::default())
}

/// [`load_bytes`], telling `progress` how far it has come.
pub fn load_bytes_with(
    name: &str,
    bytes: &[u8],
    files: &dyn SourceFiles,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    let invalid = |problems: Vec<Diagnostic>| LoadError::Invalid {
        file: name.to_string(),
        problems,
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => strip_bom(t),
        Err(e) => {
            let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let (line, col) = line_col(&good, usize::MAX);
            return Err(invalid(vec![
                Diagnostic::new(name, line, col, "the file is not UTF-8 text")
                    .note("hint: save the file as UTF-8"),
            ]));
        }
    };
    if text.trim().is_empty() {
        return Err(invalid(vec![Diagnostic::whole_file(name, "the file is empty").note(
            "hint: a debate needs at least `version: 1`, a `title` and `positions`; see docs/format.md",
        )]));
    }

    if let Some(format) = crate::domain::import::detect(text) {
        return crate::domain::import::load(format, name, text, files, progress);
    }

    progress.start(Phase::Parsing, 0);
    let (raw, origins, mut problems) = read_raw(name, text)?;
    let result = match raw {
        Some(raw) => match validate(raw, &origins, files, progress) {
            Ok((debate, stats)) if problems.is_empty() => return Ok(Loaded { debate, stats }),
            Ok(_) => Vec::new(),
            Err(more) => more,
        },
        None => Vec::new(),
    };
    problems.extend(result);
    Err(invalid(place(name, text, problems)))
}

/// Reads the raw structs: the fast path when the file is well formed, else the lenient
/// reader's best effort and the structural problems it found. A file that is not YAML at
/// all, or whose aliases blow up, is an error straight away.
fn read_raw(
    name: &str,
    text: &str,
) -> Result<(Option<RawDebate>, Origins, Vec<Problem>), LoadError> {
    too_deep(name, text)?;
    if let Some(raw) = crate::domain::load::split::read(text) {
        return Ok((Some(raw), Origins::default(), Vec::new()));
    }
    let (fast, exceeded) = budget::scoped(text.len(), || serde_yaml::from_str::<RawDebate>(text));
    let fast_err = match fast {
        Ok(raw) => return Ok((Some(raw), Origins::default(), Vec::new())),
        Err(e) if exceeded => return Err(serde_error(name, text, &e)),
        Err(e) => e,
    };
    let (value, exceeded) = budget::scoped(text.len(), || {
        de::DeserializeSeed::deserialize(Seed(0), serde_yaml::Deserializer::from_str(text))
    });
    let value = match value {
        Ok(v) if !exceeded => v,
        Ok(_) => return Err(serde_error(name, text, &fast_err)),
        Err(e) => return Err(serde_error(name, text, &e)),
    };
    let mut problems = Vec::new();
    let (raw, origins) = lenient(&value, &mut problems);
    if problems.is_empty() && raw.is_some() {
        // The lenient reader found nothing; report what serde said rather than nothing.
        return Err(serde_error(name, text, &fast_err));
    }
    Ok((raw, origins, problems))
}

const DEEP_HINT: &str =
    "hint: a debate file needs six levels of nesting at most; this looks like a damaged file";

/// How deep a debate file may nest. Format v1 needs six levels; anything past this is
/// invalid wherever it stands, so it is refused before serde_yaml, whose parser slows
/// down with the square of the depth, sees it.
const MAX_DEPTH: usize = 32;

/// Finds files nesting deeper than [`MAX_DEPTH`]. A byte scan of brackets finds the
/// suspects cheaply (block nesting is cheap for serde_yaml); yaml-rust2, which is
/// linear here, measures the real depth.
fn too_deep(name: &str, text: &str) -> Result<(), LoadError> {
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

/// One problem from serde_yaml, with its place and a hint for the usual causes.
fn serde_error(name: &str, text: &str, e: &serde_yaml::Error) -> LoadError {
    let (line, col) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let msg = e.to_string();
    // serde_yaml appends " at line N column M"; the place is printed in front instead.
    let msg = match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let mut d = Diagnostic::new(name, line, col, msg.clone());
    if d.line == 0 {
        d.col = 0;
    }
    if msg.contains("recursion limit") {
        d = d.note(
            "hint: the file nests too deeply to be a debate; format v1 needs five levels at most",
        );
    } else if msg.contains("tab") || line_has_tab(text, line) {
        d = d.note("hint: YAML indents with spaces only; replace the tabs with spaces");
    } else if msg.contains(budget::EXCEEDED) || msg.contains("repetition limit") {
        d = Diagnostic::new(name, d.line, d.col, budget::EXCEEDED);
    } else if msg.contains("did not find expected") || msg.contains("could not find expected") {
        d = d.note("hint: check the indentation and the brackets and quotes around this place");
    }
    LoadError::Invalid {
        file: name.to_string(),
        problems: vec![d],
    }
}

fn line_has_tab(text: &str, line: usize) -> bool {
    line > 0
        && text
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.trim_start_matches(' ').starts_with('\t'))
}

/// Turns problems at paths into diagnostics at lines, in file order.
fn place(name: &str, text: &str, problems: Vec<Problem>) -> Vec<Diagnostic> {
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
            let mut d = Diagnostic::new(name, line, col, p.message);
            d.notes = p.notes;
            d
        })
        .collect();
    out.sort_by_key(|d| (d.line, d.col));
    out
}

/// Reads the debate from a generic YAML value, reporting every unknown field, missing
/// field and value of the wrong kind. Unknown and broken optional fields are left out and
/// the item kept; an item missing a required field is left out (its id is remembered so
/// that references to it are not reported again).
fn lenient(value: &Value, problems: &mut Vec<Problem>) -> (Option<RawDebate>, Origins) {
    let mut origins = Origins::default();
    let Some(top) = value.as_mapping() else {
        problems.push(
            Problem::new(
                "",
                "a debate file must be a mapping of fields, starting with `version: 1`",
            )
            .note("hint: see docs/format.md for the layout"),
        );
        return (None, origins);
    };
    let (top, _) = clean(top, "", schema::DEBATE, problems, false);
    origins.title_reported = !top.contains_key("title");
    origins.positions_in_file =
        matches!(top.get("positions"), Some(Value::Sequence(l)) if !l.is_empty());
    let get = |k: &str| top.get(k);
    let raw = RawDebate {
        version: get("version").and_then(Value::as_u64).unwrap_or(1),
        title: get("title").and_then(scalar_text).unwrap_or_default(),
        description: get("description").and_then(scalar_text),
        sources: items(
            get("sources"),
            "sources",
            schema::SOURCE,
            problems,
            &mut origins.sources,
            &mut origins.dropped_ids,
        ),
        positions: items(
            get("positions"),
            "positions",
            schema::POSITION,
            problems,
            &mut origins.positions,
            &mut origins.dropped_ids,
        ),
        claims: items(
            get("claims"),
            "claims",
            schema::CLAIM,
            problems,
            &mut origins.claims,
            &mut origins.dropped_ids,
        ),
    };
    (Some(raw), origins)
}

/// The text of a scalar read as a string (serde reads numbers and booleans as text too).
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The readable items of a top-level list, each converted by serde.
fn items<T: serde::de::DeserializeOwned>(
    list: Option<&Value>,
    key: &str,
    fields: &[Field],
    problems: &mut Vec<Problem>,
    origin: &mut Vec<usize>,
    dropped: &mut HashSet<String>,
) -> Vec<T> {
    let Some(Value::Sequence(list)) = list else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let path = format!("{key}[{i}]");
        let cleaned = match item.as_mapping() {
            Some(m) => match clean(m, &path, fields, problems, true) {
                (m, true) => Some(m),
                (_, false) => None,
            },
            None => {
                problems.push(Problem::new(
                    path.clone(),
                    format!("each entry of `{key}` must be a mapping of fields (`id: ...`)"),
                ));
                None
            }
        };
        if let Some(m) = cleaned {
            match serde_yaml::from_value::<T>(Value::Mapping(m)) {
                Ok(t) => {
                    out.push(t);
                    origin.push(i);
                    continue;
                }
                Err(e) => problems.push(Problem::new(path, e.to_string())),
            }
        }
        if let Some(id) = item.get("id").and_then(scalar_text) {
            dropped.insert(id);
        }
    }
    out
}

/// Checks one mapping against its fields and returns it without its unknown and broken
/// fields, and whether it is readable (no required field missing or broken). Lists of items
/// are cleaned the same way when `nested`; the top-level lists are left to [`items`].
fn clean(
    m: &Mapping,
    path: &str,
    fields: &[Field],
    problems: &mut Vec<Problem>,
    nested: bool,
) -> (Mapping, bool) {
    let at = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    let mut out = Mapping::new();
    let mut readable = true;
    for (k, v) in m {
        let Some(key) = k.as_str() else {
            problems.push(Problem::new(path, "field names must be text"));
            continue;
        };
        let Some(field) = fields.iter().find(|f| f.name == key) else {
            let mut p = Problem::new(format!("{}@key", at(key)), format!("unknown field `{key}`"));
            let names = fields.iter().map(|f| f.name);
            p = match closest(key, names) {
                Some(near) => p.note(format!("hint: did you mean `{near}`?")),
                None => p.note(format!(
                    "hint: the fields here are {}",
                    fields
                        .iter()
                        .map(|f| format!("`{}`", f.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            problems.push(p);
            continue;
        };
        match check_kind(v, &at(key), field, problems, nested) {
            Some(v) => {
                out.insert(k.clone(), v);
            }
            None => readable &= !field.required,
        }
    }
    for f in fields.iter().filter(|f| f.required) {
        if !m.contains_key(f.name) {
            problems.push(
                Problem::new(path, format!("missing required field `{}`", f.name))
                    .note(format!("hint: add `{}: ...`", f.name)),
            );
            readable = false;
        }
    }
    (out, readable)
}

/// The value if it is of the field's kind (cleaned, for lists of items), else `None`
/// with the problem reported.
fn check_kind(
    v: &Value,
    path: &str,
    field: &Field,
    problems: &mut Vec<Problem>,
    nested: bool,
) -> Option<Value> {
    let name = field.name;
    let wrong = |what: &str| Problem::new(path, format!("`{name}` must be {what}"));
    match (field.kind, v) {
        (Kind::Int, v) if v.as_u64().is_some() => Some(v.clone()),
        (Kind::Int, _) => {
            problems.push(wrong("a whole number").note("hint: write `version: 1`"));
            None
        }
        (Kind::Str, Value::Null) if field.required => {
            problems.push(Problem::new(path, format!("`{name}` is empty")));
            None
        }
        (Kind::Str, v) if v.is_null() || scalar_text(v).is_some() => Some(v.clone()),
        (Kind::Str, _) => {
            problems.push(wrong("text").note(
                "hint: put the text in quotes if it contains `: ` or starts with `[`, `{` or `-`",
            ));
            None
        }
        (Kind::StrList | Kind::List(_), Value::Null) => Some(Value::Null),
        (Kind::StrList, Value::Sequence(list)) => {
            let mut ok = true;
            for (i, item) in list.iter().enumerate() {
                if scalar_text(item).is_none() {
                    problems.push(Problem::new(
                        format!("{path}[{i}]"),
                        format!("each entry of `{name}` must be an id"),
                    ));
                    ok = false;
                }
            }
            ok.then(|| v.clone())
        }
        (Kind::StrList, Value::String(s)) => {
            problems.push(wrong("a list").note(format!("hint: write `{name}: [{s}]`")));
            None
        }
        (Kind::StrList, _) => {
            problems.push(wrong("a list of ids"));
            None
        }
        (Kind::List(_), Value::Sequence(_)) if !nested => Some(v.clone()),
        (Kind::List(inner), Value::Sequence(list)) => {
            let mut out = Vec::with_capacity(list.len());
            for (i, item) in list.iter().enumerate() {
                let ipath = format!("{path}[{i}]");
                match item.as_mapping() {
                    Some(m) => match clean(m, &ipath, inner, problems, true) {
                        (m, true) => out.push(Value::Mapping(m)),
                        (_, false) => return None,
                    },
                    None => {
                        problems.push(Problem::new(
                            ipath,
                            format!("each entry of `{name}` must be a mapping of fields"),
                        ));
                        return None;
                    }
                }
            }
            Some(Value::Sequence(out))
        }
        (Kind::List(_), _) => {
            problems.push(wrong("a list"));
            None
        }
    }
}

/// Format v1 nests five levels deep (debate, claims, claim, quotes, quote); anything
/// deeper is of the wrong kind wherever it stands, so it is skipped, not built.
const SCHEMA_DEPTH: usize = 6;

/// What stands in for a skipped value: of no kind the schema accepts.
fn skipped() -> Value {
    Value::Tagged(Box::new(serde_yaml::value::TaggedValue {
        tag: serde_yaml::value::Tag::new("skipped"),
        value: Value::Null,
    }))
}

/// A YAML value read under the alias budget, with duplicate keys refused and what lies
/// deeper than the schema skipped. The number is the depth.
struct BoundedValue(usize);

impl<'de> Visitor<'de> for BoundedValue {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        budget::charge_value(0, v.len())?;
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        budget::charge_value(0, v.len())?;
        Ok(Value::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        de::DeserializeSeed::deserialize(Seed(self.0), d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Seed(self.0 + 1))? {
            budget::charge_value::<A::Error>(1, 0)?;
            out.push(v);
        }
        Ok(Value::Sequence(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Mapping::new();
        while let Some(k) = map.next_key_seed(Seed(self.0 + 1))? {
            let v = map.next_value_seed(Seed(self.0 + 1))?;
            budget::charge_value::<A::Error>(1, 0)?;
            if out.contains_key(&k) {
                let shown = k.as_str().map_or_else(|| "?".to_string(), str::to_string);
                return Err(de::Error::custom(format!("duplicate field `{shown}`")));
            }
            out.insert(k, v);
        }
        Ok(Value::Mapping(out))
    }
}

struct Seed(usize);

impl<'de> de::DeserializeSeed<'de> for Seed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.0 > SCHEMA_DEPTH {
            d.deserialize_any(Skip)?;
            return Ok(skipped());
        }
        d.deserialize_any(BoundedValue(self.0))
    }
}

/// Walks a value without building it. Unlike `IgnoredAny`, it goes through
/// `deserialize_any`, where serde_yaml enforces its depth limit, and it charges the
/// elements it passes so that aliases in skipped parts stay bounded too.
struct Skip;

impl<'de> Visitor<'de> for Skip {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(SkipSeed)?.is_some() {
            budget::charge_value::<A::Error>(1, 0)?;
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(SkipSeed)?.is_some() {
            map.next_value_seed(SkipSeed)?;
            budget::charge_value::<A::Error>(1, 0)?;
        }
        Ok(())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        let ((), variant) = data.variant_seed(SkipSeed)?;
        variant.newtype_variant_seed(SkipSeed)
    }
}

struct SkipSeed;

impl<'de> de::DeserializeSeed<'de> for SkipSeed {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Skip)
    }
}
