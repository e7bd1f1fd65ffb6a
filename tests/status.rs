//! Which claims stand: the grounded labelling against a plain reference on random
//! graphs, the strengths, what-ifs, `debate-tui status`, and `expect:` checked by
//! `check`.
//!
//! The random runs are the same every time (a fixed seed); `PROPTEST_RNG_SEED` and
//! `PROPTEST_CASES` explore further.

#[path = "support/hostile.rs"]
mod hostile;

use std::path::Path;
use std::process::Command;

use debate_tui::domain::graph::status::{Label, Status, Why};
use debate_tui::domain::{Claim, Debate, Link, NodeId, Position, Relation, builtin};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

const BIN: &str = env!("CARGO_BIN_EXE_debate-tui");

// ---------------------------------------------------------------------------------
// Random graphs against a reference

/// A random debate: `positions` positions, `claims` claims, and links from claims to
/// any node, `(from claim, to node, rebuts)`, nodes numbered positions first.
#[derive(Debug, Clone)]
struct Shape {
    positions: usize,
    claims: usize,
    links: Vec<(usize, usize, bool)>,
}

impl Shape {
    fn nodes(&self) -> usize {
        self.positions + self.claims
    }

    fn node(&self, i: usize) -> NodeId {
        if i < self.positions {
            NodeId::Position(i as u32)
        } else {
            NodeId::Claim((i - self.positions) as u32)
        }
    }

    /// The links as a valid file allows them: none to itself, one per pair.
    fn valid_links(&self) -> Vec<(usize, usize, bool)> {
        let mut seen = std::collections::HashSet::new();
        self.links
            .iter()
            .map(|&(c, to, r)| (self.positions + c, to, r))
            .filter(|&(from, to, _)| from != to && seen.insert((from, to)))
            .collect()
    }

    fn debate(&self) -> Debate {
        self.debate_with(&self.valid_links())
    }

    fn debate_with(&self, links: &[(usize, usize, bool)]) -> Debate {
        let positions = (0..self.positions)
            .map(|i| Position {
                id: format!("p{i}"),
                title: format!("P{i}"),
                summary: None,
                quotes: vec![],
                cites: vec![],
            })
            .collect();
        let claims = (0..self.claims)
            .map(|i| Claim {
                id: format!("c{i}"),
                position: (i % self.positions) as u32,
                text: format!("C{i}"),
                quotes: vec![],
                tags: vec![],
                cites: vec![],
                expect: None,
            })
            .collect();
        let links = links
            .iter()
            .map(|&(from, to, rebuts)| Link {
                from: self.node(from),
                to: self.node(to),
                relation: if rebuts {
                    Relation::Rebuts
                } else {
                    Relation::Supports
                },
            })
            .collect();
        Debate::new("random".into(), None, vec![], positions, claims, links)
    }

    /// Who rebuts each node of the debate, and its status.
    fn status(&self) -> (Vec<Vec<usize>>, Status) {
        let links = self.valid_links();
        (
            self.rebutters(&links),
            Status::of(&self.debate_with(&links)),
        )
    }

    /// Who rebuts each node.
    fn rebutters(&self, links: &[(usize, usize, bool)]) -> Vec<Vec<usize>> {
        let mut r = vec![Vec::new(); self.nodes()];
        for &(from, to, rebuts) in links {
            if rebuts {
                r[to].push(from);
            }
        }
        r
    }
}

fn shape() -> impl Strategy<Value = Shape> {
    (1usize..=3, 0usize..=40).prop_flat_map(|(positions, claims)| {
        let n = positions + claims;
        let link = (0..claims.max(1), 0..n, prop::bool::weighted(0.75));
        let links = prop::collection::vec(link, 0..=claims * 3);
        links.prop_map(move |links| Shape {
            positions,
            claims,
            links: if claims == 0 { vec![] } else { links },
        })
    })
}

