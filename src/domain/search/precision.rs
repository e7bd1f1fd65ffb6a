//! Precision over the built-in debate: queries whose answers were found by reading
//! data/debate.yaml, the nodes each should lead to. A result leading anywhere else is
//! noise; an answer missing from the first screen is a miss.

use std::collections::BTreeSet;

use super::testing::index;
use super::{Hit, Target};
use crate::domain::graph::model::Debate;

/// The rows a search popup shows at 80×24.
const SCREEN: usize = 14;

/// Where a result leads: a node's id, or a source's.
fn lands(d: &Debate, h: &Hit) -> String {
    match h.target {
        Target::Source(s) => format!("source {}", d.sources[s as usize].id),
        t => d.id_of(t.node().expect("a node")).to_string(),
    }
}

/// Each query and the nodes it should find, every one of them: read from the debate.
const ANSWERS: &[(&str, &[&str])] = &[
    // In a claim's text and one of its quotes (text and speaker), and in another
    // claim's text ("LeCun's statement").
    ("LeCun", &["humans-stay-dominant", "ai-pessimists-disagree"]),
    // Appears nowhere: nothing, rather than letters scattered across long texts.
    ("perché", &[]),
    // Three claims say it, one more is tagged with it, and the alignment side's
    // summary mentions it.
    (
        "kill switch",
        &[
            "altman-kill-switch",
            "kill-switch-joke",
            "no-kill-switch",
            "open-model-as-weapon",
            "alignment",
        ],
    ),
    // A typo, letters scattered closely: the same places.
    (
        "klswt",
        &[
            "altman-kill-switch",
            "kill-switch-joke",
            "no-kill-switch",
            "open-model-as-weapon",
            "alignment",
        ],
    ),
    // A claim quotes it, and the open-source side quotes and summarises it.
    ("alignment folks", &["will-release-openly", "open-source"]),
    ("hugging face", &["removable-from-hubs"]),
    ("white house", &["meta-not-invited"]),
    ("food chain", &["gpt-stays-top"]),
    ("humaneval", &["judged-by-openai-yardstick"]),
    // The speaker of a quote, and a claim reporting him.
    (
        "jason wei",
        &["llama-3-4-beyond-gpt4", "will-release-openly"],
    ),
    ("'blue bag", &["altman-kill-switch"]),
    // The short-lived claim and the author's summary say "short-lived" beside it.
    ("\"good guy\" !short", &["meta-good-guy", "open-source"]),
    // Claims whose text or id starts with Meta.
    (
        "^meta is:claim",
        &[
            "meta-open-source-champion",
            "open-source-benefited-meta",
            "meta-seeks-praise",
            "disruptive-tech-concern",
            "gpt5-class-open-model",
            "commitment-not-conviction",
            "meta-not-invited",
            "meta-own-league",
            "league-under-openai-control",
            "meta-good-guy",
            "good-guy-short-lived",
        ],
    ),
    // The kill-switch tag ends with it, as do two ids.
    (
        "switch$ is:claim",
        &[
            "altman-kill-switch",
            "kill-switch-joke",
            "no-kill-switch",
            "open-model-as-weapon",
        ],
    ),
];

#[test]
fn every_query_finds_its_answers_and_nothing_else() {
    let (d, i) = index();
    let mut report = Vec::new();
    let (mut shown, mut relevant) = (0, 0);
    for &(query, answers) in ANSWERS {
        let hits = i.search(query);
        let expected: BTreeSet<&str> = answers.iter().copied().collect();
        let first: Vec<String> = hits.iter().take(SCREEN).map(|h| lands(&d, h)).collect();
        let noise: Vec<&String> = first
            .iter()
            .filter(|n| !expected.contains(n.as_str()))
            .collect();
        let found: BTreeSet<&str> = first.iter().map(String::as_str).collect();
        let missed: Vec<&&str> = expected.iter().filter(|a| !found.contains(*a)).collect();
        shown += first.len();
        relevant += first.len() - noise.len();
        report.push(format!(
            "{query:?}: {} results, first screen {} relevant of {}, missed {missed:?}, noise {noise:?}",
            hits.len(),
            first.len() - noise.len(),
            first.len()
        ));
        // Beyond the first screen, nothing may lead elsewhere either.
        let all_noise = hits
            .iter()
            .filter(|h| !expected.contains(lands(&d, h).as_str()))
            .count();
        assert!(
            noise.is_empty() && missed.is_empty() && all_noise == 0,
            "{}",
            report.join("\n")
        );
    }
    assert_eq!(relevant, shown, "{}", report.join("\n"));
}
