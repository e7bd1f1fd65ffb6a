//! The JSON text read into the nodeset's lists: for a node its id, type and text, for
//! an edge the ids at its ends, for a locution its node and person, for a participant
//! its id and name. Strings are borrowed from the text where the JSON writes them
//! without escapes; of anything of the wrong shape only what it is (`a list`) is kept,
//! for the message. A syntax error is reported at its line and column.
//!
//! The text is read in one pass. Every value goes through the same parser calls
//! whatever its shape, so syntax errors, the nesting limit among them, come out as
//! they would for any JSON value.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::domain::load::diag::{Diagnostic, LoadError, without_place};

/// A node's type, as far as the import tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    I,
    L,
    Ra,
    Ca,
    Ya,
    /// A rephrase.
    Ma,
    /// A preference.
    Pa,
    /// TA (a transition between locutions) and anything else: no link.
    Other,
    /// An item of `nodes` that is no node the import can use: reported, linked to
    /// nothing.
    Unread(Fault),
}

impl Kind {
    fn of(t: &str) -> Kind {
        let t = t.trim();
        let is = |name: &str| t.eq_ignore_ascii_case(name);
        if is("I") {
            Kind::I
        } else if is("L") {
            Kind::L
        } else if is("RA") {
            Kind::Ra
        } else if is("CA") {
            Kind::Ca
        } else if is("YA") {
            Kind::Ya
        } else if is("MA") {
            Kind::Ma
        } else if is("PA") {
            Kind::Pa
        } else {
            Kind::Other
        }
    }
}

/// What is wrong with an item of `nodes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fault {
    /// The item is not an object.
    NotObject(What),
    /// Its `nodeID` is neither text nor a whole number.
    Id(What),
    /// Its `type` is not text.
    Type(What),
    /// Its `text` is not text, where the type needs one.
    Text(What),
    /// An I node whose text is blank.
    NoText,
    /// Its id is that of an earlier node.
    Duplicate,
}

/// A node as read: its id, type and text (trimmed), borrowed from the file where it
/// can be.
#[derive(Debug)]
pub(super) struct Node<'a> {
    pub(super) id: Cow<'a, str>,
    pub(super) kind: Kind,
    pub(super) text: Cow<'a, str>,
}

/// What a JSON value is, for a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum What {
    /// No value at all: the key is absent.
    Nothing,
    Null,
    Bool,
    Number,
    Text,
    List,
    Object,
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            What::Nothing => "nothing",
            What::Null => "null",
            What::Bool => "true or false",
            What::Number => "a number",
            What::Text => "text",
            What::List => "a list",
            What::Object => "an object",
        })
    }
}

/// A syntax error at its line and column, with a hint for the usual causes.
fn syntax_error(name: &str, e: &serde_json::Error) -> LoadError {
    let msg = without_place(e.to_string());
    let d = Diagnostic::new(name, e.line(), e.column(), format!("invalid JSON: {msg}"));
    let d = if e.is_eof() {
        d.note("hint: the file ends in the middle of the JSON: it looks cut short; download or save it again")
    } else if msg.contains("recursion limit") {
        d.note("hint: an AIF file nests a few levels deep; this looks like a damaged file")
    } else {
        d.note("hint: an AIF file is one JSON object with `nodes` and `edges`")
    };
    LoadError::Invalid {
        file: name.to_string(),
        problems: vec![d],
    }
}

// Reading the JSON. Each type below takes any JSON value: what it cannot use, it
// records as `What` it is, so that no shape is an error of the parser.

/// A value read by its shape: text, a whole number, or else what it is. Lists and
/// objects are read through (and their syntax checked) unless the type reads them.
trait Shape<'de>: Sized {
    /// Whether the type reads text; else text is taken for what it is, and not copied
    /// where the JSON writes it with escapes.
    const TEXT: bool = false;

    /// For any value the type does not read: what it is.
    fn other(what: What) -> Self;

    fn text(_: Cow<'de, str>) -> Self {
        Self::other(What::Text)
    }

    fn whole(_: i128) -> Self {
        Self::other(What::Number)
    }

    fn list<A: SeqAccess<'de>>(mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<Json<Skip>>()?.is_some() {}
        Ok(Self::other(What::List))
    }

    fn object<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        while map.next_entry::<Json<Skip>, Json<Skip>>()?.is_some() {}
        Ok(Self::other(What::Object))
    }
}

/// Reads a [`Shape`] from any JSON value.
struct Json<S>(S);

impl<'de, S: Shape<'de>> de::Deserialize<'de> for Json<S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor(PhantomData)).map(Json)
    }
}

struct ShapeVisitor<S>(PhantomData<S>);