/// The grounded labelling by its definition: the least fixpoint of the
/// characteristic function, iterated from the empty set. A node is in `F(S)` when
/// each of its rebutters is rebutted by a member of `S`. Then the nodes rebutted by
/// the grounded set fall, and the rest are open.
fn reference_labels(rebutters: &[Vec<usize>]) -> Vec<Label> {
    let n = rebutters.len();
    let mut grounded = vec![false; n];
    loop {
        let defeated: Vec<bool> = (0..n)
            .map(|v| rebutters[v].iter().any(|&r| grounded[r]))
            .collect();
        let next: Vec<bool> = (0..n)
            .map(|v| rebutters[v].iter().all(|&r| defeated[r]))
            .collect();
        if next == grounded {
            break;
        }
        grounded = next;
    }
    (0..n)
        .map(|v| {
            if grounded[v] {
                Label::Stands
            } else if rebutters[v].iter().any(|&r| grounded[r]) {
                Label::Falls
            } else {
                Label::Open
            }
        })
        .collect()
}

/// The h-categorizer by plain Jacobi rounds over the whole graph, from 1, until
/// nothing moves (the graphs here are small, so depth is no problem).
fn reference_strengths(rebutters: &[Vec<usize>]) -> Vec<f64> {
    let mut s = vec![1.0; rebutters.len()];
    for _ in 0..100_000 {
        let next: Vec<f64> = rebutters
            .iter()
            .map(|r| 1.0 / (1.0 + r.iter().map(|&a| s[a]).sum::<f64>()))
            .collect();
        let change = next
            .iter()
            .zip(&s)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        s = next;
        if change < 1e-13 {
            break;
        }
    }
    s
}

fn config() -> Config {
    let mut c = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 512;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = RngSeed::Fixed(0x0057_a7e5);
    }
    c.failure_persistence = None;
    c
}

