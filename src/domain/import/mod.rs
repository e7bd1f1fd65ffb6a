//! Debates from other tools: Kialo discussion exports, AIF argument maps and Argdown
//! documents.
//!
//! Each importer reads its format into the same raw structs a format v1 file gives, so
//! the same validation runs after, and `debate-tui import` writes those structs out as
//! format v1 YAML. Importers never invent: a statement without a verbatim excerpt of a
//! source gets no quote, and the explorer shows it as unsourced.
//!
//! The format is told by content, not by the file's extension ([`detect`]).

pub mod aif;
pub mod argdown;
mod detect;
pub mod kialo;
pub(crate) mod left_out;

use std::path::Path;
use std::sync::Arc;

use crate::domain::load::Loaded;
use crate::domain::load::diag::{Diagnostic, LoadError};
use crate::domain::load::progress::{Phase, Progress};
use crate::domain::load::raw::RawDebate;
use crate::domain::load::read::{self, strip_bom};
use crate::domain::load::validate::{Origins, SourceFiles, validate};
use crate::domain::text::{is_lone_selector, is_unsafe, visible};

pub use detect::{detect, detect_named};

/// The formats debate-tui imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Kialo discussion export (`.txt`), either layout.
    Kialo,
    /// An AIF nodeset (`.json`), bare or inside an OVA file.
    Aif,
    /// An Argdown document (`.argdown`).
    Argdown,
}

impl Format {
    /// The format's name, as messages show it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Kialo => "Kialo export",
            Format::Aif => "AIF",
            Format::Argdown => "Argdown",
        }
    }
}

/// At most this many problems are reported for one imported file; a file that is not
/// what it seems to be would otherwise print one per line.
pub(crate) const MAX_PROBLEMS: usize = 200;

/// What an importer made of a file: the debate in the raw structs of format v1, and
/// what it could not carry over.
#[derive(Debug, Clone, Default)]
pub struct Conversion {
    pub raw: RawDebate,
    /// Each kind of thing left out or changed, with its count and the reason, as a
    /// warning about the file ("12 RA nodes without a conclusion left out: ...").
    pub left_out: Vec<Diagnostic>,
    /// Texts the file carries for its sources, by the `file` name the sources give
    /// them (the analysed text of an OVA file): the debate's quotes are checked
    /// against them, and `import` writes them beside the debate.
    pub texts: Vec<(String, Arc<str>)>,
}

impl From<RawDebate> for Conversion {
    fn from(raw: RawDebate) -> Self {
        Conversion {
            raw,
            left_out: Vec::new(),
            texts: Vec::new(),
        }
    }
}

impl Conversion {
    /// The debate without the texts the file carried, for where they cannot go with
    /// it (standard output): the sources that name them lose their `file`, and a
    /// warning says so.
    pub fn without_texts(&mut self, file: &str) {
        if self.texts.is_empty() {
            return;
        }
        for (name, _) in std::mem::take(&mut self.texts) {
            for s in &mut self.raw.sources {
                if s.file.as_deref() == Some(name.as_str()) {
                    s.file = None;
                }
            }
            self.left_out.push(
                Diagnostic::warning(file, format!("the analysed text, `{name}`, not written: the quotes are not checked"))
                    .note("note: the debate goes to standard output, which holds one file; with `-o OUT.yaml` the text is written beside it"),
            );
        }
    }
}

/// The source files of a debate, with the texts an import carries read first.
pub struct WithTexts<'a> {
    pub texts: &'a [(String, Arc<str>)],
    pub files: &'a dyn SourceFiles,
}

impl SourceFiles for WithTexts<'_> {
    fn read(&self, relative: &str) -> Result<Arc<str>, String> {
        match self.texts.iter().find(|(name, _)| name == relative) {
            Some((_, text)) => Ok(Arc::clone(text)),
            None => self.files.read(relative),
        }
    }
}

