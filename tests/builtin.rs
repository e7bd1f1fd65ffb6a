//! The article's debate: it passes `check` with every quote verified, and it meets the
//! counts the product promises.

use std::collections::HashSet;

use debate_tui::domain::{Debate, NodeId, Quote, Relation, builtin};

fn article() -> &'static str {
    builtin::FILES[0].1
}

#[test]
fn every_quote_is_verified() {
    let loaded = builtin::load().expect("the built-in debate loads");
    let d = &loaded.debate;
    let quotes: usize = d.claims.iter().map(|c| c.quotes.len()).sum::<usize>()
        + d.positions.iter().map(|p| p.quotes.len()).sum::<usize>();
    assert_eq!(loaded.stats.quotes_verified, quotes);
    assert_eq!(loaded.stats.quotes_unchecked, 0);
    for c in &d.claims {
        for q in &c.quotes {
            let r = q.found.clone().expect("found");
            assert!(!article()[r].is_empty());
        }
    }
}

#[test]
fn the_article_is_embedded_byte_for_byte() {
    let shared =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sources/article.it.txt");
    if let Ok(original) = std::fs::read_to_string(shared) {
        assert_eq!(original, article());
    }
    assert!(article().ends_with("Di Fantasy"));
}

#[test]
fn positions_and_claims_meet_the_counts() {
    let d = builtin::load().unwrap().debate;
    let ids: Vec<&str> = d.positions.iter().map(|p| p.id.as_str()).collect();
    assert!(
        ids.contains(&"open-source") && ids.contains(&"alignment"),
        "{ids:?}"
    );
    assert!(d.claims.len() >= 30, "{} claims", d.claims.len());
    for c in &d.claims {
        assert!(!c.quotes.is_empty(), "claim {} has no quote", c.id);
        for q in &c.quotes {
            assert!(
                q.translation
                    .as_deref()
                    .is_some_and(|t| !t.trim().is_empty()),
                "a quote of {} has no translation",
                c.id
            );
        }
    }
    let rebuttals = d
        .links()
        .iter()
        .filter(|l| l.relation == Relation::Rebuts)
        .count();
    assert!(rebuttals >= 12, "{rebuttals} rebuttal links");
}

/// Chains X <- Y <- Z where Y rebuts X and Z rebuts Y, the sides crossing at each step.
#[test]
fn at_least_three_chains_of_rebuttals_cross_sides() {
    let d = builtin::load().unwrap().debate;
    let mut chains = HashSet::new();
    for (i, _) in d.claims.iter().enumerate() {
        let x = NodeId::Claim(i as u32);
        for l1 in d.incoming(x).filter(|l| l.relation == Relation::Rebuts) {
            for l2 in d
                .incoming(l1.from)
                .filter(|l| l.relation == Relation::Rebuts)
            {
                let crosses =
                    d.side_of(x) != d.side_of(l1.from) && d.side_of(l1.from) != d.side_of(l2.from);
                if crosses && l2.from != x {
                    chains.insert((x, l1.from, l2.from));
                }
            }
        }
    }
    assert!(chains.len() >= 3, "{} chains", chains.len());
}

/// Every paragraph of the article that argues something is quoted by some claim.
#[test]
fn every_paragraph_is_quoted() {
    let d = builtin::load().unwrap().debate;
    let text = article();
    let mut start = 0;
    let mut paragraphs = Vec::new();
    for part in text.split("\n\n") {
        paragraphs.push(start..start + part.len());
        start += part.len() + 2;
    }
    let found: Vec<_> = d
        .claims
        .iter()
        .flat_map(|c| &c.quotes)
        .filter_map(|q| q.found.clone())
        .collect();
    for p in paragraphs {
        let body = text[p.clone()].trim();
        if body == "Di Fantasy" {
            continue;
        }
        assert!(
            found.iter().any(|f| f.start >= p.start && f.end <= p.end),
            "no claim quotes the paragraph starting {:?}",
            &body[..body.char_indices().nth(40).map_or(body.len(), |(i, _)| i)]
        );
    }
}

// The reading of the article the map commits to. Each check finds its claims by the text
// of a quote, not by id, so that renaming a claim cannot hide a change of reading. A
// failing check says which reading was broken.

/// The claim one of whose quotes contains `words` (exactly one claim must have it).
fn quoting(d: &Debate, words: &str) -> NodeId {
    let hits: Vec<u32> = (0..d.claims.len() as u32)
        .filter(|&i| {
            d.claims[i as usize]
                .quotes
                .iter()
                .any(|q| q.text.contains(words))
        })
        .collect();
    assert_eq!(hits.len(), 1, "claims quoting {words:?}: {hits:?}");
    NodeId::Claim(hits[0])
}

