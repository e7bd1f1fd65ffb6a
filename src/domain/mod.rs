//! The debate itself: the graph, loading and validation, quote verification, search,
//! paths and their export.
//! Pure Rust, no terminal: everything the command line and the explorer share.

pub mod builtin;
pub mod diag;
pub mod export;
pub mod generate;
pub mod import;
pub mod load;
pub mod locate;
pub mod model;
pub mod path;
pub mod progress;
pub mod quote;
pub mod raw;
pub mod save;
pub mod search;
mod split;
pub mod text;
pub mod validate;

pub use diag::{Diagnostic, LoadError};
pub use load::{Loaded, load_bytes, load_path};
pub use model::{Claim, Debate, Link, NodeId, Passage, Position, Quote, Relation, Source, Step};
pub use validate::Stats;
