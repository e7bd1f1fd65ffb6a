//! AIF argument maps (`.json`): an AIFdb nodeset, bare (`{nodes, edges, locutions}`)
//! or inside an OVA file (`{"AIF": {...}, "OVA": {...}}`), ids strings or integers.
//!
//! How a map becomes a debate:
//! - Each I node (a proposition) is a claim, id `n` and its node id (`101` is `n101`;
//!   characters an id may not hold become `_`, and a clash gets `-2`, `-3`...).
//! - `X -> RA -> Y`: X supports Y; `X -> CA -> Y`: X rebuts Y. An attack or support on
//!   a relation (an undercut: X attacks the step from Y to Z) becomes a rebuttal (or
//!   support) of Y, the claim that carries the relation: format v1 links claims, not
//!   links.
//! - MA (rephrase) and PA (preference) nodes give no link: a rephrase argues neither
//!   for nor against, and format v1 has no preferences. TA (transitions between
//!   locutions) belong to the dialogue. The I nodes they join are kept.
//! - `L -> YA -> I`: the locution's text is a verbatim quote of the claim, from one
//!   source standing for the dialogue. Its speaker is the `Name : ` at the start of the
//!   text, else the name of the locution's `personID` among `participants`, else
//!   `participant N`. The dialogue's text is not in the file, so the quotes are not
//!   checked. A claim with no locution has no quote.
//! - Sides: a main claim is one that supports or rebuts nothing while something
//!   supports or rebuts it. Each gives two positions, "For" and "Against" it (ids `pro`
//!   and `con`, or `pro-n101` and `con-n101` when there are several). Every claim that
//!   reaches a main claim through supports and rebuttals takes a side by the parity of
//!   rebuttals on the shortest way there (the first main claim in the file when several
//!   are reached). Where claims rebut each other in a circle with no main claim, the
//!   first of them in the file stands in for one. Claims linked to nothing go to one
//!   more position, `other`.

mod build;
mod graph;
mod json;
mod left_out;
mod speakers;
mod transcript;

use std::sync::Arc;

use super::{Conversion, stem};
use crate::domain::load::diag::LoadError;
use crate::domain::load::raw::RawDebate;
use speakers::Speakers;

/// Reads an AIF file into the raw structs of format v1, with what could not be carried
/// over. Syntax errors are reported with their line and column, problems of shape with
/// their JSON path.
pub fn import(name: &str, text: &str) -> Result<Conversion, LoadError> {
    let root = json::parse(name, text)?;
    let (set, transcripts, mut report) = graph::nodeset(name, text, root)?;
    let graph = graph::graph(set.nodes, set.edges, &mut report);
    let speakers = Speakers::read(set.locutions, set.participants, &mut report);
    let prefix = report.prefix;
    report.done()?;

    let mut noted = build::Noted::new();
    let (mut claims, claim_of) = build::claims(name, prefix, &graph).map_err(|mut e| {
        // A graph of another kind reads as nodes of no type the import knows.
        if let (Some(looks), LoadError::Invalid { problems, .. }) =
            (graph::looks_like(text), &mut e)
            && let Some(d) = problems.first_mut()
        {
            d.notes.push(format!(
                "note: this looks like {looks}, which debate-tui does not import"
            ));
        }
        e
    })?;
    let links = build::links(&graph, &claim_of, &mut claims, &mut noted);
    let (positions, roots) = build::sides(&mut claims, &links, &mut noted);
    drop(links);
    let analysed = transcript::read(transcripts);
    let file = text_file(name);
    let sources = speakers::quotes(
        name,
        &graph,
        &claim_of,
        &speakers,
        analysed.as_ref().map(|a| (a, file.as_str())),
        &mut claims,
        &mut noted,
    );
    drop(graph);

    let title = match (
        roots.as_slice(),
        analysed.as_ref().and_then(|a| a.title.clone()),
    ) {
        ([r], _) => claims[*r].text.clone(),
        (_, Some(title)) => title,
        _ => stem(name),
    };
    // The analysed text goes with the debate only where a source names it.
    let texts = match analysed {
        Some(a) if sources.iter().any(|s| s.file.is_some()) => vec![(file, Arc::from(a.text))],
        _ => Vec::new(),
    };
    Ok(Conversion {
        raw: RawDebate {
            version: 1,
            title,
            description: None,
            sources,
            positions,
            claims,
            lint: None,
        },
        left_out: noted.left_out.warnings(name),
        texts,
    })
}

