//! The file as written: serde structs that mirror format v1 field for field.
//!
//! Every string and list is read through [`budget`], which caps the data a file may
//! produce at what its bytes could literally write out. YAML aliases (`*name`) are the
//! only way past that cap, so an alias bomb stops with a clear error instead of eating
//! memory.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDebate {
    pub version: u64,
    #[serde(with = "budget")]
    pub title: String,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub description: Option<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub sources: Vec<RawSource>,
    #[serde(with = "budget")]
    pub positions: Vec<RawPosition>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub claims: Vec<RawClaim>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub lint: Option<RawLint>,
}

/// How `check` treats the file's warnings: `lint: {allow: [unlinked-claim]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLint {
    /// The warnings switched off, by name or code (`unlinked-claim`, `W001`).
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub allow: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    #[serde(with = "budget")]
    pub id: String,
    #[serde(with = "budget")]
    pub title: String,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub author: Option<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub date: Option<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub url: Option<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub language: Option<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub file: Option<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub excerpt: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPosition {
    #[serde(with = "budget")]
    pub id: String,
    #[serde(with = "budget")]
    pub title: String,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub summary: Option<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub quotes: Vec<RawQuote>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub cites: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    #[serde(with = "budget")]
    pub id: String,
    #[serde(with = "budget")]
    pub position: String,
    #[serde(with = "budget")]
    pub text: String,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub quotes: Vec<RawQuote>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub supports: Vec<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub rebuts: Vec<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub tags: Vec<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub cites: Vec<String>,
    /// The label the author expects the claim to get: `stands`, `falls` or `open`.
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub expect: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuote {
    #[serde(with = "budget")]
    pub source: String,
    #[serde(with = "budget")]
    pub text: String,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub speaker: Option<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub translation: Option<String>,
    #[serde(default, with = "budget", skip_serializing_if = "is_empty")]
    pub act: Option<String>,
}

/// The fields of each item, for the lenient reader that reports every problem.
/// Kept beside the structs above; a test checks that the two agree.
pub mod schema {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Kind {
        Int,
        Str,
        StrList,
        List(&'static [Field]),
        /// A mapping of its own fields.
        Map(&'static [Field]),
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Field {
        pub name: &'static str,
        pub kind: Kind,
        pub required: bool,
    }

    const fn req(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            required: true,
        }
    }
    const fn opt(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            required: false,
        }
    }

    pub const QUOTE: &[Field] = &[
        req("source", Kind::Str),
        req("text", Kind::Str),
        opt("speaker", Kind::Str),
        opt("translation", Kind::Str),
        opt("act", Kind::Str),
    ];
    pub const SOURCE: &[Field] = &[
        req("id", Kind::Str),
        req("title", Kind::Str),
        opt("author", Kind::Str),
        opt("date", Kind::Str),
        opt("url", Kind::Str),
        opt("language", Kind::Str),
        opt("file", Kind::Str),
        opt("excerpt", Kind::Str),
    ];
    pub const POSITION: &[Field] = &[
        req("id", Kind::Str),
        req("title", Kind::Str),
        opt("summary", Kind::Str),
        opt("quotes", Kind::List(QUOTE)),
        opt("cites", Kind::StrList),
    ];
    pub const CLAIM: &[Field] = &[
        req("id", Kind::Str),
        req("position", Kind::Str),
        req("text", Kind::Str),
        opt("quotes", Kind::List(QUOTE)),
        opt("supports", Kind::StrList),
        opt("rebuts", Kind::StrList),
        opt("tags", Kind::StrList),
        opt("cites", Kind::StrList),
        opt("expect", Kind::Str),
    ];
    pub const LINT: &[Field] = &[opt("allow", Kind::StrList)];
    pub const DEBATE: &[Field] = &[
        req("version", Kind::Int),
        req("title", Kind::Str),
        opt("description", Kind::Str),
        opt("sources", Kind::List(SOURCE)),
        req("positions", Kind::List(POSITION)),
        opt("claims", Kind::List(CLAIM)),
        opt("lint", Kind::Map(LINT)),
    ];
}

/// A per-thread allowance of list elements and string bytes for one deserialisation.
pub mod budget {
    use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
    use serde::{Serialize, Serializer};
    use std::cell::Cell;
    use std::fmt;
    use std::marker::PhantomData;

    /// The message given when aliases expand past the file's size.
    pub const EXCEEDED: &str = "aliases (`*name`) expand to more data than the file itself holds; \
write the repeated parts out, or remove the aliases";

    #[derive(Clone, Copy)]
    struct Allowance {
        items: usize,
        bytes: usize,
        exceeded: bool,
    }

    thread_local! {
        static ALLOWANCE: Cell<Option<Allowance>> = const { Cell::new(None) };
    }

    /// Runs `f` with an allowance sized for a file of `input_len` bytes. Returns `f`'s result
    /// and whether the allowance ran out. Without an enclosing call, nothing is counted.
    pub fn scoped<R>(input_len: usize, f: impl FnOnce() -> R) -> (R, bool) {
        let previous = ALLOWANCE.with(|a| {
            a.replace(Some(Allowance {
                // Each list element takes at least two bytes to write (`a,` or `- a`).
                items: input_len / 2 + 16,
                // A decoded string is never longer than its literal form.
                bytes: input_len + 64,
                exceeded: false,
            }))
        });
        let out = f();
        let after = ALLOWANCE.with(|a| a.replace(previous));
        (out, after.is_some_and(|a| a.exceeded))
    }

    /// Takes `items` list elements and `bytes` of text from the allowance, if there is
    /// one: an error once it runs out.
    pub(crate) fn charge<E: de::Error>(items: usize, bytes: usize) -> Result<(), E> {
        ALLOWANCE.with(|cell| {
            let Some(mut a) = cell.get() else {
                return Ok(());
            };
            let ok = a.items >= items && a.bytes >= bytes;
            if ok {
                a.items -= items;
                a.bytes -= bytes;
            } else {
                a.exceeded = true;
            }
            cell.set(Some(a));
            if ok { Ok(()) } else { Err(E::custom(EXCEEDED)) }
        })
    }

    /// A value read within the allowance: text is charged its bytes, a list each
    /// element as it arrives. Every field of the raw structs is read through
    /// [`deserialize`], whatever its type.
    pub trait Bounded<'de>: Sized {
        fn read_bounded<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
    }

    /// Reads a field within the allowance, whatever its type: `#[serde(with = "budget")]`.
    pub fn deserialize<'de, D, T>(d: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: Bounded<'de>,
    {
        T::read_bounded(d)
    }

    /// Writes a field as it is: the allowance bounds reading only.
    pub fn serialize<T: Serialize, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        value.serialize(s)
    }

    /// An item of a list in the file (a source, a position, a claim, a quote): its own
    /// fields are bounded, so it is read as it is.
    pub trait Item {}

    impl<'de, T: Item + Deserialize<'de>> Bounded<'de> for T {
        fn read_bounded<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            T::deserialize(d)
        }
    }

    impl<'de> Bounded<'de> for String {
        fn read_bounded<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let s = String::deserialize(d)?;
            charge(0, s.len())?;
            Ok(s)
        }
    }

    impl<'de, T: Bounded<'de>> Bounded<'de> for Option<T> {
        fn read_bounded<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(Option::<Within<T>>::deserialize(d)?.map(|w| w.0))
        }
    }

    /// A list whose elements are counted against the allowance as they arrive.
    impl<'de, T: Bounded<'de>> Bounded<'de> for Vec<T> {
        fn read_bounded<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Counted<T>(PhantomData<T>);
            impl<'de, T: Bounded<'de>> Visitor<'de> for Counted<T> {
                type Value = Vec<T>;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a list")
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                    let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                    while let Some(Within(v)) = seq.next_element()? {
                        charge::<A::Error>(1, 0)?;
                        out.push(v);
                    }
                    Ok(out)
                }
            }
            d.deserialize_seq(Counted(PhantomData))
        }
    }

    /// A [`Bounded`] value where serde wants a `Deserialize` one: inside an option or
    /// a list.
    struct Within<T>(T);

    impl<'de, T: Bounded<'de>> Deserialize<'de> for Within<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            T::read_bounded(d).map(Within)
        }
    }
}

