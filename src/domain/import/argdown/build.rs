//! The debate an Argdown document makes: a claim for each statement (and for each
//! argument that no premise-conclusion structure reconstructs), a support or rebuttal
//! for each relation, and the sides.

use std::collections::{HashMap, HashSet, VecDeque};

use serde_yaml::Value;

use super::left_out::{Change, LeftOut};
use super::parse::{Doc, Kind, RelKind};
use crate::domain::load::raw::{RawClaim, RawPosition, RawSource};

/// What the document gives, ready for a [`crate::domain::load::raw::RawDebate`].
pub(super) struct Built {
    pub(super) positions: Vec<RawPosition>,
    pub(super) claims: Vec<RawClaim>,
    pub(super) sources: Vec<RawSource>,
    /// The text of the one main claim, when sides were derived from a single one.
    pub(super) main: Option<String>,
}

/// Whether a node's data marks it as a position (`{position: true}`).
fn is_position(data: &[Value]) -> bool {
    data.iter()
        .any(|v| v.get("position").and_then(Value::as_bool) == Some(true))
}

/// `title` as an id of format v1: as it is when it is one, else ASCII letters, digits,
/// `-` and `_`, with other runs of characters as one `-`; unique among `used`.
fn unique_id(title: &str, used: &mut HashSet<String>) -> String {
    let title = title.trim();
    let valid = !title.is_empty()
        && title
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if valid && used.insert(title.to_string()) {
        // A title that is an id already (as debate-tui's export writes them) stays.
        return title.to_string();
    }
    let mut base = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            base.push(c);
        } else if !base.ends_with('-') {
            base.push('-');
        }
    }
    let base = base.trim_matches('-');
    let base = if base.is_empty() { "s" } else { base };
    let mut id = base.to_string();
    let mut k = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{k}");
        k += 1;
    }
    id
}

