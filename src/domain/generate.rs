//! A generator of large debates for benchmarks and scale tests: a format-v1 file of N
//! claims with realistic text (accents, CJK, emoji, some very long quotes), the same
//! bytes for the same seed. At 100,000 claims it writes about 50 MB.

use crate::domain::load::raw::{RawClaim, RawDebate, RawPosition, RawQuote, RawSource};

/// A small, fast, reproducible random source (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const ENGLISH: &[&str] = &[
    "open",
    "weights",
    "model",
    "safety",
    "alignment",
    "release",
    "control",
    "risk",
    "community",
    "research",
    "benchmark",
    "kill",
    "switch",
    "developers",
    "company",
    "closed",
    "systems",
    "misuse",
    "audit",
    "governance",
    "forum",
    "progress",
    "trust",
    "evidence",
    "capability",
    "public",
    "license",
    "future",
    "harm",
    "power",
];
const ITALIAN: &[&str] = &[
    "perché",
    "possibilità",
    "è",
    "sicurezza",
    "allineamento",
    "modelli",
    "aperti",
    "intelligenza",
    "artificiale",
    "sviluppatori",
    "controllo",
    "più",
    "così",
    "già",
    "città",
    "libertà",
    "responsabilità",
    "dell’azienda",
    "l’ecosistema",
    "«aperto»",
];
const WIDE: &[&str] = &[
    "漢字",
    "開放",
    "模型",
    "安全",
    "🙂",
    "🚀",
    "⚖️",
    "データ",
    "모델",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out = Vec::with_capacity(words);
    for _ in 0..words {
        let w = match rng.below(20) {
            0..=11 => rng.pick(ENGLISH),
            12..=18 => rng.pick(ITALIAN),
            _ => rng.pick(WIDE),
        };
        out.push(w);
    }
    let mut s = out.join(" ");
    if let Some(first) = s.get(..1) {
        let upper = first.to_uppercase();
        s.replace_range(..1, &upper);
    }
    s.push('.');
    s
}

/// A debate of `claims` claims over `positions` sides, reproducible from `seed`.
pub fn debate(claims: usize, positions: usize, seed: u64) -> RawDebate {
    let mut rng = Rng::new(seed);
    let positions = positions.max(1);
    let position_ids: Vec<String> = (0..positions).map(|i| format!("side-{i}")).collect();
    let mut raw = RawDebate {
        version: 1,
        title: format!("Generated debate: {claims} claims, seed {seed}"),
        description: Some(sentence(&mut rng, 30)),
        sources: (0..8)
            .map(|i| RawSource {
                id: format!("source-{i}"),
                title: sentence(&mut rng, 6),
                author: Some(format!("Author {i}")),
                date: Some(format!("2023-{:02}", i % 12 + 1)),
                ..RawSource::default()
            })
            .collect(),
        positions: position_ids
            .iter()
            .map(|id| RawPosition {
                id: id.clone(),
                title: sentence(&mut rng, 5),
                summary: Some(sentence(&mut rng, 25)),
                ..RawPosition::default()
            })
            .collect(),
        claims: Vec::with_capacity(claims),
        lint: None,
    };
    for i in 0..claims {
        let side = rng.below(positions);
        let words = 5 + rng.below(14);
        let mut c = RawClaim {
            id: format!("c{i}"),
            position: position_ids[side].clone(),
            text: sentence(&mut rng, words),
            ..RawClaim::default()
        };
        let quotes = if rng.below(4) == 0 { 2 } else { 1 };
        for _ in 0..quotes {
            // One quote in a thousand is very long.
            let words = if rng.below(1000) == 0 {
                5000
            } else {
                6 + rng.below(12)
            };
            c.quotes.push(RawQuote {
                source: format!("source-{}", rng.below(8)),
                text: sentence(&mut rng, words),
                speaker: (rng.below(3) == 0).then(|| format!("Speaker {}", rng.below(50))),
                translation: Some(sentence(&mut rng, words.min(60))),
                ..RawQuote::default()
            });
        }
        // Links only to earlier claims, so every reference exists. One link in twenty
        // goes to one of the first five claims, which so gather many rebuttals (about
        // a thousand each at 100,000 claims).
        if i > 0 {
            for _ in 0..rng.below(3) {
                let target = if rng.below(20) == 0 {
                    rng.below(i.min(5))
                } else {
                    rng.below(i)
                };
                let id = format!("c{target}");
                if !c.rebuts.contains(&id) {
                    c.rebuts.push(id);
                }
            }
            if rng.below(3) == 0 {
                let id = format!("c{}", rng.below(i));
                if !c.rebuts.contains(&id) {
                    c.supports.push(id);
                }
            }
        }
        if rng.below(4) == 0 {
            c.tags.push(
                rng.pick(&["safety", "control", "motives", "benchmarks"])
                    .into(),
            );
        }
        raw.claims.push(c);
    }
    raw
}

/// The generated debate as format-v1 YAML.
pub fn yaml(claims: usize, positions: usize, seed: u64) -> String {
    serde_yaml::to_string(&debate(claims, positions, seed))
        .unwrap_or_else(|e| format!("# could not write the generated debate: {e}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::EmbeddedFiles;
    use crate::domain::load_bytes;

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        assert_eq!(yaml(200, 2, 7), yaml(200, 2, 7));
        assert_ne!(yaml(200, 2, 7), yaml(200, 2, 8));
    }

    #[test]
    fn a_generated_debate_loads_and_has_what_benchmarks_need() {
        let text = yaml(2000, 3, 1);
        let loaded = load_bytes("gen.yaml", text.as_bytes(), &EmbeddedFiles(&[]))
            .unwrap_or_else(|e| panic!("{e}"));
        let d = loaded.debate;
        assert_eq!(d.claims.len(), 2000);
        assert_eq!(d.positions.len(), 3);
        let all: String = d.claims.iter().map(|c| c.text.as_str()).collect();
        assert!(all.contains('è') || all.contains('à'), "accents");
        assert!(all.contains('漢') || all.contains('模'), "CJK");
        assert!(all.contains('🙂') || all.contains('🚀'), "emoji");
        let longest = d
            .claims
            .iter()
            .flat_map(|c| &c.quotes)
            .map(|q| q.text.len())
            .max()
            .unwrap();
        assert!(longest > 20_000, "some very long quotes ({longest})");
        let most = (0..2000)
            .map(|i| d.rebuttal_count(crate::domain::NodeId::Claim(i)))
            .max();
        assert!(most.unwrap() >= 20, "a few claims gather many rebuttals");
    }
}
