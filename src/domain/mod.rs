//! The debate itself: the graph, loading and validation, quote verification, search,
//! paths and their export.
//! Pure Rust, no terminal: everything the command line and the explorer share.
//!
//! The folders follow a debate's way through the program:
//! - [`open`]: a file in any format, told by content and handed to `load` or `import`;
//! - [`load`]: reading a file and validating it into a [`Debate`], with every problem found;
//! - [`import`]: Kialo exports and AIF maps, read into the same raw structs as a YAML file;
//! - [`graph`]: the debate graph and the paths a reader walks through it;
//! - [`search`]: the search index and its ranking;
//! - [`export`]: a path or a whole debate as a document or a graph;
//! - [`save`]: writing a file without ever losing the earlier one;
//! - [`session`]: what the explorer remembers of a debate between two runs, as ids.
//!
//! [`text`] holds the text helpers every layer shares (making untrusted text visible,
//! measuring and wrapping it); [`builtin`] is the embedded debate and [`generate`] makes
//! debates of any size for tests and benchmarks.

pub mod builtin;
pub mod clip;
pub mod export;
pub mod generate;
pub mod graph;
pub mod import;
pub mod load;
pub mod open;
pub mod save;
pub mod search;
pub mod session;
pub mod sources;
pub mod text;

pub use graph::model::{
    Claim, Debate, Link, NodeId, Passage, Position, Quote, Relation, Source, Step,
};
pub use load::Loaded;
pub use load::diag::{Diagnostic, LoadError};
pub use load::validate::Stats;
pub use open::{load_bytes, load_path};
