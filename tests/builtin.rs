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

// Sides and links. A claim's position is the side that makes it; links follow the
// article's own logic, in its direction.

fn side(d: &Debate, node: NodeId) -> &str {
    &d.positions[d.side_of(node) as usize].id
}

fn links(d: &Debate, from: NodeId, to: NodeId, relation: Relation) -> bool {
    d.outgoing(from)
        .any(|l| l.to == to && l.relation == relation)
}

fn position(d: &Debate, id: &str) -> NodeId {
    d.lookup(id).expect("position")
}

/// "Wow, se Llama-3 è paragonabile a GPT-4, lo rilascereste ancora come open source?" and
/// its answer: a promise to release, not evidence that Llama 3 will beat GPT-4; "Sorry,
/// alignment folks" waves alignment away, it does not deny that closed systems exist.
#[test]
fn the_overheard_exchange_argues_only_for_release() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    let exchange = quoting(&d, "se Llama-3 è paragonabile a GPT-4");
    r.expect(
        !links(
            &d,
            exchange,
            quoting(&d, "Llama 3 e 4, previsti"),
            Relation::Supports,
        ),
        "the exchange does not support the Llama 3/4 plan",
    );
    r.expect(
        !links(
            &d,
            exchange,
            quoting(&d, "sistemi chiusi che molte organizzazioni"),
            Relation::Rebuts,
        ),
        "the exchange does not rebut the closed-systems claim",
    );
    r.done();
}

/// "In una recente intervista, ha risposto ridendo che era solo una battuta" is not
/// offered for open source: it sets up "Tuttavia, questa risposta non scaccia...".
#[test]
fn altmans_joke_is_not_offered_for_open_source() {
    let d = builtin::load().unwrap().debate;
    let joke = quoting(&d, "ha risposto ridendo");
    assert_ne!(side(&d, joke), "open-source");
}

/// "non ci sarebbe alcun “kill switch” associato, permettendo a chiunque ... come arma":
/// the weapon follows from the missing kill switch, not the other way round.
#[test]
fn no_kill_switch_lets_anyone_use_a_weapon() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    let no_switch = quoting(&d, "non ci sarebbe alcun");
    let weapon = quoting(&d, "come arma");
    r.expect(
        links(&d, no_switch, weapon, Relation::Supports),
        "no kill switch supports the weapon claim",
    );
    r.expect(
        !links(&d, weapon, no_switch, Relation::Supports),
        "the weapon claim does not support no kill switch",
    );
    r.done();
}

/// "Meta non è stata invitata ... né fa parte di questo forum. L’azienda sembra essere
/// stata lasciata indietro, forse volontariamente, e sta cercando di creare la sua lega":
/// the facts lead to "left behind"; the league sentence agrees with them.
#[test]
fn metas_own_league_agrees_it_was_left_behind() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    let not_invited = quoting(&d, "non è stata invitata alla Casa Bianca");
    let own_league = quoting(&d, "forse volontariamente");
    r.expect(
        !links(&d, own_league, not_invited, Relation::Rebuts),
        "its own league does not rebut Meta's being left out",
    );
    r.expect(
        links(&d, not_invited, own_league, Relation::Supports),
        "not invited and not in the forum: left behind",
    );
    r.done();
}

/// "ha ricevuto lodi entusiastiche ... Tuttavia, è notevole come Meta sembri preoccuparsi
/// principalmente di accumulare elogi": the author grants the praise and doubts the
/// motive, which rebuts only Meta's self-image as a champion of open source.
#[test]
fn praise_granted_motive_doubted() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    let praise = quoting(&d, "lodi entusiastiche");
    let motive = quoting(&d, "accumulare elogi");
    r.expect(
        !links(&d, motive, praise, Relation::Rebuts),
        "the author grants the praise",
    );
    r.expect(
        side(&d, praise) != "open-source",
        "the praise is the author's observation, not Meta's argument",
    );
    r.done();
}

