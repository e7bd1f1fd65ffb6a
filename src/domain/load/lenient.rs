//! The lenient schema check: when serde cannot read a file into the raw structs, the
//! file's generic YAML value is checked field by field against [`schema`], so that
//! *every* unknown field, missing field and value of the wrong kind is reported, and
//! whatever is readable is kept for validation.

use std::collections::HashSet;

use serde_yaml::{Mapping, Value};

use crate::domain::load::diag::Code;
use crate::domain::load::raw::RawDebate;
use crate::domain::load::raw::schema::{self, Field, Kind};
use crate::domain::load::validate::{Origins, Problem};
use crate::domain::text::closest;

/// Reads the debate from a generic YAML value, reporting every unknown field, missing
/// field and value of the wrong kind. Unknown and broken optional fields are left out and
/// the item kept; an item missing a required field is left out (its id is remembered so
/// that references to it are not reported again).
pub fn lenient(value: &Value, problems: &mut Vec<Problem>) -> (Option<RawDebate>, Origins) {
    let mut origins = Origins::default();
    let Some(top) = value.as_mapping() else {
        problems.push(
            Problem::new(
                "",
                "a debate file must be a mapping of fields, starting with `version: 1`",
            )
            .note("hint: `debate-tui help format` shows the layout")
            .with_code(Code::WrongKind),
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
        lint: get("lint").and_then(|v| serde_yaml::from_value(v.clone()).ok()),
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
                problems.push(
                    Problem::new(
                        path.clone(),
                        format!("each entry of `{key}` must be a mapping of fields (`id: ...`)"),
                    )
                    .with_code(Code::WrongKind),
                );
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
                Err(e) => {
                    problems.push(Problem::new(path, e.to_string()).with_code(Code::WrongKind))
                }
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
            problems
                .push(Problem::new(path, "field names must be text").with_code(Code::WrongKind));
            continue;
        };
        let Some(field) = fields.iter().find(|f| f.name == key) else {
            let mut p = Problem::new(format!("{}@key", at(key)), format!("unknown field `{key}`"))
                .with_code(Code::UnknownField);
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
                    .note(format!("hint: add `{}: ...`", f.name))
                    .with_code(Code::MissingField),
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
    let wrong = |what: &str| {
        Problem::new(path, format!("`{name}` must be {what}")).with_code(Code::WrongKind)
    };
    match (field.kind, v) {
        (Kind::Int, v) if v.as_u64().is_some() => Some(v.clone()),
        (Kind::Int, _) => {
            problems.push(wrong("a whole number").note("hint: write `version: 1`"));
            None
        }
        (Kind::Str, Value::Null) if field.required => {
            problems
                .push(Problem::new(path, format!("`{name}` is empty")).with_code(Code::EmptyText));
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
                    problems.push(
                        Problem::new(
                            format!("{path}[{i}]"),
                            format!("each entry of `{name}` must be an id"),
                        )
                        .with_code(Code::WrongKind),
                    );
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
                        problems.push(
                            Problem::new(
                                ipath,
                                format!("each entry of `{name}` must be a mapping of fields"),
                            )
                            .with_code(Code::WrongKind),
                        );
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
        (Kind::Map(_), Value::Null) => Some(Value::Null),
        (Kind::Map(inner), Value::Mapping(m)) => match clean(m, path, inner, problems, true) {
            (m, true) => Some(Value::Mapping(m)),
            (_, false) => None,
        },
        (Kind::Map(_), _) => {
            problems.push(wrong("a mapping of fields"));
            None
        }
    }
}
