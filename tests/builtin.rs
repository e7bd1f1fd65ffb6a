//! The article's debate: it passes `check` with every quote verified, and it meets the
//! counts the product promises.

use std::collections::HashSet;

use debate_tui::domain::{NodeId, Relation, builtin};

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

#[test]
fn speakers_are_named_where_the_article_quotes_someone() {
    let d = builtin::load().unwrap().debate;
    let speakers: HashSet<&str> = d
        .claims
        .iter()
        .flat_map(|c| &c.quotes)
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    for who in ["Yann LeCun", "Sam Altman"] {
        assert!(speakers.contains(who), "{who} missing from {speakers:?}");
    }
}