impl<'de, S: Shape<'de>> Visitor<'de> for ShapeVisitor<S> {
    type Value = S;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<S, E> {
        Ok(S::other(What::Null))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<S, E> {
        Ok(S::other(What::Bool))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<S, E> {
        Ok(S::whole(n.into()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<S, E> {
        Ok(S::whole(n.into()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<S, E> {
        Ok(S::other(What::Number))
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<S, E> {
        Ok(S::text(Cow::Borrowed(s)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<S, E> {
        Ok(if S::TEXT {
            S::text(Cow::Owned(s.to_string()))
        } else {
            S::other(What::Text)
        })
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<S, E> {
        Ok(S::text(Cow::Owned(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S, A::Error> {
        S::list(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<S, A::Error> {
        S::object(map)
    }
}

/// A value the import does not look into.
struct Skip;

impl Shape<'_> for Skip {
    fn other(_: What) -> Self {
        Skip
    }
}

/// A field's value: text, a whole number (written as text), or else what it is.
enum Scalar<'a> {
    Text(Cow<'a, str>),
    Whole(String),
    Other(What),
}

impl<'a> Shape<'a> for Scalar<'a> {
    const TEXT: bool = true;

    fn other(what: What) -> Self {
        Scalar::Other(what)
    }

    fn text(s: Cow<'a, str>) -> Self {
        Scalar::Text(s)
    }

    fn whole(n: i128) -> Self {
        Scalar::Whole(n.to_string())
    }
}

impl<'a> Scalar<'a> {
    fn what(&self) -> What {
        match self {
            Scalar::Text(_) => What::Text,
            Scalar::Whole(_) => What::Number,
            Scalar::Other(w) => *w,
        }
    }

    /// An id written as text or as a whole number, as text; else what stands there.
    fn id(self) -> Result<Cow<'a, str>, What> {
        match self {
            Scalar::Text(s) => Ok(s),
            Scalar::Whole(n) => Ok(Cow::Owned(n)),
            Scalar::Other(w) => Err(w),
        }
    }

    /// The text, trimmed, if the value is text (or a whole number, as text).
    fn trimmed(self) -> Option<Cow<'a, str>> {
        match self {
            Scalar::Text(s) => Some(trim(s)),
            Scalar::Whole(n) => Some(Cow::Owned(n)),
            Scalar::Other(_) => None,
        }
    }
}

/// `s` without the white space around it.
fn trim(s: Cow<'_, str>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
    }
}

/// The next key of `map`: its place among `names`, `Some(None)` for any other key.
fn next_key<'de, A: MapAccess<'de>>(
    map: &mut A,
    names: &'static [&'static str],
) -> Result<Option<Option<usize>>, A::Error> {
    map.next_key_seed(KeySeed(names))
}

struct KeySeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|&n| n == s))
    }
}

/// The fields of `map` among `names`, each its last value (as a JSON reader keeps it);
/// the values of other keys are read through.
fn fields<'de, A: MapAccess<'de>, T: Shape<'de>, const N: usize>(
    mut map: A,
    names: &'static [&'static str; N],
) -> Result<[Option<T>; N], A::Error> {
    let mut found: [Option<T>; N] = std::array::from_fn(|_| None);
    while let Some(key) = next_key(&mut map, names)? {
        match key {
            Some(k) => found[k] = Some(map.next_value::<Json<T>>()?.0),
            None => {
                map.next_value::<Json<Skip>>()?;
            }
        }
    }
    Ok(found)
}

/// A list of the nodeset: its items, or what stands in its place.
pub(super) enum List<T> {
    Items(Vec<T>),
    Not(What),
}

impl<'de, T: Shape<'de>> Shape<'de> for List<T> {
    fn other(what: What) -> Self {
        List::Not(what)
    }

    fn list<A: SeqAccess<'de>>(mut seq: A) -> Result<Self, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Json(item)) = seq.next_element::<Json<T>>()? {
            items.push(item);
        }
        Ok(List::Items(items))
    }
}

impl<'a> Shape<'a> for Node<'a> {
    fn other(what: What) -> Self {
        Node::unread(Fault::NotObject(what))
    }

    fn object<A: MapAccess<'a>>(map: A) -> Result<Self, A::Error> {
        // AIF names the id `nodeID`, OVA2 `id`.
        let [id, ova2_id, kind, text] = fields(map, &["nodeID", "id", "type", "text"])?;
        Ok(Node::read(id.or(ova2_id), kind, text).unwrap_or_else(Node::unread))
    }
}

impl<'a> Node<'a> {
    fn unread(fault: Fault) -> Self {
        Node {
            id: Cow::Borrowed(""),
            kind: Kind::Unread(fault),
            text: Cow::Borrowed(""),
        }
    }

    /// A node from its fields, or the first thing wrong with them (a fault found
    /// once the id is known is in the node's kind).
    fn read(
        id: Option<Scalar<'a>>,
        kind: Option<Scalar<'a>>,
        text: Option<Scalar<'a>>,
    ) -> Result<Self, Fault> {
        let what = |v: &Option<Scalar>| v.as_ref().map_or(What::Nothing, Scalar::what);
        let id = match id {
            Some(v) => v.id().map_err(Fault::Id)?,
            None => return Err(Fault::Id(What::Nothing)),
        };
        let kind = match &kind {
            Some(Scalar::Text(t)) => Kind::of(t),
            other => return Err(Fault::Type(what(other))),
        };
        let text = match text {
            Some(Scalar::Text(t)) => trim(t),
            Some(Scalar::Other(What::Null)) | None if !matches!(kind, Kind::I | Kind::L) => {
                Cow::Borrowed("")
            }
            other => return Err(Fault::Text(what(&other))),
        };
        // Kept with its id, which the message names.
        let kind = if kind == Kind::I && text.is_empty() {
            Kind::Unread(Fault::NoText)
        } else {
            kind
        };
        Ok(Node { id, kind, text })
    }
}

/// An item of `edges`: the ids at its two ends, or what stands where they should be.
pub(super) enum Edge<'a> {
    Ends([Result<Cow<'a, str>, What>; 2]),
    NotObject(What),
}

impl<'a> Shape<'a> for Edge<'a> {
    fn other(what: What) -> Self {
        Edge::NotObject(what)
    }

    fn object<A: MapAccess<'a>>(map: A) -> Result<Self, A::Error> {
        // AIF gives the ids (`fromID`), OVA2 a copy of each node (`from`).
        let [from, to, from_node, to_node] =
            fields::<_, End, 4>(map, &["fromID", "toID", "from", "to"])?;
        let end = |id: Option<End<'a>>, node: Option<End<'a>>| {
            id.or(node).map_or(Err(What::Nothing), |e| e.0)
        };
        Ok(Edge::Ends([end(from, from_node), end(to, to_node)]))
    }
}