/// Reads `text`, in `format`, into the raw structs of format v1. `name` is the file's
/// name, used in messages (and, for AIF, in the debate's title when nothing better
/// offers).
pub fn import(format: Format, name: &str, text: &str) -> Result<Conversion, LoadError> {
    let text = strip_bom(text);
    match format {
        Format::Kialo => kialo::import(name, text),
        Format::Aif => aif::import(name, text),
        Format::Argdown => argdown::import(name, text),
    }
}

/// Imports `text` and checks the result by every rule of format v1: what loading a
/// file in another tool's format does.
pub fn load(
    format: Format,
    name: &str,
    text: &str,
    files: &dyn SourceFiles,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    progress.start(Phase::Importing, 0);
    let Conversion {
        raw,
        left_out,
        texts,
    } = import(format, name, text)?;
    let files = WithTexts {
        texts: &texts,
        files,
    };
    let mut loaded = check(name, raw, &files, progress)?;
    loaded.warnings = left_out;
    Ok(loaded)
}

/// Validates an imported debate. An importer builds only valid debates, so a problem
/// here is a flaw of the importer: it is reported against the file as a whole, naming
/// the imported item (there are no YAML lines to point at).
pub fn check(
    name: &str,
    raw: RawDebate,
    files: &dyn SourceFiles,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    let positions = Ids::of(raw.positions.iter().map(|p| p.id.as_str()));
    let claims = Ids::of(raw.claims.iter().map(|c| c.id.as_str()));
    match validate(raw, &Origins::default(), files, progress) {
        Ok((debate, stats)) => Ok(Loaded {
            debate,
            stats,
            warnings: Vec::new(),
            unmet: Vec::new(),
            lint: None,
        }),
        Err(problems) => Err(LoadError::Invalid {
            file: name.to_string(),
            problems: problems
                .into_iter()
                .map(|p| {
                    let item = imported_item(&p.path, &positions, &claims);
                    let mut d = Diagnostic::whole_file(
                        name,
                        format!("the imported {item}: {}", p.message),
                    );
                    d.notes = p.notes;
                    d.note("note: the import produced a debate that breaks a rule of format v1; please report this with the file")
                })
                .collect(),
        }),
    }
}

/// The ids of a list of items, kept to name an item in a message: all in one string,
/// which a large debate holds with far less memory than a string each.
struct Ids {
    all: String,
    ends: Vec<usize>,
}

impl Ids {
    fn of<'a>(ids: impl Iterator<Item = &'a str> + Clone) -> Ids {
        let mut all = String::with_capacity(ids.clone().map(str::len).sum());
        let mut ends = Vec::with_capacity(ids.size_hint().0);
        for id in ids {
            all.push_str(id);
            ends.push(all.len());
        }
        Ids { all, ends }
    }

    /// The id of item `n`.
    fn get(&self, n: usize) -> Option<&str> {
        let end = *self.ends.get(n)?;
        let start = n.checked_sub(1).map_or(0, |m| self.ends[m]);
        Some(&self.all[start..end])
    }
}

/// `claims[3].text` as `claim `k-1-2` (claims[3].text)`, for a message.
fn imported_item(path: &str, positions: &Ids, claims: &Ids) -> String {
    let id = |list: &Ids, rest: &str| {
        let n: Option<usize> = rest.split(']').next().and_then(|n| n.parse().ok());
        n.and_then(|n| list.get(n)).map(str::to_string)
    };
    let found = if let Some(rest) = path.strip_prefix("claims[") {
        id(claims, rest).map(|i| format!("claim `{i}`"))
    } else if let Some(rest) = path.strip_prefix("positions[") {
        id(positions, rest).map(|i| format!("position `{i}`"))
    } else {
        None
    };
    match found {
        Some(item) => format!("{item} ({path})"),
        None => format!("debate ({path})"),
    }
}

/// A file read for `debate-tui import`: its format and what it was converted to.
#[derive(Debug, Clone)]
pub struct Imported {
    pub format: Format,
    pub conversion: Conversion,
}

