//! Who said what: each locution (L node) that a YA node anchors in a proposition
//! (`L -> YA -> I`) is a verbatim quote of that claim, from one source standing for
//! the dialogue, with its speaker when the file tells it.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::build::Noted;
use super::graph::{Graph, Report, items, objects};
use super::json::{Kind, List, Locution, Participant};
use super::left_out::Change;
use super::transcript::Analysed;
use crate::domain::load::quote::SourceIndex;
use crate::domain::load::raw::{RawClaim, RawQuote, RawSource};

/// The speakers the file names: each locution's person, each person's name.
pub(super) struct Speakers<'a> {
    person_of: HashMap<Cow<'a, str>, Cow<'a, str>>,
    names: HashMap<Cow<'a, str>, String>,
}

impl<'a> Speakers<'a> {
    /// Reads the `locutions` and `participants` of a nodeset.
    pub(super) fn read(
        locutions: Option<List<Locution<'a>>>,
        participants: Option<List<Participant<'a>>>,
        report: &mut Report,
    ) -> Self {
        let mut person_of = HashMap::new();
        for l in objects(locutions, "locutions", "a locution", false, report) {
            if let Locution::Of {
                node: Some(node),
                person: Some(person),
            } = l
            {
                person_of.insert(node, person);
            }
        }
        let mut names = HashMap::new();
        for p in items(participants, "participants", false, report) {
            if let Some(id) = p.id {
                let full = format!("{} {}", p.firstname, p.surname);
                let full = full.trim();
                if !full.is_empty() {
                    names.insert(id, full.to_string());
                }
            }
        }
        Speakers { person_of, names }
    }

    /// The speaker of the locution `node`: the name of its person, or `participant N`
    /// when the person has none.
    fn of(&self, node: &str) -> Option<String> {
        self.person_of.get(node).map(|p| {
            self.names
                .get(p.as_ref())
                .cloned()
                .unwrap_or_else(|| format!("participant {p}"))
        })
    }
}

/// Gives each claim the quotes its locutions make, with the speech act of the YA
/// node that anchors each (`asks`, `concedes`). Their speaker is the `Name: ` at the
/// start of the text, else the locution's person in `speakers`. Returns the sources
/// the quotes come from: the dialogue, when there is any quote, with the analysed
/// text as its file when the map carries one (`text_file`); the quotes whose words are
/// not in that text come from a copy of the dialogue without it.
pub(super) fn quotes(
    name: &str,
    graph: &Graph,
    claim_of: &[Option<u32>],
    speakers: &Speakers,
    analysed: Option<(&Analysed, &str)>,
    claims: &mut [RawClaim],
    noted: &mut Noted,
) -> Vec<RawSource> {
    let Graph { nodes, ins, outs } = graph;
    let index = analysed.map(|(a, _)| SourceIndex::new(&a.text));
    let mut quoted: HashSet<(usize, usize)> = HashSet::new();
    let mut reporters: HashMap<usize, Option<String>> = HashMap::new();
    let (mut any_quote, mut any_unchecked) = (false, false);
    for (y, n) in nodes.iter().enumerate() {
        if n.kind != Kind::Ya {
            continue;
        }
        let act = act(&n.text);
        for l in ins.of(y).filter(|&l| nodes[l].kind == Kind::L) {
            for c in outs.of(y).filter_map(|i| claim_of[i]) {
                let c = c as usize;
                if !quoted.insert((l, c)) {
                    continue;
                }
                let (prefix, words) = speaker_prefix(&nodes[l].text);
                if words.is_empty() {
                    continue;
                }
                let speaker = prefix
                    .map(str::to_string)
                    .or_else(|| speakers.of(&nodes[l].id))
                    .map(|who| {
                        // Once for each locution, however many claims it quotes.
                        let by = reporters
                            .entry(l)
                            .or_insert_with(|| reporter(graph, l, speakers));
                        match by {
                            Some(by) => format!("{who}, as reported by {by}"),
                            None => who,
                        }
                    });
                let source = match &index {
                    Some(index) if index.find(words).is_none() => {
                        noted.add(Change::NotInText, &nodes[l].id);
                        any_unchecked = true;
                        UNCHECKED
                    }
                    _ => DIALOGUE,
                };
                claims[c].quotes.push(RawQuote {
                    source: source.into(),
                    text: words.to_string(),
                    speaker,
                    act: act.map(str::to_string),
                    ..RawQuote::default()
                });
                any_quote = true;
            }
        }
    }
    // A span that marks an I node itself (OVA2): its words quote the claim, when no
    // locution does.
    if let Some((a, _)) = analysed {
        let words_of = a.words_by_node();
        for (i, n) in nodes.iter().enumerate() {
            let Some(c) = claim_of[i].map(|c| c as usize) else {
                continue;
            };
            if let Some(words) = words_of.get(n.id.as_ref())
                && claims[c].quotes.is_empty()
            {
                claims[c].quotes.push(RawQuote {
                    source: DIALOGUE.into(),
                    text: (*words).to_string(),
                    ..RawQuote::default()
                });
                any_quote = true;
            }
        }
    }
    let mut sources = Vec::new();
    if !any_quote {
        return sources;
    }
    let title = analysed
        .and_then(|(a, _)| a.title.clone())
        .unwrap_or_else(|| format!("The dialogue analysed in {}", base(name)));
    let dialogue = RawSource {
        id: DIALOGUE.into(),
        title,
        url: analysed.and_then(|(a, _)| a.url.clone()),
        date: analysed.and_then(|(a, _)| a.date.clone()),
        file: analysed.map(|(_, file)| file.to_string()),
        ..RawSource::default()
    };
    if any_unchecked {
        sources.push(RawSource {
            id: UNCHECKED.into(),
            title: format!("{} (words not found in its text)", dialogue.title),
            file: None,
            ..dialogue.clone()
        });
    }
    sources.insert(0, dialogue);
    sources
}

