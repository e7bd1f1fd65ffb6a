//! AIF maps as AIFdb, QT30, OVA2, OVA3 and xAIF write them: the variants of the file,
//! speakers, speech acts, rephrases and linked premises, sides for large maps, the
//! analysed text as the source's text, and the warnings for what format v1 cannot
//! carry. Each fixture copies the structure of real files with made-up text.

#[path = "support/graph.rs"]
mod graph;

use graph::{fixture, ids, links, load, node, position_ids, run, side, warnings};

use debate_tui::domain::import::{self, Format};
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{Debate, LoadError, Loaded, load_bytes};

/// A debate from an AIF file given as text.
fn open(text: &str) -> Loaded {
    load_bytes("t.json", text.as_bytes(), &EmbeddedFiles(&[])).unwrap_or_else(|e| panic!("{e}"))
}

/// Every diagnostic of a failed load of `text`, as printed.
fn errors(text: &str) -> Vec<String> {
    match load_bytes("t.json", text.as_bytes(), &EmbeddedFiles(&[])) {
        Ok(_) => panic!("loaded"),
        Err(e @ LoadError::Invalid { .. }) => {
            e.diagnostics().iter().map(ToString::to_string).collect()
        }
        Err(e) => panic!("{e}"),
    }
}

/// Each quote of a claim as (speaker, act, words).
fn quotes<'a>(d: &'a Debate, id: &str) -> Vec<(Option<&'a str>, Option<&'a str>, &'a str)> {
    d.quotes_of(node(d, id))
        .iter()
        .map(|q| (q.speaker.as_deref(), q.act.as_deref(), q.text.as_str()))
        .collect()
}

fn has_warning(l: &Loaded, words: &str) -> bool {
    warnings(l).iter().any(|w| w.contains(words))
}

#[test]
fn ova2_files_import_with_their_document_as_the_source() {
    let l = load("ova2-nodes.json");
    let d = &l.debate;
    assert_eq!(ids(d), ["n1", "n2", "n4"]);
    assert_eq!(links(d, "n2"), ["supports n1"]);
    assert!(links(d, "n4").is_empty());
    assert_eq!(position_ids(d), ["pro", "con", "other"]);
    assert_eq!(
        (side(d, "n2"), side(d, "n4")),
        ("pro".into(), "other".into())
    );
    // The document the analysis names, with its text.
    let s = &d.sources[0];
    assert_eq!(d.sources.len(), 1);
    assert_eq!(s.title, "Letter to the editor");
    assert_eq!(s.url.as_deref(), Some("https://example.org/letters/12"));
    assert_eq!(
        s.text.as_deref(),
        Some(
            "Dog dirt turns up in most playground sand, so parks should keep dogs out of playgrounds.\n\nYet most owners already clean up after their dogs."
        )
    );
    // Each I node's span quotes it, and the quote is found in the text.
    assert_eq!(
        quotes(d, "n1"),
        [(None, None, "parks should keep dogs out of playgrounds")]
    );
    assert_eq!((l.stats.quotes_verified, l.stats.quotes_unchecked), (3, 0));
    assert!(d.quotes_of(node(d, "n4"))[0].found.is_some());
    assert!(l.warnings.is_empty(), "{:?}", warnings(&l));
}

