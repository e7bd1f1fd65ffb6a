//! Each rule of format v1, with a small file that breaks it: the message and the line.

use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{Diagnostic, LoadError, Loaded, load_bytes};

const ARTICLE: &str = "Meta ha intrapreso il percorso dell’open source.\nQuesto significa che non ci sarebbe alcun “kill switch” associato.\n";
const FILES: EmbeddedFiles = EmbeddedFiles(&[("article.txt", ARTICLE)]);

const HEAD: &str = "version: 1
title: Test
sources:
  - id: art
    title: Article
    file: article.txt
positions:
  - id: open
    title: Open
  - id: closed
    title: Closed
";

fn load(yaml: &str) -> Result<Loaded, LoadError> {
    load_bytes("t.yaml", yaml.as_bytes(), &FILES)
}

fn problems(yaml: &str) -> Vec<Diagnostic> {
    match load(yaml) {
        Ok(_) => panic!("expected problems in:\n{yaml}"),
        Err(e) => e.diagnostics().to_vec(),
    }
}

/// The only problem of `yaml`: its line and its printed form.
fn only(yaml: &str) -> (usize, String) {
    let p = problems(yaml);
    assert_eq!(p.len(), 1, "expected one problem, got {p:#?}");
    (p[0].line, p[0].to_string())
}

fn with_claims(claims: &str) -> String {
    format!("{HEAD}claims:\n{claims}")
}

#[test]
fn a_valid_file_loads() {
    let d = load(&with_claims(
        "  - id: a\n    position: open\n    text: A\n    quotes:\n      - source: art\n        text: \"alcun \\\"kill switch\\\" associato\"\n",
    ))
    .unwrap();
    assert_eq!(d.debate.claims.len(), 1);
    assert_eq!(d.stats.quotes_verified, 1);
    let q = &d.debate.claims[0].quotes[0];
    assert_eq!(
        &ARTICLE[q.found.clone().unwrap()],
        "alcun “kill switch” associato"
    );
}

#[test]
fn unknown_field_is_an_error_with_a_hint() {
    let (line, msg) = only(&with_claims(
        "  - id: a\n    position: open\n    text: A\n    rebutts: [open]\n",
    ));
    assert_eq!(line, 16);
    assert!(msg.contains("unknown field `rebutts`"), "{msg}");
    assert!(msg.contains("did you mean `rebuts`?"), "{msg}");
}

#[test]
fn unknown_top_level_field() {
    let (line, msg) = only(&format!("{HEAD}autor: me\n"));
    assert_eq!(line, 12);
    assert!(msg.contains("unknown field `autor`"), "{msg}");
}

#[test]
fn missing_required_fields() {
    let p = problems("version: 1\npositions:\n  - id: a\n");
    let text: Vec<String> = p.iter().map(|d| d.to_string()).collect();
    assert!(
        text.iter()
            .any(|m| m.contains("missing required field `title`")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|m| m.starts_with("t.yaml:3:") && m.contains("missing required field `title`")),
        "the position's missing title is placed at the position: {text:#?}"
    );
}

#[test]
fn ids_must_use_letters_digits_dash_underscore() {
    let (line, msg) = only(&with_claims(
        "  - id: no kill\n    position: open\n    text: A\n",
    ));
    assert_eq!(line, 13);
    assert!(msg.contains("invalid id `no kill`"), "{msg}");
}

#[test]
fn ids_are_unique_across_positions_and_claims() {
    let (line, msg) = only(&with_claims(
        "  - id: open\n    position: open\n    text: A\n",
    ));
    assert_eq!(line, 13);
    assert!(msg.contains("duplicate id `open`"), "{msg}");
    assert!(msg.contains("position 1"), "{msg}");
}

#[test]
fn source_ids_are_unique() {
    let yaml = HEAD.replace("sources:\n", "sources:\n  - id: art\n    title: Again\n");
    let (line, msg) = only(&yaml);
    assert_eq!(line, 6);
    assert!(msg.contains("duplicate source id `art`"), "{msg}");
}

#[test]
fn claim_position_must_be_a_position() {
    let (line, msg) = only(&with_claims("  - id: a\n    position: opne\n    text: A\n"));
    assert_eq!(line, 14);
    assert!(msg.contains("unknown position `opne`"), "{msg}");
    assert!(msg.contains("did you mean `open`?"), "{msg}");
    let (_, msg) = only(&with_claims(
        "  - id: a\n    position: open\n    text: A\n  - id: b\n    position: a\n    text: B\n",
    ));
    assert!(msg.contains("`a` is a claim, not a position"), "{msg}");
}