/// An end of an edge: a node id, or a node whose `nodeID` or `id` is read; else what
/// stands there.
struct End<'a>(Result<Cow<'a, str>, What>);

impl<'a> Shape<'a> for End<'a> {
    const TEXT: bool = true;

    fn other(what: What) -> Self {
        End(Err(what))
    }

    fn text(s: Cow<'a, str>) -> Self {
        End(Ok(s))
    }

    fn whole(n: i128) -> Self {
        End(Ok(Cow::Owned(n.to_string())))
    }

    fn object<A: MapAccess<'a>>(map: A) -> Result<Self, A::Error> {
        let [id, ova2_id] = fields(map, &["nodeID", "id"])?;
        Ok(End(id.or(ova2_id).map_or(Err(What::Object), Scalar::id)))
    }
}

/// An item of `locutions`: the locution's node and person, where they are ids.
pub(super) enum Locution<'a> {
    Of {
        node: Option<Cow<'a, str>>,
        person: Option<Cow<'a, str>>,
    },
    NotObject(What),
}

impl<'a> Shape<'a> for Locution<'a> {
    fn other(what: What) -> Self {
        Locution::NotObject(what)
    }

    fn object<A: MapAccess<'a>>(map: A) -> Result<Self, A::Error> {
        let [node, person] = fields::<_, Scalar, 2>(map, &["nodeID", "personID"])?;
        let id = |v: Option<Scalar<'a>>| v.and_then(|v| v.id().ok());
        Ok(Locution::Of {
            node: id(node),
            person: id(person),
        })
    }
}

/// An item of `participants`: its id, where it has one, and the name's two parts
/// (trimmed, empty where they are not text).
pub(super) struct Participant<'a> {
    pub(super) id: Option<Cow<'a, str>>,
    pub(super) firstname: Cow<'a, str>,
    pub(super) surname: Cow<'a, str>,
}

impl<'a> Shape<'a> for Participant<'a> {
    fn other(_: What) -> Self {
        Participant {
            id: None,
            firstname: Cow::Borrowed(""),
            surname: Cow::Borrowed(""),
        }
    }

    fn object<A: MapAccess<'a>>(map: A) -> Result<Self, A::Error> {
        // AIF names the id `participantID`, OVA2 `id`.
        let [id, ova2_id, first, sur] =
            fields::<_, Scalar, 4>(map, &["participantID", "id", "firstname", "surname"])?;
        let part = |v: Option<Scalar<'a>>| v.and_then(Scalar::trimmed).unwrap_or_default();
        Ok(Participant {
            id: id.or(ova2_id).and_then(|v| v.id().ok()),
            firstname: part(first),
            surname: part(sur),
        })
    }
}

