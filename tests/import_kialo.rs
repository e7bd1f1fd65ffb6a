//! Kialo exports as they are written: the `Sources:` section with its excerpts, links to
//! other discussions, citations, escaped addresses, question discussions, and the
//! warnings for what format v1 cannot carry. Each fixture copies the structure of real
//! exports with made-up text.

#[path = "support/graph.rs"]
mod graph;

use graph::{fixture, ids, links, load, position_ids, run, side, text, warnings};

use debate_tui::domain::import::{self, Format};
use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::{Debate, load_bytes};

/// A debate from a Kialo export given as text.
fn import(text: &str) -> Debate {
    load_bytes("t.txt", text.as_bytes(), &EmbeddedFiles(&[]))
        .unwrap_or_else(|e| panic!("{e}"))
        .debate
}

/// The ids of the sources a claim or position cites.
fn cited<'a>(d: &'a Debate, id: &str) -> Vec<&'a str> {
    let cites = match d.claims.iter().find(|c| c.id == id) {
        Some(c) => &c.cites,
        None => {
            &d.positions
                .iter()
                .find(|p| p.id == id)
                .unwrap_or_else(|| panic!("no node `{id}`"))
                .cites
        }
    };
    cites
        .iter()
        .map(|&s| d.sources[s as usize].id.as_str())
        .collect()
}

fn source<'a>(d: &'a Debate, id: &str) -> &'a debate_tui::domain::graph::model::Source {
    d.sources
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no source `{id}`"))
}

const FIXTURES: [&str; 6] = [
    "kialo-newer-numbered-excerpts.txt",
    "kialo-newer-see-discussion.txt",
    "kialo-newer-url-escapes.txt",
    "kialo-newer-question.txt",
    "kialo-newer-left-out.txt",
    "kialo-older-markdown-links.txt",
];

#[test]
fn the_fixtures_are_written_as_kialo_writes() {
    for name in FIXTURES {
        let bytes = std::fs::read(fixture(name)).unwrap();
        assert!(!bytes.ends_with(b"\n"), "{name}: no final line break");
        let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
        let lf = bytes.iter().filter(|&&b| b == b'\n').count();
        if name.starts_with("kialo-newer") {
            assert_eq!(crlf, lf, "{name}: CRLF throughout");
        } else {
            assert_eq!(crlf, 0, "{name}: LF throughout");
        }
    }
}

/// Pattern 1: nothing after `Sources:` is an item, however its excerpts are numbered.
#[test]
fn the_sources_section_is_never_items() {
    let l = load("kialo-newer-numbered-excerpts.txt");
    let d = &l.debate;
    assert_eq!(
        d.title,
        "Should towns replace street lights with motion-sensing lamps?"
    );
    assert_eq!(
        d.description.as_deref(),
        Some("Towns should replace street lights with motion-sensing lamps.")
    );
    assert_eq!(position_ids(d), ["pro", "con"]);
    assert_eq!(ids(d), ["k-1-1", "k-1-1-1", "k-1-2", "k-1-2-1", "k-1-3"]);
    let sides: Vec<String> = ids(d).iter().map(|id| side(d, id)).collect();
    assert_eq!(sides, ["pro", "con", "con", "pro", "pro"]);
    // The last claim ends where its text does.
    assert_eq!(
        text(d, "k-1-3"),
        "Darker streets help night insects and migrating birds."
    );
    assert_eq!(
        text(d, "k-1-2"),
        "Residents have a legal right to a lit path home [3]."
    );
    // Every entry is a source: its url, never its excerpt, as the title.
    let urls: Vec<(&str, &str, Option<&str>)> = d
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str(), s.url.as_deref()))
        .collect();
    let pilot = "https://example.org/lighting/pilot-report-2021";
    assert_eq!(
        urls,
        [
            ("ref-1", pilot, Some(pilot)),
            ("ref-2", pilot, Some(pilot)),
            (
                "ref-3",
                "https://example.org/charter/article-12",
                Some("https://example.org/charter/article-12")
            ),
            (
                "ref-4",
                "https://example.org/charter/guide",
                Some("https://example.org/charter/guide")
            ),
        ]
    );
    // Excerpts of 1, 0, 7 and 4 lines, numbered lines and blank lines kept.
    let lines: Vec<usize> = d
        .sources
        .iter()
        .map(|s| s.excerpt.as_deref().map_or(0, |e| e.lines().count()))
        .collect();
    assert_eq!(lines, [1, 0, 7, 4]);
    assert_eq!(
        source(d, "ref-3").excerpt.as_deref(),
        Some(
            "\"Article 12\n\n1. Every municipality shall keep public footpaths safe after dark.\n\n2. Lighting on footpaths shall be provided when it is needed for safe passage.\n\n3. The measures in paragraph 2 may be adapted to local conditions.\""
        )
    );
    assert!(
        source(d, "ref-4")
            .excerpt
            .as_deref()
            .unwrap()
            .ends_with("\n3. Publish the lighting timetable\"")
    );
    // Each `[n]` cites its entry, and stays in the text.
    assert_eq!(cited(d, "k-1-1"), ["ref-1"]);
    assert_eq!(cited(d, "k-1-1-1"), ["ref-2"]);
    assert_eq!(cited(d, "k-1-2"), ["ref-3"]);
    assert_eq!(cited(d, "k-1-2-1"), ["ref-4"]);
    assert!(cited(d, "k-1-3").is_empty());
    assert!(l.warnings.is_empty(), "{:?}", warnings(&l));
}

