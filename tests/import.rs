//! Importing Kialo exports and AIF files: the graphs they become, the round trip
//! through format v1 YAML, the errors for damaged files, and the command line.

#[path = "support/graph.rs"]
mod graph;

use graph::{fixture, ids, links, load, node, position_ids, run, side, sources, text};

use debate_tui::app::{Action, App};
use debate_tui::domain::import::{self, Format};
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{LoadError, load_bytes, load_path};
use debate_tui::ui::theme::COLOR;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// Every diagnostic of a failed load, as printed.
fn errors(name: &str) -> Vec<String> {
    match load_path(&fixture(name)) {
        Ok(_) => panic!("{name} loaded"),
        Err(e) => e.diagnostics().iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn kialo_old_layout() {
    let l = load("kialo-old.txt");
    let d = &l.debate;
    assert_eq!(d.title, "Should model weights be released openly?");
    assert_eq!(
        d.description.as_deref(),
        Some("Model weights should be released openly.")
    );
    assert_eq!(position_ids(d), ["pro", "con"]);
    assert_eq!(
        d.positions[0].title,
        "For: Model weights should be released openly."
    );
    assert_eq!(
        d.positions[1].title,
        "Against: Model weights should be released openly."
    );
    // The three `-> See` items are links, not claims.
    assert_eq!(
        ids(d),
        ["k-1-1", "k-1-1-1", "k-1-1-2", "k-1-2", "k-1-2-1", "k-1-2-2"]
    );
    // Sides by the parity of Con steps from the thesis.
    let sides: Vec<String> = ids(d).iter().map(|id| side(d, id)).collect();
    assert_eq!(sides, ["pro", "con", "pro", "con", "pro", "con"]);
    assert_eq!(d.claims_of(0).len(), 3);
    assert_eq!(d.claims_of(1).len(), 3);
    // Each to its parent, and the references: 1.2.1 is seen again under 1.1.1 (a
    // forward reference) and under the thesis; 1.1 under 1.2.2 (a backward one).
    assert_eq!(links(d, "k-1-1"), ["rebuts k-1-2-2", "supports pro"]);
    assert_eq!(links(d, "k-1-1-1"), ["rebuts k-1-1"]);
    assert_eq!(links(d, "k-1-1-2"), ["supports k-1-1"]);
    assert_eq!(links(d, "k-1-2"), ["rebuts pro"]);
    assert_eq!(
        links(d, "k-1-2-1"),
        ["rebuts k-1-2", "supports k-1-1-1", "supports pro"]
    );
    assert_eq!(links(d, "k-1-2-2"), ["supports k-1-2"]);
    assert_eq!(d.links().len(), 9);
    // Escapes removed, links reduced to their labels, continuation lines kept.
    assert_eq!(
        text(d, "k-1-1"),
        "Open weights let outside researchers audit models (see a report)."
    );
    assert_eq!(
        text(d, "k-1-1-2"),
        "Audits by outsiders found flaws the labs had missed [see the audit log]."
    );
    assert_eq!(
        text(d, "k-1-2-1"),
        "Comparable weights are already public, so the added risk is small.\nThis line continues claim 1.2.1."
    );
    // Two urls, one of them linked twice: two sources; never a quote.
    let sources = sources(d);
    assert_eq!(
        sources,
        [
            ("link-1", "a report", Some("https://example.org/r")),
            (
                "link-2",
                "the audit log",
                Some("https://example.org/audits")
            ),
        ]
    );
    assert!(d.claims.iter().all(|c| c.quotes.is_empty()));
    assert_eq!((l.stats.quotes_verified, l.stats.quotes_unchecked), (0, 0));
}

#[test]
fn kialo_new_layout() {
    let d = load("kialo-new.txt").debate;
    assert_eq!(d.title, "Should cities ban cars from their centres?");
    assert_eq!(
        d.description.as_deref(),
        Some("Cities should ban private cars from their centres.")
    );
    assert_eq!(position_ids(&d), ["pro", "con"]);
    assert_eq!(ids(&d), ["k-1-1", "k-1-1-1", "k-1-2", "k-1-2-1"]);
    let sides: Vec<String> = ids(&d).iter().map(|id| side(&d, id)).collect();
    assert_eq!(sides, ["pro", "con", "con", "pro"]);
    assert_eq!(links(&d, "k-1-1"), ["supports pro"]);
    assert_eq!(links(&d, "k-1-1-1"), ["rebuts k-1-1"]);
    assert_eq!(links(&d, "k-1-2-1"), ["rebuts k-1-2", "supports k-1-1-1"]);
    // The text on the lines after each header, indentation gone; `[n]` kept, and
    // cited. This layout writes texts as they are: no Markdown is read in them.
    assert_eq!(text(&d, "k-1-1"), "Car-free centres have cleaner air [1].");
    let cited: Vec<&str> = d.claims[0]
        .cites
        .iter()
        .map(|&s| d.sources[s as usize].id.as_str())
        .collect();
    assert_eq!(cited, ["ref-1"]);
    assert_eq!(
        text(&d, "k-1-2-1"),
        "Footfall rose in most pedestrianised streets \\(see [the city survey](https://example.org/survey)\\).\nThe rise held for two years."
    );
    let sources = sources(&d);
    assert_eq!(
        sources,
        [
            (
                "ref-1",
                "Air quality report 2022",
                Some("https://example.org/air")
            ),
            (
                "ref-2",
                "Delivery traffic study",
                Some("https://example.org/deliveries")
            ),
            ("ref-3", "A book without a link", None),
        ]
    );
    assert!(d.claims.iter().all(|c| c.quotes.is_empty()));
}

#[test]
fn kialo_crlf_deep_and_escaped() {
    let bytes = std::fs::read(fixture("kialo-crlf.txt")).unwrap();
    assert!(
        bytes.windows(2).filter(|w| w == b"\r\n").count() > 20,
        "the fixture has CRLF line ends"
    );
    let d = load("kialo-crlf.txt").debate;
    assert_eq!(d.title, "Is a four-day week better?");
    // 1.1, 1.1.1, nineteen levels below it down to depth 22, and 1.2.
    assert_eq!(d.claims.len(), 22);
    assert!(
        d.claims.iter().all(|c| !c.text.contains('\r')),
        "no carriage return is left in a text"
    );
    assert_eq!(
        text(&d, "k-1-1"),
        "Trials found output held steady (or rose) with one day less.\nMost firms in the trials kept the four-day week."
    );
    assert_eq!(
        text(&d, "k-1-1-1"),
        "The trials were opt-in: firms that expected to fail stayed out."
    );
    assert_eq!(
        text(&d, "k-1-2"),
        "Some work cannot be squeezed into four days [hospitals, for one]."
    );
    let at = |depth: usize| format!("k-{}", vec!["1"; depth].join("-"));
    assert_eq!(text(&d, &at(22)), "Objection at depth 22.");
    // 20 Con steps down to depth 22: for the thesis; 19 to depth 21: against.
    assert_eq!(side(&d, &at(22)), "pro");
    assert_eq!(side(&d, &at(21)), "con");
    assert_eq!(links(&d, &at(22)), [format!("rebuts {}", at(21))]);
    // `-> See 1.1.1.` under 1.2 (a Pro): the objection also supports 1.2.
    assert_eq!(links(&d, "k-1-1-1"), ["rebuts k-1-1", "supports k-1-2"]);
    assert_eq!(side(&d, "k-1-1-1"), "con");
}

#[test]
fn kialo_several_theses() {
    let d = load("kialo-multi-thesis.txt").debate;
    assert_eq!(d.title, "What should a city do about traffic?");
    assert_eq!(d.description, None);
    assert_eq!(
        position_ids(&d),
        ["pro-1-1", "con-1-1", "pro-1-2", "con-1-2"]
    );
    assert_eq!(d.positions[2].title, "For: Build more public transport.");
    assert_eq!(
        ids(&d),
        ["k-1-1-1", "k-1-1-1-1", "k-1-1-2", "k-1-2-1", "k-1-2-2"]
    );
    let sides: Vec<String> = ids(&d).iter().map(|id| side(&d, id)).collect();
    assert_eq!(
        sides,
        ["pro-1-1", "con-1-1", "con-1-1", "pro-1-2", "con-1-2"]
    );
    // References across theses keep each claim's own side.
    assert_eq!(
        links(&d, "k-1-1-1"),
        ["supports k-1-2-1", "supports pro-1-1"]
    );
    assert_eq!(links(&d, "k-1-1-1-1"), ["rebuts k-1-1-1", "rebuts k-1-2-2"]);
    assert_eq!(links(&d, "k-1-1-2"), ["rebuts pro-1-1"]);
    assert_eq!(links(&d, "k-1-2-2"), ["rebuts pro-1-2"]);
}

#[test]
fn aif_bare_nodeset_with_string_ids() {
    let l = load("aif-bare.json");
    let d = &l.debate;
    assert_eq!(d.title, "Open weights should be released");
    // Every I node, those with no edge and the rephrase among them.
    assert_eq!(
        ids(d),
        ["n101", "n102", "n104", "n106", "n108", "n110", "n112"]
    );
    assert_eq!(position_ids(d), ["pro", "con", "other"]);
    assert_eq!(links(d, "n102"), ["rebuts n101"]);
    assert_eq!(links(d, "n104"), ["supports n101"]);
    assert_eq!(links(d, "n106"), ["rebuts n102"]);
    // The undercut of the inference from 104 to 101 rebuts 104.
    assert_eq!(links(d, "n108"), ["rebuts n104"]);
    // MA, PA, TA, and the YA on the transition: no link.
    assert!(links(d, "n110").is_empty() && links(d, "n112").is_empty());
    assert_eq!(d.links().len(), 4);
    let sides: Vec<String> = ids(d).iter().map(|id| side(d, id)).collect();
    // The rephrase (MA) takes the side of the claim it rephrases.
    assert_eq!(sides, ["pro", "con", "pro", "pro", "con", "other", "pro"]);
    // L -> YA -> I: the locution's words, the speaker from `Name : `.
    let q = &d.claim(0).unwrap().quotes;
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "Open weights should be released, full stop.");
    assert_eq!(q[0].speaker.as_deref(), Some("Alice"));
    let q = &d.claim(1).unwrap().quotes;
    assert_eq!(q[0].text, "They can never be recalled once they are out.");
    assert_eq!(q[0].speaker.as_deref(), Some("Bob"));
    let q = &d.claim(2).unwrap().quotes;
    assert_eq!(
        (q[0].text.as_str(), q[0].speaker.as_deref()),
        ("Audits need access to the weights", None)
    );
    // No locution, no quote.
    for id in ["n106", "n108", "n110", "n112"] {
        assert!(d.quotes_of(node(d, id)).is_empty(), "{id}");
    }
    assert_eq!(d.sources.len(), 1);
    assert_eq!(d.sources[0].id, "dialogue");
    assert_eq!(d.sources[0].file, None);
    assert_eq!((l.stats.quotes_verified, l.stats.quotes_unchecked), (0, 3));
}

#[test]
fn aif_inside_an_ova_file() {
    let d = load("aif-ova.json").debate;
    assert_eq!(d.title, "Cities should ban cars from their centres");
    assert_eq!(ids(&d), ["n1", "n2", "n4"]);
    assert_eq!(position_ids(&d), ["pro", "con"]);
    let sides: Vec<String> = ids(&d).iter().map(|id| side(&d, id)).collect();
    assert_eq!(sides, ["pro", "pro", "con"]);
    assert_eq!(links(&d, "n2"), ["supports n1"]);
    assert_eq!(links(&d, "n4"), ["rebuts n2"]);
    let quote = |id: &str| {
        let q = &d.quotes_of(node(&d, id))[0];
        (q.text.clone(), q.speaker.clone())
    };
    // A participant's name through personID; `Name : ` first; an unnamed person.
    assert_eq!(
        quote("n2"),
        (
            "The air got cleaner when the cars left".into(),
            Some("Ada Lovelace".into())
        )
    );
    assert_eq!(
        quote("n4"),
        (
            "Vans will still clog the streets".into(),
            Some("Bert".into())
        )
    );
    assert_eq!(
        quote("n1"),
        ("Ban them, I say".into(), Some("participant 3".into()))
    );
}

#[test]
fn aif_integer_ids_several_main_claims_and_a_circle() {
    let d = load("aif-int-ids.json").debate;
    assert_eq!(d.title, "aif-int-ids");
    assert_eq!(
        ids(&d),
        ["n1", "n2", "n4", "n10", "n11", "n13", "n20", "n21", "n30"]
    );
    assert_eq!(
        position_ids(&d),
        [
            "pro-n1", "con-n1", "pro-n10", "con-n10", "pro-n20", "con-n20", "other"
        ]
    );
    let sides: Vec<String> = ids(&d).iter().map(|id| side(&d, id)).collect();
    assert_eq!(
        sides,
        [
            "pro-n1", "pro-n1", "con-n1", "pro-n10", "con-n10", "pro-n10", "pro-n20", "con-n20",
            "other"
        ]
    );
    // An edge written with string ids joins integer-id nodes all the same.
    assert_eq!(links(&d, "n13"), ["rebuts n11"]);
    assert_eq!(links(&d, "n20"), ["rebuts n21"]);
    assert_eq!(links(&d, "n21"), ["rebuts n20"]);
    assert!(d.sources.is_empty());
}

/// import -> YAML (and an AIF file's analysed text beside it) -> load gives the same
/// graph as opening the file directly.
#[test]
fn every_fixture_round_trips_through_format_v1() {
    for (name, format) in [
        ("kialo-old.txt", Format::Kialo),
        ("kialo-new.txt", Format::Kialo),
        ("kialo-crlf.txt", Format::Kialo),
        ("kialo-multi-thesis.txt", Format::Kialo),
        ("aif-bare.json", Format::Aif),
        ("aif-ova.json", Format::Aif),
        ("aif-int-ids.json", Format::Aif),
        ("ova2-nodes.json", Format::Aif),
        ("ova3-text-spans.json", Format::Aif),
        ("xaif-text-object.json", Format::Aif),
        ("qt30-speakers.json", Format::Aif),
        ("qt30-illocutions.json", Format::Aif),
        ("qt30-ta-anchors.json", Format::Aif),
        ("aif-ma-linked-ra.json", Format::Aif),
        ("qt30-components.json", Format::Aif),
        ("qt30-many-arguments.json", Format::Aif),
    ] {
        let path = fixture(name);
        let imported = import::import_path(&path).unwrap();
        assert_eq!(imported.format, format, "{name}");
        let yaml = import::to_yaml(&imported.conversion, &path, format).unwrap();
        assert_eq!(
            yaml.lines().next().unwrap(),
            format!(
                "# Imported from {name} ({}) by debate-tui import.",
                format.name()
            )
        );
        let files = import::WithTexts {
            texts: &imported.conversion.texts,
            files: &EmbeddedFiles(&[]),
        };
        let reloaded = load_bytes("out.yaml", yaml.as_bytes(), &files)
            .unwrap_or_else(|e| panic!("{name}: the YAML does not load:\n{e}\n{yaml}"));
        let direct = load(name);
        assert_eq!(reloaded.debate, direct.debate, "{name}");
        assert_eq!(reloaded.stats, direct.stats, "{name}");
        assert!(!direct.debate.claims.is_empty());
    }
}

#[test]
fn damaged_kialo_files_name_their_lines() {
    let e = errors("kialo-truncated.txt");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("kialo-truncated.txt:5:1: error: item 1.1.1. has no text"),
        "{e:?}"
    );
    assert!(e[0].contains("cut short"), "{e:?}");
    let e = errors("kialo-bad.txt");
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].contains("kialo-bad.txt:5:1: error: item 1.3.1. comes before its parent 1.3."),
        "{e:?}"
    );
    assert!(
        e[1].contains(
            "kialo-bad.txt:6:1: error: item 1.2. refers to 1.9., which is not in the file"
        ),
        "{e:?}"
    );
}

