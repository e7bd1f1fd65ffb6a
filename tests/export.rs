//! Exporting a path: the Markdown document (its bytes, and its structure read back by
//! a CommonMark parser), the DOT graph, and `debate-tui export` with its errors.

use std::path::Path;
use std::process::{Command, Output};

use debate_tui::domain::export::{dot, markdown};
use debate_tui::domain::graph::path;
use debate_tui::domain::graph::status::Status;
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{Debate, NodeId, builtin, load_bytes};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

const BIN: &str = env!("CARGO_BIN_EXE_debate-tui");

/// A path through the built-in debate with every relation: rebuts, supports, is
/// rebutted by, is supported by, an unlinked jump, and a position.
const EVERY_RELATION: &str = "meta-own-league,league-under-openai-control,removable-from-hubs,\
     no-kill-switch,open-model-as-weapon,good-guy-short-lived,authors-reading";

fn builtin_path() -> (Debate, Vec<NodeId>) {
    let d = builtin::load().unwrap().debate;
    let p = path::parse(&d, EVERY_RELATION).unwrap();
    (d, p)
}

fn export(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("export")
        .args(args)
        .output()
        .expect("run debate-tui export")
}

#[test]
fn the_document_for_every_relation() {
    let (d, p) = builtin_path();
    let doc = markdown(&d, &Status::of(&d), &p);
    // Each relation names the step before it, a link to that step's heading.
    for (words, step) in [
        ("rebuts", 1),
        ("supports", 2),
        ("is rebutted by", 3),
        ("is supported by", 4),
        ("an unlinked jump from", 5),
        ("is supported by", 6),
    ] {
        let words = format!("{words} [step {step}](#step.{step})");
        assert!(doc.contains(&words), "{words:?} missing");
    }
    insta::assert_snapshot!(doc);
}

#[test]
fn the_dot_graph_of_the_path() {
    let (d, p) = builtin_path();
    let g = dot(&d, Some(&p));
    assert!(g.starts_with("digraph debate {") && g.ends_with("}\n"));
    assert!(g.contains("style=dotted"), "the jump is dotted");
    assert!(g.contains("style=dashed"), "supports are dashed");
    assert!(g.contains("arrowhead=tee"), "rebuttals end in a bar");
    insta::assert_snapshot!(g);
    // The whole debate: every claim and every link.
    let all = dot(&d, None);
    assert_eq!(all.matches(" -> ").count(), d.links().len());
    for c in &d.claims {
        assert!(all.contains(&format!("\"{}\" [label=", c.id)), "{}", c.id);
    }
}

/// The document's structure as a CommonMark parser reads it.
#[derive(Debug, Default)]
struct Structure {
    h1: usize,
    /// The text of each second-level heading.
    h2: Vec<String>,
    block_quotes: usize,
    /// The ids of the document's own anchors, `<a id="…"></a>`, in order.
    anchors: Vec<String>,
    /// Any other HTML: none may come out of a debate's text.
    html: usize,
    links: Vec<String>,
    emphasis_outside_quotes: usize,
    /// All text outside headings, a line for each paragraph.
    text: String,
}