/// Pattern 2: `-> See discussion #N: title` is a claim that links out, not an error.
#[test]
fn links_to_other_discussions_are_claims_that_link_out() {
    let l = load("kialo-newer-see-discussion.txt");
    let d = &l.debate;
    assert_eq!(d.title, "Are video courses a good way to learn?");
    assert_eq!(position_ids(d), ["pro", "con"]);
    assert_eq!(
        ids(d),
        [
            "k-1-1",
            "k-1-1-1",
            "k-1-1-1-1",
            "k-1-1-1-1-1",
            "k-1-1-1-1-1-1",
            "k-1-1-1-1-1-1-1",
            "k-1-2",
            "k-1-2-1",
            "k-1-3",
            "k-1-4"
        ]
    );
    let out = d.claims.iter().find(|c| c.id == "k-1-2-1").unwrap();
    assert_eq!(
        out.text,
        "See discussion #40211: Online forums answer learners' questions faster than teachers do."
    );
    assert_eq!(out.tags, ["links-out"]);
    assert_eq!(links(d, "k-1-2-1"), ["rebuts k-1-2"]);
    assert_eq!(side(d, "k-1-2-1"), "pro");
    // No final period in the export: none added, no word dropped.
    assert_eq!(
        text(d, "k-1-3"),
        "See discussion #51873: Recorded lectures should be free for everyone"
    );
    assert_eq!(links(d, "k-1-3"), ["supports pro"]);
    // The internal references, one seven levels down, are links as before.
    assert_eq!(links(d, "k-1-1-1"), ["rebuts k-1-1", "supports k-1-2"]);
    assert_eq!(
        links(d, "k-1-1-1-1-1-1-1"),
        ["rebuts k-1-1-1-1-1-1", "rebuts k-1-2"]
    );
    let tagged = d.claims.iter().filter(|c| !c.tags.is_empty()).count();
    assert_eq!(tagged, 2);
    let w = warnings(&l);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains(
            "warning: 2 links to other Kialo discussions kept as claims tagged `links-out`"
        ),
        "{w:?}"
    );
    assert!(w[0].contains("note: on lines 28 and 37"), "{w:?}");
}