#[test]
fn a_json_graph_of_another_kind_is_named_once() {
    // SADFace: nodes with `id`, edges with `source_id` and `target_id`.
    let e = errors(
        r#"{"nodes": [{"id": "a1", "type": "atom", "text": "x"}, {"id": "a2", "type": "atom", "text": "y"}, {"id": "s1", "type": "scheme", "name": "support"}],
            "edges": [{"id": "e1", "source_id": "a1", "target_id": "s1"}, {"id": "e2", "source_id": "s1", "target_id": "a2"}]}"#,
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("edges: no edge names its ends"), "{e:?}");
    assert!(e[0].contains("this looks like a SADFace document"), "{e:?}");
    // A node-link graph: no ids where AIF or OVA put them, one message for all nodes.
    let nodes: Vec<String> = (0..22)
        .map(|i| format!(r#"{{"name": "n{i}", "group": 1}}"#))
        .collect();
    let e = errors(&format!(
        r#"{{"nodes": [{}], "links": [{{"source": 0, "target": 1}}]}}"#,
        nodes.join(",")
    ));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("nodes: no node has an id (`nodeID` or `id`)"),
        "{e:?}"
    );
    assert!(e[0].contains("a node-link graph (D3, NetworkX)"), "{e:?}");
    assert!(e[0].contains("OVA2 writes nodes with `id`"), "{e:?}");
    // An Obsidian Canvas: nodes with `id`, `type`, `text`, `x` and `y`, as OVA2 writes
    // them, but edges from `fromNode` to `toNode`, and no argument's node types.
    let canvas = r#"{"nodes": [
        {"id": "a", "type": "text", "text": "x", "x": 0, "y": 0, "width": 250, "height": 60},
        {"id": "b", "type": "text", "text": "y", "x": 0, "y": 90, "width": 250, "height": 60}],
      "edges": [{"id": "e", "fromNode": "a", "fromSide": "bottom", "toNode": "b", "toSide": "top"}]}"#;
    let e = errors(canvas);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("this looks like an Obsidian Canvas"), "{e:?}");
    let e = errors(&canvas.replace(r#""edges": [{"id": "e", "fromNode": "a", "fromSide": "bottom", "toNode": "b", "toSide": "top"}]"#, r#""edges": []"#));
    assert!(e[0].contains("no I node"), "{e:?}");
    assert!(e[0].contains("this looks like an Obsidian Canvas"), "{e:?}");
    // arguebuf keeps its nodes in an object by id.
    let e = errors(r#"{"nodes": {"a": {"atom": {"text": "x"}}}, "edges": {}}"#);
    assert!(
        e[0].contains("nodes: expected a list, found an object"),
        "{e:?}"
    );
    assert!(e[0].contains("an arguebuf graph"), "{e:?}");
}

#[test]
fn ova3_transcript_checks_the_quotes() {
    let l = load("ova3-text-spans.json");
    let d = &l.debate;
    let (main, premise) = ("n2_163100000012345678", "n15_163100000098765432");
    assert_eq!(links(d, premise), [format!("supports {main}")]);
    assert_eq!(position_ids(d), ["pro", "con"]);
    // The speaker from the prefix (and participant 1, written 1 and "1"); never the
    // analyst.
    assert_eq!(
        quotes(d, main),
        [(
            Some("Participant Rachel"),
            None,
            "Cycling to school should be encouraged"
        )]
    );
    assert_eq!(
        quotes(d, premise),
        [(Some("Participant Rachel"), None, "it keeps children fit")]
    );
    assert_eq!(
        d.sources[0].text.as_deref(),
        Some("Cycling to school should be encouraged because it keeps children fit.\n")
    );
    assert_eq!(
        d.sources[0].file.as_deref(),
        Some("ova3-text-spans.transcript.txt")
    );
    assert_eq!((l.stats.quotes_verified, l.stats.quotes_unchecked), (2, 0));
}

#[test]
fn xaif_text_object_and_ids_from_zero() {
    let l = load("xaif-text-object.json");
    let d = &l.debate;
    assert_eq!(ids(d), ["n3", "n5", "n7"]);
    assert_eq!(links(d, "n7"), ["supports n3"]);
    assert_eq!(position_ids(d), ["pro", "con", "other"]);
    let speakers: Vec<Option<&str>> = ["n3", "n5", "n7"]
        .iter()
        .map(|id| quotes(d, id)[0].0)
        .collect();
    assert_eq!(
        speakers,
        [Some("Speaker 1"), Some("Speaker 2"), Some("participant 2")]
    );
    assert_eq!(l.stats.quotes_verified, 3);
}

#[test]
fn speakers_in_every_prefix_form() {
    let d = load("qt30-speakers.json").debate;
    assert_eq!(position_ids(&d), ["other"]);
    let first = |id: &str| {
        let q = quotes(&d, id);
        assert_eq!(q.len(), 1, "{id}: {q:?}");
        (q[0].0.map(str::to_string), q[0].2.to_string())
    };
    let want = [
        (
            "n700103",
            "Maria Okafor",
            "One question tonight: who pays for the bridge?",
        ),
        (
            "n700107",
            "AudienceMember 20230105QT01",
            "The council has no money left",
        ),
        (
            "n700112",
            "Tom Reyes-Lind",
            "The bridge will pay for itself",
        ),
        ("n700115", "Tom Reyes-Lind", "and tolls will cover the rest"),
        // Reported speech: the speaker quoted, and who reported the words.
        (
            "n700120",
            "Minister, as reported by Maria Okafor",
            "tolls are off the table",
        ),
    ];
    for (id, who, words) in want {
        assert_eq!(
            first(id),
            (Some(who.to_string()), words.to_string()),
            "{id}"
        );
    }
    // No prefix: the locution's person, as the file numbers it.
    assert_eq!(first("n700123").1, "That can't be right");
    // The analyst's copies quote nothing.
    for c in &d.claims {
        for q in &c.quotes {
            assert_ne!(q.speaker.as_deref(), Some("Steffi"));
            assert!(!q.text.starts_with("Steffi"), "{}", q.text);
        }
    }
}

#[test]
fn speech_acts_are_kept_on_the_quotes() {
    let d = load("qt30-illocutions.json").debate;
    let acts: Vec<(Option<&str>, Option<&str>)> = ids(&d)
        .iter()
        .map(|id| {
            let q = quotes(&d, id);
            assert_eq!(q.len(), 1, "{id}");
            (q[0].0, q[0].1)
        })
        .collect();
    assert_eq!(
        acts,
        [
            (Some("Ana Ruiz"), Some("asks")),
            (Some("Ana Ruiz"), Some("asks assertively")),
            (Some("Ben Cole"), Some("asks rhetorically")),
            (Some("Ben Cole"), Some("challenges")),
            (Some("Ben Cole"), Some("agrees")),
        ]
    );
    // An assertion has no act.
    let d = load("ova3-text-spans.json").debate;
    assert!(
        d.claims
            .iter()
            .all(|c| c.quotes.iter().all(|q| q.act.is_none()))
    );
}

#[test]
fn transitions_anchor_relations_not_quotes() {
    let l = load("qt30-ta-anchors.json");
    let d = &l.debate;
    let id = |n: u32| format!("n{n}_165210334455667788");
    assert_eq!(links(d, &id(7)), [format!("supports {}", id(4))]);
    assert_eq!(links(d, &id(13)), [format!("rebuts {}", id(4))]);
    // The rephrase links nothing, and takes the side of what it rephrases.
    assert!(links(d, &id(22)).is_empty());
    assert_eq!(side(d, &id(22)), "pro");
    // The agreement hung on a transition gives no second quote.
    assert_eq!(
        quotes(d, &id(13)),
        [(Some("Ana Ruiz"), None, "Staff need a day off")]
    );
    assert_eq!(d.links().len(), 2);
    assert!(has_warning(
        &l,
        "1 rephrase (MA node) kept only as a shared side"
    ));
}

#[test]
fn linked_premises_undercuts_and_rephrases_are_said() {
    let l = load("aif-ma-linked-ra.json");
    let d = &l.debate;
    assert_eq!(d.claims.len(), 10);
    // Each premise of a linked argument supports the conclusion.
    for p in ["n905004", "n905005"] {
        assert_eq!(links(d, p), ["supports n905003"], "{p}");
    }
    for p in ["n905014", "n905015", "n905016"] {
        assert_eq!(links(d, p), ["supports n905005"], "{p}");
    }
    // The attack on a conflict rebuts the conflict's premise.
    assert_eq!(links(d, "n905010"), ["rebuts n905004"]);
    assert_eq!(links(d, "n905012"), ["rebuts n905010"]);
    assert_eq!(side(d, "n905008"), "pro");
    assert_eq!(side(d, "n905020"), "other");
    assert_eq!(position_ids(d), ["pro", "con", "other"]);
    let w = warnings(&l);
    for want in [
        "1 RA, CA or MA node without a premise left out",
        "2 linked arguments (an RA with several premises) split into one support per premise",
        "1 attack or support on an inference or a conflict (an undercut) made a link to its premise",
        "1 edge from a relation to a locution (an L node) left out",
        "1 rephrase (MA node) kept only as a shared side",
    ] {
        assert!(w.iter().any(|x| x.contains(want)), "{want} in {w:#?}");
    }
    assert!(
        w.iter().any(|x| x.contains("for example `node 905006`")),
        "{w:#?}"
    );
}

#[test]
fn small_maps_keep_a_position_pair_per_main_claim() {
    let d = load("qt30-components.json").debate;
    assert_eq!(
        position_ids(&d),
        [
            "pro-n1010001",
            "con-n1010001",
            "pro-n1010006",
            "con-n1010006",
            "pro-n1010009",
            "con-n1010009",
            "other"
        ]
    );
    assert_eq!(side(&d, "n1010012"), "pro-n1010001");
    let other = d
        .claims
        .iter()
        .filter(|c| side(&d, &c.id) == "other")
        .count();
    assert_eq!(other, 6);
}

#[test]
fn many_small_arguments_share_one_position() {
    let l = load("qt30-many-arguments.json");
    let d = &l.debate;
    assert_eq!(
        position_ids(d),
        [
            "pro-n1200001",
            "con-n1200001",
            "pro-n1200012",
            "con-n1200012",
            "minor",
            "other"
        ]
    );
    assert_eq!(side(d, "n1200010"), "con-n1200001");
    let count = |pos: &str| d.claims.iter().filter(|c| side(d, &c.id) == pos).count();
    assert_eq!((count("minor"), count("other")), (12, 3));
    // The links inside the smaller arguments stay.
    assert_eq!(d.links().len(), 5 + 2 + 6);
    assert!(has_warning(
        &l,
        "6 main claims with few claims under them share one position, `minor`"
    ));
}

#[test]
fn a_map_of_many_islands_gets_a_handful_of_sides() {
    // 20,000 arguments of two claims and 5 of five: near-linear, and few positions.
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut n = 0;
    let mut add = |text: String, kind: &str, nodes: &mut Vec<String>| {
        n += 1;
        nodes.push(format!(
            r#"{{"nodeID":{n},"text":"{text}","type":"{kind}"}}"#
        ));
        n
    };
    for a in 0..20_005 {
        let main = add(format!("claim {a}"), "I", &mut nodes);
        for p in 0..if a < 5 { 4 } else { 1 } {
            let premise = add(format!("premise {a} {p}"), "I", &mut nodes);
            let ra = add("Default Inference".into(), "RA", &mut nodes);
            edges.push(format!(r#"{{"fromID":{premise},"toID":{ra}}}"#));
            edges.push(format!(r#"{{"fromID":{ra},"toID":{main}}}"#));
        }
    }
    let text = format!(
        r#"{{"nodes":[{}],"edges":[{}]}}"#,
        nodes.join(","),
        edges.join(",")
    );
    let l = open(&text);
    let d = &l.debate;
    assert_eq!(d.positions.len(), 2 * 4 + 1);
    assert_eq!(d.positions.last().unwrap().id, "minor");
    assert!(has_warning(
        &l,
        "20001 main claims with few claims under them"
    ));
}

#[test]
fn a_quote_not_in_the_analysed_text_is_kept_unchecked() {
    let text = r#"{"AIF": {"nodes": [
        {"nodeID": "1", "text": "the bus should be free", "type": "I"},
        {"nodeID": "2", "text": "Ana: The bus should be free", "type": "L"},
        {"nodeID": "3", "text": "Asserting", "type": "YA"},
        {"nodeID": "4", "text": "fares keep people off the bus", "type": "I"},
        {"nodeID": "5", "text": "Ana: Fares keep people away", "type": "L"},
        {"nodeID": "6", "text": "Conceding", "type": "YA"}],
      "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"},
                {"fromID": "5", "toID": "6"}, {"fromID": "6", "toID": "4"}]},
      "text": "<span id=\"node2\">The bus should be free</span>, and fares keep people off it."}"#;
    let l = open(text);
    let d = &l.debate;
    let ids: Vec<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["dialogue", "dialogue-unchecked"]);
    assert!(d.sources[1].text.is_none());
    assert_eq!(
        quotes(d, "n4"),
        [(Some("Ana"), Some("concedes"), "Fares keep people away")]
    );
    assert_eq!(d.claim(1).unwrap().quotes[0].source, 1);
    assert_eq!((l.stats.quotes_verified, l.stats.quotes_unchecked), (1, 1));
    assert!(has_warning(&l, "1 quote not found in the analysed text"));
}

