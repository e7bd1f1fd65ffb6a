//! The generic YAML value the lenient reader walks when serde cannot read the file
//! into the raw structs: read under the alias budget, with duplicate keys refused and
//! whatever lies deeper than the schema skipped rather than built.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Mapping, Value};

use crate::domain::load::raw::budget;

/// Reads `text` as a YAML value; the caller sets the budget ([`budget::scoped`]).
pub fn read(text: &str) -> Result<Value, serde_yaml::Error> {
    de::DeserializeSeed::deserialize(Seed(0), serde_yaml::Deserializer::from_str(text))
}

/// Format v1 nests five levels deep (debate, claims, claim, quotes, quote); anything
/// deeper is of the wrong kind wherever it stands, so it is skipped, not built.
const SCHEMA_DEPTH: usize = 6;

/// What stands in for a skipped value: of no kind the schema accepts.
fn skipped() -> Value {
    Value::Tagged(Box::new(serde_yaml::value::TaggedValue {
        tag: serde_yaml::value::Tag::new("skipped"),
        value: Value::Null,
    }))
}

/// A YAML value read under the alias budget, with duplicate keys refused and what lies
/// deeper than the schema skipped. The number is the depth.
struct BoundedValue(usize);

impl<'de> Visitor<'de> for BoundedValue {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        budget::charge(0, v.len())?;
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        budget::charge(0, v.len())?;
        Ok(Value::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        de::DeserializeSeed::deserialize(Seed(self.0), d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Seed(self.0 + 1))? {
            budget::charge::<A::Error>(1, 0)?;
            out.push(v);
        }
        Ok(Value::Sequence(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Mapping::new();
        while let Some(k) = map.next_key_seed(Seed(self.0 + 1))? {
            let v = map.next_value_seed(Seed(self.0 + 1))?;
            budget::charge::<A::Error>(1, 0)?;
            if out.contains_key(&k) {
                let shown = k.as_str().map_or_else(|| "?".to_string(), str::to_string);
                return Err(de::Error::custom(format!("duplicate field `{shown}`")));
            }
            out.insert(k, v);
        }
        Ok(Value::Mapping(out))
    }
}

struct Seed(usize);

impl<'de> de::DeserializeSeed<'de> for Seed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.0 > SCHEMA_DEPTH {
            d.deserialize_any(Skip)?;
            return Ok(skipped());
        }
        d.deserialize_any(BoundedValue(self.0))
    }
}

/// Walks a value without building it. Unlike `IgnoredAny`, it goes through
/// `deserialize_any`, where serde_yaml enforces its depth limit, and it charges the
/// elements it passes so that aliases in skipped parts stay bounded too.
struct Skip;

impl<'de> Visitor<'de> for Skip {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(SkipSeed)?.is_some() {
            budget::charge::<A::Error>(1, 0)?;
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(SkipSeed)?.is_some() {
            map.next_value_seed(SkipSeed)?;
            budget::charge::<A::Error>(1, 0)?;
        }
        Ok(())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        let ((), variant) = data.variant_seed(SkipSeed)?;
        variant.newtype_variant_seed(SkipSeed)
    }
}

struct SkipSeed;

impl<'de> de::DeserializeSeed<'de> for SkipSeed {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Skip)
    }
}