/// Reads and imports the file at `path`. A file that cannot be read is an
/// [`LoadError::Io`]; one that is not in a format debate-tui imports, or that is
/// damaged, is [`LoadError::Invalid`].
pub fn import_path(path: &Path) -> Result<Imported, LoadError> {
    let name = path.display().to_string();
    let bytes = read::file(&name, path, &Progress::default(), "hint: check the path")?;
    let text = read::text(
        &name,
        &bytes,
        "hint: Kialo, AIF and Argdown tools write UTF-8; save the file as UTF-8",
    )?;
    let invalid = |d: Diagnostic| LoadError::Invalid {
        file: name.clone(),
        problems: vec![d],
    };
    let Some(format) = detect_named(&name, text) else {
        let d = Diagnostic::whole_file(&name, "not a Kialo export or an AIF file, nor an Argdown document")
            .note("hint: a Kialo export starts with `Discussion Title:` (or `Discussion Name:`) or with `1.`; an AIF file is a JSON object with `nodes` and `edges`, or an OVA file with `AIF`; an Argdown document defines statements such as `[Title]: text` (or is named `.argdown`)");
        let d = if looks_like_format_v1(text) {
            d.note("note: this looks like a debate file already (format v1): open it or `check` it as it is")
        } else {
            d
        };
        return Err(invalid(d));
    };
    let conversion = import(format, &name, text)?;
    Ok(Imported { format, conversion })
}

/// A `version:` key at the start of a line: most likely a format v1 file.
fn looks_like_format_v1(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("version:"))
}

