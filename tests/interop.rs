//! debate-tui between argument tools: the AIF, Argdown and JSON exports, the Argdown
//! import, and the round trips between the formats (Kialo -> AIF -> debate-tui, AIF ->
//! Argdown -> debate-tui, and each export read back), checked against Argdown's own
//! parser where it is installed.

#[path = "support/graph.rs"]
mod graph;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use graph::{links, run, side, text};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

use debate_tui::domain::export::{self, clean};
use debate_tui::domain::import::{self, Format};
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::load::progress::Progress;
use debate_tui::domain::text::visible_multiline;
use debate_tui::domain::{Debate, Loaded, NodeId, builtin, generate, load_bytes, load_path};

fn interop(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop")
        .join(name)
}

/// The import's warnings are these, one each, in this order.
fn says_left_out(l: &Loaded, parts: &[&str]) {
    let w: Vec<String> = l.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(w.len(), parts.len(), "{w:?}");
    for (m, part) in w.iter().zip(parts) {
        assert!(m.contains(part), "{part} in {w:?}");
    }
}

fn open(name: &str) -> Loaded {
    load_path(&interop(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Each import fixture that is a whole file (not the damaged ones), loaded.
fn import_fixtures() -> Vec<(String, Debate)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") || n.ends_with(".json"))
        .filter(|n| !n.contains("-bad") && !n.contains("-truncated"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    names
        .into_iter()
        .map(|n| {
            let d = load_path(&dir.join(&n))
                .unwrap_or_else(|e| panic!("{n}: {e}"))
                .debate;
            (n, d)
        })
        .collect()
}

fn generated(claims: usize) -> Debate {
    let yaml = generate::yaml(claims, 3, 7);
    load_bytes("generated.yaml", yaml.as_bytes(), &EmbeddedFiles(&[]))
        .unwrap()
        .debate
}

/// A debate whose texts hold every kind of syntax the exports must keep inert, and
/// characters that would act on a terminal.
fn hostile() -> Debate {
    let yaml = r#"version: 1
title: "Hostile === text \u001b[2J and \u202e bidi"
description: "A description with {braces}, \"quotes\" and a } x"
sources:
  - {id: s, title: "Source // with a comment", url: "https://example.org/a//b"}
positions:
  - {id: p, title: "[Not a title]: *really* _no_ #tag", summary: "Summary {with} data: true"}
  - {id: -dash, title: "<Not an argument>: -- no"}
claims:
  - id: a
    position: p
    text: "e.g. .A. :heart: a:b:c <!-- no comment --> /* none */ // none\nsecond line\ttab"
    tags: [safety, "two words", "odd)tag"]
    supports: [p]
    quotes:
      - {source: s, text: "Quoted : with a colon", speaker: "Ana Ruiz", act: asks}
      - {source: s, text: "Note : no speaker here", translation: "Nota"}
  - id: b
    position: -dash
    text: "{position: true} [x](http://y) @[a] \\ back\\slash === ==="
    rebuts: [a, p]
    cites: [s]
  - id: c
    position: -dash
    text: "+ not a relation\n- nor this\n(1) nor a premise"
    supports: [-dash]
    rebuts: [b]
"#;
    load_bytes("hostile.yaml", yaml.as_bytes(), &EmbeddedFiles(&[]))
        .unwrap_or_else(|e| panic!("{e}"))
        .debate
}

/// Every debate the round trips are checked on.
fn debates() -> Vec<(String, Debate)> {
    let mut all = vec![
        ("built-in".to_string(), builtin::load().unwrap().debate),
        ("generated".to_string(), generated(1500)),
        ("hostile".to_string(), hostile()),
    ];
    all.extend(import_fixtures());
    all
}

/// An export is safe to print: nothing the visibility filter would change.
fn assert_safe(name: &str, text: &str) {
    if visible_multiline(text) != text {
        let shown = visible_multiline(text);
        let at = text
            .chars()
            .zip(shown.chars())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let around: String = text.chars().skip(at.saturating_sub(20)).take(40).collect();
        panic!("{name}: the export holds characters that would act on a terminal: {around:?}");
    }
}

/// `text` imported in `format` and checked by the rules of format v1.
fn reimport(format: Format, name: &str, text: &str) -> (Debate, Vec<String>) {
    let conv = import::import(format, name, text)
        .unwrap_or_else(|e| panic!("{name}: the export does not import: {e}\n{text}"));
    let warnings = conv.left_out.iter().map(ToString::to_string).collect();
    let loaded = import::check(name, conv.raw, &EmbeddedFiles(&[]), &Progress::default())
        .unwrap_or_else(|e| panic!("{name}: the import breaks format v1: {e}"));
    (loaded.debate, warnings)
}

/// The nodes in the order the AIF export writes their I nodes: positions, then claims.
fn nodes(d: &Debate) -> Vec<NodeId> {
    (0..d.positions.len())
        .map(|p| NodeId::Position(p as u32))
        .chain((0..d.claims.len()).map(|c| NodeId::Claim(c as u32)))
        .collect()
}

/// Each link as (from, to, supports), by the index of its nodes in `order`.
fn link_set(d: &Debate, order: &[NodeId]) -> BTreeSet<(usize, usize, bool)> {
    let at = |n: NodeId| order.iter().position(|&m| m == n).unwrap();
    d.links()
        .iter()
        .map(|l| {
            (
                at(l.from),
                at(l.to),
                l.relation == debate_tui::domain::Relation::Supports,
            )
        })
        .collect()
}

#[test]
fn aif_export_reads_back_as_the_same_graph() {
    for (name, d) in debates() {
        let aif = export::aif::aif(&d);
        assert_safe(&name, &aif);
        assert_eq!(
            aif,
            export::aif::aif(&d),
            "{name}: the same bytes each time"
        );
        serde_json::from_str::<serde_json::Value>(&aif).expect("valid JSON");
        let (back, _) = reimport(Format::Aif, &format!("{name}.json"), &aif);
        // Every position and claim is a claim now, in the same order, with its text.
        let order = nodes(&d);
        assert_eq!(back.claims.len(), order.len(), "{name}");
        for (k, &n) in order.iter().enumerate() {
            assert_eq!(back.claims[k].text, d.text_of(n).trim(), "{name}: node {k}");
            let want: Vec<(String, Option<String>)> = d
                .quotes_of(n)
                .iter()
                .map(|q| (q.text.trim().to_string(), q.speaker.clone()))
                .collect();
            let got: Vec<(String, Option<String>)> = back.claims[k]
                .quotes
                .iter()
                .map(|q| (q.text.clone(), q.speaker.clone()))
                .collect();
            if name == "hostile" && k == d.positions.len() {
                // A quote without a speaker whose words hold ` : ` reads back as
                // spoken by the words before it: AIF writes a speaker that way.
                assert_eq!(got[0], want[0]);
                assert_eq!(got[1], ("no speaker here".into(), Some("Note".into())));
                continue;
            }
            assert_eq!(got, want, "{name}: quotes of node {k}");
        }
        let back_order = nodes(&back);
        let back_links: BTreeSet<_> = link_set(&back, &back_order)
            .into_iter()
            .map(|(f, t, s)| {
                let p = back.positions.len();
                (f - p, t - p, s)
            })
            .collect();
        assert_eq!(back_links, link_set(&d, &order), "{name}: links");
    }
}

#[test]
fn aif_export_is_a_nodeset_aifdb_and_ova_load() {
    let d = builtin::load().unwrap().debate;
    let v: serde_json::Value = serde_json::from_str(&export::aif::aif(&d)).unwrap();
    let nodes = v["nodes"].as_array().unwrap();
    // Whole-number ids, as OVA adds them to its own counter.
    assert!(nodes.iter().all(|n| n["nodeID"].is_u64()));
    let count = |t: &str| nodes.iter().filter(|n| n["type"] == t).count();
    let quotes: usize = nodes_of(&d).map(|n| d.quotes_of(n).len()).sum();
    assert_eq!(count("I"), d.positions.len() + d.claims.len());
    assert_eq!(count("RA") + count("CA"), d.links().len());
    assert_eq!(count("L"), quotes);
    assert_eq!(count("YA"), quotes);
    let ra = nodes.iter().find(|n| n["type"] == "RA").unwrap();
    assert_eq!(ra["text"], "Default Inference");
    assert_eq!(ra["schemeID"], "72");
    assert_eq!(
        v["edges"].as_array().unwrap().len(),
        2 * d.links().len() + 2 * quotes
    );
    assert!(v["edges"][0]["edgeID"].is_u64());
    // The speakers: one participant each, and a locution for each quote they speak.
    let speakers: BTreeSet<&str> = nodes_of(&d)
        .flat_map(|n| d.quotes_of(n))
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    assert_eq!(v["participants"].as_array().unwrap().len(), speakers.len());
    let spoken = nodes_of(&d)
        .flat_map(|n| d.quotes_of(n))
        .filter(|q| q.speaker.is_some())
        .count();
    assert_eq!(v["locutions"].as_array().unwrap().len(), spoken);
    assert!(
        nodes
            .iter()
            .any(|n| n["type"] == "L" && n["text"].as_str().unwrap().starts_with("Jason Wei : ")),
        "a quote's speaker stands before its words"
    );
    // Speech acts become the illocution of the YA node.
    let h = export::aif::aif(&hostile());
    assert!(h.contains("\"text\": \"Pure Questioning\", \"type\": \"YA\", \"scheme\": \"PureQuestioning\", \"schemeID\": \"91\""), "{h}");
    assert!(
        h.contains("{\"participantID\": 1, \"firstname\": \"Ana\", \"surname\": \"Ruiz\"}"),
        "{h}"
    );
}

fn nodes_of(d: &Debate) -> impl Iterator<Item = NodeId> + '_ {
    nodes(d).into_iter()
}

/// Kialo -> AIF -> debate-tui keeps every claim and link (the test above covers every
/// fixture); here, by name, on one export as Kialo writes it.
#[test]
fn kialo_to_aif_to_debate_tui() {
    let d = load_path(&graph::fixture("kialo-new.txt")).unwrap().debate;
    let (back, _) = reimport(Format::Aif, "k.json", &export::aif::aif(&d));
    let p = d.positions.len();
    // `k-1-1` is claim 0: it comes back as `n{p + 1}`, its node id.
    let id = |i: usize| format!("n{}", p + i + 1);
    for (i, c) in d.claims.iter().enumerate() {
        assert_eq!(text(&back, &id(i)), c.text.trim());
        let mut want: Vec<String> = links(&d, &c.id)
            .iter()
            .map(|l| {
                let (verb, to) = l.split_once(' ').unwrap();
                let to = match d.lookup(to).unwrap() {
                    NodeId::Position(q) => format!("n{}", q + 1),
                    NodeId::Claim(q) => id(q as usize),
                };
                format!("{verb} {to}")
            })
            .collect();
        want.sort();
        assert_eq!(links(&back, &id(i)), want, "{}", c.id);
    }
}

/// The Argdown export read back by debate-tui: the same positions, claims, sides,
/// links and tags, under the same ids, with no warning.
#[test]
fn argdown_export_reads_back_as_the_same_debate() {
    for (name, d) in debates() {
        let ad = export::argdown::argdown(&d);
        assert_safe(&name, &ad);
        assert_eq!(ad, export::argdown::argdown(&d), "{name}");
        let file = format!("{name}.argdown");
        assert_eq!(import::detect(&ad), Some(Format::Argdown), "{name}");
        let (back, warnings) = reimport(Format::Argdown, &file, &ad);
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        assert_same_debate(&name, &d, &back);
    }
}

/// `back` is `d` as Argdown keeps it: texts on one line, no quotes or sources.
fn assert_same_debate(name: &str, d: &Debate, back: &Debate) {
    assert_eq!(back.title, clean(&d.title), "{name}");
    assert_eq!(
        back.description,
        d.description.as_deref().map(clean),
        "{name}"
    );
    let positions = |d: &Debate| -> Vec<(String, String, Option<String>)> {
        d.positions
            .iter()
            .map(|p| {
                (
                    p.id.clone(),
                    clean(&p.title),
                    p.summary.as_deref().map(clean),
                )
            })
            .collect()
    };
    assert_eq!(positions(back), positions(d), "{name}");
    assert_eq!(back.claims.len(), d.claims.len(), "{name}");
    for c in &d.claims {
        let id = c.id.as_str();
        assert_eq!(text(back, id), clean(&c.text), "{name}: {id}");
        assert_eq!(side(back, id), side(d, id), "{name}: {id}");
        assert_eq!(links(back, id), links(d, id), "{name}: {id}");
        let tags: Vec<String> = c
            .tags
            .iter()
            .map(|t| clean(t).replace(')', "]"))
            .filter(|t| !t.is_empty())
            .collect();
        let mut unique = tags.clone();
        unique.dedup();
        let back_tags = &back.claims[back.lookup(id).map_or(0, |n| match n {
            NodeId::Claim(i) => i as usize,
            NodeId::Position(_) => panic!("{id} came back as a position"),
        })]
        .tags;
        assert_eq!(back_tags, &unique, "{name}: {id}");
    }
}

/// AIF -> Argdown -> debate-tui keeps every claim and link.
#[test]
fn aif_to_argdown_to_debate_tui() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for name in ["aif-bare.json", "aif-ova.json", "aif-int-ids.json"] {
        let d = load_path(&dir.join(name)).unwrap().debate;
        let (back, warnings) = reimport(Format::Argdown, name, &export::argdown::argdown(&d));
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        assert_same_debate(name, &d, &back);
    }
}

#[test]
fn json_export_is_format_v1_and_loads_back_the_same() {
    for (name, d) in debates() {
        let json = export::json::json(&d, None);
        assert_safe(&name, &json);
        assert_eq!(json, export::json::json(&d, None), "{name}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["claims"].as_array().map_or(0, Vec::len), d.claims.len());
        // JSON is YAML: the file loads as a debate, and it is the same debate.
        let files = if name == "built-in" {
            builtin::FILES
        } else {
            &[]
        };
        // An imported map's analysed text, as `import` writes it beside the debate.
        let texts: Vec<(String, std::sync::Arc<str>)> = d
            .sources
            .iter()
            .filter_map(|s| Some((s.file.clone()?, s.text.clone()?)))
            .collect();
        let files = import::WithTexts {
            texts: &texts,
            files: &EmbeddedFiles(files),
        };
        let back = load_bytes("d.json", json.as_bytes(), &files)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .debate;
        assert_eq!(back, d, "{name}");
    }
}

#[test]
fn argdown_import_reads_pros_and_cons_written_over_several_lines() {
    let l = open("pro-con.argdown");
    let d = &l.debate;
    assert_eq!(d.title, "Pros and cons of car-free city centres");
    assert_eq!(d.description.as_deref(), Some("A simple analysis"));
    assert_eq!(
        text(d, "Cleaner-air"),
        "Traffic is the main source of the nitrogen dioxide that people breathe in city centres. Closing the centre to cars cuts it where most people walk."
    );
    assert_eq!(links(d, "Cleaner-air"), ["supports Car-free-centres"]);
    assert_eq!(links(d, "Shops-suffer"), ["rebuts Car-free-centres"]);
    // `-> <Shops suffer>` says again what the indentation said: one link.
    assert_eq!(links(d, "Footfall-rises"), ["rebuts Shops-suffer"]);
    // `_` (an undercut) becomes a rebuttal.
    assert_eq!(links(d, "Speed-matters-more"), ["rebuts Safer-streets"]);
    // One main claim: For and Against it, by the parity of rebuttals.
    assert_eq!(
        d.positions
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>(),
        ["pro", "con"]
    );
    assert_eq!(side(d, "Footfall-rises"), "pro");
    assert_eq!(side(d, "Shops-suffer"), "con");
    let c = &d.claims[d
        .lookup("Shops-suffer")
        .map(|n| match n {
            NodeId::Claim(i) => i as usize,
            NodeId::Position(_) => 0,
        })
        .unwrap()];
    assert_eq!(c.tags, ["con"]);
    let w: Vec<String> = l.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("2 front matter fields left out"), "{w:?}");
    assert!(
        w[1].contains("1 undercut (`_`) kept as a rebuttal"),
        "{w:?}"
    );
}

#[test]
fn argdown_import_collapses_premises_and_conclusions() {
    let l = open("reconstructed.argdown");
    let d = &l.debate;
    assert_eq!(d.title, "Should the library open on Sundays?");
    // `{uses: [1,2]}`: (1) and (2) support (3); then (3) and (4) support (5).
    assert_eq!(
        links(d, "Working-readers"),
        ["rebuts Untitled-5", "supports Open-when-readers-can-come"]
    );
    assert_eq!(
        links(d, "Untitled-1"),
        ["supports Open-when-readers-can-come"]
    );
    assert_eq!(
        links(d, "Open-when-readers-can-come"),
        ["supports Sunday-opening"]
    );
    assert_eq!(links(d, "Untitled-2"), ["supports Sunday-opening"]);
    // An argument reconstructed stands for its conclusion, which takes its tags.
    assert_eq!(links(d, "Untitled-3"), ["supports Untitled-5"]);
    assert!(d.lookup("Argument-from-access").is_none());
    // `><`: a rebuttal each way; `->` from the conclusion said one of them already.
    assert_eq!(
        links(d, "Sunday-opening"),
        ["rebuts Budget-first", "rebuts Untitled-5"]
    );
    assert_eq!(links(d, "Budget-first"), ["rebuts Sunday-opening"]);
    says_left_out(
        &l,
        &[
            "2 descriptions of reconstructed arguments left out",
            "1 inference rule left out",
            "1 contradiction (`><`) kept as rebuttals both ways",
            "1 data block (`{...}`) left out",
        ],
    );
}

#[test]
fn argdown_import_reads_every_relation_sign_and_inline_syntax() {
    let l = open("relations.argdown");
    let d = &l.debate;
    assert_eq!(links(d, "B"), ["supports A"]);
    assert_eq!(links(d, "C"), ["supports A"]);
    assert_eq!(links(d, "D"), ["rebuts A"]);
    assert_eq!(links(d, "E"), ["rebuts A"]);
    assert_eq!(links(d, "A"), ["rebuts G", "rebuts H", "supports F"]);
    assert_eq!(links(d, "H"), ["rebuts A"]);
    assert_eq!(links(d, "I"), ["rebuts J"]);
    // Escapes undone, emphasis and the link's address out of the text, comments gone.
    assert_eq!(text(d, "A"), "Statement A holds [really]; see the report.");
    assert_eq!(text(d, "D"), "D attacks A.");
    assert_eq!(
        text(d, "K"),
        "K is written with a backslash \\ and a hash #1 and e.g. dots."
    );
    assert_eq!(
        text(d, "Untitled-1"),
        "A statement without a title, on its own."
    );
    let a = d.claims.iter().find(|c| c.id == "A").unwrap();
    assert_eq!(a.tags, ["first claim"]);
    assert_eq!(
        graph::sources(d),
        [(
            "link-1",
            "the report",
            Some("https://example.org/report#p2")
        )]
    );
    says_left_out(
        &l,
        &[
            "1 other wording of statements already defined left out",
            "1 contradiction (`><`) kept as rebuttals both ways",
            "1 relation left out: it would contradict another between the same two, or tie a statement to itself",
            "emphasis (`*`, `_`) dropped from 1 text",
            "1 heading (sections) left out",
        ],
    );
}

#[test]
fn the_command_line_exports_and_imports() {
    let dir = tempfile::tempdir().unwrap();
    // The built-in debate's source, beside the exports, for the JSON one to load.
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(
        dir.path().join("sources/article.it.txt"),
        builtin::FILES[0].1,
    )
    .unwrap();
    for format in ["aif", "argdown", "json"] {
        let out = dir.path().join(format!("d.{format}"));
        let o = out.to_str().unwrap();
        let (code, stdout, err) = run(&["export", "--format", format, "-o", o]);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(stdout.is_empty());
        assert!(err.contains("wrote"), "{err}");
        // `--all` says the same; standard output gets the same bytes.
        let (code, stdout, _) = run(&["export", "--format", format, "--all"]);
        assert_eq!(code, 0);
        assert_eq!(stdout, std::fs::read_to_string(&out).unwrap(), "{format}");
        // The written file opens again.
        let (code, summary, err) = run(&["check", o]);
        assert_eq!(code, 0, "{format}: {summary} {err}");
        // A path makes no sense for a whole-debate format.
        let (code, _, err) = run(&["export", "--format", format, "--path", "open-source"]);
        assert_eq!(code, 2);
        assert!(
            err.contains("write the whole debate: leave out --path"),
            "{err}"
        );
        // Never replaced without --force.
        let (code, _, err) = run(&["export", "--format", format, "-o", o]);
        assert_eq!(code, 1);
        assert!(err.contains("already exists"), "{err}");
    }
    let (code, _, err) = run(&["export", "--format", "markdown", "--all"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--all works with --format dot, aif, argdown or json"),
        "{err}"
    );
    // Argdown is told by content; `check` and `import` read it.
    let f = interop("pro-con.argdown");
    let (code, out, _) = run(&["check", f.to_str().unwrap()]);
    assert_eq!(code, 0);
    // The warnings first, then the summary.
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("ok: 6 claims, 2 positions, 0 sources, 0 quotes verified, 2 warnings"),
        "{out}"
    );
    let (code, yaml, err) = run(&["import", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        yaml.starts_with("# Imported from pro-con.argdown (Argdown) by debate-tui import."),
        "{yaml}"
    );
    assert!(err.contains("imported"), "{err}");
}

#[test]
fn a_file_named_argdown_that_is_not_says_what_it_looks_like() {
    let f = interop("not-argdown.argdown");
    let (code, out, _) = run(&["check", f.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("not an Argdown document: this looks like JSON"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    for (content, looks) in [
        (
            "version: 1\ntitle: t\npositions: [{id: p, title: P}]\n",
            None,
        ),
        ("<?xml version=\"1.0\"?><map/>", Some("XML or HTML")),
        ("---\na: 1\n", Some("YAML")),
    ] {
        let p = dir.path().join("x.argdown");
        std::fs::write(&p, content).unwrap();
        let (code, out, _) = run(&["check", p.to_str().unwrap()]);
        match looks {
            // A debate file under an Argdown name is read as what it is.
            None => assert_eq!(code, 0, "{out}"),
            Some(what) => {
                assert_eq!(code, 1);
                assert!(out.contains(&format!("this looks like {what}")), "{out}");
            }
        }
    }
    // Plain sentences under an Argdown name are Argdown: statements without titles.
    let p = dir.path().join("notes.argdown");
    std::fs::write(&p, "One sentence.\n\nAnother one.\n").unwrap();
    let (code, out, _) = run(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ok: 2 claims, 1 position"), "{out}");
}

/// Argdown's command line (`@argdown/cli`), if installed: on PATH, or named by
/// `ARGDOWN`. CI installs it (`.ci/run`).
fn argdown_cli() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ARGDOWN") {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("argdown"))
            .find(|p| p.is_file())
    })
}

/// Argdown's own parser reads each export: the same statements (titles and texts, tags)
/// and the same relations as debate-tui's graph.
#[test]
fn argdowns_own_parser_reads_the_export_as_our_graph() {
    let Some(cli) = argdown_cli() else {
        let msg = "@argdown/cli is not installed (npm install -g @argdown/cli, or set ARGDOWN): the check against Argdown's own parser did not run";
        assert!(std::env::var_os("CI").is_none(), "{msg}; CI must have it");
        eprintln!("skipped: {msg}");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut all = debates();
    all.retain(|(n, _)| n != "generated");
    all.push(("generated".into(), generated(300)));
    // And debates of tricky texts, as the property test below makes them.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for i in 0..60 {
        let d = tricky_debate().new_tree(&mut runner).unwrap().current();
        all.push((format!("tricky {i}"), d));
    }
    for (k, (_, d)) in all.iter().enumerate() {
        let file = dir.path().join(format!("d{k}.argdown"));
        std::fs::write(&file, export::argdown::argdown(d)).unwrap();
    }
    // One run for every file: the command starts slowly.
    let out = Command::new(&cli)
        .arg("json")
        .arg(dir.path().join("*.argdown"))
        .arg(dir.path().join("json"))
        .stdin(Stdio::null())
        .output()
        .expect("run argdown");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (k, (name, d)) in all.iter().enumerate() {
        let json = dir.path().join(format!("json/d{k}.json"));
        let read = std::fs::read_to_string(&json)
            .unwrap_or_else(|e| panic!("{name}: Argdown wrote no JSON: {e}"));
        let v: serde_json::Value =
            serde_json::from_str(&read).unwrap_or_else(|e| panic!("{name}: {e}"));
        compare_with_argdown(name, d, &v, &json);
    }
}

fn compare_with_argdown(name: &str, d: &Debate, v: &serde_json::Value, file: &Path) {
    let statements = v["statements"].as_object().unwrap();
    let mut got: BTreeSet<(String, String)> = BTreeSet::new();
    for (title, s) in statements {
        let text = s["members"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|m| m["text"].as_str().filter(|t| !t.trim().is_empty()))
            .unwrap_or("");
        got.insert((title.trim().to_string(), text.trim().to_string()));
    }
    let want: BTreeSet<(String, String)> = nodes(d)
        .into_iter()
        .map(|n| (d.id_of(n).to_string(), clean(d.text_of(n))))
        .collect();
    assert_eq!(got, want, "{name}: statements ({})", file.display());
    let mut got_rel: BTreeSet<(String, String, String)> = BTreeSet::new();
    for r in v["relations"].as_array().unwrap() {
        got_rel.insert((
            r["from"].as_str().unwrap().trim().to_string(),
            r["to"].as_str().unwrap().trim().to_string(),
            r["relationType"].as_str().unwrap().to_string(),
        ));
    }
    let want_rel: BTreeSet<(String, String, String)> = d
        .links()
        .iter()
        .map(|l| {
            let kind = match l.relation {
                debate_tui::domain::Relation::Supports => "support",
                debate_tui::domain::Relation::Rebuts => "attack",
            };
            (
                d.id_of(l.from).to_string(),
                d.id_of(l.to).to_string(),
                kind.to_string(),
            )
        })
        .collect();
    assert_eq!(got_rel, want_rel, "{name}: relations");
    for c in &d.claims {
        let tags: Vec<String> = statements[c.id.as_str()]["tags"]
            .as_array()
            .map(|t| t.iter().map(|t| t.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        let mut want: Vec<String> = c
            .tags
            .iter()
            .map(|t| clean(t).replace(')', "]"))
            .filter(|t| !t.is_empty())
            .collect();
        want.dedup();
        assert_eq!(tags, want, "{name}: tags of {}", c.id);
    }
}

/// Text made of Argdown's syntax, JSON's escapes and characters that act on a
/// terminal, between ordinary words.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("word".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        prop::sample::select(vec![
            "[",
            "]",
            "<",
            ">",
            "#",
            "{",
            "}",
            "*",
            "_",
            "/",
            "=",
            ".",
            ":",
            "\\",
            "-",
            "+",
            "(",
            ")",
            "@",
            ",",
            ";",
            "\"",
            "'",
            "`",
            "~",
            "|",
            "!",
            "?",
            "%",
            "&",
            "$",
            "//",
            "/*",
            "*/",
            "<!--",
            "-->",
            "===",
            ".A.",
            ":heart:",
            "#tag",
            "[t]:",
            "<a>:",
            "[x](y)",
            "\t",
            "\u{1b}[2J",
            "\u{202E}",
            "\u{FE0F}",
            "é",
            "’",
            " : ",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 1..12)
        .prop_map(|p| p.concat())
        .prop_filter("a text with words", |t| !t.trim().is_empty())
}

/// A debate of two positions and a few claims with tricky texts, tags and quotes,
/// linked at random.
fn tricky_debate() -> impl Strategy<Value = Debate> {
    (
        tricky_text(),
        prop::collection::vec(
            (
                tricky_text(),
                prop::collection::vec(tricky_text(), 0..3),
                prop::option::of(tricky_text()),
                any::<u8>(),
            ),
            1..6,
        ),
    )
        .prop_map(|(title, claims)| {
            use debate_tui::domain::load::raw::{
                RawClaim, RawDebate, RawPosition, RawQuote, RawSource,
            };
            let mut raw = RawDebate {
                version: 1,
                title,
                sources: vec![RawSource {
                    id: "s".into(),
                    title: "S".into(),
                    ..RawSource::default()
                }],
                positions: ["p", "-q"]
                    .iter()
                    .map(|id| RawPosition {
                        id: (*id).into(),
                        title: format!("Position {id}"),
                        ..RawPosition::default()
                    })
                    .collect(),
                ..RawDebate::default()
            };
            for (i, (text, tags, speaker, links)) in claims.into_iter().enumerate() {
                let mut c = RawClaim {
                    id: format!("c{i}"),
                    position: if links.is_multiple_of(2) { "p" } else { "-q" }.into(),
                    text,
                    tags,
                    quotes: vec![RawQuote {
                        source: "s".into(),
                        text: "Some words".into(),
                        speaker: speaker.map(|s| clean(&s).replace(" : ", " ")),
                        ..RawQuote::default()
                    }],
                    ..RawClaim::default()
                };
                if c.quotes[0].speaker.as_deref() == Some("") {
                    c.quotes[0].speaker = None;
                }
                let target = |k: u8| {
                    if i == 0 || k.is_multiple_of(3) {
                        ["p", "-q"][k as usize % 2].to_string()
                    } else {
                        format!("c{}", k as usize % i)
                    }
                };
                if links & 4 != 0 {
                    c.supports.push(target(links / 8));
                }
                if links & 64 != 0 {
                    let t = target(links / 3);
                    if !c.supports.contains(&t) {
                        c.rebuts.push(t);
                    }
                }
                raw.claims.push(c);
            }
            let yaml = serde_yaml::to_string(&raw).unwrap();
            load_bytes("t.yaml", yaml.as_bytes(), &EmbeddedFiles(&[]))
                .unwrap_or_else(|e| panic!("{e}\n{yaml}"))
                .debate
        })
}

fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 200;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(0x1e7e_0a1f);
    }
    c.failure_persistence = None;
    c
}

proptest! {
    #![proptest_config(config())]

    /// Whatever the texts hold, each export is safe to print and reads back.
    #[test]
    fn tricky_texts_survive_every_export(d in tricky_debate()) {
        let ad = export::argdown::argdown(&d);
        assert_safe("tricky", &ad);
        let (back, warnings) = reimport(Format::Argdown, "t.argdown", &ad);
        prop_assert!(warnings.is_empty(), "{warnings:?}\n{ad}");
        assert_same_debate("tricky", &d, &back);
        let aif = export::aif::aif(&d);
        assert_safe("tricky", &aif);
        let (back, _) = reimport(Format::Aif, "t.json", &aif);
        let order = nodes(&d);
        for (k, &n) in order.iter().enumerate() {
            prop_assert_eq!(&back.claims[k].text, d.text_of(n).trim());
        }
        let json = export::json::json(&d, None);
        assert_safe("tricky", &json);
        let again = load_bytes("t.json", json.as_bytes(), &EmbeddedFiles(&[])).unwrap().debate;
        prop_assert_eq!(again, d);
    }

    /// Any text read as Argdown gives a debate or an error, never a panic.
    #[test]
    fn any_text_imports_as_argdown_or_says_why(text in tricky_text(), more in tricky_text()) {
        let doc = format!("{text}\n  + {more}\n\n(1) {more}\n----\n(2) {text}\n");
        for t in [text.as_str(), doc.as_str()] {
            if let Ok(c) = import::import(Format::Argdown, "t.argdown", t) {
                let checked = import::check("t.argdown", c.raw, &EmbeddedFiles(&[]), &Progress::default());
                prop_assert!(checked.is_ok(), "{:?}\n{t}", checked.err().map(|e| e.to_string()));
            }
        }
    }
}

/// Large and pathological Argdown: a long chain of relations, each one level deeper,
/// and long lines of what opens titles, links, tags and data without closing them.
#[test]
fn large_and_pathological_argdown_imports_quickly() {
    let mut doc = String::from("[s0]: The root.\n");
    for i in 1..20_000 {
        doc.push_str(&" ".repeat(i.min(300)));
        doc.push_str(&format!(
            "{} [s{i}]: Statement {i}.\n",
            if i % 2 == 0 { "+" } else { "-" }
        ));
    }
    doc.push_str("\n[open]: ");
    for piece in ["[", "<", "#(", "{", "{\"", "[a](", "/*x", "\\"] {
        doc.push_str(&piece.repeat(50_000));
    }
    doc.push('\n');
    let started = std::time::Instant::now();
    let c = import::import(Format::Argdown, "big.argdown", &doc).unwrap();
    assert_eq!(c.raw.claims.len(), 20_001);
    // Each statement relates to the one above it, one level less indented; past 300
    // spaces, the rest are siblings under `s299`.
    assert_eq!(c.raw.claims[299].rebuts, ["s298"]);
    assert_eq!(c.raw.claims[300].supports, ["s299"]);
    assert_eq!(c.raw.claims[19_999].rebuts, ["s299"]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}