/// Patterns 3 and 4: escaped addresses keep every character; claim texts of this
/// layout are as written, and only `[n]` cites.
#[test]
fn source_addresses_keep_every_character() {
    let l = load("kialo-newer-url-escapes.txt");
    let d = &l.debate;
    assert_eq!(
        d.title,
        "Can encyclopedias written by volunteers be trusted?"
    );
    assert_eq!(d.positions.len(), 2);
    assert_eq!(d.claims.len(), 6);
    let urls: Vec<&str> = d.sources.iter().filter_map(|s| s.url.as_deref()).collect();
    assert_eq!(
        urls,
        [
            "https://example.org/wiki/Wiki_(software)",
            "https://example.org/news/invented-facts-2023",
            "https://example.org/wiki/Hallucination_(artificial_intelligence)",
            "https://blog.example.org/@editorwatch/paid-editing-explained-5f3a9c",
            "https://example.org/wiki/Paid_editing]",
            "https://example.org/journal/S0001-2345(21)00077-X/fulltext#sec2.1",
        ]
    );
    assert!(d.sources.iter().all(|s| !s.title.contains('\\')));
    assert_eq!(
        text(d, "k-1-1-1-1"),
        "Most invented facts are removed within a day (citation needed)."
    );
    assert_eq!(
        text(d, "k-1-2"),
        "Some topics attract editors paid to \"improve [the] image\" of a company [4]."
    );
    // `[the]` is no citation; two citations in one text.
    assert_eq!(cited(d, "k-1-2"), ["ref-4"]);
    assert_eq!(cited(d, "k-1-1-1"), ["ref-2", "ref-3"]);
    assert!(l.warnings.is_empty(), "{:?}", warnings(&l));
}

/// Patterns 3 and 4 in the older layout: Markdown links are cited sources, escapes go,
/// an address with spaces is kept whole.
#[test]
fn older_layout_links_are_cited_and_escapes_removed() {
    let l = load("kialo-older-markdown-links.txt");
    let d = &l.debate;
    assert_eq!(d.title, "Should courts publish every judgment online?");
    assert_eq!(
        d.description.as_deref(),
        Some("Courts should publish every judgment online.")
    );
    assert_eq!(position_ids(d), ["pro", "con"]);
    assert_eq!(d.claims.len(), 7);
    assert_eq!(
        text(d, "k-1-1"),
        "Published judgments let anyone check how the law is applied (see the registry)."
    );
    assert_eq!(
        text(d, "k-1-2"),
        "Publishing costs money courts lack: 1) editing, 2) hosting and 3) checking each text."
    );
    assert!(text(d, "k-1-2-1").ends_with("[citation needed]."));
    assert_eq!(
        text(d, "k-1-3"),
        "The rules already require \"[a]ll judgments\" to be public (art. 6)."
    );
    assert!(
        text(d, "k-1-3-1")
            .ends_with("judgments [of the higher courts] only; see the text and a comment.")
    );
    assert_eq!(links(d, "k-1-1"), ["supports k-1-2-1", "supports pro"]);
    let sources: Vec<(&str, &str, Option<&str>)> = d
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str(), s.url.as_deref()))
        .collect();
    assert_eq!(
        sources,
        [
            (
                "link-1",
                "the registry",
                Some(r#"https://example.org/registry#{"itemid":["001-2019"]}"#)
            ),
            ("link-2", "survey", Some("https://example.org/survey-2018")),
            ("link-3", "Court A", Some("https://example.org/a")),
            (
                "link-4",
                "Court B",
                Some("http://Court B of Example and Partners v. State")
            ),
            (
                "link-5",
                "Court C",
                Some(r#"https://example.org/c#{"itemid":["003-77"]}"#)
            ),
            ("link-6", "the text", Some("https://example.org/rules")),
            ("link-7", "a comment", Some("https://example.org/comment")),
        ]
    );
    assert_eq!(cited(d, "k-1-1"), ["link-1"]);
    assert_eq!(cited(d, "k-1-1-2"), ["link-3", "link-4", "link-5"]);
    assert_eq!(cited(d, "k-1-3-1"), ["link-6", "link-7"]);
    // Escaped brackets are text, not citations.
    assert!(cited(d, "k-1-2-1").is_empty());
    assert!(cited(d, "k-1-3").is_empty());
    let w = warnings(&l);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("1 source address holds words with spaces")
            && w[0].contains("`http://Court B of Example and Partners v. State`"),
        "{w:?}"
    );
}