/// The format v1 YAML of an imported debate: a comment line saying where it came from,
/// then the debate.
pub fn to_yaml(conversion: &Conversion, from: &Path, format: Format) -> Result<String, String> {
    let file = from.file_name().map_or_else(
        || from.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    let mut head = format!(
        "# Imported from {} ({}) by debate-tui import.\n",
        comment(&file),
        format.name()
    );
    if !conversion.left_out.is_empty() {
        head.push_str("# Not carried over into format v1:\n");
        for d in &conversion.left_out {
            head.push_str(&format!("# - {}\n", comment(&d.message)));
            for n in &d.notes {
                head.push_str(&format!("#   {}\n", comment(n)));
            }
        }
    }
    let body = safe_yaml(&conversion.raw).map_err(|e| e.to_string())?;
    Ok(format!("{head}{body}"))
}

/// `text` fit for a YAML comment: visible, and on one line (a comment ends at a line
/// break, and YAML 1.1 also breaks lines at U+2028 and U+2029).
fn comment(text: &str) -> String {
    visible(text)
        .chars()
        .map(|c| {
            if matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Stands in the emitted YAML before a character's code, in six hex digits. U+FFFF is
/// not printable for libyaml, so a string holding it is always written double-quoted,
/// with the character as the escape `\uFFFF`.
const MARK: char = '\u{FFFF}';

/// `raw` as YAML in which no character that could act on a terminal or hide in an
/// editor stands as it is: each is written as a `\u` or `\U` escape in a double-quoted
/// string, so the file is safe to print and still loads into exactly the same debate.
/// libyaml escapes control characters itself, but writes bidirectional marks,
/// zero-width and tag characters raw; so each of those (and any U+FFFF, to keep the
/// mark unambiguous) is first spelt as the mark and its code, which forces double
/// quotes, and the mark's escape is then turned into the character's.
fn safe_yaml(raw: &RawDebate) -> Result<String, serde_yaml::Error> {
    fn mark(value: &mut serde_yaml::Value) {
        use serde_yaml::Value;
        match value {
            Value::String(s) => {
                // libyaml escapes the C0 and C1 controls itself, but for NEL.
                let escaped =
                    |c: char| c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c) && c != '\u{85}';
                let risky = |p: Option<char>, c: char| {
                    c == MARK || (is_unsafe(c) && !escaped(c)) || is_lone_selector(p, c)
                };
                let mut out = String::new();
                let mut prev = None;
                for (at, c) in s.char_indices() {
                    if risky(prev, c) {
                        if out.is_empty() {
                            out.push_str(&s[..at]);
                        }
                        out.push(MARK);
                        out.push_str(&format!("{:06X}", c as u32));
                    } else if !out.is_empty() {
                        out.push(c);
                    }
                    prev = Some(c);
                }
                if !out.is_empty() {
                    *s = out;
                }
            }
            Value::Sequence(items) => items.iter_mut().for_each(mark),
            Value::Mapping(m) => m.iter_mut().for_each(|(_, v)| mark(v)),
            Value::Tagged(t) => mark(&mut t.value),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
    let mut value = serde_yaml::to_value(raw)?;
    mark(&mut value);
    let text = serde_yaml::to_string(&value)?;
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("\\uFFFF") {
        out.push_str(&rest[..at]);
        let code = &rest[at + 6..at + 12];
        out.push_str(&format!("\\U00{code}"));
        rest = &rest[at + 12..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The file name without folders or extension, for a title when the file gives none.
pub(crate) fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base,
    };
    if stem.trim().is_empty() {
        "Imported debate".to_string()
    } else {
        stem.to_string()
    }
}

/// Problems past [`MAX_PROBLEMS`] are counted in a last note rather than listed.
pub(crate) fn capped(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        if let Some(last) = problems.last_mut() {
            last.notes.push(format!(
                "note: {more} more problem{} not shown",
                if more == 1 { "" } else { "s" }
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_yaml_escapes_what_could_hide_and_loads_back_the_same() {
        let tricky = [
            "right-to-left \u{202E}override",
            "\u{200B}zero width at the start",
            "a tag \u{E0041} and an escape \u{1b}[2J",
            "the mark itself \u{FFFF}00202E stays text",
            " \u{FE0F} a lone selector, and \u{2764}\u{FE0F} a kept one",
            "line\nbreaks\tand tabs as they are, and a next line\u{85}",
            "plain text",
        ];
        let raw = RawDebate {
            version: 1,
            title: tricky.concat(),
            description: Some(tricky[0].into()),
            positions: tricky
                .iter()
                .enumerate()
                .map(|(i, t)| crate::domain::load::raw::RawPosition {
                    id: format!("p{i}"),
                    title: (*t).into(),
                    ..Default::default()
                })
                .collect(),
            ..RawDebate::default()
        };
        let y = to_yaml(&raw.clone().into(), Path::new("x.txt"), Format::Kialo).unwrap();
        let mut prev = None;
        for c in y.chars() {
            assert!(
                !(is_unsafe(c) && c != '\n' || is_lone_selector(prev, c) || c == MARK),
                "{c:?} written as it is in {y}"
            );
            prev = Some(c);
        }
        assert!(y.contains("\\U0000202E"), "{y}");
        let back: RawDebate = serde_yaml::from_str(&y).unwrap();
        assert_eq!(back, raw);
    }

    #[test]
    fn the_yaml_names_its_origin_on_one_comment_line() {
        let raw = RawDebate {
            version: 1,
            title: "t".into(),
            ..RawDebate::default()
        };
        let y = to_yaml(
            &raw.into(),
            Path::new("dir/evil\n\u{2028}name\u{1b}.txt"),
            Format::Kialo,
        )
        .unwrap();
        let first = y.lines().next().unwrap();
        assert!(first.starts_with("# Imported from evil"), "{first}");
        assert!(
            first.ends_with("(Kialo export) by debate-tui import."),
            "{first}"
        );
        assert!(!first.contains('\u{1b}') && !first.contains('\u{2028}'));
        assert_eq!(y.lines().nth(1), Some("version: 1"));
    }

    #[test]
    fn stems_and_items() {
        assert_eq!(stem("a/b/debate.json"), "debate");
        assert_eq!(stem(".json"), ".json");
        assert_eq!(stem(""), "Imported debate");
        let (none, c) = (
            Ids::of([].into_iter()),
            Ids::of(["k-1-1", "k-1-2"].into_iter()),
        );
        assert_eq!(
            imported_item("claims[0].text", &none, &c),
            "claim `k-1-1` (claims[0].text)"
        );
        assert_eq!(
            imported_item("claims[1].text", &none, &c),
            "claim `k-1-2` (claims[1].text)"
        );
        assert_eq!(
            imported_item("claims[9].text", &none, &c),
            "debate (claims[9].text)"
        );
        assert_eq!(imported_item("title", &none, &c), "debate (title)");
    }
}
