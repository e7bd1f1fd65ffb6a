//! The debate graph, the paths a reader walks through it, and which of its claims stand.

pub mod model;
pub mod path;
pub mod status;