#[test]
fn references_must_exist_and_the_entry_is_placed() {
    let (line, msg) = only(&with_claims(
        "  - id: a\n    position: open\n    text: A\n    rebuts:\n      - closed\n      - b-claim\n",
    ));
    assert_eq!(line, 18, "the line of the `rebuts` entry itself");
    assert!(msg.contains("`rebuts` names `b-claim`"), "{msg}");
}

#[test]
fn a_claim_may_not_link_to_itself() {
    let (_, msg) = only(&with_claims(
        "  - id: a\n    position: open\n    text: A\n    supports: [a]\n",
    ));
    assert!(msg.contains("claim `a` supports itself"), "{msg}");
}

#[test]
fn a_claim_may_not_support_and_rebut_the_same_target() {
    let (line, msg) = only(&with_claims(
        "  - id: a\n    position: open\n    text: A\n    supports: [closed]\n    rebuts: [closed]\n",
    ));
    assert_eq!(line, 17);
    assert!(msg.contains("both supports and rebuts `closed`"), "{msg}");
}

#[test]
fn cycles_are_legal() {
    let d = load(&with_claims(
        "  - id: a\n    position: open\n    text: A\n    rebuts: [b]\n  - id: b\n    position: closed\n    text: B\n    rebuts: [a]\n",
    ))
    .unwrap();
    assert_eq!(d.debate.links().len(), 2);
}

#[test]
fn quote_source_must_exist() {
    let (line, msg) = only(&with_claims(
        "  - id: a\n    position: open\n    text: A\n    quotes:\n      - source: atr\n        text: x\n",
    ));
    assert_eq!(line, 17);
    assert!(msg.contains("unknown source `atr`"), "{msg}");
    assert!(msg.contains("did you mean `art`?"), "{msg}");
}

#[test]
fn a_quote_not_in_its_source_shows_the_closest_passage() {
    let (line, msg) = only(&with_claims(
        "  - id: a\n    position: open\n    text: A\n    quotes:\n      - source: art\n        text: non ci sarebbe nessun kill switch\n",
    ));
    assert_eq!(line, 18);
    assert!(msg.contains("quote not found in source `art`"), "{msg}");
    assert!(msg.contains("closest passage, article.txt:2"), "{msg}");
    assert!(msg.contains("non ci sarebbe alcun “kill switch”"), "{msg}");
}

#[test]
fn an_unreadable_source_file_is_placed_at_its_field() {
    let yaml = HEAD.replace("file: article.txt", "file: missing.txt");
    let (line, msg) = only(&yaml);
    assert_eq!(line, 6);
    assert!(
        msg.contains("cannot read source file `missing.txt`"),
        "{msg}"
    );
}

#[test]
fn at_least_one_position() {
    let (_, msg) = only("version: 1\ntitle: T\npositions: []\n");
    assert!(msg.contains("at least one position"), "{msg}");
}

#[test]
fn wrong_version_is_a_clear_error() {
    let (line, msg) = only(&HEAD.replace("version: 1", "version: 2"));
    assert_eq!(line, 1);
    assert!(msg.contains("unsupported format version 2"), "{msg}");
}

const DEEP: &str = "error: the file nests too deeply\n  hint: a debate file needs five levels of nesting at most; this looks like a damaged file";

/// Nesting past 32 levels is refused before serde_yaml reads the file, at the place where
/// the first collection past the limit starts, however the file writes its nesting.
#[test]
fn nesting_past_the_limit_is_refused_where_it_starts() {
    let cases = [
        // `- - - …` on one line: the mapping, the list under `positions:` at its column,
        // then a list per dash.
        (format!("positions:\n{}x\n", "- ".repeat(40)), (2, 63)),
        // A key per line, each a column further.
        (
            (0..40)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect(),
            (33, 33),
        ),
        // Lists in lists, a dash per line.
        (
            (0..40).map(|i| format!("{}-\n", " ".repeat(i))).collect(),
            (33, 33),
        ),
        // Block lists, then brackets, then `key: value` pairs in brackets, each a mapping.
        (
            format!(
                "{}[[[[[[[[[[ [a: [b: [c: [d: [e: [f: [g: x]]]]]]]",
                "- ".repeat(16)
            ),
            (1, 56),
        ),
        // `? ` keys and `- ` items in turn.
        (format!("{}x\n", "? - ".repeat(20)), (1, 65)),
    ];
    for (yaml, place) in cases {
        let (line, msg) = only(&yaml);
        assert_eq!(
            msg,
            format!("t.yaml:{}:{}: {DEEP}", place.0, place.1),
            "line {line}"
        );
    }
}

