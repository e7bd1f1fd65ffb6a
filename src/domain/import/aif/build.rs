//! The debate an argument map makes: a claim for each I node, a support or rebuttal
//! for each RA or CA node between them, and the sides that the parity of rebuttals
//! down to each main claim gives.

use std::collections::{HashMap, HashSet, VecDeque};

use super::graph::Graph;
use super::json::Kind;
use crate::domain::load::diag::{Diagnostic, LoadError};
use crate::domain::load::raw::{RawClaim, RawPosition};

/// The claims, one for each I node in file order, and the claim of each node (by its
/// index in `graph.nodes`). A map without I nodes is an error; `prefix` goes in front
/// of the path it names.
pub(super) fn claims(
    name: &str,
    prefix: &str,
    graph: &Graph,
) -> Result<(Vec<RawClaim>, Vec<Option<u32>>), LoadError> {
    let nodes = &graph.nodes;
    let mut claim_of: Vec<Option<u32>> = vec![None; nodes.len()];
    let mut claims: Vec<RawClaim> = Vec::new();
    let mut used: HashSet<String> = HashSet::new();
    for (k, n) in nodes.iter().enumerate() {
        if n.kind != Kind::I {
            continue;
        }
        claim_of[k] = Some(claims.len() as u32);
        claims.push(RawClaim {
            id: unique_id(&n.id, &mut used),
            text: n.text.to_string(),
            ..RawClaim::default()
        });
    }
    if claims.is_empty() {
        return Err(LoadError::Invalid {
            file: name.to_string(),
            problems: vec![
                Diagnostic::whole_file(name, format!("{}nodes: no I node (proposition): there is nothing to import", prefix))
                    .note("hint: an argument map has I nodes joined by RA (support) and CA (conflict) nodes"),
            ],
        });
    }
    Ok((claims, claim_of))
}

/// The links between claims, each way round: for each claim, the claims that support
/// (`true`) or rebut it, and how many links leave it.
pub(super) struct Links {
    incoming: Vec<Vec<(usize, bool)>>,
    outgoing: Vec<usize>,
}

/// Links the claims: `X -> RA -> Y` supports, `X -> CA -> Y` rebuts, and an attack on
/// a relation goes to the claim that carries it.
pub(super) fn links(graph: &Graph, claim_of: &[Option<u32>], claims: &mut [RawClaim]) -> Links {
    let Graph { nodes, ins, outs } = graph;
    let claim_of = |n: usize| claim_of[n].map(|c| c as usize);
    let carriers = |n: usize| -> Vec<usize> {
        match nodes[n].kind {
            Kind::I => claim_of(n).into_iter().collect(),
            Kind::Ra | Kind::Ca => ins.of(n).filter_map(claim_of).collect(),
            _ => Vec::new(),
        }
    };
    let mut links: Vec<(usize, usize, bool)> = Vec::new(); // from, to, supports
    let mut linked: HashSet<(usize, usize)> = HashSet::new();
    for (r, n) in nodes.iter().enumerate() {
        let supports = match n.kind {
            Kind::Ra => true,
            Kind::Ca => false,
            _ => continue,
        };
        let targets: Vec<usize> = outs.of(r).flat_map(carriers).collect();
        for from in ins.of(r).filter_map(claim_of) {
            for &to in &targets {
                // Itself, or a second link to the same claim (the same, or contrary,
                // which format v1 does not allow): left out.
                if from != to && linked.insert((from, to)) {
                    links.push((from, to, supports));
                }
            }
        }
    }
    let mut incoming: Vec<Vec<(usize, bool)>> = vec![Vec::new(); claims.len()];
    let mut outgoing = vec![0usize; claims.len()];
    for &(from, to, supports) in &links {
        incoming[to].push((from, supports));
        outgoing[from] += 1;
        let id = claims[to].id.clone();
        if supports {
            claims[from].supports.push(id);
        } else {
            claims[from].rebuts.push(id);
        }
    }
    Links { incoming, outgoing }
}

/// Puts each claim on a side: from each main claim, breadth first against the links,
/// the parity of rebuttals on the way. Returns the positions and the main claims.
pub(super) fn sides(claims: &mut [RawClaim], links: &Links) -> (Vec<RawPosition>, Vec<usize>) {
    let Links { incoming, outgoing } = links;
    let mut side: Vec<Option<(usize, bool)>> = vec![None; claims.len()];
    let mut roots: Vec<usize> = Vec::new();
    let spread = |root: usize, side: &mut Vec<Option<(usize, bool)>>| {
        side[root] = Some((root, false));
        let mut queue = VecDeque::from([root]);
        while let Some(c) = queue.pop_front() {
            let odd = side[c].is_some_and(|(_, odd)| odd);
            for &(from, supports) in &incoming[c] {
                if side[from].is_none() {
                    side[from] = Some((root, odd ^ !supports));
                    queue.push_back(from);
                }
            }
        }
    };
    for c in 0..claims.len() {
        if outgoing[c] == 0 && !incoming[c].is_empty() {
            roots.push(c);
            spread(c, &mut side);
        }
    }
    for c in 0..claims.len() {
        if side[c].is_none() && (outgoing[c] > 0 || !incoming[c].is_empty()) {
            roots.push(c);
            spread(c, &mut side);
        }
    }
    let mut positions = Vec::new();
    let mut ids_of: HashMap<usize, (String, String)> = HashMap::new();
    for &r in &roots {
        let (pro, con) = if roots.len() == 1 {
            ("pro".to_string(), "con".to_string())
        } else {
            (
                format!("pro-{}", claims[r].id),
                format!("con-{}", claims[r].id),
            )
        };
        positions.push(RawPosition {
            id: pro.clone(),
            title: format!("For: {}", claims[r].text),
            ..RawPosition::default()
        });
        positions.push(RawPosition {
            id: con.clone(),
            title: format!("Against: {}", claims[r].text),
            ..RawPosition::default()
        });
        ids_of.insert(r, (pro, con));
    }
    let mut alone = false;
    for (c, claim) in claims.iter_mut().enumerate() {
        claim.position = match side[c].and_then(|(r, odd)| ids_of.get(&r).map(|ids| (ids, odd))) {
            Some(((pro, _), false)) => pro.clone(),
            Some(((_, con), true)) => con.clone(),
            None => {
                alone = true;
                "other".to_string()
            }
        };
    }
    if alone {
        positions.push(RawPosition {
            id: "other".into(),
            title: "Statements that support or rebut nothing, and that nothing supports or rebuts"
                .into(),
            ..RawPosition::default()
        });
    }
    (positions, roots)
}

/// `n` and the node id, made a valid format v1 id and unique among `used`.
fn unique_id(node: &str, used: &mut HashSet<String>) -> String {
    let clean: String = node
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let base = format!("n{clean}");
    let mut id = base.clone();
    let mut k = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{k}");
        k += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_valid_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(unique_id("101", &mut used), "n101");
        assert_eq!(unique_id("a.b", &mut used), "na_b");
        assert_eq!(unique_id("a_b", &mut used), "na_b-2");
        assert_eq!(unique_id("a b", &mut used), "na_b-3");
        assert_eq!(unique_id("", &mut used), "n");
    }
}
