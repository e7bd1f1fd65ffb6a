//! The debate a discussion makes: two positions for each argued thesis, each claim on
//! the side its thesis and the parity of the Con steps down to it give, and the links:
//! each claim to its parent, then those that `-> See` references add.

use std::collections::{HashMap, HashSet};

use super::markdown::Links;
use super::outline::{Item, Stance, claim_id, dashed, depth};
use super::references::Kind;
use crate::domain::import::stem;
use crate::domain::load::raw::{RawClaim, RawPosition};

/// The positions: two for each thesis that has pro or con items, or that stands
/// alone; none for a question whose items are all theses. Returns them, and each such
/// thesis's "For" and "Against" ids.
pub(super) fn positions(
    items: &[Item],
    kinds: &[Kind],
    texts: &[String],
) -> (Vec<RawPosition>, HashMap<usize, (String, String)>) {
    let mut argued = vec![false; items.len()];
    for it in items {
        if it.stance != Stance::None
            && let Some(p) = it.parent
        {
            argued[p] = true;
        }
    }
    let mut has_thesis_child = vec![false; items.len()];
    for (i, it) in items.iter().enumerate() {
        if kinds[i] == Kind::Thesis
            && let Some(p) = it.parent
        {
            has_thesis_child[p] = true;
        }
    }
    let argued_theses: Vec<usize> = (0..items.len())
        .filter(|&t| kinds[t] == Kind::Thesis && (argued[t] || !has_thesis_child[t]))
        .collect();
    let single = argued_theses.len() == 1;
    let mut pro_of: HashMap<usize, (String, String)> = HashMap::new();
    let mut positions = Vec::with_capacity(argued_theses.len() * 2);
    for &t in &argued_theses {
        let (pro, con) = if single {
            ("pro".to_string(), "con".to_string())
        } else {
            let d = dashed(items[t].path);
            (format!("pro-{d}"), format!("con-{d}"))
        };
        positions.push(RawPosition {
            id: pro.clone(),
            title: format!("For: {}", texts[t]),
            ..RawPosition::default()
        });
        positions.push(RawPosition {
            id: con.clone(),
            title: format!("Against: {}", texts[t]),
            ..RawPosition::default()
        });
        pro_of.insert(t, (pro, con));
    }

    (positions, pro_of)
}

/// The claims, in file order, each on its side and with its links: to its parent,
/// then those the references add. Each claim's text is taken out of `texts`.
pub(super) fn claims(
    items: &[Item],
    kinds: &[Kind],
    target: &[Option<usize>],
    pro_of: &HashMap<usize, (String, String)>,
    texts: &mut [String],
) -> Vec<RawClaim> {
    // Sides: the thesis above each item and the parity of Con steps from it. Parents
    // come before their children, so one pass in file order does it.
    let mut thesis_of = vec![0usize; items.len()];
    let mut odd = vec![false; items.len()];
    for (i, it) in items.iter().enumerate() {
        match (&kinds[i], it.parent) {
            (Kind::Thesis, _) | (_, None) => thesis_of[i] = i,
            (_, Some(p)) => {
                thesis_of[i] = thesis_of[p];
                odd[i] = odd[p] ^ (it.stance == Stance::Con);
            }
        }
    }

    // The node an item stands for, as a link target: a claim, or a thesis's "For".
    let node_of = |i: usize| -> Option<String> {
        let t = target.get(i).copied().flatten()?;
        match kinds[t] {
            Kind::Claim => Some(claim_id(items[t].path)),
            Kind::Thesis => pro_of.get(&t).map(|(pro, _)| pro.clone()),
            Kind::See(_) => None,
        }
    };

    let mut claims: Vec<RawClaim> = Vec::new();
    let mut claim_at: HashMap<usize, usize> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if kinds[i] != Kind::Claim {
            continue;
        }
        let Some((pro, con)) = pro_of.get(&thesis_of[i]) else {
            continue;
        };
        claim_at.insert(i, claims.len());
        claims.push(RawClaim {
            id: claim_id(it.path),
            position: if odd[i] { con } else { pro }.clone(),
            text: std::mem::take(&mut texts[i]),
            ..RawClaim::default()
        });
    }

    // Links: each claim to its parent, then the references' extra links.
    let mut linked: HashSet<(usize, String)> = HashSet::new();
    let mut add = |claims: &mut Vec<RawClaim>, c: usize, stance: Stance, to: String| {
        let Some(claim) = claims.get_mut(c) else {
            return;
        };
        if stance == Stance::None || claim.id == to || !linked.insert((c, to.clone())) {
            return;
        }
        if stance == Stance::Pro {
            claim.supports.push(to);
        } else {
            claim.rebuts.push(to);
        }
    };
    for (i, it) in items.iter().enumerate() {
        if let (Some(&c), Some(p)) = (claim_at.get(&i), it.parent)
            && let Some(to) = node_of(p)
        {
            add(&mut claims, c, it.stance, to);
        }
    }
    for (i, it) in items.iter().enumerate() {
        if let (Kind::See(_), Some(p)) = (&kinds[i], it.parent)
            && let Some(t) = target[i]
            && let Some(&c) = claim_at.get(&t)
            && let Some(to) = node_of(p)
        {
            add(&mut claims, c, it.stance, to);
        }
    }
    claims
}

/// The debate's title and description: the discussion's name, the question or thesis,
/// and the lines before the first item. Their links join `links`.
pub(super) fn title(
    name: &str,
    title: Option<&str>,
    preamble: &[&str],
    items: &[Item],
    kinds: &[Kind],
    texts: &[String],
    links: &mut Links,
) -> (String, Option<String>) {
    let roots: Vec<usize> = (0..items.len())
        .filter(|&i| depth(items[i].path) == 1)
        .collect();
    let root_text = match roots.as_slice() {
        [r] if kinds[*r] == Kind::Thesis => Some(texts[*r].clone()),
        _ => None,
    };
    let title = match title.map(|t| links.clean(t).trim().to_string()) {
        Some(t) if !t.is_empty() => t,
        _ => root_text.clone().unwrap_or_else(|| stem(name)),
    };
    let mut description: Vec<String> = preamble.iter().map(|l| links.clean(l)).collect();
    if let Some(r) = root_text
        && r != title
    {
        description.push(r);
    }
    (
        title,
        (!description.is_empty()).then(|| description.join("\n")),
    )
}