/// What looks deep but is text (quoted, in a block scalar, in a comment, a plain scalar
/// over several lines) loads; what nests exactly to the limit is read, and its wrong
/// kinds reported.
#[test]
fn nesting_within_the_limit_is_read() {
    let claim = format!(
        "  - id: a\n    position: open\n    text: \"{deep}\n{dashes}\n\"\n    tags: [x] # {deep}\n  - id: b\n    position: open\n    text: |\n      {dashes}\n      {deep}\n  - id: c\n    position: open\n    text: plain {deep}\n      {dashes}\n",
        deep = "[[[[{{{{".repeat(10),
        dashes = "- ".repeat(40),
    );
    let d = load(&with_claims(&claim)).unwrap();
    assert_eq!(d.debate.claims.len(), 3);
    // The claims list, a claim and its text: 3 levels, then 29 of brackets make 32.
    let at = |n: usize| {
        format!(
            "{HEAD}claims:\n  - {{id: a, position: open, text: {}x{}}}\n",
            "[".repeat(n),
            "]".repeat(n)
        )
    };
    let (_, msg) = only(&at(29));
    assert!(msg.contains("`text` must be text"), "{msg}");
    let (_, msg) = only(&at(30));
    assert!(msg.ends_with(DEEP), "{msg}");
}

/// YAML reads `0x1`, `0o1`, `+1` and `01` as the number 1; format v1 takes the plain `1`
/// only, so that every reader of the file agrees on the version. A quoted `"1"` is text,
/// not a number, in every YAML reader, and is refused too.
#[test]
fn the_version_is_the_plain_number_one() {
    let claim = "  - id: a\n    position: open\n    text: A\n";
    assert!(load(&with_claims(claim)).is_ok());
    for written in ["0x1", "0o1", "+1", "01", "1.0", "\"1\"", "'1'", "!!int 1"] {
        let wanted = format!("unsupported format version {written}: write `version: 1`");
        // First in the file, later in it, and in a file with another problem too.
        let first = with_claims(claim).replace("version: 1", &format!("version: {written}"));
        let later = first.replacen(&format!("version: {written}\n"), "", 1)
            + &format!("version: {written}\n");
        let (line, msg) = only(&first);
        assert_eq!(line, 1, "{msg}");
        assert!(msg.contains(&wanted), "{msg}");
        let (line, msg) = only(&later);
        assert_eq!(line, later.lines().count(), "{msg}");
        assert!(msg.contains(&wanted), "{msg}");
        let p = problems(&format!(
            "{first}  - id: b\n    position: open\n    txt: B\n"
        ));
        let text: Vec<String> = p.iter().map(|d| d.to_string()).collect();
        assert_eq!(p.len(), 3, "{text:#?}");
        assert!(
            text[0].starts_with("t.yaml:1:") && text[0].contains(&wanted),
            "{text:#?}"
        );
    }
    // The number written plainly is read as it is.
    let (_, msg) = only(&HEAD.replace("version: 1", "version: 10"));
    assert!(
        msg.contains("unsupported format version 10: this debate-tui reads version 1"),
        "{msg}"
    );
}

