//! Format v1 as plain structs: what serde_yaml alone makes of a debate file, the
//! baseline the load is measured against.

use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct Plain {
    version: u64,
    title: String,
    description: Option<String>,
    #[serde(default)]
    sources: Vec<PlainSource>,
    positions: Vec<PlainPosition>,
    #[serde(default)]
    pub claims: Vec<PlainClaim>,
}
#[derive(Deserialize)]
#[allow(dead_code)]
pub struct PlainSource {
    id: String,
    title: String,
    author: Option<String>,
    date: Option<String>,
    url: Option<String>,
    language: Option<String>,
    file: Option<String>,
}
#[derive(Deserialize)]
#[allow(dead_code)]
pub struct PlainPosition {
    id: String,
    title: String,
    summary: Option<String>,
    #[serde(default)]
    quotes: Vec<PlainQuote>,
}
#[derive(Deserialize)]
#[allow(dead_code)]
pub struct PlainClaim {
    id: String,
    position: String,
    text: String,
    #[serde(default)]
    quotes: Vec<PlainQuote>,
    #[serde(default)]
    rebuts: Vec<String>,
    #[serde(default)]
    supports: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
}
#[derive(Deserialize)]
#[allow(dead_code)]
pub struct PlainQuote {
    source: String,
    text: String,
    speaker: Option<String>,
    translation: Option<String>,
}
