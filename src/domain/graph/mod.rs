//! The debate graph, the tree the explorer reads it as, the paths a reader walks
//! through it, and which of its claims stand.

pub mod model;
pub mod path;
pub mod status;
pub mod tree;