#[test]
fn wrong_kinds_are_reported_each() {
    let p = problems(&with_claims(
        "  - id: a\n    position: open\n    text: [x]\n  - id: b\n    position: open\n    text: B\n    tags: safety\n",
    ));
    let text: Vec<String> = p.iter().map(|d| d.to_string()).collect();
    assert_eq!(p.len(), 2, "{text:#?}");
    assert!(
        text[0].starts_with("t.yaml:15:") && text[0].contains("`text` must be text"),
        "{text:#?}"
    );
    assert!(
        text[1].starts_with("t.yaml:19:") && text[1].contains("`tags` must be a list"),
        "{text:#?}"
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let p = problems(&with_claims(
        "  - id: a\n    position: open\n    text: A\n    rebutts: [b]\n  - id: b\n    position: clsoed\n    text: B\n  - id: c\n    position: closed\n    text: C\n    rebuts: [a, nope]\n",
    ));
    let lines: Vec<usize> = p.iter().map(|d| d.line).collect();
    assert_eq!(lines, vec![16, 18, 23], "{p:#?}");
}

#[test]
fn a_reference_to_a_broken_item_is_not_reported_twice() {
    // Claim `a` lacks its text; `b` rebuts it: one problem, not two.
    let (_, msg) = only(&with_claims(
        "  - id: a\n    position: open\n  - id: b\n    position: closed\n    text: B\n    rebuts: [a]\n",
    ));
    assert!(msg.contains("missing required field `text`"), "{msg}");
}

/// A file large enough to be read on every core, with `bad` as its 2,500th claim.
fn large_with(bad: &str) -> String {
    let mut claims = String::new();
    for i in 0..3_000 {
        if i == 2_500 {
            claims.push_str(bad);
        }
        claims.push_str(&format!(
            "  - id: c{i}\n    position: open\n    text: \"{}\"\n",
            "Claim text long enough to make the file weigh over a megabyte. ".repeat(6)
        ));
    }
    with_claims(&claims)
}

#[test]
fn a_large_file_reads_the_same_and_reports_problems_at_their_lines() {
    let good = large_with("");
    assert!(
        good.len() > 1 << 20,
        "large enough to be cut: {}",
        good.len()
    );
    assert_eq!(load(&good).unwrap().debate.claims.len(), 3_000);

    let bad = large_with("  - id: bad\n    position: open\n    rebutts: [c1]\n    text: B\n");
    let line = bad[..bad.find("rebutts").unwrap()].lines().count();
    let (at, msg) = only(&bad);
    assert_eq!(at, line);
    assert!(msg.contains("did you mean `rebuts`?"), "{msg}");
}

/// A source file named by the debate that is a pipe or a device is refused before it is
/// opened: a pipe would hang the load, `/dev/zero` would feed it without end.
#[test]
fn a_source_file_that_is_a_pipe_or_a_device_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let file = dir.path().join("d.yaml");
    std::fs::write(
        &file,
        HEAD.replace(
            "    file: article.txt\n",
            "    file: pipe.txt\n  - id: zero\n    title: Zero\n    file: /dev/zero\n",
        ),
    )
    .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    // Trusted to read outside its folder, so that /dev/zero is refused for what it is.
    std::thread::spawn(move || {
        let _ = tx.send(debate_tui::domain::open::load_path_with(
            &file,
            true,
            &Default::default(),
        ));
    });
    let r = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the load ends");
    let Err(e) = r else { panic!("loads") };
    let shown = e.to_string();
    assert_eq!(e.diagnostics().len(), 2, "{shown}");
    for d in e.diagnostics() {
        assert!(d.message.contains("it is not a regular file"), "{shown}");
    }
}

#[test]
fn cites_name_sources_and_the_entry_is_placed() {
    let d = load(&format!(
        "{}claims:\n  - id: a\n    position: open\n    text: A\n    cites: [art, art]\n",
        HEAD.replace(
            "  - id: open\n    title: Open\n",
            "  - id: open\n    title: Open\n    cites: [art]\n"
        )
        .replace(
            "    file: article.txt\n",
            "    file: article.txt\n    excerpt: a passage\n"
        )
    ))
    .unwrap();
    assert_eq!(d.debate.claims[0].cites, vec![0], "each source once");
    assert_eq!(d.debate.positions[0].cites, vec![0]);
    assert_eq!(d.debate.sources[0].excerpt.as_deref(), Some("a passage"));
    let (line, msg) = only(&with_claims(
        "  - id: a\n    position: open\n    text: A\n    cites:\n      - art\n      - atr\n",
    ));
    assert_eq!(line, 18, "the line of the `cites` entry itself: {msg}");
    assert!(msg.contains("unknown source `atr`"), "{msg}");
    assert!(msg.contains("did you mean `art`?"), "{msg}");
}

#[test]
fn a_quote_keeps_its_speech_act() {
    let d = load(&with_claims(
        "  - id: a\n    position: open\n    text: A\n    quotes:\n      - source: art\n        text: Meta ha intrapreso\n        act: asks\n",
    ))
    .unwrap();
    assert_eq!(d.debate.claims[0].quotes[0].act.as_deref(), Some("asks"));
}