/// "l’azienda sta pianificando di sviluppare Llama 3 e 4": a plan to build stronger
/// models is no argument for releasing them.
#[test]
fn the_llama_3_and_4_plan_is_no_argument_for_release() {
    let d = builtin::load().unwrap().debate;
    let plan = quoting(&d, "Llama 3 e 4, previsti");
    assert!(!links(
        &d,
        plan,
        position(&d, "open-source"),
        Relation::Supports
    ));
}

/// GPT stays on top, OpenAI knows it, open models are judged by GPT and HumanEval, the
/// league is under OpenAI's control: the author's case that OpenAI keeps the upper hand,
/// not a reason to keep models closed. The map gives that thread a position of its own.
#[test]
fn the_authors_own_thread_is_on_neither_side() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    let alignment = position(&d, "alignment");
    for words in [
        "modello al vertice",
        "E OpenAI è consapevole di ciò.",
        "benchmark HumanEval",
        "questa lega sembra ancora",
    ] {
        let c = quoting(&d, words);
        r.expect(
            !["alignment", "open-source"].contains(&side(&d, c)),
            &format!("{words:?} is the author's, on neither side"),
        );
        r.expect(
            !links(&d, c, alignment, Relation::Supports),
            &format!("{words:?} is no reason to keep models closed"),
        );
    }
    r.expect(
        d.description
            .as_deref()
            .is_some_and(|t| t.contains("a position of its own")),
        "the description says why the author's thread has its own position",
    );
    r.done();
}

/// The article's explicit inferences, from premise to conclusion.
#[test]
fn the_articles_inferences() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    for (from, to) in [
        // "Aggiungiamoci il fatto che ... Frontier Model Forum ... Pertanto ... rimossi"
        ("Frontier Model Forum", "in un attimo"),
        // "questa lega sembra ancora essere sotto il controllo di OpenAI ... Quindi"
        ("questa lega sembra ancora", "effimera durata"),
        // "Questa situazione" is the one the paragraph has just described.
        ("a loro piacimento", "più pericolosa"),
        ("non avrebbero più controllo", "più pericolosa"),
    ] {
        r.expect(
            links(&d, quoting(&d, from), quoting(&d, to), Relation::Supports),
            &format!("{from:?} supports {to:?}"),
        );
    }
    // LLaMA went open only once it had leaked: no ardent supporter from the start.
    r.expect(
        links(
            &d,
            quoting(&d, "è stato divulgato"),
            quoting(&d, "ardente sostenitrice"),
            Relation::Rebuts,
        ),
        "the leak rebuts Meta's self-image as a champion of open source",
    );
    r.done();
}

/// "potrebbero essere rimossi da Hugging Face e GitHub in un attimo" is an off switch in
/// practice, against the article's own "non ci sarebbe alcun “kill switch”".
#[test]
fn the_article_contradicts_its_own_kill_switch() {
    let d = builtin::load().unwrap().debate;
    assert!(links(
        &d,
        quoting(&d, "in un attimo"),
        quoting(&d, "non ci sarebbe alcun"),
        Relation::Rebuts
    ));
}

/// The description and the summaries say what the article says.
#[test]
fn description_and_summaries_follow_the_article() {
    let d = builtin::load().unwrap().debate;
    let mut r = Reading::default();
    let description = d.description.as_deref().unwrap_or("");
    for sentence in description.split(". ") {
        r.expect(
            !sentence.contains("praise") || !sentence.contains("Meta's camp"),
            "the praise is the author's observation, not Meta's camp's",
        );
    }
    r.expect(
        description.contains("probably") && !description.contains("only interesting"),
        "\"È probabile\": open models would probably attract little interest",
    );
    let open = d.positions.iter().find(|p| p.id == "open-source").unwrap();
    r.expect(
        !open.summary.as_deref().unwrap_or("").contains("LLaMA"),
        "LLaMA went open by a leak: not among the models Meta chose to publish",
    );
    r.done();
}
