//! The index: every searchable text of a debate, folded on every core at load into one
//! arena, each with the mask of the letters it holds.

use crate::domain::graph::model::{Debate, NodeId};
use crate::domain::graph::status::{Label, Status};
use crate::domain::load::progress::{Phase, Progress};

use super::fold::{fold, fold_into};
use super::{Cited, Field, Target, text_of};

/// One searchable text. Its folded text lives in the index's one arena, so a scan
/// reads memory in order rather than chasing a pointer for each entry.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) target: Target,
    pub(super) field: Field,
    /// The folded text: `Index::text[start..end]`, one char for each char of the
    /// original.
    pub(super) start: u32,
    pub(super) end: u32,
    /// Where the part that fuzzy scoring reads ends (see
    /// [`FUZZY_CHARS`](super::matching::FUZZY_CHARS)), counted from `start`.
    pub(super) fuzzy_len: u32,
    /// The letters and digits the folded text holds (see [`mask`](super::fold::mask)).
    pub(super) mask: u64,
    /// The side (position index) of the target, for `side:` filters.
    pub(super) side: Option<u32>,
}

/// The prepared search data of a debate.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub(super) entries: Vec<Entry>,
    /// Every entry's folded text, end to end.
    pub(super) text: String,
    /// How many targets the entries are of.
    pub(super) targets: usize,
    /// Position ids, for `side:` filters.
    pub(super) sides: Vec<String>,
    /// For each claim, its tags folded, for `tag:` filters.
    pub(super) tags: Vec<Vec<String>>,
    /// Each node's label, positions first, for `status:` filters: the debate as
    /// written, nothing set aside. Empty until [`Index::set_labels`].
    pub(super) labels: Vec<Label>,
}

/// One text to index, before folding.
pub(super) struct Item<'d> {
    pub(super) target: Target,
    pub(super) field: Field,
    pub(super) text: &'d str,
    pub(super) side: Option<u32>,
}

impl Index {
    /// Prepares the index; once, at load. The texts are folded on every core.
    pub fn new(d: &Debate) -> Index {
        Index::new_with(d, &Progress::default())
    }