#[test]
fn damaged_aif_files_name_their_line_or_json_path() {
    let e = errors("aif-truncated.json");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("aif-truncated.json:23:") && e[0].contains("invalid JSON"),
        "{e:?}"
    );
    assert!(e[0].contains("cut short"), "{e:?}");
    let e = errors("aif-bad.json");
    let expected = [
        "nodes[1].type: expected the node's type",
        "edges[0].toID: no node has the id 2",
        "edges[1].fromID: no node has the id 2",
        "edges[2].toID: no node has the id 99",
    ];
    assert_eq!(e.len(), expected.len(), "{e:?}");
    for (got, want) in e.iter().zip(expected) {
        assert!(
            got.contains(&format!("aif-bad.json: error: {want}")),
            "{got}"
        );
    }
}

/// Every diagnostic of importing `text` as AIF, as printed.
fn aif_errors(text: &str) -> Vec<String> {
    match import::import(Format::Aif, "a.json", text) {
        Ok(_) => panic!("the text imported"),
        Err(e) => e.diagnostics().iter().map(ToString::to_string).collect(),
    }
}

/// The JSON is taken as any JSON reader takes it: a repeated key keeps its last value,
/// keys and texts may be written with escapes, ids are text or whole numbers of either
/// sign, and what the import does not look at is read through, however it is nested.
#[test]
fn aif_json_is_read_as_json() {
    let text = r#"{"nodes": "replaced", "edges": 5, "nodes": [
        {"nodeID": -3, "type": "I", "text": " \u0020Minus \u0033 ", "meta": [[{"deep": [1, {"x": null}]}], 2.5]},
        {"node\u0049D": "7", "type": " ra ", "text": null},
        {"nodeID": "a.b", "type": "L", "text": "Dotted", "type": "i"},
        {"nodeID": "a_b", "type": "I", "text": "Tab\tin \"quotes\""},
        {"nodeID": 0, "type": "CA"}],
      "edges": [{"fromID": "-3", "toID": 7}, {"fromID": 7, "toID": "a.b", "edgeID": {"k": []}},
                {"fromID": "a_b", "toID": 0}, {"fromID": 0, "toID": -3}],
      "participants": [1, {"participantID": 1, "firstname": ["x"]}]}"#;
    let raw = import::import(Format::Aif, "j.json", text).unwrap().raw;
    let claims: Vec<(&str, &str, &str)> = raw
        .claims
        .iter()
        .map(|c| (c.id.as_str(), c.text.as_str(), c.position.as_str()))
        .collect();
    assert_eq!(
        claims,
        [
            ("n-3", "Minus 3", "pro"),
            ("na_b", "Dotted", "pro"),
            ("na_b-2", "Tab\tin \"quotes\"", "con")
        ]
    );
    assert_eq!(raw.claims[0].supports, ["na_b"]);
    assert_eq!(raw.claims[2].rebuts, ["n-3"]);

    // Nesting past the limit is a syntax error even where the import does not look.
    let deep = format!(
        r#"{{"nodes": [{{"nodeID": "1", "type": "I", "text": "a", "meta": {}{}}}]}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let e = aif_errors(&deep);
    assert!(e[0].contains("recursion limit"), "{e:?}");
}

