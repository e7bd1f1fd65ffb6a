//! The debate an argument map makes: a claim for each I node, a support or rebuttal
//! for each RA or CA node between them, and the sides that the parity of rebuttals
//! down to each main claim gives.

use std::collections::{HashMap, HashSet, VecDeque};

use super::graph::{Adjacent, Graph};
use super::json::Kind;
use super::left_out::{Change, LeftOut};
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
    let props = || nodes.iter().filter(|n| n.kind == Kind::I);
    let count = props().count();
    if count == 0 {
        return Err(LoadError::Invalid {
            file: name.to_string(),
            problems: vec![
                Diagnostic::whole_file(name, format!("{}nodes: no I node (proposition): there is nothing to import", prefix))
                    .note("hint: an argument map has I nodes joined by RA (support) and CA (conflict) nodes"),
            ],
        });
    }
    let mut claim_of: Vec<Option<u32>> = vec![None; nodes.len()];
    let mut claims: Vec<RawClaim> = Vec::with_capacity(count);
    for (k, n) in nodes.iter().enumerate() {
        if n.kind == Kind::I {
            claim_of[k] = Some(claims.len() as u32);
            claims.push(RawClaim {
                text: n.text.to_string(),
                ..RawClaim::default()
            });
        }
    }
    // Node ids are unique, so while they hold allowed characters only, `n` and the id
    // is unique too. From the first that does not, ids may meet once cleaned: each then
    // checks against all before it.
    let clean = props().take_while(|n| n.id.chars().all(allowed)).count();
    for (claim, n) in claims.iter_mut().zip(props()).take(clean) {
        claim.id = format!("n{}", n.id);
    }
    if clean < count {
        let mut used: HashSet<String> = claims[..clean].iter().map(|c| c.id.clone()).collect();
        for (claim, n) in claims[clean..].iter_mut().zip(props().skip(clean)) {
            claim.id = unique_id(&n.id, &mut used);
        }
    }
    Ok((claims, claim_of))
}

/// The links between claims, each way round: for each claim, the links that come into
/// it (from `links`), and how many leave it; and the rephrases, which link nothing but
/// share a side.
pub(super) struct Links {
    links: Vec<Link>,
    incoming: Adjacent,
    outgoing: Vec<u32>,
    /// A claim and the claim it rephrases (`X -> MA -> Y`).
    rephrases: Vec<(u32, u32)>,
}

/// A link between claims: from, to, and whether it supports (else rebuts).
type Link = (u32, u32, bool);

/// What is left out, with an example for the first of each kind only: a large map
/// would otherwise keep a string for each.
pub(super) struct Noted {
    pub(super) left_out: LeftOut,
    examples: u16,
}

impl Noted {
    pub(super) fn new() -> Self {
        Noted {
            left_out: LeftOut::default(),
            examples: 0,
        }
    }

    /// One thing of kind `change`, made from the node `id`.
    pub(super) fn add(&mut self, change: Change, id: &str) {
        self.add_with(change, || format!("node {id}"));
    }

    /// One thing of kind `change`, with `example` as the example if it is the first.
    pub(super) fn add_with(&mut self, change: Change, example: impl FnOnce() -> String) {
        let bit = 1u16 << (change as u16);
        if self.examples & bit == 0 {
            self.examples |= bit;
            self.left_out.add(change, 0, Some(&example()));
        } else {
            self.left_out.add(change, 0, None);
        }
    }
}