/// Pattern 5: a question discussion. The name is the title and the question the
/// description, without their labels; theses without claims still give positions.
#[test]
fn question_discussions_have_no_label_in_a_title() {
    let l = load("kialo-newer-question.txt");
    let d = &l.debate;
    assert_eq!(d.title, "How should a city cut traffic noise near schools?");
    assert_eq!(
        d.description.as_deref(),
        Some("How should a city cut traffic noise near schools [1]?")
    );
    assert_eq!(
        position_ids(d),
        [
            "pro-1-1", "con-1-1", "pro-1-2", "con-1-2", "pro-1-3", "con-1-3"
        ]
    );
    assert!(
        d.positions
            .iter()
            .all(|p| !p.title.contains("Question:") && !p.title.contains("Thesis:"))
    );
    assert_eq!(
        d.positions[4].title,
        "For: Build noise barriers along the busiest roads."
    );
    assert!(d.claims_of(4).is_empty() && d.claims_of(5).is_empty());
    assert_eq!(ids(d), ["k-1-1-1", "k-1-1-1-1", "k-1-1-2", "k-1-2-1"]);
    let sides: Vec<String> = ids(d).iter().map(|id| side(d, id)).collect();
    assert_eq!(sides, ["pro-1-1", "con-1-1", "con-1-1", "pro-1-2"]);
    // A claim of four lines, each as written.
    assert_eq!(
        text(d, "k-1-2-1"),
        "Hedges bring more than quiet. A school garden club listed:\nShade\nBirds\nLess dust"
    );
    // The reference across theses.
    assert_eq!(links(d, "k-1-1-1-1"), ["rebuts k-1-1-1", "rebuts pro-1-2"]);
    assert_eq!(d.sources.len(), 2);
    assert_eq!(
        source(d, "ref-2").title,
        "https://example.org/noise-and-speed"
    );
    assert_eq!(
        source(d, "ref-2").excerpt.as_deref(),
        Some("\"Noise from tyres rises steeply with speed (see Table 3).\"")
    );
    assert_eq!(cited(d, "k-1-1-1"), ["ref-2"]);
    // The question's `[1]` has nowhere to go in format v1: said.
    let w = warnings(&l);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("1 citation of the question left in the text only") && w[0].contains("`[1]`"),
        "{w:?}"
    );
}

/// Pattern 5: both layouts put the name and the thesis (or question) in the same places.
#[test]
fn both_layouts_agree_on_title_and_description() {
    let older = import("Discussion Title: Should we?\n\n1. We should.\n1.1. Pro: Because.");
    let newer = import(
        "Discussion Name:\r\nShould we?\r\n\r\n1. Thesis:\r\nWe should.\r\n\r\n  1.1. Pro:\r\n  Because.",
    );
    for d in [&older, &newer] {
        assert_eq!(d.title, "Should we?");
        assert_eq!(d.description.as_deref(), Some("We should."));
        assert_eq!(d.positions[0].title, "For: We should.");
        assert_eq!(text(d, "k-1-1"), "Because.");
    }
    // The name on the same line as its label, as some files have it.
    let inline = import("Discussion Name: Should we?\n\n1. Thesis:\nWe should.\n");
    assert_eq!(inline.title, "Should we?");
    assert_eq!(inline.description.as_deref(), Some("We should."));
    // Without a name, the thesis is the title.
    let bare = import("1. Thesis:\nWe should.\n\n  1.1. Con:\n  No.");
    assert_eq!(bare.title, "We should.");
    assert_eq!(bare.description, None);
    // A question in either layout: the question is the description.
    let older = import(
        "Discussion Title: What now?\n\n1. What should we do now?\n1.1. Wait.\n1.1.1. Pro: Cheap.\n1.2. Act.",
    );
    let newer = import(
        "Discussion Name:\nWhat now?\n\n1. Question:\nWhat should we do now?\n\n  1.1. Thesis:\n  Wait.\n\n    1.1.1. Pro:\n    Cheap.\n\n  1.2. Thesis:\n  Act.",
    );
    for d in [&older, &newer] {
        assert_eq!(d.title, "What now?");
        assert_eq!(d.description.as_deref(), Some("What should we do now?"));
        assert_eq!(
            position_ids(d),
            ["pro-1-1", "con-1-1", "pro-1-2", "con-1-2"]
        );
    }
}