/// Problems come list by list, in the order of the file: in each list, first the
/// items that are no objects, then what is wrong inside the others.
#[test]
fn aif_problems_come_in_file_order() {
    let text = r#"{"nodes": [{"nodeID": 1.0, "type": "I", "text": "a"}, 3,
        {"nodeID": "2", "type": "I", "text": " "}, {"nodeID": "4", "type": "I", "text": "x"},
        {"nodeID": 4, "type": "L", "text": "y"}, [], {"nodeID": 18446744073709551616, "type": "I"},
        {"nodeID": "5", "type": "L"}, {"nodeID": "6", "type": null}],
      "edges": [{"fromID": "4"}, true, {"fromID": "9", "toID": [1]}],
      "locutions": [null, {"nodeID": {}}], "participants": {}}"#;
    let e = aif_errors(text);
    let hint = "\n  hint: the file may be cut short, or the node was removed without its edges";
    let expected = [
        "nodes[1]: expected a node (an object), found a number".to_string(),
        "nodes[5]: expected a node (an object), found a list".into(),
        "nodes[0].nodeID: expected the node's id, text or a whole number, found a number".into(),
        "nodes[2].text: I node 2 has no text".into(),
        "nodes[4].nodeID: duplicate node id 4\n  note: first used by nodes[3]".into(),
        "nodes[6].nodeID: expected the node's id, text or a whole number, found a number".into(),
        "nodes[7].text: expected the node's text, found nothing".into(),
        "nodes[8].type: expected the node's type (`I`, `RA`, `CA`, `L`...), found null".into(),
        "edges[1]: expected an edge (an object), found true or false".into(),
        "edges[0].toID: expected a node id, found nothing".into(),
        format!("edges[2].fromID: no node has the id 9{hint}"),
        "edges[2].toID: expected a node id, found a list".into(),
        "locutions[0]: expected a locution (an object), found null".into(),
        "participants: expected a list, found an object".into(),
    ];
    let expected: Vec<String> = expected
        .iter()
        .map(|m| format!("a.json: error: {m}"))
        .collect();
    assert_eq!(e, expected);
}