proptest! {
    #![proptest_config(config())]

    /// The labelling is complete and grounded: a standing node has only falling
    /// rebuttals, a falling node has a standing one, an open node has an open one and
    /// no standing one, and the standing set is the least fixpoint.
    #[test]
    fn the_labelling_is_complete_and_grounded(shape in shape()) {
        let (rebutters, st) = shape.status();
        let label = |i: usize| st.label(shape.node(i));
        for (v, rs) in rebutters.iter().enumerate() {
            match label(v) {
                Label::Stands => prop_assert!(rs.iter().all(|&r| label(r) == Label::Falls)),
                Label::Falls => prop_assert!(rs.iter().any(|&r| label(r) == Label::Stands)),
                Label::Open => {
                    prop_assert!(rs.iter().all(|&r| label(r) != Label::Stands));
                    prop_assert!(rs.iter().any(|&r| label(r) == Label::Open));
                }
            }
        }
        let expected = reference_labels(&rebutters);
        let got: Vec<Label> = (0..shape.nodes()).map(label).collect();
        prop_assert_eq!(&got, &expected);
        for l in Label::ALL {
            prop_assert_eq!(st.count(l), expected.iter().filter(|&&e| e == l).count());
        }
    }

    /// The why names nodes that agree with the label.
    #[test]
    fn the_why_names_the_deciding_nodes(shape in shape()) {
        let (rebutters, st) = shape.status();
        for (v, rs) in rebutters.iter().enumerate() {
            let node = shape.node(v);
            let all: Vec<NodeId> = rs.iter().map(|&r| shape.node(r)).collect();
            match st.why(node) {
                Why::Unanswered => prop_assert!(rs.is_empty()),
                Why::RebuttalsFall(r) => {
                    prop_assert_eq!(st.label(node), Label::Stands);
                    prop_assert_eq!(r, all);
                }
                Why::RebuttedBy(r) => {
                    prop_assert_eq!(st.label(node), Label::Falls);
                    prop_assert!(!r.is_empty());
                    prop_assert!(r.iter().all(|&n| st.label(n) == Label::Stands));
                }
                Why::Open { cycle, open } => {
                    prop_assert_eq!(st.label(node), Label::Open);
                    prop_assert!(!cycle.is_empty() || !open.is_empty());
                    for n in cycle.iter().chain(&open) {
                        prop_assert_eq!(st.label(*n), Label::Open);
                        prop_assert!(all.contains(n));
                    }
                    // A rebutter in a cycle with the node is reached back from it.
                    for n in &cycle {
                        prop_assert!(reaches(&shape, &rebutters, *n, node));
                    }
                }
                Why::SetAside => prop_assert!(false, "nothing is set aside"),
            }
        }
    }

    /// Strengths are in (0, 1], 1 exactly for an unanswered node, the fixpoint of the
    /// h-categorizer, and what plain Jacobi rounds give.
    #[test]
    fn strengths_are_the_h_categorizer(shape in shape()) {
        let (rebutters, st) = shape.status();
        prop_assert!(st.convergence().converged);
        let expected = reference_strengths(&rebutters);
        for (v, rs) in rebutters.iter().enumerate() {
            let s = st.strength(shape.node(v));
            prop_assert!(s > 0.0 && s <= 1.0, "{}", s);
            if rs.is_empty() {
                prop_assert_eq!(s, 1.0);
            }
            let sum: f64 = rs.iter().map(|&r| st.strength(shape.node(r))).sum();
            prop_assert!((s - 1.0 / (1.0 + sum)).abs() < 1e-8, "fixpoint at {}", v);
            prop_assert!((s - expected[v]).abs() < 1e-7, "{} against {}", s, expected[v]);
        }
    }

    /// One more unanswered rebuttal of a node makes it fall and lowers its strength.
    #[test]
    fn a_new_rebuttal_weakens(shape in shape(), target in any::<prop::sample::Index>()) {
        let before = Status::of(&shape.debate());
        let mut more = shape.clone();
        more.claims += 1;
        // The new claim comes last, so every node keeps its number.
        let t = target.index(shape.nodes());
        more.links.push((shape.claims, t, true));
        let after = Status::of(&more.debate());
        let node = shape.node(t);
        prop_assert_eq!(after.label(node), Label::Falls);
        prop_assert!(after.strength(node) < before.strength(node));
    }

    /// Setting claims aside is the same as taking away their rebuttals: every other
    /// node gets the label and strength it has in that debate; those set aside fall,
    /// at strength 0.
    #[test]
    fn what_if_is_the_debate_without_their_rebuttals(
        shape in shape(),
        aside in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        prop_assume!(shape.claims > 0);
        let links = shape.valid_links();
        let aside: Vec<usize> = aside.iter().map(|i| shape.positions + i.index(shape.claims)).collect();
        let st = Status::of(&shape.debate_with(&links));
        let what_if = st.what_if(aside.iter().map(|&i| shape.node(i)));
        let without: Vec<_> = links.iter().copied().filter(|&(from, _, r)| !(r && aside.contains(&from))).collect();
        let reduced = Status::of(&shape.debate_with(&without));
        prop_assert!(what_if.convergence().converged);
        for v in 0..shape.nodes() {
            let node = shape.node(v);
            if aside.contains(&v) {
                prop_assert_eq!(what_if.label(node), Label::Falls);
                prop_assert_eq!(what_if.strength(node), 0.0);
                prop_assert_eq!(what_if.why(node), Why::SetAside);
                prop_assert!(what_if.is_set_aside(node));
            } else {
                prop_assert_eq!(what_if.label(node), reduced.label(node), "label of {}", v);
                prop_assert!((what_if.strength(node) - reduced.strength(node)).abs() < 1e-7);
            }
        }
        let mut distinct = aside.clone();
        distinct.sort();
        distinct.dedup();
        prop_assert_eq!(what_if.set_aside().len(), distinct.len());
        // Setting nothing aside gives the first status back, and a what-if does not
        // depend on the one it was asked of.
        let none = what_if.what_if([]);
        let again = none.what_if(aside.iter().map(|&i| shape.node(i)));
        for v in 0..shape.nodes() {
            let node = shape.node(v);
            prop_assert_eq!(none.label(node), st.label(node));
            prop_assert_eq!(none.strength(node), st.strength(node));
            prop_assert_eq!(again.label(node), what_if.label(node));
            prop_assert_eq!(again.strength(node), what_if.strength(node));
            prop_assert_eq!(again.why(node), what_if.why(node));
            prop_assert_eq!(again.standing_supporters(node), what_if.standing_supporters(node));
            let standing = links
                .iter()
                .filter(|&&(from, to, r)| !r && to == v && what_if.label(shape.node(from)) == Label::Stands)
                .count();
            prop_assert_eq!(what_if.standing_supporters(node), standing);
        }
        for l in Label::ALL {
            let n = (0..shape.nodes()).filter(|&v| what_if.label(shape.node(v)) == l).count();
            prop_assert_eq!(what_if.count(l), n);
        }
    }
}