pub(super) fn build(doc: &mut Doc) -> Built {
    let Doc {
        nodes,
        rels,
        sections,
        left_out,
        ..
    } = doc;
    // What each node stands for: itself, or the conclusion of its reconstruction.
    let rep: Vec<usize> = (0..nodes.len())
        .map(|n| {
            nodes[n]
                .pcs
                .as_ref()
                .and_then(|p| p.steps.last())
                .map_or(n, |s| s.conclusion)
        })
        .collect();
    let reconstructed = |n: usize| rep[n] != n;
    // A reconstructed argument's tags go to its conclusion.
    for n in 0..nodes.len() {
        if rep[n] != n {
            for t in std::mem::take(&mut nodes[n].tags) {
                if !nodes[rep[n]].tags.contains(&t) {
                    nodes[rep[n]].tags.push(t);
                }
            }
        }
    }
    for (n, node) in nodes.iter().enumerate() {
        if reconstructed(n) && !node.texts.is_empty() {
            left_out.add(Change::ArgumentDescription, node.line, Some(&node.title));
        }
        let distinct: HashSet<&String> = node.texts.iter().collect();
        if distinct.len() > 1 {
            left_out.add(Change::AlternativeText, node.line, Some(&node.title));
        }
        if !reconstructed(n) && node.texts.is_empty() {
            left_out.add(Change::NoText, node.line, Some(&node.title));
        }
        let ours = |v: &Value| {
            v.as_mapping().is_some_and(|m| {
                m.keys()
                    .all(|k| matches!(k.as_str(), Some("position" | "summary")))
            })
        };
        if node.data.iter().any(|v| !ours(v)) {
            left_out.add(Change::OtherData, node.line, Some(&node.title));
        }
    }
    let flagged: Vec<bool> = nodes
        .iter()
        .enumerate()
        .map(|(n, node)| {
            node.kind == Kind::Statement && !reconstructed(n) && is_position(&node.data)
        })
        .collect();

    // Ids: positions and claims share one namespace.
    let mut used = HashSet::new();
    let ids: Vec<String> = (0..nodes.len())
        .map(|n| {
            if reconstructed(n) {
                String::new()
            } else {
                unique_id(&nodes[n].title, &mut used)
            }
        })
        .collect();
    let text_of = |n: usize| {
        nodes[n]
            .texts
            .first()
            .cloned()
            .unwrap_or_else(|| nodes[n].title.clone())
    };

    // Links between the nodes that become claims or positions, once each way.
    let mut links: Vec<(usize, usize, bool)> = Vec::new();
    let mut linked: HashMap<(usize, usize), bool> = HashMap::new();
    let mut link = |from: usize, to: usize, supports: bool, line: usize, left: &mut LeftOut| {
        if flagged[from] {
            left.add(Change::FromPosition, line, None);
            return;
        }
        match linked.get(&(from, to)) {
            // The same relation said again: nothing is lost.
            Some(&s) if s == supports => {}
            Some(_) => left.add(Change::RepeatedRelation, line, None),
            None if from == to => left.add(Change::RepeatedRelation, line, None),
            None => {
                linked.insert((from, to), supports);
                links.push((from, to, supports));
            }
        }
    };
    for node in nodes.iter() {
        for step in node.pcs.iter().flat_map(|p| &p.steps) {
            for &p in &step.premises {
                link(rep[p], rep[step.conclusion], true, node.line, left_out);
            }
        }
    }
    for r in rels.iter() {
        let (from, to) = (rep[r.from], rep[r.to]);
        if reconstructed(r.to) && matches!(r.kind, RelKind::Support | RelKind::Attack) {
            left_out.add(Change::OnArgument, r.line, None);
        }
        match r.kind {
            RelKind::Support => link(from, to, true, r.line, left_out),
            RelKind::Attack => link(from, to, false, r.line, left_out),
            RelKind::Undercut => {
                left_out.add(Change::Undercut, r.line, None);
                link(from, to, false, r.line, left_out);
            }
            RelKind::Contradiction => {
                left_out.add(Change::Contradiction, r.line, None);
                link(from, to, false, r.line, left_out);
                link(to, from, false, r.line, left_out);
            }
        }
    }

    // Sources: one for each link address, in the order first met.
    let mut sources: Vec<RawSource> = Vec::new();
    let mut source_of: HashMap<String, String> = HashMap::new();
    let mut cites_of = |n: usize| -> Vec<String> {
        let mut cites = Vec::new();
        for (label, url) in &nodes[n].links {
            let id = source_of
                .entry(url.clone())
                .or_insert_with(|| {
                    let id = format!("link-{}", sources.len() + 1);
                    sources.push(RawSource {
                        id: id.clone(),
                        title: if label.is_empty() {
                            url.clone()
                        } else {
                            label.clone()
                        },
                        url: Some(url.clone()),
                        ..RawSource::default()
                    });
                    id
                })
                .clone();
            if !cites.contains(&id) {
                cites.push(id);
            }
        }
        cites
    };

    // The nodes that become claims or positions, in file order.
    let kept: Vec<usize> = (0..nodes.len()).filter(|&n| !reconstructed(n)).collect();
    let mut positions: Vec<RawPosition> = Vec::new();
    let mut claims: Vec<RawClaim> = Vec::new();
    let mut claim_at: HashMap<usize, usize> = HashMap::new();
    for &n in &kept {
        if flagged[n] {
            if !nodes[n].tags.is_empty() {
                left_out.add(Change::PositionTags, nodes[n].line, Some(&nodes[n].tags[0]));
            }
            let summary = nodes[n]
                .data
                .iter()
                .find_map(|v| v.get("summary").and_then(Value::as_str))
                .map(str::to_string);
            positions.push(RawPosition {
                id: ids[n].clone(),
                title: text_of(n),
                summary,
                cites: cites_of(n),
                ..RawPosition::default()
            });
        } else {
            claim_at.insert(n, claims.len());
            claims.push(RawClaim {
                id: ids[n].clone(),
                text: text_of(n),
                tags: nodes[n].tags.clone(),
                cites: cites_of(n),
                ..RawClaim::default()
            });
        }
    }
    for &(from, to, supports) in &links {
        let Some(&c) = claim_at.get(&from) else {
            continue;
        };
        if supports {
            claims[c].supports.push(ids[to].clone());
        } else {
            claims[c].rebuts.push(ids[to].clone());
        }
    }

    let mut main = None;
    if positions.is_empty() {
        if !sections.is_empty() {
            left_out.add(Change::Sections, 0, Some(&sections[0]));
        }
        let claim_links: Vec<(usize, usize, bool)> = links
            .iter()
            .filter_map(|&(f, t, s)| Some((*claim_at.get(&f)?, *claim_at.get(&t)?, s)))
            .collect();
        let (sides, roots) = sides(&mut claims, &claim_links, &mut used);
        if let [r] = roots.as_slice() {
            main = Some(claims[*r].text.clone());
        }
        positions = sides;
    } else {
        // Each claim takes the side of the position of its section.
        let mut position_of_section: HashMap<usize, String> = HashMap::new();
        for &n in kept.iter().filter(|&&n| flagged[n]) {
            if let Some(s) = nodes[n].section {
                position_of_section
                    .entry(s)
                    .or_insert_with(|| ids[n].clone());
            }
        }
        let mut other = false;
        for &n in kept.iter().filter(|&&n| !flagged[n]) {
            let c = claim_at[&n];
            claims[c].position = match nodes[n].section.and_then(|s| position_of_section.get(&s)) {
                Some(p) => p.clone(),
                None => {
                    other = true;
                    String::new()
                }
            };
        }
        if other {
            let id = unique_id("other", &mut used);
            for c in claims.iter_mut().filter(|c| c.position.is_empty()) {
                c.position = id.clone();
            }
            positions.push(RawPosition {
                id,
                title: "Statements outside the sections of the positions".into(),
                ..RawPosition::default()
            });
        }
    }
    Built {
        positions,
        claims,
        sources,
        main,
    }
}