/// Pattern 6: in the newer layout a header carries its label, so numbered lines in a
/// claim's text are text, at any indentation.
#[test]
fn numbered_lines_in_a_text_are_not_items() {
    let d = import(
        "Discussion Name:\nN\n\n1. Thesis:\nT.\n1. not a header\n\n  1.1. Pro:\n  Steps:\n  1. First\n  2. Second\n2. Third at the margin\n1.2. Four\n\n  1.2. Con:\n  Last.",
    );
    assert_eq!(position_ids(&d), ["pro", "con"]);
    assert_eq!(ids(&d), ["k-1-1", "k-1-2"]);
    assert_eq!(d.description.as_deref(), Some("T.\n1. not a header"));
    assert_eq!(
        text(&d, "k-1-1"),
        "Steps:\n1. First\n2. Second\n2. Third at the margin\n1.2. Four"
    );
    assert_eq!(text(&d, "k-1-2"), "Last.");
}

/// Pattern 7: each kind of thing left out or changed is one warning, with its count,
/// reason and lines; the thesis's citation goes to both positions.
#[test]
fn what_is_left_out_is_counted_with_its_reason() {
    let l = load("kialo-newer-left-out.txt");
    let d = &l.debate;
    assert_eq!(d.title, "Should libraries lend tools?");
    assert_eq!(cited(d, "pro"), ["ref-1"]);
    assert_eq!(cited(d, "con"), ["ref-1"]);
    assert_eq!(ids(d), ["k-1-1", "k-1-1-1", "k-1-2"]);
    assert_eq!(
        text(d, "k-1-2"),
        "Lending tools brings injuries and claims for damages [3].\nSteps a library would need:\n1. Check each tool after a loan\n2. Train the staff"
    );
    // `[9]` names no entry: text, not a citation.
    assert!(cited(d, "k-1-1-1").is_empty());
    assert!(text(d, "k-1-1-1").ends_with("[9]."));
    // An entry without an address keeps its number as its title; words where the
    // address belongs are kept whole.
    assert_eq!(d.sources.len(), 3);
    assert_eq!(source(d, "ref-2").title, "[2]");
    assert_eq!(source(d, "ref-2").url, None);
    assert_eq!(cited(d, "k-1-1"), ["ref-2"]);
    assert_eq!(
        source(d, "ref-3").url.as_deref(),
        Some("http://Insurance rules for lending, page 4")
    );
    // `-> See 1.1.` under 1.2 adds a link; `-> See 1.2.` under the thesis repeats
    // one; `-> See 1.` names the thesis.
    assert_eq!(links(d, "k-1-1"), ["rebuts k-1-2", "supports pro"]);
    assert_eq!(links(d, "k-1-2"), ["rebuts pro"]);
    let w = warnings(&l);
    let first_lines: Vec<&str> = w.iter().map(|w| w.lines().next().unwrap()).collect();
    let file = fixture("kialo-newer-left-out.txt");
    let file = file.display();
    assert_eq!(
        first_lines,
        [
            format!(
                "{file}: warning: 1 citation names no entry of the `Sources:` section: left in the text, not cited"
            ),
            format!(
                "{file}: warning: 1 source address holds words with spaces, not a web address: kept as written, in the source's url"
            ),
            format!(
                "{file}: warning: 1 entry of the `Sources:` section gives no web address: titled by its number"
            ),
            format!(
                "{file}: warning: 1 `-> See` reference left out: it would repeat or contradict a link the claim already has, or tie the claim to itself"
            ),
            format!("{file}: warning: 1 `-> See` reference to a thesis left out"),
        ]
    );
    assert!(
        w[0].contains("note: for example `[9]`\n  note: on line 10"),
        "{w:?}"
    );
    assert!(w[3].ends_with("note: on line 25"), "{w:?}");
    assert!(w[4].ends_with("note: on line 13"), "{w:?}");
}