#[test]
fn control_characters_in_the_analysed_text_do_not_reach_the_terminal() {
    let text = "{\"nodes\": [{\"nodeID\": \"1\", \"text\": \"a claim\", \"type\": \"I\"},\
        {\"nodeID\": \"2\", \"text\": \"Bo\\u001b[31m: a claim\", \"type\": \"L\"},\
        {\"nodeID\": \"3\", \"text\": \"Asserting\", \"type\": \"YA\"}],\
        \"edges\": [{\"fromID\": \"2\", \"toID\": \"3\"}, {\"fromID\": \"3\", \"toID\": \"1\"}],\
        \"text\": \"<b>a claim</b>\\u001b]52;c;aGk=\\u0007 &#27;[2J<br>\"}";
    let l = open(text);
    let source = l.debate.sources[0].text.as_deref().unwrap();
    assert!(source.starts_with("a claim"), "{source:?}");
    assert!(!source.contains(['\u{1b}', '\u{7}']), "{source:?}");
    assert_eq!(l.stats.quotes_verified, 1);
    // The speaker keeps its characters in the model; the display filters them.
    let imported = import::import(Format::Aif, "t.json", text).unwrap();
    let yaml = import::to_yaml(&imported, std::path::Path::new("t.json"), Format::Aif).unwrap();
    assert!(!yaml.contains('\u{1b}'), "{yaml}");
}