fn structure(doc: &str) -> Structure {
    let mut s = Structure::default();
    let mut heading: Option<String> = None;
    let mut depth = 0;
    for ev in Parser::new(doc) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                match level {
                    HeadingLevel::H1 => s.h1 += 1,
                    HeadingLevel::H2 => heading = Some(String::new()),
                    _ => {}
                };
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                s.h2.extend(heading.take());
            }
            Event::Start(Tag::BlockQuote(_)) => {
                if depth == 0 {
                    s.block_quotes += 1;
                }
                depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
            Event::Start(Tag::Emphasis | Tag::Strong) if depth == 0 => {
                s.emphasis_outside_quotes += 1
            }
            Event::Start(Tag::Link { dest_url, .. }) => s.links.push(dest_url.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => {
                for tag in h.split_inclusive('>').map(str::trim) {
                    if let Some(id) = tag
                        .strip_prefix("<a id=\"")
                        .and_then(|t| t.strip_suffix("\">"))
                    {
                        s.anchors.push(id.to_string());
                    } else if tag != "</a>" && !tag.is_empty() {
                        s.html += 1;
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut heading {
                Some(h) => h.push_str(&t),
                None => s.text.push_str(&t),
            },
            Event::End(TagEnd::Paragraph) => s.text.push('\n'),
            _ => {}
        }
    }
    s
}

#[test]
fn a_heading_per_step_and_quotes_as_block_quotes() {
    let (d, p) = builtin_path();
    let s = structure(&markdown(&d, &Status::of(&d), &p));
    assert_eq!(s.h1, 1);
    // One heading per step, in order, then the sources.
    assert_eq!(s.h2.len(), p.len() + 1, "{:?}", s.h2);
    // Each headed by its statement (cut), its id kept as an anchor and said under it.
    for (i, (h, &node)) in s.h2.iter().zip(&p).enumerate() {
        let text = d.text_of(node);
        let shown = h.strip_prefix(&format!("{}. ", i + 1)).unwrap();
        let shown = shown.strip_suffix('…').unwrap_or(shown);
        assert!(text.starts_with(shown) && shown.len() > 20, "{h}");
        assert!(
            s.anchors.contains(&format!("step.{}", i + 1)),
            "{:?}",
            s.anchors
        );
        assert!(
            s.anchors.contains(&d.id_of(node).to_string()),
            "{:?}",
            s.anchors
        );
        assert!(s.text.contains(&format!("Id: {}", d.id_of(node))));
    }
    // Every link inside the document lands on one of its anchors.
    let inside: Vec<&String> = s.links.iter().filter(|l| l.starts_with('#')).collect();
    assert_eq!(inside.len(), p.len() - 1, "{:?}", s.links);
    for l in inside {
        assert!(s.anchors.contains(&l[1..].to_string()), "{l} lands nowhere");
    }
    assert_eq!(s.h2.last().map(String::as_str), Some("Sources"));
    let quotes: usize = p.iter().map(|&n| d.quotes_of(n).len()).sum();
    assert_eq!(s.block_quotes, quotes);
    assert_eq!(s.html, 0);
}

const HOSTILE: &str = r##"version: 1
title: "Hostile <b>title</b> # *x*"
sources:
  - id: s
    title: "[link](http://evil.example) <img src=x onerror=alert(1)>"
    author: "**bold** author"
    url: "javascript:alert(1) <x>"
    excerpt: "# not a heading [x](y)\n\n- no list <i>"
positions:
  - id: p
    title: "1. P *side*"
claims:
  - id: c1
    position: p
    text: "# heading *stars* <script>alert(1)</script> [x](y) `code` &amp; \e[31mred\u202e"
    quotes:
      - source: s
        text: "> quoted | pipe ~~strike~~ \\ back"
        speaker: "_who_"
        act: "<b>asks</b>"
        translation: "- not a list\n\n    not code"
  - id: c2
    position: p
    text: "---"
    rebuts: [c1]
    cites: [s]
"##;

#[test]
fn hostile_text_comes_out_as_text() {
    let d = load_bytes("hostile.yaml", HOSTILE.as_bytes(), &EmbeddedFiles(&[]))
        .unwrap_or_else(|e| panic!("{e}"))
        .debate;
    let p = path::parse(&d, "c1,c2,p").unwrap();
    let doc = markdown(&d, &Status::of(&d), &p);
    assert!(
        !doc.chars()
            .any(|c| c.is_control() && c != '\n' || c == '\u{202e}'),
        "no control or bidi character reaches the file"
    );
    let s = structure(&doc);
    assert_eq!(s.h1, 1, "{doc}");
    assert_eq!(s.h2.len(), 4, "{:?}\n{doc}", s.h2);
    assert_eq!(s.html, 0, "{doc}");
    assert_eq!(s.block_quotes, 1, "{doc}");
    // Only the source's link would be one, and it is not a plain URL; the others are
    // the document's own, from a step to the one before it.
    assert!(
        s.links.iter().all(|l| l.starts_with("#step.")),
        "{:?}",
        s.links
    );
    for visible in [
        "# heading *stars* <script>alert(1)</script> [x](y) `code` &amp; \u{FFFD}[31mred\u{FFFD}",
        "> quoted | pipe ~~strike~~ \\ back",
        "- not a list not code",
        "[link](http://evil.example) <img src=x onerror=alert(1)>",
        "javascript:alert(1) <x>",
        "1. P *side*",
        "---",
        "_who_ <b>asks</b>:",
        "“# not a heading [x](y) - no list <i>”",
    ] {
        assert!(
            s.text.contains(visible),
            "{visible:?} is not shown as written:\n{}\n---\n{doc}",
            s.text
        );
    }
}

#[test]
fn the_cli_writes_the_same_document_deterministically() {
    let out = export(&["--path", EVERY_RELATION]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (d, p) = builtin_path();
    assert_eq!(
        String::from_utf8(out.stdout.clone()).unwrap(),
        markdown(&d, &Status::of(&d), &p)
    );
    assert_eq!(export(&["--path", EVERY_RELATION]).stdout, out.stdout);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("path.md");
    let f = file.to_str().unwrap();
    let wrote = export(&["--path", EVERY_RELATION, "-o", f]);
    assert!(wrote.status.success());
    assert_eq!(std::fs::read(&file).unwrap(), out.stdout);
    assert!(String::from_utf8_lossy(&wrote.stderr).contains("wrote"));
}

fn fails_with(out: &Output, code: i32, says: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.contains(says), "{says:?} not in {err:?}");
    assert!(out.stdout.is_empty());
}

#[test]
fn the_cli_refuses_bad_requests_clearly() {
    fails_with(
        &export(&["--path", "no-kill-switch,no-kil-switch"]),
        1,
        "no claim or position with the id `no-kil-switch` (did you mean `no-kill-switch`?)",
    );
    fails_with(&export(&["--path", ","]), 1, "the path is empty");
    // Usage errors: 2, found before the debate is read.
    fails_with(&export(&[]), 2, "give the path to export with --path");
    fails_with(
        &export(&["/no/such/debate.yaml", "--format", "dot"]),
        2,
        "give the path to export with --path",
    );
    fails_with(
        &export(&["/no/such/debate.yaml", "--path", "a"]),
        1,
        "cannot read the file",
    );
    fails_with(
        &export(&["--all", "--path", "no-kill-switch"]),
        2,
        "--all works with --format dot",
    );
}

#[test]
fn the_cli_never_replaces_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.md");
    std::fs::write(&file, "my notes").unwrap();
    let f = file.to_str().unwrap();
    fails_with(
        &export(&["--path", "no-kill-switch", "-o", f]),
        1,
        "already exists; pass --force to replace it",
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my notes");
    let out = export(&["--path", "no-kill-switch", "-o", f, "--force"]);
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("# "));
    // A folder that does not exist: an error, nothing written anywhere.
    let missing = dir.path().join("missing").join("x.md");
    fails_with(
        &export(&["--path", "no-kill-switch", "-o", missing.to_str().unwrap()]),
        1,
        "does the folder exist?",
    );
    assert_eq!(count_files(dir.path()), 1);
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).unwrap().count()
}