/// Whether `to` is reached from `from` by following rebuttals back to their rebutters.
fn reaches(shape: &Shape, rebutters: &[Vec<usize>], from: NodeId, to: NodeId) -> bool {
    let index = |n: NodeId| (0..shape.nodes()).find(|&i| shape.node(i) == n).unwrap();
    let (from, to) = (index(from), index(to));
    let mut seen = vec![false; shape.nodes()];
    let mut stack = vec![from];
    while let Some(v) = stack.pop() {
        if v == to {
            return true;
        }
        if !std::mem::replace(&mut seen[v], true) {
            stack.extend(&rebutters[v]);
        }
    }
    false
}

// ---------------------------------------------------------------------------------
// The built-in debate

#[test]
fn the_built_in_debate_has_a_reading() {
    let d = builtin::load().unwrap().debate;
    let st = Status::of(&d);
    let open_source = d.lookup("open-source").unwrap();
    // The open-source side is rebutted by an unanswered claim.
    assert_eq!(st.label(open_source), Label::Falls);
    let unanswered = d.lookup("worse-than-sharing-data").unwrap();
    assert_eq!(st.why(open_source), Why::RebuttedBy(vec![unanswered]));
    // Suppose that claim fails: the side stands again.
    let what_if = st.what_if([unanswered]);
    assert_eq!(what_if.label(open_source), Label::Stands);
    assert_eq!(
        st.label(open_source),
        Label::Falls,
        "the first status is kept"
    );
    assert_eq!(
        st.count(Label::Stands) + st.count(Label::Falls) + st.count(Label::Open),
        d.positions.len() + d.claims.len()
    );
}

// ---------------------------------------------------------------------------------
// The command line

/// One run: exit status, standard output, standard error.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&std::ffi::OsStr]) -> (Run, Vec<u8>, Vec<u8>) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run debate-tui");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    (run, out.stdout, out.stderr)
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    run_in(dir, &args).0
}

