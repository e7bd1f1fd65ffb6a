//! The debate graph, the tree the explorer reads it as, and the paths a reader walks
//! through it.

pub mod model;
pub mod path;
pub mod tree;