#[test]
fn the_whole_debate_as_dot() {
    let out = export(&["--format", "dot", "--all"]);
    assert!(out.status.success());
    let g = String::from_utf8(out.stdout).unwrap();
    let d = builtin::load().unwrap().debate;
    assert_eq!(g, dot(&d, None));
}

/// Each step carries the sources it cites (title, url, excerpt) and its quotes' speech
/// acts; the sources cited are listed at the end with the quoted ones.
#[test]
fn the_document_carries_citations_and_speech_acts() {
    let yaml = include_str!("fixtures/cited.yaml");
    let d = load_bytes("cited.yaml", yaml.as_bytes(), &EmbeddedFiles(&[]))
        .unwrap_or_else(|e| panic!("{e}"))
        .debate;
    let p = path::parse(&d, "cap-protects,cap-misleads,suppliers-fail,keep").unwrap();
    let doc = markdown(&d, &Status::of(&d), &p);
    for words in [
        "> Fiona Bruce asks:",
        "> concedes:",
        "- *Energy price cap explained*, <https://www.ofgem.gov.uk/energy-price-cap>: \
         “The cap limits the unit rates and standing charges a supplier may set, not the \
         total bill.”",
        "- *Supplier failures since 2021*, <https://example.org/supplier-failures>",
    ] {
        assert!(doc.contains(words), "{words:?} missing:\n{doc}");
    }
    // Only the step that neither quotes nor cites says so.
    assert_eq!(doc.matches("cites no source").count(), 1, "{doc}");
    let s = structure(&doc);
    assert_eq!(s.html, 0);
    assert_eq!(s.block_quotes, 2);
    assert_eq!(s.h2.last().map(String::as_str), Some("Sources"));
    for url in [
        "https://www.ofgem.gov.uk/energy-price-cap",
        "https://example.org/supplier-failures",
    ] {
        assert!(s.links.iter().any(|l| l == url), "{url}: {:?}", s.links);
    }
    insta::assert_snapshot!(doc);
}

#[test]
fn the_document_under_a_what_if_says_what_it_supposes() {
    let d = builtin::load().unwrap().debate;
    let worry = d.lookup("worse-than-sharing-data").unwrap();
    let side = d.lookup("open-source").unwrap();
    let status = Status::of(&d).what_if([worry]);
    let doc = markdown(&d, &status, &[side, worry]);
    assert!(
        doc.contains("The labels suppose that `worse-than-sharing-data` fails"),
        "{doc}"
    );
    assert!(
        doc.contains("- **Status**: stands: its rebuttal `worse-than-sharing-data` falls"),
        "{doc}"
    );
    assert!(
        doc.contains("- **Status**: falls: set aside: supposed to fail"),
        "{doc}"
    );
    // Nothing set aside: nothing said.
    assert!(!markdown(&d, &Status::of(&d), &[side]).contains("suppose"));
}

/// A path of one step has nothing before it: the document does not say that each step
/// is related to the one before.
#[test]
fn a_one_step_document_does_not_speak_of_the_step_before() {
    let d = builtin::load().unwrap().debate;
    let p = path::parse(&d, "no-kill-switch").unwrap();
    let doc = markdown(&d, &Status::of(&d), &p);
    assert!(
        doc.contains("1 step through the debate *Meta, open source and alignment*.\n"),
        "{doc}"
    );
    assert!(!doc.contains("the one before it"), "{doc}");
}