/// Whether an optional field holds nothing, and so is left out of a written file.
fn is_empty<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl budget::Item for RawSource {}
impl budget::Item for RawPosition {}
impl budget::Item for RawClaim {}
impl budget::Item for RawQuote {}
impl budget::Item for RawLint {}

#[cfg(test)]
mod tests {
    use super::schema::{self, Field, Kind};
    use super::*;

    fn keys(v: &serde_yaml::Value) -> Vec<String> {
        let mut k: Vec<String> = v
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap().to_string())
            .collect();
        k.sort();
        k
    }

    fn names(fields: &[Field]) -> Vec<String> {
        let mut n: Vec<String> = fields.iter().map(|f| f.name.to_string()).collect();
        n.sort();
        n
    }

    fn quote() -> RawQuote {
        RawQuote {
            source: "s".into(),
            text: "t".into(),
            speaker: Some("x".into()),
            translation: Some("y".into()),
            act: Some("asks".into()),
        }
    }

    /// The lenient reader's schema must name exactly the fields serde reads.
    #[test]
    fn schema_matches_the_structs() {
        let full = RawDebate {
            version: 1,
            title: "t".into(),
            description: Some("d".into()),
            sources: vec![RawSource {
                id: "s".into(),
                title: "t".into(),
                author: Some("a".into()),
                date: Some("d".into()),
                url: Some("u".into()),
                language: Some("l".into()),
                file: Some("f".into()),
                excerpt: Some("e".into()),
            }],
            positions: vec![RawPosition {
                id: "p".into(),
                title: "t".into(),
                summary: Some("s".into()),
                quotes: vec![quote()],
                cites: vec!["s".into()],
            }],
            claims: vec![RawClaim {
                id: "c".into(),
                position: "p".into(),
                text: "t".into(),
                quotes: vec![quote()],
                supports: vec!["p".into()],
                rebuts: vec!["q".into()],
                tags: vec!["x".into()],
                cites: vec!["s".into()],
                expect: Some("stands".into()),
            }],
            lint: Some(RawLint {
                allow: vec!["unlinked-claim".into()],
            }),
        };
        let v = serde_yaml::to_value(&full).unwrap();
        assert_eq!(keys(&v), names(schema::DEBATE));
        assert_eq!(keys(&v["sources"][0]), names(schema::SOURCE));
        assert_eq!(keys(&v["positions"][0]), names(schema::POSITION));
        assert_eq!(keys(&v["claims"][0]), names(schema::CLAIM));
        assert_eq!(keys(&v["claims"][0]["quotes"][0]), names(schema::QUOTE));
        assert_eq!(keys(&v["lint"]), names(schema::LINT));
        let required: Vec<&str> = schema::CLAIM
            .iter()
            .filter(|f| f.kind == Kind::Str && f.required)
            .map(|f| f.name)
            .collect();
        assert_eq!(required, ["id", "position", "text"]);
    }

    #[test]
    fn budget_stops_a_wide_alias() {
        let mut yaml = String::from("version: 1\ntitle: t\npositions: []\nclaims:\n");
        yaml.push_str("- &c {id: a, position: p, text: t, tags: &t [");
        yaml.push_str(&"x,".repeat(2000));
        yaml.push_str("x]}\n");
        for _ in 0..2000 {
            yaml.push_str("- *c\n");
        }
        let (res, exceeded) =
            budget::scoped(yaml.len(), || serde_yaml::from_str::<RawDebate>(&yaml));
        assert!(exceeded);
        assert!(res.unwrap_err().to_string().contains("aliases"));
    }

    #[test]
    fn budget_allows_a_plain_file() {
        let yaml = "version: 1\ntitle: t\npositions: [{id: p, title: P}]\nclaims:\n- {id: a, position: p, text: t, tags: [x, y, z]}\n";
        let (res, exceeded) =
            budget::scoped(yaml.len(), || serde_yaml::from_str::<RawDebate>(yaml));
        assert!(!exceeded);
        assert_eq!(res.unwrap().claims[0].tags.len(), 3);
    }
}
