//! The debate a discussion makes: two positions for each argued thesis, each claim on
//! the side its thesis and the parity of the Con steps down to it give, and the links:
//! each claim to its parent, then those that `-> See` references add.

use std::collections::{HashMap, HashSet};

use super::left_out::{Change, LeftOut};
use super::markdown::Links;
use super::outline::{Item, Layout, Outline, Stance, claim_id, dashed, depth};
use super::references::Kind;
use crate::domain::import::stem;
use crate::domain::load::raw::{RawClaim, RawPosition};

/// The tag of a claim that names another discussion.
pub(super) const LINKS_OUT: &str = "links-out";

/// The positions: two for each thesis that has pro or con items, or that stands
/// alone; none for a question whose items are all theses. Both cite what the thesis
/// cites; the citations of a question, which gives no position, are counted in
/// `left_out`. Returns the positions, and each such thesis's "For" and "Against" ids.
pub(super) fn positions(
    items: &[Item],
    kinds: &[Kind],
    texts: &[String],
    cites: &[Vec<String>],
    left_out: &mut LeftOut,
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
    let mut argued_theses: Vec<usize> = Vec::new();
    for t in (0..items.len()).filter(|&t| kinds[t] == Kind::Thesis) {
        if argued[t] || !has_thesis_child[t] {
            argued_theses.push(t);
            continue;
        }
        // A question: its citations have no position to go to.
        for c in &cites[t] {
            let written = c.strip_prefix("ref-").map(|n| format!("[{n}]"));
            let example = written.as_deref().unwrap_or(c);
            left_out.add(Change::QuestionCitation, items[t].line, Some(example));
        }
    }
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
        // Both titles hold the thesis, and its `[n]`: both cite what it cites.
        positions.push(RawPosition {
            id: pro.clone(),
            title: format!("For: {}", texts[t]),
            cites: cites[t].clone(),
            ..RawPosition::default()
        });
        positions.push(RawPosition {
            id: con.clone(),
            title: format!("Against: {}", texts[t]),
            cites: cites[t].clone(),
            ..RawPosition::default()
        });
        pro_of.insert(t, (pro, con));
    }

    (positions, pro_of)
}

/// The claims, in file order, each on its side and with its links: to its parent,
/// then those the references add; references that add no link are counted in
/// `left_out`. Each claim's text and citations are taken out of `texts` and `cites`.
pub(super) fn claims(
    items: &[Item],
    kinds: &[Kind],
    target: &[Option<usize>],
    pro_of: &HashMap<usize, (String, String)>,
    texts: &mut [String],
    cites: &mut [Vec<String>],
    left_out: &mut LeftOut,
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
            Kind::Claim | Kind::OutLink => Some(claim_id(items[t].path)),
            Kind::Thesis => pro_of.get(&t).map(|(pro, _)| pro.clone()),
            Kind::See(_) => None,
        }
    };

    let mut claims: Vec<RawClaim> = Vec::new();
    let mut claim_at: HashMap<usize, usize> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if !kinds[i].is_claim() {
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
            cites: std::mem::take(&mut cites[i]),
            tags: if kinds[i] == Kind::OutLink {
                vec![LINKS_OUT.to_string()]
            } else {
                Vec::new()
            },
            ..RawClaim::default()
        });
    }

    // Links: each claim to its parent, then the references' extra links.
    let mut linked: HashSet<(usize, String)> = HashSet::new();
    // Whether the link was added.
    let mut add = |claims: &mut Vec<RawClaim>, c: usize, stance: Stance, to: String| {
        let Some(claim) = claims.get_mut(c) else {
            return false;
        };
        if stance == Stance::None || claim.id == to || !linked.insert((c, to.clone())) {
            return false;
        }
        if stance == Stance::Pro {
            claim.supports.push(to);
        } else {
            claim.rebuts.push(to);
        }
        true
    };
    for (i, it) in items.iter().enumerate() {
        if let (Some(&c), Some(p)) = (claim_at.get(&i), it.parent)
            && let Some(to) = node_of(p)
        {
            add(&mut claims, c, it.stance, to);
        }
    }
    for (i, it) in items.iter().enumerate() {
        // An unresolved reference has been reported as an error.
        let (Kind::See(_), Some(p), Some(t)) = (&kinds[i], it.parent, target[i]) else {
            continue;
        };
        let change = match (claim_at.get(&t), node_of(p)) {
            _ if it.stance == Stance::None => Some(Change::SeeWithoutStance),
            (None, _) => Some(Change::SeeToThesis),
            (Some(_), None) => Some(Change::SeeUnderQuestion),
            (Some(&c), Some(to)) => {
                (!add(&mut claims, c, it.stance, to)).then_some(Change::SeeRepeat)
            }
        };
        if let Some(change) = change {
            left_out.add(change, it.line, None);
        }
    }
    claims
}

/// The debate's title and description. The discussion's name is the title; the lines
/// before the first item, then the one top-level item (the thesis, or the question of
/// a discussion of several theses), are the description. Without a name, the top-level
/// item is the title, or else the file's name. Links in the older layout join `links`.
pub(super) fn title(
    name: &str,
    outline: &Outline,
    kinds: &[Kind],
    texts: &[String],
    links: &mut Links,
) -> (String, Option<String>) {
    let Outline {
        layout,
        title,
        preamble,
        items,
        ..
    } = outline;
    let mut clean = |t: &str| match layout {
        Layout::Older => links.clean(t, &mut Vec::new()).trim().to_string(),
        Layout::Newer => t.trim().to_string(),
    };
    let roots: Vec<usize> = (0..items.len())
        .filter(|&i| depth(items[i].path) == 1)
        .collect();
    let root_text = match roots.as_slice() {
        [r] if kinds[*r] == Kind::Thesis => Some(texts[*r].clone()),
        _ => None,
    };
    let title = match title.map(&mut clean) {
        Some(t) if !t.is_empty() => t,
        _ => root_text.clone().unwrap_or_else(|| stem(name)),
    };
    let mut description: Vec<String> = preamble.iter().map(|l| clean(l)).collect();
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