#[test]
fn a_yaml_debate_is_not_taken_for_an_import() {
    let yaml = "version: 1\ntitle: t\npositions: [{id: p, title: P}]\nclaims:\n- {id: a, position: p, text: '1. not Kialo'}\n";
    assert_eq!(import::detect(yaml), None);
    let d = load_bytes("d.yaml", yaml.as_bytes(), &EmbeddedFiles(&[]))
        .unwrap()
        .debate;
    assert_eq!(ids(&d), ["a"]);
    // A format v1 file given to `import` is refused, with a word on what it is.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("d.yaml");
    std::fs::write(&f, yaml).unwrap();
    let e = import::import_path(&f).unwrap_err();
    assert!(matches!(e, LoadError::Invalid { .. }));
    let s = e.to_string();
    assert!(s.contains("not a Kialo export or an AIF file"), "{s}");
    assert!(s.contains("format v1"), "{s}");
}

#[test]
fn large_and_deep_inputs_import_without_recursion() {
    // 100,000 lines: a thesis and claims 20 levels deep, side by side.
    let mut text = String::from("Discussion Title: Wide\n\n1. Thesis.\n");
    let mut lines = 1;
    let mut top = 0;
    while lines < 100_000 {
        top += 1;
        let mut path = format!("1.{top}.");
        for depth in 0..20 {
            let stance = if depth % 2 == 0 { "Con" } else { "Pro" };
            text.push_str(&format!("{path} {stance}: claim {lines}\n"));
            lines += 1;
            path.push_str("1.");
        }
    }
    let d = load_bytes("wide.txt", text.as_bytes(), &EmbeddedFiles(&[]))
        .unwrap()
        .debate;
    assert_eq!(d.claims.len(), lines - 1);
    assert_eq!(d.links().len(), lines - 1);

    // An AIF chain of 20,000 statements, each attacking the next.
    let n = 20_000;
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for i in 0..n {
        nodes.push(format!(r#"{{"nodeID":{i},"type":"I","text":"s{i}"}}"#));
        if i + 1 < n {
            let ca = n + i;
            nodes.push(format!(r#"{{"nodeID":{ca},"type":"CA","text":"c"}}"#));
            edges.push(format!(
                r#"{{"fromID":{},"toID":{ca}}},{{"fromID":{ca},"toID":{i}}}"#,
                i + 1
            ));
        }
    }
    let json = format!(
        r#"{{"nodes":[{}],"edges":[{}]}}"#,
        nodes.join(","),
        edges.join(",")
    );
    let d = load_bytes("chain.json", json.as_bytes(), &EmbeddedFiles(&[]))
        .unwrap()
        .debate;
    assert_eq!(d.claims.len(), n);
    assert_eq!(side(&d, "n0"), "pro");
    assert_eq!(side(&d, "n1"), "con");
    assert_eq!(side(&d, &format!("n{}", n - 1)), "con");
    assert_eq!(side(&d, &format!("n{}", n - 2)), "pro");
}

/// An imported claim with neither quote nor citation; the Sources pane says it is
/// unsourced, dimmed.
#[test]
fn an_unsourced_claim_says_so() {
    let d = load("kialo-old.txt").debate;
    let mut app = App::new(d, Rect::new(0, 0, 120, 30));
    let target = app.debate.lookup("k-1-1-1").unwrap();
    // Below a folded claim: going there unfolds what hides it.
    app.update(Action::GoTo(debate_tui::app::Place::at(target)));
    assert_eq!(app.current(), Some(target));
    let mut buf = Buffer::empty(app.size);
    Widget::render(&app, app.size, &mut buf);
    let row = |y: u16| -> String { (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect() };
    let shown: String = (0..buf.area.height).map(|y| row(y) + "\n").collect();
    let (x, y) = (0..buf.area.height)
        .find_map(|y| {
            row(y)
                .find("Unsourced:")
                .map(|i| (row(y)[..i].chars().count() as u16, y))
        })
        .unwrap_or_else(|| panic!("the Sources pane says the claim is unsourced:\n{shown}"));
    for dx in 0.."Unsourced:".len() as u16 {
        assert_eq!(buf[(x + dx, y)].fg, COLOR.dim.fg.unwrap(), "dimmed");
    }
    // The whole message, wrapped in the pane rather than cut at its border.
    let width = buf.area.width - x;
    let pane: Vec<String> = (y..y + 2)
        .map(|y| {
            (x..x + width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .split('│')
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .collect();
    assert_eq!(
        pane.join(" ").trim(),
        "Unsourced: no quote, no citation.",
        "{shown}"
    );
}

#[test]
fn the_import_command() {
    let kialo = fixture("kialo-old.txt");
    let kialo = kialo.to_str().unwrap();
    // To standard output: YAML that loads into the same graph.
    let (code, out, err) = run(&["import", kialo]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "# Imported from kialo-old.txt (Kialo export) by debate-tui import.\nversion: 1\n"
        ),
        "{out}"
    );
    assert!(err.contains("6 claims, 2 positions, 2 sources"), "{err}");
    let reloaded = load_bytes("o.yaml", out.as_bytes(), &EmbeddedFiles(&[])).unwrap();
    assert_eq!(reloaded.debate, load("kialo-old.txt").debate);

    // To a file, which `check` then passes; an existing file only with --force.
    let dir = tempfile::tempdir().unwrap();
    let o = dir.path().join("out.yaml");
    let o = o.to_str().unwrap();
    let aif = fixture("aif-bare.json");
    let aif = aif.to_str().unwrap();
    let (code, out, err) = run(&["import", aif, "-o", o]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("wrote "), "{err}");
    let written = std::fs::read_to_string(o).unwrap();
    assert!(written.starts_with("# Imported from aif-bare.json (AIF) by debate-tui import.\n"));
    let (code, out, _) = run(&["check", o]);
    assert_eq!(code, 0, "{out}");
    // Two of the map's claims take part in no argument: warnings, not problems.
    assert_eq!(
        out.lines().last(),
        Some(
            "ok: 7 claims, 3 positions, 1 source, 0 quotes verified, 3 quotes not checked (their source has no file), 2 warnings"
        ),
        "{out}"
    );
    assert_eq!(out.matches("[W001 unlinked-claim]").count(), 2, "{out}");
    let (code, _, err) = run(&["import", kialo, "-o", o]);
    assert_eq!(code, 1);
    assert!(
        err.contains("already exists; pass --force to replace it"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(o).unwrap(), written, "left alone");
    let (code, _, err) = run(&["import", kialo, "-o", o, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(o).unwrap().contains("k-1-2-1"));

    // Damaged: 1, with the line. Unreadable: 2. Not an import format: 1.
    let bad = fixture("kialo-bad.txt");
    let (code, out, err) = run(&["import", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("kialo-bad.txt:5:1: error: "), "{err}");
    let (code, _, err) = run(&["import", dir.path().join("missing.txt").to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot read the file"), "{err}");
    let (code, _, err) = run(&["import", o]);
    assert_eq!(code, 1);
    assert!(err.contains("not a Kialo export or an AIF file"), "{err}");
    // Usage: no file.
    let (code, _, _) = run(&["import"]);
    assert_eq!(code, 2);
}

#[test]
fn check_and_open_recognise_the_formats() {
    let kialo = fixture("kialo-old.txt");
    let (code, out, _) = run(&["check", kialo.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out.trim(),
        "ok: 6 claims, 2 positions, 2 sources, 0 quotes verified"
    );
    let (code, out, _) = run(&["check", fixture("kialo-truncated.txt").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("kialo-truncated.txt:5:1: error: item 1.1.1. has no text"),
        "{out}"
    );

    // Without a terminal, opening a file prints a summary.
    let (code, out, err) = run(&[kialo.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "Should model weights be released openly?\n  For: Model weights should be released openly. (pro): 3 claims\n  Against: Model weights should be released openly. (con): 3 claims\n"
    );
    let (code, out, err) = run(&[fixture("aif-ova.json").to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Cities should ban cars from their centres\n"),
        "{out}"
    );
    assert!(
        out.contains("(pro): 2 claims") && out.contains("(con): 1 claim\n"),
        "{out}"
    );
}
