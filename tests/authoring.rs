//! The debate author's loop on the command line: `check` as JSON and as GitHub
//! annotations (golden files), each warning and the file's way to switch it off,
//! `--deny-warnings`, the JSON Schema of the format, and what an installed binary tells
//! of itself (`help format`, `schema`, completions, man pages, `--version`).

#[path = "support/hostile.rs"]
mod hostile;

use std::path::{Path, PathBuf};
use std::process::Command;

use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::load::diag::{Code, Severity};
use debate_tui::domain::load::progress::Progress;
use debate_tui::domain::load::raw::schema::{self, Field, Kind};
use debate_tui::domain::open::check_bytes;
use debate_tui::domain::{Diagnostic, Loaded, builtin};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs the binary in `dir`: its status, standard output and standard error.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_debate-tui"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run debate-tui");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        String::from_utf8(out.stderr).expect("UTF-8 errors"),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(Path::new(ROOT), args)
}

fn fixtures() -> PathBuf {
    Path::new(ROOT).join("tests/fixtures/authoring")
}

/// Compares `actual` with the golden file `name`; `UPDATE_GOLDEN=1` writes it instead.
fn golden(name: &str, actual: &str) {
    let path = Path::new(ROOT).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(
        actual, expected,
        "{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)"
    );
}

// --- The report formats -------------------------------------------------------------

#[test]
fn each_format_of_a_debate_with_errors_is_golden() {
    for (format, ext) in [("text", "txt"), ("json", "json"), ("github", "github")] {
        let (code, out, err) = run_in(&fixtures(), &["check", "errors.yaml", "--format", format]);
        assert_eq!(code, 1, "{format}: {out}{err}");
        assert_eq!(err, "", "{format}");
        golden(&format!("check-errors.{ext}"), &out);
    }
}

#[test]
fn each_format_of_a_debate_with_warnings_is_golden() {
    for (format, ext) in [("text", "txt"), ("json", "json"), ("github", "github")] {
        let (code, out, err) = run_in(&fixtures(), &["check", "warnings.yaml", "--format", format]);
        assert_eq!(code, 0, "{format}: {out}{err}");
        golden(&format!("check-warnings.{ext}"), &out);
    }
}

#[test]
fn the_json_report_is_one_document_for_jq() {
    let (_, out, _) = run_in(&fixtures(), &["check", "errors.yaml", "--format", "json"]);
    let v: Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(v["file"], "errors.yaml");
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 4);
    for p in problems {
        for key in [
            "file", "line", "column", "severity", "code", "name", "message", "hints",
        ] {
            assert!(p.get(key).is_some(), "{key} missing in {p}");
        }
    }
    assert_eq!(problems[2]["code"], "E007");
    assert_eq!(problems[2]["name"], "unknown-field");
    assert_eq!(problems[2]["line"], 19);
    assert_eq!(problems[2]["hints"][0], "hint: did you mean `rebuts`?");
    let s = &v["summary"];
    assert_eq!(s["valid"], false);
    assert_eq!(s["exit_status"], 1);
    assert_eq!(s["errors"], 4);
    assert_eq!(s["counts"], Value::Null);
    assert_eq!(s["text"], "error: 4 problems in errors.yaml");

    // A file that cannot be read: exit 2, and a problem of the whole file.
    let (code, out, _) = run(&["check", "/nonexistent/d.yaml", "--format", "json"]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["problems"][0]["code"], "E001");
    assert_eq!(v["problems"][0]["line"], Value::Null);
    assert_eq!(v["summary"]["exit_status"], 2);
}