#[test]
fn the_import_command_writes_the_analysed_text_beside_the_debate() {
    let dir = std::env::temp_dir().join(format!("debate-tui-aif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("map.yaml");
    let aif = fixture("ova3-text-spans.json");
    let (code, _, err) = run(&["import", aif.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 quotes"), "{err}");
    let text = std::fs::read_to_string(dir.join("ova3-text-spans.transcript.txt")).unwrap();
    assert!(text.starts_with("Cycling to school"), "{text}");
    let (code, out_text, err) = run(&["check", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{out_text}{err}");
    assert!(out_text.contains("2 quotes verified"), "{out_text}");
    // To standard output the text cannot go along: said, and the quotes unchecked.
    let (code, yaml, err) = run(&["import", aif.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(!yaml.contains("file:"), "{yaml}");
    assert!(
        err.contains("not written: the quotes are not checked"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_shows_what_was_left_out_as_warnings_and_passes() {
    let f = fixture("aif-ma-linked-ra.json");
    let (code, out, err) = run(&["check", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let all = format!("{out}{err}");
    assert!(
        all.contains("warning: 2 linked arguments (an RA with several premises)"),
        "{all}"
    );
    let (code, _, _) = run(&["check", "--deny-warnings", f.to_str().unwrap()]);
    assert_eq!(code, 1);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Any analysed text and any utterance import without a panic; the source's text
    /// holds no character that could act on a terminal, and a quote is either found
    /// in it or kept under the source without text.
    #[test]
    fn any_analysed_text_imports(html in "(<[a-z/ =\"0-9]{0,8}>?|&[a-z#0-9]{0,6};?|[a-z :\u{1b}\u{7}\u{202e}é])*", said in "[A-Za-z :\u{1b}]{0,30}") {
        let json = serde_json::json!({
            "nodes": [
                {"nodeID": "1", "text": "a claim", "type": "I"},
                {"nodeID": "2", "text": format!("Bo: {said}x"), "type": "L"},
                {"nodeID": "3", "text": "Asserting", "type": "YA"}],
            "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
            "text": html,
        });
        let l = open(&json.to_string());
        let d = &l.debate;
        for s in &d.sources {
            if let Some(t) = s.text.as_deref() {
                proptest::prop_assert!(!t.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{t:?}");
            }
        }
        let q = &d.claims[0].quotes[0];
        let with_text = d.sources[q.source as usize].text.is_some();
        proptest::prop_assert_eq!(with_text, q.found.is_some());
    }
}