/// A nodeset's lists, each `None` when its key is absent.
#[derive(Default)]
pub(super) struct Set<'a> {
    pub(super) nodes: Option<List<Node<'a>>>,
    pub(super) edges: Option<List<Edge<'a>>>,
    pub(super) locutions: Option<List<Locution<'a>>>,
    pub(super) participants: Option<List<Participant<'a>>>,
}

const SET_KEYS: [&str; 7] = [
    "nodes",
    "edges",
    "locutions",
    "participants",
    "AIF",
    "text",
    "analysis",
];

impl<'a> Set<'a> {
    /// Reads the nodeset's lists from `map`; with `aif`, also what its `AIF` key holds
    /// (an OVA file keeps its nodeset there), in which that key means nothing.
    fn read<A: MapAccess<'a>>(mut map: A, aif: bool) -> Result<(Self, Outer<'a>), A::Error> {
        let keys: &'static [&'static str] = if aif { &SET_KEYS } else { &SET_KEYS[..4] };
        let mut set = Set::default();
        let mut outer = Outer::default();
        while let Some(key) = next_key(&mut map, keys)? {
            match key {
                Some(0) => set.nodes = Some(map.next_value::<Json<_>>()?.0),
                Some(1) => set.edges = Some(map.next_value::<Json<_>>()?.0),
                Some(2) => set.locutions = Some(map.next_value::<Json<_>>()?.0),
                Some(3) => set.participants = Some(map.next_value::<Json<_>>()?.0),
                Some(4) => outer.aif = Some(map.next_value::<Json<Inner>>()?.0),
                Some(_) => outer
                    .transcripts
                    .push(map.next_value::<Json<Transcript>>()?.0),
                None => {
                    map.next_value::<Json<Skip>>()?;
                }
            }
        }
        Ok((set, outer))
    }
}

/// What the top level of a file holds beside a nodeset: the `AIF` key of an OVA file,
/// and the analysed text (OVA3's `text`, OVA2's `analysis`).
#[derive(Default)]
pub(super) struct Outer<'a> {
    pub(super) aif: Option<Inner<'a>>,
    pub(super) transcripts: Vec<Transcript<'a>>,
}

/// The analysed text, as HTML, and the document it comes from where the file says:
/// `"text": "<span ...>"`, `"text": {"txt": ...}` or OVA2's
/// `"analysis": {"txt": ..., "documentTitle": ...}`.
#[derive(Default)]
pub(super) struct Transcript<'a> {
    pub(super) html: Option<Cow<'a, str>>,
    pub(super) title: Option<Cow<'a, str>>,
    pub(super) url: Option<Cow<'a, str>>,
    pub(super) date: Option<Cow<'a, str>>,
}

impl<'a> Shape<'a> for Transcript<'a> {
    const TEXT: bool = true;

    fn other(_: What) -> Self {
        Transcript::default()
    }

    fn text(s: Cow<'a, str>) -> Self {
        Transcript {
            html: Some(s),
            ..Transcript::default()
        }
    }

    fn object<A: MapAccess<'a>>(map: A) -> Result<Self, A::Error> {
        let [html, title, url, date] = fields::<_, Scalar, 4>(
            map,
            &["txt", "documentTitle", "documentSource", "documentDate"],
        )?;
        let text = |v: Option<Scalar<'a>>| v.and_then(Scalar::trimmed).filter(|t| !t.is_empty());
        Ok(Transcript {
            html: text(html),
            title: text(title),
            url: text(url),
            date: text(date),
        })
    }
}

/// The value of `AIF`: a nodeset, or what stands in its place.
pub(super) struct Inner<'a>(pub(super) Result<Set<'a>, What>);

impl<'a> Shape<'a> for Inner<'a> {
    fn other(what: What) -> Self {
        Inner(Err(what))
    }

    fn object<A: MapAccess<'a>>(map: A) -> Result<Self, A::Error> {
        Ok(Inner(Ok(Set::read(map, false)?.0)))
    }
}

/// The whole file: its top-level nodeset and what its `AIF` key holds, if it has one;
/// or what the file holds instead of an object.
pub(super) enum Root<'a> {
    Object { top: Box<Set<'a>>, outer: Outer<'a> },
    Not(What),
}

impl<'a> Shape<'a> for Root<'a> {
    fn other(what: What) -> Self {
        Root::Not(what)
    }

    fn object<A: MapAccess<'a>>(map: A) -> Result<Self, A::Error> {
        let (top, outer) = Set::read(map, true)?;
        Ok(Root::Object {
            top: Box::new(top),
            outer,
        })
    }
}

/// The file read as JSON.
pub(super) fn parse<'a>(name: &str, text: &'a str) -> Result<Root<'a>, LoadError> {
    serde_json::from_str::<Json<Root<'a>>>(text)
        .map(|r| r.0)
        .map_err(|e| syntax_error(name, &e))
}