/// A debate in which `b` rebuts `a` and `c` rebuts `b`, and `x` and `y` rebut each
/// other, with the given extra lines under claim `a`.
fn chain(extra: &str) -> String {
    format!(
        "version: 1
title: A chain and a cycle
positions:
  - id: p
    title: P
claims:
  - id: a
    position: p
    text: A
    supports: [p]
{extra}  - id: b
    position: p
    text: B
    rebuts: [a]
  - id: c
    position: p
    text: C
    rebuts: [b]
  - id: x
    position: p
    text: X
    rebuts: [y]
  - id: y
    position: p
    text: Y
    rebuts: [x]
"
    )
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn status_prints_every_node_with_its_label_strength_and_why() {
    let dir = folder(&[("d.yaml", &chain(""))]);
    let r = run(dir.path(), &["status", "d.yaml"]);
    assert_eq!(r.code, 0, "{r:?}");
    let out = &r.stdout;
    assert!(
        out.starts_with("A chain and a cycle: 1 position, 5 claims\n"),
        "{out}"
    );
    assert!(out.contains("\n3 stand, 1 falls, 2 open\n"), "{out}");
    for line in [
        "stands  1.000  p: P\n               unanswered; supported by 1 standing claim\n",
        "stands  0.667  a: A\n               its rebuttal `b` falls\n",
        "falls   0.500  b: B\n               rebutted by `c`, which stands\n",
        "stands  1.000  c: C\n               unanswered\n",
        "open    0.618  x: X\n               in a cycle with `y`\n",
    ] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
    assert!(
        out.contains("strengths: cycles settled within 1e-9 in "),
        "{out}"
    );
}

#[test]
fn status_json_is_for_scripts() {
    let dir = folder(&[("d.yaml", &chain(""))]);
    let r = run(dir.path(), &["status", "--json", "d.yaml"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["title"], "A chain and a cycle");
    assert_eq!(v["counts"]["stands"], 3);
    assert_eq!(v["counts"]["falls"], 1);
    assert_eq!(v["counts"]["open"], 2);
    assert_eq!(v["strengths"]["converged"], true);
    assert_eq!(v["strengths"]["tolerance"], 1e-9);
    assert_eq!(v["positions"][0]["standing_supporters"], 1);
    let b = &v["claims"][1];
    assert_eq!(b["id"], "b");
    assert_eq!(b["position"], "p");
    assert_eq!(b["label"], "falls");
    assert_eq!(b["strength"], 0.5);
    assert_eq!(b["reason"], "rebutted");
    assert_eq!(b["deciding"], serde_json::json!(["c"]));
    assert_eq!(b["why"], "rebutted by `c`, which stands");
    assert_eq!(v["claims"][3]["reason"], "cycle");
    assert_eq!(v["claims"][3]["deciding"], serde_json::json!(["y"]));
    assert_eq!(v["claims"][2]["reason"], "unanswered");
    assert!(b.get("expect").is_none());
}

#[test]
fn status_sets_claims_aside() {
    let dir = folder(&[("d.yaml", &chain(""))]);
    let r = run(dir.path(), &["status", "d.yaml", "--aside", "c, y"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout
            .contains("set aside (supposed to fail): `c`, `y`\n"),
        "{r:?}"
    );
    assert!(
        r.stdout
            .contains("falls   0.000  c: C\n               set aside: supposed to fail\n"),
        "{r:?}"
    );
    assert!(r.stdout.contains("stands  1.000  b: B\n"), "{r:?}");
    assert!(r.stdout.contains("falls   0.500  a: A\n"), "{r:?}");
    assert!(r.stdout.contains("stands  1.000  x: X\n"), "{r:?}");
    let r = run(dir.path(), &["status", "d.yaml", "--json", "--aside", "c"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["set_aside"], serde_json::json!(["c"]));
    assert_eq!(v["claims"][2]["reason"], "set-aside");

    let r = run(dir.path(), &["status", "d.yaml", "--aside", "cc"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(
        r.stderr,
        "debate-tui status: no claim or position with the id `cc` (did you mean `c`?)\n"
    );
    assert!(r.stdout.is_empty());
    let r = run(dir.path(), &["status", "d.yaml", "--aside", " , "]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--aside names no claim"), "{r:?}");
}

#[test]
fn status_takes_the_file_on_either_side() {
    let dir = folder(&[("d.yaml", &chain("")), ("e.yaml", &chain(""))]);
    let after = run(dir.path(), &["status", "d.yaml"]);
    let before = run(dir.path(), &["d.yaml", "status"]);
    assert_eq!(before.code, 0, "{before:?}");
    assert_eq!(before.stdout, after.stdout);
    let both = run(dir.path(), &["d.yaml", "status", "e.yaml"]);
    assert_eq!(both.code, 2, "{both:?}");
    assert!(both.stderr.contains("two files"), "{both:?}");
    let same = run(dir.path(), &["d.yaml", "status", "d.yaml", "--json"]);
    assert_eq!(same.code, 0, "{same:?}");
}

#[test]
fn status_without_a_file_reads_the_built_in_debate() {
    let dir = folder(&[]);
    let r = run(dir.path(), &["status"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains(
        "falls   0.500  open-source: Release capable models openly\n               rebutted by `worse-than-sharing-data`, which stands"
    ), "{}", r.stdout);
}

#[test]
fn status_of_a_missing_or_invalid_file_fails() {
    let dir = folder(&[("bad.yaml", "version: 1\ntitle: T\n")]);
    let r = run(dir.path(), &["status", "nowhere.yaml"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stdout.is_empty() && r.stderr.contains("error: cannot load"),
        "{r:?}"
    );
    let r = run(dir.path(), &["status", "bad.yaml", "--json"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stdout.is_empty() && r.stderr.contains("missing required field `positions`"),
        "{r:?}"
    );
    let r = run(dir.path(), &["status", "--jsn"]);
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn status_of_a_hostile_debate_prints_only_visible_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile::write(dir.path(), true);
    for json in [false, true] {
        let mut args: Vec<&std::ffi::OsStr> = vec!["status".as_ref(), file.as_os_str()];
        if json {
            args.push("--json".as_ref());
        }
        let (r, stdout, stderr) = run_in(dir.path(), &args);
        assert_eq!(r.code, 0, "{r:?}");
        hostile::assert_clean("status: stdout", &stdout);
        hostile::assert_clean("status: stderr", &stderr);
        assert!(
            r.stdout.contains("Rebuttal \u{FFFD}]0;PWNED"),
            "{}",
            r.stdout
        );
        if json {
            let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
            assert_eq!(v["claims"][0]["label"], "falls");
        }
    }
}

// ---------------------------------------------------------------------------------
// `expect:`, checked by `check`

#[test]
fn met_expectations_are_counted() {
    let text = chain("    expect: stands\n")
        .replace("    rebuts: [y]\n", "    rebuts: [y]\n    expect: open\n");
    let dir = folder(&[("d.yaml", &text)]);
    let r = run(dir.path(), &["check", "d.yaml"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.ends_with(", 2 expectations met\n"), "{r:?}");
    assert!(r.stderr.is_empty(), "{r:?}");
}

#[test]
fn an_unmet_expectation_is_an_error_at_its_line() {
    // `a` stands (its rebuttal `b` falls); written as expecting to fall.
    let text =
        chain("    expect: falls\n").replace("    text: C\n", "    text: C\n    expect: open\n");
    let dir = folder(&[("d.yaml", &text)]);
    let r = run(dir.path(), &["check", "d.yaml"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(
        r.stdout,
        "d.yaml:11:13: error: claim `a` expects falls but stands: its rebuttal `b` falls\n\
         d.yaml:19:13: error: claim `c` expects open but stands: unanswered\n\
         error: 2 problems in d.yaml\n"
    );
    // The debate loads all the same: its status says what was expected.
    let r = run(dir.path(), &["status", "d.yaml"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout
            .contains("               its rebuttal `b` falls; expected falls\n"),
        "{r:?}"
    );
    let r = run(dir.path(), &["status", "d.yaml", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["claims"][0]["expect"], "falls");
    let r = run(dir.path(), &["d.yaml"]);
    assert_eq!(r.code, 0, "the explorer's summary opens it: {r:?}");
}

#[test]
fn the_message_names_the_claim_that_decides() {
    let text = chain("").replace("    text: B\n", "    text: B\n    expect: stands\n");
    let dir = folder(&[("d.yaml", &text)]);
    let r = run(dir.path(), &["check", "d.yaml"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stdout.starts_with(
            "d.yaml:14:13: error: claim `b` expects stands but falls: rebutted by `c`, which stands\n"
        ),
        "{r:?}"
    );
    let r = run(dir.path(), &["check", "d.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["problems"][0]["code"], "E020", "{r:?}");
    assert_eq!(v["problems"][0]["name"], "unmet-expectation", "{r:?}");
}

#[test]
fn a_wrong_expectation_is_an_error_with_a_hint() {
    let dir = folder(&[
        ("maybe.yaml", &chain("    expect: maybe\n")),
        ("caps.yaml", &chain("    expect: Stands\n")),
        (
            "list.yaml",
            &chain("    expect: [stands]\n").replace("    text: B\n", "    txt: B\n"),
        ),
        (
            "position.yaml",
            &chain("").replace("    title: P\n", "    title: P\n    expect: stands\n"),
        ),
    ]);
    let r = run(dir.path(), &["check", "maybe.yaml"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(
        r.stdout,
        "maybe.yaml:11:13: error: `expect` must be `stands`, `falls` or `open`, not `maybe`\n  \
         hint: `expect` is the label the claim should get from the rebuttals of the debate\n\
         error: 1 problem in maybe.yaml\n"
    );
    let r = run(dir.path(), &["check", "caps.yaml"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stdout.contains("  hint: did you mean `stands`?\n"),
        "{r:?}"
    );
    // Read leniently, with another problem: both are reported.
    let r = run(dir.path(), &["check", "list.yaml"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stdout
            .contains("list.yaml:11:13: error: `expect` must be text"),
        "{r:?}"
    );
    assert!(r.stdout.contains("unknown field `txt`"), "{r:?}");
    // Only claims expect.
    let r = run(dir.path(), &["check", "position.yaml"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("unknown field `expect`"), "{r:?}");
}