/// The name the analysed text of the map `name` goes by, as a source's `file`:
/// `map.transcript.txt` beside `map.json`, in characters any file system takes.
fn text_file(name: &str) -> String {
    let stem: String = stem(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{}.transcript.txt", stem.trim_start_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::raw::RawClaim;

    fn import(name: &str, text: &str) -> Result<RawDebate, LoadError> {
        super::import(name, text).map(|c| c.raw)
    }

    fn claim<'a>(d: &'a RawDebate, id: &str) -> &'a RawClaim {
        d.claims.iter().find(|c| c.id == id).unwrap()
    }

    fn errors(text: &str) -> Vec<String> {
        import("a.json", text)
            .unwrap_err()
            .diagnostics()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn relations_undercuts_and_sides() {
        let text = r#"{"nodes":[
            {"nodeID":"1","text":"Main","type":"I"},
            {"nodeID":"2","text":"Against main","type":"I"},
            {"nodeID":"3","text":"Default Conflict","type":"CA"},
            {"nodeID":"4","text":"For the attack","type":"I"},
            {"nodeID":"5","text":"Default Inference","type":"RA"},
            {"nodeID":"6","text":"Undercutter","type":"I"},
            {"nodeID":"7","text":"Default Conflict","type":"CA"},
            {"nodeID":"8","text":"Rephrased","type":"I"},
            {"nodeID":"9","text":"Default Rephrase","type":"MA"}],
          "edges":[
            {"fromID":"2","toID":"3"},{"fromID":"3","toID":"1"},
            {"fromID":"4","toID":"5"},{"fromID":"5","toID":"2"},
            {"fromID":"6","toID":"7"},{"fromID":"7","toID":"5"},
            {"fromID":"8","toID":"9"},{"fromID":"9","toID":"1"}]}"#;
        let d = import("m.json", text).unwrap();
        assert_eq!(d.title, "Main");
        assert_eq!(claim(&d, "n2").rebuts, ["n1"]);
        assert_eq!(claim(&d, "n4").supports, ["n2"]);
        // The undercut rebuts the premise that carries the inference.
        assert_eq!(claim(&d, "n6").rebuts, ["n4"]);
        let side = |id: &str| claim(&d, id).position.clone();
        assert_eq!(
            (side("n1"), side("n2"), side("n4"), side("n6")),
            ("pro".into(), "con".into(), "con".into(), "pro".into())
        );
        // The rephrase gives no link; its I node stays, on the side of what it rephrases.
        assert!(claim(&d, "n8").supports.is_empty() && claim(&d, "n8").rebuts.is_empty());
        assert_eq!(side("n8"), "pro");
        assert_eq!(d.positions.len(), 2);
    }

    #[test]
    fn a_circle_without_a_main_claim_still_gets_sides() {
        let text = r#"{"nodes":[
            {"nodeID":1,"text":"A","type":"I"},{"nodeID":2,"text":"B","type":"I"},
            {"nodeID":3,"text":"","type":"CA"},{"nodeID":4,"type":"CA"}],
          "edges":[{"fromID":1,"toID":3},{"fromID":3,"toID":2},{"fromID":2,"toID":4},{"fromID":4,"toID":1}]}"#;
        let d = import("c.json", text).unwrap();
        assert_eq!(claim(&d, "n1").position, "pro");
        assert_eq!(claim(&d, "n2").position, "con");
        assert_eq!(claim(&d, "n1").rebuts, ["n2"]);
        assert_eq!(claim(&d, "n2").rebuts, ["n1"]);
    }

    #[test]
    fn ids_that_meet_once_cleaned_take_a_number() {
        let text = r#"{"nodes":[
            {"nodeID":"x_y","text":"A","type":"I"},{"nodeID":"x.y","text":"B","type":"I"},
            {"nodeID":"x_y-2","text":"C","type":"I"},{"nodeID":7,"text":"D","type":"I"}]}"#;
        let d = import("i.json", text).unwrap();
        let ids: Vec<&str> = d.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["nx_y", "nx_y-2", "nx_y-2-2", "n7"]);
    }

    #[test]
    fn shape_problems_name_their_json_path() {
        let e = errors(
            r#"{"AIF": {"nodes": [{"nodeID": "1", "type": 3, "text": "x"}, {"nodeID": 1.5, "type": "I", "text": "y"}, {"nodeID": "2", "type": "I", "text": " "}], "edges": [{"fromID": "1", "toID": "9"}]}}"#,
        );
        assert!(
            e[0].starts_with("a.json: error: AIF.nodes[0].type: expected the node's type"),
            "{e:?}"
        );
        assert!(e[1].starts_with("a.json: error: AIF.nodes[1].nodeID: expected the node's id, text or a whole number, found a number"), "{e:?}");
        assert!(
            e[2].starts_with("a.json: error: AIF.nodes[2].text: I node 2 has no text"),
            "{e:?}"
        );
        assert!(
            e[3].starts_with("a.json: error: AIF.edges[0].fromID: no node has the id 1"),
            "{e:?}"
        );
        assert!(
            e[4].starts_with("a.json: error: AIF.edges[0].toID: no node has the id 9"),
            "{e:?}"
        );
        let e = errors(r#"{"nodes": {}}"#);
        assert!(
            e[0].starts_with("a.json: error: nodes: expected a list, found an object"),
            "{e:?}"
        );
        let e = errors(r#"{"AIF": [], "nodes2": 1}"#);
        assert!(e[0].contains("AIF: expected the nodeset"), "{e:?}");
        let e = errors(
            r#"{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}, {"nodeID": "1", "type": "I", "text": "y"}]}"#,
        );
        assert!(
            e[0].contains("nodes[1].nodeID: duplicate node id 1\n  note: first used by nodes[0]"),
            "{e:?}"
        );
        let e = errors(r#"{"nodes": [{"nodeID": "1", "type": "L", "text": "x"}]}"#);
        assert!(e[0].contains("no I node"), "{e:?}");
        // An item that is not an object is named by its place, whichever list it is in.
        let e = errors(
            r#"{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}, 7], "edges": ["e"], "locutions": [null]}"#,
        );
        for (path, item) in [
            ("nodes[1]", "a node"),
            ("edges[0]", "an edge"),
            ("locutions[0]", "a locution"),
        ] {
            let wanted = format!("{path}: expected {item} (an object), found");
            assert!(e.iter().any(|m| m.contains(&wanted)), "{wanted} in {e:?}");
        }
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let e = errors("{\"nodes\": [\n  {\"nodeID\": \"1\",\n   \"text\": \"cut");
        assert!(e[0].starts_with("a.json:3:"), "{e:?}");
        assert!(e[0].contains("cut short"), "{e:?}");
        let e = errors("{\"nodes\": [\n ,]}");
        assert!(e[0].starts_with("a.json:2:2: error: invalid JSON"), "{e:?}");
        let deep = format!("{{\"nodes\": {}{}}}", "[".repeat(500), "]".repeat(500));
        let e = errors(&deep);
        assert!(e[0].contains("recursion limit"), "{e:?}");
    }
}