/// Links the claims: `X -> RA -> Y` supports, `X -> CA -> Y` rebuts, and an attack on
/// a relation goes to the claim that carries it. `X -> MA -> Y` is kept as a rephrase.
/// What cannot be linked is told to `noted`.
pub(super) fn links(
    graph: &Graph,
    claim_of: &[Option<u32>],
    claims: &mut [RawClaim],
    noted: &mut Noted,
) -> Links {
    let Graph { nodes, ins, outs } = graph;
    let mut links: Vec<Link> = Vec::new();
    let mut rephrases: Vec<(u32, u32)> = Vec::new();
    let mut linked: HashSet<(u32, u32)> = HashSet::new();
    let mut targets: Vec<u32> = Vec::new();
    let mut premises: Vec<u32> = Vec::new();
    for (r, n) in nodes.iter().enumerate() {
        let supports = match n.kind {
            Kind::Ra | Kind::Ma => true,
            Kind::Ca => false,
            Kind::Pa => {
                noted.add(Change::Preference, &n.id);
                continue;
            }
            _ => continue,
        };
        // The claims that carry what the relation points at.
        targets.clear();
        let (mut undercut, mut to_locution) = (false, false);
        for o in outs.of(r) {
            match nodes[o].kind {
                Kind::I => targets.extend(claim_of[o]),
                Kind::Ra | Kind::Ca | Kind::Ma => {
                    undercut = true;
                    targets.extend(ins.of(o).filter_map(|p| claim_of[p]));
                }
                Kind::L => to_locution = true,
                _ => {}
            }
        }
        premises.clear();
        premises.extend(ins.of(r).filter_map(|p| claim_of[p]));
        if to_locution {
            noted.add(Change::ToLocution, &n.id);
        }
        if premises.is_empty() {
            noted.add(Change::NoPremise, &n.id);
            continue;
        }
        if targets.is_empty() {
            noted.add(Change::NoConclusion, &n.id);
            continue;
        }
        if n.kind == Kind::Ma {
            noted.add(Change::Rephrase, &n.id);
            for &from in &premises {
                rephrases.extend(
                    targets
                        .iter()
                        .filter(|&&to| to != from)
                        .map(|&to| (from, to)),
                );
            }
            continue;
        }
        if supports && premises.len() > 1 {
            noted.add(Change::Linked, &n.id);
        }
        if undercut {
            noted.add(Change::Undercut, &n.id);
        }
        for &from in &premises {
            for &to in &targets {
                // Itself, or a second link to the same claim (the same, or contrary,
                // which format v1 does not allow): left out.
                if from != to && linked.insert((from, to)) {
                    links.push((from, to, supports));
                } else {
                    noted.add(Change::Repeated, &n.id);
                }
            }
        }
    }
    drop(linked);
    // Each claim's lists, sized once.
    let mut sizes = vec![(0usize, 0usize); claims.len()];
    for &(from, _, supports) in &links {
        let size = &mut sizes[from as usize];
        if supports {
            size.0 += 1;
        } else {
            size.1 += 1;
        }
    }
    for (claim, &(supports, rebuts)) in claims.iter_mut().zip(&sizes) {
        claim.supports.reserve_exact(supports);
        claim.rebuts.reserve_exact(rebuts);
    }
    drop(sizes);
    let mut outgoing = vec![0u32; claims.len()];
    for &(from, to, supports) in &links {
        outgoing[from as usize] += 1;
        let id = claims[to as usize].id.clone();
        let from = &mut claims[from as usize];
        if supports {
            from.supports.push(id);
        } else {
            from.rebuts.push(id);
        }
    }
    let incoming = Adjacent::group(claims.len(), links.len(), |i| (links[i].1, i as u32));
    Links {
        links,
        incoming,
        outgoing,
        rephrases,
    }
}

/// Main claims whose arguments keep positions of their own, when there are more: the
/// largest, so that a reader has a handful of sides.
const MAINS_KEPT: usize = 4;
/// Claims (the main claim among them) an argument needs to keep its positions when
/// main claims are grouped.
const MAIN_SIZE: usize = 3;