#[test]
fn deny_warnings_fails_on_warnings_only() {
    let (code, out, _) = run_in(&fixtures(), &["check", "warnings.yaml", "--deny-warnings"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out.lines().last(),
        Some("error: 7 warnings in warnings.yaml, denied by --deny-warnings")
    );
    let (code, out, _) = run_in(
        &fixtures(),
        &[
            "check",
            "warnings.yaml",
            "--deny-warnings",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["valid"], true);
    assert_eq!(v["summary"]["exit_status"], 1);
    assert_eq!(v["summary"]["warnings"], 7);
    // Without warnings there is nothing to deny.
    let (code, out, _) = run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}");
    // An import's warnings count too.
    let kialo = Path::new(ROOT).join("tests/fixtures/import/kialo-newer-left-out.txt");
    let (code, out, _) = run(&["check", kialo.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(code, 1, "{out}");
}

/// Every message is text: in a GitHub annotation, a line break or `%0A` in an id, a
/// message or a file name cannot end the command and start another.
#[test]
fn hostile_text_cannot_inject_a_workflow_command() {
    let dir = tempfile::tempdir().unwrap();
    let name = "we,ird:\n::error::name%0A.yaml";
    std::fs::write(
        dir.path().join(name),
        "version: 1\ntitle: T\npositions:\n  - id: \"p\\n::error file=x::injected %0A::warning::again\\r\\n::x\"\n    title: P\n",
    )
    .unwrap();
    let (code, out, _) = run_in(dir.path(), &["check", name, "--format", "github"]);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "one annotation and the summary:\n{out}");
    assert!(
        lines[0].starts_with("::error file=we%2Cird%3A %3A%3Aerror%3A%3Aname%250A.yaml,line=4,col=9,title=E013 invalid-id::invalid id `p ::error file=x::injected %250A::warning::again  ::x`"),
        "{out}"
    );
    assert!(!lines[1].starts_with("::"), "{out}");
    let (_, out, _) = run_in(dir.path(), &["check", name, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(!v["problems"][0]["message"].as_str().unwrap().contains('\n'));

    // The hostile debates of the other output tests: nothing reaches the terminal.
    for valid in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let file = hostile::write(dir.path(), valid);
        for format in ["text", "json", "github"] {
            let out = Command::new(env!("CARGO_BIN_EXE_debate-tui"))
                .args(["check", "--format", format])
                .arg(&file)
                .output()
                .unwrap();
            let what = format!("check --format {format} (valid: {valid})");
            hostile::assert_clean(&what, &out.stdout);
            if format == "github" {
                let text = String::from_utf8_lossy(&out.stdout);
                for line in text.lines().filter(|l| l.starts_with("::")) {
                    assert!(
                        line.starts_with("::error file=") || line.starts_with("::warning file="),
                        "{what}: {line}"
                    );
                }
            }
        }
    }
}

// --- Warnings ----------------------------------------------------------------------

const TALK: &str = "The weights are out there now. Nobody can switch the model off,\nand nobody can call it back.\n";

/// A clean debate: every claim linked, quoted, and every source used.
const CLEAN: &str = "version: 1
title: Clean
sources:
  - id: talk
    title: Talk
    file: talk.txt
positions:
  - id: open
    title: Open
  - id: closed
    title: Closed
claims:
  - id: a
    position: closed
    text: It cannot be recalled.
    quotes:
      - source: talk
        text: nobody can call it back
    rebuts: [open]
  - id: b
    position: open
    text: Recall is not needed.
    cites: [talk]
    rebuts: [a]
";

fn checked(yaml: &str) -> Loaded {
    check_bytes(
        "t.yaml",
        yaml.as_bytes(),
        &EmbeddedFiles(&[("talk.txt", TALK)]),
        &Progress::default(),
    )
    .unwrap_or_else(|e| panic!("{e}\n{yaml}"))
}

/// The warnings of `yaml`, as (line, code).
fn warnings(yaml: &str) -> Vec<(usize, Code)> {
    checked(yaml)
        .warnings
        .iter()
        .map(|w| (w.line, w.code))
        .collect()
}

/// Each warning: a change to the clean debate that makes it fire at its line, and the
/// same change with the warning switched off, by name and by code.
#[test]
fn each_warning_fires_at_its_line_and_the_file_switches_it_off() {
    assert_eq!(warnings(CLEAN), vec![]);
    let claim = |id: &str, text: &str, rest: &str| {
        format!("  - id: {id}\n    position: open\n    text: {text}\n{rest}")
    };
    let cases: Vec<(Code, String, usize)> = vec![
        (
            Code::UnlinkedClaim,
            format!("{CLEAN}{}", claim("c", "Alone.", "    cites: [talk]\n")),
            25,
        ),
        (
            Code::EmptyPosition,
            CLEAN.replace(
                "    title: Closed\n",
                "    title: Closed\n  - id: third\n    title: Third\n",
            ),
            12,
        ),
        (
            Code::DuplicateClaimText,
            format!(
                "{CLEAN}{}",
                claim(
                    "c",
                    "\"it  cannot be recalled.\"",
                    "    cites: [talk]\n    rebuts: [b]\n"
                )
            ),
            27,
        ),
        (
            Code::RepeatedQuote,
            CLEAN.replace(
                "        text: nobody can call it back\n",
                "        text: nobody can call it back\n      - source: talk\n        text: \"nobody can  call it back\"\n",
            ),
            20,
        ),
        (
            Code::UnusedSource,
            CLEAN.replace("sources:\n", "sources:\n  - id: spare\n    title: Spare\n"),
            4,
        ),
        (
            Code::UnsourcedClaim,
            format!(
                "{CLEAN}{}{}{}",
                claim("c", "C.", "    cites: [talk]\n    rebuts: [a]\n"),
                claim("d", "D.", "    rebuts: [a]\n"),
                claim("e", "E.", "    cites: [talk]\n    rebuts: [a]\n"),
            ),
            30,
        ),
        (
            Code::UnknownLint,
            format!("{CLEAN}lint:\n  allow: [unlinked-claims]\n"),
            26,
        ),
    ];
    for (code, yaml, line) in cases {
        assert_eq!(warnings(&yaml), vec![(line, code)], "{code}:\n{yaml}");
        let w = &checked(&yaml).warnings[0];
        assert_eq!(w.severity, Severity::Warning);
        let first = w.to_string();
        let first = first.lines().next().unwrap();
        assert!(first.ends_with(&format!("[{code}]")), "{first}");
        for word in [code.name(), code.code()] {
            let allowed = format!("{yaml}lint:\n  allow: [{word}]\n");
            let allowed = if code == Code::UnknownLint {
                yaml.replace("unlinked-claims", &format!("unlinked-claims, {word}"))
            } else {
                allowed
            };
            assert_eq!(warnings(&allowed), vec![], "{word} allowed:\n{allowed}");
        }
    }
}

#[test]
fn a_warning_says_how_to_switch_it_off_once() {
    let yaml = format!(
        "{CLEAN}  - id: c\n    position: open\n    text: C.\n    cites: [talk]\n  - id: d\n    position: open\n    text: D.\n    cites: [talk]\n"
    );
    let w = checked(&yaml).warnings;
    assert_eq!(w.len(), 2);
    assert_eq!(
        w[0].to_string(),
        "t.yaml:25:5: warning: claim `c` is linked to nothing [W001 unlinked-claim]\n  \
         hint: say what it argues for or against with `supports` or `rebuts`; a claim with no honest link may stay as it is\n  \
         note: `lint: {allow: [unlinked-claim]}` in the file switches this warning off"
    );
    assert_eq!(w[1].notes.len(), 1, "{}", w[1]);
}

#[test]
fn an_error_cannot_be_switched_off() {
    let w = checked(&format!(
        "{CLEAN}lint:\n  allow: [E007, not-carried-over]\n"
    ))
    .warnings;
    let text: Vec<String> = w.iter().map(Diagnostic::to_string).collect();
    assert_eq!(w.len(), 2, "{text:#?}");
    assert!(text[0].contains("`E007` (E007 unknown-field) cannot be switched off"));
    assert!(text[1].contains("(W100 not-carried-over) cannot be switched off"));
}

#[test]
fn the_lint_field_is_checked_like_any_other() {
    let bad = format!("{CLEAN}lint:\n  alow: [unlinked-claim]\n");
    let e = check_bytes(
        "t.yaml",
        bad.as_bytes(),
        &EmbeddedFiles(&[("talk.txt", TALK)]),
        &Progress::default(),
    )
    .unwrap_err();
    let d = &e.diagnostics()[0];
    assert_eq!((d.line, d.code), (26, Code::UnknownField), "{e}");
    assert!(d.to_string().contains("did you mean `allow`?"), "{e}");
    let e = check_bytes(
        "t.yaml",
        format!("{CLEAN}lint: [unlinked-claim]\n").as_bytes(),
        &EmbeddedFiles(&[("talk.txt", TALK)]),
        &Progress::default(),
    )
    .unwrap_err();
    assert_eq!(e.diagnostics()[0].code, Code::WrongKind, "{e}");
}

#[test]
fn the_built_in_debate_checks_without_warnings() {
    let l = builtin::check().unwrap();
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

/// Errors carry the code of their kind; the docs list every code.
#[test]
fn errors_have_codes_and_the_docs_list_every_code() {
    let head = "version: 1\ntitle: T\nsources:\n  - id: talk\n    title: Talk\n    file: talk.txt\npositions:\n  - id: open\n    title: Open\n";
    let cases: &[(&str, Code)] = &[
        ("version: 1\ntitle: T\npositions: []\n", Code::NoPosition),
        (
            "version: 2\ntitle: T\npositions: [{id: p, title: P}]\n",
            Code::UnsupportedVersion,
        ),
        (
            "version: 1\ntitle: T\npositions: [{id: p, title: P}]\nautor: me\n",
            Code::UnknownField,
        ),
        (
            "version: 1\npositions: [{id: p, title: P}]\n",
            Code::MissingField,
        ),
        (
            "version: 1\ntitle: [T]\npositions: [{id: p, title: P}]\n",
            Code::WrongKind,
        ),
        (
            "version: 1\ntitle: \" \"\npositions: [{id: p, title: P}]\n",
            Code::EmptyText,
        ),
        (
            "version: 1\ntitle: T\npositions: [{id: p q, title: P}]\n",
            Code::InvalidId,
        ),
        (
            "version: 1\ntitle: T\npositions: [{id: p, title: P}, {id: p, title: Q}]\n",
            Code::DuplicateId,
        ),
        (
            "version: 1\ntitle: T\npositions: [{id: p, title: P}]\nclaims: [{id: c, position: q, text: C}]\n",
            Code::UnknownReference,
        ),
        (
            "version: 1\ntitle: T\npositions: [{id: p, title: P}]\nclaims: [{id: c, position: p, text: C, rebuts: [c]}]\n",
            Code::BadLink,
        ),
        (
            "version: 1\ntitle: T\nsources: [{id: s, title: S, file: nope.txt}]\npositions: [{id: p, title: P}]\n",
            Code::SourceFile,
        ),
        ("version: 1\ntitle: T\npositions: [\n", Code::YamlSyntax),
        ("", Code::EmptyFile),
    ];
    let mut with_quote = head.to_string();
    with_quote.push_str("claims:\n  - id: c\n    position: open\n    text: C\n    quotes:\n      - source: talk\n        text: not in the talk\n");
    let files = EmbeddedFiles(&[("talk.txt", TALK)]);
    let load = |yaml: &str| {
        check_bytes("t.yaml", yaml.as_bytes(), &files, &Progress::default())
            .expect_err(yaml)
            .diagnostics()
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>()
    };
    for (yaml, code) in cases {
        assert_eq!(load(yaml), vec![*code], "{yaml}");
    }
    assert_eq!(load(&with_quote), vec![Code::QuoteNotFound]);
    let not_utf8 = check_bytes("t.yaml", b"version: 1\n\xff", &files, &Progress::default());
    assert_eq!(not_utf8.unwrap_err().diagnostics()[0].code, Code::NotUtf8);
    let deep = format!("version: 1\ntitle: {}\n", "[".repeat(200));
    assert_eq!(load(&deep), vec![Code::TooDeep]);
    let bad_kialo = Path::new(ROOT).join("tests/fixtures/import/kialo-bad.txt");
    let e = debate_tui::domain::load_path(&bad_kialo).unwrap_err();
    assert!(
        e.diagnostics().iter().all(|d| d.code == Code::ImportFailed),
        "{e}"
    );

    let format_md = std::fs::read_to_string(Path::new(ROOT).join("docs/format.md")).unwrap();
    let summary = std::fs::read_to_string(Path::new(ROOT).join("docs/format-summary.md")).unwrap();
    for c in Code::ALL {
        let row = format!("| `{}` | `{}` |", c.code(), c.name());
        assert!(format_md.contains(&row), "docs/format.md lacks {row}");
        if c.is_lint() {
            assert!(
                summary.contains(&format!("{} {}", c.code(), c.name())),
                "{c}"
            );
        }
    }
}

// --- The JSON Schema ---------------------------------------------------------------

fn schema() -> Value {
    let (code, out, _) = run(&["schema"]);
    assert_eq!(code, 0);
    let kept =
        std::fs::read_to_string(Path::new(ROOT).join("assets/format-v1.schema.json")).unwrap();
    assert_eq!(
        out, kept,
        "`debate-tui schema` prints the schema kept in assets/"
    );
    serde_json::from_str(&out).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    let s = schema();
    assert!(jsonschema::meta::is_valid(&s), "a valid JSON Schema");
    jsonschema::draft7::new(&s).expect("a draft-07 schema")
}

/// A YAML debate as the JSON value editors validate.
fn as_json(yaml: &str) -> Value {
    serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}: {yaml}"))
}

fn schema_errors(v: &jsonschema::Validator, yaml: &str) -> Vec<String> {
    let value = as_json(yaml);
    v.iter_errors(&value).map(|e| e.to_string()).collect()
}

#[test]
fn every_valid_debate_passes_the_schema() {
    let v = validator();
    let mut files = vec![
        Path::new(ROOT).join("data/debate.yaml"),
        Path::new(ROOT).join("tests/fixtures/cited.yaml"),
    ];
    // What `import` writes passes too.
    for f in ["kialo-new.txt", "kialo-newer-left-out.txt", "aif-ova.json"] {
        files.push(Path::new(ROOT).join("tests/fixtures/import").join(f));
    }
    for f in &files {
        let name = f.to_str().unwrap();
        let yaml = if name.ends_with(".yaml") {
            assert_eq!(run(&["check", name]).0, 0, "{name} is valid");
            std::fs::read_to_string(f).unwrap()
        } else {
            let (code, out, err) = run(&["import", name]);
            assert_eq!(code, 0, "{err}");
            out
        };
        assert_eq!(schema_errors(&v, &yaml), Vec::<String>::new(), "{name}");
    }
    let generated = debate_tui::domain::generate::yaml(50, 3, 7);
    assert_eq!(schema_errors(&v, &generated), Vec::<String>::new());
    let lint = format!("{CLEAN}lint:\n  allow: [unlinked-claim, W005]\n");
    assert_eq!(schema_errors(&v, &lint), Vec::<String>::new());
    // A misspelt warning is a warning for `check` (W007), and flagged by the schema.
    let typo = std::fs::read_to_string(fixtures().join("warnings.yaml")).unwrap();
    let flagged = schema_errors(&v, &typo);
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(
        flagged[0].contains("\"unlinked-claims\" is not one of"),
        "{flagged:?}"
    );
    // Empty optional fields, numbers and booleans as text, a number as an id.
    let loose = "version: 1\ntitle: 2024\ndescription:\nsources:\npositions:\n  - id: 2023\n    title: true\n    quotes:\nclaims:\n  - id: c\n    position: 2023\n    text: 1.5\n    tags: [1, yes]\n    supports: [2023]\nlint:\n";
    assert_eq!(schema_errors(&v, loose), Vec::<String>::new());
    checked(loose);
}

/// What the schema can see of the format's rules (fields, kinds, ids, required text):
/// each broken file is rejected by both the schema and `check`.
#[test]
fn the_schema_rejects_invalid_debates() {
    let v = validator();
    let head = "version: 1\ntitle: T\npositions:\n  - id: open\n    title: Open\n";
    let claim =
        |rest: &str| format!("{head}claims:\n  - id: a\n    position: open\n    text: A\n{rest}");
    let cases = [
        claim("    rebutts: [open]\n"),
        format!("{head}autor: me\n"),
        "version: 1\npositions:\n  - id: a\n    title: A\n".to_string(),
        "version: 1\ntitle: T\npositions:\n  - id: a\n".to_string(),
        format!("{head}claims:\n  - id: no kill\n    position: open\n    text: A\n"),
        head.replace("version: 1", "version: 2"),
        head.replace("version: 1", "version: \"1\""),
        "version: 1\ntitle: T\npositions: []\n".to_string(),
        "version: 1\ntitle: T\n".to_string(),
        format!("{head}claims:\n  - id: a\n    position: open\n    text: [x]\n"),
        claim("    tags: safety\n"),
        claim("    supports: open\n"),
        format!("{head}claims:\n  - id: a\n    position: open\n    text: \"  \"\n"),
        format!("{head}claims:\n  - id: a\n    position: open\n"),
        claim("    quotes:\n      - text: no source\n"),
        claim("    quotes:\n      - source: s\n        text: x\n        speakr: y\n"),
        format!("{head}sources:\n  - id: s\n    titel: S\n"),
        head.replace("  - id: open\n", "  - id: 1.5\n"),
        format!("{head}lint:\n  alow: [unlinked-claim]\n"),
        format!("{head}lint: [unlinked-claim]\n"),
        "- version: 1\n".to_string(),
    ];
    let files = EmbeddedFiles(&[]);
    for yaml in &cases {
        assert!(
            !schema_errors(&v, yaml).is_empty(),
            "the schema accepts:\n{yaml}"
        );
        assert!(
            check_bytes("t.yaml", yaml.as_bytes(), &files, &Progress::default()).is_err(),
            "check accepts:\n{yaml}"
        );
    }
}

/// The schema and the lenient reader's field lists (`raw::schema`) name the same fields,
/// required the same way, of the same kinds: the two cannot drift apart.
#[test]
fn the_schema_names_the_fields_of_the_format() {
    let s = schema();
    let resolve = |v: &Value| -> Value {
        let mut v = v.clone();
        while let Some(r) = v.get("$ref").and_then(Value::as_str) {
            let name = r.strip_prefix("#/definitions/").expect("a local reference");
            v = s["definitions"][name].clone();
        }
        v
    };
    fn types(v: &Value) -> Vec<String> {
        match &v["type"] {
            Value::String(t) => vec![t.clone()],
            Value::Array(ts) => ts.iter().map(|t| t.as_str().unwrap().to_string()).collect(),
            _ => vec![],
        }
    }
    fn compare(object: &Value, fields: &[Field], at: &str, resolve: &dyn Fn(&Value) -> Value) {
        assert_eq!(
            object["additionalProperties"], false,
            "{at}: closed to other fields"
        );
        let props = object["properties"].as_object().unwrap();
        let mut names: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = fields.iter().map(|f| f.name).collect();
        names.sort_unstable();
        expected.sort_unstable();
        assert_eq!(names, expected, "{at}: the fields");
        let mut required: Vec<&str> = object["required"]
            .as_array()
            .map(|r| r.iter().map(|n| n.as_str().unwrap()).collect())
            .unwrap_or_default();
        let mut expected: Vec<&str> = fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        required.sort_unstable();
        expected.sort_unstable();
        assert_eq!(required, expected, "{at}: the required fields");
        for f in fields {
            let at = format!("{at}.{}", f.name);
            let v = resolve(&props[f.name]);
            let t = types(&v);
            let nullable = t.iter().any(|t| t == "null");
            match f.kind {
                Kind::Int => assert_eq!(v["const"], 1, "{at}"),
                Kind::Str => {
                    assert!(t.iter().any(|t| t == "string"), "{at}: text");
                    assert!(!t.iter().any(|t| t == "array" || t == "object"), "{at}");
                }
                Kind::StrList => {
                    assert!(t.iter().any(|t| t == "array"), "{at}: a list");
                    let item = resolve(&v["items"]);
                    assert!(
                        !types(&item).is_empty() || item.get("enum").is_some(),
                        "{at}"
                    );
                    assert!(
                        !types(&item).iter().any(|t| t == "object" || t == "array"),
                        "{at}"
                    );
                }
                Kind::List(inner) => {
                    assert!(t.iter().any(|t| t == "array"), "{at}: a list");
                    compare(&resolve(&v["items"]), inner, &at, resolve);
                }
                Kind::Map(inner) => {
                    assert!(t.iter().any(|t| t == "object"), "{at}: a mapping");
                    compare(&v, inner, &at, resolve);
                }
            }
            if !f.required {
                assert!(nullable, "{at}: optional, so it may be left empty");
            }
        }
    }
    compare(&s, schema::DEBATE, "debate", &resolve);
    // The warnings a file may switch off are the lint codes, by name and by code.
    let allow = &s["properties"]["lint"]["properties"]["allow"]["items"]["enum"];
    let mut listed: Vec<&str> = allow
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    let mut lints: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| c.is_lint())
        .flat_map(|c| [c.name(), c.code()])
        .collect();
    listed.sort_unstable();
    lints.sort_unstable();
    assert_eq!(listed, lints);
}

// --- What the binary tells of itself ------------------------------------------------

#[test]
fn completions_are_written_for_each_shell_and_bash_parses_them() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(
            out.contains("check") && out.contains("deny-warnings"),
            "{shell}"
        );
    }
    let (_, script, _) = run(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("debate-tui.bash");
    std::fs::write(&file, &script).unwrap();
    match Command::new("bash").arg("-n").arg(&file).output() {
        Err(e) => eprintln!("skipped: no bash to parse the completions with ({e})"),
        Ok(out) => assert!(
            out.status.success(),
            "bash -n: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
    let (code, _, err) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn the_man_pages_render() {
    let (code, page, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH debate-tui 1"), "{page}");
    for word in ["check", "export", "import", "schema", "completions"] {
        assert!(page.contains(word), "{word} not in the man page");
    }
    let (code, page, _) = run(&["man", "check"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH debate-tui-check 1"), "{page}");
    assert!(page.contains("deny\\-warnings"), "{page}");
    let (code, _, err) = run(&["man", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("unrecognized subcommand `nope`"), "{err}");
}

#[test]
fn help_format_the_schema_and_the_version_need_no_other_file() {
    let (code, text, _) = run(&["help", "format"]);
    assert_eq!(code, 0);
    fn names(fields: &[Field], out: &mut Vec<&'static str>) {
        for f in fields {
            out.push(f.name);
            if let Kind::List(inner) | Kind::Map(inner) = f.kind {
                names(inner, out);
            }
        }
    }
    let mut all = Vec::new();
    names(schema::DEBATE, &mut all);
    for name in all {
        assert!(
            text.contains(&format!("{name}:")),
            "`help format` lacks {name}"
        );
    }
    let (code, text, _) = run(&["help", "check"]);
    assert_eq!(code, 0);
    assert!(
        text.contains("Usage: debate-tui check") && text.contains("--format"),
        "{text}"
    );
    let (code, text, _) = run(&["help"]);
    assert_eq!(code, 0);
    assert!(text.contains("Usage: debate-tui"), "{text}");
    let (code, text, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(text, format!("debate-tui {}\n", env!("CARGO_PKG_VERSION")));
    let (code, _, err) = run(&["debate.yaml", "schema"]);
    assert_eq!(code, 2);
    assert!(err.contains("schema reads no file"), "{err}");
    // The hint for an empty file points to what the binary itself shows.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("e.yaml"), "\n").unwrap();
    let (code, out, _) = run_in(dir.path(), &["check", "e.yaml"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("`debate-tui help format`") && !out.contains("docs/"),
        "{out}"
    );
}