/// Pattern 7 on the command line: `check` prints the warnings, says how many in its ok
/// line and exits 0; `import` prints them on standard error and as comments of the YAML.
#[test]
fn check_and_import_show_the_warnings() {
    let f = fixture("kialo-newer-left-out.txt");
    let f = f.to_str().unwrap();
    let (code, out, err) = run(&["check", f]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out.lines().last(),
        Some("ok: 3 claims, 2 positions, 3 sources, 0 quotes verified, 5 warnings")
    );
    assert_eq!(out.matches(": warning: ").count(), 5, "{out}");
    assert!(
        out.contains("`-> See` reference to a thesis left out"),
        "{out}"
    );

    let (code, out, err) = run(&["import", f]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("imported ") && err.contains("3 claims, 2 positions, 3 sources"),
        "{err}"
    );
    assert_eq!(err.matches(": warning: ").count(), 5, "{err}");
    assert!(err.contains("1 citation names no entry"), "{err}");
    assert!(
        out.contains("# Not carried over into format v1:\n# - 1 citation names no entry"),
        "{out}"
    );
    assert!(out.contains("\n#   note: on line 10\n"), "{out}");

    // And a file with nothing left out says nothing more.
    let f = fixture("kialo-newer-url-escapes.txt");
    let (code, out, _) = run(&["check", f.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        "ok: 6 claims, 2 positions, 6 sources, 0 quotes verified"
    );
}

/// import -> YAML -> load gives the same graph, citations, excerpts and tags included.
#[test]
fn every_fixture_round_trips_through_format_v1() {
    for name in FIXTURES {
        let path = fixture(name);
        let imported = import::import_path(&path).unwrap();
        assert_eq!(imported.format, Format::Kialo, "{name}");
        let yaml = import::to_yaml(&imported.conversion, &path, Format::Kialo).unwrap();
        let reloaded = load_bytes("out.yaml", yaml.as_bytes(), &EmbeddedFiles(&[]))
            .unwrap_or_else(|e| panic!("{name}: the YAML does not load:\n{e}\n{yaml}"));
        let direct = load(name);
        assert_eq!(reloaded.debate, direct.debate, "{name}");
        assert!(
            reloaded.warnings.is_empty(),
            "{name}: a debate file has nothing left out"
        );
        assert_eq!(
            yaml.matches("\n# - ").count(),
            direct.warnings.len(),
            "{name}: each warning is a comment"
        );
    }
}

/// The 1,000-claim shape of the benchmark still imports, whole, with its citations.
#[test]
fn a_long_newer_export_keeps_every_source() {
    let mut export = String::from("Discussion Name:\r\nLong?\r\n\r\n1. Thesis:\r\nLong.\r\n");
    for i in 1..=500 {
        export.push_str(&format!(
            "\r\n  1.{i}. Pro:\r\n  Claim {i} [{i}].\r\n\r\n    1.{i}.1. Con:\r\n    Objection {i}.\r\n    1. a numbered line\r\n    2. and another\r\n"
        ));
    }
    export.push_str("\r\nSources:\r\n");
    for i in 1..=500 {
        export.push_str(&format!(
            "[{i}] https://example.org/s_\\({i}\\)\r\n\"Excerpt {i}\r\n\r\n1. Article\r\n2. Article\"\r\n"
        ));
    }
    let d = import(&export);
    assert_eq!(d.claims.len(), 1000);
    assert_eq!(d.positions.len(), 2);
    assert_eq!(d.sources.len(), 500);
    assert_eq!(
        d.sources[499].url.as_deref(),
        Some("https://example.org/s_(500)")
    );
    assert_eq!(cited(&d, "k-1-500"), ["ref-500"]);
    assert_eq!(
        text(&d, "k-1-500-1"),
        "Objection 500.\n1. a numbered line\n2. and another"
    );
}