/// Puts each claim on a side: from each main claim, breadth first against the links,
/// the parity of rebuttals on the way; a rephrase takes the side of the claim it
/// rephrases. When there are more than [`MAINS_KEPT`] main claims, only the largest
/// arguments keep their "For" and "Against", and the others share `minor`. Returns the
/// positions and the main claims.
pub(super) fn sides(
    claims: &mut [RawClaim],
    links: &Links,
    noted: &mut Noted,
) -> (Vec<RawPosition>, Vec<usize>) {
    let Links {
        links,
        incoming,
        outgoing,
        rephrases,
    } = links;
    // The main claim each claim reaches, and whether by an odd number of rebuttals.
    let mut side: Vec<Option<(u32, bool)>> = vec![None; claims.len()];
    let mut roots: Vec<usize> = Vec::new();
    let spread = |root: usize, side: &mut Vec<Option<(u32, bool)>>| {
        side[root] = Some((root as u32, false));
        let mut queue = VecDeque::from([root]);
        while let Some(c) = queue.pop_front() {
            let odd = side[c].is_some_and(|(_, odd)| odd);
            for l in incoming.of(c) {
                let (from, _, supports) = links[l];
                let from = from as usize;
                if side[from].is_none() {
                    side[from] = Some((root as u32, odd ^ !supports));
                    queue.push_back(from);
                }
            }
        }
    };
    for (c, &out) in outgoing.iter().enumerate() {
        if out == 0 && incoming.count(c) > 0 {
            roots.push(c);
            spread(c, &mut side);
        }
    }
    for c in 0..claims.len() {
        if side[c].is_none() && (outgoing[c] > 0 || incoming.count(c) > 0) {
            roots.push(c);
            spread(c, &mut side);
        }
    }
    share_sides(&mut side, rephrases);

    // The arguments that keep their positions.
    let mut size = vec![0usize; claims.len()];
    for (r, _) in side.iter().flatten() {
        size[*r as usize] += 1;
    }
    let mut kept: Vec<usize> = roots.clone();
    if roots.len() > MAINS_KEPT {
        kept.sort_by_key(|&r| std::cmp::Reverse(size[r]));
        kept.truncate(MAINS_KEPT);
        kept.retain(|&r| size[r] >= MAIN_SIZE);
        kept.sort_unstable();
        for &r in &roots {
            if kept.binary_search(&r).is_err() {
                noted.add_with(Change::Grouped, || format!("claim {}", claims[r].id));
            }
        }
    }

    let mut positions = Vec::new();
    let mut ids_of: HashMap<u32, (String, String)> = HashMap::new();
    for &r in &kept {
        let (pro, con) = if kept.len() == 1 {
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
        ids_of.insert(r as u32, (pro, con));
    }
    let (mut minor, mut alone) = (false, false);
    for (c, claim) in claims.iter_mut().enumerate() {
        claim.position = match side[c] {
            Some((r, odd)) => match ids_of.get(&r) {
                Some((pro, _)) if !odd => pro.clone(),
                Some((_, con)) => con.clone(),
                None => {
                    minor = true;
                    MINOR.to_string()
                }
            },
            None => {
                alone = true;
                OTHER.to_string()
            }
        };
    }
    if minor {
        positions.push(RawPosition {
            id: MINOR.into(),
            title: "Smaller arguments: claims that support or rebut a main claim with few claims under it".into(),
            ..RawPosition::default()
        });
    }
    if alone {
        positions.push(RawPosition {
            id: OTHER.into(),
            title: "Statements that support or rebut nothing, and that nothing supports or rebuts"
                .into(),
            ..RawPosition::default()
        });
    }
    (positions, roots)
}

/// The position of the smaller arguments, when main claims are grouped.
const MINOR: &str = "minor";
/// The position of the claims linked to nothing.
const OTHER: &str = "other";

/// Gives each claim without a side, joined by rephrases to one with a side, that side:
/// breadth first from the claims with sides, each rephrase both ways.
fn share_sides(side: &mut [Option<(u32, bool)>], rephrases: &[(u32, u32)]) {
    if rephrases.is_empty() {
        return;
    }
    let n = rephrases.len();
    let both = Adjacent::group(side.len(), 2 * n, |i| {
        let (a, b) = rephrases[i % n];
        if i < n { (a, b) } else { (b, a) }
    });
    let mut queue: VecDeque<usize> = rephrases
        .iter()
        .flat_map(|&(a, b)| [a as usize, b as usize])
        .filter(|&c| side[c].is_some())
        .collect();
    while let Some(c) = queue.pop_front() {
        for o in both.of(c) {
            if side[o].is_none() {
                side[o] = side[c];
                queue.push_back(o);
            }
        }
    }
}

/// Whether a format v1 id may hold `c`.
fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// `n` and the node id, made a valid format v1 id and unique among `used`.
fn unique_id(node: &str, used: &mut HashSet<String>) -> String {
    let clean: String = node
        .chars()
        .map(|c| if allowed(c) { c } else { '_' })
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