/// The speaker of the locution that reports the locution `l` (`L' -> YA -> L`, the YA
/// not an analyst's `Analysing`): reported speech, in the words of someone in the
/// dialogue.
fn reporter(graph: &Graph, l: usize, speakers: &Speakers) -> Option<String> {
    let Graph { nodes, ins, .. } = graph;
    ins.of(l)
        .filter(|&y| nodes[y].kind == Kind::Ya && !nodes[y].text.eq_ignore_ascii_case("analysing"))
        .flat_map(|y| ins.of(y))
        .filter(|&r| r != l && nodes[r].kind == Kind::L)
        .find_map(|r| {
            speaker_prefix(&nodes[r].text)
                .0
                .map(str::to_string)
                .or_else(|| speakers.of(&nodes[r].id))
        })
}

/// The id of the source that stands for the dialogue the locutions come from.
const DIALOGUE: &str = "dialogue";
/// The dialogue without its text, for the quotes not found in it.
const UNCHECKED: &str = "dialogue-unchecked";

fn base(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// The speech act of a YA node's text, as the verb a quote's `act` holds: `None` for
/// an assertion, the text as written for an act with no verb here.
fn act(ya: &str) -> Option<&str> {
    let key: String = ya
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    Some(match key.as_str() {
        "" | "asserting" | "defaultillocuting" | "analysing" => {
            return None;
        }
        "purequestioning" | "questioning" => "asks",
        "assertivequestioning" => "asks assertively",
        "rhetoricalquestioning" => "asks rhetorically",
        "challenging" => "challenges",
        "agreeing" => "agrees",
        "disagreeing" => "disagrees",
        "conceding" | "popularconceding" => "concedes",
        "restating" => "restates",
        "arguing" => "argues",
        _ => ya.trim(),
    })
}

/// `Name: words` as the speaker and the words, whatever the spaces around the colon
/// (`Name : words`, `Name :words`); an analyst's copy, `Analyst: Name : words`, as the
/// speaker it copies. The text as it is when it has no such prefix.
fn speaker_prefix(text: &str) -> (Option<&str>, &str) {
    if let Some((who, words)) = name_before_colon(text) {
        // A one-word name before another: the analyst's, then the speaker's.
        if !who.contains(char::is_whitespace)
            && let Some((inner, words)) = name_before_colon(words)
        {
            return (Some(inner), words);
        }
        return (Some(who), words);
    }
    // An analyst's name in lower case (`xiyuan: Name : words`).
    if let Some((analyst, rest)) = text.split_once(':')
        && !analyst.trim().is_empty()
        && !analyst.trim().contains(char::is_whitespace)
        && let Some((inner, words)) = name_before_colon(rest)
    {
        return (Some(inner), words);
    }
    (None, text.trim())
}

/// Words that name a speaker: `Bob`, `Fiona Bruce`, `AudienceMember 20210912QT02`.
/// Before ` :` (the AIFdb form) any short name; before a bare `:`, at most six words
/// that each start with a capital or a digit, so that `One thing: ...` is no name.
fn name_before_colon(text: &str) -> Option<(&str, &str)> {
    let i = text.find(':')?;
    let (before, words) = (&text[..i], text[i + 1..].trim());
    let who = before.trim();
    if who.is_empty() || words.is_empty() || who.chars().count() > 80 || who.contains('\n') {
        return None;
    }
    // Not a time (`10:30`) nor an address (`https://`).
    let after = &text[i + 1..];
    if after.starts_with(|c: char| c.is_ascii_digit()) || after.starts_with("//") {
        return None;
    }
    let spaced = before.ends_with(char::is_whitespace);
    let name_like = || {
        let mut n = 0;
        let all = who.split_whitespace().all(|w| {
            n += 1;
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        });
        all && n <= 6 && !who.contains(['?', '!', ';', ',', '"', '“', '”'])
    };
    (spaced || name_like()).then_some((who, words))
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_come_from_the_prefix() {
        assert_eq!(
            speaker_prefix("Bob : They cannot be recalled"),
            (Some("Bob"), "They cannot be recalled")
        );
        assert_eq!(speaker_prefix("no speaker here"), (None, "no speaker here"));
        assert_eq!(speaker_prefix(" : only words"), (None, ": only words"));
        for (text, who, words) in [
            (
                "Fiona Bruce: Who wants to know?",
                "Fiona Bruce",
                "Who wants to know?",
            ),
            ("Fiona Bruce :and we do", "Fiona Bruce", "and we do"),
            (
                "Helle Thorning-Schmidt :  We will",
                "Helle Thorning-Schmidt",
                "We will",
            ),
            (
                "AudienceMember 20210912QT02: My parents",
                "AudienceMember 20210912QT02",
                "My parents",
            ),
            (
                "Steffi: AudienceMember 20210912QT02: My parents",
                "AudienceMember 20210912QT02",
                "My parents",
            ),
            (
                "Kyle: Ben Cole : Sure, they do",
                "Ben Cole",
                "Sure, they do",
            ),
            ("xiyuan: Ben Cole : Sure", "Ben Cole", "Sure"),
            (
                "Maria Okafor : One question tonight: who pays?",
                "Maria Okafor",
                "One question tonight: who pays?",
            ),
            ("CL : and decided", "CL", "and decided"),
        ] {
            assert_eq!(speaker_prefix(text), (Some(who), words), "{text}");
        }
        // A colon that names no one.
        for text in [
            "One question tonight: who pays?",
            "We met at 10:30 sharp",
            "Http://example.org is down",
            "Yes, and: more",
            "the rule: no dogs",
        ] {
            assert_eq!(speaker_prefix(text), (None, text), "{text}");
        }
    }

    proptest::proptest! {
        /// Whatever the utterance, the words are its end and the speaker comes before
        /// them.
        #[test]
        fn the_words_end_the_utterance(text in "[A-Za-zé0-9 :/.,?\u{1b}]{0,40}") {
            let (who, words) = speaker_prefix(&text);
            proptest::prop_assert!(text.trim_end().ends_with(words), "{text:?} {words:?}");
            if let Some(who) = who {
                proptest::prop_assert!(!words.is_empty() && !who.is_empty());
                proptest::prop_assert!(text.find(who).is_some_and(|at| at + who.len() <= text.len() - words.len()));
            }
        }
    }

    #[test]
    fn speech_acts_are_verbs() {
        assert_eq!(act("Asserting"), None);
        assert_eq!(act(" Default Illocuting"), None);
        assert_eq!(act("Pure Questioning"), Some("asks"));
        assert_eq!(act("PureQuestioning"), Some("asks"));
        assert_eq!(act("Rhetorical Questioning"), Some("asks rhetorically"));
        assert_eq!(act("Conceding"), Some("concedes"));
        assert_eq!(act("Challenging"), Some("challenges"));
        assert_eq!(act(" Ironising "), Some("Ironising"));
    }
}
