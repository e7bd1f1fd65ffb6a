//! A path through the debate: claims and positions in the order a reader walked them,
//! and how each step relates to the one before it. Relations are read from the graph,
//! never stored, so removing a step can never leave a stale one.

use crate::domain::graph::model::{Debate, NodeId, Relation, Step};

/// How a step of a path relates to the step before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joint {
    /// The first step.
    Start,
    /// Linked to the previous step.
    Linked(Step),
    /// Not linked to the previous step: the reader jumped.
    Jump,
}

impl Joint {
    /// In words, for step `n` (1-based) whose previous step is `n - 1`: "rebuts step 1",
    /// "is supported by step 2", "jumps from step 3".
    pub fn words(self, n: usize) -> String {
        let prev = n.saturating_sub(1);
        match self {
            Joint::Start => String::from("start"),
            Joint::Jump => format!("an unlinked jump from step {prev}"),
            Joint::Linked(s) => match (s.relation, s.towards_previous) {
                (Relation::Rebuts, true) => format!("rebuts step {prev}"),
                (Relation::Rebuts, false) => format!("is rebutted by step {prev}"),
                (Relation::Supports, true) => format!("supports step {prev}"),
                (Relation::Supports, false) => format!("is supported by step {prev}"),
            },
        }
    }

    /// A short label for narrow places: "rebuts", "rebutted by", "jump"…
    pub fn short(self) -> &'static str {
        match self {
            Joint::Start => "start",
            Joint::Jump => "jump from",
            Joint::Linked(s) => match (s.relation, s.towards_previous) {
                (Relation::Rebuts, true) => "rebuts",
                (Relation::Rebuts, false) => "rebutted by",
                (Relation::Supports, true) => "supports",
                (Relation::Supports, false) => "supported by",
            },
        }
    }
}

/// How step `i` of `path` relates to step `i - 1`.
pub fn joint(d: &Debate, path: &[NodeId], i: usize) -> Joint {
    match i.checked_sub(1).and_then(|p| path.get(p)) {
        None => Joint::Start,
        Some(&prev) => match path.get(i) {
            Some(&node) => d
                .relation_between(prev, node)
                .map_or(Joint::Jump, Joint::Linked),
            None => Joint::Jump,
        },
    }
}

/// A path from a comma-separated list of ids, as `debate-tui export --path` takes it.
pub fn parse(d: &Debate, ids: &str) -> Result<Vec<NodeId>, String> {
    let ids: Vec<&str> = ids
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        return Err(String::from(
            "the path is empty: give at least one claim or position id, e.g. --path a,b",
        ));
    }
    let mut path = Vec::with_capacity(ids.len());
    let mut unknown = Vec::new();
    for id in ids {
        match d.lookup(id) {
            Some(n) => path.push(n),
            None => unknown.push(id),
        }
    }
    if unknown.is_empty() {
        return Ok(path);
    }
    let ids = |v: &[&str]| {
        v.iter()
            .map(|s| format!("`{}`", crate::domain::text::fit(s, 60)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut msg = format!("no claim or position with the id {}", ids(&unknown));
    let known = d
        .positions
        .iter()
        .map(|p| p.id.as_str())
        .chain(d.claims.iter().map(|c| c.id.as_str()));
    if let [one] = unknown[..]
        && let Some(near) = crate::domain::text::closest(one, known)
    {
        msg.push_str(&format!(" (did you mean `{near}`?)"));
    }
    Err(msg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::builtin;

    #[test]
    fn every_relation_reads_in_words() {
        let d = builtin::load().unwrap().debate;
        let first_link = d.links()[0];
        // From the rebutted or supported node to the claim that argues for or against
        // it: "rebuts step 1" or "supports step 1".
        let path = [first_link.to, first_link.from];
        let j = joint(&d, &path, 1);
        assert!(matches!(j, Joint::Linked(s) if s.towards_previous));
        assert_eq!(j.words(2), format!("{} step 1", first_link.relation.verb()));
        // The other way round: "is rebutted by step 1" or "is supported by step 1".
        let back = [first_link.from, first_link.to];
        let words = joint(&d, &back, 1).words(2);
        assert!(
            words.starts_with("is ") && words.ends_with(" by step 1"),
            "{words}"
        );
        assert_eq!(joint(&d, &back, 0), Joint::Start);
        // Two claims that are not linked: a jump.
        let a = NodeId::Claim(0);
        let b = (1..d.claims.len() as u32)
            .map(NodeId::Claim)
            .find(|&b| d.relation_between(a, b).is_none())
            .unwrap();
        assert_eq!(joint(&d, &[a, b], 1), Joint::Jump);
        assert_eq!(Joint::Jump.words(2), "an unlinked jump from step 1");
    }

    #[test]
    fn ids_parse_with_clear_errors() {
        let d = builtin::load().unwrap().debate;
        let id0 = d.claims[0].id.clone();
        let id1 = d.claims[1].id.clone();
        assert_eq!(
            parse(&d, &format!("{id0}, {id1}")).unwrap(),
            vec![NodeId::Claim(0), NodeId::Claim(1)]
        );
        assert!(parse(&d, " , ").unwrap_err().contains("the path is empty"));
        let typo = format!("{}x", id0);
        let e = parse(&d, &format!("{id1},{typo}")).unwrap_err();
        assert!(e.contains(&format!("`{typo}`")), "{e}");
        assert!(e.contains(&format!("did you mean `{id0}`")), "{e}");
    }
}