/// Sides derived from the links, as for an AIF map: each main claim (one that supports
/// or rebuts nothing while something supports or rebuts it) gives a position "For" it
/// and one "Against" it; a claim linked to it takes a side by the parity of rebuttals
/// on the shortest way there. Claims linked to nothing go to one position, `other`.
/// Returns the positions and the main claims.
fn sides(
    claims: &mut [RawClaim],
    links: &[(usize, usize, bool)],
    used: &mut HashSet<String>,
) -> (Vec<RawPosition>, Vec<usize>) {
    let mut into: Vec<Vec<(usize, bool)>> = vec![Vec::new(); claims.len()];
    let mut leaves = vec![false; claims.len()];
    for &(from, to, supports) in links {
        into[to].push((from, supports));
        leaves[from] = true;
    }
    // For each claim: its main claim, and whether it stands against it.
    let mut side: Vec<Option<(usize, bool)>> = vec![None; claims.len()];
    let mut roots = Vec::new();
    let mut reach = |root: usize, side: &mut Vec<Option<(usize, bool)>>| {
        roots.push(root);
        side[root] = Some((root, false));
        let mut queue = VecDeque::from([root]);
        while let Some(at) = queue.pop_front() {
            let against = side[at].is_some_and(|s| s.1);
            for &(from, supports) in &into[at] {
                if side[from].is_none() {
                    // A rebuttal turns the side, a support keeps it.
                    side[from] = Some((root, against == supports));
                    queue.push_back(from);
                }
            }
        }
    };
    for c in 0..claims.len() {
        if !leaves[c] && !into[c].is_empty() {
            reach(c, &mut side);
        }
    }
    for c in 0..claims.len() {
        if side[c].is_none() && leaves[c] {
            reach(c, &mut side);
        }
    }
    let single = roots.len() == 1;
    let mut positions = Vec::new();
    let mut pair: HashMap<usize, (String, String)> = HashMap::new();
    for &r in &roots {
        let (pro, con) = if single {
            ("pro".to_string(), "con".to_string())
        } else {
            (
                format!("pro-{}", claims[r].id),
                format!("con-{}", claims[r].id),
            )
        };
        let (pro, con) = (unique_id(&pro, used), unique_id(&con, used));
        for (id, word) in [(&pro, "For"), (&con, "Against")] {
            positions.push(RawPosition {
                id: id.clone(),
                title: format!("{word}: {}", claims[r].text),
                ..RawPosition::default()
            });
        }
        pair.insert(r, (pro, con));
    }
    let mut other: Option<String> = None;
    for (c, claim) in claims.iter_mut().enumerate() {
        claim.position = match side[c] {
            Some((r, false)) => pair[&r].0.clone(),
            Some((r, true)) => pair[&r].1.clone(),
            None => other
                .get_or_insert_with(|| unique_id("other", used))
                .clone(),
        };
    }
    if let Some(id) = other {
        positions.push(RawPosition {
            id,
            title: "Statements that support or rebut nothing, and that nothing supports or rebuts"
                .into(),
            ..RawPosition::default()
        });
    }
    (positions, roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_titles() {
        let mut used = HashSet::new();
        assert_eq!(unique_id("open-source", &mut used), "open-source");
        assert_eq!(
            unique_id("Legalisation of Soft Drugs", &mut used),
            "Legalisation-of-Soft-Drugs"
        );
        assert_eq!(unique_id("open source", &mut used), "open-source-2");
        assert_eq!(unique_id("Légal?", &mut used), "L-gal");
        assert_eq!(unique_id("???", &mut used), "s");
    }
}