    /// [`Index::new`], telling `progress` how many texts are folded.
    pub fn new_with(d: &Debate, progress: &Progress) -> Index {
        let items = items(d);
        progress.start(Phase::Indexing, items.len());
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, 8);
        let per = items.len().div_ceil(threads).max(1);
        let parts: Vec<(Vec<Entry>, String)> = std::thread::scope(|s| {
            let handles: Vec<_> = items
                .chunks(per)
                .map(|chunk| s.spawn(move || build(chunk, progress)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let mut index = Index {
            sides: d.positions.iter().map(|p| fold(&p.id)).collect(),
            tags: d
                .claims
                .iter()
                .map(|c| c.tags.iter().map(|t| fold(t)).collect())
                .collect(),
            ..Index::default()
        };
        index.entries.reserve(items.len());
        index.text.reserve(parts.iter().map(|(_, t)| t.len()).sum());
        for (entries, text) in parts {
            // Offsets were counted from the part's own arena.
            let Ok(base) = u32::try_from(index.text.len()) else {
                break;
            };
            if u32::try_from(index.text.len() + text.len()).is_err() {
                break;
            }
            index.text.push_str(&text);
            index.entries.extend(entries.into_iter().map(|mut e| {
                e.start += base;
                e.end += base;
                e
            }));
        }
        index.targets = index.entries.first().map_or(0, |_| 1)
            + index
                .entries
                .windows(2)
                .filter(|w| w[0].target != w[1].target)
                .count();
        index
    }

    /// Takes the labels that `status:` filters read from `status` (with nothing set
    /// aside, so that a what-if in the explorer does not change what a search finds).
    pub fn set_labels(&mut self, d: &Debate, status: &Status) {
        let positions = (0..d.positions.len() as u32).map(NodeId::Position);
        let claims = (0..d.claims.len() as u32).map(NodeId::Claim);
        self.labels = positions.chain(claims).map(|n| status.label(n)).collect();
    }

    /// A node's label for `status:` filters; none before [`Index::set_labels`].
    pub(super) fn label(&self, node: NodeId) -> Option<Label> {
        let i = match node {
            NodeId::Position(p) => p as usize,
            NodeId::Claim(c) => self.sides.len() + c as usize,
        };
        self.labels.get(i).copied()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// An entry's folded text.
    pub(super) fn folded(&self, e: &Entry) -> &str {
        self.text
            .get(e.start as usize..e.end as usize)
            .unwrap_or("")
    }
}

/// Every searchable text of a debate, in index order: each target's texts together.
fn items(d: &Debate) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    let mut push = |target, field, side| {
        if let Some(text) = text_of(d, target, field)
            && !text.is_empty()
        {
            items.push(Item {
                target,
                field,
                text,
                side,
            });
        }
    };
    for i in 0..d.positions.len() as u32 {
        let t = Target::Position(i);
        let side = Some(i);
        push(t, Field::Text, side);
        push(t, Field::Id, side);
        push(t, Field::Summary, side);
        push_cites(&mut push, t, d.positions[i as usize].cites.len(), side);
    }
    for (i, c) in d.claims.iter().enumerate() {
        let t = Target::Claim(i as u32);
        let side = Some(c.position);
        push(t, Field::Text, side);
        push(t, Field::Id, side);
        for k in 0..c.tags.len() as u32 {
            push(t, Field::Tag(k), side);
        }
        push_cites(&mut push, t, c.cites.len(), side);
    }
    let quoted = d
        .positions
        .iter()
        .enumerate()
        .map(|(i, p)| (NodeId::Position(i as u32), p.quotes.len()))
        .chain(
            d.claims
                .iter()
                .enumerate()
                .map(|(i, c)| (NodeId::Claim(i as u32), c.quotes.len())),
        );
    for (node, quotes) in quoted {
        let side = Some(d.side_of(node));
        for k in 0..quotes as u32 {
            let t = Target::Quote(node, k);
            push(t, Field::Text, side);
            push(t, Field::Translation, side);
            push(t, Field::Speaker, side);
        }
    }
    for i in 0..d.sources.len() as u32 {
        push(Target::Source(i), Field::Text, None);
    }
    items
}

/// The texts of the sources a node cites, with the node's own texts: a search for a
/// source's title, url or excerpt finds the claims that cite it.
fn push_cites(
    push: &mut impl FnMut(Target, Field, Option<u32>),
    target: Target,
    cites: usize,
    side: Option<u32>,
) {
    for k in 0..cites as u32 {
        for part in Cited::ALL {
            push(target, Field::Cites(k, part), side);
        }
    }
}

/// Folds a slice of items into entries and an arena of their own. A text that would
/// take the arena past what a `u32` offset reaches is left out (the loader's size cap
/// keeps debates far below it).
pub(super) fn build(items: &[Item], progress: &Progress) -> (Vec<Entry>, String) {
    let mut entries = Vec::with_capacity(items.len());
    let mut text = String::with_capacity(items.iter().map(|i| i.text.len()).sum());
    for (k, item) in items.iter().enumerate() {
        if k % 4096 == 4095 {
            progress.advance(4096);
        }
        let before = text.len();
        let (mask, fuzzy_len) = fold_into(&mut text, item.text);
        let (Ok(start), Ok(end), Ok(fuzzy_len)) = (
            u32::try_from(before),
            u32::try_from(text.len()),
            u32::try_from(fuzzy_len),
        ) else {
            text.truncate(before);
            continue;
        };
        entries.push(Entry {
            target: item.target,
            field: item.field,
            start,
            end,
            fuzzy_len,
            mask,
            side: item.side,
        });
    }
    (entries, text)
}
