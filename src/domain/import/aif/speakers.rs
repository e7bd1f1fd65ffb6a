//! Who said what: each locution (L node) that a YA node anchors in a proposition
//! (`L -> YA -> I`) is a verbatim quote of that claim, from one source standing for
//! the dialogue, with its speaker when the file tells it.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::graph::{Graph, Report, items, objects};
use super::json::{Kind, List, Locution, Participant};
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

/// Gives each claim the quotes its locutions make. Their speaker is the `Name : ` at
/// the start of the text, else the locution's person in `speakers`. Returns the
/// sources the quotes come from: the dialogue, when there is any quote.
pub(super) fn quotes(
    name: &str,
    graph: &Graph,
    claim_of: &[Option<u32>],
    speakers: &Speakers,
    claims: &mut [RawClaim],
) -> Vec<RawSource> {
    let Graph { nodes, ins, outs } = graph;
    let mut quoted: HashSet<(usize, usize)> = HashSet::new();
    let mut any_quote = false;
    for (y, n) in nodes.iter().enumerate() {
        if n.kind != Kind::Ya {
            continue;
        }
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
                    .or_else(|| speakers.of(&nodes[l].id));
                claims[c].quotes.push(RawQuote {
                    source: DIALOGUE.into(),
                    text: words.to_string(),
                    speaker,
                    ..RawQuote::default()
                });
                any_quote = true;
            }
        }
    }
    if any_quote {
        vec![RawSource {
            id: DIALOGUE.into(),
            title: format!("The dialogue analysed in {}", base(name)),
            ..RawSource::default()
        }]
    } else {
        Vec::new()
    }
}

/// The id of the source that stands for the dialogue the locutions come from.
const DIALOGUE: &str = "dialogue";

fn base(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// `Bob : words` as the speaker and the words; the text as it is when it has no such
/// prefix.
fn speaker_prefix(text: &str) -> (Option<&str>, &str) {
    if let Some(i) = text.find(" : ") {
        let who = text[..i].trim();
        if !who.is_empty() && who.chars().count() <= 80 && !who.contains('\n') {
            return (Some(who), text[i + 3..].trim());
        }
    }
    (None, text.trim())
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
    }
}