/// The quote that contains `words`, of the one claim quoting them.
fn quote<'a>(d: &'a Debate, words: &str) -> &'a Quote {
    let c = quoting(d, words);
    d.quotes_of(c)
        .iter()
        .find(|q| q.text.contains(words))
        .unwrap()
}

/// Collects every broken reading, so that one run names them all.
#[derive(Default)]
struct Reading(Vec<String>);

impl Reading {
    fn expect(&mut self, holds: bool, what: &str) {
        if !holds {
            self.0.push(what.to_string());
        }
    }

    fn done(self) {
        assert!(
            self.0.is_empty(),
            "readings broken:\n  {}",
            self.0.join("\n  ")
        );
    }
}

/// `speaker` is only for a named person's own words; someone the article quotes without
/// naming is described. Reported speech ("ha risposto ridendo che era solo una battuta")
/// has no speaker.
#[test]
fn speakers_are_the_people_the_article_quotes() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    let speakers: HashSet<&str> = d
        .claims
        .iter()
        .flat_map(|c| &c.quotes)
        .chain(d.positions.iter().flat_map(|p| &p.quotes))
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    for who in &speakers {
        r.expect(
            ["Jason Wei", "Yann LeCun"].contains(who) || who.contains("(unnamed)"),
            &format!("{who:?} is neither quoted by name nor described as unnamed"),
        );
    }
    for who in ["Jason Wei", "Yann LeCun"] {
        r.expect(speakers.contains(who), &format!("{who} is quoted"));
    }
    // Jason Wei overheard the question; he did not ask it.
    let asker = quote(&d, "se Llama-3 è paragonabile a GPT-4")
        .speaker
        .as_deref();
    r.expect(
        asker.is_some_and(|a| !a.contains("Wei") && a.contains("unnamed")),
        "the asker of the overheard question is unnamed and described",
    );
    r.expect(
        d.quotes_of(quoting(&d, "ha risposto ridendo"))
            .iter()
            .all(|q| q.speaker.is_none()),
        "Altman's \"just a joke\" is the author's paraphrase",
    );
    r.done();
}

/// A claim quotes each passage once: no quote repeats part of another.
#[test]
fn no_claim_quotes_a_passage_twice() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    for c in &d.claims {
        let found: Vec<_> = c.quotes.iter().filter_map(|q| q.found.clone()).collect();
        for (i, a) in found.iter().enumerate() {
            for b in &found[i + 1..] {
                r.expect(
                    a.end <= b.start || b.end <= a.start,
                    &format!("{} quotes overlapping passages", c.id),
                );
            }
        }
    }
    r.done();
}

/// "Yann LeCun, il capo di Meta AI": the article's words for his role, kept and marked
/// as the article's.
#[test]
fn lecuns_role_is_the_articles_words() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    let lecun = quoting(&d, "rimarranno comunque la specie dominante");
    r.expect(
        d.quotes_of(lecun)
            .iter()
            .any(|q| q.text.contains("il capo di Meta AI") && q.speaker.is_none()),
        "a quote gives the article's words for LeCun's role",
    );
    r.expect(
        d.text_of(lecun)
            .contains("\"the head of Meta AI\" in the article's words"),
        "the claim marks \"head of Meta AI\" as the article's words",
    );
    r.done();
}

/// Translations give what the Italian means, in idiomatic English.
#[test]
fn translations_say_what_the_italian_means() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    for (italian, english) in [
        // not "making open source one of the technologies"
        (
            "rendere open source una delle tecnologie",
            "open-sourcing one",
        ),
        ("in base alle capacità di GPT", "against GPT's capabilities"),
        ("forse volontariamente", "perhaps by choice"),
        ("è passata in secondo piano", "taken a back seat"),
        ("potenziale ribellione", "going rogue"),
    ] {
        let t = quote(&d, italian).translation.as_deref().unwrap_or("");
        r.expect(
            t.contains(english),
            &format!("{italian:?} is {english:?}, not {t:?}"),
        );
    }
    r.done();
}

/// A claim's text says what its quotes say and no more; the source's metadata says only
/// what the article gives.
#[test]
fn texts_keep_to_the_article() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    // "Meta non è stata invitata ... né fa parte di questo forum" does not say "left
    // behind": the next sentence does, in another claim.
    let not_invited = quoting(&d, "non è stata invitata alla Casa Bianca");
    r.expect(
        !d.text_of(not_invited).contains("left behind"),
        "the not-invited claim says no more than its quote",
    );
    // The article has no headline: the title describes it, and says so.
    r.expect(
        d.sources[0].title.starts_with("Untitled article on "),
        "the source's title says the article has none",
    );
    r.done();
}
