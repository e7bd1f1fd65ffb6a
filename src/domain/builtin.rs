//! The debate of the article, embedded in the binary with its source text.

use crate::domain::load::diag::LoadError;
use crate::domain::load::progress::Progress;
use crate::domain::load::{EmbeddedFiles, Loaded};
use crate::domain::open::{check_bytes, load_bytes};

/// The name the built-in debate goes by in messages.
pub const NAME: &str = "<built-in>/debate.yaml";

/// The debate file, as shipped in `data/`.
pub const DEBATE_YAML: &str = include_str!("../../data/debate.yaml");

/// The files the debate's sources name, by their path relative to the debate file.
pub const FILES: &[(&str, &str)] = &[(
    "sources/article.it.txt",
    include_str!("../../data/sources/article.it.txt"),
)];

/// Loads the built-in debate.
pub fn load() -> Result<Loaded, LoadError> {
    load_bytes(NAME, DEBATE_YAML.as_bytes(), &EmbeddedFiles(FILES))
}

/// Loads the built-in debate with its warnings, as `check` reports them.
pub fn check() -> Result<Loaded, LoadError> {
    check_bytes(
        NAME,
        DEBATE_YAML.as_bytes(),
        &EmbeddedFiles(FILES),
        &Progress::default(),
    )
}
